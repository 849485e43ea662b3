//! `time` (CPython's `Modules/timemodule.c`): clocks, `sleep`, and the
//! conversions between seconds since the epoch and `struct_time` through
//! the C library (`gmtime_r`, `localtime_r`, `mktime`, `strftime`);
//! `strptime` is Lib's `_strptime`.

use std::ffi::{CStr, CString};

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, str as pystr, Obj, PyErr, PyResult, Vm};

use crate::posix::path::{self, c_int};
use crate::structseq;

const STRUCT_TIME: &str = "time.struct_time";

const STRUCT_TIME_DOC: &str = "The time value as returned by gmtime(), localtime(), and strptime(), and\n accepted by asctime(), mktime() and strftime().  May be considered as a\n sequence of 9 integers.\n\n Note that several fields' values are not the same as those defined by\n the C language standard for struct tm.  For example, the value of the\n field tm_year is the actual year, not year - 1900.  See individual\n fields' descriptions for details.";

const FIELD_DOCS: &[&str] = &[
    "year, for example, 1993",
    "month of year, range [1, 12]",
    "day of month, range [1, 31]",
    "hours, range [0, 23]",
    "minutes, range [0, 59]",
    "seconds, range [0, 61])",
    "day of week, range [0, 6], Monday is 0",
    "day of year, range [1, 366]",
    "1 if summer time is in effect, 0 if not, and -1 if unknown",
    "abbreviation of timezone name",
    "offset from UTC in seconds",
];

const FIELDS: &[&str] = &[
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

// ---- clocks ----------------------------------------------------------------------------------

fn clock_ns(vm: &Vm, clk: libc::clockid_t) -> PyResult<i128> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is writable.
    let r = unsafe { libc::clock_gettime(clk, &mut ts) };
    if r != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128)
}

fn ns_int(vm: &Vm, ns: i128) -> Obj {
    match i64::try_from(ns) {
        Ok(v) => vm.new_int(v),
        Err(_) => vm.new_bigint(num_bigint::BigInt::from(ns)),
    }
}

/// Seconds as CPython's `_PyTime_AsSecondsDouble`: exact when whole.
fn ns_float(vm: &Vm, ns: i128) -> Obj {
    let v = if ns % 1_000_000_000 == 0 { (ns / 1_000_000_000) as f64 } else { ns as f64 / 1e9 };
    vm.new_float(v)
}

macro_rules! clocks {
    ($($f:ident, $fns:ident, $name:literal, $clk:expr);* $(;)?) => {
        $(
            fn $f(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                args::exact::<0>(vm, $name, a, kw)?;
                Ok(ns_float(vm, clock_ns(vm, $clk)?))
            }
            fn $fns(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                args::exact::<0>(vm, concat!($name, "_ns"), a, kw)?;
                Ok(ns_int(vm, clock_ns(vm, $clk)?))
            }
        )*
    };
}

clocks! {
    time_time, time_time_ns, "time", libc::CLOCK_REALTIME;
    time_monotonic, time_monotonic_ns, "monotonic", libc::CLOCK_MONOTONIC;
    time_perf_counter, time_perf_counter_ns, "perf_counter", libc::CLOCK_MONOTONIC;
    time_process_time, time_process_time_ns, "process_time", libc::CLOCK_PROCESS_CPUTIME_ID;
    time_thread_time, time_thread_time_ns, "thread_time", libc::CLOCK_THREAD_CPUTIME_ID;
}

fn clk_arg(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<libc::clockid_t> {
    let [c] = args::exact::<1>(vm, fname, a, kw)?;
    c_int(vm, &c)
}

fn time_clock_gettime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let clk = clk_arg(vm, "clock_gettime", a, kw)?;
    Ok(ns_float(vm, clock_ns(vm, clk)?))
}

fn time_clock_gettime_ns(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let clk = clk_arg(vm, "clock_gettime_ns", a, kw)?;
    Ok(ns_int(vm, clock_ns(vm, clk)?))
}

fn time_clock_getres(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let clk = clk_arg(vm, "clock_getres", a, kw)?;
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is writable.
    if unsafe { libc::clock_getres(clk, &mut ts) } != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.new_float(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9))
}

fn settime(vm: &Vm, clk: libc::clockid_t, ts: libc::timespec) -> PyResult<Obj> {
    // SAFETY: `ts` is a valid timespec.
    if unsafe { libc::clock_settime(clk, &ts) } != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.none())
}

