//! CPython's `Modules/_sqlite/util.c` and the module state of `module.h`:
//! the exception an SQLite error code maps to (`_pysqlite_seterror`), the
//! conversions between SQLite values and Python objects shared by cursors
//! and user-defined functions, and the per-interpreter objects of the
//! module (its exception classes, types, adapters and converters).

use super::constants::RESULT_CODES;
use libsqlite3_sys as ffi;
use std::cell::Cell;
use std::ffi::{c_int, CStr};
use std::rc::Rc;
use taipan_vm::api::{bytes, int, str as pystr, Obj, PyErr, PyResult, Vm};

// Keys of the module's objects in the interpreter's table.
pub(crate) const WARNING: &str = "sqlite3.Warning";
pub(crate) const ERROR: &str = "sqlite3.Error";
pub(crate) const INTERFACE_ERROR: &str = "sqlite3.InterfaceError";
pub(crate) const DATABASE_ERROR: &str = "sqlite3.DatabaseError";
pub(crate) const DATA_ERROR: &str = "sqlite3.DataError";
pub(crate) const OPERATIONAL_ERROR: &str = "sqlite3.OperationalError";
pub(crate) const INTEGRITY_ERROR: &str = "sqlite3.IntegrityError";
pub(crate) const INTERNAL_ERROR: &str = "sqlite3.InternalError";
pub(crate) const PROGRAMMING_ERROR: &str = "sqlite3.ProgrammingError";
pub(crate) const NOT_SUPPORTED_ERROR: &str = "sqlite3.NotSupportedError";
pub(crate) const CONNECTION_TYPE: &str = "sqlite3.Connection";
pub(crate) const CURSOR_TYPE: &str = "sqlite3.Cursor";
pub(crate) const ROW_TYPE: &str = "sqlite3.Row";
pub(crate) const PREPARE_PROTOCOL_TYPE: &str = "sqlite3.PrepareProtocol";
pub(crate) const BLOB_TYPE: &str = "sqlite3.Blob";
pub(crate) const STATEMENT_TYPE: &str = "sqlite3.Statement";
pub(crate) const ADAPTERS: &str = "sqlite3.adapters";
pub(crate) const CONVERTERS: &str = "sqlite3.converters";
/// True once an adapter was registered for int, float, str or bytearray
/// (CPython's `BaseTypeAdapted`): then even those go through `adapt`.
pub(crate) const BASE_TYPE_ADAPTED: &str = "sqlite3.BaseTypeAdapted";
pub(crate) const CALLBACK_TRACEBACKS: &str = "sqlite3.enable_callback_tracebacks";

/// One of the module's objects (None before the module's `init`).
pub(crate) fn state(vm: &Vm, key: &str) -> Obj {
    vm.lazy_types.borrow().get(key).cloned().unwrap_or_else(|| vm.none())
}

pub(crate) fn flag(vm: &Vm, key: &str) -> bool {
    vm.lazy_types.borrow().get(key).is_some_and(|o| !vm.is_none(o))
}

pub(crate) fn set_flag(vm: &Vm, key: &'static str, on: bool) {
    let v = if on { vm.bool_obj(true) } else { vm.none() };
    vm.lazy_types.borrow_mut().insert(key, v);
}

/// An exception of one of the module's classes.
pub(crate) fn error(vm: &Vm, key: &str, msg: &str) -> PyErr {
    vm.new_exception_msg(&state(vm, key), msg)
}

pub(crate) fn programming_error(vm: &Vm, msg: &str) -> PyErr {
    error(vm, PROGRAMMING_ERROR, msg)
}

pub(crate) fn operational_error(vm: &Vm, msg: &str) -> PyErr {
    error(vm, OPERATIONAL_ERROR, msg)
}

/// The name of a result code (`sqlite_errorname`), "unknown" if none.
pub(crate) fn error_name(code: c_int) -> &'static str {
    RESULT_CODES.iter().find(|(_, v)| *v == code as i64).map_or("unknown", |(n, _)| n)
}

