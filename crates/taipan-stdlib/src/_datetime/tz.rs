//! `tzinfo` (the abstract base) and `timezone` (fixed offsets).

use taipan_vm::api::types::{alloc_instance, flags, new_type, CompareOp, MethodDef};
use taipan_vm::api::{args, str as pystr, Obj, PyResult, Vm};

use super::datetime::{add_delta, datetime_dst, datetime_utcoffset};
use super::delta::{cmp_result, delta_hash_of, new_delta};
use super::{
    as_delta, format_offset, is_datetime, offset_range_error, set_class_attr, spec, timezone_type, tp_name,
    tzinfo_type, utc, Delta, Dt, Tz, TzBase,
};

fn tzinfo_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &tzinfo_type(vm), TzBase)
}

fn must_implement(vm: &Vm, what: &str) -> taipan_vm::api::PyErr {
    vm.not_implemented_error(format!("a tzinfo subclass must implement {what}()"))
}

fn dt_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [x] = args::exact::<1>(vm, name, a, k)?;
    Ok(x)
}

/// `tzinfo.fromutc`: the generic algorithm over utcoffset() and dst().
fn tzinfo_fromutc(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let d = dt_arg(vm, "fromutc", a, k)?;
    if !is_datetime(vm, &d) {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    }
    let Some(p) = d.payload::<Dt>() else {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    };
    if !p.tz(vm).is(o) {
        return Err(vm.value_error("fromutc: dt.tzinfo is not self"));
    }
    let Some(off) = datetime_utcoffset(vm, &d)? else {
        return Err(vm.value_error("fromutc: non-None utcoffset() result required"));
    };
    let Some(dst) = datetime_dst(vm, &d)? else {
        return Err(vm.value_error("fromutc: non-None dst() result required"));
    };
    let delta = super::delta::delta_from_us(vm, off.total_us() - dst.total_us())?;
    let result = add_delta(vm, &d, delta.total_us())?;
    let Some(dst) = super::call_dst(vm, &p.tz(vm), &result)? else {
        return Err(vm.value_error("fromutc: tz.dst() gave inconsistent results; cannot convert"));
    };
    if dst.is_zero() {
        return Ok(result);
    }
    add_delta(vm, &result, dst.total_us())
}

/// `tzinfo.__reduce__`: (type, __getinitargs__() or (), __getstate__()).
fn tzinfo_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "tzinfo.__reduce__", a, k)?;
    let init_args = match vm.getattr_str_opt(o, "__getinitargs__")? {
        Some(f) => vm.call0(&f)?,
        None => vm.new_tuple(vec![]),
    };
    let state = vm.call_method(o, "__getstate__", &[])?;
    Ok(vm.new_tuple(vec![o.class_obj(), init_args, state]))
}

const TZINFO_METHODS: &[MethodDef] = &[
    MethodDef::method("tzname", |vm, _o, a, k| {
        dt_arg(vm, "tzname", a, k)?;
        Err(must_implement(vm, "tzname"))
    }),
    MethodDef::method("utcoffset", |vm, _o, a, k| {
        dt_arg(vm, "utcoffset", a, k)?;
        Err(must_implement(vm, "utcoffset"))
    }),
    MethodDef::method("dst", |vm, _o, a, k| {
        dt_arg(vm, "dst", a, k)?;
        Err(must_implement(vm, "dst"))
    }),
    MethodDef::method("fromutc", tzinfo_fromutc),
    MethodDef::method("__reduce__", tzinfo_reduce),
];

pub(crate) fn make_tzinfo_type(vm: &Vm) -> Obj {
    let s = spec(
        "datetime.tzinfo",
        None,
        flags::BASETYPE,
        false,
        TZINFO_METHODS,
        &[],
        "Abstract base class for time zone info objects.",
    );
    new_type::<TzBase>(vm, &s, |s| {
        s.new.set(Some(tzinfo_new));
    })
}

// ---- timezone -------------------------------------------------------------------------------

fn tz<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Tz> {
    taipan_vm::api::types::payload_or_err::<Tz>(vm, o, "datetime.timezone")
}

/// `new_timezone`: the UTC singleton for a zero offset without a name.
pub(crate) fn new_timezone(vm: &Vm, offset: Obj, name: Option<Obj>) -> PyResult<Obj> {
    let Some(d) = as_delta(&offset) else {
        return Err(vm.type_error("timezone offset must be a timedelta"));
    };
    if name.is_none() && d.is_zero() {
        let u = utc(vm);
        if !vm.is_none(&u) {
            return Ok(u);
        }
    }
    if !d.is_valid_offset() {
        return Err(offset_range_error(vm, &offset));
    }
    let ty = timezone_type(vm);
    alloc_instance(vm, &ty, &ty, Tz { offset, name })
}

/// A timezone of `seconds` (and `us`) east of UTC, named or not.
pub(crate) fn timezone_of(vm: &Vm, d: Delta, name: Option<Obj>) -> PyResult<Obj> {
    new_timezone(vm, new_delta(vm, d)?, name)
}

