//! `set` and `frozenset` (CPython's `Objects/setobject.c`). The hash table
//! follows CPython's exactly (its size rules, linear probing then
//! perturbation, dummies), because a set's iteration order is its slot
//! order and programs print sets.

use std::cell::{Cell, UnsafeCell};

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{dict, str as pystr};
use crate::vm::{PyResult, Vm};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(i64, Obj),
}

struct Table {
    slots: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    used: usize,
    /// Where `pop` looks next.
    finger: usize,
}

impl Table {
    fn new() -> Table {
        Table { slots: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Put an entry into a table without dummies where the key is absent.
    fn insert_clean(slots: &mut [Slot], hash: i64, key: Obj) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(slots[i + j], Slot::Empty) {
                        slots[i + j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Rebuild with the smallest size greater than `minused`; false when
    /// that much memory cannot be had (the caller raises MemoryError).
    #[must_use]
    fn resize(&mut self, minused: usize) -> bool {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            let Some(n) = newsize.checked_mul(2) else { return false };
            newsize = n;
        }
        if newsize == self.slots.len() && self.fill == self.used {
            return true;
        }
        let mut fresh: Vec<Slot> = Vec::new();
        if fresh.try_reserve_exact(newsize).is_err() {
            return false;
        }
        fresh.resize_with(newsize, || Slot::Empty);
        let old = std::mem::replace(&mut self.slots, fresh);
        self.fill = self.used;
        for s in old {
            if let Slot::Active(h, k) = s {
                Table::insert_clean(&mut self.slots, h, k);
            }
        }
        true
    }
}

pub(crate) struct SetData {
    table: UnsafeCell<Table>,
    /// Bumped on every change (lookups restart if it moves under them).
    version: Cell<u64>,
    /// frozenset's cached hash (-1: not computed).
    hash: Cell<i64>,
}

impl PyPayload for SetData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for s in self.t().slots.iter() {
            if let Slot::Active(_, k) = s {
                visit(k);
            }
        }
    }

    fn clear(&self) {
        SetData::clear(self);
    }
}

enum Found {
    Active,
    Missing,
}

// SAFETY (accessors below): the table is borrowed only within one accessor,
// never while Python code (hash, `==`) runs; lookups re-check the version
// after each comparison and restart if the table changed.
impl SetData {
    pub(crate) fn new() -> SetData {
        SetData { table: UnsafeCell::new(Table::new()), version: Cell::new(0), hash: Cell::new(-1) }
    }

    #[inline]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn t(&self) -> &mut Table {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.table.get() }
    }

    fn bump(&self) {
        self.version.set(self.version.get().wrapping_add(1));
    }

