//! `list.sort` (CPython's `list_sort_impl`): the items are taken out of the
//! list while they are sorted, so a comparison that mutates the list is
//! detected afterwards ("list modified during sort"), never UB.

use std::convert::Infallible;

use crate::object::typeobj::{CompareOp, RichcmpFn};
use crate::object::Obj;
use crate::objects::timsort;
use crate::objects::{float, int, str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};

pub(crate) fn list_sort(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    if !pos.is_empty() {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kw {
        match pystr::as_str(&k) {
            Some("key") => key = Some(v).filter(|v| !vm.is_none(v)),
            Some("reverse") => reverse = vm.is_true(&v)?,
            _ => {
                return Err(
                    vm.type_error(format!("'{}' is an invalid keyword argument for sort()", pystr::as_str_lossy(&k)))
                )
            }
        }
    }
    let l = crate::objects::list::data(o).expect("a list");
    let items = l.replace_all(Vec::new());
    let result = sort_items(vm, items, key.as_ref(), reverse);
    // The keys are gone: their finalizers run now, as CPython's do inside
    // the sort, so a `__del__` that refills the list is caught below.
    vm.run_queued_finalizers();
    let (sorted, err) = match result {
        Ok(v) => (v, None),
        Err((v, e)) => (v, Some(e)),
    };
    // CPython's `allocated != -1`: anything that grew the list meanwhile,
    // even if it emptied it again.
    let modified = !l.is_empty() || l.capacity() != 0;
    drop(l.replace_all(sorted));
    if let Some(e) = err {
        return Err(e);
    }
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(vm.none())
}

/// Sort `items` (stable; by `key(item)` if given). On error, returns the
/// items (in some order) with the error.
pub(crate) fn sort_items(
    vm: &Vm,
    items: Vec<Obj>,
    key: Option<&Obj>,
    reverse: bool,
) -> Result<Vec<Obj>, (Vec<Obj>, PyErr)> {
    let keys: Option<Vec<Obj>> = match key {
        None => None,
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                match vm.call(f, std::slice::from_ref(x), None) {
                    Ok(k) => ks.push(k),
                    Err(e) => return Err((items, e)),
                }
            }
            Some(ks)
        }
    };
    if items.len() < 2 {
        return Ok(items);
    }
    let (order, err) = sort_order(vm, keys.as_deref().unwrap_or(&items), reverse);
    drop(keys);
    let items = permute(items, &order);
    match err {
        None => Ok(items),
        Some(e) => Err((items, e)),
    }
}

/// `items` rearranged so that item `i` of the result is `items[order[i]]`
/// (`order` is a permutation), moving the objects without touching their
/// reference counts.
fn permute(items: Vec<Obj>, order: &[usize]) -> Vec<Obj> {
    if order.iter().copied().eq(0..items.len()) {
        return items;
    }
    let mut slots: Vec<Option<Obj>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// How two keys are compared: CPython's pre-checked `unsafe_*_compare`
/// when all keys share a type, else `PyObject_RichCompareBool(a, b, Py_LT)`.
#[derive(Clone, Copy)]
enum KeyCompare {
    /// Exact ints that fit a machine word.
    Int,
    Float,
    /// Exact strs whose code points are all below 256.
    Latin,
    /// Exact strs.
    Str,
    /// All of one type: its rich comparison slot, called directly.
    SameType(RichcmpFn),
    /// The full `<` protocol.
    Generic,
}

/// The pre-sort check over the keys (or the first items of tuple keys):
/// which comparison applies, and whether the keys are non-empty exact tuples.
fn classify<'a>(vm: &Vm, keys: &'a [Obj]) -> (KeyCompare, bool) {
    let types = &vm.ctx.types;
    let first = &keys[0];
    let nonempty_tuple = |k: &Obj| k.type_is(&types.tuple) && !tuple::items(k).is_empty();
    let mut in_tuples = nonempty_tuple(first);
    let probe = |k: &'a Obj, in_tuples: bool| if in_tuples { &tuple::items(k)[0] } else { k };
    let key_type = probe(first, in_tuples).class();
    let mut same_type = true;
    let mut ints_fit = true;
    let mut strs_latin = true;
    for k in keys {
        if in_tuples && !nonempty_tuple(k) {
            in_tuples = false;
            same_type = false;
            break;
        }
        let x = probe(k, in_tuples);
        if !std::ptr::eq(x.class(), key_type) {
            same_type = false;
            if !in_tuples {
                break;
            }
        }
        if same_type {
            if x.type_is(&types.int) {
                ints_fit &= matches!(int::value(x), Some(int::IntValue::Small(_)));
            } else if x.type_is(&types.str) {
                strs_latin &= pystr::data(x).is_some_and(|d| d.latin1_bytes().is_some());
            }
        }
    }
    let sample = probe(first, in_tuples);
    let kind = if !same_type {
        KeyCompare::Generic
    } else if sample.type_is(&types.str) {
        if strs_latin {
            KeyCompare::Latin
        } else {
            KeyCompare::Str
        }
    } else if sample.type_is(&types.int) && ints_fit {
        KeyCompare::Int
    } else if sample.type_is(&types.float) {
        KeyCompare::Float
    } else if in_tuples && sample.type_is(&types.tuple) {
        // Tuples of tuples: the first items compare in full.
        KeyCompare::Generic
    } else if let Some(f) = key_type.slots.richcompare.get() {
        KeyCompare::SameType(f)
    } else {
        KeyCompare::Generic
    };
    (kind, in_tuples)
}

