//! `list` (CPython's `Objects/listobject.c`). The items sit in a `Vec`
//! behind small accessors that never hold a borrow while Python code runs:
//! a comparison or `__eq__` may mutate the list under our feet, and gets
//! CPython's behaviour, never UB.

use std::cell::UnsafeCell;

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{slice, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

pub(crate) use super::list_sort as sort;

pub(crate) struct ListData {
    items: UnsafeCell<Vec<Obj>>,
}

impl PyPayload for ListData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        // SAFETY: see the impl comment below; no Python code runs.
        // (Last item first, as CPython's list_traverse.)
        for x in unsafe { (*self.items.get()).iter().rev() } {
            visit(x);
        }
    }

    fn clear(&self) {
        let before = self.buffer();
        // SAFETY: the items are moved out before they are dropped.
        let old = unsafe { std::mem::take(&mut *self.items.get()) };
        self.retrace(before);
        drop_reversed(old);
    }
}

impl Drop for ListData {
    /// Items go last first, as CPython's list_dealloc (the order `__del__`
    /// methods run in).
    fn drop(&mut self) {
        if crate::tracemalloc::tracing() {
            crate::tracemalloc::on_buffer(buffer_of(self.items.get_mut()), (0, 0));
        }
        let mut v = std::mem::take(self.items.get_mut());
        while let Some(x) = v.pop() {
            drop(x);
        }
        recycle_buffer(v);
    }
}

/// Item arrays of up to this many slots are kept for the next lists.
const BUFFER_MAX_CAP: usize = 8;
/// Arrays kept per capacity.
const BUFFERS_PER_CAP: usize = 16;

/// The running thread's empty item arrays of dead lists, by exact
/// capacity 1..=`BUFFER_MAX_CAP`: `[x]` and `[a, b]` built by BUILD_LIST
/// take one instead of calling `malloc` (CPython 3.11 keeps the list
/// objects, 80 of them; Taipan's size classes already recycle those).
/// The exact capacity is kept, so `__sizeof__` and growth are unchanged.
pub(crate) struct BufferCache(UnsafeCell<[Vec<Vec<Obj>>; BUFFER_MAX_CAP]>);

impl BufferCache {
    pub(crate) const fn new() -> BufferCache {
        BufferCache(UnsafeCell::new([const { Vec::new() }; BUFFER_MAX_CAP]))
    }
}

/// The running thread's buffer cache, if a thread state is active.
#[inline]
fn buffer_cache<'a>() -> Option<&'a mut [Vec<Vec<Obj>>; BUFFER_MAX_CAP]> {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        return None;
    }
    // SAFETY: a non-null CURRENT points at a live thread state; the cache
    // is only touched by `buffer_with_capacity` and `recycle_buffer` of
    // this thread, which drop no object while they hold the borrow.
    Some(unsafe { &mut *(*ts).objects.list_buffers.0.get() })
}

/// An empty vector with room for exactly `n` items (from the cache when
/// it has one of that capacity).
#[inline]
pub(crate) fn buffer_with_capacity(n: usize) -> Vec<Obj> {
    if (1..=BUFFER_MAX_CAP).contains(&n) {
        if let Some(v) = buffer_cache().and_then(|c| c[n - 1].pop()) {
            return v;
        }
    }
    Vec::with_capacity(n)
}

/// Keep the (empty) item array of a dead list for the next one.
#[inline]
fn recycle_buffer(v: Vec<Obj>) {
    debug_assert!(v.is_empty());
    let cap = v.capacity();
    if (1..=BUFFER_MAX_CAP).contains(&cap) {
        if let Some(c) = buffer_cache() {
            let slot = &mut c[cap - 1];
            if slot.len() < BUFFERS_PER_CAP {
                slot.push(v);
            }
        }
    }
}

/// The capacity CPython's `list_resize` gives a list of `len` items that
/// must hold `newsize`: an eighth more plus 6, rounded down to a multiple
/// of 4, unless the jump is larger than that over-allocation (then just
/// `newsize` rounded up to 4). None past the address space.
fn grown_capacity(len: usize, newsize: usize) -> Option<usize> {
    let cap = newsize.checked_add(newsize >> 3)?.checked_add(6)? & !3;
    if newsize - len > cap - newsize {
        return Some(newsize.checked_add(3)? & !3);
    }
    Some(cap)
}