fn timezone_new(vm: &Vm, _cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "timezone", a, k, &["offset", "name"], 1)?;
    let offset = v[0].clone().unwrap_or_else(|| vm.none());
    if as_delta(&offset).is_none() {
        return Err(
            vm.type_error(format!("timezone() argument 1 must be datetime.timedelta, not {}", tp_name(&offset)))
        );
    }
    let name = match &v[1] {
        Some(n) if pystr::as_str(n).is_some() || vm.isinstance_type(n, &vm.ctx.types.str) => Some(n.clone()),
        Some(n) => {
            let what = if vm.is_none(n) { "None".to_string() } else { tp_name(n) };
            return Err(vm.type_error(format!("timezone() argument 2 must be str, not {what}")));
        }
        None => None,
    };
    new_timezone(vm, offset, name)
}

fn check_dt_arg(vm: &Vm, d: &Obj, meth: &str) -> PyResult<()> {
    if vm.is_none(d) || is_datetime(vm, d) {
        return Ok(());
    }
    Err(vm.type_error(format!("{meth}(dt) argument must be a datetime instance or None, not {}", tp_name(d))))
}

fn tzname_of(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = tz(vm, o)?;
    if let Some(n) = &t.name {
        return Ok(n.clone());
    }
    let d = as_delta(&t.offset).unwrap_or(Delta { days: 0, seconds: 0, us: 0 });
    if o.is(&utc(vm)) || d.is_zero() {
        return Ok(vm.new_str("UTC"));
    }
    Ok(vm.new_str(&format!("UTC{}", format_offset(Some(d), ":"))))
}

fn timezone_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = tz(vm, o)?;
    let name = tp_name(o);
    if o.is(&utc(vm)) {
        return Ok(vm.new_str(&format!("{name}.utc")));
    }
    let off = vm.repr_string(&t.offset)?;
    match &t.name {
        None => Ok(vm.new_str(&format!("{name}({off})"))),
        Some(n) => Ok(vm.new_str(&format!("{name}({off}, {})", vm.repr_string(n)?))),
    }
}

fn timezone_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let (Some(x), Some(y)) = (a.payload::<Tz>(), b.payload::<Tz>()) else {
        return Ok(vm.not_implemented());
    };
    match (as_delta(&x.offset), as_delta(&y.offset)) {
        (Some(p), Some(q)) => Ok(cmp_result(vm, p.cmp(&q), op)),
        _ => Ok(vm.not_implemented()),
    }
}

fn timezone_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let t = tz(vm, o)?;
    delta_hash_of(vm, &as_delta(&t.offset).unwrap_or(Delta { days: 0, seconds: 0, us: 0 }))
}

fn timezone_fromutc(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let d = dt_arg(vm, "fromutc", a, k)?;
    if !is_datetime(vm, &d) {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    }
    let same = d.payload::<Dt>().is_some_and(|p| p.tz(vm).is(o));
    if !same {
        return Err(vm.value_error("fromutc: dt.tzinfo is not self"));
    }
    let off = as_delta(&tz(vm, o)?.offset).unwrap_or(Delta { days: 0, seconds: 0, us: 0 });
    add_delta(vm, &d, off.total_us())
}

const TIMEZONE_METHODS: &[MethodDef] = &[
    MethodDef::method("tzname", |vm, o, a, k| {
        let d = dt_arg(vm, "tzname", a, k)?;
        check_dt_arg(vm, &d, "tzname")?;
        tzname_of(vm, o)
    }),
    MethodDef::method("utcoffset", |vm, o, a, k| {
        let d = dt_arg(vm, "utcoffset", a, k)?;
        check_dt_arg(vm, &d, "utcoffset")?;
        Ok(tz(vm, o)?.offset.clone())
    }),
    MethodDef::method("dst", |vm, _o, a, k| {
        let d = dt_arg(vm, "dst", a, k)?;
        check_dt_arg(vm, &d, "dst")?;
        Ok(vm.none())
    }),
    MethodDef::method("fromutc", timezone_fromutc),
    MethodDef::method("__getinitargs__", |vm, o, a, k| {
        crate::clinic::none(vm, "timezone.__getinitargs__", a, k)?;
        let t = tz(vm, o)?;
        let mut items = vec![t.offset.clone()];
        if let Some(n) = &t.name {
            items.push(n.clone());
        }
        Ok(vm.new_tuple(items))
    }),
];

pub(crate) fn make_timezone_type(vm: &Vm, tzinfo: &Obj) -> Obj {
    let s = spec(
        "datetime.timezone",
        Some(tzinfo),
        0,
        true,
        TIMEZONE_METHODS,
        &[],
        "Fixed offset from UTC implementation of tzinfo.",
    );
    new_type::<Tz>(vm, &s, |s| {
        s.new.set(Some(timezone_new));
        s.repr.set(Some(timezone_repr));
        s.str.set(Some(tzname_of));
        s.hash.set(Some(timezone_hash));
        s.richcompare.set(Some(timezone_richcompare));
    })
}

pub(crate) fn add_class_attrs(vm: &Vm, ty: &Obj) -> PyResult<()> {
    let zero = Delta { days: 0, seconds: 0, us: 0 };
    let u = alloc_instance(vm, ty, ty, Tz { offset: new_delta(vm, zero)?, name: None })?;
    vm.lazy_types.borrow_mut().insert(super::UTC, u.clone());
    set_class_attr(vm, ty, "utc", u)?;
    let min = Delta { days: -1, seconds: 60, us: 0 };
    let max = Delta { days: 0, seconds: 23 * 3600 + 59 * 60, us: 0 };
    set_class_attr(vm, ty, "min", timezone_of(vm, min, None)?)?;
    set_class_attr(vm, ty, "max", timezone_of(vm, max, None)?)
}
