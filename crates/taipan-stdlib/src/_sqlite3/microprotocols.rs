//! CPython's `Modules/_sqlite/microprotocols.c`: the adapter registry
//! (PEP 246 style) behind `register_adapter` and `adapt`.

use super::util::{self, ADAPTERS, BASE_TYPE_ADAPTED, PREPARE_PROTOCOL_TYPE};
use taipan_vm::api::{dict, Obj, PyResult, Vm};

/// `adapters[(type, proto)] = adapter`.
pub(crate) fn register(vm: &Vm, ty: &Obj, proto: &Obj, adapter: &Obj) -> PyResult<()> {
    let key = vm.new_tuple(vec![ty.clone(), proto.clone()]);
    dict::set_item(vm, &util::state(vm, ADAPTERS), key, adapter.clone())
}

/// `register_adapter(type, adapter)`: as `register` with PrepareProtocol;
/// adapting a base type (int, float, str, bytearray) makes every
/// parameter go through `adapt`.
pub(crate) fn register_adapter(vm: &Vm, ty: &Obj, adapter: &Obj) -> PyResult<()> {
    let t = &vm.ctx.types;
    if [&t.int, &t.float, &t.str, &t.bytearray].iter().any(|b| ty.is(b)) {
        util::set_flag(vm, BASE_TYPE_ADAPTED, true);
    }
    register(vm, ty, &util::state(vm, PREPARE_PROTOCOL_TYPE), adapter)
}

/// `adapt(obj, proto, alt)` (`pysqlite_microprotocols_adapt`): the
/// registered adapter, else `proto.__adapt__(obj)`, else
/// `obj.__conform__(proto)`, else `alt`, else ProgrammingError.
pub(crate) fn adapt(vm: &Vm, obj: &Obj, proto: &Obj, alt: Option<&Obj>) -> PyResult<Obj> {
    let key = vm.new_tuple(vec![obj.class_obj(), proto.clone()]);
    if let Some(adapter) = dict::get_item_opt(vm, &util::state(vm, ADAPTERS), &key)? {
        return vm.call1(&adapter, obj.clone());
    }
    if let Some(f) = vm.getattr_str_opt(proto, "__adapt__")? {
        if let Some(r) = try_adapter(vm, &f, obj)? {
            return Ok(r);
        }
    }
    if let Some(f) = vm.getattr_str_opt(obj, "__conform__")? {
        if let Some(r) = try_adapter(vm, &f, proto)? {
            return Ok(r);
        }
    }
    match alt {
        Some(a) => Ok(a.clone()),
        None => Err(util::programming_error(vm, "can't adapt")),
    }
}

/// Call `__adapt__` or `__conform__`: None (try the next way) when it
/// returns None or raises TypeError.
fn try_adapter(vm: &Vm, f: &Obj, arg: &Obj) -> PyResult<Option<Obj>> {
    match vm.call1(f, arg.clone()) {
        Ok(r) if vm.is_none(&r) => Ok(None),
        Ok(r) => Ok(Some(r)),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => Ok(None),
        Err(e) => Err(e),
    }
}