/// Make room in a list's item array for `newsize` items as CPython grows
/// a list (so `__sizeof__` and the moments of growth are CPython's); a
/// small new array comes from the thread's cache and the old one goes
/// back to it. False when the memory cannot be had (nothing changed).
fn grow(vec: &mut Vec<Obj>, newsize: usize) -> bool {
    if newsize <= vec.capacity() {
        return true;
    }
    let Some(cap) = grown_capacity(vec.len(), newsize) else { return false };
    if cap <= BUFFER_MAX_CAP {
        let mut new = buffer_with_capacity(cap);
        new.append(vec);
        recycle_buffer(std::mem::replace(vec, new));
        return true;
    }
    vec.try_reserve_exact(cap - vec.len()).is_ok()
}

/// A list's item array as tracemalloc traces it: (address, bytes), (0, 0)
/// when it has none.
fn buffer_of(v: &Vec<Obj>) -> (usize, usize) {
    match v.capacity() {
        0 => (0, 0),
        n => (v.as_ptr() as usize, n * std::mem::size_of::<Obj>()),
    }
}

/// Drop a vector's items from the last to the first.
pub(crate) fn drop_reversed(mut v: Vec<Obj>) {
    while let Some(x) = v.pop() {
        drop(x);
    }
    // The emptied array may serve the next small list.
    recycle_buffer(v);
}

// SAFETY (for every accessor below): each takes `&self`, touches the Vec for
// the duration of the call only, and runs no Python code (no &Vm), so no two
// borrows of the Vec overlap. Values removed from the Vec are dropped after
// the borrow ends (dropping never runs Python code: DESIGN invariant 4).
impl ListData {
    pub(crate) fn new(items: Vec<Obj>) -> ListData {
        if crate::tracemalloc::tracing() {
            crate::tracemalloc::on_buffer((0, 0), buffer_of(&items));
        }
        ListData { items: UnsafeCell::new(items) }
    }

    /// The item array's (address, bytes), for tracemalloc.
    fn buffer(&self) -> (usize, usize) {
        buffer_of(self.vec())
    }

    /// Tell tracemalloc the item array moved or changed size since
    /// `before` (CPython traces `ob_item`'s reallocations: the new block
    /// is charged to the line that grew the list).
    #[inline]
    fn retrace(&self, before: (usize, usize)) {
        if crate::tracemalloc::tracing() {
            let after = self.buffer();
            if after != before {
                crate::tracemalloc::on_buffer(before, after);
            }
        }
    }

