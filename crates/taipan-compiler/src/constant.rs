//! Python semantics for the constants the compiler handles: the arithmetic
//! `ast_opt.c` folds (CPython's `PyNumber_*` on ints, floats, complexes, str,
//! bytes and tuples, with the size limits of `safe_multiply` and friends),
//! truth values, equality, `repr`, and the keys `_PyCode_ConstantKey` uses
//! to merge equal constants.
//!
//! Every operation returns `None` where CPython would raise (the optimizer
//! then leaves the expression alone, exactly as `make_const` clears the error).

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use taipan_syntax::ast::{Int, Operator, UnaryOperator};
use taipan_syntax::literal::{bytes_repr, complex_repr, float_repr, str_repr, StrLit};

use crate::code::{CodeObject, Constant};

/// `MAX_INT_SIZE` of ast_opt.c, in bits.
const MAX_INT_SIZE: u64 = 128;
/// `MAX_COLLECTION_SIZE`: items.
const MAX_COLLECTION_SIZE: i64 = 256;
/// `MAX_STR_SIZE`: characters.
const MAX_STR_SIZE: i64 = 4096;
/// `MAX_TOTAL_ITEMS`: items, nested collections included.
const MAX_TOTAL_ITEMS: i64 = 1024;

/// A number, with bool promoted to int as Python's numeric tower does.
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(*b as u8))),
        Constant::Int(i) => Some(Num::Int(i.to_bigint())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

/// The int value of an int or bool constant (`PyLong_Check`).
fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Bool(b) => Some(BigInt::from(*b as u8)),
        Constant::Int(i) => Some(i.to_bigint()),
        _ => None,
    }
}

pub fn int_const(v: BigInt) -> Constant {
    Constant::Int(Int::from_bigint(v))
}

fn float_const(v: f64) -> Constant {
    Constant::Float(v)
}

fn complex_const(real: f64, imag: f64) -> Constant {
    Constant::Complex { real, imag }
}

/// `PyLong_AsDouble`: correctly rounded (half to even); `None` on overflow.
pub fn int_to_f64(v: &BigInt) -> Option<f64> {
    let bits = v.bits();
    let mag = v.magnitude();
    let result = if bits <= 64 {
        mag.to_u64()? as f64
    } else {
        // Keep 64 high bits and fold the rest into a sticky bit, so that
        // the one rounding `u64 as f64` does is the correct one.
        let shift = bits - 64;
        let high = (mag >> shift).to_u64()?;
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        let m = (high | sticky as u64) as f64;
        if shift > 2000 {
            return None;
        }
        m * 2f64.powi(shift as i32)
    };
    if result.is_infinite() {
        return None;
    }
    Some(if v.sign() == Sign::Minus { -result } else { result })
}

/// `long_true_divide`: `a / b` correctly rounded; `None` on zero division or
/// overflow.
fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    const EXACT: u64 = 53;
    if a.bits() <= EXACT && b.bits() <= EXACT {
        // Both are exact doubles: one IEEE division rounds correctly.
        return Some(a.to_f64()? / b.to_f64()?);
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (x, y) = (a.abs(), b.abs());
    if x.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // Scale so that the quotient has 55 or 56 bits, then round once with a
    // sticky bit for the remainder.
    let e = x.bits() as i64 - y.bits() as i64 - 55;
    let (num, den) = if e < 0 { (x << (-e) as u64, y) } else { (x, y << e as u64) };
    let (q, r) = num.div_rem(&den);
    let q = q.to_u64()? | (!r.is_zero()) as u64;
    if e > 1100 {
        return None;
    }
    let value = if e < -1100 { 0.0 } else { (q as f64) * 2f64.powi(e as i32) };
    if value.is_infinite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

fn to_f64(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        _ => Some((to_f64(n)?, 0.0)),
    }
}

/// The "widest" kind of two numbers: 0 int, 1 float, 2 complex.
fn rank(n: &Num) -> u8 {
    match n {
        Num::Int(_) => 0,
        Num::Float(_) => 1,
        Num::Complex(..) => 2,
    }
}

