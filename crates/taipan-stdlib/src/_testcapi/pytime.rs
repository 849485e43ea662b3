//! The `_PyTime_t` conversions of CPython's `Python/pytime.c` as
//! `_testcapi` exposes them (`PyTime_FromSecondsObject`,
//! `PyTime_AsTimeval`, `pytime_object_to_timespec`, ...): a timestamp is
//! an `i64` of nanoseconds, converted with one of four rounding modes.

use taipan_vm::api::int::IntValue;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, Obj, PyResult, Vm};

const SEC_TO_NS: i64 = 1_000_000_000;

/// `_PyTime_round_t`.
#[derive(Clone, Copy)]
enum Round {
    Floor,
    Ceiling,
    HalfEven,
    Up,
}

/// `check_time_rounding`: the rounding argument, 0 to 3.
fn round_arg(vm: &Vm, o: &Obj) -> PyResult<Round> {
    let v = crate::support::ssize_arg(vm, o)?;
    Ok(match v {
        0 => Round::Floor,
        1 => Round::Ceiling,
        2 => Round::HalfEven,
        3 => Round::Up,
        _ => return Err(vm.value_error("invalid rounding")),
    })
}

/// `_PyTime_Round`: a double rounded to an integral value.
fn round_double(x: f64, round: Round) -> f64 {
    match round {
        Round::HalfEven => {
            let r = x.round();
            if (x - r).abs() == 0.5 {
                2.0 * (x / 2.0).round()
            } else {
                r
            }
        }
        Round::Ceiling => x.ceil(),
        Round::Floor => x.floor(),
        Round::Up if x >= 0.0 => x.ceil(),
        Round::Up => x.floor(),
    }
}

/// `_PyTime_Divide`: `t / k` rounded (k > 0).
fn divide(t: i64, k: i64, round: Round) -> i64 {
    let (t, k) = (i128::from(t), i128::from(k));
    let floor = t.div_euclid(k);
    let exact = t.rem_euclid(k) == 0;
    let q = match round {
        Round::Floor => floor,
        Round::Ceiling if exact => floor,
        Round::Ceiling => floor + 1,
        Round::Up if exact => floor,
        Round::Up if t >= 0 => floor + 1,
        Round::Up => floor,
        Round::HalfEven => {
            let r = t.rem_euclid(k);
            match (2 * r).cmp(&k) {
                std::cmp::Ordering::Less => floor,
                std::cmp::Ordering::Greater => floor + 1,
                std::cmp::Ordering::Equal if floor % 2 == 0 => floor,
                std::cmp::Ordering::Equal => floor + 1,
            }
        }
    };
    // |q| <= |t|, so it fits.
    q as i64
}

/// A C integer of the value (`PyLong_AsLongLong`), with `msg` as the
/// OverflowError.
fn as_i64(vm: &Vm, o: &Obj, msg: &str) -> PyResult<i64> {
    match vm.index_value(o)? {
        IntValue::Small(v) => Ok(v),
        IntValue::Big(_) => Err(vm.overflow_error(msg)),
    }
}

/// `_PyTime_FromNanosecondsObject`: an int of nanoseconds.
fn ns_arg(vm: &Vm, o: &Obj) -> PyResult<i64> {
    if taipan_vm::api::int::value(o).is_none() {
        return Err(vm.type_error(format!("expect int, got {}", crate::support::short_type_name(o))));
    }
    as_i64(vm, o, "timestamp too big to convert to C _PyTime_t")
}

fn nan_error(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.value_error("Invalid value NaN (not a number)")
}

fn time_t_overflow(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.overflow_error("timestamp out of range for platform time_t")
}

/// `_PyTime_FromSecondsObject`: seconds (int or float) to nanoseconds.
fn from_seconds_object(vm: &Vm, o: &Obj, round: Round) -> PyResult<i64> {
    if let Some(d) = taipan_vm::api::float::value(o) {
        if d.is_nan() {
            return Err(nan_error(vm));
        }
        let ns = round_double(d * SEC_TO_NS as f64, round);
        if !(ns >= i64::MIN as f64 && ns < -(i64::MIN as f64)) {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        return Ok(ns as i64);
    }
    let secs = as_i64(vm, o, "timestamp out of range for platform time_t")?;
    secs.checked_mul(SEC_TO_NS).ok_or_else(|| vm.overflow_error("timestamp too large to convert to C _PyTime_t"))
}

/// `_PyTime_ObjectToDenominator`: (seconds, fraction in 1/denominator).
fn object_to_denominator(vm: &Vm, o: &Obj, denominator: f64, round: Round) -> PyResult<(i64, i64)> {
    if let Some(d) = taipan_vm::api::float::value(o) {
        if d.is_nan() {
            return Err(nan_error(vm));
        }
        let mut intpart = d.trunc();
        let mut floatpart = round_double((d - intpart) * denominator, round);
        if floatpart >= denominator {
            floatpart -= denominator;
            intpart += 1.0;
        } else if floatpart < 0.0 {
            floatpart += denominator;
            intpart -= 1.0;
        }
        if !(intpart >= i64::MIN as f64 && intpart < -(i64::MIN as f64)) {
            return Err(time_t_overflow(vm));
        }
        return Ok((intpart as i64, floatpart as i64));
    }
    Ok((as_i64(vm, o, "timestamp out of range for platform time_t")?, 0))
}

fn pair(vm: &Vm, a: i64, b: i64) -> Obj {
    vm.new_tuple(vec![vm.new_int(a), vm.new_int(b)])
}

fn from_seconds(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [secs] = args::exact::<1>(vm, "PyTime_FromSeconds", a, k)?;
    let secs = as_i64(vm, &secs, "signed integer is greater than maximum")?;
    let secs = i32::try_from(secs).map_err(|_| vm.overflow_error("signed integer is greater than maximum"))?;
    Ok(vm.new_int(i64::from(secs) * SEC_TO_NS))
}

fn from_seconds_object_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [o, round] = args::exact::<2>(vm, "PyTime_FromSecondsObject", a, k)?;
    let round = round_arg(vm, &round)?;
    Ok(vm.new_int(from_seconds_object(vm, &o, round)?))
}

