//! `dict` (CPython's `Objects/dictobject.c`): a compact ordered table (an
//! index array into an entry array kept in insertion order), keyed by
//! CPython's hashes. Lookups compare keys with `==`, which may run Python
//! code that mutates the dict: a lookup notices (the version changes) and
//! starts again, as CPython does.

use std::cell::{Cell, UnsafeCell};

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::str as pystr;
use crate::vm::{PyResult, Vm};

pub(crate) use super::dictview as view;
pub(crate) use super::mappingproxy;

pub(crate) use mappingproxy::{mappingproxy_type_object, new_mappingproxy};
pub(crate) use view::{iter_type_object, view_type_object, ViewKind};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

struct Entry {
    hash: i64,
    key: Obj,
    value: Obj,
}

#[derive(Default)]
struct Table {
    /// Slots holding an index into `entries`, EMPTY or DUMMY; empty for a
    /// dict that never held an item or was cleared (CPython's
    /// `Py_EMPTY_KEYS`).
    indices: Vec<i32>,
    /// Entries in insertion order; `None` where an item was deleted. Its
    /// capacity is the table's usable fraction, reserved when the table is
    /// built, so it never reallocates.
    entries: Vec<Option<Entry>>,
    /// Live entries.
    used: usize,
    /// Insertions since the table was built (CPython's usable fraction
    /// minus `dk_usable`). Trimming trailing holes shortens `entries` but
    /// does not give the room back, and an insertion into a DUMMY slot
    /// still counts, as CPython's: so the table grows at CPython's item,
    /// and a lookup always meets an EMPTY slot and ends.
    inserted: usize,
    /// A key that is not an exact str was ever inserted (CPython's keys
    /// kind is then "general": the collector visits keys as well as values).
    general_keys: bool,
}

/// Entries a table of `MIN_SIZE` slots holds at most.
const MIN_USABLE: usize = usable_fraction(MIN_SIZE);
/// Emptied smallest tables a thread keeps (CPython 3.11's keys free list).
const KEYS_FREE_MAX: usize = 80;

/// The entries a table of `size` slots may hold (CPython's USABLE_FRACTION).
const fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// The table size CPython's `calculate_log2_keysize` picks for `minsize`:
/// the power of two above `(minsize | MIN_SIZE) - 1`, so any `minsize` from
/// 1 to 7 gives 16 and 16 gives 32 (its quirk, kept: growth and
/// `sys.getsizeof` follow it). None past the address space.
fn size_at_least(minsize: usize) -> Option<usize> {
    let bits = ((minsize | MIN_SIZE) - 1) | (MIN_SIZE - 1);
    1usize.checked_shl(usize::BITS - bits.leading_zeros())
}

/// The table a full one of `used` items grows to (CPython's
/// `insertion_resize`: GROWTH_RATE is `used * 3`).
fn growth_size(used: usize) -> Option<usize> {
    size_at_least(used.checked_mul(3)?)
}

/// A table sized to take `n` items without growing (CPython's
/// `estimate_log2_keysize`, as 3.11 measures: the power of two at least
/// `(3n + 1) / 2`, without the growth rule's quirk).
fn presize(n: usize) -> Option<usize> {
    (n.checked_mul(3)?.checked_add(1)? / 2).max(MIN_SIZE).checked_next_power_of_two()
}

/// The running thread's emptied smallest tables (CPython's keys free
/// list): a small dict's first insertion takes one instead of allocating
/// its index and entry arrays. Each kept table has `MIN_SIZE` EMPTY slots
/// and no entries, with room for `MIN_USABLE`.
pub(crate) struct KeysFreeList(UnsafeCell<Vec<TableArrays>>);

/// A table's index and entry arrays.
type TableArrays = (Vec<i32>, Vec<Option<Entry>>);

impl KeysFreeList {
    pub(crate) const fn new() -> KeysFreeList {
        KeysFreeList(UnsafeCell::new(Vec::new()))
    }
}

/// The running thread's keys free list, if a thread state is active.
fn keys_free_list<'a>() -> Option<&'a mut Vec<TableArrays>> {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        return None;
    }
    // SAFETY: a non-null CURRENT points at a live thread state; the list is
    // only touched by `take_small_table` and `Table::drop` of this thread,
    // neither of which runs other code while it holds the borrow.
    Some(unsafe { &mut *(*ts).objects.dict_keys.0.get() })
}

/// A table of `MIN_SIZE` slots, from the free list when it has one.
fn small_table_arrays() -> TableArrays {
    match keys_free_list().and_then(|l| l.pop()) {
        Some(t) => t,
        None => (vec![EMPTY; MIN_SIZE], Vec::with_capacity(MIN_USABLE)),
    }
}

/// Empty arrays for a table of `size` slots (a power of two); None when
/// that much memory cannot be had.
fn table_arrays(size: usize) -> Option<TableArrays> {
    if size == MIN_SIZE {
        return Some(small_table_arrays());
    }
    let mut indices: Vec<i32> = Vec::new();
    let mut entries: Vec<Option<Entry>> = Vec::new();
    if indices.try_reserve_exact(size).is_err() || entries.try_reserve_exact(usable_fraction(size)).is_err() {
        return None;
    }
    indices.resize(size, EMPTY);
    Some((indices, entries))
}

impl Drop for Table {
    /// The smallest tables go back to the free list, emptied (entries
    /// first to last, key before value, as CPython's free_keys_object).
    fn drop(&mut self) {
        if self.indices.len() != MIN_SIZE || self.entries.capacity() != MIN_USABLE {
            return;
        }
        let mut entries = std::mem::take(&mut self.entries);
        entries.clear();
        let mut indices = std::mem::take(&mut self.indices);
        if let Some(l) = keys_free_list() {
            if l.len() < KEYS_FREE_MAX {
                indices.fill(EMPTY);
                l.push((indices, entries));
            }
        }
    }
}

/// Bytes of one index slot in a CPython table of `size` slots
/// (`dk_log2_index_bytes`: 1 up to 128 slots, then 2, 4, 8).
fn index_width(size: usize) -> usize {
    match size {
        0..=0x80 => 1,
        0x81..=0x8000 => 2,
        0x8001..=0x8000_0000 => 4,
        _ => 8,
    }
}

impl Table {
    /// An empty table of `size` slots (a power of two, at least
    /// `MIN_SIZE`) for the items of an existing dict (so the size fits;
    /// memory is had or the process aborts, as for any vector).
    fn with_size(size: usize, general_keys: bool) -> Table {
        let (indices, entries) = if size == MIN_SIZE {
            small_table_arrays()
        } else {
            (vec![EMPTY; size], Vec::with_capacity(usable_fraction(size)))
        };
        Table { indices, entries, used: 0, inserted: 0, general_keys }
    }

    /// An empty table with room for the `n` items of an existing dict
    /// (CPython's `dict_new_presized` past the smallest size).
    fn with_capacity(n: usize) -> Table {
        Table::with_size(presize(n).unwrap_or(usize::MAX), false)
    }

    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// Entries may be added while fewer than the usable fraction of the
    /// slots were taken since the table was built.
    fn usable(&self) -> bool {
        self.inserted < usable_fraction(self.indices.len())
    }

