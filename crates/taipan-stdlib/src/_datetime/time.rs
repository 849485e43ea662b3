//! `time` (CPython's `time_*` functions of `_datetimemodule.c`).

use taipan_vm::api::types::{alloc_instance, flags, new_type, CompareOp, GetSetDef, MethodDef};
use taipan_vm::api::{args, str as pystr, Obj, PyResult, Vm};

use super::date::{format_method, invalid_iso, parse_ctor, pickle_state, strftime_format};
use super::delta::{cmp_result, delta_from_us, delta_hash_of, new_delta};
use super::{
    c_int, c_int_or, call_offset_method, call_tzname, call_utcoffset, check_time_args, check_tzinfo, dt, format_offset,
    is_time, set_class_attr, spec, time_type, tp_name, Delta, Dt,
};

fn p<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Dt> {
    dt(vm, o, "datetime.time")
}

/// A tzinfo from unpickling: None or a tzinfo, else "bad tzinfo state arg".
pub(crate) fn state_tzinfo(vm: &Vm, a: &[Obj], k: Option<&Obj>) -> PyResult<Option<Obj>> {
    let npos = a.len() - crate::clinic::nkw(k);
    if npos < 2 || vm.is_none(&a[1]) {
        return Ok(None);
    }
    if !super::is_tzinfo(vm, &a[1]) {
        return Err(vm.type_error("bad tzinfo state arg"));
    }
    Ok(Some(a[1].clone()))
}

fn time_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if let Some(b) = pickle_state(vm, a, k, 6, |b| (b[0] & 0x7f) < 24, "time")? {
        let tz = state_tzinfo(vm, a, k)?;
        let us = ((b[3] as i32) << 16) | ((b[4] as i32) << 8) | b[5] as i32;
        let t = Dt::time((b[0] & 0x7f) as i32, b[1] as i32, b[2] as i32, us, tz, (b[0] >> 7) as i32);
        return alloc_instance(vm, cls, &time_type(vm), t);
    }
    let v = parse_ctor(vm, a, k, &["hour", "minute", "second", "microsecond", "tzinfo", "fold"], 0, 5)?;
    let h = c_int_or(vm, &v[0], 0)?;
    let m = c_int_or(vm, &v[1], 0)?;
    let s = c_int_or(vm, &v[2], 0)?;
    let us = c_int_or(vm, &v[3], 0)?;
    let fold = c_int_or(vm, &v[5], 0)?;
    check_time_args(vm, h, m, s, us, fold)?;
    let tz = check_tzinfo(vm, &v[4].clone().unwrap_or_else(|| vm.none()))?;
    alloc_instance(vm, cls, &time_type(vm), Dt::time(h, m, s, us, tz, fold))
}

/// A time of exact type `time`.
pub(crate) fn new_time(vm: &Vm, t: Dt) -> PyResult<Obj> {
    check_time_args(vm, t.hour, t.minute, t.second, t.us, t.fold)?;
    let ty = time_type(vm);
    alloc_instance(vm, &ty, &ty, t)
}

/// `new_time_subclass_fold_ex`.
fn new_time_sub(vm: &Vm, t: Dt, cls: &Obj) -> PyResult<Obj> {
    if cls.is(&time_type(vm)) {
        return new_time(vm, t);
    }
    let a = [t.hour, t.minute, t.second, t.us].map(|v| vm.new_int(v as i64));
    let mut items = a.to_vec();
    items.push(t.tz(vm));
    if t.fold != 0 {
        items.push(vm.new_int(t.fold as i64));
        return vm.call(cls, &items, Some(&vm.new_tuple(vec![vm.new_str("fold")])));
    }
    vm.call(cls, &items, None)
}

