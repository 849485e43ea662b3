//! `format(x, spec)` for int, float, complex and str: the second half of
//! CPython's `Python/formatter_unicode.c` (`format_long_internal`,
//! `format_float_internal`, `format_complex_internal`,
//! `format_string_internal`), with its number layout
//! (`calc_number_widths`, `fill_number`) and digit grouping
//! (`_PyUnicode_InsertThousandsGrouping`).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::dtoa::{try_double_to_string, DtsFlags};
use crate::error::{string_with_capacity, unknown_code, FmtError};
use crate::float_ops::int_to_f64;
use crate::int_str::{magnitude_decimal, magnitude_in_base};
use crate::spec::FormatSpec;

/// A thousands separator and its group size (3, or 4 for `_` with b/o/x/X).
type Grouping = Option<(char, usize)>;

/// The pieces of a formatted number, before padding:
/// `<sign><prefix><digits>[.]<remainder>`.
struct Parts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    decimal: bool,
    remainder: &'a str,
}

/// How `_PyUnicode_InsertThousandsGrouping` lays out the integer digits:
/// groups of digits (right to left, as (zeros, start, end) with zero
/// padding on the left), and, when zero padding up to `min_width` goes on
/// past the digits, a tail of `full` groups of `size` zeros and a leftmost
/// group of `last` zeros. So `0` padding with grouping gives "0,000,001".
struct GroupPlan {
    groups: Vec<(usize, usize, usize)>,
    tail: Option<(u64, u64)>,
    sep: char,
    size: usize,
}

impl GroupPlan {
    fn new(n_digits: usize, min_width: i64, grouping: Grouping) -> GroupPlan {
        let mut min_width = min_width.max(0);
        let mut remaining = n_digits as i64;
        let mut groups = Vec::new();
        let mut tail = None;
        let piece = |len: i64, remaining: i64, groups: &mut Vec<(usize, usize, usize)>| {
            let zeros = (len - remaining).max(0);
            let chars = remaining.min(len).max(0);
            let end = remaining as usize;
            groups.push((zeros as usize, end - chars as usize, end));
            chars
        };
        let (sep, size) = grouping.unwrap_or((',', 0));
        if size == 0 {
            let len = remaining.max(min_width).max(1);
            piece(len, remaining, &mut groups);
        } else {
            let g = size as i64;
            loop {
                if remaining <= 0 {
                    // Only zeros are left to write: count them instead of
                    // looping (the width can be huge).
                    let full = min_width / (g + 1);
                    let last = (min_width - full * (g + 1)).max(1);
                    tail = Some((full as u64, last as u64));
                    break;
                }
                let len = g.min(remaining.max(min_width).max(1));
                remaining -= piece(len, remaining, &mut groups);
                min_width -= len;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1; // the separator
            }
        }
        GroupPlan { groups, tail, sep, size }
    }

    /// The number of characters, separators included.
    fn len(&self) -> u64 {
        let digits: u64 = self.groups.iter().map(|&(z, s, e)| (z + e - s) as u64).sum();
        let seps = self.groups.len().saturating_sub(1) as u64;
        let tail =
            self.tail.map_or(0, |(full, last)| full.saturating_mul(self.size as u64 + 1).saturating_add(last + 1));
        (digits + seps).saturating_add(tail)
    }

    fn write(&self, out: &mut String, digits: &str) {
        if let Some((full, last)) = self.tail {
            push_n(out, '0', last as usize);
            for _ in 0..full {
                out.push(self.sep);
                push_n(out, '0', self.size);
            }
            out.push(self.sep);
        }
        for (i, &(zeros, s, e)) in self.groups.iter().enumerate().rev() {
            push_n(out, '0', zeros);
            out.push_str(&digits[s..e]);
            if i != 0 {
                out.push(self.sep);
            }
        }
    }
}

