//! Interpreter frames (CPython's `_PyInterpreterFrame`, `Python/frame.c`)
//! and the `frame` objects that expose them (`Objects/frameobject.c`).
//!
//! A `Frame` of a plain call is a block of the thread's data stack
//! (`datastack`): its header, then its `slots`: the fast locals, cells and
//! free variables, then the value stack. Frames of one thread are linked
//! through `previous` while they execute. Ownership: a frame being executed
//! is owned by the eval loop and popped off the data stack when it ends,
//! unless it must outlive its call, as CPython's: a generator's frame moves
//! into the generator object, which embeds it (RETURN_GENERATOR,
//! `move_from_stack`), and a frame that ends while a `frame` object refers
//! to it (a plain call's, or a generator's when it finishes or the
//! generator dies) moves to a heap block owned by that object
//! (`take_ownership`), so `tb_frame.f_locals` keeps working after the
//! function returned.

use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};
use std::ptr;

use taipan_compiler::code::{flags as co_flags, local_kind};

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::code::{code_of, CodeData};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::function::FunctionData;
use crate::objects::{cell, dict, str as pystr, tuple};
use crate::pystate::ThreadState;
use crate::vm::{PyErr, PyResult, Vm};

/// The value stack's invariants, checked in the crate's unit tests only:
/// as debug assertions they sat on the hottest paths of the ci build (every
/// push and every access to a local), where the measured build runs them.
macro_rules! stack_check {
    ($($t:tt)*) => {
        #[cfg(test)]
        assert!($($t)*);
    };
}

/// Who frees a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameOwner {
    /// The eval loop of the thread (a plain function call).
    Thread,
    /// A generator, coroutine or async generator object.
    Generator,
    /// A `frame` object, after the frame finished.
    FrameObject,
}

pub struct Frame {
    pub code: Obj,
    code_ptr: *const CodeData,
    pub func: Option<Obj>,
    pub globals: Obj,
    pub builtins: Obj,
    /// Whether the frame owns its `globals` and `builtins` references. A
    /// function's frame borrows them from `func` (a function's globals and
    /// builtins never change, and the frame keeps the function alive), as
    /// CPython 3.11's frames do: no reference-count updates for them per
    /// call. Borrowed ones are bitwise copies that are never released
    /// (`drop_fields`, `Drop`) nor visited by `traverse` (the function
    /// visits them).
    env_owned: bool,
    /// The locals mapping of unoptimized code (module and class bodies,
    /// `exec`); for functions, the dict `locals()` last filled.
    pub locals: Option<Obj>,
    /// Fast locals, cells and free variables, then the value stack.
    pub slots: Slots,
    pub nlocalsplus: usize,
    /// Index in `slots` of the first free stack slot.
    pub sp: usize,
    /// Code unit index of the instruction being executed (or last executed).
    pub lasti: usize,
    /// Code unit index where execution continues.
    pub next_instr: usize,
    /// The frame that called this one, while it executes.
    pub previous: *mut Frame,
    /// The `frame` object exposing this frame, once someone asked for it.
    pub frame_obj: Option<Obj>,
    /// Returning from this frame returns from `run_frame`.
    pub is_entry: bool,
    pub owner: FrameOwner,
    /// Set when a generator's frame has started (past RETURN_GENERATOR).
    pub started: bool,
}

/// A frame's slots, right after its header (on the data stack, or in a
/// `HeapFrame`'s block). Only the slots below the frame's `sp` hold values:
/// the locals are cleared when the frame is pushed (those a call fills
/// with its arguments are written instead), the value stack is not
/// (as CPython's), so a slot above `sp` holds zeros or a stale pointer an
/// earlier frame left there (the data stack's chunks are zeroed when
/// allocated, so every byte is initialised). Nothing reads, visits or drops
/// a slot above `sp`; a push writes it without dropping it. Its owner
/// (`Frame::drop_fields`, `Frame`'s `Drop`) drops the slots below `sp`.
pub struct Slots {
    ptr: *mut Option<Obj>,
    len: usize,
}

