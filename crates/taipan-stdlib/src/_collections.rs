//! `_collections` (CPython's `Modules/_collectionsmodule.c`): `deque`, its
//! iterators, `defaultdict`, `_count_elements` (Counter's loop) and
//! `_tuplegetter` (namedtuple's field descriptors); `OrderedDict` is in
//! `odict.rs` (CPython keeps it in `Objects/odictobject.c`).
//!
//! A deque's items live in a `VecDeque` borrowed only between calls into
//! Python; a `state` counter changes with every change of size, so loops
//! that compare items (count, index, remove, `in`) and the iterators
//! notice a mutation made by `__eq__` and raise CPython's error.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use taipan_vm::api::types::{
    flags, member_get, member_set, new_type, new_type_with_members, payload_or_err, set_unhashable, CompareOp,
    GetSetDef, MethodDef, NbOp, Slots, TypeSpec,
};
use taipan_vm::api::{args, dict, module, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::support::{
    alloc, alloc_exact, class_getitem, clear_cells, iter_self, module_type, positional, register_type, short_type_name,
    ssize_arg, visit_cells,
};

mod odict;

const DEQUE: &str = "collections.deque";
const MUTATED: &str = "deque mutated during iteration";

// ---- deque ------------------------------------------------------------------------------------

struct Deque {
    items: RefCell<VecDeque<Obj>>,
    maxlen: Cell<Option<usize>>,
    /// Changes whenever the size changes (CPython's `state`).
    state: Cell<u64>,
}
impl PyPayload for Deque {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(v) = self.items.try_borrow() {
            for o in v.iter() {
                visit(o);
            }
        }
    }
    fn clear(&self) {
        let old = self.items.try_borrow_mut().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default();
        drop(old);
    }
}

impl Deque {
    fn len(&self) -> usize {
        self.items.borrow().len()
    }
    fn get(&self, i: usize) -> Option<Obj> {
        self.items.borrow().get(i).cloned()
    }
    fn bump(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }
    /// Append on the right, dropping from the left past maxlen.
    fn push_back(&self, v: Obj) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            items.push_back(v);
            match self.maxlen.get() {
                Some(m) if items.len() > m => items.pop_front(),
                _ => None,
            }
        };
        self.bump();
        drop(dropped);
    }
    fn push_front(&self, v: Obj) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            items.push_front(v);
            match self.maxlen.get() {
                Some(m) if items.len() > m => items.pop_back(),
                _ => None,
            }
        };
        self.bump();
        drop(dropped);
    }
    fn take_all(&self) -> VecDeque<Obj> {
        let old = std::mem::take(&mut *self.items.borrow_mut());
        self.bump();
        old
    }
    fn snapshot(&self) -> Vec<Obj> {
        self.items.borrow().iter().cloned().collect()
    }
}

fn dq<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Deque> {
    payload_or_err::<Deque>(vm, o, DEQUE)
}

fn is_deque(o: &Obj) -> bool {
    o.payload::<Deque>().is_some()
}

fn deque_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let d = Deque { items: RefCell::new(VecDeque::new()), maxlen: Cell::new(None), state: Cell::new(0) };
    alloc(vm, cls, DEQUE, d)
}

/// `maxlen` as CPython reads it (`PyLong_AsSsize_t`: ints only).
fn maxlen_arg(vm: &Vm, o: &Obj) -> PyResult<Option<usize>> {
    if vm.is_none(o) {
        return Ok(None);
    }
    if !vm.isinstance_type(o, &vm.ctx.types.int) {
        return Err(vm.type_error("an integer is required"));
    }
    let v = ssize_arg(vm, o)?;
    if v < 0 {
        return Err(vm.value_error("maxlen must be non-negative"));
    }
    Ok(Some(v as usize))
}

fn deque_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let p = args::parse(vm, "deque", a, k, &["iterable", "maxlen"], 0)?;
    let d = dq(vm, o)?;
    let maxlen = match &p[1] {
        Some(m) => maxlen_arg(vm, m)?,
        None => None,
    };
    d.maxlen.set(maxlen);
    if d.len() > 0 {
        drop(d.take_all());
    }
    if let Some(it) = &p[0] {
        extend(vm, o, d, it, false)?;
    }
    Ok(())
}