fn time_clock_settime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [c, t] = args::exact::<2>(vm, "clock_settime", a, kw)?;
    let clk = c_int(vm, &c)?;
    let secs = vm.to_f64(&t)?;
    let ns = (secs * 1e9).round() as i128;
    let ts =
        libc::timespec { tv_sec: ns.div_euclid(1_000_000_000) as i64, tv_nsec: ns.rem_euclid(1_000_000_000) as i64 };
    settime(vm, clk, ts)
}

fn time_clock_settime_ns(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [c, t] = args::exact::<2>(vm, "clock_settime_ns", a, kw)?;
    let clk = c_int(vm, &c)?;
    let billion = vm.new_int(1_000_000_000);
    let qr = vm.divmod(&t, &billion)?;
    let s = vm.to_i64(&vm.getitem(&qr, &vm.new_int(0))?)?;
    let n = vm.to_i64(&vm.getitem(&qr, &vm.new_int(1))?)?;
    settime(vm, clk, libc::timespec { tv_sec: s, tv_nsec: n })
}

fn time_pthread_getcpuclockid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [t] = args::exact::<1>(vm, "pthread_getcpuclockid", a, kw)?;
    let tid = vm.to_i64(&t)? as libc::pthread_t;
    let mut clk: libc::clockid_t = 0;
    // SAFETY: `clk` is writable; an unknown thread id is reported as an error.
    let r = unsafe { libc::pthread_getcpuclockid(tid, &mut clk) };
    if r != 0 {
        return Err(path::os_error(vm, r, None, None));
    }
    Ok(vm.new_int(clk as i64))
}

fn time_get_clock_info(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = args::exact::<1>(vm, "get_clock_info", a, kw)?;
    let Some(n) = pystr::as_str(&name) else {
        return Err(vm.type_error(format!("get_clock_info() argument must be str, not {}", name.class().name())));
    };
    let (imp, clk, monotonic, adjustable) = match n {
        "time" => ("clock_gettime(CLOCK_REALTIME)", libc::CLOCK_REALTIME, false, true),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", libc::CLOCK_MONOTONIC, true, false),
        "process_time" => ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", libc::CLOCK_PROCESS_CPUTIME_ID, true, false),
        "thread_time" => ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", libc::CLOCK_THREAD_CPUTIME_ID, true, false),
        _ => return Err(vm.value_error("unknown clock")),
    };
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is writable.
    unsafe { libc::clock_getres(clk, &mut ts) };
    let res = ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
    let types = crate::posix::import_module(vm, "types")?;
    let ns = vm.getattr_str(&types, "SimpleNamespace")?;
    let info = vm.call(&ns, &[], None)?;
    vm.setattr_str(&info, "implementation", &vm.new_str(imp))?;
    vm.setattr_str(&info, "monotonic", &vm.bool_obj(monotonic))?;
    vm.setattr_str(&info, "adjustable", &vm.bool_obj(adjustable))?;
    vm.setattr_str(&info, "resolution", &vm.new_float(res))?;
    Ok(info)
}

// ---- sleep -----------------------------------------------------------------------------------

/// Seconds as nanoseconds, rounded up as CPython's `_PyTime_ROUND_TIMEOUT`.
fn timeout_ns(vm: &Vm, o: &Obj) -> PyResult<i128> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        let f = vm.to_f64(o)?;
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let ns = (f * 1e9).ceil();
        if !(-9.2e18..9.2e18).contains(&ns) {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        return Ok(ns as i128);
    }
    let s = vm.index_value(o)?;
    match s {
        int::IntValue::Small(s) if s.unsigned_abs() < 9_223_372_036 => Ok(s as i128 * 1_000_000_000),
        _ => Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
    }
}

fn time_sleep(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [secs] = args::exact::<1>(vm, "sleep", a, kw)?;
    let ns = timeout_ns(vm, &secs)?;
    if ns < 0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let deadline = clock_ns(vm, libc::CLOCK_MONOTONIC)? + ns;
    let ts = libc::timespec { tv_sec: (deadline / 1_000_000_000) as i64, tv_nsec: (deadline % 1_000_000_000) as i64 };
    loop {
        let r = vm.allow_threads(|| {
            // SAFETY: `ts` is a valid absolute deadline; the remainder is unused.
            unsafe { libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &ts, std::ptr::null_mut()) }
        });
        match r {
            0 => return Ok(vm.none()),
            libc::EINTR => vm.check_signals()?,
            e => return Err(path::os_error(vm, e, None, None)),
        }
    }
}

// ---- struct tm -------------------------------------------------------------------------------

fn zeroed_tm() -> libc::tm {
    // SAFETY: an all-zero tm (with a null tm_zone) is a valid value.
    unsafe { std::mem::zeroed() }
}

