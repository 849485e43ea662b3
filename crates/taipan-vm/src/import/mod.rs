//! The import system (CPython's `Python/import.c`). As in CPython, the
//! machinery is Lib's own `importlib._bootstrap` and `_bootstrap_external`:
//! start-up runs them as `_frozen_importlib` and `_frozen_importlib_external`
//! (their code cached in `.pyc` files by `pyc.rs`, since Taipan does not
//! freeze modules into the binary), installs their finders in
//! `sys.meta_path` and `sys.path_hooks`, and an `import` that misses
//! `sys.modules` calls `_bootstrap._find_and_load`. Finders, loaders, specs,
//! packages, namespace packages and `.pyc` caching are therefore CPython's.
//!
//! Before importlib runs (while it is being loaded) and when no standard
//! library is found, a native path imports builtin modules from the module
//! table and plain `.py` files from `sys.path`.

pub(crate) mod frozen;
mod pyc;

use std::cell::Cell;

use crate::object::Obj;
use crate::objects::builtin_func::BuiltinFunctionData;
use crate::objects::descriptor::MethodDef;
use crate::objects::{dict, module, str as pystr};
use crate::vm::{PyResult, Vm};

/// Modules the VM itself creates at start-up (before the module table).
const CORE_MODULE_NAMES: &[&str] = &["builtins", "sys"];

/// `sys.builtin_module_names`: the VM's own modules and those of the
/// interpreter's module table, sorted.
pub(crate) fn builtin_module_names(vm: &Vm) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = CORE_MODULE_NAMES.to_vec();
    names.extend(vm.module_table.iter().map(|d| d.name));
    names.sort_unstable();
    names.dedup();
    names
}

/// As `is_builtin_module_name`, from the interpreter's state alone (for
/// the fatal-error dump, which has no `Vm`).
pub(crate) fn is_native_module_name(interp: &crate::pystate::Interpreter, name: &str) -> bool {
    CORE_MODULE_NAMES.contains(&name) || interp.module_table.iter().any(|d| d.name == name)
}

pub(crate) fn is_builtin_module_name(vm: &Vm, name: &str) -> bool {
    CORE_MODULE_NAMES.contains(&name) || vm.module_table.iter().any(|d| d.name == name)
}

/// Create a module of the module table and enter it in `sys.modules`
/// (CPython's `create_builtin` + `exec_builtin`); None if the table has no
/// module of that name.
pub(crate) fn import_builtin(vm: &Vm, name: &str) -> PyResult<Option<Obj>> {
    let Some(def) = vm.module_table.iter().find(|d| d.name == name).copied() else {
        return Ok(None);
    };
    let m = (def.init)(vm)?;
    let modules = sys_modules(vm);
    dict::set_item_str(vm, &modules, name, m.clone())?;
    Ok(Some(dict::get_item_str(vm, &modules, name).unwrap_or(m)))
}

/// `_imp.is_builtin(name)`: -1 for the modules that cannot be created
/// again (`sys`, `builtins`), 1 for the others of the module table, 0 if
/// it has no such module.
pub fn is_builtin(vm: &Vm, name: &str) -> i32 {
    if CORE_MODULE_NAMES.contains(&name) {
        -1
    } else if vm.module_table.iter().any(|d| d.name == name) {
        1
    } else {
        0
    }
}

/// `_imp.create_builtin(spec)`: a new module of the module table (the
/// existing one for `sys` and `builtins`), not entered in `sys.modules`.
pub fn create_builtin(vm: &Vm, name: &str) -> PyResult<Option<Obj>> {
    match name {
        "sys" => return Ok(Some(vm.sys_module())),
        "builtins" => return Ok(Some(vm.builtins_module())),
        _ => {}
    }
    match vm.module_table.iter().find(|d| d.name == name).copied() {
        Some(def) => Ok(Some((def.init)(vm)?)),
        None => Ok(None),
    }
}

/// The import lock (CPython's `import_lock` in `Python/import.c`): a
/// reentrant lock owned by one thread. Another thread asking for it waits
/// with the GIL released. `os.fork()` takes it around the fork so that the
/// child never sees a half-done import of another thread.
#[derive(Default)]
pub(crate) struct ImportLock {
    raw: crate::pythread::RawLock,
    /// The holding thread's identifier (read and written under the GIL).
    owner: Cell<Option<u64>>,
    /// How many times the owner acquired it.
    level: Cell<usize>,
}