/// Append every item of `iterable` (on the left when `left`).
fn extend(vm: &Vm, o: &Obj, d: &Deque, iterable: &Obj, left: bool) -> PyResult<()> {
    let src = if iterable.is(o) { vm.new_list(d.snapshot()) } else { iterable.clone() };
    let it = vm.iter(&src)?;
    if d.maxlen.get() == Some(0) {
        while vm.next(&it)?.is_some() {}
        return Ok(());
    }
    while let Some(x) = vm.next(&it)? {
        if left {
            d.push_front(x);
        } else {
            d.push_back(x);
        }
    }
    Ok(())
}

fn one_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [x] = args::exact::<1>(vm, name, a, k)?;
    Ok(x)
}

fn deque_copy(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = dq(vm, o)?;
    if let Some(ty) = module_type(vm, DEQUE) {
        if o.class_obj().is(&ty) {
            let new = Deque {
                items: RefCell::new(d.items.borrow().clone()),
                maxlen: Cell::new(d.maxlen.get()),
                state: Cell::new(0),
            };
            return alloc(vm, &ty, DEQUE, new);
        }
    }
    let cls = o.class_obj();
    let r = match d.maxlen.get() {
        None => vm.call1(&cls, o.clone())?,
        Some(m) => vm.call(&cls, &[o.clone(), vm.new_usize(m)], None)?,
    };
    if !is_deque(&r) {
        return Err(vm.type_error(format!("{}() must return a deque, not {}", o.class().name(), r.class().name())));
    }
    Ok(r)
}

