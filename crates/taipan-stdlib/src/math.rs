//! `math` (CPython's `Modules/mathmodule.c`): the C library's functions on
//! floats, with CPython's error rules (a NaN from non-NaN input is
//! `ValueError("math domain error")`, an infinity from finite input is
//! `OverflowError("math range error")` or a domain error at a
//! singularity), plus CPython's own algorithms where it has them (gamma,
//! lgamma, fsum, hypot/dist, remainder) so results are bit-identical.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use taipan_vm::api::types::{MethodDef, NbOp};
use taipan_vm::api::{args, dict, int, module, Obj, PyErr, PyResult, Vm};

use crate::clinic;
use crate::libm;

const EDOM: i32 = libc::EDOM;
const ERANGE: i32 = libc::ERANGE;

pub(crate) fn domain_error(vm: &Vm) -> PyErr {
    vm.value_error("math domain error")
}

pub(crate) fn range_error(vm: &Vm) -> PyErr {
    vm.overflow_error("math range error")
}

/// CPython's `is_error`: the exception for a libm errno, or None when it
/// is an underflow to be ignored.
fn errno_error(vm: &Vm, errno: i32, r: f64) -> Option<PyErr> {
    match errno {
        0 => None,
        EDOM => Some(domain_error(vm)),
        ERANGE if r.abs() < 1.5 => None,
        ERANGE => Some(range_error(vm)),
        e => Some(vm.value_error(std::io::Error::from_raw_os_error(e).to_string())),
    }
}

/// `PyFloat_AsDouble`.
pub(crate) fn as_double(vm: &Vm, o: &Obj) -> PyResult<f64> {
    vm.to_f64(o)
}

/// CPython's `math_1`: a libm function of one float.
fn math_1(vm: &Vm, arg: &Obj, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<f64> {
    let x = as_double(vm, arg)?;
    libm::clear_errno();
    let r = f(x);
    let errno = libm::errno();
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error(vm) } else { domain_error(vm) });
    }
    if r.is_finite() {
        if let Some(e) = errno_error(vm, errno, r) {
            return Err(e);
        }
    }
    Ok(r)
}

/// CPython's `math_1a`: a function that reports errors through errno only.
fn math_1a(vm: &Vm, arg: &Obj, f: fn(f64) -> (f64, i32)) -> PyResult<f64> {
    let x = as_double(vm, arg)?;
    let (r, errno) = f(x);
    match errno_error(vm, errno, r) {
        Some(e) => Err(e),
        None => Ok(r),
    }
}

/// libm's erf/erfc with their errno.
fn with_errno(f: fn(f64) -> f64, x: f64) -> (f64, i32) {
    libm::clear_errno();
    let r = f(x);
    (r, libm::errno())
}

/// CPython's `math_2`: a function of two floats.
fn math_2(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>, f: fn(f64, f64) -> f64) -> PyResult<Obj> {
    let a = clinic::positional(vm, &format!("math.{name}"), name, a, k, 2, 2)?;
    let x = as_double(vm, &a[0])?;
    let y = as_double(vm, &a[1])?;
    let r = f(x, y);
    let errno = if r.is_nan() {
        if !x.is_nan() && !y.is_nan() {
            EDOM
        } else {
            0
        }
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        ERANGE
    } else {
        0
    };
    match errno_error(vm, errno, r) {
        Some(e) => Err(e),
        None => Ok(vm.new_float(r)),
    }
}

macro_rules! func1 {
    ($name:literal, $f:expr, $over:expr) => {
        MethodDef::static_($name, |vm, _, a, k| {
            let x = clinic::one(vm, concat!("math.", $name), a, k)?;
            Ok(vm.new_float(math_1(vm, &x, $f, $over)?))
        })
    };
}

macro_rules! func1a {
    ($name:literal, $f:expr) => {
        MethodDef::static_($name, |vm, _, a, k| {
            let x = clinic::one(vm, concat!("math.", $name), a, k)?;
            Ok(vm.new_float(math_1a(vm, &x, $f)?))
        })
    };
}

macro_rules! func2 {
    ($name:literal, $f:expr) => {
        MethodDef::static_($name, |vm, _, a, k| math_2(vm, $name, a, k, $f))
    };
}

macro_rules! double_fn {
    ($name:literal, $body:expr) => {
        MethodDef::static_($name, |vm, _, a, k| {
            let x = clinic::one(vm, concat!("math.", $name), a, k)?;
            let x = as_double(vm, &x)?;
            let f: fn(&Vm, f64) -> PyResult<Obj> = $body;
            f(vm, x)
        })
    };
}

