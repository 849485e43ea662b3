//! `_statistics` (CPython's `Modules/_statisticsmodule.c`): the inverse of
//! the normal distribution's CDF behind `statistics.NormalDist.inv_cdf`.

// The coefficients are AS 241's published digits (more than an f64 holds;
// each rounds to the same double CPython's C source gives).
#![allow(clippy::excessive_precision)]

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

const DOC: &str = "Accelerators for the statistics module.\n";

/// Wichura's algorithm AS 241 ("The Percentage Points of the Normal
/// Distribution", 1988): rational approximations on three ranges, each a
/// numerator and a denominator polynomial, highest power first.
const CENTRAL_NUM: [f64; 8] = [
    2.5090809287301226727e+3,
    3.3430575583588128105e+4,
    6.7265770927008700853e+4,
    4.5921953931549871457e+4,
    1.3731693765509461125e+4,
    1.9715909503065514427e+3,
    1.3314166789178437745e+2,
    3.3871328727963666080e+0,
];
const CENTRAL_DEN: [f64; 8] = [
    5.2264952788528545610e+3,
    2.8729085735721942674e+4,
    3.9307895800092710610e+4,
    2.1213794301586595867e+4,
    5.3941960214247511077e+3,
    6.8718700749205790830e+2,
    4.2313330701600911252e+1,
    1.0,
];
const NEAR_NUM: [f64; 8] = [
    7.74545014278341407640e-4,
    2.27238449892691845833e-2,
    2.41780725177450611770e-1,
    1.27045825245236838258e+0,
    3.64784832476320460504e+0,
    5.76949722146069140550e+0,
    4.63033784615654529590e+0,
    1.42343711074968357734e+0,
];
const NEAR_DEN: [f64; 8] = [
    1.05075007164441684324e-9,
    5.47593808499534494600e-4,
    1.51986665636164571966e-2,
    1.48103976427480074590e-1,
    6.89767334985100004550e-1,
    1.67638483018380384940e+0,
    2.05319162663775882187e+0,
    1.0,
];
const TAIL_NUM: [f64; 8] = [
    2.01033439929228813265e-7,
    2.71155556874348757815e-5,
    1.24266094738807843860e-3,
    2.65321895265761230930e-2,
    2.96560571828504891230e-1,
    1.78482653991729133580e+0,
    5.46378491116411436990e+0,
    6.65790464350110377720e+0,
];
const TAIL_DEN: [f64; 8] = [
    2.04426310338993978564e-15,
    1.42151175831644588870e-7,
    1.84631831751005468180e-5,
    7.86869131145613259100e-4,
    1.48753612908506148525e-2,
    1.36929880922735805310e-1,
    5.99832206555887937690e-1,
    1.0,
];

/// `c[0]*r^n + ... + c[n]` by Horner's rule (one multiply-add per step,
/// in the order the reference evaluates it, so results are bit-identical).
fn horner(c: &[f64; 8], r: f64) -> f64 {
    c[1..].iter().fold(c[0], |acc, &k| acc * r + k)
}

fn inv_cdf(p: f64, mu: f64, sigma: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let x = horner(&CENTRAL_NUM, r) * q / horner(&CENTRAL_DEN, r);
        return mu + x * sigma;
    }
    let r = if q <= 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let (num, den) = if r <= 5.0 {
        let r = r - 1.6;
        (horner(&NEAR_NUM, r), horner(&NEAR_DEN, r))
    } else {
        let r = r - 5.0;
        (horner(&TAIL_NUM, r), horner(&TAIL_DEN, r))
    };
    let x = num / den;
    let x = if q < 0.0 { -x } else { x };
    mu + x * sigma
}

/// Clinic's `double` converter (`PyFloat_AsDouble`).
fn double_arg(vm: &Vm, o: &Obj) -> PyResult<f64> {
    vm.to_f64(o)
}

fn normal_dist_inv_cdf(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "_statistics._normal_dist_inv_cdf", "_normal_dist_inv_cdf", a, k, 3, 3)?;
    let p = double_arg(vm, &a[0])?;
    let mu = double_arg(vm, &a[1])?;
    let sigma = double_arg(vm, &a[2])?;
    if p <= 0.0 || p >= 1.0 || sigma <= 0.0 {
        return Err(vm.value_error("inv_cdf undefined for these parameters"));
    }
    Ok(vm.new_float(inv_cdf(p, mu, sigma)))
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("_normal_dist_inv_cdf", normal_dist_inv_cdf)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_statistics");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_statistics", FUNCTIONS);
    Ok(m)
}