/// `calc_number_widths` + `fill_number`: pads `parts` to `width` with
/// `fill` according to `align` ('=' pads between sign/prefix and digits).
fn render(
    parts: &Parts<'_>,
    fill: char,
    align: char,
    width: Option<usize>,
    sign: Option<char>,
    grouping: Grouping,
) -> Result<String, FmtError> {
    let sign_char = match sign {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ => parts.negative.then_some('-'),
    };
    let width = width.map_or(-1, |w| w as i64);
    let remainder_len = parts.remainder.chars().count() as i64;
    let n_non_digit = sign_char.is_some() as i64 + parts.prefix.len() as i64 + parts.decimal as i64 + remainder_len;
    let min_width = if fill == '0' && align == '=' { width - n_non_digit } else { 0 };
    // No digits (type 'c', inf, nan): no grouping and no zero padding.
    let plan = (!parts.digits.is_empty()).then(|| GroupPlan::new(parts.digits.len(), min_width, grouping));
    let n_grouped = plan.as_ref().map_or(0, |p| p.len().min(i64::MAX as u64) as i64);
    let padding = width.saturating_sub(n_non_digit.saturating_add(n_grouped));
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if padding > 0 {
        match align {
            '<' => rpad = padding,
            '^' => {
                lpad = padding / 2;
                rpad = padding - lpad;
            }
            '=' => spad = padding,
            _ => lpad = padding,
        }
    }
    let total = ((lpad + spad + rpad) as usize)
        .saturating_mul(fill.len_utf8())
        .saturating_add(n_grouped as usize)
        .saturating_add(n_non_digit as usize + parts.remainder.len());
    let mut out = string_with_capacity(total)?;
    push_n(&mut out, fill, lpad as usize);
    if let Some(c) = sign_char {
        out.push(c);
    }
    out.push_str(parts.prefix);
    push_n(&mut out, fill, spad as usize);
    if let Some(plan) = &plan {
        plan.write(&mut out, parts.digits);
    }
    if parts.decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_n(&mut out, fill, rpad as usize);
    Ok(out)
}

fn push_n(out: &mut String, c: char, n: usize) {
    for _ in 0..n {
        out.push(c);
    }
}

fn grouping_for(spec: &FormatSpec, ty: char) -> Grouping {
    if ty == 'n' {
        return None; // the C locale has no grouping
    }
    match spec.grouping {
        Some(',') => Some((',', 3)),
        Some(_) if matches!(ty, 'b' | 'o' | 'x' | 'X') => Some(('_', 4)),
        Some(c) => Some((c, 3)),
        None => None,
    }
}

/// An int argument: machine-sized or big.
#[derive(Clone, Copy)]
enum IntArg<'a> {
    Small(i64),
    Big(&'a BigInt),
}

/// `format(v, spec)` for an int (CPython's `_PyLong_FormatAdvancedWriter`):
/// presentation types b c d o x X n, and e E f F g G % through float.
///
/// `type_name` is `type(v).__name__` (e.g. `bool`), for the "Unknown format
/// code" message; `max_str_digits` is `sys.get_int_max_str_digits()` (0 =
/// no limit), checked for decimal output.
///
/// Type `c` with a surrogate code point cannot be returned in a `String`:
/// it is replaced by U+FFFD here; use [`format_int_char`] to get it exactly.
pub fn format_int(v: &BigInt, spec: &FormatSpec, type_name: &str, max_str_digits: usize) -> Result<String, FmtError> {
    match v.to_i64() {
        Some(small) => format_int_impl(IntArg::Small(small), spec, type_name, max_str_digits),
        None => format_int_impl(IntArg::Big(v), spec, type_name, max_str_digits),
    }
}

/// [`format_int`] for a machine-sized int (no limit check needed: an i64
/// has at most 19 digits).
pub fn format_i64(v: i64, spec: &FormatSpec, type_name: &str) -> Result<String, FmtError> {
    format_int_impl(IntArg::Small(v), spec, type_name, 0)
}

