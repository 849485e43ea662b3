//! `_io.StringIO` (CPython's `Modules/_io/stringio.c`): a text stream in
//! memory, kept as code points (UCS-4, as CPython's realized buffer), with
//! TextIOWrapper's newline handling.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, int, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::textio::NewlineState;
use super::{code_points, io_type, noargs, optional_ssize, posargs, tp_name, LineText};

pub(crate) struct StringIO {
    buf: RefCell<Vec<u32>>,
    pos: Cell<usize>,
    ok: Cell<bool>,
    closed: Cell<bool>,
    readuniversal: Cell<bool>,
    readtranslate: Cell<bool>,
    /// The newline decoder of universal-newlines mode.
    decoder: Cell<Option<NewlineState>>,
    readnl: ObjCell,
    writenl: RefCell<Option<Vec<u32>>>,
}
impl PyPayload for StringIO {}

impl Default for StringIO {
    fn default() -> Self {
        StringIO {
            buf: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            ok: Cell::new(false),
            closed: Cell::new(false),
            readuniversal: Cell::new(false),
            readtranslate: Cell::new(false),
            decoder: Cell::new(None),
            readnl: ObjCell::new(None),
            writenl: RefCell::new(None),
        }
    }
}

pub(crate) fn make_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io.StringIO",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some(
            "Text I/O implementation using an in-memory buffer.\n\nThe initial_value argument sets the value of object.  The newline\nargument is like the one of TextIOWrapper's constructor.",
        ),
    };
    taipan_vm::api::types::new_type::<StringIO>(vm, &spec, |s| {
        s.new.set(Some(stringio_new));
        s.init.set(Some(stringio_init));
        s.iternext.set(Some(stringio_iternext));
    })
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", |vm, o, a, k| {
        noargs(vm, "close", a, k)?;
        let s = sio(vm, o)?;
        s.closed.set(true);
        s.buf.borrow_mut().clear();
        s.buf.borrow_mut().shrink_to_fit();
        Ok(vm.none())
    }),
    MethodDef::method("getvalue", |vm, o, a, k| {
        noargs(vm, "getvalue", a, k)?;
        let s = checked(vm, o)?;
        Ok(vm.new_str_from_code_points(&s.buf.borrow()))
    }),
    MethodDef::method("read", stringio_read),
    MethodDef::method("readline", stringio_readline),
    MethodDef::method("tell", |vm, o, a, k| {
        noargs(vm, "tell", a, k)?;
        Ok(vm.new_usize(checked(vm, o)?.pos.get()))
    }),
    MethodDef::method("truncate", stringio_truncate),
    MethodDef::method("seek", stringio_seek),
    MethodDef::method("write", stringio_write),
    MethodDef::method("seekable", |vm, o, a, k| {
        noargs(vm, "seekable", a, k)?;
        checked(vm, o)?;
        Ok(vm.bool_obj(true))
    }),
    MethodDef::method("readable", |vm, o, a, k| {
        noargs(vm, "readable", a, k)?;
        checked(vm, o)?;
        Ok(vm.bool_obj(true))
    }),
    MethodDef::method("writable", |vm, o, a, k| {
        noargs(vm, "writable", a, k)?;
        checked(vm, o)?;
        Ok(vm.bool_obj(true))
    }),
    MethodDef::method("__getstate__", stringio_getstate),
    MethodDef::method("__setstate__", stringio_setstate),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new(
        "closed",
        |vm, o| {
            let s = sio(vm, o)?;
            check_init(vm, s)?;
            Ok(vm.bool_obj(s.closed.get()))
        },
        None,
    ),
    GetSetDef::new(
        "newlines",
        |vm, o| {
            let s = checked(vm, o)?;
            Ok(match s.decoder.get() {
                None => vm.none(),
                Some(d) => newlines_of(vm, d),
            })
        },
        None,
    ),
    GetSetDef::new(
        "line_buffering",
        |vm, o| {
            checked(vm, o)?;
            Ok(vm.bool_obj(false))
        },
        None,
    ),
];

fn newlines_of(vm: &Vm, d: NewlineState) -> Obj {
    d.newlines(vm)
}

fn sio<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a StringIO> {
    payload_or_err::<StringIO>(vm, o, "_io.StringIO")
}

fn check_init(vm: &Vm, s: &StringIO) -> PyResult<()> {
    if !s.ok.get() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(())
}

/// Initialized and open (`CHECK_INITIALIZED` + `CHECK_CLOSED`).
fn checked<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a StringIO> {
    let s = sio(vm, o)?;
    check_init(vm, s)?;
    if s.closed.get() {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(s)
}

fn stringio_new(vm: &Vm, cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &io_type(vm, "_io.StringIO"), StringIO::default())
}