    #[inline]
    #[allow(clippy::mut_from_ref)] // interior mutability under the GIL: see the impl comment
    fn vec(&self) -> &mut Vec<Obj> {
        // SAFETY: see the impl comment; callers never keep the reference.
        unsafe { &mut *self.items.get() }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.vec().len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<Obj> {
        self.vec().get(i).cloned()
    }

    /// Replace item `i` (in range); returns the old item for the caller to drop.
    #[inline]
    pub(crate) fn set(&self, i: usize, v: Obj) -> Obj {
        std::mem::replace(&mut self.vec()[i], v)
    }

    #[inline]
    pub(crate) fn push(&self, v: Obj) {
        let vec = self.vec();
        if vec.len() == vec.capacity() {
            return self.push_growing(v);
        }
        vec.push(v)
    }

    #[cold]
    #[inline(never)]
    fn push_growing(&self, v: Obj) {
        let before = self.buffer();
        let vec = self.vec();
        // Should the memory not be had, the vector's own growth aborts.
        let _ = grow(vec, vec.len() + 1);
        vec.push(v);
        self.retrace(before);
    }

    /// Append, or give the value back when the list cannot grow.
    pub(crate) fn try_push(&self, v: Obj) -> Result<(), Obj> {
        let vec = self.vec();
        if vec.len() == vec.capacity() {
            return self.try_push_growing(v);
        }
        vec.push(v);
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn try_push_growing(&self, v: Obj) -> Result<(), Obj> {
        let before = self.buffer();
        let vec = self.vec();
        if !grow(vec, vec.len() + 1) {
            return Err(v);
        }
        vec.push(v);
        self.retrace(before);
        Ok(())
    }

    pub(crate) fn insert(&self, i: usize, v: Obj) {
        let before = self.buffer();
        let vec = self.vec();
        let _ = grow(vec, vec.len() + 1);
        vec.insert(i, v);
        self.retrace(before);
    }

    pub(crate) fn remove(&self, i: usize) -> Obj {
        self.vec().remove(i)
    }

    /// Run `f` on the items where they are. `f` must not run Python code,
    /// touch this list or drop an object (so nothing can change the list
    /// while the slice is borrowed).
    pub(crate) fn with_items<R>(&self, f: impl FnOnce(&[Obj]) -> R) -> R {
        // SAFETY: see the impl comment and the contract above.
        f(unsafe { &*self.items.get() })
    }

    /// The items cloned, in an array from the thread's cache when small.
    pub(crate) fn to_vec(&self) -> Vec<Obj> {
        let items = self.vec();
        let mut v = buffer_with_capacity(items.len());
        v.extend_from_slice(items);
        v
    }

    /// Replace all items; returns the old ones.
    pub(crate) fn replace_all(&self, items: Vec<Obj>) -> Vec<Obj> {
        let before = self.buffer();
        let old = std::mem::replace(self.vec(), items);
        self.retrace(before);
        old
    }

    pub(crate) fn extend(&self, items: Vec<Obj>) {
        let before = self.buffer();
        let vec = self.vec();
        let _ = grow(vec, vec.len().saturating_add(items.len()));
        vec.extend(items);
        self.retrace(before);
    }

    /// `extend` by the items of an exact list or tuple: a list with no
    /// item array yet gets one of exactly their count rounded up to even
    /// (CPython's `list_preallocate_exact`), any other grows as by `extend`.
    pub(crate) fn extend_sequence(&self, items: Vec<Obj>) {
        let vec = self.vec();
        if vec.capacity() == 0 && !items.is_empty() {
            let before = self.buffer();
            let vec = self.vec();
            let _ = vec.try_reserve_exact(items.len().saturating_add(1) & !1);
            vec.extend(items);
            return self.retrace(before);
        }
        self.extend(items)
    }

    pub(crate) fn reverse(&self) {
        self.vec().reverse()
    }

    /// Items `start..stop` cloned.
    pub(crate) fn slice(&self, start: usize, stop: usize) -> Vec<Obj> {
        let items = &self.vec()[start..stop];
        let mut v = buffer_with_capacity(items.len());
        v.extend_from_slice(items);
        v
    }

    /// The items a clamped slice with a step other than 1 visits, cloned;
    /// an index past a list that shrank meanwhile is skipped.
    pub(crate) fn slice_step(&self, start: isize, stop: isize, step: isize) -> Vec<Obj> {
        let n = slice::slice_length(start, stop, step);
        let items = self.vec();
        let mut v = buffer_with_capacity(n);
        if step == -1 && n > 0 && (start as usize) < items.len() {
            // `a[j::-1]`, `a[::-1]`: one run, read backwards.
            let low = (start + 1 - n as isize) as usize;
            v.extend(items[low..=start as usize].iter().rev().cloned());
        } else {
            v.extend(slice::iter_indices(start, stop, step).filter_map(|i| items.get(i as usize).cloned()));
        }
        v
    }

    /// Swap items `start..start + other.len()` (in range) with `other`'s.
    pub(crate) fn swap_range(&self, start: usize, other: &mut [Obj]) {
        self.vec()[start..start + other.len()].swap_with_slice(other)
    }

    /// Replace items `start..stop` with `new`; returns the removed items.
    pub(crate) fn splice(&self, start: usize, stop: usize, new: Vec<Obj>) -> Vec<Obj> {
        let before = self.buffer();
        let removed = self.vec().splice(start..stop, new).collect();
        self.retrace(before);
        removed
    }

    pub(crate) fn capacity(&self) -> usize {
        self.vec().capacity()
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<ListData>(
        "list",
        std::mem::size_of::<PyCell<ListData>>(),
        true,
        flags::BASETYPE | flags::LIST_SUBCLASS | flags::SEQUENCE | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.");
    let s = &t.slots;
    s.repr.set(Some(list_repr));
    s.richcompare.set(Some(list_richcompare));
    s.hash.set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    s.iter.set(Some(crate::objects::iter::list_iter));
    s.sq_length.set(Some(list_len));
    s.sq_contains.set(Some(list_contains));
    s.sq_concat.set(Some(list_concat));
    s.sq_repeat.set(Some(list_repeat));
    s.sq_inplace_concat.set(Some(list_inplace_concat));
    s.sq_inplace_repeat.set(Some(list_inplace_repeat));
    s.mp_subscript.set(Some(list_subscript));
    s.mp_ass_subscript.set(Some(list_ass_subscript));
    s.new.set(Some(list_new));
    s.init.set(Some(list_init));
    t.mark_container::<ListData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.list,
        &[
            MethodDef::method("append", list_append),
            MethodDef::method("extend", list_extend),
            MethodDef::method("insert", list_insert),
            MethodDef::method("remove", list_remove),
            MethodDef::method("pop", list_pop),
            MethodDef::method("clear", list_clear),
            MethodDef::method("index", list_index),
            MethodDef::method("count", list_count),
            MethodDef::method("sort", sort::list_sort),
            MethodDef::method("reverse", list_reverse),
            MethodDef::method("copy", list_copy),
            MethodDef::method("__reversed__", list_reversed),
            MethodDef::method("__sizeof__", list_sizeof),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
}

/// The payload of a list object.
#[inline]
pub(crate) fn data(o: &Obj) -> Option<&ListData> {
    o.payload::<ListData>()
}

/// `list.append`: MemoryError when the list cannot grow.
pub(crate) fn try_append(vm: &Vm, o: &Obj, v: Obj) -> PyResult<()> {
    list_of(o).try_push(v).map_err(|_| vm.memory_error())
}

fn list_of(o: &Obj) -> &ListData {
    o.payload::<ListData>().expect("a list")
}

impl Vm {
    pub fn new_list(&self, items: Vec<Obj>) -> Obj {
        alloc_object(&self.ctx.types.list, ListData::new(items))
    }
}

/// Append to a list object (the `LIST_APPEND` opcode).
#[inline]
pub(crate) fn append(o: &Obj, v: Obj) {
    list_of(o).push(v)
}

fn list_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let l = list_of(o);
    if l.is_empty() {
        return Ok(vm.new_str("[]"));
    }
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("[...]")) };
    let mut out = pystr::Builder::new();
    out.push_str("[");
    let mut i = 0;
    // The list may change while item reprs run: re-read the length each time.
    while let Some(x) = l.get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        let r = vm.repr(&x)?;
        out.push_obj(&r);
        i += 1;
    }
    out.push_str("]");
    Ok(out.finish(vm))
}

fn list_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(lb) = data(b) else { return Ok(vm.not_implemented()) };
    let la = list_of(a);
    if la.len() != lb.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.bool_obj(op == CompareOp::Ne));
    }
    // Items are fetched one at a time: comparisons may mutate either list,
    // so after the first difference both lists are looked at again (as
    // CPython's list_richcompare).
    let mut i = 0;
    while let (Some(x), Some(y)) = (la.get(i), lb.get(i)) {
        if !vm.eq(&x, &y)? {
            break;
        }
        i += 1;
    }
    let (Some(x), Some(y)) = (la.get(i), lb.get(i)) else {
        return Ok(vm.bool_obj(crate::objects::int::ordering_matches(la.len().cmp(&lb.len()), op)));
    };
    match op {
        CompareOp::Eq => Ok(vm.bool_obj(false)),
        CompareOp::Ne => Ok(vm.bool_obj(true)),
        _ => vm.rich_compare(&x, &y, op),
    }
}

