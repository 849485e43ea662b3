//! The builtin iterators (CPython's `Objects/iterobject.c`,
//! `listobject.c`'s iterators, `enumobject.c`, and `bltinmodule.c`'s
//! `zip`, `map`, `filter`).

use std::cell::Cell;

use num_bigint::BigInt;
use num_traits::{One, ToPrimitive};

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{bytes, list, range, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

/// `iter(it)` of an iterator is itself.
pub(crate) fn self_iter(_vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(o.clone())
}

/// An iterator over an indexable sequence (list, tuple, str, bytes, ...).
pub(crate) struct SeqIterData {
    pub seq: ObjCell,
    pub index: Cell<usize>,
}
impl PyPayload for SeqIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.seq.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.seq.set(None);
    }
}

fn iter_type(name: &str, next: crate::object::typeobj::IterNextFn) -> TypeObject {
    let t =
        TypeObject::new::<SeqIterData>(name, std::mem::size_of::<PyCell<SeqIterData>>(), true, flags::IMMUTABLETYPE);
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(next));
    t
}

pub(crate) fn list_iterator_type_object() -> TypeObject {
    iter_type("list_iterator", list_iter_next)
}

pub(crate) fn list_reverseiterator_type_object() -> TypeObject {
    iter_type("list_reverseiterator", list_reverse_next)
}

pub(crate) fn tuple_iterator_type_object() -> TypeObject {
    iter_type("tuple_iterator", tuple_iter_next)
}

pub(crate) fn str_iterator_type_object() -> TypeObject {
    iter_type("str_iterator", str_iter_next)
}

/// CPython 3.11 iterates ASCII strings with a type of its own.
pub(crate) fn str_ascii_iterator_type_object() -> TypeObject {
    iter_type("str_ascii_iterator", str_iter_next)
}

pub(crate) fn bytes_iterator_type_object() -> TypeObject {
    iter_type("bytes_iterator", bytes_iter_next)
}

pub(crate) fn bytearray_iterator_type_object() -> TypeObject {
    iter_type("bytearray_iterator", bytearray_iter_next)
}

pub(crate) fn seq_iterator_type_object() -> TypeObject {
    iter_type("iterator", seq_iter_next)
}

fn new_seq_iter(ty: &Obj, seq: Obj) -> Obj {
    alloc_object(ty, SeqIterData { seq: ObjCell::some(seq), index: Cell::new(0) })
}

fn seq_data(it: &Obj) -> &SeqIterData {
    it.payload::<SeqIterData>().expect("sequence iterator")
}

pub(crate) fn list_iter(vm: &Vm, l: &Obj) -> PyResult<Obj> {
    Ok(new_seq_iter(&vm.ctx.types.list_iterator, l.clone()))
}

pub(crate) fn new_list_reverseiterator(vm: &Vm, l: &Obj) -> Obj {
    let n = list::data(l).map_or(0, |d| d.len());
    alloc_object(&vm.ctx.types.list_reverseiterator, SeqIterData { seq: ObjCell::some(l.clone()), index: Cell::new(n) })
}

pub(crate) fn tuple_iter(vm: &Vm, t: &Obj) -> PyResult<Obj> {
    Ok(new_seq_iter(&vm.ctx.types.tuple_iterator, t.clone()))
}

pub(crate) fn str_iter(vm: &Vm, s: &Obj) -> PyResult<Obj> {
    let ascii = pystr::data(s).is_some_and(|d| d.is_ascii());
    let ty = if ascii { &vm.ctx.types.str_ascii_iterator } else { &vm.ctx.types.str_iterator };
    Ok(new_seq_iter(ty, s.clone()))
}

pub(crate) fn bytes_iter(vm: &Vm, b: &Obj) -> PyResult<Obj> {
    Ok(new_seq_iter(&vm.ctx.types.bytes_iterator, b.clone()))
}

pub(crate) fn bytearray_iter(vm: &Vm, b: &Obj) -> PyResult<Obj> {
    Ok(new_seq_iter(&vm.ctx.types.bytearray_iterator, b.clone()))
}

/// `iter(o)` for an object with `__getitem__` only.
pub(crate) fn new_seq_iterator(vm: &Vm, o: Obj) -> Obj {
    new_seq_iter(&vm.ctx.types.seq_iterator, o)
}

