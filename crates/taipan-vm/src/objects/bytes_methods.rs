//! The methods `bytes` and `bytearray` share (CPython's
//! `Objects/bytes_methods.c`, `Objects/stringlib` and the method tables of
//! both types), plus bytearray's mutating methods.
//!
//! Every method works on a copy of the receiver's contents, so no borrow of
//! a bytearray's buffer lives across a call that can run Python code.

use crate::object::Obj;
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::str_methods::{alloc_vec, cint_arg, no_kw, ssize_arg, tuple_args};
use crate::objects::{bytearray, bytes, int, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

pub(crate) fn setup(vm: &Vm) {
    let common = [
        MethodDef::method("__getnewargs__", |vm, o, a, k| {
            crate::args::exact::<0>(vm, "__getnewargs__", a, k)?;
            Ok(vm.new_tuple(vec![vm.new_bytes(contents(o))]))
        }),
        MethodDef::method("capitalize", |vm, o, a, k| map_bytes(vm, o, a, k, "capitalize", capitalize)),
        MethodDef::method("center", |vm, o, a, k| pad_impl(vm, o, a, k, "center")),
        MethodDef::method("count", count),
        MethodDef::method("decode", decode),
        MethodDef::method("endswith", |vm, o, a, k| affix(vm, o, a, k, "endswith", true)),
        MethodDef::method("expandtabs", expandtabs),
        MethodDef::method("find", |vm, o, a, k| find_impl(vm, o, a, k, "find", false, false)),
        MethodDef::class("fromhex", fromhex),
        MethodDef::method("hex", hex),
        MethodDef::method("index", |vm, o, a, k| find_impl(vm, o, a, k, "index", false, true)),
        MethodDef::method("isalnum", |vm, o, a, k| pred(vm, o, a, k, "isalnum", |b| b.is_ascii_alphanumeric())),
        MethodDef::method("isalpha", |vm, o, a, k| pred(vm, o, a, k, "isalpha", |b| b.is_ascii_alphabetic())),
        MethodDef::method("isascii", |vm, o, a, k| {
            crate::args::exact::<0>(vm, "isascii", a, k)?;
            Ok(vm.bool_obj(contents(o).is_ascii()))
        }),
        MethodDef::method("isdigit", |vm, o, a, k| pred(vm, o, a, k, "isdigit", |b| b.is_ascii_digit())),
        MethodDef::method("islower", |vm, o, a, k| {
            crate::args::exact::<0>(vm, "islower", a, k)?;
            let d = contents(o);
            Ok(vm.bool_obj(d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)))
        }),
        MethodDef::method("isspace", |vm, o, a, k| pred(vm, o, a, k, "isspace", |b| is_space(*b))),
        MethodDef::method("istitle", |vm, o, a, k| {
            crate::args::exact::<0>(vm, "istitle", a, k)?;
            Ok(vm.bool_obj(is_title(&contents(o))))
        }),
        MethodDef::method("isupper", |vm, o, a, k| {
            crate::args::exact::<0>(vm, "isupper", a, k)?;
            let d = contents(o);
            Ok(vm.bool_obj(d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)))
        }),
        MethodDef::method("join", join),
        MethodDef::method("ljust", |vm, o, a, k| pad_impl(vm, o, a, k, "ljust")),
        MethodDef::method("lower", |vm, o, a, k| map_bytes(vm, o, a, k, "lower", |d| d.to_ascii_lowercase())),
        MethodDef::method("lstrip", |vm, o, a, k| strip_impl(vm, o, a, k, "lstrip", true, false)),
        MethodDef::static_("maketrans", maketrans),
        MethodDef::method("partition", |vm, o, a, k| partition(vm, o, a, k, false)),
        MethodDef::method("replace", replace),
        MethodDef::method("removeprefix", |vm, o, a, k| remove_affix(vm, o, a, k, "removeprefix", false)),
        MethodDef::method("removesuffix", |vm, o, a, k| remove_affix(vm, o, a, k, "removesuffix", true)),
        MethodDef::method("rfind", |vm, o, a, k| find_impl(vm, o, a, k, "rfind", true, false)),
        MethodDef::method("rindex", |vm, o, a, k| find_impl(vm, o, a, k, "rindex", true, true)),
        MethodDef::method("rjust", |vm, o, a, k| pad_impl(vm, o, a, k, "rjust")),
        MethodDef::method("rpartition", |vm, o, a, k| partition(vm, o, a, k, true)),
        MethodDef::method("rsplit", |vm, o, a, k| split_impl(vm, o, a, k, true)),
        MethodDef::method("rstrip", |vm, o, a, k| strip_impl(vm, o, a, k, "rstrip", false, true)),
        MethodDef::method("split", |vm, o, a, k| split_impl(vm, o, a, k, false)),
        MethodDef::method("splitlines", splitlines),
        MethodDef::method("startswith", |vm, o, a, k| affix(vm, o, a, k, "startswith", false)),
        MethodDef::method("strip", |vm, o, a, k| strip_impl(vm, o, a, k, "strip", true, true)),
        MethodDef::method("swapcase", |vm, o, a, k| map_bytes(vm, o, a, k, "swapcase", swapcase)),
        MethodDef::method("title", |vm, o, a, k| map_bytes(vm, o, a, k, "title", title)),
        MethodDef::method("translate", translate),
        MethodDef::method("upper", |vm, o, a, k| map_bytes(vm, o, a, k, "upper", |d| d.to_ascii_uppercase())),
        MethodDef::method("zfill", zfill),
    ];
    add_methods(vm, &vm.ctx.types.bytes, &common);
    add_methods(
        vm,
        &vm.ctx.types.bytes,
        &[
            MethodDef::method("__bytes__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__bytes__", a, k)?;
                Ok(if o.type_is(&vm.ctx.types.bytes) { o.clone() } else { vm.new_bytes(contents(o)) })
            }),
            MethodDef::method("__sizeof__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__sizeof__", a, k)?;
                // A subclass with a __dict__ keeps its pointer after the items.
                let extra = if crate::objects::type_::lookup_str(vm, o.class(), "__dict__").is_some() { 8 } else { 0 };
                Ok(vm.new_usize(33 + contents(o).len() + extra))
            }),
        ],
    );
    // bytearray has no __getnewargs__ (it pickles through __reduce_ex__).
    add_methods(vm, &vm.ctx.types.bytearray, &common[1..]);
    add_methods(
        vm,
        &vm.ctx.types.bytearray,
        &[
            MethodDef::method("append", |vm, o, a, k| {
                let [v] = crate::args::exact::<1>(vm, "append", a, k)?;
                let b = bytes::byte_value(vm, &v)?;
                bytearray::check_resize(vm, ba(o), ba(o).len() + 1)?;
                ba(o).push(b);
                Ok(vm.none())
            }),
            MethodDef::method("extend", ba_extend),
            MethodDef::method("insert", |vm, o, a, k| {
                no_kw(vm, "insert", k)?;
                crate::args::check_positional(vm, "insert", a.len(), 2, 2)?;
                let i = ssize_arg(vm, &a[0])?;
                let b = bytes::byte_value(vm, &a[1])?;
                let d = ba(o);
                bytearray::check_resize(vm, d, d.len() + 1)?;
                let n = d.len() as isize;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
                d.insert(at, b);
                Ok(vm.none())
            }),
            MethodDef::method("pop", |vm, o, a, k| {
                no_kw(vm, "pop", k)?;
                crate::args::check_positional(vm, "pop", a.len(), 0, 1)?;
                let i = match a.first() {
                    Some(x) => ssize_arg(vm, x)?,
                    None => -1,
                };
                let d = ba(o);
                let n = d.len() as isize;
                if n == 0 {
                    return Err(vm.index_error("pop from empty bytearray"));
                }
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(vm.index_error("pop index out of range"));
                }
                bytearray::check_resize(vm, d, d.len() - 1)?;
                let b = d.remove_at(j as usize);
                Ok(vm.new_int(b as i64))
            }),
            MethodDef::method("remove", |vm, o, a, k| {
                let [v] = crate::args::exact::<1>(vm, "remove", a, k)?;
                let b = bytes::byte_value(vm, &v)?;
                let d = ba(o);
                match d.with(|v| v.iter().position(|&x| x == b)) {
                    Some(i) => {
                        bytearray::check_resize(vm, d, d.len() - 1)?;
                        d.remove_at(i);
                        Ok(vm.none())
                    }
                    None => Err(vm.value_error("value not found in bytearray")),
                }
            }),
            MethodDef::method("reverse", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "reverse", a, k)?;
                ba(o).with(|v| v.reverse());
                Ok(vm.none())
            }),
            MethodDef::method("clear", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "clear", a, k)?;
                bytearray::check_resize(vm, ba(o), 0)?;
                ba(o).clear();
                Ok(vm.none())
            }),
            MethodDef::method("copy", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "copy", a, k)?;
                Ok(vm.new_bytearray(contents(o)))
            }),
            MethodDef::method("__reduce__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__reduce__", a, k)?;
                ba_reduce(vm, o, 2)
            }),
            MethodDef::method("__reduce_ex__", |vm, o, a, k| {
                no_kw(vm, "__reduce_ex__", k)?;
                crate::args::check_positional(vm, "__reduce_ex__", a.len(), 0, 1)?;
                let proto = match a.first() {
                    Some(p) => cint_arg(vm, p)?,
                    None => 0,
                };
                ba_reduce(vm, o, proto)
            }),
            MethodDef::method("__alloc__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__alloc__", a, k)?;
                Ok(vm.new_usize(ba(o).alloc()))
            }),
            MethodDef::method("__sizeof__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__sizeof__", a, k)?;
                // A subclass with weak references has room for their list.
                let extra =
                    if crate::objects::type_::lookup_str(vm, o.class(), "__weakref__").is_some() { 8 } else { 0 };
                Ok(vm.new_usize(56 + extra + ba(o).alloc()))
            }),
        ],
    );
}

