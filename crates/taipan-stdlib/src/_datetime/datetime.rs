//! `datetime` (CPython's `datetime_*` functions): a date subclass with a
//! time of day, tzinfo and fold.

use taipan_vm::api::types::{alloc_instance, flags, new_type, CompareOp, GetSetDef, MethodDef, NbOp};
use taipan_vm::api::{args, str as pystr, Obj, PyResult, Vm};

use super::calendar::{self, EPOCH, MAXORDINAL, MAX_FOLD_SECONDS};
use super::date::{ctime_text, invalid_iso, iso_date, new_date, parse_ctor, pickle_state, timestamp_arg};
use super::delta::{cmp_result, delta_from_us, delta_hash_of, new_delta, new_delta_us};
use super::time::{append_tz_fold, iso_time, iso_tzinfo, new_time, state_tzinfo, timespec_arg};
use super::{
    as_delta, c_int, c_int_or, call_dst, call_offset_method, call_tzname, call_utcoffset, check_date_args,
    check_time_args, check_tzinfo, datetime_type, dt, format_offset, is_date, is_datetime, is_time, set_class_attr,
    spec, tp_name, utc, Delta, Dt,
};

const EPOCH_KEY: &str = "datetime epoch";

fn p<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Dt> {
    dt(vm, o, "datetime.datetime")
}

fn copy(d: &Dt) -> Dt {
    Dt::datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.us, d.tzinfo.borrow().clone(), d.fold)
}

fn check_all(vm: &Vm, d: &Dt) -> PyResult<()> {
    check_date_args(vm, d.year, d.month, d.day)?;
    check_time_args(vm, d.hour, d.minute, d.second, d.us, d.fold)
}

/// A datetime of exact type `datetime` (fields checked).
pub(crate) fn new_datetime(vm: &Vm, d: Dt) -> PyResult<Obj> {
    check_all(vm, &d)?;
    let ty = datetime_type(vm);
    alloc_instance(vm, &ty, &ty, d)
}

/// `new_datetime_ex2` with a class: allocated directly, no constructor.
fn new_datetime_of(vm: &Vm, d: Dt, cls: &Obj) -> PyResult<Obj> {
    check_all(vm, &d)?;
    alloc_instance(vm, cls, &datetime_type(vm), d)
}

/// `new_datetime_subclass_fold_ex`: a Python subclass gets its
/// constructor called.
pub(crate) fn new_datetime_sub(vm: &Vm, d: Dt, cls: &Obj) -> PyResult<Obj> {
    if cls.is(&datetime_type(vm)) {
        return new_datetime(vm, d);
    }
    let mut items: Vec<Obj> =
        [d.year, d.month, d.day, d.hour, d.minute, d.second, d.us].iter().map(|&v| vm.new_int(v as i64)).collect();
    items.push(d.tz(vm));
    if d.fold != 0 {
        items.push(vm.new_int(d.fold as i64));
        return vm.call(cls, &items, Some(&vm.new_tuple(vec![vm.new_str("fold")])));
    }
    vm.call(cls, &items, None)
}

fn datetime_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if let Some(b) = pickle_state(vm, a, k, 10, |b| (1..=12).contains(&(b[2] & 0x7f)), "datetime")? {
        let tz = state_tzinfo(vm, a, k)?;
        let us = ((b[7] as i32) << 16) | ((b[8] as i32) << 8) | b[9] as i32;
        let y = ((b[0] as i32) << 8) | b[1] as i32;
        let d = Dt::datetime(
            y,
            (b[2] & 0x7f) as i32,
            b[3] as i32,
            b[4] as i32,
            b[5] as i32,
            b[6] as i32,
            us,
            tz,
            (b[2] >> 7) as i32,
        );
        return alloc_instance(vm, cls, &datetime_type(vm), d);
    }
    let names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let v = parse_ctor(vm, a, k, &names, 3, 8)?;
    let mut f = [0i32; 7];
    for (slot, arg) in f.iter_mut().zip(&v) {
        *slot = c_int_or(vm, arg, 0)?;
    }
    let fold = c_int_or(vm, &v[8], 0)?;
    check_date_args(vm, f[0], f[1], f[2])?;
    check_time_args(vm, f[3], f[4], f[5], f[6], fold)?;
    let tz = check_tzinfo(vm, &v[7].clone().unwrap_or_else(|| vm.none()))?;
    alloc_instance(vm, cls, &datetime_type(vm), Dt::datetime(f[0], f[1], f[2], f[3], f[4], f[5], f[6], tz, fold))
}

