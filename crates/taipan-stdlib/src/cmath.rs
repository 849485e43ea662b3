//! `cmath` (CPython's `Modules/cmathmodule.c`): complex functions with the
//! C99 Annex G special values (tables indexed by the kinds of the real and
//! imaginary parts) and CPython's formulas, so results are bit-identical.
//! Errors: EDOM is `ValueError("math domain error")`, ERANGE
//! `OverflowError("math range error")`.

use std::f64::consts::{E, LN_2, PI};

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, complex, dict, module, Obj, PyResult, Vm};

use crate::clinic;
use crate::libm;

type C = (f64, f64);

#[derive(Clone, Copy, PartialEq)]
enum Errno {
    Ok,
    Dom,
    Range,
}

const LARGE_DOUBLE: f64 = f64::MAX / 4.0;
const SCALE_UP: i32 = 2 * (53 / 2) + 1;
const SCALE_DOWN: i32 = -(SCALE_UP + 1) / 2;
const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;
const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
/// A placeholder for table entries finite arguments never reach.
const U: f64 = -9.542631940771103e+33;

fn sqrt_large_double() -> f64 {
    libm::sqrt(LARGE_DOUBLE)
}
fn log_large_double() -> f64 {
    libm::log(LARGE_DOUBLE)
}
fn sqrt_dbl_min() -> f64 {
    libm::sqrt(f64::MIN_POSITIVE)
}