/// Pickling support (CPython's `_common_reduce`): protocols below 3 carry
/// the contents as a latin-1 str, later ones as bytes.
fn ba_reduce(vm: &Vm, o: &Obj, proto: i32) -> PyResult<Obj> {
    let state = vm.call_method(o, "__getstate__", &[])?;
    let d = contents(o);
    let args = if d.is_empty() {
        vm.new_tuple(Vec::new())
    } else if proto < 3 {
        let cps: Vec<u32> = d.iter().map(|&b| b as u32).collect();
        vm.new_tuple(vec![vm.new_str_from_code_points(&cps), vm.new_str("latin-1")])
    } else {
        vm.new_tuple(vec![vm.new_bytes(d)])
    };
    Ok(vm.new_tuple(vec![o.class_obj(), args, state]))
}

fn ba(o: &Obj) -> &bytearray::ByteArrayData {
    bytearray::data(o).expect("bytearray")
}

/// The contents of a bytes or bytearray object.
pub(crate) fn contents(o: &Obj) -> Vec<u8> {
    bytes::as_bytes(o).unwrap_or_default()
}

fn is_bytearray(o: &Obj) -> bool {
    bytearray::data(o).is_some()
}

/// A result of the receiver's kind (bytes or bytearray).
pub(crate) fn same_kind(vm: &Vm, o: &Obj, v: Vec<u8>) -> Obj {
    if is_bytearray(o) {
        vm.new_bytearray(v)
    } else {
        vm.new_bytes(v)
    }
}