fn list_iter_next(_vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let i = d.index.get();
    // The list is read where it is (no reference taken and dropped per item).
    match d.seq.with(|seq| seq.map(|s| list::data(s).and_then(|l| l.get(i)))) {
        Some(Some(v)) => {
            d.index.set(i + 1);
            Ok(Some(v))
        }
        // Exhausted now: the list is let go (after the borrow).
        Some(None) => {
            d.seq.set(None);
            Ok(None)
        }
        None => Ok(None),
    }
}

fn list_reverse_next(_vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    let l = list::data(&seq).expect("list");
    if i == 0 || i > l.len() {
        d.seq.set(None);
        return Ok(None);
    }
    d.index.set(i - 1);
    Ok(l.get(i - 1))
}

fn tuple_iter_next(_vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let i = d.index.get();
    // As `list_iter_next`: the tuple is read where it is.
    match d.seq.with(|seq| seq.map(|s| tuple::items(s).get(i).cloned())) {
        Some(Some(v)) => {
            d.index.set(i + 1);
            Ok(Some(v))
        }
        Some(None) => {
            d.seq.set(None);
            Ok(None)
        }
        None => Ok(None),
    }
}

fn str_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    let s = pystr::data(&seq).expect("str");
    if i >= s.len() {
        d.seq.set(None);
        return Ok(None);
    }
    d.index.set(i + 1);
    let c = s.char_at(i);
    Ok(Some(if c < 256 { vm.ctx.latin1_chars[c as usize].clone() } else { vm.new_str_from_code_points(&[c]) }))
}

fn bytes_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    match bytes::as_bytes_ref(&seq).and_then(|b| b.get(i).copied()) {
        Some(b) => {
            d.index.set(i + 1);
            Ok(Some(vm.new_int(b as i64)))
        }
        None => {
            d.seq.set(None);
            Ok(None)
        }
    }
}

fn bytearray_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    match crate::objects::bytearray::byte_at(&seq, i) {
        Some(b) => {
            d.index.set(i + 1);
            Ok(Some(vm.new_int(b as i64)))
        }
        None => {
            d.seq.set(None);
            Ok(None)
        }
    }
}

fn seq_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    match vm.getitem(&seq, &vm.new_usize(i)) {
        Ok(v) => {
            d.index.set(i + 1);
            Ok(Some(v))
        }
        Err(e)
            if vm.err_matches(&e, &vm.ctx.exceptions.index_error)
                || vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) =>
        {
            d.seq.set(None);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn seq_length_hint(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(vm.new_int(0)) };
    let i = d.index.get();
    if it.type_is(&vm.ctx.types.list_reverseiterator) {
        let n = list::data(&seq).map_or(0, |l| l.len());
        return Ok(vm.new_usize(if i <= n { i } else { 0 }));
    }
    let n = vm.len(&seq)?;
    Ok(vm.new_usize(n.saturating_sub(i)))
}

/// `builtins.iter`, the callable most iterators reduce to (CPython's
/// `_PyEval_GetBuiltin(&_Py_ID(iter))`).
pub(crate) fn builtin_iter(vm: &Vm) -> PyResult<Obj> {
    vm.getattr_str(&vm.builtins_module(), "iter")
}

/// What an exhausted sequence iterator reduces to: `iter` of an empty
/// container of the kind CPython chooses per type.
fn exhausted_seq(vm: &Vm, it: &Obj) -> Obj {
    let t = &vm.ctx.types;
    if it.type_is(&t.list_iterator) || it.type_is(&t.list_reverseiterator) {
        vm.new_list(Vec::new())
    } else if it.type_is(&t.str_iterator) || it.type_is(&t.str_ascii_iterator) {
        vm.ctx.empty_str.clone()
    } else {
        vm.ctx.empty_tuple.clone()
    }
}

/// `__reduce__` of the sequence iterators: `(iter, (seq,), index)`, or for
/// a reversed list `(reversed, (list,), index)` (CPython's index: the next
/// item to yield, -1 when done). The builtin is looked up first: the
/// lookup can run Python code that exhausts the iterator (CPython's
/// issue #101765).
fn seq_reduce(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let reverse = it.type_is(&vm.ctx.types.list_reverseiterator);
    let builtin = vm.getattr_str(&vm.builtins_module(), if reverse { "reversed" } else { "iter" })?;
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else {
        let empty = exhausted_seq(vm, it);
        return Ok(vm.new_tuple(vec![builtin_iter(vm)?, vm.new_tuple(vec![empty])]));
    };
    let index = if reverse { vm.new_int(d.index.get() as i64 - 1) } else { vm.new_usize(d.index.get()) };
    Ok(vm.new_tuple(vec![builtin, vm.new_tuple(vec![seq]), index]))
}

