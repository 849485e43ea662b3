//! `timedelta` (CPython's `delta_*` functions).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use taipan_vm::api::types::{
    add_readonly_members, alloc_instance, flags, new_type, CompareOp, GetSetDef, MethodDef, NativeMemberGet, NbOp,
};
use taipan_vm::api::{args, float, int, Obj, PyResult, Vm};

use super::{as_delta, delta_type, set_class_attr, spec, tp_name, Delta};

pub(crate) const MAX_DELTA_DAYS: i64 = 999_999_999;
const US_PER_DAY: i128 = 86_400_000_000;

/// Normalize a number of microseconds into a Delta (OverflowError as
/// CPython's `microseconds_to_delta_ex`).
pub(crate) fn delta_from_us(vm: &Vm, us: i128) -> PyResult<Delta> {
    let days = us.div_euclid(US_PER_DAY);
    let rest = us.rem_euclid(US_PER_DAY);
    if days > i32::MAX as i128 || days < i32::MIN as i128 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if days.abs() > MAX_DELTA_DAYS as i128 {
        return Err(vm.overflow_error(format!("days={days}; must have magnitude <= {MAX_DELTA_DAYS}")));
    }
    Ok(Delta { days: days as i32, seconds: (rest / 1_000_000) as i32, us: (rest % 1_000_000) as i32 })
}

pub(crate) fn delta_from_big(vm: &Vm, us: &BigInt) -> PyResult<Delta> {
    match us.to_i128() {
        Some(v) if v.abs() < (1i128 << 100) => delta_from_us(vm, v),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// A new exact timedelta.
pub(crate) fn new_delta(vm: &Vm, d: Delta) -> PyResult<Obj> {
    let ty = delta_type(vm);
    alloc_instance(vm, &ty, &ty, d)
}

pub(crate) fn new_delta_us(vm: &Vm, us: i128) -> PyResult<Obj> {
    let d = delta_from_us(vm, us)?;
    new_delta(vm, d)
}

fn delta<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Delta> {
    taipan_vm::api::types::payload_or_err::<Delta>(vm, o, "datetime.timedelta")
}

const FACTORS: [(&str, i64); 7] = [
    ("microseconds", 1),
    ("milliseconds", 1000),
    ("seconds", 1_000_000),
    ("minutes", 60_000_000),
    ("hours", 3_600_000_000),
    ("days", 86_400_000_000),
    ("weeks", 604_800_000_000),
];
/// Argument order of `timedelta(days, seconds, microseconds, milliseconds,
/// minutes, hours, weeks)` mapped to FACTORS.
const NAMES: [&str; 7] = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];

/// CPython's `accum`: add `num * factor` to `sofar`, the fraction of a
/// microsecond a float leaves going to `leftover`.
fn accum(vm: &Vm, tag: &str, sofar: BigInt, num: &Obj, factor: i64, leftover: &mut f64) -> PyResult<BigInt> {
    if let Some(v) = int::value(num) {
        return Ok(sofar + v.to_big() * factor);
    }
    if let Some(x) = float::value(num) {
        let intpart = x.trunc();
        let frac = if x.is_infinite() { 0.0 } else { x - intpart };
        let sum = sofar + float_to_big(vm, intpart)? * factor;
        if frac == 0.0 {
            return Ok(sum);
        }
        let scaled = factor as f64 * frac;
        let ip = scaled.trunc();
        *leftover += scaled - ip;
        return Ok(sum + float_to_big(vm, ip)?);
    }
    Err(vm.type_error(format!("unsupported type for timedelta {tag} component: {}", tp_name(num))))
}

fn float_to_big(vm: &Vm, x: f64) -> PyResult<BigInt> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    BigInt::from_f64(x).ok_or_else(|| vm.overflow_error("cannot convert float infinity to integer"))
}

/// The constructor's arguments as microseconds (ints only: exact and fast).
fn small_int_total(vals: &[Option<Obj>]) -> Option<i128> {
    let mut total: i128 = 0;
    for (i, v) in vals.iter().enumerate() {
        let Some(v) = v else { continue };
        let n = int::value(v)?.as_i64()?;
        let factor = FACTORS.iter().find(|(t, _)| *t == NAMES[i])?.1;
        total = total.checked_add(n as i128 * factor as i128)?;
    }
    Some(total)
}

