//! `_dbm` (CPython's `Modules/_dbmmodule.c`): ndbm databases through GNU
//! gdbm's ndbm compatibility library (`libgdbm_compat`, loaded at import
//! with `dlopen`), as Debian's CPython builds it: `library` is "GNU gdbm",
//! a database is the pair of files NAME.dir and NAME.pag.
//!
//! A `_dbm.dbm` object is a mapping of bytes to bytes (str keys and values
//! are stored as their UTF-8) with `keys`, `get`, `setdefault` and `close`.

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::OnceLock;

use taipan_vm::api::types::{payload_or_err, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{dict, module, str as pystr, Obj, PyErr, PyPayload, PyResult, Vm};

use crate::_gdbm::{contains_key_arg, datum_arg, datum_of, str_or_bytes_arg, symbol_as, Datum};
use crate::posix::path;
use crate::support;

const DBM_TYPE: &str = "_dbm.dbm";
const ERROR_TYPE: &str = "_dbm.error";
const CLOSED: &str = "DBM object has already been closed";
const KEYS_ONLY: &str = "dbm mappings have bytes or string keys only";
const ELEMENTS_ONLY: &str = "dbm mappings have bytes or string elements only";

// ndbm.h's store modes.
const DBM_INSERT: c_int = 0;
const DBM_REPLACE: c_int = 1;

/// The ndbm functions of libgdbm_compat, looked up once per process (a C
/// library's symbols, not interpreter state). Datums they return point
/// into the library's own buffers, valid until the next call.
struct Ndbm {
    open: unsafe extern "C" fn(*const c_char, c_int, libc::mode_t) -> *mut c_void,
    close: unsafe extern "C" fn(*mut c_void),
    fetch: unsafe extern "C" fn(*mut c_void, Datum) -> Datum,
    store: unsafe extern "C" fn(*mut c_void, Datum, Datum, c_int) -> c_int,
    delete: unsafe extern "C" fn(*mut c_void, Datum) -> c_int,
    firstkey: unsafe extern "C" fn(*mut c_void) -> Datum,
    nextkey: unsafe extern "C" fn(*mut c_void) -> Datum,
    error: unsafe extern "C" fn(*mut c_void) -> c_int,
    clearerr: unsafe extern "C" fn(*mut c_void) -> c_int,
}

static NDBM: OnceLock<Option<Ndbm>> = OnceLock::new();

fn load_ndbm() -> Option<Ndbm> {
    // SAFETY: dlopen with a NUL-terminated name; the handle stays open for
    // the life of the process, as its functions are used.
    let handle = unsafe { libc::dlopen(c"libgdbm_compat.so.4".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return None;
    }
    let sym = |name: &CStr| {
        // SAFETY: dlsym on a live handle with a NUL-terminated name.
        let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    };
    // SAFETY: each symbol is the ndbm function of the signature the field
    // declares (gdbm's ndbm.h).
    unsafe {
        Some(Ndbm {
            open: symbol_as(sym(c"dbm_open")?),
            close: symbol_as(sym(c"dbm_close")?),
            fetch: symbol_as(sym(c"dbm_fetch")?),
            store: symbol_as(sym(c"dbm_store")?),
            delete: symbol_as(sym(c"dbm_delete")?),
            firstkey: symbol_as(sym(c"dbm_firstkey")?),
            nextkey: symbol_as(sym(c"dbm_nextkey")?),
            error: symbol_as(sym(c"dbm_error")?),
            clearerr: symbol_as(sym(c"dbm_clearerr")?),
        })
    }
}

fn lib() -> Option<&'static Ndbm> {
    NDBM.get_or_init(load_ndbm).as_ref()
}

/// A datum the library returned, copied (None for a null one).
fn copy_datum(d: Datum) -> Option<Vec<u8>> {
    if d.dptr.is_null() {
        return None;
    }
    // SAFETY: a non-null datum from the library points at `dsize` bytes
    // of its buffer, valid until the next library call (none runs here).
    Some(unsafe { std::slice::from_raw_parts(d.dptr as *const u8, d.dsize.max(0) as usize) }.to_vec())
}

struct DbmObject {
    /// The open database; null once closed.
    db: Cell<*mut c_void>,
    /// The open(2) flags it was opened with.
    flags: c_int,
    /// The number of keys, -1 when it must be counted again.
    size: Cell<isize>,
}

impl PyPayload for DbmObject {}

impl Drop for DbmObject {
    fn drop(&mut self) {
        close_db(self);
    }
}

fn close_db(d: &DbmObject) {
    let db = d.db.replace(std::ptr::null_mut());
    if let (false, Some(l)) = (db.is_null(), lib()) {
        // SAFETY: `db` is the handle dbm_open returned, closed once.
        unsafe { (l.close)(db) };
    }
}

fn error_type(vm: &Vm) -> PyResult<Obj> {
    support::exception_type(vm, ERROR_TYPE, "_dbm", "error", &vm.ctx.exceptions.os_error, None)
}

/// `_dbm.error(msg)`.
fn error(vm: &Vm, msg: &str) -> PyErr {
    support::exception_with_msg(vm, error_type(vm), msg)
}

fn dbm_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a DbmObject> {
    payload_or_err::<DbmObject>(vm, o, DBM_TYPE)
}

/// The open handle, or `_dbm.error` when the database was closed.
fn open_handle(vm: &Vm, d: &DbmObject) -> PyResult<(*mut c_void, &'static Ndbm)> {
    let db = d.db.get();
    match lib() {
        Some(l) if !db.is_null() => Ok((db, l)),
        _ => Err(error(vm, CLOSED)),
    }
}

/// The library's error flag after a call: cleared and raised as an empty
/// `_dbm.error`, as CPython does.
fn check_error(vm: &Vm, l: &Ndbm, db: *mut c_void) -> PyResult<()> {
    // SAFETY: a live handle.
    if unsafe { (l.error)(db) } != 0 {
        // SAFETY: as above.
        unsafe { (l.clearerr)(db) };
        return Err(error(vm, ""));
    }
    Ok(())
}

fn fetch(l: &Ndbm, db: *mut c_void, key: &[u8]) -> Option<Vec<u8>> {
    // SAFETY: a live handle and a datum over `key`, alive during the call.
    copy_datum(unsafe { (l.fetch)(db, datum_of(key)) })
}

fn dbm_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let k = datum_arg(vm, key, None)?;
    let (db, l) = open_handle(vm, dbm_of(vm, o)?)?;
    let Some(v) = fetch(l, db, &k) else {
        return Err(vm.key_error(key.clone()));
    };
    check_error(vm, l, db)?;
    Ok(vm.new_bytes(v))
}

