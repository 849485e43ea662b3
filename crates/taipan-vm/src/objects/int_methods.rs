//! `int`'s constructor, `pow` and method set (CPython's
//! `Objects/longobject.c`).

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::object::typeobj::NbOp;
use crate::object::{alloc_object, Obj};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::float::fmt_err;
use crate::objects::int::{binop_values, value, IntData, IntValue};
use crate::objects::{bytes, str as pystr};
use crate::vm::{PyResult, Vm};

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.int;
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("conjugate", |vm, o, _, _| int_self(vm, o)),
            MethodDef::method("bit_length", |vm, o, _, _| Ok(vm.new_usize(bit_length(value(o).expect("int"))))),
            MethodDef::method("bit_count", bit_count),
            MethodDef::method("to_bytes", to_bytes),
            MethodDef::class("from_bytes", from_bytes),
            MethodDef::method(
                "as_integer_ratio",
                |vm, o, _, _| Ok(vm.new_tuple(vec![int_self(vm, o)?, vm.new_int(1)])),
            ),
            MethodDef::method("__trunc__", |vm, o, _, _| int_self(vm, o)),
            MethodDef::method("__floor__", |vm, o, _, _| int_self(vm, o)),
            MethodDef::method("__ceil__", |vm, o, _, _| int_self(vm, o)),
            MethodDef::method("__round__", int_round),
            MethodDef::method("__format__", int_format),
            MethodDef::method("__getnewargs__", |vm, o, _, _| Ok(vm.new_tuple(vec![int_self(vm, o)?]))),
            MethodDef::method("__sizeof__", |vm, o, _, _| {
                let bits = bit_length(value(o).expect("int"));
                Ok(vm.new_usize(24 + 4 * bits.div_ceil(30).max(1)))
            }),
        ],
    );
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("real", int_self, None),
            GetSetDef::new("imag", |vm, _| Ok(vm.new_int(0)), None),
            GetSetDef::new("numerator", int_self, None),
            GetSetDef::new("denominator", |vm, _| Ok(vm.new_int(1)), None),
        ],
    );
}

/// The plain int with the value of `o` (int subclasses lose their type).
fn int_self(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if o.type_is(&vm.ctx.types.int) {
        return Ok(o.clone());
    }
    Ok(vm.new_int_value(value(o).expect("int").clone()))
}

pub(crate) fn bit_length(v: &IntValue) -> usize {
    match v {
        IntValue::Small(x) => 64 - x.unsigned_abs().leading_zeros() as usize,
        IntValue::Big(b) => b.bits() as usize,
    }
}

fn bit_count(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let n = match value(o).expect("int") {
        IntValue::Small(x) => x.unsigned_abs().count_ones() as u64,
        IntValue::Big(b) => b.magnitude().count_ones(),
    };
    Ok(vm.new_int(n as i64))
}

fn byteorder_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<bool> {
    match o {
        None => Ok(true),
        Some(b) => match pystr::as_str(b) {
            Some("big") => Ok(true),
            Some("little") => Ok(false),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => {
                Err(vm.type_error(format!("to_bytes() argument 'byteorder' must be str, not {}", b.class().name())))
            }
        },
    }
}

