//! `complex` (CPython's `Objects/complexobject.c`).

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::float::{self, fmt_err};
use crate::objects::{int, str as pystr, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct ComplexData {
    pub re: f64,
    pub im: f64,
}
impl PyPayload for ComplexData {}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<ComplexData>(
        "complex",
        std::mem::size_of::<PyCell<ComplexData>>(),
        false,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0.");
    let s = &t.slots;
    s.repr.set(Some(complex_repr));
    s.hash.set(Some(complex_hash));
    s.richcompare.set(Some(complex_richcompare));
    s.nb_bool.set(Some(|_, o| {
        let (r, i) = parts(o);
        Ok(r != 0.0 || i != 0.0)
    }));
    s.nb_negative.set(Some(|vm, o| {
        let (r, i) = parts(o);
        Ok(vm.new_complex(-r, -i))
    }));
    s.nb_positive.set(Some(|vm, o| {
        let (r, i) = parts(o);
        Ok(vm.new_complex(r, i))
    }));
    s.nb_absolute.set(Some(complex_abs));
    for op in [NbOp::Add, NbOp::Subtract, NbOp::Multiply, NbOp::TrueDivide] {
        s.nb_binary[op as usize].set(Some(match op {
            NbOp::Add => |vm, a, b| complex_binop(vm, a, b, NbOp::Add),
            NbOp::Subtract => |vm, a, b| complex_binop(vm, a, b, NbOp::Subtract),
            NbOp::Multiply => |vm, a, b| complex_binop(vm, a, b, NbOp::Multiply),
            _ => |vm, a, b| complex_binop(vm, a, b, NbOp::TrueDivide),
        }));
    }
    s.nb_binary[NbOp::Power as usize].set(Some(|vm, a, b| complex_pow(vm, a, b, &vm.none())));
    s.nb_power3.set(Some(complex_pow));
    s.new.set(Some(complex_new));
    t.mark_leaf::<ComplexData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.complex;
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("conjugate", |vm, o, _, _| {
                let (r, i) = parts(o);
                Ok(vm.new_complex(r, -i))
            }),
            MethodDef::method("__format__", complex_format),
            MethodDef::method("__getnewargs__", |vm, o, _, _| {
                let (r, i) = parts(o);
                Ok(vm.new_tuple(vec![vm.new_float(r), vm.new_float(i)]))
            }),
            MethodDef::method("__complex__", |vm, o, _, _| {
                let (r, i) = parts(o);
                Ok(vm.new_complex(r, i))
            }),
        ],
    );
    crate::objects::descriptor::add_native_members(
        vm,
        ty,
        &[
            ("real", |vm, o| Ok(vm.new_float(parts(o).0)), Some("the real part of a complex number")),
            ("imag", |vm, o| Ok(vm.new_float(parts(o).1)), Some("the imaginary part of a complex number")),
        ],
    );
}

/// The value of a complex (or complex subclass) object.
pub fn value(o: &Obj) -> Option<(f64, f64)> {
    o.payload::<ComplexData>().map(|c| (c.re, c.im))
}

pub(crate) fn parts(o: &Obj) -> (f64, f64) {
    let c = o.payload::<ComplexData>().expect("complex");
    (c.re, c.im)
}

impl Vm {
    pub fn new_complex(&self, re: f64, im: f64) -> Obj {
        alloc_object(&self.ctx.types.complex, ComplexData { re, im })
    }
}

fn complex_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (r, i) = parts(o);
    Ok(vm.new_str_from_string(taipan_format::complex_repr(r, i)))
}

fn complex_hash(_vm: &Vm, o: &Obj) -> PyResult<i64> {
    let (r, i) = parts(o);
    let hr = crate::hash::hash_f64(r, o.id()) as u64;
    let hi = crate::hash::hash_f64(i, o.id()) as u64;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

/// A number as a complex value (ints and floats promoted), or None.
fn to_complex(vm: &Vm, o: &Obj) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = o.payload::<ComplexData>() {
        return Ok(Some((c.re, c.im)));
    }
    Ok(float::to_double(vm, o)?.map(|f| (f, 0.0)))
}

fn complex_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let (ar, ai) = parts(a);
    let eq = if let Some(i) = int::value(b) {
        ai == 0.0 && float::compare_int_float(i, ar) == Some(std::cmp::Ordering::Equal)
    } else if let Some(f) = float::value(b) {
        ai == 0.0 && ar == f
    } else if let Some(c) = b.payload::<ComplexData>() {
        ar == c.re && ai == c.im
    } else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn abs_value(r: f64, i: f64) -> f64 {
    if r.is_infinite() || i.is_infinite() {
        return f64::INFINITY;
    }
    if r.is_nan() || i.is_nan() {
        return f64::NAN;
    }
    r.hypot(i)
}

fn complex_abs(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (r, i) = parts(o);
    let a = abs_value(r, i);
    if a.is_infinite() && r.is_finite() && i.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(vm.new_float(a))
}