/// `_imp.acquire_lock()`: take the import lock, waiting without the GIL
/// while another thread holds it.
pub fn acquire_import_lock(vm: &Vm) {
    let me = vm.thread.ident;
    let lock = &vm.import_lock;
    if lock.owner.get() == Some(me) {
        lock.level.set(lock.level.get() + 1);
        return;
    }
    // At exit the main thread keeps the GIL for good: a daemon thread that
    // holds the import lock will never run again to release it, so the
    // main thread takes it over instead of hanging.
    if !lock.raw.try_acquire() && !vm.gil.is_frozen() {
        let raw = &lock.raw;
        vm.allow_threads(|| raw.wait_acquire(None, false));
    }
    lock.owner.set(Some(me));
    lock.level.set(1);
}

/// `_imp.release_lock()`.
pub fn release_import_lock(vm: &Vm) -> PyResult<()> {
    let lock = &vm.import_lock;
    if lock.owner.get() != Some(vm.thread.ident) {
        return Err(vm.runtime_error("not holding the import lock"));
    }
    let level = lock.level.get() - 1;
    lock.level.set(level);
    if level == 0 {
        lock.owner.set(None);
        lock.raw.release();
    }
    Ok(())
}

/// `_imp.lock_held()`: does any thread hold the import lock?
pub fn import_lock_held(vm: &Vm) -> bool {
    vm.import_lock.owner.get().is_some()
}

/// In a forked child (CPython's `_PyImport_ReInitLock`): the forking thread
/// took the lock before the fork. If it held it already (a fork in the
/// middle of an import) it keeps its outer level; otherwise it is free.
pub(crate) fn reinit_import_lock_after_fork(vm: &Vm) {
    let lock = &vm.import_lock;
    lock.raw.reinit();
    if lock.level.get() > 1 {
        lock.raw.try_acquire();
        lock.owner.set(Some(vm.thread.ident));
        lock.level.set(lock.level.get() - 1);
    } else {
        lock.owner.set(None);
        lock.level.set(0);
    }
}

/// `_imp.source_hash(key, source)`: SipHash-1-3 of the source keyed with
/// `key` (CPython's `_Py_KeyedHash`), as the 8 bytes hash-based `.pyc`
/// files store.
pub fn source_hash(key: u64, source: &[u8]) -> [u8; 8] {
    crate::hash::siphash13((key, 0), source).to_le_bytes()
}

/// Is `f` the builtin `__import__` (so IMPORT_NAME may skip the call)?
pub(crate) fn is_builtin_import(_vm: &Vm, f: &Obj) -> bool {
    f.payload::<BuiltinFunctionData>().is_some_and(|d| d.def.name == "__import__" && d.module.is_some())
}

fn sys_modules(vm: &Vm) -> Obj {
    vm.modules.borrow().clone().expect("sys.modules")
}

/// The interpreter's `sys.modules` dict.
pub(crate) fn sys_modules_dict(vm: &Vm) -> Obj {
    sys_modules(vm)
}

fn module_not_found(vm: &Vm, name: &str) -> crate::vm::PyErr {
    let e = vm.new_exception_msg(&vm.ctx.exceptions.module_not_found_error, &format!("No module named '{name}'"));
    crate::objects::exceptions::set_extra(&e.0, "name", vm.new_str(name));
    e
}

pub use pyc::{magic_bytes, CACHE_TAG, MAGIC_NUMBER};

/// Run Lib's `importlib._bootstrap` and `_bootstrap_external` and install
/// their finders (CPython's `init_importlib` and `init_importlib_external`).
/// Without a standard library, or if it fails, imports stay native (the
/// failure is reported: the interpreter still runs builtin-only programs).
pub(crate) fn init_importlib(vm: &Vm) {
    let Some(lib) = stdlib_dir(vm.config.borrow().ignore_environment) else { return };
    if let Err(e) = load_importlib(vm, std::path::Path::new(&lib)) {
        let msg = crate::pythonrun::format_exception(vm, e.value());
        eprint!("taipan: importlib from {lib} did not start; importing natively\n{msg}");
        let modules = sys_modules(vm);
        for name in ["_frozen_importlib", "_frozen_importlib_external"] {
            let _ = dict::del_item(vm, &modules, &vm.new_str(name));
        }
    }
}

