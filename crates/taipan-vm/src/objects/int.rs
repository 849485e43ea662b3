//! `int` and `bool` (CPython's `Objects/longobject.c`, `boolobject.c`):
//! arbitrary precision, with a machine-word fast path; small ints from -5 to
//! 256 are preallocated. The remaining methods live in `int_methods.rs`.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::vm::{PyResult, Vm};

pub(crate) use super::int_methods as methods;

/// The value of an int: a machine word when it fits. The big form is boxed
/// so that the value is two words and an int object 32 bytes (the common
/// machine-word ints take a smaller size class; big ints pay one more
/// allocation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntValue {
    Small(i64),
    Big(Box<BigInt>),
}

impl IntValue {
    pub fn from_big(b: BigInt) -> IntValue {
        match b.to_i64() {
            Some(v) => IntValue::Small(v),
            None => IntValue::Big(Box::new(b)),
        }
    }

    pub fn to_big(&self) -> BigInt {
        match self {
            IntValue::Small(v) => BigInt::from(*v),
            IntValue::Big(b) => (**b).clone(),
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            IntValue::Small(v) => Some(*v),
            IntValue::Big(_) => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self, IntValue::Small(0))
    }

    pub fn is_negative(&self) -> bool {
        match self {
            IntValue::Small(v) => *v < 0,
            IntValue::Big(b) => b.is_negative(),
        }
    }

    /// The nearest float, or None if it overflows.
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            IntValue::Small(v) => Some(*v as f64),
            IntValue::Big(b) => {
                let f = b.to_f64()?;
                if f.is_finite() {
                    Some(f)
                } else {
                    None
                }
            }
        }
    }
}

// Machine-word ints are 32-byte objects (header and a two-word value).
const _: () = assert!(std::mem::size_of::<PyCell<IntData>>() == 32);

pub(crate) struct IntData {
    pub value: IntValue,
}

impl PyPayload for IntData {}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<IntData>(
        "int",
        std::mem::size_of::<PyCell<IntData>>(),
        false,
        flags::BASETYPE | flags::LONG_SUBCLASS | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer, or return 0 if no arguments\nare given.  If x is a number, return x.__int__().  For floating point\nnumbers, this truncates towards zero.\n\nIf x is not a number or if base is given, then x must be a string,\nbytes, or bytearray instance representing an integer literal in the\ngiven base.  The literal can be preceded by '+' or '-' and be surrounded\nby whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\nBase 0 means to interpret the base from the string as an integer literal.\n>>> int('0b100', base=0)\n4");
    let s = &t.slots;
    s.repr.set(Some(int_repr));
    s.hash.set(Some(int_hash));
    s.richcompare.set(Some(int_richcompare));
    s.nb_bool.set(Some(int_bool));
    s.nb_int.set(Some(int_int));
    s.nb_index.set(Some(int_int));
    s.nb_float.set(Some(int_float));
    s.nb_negative.set(Some(int_neg));
    s.nb_positive.set(Some(int_pos));
    s.nb_absolute.set(Some(int_abs));
    s.nb_invert.set(Some(int_invert));
    for op in NbOp::ALL {
        if op != NbOp::MatrixMultiply {
            s.nb_binary[op as usize].set(Some(int_binary_slot(op)));
        }
    }
    s.nb_power3.set(Some(methods::int_pow3));
    s.nb_divmod.set(Some(int_divmod));
    s.new.set(Some(methods::int_new));
    t.mark_leaf::<IntData>();
    t
}