pub(crate) fn datetime_utcoffset(vm: &Vm, o: &Obj) -> PyResult<Option<Delta>> {
    let d = p(vm, o)?;
    call_utcoffset(vm, &d.tz(vm), o)
}

pub(crate) fn datetime_dst(vm: &Vm, o: &Obj) -> PyResult<Option<Delta>> {
    let d = p(vm, o)?;
    call_dst(vm, &d.tz(vm), o)
}

/// Microseconds since 0001-01-01T00:00 of the wall time.
fn wall_us(d: &Dt) -> i128 {
    let days = calendar::ymd_to_ord(d.year, d.month, d.day) as i128;
    ((days * 86400 + d.hour as i128 * 3600 + d.minute as i128 * 60 + d.second as i128) * 1_000_000) + d.us as i128
}

/// The wall fields of `us` (see wall_us), OverflowError out of range.
fn from_wall_us(vm: &Vm, us: i128, tz: Option<Obj>, fold: i32) -> PyResult<Dt> {
    let days = us.div_euclid(86_400_000_000);
    if days < 1 || days > MAXORDINAL as i128 {
        return Err(vm.overflow_error("date value out of range"));
    }
    let rest = us.rem_euclid(86_400_000_000);
    let (y, m, d) = calendar::ord_to_ymd(days as i64);
    let secs = (rest / 1_000_000) as i32;
    Ok(Dt::datetime(y, m, d, secs / 3600, (secs / 60) % 60, secs % 60, (rest % 1_000_000) as i32, tz, fold))
}

/// `add_datetime_timedelta`: `dt + us` of dt's class and tzinfo.
pub(crate) fn add_delta(vm: &Vm, o: &Obj, us: i128) -> PyResult<Obj> {
    let d = p(vm, o)?;
    let r = from_wall_us(vm, wall_us(d) + us, d.tzinfo.borrow().clone(), 0)?;
    new_datetime_sub(vm, r, &o.class_obj())
}

fn datetime_add(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if is_datetime(vm, a) {
        if let Some(d) = as_delta(b) {
            return add_delta(vm, a, d.total_us());
        }
    } else if let Some(d) = as_delta(a) {
        if is_datetime(vm, b) {
            return add_delta(vm, b, d.total_us());
        }
    }
    Ok(vm.not_implemented())
}

/// `datetime - datetime` in microseconds.
fn difference_us(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<i128> {
    let (x, y) = (p(vm, a)?, p(vm, b)?);
    let mut offdiff = 0i128;
    if !x.tz(vm).is(&y.tz(vm)) {
        let o1 = datetime_utcoffset(vm, a)?;
        let o2 = datetime_utcoffset(vm, b)?;
        match (o1, o2) {
            (Some(d1), Some(d2)) => offdiff = d1.total_us() - d2.total_us(),
            (None, None) => {}
            _ => return Err(vm.type_error("can't subtract offset-naive and offset-aware datetimes")),
        }
    }
    Ok(wall_us(x) - wall_us(y) - offdiff)
}

fn datetime_sub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !is_datetime(vm, a) {
        return Ok(vm.not_implemented());
    }
    if is_datetime(vm, b) {
        let us = difference_us(vm, a, b)?;
        return new_delta_us(vm, us);
    }
    if let Some(d) = as_delta(b) {
        return add_delta(vm, a, -d.total_us());
    }
    Ok(vm.not_implemented())
}

fn key(d: &Dt) -> (i32, i32, i32, i32, i32, i32, i32) {
    (d.year, d.month, d.day, d.hour, d.minute, d.second, d.us)
}

/// The utcoffset `o` would have with its fold flipped.
fn flip_fold_offset(vm: &Vm, o: &Obj) -> PyResult<Option<Delta>> {
    let d = p(vm, o)?;
    let mut f = copy(d);
    f.fold = 1 - d.fold;
    let flipped = alloc_instance(vm, &o.class_obj(), &datetime_type(vm), f)?;
    datetime_utcoffset(vm, &flipped)
}

