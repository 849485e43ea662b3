//! The GIL's state machine (CPython 3.11's `Python/ceval_gil.c`, the "new
//! GIL" of Antoine Pitrou), independent of the rest of the VM so that a
//! model checker can run it: `crates/taipan-vm/loom/` builds this file with
//! `--cfg loom`, where the mutex, condition variables and atomics are
//! loom's.
//!
//! Whether the GIL is held is one atomic word with two bits: `LOCKED`, and
//! `SLOW`, set while some thread waits (in `acquire`, or in a forced
//! `release` for the hand-over). While `SLOW` is clear, taking and giving
//! up the GIL is one compare-exchange each (`0 -> LOCKED`, `LOCKED -> 0`):
//! a thread that releases it around a blocking call nobody else is
//! waiting for pays two atomic instructions. Once `SLOW` is set both
//! compare-exchanges fail, and every change of `LOCKED` happens under the
//! mutex, which is the protocol of `ceval_gil.c`:
//!
//! One mutex guards the waiter counts and two condition variables hang off
//! it: `released` wakes threads waiting to take the GIL, `switched` tells a
//! holder that gave it up on request that another thread really took it.
//! `SLOW` is set whenever a count is non-zero (both change under the mutex).
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
//! Holders are referred to by address only. `holder` is set by a thread
//! that took the GIL and cleared when it releases it; a waiter calls
//! `request_drop` on it only with the mutex held and `SLOW` set (so the
//! holder cannot give the GIL up without the mutex). A thread that exits
//! keeps the GIL while its state is freed, so before freeing it clears
//! `holder` under the mutex ([`GilCore::detach_holder`]) and releases for
//! the last time afterwards ([`GilCore::release_final`]): the pointer
//! cannot dangle there. (A ThreadSanitizer run found the request reaching
//! a freed state when the state was freed with `holder` still set.)
//!
//! At exit the main thread [`GilCore::freeze`]s the lock: it keeps it for
//! good, so threads waiting for it stay blocked and never see the
//! interpreter being torn down.

use std::cell::UnsafeCell;
use std::sync::PoisonError;
use std::time::{Duration, Instant};

#[cfg(loom)]
use loom::sync::{
    atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64},
    Condvar, Mutex, MutexGuard,
};
#[cfg(not(loom))]
use std::sync::{
    atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64},
    Condvar, Mutex, MutexGuard,
};

use std::sync::atomic::Ordering;

/// What the GIL needs of a thread that holds it: a way to ask it to let go.
pub(crate) trait Holder {
    /// Ask the holder to drop the GIL at its next eval-breaker check.
    fn request_drop(&self);
    /// Forget a drop request (one set while this thread did not hold the
    /// GIL is stale).
    fn clear_drop(&self);
}

/// Bit of the lock word: some thread holds the GIL.
const LOCKED: u32 = 1;
/// Bit of the lock word: threads wait (`waiters` or `switch_waiters` is
/// non-zero), so the lock changes hands under the mutex only.
const SLOW: u32 = 2;

/// Who waits, guarded by the mutex.
struct Waiting {
    /// Threads waiting in `acquire`.
    waiters: u32,
    /// Holders waiting in a forced `release` for the hand-over.
    switch_waiters: u32,
}

struct GilSync {
    state: Mutex<Waiting>,
    released: Condvar,
    switched: Condvar,
}

fn fresh_sync() -> GilSync {
    GilSync {
        state: Mutex::new(Waiting { waiters: 0, switch_waiters: 0 }),
        released: Condvar::new(),
        switched: Condvar::new(),
    }
}

