//! `float` (CPython's `Objects/floatobject.c`). Text conversions (repr,
//! `format`, parsing, `hex`) come from the `taipan-format` crate.

use num_bigint::BigInt;
use num_traits::Zero;

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::int::{self, IntValue};
use crate::objects::str as pystr;
use crate::vm::{PyErr, PyResult, Vm};

pub(crate) struct FloatData {
    pub value: f64,
}
impl PyPayload for FloatData {}

// Floats take the 32-byte size class, whose freed blocks each thread caches
// (`alloc_cached_leaf`).
const _: () = assert!(std::mem::size_of::<PyCell<FloatData>>() > 16 && std::mem::size_of::<PyCell<FloatData>>() <= 32);

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<FloatData>(
        "float",
        std::mem::size_of::<PyCell<FloatData>>(),
        false,
        flags::BASETYPE | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("Convert a string or number to a floating point number, if possible.");
    let s = &t.slots;
    s.repr.set(Some(float_repr));
    s.hash.set(Some(float_hash));
    s.richcompare.set(Some(float_richcompare));
    s.nb_bool.set(Some(|_, o| Ok(value(o).expect("float") != 0.0)));
    s.nb_int.set(Some(float_int));
    s.nb_float.set(Some(float_float));
    s.nb_negative.set(Some(|vm, o| Ok(vm.new_float(-value(o).expect("float")))));
    s.nb_positive.set(Some(float_float));
    s.nb_absolute.set(Some(|vm, o| Ok(vm.new_float(value(o).expect("float").abs()))));
    for op in
        [NbOp::Add, NbOp::Subtract, NbOp::Multiply, NbOp::TrueDivide, NbOp::FloorDivide, NbOp::Remainder, NbOp::Power]
    {
        s.nb_binary[op as usize].set(Some(float_binary_slot(op)));
    }
    s.nb_power3.set(Some(float_pow3));
    s.nb_divmod.set(Some(float_divmod));
    s.new.set(Some(float_new));
    t.mark_leaf::<FloatData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.float;
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("conjugate", |_, o, _, _| float_float_obj(o)),
            MethodDef::method("is_integer", float_is_integer),
            MethodDef::method("as_integer_ratio", float_as_integer_ratio),
            MethodDef::method("hex", float_hex),
            MethodDef::class("fromhex", float_fromhex),
            MethodDef::method("__round__", float_round),
            MethodDef::method("__trunc__", |vm, o, _, _| float_int(vm, o)),
            MethodDef::method("__floor__", float_floor),
            MethodDef::method("__ceil__", float_ceil),
            MethodDef::method("__format__", float_format),
            MethodDef::method("__getnewargs__", |vm, o, _, _| {
                Ok(vm.new_tuple(vec![vm.new_float(value(o).expect("float"))]))
            }),
            MethodDef::class("__getformat__", float_getformat),
        ],
    );
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("real", |vm, o| Ok(vm.new_float(value(o).expect("float"))), None),
            GetSetDef::new("imag", |vm, _| Ok(vm.new_float(0.0)), None),
        ],
    );
}

#[inline]
pub fn value(o: &Obj) -> Option<f64> {
    o.payload::<FloatData>().map(|d| d.value)
}

impl Vm {
    #[inline]
    pub fn new_float(&self, v: f64) -> Obj {
        // SAFETY: `float` is a leaf type of `PyCell<FloatData>` objects
        // (`type_object` marks it), which take the 32-byte class.
        unsafe { crate::object::alloc_cached_leaf(&self.ctx.types.float, FloatData { value: v }) }
    }
}

fn float_float_obj(o: &Obj) -> PyResult<Obj> {
    Ok(o.clone())
}

fn float_float(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if o.type_is(&vm.ctx.types.float) {
        return Ok(o.clone());
    }
    Ok(vm.new_float(value(o).expect("float")))
}

/// Raise the Python error for a formatting-crate failure.
pub(crate) fn fmt_err(vm: &Vm, e: taipan_format::FmtError) -> PyErr {
    use taipan_format::FmtError::*;
    match e {
        ValueError(m) => vm.value_error(m),
        OverflowError(m) => vm.overflow_error(m),
        TypeError(m) => vm.type_error(m),
        MemoryError => vm.memory_error(),
    }
}