fn to_bytes(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let spec = crate::args::ArgSpec {
        fname: "to_bytes",
        names: &["length", "byteorder", "signed"],
        posonly: 0,
        required: 0,
        kwonly_from: 2,
    };
    let a = crate::args::parse_spec(vm, &spec, args, kwnames)?;
    let length = match &a[0] {
        Some(l) => vm.index_to_isize(l)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big_endian = byteorder_arg(vm, a[1].as_ref())?;
    let signed = match &a[2] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    let v = value(o).expect("int").to_big();
    if !signed && v.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let length = length as usize;
    let mut out = if signed { v.to_signed_bytes_le() } else { v.to_bytes_le().1 };
    if v.is_zero() {
        out = vec![];
    }
    // Strip redundant sign bytes so the length check matches CPython.
    if signed {
        while out.len() > 1 {
            let last = out[out.len() - 1];
            let prev = out[out.len() - 2];
            if (last == 0 && prev & 0x80 == 0) || (last == 0xff && prev & 0x80 != 0) {
                out.pop();
            } else {
                break;
            }
        }
        if out.len() == 1 && out[0] == 0 {
            out.clear();
        }
    }
    if out.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && v.is_negative() { 0xff } else { 0 };
    out.try_reserve_exact(length.saturating_sub(out.len())).map_err(|_| vm.memory_error())?;
    out.resize(length, fill);
    if big_endian {
        out.reverse();
    }
    Ok(vm.new_bytes(out))
}

/// Does `iter(o)` work (a TypeError saying no)?
fn is_iterable(vm: &Vm, o: &Obj) -> PyResult<bool> {
    match vm.iter(o) {
        Ok(_) => Ok(true),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => Ok(false),
        Err(e) => Err(e),
    }
}

fn from_bytes(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let spec = crate::args::ArgSpec {
        fname: "from_bytes",
        names: &["bytes", "byteorder", "signed"],
        posonly: 0,
        required: 1,
        kwonly_from: 2,
    };
    let a = crate::args::parse_spec(vm, &spec, args, kwnames)?;
    let src = a[0].clone().expect("required");
    let data = match bytes::as_bytes(&src) {
        Some(b) => b,
        None => {
            if let Some(f) = crate::objects::type_::lookup_str(vm, src.class(), "__bytes__") {
                let r = vm.call_method_descr_obj(&f, &src, &[])?;
                bytes::bytes_like(vm, &r)?
            } else if crate::objects::str::data(&src).is_some() || !is_iterable(vm, &src)? {
                // PyBytes_FromObject: an int is not a size here.
                return Err(vm.type_error(format!("cannot convert '{}' object to bytes", src.class().name())));
            } else {
                bytes::bytes_from_source(vm, &src, "bytes")?
            }
        }
    };
    let big_endian = byteorder_arg(vm, a[1].as_ref())?;
    let signed = match &a[2] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    let v = match (big_endian, signed) {
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
    };
    let r = vm.new_bigint(v);
    if cls.is(&vm.ctx.types.int) {
        return Ok(r);
    }
    vm.call(cls, &[r], None)
}

fn int_round(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "__round__", args, kwnames, &["ndigits"], 0)?;
    let Some(nd) = a[0].as_ref().filter(|n| !vm.is_none(n)) else { return int_self(vm, o) };
    let nd = vm.to_bigint(nd)?;
    if !nd.is_negative() {
        return int_self(vm, o);
    }
    let exp = (-nd).to_u32().unwrap_or(u32::MAX);
    if exp > 100_000 {
        return Ok(vm.new_int(0));
    }
    let v = value(o).expect("int").to_big();
    let pow10 = BigInt::from(10u32).pow(exp);
    // Round half to even to a multiple of 10**exp.
    let (q, r) = v.div_mod_floor(&pow10);
    let twice = &r * 2u32;
    let q = match twice.cmp(&pow10) {
        std::cmp::Ordering::Greater => q + 1u32,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1u32,
        _ => q,
    };
    Ok(vm.new_bigint(q * pow10))
}

pub(crate) fn int_format(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [spec] = crate::args::exact::<1>(vm, "__format__", args, kwnames)?;
    let Some(sd) = pystr::data(&spec) else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", spec.class().name())));
    };
    if sd.is_empty() {
        return vm.str(o);
    }
    let tname = o.class().name();
    let fs =
        taipan_format::parse_format_spec(&sd.to_string_lossy(), Some('d'), '>', tname).map_err(|e| fmt_err(vm, e))?;
    let v = value(o).expect("int");
    if fs.ty == Some('c') || fs.ty == Some('c') {
        let (before, c, after) = taipan_format::format_int_char(&v.to_big(), &fs, tname).map_err(|e| fmt_err(vm, e))?;
        let fill = fs.fill as u32;
        let mut cps = vec![fill; before];
        cps.push(c);
        cps.extend(std::iter::repeat_n(fill, after));
        return Ok(vm.new_str_from_code_points(&cps));
    }
    let s = match v {
        IntValue::Small(x) => taipan_format::format_i64(*x, &fs, tname),
        IntValue::Big(b) => taipan_format::format_int(b, &fs, tname, vm.int_max_str_digits()),
    }
    .map_err(|e| fmt_err(vm, e))?;
    Ok(vm.new_str_from_string(s))
}

