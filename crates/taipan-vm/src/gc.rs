//! The cycle collector (CPython's `Modules/gcmodule.c`): reference counting
//! frees most objects; this finds the groups of container objects that only
//! refer to each other and frees them.
//!
//! Container objects (types whose `is_gc` is set) carry a `GcHeader` in front
//! of the object and are linked, while tracked, into one of three
//! generations (plus the permanent one of `gc.freeze()`). A collection of
//! generation N takes generations 0..=N and:
//!
//! 1. copies each object's refcount to `gc_refs` and subtracts the references
//!    found by traversing the others (`PyPayload::traverse`): what is left
//!    counts references from outside the set;
//! 2. marks as reachable every object with outside references, and all it
//!    reaches; the rest is unreachable;
//! 3. moves the reachable objects to the next generation;
//! 4. for the unreachable ones: clears the weak references to them (queueing
//!    the callbacks of weakrefs that survive), calls their finalizers
//!    (PEP 442: once per object), then re-checks which are still unreachable
//!    (a finalizer may resurrect objects) and clears those (`tp_clear`),
//!    which breaks the cycles so that reference counting frees them.
//!
//! Collections start at eval-breaker points (a GC bit set when generation 0
//! passes its threshold), never inside a Rust operation.
//!
//! The list links live in the header: `next` is the next header's address
//! (0 when untracked); `prev` is the previous header's address with three
//! flag bits (`FINALIZED`, `COLLECTING`, `EMBEDDED`) in its low bits. During
//! a collection the objects being examined keep their gc_refs in `prev`
//! instead (see "finding the unreachable objects" below), as CPython does:
//! a collection needs no memory per object.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use crate::object::{GcHeader, Obj, PyObject, TypeObject, GC_HEADER_SIZE};
use crate::vm::{PyResult, Vm};

/// `prev` flag: the object's finalizer has been called.
pub(crate) const FINALIZED: usize = 1;
/// `prev` flag: the object is in the set being collected.
const COLLECTING: usize = 2;
/// `prev` flag of a dict: the `__dict__` of an instance that nobody asked
/// for. CPython 3.11 keeps such attributes in the instance itself (inline
/// values) with no dict object; this dict plays that part: it is never
/// tracked on its own, and the instance's traversal visits its contents.
const EMBEDDED: usize = 4;
const FLAGS: usize = FINALIZED | COLLECTING | EMBEDDED;

pub const NUM_GENERATIONS: usize = 3;

/// `gc.DEBUG_*`.
pub mod debug {
    pub const STATS: u32 = 1;
    pub const COLLECTABLE: u32 = 2;
    pub const UNCOLLECTABLE: u32 = 4;
    pub const SAVEALL: u32 = 32;
    pub const LEAK: u32 = COLLECTABLE | UNCOLLECTABLE | SAVEALL;
}

/// A circular list of headers with a sentinel (heap-allocated, so its
/// address is stable).
pub(crate) struct GcList {
    head: Box<GcHeader>,
}

impl GcList {
    fn new() -> GcList {
        let head = Box::new(GcHeader { next: Cell::new(0), prev: Cell::new(0) });
        let a = &*head as *const GcHeader as usize;
        head.next.set(a);
        head.prev.set(a);
        GcList { head }
    }

    fn head_addr(&self) -> usize {
        &*self.head as *const GcHeader as usize
    }

    /// Append a header (not in any list) at the end.
    ///
    /// # Safety
    /// `h` must be the header of a live object that is not linked anywhere.
    unsafe fn push(&self, h: &GcHeader) {
        let head = self.head_addr();
        let last = self.head.prev.get() & !FLAGS;
        let me = h as *const GcHeader as usize;
        // SAFETY: `last` is the sentinel or a linked header of a live object.
        let last_h = unsafe { &*(last as *const GcHeader) };
        last_h.next.set(me);
        h.prev.set(last | (h.prev.get() & FLAGS));
        h.next.set(head);
        self.head.prev.set(me);
    }

    /// Move every object of `other`, in order, to the end of this list
    /// (CPython's `gc_list_merge`): `other` is left empty.
    fn splice(&self, other: &GcList) {
        let ohead = other.head_addr();
        let first = other.head.next.get();
        if first == ohead {
            return;
        }
        let last = other.head.prev.get() & !FLAGS;
        let mine = self.head.prev.get() & !FLAGS;
        // SAFETY: `first`, `last` and `mine` are linked headers of live
        // objects (or this list's sentinel).
        unsafe {
            let (first_h, last_h) = (&*(first as *const GcHeader), &*(last as *const GcHeader));
            (*(mine as *const GcHeader)).next.set(first);
            first_h.prev.set(mine | (first_h.prev.get() & FLAGS));
            last_h.next.set(self.head_addr());
        }
        self.head.prev.set(last);
        other.head.next.set(ohead);
        other.head.prev.set(ohead);
    }

    /// The objects of the list, in order.
    fn objects(&self) -> Vec<NonNull<PyObject>> {
        let mut out = Vec::new();
        self.for_each(|o| out.push(o));
        out
    }

    /// Call `f` on each object of the list, in order (`f` must not change
    /// the list).
    fn for_each(&self, mut f: impl FnMut(NonNull<PyObject>)) {
        let head = self.head_addr();
        let mut a = self.head.next.get();
        while a != head {
            // SAFETY: every linked header belongs to a live tracked object.
            let h = unsafe { &*(a as *const GcHeader) };
            a = h.next.get();
            f(object_of(h));
        }
    }

