//! `str`'s method set (CPython's `Objects/unicodeobject.c` and
//! `Objects/stringlib`). Strings are handled as code points (they may hold
//! lone surrogates); character properties and case mappings come from
//! `taipan-unicode`, generated from CPython 3.11's own database.

use crate::object::Obj;
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::str::{data, StrData, StrRepr};
use crate::objects::stringlib;
use crate::objects::{dict, int::IntValue, tuple};
use crate::vm::{PyErr, PyResult, Vm};
use taipan_unicode as uni;

pub(crate) fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.str,
        &[
            MethodDef::method("encode", encode),
            MethodDef::method("replace", replace),
            MethodDef::method("split", |vm, o, a, k| split_impl(vm, o, a, k, false)),
            MethodDef::method("rsplit", |vm, o, a, k| split_impl(vm, o, a, k, true)),
            MethodDef::method("join", join),
            MethodDef::method("capitalize", |vm, o, a, k| {
                noargs(vm, "capitalize", a, k)?;
                Ok(capitalize(vm, o))
            }),
            MethodDef::method("casefold", |vm, o, a, k| {
                noargs(vm, "casefold", a, k)?;
                Ok(map_full(vm, o, uni::to_fold_full))
            }),
            MethodDef::method("title", |vm, o, a, k| {
                noargs(vm, "title", a, k)?;
                Ok(title(vm, o))
            }),
            MethodDef::method("center", |vm, o, a, k| pad_impl(vm, o, a, k, "center")),
            MethodDef::method("count", count),
            MethodDef::method("expandtabs", expandtabs),
            MethodDef::method("find", |vm, o, a, k| find_impl(vm, o, a, k, "find", false, false)),
            MethodDef::method("partition", |vm, o, a, k| partition(vm, o, a, k, false)),
            MethodDef::method("index", |vm, o, a, k| find_impl(vm, o, a, k, "index", false, true)),
            MethodDef::method("ljust", |vm, o, a, k| pad_impl(vm, o, a, k, "ljust")),
            MethodDef::method("lower", |vm, o, a, k| {
                noargs(vm, "lower", a, k)?;
                Ok(lower(vm, o))
            }),
            MethodDef::method("lstrip", |vm, o, a, k| strip_impl(vm, o, a, k, true, false, "lstrip")),
            MethodDef::method("rfind", |vm, o, a, k| find_impl(vm, o, a, k, "rfind", true, false)),
            MethodDef::method("rindex", |vm, o, a, k| find_impl(vm, o, a, k, "rindex", true, true)),
            MethodDef::method("rjust", |vm, o, a, k| pad_impl(vm, o, a, k, "rjust")),
            MethodDef::method("rstrip", |vm, o, a, k| strip_impl(vm, o, a, k, false, true, "rstrip")),
            MethodDef::method("rpartition", |vm, o, a, k| partition(vm, o, a, k, true)),
            MethodDef::method("splitlines", splitlines),
            MethodDef::method("strip", |vm, o, a, k| strip_impl(vm, o, a, k, true, true, "strip")),
            MethodDef::method("swapcase", |vm, o, a, k| {
                noargs(vm, "swapcase", a, k)?;
                Ok(swapcase(vm, o))
            }),
            MethodDef::method("translate", translate),
            MethodDef::method("upper", |vm, o, a, k| {
                noargs(vm, "upper", a, k)?;
                Ok(upper(vm, o))
            }),
            MethodDef::method("startswith", |vm, o, a, k| affix(vm, o, a, k, "startswith", false)),
            MethodDef::method("endswith", |vm, o, a, k| affix(vm, o, a, k, "endswith", true)),
            MethodDef::method("removeprefix", |vm, o, a, k| remove_affix(vm, o, a, k, "removeprefix", false)),
            MethodDef::method("removesuffix", |vm, o, a, k| remove_affix(vm, o, a, k, "removesuffix", true)),
            MethodDef::method("isascii", |vm, o, a, k| {
                noargs(vm, "isascii", a, k)?;
                Ok(vm.bool_obj(sd(o).is_ascii()))
            }),
            MethodDef::method("islower", |vm, o, a, k| {
                noargs(vm, "islower", a, k)?;
                Ok(vm.bool_obj(is_lower(sd(o))))
            }),
            MethodDef::method("isupper", |vm, o, a, k| {
                noargs(vm, "isupper", a, k)?;
                Ok(vm.bool_obj(is_upper(sd(o))))
            }),
            MethodDef::method("istitle", |vm, o, a, k| {
                noargs(vm, "istitle", a, k)?;
                Ok(vm.bool_obj(is_title(sd(o))))
            }),
            MethodDef::method("isspace", |vm, o, a, k| pred(vm, o, a, k, "isspace", uni::is_space)),
            MethodDef::method("isdecimal", |vm, o, a, k| pred(vm, o, a, k, "isdecimal", uni::is_decimal)),
            MethodDef::method("isdigit", |vm, o, a, k| pred(vm, o, a, k, "isdigit", uni::is_digit)),
            MethodDef::method("isnumeric", |vm, o, a, k| pred(vm, o, a, k, "isnumeric", uni::is_numeric)),
            MethodDef::method("isalpha", |vm, o, a, k| pred(vm, o, a, k, "isalpha", uni::is_alpha)),
            MethodDef::method("isalnum", |vm, o, a, k| pred(vm, o, a, k, "isalnum", uni::is_alnum)),
            MethodDef::method("isidentifier", |vm, o, a, k| {
                noargs(vm, "isidentifier", a, k)?;
                Ok(vm.bool_obj(is_identifier(sd(o))))
            }),
            MethodDef::method("isprintable", |vm, o, a, k| {
                noargs(vm, "isprintable", a, k)?;
                Ok(vm.bool_obj(sd(o).code_points().all(uni::is_printable)))
            }),
            MethodDef::method("zfill", zfill),
            MethodDef::method("format", crate::format::str_format),
            MethodDef::method("format_map", |vm, o, a, k| {
                let [m] = crate::args::exact::<1>(vm, "format_map", a, k)?;
                crate::format::str_format_map(vm, o, &m)
            }),
            MethodDef::method("__format__", str_format_spec),
            MethodDef::static_("maketrans", maketrans),
            MethodDef::method("__sizeof__", |vm, o, a, k| {
                noargs(vm, "__sizeof__", a, k)?;
                Ok(vm.new_usize(sizeof(vm, o)))
            }),
            MethodDef::method("__getnewargs__", |vm, o, a, k| {
                noargs(vm, "__getnewargs__", a, k)?;
                Ok(vm.new_tuple(vec![vm.new_str_data(sd(o).copy())]))
            }),
        ],
    );
}

