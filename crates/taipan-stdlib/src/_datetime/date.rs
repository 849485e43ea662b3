//! `date` (CPython's `date_*` functions) and what the date-like types share:
//! the constructor argument parser, subclass-aware construction, timestamps.

use taipan_vm::api::types::{alloc_instance, flags, new_type, CompareOp, GetSetDef, MethodDef, NbOp};
use taipan_vm::api::{args, bytes, float, str as pystr, tuple, Obj, PyResult, Vm};

use super::calendar::{self, MAXORDINAL};
use super::delta::{cmp_result, new_delta};
use super::{
    as_delta, c_int, check_date_args, date_type, datetime_type, dt, is_date, is_datetime, isocal_type, set_class_attr,
    spec, tp_name, Delta, Dt,
};

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `PyArg_ParseTupleAndKeywords` without a function name (the
/// constructors' format strings have none, so errors say "function").
pub(crate) fn parse_ctor(
    vm: &Vm,
    a: &[Obj],
    k: Option<&Obj>,
    names: &[&str],
    required: usize,
    kwonly_from: usize,
) -> PyResult<Vec<Option<Obj>>> {
    let kw = k.map(tuple::items).unwrap_or(&[]);
    let nargs = a.len() - kw.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if nargs + kw.len() > names.len() {
        return Err(vm.type_error(format!(
            "function takes at most {} argument{} ({} given)",
            names.len(),
            plural(names.len()),
            nargs + kw.len()
        )));
    }
    if nargs > kwonly_from {
        return Err(vm.type_error(format!(
            "function takes at most {} positional argument{} ({} given)",
            kwonly_from,
            plural(kwonly_from),
            nargs
        )));
    }
    let mut out: Vec<Option<Obj>> = vec![None; names.len()];
    for (i, v) in a[..nargs].iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (key, v) in kw.iter().zip(&a[nargs..]) {
        let ks = pystr::as_str(key).unwrap_or("");
        match names.iter().position(|n| *n == ks) {
            Some(i) if out[i].is_some() => {
                return Err(
                    vm.type_error(format!("argument for function given by name ('{ks}') and position ({})", i + 1))
                )
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for this function"))),
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.type_error(format!("function missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

/// The one positional argument of an unpickling call, as state bytes
/// (`str` states are Latin-1, as Python 2 pickles wrote them).
pub(crate) fn pickle_state(
    vm: &Vm,
    a: &[Obj],
    k: Option<&Obj>,
    len: usize,
    sane: impl Fn(&[u8]) -> bool,
    what: &str,
) -> PyResult<Option<Vec<u8>>> {
    let nkw = crate::clinic::nkw(k);
    let npos = a.len() - nkw;
    if !(1..=2).contains(&npos) || (npos == 2 && what == "date") {
        return Ok(None);
    }
    let state = &a[0];
    if let Some(b) = bytes::as_bytes_ref(state).map(|b| b.to_vec()) {
        if b.len() == len && sane(&b) {
            return Ok(Some(b));
        }
        return Ok(None);
    }
    if let Some(s) = pystr::as_str(state) {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() == len {
            let first: Vec<u8> = chars.iter().map(|&c| if (c as u32) < 256 { c as u8 } else { 0xff }).collect();
            if !sane(&first) {
                return Ok(None);
            }
            if chars.iter().any(|&c| c as u32 > 255) {
                return Err(vm.value_error(format!(
                    "Failed to encode latin1 string when unpickling a {what} object. pickle.load(data, encoding='latin1') is assumed."
                )));
            }
            return Ok(Some(first));
        }
    }
    Ok(None)
}

fn date_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if a.len() == 1 && k.is_none() {
        if let Some(b) = pickle_state(vm, a, k, 4, |b| (1..=12).contains(&b[2]), "date")? {
            let y = ((b[0] as i32) << 8) | b[1] as i32;
            return alloc_instance(vm, cls, &date_type(vm), Dt::date(y, b[2] as i32, b[3] as i32));
        }
    }
    let v = parse_ctor(vm, a, k, &["year", "month", "day"], 3, 3)?;
    let [y, m, d] = [&v[0], &v[1], &v[2]].map(|o| o.clone().unwrap_or_else(|| vm.none()));
    let (y, m, d) = (c_int(vm, &y)?, c_int(vm, &m)?, c_int(vm, &d)?);
    check_date_args(vm, y, m, d)?;
    alloc_instance(vm, cls, &date_type(vm), Dt::date(y, m, d))
}

/// A date of exact type `date`.
pub(crate) fn new_date(vm: &Vm, y: i32, m: i32, d: i32) -> PyResult<Obj> {
    check_date_args(vm, y, m, d)?;
    let ty = date_type(vm);
    alloc_instance(vm, &ty, &ty, Dt::date(y, m, d))
}

/// `new_date_subclass_ex`: a date of class `cls`, through its constructor
/// when it is a Python subclass.
pub(crate) fn new_date_sub(vm: &Vm, y: i32, m: i32, d: i32, cls: &Obj) -> PyResult<Obj> {
    if cls.is(&date_type(vm)) {
        return new_date(vm, y, m, d);
    }
    if cls.is(&datetime_type(vm)) {
        return super::datetime::new_datetime(vm, Dt::datetime(y, m, d, 0, 0, 0, 0, None, 0));
    }
    let a = [y, m, d].map(|v| vm.new_int(v as i64));
    vm.call(cls, &a, None)
}

/// `_PyTime_ObjectToTime_t` / `_PyTime_ObjectToTimeval`: seconds and
/// microseconds of a timestamp, the fraction floored or rounded half even.
pub(crate) fn timestamp_arg(vm: &Vm, o: &Obj, half_even: bool) -> PyResult<(i64, i32)> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        let x = float::value(o).unwrap_or(f64::NAN);
        if x.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let (mut intpart, mut frac) = if half_even {
            let ip = x.trunc();
            let f = round_half_even((x - ip) * 1e6);
            (ip, f)
        } else {
            (x.floor(), 0.0)
        };
        if frac >= 1e6 {
            frac -= 1e6;
            intpart += 1.0;
        } else if frac < 0.0 {
            frac += 1e6;
            intpart -= 1.0;
        }
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&intpart) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok((intpart as i64, frac as i32));
    }
    let v = vm.index_value(o)?;
    match v.as_i64() {
        Some(s) => Ok((s, 0)),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

pub(crate) fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

// ---- methods ----------------------------------------------------------------------------------

pub(crate) fn date_fromtimestamp(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [t] = args::exact::<1>(vm, "fromtimestamp", a, k)?;
    let (secs, _) = timestamp_arg(vm, &t, false)?;
    let tm = calendar::localtime(vm, secs)?;
    new_date_sub(vm, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, cls)
}

fn date_today(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "today", a, k)?;
    let t = vm.call_method(&super::time_module(vm)?, "time", &[])?;
    vm.call_method(cls, "fromtimestamp", &[t])
}

fn date_fromordinal(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "fromordinal", a, k)?;
    let n = c_int(vm, &n)?;
    if n < 1 {
        return Err(vm.value_error("ordinal must be >= 1"));
    }
    let (y, m, d) = calendar::ord_to_ymd(n as i64);
    new_date_sub(vm, y, m, d, cls)
}

fn date_fromisoformat(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = args::exact::<1>(vm, "fromisoformat", a, k)?;
    if !vm.isinstance_type(&s, &vm.ctx.types.str) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let text = pystr::as_str(&s).map(|t| t.as_bytes().to_vec());
    let parsed = text.filter(|t| matches!(t.len(), 7 | 8 | 10)).and_then(|t| super::iso::parse_date(&t).ok());
    match parsed {
        Some((y, m, d)) => new_date_sub(vm, y, m, d, cls),
        None => Err(invalid_iso(vm, &s)),
    }
}

pub(crate) fn invalid_iso(vm: &Vm, s: &Obj) -> taipan_vm::api::PyErr {
    let r = vm.repr_string(s).unwrap_or_default();
    vm.value_error(format!("Invalid isoformat string: {r}"))
}

fn date_fromisocalendar(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fromisocalendar", a, k, &["year", "week", "day"], 3)?;
    let [y, w, d] = [&v[0], &v[1], &v[2]].map(|o| o.clone().unwrap_or_else(|| vm.none()));
    let component = |o: &Obj| {
        c_int(vm, o).map_err(|e| {
            if vm.err_matches(&e, &vm.ctx.exceptions.overflow_error) {
                vm.value_error("ISO calendar component out of range")
            } else {
                e
            }
        })
    };
    let (y, w, d) = (component(&y)?, component(&w)?, component(&d)?);
    if !(super::MINYEAR..=super::MAXYEAR).contains(&y) {
        return Err(vm.value_error(format!("Year is out of range: {y}")));
    }
    match calendar::iso_to_ymd(y, w, d) {
        Ok((yy, mm, dd)) => new_date_sub(vm, yy, mm, dd, cls),
        Err(-2) => Err(vm.value_error(format!("Invalid week: {w}"))),
        Err(_) => Err(vm.value_error(format!("Invalid day: {d} (range is [1, 7])"))),
    }
}

fn date_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let p = dt(vm, o, "datetime.date")?;
    Ok(vm.new_str(&format!("{}({}, {}, {})", tp_name(o), p.year, p.month, p.day)))
}

pub(crate) fn iso_date(p: &Dt) -> String {
    format!("{:04}-{:02}-{:02}", p.year, p.month, p.day)
}

pub(crate) fn ctime_text(p: &Dt) -> String {
    let wd = calendar::weekday(p.year, p.month, p.day) as usize;
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAY_NAMES[wd],
        MONTH_NAMES[(p.month.clamp(1, 12) - 1) as usize],
        p.day,
        p.hour,
        p.minute,
        p.second,
        p.year
    )
}

fn date_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    super::hash_bytes(vm, dt(vm, o, "datetime.date")?.date_bytes())
}

