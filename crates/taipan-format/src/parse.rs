//! Text to numbers: `float(s)` (`PyFloat_FromString`, `Python/pystrtod.c`)
//! and `int(s, base)` (`PyLong_FromString`, `PyLong_FromUnicodeObject`).

use num_bigint::BigInt;
use num_traits::Zero;

use crate::error::FmtError;
use crate::int_str::{int_digits_error, MAX_STR_DIGITS_THRESHOLD};
use crate::unicode::{is_ascii_space, transform_decimal_and_space};

/// `_Py_parse_inf_or_nan`: an optional sign and `inf`, `infinity` or `nan`
/// in any case. Returns the value (a NaN keeps the sign) and the bytes used.
pub(crate) fn parse_inf_or_nan(b: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut negative = false;
    if let Some(&c) = b.first() {
        if c == b'-' || c == b'+' {
            negative = c == b'-';
            i = 1;
        }
    }
    let word = |i: usize, w: &[u8]| b.len() >= i + w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w);
    let (x, used) = if word(i, b"inf") {
        (f64::INFINITY, if word(i + 3, b"inity") { i + 8 } else { i + 3 })
    } else if word(i, b"nan") {
        (f64::NAN, i + 3)
    } else {
        return None;
    };
    Some((if negative { -x } else { x }, used))
}

/// `float(s)` for a str: `None` where CPython raises "could not convert
/// string to float: ..." (the VM builds that message from the repr).
///
/// Accepts what CPython accepts: surrounding whitespace (Unicode
/// whitespace too), any Unicode decimal digits, an optional sign, decimal
/// digits with an optional point and exponent, single underscores between
/// digits, and `inf`, `infinity`, `nan` in any case. No hex.
pub fn parse_float(s: &str) -> Option<f64> {
    parse_float_code_points(s.chars().map(|c| c as u32))
}

/// [`parse_float`] for a str given as code points (lone surrogates allowed,
/// and rejected).
pub fn parse_float_code_points(cps: impl IntoIterator<Item = u32>) -> Option<f64> {
    parse_float_bytes(&transform_decimal_and_space(cps))
}

/// `float(b)` for bytes and bytearray (no Unicode digits or whitespace).
pub fn parse_float_bytes(b: &[u8]) -> Option<f64> {
    // Underscores: only between digits (checked before stripping whitespace).
    let b = remove_underscores(b)?;
    let b = &b[..];
    let mut start = 0;
    let mut end = b.len();
    while start < end && is_ascii_space(b[start]) {
        start += 1;
    }
    while end > start && is_ascii_space(b[end - 1]) {
        end -= 1;
    }
    parse_float_core(&b[start..end])
}

/// The whole of `b` must be a float literal (`_PyOS_ascii_strtod`).
fn parse_float_core(b: &[u8]) -> Option<f64> {
    if b.is_empty() {
        return None;
    }
    let mut i = 0;
    if b[0] == b'+' || b[0] == b'-' {
        i = 1;
    }
    let mant_start = i;
    let mut n_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        n_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            n_digits += 1;
        }
    }
    if n_digits == 0 {
        return match parse_inf_or_nan(b) {
            Some((x, used)) if used == b.len() => Some(x),
            _ => None,
        };
    }
    let _ = mant_start;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_digits = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_digits {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // Validated: Rust's parser is correctly rounded and takes this syntax.
    std::str::from_utf8(b).ok()?.parse::<f64>().ok()
}

/// The underscore rule of `_Py_string_to_number_with_underscores`: single
/// underscores between digits are dropped; `None` if one is misplaced.
fn remove_underscores(b: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    if !b.contains(&b'_') {
        return Some(std::borrow::Cow::Borrowed(b));
    }
    let mut prev = 0u8;
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == b'_' {
        return None;
    }
    Some(std::borrow::Cow::Owned(out))
}

/// The longest prefix of `b` that is a float (`PyOS_string_to_double` with
/// an end pointer): its value and length, or `None` if there is none.
fn float_prefix(b: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let mut n_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        n_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        let mut j = i + 1;
        let mut frac = 0;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
            frac += 1;
        }
        if n_digits + frac > 0 {
            i = j;
            n_digits += frac;
        }
    }
    if n_digits == 0 {
        return parse_inf_or_nan(b);
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    let x = std::str::from_utf8(&b[..i]).ok()?.parse::<f64>().ok()?;
    Some((x, i))
}

/// Why `complex(s)` failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComplexParseError {
    /// ValueError "complex() arg is a malformed string".
    Malformed,
    /// A misplaced underscore: ValueError "could not convert string to
    /// complex: {repr(arg)}".
    Underscore,
}

/// `complex(s)` for a str: "1", "2j", "1+2j", "-1.5e3-infJ", "(1-j)", "j",
/// with whitespace around (and inside the parentheses), Unicode digits,
/// and underscores between digits.
pub fn parse_complex(s: &str) -> Result<(f64, f64), ComplexParseError> {
    parse_complex_code_points(s.chars().map(|c| c as u32))
}