/// The kind of a double, the index into the special value tables.
fn special_type(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,
            (true, false) => 1,
            (false, true) => 3,
            (false, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

type Table = [[C; 7]; 7];

fn special(z: C, table: &Table) -> Option<C> {
    if z.0.is_finite() && z.1.is_finite() {
        return None;
    }
    Some(table[special_type(z.0)][special_type(z.1)])
}

const ACOS: Table = [
    [(P34, INF), (P, INF), (P, INF), (P, -INF), (P, -INF), (P34, -INF), (NAN, INF)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (NAN, NAN)],
    [(P12, INF), (U, U), (P12, 0.), (P12, -0.), (U, U), (P12, -INF), (P12, NAN)],
    [(P12, INF), (U, U), (P12, 0.), (P12, -0.), (U, U), (P12, -INF), (P12, NAN)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (NAN, NAN)],
    [(P14, INF), (0., INF), (0., INF), (0., -INF), (0., -INF), (P14, -INF), (NAN, INF)],
    [(NAN, INF), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, -INF), (NAN, NAN)],
];

const ACOSH: Table = [
    [(INF, -P34), (INF, -P), (INF, -P), (INF, P), (INF, P), (INF, P34), (INF, NAN)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (0., -P12), (0., P12), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (0., -P12), (0., P12), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, NAN)],
    [(INF, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (INF, NAN), (NAN, NAN)],
];

const ASINH: Table = [
    [(-INF, -P14), (-INF, -0.), (-INF, -0.), (-INF, 0.), (-INF, 0.), (-INF, P14), (-INF, NAN)],
    [(-INF, -P12), (U, U), (U, U), (U, U), (U, U), (-INF, P12), (NAN, NAN)],
    [(-INF, -P12), (U, U), (-0., -0.), (-0., 0.), (U, U), (-INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (0., -0.), (0., 0.), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, NAN)],
    [(INF, NAN), (NAN, NAN), (NAN, -0.), (NAN, 0.), (NAN, NAN), (INF, NAN), (NAN, NAN)],
];

const ATANH: Table = [
    [(-0., -P12), (-0., -P12), (-0., -P12), (-0., P12), (-0., P12), (-0., P12), (-0., NAN)],
    [(-0., -P12), (U, U), (U, U), (U, U), (U, U), (-0., P12), (NAN, NAN)],
    [(-0., -P12), (U, U), (-0., -0.), (-0., 0.), (U, U), (-0., P12), (-0., NAN)],
    [(0., -P12), (U, U), (0., -0.), (0., 0.), (U, U), (0., P12), (0., NAN)],
    [(0., -P12), (U, U), (U, U), (U, U), (U, U), (0., P12), (NAN, NAN)],
    [(0., -P12), (0., -P12), (0., -P12), (0., P12), (0., P12), (0., P12), (0., NAN)],
    [(0., -P12), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (0., P12), (NAN, NAN)],
];

const COSH: Table = [
    [(INF, NAN), (U, U), (INF, 0.), (INF, -0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, 0.), (U, U), (1., 0.), (1., -0.), (U, U), (NAN, 0.), (NAN, 0.)],
    [(NAN, 0.), (U, U), (1., -0.), (1., 0.), (U, U), (NAN, 0.), (NAN, 0.)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(INF, NAN), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (NAN, NAN), (NAN, 0.), (NAN, 0.), (NAN, NAN), (NAN, NAN), (NAN, NAN)],
];

const EXP: Table = [
    [(0., 0.), (U, U), (0., -0.), (0., 0.), (U, U), (0., 0.), (0., 0.)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (1., -0.), (1., 0.), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (1., -0.), (1., 0.), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(INF, NAN), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (NAN, NAN), (NAN, -0.), (NAN, 0.), (NAN, NAN), (NAN, NAN), (NAN, NAN)],
];

const LOG: Table = [
    [(INF, -P34), (INF, -P), (INF, -P), (INF, P), (INF, P), (INF, P34), (INF, NAN)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (-INF, -P), (-INF, P), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (-INF, -0.), (-INF, 0.), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (NAN, NAN)],
    [(INF, -P14), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, P14), (INF, NAN)],
    [(INF, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (INF, NAN), (NAN, NAN)],
];

const SINH: Table = [
    [(INF, NAN), (U, U), (-INF, -0.), (-INF, 0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(0., NAN), (U, U), (-0., -0.), (-0., 0.), (U, U), (0., NAN), (0., NAN)],
    [(0., NAN), (U, U), (0., -0.), (0., 0.), (U, U), (0., NAN), (0., NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(INF, NAN), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (NAN, NAN), (NAN, -0.), (NAN, 0.), (NAN, NAN), (NAN, NAN), (NAN, NAN)],
];

const SQRT: Table = [
    [(INF, -INF), (0., -INF), (0., -INF), (0., INF), (0., INF), (INF, INF), (NAN, INF)],
    [(INF, -INF), (U, U), (U, U), (U, U), (U, U), (INF, INF), (NAN, NAN)],
    [(INF, -INF), (U, U), (0., -0.), (0., 0.), (U, U), (INF, INF), (NAN, NAN)],
    [(INF, -INF), (U, U), (0., -0.), (0., 0.), (U, U), (INF, INF), (NAN, NAN)],
    [(INF, -INF), (U, U), (U, U), (U, U), (U, U), (INF, INF), (NAN, NAN)],
    [(INF, -INF), (INF, -0.), (INF, -0.), (INF, 0.), (INF, 0.), (INF, INF), (INF, NAN)],
    [(INF, -INF), (NAN, NAN), (NAN, NAN), (NAN, NAN), (NAN, NAN), (INF, INF), (NAN, NAN)],
];

const TANH: Table = [
    [(-1., 0.), (U, U), (-1., -0.), (-1., 0.), (U, U), (-1., 0.), (-1., 0.)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (-0., -0.), (-0., 0.), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (0., -0.), (0., 0.), (U, U), (NAN, NAN), (NAN, NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(1., 0.), (U, U), (1., -0.), (1., 0.), (U, U), (1., 0.), (1., 0.)],
    [(NAN, NAN), (NAN, NAN), (NAN, -0.), (NAN, 0.), (NAN, NAN), (NAN, NAN), (NAN, NAN)],
];

const RECT: Table = [
    [(INF, NAN), (U, U), (-INF, 0.), (-INF, -0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(0., 0.), (U, U), (-0., 0.), (-0., -0.), (U, U), (0., 0.), (0., 0.)],
    [(0., 0.), (U, U), (0., -0.), (0., 0.), (U, U), (0., 0.), (0., 0.)],
    [(NAN, NAN), (U, U), (U, U), (U, U), (U, U), (NAN, NAN), (NAN, NAN)],
    [(INF, NAN), (U, U), (INF, -0.), (INF, 0.), (U, U), (INF, NAN), (INF, NAN)],
    [(NAN, NAN), (NAN, NAN), (NAN, 0.), (NAN, 0.), (NAN, NAN), (NAN, NAN), (NAN, NAN)],
];

fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        libm::log1p(x)
    }
}

fn c_sqrt(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &SQRT) {
        return (r, Errno::Ok);
    }
    if z.0 == 0.0 && z.1 == 0.0 {
        return ((0.0, z.1), Errno::Ok);
    }
    let mut ax = z.0.abs();
    let ay = z.1.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE && (ax > 0.0 || ay > 0.0) {
        // Subnormal parts: scale up so hypot keeps its precision.
        ax = libm::ldexp(ax, SCALE_UP);
        libm::ldexp(libm::sqrt(ax + libm::hypot(ax, libm::ldexp(ay, SCALE_UP))), SCALE_DOWN)
    } else {
        ax /= 8.0;
        2.0 * libm::sqrt(ax + libm::hypot(ax, ay / 8.0))
    };
    let d = ay / (2.0 * s);
    if z.0 >= 0.0 {
        ((s, d.copysign(z.1)), Errno::Ok)
    } else {
        ((d, s.copysign(z.1)), Errno::Ok)
    }
}

fn c_acos(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOS) {
        return (r, Errno::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        let re = libm::atan2(z.1.abs(), z.0);
        let l = libm::log(libm::hypot(z.0 / 2.0, z.1 / 2.0)) + LN_2 * 2.0;
        let im = if z.0 < 0.0 { -l.copysign(z.1) } else { l.copysign(-z.1) };
        (re, im)
    } else {
        let s1 = c_sqrt((1.0 - z.0, -z.1)).0;
        let s2 = c_sqrt((1.0 + z.0, z.1)).0;
        (2.0 * libm::atan2(s1.0, s2.0), libm::asinh(s2.0 * s1.1 - s2.1 * s1.0))
    };
    (r, Errno::Ok)
}

fn c_acosh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOSH) {
        return (r, Errno::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        (libm::log(libm::hypot(z.0 / 2.0, z.1 / 2.0)) + LN_2 * 2.0, libm::atan2(z.1, z.0))
    } else {
        let s1 = c_sqrt((z.0 - 1.0, z.1)).0;
        let s2 = c_sqrt((z.0 + 1.0, z.1)).0;
        (libm::asinh(s1.0 * s2.0 + s1.1 * s2.1), 2.0 * libm::atan2(s1.1, s2.0))
    };
    (r, Errno::Ok)
}

fn c_asinh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ASINH) {
        return (r, Errno::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        let l = libm::log(libm::hypot(z.0 / 2.0, z.1 / 2.0)) + LN_2 * 2.0;
        let re = if z.1 >= 0.0 { l.copysign(z.0) } else { -l.copysign(-z.0) };
        (re, libm::atan2(z.1, z.0.abs()))
    } else {
        let s1 = c_sqrt((1.0 + z.1, -z.0)).0;
        let s2 = c_sqrt((1.0 - z.1, z.0)).0;
        (libm::asinh(s1.0 * s2.1 - s2.0 * s1.1), libm::atan2(z.1, s1.0 * s2.0 - s1.1 * s2.1))
    };
    (r, Errno::Ok)
}

