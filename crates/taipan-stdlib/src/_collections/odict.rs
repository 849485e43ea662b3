//! `collections.OrderedDict` (CPython's `Objects/odictobject.c`): a dict
//! subclass whose keys also sit in an order of their own, with its views
//! (`odict_keys`, `odict_values`, `odict_items`, subtypes of the dict views)
//! and its iterator (`odict_iterator`).
//!
//! The items live in the dict as usual; the order lives in a hidden
//! `Order` object in the OrderedDict's one member slot: a map from key to
//! position and a sorted map from position to key. Positions grow at the
//! back and shrink at the front, so `move_to_end` either way is a removal
//! and an insertion, never a shift. As in CPython the two can disagree
//! when the dict is changed through `dict`'s own methods
//! (`dict.__delitem__(od, k)`): iteration then meets a key the dict lacks
//! and raises KeyError, never crashes.
//!
//! An iterator remembers the next key (not a position) and the order's
//! `state`, which every change of the order bumps, so a change during
//! iteration raises CPython's RuntimeError.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use taipan_vm::api::dict::{DictData, DictViewData, ViewKind};
use taipan_vm::api::types::{
    flags, member_get, member_set, new_type, new_type_with_members, set_unhashable, CompareOp, GetSetDef, MethodDef,
    NbOp, Slots, TypeObject, TypeSpec,
};
use taipan_vm::api::{args, dict, int, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::support::{alloc_exact, iter_self, module_type, register_type, short_type_name};

const ODICT: &str = "collections.OrderedDict";
const ORDER: &str = "collections._odict_order";
const ITER: &str = "odict_iterator";
const MUTATED: &str = "OrderedDict mutated during iteration";
const RESIZED: &str = "OrderedDict changed size during iteration";

// ---- the order --------------------------------------------------------------------------------

/// The order of an OrderedDict's keys (CPython's node list).
struct Order {
    /// key -> its position (an int) in `seq`: a dict object of its own
    /// (a `DictData` lives only inside a dict object, whose gc tracking
    /// it updates).
    positions: Obj,
    /// position -> (key, hash), in order.
    seq: RefCell<BTreeMap<i64, (Obj, i64)>>,
    /// The next position at the back; the front's is below the first.
    next_back: Cell<i64>,
    next_front: Cell<i64>,
    /// Changes with every change of the order (CPython's `od_state`).
    state: Cell<u64>,
}

impl PyPayload for Order {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.positions);
        if let Ok(seq) = self.seq.try_borrow() {
            for (k, _) in seq.values() {
                visit(k);
            }
        }
    }
    fn clear(&self) {
        self.positions().clear();
        let old = self.seq.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default();
        drop(old);
    }
}

impl Order {
    fn positions(&self) -> &DictData {
        dict::data(&self.positions).expect("a dict")
    }
    fn bump(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }
    /// A fresh position at the back (`last`) or the front.
    fn new_position(&self, last: bool) -> i64 {
        if last {
            let p = self.next_back.get();
            self.next_back.set(p + 1);
            p
        } else {
            let p = self.next_front.get();
            self.next_front.set(p - 1);
            p
        }
    }
    fn insert(&self, pos: i64, key: Obj, hash: i64) {
        self.seq.borrow_mut().insert(pos, (key, hash));
        self.bump();
    }
    fn remove(&self, pos: i64) -> Option<(Obj, i64)> {
        let old = self.seq.borrow_mut().remove(&pos);
        self.bump();
        old
    }
    /// The first (or last) entry: (position, key, hash).
    fn end(&self, last: bool) -> Option<(i64, Obj, i64)> {
        let seq = self.seq.borrow();
        let e = if last { seq.iter().next_back() } else { seq.iter().next() };
        e.map(|(p, (k, h))| (*p, k.clone(), *h))
    }
    /// The key after (or before, `reverse`) position `pos`.
    fn key_after(&self, pos: i64, reverse: bool) -> Option<Obj> {
        let seq = self.seq.borrow();
        let e = if reverse { seq.range(..pos).next_back() } else { seq.range(pos + 1..).next() };
        e.map(|(_, (k, _))| k.clone())
    }
    /// The keys with their hashes, in order.
    fn snapshot(&self) -> Vec<(Obj, i64)> {
        self.seq.borrow().values().cloned().collect()
    }
    fn len(&self) -> usize {
        self.seq.borrow().len()
    }
    fn clear_all(&self) {
        self.positions().clear();
        let old = std::mem::take(&mut *self.seq.borrow_mut());
        self.bump();
        drop(old);
    }
}

