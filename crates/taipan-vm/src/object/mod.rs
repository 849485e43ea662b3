//! The object core: the object header, owned references, reference counting,
//! allocation and deallocation (CPython's `Include/object.h`,
//! `Objects/object.c`, `Objects/obmalloc.c`).
//!
//! Every object starts with CPython's header (`ob_refcnt`, then `ob_type`), so
//! a `*mut PyObject` can be handed to C unchanged. Container objects carry a
//! GC header in front of the object, as CPython's `PyGC_Head`.
//!
//! This module and `typeobj` are where the object model's `unsafe` lives; the
//! rest of the VM uses the safe API: `Obj` (an owned reference: `Clone`
//! increments, `Drop` decrements and deallocates at zero) and typed payload
//! access through `Obj::payload`.

pub(crate) mod obmalloc;
pub(crate) mod text_buf;
pub(crate) mod typeobj;

use std::any::TypeId;
use std::cell::{Cell, UnsafeCell};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

pub(crate) use typeobj::TypeObject;

use crate::pystate::ThreadState;

/// CPython's `PyObject`: the header every object starts with.
#[repr(C)]
pub struct PyObject {
    ob_refcnt: Cell<isize>,
    /// Points at the type *object* (its header), as CPython's `ob_type`.
    ob_type: Cell<NonNull<PyObject>>,
}

/// CPython's `PyVarObject`.
#[repr(C)]
pub(crate) struct PyVarObject {
    pub ob_base: PyObject,
    pub ob_size: Cell<isize>,
}

/// The refcount immortal objects start with (PEP 683): increments and
/// decrements still happen, branch-free, but it never reaches zero.
pub(crate) const IMMORTAL_REFCNT: isize = 1 << 60;

/// The GC header in front of a container object (CPython's `PyGC_Head`): two
/// words the cycle collector links objects with.
#[repr(C)]
pub(crate) struct GcHeader {
    pub next: Cell<usize>,
    pub prev: Cell<usize>,
}

pub(crate) const GC_HEADER_SIZE: usize = std::mem::size_of::<GcHeader>();

/// An object with its payload: the header, then the type's data.
#[repr(C)]
pub(crate) struct PyCell<T> {
    pub header: PyObject,
    pub payload: T,
}

/// Data that can be an object's payload. The type object of an object whose
/// payload is `T` records `TypeId::of::<T>()` so that `Obj::payload` can check
/// it; subclasses inherit their base's payload type.
///
/// A payload that holds references which can form cycles reports them to
/// the cycle collector: `traverse` visits each owned reference once
/// (CPython's `tp_traverse`), `clear` drops them (`tp_clear`). Neither may
/// run Python code; a payload that holds no such reference keeps the
/// defaults.
pub trait PyPayload: 'static {
    fn traverse(&self, _visit: &mut dyn FnMut(&Obj)) {}
    fn clear(&self) {}
    /// The buffer this payload exports (CPython's `tp_as_buffer`), if any.
    fn as_buffer(&self) -> Option<&dyn crate::objects::buffer::BufferExport> {
        None
    }
    /// Bytes the payload holds on the heap outside the object's block
    /// (a str's characters, a list's item array) when it is made: what
    /// `tracemalloc` counts for the object besides its block. Asked only
    /// while tracing.
    fn heap_size(&self) -> usize {
        0
    }
}

/// The buffer exported by the `T` payload of `o` (a type's `buffer_payload`).
pub(crate) fn buffer_payload<T: PyPayload>(o: &Obj) -> Option<&dyn crate::objects::buffer::BufferExport> {
    o.payload::<T>()?.as_buffer()
}

/// An owned reference to an object. Cloning increments the refcount; dropping
/// decrements it and frees the object when it reaches zero. `Obj` is neither
/// `Send` nor `Sync`: objects are touched only by the thread holding the GIL.
#[repr(transparent)]
pub struct Obj {
    ptr: NonNull<PyObject>,
    _not_send: PhantomData<*mut PyObject>,
}

impl Obj {
    /// Take ownership of a reference the caller owns (CPython's "new reference").
    ///
    /// # Safety
    /// `ptr` must point to a live object and the caller must own one reference.
    #[inline]
    pub unsafe fn from_owned_ptr(ptr: NonNull<PyObject>) -> Obj {
        Obj { ptr, _not_send: PhantomData }
    }

    /// A new reference from a borrowed pointer.
    ///
    /// # Safety
    /// `ptr` must point to a live object.
    #[inline]
    pub unsafe fn from_borrowed_ptr(ptr: NonNull<PyObject>) -> Obj {
        // SAFETY: the caller guarantees `ptr` is live.
        unsafe { incref(ptr) };
        Obj { ptr, _not_send: PhantomData }
    }

    /// Give up ownership without decrementing (the C API's new reference out).
    #[inline]
    pub fn into_ptr(self) -> NonNull<PyObject> {
        let p = self.ptr;
        std::mem::forget(self);
        p
    }

    #[inline]
    pub fn as_ptr(&self) -> *mut PyObject {
        self.ptr.as_ptr()
    }

    #[inline]
    pub fn as_nonnull(&self) -> NonNull<PyObject> {
        self.ptr
    }

    /// `id(obj)`: the address, as CPython.
    #[inline]
    pub fn id(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// `a is b`.
    #[inline]
    pub fn is(&self, other: &Obj) -> bool {
        self.ptr == other.ptr
    }

    #[inline]
    fn header(&self) -> &PyObject {
        // SAFETY: an `Obj` always points to a live object with a header.
        unsafe { self.ptr.as_ref() }
    }

    /// The refcount (`sys.getrefcount` adds its own argument).
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.header().ob_refcnt.get()
    }

    /// The object's type. Borrowed: the object holds a reference to its type.
    #[inline]
    pub fn class(&self) -> &TypeObject {
        // SAFETY: `ob_type` always points to a live type object (a
        // `PyCell<TypeObject>`); the object keeps its (heap) type alive,
        // builtin types are immortal.
        unsafe { &(*self.header().ob_type.get().as_ptr().cast::<PyCell<TypeObject>>()).payload }
    }

    /// Is the object's type exactly `ty` (no subclass)?
    #[inline]
    pub fn type_is(&self, ty: &Obj) -> bool {
        self.header().ob_type.get() == ty.ptr
    }

    /// The object's type as an owned reference.
    #[inline]
    pub fn class_obj(&self) -> Obj {
        // SAFETY: as in `class`.
        unsafe { Obj::from_borrowed_ptr(self.header().ob_type.get()) }
    }

    /// Point the object at another type (`__class__` assignment). The caller
    /// has checked that both types have the same layout.
    pub fn set_class(&self, ty: &Obj) {
        let new = ty.clone().into_ptr();
        let old = self.header().ob_type.replace(new);
        // SAFETY: the header held one reference to the old type.
        unsafe { decref(old) };
    }

    /// Is the object's payload a `T` (its type, or a base of it, stores `T`)?
    #[inline]
    pub fn has_payload<T: PyPayload>(&self) -> bool {
        self.class().payload_type == TypeId::of::<T>()
    }

    /// The object's payload, if it is a `T`.
    #[inline]
    pub fn payload<T: PyPayload>(&self) -> Option<&T> {
        if self.has_payload::<T>() {
            // SAFETY: objects whose type records `TypeId::of::<T>()` were
            // allocated as `PyCell<T>` (possibly with trailing slots).
            Some(unsafe { &(*self.ptr.as_ptr().cast::<PyCell<T>>()).payload })
        } else {
            None
        }
    }

    /// The payload of an object known to hold a `T`.
    ///
    /// # Safety
    /// The object must have been allocated as `PyCell<T>`.
    #[inline]
    pub unsafe fn payload_unchecked<T: PyPayload>(&self) -> &T {
        // SAFETY: guaranteed by the caller.
        unsafe { &(*self.ptr.as_ptr().cast::<PyCell<T>>()).payload }
    }

    /// `ob_size` of a variable-size object.
    ///
    /// # Safety
    /// The object must start with a `PyVarObject`.
    #[inline]
    pub unsafe fn ob_size(&self) -> &Cell<isize> {
        // SAFETY: guaranteed by the caller.
        unsafe { &(*self.ptr.as_ptr().cast::<PyVarObject>()).ob_size }
    }

    /// The slot holding the instance `__dict__`, for types that have one.
    pub fn dict_slot(&self) -> Option<&UnsafeCell<Option<Obj>>> {
        let off = self.class().dictoffset;
        if off == 0 {
            return None;
        }
        // SAFETY: types with a dictoffset allocate an `Option<Obj>` slot at
        // that byte offset from the object start.
        Some(unsafe { &*self.ptr.as_ptr().cast::<u8>().add(off).cast::<UnsafeCell<Option<Obj>>>() })
    }

