//! The decoding half of `_json`: `scanstring` and the scanner type
//! (CPython's `scanstring_unicode`, `scan_once_unicode`,
//! `_parse_object_unicode`, `_parse_array_unicode`, `_match_number_unicode`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use taipan_vm::api::str::StrRepr;
use taipan_vm::api::types::{GetSetDef, Slots, TypeSpec};
use taipan_vm::api::{args, dict, list, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::{decode_error, not_a_string, SCANNER};
use crate::support::{clear_cells, ssize_arg, visit_cells};

/// A code unit of a str's storage (CPython's `PyUnicode_READ` by kind).
pub(crate) trait Unit: Copy {
    fn cp(self) -> u32;

    /// A str of these units (the narrowest representation that holds them).
    fn make_str(vm: &Vm, units: &[Self]) -> Obj {
        if units.iter().all(|u| u.cp() < 0x80) {
            let s: String = units.iter().map(|u| u.cp() as u8 as char).collect();
            return vm.new_str_from_string(s);
        }
        let cps: Vec<u32> = units.iter().map(|u| u.cp()).collect();
        vm.new_str_from_code_points(&cps)
    }
}

impl Unit for u8 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }

    fn make_str(vm: &Vm, units: &[u8]) -> Obj {
        match std::str::from_utf8(units) {
            Ok(s) if s.is_ascii() => vm.new_str(s),
            _ => {
                let cps: Vec<u32> = units.iter().map(|&u| u as u32).collect();
                vm.new_str_from_code_points(&cps)
            }
        }
    }
}

impl Unit for u16 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }
}

impl Unit for u32 {
    #[inline]
    fn cp(self) -> u32 {
        self
    }
}

#[inline]
fn is_whitespace(c: u32) -> bool {
    c == b' ' as u32 || c == b'\t' as u32 || c == b'\n' as u32 || c == b'\r' as u32
}

fn hex_value(c: u32) -> Option<u32> {
    char::from_u32(c)?.to_digit(16)
}

/// Run `f` over the units of the str `s`, whatever its storage.
fn with_units<R>(s: &Obj, f: impl FnOnce(Units) -> R) -> Option<R> {
    let d = pystr::data(s)?;
    Some(match d.repr() {
        StrRepr::Ascii(t) => f(Units::U8(t.as_bytes())),
        StrRepr::Latin1(b) => f(Units::U8(b)),
        StrRepr::Ucs2(b) => f(Units::U16(b)),
        StrRepr::Ucs4(b) => f(Units::U32(b)),
    })
}

enum Units<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
}

/// CPython's `scanstring_unicode`: the JSON string whose opening quote is
/// at `end - 1`; the decoded str and the index after the closing quote.
fn scan_string<T: Unit>(vm: &Vm, pystr: &Obj, buf: &[T], end: isize, strict: bool) -> PyResult<(Obj, usize)> {
    let (text, next) = scan_text(vm, pystr, buf, end, strict)?;
    let s = match text {
        Text::Plain(units) => T::make_str(vm, units),
        Text::Decoded(cps) => vm.new_str_from_code_points(&cps),
    };
    Ok((s, next))
}

/// A JSON string's text: a slice of the input when it has no escapes.
enum Text<'a, T> {
    Plain(&'a [T]),
    Decoded(Vec<u32>),
}