fn float_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str_from_string(taipan_format::float_repr(value(o).expect("float"))))
}

fn float_hash(_vm: &Vm, o: &Obj) -> PyResult<i64> {
    Ok(crate::hash::hash_f64(value(o).expect("float"), o.id()))
}

/// int(x) for a float: truncation, with CPython's errors for inf and nan.
pub(crate) fn float_to_int(vm: &Vm, x: f64) -> PyResult<Obj> {
    if x.is_finite() && x.abs() < 9.0e18 {
        return Ok(vm.new_int(x.trunc() as i64));
    }
    taipan_format::float_to_bigint(x).map(|b| vm.new_bigint(b)).map_err(|e| fmt_err(vm, e))
}

fn float_int(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    float_to_int(vm, value(o).expect("float"))
}

/// Compare an int with a float exactly (CPython's `float_richcompare`).
pub(crate) fn compare_int_float(i: &IntValue, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater });
    }
    if let IntValue::Small(v) = i {
        if v.unsigned_abs() < (1 << 53) {
            return (*v as f64).partial_cmp(&f);
        }
    }
    // Compare exactly: integer parts first, then the fraction.
    let fi = f.trunc();
    let fb = taipan_format::float_to_bigint(fi).ok()?;
    let ib = i.to_big();
    match ib.cmp(&fb) {
        std::cmp::Ordering::Equal => {
            let frac = f - fi;
            Some(if frac > 0.0 {
                std::cmp::Ordering::Less
            } else if frac < 0.0 {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            })
        }
        o => Some(o),
    }
}

fn float_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let x = value(a).expect("float");
    let r = if let Some(y) = value(b) {
        match op {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        }
    } else if let Some(i) = int::value(b) {
        match compare_int_float(i, x) {
            Some(o) => int::ordering_matches(o.reverse(), op),
            None => op == CompareOp::Ne,
        }
    } else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.bool_obj(r))
}

/// A number operand as a float (ints converted), or None for other types.
pub(crate) fn to_double(vm: &Vm, o: &Obj) -> PyResult<Option<f64>> {
    if let Some(f) = value(o) {
        return Ok(Some(f));
    }
    if let Some(i) = int::value(o) {
        return match i.to_f64() {
            Some(f) => Ok(Some(f)),
            None => Err(vm.overflow_error("int too large to convert to float")),
        };
    }
    Ok(None)
}

fn float_binary_slot(op: NbOp) -> crate::object::typeobj::BinaryFn {
    match op {
        NbOp::Add => |vm, a, b| float_binop(vm, a, b, NbOp::Add),
        NbOp::Subtract => |vm, a, b| float_binop(vm, a, b, NbOp::Subtract),
        NbOp::Multiply => |vm, a, b| float_binop(vm, a, b, NbOp::Multiply),
        NbOp::TrueDivide => |vm, a, b| float_binop(vm, a, b, NbOp::TrueDivide),
        NbOp::FloorDivide => |vm, a, b| float_binop(vm, a, b, NbOp::FloorDivide),
        NbOp::Remainder => |vm, a, b| float_binop(vm, a, b, NbOp::Remainder),
        _ => |vm, a, b| float_pow3(vm, a, b, &vm.none()),
    }
}

fn float_binop(vm: &Vm, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (to_double(vm, a)?, to_double(vm, b)?) else { return Ok(vm.not_implemented()) };
    let r = match op {
        NbOp::Add => x + y,
        NbOp::Subtract => x - y,
        NbOp::Multiply => x * y,
        NbOp::TrueDivide => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            x / y
        }
        NbOp::FloorDivide => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float floor division by zero"));
            }
            div_mod(x, y).0
        }
        NbOp::Remainder => {
            if y == 0.0 {
                return Err(vm.zero_division_error("float modulo"));
            }
            let m = x % y;
            if m != 0.0 {
                if (y < 0.0) != (m < 0.0) {
                    m + y
                } else {
                    m
                }
            } else {
                0.0f64.copysign(y)
            }
        }
        _ => return Ok(vm.not_implemented()),
    };
    Ok(vm.new_float(r))
}

