//! `_testcapi.hamt()`: the HAMT behind `contextvars.Context` as a Python
//! mapping of its own (CPython's `PyHamt_Type`), which test_context's
//! HamtTest drives. Every change returns a new `hamt`; a change that
//! changes nothing returns the same object.

use taipan_vm::api::types::{alloc_instance, set_unhashable, CompareOp, MethodDef, TypeSpec};
use taipan_vm::api::{args, Obj, PyPayload, PyResult, Vm};

use crate::_contextvars::hamt::{new_iter, Hamt, HamtCell, IterKind};

const HAMT_TYPE: &str = "_testcapi.hamt";

struct HamtObj {
    map: HamtCell,
}

impl PyPayload for HamtObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.map.traverse(visit);
    }
    fn clear(&self) {
        self.map.clear();
    }
}

fn hamt_type(vm: &Vm) -> Obj {
    if let Some(t) = crate::support::module_type(vm, HAMT_TYPE) {
        return t;
    }
    let spec = TypeSpec { name: "hamt", gc: true, weakref: true, methods: HAMT_METHODS, ..Default::default() };
    let ty = taipan_vm::api::types::new_type::<HamtObj>(vm, &spec, |s| {
        // CPython's `hamt_tp_new` ignores its arguments.
        s.new.set(Some(|vm, _, _, _| new_hamt(vm, Hamt::default())));
        s.mp_length.set(Some(|vm, o| Ok(map_of(vm, o)?.len())));
        s.mp_subscript.set(Some(hamt_getitem));
        s.sq_contains.set(Some(|vm, o, key| Ok(map_of(vm, o)?.get(vm, key)?.is_some())));
        s.iter.set(Some(|vm, o| new_iter(vm, &map_of(vm, o)?, IterKind::Keys)));
        s.richcompare.set(Some(hamt_richcompare));
        set_unhashable(s);
    });
    crate::support::register_type(vm, HAMT_TYPE, &ty);
    ty
}

fn map_of(vm: &Vm, o: &Obj) -> PyResult<Hamt> {
    match o.payload::<HamtObj>() {
        Some(h) => Ok(h.map.get()),
        None => Err(vm.type_error("a hamt object is required")),
    }
}

/// The hamt object for `map`: `o` itself when the map did not change.
fn wrap(vm: &Vm, o: &Obj, old: &Hamt, map: Hamt) -> PyResult<Obj> {
    if map.is_same(old) {
        return Ok(o.clone());
    }
    new_hamt(vm, map)
}

fn new_hamt(vm: &Vm, map: Hamt) -> PyResult<Obj> {
    let ty = hamt_type(vm);
    alloc_instance(vm, &ty, &ty, HamtObj { map: HamtCell::new(map) })
}

fn hamt_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    map_of(vm, o)?.get(vm, key)?.ok_or_else(|| vm.key_error(key.clone()))
}

/// Equal when both hold the same keys with equal values; other types and
/// orderings are NotImplemented.
fn hamt_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || b.payload::<HamtObj>().is_none() {
        return Ok(vm.not_implemented());
    }
    let equal = map_of(vm, a)?.equals(vm, &map_of(vm, b)?)?;
    Ok(vm.bool_obj(equal == matches!(op, CompareOp::Eq)))
}

fn hamt_set(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [key, value] = args::exact::<2>(vm, "set", a, k)?;
    let map = map_of(vm, o)?;
    let new = map.set(vm, &key, &value)?;
    wrap(vm, o, &map, new)
}

fn hamt_get(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::no_kwargs(vm, "get", k)?;
    if a.is_empty() || a.len() > 2 {
        let bound = if a.is_empty() { "at least 1 argument" } else { "at most 2 arguments" };
        return Err(vm.type_error(format!("get expected {bound}, got {}", a.len())));
    }
    let found = map_of(vm, o)?.get(vm, &a[0])?;
    Ok(found.or_else(|| a.get(1).cloned()).unwrap_or_else(|| vm.none()))
}

fn hamt_delete(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [key] = args::exact::<1>(vm, "delete", a, k)?;
    let map = map_of(vm, o)?;
    match map.delete(vm, &key)? {
        Some(new) => new_hamt(vm, new),
        None => Ok(o.clone()),
    }
}

fn iter_method(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, kind: IterKind) -> PyResult<Obj> {
    args::exact::<0>(vm, name, a, k)?;
    new_iter(vm, &map_of(vm, o)?, kind)
}

const HAMT_METHODS: &[MethodDef] = &[
    MethodDef::method("set", hamt_set),
    MethodDef::method("get", hamt_get),
    MethodDef::method("delete", hamt_delete),
    MethodDef::method("items", |vm, o, a, k| iter_method(vm, o, a, k, "items", IterKind::Items)),
    MethodDef::method("keys", |vm, o, a, k| iter_method(vm, o, a, k, "keys", IterKind::Keys)),
    MethodDef::method("values", |vm, o, a, k| iter_method(vm, o, a, k, "values", IterKind::Values)),
];

/// `_testcapi.hamt()`: a new empty map.
fn hamt_new(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::no_kwargs(vm, "hamt", k)?;
    if !a.is_empty() {
        return Err(vm.type_error(format!("_testcapi.hamt() takes no arguments ({} given)", a.len())));
    }
    new_hamt(vm, Hamt::default())
}

pub(super) const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("hamt", hamt_new)];