/// `scan_string` without making the str.
fn scan_text<'a, T: Unit>(
    vm: &Vm,
    pystr: &Obj,
    buf: &'a [T],
    end: isize,
    strict: bool,
) -> PyResult<(Text<'a, T>, usize)> {
    let len = buf.len();
    if end < 0 || end as usize > len {
        return Err(vm.value_error("end is out of bounds"));
    }
    let mut end = end as usize;
    let begin = end as i64 - 1;
    let mut chunks: Option<Vec<u32>> = None;
    loop {
        // Find the end of the string or the next escape.
        let mut next = end;
        let mut c = 0u32;
        while next < len {
            c = buf[next].cp();
            if c == b'"' as u32 || c == b'\\' as u32 {
                break;
            }
            if c <= 0x1f && strict {
                return Err(decode_error(vm, "Invalid control character at", pystr, next as i64));
            }
            next += 1;
        }
        if next == len {
            c = 0;
        }
        if c == b'"' as u32 && chunks.is_none() {
            return Ok((Text::Plain(&buf[end..next]), next + 1));
        }
        if c != b'"' as u32 && c != b'\\' as u32 {
            return Err(decode_error(vm, "Unterminated string starting at", pystr, begin));
        }
        let out = chunks.get_or_insert_with(Vec::new);
        out.extend(buf[end..next].iter().map(|u| u.cp()));
        next += 1;
        if c == b'"' as u32 {
            end = next;
            break;
        }
        if next == len {
            return Err(decode_error(vm, "Unterminated string starting at", pystr, begin));
        }
        let c = buf[next].cp();
        let decoded = if c != b'u' as u32 {
            end = next + 1;
            let simple = match char::from_u32(c) {
                Some('"') => Some(b'"'),
                Some('\\') => Some(b'\\'),
                Some('/') => Some(b'/'),
                Some('b') => Some(8),
                Some('f') => Some(12),
                Some('n') => Some(b'\n'),
                Some('r') => Some(b'\r'),
                Some('t') => Some(b'\t'),
                _ => None,
            };
            match simple {
                Some(b) => b as u32,
                None => return Err(decode_error(vm, "Invalid \\escape", pystr, (end - 2) as i64)),
            }
        } else {
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", pystr, (next - 1) as i64));
            }
            let Some(mut c) = hex4(&buf[next..end]) else {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", pystr, (end - 5) as i64));
            };
            // A high surrogate followed by an escaped low one is one character.
            if (0xd800..0xdc00).contains(&c)
                && end + 6 < len
                && buf[end].cp() == b'\\' as u32
                && buf[end + 1].cp() == b'u' as u32
            {
                let Some(c2) = hex4(&buf[end + 2..end + 6]) else {
                    return Err(decode_error(vm, "Invalid \\uXXXX escape", pystr, (end + 1) as i64));
                };
                if (0xdc00..0xe000).contains(&c2) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                    end += 6;
                }
            }
            c
        };
        out.push(decoded);
    }
    Ok((Text::Decoded(chunks.unwrap_or_default()), end))
}

fn hex4<T: Unit>(digits: &[T]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, d| Some((acc << 4) | hex_value(d.cp())?))
}

/// `scanstring(string, end, strict=True) -> (string, end)`.
pub(crate) fn py_scanstring(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, "scanstring", k)?;
    if a.len() < 2 || a.len() > 3 {
        let msg = if a.len() < 2 {
            format!("scanstring() takes at least 2 arguments ({} given)", a.len())
        } else {
            format!("scanstring() takes at most 3 arguments ({} given)", a.len())
        };
        return Err(vm.type_error(msg));
    }
    let end = ssize_arg(vm, &a[1])?;
    let strict = match a.get(2) {
        Some(o) => vm.is_true(o)?,
        None => true,
    };
    let s = &a[0];
    let r = with_units(s, |u| match u {
        Units::U8(b) => scan_string(vm, s, b, end, strict),
        Units::U16(b) => scan_string(vm, s, b, end, strict),
        Units::U32(b) => scan_string(vm, s, b, end, strict),
    });
    let (text, next) = r.ok_or_else(|| not_a_string(vm, s))??;
    Ok(vm.new_tuple(vec![text, vm.new_usize(next)]))
}

// ---- the scanner type --------------------------------------------------------------------------

/// The scanner (CPython's `PyScannerObject`): the decoder's settings, read
/// off the context object once when the scanner is made.
struct Scanner {
    strict: bool,
    object_hook: ObjCell,
    object_pairs_hook: ObjCell,
    parse_float: ObjCell,
    parse_int: ObjCell,
    parse_constant: ObjCell,
}

impl Scanner {
    fn cells(&self) -> [&ObjCell; 5] {
        [&self.object_hook, &self.object_pairs_hook, &self.parse_float, &self.parse_int, &self.parse_constant]
    }
}

impl PyPayload for Scanner {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&self.cells(), visit);
    }

    fn clear(&self) {
        clear_cells(&self.cells());
    }
}

fn scanner_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Scanner> {
    taipan_vm::api::types::payload_or_err::<Scanner>(vm, o, SCANNER)
}

fn cell_value(vm: &Vm, c: &ObjCell) -> Obj {
    c.get().unwrap_or_else(|| vm.none())
}