const FUNCTIONS: &[MethodDef] = &[
    func1!("acos", libm::acos, false),
    func1!("acosh", libm::acosh, false),
    func1!("asin", libm::asin, false),
    func1!("asinh", libm::asinh, false),
    func1!("atan", libm::atan, false),
    func2!("atan2", m_atan2),
    func1!("atanh", libm::atanh, false),
    func1!("cbrt", libm::cbrt, false),
    MethodDef::static_("ceil", |vm, _, a, k| {
        let x = clinic::one(vm, "math.ceil", a, k)?;
        round_with(vm, &x, "__ceil__", f64::ceil)
    }),
    func2!("copysign", f64::copysign),
    func1!("cos", libm::cos, false),
    func1!("cosh", libm::cosh, true),
    double_fn!("degrees", |vm, x| Ok(vm.new_float(x * (180.0 / std::f64::consts::PI)))),
    MethodDef::static_("dist", math_dist),
    func1a!("erf", |x| with_errno(libm::erf, x)),
    func1a!("erfc", |x| with_errno(libm::erfc, x)),
    func1!("exp", libm::exp, true),
    func1!("exp2", libm::exp2, true),
    func1!("expm1", libm::expm1, true),
    func1!("fabs", f64::abs, false),
    MethodDef::static_("factorial", |vm, _, a, k| {
        let x = clinic::one(vm, "math.factorial", a, k)?;
        math_factorial(vm, &x)
    }),
    MethodDef::static_("floor", |vm, _, a, k| {
        let x = clinic::one(vm, "math.floor", a, k)?;
        round_with(vm, &x, "__floor__", f64::floor)
    }),
    MethodDef::static_("fmod", math_fmod),
    double_fn!("frexp", |vm, x| {
        let (m, e) = if x.is_nan() || x.is_infinite() || x == 0.0 { (x, 0) } else { libm::frexp(x) };
        Ok(vm.new_tuple(vec![vm.new_float(m), vm.new_int(e as i64)]))
    }),
    MethodDef::static_("fsum", |vm, _, a, k| {
        let x = clinic::one(vm, "math.fsum", a, k)?;
        Ok(vm.new_float(fsum(vm, &x)?))
    }),
    func1a!("gamma", m_tgamma),
    MethodDef::static_("gcd", math_gcd),
    MethodDef::static_("hypot", math_hypot),
    MethodDef::static_("isclose", math_isclose),
    double_fn!("isfinite", |vm, x| Ok(vm.bool_obj(x.is_finite()))),
    double_fn!("isinf", |vm, x| Ok(vm.bool_obj(x.is_infinite()))),
    double_fn!("isnan", |vm, x| Ok(vm.bool_obj(x.is_nan()))),
    MethodDef::static_("isqrt", |vm, _, a, k| {
        let x = clinic::one(vm, "math.isqrt", a, k)?;
        let n = vm.to_bigint(&x)?;
        if n.is_negative() {
            return Err(vm.value_error("isqrt() argument must be nonnegative"));
        }
        Ok(vm.new_bigint(n.sqrt()))
    }),
    MethodDef::static_("lcm", math_lcm),
    MethodDef::static_("ldexp", math_ldexp),
    func1a!("lgamma", m_lgamma),
    MethodDef::static_("log", math_log),
    func1!("log1p", m_log1p, false),
    MethodDef::static_("log10", |vm, _, a, k| {
        let x = clinic::one(vm, "math.log10", a, k)?;
        Ok(vm.new_float(loghelper(vm, &x, m_log10)?))
    }),
    MethodDef::static_("log2", |vm, _, a, k| {
        let x = clinic::one(vm, "math.log2", a, k)?;
        Ok(vm.new_float(loghelper(vm, &x, m_log2)?))
    }),
    double_fn!("modf", |vm, x| {
        let (f, i) = if x.is_infinite() {
            (0.0f64.copysign(x), x)
        } else if x.is_nan() {
            (x, x)
        } else {
            libm::modf(x)
        };
        Ok(vm.new_tuple(vec![vm.new_float(f), vm.new_float(i)]))
    }),
    MethodDef::static_("nextafter", |vm, _, a, k| {
        let a = clinic::positional(vm, "math.nextafter", "nextafter", a, k, 2, 2)?;
        let x = as_double(vm, &a[0])?;
        let y = as_double(vm, &a[1])?;
        Ok(vm.new_float(libm::nextafter(x, y)))
    }),
    MethodDef::static_("perm", math_perm),
    MethodDef::static_("pow", math_pow),
    MethodDef::static_("prod", math_prod),
    double_fn!("radians", |vm, x| Ok(vm.new_float(x * (std::f64::consts::PI / 180.0)))),
    func2!("remainder", m_remainder),
    func1!("sin", libm::sin, false),
    func1!("sinh", libm::sinh, true),
    func1!("sqrt", libm::sqrt, false),
    func1!("tan", libm::tan, false),
    func1!("tanh", libm::tanh, false),
    MethodDef::static_("trunc", |vm, _, a, k| {
        let x = clinic::one(vm, "math.trunc", a, k)?;
        math_trunc(vm, &x)
    }),
    double_fn!("ulp", |vm, x| Ok(vm.new_float(ulp(x)))),
    MethodDef::static_("comb", math_comb),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "math");
    let d = module::module_dict(&m);
    dict::set_item_str(
        vm,
        &d,
        "__doc__",
        vm.new_str("This module provides access to the mathematical functions\ndefined by the C standard."),
    )?;
    module::add_functions(vm, &m, "math", FUNCTIONS);
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        dict::set_item_str(vm, &d, name, vm.new_float(v))?;
    }
    Ok(m)
}

