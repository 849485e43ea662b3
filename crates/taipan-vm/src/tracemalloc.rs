//! Tracing of the memory blocks Python objects live in (CPython's
//! `Python/tracemalloc.c`): while tracing is on, each object allocation
//! records its size and the Python traceback that made it (up to the
//! configured number of frames), and freeing the object removes the
//! record. `_tracemalloc` in taipan-stdlib is the module's face.
//!
//! As in CPython, the state is the process's, not an interpreter's
//! (`_PyRuntime.tracemalloc`): one switch, read by the allocator with one
//! relaxed load and a predictable branch when tracing is off, and one table
//! behind a mutex, taken only while tracing. Nothing under the mutex
//! allocates or frees a Python object (the hooks would re-enter it): the
//! tables hold plain data, and the filenames they keep alive are dropped
//! after the mutex is released.
//!
//! Sizes are Taipan's: an object's block (its size class, or its layout
//! with the GC header) plus what its payload reports on the heap when it
//! is made (`PyPayload::heap_size`); they differ from CPython's bytes.

use std::collections::{HashMap, HashSet};
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::object::{Obj, PyObject};

/// The domain of Python's own allocations (CPython's `DEFAULT_DOMAIN`).
pub const DEFAULT_DOMAIN: u32 = 0;

/// The largest traceback limit `start()` accepts.
pub const MAX_NFRAME: u32 = 65535;

static TRACING: AtomicBool = AtomicBool::new(false);

static TABLES: Mutex<Option<Tables>> = Mutex::new(None);

/// Is tracing on? The allocator's test (one load, no fence).
#[inline(always)]
pub(crate) fn tracing() -> bool {
    TRACING.load(Ordering::Relaxed)
}

/// A filename the tables keep alive, by its index in `Tables::filenames`.
type FilenameId = u32;

/// One frame of a traceback: (filename, line number; 0 when unknown).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct FrameKey {
    filename: FilenameId,
    lineno: u32,
}

/// A traceback, most recent frame first, with the number of frames the
/// stack really had (CPython's `total_nframe`).
#[derive(PartialEq, Eq, Hash)]
struct TracebackData {
    frames: Box<[FrameKey]>,
    total_nframe: u32,
}

struct Trace {
    size: usize,
    traceback: Rc<TracebackData>,
    /// When it was made: `_get_traces` lists the newest first.
    seq: u64,
}

/// An owned reference the tables keep (a filename `str`).
struct Kept(Obj);

// SAFETY: a `Kept` is only cloned or dropped by a thread holding the GIL of
// the interpreter whose objects are traced (the allocator hooks and the
// `_tracemalloc` functions run under it); the mutex only satisfies `Sync`.
unsafe impl Send for Kept {}

// SAFETY: as `Kept`: the `Rc`s inside are only touched under the mutex by
// a thread holding the GIL.
unsafe impl Send for Tables {}

struct Tables {
    max_nframe: u32,
    traces: HashMap<(u32, usize), Trace>,
    /// Tracebacks shared by the traces that have the same one.
    tracebacks: HashSet<Rc<TracebackData>>,
    filenames: Vec<Kept>,
    filename_ids: HashMap<usize, FilenameId>,
    traced_memory: usize,
    peak_traced_memory: usize,
    next_seq: u64,
}

impl Tables {
    fn new(max_nframe: u32) -> Tables {
        Tables {
            max_nframe,
            traces: HashMap::new(),
            tracebacks: HashSet::new(),
            filenames: Vec::new(),
            filename_ids: HashMap::new(),
            traced_memory: 0,
            peak_traced_memory: 0,
            next_seq: 0,
        }
    }

    /// Forget every trace; the filenames are handed back to be dropped
    /// once the mutex is released.
    fn clear(&mut self) -> Vec<Kept> {
        // The tables shrink back as CPython's `_Py_hashtable_clear` rehashes
        // to its minimum size, so `get_tracemalloc_memory()` after a clear
        // reports less than before it (test_get_tracemalloc_memory), even
        // when traces made in between add to the tables.
        self.traces = HashMap::new();
        self.tracebacks = HashSet::new();
        self.filename_ids = HashMap::new();
        self.traced_memory = 0;
        self.peak_traced_memory = 0;
        std::mem::take(&mut self.filenames)
    }