fn new_order(vm: &Vm) -> PyResult<Obj> {
    let order = Order {
        positions: vm.new_dict(),
        seq: RefCell::new(BTreeMap::new()),
        next_back: Cell::new(0),
        next_front: Cell::new(-1),
        state: Cell::new(0),
    };
    alloc_exact(vm, ORDER, order)
}

/// The offset of the order's slot: the first member slot of any
/// OrderedDict type (a subclass adds its own after it).
fn order_offset(od: &Obj) -> usize {
    od.class().member_offsets.first().copied().unwrap_or(0)
}

/// The OrderedDict's order object, made on first use (an instance made by
/// `dict.__new__` starts without one).
fn order_obj(vm: &Vm, od: &Obj) -> PyResult<Obj> {
    let off = order_offset(od);
    if let Some(o) = member_get(od, off) {
        return Ok(o);
    }
    let o = new_order(vm)?;
    member_set(od, off, Some(o.clone()));
    Ok(o)
}

fn order_of(o: &Obj) -> &Order {
    o.payload::<Order>().expect("an OrderedDict's order")
}

fn dict_of(od: &Obj) -> &DictData {
    dict::data(od).expect("an OrderedDict is a dict")
}

/// The position of `key` in the order, if it has one.
fn position_of(vm: &Vm, order: &Order, key: &Obj, hash: i64) -> PyResult<Option<i64>> {
    let Some(p) = order.positions().get_hashed(vm, key, hash)? else { return Ok(None) };
    Ok(match int::value(&p) {
        Some(int::IntValue::Small(v)) => Some(*v),
        _ => None,
    })
}

/// Give `key` a position at the end (or front) of the order.
fn place(vm: &Vm, order: &Order, key: &Obj, hash: i64, last: bool) -> PyResult<()> {
    let pos = order.new_position(last);
    order.positions().set_hashed(vm, key.clone(), hash, vm.new_int(pos))?;
    order.insert(pos, key.clone(), hash);
    Ok(())
}

/// A key set in the dict gets a place at the end unless it has one
/// (CPython's `_odict_add_new_node`).
fn add_node(vm: &Vm, order: &Order, key: &Obj, hash: i64) -> PyResult<()> {
    if position_of(vm, order, key, hash)?.is_some() {
        return Ok(());
    }
    place(vm, order, key, hash, true)
}

/// Drop `key`'s place in the order, if it has one (`_odict_clear_node`).
fn clear_node(vm: &Vm, order: &Order, key: &Obj, hash: i64) -> PyResult<()> {
    if let Some(p) = order.positions().remove_hashed(vm, key, hash)? {
        if let Some(int::IntValue::Small(pos)) = int::value(&p) {
            drop(order.remove(*pos));
        }
    }
    Ok(())
}

fn odict_type(vm: &Vm) -> Option<Obj> {
    module_type(vm, ODICT)
}

fn is_odict(vm: &Vm, o: &Obj) -> bool {
    odict_type(vm).is_some_and(|t| vm.isinstance_type(o, &t))
}

fn is_exact_odict(vm: &Vm, o: &Obj) -> bool {
    odict_type(vm).is_some_and(|t| o.class_obj().is(&t))
}

fn check_odict(vm: &Vm, o: &Obj) -> PyResult<()> {
    if is_odict(vm, o) {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "descriptor for 'collections.OrderedDict' objects doesn't apply to a '{}' object",
        o.class().name()
    )))
}

// ---- item access ------------------------------------------------------------------------------

/// `od[key] = value` (CPython's `PyODict_SetItem`): the dict first, then
/// the order; if the order fails the dict's item goes again.
fn set_item(vm: &Vm, od: &Obj, key: &Obj, value: &Obj) -> PyResult<()> {
    let hash = vm.hash(key)?;
    set_item_hashed(vm, od, key, hash, value)
}

