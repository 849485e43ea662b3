//! `_io.BytesIO` (CPython's `Modules/_io/bytesio.c`): a binary stream in
//! memory.
//!
//! `getbuffer()` hands out a memoryview of the data: the data then moves
//! into a bytearray the view is made from (so writes through the view are
//! the stream's), and while that bytearray has live views the stream
//! cannot change size (BufferError, as CPython's export count). When the
//! views are gone the data moves back.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, dict, int, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::{closed_error, io_type, noargs, optional_ssize, posargs, tp_name};

pub(crate) struct BytesIO {
    /// The data; exactly `size` bytes while not shared.
    buf: RefCell<Vec<u8>>,
    /// CPython's `string_size`.
    size: Cell<usize>,
    pos: Cell<usize>,
    closed: Cell<bool>,
    /// The bytearray `getbuffer()` views are made from, while it holds the
    /// data.
    shared: ObjCell,
}
impl PyPayload for BytesIO {}

impl Default for BytesIO {
    fn default() -> Self {
        BytesIO {
            buf: RefCell::new(Vec::new()),
            size: Cell::new(0),
            pos: Cell::new(0),
            closed: Cell::new(false),
            shared: ObjCell::new(None),
        }
    }
}

pub(crate) fn make_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io.BytesIO",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: METHODS,
        getsets: &[GetSetDef::new("closed", |vm, o| Ok(vm.bool_obj(bio(vm, o)?.closed.get())), None)],
        doc: Some("Buffered I/O implementation using an in-memory bytes buffer."),
    };
    taipan_vm::api::types::new_type::<BytesIO>(vm, &spec, |s| {
        s.new.set(Some(bytesio_new));
        s.init.set(Some(bytesio_init));
        s.iter.set(Some(bytesio_iter));
        s.iternext.set(Some(bytesio_iternext));
    })
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("readable", |vm, o, a, k| simple(vm, o, a, k, "readable", true)),
    MethodDef::method("seekable", |vm, o, a, k| simple(vm, o, a, k, "seekable", true)),
    MethodDef::method("writable", |vm, o, a, k| simple(vm, o, a, k, "writable", true)),
    MethodDef::method("close", bytesio_close),
    MethodDef::method("flush", |vm, o, a, k| {
        noargs(vm, "flush", a, k)?;
        checked(vm, o)?;
        Ok(vm.none())
    }),
    MethodDef::method("isatty", |vm, o, a, k| simple(vm, o, a, k, "isatty", false)),
    MethodDef::method("tell", |vm, o, a, k| {
        noargs(vm, "tell", a, k)?;
        Ok(vm.new_usize(checked(vm, o)?.pos.get()))
    }),
    MethodDef::method("write", |vm, o, a, k| {
        let a = posargs(vm, "write", a, k, 1, 1)?;
        let n = write_bytes(vm, o, &a[0])?;
        Ok(vm.new_usize(n))
    }),
    MethodDef::method("writelines", bytesio_writelines),
    MethodDef::method("read1", |vm, o, a, k| read_method(vm, o, a, k, "read1")),
    MethodDef::method("readinto", bytesio_readinto),
    MethodDef::method("readline", bytesio_readline),
    MethodDef::method("readlines", bytesio_readlines),
    MethodDef::method("read", |vm, o, a, k| read_method(vm, o, a, k, "read")),
    MethodDef::method("getbuffer", bytesio_getbuffer),
    MethodDef::method("getvalue", |vm, o, a, k| {
        noargs(vm, "getvalue", a, k)?;
        let b = checked(vm, o)?;
        let v = with_data(vm, b, |d| d.to_vec())?;
        Ok(vm.new_bytes(v))
    }),
    MethodDef::method("seek", bytesio_seek),
    MethodDef::method("truncate", bytesio_truncate),
    MethodDef::method("__getstate__", bytesio_getstate),
    MethodDef::method("__setstate__", bytesio_setstate),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        noargs(vm, "__sizeof__", a, k)?;
        let b = bio(vm, o)?;
        let n = o.class().basicsize + b.buf.borrow().capacity();
        Ok(vm.new_usize(n))
    }),
];