impl Deref for Slots {
    type Target = [Option<Obj>];
    #[inline(always)]
    fn deref(&self) -> &[Option<Obj>] {
        // SAFETY: `ptr` points to `len` initialised slots owned by the frame.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl DerefMut for Slots {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Option<Obj>] {
        // SAFETY: as in `deref`, and `&mut self` is the only access.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Slots {
    #[inline(always)]
    pub fn as_ptr(&self) -> *const Option<Obj> {
        self.ptr
    }

    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut Option<Obj> {
        self.ptr
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A frame that outlives its call (a generator's, or one a `frame` object
/// took over): its header and slots in one heap block, as CPython keeps a
/// generator's frame inside the generator object.
pub(crate) struct HeapFrame {
    ptr: ptr::NonNull<Frame>,
}

impl HeapFrame {
    /// The layout of a block for a frame with `len` slots.
    fn layout(len: usize) -> std::alloc::Layout {
        let bytes = HEADER_BYTES + len * std::mem::size_of::<Option<Obj>>();
        match std::alloc::Layout::from_size_align(bytes, std::mem::align_of::<Frame>()) {
            Ok(l) => l,
            // Frames have at most MAX_FRAME_SLOTS slots, so this cannot fail.
            Err(_) => std::alloc::handle_alloc_error(std::alloc::Layout::new::<Frame>()),
        }
    }
}

impl Deref for HeapFrame {
    type Target = Frame;
    #[inline(always)]
    fn deref(&self) -> &Frame {
        // SAFETY: `ptr` is the live frame this handle owns.
        unsafe { self.ptr.as_ref() }
    }
}

impl DerefMut for HeapFrame {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Frame {
        // SAFETY: as in `deref`; `&mut self` is the only access.
        unsafe { self.ptr.as_mut() }
    }
}

impl Drop for HeapFrame {
    fn drop(&mut self) {
        let f = self.ptr.as_ptr();
        // SAFETY: the handle owns the frame and its block: the frame's
        // fields are dropped once, field by field (`Frame`'s own `Drop`
        // does not run: it would clone the code object twice to keep
        // borrowed globals from being released), then the block is freed
        // with its layout.
        unsafe {
            let layout = HeapFrame::layout((*f).slots.len);
            (*f).drop_fields_unchecked();
            ptr::drop_in_place(&mut (*f).frame_obj);
            crate::object::free_block(f as *mut u8, layout);
        }
    }
}

/// The bytes of a frame's header on the data stack (its slots follow).
pub(crate) const HEADER_BYTES: usize =
    std::mem::size_of::<Frame>().next_multiple_of(std::mem::align_of::<Option<Obj>>());

impl Frame {
    /// Visit the references the frame holds (the cycle collector's view of
    /// a frame that is not executing).
    pub(crate) fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.code);
        if self.env_owned {
            visit(&self.globals);
            visit(&self.builtins);
        }
        for o in [&self.func, &self.locals, &self.frame_obj].into_iter().flatten() {
            visit(o);
        }
        for o in self.slots[..self.sp].iter().flatten() {
            visit(o);
        }
    }

    /// Drop the locals and the value stack (a finished frame in a cycle).
    pub(crate) fn clear_locals(&mut self) {
        let sp = self.sp;
        let old: Vec<Option<Obj>> = self.slots[..sp].iter_mut().map(|s| s.take()).collect();
        let locals = self.locals.take();
        self.sp = self.nlocalsplus;
        drop((old, locals));
    }

    #[inline]
    pub fn code(&self) -> &CodeData {
        // SAFETY: `code_ptr` points into the payload of `self.code`, which
        // the frame keeps alive.
        unsafe { &*self.code_ptr }
    }

    /// A frame for `code` with empty locals, on the running thread's data
    /// stack (None if memory is exhausted).
    pub fn new(code: Obj, func: Option<Obj>, globals: Obj, builtins: Obj, locals: Option<Obj>) -> Option<*mut Frame> {
        let cd = code_of(&code) as *const CodeData;
        crate::pystate::with_current(|ts| {
            // SAFETY: `cd` points into the payload of `code`, which is alive.
            Frame::for_code(ts, code, unsafe { &*cd }, func, globals, builtins, locals)
        })
    }

    /// `Frame::new` for a caller that already has the code's payload `cd`
    /// and the running thread's state `ts` (whose data stack it uses).
    #[inline]
    pub(crate) fn for_code(
        ts: &ThreadState,
        code: Obj,
        cd: &CodeData,
        func: Option<Obj>,
        globals: Obj,
        builtins: Obj,
        locals: Option<Obj>,
    ) -> Option<*mut Frame> {
        let fp = Frame::push_on(ts, code, cd, func, globals, builtins, true, 0)?;
        // SAFETY: a fresh frame that nothing else refers to yet.
        unsafe { (*fp).locals = locals };
        Some(fp)
    }

    /// The frame of a call of the function `func` (whose payload is `fd`,
    /// whose code `code` is, with payload `cd`): it borrows the function's
    /// globals and builtins. `func` None: the caller moves the function
    /// into `Frame::func` before anything else sees the frame. The first
    /// `filled` locals are not cleared: the caller writes them (with
    /// `ptr::write`, its arguments) before anything else sees the frame.
    #[inline(always)]
    pub(crate) fn for_function(
        ts: &ThreadState,
        code: Obj,
        cd: &CodeData,
        func: Option<Obj>,
        fd: &FunctionData,
        filled: usize,
    ) -> Option<*mut Frame> {
        // SAFETY: bitwise copies of the function's references, not counted:
        // the frame holds the function (so `fd`) alive while it has them,
        // and `env_owned == false` keeps them from being released.
        let (globals, builtins) = unsafe { (ptr::read(&fd.globals), ptr::read(&fd.builtins)) };
        Frame::push_on(ts, code, cd, func, globals, builtins, false, filled)
    }

    /// A frame for `code` pushed on the thread's data stack (CPython's
    /// `_PyThreadState_PushFrame` and `_PyFrame_InitializeSpecials`): the
    /// header is written in one go, the locals are empty. The callers
    /// checked that the frame's size is at most `MAX_FRAME_SLOTS`.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn push_on(
        ts: &ThreadState,
        code: Obj,
        cd: &CodeData,
        func: Option<Obj>,
        globals: Obj,
        builtins: Obj,
        env_owned: bool,
        filled: usize,
    ) -> Option<*mut Frame> {
        let size = cd.frame_size();
        let nlocalsplus = cd.nlocalsplus();
        let Some(mem) = ts.datastack.push(HEADER_BYTES + size * std::mem::size_of::<Option<Obj>>()) else {
            if !env_owned {
                // Borrowed copies: never released.
                std::mem::forget((globals, builtins));
            }
            return None;
        };
        let fp = mem as *mut Frame;
        // SAFETY: `mem` is a fresh block of the data stack, aligned for a
        // frame (blocks are multiples of 8 bytes in 16-aligned chunks),
        // with room for the header and `size` slots after it.
        unsafe {
            let slots = mem.add(HEADER_BYTES) as *mut Option<Obj>;
            // Only the locals (but the first `filled`, which the caller
            // writes): the value stack above `sp` is never read before it
            // is pushed to (see `Slots`). A call whose arguments fill all
            // its locals (most of them) clears none.
            debug_assert!(filled <= nlocalsplus);
            for i in filled..nlocalsplus {
                ptr::write(slots.add(i), None);
            }
            ptr::write(
                fp,
                Frame {
                    code,
                    code_ptr: cd as *const CodeData,
                    func,
                    globals,
                    builtins,
                    env_owned,
                    locals: None,
                    slots: Slots { ptr: slots, len: size },
                    nlocalsplus,
                    sp: nlocalsplus,
                    lasti: 0,
                    next_instr: 0,
                    previous: ptr::null_mut(),
                    frame_obj: None,
                    is_entry: false,
                    owner: FrameOwner::Thread,
                    started: false,
                },
            );
        }
        Some(fp)
    }

    /// Pop a finished frame of a plain call off the thread's data stack
    /// (CPython's `clear_thread_frame`): its references are released, or,
    /// if a `frame` object refers to it, the frame moves to the heap and
    /// that object owns it (CPython's `take_ownership`).
    ///
    /// `back` is the frame that called it (null if there is none or it
    /// never ran): a `frame` object that takes the frame keeps that one's
    /// `frame` object as its `f_back`, as CPython's does.
    ///
    /// # Safety
    /// `fp` is the last frame pushed on the running thread's data stack,
    /// not executing and not linked as anyone's `previous`; `back` is null
    /// or a live frame.
    #[inline(always)]
    pub(crate) unsafe fn pop_thread_frame(vm: &Vm, fp: *mut Frame, back: *mut Frame) {
        // SAFETY: see the function's contract.
        unsafe {
            // Unlinked already (`pop_frame`), or never linked.
            debug_assert!((*fp).previous.is_null());
            if (*fp).frame_obj.is_some() {
                Frame::pop_to_frame_object(vm, fp, back);
                return;
            }
            (*fp).drop_fields();
            vm.thread.datastack.pop(fp as *mut u8);
        }
    }

    /// Whether the frame is a plain call's that is popped off the data
    /// stack as it returns: owned by the thread and with no `frame` object
    /// to hand it to (RETURN_VALUE's fast path, `pop_returned`).
    #[inline(always)]
    pub(crate) fn pops_on_return(&self) -> bool {
        self.owner == FrameOwner::Thread && self.frame_obj.is_none()
    }

    /// Unlink and pop the running frame `fp` of a plain call that returned
    /// (RETURN_VALUE's fast path; `pops_on_return` said so), whose stack
    /// pointer is `top` (not written back to `sp`: nothing reads it): its
    /// locals and what is left on its stack are released in one pass from
    /// the first slot to `top`, the block goes back to the data stack.
    /// Returns the caller's frame, now the current one.
    ///
    /// # Safety
    /// `fp` is the thread's current frame and the last one pushed on its
    /// data stack, `pops_on_return`; `top` is its stack pointer.
    #[inline(always)]
    pub(crate) unsafe fn pop_returned(vm: &Vm, fp: *mut Frame, top: *mut Option<Obj>) -> *mut Frame {
        let ts = &vm.thread;
        // SAFETY: see the function's contract. The caller resumes with
        // `previous`, so the field itself needs no reset (the block is
        // freed). Dropping runs no Python code (finalizers are queued).
        unsafe {
            ts.recursion_depth.set(ts.recursion_depth.get() - 1);
            let prev = (*fp).previous;
            ts.current_frame.set(prev);
            let mut p = (*fp).slots.as_mut_ptr();
            while p < top {
                ptr::drop_in_place(p);
                p = p.add(1);
            }
            ptr::drop_in_place(&mut (*fp).locals);
            ptr::drop_in_place(&mut (*fp).func);
            if (*fp).env_owned {
                ptr::drop_in_place(&mut (*fp).globals);
                ptr::drop_in_place(&mut (*fp).builtins);
            }
            ptr::drop_in_place(&mut (*fp).code);
            ts.datastack.pop(fp as *mut u8);
            prev
        }
    }

    /// `pop_thread_frame` of a frame that has a `frame` object.
    ///
    /// # Safety
    /// As `pop_thread_frame`.
    #[cold]
    #[inline(never)]
    unsafe fn pop_to_frame_object(vm: &Vm, fp: *mut Frame, back: *mut Frame) {
        // SAFETY: see the function's contract.
        unsafe {
            if !back.is_null() {
                let back_obj = frame_object(vm, &mut *back);
                if let Some(fo) = &(*fp).frame_obj {
                    fdata(fo).back.set(Some(back_obj));
                }
            }
            (*fp).clear_stack();
            let heap = Frame::take_to_heap(&vm.thread, fp);
            Frame::give_to_frame_object(heap);
        }
    }

    /// Move the last frame pushed on `ts`'s data stack to the heap and pop
    /// its block; its `frame` object, if any, follows it.
    ///
    /// # Safety
    /// As `pop_thread_frame`.
    unsafe fn take_to_heap(ts: &ThreadState, fp: *mut Frame) -> HeapFrame {
        // SAFETY: guaranteed by the caller; the old block is popped without
        // dropping anything: the heap copy owns every reference now.
        unsafe {
            let heap = Frame::copy_to_heap(fp);
            ts.datastack.pop(fp as *mut u8);
            heap
        }
    }

    /// A bitwise copy of the frame at `fp` in a heap block of its own (its
    /// `frame` object, if any, now points at the copy): the frame a `frame`
    /// object takes over (CPython's `take_ownership`).
    ///
    /// # Safety
    /// `fp` is a live frame, not executing; the copy owns its references,
    /// so the original's are neither dropped nor used again.
    unsafe fn copy_to_heap(fp: *mut Frame) -> HeapFrame {
        // SAFETY: guaranteed by the caller; the block has the frame's size.
        unsafe {
            let layout = HeapFrame::layout((*fp).slots.len);
            // A block of the small-object pools when it fits: cheaper than
            // malloc and free.
            let mem = crate::object::alloc_block(layout);
            ptr::copy_nonoverlapping(fp as *const u8, mem, layout.size());
            let f = mem as *mut Frame;
            (*f).slots.ptr = mem.add(HEADER_BYTES) as *mut Option<Obj>;
            if let Some(fo) = &(*f).frame_obj {
                fdata(fo).frame.set(f);
            }
            HeapFrame { ptr: ptr::NonNull::new_unchecked(f) }
        }
    }

    /// The words a frame of `code` takes, header and slots (the tail of a
    /// generator object that embeds it).
    pub(crate) fn words_for(cd: &CodeData) -> usize {
        (HEADER_BYTES + cd.frame_size() * std::mem::size_of::<Option<Obj>>()) / std::mem::size_of::<usize>()
    }

    /// Move the last frame pushed on `ts`'s data stack into `dst` (the
    /// tail of the generator object that will own it, CPython's
    /// `_PyFrame_Copy` in RETURN_GENERATOR) and pop its block; its `frame`
    /// object, if any, follows it. The slots above `sp` are copied too (one
    /// copy of the whole block): they hold no values but are initialised
    /// memory (see `Slots`).
    ///
    /// # Safety
    /// As `pop_thread_frame`; `dst` has room for `Frame::words_for` words
    /// of the frame's code, is 8-aligned and not yet initialised.
    pub(crate) unsafe fn move_from_stack(ts: &ThreadState, fp: *mut Frame, dst: *mut u8) -> *mut Frame {
        // SAFETY: the header and the live slots are moved bitwise, and the
        // old block is popped without dropping anything: the copy owns
        // every reference now. The two blocks do not overlap (`dst` is a
        // fresh heap block).
        unsafe {
            let len = (*fp).slots.len;
            ptr::copy_nonoverlapping(fp as *const u8, dst, HEADER_BYTES + len * std::mem::size_of::<Option<Obj>>());
            let f = dst as *mut Frame;
            (*f).slots.ptr = dst.add(HEADER_BYTES) as *mut Option<Obj>;
            if let Some(fo) = &(*f).frame_obj {
                fdata(fo).frame.set(f);
            }
            ts.datastack.pop(fp as *mut u8);
            f
        }
    }

    /// Release a finished (or abandoned) frame embedded in a generator
    /// object, in place (CPython's `_PyFrame_Clear` of a generator's
    /// frame): its `frame` object, if any, takes a copy of it
    /// (`take_ownership`), else its references are dropped.
    ///
    /// # Safety
    /// `fp` is a live embedded frame, not executing and not linked; it is
    /// not used again (its memory is freed with the generator).
    pub(crate) unsafe fn release_embedded(fp: *mut Frame) {
        // SAFETY: guaranteed by the caller; a frame object's copy owns the
        // references after the bitwise copy, so the original's are not
        // dropped.
        unsafe {
            (*fp).previous = ptr::null_mut();
            (*fp).clear_stack();
            if (*fp).frame_obj.is_some() {
                Frame::give_to_frame_object(Frame::copy_to_heap(fp));
            } else {
                (*fp).drop_fields_unchecked();
            }
        }
    }

    /// Release the references of a frame on the data stack, in place.
    ///
    /// # Safety
    /// The frame is not used afterwards (its block is popped next), and it
    /// has no `frame` object (`pop_thread_frame` checked).
    #[inline(always)]
    unsafe fn drop_fields(&mut self) {
        debug_assert!(self.frame_obj.is_none());
        // SAFETY: guaranteed by the caller.
        unsafe { self.drop_fields_unchecked() }
    }

    /// `drop_fields` without the check for a `frame` object (a heap
    /// frame's owner drops that field itself).
    ///
    /// # Safety
    /// The frame is not used afterwards but for dropping its `frame_obj`.
    #[inline(always)]
    unsafe fn drop_fields_unchecked(&mut self) {
        // SAFETY: each field is dropped once; borrowed globals and builtins
        // are not released (the frame's `Drop` is not run for data-stack
        // frames). Only the slots below `sp` hold values (a finished
        // frame's `sp` is synced; see `Slots` for those above it), so
        // `slots` itself is not dropped: its memory is the data stack's.
        unsafe {
            // A loop the compiler inlines (a slice's `drop_in_place` is
            // an out-of-line call), without a bounds check.
            let p = self.slots.as_mut_ptr();
            for i in 0..self.sp {
                ptr::drop_in_place(p.add(i));
            }
            ptr::drop_in_place(&mut self.locals);
            ptr::drop_in_place(&mut self.func);
            if self.env_owned {
                ptr::drop_in_place(&mut self.globals);
                ptr::drop_in_place(&mut self.builtins);
            }
            ptr::drop_in_place(&mut self.code);
        }
    }

    /// Drop the value stack of a frame that finished.
    fn clear_stack(&mut self) {
        let (nl, sp) = (self.nlocalsplus, self.sp);
        // Dropping objects runs no Python code (finalizers are queued).
        for s in &mut self.slots[nl..sp] {
            drop(s.take());
        }
        self.sp = nl;
    }

    /// Hand a finished heap frame to its `frame` object, or free it if it
    /// has none.
    fn give_to_frame_object(mut frame: HeapFrame) {
        if let Some(fo) = frame.frame_obj.take() {
            frame.owner = FrameOwner::FrameObject;
            fdata(&fo).take_ownership(frame);
            return;
        }
        drop(frame);
    }

    // The value stack: `slots[nlocalsplus..sp]`, with room for
    // `co_stacksize` values (`for_code` sizes `slots` to at least
    // `frame_size()`). The instructions index it without bounds checks.
    // SAFETY (for every unchecked access below): a code object's stack
    // effects never take `sp` below `nlocalsplus` nor above
    // `nlocalsplus + co_stacksize`: for code our compiler made, its
    // stack-depth analysis computed `co_stacksize` from the same effects
    // (as CPython's, which CPython's own eval loop trusts the same way);
    // code made from Python (`types.CodeType`, `replace`) passed
    // `verify::verify`, which checks exactly this before the code object
    // exists. So `sp - 1 - i` (for the `i` an instruction peeks at) and
    // `sp` (for a push) are in bounds of `slots`.
    //
    // The slots above `sp` hold no values (pops take theirs, and the value
    // stack is not cleared when the frame is pushed: see `Slots`), so a
    // push writes without dropping the old contents: one load and branch
    // less on the hottest path. Pops still leave None behind, so that a
    // running generator's frame whose `sp` field lags behind its real
    // stack pointer is never traversed into a value that was popped.
    #[inline(always)]
    fn slot_ptr(&mut self, i: usize) -> *mut Option<Obj> {
        stack_check!(i < self.slots.len());
        // SAFETY: see above; `i` is in bounds of `slots`.
        unsafe { self.slots.as_mut_ptr().add(i) }
    }

    #[inline(always)]
    fn slot_ref(&self, i: usize) -> &Option<Obj> {
        stack_check!(i < self.slots.len());
        // SAFETY: see above; `i` is in bounds of `slots`.
        unsafe { self.slots.get_unchecked(i) }
    }

    /// Fast local `i` (a local, cell or free variable slot) for the
    /// instructions that name one (LOAD_FAST, STORE_FAST and their pairs).
    #[inline(always)]
    pub fn local(&self, i: usize) -> &Option<Obj> {
        // SAFETY: an instruction's local index is below `nlocalsplus` (the
        // compiler's indices, or checked by `verify`), and `slots` holds at
        // least `nlocalsplus` slots.
        self.slot_ref(i)
    }

    /// `local`, for writing.
    #[inline(always)]
    pub fn local_mut(&mut self, i: usize) -> &mut Option<Obj> {
        // SAFETY: as in `local`.
        unsafe { &mut *self.slot_ptr(i) }
    }

    #[inline(always)]
    pub fn push(&mut self, v: Obj) {
        let slot = self.slot_ptr(self.sp);
        // SAFETY: `slot` is in bounds and holds no value (see above), so
        // overwriting it drops nothing.
        unsafe {
            ptr::write(slot, Some(v));
        }
        self.sp += 1;
    }

    #[inline(always)]
    pub fn pop_opt(&mut self) -> Option<Obj> {
        self.sp -= 1;
        let slot = self.slot_ptr(self.sp);
        // SAFETY: `slot` is a valid slot of the stack; `take` leaves it
        // empty, as slots above `sp` must be.
        unsafe { (*slot).take() }
    }

    #[inline(always)]
    pub fn peek_opt(&self, i: usize) -> Option<&Obj> {
        self.slot_ref(self.sp - 1 - i).as_ref()
    }

    /// Pop `n` values, returned bottom first.
    pub fn pop_n(&mut self, n: usize) -> Vec<Obj> {
        let start = self.sp - n;
        let v: Vec<Obj> = self.slots[start..self.sp].iter_mut().map(|s| s.take().expect("stack value")).collect();
        self.sp = start;
        v
    }

    /// Pop `n` values into a new tuple (bottom first), with no vector between.
    pub fn pop_n_tuple(&mut self, vm: &crate::vm::Vm, n: usize) -> Obj {
        let start = self.sp - n;
        let it = self.slots[start..self.sp].iter_mut().map_while(Option::take);
        let t = crate::objects::tuple::new_from_iter(vm, n, it);
        self.sp = start;
        t
    }

    /// Pop `n` values into a new list (bottom first), its item array from
    /// the thread's cache of small ones.
    pub fn pop_n_list(&mut self, vm: &crate::vm::Vm, n: usize) -> Obj {
        let start = self.sp - n;
        let mut v = crate::objects::list::buffer_with_capacity(n);
        v.extend(self.slots[start..self.sp].iter_mut().map_while(Option::take));
        self.sp = start;
        vm.new_list(v)
    }

    /// Pop values until the stack holds `depth` of them.
    pub fn pop_to(&mut self, depth: usize) {
        let target = self.nlocalsplus + depth;
        while self.sp > target {
            self.sp -= 1;
            let v = self.slots[self.sp].take();
            drop(v);
        }
    }

    pub fn stack_depth(&self) -> usize {
        self.sp - self.nlocalsplus
    }

    /// The current source line.
    pub fn line(&self) -> Option<u32> {
        self.code().line_at(self.lasti)
    }

    /// The code object's flags.
    pub fn code_flags(&self) -> u32 {
        self.code().co.flags
    }

    /// `locals()`: the fast locals (and cells, free variables) copied into
    /// the frame's locals dict (CPython's `_PyFrame_FastToLocalsWithError`).
    pub fn locals_dict(&mut self, vm: &Vm) -> PyResult<Obj> {
        let optimized = self.code().has_flag(co_flags::OPTIMIZED);
        if !optimized {
            if let Some(l) = &self.locals {
                return Ok(l.clone());
            }
        }
        let d = match &self.locals {
            Some(l) => l.clone(),
            None => {
                let d = vm.new_dict();
                self.locals = Some(d.clone());
                d
            }
        };
        let code = self.code.clone();
        let cd = code_of(&code);
        let started = self.lasti > 0 || self.started;
        for i in 0..cd.nlocalsplus() {
            let kind = cd.localspluskinds[i];
            let name = cd.localsplusnames[i].clone();
            let raw = self.slots[i].clone();
            let value = if kind & local_kind::FREE != 0 {
                // Free variables are only shown in functions (not class bodies).
                if !optimized {
                    continue;
                }
                raw.and_then(|c| cell::data(&c).value.get())
            } else if kind & local_kind::CELL != 0 && started {
                raw.and_then(|c| if c.has_payload::<cell::CellData>() { cell::data(&c).value.get() } else { Some(c) })
            } else {
                raw
            };
            match value {
                Some(v) => dict::set_item(vm, &d, name, v)?,
                None => {
                    let _ = dict::data(&d).expect("dict").remove(vm, &name)?;
                }
            }
        }
        Ok(d)
    }
}

// ---- argument binding ------------------------------------------------------------------------

/// Bind call arguments to a new function frame (CPython's `initialize_locals`).
/// `args` holds the positional values then the keyword values named by
/// `kwnames`.
pub(crate) fn bind_arguments(
    vm: &Vm,
    frame: &mut Frame,
    func: &FunctionData,
    args: &[Obj],
    kwnames: Option<&Obj>,
) -> PyResult<()> {
    let code = frame.code.clone();
    let co = code_of(&code);
    let argcount = co.co.argcount as usize;
    let kwonly = co.co.kwonlyargcount as usize;
    let total_args = argcount + kwonly;
    let has_varargs = co.has_flag(co_flags::VARARGS);
    let has_varkw = co.has_flag(co_flags::VARKEYWORDS);
    let nkw = kwnames.map_or(0, tuple::len);
    let npos = args.len() - nkw;
    let qualname = || pystr::as_str_lossy(&func.qualname.get().unwrap_or_else(|| vm.none())).into_owned();

    let kwdict = if has_varkw {
        let d = vm.new_dict();
        let i = total_args + has_varargs as usize;
        frame.slots[i] = Some(d.clone());
        Some(d)
    } else {
        None
    };
    let mut args = args.iter();
    let n = npos.min(argcount);
    for j in 0..n {
        frame.slots[j] = args.next().cloned();
    }
    let extra: Vec<Obj> = args.by_ref().take(npos - n).cloned().collect();
    if has_varargs {
        frame.slots[total_args] = Some(vm.new_tuple(extra));
    } else {
        drop(extra);
    }
    if let Some(kwn) = kwnames {
        let names = tuple::items(kwn);
        for (k, (keyword, value)) in names.iter().zip(args).enumerate() {
            if pystr::data(keyword).is_none() {
                return Err(vm.type_error(format!("{}() keywords must be strings", qualname())));
            }
            let posonly = co.co.posonlyargcount as usize;
            let mut found = None;
            for j in posonly..total_args {
                if co.localsplusnames[j].is(keyword) {
                    found = Some(j);
                    break;
                }
            }
            if found.is_none() {
                for j in posonly..total_args {
                    if vm.eq(keyword, &co.localsplusnames[j])? {
                        found = Some(j);
                        break;
                    }
                }
            }
            match found {
                Some(j) => {
                    if frame.slots[j].is_some() {
                        return Err(vm.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            qualname(),
                            pystr::as_str_lossy(keyword)
                        )));
                    }
                    frame.slots[j] = Some(value.clone());
                }
                None => match &kwdict {
                    Some(d) => dict::set_item(vm, d, keyword.clone(), value.clone())?,
                    None => {
                        if posonly > 0 {
                            let mut conflicts = Vec::new();
                            for p in 0..posonly {
                                for kname in names.iter() {
                                    if co.localsplusnames[p].is(kname) || vm.eq(&co.localsplusnames[p], kname)? {
                                        conflicts.push(pystr::as_str_lossy(kname).into_owned());
                                    }
                                }
                            }
                            if !conflicts.is_empty() {
                                return Err(vm.type_error(format!(
                                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                                    qualname(),
                                    conflicts.join(", ")
                                )));
                            }
                        }
                        let _ = k;
                        return Err(vm.type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            qualname(),
                            pystr::as_str_lossy(keyword)
                        )));
                    }
                },
            }
        }
    }
    if npos > argcount && !has_varargs {
        return Err(too_many_positional(vm, frame, co, npos, func, &qualname()));
    }
    if npos < argcount {
        let defaults = func.defaults.get();
        let defs: &[Obj] = match &defaults {
            Some(d) => tuple::items(d),
            None => &[],
        };
        // The defaults belong to the last parameters; a `__defaults__`
        // longer than the parameters gives them its last items.
        let defcount = defs.len();
        let m = argcount as isize - defcount as isize;
        let required = m.max(0) as usize;
        let missing: Vec<usize> = (npos..required).filter(|&i| frame.slots[i].is_none()).collect();
        if !missing.is_empty() {
            return Err(missing_arguments(vm, co, &missing, "positional", &qualname()));
        }
        let start = if n as isize > m { (n as isize - m) as usize } else { 0 };
        for (i, d) in defs.iter().enumerate().skip(start) {
            let slot = (m + i as isize) as usize;
            if frame.slots[slot].is_none() {
                frame.slots[slot] = Some(d.clone());
            }
        }
    }
    if kwonly > 0 {
        let kwdefaults = func.kwdefaults.get();
        let mut missing = Vec::new();
        for i in argcount..total_args {
            if frame.slots[i].is_some() {
                continue;
            }
            if let Some(kd) = &kwdefaults {
                if let Some(d) = dict::get_item_opt(vm, kd, &co.localsplusnames[i])? {
                    frame.slots[i] = Some(d);
                    continue;
                }
            }
            missing.push(i);
        }
        if !missing.is_empty() {
            return Err(missing_arguments(vm, co, &missing, "keyword-only", &qualname()));
        }
    }
    Ok(())
}