    pub(crate) fn len(&self) -> usize {
        self.t().used
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Walk the probe sequence of `hash`; `on_dummy` sees dummy slots.
    /// Returns the slot index where the walk stopped and what it found.
    fn lookup(&self, vm: &Vm, key: &Obj, hash: i64, mut on_dummy: impl FnMut(usize)) -> PyResult<(usize, Found)> {
        'restart: loop {
            let mask = self.t().mask();
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                for j in 0..=probes {
                    let idx = i + j;
                    let slot = self.t().slots[idx].clone();
                    match slot {
                        Slot::Empty => return Ok((idx, Found::Missing)),
                        Slot::Dummy => on_dummy(idx),
                        Slot::Active(h, k) => {
                            if h == hash {
                                if k.is(key) {
                                    return Ok((idx, Found::Active));
                                }
                                let str_type = &vm.ctx.types.str;
                                if k.type_is(str_type) && key.type_is(str_type) {
                                    if pystr::str_eq(&k, key) {
                                        return Ok((idx, Found::Active));
                                    }
                                } else {
                                    let table_id = (self.t().slots.as_ptr(), self.t().slots.len());
                                    let eq = vm.rich_compare_bool(&k, key, CompareOp::Eq)?;
                                    // Start over if the table was rebuilt or
                                    // this slot changed (CPython's set_lookkey).
                                    let t = self.t();
                                    let same = matches!(t.slots.get(idx), Some(Slot::Active(_, k2)) if k2.is(&k));
                                    if (t.slots.as_ptr(), t.slots.len()) != table_id || !same {
                                        continue 'restart;
                                    }
                                    if eq {
                                        return Ok((idx, Found::Active));
                                    }
                                }
                            }
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
            }
        }
    }

    pub(crate) fn contains_hashed(&self, vm: &Vm, key: &Obj, hash: i64) -> PyResult<bool> {
        Ok(matches!(self.lookup(vm, key, hash, |_| {})?.1, Found::Active))
    }

    /// Add `key`; true if it was new.
    pub(crate) fn add_hashed(&self, vm: &Vm, key: Obj, hash: i64) -> PyResult<bool> {
        let mut freeslot = None;
        let (idx, found) = self.lookup(vm, &key, hash, |d| {
            freeslot.get_or_insert(d);
        })?;
        if let Found::Active = found {
            return Ok(false);
        }
        let t = self.t();
        self.bump();
        if let Some(f) = freeslot {
            t.used += 1;
            t.slots[f] = Slot::Active(hash, key);
            return Ok(true);
        }
        t.fill += 1;
        t.used += 1;
        t.slots[idx] = Slot::Active(hash, key);
        if t.fill * 5 < t.mask() * 3 {
            return Ok(true);
        }
        let used = t.used;
        if !t.resize(if used > 50000 { used * 2 } else { used * 4 }) {
            return Err(vm.memory_error());
        }
        Ok(true)
    }

    pub(crate) fn add(&self, vm: &Vm, key: Obj) -> PyResult<bool> {
        let h = vm.hash(&key)?;
        self.add_hashed(vm, key, h)
    }

    /// Remove `key`; true if it was there.
    pub(crate) fn discard_hashed(&self, vm: &Vm, key: &Obj, hash: i64) -> PyResult<bool> {
        let (idx, found) = self.lookup(vm, key, hash, |_| {})?;
        match found {
            Found::Active => {
                let t = self.t();
                let old = std::mem::replace(&mut t.slots[idx], Slot::Dummy);
                t.used -= 1;
                self.bump();
                drop(old);
                Ok(true)
            }
            Found::Missing => Ok(false),
        }
    }

    pub(crate) fn clear(&self) {
        let old = std::mem::replace(self.t(), Table::new());
        self.bump();
        drop(old);
    }

    /// Active entries in slot order, with their hashes.
    pub(crate) fn entries(&self) -> Vec<(i64, Obj)> {
        self.t()
            .slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) => Some((*h, k.clone())),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn keys(&self) -> Vec<Obj> {
        self.entries().into_iter().map(|(_, k)| k).collect()
    }

    /// The active entry at slot `i` or later: (slot, key).
    pub(crate) fn next_from(&self, mut i: usize) -> Option<(usize, Obj)> {
        let t = self.t();
        while i < t.slots.len() {
            if let Slot::Active(_, k) = &t.slots[i] {
                return Some((i, k.clone()));
            }
            i += 1;
        }
        None
    }

    pub(crate) fn pop(&self) -> Option<Obj> {
        let t = self.t();
        if t.used == 0 {
            return None;
        }
        let mask = t.mask();
        let mut i = t.finger & mask;
        while !matches!(t.slots[i], Slot::Active(..)) {
            i += 1;
            if i > mask {
                i = 0;
            }
        }
        let Slot::Active(_, k) = std::mem::replace(&mut t.slots[i], Slot::Dummy) else { unreachable!() };
        t.used -= 1;
        t.finger = i + 1;
        self.bump();
        Some(k)
    }

    /// Add every entry of another set (CPython's `set_merge`).
    pub(crate) fn merge(&self, vm: &Vm, other: &SetData) -> PyResult<()> {
        if std::ptr::eq(self, other) || other.is_empty() {
            return Ok(());
        }
        let t = self.t();
        let ot = other.t();
        if (t.fill + ot.used) * 5 >= t.mask() * 3 {
            let used = t.used;
            if !t.resize(used.saturating_add(ot.used).saturating_mul(2)) {
                return Err(vm.memory_error());
            }
        }
        if t.fill == 0 && t.mask() == ot.mask() && ot.fill == ot.used {
            t.slots = ot.slots.clone();
            t.fill = ot.fill;
            t.used = ot.used;
            self.bump();
            return Ok(());
        }
        if t.fill == 0 {
            t.fill = ot.used;
            t.used = ot.used;
            for s in ot.slots.clone() {
                if let Slot::Active(h, k) = s {
                    Table::insert_clean(&mut t.slots, h, k);
                }
            }
            self.bump();
            return Ok(());
        }
        for (h, k) in other.entries() {
            self.add_hashed(vm, k, h)?;
        }
        Ok(())
    }

    /// `set.update(iterable)` (CPython's `set_update_internal`).
    pub(crate) fn update(&self, vm: &Vm, other: &Obj) -> PyResult<()> {
        if let Some(os) = other.payload::<SetData>() {
            return self.merge(vm, os);
        }
        if other.type_is(&vm.ctx.types.dict) {
            let d = dict::data(other).expect("dict");
            let n = d.len();
            let t = self.t();
            if (t.fill + n) * 5 >= t.mask() * 3 {
                let used = t.used;
                if !t.resize(used.saturating_add(n).saturating_mul(2)) {
                    return Err(vm.memory_error());
                }
            }
            // The dict's stored hashes are reused, as CPython's set_update_dict.
            for (k, h, _) in d.hashed_items() {
                self.add_hashed(vm, k, h)?;
            }
            return Ok(());
        }
        let it = vm.iter(other)?;
        while let Some(k) = vm.next(&it)? {
            self.add(vm, k)?;
        }
        Ok(())
    }

    fn dummies_excess(&self) -> bool {
        let t = self.t();
        t.fill - t.used > t.mask() / 4
    }

    fn shrink_dummies(&self) {
        if self.dummies_excess() {
            let t = self.t();
            let used = t.used;
            // Shrinking frees memory; if even that fails, keep the table.
            let _ = t.resize(if used > 50000 { used * 2 } else { used * 4 });
        }
    }

    fn swap_bodies(&self, other: &SetData) {
        std::mem::swap(self.t(), other.t());
        self.bump();
        other.bump();
    }
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

pub(crate) fn type_object(frozen: bool) -> TypeObject {
    let name = if frozen { "frozenset" } else { "set" };
    let mut t = TypeObject::new::<SetData>(
        name,
        std::mem::size_of::<PyCell<SetData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    )
    .with_weaklist();
    t.doc = Some(if frozen {
        "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable unordered collection of unique elements."
    } else {
        "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements."
    });
    let s = &t.slots;
    s.repr.set(Some(set_repr));
    s.richcompare.set(Some(set_richcompare));
    s.iter.set(Some(set_iter));
    s.sq_length.set(Some(set_len));
    s.sq_contains.set(Some(set_contains));
    s.nb_binary[NbOp::Or as usize].set(Some(set_or));
    s.nb_binary[NbOp::And as usize].set(Some(set_and));
    s.nb_binary[NbOp::Xor as usize].set(Some(set_xor));
    s.nb_binary[NbOp::Subtract as usize].set(Some(set_sub));
    if frozen {
        s.hash.set(Some(frozenset_hash));
        s.new.set(Some(frozenset_new));
    } else {
        s.hash
            .set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
        s.nb_inplace[NbOp::Or as usize].set(Some(set_ior));
        s.nb_inplace[NbOp::And as usize].set(Some(set_iand));
        s.nb_inplace[NbOp::Xor as usize].set(Some(set_ixor));
        s.nb_inplace[NbOp::Subtract as usize].set(Some(set_isub));
        s.new.set(Some(set_new));
        s.init.set(Some(set_init));
    }
    t
}

pub(crate) fn iter_type_object() -> TypeObject {
    let t = TypeObject::new::<SetIterData>(
        "set_iterator",
        std::mem::size_of::<PyCell<SetIterData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(setiter_next));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let common = [
        MethodDef::method("copy", set_copy_method),
        MethodDef::method("union", set_union),
        MethodDef::method("intersection", set_intersection_multi),
        MethodDef::method("difference", set_difference_multi),
        MethodDef::method("symmetric_difference", set_symmetric_difference),
        MethodDef::method("issubset", set_issubset),
        MethodDef::method("issuperset", set_issuperset),
        MethodDef::method("isdisjoint", set_isdisjoint),
        MethodDef::method("__contains__", set_contains_method),
        MethodDef::method("__reduce__", set_reduce),
        MethodDef::method("__sizeof__", set_sizeof),
        MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
    ];
    add_methods(vm, &vm.ctx.types.frozenset, &common);
    add_methods(vm, &vm.ctx.types.set, &common);
    add_methods(
        vm,
        &vm.ctx.types.set,
        &[
            MethodDef::method("add", set_add),
            MethodDef::method("remove", set_remove),
            MethodDef::method("discard", set_discard),
            MethodDef::method("pop", set_pop),
            MethodDef::method("clear", set_clear),
            MethodDef::method("update", set_update_method),
            MethodDef::method("intersection_update", set_intersection_update),
            MethodDef::method("difference_update", set_difference_update),
            MethodDef::method("symmetric_difference_update", set_symmetric_difference_update),
        ],
    );
    add_methods(
        vm,
        &vm.ctx.types.set_iterator,
        &[MethodDef::method("__length_hint__", setiter_length_hint), MethodDef::method("__reduce__", setiter_reduce)],
    );
}

#[inline]
pub(crate) fn data(o: &Obj) -> Option<&SetData> {
    o.payload::<SetData>()
}

fn set_of(o: &Obj) -> &SetData {
    o.payload::<SetData>().expect("a set")
}

fn is_frozen(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &vm.ctx.types.frozenset)
}

impl Vm {
    pub fn new_set(&self) -> Obj {
        alloc_object(&self.ctx.types.set, SetData::new())
    }

    pub fn new_frozenset(&self, items: Vec<Obj>) -> PyResult<Obj> {
        let s = SetData::new();
        for x in items {
            s.add(self, x)?;
        }
        Ok(alloc_object(&self.ctx.types.frozenset, s))
    }
}

/// `set(iterable)`.
pub(crate) fn new_set_from(vm: &Vm, iterable: &Obj) -> PyResult<Obj> {
    let s = vm.new_set();
    set_of(&s).update(vm, iterable)?;
    Ok(s)
}

/// A new set of the same base type (set or frozenset) as `like`, filled
/// from `iterable` (CPython's `make_new_set_basetype`).
fn new_like(vm: &Vm, like: &Obj, iterable: Option<&Obj>) -> PyResult<Obj> {
    let ty = if is_frozen(vm, like) { &vm.ctx.types.frozenset } else { &vm.ctx.types.set };
    let s = alloc_object(ty, SetData::new());
    if let Some(it) = iterable {
        set_of(&s).update(vm, it)?;
    }
    Ok(s)
}

/// Add to a set object (the `SET_ADD` opcode).
pub(crate) fn add(vm: &Vm, s: &Obj, key: Obj) -> PyResult<()> {
    set_of(s).add(vm, key).map(|_| ())
}

pub(crate) fn update(vm: &Vm, s: &Obj, other: &Obj) -> PyResult<()> {
    set_of(s).update(vm, other)
}

/// Hash `key`, turning an unhashable set into a frozenset (CPython lets
/// `{1} in {frozenset({1})}` work).
fn hash_key(vm: &Vm, key: &Obj) -> PyResult<(Obj, i64)> {
    match vm.hash(key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e) if key.type_is(&vm.ctx.types.set) || (data(key).is_some() && !is_frozen(vm, key)) => {
            if !vm.err_matches(&e, &vm.ctx.exceptions.type_error) {
                return Err(e);
            }
            let f = vm.new_frozenset(set_of(key).keys())?;
            let h = vm.hash(&f)?;
            Ok((f, h))
        }
        Err(e) => Err(e),
    }
}

fn set_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = set_of(o);
    let tname = o.class().name().to_string();
    if s.is_empty() {
        return Ok(vm.new_str_from_string(format!("{tname}()")));
    }
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str_from_string(format!("{tname}(...)"))) };
    let keys = vm.new_list(s.keys());
    let r = vm.repr(&keys)?;
    let r = pystr::as_str_lossy(&r);
    let inner = &r[1..r.len() - 1];
    let text = if o.type_is(&vm.ctx.types.set) { format!("{{{inner}}}") } else { format!("{tname}({{{inner}}})") };
    Ok(vm.new_str_from_string(text))
}