/// The receiver unchanged: itself for an exact bytes, else a copy.
fn unchanged(vm: &Vm, o: &Obj) -> Obj {
    if o.type_is(&vm.ctx.types.bytes) {
        o.clone()
    } else {
        same_kind(vm, o, contents(o))
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `x in b`: an int in range(256) or a bytes-like subsequence.
pub(crate) fn contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    let hay = contents(o);
    if let Some(v) = int::value(item) {
        return match v.as_i64() {
            Some(b) if (0..256).contains(&b) => Ok(hay.contains(&(b as u8))),
            _ => Err(vm.value_error("byte must be in range(0, 256)")),
        };
    }
    if vm.has_index(item) && bytes::as_bytes(item).is_none() {
        let b = bytes::byte_value(vm, item)?;
        return Ok(hay.contains(&b));
    }
    let needle = bytes::bytes_like(vm, item)?;
    Ok(find_sub(&hay, &needle, 0, hay.len()).is_some())
}

pub(crate) fn find_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    crate::objects::stringlib::find(&hay[start..end], needle).map(|p| p + start)
}

fn rfind_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(end);
    }
    crate::objects::stringlib::rfind(&hay[start..end], needle).map(|p| p + start)
}

fn count_sub(hay: &[u8], needle: &[u8], start: usize, end: usize, max: usize) -> usize {
    let end = end.min(hay.len());
    if start > end {
        return 0;
    }
    if needle.is_empty() {
        return (end - start + 1).min(max);
    }
    crate::objects::stringlib::count(&hay[start..end], needle, max)
}