/// `__setstate__(index)`: the position clamped to the sequence as CPython
/// clamps it; an exhausted iterator stays exhausted.
fn seq_setstate(vm: &Vm, it: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = crate::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    let index = vm.index_to_isize(&state)?;
    let d = seq_data(it);
    let Some(seq) = d.seq.get() else { return Ok(vm.none()) };
    if it.type_is(&vm.ctx.types.list_reverseiterator) {
        let n = list::data(&seq).map_or(0, |l| l.len()) as isize;
        d.index.set((index.clamp(-1, n - 1) + 1) as usize);
        return Ok(vm.none());
    }
    let mut i = index.max(0) as usize;
    if !it.type_is(&vm.ctx.types.seq_iterator) {
        i = i.min(vm.len(&seq)?);
    }
    d.index.set(i);
    Ok(vm.none())
}

// ---- range iterator ----------------------------------------------------------------------------

/// CPython 3.11's `rangeiterobject`: the range it came from (start, step,
/// length) and how far it got, so `__reduce__` can rebuild both.
pub(crate) struct RangeIterData {
    start: i64,
    step: i64,
    len: u64,
    index: Cell<u64>,
}
impl PyPayload for RangeIterData {}

impl RangeIterData {
    /// The next item as a machine word, None when the range is done.
    #[inline(always)]
    pub(crate) fn next_word(&self) -> Option<i64> {
        let i = self.index.get();
        if i >= self.len {
            return None;
        }
        self.index.set(i + 1);
        // In range: `range_iter` checked that the last item fits an i64.
        Some((self.start as i128 + self.step as i128 * i as i128) as i64)
    }
}

/// `longrangeiterobject`: the same for a range past the machine word.
pub(crate) struct LongRangeIterData {
    start: BigInt,
    step: BigInt,
    len: BigInt,
    index: std::cell::RefCell<BigInt>,
}
impl PyPayload for LongRangeIterData {}

pub(crate) fn range_iterator_type_object() -> TypeObject {
    let t = TypeObject::new::<RangeIterData>(
        "range_iterator",
        std::mem::size_of::<PyCell<RangeIterData>>(),
        false,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(range_iter_next));
    t
}

/// `iter(range)`: a machine-word iterator when everything fits.
pub(crate) fn range_iter(vm: &Vm, r: &Obj) -> PyResult<Obj> {
    let rd = range::range_of(r);
    // CPython's `range_iter`: the word iterator when start, stop and step
    // fit a C long and the length and the end do too (see `fit_word_iterator`).
    if let Some(w) = rd.words().filter(range::Words::fit_word_iterator) {
        return Ok(alloc_object(
            &vm.ctx.types.range_iterator,
            RangeIterData { start: w.start, step: w.step, len: w.len, index: Cell::new(0) },
        ));
    }
    Ok(alloc_object(
        &vm.ctx.types.longrange_iterator(vm),
        LongRangeIterData {
            start: rd.big().start.clone(),
            step: rd.big().step.clone(),
            len: rd.big().length.clone(),
            index: std::cell::RefCell::new(BigInt::from(0)),
        },
    ))
}

fn range_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = it.payload::<RangeIterData>().expect("range iterator");
    Ok(d.next_word().map(|v| vm.new_int(v)))
}

fn longrange_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = it.payload::<LongRangeIterData>().expect("longrange iterator");
    let mut index = d.index.borrow_mut();
    if *index >= d.len {
        return Ok(None);
    }
    let v = &d.start + &d.step * &*index;
    *index += BigInt::one();
    drop(index);
    Ok(Some(vm.new_bigint(v)))
}

fn range_length_hint(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    if let Some(d) = it.payload::<RangeIterData>() {
        return Ok(vm.new_bigint(BigInt::from(d.len - d.index.get().min(d.len))));
    }
    let d = it.payload::<LongRangeIterData>().expect("longrange iterator");
    let left = &d.len - &*d.index.borrow();
    Ok(vm.new_bigint(left.max(BigInt::from(0))))
}