fn dbm_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let k = datum_arg(vm, key, Some(KEYS_ONLY))?;
    let d = dbm_of(vm, o)?;
    let (db, l) = open_handle(vm, d)?;
    d.size.set(-1);
    match value {
        None => {
            // SAFETY: a live handle and a datum over `k`.
            if unsafe { (l.delete)(db, datum_of(&k)) } < 0 {
                // SAFETY: a live handle.
                unsafe { (l.clearerr)(db) };
                // A failure of a writable database is taken for a missing key.
                return Err(if d.flags & libc::O_RDWR != 0 {
                    vm.key_error(key.clone())
                } else {
                    error(vm, "cannot delete item from database")
                });
            }
        }
        Some(value) => {
            let v = datum_arg(vm, value, Some(ELEMENTS_ONLY))?;
            // SAFETY: a live handle and datums over `k` and `v`.
            if unsafe { (l.store)(db, datum_of(&k), datum_of(&v), DBM_REPLACE) } < 0 {
                // SAFETY: a live handle.
                unsafe { (l.clearerr)(db) };
                return Err(error(vm, "cannot add item to database"));
            }
        }
    }
    check_error(vm, l, db)
}

fn dbm_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let d = dbm_of(vm, o)?;
    let (db, l) = open_handle(vm, d)?;
    if d.size.get() < 0 {
        let mut n = 0;
        // SAFETY: a live handle; the walk only counts the keys.
        let mut key = unsafe { (l.firstkey)(db) };
        while !key.dptr.is_null() {
            n += 1;
            // SAFETY: as above.
            key = unsafe { (l.nextkey)(db) };
        }
        d.size.set(n);
    }
    Ok(d.size.get() as usize)
}

fn dbm_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    let (db, l) = open_handle(vm, dbm_of(vm, o)?)?;
    let k = contains_key_arg(vm, "dbm", key)?;
    Ok(fetch(l, db, &k).is_some())
}

fn dbm_keys(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "keys", a, k, 0, 0)?;
    let (db, l) = open_handle(vm, dbm_of(vm, o)?)?;
    let mut keys = Vec::new();
    // SAFETY: a live handle; each key is copied before the next call.
    let mut key = copy_datum(unsafe { (l.firstkey)(db) });
    while let Some(cur) = key {
        keys.push(vm.new_bytes(cur));
        // SAFETY: as above.
        key = copy_datum(unsafe { (l.nextkey)(db) });
    }
    Ok(vm.new_list(keys))
}

fn dbm_get(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "get", a, k, 1, 2)?;
    let key = str_or_bytes_arg(vm, "get", "argument 1", &p[0])?;
    let (db, l) = open_handle(vm, dbm_of(vm, o)?)?;
    match fetch(l, db, &key) {
        Some(v) => Ok(vm.new_bytes(v)),
        None => Ok(p.get(1).cloned().unwrap_or_else(|| vm.none())),
    }
}

fn dbm_setdefault(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "setdefault", a, k, 1, 2)?;
    let key = str_or_bytes_arg(vm, "setdefault", "argument 1", &p[0])?;
    let d = dbm_of(vm, o)?;
    let (db, l) = open_handle(vm, d)?;
    if let Some(v) = fetch(l, db, &key) {
        return Ok(vm.new_bytes(v));
    }
    let (default, value) = match p.get(1) {
        Some(v) => (v.clone(), datum_arg(vm, v, Some(ELEMENTS_ONLY))?),
        None => (vm.new_bytes(Vec::new()), Vec::new()),
    };
    d.size.set(-1);
    // SAFETY: a live handle and datums over `key` and `value`.
    if unsafe { (l.store)(db, datum_of(&key), datum_of(&value), DBM_INSERT) } < 0 {
        // SAFETY: a live handle.
        unsafe { (l.clearerr)(db) };
        return Err(error(vm, "cannot add item to database"));
    }
    Ok(default)
}