fn format_int_impl(
    v: IntArg<'_>,
    spec: &FormatSpec,
    type_name: &str,
    max_str_digits: usize,
) -> Result<String, FmtError> {
    let ty = match spec.ty {
        Some(t @ ('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n')) => t,
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = match v {
                IntArg::Small(i) => i as f64,
                IntArg::Big(b) => int_to_f64(b)?,
            };
            return format_float(f, spec, "float");
        }
        other => return Err(unknown_code(other.unwrap_or('\0'), type_name)),
    };
    check_int_spec(spec)?;
    if ty == 'c' {
        let (l, cp, r) = char_layout(v, spec)?;
        let mut out = string_with_capacity((l + r).saturating_mul(spec.fill.len_utf8()).saturating_add(4))?;
        push_n(&mut out, spec.fill, l);
        out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
        push_n(&mut out, spec.fill, r);
        return Ok(out);
    }
    let base = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let (negative, mut digits) = match v {
        IntArg::Small(i) => (i < 0, small_in_base(i.unsigned_abs(), base)),
        IntArg::Big(b) if base == 10 => (b.is_negative(), magnitude_decimal(b, max_str_digits)?),
        IntArg::Big(b) => (b.is_negative(), magnitude_in_base(b, base)),
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if !spec.alternate {
        ""
    } else {
        match ty {
            'b' => "0b",
            'o' => "0o",
            'x' => "0x",
            'X' => "0X",
            _ => "",
        }
    };
    let parts = Parts { negative, prefix, digits: &digits, decimal: false, remainder: "" };
    render(&parts, spec.fill, spec.align, spec.width, spec.sign, grouping_for(spec, ty))
}