// ---------------------------------------------------------------------------
// Float to int

/// `PyLong_FromDouble` for an integral float.
pub(crate) fn int_from_double(vm: &Vm, x: f64) -> PyResult<Obj> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if x.abs() < 9.0e18 {
        return Ok(vm.new_int(x as i64));
    }
    match BigInt::from_f64(x) {
        Some(b) => Ok(vm.new_bigint(b)),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

/// `math.ceil`/`math.floor`: the type's `__ceil__`/`__floor__`, else the
/// float's.
fn round_with(vm: &Vm, x: &Obj, special: &str, f: fn(f64) -> f64) -> PyResult<Obj> {
    if !x.type_is(&vm.ctx.types.float) {
        if let Some(r) = vm.call_special(x, special, &[])? {
            return Ok(r);
        }
    }
    let v = as_double(vm, x)?;
    int_from_double(vm, f(v))
}

fn math_trunc(vm: &Vm, x: &Obj) -> PyResult<Obj> {
    if x.type_is(&vm.ctx.types.float) {
        return int_from_double(vm, as_double(vm, x)?.trunc());
    }
    match vm.call_special(x, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!("type {} doesn't define __trunc__ method", x.class().name()))),
    }
}

// ---------------------------------------------------------------------------
// CPython's own float algorithms

fn m_atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if 1.0f64.copysign(x) == 1.0 { (0.25 * PI).copysign(y) } else { (0.75 * PI).copysign(y) };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if 1.0f64.copysign(x) == 1.0 { 0.0f64.copysign(y) } else { PI.copysign(y) };
    }
    libm::atan2(y, x)
}

/// IEEE 754 remainder: `x - n*y` for the integer `n` nearest `x/y`, ties to
/// even; always exact.
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = libm::fmod(absx, absy);
        // Compare m with absy - m rather than with absy / 2, which may be
        // inexact for tiny absy.
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: the even multiple wins.
            m - 2.0 * libm::fmod(0.5 * (absx - m), absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            libm::log(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { x } else { f64::NAN };
    }
    if x > 0.0 {
        libm::log2(x)
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            libm::log10(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log1p(x: f64) -> f64 {
    // log1p(-0.0) keeps its sign on every platform.
    if x == 0.0 {
        return x;
    }
    libm::log1p(x)
}

/// sin(pi*x), accurate near integers (for gamma's reflection formula).
fn m_sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = libm::fmod(x.abs(), 2.0);
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => libm::sin(PI * y),
        1 => libm::cos(PI * (y - 0.5)),
        2 => libm::sin(PI * (1.0 - y)),
        3 => -libm::cos(PI * (y - 1.5)),
        _ => libm::sin(PI * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

// The Lanczos approximation CPython uses (N = 13, g = 6.02468004077673),
// as a rational function: these are mathematical constants.
const LANCZOS_G: f64 = 6.02468004077673;
const LANCZOS_G_MINUS_HALF: f64 = 5.52468004077673;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.41076,
    42919803642.6491,
    35711959237.35567,
    17921034426.03721,
    6039542586.352028,
    1439720407.3117216,
    248874557.86205417,
    31426415.585400194,
    2876370.6289353725,
    186056.26539522348,
    8071.672002365816,
    210.82427775157936,
    2.5066282746310002,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        // In 1/x for large x, so nothing overflows.
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// Gamma(x) for x = 1..=23, exactly.
fn gamma_integral(n: usize) -> f64 {
    let mut r = 1.0f64;
    for i in 2..n {
        r *= i as f64;
    }
    r
}

/// CPython's `m_tgamma`: (result, errno).
fn m_tgamma(x: f64) -> (f64, i32) {
    use std::f64::consts::PI;
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, 0);
        }
        return (f64::NAN, EDOM);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), EDOM);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, EDOM);
        }
        if x <= 23.0 {
            return (gamma_integral(x as usize), 0);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, if r.is_infinite() { ERANGE } else { 0 });
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / m_sinpi(x), 0);
        }
        return (f64::INFINITY, ERANGE);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, to correct the power below.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / m_sinpi(absx) / absx * libm::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / libm::exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (r, if r.is_infinite() { ERANGE } else { 0 })
}

