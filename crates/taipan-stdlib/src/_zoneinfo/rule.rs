//! The POSIX TZ string of a TZif file (`std offset[dst[offset],start[/time],end[/time]]`,
//! POSIX.1-2018 §8.3 with RFC 8536's extensions), which gives the zone's rules after
//! its last listed transition, and the arithmetic of those rules.

/// The epoch's proleptic Gregorian ordinal (1970-01-01).
pub(crate) const EPOCH_ORDINAL: i64 = 719_163;

const DAYS_IN_MONTH: [i64; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

pub(crate) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The proleptic Gregorian ordinal of a date (0001-01-01 is 1).
pub(crate) fn ymd_to_ord(year: i64, month: i64, day: i64) -> i64 {
    let y = year - 1;
    let mut yearday = DAYS_BEFORE_MONTH[month.clamp(1, 12) as usize];
    if month > 2 && is_leap(year) {
        yearday += 1;
    }
    y * 365 + y / 4 - y / 100 + y / 400 + yearday + day
}

/// When in a year a rule switches, as local wall time of the period it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RuleDate {
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = the last) of month `m`.
    Calendar { month: u8, week: u8, day: u8, secs: i64 },
    /// `Jn` (1..=365, February 29 never counted) or `n` (0..=365, counted).
    Day { julian: bool, day: u32, secs: i64 },
}

impl RuleDate {
    /// Seconds from the epoch (in local wall time) of the switch in `year`.
    pub(crate) fn timestamp(&self, year: i64) -> i64 {
        match *self {
            RuleDate::Calendar { month, week, day, secs } => {
                let m = month as i64;
                let first_day = (ymd_to_ord(year, m, 1) + 6) % 7;
                let mut dim = DAYS_IN_MONTH[m as usize];
                if m == 2 && is_leap(year) {
                    dim += 1;
                }
                // The first `day` of the month, then the `week`th; week 5 means the last.
                let mut mday = (day as i64 - (first_day + 1)).rem_euclid(7) + 1;
                mday += (week as i64 - 1) * 7;
                if mday > dim {
                    mday -= 7;
                }
                (ymd_to_ord(year, m, mday) - EPOCH_ORDINAL) * 86400 + secs
            }
            RuleDate::Day { julian, day, secs } => {
                let before_year = ymd_to_ord(year, 1, 1) - EPOCH_ORDINAL - 1;
                let mut d = day as i64;
                if julian && d >= 59 && is_leap(year) {
                    d += 1;
                }
                (before_year + d) * 86400 + secs
            }
        }
    }
}

/// A parsed TZ string: abbreviations and offsets (seconds east of UTC) of
/// standard and daylight time, and the two switch dates when there is DST.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TzStr {
    pub(crate) std_abbr: String,
    pub(crate) std_offset: i64,
    pub(crate) dst: Option<(String, i64, RuleDate, RuleDate)>,
}

/// Why a TZ string was refused (the message names the part, as CPython's).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TzStrError {
    StdFormat,
    StdOffset,
    DstFormat,
    DstOffset,
    MissingRules,
    MalformedRule,
    Extraneous,
}

impl TzStrError {
    pub(crate) fn message(&self, repr: &str) -> String {
        match self {
            TzStrError::StdFormat => format!("Invalid STD format in {repr}"),
            TzStrError::StdOffset => format!("Invalid STD offset in {repr}"),
            TzStrError::DstFormat => format!("Invalid DST format in {repr}"),
            TzStrError::DstOffset => format!("Invalid DST offset in {repr}"),
            TzStrError::MissingRules => format!("Missing transition rules in TZ string: {repr}"),
            TzStrError::MalformedRule => format!("Malformed transition rule in TZ string: {repr}"),
            TzStrError::Extraneous => format!("Extraneous characters at end of TZ string: {repr}"),
        }
    }
}

/// A cursor over the string; the end reads as NUL, as the C string it is.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }
    fn digit(&self) -> Option<i64> {
        let c = self.peek();
        // Not `then_some`: the subtraction must only run for a digit.
        if c.is_ascii_digit() {
            Some(i64::from(c - b'0'))
        } else {
            None
        }
    }
}

/// `<...>` (letters, digits, '+', '-') or a run of letters; None when malformed.
fn parse_abbr(c: &mut Cursor) -> Option<String> {
    let start = c.i;
    if c.peek() == b'<' {
        c.i += 1;
        let from = c.i;
        while c.peek() != b'>' {
            let b = c.peek();
            if !(b.is_ascii_alphanumeric() || b == b'+' || b == b'-') {
                return None;
            }
            c.i += 1;
        }
        let abbr = String::from_utf8_lossy(&c.s[from..c.i]).into_owned();
        c.i += 1;
        return Some(abbr);
    }
    while c.peek().is_ascii_alphabetic() {
        c.i += 1;
    }
    if c.i == start {
        return None;
    }
    Some(String::from_utf8_lossy(&c.s[start..c.i]).into_owned())
}