/// The sorted order of `keys` as indices into it, and the error that
/// stopped the sort early (the order is then a permutation all the same).
/// With `reverse`, the keys are taken back to front and the result reversed,
/// so equal keys keep their order (as CPython does it).
fn sort_order(vm: &Vm, keys: &[Obj], reverse: bool) -> (Vec<usize>, Option<PyErr>) {
    let n = keys.len();
    let mut tmp_room = Vec::<(u64, usize)>::new();
    if tmp_room.try_reserve_exact(timsort::scratch_len(n)).is_err() {
        return ((0..n).collect(), Some(vm.memory_error()));
    }
    drop(tmp_room);
    let positions = || -> Box<dyn Iterator<Item = usize>> {
        if reverse {
            Box::new((0..n).rev())
        } else {
            Box::new(0..n)
        }
    };
    let (kind, in_tuples) = classify(vm, keys);
    let (mut order, err) = if in_tuples {
        run(positions().collect(), |&i| i, &mut |a: usize, b: usize| tuple_lt(vm, &keys[a], &keys[b], kind))
    } else {
        match kind {
            KeyCompare::Int => run_infallible(
                positions().map(|i| (int::value(&keys[i]).and_then(int::IntValue::as_i64).unwrap_or(0), i)).collect(),
                |p| p.1,
                &mut |a: (i64, usize), b: (i64, usize)| Ok(a.0 < b.0),
            ),
            KeyCompare::Float => run_infallible(
                positions().map(|i| (float::value(&keys[i]).unwrap_or(0.0), i)).collect(),
                |p| p.1,
                &mut |a: (f64, usize), b: (f64, usize)| Ok(a.0 < b.0),
            ),
            KeyCompare::Latin => run_infallible(
                positions()
                    .map(|i| (pystr::data(&keys[i]).and_then(pystr::StrData::latin1_bytes).unwrap_or(&[]), i))
                    .collect(),
                |p| p.1,
                &mut |a: (&[u8], usize), b: (&[u8], usize)| Ok(a.0 < b.0),
            ),
            KeyCompare::Str => {
                let empty = pystr::data(&vm.ctx.empty_str);
                run_infallible(
                    positions().filter_map(|i| Some((pystr::data(&keys[i]).or(empty)?, i))).collect(),
                    |p| p.1,
                    &mut |a: (&pystr::StrData, usize), b: (&pystr::StrData, usize)| Ok(a.0.cmp_data(b.0).is_lt()),
                )
            }
            k => run(positions().collect(), |&i| i, &mut |a: usize, b: usize| key_lt(vm, &keys[a], &keys[b], k)),
        }
    };
    if reverse {
        order.reverse();
    }
    (order, err)
}

fn run<T: Copy>(
    mut elems: Vec<T>,
    index: impl Fn(&T) -> usize,
    lt: &mut impl FnMut(T, T) -> PyResult<bool>,
) -> (Vec<usize>, Option<PyErr>) {
    let tmp = Vec::with_capacity(timsort::scratch_len(elems.len()));
    let err = timsort::sort(&mut elems, tmp, lt).err();
    (elems.iter().map(index).collect(), err)
}

