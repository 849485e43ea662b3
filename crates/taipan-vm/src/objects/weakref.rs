//! `weakref` (CPython's `Objects/weakrefobject.c`). Weak references need
//! the cycle collector's object tracking, which is a later piece of work:
//! until then creating one raises NotImplementedError instead of silently
//! keeping the referent alive.

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{Obj, PyCell, PyPayload};
use crate::vm::{PyResult, Vm};

pub(crate) struct WeakrefData;
impl PyPayload for WeakrefData {}

pub(crate) fn type_object() -> TypeObject {
    let t = TypeObject::new::<WeakrefData>(
        "weakref.ReferenceType",
        std::mem::size_of::<PyCell<WeakrefData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.slots.new.set(Some(weakref_new));
    t
}

pub(crate) fn setup(_vm: &Vm) {}

fn weakref_new(vm: &Vm, _cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.not_implemented_error("weak references are not implemented yet in Taipan"))
}

/// `obj.__weakref__`: the first weak reference to the object (none exist yet).
pub(crate) fn first_weakref(_vm: &Vm, _o: &Obj) -> Option<Obj> {
    None
}