/// `(iter, (range(start, start + len * step, step),), index)`, as CPython's
/// `rangeiter_reduce` and `longrangeiter_reduce`.
fn range_iter_reduce(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let iter_fn = builtin_iter(vm)?;
    let (start, step, len, index) = if let Some(d) = it.payload::<RangeIterData>() {
        (BigInt::from(d.start), BigInt::from(d.step), BigInt::from(d.len), BigInt::from(d.index.get()))
    } else {
        let d = it.payload::<LongRangeIterData>().ok_or_else(|| vm.type_error("range iterator expected"))?;
        (d.start.clone(), d.step.clone(), d.len.clone(), d.index.borrow().clone())
    };
    let stop = &start + &len * &step;
    let r = range::new_range(vm, vm.new_bigint(start), vm.new_bigint(stop), vm.new_bigint(step))?;
    Ok(vm.new_tuple(vec![iter_fn, vm.new_tuple(vec![r]), vm.new_bigint(index)]))
}

/// `__setstate__(index)`, clamped to `[0, len]`.
fn range_iter_setstate(vm: &Vm, it: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = crate::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    if let Some(d) = it.payload::<RangeIterData>() {
        let index = vm.to_i64(&state)?;
        d.index.set((index.max(0) as u64).min(d.len));
        return Ok(vm.none());
    }
    let d = it.payload::<LongRangeIterData>().ok_or_else(|| vm.type_error("range iterator expected"))?;
    let index = vm.to_bigint(&state)?;
    *d.index.borrow_mut() = index.max(BigInt::from(0)).min(d.len.clone());
    Ok(vm.none())
}

const RANGE_ITER_METHODS: [MethodDef; 3] = [
    MethodDef::method("__length_hint__", range_length_hint),
    MethodDef::method("__reduce__", range_iter_reduce),
    MethodDef::method("__setstate__", range_iter_setstate),
];

impl crate::context::Types {
    /// `longrange_iterator` shares `range_iterator`'s type object slot list
    /// but not its payload: made on first use.
    pub fn longrange_iterator(&self, vm: &Vm) -> Obj {
        vm.longrange_iterator_type()
    }
}

impl Vm {
    fn longrange_iterator_type(&self) -> Obj {
        if let Some(t) = self.lazy_types.borrow().get("longrange_iterator") {
            return t.clone();
        }
        let t = TypeObject::new::<LongRangeIterData>(
            "longrange_iterator",
            std::mem::size_of::<PyCell<LongRangeIterData>>(),
            false,
            flags::IMMUTABLETYPE,
        );
        t.slots.iter.set(Some(self_iter));
        t.slots.iternext.set(Some(longrange_iter_next));
        let ty = crate::context::new_static_type(&self.ctx.types.type_, t);
        crate::objects::type_::init_static_type_base(self, &ty);
        add_methods(self, &ty, &RANGE_ITER_METHODS);
        crate::objects::slots::add_slot_wrappers(self, &ty);
        crate::objects::type_::inherit_slots(self, &ty);
        self.lazy_types.borrow_mut().insert("longrange_iterator", ty.clone());
        ty
    }
}

// ---- callable_iterator (iter(f, sentinel)) -----------------------------------------------------

pub(crate) struct CallableIterData {
    func: ObjCell,
    sentinel: Obj,
}
impl PyPayload for CallableIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.sentinel);
        self.func.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.func.set(None);
    }
}

pub(crate) fn callable_iterator_type_object() -> TypeObject {
    let t = TypeObject::new::<CallableIterData>(
        "callable_iterator",
        std::mem::size_of::<PyCell<CallableIterData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(callable_iter_next));
    t
}

pub(crate) fn new_callable_iterator(vm: &Vm, f: Obj, sentinel: Obj) -> Obj {
    alloc_object(&vm.ctx.types.callable_iterator, CallableIterData { func: ObjCell::some(f), sentinel })
}

fn callable_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = it.payload::<CallableIterData>().expect("callable_iterator");
    let Some(f) = d.func.get() else { return Ok(None) };
    match vm.with_recursion(" while calling a Python object", || vm.call0(&f)) {
        Ok(v) => {
            // The call may have exhausted this very iterator (re-entrantly):
            // then it stays exhausted (as CPython, whose sentinel is gone).
            if d.func.get().is_none() {
                return Ok(None);
            }
            if vm.eq(&d.sentinel, &v)? {
                d.func.set(None);
                return Ok(None);
            }
            Ok(Some(v))
        }
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) => {
            d.func.set(None);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

// ---- enumerate / reversed ----------------------------------------------------------------------

pub(crate) struct EnumerateData {
    it: Obj,
    /// The next index while it is below `i64::MAX` (CPython's `en_index`).
    index: Cell<i64>,
    /// The next index once it no longer fits (CPython's `en_longindex`).
    long_index: std::cell::RefCell<Option<BigInt>>,
    /// The (index, item) pair handed out again once nothing else holds it.
    result: Obj,
}
impl PyPayload for EnumerateData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.it);
        visit(&self.result);
    }
}