fn too_many_positional(
    vm: &Vm,
    frame: &Frame,
    co: &CodeData,
    given: usize,
    func: &FunctionData,
    qualname: &str,
) -> crate::vm::PyErr {
    let argcount = co.co.argcount as usize;
    let kwonly_given =
        (argcount..argcount + co.co.kwonlyargcount as usize).filter(|&i| frame.slots[i].is_some()).count();
    let defcount = func.defaults.get().map_or(0, |d| tuple::len(&d));
    let (sig, plural) = if defcount > 0 {
        (format!("from {} to {}", argcount - defcount, argcount), true)
    } else {
        (format!("{argcount}"), argcount != 1)
    };
    let kwonly_sig = if kwonly_given > 0 {
        format!(
            " positional argument{} (and {} keyword-only argument{})",
            if given != 1 { "s" } else { "" },
            kwonly_given,
            if kwonly_given != 1 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    vm.type_error(format!(
        "{}() takes {} positional argument{} but {}{} {} given",
        qualname,
        sig,
        if plural { "s" } else { "" },
        given,
        kwonly_sig,
        if given == 1 && kwonly_given == 0 { "was" } else { "were" }
    ))
}

fn missing_arguments(vm: &Vm, co: &CodeData, missing: &[usize], kind: &str, qualname: &str) -> crate::vm::PyErr {
    let names: Vec<String> =
        missing.iter().map(|&i| format!("'{}'", pystr::as_str_lossy(&co.localsplusnames[i]))).collect();
    let len = names.len();
    let name_str = match len {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!("{}, {}, and {}", names[..len - 2].join(", "), names[len - 2], names[len - 1]),
    };
    vm.type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qualname,
        len,
        kind,
        if len == 1 { "" } else { "s" },
        name_str
    ))
}

