//! The per-thread data stack that frames of plain calls live on (CPython
//! 3.11's `_PyThreadState_PushFrame`/`_PyThreadState_PopFrame` and their
//! chunks, `Python/pystate.c`).
//!
//! A frame's header and its slots (locals, cells, free variables, value
//! stack) are one block of a chunk: pushing a frame bumps `top`, popping it
//! moves `top` back. Blocks are pushed and popped in LIFO order (a call's
//! frame is always popped before its caller's); a frame that must outlive
//! its call moves first (into its generator, `Frame::move_from_stack`, or
//! to a `frame` object's heap block, `Frame::take_to_heap`).

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::{Cell, UnsafeCell};
use std::ptr;

/// The size of a chunk, unless one frame needs more.
const CHUNK_BYTES: usize = 64 * 1024;
const CHUNK_ALIGN: usize = 16;

struct Chunk {
    base: *mut u8,
    size: usize,
    /// `top` in the chunk below when this one was started.
    prev_top: *mut u8,
}

pub(crate) struct DataStack {
    /// The first free byte of the current chunk.
    top: Cell<*mut u8>,
    /// The end of the current chunk.
    limit: Cell<*mut u8>,
    /// The start of the current chunk: popping the block there goes back
    /// to the chunk below.
    base: Cell<*mut u8>,
    /// Chunks in use, then at most one spare (kept so a recursion that
    /// goes back and forth over a chunk boundary does not allocate on each
    /// call).
    chunks: UnsafeCell<Vec<Chunk>>,
    /// How many of `chunks` are in use.
    in_use: Cell<usize>,
}

impl DataStack {
    pub(crate) fn new() -> DataStack {
        DataStack {
            top: Cell::new(ptr::null_mut()),
            limit: Cell::new(ptr::null_mut()),
            base: Cell::new(ptr::null_mut()),
            chunks: UnsafeCell::new(Vec::new()),
            in_use: Cell::new(0),
        }
    }

    /// A block of `bytes` (a multiple of 8) on top of the stack, or None if
    /// memory is exhausted.
    #[inline(always)]
    pub(crate) fn push(&self, bytes: usize) -> Option<*mut u8> {
        let top = self.top.get();
        // `bytes` is never 0, so an empty stack (both null) has no room.
        if (self.limit.get() as usize).wrapping_sub(top as usize) >= bytes {
            // The block fits in the current chunk: `top + bytes` is in it.
            self.top.set(top.wrapping_add(bytes));
            return Some(top);
        }
        self.push_chunk(bytes)
    }

    /// Pop the block at `start`, the last one pushed.
    #[inline(always)]
    pub(crate) fn pop(&self, start: *mut u8) {
        if start == self.base.get() {
            self.pop_chunk();
        } else {
            self.top.set(start);
        }
    }

    /// How many chunks the stack has (in use and spare).
    pub(crate) fn chunk_count(&self) -> usize {
        // SAFETY: read only, no other borrow is live.
        unsafe { (*self.chunks.get()).len() }
    }

    #[cold]
    #[inline(never)]
    fn push_chunk(&self, bytes: usize) -> Option<*mut u8> {
        // SAFETY: the only borrow of `chunks`; nothing here calls out.
        let chunks = unsafe { &mut *self.chunks.get() };
        let n = self.in_use.get();
        let reuse = chunks.get(n).is_some_and(|c| c.size >= bytes);
        if !reuse {
            for c in chunks.drain(n..) {
                free_chunk(&c);
            }
            let size = bytes.max(CHUNK_BYTES).checked_next_multiple_of(CHUNK_ALIGN)?;
            let layout = Layout::from_size_align(size, CHUNK_ALIGN).ok()?;
            // Zeroed, so that every byte of the stack is initialised: a
            // frame's value stack is not cleared when it is pushed (only its
            // locals are), and what lies above its stack pointer is then
            // zeros or what an earlier frame left there, never read as a
            // live value (see `Frame::push_on`).
            // SAFETY: `size` is not zero.
            let base = unsafe { alloc_zeroed(layout) };
            if base.is_null() {
                return None;
            }
            chunks.push(Chunk { base, size, prev_top: ptr::null_mut() });
        }
        let c = &mut chunks[n];
        c.prev_top = self.top.get();
        self.in_use.set(n + 1);
        self.base.set(c.base);
        self.limit.set(c.base.wrapping_add(c.size));
        self.top.set(c.base.wrapping_add(bytes));
        Some(c.base)
    }

    #[cold]
    #[inline(never)]
    fn pop_chunk(&self) {
        // SAFETY: the only borrow of `chunks`; nothing here calls out.
        let chunks = unsafe { &mut *self.chunks.get() };
        let n = self.in_use.get();
        debug_assert!(n > 0);
        // Keep the chunk being left as the spare; free the one above it.
        for c in chunks.drain(n..) {
            free_chunk(&c);
        }
        let prev_top = chunks[n - 1].prev_top;
        self.in_use.set(n - 1);
        self.top.set(prev_top);
        match n - 1 {
            0 => {
                self.base.set(ptr::null_mut());
                self.limit.set(ptr::null_mut());
            }
            k => {
                let below = &chunks[k - 1];
                self.base.set(below.base);
                self.limit.set(below.base.wrapping_add(below.size));
            }
        }
    }
}

fn free_chunk(c: &Chunk) {
    // SAFETY: `c` was allocated by `push_chunk` with this layout.
    unsafe { dealloc(c.base, Layout::from_size_align_unchecked(c.size, CHUNK_ALIGN)) }
}

impl Drop for DataStack {
    fn drop(&mut self) {
        for c in self.chunks.get_mut().drain(..) {
            free_chunk(&c);
        }
    }
}