    fn filename_id(&mut self, filename: Option<&Obj>) -> FilenameId {
        let Some(f) = filename else { return self.unknown_filename() };
        if let Some(&id) = self.filename_ids.get(&f.id()) {
            return id;
        }
        let id = self.filenames.len() as FilenameId;
        self.filenames.push(Kept(f.clone()));
        self.filename_ids.insert(f.id(), id);
        id
    }

    /// `<unknown>` is filename id `u32::MAX`.
    fn unknown_filename(&self) -> FilenameId {
        FilenameId::MAX
    }

    fn intern(&mut self, tb: TracebackData) -> Rc<TracebackData> {
        if let Some(t) = self.tracebacks.get(&tb) {
            return t.clone();
        }
        let t = Rc::new(tb);
        self.tracebacks.insert(t.clone());
        t
    }

    fn add(&mut self, domain: u32, ptr: usize, size: usize, traceback: Rc<TracebackData>) {
        self.next_seq += 1;
        let seq = self.next_seq;
        if let Some(old) = self.traces.insert((domain, ptr), Trace { size, traceback, seq }) {
            self.traced_memory -= old.size;
        }
        self.traced_memory += size;
        self.peak_traced_memory = self.peak_traced_memory.max(self.traced_memory);
    }

    fn remove(&mut self, domain: u32, ptr: usize) -> bool {
        match self.traces.remove(&(domain, ptr)) {
            Some(t) => {
                self.traced_memory -= t.size;
                if Rc::strong_count(&t.traceback) == 2 {
                    self.tracebacks.remove(&t.traceback);
                }
                true
            }
            None => false,
        }
    }
}

fn lock() -> MutexGuard<'static, Option<Tables>> {
    // A poisoned lock only means a panic elsewhere; the tables stay usable.
    TABLES.lock().unwrap_or_else(|e| e.into_inner())
}

/// A frame still in its prologue (before its first RESUME: making cells,
/// copying free variables) is not shown, as CPython's
/// `_PyFrame_IsIncomplete`: what it allocates counts for its caller.
fn is_incomplete(frame: &crate::eval::Frame) -> bool {
    !matches!(frame.owner, crate::eval::frame::FrameOwner::Generator)
        && frame.lasti < crate::eval::trace::first_traceable(frame.code())
}

/// The running thread's Python stack, most recent frame first, as
/// (code filename, line) keys, at most `limit` of them, with the total depth.
fn current_traceback(t: &mut Tables) -> TracebackData {
    let limit = t.max_nframe as usize;
    let ts = crate::pystate::current_thread_ptr();
    // SAFETY: a non-null CURRENT is the live thread state of this thread.
    let mut f = if ts.is_null() { std::ptr::null_mut() } else { unsafe { (*ts).current_frame.get() } };
    let mut frames = Vec::new();
    let mut total = 0u32;
    while !f.is_null() {
        // SAFETY: `f` is a link of this thread's frame chain, which only
        // this thread (holding the GIL) changes.
        let frame = unsafe { &*f };
        f = frame.previous;
        if is_incomplete(frame) {
            continue;
        }
        if frames.len() < limit {
            let code = frame.code();
            let lineno = code.line_at_cached(frame.lasti).unwrap_or(0);
            let filename = code.with_filename(|fname| t.filename_id(fname));
            frames.push(FrameKey { filename, lineno });
        }
        total = total.saturating_add(1);
    }
    if frames.is_empty() {
        frames.push(FrameKey { filename: t.unknown_filename(), lineno: 0 });
        total = total.max(1);
    }
    TracebackData { frames: frames.into_boxed_slice(), total_nframe: total }
}

/// The allocator's hook: the object at `p` was just allocated with `size`
/// bytes (called only while tracing).
#[cold]
#[inline(never)]
pub(crate) fn on_alloc(p: NonNull<PyObject>, size: usize) {
    let mut g = lock();
    let Some(t) = g.as_mut() else { return };
    let tb = current_traceback(t);
    let tb = t.intern(tb);
    t.add(DEFAULT_DOMAIN, p.as_ptr() as usize, size, tb);
}

