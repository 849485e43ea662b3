//! The two Unicode properties number parsing needs: `str.isspace()` and
//! the decimal value of a digit (`unicodedata.decimal`), from Unicode 14.0
//! (the version of CPython 3.11's `unicodedata`).

/// Code points where `chr(c).isspace()` is true in CPython 3.11.
const SPACES: [u32; 29] = [
    0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
    0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
];

/// The zero of every run of ten decimal digits (category Nd): each run is
/// `zero..zero+10` with values 0..9. Generated with
/// `[c for c in range(0x110000) if unicodedata.decimal(chr(c), -1) == 0]`.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
    0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0,
    0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// `Py_UNICODE_ISSPACE(c)`: `chr(c).isspace()`.
#[inline]
pub fn is_space(c: u32) -> bool {
    if c < 0x80 {
        matches!(c, 0x9..=0xD | 0x1C..=0x20)
    } else {
        SPACES.binary_search(&c).is_ok()
    }
}

/// `Py_UNICODE_TODECIMAL(c)`: the digit's value, or `None` if `c` is not a
/// decimal digit (`unicodedata.decimal(chr(c), None)`).
#[inline]
pub fn decimal_value(c: u32) -> Option<u32> {
    if c < 0x80 {
        return if (0x30..=0x39).contains(&c) { Some(c - 0x30) } else { None };
    }
    let i = match DECIMAL_ZEROS.binary_search(&c) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    let d = c - DECIMAL_ZEROS[i];
    if d < 10 {
        Some(d)
    } else {
        None
    }
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`, the first step
/// of `float(str)` and `int(str)`: ASCII stays, other whitespace becomes
/// `' '`, other decimal digits become their ASCII digit, and anything else
/// ends the string with a `'?'` (which no parser accepts).
pub fn transform_decimal_and_space(code_points: impl IntoIterator<Item = u32>) -> Vec<u8> {
    let mut out = Vec::new();
    for c in code_points {
        if c < 127 {
            out.push(c as u8);
        } else if is_space(c) {
            out.push(b' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// `Py_ISSPACE`: the ASCII whitespace of C's `isspace` (space, \t \n \v \f \r).
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimal_value('7' as u32), Some(7));
        assert_eq!(decimal_value(0x663), Some(3));
        assert_eq!(decimal_value(0x1D7FF), Some(9));
        assert_eq!(decimal_value(0x1D7CE + 10), Some(0)); // next run starts right away
        assert_eq!(decimal_value(0x2F), None);
        assert_eq!(decimal_value(0xB2), None); // superscript two is not decimal
        assert_eq!(decimal_value(0x1FBFA), None);
    }

    #[test]
    fn spaces() {
        assert!(is_space(0x1C) && is_space(0x3000) && is_space(0x85));
        assert!(!is_space(0x200B) && !is_space(0x180E) && !is_space(b'a' as u32));
    }
}