fn set_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(set_of(o).len())
}

fn set_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    let (k, h) = hash_key(vm, key)?;
    set_of(o).contains_hashed(vm, &k, h)
}

fn set_contains_method(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "__contains__", args, kwnames)?;
    Ok(vm.bool_obj(set_contains(vm, o, &k)?))
}

fn issubset(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<bool> {
    let sa = set_of(a);
    let Some(sb) = data(b) else {
        let tmp = new_set_from(vm, b)?;
        return issubset(vm, a, &tmp);
    };
    if sa.len() > sb.len() {
        return Ok(false);
    }
    for (h, k) in sa.entries() {
        if !sb.contains_hashed(vm, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issuperset(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<bool> {
    if data(b).is_some() {
        return issubset(vm, b, a);
    }
    let it = vm.iter(b)?;
    while let Some(k) = vm.next(&it)? {
        if !set_contains(vm, a, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(sb) = data(b) else { return Ok(vm.not_implemented()) };
    let sa = set_of(a);
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            // Sizes or known hashes that differ settle it without comparing.
            let hashes_differ = sa.hash.get() != -1 && sb.hash.get() != -1 && sa.hash.get() != sb.hash.get();
            let eq = if sa.len() != sb.len() || hashes_differ { false } else { issubset(vm, a, b)? };
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Le => issubset(vm, a, b)?,
        CompareOp::Ge => issuperset(vm, a, b)?,
        CompareOp::Lt => sa.len() < sb.len() && issubset(vm, a, b)?,
        CompareOp::Gt => sa.len() > sb.len() && issuperset(vm, a, b)?,
    };
    Ok(vm.bool_obj(r))
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

fn frozenset_hash(_vm: &Vm, o: &Obj) -> PyResult<i64> {
    let s = set_of(o);
    if s.hash.get() != -1 {
        return Ok(s.hash.get());
    }
    let mut hash: u64 = 0;
    let t = s.t();
    for slot in &t.slots {
        hash ^= shuffle_bits(match slot {
            Slot::Empty => 0,
            Slot::Dummy => -1i64 as u64,
            Slot::Active(h, _) => *h as u64,
        });
    }
    // (Empty and dummy slots were folded in above, exactly as CPython does
    // before cancelling them out, so the cancellation below matches too.)
    if (t.slots.len() - t.fill) & 1 == 1 {
        hash ^= shuffle_bits(0);
    }
    if (t.fill - t.used) & 1 == 1 {
        hash ^= shuffle_bits(-1i64 as u64);
    }
    hash ^= (t.used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut h = hash as i64;
    if h == -1 {
        h = 590923713;
    }
    s.hash.set(h);
    Ok(h)
}

fn set_new(vm: &Vm, cls: &Obj, _args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&vm.ctx.types.set) && kwnames.is_some_and(|k| crate::objects::tuple::len(k) > 0) {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    Ok(alloc_object(cls, SetData::new()))
}

fn set_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    if kwnames.is_some_and(|k| crate::objects::tuple::len(k) > 0) {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", args.len())));
    }
    let s = set_of(o);
    if !s.is_empty() {
        s.clear();
    }
    if let Some(it) = args.first() {
        s.update(vm, it)?;
    }
    Ok(())
}

fn frozenset_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    // Keywords are refused unless a subclass's own __init__ may want them.
    let own_init = || match (cls.payload::<TypeObject>(), vm.ctx.types.frozenset.payload::<TypeObject>()) {
        (Some(c), Some(f)) => !c.slots.init.same_as(&f.slots.init),
        _ => false,
    };
    if kwnames.is_some_and(|k| crate::objects::tuple::len(k) > 0) && (cls.is(&vm.ctx.types.frozenset) || !own_init()) {
        return Err(vm.type_error("frozenset() takes no keyword arguments"));
    }
    let npos = crate::protocol::call::npositional(args, kwnames);
    if npos > 1 {
        return Err(vm.type_error(format!("frozenset expected at most 1 argument, got {npos}")));
    }
    if let Some(it) = args.first().filter(|_| npos == 1) {
        if it.type_is(&vm.ctx.types.frozenset) && cls.is(&vm.ctx.types.frozenset) {
            return Ok(it.clone());
        }
        let s = SetData::new();
        s.update(vm, it)?;
        return Ok(alloc_object(cls, s));
    }
    Ok(alloc_object(cls, SetData::new()))
}

// ---- operators -------------------------------------------------------------------------------

fn both_sets(a: &Obj, b: &Obj) -> bool {
    data(a).is_some() && data(b).is_some()
}

fn copy_of(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    new_like(vm, o, Some(o))
}

fn intersection(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if a.is(b) {
        return copy_of(vm, a);
    }
    let result = new_like(vm, a, None)?;
    let rs = set_of(&result);
    if let Some(sb) = data(b) {
        let sa = set_of(a);
        let (big, small) = if sb.len() > sa.len() { (sb, sa) } else { (sa, sb) };
        for (h, k) in small.entries() {
            if big.contains_hashed(vm, &k, h)? {
                rs.add_hashed(vm, k, h)?;
            }
        }
        return Ok(result);
    }
    let sa = set_of(a);
    let it = vm.iter(b)?;
    while let Some(k) = vm.next(&it)? {
        let h = vm.hash(&k)?;
        if sa.contains_hashed(vm, &k, h)? {
            rs.add_hashed(vm, k, h)?;
            if rs.len() >= sa.len() {
                break;
            }
        }
    }
    Ok(result)
}

fn difference_update(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<()> {
    let sa = set_of(a);
    if a.is(b) {
        sa.clear();
        return Ok(());
    }
    if let Some(sb) = data(b) {
        let other = if (sb.len() >> 3) > sa.len() { intersection(vm, a, b)? } else { b.clone() };
        for (h, k) in set_of(&other).entries() {
            sa.discard_hashed(vm, &k, h)?;
        }
    } else {
        let it = vm.iter(b)?;
        while let Some(k) = vm.next(&it)? {
            let (k, h) = hash_key(vm, &k)?;
            sa.discard_hashed(vm, &k, h)?;
        }
    }
    sa.shrink_dummies();
    Ok(())
}

fn difference(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let sa = set_of(a);
    let other_size = if let Some(sb) = data(b) {
        sb.len()
    } else if b.type_is(&vm.ctx.types.dict) {
        dict::len(b)
    } else {
        let r = copy_of(vm, a)?;
        difference_update(vm, &r, b)?;
        return Ok(r);
    };
    if (sa.len() >> 2) > other_size {
        let r = copy_of(vm, a)?;
        difference_update(vm, &r, b)?;
        return Ok(r);
    }
    let result = new_like(vm, a, None)?;
    let rs = set_of(&result);
    for (h, k) in sa.entries() {
        let present = match data(b) {
            Some(sb) => sb.contains_hashed(vm, &k, h)?,
            None => dict::data(b).expect("dict").get_hashed(vm, &k, h)?.is_some(),
        };
        if !present {
            rs.add_hashed(vm, k, h)?;
        }
    }
    Ok(result)
}

fn symmetric_difference_update(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<()> {
    let sa = set_of(a);
    if a.is(b) {
        sa.clear();
        return Ok(());
    }
    if let Some(d) = dict::data(b).filter(|_| b.type_is(&vm.ctx.types.dict)) {
        for (k, h, _) in d.hashed_items() {
            if !sa.discard_hashed(vm, &k, h)? {
                sa.add_hashed(vm, k, h)?;
            }
        }
        return Ok(());
    }
    let other = if data(b).is_some() { b.clone() } else { new_like(vm, a, Some(b))? };
    for (h, k) in set_of(&other).entries() {
        if !sa.discard_hashed(vm, &k, h)? {
            sa.add_hashed(vm, k, h)?;
        }
    }
    Ok(())
}

fn symmetric_difference(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let other = new_like(vm, a, Some(b))?;
    symmetric_difference_update(vm, &other, a)?;
    Ok(other)
}

fn set_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !both_sets(a, b) {
        return Ok(vm.not_implemented());
    }
    let r = copy_of(vm, a)?;
    if !a.is(b) {
        set_of(&r).update(vm, b)?;
    }
    Ok(r)
}

fn set_and(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !both_sets(a, b) {
        return Ok(vm.not_implemented());
    }
    intersection(vm, a, b)
}

fn set_xor(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !both_sets(a, b) {
        return Ok(vm.not_implemented());
    }
    symmetric_difference(vm, a, b)
}

fn set_sub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !both_sets(a, b) {
        return Ok(vm.not_implemented());
    }
    difference(vm, a, b)
}

fn set_ior(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(b).is_none() {
        return Ok(vm.not_implemented());
    }
    set_of(a).update(vm, b)?;
    Ok(a.clone())
}

fn set_iand(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(b).is_none() {
        return Ok(vm.not_implemented());
    }
    let tmp = intersection(vm, a, b)?;
    set_of(a).swap_bodies(set_of(&tmp));
    Ok(a.clone())
}

fn set_ixor(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(b).is_none() {
        return Ok(vm.not_implemented());
    }
    symmetric_difference_update(vm, a, b)?;
    Ok(a.clone())
}

fn set_isub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(b).is_none() {
        return Ok(vm.not_implemented());
    }
    difference_update(vm, a, b)?;
    Ok(a.clone())
}

// ---- methods ---------------------------------------------------------------------------------

fn set_add(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "add", args, kwnames)?;
    set_of(o).add(vm, k)?;
    Ok(vm.none())
}

fn set_remove(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "remove", args, kwnames)?;
    let (hk, h) = hash_key(vm, &k)?;
    if !set_of(o).discard_hashed(vm, &hk, h)? {
        return Err(vm.key_error(k));
    }
    Ok(vm.none())
}

fn set_discard(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "discard", args, kwnames)?;
    let (hk, h) = hash_key(vm, &k)?;
    set_of(o).discard_hashed(vm, &hk, h)?;
    Ok(vm.none())
}

fn set_pop(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "pop", args, kwnames)?;
    set_of(o).pop().ok_or_else(|| vm.new_exception_msg(&vm.ctx.exceptions.key_error, "pop from an empty set"))
}

fn set_clear(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "clear", args, kwnames)?;
    set_of(o).clear();
    Ok(vm.none())
}