/// Apply an arithmetic operator to two numbers, promoting like CPython.
fn num_binop(op: Operator, a: &Num, b: &Num) -> Option<Constant> {
    match rank(a).max(rank(b)) {
        0 => {
            let (Num::Int(x), Num::Int(y)) = (a, b) else { return None };
            int_binop(op, x, y)
        }
        1 => {
            if op == Operator::Pow {
                return float_pow(to_f64(a)?, to_f64(b)?);
            }
            float_binop(op, to_f64(a)?, to_f64(b)?)
        }
        _ => complex_binop(op, to_complex(a)?, to_complex(b)?),
    }
}

fn int_binop(op: Operator, x: &BigInt, y: &BigInt) -> Option<Constant> {
    let v = match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => return Some(float_const(int_true_divide(x, y)?)),
        Operator::FloorDiv => {
            if y.is_zero() {
                return None;
            }
            x.div_floor(y)
        }
        Operator::Mod => {
            if y.is_zero() {
                return None;
            }
            x.mod_floor(y)
        }
        Operator::Pow => return int_pow(x, y),
        Operator::LShift => {
            if y.is_negative() {
                return None;
            }
            if x.is_zero() {
                BigInt::zero()
            } else {
                x << y.to_u64()?
            }
        }
        Operator::RShift => {
            if y.is_negative() {
                return None;
            }
            match y.to_u64() {
                Some(s) => x >> s,
                None => {
                    if x.is_negative() {
                        -BigInt::one()
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        Operator::BitOr => x | y,
        Operator::BitXor => x ^ y,
        Operator::BitAnd => x & y,
        Operator::MatMult => return None,
    };
    Some(int_const(v))
}

fn int_pow(x: &BigInt, y: &BigInt) -> Option<Constant> {
    if y.is_negative() {
        // int ** negative int is float ** float.
        return float_pow(int_to_f64(x)?, int_to_f64(y)?);
    }
    if y.is_zero() {
        return Some(int_const(BigInt::one()));
    }
    if x.is_zero() || x.is_one() {
        return Some(int_const(x.clone()));
    }
    if *x == -BigInt::one() {
        return Some(int_const(if y.is_even() { BigInt::one() } else { x.clone() }));
    }
    // Callers apply the size limits first; this only guards the machine.
    let e = y.to_u32()?;
    Some(int_const(num_traits::pow::pow(x.clone(), e as usize)))
}

fn float_binop(op: Operator, x: f64, y: f64) -> Option<Constant> {
    let v = match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        Operator::FloorDiv => {
            if y == 0.0 {
                return None;
            }
            float_div_mod(x, y).0
        }
        Operator::Mod => {
            if y == 0.0 {
                return None;
            }
            float_div_mod(x, y).1
        }
        _ => return None,
    };
    Some(float_const(v))
}

/// `_float_div_mod` of floatobject.c.
fn float_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `float_pow` of floatobject.c, special cases and all.
fn float_pow(iv: f64, iw: f64) -> Option<Constant> {
    if iw == 0.0 {
        return Some(float_const(1.0));
    }
    if iv.is_nan() {
        return Some(float_const(iv));
    }
    if iw.is_nan() {
        return Some(float_const(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let av = iv.abs();
        let v = if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        };
        return Some(float_const(v));
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        let v = if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0f64.copysign(iv)
        } else {
            0.0
        };
        return Some(float_const(v));
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return None;
        }
        return Some(float_const(if is_odd_integer(iw) { iv } else { 0.0 }));
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            // A negative number to a fractional power is complex.
            return complex_pow((iv, 0.0), (iw, 0.0));
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Some(float_const(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return None;
    }
    Some(float_const(if negate { -r } else { r }))
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `_Py_c_quot`: `None` for division by zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
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

fn c_powu(x: (f64, f64), n: i64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `complex_pow` of complexobject.c.
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> Option<Constant> {
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            // The division cannot fail: powers of a nonzero number are nonzero,
            // and CPython's EDOM for 0 ** -n surfaces the same way.
            c_quot((1.0, 0.0), c_powu(a, -n))?
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
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
    if p.0.is_infinite() || p.1.is_infinite() {
        return None;
    }
    Some(complex_const(p.0, p.1))
}

fn complex_binop(op: Operator, a: (f64, f64), b: (f64, f64)) -> Option<Constant> {
    let (re, im) = match op {
        Operator::Add => (a.0 + b.0, a.1 + b.1),
        Operator::Sub => (a.0 - b.0, a.1 - b.1),
        Operator::Mult => c_prod(a, b),
        Operator::Div => c_quot(a, b)?,
        Operator::Pow => return complex_pow(a, b),
        _ => return None,
    };
    Some(complex_const(re, im))
}

/// Number of items, for the size checks (`PyTuple_GET_SIZE`/`PySet_GET_SIZE`).
fn collection_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Tuple(v) | Constant::FrozenSet(v) => Some(v.len()),
        _ => None,
    }
}

/// `check_complexity`: the limit left after counting nested items.
fn check_complexity(c: &Constant, mut limit: i64) -> i64 {
    match c {
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            limit -= items.len() as i64;
            for item in items {
                if limit < 0 {
                    break;
                }
                limit = check_complexity(item, limit);
            }
            limit
        }
        _ => limit,
    }
}

/// `PyLong_AsLong` for the size checks: `None` when it overflows.
fn as_long(v: &BigInt) -> Option<i64> {
    v.to_i64()
}

/// `safe_multiply` of ast_opt.c.
fn safe_multiply(v: &Constant, w: &Constant) -> Option<Constant> {
    if let (Some(a), Some(b)) = (as_int(v), as_int(w)) {
        if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
            return None;
        }
        return Some(int_const(a * b));
    }
    if let Some(n) = as_int(v) {
        if let Some(size) = collection_len(w) {
            if size > 0 {
                let n = as_long(&n)?;
                if n < 0 || n > MAX_COLLECTION_SIZE / size as i64 {
                    return None;
                }
                if n != 0 && check_complexity(w, MAX_TOTAL_ITEMS / n) < 0 {
                    return None;
                }
            }
            return repeat(w, &n);
        }
        if let Some(size) = str_or_bytes_len(w) {
            if size > 0 {
                let n = as_long(&n)?;
                if n < 0 || n > MAX_STR_SIZE / size as i64 {
                    return None;
                }
            }
            return repeat(w, &n);
        }
    } else if as_int(w).is_some() && (collection_len(v).is_some() || str_or_bytes_len(v).is_some()) {
        return safe_multiply(w, v);
    }
    number_op(Operator::Mult, v, w)
}

fn str_or_bytes_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.char_len()),
        Constant::Bytes(b) => Some(b.len()),
        _ => None,
    }
}