/// `pep495_eq_exception`: an aware datetime in a fold or gap never
/// compares equal across zones.
fn pep495_exception(vm: &Vm, a: &Obj, b: &Obj, o1: Option<Delta>, o2: Option<Delta>) -> PyResult<bool> {
    if flip_fold_offset(vm, a)? != o1 {
        return Ok(true);
    }
    Ok(flip_fold_offset(vm, b)? != o2)
}

fn datetime_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !is_datetime(vm, b) {
        if is_date(vm, b) {
            return match op {
                CompareOp::Eq => Ok(vm.bool_obj(false)),
                CompareOp::Ne => Ok(vm.bool_obj(true)),
                _ => Err(vm.type_error(format!("can't compare {} to {}", tp_name(a), tp_name(b)))),
            };
        }
        return Ok(vm.not_implemented());
    }
    let (x, y) = (p(vm, a)?, p(vm, b)?);
    if x.tz(vm).is(&y.tz(vm)) {
        return Ok(cmp_result(vm, key(x).cmp(&key(y)), op));
    }
    let o1 = datetime_utcoffset(vm, a)?;
    let o2 = datetime_utcoffset(vm, b)?;
    let eqop = matches!(op, CompareOp::Eq | CompareOp::Ne);
    let ord = match (o1, o2) {
        (None, None) => key(x).cmp(&key(y)),
        (Some(d1), Some(d2)) if d1 == d2 => key(x).cmp(&key(y)),
        (Some(_), Some(_)) => difference_us(vm, a, b)?.cmp(&0),
        _ => {
            return match op {
                CompareOp::Eq => Ok(vm.bool_obj(false)),
                CompareOp::Ne => Ok(vm.bool_obj(true)),
                _ => Err(vm.type_error("can't compare offset-naive and offset-aware datetimes")),
            }
        }
    };
    if eqop && ord == std::cmp::Ordering::Equal && o1.is_some() && pep495_exception(vm, a, b, o1, o2)? {
        return Ok(cmp_result(vm, std::cmp::Ordering::Greater, op));
    }
    Ok(cmp_result(vm, ord, op))
}

fn datetime_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let d = p(vm, o)?;
    let offset = if d.fold != 0 {
        let mut f = copy(d);
        f.fold = 0;
        let self0 = alloc_instance(vm, &o.class_obj(), &datetime_type(vm), f)?;
        datetime_utcoffset(vm, &self0)?
    } else {
        datetime_utcoffset(vm, o)?
    };
    match offset {
        None => {
            let mut b = d.date_bytes();
            b.extend(d.time_bytes());
            super::hash_bytes(vm, b)
        }
        Some(off) => {
            let delta = delta_from_us(vm, wall_us(d) - off.total_us())?;
            delta_hash_of(vm, &delta)
        }
    }
}

fn datetime_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = p(vm, o)?;
    let name = tp_name(o);
    let s = if d.us != 0 {
        format!("{name}({}, {}, {}, {}, {}, {}, {})", d.year, d.month, d.day, d.hour, d.minute, d.second, d.us)
    } else if d.second != 0 {
        format!("{name}({}, {}, {}, {}, {}, {})", d.year, d.month, d.day, d.hour, d.minute, d.second)
    } else {
        format!("{name}({}, {}, {}, {}, {})", d.year, d.month, d.day, d.hour, d.minute)
    };
    Ok(vm.new_str(&append_tz_fold(vm, s, d)?))
}

/// The `sep` argument: one character (any, lone surrogates too).
fn sep_arg(vm: &Vm, o: &Option<Obj>) -> PyResult<Obj> {
    let Some(o) = o else {
        return Ok(vm.new_str("T"));
    };
    if vm.isinstance_type(o, &vm.ctx.types.str) && vm.len(o)? == 1 {
        return Ok(o.clone());
    }
    let what = if vm.isinstance_type(o, &vm.ctx.types.str) { "str".to_string() } else { tp_name(o) };
    Err(vm.type_error(format!("isoformat() argument 1 must be a unicode character, not {what}")))
}

fn datetime_isoformat(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "isoformat", a, k, &["sep", "timespec"], 0)?;
    let sep = sep_arg(vm, &v[0])?;
    let spec = timespec_arg(vm, &v[1], "isoformat", 2)?;
    let d = p(vm, o)?;
    let mut rest = iso_time(vm, d, &spec)?;
    if d.has_tz() {
        rest.push_str(&format_offset(call_utcoffset(vm, &d.tz(vm), o)?, ":"));
    }
    let head = vm.binary_op(&vm.new_str(&iso_date(d)), &sep, NbOp::Add)?;
    vm.binary_op(&head, &vm.new_str(&rest), NbOp::Add)
}