fn set_copy_method(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "copy", args, kwnames)?;
    if o.type_is(&vm.ctx.types.frozenset) {
        return Ok(o.clone());
    }
    copy_of(vm, o)
}

fn set_update_method(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "update", kwnames)?;
    for a in args {
        set_of(o).update(vm, a)?;
    }
    Ok(vm.none())
}

fn set_union(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "union", kwnames)?;
    let r = copy_of(vm, o)?;
    for a in args {
        if !a.is(o) {
            set_of(&r).update(vm, a)?;
        }
    }
    Ok(r)
}

fn set_intersection_multi(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "intersection", kwnames)?;
    let mut r = o.clone();
    for a in args {
        r = intersection(vm, &r, a)?;
    }
    if args.is_empty() {
        return copy_of(vm, o);
    }
    Ok(r)
}

fn set_intersection_update(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let r = set_intersection_multi(vm, o, args, kwnames)?;
    set_of(o).swap_bodies(set_of(&r));
    Ok(vm.none())
}

fn set_difference_multi(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "difference", kwnames)?;
    let Some(first) = args.first() else { return copy_of(vm, o) };
    let r = difference(vm, o, first)?;
    for a in &args[1..] {
        difference_update(vm, &r, a)?;
    }
    Ok(r)
}

fn set_difference_update(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "difference_update", kwnames)?;
    for a in args {
        difference_update(vm, o, a)?;
    }
    Ok(vm.none())
}