/// `seq * n` for tuples, str and bytes (frozensets cannot be repeated).
fn repeat(seq: &Constant, n: &BigInt) -> Option<Constant> {
    let count = if n.is_negative() { 0 } else { n.to_usize()? };
    let len = match seq {
        Constant::Tuple(v) => v.len(),
        Constant::Str(s) => s.as_bytes().len(),
        Constant::Bytes(b) => b.len(),
        _ => return None,
    };
    if len == 0 {
        // An empty sequence repeats to itself, but CPython still needs the
        // count to fit an index (`'' * 10**100` raises OverflowError).
        n.to_isize()?;
    } else if count.checked_mul(len)? > isize::MAX as usize {
        return None;
    }
    Some(match seq {
        Constant::Tuple(v) => Constant::Tuple(v.iter().cloned().cycle().take(v.len() * count).collect()),
        Constant::Str(s) => {
            let mut out = StrLit::new();
            for _ in 0..count {
                out.append(s);
            }
            Constant::Str(out)
        }
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count)),
        _ => return None,
    })
}

/// `safe_power`.
fn safe_power(v: &Constant, w: &Constant) -> Option<Constant> {
    if let (Some(a), Some(b)) = (as_int(v), as_int(w)) {
        if !a.is_zero() && b.is_positive() {
            let vbits = a.bits();
            let wbits = b.to_u64()?;
            if vbits > MAX_INT_SIZE / wbits {
                return None;
            }
        }
    }
    number_op(Operator::Pow, v, w)
}

/// `safe_lshift`.
fn safe_lshift(v: &Constant, w: &Constant) -> Option<Constant> {
    if let (Some(a), Some(b)) = (as_int(v), as_int(w)) {
        if !a.is_zero() && !b.is_zero() {
            let vbits = a.bits();
            let wbits = b.to_u64()?;
            if wbits > MAX_INT_SIZE || vbits > MAX_INT_SIZE - wbits {
                return None;
            }
        }
    }
    number_op(Operator::LShift, v, w)
}

