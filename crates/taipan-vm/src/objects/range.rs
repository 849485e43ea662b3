//! `range` (CPython's `Objects/rangeobject.c`): arbitrary-precision bounds,
//! with machine-word iteration when they fit.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use std::cell::OnceCell;

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::int::{self, IntValue};
use crate::objects::slice;
use crate::vm::{PyResult, Vm};

pub(crate) struct RangeData {
    /// The bounds as machine words when they all fit (every range a loop
    /// makes): iteration starts from these, with no big-int arithmetic.
    words: Option<Words>,
    /// The bounds as big ints: made when first asked for when `words` is
    /// set, at creation otherwise.
    big: OnceCell<Big>,
    start_obj: Obj,
    stop_obj: Obj,
    step_obj: Obj,
}

/// A range's bounds and length in machine words.
#[derive(Clone, Copy)]
pub(crate) struct Words {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: u64,
}

impl Words {
    /// May `iter()` use the word iterator? CPython's `range_iter` test: a
    /// length that fits a C long, and `stop` far enough from the end of the
    /// word range that `start + len * step` cannot overflow.
    pub(crate) fn fit_word_iterator(&self) -> bool {
        if self.len > i64::MAX as u64 {
            return false;
        }
        if self.len == 0 {
            return true;
        }
        if self.step > 0 {
            self.stop <= i64::MAX - (self.step - 1)
        } else {
            self.stop >= i64::MIN + (-1 - self.step)
        }
    }
}

/// A range's bounds and length in arbitrary precision.
pub(crate) struct Big {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    pub length: BigInt,
}

impl RangeData {
    pub(crate) fn words(&self) -> Option<Words> {
        self.words
    }

    /// The big-int bounds (the attributes are exact ints).
    pub(crate) fn big(&self) -> &Big {
        self.big.get_or_init(|| {
            let big = |o: &Obj| int::value(o).expect("range bound is an int").to_big();
            let (start, stop, step) = (big(&self.start_obj), big(&self.stop_obj), big(&self.step_obj));
            let length = compute_length(&start, &stop, &step);
            Big { start, stop, step, length }
        })
    }
}
impl PyPayload for RangeData {}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<RangeData>(
        "range",
        std::mem::size_of::<PyCell<RangeData>>(),
        false,
        flags::SEQUENCE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).");
    let s = &t.slots;
    s.repr.set(Some(range_repr));
    s.hash.set(Some(range_hash));
    s.richcompare.set(Some(range_richcompare));
    s.iter.set(Some(crate::objects::iter::range_iter));
    s.sq_length.set(Some(range_len));
    s.sq_contains.set(Some(range_contains));
    s.mp_subscript.set(Some(range_subscript));
    s.nb_bool.set(Some(|_, o| Ok(range_is_nonempty(o))));
    s.new.set(Some(range_new));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.range;
    crate::objects::descriptor::add_native_members(
        vm,
        ty,
        &[
            ("start", |_, o| Ok(range_of(o).start_obj.clone()), None),
            ("stop", |_, o| Ok(range_of(o).stop_obj.clone()), None),
            ("step", |_, o| Ok(range_of(o).step_obj.clone()), None),
        ],
    );
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("count", range_count),
            MethodDef::method("index", range_index),
            MethodDef::method("__reversed__", range_reversed),
            MethodDef::method("__reduce__", range_reduce),
        ],
    );
}

pub(crate) fn range_of(o: &Obj) -> &RangeData {
    o.payload::<RangeData>().expect("a range")
}

fn compute_length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1u32) / step + 1u32
        } else {
            BigInt::zero()
        }
    } else if stop < start {
        (start - stop - 1u32) / (-step) + 1u32
    } else {
        BigInt::zero()
    }
}

pub(crate) fn new_range(vm: &Vm, start: Obj, stop: Obj, step: Obj) -> PyResult<Obj> {
    // Each argument's __index__ runs once; the attributes are exact ints.
    let (start, stop, step) = (vm.index_exact(&start)?, vm.index_exact(&stop)?, vm.index_exact(&step)?);
    let word = |o: &Obj| int::value(o).and_then(IntValue::as_i64);
    let (words, big) = match (word(&start), word(&stop), word(&step)) {
        (_, _, Some(0)) => return Err(vm.value_error("range() arg 3 must not be zero")),
        (Some(a), Some(b), Some(c)) => {
            (Some(Words { start: a, stop: b, step: c, len: word_length(a, b, c) }), OnceCell::new())
        }
        _ => {
            let (s, e, st) = (vm.to_bigint(&start)?, vm.to_bigint(&stop)?, vm.to_bigint(&step)?);
            if st.is_zero() {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            let length = compute_length(&s, &e, &st);
            (None, OnceCell::from(Big { start: s, stop: e, step: st, length }))
        }
    };
    Ok(alloc_object(&vm.ctx.types.range, RangeData { words, big, start_obj: start, stop_obj: stop, step_obj: step }))
}

/// `compute_length` for word bounds (`step` not zero): the count always
/// fits a u64, as the bounds differ by less than 2**64.
fn word_length(start: i64, stop: i64, step: i64) -> u64 {
    let (lo, hi, step) = if step > 0 { (start, stop, step as i128) } else { (stop, start, -(step as i128)) };
    if lo >= hi {
        return 0;
    }
    ((hi as i128 - lo as i128 - 1) / step + 1) as u64
}

fn range_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "range", kwnames)?;
    match args.len() {
        0 => Err(vm.type_error("range expected at least 1 argument, got 0")),
        1 => new_range(vm, vm.new_int(0), args[0].clone(), vm.new_int(1)),
        2 => new_range(vm, args[0].clone(), args[1].clone(), vm.new_int(1)),
        3 => new_range(vm, args[0].clone(), args[1].clone(), args[2].clone()),
        n => Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    }
}