fn delta_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let vals = args::parse(vm, "__new__", a, k, &NAMES, 0)?;
    let total = match small_int_total(&vals) {
        Some(t) => delta_from_us(vm, t)?,
        None => delta_from_big(vm, &accumulate(vm, &vals)?)?,
    };
    alloc_instance(vm, cls, &delta_type(vm), total)
}

fn accumulate(vm: &Vm, vals: &[Option<Obj>]) -> PyResult<BigInt> {
    let mut x = BigInt::zero();
    let mut leftover = 0.0f64;
    for (tag, factor) in FACTORS {
        let i = NAMES.iter().position(|n| *n == tag).unwrap_or(0);
        if let Some(v) = &vals[i] {
            x = accum(vm, tag, x, v, factor, &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = if x.is_odd() { 1.0 } else { 0.0 };
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        x += BigInt::from(whole as i64);
    }
    Ok(x)
}

fn delta_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = delta(vm, o)?;
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.seconds != 0 {
        parts.push(format!("seconds={}", d.seconds));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    let body = if parts.is_empty() { "0".to_string() } else { parts.join(", ") };
    Ok(vm.new_str(&format!("{}({})", tp_name(o), body)))
}

pub(crate) fn delta_text(d: &Delta) -> String {
    let mut out = String::new();
    if d.days != 0 {
        let plural = if d.days == 1 || d.days == -1 { "" } else { "s" };
        out.push_str(&format!("{} day{}, ", d.days, plural));
    }
    let (h, m, s) = (d.seconds / 3600, (d.seconds / 60) % 60, d.seconds % 60);
    out.push_str(&format!("{h}:{m:02}:{s:02}"));
    if d.us != 0 {
        out.push_str(&format!(".{:06}", d.us));
    }
    out
}

fn delta_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str(&delta_text(delta(vm, o)?)))
}

pub(crate) fn delta_hash_of(vm: &Vm, d: &Delta) -> PyResult<i64> {
    let t = vm.new_tuple(vec![vm.new_int(d.days as i64), vm.new_int(d.seconds as i64), vm.new_int(d.us as i64)]);
    vm.hash(&t)
}

fn delta_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    delta_hash_of(vm, delta(vm, o)?)
}

pub(crate) fn cmp_result(vm: &Vm, ord: std::cmp::Ordering, op: CompareOp) -> Obj {
    use std::cmp::Ordering::*;
    let r = match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    };
    vm.bool_obj(r)
}

fn delta_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    match (as_delta(a), as_delta(b)) {
        (Some(x), Some(y)) => Ok(cmp_result(vm, x.cmp(&y), op)),
        _ => Ok(vm.not_implemented()),
    }
}

fn delta_add(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (as_delta(a), as_delta(b)) {
        (Some(x), Some(y)) => new_delta_us(vm, x.total_us() + y.total_us()),
        _ => Ok(vm.not_implemented()),
    }
}

fn delta_sub(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (as_delta(a), as_delta(b)) {
        (Some(x), Some(y)) => new_delta_us(vm, x.total_us() - y.total_us()),
        _ => Ok(vm.not_implemented()),
    }
}

fn big_us(d: &Delta) -> BigInt {
    BigInt::from(d.total_us())
}

fn int_big(o: &Obj) -> Option<BigInt> {
    int::value(o).map(|v| v.to_big())
}

fn zero_div(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.zero_division_error("integer division or modulo by zero")
}