// ---------------------------------------------------------------------------
// Argument helpers (CPython's messages)

fn sd(o: &Obj) -> &StrData {
    data(o).expect("a str")
}

/// `str.name()` as the method descriptor names itself in errors.
fn qualname(vm: &Vm, name: &str) -> String {
    match vm.thread.method_owner_name() {
        Some(owner) => format!("{owner}.{name}()"),
        None => format!("{name}()"),
    }
}

/// METH_NOARGS.
fn noargs(vm: &Vm, name: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    crate::args::exact::<0>(vm, name, args, kwnames).map(|_| ())
}

/// A positional-only method refuses keywords (`str.center() takes no keyword arguments`).
#[inline]
pub(crate) fn no_kw(vm: &Vm, name: &str, kwnames: Option<&Obj>) -> PyResult<()> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(no_kw_error(vm, name));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn no_kw_error(vm: &Vm, name: &str) -> PyErr {
    vm.type_error(format!("{} takes no keyword arguments", qualname(vm, name)))
}

/// `PyArg_ParseTuple("O|OO:name")`'s count errors.
pub(crate) fn tuple_args(vm: &Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let (bound, k) = if n < min {
        ("at least", min)
    } else if n > max {
        ("at most", max)
    } else {
        return Ok(());
    };
    Err(vm.type_error(format!("{name}() takes {bound} {k} argument{} ({n} given)", if k == 1 { "" } else { "s" })))
}

/// An index argument as a C `Py_ssize_t`.
pub(crate) fn ssize_arg(vm: &Vm, o: &Obj) -> PyResult<isize> {
    vm.ssize_t_arg(o)
}

/// An index argument as a C `int`.
pub(crate) fn cint_arg(vm: &Vm, o: &Obj) -> PyResult<i32> {
    match vm.index_value(o)? {
        IntValue::Small(v) if i32::try_from(v).is_ok() => Ok(v as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// An empty vector with room for `n` items, or MemoryError (an allocation
/// sized by a program's argument must never abort the process).
pub(crate) fn alloc_vec<T>(vm: &Vm, n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| vm.memory_error())?;
    Ok(v)
}

/// The receiver itself when it is an exact str, else an exact copy.
fn unchanged(vm: &Vm, o: &Obj) -> Obj {
    if o.type_is(&vm.ctx.types.str) {
        o.clone()
    } else {
        vm.new_str_data(sd(o).copy())
    }
}

fn new_str(vm: &Vm, cps: &[u32]) -> Obj {
    vm.new_str_from_code_points(cps)
}

fn must_be_str<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a StrData> {
    data(o).ok_or_else(|| vm.type_error(format!("must be str, not {}", o.class().name())))
}

// ---------------------------------------------------------------------------
// Searching

/// A string's code units in its own width.
enum Units<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
}

fn units(d: &StrData) -> Units<'_> {
    match d.repr() {
        StrRepr::Ascii(s) => Units::U8(s.as_bytes()),
        StrRepr::Latin1(b) => Units::U8(b),
        StrRepr::Ucs2(b) => Units::U16(b),
        StrRepr::Ucs4(b) => Units::U32(b),
    }
}

/// `needle`'s code points as units of `T`, or None if one does not fit
/// (then it cannot occur in a haystack of that width).
fn needle_units<T: TryFrom<u32>>(needle: &StrData) -> Option<Vec<T>> {
    needle.code_points().map(|c| T::try_from(c).ok()).collect()
}

/// How to search: first, last, or count (up to a maximum).
#[derive(Clone, Copy)]
enum Search {
    First,
    Last,
    Count(usize),
}

fn search_slice<T: stringlib::Unit>(h: &[T], n: &[T], how: Search) -> Option<usize> {
    match how {
        Search::First => stringlib::find(h, n),
        Search::Last => stringlib::rfind(h, n),
        Search::Count(max) => Some(stringlib::count(h, n, max)),
    }
}

/// Search a non-empty `needle` in `hay[start..end]` (already clamped).
fn search(hay: &StrData, needle: &StrData, start: usize, end: usize, how: Search) -> Option<usize> {
    let miss = match how {
        Search::Count(_) => Some(0),
        _ => None,
    };
    let r = match units(hay) {
        Units::U8(h) => match units(needle) {
            Units::U8(n) => search_slice(&h[start..end], n, how),
            _ => return miss,
        },
        Units::U16(h) => match needle_units::<u16>(needle) {
            Some(n) => search_slice(&h[start..end], &n, how),
            None => return miss,
        },
        Units::U32(h) => match needle_units::<u32>(needle) {
            Some(n) => search_slice(&h[start..end], &n, how),
            None => return miss,
        },
    };
    match how {
        Search::Count(_) => r,
        _ => r.map(|p| p + start),
    }
}

/// Find `needle` in `hay[start..end]` (code points).
pub(crate) fn find(hay: &StrData, needle: &StrData, start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    search(hay, needle, start, end, Search::First)
}

/// Find the last `needle` in `hay[start..end]`.
pub(crate) fn rfind(hay: &StrData, needle: &StrData, start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(end);
    }
    search(hay, needle, start, end, Search::Last)
}

/// Non-overlapping occurrences of `needle` in `hay[start..end]`, at most `max`.
fn count_in(hay: &StrData, needle: &StrData, start: usize, end: usize, max: usize) -> usize {
    let end = end.min(hay.len());
    if start > end {
        return 0;
    }
    if needle.is_empty() {
        return (end - start + 1).min(max);
    }
    search(hay, needle, start, end, Search::Count(max)).unwrap_or(0)
}

/// The `sub[, start[, end]]` arguments of find/index/count and friends.
fn finds_args<'a>(
    vm: &Vm,
    name: &str,
    s: &StrData,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
) -> PyResult<(&'a Obj, usize, usize)> {
    no_kw(vm, name, kwnames)?;
    tuple_args(vm, name, args.len(), 1, 3)?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], s.len())?;
    Ok((&args[0], start, end))
}

fn find_impl(
    vm: &Vm,
    o: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
    name: &str,
    right: bool,
    raise: bool,
) -> PyResult<Obj> {
    let s = sd(o);
    let (sub, start, end) = finds_args(vm, name, s, args, kwnames)?;
    let needle = must_be_str(vm, sub)?;
    let r = if right { rfind(s, needle, start, end) } else { find(s, needle, start, end) };
    match r {
        Some(i) => Ok(vm.new_usize(i)),
        None if raise => Err(vm.value_error("substring not found")),
        None => Ok(vm.new_int(-1)),
    }
}