/// A `struct_time` of a C `tm` (CPython's `tmtotuple`).
fn struct_time(vm: &Vm, tm: &libc::tm, zone: Option<&str>, gmtoff: i64) -> PyResult<Obj> {
    let ty = structseq::get_type(vm, STRUCT_TIME)?;
    let zone_obj = match zone {
        Some(z) => vm.new_str(z),
        None => vm.none(),
    };
    let v = vec![
        vm.new_int(tm.tm_year as i64 + 1900),
        vm.new_int(tm.tm_mon as i64 + 1),
        vm.new_int(tm.tm_mday as i64),
        vm.new_int(tm.tm_hour as i64),
        vm.new_int(tm.tm_min as i64),
        vm.new_int(tm.tm_sec as i64),
        vm.new_int((tm.tm_wday as i64 + 6) % 7),
        vm.new_int(tm.tm_yday as i64 + 1),
        vm.new_int(tm.tm_isdst as i64),
        zone_obj,
        vm.new_int(gmtoff),
    ];
    structseq::new(vm, &ty, v)
}

fn tm_zone(tm: &libc::tm) -> Option<String> {
    if tm.tm_zone.is_null() {
        return None;
    }
    // SAFETY: a non-null tm_zone points at a NUL-terminated name owned by the C library.
    Some(unsafe { CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned())
}

/// Seconds since the epoch as time_t, floored (CPython's
/// `_PyTime_ObjectToTime_t(..., _PyTime_ROUND_FLOOR)`); None means now.
fn time_t_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<libc::time_t> {
    let o = match o {
        Some(o) if !vm.is_none(o) => o,
        _ => {
            // SAFETY: time(NULL) takes no memory.
            return Ok(unsafe { libc::time(std::ptr::null_mut()) });
        }
    };
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        let f = vm.to_f64(o)?;
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let f = f.floor();
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&f) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(f as libc::time_t);
    }
    match vm.index_value(o)? {
        int::IntValue::Small(v) => Ok(v),
        int::IntValue::Big(_) => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

fn opt_arg(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Option<Obj>> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() > 1 {
        return Err(vm.type_error(format!("{fname} expected at most 1 argument, got {}", a.len())));
    }
    Ok(a.first().cloned())
}

/// A failed gmtime_r/localtime_r (a time_t whose year overflows an int:
/// EOVERFLOW) as CPython's `_PyTime_gmtime`: OSError of errno, EINVAL when
/// the C library set none.
fn conversion_error(vm: &Vm) -> PyErr {
    match path::errno() {
        0 => path::os_error(vm, libc::EINVAL, None, None),
        e => path::os_error(vm, e, None, None),
    }
}

fn gmtime_tm(vm: &Vm, t: libc::time_t) -> PyResult<libc::tm> {
    let mut tm = zeroed_tm();
    // SAFETY: `tm` is writable; gmtime_r is thread-safe.
    if unsafe { libc::gmtime_r(&t, &mut tm) }.is_null() {
        return Err(conversion_error(vm));
    }
    Ok(tm)
}

fn localtime_tm(vm: &Vm, t: libc::time_t) -> PyResult<libc::tm> {
    let mut tm = zeroed_tm();
    // SAFETY: `tm` is writable; localtime_r is thread-safe.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return Err(conversion_error(vm));
    }
    Ok(tm)
}

fn time_gmtime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let o = opt_arg(vm, "gmtime", a, kw)?;
    let t = time_t_arg(vm, o.as_ref())?;
    let tm = gmtime_tm(vm, t)?;
    struct_time(vm, &tm, Some("GMT"), 0)
}

fn time_localtime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let o = opt_arg(vm, "localtime", a, kw)?;
    let t = time_t_arg(vm, o.as_ref())?;
    let tm = localtime_tm(vm, t)?;
    struct_time(vm, &tm, tm_zone(&tm).as_deref(), tm.tm_gmtoff)
}