/// `b % args`.
pub(crate) fn bytes_mod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if bytes::as_bytes(a).is_none() {
        return Ok(vm.not_implemented());
    }
    crate::format::percent_format_bytes(vm, a, b)
}

fn decode(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "decode", args, kwnames, &["encoding", "errors"], 0)?;
    crate::codecs::decode_object(vm, o, a[0].as_ref(), a[1].as_ref())
}

// ---------------------------------------------------------------------------
// hex / fromhex

fn hex(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "hex", args, kwnames, &["sep", "bytes_per_sep"], 0)?;
    let data = contents(o);
    hex_with_sep(vm, &data, a[0].as_ref(), a[1].as_ref())
}

/// `bytes.hex(sep, bytes_per_sep)` (CPython's `_Py_strhex_with_sep`).
pub(crate) fn hex_with_sep(vm: &Vm, data: &[u8], sep: Option<&Obj>, per: Option<&Obj>) -> PyResult<Obj> {
    let sep: Option<u8> = match sep {
        None => None,
        Some(s) => {
            let chars: Vec<u32> = if let Some(d) = pystr::data(s) {
                d.to_code_points()
            } else if let Some(b) = bytes::as_bytes(s) {
                b.into_iter().map(u32::from).collect()
            } else {
                return Err(vm.type_error(format!("object of type '{}' has no len()", s.class().name())));
            };
            if chars.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if chars[0] >= 0x80 {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(chars[0] as u8)
        }
    };
    let per = match per {
        Some(n) => cint_arg(vm, n)? as i64,
        None => 1,
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(data.len() * 3);
    let n = per.unsigned_abs() as usize;
    match sep {
        Some(sep) if n > 0 && !data.is_empty() => {
            let len = data.len();
            for (i, b) in data.iter().enumerate() {
                if i > 0 {
                    // Groups count from the right when bytes_per_sep > 0.
                    let boundary = if per > 0 { (len - i).is_multiple_of(n) } else { i % n == 0 };
                    if boundary {
                        out.push(sep as char);
                    }
                }
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
        _ => {
            for b in data {
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    Ok(vm.new_str_from_string(out))
}

fn fromhex(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let owner = if vm.is_subtype(cls, &vm.ctx.types.bytearray) { "bytearray" } else { "bytes" };
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{owner}.fromhex() takes no keyword arguments")));
    }
    if args.len() != 1 {
        return Err(vm.type_error(format!("{owner}.fromhex() takes exactly one argument ({} given)", args.len())));
    }
    let s = args[0].clone();
    let Some(d) = pystr::data(&s) else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", s.class().name())));
    };
    let cps = d.to_code_points();
    let err = |i: usize| vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}"));
    if let Some(i) = cps.iter().position(|&c| c >= 0x80) {
        return Err(err(i));
    }
    let digit = |i: usize| -> Option<u8> { cps.get(i).and_then(|&c| char::from_u32(c)?.to_digit(16)).map(|v| v as u8) };
    let mut out = Vec::with_capacity(cps.len() / 2);
    let mut i = 0;
    while i < cps.len() {
        if cps[i] < 0x80 && is_space(cps[i] as u8) {
            i += 1;
            continue;
        }
        let Some(top) = digit(i) else { return Err(err(i)) };
        let Some(bot) = digit(i + 1) else { return Err(err(i + 1)) };
        out.push(top * 16 + bot);
        i += 2;
    }
    if cls.is(&vm.ctx.types.bytes) {
        return Ok(vm.new_bytes(out));
    }
    if cls.is(&vm.ctx.types.bytearray) {
        return Ok(vm.new_bytearray(out));
    }
    let base = if vm.is_subtype(cls, &vm.ctx.types.bytearray) { vm.new_bytearray(out) } else { vm.new_bytes(out) };
    vm.call(cls, &[base], None)
}

// ---------------------------------------------------------------------------
// Searching

/// A `sub` argument of find/count/index: an int in range(256) or bytes-like.
fn subsequence(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes::as_bytes(o) {
        return Ok(b);
    }
    if vm.has_index(o) {
        let v = vm.index_value(o)?;
        return match v.as_i64() {
            Some(b) if (0..256).contains(&b) => Ok(vec![b as u8]),
            _ => Err(vm.value_error("byte must be in range(0, 256)")),
        };
    }
    Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", o.class().name())))
}

fn finds_args<'a>(
    vm: &Vm,
    name: &str,
    len: usize,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
) -> PyResult<(&'a Obj, usize, usize)> {
    no_kw(vm, name, kwnames)?;
    tuple_args(vm, name, args.len(), 1, 3)?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], len)?;
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
    let data = contents(o);
    let (sub, start, end) = finds_args(vm, name, data.len(), args, kwnames)?;
    let needle = subsequence(vm, sub)?;
    let r = if right { rfind_sub(&data, &needle, start, end) } else { find_sub(&data, &needle, start, end) };
    match r {
        Some(i) => Ok(vm.new_usize(i)),
        None if raise => Err(vm.value_error("subsection not found")),
        None => Ok(vm.new_int(-1)),
    }
}

fn count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let data = contents(o);
    let (sub, start, end) = finds_args(vm, "count", data.len(), args, kwnames)?;
    let needle = subsequence(vm, sub)?;
    Ok(vm.new_usize(count_sub(&data, &needle, start, end, usize::MAX)))
}