fn range_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let r = range_of(o);
    let text = if r.big().step.is_one() {
        format!("range({}, {})", vm.repr_string(&r.start_obj)?, vm.repr_string(&r.stop_obj)?)
    } else {
        format!(
            "range({}, {}, {})",
            vm.repr_string(&r.start_obj)?,
            vm.repr_string(&r.stop_obj)?,
            vm.repr_string(&r.step_obj)?
        )
    };
    Ok(vm.new_str_from_string(text))
}

/// `bool(r)`.
fn range_is_nonempty(o: &Obj) -> bool {
    let r = range_of(o);
    match r.words() {
        Some(w) => w.len != 0,
        None => !r.big().length.is_zero(),
    }
}

fn range_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    range_of(o)
        .big()
        .length
        .to_usize()
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

/// Item `i` (0 <= i < length).
fn item(r: &Big, i: &BigInt) -> BigInt {
    &r.start + i * &r.step
}

fn contains_int(r: &Big, v: &BigInt) -> bool {
    let in_bounds = if r.step.is_positive() { &r.start <= v && v < &r.stop } else { &r.stop < v && v <= &r.start };
    in_bounds && (v - &r.start).mod_floor(&r.step).is_zero()
}

fn range_contains(vm: &Vm, o: &Obj, item_: &Obj) -> PyResult<bool> {
    let r = range_of(o).big();
    if item_.type_is(&vm.ctx.types.int) || item_.type_is(&vm.ctx.types.bool_) {
        return Ok(contains_int(r, &int::value(item_).expect("int").to_big()));
    }
    // Anything else: compare against each item, as CPython does.
    let it = crate::objects::iter::range_iter(vm, o)?;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, item_)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn range_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let r = range_of(o).big();
    if let Some(sl) = key.payload::<slice::SliceData>() {
        // Compute with slice.indices on the (big) length.
        let idx = vm.call_method(key, "indices", &[vm.new_bigint(r.length.clone())])?;
        let parts = crate::objects::tuple::items(&idx).to_vec();
        let (s, e, st) = (vm.to_bigint(&parts[0])?, vm.to_bigint(&parts[1])?, vm.to_bigint(&parts[2])?);
        let _ = sl;
        let new_start = item(r, &s);
        let new_stop = item(r, &e);
        let new_step = &st * &r.step;
        return new_range(vm, vm.new_bigint(new_start), vm.new_bigint(new_stop), vm.new_bigint(new_step));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("range indices must be integers or slices, not {}", key.class().name())));
    }
    let mut i = vm.to_bigint(key)?;
    if i.is_negative() {
        i += &r.length;
    }
    if i.is_negative() || i >= r.length {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(vm.new_bigint(item(r, &i)))
}

fn range_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let r = range_of(o);
    let length = &r.big().length;
    let t = if length.is_zero() {
        vm.new_tuple(vec![vm.new_int(0), vm.none(), vm.none()])
    } else if length.is_one() {
        vm.new_tuple(vec![vm.new_int(1), r.start_obj.clone(), vm.none()])
    } else {
        vm.new_tuple(vec![vm.new_bigint(length.clone()), r.start_obj.clone(), r.step_obj.clone()])
    };
    vm.hash(&t)
}

fn range_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(rb) = b.payload::<RangeData>().map(RangeData::big) else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let ra = range_of(a).big();
    let eq = if a.is(b) {
        true
    } else if ra.length != rb.length {
        false
    } else if ra.length.is_zero() {
        true
    } else if ra.start != rb.start {
        false
    } else {
        ra.length.is_one() || ra.step == rb.step
    };
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn range_count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "count", args, kwnames)?;
    let r = range_of(o).big();
    if v.type_is(&vm.ctx.types.int) || v.type_is(&vm.ctx.types.bool_) {
        return Ok(vm.new_int(contains_int(r, &int::value(&v).expect("int").to_big()) as i64));
    }
    let it = crate::objects::iter::range_iter(vm, o)?;
    let mut n = 0;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, &v)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn range_index(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "index", args, kwnames)?;
    let r = range_of(o).big();
    if v.type_is(&vm.ctx.types.int) || v.type_is(&vm.ctx.types.bool_) {
        let x = int::value(&v).expect("int").to_big();
        if contains_int(r, &x) {
            return Ok(vm.new_bigint((x - &r.start) / &r.step));
        }
        return Err(vm.value_error(format!("{} is not in range", vm.repr_string(&v)?)));
    }
    let it = crate::objects::iter::range_iter(vm, o)?;
    let mut i = 0usize;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, &v)? {
            return Ok(vm.new_usize(i));
        }
        i += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

fn range_reversed(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let r = range_of(o).big();
    // reversed(range(a, b, s)) iterates range(last, first - s, -s).
    if r.length.is_zero() {
        let empty = new_range(vm, vm.new_int(0), vm.new_int(0), vm.new_int(1))?;
        return crate::objects::iter::range_iter(vm, &empty);
    }
    let last = item(r, &(&r.length - 1u32));
    let new_stop = &r.start - &r.step;
    let neg_step = -&r.step;
    let rr = new_range(vm, vm.new_bigint(last), vm.new_bigint(new_stop), vm.new_bigint(neg_step))?;
    crate::objects::iter::range_iter(vm, &rr)
}

fn range_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let r = range_of(o);
    Ok(vm.new_tuple(vec![
        o.class_obj(),
        vm.new_tuple(vec![r.start_obj.clone(), r.stop_obj.clone(), r.step_obj.clone()]),
    ]))
}
