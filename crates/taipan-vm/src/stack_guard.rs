//! Room on the Rust stack for native code that re-enters the interpreter
//! (a Python function run from `map`, a sort key or a slot; a counted
//! native recursion): enough must be left below the running frame, or the
//! stack grows (`stacker`) before going on (DESIGN.md, invariant 6).
//!
//! `stacker::maybe_grow` asks where the stack ends on every call (a
//! thread-local and an out-of-line read of the stack pointer). Here the
//! thread remembers a window of its own stack that is known to leave
//! room, [`FAST_RED_ZONE`] above where it ends up to the address of the
//! shallowest check seen: a frame whose address is inside needs no more than a
//! subtraction and a compare. Anything else (a frame outside the window,
//! or on a segment `stacker` allocated) takes the full check.
//!
//! The window is learnt on the thread's own stack, then widened up to
//! shallower frames of that stack that take the slow path (no grown segment
//! is running: `grown` is zero). That stack stays mapped while the thread
//! lives, so no other segment can ever lie inside it, and a `ThreadState`
//! is used by its own thread only (`Vm` is `!Send`).

use std::cell::Cell;

/// The room the window guarantees: at least the largest red zone a
/// caller asks for.
const FAST_RED_ZONE: usize = 256 * 1024;

pub(crate) struct StackGuard {
    /// The lowest address inside the window (where the stack ends plus
    /// `FAST_RED_ZONE`); 1 while the window is unknown.
    floor: Cell<usize>,
    /// The window's size above `floor`; 0 while unknown.
    span: Cell<usize>,
    /// How many segments `stacker` grew are running now.
    grown: Cell<u32>,
}

impl StackGuard {
    pub(crate) const fn new() -> StackGuard {
        StackGuard { floor: Cell::new(1), span: Cell::new(0), grown: Cell::new(0) }
    }

    /// Run `f` with at least `red_zone` bytes of stack left, growing the
    /// stack by a segment of `grow` bytes when less is (as
    /// `stacker::maybe_grow`).
    #[inline(always)]
    pub(crate) fn maybe_grow<R>(&self, red_zone: usize, grow: usize, f: impl FnOnce() -> R) -> R {
        debug_assert!(red_zone <= FAST_RED_ZONE);
        if approx_stack_pointer().wrapping_sub(self.floor.get()) <= self.span.get() {
            return f();
        }
        self.maybe_grow_slow(red_zone, grow, f)
    }

    #[cold]
    #[inline(never)]
    fn maybe_grow_slow<R>(&self, red_zone: usize, grow: usize, f: impl FnOnce() -> R) -> R {
        let remaining = stacker::remaining_stack();
        if self.grown.get() == 0 {
            self.learn_window(remaining);
        }
        if remaining.is_some_and(|r| r >= red_zone) {
            return f();
        }
        self.grown.set(self.grown.get() + 1);
        let r = stacker::grow(grow, f);
        self.grown.set(self.grown.get() - 1);
        r
    }

    /// Remember the part of the thread's own stack from `FAST_RED_ZONE`
    /// above its end up to here (`remaining` bytes are left below here),
    /// or widen the window up to here. The first check is often made deep
    /// in the stack (a module imported at start-up runs nested), and the
    /// program's own frames are shallower: without widening, each of their
    /// checks would take the slow path. Only a frame on the same stack
    /// widens it: the end it computes is the window's, within the few
    /// hundred bytes by which `here` and `stacker`'s own reading of the
    /// stack pointer differ (a segment `stacker` grew is a mapping of its
    /// own, far away; and none of ours is running: `grown` is zero).
    fn learn_window(&self, remaining: Option<usize>) {
        let Some(remaining) = remaining else { return };
        let here = approx_stack_pointer();
        let floor = here.saturating_sub(remaining).saturating_add(FAST_RED_ZONE);
        if here <= floor {
            return;
        }
        if self.span.get() == 0 {
            self.floor.set(floor);
            self.span.set(here - floor);
        } else if floor.abs_diff(self.floor.get()) <= SAME_STACK_SLACK
            && here.saturating_sub(self.floor.get()) > self.span.get()
        {
            self.span.set(here - self.floor.get());
        }
    }
}

/// How far apart two readings of a stack's end may be and still be of the
/// same stack (see `learn_window`).
const SAME_STACK_SLACK: usize = 16 * 1024;

/// An address in the running function's stack frame (close enough to the
/// stack pointer for a red zone counted in kilobytes).
#[inline(always)]
fn approx_stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}
