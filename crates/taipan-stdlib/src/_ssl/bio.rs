//! `MemoryBIO` (CPython's `PySSLMemoryBIO`): a byte queue an SSL object
//! reads its incoming records from or writes its outgoing ones to, for
//! TLS over transports the program drives itself (`ssl.SSLObject`).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use taipan_vm::api::types::{payload_or_err, GetSetDef, MethodDef};
use taipan_vm::api::{args, buffer, Obj, PyPayload, PyResult, Vm};

use super::errors;

/// The queue itself, shared with the SSL object's transport.
#[derive(Default)]
pub(super) struct BioBuf {
    pub data: VecDeque<u8>,
    /// `write_eof()` was called: once drained, reads see end of file.
    pub eof_written: bool,
}

pub(super) type SharedBuf = Rc<RefCell<BioBuf>>;

pub(super) struct MemoryBio {
    pub buf: SharedBuf,
}
impl PyPayload for MemoryBio {}

pub(super) const KEY: &str = "_ssl.MemoryBIO";

pub(super) fn bio<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a MemoryBio> {
    payload_or_err::<MemoryBio>(vm, o, KEY)
}

pub(super) fn bio_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if !a.is_empty() && k.is_none_or(|k| taipan_vm::api::tuple::len(k) < a.len()) {
        return Err(vm.type_error("MemoryBIO() takes no positional arguments"));
    }
    crate::support::no_kwargs(vm, "MemoryBIO", k)?;
    crate::support::alloc(vm, cls, KEY, MemoryBio { buf: Rc::new(RefCell::new(BioBuf::default())) })
}

fn bio_read(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "read", a, k, &["size"], 0)?;
    let size = match &p[0] {
        Some(s) => crate::support::ssize_arg(vm, s)?,
        None => -1,
    };
    let b = bio(vm, o)?;
    let mut buf = b.buf.borrow_mut();
    let n = if size < 0 { buf.data.len() } else { (size as usize).min(buf.data.len()) };
    let out: Vec<u8> = buf.data.drain(..n).collect();
    drop(buf);
    Ok(vm.new_bytes(out))
}

fn bio_write(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data] = args::exact::<1>(vm, "write", a, k)?;
    if !buffer::is_bytes_like(&data) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", data.class().name())));
    }
    let b = bio(vm, o)?;
    if b.buf.borrow().eof_written {
        return Err(errors::raise_args(vm, "SSLError", vec![vm.new_str("cannot write() after write_eof()")]));
    }
    // A non-contiguous view is CPython's BufferError (`Py_buffer` argument).
    let n = buffer::with_simple_bytes(vm, &data, |d| {
        b.buf.borrow_mut().data.extend(d.iter().copied());
        d.len()
    })?;
    Ok(vm.new_usize(n))
}

fn bio_write_eof(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "write_eof", a, k)?;
    bio(vm, o)?.buf.borrow_mut().eof_written = true;
    Ok(vm.none())
}

pub(super) const METHODS: &[MethodDef] = &[
    MethodDef::method("read", bio_read),
    MethodDef::method("write", bio_write),
    MethodDef::method("write_eof", bio_write_eof),
];

pub(super) const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("pending", |vm, o| Ok(vm.new_usize(bio(vm, o)?.buf.borrow().data.len())), None),
    GetSetDef::new(
        "eof",
        |vm, o| {
            let b = bio(vm, o)?.buf.borrow();
            Ok(vm.bool_obj(b.eof_written && b.data.is_empty()))
        },
        None,
    ),
];