fn list_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(list_of(o).len())
}

fn list_contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    let l = list_of(o);
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if vm.eq(&x, item)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn list_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(lb) = data(b) else {
        return Err(vm.type_error(format!("can only concatenate list (not \"{}\") to list", b.class().name())));
    };
    let mut v = list_of(a).to_vec();
    v.extend(lb.to_vec());
    Ok(vm.new_list(v))
}

fn repeat_vec(vm: &Vm, items: &[Obj], n: isize) -> PyResult<Vec<Obj>> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let Some(total) = items.len().checked_mul(n as usize).filter(|&t| t <= isize::MAX as usize / 8) else {
        return Err(vm.memory_error());
    };
    let mut v = vm.try_vec(total)?;
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    Ok(v)
}

fn list_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let items = list_of(a).to_vec();
    Ok(vm.new_list(repeat_vec(vm, &items, n)?))
}

fn list_inplace_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    extend_from(vm, a, b)?;
    Ok(a.clone())
}

fn list_inplace_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let l = list_of(a);
    let items = l.to_vec();
    let new = repeat_vec(vm, &items, n)?;
    drop_reversed(l.replace_all(new));
    Ok(a.clone())
}

/// Normalize an index for item access; `None` when out of range.
fn normalize(i: isize, n: usize) -> Option<usize> {
    let j = if i < 0 { i + n as isize } else { i };
    (j >= 0 && (j as usize) < n).then_some(j as usize)
}