fn bio<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a BytesIO> {
    payload_or_err::<BytesIO>(vm, o, "_io.BytesIO")
}

fn checked<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a BytesIO> {
    let b = bio(vm, o)?;
    if b.closed.get() {
        return Err(closed_error(vm));
    }
    Ok(b)
}

fn simple(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, v: bool) -> PyResult<Obj> {
    noargs(vm, name, a, k)?;
    checked(vm, o)?;
    Ok(vm.bool_obj(v))
}

/// Take the data back from the shared bytearray once no view of it is
/// alive.
fn reclaim(vm: &Vm, b: &BytesIO) -> PyResult<()> {
    let Some(shared) = b.shared.get() else { return Ok(()) };
    if buffer::has_exports(&shared) {
        return Ok(());
    }
    let mut data = buffer::with_bytes(vm, &shared, |d| d.to_vec())?;
    data.truncate(b.size.get());
    *b.buf.borrow_mut() = data;
    b.shared.set(None);
    Ok(())
}

/// BufferError while `getbuffer()` views are alive (`CHECK_EXPORTS`).
fn check_exports(vm: &Vm, b: &BytesIO) -> PyResult<()> {
    reclaim(vm, b)?;
    if b.shared.is_some() {
        return Err(vm.new_exception_msg(
            &vm.ctx.exceptions.buffer_error,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

fn with_data<R>(vm: &Vm, b: &BytesIO, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    reclaim(vm, b)?;
    let size = b.size.get();
    match b.shared.get() {
        Some(s) => buffer::with_bytes(vm, &s, |d| f(&d[..size.min(d.len())])),
        None => {
            let buf = b.buf.borrow();
            Ok(f(&buf[..size.min(buf.len())]))
        }
    }
}

fn size_of(vm: &Vm, b: &BytesIO) -> PyResult<usize> {
    with_data(vm, b, |d| d.len())
}

fn bytesio_new(vm: &Vm, cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &io_type(vm, "_io.BytesIO"), BytesIO::default())
}

fn bytesio_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let a = args::parse(vm, "BytesIO", a, kw, &["initial_bytes"], 0)?;
    let b = bio(vm, o)?;
    // CPython empties the stream before it checks for exports.
    b.size.set(0);
    b.pos.set(0);
    check_exports(vm, b)?;
    b.buf.borrow_mut().clear();
    if let Some(v) = a[0].as_ref().filter(|v| !vm.is_none(v)) {
        if let Some(d) = bytes::as_bytes_ref(v).filter(|_| v.type_is(&vm.ctx.types.bytes)) {
            *b.buf.borrow_mut() = d.to_vec();
            b.size.set(d.len());
            b.closed.set(false);
        } else {
            write_bytes(vm, o, v)?;
            b.pos.set(0);
        }
    }
    Ok(())
}

fn write_bytes(vm: &Vm, o: &Obj, data: &Obj) -> PyResult<usize> {
    let b = checked(vm, o)?;
    check_exports(vm, b)?;
    let d = buffer::with_bytes(vm, data, |d| d.to_vec())?;
    let n = d.len();
    if n == 0 {
        return Ok(0);
    }
    let pos = b.pos.get();
    if pos > isize::MAX as usize - n {
        return Err(vm.overflow_error("new buffer size too large"));
    }
    let end = pos + n;
    let mut buf = b.buf.borrow_mut();
    buf.truncate(b.size.get());
    if end > buf.len() {
        let cur = buf.len();
        if buf.try_reserve(end - cur).is_err() {
            return Err(vm.memory_error());
        }
        buf.resize(end, 0);
    }
    buf[pos..end].copy_from_slice(&d);
    b.size.set(buf.len());
    drop(buf);
    b.pos.set(end);
    Ok(n)
}

fn bytesio_writelines(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "writelines", a, kw, 1, 1)?;
    checked(vm, o)?;
    let it = vm.iter(&a[0])?;
    while let Some(line) = vm.next(&it)? {
        write_bytes(vm, o, &line)?;
    }
    Ok(vm.none())
}

/// Take `n` bytes from the position.
fn read_bytes(vm: &Vm, b: &BytesIO, n: usize) -> PyResult<Vec<u8>> {
    let pos = b.pos.get();
    let out = with_data(vm, b, |d| if pos >= d.len() { Vec::new() } else { d[pos..(pos + n).min(d.len())].to_vec() })?;
    b.pos.set(pos + out.len());
    Ok(out)
}

fn read_method(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>, name: &str) -> PyResult<Obj> {
    let a = posargs(vm, name, a, kw, 0, 1)?;
    let b = checked(vm, o)?;
    let size = optional_ssize(vm, a.first(), -1)?;
    let avail = size_of(vm, b)?.saturating_sub(b.pos.get());
    let n = if size < 0 || size as usize > avail { avail } else { size as usize };
    Ok(vm.new_bytes(read_bytes(vm, b, n)?))
}

/// The length of the line at the position, up to `limit` (CPython's
/// `scan_eol`).
fn scan_eol(vm: &Vm, b: &BytesIO, limit: isize) -> PyResult<usize> {
    let pos = b.pos.get();
    with_data(vm, b, |d| {
        if pos >= d.len() {
            return 0;
        }
        let maxlen = d.len() - pos;
        let len = if limit < 0 || limit as usize > maxlen { maxlen } else { limit as usize };
        match d[pos..pos + len].iter().position(|&c| c == b'\n') {
            Some(i) => i + 1,
            None => len,
        }
    })
}

fn bytesio_readline(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readline", a, kw, 0, 1)?;
    let b = checked(vm, o)?;
    let size = optional_ssize(vm, a.first(), -1)?;
    let n = scan_eol(vm, b, size)?;
    Ok(vm.new_bytes(read_bytes(vm, b, n)?))
}

fn bytesio_readlines(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readlines", a, kw, 0, 1)?;
    let b = checked(vm, o)?;
    let maxsize: isize = match a.first() {
        None => -1,
        Some(v) if vm.is_none(v) => -1,
        Some(v) if int::value(v).is_some() => super::ssize_arg(vm, v)?,
        Some(v) => return Err(vm.type_error(format!("integer argument expected, got '{}'", tp_name(v)))),
    };
    let mut lines = Vec::new();
    let mut size: isize = 0;
    loop {
        let n = scan_eol(vm, b, -1)?;
        if n == 0 {
            break;
        }
        lines.push(vm.new_bytes(read_bytes(vm, b, n)?));
        size += n as isize;
        if maxsize > 0 && size >= maxsize {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn bytesio_readinto(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readinto", a, kw, 1, 1)?;
    let b = checked(vm, o)?;
    let len = buffer::with_writable(vm, &a[0], "readinto() argument", |d| d.len())?;
    let avail = size_of(vm, b)?.saturating_sub(b.pos.get());
    let data = read_bytes(vm, b, len.min(avail))?;
    buffer::with_writable(vm, &a[0], "readinto() argument", |d| {
        let n = data.len().min(d.len());
        d[..n].copy_from_slice(&data[..n]);
    })?;
    Ok(vm.new_usize(data.len()))
}

fn bytesio_iter(_vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(o.clone())
}

fn bytesio_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let b = checked(vm, o)?;
    let n = scan_eol(vm, b, -1)?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(vm.new_bytes(read_bytes(vm, b, n)?)))
}

fn bytesio_getbuffer(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "getbuffer", a, kw)?;
    let b = checked(vm, o)?;
    reclaim(vm, b)?;
    let shared = match b.shared.get() {
        Some(s) => s,
        None => {
            let mut data = std::mem::take(&mut *b.buf.borrow_mut());
            data.truncate(b.size.get());
            let s = vm.new_bytearray(data);
            b.shared.set(Some(s.clone()));
            s
        }
    };
    let view = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(&shared), None)?;
    let size = b.size.get();
    if vm.len(&shared)? > size {
        let sl = vm.new_slice(vm.none(), vm.new_usize(size), vm.none());
        return vm.getitem(&view, &sl);
    }
    Ok(view)
}

