//! The abstract object protocols that the eval loop and the builtins go
//! through (CPython's `Objects/abstract.c`, `Objects/object.c`,
//! `Objects/call.c`, `Python/errors.c`): attribute access, calls, numbers,
//! comparisons, sequences, mappings, iteration, hashing, repr and str.

pub mod attr;
pub mod call;
pub mod compare;
pub mod errors;
pub mod iter;
pub mod number;
pub mod object;
pub mod sequence;