pub(crate) fn enumerate_type_object() -> TypeObject {
    let mut t = TypeObject::new::<EnumerateData>(
        "enumerate",
        std::mem::size_of::<PyCell<EnumerateData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...");
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(enumerate_next));
    t.slots.new.set(Some(enumerate_new));
    t
}

fn enumerate_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if args.is_empty() {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    }
    let a = crate::args::parse(vm, "enumerate", args, kwnames, &["iterable", "start"], 1)?;
    let it = vm.iter(a[0].as_ref().expect("required"))?;
    let start = match &a[1] {
        Some(s) => {
            if !vm.has_index(s) {
                return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", s.class().name())));
            }
            vm.to_bigint(s)?
        }
        None => BigInt::from(0),
    };
    let (index, long_index) = match start.to_i64().filter(|&i| i < i64::MAX) {
        Some(i) => (i, None),
        None => (i64::MAX, Some(start)),
    };
    let result = reusable_result(vm, 2);
    let index = Cell::new(index);
    Ok(alloc_object(cls, EnumerateData { it, index, long_index: std::cell::RefCell::new(long_index), result }))
}

fn enumerate_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let d = o.payload::<EnumerateData>().expect("enumerate");
    let Some(v) = vm.next(&d.it)? else { return Ok(None) };
    let index = enumerate_index(vm, d);
    if let Some(r) = take_reusable(&d.result) {
        // SAFETY: `take_reusable` found the result tuple (a pair) held by
        // this enumerate alone; nothing borrows its items.
        let (old_index, old_item) = unsafe { (tuple::replace_item(&r, 0, index), tuple::replace_item(&r, 1, v)) };
        drop((old_index, old_item));
        retrack(vm, &r);
        return Ok(Some(r));
    }
    Ok(Some(tuple::new_from_iter(vm, 2, [index, v].into_iter())))
}

/// The index object for the next pair, and the count moved on (the
/// machine word until it reaches `i64::MAX`, a big int from there).
fn enumerate_index(vm: &Vm, d: &EnumerateData) -> Obj {
    let i = d.index.get();
    if i < i64::MAX {
        d.index.set(i + 1);
        return vm.new_int(i);
    }
    let mut long = d.long_index.borrow_mut();
    let big = long.get_or_insert_with(|| BigInt::from(i64::MAX));
    let r = vm.new_bigint(big.clone());
    *big += 1;
    r
}

/// A tuple of `n` Nones that an iterator hands out again and again while
/// its consumer drops each one before asking for the next (CPython's
/// `zip` and `enumerate` result tuples).
fn reusable_result(vm: &Vm, n: usize) -> Obj {
    tuple::new_from_iter(vm, n, std::iter::repeat_n(vm.none(), n))
}

/// The result tuple, if only its iterator holds it (then it can be
/// refilled without anyone seeing it change).
#[inline]
fn take_reusable(result: &Obj) -> Option<Obj> {
    (result.refcnt() == 1).then(|| result.clone())
}

/// A refilled result tuple may hold containers now: the collector must see
/// it again if a collection untracked it as a tuple of atoms.
#[inline]
fn retrack(vm: &Vm, r: &Obj) {
    if !crate::gc::is_tracked(r) {
        crate::gc::track(vm, r.as_nonnull());
    }
}

pub(crate) struct ReversedData {
    seq: ObjCell,
    index: Cell<isize>,
}
impl PyPayload for ReversedData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.seq.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.seq.set(None);
    }
}

pub(crate) fn reversed_type_object() -> TypeObject {
    let mut t = TypeObject::new::<ReversedData>(
        "reversed",
        std::mem::size_of::<PyCell<ReversedData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("Return a reverse iterator over the values of the given sequence.");
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(reversed_next));
    t.slots.new.set(Some(reversed_new));
    t
}

