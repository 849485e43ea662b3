//! The abstract object protocols that the eval loop and the builtins go
//! through (CPython's `Objects/abstract.c`, `Objects/object.c`,
//! `Objects/call.c`, `Python/errors.c`): attribute access, calls, numbers,
//! comparisons, sequences, mappings, iteration, hashing, repr and str.

pub(crate) mod attr;
pub(crate) mod call;
pub(crate) mod compare;
pub(crate) mod errors;
pub(crate) mod iter;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod sequence;