pub(crate) fn bool_type_object() -> TypeObject {
    let mut t = TypeObject::new::<IntData>(
        "bool",
        std::mem::size_of::<PyCell<IntData>>(),
        false,
        flags::LONG_SUBCLASS | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.");
    t.slots.repr.set(Some(bool_repr));
    t.slots.new.set(Some(bool_new));
    t.slots.nb_binary[NbOp::And as usize].set(Some(bool_and));
    t.slots.nb_binary[NbOp::Or as usize].set(Some(bool_or));
    t.slots.nb_binary[NbOp::Xor as usize].set(Some(bool_xor));
    t
}

pub(crate) fn setup(vm: &Vm) {
    methods::setup(vm);
}

pub(crate) fn new_bool_object(ty: &Obj, b: bool) -> Obj {
    let o = alloc_object(ty, IntData { value: IntValue::Small(b as i64) });
    crate::object::make_immortal(&o);
    o
}

pub(crate) fn alloc_small(ty: &Obj, v: i64) -> Obj {
    alloc_object(ty, IntData { value: IntValue::Small(v) })
}

/// The value of an int (or bool) object.
#[inline]
pub fn value(o: &Obj) -> Option<&IntValue> {
    o.payload::<IntData>().map(|d| &d.value)
}

impl Vm {
    #[inline]
    pub fn new_int(&self, v: i64) -> Obj {
        if (crate::context::SMALL_INT_MIN..=crate::context::SMALL_INT_MAX).contains(&v) {
            return self.ctx.small_ints[(v - crate::context::SMALL_INT_MIN) as usize].clone();
        }
        // SAFETY: `int` is a leaf type of 32-byte `PyCell<IntData>` objects
        // (`type_object` marks it, the size is asserted above).
        unsafe { crate::object::alloc_cached_leaf(&self.ctx.types.int, IntData { value: IntValue::Small(v) }) }
    }

    pub fn new_bigint(&self, v: BigInt) -> Obj {
        match v.to_i64() {
            Some(s) => self.new_int(s),
            None => alloc_object(&self.ctx.types.int, IntData { value: IntValue::Big(Box::new(v)) }),
        }
    }

    pub fn new_int_value(&self, v: IntValue) -> Obj {
        match v {
            IntValue::Small(s) => self.new_int(s),
            IntValue::Big(b) => self.new_bigint(*b),
        }
    }

    pub fn new_usize(&self, v: usize) -> Obj {
        match i64::try_from(v) {
            Ok(s) => self.new_int(s),
            Err(_) => self.new_bigint(BigInt::from(v)),
        }
    }
}

fn int_of(o: &Obj) -> &IntValue {
    value(o).expect("an int object")
}

/// `repr(int)`: decimal digits, with CPython's 4300-digit conversion limit.
pub fn to_decimal(vm: &Vm, v: &IntValue) -> PyResult<String> {
    match v {
        IntValue::Small(x) => Ok(x.to_string()),
        IntValue::Big(b) => {
            let limit = vm.int_max_str_digits();
            // Cheap bound first: bits * log10(2).
            if limit > 0 && (b.bits() as f64) * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                )));
            }
            let s = b.to_string();
            let digits = s.trim_start_matches('-').len();
            if limit > 0 && digits > limit {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                )));
            }
            Ok(s)
        }
    }
}

fn int_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if let IntValue::Small(x) = int_of(o) {
        let mut buf = [0u8; 20];
        return Ok(vm.new_ascii_str(word_decimal_bytes(*x, &mut buf)));
    }
    Ok(vm.new_str_from_string(to_decimal(vm, int_of(o))?))
}

/// The decimal digits of `x`, written at the end of `buf` (20 bytes hold
/// `i64::MIN`), with no intermediate `String`.
fn word_decimal_bytes(x: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = u64_digits(x.unsigned_abs(), buf);
    if x < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// Writes `n`'s decimal digits at the end of `buf` (20 bytes hold
/// `u64::MAX`) and returns where they start. It allocates nothing, so the
/// fatal-error path (faulthandler's dumps) uses it too.
pub(crate) fn u64_digits(mut n: u64, buf: &mut [u8; 20]) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

fn bool_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str(if int_of(o).is_zero() { "False" } else { "True" }))
}

pub(crate) fn hash_value(v: &IntValue) -> i64 {
    match v {
        IntValue::Small(x) => crate::hash::hash_i64(*x),
        IntValue::Big(b) => crate::hash::hash_bigint(b),
    }
}