/// `[+|-]hh[:mm[:ss]]`, west of UTC positive: the result is seconds east.
fn parse_offset(c: &mut Cursor) -> Option<i64> {
    let mut sign = -1;
    match c.peek() {
        b'-' => {
            sign = 1;
            c.i += 1;
        }
        b'+' => c.i += 1,
        _ => {}
    }
    let mut hours = 0;
    for k in 0..2 {
        match c.digit() {
            Some(d) => {
                hours = hours * 10 + d;
                c.i += 1;
            }
            None if k == 0 => return None,
            None => break,
        }
    }
    if hours > 24 {
        return None;
    }
    let mut parts = [0i64; 2];
    for part in &mut parts {
        if c.peek() != b':' {
            break;
        }
        c.i += 1;
        for _ in 0..2 {
            *part = *part * 10 + c.digit()?;
            c.i += 1;
        }
    }
    Some(sign * (hours * 3600 + parts[0] * 60 + parts[1]))
}

/// The `/time` of a rule: `[+|-]h[h[h]][:mm[:ss]]`, hours up to 167 (RFC 8536 §3.3.1).
fn parse_time(c: &mut Cursor) -> Option<i64> {
    let mut sign = 1;
    if c.peek() == b'-' || c.peek() == b'+' {
        if c.peek() == b'-' {
            sign = -1;
        }
        c.i += 1;
    }
    let mut comps = [0i64; 3];
    for (k, comp) in comps.iter_mut().enumerate() {
        if k > 0 {
            if c.peek() != b':' {
                break;
            }
            c.i += 1;
        }
        let mut v = 0;
        let width = if k == 0 { 3 } else { 2 };
        for j in 0..width {
            match c.digit() {
                Some(d) => {
                    v = v * 10 + d;
                    c.i += 1;
                }
                None if k == 0 && j > 0 => break,
                None => return None,
            }
        }
        *comp = sign * v;
    }
    if comps[0].abs() > 167 {
        return None;
    }
    Some(comps[0] * 3600 + comps[1] * 60 + comps[2])
}

fn parse_rule(c: &mut Cursor) -> Option<RuleDate> {
    let default_time = 2 * 3600;
    if c.peek() == b'M' {
        c.i += 1;
        let mut month = c.digit()?;
        c.i += 1;
        if c.peek() != b'.' {
            month = month * 10 + c.digit()?;
            c.i += 1;
        }
        let mut wd = [0i64; 2];
        for v in &mut wd {
            if c.peek() != b'.' {
                return None;
            }
            c.i += 1;
            *v = c.digit()?;
            c.i += 1;
        }
        let secs = if c.peek() == b'/' {
            c.i += 1;
            parse_time(c)?
        } else {
            default_time
        };
        if !(1..=12).contains(&month) || !(1..=5).contains(&wd[0]) || wd[1] > 6 {
            return None;
        }
        return Some(RuleDate::Calendar { month: month as u8, week: wd[0] as u8, day: wd[1] as u8, secs });
    }
    let julian = c.peek() == b'J';
    if julian {
        c.i += 1;
    }
    let mut day = 0;
    for k in 0..3 {
        match c.digit() {
            Some(d) => {
                day = day * 10 + d;
                c.i += 1;
            }
            None if k == 0 => return None,
            None => break,
        }
    }
    let secs = if c.peek() == b'/' {
        c.i += 1;
        parse_time(c)?
    } else {
        default_time
    };
    if day < julian as i64 || day > 365 {
        return None;
    }
    Some(RuleDate::Day { julian, day: day as u32, secs })
}

/// Parse a TZ string (the bytes of the TZif footer).
pub(crate) fn parse_tz_str(s: &[u8]) -> Result<TzStr, TzStrError> {
    let mut c = Cursor { s, i: 0 };
    let std_abbr = parse_abbr(&mut c).ok_or(TzStrError::StdFormat)?;
    let std_offset = parse_offset(&mut c).ok_or(TzStrError::StdOffset)?;
    if c.peek() == 0 {
        return Ok(TzStr { std_abbr, std_offset, dst: None });
    }
    let dst_abbr = parse_abbr(&mut c).ok_or(TzStrError::DstFormat)?;
    let dst_offset =
        if c.peek() == b',' { std_offset + 3600 } else { parse_offset(&mut c).ok_or(TzStrError::DstOffset)? };
    let mut rules = Vec::with_capacity(2);
    for _ in 0..2 {
        if c.peek() != b',' {
            return Err(TzStrError::MissingRules);
        }
        c.i += 1;
        rules.push(parse_rule(&mut c).ok_or(TzStrError::MalformedRule)?);
    }
    if c.peek() != 0 {
        return Err(TzStrError::Extraneous);
    }
    Ok(TzStr { std_abbr, std_offset, dst: Some((dst_abbr, dst_offset, rules[0], rules[1])) })
}