fn list_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let l = list_of(o);
    if let Some(i) = crate::objects::int::value(key).and_then(|v| v.as_i64()) {
        return match normalize(i as isize, l.len()) {
            Some(j) => Ok(l.get(j).expect("in range")),
            None => Err(vm.index_error("list index out of range")),
        };
    }
    if let Some(sl) = key.payload::<slice::SliceData>() {
        let (start, stop, step) = sl.indices(vm, l.len())?;
        return Ok(new_slice_of(vm, l, start, stop, step));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("list indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    match normalize(i, l.len()) {
        Some(j) => Ok(l.get(j).expect("in range")),
        None => Err(vm.index_error("list index out of range")),
    }
}

/// A new list of the items a clamped slice visits (the length may have
/// changed since it was clamped: what is past the end is left out).
pub(crate) fn new_slice_of(vm: &Vm, l: &ListData, start: isize, stop: isize, step: isize) -> Obj {
    let n = l.len() as isize;
    if step == 1 {
        let (s, e) = (start.clamp(0, n) as usize, stop.clamp(0, n) as usize);
        return vm.new_list(if s < e { l.slice(s, e) } else { Vec::new() });
    }
    vm.new_list(l.slice_step(start, stop, step))
}

/// `o[start:stop] = v` for the eval loop's BUILD_SLICE + STORE_SUBSCR on an
/// exact list `o` and an exact list `v`, which it owns (nothing can fail):
/// a value nothing else refers to gives up its items.
pub(crate) fn store_run_from_list(o: &Obj, start: Option<isize>, stop: Option<isize>, v: Obj) {
    let l = list_of(o);
    let items = if v.is(o) {
        l.to_vec()
    } else if v.refcnt() == 1 {
        list_of(&v).replace_all(Vec::new())
    } else {
        list_of(&v).to_vec()
    };
    drop(v);
    let (start, stop, _) = slice::clamp_indices(start, stop, 1, l.len());
    replace_run(l, start, stop, Some(items));
}

/// Replace the items `start..stop` (clamped, step 1) with `new` (remove
/// them for None).
fn replace_run(l: &ListData, start: isize, stop: isize, new: Option<Vec<Obj>>) {
    let n = l.len() as isize;
    let s = start.clamp(0, n) as usize;
    let e = (stop.clamp(0, n) as usize).max(s);
    match new {
        // As many items as replaced (`perm[:k] = perm[k-1::-1]`): swapped
        // in place, no splice.
        Some(mut items) if items.len() == e - s => {
            l.swap_range(s, &mut items);
            drop_reversed(items);
        }
        new => drop_reversed(l.splice(s, e, new.unwrap_or_default())),
    }
}