/// Python's float floor division and modulo.
pub(crate) fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_divmod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (to_double(vm, a)?, to_double(vm, b)?) else { return Ok(vm.not_implemented()) };
    if y == 0.0 {
        return Err(vm.zero_division_error("float divmod()"));
    }
    let (d, m) = div_mod(x, y);
    Ok(crate::objects::tuple::new_from_iter(vm, 2, [vm.new_float(d), vm.new_float(m)].into_iter()))
}

fn is_odd_integer(x: f64) -> bool {
    x % 2.0 == 1.0 || x % 2.0 == -1.0
}

fn float_pow3(vm: &Vm, a: &Obj, b: &Obj, z: &Obj) -> PyResult<Obj> {
    if !vm.is_none(z) {
        return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    let (Some(iv), Some(iw)) = (to_double(vm, a)?, to_double(vm, b)?) else { return Ok(vm.not_implemented()) };
    pow_doubles(vm, iv, iw)
}

/// `x ** y` for floats (CPython's `float_pow`).
pub(crate) fn pow_doubles(vm: &Vm, mut iv: f64, iw: f64) -> PyResult<Obj> {
    if iw == 0.0 {
        return Ok(vm.new_float(1.0));
    }
    if iv.is_nan() {
        return Ok(vm.new_float(iv));
    }
    if iw.is_nan() {
        return Ok(vm.new_float(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(vm.new_float(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        }));
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(vm.new_float(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(vm.new_float(if odd { iv } else { 0.0 }));
    }
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return crate::objects::complex::complex_pow_values(vm, (iv, 0.0), (iw, 0.0));
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if iv == 1.0 {
        return Ok(vm.new_float(if negate { -1.0 } else { 1.0 }));
    }
    let ix = iv.powf(iw);
    if ix.is_infinite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(vm.new_float(if negate { -ix } else { ix }))
}

fn float_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let args = crate::args::positional_unless_own_init(vm, "float", cls, &vm.ctx.types.float, args, kwnames)?;
    crate::args::check_positional(vm, "float", args.len(), 0, 1)?;
    let v = match args.first() {
        None => 0.0,
        Some(x) => float_from_object(vm, x)?,
    };
    if cls.is(&vm.ctx.types.float) {
        return Ok(vm.new_float(v));
    }
    Ok(alloc_object(cls, FloatData { value: v }))
}

/// `float(x)`, in CPython's order (`float_new_impl`, `PyNumber_Float`): an
/// exact str or float, then `__float__` (a subclass's own one included),
/// `__index__`, a float subclass's value, and last str/bytes subclasses and
/// bytes-likes parsed.
pub(crate) fn float_from_object(vm: &Vm, x: &Obj) -> PyResult<f64> {
    if x.type_is(&vm.ctx.types.str) {
        return parse_float_text(vm, x);
    }
    if let Some(f) = value(x).filter(|_| x.type_is(&vm.ctx.types.float)) {
        return Ok(f);
    }
    let inherits_float = vm
        .ctx
        .types
        .float
        .payload::<TypeObject>()
        .is_some_and(|t| value(x).is_some() && x.class().slots.nb_float.id() == t.slots.nb_float.id());
    if let Some(f) = value(x).filter(|_| inherits_float) {
        return Ok(f);
    }
    if let Some(f) = x.class().slots.nb_float.get() {
        let r = f(vm, x)?;
        return match value(&r) {
            Some(v) => {
                if !r.type_is(&vm.ctx.types.float) {
                    crate::warnings::warn(
                        vm,
                        &vm.ctx.exceptions.deprecation_warning,
                        &format!(
                            "{}.__float__ returned non-float (type {}).  The ability to return an instance of a strict subclass of float is deprecated, and may be removed in a future version of Python.",
                            x.class().name(),
                            r.class().name()
                        ),
                        1,
                    )?;
                }
                Ok(v)
            }
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                x.class().name(),
                r.class().name()
            ))),
        };
    }
    if x.class().slots.nb_index.get().is_some() {
        let i = vm.index_value(x)?;
        return i.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    if let Some(f) = value(x) {
        return Ok(f);
    }
    parse_float_text(vm, x)
}

/// `float()` of a str or bytes-like (CPython's `PyFloat_FromString`).
fn parse_float_text(vm: &Vm, x: &Obj) -> PyResult<f64> {
    if let Some(d) = pystr::data(x) {
        return match taipan_format::parse_float_code_points(d.code_points()) {
            Some(v) => Ok(v),
            None => Err(vm.value_error(format!("could not convert string to float: {}", vm.repr_string(x)?))),
        };
    }
    if let Some(b) = crate::objects::bytes::as_bytes(x) {
        return match taipan_format::parse_float_bytes(&b) {
            Some(v) => Ok(v),
            None => Err(vm.value_error(format!("could not convert string to float: {}", vm.repr_string(x)?))),
        };
    }
    Err(vm.type_error(format!("float() argument must be a string or a real number, not '{}'", x.class().name())))
}

fn float_is_integer(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let x = value(o).expect("float");
    Ok(vm.bool_obj(x.is_finite() && x == x.floor()))
}

fn float_as_integer_ratio(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let (n, d) = taipan_format::float_as_integer_ratio(value(o).expect("float")).map_err(|e| fmt_err(vm, e))?;
    Ok(vm.new_tuple(vec![vm.new_bigint(n), vm.new_bigint(d)]))
}

fn float_hex(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_str_from_string(taipan_format::float_hex(value(o).expect("float"))))
}

