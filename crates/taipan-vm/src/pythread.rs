//! OS threads in an interpreter (CPython's `Python/thread_pthread.h` and
//! the thread parts of `Python/pystate.c`): starting a thread with its own
//! thread state, the lock primitive behind `_thread.lock`, and the
//! bookkeeping `sys._current_frames()` and `os.fork()` need.
//!
//! Objects are `!Send`, so the work handed to a new thread travels in a
//! [`Handoff`] whose contents the new thread touches only once it holds the
//! GIL: the same discipline as every other object access.

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::ceval_gil::Gil;
use crate::object::Obj;
use crate::pystate::{swap_current, Interpreter, ThreadState};
use crate::vm::{PyResult, Vm};

/// The stack of a new thread when `_thread.stack_size()` is 0 (glibc's
/// default for the main thread; deep native recursion grows it anyway).
const DEFAULT_STACK: usize = 8 * 1024 * 1024;

/// How often the main thread, blocked on a lock, looks for a signal that
/// was delivered to another thread (one delivered to it interrupts the
/// wait at once).
const SIGNAL_POLL: Duration = Duration::from_millis(20);

// ---------------------------------------------------------------------------
// The lock primitive
// ---------------------------------------------------------------------------

/// A non-recursive lock any thread may release (CPython's
/// `PyThread_type_lock`): one atomic word, waiters sleep on a futex.
/// 0 is unlocked, 1 locked, 2 locked with possible waiters. A plain word
/// survives `fork` (`reinit` unlocks it in the child).
pub struct RawLock {
    state: AtomicU32,
}

/// How a wait for a lock ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WaitResult {
    Acquired,
    TimedOut,
    /// A signal arrived for the main thread: run its handler, then retry.
    Interrupted,
}

impl Default for RawLock {
    fn default() -> Self {
        RawLock::new()
    }
}

impl RawLock {
    pub const fn new() -> RawLock {
        RawLock { state: AtomicU32::new(0) }
    }

    /// Take the lock if it is free.
    #[inline]
    pub fn try_acquire(&self) -> bool {
        self.state.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }

    pub fn is_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) != 0
    }

    /// Unlock; false if it was not locked.
    pub fn release(&self) -> bool {
        if self.state.load(Ordering::Relaxed) == 0 {
            return false;
        }
        if self.state.swap(0, Ordering::Release) == 2 {
            futex_wake(&self.state);
        }
        true
    }

    /// Unlocked, whoever held it (`_at_fork_reinit` in a forked child).
    pub fn reinit(&self) {
        self.state.store(0, Ordering::Release);
    }

    /// Wait without the GIL until the lock is ours or `deadline` passes;
    /// with `signals`, also stop when a signal for the main thread arrived.
    pub fn wait_acquire(&self, deadline: Option<Instant>, signals: bool) -> WaitResult {
        if self.try_acquire() {
            return WaitResult::Acquired;
        }
        loop {
            if self.state.swap(2, Ordering::Acquire) == 0 {
                return WaitResult::Acquired;
            }
            let mut timeout = match deadline {
                Some(end) => {
                    let now = Instant::now();
                    if now >= end {
                        return WaitResult::TimedOut;
                    }
                    Some(end - now)
                }
                None => None,
            };
            if signals {
                timeout = Some(timeout.map_or(SIGNAL_POLL, |t| t.min(SIGNAL_POLL)));
            }
            futex_wait(&self.state, 2, timeout);
            if signals && crate::signals::pending() {
                if self.try_acquire() {
                    return WaitResult::Acquired;
                }
                return WaitResult::Interrupted;
            }
        }
    }
}

/// `sys.thread_info.lock`: how a `_thread` lock waits. CPython on Linux
/// says "semaphore" when its locks are POSIX semaphores, whose waits a
/// signal interrupts; [`RawLock`] is a binary semaphore on its own futex
/// word (what glibc's `sem_t` is) with the same interruptible wait, so
/// code that asks whether `lock.acquire()` can be interrupted gets the
/// right answer.
pub(crate) const LOCK_KIND: &str = "semaphore";

/// `sys.thread_info.version`: the thread library's name and version
/// (`confstr(_CS_GNU_LIBPTHREAD_VERSION)`, "NPTL 2.36"), None where the C
/// library does not say (musl).
pub(crate) fn thread_library_version() -> Option<String> {
    let mut buf = [0u8; 64];
    // SAFETY: confstr writes at most `buf.len()` bytes, NUL included, into
    // the live buffer and returns the length the full value needs.
    let need = unsafe { libc::confstr(libc::_CS_GNU_LIBPTHREAD_VERSION, buf.as_mut_ptr().cast(), buf.len()) };
    if need == 0 || need > buf.len() {
        return None;
    }
    Some(String::from_utf8_lossy(&buf[..need - 1]).into_owned())
}

