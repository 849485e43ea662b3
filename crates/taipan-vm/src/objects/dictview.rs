//! Dict views (`dict_keys`, `dict_values`, `dict_items`) and dict iterators
//! (CPython's `dictview_*` and `dictiter_*`).

use std::cell::Cell;

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::dict::{data as dict_data, DictData};
use crate::objects::str as pystr;
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

/// A view's payload; a native subtype of a view type (OrderedDict's
/// `odict_keys`, ...) holds one too, so the base's slots apply to it.
pub struct DictViewData {
    pub dict: Obj,
    pub kind: ViewKind,
}
impl PyPayload for DictViewData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.dict);
    }
}

/// `dict` is emptied once the iterator is exhausted or fails, so the dict
/// can be freed while the iterator lives on (CPython's `di_dict = NULL`).
pub(crate) struct DictIterData {
    dict: ObjCell,
    kind: ViewKind,
    reverse: bool,
    /// Next position in the entry array (counting down when reversed).
    pos: Cell<isize>,
    /// The dict's size when iteration started.
    used: Cell<usize>,
    /// Items still expected (for "keys changed during iteration").
    remaining: Cell<usize>,
    done: Cell<bool>,
}
impl PyPayload for DictIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.dict.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.dict.set(None);
    }
}

impl DictIterData {
    fn finish(&self) {
        self.done.set(true);
        self.dict.set(None);
    }
}

fn view_name(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::Keys => "dict_keys",
        ViewKind::Values => "dict_values",
        ViewKind::Items => "dict_items",
    }
}

pub(crate) fn view_type_object(kind: ViewKind) -> TypeObject {
    let t = TypeObject::new::<DictViewData>(
        view_name(kind),
        std::mem::size_of::<PyCell<DictViewData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    let s = &t.slots;
    s.repr.set(Some(view_repr));
    s.iter.set(Some(view_iter));
    s.sq_length.set(Some(view_len));
    if kind != ViewKind::Values {
        s.sq_contains.set(Some(view_contains));
        s.richcompare.set(Some(view_richcompare));
        s.hash
            .set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
        s.nb_binary[NbOp::And as usize].set(Some(view_and));
        s.nb_binary[NbOp::Or as usize].set(Some(view_or));
        s.nb_binary[NbOp::Xor as usize].set(Some(view_xor));
        s.nb_binary[NbOp::Subtract as usize].set(Some(view_sub));
    }
    t
}

pub(crate) fn iter_type_object(kind: ViewKind, reverse: bool) -> TypeObject {
    let name = match (kind, reverse) {
        (ViewKind::Keys, false) => "dict_keyiterator",
        (ViewKind::Values, false) => "dict_valueiterator",
        (ViewKind::Items, false) => "dict_itemiterator",
        (ViewKind::Keys, true) => "dict_reversekeyiterator",
        (ViewKind::Values, true) => "dict_reversevalueiterator",
        (ViewKind::Items, true) => "dict_reverseitemiterator",
    };
    let t =
        TypeObject::new::<DictIterData>(name, std::mem::size_of::<PyCell<DictIterData>>(), true, flags::IMMUTABLETYPE);
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(dictiter_next));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let t = &vm.ctx.types;
    for (ty, setlike) in [(&t.dict_keys, true), (&t.dict_values, false), (&t.dict_items, true)] {
        add_methods(vm, ty, &[MethodDef::method("__reversed__", view_reversed)]);
        if setlike {
            add_methods(vm, ty, &[MethodDef::method("isdisjoint", view_isdisjoint)]);
        }
        add_getsets(vm, ty, &[GetSetDef::new("mapping", view_mapping, None)]);
    }
    for ty in [
        &t.dict_keyiterator,
        &t.dict_valueiterator,
        &t.dict_itemiterator,
        &t.dict_reversekeyiterator,
        &t.dict_reversevalueiterator,
        &t.dict_reverseitemiterator,
    ] {
        add_methods(
            vm,
            ty,
            &[
                MethodDef::method("__length_hint__", dictiter_length_hint),
                MethodDef::method("__reduce__", dictiter_reduce),
            ],
        );
    }
}

