//! Modules built into the VM itself (CPython's `Python/sysmodule.c`).
//! Native modules of the standard library (`_io` included) live in the
//! `taipan-stdlib` crate and reach the VM through the module table.

pub(crate) mod sys;

use crate::object::Obj;
use crate::objects::{dict, module};
use crate::vm::Vm;

/// Create `sys` and `sys.modules` (after `builtins`).
pub(crate) fn init(vm: &Vm) {
    let modules = vm.new_dict();
    *vm.modules.borrow_mut() = Some(modules.clone());
    let sys = sys::create(vm, &modules);
    *vm.sys.borrow_mut() = Some(sys.clone());
    let builtins = vm.builtins_module();
    // sys first, as CPython (the order of sys.modules shows).
    dict::set_item_str(vm, &modules, "sys", sys).expect("sys.modules");
    dict::set_item_str(vm, &modules, "builtins", builtins).expect("sys.modules");
    sys::init_stdio(vm);
    crate::import::init_importlib(vm);
    crate::warnings::apply_warnoptions(vm);
    if !vm.config.borrow().no_site {
        import_site(vm);
    }
    // No collection here: CPython runs none of its own at the end of
    // start-up (only the automatic ones), and Taipan's start-up leaves no
    // cyclic garbage for one to find (a full collection here freed nothing
    // and cost about 4% of `-S -c pass`).
}

/// `import site` unless -S (CPython's `init_import_site`): site-packages,
/// `.pth` files, the user site, `exit`/`quit`/`help` and friends. Its
/// failure is reported and start-up goes on.
fn import_site(vm: &Vm) {
    if vm.importlib.borrow().is_none() {
        return;
    }
    if let Err(e) = crate::import::import_module(vm, "site") {
        let msg = crate::pythonrun::format_exception(vm, e.value());
        sys::write_stderr(vm, &format!("Error in site import; continuing without it\n{msg}"));
    }
}

/// Add native functions to a module's dict.
pub fn add_functions(vm: &Vm, m: &Obj, name: &str, defs: &[crate::objects::descriptor::MethodDef]) {
    let d = module::module_dict(m);
    // The module's docstring, if CPython's is known (tools/gen_docstrings.py).
    if let Some(doc) = crate::doc::of_module(name, "").and_then(|e| e.doc) {
        if dict::get_item_str(vm, &d, "__doc__").is_none_or(|v| vm.is_none(&v)) {
            dict::set_item_str(vm, &d, "__doc__", vm.new_str(doc)).expect("module dict");
        }
    }
    for def in defs {
        let f = crate::objects::builtin_func::new_module_function(vm, def, m, name);
        dict::set_item_str(vm, &d, def.name, f).expect("module dict");
    }
}
