//! `tuple` (CPython's `Objects/tupleobject.c`).

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{slice, str as pystr};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

/// A tuple's payload: its length (CPython's `ob_size`), then its items.
/// An exact tuple's items follow in the object's own block (CPython's
/// `ob_item`: a 2-tuple is one 64-byte block with its GC header); a
/// subclass instance's layout is fixed (its `__dict__` and slots come
/// after), so the word after the length holds a pointer to an array of
/// its own (`OUT_OF_LINE` set in the length).
#[repr(C)]
pub(crate) struct TupleData {
    len: Cell<usize>,
}

/// Length bit: the items are in an array the word after the length points to.
const OUT_OF_LINE: usize = 1 << (usize::BITS - 1);

/// `tuple.__basicsize__`: the payload and the word a subclass instance's
/// array pointer takes (exact tuples have their items there instead).
const BASICSIZE: usize = std::mem::size_of::<PyCell<TupleData>>() + std::mem::size_of::<usize>();

impl TupleData {
    /// Where the items start (or, out of line, the array pointer is).
    #[inline(always)]
    fn after(&self) -> *mut Obj {
        // SAFETY: only the address is computed; it is read only while the
        // `TupleData` is inside its object (a non-zero length is only ever
        // set in place), whose block continues with the items or the pointer.
        unsafe { (self as *const TupleData).add(1) as *mut Obj }
    }

    #[inline(always)]
    fn items_ptr(&self) -> *mut Obj {
        if self.len.get() & OUT_OF_LINE == 0 {
            self.after()
        } else {
            // SAFETY: out of line, the word after the length is the array.
            unsafe { *self.after().cast::<*mut Obj>() }
        }
    }

    #[inline]
    pub(crate) fn items(&self) -> &[Obj] {
        let n = self.len.get() & !OUT_OF_LINE;
        // SAFETY: the first `n` slots are initialized and owned by the tuple.
        unsafe { std::slice::from_raw_parts(self.items_ptr(), n) }
    }
}

impl Drop for TupleData {
    /// Items go last first, as CPython's tupledealloc; the tuple reads as
    /// empty while they go.
    fn drop(&mut self) {
        let (ptr, raw) = (self.items_ptr(), self.len.replace(0));
        let n = raw & !OUT_OF_LINE;
        for i in (0..n).rev() {
            // SAFETY: slot `i` holds an owned item, dropped once.
            unsafe { std::ptr::drop_in_place(ptr.add(i)) };
        }
        if raw & OUT_OF_LINE != 0 {
            // SAFETY: the array came from `alloc_ref_array(n)`.
            unsafe { crate::object::free_ref_array(std::ptr::NonNull::new_unchecked(ptr), n) };
        }
    }
}

impl PyPayload for TupleData {
    fn heap_size(&self) -> usize {
        // Inline items are counted with the object's block.
        if self.len.get() & OUT_OF_LINE != 0 {
            std::mem::size_of_val(self.items())
        } else {
            0
        }
    }

    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for x in self.items().iter().rev() {
            visit(x);
        }
    }
}