/// [`parse_complex`] for a str given as code points.
pub fn parse_complex_code_points(cps: impl IntoIterator<Item = u32>) -> Result<(f64, f64), ComplexParseError> {
    use ComplexParseError::Malformed;
    let ascii = transform_decimal_and_space(cps);
    let b = remove_underscores(&ascii).ok_or(ComplexParseError::Underscore)?;
    let b = &b[..];
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let bracket = at(i) == b'(';
    if bracket {
        i += 1;
        while is_ascii_space(at(i)) {
            i += 1;
        }
    }
    let is_j = |c: u8| c == b'j' || c == b'J';
    let (mut x, mut y) = (0.0, 0.0);
    if let Some((z, used)) = float_prefix(&b[i..]) {
        i += used;
        if at(i) == b'+' || at(i) == b'-' {
            x = z;
            match float_prefix(&b[i..]) {
                Some((w, used)) => {
                    y = w;
                    i += used;
                }
                None => {
                    y = if at(i) == b'+' { 1.0 } else { -1.0 };
                    i += 1;
                }
            }
            if !is_j(at(i)) {
                return Err(Malformed);
            }
            i += 1;
        } else if is_j(at(i)) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if at(i) == b'+' || at(i) == b'-' {
            y = if at(i) == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(at(i)) {
            return Err(Malformed);
        }
        i += 1;
    }
    while is_ascii_space(at(i)) {
        i += 1;
    }
    if bracket {
        if at(i) != b')' {
            return Err(Malformed);
        }
        i += 1;
        while is_ascii_space(at(i)) {
            i += 1;
        }
    }
    if i != b.len() {
        return Err(Malformed);
    }
    Ok((x, y))
}

/// Why `int(s, base)` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// ValueError "invalid literal for int() with base {base}: {repr}"
    /// (see [`invalid_int_literal`]).
    Invalid,
    /// Another error to raise as is: more decimal digits than
    /// `sys.get_int_max_str_digits()` (ValueError "Exceeds the limit ..."),
    /// or a base outside 0 and 2..=36.
    Error(FmtError),
}

/// The message of `int()`'s ValueError for an invalid literal, given the
/// base the caller passed (0 for auto-detection) and `repr()` of the
/// argument (CPython keeps the first 200 characters of the repr).
pub fn invalid_int_literal(base: u32, repr: &str) -> FmtError {
    let repr = match repr.char_indices().nth(200) {
        Some((i, _)) => &repr[..i],
        None => repr,
    };
    FmtError::value(format!("invalid literal for int() with base {base}: {repr}"))
}

/// `int(s, base)` for a str: `base` is 0 (auto-detect from a 0x/0o/0b
/// prefix; a decimal with a leading zero must be zero) or 2..=36.
/// `max_str_digits` is `sys.get_int_max_str_digits()` (0 = no limit),
/// applied to bases that are not powers of two.
pub fn parse_int(s: &str, base: u32, max_str_digits: usize) -> Result<BigInt, IntParseError> {
    parse_int_code_points(s.chars().map(|c| c as u32), base, max_str_digits)
}

/// [`parse_int`] for a str given as code points.
pub fn parse_int_code_points(
    cps: impl IntoIterator<Item = u32>,
    base: u32,
    max_str_digits: usize,
) -> Result<BigInt, IntParseError> {
    parse_int_bytes(&transform_decimal_and_space(cps), base, max_str_digits)
}

fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 99,
    }
}

/// `int(b, base)` for bytes (`PyLong_FromString` on the raw bytes).
pub fn parse_int_bytes(b: &[u8], base: u32, max_str_digits: usize) -> Result<BigInt, IntParseError> {
    use IntParseError::Invalid;
    if base == 1 || base > 36 {
        return Err(IntParseError::Error(FmtError::value("int() arg 2 must be >= 2 and <= 36")));
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' || at(i) == b'-' {
        negative = at(i) == b'-';
        i += 1;
    }
    let mut base = base;
    let mut must_be_zero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    // An old-style octal literal ("010"): only zero is valid.
                    must_be_zero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1; // one underscore may follow the prefix
            }
        }
    }
    if at(i) == b'_' {
        return Err(Invalid);
    }
    let start = i;
    let mut n_digits = 0usize;
    let mut prev = 0u8;
    while i < b.len() && (digit_value(b[i]) < base || b[i] == b'_') {
        if b[i] == b'_' {
            if prev == b'_' {
                return Err(Invalid);
            }
        } else {
            n_digits += 1;
        }
        prev = b[i];
        i += 1;
    }
    if prev == b'_' {
        return Err(Invalid);
    }
    let run = &b[start..i];
    if !base.is_power_of_two() && n_digits > MAX_STR_DIGITS_THRESHOLD && max_str_digits > 0 && n_digits > max_str_digits
    {
        return Err(IntParseError::Error(int_digits_error(max_str_digits, n_digits)));
    }
    if n_digits == 0 {
        return Err(Invalid);
    }
    while is_ascii_space(at(i)) {
        i += 1;
    }
    if i != b.len() {
        return Err(Invalid);
    }
    let value = digits_value(run, base);
    if must_be_zero && !value.is_zero() {
        return Err(Invalid);
    }
    Ok(if negative { -value } else { value })
}