fn load_importlib(vm: &Vm, lib: &std::path::Path) -> PyResult<()> {
    let dir = lib.join("importlib");
    let bootstrap = run_bootstrap_module(vm, "_frozen_importlib", &dir.join("_bootstrap.py"))?;
    // `_bootstrap_external` runs before `_bootstrap._setup`, so that setup
    // gives it (and the builtin modules it imports: posix, marshal, ...) a
    // `__spec__` and `__loader__`, as CPython's frozen import of it does.
    let external = run_bootstrap_module(vm, "_frozen_importlib_external", &dir.join("_bootstrap_external.py"))?;
    // Taipan's own magic number, so a CPython `.pyc` is never trusted (the
    // cache tag already keeps the files apart).
    vm.setattr_str(&external, "MAGIC_NUMBER", &vm.new_bytes(magic_bytes().to_vec()))?;
    vm.setattr_str(&external, "_RAW_MAGIC_NUMBER", &vm.new_int(u32::from_le_bytes(magic_bytes()) as i64))?;
    let imp = import_absolute(vm, "_imp")?;
    vm.call(&vm.getattr_str(&bootstrap, "_install")?, &[vm.sys_module(), imp], None)?;
    vm.call(&vm.getattr_str(&bootstrap, "_install_external_importers")?, &[], None)?;
    *vm.importlib.borrow_mut() = Some(bootstrap);
    install_zipimport(vm);
    Ok(())
}

/// The zip archive path hook first in `sys.path_hooks`, as CPython's
/// `_PyImportZip_Init` puts `zipimport.zipimporter` there. Importing
/// zipimport costs start-up time that most programs never use, so the hook
/// imports it only for a path that can be an archive: one whose longest
/// existing prefix is a regular file (zipimporter's own test); others are
/// declined at once with zipimporter's message.
fn install_zipimport(vm: &Vm) {
    static ZIP_PATH_HOOK: MethodDef = MethodDef::static_("zipimporter", zip_path_hook);
    let hook = crate::objects::builtin_func::new_method_function(vm, &ZIP_PATH_HOOK, None);
    if let Some(hooks) = crate::modules::sys::sys_attr(vm, "path_hooks") {
        let _ = vm.call_method(&hooks, "insert", &[vm.new_int(0), hook]);
    }
}

fn zip_path_hook(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| crate::objects::tuple::len(k) > 0) {
        return Err(vm.type_error("zipimporter() takes no keyword arguments"));
    }
    if let [path] = a {
        if let Some(p) = pystr::as_str(path) {
            let declined = if p.is_empty() {
                Some("archive path is empty")
            } else if !may_be_zip_archive(p) {
                Some("not a Zip file")
            } else {
                None
            };
            if let Some(msg) = declined {
                let e = vm.import_error(msg);
                crate::objects::exceptions::set_extra(&e.0, "path", path.clone());
                return Err(e);
            }
        }
    }
    let zipimporter = vm.getattr_str(&import_module(vm, "zipimport")?, "zipimporter")?;
    vm.call(&zipimporter, a, None)
}

/// zipimporter's walk: the longest prefix of `path` that exists must be a
/// regular file (the archive; the rest is a directory inside it).
fn may_be_zip_archive(path: &str) -> bool {
    let mut p = std::path::Path::new(path);
    loop {
        match std::fs::metadata(p) {
            Ok(m) => return m.is_file(),
            Err(_) => match p.parent() {
                Some(parent) if !parent.as_os_str().is_empty() && parent != p => p = parent,
                _ => return false,
            },
        }
    }
}

/// The `co_filename` of importlib's bootstrap code, as CPython's frozen
/// modules have it: tracebacks show it, and import errors are trimmed of it.
const BOOTSTRAP_FILENAME: &str = "<frozen importlib._bootstrap>";
const EXTERNAL_FILENAME: &str = "<frozen importlib._bootstrap_external>";