    fn is_empty(&self) -> bool {
        self.head.next.get() == self.head_addr()
    }

    fn len(&self) -> usize {
        let head = self.head_addr();
        let mut n = 0;
        let mut a = self.head.next.get();
        while a != head {
            n += 1;
            // SAFETY: as in `objects`.
            a = unsafe { (*(a as *const GcHeader)).next.get() };
        }
        n
    }
}

/// Statistics of one generation (`gc.get_stats()`).
#[derive(Default, Clone, Copy)]
pub(crate) struct GenStats {
    pub(crate) collections: usize,
    pub(crate) collected: usize,
    pub(crate) uncollectable: usize,
}

/// The collector's state (per interpreter; CPython's `GCState`).
pub(crate) struct GcState {
    generations: [GcList; NUM_GENERATIONS],
    permanent: GcList,
    pub(crate) thresholds: [Cell<usize>; NUM_GENERATIONS],
    pub(crate) counts: [Cell<usize>; NUM_GENERATIONS],
    /// Objects in the oldest generation after the last full collection,
    /// and objects moved into it since (CPython's `long_lived_total` and
    /// `long_lived_pending`): counters, so deciding whether a full
    /// collection is due does not walk the generations' lists.
    long_lived_total: Cell<usize>,
    long_lived_pending: Cell<usize>,
    pub(crate) enabled: Cell<bool>,
    pub(crate) debug: Cell<u32>,
    collecting: Cell<bool>,
    pub(crate) stats: RefCell<[GenStats; NUM_GENERATIONS]>,
    /// `gc.garbage` and `gc.callbacks` (lists, made with the gc module).
    pub(crate) garbage: RefCell<Option<Obj>>,
    pub(crate) callbacks: RefCell<Option<Obj>>,
}

impl GcState {
    /// A collection is running (read by faulthandler's dumps, on the
    /// collecting thread itself).
    pub(crate) fn is_collecting(&self) -> bool {
        self.collecting.get()
    }

    pub(crate) fn new() -> GcState {
        GcState {
            generations: [GcList::new(), GcList::new(), GcList::new()],
            permanent: GcList::new(),
            thresholds: [Cell::new(700), Cell::new(10), Cell::new(10)],
            counts: [Cell::new(0), Cell::new(0), Cell::new(0)],
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            enabled: Cell::new(true),
            debug: Cell::new(0),
            collecting: Cell::new(false),
            stats: RefCell::new([GenStats::default(); NUM_GENERATIONS]),
            garbage: RefCell::new(None),
            callbacks: RefCell::new(None),
        }
    }

    /// Untrack everything (the interpreter is going away; objects may
    /// outlive the lists).
    pub(crate) fn teardown(&mut self) {
        for list in self.generations.iter().chain(std::iter::once(&self.permanent)) {
            for o in list.objects() {
                // SAFETY: the object is linked in this list.
                unsafe { unlink(header_of(o)) };
            }
        }
        let g = self.garbage.get_mut().take();
        let c = self.callbacks.get_mut().take();
        drop((g, c));
    }
}

fn header_of(o: NonNull<PyObject>) -> &'static GcHeader {
    // SAFETY: only called for objects of GC types, which are allocated with
    // a header right in front of them; the reference is used while the
    // object lives.
    unsafe { &*o.as_ptr().cast::<u8>().sub(GC_HEADER_SIZE).cast::<GcHeader>() }
}

fn object_of(h: &GcHeader) -> NonNull<PyObject> {
    let p = (h as *const GcHeader as usize + GC_HEADER_SIZE) as *mut PyObject;
    // SAFETY: a header is always followed by its object (never null).
    unsafe { NonNull::new_unchecked(p) }
}

fn type_of(o: NonNull<PyObject>) -> &'static TypeObject {
    // SAFETY: a live object's type is live while the object is; the
    // reference is used during a traversal of that object only.
    unsafe { crate::object::type_of_ptr(o) }
}

/// Unlink a tracked header from its list (its neighbours are live).
///
/// # Safety
/// `h` must be linked in a list.
unsafe fn unlink(h: &GcHeader) {
    let prev = h.prev.get() & !FLAGS;
    let next = h.next.get();
    // SAFETY: the neighbours of a linked header are live headers.
    unsafe {
        (*(prev as *const GcHeader)).next.set(next);
        let n = &*(next as *const GcHeader);
        n.prev.set(prev | (n.prev.get() & FLAGS));
    }
    h.next.set(0);
    h.prev.set(h.prev.get() & FLAGS);
}

/// Is the object (of a GC type) in a generation?
pub(crate) fn is_tracked(o: &Obj) -> bool {
    o.class().is_gc && header_of(o.as_nonnull()).next.get() != 0
}

/// Call the object's finalizer (`tp_finalize`, `__del__`) unless it ran
/// already (PEP 442); objects of non-GC types have no such mark and are
/// left alone.
/// Whether it was called.
pub(crate) fn finalize_once(vm: &Vm, o: &Obj) -> bool {
    let t = o.class();
    let Some(fin) = t.finalize.get() else { return false };
    if !t.is_gc {
        return false;
    }
    let h = header_of(o.as_nonnull());
    if h.prev.get() & FINALIZED != 0 {
        return false;
    }
    h.prev.set(h.prev.get() | FINALIZED);
    fin(vm, o);
    true
}