/// Compare `value` with each item in turn; the index of the first equal
/// one in `start..stop`. `mutated` is the error when `__eq__` changed the deque.
fn find(
    vm: &Vm,
    d: &Deque,
    value: &Obj,
    start: usize,
    stop: usize,
    mutated: fn(&Vm) -> taipan_vm::api::PyErr,
) -> PyResult<Option<usize>> {
    let state = d.state.get();
    for i in start..stop {
        let Some(item) = d.get(i) else { break };
        let eq = vm.eq(&item, value)?;
        if d.state.get() != state {
            return Err(mutated(vm));
        }
        if eq {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn runtime_mutated(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.runtime_error(MUTATED)
}

fn index_mutated(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.index_error(MUTATED)
}

/// A slice index (`_PyEval_SliceIndexNotNone`), clamped to isize.
fn slice_index(vm: &Vm, o: &Obj) -> PyResult<isize> {
    if !vm.has_index(o) {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    vm.index_to_isize_clamped(o)
}

fn deque_index(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "index", a, k, 1, 3)?;
    let d = dq(vm, o)?;
    let n = d.len() as isize;
    let norm = |v: isize| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let start = match a.get(1) {
        Some(s) => norm(slice_index(vm, s)?),
        None => 0,
    };
    let stop = match a.get(2) {
        Some(s) => norm(slice_index(vm, s)?),
        None => n,
    };
    match find(vm, d, &a[0], start as usize, stop.max(start) as usize, runtime_mutated)? {
        Some(i) => Ok(vm.new_usize(i)),
        None => Err(vm.value_error(format!("{} is not in deque", vm.repr_string(&a[0])?))),
    }
}

fn deque_remove(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = one_arg(vm, "remove", a, k)?;
    let d = dq(vm, o)?;
    match find(vm, d, &v, 0, d.len(), index_mutated)? {
        Some(i) => {
            let removed = d.items.borrow_mut().remove(i);
            d.bump();
            drop(removed);
            Ok(vm.none())
        }
        None => Err(vm.value_error(format!("{} is not in deque", vm.repr_string(&v)?))),
    }
}

fn deque_count(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = one_arg(vm, "count", a, k)?;
    let d = dq(vm, o)?;
    let state = d.state.get();
    let mut n = 0usize;
    let mut i = 0;
    while let Some(item) = d.get(i) {
        let eq = vm.eq(&item, &v)?;
        if d.state.get() != state {
            return Err(runtime_mutated(vm));
        }
        n += eq as usize;
        i += 1;
    }
    Ok(vm.new_usize(n))
}

fn deque_insert(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, "insert", k)?;
    let [index, value] = a else {
        return Err(vm.type_error(format!("insert() takes exactly 2 arguments ({} given)", a.len())));
    };
    let index = ssize_arg(vm, index)?;
    let d = dq(vm, o)?;
    let n = d.len() as isize;
    if d.maxlen.get().is_some_and(|m| d.len() >= m) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let i = if index < 0 { (index + n).max(0) } else { index.min(n) };
    d.items.borrow_mut().insert(i as usize, value.clone());
    d.bump();
    Ok(vm.none())
}

fn deque_rotate(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "rotate", a, k, 0, 1)?;
    let n = match a.first() {
        Some(n) => ssize_arg(vm, n)?,
        None => 1,
    };
    let d = dq(vm, o)?;
    let mut items = d.items.borrow_mut();
    let len = items.len() as isize;
    if len > 1 {
        let r = n.rem_euclid(len) as usize;
        items.rotate_right(r);
    }
    Ok(vm.none())
}

fn pop_err(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.index_error("pop from an empty deque")
}

const DEQUE_METHODS: &[MethodDef] = &[
    MethodDef::method("append", |vm, o, a, k| {
        let x = one_arg(vm, "append", a, k)?;
        dq(vm, o)?.push_back(x);
        Ok(vm.none())
    }),
    MethodDef::method("appendleft", |vm, o, a, k| {
        let x = one_arg(vm, "appendleft", a, k)?;
        dq(vm, o)?.push_front(x);
        Ok(vm.none())
    }),
    MethodDef::method("clear", |vm, o, a, k| {
        args::exact::<0>(vm, "clear", a, k)?;
        drop(dq(vm, o)?.take_all());
        Ok(vm.none())
    }),
    MethodDef::method("copy", |vm, o, a, k| {
        args::exact::<0>(vm, "copy", a, k)?;
        deque_copy(vm, o)
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        deque_copy(vm, o)
    }),
    MethodDef::method("count", deque_count),
    MethodDef::method("extend", |vm, o, a, k| {
        let x = one_arg(vm, "extend", a, k)?;
        extend(vm, o, dq(vm, o)?, &x, false)?;
        Ok(vm.none())
    }),
    MethodDef::method("extendleft", |vm, o, a, k| {
        let x = one_arg(vm, "extendleft", a, k)?;
        extend(vm, o, dq(vm, o)?, &x, true)?;
        Ok(vm.none())
    }),
    MethodDef::method("index", deque_index),
    MethodDef::method("insert", deque_insert),
    MethodDef::method("pop", |vm, o, a, k| {
        args::exact::<0>(vm, "pop", a, k)?;
        let d = dq(vm, o)?;
        let v = d.items.borrow_mut().pop_back();
        d.bump();
        v.ok_or_else(|| pop_err(vm))
    }),
    MethodDef::method("popleft", |vm, o, a, k| {
        args::exact::<0>(vm, "popleft", a, k)?;
        let d = dq(vm, o)?;
        let v = d.items.borrow_mut().pop_front();
        d.bump();
        v.ok_or_else(|| pop_err(vm))
    }),
    MethodDef::method("remove", deque_remove),
    MethodDef::method("reverse", |vm, o, a, k| {
        args::exact::<0>(vm, "reverse", a, k)?;
        dq(vm, o)?.items.borrow_mut().make_contiguous().reverse();
        Ok(vm.none())
    }),
    MethodDef::method("rotate", deque_rotate),
    MethodDef::method("__reversed__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reversed__", a, k)?;
        new_deque_iter(vm, o, true)
    }),
    MethodDef::method("__reduce__", deque_reduce),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        args::exact::<0>(vm, "__sizeof__", a, k)?;
        let cap = dq(vm, o)?.items.borrow().capacity();
        Ok(vm.new_usize(o.class().basicsize + cap * std::mem::size_of::<Obj>()))
    }),
    MethodDef::class("__class_getitem__", class_getitem),
];

fn deque_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let d = dq(vm, o)?;
    let state = match vm.getattr_str_opt(o, "__getstate__")? {
        Some(f) => vm.call0(&f)?,
        None => vm.none(),
    };
    let it = vm.iter(o)?;
    let args = match d.maxlen.get() {
        None => vm.new_tuple(vec![]),
        Some(m) => vm.new_tuple(vec![vm.new_tuple(vec![]), vm.new_usize(m)]),
    };
    Ok(vm.new_tuple(vec![o.class_obj(), args, state, it]))
}