fn reversed_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&vm.ctx.types.reversed) {
        crate::args::no_kwargs(vm, "reversed", kwnames)?;
    }
    crate::args::check_positional(vm, "reversed", args.len(), 1, 1)?;
    let seq = &args[0];
    if let Some(r) = crate::objects::type_::lookup_str(vm, seq.class(), "__reversed__") {
        if vm.is_none(&r) {
            return Err(vm.type_error(format!("'{}' object is not reversible", seq.class().name())));
        }
        return vm.call_method_descr_obj(&r, seq, &[]);
    }
    let is_seq = seq.class().slots.mp_subscript.get().is_some() && crate::objects::dict::data(seq).is_none();
    let has_len = seq.class().slots.sq_length.get().is_some() || seq.class().slots.mp_length.get().is_some();
    if is_seq && !has_len {
        return Err(vm.type_error(format!("object of type '{}' has no len()", seq.class().name())));
    }
    if !is_seq {
        return Err(vm.type_error(format!("'{}' object is not reversible", seq.class().name())));
    }
    let n = vm.len(seq)? as isize;
    Ok(alloc_object(cls, ReversedData { seq: ObjCell::some(seq.clone()), index: Cell::new(n - 1) }))
}

fn reversed_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let d = o.payload::<ReversedData>().expect("reversed");
    let Some(seq) = d.seq.get() else { return Ok(None) };
    let i = d.index.get();
    if i < 0 {
        d.seq.set(None);
        return Ok(None);
    }
    match vm.getitem(&seq, &vm.new_int(i as i64)) {
        Ok(v) => {
            d.index.set(i - 1);
            Ok(Some(v))
        }
        Err(e)
            if vm.err_matches(&e, &vm.ctx.exceptions.index_error)
                || vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) =>
        {
            d.seq.set(None);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

// ---- zip / map / filter ----------------------------------------------------------------------------

pub(crate) struct ZipData {
    iters: Vec<Obj>,
    strict: Cell<bool>,
    /// The tuple handed out again once nothing else holds it.
    result: Obj,
}
impl PyPayload for ZipData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for x in self.iters.iter() {
            visit(x);
        }
        visit(&self.result);
    }
}

pub(crate) fn zip_type_object() -> TypeObject {
    let mut t = TypeObject::new::<ZipData>(
        "zip",
        std::mem::size_of::<PyCell<ZipData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n   >>> list(zip('abcdefg', range(3), range(4)))\n   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\nThe zip object yields n-length tuples, where n is the number of iterables\npassed as positional arguments to zip().  The i-th element in every tuple\ncomes from the i-th iterable argument to zip().  This continues until the\nshortest argument is exhausted.\n\nIf strict is true and one of the arguments is exhausted before the others,\nraise a ValueError.");
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(zip_next));
    t.slots.new.set(Some(zip_new));
    t
}

fn zip_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    let mut strict = false;
    for (k, v) in kw {
        if pystr::as_str(&k) == Some("strict") {
            strict = vm.is_true(&v)?;
        } else {
            return Err(vm.type_error("zip() got an unexpected keyword argument"));
        }
    }
    let mut iters = Vec::with_capacity(pos.len());
    for a in pos {
        iters.push(vm.iter(a)?);
    }
    let result = reusable_result(vm, iters.len());
    Ok(alloc_object(cls, ZipData { iters, strict: Cell::new(strict), result }))
}

fn zip_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let d = o.payload::<ZipData>().expect("zip");
    if d.iters.is_empty() {
        return Ok(None);
    }
    let reuse = take_reusable(&d.result);
    let mut items = Vec::with_capacity(if reuse.is_some() { 0 } else { d.iters.len() });
    for (i, it) in d.iters.iter().enumerate() {
        match vm.next(it)? {
            Some(v) => match &reuse {
                // SAFETY: `take_reusable` found the result tuple (one slot
                // per iterator) held by this zip alone; nothing borrows its
                // items.
                Some(r) => drop(unsafe { tuple::replace_item(r, i, v) }),
                None => items.push(v),
            },
            None => {
                if d.strict.get() {
                    if i > 0 {
                        let plural = if i == 1 { " " } else { "s 1-" };
                        return Err(vm.value_error(format!(
                            "zip() argument {} is shorter than argument{}{}",
                            i + 1,
                            plural,
                            i
                        )));
                    }
                    for (j, other) in d.iters.iter().enumerate().skip(1) {
                        if vm.next(other)?.is_some() {
                            let plural = if j == 1 { " " } else { "s 1-" };
                            return Err(vm.value_error(format!(
                                "zip() argument {} is longer than argument{}{}",
                                j + 1,
                                plural,
                                j
                            )));
                        }
                    }
                }
                return Ok(None);
            }
        }
    }
    if let Some(r) = reuse {
        retrack(vm, &r);
        return Ok(Some(r));
    }
    Ok(Some(vm.new_tuple(items)))
}