/// Has the object's finalizer been called (`gc.is_finalized`)?
pub(crate) fn is_finalized(o: &Obj) -> bool {
    o.class().is_gc && header_of(o.as_nonnull()).prev.get() & FINALIZED != 0
}

/// Start tracking a new object (called when a GC object is allocated):
/// into generation 0, counting it towards the next collection.
pub(crate) fn track_new(p: NonNull<PyObject>) {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        return;
    }
    // SAFETY: a non-null current thread state is live.
    let ts = unsafe { &*ts };
    let gc = ts.gc.get();
    if gc.is_null() {
        return;
    }
    // SAFETY: the thread's interpreter (and so its GC state) outlives it.
    let gc = unsafe { &*gc };
    // SAFETY: a fresh object is in no list.
    unsafe { gc.generations[0].push(header_of(p)) };
    let c = gc.counts[0].get() + 1;
    gc.counts[0].set(c);
    if c > gc.thresholds[0].get() && gc.enabled.get() && gc.thresholds[0].get() != 0 && !gc.collecting.get() {
        ts.set_breaker(crate::pystate::breaker::GC);
    }
}

/// Stop tracking an object being freed.
pub(crate) fn untrack_freed(p: NonNull<PyObject>) {
    count_freed(unlink_freed(p));
}

/// Unlink an object being freed from its generation; whether freeing it
/// counts as a deallocation (`count_freed`): every GC allocation counted,
/// tracked or not (CPython's PyObject_GC_Del), but embedded dicts, which
/// never were.
pub(crate) fn unlink_freed(p: NonNull<PyObject>) -> bool {
    let h = header_of(p);
    if h.next.get() != 0 {
        // SAFETY: a tracked header is linked.
        unsafe { unlink(h) };
    }
    h.prev.get() & EMBEDDED == 0
}

/// Count a deallocation towards the next collection (after `unlink_freed`).
#[inline]
pub(crate) fn count_freed(counted: bool) {
    if counted {
        adjust_count(-1);
    }
}

/// Track an object made from a kept block (a tuple from its free list) by
/// the thread `ts`: into generation 0, but no new allocation for the
/// count, as CPython's.
#[inline(always)]
pub(crate) fn track_uncounted_in(ts: &crate::pystate::ThreadState, p: NonNull<PyObject>) {
    // SAFETY: a live thread state's interpreter (and GC state) is live.
    let Some(gc) = (unsafe { ts.gc.get().as_ref() }) else { return };
    // SAFETY: a fresh object is in no list.
    unsafe { gc.generations[0].push(header_of(p)) };
}

/// Stop tracking an object that cannot be part of a cycle (a tuple of
/// atoms, CPython's `_PyObject_GC_UNTRACK`).
pub(crate) fn untrack(o: &Obj) {
    if is_tracked(o) {
        // SAFETY: tracked, so linked.
        unsafe { unlink(header_of(o.as_nonnull())) };
    }
}

/// Track an object again (a dict that now holds a container).
pub(crate) fn track(vm: &Vm, o: NonNull<PyObject>) {
    let h = header_of(o);
    if h.next.get() == 0 {
        // SAFETY: an untracked header is in no list.
        unsafe { vm.gc.generations[0].push(h) };
    }
}

/// Could `o` be part of a cycle (CPython's `_PyObject_GC_MAY_BE_TRACKED`)?
pub(crate) fn may_be_tracked(o: &Obj) -> bool {
    o.class().is_gc && (!o.has_payload::<crate::objects::tuple::TupleData>() || is_tracked(o))
}

/// A dict starts untracked and is tracked once it holds something that
/// could be part of a cycle (CPython's `MAINTAIN_TRACKING`).
pub(crate) fn maintain_dict_tracking(vm: &Vm, d: &crate::objects::dict::DictData, key: &Obj, value: &Obj) {
    let owner = crate::object::owner_of(d);
    let h = header_of(owner);
    if h.next.get() == 0 && h.prev.get() & EMBEDDED == 0 && (may_be_tracked(key) || may_be_tracked(value)) {
        track(vm, owner);
    }
}

/// Make a new, untracked dict an instance's embedded `__dict__`.
pub(crate) fn mark_embedded(d: &Obj) {
    let h = header_of(d.as_nonnull());
    debug_assert!(h.next.get() == 0);
    h.prev.set(h.prev.get() | EMBEDDED);
    // Inline values are no allocation of their own: not counted.
    adjust_count(-1);
}

/// Add to generation 0's count (allocations minus deallocations).
fn adjust_count(delta: isize) {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        return;
    }
    // SAFETY: as in `track_new`.
    let gc = unsafe { (*ts).gc.get() };
    if gc.is_null() {
        return;
    }
    // SAFETY: as in `track_new`.
    let c = unsafe { &(*gc).counts[0] };
    c.set(c.get().saturating_add_signed(delta));
}

/// The instance's `__dict__` was asked for: from now on it is a dict of its
/// own (tracked if it holds containers), as CPython 3.11 materializes it.
pub(crate) fn materialize(vm: &Vm, d: &Obj) {
    if !d.class().is_gc {
        return;
    }
    let h = header_of(d.as_nonnull());
    if h.prev.get() & EMBEDDED == 0 {
        return;
    }
    h.prev.set(h.prev.get() & !EMBEDDED);
    let mut needs = false;
    traverse(d.as_nonnull(), &mut |r| needs |= may_be_tracked(r));
    if needs {
        track(vm, d.as_nonnull());
    }
}

fn is_embedded(d: &Obj) -> bool {
    d.class().is_gc && header_of(d.as_nonnull()).prev.get() & EMBEDDED != 0
}