/// The frame the eval loop runs, with the top of its value stack in a
/// local (CPython's `stack_pointer`): the handlers push, pop and peek
/// through it, and `Frame::sp` is only written back (`sync`) where someone
/// else reads it: before the loop leaves the frame (a call links a new
/// one, a return, a generator's yield), when an exception unwinds it, and
/// around trace functions (whose `f_lineno` jumps read the stack depth).
/// Nothing else looks at the value stack of a running frame: `f_locals`,
/// tracebacks and `f_lineno` read the locals and `lasti`, and the cycle
/// collector visits slots by their contents, not by `sp`.
///
/// It derefs to the frame for reading its fields; there is no `DerefMut`,
/// so code that needs `&mut Frame` goes through `escape` (which syncs both
/// ways) and cannot see a stale `sp` by accident.
pub(crate) struct Running<'a> {
    frame: &'a mut Frame,
    /// The first free stack slot (`slots[sp]`).
    top: *mut Option<Obj>,
}

impl std::ops::Deref for Running<'_> {
    type Target = Frame;
    #[inline(always)]
    fn deref(&self) -> &Frame {
        &*self.frame
    }
}

// SAFETY (for every raw-pointer access below): `top` always points into
// `frame.slots`, between `nlocalsplus` and `nlocalsplus + co_stacksize`
// (the same invariant as `Frame::sp`, see the value stack's comment in
// `impl Frame`); `slots` is never reallocated while its frame runs.
impl<'a> Running<'a> {
    #[inline(always)]
    pub(crate) fn new(frame: &'a mut Frame) -> Running<'a> {
        stack_check!(frame.sp <= frame.slots.len());
        // SAFETY: `sp` is at most `slots.len()`.
        let top = unsafe { frame.slots.as_mut_ptr().add(frame.sp) };
        Running { frame, top }
    }

    /// The start of `slots`, for offsets and comparisons (never written
    /// through).
    #[inline(always)]
    fn base(&self) -> *const Option<Obj> {
        self.frame.slots.as_ptr()
    }

    /// `sp` as an index of `slots`.
    #[inline(always)]
    fn sp(&self) -> usize {
        // SAFETY: `top` and `base` point into the same allocation.
        unsafe { (self.top as *const Option<Obj>).offset_from(self.base()) as usize }
    }

    /// Write the stack pointer back to the frame.
    #[inline(always)]
    pub(crate) fn sync(&mut self) {
        self.frame.sp = self.sp();
    }

    /// Sync and record where execution continues: the loop is leaving
    /// this frame (for a callee, a trace jump, or a suspension).
    #[inline(always)]
    pub(crate) fn leave(&mut self, next_instr: usize) {
        self.sync();
        self.frame.next_instr = next_instr;
    }

    /// Run `f` on the frame itself, with `sp` synced before and reloaded
    /// after (`f` may push or pop).
    #[inline(always)]
    pub(crate) fn escape<R>(&mut self, f: impl FnOnce(&mut Frame) -> R) -> R {
        self.sync();
        let r = f(&mut *self.frame);
        stack_check!(self.frame.sp <= self.frame.slots.len());
        // SAFETY: `f` kept `sp` within the stack.
        self.top = unsafe { self.frame.slots.as_mut_ptr().add(self.frame.sp) };
        r
    }

    /// Run `f`, a function the compiler may not inline, on a copy of this
    /// `Running` whose stack pointer is taken back afterwards. The eval
    /// loop passes its `Running` to such functions only through here, so
    /// its address is never taken and the compiler can keep the stack
    /// pointer in a register instead of loading and storing it in memory
    /// at every push and pop.
    #[inline(always)]
    pub(crate) fn out<R>(&mut self, f: impl FnOnce(&mut Running<'_>) -> R) -> R {
        let mut copy = Running { frame: &mut *self.frame, top: self.top };
        let r = f(&mut copy);
        self.top = copy.top;
        r
    }

    /// The running frame's address: the eval loop's only record of which
    /// frame runs (it unlinks and releases the frame through it at a return).
    #[inline(always)]
    pub(crate) fn as_ptr(&mut self) -> *mut Frame {
        &mut *self.frame
    }

    /// The stack pointer itself (RETURN_VALUE's fast path releases the
    /// slots below it without writing it back: `Frame::pop_returned`).
    #[inline(always)]
    pub(crate) fn top_ptr(&self) -> *mut Option<Obj> {
        self.top
    }

    /// The frame, with its stack pointer written back (the loop stops
    /// running it: an exception unwinds it).
    #[inline(always)]
    pub(crate) fn into_frame(mut self) -> &'a mut Frame {
        self.sync();
        self.frame
    }

    #[inline(always)]
    pub(crate) fn set_lasti(&mut self, pc: usize) {
        self.frame.lasti = pc;
    }

    /// `Frame::local_mut`: the locals are below the stack, so writing one
    /// leaves `top` valid.
    #[inline(always)]
    pub(crate) fn local_mut(&mut self, i: usize) -> &mut Option<Obj> {
        self.frame.local_mut(i)
    }

    #[inline(always)]
    pub(crate) fn push(&mut self, v: Obj) {
        self.push_opt(Some(v));
    }

    #[inline(always)]
    pub(crate) fn push_opt(&mut self, v: Option<Obj>) {
        // SAFETY: `top` is in bounds and holds no value (slots above `sp`
        // hold none, see `Slots`), so overwriting it drops nothing.
        unsafe {
            ptr::write(self.top, v);
            self.top = self.top.add(1);
        }
    }

    #[inline(always)]
    pub(crate) fn pop(&mut self) -> Obj {
        let v = self.pop_opt();
        debug_assert!(v.is_some(), "stack value");
        // SAFETY: an instruction pops a value (not a NULL) only where its
        // code has one: CPython's compiler puts NULLs only below a call's
        // callable (PUSH_NULL, LOAD_GLOBAL, LOAD_METHOD) and the call
        // consumes them, and `verify` checks the same of code made from
        // Python (its abstract stack marks the entries that may be NULL),
        // as does the `f_lineno` setter's stack analysis for its jumps.
        unsafe { v.unwrap_unchecked() }
    }

    /// `pop` that leaves the value's bits in its slot: only for a frame
    /// about to be released below the new `top` (RETURN_VALUE's fast
    /// path), whose slots nothing visits meanwhile.
    #[inline(always)]
    pub(crate) fn pop_uncleared(&mut self) -> Obj {
        // SAFETY: as in `pop`; the slot above `top` then holds a stale
        // copy, which nothing reads, visits or drops (see `Slots`).
        unsafe {
            self.top = self.top.sub(1);
            ptr::read(self.top).unwrap_unchecked()
        }
    }

    #[inline(always)]
    pub(crate) fn pop_opt(&mut self) -> Option<Obj> {
        // SAFETY: the stack is not empty when an instruction pops; `take`
        // leaves the slot empty, as slots above `sp` must be.
        unsafe {
            self.top = self.top.sub(1);
            (*self.top).take()
        }
    }

    /// The value `i` slots below the top (0 is the top).
    #[inline(always)]
    pub(crate) fn peek(&self, i: usize) -> &Obj {
        let v = self.peek_opt(i);
        debug_assert!(v.is_some(), "stack value");
        // SAFETY: as in `pop`: the entry is a value, not a NULL.
        unsafe { v.unwrap_unchecked() }
    }

    #[inline(always)]
    pub(crate) fn peek_opt(&self, i: usize) -> Option<&Obj> {
        // SAFETY: an instruction peeks only at values it has on the stack.
        unsafe { (*self.top.sub(1 + i)).as_ref() }
    }

    /// Replace the value `i` slots below the top.
    #[inline(always)]
    pub(crate) fn set_peek(&mut self, i: usize, v: Option<Obj>) -> Option<Obj> {
        // SAFETY: as in `peek_opt`.
        unsafe { std::mem::replace(&mut *self.top.sub(1 + i), v) }
    }

    /// Swap the top with the value `n - 1` slots below it (SWAP n).
    #[inline(always)]
    pub(crate) fn swap_top(&mut self, n: usize) {
        // SAFETY: as in `peek_opt`; the two slots are distinct or equal
        // (`ptr::swap` allows overlap).
        unsafe { ptr::swap(self.top.sub(1), self.top.sub(n)) }
    }

    /// `Frame::top_slice`.
    #[inline(always)]
    pub(crate) fn top_slice(&self, n: usize) -> Option<&[Obj]> {
        // SAFETY: the top `n` slots are on the stack.
        let s = unsafe { std::slice::from_raw_parts(self.top.sub(n) as *const Option<Obj>, n) };
        if s.iter().any(Option::is_none) {
            return None;
        }
        // SAFETY: `Option<Obj>` has `Obj`'s layout with None as null, and
        // every item was just checked to be Some.
        Some(unsafe { std::slice::from_raw_parts(s.as_ptr() as *const Obj, n) })
    }

    /// Take the top `n` values out of their slots into `dst` (bottom first)
    /// and pop them: a call's arguments moving into the callee's locals.
    /// The first `n` slots of `dst` hold no values (a fresh frame's locals
    /// that `Frame::for_function` left for the arguments), so they are
    /// written without a drop.
    #[inline(always)]
    pub(crate) fn move_top_into(&mut self, n: usize, dst: &mut [Option<Obj>]) {
        stack_check!(n <= dst.len());
        // SAFETY: the top `n` slots are on the stack; `dst` is another
        // frame's slots with room for them (the callee's locals are at
        // least its arguments), so the two do not overlap; what `dst` held
        // is no value. Raw pointers and the count as given: no `min` of
        // the lengths in front of the (usually one to three) moves.
        unsafe {
            let src = self.top.sub(n);
            self.top = src;
            let d = dst.as_mut_ptr();
            for i in 0..n {
                ptr::write(d.add(i), (*src.add(i)).take());
            }
        }
    }

    /// Pop a call's `total` arguments, the callable below them and (unless
    /// `is_meth`) the NULL below that into the fresh frame `callee`: the
    /// arguments become its first locals and the callable its `func`, the
    /// stack's references moved as CPython's CALL_PY_EXACT_ARGS moves them.
    /// The slots they leave are not cleared: the caller writes its stack
    /// pointer back (`leave`) before anything else can look at the frame,
    /// and slots above `sp` may hold stale pointers (see `Slots`).
    #[inline(always)]
    pub(crate) fn pop_call_into(&mut self, total: usize, is_meth: bool, callee: &mut Frame) {
        stack_check!(total <= callee.nlocalsplus && callee.func.is_none());
        // SAFETY: the top `total + 1` slots (and the NULL's when `!is_meth`)
        // are on the stack; `callee` is another frame whose first `total`
        // locals and `func` hold no values (`Frame::for_function` left them
        // for the caller and was given no function), so they are written
        // without a drop. The NULL holds no reference: nothing to move.
        unsafe {
            let src = self.top.sub(total);
            let dst = callee.slots.as_mut_ptr();
            // Most calls pass one to three arguments: those counts are
            // straight-line moves (the loop's vectorised form and its
            // remainder loop cost more than the moves themselves).
            match total {
                0 => {}
                1 => ptr::write(dst, ptr::read(src)),
                2 => ptr::copy_nonoverlapping(src, dst, 2),
                3 => ptr::copy_nonoverlapping(src, dst, 3),
                _ => ptr::copy_nonoverlapping(src, dst, total),
            }
            ptr::write(&mut callee.func, ptr::read(src.sub(1)));
            self.top = src.sub(1 + !is_meth as usize);
        }
    }

    // The methods below take `&mut self` and are always inlined: a call
    // would take the address of the eval loop's `Running` (see `out`).

    /// Pop `n` values, returned bottom first.
    #[inline(always)]
    pub(crate) fn pop_n(&mut self, n: usize) -> Vec<Obj> {
        self.escape(|f| f.pop_n(n))
    }

    /// Pop `n` values into a new tuple (`Frame::pop_n_tuple`).
    #[inline(always)]
    pub(crate) fn pop_n_tuple(&mut self, vm: &crate::vm::Vm, n: usize) -> Obj {
        self.escape(|f| f.pop_n_tuple(vm, n))
    }

    /// Pop `n` values into a new list (`Frame::pop_n_list`).
    #[inline(always)]
    pub(crate) fn pop_n_list(&mut self, vm: &crate::vm::Vm, n: usize) -> Obj {
        self.escape(|f| f.pop_n_list(vm, n))
    }

    /// Pop values until the stack holds `depth` of them.
    #[inline(always)]
    pub(crate) fn pop_to(&mut self, depth: usize) {
        // SAFETY: `depth` is at most the current depth.
        let target = unsafe { self.base().add(self.frame.nlocalsplus + depth) };
        while (self.top as *const Option<Obj>) > target {
            drop(self.pop_opt());
        }
    }

    #[inline(always)]
    pub(crate) fn stack_depth(&self) -> usize {
        self.sp() - self.frame.nlocalsplus
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        let sp = self.sp;
        // SAFETY: the slots below `sp` hold the frame's values, dropped
        // once here; those above it are not values (see `Slots`).
        unsafe { ptr::drop_in_place(&mut self.slots[..sp]) };
        if !self.env_owned {
            // Borrowed references must not be released: put owned ones
            // (the code object's) in their place for the fields' drop.
            // SAFETY: the borrowed copies are overwritten, not dropped.
            unsafe {
                ptr::write(&mut self.globals, self.code.clone());
                ptr::write(&mut self.builtins, self.code.clone());
            }
        }
    }
}

// ---- frame objects ---------------------------------------------------------------------------

/// The payload of a `frame` object: it points at a frame that is running
/// (or suspended in a generator), or owns one that has finished.
pub(crate) struct FrameObjectData {
    frame: Cell<*mut Frame>,
    owned: UnsafeCell<Option<HeapFrame>>,
    /// The local trace function (`f_trace`).
    pub(crate) trace: crate::object::ObjCell,
    /// `f_back` once this object owns its frame (CPython's `f_back`): the
    /// caller's `frame` object, kept when the frame finished.
    back: crate::object::ObjCell,
    pub(crate) trace_lines: Cell<bool>,
    pub(crate) trace_opcodes: Cell<bool>,
    /// The line a trace function sees (CPython's `f->f_lineno`): set
    /// while one runs, 0 otherwise (then the line comes from `lasti`).
    pub(crate) lineno: Cell<u32>,
    /// Where a trace function's `f_lineno = n` moved execution.
    pub(crate) jump_to: Cell<Option<usize>>,
    /// The generator (or coroutine) whose frame this is, recorded each time
    /// it is suspended and by `gi_frame` (null: not known, the frame runs);
    /// `frame.clear()` closes it (CPython's `_PyFrame_GetGenerator`). Not a
    /// reference: it is only read while the frame's owner is `Generator`,
    /// that is while the generator owns the frame and so is alive.
    generator: Cell<*mut crate::object::PyObject>,
}
impl PyPayload for FrameObjectData {
    /// A finished frame this object owns is traversed; a running or
    /// suspended one belongs to its thread or generator.
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        // SAFETY: read only; no Python code runs.
        if let Some(f) = unsafe { (*self.owned.get()).as_ref() } {
            f.traverse(visit);
        }
        if let Some(t) = self.trace.get() {
            visit(&t);
        }
        if let Some(b) = self.back.get() {
            visit(&b);
        }
    }

