//! `list.sort` (CPython's `list_sort_impl`): the items are taken out of the
//! list while they are sorted, so a comparison that mutates the list is
//! detected afterwards ("list modified during sort"), never UB.

use crate::object::Obj;
use crate::objects::{float, int, str as pystr};
use crate::vm::{PyResult, Vm};

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
    let (sorted, err) = match result {
        Ok(v) => (v, None),
        Err((v, e)) => (v, Some(e)),
    };
    let modified = !l.is_empty();
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
    mut items: Vec<Obj>,
    key: Option<&Obj>,
    reverse: bool,
) -> Result<Vec<Obj>, (Vec<Obj>, crate::vm::PyErr)> {
    if items.len() < 2 && key.is_none() {
        return Ok(items);
    }
    let keys: Vec<Obj> = match key {
        None => items.clone(),
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                match vm.call(f, std::slice::from_ref(x), None) {
                    Ok(k) => ks.push(k),
                    Err(e) => return Err((items, e)),
                }
            }
            ks
        }
    };
    // Reverse first and after, so that equal items keep their order.
    let mut pairs: Vec<(Obj, Obj)> = keys.into_iter().zip(items.drain(..)).collect();
    if reverse {
        pairs.reverse();
    }
    let r = sort_pairs(vm, &mut pairs);
    if reverse {
        pairs.reverse();
    }
    let out: Vec<Obj> = pairs.into_iter().map(|(_, v)| v).collect();
    match r {
        Ok(()) => Ok(out),
        Err(e) => Err((out, e)),
    }
}

/// What all keys are, for the comparison fast paths CPython also takes.
enum KeyKind {
    SmallInt,
    Float,
    Str,
    Generic,
}

fn key_kind(vm: &Vm, pairs: &[(Obj, Obj)]) -> KeyKind {
    let t = &vm.ctx.types;
    if pairs.iter().all(|(k, _)| k.type_is(&t.int) && matches!(int::value(k), Some(int::IntValue::Small(_)))) {
        KeyKind::SmallInt
    } else if pairs.iter().all(|(k, _)| k.type_is(&t.float)) {
        KeyKind::Float
    } else if pairs.iter().all(|(k, _)| k.type_is(&t.str)) {
        KeyKind::Str
    } else {
        KeyKind::Generic
    }
}

fn sort_pairs(vm: &Vm, pairs: &mut Vec<(Obj, Obj)>) -> PyResult<()> {
    match key_kind(vm, pairs) {
        KeyKind::SmallInt => {
            pairs.sort_by_key(|(k, _)| int::value(k).and_then(|v| v.as_i64()).unwrap_or(0));
            Ok(())
        }
        KeyKind::Float => {
            // `<` on floats, NaNs included, as a stable merge with a total
            // preorder that never reports NaN as less.
            merge_sort(pairs, &mut |a, b| Ok(float::value(a).unwrap_or(0.0) < float::value(b).unwrap_or(0.0)))
        }
        KeyKind::Str => {
            pairs.sort_by(|(a, _), (b, _)| pystr::data(a).expect("str").cmp_data(pystr::data(b).expect("str")));
            Ok(())
        }
        KeyKind::Generic => merge_sort(pairs, &mut |a, b| vm.lt(a, b)),
    }
}

/// A stable merge sort driven by a fallible `<` (which may be inconsistent:
/// the result is then some permutation, never a panic).
fn merge_sort(pairs: &mut Vec<(Obj, Obj)>, lt: &mut dyn FnMut(&Obj, &Obj) -> PyResult<bool>) -> PyResult<()> {
    let n = pairs.len();
    // Binary insertion sort on runs of 32, then bottom-up merges.
    const RUN: usize = 32;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            // Already in place (sorted input costs one comparison each).
            if !lt(&pairs[i].0, &pairs[i - 1].0)? {
                continue;
            }
            let mut lo = start;
            let mut hi = i;
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(&pairs[i].0, &pairs[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            pairs[lo..=i].rotate_right(1);
        }
        start = end;
    }
    let mut width = RUN;
    while width < n {
        let mut out: Vec<(Obj, Obj)> = Vec::with_capacity(n);
        let mut lo = 0;
        let mut err = None;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            // Two runs already in order need no merging.
            if mid < hi && err.is_none() {
                match lt(&pairs[mid].0, &pairs[mid - 1].0) {
                    Ok(false) => i = mid,
                    Ok(true) => {}
                    Err(e) => err = Some(e),
                }
            }
            if i == mid {
                out.extend_from_slice(&pairs[lo..mid]);
            }
            while i < mid && j < hi && err.is_none() {
                match lt(&pairs[j].0, &pairs[i].0) {
                    Ok(true) => {
                        out.push(pairs[j].clone());
                        j += 1;
                    }
                    Ok(false) => {
                        out.push(pairs[i].clone());
                        i += 1;
                    }
                    Err(e) => err = Some(e),
                }
            }
            out.extend_from_slice(&pairs[i..mid]);
            out.extend_from_slice(&pairs[j..hi]);
            lo = hi;
        }
        *pairs = out;
        if let Some(e) = err {
            return Err(e);
        }
        width *= 2;
    }
    Ok(())
}