/// The numeric part of `PyNumber_*`: both operands numbers, or `None`.
fn number_op(op: Operator, v: &Constant, w: &Constant) -> Option<Constant> {
    // bool op bool stays bool for the bitwise operators.
    if let (Constant::Bool(a), Constant::Bool(b)) = (v, w) {
        match op {
            Operator::BitAnd => return Some(Constant::Bool(*a & *b)),
            Operator::BitOr => return Some(Constant::Bool(*a | *b)),
            Operator::BitXor => return Some(Constant::Bool(*a ^ *b)),
            _ => {}
        }
    }
    let (a, b) = (as_num(v)?, as_num(w)?);
    if matches!(op, Operator::LShift | Operator::RShift | Operator::BitOr | Operator::BitXor | Operator::BitAnd)
        && (rank(&a) != 0 || rank(&b) != 0)
    {
        return None;
    }
    num_binop(op, &a, &b)
}

/// `fold_binop`'s arithmetic: `left op right`, or `None` if CPython would
/// not fold it.
pub fn binary_op(op: Operator, v: &Constant, w: &Constant) -> Option<Constant> {
    match op {
        Operator::Add => add(v, w),
        Operator::Mult => safe_multiply(v, w),
        Operator::Mod => {
            if matches!(v, Constant::Str(_) | Constant::Bytes(_)) {
                return None;
            }
            number_op(op, v, w)
        }
        Operator::Pow => safe_power(v, w),
        Operator::LShift => safe_lshift(v, w),
        Operator::MatMult => None,
        _ => number_op(op, v, w),
    }
}

fn add(v: &Constant, w: &Constant) -> Option<Constant> {
    match (v, w) {
        (Constant::Str(a), Constant::Str(b)) => {
            let mut s = a.clone();
            s.append(b);
            Some(Constant::Str(s))
        }
        (Constant::Bytes(a), Constant::Bytes(b)) => Some(Constant::Bytes([a.as_slice(), b].concat())),
        (Constant::Tuple(a), Constant::Tuple(b)) => Some(Constant::Tuple(a.iter().chain(b).cloned().collect())),
        _ => number_op(Operator::Add, v, w),
    }
}

/// `fold_unaryop` on a constant operand.
pub fn unary_op(op: UnaryOperator, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOperator::Not => Some(Constant::Bool(!is_true(v))),
        UnaryOperator::Invert => Some(int_const(!as_int(v)?)),
        UnaryOperator::UAdd => match as_num(v)? {
            Num::Int(i) => Some(int_const(i)),
            Num::Float(f) => Some(float_const(f)),
            Num::Complex(r, i) => Some(complex_const(r, i)),
        },
        UnaryOperator::USub => match as_num(v)? {
            Num::Int(i) => Some(int_const(-i)),
            Num::Float(f) => Some(float_const(-f)),
            Num::Complex(r, i) => Some(complex_const(-r, -i)),
        },
    }
}

/// `PyObject_GetItem(container, index)` for constants.
pub fn subscript(container: &Constant, index: &Constant) -> Option<Constant> {
    let i = as_int(index)?;
    let len = match container {
        Constant::Str(s) => s.char_len(),
        Constant::Bytes(b) => b.len(),
        Constant::Tuple(t) => t.len(),
        _ => return None,
    };
    let mut i = i.to_i64()?;
    if i < 0 {
        i += len as i64;
    }
    if i < 0 || i >= len as i64 {
        return None;
    }
    let i = i as usize;
    Some(match container {
        Constant::Str(s) => {
            let mut out = StrLit::new();
            out.push_code_point(s.code_points().nth(i)?);
            Constant::Str(out)
        }
        Constant::Bytes(b) => int_const(BigInt::from(b[i])),
        Constant::Tuple(t) => t[i].clone(),
        _ => return None,
    })
}

/// `PyObject_IsTrue`.
pub fn is_true(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Ellipsis | Constant::Code(_) => true,
        Constant::Bool(b) => *b,
        Constant::Int(i) => match i {
            Int::Small(v) => *v != 0,
            Int::Big(b) => !b.is_zero(),
        },
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(v) | Constant::FrozenSet(v) => !v.is_empty(),
    }
}