    fn clear(&self) {
        // SAFETY: the owned frame is not executing; values are moved out
        // before they are dropped.
        if let Some(f) = unsafe { (*self.owned.get()).as_mut() } {
            f.clear_locals();
        }
        drop(self.trace.take());
        drop(self.back.take());
    }
}

impl FrameObjectData {
    fn take_ownership(&self, frame: HeapFrame) {
        let p = &*frame as *const Frame as *mut Frame;
        self.frame.set(p);
        // SAFETY: only this function and Drop touch `owned`, and neither
        // runs Python code while the reference is live.
        let old = unsafe { (*self.owned.get()).replace(frame) };
        drop(old);
    }

    /// The frame, for reading.
    pub(crate) fn frame(&self) -> &Frame {
        // SAFETY: the pointer is either a live executing/suspended frame
        // (whose owner clears `frame_obj`'s link before freeing it, handing
        // it over with `take_ownership`) or the frame this object owns.
        unsafe { &*self.frame.get() }
    }

    /// The frame, for `f_locals` (which refreshes the locals dict).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn frame_mut(&self) -> &mut Frame {
        // SAFETY: as `frame`; callers use it only for short updates that run
        // no Python code concurrently with another borrow of the frame.
        unsafe { &mut *self.frame.get() }
    }
}

