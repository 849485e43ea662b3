//! `_ast` (CPython's `Python/Python-ast.c`, the module part): the node
//! classes and the `PyCF_*` flags of `compile()`. The classes, and the
//! conversions between trees and node objects, live in the VM (`compile()`
//! needs them); this module shows them.

use taipan_vm::api::{ast, dict, module, Obj, PyResult, Vm};

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_ast");
    let d = module::module_dict(&m);
    for (name, cls) in ast::node_classes(vm)? {
        dict::set_item_str(vm, &d, name, cls)?;
    }
    for (name, value) in [
        ("PyCF_ONLY_AST", ast::PY_CF_ONLY_AST),
        ("PyCF_TYPE_COMMENTS", ast::PY_CF_TYPE_COMMENTS),
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", ast::PY_CF_ALLOW_TOP_LEVEL_AWAIT),
    ] {
        dict::set_item_str(vm, &d, name, vm.new_int(value.into()))?;
    }
    Ok(m)
}