fn affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    let data = contents(o);
    let (sub, start, end) = finds_args(vm, name, data.len(), args, kwnames)?;
    let test = |p: &[u8]| -> bool {
        let n = p.len();
        if end < start + n {
            return false;
        }
        let off = if suffix { end - n } else { start };
        &data[off..off + n] == p
    };
    if let Some(t) = sub.payload::<tuple::TupleData>() {
        for p in t.items() {
            if test(&bytes::bytes_like(vm, p)?) {
                return Ok(vm.bool_obj(true));
            }
        }
        return Ok(vm.bool_obj(false));
    }
    let Some(p) = bytes::as_bytes(sub) else {
        return Err(
            vm.type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", sub.class().name()))
        );
    };
    Ok(vm.bool_obj(test(&p)))
}

fn remove_affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    let [a] = crate::args::exact::<1>(vm, name, args, kwnames)?;
    let p = bytes::bytes_like(vm, &a)?;
    let d = contents(o);
    let hit = !p.is_empty() && if suffix { d.ends_with(&p) } else { d.starts_with(&p) };
    if !hit {
        return Ok(unchanged(vm, o));
    }
    let v = if suffix { d[..d.len() - p.len()].to_vec() } else { d[p.len()..].to_vec() };
    Ok(same_kind(vm, o, v))
}

fn partition(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, right: bool) -> PyResult<Obj> {
    let [sep] = crate::args::exact::<1>(vm, if right { "rpartition" } else { "partition" }, args, kwnames)?;
    let sepv = bytes::bytes_like(vm, &sep)?;
    if sepv.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let d = contents(o);
    let mutable = is_bytearray(o);
    let found = if right { rfind_sub(&d, &sepv, 0, d.len()) } else { find_sub(&d, &sepv, 0, d.len()) };
    let whole = || if mutable { vm.new_bytearray(d.clone()) } else { o.clone() };
    let empty = || same_kind(vm, o, Vec::new());
    Ok(match found {
        Some(i) => vm.new_tuple(vec![
            same_kind(vm, o, d[..i].to_vec()),
            if mutable { vm.new_bytearray(sepv.clone()) } else { sep.clone() },
            same_kind(vm, o, d[i + sepv.len()..].to_vec()),
        ]),
        None if right => vm.new_tuple(vec![empty(), empty(), whole()]),
        None => vm.new_tuple(vec![whole(), empty(), empty()]),
    })
}

