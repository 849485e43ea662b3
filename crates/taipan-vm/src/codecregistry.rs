//! The codec registry (CPython's `Python/codecs.c`): search functions, the
//! cache of what they found, `codecs.encode`/`decode` through a codec's
//! functions, and the error handler registry with the standard handlers
//! (`strict_errors`, `ignore_errors`, ... as Python-callable functions).
//!
//! The registry lives in the interpreter. `encodings` is imported on the
//! first lookup (CPython imports it at start-up; the effect is the same).

use std::cell::{Cell, RefCell};
use std::fmt::Write;

use crate::object::Obj;
use crate::objects::descriptor::MethodDef;
use crate::objects::{dict, exceptions, str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};

/// The registry's state in the interpreter.
#[derive(Default)]
pub struct CodecState {
    search_path: RefCell<Vec<Obj>>,
    cache: RefCell<Option<Obj>>,
    errors: RefCell<Option<Obj>>,
    encodings_imported: Cell<bool>,
}

impl CodecState {
    /// Drop everything the registry holds (interpreter teardown).
    pub(crate) fn clear(&self) {
        let path = std::mem::take(&mut *self.search_path.borrow_mut());
        let cache = self.cache.borrow_mut().take();
        let errors = self.errors.borrow_mut().take();
        drop((path, cache, errors));
    }
}

/// `_Py_normalize_encoding`: ASCII letters lowered, digits and `.` kept,
/// any run of other bytes one `_` (none at the start).
pub(crate) fn normalize_name(name: &str) -> String {
    let mut norm = String::with_capacity(name.len());
    let mut punct = false;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            norm.push(b.to_ascii_lowercase() as char);
            punct = false;
        } else {
            punct = true;
        }
    }
    norm
}

/// `codecs.register(search_function)`.
pub fn register(vm: &Vm, f: &Obj) -> PyResult<()> {
    if !vm.is_callable(f) {
        return Err(vm.type_error("argument must be callable"));
    }
    vm.codecs.search_path.borrow_mut().push(f.clone());
    Ok(())
}

/// `codecs.unregister(search_function)`: the cache is cleared too.
pub fn unregister(vm: &Vm, f: &Obj) {
    let mut path = vm.codecs.search_path.borrow_mut();
    if let Some(i) = path.iter().position(|g| g.is(f)) {
        let old = path.remove(i);
        drop(path);
        let cache = vm.codecs.cache.borrow_mut().take();
        drop((old, cache));
    }
}

fn cache(vm: &Vm) -> Obj {
    let mut c = vm.codecs.cache.borrow_mut();
    c.get_or_insert_with(|| vm.new_dict()).clone()
}

fn import_encodings(vm: &Vm) -> PyResult<()> {
    if vm.codecs.encodings_imported.replace(true) {
        return Ok(());
    }
    crate::import::import_module(vm, "encodings").map(drop)
}