/// Execute one of importlib's bootstrap files as the module `name`.
fn run_bootstrap_module(vm: &Vm, name: &str, path: &std::path::Path) -> PyResult<Obj> {
    let code = pyc::load_code(vm, path, &frozen::bootstrap_filename(name))?;
    let m = module::new_module(vm, name);
    let d = module::module_dict(&m);
    // What `_bootstrap._setup` expects of a module imported frozen before
    // importlib ran (CPython's PyImport_ImportFrozenModuleObject sets it).
    dict::set_item_str(vm, &d, "__origname__", vm.new_str(frozen::origname(name)))?;
    let modules = sys_modules(vm);
    dict::set_item_str(vm, &modules, name, m.clone())?;
    crate::eval::run_code(vm, &code, &d, None)?;
    Ok(m)
}

/// `builtins.__import__` as the program sees it (importlib calls it for
/// the submodules of a fromlist).
fn import_func(vm: &Vm) -> Obj {
    let builtins = module::module_dict(&vm.builtins_module());
    dict::get_item_str(vm, &builtins, "__import__").unwrap_or_else(|| vm.none())
}

/// `sys.modules[name]`, waiting for a module another import is still
/// initialising; else imported by importlib (CPython's
/// `import_get_module`, `import_ensure_initialized` and
/// `import_find_and_load`).
fn get_or_load(vm: &Vm, importlib: &Obj, name: &str) -> PyResult<Obj> {
    let modules = sys_modules(vm);
    if let Some(m) = dict::get_item_str(vm, &modules, name).filter(|m| !vm.is_none(m)) {
        if is_initializing(vm, &m)? {
            let unlock = vm.getattr_str(importlib, "_lock_unlock_module")?;
            vm.call(&unlock, &[vm.new_str(name)], None)?;
        }
        return Ok(m);
    }
    let find_and_load = vm.getattr_str(importlib, "_find_and_load")?;
    if !vm.config.borrow().import_time {
        return vm.call(&find_and_load, &[vm.new_str(name), import_func(vm)], None);
    }
    import_time::timed(name, || vm.call(&find_and_load, &[vm.new_str(name), import_func(vm)], None))
}

/// `-X importtime` (CPython's `import_find_and_load`): for each import
/// that runs importlib, its own time (less the imports nested in it) and
/// its cumulative time in microseconds, indented by nesting, written to
/// the C stderr once the import ends (failed ones included).
mod import_time {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};

    static HEADER_DONE: AtomicBool = AtomicBool::new(false);
    static LEVEL: AtomicUsize = AtomicUsize::new(0);
    /// Nanoseconds spent in the nested imports of the current one.
    static NESTED_NS: AtomicU64 = AtomicU64::new(0);

    pub(super) fn timed<T>(name: &str, import: impl FnOnce() -> T) -> T {
        let mut err = std::io::stderr().lock();
        if !HEADER_DONE.swap(true, Relaxed) {
            let _ = writeln!(err, "import time: self [us] | cumulative | imported package");
        }
        drop(err);
        let outer_nested = NESTED_NS.swap(0, Relaxed);
        let level = LEVEL.fetch_add(1, Relaxed);
        let start = std::time::Instant::now();
        let result = import();
        let cumulative = start.elapsed().as_nanos() as u64;
        LEVEL.store(level, Relaxed);
        let own = cumulative.saturating_sub(NESTED_NS.load(Relaxed));
        let _ = writeln!(
            std::io::stderr().lock(),
            "import time: {:>9} | {:>10} | {:indent$}{}",
            own.div_ceil(1000),
            cumulative.div_ceil(1000),
            "",
            name,
            indent = level * 2
        );
        NESTED_NS.store(outer_nested + cumulative, Relaxed);
        result
    }
}

/// `module.__spec__._initializing` (CPython's `_PyModuleSpec_IsInitializing`).
fn is_initializing(vm: &Vm, m: &Obj) -> PyResult<bool> {
    let Some(spec) = vm.getattr_str_opt(m, "__spec__")? else { return Ok(false) };
    if vm.is_none(&spec) {
        return Ok(false);
    }
    match vm.getattr_str_opt(&spec, "_initializing")? {
        Some(v) => vm.is_true(&v),
        None => Ok(false),
    }
}

/// Import the absolute dotted `name` and return the last module
/// (`PyImport_ImportModule`).
pub(crate) fn import_module(vm: &Vm, name: &str) -> PyResult<Obj> {
    let importlib = vm.importlib.borrow().clone();
    match importlib {
        Some(importlib) => get_or_load(vm, &importlib, name),
        None => import_absolute(vm, name),
    }
}