fn date_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !is_date(vm, b) {
        return Ok(vm.not_implemented());
    }
    let (x, y) = (dt(vm, a, "datetime.date")?, dt(vm, b, "datetime.date")?);
    Ok(cmp_result(vm, x.date_key().cmp(&y.date_key()), op))
}

/// `add_date_timedelta`: the result has the date's class.
fn add_days(vm: &Vm, date: &Obj, days: i64) -> PyResult<Obj> {
    let p = dt(vm, date, "datetime.date")?;
    let ord = calendar::ymd_to_ord(p.year, p.month, p.day) + days;
    if !(1..=MAXORDINAL).contains(&ord) {
        return Err(vm.overflow_error("date value out of range"));
    }
    let (y, m, d) = calendar::ord_to_ymd(ord);
    new_date_sub(vm, y, m, d, &date.class_obj())
}

fn date_add(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if is_datetime(vm, a) || is_datetime(vm, b) {
        return Ok(vm.not_implemented());
    }
    if is_date(vm, a) {
        if let Some(d) = as_delta(b) {
            return add_days(vm, a, d.days as i64);
        }
    } else if let Some(d) = as_delta(a) {
        if is_date(vm, b) {
            return add_days(vm, b, d.days as i64);
        }
    }
    Ok(vm.not_implemented())
}