/// `codecs.lookup(encoding)`: the CodecInfo (a 4-tuple or more) the
/// search functions give for the normalised name, cached.
pub fn lookup(vm: &Vm, encoding: &str) -> PyResult<Obj> {
    import_encodings(vm)?;
    let key = vm.new_str(&normalize_name(encoding));
    let cache = cache(vm);
    if let Some(found) = dict::get_item_opt(vm, &cache, &key)? {
        return Ok(found);
    }
    let path: Vec<Obj> = vm.codecs.search_path.borrow().clone();
    if path.is_empty() {
        return Err(vm.lookup_error("no codec search functions registered: can't find encoding"));
    }
    for f in &path {
        let result = vm.call1(f, key.clone())?;
        if vm.is_none(&result) {
            continue;
        }
        if !vm.isinstance_type(&result, &vm.ctx.types.tuple) || tuple::len(&result) != 4 {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        dict::set_item(vm, &cache, key, result.clone())?;
        return Ok(result);
    }
    Err(vm.lookup_error(format!("unknown encoding: {encoding}")))
}

/// `codecs._forget_codec(encoding)`.
pub fn forget_codec(vm: &Vm, encoding: &str) -> PyResult<()> {
    let key = vm.new_str(&normalize_name(encoding));
    let cache = cache(vm);
    if dict::get_item_opt(vm, &cache, &key)?.is_some() {
        dict::del_item(vm, &cache, &key)?;
    }
    Ok(())
}

/// Is the CodecInfo a text encoding (`_is_text_encoding` not false)?
pub(crate) fn is_text_encoding(vm: &Vm, info: &Obj) -> PyResult<bool> {
    match vm.getattr_str_opt(info, "_is_text_encoding")? {
        Some(v) => vm.is_true(&v),
        None => Ok(true),
    }
}

/// Call the codec function `which` (0: encoder, 1: decoder) of `info` on
/// `obj`; the result must be a 2-tuple, whose first item is returned.
pub(crate) fn call_codec(vm: &Vm, info: &Obj, which: usize, obj: &Obj, errors: Option<&str>) -> PyResult<Obj> {
    let f = vm.getitem(info, &vm.new_int(which as i64))?;
    let mut args = vec![obj.clone()];
    if let Some(e) = errors {
        args.push(vm.new_str(e));
    }
    let result = vm.call(&f, &args, None)?;
    if !vm.isinstance_type(&result, &vm.ctx.types.tuple) || tuple::len(&result) != 2 {
        let what = if which == 0 { "encoder" } else { "decoder" };
        return Err(vm.type_error(format!("{what} must return a tuple (object, integer)")));
    }
    Ok(tuple::items(&result)[0].clone())
}

/// A TypeError or ValueError-like failure of a codec reached by name comes
/// out wrapped with the codec's name, its original as `__cause__`
/// (`_PyErr_TrySetFromCause`, for exceptions whose type takes one message).
pub(crate) fn wrap_error(vm: &Vm, err: PyErr, verb: &str, encoding: &str) -> PyErr {
    let ty = err.value().class_obj();
    let ex = &vm.ctx.exceptions;
    // Types with fields of their own (a bigger instance, in CPython) are
    // left alone, as are exceptions with attributes set on them.
    const FIELDED: &[&str] = &[
        "UnicodeError",
        "OSError",
        "SyntaxError",
        "ImportError",
        "StopIteration",
        "SystemExit",
        "NameError",
        "AttributeError",
        "BaseExceptionGroup",
    ];
    let fielded = FIELDED.iter().any(|n| ex.by_name.get(n).is_some_and(|t| vm.is_subtype(&ty, t)));
    let has_dict = vm.object_dict(err.value()).is_some_and(|d| dict::len(&d) > 0);
    if fielded || has_dict || !vm.is_subtype(&ty, &ex.exception) || !single_str_arg(err.value()) {
        return err;
    }
    let orig = err.into_value();
    let text = match vm.str(&orig) {
        Ok(t) => pystr::as_str_lossy(&t).into_owned(),
        Err(e) => return e,
    };
    let msg = format!("{verb} with '{encoding}' codec failed ({}: {text})", orig.class().name());
    let wrapped = vm.new_exception_msg(&ty, &msg);
    exceptions::set_cause(wrapped.value(), Some(orig));
    wrapped
}

/// Can the exception's args be folded into one message: none, or one str
/// (CPython leaves several args, or one non-str, unwrapped)?
fn single_str_arg(exc: &Obj) -> bool {
    let args = exceptions::args_of(exc);
    match tuple::items(&args) {
        [] => true,
        [one] => pystr::data(one).is_some(),
        _ => false,
    }
}

/// `codecs.encode(obj, encoding, errors)`.
pub fn encode(vm: &Vm, obj: &Obj, encoding: &str, errors: Option<&str>) -> PyResult<Obj> {
    let info = lookup(vm, encoding)?;
    call_codec(vm, &info, 0, obj, errors).map_err(|e| wrap_error(vm, e, "encoding", encoding))
}

/// `codecs.decode(obj, encoding, errors)`.
pub fn decode(vm: &Vm, obj: &Obj, encoding: &str, errors: Option<&str>) -> PyResult<Obj> {
    let info = lookup(vm, encoding)?;
    call_codec(vm, &info, 1, obj, errors).map_err(|e| wrap_error(vm, e, "decoding", encoding))
}

// ---------------------------------------------------------------------------
// Error handlers
// ---------------------------------------------------------------------------

const HANDLERS: &[(&str, MethodDef)] = &[
    ("strict", MethodDef::static_("strict_errors", strict_errors)),
    ("ignore", MethodDef::static_("ignore_errors", ignore_errors)),
    ("replace", MethodDef::static_("replace_errors", replace_errors)),
    ("xmlcharrefreplace", MethodDef::static_("xmlcharrefreplace_errors", xmlcharrefreplace_errors)),
    ("backslashreplace", MethodDef::static_("backslashreplace_errors", backslashreplace_errors)),
    ("namereplace", MethodDef::static_("namereplace_errors", namereplace_errors)),
    ("surrogateescape", MethodDef::static_("surrogateescape", surrogateescape_errors)),
    ("surrogatepass", MethodDef::static_("surrogatepass", surrogatepass_errors)),
];

fn error_registry(vm: &Vm) -> Obj {
    if let Some(d) = vm.codecs.errors.borrow().as_ref() {
        return d.clone();
    }
    let d = vm.new_dict();
    for (name, def) in HANDLERS {
        let f = crate::objects::builtin_func::new_method_function(vm, def, None);
        let _ = dict::set_item_str(vm, &d, name, f);
    }
    *vm.codecs.errors.borrow_mut() = Some(d.clone());
    d
}

/// `codecs.register_error(name, handler)`.
pub fn register_error(vm: &Vm, name: &str, handler: &Obj) -> PyResult<()> {
    if !vm.is_callable(handler) {
        return Err(vm.type_error("handler must be callable"));
    }
    dict::set_item_str(vm, &error_registry(vm), name, handler.clone())
}

/// `codecs.lookup_error(name)`.
pub fn lookup_error(vm: &Vm, name: &str) -> PyResult<Obj> {
    match dict::get_item_str(vm, &error_registry(vm), name) {
        Some(h) => Ok(h),
        None => Err(vm.lookup_error(format!("unknown error handler name '{name}'"))),
    }
}

/// Call the error handler `name` on the UnicodeError `exc`: the
/// replacement (str, or bytes when encoding) and the position where the
/// codec resumes, already checked against `len` (negative counts from the
/// end, as CPython's `unicode_*_call_errorhandler`).
pub fn call_error_handler(vm: &Vm, name: &str, exc: &Obj, encoding: bool, len: usize) -> PyResult<(Obj, usize)> {
    let (rep, pos) = call_error_handler_raw(vm, name, exc, encoding)?;
    Ok((rep, error_handler_position(vm, pos, len)?))
}

/// Call the decode error handler `name` on the UnicodeDecodeError `exc`
/// raised on `input`: the replacement str, the position to resume at, and
/// the new input when the handler replaced the exception's `object` (the
/// position is then checked against that input, which the codec goes on
/// decoding, as CPython's `unicode_decode_call_errorhandler_writer`).
pub fn call_decode_error_handler(
    vm: &Vm,
    name: &str,
    exc: &Obj,
    input: &[u8],
) -> PyResult<(Obj, usize, Option<Vec<u8>>)> {
    let (rep, pos) = call_error_handler_raw(vm, name, exc, false)?;
    let new_input = crate::codecs::replaced_input(vm, exc, input)?;
    let len = new_input.as_ref().map_or(input.len(), Vec::len);
    Ok((rep, error_handler_position(vm, pos, len)?, new_input))
}

/// Call the handler: its replacement and the position it returned, not yet
/// checked (the handler may have replaced the exception's object, whose
/// length bounds the position).
pub(crate) fn call_error_handler_raw(vm: &Vm, name: &str, exc: &Obj, encoding: bool) -> PyResult<(Obj, isize)> {
    let handler = lookup_error(vm, name)?;
    let result = vm.call1(&handler, exc.clone())?;
    let bad = || {
        let msg = if encoding {
            "encoding error handler must return (str/bytes, int) tuple"
        } else {
            "decoding error handler must return (str, int) tuple"
        };
        vm.type_error(msg)
    };
    if !vm.isinstance_type(&result, &vm.ctx.types.tuple) || tuple::len(&result) != 2 {
        return Err(bad());
    }
    let items = tuple::items(&result);
    let (rep, pos) = (items[0].clone(), items[1].clone());
    let rep_ok = pystr::data(&rep).is_some() || (encoding && crate::objects::bytes::as_bytes_ref(&rep).is_some());
    if !rep_ok || !vm.isinstance_type(&pos, &vm.ctx.types.int) {
        return Err(bad());
    }
    Ok((rep, vm.index_to_isize(&pos)?))
}

/// A handler's position in an input of `len`: negative counts from the end.
pub(crate) fn error_handler_position(vm: &Vm, mut newpos: isize, len: usize) -> PyResult<usize> {
    if newpos < 0 {
        newpos += len as isize;
    }
    if newpos < 0 || newpos as usize > len {
        return Err(vm.index_error(format!("position {} from error handler out of bounds", newpos)));
    }
    Ok(newpos as usize)
}

// The standard handlers as Python sees them.

enum Kind {
    Encode,
    Decode,
    Translate,
}

fn kind_of(vm: &Vm, exc: &Obj) -> Option<Kind> {
    let ex = &vm.ctx.exceptions;
    if vm.isinstance_type(exc, &ex.unicode_encode_error) {
        Some(Kind::Encode)
    } else if vm.isinstance_type(exc, &ex.unicode_decode_error) {
        Some(Kind::Decode)
    } else if vm.isinstance_type(exc, &ex.by_name["UnicodeTranslateError"]) {
        Some(Kind::Translate)
    } else {
        None
    }
}

fn wrong_exception(vm: &Vm, exc: &Obj) -> PyErr {
    if !vm.isinstance_type(exc, &vm.ctx.exceptions.base_exception) {
        return vm.type_error(format!("don't know how to handle {} in error callback", exc.class().name()));
    }
    vm.type_error(format!("don't know how to handle {} in error callback", exc.class().name()))
}

fn one_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [e] = crate::args::exact::<1>(vm, name, a, k)?;
    Ok(e)
}