fn deque_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = dq(vm, o)?;
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("[...]")) };
    let list = vm.repr_string(&vm.new_list(d.snapshot()))?;
    let name = short_type_name(o);
    Ok(vm.new_str(&match d.maxlen.get() {
        None => format!("{name}({list})"),
        Some(m) => format!("{name}({list}, maxlen={m})"),
    }))
}

fn deque_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let (Some(da), Some(db)) = (a.payload::<Deque>(), b.payload::<Deque>()) else {
        return Ok(vm.not_implemented());
    };
    let (va, vb) = (da.snapshot(), db.snapshot());
    if va.len() != vb.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.bool_obj(op == CompareOp::Ne));
    }
    for (x, y) in va.iter().zip(&vb) {
        if !vm.eq(x, y)? {
            return match op {
                CompareOp::Eq => Ok(vm.bool_obj(false)),
                CompareOp::Ne => Ok(vm.bool_obj(true)),
                _ => vm.rich_compare(x, y, op),
            };
        }
    }
    let ord = va.len().cmp(&vb.len());
    use std::cmp::Ordering::*;
    let r = match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    };
    Ok(vm.bool_obj(r))
}

fn deque_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(dq(vm, o)?.len())
}

fn deque_contains(vm: &Vm, o: &Obj, v: &Obj) -> PyResult<bool> {
    let d = dq(vm, o)?;
    Ok(find(vm, d, v, 0, d.len(), runtime_mutated)?.is_some())
}

/// The item index for `d[i]`: a sequence index, wrapped once.
fn item_index(vm: &Vm, d: &Deque, key: &Obj) -> PyResult<usize> {
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("sequence index must be integer, not '{}'", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let n = d.len() as isize;
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(i as usize)
}

fn deque_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let d = dq(vm, o)?;
    let i = item_index(vm, d, key)?;
    d.get(i).ok_or_else(|| vm.index_error("deque index out of range"))
}

fn deque_setitem(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let d = dq(vm, o)?;
    let i = item_index(vm, d, key)?;
    let old = match value {
        Some(v) => d.items.borrow_mut().get_mut(i).map(|slot| std::mem::replace(slot, v.clone())),
        None => {
            let r = d.items.borrow_mut().remove(i);
            d.bump();
            r
        }
    };
    drop(old);
    Ok(())
}

fn deque_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !is_deque(b) {
        return Err(vm.type_error(format!("can only concatenate deque (not \"{}\") to deque", b.class().name())));
    }
    let new = deque_copy(vm, a)?;
    let d = dq(vm, &new)?;
    extend(vm, &new, d, b, false)?;
    Ok(new)
}

fn deque_inplace_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    extend(vm, a, dq(vm, a)?, b, false)?;
    Ok(a.clone())
}

fn repeat_in_place(vm: &Vm, d: &Deque, n: isize) -> PyResult<()> {
    let size = d.len();
    if n <= 0 || size == 0 {
        if size > 0 {
            drop(d.take_all());
        }
        return Ok(());
    }
    let n = n as usize;
    if n == 1 {
        return Ok(());
    }
    if size > isize::MAX as usize / n {
        return Err(vm.memory_error());
    }
    let total = size * n;
    let keep = d.maxlen.get().map_or(total, |m| m.min(total));
    let items = d.snapshot();
    let mut out = VecDeque::new();
    out.try_reserve_exact(keep).map_err(|_| vm.memory_error())?;
    // The last `keep` items of `items` repeated n times.
    let skip = total - keep;
    for j in skip..total {
        out.push_back(items[j % size].clone());
    }
    let old = std::mem::replace(&mut *d.items.borrow_mut(), out);
    d.bump();
    drop(old);
    Ok(())
}

fn deque_repeat(vm: &Vm, o: &Obj, n: isize) -> PyResult<Obj> {
    let new = deque_copy(vm, o)?;
    repeat_in_place(vm, dq(vm, &new)?, n)?;
    Ok(new)
}

