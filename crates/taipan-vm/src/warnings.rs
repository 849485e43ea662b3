//! Warnings (CPython's `Python/_warnings.c`): the filters, the registries
//! and `warn()`, shared by the interpreter's own warnings and by Lib's
//! `warnings` module, which imports them from `_warnings` (taipan-stdlib's
//! face of this file). Once `warnings` is imported its `filters`,
//! `defaultaction`, `_onceregistry` and `_showwarnmsg` are what count, as in
//! CPython; before that, the interpreter's own lists.
//!
//! `-W` options and `PYTHONWARNINGS` are applied by importing `warnings` at
//! start-up (its `_processoptions`), as CPython does.

use std::cell::{Cell, RefCell};

use crate::object::Obj;
use crate::objects::{code::code_of, dict, list, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

/// The interpreter's warnings state (CPython's `WarningsState`).
#[derive(Default)]
pub(crate) struct WarningsState {
    filters: RefCell<Option<Obj>>,
    once_registry: RefCell<Option<Obj>>,
    default_action: RefCell<Option<Obj>>,
    /// Bumped by `_filters_mutated()`: registries remember the version they
    /// were filled under and are cleared when it changed.
    filters_version: Cell<i64>,
}

/// A default filter of a release build: (action, None, category, module, 0).
fn default_filter(vm: &Vm, action: &str, category: &Obj, module: Option<&str>) -> Obj {
    let module = module.map(|m| vm.new_str(m)).unwrap_or_else(|| vm.none());
    vm.new_tuple(vec![vm.intern(action), vm.none(), category.clone(), module, vm.new_int(0)])
}

fn init_filters(vm: &Vm) -> Obj {
    let e = &vm.ctx.exceptions;
    vm.new_list(vec![
        default_filter(vm, "default", &e.deprecation_warning, Some("__main__")),
        default_filter(vm, "ignore", &e.deprecation_warning, None),
        default_filter(vm, "ignore", &e.by_name["PendingDeprecationWarning"], None),
        default_filter(vm, "ignore", &e.by_name["ImportWarning"], None),
        default_filter(vm, "ignore", &e.by_name["ResourceWarning"], None),
    ])
}

/// `_warnings.filters`, `_onceregistry`, `_defaultaction`: made on first use.
pub fn state_filters(vm: &Vm) -> Obj {
    vm.warnings.filters.borrow_mut().get_or_insert_with(|| init_filters(vm)).clone()
}

pub fn state_once_registry(vm: &Vm) -> Obj {
    vm.warnings.once_registry.borrow_mut().get_or_insert_with(|| vm.new_dict()).clone()
}

pub fn state_default_action(vm: &Vm) -> Obj {
    vm.warnings.default_action.borrow_mut().get_or_insert_with(|| vm.intern("default")).clone()
}

/// `_warnings._filters_mutated()`.
pub fn filters_mutated(vm: &Vm) {
    vm.warnings.filters_version.set(vm.warnings.filters_version.get() + 1);
}

/// An attribute of the `warnings` module if it has been imported
/// (CPython's `get_warnings_attr` without importing); `import_it` imports
/// it first (used when a `source` object asks for the full display).
fn warnings_attr(vm: &Vm, name: &str, import_it: bool) -> PyResult<Option<Obj>> {
    let modules = crate::modules::sys::sys_attr(vm, "modules");
    let module = match modules.as_ref().and_then(|m| dict::get_item_str(vm, m, "warnings")) {
        Some(m) => m,
        None if import_it => match crate::import::import_module(vm, "warnings") {
            Ok(m) => m,
            Err(_) => return Ok(None),
        },
        None => return Ok(None),
    };
    if vm.is_none(&module) {
        return Ok(None);
    }
    vm.getattr_str_opt(&module, name)
}

fn get_filters(vm: &Vm) -> PyResult<Obj> {
    // The module's list becomes the state's (CPython's Py_SETREF), so it
    // is still used once `warnings.filters` is deleted.
    let filters = match warnings_attr(vm, "filters", false)? {
        Some(f) => {
            *vm.warnings.filters.borrow_mut() = Some(f.clone());
            f
        }
        None => state_filters(vm),
    };
    if list::data(&filters).is_none() {
        return Err(vm.value_error("_warnings.filters must be a list"));
    }
    Ok(filters)
}

fn get_once_registry(vm: &Vm) -> PyResult<Obj> {
    // `warnings.onceregistry` (the public name) is what counts, as in CPython.
    let reg = match warnings_attr(vm, "onceregistry", false)? {
        Some(r) => r,
        None => return Ok(state_once_registry(vm)),
    };
    if dict::data(&reg).is_none() {
        return Err(vm.type_error(format!("_warnings.onceregistry must be a dict, not '{}'", reg.class().name())));
    }
    *vm.warnings.once_registry.borrow_mut() = Some(reg.clone());
    Ok(reg)
}

fn get_default_action(vm: &Vm) -> PyResult<Obj> {
    let action = match warnings_attr(vm, "defaultaction", false)? {
        Some(a) => a,
        None => return Ok(state_default_action(vm)),
    };
    if pystr::data(&action).is_none() {
        return Err(vm.type_error(format!("_warnings.defaultaction must be a string, not '{}'", action.class().name())));
    }
    *vm.warnings.default_action.borrow_mut() = Some(action.clone());
    Ok(action)
}

/// A filter's message or module pattern against the text: None matches
/// everything, a plain str (the built-in defaults) must be equal, anything
/// else is a compiled regex whose `match` is asked.
fn check_matched(vm: &Vm, pattern: &Obj, text: &Obj) -> PyResult<bool> {
    if vm.is_none(pattern) {
        return Ok(true);
    }
    if pattern.type_is(&vm.ctx.types.str) {
        return vm.rich_compare_bool(pattern, text, crate::object::typeobj::CompareOp::Eq);
    }
    let m = vm.call_method(pattern, "match", std::slice::from_ref(text))?;
    vm.is_true(&m)
}

/// The action of the first matching filter, and the filter (for errors).
fn get_filter(vm: &Vm, category: &Obj, text: &Obj, lineno: i64, module: &Obj) -> PyResult<(Obj, Obj)> {
    let filters = get_filters(vm)?;
    let mut i = 0;
    while let Some(item) = list::data(&filters).and_then(|d| d.get(i)) {
        if !item.type_is(&vm.ctx.types.tuple) || tuple::len(&item) != 5 {
            return Err(vm.value_error(format!("_warnings.filters item {i} isn't a 5-tuple")));
        }
        let f = tuple::items(&item).to_vec();
        if pystr::data(&f[0]).is_none() {
            return Err(vm.type_error(format!("action must be a string, not '{}'", f[0].class().name())));
        }
        let good_msg = check_matched(vm, &f[1], text)?;
        let good_mod = check_matched(vm, &f[3], module)?;
        let is_subclass = vm.issubclass(category, &f[2])?;
        let ln = vm.index_to_isize(&f[4])? as i64;
        if good_msg && is_subclass && good_mod && (ln == 0 || lineno == ln) {
            return Ok((f[0].clone(), item));
        }
        i += 1;
    }
    Ok((get_default_action(vm)?, vm.none()))
}

/// Has this key been warned about under the current filters? `set` records
/// it. A registry filled under older filters is cleared first.
fn already_warned(vm: &Vm, registry: &Obj, key: &Obj, set: bool) -> PyResult<bool> {
    let version = vm.new_int(vm.warnings.filters_version.get());
    let current = dict::get_item_str(vm, registry, "version");
    let same = match &current {
        Some(v) => vm.rich_compare_bool(v, &version, crate::object::typeobj::CompareOp::Eq)?,
        None => false,
    };
    if !same {
        vm.call_method(registry, "clear", &[])?;
        dict::set_item_str(vm, registry, "version", version)?;
    } else if let Some(v) = dict::get_item_opt(vm, registry, key)? {
        if vm.is_true(&v)? {
            return Ok(true);
        }
    }
    if set {
        dict::set_item(vm, registry, key.clone(), vm.bool_obj(true))?;
    }
    Ok(false)
}

/// The module name from a filename when the caller gave none: the file's
/// name without `.py` (CPython's `normalize_module`).
fn normalize_module(vm: &Vm, filename: &Obj) -> Obj {
    let name = pystr::as_str_lossy(filename);
    if name.is_empty() {
        return vm.new_str("<unknown>");
    }
    match name.strip_suffix(".py") {
        Some(stem) => vm.new_str(stem),
        None => filename.clone(),
    }
}

/// One warning, fully described (CPython's `warn_explicit`).
pub struct Explicit {
    pub category: Obj,
    pub message: Obj,
    pub filename: Obj,
    pub lineno: i64,
    pub module: Option<Obj>,
    /// A dict, or None (no registry: shown every time).
    pub registry: Option<Obj>,
    pub sourceline: Option<Obj>,
    pub source: Option<Obj>,
}

pub fn warn_explicit_full(vm: &Vm, w: Explicit) -> PyResult<()> {
    let module = w.module.unwrap_or_else(|| normalize_module(vm, &w.filename));
    let (text, category, message) = if vm.isinstance(&w.message, &vm.ctx.exceptions.by_name["Warning"])? {
        (vm.str(&w.message)?, w.message.class_obj(), w.message.clone())
    } else {
        let m = vm.call(&w.category, std::slice::from_ref(&w.message), None)?;
        (w.message.clone(), w.category.clone(), m)
    };
    let lineno_obj = vm.new_int(w.lineno);
    let key = vm.new_tuple(vec![text.clone(), category.clone(), lineno_obj.clone()]);
    let registry = w.registry.filter(|r| !vm.is_none(r));
    if let Some(reg) = &registry {
        if already_warned(vm, reg, &key, false)? {
            return Ok(());
        }
    }
    let (action, item) = get_filter(vm, &category, &text, w.lineno, &module)?;
    let action_text = pystr::as_str_lossy(&action).into_owned();
    if action_text == "error" {
        return Err(crate::vm::PyErr(message));
    }
    if action_text == "ignore" {
        return Ok(());
    }
    if action_text != "always" {
        if let Some(reg) = &registry {
            dict::set_item(vm, reg, key.clone(), vm.bool_obj(true))?;
        }
        match action_text.as_str() {
            "once" => {
                let once = get_once_registry(vm)?;
                let once_key = vm.new_tuple(vec![text.clone(), category.clone()]);
                if already_warned(vm, &once, &once_key, true)? {
                    return Ok(());
                }
            }
            "module" => {
                if let Some(reg) = &registry {
                    let alt = vm.new_tuple(vec![text.clone(), category.clone(), vm.new_int(0)]);
                    if already_warned(vm, reg, &alt, true)? {
                        return Ok(());
                    }
                }
            }
            "default" => {}
            _ => {
                let msg = format!(
                    "Unrecognized action ({}) in warnings.filters:\n {}",
                    pystr::as_str_lossy(&vm.repr(&action)?),
                    pystr::as_str_lossy(&vm.repr(&item)?)
                );
                return Err(vm.runtime_error(msg));
            }
        }
    }
    call_show_warning(vm, &category, &text, &message, &w.filename, w.lineno, &lineno_obj, w.sourceline, w.source)
}

#[allow(clippy::too_many_arguments)]
fn call_show_warning(
    vm: &Vm,
    category: &Obj,
    text: &Obj,
    message: &Obj,
    filename: &Obj,
    lineno: i64,
    lineno_obj: &Obj,
    sourceline: Option<Obj>,
    source: Option<Obj>,
) -> PyResult<()> {
    let Some(show) = warnings_attr(vm, "_showwarnmsg", source.is_some())? else {
        show_warning(vm, filename, lineno, text, category, sourceline.as_ref());
        return Ok(());
    };
    if !vm.is_callable(&show) {
        return Err(vm.type_error("warnings._showwarnmsg() must be set to a callable"));
    }
    let Some(cls) = warnings_attr(vm, "WarningMessage", false)? else {
        return Err(vm.runtime_error("unable to get warnings.WarningMessage"));
    };
    let args = vec![
        message.clone(),
        category.clone(),
        filename.clone(),
        lineno_obj.clone(),
        vm.none(),
        vm.none(),
        source.unwrap_or_else(|| vm.none()),
    ];
    let msg = vm.call(&cls, &args, None)?;
    vm.call(&show, &[msg], None)?;
    Ok(())
}

/// The display without the `warnings` module (CPython's `show_warning`):
/// `file:line: Category: text` and the stripped source line.
fn show_warning(vm: &Vm, filename: &Obj, lineno: i64, text: &Obj, category: &Obj, sourceline: Option<&Obj>) {
    let name = vm
        .getattr_str_opt(category, "__name__")
        .ok()
        .flatten()
        .map(|n| pystr::as_str_lossy(&n).into_owned())
        .unwrap_or_default();
    let text = vm.str(text).map(|t| pystr::as_str_lossy(&t).into_owned()).unwrap_or_default();
    let file = pystr::as_str_lossy(filename).into_owned();
    let mut out = format!("{file}:{lineno}: {name}: {text}\n");
    // A source line handed in (warn_explicit's module_globals) is not
    // shown: CPython 3.11's show_warning gives up at its PyUnicode_READY
    // check (which succeeds with 0) before printing it.
    let line = match sourceline {
        Some(_) => None,
        None => u32::try_from(lineno).ok().and_then(|n| source_line(&file, n)),
    };
    if let Some(line) = line {
        out.push_str(&format!("  {}\n", line.trim_start_matches([' ', '\t', '\x0c']).trim_end()));
    }
    crate::modules::sys::write_stderr(vm, &out);
}

/// Where a warning issued `stacklevel` frames up points: its globals (for
/// the registry and module), filename and line. Frames of importlib's
/// bootstrap are skipped as CPython does.
fn setup_context(vm: &Vm, stacklevel: isize) -> PyResult<(Obj, Obj, i64, Obj, Obj)> {
    let mut f = vm.thread.current_frame.get();
    let mut level = stacklevel;
    // SAFETY: the frame chain links live frames of this thread; each is
    // read while it is on the chain.
    unsafe {
        let internal = |f: *mut crate::eval::frame::Frame| {
            let name = pystr::as_str_lossy(&code_of(&(*f).code).filename()).into_owned();
            name.contains("importlib") && name.contains("_bootstrap")
        };
        if level <= 0 || (!f.is_null() && internal(f)) {
            loop {
                level -= 1;
                if level <= 0 || f.is_null() {
                    break;
                }
                f = (*f).previous;
            }
        } else {
            loop {
                level -= 1;
                if level <= 0 || f.is_null() {
                    break;
                }
                f = (*f).previous;
                while !f.is_null() && internal(f) {
                    f = (*f).previous;
                }
            }
        }
        let (globals, filename, lineno) = if f.is_null() {
            let sys = vm.sys_module();
            (crate::objects::module::module_dict(&sys), vm.new_str("sys"), 1)
        } else {
            let code = code_of(&(*f).code);
            ((*f).globals.clone(), code.filename(), (*f).line().map(i64::from).unwrap_or(0))
        };
        let registry = match dict::get_item_str(vm, &globals, "__warningregistry__") {
            Some(r) => r,
            None => {
                let r = vm.new_dict();
                dict::set_item_str(vm, &globals, "__warningregistry__", r.clone())?;
                r
            }
        };
        let module = match dict::get_item_str(vm, &globals, "__name__") {
            Some(m) if vm.is_none(&m) || pystr::data(&m).is_some() => m,
            _ => vm.new_str("<string>"),
        };
        Ok((globals, filename, lineno, module, registry))
    }
}

/// `warnings.warn(message, category, stacklevel, source)` with the category
/// already checked.
pub fn warn_object(vm: &Vm, message: Obj, category: Obj, stacklevel: isize, source: Option<Obj>) -> PyResult<()> {
    let (_globals, filename, lineno, module, registry) = setup_context(vm, stacklevel)?;
    warn_explicit_full(
        vm,
        Explicit {
            category,
            message,
            filename,
            lineno,
            module: Some(module),
            registry: Some(registry),
            sourceline: None,
            source,
        },
    )
}

/// The category a `warn()` call means (CPython's `get_category`): the
/// message's class for a Warning instance, UserWarning for None.
pub fn get_category(vm: &Vm, message: &Obj, category: Option<&Obj>) -> PyResult<Obj> {
    let warning = &vm.ctx.exceptions.by_name["Warning"];
    let category = if vm.isinstance(message, warning)? {
        message.class_obj()
    } else {
        match category {
            Some(c) if !vm.is_none(c) => c.clone(),
            _ => vm.ctx.exceptions.by_name["UserWarning"].clone(),
        }
    };
    if !vm.is_type(&category) || !vm.is_subtype(&category, warning) {
        return Err(vm.type_error(format!("category must be a Warning subclass, not '{}'", category.class().name())));
    }
    Ok(category)
}

/// Issue a warning of `category` with `message`, attributed to the frame
/// `stacklevel` levels up (1 = the Python code calling the native code that
/// warns; CPython's `PyErr_WarnEx`).
pub(crate) fn warn(vm: &Vm, category: &Obj, message: &str, stacklevel: usize) -> PyResult<()> {
    warn_object(vm, vm.new_str(message), category.clone(), stacklevel as isize, None)
}

/// A warning at an explicit location, without a registry (the compiler's
/// SyntaxWarnings; CPython's `PyErr_WarnExplicitObject`).
pub(crate) fn warn_explicit(
    vm: &Vm,
    category: &Obj,
    message: &str,
    filename: &str,
    lineno: u32,
    module: &str,
) -> PyResult<()> {
    warn_explicit_full(
        vm,
        Explicit {
            category: category.clone(),
            message: vm.new_str(message),
            filename: vm.new_str(filename),
            lineno: lineno as i64,
            module: Some(vm.new_str(module)),
            registry: None,
            sourceline: None,
            source: None,
        },
    )
}

/// Line `lineno` of a source file, if it can be read (CPython's
/// `_Py_DisplaySourceLine`).
pub(crate) fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
        return None;
    }
    let text = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&text);
    text.lines().nth(lineno as usize - 1).map(|l| l.to_string())
}