/// `pow(x, y[, m])` on int values.
pub(crate) fn pow_values(vm: &Vm, x: &IntValue, y: &IntValue, m: Option<&IntValue>) -> PyResult<Obj> {
    if let Some(m) = m {
        let m = m.to_big();
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let mut base = x.to_big();
        let mut exp = y.to_big();
        if exp.is_negative() {
            // A negative exponent needs the inverse of the base.
            let mm = m.abs();
            let g = base.mod_floor(&mm).extended_gcd(&mm);
            if !g.gcd.is_one() {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            }
            base = g.x.mod_floor(&mm);
            exp = -exp;
        }
        let mm = m.abs();
        let mut r = base.mod_floor(&mm).modpow(&exp, &mm);
        // The result has the sign of the modulus.
        if m.is_negative() && !r.is_zero() {
            r -= &mm;
        }
        return Ok(vm.new_bigint(r));
    }
    if y.is_negative() {
        // int ** negative int is a float.
        let (Some(fx), Some(fy)) = (x.to_f64(), y.to_f64()) else {
            return Err(vm.overflow_error("int too large to convert to float"));
        };
        return crate::objects::float::pow_doubles(vm, fx, fy);
    }
    if let (IntValue::Small(a), IntValue::Small(b)) = (x, y) {
        if let Ok(e) = u32::try_from(*b) {
            if let Some(r) = a.checked_pow(e) {
                return Ok(vm.new_int(r));
            }
        }
    }
    let base = x.to_big();
    let Some(e) = y.to_big().to_u32() else {
        if base.is_zero() || base.is_one() {
            return Ok(vm.new_bigint(base));
        }
        if base == BigInt::from(-1) {
            return Ok(vm.new_int(if y.to_big().is_even() { 1 } else { -1 }));
        }
        return Err(vm.memory_error());
    };
    if base.bits() * e as u64 > (1u64 << 34) {
        return Err(vm.memory_error());
    }
    Ok(vm.new_bigint(base.pow(e)))
}

/// `nb_power` with a modulus: all three must be ints.
pub(crate) fn int_pow3(vm: &Vm, a: &Obj, b: &Obj, m: &Obj) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (value(a), value(b)) else { return Ok(vm.not_implemented()) };
    if vm.is_none(m) {
        return binop_values(vm, x, y, NbOp::Power);
    }
    let Some(mv) = value(m) else { return Ok(vm.not_implemented()) };
    pow_values(vm, x, y, Some(mv))
}

/// `int(x)` / `int(x, base)`.
pub(crate) fn int_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    // `int(x)`, the usual call, skips the argument parser.
    if let ([x], None) = (args, kwnames) {
        let v = int_from_object(vm, x)?;
        if cls.is(&vm.ctx.types.int) {
            return Ok(vm.new_int_value(v));
        }
        return Ok(alloc_object(cls, IntData { value: v }));
    }
    let spec = crate::args::ArgSpec { fname: "int", names: &["", "base"], posonly: 1, required: 0, kwonly_from: 2 };
    let a = crate::args::parse_spec(vm, &spec, args, kwnames)?;
    let v = match (&a[0], &a[1]) {
        (None, None) => IntValue::Small(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), None) => int_from_object(vm, x)?,
        (Some(x), Some(base)) => {
            // A base too big for a C long is out of range too (ValueError).
            let b = match vm.index_value(base)? {
                IntValue::Small(b) => b,
                IntValue::Big(_) => i64::MAX,
            };
            if b != 0 && !(2..=36).contains(&b) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            // Only str, bytes and bytearray take a base (not other buffers).
            let is_text = pystr::data(x).is_some()
                || bytes::as_bytes_ref(x).is_some()
                || crate::objects::bytearray::data(x).is_some();
            if !is_text {
                return Err(vm.type_error("int() can't convert non-string with explicit base"));
            }
            parse_text(vm, x, b as u32)?
        }
    };
    if cls.is(&vm.ctx.types.int) {
        return Ok(vm.new_int_value(v));
    }
    Ok(alloc_object(cls, IntData { value: v }))
}