fn list_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let l = list_of(o);
    if let Some(sl) = key.payload::<slice::SliceData>() {
        return assign_slice(vm, o, sl, value, false);
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("list indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let Some(j) = normalize(i, l.len()) else {
        return Err(vm.index_error("list assignment index out of range"));
    };
    match value {
        Some(v) => drop(l.set(j, v.clone())),
        None => drop(l.remove(j)),
    }
    Ok(())
}

/// `o[key] = v` for the eval loop's STORE_SUBSCR on an exact list, which
/// owns `v`: a list value nothing else refers to (the temporary of
/// `a[:k] = a[k-1::-1]`) gives up its items rather than having them copied.
pub(crate) fn store_subscr_owned(vm: &Vm, o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    match key.payload::<slice::SliceData>() {
        Some(sl) => {
            let steal = v.refcnt() == 1 && v.type_is(&vm.ctx.types.list) && !v.is(o);
            assign_slice(vm, o, sl, Some(&v), steal)
        }
        None => list_ass_subscript(vm, o, key, Some(&v)),
    }
}

/// `o[sl] = value` (`del o[sl]` for None); `steal`: `value` is a list
/// only the caller refers to, whose items may be moved out.
fn assign_slice(vm: &Vm, o: &Obj, sl: &slice::SliceData, value: Option<&Obj>, steal: bool) -> PyResult<()> {
    let l = list_of(o);
    // The new items are collected first (iterating may run Python code).
    let new: Option<Vec<Obj>> = match value {
        None => None,
        Some(v) if v.is(o) => Some(l.to_vec()),
        Some(v) if steal => Some(list_of(v).replace_all(Vec::new())),
        Some(v) => Some(match vm.to_vec(v) {
            Ok(items) => items,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) && vm.iter(v).is_err() => {
                return Err(vm.type_error(if sl.step_is_none(vm) {
                    "can only assign an iterable".to_string()
                } else {
                    "must assign iterable to extended slice".to_string()
                }));
            }
            Err(e) => return Err(e),
        }),
    };
    let (start, stop, step) = sl.indices(vm, l.len())?;
    if step == 1 {
        replace_run(l, start, stop, new);
        return Ok(());
    }
    let idx: Vec<usize> = slice::iter_indices(start, stop, step).map(|i| i as usize).collect();
    match new {
        None => {
            let mut sorted = idx;
            sorted.sort_unstable();
            let mut removed = Vec::with_capacity(sorted.len());
            for (k, i) in sorted.into_iter().enumerate() {
                removed.push(l.remove(i - k));
            }
            drop(removed);
        }
        Some(items) => {
            if items.len() != idx.len() {
                return Err(vm.value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    items.len(),
                    idx.len()
                )));
            }
            let mut old = Vec::with_capacity(items.len());
            for (i, v) in idx.into_iter().zip(items) {
                old.push(l.set(i, v));
            }
            drop(old);
        }
    }
    Ok(())
}

fn list_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&vm.ctx.types.list) {
        return Ok(vm.new_list(Vec::new()));
    }
    Ok(alloc_object(cls, ListData::new(Vec::new())))
}

fn list_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    // Keywords are refused unless a subclass's own __new__ may want them.
    let own_new = || match vm.ctx.types.list.payload::<TypeObject>() {
        Some(l) => !o.class().slots.new.same_as(&l.slots.new),
        None => false,
    };
    if kwnames.is_some_and(|k| tuple::len(k) > 0) && (o.type_is(&vm.ctx.types.list) || !own_new()) {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    let npos = crate::protocol::call::npositional(args, kwnames);
    if npos > 1 {
        return Err(vm.type_error(format!("list expected at most 1 argument, got {npos}")));
    }
    let l = list_of(o);
    drop_reversed(l.replace_all(Vec::new()));
    if npos == 1 {
        let items = vm.to_vec(&args[0])?;
        l.extend(items);
    }
    Ok(())
}