    /// The slot holding the instance's inline values (CPython 3.11's
    /// managed dict), for classes that keep them.
    #[inline]
    pub(crate) fn values_slot(&self) -> Option<&UnsafeCell<crate::objects::instance_values::Values>> {
        let off = self.class().values_offset;
        if off == 0 {
            return None;
        }
        // SAFETY: types with a values_offset allocate an
        // `Option<Box<Split>>` slot at that byte offset from the object start.
        Some(unsafe {
            &*self.ptr.as_ptr().cast::<u8>().add(off).cast::<UnsafeCell<crate::objects::instance_values::Values>>()
        })
    }

    /// A `__slots__` member slot at byte offset `off` (which the type declares).
    pub fn member_slot(&self, off: usize) -> Option<&UnsafeCell<Option<Obj>>> {
        if !self.class().member_offsets.contains(&off) {
            return None;
        }
        // SAFETY: the type allocated an `Option<Obj>` at this offset.
        Some(unsafe { &*self.ptr.as_ptr().cast::<u8>().add(off).cast::<UnsafeCell<Option<Obj>>>() })
    }

    /// The instance `__dict__`, if the object has a dict slot and it is set.
    pub fn instance_dict(&self) -> Option<Obj> {
        let slot = self.dict_slot()?;
        // SAFETY: no other borrow of the slot is live (we only clone out).
        unsafe { (*slot.get()).clone() }
    }

    /// Store the instance `__dict__` (inline values, if any, are dropped:
    /// the new dict replaces them).
    pub fn set_instance_dict(&self, d: Option<Obj>) -> bool {
        match self.dict_slot() {
            Some(slot) => {
                // SAFETY: the old values are taken out before they are
                // dropped, so no borrow of a slot is live while arbitrary
                // code may run.
                let old_values = self.values_slot().and_then(|v| unsafe { (*v.get()).take() });
                // SAFETY: as above.
                let old = unsafe { std::mem::replace(&mut *slot.get(), d) };
                drop(old);
                drop(old_values);
                true
            }
            None => false,
        }
    }
}

impl Clone for Obj {
    #[inline]
    fn clone(&self) -> Obj {
        // SAFETY: `self` keeps the object alive.
        unsafe { incref(self.ptr) };
        Obj { ptr: self.ptr, _not_send: PhantomData }
    }
}

impl Drop for Obj {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { decref(self.ptr) }
    }
}

impl PartialEq for Obj {
    /// Identity (`is`), not `==`.
    fn eq(&self, other: &Obj) -> bool {
        self.is(other)
    }
}

impl Eq for Obj {}

impl std::hash::Hash for Obj {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id().hash(state)
    }
}

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:#x}>", self.class().name(), self.id())
    }
}

// ---- reference counting ----------------------------------------------------------

/// Increment a refcount.
///
/// # Safety
/// `p` must point to a live object.
#[inline(always)]
pub(crate) unsafe fn incref(p: NonNull<PyObject>) {
    // SAFETY: the caller guarantees `p` is live.
    let rc = unsafe { &p.as_ref().ob_refcnt };
    rc.set(rc.get() + 1);
}

/// The reference count of the object at `p` (zero while it is being
/// deallocated).
///
/// # Safety
/// `p` must point to an object whose memory is not freed yet.
pub(crate) unsafe fn refcnt_of_ptr(p: NonNull<PyObject>) -> isize {
    // SAFETY: guaranteed by the caller.
    unsafe { p.as_ref().ob_refcnt.get() }
}

/// Decrement a refcount, deallocating the object at zero.
///
/// # Safety
/// `p` must point to a live object and the caller must own the reference.
#[inline(always)]
pub(crate) unsafe fn decref(p: NonNull<PyObject>) {
    // SAFETY: the caller guarantees `p` is live.
    let rc = unsafe { &p.as_ref().ob_refcnt };
    let n = rc.get() - 1;
    rc.set(n);
    if n == 0 {
        // SAFETY: no reference is left.
        unsafe { dealloc(p) };
    }
}

/// Per-thread deallocation state (held by the `ThreadState`): the nesting
/// of deallocations with the objects put off (CPython's trashcan), the
/// objects waiting for their finalizer, and the small-object free lists.
pub(crate) struct ObjectState {
    /// How many deallocations are nested on this thread's stack.
    dealloc_depth: Cell<u32>,
    /// Objects whose deallocation was put off.
    deferred: Cell<Vec<NonNull<PyObject>>>,
    /// Finalizers and weakref callbacks due, in the order they arose
    /// (DESIGN invariant 4: they run between instructions, never in Drop).
    pending: Cell<Vec<Pending>>,
    /// The interpreter's small-object allocator (`obmalloc.rs`); null for
    /// a thread state of no interpreter (the shared allocator serves it)
    /// and under `PYTHONMALLOC=malloc`.
    pub(crate) allocator: Cell<*const obmalloc::Obmalloc>,
    /// Freed 32-byte leaf blocks (ints and floats) kept for the next one,
    /// linked through their first word (CPython 3.11's float free list,
    /// for ints too): popping one is cheaper than a pool's bookkeeping.
    leaf_cache: Cell<*mut u8>,
    leaf_cache_len: Cell<u32>,
    /// tracemalloc traces this thread's allocations: the process-wide
    /// switch mirrored where the allocator already looks (the thread
    /// state it reaches through `CURRENT`), so testing it costs the hot
    /// paths one load and a branch (`tracemalloc::api::start`/`stop` set it).
    pub(crate) tracemalloc: Cell<bool>,
    /// Emptied dict tables of the smallest size, kept for the next dict
    /// (CPython's keys free list).
    pub(crate) dict_keys: crate::objects::dict::KeysFreeList,
    /// Empty item arrays of dead small lists, by capacity.
    pub(crate) list_buffers: crate::objects::list::BufferCache,
    /// Blocks of dead small exact tuples, by item count.
    var_free: VarFreeLists,
}

impl ObjectState {
    pub(crate) fn with_tracemalloc(on: bool) -> ObjectState {
        let s = ObjectState::new();
        s.tracemalloc.set(on);
        s
    }

    pub(crate) const fn new() -> ObjectState {
        ObjectState {
            dealloc_depth: Cell::new(0),
            deferred: Cell::new(Vec::new()),
            pending: Cell::new(Vec::new()),
            allocator: Cell::new(std::ptr::null()),
            leaf_cache: Cell::new(std::ptr::null_mut()),
            leaf_cache_len: Cell::new(0),
            tracemalloc: Cell::new(false),
            dict_keys: crate::objects::dict::KeysFreeList::new(),
            list_buffers: crate::objects::list::BufferCache::new(),
            var_free: VarFreeLists::new(),
        }
    }

    /// The thread is ending: free the objects still waiting for a finalizer
    /// (it will not run). Its blocks belong to the interpreter's pools.
    pub(crate) fn shutdown(&self) {
        loop {
            let v = self.pending.take();
            if v.is_empty() {
                break;
            }
            // The finalized bit of queued objects is set, so dropping them
            // frees them; callbacks are dropped uncalled.
            drop(v);
        }
        // The cached blocks go back to their pools.
        let mut p = self.leaf_cache.replace(std::ptr::null_mut());
        while !p.is_null() {
            // SAFETY: a cached block is free, its first word the next one;
            // it came from `small_alloc_class(LEAF_CACHE_CLASS)`.
            unsafe {
                let next = *p.cast::<*mut u8>();
                small_free_class(p, LEAF_CACHE_CLASS);
                p = next;
            }
        }
        self.leaf_cache_len.set(0);
        self.var_free.release();
    }

    /// Take the finalizers and callbacks that are due.
    pub(crate) fn take_pending(&self) -> Vec<Pending> {
        self.pending.take()
    }

    /// Give back a vector from `take_pending`, emptied, so that the next
    /// queued finalizer does not allocate one again (a small one only).
    pub(crate) fn recycle_pending(&self, v: Vec<Pending>) {
        const KEEP_CAPACITY: usize = 64;
        debug_assert!(v.is_empty());
        let cur = self.pending.take();
        if cur.capacity() == 0 && v.capacity() <= KEEP_CAPACITY {
            self.pending.set(v);
        } else {
            self.pending.set(cur);
        }
    }

    fn queue(&self, work: Pending) {
        let mut v = self.pending.take();
        v.push(work);
        self.pending.set(v);
    }
}

/// Work queued by deallocation for the next instruction boundary.
pub(crate) enum Pending {
    /// Call the object's `tp_finalize` (the reference resurrected it).
    Finalize(Obj),
    /// Call `callback(weakref)`: the weakref's referent died.
    WeakrefCallback { callback: Obj, weakref: Obj },
}