fn as_seconds_double(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns] = args::exact::<1>(vm, "PyTime_AsSecondsDouble", a, k)?;
    let ns = ns_arg(vm, &ns)?;
    let secs = if ns % SEC_TO_NS == 0 { (ns / SEC_TO_NS) as f64 } else { ns as f64 / SEC_TO_NS as f64 };
    Ok(vm.new_float(secs))
}

/// `_PyTime_AsTimeval`: (seconds, microseconds), the microseconds rounded.
fn as_timeval(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns, round] = args::exact::<2>(vm, "PyTime_AsTimeval", a, k)?;
    let (ns, round) = (ns_arg(vm, &ns)?, round_arg(vm, &round)?);
    let us = divide(ns, 1000, round);
    Ok(pair(vm, us.div_euclid(1_000_000), us.rem_euclid(1_000_000)))
}

/// `_PyTime_AsTimeval_clamp`: as `_PyTime_AsTimeval`, the seconds clamped
/// to time_t's range, which (64-bit) holds every i64 nanosecond count's.
fn as_timeval_clamp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns, round] = args::exact::<2>(vm, "PyTime_AsTimeval_clamp", a, k)?;
    let (ns, round) = (ns_arg(vm, &ns)?, round_arg(vm, &round)?);
    let us = divide(ns, 1000, round);
    Ok(pair(vm, us.div_euclid(1_000_000), us.rem_euclid(1_000_000)))
}

/// `_PyTime_AsTimespec_clamp`: as `_PyTime_AsTimespec` (see above).
fn as_timespec_clamp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns] = args::exact::<1>(vm, "PyTime_AsTimespec_clamp", a, k)?;
    let ns = ns_arg(vm, &ns)?;
    Ok(pair(vm, ns.div_euclid(SEC_TO_NS), ns.rem_euclid(SEC_TO_NS)))
}

/// `_PyTime_AsTimespec`: (seconds, nanoseconds).
fn as_timespec(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns] = args::exact::<1>(vm, "PyTime_AsTimespec", a, k)?;
    let ns = ns_arg(vm, &ns)?;
    Ok(pair(vm, ns.div_euclid(SEC_TO_NS), ns.rem_euclid(SEC_TO_NS)))
}

fn as_milliseconds(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns, round] = args::exact::<2>(vm, "PyTime_AsMilliseconds", a, k)?;
    Ok(vm.new_int(divide(ns_arg(vm, &ns)?, 1_000_000, round_arg(vm, &round)?)))
}

fn as_microseconds(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [ns, round] = args::exact::<2>(vm, "PyTime_AsMicroseconds", a, k)?;
    Ok(vm.new_int(divide(ns_arg(vm, &ns)?, 1000, round_arg(vm, &round)?)))
}

/// `_PyTime_ObjectToTime_t`: seconds rounded to an integer.
fn object_to_time_t(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [o, round] = args::exact::<2>(vm, "pytime_object_to_time_t", a, k)?;
    let round = round_arg(vm, &round)?;
    if let Some(d) = taipan_vm::api::float::value(&o) {
        if d.is_nan() {
            return Err(nan_error(vm));
        }
        let d = round_double(d, round);
        if !(d >= i64::MIN as f64 && d < -(i64::MIN as f64)) {
            return Err(time_t_overflow(vm));
        }
        return Ok(vm.new_int(d as i64));
    }
    Ok(vm.new_int(as_i64(vm, &o, "timestamp out of range for platform time_t")?))
}

fn object_to_timeval(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [o, round] = args::exact::<2>(vm, "pytime_object_to_timeval", a, k)?;
    let (s, us) = object_to_denominator(vm, &o, 1e6, round_arg(vm, &round)?)?;
    Ok(pair(vm, s, us))
}

fn object_to_timespec(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [o, round] = args::exact::<2>(vm, "pytime_object_to_timespec", a, k)?;
    let (s, ns) = object_to_denominator(vm, &o, 1e9, round_arg(vm, &round)?)?;
    Ok(pair(vm, s, ns))
}

pub(super) const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("PyTime_FromSeconds", from_seconds),
    MethodDef::static_("PyTime_FromSecondsObject", from_seconds_object_fn),
    MethodDef::static_("PyTime_AsSecondsDouble", as_seconds_double),
    MethodDef::static_("PyTime_AsTimeval", as_timeval),
    MethodDef::static_("PyTime_AsTimespec", as_timespec),
    MethodDef::static_("PyTime_AsTimeval_clamp", as_timeval_clamp),
    MethodDef::static_("PyTime_AsTimespec_clamp", as_timespec_clamp),
    MethodDef::static_("PyTime_AsMilliseconds", as_milliseconds),
    MethodDef::static_("PyTime_AsMicroseconds", as_microseconds),
    MethodDef::static_("pytime_object_to_time_t", object_to_time_t),
    MethodDef::static_("pytime_object_to_timeval", object_to_timeval),
    MethodDef::static_("pytime_object_to_timespec", object_to_timespec),
];