/// The exception class of a primary result code (`_pysqlite_seterror`).
fn exception_key(primary: c_int) -> Option<&'static str> {
    Some(match primary {
        ffi::SQLITE_INTERNAL | ffi::SQLITE_NOTFOUND => INTERNAL_ERROR,
        ffi::SQLITE_NOMEM => return None,
        ffi::SQLITE_ERROR
        | ffi::SQLITE_PERM
        | ffi::SQLITE_ABORT
        | ffi::SQLITE_BUSY
        | ffi::SQLITE_LOCKED
        | ffi::SQLITE_READONLY
        | ffi::SQLITE_INTERRUPT
        | ffi::SQLITE_IOERR
        | ffi::SQLITE_FULL
        | ffi::SQLITE_CANTOPEN
        | ffi::SQLITE_PROTOCOL
        | ffi::SQLITE_EMPTY
        | ffi::SQLITE_SCHEMA => OPERATIONAL_ERROR,
        ffi::SQLITE_CORRUPT => DATABASE_ERROR,
        ffi::SQLITE_TOOBIG => DATA_ERROR,
        ffi::SQLITE_CONSTRAINT | ffi::SQLITE_MISMATCH => INTEGRITY_ERROR,
        ffi::SQLITE_MISUSE | ffi::SQLITE_RANGE => INTERFACE_ERROR,
        _ => DATABASE_ERROR,
    })
}

/// The exception for an error code and message, with CPython's
/// `sqlite_errorcode` and `sqlite_errorname` attributes.
pub(crate) fn error_from_code(vm: &Vm, code: c_int, msg: &str) -> PyErr {
    let Some(key) = exception_key(code & 0xff) else {
        return vm.memory_error();
    };
    let err = error(vm, key, msg);
    let exc = err.value().clone();
    let set = vm
        .setattr_str(&exc, "sqlite_errorcode", &vm.new_int(code as i64))
        .and_then(|_| vm.setattr_str(&exc, "sqlite_errorname", &vm.new_str(error_name(code))));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The error of the last failed call on `db` (`_pysqlite_seterror`).
pub(crate) fn db_error(vm: &Vm, db: *mut ffi::sqlite3) -> PyErr {
    // SAFETY: `db` is an open connection handle (or null, which SQLite
    // answers with SQLITE_NOMEM and a static message).
    let (code, msg) = unsafe { (ffi::sqlite3_extended_errcode(db), cstr_lossy(ffi::sqlite3_errmsg(db))) };
    error_from_code(vm, code, &msg)
}

/// A C string SQLite returned, as Rust text (never fails).
pub(crate) fn cstr_lossy(p: *const std::ffi::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: SQLite returns NUL-terminated strings valid until the next
    // call on the same object; the text is copied at once.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// The UTF-8 bytes of a str, as CPython's `PyUnicode_AsUTF8AndSize`
/// (a lone surrogate raises UnicodeEncodeError).
pub(crate) fn utf8(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if let Some(s) = pystr::as_str(o) {
        return Ok(s.as_bytes().to_vec());
    }
    let b = vm.call_method(o, "encode", &[vm.new_str("utf-8")])?;
    Ok(bytes::as_bytes(&b).unwrap_or_default())
}

/// Text SQLite produced (UTF-8) as a str, UnicodeDecodeError if it is not.
pub(crate) fn decode_utf8(vm: &Vm, b: &[u8]) -> PyResult<Obj> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(vm.new_str(s)),
        Err(_) => vm.call_method(&vm.new_bytes(b.to_vec()), "decode", &[vm.new_str("utf-8")]),
    }
}

/// An int as SQLite's 64-bit integer (`_pysqlite_long_as_int64`).
pub(crate) fn as_int64(vm: &Vm, o: &Obj) -> PyResult<i64> {
    match int::value(o) {
        Some(int::IntValue::Small(v)) => Ok(*v),
        _ => {
            let b = vm.to_bigint(o)?;
            i64::try_from(b).map_err(|_| vm.overflow_error("Python int too large to convert to SQLite INTEGER"))
        }
    }
}

/// The interpreter a callback from SQLite runs in: set for the duration of
/// each call into SQLite that may call back (prepare, step, exec, backup),
/// shared by the connection and the data of every callback it registers.
pub(crate) type VmSlot = Rc<Cell<*const Vm>>;

/// Restores the previous interpreter of a `VmSlot` when dropped.
pub(crate) struct VmScope {
    slot: VmSlot,
    prev: *const Vm,
}