/// Queue a weakref callback on the running thread (from deallocation).
pub(crate) fn queue_weakref_callback(callback: Obj, weakref: Obj) {
    crate::pystate::with_current(|ts| {
        ts.objects.queue(Pending::WeakrefCallback { callback, weakref });
        ts.set_breaker(crate::pystate::breaker::FINALIZERS);
    });
}

/// Nesting of deallocations beyond which they are queued instead, so that
/// freeing a deep structure (a million nested lists) does not overflow the stack.
const TRASHCAN_DEPTH: u32 = 200;

/// If the object's type has a finalizer that has not run yet, resurrect
/// the object and queue it; the caller must then not free it.
unsafe fn queue_finalizer(ts: &ThreadState, p: NonNull<PyObject>) -> bool {
    // SAFETY: `p` is live (refcount just reached zero).
    unsafe {
        let ty = &(*p.as_ref().ob_type.get().as_ptr().cast::<PyCell<TypeObject>>()).payload;
        if ty.finalize.get().is_none() || !ty.is_gc {
            return false;
        }
        let gc = &*p.as_ptr().cast::<u8>().sub(GC_HEADER_SIZE).cast::<GcHeader>();
        if gc.prev.get() & crate::gc::FINALIZED != 0 {
            return false;
        }
        // The type's own test: a finished generator has nothing to close,
        // so it is freed now rather than resurrected and queued.
        if let Some(due) = ty.finalize_due.get() {
            if !due(p) {
                return false;
            }
        }
        gc.prev.set(gc.prev.get() | crate::gc::FINALIZED);
        p.as_ref().ob_refcnt.set(1);
    }
    // SAFETY: the refcount was set to 1 above: this reference is owned.
    ts.objects.queue(Pending::Finalize(unsafe { Obj::from_owned_ptr(p) }));
    ts.set_breaker(crate::pystate::breaker::FINALIZERS);
    true
}

#[cold]
#[inline(never)]
unsafe fn dealloc(p: NonNull<PyObject>) {
    // SAFETY: the refcount just reached zero; a live object's type is live.
    unsafe {
        let ty_ptr = p.as_ref().ob_type.get();
        let ty = &(*ty_ptr.as_ptr().cast::<PyCell<TypeObject>>()).payload;
        match ty.leaf {
            // The common case of arithmetic (ints and floats): onto the
            // thread's cache, with no callee-saved state to set up.
            Some(leaf) if leaf.class as usize == LEAF_CACHE_CLASS => dealloc_cached_leaf(p, ty_ptr, leaf),
            // Exact tuples, lists, dicts, methods: straight to their path.
            None if ty.container.is_some() => dealloc_any_container(p, ty_ptr, ty.container.unwrap_unchecked()),
            _ => dealloc_other(p, ty_ptr, ty),
        }
    }
}

/// `dealloc` of a leaf of class `LEAF_CACHE_CLASS`: the block goes on the
/// running thread's cache when it has room and tracemalloc is off.
///
/// # Safety
/// As `free_leaf`.
#[inline(always)]
unsafe fn dealloc_cached_leaf(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, leaf: LeafAlloc) {
    let ts = crate::pystate::current_thread_ptr();
    if !ts.is_null() {
        // SAFETY: a non-null CURRENT points at a live thread state.
        let st = unsafe { &(*ts).objects };
        let n = st.leaf_cache_len.get();
        if n < LEAF_CACHE_MAX && !st.tracemalloc.get() {
            // SAFETY: guaranteed by the caller: the payload is dropped
            // once, then the block is free and at least a pointer wide.
            unsafe {
                if let Some(drop) = leaf.drop_payload {
                    drop(p.as_ptr());
                }
                *p.as_ptr().cast::<*mut u8>() = st.leaf_cache.get();
                st.leaf_cache.set(p.as_ptr().cast());
                st.leaf_cache_len.set(n + 1);
                // The object's reference to its type goes last.
                decref(ty_ptr);
            }
            return;
        }
    }
    // SAFETY: guaranteed by the caller.
    unsafe { dealloc_other(p, ty_ptr, type_of_ptr(p)) }
}

/// `dealloc` of everything but a cached leaf.
///
/// # Safety
/// `p` is live with refcount zero; `ty` is its type, at `ty_ptr`.
#[inline(never)]
unsafe fn dealloc_other(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, ty: &TypeObject) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if let Some(leaf) = ty.leaf {
            if thread_traces() {
                return free_leaf_traced(p, ty_ptr, leaf);
            }
            free_leaf(p, ty_ptr, leaf);
            return;
        }
        if let Some(c) = ty.container {
            return dealloc_any_container(p, ty_ptr, c);
        }
        dealloc_general(p)
    }
}

/// How instances of a plain container type (`TypeObject::mark_container`:
/// exact tuple, list, dict, method, function, cell, generator) are allocated and freed: their size
/// class (GC header included) and their payload's destructor.
#[derive(Clone, Copy)]
pub(crate) struct ContainerAlloc {
    class: u8,
    /// The unrounded block size, as tracemalloc counts it; for a
    /// variable-size container the size without its items (for a tail
    /// container, the GC header alone: its count covers the object).
    size: u16,
    /// The offset of the `__dict__` slot from the object's start (a
    /// function's), 0 if instances have none.
    dictoffset: u16,
    /// The type has a finalizer (a generator's close): deallocation asks
    /// `queue_finalizer` first.
    finalizes: bool,
    drop_payload: unsafe fn(*mut PyObject),
    /// A variable-size container (an exact tuple, CPython's `tp_itemsize`;
    /// a generator, whose frame follows its fixed part): how many words
    /// its block has after `size`.
    items: Option<unsafe fn(*mut PyObject) -> usize>,
}

impl ContainerAlloc {
    pub(crate) fn new<T: PyPayload>(
        layout: std::alloc::Layout,
        dictoffset: usize,
        finalizes: bool,
    ) -> Option<ContainerAlloc> {
        let (class, _) = small_layout(layout)?;
        Some(ContainerAlloc {
            class: u8::try_from(class).ok()?,
            size: u16::try_from(layout.size()).ok()?,
            dictoffset: u16::try_from(dictoffset).ok()?,
            finalizes,
            drop_payload: drop_payload::<T>,
            items: None,
        })
    }

    /// A variable-size container whose `PyCell<T>` is followed by
    /// `items(object)` object references in the same block.
    pub(crate) fn new_var<T: PyPayload>(items: unsafe fn(*mut PyObject) -> usize) -> ContainerAlloc {
        let size = GC_HEADER_SIZE + std::mem::size_of::<PyCell<T>>();
        let (class, _) = small_layout(var_layout(size, 0)).expect("a small header");
        ContainerAlloc {
            class: class as u8,
            size: size as u16,
            dictoffset: 0,
            finalizes: false,
            drop_payload: drop_payload::<T>,
            items: Some(items),
        }
    }

    /// A container whose fixed part (GC header, `PyCell<T>`, weakref slot:
    /// `layout`) is followed by data of its own in the same block (a
    /// generator's frame, as CPython embeds `_PyInterpreterFrame` in the
    /// generator object); `words(object)` counts the words after the GC
    /// header, fixed part and tail (at least `min_tail` words). That count
    /// is at least `VAR_FREE_SIZES`, so the tuple free lists, which keep
    /// blocks by count, never take such a block (None if it could be less).
    pub(crate) fn new_tail<T: PyPayload>(
        layout: std::alloc::Layout,
        finalizes: bool,
        min_tail: usize,
        words: unsafe fn(*mut PyObject) -> usize,
    ) -> Option<ContainerAlloc> {
        let mut c = ContainerAlloc::new::<T>(layout, 0, finalizes)?;
        if (layout.size() - GC_HEADER_SIZE) / std::mem::size_of::<usize>() + min_tail < VAR_FREE_SIZES {
            return None;
        }
        c.size = GC_HEADER_SIZE as u16;
        c.items = Some(words);
        Some(c)
    }
}

/// The block of a variable-size container of `base` bytes and `n` items.
#[inline]
fn var_layout(base: usize, n: usize) -> std::alloc::Layout {
    let size = n.checked_mul(std::mem::size_of::<Obj>()).and_then(|b| b.checked_add(base));
    match size.and_then(|b| std::alloc::Layout::from_size_align(b, SMALL_CLASS).ok()) {
        Some(layout) => layout,
        None => ref_array_overflow(),
    }
}

