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
//!   when it takes it;
//! - a thread that exits is never sent a drop request once its state may
//!   be freed.
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

    /// A thread state: the eval breaker's drop-request bit, and a cell
    /// standing for the state's memory (written when the state is freed,
    /// touched by every drop request, so loom reports a request that can
    /// reach a freed state).
    struct Ts {
        drop_request: AtomicBool,
        memory: UnsafeCell<bool>,
    }

    impl Ts {
        fn new() -> Ts {
            Ts { drop_request: AtomicBool::new(false), memory: UnsafeCell::new(true) }
        }

        /// What freeing the thread state does to its memory.
        fn free(&self) {
            self.memory.with_mut(|m| unsafe { *m = false });
        }

        fn drop_requested(&self) -> bool {
            self.drop_request.load(Ordering::Relaxed)
        }
    }

    impl Holder for Ts {
        fn request_drop(&self) {
            assert!(self.memory.with(|m| unsafe { *m }), "drop request to a freed thread state");
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
        s.counter.with_mut(|c| unsafe { *c += 1 });
    }

    fn read(s: &Shared) -> u32 {
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

    /// A thread that exits while another waits for the GIL: the waiter's
    /// drop request must not reach the exiting thread's freed state
    /// (pythread's `thread_main` detaches before freeing).
    #[test]
    fn exiting_holder_is_not_asked_to_drop() {
        bounded().check(|| {
            let s = shared();
            let t = {
                let s = s.clone();
                thread::spawn(move || {
                    let ts = Ts::new();
                    s.gil.acquire(&ts);
                    bump(&s);
                    s.gil.detach_holder(&ts);
                    ts.free();
                    s.gil.release_final();
                })
            };
            let main = Ts::new();
            s.gil.acquire(&main);
            bump(&s);
            s.gil.release(&main, false);
            t.join().unwrap();
            s.gil.acquire(&main);
            assert_eq!(read(&s), 2);
            s.gil.release(&main, false);
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