fn set_item_hashed(vm: &Vm, od: &Obj, key: &Obj, hash: i64, value: &Obj) -> PyResult<()> {
    dict_of(od).set_hashed(vm, key.clone(), hash, value.clone())?;
    let order = order_obj(vm, od)?;
    if let Err(e) = add_node(vm, order_of(&order), key, hash) {
        let _ = dict_of(od).remove_hashed(vm, key, hash);
        return Err(e);
    }
    Ok(())
}

/// `del od[key]` (CPython's `PyODict_DelItem`).
fn del_item(vm: &Vm, od: &Obj, key: &Obj) -> PyResult<()> {
    let hash = vm.hash(key)?;
    let order = order_obj(vm, od)?;
    clear_node(vm, order_of(&order), key, hash)?;
    match dict_of(od).remove_hashed(vm, key, hash)? {
        Some(_) => Ok(()),
        None => Err(vm.key_error(key.clone())),
    }
}

fn odict_ass_subscript(vm: &Vm, od: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    match value {
        Some(v) => set_item(vm, od, key, v),
        None => del_item(vm, od, key),
    }
}

/// Remove `key` and return its value, or `default` (CPython's
/// `_odict_popkey_hash`): the place in the order goes first.
fn pop_key(vm: &Vm, od: &Obj, key: &Obj, hash: i64, default: Option<Obj>) -> PyResult<Obj> {
    let order = order_obj(vm, od)?;
    let order = order_of(&order);
    if position_of(vm, order, key, hash)?.is_some() {
        clear_node(vm, order, key, hash)?;
        if let Some(v) = dict_of(od).remove_hashed(vm, key, hash)? {
            return Ok(v);
        }
    }
    default.ok_or_else(|| vm.key_error(key.clone()))
}

/// The dict's value for `key`, or KeyError (`PyODict_GetItemWithError`
/// and the KeyError its callers raise).
fn value_of(vm: &Vm, od: &Obj, key: &Obj) -> PyResult<Obj> {
    dict_of(od).get(vm, key)?.ok_or_else(|| vm.key_error(key.clone()))
}

// ---- update -----------------------------------------------------------------------------------

/// `self[k] = v` for each pair of an iterable (CPython's
/// `mutablemapping_add_pairs`).
fn add_pairs(vm: &Vm, od: &Obj, pairs: &Obj) -> PyResult<()> {
    let it = vm.iter(pairs)?;
    while let Some(pair) = vm.next(&it)? {
        let pit = vm.iter(&pair)?;
        let Some(key) = vm.next(&pit)? else {
            return Err(vm.value_error("need more than 0 values to unpack"));
        };
        let Some(value) = vm.next(&pit)? else {
            return Err(vm.value_error("need more than 1 value to unpack"));
        };
        if vm.next(&pit)?.is_some() {
            return Err(vm.value_error("too many values to unpack (expected 2)"));
        }
        vm.setitem(od, &key, &value)?;
    }
    Ok(())
}

/// Update from one argument: a dict, something with `keys`, something
/// with `items`, or pairs (CPython's `mutablemapping_update_arg`).
fn update_arg(vm: &Vm, od: &Obj, arg: &Obj) -> PyResult<()> {
    if arg.class_obj().is(&vm.ctx.types.dict) {
        let items: Vec<Obj> = dict::items(arg).into_iter().map(|(k, v)| vm.new_tuple(vec![k, v])).collect();
        return add_pairs(vm, od, &vm.new_list(items));
    }
    if let Some(keys) = vm.getattr_str_opt(arg, "keys")? {
        let keys = vm.call0(&keys)?;
        let it = vm.iter(&keys)?;
        while let Some(key) = vm.next(&it)? {
            let value = vm.getitem(arg, &key)?;
            vm.setitem(od, &key, &value)?;
        }
        return Ok(());
    }
    if let Some(items) = vm.getattr_str_opt(arg, "items")? {
        let items = vm.call0(&items)?;
        return add_pairs(vm, od, &items);
    }
    add_pairs(vm, od, arg)
}