fn count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let s = sd(o);
    let (sub, start, end) = finds_args(vm, "count", s, args, kwnames)?;
    let needle = must_be_str(vm, sub)?;
    Ok(vm.new_usize(count_in(s, needle, start, end, usize::MAX)))
}

fn affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    let s = sd(o);
    let (sub, start, end) = finds_args(vm, name, s, args, kwnames)?;
    let test = |p: &StrData| -> bool {
        let n = p.len();
        if end < start + n {
            return false;
        }
        let off = if suffix { end - n } else { start };
        (0..n).all(|j| s.char_at(off + j) == p.char_at(j))
    };
    if let Some(t) = sub.payload::<tuple::TupleData>() {
        for p in t.items() {
            let pd = data(p).ok_or_else(|| {
                vm.type_error(format!("tuple for {name} must only contain str, not {}", p.class().name()))
            })?;
            if test(pd) {
                return Ok(vm.bool_obj(true));
            }
        }
        return Ok(vm.bool_obj(false));
    }
    let Some(p) = data(sub) else {
        return Err(
            vm.type_error(format!("{name} first arg must be str or a tuple of str, not {}", sub.class().name()))
        );
    };
    Ok(vm.bool_obj(test(p)))
}

fn remove_affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    let [a] = crate::args::exact::<1>(vm, name, args, kwnames)?;
    let Some(p) = data(&a) else {
        return Err(vm.type_error(format!("{name}() argument must be str, not {}", a.class().name())));
    };
    let s = sd(o);
    let n = s.len();
    let m = p.len();
    if m > 0 && m <= n {
        let off = if suffix { n - m } else { 0 };
        if (0..m).all(|j| s.char_at(off + j) == p.char_at(j)) {
            return Ok(if suffix {
                vm.new_str_data(s.substring(0, n - m))
            } else {
                vm.new_str_data(s.substring(m, n))
            });
        }
    }
    Ok(unchanged(vm, o))
}

fn partition(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, right: bool) -> PyResult<Obj> {
    let [sep] = crate::args::exact::<1>(vm, if right { "rpartition" } else { "partition" }, args, kwnames)?;
    let sepd = must_be_str(vm, &sep)?;
    if sepd.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let s = sd(o);
    let empty = vm.ctx.empty_str.clone();
    let found = if right { rfind(s, sepd, 0, s.len()) } else { find(s, sepd, 0, s.len()) };
    Ok(match found {
        Some(i) => vm.new_tuple(vec![
            vm.new_str_data(s.substring(0, i)),
            sep.clone(),
            vm.new_str_data(s.substring(i + sepd.len(), s.len())),
        ]),
        None if right => vm.new_tuple(vec![empty.clone(), empty, o.clone()]),
        None => vm.new_tuple(vec![o.clone(), empty.clone(), empty]),
    })
}

// ---------------------------------------------------------------------------
// join, split, strip, replace

fn join(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [it] = crate::args::exact::<1>(vm, "join", args, kwnames)?;
    let sep = sd(o);
    let str_ty = &vm.ctx.types.str;
    // A tuple's or an exact list's items are joined where they are (no
    // copy): joining runs no Python code, so the list cannot change.
    let r = if it.type_is(&vm.ctx.types.tuple) {
        join_slice(sep, crate::objects::tuple::items(&it), str_ty)
    } else if let Some(l) = crate::objects::list::data(&it).filter(|_| it.type_is(&vm.ctx.types.list)) {
        l.with_items(|items| join_slice(sep, items, str_ty))
    } else {
        join_slice(sep, &join_items(vm, &it)?, str_ty)
    };
    match r {
        Ok(JoinDone::Same(x)) => Ok(x),
        Ok(JoinDone::New(d)) => Ok(vm.new_str_data(d)),
        Err(JoinFail::Item(i, tyname)) => {
            Err(vm.type_error(format!("sequence item {i}: expected str instance, {tyname} found")))
        }
        Err(JoinFail::TooLong) => Err(vm.overflow_error("join() result is too long for a Python string")),
        Err(JoinFail::NoMemory) => Err(vm.memory_error()),
    }
}

/// What `join_slice` made: the only item itself (an exact str), or the
/// joined characters.
enum JoinDone {
    Same(Obj),
    New(crate::objects::str::StrData),
}

/// Why `join_slice` failed (the caller makes the exception).
enum JoinFail {
    /// Item `i` is not a str; its type's name.
    Item(usize, String),
    TooLong,
    NoMemory,
}

/// `sep.join(items)`, running no Python code and making no object (so it may
/// work on a borrowed list's items).
fn join_slice(sep: &StrData, items: &[Obj], str_ty: &Obj) -> Result<JoinDone, JoinFail> {
    if let [x] = items {
        if x.type_is(str_ty) {
            return Ok(JoinDone::Same(x.clone()));
        }
    }
    if let StrRepr::Ascii(sep_text) = sep.repr() {
        if let Some(total) = ascii_join_len(sep_text.len(), items) {
            return join_ascii(sep_text.as_bytes(), items, total).map(JoinDone::New).ok_or(JoinFail::NoMemory);
        }
    }
    // The whole result's size first: too long a result is an error, not an
    // abort while building it.
    let mut parts: Vec<&StrData> = Vec::with_capacity(items.len().saturating_mul(2));
    let mut total: usize = 0;
    for (i, x) in items.iter().enumerate() {
        let Some(xd) = data(x) else {
            return Err(JoinFail::Item(i, x.class().name().to_string()));
        };
        let add = if i > 0 { xd.len().checked_add(sep.len()) } else { Some(xd.len()) };
        total = match add.and_then(|a| total.checked_add(a)) {
            Some(t) if t <= isize::MAX as usize => t,
            _ => return Err(JoinFail::TooLong),
        };
        if i > 0 && !sep.is_empty() {
            parts.push(sep);
        }
        parts.push(xd);
    }
    crate::objects::str::concat_data(&parts).map(JoinDone::New).ok_or(JoinFail::NoMemory)
}

/// The text of `x` when it is an ASCII str.
#[inline]
fn ascii_text(x: &Obj) -> Option<&[u8]> {
    match data(x)?.repr() {
        StrRepr::Ascii(t) => Some(t.as_bytes()),
        _ => None,
    }
}

