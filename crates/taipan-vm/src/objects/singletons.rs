//! `None`, `NotImplemented` and `Ellipsis` and their types (CPython's
//! `Objects/object.c`, `sliceobject.c`).

use crate::context::SingletonData;
use crate::object::typeobj::{flags, TypeObject};
use crate::object::{Obj, PyCell};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::vm::{PyResult, Vm};

fn singleton_type(name: &str) -> TypeObject {
    TypeObject::new::<SingletonData>(name, std::mem::size_of::<PyCell<SingletonData>>(), false, flags::IMMUTABLETYPE)
}

pub(crate) fn none_type_object() -> TypeObject {
    let t = singleton_type("NoneType");
    t.slots.repr.set(Some(|vm, _| Ok(vm.new_str("None"))));
    t.slots.nb_bool.set(Some(|_, _| Ok(false)));
    t.slots.new.set(Some(|vm, _cls, args, kw| {
        if !args.is_empty() || kw.is_some() {
            return Err(vm.type_error("NoneType takes no arguments"));
        }
        Ok(vm.none())
    }));
    t.slots.hash.set(Some(|_, o| Ok(crate::hash::fix((o.id() as u64).rotate_right(4) as i64))));
    t
}

pub(crate) fn not_implemented_type_object() -> TypeObject {
    let t = singleton_type("NotImplementedType");
    t.slots.repr.set(Some(|vm, _| Ok(vm.new_str("NotImplemented"))));
    t.slots.nb_bool.set(Some(not_implemented_bool));
    t.slots.new.set(Some(|vm, _cls, args, kw| {
        if !args.is_empty() || kw.is_some() {
            return Err(vm.type_error("NotImplementedType takes no arguments"));
        }
        Ok(vm.not_implemented())
    }));
    t
}

pub(crate) fn ellipsis_type_object() -> TypeObject {
    let t = singleton_type("ellipsis");
    t.slots.repr.set(Some(|vm, _| Ok(vm.new_str("Ellipsis"))));
    t.slots.new.set(Some(|vm, _cls, args, kw| {
        if !args.is_empty() || kw.is_some() {
            return Err(vm.type_error("EllipsisType takes no arguments"));
        }
        Ok(vm.ctx.ellipsis.clone())
    }));
    t
}

/// `bool(NotImplemented)` works in 3.11 with a DeprecationWarning.
fn not_implemented_bool(vm: &Vm, _o: &Obj) -> PyResult<bool> {
    crate::warnings::warn(
        vm,
        &vm.ctx.exceptions.deprecation_warning,
        "NotImplemented should not be used in a boolean context",
        1,
    )?;
    Ok(true)
}

fn reduce_name(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_str(if o.is(&vm.ctx.ellipsis) { "Ellipsis" } else { "NotImplemented" }))
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(vm, &vm.ctx.types.ellipsis_type, &[MethodDef::method("__reduce__", reduce_name)]);
    add_methods(vm, &vm.ctx.types.not_implemented_type, &[MethodDef::method("__reduce__", reduce_name)]);
}
