//! `_io` (CPython's `Modules/_io`): the I/O stack under `open()`,
//! `print()` and `sys.std*`.
//!
//! - `iobase.rs`: `_IOBase` and `_RawIOBase`, the generic methods that
//!   work through other methods looked up on the object (`readline` over
//!   `read`/`peek`, `read` over `readinto`, ...), so Python subclasses
//!   plug in;
//! - `fileio.rs`: `FileIO`, raw I/O on a file descriptor (libc);
//! - `bufferedio.rs`: `_BufferedIOBase`, `BufferedReader`,
//!   `BufferedWriter`, `BufferedRandom` (one state machine, CPython's) and
//!   `BufferedRWPair`;
//! - `textio.rs`: `_TextIOBase`, `TextIOWrapper` (codecs, newline
//!   translation, opaque `tell()` cookies) and `IncrementalNewlineDecoder`;
//! - `stringio.rs`, `bytesio.rs`: in-memory streams.
//!
//! Types are created once per interpreter and kept in its `lazy_types`
//! table under their full names (`"_io.FileIO"`), so a re-import and the
//! native code that makes instances (`open()`) find the same objects.

pub(crate) mod bufferedio;
pub(crate) mod bytesio;
pub(crate) mod fileio;
pub(crate) mod iobase;
pub(crate) mod stringio;
pub(crate) mod textio;

use taipan_vm::api::types::{flags, TypeObject};
use taipan_vm::api::{int, module, str as pystr, tuple, Obj, PyErr, PyResult, Vm};

/// `io.DEFAULT_BUFFER_SIZE`.
pub(crate) const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The key of `io.UnsupportedOperation` in the interpreter's type table.
const UNSUPPORTED_OPERATION: &str = "io.UnsupportedOperation";

/// Create the `_io` module (the module table's init function).
pub fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_io");
    let d = module::module_dict(&m);
    make_types(vm)?;
    let set = |k: &str, v: Obj| taipan_vm::api::dict::set_item_str(vm, &d, k, v);
    set("__doc__", vm.new_str(MODULE_DOC))?;
    set("DEFAULT_BUFFER_SIZE", vm.new_usize(DEFAULT_BUFFER_SIZE))?;
    set("UnsupportedOperation", io_type(vm, UNSUPPORTED_OPERATION))?;
    set("BlockingIOError", vm.ctx.exceptions.by_name.get("BlockingIOError").cloned().unwrap_or_else(|| vm.none()))?;
    for name in TYPE_NAMES {
        let short = name.rsplit('.').next().unwrap_or(name);
        set(short, io_type(vm, name))?;
    }
    // CPython's _io module definition is named "io": its functions' __module__.
    module::add_functions(vm, &m, "io", FUNCTIONS);
    Ok(m)
}

const MODULE_DOC: &str = "The io module provides the Python interfaces to stream handling. The\n\
builtin open function is defined in this module.\n";

/// The `_io` types, in creation order (bases first).
const TYPE_NAMES: &[&str] = &[
    "_io._IOBase",
    "_io._RawIOBase",
    "_io._BufferedIOBase",
    "_io._TextIOBase",
    "_io.FileIO",
    "_io.BytesIO",
    "_io.StringIO",
    "_io.BufferedReader",
    "_io.BufferedWriter",
    "_io.BufferedRWPair",
    "_io.BufferedRandom",
    "_io.TextIOWrapper",
    "_io.IncrementalNewlineDecoder",
];

const FUNCTIONS: &[taipan_vm::api::types::MethodDef] = &[
    taipan_vm::api::types::MethodDef::static_("open", fileio::io_open),
    taipan_vm::api::types::MethodDef::static_("open_code", fileio::io_open_code),
    taipan_vm::api::types::MethodDef::static_("text_encoding", textio::io_text_encoding),
];

