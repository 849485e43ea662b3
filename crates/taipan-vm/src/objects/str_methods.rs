//! `str`'s method set (CPython's `Objects/unicodeobject.c`). Strings are
//! handled as code points (they may hold lone surrogates).

use crate::objects::str::{data, StrData};
use crate::object::Obj;
use crate::objects::descriptor::{add_methods, MethodDef};
use crate::objects::{list, tuple};
use crate::vm::{PyResult, Vm};

pub fn setup(vm: &Vm) {
    add_methods(
        vm,
        &vm.ctx.types.str,
        &[
            MethodDef::method("join", join),
            MethodDef::method("split", |vm, o, a, k| split_impl(vm, o, a, k, false)),
            MethodDef::method("rsplit", |vm, o, a, k| split_impl(vm, o, a, k, true)),
            MethodDef::method("strip", |vm, o, a, k| strip_impl(vm, o, a, k, true, true, "strip")),
            MethodDef::method("lstrip", |vm, o, a, k| strip_impl(vm, o, a, k, true, false, "lstrip")),
            MethodDef::method("rstrip", |vm, o, a, k| strip_impl(vm, o, a, k, false, true, "rstrip")),
            MethodDef::method("replace", replace),
            MethodDef::method("startswith", |vm, o, a, k| affix(vm, o, a, k, "startswith", false)),
            MethodDef::method("endswith", |vm, o, a, k| affix(vm, o, a, k, "endswith", true)),
            MethodDef::method("find", |vm, o, a, k| find_impl(vm, o, a, k, "find", false, false)),
            MethodDef::method("rfind", |vm, o, a, k| find_impl(vm, o, a, k, "rfind", true, false)),
            MethodDef::method("index", |vm, o, a, k| find_impl(vm, o, a, k, "index", false, true)),
            MethodDef::method("rindex", |vm, o, a, k| find_impl(vm, o, a, k, "rindex", true, true)),
            MethodDef::method("count", count),
            MethodDef::method("upper", |vm, o, _, _| Ok(map_chars(vm, o, |c| c.to_uppercase().collect()))),
            MethodDef::method("lower", |vm, o, _, _| Ok(map_chars(vm, o, |c| c.to_lowercase().collect()))),
            MethodDef::method("format", |vm, o, a, k| crate::format::str_format(vm, o, a, k)),
            MethodDef::method("format_map", |vm, o, a, k| {
                let [m] = crate::args::exact::<1>(vm, "format_map", a, k)?;
                crate::format::str_format_map(vm, o, &m)
            }),
            MethodDef::method("__format__", str_format_spec),
            MethodDef::method("encode", encode),
            MethodDef::method("isdigit", |vm, o, _, _| Ok(pred(vm, o, |c| c.is_ascii_digit() || char_is_digit(c)))),
            MethodDef::method("isalpha", |vm, o, _, _| Ok(pred(vm, o, char::is_alphabetic))),
            MethodDef::method("isspace", |vm, o, _, _| Ok(pred(vm, o, char::is_whitespace))),
            MethodDef::method("isalnum", |vm, o, _, _| Ok(pred(vm, o, char::is_alphanumeric))),
            MethodDef::method("__getnewargs__", |vm, o, _, _| {
                Ok(vm.new_tuple(vec![vm.new_str_data(StrData::from_repr(data(o).expect("str").repr().clone()))]))
            }),
        ],
    );
}

fn char_is_digit(c: char) -> bool {
    c.is_numeric() && c.to_digit(10).is_some()
}

fn sd(o: &Obj) -> &StrData {
    data(o).expect("a str")
}

/// Find `needle` in `hay[start..end]` (code points).
pub fn find(hay: &StrData, needle: &StrData, start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    let n = needle.len();
    if n == 0 {
        return Some(start);
    }
    if let (Some(h), Some(nd)) = (hay.as_str(), needle.as_str()) {
        if hay.is_ascii() {
            return h[start..end].find(nd).map(|p| p + start);
        }
    }
    if end - start < n {
        return None;
    }
    let first = needle.char_at(0);
    'outer: for i in start..=end - n {
        if hay.char_at(i) != first {
            continue;
        }
        for j in 1..n {
            if hay.char_at(i + j) != needle.char_at(j) {
                continue 'outer;
            }
        }
        return Some(i);
    }
    None
}

/// Find the last `needle` in `hay[start..end]`.
pub fn rfind(hay: &StrData, needle: &StrData, start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    let n = needle.len();
    if n == 0 {
        return Some(end);
    }
    if end - start < n {
        return None;
    }
    let mut i = end - n;
    loop {
        if (0..n).all(|j| hay.char_at(i + j) == needle.char_at(j)) {
            return Some(i);
        }
        if i == start {
            return None;
        }
        i -= 1;
    }
}