pub(crate) struct MapData {
    func: Obj,
    iters: Vec<Obj>,
}
impl PyPayload for MapData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.func);
        for x in self.iters.iter() {
            visit(x);
        }
    }
}

pub(crate) fn map_type_object() -> TypeObject {
    let mut t = TypeObject::new::<MapData>(
        "map",
        std::mem::size_of::<PyCell<MapData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.");
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(map_next));
    t.slots.new.set(Some(map_new));
    t
}

fn map_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let args = crate::args::positional_unless_own_init(vm, "map", cls, &vm.ctx.types.map, args, kwnames)?;
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        iters.push(vm.iter(a)?);
    }
    Ok(alloc_object(cls, MapData { func: args[0].clone(), iters }))
}

fn map_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let d = o.payload::<MapData>().expect("map");
    if let [it] = &d.iters[..] {
        // One iterable (the usual map): its item is the argument slice, no vector.
        let Some(v) = vm.next(it)? else { return Ok(None) };
        return call_for_item(vm, &d.func, std::slice::from_ref(&v)).map(Some);
    }
    let mut items = Vec::with_capacity(d.iters.len());
    for it in &d.iters {
        match vm.next(it)? {
            Some(v) => items.push(v),
            None => return Ok(None),
        }
    }
    call_for_item(vm, &d.func, &items).map(Some)
}

/// Call `map`'s or `filter`'s function for an item. A Python function's
/// frame counts against the recursion limit once, as CPython's map and
/// filter call it (they count nothing themselves); other callables are
/// counted here, so a recursion through native code still ends in
/// RecursionError.
fn call_for_item(vm: &Vm, f: &Obj, args: &[Obj]) -> PyResult<Obj> {
    if f.type_is(&vm.ctx.types.function) {
        return vm.call(f, args, None);
    }
    vm.with_recursion(" while calling a Python object", || vm.call(f, args, None))
}

pub(crate) struct FilterData {
    func: Obj,
    it: Obj,
}
impl PyPayload for FilterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.func);
        visit(&self.it);
    }
}

pub(crate) fn filter_type_object() -> TypeObject {
    let mut t = TypeObject::new::<FilterData>(
        "filter",
        std::mem::size_of::<PyCell<FilterData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.");
    t.slots.iter.set(Some(self_iter));
    t.slots.iternext.set(Some(filter_next));
    t.slots.new.set(Some(filter_new));
    t
}

fn filter_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let args = crate::args::positional_unless_own_init(vm, "filter", cls, &vm.ctx.types.filter, args, kwnames)?;
    crate::args::check_positional(vm, "filter", args.len(), 2, 2)?;
    let it = vm.iter(&args[1])?;
    Ok(alloc_object(cls, FilterData { func: args[0].clone(), it }))
}

fn filter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let d = o.payload::<FilterData>().expect("filter");
    loop {
        let Some(v) = vm.next(&d.it)? else { return Ok(None) };
        let ok = if vm.is_none(&d.func) || d.func.is(&vm.ctx.types.bool_) {
            vm.is_true(&v)?
        } else {
            let r = call_for_item(vm, &d.func, std::slice::from_ref(&v))?;
            vm.is_true(&r)?
        };
        if ok {
            return Ok(Some(v));
        }
    }
}

// ---- pickling: `__reduce__`/`__setstate__` of the iterators above -----------------------------

/// `(iter, (callable, sentinel))`, or `(iter, ((),))` once exhausted.
fn callable_iter_reduce(vm: &Vm, it: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let iter_fn = builtin_iter(vm)?;
    let d = it.payload::<CallableIterData>().ok_or_else(|| vm.type_error("callable_iterator expected"))?;
    let args = match d.func.get() {
        Some(f) => vm.new_tuple(vec![f, d.sentinel.clone()]),
        None => vm.new_tuple(vec![vm.ctx.empty_tuple.clone()]),
    };
    Ok(vm.new_tuple(vec![iter_fn, args]))
}

/// `(type(self), (iterator, next_index))`.
fn enumerate_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = o.payload::<EnumerateData>().ok_or_else(|| vm.type_error("enumerate expected"))?;
    let index = match &*d.long_index.borrow() {
        Some(big) => vm.new_bigint(big.clone()),
        None => vm.new_int(d.index.get()),
    };
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![d.it.clone(), index])]))
}

