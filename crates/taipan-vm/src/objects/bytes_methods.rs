//! The methods `bytes` and `bytearray` share (CPython's
//! `Objects/bytes_methods.c` and the method tables of both types).

use crate::object::Obj;
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{bytearray, bytes, int, str as pystr};
use crate::vm::{PyResult, Vm};

pub fn setup(vm: &Vm) {
    let common = [
        MethodDef::method("decode", decode),
        MethodDef::method("hex", hex),
        MethodDef::method("startswith", startswith),
        MethodDef::method("endswith", endswith),
        MethodDef::method("find", find),
        MethodDef::method("count", count),
        MethodDef::method("upper", |vm, o, _, _| Ok(same_kind(vm, o, contents(o).to_ascii_uppercase()))),
        MethodDef::method("lower", |vm, o, _, _| Ok(same_kind(vm, o, contents(o).to_ascii_lowercase()))),
    ];
    add_methods(vm, &vm.ctx.types.bytes, &common);
    add_methods(vm, &vm.ctx.types.bytearray, &common);
    add_methods(
        vm,
        &vm.ctx.types.bytearray,
        &[
            MethodDef::method("append", |vm, o, a, k| {
                let [v] = crate::args::exact::<1>(vm, "append", a, k)?;
                let b = bytes::byte_value(vm, &v)?;
                bytearray::data(o).expect("bytearray").push(b);
                Ok(vm.none())
            }),
            MethodDef::method("extend", |vm, o, a, k| {
                let [v] = crate::args::exact::<1>(vm, "extend", a, k)?;
                let b = bytes::bytes_from_source(vm, &v, "bytearray")?;
                bytearray::data(o).expect("bytearray").extend(&b);
                Ok(vm.none())
            }),
        ],
    );
}

/// The contents of a bytes or bytearray object.
pub fn contents(o: &Obj) -> Vec<u8> {
    bytes::as_bytes(o).unwrap_or_default()
}

/// A result of the receiver's kind (bytes or bytearray).
pub fn same_kind(vm: &Vm, o: &Obj, v: Vec<u8>) -> Obj {
    if bytearray::data(o).is_some() {
        vm.new_bytearray(v)
    } else {
        vm.new_bytes(v)
    }
}

/// `x in b`: an int in range(256) or a bytes-like subsequence.
pub fn contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
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

pub fn find_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    hay[start..end].windows(needle.len()).position(|w| w == needle).map(|p| p + start)
}

/// `b % args`.
pub fn bytes_mod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if bytes::as_bytes(a).is_none() {
        return Ok(vm.not_implemented());
    }
    crate::format::percent_format_bytes(vm, a, b)
}

fn decode(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "decode", args, kwnames, &["encoding", "errors"], 0)?;
    crate::codecs::decode_object(vm, o, a[0].as_ref(), a[1].as_ref())
}

fn hex(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "hex", args, kwnames, &["sep", "bytes_per_sep"], 0)?;
    let data = contents(o);
    let sep = match &a[0] {
        Some(s) => Some(pystr::as_str_lossy(s).into_owned()),
        None => None,
    };
    let mut out = String::new();
    let per = match &a[1] {
        Some(n) => vm.to_i64(n)?,
        None => 1,
    };
    let groups: Vec<String> = if let Some(sep) = &sep {
        let n = per.unsigned_abs().max(1) as usize;
        let hexes: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
        let chunks: Vec<String> = if per >= 0 {
            let mut v: Vec<String> = Vec::new();
            let rem = hexes.len() % n;
            if rem > 0 {
                v.push(hexes[..rem].concat());
            }
            for c in hexes[rem..].chunks(n) {
                v.push(c.concat());
            }
            v
        } else {
            hexes.chunks(n).map(|c| c.concat()).collect()
        };
        vec![chunks.join(sep)]
    } else {
        vec![data.iter().map(|b| format!("{b:02x}")).collect()]
    };
    for g in groups {
        out.push_str(&g);
    }
    Ok(vm.new_str_from_string(out))
}

fn affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 1, 3)?;
    let data = contents(o);
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], data.len())?;
    let s = &data[start.min(data.len())..end.max(start).min(data.len())];
    let test = |p: &[u8]| if suffix { s.ends_with(p) } else { s.starts_with(p) };
    if let Some(t) = args[0].payload::<crate::objects::tuple::TupleData>() {
        for p in t.items() {
            if test(&bytes::bytes_like(vm, p)?) {
                return Ok(vm.bool_obj(true));
            }
        }
        return Ok(vm.bool_obj(false));
    }
    let Some(p) = bytes::as_bytes(&args[0]) else {
        return Err(vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            args[0].class().name()
        )));
    };
    Ok(vm.bool_obj(test(&p)))
}

fn startswith(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    affix(vm, o, args, kwnames, "startswith", false)
}

fn endswith(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    affix(vm, o, args, kwnames, "endswith", true)
}

fn needle_of(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if vm.has_index(o) && bytes::as_bytes(o).is_none() {
        return Ok(vec![bytes::byte_value(vm, o)?]);
    }
    bytes::bytes_like(vm, o)
}

fn find(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "find", kwnames)?;
    crate::args::check_positional(vm, "find", args.len(), 1, 3)?;
    let data = contents(o);
    let needle = needle_of(vm, &args[0])?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], data.len())?;
    Ok(match find_sub(&data, &needle, start, end) {
        Some(i) => vm.new_usize(i),
        None => vm.new_int(-1),
    })
}

fn count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "count", kwnames)?;
    crate::args::check_positional(vm, "count", args.len(), 1, 3)?;
    let data = contents(o);
    let needle = needle_of(vm, &args[0])?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], data.len())?;
    if start > end {
        return Ok(vm.new_int(0));
    }
    if needle.is_empty() {
        return Ok(vm.new_usize(end - start + 1));
    }
    let mut n = 0;
    let mut i = start;
    while let Some(p) = find_sub(&data, &needle, i, end) {
        n += 1;
        i = p + needle.len();
    }
    Ok(vm.new_usize(n))
}