/// Counters of the GIL's activity (`sys._gil_stats()`).
#[derive(Default)]
pub(crate) struct GilStats {
    /// Times the GIL passed from one thread to another (written by the
    /// new holder only).
    pub(crate) switches: std::sync::atomic::AtomicU64,
    /// Drop requests waiters made.
    pub(crate) drop_requests: std::sync::atomic::AtomicU64,
    /// Times a holder gave the GIL up because it was asked to.
    pub(crate) forced_switches: std::sync::atomic::AtomicU64,
    /// Acquisitions that had to wait for another thread.
    pub(crate) contended: std::sync::atomic::AtomicU64,
    /// Total time threads spent waiting for the GIL, in nanoseconds.
    pub(crate) wait_ns: std::sync::atomic::AtomicU64,
    /// Times the GIL was released around a blocking call (written by the
    /// holder only, see [`GilCore::count_release`]).
    pub(crate) releases: std::sync::atomic::AtomicU64,
}

/// Add one to a counter only the GIL holder writes: a plain load and
/// store, no locked instruction (the GIL orders the writers; readers may
/// see a slightly old value, as with any statistics).
#[inline]
fn bump_held(c: &std::sync::atomic::AtomicU64) {
    c.store(c.load(Ordering::Relaxed).wrapping_add(1), Ordering::Relaxed);
}

/// The GIL of one interpreter, over holders of type `H`.
pub(crate) struct GilCore<H> {
    /// `LOCKED` and `SLOW` (see the module comment).
    word: AtomicU32,
    /// The thread holding the GIL, null between a release and the next
    /// acquisition.
    holder: AtomicPtr<H>,
    /// The last thread that took it (compared, never dereferenced).
    last_holder: AtomicPtr<H>,
    /// Bumped each time the GIL passes to a different thread (by the new
    /// holder).
    switch_number: AtomicU64,
    sync: UnsafeCell<GilSync>,
    /// The switch interval in microseconds.
    interval_us: std::sync::atomic::AtomicU64,
    /// Set at exit: the holder keeps the GIL for good.
    frozen: AtomicBool,
    /// Set once a second thread was started: until then releasing the GIL
    /// is skipped (nobody could take it).
    threaded: AtomicBool,
    pub(crate) stats: GilStats,
}

// SAFETY: the holder pointers are only compared, or dereferenced under the
// mutex while the thread they name holds the GIL (see the module comment);
// `sync` is replaced only in a forked child, where one thread runs.
unsafe impl<H> Send for GilCore<H> {}
// SAFETY: as above; everything else is atomics, a mutex and condvars.
unsafe impl<H> Sync for GilCore<H> {}

fn lock(m: &Mutex<Waiting>) -> MutexGuard<'_, Waiting> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn wait<'a>(cv: &Condvar, g: MutexGuard<'a, Waiting>) -> MutexGuard<'a, Waiting> {
    cv.wait(g).unwrap_or_else(PoisonError::into_inner)
}

/// Wait on `cv` for at most `d`; true if the wait timed out. `_round`
/// counts the waits of one `acquire` (the model uses it).
#[cfg(not(loom))]
fn wait_interval<'a>(
    cv: &Condvar,
    _m: &'a Mutex<Waiting>,
    g: MutexGuard<'a, Waiting>,
    d: Duration,
    _round: u32,
) -> (MutexGuard<'a, Waiting>, bool) {
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
fn wait_interval<'a>(
    cv: &Condvar,
    m: &'a Mutex<Waiting>,
    g: MutexGuard<'a, Waiting>,
    _d: Duration,
    round: u32,
) -> (MutexGuard<'a, Waiting>, bool) {
    if round > 0 {
        return (wait(cv, g), false);
    }
    drop(g);
    loom::thread::yield_now();
    (lock(m), true)
}

impl<H: Holder> GilCore<H> {
    pub(crate) fn new() -> GilCore<H> {
        GilCore {
            word: AtomicU32::new(0),
            holder: AtomicPtr::new(std::ptr::null_mut()),
            last_holder: AtomicPtr::new(std::ptr::null_mut()),
            switch_number: AtomicU64::new(0),
            sync: UnsafeCell::new(fresh_sync()),
            interval_us: std::sync::atomic::AtomicU64::new(5000),
            frozen: AtomicBool::new(false),
            threaded: AtomicBool::new(false),
            stats: GilStats::default(),
        }
    }