/// Allocate an exact variable-size container (an exact tuple) in one
/// block, as CPython's `ob_item`: the GC header, the `PyCell<T>` made by
/// `make(k)`, then the `k` (at most `n`) references `items` yields.
///
/// The hot path of every tuple: the thread state is read once, for the
/// free list and for tracking, and the type is trusted as the caller's
/// (`ty` is the exact tuple type; checked in debug builds).
pub(crate) fn alloc_var_container<T: PyPayload>(
    ty: &Obj,
    n: usize,
    items: impl Iterator<Item = Obj>,
    make: impl FnOnce(usize) -> T,
) -> Obj {
    debug_assert!(ty.payload::<TypeObject>().is_some_and(|t| t.payload_type == TypeId::of::<T>()));
    // SAFETY: the caller passes a type object (the exact tuple type).
    let t = unsafe { ty.payload_unchecked::<TypeObject>() };
    let Some(c) = t.container.filter(|c| c.items.is_some()) else { not_var_container() };
    let at = std::mem::size_of::<PyCell<T>>();
    let base_size = c.size as usize;
    let mut layout = var_layout(base_size, n);
    let ts = crate::pystate::current_thread_ptr();
    // SAFETY: the block holds the GC header, the `PyCell<T>` and `n`
    // references; the items are written first, then the header, so the
    // object is whole before anything can see it. A short iterator gets a
    // block of its own size (deallocation sizes the block by the count).
    // A non-null CURRENT points at a live thread state.
    unsafe {
        let recycled = match ts.as_ref() {
            Some(ts) if !ts.objects.tracemalloc.get() => var_free_pop(&ts.objects, n),
            _ => std::ptr::null_mut(),
        };
        // A block from the free list is no new allocation for the
        // collector's count (CPython's tuple free list).
        let mut counted = recycled.is_null();
        let mut base = if counted { small_alloc(layout) } else { recycled };
        let first = |b: *mut u8| b.add(GC_HEADER_SIZE + at).cast::<Obj>();
        let mut k = 0;
        for x in items.take(n) {
            std::ptr::write(first(base).add(k), x);
            k += 1;
        }
        if k < n {
            let short = var_layout(base_size, k);
            let b = small_alloc(short);
            std::ptr::copy_nonoverlapping(first(base), first(b), k);
            small_free(base, layout);
            (base, layout) = (b, short);
            counted = true;
        }
        std::ptr::write(base.cast::<GcHeader>(), GcHeader { next: Cell::new(0), prev: Cell::new(0) });
        let obj = base.add(GC_HEADER_SIZE).cast::<PyCell<T>>();
        std::ptr::write(
            obj,
            PyCell {
                header: PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.clone().into_ptr()) },
                payload: make(k),
            },
        );
        let p = NonNull::new_unchecked(obj.cast());
        if crate::tracemalloc::tracing() {
            trace_alloc::<T>(p, layout.size());
        }
        if counted {
            crate::gc::track_new(p);
        } else if let Some(ts) = ts.as_ref() {
            crate::gc::track_uncounted_in(ts, p);
        }
        Obj::from_owned_ptr(p)
    }
}

#[cold]
#[inline(never)]
fn not_var_container() -> ! {
    panic!("not a variable-size container type of this kind")
}

/// Item counts below this have a free list (CPython's `PyTuple_MAXSAVESIZE`).
const VAR_FREE_SIZES: usize = 20;
/// Blocks kept per item count (CPython's `PyTuple_MAXFREELIST`).
const VAR_FREE_MAX: u32 = 2000;

/// Free lists of the blocks of dead exact tuples (the only variable-size
/// containers) with 1 to 19 items, linked through their first word, as
/// CPython 3.11's tuple free lists. Only with the pools (a block is then
/// freed without its size) and while tracemalloc is off.
struct VarFreeLists {
    heads: [Cell<*mut u8>; VAR_FREE_SIZES],
    lens: [Cell<u32>; VAR_FREE_SIZES],
}

impl VarFreeLists {
    const fn new() -> VarFreeLists {
        VarFreeLists {
            heads: [const { Cell::new(std::ptr::null_mut()) }; VAR_FREE_SIZES],
            lens: [const { Cell::new(0) }; VAR_FREE_SIZES],
        }
    }

    /// Hand every kept block back to its pool (the thread is ending, or a
    /// full collection empties the free lists, as CPython's `clear_freelists`).
    fn release(&self) {
        for (head, len) in self.heads.iter().zip(&self.lens) {
            let mut p = head.replace(std::ptr::null_mut());
            while !p.is_null() {
                // SAFETY: a kept block is free, its first word the next
                // one; blocks are only kept when they came from the pools.
                unsafe {
                    let next = *p.cast::<*mut u8>();
                    obmalloc::free(p);
                    p = next;
                }
            }
            len.set(0);
        }
    }
}

/// Empty the running thread's tuple free lists (a full collection, as
/// CPython 3.11's `clear_freelists`).
pub(crate) fn clear_free_lists() {
    let ts = crate::pystate::current_thread_ptr();
    // SAFETY: a non-null CURRENT points at a live thread state.
    if let Some(ts) = unsafe { ts.as_ref() } {
        ts.objects.var_free.release();
    }
}

/// A kept block for an exact tuple of `n` items, or null (`st` is the
/// running thread's untraced state).
#[inline(always)]
fn var_free_pop(st: &ObjectState, n: usize) -> *mut u8 {
    if n == 0 || n >= VAR_FREE_SIZES {
        return std::ptr::null_mut();
    }
    let head = st.var_free.heads[n].get();
    if !head.is_null() {
        // SAFETY: a kept block is free, its first word the next one.
        st.var_free.heads[n].set(unsafe { *head.cast::<*mut u8>() });
        st.var_free.lens[n].set(st.var_free.lens[n].get() - 1);
    }
    head
}

/// Keep the block of a dead exact tuple of `n` items; false if it must be
/// freed instead (`st` is the running thread's object state).
///
/// # Safety
/// `base` is the block (GC header first) of an exact tuple of `n` items
/// whose payload is dropped; it is not used again by the caller if kept.
#[inline(always)]
unsafe fn var_free_push(st: &ObjectState, base: *mut u8, n: usize) -> bool {
    if n == 0 || n >= VAR_FREE_SIZES || st.tracemalloc.get() || !obmalloc::use_pymalloc() {
        return false;
    }
    let len = st.var_free.lens[n].get();
    if len >= VAR_FREE_MAX {
        return false;
    }
    // SAFETY: the block is free and at least a pointer wide.
    unsafe { *base.cast::<*mut u8>() = st.var_free.heads[n].get() };
    st.var_free.heads[n].set(base);
    st.var_free.lens[n].set(len + 1);
    true
}

/// Deallocation of a plain container with no finalizer: no member slots
/// and no finalizer to ask for (`dealloc_finalizing_container` does for a
/// generator), so what is left of the general path is the trashcan
/// (dropping the items nests; a tuple nested 100,000 deep must not
/// overflow the stack).
///
/// # Safety
/// `p` is live with refcount zero; its type (`ty_ptr`) is described by `c`.
#[inline(never)]
unsafe fn dealloc_container(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, c: ContainerAlloc) {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        // SAFETY: as the caller guarantees; that path makes a thread state.
        return unsafe { dealloc_general(p) };
    }
    // SAFETY: a non-null CURRENT points at a live thread state.
    let st = unsafe { &(*ts).objects };
    // SAFETY: guaranteed by the caller.
    in_trashcan(st, p, || unsafe { free_container(st, p, ty_ptr, c) });
}

/// `dealloc_container` of a type with a finalizer (a generator): one that
/// is due is queued instead (out of line, so that the other containers'
/// path stays as short as it was).
///
/// # Safety
/// As `dealloc_container`.
#[inline(never)]
unsafe fn dealloc_finalizing_container(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, c: ContainerAlloc) {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        // SAFETY: as the caller guarantees; that path makes a thread state.
        return unsafe { dealloc_general(p) };
    }
    // SAFETY: a non-null CURRENT points at a live thread state.
    let ts = unsafe { &*ts };
    // SAFETY: the refcount just reached zero (as `queue_finalizer` requires).
    if unsafe { queue_finalizer(ts, p) } {
        return;
    }
    // SAFETY: guaranteed by the caller.
    in_trashcan(&ts.objects, p, || unsafe { free_container(&ts.objects, p, ty_ptr, c) });
}

/// `dealloc_container`, or `dealloc_finalizing_container` for a type with
/// a finalizer: the test is made here, so that `dealloc_container` itself
/// stays as short as it was for the other containers.
///
/// # Safety
/// As `dealloc_container`.
#[inline(always)]
unsafe fn dealloc_any_container(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, c: ContainerAlloc) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if c.finalizes {
            dealloc_finalizing_container(p, ty_ptr, c)
        } else {
            dealloc_container(p, ty_ptr, c)
        }
    }
}