/// CPython's `m_lgamma`: (result, errno).
fn m_lgamma(x: f64) -> (f64, i32) {
    const LOGPI: f64 = 1.1447298858494002;
    if !x.is_finite() {
        return (if x.is_nan() { x } else { f64::INFINITY }, 0);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, EDOM);
        }
        return (0.0, 0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-libm::log(absx), 0);
    }
    let mut r = libm::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (libm::log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOGPI - libm::log(m_sinpi(absx).abs()) - libm::log(absx) - r;
    }
    (r, if r.is_infinite() { ERANGE } else { 0 })
}

fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return x - libm::nextafter(x, f64::NEG_INFINITY);
    }
    x2 - x
}

/// Full-precision summation (Shewchuk's partials, as CPython's `fsum`).
fn fsum(vm: &Vm, seq: &Obj) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    let it = vm.iter(seq)?;
    while let Some(item) = vm.next(&it)? {
        let mut x = as_double(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From a nan or inf summand, or from overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                if p.try_reserve(1).is_err() {
                    return Err(vm.new_exception_msg(&vm.ctx.exceptions.memory_error, "math.fsum partials"));
                }
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = p.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        // Sum from the top down while the sum stays exact.
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// sqrt(sum(x*x)) accurately (CPython's `vector_norm`): scaling by a power
/// of two, Veltkamp-Dekker splitting, compensated summation and a
/// differential correction of the square root.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = libm::frexp(max);
    let mut csum = 1.0f64;
    let (mut frac1, mut frac2, mut frac3) = (0.0f64, 0.0f64, 0.0f64);
    if max_e >= -1023 {
        let scale = libm::ldexp(1.0, -max_e);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            let sq = hi * hi;
            let old = csum;
            csum += sq;
            frac1 += (old - csum) + sq;
            let cross = 2.0 * hi * lo;
            let old = csum;
            csum += cross;
            frac2 += (old - csum) + cross;
            frac3 += lo * lo;
        }
        let h = libm::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        let t = h * T27;
        let hi = t - (t - h);
        let lo = h - hi;
        let x = -hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = -2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        let x = -lo * lo;
        let old = csum;
        csum += x;
        frac3 += (old - csum) + x;
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // Subnormal max: divide by it instead of scaling.
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
    }
    max * libm::sqrt(csum - 1.0 + frac1)
}