/// The allocator's hook: the object at `p` is being freed (called only
/// while tracing).
#[cold]
#[inline(never)]
pub(crate) fn on_free(p: NonNull<PyObject>) {
    let mut g = lock();
    if let Some(t) = g.as_mut() {
        t.remove(DEFAULT_DOMAIN, p.as_ptr() as usize);
    }
}

/// A variable-size buffer of an object (a list's item array) was made,
/// moved or resized from `old` to `new` ((address, bytes); (0, 0): none):
/// its trace moves to `new` with the current traceback, as CPython's
/// realloc hook does (called only while tracing).
#[cold]
#[inline(never)]
pub(crate) fn on_buffer(old: (usize, usize), new: (usize, usize)) {
    let mut g = lock();
    let Some(t) = g.as_mut() else { return };
    if old.0 != 0 {
        t.remove(DEFAULT_DOMAIN, old.0);
    }
    if new.0 != 0 {
        let tb = current_traceback(t);
        let tb = t.intern(tb);
        t.add(DEFAULT_DOMAIN, new.0, new.1, tb);
    }
}

/// The Python-visible face (`_tracemalloc`): plain data in, plain data or
/// fresh objects out, never with the mutex held across an allocation.
pub(crate) mod api {
    use super::*;
    use crate::vm::Vm;

    pub use super::{DEFAULT_DOMAIN, MAX_NFRAME};

    /// `_tracemalloc.is_tracing()`.
    pub fn is_tracing() -> bool {
        tracing()
    }

    /// `_tracemalloc.start(nframe)`: nothing changes when tracing is
    /// already on, not even the limit (CPython 3.11's `_PyTraceMalloc_Start`).
    pub fn start(vm: &Vm, nframe: u32) {
        if tracing() {
            return;
        }
        let mut g = lock();
        match g.as_mut() {
            Some(t) => t.max_nframe = nframe,
            None => *g = Some(Tables::new(nframe)),
        }
        drop(g);
        switch(vm, true);
    }

    /// `_tracemalloc.stop()`: tracing off, traces cleared.
    pub fn stop(vm: &Vm) {
        switch(vm, false);
        let dropped = lock().as_mut().map(|t| t.clear());
        drop(dropped);
    }

    /// Turn the hooks on or off: the process-wide switch and its mirror
    /// in each thread state of the interpreter (threads made later copy
    /// the switch).
    fn switch(vm: &Vm, on: bool) {
        TRACING.store(on, Ordering::Relaxed);
        vm.thread.objects.tracemalloc.set(on);
        for &(_, ts) in vm.threads.borrow().iter() {
            // SAFETY: the interpreter's thread list holds live thread
            // states; the allocator reads the flag only under the GIL,
            // which this thread holds.
            unsafe { (*ts).objects.tracemalloc.set(on) };
        }
    }

    /// `_tracemalloc.clear_traces()`.
    pub fn clear_traces() {
        let dropped = lock().as_mut().map(|t| t.clear());
        drop(dropped);
    }

    /// `_tracemalloc.get_traceback_limit()`.
    pub fn traceback_limit() -> u32 {
        lock().as_ref().map_or(1, |t| t.max_nframe)
    }

    /// `_tracemalloc.get_traced_memory()`: (current, peak).
    pub fn traced_memory() -> (usize, usize) {
        if !tracing() {
            return (0, 0);
        }
        lock().as_ref().map_or((0, 0), |t| (t.traced_memory, t.peak_traced_memory))
    }

    /// `_tracemalloc.reset_peak()`.
    pub fn reset_peak() {
        if let Some(t) = lock().as_mut() {
            t.peak_traced_memory = t.traced_memory;
        }
    }