/// Create the types (once per interpreter).
fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key("_io._IOBase") {
        return Ok(());
    }
    let register = |name: &'static str, ty: Obj| {
        vm.lazy_types.borrow_mut().insert(name, ty);
    };
    let unsupported = {
        let ns = vm.new_dict();
        taipan_vm::api::dict::set_item_str(vm, &ns, "__module__", vm.new_str("io"))?;
        let ex = &vm.ctx.exceptions;
        let bases = vm.new_tuple(vec![ex.os_error.clone(), ex.value_error.clone()]);
        vm.call(&vm.ctx.types.type_, &[vm.new_str("UnsupportedOperation"), bases, ns], None)?
    };
    register(UNSUPPORTED_OPERATION, unsupported);
    let iobase = iobase::make_iobase_type(vm);
    register("_io._IOBase", iobase.clone());
    register("_io._RawIOBase", iobase::make_rawiobase_type(vm, &iobase));
    let bufbase = bufferedio::make_bufferediobase_type(vm, &iobase);
    register("_io._BufferedIOBase", bufbase.clone());
    let textbase = textio::make_textiobase_type(vm, &iobase);
    register("_io._TextIOBase", textbase.clone());
    register("_io.FileIO", fileio::make_type(vm, &io_type(vm, "_io._RawIOBase")));
    register("_io.BytesIO", bytesio::make_type(vm, &bufbase));
    register("_io.StringIO", stringio::make_type(vm, &textbase));
    for (name, ty) in bufferedio::make_types(vm, &bufbase) {
        register(name, ty);
    }
    register("_io.TextIOWrapper", textio::make_type(vm, &textbase));
    register("_io.IncrementalNewlineDecoder", textio::make_newline_decoder_type(vm));
    for name in TYPE_NAMES {
        set_finalizer(vm, name);
    }
    Ok(())
}

/// Instances of every `_io` type are finalized by `_IOBase.__del__`
/// (close them), as CPython's `iobase_finalize`.
fn set_finalizer(vm: &Vm, name: &str) {
    if name == "_io.IncrementalNewlineDecoder" {
        return;
    }
    let ty = io_type(vm, name);
    if let Some(t) = ty.payload::<TypeObject>() {
        t.finalize.set(Some(iobase::finalize));
    }
}

/// One of the `_io` types (created by `init`).
pub(crate) fn io_type(vm: &Vm, name: &str) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(name) {
        return t.clone();
    }
    // Native code reaches the types only after `init` made them; this is
    // a fallback that keeps the object protocol sound.
    vm.ctx.types.object.clone()
}

/// Is `o` an instance of a native type itself (not of a Python
/// subclass)? Native code takes fast paths only then, since a subclass
/// may override the methods involved.
pub(crate) fn is_exact_native(o: &Obj) -> bool {
    o.class().flags.get() & flags::HEAPTYPE == 0
}

/// `type(o).__name__` as CPython's `tp_name` shows it in messages and
/// reprs (`_io.FileIO` for the native types, the class name otherwise).
pub(crate) fn tp_name(o: &Obj) -> String {
    o.class().name().to_string()
}

/// The type name Argument Clinic's "must be X, not T" messages show
/// (`None` for None).
pub(crate) fn arg_type_name(vm: &Vm, o: &Obj) -> String {
    if vm.is_none(o) {
        "None".to_string()
    } else {
        tp_name(o)
    }
}

// ---- errors --------------------------------------------------------------------------------------

/// `io.UnsupportedOperation(msg)`.
pub(crate) fn unsupported(vm: &Vm, msg: &str) -> PyErr {
    vm.new_exception_msg(&io_type(vm, UNSUPPORTED_OPERATION), msg)
}

/// ValueError "I/O operation on closed file." (the generic message).
pub(crate) fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

/// `OSError(errno, strerror)` for a failed system call.
pub(crate) fn os_error(vm: &Vm, errno: i32, filename: Option<&Obj>) -> PyErr {
    vm.io_error(&std::io::Error::from_raw_os_error(errno), filename)
}

/// Is `err` an OSError with errno EINTR (CPython's `_PyIO_trap_eintr`,
/// which then retries the call)?
pub(crate) fn is_eintr(vm: &Vm, err: &PyErr) -> bool {
    if !vm.err_matches(err, &vm.ctx.exceptions.os_error) {
        return false;
    }
    taipan_vm::api::exceptions::get_extra(err.value(), "errno")
        .and_then(|e| int::value(&e).and_then(|v| v.as_i64()))
        .is_some_and(|e| e == libc::EINTR as i64)
}