// ---------------------------------------------------------------------------
// join, split, strip, replace

/// The items `join` concatenates.
fn collect_join_items(vm: &Vm, it: &Obj) -> PyResult<Vec<Obj>> {
    let iter = match vm.iter(it) {
        Ok(iter) => iter,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error("can only join an iterable"));
        }
        Err(e) => return Err(e),
    };
    let mut items = Vec::new();
    while let Some(x) = vm.next(&iter)? {
        items.push(x);
    }
    Ok(items)
}

fn join(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [it] = crate::args::exact::<1>(vm, "join", args, kwnames)?;
    // A bytearray separator counts as exported while the items are
    // collected, so an iterator cannot resize it meanwhile (as CPython).
    let exported = crate::objects::bytearray::data(o);
    if let Some(d) = exported {
        d.add_export();
    }
    let collected = collect_join_items(vm, &it);
    if let Some(d) = exported {
        d.remove_export();
    }
    let items = collected?;
    let sep = contents(o);
    if items.len() == 1 && items[0].type_is(&vm.ctx.types.bytes) && !is_bytearray(o) {
        return Ok(items[0].clone());
    }
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if let Some(xb) = bytes::as_bytes_ref(x) {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            out.extend_from_slice(xb);
            continue;
        }
        let Some(xb) = bytes::as_bytes(x) else {
            return Err(
                vm.type_error(format!("sequence item {i}: expected a bytes-like object, {} found", x.class().name()))
            );
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&xb);
    }
    Ok(same_kind(vm, o, out))
}