fn stringio_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let a = args::parse(vm, "StringIO", a, kw, &["initial_value", "newline"], 0)?;
    init_impl(vm, o, a[0].clone(), a[1].clone())
}

fn init_impl(vm: &Vm, o: &Obj, value: Option<Obj>, newline_obj: Option<Obj>) -> PyResult<()> {
    let s = sio(vm, o)?;
    let newline: Option<Vec<u32>> = match &newline_obj {
        None => Some(vec!['\n' as u32]),
        Some(n) if vm.is_none(n) => None,
        Some(n) if pystr::data(n).is_some() => Some(code_points(n)),
        Some(n) => return Err(vm.type_error(format!("newline must be str or None, not {}", tp_name(n)))),
    };
    if let Some(nl) = &newline {
        let ok = nl.is_empty() || nl == &['\n' as u32] || nl == &['\r' as u32] || nl == &['\r' as u32, '\n' as u32];
        if !ok {
            let r = newline_obj.as_ref().map(|n| vm.repr_string(n)).transpose()?.unwrap_or_default();
            return Err(vm.value_error(format!("illegal newline value: {r}")));
        }
    }
    if let Some(v) = &value {
        if !vm.is_none(v) && pystr::data(v).is_none() {
            return Err(vm.type_error(format!("initial_value must be str or None, not {:.200}", tp_name(v))));
        }
    }
    s.ok.set(false);
    s.readuniversal.set(newline.as_ref().is_none_or(|n| n.is_empty()));
    s.readtranslate.set(newline.is_none());
    let nl_obj = match &newline_obj {
        None => Some(vm.new_str("\n")),
        Some(n) if vm.is_none(n) => None,
        Some(n) => Some(n.clone()),
    };
    s.readnl.set(nl_obj);
    *s.writenl.borrow_mut() = match &newline {
        Some(n) if n.first() == Some(&('\r' as u32)) => Some(n.clone()),
        _ => None,
    };
    s.decoder.set(if s.readuniversal.get() { Some(NewlineState::new(s.readtranslate.get())) } else { None });
    s.buf.borrow_mut().clear();
    s.pos.set(0);
    if let Some(v) = value.filter(|v| !vm.is_none(v)) {
        if pystr::len(&v) > 0 {
            write_str(vm, s, &v)?;
        }
    }
    s.pos.set(0);
    s.closed.set(false);
    s.ok.set(true);
    Ok(())
}

/// Write a str at the position (CPython's `write_str`): newline
/// translation, padding with NULs past the end.
fn write_str(vm: &Vm, s: &StringIO, text: &Obj) -> PyResult<()> {
    let decoded = match s.decoder.get() {
        Some(mut d) => {
            let r = d.process(vm, text.clone(), true);
            // CPython calls the decoder with final=True.
            s.decoder.set(Some(d));
            r
        }
        None => text.clone(),
    };
    let mut cps = code_points(&decoded);
    if let Some(nl) = s.writenl.borrow().as_ref() {
        if cps.contains(&('\n' as u32)) {
            let mut out = Vec::with_capacity(cps.len());
            for c in cps {
                if c == '\n' as u32 {
                    out.extend_from_slice(nl);
                } else {
                    out.push(c);
                }
            }
            cps = out;
        }
    }
    let len = cps.len();
    let pos = s.pos.get();
    if pos > isize::MAX as usize - len {
        return Err(vm.overflow_error("new position too large"));
    }
    let mut buf = s.buf.borrow_mut();
    let end = pos + len;
    if pos > buf.len() {
        let cur = buf.len();
        if buf.try_reserve(end - cur).is_err() {
            return Err(vm.memory_error());
        }
        buf.resize(pos, 0);
    }
    if end > buf.len() {
        let cur = buf.len();
        if buf.try_reserve(end - cur).is_err() {
            return Err(vm.memory_error());
        }
        buf.resize(end, 0);
    }
    buf[pos..end].copy_from_slice(&cps);
    drop(buf);
    s.pos.set(end);
    Ok(())
}

fn stringio_write(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "write", a, kw, 1, 1)?;
    let st = sio(vm, o)?;
    check_init(vm, st)?;
    let obj = &a[0];
    if pystr::data(obj).is_none() {
        return Err(vm.type_error(format!("string argument expected, got '{}'", tp_name(obj))));
    }
    let s = checked(vm, o)?;
    let size = pystr::len(obj);
    if size > 0 {
        write_str(vm, s, obj)?;
    }
    Ok(vm.new_usize(size))
}

fn stringio_read(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read", a, kw, 0, 1)?;
    let s = checked(vm, o)?;
    let size = optional_ssize(vm, a.first(), -1)?;
    let buf = s.buf.borrow();
    let pos = s.pos.get();
    let avail = buf.len().saturating_sub(pos);
    let n = if size < 0 || size as usize > avail { avail } else { size as usize };
    let out = if n == 0 { Vec::new() } else { buf[pos..pos + n].to_vec() };
    drop(buf);
    s.pos.set(pos + n);
    Ok(vm.new_str_from_code_points(&out))
}

