//! The global interpreter lock: the state machine is in [`machine`] (model
//! checked with loom, see `crates/taipan-vm/loom/`); here it meets the
//! VM's thread states, whose eval breaker carries the drop request.

mod machine;

use crate::pystate::{breaker, ThreadState};

/// The GIL of one interpreter.
pub(crate) type Gil = self::machine::GilCore<ThreadState>;

impl self::machine::Holder for ThreadState {
    fn request_drop(&self) {
        self.set_breaker(breaker::GIL_DROP);
    }

    fn clear_drop(&self) {
        // A load first: the locked clear only when a request is there
        // (every acquisition comes here). No request can arrive meanwhile:
        // waiters ask only the thread `holder` names, which we are not yet.
        if self.breaker_bits() & breaker::GIL_DROP != 0 {
            self.clear_breaker(breaker::GIL_DROP);
        }
    }
}
