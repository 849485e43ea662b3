//! `%`-formatting of numbers (`PyUnicode_Format` in CPython's
//! `Objects/unicodeobject.c`): the conversion-spec parser
//! (`unicode_format_arg_parse`), the numeric conversions (`formatlong`,
//! `_PyUnicode_FormatLong`, `formatfloat`) and the padding
//! (`unicode_format_arg_output`).
//!
//! The VM drives the outer loop (literal text, the argument tuple or
//! mapping, `s`/`r`/`a`/`c`): it calls [`parse_percent_spec`] after each
//! `%`, then formats the argument by `spec.conv`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::dtoa::{try_double_to_string, DtsFlags};
use crate::error::{string_with_capacity, FmtError};
use crate::int_str::{magnitude_decimal, magnitude_in_base};

/// One parsed `%` conversion: `%[(key)][flags][width][.precision][hlL]conv`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PercentSpec {
    /// `%%` right after the `%`: write one `%` and consume no argument.
    pub literal_percent: bool,
    /// The mapping key, as the index range of its code points in the
    /// format (already looked up through [`PercentArgs::mapping_key`]).
    pub key: Option<(usize, usize)>,
    /// `-`: left-justify.
    pub minus: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space for the sign of a non-negative number.
    pub space: bool,
    /// `#`: alternate form (`0o`/`0x`/`0X` prefixes, kept point in floats).
    pub alt: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
    pub width: Option<usize>,
    pub precision: Option<usize>,
    /// The conversion character's code point (any; the VM rejects unknown
    /// ones with [`unsupported_format_character`]).
    pub conv: u32,
    /// Index of the conversion character in the format.
    pub conv_index: usize,
    /// Index just past the conversion: where the VM resumes.
    pub end: usize,
}

impl PercentSpec {
    /// The conversion as a `char` (`None` for a lone surrogate).
    pub fn conv_char(&self) -> Option<char> {
        char::from_u32(self.conv)
    }
}

/// What the spec parser needs from the VM, in CPython's order of evaluation.
pub trait PercentArgs {
    /// The VM's error type; parse errors arrive through `From<FmtError>`.
    type Error: From<FmtError>;
    /// A `(` follows the `%`: fail with TypeError "format requires a
    /// mapping" if the right operand is not a mapping.
    fn check_mapping(&mut self) -> Result<(), Self::Error>;
    /// `%(key)`: look up the format's code points `start..end` in the
    /// mapping; the value becomes the argument of this and the following
    /// conversions (CPython's `ctx->args`, with `arglen = -1`).
    fn mapping_key(&mut self, start: usize, end: usize) -> Result<(), Self::Error>;
    /// `*`: take the next argument (TypeError "not enough arguments for
    /// format string"), which must be an int (TypeError "* wants int"), as
    /// a C `Py_ssize_t` for a width or a C `int` for a precision
    /// (OverflowError "Python int too large to convert to C ssize_t" /
    /// "... C int"). A negative width means left-justify; a negative
    /// precision means 0 (handled here).
    fn star(&mut self, for_precision: bool) -> Result<i64, Self::Error>;
}