fn bytesio_seek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "seek", a, kw, 1, 2)?;
    let pos = super::ssize_arg(vm, &a[0])?;
    let whence = match a.get(1) {
        Some(w) => super::c_int_arg(vm, w)?,
        None => 0,
    };
    let b = checked(vm, o)?;
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("negative seek value {pos}")));
    }
    let new = match whence {
        0 => pos,
        1 => {
            let cur = b.pos.get() as isize;
            if pos > isize::MAX - cur {
                return Err(vm.overflow_error("new position too large"));
            }
            pos + cur
        }
        2 => {
            let size = size_of(vm, b)? as isize;
            if pos > isize::MAX - size {
                return Err(vm.overflow_error("new position too large"));
            }
            pos + size
        }
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let new = new.max(0) as usize;
    b.pos.set(new);
    Ok(vm.new_usize(new))
}

fn bytesio_truncate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "truncate", a, kw, 0, 1)?;
    let b = bio(vm, o)?;
    let size = optional_ssize(vm, a.first(), b.pos.get() as isize)?;
    let b = checked(vm, o)?;
    check_exports(vm, b)?;
    if size < 0 {
        return Err(vm.value_error(format!("negative size value {size}")));
    }
    if (size as usize) < b.size.get() {
        b.buf.borrow_mut().truncate(size as usize);
        b.size.set(size as usize);
    }
    Ok(vm.new_int(size as i64))
}