/// `_PyLong_DivmodNear`'s quotient: a / b rounded half to even.
fn divide_nearest(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<BigInt> {
    if b.is_zero() {
        return Err(zero_div(vm));
    }
    let (mut q, r) = a.div_mod_floor(b);
    let twice: BigInt = &r * 2;
    let ord = if b.is_positive() { twice.cmp(b) } else { b.cmp(&twice) };
    if ord == std::cmp::Ordering::Greater || (ord == std::cmp::Ordering::Equal && q.is_odd()) {
        q += BigInt::one();
    }
    Ok(q)
}

/// `float.as_integer_ratio()` of `f` (its errors for inf and NaN).
fn ratio(vm: &Vm, f: &Obj) -> PyResult<(BigInt, BigInt)> {
    let r = vm.call_method(f, "as_integer_ratio", &[])?;
    if !vm.isinstance_type(&r, &vm.ctx.types.tuple) {
        return Err(vm.type_error(format!(
            "unexpected return type from as_integer_ratio(): expected tuple, got '{}'",
            tp_name(&r)
        )));
    }
    let items = taipan_vm::api::tuple::items(&r);
    if items.len() != 2 {
        return Err(vm.value_error("as_integer_ratio() must return a 2-tuple"));
    }
    let n = vm.index_value(&items[0])?.to_big();
    let d = vm.index_value(&items[1])?.to_big();
    Ok((n, d))
}

fn mul_float(vm: &Vm, d: &Delta, f: &Obj, divide: bool) -> PyResult<Obj> {
    let (n, den) = ratio(vm, f)?;
    let us = big_us(d);
    let q = if divide { divide_nearest(vm, &(us * den), &n)? } else { divide_nearest(vm, &(us * n), &den)? };
    new_delta(vm, delta_from_big(vm, &q)?)
}

fn mul_int(vm: &Vm, d: &Delta, n: &Obj) -> PyResult<Obj> {
    let n = int_big(n).unwrap_or_default();
    new_delta(vm, delta_from_big(vm, &(big_us(d) * n))?)
}

fn is_float(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &vm.ctx.types.float)
}

fn delta_mul(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if let Some(d) = as_delta(a) {
        if int::value(b).is_some() {
            return mul_int(vm, &d, b);
        }
        if is_float(vm, b) {
            return mul_float(vm, &d, b, false);
        }
    } else if let Some(d) = as_delta(b) {
        if int::value(a).is_some() {
            return mul_int(vm, &d, a);
        }
        if is_float(vm, a) {
            return mul_float(vm, &d, a, false);
        }
    }
    Ok(vm.not_implemented())
}

fn delta_floordiv(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(d) = as_delta(a) else {
        return Ok(vm.not_implemented());
    };
    if let Some(e) = as_delta(b) {
        let den = e.total_us();
        if den == 0 {
            return Err(zero_div(vm));
        }
        let num = d.total_us();
        return Ok(vm.new_bigint(BigInt::from((num - floor_mod(num, den)) / den)));
    }
    if let Some(n) = int_big(b) {
        if n.is_zero() {
            return Err(zero_div(vm));
        }
        return new_delta(vm, delta_from_big(vm, &big_us(&d).div_floor(&n))?);
    }
    Ok(vm.not_implemented())
}

fn floor_mod(a: i128, b: i128) -> i128 {
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

fn delta_truediv(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(d) = as_delta(a) else {
        return Ok(vm.not_implemented());
    };
    if let Some(e) = as_delta(b) {
        let x = vm.new_bigint(big_us(&d));
        let y = vm.new_bigint(big_us(&e));
        return vm.binary_op(&x, &y, NbOp::TrueDivide);
    }
    if is_float(vm, b) {
        return mul_float(vm, &d, b, true);
    }
    if let Some(n) = int_big(b) {
        return new_delta(vm, delta_from_big(vm, &divide_nearest(vm, &big_us(&d), &n)?)?);
    }
    Ok(vm.not_implemented())
}

fn delta_mod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (as_delta(a), as_delta(b)) {
        (Some(x), Some(y)) => {
            let den = y.total_us();
            if den == 0 {
                return Err(vm.zero_division_error("integer modulo by zero"));
            }
            new_delta_us(vm, floor_mod(x.total_us(), den))
        }
        _ => Ok(vm.not_implemented()),
    }
}

fn delta_divmod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    match (as_delta(a), as_delta(b)) {
        (Some(x), Some(y)) => {
            let (num, den) = (x.total_us(), y.total_us());
            if den == 0 {
                return Err(zero_div(vm));
            }
            let r = floor_mod(num, den);
            let q = (num - r) / den;
            Ok(vm.new_tuple(vec![vm.new_bigint(BigInt::from(q)), new_delta_us(vm, r)?]))
        }
        _ => Ok(vm.not_implemented()),
    }
}