/// Parses the conversion that starts at `start`, the index just past a `%`
/// in `fmt` (the format's code points, in any width: `&[u8]` for ASCII or
/// Latin-1, `&[u16]`, `&[u32]`, `&[char]`).
///
/// Errors: ValueError "incomplete format key", "incomplete format",
/// "width too big", "precision too big", and whatever the callbacks return.
pub fn parse_percent_spec<T, A>(fmt: &[T], start: usize, args: &mut A) -> Result<PercentSpec, A::Error>
where
    T: Copy + Into<u32>,
    A: PercentArgs,
{
    let n = fmt.len();
    let get = |i: usize| -> u32 {
        if i < n {
            fmt[i].into()
        } else {
            0
        }
    };
    let is = |c: u32, ch: char| c == ch as u32;
    let mut pos = start;
    // Code points left from `pos` on; CPython's `fmtcnt`.
    let mut cnt = n as i64 - start as i64;
    let mut ch = get(pos);
    let mut spec = PercentSpec::default();
    if is(ch, '%') {
        spec.literal_percent = true;
        spec.conv = ch;
        spec.conv_index = pos;
        spec.end = pos + 1;
        return Ok(spec);
    }
    // The common `%s`, `%d`, ...: a conversion letter right after the `%`
    // (no key, flag, width, precision or length modifier) ends the spec.
    if u8::try_from(ch).is_ok_and(|b| b.is_ascii_alphabetic()) && !is(ch, 'h') && !is(ch, 'l') && !is(ch, 'L') {
        spec.conv = ch;
        spec.conv_index = pos;
        spec.end = pos + 1;
        return Ok(spec);
    }
    if is(ch, '(') {
        args.check_mapping()?;
        pos += 1;
        cnt -= 1;
        let key_start = pos;
        let mut depth = 1;
        while depth > 0 {
            cnt -= 1;
            if cnt < 0 {
                break;
            }
            ch = get(pos);
            if is(ch, ')') {
                depth -= 1;
            } else if is(ch, '(') {
                depth += 1;
            }
            pos += 1;
        }
        if cnt < 0 || depth > 0 {
            return Err(FmtError::value("incomplete format key").into());
        }
        spec.key = Some((key_start, pos - 1));
        args.mapping_key(key_start, pos - 1)?;
    }
    // Flags.
    loop {
        cnt -= 1;
        if cnt < 0 {
            break;
        }
        ch = get(pos);
        pos += 1;
        match char::from_u32(ch) {
            Some('-') => spec.minus = true,
            Some('+') => spec.plus = true,
            Some(' ') => spec.space = true,
            Some('#') => spec.alt = true,
            Some('0') => spec.zero = true,
            _ => break,
        }
    }
    // Width.
    if is(ch, '*') {
        let w = args.star(false)?;
        if w < 0 {
            spec.minus = true;
        }
        spec.width = Some(w.unsigned_abs() as usize);
        cnt -= 1;
        if cnt >= 0 {
            ch = get(pos);
            pos += 1;
        }
    } else if (0x30..=0x39).contains(&ch) {
        let mut w = (ch - 0x30) as i64;
        loop {
            cnt -= 1;
            if cnt < 0 {
                break;
            }
            ch = get(pos);
            pos += 1;
            if !(0x30..=0x39).contains(&ch) {
                break;
            }
            let d = (ch - 0x30) as i64;
            if w > (i64::MAX - d) / 10 {
                return Err(FmtError::value("width too big").into());
            }
            w = w * 10 + d;
        }
        spec.width = Some(w as usize);
    }
    // Precision.
    if is(ch, '.') {
        spec.precision = Some(0);
        cnt -= 1;
        if cnt >= 0 {
            ch = get(pos);
            pos += 1;
        }
        if is(ch, '*') {
            let p = args.star(true)?;
            spec.precision = Some(p.max(0) as usize);
            cnt -= 1;
            if cnt >= 0 {
                ch = get(pos);
                pos += 1;
            }
        } else if (0x30..=0x39).contains(&ch) {
            let mut p = (ch - 0x30) as i64;
            loop {
                cnt -= 1;
                if cnt < 0 {
                    break;
                }
                ch = get(pos);
                pos += 1;
                if !(0x30..=0x39).contains(&ch) {
                    break;
                }
                let d = (ch - 0x30) as i64;
                if p > (i32::MAX as i64 - d) / 10 {
                    return Err(FmtError::value("precision too big").into());
                }
                p = p * 10 + d;
            }
            spec.precision = Some(p as usize);
        }
    }
    // "h", "l" and "L" are ignored.
    if cnt >= 0 && (is(ch, 'h') || is(ch, 'l') || is(ch, 'L')) {
        cnt -= 1;
        if cnt >= 0 {
            ch = get(pos);
            pos += 1;
        }
    }
    if cnt < 0 {
        return Err(FmtError::value("incomplete format").into());
    }
    spec.conv = ch;
    spec.conv_index = pos - 1;
    spec.end = pos;
    Ok(spec)
}