/// `datetime_from_timet_and_us`: the wall time of `secs` through
/// localtime or gmtime, with the fold detected for local time.
fn from_timet(vm: &Vm, cls: &Obj, local: bool, secs: i64, us: i32, tz: &Obj) -> PyResult<Obj> {
    let tm = if local { calendar::localtime(vm, secs)? } else { calendar::gmtime(vm, secs)? };
    let (y, m, d) = (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    let (hh, mm, ss) = (tm.tm_hour, tm.tm_min, tm.tm_sec.min(59));
    let mut fold = 0;
    if vm.is_none(tz) && local {
        let result = calendar::utc_to_seconds(vm, y, m, d, hh, mm, ss)?;
        let probe = calendar::local(vm, EPOCH + secs - MAX_FOLD_SECONDS)?;
        let transition = result - probe - MAX_FOLD_SECONDS;
        if transition < 0 {
            let probe = calendar::local(vm, EPOCH + secs + transition)?;
            if probe == result {
                fold = 1;
            }
        }
    }
    let tzo = if vm.is_none(tz) { None } else { Some(tz.clone()) };
    new_datetime_sub(vm, Dt::datetime(y, m, d, hh, mm, ss, us, tzo, fold), cls)
}

fn now_timeval() -> (i64, i32) {
    let now = std::time::SystemTime::now();
    match now.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_micros() as i32),
        Err(e) => {
            let d = e.duration();
            let total = -(d.as_micros() as i128);
            (total.div_euclid(1_000_000) as i64, total.rem_euclid(1_000_000) as i32)
        }
    }
}

fn datetime_now(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "now", a, k, &["tz"], 0)?;
    let tz = v[0].clone().unwrap_or_else(|| vm.none());
    check_tzinfo(vm, &tz)?;
    let (secs, us) = now_timeval();
    let r = from_timet(vm, cls, vm.is_none(&tz), secs, us, &tz)?;
    if vm.is_none(&tz) {
        return Ok(r);
    }
    vm.call_method(&tz, "fromutc", &[r])
}

fn datetime_utcnow(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "utcnow", a, k)?;
    let (secs, us) = now_timeval();
    from_timet(vm, cls, false, secs, us, &vm.none())
}

pub(crate) fn datetime_fromtimestamp(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fromtimestamp", a, k, &["timestamp", "tz"], 1)?;
    let ts = v[0].clone().unwrap_or_else(|| vm.none());
    let tz = v[1].clone().unwrap_or_else(|| vm.none());
    check_tzinfo(vm, &tz)?;
    let (secs, us) = timestamp_arg(vm, &ts, true)?;
    let r = from_timet(vm, cls, vm.is_none(&tz), secs, us, &tz)?;
    if vm.is_none(&tz) {
        return Ok(r);
    }
    vm.call_method(&tz, "fromutc", &[r])
}

fn datetime_utcfromtimestamp(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ts] = args::exact::<1>(vm, "utcfromtimestamp", a, k)?;
    let (secs, us) = timestamp_arg(vm, &ts, true)?;
    from_timet(vm, cls, false, secs, us, &vm.none())
}

fn datetime_strptime(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s, f] = args::exact::<2>(vm, "strptime", a, k)?;
    for (i, x) in [&s, &f].iter().enumerate() {
        if !vm.isinstance_type(x, &vm.ctx.types.str) {
            return Err(vm.type_error(format!("strptime() argument {} must be str, not {}", i + 1, tp_name(x))));
        }
    }
    let m = taipan_vm::api::import::import_module(vm, "_strptime")?;
    vm.call_method(&m, "_strptime_datetime", &[cls.clone(), s, f])
}