fn scanner_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "make_scanner", a, k, &["context"], 1)?;
    let ctx = p[0].clone().unwrap_or_else(|| vm.none());
    let strict = vm.getattr_str(&ctx, "strict")?;
    let strict = vm.is_true(&strict)?;
    let mut hooks = Vec::with_capacity(5);
    for name in ["object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"] {
        hooks.push(ObjCell::some(vm.getattr_str(&ctx, name)?));
    }
    let mut it = hooks.into_iter();
    let mut next = || it.next().unwrap_or_default();
    let s = Scanner {
        strict,
        object_hook: next(),
        object_pairs_hook: next(),
        parse_float: next(),
        parse_int: next(),
        parse_constant: next(),
    };
    crate::support::alloc(vm, cls, SCANNER, s)
}

/// `scanner(string, idx) -> (value, end)`; StopIteration(idx) when no
/// JSON value starts at idx.
fn scanner_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    vm.with_recursion(super::TP_CALL_WHERE, || scan_once_call(vm, o, a, k))
}

fn scan_once_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "scan_once", a, k, &["string", "idx"], 2)?;
    let (Some(s), Some(idx)) = (&p[0], &p[1]) else { return Err(vm.type_error("scan_once() missing arguments")) };
    let idx = ssize_arg(vm, idx)?;
    if pystr::data(s).is_none() {
        return Err(not_a_string(vm, s));
    }
    let sc = scanner_of(vm, o)?;
    let ctx = Ctx::of(vm, sc);
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let memo = RefCell::new(Memo::default());
    let r = with_units(s, |u| match u {
        Units::U8(b) => Parser { vm, ctx: &ctx, s, buf: b, memo: &memo }.scan_once(idx as usize),
        Units::U16(b) => Parser { vm, ctx: &ctx, s, buf: b, memo: &memo }.scan_once(idx as usize),
        Units::U32(b) => Parser { vm, ctx: &ctx, s, buf: b, memo: &memo }.scan_once(idx as usize),
    });
    let (value, end) = r.ok_or_else(|| not_a_string(vm, s))??;
    Ok(vm.new_tuple(vec![value, vm.new_usize(end)]))
}

/// CPython's memo: the object keys of one call, by their code points
/// (`scratch` holds a plain key's code points for the lookup).
#[derive(Default)]
struct Memo {
    keys: HashMap<Box<[u32]>, Obj, BuildHasherDefault<KeyHasher>>,
    scratch: Vec<u32>,
}

/// A multiplicative hash for the memo's short keys (SipHash's resistance
/// to chosen collisions is not needed for a map that lives one call and
/// whose lookups stay correct whatever the collisions).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

/// The scanner's settings for one call (owned, so a hook that changes
/// nothing here cannot pull them away mid-parse).
struct Ctx {
    strict: bool,
    object_hook: Option<Obj>,
    object_pairs_hook: Option<Obj>,
    /// None when it is `float` itself (the native conversion is used).
    parse_float: Option<Obj>,
    /// None when it is `int` itself.
    parse_int: Option<Obj>,
    parse_constant: Obj,
}

impl Ctx {
    fn of(vm: &Vm, s: &Scanner) -> Ctx {
        let not_none = |c: &ObjCell| c.get().filter(|o| !vm.is_none(o));
        let unless = |c: &ObjCell, ty: &Obj| {
            let v = cell_value(vm, c);
            (!v.is(ty)).then_some(v)
        };
        Ctx {
            strict: s.strict,
            object_hook: not_none(&s.object_hook),
            object_pairs_hook: not_none(&s.object_pairs_hook),
            parse_float: unless(&s.parse_float, &vm.ctx.types.float),
            parse_int: unless(&s.parse_int, &vm.ctx.types.int),
            parse_constant: cell_value(vm, &s.parse_constant),
        }
    }
}

struct Parser<'a, T: Unit> {
    vm: &'a Vm,
    ctx: &'a Ctx,
    /// The str being decoded (for errors and the hooks' substrings).
    s: &'a Obj,
    buf: &'a [T],
    /// Keys seen in this call, so equal keys share one str.
    memo: &'a RefCell<Memo>,
}