    /// `_tracemalloc.get_tracemalloc_memory()`: what the tables take.
    pub fn tracemalloc_memory() -> usize {
        let g = lock();
        let Some(t) = g.as_ref() else { return 0 };
        let traces = t.traces.capacity() * (std::mem::size_of::<((u32, usize), Trace)>() + 1);
        let tbs: usize = t
            .tracebacks
            .iter()
            .map(|tb| std::mem::size_of::<TracebackData>() + 16 + tb.frames.len() * std::mem::size_of::<FrameKey>())
            .sum();
        let names = t.filenames.capacity() * std::mem::size_of::<Kept>()
            + t.filename_ids.capacity() * (std::mem::size_of::<(usize, FilenameId)>() + 1);
        std::mem::size_of::<Tables>() + traces + tbs + names
    }

    /// A traceback copied out of the tables: (filename, lineno) most
    /// recent first (None: `<unknown>`), and the total frame count.
    pub struct TracebackCopy {
        pub frames: Vec<(Option<Obj>, u32)>,
        pub total_nframe: u32,
    }

    fn copy_traceback(t: &Tables, tb: &TracebackData) -> TracebackCopy {
        let frames =
            tb.frames.iter().map(|f| (t.filenames.get(f.filename as usize).map(|k| k.0.clone()), f.lineno)).collect();
        TracebackCopy { frames, total_nframe: tb.total_nframe }
    }

    /// `_tracemalloc._get_object_traceback(obj)`: where `obj` was
    /// allocated, if it was while tracing.
    pub fn object_traceback(_vm: &Vm, obj: &Obj) -> Option<TracebackCopy> {
        if !tracing() {
            return None;
        }
        let g = lock();
        let t = g.as_ref()?;
        let trace = t.traces.get(&(DEFAULT_DOMAIN, obj.id()))?;
        Some(copy_traceback(t, &trace.traceback))
    }

    /// `PyTraceMalloc_Track`: trace the block at `ptr` of `domain` (an
    /// extension's own allocator) with `size` and the current traceback,
    /// replacing an earlier trace of it; false when tracing is off
    /// (CPython's -2).
    pub fn track(domain: u32, ptr: usize, size: usize) -> bool {
        if !tracing() {
            return false;
        }
        let mut g = lock();
        let Some(t) = g.as_mut() else { return false };
        let tb = current_traceback(t);
        let tb = t.intern(tb);
        t.add(domain, ptr, size, tb);
        true
    }

    /// `PyTraceMalloc_Untrack`: forget the trace of a block, if any; false
    /// when tracing is off.
    pub fn untrack(domain: u32, ptr: usize) -> bool {
        if !tracing() {
            return false;
        }
        let mut g = lock();
        if let Some(t) = g.as_mut() {
            t.remove(domain, ptr);
        }
        true
    }

    /// `_PyTraceMalloc_GetTraceback`: where the block at `ptr` of `domain`
    /// was traced, if it is.
    pub fn block_traceback(domain: u32, ptr: usize) -> Option<TracebackCopy> {
        if !tracing() {
            return None;
        }
        let g = lock();
        let t = g.as_ref()?;
        let trace = t.traces.get(&(domain, ptr))?;
        Some(copy_traceback(t, &trace.traceback))
    }

    /// `_tracemalloc._get_traces()`: (domain, size, traceback) of every
    /// trace, the newest first. Tracebacks are shared: each distinct one is
    /// copied once and the traces name it by index.
    pub fn traces(_vm: &Vm) -> (Vec<(u32, usize, usize)>, Vec<TracebackCopy>) {
        if !tracing() {
            return (Vec::new(), Vec::new());
        }
        let g = lock();
        let Some(t) = g.as_ref() else { return (Vec::new(), Vec::new()) };
        let mut index: HashMap<*const TracebackData, usize> = HashMap::new();
        let mut tbs = Vec::new();
        let mut all: Vec<(&(u32, usize), &Trace)> = t.traces.iter().collect();
        all.sort_unstable_by_key(|(_, trace)| std::cmp::Reverse(trace.seq));
        let mut out = Vec::with_capacity(all.len());
        for (&(domain, _), trace) in all {
            let key = Rc::as_ptr(&trace.traceback);
            let i = *index.entry(key).or_insert_with(|| {
                tbs.push(copy_traceback(t, &trace.traceback));
                tbs.len() - 1
            });
            out.push((domain, trace.size, i));
        }
        (out, tbs)
    }
}