/// ValueError "unsupported format character 'c' (0x63) at index 5".
pub fn unsupported_format_character(spec: &PercentSpec) -> FmtError {
    let c = spec.conv;
    let shown = if (31..=126).contains(&c) { char::from_u32(c).unwrap_or('?') } else { '?' };
    FmtError::value(format!("unsupported format character '{shown}' (0x{c:x}) at index {}", spec.conv_index))
}

/// `%d %i %u %o %x %X` (other conversions: [`unsupported_format_character`]) of an int (the VM converts other numbers first:
/// `int(x)` for d/i/u, `x.__index__()` for o/x/X). `max_str_digits` is
/// `sys.get_int_max_str_digits()` (0 = no limit), for decimal output.
pub fn percent_int(v: &BigInt, spec: &PercentSpec, max_str_digits: usize) -> Result<String, FmtError> {
    let conv = match spec.conv_char() {
        Some(c @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X')) => c,
        _ => return Err(unsupported_format_character(spec)),
    };
    let (base, prefix) = match conv {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    if spec.precision.is_some_and(|p| p > (i32::MAX - 3) as usize) {
        return Err(FmtError::overflow("precision too large"));
    }
    let digits = match (v.to_i64(), base) {
        (Some(i), 10) => i.unsigned_abs().to_string(),
        (_, 10) => magnitude_decimal(v, max_str_digits)?,
        _ => magnitude_in_base(v, base),
    };
    percent_int_body(v.is_negative(), digits, spec, conv, prefix)
}

/// [`percent_int`] of a machine-word int (no big-int conversion).
pub fn percent_i64(v: i64, spec: &PercentSpec) -> Result<String, FmtError> {
    let conv = match spec.conv_char() {
        Some(c @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X')) => c,
        _ => return Err(unsupported_format_character(spec)),
    };
    if spec.precision.is_some_and(|p| p > (i32::MAX - 3) as usize) {
        return Err(FmtError::overflow("precision too large"));
    }
    let m = v.unsigned_abs();
    let (digits, prefix) = match conv {
        'o' => (format!("{m:o}"), "0o"),
        'x' => (format!("{m:x}"), "0x"),
        'X' => (format!("{m:x}"), "0X"),
        _ => (m.to_string(), ""),
    };
    percent_int_body(v < 0, digits, spec, conv, prefix)
}

/// Sign, `#` prefix, precision zeros and padding around an int's digits.
fn percent_int_body(
    negative: bool,
    mut digits: String,
    spec: &PercentSpec,
    conv: char,
    prefix: &str,
) -> Result<String, FmtError> {
    if conv == 'X' {
        digits.make_ascii_uppercase();
    }
    let mut body = string_with_capacity(digits.len() + 4 + spec.precision.unwrap_or(0))?;
    if negative {
        body.push('-');
    }
    if spec.alt {
        body.push_str(prefix);
    }
    if let Some(p) = spec.precision {
        for _ in digits.len()..p {
            body.push('0');
        }
    }
    body.push_str(&digits);
    pad_number(&body, spec, conv)
}

/// `%e %E %f %F %g %G` of a float (precision 6 when not given). Errors:
/// `MemoryError` for a result too large for memory, and
/// [`unsupported_format_character`] for other conversions.
pub fn percent_float(v: f64, spec: &PercentSpec) -> Result<String, FmtError> {
    let mut out = String::new();
    percent_float_into(&mut out, v, spec)?;
    Ok(out)
}

/// [`percent_float`] appended to `out`.
pub fn percent_float_into(out: &mut String, v: f64, spec: &PercentSpec) -> Result<(), FmtError> {
    let conv = match spec.conv_char() {
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => c,
        _ => return Err(unsupported_format_character(spec)),
    };
    let flags = DtsFlags { alt: spec.alt, ..DtsFlags::default() };
    let body = try_double_to_string(v, conv, spec.precision.unwrap_or(6), flags)?;
    pad_number_into(out, &body, spec, conv)
}

/// `unicode_format_arg_output` for a number (ASCII `body`, maybe signed).
fn pad_number(body: &str, spec: &PercentSpec, conv: char) -> Result<String, FmtError> {
    let mut out = String::new();
    pad_number_into(&mut out, body, spec, conv)?;
    Ok(out)
}

/// [`pad_number`] appending to `out`.
fn pad_number_into(out: &mut String, body: &str, spec: &PercentSpec, conv: char) -> Result<(), FmtError> {
    let fill = if spec.zero { '0' } else { ' ' };
    let b = body.as_bytes();
    let mut len = b.len() as i64;
    let mut idx = 0usize;
    let mut sign_char = None;
    if b[0] == b'-' || b[0] == b'+' {
        sign_char = Some(b[0] as char);
        len -= 1;
        idx = 1;
    } else if spec.plus {
        sign_char = Some('+');
    } else if spec.space {
        sign_char = Some(' ');
    }
    let mut width = spec.width.map_or(-1, |w| w.min(i64::MAX as usize) as i64);
    if width < len {
        width = len;
    }
    let prefixed = spec.alt && matches!(conv, 'x' | 'X' | 'o');
    if out.try_reserve(width as usize + 2).is_err() {
        return Err(FmtError::MemoryError);
    }
    if let Some(s) = sign_char {
        if fill != ' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    if prefixed {
        if fill != ' ' {
            out.push_str(&body[idx..idx + 2]);
            idx += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !spec.minus {
        for _ in 0..width - len {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if let Some(s) = sign_char {
            out.push(s);
        }
        if prefixed {
            out.push_str(&body[idx..idx + 2]);
            idx += 2;
        }
    }
    out.push_str(&body[idx..]);
    for _ in len.max(0)..width {
        out.push(' ');
    }
    Ok(())
}

/// [`percent_i64`] appended to `out`, with the text put together on the
/// stack (no allocation unless `out` grows); a precision too long for the
/// stack buffer takes the general path.
pub fn percent_i64_into(out: &mut String, v: i64, spec: &PercentSpec) -> Result<(), FmtError> {
    let conv = match spec.conv_char() {
        Some(c @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X')) => c,
        _ => return Err(unsupported_format_character(spec)),
    };
    const ROOM: usize = 96;
    if spec.precision.is_some_and(|p| p > ROOM - 26) {
        out.push_str(&percent_i64(v, spec)?);
        return Ok(());
    }
    let (base, prefix): (u64, &[u8]) = match conv {
        'o' => (8, b"0o"),
        'x' => (16, b"0x"),
        'X' => (16, b"0X"),
        _ => (10, b""),
    };
    // The digits, last first, at the end of `digits`.
    let mut digits = [0u8; 24];
    let mut at = digits.len();
    let mut m = v.unsigned_abs();
    loop {
        let d = (m % base) as u8;
        at -= 1;
        digits[at] = match d {
            0..=9 => b'0' + d,
            _ if conv == 'X' => b'A' + d - 10,
            _ => b'a' + d - 10,
        };
        m /= base;
        if m == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    let mut body = [0u8; ROOM];
    let mut n = 0;
    let mut put = |bytes: &[u8]| {
        body[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    };
    if v < 0 {
        put(b"-");
    }
    if spec.alt {
        put(prefix);
    }
    for _ in digits.len()..spec.precision.unwrap_or(0) {
        put(b"0");
    }
    put(digits);
    let body = std::str::from_utf8(&body[..n]).map_err(|_| FmtError::value("invalid digits"))?;
    pad_number_into(out, body, spec, conv)
}

/// `%s %r %a %c` of a text of `len` code points: (spaces before, spaces
/// after, keep only the first n code points). `%c` is not truncated.
pub fn percent_text_padding(len: usize, spec: &PercentSpec) -> (usize, usize, Option<usize>) {
    let mut len = len;
    let mut truncate = None;
    if matches!(spec.conv_char(), Some('s' | 'r' | 'a')) {
        if let Some(p) = spec.precision {
            if len > p {
                len = p;
                truncate = Some(p);
            }
        }
    }
    let width = spec.width.unwrap_or(0).max(len);
    let pad = width - len;
    if spec.minus {
        (0, pad, truncate)
    } else {
        (pad, 0, truncate)
    }
}

/// The code point of `%c` for an int argument: OverflowError
/// "%c arg not in range(0x110000)" (TypeError "%c requires int or char"
/// for other types is the VM's).
pub fn percent_char_code(v: &BigInt) -> Result<u32, FmtError> {
    match v.to_u32() {
        Some(c) if c <= 0x10FFFF => Ok(c),
        _ => Err(FmtError::overflow("%c arg not in range(0x110000)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoArgs(Vec<i64>);
    impl PercentArgs for NoArgs {
        type Error = FmtError;
        fn check_mapping(&mut self) -> Result<(), FmtError> {
            Ok(())
        }
        fn mapping_key(&mut self, _: usize, _: usize) -> Result<(), FmtError> {
            Ok(())
        }
        fn star(&mut self, _: bool) -> Result<i64, FmtError> {
            Ok(self.0.remove(0))
        }
    }

    fn pi(fmt: &str, v: i64) -> String {
        let cps: Vec<char> = fmt.chars().collect();
        let spec = parse_percent_spec(&cps, 1, &mut NoArgs(vec![])).unwrap();
        percent_int(&BigInt::from(v), &spec, 4300).unwrap()
    }

    fn pf(fmt: &str, v: f64) -> String {
        let cps: Vec<char> = fmt.chars().collect();
        let spec = parse_percent_spec(&cps, 1, &mut NoArgs(vec![])).unwrap();
        percent_float(v, &spec).unwrap()
    }

    #[test]
    fn ints() {
        assert_eq!(pi("%5d", -3), "   -3");
        assert_eq!(pi("%05d", -3), "-0003");
        assert_eq!(pi("%-05d", 3), "3    ");
        assert_eq!(pi("%+.3d", 7), "+007");
        assert_eq!(pi("%#010x", 255), "0x000000ff");
        assert_eq!(pi("%#10X", -255), "     -0XFF");
        assert_eq!(pi("%#o", 8), "0o10");
        assert_eq!(pi("% d", 5), " 5");
        assert_eq!(pi("%ld", 5), "5");
    }

    #[test]
    fn floats() {
        assert_eq!(pf("%f", 1.5), "1.500000");
        assert_eq!(pf("%.2e", 12345.0), "1.23e+04");
        assert_eq!(pf("%+010.2f", -1.5), "-000001.50");
        assert_eq!(pf("%#.0f", 2.0), "2.");
        assert_eq!(pf("%g", 1e-5), "1e-05");
        assert_eq!(pf("%010f", f64::INFINITY), "       inf".replace(' ', "0"));
    }

    #[test]
    fn memory_errors() {
        let cps: Vec<char> = "%9223372036854775807d".chars().collect();
        let spec = parse_percent_spec(&cps, 1, &mut NoArgs(vec![])).unwrap();
        assert_eq!(percent_int(&BigInt::from(1), &spec, 0), Err(FmtError::MemoryError));
        let cps: Vec<char> = "%9223372036854775807f".chars().collect();
        let spec = parse_percent_spec(&cps, 1, &mut NoArgs(vec![])).unwrap();
        assert_eq!(percent_float(1.0, &spec), Err(FmtError::MemoryError));
        let cps: Vec<char> = "%*d".chars().collect();
        let spec = parse_percent_spec(&cps, 1, &mut NoArgs(vec![i64::MIN])).unwrap();
        assert!(spec.minus);
        assert_eq!(percent_int(&BigInt::from(1), &spec, 0), Err(FmtError::MemoryError));
    }

    #[test]
    fn parse_errors() {
        let p = |f: &str| {
            let cps: Vec<char> = f.chars().collect();
            parse_percent_spec(&cps, 1, &mut NoArgs(vec![-4, 2])).map(|s| (s.minus, s.width, s.precision, s.conv))
        };
        assert_eq!(p("%"), Err(FmtError::value("incomplete format")));
        assert_eq!(p("%(a"), Err(FmtError::value("incomplete format key")));
        assert_eq!(p("%(a)"), Err(FmtError::value("incomplete format")));
        assert_eq!(p("%*.*f"), Ok((true, Some(4), Some(2), 'f' as u32)));
        assert_eq!(p("%.f"), Ok((false, None, Some(0), 'f' as u32)));
    }
}