/// The time part of isoformat for `timespec`.
pub(crate) fn iso_time(vm: &Vm, p: &Dt, timespec: &str) -> PyResult<String> {
    let spec = if timespec == "auto" {
        if p.us != 0 {
            "microseconds"
        } else {
            "seconds"
        }
    } else {
        timespec
    };
    Ok(match spec {
        "hours" => format!("{:02}", p.hour),
        "minutes" => format!("{:02}:{:02}", p.hour, p.minute),
        "seconds" => format!("{:02}:{:02}:{:02}", p.hour, p.minute, p.second),
        "milliseconds" => format!("{:02}:{:02}:{:02}.{:03}", p.hour, p.minute, p.second, p.us / 1000),
        "microseconds" => format!("{:02}:{:02}:{:02}.{:06}", p.hour, p.minute, p.second, p.us),
        _ => return Err(vm.value_error("Unknown timespec value")),
    })
}

pub(crate) fn timespec_arg(vm: &Vm, o: &Option<Obj>, fname: &str, pos: usize) -> PyResult<String> {
    let Some(s) = o else {
        return Ok("auto".to_string());
    };
    if !vm.isinstance_type(s, &vm.ctx.types.str) {
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", tp_name(s))));
    }
    match pystr::as_str(s) {
        Some(t) => Ok(t.to_string()),
        None => {
            // Not encodable to UTF-8 (lone surrogates): CPython's error.
            vm.call_method(s, "encode", &[vm.new_str("utf-8")])?;
            Err(vm.value_error("Unknown timespec value"))
        }
    }
}

fn time_isoformat(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "isoformat", a, k, &["timespec"], 0)?;
    let spec = timespec_arg(vm, &v[0], "isoformat", 1)?;
    let t = p(vm, o)?;
    let mut s = iso_time(vm, t, &spec)?;
    if t.has_tz() {
        s.push_str(&format_offset(call_utcoffset(vm, &t.tz(vm), &vm.none())?, ":"));
    }
    Ok(vm.new_str(&s))
}

pub(crate) fn append_tz_fold(vm: &Vm, mut s: String, t: &Dt) -> PyResult<String> {
    if t.has_tz() {
        s.pop();
        s.push_str(&format!(", tzinfo={})", vm.repr_string(&t.tz(vm))?));
    }
    if t.fold != 0 {
        s.pop();
        s.push_str(&format!(", fold={})", t.fold));
    }
    Ok(s)
}

fn time_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = p(vm, o)?;
    let name = tp_name(o);
    let s = if t.us != 0 {
        format!("{name}({}, {}, {}, {})", t.hour, t.minute, t.second, t.us)
    } else if t.second != 0 {
        format!("{name}({}, {}, {})", t.hour, t.minute, t.second)
    } else {
        format!("{name}({}, {})", t.hour, t.minute)
    };
    Ok(vm.new_str(&append_tz_fold(vm, s, t)?))
}

fn time_offset(vm: &Vm, o: &Obj) -> PyResult<Option<Delta>> {
    let t = p(vm, o)?;
    call_utcoffset(vm, &t.tz(vm), &vm.none())
}

fn time_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let t = p(vm, o)?;
    match time_offset(vm, o)? {
        None => super::hash_bytes(vm, t.time_bytes()),
        Some(off) => {
            let secs = t.hour as i128 * 3600 + t.minute as i128 * 60 + t.second as i128;
            let d = delta_from_us(vm, secs * 1_000_000 + t.us as i128 - off.total_us())?;
            delta_hash_of(vm, &d)
        }
    }
}