fn datetime_combine(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "combine", a, k, &["date", "time", "tzinfo"], 2)?;
    let date = v[0].clone().unwrap_or_else(|| vm.none());
    let time = v[1].clone().unwrap_or_else(|| vm.none());
    if !is_date(vm, &date) {
        return Err(vm.type_error(format!("combine() argument 1 must be datetime.date, not {}", tp_name(&date))));
    }
    if !is_time(vm, &time) {
        return Err(vm.type_error(format!("combine() argument 2 must be datetime.time, not {}", tp_name(&time))));
    }
    let (dd, tt) = (p(vm, &date)?, p(vm, &time)?);
    let tz = match &v[2] {
        Some(t) => t.clone(),
        None => tt.tz(vm),
    };
    let tzo = check_tzinfo(vm, &tz)?;
    let d = Dt::datetime(dd.year, dd.month, dd.day, tt.hour, tt.minute, tt.second, tt.us, tzo, tt.fold);
    new_datetime_sub(vm, d, cls)
}

fn datetime_fromisoformat(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = args::exact::<1>(vm, "fromisoformat", a, k)?;
    if !vm.isinstance_type(&s, &vm.ctx.types.str) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let text = sanitized(vm, &s);
    let Some(text) = text else {
        return Err(invalid_iso(vm, &s));
    };
    let Ok(((y, m, d), ([hh, mm, ss, us], tz))) = super::iso::parse_datetime(text.as_bytes()) else {
        return Err(invalid_iso(vm, &s));
    };
    let tz = iso_tzinfo(vm, tz)?;
    let tzo = check_tzinfo(vm, &tz)?;
    let r = Dt::datetime(y, m, d, hh, mm, ss, us, tzo, 0);
    new_datetime_sub(vm, r, cls)
}

/// `_sanitize_isoformat_str`: a surrogate separator (at 7, 8 or 10)
/// becomes 'T'; None when too short or not encodable.
fn sanitized(vm: &Vm, s: &Obj) -> Option<String> {
    let n = vm.len(s).ok()?;
    if n < 7 {
        return None;
    }
    if let Some(t) = pystr::as_str(s) {
        return Some(t.to_string());
    }
    let mut chars: Vec<char> = Vec::with_capacity(n);
    let mut replaced = false;
    for i in 0..n {
        let c = vm.getitem(s, &vm.new_usize(i)).ok()?;
        let txt = pystr::as_str(&c).map(|t| t.chars().next().unwrap_or('\0'));
        match txt {
            Some(ch) => chars.push(ch),
            None if !replaced && [7, 8, 10].contains(&i) => {
                replaced = true;
                chars.push('T')
            }
            None => return None,
        }
    }
    Some(chars.into_iter().collect())
}

fn datetime_timetuple(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "timetuple", a, k)?;
    let d = p(vm, o)?;
    let mut dst = -1;
    if d.has_tz() {
        if let Some(x) = call_dst(vm, &d.tz(vm), o)? {
            dst = (!x.is_zero()) as i32;
        }
    }
    super::struct_time(vm, d.year, d.month, d.day, d.hour, d.minute, d.second, dst)
}

fn datetime_utctimetuple(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "utctimetuple", a, k)?;
    let d = p(vm, o)?;
    let off = if d.has_tz() { call_utcoffset(vm, &d.tz(vm), o)? } else { None };
    let u = match off {
        None => copy(d),
        Some(off) => {
            let r = add_delta(vm, o, -off.total_us())?;
            copy(p(vm, &r)?)
        }
    };
    super::struct_time(vm, u.year, u.month, u.day, u.hour, u.minute, u.second, 0)
}

fn epoch(vm: &Vm) -> PyResult<Obj> {
    if let Some(e) = vm.lazy_types.borrow().get(EPOCH_KEY) {
        return Ok(e.clone());
    }
    let e = new_datetime(vm, Dt::datetime(1970, 1, 1, 0, 0, 0, 0, Some(utc(vm)), 0))?;
    vm.lazy_types.borrow_mut().insert(EPOCH_KEY, e.clone());
    Ok(e)
}

fn datetime_timestamp(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "timestamp", a, k)?;
    let d = p(vm, o)?;
    if d.has_tz() {
        let us = difference_us(vm, o, &epoch(vm)?)?;
        let x = vm.new_bigint(num_bigint::BigInt::from(us));
        return vm.binary_op(&x, &vm.new_int(1_000_000), NbOp::TrueDivide);
    }
    let secs = calendar::local_to_seconds(vm, d.year, d.month, d.day, d.hour, d.minute, d.second, d.fold)?;
    Ok(vm.new_float((secs - EPOCH) as f64 + d.us as f64 / 1e6))
}

