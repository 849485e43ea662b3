//! CPython's `Modules/_sqlite/blob.c`: `sqlite3.Blob`, incremental I/O on
//! one BLOB value (`Connection.blobopen`): read, write, seek, tell,
//! indexing and slicing by bytes, and the context manager.

use super::connection;
use super::util::{self, programming_error};
use libsqlite3_sys as ffi;
use std::cell::Cell;
use std::ffi::{c_int, CString};
use std::ptr;
use taipan_vm::api::args::{parse_spec, ArgSpec};
use taipan_vm::api::types::{alloc_instance, new_type, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{int, Obj, PyPayload, PyResult, Vm};

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

pub(crate) struct Blob {
    connection: Obj,
    blob: Cell<*mut ffi::sqlite3_blob>,
    offset: Cell<c_int>,
    length: c_int,
}

impl PyPayload for Blob {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.connection);
    }
}

impl Drop for Blob {
    fn drop(&mut self) {
        self.close();
    }
}

impl Blob {
    fn close(&self) {
        let b = self.blob.replace(ptr::null_mut());
        if !b.is_null() {
            // SAFETY: a handle from sqlite3_blob_open, closed once.
            unsafe { ffi::sqlite3_blob_close(b) };
        }
    }

    /// `check_blob`: the connection is open and the blob is not closed.
    fn check(&self, vm: &Vm) -> PyResult<(*mut ffi::sqlite3, *mut ffi::sqlite3_blob)> {
        let (_, db) = connection::cursor_view(vm, &self.connection)?;
        let b = self.blob.get();
        if b.is_null() {
            return Err(programming_error(vm, "Cannot operate on a closed blob."));
        }
        Ok((db, b))
    }

    fn read_at(&self, vm: &Vm, len: c_int, offset: c_int) -> PyResult<Vec<u8>> {
        let (db, b) = self.check(vm)?;
        let mut buf: Vec<u8> = vm.try_vec(len.max(0) as usize)?;
        buf.resize(len.max(0) as usize, 0);
        // SAFETY: a live blob handle; `buf` has room for `len` bytes.
        let rc = unsafe { ffi::sqlite3_blob_read(b, buf.as_mut_ptr().cast(), len, offset) };
        if rc != ffi::SQLITE_OK {
            return Err(util::db_error(vm, db));
        }
        Ok(buf)
    }

    fn write_at(&self, vm: &Vm, data: &[u8], offset: c_int) -> PyResult<()> {
        let (db, b) = self.check(vm)?;
        // SAFETY: a live blob handle; `data` holds `data.len()` bytes (at
        // most the blob's length, checked by the callers).
        let rc = unsafe { ffi::sqlite3_blob_write(b, data.as_ptr().cast(), data.len() as c_int, offset) };
        if rc != ffi::SQLITE_OK {
            return Err(util::db_error(vm, db));
        }
        Ok(())
    }
}

fn blob_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Blob> {
    payload_or_err::<Blob>(vm, o, "sqlite3.Blob")
}

fn str_arg(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<CString> {
    if taipan_vm::api::str::data(o).is_none() {
        return Err(vm.type_error(format!("{fname}() {what} must be str, not {}", vm.type_name(o))));
    }
    CString::new(util::utf8(vm, o)?).map_err(|_| vm.value_error("embedded null character"))
}

/// `Connection.blobopen(table, column, row, /, *, readonly=False, name="main")`.
pub(crate) fn blobopen(vm: &Vm, conn: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let names = &["table", "column", "row", "readonly", "name"];
    let spec = ArgSpec { fname: "blobopen", names, posonly: 3, required: 3, kwonly_from: 3 };
    let p = parse_spec(vm, &spec, a, k)?;
    let none = vm.none();
    let table = str_arg(vm, "blobopen", "argument 1", p[0].as_ref().unwrap_or(&none))?;
    let column = str_arg(vm, "blobopen", "argument 2", p[1].as_ref().unwrap_or(&none))?;
    let row_obj = p[2].clone().unwrap_or_else(|| vm.none());
    if !vm.isinstance_type(&row_obj, &vm.ctx.types.int) {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&row_obj))));
    }
    let row = util::as_int64(vm, &row_obj)?;
    let readonly = match &p[3] {
        Some(r) => vm.is_true(r)?,
        None => false,
    };
    let name = match &p[4] {
        Some(n) => str_arg(vm, "blobopen", "argument 'name'", n)?,
        None => CString::from(c"main"),
    };
    let (_, db) = connection::cursor_view(vm, conn)?;
    let mut blob: *mut ffi::sqlite3_blob = ptr::null_mut();
    // SAFETY: an open handle, NUL-terminated names; `blob` is an
    // out-parameter owned by the Blob object on success.
    let rc = unsafe {
        ffi::sqlite3_blob_open(db, name.as_ptr(), table.as_ptr(), column.as_ptr(), row, (!readonly) as c_int, &mut blob)
    };
    if rc == ffi::SQLITE_MISUSE {
        // SAFETY: a static message.
        let msg = util::cstr_lossy(unsafe { ffi::sqlite3_errstr(rc) });
        return Err(util::error(vm, util::INTERFACE_ERROR, &msg));
    }
    if rc != ffi::SQLITE_OK {
        return Err(util::db_error(vm, db));
    }
    // SAFETY: a live blob handle.
    let length = unsafe { ffi::sqlite3_blob_bytes(blob) };
    let ty = util::state(vm, util::BLOB_TYPE);
    alloc_instance(vm, &ty, &ty, Blob { connection: conn.clone(), blob: Cell::new(blob), offset: Cell::new(0), length })
}

