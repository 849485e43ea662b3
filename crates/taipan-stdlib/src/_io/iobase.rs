//! `_io._IOBase` and `_io._RawIOBase` (CPython's `Modules/_io/iobase.c`).
//!
//! Their methods work through the object's own methods, looked up by
//! name, so that Python subclasses (Lib's `io.RawIOBase` and user
//! classes) get `readline` from their `read`/`peek`, `read` from their
//! `readinto`, and so on. The closed state of an `_IOBase` lives in the
//! instance dict as `__IOBase_closed`, as in CPython.

use taipan_vm::api::types::{alloc_instance, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{bytes, Obj, PyPayload, PyResult, Vm};

use super::{
    closed_error, io_type, is_eintr, noargs, optional_ssize, posargs, result_ssize, tp_name, unsupported,
    DEFAULT_BUFFER_SIZE,
};

/// The payload of `_IOBase` and of the abstract bases and Python classes
/// derived from it: the state lives in the instance dict.
pub(crate) struct IOBase;
impl PyPayload for IOBase {}

const CLOSED_KEY: &str = "__IOBase_closed";

pub(crate) fn make_iobase_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_io._IOBase",
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: IOBASE_METHODS,
        getsets: &[
            GetSetDef::new("closed", iobase_closed_get, None),
            GetSetDef::new("__dict__", dict_get, Some(dict_set)),
        ],
        doc: Some(IOBASE_DOC),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<IOBase>(vm, &spec, |s| {
        s.new.set(Some(iobase_new));
        s.iter.set(Some(iobase_iter));
        s.iternext.set(Some(iobase_iternext));
    })
}

pub(crate) fn make_rawiobase_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io._RawIOBase",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: RAWIOBASE_METHODS,
        doc: Some("Base class for raw binary I/O."),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<IOBase>(vm, &spec, |_| {})
}

const IOBASE_DOC: &str = "The abstract base class for all I/O classes.\n\n\
This class provides dummy implementations for many methods that\n\
derived classes can override selectively; the default implementations\n\
represent a file that cannot be read, written or seeked.\n\n\
Even though IOBase does not declare read, readinto, or write because\n\
their signatures will vary, implementations and clients should\n\
consider those methods part of the interface. Also, implementations\n\
may raise UnsupportedOperation when operations they do not support are\n\
called.\n\n\
The basic type used for binary data read from or written to a file is\n\
bytes. Other bytes-like objects are accepted as method arguments too.\n\
In some cases (such as readinto), a writable object is required. Text\n\
I/O classes work with str data.\n\n\
Note that calling any method (except additional calls to close(),\n\
which are ignored) on a closed stream should raise a ValueError.\n\n\
IOBase (and its subclasses) support the iterator protocol, meaning\n\
that an IOBase object can be iterated over yielding the lines in a\n\
stream.\n\n\
IOBase also supports the :keyword:`with` statement. In this example,\n\
fp is closed after the suite of the with statement is complete:\n\n\
with open('spam.txt', 'r') as fp:\n    fp.write('Spam and eggs!')\n";

const IOBASE_METHODS: &[MethodDef] = &[
    MethodDef::method("seek", |vm, _o, _a, _k| Err(unsupported(vm, "seek"))),
    MethodDef::method("tell", iobase_tell),
    MethodDef::method("truncate", |vm, _o, _a, _k| Err(unsupported(vm, "truncate"))),
    MethodDef::method("flush", iobase_flush),
    MethodDef::method("close", iobase_close),
    MethodDef::method("seekable", |vm, o, a, k| {
        let _ = o;
        noargs(vm, "seekable", a, k)?;
        Ok(vm.bool_obj(false))
    }),
    MethodDef::method("readable", |vm, o, a, k| {
        let _ = o;
        noargs(vm, "readable", a, k)?;
        Ok(vm.bool_obj(false))
    }),
    MethodDef::method("writable", |vm, o, a, k| {
        let _ = o;
        noargs(vm, "writable", a, k)?;
        Ok(vm.bool_obj(false))
    }),
    MethodDef::method("_checkClosed", |vm, o, a, k| {
        noargs(vm, "_checkClosed", a, k)?;
        check_closed(vm, o)?;
        Ok(vm.none())
    }),
    MethodDef::method("_checkSeekable", |vm, o, a, k| {
        noargs(vm, "_checkSeekable", a, k)?;
        check_seekable(vm, o)
    }),
    MethodDef::method("_checkReadable", |vm, o, a, k| {
        noargs(vm, "_checkReadable", a, k)?;
        check_readable(vm, o)
    }),
    MethodDef::method("_checkWritable", |vm, o, a, k| {
        noargs(vm, "_checkWritable", a, k)?;
        check_writable(vm, o)
    }),
    MethodDef::method("fileno", |vm, _o, a, k| {
        noargs(vm, "fileno", a, k)?;
        Err(unsupported(vm, "fileno"))
    }),
    MethodDef::method("isatty", |vm, o, a, k| {
        noargs(vm, "isatty", a, k)?;
        check_closed(vm, o)?;
        Ok(vm.bool_obj(false))
    }),
    MethodDef::method("__enter__", |vm, o, a, k| {
        noargs(vm, "__enter__", a, k)?;
        check_closed(vm, o)?;
        Ok(o.clone())
    }),
    MethodDef::method("__exit__", |vm, o, _a, _k| vm.call_method(o, "close", &[])),
    MethodDef::method("readline", iobase_readline),
    MethodDef::method("readlines", iobase_readlines),
    MethodDef::method("writelines", iobase_writelines),
    MethodDef::method("__del__", |vm, o, a, k| {
        noargs(vm, "__del__", a, k)?;
        finalize(vm, o);
        Ok(vm.none())
    }),
];