/// The errors `format_long_internal` raises before looking at the value.
fn check_int_spec(spec: &FormatSpec) -> Result<(), FmtError> {
    if spec.precision.is_some() {
        return Err(FmtError::value("Precision not allowed in integer format specifier"));
    }
    if spec.no_neg_zero {
        return Err(FmtError::value("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    Ok(())
}

/// Type `c`: (fill count before, code point, fill count after).
fn char_layout(v: IntArg<'_>, spec: &FormatSpec) -> Result<(usize, u32, usize), FmtError> {
    if spec.sign.is_some() {
        return Err(FmtError::value("Sign not allowed with integer format specifier 'c'"));
    }
    if spec.alternate {
        return Err(FmtError::value("Alternate form (#) not allowed with integer format specifier 'c'"));
    }
    let x = match v {
        IntArg::Small(i) => i,
        IntArg::Big(_) => {
            return Err(FmtError::overflow("Python int too large to convert to C long"));
        }
    };
    if !(0..=0x10FFFF).contains(&x) {
        return Err(FmtError::overflow("%c arg not in range(0x110000)"));
    }
    let padding = spec.width.map_or(0, |w| w.saturating_sub(1));
    let (l, r) = match spec.align {
        '<' => (0, padding),
        '^' => (padding / 2, padding - padding / 2),
        _ => (padding, 0), // '>' and '=' both pad before the character
    };
    Ok((l, x as u32, r))
}

/// `format(v, spec)` for an int with presentation type `c`, exactly: the
/// number of fill characters (`spec.fill`) before the character, its code
/// point (which may be a lone surrogate), and the number after.
/// For any other type, use [`format_int`].
pub fn format_int_char(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<(usize, u32, usize), FmtError> {
    if spec.ty != Some('c') {
        return Err(unknown_code(spec.ty.unwrap_or('\0'), type_name));
    }
    check_int_spec(spec)?;
    match v.to_i64() {
        Some(i) => char_layout(IntArg::Small(i), spec),
        None => char_layout(IntArg::Big(v), spec),
    }
}

fn small_in_base(mut u: u64, base: u32) -> String {
    if base == 10 {
        return u.to_string();
    }
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    loop {
        let d = (u % base as u64) as u8;
        i -= 1;
        buf[i] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
        u /= base as u64;
        if u == 0 {
            break;
        }
    }
    String::from_utf8(buf[i..].to_vec()).expect("ascii")
}

/// `format(v, spec)` for a float (CPython's `format_float_internal`):
/// presentation types e E f F g G n % and none (like `g` with at least one
/// digit after the point, or `repr` without precision).
pub fn format_float(v: f64, spec: &FormatSpec, type_name: &str) -> Result<String, FmtError> {
    let ty = match spec.ty {
        None => '\0',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) => t,
        Some(t) => return Err(unknown_code(t, type_name)),
    };
    let precision = check_precision(spec)?;
    let mut flags = DtsFlags { alt: spec.alternate, no_neg_0: spec.no_neg_zero, ..DtsFlags::default() };
    let mut code = ty;
    let mut default_precision = 6;
    let mut val = v;
    let mut add_pct = false;
    match ty {
        '\0' => {
            flags.add_dot_0 = true;
            code = 'r';
            default_precision = 0;
        }
        'n' => code = 'g',
        '%' => {
            code = 'f';
            val *= 100.0;
            add_pct = true;
        }
        _ => {}
    }
    let precision = match precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut buf = try_double_to_string(val, code, precision, flags)?;
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let parts = split_number(negative, body);
    render(&parts, spec.fill, spec.align, spec.width, spec.sign, grouping_for(spec, ty))
}

fn check_precision(spec: &FormatSpec) -> Result<Option<usize>, FmtError> {
    match spec.precision {
        Some(p) if p > i32::MAX as usize => Err(FmtError::value("precision too big")),
        p => Ok(p),
    }
}

/// CPython's `parse_number`: leading digits, then an optional '.', then the rest.
fn split_number(negative: bool, body: &str) -> Parts<'_> {
    let n = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n);
    let (decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Parts { negative, prefix: "", digits, decimal, remainder }
}

/// `format(complex(re, im), spec)` (CPython's `format_complex_internal`):
/// presentation types e E f F g G n and none.
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec, type_name: &str) -> Result<String, FmtError> {
    let ty = match spec.ty {
        None => '\0',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')) => t,
        Some(t) => return Err(unknown_code(t, type_name)),
    };
    let precision = check_precision(spec)?;
    if spec.fill == '0' {
        return Err(FmtError::value("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == '=' {
        return Err(FmtError::value("'=' alignment flag is not allowed in complex format specifier"));
    }
    let flags = DtsFlags { alt: spec.alternate, no_neg_0: spec.no_neg_zero, ..DtsFlags::default() };
    let mut code = ty;
    let mut default_precision = 6;
    let mut skip_re = false;
    let mut parens = false;
    if ty == '\0' {
        code = 'r';
        default_precision = 0;
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            parens = true;
        }
    }
    if ty == 'n' {
        code = 'g';
    }
    let precision = match precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let re_buf = try_double_to_string(re, code, precision, flags)?;
    let im_buf = try_double_to_string(im, code, precision, flags)?;
    let grouping = grouping_for(spec, ty);
    let part = |buf: &str, sign: Option<char>| -> Result<String, FmtError> {
        let (negative, body) = match buf.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, buf),
        };
        render(&split_number(negative, body), '\0', '<', None, sign, grouping)
    };
    let re_text = if skip_re { String::new() } else { part(&re_buf, spec.sign)? };
    let im_text = part(&im_buf, if skip_re { spec.sign } else { Some('+') })?;
    let len = re_text.len() + im_text.len() + 1 + 2 * parens as usize;
    let (lpad, rpad) = calc_padding(len, spec.width, spec.align);
    let mut out = string_with_capacity((lpad + rpad).saturating_mul(spec.fill.len_utf8()).saturating_add(len))?;
    push_n(&mut out, spec.fill, lpad);
    if parens {
        out.push('(');
    }
    out.push_str(&re_text);
    out.push_str(&im_text);
    out.push('j');
    if parens {
        out.push(')');
    }
    push_n(&mut out, spec.fill, rpad);
    Ok(out)
}

/// CPython's `calc_padding`: (left, right) padding of `len` chars to `width`.
fn calc_padding(len: usize, width: Option<usize>, align: char) -> (usize, usize) {
    let total = width.map_or(len, |w| w.max(len));
    let pad = total - len;
    match align {
        '>' => (pad, 0),
        '^' => (pad / 2, pad - pad / 2),
        _ => (0, pad),
    }
}