fn date_sub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if is_datetime(vm, a) || is_datetime(vm, b) || !is_date(vm, a) {
        return Ok(vm.not_implemented());
    }
    if is_date(vm, b) {
        let (x, y) = (dt(vm, a, "datetime.date")?, dt(vm, b, "datetime.date")?);
        let days = calendar::ymd_to_ord(x.year, x.month, x.day) - calendar::ymd_to_ord(y.year, y.month, y.day);
        return new_delta(vm, Delta { days: days as i32, seconds: 0, us: 0 });
    }
    if let Some(d) = as_delta(b) {
        return add_days(vm, a, -(d.days as i64));
    }
    Ok(vm.not_implemented())
}

fn p<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Dt> {
    dt(vm, o, "datetime.date")
}

fn date_timetuple(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "timetuple", a, k)?;
    let d = p(vm, o)?;
    super::struct_time(vm, d.year, d.month, d.day, 0, 0, 0, -1)
}

fn date_isocalendar(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "isocalendar", a, k)?;
    let d = p(vm, o)?;
    let (y, w, wd) = calendar::iso_calendar(d.year, d.month, d.day);
    vm.call(&isocal_type(vm), &[vm.new_int(y as i64), vm.new_int(w as i64), vm.new_int(wd as i64)], None)
}

fn date_replace(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let d = p(vm, o)?;
    let v = args::parse(vm, "replace", a, k, &["year", "month", "day"], 0)?;
    let y = super::c_int_or(vm, &v[0], d.year)?;
    let m = super::c_int_or(vm, &v[1], d.month)?;
    let dd = super::c_int_or(vm, &v[2], d.day)?;
    check_date_args(vm, y, m, dd)?;
    alloc_instance(vm, &o.class_obj(), &date_type(vm), Dt::date(y, m, dd))
}

/// `date.__format__` and the others': str(self) for an empty format,
/// else self.strftime(fmt).
pub(crate) fn format_method(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [f] = args::exact::<1>(vm, "__format__", a, k)?;
    if !vm.isinstance_type(&f, &vm.ctx.types.str) {
        return Err(vm.type_error(format!("__format__() argument 1 must be str, not {}", tp_name(&f))));
    }
    if vm.len(&f)? == 0 {
        return vm.str(o);
    }
    vm.call_method(o, "strftime", &[f])
}

/// The `format` argument of strftime (str only).
pub(crate) fn strftime_format(vm: &Vm, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "strftime", a, k, &["format"], 1)?;
    let f = v[0].clone().unwrap_or_else(|| vm.none());
    if !vm.isinstance_type(&f, &vm.ctx.types.str) {
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {}", tp_name(&f))));
    }
    Ok(f)
}