/// The length of `sep.join(items)` for a separator of `sep_len` ASCII
/// characters when every item is an ASCII str; None otherwise (or when the
/// length overflows), for the general path to widen or report.
fn ascii_join_len(sep_len: usize, items: &[Obj]) -> Option<usize> {
    let mut total = sep_len.checked_mul(items.len().saturating_sub(1))?;
    for x in items {
        total = total.checked_add(ascii_text(x)?.len())?;
    }
    (total <= isize::MAX as usize).then_some(total)
}

/// `sep.join(items)` of ASCII strs whose joined length `ascii_join_len`
/// found: each piece copied once into the result, with no list of parts.
fn join_ascii(sep: &[u8], items: &[Obj], total: usize) -> Option<StrData> {
    StrData::try_build_ascii(total, |out| {
        let mut at = 0;
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out[at..at + sep.len()].copy_from_slice(sep);
                at += sep.len();
            }
            let t = ascii_text(x).unwrap_or_default();
            out[at..at + t.len()].copy_from_slice(t);
            at += t.len();
        }
    })
}

/// The items `str.join` joins: a list's or tuple's directly (CPython's
/// `PySequence_Fast`), else collected from the iterator.
fn join_items(vm: &Vm, it: &Obj) -> PyResult<Vec<Obj>> {
    if it.type_is(&vm.ctx.types.list) {
        if let Some(l) = crate::objects::list::data(it) {
            return Ok(l.to_vec());
        }
    }
    if it.type_is(&vm.ctx.types.tuple) {
        return Ok(crate::objects::tuple::items(it).to_vec());
    }
    match vm.iter(it) {
        Ok(iter) => {
            let mut v = Vec::new();
            while let Some(x) = vm.next(&iter)? {
                v.push(x);
            }
            Ok(v)
        }
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => Err(vm.type_error("can only join an iterable")),
        Err(e) => Err(e),
    }
}

fn split_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, right: bool) -> PyResult<Obj> {
    let name = if right { "rsplit" } else { "split" };
    let a = crate::args::parse_array(vm, name, args, kwnames, &["sep", "maxsplit"], 0)?;
    let sep = match a[0].as_ref().filter(|x| !vm.is_none(x)) {
        None => None,
        Some(sep) => {
            Some(data(sep).ok_or_else(|| vm.type_error(format!("must be str or None, not {}", sep.class().name())))?)
        }
    };
    let maxsplit = match &a[1] {
        Some(m) => ssize_arg(vm, m)?,
        None => -1,
    };
    let s = sd(o);
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    if sep.is_some_and(|d| d.is_empty()) {
        return Err(vm.value_error("empty separator"));
    }
    let n = s.len();
    if let (StrRepr::Ascii(text), false) = (s.repr(), right) {
        let h = text.as_bytes();
        match sep.map(StrData::repr) {
            None => return Ok(vm.new_list(split_ascii_whitespace(vm, o, h, max))),
            Some(StrRepr::Ascii(p)) if p.len() == 1 => {
                return Ok(vm.new_list(split_ascii_byte(vm, o, h, p.as_bytes()[0], max)));
            }
            _ => {}
        }
    }
    let parts = if let StrRepr::Ascii(text) = s.repr() {
        let h = text.as_bytes();
        match sep {
            None => split_positions(h, None, max, right, |c: u8| uni::is_space(c as u32)),
            Some(d) => match needle_units::<u8>(d) {
                Some(p) => split_positions(h, Some(&p), max, right, |_| false),
                None => vec![(0, n)],
            },
        }
    } else {
        let cps = s.to_code_points();
        let sepv = sep.map(|d| d.to_code_points());
        split_positions(&cps, sepv.as_deref(), max, right, uni::is_space)
    };
    let items = parts
        .into_iter()
        .map(|(a, b)| if a == 0 && b == n { unchanged(vm, o) } else { vm.new_str_data(s.substring(a, b)) })
        .collect();
    Ok(vm.new_list(items))
}

/// The part `a..b` of the ASCII str `o` (whose bytes are `h`): `o` itself
/// when it is the whole of an exact str, as CPython's split returns it.
#[inline]
fn ascii_part(vm: &Vm, o: &Obj, h: &[u8], a: usize, b: usize) -> Obj {
    if a == 0 && b == h.len() {
        return unchanged(vm, o);
    }
    vm.new_ascii_str(&h[a..b])
}

/// `s.split(maxsplit=max)` of ASCII bytes `h`: the parts made as they are
/// found (no list of positions first).
fn split_ascii_whitespace(vm: &Vm, o: &Obj, h: &[u8], max: usize) -> Vec<Obj> {
    let n = h.len();
    let mut items = Vec::with_capacity(max.saturating_add(1).min(12));
    let mut i = skip_ascii_spaces(h, 0);
    while i < n && items.len() < max {
        let end = h[i..].iter().position(|&b| is_ascii_space(b)).map_or(n, |k| i + k);
        items.push(ascii_part(vm, o, h, i, end));
        i = skip_ascii_spaces(h, end);
    }
    // maxsplit reached: the rest, leading whitespace taken off, is the last part.
    if i < n {
        items.push(ascii_part(vm, o, h, i, n));
    }
    items
}

/// The first position at or after `i` of `h` that is not whitespace.
#[inline]
fn skip_ascii_spaces(h: &[u8], i: usize) -> usize {
    h[i..].iter().position(|&b| !is_ascii_space(b)).map_or(h.len(), |k| i + k)
}

/// `s.split(sep, max)` of ASCII bytes `h` with a one-character ASCII `sep`.
fn split_ascii_byte(vm: &Vm, o: &Obj, h: &[u8], sep: u8, max: usize) -> Vec<Obj> {
    let mut items = Vec::with_capacity(max.saturating_add(1).min(12));
    let mut start = 0;
    while items.len() < max {
        let Some(k) = memchr::memchr(sep, &h[start..]) else { break };
        items.push(ascii_part(vm, o, h, start, start + k));
        start += k + 1;
    }
    items.push(ascii_part(vm, o, h, start, h.len()));
    items
}