pub(crate) fn new_view(vm: &Vm, d: &Obj, kind: ViewKind) -> Obj {
    let t = &vm.ctx.types;
    let ty = match kind {
        ViewKind::Keys => &t.dict_keys,
        ViewKind::Values => &t.dict_values,
        ViewKind::Items => &t.dict_items,
    };
    alloc_object(ty, DictViewData { dict: d.clone(), kind })
}

pub(crate) fn new_iterator(vm: &Vm, d: &Obj, kind: ViewKind, reverse: bool) -> Obj {
    let t = &vm.ctx.types;
    let ty = match (kind, reverse) {
        (ViewKind::Keys, false) => &t.dict_keyiterator,
        (ViewKind::Values, false) => &t.dict_valueiterator,
        (ViewKind::Items, false) => &t.dict_itemiterator,
        (ViewKind::Keys, true) => &t.dict_reversekeyiterator,
        (ViewKind::Values, true) => &t.dict_reversevalueiterator,
        (ViewKind::Items, true) => &t.dict_reverseitemiterator,
    };
    let dd = dict_data(d).expect("a dict");
    let pos = if reverse { dd.entries_len() as isize - 1 } else { 0 };
    alloc_object(
        ty,
        DictIterData {
            dict: ObjCell::some(d.clone()),
            kind,
            reverse,
            pos: Cell::new(pos),
            used: Cell::new(dd.len()),
            remaining: Cell::new(dd.len()),
            done: Cell::new(false),
        },
    )
}

/// `iter(dict)`.
pub(crate) fn dict_iter(vm: &Vm, d: &Obj) -> PyResult<Obj> {
    Ok(new_iterator(vm, d, ViewKind::Keys, false))
}

fn dictiter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let st = it.payload::<DictIterData>().expect("dict iterator");
    if st.done.get() {
        return Ok(None);
    }
    let Some(dict) = st.dict.get() else { return Ok(None) };
    let d: &DictData = dict_data(&dict).expect("a dict");
    if d.len() != st.used.get() {
        st.done.set(true);
        return Err(vm.runtime_error("dictionary changed size during iteration"));
    }
    loop {
        let pos = st.pos.get();
        if pos < 0 || pos as usize >= d.entries_len() {
            st.finish();
            if st.remaining.get() != 0 {
                return Err(vm.runtime_error("dictionary keys changed during iteration"));
            }
            return Ok(None);
        }
        st.pos.set(if st.reverse { pos - 1 } else { pos + 1 });
        if let Some((k, v)) = d.entry_at(pos as usize) {
            if st.remaining.get() == 0 {
                st.finish();
                return Err(vm.runtime_error("dictionary keys changed during iteration"));
            }
            st.remaining.set(st.remaining.get() - 1);
            return Ok(Some(match st.kind {
                ViewKind::Keys => k,
                ViewKind::Values => v,
                ViewKind::Items => vm.new_tuple(vec![k, v]),
            }));
        }
    }
}

fn dictiter_length_hint(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let st = it.payload::<DictIterData>().expect("dict iterator");
    let n = match st.dict.get() {
        Some(dict) if !st.done.get() && dict_data(&dict).is_some_and(|d| d.len() == st.used.get()) => {
            st.remaining.get()
        }
        _ => 0,
    };
    Ok(vm.new_usize(n))
}

/// `(iter, (list_of_what_is_left,))`: CPython's `dictiter_reduce` runs a
/// copy of the iterator, so the original keeps its place (and a dict that
/// changed size raises here too).
fn dictiter_reduce(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let iter_fn = crate::objects::iter::builtin_iter(vm)?;
    let st = it.payload::<DictIterData>().ok_or_else(|| vm.type_error("dict iterator expected"))?;
    let copy = alloc_object(
        &it.class_obj(),
        DictIterData {
            dict: ObjCell::new(st.dict.get()),
            kind: st.kind,
            reverse: st.reverse,
            pos: Cell::new(st.pos.get()),
            used: Cell::new(st.used.get()),
            remaining: Cell::new(st.remaining.get()),
            done: Cell::new(st.done.get()),
        },
    );
    let mut rest = Vec::new();
    while let Some(v) = dictiter_next(vm, &copy)? {
        rest.push(v);
    }
    Ok(vm.new_tuple(vec![iter_fn, vm.new_tuple(vec![vm.new_list(rest)])]))
}