fn str_arg<'a>(vm: &Vm, o: &'a Obj, what: &str) -> PyResult<&'a StrData> {
    data(o).ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", o.class().name())))
}

fn join(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [it] = crate::args::exact::<1>(vm, "join", args, kwnames)?;
    let items = vm.to_vec(&it)?;
    let sep = sd(o);
    let mut b = crate::objects::str::Builder::new();
    for (i, x) in items.iter().enumerate() {
        let Some(_) = data(x) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                x.class().name()
            )));
        };
        if i > 0 {
            b.push_data(sep);
        }
        b.push_obj(x);
    }
    Ok(b.finish(vm))
}

fn is_py_space(c: u32) -> bool {
    taipan_format::is_space(c)
}

fn split_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, right: bool) -> PyResult<Obj> {
    let name = if right { "rsplit" } else { "split" };
    let a = crate::args::parse(vm, name, args, kwnames, &["sep", "maxsplit"], 0)?;
    let s = sd(o);
    let maxsplit = match &a[1] {
        Some(m) => vm.index_to_isize(m)?,
        None => -1,
    };
    let max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let cps = s.to_code_points();
    let mut parts: Vec<Vec<u32>> = Vec::new();
    match a[0].as_ref().filter(|x| !vm.is_none(x)) {
        None => {
            // Whitespace splitting.
            if !right {
                let mut i = 0;
                let n = cps.len();
                while parts.len() < max {
                    while i < n && is_py_space(cps[i]) {
                        i += 1;
                    }
                    if i >= n {
                        break;
                    }
                    let st = i;
                    while i < n && !is_py_space(cps[i]) {
                        i += 1;
                    }
                    parts.push(cps[st..i].to_vec());
                }
                while i < cps.len() && is_py_space(cps[i]) {
                    i += 1;
                }
                if i < cps.len() {
                    parts.push(cps[i..].to_vec());
                }
            } else {
                let mut i = cps.len();
                while parts.len() < max {
                    while i > 0 && is_py_space(cps[i - 1]) {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    let en = i;
                    while i > 0 && !is_py_space(cps[i - 1]) {
                        i -= 1;
                    }
                    parts.push(cps[i..en].to_vec());
                }
                while i > 0 && is_py_space(cps[i - 1]) {
                    i -= 1;
                }
                if i > 0 {
                    parts.push(cps[..i].to_vec());
                }
                parts.reverse();
            }
        }
        Some(sep) => {
            let sepd = str_arg(vm, sep, "must be str or None").map_err(|_| {
                vm.type_error(format!("must be str or None, not {}", sep.class().name()))
            })?;
            if sepd.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let sepv = sepd.to_code_points();
            let m = sepv.len();
            if !right {
                let mut st = 0;
                let mut i = 0;
                while i + m <= cps.len() && parts.len() < max {
                    if cps[i..i + m] == sepv[..] {
                        parts.push(cps[st..i].to_vec());
                        i += m;
                        st = i;
                    } else {
                        i += 1;
                    }
                }
                parts.push(cps[st..].to_vec());
            } else {
                let mut en = cps.len();
                let mut i = cps.len();
                while i >= m && parts.len() < max {
                    if cps[i - m..i] == sepv[..] {
                        parts.push(cps[i..en].to_vec());
                        i -= m;
                        en = i;
                    } else {
                        i -= 1;
                    }
                }
                parts.push(cps[..en].to_vec());
                parts.reverse();
            }
        }
    }
    let items = parts.into_iter().map(|p| vm.new_str_from_code_points(&p)).collect();
    Ok(vm.new_list(items))
}

fn strip_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, left: bool, right: bool, name: &str) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 0, 1)?;
    let s = sd(o);
    let chars: Option<Vec<u32>> = match args.first().filter(|x| !vm.is_none(x)) {
        None => None,
        Some(c) => Some(
            data(c)
                .ok_or_else(|| vm.type_error(format!("{name} arg must be None or str")))?
                .to_code_points(),
        ),
    };
    let strip_it = |c: u32| match &chars {
        None => is_py_space(c),
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
    if st == 0 && en == n && o.type_is(&vm.ctx.types.str) {
        return Ok(o.clone());
    }
    Ok(vm.new_str_data(s.substring(st, en)))
}