fn run_infallible<T: Copy>(
    mut elems: Vec<T>,
    index: impl Fn(&T) -> usize,
    lt: &mut impl FnMut(T, T) -> Result<bool, Infallible>,
) -> (Vec<usize>, Option<PyErr>) {
    let tmp = Vec::with_capacity(timsort::scratch_len(elems.len()));
    let Ok(()) = timsort::sort(&mut elems, tmp, lt);
    (elems.iter().map(index).collect(), None)
}

/// `a < b` for two keys classified as `kind` (CPython's `unsafe_*_compare`
/// and `safe_object_compare`; the fast kinds never fail).
fn key_lt(vm: &Vm, a: &Obj, b: &Obj, kind: KeyCompare) -> PyResult<bool> {
    match kind {
        KeyCompare::Int => {
            if let (Some(int::IntValue::Small(x)), Some(int::IntValue::Small(y))) = (int::value(a), int::value(b)) {
                return Ok(x < y);
            }
            vm.lt(a, b)
        }
        KeyCompare::Float => match (float::value(a), float::value(b)) {
            (Some(x), Some(y)) => Ok(x < y),
            _ => vm.lt(a, b),
        },
        KeyCompare::Latin | KeyCompare::Str => match (pystr::data(a), pystr::data(b)) {
            (Some(x), Some(y)) => Ok(x.cmp_data(y).is_lt()),
            _ => vm.lt(a, b),
        },
        KeyCompare::SameType(f) => same_type_lt(vm, a, b, f),
        KeyCompare::Generic => vm.lt(a, b),
    }
}

/// CPython's `unsafe_object_compare`: the keys' rich comparison slot,
/// without the reflected-operand dance, while `a`'s type still has it (a
/// comparison may assign `__class__`); `NotImplemented` falls back to the
/// full protocol (so `__lt__` is asked again, as in CPython).
fn same_type_lt(vm: &Vm, a: &Obj, b: &Obj, f: RichcmpFn) -> PyResult<bool> {
    match a.class().slots.richcompare.get() {
        Some(g) if std::ptr::fn_addr_eq(f, g) => {}
        _ => return vm.lt(a, b),
    }
    let r = f(vm, a, b, CompareOp::Lt)?;
    if vm.is_not_implemented(&r) {
        return vm.lt(a, b);
    }
    if r.is(&vm.ctx.true_) {
        return Ok(true);
    }
    if r.is(&vm.ctx.false_) {
        return Ok(false);
    }
    vm.is_true(&r)
}

/// CPython's `unsafe_tuple_compare`: skip the equal leading items (`==`,
/// identity first), then compare the first differing pair, the first items
/// with the pre-checked comparison.
fn tuple_lt(vm: &Vm, a: &Obj, b: &Obj, first: KeyCompare) -> PyResult<bool> {
    let (x, y) = (tuple::items(a), tuple::items(b));
    let len = x.len().min(y.len());
    let mut i = 0;
    while i < len {
        let eq = match builtin_order(vm, &x[i], &y[i]) {
            Some(ord) => ord.is_eq(),
            None => vm.rich_compare_bool(&x[i], &y[i], CompareOp::Eq)?,
        };
        if !eq {
            break;
        }
        i += 1;
    }
    if i >= len {
        return Ok(x.len() < y.len());
    }
    if i == 0 {
        return key_lt(vm, &x[0], &y[0], first);
    }
    match builtin_order(vm, &x[i], &y[i]) {
        Some(ord) => Ok(ord.is_lt()),
        None => vm.lt(&x[i], &y[i]),
    }
}

/// The order of two exact ints (machine words) or two exact strs, whose
/// `==` and `<` run no Python code; None for anything else.
#[inline]
fn builtin_order(vm: &Vm, a: &Obj, b: &Obj) -> Option<std::cmp::Ordering> {
    let types = &vm.ctx.types;
    if a.type_is(&types.int) && b.type_is(&types.int) {
        if let (Some(int::IntValue::Small(x)), Some(int::IntValue::Small(y))) = (int::value(a), int::value(b)) {
            return Some(x.cmp(y));
        }
    } else if a.type_is(&types.str) && b.type_is(&types.str) {
        return Some(pystr::data(a)?.cmp_data(pystr::data(b)?));
    }
    None
}
