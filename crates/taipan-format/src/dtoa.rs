//! Float to decimal digits (what CPython gets from David Gay's `_Py_dg_dtoa`)
//! and `PyOS_double_to_string` (`Python/pystrtod.c`), which lays the digits
//! out for the `e`, `f`, `g` and `r` codes.
//!
//! The digits come from Rust's float formatting, which is exact: `{:e}`
//! gives the shortest digits that round-trip (dtoa mode 0), and `{:.N}` /
//! `{:.Ne}` round the exact binary value half-to-even, like dtoa modes 3
//! and 2.

use crate::error::{string_with_capacity, FmtError};

/// Decimal digits `d1 d2 ... dn` (ASCII, no trailing zeros) and the
/// position of the decimal point: the value is `0.d1d2...dn * 10**decpt`.
/// Zero is `"0"` with `decpt == 1`. An empty string means "rounded to zero"
/// (fixed mode only), with `decpt == -ndigits` as Gay's dtoa reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    pub digits: Vec<u8>,
    pub decpt: i64,
}

/// Largest number of significant digits a double can need (767), rounded up.
const MAX_SIG_DIGITS: usize = 800;
/// Largest number of digits after the point a double can need (1074), rounded up.
const MAX_FRAC_DIGITS: usize = 1100;

fn strip_trailing_zeros(d: &mut Vec<u8>) {
    while d.last() == Some(&b'0') {
        d.pop();
    }
}

/// Splits Rust's `{:e}` output ("1.25e-3") into digits and `decpt`.
fn split_exp(s: &str) -> Digits {
    let (mant, exp) = s.split_once('e').expect("exponent");
    let exp: i64 = exp.parse().expect("exponent digits");
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    strip_trailing_zeros(&mut digits);
    Digits { digits, decpt: exp + 1 }
}

/// dtoa mode 0: the shortest digits that round-trip, and of those the
/// nearest to the value, ties to even. `ax` finite, >= 0.
pub(crate) fn shortest(ax: f64) -> Digits {
    if ax == 0.0 {
        return Digits { digits: b"0".to_vec(), decpt: 1 };
    }
    let s = format!("{ax:e}");
    let d = split_exp(&s);
    // Rust's shortest digits break a tie between two candidates upwards
    // (1836218942582016.25 gives ...16.3) where Gay's dtoa takes the even
    // one (...16.2); then the correctly rounded string of the same length
    // is the one. A tie needs the exact value to have exactly one more
    // significant digit (a final 5): with ax = odd * 2**e (e < 0) it has
    // -e digits after the point, so decpt - e digits in all.
    let bits = ax.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let mant = if exp_field == 0 { bits & ((1 << 52) - 1) } else { (bits & ((1 << 52) - 1)) | 1 << 52 };
    let low_bit = if exp_field == 0 { -1074 } else { exp_field - 1075 } + mant.trailing_zeros() as i64;
    if low_bit < 0 && d.decpt - low_bit == d.digits.len() as i64 + 1 {
        let c = format!("{:.*e}", d.digits.len() - 1, ax);
        if c != s && c.parse::<f64>() == Ok(ax) {
            return split_exp(&c);
        }
    }
    d
}

/// dtoa mode 2: `ndigits >= 1` significant digits, correctly rounded.
pub(crate) fn significant(ax: f64, ndigits: usize) -> Digits {
    if ax == 0.0 {
        return Digits { digits: b"0".to_vec(), decpt: 1 };
    }
    let n = ndigits.clamp(1, MAX_SIG_DIGITS);
    significant_exact(ax, n).unwrap_or_else(|| significant_by_format(ax, n))
}

/// [`significant`] through Rust's exact formatting (any `ax > 0`, `n >= 1`).
fn significant_by_format(ax: f64, n: usize) -> Digits {
    split_exp(&format!("{:.*e}", n - 1, ax))
}

/// dtoa mode 3: rounded to `ndigits >= 0` digits after the point.
pub(crate) fn fixed(ax: f64, ndigits: usize) -> Digits {
    if ax == 0.0 {
        return Digits { digits: b"0".to_vec(), decpt: 1 };
    }
    fixed_exact(ax, ndigits).unwrap_or_else(|| fixed_by_format(ax, ndigits))
}