/// A C `tm` from a 9-tuple or struct_time (CPython's `gettmarg`); the
/// zone text, if any, is kept alive in the returned CString.
fn gettmarg(vm: &Vm, o: &Obj, fname: &str) -> PyResult<(libc::tm, Option<CString>)> {
    if !vm.isinstance_type(o, &vm.ctx.types.tuple) {
        return Err(vm.type_error("Tuple or struct_time argument required"));
    }
    let items = vm.to_vec(o)?;
    if items.len() != 9 {
        return Err(vm.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut v = [0i32; 9];
    for (slot, it) in v.iter_mut().zip(&items) {
        if vm.isinstance_type(it, &vm.ctx.types.float) {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        *slot = c_int(vm, it)?;
    }
    let mut tm = zeroed_tm();
    let Some(year) = v[0].checked_sub(1900) else {
        return Err(vm.overflow_error("year out of range"));
    };
    tm.tm_year = year;
    tm.tm_mon = v[1].wrapping_sub(1);
    tm.tm_mday = v[2];
    tm.tm_hour = v[3];
    tm.tm_min = v[4];
    tm.tm_sec = v[5];
    tm.tm_wday = (v[6].wrapping_add(1)) % 7;
    tm.tm_yday = v[7].wrapping_sub(1);
    tm.tm_isdst = v[8];
    let mut zone = None;
    let st = structseq::get_type(vm, STRUCT_TIME)?;
    if vm.isinstance_type(o, &st) {
        let z = vm.getattr_str(o, "tm_zone")?;
        if let Some(s) = pystr::as_str(&z) {
            zone = CString::new(s).ok();
        }
        let off = vm.getattr_str(o, "tm_gmtoff")?;
        if !vm.is_none(&off) {
            tm.tm_gmtoff = vm.to_i64(&off)?;
        }
    }
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    Ok((tm, zone))
}

/// CPython's `checktm`, which also maps the zeros of Python's 1-based
/// fields to their first valid value.
fn checktm(vm: &Vm, tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return Err(vm.value_error("month out of range"));
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return Err(vm.value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.tm_min) {
        return Err(vm.value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return Err(vm.value_error("seconds out of range"));
    }
    if tm.tm_wday < 0 {
        return Err(vm.value_error("day of week out of range"));
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return Err(vm.value_error("day of year out of range"));
    }
    Ok(())
}

fn now_local(vm: &Vm) -> PyResult<libc::tm> {
    // SAFETY: time(NULL) takes no memory.
    let t = unsafe { libc::time(std::ptr::null_mut()) };
    localtime_tm(vm, t)
}

fn time_strftime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error("strftime() takes no keyword arguments"));
    }
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(format!("strftime expected at least 1 argument, got {}", a.len())));
    }
    let Some(_) = pystr::data(&a[0]) else {
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {}", a[0].class().name())));
    };
    let (mut tm, _zone) = match a.get(1) {
        Some(t) => gettmarg(vm, t, "strftime")?,
        None => (now_local(vm)?, None),
    };
    checktm(vm, &mut tm)?;
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    let fmt = taipan_vm::api::codecs::encode_str(vm, &a[0], Some("utf-8"), Some("surrogateescape"))?;
    // CPython 3.11 encodes the format as a C string (PyUnicode_EncodeLocale).
    if fmt.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    let out = format_tm(&fmt, &tm);
    taipan_vm::api::codecs::decode_bytes(vm, &out, Some("utf-8"), Some("surrogateescape"))
}

/// `strftime` of a format that may hold NULs (each piece between them
/// formatted alone, as CPython does) with a growing buffer.
fn format_tm(fmt: &[u8], tm: &libc::tm) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, piece) in fmt.split(|&b| b == 0).enumerate() {
        if i > 0 {
            out.push(0);
        }
        if piece.is_empty() {
            continue;
        }
        let Ok(c) = CString::new(piece) else { continue };
        let mut size = 1024.max(piece.len() * 4);
        loop {
            let mut buf = vec![0u8; size];
            // SAFETY: `buf` is writable for `size` bytes; `c` is NUL-terminated; `tm` is valid.
            let n = unsafe { libc::strftime(buf.as_mut_ptr() as *mut libc::c_char, size, c.as_ptr(), tm) };
            if n > 0 || size >= 256 * piece.len().max(1) * 16 {
                out.extend_from_slice(&buf[..n]);
                break;
            }
            size *= 2;
        }
    }
    out
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn asctime_text(tm: &libc::tm) -> String {
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday as usize % 7],
        MONTHS[tm.tm_mon as usize % 12],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        1900 + tm.tm_year as i64
    )
}

fn time_asctime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let o = opt_arg(vm, "asctime", a, kw)?;
    let mut tm = match &o {
        Some(t) => gettmarg(vm, t, "asctime")?.0,
        None => now_local(vm)?,
    };
    checktm(vm, &mut tm)?;
    Ok(vm.new_str(&asctime_text(&tm)))
}

fn time_ctime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let o = opt_arg(vm, "ctime", a, kw)?;
    let t = time_t_arg(vm, o.as_ref())?;
    let tm = localtime_tm(vm, t)?;
    Ok(vm.new_str(&asctime_text(&tm)))
}