/// Free a plain container (see `dealloc_container`).
///
/// # Safety
/// As `dealloc_container`.
#[inline(always)]
unsafe fn free_container(st: &ObjectState, p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, c: ContainerAlloc) {
    // SAFETY: guaranteed by the caller; the block came from
    // `alloc_container` (the same size class).
    unsafe {
        let counted = crate::gc::unlink_freed(p);
        if crate::tracemalloc::tracing() {
            crate::tracemalloc::on_free(p);
        }
        let ty = &(*ty_ptr.as_ptr().cast::<PyCell<TypeObject>>()).payload;
        if ty.weaklistoffset != 0 {
            crate::objects::weakref::clear_on_free(p.as_ptr());
        }
        // Weakrefs first, then the attributes, then the payload, as
        // `free_object` does.
        if c.dictoffset != 0 {
            std::ptr::drop_in_place(p.as_ptr().cast::<u8>().add(c.dictoffset as usize).cast::<Option<Obj>>());
        }
        let base = p.as_ptr().cast::<u8>().sub(GC_HEADER_SIZE);
        match c.items {
            None => {
                (c.drop_payload)(p.as_ptr());
                small_free_class(base, c.class as usize);
                crate::gc::count_freed(counted);
            }
            Some(count) => {
                // Sized before the payload drops its items.
                let n = count(p.as_ptr());
                (c.drop_payload)(p.as_ptr());
                // A kept block is no deallocation for the collector's
                // count (CPython's tuple free list).
                if !var_free_push(st, base, n) {
                    small_free(base, var_layout(c.size as usize, n));
                    crate::gc::count_freed(counted);
                }
            }
        }
        decref(ty_ptr);
    }
}

/// CPython's trashcan: run `free` (which frees `p`) unless deallocations
/// already nest `TRASHCAN_DEPTH` deep; then `p` waits in `deferred` and is
/// freed when the outermost deallocation unwinds.
#[inline(always)]
fn in_trashcan(st: &ObjectState, p: NonNull<PyObject>, free: impl FnOnce()) {
    let depth = st.dealloc_depth.get();
    if depth >= TRASHCAN_DEPTH {
        let mut v = st.deferred.take();
        v.push(p);
        st.deferred.set(v);
        return;
    }
    st.dealloc_depth.set(depth + 1);
    free();
    if depth == 0 {
        free_deferred(st);
    }
    st.dealloc_depth.set(depth);
}

/// Free the objects the trashcan put off (at the outermost deallocation).
#[inline]
fn free_deferred(st: &ObjectState) {
    // SAFETY: a read of the length only; no borrow of the vector is live.
    if unsafe { (*st.deferred.as_ptr()).is_empty() } {
        return;
    }
    loop {
        let mut v = st.deferred.take();
        let Some(next) = v.pop() else { break };
        st.deferred.set(v);
        // SAFETY: queued objects had refcount zero and were not freed.
        unsafe { free_object(st, next) };
    }
}

/// Deallocation of anything but a leaf: finalizers, trashcan, slots.
/// Out of line, so that the leaf path above needs no stack frame.
#[inline(never)]
unsafe fn dealloc_general(p: NonNull<PyObject>) {
    // SAFETY: the refcount just reached zero.
    crate::pystate::with_current(|ts| unsafe { dealloc_in(ts, p) })
}

/// How instances of a leaf type (`TypeObject::mark_leaf`) are allocated
/// and freed: their size class, and whether the payload has a destructor.
#[derive(Clone, Copy)]
pub(crate) struct LeafAlloc {
    class: u8,
    drop_payload: Option<unsafe fn(*mut PyObject)>,
}

impl LeafAlloc {
    pub(crate) fn new<T: PyPayload>(layout: std::alloc::Layout) -> Option<LeafAlloc> {
        let (class, _) = small_layout(layout)?;
        let drop_payload: Option<unsafe fn(*mut PyObject)> =
            if std::mem::needs_drop::<T>() { Some(drop_payload::<T>) } else { None };
        Some(LeafAlloc { class: u8::try_from(class).ok()?, drop_payload })
    }
}

/// Free a leaf object: no finalizer can be due (it has no GC header), and
/// its payload drops no object, so no trashcan nesting is needed either.
///
/// # Safety
/// `p` is live with refcount zero, and its type (`ty_ptr`) is a leaf type
/// described by `leaf`.
#[inline(always)]
unsafe fn free_leaf(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, leaf: LeafAlloc) {
    // SAFETY: guaranteed by the caller; the memory came from
    // `small_alloc_class` of the same class (`alloc_object` of a leaf type).
    unsafe {
        if let Some(drop) = leaf.drop_payload {
            drop(p.as_ptr());
        }
        if leaf.class as usize != LEAF_CACHE_CLASS || !leaf_cache_push(p.as_ptr().cast()) {
            small_free_class(p.as_ptr().cast(), leaf.class as usize);
        }
        decref(ty_ptr);
    }
}

/// The size class of the leaf blocks a thread keeps (32 bytes: ints and
/// floats), and how many it keeps at most.
const LEAF_CACHE_CLASS: usize = 1;
const LEAF_CACHE_MAX: u32 = 100;

/// Keep a freed 32-byte leaf block on the running thread's cache; false
/// if there is no thread state or the cache is full.
///
/// # Safety
/// `p` is a free block of class `LEAF_CACHE_CLASS`.
#[inline(always)]
unsafe fn leaf_cache_push(p: *mut u8) -> bool {
    let ts = crate::pystate::current_thread_ptr();
    if ts.is_null() {
        return false;
    }
    // SAFETY: a non-null CURRENT points at a live thread state.
    let st = unsafe { &(*ts).objects };
    let n = st.leaf_cache_len.get();
    if n >= LEAF_CACHE_MAX {
        return false;
    }
    // SAFETY: the block is free and at least a pointer wide.
    unsafe { *p.cast::<*mut u8>() = st.leaf_cache.get() };
    st.leaf_cache.set(p);
    st.leaf_cache_len.set(n + 1);
    true
}

/// A block of class `LEAF_CACHE_CLASS`: the running thread's last freed
/// one if it kept any, else from the pools.
#[inline(always)]
fn leaf_cache_pop() -> *mut u8 {
    let ts = crate::pystate::current_thread_ptr();
    if !ts.is_null() {
        // SAFETY: a non-null CURRENT points at a live thread state.
        let st = unsafe { &(*ts).objects };
        let head = st.leaf_cache.get();
        if !head.is_null() {
            // SAFETY: a cached block is free, its first word the next one.
            st.leaf_cache.set(unsafe { *head.cast::<*mut u8>() });
            st.leaf_cache_len.set(st.leaf_cache_len.get() - 1);
            return head;
        }
    }
    small_alloc_class(LEAF_CACHE_CLASS)
}

/// `free_leaf` while tracemalloc traces: the trace goes first.
///
/// # Safety
/// As `free_leaf`.
#[cold]
#[inline(never)]
unsafe fn free_leaf_traced(p: NonNull<PyObject>, ty_ptr: NonNull<PyObject>, leaf: LeafAlloc) {
    crate::tracemalloc::on_free(p);
    // SAFETY: guaranteed by the caller.
    unsafe { free_leaf(p, ty_ptr, leaf) }
}

unsafe fn dealloc_in(ts: &ThreadState, p: NonNull<PyObject>) {
    // SAFETY: the refcount just reached zero.
    if unsafe { queue_finalizer(ts, p) } {
        return;
    }
    // SAFETY: the refcount reached zero; `free_object` runs the type's
    // payload destructor and returns the memory.
    in_trashcan(&ts.objects, p, || unsafe { free_object(&ts.objects, p) });
}

// ---- small objects: the interpreter's pools (obmalloc.rs) -------------------------------

/// Objects up to this size come from the pools of the small-object allocator.
const SMALL_MAX: usize = obmalloc::SMALL_REQUEST_THRESHOLD;
const SMALL_CLASS: usize = obmalloc::ALIGNMENT;

/// The size class of a layout and the layout its blocks have (rounded up
/// to the class, so any block of a class fits any object of that class);
/// None for what the system allocator serves.
#[inline]
fn small_layout(layout: std::alloc::Layout) -> Option<(usize, std::alloc::Layout)> {
    if layout.size() > SMALL_MAX || layout.align() > SMALL_CLASS {
        return None;
    }
    let class = layout.size().div_ceil(SMALL_CLASS).max(1);
    let l = std::alloc::Layout::from_size_align(class * SMALL_CLASS, SMALL_CLASS).ok()?;
    Some((class - 1, l))
}