/// The positional argument and the keyword pairs of a call.
fn split_call<'a>(a: &'a [Obj], k: Option<&Obj>) -> (&'a [Obj], Vec<(Obj, Obj)>) {
    let names: Vec<Obj> = k.map(|k| tuple::items(k).to_vec()).unwrap_or_default();
    let npos = a.len() - names.len();
    let kw = names.into_iter().zip(a[npos..].iter().cloned()).collect();
    (&a[..npos], kw)
}

/// `update(*args, **kwargs)` after the count check (CPython's
/// `mutablemapping_update`).
fn update_from(vm: &Vm, od: &Obj, pos: &[Obj], kw: Vec<(Obj, Obj)>) -> PyResult<()> {
    if let Some(other) = pos.first() {
        update_arg(vm, od, other)?;
    }
    for (k, v) in kw {
        vm.setitem(od, &k, &v)?;
    }
    Ok(())
}

fn odict_init(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let (pos, kw) = split_call(a, k);
    if pos.len() > 1 {
        return Err(vm.type_error(format!("expected at most 1 arguments, got {}", pos.len())));
    }
    update_from(vm, od, pos, kw)
}

fn odict_update(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_odict(vm, od)?;
    let (pos, kw) = split_call(a, k);
    if pos.len() > 1 {
        return Err(vm.type_error(format!("update() takes at most 1 positional argument ({} given)", pos.len())));
    }
    update_from(vm, od, pos, kw)?;
    Ok(vm.none())
}

// ---- methods ----------------------------------------------------------------------------------

fn odict_setdefault(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_odict(vm, od)?;
    let p = args::parse(vm, "setdefault", a, k, &["key", "default"], 1)?;
    let key = p[0].clone().expect("required");
    let default = p[1].clone().unwrap_or_else(|| vm.none());
    if is_exact_odict(vm, od) {
        if let Some(v) = dict_of(od).get(vm, &key)? {
            return Ok(v);
        }
        set_item(vm, od, &key, &default)?;
        return Ok(default);
    }
    if vm.contains(od, &key)? {
        return vm.getitem(od, &key);
    }
    vm.setitem(od, &key, &default)?;
    Ok(default)
}

fn odict_pop(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_odict(vm, od)?;
    let p = args::parse(vm, "pop", a, k, &["key", "default"], 1)?;
    let key = p[0].clone().expect("required");
    let hash = vm.hash(&key)?;
    pop_key(vm, od, &key, hash, p[1].clone())
}

fn last_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<bool> {
    match o {
        Some(o) => vm.is_true(o),
        None => Ok(true),
    }
}

fn odict_popitem(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_odict(vm, od)?;
    let p = args::parse(vm, "popitem", a, k, &["last"], 0)?;
    let last = last_arg(vm, p[0].as_ref())?;
    let order = order_obj(vm, od)?;
    let Some((_, key, hash)) = order_of(&order).end(last) else {
        return Err(vm.key_error(vm.new_str("dictionary is empty")));
    };
    let value = pop_key(vm, od, &key, hash, None)?;
    Ok(vm.new_tuple(vec![key, value]))
}

fn odict_move_to_end(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_odict(vm, od)?;
    let p = args::parse(vm, "move_to_end", a, k, &["key", "last"], 1)?;
    let key = p[0].clone().expect("required");
    let last = last_arg(vm, p[1].as_ref())?;
    let order = order_obj(vm, od)?;
    let order = order_of(&order);
    let Some((end_pos, end_key, _)) = order.end(last) else {
        return Err(vm.key_error(key));
    };
    if end_key.is(&key) {
        return Ok(vm.none());
    }
    let hash = vm.hash(&key)?;
    let Some(pos) = position_of(vm, order, &key, hash)? else {
        return Err(vm.key_error(key));
    };
    if pos != end_pos {
        let (stored_key, stored_hash) = order.remove(pos).expect("a placed key is in the order");
        let new_pos = order.new_position(last);
        order.insert(new_pos, stored_key.clone(), stored_hash);
        order.positions().set_hashed(vm, stored_key, stored_hash, vm.new_int(new_pos))?;
    }
    Ok(vm.none())
}

fn odict_clear(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "clear", a, k)?;
    check_odict(vm, od)?;
    dict_of(od).clear();
    let order = order_obj(vm, od)?;
    order_of(&order).clear_all();
    Ok(vm.none())
}