/// The exception's `start`, `end` (clamped as CPython's getters do) and
/// `object`.
fn span(vm: &Vm, exc: &Obj) -> PyResult<(usize, usize, Obj)> {
    let object = vm.getattr_str(exc, "object")?;
    let start = vm.getattr_str(exc, "start")?;
    let end = vm.getattr_str(exc, "end")?;
    let start = vm.index_to_isize(&start)?.max(0) as usize;
    let end = vm.index_to_isize(&end)?.max(0) as usize;
    Ok((start, end.max(start), object))
}

fn code_points_of(vm: &Vm, o: &Obj, start: usize, end: usize) -> PyResult<Vec<u32>> {
    let Some(d) = pystr::data(o) else {
        return Err(vm.type_error("object attribute must be unicode"));
    };
    // Only the span: a handler runs once per error, over an object that may be long.
    let end = end.min(d.len());
    Ok((start.min(end)..end).map(|i| d.char_at(i)).collect())
}

fn bytes_of(vm: &Vm, o: &Obj, start: usize, end: usize) -> PyResult<Vec<u8>> {
    let Some(b) = crate::objects::bytes::as_bytes(o) else {
        return Err(vm.type_error("object attribute must be bytes"));
    };
    let end = end.min(b.len());
    Ok(b[start.min(end)..end].to_vec())
}