fn date_strftime(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let f = strftime_format(vm, a, k)?;
    let tt = match fast_timetuple(vm, o) {
        Some(t) => t,
        None => vm.call_method(o, "timetuple", &[])?,
    };
    super::strftime::wrap_strftime(vm, o, &f, tt, o)
}

/// The time tuple of a naive date or datetime of the module's own
/// classes, as a plain 9-tuple: what their timetuple() gives, without
/// building a struct_time (time.strftime reads both alike, and %z/%Z
/// are expanded before it runs).
fn fast_timetuple(vm: &Vm, o: &Obj) -> Option<Obj> {
    let cls = o.class_obj();
    if !cls.is(&date_type(vm)) && !cls.is(&datetime_type(vm)) {
        return None;
    }
    let d = o.payload::<Dt>()?;
    if d.has_tz() {
        return None;
    }
    let wday = calendar::weekday(d.year, d.month, d.day);
    let yday = calendar::days_before_month(d.year, d.month) + d.day;
    let vals = [d.year, d.month, d.day, d.hour, d.minute, d.second, wday, yday, -1];
    Some(vm.new_tuple(vals.iter().map(|&v| vm.new_int(v as i64)).collect()))
}

fn date_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "__reduce__", a, k)?;
    let state = vm.new_bytes(p(vm, o)?.date_bytes());
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![state])]))
}

fn noargs_int(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>, v: i64) -> PyResult<Obj> {
    crate::clinic::none(vm, name, a, k)?;
    Ok(vm.new_int(v))
}

const METHODS: &[MethodDef] = &[
    MethodDef::class("fromtimestamp", date_fromtimestamp),
    MethodDef::class("fromordinal", date_fromordinal),
    MethodDef::class("fromisoformat", date_fromisoformat),
    MethodDef::class("fromisocalendar", date_fromisocalendar),
    MethodDef::class("today", date_today),
    MethodDef::method("ctime", |vm, o, a, k| {
        crate::clinic::none(vm, "ctime", a, k)?;
        Ok(vm.new_str(&ctime_text(p(vm, o)?)))
    }),
    MethodDef::method("strftime", date_strftime),
    MethodDef::method("__format__", format_method),
    MethodDef::method("timetuple", date_timetuple),
    MethodDef::method("isocalendar", date_isocalendar),
    MethodDef::method("isoformat", |vm, o, a, k| {
        crate::clinic::none(vm, "isoformat", a, k)?;
        Ok(vm.new_str(&iso_date(p(vm, o)?)))
    }),
    MethodDef::method("isoweekday", |vm, o, a, k| {
        let d = p(vm, o)?;
        noargs_int(vm, "isoweekday", a, k, calendar::weekday(d.year, d.month, d.day) as i64 + 1)
    }),
    MethodDef::method("toordinal", |vm, o, a, k| {
        let d = p(vm, o)?;
        noargs_int(vm, "toordinal", a, k, calendar::ymd_to_ord(d.year, d.month, d.day))
    }),
    MethodDef::method("weekday", |vm, o, a, k| {
        let d = p(vm, o)?;
        noargs_int(vm, "weekday", a, k, calendar::weekday(d.year, d.month, d.day) as i64)
    }),
    MethodDef::method("replace", date_replace),
    MethodDef::method("__reduce__", date_reduce),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("year", |vm, o| Ok(vm.new_int(p(vm, o)?.year as i64)), None),
    GetSetDef::new("month", |vm, o| Ok(vm.new_int(p(vm, o)?.month as i64)), None),
    GetSetDef::new("day", |vm, o| Ok(vm.new_int(p(vm, o)?.day as i64)), None),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let s =
        spec("datetime.date", None, flags::BASETYPE, true, METHODS, GETSETS, "date(year, month, day) --> date object");
    new_type::<Dt>(vm, &s, |s| {
        s.new.set(Some(date_new));
        s.repr.set(Some(date_repr));
        s.str.set(Some(|vm, o| vm.call_method(o, "isoformat", &[])));
        s.hash.set(Some(date_hash));
        s.richcompare.set(Some(date_richcompare));
        s.nb_binary[NbOp::Add as usize].set(Some(date_add));
        s.nb_binary[NbOp::Subtract as usize].set(Some(date_sub));
    })
}

pub(crate) fn add_class_attrs(vm: &Vm, ty: &Obj) -> PyResult<()> {
    set_class_attr(vm, ty, "min", new_date(vm, 1, 1, 1)?)?;
    set_class_attr(vm, ty, "max", new_date(vm, 9999, 12, 31)?)?;
    set_class_attr(vm, ty, "resolution", new_delta(vm, Delta { days: 1, seconds: 0, us: 0 })?)
}