/// Where `split`/`rsplit` cut `h`: (start, end) of each part, in order.
fn split_positions<T: stringlib::Unit>(
    h: &[T],
    sep: Option<&[T]>,
    max: usize,
    right: bool,
    is_space: impl Fn(T) -> bool,
) -> Vec<(usize, usize)> {
    let n = h.len();
    // Room for a dozen parts up front, as CPython's MAX_PREALLOC.
    let mut parts: Vec<(usize, usize)> = Vec::with_capacity(max.saturating_add(1).min(12));
    match sep {
        None if !right => {
            let mut i = 0;
            while parts.len() < max {
                while i < n && is_space(h[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                let st = i;
                while i < n && !is_space(h[i]) {
                    i += 1;
                }
                parts.push((st, i));
            }
            while i < n && is_space(h[i]) {
                i += 1;
            }
            if i < n {
                parts.push((i, n));
            }
        }
        None => {
            let mut i = n;
            while parts.len() < max {
                while i > 0 && is_space(h[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                let en = i;
                while i > 0 && !is_space(h[i - 1]) {
                    i -= 1;
                }
                parts.push((i, en));
            }
            while i > 0 && is_space(h[i - 1]) {
                i -= 1;
            }
            if i > 0 {
                parts.push((0, i));
            }
            parts.reverse();
        }
        Some(sepv) => return stringlib::split_at_sep(h, sepv, max, right),
    }
    parts
}

pub(crate) fn splitlines(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse_array(vm, "splitlines", args, kwnames, &["keepends"], 0)?;
    let keepends = match &a[0] {
        Some(k) => cint_arg(vm, k)? != 0,
        None => false,
    };
    let s = sd(o);
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let st = i;
        while i < n && !uni::is_linebreak(s.char_at(i)) {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if s.char_at(i) == 0x0d && i + 1 < n && s.char_at(i + 1) == 0x0a {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        if st == 0 && eol == n {
            out.push(unchanged(vm, o));
        } else {
            out.push(vm.new_str_data(s.substring(st, eol)));
        }
    }
    Ok(vm.new_list(out))
}

fn strip_impl(
    vm: &Vm,
    o: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
    left: bool,
    right: bool,
    name: &str,
) -> PyResult<Obj> {
    no_kw(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 0, 1)?;
    let s = sd(o);
    if let StrRepr::Ascii(text) = s.repr() {
        let (st, en) = match args.first().filter(|x| !vm.is_none(x)) {
            None => strip_ascii(text.as_bytes(), is_ascii_space, left, right),
            Some(c) => {
                let chars = data(c).ok_or_else(|| vm.type_error(format!("{name} arg must be None or str")))?;
                match chars.repr() {
                    // A few ASCII characters (`strip(",.;!?")`): a scan of
                    // them per end character costs less than a bit set.
                    StrRepr::Ascii(few) if few.len() <= 8 => {
                        strip_ascii(text.as_bytes(), |b| few.as_bytes().contains(&b), left, right)
                    }
                    _ => {
                        let set = ascii_set(chars);
                        strip_ascii(text.as_bytes(), |b| set >> b & 1 != 0, left, right)
                    }
                }
            }
        };
        if st == 0 && en == text.len() {
            return Ok(unchanged(vm, o));
        }
        return Ok(vm.new_str_data(s.substring(st, en)));
    }
    let chars: Option<Vec<u32>> = match args.first().filter(|x| !vm.is_none(x)) {
        None => None,
        Some(c) => {
            Some(data(c).ok_or_else(|| vm.type_error(format!("{name} arg must be None or str")))?.to_code_points())
        }
    };
    let strip_it = |c: u32| match &chars {
        None => uni::is_space(c),
        Some(v) => v.contains(&c),
    };
    let n = s.len();
    let mut st = 0;
    let mut en = n;
    if left {
        while st < en && strip_it(s.char_at(st)) {
            st += 1;
        }
    }
    if right {
        while en > st && strip_it(s.char_at(en - 1)) {
            en -= 1;
        }
    }
    if st == 0 && en == n {
        return Ok(unchanged(vm, o));
    }
    Ok(vm.new_str_data(s.substring(st, en)))
}

/// The ASCII characters `str.isspace` accepts, as a bit set (`\t`..`\r`,
/// `\x1c`..`\x1f`, space).
const ASCII_SPACES: u128 = 1 << 32 | 0xf000_0000 | 0x3e00;

/// `ASCII_SPACES` as a table by byte (no byte above 127 is set): one load
/// per character where the 128-bit shift takes a dozen instructions.
static ASCII_SPACE_TABLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = ASCII_SPACES >> c & 1 != 0;
        c += 1;
    }
    t
};

/// Whether byte `b` of an ASCII text is whitespace (`str.isspace`).
#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    ASCII_SPACE_TABLE[b as usize]
}

/// The ASCII members of `chars` as a bit set (the others cannot occur in
/// an ASCII text).
fn ascii_set(chars: &StrData) -> u128 {
    match chars.repr() {
        StrRepr::Ascii(s) => s.bytes().fold(0, |m, c| m | 1 << c),
        _ => chars.code_points().filter(|&c| c < 128).fold(0, |m, c| m | 1 << c),
    }
}

/// Where `strip` cuts ASCII `text`: the bounds of what is left once the
/// bytes `member` accepts are taken off the chosen ends.
#[inline]
fn strip_ascii(text: &[u8], member: impl Fn(u8) -> bool, left: bool, right: bool) -> (usize, usize) {
    let (mut st, mut en) = (0, text.len());
    if left {
        while st < en && member(text[st]) {
            st += 1;
        }
    }
    if right {
        while en > st && member(text[en - 1]) {
            en -= 1;
        }
    }
    (st, en)
}

/// `text.replace(old, new, max)` of ASCII `text`, non-empty ASCII `old`
/// and ASCII `new` (`o` is the str of `text`): the occurrences counted
/// first (`each_match`) so the result is made at its exact length and
/// written once.
fn replace_ascii(vm: &Vm, o: &Obj, text: &[u8], old: &[u8], new: &[u8], max: usize) -> PyResult<Obj> {
    let mut hits = 0;
    each_match(text, old, max, |_| hits += 1);
    if hits == 0 {
        return Ok(unchanged(vm, o));
    }
    let total = text.len() as u128 - (hits * old.len()) as u128 + hits as u128 * new.len() as u128;
    if total > (isize::MAX as u128) / 4 {
        return Err(vm.overflow_error("replace string is too long"));
    }
    let fill = |out: &mut [u8]| {
        let (mut at, mut last) = (0, 0);
        each_match(text, old, hits, |i| {
            let keep = &text[last..i];
            out[at..at + keep.len()].copy_from_slice(keep);
            at += keep.len();
            out[at..at + new.len()].copy_from_slice(new);
            at += new.len();
            last = i + old.len();
        });
        out[at..].copy_from_slice(&text[last..]);
    };
    let d = StrData::try_build_ascii(total as usize, fill).ok_or_else(|| vm.memory_error())?;
    Ok(vm.new_str_data(d))
}

/// Texts shorter than this are searched for a pattern of two bytes or more
/// by its first byte and a compare: setting up a substring searcher costs
/// more than such a scan.
const SHORT_SEARCH: usize = 128;

/// Call `f` with the position of each of the first `max` non-overlapping
/// occurrences of non-empty `pat` in `text`, left to right.
fn each_match(text: &[u8], pat: &[u8], max: usize, mut f: impl FnMut(usize)) {
    let mut left = max;
    let mut take = |i: usize| {
        f(i);
        left -= 1;
        left > 0
    };
    if max == 0 {
        return;
    }
    match pat {
        [b] => {
            for i in memchr::memchr_iter(*b, text) {
                if !take(i) {
                    return;
                }
            }
        }
        _ if text.len() < SHORT_SEARCH => {
            let mut from = 0;
            while let Some(k) = memchr::memchr(pat[0], &text[from..]) {
                let i = from + k;
                if text[i..].starts_with(pat) {
                    if !take(i) {
                        return;
                    }
                    from = i + pat.len();
                } else {
                    from = i + 1;
                }
            }
        }
        _ => {
            for i in memchr::memmem::find_iter(text, pat) {
                if !take(i) {
                    return;
                }
            }
        }
    }
}

fn replace(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    no_kw(vm, "replace", kwnames)?;
    crate::args::check_positional(vm, "replace", args.len(), 2, 3)?;
    let s = sd(o);
    let old = data(&args[0])
        .ok_or_else(|| vm.type_error(format!("replace() argument 1 must be str, not {}", args[0].class().name())))?;
    let new = data(&args[1])
        .ok_or_else(|| vm.type_error(format!("replace() argument 2 must be str, not {}", args[1].class().name())))?;
    let count = match args.get(2) {
        Some(c) => ssize_arg(vm, c)?,
        None => -1,
    };
    let max = if count < 0 { usize::MAX } else { count as usize };
    if args[0].is(&args[1]) {
        // CPython: replacing a string by the same object changes nothing.
        return Ok(unchanged(vm, o));
    }
    if let (StrRepr::Ascii(a), StrRepr::Ascii(b), StrRepr::Ascii(c)) = (s.repr(), old.repr(), new.repr()) {
        if !b.is_empty() {
            return replace_ascii(vm, o, a.as_bytes(), b.as_bytes(), c.as_bytes(), max);
        }
    }
    let hits = count_in(s, old, 0, s.len(), max);
    if hits == 0 {
        return Ok(unchanged(vm, o));
    }
    let total = (s.len() as u128) + (hits as u128) * (new.len() as u128);
    if total > (isize::MAX as u128) / 4 {
        return Err(vm.overflow_error("replace string is too long"));
    }
    let cps = s.to_code_points();
    let oldv = old.to_code_points();
    let newv = new.to_code_points();
    let mut out = alloc_vec(vm, total as usize)?;
    let mut done = 0usize;
    if oldv.is_empty() {
        for c in cps.iter() {
            if done < max {
                out.extend_from_slice(&newv);
                done += 1;
            }
            out.push(*c);
        }
        if done < max {
            out.extend_from_slice(&newv);
        }
        return Ok(new_str(vm, &out));
    }
    let mut i = 0;
    while i < cps.len() {
        if done < max && cps[i..].starts_with(&oldv) {
            out.extend_from_slice(&newv);
            i += oldv.len();
            done += 1;
        } else {
            out.push(cps[i]);
            i += 1;
        }
    }
    Ok(new_str(vm, &out))
}

// ---------------------------------------------------------------------------
// Padding, tabs

fn pad_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str) -> PyResult<Obj> {
    no_kw(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 1, 2)?;
    let width = ssize_arg(vm, &args[0])?;
    let fill = match args.get(1) {
        None => b' ' as u32,
        Some(f) => {
            let Some(fd) = data(f) else {
                return Err(
                    vm.type_error(format!("The fill character must be a unicode character, not {}", f.class().name()))
                );
            };
            if fd.len() != 1 {
                return Err(vm.type_error("The fill character must be exactly one character long"));
            }
            fd.char_at(0)
        }
    };
    let s = sd(o);
    let n = s.len() as isize;
    if n >= width {
        return Ok(unchanged(vm, o));
    }
    let marg = width - n;
    let (left, right) = match name {
        "ljust" => (0, marg),
        "rjust" => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    };
    pad(vm, s, left as usize, right as usize, fill)
}

fn pad(vm: &Vm, s: &StrData, left: usize, right: usize, fill: u32) -> PyResult<Obj> {
    let total = s.len().checked_add(left).and_then(|t| t.checked_add(right));
    if total.is_none_or(|t| t > isize::MAX as usize / 4) {
        return Err(vm.memory_error());
    }
    if let (StrRepr::Ascii(a), true) = (s.repr(), fill < 0x80) {
        let f = fill as u8 as char;
        let mut out = String::new();
        out.try_reserve_exact(total.unwrap_or(0)).map_err(|_| vm.memory_error())?;
        out.extend(std::iter::repeat_n(f, left));
        out.push_str(a);
        out.extend(std::iter::repeat_n(f, right));
        return Ok(vm.new_str_from_string(out));
    }
    let mut out = alloc_vec(vm, total.unwrap_or(0))?;
    out.extend(std::iter::repeat_n(fill, left));
    out.extend(s.code_points());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_str(vm, &out))
}