fn float_fromhex(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [s] = crate::args::exact::<1>(vm, "fromhex", args, kwnames)?;
    let Some(text) = pystr::data(&s) else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", s.class().name())));
    };
    let v = taipan_format::float_fromhex(&text.to_string_lossy()).map_err(|e| fmt_err(vm, e))?;
    let f = vm.new_float(v);
    if cls.is(&vm.ctx.types.float) {
        return Ok(f);
    }
    vm.call(cls, &[f], None)
}

fn float_round(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "__round__", args, kwnames, &["ndigits"], 0)?;
    let x = value(o).expect("float");
    match a[0].as_ref().filter(|n| !vm.is_none(n)) {
        None => {
            let r = taipan_format::round_half_even(x);
            float_to_int(vm, r)
        }
        Some(n) => {
            let nd = vm.index_value(n)?;
            let nd = match nd {
                IntValue::Small(v) => v,
                IntValue::Big(b) => {
                    if *b > BigInt::zero() {
                        i64::MAX
                    } else {
                        i64::MIN
                    }
                }
            };
            let r = taipan_format::round_float(x, nd).map_err(|e| fmt_err(vm, e))?;
            Ok(vm.new_float(r))
        }
    }
}

fn float_floor(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    float_to_int(vm, value(o).expect("float").floor())
}

fn float_ceil(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    float_to_int(vm, value(o).expect("float").ceil())
}

pub(crate) fn float_format(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [spec] = crate::args::exact::<1>(vm, "__format__", args, kwnames)?;
    let Some(sd) = pystr::data(&spec) else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", spec.class().name())));
    };
    if sd.is_empty() {
        return vm.str(o);
    }
    let spec_s = sd.to_string_lossy();
    let tname = o.class().name();
    let fs = taipan_format::parse_format_spec(&spec_s, None, '>', tname).map_err(|e| fmt_err(vm, e))?;
    let s = taipan_format::format_float(value(o).expect("float"), &fs, tname).map_err(|e| fmt_err(vm, e))?;
    Ok(vm.new_str_from_string(s))
}

fn float_getformat(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [t] = crate::args::exact::<1>(vm, "__getformat__", args, kwnames)?;
    match pystr::as_str(&t) {
        Some("double") | Some("float") => Ok(vm.new_str("IEEE, little-endian")),
        Some(_) => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
        None => Err(vm.type_error(format!("__getformat__() argument must be str, not {}", t.class().name()))),
    }
}