/// Visit the references of any object: its payload's, its `__dict__`, its
/// `__slots__` members, and its class if that is a heap type (CPython's
/// `subtype_traverse`).
pub(crate) fn traverse(o: NonNull<PyObject>, visit: &mut dyn FnMut(&Obj)) {
    let t = type_of(o);
    // SAFETY: the object is live and laid out as its type says.
    // CPython's subtype_traverse order: slots, attributes, the class, then
    // what the builtin base holds.
    unsafe {
        for &off in &t.member_offsets {
            if let Some(v) = &*o.as_ptr().cast::<u8>().add(off).cast::<Option<Obj>>() {
                visit(v);
            }
        }
        if t.dictoffset != 0 {
            if let Some(d) = &*o.as_ptr().cast::<u8>().add(t.dictoffset).cast::<Option<Obj>>() {
                if is_embedded(d) {
                    // The attribute values are the instance's own.
                    (type_of(d.as_nonnull()).traverse_payload)(d.as_ptr(), visit);
                } else {
                    visit(d);
                }
            }
        }
        if t.values_offset != 0 {
            let slot = o.as_ptr().cast::<u8>().add(t.values_offset);
            crate::objects::instance_values::visit_values(
                &*slot.cast::<crate::objects::instance_values::Values>(),
                visit,
            );
        }
        if t.is_heap_type() {
            // A borrowed view (no count to raise and drop again): the
            // object's own reference keeps its class alive.
            let ty = std::mem::ManuallyDrop::new(Obj::from_owned_ptr(crate::object::type_ptr(o)));
            visit(&ty);
        }
        (t.traverse_payload)(o.as_ptr(), visit);
    }
}

/// Drop the references of an unreachable object (CPython's `tp_clear`, and
/// `subtype_clear` for the dict and slots of class instances).
fn clear(o: &Obj) {
    let t = o.class();
    // SAFETY: the object is live; the payload's clear takes its values out
    // before dropping them.
    unsafe { (t.clear_payload)(o.as_ptr()) };
    for &off in &t.member_offsets {
        if let Some(slot) = o.member_slot(off) {
            // SAFETY: the value is moved out before it is dropped.
            let old = unsafe { (*slot.get()).take() };
            drop(old);
        }
    }
    if o.dict_slot().is_some() {
        // Inline values go with it.
        o.set_instance_dict(None);
    }
}

/// The objects an object refers to (`gc.get_referents`).
pub(crate) fn referents(o: &Obj) -> Vec<Obj> {
    let mut out = Vec::new();
    if o.class().is_gc {
        traverse(o.as_nonnull(), &mut |r| out.push(r.clone()));
    }
    out
}

/// The objects of generation `gen` (all generations for None).
pub(crate) fn objects(vm: &Vm, gen: Option<usize>) -> Vec<Obj> {
    let lists: Vec<&GcList> = match gen {
        Some(g) => vec![&vm.gc.generations[g]],
        None => vm.gc.generations.iter().collect(),
    };
    let mut out = Vec::new();
    for l in lists {
        for p in l.objects() {
            // SAFETY: tracked objects are live.
            out.push(unsafe { Obj::from_borrowed_ptr(p) });
        }
    }
    out
}

/// Is some tracked object an instance of a class defined in Python with
/// a finalizer (`__del__`)? Walks the generations, allocating nothing.
pub(crate) fn any_heap_finalizer(vm: &Vm) -> bool {
    let gc = &vm.gc;
    gc.generations.iter().chain(std::iter::once(&gc.permanent)).any(|list| {
        let mut found = false;
        list.for_each(|o| {
            let t = type_of(o);
            found |= t.is_heap_type() && t.finalize.get().is_some();
        });
        found
    })
}

/// `gc.freeze()`: move everything to the permanent generation.
pub(crate) fn freeze(vm: &Vm) {
    for g in &vm.gc.generations {
        vm.gc.permanent.splice(g);
    }
    for c in &vm.gc.counts {
        c.set(0);
    }
}

/// `gc.unfreeze()`.
pub(crate) fn unfreeze(vm: &Vm) {
    vm.gc.generations[NUM_GENERATIONS - 1].splice(&vm.gc.permanent);
}

pub(crate) fn freeze_count(vm: &Vm) -> usize {
    vm.gc.permanent.len()
}

/// Run the collections the counts call for (CPython's
/// `gc_collect_generations`), from the eval breaker.
pub(crate) fn collect_generations(vm: &Vm) -> PyResult<()> {
    vm.thread.clear_breaker(crate::pystate::breaker::GC);
    let gc = &vm.gc;
    if !gc.enabled.get() || gc.collecting.get() {
        return Ok(());
    }
    for gen in (0..NUM_GENERATIONS).rev() {
        if gc.counts[gen].get() > gc.thresholds[gen].get() && gc.thresholds[gen].get() != 0 {
            // A full collection waits until enough objects survived the
            // younger ones (CPython's long-lived heuristic).
            if gen == NUM_GENERATIONS - 1 && gc.long_lived_pending.get() < gc.long_lived_total.get() / 4 {
                continue;
            }
            collect_with_callbacks(vm, gen, "automatic")?;
            break;
        }
    }
    Ok(())
}

/// `gc.collect(generation)`: the number of unreachable objects found.
pub(crate) fn collect(vm: &Vm, gen: usize) -> PyResult<usize> {
    if vm.gc.collecting.get() {
        return Ok(0);
    }
    collect_with_callbacks(vm, gen, "manual")
}