/// `list.extend(iterable)`.
pub(crate) fn extend_from(vm: &Vm, o: &Obj, iterable: &Obj) -> PyResult<()> {
    let sequence = iterable.is(o) || iterable.type_is(&vm.ctx.types.list) || iterable.type_is(&vm.ctx.types.tuple);
    let items = if iterable.is(o) { list_of(o).to_vec() } else { collect_for_extend(vm, list_of(o).len(), iterable)? };
    if sequence {
        list_of(o).extend_sequence(items);
    } else {
        list_of(o).extend(items);
    }
    Ok(())
}

/// The items `list.extend` adds. Room is made for `__length_hint__` more
/// items unless that overflows with the `len` already there: then the hint
/// is taken for a lie and ignored (as CPython's list_extend).
fn collect_for_extend(vm: &Vm, len: usize, iterable: &Obj) -> PyResult<Vec<Obj>> {
    if iterable.type_is(&vm.ctx.types.list) || iterable.type_is(&vm.ctx.types.tuple) {
        return vm.to_vec(iterable);
    }
    let it = vm.iter(iterable)?;
    let hint = vm.length_hint(iterable, 8)?;
    let room = if len > 0 && len.saturating_add(hint) > isize::MAX as usize { 0 } else { hint };
    let mut out = vm.try_vec(room)?;
    while let Some(x) = vm.next(&it)? {
        if out.len() == out.capacity() && out.try_reserve(1).is_err() {
            return Err(vm.memory_error());
        }
        out.push(x);
    }
    Ok(out)
}

pub(crate) fn list_append(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "append", args, kwnames)?;
    try_append(vm, o, v)?;
    Ok(vm.none())
}

fn list_extend(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [it] = crate::args::exact::<1>(vm, "extend", args, kwnames)?;
    extend_from(vm, o, &it)?;
    Ok(vm.none())
}

fn list_insert(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "insert", kwnames)?;
    crate::args::check_positional(vm, "insert", args.len(), 2, 2)?;
    let i = vm.ssize_t_arg(&args[0])?;
    let l = list_of(o);
    let n = l.len() as isize;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(j as usize, args[1].clone());
    Ok(vm.none())
}

fn list_remove(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "remove", args, kwnames)?;
    let l = list_of(o);
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if vm.eq(&x, &v)? {
            if i < l.len() {
                drop(l.remove(i));
            }
            return Ok(vm.none());
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn list_pop(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "pop", kwnames)?;
    crate::args::check_positional(vm, "pop", args.len(), 0, 1)?;
    let i = match args.first() {
        Some(a) => crate::objects::str_methods::ssize_arg(vm, a)?,
        None => -1,
    };
    let l = list_of(o);
    if l.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    match normalize(i, l.len()) {
        Some(j) => Ok(l.remove(j)),
        None => Err(vm.index_error("pop index out of range")),
    }
}

fn list_clear(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "clear", args, kwnames)?;
    drop_reversed(list_of(o).replace_all(Vec::new()));
    Ok(vm.none())
}

fn list_index(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "index", kwnames)?;
    crate::args::check_positional(vm, "index", args.len(), 1, 3)?;
    let l = list_of(o);
    let (start, stop) = crate::args::slice_bounds(vm, &args[1..], l.len())?;
    let mut i = start;
    while i < stop {
        let Some(x) = l.get(i) else { break };
        if vm.eq(&x, &args[0])? {
            return Ok(vm.new_usize(i));
        }
        i += 1;
    }
    Err(vm.value_error(format!("{} is not in list", vm.repr_string(&args[0])?)))
}

fn list_count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "count", args, kwnames)?;
    let l = list_of(o);
    let mut n = 0;
    let mut i = 0;
    while let Some(x) = l.get(i) {
        if vm.eq(&x, &v)? {
            n += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

fn list_reverse(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "reverse", args, kwnames)?;
    list_of(o).reverse();
    Ok(vm.none())
}

fn list_copy(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "copy", args, kwnames)?;
    Ok(vm.new_list(list_of(o).to_vec()))
}

fn list_reversed(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__reversed__", args, kwnames)?;
    Ok(crate::objects::iter::new_list_reverseiterator(vm, o))
}

fn list_sizeof(vm: &Vm, o: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_usize(40 + 8 * list_of(o).capacity()))
}