/// Does tracemalloc trace the running thread's allocations? (Read
/// through the thread state the allocator is reached by as well.)
#[inline(always)]
fn thread_traces() -> bool {
    let ts = crate::pystate::current_thread_ptr();
    // SAFETY: a non-null CURRENT points at a live thread state.
    !ts.is_null() && unsafe { (*ts).objects.tracemalloc.get() }
}

/// Allocate an object's memory (never null).
///
/// # Safety
/// `layout` must be non-zero-sized.
#[inline]
unsafe fn small_alloc(layout: std::alloc::Layout) -> *mut u8 {
    let Some((class, _)) = small_layout(layout) else {
        // SAFETY: non-zero-sized, as the caller guarantees.
        let p = unsafe { std::alloc::alloc(layout) };
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        return p;
    };
    small_alloc_class(class)
}

/// Free memory from `small_alloc` with the same `layout`.
///
/// # Safety
/// `p` came from `small_alloc(layout)` and is no longer used.
#[inline]
unsafe fn small_free(p: *mut u8, layout: std::alloc::Layout) {
    let Some((class, _)) = small_layout(layout) else {
        // SAFETY: allocated by the system allocator with this layout.
        unsafe { std::alloc::dealloc(p, layout) };
        return;
    };
    // SAFETY: guaranteed by the caller.
    unsafe { small_free_class(p, class) }
}

/// The layout of size class `class` (as `small_layout` computes it).
#[inline(always)]
fn class_layout(class: usize) -> std::alloc::Layout {
    debug_assert!(class < obmalloc::NB_SMALL_SIZE_CLASSES);
    // SAFETY: (class + 1) * 16 <= SMALL_MAX is non-zero and a multiple of
    // the power-of-two alignment 16, so it is a valid layout.
    unsafe { std::alloc::Layout::from_size_align_unchecked(obmalloc::class_size(class), SMALL_CLASS) }
}

/// A block of size class `class` (never null): from the running
/// interpreter's pools.
#[inline(always)]
fn small_alloc_class(class: usize) -> *mut u8 {
    let ts = crate::pystate::current_thread_ptr();
    if !ts.is_null() {
        // SAFETY: a non-null CURRENT points at a live thread state; its
        // allocator is its interpreter's, whose GIL this thread holds.
        unsafe {
            let a = (*ts).objects.allocator.get();
            if !a.is_null() {
                let p = (*a).alloc(class);
                if !p.is_null() {
                    return p;
                }
                std::alloc::handle_alloc_error(class_layout(class));
            }
        }
    }
    small_alloc_class_slow(class)
}

/// A block for a thread state of no interpreter, or under `PYTHONMALLOC=malloc`.
#[cold]
#[inline(never)]
fn small_alloc_class_slow(class: usize) -> *mut u8 {
    let layout = class_layout(class);
    let p = if obmalloc::use_pymalloc() {
        obmalloc::alloc_shared(class)
    } else {
        // SAFETY: the layout is non-zero-sized.
        unsafe { std::alloc::alloc(layout) }
    };
    if p.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    p
}

/// Free a block of size class `class`.
///
/// # Safety
/// `p` came from `small_alloc_class(class)` (or `small_alloc` with a layout
/// of that class) and is no longer used; the caller holds the GIL of the
/// interpreter it was allocated in.
#[inline(always)]
unsafe fn small_free_class(p: *mut u8, class: usize) {
    if obmalloc::use_pymalloc() {
        // SAFETY: guaranteed by the caller: the block is in a pool.
        return unsafe { obmalloc::free(p) };
    }
    // SAFETY: allocated by the system allocator with the class layout.
    unsafe { std::alloc::dealloc(p, class_layout(class)) };
}

/// Drop an object's payload and slots and free its memory (`st` is the
/// running thread's object state).
unsafe fn free_object(st: &ObjectState, p: NonNull<PyObject>) {
    // SAFETY: `p` is live with refcount zero; its type is live (the object
    // holds a reference to a heap type, which is released last).
    unsafe {
        let ty_ptr = p.as_ref().ob_type.get();
        let ty = &(*ty_ptr.as_ptr().cast::<PyCell<TypeObject>>()).payload;
        if let Some(c) = ty.container {
            // Put off by the trashcan: its own path (a tuple's block is
            // sized by its items).
            return free_container(st, p, ty_ptr, c);
        }
        if ty.is_gc {
            crate::gc::untrack_freed(p);
        }
        if crate::tracemalloc::tracing() {
            crate::tracemalloc::on_free(p);
        }
        // Weakrefs first, then the attributes (CPython's subtype_dealloc):
        // callbacks are queued before the finalizers of what the dict held.
        if ty.weaklistoffset != 0 {
            crate::objects::weakref::clear_on_free(p.as_ptr());
        }
        if ty.dictoffset != 0 {
            let slot = p.as_ptr().cast::<u8>().add(ty.dictoffset).cast::<Option<Obj>>();
            std::ptr::drop_in_place(slot);
        }
        if ty.values_offset != 0 {
            let slot = p.as_ptr().cast::<u8>().add(ty.values_offset);
            std::ptr::drop_in_place(slot.cast::<crate::objects::instance_values::Values>());
        }
        for &off in &ty.member_offsets {
            std::ptr::drop_in_place(p.as_ptr().cast::<u8>().add(off).cast::<Option<Obj>>());
        }
        (ty.drop_payload)(p.as_ptr());
        let layout = ty.alloc_layout();
        let base = p.as_ptr().cast::<u8>().sub(ty.gc_header_size());
        small_free(base, layout);
        // The object's reference to its type goes last.
        decref(ty_ptr);
    }
}

/// The type object of a live object (borrowed).
///
/// # Safety
/// `p` must point to a live object; the result must not outlive it.
pub(crate) unsafe fn type_of_ptr<'a>(p: NonNull<PyObject>) -> &'a TypeObject {
    // SAFETY: guaranteed by the caller; `ob_type` points at a type object.
    unsafe { &(*p.as_ref().ob_type.get().as_ptr().cast::<PyCell<TypeObject>>()).payload }
}

/// The pointer to the type object of a live object.
///
/// # Safety
/// `p` must point to a live object.
pub(crate) unsafe fn type_ptr(p: NonNull<PyObject>) -> NonNull<PyObject> {
    // SAFETY: guaranteed by the caller.
    unsafe { p.as_ref().ob_type.get() }
}

/// The object whose payload is `payload` (an object's payload is always
/// inside its `PyCell`).
pub(crate) fn owner_of<T: PyPayload>(payload: &T) -> NonNull<PyObject> {
    let p = (payload as *const T as usize - std::mem::offset_of!(PyCell<T>, payload)) as *mut PyObject;
    // SAFETY: a payload's address minus its offset is its object's address.
    unsafe { NonNull::new_unchecked(p) }
}

/// Visit the references of the `T` payload of a `PyCell<T>` (a type's
/// `traverse_payload`).
///
/// # Safety
/// `p` must point to a live `PyCell<T>`.
pub(crate) unsafe fn traverse_payload<T: PyPayload>(p: *mut PyObject, visit: &mut dyn FnMut(&Obj)) {
    // SAFETY: guaranteed by the caller.
    unsafe { (*p.cast::<PyCell<T>>()).payload.traverse(visit) }
}

/// Clear the references of the `T` payload of a `PyCell<T>` (a type's
/// `clear_payload`).
///
/// # Safety
/// `p` must point to a live `PyCell<T>`.
pub(crate) unsafe fn clear_payload<T: PyPayload>(p: *mut PyObject) {
    // SAFETY: guaranteed by the caller.
    unsafe { (*p.cast::<PyCell<T>>()).payload.clear() }
}

/// Run `drop_in_place` on the `T` payload of a `PyCell<T>` (a type's `drop_payload`).
///
/// # Safety
/// `p` must point to a `PyCell<T>` whose payload is initialized.
pub(crate) unsafe fn drop_payload<T>(p: *mut PyObject) {
    // SAFETY: guaranteed by the caller.
    unsafe { std::ptr::drop_in_place(&mut (*p.cast::<PyCell<T>>()).payload) }
}

/// Allocate an object of type `ty` holding `payload` (the type must record
/// `T` as its payload type and be sized for it).
#[inline(always)]
pub(crate) fn alloc_object<T: PyPayload>(ty: &Obj, payload: T) -> Obj {
    let t = ty.payload::<TypeObject>().expect("alloc_object with a type object");
    if let Some(leaf) = t.leaf {
        if t.payload_type == TypeId::of::<T>() {
            return alloc_leaf(ty, leaf, payload);
        }
    }
    if let Some(c) = t.container {
        if t.payload_type == TypeId::of::<T>() {
            return alloc_container(ty, t, c, payload);
        }
    }
    alloc_general(ty, t, payload)
}