fn collect_with_callbacks(vm: &Vm, gen: usize, _reason: &str) -> PyResult<usize> {
    // The callbacks run inside the collection (CPython sets `collecting`
    // around them too): what they allocate must not start another one.
    vm.gc.collecting.set(true);
    invoke_callbacks(vm, "start", gen, 0, 0);
    let (collected, uncollectable) = collect_main(vm, gen);
    if gen == NUM_GENERATIONS - 1 {
        // CPython's clear_freelists: the kept blocks go back to the pools.
        crate::object::clear_free_lists();
    }
    invoke_callbacks(vm, "stop", gen, collected, uncollectable);
    vm.gc.collecting.set(false);
    Ok(collected + uncollectable)
}

/// Call `gc.callbacks` with the phase and its info dict.
fn invoke_callbacks(vm: &Vm, phase: &str, gen: usize, collected: usize, uncollectable: usize) {
    let Some(cbs) = vm.gc.callbacks.borrow().clone() else { return };
    let list = crate::objects::list::data(&cbs).map(|l| l.to_vec()).unwrap_or_default();
    if list.is_empty() {
        return;
    }
    let info = vm.new_dict();
    let set = |k: &str, v: Obj| {
        let _ = crate::objects::dict::set_item_str(vm, &info, k, v);
    };
    set("generation", vm.new_usize(gen));
    set("collected", vm.new_usize(collected));
    set("uncollectable", vm.new_usize(uncollectable));
    for cb in list {
        if let Err(e) = vm.call(&cb, &[vm.new_str(phase), info.clone()], None) {
            vm.write_unraisable(&e, Some(&cb));
        }
    }
}

/// The collection itself; returns (collected, uncollectable).
fn collect_main(vm: &Vm, gen: usize) -> (usize, usize) {
    let gc = &vm.gc;
    let debug = gc.debug.get();
    if debug & debug::STATS != 0 {
        let sizes: Vec<String> = gc.generations.iter().map(|g| g.len().to_string()).collect();
        crate::modules::sys::write_stderr(
            vm,
            &format!("gc: collecting generation {gen}...\ngc: objects in each generation: {}\ngc: objects in permanent generation: {}\n", sizes.join(" "), gc.permanent.len()),
        );
    }
    // The set: generations 0..=gen, spliced into generation `gen`'s list
    // (the younger ones after it, as CPython merges them). Everything the
    // collection needs per object lives in the objects' GC headers: no
    // side table, so a full collection of millions of objects costs no
    // memory of its own.
    let young = &gc.generations[gen];
    for g in 0..gen {
        young.splice(&gc.generations[g]);
    }
    // Counts: the younger generations are empty now; an older one counts
    // one more collection of the one below.
    for g in 0..=gen {
        gc.counts[g].set(0);
    }
    if gen + 1 < NUM_GENERATIONS {
        gc.counts[gen + 1].set(gc.counts[gen + 1].get() + 1);
    }
    let older = &gc.generations[(gen + 1).min(NUM_GENERATIONS - 1)];
    let unreachable = GcList::new();
    // SAFETY: `young` holds live tracked objects; no Python code runs until
    // the lists are restored below.
    unsafe {
        update_refs(young);
        subtract_refs(young);
        move_unreachable(young, &unreachable);
        unmark_unreachable(&unreachable);
    }
    // Survivors move to the older generation; tuples of atoms stop being
    // tracked (CPython's untrack_tuples).
    let mut survivors = untrack_tuples(young);
    if !std::ptr::eq(young, older) {
        older.splice(young);
    } else {
        // Only in full collections, so that building a dict up does not
        // get it checked over and over (CPython's bpo-14775).
        survivors -= untrack_dicts(vm, young);
    }
    if gen == NUM_GENERATIONS - 2 {
        gc.long_lived_pending.set(gc.long_lived_pending.get() + survivors);
    } else if gen == NUM_GENERATIONS - 1 {
        gc.long_lived_pending.set(0);
        gc.long_lived_total.set(survivors);
    }
    if unreachable.is_empty() {
        record_stats(vm, gen, 0, 0);
        return (0, 0);
    }
    // The unreachable objects are kept alive by us while finalizers run;
    // they stay on their own list meanwhile (in no generation, as CPython's).
    let mut garbage: Vec<Obj> = Vec::new();
    unreachable.for_each(|o| {
        // SAFETY: linked in `unreachable`, so live.
        garbage.push(unsafe { Obj::from_borrowed_ptr(o) })
    });
    if debug & debug::COLLECTABLE != 0 {
        for o in &garbage {
            crate::modules::sys::write_stderr(vm, &format!("gc: collectable <{} {:#x}>\n", o.class().name(), o.id()));
        }
    }
    // As CPython's count: weakrefs freed by their callbacks, then the
    // objects still unreachable after the finalizers (those a finalizer
    // freed or resurrected are not counted).
    let (mut collected, mut ran_code) = crate::objects::weakref::clear_weakrefs_of_garbage(vm, &garbage);
    // PEP 442: finalizers, once per object.
    for o in &garbage {
        ran_code |= finalize_once(vm, o);
    }
    // A finalizer may have resurrected objects: only what is still
    // unreachable (counting our own references) is cleared. When no
    // Python code ran, nothing changed: all of it still is (and each
    // object is referred to by another, so none would have been freed).
    let (still, rest) = if ran_code {
        split_still_unreachable(&unreachable, older, garbage)
    } else {
        older.splice(&unreachable);
        (garbage, Vec::new())
    };
    // What CPython's finalizers would have freed, or resurrected, goes first.
    drop(rest);
    collected += still.len();
    if debug & debug::SAVEALL != 0 {
        if let Some(g) = gc.garbage.borrow().clone() {
            for o in &still {
                crate::objects::list::append(&g, o.clone());
            }
        }
    } else {
        for o in &still {
            clear(o);
        }
    }
    drop(still);
    record_stats(vm, gen, collected, 0);
    if debug & debug::STATS != 0 {
        crate::modules::sys::write_stderr(vm, &format!("gc: done, {collected} unreachable, 0 uncollectable.\n"));
    }
    (collected, 0)
}