fn split_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, right: bool) -> PyResult<Obj> {
    let name = if right { "rsplit" } else { "split" };
    let a = crate::args::parse(vm, name, args, kwnames, &["sep", "maxsplit"], 0)?;
    let sep = match a[0].as_ref().filter(|x| !vm.is_none(x)) {
        None => None,
        Some(s) => Some(bytes::bytes_like(vm, s)?),
    };
    let maxsplit = match &a[1] {
        Some(m) => ssize_arg(vm, m)?,
        None => -1,
    };
    let d = contents(o);
    let n = d.len();
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut parts: Vec<(usize, usize)> = Vec::new();
    match sep {
        None => {
            if !right {
                let mut i = 0;
                while parts.len() < max {
                    while i < n && is_space(d[i]) {
                        i += 1;
                    }
                    if i >= n {
                        break;
                    }
                    let st = i;
                    while i < n && !is_space(d[i]) {
                        i += 1;
                    }
                    parts.push((st, i));
                }
                while i < n && is_space(d[i]) {
                    i += 1;
                }
                if i < n {
                    parts.push((i, n));
                }
            } else {
                let mut i = n;
                while parts.len() < max {
                    while i > 0 && is_space(d[i - 1]) {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    let en = i;
                    while i > 0 && !is_space(d[i - 1]) {
                        i -= 1;
                    }
                    parts.push((i, en));
                }
                while i > 0 && is_space(d[i - 1]) {
                    i -= 1;
                }
                if i > 0 {
                    parts.push((0, i));
                }
                parts.reverse();
            }
        }
        Some(sepv) => {
            if sepv.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            parts = crate::objects::stringlib::split_at_sep(&d, &sepv, max, right);
        }
    }
    let items = parts
        .into_iter()
        .map(|(a, b)| if a == 0 && b == n { unchanged(vm, o) } else { same_kind(vm, o, d[a..b].to_vec()) })
        .collect();
    Ok(vm.new_list(items))
}

fn splitlines(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "splitlines", args, kwnames, &["keepends"], 0)?;
    let keepends = match &a[0] {
        Some(k) => cint_arg(vm, k)? != 0,
        None => false,
    };
    let d = contents(o);
    let n = d.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let st = i;
        while i < n && d[i] != b'\n' && d[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if d[i] == b'\r' && i + 1 < n && d[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(if st == 0 && eol == n { unchanged(vm, o) } else { same_kind(vm, o, d[st..eol].to_vec()) });
    }
    Ok(vm.new_list(out))
}

fn strip_impl(
    vm: &Vm,
    o: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<Obj> {
    no_kw(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 0, 1)?;
    let chars = match args.first().filter(|x| !vm.is_none(x)) {
        None => None,
        Some(c) => Some(bytes::bytes_like(vm, c)?),
    };
    let d = contents(o);
    let strip_it = |b: u8| match &chars {
        None => is_space(b),
        Some(v) => v.contains(&b),
    };
    let mut st = 0;
    let mut en = d.len();
    if left {
        while st < en && strip_it(d[st]) {
            st += 1;
        }
    }
    if right {
        while en > st && strip_it(d[en - 1]) {
            en -= 1;
        }
    }
    if st == 0 && en == d.len() {
        return Ok(unchanged(vm, o));
    }
    Ok(same_kind(vm, o, d[st..en].to_vec()))
}

fn replace(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    no_kw(vm, "replace", kwnames)?;
    crate::args::check_positional(vm, "replace", args.len(), 2, 3)?;
    let old = bytes::bytes_like(vm, &args[0])?;
    let new = bytes::bytes_like(vm, &args[1])?;
    let count = match args.get(2) {
        Some(c) => ssize_arg(vm, c)?,
        None => -1,
    };
    let d = contents(o);
    let max = if count < 0 { usize::MAX } else { count as usize };
    let hits = count_sub(&d, &old, 0, d.len(), max);
    if hits == 0 {
        return Ok(unchanged(vm, o));
    }
    let total = (d.len() as u128) + (hits as u128) * (new.len() as u128);
    if total > (isize::MAX as u128) / 2 {
        return Err(vm.overflow_error("replace bytes is too long"));
    }
    let mut out = alloc_vec(vm, total as usize)?;
    let mut done = 0usize;
    if old.is_empty() {
        for &c in d.iter() {
            if done < max {
                out.extend_from_slice(&new);
                done += 1;
            }
            out.push(c);
        }
        if done < max {
            out.extend_from_slice(&new);
        }
        return Ok(same_kind(vm, o, out));
    }
    let mut i = 0;
    while i < d.len() {
        if done < max && d[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            done += 1;
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    Ok(same_kind(vm, o, out))
}

// ---------------------------------------------------------------------------
// Padding, tabs

fn pad_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str) -> PyResult<Obj> {
    no_kw(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 1, 2)?;
    let width = ssize_arg(vm, &args[0])?;
    let fill = match args.get(1) {
        None => b' ',
        Some(f) => match bytes::as_bytes(f) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    f.class().name()
                )))
            }
        },
    };
    let d = contents(o);
    let n = d.len() as isize;
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
    if width as usize > isize::MAX as usize / 2 {
        return Err(vm.memory_error());
    }
    let mut out = alloc_vec(vm, width as usize)?;
    out.resize(left as usize, fill);
    out.extend_from_slice(&d);
    out.resize(out.len() + right as usize, fill);
    Ok(same_kind(vm, o, out))
}

fn zfill(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [w] = crate::args::exact::<1>(vm, "zfill", args, kwnames)?;
    let width = ssize_arg(vm, &w)?;
    let d = contents(o);
    if d.len() as isize >= width {
        return Ok(unchanged(vm, o));
    }
    let fill = (width - d.len() as isize) as usize;
    if fill > isize::MAX as usize / 2 {
        return Err(vm.memory_error());
    }
    let mut out = alloc_vec(vm, fill + d.len())?;
    out.resize(fill, b'0');
    out.extend_from_slice(&d);
    if fill < out.len() && (out[fill] == b'+' || out[fill] == b'-') {
        out[0] = out[fill];
        out[fill] = b'0';
    }
    Ok(same_kind(vm, o, out))
}