/// `od.copy()`: the same type, filled in order (by the dict directly for
/// an exact OrderedDict, through `__getitem__`/`__setitem__` otherwise).
fn odict_copy(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "copy", a, k)?;
    check_odict(vm, od)?;
    let new = vm.call0(&od.class_obj())?;
    let order = order_obj(vm, od)?;
    let exact = is_exact_odict(vm, od);
    for (key, hash) in order_of(&order).snapshot() {
        if exact {
            let value = value_of(vm, od, &key)?;
            set_item_hashed(vm, &new, &key, hash, &value)?;
        } else {
            let value = vm.getitem(od, &key)?;
            vm.setitem(&new, &key, &value)?;
        }
    }
    Ok(new)
}

fn odict_fromkeys(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "fromkeys", a, k, &["iterable", "value"], 1)?;
    let value = p[1].clone().unwrap_or_else(|| vm.none());
    let new = vm.call0(cls)?;
    let it = vm.iter(p[0].as_ref().expect("required"))?;
    while let Some(key) = vm.next(&it)? {
        vm.setitem(&new, &key, &value)?;
    }
    Ok(new)
}

fn odict_sizeof(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__sizeof__", a, k)?;
    check_odict(vm, od)?;
    let base = vm.getattr_str(&vm.ctx.types.dict, "__sizeof__")?;
    let base = vm.to_i64(&vm.call1(&base, od.clone())?)?;
    // A node (key, hash, two links) and an index slot for each key.
    let nodes = member_get(od, order_offset(od)).map_or(0, |o| order_of(&o).len()) as i64;
    Ok(vm.new_int(base + nodes * 40))
}

/// `__reduce__`: (type, (), state, None, iter(items)) (CPython's
/// `odict_reduce`).
fn odict_reduce(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    check_odict(vm, od)?;
    let state = vm.call_method(od, "__getstate__", &[])?;
    let items = vm.call_method(od, "items", &[])?;
    let it = vm.iter(&items)?;
    Ok(vm.new_tuple(vec![od.class_obj(), vm.new_tuple(vec![]), state, vm.none(), it]))
}

fn odict_reversed(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reversed__", a, k)?;
    check_odict(vm, od)?;
    new_iter(vm, od, ViewKind::Keys, true)
}

fn view_method(vm: &Vm, od: &Obj, a: &[Obj], k: Option<&Obj>, name: &'static str, kind: ViewKind) -> PyResult<Obj> {
    args::exact::<0>(vm, name, a, k)?;
    check_odict(vm, od)?;
    alloc_exact(vm, view_name(kind), DictViewData { dict: od.clone(), kind })
}

// ---- slots ------------------------------------------------------------------------------------

/// `repr(od)`: `OrderedDict([(k, v), ...])`; "..." when recursive.
fn odict_repr(vm: &Vm, od: &Obj) -> PyResult<Obj> {
    let name = short_type_name(od);
    if dict_of(od).is_empty() {
        return Ok(vm.new_str(&format!("{name}()")));
    }
    let Some(_guard) = vm.repr_enter(od) else { return Ok(vm.new_str("...")) };
    let pairs = if is_exact_odict(vm, od) {
        let order = order_obj(vm, od)?;
        let mut pairs = Vec::new();
        for (key, _) in order_of(&order).snapshot() {
            let value = value_of(vm, od, &key)?;
            pairs.push(vm.new_tuple(vec![key, value]));
        }
        vm.new_list(pairs)
    } else {
        let items = vm.call_method(od, "items", &[])?;
        vm.new_list(vm.to_vec(&items)?)
    };
    let r = vm.repr_string(&pairs)?;
    Ok(vm.new_str(&format!("{name}({r})")))
}

