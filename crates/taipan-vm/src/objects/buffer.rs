//! The buffer protocol as native code sees it (CPython's `PyObject_GetBuffer`
//! with `PyBUF_SIMPLE` or `PyBUF_WRITABLE`): the bytes of bytes, bytearray
//! and memoryview objects.
//!
//! The closures given here see the object's memory directly: they must not
//! run Python code (take no `&Vm`), so the memory cannot be resized or freed
//! while they run (DESIGN invariant 5).

use crate::object::Obj;
use crate::objects::{bytearray, bytes, memoryview};
use crate::vm::{PyResult, Vm};

/// Run `f` on the bytes of a bytes-like object (copying only a
/// non-contiguous memoryview), or CPython's TypeError "a bytes-like object
/// is required, not 'T'".
pub fn with_bytes<R>(vm: &Vm, o: &Obj, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    if let Some(b) = bytes::as_bytes_ref(o) {
        return Ok(f(b));
    }
    if let Some(d) = bytearray::data(o) {
        return Ok(d.with(|v| f(v)));
    }
    if memoryview::data(o).is_some() {
        memoryview::check_live(vm, o)?;
        let mut f = Some(f);
        if let Some(r) = memoryview::with_contiguous(o, |b| (f.take().expect("called once"))(b)) {
            return Ok(r);
        }
        let copy = memoryview::to_bytes(o).unwrap_or_default();
        return Ok((f.take().expect("not called yet"))(&copy));
    }
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", o.class().name())))
}

/// As `with_bytes`, but a non-contiguous memoryview is CPython's
/// BufferError (`PyObject_GetBuffer` with `PyBUF_SIMPLE`, what Argument
/// Clinic's `Py_buffer` arguments ask for).
pub fn with_simple_bytes<R>(vm: &Vm, o: &Obj, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    if memoryview::data(o).is_some() {
        memoryview::check_live(vm, o)?;
        let mut f = Some(f);
        if let Some(Some(r)) = memoryview::with_contiguous(o, |b| f.take().map(|f| f(b))) {
            return Ok(r);
        }
        return Err(
            vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "memoryview: underlying buffer is not C-contiguous")
        );
    }
    with_bytes(vm, o, f)
}

/// Is `o` a bytes-like object (has a buffer)?
pub fn is_bytes_like(o: &Obj) -> bool {
    bytes::as_bytes_ref(o).is_some() || bytearray::data(o).is_some() || memoryview::data(o).is_some()
}

/// Run `f` on the memory of a writable bytes-like object (a bytearray, or a
/// writable contiguous memoryview of one); `what` starts the TypeError
/// otherwise ("readinto() argument" gives "readinto() argument must be
/// read-write bytes-like object, not bytes").
pub fn with_writable<R>(vm: &Vm, o: &Obj, what: &str, f: impl FnOnce(&mut [u8]) -> R) -> PyResult<R> {
    if let Some(d) = bytearray::data(o) {
        return Ok(d.with(|v| f(&mut v[..])));
    }
    if memoryview::data(o).is_some() {
        memoryview::check_live(vm, o)?;
        let mut f = Some(f);
        if let Some(r) = memoryview::with_writable(o, |b| (f.take().expect("called once"))(b)) {
            return Ok(r);
        }
        if f.is_some() {
            return Err(vm.type_error(format!("{what} must be read-write bytes-like object, not memoryview")));
        }
    }
    if is_bytes_like(o) {
        return Err(vm.type_error(format!("{what} must be read-write bytes-like object, not {}", o.class().name())));
    }
    Err(vm.type_error(format!("{what} must be read-write bytes-like object, not {}", o.class().name())))
}