/// f(z) = -i g(iz) for asin, atan, sin, tan.
fn via_i(z: C, g: fn(C) -> (C, Errno)) -> (C, Errno) {
    let (s, e) = g((-z.1, z.0));
    ((s.1, -s.0), e)
}

fn c_asin(z: C) -> (C, Errno) {
    via_i(z, c_asinh)
}

fn c_atan(z: C) -> (C, Errno) {
    via_i(z, c_atanh)
}

fn c_atanh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ATANH) {
        return (r, Errno::Ok);
    }
    if z.0 < 0.0 {
        let (r, e) = c_atanh((-z.0, -z.1));
        return ((-r.0, -r.1), e);
    }
    let ay = z.1.abs();
    if z.0 > sqrt_large_double() || ay > sqrt_large_double() {
        let h = libm::hypot(z.0 / 2.0, z.1 / 2.0);
        return ((z.0 / 4.0 / h / h, -(PI / 2.0).copysign(-z.1)), Errno::Ok);
    }
    if z.0 == 1.0 && ay < sqrt_dbl_min() {
        if ay == 0.0 {
            return ((INF, z.1), Errno::Dom);
        }
        let re = -libm::log(libm::sqrt(ay) / libm::sqrt(libm::hypot(ay, 2.0)));
        return ((re, (libm::atan2(2.0, -ay) / 2.0).copysign(z.1)), Errno::Ok);
    }
    let re = log1p(4.0 * z.0 / ((1.0 - z.0) * (1.0 - z.0) + ay * ay)) / 4.0;
    let im = -libm::atan2(-2.0 * z.1, (1.0 - z.0) * (1.0 + z.0) - ay * ay) / 2.0;
    ((re, im), Errno::Ok)
}