    /// Point `slot` (from `find_empty_slot`) at a new last entry.
    fn occupy(&mut self, slot: usize) {
        self.inserted += 1;
        self.indices[slot] = self.entries.len() as i32;
    }

    /// The slot where an entry with `hash` is inserted (first EMPTY slot on
    /// the probe sequence; the key is known to be absent).
    fn find_empty_slot(&self, hash: i64) -> usize {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] >= 0 {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        i
    }

    /// Rebuild as a table of `size` slots (None: past the address space),
    /// dropping holes. False when that much memory cannot be had (the
    /// table is unchanged; the caller raises MemoryError).
    #[must_use]
    fn resize(&mut self, size: Option<usize>) -> bool {
        let Some((indices, entries)) = size.and_then(table_arrays) else { return false };
        let old = std::mem::replace(&mut self.entries, entries);
        self.indices = indices;
        self.inserted = 0;
        for e in old.into_iter().flatten() {
            let slot = self.find_empty_slot(e.hash);
            self.occupy(slot);
            self.entries.push(Some(e));
        }
        true
    }

    /// What CPython's `_PyDict_SizeOf` reports for a combined dict with
    /// this table: the dict object, and unless it is the shared empty
    /// table, the keys object (header, indices of CPython's width, the
    /// usable fraction of 16-byte str entries or 24-byte general ones).
    fn cpython_sizeof(&self) -> usize {
        const DICT_OBJECT: usize = 48;
        const KEYS_HEADER: usize = 32;
        let size = self.indices.len();
        if size == 0 {
            return DICT_OBJECT;
        }
        let entry = if self.general_keys { 24 } else { 16 };
        DICT_OBJECT + KEYS_HEADER + size * index_width(size) + usable_fraction(size) * entry
    }
}

/// The most keys a class's shared keys hold (CPython's `SHARED_KEYS_MAX_SIZE`).
const SHARED_KEYS_MAX: usize = 30;
/// Index slots of a shared keys table: under half full at its most.
const SHARED_INDEX_SIZE: usize = 64;

/// A heap class's shared keys (PEP 412, CPython's `ht_cached_keys`): the
/// attribute names its instances' `__dict__`s hold, each at a fixed slot.
/// Append-only, so a slot found for a name stays that name's slot; all
/// keys are exact strs. Instance dicts share it and keep only their values
/// (see `Split`). Held through `Rc`: an instance dict may outlive its class.
pub(crate) struct SharedKeys {
    entries: UnsafeCell<Vec<(Obj, i64)>>,
    indices: UnsafeCell<[i8; SHARED_INDEX_SIZE]>,
}

// SAFETY (for the accessors below): as `DictData`'s: each borrow lasts for
// the accessor only, and no Python code runs meanwhile.
impl SharedKeys {
    pub(crate) fn new() -> SharedKeys {
        SharedKeys { entries: UnsafeCell::new(Vec::new()), indices: UnsafeCell::new([-1; SHARED_INDEX_SIZE]) }
    }

    #[inline]
    fn entries(&self) -> &Vec<(Obj, i64)> {
        // SAFETY: see the impl comment.
        unsafe { &*self.entries.get() }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.entries().len()
    }