fn set_symmetric_difference(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [b] = crate::args::exact::<1>(vm, "symmetric_difference", args, kwnames)?;
    symmetric_difference(vm, o, &b)
}

fn set_symmetric_difference_update(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [b] = crate::args::exact::<1>(vm, "symmetric_difference_update", args, kwnames)?;
    symmetric_difference_update(vm, o, &b)?;
    Ok(vm.none())
}

fn set_issubset(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [b] = crate::args::exact::<1>(vm, "issubset", args, kwnames)?;
    Ok(vm.bool_obj(issubset(vm, o, &b)?))
}

fn set_issuperset(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [b] = crate::args::exact::<1>(vm, "issuperset", args, kwnames)?;
    Ok(vm.bool_obj(issuperset(vm, o, &b)?))
}

fn set_isdisjoint(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [b] = crate::args::exact::<1>(vm, "isdisjoint", args, kwnames)?;
    let sa = set_of(o);
    if o.is(&b) {
        return Ok(vm.bool_obj(sa.is_empty()));
    }
    if let Some(sb) = data(&b) {
        let (big, small) = if sb.len() > sa.len() { (sb, sa) } else { (sa, sb) };
        for (h, k) in small.entries() {
            if big.contains_hashed(vm, &k, h)? {
                return Ok(vm.bool_obj(false));
            }
        }
        return Ok(vm.bool_obj(true));
    }
    let it = vm.iter(&b)?;
    while let Some(k) = vm.next(&it)? {
        let h = vm.hash(&k)?;
        if sa.contains_hashed(vm, &k, h)? {
            return Ok(vm.bool_obj(false));
        }
    }
    Ok(vm.bool_obj(true))
}