fn dbm_close(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "close", a, k, 0, 0)?;
    close_db(dbm_of(vm, o)?);
    Ok(vm.none())
}

fn dbm_exit(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    close_db(dbm_of(vm, o)?);
    Ok(vm.none())
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", dbm_close),
    MethodDef::method("keys", dbm_keys),
    MethodDef::method("get", dbm_get),
    MethodDef::method("setdefault", dbm_setdefault),
    MethodDef::method("__enter__", |vm, o, a, k| {
        support::positional(vm, "__enter__", a, k, 0, 0)?;
        Ok(o.clone())
    }),
    MethodDef::method("__exit__", dbm_exit),
];

fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, DBM_TYPE) {
        return t;
    }
    let spec = TypeSpec { name: DBM_TYPE, methods: METHODS, ..Default::default() };
    let t = taipan_vm::api::types::new_type::<DbmObject>(vm, &spec, |s| {
        s.sq_contains.set(Some(dbm_contains));
        s.mp_length.set(Some(dbm_len));
        s.mp_subscript.set(Some(dbm_subscript));
        s.mp_ass_subscript.set(Some(dbm_ass_subscript));
    });
    // Py_TPFLAGS_DISALLOW_INSTANTIATION: only `_dbm.open` makes one.
    if let Some(ty) = t.payload::<TypeObject>() {
        ty.slots.new.set(None);
    }
    support::register_type(vm, DBM_TYPE, &t);
    t
}

/// `open`'s flags as open(2) flags.
fn open_flags(vm: &Vm, flags: &str) -> PyResult<c_int> {
    Ok(match flags {
        "r" => libc::O_RDONLY,
        "w" => libc::O_RDWR,
        // "rw" is kept for backward compatibility.
        "rw" | "c" => libc::O_RDWR | libc::O_CREAT,
        "n" => libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC,
        _ => return Err(error(vm, "arg 2 to open should be 'r', 'w', 'c', or 'n'")),
    })
}

/// `open`'s `flags: str` argument (the clinic's str converter).
fn str_arg(vm: &Vm, o: &Obj) -> PyResult<String> {
    match pystr::as_str(o) {
        Some(s) if !s.contains('\0') => Ok(s.to_string()),
        Some(_) => Err(vm.value_error("embedded null character")),
        None if pystr::data(o).is_some() => {
            vm.call_method(o, "encode", &[])?;
            Err(vm.type_error("expected str"))
        }
        None => Err(vm.type_error(format!("open() argument 2 must be str, not {}", support::short_type_name(o)))),
    }
}

fn dbm_open(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "open", a, k, 1, 3)?;
    let flags = match p.get(1) {
        Some(f) => str_arg(vm, f)?,
        None => "r".to_string(),
    };
    let mode = match p.get(2) {
        Some(m) => path::c_int(vm, m)?,
        None => 0o666,
    };
    let iflags = open_flags(vm, &flags)?;
    let name = path::fs_converter(vm, &p[0])?;
    let Some(l) = lib() else {
        return Err(vm.import_error("libgdbm_compat.so.4 is not available"));
    };
    let cname = CString::new(name.clone()).map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: a NUL-terminated file name.
    let db = unsafe { (l.open)(cname.as_ptr(), iflags, mode as libc::mode_t) };
    if db.is_null() {
        let code = path::errno();
        let ty = error_type(vm)?;
        let args = [vm.new_int(code as i64), vm.new_str(&path::strerror(code)), path::decode_fs(vm, &name)?];
        return Err(PyErr(vm.call(&ty, &args, None)?));
    }
    let obj = DbmObject { db: Cell::new(db), flags: iflags, size: Cell::new(-1) };
    support::alloc_exact(vm, DBM_TYPE, obj)
}

const FUNCTIONS: &[MethodDef] = &[MethodDef {
    doc: Some("open($module, filename, flags='r', mode=0o666, /)\n--\n\nReturn a database object.\n\n  filename\n    The filename to open.\n  flags\n    How to open the file.  \"r\" for reading, \"w\" for writing, etc.\n  mode\n    If creating a new file, the mode bits for the new file\n    (e.g. os.O_RDWR)."),
    ..MethodDef::static_("open", dbm_open)
}];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    if lib().is_none() {
        return Err(vm.import_error("No module named '_dbm' (libgdbm_compat.so.4 was not found)"));
    }
    make_type(vm);
    let m = module::new_module(vm, "_dbm");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_dbm", FUNCTIONS);
    dict::set_item_str(vm, &d, "library", vm.new_str("GNU gdbm"))?;
    dict::set_item_str(vm, &d, "error", error_type(vm)?)?;
    Ok(m)
}