fn deque_inplace_repeat(vm: &Vm, o: &Obj, n: isize) -> PyResult<Obj> {
    repeat_in_place(vm, dq(vm, o)?, n)?;
    Ok(o.clone())
}

fn deque_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    new_deque_iter(vm, o, false)
}

// ---- _deque_iterator, _deque_reverse_iterator -------------------------------------------------

struct DequeIter {
    deque: ObjCell,
    /// Items yielded so far.
    index: Cell<usize>,
    /// Items left.
    counter: Cell<usize>,
    state: u64,
    reverse: bool,
}
impl PyPayload for DequeIter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.deque], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.deque])
    }
}

fn iter_name(reverse: bool) -> &'static str {
    if reverse {
        "_collections._deque_reverse_iterator"
    } else {
        "_collections._deque_iterator"
    }
}

fn new_deque_iter(vm: &Vm, o: &Obj, reverse: bool) -> PyResult<Obj> {
    let d = dq(vm, o)?;
    let it = DequeIter {
        deque: ObjCell::some(o.clone()),
        index: Cell::new(0),
        counter: Cell::new(d.len()),
        state: d.state.get(),
        reverse,
    };
    alloc_exact(vm, iter_name(reverse), it)
}

fn deque_iter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<DequeIter>(vm, o, "_collections._deque_iterator")?;
    let Some(dobj) = it.deque.get() else { return Ok(None) };
    let d = dq(vm, &dobj)?;
    if d.state.get() != it.state {
        it.counter.set(0);
        return Err(vm.runtime_error(MUTATED));
    }
    if it.counter.get() == 0 {
        return Ok(None);
    }
    let n = d.len();
    let i = it.index.get();
    let pos = if it.reverse { n.checked_sub(i + 1) } else { Some(i) };
    let item = pos.and_then(|p| d.get(p));
    it.index.set(i + 1);
    it.counter.set(it.counter.get() - 1);
    Ok(item)
}

fn deque_iter_new_common(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>, reverse: bool) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, iter_name(reverse).rsplit('.').next().unwrap_or(""), k)?;
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(format!(
            "function takes {} ({} given)",
            if a.is_empty() { "at least 1 argument" } else { "at most 2 arguments" },
            a.len()
        )));
    }
    if !is_deque(&a[0]) {
        return Err(vm.type_error(format!("argument 1 must be collections.deque, not {}", a[0].class().name())));
    }
    let index = match a.get(1) {
        Some(i) => ssize_arg(vm, i)?,
        None => 0,
    };
    let d = dq(vm, &a[0])?;
    let it = DequeIter {
        deque: ObjCell::some(a[0].clone()),
        index: Cell::new(0),
        counter: Cell::new(d.len()),
        state: d.state.get(),
        reverse,
    };
    let obj = alloc(vm, cls, iter_name(reverse), it)?;
    for _ in 0..index.max(0) {
        if deque_iter_next(vm, &obj)?.is_none() {
            break;
        }
    }
    Ok(obj)
}

const DEQUE_ITER_METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", |vm, o, a, k| {
        args::exact::<0>(vm, "__length_hint__", a, k)?;
        let it = payload_or_err::<DequeIter>(vm, o, "_collections._deque_iterator")?;
        Ok(vm.new_usize(it.counter.get()))
    }),
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let it = payload_or_err::<DequeIter>(vm, o, "_collections._deque_iterator")?;
        let dobj = it.deque.get().unwrap_or_else(|| vm.none());
        let n = dobj.payload::<Deque>().map_or(0, |d| d.len());
        let pos = n.saturating_sub(it.counter.get());
        Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![dobj, vm.new_usize(pos)])]))
    }),
];

// ---- defaultdict ------------------------------------------------------------------------------

const DEFAULTDICT: &str = "collections.defaultdict";

/// The offset of `default_factory` in a defaultdict (one per interpreter
/// build of the type; all instances share the layout).
fn factory_offset(vm: &Vm) -> usize {
    vm.lazy_types
        .borrow()
        .get("collections.defaultdict")
        .and_then(|t| t.payload::<taipan_vm::api::types::TypeObject>().and_then(|t| t.member_offsets.last().copied()))
        .unwrap_or(0)
}