/// `__import__(name, globals, locals, fromlist, level)`
/// (`PyImport_ImportModuleLevelObject`).
pub(crate) fn import_module_level(vm: &Vm, name: &Obj, globals: &Obj, fromlist: &Obj, level: &Obj) -> PyResult<Obj> {
    let Some(name_str) = pystr::as_str(name).map(str::to_string) else {
        if pystr::data(name).is_some() {
            return import_surrogate_name(vm, name, globals, fromlist, level);
        }
        return Err(vm.type_error(format!("module name must be str, not {}", name.class().name())));
    };
    let level = vm.to_i64(level)?;
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let absolute = if level > 0 { resolve_name(vm, &name_str, globals, level as usize)? } else { name_str.clone() };
    if absolute.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let importlib = vm.importlib.borrow().clone();
    match importlib {
        Some(importlib) => import_with_importlib(vm, &importlib, &name_str, &absolute, fromlist, level)
            .inspect_err(|e| remove_importlib_frames(vm, e)),
        None => import_natively(vm, &name_str, &absolute, fromlist, level),
    }
}

/// `__import__` of a name with lone surrogates (a file name decoded with
/// surrogateescape, as `os.fsdecode` gives for undecodable bytes): the
/// native path works on Rust `&str`, so such a name goes through
/// importlib's own `__import__`, which follows the same steps in Python.
fn import_surrogate_name(vm: &Vm, name: &Obj, globals: &Obj, fromlist: &Obj, level: &Obj) -> PyResult<Obj> {
    let Some(importlib) = vm.importlib.borrow().clone() else {
        return Err(vm.new_exception_msg(
            &vm.ctx.exceptions.import_error,
            "a module name with surrogates needs importlib, which is not loaded",
        ));
    };
    let import = vm.getattr_str(&importlib, "__import__")?;
    vm.call(&import, &[name.clone(), globals.clone(), vm.none(), fromlist.clone(), level.clone()], None)
        .inspect_err(|e| remove_importlib_frames(vm, e))
}