fn math_hypot(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::no_kw(vm, "math.hypot", k)?;
    let mut coords = Vec::with_capacity(a.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for item in a {
        let x = as_double(vm, item)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(vm.new_float(vector_norm(&coords, max, found_nan)))
}

fn math_dist(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.dist", "dist", a, k, 2, 2)?;
    let p = vm.to_vec(&vm.to_tuple(&a[0])?)?;
    let q = vm.to_vec(&vm.to_tuple(&a[1])?)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (px, qx) in p.iter().zip(&q) {
        let px = as_double(vm, px)?;
        let qx = as_double(vm, qx)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(vm.new_float(vector_norm(&diffs, max, found_nan)))
}

fn math_fmod(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.fmod", "fmod", a, k, 2, 2)?;
    let x = as_double(vm, &a[0])?;
    let y = as_double(vm, &a[1])?;
    if y.is_infinite() && x.is_finite() {
        return Ok(vm.new_float(x));
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(vm.new_float(r))
}

fn math_pow(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.pow", "pow", a, k, 2, 2)?;
    let x = as_double(vm, &a[0])?;
    let y = as_double(vm, &a[1])?;
    let mut errno = 0;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && libm::fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        }
    } else {
        let r = libm::pow(x, y);
        if r.is_nan() {
            errno = EDOM;
        } else if r.is_infinite() {
            errno = if x == 0.0 { EDOM } else { ERANGE };
        }
        r
    };
    match errno_error(vm, errno, r) {
        Some(e) => Err(e),
        None => Ok(vm.new_float(r)),
    }
}

fn math_ldexp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.ldexp", "ldexp", a, k, 2, 2)?;
    let x = as_double(vm, &a[0])?;
    let Some(iv) = int::value(&a[1]) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let exp: i64 = match iv.as_i64() {
        Some(v) => v,
        None => {
            if iv.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i32::MAX as i64 {
        return Err(range_error(vm));
    } else if exp < i32::MIN as i64 {
        0.0f64.copysign(x)
    } else {
        let r = libm::ldexp(x, exp as i32);
        if r.is_infinite() {
            return Err(range_error(vm));
        }
        r
    };
    Ok(vm.new_float(r))
}

fn math_isclose(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "isclose",
        names: &["a", "b", "rel_tol", "abs_tol"],
        posonly: 0,
        required: 2,
        kwonly_from: 2,
    };
    let v = args::parse_spec(vm, &spec, a, k)?;
    let get = |i: usize, default: f64| -> PyResult<f64> {
        match &v[i] {
            Some(o) => as_double(vm, o),
            None => Ok(default),
        }
    };
    let (a, b) = (get(0, 0.0)?, get(1, 0.0)?);
    let rel_tol = get(2, 1e-09)?;
    let abs_tol = get(3, 0.0)?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(vm.bool_obj(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(vm.bool_obj(false));
    }
    let diff = (b - a).abs();
    Ok(vm.bool_obj(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol))
}

fn math_prod(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "prod", names: &["", "start"], posonly: 1, required: 1, kwonly_from: 1 };
    let v = args::parse_spec(vm, &spec, a, k)?;
    let iterable = v[0].clone().unwrap_or_else(|| vm.none());
    let it = vm.iter(&iterable)?;
    let mut result = v[1].clone().unwrap_or_else(|| vm.new_int(1));
    while let Some(item) = vm.next(&it)? {
        result = vm.binary_op(&result, &item, NbOp::Multiply)?;
    }
    Ok(result)
}

// ---------------------------------------------------------------------------
// Logarithms

/// `(m, e)` with `n ~= m * 2**e`, `0.5 <= m < 1`, m rounded half-even to
/// 53 bits (CPython's `_PyLong_Frexp`), for a positive int too big for a
/// float.
fn big_frexp(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    let shift = bits.saturating_sub(55);
    let top = (n >> shift).to_u64().unwrap_or(0);
    // A sticky bit for everything shifted out, so the u64 -> f64 rounding
    // below is correct.
    let rest_nonzero = shift > 0 && n.trailing_zeros().is_some_and(|tz| tz < shift);
    let top = if rest_nonzero { top | 1 } else { top };
    let topbits = bits - shift;
    let mut m = top as f64 / (2f64).powi(topbits as i32);
    let mut e = bits as i64;
    if m == 1.0 {
        m = 0.5;
        e += 1;
    }
    (m, e)
}

/// CPython's `loghelper`: ints of any size are handled exactly enough.
fn loghelper(vm: &Vm, arg: &Obj, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(iv) = int::value(arg) {
        if iv.is_negative() || iv.is_zero() {
            return Err(domain_error(vm));
        }
        return match iv.to_f64() {
            Some(x) => Ok(f(x)),
            None => {
                let (x, e) = big_frexp(&iv.to_big());
                Ok(f(x) + f(2.0) * e as f64)
            }
        };
    }
    math_1(vm, arg, f, false)
}

fn math_log(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::no_kw(vm, "log", k)?;
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &a[0], m_log)?;
    if a.len() == 1 {
        return Ok(vm.new_float(num));
    }
    let den = loghelper(vm, &a[1], m_log)?;
    if den == 0.0 {
        return Err(vm.zero_division_error("float division by zero"));
    }
    Ok(vm.new_float(num / den))
}

// ---------------------------------------------------------------------------
// Integer functions

fn index_big(vm: &Vm, o: &Obj) -> PyResult<BigInt> {
    vm.to_bigint(o)
}

fn math_gcd(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::no_kw(vm, "math.gcd", k)?;
    let Some(first) = a.first() else { return Ok(vm.new_int(0)) };
    let mut res = index_big(vm, first)?.abs();
    for x in &a[1..] {
        let x = index_big(vm, x)?;
        if !res.is_one() {
            res = res.gcd(&x);
        }
    }
    Ok(vm.new_bigint(res))
}

fn math_lcm(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::no_kw(vm, "math.lcm", k)?;
    let Some(first) = a.first() else { return Ok(vm.new_int(1)) };
    let mut res = index_big(vm, first)?.abs();
    for x in &a[1..] {
        let x = index_big(vm, x)?;
        if res.is_zero() {
            continue;
        }
        if x.is_zero() {
            res = BigInt::zero();
            continue;
        }
        let g = res.gcd(&x);
        res = (&res / &g * &x).abs();
    }
    Ok(vm.new_bigint(res))
}

/// The product of `lo..hi` (balanced, so big multiplications stay even).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigInt::from(lo);
        for i in lo + 1..hi {
            acc *= i;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// The product of `n-k+1 ..= n` for a big n.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k == 1 {
        return n.clone();
    }
    let j = k / 2;
    falling_product(n, j) * falling_product(&(n - BigInt::from(j)), k - j)
}