fn result(vm: &Vm, rep: Obj, end: usize) -> PyResult<Obj> {
    Ok(vm.new_tuple(vec![rep, vm.new_usize(end)]))
}

fn strict_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "strict_errors", a, k)?;
    if vm.isinstance_type(&e, &vm.ctx.exceptions.base_exception) {
        return Err(PyErr(e));
    }
    Err(vm.type_error("codec must pass exception instance"))
}

fn ignore_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "ignore_errors", a, k)?;
    if kind_of(vm, &e).is_none() {
        return Err(wrong_exception(vm, &e));
    }
    let (_, end, _) = span(vm, &e)?;
    result(vm, vm.ctx.empty_str.clone(), end)
}

fn replace_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "replace_errors", a, k)?;
    let Some(kind) = kind_of(vm, &e) else {
        return Err(wrong_exception(vm, &e));
    };
    let (start, end, object) = span(vm, &e)?;
    // The object is checked even though only the span is used, as CPython's
    // PyUnicode*Error_GetObject.
    match kind {
        Kind::Decode => drop(bytes_of(vm, &object, 0, 0)?),
        _ => drop(code_points_of(vm, &object, 0, 0)?),
    }
    let n = end - start;
    let rep = match kind {
        Kind::Encode => "?".repeat(n),
        Kind::Decode => "\u{fffd}".to_string(),
        Kind::Translate => "\u{fffd}".repeat(n),
    };
    result(vm, vm.new_str(&rep), end)
}