/// Whether two OrderedDicts hold their keys in the same order (CPython's
/// `_odict_keys_equal`); a change of either meanwhile is an error.
fn keys_equal(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<bool> {
    let (oa, ob) = (order_obj(vm, a)?, order_obj(vm, b)?);
    let (oa, ob) = (order_of(&oa), order_of(&ob));
    let (state_a, state_b) = (oa.state.get(), ob.state.get());
    let (ka, kb) = (oa.snapshot(), ob.snapshot());
    if ka.len() != kb.len() {
        return Ok(false);
    }
    for ((x, _), (y, _)) in ka.iter().zip(kb.iter()) {
        let eq = vm.rich_compare_bool(x, y, CompareOp::Eq)?;
        if oa.state.get() != state_a || ob.state.get() != state_b {
            return Err(vm.runtime_error(MUTATED));
        }
        if !eq {
            return Ok(false);
        }
    }
    Ok(true)
}

fn odict_richcompare(vm: &Vm, v: &Obj, w: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !is_odict(vm, v) || !vm.isinstance_type(w, &vm.ctx.types.dict) {
        return Ok(vm.not_implemented());
    }
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let base = vm.ctx.types.dict.payload::<TypeObject>().and_then(|t| t.slots.richcompare.get());
    let Some(base) = base else { return Ok(vm.not_implemented()) };
    let cmp = base(vm, v, w, op)?;
    if !is_odict(vm, w) || cmp.is(&vm.bool_obj(op == CompareOp::Ne)) {
        return Ok(cmp);
    }
    let eq = keys_equal(vm, v, w)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn odict_iter(vm: &Vm, od: &Obj) -> PyResult<Obj> {
    new_iter(vm, od, ViewKind::Keys, false)
}

/// `left | right`: a copy of the OrderedDict side's type made from `left`,
/// updated with `right` (CPython's `odict_or`).
fn odict_or(vm: &Vm, left: &Obj, right: &Obj) -> PyResult<Obj> {
    let (ty, other) = if is_odict(vm, left) { (left.class_obj(), right) } else { (right.class_obj(), left) };
    if !vm.isinstance_type(other, &vm.ctx.types.dict) {
        return Ok(vm.not_implemented());
    }
    let new = vm.call1(&ty, left.clone())?;
    update_arg(vm, &new, right)?;
    Ok(new)
}

fn odict_inplace_or(vm: &Vm, od: &Obj, other: &Obj) -> PyResult<Obj> {
    update_arg(vm, od, other)?;
    Ok(od.clone())
}

// ---- views and the iterator -------------------------------------------------------------------

fn view_name(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::Keys => "odict_keys",
        ViewKind::Values => "odict_values",
        ViewKind::Items => "odict_items",
    }
}

fn view_of(vm: &Vm, o: &Obj) -> PyResult<(Obj, ViewKind)> {
    match o.payload::<DictViewData>() {
        Some(v) => Ok((v.dict.clone(), v.kind)),
        None => Err(vm.type_error(format!("expected an OrderedDict view, got '{}'", o.class().name()))),
    }
}

fn view_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (od, kind) = view_of(vm, o)?;
    new_iter(vm, &od, kind, false)
}

fn view_reversed(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reversed__", a, k)?;
    let (od, kind) = view_of(vm, o)?;
    new_iter(vm, &od, kind, true)
}

/// `repr(view)`: the type's name and the list of what iteration gives
/// (CPython's `dictview_repr`).
fn view_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("...")) };
    let items = vm.to_vec(o)?;
    let r = vm.repr_string(&vm.new_list(items))?;
    Ok(vm.new_str(&format!("{}({r})", o.class().name())))
}

/// An iterator over an OrderedDict (CPython's `odictiterobject`).
struct OdictIter {
    /// None once exhausted or failed.
    od: ObjCell,
    /// The key to give next.
    current: ObjCell,
    kind: ViewKind,
    reverse: bool,
    /// The dict's size at the start; -1 once a change of size was seen
    /// (so the error repeats).
    size: Cell<isize>,
    state: Cell<u64>,
}

impl PyPayload for OdictIter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.od.with(|v| v.map_or((), &mut *visit));
        self.current.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.od.set(None);
        self.current.set(None);
    }
}

fn new_iter(vm: &Vm, od: &Obj, kind: ViewKind, reverse: bool) -> PyResult<Obj> {
    let order = order_obj(vm, od)?;
    let order = order_of(&order);
    let current = order.end(reverse).map(|(_, k, _)| k);
    let it = OdictIter {
        od: ObjCell::some(od.clone()),
        current: ObjCell::new(current),
        kind,
        reverse,
        size: Cell::new(dict_of(od).len() as isize),
        state: Cell::new(order.state.get()),
    };
    alloc_exact(vm, ITER, it)
}

