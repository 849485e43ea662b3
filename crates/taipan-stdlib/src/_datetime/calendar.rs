//! The proleptic Gregorian calendar: ordinals (day 1 is 0001-01-01),
//! ISO weeks, and the local-time probes of `timestamp()`/`fromtimestamp()`.

use taipan_vm::api::{PyResult, Vm};

use crate::posix::path;

pub(crate) const MAXORDINAL: i64 = 3652059;
/// Seconds from 0001-01-01 to 1970-01-01.
pub(crate) const EPOCH: i64 = 719163 * 24 * 60 * 60;
pub(crate) const MAX_FOLD_SECONDS: i64 = 24 * 3600;

const DAYS_IN_MONTH: [i32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i32; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

pub(crate) fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(crate) fn days_in_month(y: i32, m: i32) -> i32 {
    if m == 2 && is_leap(y) {
        29
    } else {
        DAYS_IN_MONTH[m.clamp(1, 12) as usize]
    }
}

pub(crate) fn days_before_month(y: i32, m: i32) -> i32 {
    let d = DAYS_BEFORE_MONTH[m.clamp(1, 12) as usize];
    if m > 2 && is_leap(y) {
        d + 1
    } else {
        d
    }
}

fn days_before_year(y: i32) -> i64 {
    let y = y as i64 - 1;
    if y >= 0 {
        y * 365 + y / 4 - y / 100 + y / 400
    } else {
        -366
    }
}

pub(crate) fn ymd_to_ord(y: i32, m: i32, d: i32) -> i64 {
    days_before_year(y) + days_before_month(y, m) as i64 + d as i64
}

/// The date of an ordinal (1 <= ord <= MAXORDINAL).
pub(crate) fn ord_to_ymd(ord: i64) -> (i32, i32, i32) {
    let mut n = ord - 1;
    let n400 = n.div_euclid(146097);
    n = n.rem_euclid(146097);
    let mut year = n400 * 400 + 1;
    let n100 = n / 36524;
    n %= 36524;
    let n4 = n / 1461;
    n %= 1461;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return ((year - 1) as i32, 12, 31);
    }
    let year = year as i32;
    let mut month = ((n + 50) >> 5) as i32;
    let mut preceding = days_before_month(year, month) as i64;
    if preceding > n {
        month -= 1;
        preceding -= days_in_month(year, month) as i64;
    }
    (year, month, (n - preceding + 1) as i32)
}

/// Monday is 0.
pub(crate) fn weekday(y: i32, m: i32, d: i32) -> i32 {
    ((ymd_to_ord(y, m, d) + 6).rem_euclid(7)) as i32
}

pub(crate) fn iso_week1_monday(y: i32) -> i64 {
    let first = ymd_to_ord(y, 1, 1);
    let first_weekday = (first + 6).rem_euclid(7);
    let mut monday = first - first_weekday;
    if first_weekday > 3 {
        monday += 7;
    }
    monday
}