/// Is a local timestamp in DST under a rule (`find_tzrule_ttinfo`)?
/// `dst_diff` is DST's offset minus standard time's.
pub(crate) fn is_dst_local(start: &RuleDate, end: &RuleDate, dst_diff: i64, ts: i64, fold: bool, year: i64) -> bool {
    let (mut s, mut e) = (start.timestamp(year), end.timestamp(year));
    // With fold=0 the period of the smaller offset runs from the end of the gap to the
    // end of the fold; with fold=1 from the start of the gap to the start of the fold.
    if fold == (dst_diff >= 0) {
        e -= dst_diff;
    } else {
        s += dst_diff;
    }
    if s < e {
        ts >= s && ts < e
    } else {
        ts < e || ts >= s
    }
}

/// For a UTC timestamp: is it DST, and is the local time it maps to in a
/// fold (`find_tzrule_ttinfo_fromutc`)?
pub(crate) fn is_dst_utc(
    start: &RuleDate,
    end: &RuleDate,
    std_off: i64,
    dst_off: i64,
    ts: i64,
    year: i64,
) -> (bool, bool) {
    let dst_diff = dst_off - std_off;
    let s = start.timestamp(year) - std_off;
    let e = end.timestamp(year) - dst_off;
    let isdst = if s < e { ts >= s && ts < e } else { ts < e || ts >= s };
    let (a, b) = if dst_diff > 0 { (e, e + dst_diff) } else { (s, s - dst_diff) };
    (isdst, ts >= a && ts < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_us_eastern() {
        let t = parse_tz_str(b"EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(t.std_abbr, "EST");
        assert_eq!(t.std_offset, -5 * 3600);
        let (abbr, off, start, end) = t.dst.unwrap();
        assert_eq!((abbr.as_str(), off), ("EDT", -4 * 3600));
        // 2020-03-08 02:00 and 2020-11-01 02:00 local.
        assert_eq!(start.timestamp(2020), 1_583_632_800);
        assert_eq!(end.timestamp(2020), 1_604_196_000);
    }

    #[test]
    fn parses_quoted_and_julian() {
        let t = parse_tz_str(b"<+0330>-3:30<+0430>,J79/24,J263/24").unwrap();
        assert_eq!(t.std_abbr, "+0330");
        assert_eq!(t.std_offset, 3 * 3600 + 1800);
        let (_, off, start, _) = t.dst.unwrap();
        assert_eq!(off, 4 * 3600 + 1800);
        assert_eq!(start, RuleDate::Day { julian: true, day: 79, secs: 24 * 3600 });
    }

    #[test]
    fn refuses_malformed() {
        assert_eq!(parse_tz_str(b"").unwrap_err(), TzStrError::StdFormat);
        assert_eq!(parse_tz_str(b"AAA").unwrap_err(), TzStrError::StdOffset);
        assert_eq!(parse_tz_str(b"AAA4BBB").unwrap_err(), TzStrError::DstOffset);
        assert_eq!(parse_tz_str(b"AAA4BBB,M3.2.0").unwrap_err(), TzStrError::MissingRules);
        assert_eq!(parse_tz_str(b"AAA4BBB,M13.1.0,M1.1.0").unwrap_err(), TzStrError::MalformedRule);
        assert_eq!(parse_tz_str(b"AAA4BBB,J0,J365").unwrap_err(), TzStrError::MalformedRule);
        assert_eq!(parse_tz_str(b"AAA4BBB,0,365x").unwrap_err(), TzStrError::Extraneous);
        assert_eq!(parse_tz_str(b"AAA25").unwrap_err(), TzStrError::StdOffset);
        assert_eq!(parse_tz_str(b"AAA4BBB,J60/168,J300/2").unwrap_err(), TzStrError::MalformedRule);
        let t = parse_tz_str(b"AAA4BBB,J60/-167:59:59,J300/2").unwrap();
        assert_eq!(t.dst.unwrap().2, RuleDate::Day { julian: true, day: 60, secs: -(167 * 3600 + 59 * 60 + 59) });
    }
}
