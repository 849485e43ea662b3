//! The GIL's state machine (CPython 3.11's `Python/ceval_gil.c`, the "new
//! GIL" of Antoine Pitrou), independent of the rest of the VM so that a
//! model checker can run it: `crates/taipan-vm/loom/` builds this file with
//! `--cfg loom`, where the mutex, condition variables and atomics are
//! loom's.
//!
//! One mutex guards the lock's state and two condition variables hang off
//! it: `released` wakes threads waiting to take the GIL, `switched` tells a
//! holder that gave it up on request that another thread really took it.
//!
//! A thread that wants the GIL while another holds it waits on `released`
//! for the switch interval (`sys.getswitchinterval()`, 5 ms by default). If
//! the interval passes and the GIL did not change hands meanwhile, the
//! waiter asks the holder to drop it ([`Holder::request_drop`], a bit in
//! its eval breaker); the holder sees it at its next eval-breaker check,
//! drops the GIL and, with forced switching, waits until some other thread
//! took it before asking for it again, so a CPU-bound thread cannot take it
//! straight back.
//!
//! Condition variables are notified after the mutex is unlocked: a thread
//! woken while the notifier still holds the mutex would only spin or sleep
//! on it, one more context switch per hand-off.
//!
//! Holders are referred to by address only. A waiter calls `request_drop`
//! on the holder only with the mutex held and only while `holder` is set.
//! A thread that exits keeps the GIL while its state is freed, so before
//! freeing it clears `holder` under the mutex ([`GilCore::detach_holder`])
//! and releases for the last time afterwards
//! ([`GilCore::release_final`]): the pointer cannot dangle there. (A
//! ThreadSanitizer run found the request reaching a freed state when the
//! state was freed with `holder` still set.)
//!
//! At exit the main thread [`GilCore::freeze`]s the lock: it keeps it for
//! good, so threads waiting for it stay blocked and never see the
//! interpreter being torn down.

use std::cell::UnsafeCell;
use std::sync::atomic::AtomicU64;
use std::sync::PoisonError;
use std::time::{Duration, Instant};

#[cfg(loom)]
use loom::sync::{atomic::AtomicBool, Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
use std::sync::{atomic::AtomicBool, Condvar, Mutex, MutexGuard};

use std::sync::atomic::Ordering;

/// What the GIL needs of a thread that holds it: a way to ask it to let go.
pub(crate) trait Holder {
    /// Ask the holder to drop the GIL at its next eval-breaker check.
    fn request_drop(&self);
    /// Forget a drop request (one set while this thread did not hold the
    /// GIL is stale).
    fn clear_drop(&self);
}

/// The lock's state, guarded by the mutex.
struct State<H> {
    /// Some thread holds the GIL.
    locked: bool,
    /// The thread holding it (valid while `locked`).
    holder: *const H,
    /// The last thread that took it (compared, never dereferenced).
    last_holder: *const H,
    /// Bumped each time the GIL passes to a different thread.
    switch_number: u64,
    /// Threads waiting in `acquire`.
    waiters: u32,
    /// Holders waiting in a forced `release` for the hand-over.
    switch_waiters: u32,
}

struct GilSync<H> {
    state: Mutex<State<H>>,
    released: Condvar,
    switched: Condvar,
}

fn fresh_sync<H>() -> GilSync<H> {
    GilSync {
        state: Mutex::new(State {
            locked: false,
            holder: std::ptr::null(),
            last_holder: std::ptr::null(),
            switch_number: 0,
            waiters: 0,
            switch_waiters: 0,
        }),
        released: Condvar::new(),
        switched: Condvar::new(),
    }
}

/// Counters of the GIL's activity (`sys._gil_stats()`).
#[derive(Default)]
pub(crate) struct GilStats {
    /// Times the GIL passed from one thread to another.
    pub(crate) switches: AtomicU64,
    /// Drop requests waiters made.
    pub(crate) drop_requests: AtomicU64,
    /// Times a holder gave the GIL up because it was asked to.
    pub(crate) forced_switches: AtomicU64,
    /// Acquisitions that had to wait for another thread.
    pub(crate) contended: AtomicU64,
    /// Total time threads spent waiting for the GIL, in nanoseconds.
    pub(crate) wait_ns: AtomicU64,
    /// Times the GIL was released around a blocking call.
    pub(crate) releases: AtomicU64,
}

/// The GIL of one interpreter, over holders of type `H`.
pub(crate) struct GilCore<H> {
    sync: UnsafeCell<GilSync<H>>,
    /// The switch interval in microseconds.
    interval_us: AtomicU64,
    /// Set at exit: the holder keeps the GIL for good.
    frozen: AtomicBool,
    /// Set once a second thread was started: until then releasing the GIL
    /// is skipped (nobody could take it).
    threaded: AtomicBool,
    pub(crate) stats: GilStats,
}

// SAFETY: the state's raw pointers are only compared, or dereferenced under
// the mutex while the thread they name holds the GIL (see the module
// comment); `sync` is replaced only in a forked child, where one thread runs.
unsafe impl<H> Send for GilCore<H> {}
// SAFETY: as above; everything else is atomics, a mutex and condvars.
unsafe impl<H> Sync for GilCore<H> {}
// SAFETY: the pointers in `State` are used as described in the module comment.
unsafe impl<H> Send for State<H> {}

fn lock<H>(m: &Mutex<State<H>>) -> MutexGuard<'_, State<H>> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Wait on `cv` for at most `d`; true if the wait timed out. `_round`
/// counts the waits of one `acquire` (the model uses it).
#[cfg(not(loom))]
fn wait_interval<'a, H>(
    cv: &Condvar,
    _m: &'a Mutex<State<H>>,
    g: MutexGuard<'a, State<H>>,
    d: Duration,
    _round: u32,
) -> (MutexGuard<'a, State<H>>, bool) {
    let (g, res) = cv.wait_timeout(g, d).unwrap_or_else(PoisonError::into_inner);
    (g, res.timed_out())
}