fn int_hash(_vm: &Vm, o: &Obj) -> PyResult<i64> {
    Ok(hash_value(int_of(o)))
}

fn int_bool(_vm: &Vm, o: &Obj) -> PyResult<bool> {
    Ok(!int_of(o).is_zero())
}

/// `int(x)` of an int subclass instance: a plain int with the same value.
fn int_int(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if o.class_obj().is(&vm.ctx.types.int) {
        return Ok(o.clone());
    }
    Ok(vm.new_int_value(int_of(o).clone()))
}

fn int_float(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    match int_of(o).to_f64() {
        Some(f) => Ok(vm.new_float(f)),
        None => Err(vm.overflow_error("int too large to convert to float")),
    }
}

fn int_neg(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(match int_of(o) {
        IntValue::Small(v) => match v.checked_neg() {
            Some(n) => vm.new_int(n),
            None => vm.new_bigint(-BigInt::from(*v)),
        },
        IntValue::Big(b) => vm.new_bigint(-&**b),
    })
}

fn int_pos(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    int_int(vm, o)
}

fn int_abs(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(match int_of(o) {
        IntValue::Small(v) => match v.checked_abs() {
            Some(n) => vm.new_int(n),
            None => vm.new_bigint(BigInt::from(*v).abs()),
        },
        IntValue::Big(b) => vm.new_bigint(b.abs()),
    })
}

fn int_invert(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(match int_of(o) {
        IntValue::Small(v) => vm.new_int(!v),
        IntValue::Big(b) => vm.new_bigint(-(&**b + BigInt::one())),
    })
}

/// Compare two int values.
pub(crate) fn cmp_values(a: &IntValue, b: &IntValue) -> std::cmp::Ordering {
    match (a, b) {
        (IntValue::Small(x), IntValue::Small(y)) => x.cmp(y),
        _ => a.to_big().cmp(&b.to_big()),
    }
}

fn int_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let av = int_of(a);
    let ord = if let Some(bv) = value(b) {
        cmp_values(av, bv)
    } else {
        // int vs float is float's comparison (reflected), as in CPython.
        return Ok(vm.not_implemented());
    };
    Ok(vm.bool_obj(ordering_matches(ord, op)))
}

pub(crate) fn ordering_matches(ord: std::cmp::Ordering, op: CompareOp) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    }
}

fn int_binary_slot(op: NbOp) -> crate::object::typeobj::BinaryFn {
    match op {
        NbOp::Add => |vm, a, b| int_binop(vm, a, b, NbOp::Add),
        NbOp::Subtract => |vm, a, b| int_binop(vm, a, b, NbOp::Subtract),
        NbOp::Multiply => |vm, a, b| int_binop(vm, a, b, NbOp::Multiply),
        NbOp::FloorDivide => |vm, a, b| int_binop(vm, a, b, NbOp::FloorDivide),
        NbOp::Remainder => |vm, a, b| int_binop(vm, a, b, NbOp::Remainder),
        NbOp::TrueDivide => |vm, a, b| int_binop(vm, a, b, NbOp::TrueDivide),
        NbOp::Power => |vm, a, b| int_binop(vm, a, b, NbOp::Power),
        NbOp::Lshift => |vm, a, b| int_binop(vm, a, b, NbOp::Lshift),
        NbOp::Rshift => |vm, a, b| int_binop(vm, a, b, NbOp::Rshift),
        NbOp::And => |vm, a, b| int_binop(vm, a, b, NbOp::And),
        NbOp::Or => |vm, a, b| int_binop(vm, a, b, NbOp::Or),
        NbOp::Xor => |vm, a, b| int_binop(vm, a, b, NbOp::Xor),
        NbOp::MatrixMultiply => |vm, _a, _b| Ok(vm.not_implemented()),
    }
}

/// The binary number slot of int: both operands must be ints.
pub(crate) fn int_binop(vm: &Vm, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (value(a), value(b)) else {
        return Ok(vm.not_implemented());
    };
    binop_values(vm, x, y, op)
}