fn delta_neg(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    new_delta_us(vm, -delta(vm, o)?.total_us())
}

fn delta_pos(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    new_delta(vm, *delta(vm, o)?)
}

fn delta_abs(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = *delta(vm, o)?;
    if d.days < 0 {
        new_delta_us(vm, -d.total_us())
    } else {
        new_delta(vm, d)
    }
}

fn total_seconds(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "timedelta.total_seconds", a, k)?;
    let d = delta(vm, o)?;
    let x = vm.new_bigint(big_us(d));
    vm.binary_op(&x, &vm.new_int(1_000_000), NbOp::TrueDivide)
}

fn delta_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "timedelta.__reduce__", a, k)?;
    let d = delta(vm, o)?;
    let state = vm.new_tuple(vec![vm.new_int(d.days as i64), vm.new_int(d.seconds as i64), vm.new_int(d.us as i64)]);
    Ok(vm.new_tuple(vec![o.class_obj(), state]))
}

const METHODS: &[MethodDef] =
    &[MethodDef::method("total_seconds", total_seconds), MethodDef::method("__reduce__", delta_reduce)];

const GETSETS: &[GetSetDef] = &[];

/// The fields are read-only members, as CPython's `PyMemberDef`s (so
/// `inspect.ismemberdescriptor(timedelta.days)` holds).
const MEMBERS: &[(&str, NativeMemberGet, Option<&str>)] = &[
    ("days", |vm, o| Ok(vm.new_int(delta(vm, o)?.days as i64)), Some("Number of days.")),
    (
        "seconds",
        |vm, o| Ok(vm.new_int(delta(vm, o)?.seconds as i64)),
        Some("Number of seconds (>= 0 and less than 1 day)."),
    ),
    (
        "microseconds",
        |vm, o| Ok(vm.new_int(delta(vm, o)?.us as i64)),
        Some("Number of microseconds (>= 0 and less than 1 second)."),
    ),
];

const DOC: &str = "Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative.";

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let s = spec("datetime.timedelta", None, flags::BASETYPE, false, METHODS, GETSETS, DOC);
    new_type::<Delta>(vm, &s, |s| {
        s.new.set(Some(delta_new));
        s.repr.set(Some(delta_repr));
        s.str.set(Some(delta_str));
        s.hash.set(Some(delta_hash));
        s.richcompare.set(Some(delta_richcompare));
        s.nb_binary[NbOp::Add as usize].set(Some(delta_add));
        s.nb_binary[NbOp::Subtract as usize].set(Some(delta_sub));
        s.nb_binary[NbOp::Multiply as usize].set(Some(delta_mul));
        s.nb_binary[NbOp::FloorDivide as usize].set(Some(delta_floordiv));
        s.nb_binary[NbOp::TrueDivide as usize].set(Some(delta_truediv));
        s.nb_binary[NbOp::Remainder as usize].set(Some(delta_mod));
        s.nb_divmod.set(Some(delta_divmod));
        s.nb_negative.set(Some(delta_neg));
        s.nb_positive.set(Some(delta_pos));
        s.nb_absolute.set(Some(delta_abs));
        s.nb_bool.set(Some(|vm, o| Ok(!delta(vm, o)?.is_zero())));
    })
}

pub(crate) fn add_class_attrs(vm: &Vm, ty: &Obj) -> PyResult<()> {
    add_readonly_members(vm, ty, MEMBERS);
    let min = Delta { days: -(MAX_DELTA_DAYS as i32), seconds: 0, us: 0 };
    let max = Delta { days: MAX_DELTA_DAYS as i32, seconds: 86399, us: 999_999 };
    set_class_attr(vm, ty, "min", new_delta(vm, min)?)?;
    set_class_attr(vm, ty, "max", new_delta(vm, max)?)?;
    set_class_attr(vm, ty, "resolution", new_delta(vm, Delta { days: 0, seconds: 0, us: 1 })?)
}