/// Python's `==` between constants (`1 == 1.0 == True`, NaN unequal to
/// itself), as sets and dicts use it.
pub fn py_eq(a: &Constant, b: &Constant) -> bool {
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return num_eq(&x, &y);
    }
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q)),
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| py_eq(p, q)))
        }
        (Constant::Code(x), Constant::Code(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

fn num_eq(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x == y,
        (Num::Complex(r1, i1), Num::Complex(r2, i2)) => r1 == r2 && i1 == i2,
        (Num::Complex(r, i), other) | (other, Num::Complex(r, i)) => *i == 0.0 && num_eq(&Num::Float(*r), other),
        (Num::Float(x), Num::Float(y)) => x == y,
        (Num::Float(f), Num::Int(i)) | (Num::Int(i), Num::Float(f)) => float_eq_int(*f, i),
    }
}

/// Exact comparison of a float with an int (no rounding of the int).
fn float_eq_int(f: f64, i: &BigInt) -> bool {
    if !f.is_finite() || f.fract() != 0.0 {
        return false;
    }
    // A finite integral float converts to an int exactly.
    float_to_bigint(f).is_some_and(|v| &v == i)
}

fn float_to_bigint(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mantissa = if exp == 0 { (bits & ((1 << 52) - 1)) << 1 } else { (bits & ((1 << 52) - 1)) | (1 << 52) };
    let shift = exp - 1075;
    let m = BigInt::from(mantissa);
    let v = if shift >= 0 { m << shift as u64 } else { m >> (-shift) as u64 };
    Some(if f < 0.0 { -v } else { v })
}

/// Give a NaN made by folding an identity of its own: CPython's NaN
/// constants are distinct objects, never merged into one `co_consts` slot.
pub fn tag_nans(c: &mut Constant, next_tag: &mut u64) {
    let mut tag = |f: &mut f64| {
        if f.is_nan() {
            *next_tag += 1;
            let bits = (f.to_bits() & !0xFFFF_FFFF) | 0x8_0000_0000_0000 | (*next_tag & 0xFFFF_FFFF);
            *f = f64::from_bits(bits);
        }
    };
    match c {
        Constant::Float(f) => tag(f),
        Constant::Complex { real, imag } => {
            tag(real);
            tag(imag);
        }
        _ => {}
    }
}

/// Python's `frozenset(items)`: equal items collapse to the first one.
pub fn make_frozenset(items: Vec<Constant>) -> Constant {
    let mut out: Vec<Constant> = Vec::with_capacity(items.len());
    let mut seen = ConstSet::with_capacity(items.len());
    for item in items {
        if seen.insert(&item, &out) {
            out.push(item);
        }
    }
    Constant::FrozenSet(out)
}

/// Membership by Python's `==` over constants kept in a caller's vector.
/// Items with an [`EqKey`] go through a hash set (a set display of 40,000
/// ints folds in milliseconds); the others (frozensets, code objects),
/// which equal no keyed item, are compared pairwise.
pub struct ConstSet {
    keyed: std::collections::HashSet<EqKey>,
    unkeyed: Vec<usize>,
}

impl ConstSet {
    pub fn with_capacity(n: usize) -> ConstSet {
        ConstSet { keyed: std::collections::HashSet::with_capacity(n), unkeyed: Vec::new() }
    }

    /// Whether `item` is new; if so it is recorded as the next element of
    /// `items` (which the caller pushes it onto).
    pub fn insert(&mut self, item: &Constant, items: &[Constant]) -> bool {
        match eq_key(item) {
            Some(EqKey::Unique) => true,
            Some(k) => self.keyed.insert(k),
            None => {
                if self.unkeyed.iter().any(|&i| py_eq(&items[i], item)) {
                    return false;
                }
                self.unkeyed.push(items.len());
                true
            }
        }
    }
}

/// A key whose equality is Python's `==` between constants, for the
/// constants that have one: `1`, `1.0`, `True` and `1+0j` share a key.
#[derive(PartialEq, Eq, Hash)]
enum EqKey {
    None,
    Ellipsis,
    Int(BigInt),
    /// A float that is not integral (its bits; -0.0 is the int 0).
    Float(u64),
    Complex(u64, u64),
    Str(Vec<u32>),
    Bytes(Vec<u8>),
    Tuple(Vec<EqKey>),
    /// Equal to nothing but itself (NaN, and tuples holding one).
    Unique,
}

fn eq_key(c: &Constant) -> Option<EqKey> {
    Some(match c {
        Constant::None => EqKey::None,
        Constant::Ellipsis => EqKey::Ellipsis,
        Constant::Bool(b) => EqKey::Int(BigInt::from(*b as u8)),
        Constant::Int(i) => EqKey::Int(i.to_bigint()),
        Constant::Float(f) => float_key(*f),
        Constant::Complex { real, imag } if *imag == 0.0 => float_key(*real),
        Constant::Complex { real, imag } if real.is_nan() || imag.is_nan() => EqKey::Unique,
        Constant::Complex { real, imag } => EqKey::Complex(norm_zero(*real).to_bits(), imag.to_bits()),
        Constant::Str(s) => EqKey::Str(s.code_points().collect()),
        Constant::Bytes(b) => EqKey::Bytes(b.clone()),
        Constant::Tuple(items) => {
            let keys = items.iter().map(eq_key).collect::<Option<Vec<_>>>()?;
            if keys.iter().any(|k| matches!(k, EqKey::Unique)) {
                EqKey::Unique
            } else {
                EqKey::Tuple(keys)
            }
        }
        Constant::FrozenSet(_) | Constant::Code(_) => return None,
    })
}

fn norm_zero(f: f64) -> f64 {
    if f == 0.0 {
        0.0
    } else {
        f
    }
}

fn float_key(f: f64) -> EqKey {
    if f.is_nan() {
        return EqKey::Unique;
    }
    match float_to_bigint(f) {
        Some(i) if f.fract() == 0.0 => EqKey::Int(i),
        _ => EqKey::Float(f.to_bits()),
    }
}

/// `repr()` of a constant. Frozenset items are listed sorted by their repr
/// (CPython's order depends on string hashing, which is randomized).
pub fn repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                return "frozenset()".into();
            }
            let mut parts: Vec<String> = items.iter().map(repr).collect();
            parts.sort();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        Constant::Code(code) => format!("<code {}>", code.name),
    }
}

