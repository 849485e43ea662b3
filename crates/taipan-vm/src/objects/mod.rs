//! The builtin types, one file per Python-visible type (CPython's `Objects/`).

pub mod builtin_func;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod class;
pub mod code;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod dictview;
pub mod exceptions;
pub mod float;
pub mod function;
pub mod generator;
pub mod generic_alias;
pub mod int;
pub mod int_methods;
pub mod iter;
pub mod list;
pub mod list_sort;
pub mod mappingproxy;
pub mod memoryview;
pub mod method;
pub mod module;
pub mod property;
pub mod range;
pub mod set;
pub mod singletons;
pub mod slice;
pub mod slots;
pub mod str;
pub mod str_methods;
pub mod super_;
pub mod traceback;
pub mod tuple;
pub mod type_;
pub mod weakref;

use crate::vm::Vm;

/// Fill the builtin types' dicts with their methods and descriptors.
pub fn setup_all(vm: &Vm) {
    type_::setup(vm);
    int::setup(vm);
    float::setup(vm);
    complex::setup(vm);
    str::setup(vm);
    bytes::setup(vm);
    bytearray::setup(vm);
    tuple::setup(vm);
    list::setup(vm);
    dict::setup(vm);
    set::setup(vm);
    range::setup(vm);
    slice::setup(vm);
    singletons::setup(vm);
    function::setup(vm);
    builtin_func::setup(vm);
    method::setup(vm);
    descriptor::setup(vm);
    property::setup(vm);
    super_::setup(vm);
    code::setup(vm);
    cell::setup(vm);
    module::setup(vm);
    crate::eval::frame::setup(vm);
    traceback::setup(vm);
    generator::setup(vm);
    iter::setup(vm);
    weakref::setup(vm);
    generic_alias::setup(vm);
    exceptions::setup(vm);
    // Slot wrappers (`__add__`, `__repr__`, ...) for every builtin type whose
    // slots are filled, after the explicit methods so those win.
    for ty in vm.ctx.types.all() {
        slots::add_slot_wrappers(vm, ty);
    }
    for name in exceptions::names() {
        slots::add_slot_wrappers(vm, &vm.ctx.exceptions.by_name[name]);
    }
}
