//! Literal values and their Python `repr`.
//!
//! `StrLit` holds a Python `str` as the parser produces it. A string literal may
//! contain lone surrogates (`"\ud800"`), which Rust's `String` cannot hold, so
//! code points are stored in generalized UTF-8: every code point, surrogates
//! included, encoded on its own with the UTF-8 algorithm.

use std::fmt;

#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct StrLit {
    bytes: Vec<u8>,
    has_surrogates: bool,
}

impl StrLit {
    pub fn new() -> StrLit {
        StrLit::default()
    }

    pub fn from_text(s: &str) -> StrLit {
        StrLit { bytes: s.as_bytes().to_vec(), has_surrogates: false }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Append one code point (0..=0x10FFFF), which may be a lone surrogate.
    pub fn push_code_point(&mut self, cp: u32) {
        match char::from_u32(cp) {
            Some(c) => self.push(c),
            None => {
                debug_assert!((0xD800..0xE000).contains(&cp));
                self.has_surrogates = true;
                self.bytes.push(0xE0 | (cp >> 12) as u8);
                self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                self.bytes.push(0x80 | (cp & 0x3F) as u8);
            }
        }
    }

    pub fn append(&mut self, other: &StrLit) {
        self.bytes.extend_from_slice(&other.bytes);
        self.has_surrogates |= other.has_surrogates;
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text as `&str`, unless it holds a lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        if self.has_surrogates {
            None
        } else {
            // Without surrogates the bytes are plain UTF-8 (only `str`s and
            // `char`s were appended).
            std::str::from_utf8(&self.bytes).ok()
        }
    }

    /// The generalized UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn has_surrogates(&self) -> bool {
        self.has_surrogates
    }

    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints { bytes: &self.bytes, pos: 0 }
    }

    /// Number of code points (Python's `len`).
    pub fn char_len(&self) -> usize {
        self.bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }
}

impl fmt::Debug for StrLit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&str_repr(self))
    }
}

#[derive(Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let b = &self.bytes[self.pos..];
        let first = *b.first()?;
        let (cp, len) = if first < 0x80 {
            (first as u32, 1)
        } else if first < 0xE0 {
            (((first as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F), 2)
        } else if first < 0xF0 {
            (((first as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F), 3)
        } else {
            (
                ((first as u32 & 0x07) << 18)
                    | ((b[1] as u32 & 0x3F) << 12)
                    | ((b[2] as u32 & 0x3F) << 6)
                    | (b[3] as u32 & 0x3F),
                4,
            )
        };
        self.pos += len;
        Some(cp)
    }
}

/// `repr(s)` for a Python str.
pub fn str_repr(s: &StrLit) -> String {
    repr_code_points(s.code_points())
}

/// `repr()` of the str made of these code points (CPython's `unicode_repr`).
pub fn repr_code_points(chars: impl Iterator<Item = u32> + Clone) -> String {
    let (mut single, mut double) = (false, false);
    for c in chars.clone() {
        single |= c == '\'' as u32;
        double |= c == '"' as u32;
    }
    let quote = if single && !double { '"' } else { '\'' };
    let mut out = String::with_capacity(2);
    out.push(quote);
    for c in chars {
        match c {
            _ if c == quote as u32 || c == '\\' as u32 => {
                out.push('\\');
                out.push(char::from_u32(c).unwrap_or('?'));
            }
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            0..=0x1F | 0x7F => push_hex_escape(&mut out, 'x', c, 2),
            0x20..=0x7E => out.push(c as u8 as char),
            _ if taipan_unicode::is_printable(c) => out.push(char::from_u32(c).unwrap_or('?')),
            0x80..=0xFF => push_hex_escape(&mut out, 'x', c, 2),
            0x100..=0xFFFF => push_hex_escape(&mut out, 'u', c, 4),
            _ => push_hex_escape(&mut out, 'U', c, 8),
        }
    }
    out.push(quote);
    out
}

fn push_hex_escape(out: &mut String, kind: char, c: u32, width: usize) {
    out.push('\\');
    out.push(kind);
    out.push_str(&format!("{c:0width$x}"));
}

/// `repr(b)` for a Python bytes object.
pub fn bytes_repr(b: &[u8]) -> String {
    let single = b.contains(&b'\'');
    let double = b.contains(&b'"');
    let quote = if single && !double { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            _ if c == quote || c == b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7E => out.push(c as char),
            _ => push_hex_escape(&mut out, 'x', c as u32, 2),
        }
    }
    out.push(quote as char);
    out
}