fn factorial_big(vm: &Vm, n: u64) -> PyResult<BigInt> {
    // The result has about n*log2(n) bits: refuse what cannot be allocated.
    let bits = (n as f64) * (n.max(2) as f64).log2();
    if bits > 8.0 * (isize::MAX as f64) / 2.0 {
        return Err(vm.memory_error());
    }
    Ok(range_product(1, n + 1))
}

fn math_factorial(vm: &Vm, x: &Obj) -> PyResult<Obj> {
    let v = vm.index_value(x)?;
    let n = match v.as_i64() {
        Some(n) if n < 0 => return Err(vm.value_error("factorial() not defined for negative values")),
        Some(n) => n as u64,
        None if v.is_negative() => return Err(vm.value_error("factorial() not defined for negative values")),
        None => return Err(vm.overflow_error(format!("factorial() argument should not exceed {}", i64::MAX))),
    };
    Ok(vm.new_bigint(factorial_big(vm, n)?))
}

fn nonneg_args(vm: &Vm, n: &Obj, k: &Obj) -> PyResult<(BigInt, BigInt)> {
    let n = index_big(vm, n)?;
    let k = index_big(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn math_perm(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.perm", "perm", a, kw, 1, 2)?;
    if a.len() == 1 || vm.is_none(&a[1]) {
        return math_factorial(vm, &a[0]);
    }
    let (n, k) = nonneg_args(vm, &a[0], &a[1])?;
    if n < k {
        return Ok(vm.new_int(0));
    }
    let Some(ki) = k.to_i64() else {
        return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    Ok(vm.new_bigint(falling_product(&n, ki as u64)))
}

fn math_comb(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "math.comb", "comb", a, kw, 2, 2)?;
    let (n, k) = nonneg_args(vm, &a[0], &a[1])?;
    let ki = if let Some(ni) = n.to_i64() {
        match k.to_i64() {
            Some(ki) if ki <= ni => ki.min(ni - ki),
            _ => return Ok(vm.new_int(0)),
        }
    } else {
        let rest = &n - &k;
        if rest.is_negative() {
            return Ok(vm.new_int(0));
        }
        let kk = if rest < k { rest } else { k };
        match kk.to_i64() {
            Some(v) => v,
            None => return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX))),
        }
    };
    let k = ki as u64;
    let num = falling_product(&n, k);
    let den = range_product(1, k + 1);
    Ok(vm.new_bigint(num / den))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_of_big_ints() {
        let n = BigInt::from(1u8) << 2000u32;
        assert_eq!(big_frexp(&n), (0.5, 2001));
        let n = (BigInt::from(1u8) << 2000u32) - 1u8;
        assert_eq!(big_frexp(&n), (0.5, 2001));
        let n = (BigInt::from(3u8) << 2000u32) + 1u8;
        assert_eq!(big_frexp(&n), (0.75, 2002));
    }
}
