//! The builtin types, one file per Python-visible type (CPython's `Objects/`).

pub(crate) mod buffer;
pub(crate) mod builtin_func;
pub(crate) mod bytearray;
pub(crate) mod bytes;
pub(crate) mod bytes_methods;
pub(crate) mod capsule;
pub(crate) mod cell;
pub(crate) mod class;
pub(crate) mod code;
pub(crate) mod complex;
pub(crate) mod descriptor;
pub(crate) mod dict;
pub(crate) mod dictview;
pub(crate) mod exceptions;
pub(crate) mod float;
pub(crate) mod function;
pub(crate) mod generator;
pub(crate) mod generic_alias;
pub(crate) mod instance_values;
pub(crate) mod int;
pub(crate) mod int_methods;
pub(crate) mod iter;
pub(crate) mod list;
pub(crate) mod list_sort;
pub(crate) mod mappingproxy;
pub(crate) mod memoryview;
pub(crate) mod method;
pub(crate) mod module;
pub(crate) mod property;
pub(crate) mod range;
pub(crate) mod set;
pub(crate) mod singletons;
pub(crate) mod slice;
pub(crate) mod slots;
pub(crate) mod str;
pub(crate) mod str_methods;
pub(crate) mod stringlib;
pub(crate) mod structseq;
pub(crate) mod super_;
pub(crate) mod timsort;
pub(crate) mod traceback;
pub(crate) mod tuple;
pub(crate) mod type_;
pub(crate) mod type_cache;
pub(crate) mod type_spec;
pub(crate) mod weakref;

use crate::vm::Vm;

/// Fill the builtin types' dicts with their methods and descriptors.
pub(crate) fn setup_all(vm: &Vm) {
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