fn encode_only(vm: &Vm, e: &Obj) -> PyResult<(usize, usize, Vec<u32>)> {
    if !matches!(kind_of(vm, e), Some(Kind::Encode)) {
        return Err(wrong_exception(vm, e));
    }
    let (start, end, object) = span(vm, e)?;
    let cps = code_points_of(vm, &object, start, end)?;
    Ok((start, end, cps))
}

fn xmlcharrefreplace_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "xmlcharrefreplace_errors", a, k)?;
    let (_, end, cps) = encode_only(vm, &e)?;
    let mut rep = String::new();
    for c in cps {
        let _ = write!(rep, "&#{c};");
    }
    result(vm, vm.new_str(&rep), end)
}

fn backslashreplace_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "backslashreplace_errors", a, k)?;
    let Some(kind) = kind_of(vm, &e) else {
        return Err(wrong_exception(vm, &e));
    };
    let mut rep = String::new();
    let (start, end, object) = span(vm, &e)?;
    match kind {
        Kind::Decode => {
            for b in bytes_of(vm, &object, start, end)? {
                let _ = write!(rep, "\\x{b:02x}");
            }
        }
        _ => {
            for c in code_points_of(vm, &object, start, end)? {
                crate::codecs::push_backslash_escape(&mut rep, c);
            }
        }
    }
    result(vm, vm.new_str(&rep), end)
}

fn namereplace_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "namereplace_errors", a, k)?;
    let (_, end, cps) = encode_only(vm, &e)?;
    let mut rep = String::new();
    for c in cps {
        crate::codecs::push_name_escape(&mut rep, c);
    }
    result(vm, vm.new_str(&rep), end)
}

fn surrogateescape_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "surrogateescape", a, k)?;
    if !matches!(kind_of(vm, &e), Some(Kind::Encode | Kind::Decode)) {
        return Err(wrong_exception(vm, &e));
    }
    let (start, end, object) = span(vm, &e)?;
    match kind_of(vm, &e) {
        Some(Kind::Encode) => {
            let cps = code_points_of(vm, &object, start, end)?;
            if cps.iter().any(|c| !(0xDC80..=0xDCFF).contains(c)) {
                return Err(PyErr(e));
            }
            result(vm, vm.new_bytes(cps.iter().map(|&c| (c - 0xDC00) as u8).collect()), end)
        }
        Some(Kind::Decode) => {
            let bytes = bytes_of(vm, &object, start, end)?;
            let cps: Vec<u32> = bytes.iter().take(4).take_while(|&&b| b >= 0x80).map(|&b| 0xDC00 + b as u32).collect();
            if cps.is_empty() {
                return Err(PyErr(e));
            }
            result(vm, vm.new_str_from_code_points(&cps), start + cps.len())
        }
        _ => Err(wrong_exception(vm, &e)),
    }
}