/// `local_timezone_from_timestamp`: the local zone's offset and name at
/// a moment.
fn local_timezone_at(vm: &Vm, t: i64) -> PyResult<Obj> {
    let tm = calendar::localtime(vm, t)?;
    let d = delta_from_us(vm, tm.tm_gmtoff as i128 * 1_000_000)?;
    let name = calendar::tm_zone(&tm).map(|z| vm.new_str(&z));
    super::tz::new_timezone(vm, new_delta(vm, d)?, name)
}

fn local_timezone_from_local(vm: &Vm, d: &Dt) -> PyResult<Obj> {
    let secs = calendar::local_to_seconds(vm, d.year, d.month, d.day, d.hour, d.minute, d.second, d.fold)?;
    local_timezone_at(vm, secs - EPOCH)
}

fn datetime_astimezone(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "astimezone", a, k, &["tz"], 0)?;
    let tz = v[0].clone().unwrap_or_else(|| vm.none());
    check_tzinfo(vm, &tz)?;
    let d = p(vm, o)?;
    let mut self_tz = if d.has_tz() { d.tz(vm) } else { local_timezone_from_local(vm, d)? };
    let offset = loop {
        if self_tz.is(&tz) {
            return Ok(o.clone());
        }
        match call_utcoffset(vm, &self_tz, o)? {
            Some(off) => break off,
            None => self_tz = local_timezone_from_local(vm, d)?,
        }
    };
    let result = add_delta(vm, o, -offset.total_us())?;
    let r = p(vm, &result)?;
    *r.tzinfo.borrow_mut() = Some(utc(vm));
    let tz = if vm.is_none(&tz) {
        let secs = difference_us(vm, &result, &epoch(vm)?)?.div_euclid(1_000_000);
        local_timezone_at(vm, secs as i64)?
    } else {
        tz
    };
    *r.tzinfo.borrow_mut() = Some(tz.clone());
    vm.call_method(&tz, "fromutc", &[result])
}

fn datetime_replace(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let d = p(vm, o)?;
    let spec = args::ArgSpec {
        fname: "replace",
        names: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        posonly: 0,
        required: 0,
        kwonly_from: 8,
    };
    let v = args::parse_spec(vm, &spec, a, k)?;
    let cur = [d.year, d.month, d.day, d.hour, d.minute, d.second, d.us];
    let mut f = [0i32; 7];
    for ((slot, arg), current) in f.iter_mut().zip(&v).zip(cur) {
        *slot = c_int_or(vm, arg, current)?;
    }
    let tz = v[7].clone().unwrap_or_else(|| d.tz(vm));
    let fold = c_int_or(vm, &v[8], d.fold)?;
    if fold != 0 && fold != 1 {
        return Err(vm.value_error("fold must be either 0 or 1"));
    }
    check_date_args(vm, f[0], f[1], f[2])?;
    check_time_args(vm, f[3], f[4], f[5], f[6], fold)?;
    let tzo = check_tzinfo(vm, &tz)?;
    new_datetime_of(vm, Dt::datetime(f[0], f[1], f[2], f[3], f[4], f[5], f[6], tzo, fold), &o.class_obj())
}

fn state(vm: &Vm, d: &Dt, proto: i32) -> Obj {
    let mut b = d.date_bytes();
    b.extend(d.time_bytes());
    // The fold rides on the month byte.
    super::time::getstate(vm, d, b, 2, proto)
}

fn datetime_reduce_ex(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [proto] = args::exact::<1>(vm, "__reduce_ex__", a, k)?;
    let proto = c_int(vm, &proto)?;
    Ok(vm.new_tuple(vec![o.class_obj(), state(vm, p(vm, o)?, proto)]))
}

fn datetime_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "__reduce__", a, k)?;
    Ok(vm.new_tuple(vec![o.class_obj(), state(vm, p(vm, o)?, 2)]))
}

fn noarg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    crate::clinic::none(vm, name, a, k)
}

