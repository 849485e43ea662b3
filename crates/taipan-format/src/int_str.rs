//! int to text in any base (`Objects/longobject.c`: `long_to_decimal_string`,
//! `long_format_binary`, `PyNumber_ToBase`), with CPython's limit on the
//! number of decimal digits (`sys.set_int_max_str_digits`).

use num_bigint::BigInt;
use num_traits::Signed;

use crate::error::FmtError;

/// Below this many digits CPython never checks the limit (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;
/// The default of `sys.get_int_max_str_digits()` (`_PY_LONG_DEFAULT_MAX_STR_DIGITS`).
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The ValueError of `str(i)` past the limit.
pub fn str_digits_error(limit: usize) -> FmtError {
    FmtError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The ValueError of `int(s)` past the limit.
pub fn int_digits_error(limit: usize, digits: usize) -> FmtError {
    FmtError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion: \
         value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The decimal digits of `|v|`, or CPython's ValueError if there are more
/// than `max_str_digits` of them (0 = no limit).
pub(crate) fn magnitude_decimal(v: &BigInt, max_str_digits: usize) -> Result<String, FmtError> {
    if max_str_digits > 0 {
        // CPython's quick pre-check, in 30-bit digits, which spares the
        // conversion of huge numbers: 10/3 >= log2(10).
        let size_a = v.bits().div_ceil(30);
        let threshold = (10 * MAX_STR_DIGITS_THRESHOLD / (3 * 30) + 2) as u64;
        if size_a >= threshold && (max_str_digits / (3 * 30)) as u64 <= (size_a - 11) / 10 {
            return Err(str_digits_error(max_str_digits));
        }
    }
    let s = v.magnitude().to_str_radix(10);
    if max_str_digits > 0 && s.len() > MAX_STR_DIGITS_THRESHOLD && s.len() > max_str_digits {
        return Err(str_digits_error(max_str_digits));
    }
    Ok(s)
}

/// The digits of `|v|` in `base` (2..=36), lower case.
pub(crate) fn magnitude_in_base(v: &BigInt, base: u32) -> String {
    v.magnitude().to_str_radix(base)
}

/// `str(v)` / `repr(v)` for an int, with the digit limit (0 = no limit).
pub fn int_to_decimal_string(v: &BigInt, max_str_digits: usize) -> Result<String, FmtError> {
    let digits = magnitude_decimal(v, max_str_digits)?;
    Ok(if v.is_negative() { format!("-{digits}") } else { digits })
}

/// `bin(v)`, `oct(v)`, `hex(v)` (`prefix = true`: "-0x1f"), or the bare
/// digits in any base 2..=36, lower case, sign first. Base 10 ignores
/// `prefix` and has no digit limit here (use [`int_to_decimal_string`]).
pub fn int_to_base(v: &BigInt, base: u32, prefix: bool) -> String {
    assert!((2..=36).contains(&base), "int_to_base: base {base}");
    let digits = magnitude_in_base(v, base);
    let p = match (prefix, base) {
        (true, 2) => "0b",
        (true, 8) => "0o",
        (true, 16) => "0x",
        _ => "",
    };
    let sign = if v.is_negative() { "-" } else { "" };
    format!("{sign}{p}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        assert_eq!(int_to_base(&BigInt::from(-31), 16, true), "-0x1f");
        assert_eq!(int_to_base(&BigInt::from(0), 2, true), "0b0");
        assert_eq!(int_to_base(&BigInt::from(8), 8, true), "0o10");
        assert_eq!(int_to_base(&BigInt::from(35), 36, false), "z");
    }

    #[test]
    fn limit() {
        let big = BigInt::from(10).pow(4300);
        assert_eq!(int_to_decimal_string(&big, 4300), Err(str_digits_error(4300)));
        assert!(int_to_decimal_string(&(big.clone() - 1), 4300).is_ok());
        assert!(int_to_decimal_string(&big, 0).is_ok());
        let huge = BigInt::from(1) << 100_000;
        assert_eq!(int_to_decimal_string(&huge, 4300), Err(str_digits_error(4300)));
    }
}