/// The byte form of a surrogate for `encoding` (utf-8, utf-16*, utf-32*).
fn surrogate_width(vm: &Vm, exc: &Obj) -> PyResult<Option<(usize, bool)>> {
    let enc = vm.getattr_str(exc, "encoding")?;
    // CPython accepts "utf-16le", "utf_16_le", "UTF16-LE", ...: drop the separators.
    let name: String =
        pystr::as_str_lossy(&vm.str(&enc)?).to_ascii_lowercase().chars().filter(|c| !matches!(c, '-' | '_')).collect();
    Ok(match name.as_str() {
        "utf8" => Some((1, false)),
        "utf16" | "utf16le" => Some((2, false)),
        "utf16be" => Some((2, true)),
        "utf32" | "utf32le" => Some((4, false)),
        "utf32be" => Some((4, true)),
        _ => None,
    })
}

fn surrogatepass_errors(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let e = one_arg(vm, "surrogatepass", a, k)?;
    let kind = kind_of(vm, &e);
    if !matches!(kind, Some(Kind::Encode | Kind::Decode)) {
        return Err(wrong_exception(vm, &e));
    }
    let (start, end, object) = span(vm, &e)?;
    let Some((width, be)) = surrogate_width(vm, &e)? else { return Err(PyErr(e)) };
    if let Some(Kind::Encode) = kind {
        let cps = code_points_of(vm, &object, start, end)?;
        if cps.iter().any(|&c| !(0xD800..0xE000).contains(&c)) {
            return Err(PyErr(e));
        }
        let mut out = Vec::new();
        for c in cps {
            match (width, be) {
                (1, _) => crate::codecs::push_utf8(&mut out, c),
                (2, false) => out.extend_from_slice(&(c as u16).to_le_bytes()),
                (2, true) => out.extend_from_slice(&(c as u16).to_be_bytes()),
                (_, false) => out.extend_from_slice(&c.to_le_bytes()),
                (_, true) => out.extend_from_slice(&c.to_be_bytes()),
            }
        }
        return result(vm, vm.new_bytes(out), end);
    }
    let bytes = bytes_of(vm, &object, start, usize::MAX)?;
    let p = &bytes[..];
    let cp = match (width, be) {
        (1, _) if p.len() >= 3 && p[0] & 0xF0 == 0xE0 && p[1] & 0xC0 == 0x80 && p[2] & 0xC0 == 0x80 => {
            Some(((p[0] & 0x0F) as u32) << 12 | ((p[1] & 0x3F) as u32) << 6 | (p[2] & 0x3F) as u32)
        }
        (2, false) if p.len() >= 2 => Some(u16::from_le_bytes([p[0], p[1]]) as u32),
        (2, true) if p.len() >= 2 => Some(u16::from_be_bytes([p[0], p[1]]) as u32),
        (4, false) if p.len() >= 4 => Some(u32::from_le_bytes([p[0], p[1], p[2], p[3]])),
        (4, true) if p.len() >= 4 => Some(u32::from_be_bytes([p[0], p[1], p[2], p[3]])),
        _ => None,
    };
    match cp {
        Some(c) if (0xD800..0xE000).contains(&c) => {
            let len = if width == 1 { 3 } else { width };
            result(vm, vm.new_str_from_code_points(&[c]), start + len)
        }
        _ => Err(PyErr(e)),
    }
}