/// `format(s, spec)` for a str of `len` code points (CPython's
/// `format_string_internal`). The VM owns the string, so this returns what
/// to do with it: (fill chars before, fill chars after, keep only the first
/// n code points), with `spec.fill` as the fill character.
pub fn format_str_spec(
    len: usize,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<(usize, usize, Option<usize>), FmtError> {
    if spec.ty != Some('s') {
        return Err(unknown_code(spec.ty.unwrap_or('\0'), type_name));
    }
    match spec.sign {
        Some(' ') => return Err(FmtError::value("Space not allowed in string format specifier")),
        Some(_) => return Err(FmtError::value("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FmtError::value("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if spec.alternate {
        return Err(FmtError::value("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == '=' {
        return Err(FmtError::value("'=' alignment not allowed in string format specifier"));
    }
    let (len, truncate) = match spec.precision {
        Some(p) if p < len => (p, Some(p)),
        _ => (len, None),
    };
    let (l, r) = calc_padding(len, spec.width, spec.align);
    Ok((l, r, truncate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse_format_spec;

    fn fi(v: i64, s: &str) -> String {
        let spec = parse_format_spec(s, Some('d'), '>', "int").unwrap();
        format_int(&BigInt::from(v), &spec, "int", 4300).unwrap()
    }

    fn ff(v: f64, s: &str) -> String {
        let spec = parse_format_spec(s, None, '>', "float").unwrap();
        format_float(v, &spec, "float").unwrap()
    }

    #[test]
    fn ints() {
        assert_eq!(fi(1, "08,"), "0,000,001");
        assert_eq!(fi(1, "09,"), "0,000,001");
        assert_eq!(fi(1, "010,"), "00,000,001");
        assert_eq!(fi(-1, "09,"), "-0,000,001");
        assert_eq!(fi(12345, "010_x"), "0_0000_3039");
        assert_eq!(fi(-255, "#X"), "-0XFF");
        assert_eq!(fi(-1, "x=#010x"), "-0xxxxxxx1");
        assert_eq!(fi(1234567, ","), "1,234,567");
        assert_eq!(fi(65, "05c"), "0000A");
        assert_eq!(fi(65, "^5c"), "  A  ");
        assert_eq!(fi(1, "+"), "+1");
        assert_eq!(fi(3, "%"), "300.000000%");
    }

    #[test]
    fn floats() {
        assert_eq!(ff(1.5, "05"), "001.5");
        assert_eq!(ff(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(ff(-0.0, "z.1f"), "0.0");
        assert_eq!(ff(1e16, ""), "1e+16");
        assert_eq!(ff(1.0, ".3"), "1.0");
        assert_eq!(ff(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(ff(0.5, "%"), "50.000000%");
    }

    #[test]
    fn memory_errors() {
        for s in ["1000000000000000000", "😀<9223372036854775807", "=9223372036854775807,"] {
            let spec = parse_format_spec(s, Some('d'), '>', "int").unwrap();
            assert_eq!(format_int(&BigInt::from(1), &spec, "int", 0), Err(FmtError::MemoryError));
            let spec = parse_format_spec(s, None, '>', "float").unwrap();
            assert_eq!(format_float(1.5, &spec, "float"), Err(FmtError::MemoryError));
            if !s.starts_with('=') {
                let spec = parse_format_spec(s, None, '>', "complex").unwrap();
                assert_eq!(format_complex(1.5, 1.0, &spec, "complex"), Err(FmtError::MemoryError));
            }
        }
        for s in ["09223372036854775807,", "09223372036854775807_x", "09223372036854775807"] {
            let spec = parse_format_spec(s, Some('d'), '>', "int").unwrap();
            assert_eq!(format_int(&BigInt::from(1), &spec, "int", 0), Err(FmtError::MemoryError));
        }
        let spec = parse_format_spec("9223372036854775807c", Some('d'), '>', "int").unwrap();
        assert_eq!(format_int(&BigInt::from(65), &spec, "int", 0), Err(FmtError::MemoryError));
    }

    #[test]
    fn complexes() {
        let spec = parse_format_spec("10", None, '>', "complex").unwrap();
        assert_eq!(format_complex(1.0, 2.0, &spec, "complex").unwrap(), "    (1+2j)");
        let spec = parse_format_spec(".2f", None, '>', "complex").unwrap();
        assert_eq!(format_complex(0.0, 2.0, &spec, "complex").unwrap(), "0.00+2.00j");
    }
}