/// cosh and sinh share their special-case shape.
fn c_cosh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (c, s) = (libm::cos(z.1), libm::sin(z.1));
            if z.0 > 0.0 {
                (INF.copysign(c), INF.copysign(s))
            } else {
                (INF.copysign(c), -INF.copysign(s))
            }
        } else {
            COSH[special_type(z.0)][special_type(z.1)]
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        let x1 = z.0 - 1.0f64.copysign(z.0);
        (libm::cos(z.1) * libm::cosh(x1) * E, libm::sin(z.1) * libm::sinh(x1) * E)
    } else {
        (libm::cos(z.1) * libm::cosh(z.0), libm::sin(z.1) * libm::sinh(z.0))
    };
    (r, overflow_errno(r))
}

fn c_sinh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (c, s) = (libm::cos(z.1), libm::sin(z.1));
            if z.0 > 0.0 {
                (INF.copysign(c), INF.copysign(s))
            } else {
                (-INF.copysign(c), INF.copysign(s))
            }
        } else {
            SINH[special_type(z.0)][special_type(z.1)]
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        let x1 = z.0 - 1.0f64.copysign(z.0);
        (libm::cos(z.1) * libm::sinh(x1) * E, libm::sin(z.1) * libm::cosh(x1) * E)
    } else {
        (libm::cos(z.1) * libm::sinh(z.0), libm::sin(z.1) * libm::cosh(z.0))
    };
    (r, overflow_errno(r))
}

fn overflow_errno(r: C) -> Errno {
    if r.0.is_infinite() || r.1.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    }
}

fn c_cos(z: C) -> (C, Errno) {
    c_cosh((-z.1, z.0))
}

fn c_sin(z: C) -> (C, Errno) {
    via_i(z, c_sinh)
}

fn c_tan(z: C) -> (C, Errno) {
    via_i(z, c_tanh)
}

fn c_exp(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (c, s) = (libm::cos(z.1), libm::sin(z.1));
            if z.0 > 0.0 {
                (INF.copysign(c), INF.copysign(s))
            } else {
                (0.0f64.copysign(c), 0.0f64.copysign(s))
            }
        } else {
            EXP[special_type(z.0)][special_type(z.1)]
        };
        let e = if z.1.is_infinite() && (z.0.is_finite() || (z.0.is_infinite() && z.0 > 0.0)) {
            Errno::Dom
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.0 > log_large_double() {
        let l = libm::exp(z.0 - 1.0);
        (l * libm::cos(z.1) * E, l * libm::sin(z.1) * E)
    } else {
        let l = libm::exp(z.0);
        (l * libm::cos(z.1), l * libm::sin(z.1))
    };
    (r, overflow_errno(r))
}

fn c_tanh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let im = 0.0f64.copysign(2.0 * libm::sin(z.1) * libm::cos(z.1));
            (if z.0 > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            TANH[special_type(z.0)][special_type(z.1)]
        };
        let e = if z.1.is_infinite() && z.0.is_finite() { Errno::Dom } else { Errno::Ok };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        (1.0f64.copysign(z.0), 4.0 * libm::sin(z.1) * libm::cos(z.1) * libm::exp(-2.0 * z.0.abs()))
    } else {
        let tx = libm::tanh(z.0);
        let ty = libm::tan(z.1);
        let cx = 1.0 / libm::cosh(z.0);
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Errno::Ok)
}

fn c_log(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &LOG) {
        return (r, Errno::Ok);
    }
    let ax = z.0.abs();
    let ay = z.1.abs();
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        libm::log(libm::hypot(ax / 2.0, ay / 2.0)) + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            libm::log(libm::hypot(libm::ldexp(ax, 53), libm::ldexp(ay, 53))) - 53.0 * LN_2
        } else {
            return ((-INF, libm::atan2(z.1, z.0)), Errno::Dom);
        }
    } else {
        let h = libm::hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let am = if ax > ay { ax } else { ay };
            let an = if ax > ay { ay } else { ax };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            libm::log(h)
        }
    };
    ((re, libm::atan2(z.1, z.0)), Errno::Ok)
}

fn c_log10(z: C) -> (C, Errno) {
    let (r, e) = c_log(z);
    ((r.0 / std::f64::consts::LN_10, r.1 / std::f64::consts::LN_10), e)
}

