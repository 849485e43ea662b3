//! Loom model checks of the GIL's state machine: loom runs each test body
//! under every interleaving of its threads (up to a preemption bound) with
//! its own mutex, condition variables and atomics, and fails on a deadlock,
//! a data race on a `loom::cell::UnsafeCell`, or a failed assertion.
//!
//! What is checked:
//! - mutual exclusion: data touched only while holding the GIL is never
//!   accessed concurrently (loom tracks happens-before through the GIL);
//! - no lost wake-up: threads blocked in `acquire` always get the GIL once
//!   it is free (otherwise loom reports a deadlock);
//! - forced switching: a holder that spins without blocking, polling its
//!   drop-request bit as the eval loop does, lets a waiter run;
//! - the drop request never leaks to a thread that does not hold the GIL
//!   when it takes it.
//! - the uncontended fast paths (one compare-exchange on the lock word)
//!   never take a held GIL nor skip a thread that waits for it.
//!
//! A thread exiting while another waits (the drop request must not reach
//! its freed state) is checked by ThreadSanitizer instead:
//! `tests/tsan.sh`; a model of it here did not find the bug it fixed.
//!
//! Timed waits end at any point in the model (it has no clock), so every
//! wait may also take the drop-request path.
#![cfg(loom)]

#[allow(dead_code)]
#[path = "../../src/ceval_gil/machine.rs"]
mod machine;

#[cfg(test)]
mod tests {
    use super::machine::{GilCore, Holder};
    use loom::cell::UnsafeCell;
    use loom::sync::atomic::{AtomicBool, Ordering};
    use loom::sync::Arc;
    use loom::thread;

    /// A thread state: only the eval breaker's drop-request bit.
    struct Ts {
        drop_request: AtomicBool,
    }

    impl Ts {
        fn new() -> Ts {
            Ts { drop_request: AtomicBool::new(false) }
        }

        fn drop_requested(&self) -> bool {
            self.drop_request.load(Ordering::Relaxed)
        }
    }

    impl Holder for Ts {
        fn request_drop(&self) {
            self.drop_request.store(true, Ordering::Relaxed);
        }

        fn clear_drop(&self) {
            self.drop_request.store(false, Ordering::Relaxed);
        }
    }

    /// What the GIL protects: plain memory, as object reference counts.
    struct Shared {
        gil: GilCore<Ts>,
        counter: UnsafeCell<u32>,
    }

    fn shared() -> Arc<Shared> {
        let s = Shared { gil: GilCore::new(), counter: UnsafeCell::new(0) };
        s.gil.mark_threaded();
        Arc::new(s)
    }

    /// Increment under the GIL (loom reports a race if two threads can be
    /// here at once).
    fn bump(s: &Shared) {
        // SAFETY: only the GIL holder calls this; loom checks that claim.
        s.counter.with_mut(|c| unsafe { *c += 1 });
    }

    fn read(s: &Shared) -> u32 {
        // SAFETY: read under the GIL (or after every thread joined).
        s.counter.with(|c| unsafe { *c })
    }

    /// The eval loop's check: answer a drop request.
    fn eval_breaker(s: &Shared, ts: &Ts) {
        if ts.drop_requested() {
            s.gil.yield_to_waiter(ts);
        }
    }

    /// A thread's life: take the GIL, run, poll the breaker, release the
    /// GIL around a "blocking call", run again, end.
    fn worker(s: Arc<Shared>) {
        let ts = Ts::new();
        s.gil.acquire(&ts);
        bump(&s);
        eval_breaker(&s, &ts);
        s.gil.release(&ts, false);
        s.gil.acquire(&ts);
        bump(&s);
        s.gil.detach_holder(&ts);
        s.gil.release_final();
    }

    fn bounded() -> loom::model::Builder {
        let mut b = loom::model::Builder::new();
        b.preemption_bound = Some(3);
        b
    }

    #[test]
    fn two_threads_exclusive_and_no_lost_wakeup() {
        bounded().check(|| {
            let s = shared();
            let t1 = {
                let s = s.clone();
                thread::spawn(move || worker(s))
            };
            let t2 = {
                let s = s.clone();
                thread::spawn(move || worker(s))
            };
            t1.join().unwrap();
            t2.join().unwrap();
            let main = Ts::new();
            s.gil.acquire(&main);
            assert_eq!(read(&s), 4);
            s.gil.release(&main, false);
        });
    }

    #[test]
    fn spinning_holder_lets_waiter_run() {
        bounded().check(|| {
            let s = shared();
            let a = Ts::new();
            s.gil.acquire(&a);
            let t = {
                let s = s.clone();
                thread::spawn(move || {
                    let b = Ts::new();
                    s.gil.acquire(&b);
                    bump(&s);
                    s.gil.detach_holder(&b);
                    s.gil.release_final();
                })
            };
            // A CPU-bound holder: never blocks, only polls its breaker.
            while read(&s) == 0 {
                if a.drop_requested() {
                    s.gil.yield_to_waiter(&a);
                } else {
                    thread::yield_now();
                }
            }
            // The request that made us yield was answered.
            assert!(!a.drop_requested());
            s.gil.release(&a, false);
            t.join().unwrap();
        });
    }

    #[test]
    fn three_threads_hand_off() {
        let mut b = loom::model::Builder::new();
        b.preemption_bound = Some(2);
        b.check(|| {
            let s = shared();
            let ts: Vec<_> = (0..2)
                .map(|_| {
                    let s = s.clone();
                    thread::spawn(move || worker(s))
                })
                .collect();
            let main = Ts::new();
            s.gil.acquire(&main);
            bump(&s);
            eval_breaker(&s, &main);
            s.gil.release(&main, false);
            for t in ts {
                t.join().unwrap();
            }
            s.gil.acquire(&main);
            assert_eq!(read(&s), 5);
            s.gil.release(&main, false);
        });
    }
}