impl Drop for VmScope {
    fn drop(&mut self) {
        self.slot.set(self.prev);
    }
}

pub(crate) fn enter(slot: &VmSlot, vm: &Vm) -> VmScope {
    let prev = slot.replace(vm as *const Vm);
    VmScope { slot: slot.clone(), prev }
}

/// The interpreter a callback runs in, None outside a call into SQLite.
pub(crate) fn current_vm(slot: &VmSlot) -> Option<&Vm> {
    let p = slot.get();
    // SAFETY: the slot holds a pointer only while a `VmScope` made from a
    // live `&Vm` of this thread exists (the callbacks run synchronously
    // inside that call into SQLite, on the same thread).
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Report an exception raised in a callback as CPython's
/// `print_or_clear_traceback`: printed when `enable_callback_tracebacks`
/// is on, dropped otherwise.
pub(crate) fn print_or_clear(vm: &Vm, err: &PyErr, callable: &Obj) {
    if flag(vm, CALLBACK_TRACEBACKS) {
        write_unraisable(vm, err, callable);
    }
}

// The bundled library has `sqlite3_close_v2` (SQLite 3.7.14+), but the
// crate's pre-generated bindings leave it out.
unsafe extern "C" {
    /// Close `db` once its last statement, blob and backup are finished
    /// (a "zombie" until then), instead of failing with SQLITE_BUSY.
    pub(crate) fn sqlite3_close_v2(db: *mut ffi::sqlite3) -> c_int;
}

/// An index as `Py_ssize_t`, IndexError when it does not fit
/// (`PyNumber_AsSsize_t(item, PyExc_IndexError)`).
pub(crate) fn index_as_isize(vm: &Vm, o: &Obj) -> PyResult<isize> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) => isize::try_from(v).map_err(|_| index_too_big(vm)),
        int::IntValue::Big(_) => Err(index_too_big(vm)),
    }
}

fn index_too_big(vm: &Vm) -> PyErr {
    vm.index_error("cannot fit 'int' into an index-sized integer")
}

/// The bytes of a C-contiguous buffer (`PyObject_GetBuffer` with
/// PyBUF_SIMPLE): BufferError for a strided memoryview.
pub(crate) fn contiguous_bytes(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if vm.isinstance_type(o, &vm.ctx.types.memoryview) {
        let c = vm.getattr_str(o, "c_contiguous")?;
        if !vm.is_true(&c)? {
            return Err(vm.new_exception_msg(
                &vm.ctx.exceptions.buffer_error,
                "memoryview: underlying buffer is not C-contiguous",
            ));
        }
    }
    taipan_vm::api::buffer::with_bytes(vm, o, |b| b.to_vec())
}

/// `PyErr_WriteUnraisable(obj)`: `sys.unraisablehook` with the exception
/// and `obj`, or the interpreter's own report when there is no hook.
pub(crate) fn write_unraisable(vm: &Vm, err: &PyErr, obj: &Obj) {
    let hook = taipan_vm::api::sys::sys_attr(vm, "unraisablehook");
    let Some(hook) = hook.filter(|h| !vm.is_none(h)) else {
        vm.write_unraisable(err, Some(obj));
        return;
    };
    let exc = err.value().clone();
    let tb = vm.getattr_str(&exc, "__traceback__").unwrap_or_else(|_| vm.none());
    let names = vm.new_tuple(
        ["exc_type", "exc_value", "exc_traceback", "err_msg", "object"].iter().map(|n| vm.new_str(n)).collect(),
    );
    let values = [exc.class_obj(), exc, tb, vm.none(), obj.clone()];
    let args = vm.call(&vm.ctx.types.simple_namespace, &values, Some(&names));
    if let Err(e) = args.and_then(|a| vm.call1(&hook, a)) {
        vm.write_unraisable(&e, Some(&hook));
    }
}

/// No `Type()` from Python (`Py_TPFLAGS_DISALLOW_INSTANTIATION`).
pub(crate) fn disallow_instantiation(ty: &Obj) {
    if let Some(t) = ty.payload::<taipan_vm::api::types::TypeObject>() {
        t.slots.new.set(None);
    }
}