fn time_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !is_time(vm, b) {
        return Ok(vm.not_implemented());
    }
    let (x, y) = (p(vm, a)?, p(vm, b)?);
    if x.tz(vm).is(&y.tz(vm)) {
        return Ok(cmp_result(vm, x.time_key().cmp(&y.time_key()), op));
    }
    let (o1, o2) = (time_offset(vm, a)?, time_offset(vm, b)?);
    match (o1, o2) {
        (None, None) => Ok(cmp_result(vm, x.time_key().cmp(&y.time_key()), op)),
        (Some(d1), Some(d2)) if d1 == d2 => Ok(cmp_result(vm, x.time_key().cmp(&y.time_key()), op)),
        (Some(d1), Some(d2)) => {
            let s1 = x.hour * 3600 + x.minute * 60 + x.second - d1.days * 86400 - d1.seconds;
            let s2 = y.hour * 3600 + y.minute * 60 + y.second - d2.days * 86400 - d2.seconds;
            let ord = s1.cmp(&s2).then(x.us.cmp(&y.us));
            Ok(cmp_result(vm, ord, op))
        }
        _ => match op {
            CompareOp::Eq => Ok(vm.bool_obj(false)),
            CompareOp::Ne => Ok(vm.bool_obj(true)),
            _ => Err(vm.type_error("can't compare offset-naive and offset-aware times")),
        },
    }
}

fn time_replace(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let t = p(vm, o)?;
    let spec = args::ArgSpec {
        fname: "replace",
        names: &["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        posonly: 0,
        required: 0,
        kwonly_from: 5,
    };
    let v = args::parse_spec(vm, &spec, a, k)?;
    let h = c_int_or(vm, &v[0], t.hour)?;
    let m = c_int_or(vm, &v[1], t.minute)?;
    let s = c_int_or(vm, &v[2], t.second)?;
    let us = c_int_or(vm, &v[3], t.us)?;
    let tz = v[4].clone().unwrap_or_else(|| t.tz(vm));
    let fold = c_int_or(vm, &v[5], t.fold)?;
    if fold != 0 && fold != 1 {
        return Err(vm.value_error("fold must be either 0 or 1"));
    }
    check_time_args(vm, h, m, s, us, fold)?;
    let tz = check_tzinfo(vm, &tz)?;
    alloc_instance(vm, &o.class_obj(), &time_type(vm), Dt::time(h, m, s, us, tz, fold))
}

/// `time_getstate`: the state bytes (fold in the hour's top bit for
/// protocol 4 and later) and the tzinfo.
fn time_state(vm: &Vm, t: &Dt, proto: i32) -> Obj {
    getstate(vm, t, t.time_bytes(), 0, proto)
}

/// The pickled state of a time or datetime: its state bytes `b`, whose
/// byte `fold_at` carries the fold in its top bit from protocol 4 on, and
/// the tzinfo when there is one.
pub(super) fn getstate(vm: &Vm, t: &Dt, mut b: Vec<u8>, fold_at: usize, proto: i32) -> Obj {
    if proto > 3 && t.fold != 0 {
        b[fold_at] |= 0x80;
    }
    let mut items = vec![vm.new_bytes(b)];
    if t.has_tz() {
        items.push(t.tz(vm));
    }
    vm.new_tuple(items)
}

fn time_reduce_ex(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [proto] = args::exact::<1>(vm, "__reduce_ex__", a, k)?;
    let proto = c_int(vm, &proto)?;
    Ok(vm.new_tuple(vec![o.class_obj(), time_state(vm, p(vm, o)?, proto)]))
}

fn time_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "__reduce__", a, k)?;
    Ok(vm.new_tuple(vec![o.class_obj(), time_state(vm, p(vm, o)?, 2)]))
}

/// `tzinfo_from_isoformat_results`.
pub(crate) fn iso_tzinfo(vm: &Vm, tz: Option<(i32, i32)>) -> PyResult<Obj> {
    match tz {
        None => Ok(vm.none()),
        Some((0, _)) => Ok(super::utc(vm)),
        Some((secs, us)) => {
            let d = delta_from_us(vm, secs as i128 * 1_000_000 + us as i128)?;
            super::tz::new_timezone(vm, new_delta(vm, d)?, None)
        }
    }
}