const RAWIOBASE_METHODS: &[MethodDef] = &[
    MethodDef::method("read", rawiobase_read),
    MethodDef::method("readall", rawiobase_readall),
    MethodDef::method("readinto", |vm, _o, _a, _k| Err(vm.not_implemented_error(""))),
    MethodDef::method("write", |vm, _o, _a, _k| Err(vm.not_implemented_error(""))),
];

fn iobase_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &io_type(vm, "_io._IOBase"), IOBase)
}

/// `__dict__` of every `_io` object (CPython's `PyObject_GenericGetDict`).
fn dict_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.instance_dict() {
        return Ok(d);
    }
    let d = vm.new_dict();
    if !o.set_instance_dict(Some(d.clone())) {
        return Err(vm.attribute_error(format!("'{}' object has no attribute '__dict__'", tp_name(o))));
    }
    Ok(d)
}

fn dict_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("cannot delete __dict__")) };
    if !vm.isinstance_type(v, &vm.ctx.types.dict) {
        return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", tp_name(v))));
    }
    o.set_instance_dict(Some(v.clone()));
    Ok(())
}

// ---- the closed state ----------------------------------------------------------------------------

/// Has `close()` of `_IOBase` run (`__IOBase_closed` is set)?
pub(crate) fn iobase_is_closed(vm: &Vm, o: &Obj) -> PyResult<bool> {
    Ok(vm.getattr_str_opt(o, CLOSED_KEY)?.is_some())
}

fn iobase_closed_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.bool_obj(iobase_is_closed(vm, o)?))
}

/// ValueError if `o.closed` is true (CPython's `iobase_check_closed`).
pub(crate) fn check_closed(vm: &Vm, o: &Obj) -> PyResult<()> {
    if let Some(c) = vm.getattr_str_opt(o, "closed")? {
        if vm.is_true(&c)? {
            return Err(closed_error(vm));
        }
    }
    Ok(())
}

fn check_capability(vm: &Vm, o: &Obj, method: &str, msg: &str) -> PyResult<Obj> {
    let r = vm.call_method(o, method, &[])?;
    if !r.is(&vm.bool_obj(true)) {
        return Err(unsupported(vm, msg));
    }
    Ok(r)
}

/// `o.seekable()` must be True (CPython's `_PyIOBase_check_seekable`).
pub(crate) fn check_seekable(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    check_capability(vm, o, "seekable", "File or stream is not seekable.")
}

pub(crate) fn check_readable(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    check_capability(vm, o, "readable", "File or stream is not readable.")
}

pub(crate) fn check_writable(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    check_capability(vm, o, "writable", "File or stream is not writable.")
}

fn iobase_flush(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "flush", args, kw)?;
    if iobase_is_closed(vm, o)? {
        return Err(closed_error(vm));
    }
    Ok(vm.none())
}

/// `_IOBase.close`: flush, then mark closed even if the flush failed.
pub(crate) fn iobase_close(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "close", args, kw)?;
    if iobase_is_closed(vm, o)? {
        return Ok(vm.none());
    }
    let res = vm.call_method(o, "flush", &[]);
    let set = vm.setattr_str(o, CLOSED_KEY, &vm.bool_obj(true));
    match (res, set) {
        (Ok(_), Ok(())) => Ok(vm.none()),
        (Err(e), Ok(())) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Err(first), Err(later)) => Err(super::chain(vm, first, later)),
    }
}

fn iobase_tell(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "tell", args, kw)?;
    vm.call_method(o, "seek", &[vm.new_int(0), vm.new_int(1)])
}

/// `tp_finalize` of every `_io` object (`_IOBase.__del__`): close a
/// stream that is still open, ignoring errors (CPython's
/// `iobase_finalize`).
pub(crate) fn finalize(vm: &Vm, o: &Obj) {
    let closed = match vm.getattr_str_opt(o, "closed") {
        Ok(Some(c)) => vm.is_true(&c).ok(),
        _ => None,
    };
    if closed == Some(false) {
        let _ = vm.setattr_str(o, "_finalizing", &vm.bool_obj(true));
        let _ = vm.call_method(o, "close", &[]);
    }
}

// ---- iteration and lines -------------------------------------------------------------------------