/// The next key, checking the OrderedDict did not change meanwhile
/// (CPython's `odictiter_nextkey`).
fn next_key(vm: &Vm, it: &OdictIter) -> PyResult<Option<Obj>> {
    let Some(od) = it.od.get() else { return Ok(None) };
    let Some(current) = it.current.get() else {
        it.od.set(None);
        return Ok(None);
    };
    let order = order_obj(vm, &od)?;
    let order = order_of(&order);
    if order.state.get() != it.state.get() {
        it.od.set(None);
        return Err(vm.runtime_error(MUTATED));
    }
    if it.size.get() != dict_of(&od).len() as isize {
        it.size.set(-1);
        return Err(vm.runtime_error(RESIZED));
    }
    // As CPython finds a key's node through the dict, a key the dict lost
    // (`dict.__delitem__(od, k)`) ends the iteration with KeyError.
    let found = vm.hash(&current).and_then(|h| match dict_of(&od).get_hashed(vm, &current, h)? {
        Some(_) => position_of(vm, order, &current, h),
        None => Ok(None),
    });
    let pos = match found {
        Ok(Some(pos)) => pos,
        Ok(None) => {
            it.current.set(None);
            return Err(vm.key_error(current));
        }
        Err(e) => {
            it.current.set(None);
            return Err(e);
        }
    };
    it.current.set(order.key_after(pos, it.reverse));
    Ok(Some(current))
}

/// The next key, value or (key, value) pair (`odictiter_iternext`).
fn next_item(vm: &Vm, it: &OdictIter) -> PyResult<Option<Obj>> {
    let od = it.od.get();
    let Some(key) = next_key(vm, it)? else { return Ok(None) };
    if it.kind == ViewKind::Keys {
        return Ok(Some(key));
    }
    let Some(od) = od else { return Ok(None) };
    let value = match dict_of(&od).get(vm, &key) {
        Ok(Some(v)) => v,
        Ok(None) => {
            it.od.set(None);
            return Err(vm.key_error(key));
        }
        Err(e) => {
            it.od.set(None);
            return Err(e);
        }
    };
    Ok(Some(match it.kind {
        ViewKind::Items => vm.new_tuple(vec![key, value]),
        _ => value,
    }))
}

fn iter_payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a OdictIter> {
    o.payload::<OdictIter>()
        .ok_or_else(|| vm.type_error(format!("expected odict_iterator, got '{}'", o.class().name())))
}

fn odictiter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    next_item(vm, iter_payload(vm, o)?)
}

/// `__reduce__`: `iter(list)` of what a copy of the iterator would still
/// give; the iterator itself does not move (CPython's `odictiter_reduce`).
fn odictiter_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let it = iter_payload(vm, o)?;
    let copy = OdictIter {
        od: ObjCell::new(it.od.get()),
        current: ObjCell::new(it.current.get()),
        kind: it.kind,
        reverse: it.reverse,
        size: Cell::new(it.size.get()),
        state: Cell::new(it.state.get()),
    };
    let mut rest = Vec::new();
    while let Some(x) = next_item(vm, &copy)? {
        rest.push(x);
    }
    let iter =
        dict::get_item_str(vm, &vm.builtins_dict(), "iter").ok_or_else(|| vm.runtime_error("lost builtins.iter"))?;
    Ok(vm.new_tuple(vec![iter, vm.new_tuple(vec![vm.new_list(rest)])]))
}

/// `od.__dict__` (CPython's `PyObject_GenericGetDict`): made on first use.
fn dict_get(vm: &Vm, od: &Obj) -> PyResult<Obj> {
    if let Some(d) = od.instance_dict() {
        return Ok(d);
    }
    let d = vm.new_dict();
    if !od.set_instance_dict(Some(d.clone())) {
        return Err(vm.attribute_error(format!("'{}' object has no attribute '__dict__'", od.class().name())));
    }
    Ok(d)
}

