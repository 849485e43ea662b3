//! `mappingproxy` (CPython's `PyDictProxy`): a read-only view of a mapping,
//! what `type.__dict__` returns.

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::str as pystr;
use crate::vm::{PyResult, Vm};

pub(crate) struct MappingProxyData {
    pub mapping: Obj,
}
impl PyPayload for MappingProxyData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.mapping);
    }
}

pub(crate) fn mappingproxy_type_object() -> TypeObject {
    let t = TypeObject::new::<MappingProxyData>(
        "mappingproxy",
        std::mem::size_of::<PyCell<MappingProxyData>>(),
        true,
        flags::MAPPING | flags::IMMUTABLETYPE,
    );
    let s = &t.slots;
    s.repr.set(Some(mp_repr));
    s.str.set(Some(mp_str));
    s.iter.set(Some(mp_iter));
    s.mp_length.set(Some(mp_len));
    s.mp_subscript.set(Some(mp_getitem));
    s.sq_contains.set(Some(mp_contains));
    s.richcompare.set(Some(mp_richcompare));
    s.nb_binary[NbOp::Or as usize].set(Some(mp_or));
    s.nb_inplace[NbOp::Or as usize].set(Some(mp_ior));
    s.new.set(Some(mp_new));
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.mappingproxy,
        &[
            MethodDef::method("get", mp_get),
            MethodDef::method("keys", mp_keys),
            MethodDef::method("values", mp_values),
            MethodDef::method("items", mp_items),
            MethodDef::method("copy", mp_copy),
            MethodDef::method("__reversed__", mp_reversed),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
}

pub(crate) fn new_mappingproxy(vm: &Vm, mapping: Obj) -> Obj {
    alloc_object(&vm.ctx.types.mappingproxy, MappingProxyData { mapping })
}

fn inner(o: &Obj) -> &Obj {
    &o.payload::<MappingProxyData>().expect("mappingproxy").mapping
}

fn mp_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "mappingproxy", args, kwnames, &["mapping"], 1)?;
    let m = a[0].clone().expect("required");
    if m.class().slots.mp_subscript.get().is_none()
        || m.has_payload::<crate::objects::list::ListData>()
        || m.has_payload::<crate::objects::tuple::TupleData>()
    {
        return Err(vm.type_error(format!("mappingproxy() argument must be a mapping, not {}", m.class().name())));
    }
    Ok(new_mappingproxy(vm, m))
}

fn mp_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| {
        let r = vm.repr(inner(o))?;
        Ok(vm.new_str_from_string(format!("mappingproxy({})", pystr::as_str_lossy(&r))))
    })
}

fn mp_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.str(inner(o)))
}

fn mp_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.iter(inner(o)))
}

fn mp_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.len(inner(o)))
}

fn mp_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.getitem(inner(o), key))
}

fn mp_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.contains(inner(o), key))
}

fn mp_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.rich_compare(inner(a), b, op))
}

fn mp_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| {
        let a = a.payload::<MappingProxyData>().map(|m| m.mapping.clone()).unwrap_or_else(|| a.clone());
        let b = b.payload::<MappingProxyData>().map(|m| m.mapping.clone()).unwrap_or_else(|| b.clone());
        vm.binary_op(&a, &b, NbOp::Or)
    })
}

/// `proxy |= other`: a proxy is read-only (CPython's `mappingproxy_ior`).
fn mp_ior(vm: &Vm, a: &Obj, _b: &Obj) -> PyResult<Obj> {
    Err(vm.type_error(format!("'|=' is not supported by {}; use '|' instead", a.class().name())))
}

fn mp_get(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| {
        crate::args::no_kwargs(vm, "get", kwnames)?;
        vm.call_method(inner(o), "get", args)
    })
}

fn mp_keys(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.call_method(inner(o), "keys", &[]))
}

fn mp_values(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.call_method(inner(o), "values", &[]))
}

fn mp_items(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.call_method(inner(o), "items", &[]))
}

fn mp_copy(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // A proxy of a proxy of ...: forwarding nests on the native stack.
    vm.with_native_depth(|| vm.call_method(inner(o), "copy", &[]))
}

fn mp_reversed(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    vm.call_method(inner(o), "__reversed__", &[])
}