/// `int(text)` in base 10 for the common case, without the general
/// parser's allocations: ASCII whitespace, an optional sign, 1 to 18 decimal
/// digits (no underscores), ASCII whitespace. None for anything else, which
/// the general parser then decides (it gives the same value for every text
/// accepted here, and 18 digits are far below any digit limit).
pub fn parse_small_decimal(b: &[u8]) -> Option<i64> {
    let mut i = 0;
    while i < b.len() && is_ascii_space(b[i]) {
        i += 1;
    }
    let negative = match b.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let start = i;
    let mut v: i64 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        if i - start == 18 {
            return None;
        }
        v = v * 10 + (b[i] - b'0') as i64;
        i += 1;
    }
    if i == start {
        return None;
    }
    while i < b.len() && is_ascii_space(b[i]) {
        i += 1;
    }
    (i == b.len()).then_some(if negative { -v } else { v })
}

/// The value of a validated run of digits (underscores skipped).
fn digits_value(run: &[u8], base: u32) -> BigInt {
    let digits = run.iter().filter(|&&c| c != b'_');
    if run.len() <= 12 {
        let mut v: u64 = 0;
        for &c in digits {
            v = v * base as u64 + digit_value(c) as u64;
        }
        return BigInt::from(v);
    }
    let plain: Vec<u8> = digits.map(|&c| digit_value(c) as u8).collect();
    BigInt::from_radix_be(num_bigint::Sign::Plus, &plain, base).expect("valid digits")
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_decimal_agrees_with_the_general_parser() {
        let cases = [
            "0",
            "00123",
            "-5",
            "+7",
            "  42\n",
            "\t-0 ",
            "999999999999999999",
            "-999999999999999999",
            "1234567890123456789",
            "",
            " ",
            "-",
            "+-1",
            "1_000",
            "0x10",
            "12a",
            "1 2",
            "\x1c5",
            "٣",
        ];
        for c in cases {
            let fast = parse_small_decimal(c.as_bytes());
            let general = parse_int(c, 10, 4300).ok();
            if let Some(v) = fast {
                assert_eq!(Some(BigInt::from(v)), general, "{c:?}");
            }
        }
        assert_eq!(parse_small_decimal(b" -0042 "), Some(-42));
        assert_eq!(parse_small_decimal(b"1_0"), None);
        assert_eq!(parse_small_decimal(b"1234567890123456789"), None);
    }

    use super::*;

    #[test]
    fn floats() {
        assert_eq!(parse_float(" 1_000.5 "), Some(1000.5));
        assert_eq!(parse_float("\u{3000}-١٢\u{85}"), Some(-12.0));
        assert_eq!(parse_float("-iNfInItY"), Some(f64::NEG_INFINITY));
        assert!(parse_float("+nan").unwrap().is_nan());
        assert!(parse_float("-nan").unwrap().is_sign_negative());
        for bad in ["", " ", "1_", "_1", "1__0", "1e", "1e+", ".", "0x10", "infinit", "1\x1c", "1.0_e5", "1 2"] {
            assert_eq!(parse_float(bad), None, "{bad:?}");
        }
        assert_eq!(parse_float("1e1_0"), Some(1e10));
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("5."), Some(5.0));
        assert_eq!(parse_float("1e999999999999999999999"), Some(f64::INFINITY));
    }

    #[test]
    fn ints() {
        let p = |s: &str, b: u32| parse_int(s, b, 4300).ok().map(|v| v.to_string());
        assert_eq!(p("0x_1f", 0).as_deref(), Some("31"));
        assert_eq!(p(" -0b101 ", 0).as_deref(), Some("-5"));
        assert_eq!(p("010", 0), None);
        assert_eq!(p("00", 0).as_deref(), Some("0"));
        assert_eq!(p("0_0", 0).as_deref(), Some("0"));
        assert_eq!(p("1__0", 10), None);
        assert_eq!(p("0x", 16), None);
        assert_eq!(p("z", 36).as_deref(), Some("35"));
        assert_eq!(p("١٢٣", 10).as_deref(), Some("123"));
        assert_eq!(p("123456789012345678901234567890", 10).as_deref(), Some("123456789012345678901234567890"));
        assert!(matches!(parse_int(&"1".repeat(5000), 10, 4300), Err(IntParseError::Error(_))));
        assert!(parse_int(&"1".repeat(5000), 16, 4300).is_ok());
    }
}