/// One line from the position (CPython's `_stringio_readline`).
fn readline_impl(vm: &Vm, s: &StringIO, limit: isize) -> Obj {
    let buf = s.buf.borrow();
    let pos = s.pos.get();
    if pos >= buf.len() {
        return vm.ctx.empty_str.clone();
    }
    let avail = buf.len() - pos;
    let limit = if limit < 0 || limit as usize > avail { avail } else { limit as usize };
    let window = LineText::Ucs4(&buf[pos..pos + limit]);
    let readnl: Vec<u32> = s.readnl.get().map(|n| code_points(&n)).unwrap_or_default();
    let len = match super::find_line_ending(s.readtranslate.get(), s.readuniversal.get(), &readnl, &window, 0, limit) {
        Ok(n) => n,
        Err(_) => limit,
    };
    let out = buf[pos..pos + len].to_vec();
    drop(buf);
    s.pos.set(pos + len);
    vm.new_str_from_code_points(&out)
}

fn stringio_readline(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readline", a, kw, 0, 1)?;
    let s = checked(vm, o)?;
    let limit = optional_ssize(vm, a.first(), -1)?;
    Ok(readline_impl(vm, s, limit))
}

fn stringio_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let s = checked(vm, o)?;
    let line = if super::is_exact_native(o) {
        readline_impl(vm, s, -1)
    } else {
        let l = vm.call_method(o, "readline", &[])?;
        if pystr::data(&l).is_none() {
            return Err(
                vm.os_error(format!("readline() should have returned a str object, not '{:.200}'", tp_name(&l)))
            );
        }
        l
    };
    if pystr::len(&line) == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

fn stringio_truncate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "truncate", a, kw, 0, 1)?;
    let s = sio(vm, o)?;
    check_init(vm, s)?;
    let size = optional_ssize(vm, a.first(), s.pos.get() as isize)?;
    let s = checked(vm, o)?;
    if size < 0 {
        return Err(vm.value_error(format!("Negative size value {size}")));
    }
    let mut buf = s.buf.borrow_mut();
    if (size as usize) < buf.len() {
        buf.truncate(size as usize);
    }
    Ok(vm.new_int(size as i64))
}

fn stringio_seek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "seek", a, kw, 1, 2)?;
    let pos = super::ssize_arg(vm, &a[0])?;
    let whence = match a.get(1) {
        Some(w) => super::c_int_arg(vm, w)?,
        None => 0,
    };
    let s = checked(vm, o)?;
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.os_error("Can't do nonzero cur-relative seeks"));
    }
    let new = match whence {
        1 => s.pos.get(),
        2 => s.buf.borrow().len(),
        _ => pos as usize,
    };
    s.pos.set(new);
    Ok(vm.new_usize(new))
}

fn stringio_getstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "__getstate__", a, kw)?;
    let s = checked(vm, o)?;
    let value = vm.new_str_from_code_points(&s.buf.borrow());
    let d = match o.instance_dict() {
        Some(d) if dict::len(&d) > 0 => vm.call_method(&d, "copy", &[])?,
        _ => vm.none(),
    };
    let readnl = s.readnl.get().unwrap_or_else(|| vm.none());
    Ok(vm.new_tuple(vec![value, readnl, vm.new_usize(s.pos.get()), d]))
}

fn stringio_setstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "__setstate__", a, kw, 1, 1)?;
    let state = &a[0];
    let s = sio(vm, o)?;
    if s.closed.get() {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    let items = match super::tuple_items(vm, state) {
        Some(i) if i.len() >= 4 => i,
        _ => {
            return Err(vm.type_error(format!(
                "{}.__setstate__ argument should be 4-tuple, got {}",
                tp_name(o),
                tp_name(state)
            )))
        }
    };
    init_impl(vm, o, Some(items[0].clone()), Some(items[1].clone()))?;
    // The value was translated once already: replace the buffer as is.
    *s.buf.borrow_mut() = code_points(&items[0]);
    let position = &items[2];
    if int::value(position).is_none() {
        return Err(vm.type_error(format!("third item of state must be an integer, got {:.200}", tp_name(position))));
    }
    let pos = super::ssize_arg(vm, position)?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    s.pos.set(pos as usize);
    let d = &items[3];
    if !vm.is_none(d) {
        if !vm.isinstance_type(d, &vm.ctx.types.dict) {
            return Err(vm.type_error(format!("fourth item of state should be a dict, got a {:.200}", tp_name(d))));
        }
        let own = vm.getattr_str(o, "__dict__")?;
        vm.call_method(&own, "update", std::slice::from_ref(d))?;
    }
    Ok(vm.none())
}