    /// The slot of an exact-str key.
    #[inline]
    fn find(&self, key: &Obj, hash: i64) -> Option<usize> {
        // SAFETY: see the impl comment.
        let indices = unsafe { &*self.indices.get() };
        let entries = self.entries();
        let mask = SHARED_INDEX_SIZE - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = indices[i];
            if ix < 0 {
                return None;
            }
            let (k, h) = &entries[ix as usize];
            if k.is(key) || (*h == hash && pystr::str_eq(k, key)) {
                return Some(ix as usize);
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// Add an exact-str key known to be absent; None when the keys are full.
    fn append(&self, key: Obj, hash: i64) -> Option<usize> {
        let n = self.len();
        if n >= SHARED_KEYS_MAX {
            return None;
        }
        // SAFETY: see the impl comment.
        let indices = unsafe { &mut *self.indices.get() };
        let mask = SHARED_INDEX_SIZE - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while indices[i] >= 0 {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        indices[i] = n as i8;
        // SAFETY: see the impl comment.
        unsafe { (*self.entries.get()).push((key, hash)) };
        Some(n)
    }

    /// The slot of the exact str `key`, if it is one of the keys.
    pub(crate) fn slot_of(&self, vm: &Vm, key: &Obj) -> Option<usize> {
        if !key.type_is(&vm.ctx.types.str) {
            return None;
        }
        let h = pystr::data(key).map_or(0, |d| d.hash(vm.ctx.hash_key));
        self.find(key, h)
    }

    /// Is the exact str `key` not one of the keys?
    pub(crate) fn lacks(&self, vm: &Vm, key: &Obj) -> bool {
        if !key.type_is(&vm.ctx.types.str) {
            return false;
        }
        let h = pystr::data(key).map_or(0, |d| d.hash(vm.ctx.hash_key));
        self.find(key, h).is_none()
    }

    /// The slot of the exact str `key`, added to the keys if absent (None
    /// when it is not an exact str or the keys are full).
    pub(crate) fn slot_or_append(&self, vm: &Vm, key: &Obj) -> Option<usize> {
        if !key.type_is(&vm.ctx.types.str) {
            return None;
        }
        let h = pystr::data(key)?.hash(vm.ctx.hash_key);
        self.find(key, h).or_else(|| self.append(key.clone(), h))
    }

    #[inline]
    pub(crate) fn key_is(&self, slot: usize, key: &Obj) -> bool {
        self.entries().get(slot).is_some_and(|(k, _)| k.is(key))
    }

    fn entry(&self, slot: usize) -> (Obj, i64) {
        let (k, h) = &self.entries()[slot];
        (k.clone(), *h)
    }
}

/// A split table (CPython's split dict): the keys are the class's shared
/// keys, the dict holds its values by slot and its own insertion order.
/// Also an instance's inline values before its `__dict__` is asked for
/// (`objects/instance_values.rs`): the dict made then takes them over.
pub(crate) struct Split {
    keys: std::rc::Rc<SharedKeys>,
    /// Values by shared slot; None for a name this dict does not hold.
    values: Vec<Option<Obj>>,
    /// Slots in insertion order; left empty while the dict holds exactly
    /// slots `0..used` added in slot order (the common case).
    order: Vec<u8>,
    used: usize,
}

impl Split {
    /// No values yet, on `keys`.
    pub(crate) fn new(keys: std::rc::Rc<SharedKeys>) -> Split {
        let values = Vec::with_capacity(keys.len());
        Split { keys, values, order: Vec::new(), used: 0 }
    }

    /// A split table from inline values whose insertion order is their
    /// slot order (`objects/instance_values.rs`).
    pub(crate) fn from_slot_ordered(keys: std::rc::Rc<SharedKeys>, values: Vec<Option<Obj>>) -> Split {
        let used = values.iter().filter(|v| v.is_some()).count();
        let contiguous = values.iter().take(used).all(|v| v.is_some());
        let order = if contiguous {
            Vec::new()
        } else {
            values.iter().enumerate().filter(|(_, v)| v.is_some()).map(|(i, _)| i as u8).collect()
        };
        Split { keys, values, order, used }
    }

    /// The slot at insertion position `pos`.
    #[inline]
    fn slot_at(&self, pos: usize) -> Option<usize> {
        if self.order.is_empty() {
            (pos < self.used).then_some(pos)
        } else {
            self.order.get(pos).map(|&s| s as usize)
        }
    }

    #[inline]
    fn value(&self, slot: usize) -> Option<&Obj> {
        self.values.get(slot).and_then(|v| v.as_ref())
    }

    /// Give slot `slot` (not held yet) its first value.
    fn add(&mut self, slot: usize, value: Obj) {
        if self.values.len() <= slot {
            self.values.resize(slot + 1, None);
        }
        if !(self.order.is_empty() && slot == self.used) {
            if self.order.is_empty() {
                self.order = (0..self.used as u8).collect();
            }
            self.order.push(slot as u8);
        }
        self.values[slot] = Some(value);
        self.used += 1;
    }

    /// (key, hash, value) in insertion order.
    fn hashed_items(&self) -> Vec<(Obj, i64, Obj)> {
        (0..self.used)
            .filter_map(|pos| {
                let slot = self.slot_at(pos)?;
                let v = self.value(slot)?.clone();
                let (k, h) = self.keys.entry(slot);
                Some((k, h, v))
            })
            .collect()
    }
}

enum Repr {
    Combined(Table),
    Split(Split),
}

pub struct DictData {
    table: UnsafeCell<Repr>,
    /// Bumped by every change: lookups and iterators use it to notice
    /// mutation by Python code they ran (and later, inline caches).
    version: Cell<u64>,
    /// CPython's `dk_version`: names the current set and order of keys (so
    /// an entry index found for a key stays valid while it is unchanged);
    /// 0 until asked for, reset by any change but a value replacement.
    keys_version: Cell<u32>,
}

impl PyPayload for DictData {
    /// As CPython: values only while every key is an exact str.
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Some(s) = self.split() {
            s.values.iter().flatten().for_each(visit);
            return;
        }
        let t = self.table();
        for e in t.entries.iter().flatten() {
            if t.general_keys {
                visit(&e.key);
            }
            visit(&e.value);
        }
    }

    fn clear(&self) {
        DictData::clear(self);
    }
}

/// How a lookup went.
enum Probe {
    Found { slot: usize, index: usize },
    Missing,
}

// SAFETY (for the accessors below): each borrows the table only for its own
// duration and runs no Python code while it does; anything that may run
// Python code (hashing, `==`) happens between borrows, and the version check
// restarts a lookup whose table changed meanwhile.
impl DictData {
    pub fn new() -> DictData {
        DictData {
            table: UnsafeCell::new(Repr::Combined(Table::default())),
            version: Cell::new(next_version()),
            keys_version: Cell::new(0),
        }
    }

    pub fn with_capacity(n: usize) -> DictData {
        DictData::from_table(Table::with_capacity(n))
    }

    fn from_table(table: Table) -> DictData {
        DictData {
            table: UnsafeCell::new(Repr::Combined(table)),
            version: Cell::new(next_version()),
            keys_version: Cell::new(0),
        }
    }

    /// An empty dict for a display of `n` items (CPython's
    /// `_PyDict_FromItems`): up to the smallest table's room it is a plain
    /// new dict, past it presized, for str keys if all `n` are exact strs.
    /// False for `str_keys` only matters past the smallest table.
    pub(crate) fn for_display(n: usize, str_keys: bool) -> DictData {
        if n <= MIN_USABLE {
            return DictData::new();
        }
        DictData::from_table(Table::with_size(presize(n).unwrap_or(usize::MAX), !str_keys))
    }

    /// An empty split dict on a class's shared keys (an instance `__dict__`).
    pub(crate) fn new_split(keys: std::rc::Rc<SharedKeys>) -> DictData {
        DictData::from_split(Split::new(keys))
    }

    /// A split dict taking over an instance's inline values.
    pub(crate) fn from_split(split: Split) -> DictData {
        DictData {
            table: UnsafeCell::new(Repr::Split(split)),
            version: Cell::new(next_version()),
            keys_version: Cell::new(0),
        }
    }

    /// The combined table, made from the split one first if the dict is
    /// split (CPython's `dictresize` of a split dict): every operation
    /// without a split fast path goes through here.
    #[inline]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn table(&self) -> &mut Table {
        // SAFETY: see the impl comment.
        match unsafe { &mut *self.table.get() } {
            Repr::Combined(t) => t,
            Repr::Split(_) => self.combine(),
        }
    }

    #[inline]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn repr(&self) -> &mut Repr {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.table.get() }
    }