/// CPython's `_Py_c_quot`.
fn c_quot(a: C, b: C) -> (C, Errno) {
    let abs_br = b.0.abs();
    let abs_bi = b.1.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return ((0.0, 0.0), Errno::Dom);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        (((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom), Errno::Ok)
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        (((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom), Errno::Ok)
    } else {
        ((NAN, NAN), Errno::Ok)
    }
}

/// CPython's `_Py_c_abs`.
fn c_abs(z: C) -> (f64, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        if z.0.is_infinite() {
            return (z.0.abs(), Errno::Ok);
        }
        if z.1.is_infinite() {
            return (z.1.abs(), Errno::Ok);
        }
        return (NAN, Errno::Ok);
    }
    let r = libm::hypot(z.0, z.1);
    (r, if r.is_finite() { Errno::Ok } else { Errno::Range })
}

fn c_atan2(z: C) -> f64 {
    if z.0.is_nan() || z.1.is_nan() {
        return NAN;
    }
    if z.1.is_infinite() {
        if z.0.is_infinite() {
            return if z.0 > 0.0 { (0.25 * PI).copysign(z.1) } else { (0.75 * PI).copysign(z.1) };
        }
        return (0.5 * PI).copysign(z.1);
    }
    if z.0.is_infinite() || z.1 == 0.0 {
        return if 1.0f64.copysign(z.0) == 1.0 { 0.0f64.copysign(z.1) } else { PI.copysign(z.1) };
    }
    libm::atan2(z.1, z.0)
}

/// `PyComplex_AsCComplex`.
fn as_complex(vm: &Vm, o: &Obj) -> PyResult<C> {
    if let Some(c) = complex::value(o) {
        return Ok(c);
    }
    if let Some(r) = vm.call_special(o, "__complex__", &[])? {
        return match complex::value(&r) {
            Some(c) => Ok(c),
            None => Err(vm.type_error(format!("__complex__ returned non-complex (type {})", r.class().name()))),
        };
    }
    Ok((vm.to_f64(o)?, 0.0))
}

fn result(vm: &Vm, (r, e): (C, Errno)) -> PyResult<Obj> {
    match e {
        Errno::Ok => Ok(vm.new_complex(r.0, r.1)),
        Errno::Dom => Err(vm.value_error("math domain error")),
        Errno::Range => Err(vm.overflow_error("math range error")),
    }
}

macro_rules! cfunc {
    ($name:literal, $f:expr) => {
        MethodDef::static_($name, |vm, _, a, k| {
            let z = clinic::one(vm, concat!("cmath.", $name), a, k)?;
            let z = as_complex(vm, &z)?;
            result(vm, $f(z))
        })
    };
}

macro_rules! cpred {
    ($name:literal, $f:expr) => {
        MethodDef::static_($name, |vm, _, a, k| {
            let z = clinic::one(vm, concat!("cmath.", $name), a, k)?;
            let z = as_complex(vm, &z)?;
            let f: fn(C) -> bool = $f;
            Ok(vm.bool_obj(f(z)))
        })
    };
}