/// The shortest digits that round-trip `x` (which must be finite and positive),
/// with the decimal exponent: `x = 0.DIGITS * 10**decpt`.
pub fn shortest_digits(x: f64) -> (String, i32) {
    // Rust's `{:e}` prints the shortest round-tripping mantissa, like David
    // Gay's dtoa mode 0 that CPython uses for repr, except when two shortest
    // candidates are equally near `x`: Rust takes the upper one
    // (2.0**-25 gives ...7695313e-08), dtoa the even one (...7695312e-08).
    let shortest = format!("{x:e}");
    let (digits, decpt) = split_e_format(&shortest);
    // Such a tie means the exact value of `x` has one significant digit more
    // than the shortest string, and that digit is a 5. `x` is m * 2**k with m
    // odd; for k < 0 its exact decimal expansion ends -k places after the
    // point, so it has decpt - k significant digits.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (m, k) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let k = k + m.trailing_zeros() as i32;
    if k < 0 && decpt - k == digits.len() as i32 + 1 {
        // Rust's fixed-precision `{:.Ne}` rounds the exact value half to even.
        let even = format!("{:.*e}", digits.len() - 1, x);
        if even != shortest && even.parse::<f64>() == Ok(x) {
            return split_e_format(&even);
        }
    }
    (digits, decpt)
}

/// Rust's `{:e}` text ("1.25e-3") as digits without trailing zeros and the
/// exponent of `0.DIGITS * 10**decpt`.
fn split_e_format(s: &str) -> (String, i32) {
    let (mantissa, exp) = s.split_once('e').expect("exponent in {:e}");
    let exp: i32 = exp.parse().expect("integer exponent");
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0".to_string() } else { digits.to_string() };
    (digits, exp + 1)
}

/// `repr(x)` for a Python float (format code 'r' with `Py_DTSF_ADD_DOT_0`).
pub fn float_repr(x: f64) -> String {
    format_float_r(x, true)
}

fn format_float_r(x: f64, add_dot_0: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let ax = x.abs();
    if ax == 0.0 {
        return format!("{sign}{}", if add_dot_0 { "0.0" } else { "0" });
    }
    let (digits, decpt) = shortest_digits(ax);
    let n = digits.len() as i32;
    let mut out = String::from(sign);
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..-decpt {
            out.push('0');
        }
        out.push_str(&digits);
    } else if decpt >= n {
        out.push_str(&digits);
        for _ in 0..decpt - n {
            out.push('0');
        }
        if add_dot_0 {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    out
}

/// `repr(complex(real, imag))`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let im = format_float_r(imag, false);
    if real == 0.0 && real.is_sign_positive() {
        return format!("{im}j");
    }
    let re = format_float_r(real, false);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({re}{sign}{im}j)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5, "-2.5"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (1e300 * 1e300, "inf"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (3.25159, "3.25159"),
            (100.0, "100.0"),
            // Ties between two shortest candidates go to the even one.
            (2f64.powi(-25), "2.9802322387695312e-08"),
            (1_836_218_942_582_016.3, "1836218942582016.2"),
            (-2f64.powi(-25), "-2.9802322387695312e-08"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:?}");
        }
    }

    #[test]
    fn complex_reprs() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(0.0, 1.5), "1.5j");
        assert_eq!(complex_repr(0.0, 1e100), "1e+100j");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
        assert_eq!(complex_repr(0.0, f64::INFINITY), "infj");
    }

    #[test]
    fn str_reprs() {
        let r = |s: &str| str_repr(&StrLit::from_text(s));
        assert_eq!(r("abc"), "'abc'");
        assert_eq!(r("it's"), "\"it's\"");
        assert_eq!(r("'\""), "'\\'\"'");
        assert_eq!(r("a\nb\t\\"), "'a\\nb\\t\\\\'");
        assert_eq!(r("\x00\x7f\u{a0}é"), "'\\x00\\x7f\\xa0é'");
        assert_eq!(r("\u{2028}\u{e000}\u{10ffff}"), "'\\u2028\\ue000\\U0010ffff'");
        let mut s = StrLit::new();
        s.push_code_point(0xD800);
        assert_eq!(str_repr(&s), "'\\ud800'");
    }

    #[test]
    fn bytes_reprs() {
        assert_eq!(bytes_repr(b"ab'"), "b\"ab'\"");
        assert_eq!(bytes_repr(b"\x00\xff\n"), "b'\\x00\\xff\\n'");
    }
}
