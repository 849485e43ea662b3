//! Numbers to text and text to numbers, as CPython 3.11 does them.
//!
//! This crate is the pure part of CPython's `Python/formatter_unicode.c`,
//! `Python/pystrtod.c`, `Python/dtoa.c`, the number helpers of
//! `Objects/floatobject.c` and `Objects/longobject.c`, and the numeric
//! conversions of `Objects/unicodeobject.c`'s `%`-formatting. It knows
//! nothing of the VM: values come in as `f64` and `num_bigint::BigInt`,
//! text as `&str` (or code points), and every error is a [`FmtError`]
//! carrying CPython's exception type and exact message.
//!
//! # `format(x, spec)` / `x.__format__(spec)`
//!
//! An empty spec is `str(x)` in CPython, and the VM should do just that
//! (it matters for subclasses). Otherwise:
//!
//! - [`parse_format_spec`]`(spec, default_type, default_align, type_name)`
//!   (`Some('d')`/`'>'` for int, `None`/`'>'` for float and complex,
//!   `Some('s')`/`'<'` for str), then
//! - [`format_int`] (or [`format_i64`]; [`format_int_char`] for type `c`
//!   when the code point may be a surrogate), [`format_float`],
//!   [`format_complex`], or [`format_str_spec`] (which only says how to pad
//!   and truncate, since the VM owns the string).
//!
//! `type_name` (`type(x).__name__`) appears in "Invalid format specifier
//! ... for object of type 'T'" and "Unknown format code 'c' for object of
//! type 'T'"; for `bool` it is `bool`.
//!
//! # `%`-formatting
//!
//! [`parse_percent_spec`] parses one conversion after a `%` and calls back
//! into the VM (trait [`PercentArgs`]) for `%(key)` and `*`, in CPython's
//! order. Then [`percent_int`] (d i u o x X), [`percent_float`]
//! (e E f F g G), [`percent_text_padding`] (s r a c), [`percent_char_code`],
//! or [`unsupported_format_character`].
//!
//! # Parsing
//!
//! [`parse_float`] (`float(str)`), [`parse_float_bytes`], [`parse_int`]
//! (`int(str, base)`, with the `sys.set_int_max_str_digits` limit),
//! [`parse_int_bytes`], [`float_fromhex`].
//!
//! # Other conversions
//!
//! [`float_repr`] / [`float_str`], [`complex_repr`], [`double_to_string`] (`PyOS_double_to_string`),
//! [`float_hex`], [`round_float`], [`float_as_integer_ratio`],
//! [`float_to_bigint`], [`int_to_f64`], [`int_to_base`],
//! [`int_to_decimal_string`].

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
    float_as_integer_ratio, float_fromhex, float_hex, float_to_bigint, int_to_f64, round_float,
    round_half_even,
};
pub use int_str::{
    int_digits_error, int_to_base, int_to_decimal_string, str_digits_error, DEFAULT_MAX_STR_DIGITS,
    MAX_STR_DIGITS_THRESHOLD,
};
pub use number::{format_complex, format_float, format_i64, format_int, format_int_char, format_str_spec};
pub use parse::{
    invalid_int_literal, parse_float, parse_float_bytes, parse_float_code_points, parse_int,
    parse_int_bytes, parse_int_code_points, IntParseError,
};
pub use percent::{
    parse_percent_spec, percent_char_code, percent_float, percent_int, percent_text_padding,
    unsupported_format_character, PercentArgs, PercentSpec,
};
pub use spec::{parse_format_spec, FormatSpec};
pub use unicode::{decimal_value, is_space, transform_decimal_and_space};

/// `str(x)` for a float: the same as `repr(x)`.
pub use dtoa::float_repr as float_str;