fn factory(vm: &Vm, o: &Obj) -> Option<Obj> {
    member_get(o, factory_offset(vm))
}

fn check_defaultdict(vm: &Vm, o: &Obj) -> PyResult<()> {
    match module_type(vm, DEFAULTDICT) {
        Some(t) if vm.isinstance_type(o, &t) => Ok(()),
        _ => Err(vm.type_error(format!(
            "descriptor for 'collections.defaultdict' objects doesn't apply to a '{}' object",
            o.class().name()
        ))),
    }
}

fn defaultdict_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let nkw = k.map_or(0, tuple::len);
    let npos = a.len() - nkw;
    let mut rest: &[Obj] = a;
    let mut newdefault = None;
    if npos > 0 {
        let f = &a[0];
        if !vm.is_none(f) && !vm.is_callable(f) {
            return Err(vm.type_error("first argument must be callable or None"));
        }
        newdefault = if vm.is_none(f) { None } else { Some(f.clone()) };
        rest = &a[1..];
    }
    member_set(o, factory_offset(vm), newdefault);
    let Some(init) = vm.ctx.types.dict.payload::<taipan_vm::api::types::TypeObject>().and_then(|t| t.slots.init.get())
    else {
        return Ok(());
    };
    init(vm, o, rest, k)
}

fn defaultdict_missing(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let key = one_arg(vm, "__missing__", a, k)?;
    check_defaultdict(vm, o)?;
    let Some(f) = factory(vm, o) else {
        return Err(vm.key_error(key));
    };
    let value = vm.call0(&f)?;
    vm.setitem(o, &key, &value)?;
    Ok(value)
}

/// `type(dd)(dd.default_factory, arg)`.
fn new_like(vm: &Vm, dd: &Obj, arg: &Obj) -> PyResult<Obj> {
    let f = factory(vm, dd).unwrap_or_else(|| vm.none());
    vm.call(&dd.class_obj(), &[f, arg.clone()], None)
}

fn defaultdict_copy(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "copy", a, k)?;
    check_defaultdict(vm, o)?;
    new_like(vm, o, o)
}

fn defaultdict_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    check_defaultdict(vm, o)?;
    let args = match factory(vm, o) {
        Some(f) => vm.new_tuple(vec![f]),
        None => vm.new_tuple(vec![]),
    };
    let items = vm.call_method(o, "items", &[])?;
    let it = vm.iter(&items)?;
    Ok(vm.new_tuple(vec![o.class_obj(), args, vm.none(), vm.none(), it]))
}

fn defaultdict_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let def = match factory(vm, o) {
        None => "None".to_string(),
        Some(f) => match vm.repr_enter(&f) {
            None => "...".to_string(),
            Some(_g) => vm.repr_string(&f)?,
        },
    };
    let base = vm.ctx.types.dict.payload::<taipan_vm::api::types::TypeObject>().and_then(|t| t.slots.repr.get());
    let base = match base {
        Some(r) => vm.str_string(&r(vm, o)?)?,
        None => String::new(),
    };
    Ok(vm.new_str(&format!("{}({}, {})", short_type_name(o), def, base)))
}

fn defaultdict_or(vm: &Vm, left: &Obj, right: &Obj) -> PyResult<Obj> {
    let Some(ty) = module_type(vm, DEFAULTDICT) else { return Ok(vm.not_implemented()) };
    let (me, other) = if vm.isinstance_type(left, &ty) { (left, right) } else { (right, left) };
    if dict::data(other).is_none() {
        return Ok(vm.not_implemented());
    }
    let new = new_like(vm, me, left)?;
    vm.call_method(&new, "update", std::slice::from_ref(right))?;
    Ok(new)
}

const DEFAULTDICT_METHODS: &[MethodDef] = &[
    MethodDef::method("__missing__", defaultdict_missing),
    MethodDef::method("copy", defaultdict_copy),
    MethodDef::method("__copy__", defaultdict_copy),
    MethodDef::method("__reduce__", defaultdict_reduce),
    MethodDef::class("__class_getitem__", class_getitem),
];