const METHODS: &[MethodDef] = &[
    MethodDef::class("now", datetime_now),
    MethodDef::class("utcnow", datetime_utcnow),
    MethodDef::class("fromtimestamp", datetime_fromtimestamp),
    MethodDef::class("utcfromtimestamp", datetime_utcfromtimestamp),
    MethodDef::class("strptime", datetime_strptime),
    MethodDef::class("combine", datetime_combine),
    MethodDef::class("fromisoformat", datetime_fromisoformat),
    MethodDef::method("date", |vm, o, a, k| {
        noarg(vm, "date", a, k)?;
        let d = p(vm, o)?;
        new_date(vm, d.year, d.month, d.day)
    }),
    MethodDef::method("time", |vm, o, a, k| {
        noarg(vm, "time", a, k)?;
        let d = p(vm, o)?;
        new_time(vm, Dt::time(d.hour, d.minute, d.second, d.us, None, d.fold))
    }),
    MethodDef::method("timetz", |vm, o, a, k| {
        noarg(vm, "timetz", a, k)?;
        let d = p(vm, o)?;
        new_time(vm, Dt::time(d.hour, d.minute, d.second, d.us, d.tzinfo.borrow().clone(), d.fold))
    }),
    MethodDef::method("ctime", |vm, o, a, k| {
        noarg(vm, "ctime", a, k)?;
        Ok(vm.new_str(&ctime_text(p(vm, o)?)))
    }),
    MethodDef::method("timetuple", datetime_timetuple),
    MethodDef::method("timestamp", datetime_timestamp),
    MethodDef::method("utctimetuple", datetime_utctimetuple),
    MethodDef::method("isoformat", datetime_isoformat),
    MethodDef::method("utcoffset", |vm, o, a, k| {
        noarg(vm, "utcoffset", a, k)?;
        Ok(call_offset_method(vm, &p(vm, o)?.tz(vm), "utcoffset", o)?.unwrap_or_else(|| vm.none()))
    }),
    MethodDef::method("tzname", |vm, o, a, k| {
        noarg(vm, "tzname", a, k)?;
        call_tzname(vm, &p(vm, o)?.tz(vm), o)
    }),
    MethodDef::method("dst", |vm, o, a, k| {
        noarg(vm, "dst", a, k)?;
        Ok(call_offset_method(vm, &p(vm, o)?.tz(vm), "dst", o)?.unwrap_or_else(|| vm.none()))
    }),
    MethodDef::method("replace", datetime_replace),
    MethodDef::method("astimezone", datetime_astimezone),
    MethodDef::method("__reduce_ex__", datetime_reduce_ex),
    MethodDef::method("__reduce__", datetime_reduce),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("hour", |vm, o| Ok(vm.new_int(p(vm, o)?.hour as i64)), None),
    GetSetDef::new("minute", |vm, o| Ok(vm.new_int(p(vm, o)?.minute as i64)), None),
    GetSetDef::new("second", |vm, o| Ok(vm.new_int(p(vm, o)?.second as i64)), None),
    GetSetDef::new("microsecond", |vm, o| Ok(vm.new_int(p(vm, o)?.us as i64)), None),
    GetSetDef::new("tzinfo", |vm, o| Ok(p(vm, o)?.tz(vm)), None),
    GetSetDef::new("fold", |vm, o| Ok(vm.new_int(p(vm, o)?.fold as i64)), None),
];

const DOC: &str = "datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.\n";

pub(crate) fn make_type(vm: &Vm, date: &Obj) -> Obj {
    let s = spec("datetime.datetime", Some(date), flags::BASETYPE, true, METHODS, GETSETS, DOC);
    new_type::<Dt>(vm, &s, |s| {
        s.new.set(Some(datetime_new));
        s.repr.set(Some(datetime_repr));
        s.str.set(Some(|vm, o| vm.call_method(o, "isoformat", &[vm.new_str(" ")])));
        s.hash.set(Some(datetime_hash));
        s.richcompare.set(Some(datetime_richcompare));
        s.nb_binary[NbOp::Add as usize].set(Some(datetime_add));
        s.nb_binary[NbOp::Subtract as usize].set(Some(datetime_sub));
    })
}

pub(crate) fn add_class_attrs(vm: &Vm, ty: &Obj) -> PyResult<()> {
    set_class_attr(vm, ty, "min", new_datetime(vm, Dt::datetime(1, 1, 1, 0, 0, 0, 0, None, 0))?)?;
    set_class_attr(vm, ty, "max", new_datetime(vm, Dt::datetime(9999, 12, 31, 23, 59, 59, 999_999, None, 0))?)?;
    set_class_attr(vm, ty, "resolution", new_delta(vm, Delta { days: 0, seconds: 0, us: 1 })?)
}
