//! The inline caches of the adaptive interpreter (CPython 3.11's
//! `Include/internal/pycore_code.h`): each specializable instruction is
//! followed by CACHE code units; the first holds the adaptive counter, the
//! others what its specialized form checks (versions, indices), in the
//! same places as CPython's `_Py*Cache` structs.

use std::cell::Cell;

#[cfg(test)]
use taipan_compiler::opcode::{Opcode, CACHE_ENTRIES};

/// Bits of the counter that hold the backoff exponent (the rest counts down).
const BACKOFF_BITS: u16 = 4;
/// The first backoff after a failed specialization: 2**5 - 1 executions.
const BACKOFF_START: u16 = 5;
const MAX_BACKOFF: u16 = 16 - BACKOFF_BITS;
/// Misses a specialized instruction tolerates before it goes back to its
/// adaptive form (CPython's `miss_counter_start`).
pub(crate) const MISS_COUNTER_START: u16 = 53;
/// RESUMEs and backward jumps before a code object is quickened
/// (CPython's `QUICKENING_WARMUP_DELAY`).
pub(crate) const WARMUP_DELAY: i32 = 8;

// Offsets of the fields inside each instruction's cache, in code units
// after the instruction (the counter is always at 0).
pub(crate) const GLOBAL_INDEX: usize = 1;
pub(crate) const GLOBAL_MODULE_VERSION: usize = 2;
pub(crate) const GLOBAL_BUILTIN_VERSION: usize = 4;
pub(crate) const ATTR_TYPE_VERSION: usize = 1;
pub(crate) const ATTR_INDEX: usize = 3;
/// `ATTR_INDEX` of a `LOAD_ATTR_SLOT` that is really a property site (CPython
/// 3.12's `LOAD_ATTR_PROPERTY`, which 3.11 lacks): the getter's frame is
/// pushed. No `__slots__` member has this offset (`specialize` checks).
pub(crate) const ATTR_INDEX_PROPERTY: u16 = u16::MAX;
pub(crate) const METHOD_TYPE_VERSION: usize = 1;
pub(crate) const METHOD_KEYS_VERSION: usize = 3;
/// At a `super().name` site specialized as `LOAD_METHOD_NO_DICT`: one plus
/// the index of the super's class in the start type's MRO (whose version
/// tag is in `METHOD_KEYS_VERSION`); 0 at every other site. The unit
/// CPython uses for `dict_offset`, which Taipan does not need.
pub(crate) const METHOD_SUPER_INDEX: usize = 5;
/// The method a `LOAD_METHOD_NO_DICT` of a static type found (CPython's
/// `descr`, four units), 0 otherwise.
pub(crate) const METHOD_DESCR: usize = 6;
pub(crate) const COMPARE_MASK: usize = 1;
pub(crate) const SUBSCR_TYPE_VERSION: usize = 1;
pub(crate) const SUBSCR_FUNC_VERSION: usize = 3;
pub(crate) const CALL_FUNC_VERSION: usize = 1;
pub(crate) const CALL_MIN_ARGS: usize = 3;

const fn counter_bits(value: u16, backoff: u16) -> u16 {
    (value << BACKOFF_BITS) | (backoff & ((1 << BACKOFF_BITS) - 1))
}

/// The counter an adaptive instruction gets back after a deoptimization.
pub(crate) const fn adaptive_counter_start() -> u16 {
    counter_bits((1 << BACKOFF_START) - 1, BACKOFF_START)
}

/// The counter after a failed specialization: wait twice as long.
pub(crate) fn adaptive_counter_backoff(counter: u16) -> u16 {
    let backoff = ((counter & ((1 << BACKOFF_BITS) - 1)) + 1).min(MAX_BACKOFF);
    counter_bits((1 << backoff) - 1, backoff)
}

/// Is it time for an adaptive instruction to specialize?
#[inline(always)]
pub(crate) fn counter_is_zero(counter: u16) -> bool {
    counter < (1 << BACKOFF_BITS)
}

#[inline(always)]
pub(crate) fn counter_decrement(counter: u16) -> u16 {
    counter - (1 << BACKOFF_BITS)
}

/// Cache entries per opcode, specialized forms included (those of their
/// base instruction: CPython's `_PyOpcode_Caches[_PyOpcode_Deopt[op]]`),
/// from the compiler's opcode table; a unit test checks it.
#[rustfmt::skip]
pub(crate) static ENTRIES: [u8; 256] = [
    0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 0, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 5, 10, 10, 10, 10, 1, 0, 10, 10,
    1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 4,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 2, 0, 0, 0, 0, 0, 1, 0, 0, 5, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 4, 4,
    10, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 4, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

/// The units from an instruction to the next one (`1 + ENTRIES[op]`): the
/// dispatch's step, one addition less than with `ENTRIES`.
pub(crate) static STEP: [u8; 256] = {
    let mut s = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        s[i] = ENTRIES[i] + 1;
        i += 1;
    }
    s
};

// The cache readers index without bounds checks: an instruction's inline
// cache entries lie inside the code (the compiler's code, or code that
// `verify` checked), and only the handlers of instructions that have them
// read them, at offsets below their `ENTRIES`.

/// Read a 16-bit cache field.
#[inline(always)]
pub(crate) fn read16(units: &[Cell<u16>], at: usize) -> u16 {
    debug_assert!(at < units.len());
    // SAFETY: see above.
    unsafe { units.get_unchecked(at) }.get()
}

#[inline(always)]
pub(crate) fn write16(units: &[Cell<u16>], at: usize, v: u16) {
    units[at].set(v)
}

/// Read a 32-bit cache field (two units, low half first, as CPython's
/// `read_u32`).
#[inline(always)]
pub(crate) fn read32(units: &[Cell<u16>], at: usize) -> u32 {
    debug_assert!(at + 1 < units.len());
    // SAFETY: see `read16`.
    unsafe { units.get_unchecked(at).get() as u32 | (units.get_unchecked(at + 1).get() as u32) << 16 }
}

#[inline(always)]
pub(crate) fn write32(units: &[Cell<u16>], at: usize, v: u32) {
    units[at].set(v as u16);
    units[at + 1].set((v >> 16) as u16);
}

/// Read a 64-bit cache field (four units, low first, as CPython's `read_u64`).
#[inline(always)]
pub(crate) fn read64(units: &[Cell<u16>], at: usize) -> u64 {
    read32(units, at) as u64 | (read32(units, at + 2) as u64) << 32
}

pub(crate) fn write64(units: &[Cell<u16>], at: usize, v: u64) {
    write32(units, at, v as u32);
    write32(units, at + 2, (v >> 32) as u32);
}

/// Replace the opcode of the instruction at `pc`, keeping its argument.
#[inline(always)]
pub(crate) fn set_opcode(units: &[Cell<u16>], pc: usize, opcode: u8) {
    let w = units[pc].get();
    units[pc].set((w & 0xff00) | opcode as u16);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_match_base() {
        for i in 0..=255u8 {
            if let Some(op) = Opcode::from_u8(i) {
                assert_eq!(ENTRIES[i as usize], CACHE_ENTRIES[op.deopt() as usize], "{}", op.name());
            }
        }
    }
}