fn bytesio_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "close", a, kw)?;
    let b = bio(vm, o)?;
    check_exports(vm, b)?;
    b.closed.set(true);
    *b.buf.borrow_mut() = Vec::new();
    b.size.set(0);
    Ok(vm.none())
}

fn bytesio_getstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "__getstate__", a, kw)?;
    let b = checked(vm, o)?;
    let value = vm.new_bytes(with_data(vm, b, |d| d.to_vec())?);
    let d = match o.instance_dict() {
        Some(d) if dict::len(&d) > 0 => vm.call_method(&d, "copy", &[])?,
        _ => vm.none(),
    };
    Ok(vm.new_tuple(vec![value, vm.new_usize(b.pos.get()), d]))
}

fn bytesio_setstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "__setstate__", a, kw, 1, 1)?;
    let state = &a[0];
    let items = match super::tuple_items(vm, state) {
        Some(i) if i.len() >= 3 => i,
        _ => {
            return Err(vm.type_error(format!(
                "{}.__setstate__ argument should be 3-tuple, got {}",
                tp_name(o),
                tp_name(state)
            )))
        }
    };
    let b = bio(vm, o)?;
    check_exports(vm, b)?;
    b.buf.borrow_mut().clear();
    b.size.set(0);
    b.pos.set(0);
    write_bytes(vm, o, &items[0])?;
    let position = &items[1];
    if int::value(position).is_none() {
        return Err(vm.type_error(format!("second item of state must be an integer, not {:.200}", tp_name(position))));
    }
    let pos = super::ssize_arg(vm, position)?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    b.pos.set(pos as usize);
    let d = &items[2];
    if !vm.is_none(d) {
        if !vm.isinstance_type(d, &vm.ctx.types.dict) {
            return Err(vm.type_error(format!("third item of state should be a dict, got a {:.200}", tp_name(d))));
        }
        let own = vm.getattr_str(o, "__dict__")?;
        vm.call_method(&own, "update", std::slice::from_ref(d))?;
    }
    Ok(vm.none())
}
