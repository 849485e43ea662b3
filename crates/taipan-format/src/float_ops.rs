//! Exact float operations of `Objects/floatobject.c` and
//! `Objects/longobject.c`: `float.hex`, `float.fromhex`, `round(x, n)`,
//! `float.as_integer_ratio`, `int(x)` for a float and `float(i)` for an int.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use crate::error::FmtError;
use crate::unicode::is_ascii_space;

/// Splits a finite nonzero `|x|` into (m, e) with `|x| = m * 2**e`, `m` odd
/// or `e` at its minimum.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp_field == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_field - 1075)
    }
}

/// The double nearest to `(mant + s) * 2**exp2` where `0 < s < 1` when
/// `sticky` (round half to even), or `None` if it overflows.
pub(crate) fn compose(mant: u64, sticky: bool, exp2: i64) -> Option<f64> {
    if mant == 0 {
        return Some(0.0);
    }
    // Normalise to 64 significant bits so that the sticky bits lie below
    // the rounding position.
    let lz = mant.leading_zeros();
    let mant = mant << lz;
    let exp2 = exp2.saturating_sub(lz as i64);
    let top = exp2.saturating_add(64); // 2**(top-1) <= value < 2**top
    if top > 1024 {
        return None;
    }
    let lsb = top.max(-1021) - 53; // exponent of the last kept bit
    let shift = lsb - exp2; // > 0: at least 11 bits go
    let (mut q, rem, half) = if shift >= 65 {
        (0u64, 0u64, 1u64) // below half an ulp: rounds to zero
    } else if shift == 64 {
        (0, mant, 1u64 << 63)
    } else {
        let s = shift as u32;
        (mant >> s, mant & ((1u64 << s) - 1), 1u64 << (s - 1))
    };
    if rem > half || (rem == half && (sticky || q & 1 == 1)) {
        q += 1;
    }
    let mut exp = lsb;
    if q == 1u64 << 53 {
        q >>= 1;
        exp += 1;
    }
    if q >= 1u64 << 52 {
        let biased = exp + 1075;
        if biased >= 2047 {
            return None;
        }
        Some(f64::from_bits(((biased as u64) << 52) | (q - (1u64 << 52))))
    } else {
        Some(f64::from_bits(q)) // subnormal (exp == -1074) or zero
    }
}

/// `float(i)` (`PyLong_AsDouble`): correctly rounded, OverflowError
/// "int too large to convert to float".
pub fn int_to_f64(v: &BigInt) -> Result<f64, FmtError> {
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 64 {
        mag.to_u64().expect("64 bits") as f64
    } else {
        let shift = bits - 64;
        let top = (mag >> shift).to_u64().expect("64 bits");
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        compose(top, sticky, shift.min(i64::MAX as u64) as i64)
            .ok_or_else(|| FmtError::overflow("int too large to convert to float"))?
    };
    Ok(if v.is_negative() { -f } else { f })
}

/// `int(x)` for a float (`PyLong_FromDouble`): truncates toward zero.
pub fn float_to_bigint(x: f64) -> Result<BigInt, FmtError> {
    if x.is_infinite() {
        return Err(FmtError::overflow("cannot convert float infinity to integer"));
    }
    if x.is_nan() {
        return Err(FmtError::value("cannot convert float NaN to integer"));
    }
    if x.abs() < 9.2e18 {
        return Ok(BigInt::from(x as i64));
    }
    let (m, e) = decompose(x);
    let mag = BigInt::from(m) << e as usize; // |x| >= 2**63 here, so e > 0
    Ok(if x < 0.0 { -mag } else { mag })
}

/// `x.as_integer_ratio()`: the lowest-terms fraction, denominator > 0.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), FmtError> {
    if x.is_infinite() {
        return Err(FmtError::overflow("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(FmtError::value("cannot convert NaN to integer ratio"));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let (m, e) = decompose(x.abs());
    let (num, den) = if e >= 0 {
        (BigInt::from(m) << e as usize, BigInt::one())
    } else {
        let tz = (m.trailing_zeros() as i64).min(-e);
        (BigInt::from(m >> tz), BigInt::one() << (-e - tz) as usize)
    };
    Ok((if x < 0.0 { -num } else { num }, den))
}

/// `x.hex()`: "0x1.8000000000000p+1", subnormals as "0x0.xxxxxxxxxxxxxp-1022",
/// and `inf`, `-inf`, `nan` like repr.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if exp_field == 0 { (0, -1022) } else { (1, exp_field - 1023) };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.unsigned_abs())
}

/// `float.fromhex(s)` (`s` is the str's UTF-8): correctly rounded.
/// Errors: ValueError "invalid hexadecimal floating-point string",
/// OverflowError "hexadecimal value too large to represent as a float".
pub fn float_fromhex(s: &str) -> Result<f64, FmtError> {
    let b = s.as_bytes();
    let invalid = || FmtError::value("invalid hexadecimal floating-point string");
    let mut i = 0;
    while i < b.len() && is_ascii_space(b[i]) {
        i += 1;
    }
    let finish = |mut i: usize, x: f64| -> Result<f64, FmtError> {
        while i < b.len() && is_ascii_space(b[i]) {
            i += 1;
        }
        if i != b.len() {
            return Err(invalid());
        }
        Ok(x)
    };
    if let Some((x, used)) = crate::parse::parse_inf_or_nan(&b[i..]) {
        return finish(i + used, x);
    }
    let mut negative = false;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        negative = b[i] == b'-';
        i += 1;
    }
    if i + 1 < b.len() && b[i] == b'0' && (b[i + 1] == b'x' || b[i + 1] == b'X') {
        i += 2;
    }
    let hexval = |c: u8| (c as char).to_digit(16);
    // The coefficient's hex digits, integer part then fraction.
    let int_start = i;
    while i < b.len() && hexval(b[i]).is_some() {
        i += 1;
    }
    let int_digits = &b[int_start..i];
    let mut frac_digits: &[u8] = &[];
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f_start = i;
        while i < b.len() && hexval(b[i]).is_some() {
            i += 1;
        }
        frac_digits = &b[f_start..i];
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(invalid());
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] == b'p' || b[i] == b'P') {
        i += 1;
        let mut exp_negative = false;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            exp_negative = b[i] == b'-';
            i += 1;
        }
        if i >= b.len() || !b[i].is_ascii_digit() {
            return Err(invalid());
        }
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate like strtol; anything this large overflows or underflows.
            if exp < 1 << 58 {
                exp = exp * 10 + (b[i] - b'0') as i64;
            }
            i += 1;
        }
        if exp_negative {
            exp = -exp;
        }
    }
    // Significant digits: skip leading zeros, keep 16 (64 bits), the rest is sticky.
    let all = int_digits.iter().chain(frac_digits.iter()).map(|&c| hexval(c).expect("hex"));
    let mut mant: u64 = 0;
    let mut kept = 0usize;
    let mut seen = false;
    let mut sticky = false;
    let mut dropped = 0i64; // digits left out of `mant`
    for d in all {
        if !seen && d == 0 {
            continue;
        }
        seen = true;
        if kept < 16 {
            mant = mant << 4 | d as u64;
            kept += 1;
        } else {
            dropped += 1;
            sticky |= d != 0;
        }
    }
    let x = if mant == 0 {
        0.0
    } else {
        let exp2 = exp - 4 * frac_digits.len() as i64 + 4 * dropped;
        compose(mant, sticky, exp2)
            .ok_or_else(|| FmtError::overflow("hexadecimal value too large to represent as a float"))?
    };
    finish(i, if negative { -x } else { x })
}

