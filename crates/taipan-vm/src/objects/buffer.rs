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

/// A buffer exported by a payload defined outside the VM (array.array,
/// mmap.mmap: CPython's `bf_getbuffer`/`bf_releasebuffer`). The payload
/// returns itself from `PyPayload::as_buffer`; memoryview and the helpers
/// below then read and write its memory through these methods.
pub trait BufferExport {
    /// The struct format of one item (`"B"`, `"i"`, `"w"`).
    fn buffer_format(&self) -> &'static str;
    fn buffer_itemsize(&self) -> usize;
    fn buffer_readonly(&self) -> bool;
    /// May the buffer be taken now (a closed mmap: ValueError)?
    fn buffer_check(&self, _vm: &Vm) -> PyResult<()> {
        Ok(())
    }
    /// Call `f` exactly once with the exported bytes (empty once closed).
    fn buffer_read(&self, f: &mut dyn FnMut(&[u8]));
    /// Call `f` once with the bytes for writing; false (without calling
    /// it) for a read-only buffer.
    fn buffer_write(&self, f: &mut dyn FnMut(&mut [u8])) -> bool;
    /// A view was taken (`delta` 1) or released (-1): while any is alive
    /// the exporter must not resize or free its memory.
    fn buffer_export(&self, delta: isize);
    /// An exporter that re-exports a view it holds (`pickle.PickleBuffer`)
    /// returns that memoryview: `memoryview(o)` then copies its format,
    /// shape and strides instead of making a 1-D view of the bytes.
    fn buffer_view(&self) -> Option<Obj> {
        None
    }
}

/// A buffer export native code keeps between calls (CPython's `Py_buffer`
/// a regex scanner holds): while it lives, a bytearray (or an array,
/// mmap, ...) cannot change size; dropping it releases the export.
pub struct HeldExport(Obj);

impl HeldExport {
    /// Hold an export of `o` if it is a resizable exporter (bytes and
    /// memoryviews need none: they never resize, or hold one themselves).
    pub fn hold(o: &Obj) -> Option<HeldExport> {
        if let Some(d) = bytearray::data(o) {
            d.add_export();
        } else {
            exporter(o)?.buffer_export(1);
        }
        Some(HeldExport(o.clone()))
    }
}

impl Drop for HeldExport {
    fn drop(&mut self) {
        if let Some(d) = bytearray::data(&self.0) {
            d.remove_export();
        } else if let Some(e) = exporter(&self.0) {
            e.buffer_export(-1);
        }
    }
}

/// The exporter behind `o`, if its payload exports a buffer.
pub fn exporter(o: &Obj) -> Option<&dyn BufferExport> {
    (o.class().buffer_payload)(o)
}

/// Read an exporter's bytes.
pub fn read_export<R>(e: &dyn BufferExport, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut f = Some(f);
    let mut out = None;
    e.buffer_read(&mut |b| out = f.take().map(|f| f(b)));
    match out {
        Some(r) => r,
        None => (f.take().expect("buffer_read did not call its closure"))(&[]),
    }
}

/// Write an exporter's bytes (None if it is read-only).
pub fn write_export<R>(e: &dyn BufferExport, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
    let mut f = Some(f);
    let mut out = None;
    if !e.buffer_write(&mut |b| out = f.take().map(|f| f(b))) {
        return None;
    }
    out
}

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
    if let Some(e) = exporter(o) {
        e.buffer_check(vm)?;
        if let Some(view) = e.buffer_view() {
            return with_bytes(vm, &view, f);
        }
        return Ok(read_export(e, f));
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
    bytes::as_bytes_ref(o).is_some()
        || bytearray::data(o).is_some()
        || memoryview::data(o).is_some()
        || exporter(o).is_some()
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
        return Err(vm.type_error(format!("{what} must be read-write bytes-like object, not memoryview")));
    }
    if let Some(e) = exporter(o) {
        e.buffer_check(vm)?;
        if let Some(view) = e.buffer_view() {
            return with_writable(vm, &view, what, f);
        }
        if let Some(r) = write_export(e, f) {
            return Ok(r);
        }
    }
    if is_bytes_like(o) {
        return Err(vm.type_error(format!("{what} must be read-write bytes-like object, not {}", o.class().name())));
    }
    Err(vm.type_error(format!("{what} must be read-write bytes-like object, not {}", o.class().name())))
}

/// Read the bytes a memoryview shows, in C order (copied when the view is
/// not contiguous; empty once released): for an exporter that re-exports a
/// view (`BufferExport::buffer_view`).
pub fn view_read(view: &Obj, f: &mut dyn FnMut(&[u8])) {
    let mut f = Some(f);
    if let Some(()) = memoryview::with_contiguous(view, |b| {
        if let Some(f) = f.take() {
            f(b)
        }
    }) {
        return;
    }
    if let Some(f) = f.take() {
        f(&memoryview::to_bytes(view).unwrap_or_default())
    }
}

/// Write the bytes of a writable, C-contiguous memoryview; false (without
/// calling `f`) when it is read-only, released or not contiguous.
pub fn view_write(view: &Obj, f: &mut dyn FnMut(&mut [u8])) -> bool {
    memoryview::with_writable(view, f).is_some()
}