/// Parse a str, bytes or bytearray as `int(x, base)` does.
fn parse_text(vm: &Vm, x: &Obj, base: u32) -> PyResult<IntValue> {
    let limit = vm.int_max_str_digits();
    let r = if let Some(d) = pystr::data(x) {
        taipan_format::parse_int_code_points(d.code_points(), base, limit)
    } else {
        let b = bytes::as_bytes(x).expect("bytes-like");
        taipan_format::parse_int_bytes(&b, base, limit)
    };
    match r {
        Ok(v) => Ok(IntValue::from_big(v)),
        Err(taipan_format::IntParseError::Invalid) => {
            let repr = vm.repr_string(x)?;
            Err(fmt_err(vm, taipan_format::invalid_int_literal(base, &repr)))
        }
        Err(taipan_format::IntParseError::Error(e)) => Err(fmt_err(vm, e)),
    }
}

/// `int(x)` for one argument.
pub(crate) fn int_from_object(vm: &Vm, x: &Obj) -> PyResult<IntValue> {
    if let Some(v) = value(x) {
        if x.type_is(&vm.ctx.types.int) || x.type_is(&vm.ctx.types.bool_) {
            return Ok(v.clone());
        }
    }
    // An exact str has no `__int__`, `__index__` or `__trunc__` (its type
    // is immutable): parse it at once, a short decimal without allocating.
    if x.type_is(&vm.ctx.types.str) {
        if let Some(v) = pystr::data(x).and_then(|d| d.latin1_bytes()).and_then(taipan_format::parse_small_decimal) {
            return Ok(IntValue::Small(v));
        }
        return parse_text(vm, x, 10);
    }
    if let Some(f) = x.class().slots.nb_int.get() {
        let r = f(vm, x)?;
        let Some(v) = value(&r) else {
            return Err(vm.type_error(format!("__int__ returned non-int (type {})", r.class().name())));
        };
        if !r.type_is(&vm.ctx.types.int) {
            crate::warnings::warn(
                vm,
                &vm.ctx.exceptions.deprecation_warning,
                &format!(
                    "__int__ returned non-int (type {}).  The ability to return an instance of a strict subclass of int is deprecated, and may be removed in a future version of Python.",
                    r.class().name()
                ),
                1,
            )?;
        }
        return Ok(v.clone());
    }
    if x.class().slots.nb_index.get().is_some() {
        return vm.index_value(x);
    }
    if let Some(t) = crate::objects::type_::lookup_str(vm, x.class(), "__trunc__") {
        crate::warnings::warn(
            vm,
            &vm.ctx.exceptions.deprecation_warning,
            "The delegation of int() to __trunc__ is deprecated.",
            1,
        )?;
        let r = vm.call_method_descr_obj(&t, x, &[])?;
        if let Some(v) = value(&r) {
            return Ok(v.clone());
        }
        if r.class().slots.nb_index.get().is_none() {
            return Err(vm.type_error(format!("__trunc__ returned non-Integral (type {})", r.class().name())));
        }
        return vm.index_value(&r);
    }
    if pystr::data(x).is_some() || bytes::as_bytes(x).is_some() {
        return parse_text(vm, x, 10);
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.class().name()
    )))
}