impl<T: Unit> Parser<'_, T> {
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self.buf[i].cp()
    }

    #[inline]
    fn is(&self, i: usize, c: u8) -> bool {
        i < self.buf.len() && self.buf[i].cp() == c as u32
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.buf.len() && is_whitespace(self.at(i)) {
            i += 1;
        }
        i
    }

    fn error(&self, msg: &str, pos: usize) -> taipan_vm::api::PyErr {
        decode_error(self.vm, msg, self.s, pos as i64)
    }

    fn matches(&self, i: usize, word: &str) -> bool {
        i + word.len() <= self.buf.len() && word.bytes().enumerate().all(|(j, b)| self.at(i + j) == b as u32)
    }

    /// CPython's `scan_once_unicode`.
    fn scan_once(&self, idx: usize) -> PyResult<(Obj, usize)> {
        let vm = self.vm;
        if idx >= self.buf.len() {
            return Err(vm.stop_iteration(Some(vm.new_usize(idx))));
        }
        match char::from_u32(self.at(idx)) {
            Some('"') => return scan_string(vm, self.s, self.buf, idx as isize + 1, self.ctx.strict),
            Some('{') => {
                return vm.with_recursion(" while decoding a JSON object from a unicode string", || {
                    self.parse_object(idx + 1)
                })
            }
            Some('[') => {
                return vm
                    .with_recursion(" while decoding a JSON array from a unicode string", || self.parse_array(idx + 1))
            }
            Some('n') if self.matches(idx, "null") => return Ok((vm.none(), idx + 4)),
            Some('t') if self.matches(idx, "true") => return Ok((vm.bool_obj(true), idx + 4)),
            Some('f') if self.matches(idx, "false") => return Ok((vm.bool_obj(false), idx + 5)),
            Some('N') if self.matches(idx, "NaN") => return self.constant("NaN", idx),
            Some('I') if self.matches(idx, "Infinity") => return self.constant("Infinity", idx),
            Some('-') if self.matches(idx, "-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.match_number(idx)
    }

    /// The str of an object key: one object per distinct key in a call
    /// (CPython's memo dict), found without making a str for a repeat.
    fn memo_key(&self, text: Text<'_, T>) -> Obj {
        let mut memo = self.memo.borrow_mut();
        let Memo { keys, scratch } = &mut *memo;
        scratch.clear();
        let cps: &[u32] = match &text {
            Text::Plain(units) => {
                scratch.extend(units.iter().map(|u| u.cp()));
                scratch
            }
            Text::Decoded(cps) => cps,
        };
        if let Some(k) = keys.get(cps) {
            return k.clone();
        }
        let key = match &text {
            Text::Plain(units) => T::make_str(self.vm, units),
            Text::Decoded(cps) => self.vm.new_str_from_code_points(cps),
        };
        keys.insert(cps.into(), key.clone());
        key
    }

    fn constant(&self, name: &str, idx: usize) -> PyResult<(Obj, usize)> {
        let v = self.vm.call1(&self.ctx.parse_constant, self.vm.intern(name))?;
        Ok((v, idx + name.len()))
    }

    /// CPython's `_parse_object_unicode`: `idx` is after the `{`.
    fn parse_object(&self, idx: usize) -> PyResult<(Obj, usize)> {
        let vm = self.vm;
        let pairs_hook = self.ctx.object_pairs_hook.is_some();
        let mut pairs: Vec<Obj> = Vec::new();
        let d = if pairs_hook { None } else { Some(vm.new_dict()) };
        let mut idx = self.skip_ws(idx);
        if !self.is(idx, b'}') {
            loop {
                if !self.is(idx, b'"') {
                    return Err(self.error("Expecting property name enclosed in double quotes", idx));
                }
                let (text, next) = scan_text(vm, self.s, self.buf, idx as isize + 1, self.ctx.strict)?;
                let key = self.memo_key(text);
                idx = self.skip_ws(next);
                if !self.is(idx, b':') {
                    return Err(self.error("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.scan_once(idx)?;
                match &d {
                    Some(d) => dict::set_item(vm, d, key, val)?,
                    None => pairs.push(vm.new_tuple(vec![key, val])),
                }
                idx = self.skip_ws(next);
                if self.is(idx, b'}') {
                    break;
                }
                if !self.is(idx, b',') {
                    return Err(self.error("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let end = idx + 1;
        if let Some(hook) = &self.ctx.object_pairs_hook {
            return Ok((vm.call1(hook, vm.new_list(pairs))?, end));
        }
        let d = d.unwrap_or_else(|| vm.new_dict());
        match &self.ctx.object_hook {
            Some(hook) => Ok((vm.call1(hook, d)?, end)),
            None => Ok((d, end)),
        }
    }

    /// CPython's `_parse_array_unicode`: `idx` is after the `[`.
    fn parse_array(&self, idx: usize) -> PyResult<(Obj, usize)> {
        let vm = self.vm;
        let out = vm.new_list(Vec::new());
        let mut idx = self.skip_ws(idx);
        if !self.is(idx, b']') {
            loop {
                let (val, next) = self.scan_once(idx)?;
                list::append(vm, &out, val)?;
                idx = self.skip_ws(next);
                if self.is(idx, b']') {
                    break;
                }
                if !self.is(idx, b',') {
                    return Err(self.error("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((out, idx + 1))
    }

    fn is_digit(&self, i: usize) -> bool {
        i < self.buf.len() && (b'0' as u32..=b'9' as u32).contains(&self.at(i))
    }

    /// CPython's `_match_number_unicode`: `start` is in range.
    fn match_number(&self, start: usize) -> PyResult<(Obj, usize)> {
        let vm = self.vm;
        let len = self.buf.len();
        let stop = || vm.stop_iteration(Some(vm.new_usize(start)));
        let mut idx = start;
        if self.at(idx) == b'-' as u32 {
            idx += 1;
            if idx >= len {
                return Err(stop());
            }
        }
        let first = self.at(idx);
        if (b'1' as u32..=b'9' as u32).contains(&first) {
            idx += 1;
            while self.is_digit(idx) {
                idx += 1;
            }
        } else if first == b'0' as u32 {
            idx += 1;
        } else {
            return Err(stop());
        }
        let mut is_float = false;
        if idx + 1 < len && self.at(idx) == b'.' as u32 && self.is_digit(idx + 1) {
            is_float = true;
            idx += 2;
            while self.is_digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < len && (self.at(idx) == b'e' as u32 || self.at(idx) == b'E' as u32) {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && (self.at(idx) == b'-' as u32 || self.at(idx) == b'+' as u32) {
                idx += 1;
            }
            while self.is_digit(idx) {
                idx += 1;
            }
            if self.is_digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let custom = if is_float { &self.ctx.parse_float } else { &self.ctx.parse_int };
        if let Some(f) = custom {
            let text = T::make_str(vm, &self.buf[start..idx]);
            return Ok((vm.call1(f, text)?, idx));
        }
        // The number's characters are ASCII digits, signs, '.', 'e' and 'E'.
        let text: String = self.buf[start..idx].iter().map(|u| u.cp() as u8 as char).collect();
        let value = if is_float {
            match text.parse::<f64>() {
                Ok(x) => vm.new_float(x),
                Err(_) => vm.call1(&vm.ctx.types.float, vm.new_str(&text))?,
            }
        } else {
            match text.parse::<i64>() {
                Ok(v) if text.len() <= 18 => vm.new_int(v),
                // Long digit strings go through int() for its digit limit.
                _ => vm.call1(&vm.ctx.types.int, vm.new_str(&text))?,
            }
        };
        Ok((value, idx))
    }
}

const SCANNER_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("strict", |vm, o| Ok(vm.bool_obj(scanner_of(vm, o)?.strict)), None),
    GetSetDef::new("object_hook", |vm, o| Ok(cell_value(vm, &scanner_of(vm, o)?.object_hook)), None),
    GetSetDef::new("object_pairs_hook", |vm, o| Ok(cell_value(vm, &scanner_of(vm, o)?.object_pairs_hook)), None),
    GetSetDef::new("parse_float", |vm, o| Ok(cell_value(vm, &scanner_of(vm, o)?.parse_float)), None),
    GetSetDef::new("parse_int", |vm, o| Ok(cell_value(vm, &scanner_of(vm, o)?.parse_int)), None),
    GetSetDef::new("parse_constant", |vm, o| Ok(cell_value(vm, &scanner_of(vm, o)?.parse_constant)), None),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: SCANNER,
        gc: true,
        getsets: SCANNER_GETSETS,
        doc: Some("JSON scanner object"),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<Scanner>(vm, &spec, |s: &Slots| {
        s.new.set(Some(scanner_new));
        s.call.set(Some(scanner_call));
    })
}
