//! `_typing` (CPython's `Modules/_typingmodule.c`): accelerators for Lib's
//! `typing` (`NewType` instances call `_idfunc`).

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

const DOC: &str = "Accelerators for the typing module.\n";

const FUNCTIONS: &[MethodDef] =
    &[MethodDef::static_("_idfunc", |vm, _, a, k| crate::clinic::one(vm, "_typing._idfunc", a, k))];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_typing");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_typing", FUNCTIONS);
    Ok(m)
}