/// `BlockingIOError(EAGAIN, msg, written)`.
pub(crate) fn blocking_error(vm: &Vm, msg: &str, written: usize) -> PyErr {
    let ty =
        vm.ctx.exceptions.by_name.get("BlockingIOError").cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone());
    match vm.call(&ty, &[vm.new_int(libc::EAGAIN as i64), vm.new_str(msg), vm.new_usize(written)], None) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// Chain `later`'s context to `first` as CPython's `_PyErr_ChainExceptions`
/// (the exception raised first becomes the `__context__` of the one
/// raised while cleaning up), returning the one to raise.
pub(crate) fn chain(vm: &Vm, first: PyErr, later: PyErr) -> PyErr {
    let _ = vm.setattr_str(later.value(), "__context__", first.value());
    later
}

// ---- argument conversions ------------------------------------------------------------------------

/// Positional-only arguments between `min` and `max`, no keywords
/// (Argument Clinic's `_PyArg_CheckPositional` and the method
/// descriptor's keyword check).
pub(crate) fn posargs<'a>(
    vm: &Vm,
    fname: &str,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        let owner = vm.thread.method_owner_name();
        return Err(match owner {
            Some(o) => vm.type_error(format!("{o}.{fname}() takes no keyword arguments")),
            None => vm.type_error(format!("{fname}() takes no keyword arguments")),
        });
    }
    if min == 1 && max == 1 {
        // METH_O: "X.f() takes exactly one argument (N given)".
        taipan_vm::api::args::exact::<1>(vm, fname, args, None)?;
        return Ok(args);
    }
    let n = args.len();
    if n < min || n > max {
        let (bound, word) = if n < min { (min, "at least ") } else { (max, "at most ") };
        let word = if min == max { "" } else { word };
        return Err(vm.type_error(format!(
            "{fname} expected {word}{bound} argument{}, got {n}",
            if bound == 1 { "" } else { "s" }
        )));
    }
    Ok(args)
}

/// No arguments (METH_NOARGS).
pub(crate) fn noargs(vm: &Vm, fname: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    taipan_vm::api::args::exact::<0>(vm, fname, args, kwnames)?;
    Ok(())
}