fn zfill(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [w] = crate::args::exact::<1>(vm, "zfill", args, kwnames)?;
    let width = ssize_arg(vm, &w)?;
    let s = sd(o);
    if s.len() as isize >= width {
        return Ok(unchanged(vm, o));
    }
    let fill = (width - s.len() as isize) as usize;
    if fill > isize::MAX as usize / 4 {
        return Err(vm.memory_error());
    }
    let mut out: Vec<u32> = alloc_vec(vm, width as usize)?;
    out.extend(std::iter::repeat_n(b'0' as u32, fill));
    out.extend(s.code_points());
    if fill < out.len() && (out[fill] == b'+' as u32 || out[fill] == b'-' as u32) {
        out[0] = out[fill];
        out[fill] = b'0' as u32;
    }
    Ok(new_str(vm, &out))
}

fn expandtabs(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "expandtabs", args, kwnames, &["tabsize"], 0)?;
    let tabsize = match &a[0] {
        Some(t) => cint_arg(vm, t)? as i64,
        None => 8,
    };
    let s = sd(o);
    if !s.code_points().any(|c| c == 9) {
        return Ok(unchanged(vm, o));
    }
    // First pass: the length of the result.
    let mut total: u64 = 0;
    let mut col: u64 = 0;
    for c in s.code_points() {
        if c == 9 {
            if tabsize > 0 {
                let inc = tabsize as u64 - col % tabsize as u64;
                col += inc;
                total += inc;
            }
        } else {
            total += 1;
            col += 1;
            if c == 10 || c == 13 {
                col = 0;
            }
        }
        if total > isize::MAX as u64 {
            return Err(vm.overflow_error("new string is too long"));
        }
    }
    if s.is_ascii() {
        let mut out: Vec<u8> = alloc_vec(vm, total as usize)?;
        expand_tabs_into(s.code_points().map(|c| c as u8), tabsize, &mut out, b' ');
        return Ok(vm.new_str_from_string(String::from_utf8(out).unwrap_or_default()));
    }
    let mut out: Vec<u32> = alloc_vec(vm, total as usize)?;
    expand_tabs_into(s.code_points(), tabsize, &mut out, b' ' as u32);
    Ok(new_str(vm, &out))
}