/// `alloc_object` for a plain container type: a block of its size class,
/// the GC header, header and payload (`mark_container` checked the layout
/// holds a `PyCell<T>`), tracked by the collector.
/// Write a container's GC header, object header, payload and empty
/// weakref slot at `base` (a fresh block of the type's size); returns the
/// object. The dict slot and any tail are the caller's.
///
/// # Safety
/// `base` is a fresh block with room for the GC header and `t.basicsize`
/// bytes; `t` is `ty`'s payload and its instances hold a `T`.
#[inline(always)]
unsafe fn init_container_head<T: PyPayload>(base: *mut u8, ty: &Obj, t: &TypeObject, payload: T) -> *mut PyCell<T> {
    // SAFETY: guaranteed by the caller; every field written is in the block.
    unsafe {
        std::ptr::write(base.cast::<GcHeader>(), GcHeader { next: Cell::new(0), prev: Cell::new(0) });
        let obj = base.add(GC_HEADER_SIZE).cast::<PyCell<T>>();
        std::ptr::write(
            obj,
            PyCell { header: PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.clone().into_ptr()) }, payload },
        );
        if t.weaklistoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(t.weaklistoffset).cast::<*mut PyObject>(), std::ptr::null_mut());
        }
        obj
    }
}

#[inline(always)]
fn alloc_container<T: PyPayload>(ty: &Obj, t: &TypeObject, c: ContainerAlloc, payload: T) -> Obj {
    let base = small_alloc_class(c.class as usize);
    // SAFETY: the block holds the GC header and `basicsize` bytes, which
    // hold a `PyCell<T>` and the weakref slot if any; all is initialized
    // before the object is visible.
    unsafe {
        let obj = init_container_head(base, ty, t, payload);
        if c.dictoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(c.dictoffset as usize).cast::<Option<Obj>>(), None);
        }
        let p = NonNull::new_unchecked(obj.cast());
        if crate::tracemalloc::tracing() {
            trace_alloc::<T>(p, c.size as usize);
        }
        crate::gc::track_new(p);
        Obj::from_owned_ptr(p)
    }
}

/// Allocate an instance of a container type marked with
/// `TypeObject::mark_tail_container`: its fixed part holding `payload`,
/// then `tail` words that `fill` initialises (it gets their address)
/// before the object is visible; tracked by the collector.
///
/// # Safety
/// `ty` is such a type, its instances have payload `T`, and its `words`
/// function gives the fixed part's words plus `tail` for this object;
/// `fill` initialises the tail.
pub(crate) unsafe fn alloc_tail_container<T: PyPayload>(
    ty: &Obj,
    tail: usize,
    payload: T,
    fill: impl FnOnce(*mut u8),
) -> Obj {
    // SAFETY: the caller passes a type object.
    let t = unsafe { ty.payload_unchecked::<TypeObject>() };
    debug_assert!(t.payload_type == TypeId::of::<T>() && t.container.is_some_and(|c| c.items.is_some()));
    let layout = var_layout(t.alloc_layout().size(), tail);
    // SAFETY: the block holds the GC header, `basicsize` bytes (the
    // `PyCell<T>` and the weakref slot) and the tail; everything is
    // initialised before the object is visible.
    unsafe {
        let base = small_alloc(layout);
        let obj = init_container_head(base, ty, t, payload);
        fill(obj.cast::<u8>().add(t.basicsize));
        let p = NonNull::new_unchecked(obj.cast());
        if crate::tracemalloc::tracing() {
            trace_alloc::<T>(p, layout.size());
        }
        crate::gc::track_new(p);
        Obj::from_owned_ptr(p)
    }
}

/// Memory for a block that is not an object (a frame a `frame` object took over): from
/// the small-object pools when it fits a size class, else the system
/// allocator; never null.
///
/// # Safety
/// `layout` must be non-zero-sized.
#[inline]
pub(crate) unsafe fn alloc_block(layout: std::alloc::Layout) -> *mut u8 {
    // SAFETY: guaranteed by the caller.
    unsafe { small_alloc(layout) }
}

/// Free a block from `alloc_block(layout)`.
///
/// # Safety
/// `p` came from `alloc_block` with this `layout` and is no longer used.
#[inline]
pub(crate) unsafe fn free_block(p: *mut u8, layout: std::alloc::Layout) {
    // SAFETY: guaranteed by the caller.
    unsafe { small_free(p, layout) }
}

/// Memory for an array of `n` object references (a tuple's items): a
/// block of the small-object size classes when it fits one, so a small
/// tuple costs two free-list pops and no `malloc`.
#[inline]
pub(crate) fn alloc_ref_array(n: usize) -> NonNull<Obj> {
    if n == 0 {
        return NonNull::dangling();
    }
    if n <= SMALL_MAX / std::mem::size_of::<Obj>() {
        let class = (n * std::mem::size_of::<Obj>()).div_ceil(SMALL_CLASS) - 1;
        // SAFETY: small_alloc_class never returns null.
        return unsafe { NonNull::new_unchecked(small_alloc_class(class).cast::<Obj>()) };
    }
    let layout = std::alloc::Layout::array::<Obj>(n).unwrap_or_else(|_| ref_array_overflow());
    // SAFETY: the layout is non-zero-sized; small_alloc never returns null.
    unsafe { NonNull::new_unchecked(small_alloc(layout).cast::<Obj>()) }
}

/// Free an array from `alloc_ref_array(n)` (its items already dropped).
///
/// # Safety
/// `p` came from `alloc_ref_array(n)` and is no longer used.
#[inline]
pub(crate) unsafe fn free_ref_array(p: NonNull<Obj>, n: usize) {
    if n == 0 {
        return;
    }
    if n <= SMALL_MAX / std::mem::size_of::<Obj>() {
        let class = (n * std::mem::size_of::<Obj>()).div_ceil(SMALL_CLASS) - 1;
        // SAFETY: the block came from `small_alloc_class(class)` above.
        return unsafe { small_free_class(p.as_ptr().cast(), class) };
    }
    let layout = std::alloc::Layout::array::<Obj>(n).unwrap_or_else(|_| ref_array_overflow());
    // SAFETY: guaranteed by the caller; the same layout as the allocation.
    unsafe { small_free(p.as_ptr().cast(), layout) }
}

#[cold]
fn ref_array_overflow() -> ! {
    // An array as long as an existing object's item count always fits.
    std::alloc::handle_alloc_error(std::alloc::Layout::new::<Obj>())
}

/// `alloc_object` for a leaf type: a block of its size class, the header
/// and the payload (`mark_leaf` checked the layout holds a `PyCell<T>`).
#[inline(always)]
fn alloc_leaf<T: PyPayload>(ty: &Obj, leaf: LeafAlloc, payload: T) -> Obj {
    let base =
        if leaf.class as usize == LEAF_CACHE_CLASS { leaf_cache_pop() } else { small_alloc_class(leaf.class as usize) };
    // SAFETY: the block is at least `basicsize` bytes, which holds a
    // `PyCell<T>`, 16-aligned; it is initialized before it is visible.
    unsafe {
        let obj = base.cast::<PyCell<T>>();
        std::ptr::write(
            obj,
            PyCell { header: PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.clone().into_ptr()) }, payload },
        );
        let p = NonNull::new_unchecked(obj.cast());
        if thread_traces() {
            trace_alloc::<T>(p, std::mem::size_of::<PyCell<T>>());
        }
        Obj::from_owned_ptr(p)
    }
}

/// `alloc_object` for the hot allocations of arithmetic (exact int and
/// float): the block the running thread freed last, without the general
/// path's checks of the type (payload, leaf class), which the caller
/// vouches for. Falls back to `alloc_object` when the thread has no cached
/// block or tracemalloc traces it.
///
/// # Safety
/// `ty` is a leaf type (`mark_leaf`) of size class `LEAF_CACHE_CLASS`
/// whose payload type is `T`.
#[inline(always)]
pub(crate) unsafe fn alloc_cached_leaf<T: PyPayload>(ty: &Obj, payload: T) -> Obj {
    debug_assert!(ty.payload::<TypeObject>().is_some_and(
        |t| t.payload_type == TypeId::of::<T>() && t.leaf.is_some_and(|l| l.class as usize == LEAF_CACHE_CLASS)
    ));
    let ts = crate::pystate::current_thread_ptr();
    if !ts.is_null() {
        // SAFETY: a non-null CURRENT points at a live thread state.
        let st = unsafe { &(*ts).objects };
        let head = st.leaf_cache.get();
        if !head.is_null() && !st.tracemalloc.get() {
            // SAFETY: a cached block is free, its first word the next one;
            // it is a 16-aligned block of `LEAF_CACHE_CLASS`, which holds a
            // `PyCell<T>` of this type (the caller's guarantee), initialized
            // before it is visible.
            unsafe {
                st.leaf_cache.set(*head.cast::<*mut u8>());
                st.leaf_cache_len.set(st.leaf_cache_len.get() - 1);
                let obj = head.cast::<PyCell<T>>();
                let header = PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.clone().into_ptr()) };
                std::ptr::write(obj, PyCell { header, payload });
                return Obj::from_owned_ptr(NonNull::new_unchecked(obj.cast()));
            }
        }
    }
    alloc_leaf_uncached(ty, payload)
}