/// `(type(self), (list(self),), self.__getstate__())`: the state carries
/// the instance dict and `__slots__` values (CPython's `set_reduce`).
fn set_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let keys = vm.new_list(set_of(o).keys());
    let state = vm.call_method(o, "__getstate__", &[])?;
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![keys]), state]))
}

fn set_sizeof(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let n = set_of(o).t().slots.len();
    Ok(vm.new_usize(200 + if n > MIN_SIZE { n * 16 } else { 0 }))
}

// ---- iterator --------------------------------------------------------------------------------

/// `set` is emptied once the iterator is exhausted, so the set can be
/// freed while the iterator lives on (CPython's `si_set = NULL`).
pub(crate) struct SetIterData {
    set: ObjCell,
    pos: Cell<usize>,
    used: usize,
    remaining: Cell<usize>,
    done: Cell<bool>,
}
impl PyPayload for SetIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.set.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.set.set(None);
    }
}

impl SetIterData {
    fn finish(&self) {
        self.done.set(true);
        self.set.set(None);
    }
}

fn set_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let n = set_of(o).len();
    Ok(alloc_object(
        &vm.ctx.types.set_iterator,
        SetIterData {
            set: ObjCell::some(o.clone()),
            pos: Cell::new(0),
            used: n,
            remaining: Cell::new(n),
            done: Cell::new(false),
        },
    ))
}