/// CPython's `_PyCode_ConstantKey` equality: two constants share a
/// `co_consts` slot exactly when this holds (so `1`, `1.0` and `True` stay
/// apart, and so do `0.0` and `-0.0`; floats compare by their bits, and the
/// optimizer gives each NaN it makes its own bits). Code objects are equal
/// when `code_richcompare` says so: the same code compiled twice, as a
/// `finally` body is, shares one slot.
pub fn key_eq(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Bool(x), Constant::Bool(y)) => x == y,
        (Constant::Int(x), Constant::Int(y)) => match (x, y) {
            (Int::Small(p), Int::Small(q)) => p == q,
            _ => x.to_bigint() == y.to_bigint(),
        },
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Complex { real: r1, imag: i1 }, Constant::Complex { real: r2, imag: i2 }) => {
            r1.to_bits() == r2.to_bits() && i1.to_bits() == i2.to_bits()
        }
        (Constant::Str(x), Constant::Str(y)) => x.as_bytes() == y.as_bytes(),
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| key_eq(p, q)),
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| key_eq(p, q)))
        }
        (Constant::Code(x), Constant::Code(y)) => Rc::ptr_eq(x, y) || code_eq(x, y),
        _ => false,
    }
}

/// `code_richcompare`.
fn code_eq(a: &CodeObject, b: &CodeObject) -> bool {
    a.name == b.name
        && a.argcount == b.argcount
        && a.posonlyargcount == b.posonlyargcount
        && a.kwonlyargcount == b.kwonlyargcount
        && a.flags == b.flags
        && a.firstlineno == b.firstlineno
        && a.code == b.code
        && a.consts.len() == b.consts.len()
        && a.consts.iter().zip(&b.consts).all(|(p, q)| key_eq(p, q))
        && a.names == b.names
        && a.localsplusnames == b.localsplusnames
        && a.linetable == b.linetable
        && a.exceptiontable == b.exceptiontable
}