fn int_param(vm: &Vm, o: &Obj) -> PyResult<c_int> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.index(o)?;
    let big = match int::value(&v) {
        Some(int::IntValue::Small(i)) => return c_int::try_from(*i).map_err(|_| too_big_int(vm, *i > 0)),
        _ => vm.to_bigint(&v)?,
    };
    Err(too_big_int(vm, big.sign() == num_bigint::Sign::Plus))
}

fn too_big_int(vm: &Vm, positive: bool) -> taipan_vm::api::PyErr {
    if positive {
        vm.overflow_error("Python int too large to convert to C int")
    } else {
        vm.overflow_error("Python int too small to convert to C int")
    }
}

fn blob_read(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "read", a, k, 0, 1)?;
    let b = blob_of(vm, o)?;
    let mut len = match a.first() {
        Some(l) => int_param(vm, l)?,
        None => -1,
    };
    b.check(vm)?;
    if len < 0 {
        len = b.length;
    }
    len = len.min(b.length - b.offset.get());
    let data = b.read_at(vm, len, b.offset.get())?;
    b.offset.set(b.offset.get() + len);
    Ok(vm.new_bytes(data))
}

fn blob_write(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [data] = taipan_vm::api::args::exact::<1>(vm, "write", a, k)?;
    let b = blob_of(vm, o)?;
    let data = util::contiguous_bytes(vm, &data)?;
    b.check(vm)?;
    if data.len() > c_int::MAX as usize {
        return Err(vm.overflow_error("data longer than INT_MAX bytes"));
    }
    if data.len() as i64 > (b.length - b.offset.get()) as i64 {
        return Err(vm.value_error("data longer than blob length"));
    }
    b.write_at(vm, &data, b.offset.get())?;
    b.offset.set(b.offset.get() + data.len() as c_int);
    Ok(vm.none())
}

fn blob_seek(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "seek", a, k, 1, 2)?;
    let b = blob_of(vm, o)?;
    let offset = int_param(vm, &a[0])?;
    let origin = match a.get(1) {
        Some(x) => int_param(vm, x)?,
        None => 0,
    };
    b.check(vm)?;
    let overflow = || vm.overflow_error("seek offset results in overflow");
    let target = match origin {
        0 => offset,
        1 => b.offset.get().checked_add(offset).ok_or_else(overflow)?,
        2 => b.length.checked_add(offset).ok_or_else(overflow)?,
        _ => return Err(vm.value_error("'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END")),
    };
    if target < 0 || target > b.length {
        return Err(vm.value_error("offset out of blob range"));
    }
    b.offset.set(target);
    Ok(vm.none())
}

fn blob_tell(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "tell", a, k)?;
    let b = blob_of(vm, o)?;
    b.check(vm)?;
    Ok(vm.new_int(b.offset.get() as i64))
}

fn blob_close(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", a, k)?;
    let b = blob_of(vm, o)?;
    connection::cursor_view(vm, &b.connection)?;
    b.close();
    Ok(vm.none())
}

fn blob_enter(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__enter__", a, k)?;
    blob_of(vm, o)?.check(vm)?;
    Ok(o.clone())
}

fn blob_exit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    crate::support::positional(vm, "__exit__", a, k, 3, 3)?;
    let b = blob_of(vm, o)?;
    b.check(vm)?;
    b.close();
    Ok(vm.bool_obj(false))
}

fn blob_length(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let b = blob_of(vm, o)?;
    b.check(vm)?;
    Ok(b.length as usize)
}

/// An index within the blob (negative from the end), IndexError outside.
fn blob_index(vm: &Vm, b: &Blob, item: &Obj) -> PyResult<c_int> {
    let mut i = util::index_as_isize(vm, item)?;
    if i < 0 {
        i += b.length as isize;
    }
    if i < 0 || i >= b.length as isize {
        return Err(vm.index_error("Blob index out of range"));
    }
    Ok(i as c_int)
}