fn prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Complex division (Smith's algorithm, as CPython); None on division by zero.
fn quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn complex_binop(vm: &Vm, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (to_complex(vm, a)?, to_complex(vm, b)?) else { return Ok(vm.not_implemented()) };
    let r = match op {
        NbOp::Add => (x.0 + y.0, x.1 + y.1),
        NbOp::Subtract => (x.0 - y.0, x.1 - y.1),
        NbOp::Multiply => prod(x, y),
        _ => match quot(x, y) {
            Some(q) => q,
            None => return Err(vm.zero_division_error("complex division by zero")),
        },
    };
    Ok(vm.new_complex(r.0, r.1))
}

fn powu(x: (f64, f64), n: i64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

fn complex_pow(vm: &Vm, a: &Obj, b: &Obj, z: &Obj) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (to_complex(vm, a)?, to_complex(vm, b)?) else { return Ok(vm.not_implemented()) };
    if !vm.is_none(z) {
        return Err(vm.value_error("complex modulo"));
    }
    complex_pow_values(vm, x, y)
}

/// `a ** b` for complex values (CPython's `complex_pow`).
pub(crate) fn complex_pow_values(vm: &Vm, a: (f64, f64), b: (f64, f64)) -> PyResult<Obj> {
    let mut edom = false;
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            powu(a, n)
        } else {
            let d = powu(a, -n);
            match quot((1.0, 0.0), d) {
                Some(q) => q,
                None => {
                    edom = true;
                    (0.0, 0.0)
                }
            }
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            edom = true;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if edom {
        return Err(vm.zero_division_error("0.0 to a negative or complex power"));
    }
    if p.0.is_infinite() || p.1.is_infinite() {
        return Err(vm.overflow_error("complex exponentiation"));
    }
    Ok(vm.new_complex(p.0, p.1))
}

/// The value of `complex(x)` for a non-string argument.
fn complex_from_number(vm: &Vm, x: &Obj) -> PyResult<Option<(f64, f64)>> {
    // An exact complex is its value; a subclass may override __complex__.
    if let Some(c) = x.payload::<ComplexData>().filter(|_| x.type_is(&vm.ctx.types.complex)) {
        return Ok(Some((c.re, c.im)));
    }
    if let Some(f) = type_::lookup_str(vm, x.class(), "__complex__") {
        let r = vm.call_method_descr_obj(&f, x, &[])?;
        let Some(c) = r.payload::<ComplexData>() else {
            return Err(vm.type_error(format!("__complex__ returned non-complex (type {})", r.class().name())));
        };
        if !r.type_is(&vm.ctx.types.complex) {
            crate::warnings::warn(
                vm,
                &vm.ctx.exceptions.deprecation_warning,
                &format!(
                    "__complex__ returned non-complex (type {}).  The ability to return an instance of a strict subclass of complex is deprecated, and may be removed in a future version of Python.",
                    r.class().name()
                ),
                1,
            )?;
        }
        return Ok(Some((c.re, c.im)));
    }
    if let Some(c) = x.payload::<ComplexData>() {
        return Ok(Some((c.re, c.im)));
    }
    if x.class().slots.nb_float.get().is_some() || x.class().slots.nb_index.get().is_some() || int::value(x).is_some() {
        return Ok(Some((vm.to_f64(x)?, 0.0)));
    }
    Ok(None)
}

fn complex_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "complex", args, kwnames, &["real", "imag"], 0)?;
    // complex(c) of an exact complex is c itself (CPython's complex_new).
    if let (Some(r), None) = (&a[0], &a[1]) {
        if cls.is(&vm.ctx.types.complex) && r.type_is(&vm.ctx.types.complex) {
            return Ok(r.clone());
        }
    }
    let (re, im) = match (&a[0], &a[1]) {
        (None, None) => (0.0, 0.0),
        (Some(r), imag) if pystr::data(r).is_some() => {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            let d = pystr::data(r).expect("str");
            match taipan_format::parse_complex_code_points(d.code_points()) {
                Ok(v) => v,
                Err(_) => return Err(vm.value_error("complex() arg is a malformed string")),
            }
        }
        (r, i) => {
            if let Some(i) = i {
                if pystr::data(i).is_some() {
                    return Err(vm.type_error("complex() second arg can't be a string"));
                }
            }
            let rv = match r {
                Some(r) => match complex_from_number(vm, r)? {
                    Some(v) => v,
                    None => {
                        return Err(vm.type_error(format!(
                            "complex() first argument must be a string or a number, not '{}'",
                            r.class().name()
                        )))
                    }
                },
                None => (0.0, 0.0),
            };
            let iv = match i {
                Some(i) => match complex_from_number(vm, i)? {
                    Some(v) => v,
                    None => {
                        return Err(vm.type_error(format!(
                            "complex() second argument must be a number, not '{}'",
                            i.class().name()
                        )))
                    }
                },
                None => (0.0, 0.0),
            };
            // Only a complex argument contributes its other part (so that
            // complex(-0.0, -0.0) keeps both signs), as CPython's complex_new.
            let r_is_complex = r.as_ref().is_some_and(|r| vm.isinstance_type(r, &vm.ctx.types.complex));
            let i_is_complex = i.as_ref().is_some_and(|i| vm.isinstance_type(i, &vm.ctx.types.complex));
            let re = if i_is_complex { rv.0 - iv.1 } else { rv.0 };
            let im = if r_is_complex && i.is_some() {
                iv.0 + rv.1
            } else if i.is_some() {
                iv.0
            } else {
                rv.1
            };
            (re, im)
        }
    };
    if cls.is(&vm.ctx.types.complex) {
        return Ok(vm.new_complex(re, im));
    }
    Ok(alloc_object(cls, ComplexData { re, im }))
}

fn complex_format(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [spec] = crate::args::exact::<1>(vm, "__format__", args, kwnames)?;
    let Some(sd) = pystr::data(&spec) else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", spec.class().name())));
    };
    if sd.is_empty() {
        return vm.str(o);
    }
    let tname = o.class().name().to_string();
    let fs = taipan_format::parse_format_spec(&sd.to_string_lossy(), None, '>', &tname).map_err(|e| fmt_err(vm, e))?;
    let (r, i) = parts(o);
    let s = taipan_format::format_complex(r, i, &fs, &tname).map_err(|e| fmt_err(vm, e))?;
    Ok(vm.new_str_from_string(s))
}
