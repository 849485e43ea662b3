//! ISO 8601 parsing for `fromisoformat` (3.11's grammar: extended and
//! basic formats, ISO week dates, 'Z', fractions of any length). The
//! parsers read a byte past the end as NUL, as the C code reads its
//! terminator.

/// The byte at `i`, NUL past the end.
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// `n` decimal digits from `*p` into `var`.
fn digits(s: &[u8], p: &mut usize, var: &mut i32, n: usize) -> bool {
    for _ in 0..n {
        let c = at(s, *p);
        *p += 1;
        if !c.is_ascii_digit() {
            return false;
        }
        *var = *var * 10 + (c - b'0') as i32;
    }
    true
}

/// `parse_isoformat_date` over `s[..len]`: Ok((y, m, d)) or a negative code.
pub(crate) fn parse_date_len(s: &[u8], len: usize) -> Result<(i32, i32, i32), i32> {
    let mut p = 0;
    let (mut year, mut month, mut day) = (0, 0, 0);
    if !digits(s, &mut p, &mut year, 4) {
        return Err(-1);
    }
    let sep = at(s, p) == b'-';
    if sep {
        p += 1;
    }
    if at(s, p) == b'W' {
        p += 1;
        let (mut week, mut wday) = (0, 0);
        if !digits(s, &mut p, &mut week, 2) {
            return Err(-3);
        }
        if p < len {
            if sep {
                let c = at(s, p);
                p += 1;
                if c != b'-' {
                    return Err(-2);
                }
            }
            if !digits(s, &mut p, &mut wday, 1) {
                return Err(-4);
            }
        } else {
            wday = 1;
        }
        return super::calendar::iso_to_ymd(year, week, wday).map_err(|rv| -3 + rv);
    }
    if !digits(s, &mut p, &mut month, 2) {
        return Err(-1);
    }
    if sep {
        let c = at(s, p);
        p += 1;
        if c != b'-' {
            return Err(-2);
        }
    }
    if !digits(s, &mut p, &mut day, 2) {
        return Err(-1);
    }
    Ok((year, month, day))
}

pub(crate) fn parse_date(s: &[u8]) -> Result<(i32, i32, i32), i32> {
    parse_date_len(s, s.len())
}

/// `parse_hh_mm_ss_ff` over s[start..end]: 0 at the end of the string,
/// 1 when something follows, negative on error.
fn parse_hms(s: &[u8], start: usize, end: usize, vals: &mut [i32; 4]) -> i32 {
    *vals = [0; 4];
    let mut p = start;
    let mut has_sep = true;
    for (i, val) in vals.iter_mut().take(3).enumerate() {
        if !digits(s, &mut p, val, 2) {
            return -3;
        }
        let c = at(s, p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            return (c != 0) as i32;
        } else if has_sep && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            break;
        } else if !has_sep {
            p -= 1;
        } else {
            return -4;
        }
    }
    let remains = end.saturating_sub(p);
    let n = remains.min(6);
    let mut us = 0;
    if !digits(s, &mut p, &mut us, n) {
        return -3;
    }
    const CORRECTION: [i32; 5] = [100000, 10000, 1000, 100, 10];
    if (1..6).contains(&n) {
        us *= CORRECTION[n - 1];
    }
    vals[3] = us;
    while at(s, p).is_ascii_digit() {
        p += 1;
    }
    (at(s, p) != 0) as i32
}

/// A parsed time: hour, minute, second, microsecond, and the offset
/// (seconds, microseconds) when one was given.
pub(crate) type Time = ([i32; 4], Option<(i32, i32)>);

/// `parse_isoformat_time` over s[start..].
pub(crate) fn parse_time(s: &[u8], start: usize) -> Result<Time, i32> {
    let end = s.len();
    let mut tzpos = start;
    loop {
        if matches!(at(s, tzpos), b'Z' | b'+' | b'-') {
            break;
        }
        tzpos += 1;
        if tzpos >= end {
            break;
        }
    }
    let mut vals = [0; 4];
    let rv = parse_hms(s, start, tzpos, &mut vals);
    if rv < 0 {
        return Err(rv);
    }
    if tzpos >= end {
        return if rv == 1 { Err(-5) } else { Ok((vals, None)) };
    }
    if at(s, tzpos) == b'Z' {
        return if at(s, tzpos + 1) != 0 { Err(-5) } else { Ok((vals, Some((0, 0)))) };
    }
    let sign = if at(s, tzpos) == b'-' { -1 } else { 1 };
    let mut tz = [0; 4];
    let rv = parse_hms(s, tzpos + 1, end, &mut tz);
    let offset = sign * (tz[0] * 3600 + tz[1] * 60 + tz[2]);
    if rv != 0 {
        return Err(-5);
    }
    Ok((vals, Some((offset, sign * tz[3]))))
}

/// `_find_isoformat_datetime_separator`.
pub(crate) fn find_separator(s: &[u8]) -> usize {
    let len = s.len();
    if len == 7 {
        return 7;
    }
    if at(s, 4) == b'-' {
        if at(s, 5) == b'W' {
            if len < 8 {
                return usize::MAX;
            }
            if len > 8 && at(s, 8) == b'-' {
                if len == 9 {
                    return usize::MAX;
                }
                if len > 10 && at(s, 10).is_ascii_digit() {
                    return 8;
                }
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if at(s, 4) == b'W' {
        let mut idx = 7;
        while idx < len && at(s, idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return idx;
        }
        return if idx % 2 == 0 { 7 } else { 8 };
    }
    8
}

/// A parsed datetime: (y, m, d) and the time.
pub(crate) fn parse_datetime(s: &[u8]) -> Result<((i32, i32, i32), Time), i32> {
    let sep = find_separator(s);
    if sep == usize::MAX {
        return Err(-1);
    }
    let date = parse_date_len(s, sep)?;
    if s.len() > sep {
        let c = at(s, sep);
        let width = if c & 0x80 == 0 {
            1
        } else {
            match c & 0xf0 {
                0xe0 => 3,
                0xf0 => 4,
                _ => 2,
            }
        };
        let time = parse_time(s, sep + width)?;
        return Ok((date, time));
    }
    Ok((date, ([0; 4], None)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(parse_date(b"2020-01-02"), Ok((2020, 1, 2)));
        assert_eq!(parse_date(b"20200102"), Ok((2020, 1, 2)));
        assert_eq!(parse_date(b"2020-W01-1"), Ok((2019, 12, 30)));
        let (d, (t, tz)) = parse_datetime(b"2020-01-02T03:04:05.5+01:30").unwrap();
        assert_eq!(d, (2020, 1, 2));
        assert_eq!(t, [3, 4, 5, 500000]);
        assert_eq!(tz, Some((5400, 0)));
        assert!(parse_datetime(b"2020-01-02T03:04:05Zx").is_err());
    }
}