const DEFAULTDICT_GETSETS: &[GetSetDef] = &[GetSetDef::new(
    "default_factory",
    |vm, o| {
        check_defaultdict(vm, o)?;
        Ok(factory(vm, o).unwrap_or_else(|| vm.none()))
    },
    Some(|vm, o, v| {
        check_defaultdict(vm, o)?;
        let v = v.filter(|v| !vm.is_none(v)).cloned();
        member_set(o, factory_offset(vm), v);
        Ok(())
    }),
)];

// ---- _count_elements, _tuplegetter ------------------------------------------------------------

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each x.
fn count_elements(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional_in(vm, "_collections", "_count_elements", a, k, 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let it = vm.iter(iterable)?;
    let get = vm.getattr_str(mapping, "get")?;
    let (zero, one) = (vm.new_int(0), vm.new_int(1));
    while let Some(x) = vm.next(&it)? {
        let old = vm.call(&get, &[x.clone(), zero.clone()], None)?;
        let new = vm.binary_op(&old, &one, NbOp::Add)?;
        vm.setitem(mapping, &x, &new)?;
    }
    Ok(vm.none())
}

struct TupleGetter {
    index: usize,
    doc: ObjCell,
}
impl PyPayload for TupleGetter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.doc], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.doc])
    }
}

const TUPLEGETTER: &str = "_collections._tuplegetter";

fn tuplegetter_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "_tuplegetter", a, k, 2, 2)?;
    let index = ssize_arg(vm, &a[0])?;
    if index < 0 {
        return Err(vm.index_error("tuple index out of range"));
    }
    alloc(vm, cls, TUPLEGETTER, TupleGetter { index: index as usize, doc: ObjCell::some(a[1].clone()) })
}

fn tuplegetter_get(vm: &Vm, o: &Obj, instance: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let g = payload_or_err::<TupleGetter>(vm, o, TUPLEGETTER)?;
    let Some(inst) = instance.filter(|i| !vm.is_none(i)) else { return Ok(o.clone()) };
    if !vm.isinstance_type(inst, &vm.ctx.types.tuple) {
        return Err(vm.type_error(format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            inst.class().name()
        )));
    }
    tuple::items(inst).get(g.index).cloned().ok_or_else(|| vm.index_error("tuple index out of range"))
}

fn tuplegetter_set(vm: &Vm, _o: &Obj, _inst: &Obj, value: Option<&Obj>) -> PyResult<()> {
    Err(vm.attribute_error(if value.is_some() { "can't set attribute" } else { "can't delete attribute" }))
}

fn tuplegetter_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = payload_or_err::<TupleGetter>(vm, o, TUPLEGETTER)?;
    let doc = vm.repr_string(&g.doc.get().unwrap_or_else(|| vm.none()))?;
    Ok(vm.new_str(&format!("{}({}, {})", short_type_name(o), g.index, doc)))
}

const TUPLEGETTER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let g = payload_or_err::<TupleGetter>(vm, o, TUPLEGETTER)?;
    let doc = g.doc.get().unwrap_or_else(|| vm.none());
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![vm.new_usize(g.index), doc])]))
})];

const TUPLEGETTER_GETSETS: &[GetSetDef] = &[GetSetDef::new(
    "__doc__",
    |vm, o| Ok(payload_or_err::<TupleGetter>(vm, o, TUPLEGETTER)?.doc.get().unwrap_or_else(|| vm.none())),
    Some(|vm, o, v| {
        payload_or_err::<TupleGetter>(vm, o, TUPLEGETTER)?.doc.set(v.cloned());
        Ok(())
    }),
)];

// ---- the module -------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("_count_elements", count_elements)];

const DEQUE_DOC: &str = "deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized for data accesses near its endpoints.";
const DEFAULTDICT_DOC: &str = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\nThe default factory is called without arguments to produce\na new value when a key is not present, in __getitem__ only.\nA defaultdict compares equal to a dict with the same items.\nAll remaining arguments are treated the same as if they were\npassed to the dict constructor, including keyword arguments.\n";