/// The `-W` options and `PYTHONWARNINGS` take effect through Lib's
/// `warnings` (its `_processoptions`), imported at start-up when there are
/// any, as CPython does. Without a standard library the options stay
/// unapplied.
pub(crate) fn apply_warnoptions(vm: &Vm) {
    if vm.config.borrow().warnoptions.is_empty() {
        return;
    }
    if let Err(e) = crate::import::import_module(vm, "warnings") {
        if crate::import::stdlib_dir(vm.config.borrow().ignore_environment).is_some() {
            crate::pythonrun::print_exception(vm, e.value());
        }
    }
}

/// For the `warn_explicit` of `_warnings` with `module_globals`: line
/// `lineno` of the source `module_globals['__loader__'].get_source(__name__)`
/// returns (CPython's `get_source_line`), split by str's own splitlines
/// (never a subclass's override). None without a loader, a `get_source` or
/// a source.
pub fn source_from_globals(vm: &Vm, _filename: &Obj, lineno: i64, globals: &Obj) -> PyResult<Option<Obj>> {
    let Some(loader) = dict::get_item_str(vm, globals, "__loader__") else { return Ok(None) };
    let Some(name) = dict::get_item_str(vm, globals, "__name__") else { return Ok(None) };
    let Some(get_source) = vm.getattr_str_opt(&loader, "get_source")? else { return Ok(None) };
    let source = vm.call(&get_source, &[name], None)?;
    if vm.is_none(&source) {
        return Ok(None);
    }
    if pystr::data(&source).is_none() {
        return Err(vm.type_error(format!("must be str, not {}", source.class().name())));
    }
    let lines = crate::objects::str_methods::splitlines(vm, &source, &[], None)?;
    let line = usize::try_from(lineno - 1).ok().and_then(|i| list::data(&lines).and_then(|d| d.get(i)));
    match line {
        Some(l) => Ok(Some(l)),
        None => Err(vm.index_error("list index out of range")),
    }
}

impl std::fmt::Debug for WarningsState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WarningsState(version {})", self.filters_version.get())
    }
}