fn record_stats(vm: &Vm, gen: usize, collected: usize, uncollectable: usize) {
    let mut s = vm.gc.stats.borrow_mut();
    s[gen].collections += 1;
    s[gen].collected += collected;
    s[gen].uncollectable += uncollectable;
}

// ---- finding the unreachable objects, in the GC headers ---------------------------------
//
// While the set is examined, `prev` of each of its objects holds its
// gc_refs above the flag bits (COLLECTING set) instead of a link, so the
// set is a list linked through `next` only; the sentinel's `prev` still
// names the last object. Objects found unreachable for now are moved to a
// list of their own whose `next` links carry `UNREACHABLE`, so that an
// object reached later can be told apart and moved back.

/// Where gc_refs sits in `prev` during a collection (above the flags).
const REFS_SHIFT: u32 = 3;
/// Bit of `next` during a collection: on the tentatively unreachable list.
const UNREACHABLE: usize = 1;

fn gc_refs(h: &GcHeader) -> usize {
    h.prev.get() >> REFS_SHIFT
}

fn set_gc_refs(h: &GcHeader, n: usize) {
    h.prev.set((n << REFS_SHIFT) | (h.prev.get() & FLAGS));
}

/// The header at an address taken from a list link.
///
/// # Safety
/// `a` is the address of a live object's header (or a sentinel).
unsafe fn header_at<'a>(a: usize) -> &'a GcHeader {
    // SAFETY: guaranteed by the caller.
    unsafe { &*(a as *const GcHeader) }
}

/// The header of `r` if it is an object of the set being collected.
fn collecting_header(r: &Obj) -> Option<&'static GcHeader> {
    if !r.class().is_gc {
        return None;
    }
    let h = header_of(r.as_nonnull());
    (h.prev.get() & COLLECTING != 0).then_some(h)
}

/// Each object's gc_refs starts as its refcount; all are marked COLLECTING.
///
/// # Safety
/// `young` is a well-linked list of live objects.
unsafe fn update_refs(young: &GcList) {
    let head = young.head_addr();
    let mut a = young.head.next.get();
    while a != head {
        // SAFETY: linked in `young`.
        let h = unsafe { header_at(a) };
        let o = object_of(h);
        // SAFETY: a linked object is live.
        let rc = unsafe { crate::object::refcnt_of_ptr(o) }.max(0) as usize;
        h.prev.set((rc.min(usize::MAX >> REFS_SHIFT) << REFS_SHIFT) | (h.prev.get() & FLAGS) | COLLECTING);
        a = h.next.get();
    }
}

/// Take from each object's gc_refs the references the set's objects hold
/// to it: what is left counts references from outside the set.
///
/// # Safety
/// As `update_refs`, after it.
unsafe fn subtract_refs(young: &GcList) {
    let head = young.head_addr();
    let mut a = young.head.next.get();
    while a != head {
        // SAFETY: linked in `young`.
        let h = unsafe { header_at(a) };
        traverse(object_of(h), &mut |r| {
            if let Some(rh) = collecting_header(r) {
                set_gc_refs(rh, gc_refs(rh).saturating_sub(1));
            }
        });
        a = h.next.get();
    }
}

/// Scan `young` in order: an object with outside references is reachable,
/// and so is what it refers to (marked, or moved back from `unreachable`
/// to the end of `young` to be scanned in turn); the others go to
/// `unreachable` for now. After it `young` holds the reachable objects,
/// properly linked again and no longer COLLECTING.
///
/// # Safety
/// As `update_refs`, after `subtract_refs`; `unreachable` is empty.
unsafe fn move_unreachable(young: &GcList, unreachable: &GcList) {
    let head = young.head_addr();
    // The last object kept in `young` (its links already restored).
    let mut kept = head;
    // SAFETY (for the whole loop): every address reached is a linked
    // header of a live object, or the sentinel.
    unsafe {
        let mut a = young.head.next.get();
        while a != head {
            let h = header_at(a);
            if gc_refs(h) > 0 {
                traverse(object_of(h), &mut |r| visit_reachable(r, young));
                h.prev.set(kept | (h.prev.get() & FLAGS & !COLLECTING));
                kept = a;
            } else {
                header_at(kept).next.set(h.next.get());
                append_unreachable(unreachable, h);
            }
            // Read after the traversal, which may have appended to `young`.
            a = header_at(kept).next.get();
        }
    }
    young.head.prev.set(kept);
}