fn dict_set(vm: &Vm, od: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("cannot delete __dict__")) };
    if !vm.isinstance_type(v, &vm.ctx.types.dict) {
        return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.class().name())));
    }
    od.set_instance_dict(Some(v.clone()));
    Ok(())
}

// ---- the types --------------------------------------------------------------------------------

const ODICT_METHODS: &[MethodDef] = &[
    MethodDef::method("__reversed__", odict_reversed),
    MethodDef::method("__sizeof__", odict_sizeof),
    MethodDef::method("__reduce__", odict_reduce),
    MethodDef::method("setdefault", odict_setdefault),
    MethodDef::method("pop", odict_pop),
    MethodDef::method("popitem", odict_popitem),
    MethodDef::method("keys", |vm, o, a, k| view_method(vm, o, a, k, "keys", ViewKind::Keys)),
    MethodDef::method("values", |vm, o, a, k| view_method(vm, o, a, k, "values", ViewKind::Values)),
    MethodDef::method("items", |vm, o, a, k| view_method(vm, o, a, k, "items", ViewKind::Items)),
    MethodDef::method("update", odict_update),
    MethodDef::method("clear", odict_clear),
    MethodDef::method("copy", odict_copy),
    MethodDef::class("fromkeys", odict_fromkeys),
    MethodDef::method("move_to_end", odict_move_to_end),
];

fn make_order_type(vm: &Vm) {
    let spec = TypeSpec { name: ORDER, gc: true, ..Default::default() };
    let ty = new_type::<Order>(vm, &spec, |_| {});
    register_type(vm, ORDER, &ty);
}

fn make_view_type(vm: &Vm, kind: ViewKind) {
    let base = match kind {
        ViewKind::Keys => vm.ctx.types.dict_keys.clone(),
        ViewKind::Values => vm.ctx.types.dict_values.clone(),
        ViewKind::Items => vm.ctx.types.dict_items.clone(),
    };
    let methods: &[MethodDef] = &[MethodDef::method("__reversed__", view_reversed)];
    let spec = TypeSpec { name: view_name(kind), base: Some(&base), gc: true, methods, ..Default::default() };
    let ty = new_type::<DictViewData>(vm, &spec, |s: &Slots| {
        s.iter.set(Some(view_iter));
        s.repr.set(Some(view_repr));
    });
    register_type(vm, view_name(kind), &ty);
}

fn make_iter_type(vm: &Vm) {
    let methods: &[MethodDef] = &[MethodDef::method("__reduce__", odictiter_reduce)];
    let spec = TypeSpec { name: ITER, gc: true, methods, ..Default::default() };
    let ty = new_type::<OdictIter>(vm, &spec, |s: &Slots| {
        s.iter.set(Some(iter_self));
        s.iternext.set(Some(odictiter_next));
    });
    register_type(vm, ITER, &ty);
}

/// Make `OrderedDict` and the types behind it; returns `OrderedDict`.
pub(crate) fn make_types(vm: &Vm) -> Obj {
    make_order_type(vm);
    for kind in [ViewKind::Keys, ViewKind::Values, ViewKind::Items] {
        make_view_type(vm, kind);
    }
    make_iter_type(vm);
    let base = vm.ctx.types.dict.clone();
    let spec = TypeSpec {
        name: ODICT,
        base: Some(&base),
        flags: flags::BASETYPE | flags::DICT_SUBCLASS | flags::MAPPING,
        gc: true,
        dict: true,
        weakref: true,
        methods: ODICT_METHODS,
        getsets: &[GetSetDef::new("__dict__", dict_get, Some(dict_set))],
        doc: Some("Dictionary that remembers insertion order"),
    };
    let (ty, _) = new_type_with_members::<DictData>(vm, &spec, 1, |s: &Slots| {
        s.init.set(Some(odict_init));
        s.repr.set(Some(odict_repr));
        s.richcompare.set(Some(odict_richcompare));
        set_unhashable(s);
        s.iter.set(Some(odict_iter));
        s.mp_ass_subscript.set(Some(odict_ass_subscript));
        s.nb_binary[NbOp::Or as usize].set(Some(odict_or));
        s.nb_inplace[NbOp::Or as usize].set(Some(odict_inplace_or));
    });
    register_type(vm, ODICT, &ty);
    ty
}