/// `round(x, ndigits)` for a float: the multiple of `10**-ndigits` nearest
/// to the exact value of `x` (ties to even), via a correctly rounded
/// decimal string as CPython does. OverflowError "rounded value too large
/// to represent" when it rounds past the largest float.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, FmtError> {
    if !x.is_finite() {
        return Ok(x);
    }
    // Beyond these, x is already a multiple / rounds to zero.
    if ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, x);
        return Ok(s.parse::<f64>().expect("formatted float parses"));
    }
    if x == 0.0 {
        return Ok(x);
    }
    // Round |x| = m * 2**e to a multiple of 10**k exactly.
    let k = (-ndigits) as u32;
    let (m, e) = decompose(x.abs());
    let pow = BigUint::from(10u32).pow(k);
    let (num, den) =
        if e >= 0 { (BigUint::from(m) << e as usize, pow.clone()) } else { (BigUint::from(m), &pow << (-e) as usize) };
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1usize;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1u32;
    }
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    if q.is_zero() {
        return Ok(0.0 * sign);
    }
    let rounded = BigInt::from(q * pow);
    match int_to_f64(&rounded) {
        Ok(f) => Ok(f * sign),
        Err(_) => Err(FmtError::overflow("rounded value too large to represent")),
    }
}

/// `round(x)` for a float before it becomes an int: nearest, ties to even.
pub fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        for x in [1.0, -0.1, 3.25159, 5e-324, 2.2250738585072014e-308, f64::MAX, 1e-310] {
            assert_eq!(float_fromhex(&float_hex(x)).unwrap(), x, "{x}");
        }
        assert_eq!(float_hex(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_fromhex("0x1.ffffp10").unwrap(), 2047.984375);
        assert_eq!(float_fromhex(" -0x1p-1074 ").unwrap(), -5e-324);
        assert_eq!(float_fromhex("0x1p-1075").unwrap(), 0.0);
        assert_eq!(float_fromhex("0x1.8p-1074").unwrap(), 1e-323);
        assert!(float_fromhex("0x1p1024").is_err());
        assert_eq!(float_fromhex("0x1.fffffffffffff7p1023").unwrap(), f64::MAX);
        assert!(float_fromhex("0x1.fffffffffffff8p1023").is_err());
    }

    #[test]
    fn rounding() {
        assert_eq!(round_float(2.675, 2).unwrap(), 2.67);
        assert_eq!(round_float(0.125, 2).unwrap(), 0.12);
        assert_eq!(round_float(25.0, -1).unwrap(), 20.0);
        assert_eq!(round_float(35.0, -1).unwrap(), 40.0);
        assert_eq!(round_float(5.0, -1).unwrap(), 0.0);
        assert!(round_float(-4.0, -1).unwrap().is_sign_negative());
        assert!(round_float(1.7976931348623157e308, -308).is_err());
    }

    #[test]
    fn conversions() {
        assert_eq!(int_to_f64(&((BigInt::from(1) << 1024) - (BigInt::from(1) << 970) - 1)).unwrap(), f64::MAX);
        assert!(int_to_f64(&((BigInt::from(1) << 1024) - (BigInt::from(1) << 970))).is_err());
        assert_eq!(int_to_f64(&BigInt::from(9007199254740993u64)).unwrap(), 9007199254740992.0);
        assert_eq!(int_to_f64(&BigInt::from(9007199254740995u64)).unwrap(), 9007199254740996.0);
        assert_eq!(float_to_bigint(-1e20).unwrap(), "-100000000000000000000".parse().unwrap());
        assert_eq!(float_to_bigint(-2.9).unwrap(), BigInt::from(-2));
        let (n, d) = float_as_integer_ratio(-0.25).unwrap();
        assert_eq!((n, d), (BigInt::from(-1), BigInt::from(4)));
    }
}