/// `r` is referred to by a reachable object of the set.
fn visit_reachable(r: &Obj, young: &GcList) {
    let Some(h) = collecting_header(r) else { return };
    if h.next.get() & UNREACHABLE != 0 {
        // Found unreachable earlier: back to the end of the scan.
        // SAFETY: on the unreachable list, whose links are live headers.
        unsafe {
            let prev = header_at(h.prev.get() & !FLAGS);
            let next = header_at(h.next.get() & !UNREACHABLE);
            prev.next.set(h.next.get());
            next.prev.set((h.prev.get() & !FLAGS) | (next.prev.get() & FLAGS));
            append_young(young, h);
        }
        set_gc_refs(h, 1);
    } else if gc_refs(h) == 0 {
        // Still ahead in the scan: it will be scanned as reachable.
        set_gc_refs(h, 1);
    }
}

/// Append `h` to `young` during the scan (linked through `next` only).
///
/// # Safety
/// `young`'s sentinel names its last object, which is still in it.
unsafe fn append_young(young: &GcList, h: &GcHeader) {
    let me = h as *const GcHeader as usize;
    // SAFETY: guaranteed by the caller.
    unsafe { header_at(young.head.prev.get()).next.set(me) };
    h.next.set(young.head_addr());
    young.head.prev.set(me);
}

/// Append `h` to the unreachable list, its links marked `UNREACHABLE`.
///
/// # Safety
/// `h` is a live object's header, unlinked from the scan.
unsafe fn append_unreachable(list: &GcList, h: &GcHeader) {
    let me = h as *const GcHeader as usize;
    let last = list.head.prev.get();
    // SAFETY: `last` is the sentinel or an object on the list.
    unsafe { header_at(last).next.set(me | UNREACHABLE) };
    h.prev.set(last | (h.prev.get() & FLAGS));
    h.next.set(list.head_addr() | UNREACHABLE);
    list.head.prev.set(me);
}

/// Make the unreachable list an ordinary one: links unmarked, its objects
/// no longer COLLECTING.
///
/// # Safety
/// `list` was filled by `append_unreachable`.
unsafe fn unmark_unreachable(list: &GcList) {
    let head = list.head_addr();
    list.head.next.set(list.head.next.get() & !UNREACHABLE);
    let mut a = list.head.next.get();
    while a != head {
        // SAFETY: an object on the list.
        let h = unsafe { header_at(a) };
        h.next.set(h.next.get() & !UNREACHABLE);
        h.prev.set(h.prev.get() & !COLLECTING);
        a = h.next.get();
    }
}

/// Stop tracking the tuples of `young` that hold only atoms and untracked
/// tuples (CPython's `untrack_tuples`); the number of objects left.
fn untrack_tuples(young: &GcList) -> usize {
    let head = young.head_addr();
    let mut left = 0;
    let mut a = young.head.next.get();
    while a != head {
        // SAFETY: linked in `young`, a live object.
        let h = unsafe { header_at(a) };
        a = h.next.get();
        if crate::objects::tuple::is_untrackable(object_of(h)) {
            // SAFETY: linked.
            unsafe { unlink(h) };
        } else {
            left += 1;
        }
    }
    left
}

/// Stop tracking the exact dicts of `young` that hold only atoms and
/// untracked tuples (CPython's `untrack_dicts` and `_PyDict_MaybeUntrack`:
/// the values, and the keys unless all are str); how many were untracked.
/// A dict that gets a container again is tracked again when it is stored.
fn untrack_dicts(vm: &Vm, young: &GcList) -> usize {
    let dict_type = vm.ctx.types.dict.as_nonnull();
    let head = young.head_addr();
    let mut untracked = 0;
    let mut a = young.head.next.get();
    while a != head {
        // SAFETY: linked in `young`, a live object.
        let h = unsafe { header_at(a) };
        a = h.next.get();
        let o = object_of(h);
        // SAFETY: a live object's type pointer.
        if unsafe { crate::object::type_ptr(o) } != dict_type || h.prev.get() & EMBEDDED != 0 {
            continue;
        }
        let mut holds_container = false;
        // SAFETY: an exact dict; no Python code runs during the visit.
        unsafe { (type_of(o).traverse_payload)(o.as_ptr(), &mut |r| holds_container |= may_be_tracked(r)) };
        if !holds_container {
            // SAFETY: linked.
            unsafe { unlink(h) };
            untracked += 1;
        }
    }
    untracked
}

/// After the finalizers: split the garbage (the objects of `unreachable`,
/// each held once by the collector) into what is still unreachable, to be
/// cleared, and the rest, both in the garbage's order (CPython's
/// `handle_resurrected_objects`). Every object ends up in `older`.
fn split_still_unreachable(unreachable: &GcList, older: &GcList, garbage: Vec<Obj>) -> (Vec<Obj>, Vec<Obj>) {
    let still = GcList::new();
    // SAFETY: the objects of `unreachable` are live (held in `garbage`),
    // and no Python code runs until the lists are whole again.
    unsafe {
        update_refs(unreachable);
        // The collector's own reference is no outside reference.
        unreachable.for_each(|o| {
            let h = header_of(o);
            set_gc_refs(h, gc_refs(h).saturating_sub(1));
        });
        subtract_refs(unreachable);
        move_unreachable(unreachable, &still);
        unmark_unreachable(&still);
        peel(&still);
    }
    older.splice(unreachable);
    let is_still = |o: &Obj| header_of(o.as_nonnull()).prev.get() & COLLECTING != 0;
    let (still_objs, rest): (Vec<Obj>, Vec<Obj>) = garbage.into_iter().partition(|o| o.class().is_gc && is_still(o));
    for o in &still_objs {
        let h = header_of(o.as_nonnull());
        h.prev.set(h.prev.get() & !COLLECTING);
    }
    older.splice(&still);
    (still_objs, rest)
}