/// The item count of an exact tuple (its block's size), for deallocation.
///
/// # Safety
/// `p` is a live exact tuple.
unsafe fn inline_len(p: *mut crate::object::PyObject) -> usize {
    // SAFETY: guaranteed by the caller.
    unsafe { (*p.cast::<PyCell<TupleData>>()).payload.len.get() }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<TupleData>(
        "tuple",
        BASICSIZE,
        true,
        flags::BASETYPE | flags::TUPLE_SUBCLASS | flags::SEQUENCE | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.");
    let s = &t.slots;
    s.repr.set(Some(tuple_repr));
    s.hash.set(Some(tuple_hash));
    s.richcompare.set(Some(tuple_richcompare));
    s.iter.set(Some(crate::objects::iter::tuple_iter));
    s.sq_length.set(Some(tuple_len));
    s.sq_contains.set(Some(tuple_contains));
    s.sq_concat.set(Some(tuple_concat));
    s.sq_repeat.set(Some(tuple_repeat));
    s.mp_subscript.set(Some(tuple_subscript));
    s.new.set(Some(tuple_new));
    t.mark_var_container::<TupleData>(inline_len);
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.tuple,
        &[
            MethodDef::method("count", tuple_count),
            MethodDef::method("index", tuple_index),
            MethodDef::method("__getnewargs__", tuple_getnewargs),
            MethodDef::method("__sizeof__", tuple_sizeof),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
}

/// Allocate a tuple of type `ty` (tuple or a subclass).
pub(crate) fn alloc_tuple(ty: &Obj, items: Vec<Obj>) -> Obj {
    let exact = ty.payload::<TypeObject>().is_some_and(|t| t.container.is_some());
    if exact {
        return alloc_exact(ty, items.len(), items.into_iter());
    }
    // A subclass: the items in an array of their own, moved out of `items`,
    // its pointer in the word after the length.
    let room = ty.payload::<TypeObject>().is_some_and(|t| t.basicsize >= BASICSIZE);
    assert!(room, "alloc_tuple: a tuple type without room for its items");
    let o = alloc_object(ty, TupleData { len: Cell::new(0) });
    let n = items.len();
    let ptr = crate::object::alloc_ref_array(n);
    let mut items = items;
    // SAFETY: the array has room for `n` items, moved out of the vector
    // (whose length is then zero, so it drops none of them); the pointer
    // goes in the word the subclass layout keeps after the length.
    unsafe {
        std::ptr::copy_nonoverlapping(items.as_ptr(), ptr.as_ptr(), n);
        items.set_len(0);
        let d = o.payload_unchecked::<TupleData>();
        std::ptr::write(d.after().cast::<*mut Obj>(), ptr.as_ptr());
        d.len.set(n | OUT_OF_LINE);
    }
    o
}

/// An exact tuple of the first `n` items of `it`, in one block.
#[inline]
fn alloc_exact(ty: &Obj, n: usize, it: impl Iterator<Item = Obj>) -> Obj {
    crate::object::alloc_var_container(ty, n, it, |k| TupleData { len: Cell::new(k) })
}

/// A new exact tuple of the first `n` items of `it`, with no intermediate
/// vector (BUILD_TUPLE from the value stack).
pub(crate) fn new_from_iter(vm: &Vm, n: usize, it: impl Iterator<Item = Obj>) -> Obj {
    if n == 0 {
        return vm.ctx.empty_tuple.clone();
    }
    alloc_exact(&vm.ctx.types.tuple, n, it)
}

/// Put `v` in slot `i` of an exact tuple only its owner refers to (the
/// result tuple `zip` and `enumerate` hand out again once the consumer let
/// it go, as CPython's `zip_next`): the old item, for the caller to drop.
///
/// # Safety
/// `o` is an exact tuple of more than `i` items, and no borrow of its items
/// is alive (its references are the owner's and the caller's).
pub(crate) unsafe fn replace_item(o: &Obj, i: usize, v: Obj) -> Obj {
    let p = o.as_ptr().cast::<PyCell<TupleData>>();
    // SAFETY: an exact tuple's items follow its payload in the object's
    // block (`TupleData::after`), and slot `i` holds an owned item; the
    // pointer comes from the object's own (raw) address.
    unsafe {
        debug_assert!(i < (*p).payload.len.get() & !OUT_OF_LINE && (*p).payload.len.get() & OUT_OF_LINE == 0);
        let slot = std::ptr::addr_of_mut!((*p).payload).add(1).cast::<Obj>().add(i);
        std::ptr::replace(slot, v)
    }
}

/// The items of a tuple object (empty for a non-tuple).
#[inline]
pub fn items(o: &Obj) -> &[Obj] {
    match o.payload::<TupleData>() {
        Some(t) => t.items(),
        None => &[],
    }
}

#[inline]
pub fn len(o: &Obj) -> usize {
    items(o).len()
}

impl Vm {
    /// A new tuple.
    #[inline]
    pub fn new_tuple(&self, items: Vec<Obj>) -> Obj {
        if items.is_empty() {
            return self.ctx.empty_tuple.clone();
        }
        alloc_tuple(&self.ctx.types.tuple, items)
    }

    pub fn new_tuple_from_slice(&self, items: &[Obj]) -> Obj {
        new_from_iter(self, items.len(), items.iter().cloned())
    }
}

fn tuple_of(o: &Obj) -> &[Obj] {
    o.payload::<TupleData>().expect("a tuple").items()
}

fn tuple_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let items = tuple_of(o);
    if items.is_empty() {
        return Ok(vm.new_str("()"));
    }
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("(...)")) };
    let mut parts: Vec<Obj> = Vec::with_capacity(items.len());
    for x in items.iter() {
        parts.push(vm.repr(x)?);
    }
    let mut out = pystr::Builder::new();
    out.push_str("(");
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_obj(p);
    }
    if items.len() == 1 {
        out.push_str(",");
    }
    out.push_str(")");
    Ok(out.finish(vm))
}

fn tuple_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let items = tuple_of(o);
    // Nested tuples hash recursively on the native stack.
    vm.with_native_depth(|| {
        let mut hashes = Vec::with_capacity(items.len());
        for x in items.iter() {
            hashes.push(vm.hash(x)?);
        }
        Ok(crate::hash::hash_tuple(hashes.into_iter()))
    })
}

/// Lexicographic comparison of two item slices (tuple and list share it).
pub(crate) fn compare_sequences(vm: &Vm, a: &[Obj], b: &[Obj], op: CompareOp) -> PyResult<Obj> {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i < n {
        if !vm.eq(&a[i], &b[i])? {
            break;
        }
        i += 1;
    }
    if i >= a.len() || i >= b.len() {
        return Ok(vm.bool_obj(crate::objects::int::ordering_matches(a.len().cmp(&b.len()), op)));
    }
    match op {
        CompareOp::Eq => Ok(vm.bool_obj(false)),
        CompareOp::Ne => Ok(vm.bool_obj(true)),
        _ => vm.rich_compare(&a[i], &b[i], op),
    }
}