fn view_of(o: &Obj) -> &DictViewData {
    o.payload::<DictViewData>().expect("a dict view")
}

fn view_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let v = view_of(o);
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("...")) };
    let items = view_items(vm, v);
    let list = vm.new_list(items);
    let r = vm.repr(&list)?;
    Ok(vm.new_str_from_string(format!("{}({})", view_name(v.kind), pystr::as_str_lossy(&r))))
}

fn view_items(vm: &Vm, v: &DictViewData) -> Vec<Obj> {
    let d = dict_data(&v.dict).expect("a dict");
    match v.kind {
        ViewKind::Keys => d.keys(),
        ViewKind::Values => d.values(),
        ViewKind::Items => d.items().into_iter().map(|(k, x)| vm.new_tuple(vec![k, x])).collect(),
    }
}

fn view_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let v = view_of(o);
    Ok(new_iterator(vm, &v.dict, v.kind, false))
}

fn view_reversed(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let v = view_of(o);
    Ok(new_iterator(vm, &v.dict, v.kind, true))
}

fn view_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(dict_data(&view_of(o).dict).expect("a dict").len())
}

fn view_contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    let v = view_of(o);
    let d = dict_data(&v.dict).expect("a dict");
    match v.kind {
        ViewKind::Keys => Ok(d.get(vm, item)?.is_some()),
        ViewKind::Values => {
            for x in d.values() {
                if vm.eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ViewKind::Items => {
            let Some(t) = item.payload::<crate::objects::tuple::TupleData>() else { return Ok(false) };
            let [k, val] = t.items() else { return Ok(false) };
            match d.get(vm, k)? {
                Some(found) => vm.eq(&found, val),
                None => Ok(false),
            }
        }
    }
}

fn view_mapping(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(crate::objects::mappingproxy::new_mappingproxy(vm, view_of(o).dict.clone()))
}

/// Is `o` a set-like dict view or a set?
fn setlike_items(vm: &Vm, o: &Obj) -> PyResult<Vec<Obj>> {
    vm.to_vec(o)
}

fn view_set_op(vm: &Vm, a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    // Either operand may be the view (reflected operators).
    let (first, second) = (a, b);
    if vm.iter(first).is_err() || vm.iter(second).is_err() {
        return Ok(vm.not_implemented());
    }
    let s = crate::objects::set::new_set_from(vm, first)?;
    let method = match op {
        "&" => "intersection_update",
        "|" => "update",
        "^" => "symmetric_difference_update",
        _ => "difference_update",
    };
    vm.call_method(&s, method, std::slice::from_ref(second))?;
    Ok(s)
}

fn view_and(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    view_set_op(vm, a, b, "&")
}

fn view_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    view_set_op(vm, a, b, "|")
}

fn view_xor(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    view_set_op(vm, a, b, "^")
}

fn view_sub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    view_set_op(vm, a, b, "-")
}

fn view_isdisjoint(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [other] = crate::args::exact::<1>(vm, "isdisjoint", args, kwnames)?;
    for x in setlike_items(vm, &other)? {
        if view_contains(vm, o, &x)? {
            return Ok(vm.bool_obj(false));
        }
    }
    Ok(vm.bool_obj(true))
}

fn view_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let is_setlike = |o: &Obj| {
        o.payload::<DictViewData>().is_some_and(|v| v.kind != ViewKind::Values)
            || o.has_payload::<crate::objects::set::SetData>()
    };
    if !is_setlike(b) {
        return Ok(vm.not_implemented());
    }
    let la = vm.len(a)?;
    let lb = vm.len(b)?;
    let all_in = |x: &Obj, y: &Obj| -> PyResult<bool> {
        for item in vm.to_vec(x)? {
            if !vm.contains(y, &item)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let r = match op {
        CompareOp::Eq => la == lb && all_in(a, b)?,
        CompareOp::Ne => !(la == lb && all_in(a, b)?),
        CompareOp::Lt => la < lb && all_in(a, b)?,
        CompareOp::Le => la <= lb && all_in(a, b)?,
        CompareOp::Gt => la > lb && all_in(b, a)?,
        CompareOp::Ge => la >= lb && all_in(b, a)?,
    };
    Ok(vm.bool_obj(r))
}
