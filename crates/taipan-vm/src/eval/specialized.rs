//! The specialized instructions' guards and fast paths (the handler bodies
//! of CPython 3.11's specialized forms in `ceval.c`). Each returns None when
//! its guard fails: the eval loop then counts a miss and runs the generic
//! instruction, so behaviour never depends on the specialization.

use std::cell::Cell;

use super::cache::{self, read16, read32, read64};
use super::specialize::{CMP_EQUAL, CMP_GREATER, CMP_LESS};
use crate::object::typeobj::NbOp;
use crate::object::{Obj, PyCell, PyObject};
use crate::objects::{class, dict, float, instance_values, int, list, str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

// ---- LOAD_GLOBAL ------------------------------------------------------------------------------

#[inline(always)]
pub(super) fn load_global_module(vm: &Vm, units: &[Cell<u16>], pc: usize, globals: &Obj) -> Option<Obj> {
    if !globals.type_is(&vm.ctx.types.dict) {
        return None;
    }
    let g = exact_dict(globals);
    if g.current_keys_version() != read32(units, pc + 1 + cache::GLOBAL_MODULE_VERSION) {
        return None;
    }
    g.value_at(read16(units, pc + 1 + cache::GLOBAL_INDEX) as usize)
}

/// The payload of an exact dict. The caller has checked the type, so it
/// is read without the `TypeId` check of `dict::data`.
#[inline(always)]
fn exact_dict(o: &Obj) -> &dict::DictData {
    // SAFETY: the caller checked that `o`'s type is exactly `dict`, whose
    // instances are `PyCell<DictData>`.
    unsafe { o.payload_unchecked::<dict::DictData>() }
}

#[inline(always)]
pub(super) fn load_global_builtin(
    vm: &Vm,
    units: &[Cell<u16>],
    pc: usize,
    globals: &Obj,
    builtins: &Obj,
) -> Option<Obj> {
    let t = &vm.ctx.types;
    if !globals.type_is(&t.dict) || !builtins.type_is(&t.dict) {
        return None;
    }
    let (g, b) = (exact_dict(globals), exact_dict(builtins));
    if g.current_keys_version() != read32(units, pc + 1 + cache::GLOBAL_MODULE_VERSION)
        || b.current_keys_version() != read16(units, pc + 1 + cache::GLOBAL_BUILTIN_VERSION) as u32
    {
        return None;
    }
    b.value_at(read16(units, pc + 1 + cache::GLOBAL_INDEX) as usize)
}

// ---- BINARY_OP --------------------------------------------------------------------------------

/// The machine-word value of an exact int (None for a big one). The
/// caller has checked the type, so the payload is read without the
/// `TypeId` check of `Obj::payload`.
#[inline(always)]
pub(super) fn exact_int_word(o: &Obj) -> Option<i64> {
    // SAFETY: the caller checked that `o`'s type is exactly `int`, whose
    // instances are `PyCell<IntData>`.
    match unsafe { &o.payload_unchecked::<int::IntData>().value } {
        int::IntValue::Small(v) => Some(*v),
        int::IntValue::Big(_) => None,
    }
}

/// The truth (`if x:`) of an exact word int, str, list, tuple or dict
/// read from the object itself, without the `nb_bool`/length slot call;
/// None for anything else.
#[inline(always)]
pub(super) fn exact_truth(vm: &Vm, o: &Obj) -> Option<bool> {
    let t = &vm.ctx.types;
    if o.type_is(&t.int) {
        exact_int_word(o).map(|w| w != 0)
    } else if o.type_is(&t.str) {
        Some(pystr::len(o) != 0)
    } else if o.type_is(&t.list) {
        Some(!exact_list(o).is_empty())
    } else if o.type_is(&t.tuple) {
        Some(!exact_tuple_items(o).is_empty())
    } else if o.type_is(&t.dict) {
        Some(dict::len(o) != 0)
    } else {
        None
    }
}

/// The value of an exact float (the caller checked the type).
#[inline(always)]
pub(super) fn exact_float(o: &Obj) -> f64 {
    // SAFETY: the caller checked that `o`'s type is exactly `float`,
    // whose instances are `PyCell<FloatData>`.
    unsafe { o.payload_unchecked::<float::FloatData>().value }
}

/// Two exact ints: `Some(Some(r))` for a machine-word result,
/// `Some(None)` when an operand or the result needs a bignum (never a
/// miss: the form is right, only the size is not), None for other types.
#[inline(always)]
pub(super) fn int_op(vm: &Vm, opcode: u8, a: &Obj, b: &Obj) -> Option<Option<i64>> {
    use super::op;
    let t = &vm.ctx.types;
    if !a.type_is(&t.int) || !b.type_is(&t.int) {
        return None;
    }
    let (Some(x), Some(y)) = (exact_int_word(a), exact_int_word(b)) else { return Some(None) };
    Some(match opcode {
        op::BinaryOpAddInt => x.checked_add(y),
        op::BinaryOpSubtractInt => x.checked_sub(y),
        _ => x.checked_mul(y),
    })
}

/// The result object of an `int_op` that passed its guard: the word
/// written into an operand the value stack held the only reference to
/// (CPython's reuse of temporaries), a new int, or the bignum arithmetic.
#[inline(always)]
pub(super) fn int_result(vm: &Vm, opcode: u8, mut a: Obj, mut b: Obj, r: Option<i64>) -> PyResult<Obj> {
    use super::op;
    let Some(r) = r else {
        let nb = match opcode {
            op::BinaryOpAddInt => NbOp::Add,
            op::BinaryOpSubtractInt => NbOp::Subtract,
            _ => NbOp::Multiply,
        };
        return int::int_binop(vm, &a, &b, nb);
    };
    // A result in the small-int cache must be the cached object (`is`
    // sees the difference), so only larger values are written in place.
    if !(crate::context::SMALL_INT_MIN..=crate::context::SMALL_INT_MAX).contains(&r) {
        if reuse_int(&mut a, r) {
            return Ok(a);
        }
        if reuse_int(&mut b, r) {
            return Ok(b);
        }
    }
    Ok(vm.new_int(r))
}

/// Write `r` into the exact int `o` if `o` is the only reference to it.
#[inline(always)]
fn reuse_int(o: &mut Obj, r: i64) -> bool {
    if o.refcnt() != 1 {
        return false;
    }
    // SAFETY: `o` is an exact int (the guard of `int_op`) and the only
    // reference to it is ours (refcount 1, held by `&mut`), so no other
    // reference can read the payload while it changes; the old value is
    // dropped by the assignment.
    set_int_word(unsafe { &mut (*o.as_ptr().cast::<PyCell<int::IntData>>()).payload.value }, r);
    true
}

/// `x = a op b` where the STORE_FAST into `x` follows: may the result be
/// written into the object `x` holds now? Only an exact `ty` instance whose
/// references are the local and the operands themselves (`x = x + y`), so
/// it is garbage once the store is done and no one sees it change.
#[inline(always)]
fn local_is_sole(ty: &Obj, local: &Option<Obj>, a: &Obj, b: &Obj) -> Option<*mut crate::object::PyObject> {
    let t = local.as_ref()?;
    if !t.type_is(ty) {
        return None;
    }
    let expected = 1 + t.is(a) as isize + t.is(b) as isize;
    (t.refcnt() == expected).then(|| t.as_ptr())
}

/// The STORE_FAST after a float op, fused: writes `r` into the float the
/// local holds when nothing but the local and the operands refers to it.
/// True when done (the caller pops the operands and skips the store).
#[inline(always)]
pub(super) fn float_into_local(vm: &Vm, local: &Option<Obj>, a: &Obj, b: &Obj, r: f64) -> bool {
    let Some(p) = local_is_sole(&vm.ctx.types.float, local, a, b) else { return false };
    // SAFETY: `p` is an exact float (checked) whose only references are
    // the local and the operands on the stack, none of them borrowed into
    // its payload: nothing observes the change.
    unsafe { (*p.cast::<PyCell<float::FloatData>>()).payload.value = r };
    true
}

/// `float_into_local` for an int op with a machine-word result (not a
/// cached small int, which must stay the cached object).
#[inline(always)]
pub(super) fn int_into_local(vm: &Vm, local: &Option<Obj>, a: &Obj, b: &Obj, r: Option<i64>) -> bool {
    let Some(r) = r else { return false };
    if (crate::context::SMALL_INT_MIN..=crate::context::SMALL_INT_MAX).contains(&r) {
        return false;
    }
    let Some(p) = local_is_sole(&vm.ctx.types.int, local, a, b) else { return false };
    // SAFETY: as in `float_into_local`, for an exact int; the old value
    // (a word or a bignum nothing borrows) is dropped by the assignment.
    set_int_word(unsafe { &mut (*p.cast::<PyCell<int::IntData>>()).payload.value }, r);
    true
}

/// Make an int's value the word `r` (a word overwritten in place, without
/// the call to the enum's drop glue that an assignment makes).
#[inline(always)]
fn set_int_word(v: &mut int::IntValue, r: i64) {
    match v {
        int::IntValue::Small(w) => *w = r,
        big => *big = int::IntValue::Small(r),
    }
}

/// Two exact floats: the result of the operation, None for other types.
#[inline(always)]
pub(super) fn float_op(vm: &Vm, opcode: u8, a: &Obj, b: &Obj) -> Option<f64> {
    use super::op;
    let t = &vm.ctx.types;
    if !a.type_is(&t.float) || !b.type_is(&t.float) {
        return None;
    }
    let (x, y) = (exact_float(a), exact_float(b));
    Some(match opcode {
        op::BinaryOpAddFloat => x + y,
        op::BinaryOpSubtractFloat => x - y,
        _ => x * y,
    })
}

/// The result object of a `float_op`: written into an operand the value
/// stack held the only reference to, else a new float.
#[inline(always)]
pub(super) fn float_result(vm: &Vm, mut a: Obj, mut b: Obj, r: f64) -> Obj {
    if reuse_float(&mut a, r) {
        return a;
    }
    if reuse_float(&mut b, r) {
        return b;
    }
    vm.new_float(r)
}

/// Write `r` into the exact float `o` if `o` is the only reference to it.
#[inline(always)]
fn reuse_float(o: &mut Obj, r: f64) -> bool {
    if o.refcnt() != 1 {
        return false;
    }
    // SAFETY: `o` is an exact float (the guard of `float_op`) and the only
    // reference to it is ours (refcount 1, held by `&mut`): nothing else
    // can read the payload while it changes.
    unsafe { (*o.as_ptr().cast::<PyCell<float::FloatData>>()).payload.value = r };
    true
}

/// `str + str` for two exact strs.
#[inline(always)]
pub(super) fn add_unicode(vm: &Vm, a: &Obj, b: &Obj) -> Option<Obj> {
    let t = &vm.ctx.types;
    if !a.type_is(&t.str) || !b.type_is(&t.str) {
        return None;
    }
    let (ad, bd) = (pystr::data(a)?, pystr::data(b)?);
    if bd.is_empty() {
        return Some(a.clone());
    }
    if ad.is_empty() {
        return Some(b.clone());
    }
    // A failed allocation takes the generic path, which raises MemoryError.
    pystr::concat(vm, ad, bd).ok()
}

// ---- COMPARE_OP -------------------------------------------------------------------------------

/// The outcome bit of comparing two operands of the form's type.
#[inline(always)]
pub(super) fn compare_outcome(vm: &Vm, opcode: u8, a: &Obj, b: &Obj) -> Option<u16> {
    use std::cmp::Ordering;
    let t = &vm.ctx.types;
    let ord = match opcode {
        super::op::CompareOpIntJump => {
            if !a.type_is(&t.int) || !b.type_is(&t.int) {
                return None;
            }
            exact_int_word(a)?.cmp(&exact_int_word(b)?)
        }
        super::op::CompareOpFloatJump => {
            if !a.type_is(&t.float) || !b.type_is(&t.float) {
                return None;
            }
            // NaN compares unordered: the generic path.
            exact_float(a).partial_cmp(&exact_float(b))?
        }
        _ => {
            if !a.type_is(&t.str) || !b.type_is(&t.str) {
                return None;
            }
            // Only == and != are specialized: "not equal" is the LESS bit
            // (their masks set LESS and GREATER together).
            if pystr::str_eq(a, b) {
                Ordering::Equal
            } else {
                Ordering::Less
            }
        }
    };
    Some(match ord {
        Ordering::Less => CMP_LESS,
        Ordering::Equal => CMP_EQUAL,
        Ordering::Greater => CMP_GREATER,
    })
}

// ---- FOR_ITER over a range ----------------------------------------------------------------------

/// FOR_ITER on an exact range iterator (CPython 3.12's FOR_ITER_RANGE,
/// done without rewriting the instruction, as 3.11 has no cache for it):
/// `Some(next item or None when done)`, None for other iterators.
#[inline(always)]
pub(super) fn range_iter_next(vm: &Vm, it: &Obj) -> Option<Option<i64>> {
    if !it.type_is(&vm.ctx.types.range_iterator) {
        return None;
    }
    // SAFETY: the type is exactly `range_iterator`, whose instances are
    // `PyCell<RangeIterData>`.
    Some(unsafe { it.payload_unchecked::<crate::objects::iter::RangeIterData>() }.next_word())
}

/// The STORE_FAST after a range FOR_ITER, fused: write `v` into the int
/// the local holds when the local is its only reference and `v` is not
/// one of the cached small ints. False when the store must run as usual.
#[inline(always)]
pub(super) fn store_int_in_place(vm: &Vm, local: &mut Option<Obj>, v: i64) -> bool {
    if (crate::context::SMALL_INT_MIN..=crate::context::SMALL_INT_MAX).contains(&v) {
        return false;
    }
    match local {
        Some(o) if o.type_is(&vm.ctx.types.int) => reuse_int(o, v),
        _ => false,
    }
}

// ---- BINARY_SUBSCR, STORE_SUBSCR --------------------------------------------------------------

#[inline(always)]
fn small_index(vm: &Vm, sub: &Obj) -> Option<usize> {
    if !sub.type_is(&vm.ctx.types.int) {
        return None;
    }
    usize::try_from(exact_int_word(sub)?).ok()
}

/// The payload of an exact list (the caller checked the type).
#[inline(always)]
fn exact_list(o: &Obj) -> &list::ListData {
    // SAFETY: the caller checked that `o`'s type is exactly `list`, whose
    // instances are `PyCell<ListData>`.
    unsafe { o.payload_unchecked::<list::ListData>() }
}

/// The items of an exact tuple (the caller checked the type).
#[inline(always)]
fn exact_tuple_items(o: &Obj) -> &[Obj] {
    // SAFETY: the caller checked that `o`'s type is exactly `tuple`, whose
    // instances are `PyCell<TupleData>`.
    unsafe { o.payload_unchecked::<tuple::TupleData>() }.items()
}

#[inline(always)]
pub(super) fn subscr_list_int(vm: &Vm, container: &Obj, sub: &Obj) -> Option<Obj> {
    if !container.type_is(&vm.ctx.types.list) {
        return None;
    }
    exact_list(container).get(small_index(vm, sub)?)
}

#[inline(always)]
pub(super) fn subscr_tuple_int(vm: &Vm, container: &Obj, sub: &Obj) -> Option<Obj> {
    if !container.type_is(&vm.ctx.types.tuple) {
        return None;
    }
    exact_tuple_items(container).get(small_index(vm, sub)?).cloned()
}

/// `d[k]` on an exact dict: `Some(Ok(None))` when the key is missing (the
/// caller raises KeyError through the generic path).
#[inline(always)]
pub(super) fn subscr_dict(vm: &Vm, container: &Obj, sub: &Obj) -> Option<PyResult<Option<Obj>>> {
    if !container.type_is(&vm.ctx.types.dict) {
        return None;
    }
    Some(dict::data(container)?.get(vm, sub))
}

/// `l[i] = v` on an exact list with an index in range: the old item, or
/// `v` back when the guard fails.
#[inline(always)]
pub(super) fn store_list_int(vm: &Vm, container: &Obj, sub: &Obj, v: Obj) -> Result<Obj, Obj> {
    if !container.type_is(&vm.ctx.types.list) {
        return Err(v);
    }
    let Some(i) = small_index(vm, sub) else { return Err(v) };
    let l = exact_list(container);
    if i >= l.len() {
        return Err(v);
    }
    Ok(l.set(i, v))
}

// ---- BUILD_SLICE + BINARY_SUBSCR on a list or str, STORE_SUBSCR on a list ----------------------

/// A slice bound the fused forms take: None, or an exact int that fits a
/// word (read as `_PyEval_SliceIndex` reads it). None for anything else.
#[inline(always)]
pub(super) fn fused_bound(vm: &Vm, o: &Obj) -> Option<Option<isize>> {
    if vm.is_none(o) {
        return Some(None);
    }
    if !o.type_is(&vm.ctx.types.int) {
        return None;
    }
    Some(Some(exact_int_word(o)? as isize))
}

/// BUILD_SLICE then BINARY_SUBSCR (CPython 3.12's BINARY_SLICE): the new
/// list or str `container[start:stop:step]`, made without the slice object,
/// when the container is an exact list or str and the bounds are None or
/// ints, so that nothing can fail or run Python code; None when the two
/// instructions must run as usual.
#[inline]
pub(super) fn slice_fused(vm: &Vm, container: &Obj, start: &Obj, stop: &Obj, step: Option<&Obj>) -> Option<Obj> {
    let is_list = container.type_is(&vm.ctx.types.list);
    if !is_list && !container.type_is(&vm.ctx.types.str) {
        return None;
    }
    let step = match step {
        Some(s) => fused_bound(vm, s)?.unwrap_or(1),
        None => 1,
    };
    let (start, stop) = (fused_bound(vm, start)?, fused_bound(vm, stop)?);
    if step == 0 {
        return None;
    }
    // CPython clamps the step to -PY_SSIZE_T_MAX so -step cannot overflow.
    let step = step.max(-isize::MAX);
    if is_list {
        let l = list::data(container)?;
        let (start, stop, step) = crate::objects::slice::clamp_indices(start, stop, step, l.len());
        return Some(list::new_slice_of(vm, l, start, stop, step));
    }
    let d = crate::objects::str::data(container)?;
    let (start, stop, step) = crate::objects::slice::clamp_indices(start, stop, step, d.len());
    Some(crate::objects::str::slice_of(vm, container, d, start, stop, step))
}

/// May BUILD_SLICE (two bounds) then STORE_SUBSCR run as one
/// (`list_store_slice_fused`): an exact list assigned to a slice of an
/// exact list with None or int bounds, which cannot fail.
#[inline]
pub(super) fn list_store_slice_fits(vm: &Vm, value: &Obj, container: &Obj, start: &Obj, stop: &Obj) -> bool {
    let list = &vm.ctx.types.list;
    container.type_is(list)
        && value.type_is(list)
        && fused_bound(vm, start).is_some()
        && fused_bound(vm, stop).is_some()
}

// ---- UNPACK_SEQUENCE --------------------------------------------------------------------------

/// Is `seq` an exact tuple (or list) of length `n`?
#[inline(always)]
pub(super) fn unpack_fits(vm: &Vm, seq: &Obj, n: usize, want_list: bool) -> bool {
    if want_list {
        return seq.type_is(&vm.ctx.types.list) && exact_list(seq).len() == n;
    }
    seq.type_is(&vm.ctx.types.tuple) && exact_tuple_items(seq).len() == n
}

/// Hand `push` the items of a sequence `unpack_fits` accepted, last
/// first. `push` must not run Python code or drop an object (it stores on
/// the value stack), so the sequence cannot change meanwhile.
#[inline(always)]
pub(super) fn unpack_reversed(seq: &Obj, want_list: bool, mut push: impl FnMut(Obj)) {
    match (want_list, list::data(seq)) {
        (true, Some(l)) => l.with_items(|items| items.iter().rev().for_each(|x| push(x.clone()))),
        _ => tuple::items(seq).iter().rev().for_each(|x| push(x.clone())),
    }
}

// ---- LOAD_ATTR, STORE_ATTR, LOAD_METHOD -------------------------------------------------------

#[inline(always)]
fn type_version_matches(units: &[Cell<u16>], pc: usize, owner: &Obj) -> bool {
    owner.class().version_tag.get() == read32(units, pc + 1 + cache::ATTR_TYPE_VERSION)
}

#[inline(always)]
fn attr_index(units: &[Cell<u16>], pc: usize) -> usize {
    read16(units, pc + 1 + cache::ATTR_INDEX) as usize
}

/// An instance attribute at its remembered position: a shared-keys slot of
/// the inline values (`LOAD_ATTR_INSTANCE_VALUE`) or an entry of the
/// instance dict (`LOAD_ATTR_WITH_HINT`).
#[inline(always)]
pub(super) fn load_attr_instance(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) -> Option<Obj> {
    let index = attr_index(units, pc);
    let values = is_opcode(units, pc, super::op::LoadAttrInstanceValue);
    if !type_version_matches(units, pc, owner) {
        return if values { instance_value_other_class(vm, units, pc, owner, name) } else { None };
    }
    if values {
        return instance_values::value_at(owner, index, name);
    }
    let d = owner.instance_dict()?;
    dict::data(&d)?.value_at_if_key(index, name)
}

/// An `INSTANCE_VALUE` site meeting another class than the one it
/// specialized for (a base class's method run on instances of several
/// subclasses, whose attributes were set in the same order by a shared
/// `__init__`): the attribute is still at the remembered slot when that
/// class keeps its instances' attributes inline with `name` at that slot of
/// its own shared keys, and has no attribute `name` itself (then
/// `object.__getattribute__` answers from the values, and
/// `object.__setattr__` stores there). The miss is counted all the same,
/// so the site goes back to adaptive and respecializes exactly when
/// CPython's would (`dis.dis(adaptive=True)` shows the same forms); only
/// the generic instruction's work is spared.
#[inline(never)]
fn instance_value_other_class(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) -> Option<Obj> {
    if !plain_instance_attribute(vm, owner, name, false) {
        return None;
    }
    let v = instance_values::value_at(owner, attr_index(units, pc), name)?;
    super::specialize::count_miss(units, pc, super::op::LoadAttr);
    Some(v)
}

/// Does `owner.name` (a load, or a store when `store`) go to the instance's
/// inline values: the class's attribute hooks are `object`'s and the class
/// has no attribute `name`?
fn plain_instance_attribute(vm: &Vm, owner: &Obj, name: &Obj, store: bool) -> bool {
    let hooks_generic =
        if store { super::specialize::generic_setattr(owner) } else { super::specialize::generic_getattr(owner) };
    hooks_generic && instance_values::uses_values(owner) && type_::lookup(vm, owner.class(), name).is_none()
}

#[inline(always)]
fn is_opcode(units: &[Cell<u16>], pc: usize, opcode: u8) -> bool {
    debug_assert!(pc < units.len());
    // SAFETY: `pc` is the instruction being run, a unit of the code.
    (unsafe { units.get_unchecked(pc) }.get() & 0xff) as u8 == opcode
}

#[inline(always)]
pub(super) fn load_attr_slot(units: &[Cell<u16>], pc: usize, owner: &Obj) -> Option<Obj> {
    if !type_version_matches(units, pc, owner) {
        return None;
    }
    class::get_slot(owner, attr_index(units, pc))
}

/// A module attribute at its remembered position in the module's dict.
#[inline(always)]
pub(super) fn load_attr_module(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj) -> Option<Obj> {
    if !owner.type_is(&vm.ctx.types.module) {
        return None;
    }
    let d = owner.instance_dict()?;
    let dd = dict::data(&d)?;
    if dd.current_keys_version() != read32(units, pc + 1 + cache::ATTR_TYPE_VERSION) {
        return None;
    }
    dd.value_at(attr_index(units, pc))
}

/// Store into an instance attribute at its remembered position; gives the
/// value back when the guard fails.
#[inline(always)]
pub(super) fn store_attr_instance(
    vm: &Vm,
    units: &[Cell<u16>],
    pc: usize,
    owner: &Obj,
    name: &Obj,
    v: Obj,
) -> Result<(), Obj> {
    let index = attr_index(units, pc);
    if !type_version_matches(units, pc, owner) {
        if is_opcode(units, pc, super::op::StoreAttrInstanceValue) && plain_instance_attribute(vm, owner, name, true) {
            // Counted as a miss, as in `instance_value_other_class`.
            instance_values::store_at(owner, index, name, v)?;
            super::specialize::count_miss(units, pc, super::op::StoreAttr);
            return Ok(());
        }
        return Err(v);
    }
    if is_opcode(units, pc, super::op::StoreAttrInstanceValue) {
        // The first attribute stored makes the values, as `generic_setattr`.
        return instance_values::store_at(owner, index, name, v);
    }
    // A class without inline values: the first attribute stored makes the
    // (split) dict, as `generic_setattr`.
    let d =
        if owner.class().values_offset == 0 { type_::instance_dict_or_new(vm, owner) } else { owner.instance_dict() };
    let Some(d) = d else { return Err(v) };
    let Some(dd) = dict::data(&d) else { return Err(v) };
    dd.store_at_if_key(vm, index, name, v)
}

#[inline(always)]
pub(super) fn store_attr_slot(units: &[Cell<u16>], pc: usize, owner: &Obj, v: Obj) -> Result<(), Obj> {
    let off = attr_index(units, pc);
    if !type_version_matches(units, pc, owner) || owner.member_slot(off).is_none() {
        return Err(v);
    }
    class::set_slot(owner, off, Some(v));
    Ok(())
}

/// The method found on the type, when the instance cannot shadow it
/// (`LOAD_METHOD_WITH_VALUES` and `LOAD_METHOD_NO_DICT`).
#[inline(always)]
pub(super) fn load_method_cached(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) -> Option<Obj> {
    let ty = owner.class();
    if ty.version_tag.get() != read32(units, pc + 1 + cache::METHOD_TYPE_VERSION) {
        let m = method_other_class(vm, owner, name)?;
        // Counted as a miss, as in `instance_value_other_class`.
        super::specialize::count_miss(units, pc, super::op::LoadMethod);
        return Some(m);
    }
    if let Some(descr) = std::ptr::NonNull::new(read64(units, pc + 1 + cache::METHOD_DESCR) as *mut PyObject) {
        // SAFETY: set only by `specialize::load_method` for a static,
        // immutable type's method (its instances have no dict): the type is
        // immortal and its dict keeps the method while its version tag is
        // the one just checked.
        return Some(unsafe { Obj::from_borrowed_ptr(descr) });
    }
    let kv = || read32(units, pc + 1 + cache::METHOD_KEYS_VERSION) as usize;
    // The keys guard: `name` is not among the class's shared keys, so the
    // inline values cannot hold it.
    let keys_guard = || kv() != 0 && ty.cached_keys_opt().is_some_and(|k| k.len() + 1 == kv());
    if instance_values::uses_values(owner) && !keys_guard() && instance_values::holds(vm, owner, name) == Some(true) {
        return None;
    }
    if let Some(d) = owner.instance_dict() {
        let dd = dict::data(&d)?;
        let keys_guard = kv() != 0 && ty.cached_keys_opt().is_some_and(|k| k.len() + 1 == kv() && dd.is_split_on(k));
        if !keys_guard && !dd.lacks_str_key(vm, name) {
            return None;
        }
    }
    type_::lookup(vm, ty, name)
}

/// `LOAD_METHOD_NO_DICT` at a `super().name` site: the method and the
/// instance to pass as `self` (see `specialize::super_load_method`).
#[inline]
pub(super) fn load_method_super(
    vm: &Vm,
    units: &[Cell<u16>],
    pc: usize,
    owner: &Obj,
    name: &Obj,
) -> Option<(Obj, Obj)> {
    let tag = read32(units, pc + 1 + cache::METHOD_KEYS_VERSION);
    let index = read16(units, pc + 1 + cache::METHOD_SUPER_INDEX) as usize - 1;
    crate::objects::super_::cached_method(vm, owner, name, tag, index)
}

/// A `LOAD_METHOD` site meeting another class than the one it specialized
/// for (`self.step()` in a base class method, overridden by subclasses):
/// the method as `object.__getattribute__` would find it, when the class's
/// attribute hook is `object`'s, the attribute found on the class is a
/// method descriptor and the instance does not shadow it (CPython's
/// `_PyObject_GetMethod`).
#[inline(never)]
fn method_other_class(vm: &Vm, owner: &Obj, name: &Obj) -> Option<Obj> {
    if !super::specialize::generic_getattr(owner) {
        return None;
    }
    let descr = type_::lookup(vm, owner.class(), name)?;
    if !descr.class().has_flag(crate::object::typeobj::flags::METHOD_DESCRIPTOR) {
        return None;
    }
    let shadowed = if instance_values::uses_values(owner) {
        instance_values::holds(vm, owner, name) != Some(false)
    } else {
        owner.instance_dict().is_some_and(|d| !super::specialize::instance_dict_lacks(vm, &d, name))
    };
    (!shadowed).then_some(descr)
}

/// `LOAD_METHOD_CLASS`: the attribute of a class (metaclass `type`) whose
/// version tag is unchanged.
#[inline(always)]
pub(super) fn load_method_class(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) -> Option<Obj> {
    if !owner.type_is(&vm.ctx.types.type_) {
        return None;
    }
    let cls = type_::as_type(owner)?;
    if cls.version_tag.get() != read32(units, pc + 1 + cache::METHOD_TYPE_VERSION) {
        return None;
    }
    let v = type_::lookup(vm, cls, name)?;
    if v.type_is(&vm.ctx.types.staticmethod) {
        // What `staticmethod.__get__` gives; an uninitialized one deopts to its error.
        return crate::objects::function::staticmethod_callable(&v);
    }
    Some(v)
}

/// `LOAD_ATTR_SLOT` at a property site (`cache::ATTR_INDEX_PROPERTY`): the
/// frame of the property's getter, with the owner moved from the stack into
/// it as the argument; its return value lands where the attribute would.
/// None (a guard failed, or the getter no longer takes just one argument)
/// sends the site to the generic instruction.
#[inline]
pub(super) fn load_attr_property_frame(
    vm: &Vm,
    units: &[Cell<u16>],
    pc: usize,
    frame: &mut super::Running<'_>,
    name: &Obj,
) -> Option<*mut super::Frame> {
    let fget = {
        let owner = frame.peek(0);
        if !type_version_matches(units, pc, owner) {
            return None;
        }
        let prop = type_::lookup(vm, owner.class(), name)?;
        if !prop.type_is(&vm.ctx.types.property) {
            return None;
        }
        prop.payload::<crate::objects::property::PropertyData>()?.fget.get()?
    };
    if !fget.type_is(&vm.ctx.types.function) {
        return None;
    }
    let fd = fget.payload::<crate::objects::function::FunctionData>()?;
    super::call::frame_for_simple_call(vm, fd, &fget, frame, 1)
}

/// `BINARY_SUBSCR_GETITEM`: the frame of `container.__getitem__(sub)`
/// (both operands move into it) when the class and the function are the
/// ones the site specialized for.
#[inline]
pub(super) fn subscr_getitem_frame(
    vm: &Vm,
    units: &[Cell<u16>],
    pc: usize,
    frame: &mut super::Running<'_>,
) -> Option<*mut super::Frame> {
    let f = {
        let cls = frame.peek(1).class();
        if cls.version_tag.get() != read32(units, pc + 1 + cache::SUBSCR_TYPE_VERSION) {
            return None;
        }
        type_::lookup(vm, cls, &vm.intern("__getitem__"))?
    };
    let fd = f.payload::<crate::objects::function::FunctionData>()?;
    if fd.version.get() != read16(units, pc + 1 + cache::SUBSCR_FUNC_VERSION) as u32 {
        return None;
    }
    super::call::frame_for_simple_call(vm, fd, &f, frame, 2)
}

// ---- PRECALL ----------------------------------------------------------------------------------

/// May the builtin PRECALL form `opcode` make this call (`total`
/// arguments, self included, below `callable` on the stack)? Checks only:
/// no Python code runs. Keyword arguments are checked by the caller
/// (`precall_takes_keywords`).
#[inline(always)]
pub(super) fn precall_guard(vm: &Vm, opcode: u8, callable: &Obj, total: usize, frame: &super::Running<'_>) -> bool {
    use super::op;
    use super::specialize::native_is;
    let t = &vm.ctx.types;
    let builtin = callable.type_is(&t.builtin_function);
    let descr = callable.type_is(&t.method_descriptor);
    match opcode {
        op::PrecallNoKwLen => total == 1 && builtin && native_is(callable, crate::builtins::builtin_len),
        op::PrecallNoKwIsinstance => total == 2 && builtin && native_is(callable, crate::builtins::builtin_isinstance),
        op::PrecallNoKwType1 => total == 1 && callable.is(&t.type_),
        op::PrecallNoKwStr1 => total == 1 && callable.is(&t.str),
        op::PrecallNoKwTuple1 => total == 1 && callable.is(&t.tuple),
        op::PrecallBuiltinClass => super::specialize::has_vectorcall(vm, callable),
        op::PrecallBuiltinFastWithKeywords => builtin,
        op::PrecallNoKwListAppend => {
            total == 2 && descr && native_is(callable, list::list_append) && list::data(frame.peek(1)).is_some()
        }
        op::PrecallNoKwBuiltinO => total == 1 && builtin,
        op::PrecallNoKwBuiltinFast => builtin,
        op::PrecallNoKwMethodDescriptorNoargs => total == 1 && descr,
        op::PrecallNoKwMethodDescriptorO => total == 2 && descr,
        op::PrecallNoKwMethodDescriptorFast | op::PrecallMethodDescriptorFastWithKeywords => total >= 1 && descr,
        _ => false,
    }
}

/// The builtin PRECALL forms that also make calls with keyword arguments.
#[inline(always)]
pub(super) fn precall_takes_keywords(opcode: u8) -> bool {
    matches!(
        opcode,
        super::op::PrecallBuiltinClass
            | super::op::PrecallBuiltinFastWithKeywords
            | super::op::PrecallMethodDescriptorFastWithKeywords
    )
}