pub(crate) fn type_object() -> TypeObject {
    let t = TypeObject::new::<FrameObjectData>(
        "frame",
        std::mem::size_of::<PyCell<FrameObjectData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.repr.set(Some(frame_repr));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.frame;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("f_code", |_, o| Ok(fdata(o).frame().code.clone()), None),
            GetSetDef::new("f_globals", |_, o| Ok(fdata(o).frame().globals.clone()), None),
            GetSetDef::new("f_builtins", |_, o| Ok(fdata(o).frame().builtins.clone()), None),
            GetSetDef::new("f_locals", |vm, o| fdata(o).frame_mut().locals_dict(vm), None),
            GetSetDef::new("f_lineno", frame_lineno, Some(super::trace::set_lineno)),
            GetSetDef::new("f_lasti", |vm, o| Ok(vm.new_int(fdata(o).frame().lasti as i64 * 2)), None),
            GetSetDef::new("f_back", frame_back, None),
            GetSetDef::new("f_trace", |vm, o| Ok(fdata(o).trace.get().unwrap_or_else(|| vm.none())), Some(set_trace)),
            GetSetDef::new("f_trace_lines", |vm, o| Ok(vm.bool_obj(fdata(o).trace_lines.get())), Some(set_trace_lines)),
            GetSetDef::new(
                "f_trace_opcodes",
                |vm, o| Ok(vm.bool_obj(fdata(o).trace_opcodes.get())),
                Some(set_trace_opcodes),
            ),
        ],
    );
    add_methods(vm, ty, &[MethodDef::method("clear", frame_clear)]);
}