/// `(type(self), (seq,), index)`, or `(type(self), ((),))` once exhausted.
fn reversed_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = o.payload::<ReversedData>().ok_or_else(|| vm.type_error("reversed expected"))?;
    match d.seq.get() {
        Some(seq) => Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![seq]), vm.new_int(d.index.get() as i64)])),
        None => Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![vm.ctx.empty_tuple.clone()])])),
    }
}

/// `__length_hint__()`: the items left, 0 once exhausted or when the
/// sequence shrank below the position (CPython's `reversed_len`).
fn reversed_length_hint(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__length_hint__", args, kwnames)?;
    let d = o.payload::<ReversedData>().ok_or_else(|| vm.type_error("reversed expected"))?;
    let Some(seq) = d.seq.get() else { return Ok(vm.new_int(0)) };
    let size = vm.len(&seq)? as isize;
    let position = d.index.get() + 1;
    Ok(vm.new_int(if size < position { 0 } else { position as i64 }))
}

/// `__setstate__(index)`, clamped to `[-1, len(seq) - 1]`.
fn reversed_setstate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = crate::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    let index = vm.index_to_isize(&state)?;
    let d = o.payload::<ReversedData>().ok_or_else(|| vm.type_error("reversed expected"))?;
    if let Some(seq) = d.seq.get() {
        let n = vm.len(&seq)? as isize;
        d.index.set(index.clamp(-1, n - 1));
    }
    Ok(vm.none())
}

/// `(type(self), iterators)`, plus `True` for `strict=True`.
fn zip_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = o.payload::<ZipData>().ok_or_else(|| vm.type_error("zip expected"))?;
    let mut parts = vec![o.class_obj(), vm.new_tuple(d.iters.clone())];
    if d.strict.get() {
        parts.push(vm.bool_obj(true));
    }
    Ok(vm.new_tuple(parts))
}

/// `__setstate__(strict)`.
fn zip_setstate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = crate::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    let strict = vm.is_true(&state)?;
    let d = o.payload::<ZipData>().ok_or_else(|| vm.type_error("zip expected"))?;
    d.strict.set(strict);
    Ok(vm.none())
}

pub(crate) fn setup(vm: &Vm) {
    let t = &vm.ctx.types;
    for ty in [
        &t.list_iterator,
        &t.list_reverseiterator,
        &t.tuple_iterator,
        &t.str_iterator,
        &t.str_ascii_iterator,
        &t.bytes_iterator,
        &t.bytearray_iterator,
        &t.seq_iterator,
    ] {
        add_methods(
            vm,
            ty,
            &[
                MethodDef::method("__length_hint__", seq_length_hint),
                MethodDef::method("__reduce__", seq_reduce),
                MethodDef::method("__setstate__", seq_setstate),
            ],
        );
    }
    add_methods(vm, &t.range_iterator, &RANGE_ITER_METHODS);
    // `(type(self), (func, *iterators))`: pickling rebuilds them.
    add_methods(
        vm,
        &t.map,
        &[MethodDef::method("__reduce__", |vm, o, _, _| {
            let d = o.payload::<MapData>().ok_or_else(|| vm.type_error("map.__reduce__ needs a map"))?;
            let mut args = vec![d.func.clone()];
            args.extend(d.iters.iter().cloned());
            Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(args)]))
        })],
    );
    add_methods(
        vm,
        &t.filter,
        &[MethodDef::method("__reduce__", |vm, o, _, _| {
            let d = o.payload::<FilterData>().ok_or_else(|| vm.type_error("filter.__reduce__ needs a filter"))?;
            Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![d.func.clone(), d.it.clone()])]))
        })],
    );
    add_methods(
        vm,
        &t.enumerate,
        &[
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
            MethodDef::method("__reduce__", enumerate_reduce),
        ],
    );
    add_methods(vm, &t.callable_iterator, &[MethodDef::method("__reduce__", callable_iter_reduce)]);
    add_methods(
        vm,
        &t.reversed,
        &[
            MethodDef::method("__reduce__", reversed_reduce),
            MethodDef::method("__setstate__", reversed_setstate),
            MethodDef::method("__length_hint__", reversed_length_hint),
        ],
    );
    add_methods(
        vm,
        &t.zip,
        &[MethodDef::method("__reduce__", zip_reduce), MethodDef::method("__setstate__", zip_setstate)],
    );
}
