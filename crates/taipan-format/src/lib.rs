//! Numbers to text and text to numbers, as CPython 3.11 does them.
//!
//! This crate is the pure part of CPython's `Python/formatter_unicode.c`,
//! `Python/pystrtod.c`, `Python/dtoa.c`, the number helpers of
//! `Objects/floatobject.c`, `Objects/complexobject.c` and
//! `Objects/longobject.c`, and the numeric conversions of
//! `Objects/unicodeobject.c`'s `%`-formatting. It knows nothing of the VM:
//! values come in as `f64` and `num_bigint::BigInt`, text as `&str` (or
//! code points), and every error is a [`FmtError`] carrying CPython's
//! exception type and exact message, for the VM to raise.
//!
//! `tests/cases.json` holds some 70 000 answers of CPython 3.11 (made by
//! `tests/gen_cases.py`); `tests/cases.rs` checks them all.
//!
//! # `format(x, spec)` / `x.__format__(spec)`
//!
//! An empty spec means `str(x)` in CPython, before any parsing, and the VM
//! should do just that (it matters for subclasses that override `__str__`).
//! Otherwise:
//!
//! 1. [`parse_format_spec`]`(spec, default_type, default_align, type_name)`:
//!    `Some('d'), '>'` for int (and bool), `None, '>'` for float and
//!    complex, `Some('s'), '<'` for str;
//! 2. then [`format_int`] / [`format_i64`] (types b c d o x X n, and
//!    e E f F g G % through `float(x)`), [`format_float`], [`format_complex`],
//!    or [`format_str_spec`], which only says how many `spec.fill`
//!    characters go before and after the string and where to cut it,
//!    since the VM owns its strings (they may hold lone surrogates).
//!    For int type `c`, [`format_int_char`] gives the code point exactly
//!    (a surrogate cannot live in a Rust `String`; `format_int` puts
//!    U+FFFD there).
//!
//! `type_name` is `type(x).__name__` (`bool` for `True`): it appears in
//! "Invalid format specifier '...' for object of type 'T'" and "Unknown
//! format code 'c' for object of type 'T'". `max_str_digits` is
//! `sys.get_int_max_str_digits()` (0 = no limit): decimal output of a
//! bigger int raises CPython's ValueError "Exceeds the limit (4300 digits)
//! for integer string conversion; ...".
//!
//! # `%`-formatting (`str % args`)
//!
//! The VM runs the outer loop of `PyUnicode_Format`: it copies literal text,
//! and after each `%` calls [`parse_percent_spec`], which parses
//! `[(key)][flags][width][.precision][hlL]conv` and calls back into the VM
//! (trait [`PercentArgs`]) for the mapping check, the `%(key)` lookup and
//! each `*`, in CPython's order, so that errors come out in CPython's order.
//! `spec.literal_percent` means `%%`. Otherwise the VM takes the next
//! argument ("not enough arguments for format string") and, by `spec.conv`:
//!
//! - `d i u`: int → [`percent_int`]; a float goes through
//!   [`float_to_bigint`] first; other types: TypeError "%d format: a real
//!   number is required, not T";
//! - `o x X`: `__index__` → [`percent_int`] ("%x format: an integer is
//!   required, not T");
//! - `e E f F g G`: float (an int through [`int_to_f64`]) → [`percent_float`];
//! - `s r a`: `str()`/`repr()`/`ascii()`, padded by [`percent_text_padding`];
//! - `c`: an int through [`percent_char_code`], or a str of length 1
//!   (TypeError "%c requires int or char"), padded by [`percent_text_padding`];
//! - anything else: [`unsupported_format_character`].
//!
//! With a tuple, leftover arguments raise TypeError "not all arguments
//! converted during string formatting".
//!
//! # Parsing
//!
//! - [`parse_float`] / [`parse_float_code_points`] (`float(str)`) and
//!   [`parse_float_bytes`]: `None` means ValueError "could not convert string
//!   to float: {repr(arg)}".
//! - [`parse_int`] / [`parse_int_code_points`] (`int(str, base)`) and
//!   [`parse_int_bytes`]: [`IntParseError::Invalid`] means ValueError
//!   [`invalid_int_literal`]`(base as given, repr(arg))`; `int()` itself
//!   checks the base first ("int() base must be >= 2 and <= 36, or 0").
//! - [`parse_complex`] / [`parse_complex_code_points`] (`complex(str)`).
//! - [`float_fromhex`] (`float.fromhex`; the VM calls `cls(result)` for
//!   subclasses).
//!
//! # Other conversions
//!
//! [`float_repr`] / [`float_str`], [`complex_repr`], [`double_to_string`]
//! (`PyOS_double_to_string`), [`float_hex`], [`round_float`] (`round(x, n)`,
//! `n` clipped to i64 as `PyNumber_AsSsize_t` clips), [`round_half_even`]
//! (`round(x)` before the int conversion), [`float_as_integer_ratio`],
//! [`float_to_bigint`] (`int(x)`), [`int_to_f64`] (`float(i)`),
//! [`int_to_base`] (`bin`, `oct`, `hex`), [`int_to_decimal_string`]
//! (`str(i)` with the digit limit).
//!
//! Results too large for memory give [`FmtError::MemoryError`] (a bare
//! `MemoryError`) instead of aborting.

mod dtoa;
mod error;
mod float_ops;
mod int_str;
mod number;
mod parse;
mod percent;
mod spec;
mod unicode;

pub use dtoa::{complex_repr, double_to_string, float_repr, try_double_to_string, DtsFlags};
pub use error::FmtError;
pub use float_ops::{
    float_as_integer_ratio, float_fromhex, float_hex, float_to_bigint, int_to_f64, round_float, round_half_even,
};
pub use int_str::{
    int_digits_error, int_to_base, int_to_decimal_string, str_digits_error, DEFAULT_MAX_STR_DIGITS,
    MAX_STR_DIGITS_THRESHOLD,
};
pub use number::{format_complex, format_float, format_i64, format_int, format_int_char, format_str_spec};
pub use parse::{
    invalid_int_literal, parse_complex, parse_complex_code_points, parse_float, parse_float_bytes,
    parse_float_code_points, parse_int, parse_int_bytes, parse_int_code_points, parse_small_decimal, ComplexParseError,
    IntParseError,
};
pub use percent::{
    parse_percent_spec, percent_char_code, percent_float, percent_float_into, percent_i64, percent_i64_into,
    percent_int, percent_text_padding, unsupported_format_character, PercentArgs, PercentSpec,
};
pub use spec::{parse_format_spec, FormatSpec};
pub use unicode::{decimal_value, is_space, transform_decimal_and_space};

/// `str(x)` for a float: the same as `repr(x)`.
pub use dtoa::float_repr as float_str;