/// An int that fits a `Py_ssize_t` (Argument Clinic's `Py_ssize_t`
/// converter): "Python int too large to convert to C ssize_t".
pub(crate) fn ssize_arg(vm: &Vm, o: &Obj) -> PyResult<isize> {
    let v = vm.index_value(o)?;
    match v.as_i64() {
        Some(x) => Ok(x as isize),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// CPython's `_Py_convert_optional_to_ssize_t`: None is `default`.
pub(crate) fn optional_ssize(vm: &Vm, o: Option<&Obj>, default: isize) -> PyResult<isize> {
    match o {
        None => Ok(default),
        Some(o) if vm.is_none(o) => Ok(default),
        Some(o) => {
            if int::value(o).is_none() && o.class().slots.nb_index.get().is_none() {
                return Err(vm.type_error(format!("argument should be integer or None, not '{}'", tp_name(o))));
            }
            vm.index_to_isize(o)
        }
    }
}

/// A C `int` argument (Argument Clinic's `int` converter, `_PyLong_AsInt`).
pub(crate) fn c_int_arg(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let v = vm.index_value(o)?;
    match v.as_i64() {
        Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => Ok(x as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// An offset (`Py_off_t`) as `PyNumber_AsOff_t(o, ValueError)`.
pub(crate) fn off_t_arg(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let v = vm.index_value(o)?;
    v.as_i64().ok_or_else(|| vm.value_error(format!("cannot fit '{}' into an offset-sized integer", tp_name(o))))
}

/// `Py_ssize_t` returned by a method (`PyNumber_AsSsize_t(res,
/// ValueError)`).
pub(crate) fn result_ssize(vm: &Vm, o: &Obj) -> PyResult<isize> {
    let v = vm.index_value(o)?;
    match v.as_i64() {
        Some(x) => Ok(x as isize),
        None => Err(vm.value_error(format!("cannot fit '{}' into an index-sized integer", tp_name(o)))),
    }
}

/// A `str` argument or None (Argument Clinic's `str(accept={str,
/// NoneType})`), with CPython's TypeError.
pub(crate) fn opt_str_arg(vm: &Vm, o: Option<&Obj>, fname: &str, argname: &str) -> PyResult<Option<Obj>> {
    match o {
        None => Ok(None),
        Some(o) if vm.is_none(o) => Ok(None),
        Some(o) if pystr::data(o).is_some() => Ok(Some(o.clone())),
        Some(o) => {
            Err(vm.type_error(format!("{fname}() argument '{argname}' must be str or None, not {}", tp_name(o))))
        }
    }
}

/// The text of a str that must be valid UTF-8 (an encoding or errors
/// name); lone surrogates fail as `PyUnicode_AsUTF8` fails.
pub(crate) fn utf8_of(vm: &Vm, o: &Obj) -> PyResult<String> {
    match pystr::data(o).and_then(|d| d.as_str()) {
        Some(s) => {
            if s.contains('\0') {
                return Err(vm.value_error("embedded null character"));
            }
            Ok(s.to_string())
        }
        None => taipan_vm::api::codecs::encode_str(vm, o, None, None)
            .and_then(|b| String::from_utf8(b).map_err(|_| vm.value_error("invalid string"))),
    }
}

/// The items of a tuple (or of a tuple subclass); None for anything else.
pub(crate) fn tuple_items(vm: &Vm, o: &Obj) -> Option<Vec<Obj>> {
    if vm.isinstance_type(o, &vm.ctx.types.tuple) {
        Some(tuple::items(o).to_vec())
    } else {
        None
    }
}

// ---- text building -------------------------------------------------------------------------------

/// Builds a str from pieces: UTF-8 while every piece is valid UTF-8,
/// code points once one holds a lone surrogate.
pub(crate) struct TextBuilder {
    text: String,
    wide: Option<Vec<u32>>,
}

impl TextBuilder {
    pub(crate) fn new() -> TextBuilder {
        TextBuilder { text: String::new(), wide: None }
    }

    pub(crate) fn push(&mut self, d: &pystr::StrData) {
        if self.wide.is_none() {
            if let Some(s) = d.as_str() {
                self.text.push_str(s);
                return;
            }
            self.wide = Some(self.text.chars().map(|c| c as u32).collect());
        }
        if let Some(w) = self.wide.as_mut() {
            w.extend(d.code_points());
        }
    }

    pub(crate) fn push_obj(&mut self, o: &Obj) {
        if let Some(d) = pystr::data(o) {
            self.push(d);
        }
    }

    pub(crate) fn finish(self, vm: &Vm) -> Obj {
        match self.wide {
            Some(w) => vm.new_str_from_code_points(&w),
            None => vm.new_str_from_string(self.text),
        }
    }
}

/// The code points of a str object (empty for anything else).
pub(crate) fn code_points(o: &Obj) -> Vec<u32> {
    pystr::data(o).map(|d| d.to_code_points()).unwrap_or_default()
}

/// Does the str contain the code point `c`?
pub(crate) fn str_contains(d: &pystr::StrData, c: u32) -> bool {
    if let Some(s) = d.as_str() {
        return c < 0x80 && s.as_bytes().contains(&(c as u8));
    }
    d.code_points().any(|x| x == c)
}

/// Where the next line ends in `cps[start..end]` (CPython's
/// `_PyIO_find_line_ending`): `Ok(index after the line ending)` or
/// `Err(consumed)`, how far the caller may put the text aside.
pub(crate) fn find_line_ending(
    translated: bool,
    universal: bool,
    readnl: &[u32],
    text: &LineText<'_>,
    start: usize,
    end: usize,
) -> Result<usize, usize> {
    if translated {
        return match text.find(b'\n' as u32, start, end) {
            Some(i) => Ok(i + 1),
            None => Err(end),
        };
    }
    if universal {
        let mut i = start;
        while i < end {
            let c = text.at(i);
            i += 1;
            if c == '\n' as u32 {
                return Ok(i);
            }
            if c == '\r' as u32 {
                // The character after the range counts as not '\n' (a
                // string ends with NUL in CPython).
                if i < end && text.at(i) == '\n' as u32 {
                    return Ok(i + 1);
                }
                return Ok(i);
            }
        }
        return Err(end);
    }
    let n = readnl.len();
    if n == 0 {
        return Err(end);
    }
    if n == 1 {
        return match text.find(readnl[0], start, end) {
            Some(i) => Ok(i + 1),
            None => Err(end),
        };
    }
    let last_start = if end >= n - 1 { (end - (n - 1)).max(start) } else { start };
    let mut s = start;
    while s < last_start {
        let Some(pos) = text.find(readnl[0], s, end) else { break };
        if pos >= last_start {
            break;
        }
        if (1..n).all(|k| text.at(pos + k) == readnl[k]) {
            return Ok(pos + n);
        }
        s = pos + 1;
    }
    match text.find(readnl[0], last_start, end) {
        Some(p) => Err(p),
        None => Err(end),
    }
}

/// Text to search for line endings, in the str's own representation
/// (PEP 393: no conversion to code points), or code points.
pub(crate) enum LineText<'a> {
    Ascii(&'a [u8]),
    Latin1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

impl<'a> LineText<'a> {
    pub(crate) fn of(d: &'a pystr::StrData) -> LineText<'a> {
        match d.repr() {
            pystr::StrRepr::Ascii(s) => LineText::Ascii(s.as_bytes()),
            pystr::StrRepr::Latin1(b) => LineText::Latin1(b),
            pystr::StrRepr::Ucs2(u) => LineText::Ucs2(u),
            pystr::StrRepr::Ucs4(u) => LineText::Ucs4(u),
        }
    }

    pub(crate) fn at(&self, i: usize) -> u32 {
        match self {
            LineText::Ascii(b) | LineText::Latin1(b) => b.get(i).map_or(0, |&c| c as u32),
            LineText::Ucs2(u) => u.get(i).map_or(0, |&c| c as u32),
            LineText::Ucs4(u) => u.get(i).copied().unwrap_or(0),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            LineText::Ascii(b) | LineText::Latin1(b) => b.len(),
            LineText::Ucs2(u) => u.len(),
            LineText::Ucs4(u) => u.len(),
        }
    }

    pub(crate) fn find(&self, c: u32, start: usize, end: usize) -> Option<usize> {
        let end = end.min(self.len());
        if start >= end {
            return None;
        }
        let pos = match self {
            LineText::Ascii(b) | LineText::Latin1(b) => {
                if c > 0xff {
                    return None;
                }
                b[start..end].iter().position(|&x| x as u32 == c)
            }
            LineText::Ucs2(u) => u[start..end].iter().position(|&x| x as u32 == c),
            LineText::Ucs4(u) => u[start..end].iter().position(|&x| x == c),
        };
        pos.map(|i| i + start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn line_endings() {
        let v = cps("ab\r\ncd\ref\n");
        let t = LineText::Ucs4(&v);
        assert_eq!(find_line_ending(false, true, &[], &t, 0, t.len()), Ok(4));
        assert_eq!(find_line_ending(false, true, &[], &t, 4, t.len()), Ok(7));
        assert_eq!(find_line_ending(false, true, &[], &t, 7, t.len()), Ok(10));
        assert_eq!(find_line_ending(true, true, &[], &t, 0, t.len()), Ok(4));
        let v = cps("abc");
        let t = LineText::Ucs4(&v);
        assert_eq!(find_line_ending(false, true, &[], &t, 0, 3), Err(3));
        let nl: Vec<u32> = "\r\n".chars().map(|c| c as u32).collect();
        let v = cps("a\rb\r\nc");
        let t = LineText::Ucs4(&v);
        assert_eq!(find_line_ending(false, false, &nl, &t, 0, t.len()), Ok(5));
        let v = cps("ab\r");
        let t = LineText::Ucs4(&v);
        assert_eq!(find_line_ending(false, false, &nl, &t, 0, t.len()), Err(2));
        let t = LineText::Ascii(b"xy\nz");
        assert_eq!(find_line_ending(true, false, &[], &t, 0, 4), Ok(3));
    }
}