/// Python integer arithmetic on two machine words, when the result is a
/// machine word too and no error is due (None: the general path decides).
#[inline]
pub(crate) fn word_binop(op: NbOp, a: i64, b: i64) -> Option<i64> {
    match op {
        NbOp::Add => a.checked_add(b),
        NbOp::Subtract => a.checked_sub(b),
        NbOp::Multiply => a.checked_mul(b),
        NbOp::And => Some(a & b),
        NbOp::Or => Some(a | b),
        NbOp::Xor => Some(a ^ b),
        NbOp::FloorDivide if b != 0 => {
            if a == i64::MIN && b == -1 {
                None
            } else {
                // Truncated, then one down when the signs differ and
                // something remains (Python floors).
                let q = a / b;
                Some(if a % b != 0 && (a < 0) != (b < 0) { q - 1 } else { q })
            }
        }
        NbOp::Remainder if b != 0 => {
            if b == -1 {
                Some(0)
            } else {
                // The remainder takes the divisor's sign.
                let r = a % b;
                Some(if r != 0 && (r < 0) != (b < 0) { r + b } else { r })
            }
        }
        NbOp::Rshift if b >= 0 => Some(if b >= 64 {
            if a < 0 {
                -1
            } else {
                0
            }
        } else {
            a >> b
        }),
        NbOp::Lshift if (0..63).contains(&b) => {
            let r = a.checked_shl(b as u32);
            r.filter(|r| (r >> b) == a)
        }
        _ => None,
    }
}

/// Python integer arithmetic on two values.
pub(crate) fn binop_values(vm: &Vm, x: &IntValue, y: &IntValue, op: NbOp) -> PyResult<Obj> {
    if let (IntValue::Small(a), IntValue::Small(b)) = (x, y) {
        if let Some(r) = word_binop(op, *a, *b) {
            return Ok(vm.new_int(r));
        }
    }
    match op {
        NbOp::TrueDivide => return true_divide(vm, x, y),
        NbOp::Power => return methods::pow_values(vm, x, y, None),
        _ => {}
    }
    let a = x.to_big();
    let b = y.to_big();
    let r = match op {
        NbOp::Add => a + b,
        NbOp::Subtract => a - b,
        NbOp::Multiply => a * b,
        NbOp::And => a & b,
        NbOp::Or => a | b,
        NbOp::Xor => a ^ b,
        NbOp::FloorDivide => {
            if b.is_zero() {
                return Err(vm.zero_division_error("integer division or modulo by zero"));
            }
            a.div_floor(&b)
        }
        NbOp::Remainder => {
            if b.is_zero() {
                return Err(vm.zero_division_error("integer modulo by zero"));
            }
            a.mod_floor(&b)
        }
        NbOp::Lshift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let Some(n) = b.to_u64().filter(|&n| n < (1 << 40)) else {
                if a.is_zero() {
                    return Ok(vm.new_int(0));
                }
                return Err(vm.overflow_error("too many digits in integer"));
            };
            a << n
        }
        NbOp::Rshift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_u64() {
                // num-bigint's shift of a negative number rounds towards
                // negative infinity, as Python's does.
                Some(n) => &a >> n,
                None => {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        _ => return Ok(vm.not_implemented()),
    };
    Ok(vm.new_bigint(r))
}

/// `a / b` for ints: correctly rounded, as CPython's `long_true_divide`.
fn true_divide(vm: &Vm, x: &IntValue, y: &IntValue) -> PyResult<Obj> {
    if y.is_zero() {
        return Err(vm.zero_division_error("division by zero"));
    }
    if let (IntValue::Small(a), IntValue::Small(b)) = (x, y) {
        // Exact when both fit in a double's mantissa.
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(vm.new_float(*a as f64 / *b as f64));
        }
    }
    let a = x.to_big();
    let b = y.to_big();
    match big_true_divide(&a, &b) {
        Some(f) => Ok(vm.new_float(f)),
        None => Err(vm.overflow_error("integer division result too large for a float")),
    }
}