fn futex_wait(word: &AtomicU32, expected: u32, timeout: Option<Duration>) {
    let ts = timeout.map(|d| libc::timespec {
        tv_sec: d.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_nsec: d.subsec_nanos() as libc::c_long,
    });
    let tsp = ts.as_ref().map_or(std::ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: FUTEX_WAIT reads the aligned u32 behind `word` (alive for the
    // call) and sleeps while it equals `expected`; `tsp` is null or a valid
    // relative timeout. EINTR, EAGAIN and ETIMEDOUT all just end the wait.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word as *const AtomicU32 as *const u32,
            libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
            expected,
            tsp,
        );
    }
}

fn futex_wake(word: &AtomicU32) {
    // SAFETY: FUTEX_WAKE only uses the address of the live word as a key.
    unsafe {
        libc::syscall(
            libc::SYS_futex,
            word as *const AtomicU32 as *const u32,
            libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
            1,
        );
    }
}

/// How `acquire` may wait: `None` only tries; `Some(None)` waits forever;
/// `Some(Some(d))` waits up to `d`.
pub type Wait = Option<Option<Duration>>;

/// Acquire `lock` as `_thread.lock.acquire` does: first without releasing
/// the GIL, then waiting with the GIL released; in the main thread a
/// signal interrupts the wait, its Python handler runs (an exception it
/// raises is returned) and the wait goes on for the time left.
pub fn acquire_lock(vm: &Vm, lock: &RawLock, wait: Wait) -> PyResult<bool> {
    if lock.try_acquire() {
        return Ok(true);
    }
    let Some(limit) = wait else { return Ok(false) };
    let deadline = limit.and_then(|d| Instant::now().checked_add(d));
    let forever = limit.is_none() || deadline.is_none();
    let signals = is_main_thread(vm);
    loop {
        let end = if forever { None } else { deadline };
        match vm.allow_threads(|| lock.wait_acquire(end, signals)) {
            WaitResult::Acquired => return Ok(true),
            WaitResult::TimedOut => return Ok(false),
            WaitResult::Interrupted => vm.check_signals()?,
        }
    }
}

// ---------------------------------------------------------------------------
// Starting threads
// ---------------------------------------------------------------------------

/// What a new thread needs, made by its parent under the GIL. The new
/// thread touches `interp` and `run` only after it took the GIL.
struct Handoff {
    gil: Arc<Gil>,
    /// A strong reference to the interpreter (`Rc::into_raw`).
    interp: *const Interpreter,
    run: Box<dyn FnOnce(&Vm)>,
}

// SAFETY: the reference count behind `interp` and the objects `run` holds
// are only touched by a thread holding the GIL: the parent made them under
// it, the new thread uses them after `Gil::acquire`.
unsafe impl Send for Handoff {}

/// Is this the interpreter's main thread (the one that runs signal
/// handlers)?
pub fn is_main_thread(vm: &Vm) -> bool {
    vm.thread.ident == vm.main_thread.get()
}

/// Start an OS thread that runs `run` with its own thread state in this
/// interpreter (CPython's `thread_PyThread_start_new_thread`). `stack_size`
/// 0 is the default. Returns the new thread's identifier.
pub fn start_thread(vm: &Vm, stack_size: usize, run: Box<dyn FnOnce(&Vm)>) -> std::io::Result<u64> {
    use std::os::unix::thread::JoinHandleExt;
    vm.gil.mark_threaded();
    let interp = Rc::into_raw(vm.interp.clone());
    let handoff = Handoff { gil: vm.gil.clone(), interp, run };
    let size = if stack_size == 0 { DEFAULT_STACK } else { stack_size };
    let builder = std::thread::Builder::new().stack_size(size);
    match builder.spawn(move || thread_main(handoff)) {
        Ok(handle) => {
            vm.thread_count.set(vm.thread_count.get() + 1);
            Ok(handle.as_pthread_t())
        }
        // The closure (and the interpreter reference in it) was dropped
        // here, under the GIL; the reference count stays one too high,
        // which only means the interpreter is not torn down at exit.
        Err(e) => Err(e),
    }
}