/// Of the still unreachable objects, those no other one refers to would
/// have been freed by the finalizers already had the collector not held
/// them (CPython's collector holds no references): peel them off, and what
/// they alone kept, by counting each object's references from the others
/// in its header. The objects left are marked COLLECTING; `list` is whole
/// again after.
///
/// # Safety
/// `list` is a well-linked list of live objects, not COLLECTING.
unsafe fn peel(list: &GcList) {
    list.for_each(|o| {
        let h = header_of(o);
        h.prev.set((h.prev.get() & FLAGS) | COLLECTING);
    });
    list.for_each(|o| {
        traverse(o, &mut |r| {
            if let Some(rh) = collecting_header(r) {
                set_gc_refs(rh, gc_refs(rh) + 1);
            }
        })
    });
    let mut work: Vec<NonNull<PyObject>> = Vec::new();
    list.for_each(|o| {
        let h = header_of(o);
        if gc_refs(h) == 0 {
            h.prev.set(h.prev.get() & !COLLECTING);
            work.push(o);
        }
    });
    while let Some(o) = work.pop() {
        traverse(o, &mut |r| {
            if let Some(rh) = collecting_header(r) {
                let n = gc_refs(rh).saturating_sub(1);
                set_gc_refs(rh, n);
                if n == 0 {
                    rh.prev.set(rh.prev.get() & !COLLECTING);
                    work.push(r.as_nonnull());
                }
            }
        });
    }
    // The `prev` words held counts: link them again.
    let head = list.head_addr();
    let mut before = head;
    let mut a = list.head.next.get();
    while a != head {
        // SAFETY: linked in `list`.
        let h = unsafe { header_at(a) };
        h.prev.set(before | (h.prev.get() & FLAGS));
        before = a;
        a = h.next.get();
    }
}

// ---- the face of the `gc` module (taipan-stdlib/src/gc.rs) -------------------------------------

/// What the `gc` module needs of the collector.
pub(crate) mod api {
    use super::*;

    /// `gc.collect(generation)`; ValueError for an invalid generation.
    pub fn collect(vm: &Vm, generation: i64) -> PyResult<usize> {
        if !(0..NUM_GENERATIONS as i64).contains(&generation) {
            return Err(vm.value_error("invalid generation"));
        }
        super::collect(vm, generation as usize)
    }

    pub fn set_enabled(vm: &Vm, on: bool) {
        vm.gc.enabled.set(on);
    }

    pub fn is_enabled(vm: &Vm) -> bool {
        vm.gc.enabled.get()
    }

    pub fn counts(vm: &Vm) -> [usize; NUM_GENERATIONS] {
        [vm.gc.counts[0].get(), vm.gc.counts[1].get(), vm.gc.counts[2].get()]
    }

    pub fn thresholds(vm: &Vm) -> [usize; NUM_GENERATIONS] {
        [vm.gc.thresholds[0].get(), vm.gc.thresholds[1].get(), vm.gc.thresholds[2].get()]
    }

    /// `gc.set_threshold(t0[, t1[, t2]])`.
    pub fn set_thresholds(vm: &Vm, t: &[usize]) {
        for (cell, &v) in vm.gc.thresholds.iter().zip(t) {
            cell.set(v);
        }
    }

    pub fn debug_flags(vm: &Vm) -> u32 {
        vm.gc.debug.get()
    }

    pub fn set_debug_flags(vm: &Vm, flags: u32) {
        vm.gc.debug.set(flags);
    }

    /// (collections, collected, uncollectable) per generation.
    pub fn stats(vm: &Vm) -> Vec<(usize, usize, usize)> {
        vm.gc.stats.borrow().iter().map(|s| (s.collections, s.collected, s.uncollectable)).collect()
    }

    /// The tracked objects of one generation, or of all.
    pub fn objects(vm: &Vm, generation: Option<usize>) -> Vec<Obj> {
        super::objects(vm, generation)
    }

    /// The objects an object refers to (none for an object the collector
    /// does not track the references of).
    pub fn referents(o: &Obj) -> Vec<Obj> {
        super::referents(o)
    }

    /// The tracked objects that refer to any of `targets`.
    pub fn referrers(vm: &Vm, targets: &[Obj]) -> Vec<Obj> {
        let mut out = Vec::new();
        for o in super::objects(vm, None) {
            let mut hit = false;
            traverse(o.as_nonnull(), &mut |r| {
                if targets.iter().any(|t| t.is(r)) {
                    hit = true;
                }
            });
            if hit {
                out.push(o);
            }
        }
        out
    }

    pub fn is_tracked(o: &Obj) -> bool {
        super::is_tracked(o)
    }

    pub fn is_finalized(o: &Obj) -> bool {
        super::is_finalized(o)
    }

    pub fn freeze(vm: &Vm) {
        super::freeze(vm)
    }

    pub fn unfreeze(vm: &Vm) {
        super::unfreeze(vm)
    }

    pub fn freeze_count(vm: &Vm) -> usize {
        super::freeze_count(vm)
    }

    /// Give the collector the module's `garbage` and `callbacks` lists.
    pub fn set_module_lists(vm: &Vm, garbage: Obj, callbacks: Obj) {
        *vm.gc.garbage.borrow_mut() = Some(garbage);
        *vm.gc.callbacks.borrow_mut() = Some(callbacks);
    }

    pub use super::debug;
    pub use super::NUM_GENERATIONS;
}