/// A hash consistent with `key_eq`.
pub fn key_hash(c: &Constant, h: &mut impl Hasher) {
    std::mem::discriminant(c).hash(h);
    match c {
        Constant::None | Constant::Ellipsis => {}
        Constant::Bool(b) => b.hash(h),
        Constant::Int(Int::Small(v)) => v.hash(h),
        Constant::Int(Int::Big(b)) => match b.to_i64() {
            Some(v) => v.hash(h),
            None => b.hash(h),
        },
        Constant::Float(f) => f.to_bits().hash(h),
        Constant::Complex { real, imag } => (real.to_bits(), imag.to_bits()).hash(h),
        Constant::Str(s) => s.as_bytes().hash(h),
        Constant::Bytes(b) => b.hash(h),
        Constant::Tuple(items) => {
            items.len().hash(h);
            for item in items {
                key_hash(item, h);
            }
        }
        Constant::FrozenSet(items) => {
            // Order-independent: a sum of the items' own hashes.
            let mut sum: u64 = 0;
            for item in items {
                let mut ih = crate::ordmap::FxHasher::default();
                key_hash(item, &mut ih);
                sum = sum.wrapping_add(ih.finish());
            }
            (items.len(), sum).hash(h);
        }
        Constant::Code(code) => {
            code.name.hash(h);
            code.firstlineno.hash(h);
            code.code.len().hash(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: i64) -> Constant {
        Constant::Int(Int::Small(v))
    }

    fn s(v: &str) -> Constant {
        Constant::Str(StrLit::from_text(v))
    }

    #[test]
    fn arithmetic() {
        assert_eq!(binary_op(Operator::Add, &int(1), &int(2)), Some(int(3)));
        assert_eq!(binary_op(Operator::FloorDiv, &int(-7), &int(2)), Some(int(-4)));
        assert_eq!(binary_op(Operator::Mod, &int(-7), &int(2)), Some(int(1)));
        assert_eq!(binary_op(Operator::Div, &int(1), &int(0)), None);
        assert_eq!(binary_op(Operator::Div, &int(7), &int(2)), Some(Constant::Float(3.5)));
        assert_eq!(binary_op(Operator::Pow, &int(2), &int(-1)), Some(Constant::Float(0.5)));
        assert_eq!(binary_op(Operator::Pow, &int(2), &int(200)), None);
        assert_eq!(binary_op(Operator::Mult, &s("ab"), &int(3)), Some(s("ababab")));
        assert_eq!(binary_op(Operator::Mult, &s("ab"), &int(5000)), None);
        assert_eq!(binary_op(Operator::Mod, &s("%s"), &int(1)), None);
        assert_eq!(
            binary_op(Operator::Add, &int(1), &Constant::Complex { real: 0.0, imag: 2.0 }),
            Some(Constant::Complex { real: 1.0, imag: 2.0 })
        );
        assert_eq!(
            binary_op(Operator::BitOr, &Constant::Bool(true), &Constant::Bool(false)),
            Some(Constant::Bool(true))
        );
        assert_eq!(binary_op(Operator::Add, &Constant::Bool(true), &Constant::Bool(true)), Some(int(2)));
        assert_eq!(binary_op(Operator::FloorDiv, &Constant::Float(-7.5), &int(2)), Some(Constant::Float(-4.0)));
        assert_eq!(binary_op(Operator::LShift, &int(1), &int(127)), Some(int_const(BigInt::one() << 127u32)));
        assert_eq!(binary_op(Operator::LShift, &int(1), &int(128)), None);
    }

    #[test]
    fn conversions() {
        let big = BigInt::one() << 80u32;
        assert_eq!(int_to_f64(&big), Some(2f64.powi(80)));
        let odd = (BigInt::one() << 80u32) + BigInt::one();
        assert_eq!(int_to_f64(&odd), Some(2f64.powi(80)));
        assert_eq!(int_true_divide(&(BigInt::one() << 100u32), &BigInt::from(3)), Some(2f64.powi(100) / 3.0));
        assert_eq!(int_to_f64(&(BigInt::one() << 1024u32)), None);
    }

    #[test]
    fn equality_and_keys() {
        assert!(py_eq(&int(1), &Constant::Float(1.0)));
        assert!(py_eq(&int(1), &Constant::Bool(true)));
        assert!(!key_eq(&int(1), &Constant::Bool(true)));
        assert!(!key_eq(&Constant::Float(0.0), &Constant::Float(-0.0)));
        assert!(key_eq(&Constant::Tuple(vec![int(1), s("a")]), &Constant::Tuple(vec![int(1), s("a")])));
        let fs = make_frozenset(vec![int(1), Constant::Float(1.0), int(2)]);
        assert_eq!(repr(&fs), "frozenset({1, 2})");
    }
}
