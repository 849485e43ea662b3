//! `slice` (CPython's `Objects/sliceobject.c`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::vm::{PyResult, Vm};

pub(crate) struct SliceData {
    pub start: Obj,
    pub stop: Obj,
    pub step: Obj,
}
impl PyPayload for SliceData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t =
        TypeObject::new::<SliceData>("slice", std::mem::size_of::<PyCell<SliceData>>(), true, flags::IMMUTABLETYPE);
    t.doc = Some("slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).");
    t.slots.repr.set(Some(slice_repr));
    t.slots.richcompare.set(Some(slice_richcompare));
    t.slots
        .hash
        .set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    t.slots.new.set(Some(slice_new));
    // Every `a[i:j]` makes one: the plain-container allocation path.
    t.mark_container::<SliceData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.slice;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new(
                "start",
                |_, o| Ok(slice_of(o).start.clone()),
                Some(crate::objects::descriptor::readonly_member),
            ),
            GetSetDef::new(
                "stop",
                |_, o| Ok(slice_of(o).stop.clone()),
                Some(crate::objects::descriptor::readonly_member),
            ),
            GetSetDef::new(
                "step",
                |_, o| Ok(slice_of(o).step.clone()),
                Some(crate::objects::descriptor::readonly_member),
            ),
        ],
    );
    add_methods(vm, ty, &[MethodDef::method("indices", slice_indices), MethodDef::method("__reduce__", slice_reduce)]);
}

fn slice_of(o: &Obj) -> &SliceData {
    o.payload::<SliceData>().expect("a slice")
}

impl Vm {
    pub fn new_slice(&self, start: Obj, stop: Obj, step: Obj) -> Obj {
        alloc_object(&self.ctx.types.slice, SliceData { start, stop, step })
    }
}

impl SliceData {
    pub(crate) fn step_is_none(&self, vm: &Vm) -> bool {
        vm.is_none(&self.step)
    }

    /// `slice.indices(len)` for an isize length: (start, stop, step) after
    /// clamping, as CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`.
    pub(crate) fn indices(&self, vm: &Vm, len: usize) -> PyResult<(isize, isize, isize)> {
        let step = if vm.is_none(&self.step) {
            1
        } else {
            let s = slice_index(vm, &self.step)?;
            if s == 0 {
                return Err(vm.value_error("slice step cannot be zero"));
            }
            // CPython clamps the step to -PY_SSIZE_T_MAX so -step cannot overflow.
            s.max(-isize::MAX)
        };
        let bound = |v: &Obj| -> PyResult<Option<isize>> {
            if vm.is_none(v) {
                return Ok(None);
            }
            slice_index(vm, v).map(Some)
        };
        let start = bound(&self.start)?;
        let stop = bound(&self.stop)?;
        Ok(clamp_indices(start, stop, step, len))
    }
}

/// (start, stop, step) of a slice over `len` items from its bounds (None
/// for a missing one) and its non-zero step, as CPython's
/// `PySlice_AdjustIndices`.
#[inline]
pub(crate) fn clamp_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    len: usize,
) -> (isize, isize, isize) {
    let len = len as isize;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |v: Option<isize>, default: isize| -> isize {
        let Some(mut i) = v else { return default };
        if i < 0 {
            i += len;
            if i < lower {
                i = lower;
            }
        } else if i > upper {
            i = upper;
        }
        i
    };
    let start = adjust(start, if step < 0 { upper } else { lower });
    let stop = adjust(stop, if step < 0 { lower } else { upper });
    (start, stop, step)
}

/// A slice index: None is not allowed here; `__index__`, clamped.
#[inline]
fn slice_index(vm: &Vm, v: &Obj) -> PyResult<isize> {
    // An int (or subclass) is read directly, as CPython's `_PyEval_SliceIndex`.
    if let Some(crate::objects::int::IntValue::Small(i)) = crate::objects::int::value(v) {
        return Ok(*i as isize);
    }
    if !vm.has_index(v) {
        return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
    }
    vm.index_to_isize_clamped(v)
}

/// The indices a clamped (start, stop, step) visits.
pub(crate) fn iter_indices(start: isize, stop: isize, step: isize) -> impl Iterator<Item = isize> {
    let n = slice_length(start, stop, step);
    (0..n).map(move |k| start + k as isize * step)
}

/// How many indices a clamped slice visits.
pub(crate) fn slice_length(start: isize, stop: isize, step: isize) -> usize {
    if step > 0 {
        if start < stop {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if stop < start {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    }
}

fn slice_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "slice", kwnames)?;
    let none = vm.none();
    match args.len() {
        0 => Err(vm.type_error("slice expected at least 1 argument, got 0")),
        1 => Ok(vm.new_slice(none.clone(), args[0].clone(), none)),
        2 => Ok(vm.new_slice(args[0].clone(), args[1].clone(), none)),
        3 => Ok(vm.new_slice(args[0].clone(), args[1].clone(), args[2].clone())),
        n => Err(vm.type_error(format!("slice expected at most 3 arguments, got {n}"))),
    }
}

fn slice_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = slice_of(o);
    let text =
        format!("slice({}, {}, {})", vm.repr_string(&s.start)?, vm.repr_string(&s.stop)?, vm.repr_string(&s.step)?);
    Ok(vm.new_str_from_string(text))
}

fn slice_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(sb) = b.payload::<SliceData>() else { return Ok(vm.not_implemented()) };
    let sa = slice_of(a);
    let ta = [sa.start.clone(), sa.stop.clone(), sa.step.clone()];
    let tb = [sb.start.clone(), sb.stop.clone(), sb.step.clone()];
    crate::objects::tuple::compare_sequences(vm, &ta, &tb, op)
}

/// `slice.indices(length)` with arbitrary-precision arithmetic.
fn slice_indices(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [len] = crate::args::exact::<1>(vm, "indices", args, kwnames)?;
    let length = vm.to_bigint(&len)?;
    if length.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    let s = slice_of(o);
    let big = |v: &Obj| -> PyResult<Option<BigInt>> {
        if vm.is_none(v) {
            return Ok(None);
        }
        if !vm.has_index(v) {
            return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
        }
        Ok(Some(vm.to_bigint(v)?))
    };
    let step = big(&s.step)?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let neg = step.is_negative();
    let (lower, upper) = if neg { (BigInt::from(-1), &length - 1) } else { (BigInt::zero(), length.clone()) };
    let adjust = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(mut i) => {
                if i.is_negative() {
                    i += &length;
                    if i < lower {
                        i = lower.clone();
                    }
                } else if i > upper {
                    i = upper.clone();
                }
                i
            }
        }
    };
    let start = adjust(big(&s.start)?, if neg { &upper } else { &lower });
    let stop = adjust(big(&s.stop)?, if neg { &lower } else { &upper });
    let _ = Integer::is_even(&step);
    Ok(vm.new_tuple(vec![vm.new_bigint(start), vm.new_bigint(stop), vm.new_bigint(step)]))
}

fn slice_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let s = slice_of(o);
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()])]))
}