fn time_mktime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [t] = args::exact::<1>(vm, "mktime", a, kw)?;
    let (mut tm, _zone) = gettmarg(vm, &t, "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, writable tm.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(vm.new_float(r as f64))
}

fn time_strptime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let m = crate::posix::import_module(vm, "_strptime")?;
    let f = vm.getattr_str(&m, "_strptime_time")?;
    vm.call(&f, a, kw)
}

// ---- time zones ------------------------------------------------------------------------------

/// `timezone`, `altzone`, `daylight` and `tzname` from January and July of
/// this year (CPython's `init_timezone`).
fn set_timezone(vm: &Vm, d: &Obj) -> PyResult<()> {
    extern "C" {
        fn tzset();
    }
    // SAFETY: tzset reads TZ and sets the C library's zone globals.
    unsafe { tzset() };
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    // SAFETY: time(NULL) takes no memory.
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    let jan_t = (now / YEAR) * YEAR;
    let jan = localtime_tm(vm, jan_t)?;
    let jul = localtime_tm(vm, jan_t + YEAR / 2)?;
    let (janzone, julzone) = (-jan.tm_gmtoff, -jul.tm_gmtoff);
    let janname = tm_zone(&jan).unwrap_or_else(|| "   ".into());
    let julname = tm_zone(&jul).unwrap_or_else(|| "   ".into());
    let (tz, alt, names) =
        if janzone < julzone { (julzone, janzone, (julname, janname)) } else { (janzone, julzone, (janname, julname)) };
    dict::set_item_str(vm, d, "timezone", vm.new_int(tz))?;
    dict::set_item_str(vm, d, "altzone", vm.new_int(alt))?;
    dict::set_item_str(vm, d, "daylight", vm.new_int((janzone != julzone) as i64))?;
    dict::set_item_str(vm, d, "tzname", vm.new_tuple(vec![vm.new_str(&names.0), vm.new_str(&names.1)]))?;
    Ok(())
}

fn time_tzset(vm: &Vm, m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "tzset", a, kw)?;
    set_timezone(vm, &module::module_dict(m))?;
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("time", time_time),
    MethodDef::static_("time_ns", time_time_ns),
    MethodDef::static_("monotonic", time_monotonic),
    MethodDef::static_("monotonic_ns", time_monotonic_ns),
    MethodDef::static_("perf_counter", time_perf_counter),
    MethodDef::static_("perf_counter_ns", time_perf_counter_ns),
    MethodDef::static_("process_time", time_process_time),
    MethodDef::static_("process_time_ns", time_process_time_ns),
    MethodDef::static_("thread_time", time_thread_time),
    MethodDef::static_("thread_time_ns", time_thread_time_ns),
    MethodDef::static_("clock_gettime", time_clock_gettime),
    MethodDef::static_("clock_gettime_ns", time_clock_gettime_ns),
    MethodDef::static_("clock_settime", time_clock_settime),
    MethodDef::static_("clock_settime_ns", time_clock_settime_ns),
    MethodDef::static_("clock_getres", time_clock_getres),
    MethodDef::static_("pthread_getcpuclockid", time_pthread_getcpuclockid),
    MethodDef::static_("get_clock_info", time_get_clock_info),
    MethodDef::static_("sleep", time_sleep),
    MethodDef::static_("gmtime", time_gmtime),
    MethodDef::static_("localtime", time_localtime),
    MethodDef::static_("mktime", time_mktime),
    MethodDef::static_("strftime", time_strftime),
    MethodDef::static_("strptime", time_strptime),
    MethodDef::static_("asctime", time_asctime),
    MethodDef::static_("ctime", time_ctime),
    MethodDef::static_("tzset", time_tzset),
];

const CLOCKS: &[(&str, libc::clockid_t)] = &[
    ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
    ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
    ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
    ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
    ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
    ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
    ("CLOCK_TAI", libc::CLOCK_TAI),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "time");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "time", FUNCTIONS);
    for &(n, v) in CLOCKS {
        dict::set_item_str(vm, &d, n, vm.new_int(v as i64))?;
    }
    dict::set_item_str(vm, &d, "_STRUCT_TM_ITEMS", vm.new_int(11))?;
    let st = structseq::new_type_with_docs(vm, STRUCT_TIME, FIELDS, FIELD_DOCS, 9, 0, STRUCT_TIME_DOC)?;
    dict::set_item_str(vm, &d, "struct_time", st)?;
    set_timezone(vm, &d)?;
    Ok(m)
}