    #[inline]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn split(&self) -> Option<&mut Split> {
        // SAFETY: see the impl comment.
        match unsafe { &mut *self.table.get() } {
            Repr::Split(s) => Some(s),
            Repr::Combined(_) => None,
        }
    }

    /// Is this a split dict on `keys`?
    #[inline]
    pub(crate) fn is_split_on(&self, keys: &std::rc::Rc<SharedKeys>) -> bool {
        self.split().is_some_and(|s| std::rc::Rc::ptr_eq(&s.keys, keys))
    }

    #[cold]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn combine(&self) -> &mut Table {
        let items = self.split().map(|s| s.hashed_items()).unwrap_or_default();
        let mut t = Table::with_capacity(items.len());
        for (key, hash, value) in items {
            let slot = t.find_empty_slot(hash);
            t.occupy(slot);
            t.entries.push(Some(Entry { hash, key, value }));
            t.used += 1;
        }
        // SAFETY: see the impl comment; the old split table is dropped
        // after the borrow ends (its values were cloned into `t`).
        let old = std::mem::replace(unsafe { &mut *self.table.get() }, Repr::Combined(t));
        self.bump_keys();
        drop(old);
        self.table()
    }

    #[inline]
    fn bump(&self) {
        self.version.set(next_version());
    }

    /// A value replaced: storing the object a key already holds changes
    /// nothing, so the version stays (CPython's `insertdict`, PEP 509).
    #[inline]
    fn bump_unless_same(&self, old: &Obj, new: &Obj) {
        if !old.is(new) {
            self.bump();
        }
    }

    /// A change of the keys (not only of a value).
    #[inline]
    fn bump_keys(&self) {
        self.version.set(next_version());
        self.keys_version.set(0);
    }

    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// The keys version, assigned now if the keys changed since it was last
    /// asked for (CPython's `_PyDictKeys_GetVersionForCurrentState`); 0 once
    /// the 32-bit space is used up (callers then do not cache).
    pub fn keys_version(&self) -> u32 {
        let v = self.keys_version.get();
        if v != 0 {
            return v;
        }
        let v = next_keys_version();
        self.keys_version.set(v);
        v
    }

    /// The keys version if one is assigned (0 otherwise): what an inline
    /// cache compares with, without assigning.
    #[inline]
    pub fn current_keys_version(&self) -> u32 {
        self.keys_version.get()
    }

    /// Is the exact-str `key` certainly absent? False when only a lookup
    /// that may run Python code (a non-str key with the same hash) could tell.
    pub fn lacks_str_key(&self, vm: &Vm, key: &Obj) -> bool {
        let Some(kd) = pystr::data(key) else { return false };
        let h = kd.hash(vm.ctx.hash_key);
        if let Some(s) = self.split() {
            if !key.type_is(&vm.ctx.types.str) {
                return false;
            }
            return s.keys.find(key, h).is_none_or(|slot| s.value(slot).is_none());
        }
        let t = self.table();
        if t.indices.is_empty() {
            return true;
        }
        let mask = t.mask();
        let mut perturb = h as u64;
        let mut i = (h as u64 as usize) & mask;
        loop {
            let ix = t.indices[i];
            if ix == EMPTY {
                return true;
            }
            if ix >= 0 {
                let Some(e) = t.entries[ix as usize].as_ref() else { return false };
                if e.key.is(key) {
                    return false;
                }
                if e.hash == h {
                    // Only a different str with the same hash lets the probe go on.
                    let other_str = e.key.type_is(&vm.ctx.types.str) && !pystr::str_eq(&e.key, key);
                    if !other_str {
                        return false;
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// The value of entry `i` if its key is `key` itself (an instance
    /// attribute found at a remembered position: CPython's `LOAD_ATTR_WITH_HINT`).
    #[inline]
    pub fn value_at_if_key(&self, i: usize, key: &Obj) -> Option<Obj> {
        if let Some(s) = self.split() {
            return if s.keys.key_is(i, key) { s.value(i).cloned() } else { None };
        }
        match self.table().entries.get(i) {
            Some(Some(e)) if e.key.is(key) => Some(e.value.clone()),
            _ => None,
        }
    }

    /// Replace the value of entry `i` if its key is `key` itself; gives the
    /// value back when it is not. In a split dict `i` is a shared-keys slot,
    /// and a value the dict does not hold yet is added (CPython's
    /// `STORE_ATTR_INSTANCE_VALUE`).
    #[inline]
    pub fn store_at_if_key(&self, vm: &Vm, i: usize, key: &Obj, value: Obj) -> Result<(), Obj> {
        if let Some(s) = self.split() {
            if !s.keys.key_is(i, key) {
                return Err(value);
            }
            crate::gc::maintain_dict_tracking(vm, self, key, &value);
            let Some(s) = self.split() else { return Err(value) };
            match s.values.get_mut(i) {
                Some(Some(slot)) => {
                    let old = std::mem::replace(slot, value);
                    self.bump_unless_same(&old, slot);
                    drop(old);
                }
                _ => {
                    s.add(i, value);
                    self.bump_keys();
                }
            }
            return Ok(());
        }
        if !matches!(self.table().entries.get(i), Some(Some(e)) if e.key.is(key)) {
            return Err(value);
        }
        crate::gc::maintain_dict_tracking(vm, self, key, &value);
        let Some(Some(e)) = self.table().entries.get_mut(i) else { return Err(value) };
        let old = std::mem::replace(&mut e.value, value);
        self.bump_unless_same(&old, &e.value);
        drop(old);
        Ok(())
    }

    #[inline]
    pub fn len(&self) -> usize {
        match self.repr() {
            Repr::Combined(t) => t.used,
            Repr::Split(s) => s.used,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Find `key` (whose hash is `hash`).
    fn probe(&self, vm: &Vm, key: &Obj, hash: i64) -> PyResult<Probe> {
        'restart: loop {
            let t = self.table();
            if t.indices.is_empty() {
                return Ok(Probe::Missing);
            }
            let mask = t.mask();
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let ix = t.indices[i];
                if ix == EMPTY {
                    return Ok(Probe::Missing);
                }
                if ix >= 0 {
                    let e = t.entries[ix as usize].as_ref().expect("indexed entry is live");
                    if e.key.is(key) {
                        return Ok(Probe::Found { slot: i, index: ix as usize });
                    }
                    if e.hash == hash {
                        let str_type = &vm.ctx.types.str;
                        if e.key.type_is(str_type) && key.type_is(str_type) {
                            if pystr::str_eq(&e.key, key) {
                                return Ok(Probe::Found { slot: i, index: ix as usize });
                            }
                        } else {
                            let start_key = e.key.clone();
                            let table_id = (t.indices.as_ptr(), t.indices.len());
                            let eq = vm.rich_compare_bool(&start_key, key, CompareOp::Eq)?;
                            // Python code ran: start over if the table was
                            // rebuilt or this entry changed (CPython's
                            // lookdict), not for a mere value update.
                            let t = self.table();
                            let same_entry = t
                                .entries
                                .get(ix as usize)
                                .and_then(|e| e.as_ref())
                                .is_some_and(|e| e.key.is(&start_key));
                            if (t.indices.as_ptr(), t.indices.len()) != table_id || !same_entry {
                                continue 'restart;
                            }
                            if eq {
                                return Ok(Probe::Found { slot: i, index: ix as usize });
                            }
                        }
                    }
                }
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
        }
    }

    /// `d.get(key)` with a precomputed hash.
    pub fn get_hashed(&self, vm: &Vm, key: &Obj, hash: i64) -> PyResult<Option<Obj>> {
        if let Some(s) = self.split() {
            if key.type_is(&vm.ctx.types.str) {
                return Ok(s.keys.find(key, hash).and_then(|slot| s.value(slot).cloned()));
            }
        }
        match self.probe(vm, key, hash)? {
            Probe::Found { index, .. } => Ok(self.table().entries[index].as_ref().map(|e| e.value.clone())),
            Probe::Missing => Ok(None),
        }
    }

    pub fn get(&self, vm: &Vm, key: &Obj) -> PyResult<Option<Obj>> {
        let h = vm.hash(key)?;
        self.get_hashed(vm, key, h)
    }

    /// The entry index of an exact-str key found by identity or by a str
    /// comparison (None when absent or when only a general lookup could tell).
    pub fn index_of_str(&self, vm: &Vm, key: &Obj) -> Option<usize> {
        let h = pystr::data(key).expect("str key").hash(vm.ctx.hash_key);
        if let Some(s) = self.split() {
            // A slot, not an entry index (`value_at_if_key` takes either).
            if !key.type_is(&vm.ctx.types.str) {
                return None;
            }
            return s.keys.find(key, h).filter(|&slot| s.value(slot).is_some());
        }
        let t = self.table();
        if t.indices.is_empty() {
            return None;
        }
        let mask = t.mask();
        let mut perturb = h as u64;
        let mut i = (h as u64 as usize) & mask;
        loop {
            let ix = t.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                let e = t.entries[ix as usize].as_ref().expect("indexed entry is live");
                if e.key.is(key) {
                    return Some(ix as usize);
                }
                if e.hash == h {
                    if e.key.type_is(&vm.ctx.types.str) && pystr::str_eq(&e.key, key) {
                        return Some(ix as usize);
                    }
                    return None;
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// The value of entry `i` (an index from `index_of_str` while the
    /// version is unchanged).
    #[inline(always)]
    pub fn value_at(&self, i: usize) -> Option<Obj> {
        if let Some(s) = self.split() {
            return s.value(i).cloned();
        }
        self.table().entries.get(i).and_then(|e| e.as_ref()).map(|e| e.value.clone())
    }

    /// `get_str` that tries entry `hint` first, where the key was found
    /// (in this dict or another) last time; `hint` follows a miss. Module
    /// dicts get their dunder names in the same order, so a new function
    /// finds `__name__` and `__builtins__` in its globals without a probe.
    #[inline]
    pub(crate) fn get_str_hinted(&self, vm: &Vm, key: &Obj, hint: &Cell<u32>) -> Option<Obj> {
        if let Some(v) = self.value_at_if_key(hint.get() as usize, key) {
            return Some(v);
        }
        self.get_str_rehint(vm, key, hint)
    }

    /// `get_str_hinted` past a wrong hint.
    #[inline(never)]
    fn get_str_rehint(&self, vm: &Vm, key: &Obj, hint: &Cell<u32>) -> Option<Obj> {
        match self.index_of_str(vm, key) {
            Some(i) => {
                hint.set(u32::try_from(i).unwrap_or(0));
                self.value_at(i)
            }
            None => self.get_str(vm, key),
        }
    }

    /// Lookup of an exact-str key in a dict: no Python code runs unless the
    /// dict holds a non-str key with the same hash.
    #[inline]
    pub fn get_str(&self, vm: &Vm, key: &Obj) -> Option<Obj> {
        let h = pystr::data(key).expect("str key").hash(vm.ctx.hash_key);
        let t = match self.repr() {
            Repr::Combined(t) => t,
            Repr::Split(s) if key.type_is(&vm.ctx.types.str) => {
                return s.keys.find(key, h).and_then(|slot| s.value(slot).cloned());
            }
            Repr::Split(_) => return self.get_hashed(vm, key, h).ok().flatten(),
        };
        if t.indices.is_empty() {
            return None;
        }
        let mask = t.mask();
        let mut perturb = h as u64;
        let mut i = (h as u64 as usize) & mask;
        loop {
            let ix = t.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                let e = t.entries[ix as usize].as_ref().expect("indexed entry is live");
                if e.key.is(key) {
                    return Some(e.value.clone());
                }
                if e.hash == h {
                    if e.key.type_is(&vm.ctx.types.str) {
                        if pystr::str_eq(&e.key, key) {
                            return Some(e.value.clone());
                        }
                    } else {
                        // A non-str key with the same hash: the general path.
                        return self.get_hashed(vm, key, h).ok().flatten();
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// `d[key] = value` with a precomputed hash.
    pub fn set_hashed(&self, vm: &Vm, key: Obj, hash: i64, value: Obj) -> PyResult<()> {
        crate::gc::maintain_dict_tracking(vm, self, &key, &value);
        let value = match self.set_split(vm, &key, hash, value) {
            Ok(()) => return Ok(()),
            Err(v) => v,
        };
        match self.probe(vm, &key, hash)? {
            Probe::Found { index, .. } => {
                let t = self.table();
                let e = t.entries[index].as_mut().expect("found entry is live");
                let old = std::mem::replace(&mut e.value, value);
                self.bump_unless_same(&old, &e.value);
                drop(old);
            }
            Probe::Missing => {
                if !self.insert_new(key, hash, value) {
                    return Err(vm.memory_error());
                }
            }
        }
        Ok(())
    }

    /// `d.setdefault(key, default)`: the value at `key`, else `default`
    /// inserted there. One lookup, so `__eq__` runs at most once per
    /// colliding key (CPython's bpo-13521).
    pub fn setdefault_hashed(&self, vm: &Vm, key: &Obj, hash: i64, default: Obj) -> PyResult<Obj> {
        if self.split().is_some() && key.type_is(&vm.ctx.types.str) {
            // Exact-str keys compare without running Python code.
            if let Some(v) = self.get_hashed(vm, key, hash)? {
                return Ok(v);
            }
            self.set_hashed(vm, key.clone(), hash, default.clone())?;
            return Ok(default);
        }
        match self.probe(vm, key, hash)? {
            Probe::Found { index, .. } => {
                Ok(self.table().entries[index].as_ref().expect("found entry is live").value.clone())
            }
            Probe::Missing => {
                crate::gc::maintain_dict_tracking(vm, self, key, &default);
                if !self.insert_new(key.clone(), hash, default.clone()) {
                    return Err(vm.memory_error());
                }
                Ok(default)
            }
        }
    }

    /// `d[key] = value` on a split dict for an exact-str key that is, or
    /// can become, one of the shared keys (the shared keys grow up to
    /// `SHARED_KEYS_MAX`, as CPython's). Gives the value back when the dict
    /// is not split or must become combined first.
    fn set_split(&self, vm: &Vm, key: &Obj, hash: i64, value: Obj) -> Result<(), Obj> {
        let Some(s) = self.split() else { return Err(value) };
        if !key.type_is(&vm.ctx.types.str) {
            return Err(value);
        }
        let slot = match s.keys.find(key, hash) {
            Some(slot) => slot,
            None => match s.keys.append(key.clone(), hash) {
                Some(slot) => slot,
                None => return Err(value),
            },
        };
        if let Some(Some(cur)) = s.values.get_mut(slot) {
            let old = std::mem::replace(cur, value);
            self.bump_unless_same(&old, cur);
            drop(old);
            return Ok(());
        }
        s.add(slot, value);
        self.bump_keys();
        Ok(())
    }

    /// Append an entry for a key known to be absent; false (nothing
    /// inserted) when the table cannot grow.
    #[must_use]
    fn insert_new(&self, key: Obj, hash: i64, value: Obj) -> bool {
        let t = self.table();
        let str_key = key.has_payload::<pystr::StrData>() && !key.class().is_heap_type();
        // A table of str keys meeting another key is rebuilt as general at
        // the size a full one would grow to (CPython's `insertdict`).
        let becomes_general = !str_key && !t.general_keys && !t.indices.is_empty();
        if (becomes_general || !t.usable()) && !t.resize(growth_size(t.used)) {
            return false;
        }
        t.general_keys |= !str_key;
        let slot = t.find_empty_slot(hash);
        t.occupy(slot);
        t.entries.push(Some(Entry { hash, key, value }));
        t.used += 1;
        self.bump_keys();
        true
    }

    pub fn set(&self, vm: &Vm, key: Obj, value: Obj) -> PyResult<()> {
        let h = vm.hash(&key)?;
        self.set_hashed(vm, key, h, value)
    }

    /// Remove `key`; its value if it was there.
    pub fn remove_hashed(&self, vm: &Vm, key: &Obj, hash: i64) -> PyResult<Option<Obj>> {
        match self.probe(vm, key, hash)? {
            Probe::Found { slot, index } => {
                let t = self.table();
                t.indices[slot] = DUMMY;
                let e = t.entries[index].take().expect("found entry is live");
                t.used -= 1;
                self.bump_keys();
                // The hole stays, even at the end: a key added next takes a
                // new position, so an iterator sees that the keys changed
                // (CPython's "dictionary keys changed during iteration").
                // popitem skips trailing holes.
                let Entry { key, value, .. } = e;
                drop(key);
                Ok(Some(value))
            }
            Probe::Missing => Ok(None),
        }
    }

    pub fn remove(&self, vm: &Vm, key: &Obj) -> PyResult<Option<Obj>> {
        let h = vm.hash(key)?;
        self.remove_hashed(vm, key, h)
    }

    pub fn clear(&self) {
        // Clearing an empty dict changes nothing: its version stays (PEP 509).
        if self.is_empty() {
            return;
        }
        // SAFETY: see the impl comment; the old table drops after the borrow.
        let old = std::mem::replace(unsafe { &mut *self.table.get() }, Repr::Combined(Table::default()));
        self.bump_keys();
        drop(old);
    }

    /// The entry at position `i` of the entry array (holes give None), and
    /// the array's length: iterators walk positions.
    pub fn entry_at(&self, i: usize) -> Option<(Obj, Obj)> {
        if let Some(s) = self.split() {
            let slot = s.slot_at(i)?;
            let v = s.value(slot)?.clone();
            return Some((s.keys.entry(slot).0, v));
        }
        self.table().entries.get(i).and_then(|e| e.as_ref()).map(|e| (e.key.clone(), e.value.clone()))
    }

    pub fn key_at(&self, i: usize) -> Option<Obj> {
        if let Some(s) = self.split() {
            return Some(s.keys.entry(s.slot_at(i)?).0);
        }
        self.table().entries.get(i).and_then(|e| e.as_ref()).map(|e| e.key.clone())
    }

    pub fn entries_len(&self) -> usize {
        if let Some(s) = self.split() {
            return s.used;
        }
        self.table().entries.len()
    }

    pub fn keys(&self) -> Vec<Obj> {
        if let Some(s) = self.split() {
            return s.hashed_items().into_iter().map(|(k, _, _)| k).collect();
        }
        self.table().entries.iter().flatten().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Obj> {
        if let Some(s) = self.split() {
            return s.hashed_items().into_iter().map(|(_, _, v)| v).collect();
        }
        self.table().entries.iter().flatten().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Obj, Obj)> {
        if let Some(s) = self.split() {
            return s.hashed_items().into_iter().map(|(k, _, v)| (k, v)).collect();
        }
        self.table().entries.iter().flatten().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// Items with their hashes (for copying without rehashing).
    pub(crate) fn hashed_items(&self) -> Vec<(Obj, i64, Obj)> {
        if let Some(s) = self.split() {
            return s.hashed_items();
        }
        self.table().entries.iter().flatten().map(|e| (e.key.clone(), e.hash, e.value.clone())).collect()
    }

    /// Remove and return the last item.
    pub fn pop_last(&self) -> Option<(Obj, Obj)> {
        let t = self.table();
        // Deletions leave holes at the end; drop them first.
        while matches!(t.entries.last(), Some(None)) {
            t.entries.pop();
        }
        let e = t.entries.pop()??;
        // Clear the index slot that points at it.
        let mask = t.mask();
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        let target = t.entries.len() as i32;
        while t.indices[i] != target {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        t.indices[i] = DUMMY;
        t.used -= 1;
        while matches!(t.entries.last(), Some(None)) {
            t.entries.pop();
        }
        self.bump_keys();
        Some((e.key, e.value))
    }

    /// A copy of the table (same order, same hashes). A combined table at
    /// most a third holes is copied at its size, any other rebuilt for its
    /// items (CPython's `PyDict_Copy`), keeping its keys' kind.
    pub fn copy(&self) -> DictData {
        let table = match self.repr() {
            Repr::Combined(t) if t.used == 0 => Table::default(),
            Repr::Combined(t) if t.used >= t.entries.len() * 2 / 3 => Table::with_size(t.indices.len(), t.general_keys),
            Repr::Combined(t) => Table::with_size(presize(t.used).unwrap_or(usize::MAX), t.general_keys),
            Repr::Split(s) => Table::with_capacity(s.used),
        };
        let d = DictData::from_table(table);
        for (k, h, v) in self.hashed_items() {
            // Presized above, so no resize (the only failure) happens.
            let inserted = d.insert_new(k, h, v);
            debug_assert!(inserted);
        }
        d
    }

    /// Make room for the items of `other` before merging them into this
    /// dict (CPython's `dict_merge`): an empty dict takes the table size of
    /// a source without holes that is its smallest or over a quarter
    /// full (CPython clones it); a dict whose table could not hold them
    /// all grows at once for both. False when the memory cannot be had.
    #[must_use]
    pub(crate) fn reserve_for_merge(&self, other: &DictData) -> bool {
        let (o_used, o_general, o_compact_size) = match other.repr() {
            Repr::Combined(t) => (t.used, t.general_keys, (t.used == t.entries.len()).then_some(t.indices.len())),
            Repr::Split(s) => (s.used, false, None),
        };
        let Repr::Combined(t) = self.repr() else { return true };
        if o_used == 0 {
            return true;
        }
        let clone_size =
            o_compact_size.filter(|&size| t.used == 0 && (size == MIN_SIZE || usable_fraction(size / 2) < o_used));
        let size = match clone_size {
            Some(size) => Some(size),
            None if usable_fraction(t.indices.len()) < o_used => t.used.checked_add(o_used).and_then(presize),
            None => return true,
        };
        let was_general = t.general_keys;
        t.general_keys |= o_general;
        if !t.resize(size) {
            t.general_keys = was_general;
            return false;
        }
        self.bump_keys();
        true
    }
}

impl Default for DictData {
    fn default() -> Self {
        DictData::new()
    }
}

/// Dict versions are unique across all dicts (CPython's `ma_version_tag`):
/// an unchanged version means the same dict, unchanged, which is what the
/// LOAD_GLOBAL cache relies on. Only the GIL holder mutates dicts, so a
/// load and a store suffice.
static NEXT_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[inline]
fn next_version() -> u64 {
    use std::sync::atomic::Ordering::Relaxed;
    let v = NEXT_VERSION.load(Relaxed) + 1;
    NEXT_VERSION.store(v, Relaxed);
    v
}

static NEXT_KEYS_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

fn next_keys_version() -> u32 {
    use std::sync::atomic::Ordering::Relaxed;
    let v = NEXT_KEYS_VERSION.load(Relaxed);
    if v == u32::MAX {
        return 0;
    }
    NEXT_KEYS_VERSION.store(v + 1, Relaxed);
    v
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<DictData>(
        "dict",
        std::mem::size_of::<PyCell<DictData>>(),
        true,
        flags::BASETYPE | flags::DICT_SUBCLASS | flags::MAPPING | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)");
    let s = &t.slots;
    s.repr.set(Some(dict_repr));
    s.richcompare.set(Some(dict_richcompare));
    s.hash.set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    s.iter.set(Some(view::dict_iter));
    s.mp_length.set(Some(dict_len));
    s.sq_contains.set(Some(dict_contains));
    s.mp_subscript.set(Some(dict_subscript));
    s.mp_ass_subscript.set(Some(dict_ass_subscript));
    s.nb_binary[NbOp::Or as usize].set(Some(dict_or));
    s.nb_inplace[NbOp::Or as usize].set(Some(dict_ior));
    s.new.set(Some(dict_new));
    s.init.set(Some(dict_init));
    t.mark_container::<DictData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.dict,
        &[
            MethodDef::method("keys", dict_keys),
            MethodDef::method("values", dict_values),
            MethodDef::method("items", dict_items),
            MethodDef::method("get", dict_get),
            MethodDef::method("setdefault", dict_setdefault),
            MethodDef::method("pop", dict_pop),
            MethodDef::method("popitem", dict_popitem),
            MethodDef::method("update", dict_update),
            MethodDef::method("clear", dict_clear),
            MethodDef::method("copy", dict_copy),
            MethodDef::class("fromkeys", dict_fromkeys),
            MethodDef::method("__contains__", dict_contains_method),
            MethodDef::method("__getitem__", dict_getitem_method),
            MethodDef::method("__reversed__", dict_reversed),
            MethodDef::method("__sizeof__", dict_sizeof),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
    view::setup(vm);
    mappingproxy::setup(vm);
}

/// The payload of a dict object (dict or subclass).
#[inline]
pub fn data(o: &Obj) -> Option<&DictData> {
    o.payload::<DictData>()
}

fn dict_of(o: &Obj) -> &DictData {
    o.payload::<DictData>().expect("a dict")
}

impl Vm {
    /// A new empty dict, untracked by the cycle collector until it holds a
    /// container (as CPython's `PyDict_New`).
    pub fn new_dict(&self) -> Obj {
        let d = alloc_object(&self.ctx.types.dict, DictData::new());
        crate::gc::untrack(&d);
        d
    }

    /// An empty dict for a display of the keys `keys` (BUILD_MAP,
    /// BUILD_CONST_KEY_MAP), presized as CPython's `_PyDict_FromItems`.
    pub(crate) fn new_display_dict<'a>(&self, n: usize, mut keys: impl Iterator<Item = &'a Obj>) -> Obj {
        let str_keys = n <= MIN_USABLE || keys.all(|k| k.type_is(&self.ctx.types.str));
        let d = alloc_object(&self.ctx.types.dict, DictData::for_display(n, str_keys));
        crate::gc::untrack(&d);
        d
    }

    /// A new empty instance `__dict__`: split on the class's shared keys
    /// when the class is a heap type (PEP 412).
    pub(crate) fn new_instance_dict(&self, ty: &TypeObject) -> Obj {
        if !ty.is_heap_type() {
            return self.new_dict();
        }
        let d = alloc_object(&self.ctx.types.dict, DictData::new_split(ty.shared_keys()));
        crate::gc::untrack(&d);
        d
    }

    pub fn new_dict_from(&self, d: DictData) -> Obj {
        let needs_tracking = d
            .table()
            .entries
            .iter()
            .flatten()
            .any(|e| crate::gc::may_be_tracked(&e.key) || crate::gc::may_be_tracked(&e.value));
        let d = alloc_object(&self.ctx.types.dict, d);
        if !needs_tracking {
            crate::gc::untrack(&d);
        }
        d
    }
}

// ---- the dict API used across the VM ------------------------------------------------------

/// `d.get(key)` for a str key (attribute and global lookups): no error.
#[inline]
pub(crate) fn get_str_item(vm: &Vm, d: &Obj, key: &Obj) -> Option<Obj> {
    dict_of(d).get_str(vm, key)
}

/// `d.get(key)` for a Rust string key.
pub fn get_item_str(vm: &Vm, d: &Obj, key: &str) -> Option<Obj> {
    get_str_item(vm, d, &vm.intern(key))
}

/// `d.get(key)`; errors from hashing or comparing propagate.
#[inline]
pub fn get_item_opt(vm: &Vm, d: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let dd = dict_of(d);
    if key.type_is(&vm.ctx.types.str) {
        return Ok(dd.get_str(vm, key));
    }
    dd.get(vm, key)
}

#[inline]
pub fn set_item(vm: &Vm, d: &Obj, key: Obj, value: Obj) -> PyResult<()> {
    dict_of(d).set(vm, key, value)
}

pub fn set_item_str(vm: &Vm, d: &Obj, key: &str, value: Obj) -> PyResult<()> {
    dict_of(d).set(vm, vm.intern(key), value)
}

/// `del d[key]`: KeyError when missing.
pub fn del_item(vm: &Vm, d: &Obj, key: &Obj) -> PyResult<()> {
    match dict_of(d).remove(vm, key)? {
        Some(_) => Ok(()),
        None => Err(vm.key_error(key.clone())),
    }
}

pub fn keys(d: &Obj) -> Vec<Obj> {
    dict_of(d).keys()
}

pub fn values(d: &Obj) -> Vec<Obj> {
    dict_of(d).values()
}

pub fn items(d: &Obj) -> Vec<(Obj, Obj)> {
    dict_of(d).items()
}

pub fn len(d: &Obj) -> usize {
    dict_of(d).len()
}

/// `dict.update(other)` semantics: a mapping (has `keys`) or an iterable
/// of pairs.
pub(crate) fn update_from(vm: &Vm, d: &Obj, other: &Obj) -> PyResult<()> {
    if let Some(od) = data(other) {
        if vm.ctx.types.dict.payload::<TypeObject>().is_some_and(|t| other.class().slots.iter.same_as(&t.slots.iter)) {
            let dd = dict_of(d);
            if !dd.reserve_for_merge(od) {
                return Err(vm.memory_error());
            }
            let entries = od.entries_len();
            for (k, h, v) in od.hashed_items() {
                dd.set_hashed(vm, k, h, v)?;
                // A key's __eq__ may have changed `other` (CPython checks too).
                if od.entries_len() != entries {
                    return Err(vm.runtime_error("dict mutated during update"));
                }
            }
            return Ok(());
        }
    }
    if let Some(keys_fn) = vm.getattr_str_opt(other, "keys")? {
        let ks = vm.call0(&keys_fn)?;
        let ks = vm.to_vec(&ks)?;
        for k in ks {
            let v = vm.getitem(other, &k)?;
            set_item(vm, d, k, v)?;
        }
        return Ok(());
    }
    merge_pairs(vm, d, other)
}

/// Add `(key, value)` pairs from an iterable (`dict(iterable)`).
fn merge_pairs(vm: &Vm, d: &Obj, iterable: &Obj) -> PyResult<()> {
    let it = vm.iter(iterable)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair = match vm.to_vec(&item) {
            Ok(p) => p,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                return Err(
                    vm.type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
                );
            }
            Err(e) => return Err(e),
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        let k = p.next().expect("two items");
        let v = p.next().expect("two items");
        set_item(vm, d, k, v)?;
        i += 1;
    }
    Ok(())
}

// ---- slots -----------------------------------------------------------------------------------

fn dict_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = dict_of(o);
    if d.is_empty() {
        return Ok(vm.new_str("{}"));
    }
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("{...}")) };
    let mut out = pystr::Builder::new();
    out.push_str("{");
    let mut first = true;
    let mut i = 0;
    while i < d.entries_len() {
        if let Some((k, v)) = d.entry_at(i) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            let kr = vm.repr(&k)?;
            out.push_obj(&kr);
            out.push_str(": ");
            let vr = vm.repr(&v)?;
            out.push_obj(&vr);
        }
        i += 1;
    }
    out.push_str("}");
    Ok(out.finish(vm))
}

/// `a == b` for two dicts.
pub(crate) fn dict_equal(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<bool> {
    let (da, db) = (dict_of(a), dict_of(b));
    if da.len() != db.len() {
        return Ok(false);
    }
    for (k, h, v) in da.hashed_items() {
        let Some(bv) = db.get_hashed(vm, &k, h)? else { return Ok(false) };
        if !vm.eq(&v, &bv)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn dict_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if data(b).is_none() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let eq = dict_equal(vm, a, b)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn dict_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(dict_of(o).len())
}

fn dict_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    Ok(get_item_opt(vm, o, key)?.is_some())
}

fn dict_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    if let Some(v) = get_item_opt(vm, o, key)? {
        return Ok(v);
    }
    if !o.type_is(&vm.ctx.types.dict) {
        if let Some(r) = vm.call_special(o, "__missing__", std::slice::from_ref(key))? {
            return Ok(r);
        }
    }
    Err(vm.key_error(key.clone()))
}

fn dict_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    match value {
        Some(v) => set_item(vm, o, key.clone(), v.clone()),
        None => del_item(vm, o, key),
    }
}

fn dict_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(a).is_none() || data(b).is_none() {
        return Ok(vm.not_implemented());
    }
    let new = vm.new_dict_from(data(a).expect("dict").copy());
    update_from(vm, &new, b)?;
    Ok(new)
}

fn dict_ior(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    update_from(vm, a, b)?;
    Ok(a.clone())
}

fn dict_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&vm.ctx.types.dict) {
        return Ok(vm.new_dict());
    }
    Ok(alloc_object(cls, DictData::new()))
}

fn dict_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    update_common(vm, o, args, kwnames, "dict")
}

fn update_common(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str) -> PyResult<()> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    if pos.len() > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", pos.len())));
    }
    if let Some(src) = pos.first() {
        update_from(vm, o, src)?;
    }
    for (k, v) in kw {
        set_item(vm, o, k, v)?;
    }
    Ok(())
}

// ---- methods ---------------------------------------------------------------------------------

fn dict_keys(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "keys", args, kwnames)?;
    Ok(view::new_view(vm, o, ViewKind::Keys))
}

fn dict_values(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "values", args, kwnames)?;
    Ok(view::new_view(vm, o, ViewKind::Values))
}

fn dict_items(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "items", args, kwnames)?;
    Ok(view::new_view(vm, o, ViewKind::Items))
}