fn make_deque_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: DEQUE,
        base: None,
        flags: flags::BASETYPE | flags::SEQUENCE,
        gc: true,
        dict: false,
        weakref: true,
        methods: DEQUE_METHODS,
        getsets: &[GetSetDef::new(
            "maxlen",
            |vm, o| Ok(dq(vm, o)?.maxlen.get().map_or_else(|| vm.none(), |m| vm.new_usize(m))),
            None,
        )],
        doc: Some(DEQUE_DOC),
    };
    let ty = new_type::<Deque>(vm, &spec, |s: &Slots| {
        s.new.set(Some(deque_new));
        s.init.set(Some(deque_init));
        s.repr.set(Some(deque_repr));
        s.richcompare.set(Some(deque_richcompare));
        set_unhashable(s);
        s.iter.set(Some(deque_iter));
        s.sq_length.set(Some(deque_len));
        s.sq_contains.set(Some(deque_contains));
        s.sq_concat.set(Some(deque_concat));
        s.sq_repeat.set(Some(deque_repeat));
        s.sq_inplace_concat.set(Some(deque_inplace_concat));
        s.sq_inplace_repeat.set(Some(deque_inplace_repeat));
        s.mp_subscript.set(Some(deque_getitem));
        s.mp_ass_subscript.set(Some(deque_setitem));
    });
    register_type(vm, DEQUE, &ty);
    ty
}

fn make_iter_type(vm: &Vm, reverse: bool) -> Obj {
    let spec = TypeSpec { name: iter_name(reverse), gc: true, methods: DEQUE_ITER_METHODS, ..Default::default() };
    let ty = new_type::<DequeIter>(vm, &spec, |s: &Slots| {
        s.new.set(Some(if reverse {
            |vm, cls, a, k| deque_iter_new_common(vm, cls, a, k, true)
        } else {
            |vm, cls, a, k| deque_iter_new_common(vm, cls, a, k, false)
        }));
        s.iter.set(Some(iter_self));
        s.iternext.set(Some(deque_iter_next));
    });
    register_type(vm, iter_name(reverse), &ty);
    ty
}

fn make_defaultdict_type(vm: &Vm) -> Obj {
    let base = vm.ctx.types.dict.clone();
    let spec = TypeSpec {
        name: DEFAULTDICT,
        base: Some(&base),
        flags: flags::BASETYPE | flags::DICT_SUBCLASS | flags::MAPPING,
        gc: true,
        methods: DEFAULTDICT_METHODS,
        getsets: DEFAULTDICT_GETSETS,
        doc: Some(DEFAULTDICT_DOC),
        ..Default::default()
    };
    let (ty, _) = new_type_with_members::<dict::DictData>(vm, &spec, 1, |s: &Slots| {
        s.init.set(Some(defaultdict_init));
        s.repr.set(Some(defaultdict_repr));
        s.nb_binary[NbOp::Or as usize].set(Some(defaultdict_or));
    });
    register_type(vm, DEFAULTDICT, &ty);
    ty
}

fn make_tuplegetter_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: TUPLEGETTER,
        gc: true,
        methods: TUPLEGETTER_METHODS,
        getsets: TUPLEGETTER_GETSETS,
        ..Default::default()
    };
    let ty = new_type::<TupleGetter>(vm, &spec, |s: &Slots| {
        s.new.set(Some(tuplegetter_new));
        s.descr_get.set(Some(tuplegetter_get));
        s.descr_set.set(Some(tuplegetter_set));
        s.repr.set(Some(tuplegetter_repr));
    });
    register_type(vm, TUPLEGETTER, &ty);
    ty
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_collections");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("High performance data structures.\n- deque:        ordered collection accessible from endpoints only\n- defaultdict:  dict subclass with a default value factory\n"))?;
    module::add_functions(vm, &m, "_collections", FUNCTIONS);
    dict::set_item_str(vm, &d, "deque", make_deque_type(vm))?;
    dict::set_item_str(vm, &d, "_deque_iterator", make_iter_type(vm, false))?;
    dict::set_item_str(vm, &d, "_deque_reverse_iterator", make_iter_type(vm, true))?;
    dict::set_item_str(vm, &d, "defaultdict", make_defaultdict_type(vm))?;
    dict::set_item_str(vm, &d, "_tuplegetter", make_tuplegetter_type(vm))?;
    dict::set_item_str(vm, &d, "OrderedDict", odict::make_types(vm))?;
    let _ = pystr::as_str;
    Ok(m)
}