fn replace(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "replace", kwnames)?;
    crate::args::check_positional(vm, "replace", args.len(), 2, 3)?;
    let s = sd(o);
    let old = data(&args[0]).ok_or_else(|| {
        vm.type_error(format!("replace() argument 1 must be str, not {}", args[0].class().name()))
    })?;
    let new = data(&args[1]).ok_or_else(|| {
        vm.type_error(format!("replace() argument 2 must be str, not {}", args[1].class().name()))
    })?;
    let count = match args.get(2) {
        Some(c) => vm.index_to_isize(c)?,
        None => -1,
    };
    if let (Some(a), Some(b), Some(c)) = (s.as_str(), old.as_str(), new.as_str()) {
        let r = if count < 0 { a.replace(b, c) } else { a.replacen(b, c, count as usize) };
        return Ok(vm.new_str_from_string(r));
    }
    let cps = s.to_code_points();
    let oldv = old.to_code_points();
    let newv = new.to_code_points();
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    let mut done = 0isize;
    if oldv.is_empty() {
        for c in cps.iter() {
            if count < 0 || done < count {
                out.extend_from_slice(&newv);
                done += 1;
            }
            out.push(*c);
        }
        if count < 0 || done < count {
            out.extend_from_slice(&newv);
        }
        return Ok(vm.new_str_from_code_points(&out));
    }
    while i < cps.len() {
        if (count < 0 || done < count) && cps[i..].starts_with(&oldv) {
            out.extend_from_slice(&newv);
            i += oldv.len();
            done += 1;
        } else {
            out.push(cps[i]);
            i += 1;
        }
    }
    Ok(vm.new_str_from_code_points(&out))
}

fn affix(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, suffix: bool) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 1, 3)?;
    let s = sd(o);
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], s.len())?;
    let test = |p: &StrData| -> bool {
        if start > s.len() || start > end {
            return false;
        }
        let end = end.min(s.len());
        let n = p.len();
        if end - start < n {
            return false;
        }
        let off = if suffix { end - n } else { start };
        (0..n).all(|j| s.char_at(off + j) == p.char_at(j))
    };
    if let Some(t) = args[0].payload::<tuple::TupleData>() {
        for p in t.items() {
            let pd = data(p).ok_or_else(|| {
                vm.type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    p.class().name()
                ))
            })?;
            if test(pd) {
                return Ok(vm.bool_obj(true));
            }
        }
        return Ok(vm.bool_obj(false));
    }
    let Some(p) = data(&args[0]) else {
        return Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            args[0].class().name()
        )));
    };
    Ok(vm.bool_obj(test(p)))
}

fn find_impl(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, name: &str, right: bool, raise: bool) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, name, kwnames)?;
    crate::args::check_positional(vm, name, args.len(), 1, 3)?;
    let s = sd(o);
    let needle = data(&args[0]).ok_or_else(|| {
        vm.type_error(format!("must be str, not {}", args[0].class().name()))
    })?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], s.len())?;
    let r = if right { rfind(s, needle, start, end) } else { find(s, needle, start, end) };
    match r {
        Some(i) => Ok(vm.new_usize(i)),
        None if raise => Err(vm.value_error("substring not found")),
        None => Ok(vm.new_int(-1)),
    }
}

fn count(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "count", kwnames)?;
    crate::args::check_positional(vm, "count", args.len(), 1, 3)?;
    let s = sd(o);
    let needle = data(&args[0]).ok_or_else(|| {
        vm.type_error(format!("must be str, not {}", args[0].class().name()))
    })?;
    let (start, end) = crate::args::slice_bounds(vm, &args[1..], s.len())?;
    let end = end.min(s.len());
    if start > end {
        return Ok(vm.new_int(0));
    }
    if needle.is_empty() {
        return Ok(vm.new_usize(end - start + 1));
    }
    let mut n = 0;
    let mut i = start;
    while let Some(p) = find(s, needle, i, end) {
        n += 1;
        i = p + needle.len();
    }
    Ok(vm.new_usize(n))
}

fn map_chars(vm: &Vm, o: &Obj, f: impl Fn(char) -> Vec<char>) -> Obj {
    let s = sd(o);
    let mut out: Vec<u32> = Vec::with_capacity(s.len());
    for c in s.code_points() {
        match char::from_u32(c) {
            Some(ch) => out.extend(f(ch).into_iter().map(|x| x as u32)),
            None => out.push(c),
        }
    }
    vm.new_str_from_code_points(&out)
}

fn pred(vm: &Vm, o: &Obj, f: impl Fn(char) -> bool) -> Obj {
    let s = sd(o);
    if s.is_empty() {
        return vm.bool_obj(false);
    }
    vm.bool_obj(s.code_points().all(|c| char::from_u32(c).is_some_and(&f)))
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
    let v = crate::codecs::encode_to_vec(vm, o, a[0].as_ref(), a[1].as_ref())?;
    Ok(vm.new_bytes(v))
}

#[allow(dead_code)]
fn unused(_: &list::ListData) {}
