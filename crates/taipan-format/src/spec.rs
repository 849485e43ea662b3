//! The format-spec mini-language (`parse_internal_render_format_spec` in
//! CPython's `Python/formatter_unicode.c`).

use crate::error::{truncate_name, FmtError};
use crate::unicode::decimal_value;

/// A parsed standard format specifier:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character (`' '` unless given, `'0'` after the `0` flag).
    pub fill: char,
    /// The alignment, already resolved: the one given, else `'='` when the
    /// `0` flag is used on a number, else the type's default (`'>'` for
    /// numbers, `'<'` for str).
    pub align: char,
    /// `'+'`, `'-'` or `' '`, if given.
    pub sign: Option<char>,
    /// The 3.11 `z` flag: coerce negative zero to zero (floats only).
    pub no_neg_zero: bool,
    /// The `#` flag.
    pub alternate: bool,
    /// The `0` flag was given (it has already set `fill` and `align`).
    pub zero_pad: bool,
    pub width: Option<usize>,
    /// `','` or `'_'`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    /// The presentation type; `None` when absent and the type has no default
    /// (float, complex) or when it is an explicit NUL character.
    pub ty: Option<char>,
}

/// Parses a standard format spec the way CPython's
/// `parse_internal_render_format_spec` does.
///
/// `default_type` is `Some('d')` for int, `Some('s')` for str and `None`
/// for float and complex; `default_align` is `'>'` for numbers and `'<'`
/// for str. `type_name` is the object's type name (`type(x).__name__`),
/// which appears in "Invalid format specifier '...' for object of type '...'".
///
/// An empty spec means `str(x)` in CPython, before this parser is reached;
/// it parses here to the defaults.
pub fn parse_format_spec(
    spec: &str,
    default_type: Option<char>,
    default_align: char,
    type_name: &str,
) -> Result<FormatSpec, FmtError> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        zero_pad: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut fill_given = false;
    let mut align_given = false;

    if end >= 2 && is_align(chars[1]) {
        out.fill = chars[0];
        out.align = chars[1];
        fill_given = true;
        align_given = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        out.align = chars[0];
        align_given = true;
        pos = 1;
    }
    if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
        out.sign = Some(chars[pos]);
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        out.no_neg_zero = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        out.alternate = true;
        pos += 1;
    }
    if !fill_given && pos < end && chars[pos] == '0' {
        out.fill = '0';
        out.zero_pad = true;
        if !align_given && default_align == '>' {
            out.align = '=';
        }
        pos += 1;
    }
    out.width = get_integer(&chars, &mut pos)?;

    if pos < end && chars[pos] == ',' {
        out.grouping = Some(',');
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if out.grouping.is_some() {
            return Err(both_separators());
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && out.grouping == Some('_') {
        return Err(both_separators());
    }

    if pos < end && chars[pos] == '.' {
        pos += 1;
        match get_integer(&chars, &mut pos)? {
            Some(p) => out.precision = Some(p),
            None => return Err(FmtError::value("Format specifier missing precision")),
        }
    }

    if end - pos > 1 {
        return Err(FmtError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{}'",
            truncate_name(type_name)
        )));
    }
    if end - pos == 1 {
        let t = chars[pos];
        out.ty = if t == '\0' { None } else { Some(t) };
    }

    if let Some(sep) = out.grouping {
        match out.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(t) => {
                let c = t as u32;
                return Err(if c > 32 && c < 128 {
                    FmtError::value(format!("Cannot specify '{sep}' with '{t}'."))
                } else {
                    FmtError::value(format!("Cannot specify '{sep}' with '\\x{c:x}'."))
                });
            }
        }
    }
    Ok(out)
}

fn both_separators() -> FmtError {
    FmtError::value("Cannot specify both ',' and '_'.")
}

/// CPython's `get_integer`: a run of (Unicode) decimal digits, `None` if
/// there is none, an error past `PY_SSIZE_T_MAX`.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FmtError> {
    let start = *pos;
    let mut acc: u64 = 0;
    while *pos < chars.len() {
        let Some(d) = decimal_value(chars[*pos] as u32) else { break };
        let d = d as u64;
        if acc > (i64::MAX as u64 - d) / 10 {
            return Err(FmtError::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(acc as usize) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let s = parse_format_spec("*^+#012,.3f", None, '>', "float").unwrap();
        assert_eq!(s.fill, '*');
        assert_eq!(s.align, '^');
        assert_eq!(s.sign, Some('+'));
        assert!(s.alternate);
        assert_eq!(s.width, Some(12));
        assert_eq!(s.grouping, Some(','));
        assert_eq!(s.precision, Some(3));
        assert_eq!(s.ty, Some('f'));
        let s = parse_format_spec("010", Some('d'), '>', "int").unwrap();
        assert_eq!((s.fill, s.align, s.width), ('0', '=', Some(10)));
        let s = parse_format_spec("<010", Some('d'), '>', "int").unwrap();
        assert_eq!((s.fill, s.align, s.width), ('0', '<', Some(10)));
        assert_eq!(
            parse_format_spec("abc", Some('d'), '>', "int").unwrap_err(),
            FmtError::value("Invalid format specifier 'abc' for object of type 'int'")
        );
    }
}