fn tuple_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(bt) = b.payload::<TupleData>() else { return Ok(vm.not_implemented()) };
    // Items are borrowed from both tuples, which are immutable and kept
    // alive by the caller, so comparing (which may run Python code) is safe.
    compare_sequences(vm, tuple_of(a), bt.items(), op)
}

fn tuple_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(tuple_of(o).len())
}

fn tuple_contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    for x in tuple_of(o).iter() {
        if vm.eq(x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn tuple_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(bt) = b.payload::<TupleData>() else {
        return Err(vm.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", b.class().name())));
    };
    let at = tuple_of(a);
    if bt.items().is_empty() && a.type_is(&vm.ctx.types.tuple) {
        return Ok(a.clone());
    }
    if at.is_empty() && b.type_is(&vm.ctx.types.tuple) {
        return Ok(b.clone());
    }
    let mut v = Vec::with_capacity(at.len() + bt.items().len());
    v.extend_from_slice(at);
    v.extend_from_slice(bt.items());
    Ok(vm.new_tuple(v))
}

fn tuple_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let at = tuple_of(a);
    if n == 1 && a.type_is(&vm.ctx.types.tuple) {
        return Ok(a.clone());
    }
    if n <= 0 || at.is_empty() {
        return Ok(vm.ctx.empty_tuple.clone());
    }
    let total = at.len().checked_mul(n as usize).filter(|&t| t <= isize::MAX as usize / 8);
    let Some(total) = total else { return Err(vm.memory_error()) };
    let mut v = vm.try_vec(total)?;
    for _ in 0..n {
        v.extend_from_slice(at);
    }
    Ok(vm.new_tuple(v))
}

fn tuple_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let items = tuple_of(o);
    if let Some(sl) = key.payload::<slice::SliceData>() {
        let (start, stop, step) = sl.indices(vm, items.len())?;
        if step == 1 && start == 0 && stop as usize == items.len() && o.type_is(&vm.ctx.types.tuple) {
            return Ok(o.clone());
        }
        let v: Vec<Obj> = slice::iter_indices(start, stop, step).map(|i| items[i as usize].clone()).collect();
        return Ok(vm.new_tuple(v));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("tuple indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let n = items.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("tuple index out of range"));
    }
    Ok(items[j as usize].clone())
}

fn tuple_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let args = crate::args::positional_unless_own_init(vm, "tuple", cls, &vm.ctx.types.tuple, args, kwnames)?;
    let npos = args.len();
    if npos > 1 {
        return Err(vm.type_error(format!("tuple expected at most 1 argument, got {npos}")));
    }
    let items = match args.first().filter(|_| npos == 1) {
        None => Vec::new(),
        Some(a) => {
            if cls.is(&vm.ctx.types.tuple) {
                return vm.to_tuple(a);
            }
            vm.to_vec(a)?
        }
    };
    if cls.is(&vm.ctx.types.tuple) {
        return Ok(vm.new_tuple(items));
    }
    Ok(alloc_tuple(cls, items))
}

fn tuple_count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [value] = crate::args::exact::<1>(vm, "count", args, kwnames)?;
    let mut n = 0;
    for x in tuple_of(o).iter() {
        if vm.eq(x, &value)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn tuple_index(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "index", kwnames)?;
    crate::args::check_positional(vm, "index", args.len(), 1, 3)?;
    let items = tuple_of(o);
    let (start, stop) = crate::args::slice_bounds(vm, &args[1..], items.len())?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if vm.eq(item, &args[0])? {
            return Ok(vm.new_usize(i));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

/// CPython's size: a 24-byte header and one pointer per item, plus what a
/// subclass adds to the instance (its `__dict__` or slots).
fn tuple_sizeof(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__sizeof__", args, kw)?;
    let extra = o.class().basicsize.saturating_sub(BASICSIZE);
    Ok(vm.new_usize(24 + extra + 8 * tuple_of(o).len()))
}

fn tuple_getnewargs(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_tuple(vec![vm.new_tuple(tuple_of(o).to_vec())]))
}

/// Can this tuple stop being tracked by the cycle collector (all its items
/// are atoms or untracked tuples: it can be in no cycle)? CPython's
/// `_PyTuple_MaybeUntrack`, checked during collections.
pub(crate) fn is_untrackable(p: std::ptr::NonNull<crate::object::PyObject>) -> bool {
    // SAFETY: a borrowed view of a live object, for the duration of the check.
    let o = unsafe { Obj::from_borrowed_ptr(p) };
    let Some(t) = o.payload::<TupleData>() else { return false };
    t.items().iter().all(|x| !x.class().is_gc || (x.has_payload::<TupleData>() && !crate::gc::is_tracked(x)))
}
