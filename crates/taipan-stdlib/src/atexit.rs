//! `atexit` (CPython's `Modules/atexitmodule.c`): register functions to run
//! when the interpreter exits. The callbacks live in the interpreter
//! (`taipan_vm::api::atexit`), which runs them at finalization.

use taipan_vm::api::atexit as exitfuncs;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, Obj, PyResult, Vm};

const DOC: &str = "allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n";

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("register", atexit_register),
    MethodDef::static_("unregister", |vm, _, a, k| {
        let [f] = args::exact::<1>(vm, "unregister", a, k)?;
        exitfuncs::unregister(vm, &f)?;
        Ok(vm.none())
    }),
    MethodDef::static_("_run_exitfuncs", |vm, _, a, k| {
        args::exact::<0>(vm, "_run_exitfuncs", a, k)?;
        exitfuncs::run_exitfuncs(vm);
        Ok(vm.none())
    }),
    MethodDef::static_("_clear", |vm, _, a, k| {
        args::exact::<0>(vm, "_clear", a, k)?;
        exitfuncs::clear(vm);
        Ok(vm.none())
    }),
    MethodDef::static_("_ncallbacks", |vm, _, a, k| {
        args::exact::<0>(vm, "_ncallbacks", a, k)?;
        Ok(vm.new_usize(exitfuncs::count(vm)))
    }),
];

/// `register(func, *args, **kwargs) -> func`.
fn atexit_register(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(a, k);
    let Some(func) = pos.first().cloned() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let kwargs = if kw.is_empty() {
        None
    } else {
        let d = vm.new_dict();
        for (key, v) in kw {
            dict::set_item(vm, &d, key, v)?;
        }
        Some(d)
    };
    exitfuncs::register(vm, func.clone(), pos[1..].to_vec(), kwargs);
    Ok(func)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "atexit");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "atexit", FUNCTIONS);
    Ok(m)
}