fn dict_get(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "get", kwnames)?;
    crate::args::check_positional(vm, "get", args.len(), 1, 2)?;
    match get_item_opt(vm, o, &args[0])? {
        Some(v) => Ok(v),
        None => Ok(args.get(1).cloned().unwrap_or_else(|| vm.none())),
    }
}

fn dict_setdefault(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "setdefault", kwnames)?;
    crate::args::check_positional(vm, "setdefault", args.len(), 1, 2)?;
    let d = dict_of(o);
    let h = vm.hash(&args[0])?;
    let default = args.get(1).cloned().unwrap_or_else(|| vm.none());
    d.setdefault_hashed(vm, &args[0], h, default)
}

fn dict_pop(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "pop", kwnames)?;
    crate::args::check_positional(vm, "pop", args.len(), 1, 2)?;
    match dict_of(o).remove(vm, &args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(args[0].clone())),
        },
    }
}

fn dict_popitem(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "popitem", args, kwnames)?;
    match dict_of(o).pop_last() {
        Some((k, v)) => Ok(vm.new_tuple(vec![k, v])),
        None => Err(vm.new_exception_msg(&vm.ctx.exceptions.key_error, "popitem(): dictionary is empty")),
    }
}

fn dict_update(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    update_common(vm, o, args, kwnames, "update")?;
    Ok(vm.none())
}