pub(crate) fn fdata(o: &Obj) -> &FrameObjectData {
    o.payload::<FrameObjectData>().expect("a frame object")
}

/// `f_lineno`: the line a trace function was called for, else the line of
/// the current instruction.
fn frame_lineno(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = fdata(o);
    match d.lineno.get() {
        0 => Ok(opt_line(vm, d.frame().line())),
        l => Ok(vm.new_int(l as i64)),
    }
}

fn set_trace(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    fdata(o).trace.set(v.filter(|v| !vm.is_none(v)).cloned());
    Ok(())
}

fn bool_attr(vm: &Vm, v: Option<&Obj>) -> PyResult<bool> {
    match v {
        Some(v) if v.type_is(&vm.ctx.types.bool_) => vm.is_true(v),
        _ => Err(vm.type_error("attribute value type must be bool")),
    }
}

fn set_trace_lines(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    fdata(o).trace_lines.set(bool_attr(vm, v)?);
    Ok(())
}

fn set_trace_opcodes(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    fdata(o).trace_opcodes.set(bool_attr(vm, v)?);
    Ok(())
}

fn opt_line(vm: &Vm, l: Option<u32>) -> Obj {
    l.map(|l| vm.new_int(l as i64)).unwrap_or_else(|| vm.none())
}