/// `alloc_cached_leaf` when no block is cached: the general path.
#[cold]
#[inline(never)]
fn alloc_leaf_uncached<T: PyPayload>(ty: &Obj, payload: T) -> Obj {
    alloc_object(ty, payload)
}

/// Tell tracemalloc about a new object: its block and what its payload
/// holds on the heap.
///
/// # Safety
/// `p` is a fully initialized `PyCell<T>`.
#[cold]
#[inline(never)]
unsafe fn trace_alloc<T: PyPayload>(p: NonNull<PyObject>, block: usize) {
    // SAFETY: guaranteed by the caller.
    let extra = unsafe { (*p.as_ptr().cast::<PyCell<T>>()).payload.heap_size() };
    crate::tracemalloc::on_alloc(p, block + extra);
}

#[inline(never)]
fn alloc_general<T: PyPayload>(ty: &Obj, t: &TypeObject, payload: T) -> Obj {
    // The type's instances must be laid out for a `T`: everything that reads
    // the payload relies on it. Callers check this (tp_new wrappers, the
    // MRO check); the assert keeps a missed case from being memory-unsafe.
    assert!(
        t.payload_type == TypeId::of::<T>() && t.basicsize >= std::mem::size_of::<PyCell<T>>(),
        "alloc_object: the type's layout does not hold this payload"
    );
    let layout = t.alloc_layout();
    // SAFETY: the layout is non-zero-sized; we initialize the header, the
    // payload and the trailing slots before the object is visible.
    unsafe {
        let base = small_alloc(layout);
        let gc = t.gc_header_size();
        if gc != 0 {
            std::ptr::write(base.cast::<GcHeader>(), GcHeader { next: Cell::new(0), prev: Cell::new(0) });
        }
        let obj = base.add(gc).cast::<PyCell<T>>();
        std::ptr::write(
            obj,
            PyCell { header: PyObject { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.clone().into_ptr()) }, payload },
        );
        if t.dictoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(t.dictoffset).cast::<Option<Obj>>(), None);
        }
        if t.values_offset != 0 {
            let slot = obj.cast::<u8>().add(t.values_offset);
            std::ptr::write(slot.cast::<crate::objects::instance_values::Values>(), None);
        }
        if t.weaklistoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(t.weaklistoffset).cast::<*mut PyObject>(), std::ptr::null_mut());
        }
        for &off in &t.member_offsets {
            std::ptr::write(obj.cast::<u8>().add(off).cast::<Option<Obj>>(), None);
        }
        let p = NonNull::new_unchecked(obj.cast());
        if crate::tracemalloc::tracing() {
            trace_alloc::<T>(p, layout.size());
        }
        if gc != 0 {
            crate::gc::track_new(p);
        }
        Obj::from_owned_ptr(p)
    }
}

/// Allocate the type object of `type`, which is its own type (immortal).
pub(crate) fn alloc_type_type(t: TypeObject) -> Obj {
    let layout = t.alloc_layout();
    let gc = t.gc_header_size();
    // `type`'s own instance slots (its weakref list above all) start empty,
    // as `alloc_object` leaves them: the memory comes uninitialised.
    let (dictoffset, weaklistoffset, member_offsets) = (t.dictoffset, t.weaklistoffset, t.member_offsets.clone());
    // SAFETY: as `alloc_object`, except that the header points at the object
    // itself; the object is immortal, so that reference is never released.
    unsafe {
        let base = std::alloc::alloc(layout);
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        if gc != 0 {
            std::ptr::write(base.cast::<GcHeader>(), GcHeader { next: Cell::new(0), prev: Cell::new(0) });
        }
        let obj = base.add(gc).cast::<PyCell<TypeObject>>();
        let self_ptr = NonNull::new_unchecked(obj.cast::<PyObject>());
        std::ptr::write(
            obj,
            PyCell {
                header: PyObject { ob_refcnt: Cell::new(IMMORTAL_REFCNT), ob_type: Cell::new(self_ptr) },
                payload: t,
            },
        );
        if dictoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(dictoffset).cast::<Option<Obj>>(), None);
        }
        if weaklistoffset != 0 {
            std::ptr::write(obj.cast::<u8>().add(weaklistoffset).cast::<*mut PyObject>(), std::ptr::null_mut());
        }
        for off in member_offsets {
            std::ptr::write(obj.cast::<u8>().add(off).cast::<Option<Obj>>(), None);
        }
        Obj::from_owned_ptr(NonNull::new_unchecked(obj.cast()))
    }
}

/// Make an object immortal (PEP 683): its refcount never reaches zero.
pub(crate) fn make_immortal(o: &Obj) {
    o.header().ob_refcnt.set(IMMORTAL_REFCNT);
    // Immortal objects are never garbage: the collector need not see them.
    crate::gc::untrack(o);
}

/// A reference typed by its payload: an `Obj` known to hold a `T`.
#[repr(transparent)]
pub struct Ref<T: PyPayload> {
    obj: Obj,
    _t: PhantomData<T>,
}

impl<T: PyPayload> Ref<T> {
    /// The typed reference, if `obj` holds a `T`.
    pub fn try_from(obj: Obj) -> Result<Ref<T>, Obj> {
        if obj.has_payload::<T>() {
            Ok(Ref { obj, _t: PhantomData })
        } else {
            Err(obj)
        }
    }

    pub fn obj(&self) -> &Obj {
        &self.obj
    }

    pub fn into_obj(self) -> Obj {
        self.obj
    }
}

impl<T: PyPayload> Clone for Ref<T> {
    fn clone(&self) -> Self {
        Ref { obj: self.obj.clone(), _t: PhantomData }
    }
}

impl<T: PyPayload> std::ops::Deref for Ref<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a `Ref<T>` is only made for objects holding a `T`.
        unsafe { self.obj.payload_unchecked::<T>() }
    }
}

impl<T: PyPayload> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.obj.fmt(f)
    }
}

/// A mutable slot holding an optional owned reference, for payload fields
/// (a function's defaults, an exception's traceback). Accessors clone out or
/// swap, so no borrow of the slot outlives a call (DESIGN invariant 5).
pub struct ObjCell(UnsafeCell<Option<Obj>>);

impl ObjCell {
    pub const fn new(v: Option<Obj>) -> ObjCell {
        ObjCell(UnsafeCell::new(v))
    }

    pub fn some(v: Obj) -> ObjCell {
        ObjCell(UnsafeCell::new(Some(v)))
    }

    /// A new reference to the value.
    #[inline]
    pub fn get(&self) -> Option<Obj> {
        // SAFETY: the value is cloned out; no reference into the cell escapes.
        unsafe { (*self.0.get()).clone() }
    }

    /// Replace the value; the old one is dropped after the swap.
    #[inline]
    pub fn set(&self, v: Option<Obj>) {
        // SAFETY: the old value is moved out before it is dropped.
        let old = unsafe { std::mem::replace(&mut *self.0.get(), v) };
        drop(old);
    }

    #[inline]
    pub fn take(&self) -> Option<Obj> {
        // SAFETY: as `set`.
        unsafe { (*self.0.get()).take() }
    }

    #[inline]
    pub fn is_some(&self) -> bool {
        // SAFETY: a read of the discriminant only.
        unsafe { (*self.0.get()).is_some() }
    }

    /// Is the value this object?
    #[inline]
    pub fn is(&self, o: &Obj) -> bool {
        // SAFETY: a read only.
        unsafe { (*self.0.get()).as_ref().is_some_and(|v| v.is(o)) }
    }

    /// Visit the value without cloning (for GC traversal and quick checks);
    /// `f` must not run Python code.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(Option<&Obj>) -> R) -> R {
        // SAFETY: `f` takes no &Vm, so it cannot re-enter and replace the slot.
        unsafe { f((*self.0.get()).as_ref()) }
    }
}

impl Default for ObjCell {
    fn default() -> Self {
        ObjCell::new(None)
    }
}