/// The model has no clock: a timed wait may end at any point, as a real
/// one can. The first wait of an `acquire` unlocks, lets the other threads
/// run, locks again and reports a timeout (so the drop-request path is
/// explored at every interleaving); later ones wait for a notification
/// without a timeout, which keeps the model finite and makes loom report
/// a lost wake-up as a deadlock.
#[cfg(loom)]
fn wait_interval<'a, H>(
    cv: &Condvar,
    m: &'a Mutex<State<H>>,
    g: MutexGuard<'a, State<H>>,
    _d: Duration,
    round: u32,
) -> (MutexGuard<'a, State<H>>, bool) {
    if round > 0 {
        return (cv.wait(g).unwrap_or_else(PoisonError::into_inner), false);
    }
    drop(g);
    loom::thread::yield_now();
    (lock(m), true)
}

impl<H: Holder> GilCore<H> {
    pub(crate) fn new() -> GilCore<H> {
        GilCore {
            sync: UnsafeCell::new(fresh_sync()),
            interval_us: AtomicU64::new(5000),
            frozen: AtomicBool::new(false),
            threaded: AtomicBool::new(false),
            stats: GilStats::default(),
        }
    }

    fn sync(&self) -> &GilSync<H> {
        // SAFETY: `sync` is only written by `reinit_after_fork`, in a forked
        // child where no other thread exists and no borrow is live.
        unsafe { &*self.sync.get() }
    }

    pub(crate) fn set_interval(&self, seconds: f64) {
        let us = (seconds * 1e6).clamp(1.0, u64::MAX as f64) as u64;
        self.interval_us.store(us, Ordering::Relaxed);
    }

    fn interval(&self) -> Duration {
        Duration::from_micros(self.interval_us.load(Ordering::Relaxed).max(1))
    }

    /// A second thread exists: from now on blocking calls release the GIL.
    pub(crate) fn mark_threaded(&self) {
        self.threaded.store(true, Ordering::SeqCst);
    }

    /// Whether releasing the GIL can matter (threads were started and the
    /// interpreter is not finalizing).
    #[inline]
    pub(crate) fn should_release(&self) -> bool {
        self.threaded.load(Ordering::Relaxed) && !self.frozen.load(Ordering::Relaxed)
    }