/// The `frame` object of a frame, made on first use.
pub(crate) fn frame_object(vm: &Vm, frame: &mut Frame) -> Obj {
    if let Some(fo) = &frame.frame_obj {
        return fo.clone();
    }
    let fo = alloc_object(
        &vm.ctx.types.frame,
        FrameObjectData {
            frame: Cell::new(frame as *mut Frame),
            owned: UnsafeCell::new(None),
            trace: crate::object::ObjCell::new(None),
            back: crate::object::ObjCell::new(None),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
            lineno: Cell::new(0),
            jump_to: Cell::new(None),
            generator: Cell::new(std::ptr::null_mut()),
        },
    );
    frame.frame_obj = Some(fo.clone());
    fo
}

/// `gen` owns the frame behind the `frame` object `fo` and is not running
/// it (see `FrameObjectData::generator`).
pub(crate) fn set_frame_generator(fo: &Obj, gen: &Obj) {
    fdata(fo).generator.set(gen.as_ptr());
}

fn frame_back(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = fdata(o);
    let f = d.frame_mut();
    if f.owner == FrameOwner::FrameObject {
        return Ok(d.back.get().unwrap_or_else(|| vm.none()));
    }
    if f.previous.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: `previous` links frames that are executing on this thread.
    let prev = unsafe { &mut *f.previous };
    Ok(frame_object(vm, prev))
}

fn frame_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = fdata(o).frame();
    let c = f.code();
    Ok(vm.new_str_from_string(format!(
        "<frame at {:#x}, file '{}', line {}, code {}>",
        o.id(),
        pystr::as_str_lossy(&c.filename()),
        f.line().unwrap_or(0),
        pystr::as_str_lossy(&c.name)
    )))
}

fn frame_clear(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = fdata(o);
    match d.frame().owner {
        FrameOwner::Thread => Err(clear_executing(vm)),
        FrameOwner::Generator => {
            // A suspended generator is closed, as if it were garbage
            // (CPython's `_PyGen_Finalize`); a running one is refused.
            let Some(p) = std::ptr::NonNull::new(d.generator.get()) else { return Err(clear_executing(vm)) };
            // SAFETY: the generator owns this frame (its owner is
            // `Generator`), so it is alive; see `FrameObjectData::generator`.
            let gen = unsafe { Obj::from_borrowed_ptr(p) };
            if crate::objects::generator::is_running(&gen) {
                return Err(clear_executing(vm));
            }
            crate::objects::generator::gen_finalize(vm, &gen);
            Ok(vm.none())
        }
        FrameOwner::FrameObject => {
            let fm = d.frame_mut();
            // Only the slots below `sp` hold values (see `Slots`).
            let sp = fm.sp;
            let slots: Vec<Option<Obj>> = fm.slots[..sp].iter_mut().map(|s| s.take()).collect();
            drop(slots);
            Ok(vm.none())
        }
    }
}

fn clear_executing(vm: &Vm) -> PyErr {
    vm.runtime_error("cannot clear an executing frame")
}

impl Drop for FrameObjectData {
    fn drop(&mut self) {
        // A frame object that does not own its frame is dying while the
        // frame still runs: unlink it so the frame does not point back.
        let owned = self.owned.get_mut().take();
        if owned.is_none() {
            let p = self.frame.get();
            if !p.is_null() {
                // SAFETY: the frame is live (it would own us otherwise... we
                // only get here once its `frame_obj` reference was dropped,
                // which happens when the frame is released or cleared).
                let _ = p;
            }
        }
        drop(owned);
    }
}