/// Drop importlib's own frames from an import's traceback, as CPython's
/// `remove_importlib_frames`: all of them for an ImportError, else each run
/// of them that ends in `_call_with_frames_removed` (so an error in the
/// imported module's code shows that code, not the machinery).
fn remove_importlib_frames(vm: &Vm, e: &crate::vm::PyErr) {
    use crate::objects::{exceptions, traceback};
    let exc = e.value();
    let always_trim = vm.err_matches(e, &vm.ctx.exceptions.import_error);
    let mut nodes = Vec::new();
    let mut cur = exceptions::traceback_of(exc);
    while let Some(tb) = cur {
        cur = traceback::data(&tb).next.get();
        nodes.push(tb);
    }
    let mut keep = vec![true; nodes.len()];
    let (mut in_importlib, mut chunk_start) = (false, 0);
    for (i, tb) in nodes.iter().enumerate() {
        let Some(fd) = traceback::data(tb).frame.payload::<crate::eval::frame::FrameObjectData>() else { continue };
        let code = fd.frame().code();
        let filename = code.filename();
        let now_in_importlib =
            pystr::as_str(&filename).is_some_and(|f| f == BOOTSTRAP_FILENAME || f == EXTERNAL_FILENAME);
        if now_in_importlib && !in_importlib {
            chunk_start = i;
        }
        in_importlib = now_in_importlib;
        if in_importlib && (always_trim || pystr::as_str(&code.name) == Some("_call_with_frames_removed")) {
            keep[chunk_start..=i].iter_mut().for_each(|k| *k = false);
            chunk_start = i + 1;
        }
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let kept: Vec<Obj> = nodes.into_iter().zip(keep).filter(|(_, k)| *k).map(|(tb, _)| tb).collect();
    for pair in kept.windows(2) {
        traceback::data(&pair[0]).next.set(Some(pair[1].clone()));
    }
    if let Some(last) = kept.last() {
        traceback::data(last).next.set(None);
    }
    exceptions::set_traceback(exc, kept.first().cloned());
}

fn import_with_importlib(
    vm: &Vm,
    importlib: &Obj,
    name: &str,
    absolute: &str,
    fromlist: &Obj,
    level: i64,
) -> PyResult<Obj> {
    let module = get_or_load(vm, importlib, absolute)?;
    let wants_from = !vm.is_none(fromlist) && vm.is_true(fromlist)?;
    if wants_from {
        if vm.getattr_str_opt(&module, "__path__")?.is_none() {
            return Ok(module);
        }
        let handle = vm.getattr_str(importlib, "_handle_fromlist")?;
        return vm.call(&handle, &[module, fromlist.clone(), import_func(vm)], None);
    }
    // `import a.b.c` binds `a`: the first component of what was asked.
    let Some((first, _)) = name.split_once('.') else { return Ok(module) };
    if level == 0 {
        return get_or_load(vm, importlib, first);
    }
    let cut = absolute.len() - (name.len() - first.len());
    let to_return = &absolute[..cut];
    match dict::get_item_str(vm, &sys_modules(vm), to_return) {
        Some(m) => Ok(m),
        None => Err(vm.key_error(vm.new_str(&format!("'{to_return}' not in sys.modules as expected")))),
    }
}

/// The import path used before importlib runs (or without a Lib).
fn import_natively(vm: &Vm, name_str: &str, absolute: &str, fromlist: &Obj, level: i64) -> PyResult<Obj> {
    let module = import_absolute(vm, absolute)?;
    let wants_from = !vm.is_none(fromlist) && vm.is_true(fromlist)?;
    if !wants_from {
        if level == 0 || !name_str.is_empty() {
            // `import a.b.c` binds `a`: the first component of what was asked.
            let first = name_str.split('.').next().unwrap_or("");
            if level == 0 {
                return import_absolute(vm, first);
            }
            let cut = absolute.len() - (name_str.len() - first.len());
            return import_absolute(vm, &absolute[..cut]);
        }
        return Ok(module);
    }
    handle_fromlist(vm, &module, fromlist)?;
    Ok(module)
}

/// `from package import submodule`: import submodules named in the
/// fromlist that are not attributes yet.
fn handle_fromlist(vm: &Vm, module: &Obj, fromlist: &Obj) -> PyResult<()> {
    // `sys.modules` may hold any object (a module may replace itself), so
    // the package is asked through attributes, as importlib does.
    if vm.getattr_str_opt(module, "__path__")?.is_none() {
        return Ok(());
    }
    let pkg = module_name(vm, module).unwrap_or_default();
    for item in vm.to_vec(fromlist)? {
        let Some(s) = pystr::as_str(&item) else { continue };
        if s == "*" || vm.getattr_opt(module, &item)?.is_some() {
            continue;
        }
        match import_absolute(vm, &format!("{pkg}.{s}")) {
            Ok(_) => {}
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.module_not_found_error) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn module_name(vm: &Vm, m: &Obj) -> Option<String> {
    let n = vm.getattr_str_opt(m, "__name__").ok()??;
    pystr::as_str(&n).map(str::to_string)
}

/// The absolute name of a relative import (CPython's `resolve_name`): the
/// package comes from `__package__` (checked against `__spec__.parent`),
/// else `__spec__.parent`, else `__name__` and `__path__` with an
/// ImportWarning.
fn resolve_name(vm: &Vm, name: &str, globals: &Obj, level: usize) -> PyResult<String> {
    if dict::data(globals).is_none() {
        return Err(vm.type_error("globals must be a dict"));
    }
    let package = package_of_globals(vm, globals)?;
    let no_parent = || {
        vm.new_exception_msg(&vm.ctx.exceptions.import_error, "attempted relative import with no known parent package")
    };
    if package.is_empty() {
        return Err(no_parent());
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rfind('.') {
            Some(dot) => base = &base[..dot],
            None => {
                return Err(vm.new_exception_msg(
                    &vm.ctx.exceptions.import_error,
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() { base.to_string() } else { format!("{base}.{name}") })
}

/// The package a relative import in `globals` is relative to.
fn package_of_globals(vm: &Vm, globals: &Obj) -> PyResult<String> {
    let import_warning = &vm.ctx.exceptions.by_name["ImportWarning"];
    let package = dict::get_item_str(vm, globals, "__package__").filter(|p| !vm.is_none(p));
    let spec = dict::get_item_str(vm, globals, "__spec__").filter(|s| !vm.is_none(s));
    if let Some(package) = package {
        let Some(text) = pystr::as_str(&package).map(str::to_string) else {
            return Err(vm.type_error("package must be a string"));
        };
        if let Some(spec) = spec {
            let parent = vm.getattr_str(&spec, "parent")?;
            if !vm.eq(&package, &parent)? {
                crate::warnings::warn(vm, import_warning, "__package__ != __spec__.parent", 1)?;
            }
        }
        return Ok(text);
    }
    if let Some(spec) = spec {
        let parent = vm.getattr_str(&spec, "parent")?;
        return match pystr::as_str(&parent) {
            Some(p) => Ok(p.to_string()),
            None => Err(vm.type_error("__spec__.parent must be a string")),
        };
    }
    crate::warnings::warn(
        vm,
        import_warning,
        "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__",
        1,
    )?;
    let Some(name) = dict::get_item_str(vm, globals, "__name__") else {
        return Err(vm.key_error(vm.new_str("'__name__' not in globals")));
    };
    let Some(text) = pystr::as_str(&name).map(str::to_string) else {
        return Err(vm.type_error("__name__ must be a string"));
    };
    if dict::get_item_str(vm, globals, "__path__").is_some() {
        return Ok(text);
    }
    match text.rsplit_once('.') {
        Some((parent, _)) => Ok(parent.to_string()),
        None => Ok(String::new()),
    }
}

/// Import a dotted absolute name, parents first; returns the last module.
pub(crate) fn import_absolute(vm: &Vm, name: &str) -> PyResult<Obj> {
    let modules = sys_modules(vm);
    if let Some(m) = dict::get_item_str(vm, &modules, name) {
        if vm.is_none(&m) {
            return Err(module_not_found(vm, name));
        }
        return Ok(m);
    }
    let (parent, path) = match name.rsplit_once('.') {
        Some((p, _)) => {
            let pm = import_absolute(vm, p)?;
            if let Some(m) = dict::get_item_str(vm, &modules, name) {
                return Ok(m);
            }
            let path = match vm.getattr_str_opt(&pm, "__path__")? {
                Some(path) => path_entries(vm, &path)?,
                None => {
                    let e = vm.new_exception_msg(
                        &vm.ctx.exceptions.module_not_found_error,
                        &format!("No module named '{name}'; '{p}' is not a package"),
                    );
                    crate::objects::exceptions::set_extra(&e.0, "name", vm.new_str(name));
                    return Err(e);
                }
            };
            (Some(pm), path)
        }
        None => {
            if let Some(m) = import_builtin(vm, name)? {
                return Ok(m);
            }
            if CORE_MODULE_NAMES.contains(&name) {
                return Err(vm.system_error(format!("builtin module {name} missing from sys.modules")));
            }
            let sys = vm.sys_module();
            let path = match vm.getattr_str_opt(&sys, "path")? {
                Some(p) => path_entries(vm, &p)?,
                None => Vec::new(),
            };
            (None, path)
        }
    };
    let short = name.rsplit('.').next().unwrap_or(name);
    let Some(found) = find_source(&path, short) else {
        return Err(module_not_found(vm, name));
    };
    let m = load_source_module(vm, name, &found)?;
    if let Some(p) = parent {
        vm.setattr_str(&p, short, &m)?;
    }
    Ok(m)
}

fn path_entries(vm: &Vm, path: &Obj) -> PyResult<Vec<String>> {
    Ok(vm.to_vec(path)?.iter().filter_map(|p| pystr::as_str(p).map(str::to_string)).collect())
}

/// A module's source on the path: `NAME.py` or `NAME/__init__.py`.
struct Found {
    file: std::path::PathBuf,
    package_dir: Option<std::path::PathBuf>,
}

fn find_source(path: &[String], name: &str) -> Option<Found> {
    for entry in path {
        let dir = std::path::Path::new(if entry.is_empty() { "." } else { entry });
        let pkg = dir.join(name);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            return Some(Found { file: init, package_dir: Some(pkg) });
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() {
            return Some(Found { file, package_dir: None });
        }
    }
    None
}

fn load_source_module(vm: &Vm, name: &str, found: &Found) -> PyResult<Obj> {
    let filename = found.file.to_string_lossy().into_owned();
    let source = std::fs::read(&found.file).map_err(|e| vm.io_error(&e, Some(&vm.new_str(&filename))))?;
    let code = crate::pythonrun::compile_file_source(vm, &source, &filename)?;
    let m = module::new_module(vm, name);
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__file__", vm.new_str(&filename))?;
    dict::set_item_str(vm, &d, "__cached__", vm.none())?;
    let package = match &found.package_dir {
        Some(dir) => {
            let path = vm.new_list(vec![vm.new_str(&dir.to_string_lossy())]);
            dict::set_item_str(vm, &d, "__path__", path)?;
            name.to_string()
        }
        None => name.rsplit_once('.').map(|(a, _)| a.to_string()).unwrap_or_default(),
    };
    dict::set_item_str(vm, &d, "__package__", vm.new_str(&package))?;
    let modules = sys_modules(vm);
    dict::set_item_str(vm, &modules, name, m.clone())?;
    if let Err(e) = crate::eval::run_code(vm, &code, &d, None) {
        let _ = dict::del_item(vm, &modules, &vm.new_str(name));
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(dict::get_item_str(vm, &modules, name).unwrap_or(m))
}

/// `IMPORT_FROM`: `from module import name`.
pub(crate) fn import_from(vm: &Vm, module: &Obj, name: &Obj) -> PyResult<Obj> {
    if let Some(v) = vm.getattr_opt(module, name)? {
        return Ok(v);
    }
    // The package's name as an attribute: `sys.modules` may hold any object
    // (CPython's `import_from`).
    let pkg = vm.getattr_str(module, "__name__").ok().filter(|p| pystr::data(p).is_some());
    let attr = pystr::as_str_lossy(name).into_owned();
    if let Some(pkg) = pkg.as_ref().and_then(|p| pystr::as_str(p).map(str::to_string)) {
        let full = format!("{pkg}.{attr}");
        if let Some(m) = dict::get_item_str(vm, &sys_modules(vm), &full) {
            return Ok(m);
        }
    }
    let pkg_name = pkg.map(|p| pystr::as_str_lossy(&p).into_owned()).unwrap_or_else(|| "<unknown module name>".into());
    let location = module
        .instance_dict()
        .and_then(|d| dict::get_item_str(vm, &d, "__file__"))
        .and_then(|f| pystr::as_str(&f).map(str::to_string));
    let msg = match &location {
        Some(f) if is_initializing(vm, module).unwrap_or(false) => format!(
            "cannot import name '{attr}' from partially initialized module '{pkg_name}' (most likely due to a circular import) ({f})"
        ),
        Some(f) => format!("cannot import name '{attr}' from '{pkg_name}' ({f})"),
        None => format!("cannot import name '{attr}' from '{pkg_name}' (unknown location)"),
    };
    let e = vm.new_exception_msg(&vm.ctx.exceptions.import_error, &msg);
    crate::objects::exceptions::set_extra(&e.0, "name", vm.new_str(&pkg_name));
    if let Some(f) = location {
        crate::objects::exceptions::set_extra(&e.0, "path", vm.new_str(&f));
    }
    Err(e)
}

/// The directory holding CPython 3.11's pure-Python standard library:
/// `TAIPAN_STDLIB`, else the one found when Taipan was built.
pub(crate) fn stdlib_dir(ignore_environment: bool) -> Option<String> {
    if !ignore_environment {
        if let Ok(p) = std::env::var("TAIPAN_STDLIB") {
            return Some(p);
        }
    }
    option_env!("TAIPAN_BUILD_STDLIB").map(str::to_string).filter(|p| std::path::Path::new(p).is_dir())
}

/// `_imp._fix_co_filename(code, path)`: give a code object loaded from a
/// `.pyc` (and its nested code) the source path it was found at.
pub fn fix_co_filename(vm: &Vm, code: &Obj, path: &Obj) -> PyResult<()> {
    let Some(c) = code.payload::<crate::objects::code::CodeData>() else {
        return Err(vm.type_error(format!("_fix_co_filename() argument 1 must be code, not {}", code.class().name())));
    };
    let old = c.filename();
    c.fix_filename(vm, &old, path)
}