fn thread_main(handoff: Handoff) {
    let Handoff { gil, interp, run } = handoff;
    let ts = Box::new(ThreadState::new());
    let me: *const ThreadState = &*ts;
    swap_current(me);
    gil.acquire(me);
    // SAFETY: the parent made this strong reference with `Rc::into_raw`
    // for us; we hold the GIL, so touching the count is race-free.
    let interp = unsafe { Rc::from_raw(interp) };
    let vm = Vm { interp, thread: ts };
    vm.thread.gc.set(&vm.interp.gc);
    vm.thread.objects.allocator.set(vm.interp.obmalloc);
    vm.threads.borrow_mut().push((vm.thread.ident, me));
    crate::traceback::register_thread(me);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(&vm);
        let _ = vm.run_pending_work();
    }));
    if r.is_err() {
        // A Rust panic is a bug; the GIL cannot be handed on safely.
        std::process::abort();
    }
    vm.threads.borrow_mut().retain(|e| e.1 != me);
    vm.thread_count.set(vm.thread_count.get().saturating_sub(1));
    // Finalizers may still run (and release the GIL) while the thread's
    // objects go; after that nothing may, because a waiter asking for a
    // drop writes into the holder's state, which is freed next.
    vm.thread.clear_objects();
    gil.detach_holder(me);
    drop(vm);
    swap_current(std::ptr::null());
    gil.release_final();
}

/// `_thread._count()`: threads started by `start_thread` still running.
pub fn thread_count(vm: &Vm) -> usize {
    vm.thread_count.get()
}

/// The current frame of each thread (`sys._current_frames()`), by thread
/// identifier.
pub fn current_frames(vm: &Vm) -> Vec<(u64, Obj)> {
    let threads = vm.threads.borrow().clone();
    let mut out = Vec::new();
    for (ident, ts) in threads {
        // SAFETY: registered thread states are alive (a thread leaves the
        // list under the GIL before its state goes) and, as we hold the
        // GIL, none of them is running: its frames stay put.
        let f = unsafe { (*ts).current_frame.get() };
        if !f.is_null() {
            // SAFETY: as above; the frame is live on that thread's stack.
            out.push((ident, crate::eval::frame::frame_object(vm, unsafe { &mut *f })));
        }
    }
    out
}

/// The exception each thread is handling, None for none
/// (`sys._current_exceptions()`).
pub fn current_exceptions(vm: &Vm) -> Vec<(u64, Obj)> {
    let threads = vm.threads.borrow().clone();
    let mut out = Vec::new();
    for (ident, ts) in threads {
        // SAFETY: as in `current_frames`.
        let e = unsafe { (*ts).handled_exception() };
        out.push((ident, e.unwrap_or_else(|| vm.none())));
    }
    out
}

/// Right before `fork` (CPython's `PyOS_BeforeFork`, after the
/// `os.register_at_fork` callbacks): take the import lock, so that no
/// other thread is in the middle of an import the child would inherit.
pub fn before_fork(vm: &Vm) {
    crate::import::acquire_import_lock(vm);
}

/// In the parent after `fork`, or when it failed (CPython's
/// `PyOS_AfterFork_Parent`, before the callbacks).
pub fn after_fork_parent(vm: &Vm) {
    let _ = crate::import::release_import_lock(vm);
}

/// In the child of `fork`: the calling thread is the only one left and
/// becomes the main thread (CPython's `PyOS_AfterFork_Child`). The other
/// threads' states are abandoned as they were.
pub fn after_fork_child(vm: &Vm) {
    let me: *const ThreadState = &*vm.thread;
    // SAFETY: right after fork only this thread exists in the child.
    unsafe { vm.gil.reinit_after_fork(me) };
    vm.threads.borrow_mut().retain(|e| e.1 == me);
    crate::traceback::forget_other_threads(me);
    vm.main_thread.set(vm.thread.ident);
    vm.thread_count.set(0);
    crate::import::reinit_import_lock_after_fork(vm);
    crate::signals::after_fork_child(vm);
}

/// The interpreter is finalizing (`sys.is_finalizing()`): the main thread
/// keeps the GIL and daemon threads stay blocked.
pub fn is_finalizing(vm: &Vm) -> bool {
    vm.gil.is_frozen()
}

/// `sys._gil_stats()`.
pub fn gil_stats(vm: &Vm) -> Vec<(&'static str, u64)> {
    vm.gil.stats_snapshot()
}