    fn sync(&self) -> &GilSync {
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

    /// The holder is about to release the GIL around a blocking call
    /// (`releases` in `sys._gil_stats()`).
    #[inline]
    pub(crate) fn count_release(&self) {
        bump_held(&self.stats.releases);
    }

    /// Take the GIL for `ts`, waiting as long as it takes. Nobody waiting
    /// and the GIL free: one compare-exchange. (A frozen GIL is held by
    /// the main thread for good, so the fast path cannot take it.)
    #[inline]
    pub(crate) fn acquire(&self, ts: *const H) {
        if self.word.compare_exchange(0, LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok() {
            // `SLOW` was clear: no holder waits for the hand-over, so
            // nobody needs `switched`.
            self.took(ts);
            return;
        }
        self.acquire_slow(ts);
    }

    /// Bookkeeping of a thread that just took the GIL. The stale drop
    /// request goes before `holder` names us, so a waiter's new request
    /// is never lost.
    ///
    /// Plain loads and stores (no locked instruction): `holder`,
    /// `last_holder` and `switch_number` are written only by the thread
    /// holding the GIL (the lock word's acquire and release order them),
    /// and read by waiters under the mutex with `SLOW` set, when the GIL
    /// changes hands under the mutex too. A waiter that sees `holder`
    /// still null here asks again after its next interval.
    fn took(&self, ts: *const H) {
        // SAFETY: `ts` is the caller's own live state.
        unsafe { (*ts).clear_drop() };
        // Release: a waiter that reads the pointer (with acquire) may write
        // into the state it names, which must be visible to it as made.
        self.holder.store(ts.cast_mut(), Ordering::Release);
        if self.last_holder.load(Ordering::Relaxed) != ts.cast_mut() {
            self.last_holder.store(ts.cast_mut(), Ordering::Relaxed);
            let n = self.switch_number.load(Ordering::Relaxed);
            self.switch_number.store(n.wrapping_add(1), Ordering::Relaxed);
            bump_held(&self.stats.switches);
        }
    }

    /// The waiting part of `acquire`: wait on `released`, asking the
    /// holder to drop the GIL each time a switch interval passes without
    /// the GIL changing hands.
    #[cold]
    fn acquire_slow(&self, ts: *const H) {
        let sync = self.sync();
        let mut g = lock(&sync.state);
        g.waiters += 1;
        // From here on the GIL changes hands under the mutex only.
        self.word.fetch_or(SLOW, Ordering::SeqCst);
        let mut start = None;
        let mut round = 0;
        loop {
            let frozen = self.frozen.load(Ordering::SeqCst);
            if !frozen && self.take_under_mutex() {
                break;
            }
            start.get_or_insert_with(Instant::now);
            if frozen {
                // The interpreter is finalizing: stay blocked until the
                // process exits.
                g = wait(&sync.released, g);
                continue;
            }
            let saved = self.switch_number.load(Ordering::SeqCst);
            let (ng, timed_out) = wait_interval(&sync.released, &sync.state, g, self.interval(), round);
            g = ng;
            round = round.saturating_add(1);
            if timed_out {
                self.request_drop_if_stuck(saved);
            }
        }
        g.waiters -= 1;
        self.took(ts);
        let wake_switched = g.switch_waiters > 0;
        self.leave_slow_if_idle(&g);
        drop(g);
        // Condvar notifications are system calls: only when someone waits.
        if wake_switched {
            sync.switched.notify_all();
        }
        if let Some(start) = start {
            self.stats.contended.fetch_add(1, Ordering::Relaxed);
            self.stats.wait_ns.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    }

    /// Take the GIL if it is free, the mutex held and `SLOW` set (so no
    /// compare-exchange of the fast paths can succeed meanwhile).
    fn take_under_mutex(&self) -> bool {
        self.word.compare_exchange(SLOW, SLOW | LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }

    /// A waiter's switch interval passed (the mutex held, `SLOW` set): if
    /// the GIL is still held and did not change hands since `saved`, ask
    /// the holder to drop it.
    fn request_drop_if_stuck(&self, saved: u64) {
        if self.word.load(Ordering::SeqCst) & LOCKED == 0 || self.switch_number.load(Ordering::SeqCst) != saved {
            return;
        }
        let h = self.holder.load(Ordering::SeqCst);
        if !h.is_null() {
            // SAFETY: `holder` names a thread that holds the GIL (or is
            // giving it up, which needs this mutex while `SLOW` is set),
            // and it frees its state only after `detach_holder`, which
            // needs the mutex too.
            unsafe { (*h).request_drop() };
            self.stats.drop_requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Clear `SLOW` once nobody waits any more (the mutex held).
    fn leave_slow_if_idle(&self, g: &Waiting) {
        if g.waiters == 0 && g.switch_waiters == 0 {
            self.word.fetch_and(!SLOW, Ordering::SeqCst);
        }
    }

    /// Give the GIL up; with `forced` (a drop request), wait until another
    /// thread took it. Nobody waiting: one compare-exchange.
    #[inline]
    pub(crate) fn release(&self, ts: *const H, forced: bool) {
        // Ordered before the unlock by its release (see `took`).
        self.holder.store(std::ptr::null_mut(), Ordering::Relaxed);
        if self.word.compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed).is_ok() {
            return;
        }
        self.release_slow(ts, forced);
    }

    /// `release` with threads waiting (`SLOW` set): unlock under the
    /// mutex and wake one of them.
    #[cold]
    fn release_slow(&self, ts: *const H, forced: bool) {
        let sync = self.sync();
        let g = lock(&sync.state);
        self.word.fetch_and(!LOCKED, Ordering::Release);
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
    /// While `waiters` stays non-zero, `SLOW` stays set and only a waiter
    /// (under the mutex) can take the GIL, and it then notifies `switched`.
    fn wait_for_switch(&self, ts: *const H) {
        let sync = self.sync();
        self.stats.forced_switches.fetch_add(1, Ordering::Relaxed);
        let mut g = lock(&sync.state);
        g.switch_waiters += 1;
        self.word.fetch_or(SLOW, Ordering::SeqCst);
        while self.last_holder.load(Ordering::SeqCst) == ts.cast_mut()
            && g.waiters > 0
            && !self.frozen.load(Ordering::SeqCst)
        {
            g = wait(&sync.switched, g);
        }
        g.switch_waiters -= 1;
        self.leave_slow_if_idle(&g);
    }

    /// The holding thread is about to free its state: from now on a waiter
    /// must not reach it with a drop request. The thread keeps the GIL (it
    /// still releases objects) until `release_final`.
    pub(crate) fn detach_holder(&self, ts: *const H) {
        let _g = lock(&self.sync().state);
        let _ = self.holder.compare_exchange(ts.cast_mut(), std::ptr::null_mut(), Ordering::SeqCst, Ordering::SeqCst);
    }

    /// The last release of a thread whose state is already gone.
    pub(crate) fn release_final(&self) {
        let sync = self.sync();
        let g = lock(&sync.state);
        // Python code that ran after `detach_holder` could have re-taken
        // the GIL as the freed state.
        debug_assert!(
            self.holder.load(Ordering::SeqCst).is_null(),
            "a thread state re-took the GIL after detach_holder"
        );
        self.holder.store(std::ptr::null_mut(), Ordering::SeqCst);
        // A new thread state may be allocated at the same address.
        self.last_holder.store(std::ptr::null_mut(), Ordering::SeqCst);
        self.word.fetch_and(!LOCKED, Ordering::Release);
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
        self.word.store(LOCKED, Ordering::SeqCst);
        self.holder.store(ts.cast_mut(), Ordering::SeqCst);
        self.last_holder.store(ts.cast_mut(), Ordering::SeqCst);
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