    /// Take the GIL for `ts`, waiting as long as it takes.
    pub(crate) fn acquire(&self, ts: *const H) {
        let sync = self.sync();
        let mut g = lock(&sync.state);
        if g.locked || self.frozen.load(Ordering::SeqCst) {
            g = self.wait_until_free(g);
        }
        g.locked = true;
        g.holder = ts;
        if g.last_holder != ts {
            g.last_holder = ts;
            g.switch_number += 1;
            self.stats.switches.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: `ts` is the caller's own live state.
        unsafe { (*ts).clear_drop() };
        let wake_switched = g.switch_waiters > 0;
        drop(g);
        // Condvar notifications are system calls: only when someone waits.
        if wake_switched {
            sync.switched.notify_all();
        }
    }

    /// The contended part of `acquire`: wait on `released`, asking the
    /// holder to drop the GIL each time a switch interval passes without
    /// the GIL changing hands.
    fn wait_until_free<'a>(&'a self, mut g: MutexGuard<'a, State<H>>) -> MutexGuard<'a, State<H>> {
        let sync = self.sync();
        let start = Instant::now();
        g.waiters += 1;
        let mut round = 0;
        while g.locked || self.frozen.load(Ordering::SeqCst) {
            if self.frozen.load(Ordering::SeqCst) {
                // The interpreter is finalizing: stay blocked until the
                // process exits.
                g = sync.released.wait(g).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            let saved = g.switch_number;
            let (ng, timed_out) = wait_interval(&sync.released, &sync.state, g, self.interval(), round);
            g = ng;
            round = round.saturating_add(1);
            if timed_out && g.locked && g.switch_number == saved && !g.holder.is_null() {
                // SAFETY: the holder is alive while it holds the GIL, and
                // it cannot release it (which needs this mutex) while we
                // hold the mutex.
                unsafe { (*g.holder).request_drop() };
                self.stats.drop_requests.fetch_add(1, Ordering::Relaxed);
            }
        }
        g.waiters -= 1;
        self.stats.contended.fetch_add(1, Ordering::Relaxed);
        self.stats.wait_ns.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        g
    }

    /// Give the GIL up; with `forced` (a drop request), wait until another
    /// thread took it.
    pub(crate) fn release(&self, ts: *const H, forced: bool) {
        let sync = self.sync();
        let mut g = lock(&sync.state);
        g.locked = false;
        g.holder = std::ptr::null();
        let wake = g.waiters > 0;
        drop(g);
        if wake {
            sync.released.notify_one();
        }
        if forced && wake {
            self.wait_for_switch(ts);
        }
    }

    /// FORCE_SWITCHING: after a requested drop, wait until another thread
    /// took the GIL, so that a CPU-bound holder cannot take it straight back.
    fn wait_for_switch(&self, ts: *const H) {
        let sync = self.sync();
        self.stats.forced_switches.fetch_add(1, Ordering::Relaxed);
        let mut g = lock(&sync.state);
        g.switch_waiters += 1;
        while g.last_holder == ts && g.waiters > 0 && !self.frozen.load(Ordering::SeqCst) {
            g = sync.switched.wait(g).unwrap_or_else(PoisonError::into_inner);
        }
        g.switch_waiters -= 1;
    }

    /// The holding thread is about to free its state: from now on a waiter
    /// must not reach it with a drop request. The thread keeps the GIL (it
    /// still releases objects) until `release_final`.
    pub(crate) fn detach_holder(&self, ts: *const H) {
        let mut g = lock(&self.sync().state);
        if g.holder == ts {
            g.holder = std::ptr::null();
        }
    }

    /// The last release of a thread whose state is already gone.
    pub(crate) fn release_final(&self) {
        let sync = self.sync();
        let mut g = lock(&sync.state);
        // Python code that ran after `detach_holder` could have re-taken
        // the GIL as the freed state.
        debug_assert!(g.holder.is_null(), "a thread state re-took the GIL after detach_holder");
        g.locked = false;
        g.holder = std::ptr::null();
        g.last_holder = std::ptr::null();
        let wake = g.waiters > 0;
        drop(g);
        if wake {
            sync.released.notify_one();
        }
    }

    /// The holder answers a drop request: let a waiting thread run, then
    /// take the GIL back.
    pub(crate) fn yield_to_waiter(&self, ts: *const H) {
        if self.frozen.load(Ordering::SeqCst) {
            // SAFETY: `ts` is the caller's own live state.
            unsafe { (*ts).clear_drop() };
            return;
        }
        self.release(ts, true);
        self.acquire(ts);
    }

    pub(crate) fn is_frozen(&self) -> bool {
        self.frozen.load(Ordering::Relaxed)
    }

    /// The interpreter is finalizing: the calling thread (the holder) keeps
    /// the GIL from now on.
    pub(crate) fn freeze(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }

    /// In a forked child: only the calling thread exists, and it holds the
    /// GIL (CPython's `_PyEval_ReInitThreads`).
    ///
    /// # Safety
    /// Only in the child right after `fork`, with no other thread running
    /// and no borrow of the lock's state live.
    #[cfg(not(loom))]
    pub(crate) unsafe fn reinit_after_fork(&self, ts: *const H) {
        // SAFETY: the caller guarantees we are the only thread, so nothing
        // else can be using the old mutex (which may have been held by a
        // thread that does not exist in the child).
        unsafe { std::ptr::write(self.sync.get(), fresh_sync()) };
        let sync = self.sync();
        let mut g = lock(&sync.state);
        g.locked = true;
        g.holder = ts;
        g.last_holder = ts;
    }

    /// `sys._gil_stats()`: (name, value) pairs.
    pub(crate) fn stats_snapshot(&self) -> Vec<(&'static str, u64)> {
        let s = &self.stats;
        vec![
            ("switches", s.switches.load(Ordering::Relaxed)),
            ("drop_requests", s.drop_requests.load(Ordering::Relaxed)),
            ("forced_switches", s.forced_switches.load(Ordering::Relaxed)),
            ("contended_acquires", s.contended.load(Ordering::Relaxed)),
            ("wait_ns", s.wait_ns.load(Ordering::Relaxed)),
            ("releases", s.releases.load(Ordering::Relaxed)),
        ]
    }
}