const FUNCTIONS: &[MethodDef] = &[
    cfunc!("acos", c_acos),
    cfunc!("acosh", c_acosh),
    cfunc!("asin", c_asin),
    cfunc!("asinh", c_asinh),
    cfunc!("atan", c_atan),
    cfunc!("atanh", c_atanh),
    cfunc!("cos", c_cos),
    cfunc!("cosh", c_cosh),
    cfunc!("exp", c_exp),
    MethodDef::static_("isclose", cmath_isclose),
    cpred!("isfinite", |z| z.0.is_finite() && z.1.is_finite()),
    cpred!("isinf", |z| z.0.is_infinite() || z.1.is_infinite()),
    cpred!("isnan", |z| z.0.is_nan() || z.1.is_nan()),
    MethodDef::static_("log", |vm, _, a, k| {
        let a = clinic::positional(vm, "cmath.log", "log", a, k, 1, 2)?;
        let x = as_complex(vm, &a[0])?;
        let (mut r, mut e) = c_log(x);
        if let Some(base) = a.get(1) {
            let y = as_complex(vm, base)?;
            let (ly, e2) = c_log(y);
            let (q, e3) = c_quot(r, ly);
            r = q;
            // C's errno: log(base) overwrites it, the division sets it
            // only on a zero divisor.
            e = if e3 != Errno::Ok { e3 } else { e2 };
        }
        result(vm, (r, e))
    }),
    cfunc!("log10", c_log10),
    MethodDef::static_("phase", |vm, _, a, k| {
        let z = clinic::one(vm, "cmath.phase", a, k)?;
        let z = as_complex(vm, &z)?;
        // libm's atan2 reports underflow through errno, which phase turns
        // into an error as CPython does.
        libm::clear_errno();
        let phi = c_atan2(z);
        match libm::errno() {
            libc::ERANGE => Err(vm.overflow_error("math range error")),
            libc::EDOM => Err(vm.value_error("math domain error")),
            _ => Ok(vm.new_float(phi)),
        }
    }),
    MethodDef::static_("polar", |vm, _, a, k| {
        let z = clinic::one(vm, "cmath.polar", a, k)?;
        let z = as_complex(vm, &z)?;
        let phi = c_atan2(z);
        let (r, e) = c_abs(z);
        if e == Errno::Range {
            return Err(vm.overflow_error("math range error"));
        }
        Ok(vm.new_tuple(vec![vm.new_float(r), vm.new_float(phi)]))
    }),
    MethodDef::static_("rect", |vm, _, a, k| {
        let a = clinic::positional(vm, "cmath.rect", "rect", a, k, 2, 2)?;
        let r = vm.to_f64(&a[0])?;
        let phi = vm.to_f64(&a[1])?;
        result(vm, c_rect(r, phi))
    }),
    cfunc!("sin", c_sin),
    cfunc!("sinh", c_sinh),
    cfunc!("sqrt", c_sqrt),
    cfunc!("tan", c_tan),
    cfunc!("tanh", c_tanh),
];

fn c_rect(r: f64, phi: f64) -> (C, Errno) {
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = (libm::cos(phi), libm::sin(phi));
            if r > 0.0 {
                (INF.copysign(c), INF.copysign(s))
            } else {
                (-INF.copysign(c), -INF.copysign(s))
            }
        } else {
            RECT[special_type(r)][special_type(phi)]
        };
        let e = if r != 0.0 && !r.is_nan() && phi.is_infinite() { Errno::Dom } else { Errno::Ok };
        return (z, e);
    }
    if phi == 0.0 {
        return ((r, r * phi), Errno::Ok);
    }
    ((r * libm::cos(phi), r * libm::sin(phi)), Errno::Ok)
}

fn cmath_isclose(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "isclose",
        names: &["a", "b", "rel_tol", "abs_tol"],
        posonly: 0,
        required: 2,
        kwonly_from: 2,
    };
    let v = args::parse_spec(vm, &spec, a, k)?;
    let none = vm.none();
    let a = as_complex(vm, v[0].as_ref().unwrap_or(&none))?;
    let b = as_complex(vm, v[1].as_ref().unwrap_or(&none))?;
    let rel_tol = match &v[2] {
        Some(o) => vm.to_f64(o)?,
        None => 1e-09,
    };
    let abs_tol = match &v[3] {
        Some(o) => vm.to_f64(o)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a.0 == b.0 && a.1 == b.1 {
        return Ok(vm.bool_obj(true));
    }
    if a.0.is_infinite() || a.1.is_infinite() || b.0.is_infinite() || b.1.is_infinite() {
        return Ok(vm.bool_obj(false));
    }
    let diff = c_abs((a.0 - b.0, a.1 - b.1)).0;
    let close = diff <= rel_tol * c_abs(b).0 || diff <= rel_tol * c_abs(a).0 || diff <= abs_tol;
    Ok(vm.bool_obj(close))
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "cmath");
    let d = module::module_dict(&m);
    dict::set_item_str(
        vm,
        &d,
        "__doc__",
        vm.new_str("This module provides access to mathematical functions for complex\nnumbers."),
    )?;
    module::add_functions(vm, &m, "cmath", FUNCTIONS);
    for (name, v) in [("pi", PI), ("e", E), ("tau", std::f64::consts::TAU), ("inf", INF), ("nan", NAN)] {
        dict::set_item_str(vm, &d, name, vm.new_float(v))?;
    }
    dict::set_item_str(vm, &d, "infj", vm.new_complex(0.0, INF))?;
    dict::set_item_str(vm, &d, "nanj", vm.new_complex(0.0, NAN))?;
    Ok(m)
}