/// `(iter, (list_of_what_is_left,))`, from a copy of the iterator as
/// CPython's `setiter_reduce`.
fn setiter_reduce(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let iter_fn = crate::objects::iter::builtin_iter(vm)?;
    let st = it.payload::<SetIterData>().ok_or_else(|| vm.type_error("set iterator expected"))?;
    let copy = alloc_object(
        &vm.ctx.types.set_iterator,
        SetIterData {
            set: ObjCell::new(st.set.get()),
            pos: Cell::new(st.pos.get()),
            used: st.used,
            remaining: Cell::new(st.remaining.get()),
            done: Cell::new(st.done.get()),
        },
    );
    let mut rest = Vec::new();
    while let Some(v) = setiter_next(vm, &copy)? {
        rest.push(v);
    }
    Ok(vm.new_tuple(vec![iter_fn, vm.new_tuple(vec![vm.new_list(rest)])]))
}

fn setiter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let st = it.payload::<SetIterData>().expect("set iterator");
    let Some(set) = st.set.get() else { return Ok(None) };
    if st.done.get() {
        return Ok(None);
    }
    let s = set_of(&set);
    if s.len() != st.used {
        st.done.set(true);
        return Err(vm.runtime_error("Set changed size during iteration"));
    }
    let next = s.next_from(st.pos.get());
    match next {
        Some((i, k)) => {
            st.pos.set(i + 1);
            st.remaining.set(st.remaining.get().saturating_sub(1));
            Ok(Some(k))
        }
        None => {
            st.finish();
            Ok(None)
        }
    }
}

fn setiter_length_hint(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let st = it.payload::<SetIterData>().expect("set iterator");
    let n = match st.set.get() {
        Some(set) if !st.done.get() && set_of(&set).len() == st.used => st.remaining.get(),
        _ => 0,
    };
    Ok(vm.new_usize(n))
}