/// Correctly rounded a/b (round-half-even, subnormal results included, as
/// CPython's `long_true_divide`), None on overflow.
pub(crate) fn big_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let a = a.abs();
    let b = b.abs();
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // k = floor(log2(a / b)).
    let mut k = a.bits() as i64 - b.bits() as i64;
    let below = if k >= 0 { a < (&b << k as u64) } else { (&a << (-k) as u64) < b };
    if below {
        k -= 1;
    }
    if k > 1023 {
        return None;
    }
    // The unit in the last place of the result: 2**(k-52) for a normal
    // float, the smallest subnormal below that.
    let ulp = (k - 52).max(-1074);
    let (num, den) = if ulp >= 0 { (a, &b << ulp as u64) } else { (&a << (-ulp) as u64, b) };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64()?;
    let twice_r: BigInt = r << 1u32;
    if twice_r > den || (twice_r == den && q & 1 == 1) {
        q += 1;
    }
    let f = (q as f64) * pow2(ulp);
    if !f.is_finite() {
        return None;
    }
    Some(if negative { -f } else { f })
}

/// 2**e exactly, for -1074 <= e <= 1023.
fn pow2(e: i64) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

// ---- bool ----------------------------------------------------------------------------------------

fn bool_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if kwnames.is_some_and(|k| crate::objects::tuple::len(k) > 0) {
        return Err(vm.type_error("bool() takes no keyword arguments"));
    }
    match args {
        [] => Ok(vm.bool_obj(false)),
        [x] => Ok(vm.bool_obj(vm.is_true(x)?)),
        _ => Err(vm.type_error(format!("bool expected at most 1 argument, got {}", args.len()))),
    }
}

fn bool_logic(vm: &Vm, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
    let is_bool = |o: &Obj| o.class_obj().is(&vm.ctx.types.bool_);
    if is_bool(a) && is_bool(b) {
        let (x, y) = (!int_of(a).is_zero(), !int_of(b).is_zero());
        return Ok(vm.bool_obj(match op {
            NbOp::And => x & y,
            NbOp::Or => x | y,
            _ => x ^ y,
        }));
    }
    int_binop(vm, a, b, op)
}

fn bool_and(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    bool_logic(vm, a, b, NbOp::And)
}

fn bool_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    bool_logic(vm, a, b, NbOp::Or)
}

fn bool_xor(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    bool_logic(vm, a, b, NbOp::Xor)
}

/// `divmod(a, b)` for ints: floor quotient and remainder.
fn int_divmod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (value(a), value(b)) else { return Ok(vm.not_implemented()) };
    let (q, r) = match (x, y) {
        (IntValue::Small(a), IntValue::Small(b)) if *b != 0 && !(*a == i64::MIN && *b == -1) => {
            // Truncated quotient and remainder, moved to floor division
            // when the remainder's sign differs from the divisor's.
            let (q, r) = (a / b, a % b);
            if r != 0 && (r < 0) != (*b < 0) {
                (vm.new_int(q - 1), vm.new_int(r + b))
            } else {
                (vm.new_int(q), vm.new_int(r))
            }
        }
        _ => (binop_values(vm, x, y, NbOp::FloorDivide)?, binop_values(vm, x, y, NbOp::Remainder)?),
    };
    Ok(crate::objects::tuple::new_from_iter(vm, 2, [q, r].into_iter()))
}

#[cfg(test)]
mod tests {
    use super::{u64_digits, word_decimal_bytes};

    #[test]
    fn word_decimal_matches_to_string() {
        for x in [0, 1, -1, 9, 10, -10, 123456, i64::MAX, i64::MIN, i64::MIN + 1, 1 << 53, -(1 << 40) - 7] {
            let mut buf = [0u8; 20];
            assert_eq!(word_decimal_bytes(x, &mut buf), x.to_string().as_bytes());
        }
        let mut buf = [0u8; 20];
        let start = u64_digits(u64::MAX, &mut buf);
        assert_eq!((start, &buf[start..]), (0, u64::MAX.to_string().as_bytes()));
    }
}