/// Tabs to spaces; `\n` and `\r` restart the column.
fn expand_tabs_into<T: Copy + PartialEq + From<u8>>(
    src: impl Iterator<Item = T>,
    tabsize: i64,
    out: &mut Vec<T>,
    space: T,
) {
    let mut col: u64 = 0;
    for c in src {
        if c == T::from(b'\t') {
            if tabsize > 0 {
                let inc = tabsize as u64 - col % tabsize as u64;
                col += inc;
                out.extend(std::iter::repeat_n(space, inc as usize));
            }
        } else {
            out.push(c);
            col += 1;
            if c == T::from(b'\n') || c == T::from(b'\r') {
                col = 0;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Case

/// `lower()` of the code point at `i`, with the final-sigma rule
/// (CPython's `lower_ucs4` and `handle_capital_sigma`).
fn lower_at(s: &StrData, i: usize, out: &mut Vec<u32>) {
    let c = s.char_at(i);
    if c == 0x3a3 {
        out.push(if final_sigma(s, i) { 0x3c2 } else { 0x3c3 });
    } else {
        uni::to_lower_full(c, out);
    }
}

fn final_sigma(s: &StrData, i: usize) -> bool {
    let mut j = i;
    let mut before = None;
    while j > 0 {
        j -= 1;
        let c = s.char_at(j);
        if !uni::is_case_ignorable(c) {
            before = Some(c);
            break;
        }
    }
    if !before.is_some_and(uni::is_cased) {
        return false;
    }
    let mut j = i + 1;
    while j < s.len() {
        let c = s.char_at(j);
        if !uni::is_case_ignorable(c) {
            return !uni::is_cased(c);
        }
        j += 1;
    }
    true
}

/// A new ASCII str: `text` with each byte mapped by `f` (an ASCII case
/// mapping), built in place (inside the object when short).
fn map_ascii(vm: &Vm, text: &str, mut f: impl FnMut(usize, u8) -> u8) -> Obj {
    vm.new_str_data(StrData::build_ascii(text.len(), |out| {
        for (i, (o, b)) in out.iter_mut().zip(text.bytes()).enumerate() {
            *o = f(i, b);
        }
    }))
}

/// `capitalize()` (`title` false) or `title()` of ASCII text: for ASCII
/// letters the title case is the upper case and the cased characters are
/// the letters, so the Unicode rules reduce to these.
fn ascii_case_words(vm: &Vm, text: &str, title: bool) -> Obj {
    let mut prev_letter = false;
    map_ascii(vm, text, |i, b| {
        let start = if title { !prev_letter } else { i == 0 };
        prev_letter = b.is_ascii_alphabetic();
        if start {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        }
    })
}

fn lower(vm: &Vm, o: &Obj) -> Obj {
    let s = sd(o);
    if let StrRepr::Ascii(a) = s.repr() {
        return map_ascii(vm, a, |_, b| b.to_ascii_lowercase());
    }
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        lower_at(s, i, &mut out);
    }
    new_str(vm, &out)
}

fn upper(vm: &Vm, o: &Obj) -> Obj {
    let s = sd(o);
    if let StrRepr::Ascii(a) = s.repr() {
        return map_ascii(vm, a, |_, b| b.to_ascii_uppercase());
    }
    map_full(vm, o, uni::to_upper_full)
}

fn map_full(vm: &Vm, o: &Obj, f: fn(u32, &mut Vec<u32>)) -> Obj {
    let s = sd(o);
    let mut out = Vec::with_capacity(s.len());
    for c in s.code_points() {
        f(c, &mut out);
    }
    new_str(vm, &out)
}

fn capitalize(vm: &Vm, o: &Obj) -> Obj {
    let s = sd(o);
    if let StrRepr::Ascii(a) = s.repr() {
        return ascii_case_words(vm, a, false);
    }
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        if i == 0 {
            uni::to_title_full(s.char_at(0), &mut out);
        } else {
            lower_at(s, i, &mut out);
        }
    }
    new_str(vm, &out)
}

fn title(vm: &Vm, o: &Obj) -> Obj {
    let s = sd(o);
    if let StrRepr::Ascii(a) = s.repr() {
        return ascii_case_words(vm, a, true);
    }
    let mut out = Vec::with_capacity(s.len());
    let mut prev_cased = false;
    for i in 0..s.len() {
        let c = s.char_at(i);
        if prev_cased {
            lower_at(s, i, &mut out);
        } else {
            uni::to_title_full(c, &mut out);
        }
        prev_cased = uni::is_cased(c);
    }
    new_str(vm, &out)
}

fn swapcase(vm: &Vm, o: &Obj) -> Obj {
    let s = sd(o);
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let c = s.char_at(i);
        if uni::is_upper(c) {
            lower_at(s, i, &mut out);
        } else if uni::is_lower(c) {
            uni::to_upper_full(c, &mut out);
        } else {
            out.push(c);
        }
    }
    new_str(vm, &out)
}

// ---------------------------------------------------------------------------
// Predicates

fn pred(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, f: fn(u32) -> bool) -> PyResult<Obj> {
    noargs(vm, name, args, kwnames)?;
    let s = sd(o);
    Ok(vm.bool_obj(!s.is_empty() && s.code_points().all(f)))
}

fn is_lower(s: &StrData) -> bool {
    let mut cased = false;
    for c in s.code_points() {
        if uni::is_upper(c) || uni::is_title(c) {
            return false;
        }
        if !cased && uni::is_lower(c) {
            cased = true;
        }
    }
    cased
}

fn is_upper(s: &StrData) -> bool {
    let mut cased = false;
    for c in s.code_points() {
        if uni::is_lower(c) || uni::is_title(c) {
            return false;
        }
        if !cased && uni::is_upper(c) {
            cased = true;
        }
    }
    cased
}

fn is_title(s: &StrData) -> bool {
    if s.len() == 1 {
        let c = s.char_at(0);
        return uni::is_title(c) || uni::is_upper(c);
    }
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.code_points() {
        if uni::is_upper(c) || uni::is_title(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if uni::is_lower(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

pub(crate) fn is_identifier(s: &StrData) -> bool {
    let mut it = s.code_points();
    match it.next() {
        Some(c) if uni::is_id_start(c) => it.all(uni::is_id_continue),
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// translate, maketrans

fn translate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [table] = crate::args::exact::<1>(vm, "translate", args, kwnames)?;
    let s = sd(o).to_code_points();
    let mut out: Vec<u32> = Vec::with_capacity(s.len());
    // Mapped results per code point, as CPython caches them for ASCII.
    let mut cache: std::collections::HashMap<u32, Option<Vec<u32>>> = std::collections::HashMap::new();
    for c in s {
        if let Some(r) = cache.get(&c) {
            if let Some(v) = r {
                out.extend_from_slice(v);
            }
            continue;
        }
        let key = vm.new_int(c as i64);
        let mapped = match vm.getitem(&table, &key) {
            Ok(v) => v,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.lookup_error) => {
                out.push(c);
                cache.insert(c, Some(vec![c]));
                continue;
            }
            Err(e) => return Err(e),
        };
        let r: Option<Vec<u32>> = if vm.is_none(&mapped) {
            None
        } else if let Some(v) = crate::objects::int::value(&mapped) {
            match v.as_i64() {
                Some(x) if (0..0x110000).contains(&x) => Some(vec![x as u32]),
                _ => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            }
        } else if let Some(d) = data(&mapped) {
            Some(d.to_code_points())
        } else {
            return Err(vm.type_error("character mapping must return integer, None or str"));
        };
        if let Some(v) = &r {
            out.extend_from_slice(v);
        }
        cache.insert(c, r);
    }
    Ok(new_str(vm, &out))
}

fn maketrans(vm: &Vm, _self: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    no_kw(vm, "maketrans", kwnames)?;
    crate::args::check_positional(vm, "maketrans", args.len(), 1, 3)?;
    for (i, a) in args.iter().enumerate().skip(1) {
        if data(a).is_none() {
            return Err(vm.type_error(format!("maketrans() argument {} must be str, not {}", i + 1, a.class().name())));
        }
    }
    let out = vm.new_dict();
    if let Some(y) = args.get(1) {
        let Some(x) = data(&args[0]) else {
            return Err(vm.type_error("first maketrans argument must be a string if there is a second argument"));
        };
        let y = sd(y);
        if x.len() != y.len() {
            return Err(vm.value_error("the first two maketrans arguments must have equal length"));
        }
        for (a, b) in x.code_points().zip(y.code_points()) {
            dict::set_item(vm, &out, vm.new_int(a as i64), vm.new_int(b as i64))?;
        }
        if let Some(z) = args.get(2) {
            for c in sd(z).code_points() {
                dict::set_item(vm, &out, vm.new_int(c as i64), vm.none())?;
            }
        }
        return Ok(out);
    }
    let x = &args[0];
    if !x.type_is(&vm.ctx.types.dict) {
        return Err(vm.type_error("if you give only one argument to maketrans it must be a dict"));
    }
    for (k, v) in dict::items(x) {
        if let Some(kd) = data(&k) {
            if kd.len() != 1 {
                return Err(vm.value_error("string keys in translate table must be of length 1"));
            }
            dict::set_item(vm, &out, vm.new_int(kd.char_at(0) as i64), v)?;
        } else if crate::objects::int::value(&k).is_some() {
            dict::set_item(vm, &out, k, v)?;
        } else {
            return Err(vm.type_error("keys in translate table must be strings or integers"));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Misc

fn sizeof(vm: &Vm, o: &Obj) -> usize {
    let s = sd(o);
    let kind = match s.repr() {
        StrRepr::Ascii(_) | StrRepr::Latin1(_) => 1,
        StrRepr::Ucs2(_) => 2,
        StrRepr::Ucs4(_) => 4,
    };
    if !o.type_is(&vm.ctx.types.str) {
        // A subclass instance is a "legacy" string with a separate buffer.
        return 80 + (s.len() + 1) * kind;
    }
    if s.is_ascii() {
        48 + s.len() + 1
    } else {
        72 + (s.len() + 1) * kind
    }
}

fn str_format_spec(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [spec] = crate::args::exact::<1>(vm, "__format__", args, kwnames)?;
    let Some(sdat) = data(&spec) else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", spec.class().name())));
    };
    crate::format::format_str_value(vm, o, sdat)
}

fn encode(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "encode", args, kwnames, &["encoding", "errors"], 0)?;
    let v = crate::codecs::encode_to_vec_named(vm, "encode", o, a[0].as_ref(), a[1].as_ref())?;
    Ok(vm.new_bytes(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_spaces_are_isspace() {
        for c in 0..128u32 {
            assert_eq!(ASCII_SPACES >> c & 1 != 0, uni::is_space(c), "{c:#x}");
        }
        for b in 0..=255u8 {
            assert_eq!(is_ascii_space(b), b < 128 && uni::is_space(b as u32), "{b:#x}");
        }
    }

    #[test]
    fn strip_ascii_bounds() {
        let space = |b: u8| ASCII_SPACES >> b & 1 != 0;
        assert_eq!(strip_ascii(b"  ab \t", space, true, true), (2, 4));
        assert_eq!(strip_ascii(b"  ab \t", space, true, false), (2, 6));
        assert_eq!(strip_ascii(b"  ab \t", space, false, true), (0, 4));
        assert_eq!(strip_ascii(b"   ", space, true, true), (3, 3));
        let set: u128 = 1 << b',' | 1 << b'!';
        assert_eq!(strip_ascii(b",x!,", |b| set >> b & 1 != 0, true, true), (1, 2));
        assert_eq!(strip_ascii(b",x!,", |b| b",!".contains(&b), true, true), (1, 2));
    }
}