fn dict_clear(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "clear", args, kwnames)?;
    dict_of(o).clear();
    Ok(vm.none())
}

fn dict_copy(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "copy", args, kwnames)?;
    Ok(vm.new_dict_from(dict_of(o).copy()))
}

/// `dict.fromkeys` of a set or an exact dict into an exact dict: the keys'
/// stored hashes are reused, not recomputed (as CPython). False when
/// `keys` is neither.
fn fromkeys_hashed(vm: &Vm, d: &Obj, keys: &Obj, value: &Obj) -> PyResult<bool> {
    let hashed: Vec<(i64, Obj)> = if let Some(s) = crate::objects::set::data(keys) {
        s.entries()
    } else if keys.type_is(&vm.ctx.types.dict) {
        dict_of(keys).hashed_items().into_iter().map(|(k, h, _)| (h, k)).collect()
    } else {
        return Ok(false);
    };
    let dd = dict_of(d);
    for (h, k) in hashed {
        dd.set_hashed(vm, k, h, value.clone())?;
    }
    Ok(true)
}

fn dict_fromkeys(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "fromkeys", kwnames)?;
    crate::args::check_positional(vm, "fromkeys", args.len(), 1, 2)?;
    let value = args.get(1).cloned().unwrap_or_else(|| vm.none());
    let d = vm.call0(cls)?;
    if d.type_is(&vm.ctx.types.dict) && fromkeys_hashed(vm, &d, &args[0], &value)? {
        return Ok(d);
    }
    let keys = vm.to_vec(&args[0])?;
    if d.type_is(&vm.ctx.types.dict) {
        for k in keys {
            set_item(vm, &d, k, value.clone())?;
        }
    } else {
        for k in keys {
            vm.setitem(&d, &k, &value)?;
        }
    }
    Ok(d)
}

fn dict_contains_method(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "__contains__", args, kwnames)?;
    Ok(vm.bool_obj(get_item_opt(vm, o, &k)?.is_some()))
}

fn dict_getitem_method(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [k] = crate::args::exact::<1>(vm, "__getitem__", args, kwnames)?;
    dict_subscript(vm, o, &k)
}

fn dict_reversed(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__reversed__", args, kwnames)?;
    Ok(view::new_iterator(vm, o, ViewKind::Keys, true))
}

fn dict_sizeof(vm: &Vm, o: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = dict_of(o);
    if let Some(s) = d.split() {
        // A split dict: the object and its values (the shared keys are
        // counted with the class, as CPython's).
        return Ok(vm.new_usize(48 + s.values.capacity() * 8 + s.order.capacity()));
    }
    Ok(vm.new_usize(d.table().cpython_sizeof()))
}