fn time_fromisoformat(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = args::exact::<1>(vm, "fromisoformat", a, k)?;
    if !vm.isinstance_type(&s, &vm.ctx.types.str) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let Some(text) = pystr::as_str(&s) else {
        return Err(invalid_iso(vm, &s));
    };
    let b = text.as_bytes();
    let start = if b.first() == Some(&b'T') { 1 } else { 0 };
    let Ok(([h, m, sec, us], tz)) = super::iso::parse_time(b, start) else {
        return Err(invalid_iso(vm, &s));
    };
    let tz = iso_tzinfo(vm, tz)?;
    let tzo = check_tzinfo(vm, &tz)?;
    new_time_sub(vm, Dt::time(h, m, sec, us, tzo, 0), cls)
}

fn time_strftime(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let f = strftime_format(vm, a, k)?;
    let t = p(vm, o)?;
    let vals = [1900, 1, 1, t.hour, t.minute, t.second, 0, 1, -1];
    let tt = vm.new_tuple(vals.iter().map(|&v| vm.new_int(v as i64)).collect());
    super::strftime::wrap_strftime(vm, o, &f, tt, &vm.none())
}

fn noarg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    crate::clinic::none(vm, name, a, k)
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("isoformat", time_isoformat),
    MethodDef::method("strftime", time_strftime),
    MethodDef::method("__format__", format_method),
    MethodDef::method("utcoffset", |vm, o, a, k| {
        noarg(vm, "utcoffset", a, k)?;
        Ok(call_offset_method(vm, &p(vm, o)?.tz(vm), "utcoffset", &vm.none())?.unwrap_or_else(|| vm.none()))
    }),
    MethodDef::method("dst", |vm, o, a, k| {
        noarg(vm, "dst", a, k)?;
        Ok(call_offset_method(vm, &p(vm, o)?.tz(vm), "dst", &vm.none())?.unwrap_or_else(|| vm.none()))
    }),
    MethodDef::method("tzname", |vm, o, a, k| {
        noarg(vm, "tzname", a, k)?;
        call_tzname(vm, &p(vm, o)?.tz(vm), &vm.none())
    }),
    MethodDef::method("replace", time_replace),
    MethodDef::class("fromisoformat", time_fromisoformat),
    MethodDef::method("__reduce_ex__", time_reduce_ex),
    MethodDef::method("__reduce__", time_reduce),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("hour", |vm, o| Ok(vm.new_int(p(vm, o)?.hour as i64)), None),
    GetSetDef::new("minute", |vm, o| Ok(vm.new_int(p(vm, o)?.minute as i64)), None),
    GetSetDef::new("second", |vm, o| Ok(vm.new_int(p(vm, o)?.second as i64)), None),
    GetSetDef::new("microsecond", |vm, o| Ok(vm.new_int(p(vm, o)?.us as i64)), None),
    GetSetDef::new("tzinfo", |vm, o| Ok(p(vm, o)?.tz(vm)), None),
    GetSetDef::new("fold", |vm, o| Ok(vm.new_int(p(vm, o)?.fold as i64)), None),
];

const DOC: &str = "time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.\n";

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let s = spec("datetime.time", None, flags::BASETYPE, true, METHODS, GETSETS, DOC);
    new_type::<Dt>(vm, &s, |s| {
        s.new.set(Some(time_new));
        s.repr.set(Some(time_repr));
        s.str.set(Some(|vm, o| vm.call_method(o, "isoformat", &[])));
        s.hash.set(Some(time_hash));
        s.richcompare.set(Some(time_richcompare));
    })
}

pub(crate) fn add_class_attrs(vm: &Vm, ty: &Obj) -> PyResult<()> {
    set_class_attr(vm, ty, "min", new_time(vm, Dt::time(0, 0, 0, 0, None, 0))?)?;
    set_class_attr(vm, ty, "max", new_time(vm, Dt::time(23, 59, 59, 999_999, None, 0))?)?;
    set_class_attr(vm, ty, "resolution", new_delta(vm, Delta { days: 0, seconds: 0, us: 1 })?)
}
