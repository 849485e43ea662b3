//! `PyCapsule` (CPython's `Objects/capsule.c`): an opaque value a native
//! module exports under a dotted name (`datetime.datetime_CAPI`), so that
//! another native module can reach it through the import system.
//!
//! CPython's capsule wraps a `void *`; Taipan's native modules are Rust,
//! so the capsule owns a boxed Rust value and hands it back, type-checked,
//! to whoever names it correctly (`PyCapsule_GetPointer`'s name check).

use std::any::Any;

use crate::object::typeobj::TypeObject;
use crate::object::{alloc_object, Obj, PyPayload};
use crate::objects::type_spec::{new_type, TypeSpec};
use crate::vm::{PyResult, Vm};

/// The interpreter's registry key of the capsule type.
const TYPE_KEY: &str = "builtins.PyCapsule";

const DOC: &str = "Capsule objects let you wrap a C \"void *\" pointer in a Python\nobject.  They're a way of passing data through the Python interpreter\nwithout creating your own custom type.\n\nCapsules are used for communication between extension modules.\nThey provide a way for an extension module to export a C interface\nto other extension modules, so that extension modules can use the\nPython import mechanism to link to one another.\n";

struct Capsule {
    name: Option<&'static str>,
    value: Box<dyn Any>,
}
impl PyPayload for Capsule {}

/// The capsule type, made the first time a capsule is.
fn capsule_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(TYPE_KEY) {
        return t.clone();
    }
    let spec = TypeSpec { name: "PyCapsule", doc: Some(DOC), ..Default::default() };
    let t = new_type::<Capsule>(vm, &spec, |s| s.repr.set(Some(capsule_repr)));
    // No `tp_new`: only native code makes capsules (not even object's).
    if let Some(tobj) = t.payload::<TypeObject>() {
        tobj.slots.new.set(None);
    }
    vm.lazy_types.borrow_mut().insert(TYPE_KEY, t.clone());
    t
}

/// `PyCapsule_New`: a capsule named `name` holding `value`.
pub fn new_capsule(vm: &Vm, name: Option<&'static str>, value: Box<dyn Any>) -> Obj {
    alloc_object(&capsule_type(vm), Capsule { name, value })
}

/// `PyCapsule_GetPointer`: the value of the capsule `o` named `name`, as
/// a `T`; CPython's ValueErrors for anything else.
pub fn get_value<'a, T: Any>(vm: &Vm, o: &'a Obj, name: &str) -> PyResult<&'a T> {
    let Some(c) = o.payload::<Capsule>() else {
        return Err(vm.value_error("PyCapsule_GetPointer called with invalid PyCapsule object"));
    };
    if c.name != Some(name) {
        return Err(vm.value_error("PyCapsule_GetPointer called with incorrect name"));
    }
    c.value
        .downcast_ref::<T>()
        .ok_or_else(|| vm.value_error("PyCapsule_GetPointer called with invalid PyCapsule object"))
}

/// `PyCapsule_Import`: import the module named by the first part of the
/// dotted `name`, follow the other parts as attributes; the result must
/// be a capsule named `name`.
pub fn import(vm: &Vm, name: &'static str) -> PyResult<Obj> {
    let mut parts = name.split('.');
    let mut object = crate::import::import_module(vm, parts.next().unwrap_or_default())?;
    for part in parts {
        object = vm.getattr_str(&object, part)?;
    }
    match object.payload::<Capsule>() {
        Some(c) if c.name == Some(name) => Ok(object),
        _ => Err(vm.attribute_error(format!("PyCapsule_Import \"{name}\" is not valid"))),
    }
}

fn capsule_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name = match o.payload::<Capsule>().and_then(|c| c.name) {
        Some(n) => format!("\"{n}\""),
        None => "NULL".to_string(),
    };
    Ok(vm.new_str_from_string(format!("<capsule object {name} at {:#x}>", o.id())))
}
