//! Frozen modules (CPython's `Python/frozen.c` and the frozen part of
//! `import.c`). CPython 3.11 freezes the modules its start-up needs into
//! the binary; programs see it (`<module 'os' (frozen)>`, `os.__spec__.origin
//! == 'frozen'`, `File "<frozen runpy>"` in tracebacks, FrozenImporter in
//! `sys.meta_path`). Taipan keeps no copy of Lib in its binary: the same
//! modules are compiled from the standard library's sources (and cached in
//! `.pyc` files) and offered through `_imp` exactly as frozen ones, so that
//! Lib's FrozenImporter and every observable detail are CPython's.

use std::path::PathBuf;

use crate::object::Obj;
use crate::vm::{PyResult, Vm};

/// One frozen module: its name, the name it was frozen from (a leading
/// '<' marks a package's `__init__` alias, as CPython writes it), whether it
/// is a package, and its source under the standard library.
struct Frozen {
    name: &'static str,
    origname: &'static str,
    is_package: bool,
    source: &'static str,
    /// The source text of a test-only module that Lib does not install
    /// (CPython's `__phello__.ham` package, whose files are empty).
    embedded: Option<&'static str>,
}

const fn f(name: &'static str, origname: &'static str, is_package: bool, source: &'static str) -> Frozen {
    Frozen { name, origname, is_package, source, embedded: None }
}

const fn empty(name: &'static str, origname: &'static str, is_package: bool, source: &'static str) -> Frozen {
    Frozen { name, origname, is_package, source, embedded: Some("") }
}

/// CPython 3.11's frozen modules, in its order (`_imp._frozen_module_names`),
/// less the test-only ones whose sources Lib does not install.
const FROZEN: &[Frozen] = &[
    f("_frozen_importlib", "importlib._bootstrap", false, "importlib/_bootstrap.py"),
    f("_frozen_importlib_external", "importlib._bootstrap_external", false, "importlib/_bootstrap_external.py"),
    f("zipimport", "zipimport", false, "zipimport.py"),
    f("abc", "abc", false, "abc.py"),
    f("codecs", "codecs", false, "codecs.py"),
    f("io", "io", false, "io.py"),
    f("_collections_abc", "_collections_abc", false, "_collections_abc.py"),
    f("_sitebuiltins", "_sitebuiltins", false, "_sitebuiltins.py"),
    f("genericpath", "genericpath", false, "genericpath.py"),
    f("ntpath", "ntpath", false, "ntpath.py"),
    f("posixpath", "posixpath", false, "posixpath.py"),
    f("os.path", "posixpath", false, "posixpath.py"),
    f("os", "os", false, "os.py"),
    f("site", "site", false, "site.py"),
    f("stat", "stat", false, "stat.py"),
    f("importlib.util", "importlib.util", false, "importlib/util.py"),
    f("importlib.machinery", "importlib.machinery", false, "importlib/machinery.py"),
    f("runpy", "runpy", false, "runpy.py"),
    f("__hello__", "__hello__", false, "__hello__.py"),
    f("__hello_alias__", "__hello__", false, "__hello__.py"),
    f("__phello_alias__", "__hello__", true, "__hello__.py"),
    f("__phello_alias__.spam", "__hello__", false, "__hello__.py"),
    f("__phello__", "__phello__", true, "__phello__/__init__.py"),
    f("__phello__.__init__", "<__phello__", false, "__phello__/__init__.py"),
    empty("__phello__.ham", "__phello__.ham", true, "__phello__/ham/__init__.py"),
    empty("__phello__.ham.__init__", "<__phello__.ham", false, "__phello__/ham/__init__.py"),
    empty("__phello__.ham.eggs", "__phello__.ham.eggs", false, "__phello__/ham/eggs.py"),
    f("__phello__.spam", "__phello__.spam", false, "__phello__/spam.py"),
    // CPython freezes it from Tools/freeze/flag.py; its origname is None.
    Frozen {
        name: "__hello_only__",
        origname: "",
        is_package: false,
        source: "",
        embedded: Some("initialized = True\nprint(\"Hello world!\")\n"),
    },
];

/// The modules start-up needs whatever `-X frozen_modules` says (CPython's
/// bootstrap set).
fn is_bootstrap(name: &str) -> bool {
    matches!(name, "_frozen_importlib" | "_frozen_importlib_external" | "zipimport")
}

/// `-X frozen_modules` as `_imp._override_frozen_modules_for_tests` may
/// have overridden it: are the non-bootstrap frozen modules used?
fn use_frozen(vm: &Vm) -> bool {
    match vm.frozen_override.get() {
        o if o > 0 => true,
        o if o < 0 => false,
        _ => !vm.config.borrow().xoptions.iter().any(|x| x == "frozen_modules=off"),
    }
}

fn lookup(vm: &Vm, name: &str) -> Option<(&'static Frozen, PathBuf)> {
    let entry = FROZEN.iter().find(|e| e.name == name)?;
    if !is_bootstrap(name) && !use_frozen(vm) {
        return None;
    }
    let lib = super::stdlib_dir(vm.config.borrow().ignore_environment)?;
    let path = std::path::Path::new(&lib).join(entry.source);
    (entry.embedded.is_some() || path.is_file()).then_some((entry, path))
}

/// `_imp.is_frozen(name)`.
pub fn is_frozen(vm: &Vm, name: &str) -> bool {
    lookup(vm, name).is_some()
}

/// `_imp.find_frozen(name)` without the data: (is_package, origname).
pub fn find_frozen(vm: &Vm, name: &str) -> Option<(bool, &'static str)> {
    lookup(vm, name).map(|(e, _)| (e.is_package, e.origname))
}

/// The `co_filename` of a frozen module's code: `<frozen NAME>`.
fn frozen_filename(origname: &str) -> String {
    match origname {
        "" => "<frozen frozen_only>".to_string(),
        name => format!("<frozen {}>", name.trim_start_matches('<')),
    }
}

/// `_imp.get_frozen_object(name)`: the module's code object.
pub fn get_frozen_object(vm: &Vm, name: &str) -> PyResult<Obj> {
    let Some((entry, path)) = lookup(vm, name) else {
        let e = vm.import_error(format!("No such frozen object named '{name}'"));
        crate::objects::exceptions::set_extra(&e.0, "name", vm.new_str(name));
        return Err(e);
    };
    if let Some(text) = entry.embedded {
        return crate::pythonrun::compile_file_source(vm, text.as_bytes(), &frozen_filename(entry.origname));
    }
    super::pyc::load_code(vm, &path, &frozen_filename(entry.origname))
}

/// `_imp._frozen_module_names()`.
pub fn frozen_module_names() -> Vec<&'static str> {
    FROZEN.iter().map(|e| e.name).collect()
}

/// `_imp._override_frozen_modules_for_tests(override)`: >0 on, <0 off,
/// 0 back to `-X frozen_modules`.
pub fn override_frozen_modules(vm: &Vm, value: i64) {
    vm.frozen_override.set(value.signum() as i8);
}

/// The name the bootstrap module `name` was frozen from.
pub(super) fn origname(name: &str) -> &str {
    FROZEN.iter().find(|e| e.name == name).map_or(name, |e| e.origname)
}

/// The co_filename the bootstrap module `name` runs with.
pub(super) fn bootstrap_filename(name: &str) -> String {
    frozen_filename(origname(name))
}