fn iobase_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    check_closed(vm, o)?;
    Ok(o.clone())
}

fn iobase_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let line = vm.call_method(o, "readline", &[])?;
    if vm.len(&line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

/// `_IOBase.readline(size=-1)`: byte by byte through `read`, with `peek`
/// (when the object has one) to read up to the newline at once.
fn iobase_readline(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readline", args, kw, 0, 1)?;
    let limit = optional_ssize(vm, a.first(), -1)?;
    let peek = vm.getattr_str_opt(o, "peek")?;
    let mut buffer: Vec<u8> = Vec::new();
    while limit < 0 || (buffer.len() as isize) < limit {
        let mut nreadahead: isize = 1;
        if let Some(peek) = &peek {
            let readahead = match vm.call1(peek, vm.new_int(1)) {
                Ok(r) => r,
                Err(e) if is_eintr(vm, &e) => continue,
                Err(e) => return Err(e),
            };
            let Some(ahead) = bytes::as_bytes_ref(&readahead) else {
                return Err(
                    vm.os_error(format!("peek() should have returned a bytes object, not '{}'", tp_name(&readahead)))
                );
            };
            if !ahead.is_empty() {
                let mut n: usize = 0;
                loop {
                    if n >= ahead.len() || (limit >= 0 && n as isize >= limit) {
                        break;
                    }
                    n += 1;
                    if ahead[n - 1] == b'\n' {
                        break;
                    }
                }
                nreadahead = n as isize;
            }
        }
        let b = match vm.call_method(o, "read", &[vm.new_int(nreadahead as i64)]) {
            Ok(b) => b,
            Err(e) if is_eintr(vm, &e) => continue,
            Err(e) => return Err(e),
        };
        let Some(chunk) = bytes::as_bytes_ref(&b) else {
            return Err(vm.os_error(format!("read() should have returned a bytes object, not '{}'", tp_name(&b))));
        };
        if chunk.is_empty() {
            break;
        }
        buffer.extend_from_slice(chunk);
        if buffer.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(vm.new_bytes(buffer))
}

/// `readlines(hint=-1)`: lines until their total length passes `hint`.
pub(crate) fn iobase_readlines(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readlines", args, kw, 0, 1)?;
    let hint = optional_ssize(vm, a.first(), -1)?;
    let mut lines = Vec::new();
    let it = vm.iter(o)?;
    let mut length: isize = 0;
    while let Some(line) = vm.next(&it)? {
        let n = vm.len(&line)? as isize;
        lines.push(line);
        if hint > 0 {
            if n > hint - length {
                break;
            }
            length += n;
        }
    }
    Ok(vm.new_list(lines))
}

fn iobase_writelines(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "writelines", args, kw, 1, 1)?;
    check_closed(vm, o)?;
    let it = vm.iter(&a[0])?;
    while let Some(line) = vm.next(&it)? {
        loop {
            match vm.call_method(o, "write", std::slice::from_ref(&line)) {
                Ok(_) => break,
                Err(e) if is_eintr(vm, &e) => continue,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(vm.none())
}

// ---- _RawIOBase ----------------------------------------------------------------------------------

/// `_RawIOBase.read(size=-1)`: `readall()`, or `readinto` a bytearray.
fn rawiobase_read(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read", args, kw, 0, 1)?;
    let n = match a.first() {
        Some(s) => super::ssize_arg(vm, s)?,
        None => -1,
    };
    if n < 0 {
        return vm.call_method(o, "readall", &[]);
    }
    let size = n as usize;
    let mut v = Vec::new();
    if v.try_reserve_exact(size).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(size, 0);
    let b = vm.new_bytearray(v);
    let res = vm.call_method(o, "readinto", std::slice::from_ref(&b))?;
    if vm.is_none(&res) {
        return Ok(res);
    }
    let got = result_ssize(vm, &res)?;
    if got < 0 || got as usize > size {
        return Err(vm.value_error(format!("readinto returned {got} outside buffer size {size}")));
    }
    let data = taipan_vm::api::buffer::with_bytes(vm, &b, |d| d[..(got as usize).min(d.len())].to_vec())?;
    Ok(vm.new_bytes(data))
}

/// `_RawIOBase.readall()`: `read(DEFAULT_BUFFER_SIZE)` until EOF.
fn rawiobase_readall(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "readall", args, kw)?;
    let mut out: Vec<u8> = Vec::new();
    let mut any = false;
    loop {
        let data = match vm.call_method(o, "read", &[vm.new_usize(DEFAULT_BUFFER_SIZE)]) {
            Ok(d) => d,
            Err(e) if is_eintr(vm, &e) => continue,
            Err(e) => return Err(e),
        };
        if vm.is_none(&data) {
            if !any {
                return Ok(data);
            }
            break;
        }
        let Some(chunk) = bytes::as_bytes_ref(&data) else {
            return Err(vm.type_error("read() should return bytes"));
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        out.extend_from_slice(chunk);
    }
    Ok(vm.new_bytes(out))
}