fn expandtabs(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "expandtabs", args, kwnames, &["tabsize"], 0)?;
    let tabsize = match &a[0] {
        Some(t) => cint_arg(vm, t)? as i64,
        None => 8,
    };
    let d = contents(o);
    let mut total: u64 = 0;
    let mut col: u64 = 0;
    for &c in &d {
        if c == b'\t' {
            if tabsize > 0 {
                let inc = tabsize as u64 - col % tabsize as u64;
                col += inc;
                total += inc;
            }
        } else {
            total += 1;
            col += 1;
            if c == b'\n' || c == b'\r' {
                col = 0;
            }
        }
        if total > isize::MAX as u64 {
            return Err(vm.overflow_error("result too long"));
        }
    }
    let mut out = alloc_vec(vm, total as usize)?;
    let mut col: u64 = 0;
    for &c in &d {
        if c == b'\t' {
            if tabsize > 0 {
                let inc = tabsize as u64 - col % tabsize as u64;
                col += inc;
                out.resize(out.len() + inc as usize, b' ');
            }
        } else {
            out.push(c);
            col += 1;
            if c == b'\n' || c == b'\r' {
                col = 0;
            }
        }
    }
    Ok(same_kind(vm, o, out))
}

// ---------------------------------------------------------------------------
// Case and predicates (ASCII only)

fn map_bytes(
    vm: &Vm,
    o: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, name, args, kwnames)?;
    Ok(same_kind(vm, o, f(&contents(o))))
}

fn capitalize(d: &[u8]) -> Vec<u8> {
    d.iter().enumerate().map(|(i, b)| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }).collect()
}

fn swapcase(d: &[u8]) -> Vec<u8> {
    d.iter()
        .map(|&b| {
            if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else if b.is_ascii_lowercase() {
                b.to_ascii_uppercase()
            } else {
                b
            }
        })
        .collect()
}

fn title(d: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    d.iter()
        .map(|&b| {
            let r = if prev_cased { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
            prev_cased = b.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn is_title(d: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &b in d {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
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

fn pred(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, f: fn(&u8) -> bool) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, name, args, kwnames)?;
    let d = contents(o);
    Ok(vm.bool_obj(!d.is_empty() && d.iter().all(f)))
}

// ---------------------------------------------------------------------------
// translate, maketrans

fn translate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let spec =
        crate::args::ArgSpec { fname: "translate", names: &["", "delete"], posonly: 1, required: 1, kwonly_from: 2 };
    let a = crate::args::parse_spec(vm, &spec, args, kwnames)?;
    let table_obj = a[0].clone().expect("required");
    let table = if vm.is_none(&table_obj) {
        None
    } else {
        let t = bytes::bytes_like(vm, &table_obj)?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let delete = match &a[1] {
        Some(d) => bytes::bytes_like(vm, d)?,
        None => Vec::new(),
    };
    let d = contents(o);
    let mut out = Vec::with_capacity(d.len());
    for &b in &d {
        if delete.contains(&b) {
            continue;
        }
        out.push(match &table {
            Some(t) => t[b as usize],
            None => b,
        });
    }
    if out == d {
        return Ok(unchanged(vm, o));
    }
    Ok(same_kind(vm, o, out))
}

fn maketrans(vm: &Vm, _self: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    no_kw(vm, "maketrans", kwnames)?;
    crate::args::check_positional(vm, "maketrans", args.len(), 2, 2)?;
    let frm = bytes::bytes_like(vm, &args[0])?;
    let to = bytes::bytes_like(vm, &args[1])?;
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255).collect();
    for (a, b) in frm.into_iter().zip(to) {
        t[a as usize] = b;
    }
    Ok(vm.new_bytes(t))
}

// ---------------------------------------------------------------------------
// bytearray

fn ba_extend(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "extend", args, kwnames)?;
    let b = match bytes::as_bytes(&v) {
        Some(b) => b,
        None => {
            let it = match vm.iter(&v) {
                Ok(it) => it,
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                    return Err(vm.type_error(format!("can't extend bytearray with {}", v.class().name())))
                }
                Err(e) => return Err(e),
            };
            // CPython sizes its buffer from the hint, so its errors show.
            let hint = vm.length_hint(&v, 64)?;
            let mut out = Vec::new();
            if out.try_reserve(hint.min(1 << 20)).is_err() {
                return Err(vm.memory_error());
            }
            while let Some(x) = vm.next(&it)? {
                out.push(bytes::byte_value(vm, &x)?);
            }
            out
        }
    };
    bytearray::check_resize(vm, ba(o), ba(o).len() + b.len())?;
    ba(o).extend(&b);
    Ok(vm.none())
}