/// `isocalendar()`: (ISO year, week, weekday).
pub(crate) fn iso_calendar(y: i32, m: i32, d: i32) -> (i32, i32, i32) {
    let mut year = y;
    let mut monday = iso_week1_monday(year);
    let today = ymd_to_ord(y, m, d);
    let mut week = (today - monday).div_euclid(7);
    let mut day = (today - monday).rem_euclid(7);
    if week < 0 {
        year -= 1;
        monday = iso_week1_monday(year);
        week = (today - monday).div_euclid(7);
        day = (today - monday).rem_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(year + 1) {
        year += 1;
        week = 0;
    }
    (year, week as i32 + 1, day as i32 + 1)
}

/// `iso_to_ymd`: Err(-2) for a bad week, Err(-3) for a bad day.
pub(crate) fn iso_to_ymd(year: i32, week: i32, day: i32) -> Result<(i32, i32, i32), i32> {
    if week <= 0 || week >= 53 {
        let mut out = true;
        if week == 53 {
            let first = weekday(year, 1, 1);
            if first == 3 || (first == 2 && is_leap(year)) {
                out = false;
            }
        }
        if out {
            return Err(-2);
        }
    }
    if !(1..=7).contains(&day) {
        return Err(-3);
    }
    let ord = iso_week1_monday(year) + (week as i64 - 1) * 7 + day as i64 - 1;
    Ok(ord_to_ymd(ord))
}

/// Seconds since 0001-01-01 of a date and time (ValueError for a year
/// out of range, as CPython's `utc_to_seconds`).
pub(crate) fn utc_to_seconds(vm: &Vm, y: i32, m: i32, d: i32, hh: i32, mm: i32, ss: i32) -> PyResult<i64> {
    if !(super::MINYEAR..=super::MAXYEAR).contains(&y) {
        return Err(vm.value_error(format!("year {y} is out of range")));
    }
    Ok(ymd_to_ord(y, m, d) * 86400 + hh as i64 * 3600 + mm as i64 * 60 + ss as i64)
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: libc::tm is plain data; all-zero is a valid value (tm_zone null).
    unsafe { std::mem::zeroed() }
}

/// `_PyTime_localtime`: OSError with errno on failure.
pub(crate) fn localtime(vm: &Vm, t: i64) -> PyResult<libc::tm> {
    let t: libc::time_t = t as libc::time_t;
    let mut tm = zeroed_tm();
    // SAFETY: clear errno, then localtime_r writes only into `tm`.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: `t` and `tm` are valid for the call.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        let mut e = path::errno();
        if e == 0 {
            e = libc::EINVAL;
        }
        return Err(path::os_error(vm, e, None, None));
    }
    Ok(tm)
}

/// `_PyTime_gmtime`.
pub(crate) fn gmtime(vm: &Vm, t: i64) -> PyResult<libc::tm> {
    let t: libc::time_t = t as libc::time_t;
    let mut tm = zeroed_tm();
    // SAFETY: `t` and `tm` are valid for the call.
    if unsafe { libc::gmtime_r(&t, &mut tm) }.is_null() {
        let mut e = path::errno();
        if e == 0 {
            e = libc::EOVERFLOW;
        }
        return Err(path::os_error(vm, e, None, None));
    }
    Ok(tm)
}

/// `local(u)`: the local wall time, in seconds since 0001-01-01, of the
/// UTC instant `u` (same scale).
pub(crate) fn local(vm: &Vm, u: i64) -> PyResult<i64> {
    let t = u - EPOCH;
    let tm = localtime(vm, t)?;
    utc_to_seconds(vm, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)
}

/// `local_to_seconds`: solve local(u) == t for u, choosing by fold.
#[allow(clippy::too_many_arguments)]
pub(crate) fn local_to_seconds(vm: &Vm, y: i32, m: i32, d: i32, hh: i32, mm: i32, ss: i32, fold: i32) -> PyResult<i64> {
    let t = utc_to_seconds(vm, y, m, d, hh, mm, ss)?;
    let lt = local(vm, t)?;
    let a = lt - t;
    let u1 = t - a;
    let t1 = local(vm, u1)?;
    let b;
    if t1 == t {
        let u2 = if fold != 0 { u1 + MAX_FOLD_SECONDS } else { u1 - MAX_FOLD_SECONDS };
        let lt = local(vm, u2)?;
        b = lt - u2;
        if a == b {
            return Ok(u1);
        }
    } else {
        b = t1 - u1;
    }
    let u2 = t - b;
    let t2 = local(vm, u2)?;
    if t2 == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    Ok(if fold != 0 { u1.min(u2) } else { u1.max(u2) })
}

/// The zone name of a `tm` from localtime.
pub(crate) fn tm_zone(tm: &libc::tm) -> Option<String> {
    if tm.tm_zone.is_null() {
        return None;
    }
    // SAFETY: a non-null tm_zone points at a NUL-terminated name owned by the C library.
    Some(unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for ord in [1, 2, 365, 366, 730119, 737425, MAXORDINAL] {
            let (y, m, d) = ord_to_ymd(ord);
            assert_eq!(ymd_to_ord(y, m, d), ord);
        }
        assert_eq!(ord_to_ymd(1), (1, 1, 1));
        assert_eq!(ord_to_ymd(MAXORDINAL), (9999, 12, 31));
        assert_eq!(iso_calendar(2020, 1, 1), (2020, 1, 3));
    }
}