/// The exact value `ax * 10**scale` (`ax > 0` finite) as `num / den` in
/// 128-bit integers, when both fit: `ax` is `mant * 2**e2` exactly.
fn scaled_fraction(ax: f64, scale: i64) -> Option<(u128, u128)> {
    let bits = ax.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mant, e2) = if exp_field == 0 { (frac, -1074) } else { (frac | 1 << 52, exp_field - 1075) };
    let pow10 = |k: i64| 10u128.checked_pow(u32::try_from(k).ok()?);
    let (mut num, mut den) = (mant as u128, 1u128);
    if scale >= 0 {
        num = num.checked_mul(pow10(scale)?)?;
    } else {
        den = pow10(-scale)?;
    }
    if e2 >= 0 {
        num = shift_left_exact(num, e2)?;
    } else {
        den = shift_left_exact(den, -e2)?;
    }
    Some((num, den))
}

/// `x << k` unless bits would be lost.
fn shift_left_exact(x: u128, k: i64) -> Option<u128> {
    (k < x.leading_zeros() as i64).then(|| x << k)
}

/// `num / den` rounded half to even.
fn round_half_even(num: u128, den: u128) -> u128 {
    let (q, r) = (num / den, num % den);
    let rest = den - r;
    if r > rest || (r == rest && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// Digits of `r > 0` (whose decimal point sits `decpt` digits in), with
/// trailing zeros removed.
fn digits_of(r: u128, decpt: i64) -> Digits {
    let mut digits = match u64::try_from(r) {
        // The common case, in word arithmetic (no 128-bit division).
        Ok(w) => {
            let mut buf = [0u8; 20];
            let (mut w, mut i) = (w, buf.len());
            while w > 0 {
                i -= 1;
                buf[i] = b'0' + (w % 10) as u8;
                w /= 10;
            }
            buf[i..].to_vec()
        }
        Err(_) => r.to_string().into_bytes(),
    };
    strip_trailing_zeros(&mut digits);
    Digits { digits, decpt }
}

/// [`fixed`] in exact integer arithmetic, as Gay's dtoa does for short
/// results: `ax * 10**ndigits` rounded half to even. None when the
/// numbers do not fit 128 bits (then Rust's formatting does it).
fn fixed_exact(ax: f64, ndigits: usize) -> Option<Digits> {
    let (num, den) = scaled_fraction(ax, i64::try_from(ndigits).ok()?)?;
    let r = round_half_even(num, den);
    if r == 0 {
        return Some(Digits { digits: Vec::new(), decpt: -(ndigits as i64) });
    }
    let len = r.ilog10() as i64 + 1;
    Some(digits_of(r, len - ndigits as i64))
}

/// [`significant`] in exact integer arithmetic: with `10**(k-1) <= ax <
/// 10**k`, `ax * 10**(n-k)` rounded half to even has `n` digits (or is
/// `10**n` after a carry). None when the numbers do not fit 128 bits.
fn significant_exact(ax: f64, n: usize) -> Option<Digits> {
    let n = i64::try_from(n).ok()?;
    // The estimate can be one off near a power of ten: the exact quotient
    // settles it.
    let mut k = ax.log10().floor() as i64 + 1;
    for _ in 0..2 {
        let (num, den) = scaled_fraction(ax, n - k)?;
        let q = num / den;
        let low = 10u128.pow(u32::try_from(n - 1).ok()?);
        if q < low {
            k -= 1;
            continue;
        }
        if q / 10 >= low {
            k += 1;
            continue;
        }
        let r = round_half_even(num, den);
        if r == low * 10 {
            return Some(Digits { digits: b"1".to_vec(), decpt: k + 1 });
        }
        return Some(digits_of(r, k));
    }
    None
}

/// [`fixed`] through Rust's exact formatting (any `ax > 0`).
fn fixed_by_format(ax: f64, ndigits: usize) -> Digits {
    let n = ndigits.min(MAX_FRAC_DIGITS);
    let s = format!("{:.*}", n, ax);
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    let (mut digits, decpt) = if int_part == "0" {
        let zeros = frac_part.bytes().take_while(|&b| b == b'0').count();
        (frac_part.as_bytes()[zeros..].to_vec(), -(zeros as i64))
    } else {
        let mut d = int_part.as_bytes().to_vec();
        d.extend_from_slice(frac_part.as_bytes());
        (d, int_part.len() as i64)
    };
    strip_trailing_zeros(&mut digits);
    if digits.is_empty() {
        return Digits { digits, decpt: -(ndigits as i64) };
    }
    Digits { digits, decpt }
}

/// The flags of `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtsFlags {
    /// `Py_DTSF_SIGN`: always add a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: add ".0" to integers in non-exponent form ('r' and 'g').
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the '#' alternate form.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: the 'z' flag.
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(val, code, precision, flags)`: `code` is one of
/// `e E f F g G r` (`r` = repr, precision ignored). Infinities and NaNs give
/// `inf`/`nan` (`INF`/`NAN` for the upper-case codes), NaN without sign.
///
/// Panics on any other code, and aborts like any allocation if the result
/// does not fit in memory (see [`try_double_to_string`]).
pub fn double_to_string(val: f64, code: char, precision: usize, flags: DtsFlags) -> String {
    try_double_to_string(val, code, precision, flags).expect("out of memory")
}

/// [`double_to_string`] that reports a result too large for memory
/// (think `'%.2147483647f' % 1.0`) as `MemoryError`.
pub fn try_double_to_string(val: f64, code: char, precision: usize, flags: DtsFlags) -> Result<String, FmtError> {
    let upper = matches!(code, 'E' | 'F' | 'G');
    let code = code.to_ascii_lowercase();
    let mut negative = val.is_sign_negative();
    if val.is_nan() || val.is_infinite() {
        let mut out = String::with_capacity(4);
        if val.is_nan() {
            negative = false;
        }
        if negative {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (val.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return Ok(out);
    }
    let ax = val.abs();
    let (d, precision) = match code {
        'e' => (significant(ax, precision.saturating_add(1)), precision as i64 + 1),
        'f' => (fixed(ax, precision), precision as i64),
        'g' => {
            let p = precision.max(1);
            (significant(ax, p), p as i64)
        }
        'r' => (shortest(ax), 0),
        _ => panic!("double_to_string: bad format code {code:?}"),
    };
    if flags.no_neg_0 && negative && (d.digits.is_empty() || d.digits == b"0") {
        negative = false;
    }
    layout(negative, &d, code, precision, flags, upper)
}

/// The body of CPython's `format_float_short`: lay `d` out as
/// `[sign]<zeros><digits><zeros>[exponent]` with one decimal point.
fn layout(
    negative: bool,
    d: &Digits,
    code: char,
    precision: i64,
    flags: DtsFlags,
    upper: bool,
) -> Result<String, FmtError> {
    let n = d.digits.len() as i64;
    let mut decpt = d.decpt;
    let mut use_exp = false;
    // The output is the slice [start, end) of the digits padded with zeros
    // on both sides, with the point before index `decpt`.
    let mut end = n;
    match code {
        'e' => {
            use_exp = true;
            end = precision;
        }
        'f' => end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                end = precision;
            }
        }
        _ => {
            // 'r': exponent from 1e16 on.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    end = if !use_exp && flags.add_dot_0 { end.max(decpt + 1) } else { end.max(decpt) };

    let mut out = string_with_capacity((end - start) as usize + 8)?;
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    for i in start..end {
        if i == decpt {
            out.push('.');
        }
        out.push(if i >= 0 && i < n { d.digits[i as usize] as char } else { '0' });
    }
    if decpt == end {
        out.push('.');
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    Ok(out)
}

/// `repr(x)` and `str(x)` for a float: the shortest string that reads back
/// as `x` ("1.0", "1e+16", "inf", "nan").
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, DtsFlags { add_dot_0: true, ..DtsFlags::default() })
}

/// `repr(complex(re, im))`: "1j", "(1+2j)", "(-0-0j)", "(nan+infj)".
pub fn complex_repr(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        let mut s = double_to_string(im, 'r', 0, DtsFlags::default());
        s.push('j');
        return s;
    }
    let re = double_to_string(re, 'r', 0, DtsFlags::default());
    let im = double_to_string(im, 'r', 0, DtsFlags { sign: true, ..DtsFlags::default() });
    format!("({re}{im}j)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f64, code: char, p: usize) -> String {
        double_to_string(v, code, p, DtsFlags::default())
    }

    /// The exact-integer digits agree with Rust's exact formatting, on
    /// values of every magnitude, ties and near-ties, and carries.
    #[test]
    fn exact_digits_match_formatting() {
        let mut values = vec![0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 9.995, 9.9999999, 99.5, 1e22, 1e23, 5e-324, 1e-5];
        values.extend([0.1, 0.7, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e15 + 0.5, 4503599627370497.5]);
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Exponents around the decimal point, where formats live.
            let e = (x >> 52) % 160;
            values.push(f64::from_bits((x & ((1 << 52) - 1)) | (e + 1023 - 80) << 52));
            values.push((x % 2_000_000) as f64 / 1000.0);
            values.push((x % 100_000) as f64 / 8.0);
        }
        for &v in &values {
            for nd in [0, 1, 2, 3, 4, 6, 9, 12, 17, 22, 25] {
                if let Some(d) = fixed_exact(v, nd) {
                    assert_eq!(d, fixed_by_format(v, nd), "fixed {v:e} {nd}");
                }
            }
            for nd in [1, 2, 3, 5, 6, 7, 10, 15, 17, 20] {
                if let Some(d) = significant_exact(v, nd) {
                    assert_eq!(d, significant_by_format(v, nd), "significant {v:e} {nd}");
                }
            }
        }
        // The common cases take the exact path.
        assert!(fixed_exact(1234.5678, 2).is_some() && significant_exact(1234.5678, 3).is_some());
        assert!(fixed_exact(1e-7, 6).is_some() && significant_exact(3.3e-9, 6).is_some());
    }

    #[test]
    fn codes() {
        assert_eq!(f(0.125, 'f', 2), "0.12");
        assert_eq!(f(0.375, 'f', 2), "0.38");
        assert_eq!(f(2.675, 'f', 2), "2.67");
        assert_eq!(f(1e22, 'f', 0), "10000000000000000000000");
        assert_eq!(f(5e-324, 'g', 3), "4.94e-324");
        assert_eq!(f(0.0001, 'f', 2), "0.00");
        assert_eq!(f(0.5, 'f', 0), "0");
        assert_eq!(f(1.5, 'f', 0), "2");
        assert_eq!(f(12345.678, 'e', 2), "1.23e+04");
        assert_eq!(f(1e100, 'E', 0), "1E+100");
        assert_eq!(f(100000.0, 'g', 6), "100000");
        assert_eq!(f(1000000.0, 'g', 6), "1e+06");
        assert_eq!(f(0.0001, 'g', 6), "0.0001");
        assert_eq!(f(0.00001, 'G', 6), "1E-05");
        assert_eq!(f(-0.0, 'r', 0), "-0");
        let alt = DtsFlags { alt: true, ..DtsFlags::default() };
        assert_eq!(double_to_string(1.0, 'g', 3, alt), "1.00");
        assert_eq!(double_to_string(1.0, 'f', 0, alt), "1.");
        let dot0 = DtsFlags { add_dot_0: true, ..DtsFlags::default() };
        assert_eq!(double_to_string(1e16, 'r', 0, dot0), "1e+16");
        assert_eq!(double_to_string(1e15, 'r', 0, dot0), "1000000000000000.0");
        assert_eq!(double_to_string(f64::NAN, 'F', 2, DtsFlags { sign: true, ..dot0 }), "+NAN");
        // A tie between two shortest candidates goes to the even one.
        assert_eq!(float_repr(1_836_218_942_582_016.3), "1836218942582016.2");
        assert_eq!(float_repr(5e-324), "5e-324");
        assert_eq!(complex_repr(-0.0, f64::NAN), "(-0+nanj)");
    }
}