/// (start, stop, step, slicelength) of a slice over the blob.
fn slice_bounds(vm: &Vm, b: &Blob, item: &Obj) -> PyResult<(isize, isize, isize, usize)> {
    let t = vm.call_method(item, "indices", &[vm.new_int(b.length as i64)])?;
    let v = vm.to_vec(&t)?;
    if v.len() != 3 {
        return Err(vm.type_error("slice.indices() must return a 3-tuple"));
    }
    // A step past isize selects at most one item, as isize::MAX does.
    let step = vm.index_to_isize_clamped(&v[2])?.max(-isize::MAX);
    let (start, stop) = (vm.index_to_isize(&v[0])?, vm.index_to_isize(&v[1])?);
    let n = if step > 0 && stop > start {
        ((stop - start - 1) / step + 1) as usize
    } else if step < 0 && start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, n))
}

fn blob_subscript(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<Obj> {
    let b = blob_of(vm, o)?;
    b.check(vm)?;
    if vm.has_index(item) {
        let i = blob_index(vm, b, item)?;
        let byte = b.read_at(vm, 1, i)?;
        return Ok(vm.new_int(byte.first().copied().unwrap_or(0) as i64));
    }
    if vm.isinstance_type(item, &vm.ctx.types.slice) {
        let (start, stop, step, n) = slice_bounds(vm, b, item)?;
        if n == 0 {
            return Ok(vm.new_bytes(Vec::new()));
        }
        if step == 1 {
            return Ok(vm.new_bytes(b.read_at(vm, n as c_int, start as c_int)?));
        }
        let (lo, hi) = if step > 0 { (start, stop) } else { (stop + 1, start + 1) };
        let whole = b.read_at(vm, (hi - lo) as c_int, lo as c_int)?;
        let out = (0..n).map(|k| whole[(start + k as isize * step - lo) as usize]).collect();
        return Ok(vm.new_bytes(out));
    }
    Err(vm.type_error("Blob indices must be integers"))
}

fn blob_ass_subscript(vm: &Vm, o: &Obj, item: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let b = blob_of(vm, o)?;
    b.check(vm)?;
    if vm.has_index(item) {
        let Some(value) = value else {
            return Err(vm.type_error("Blob doesn't support item deletion"));
        };
        let i = blob_index(vm, b, item)?;
        let byte = byte_value(vm, value)?;
        return b.write_at(vm, &[byte], i);
    }
    if vm.isinstance_type(item, &vm.ctx.types.slice) {
        let Some(value) = value else {
            return Err(vm.type_error("Blob doesn't support slice deletion"));
        };
        let (start, stop, step, n) = slice_bounds(vm, b, item)?;
        let data = util::contiguous_bytes(vm, value)?;
        if data.len() != n {
            return Err(vm.index_error("Blob slice assignment is wrong size"));
        }
        if n == 0 {
            return Ok(());
        }
        if step == 1 {
            return b.write_at(vm, &data, start as c_int);
        }
        let (lo, hi) = if step > 0 { (start, stop) } else { (stop + 1, start + 1) };
        let mut whole = b.read_at(vm, (hi - lo) as c_int, lo as c_int)?;
        for (k, byte) in data.iter().enumerate() {
            whole[(start + k as isize * step - lo) as usize] = *byte;
        }
        return b.write_at(vm, &whole, lo as c_int);
    }
    Err(vm.type_error("Blob indices must be integers"))
}

/// A byte value for `blob[i] = v`: an int in range(0, 256).
fn byte_value(vm: &Vm, v: &Obj) -> PyResult<u8> {
    if !vm.has_index(v) {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
    }
    match vm.index_value(v)? {
        int::IntValue::Small(x) if (0..256).contains(&x) => Ok(x as u8),
        _ => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

/// Blobs are not iterable (no sequence protocol), as in CPython.
fn blob_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Err(vm.type_error(format!("'{}' object is not iterable", o.class().name())))
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", blob_close),
    MethodDef::method("__enter__", blob_enter),
    MethodDef::method("__exit__", blob_exit),
    MethodDef::method("read", blob_read),
    MethodDef::method("seek", blob_seek),
    MethodDef::method("tell", blob_tell),
    MethodDef::method("write", blob_write),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "sqlite3.Blob",
        base: None,
        flags: 0,
        gc: true,
        dict: false,
        weakref: true,
        methods: METHODS,
        getsets: &[],
        doc: None,
    };
    let ty = new_type::<Blob>(vm, &spec, |s| {
        s.mp_length.set(Some(blob_length));
        s.mp_subscript.set(Some(blob_subscript));
        s.mp_ass_subscript.set(Some(blob_ass_subscript));
        s.iter.set(Some(blob_iter));
    });
    util::disallow_instantiation(&ty);
    ty
}
