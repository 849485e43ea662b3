//! `_gdbm` (CPython's `Modules/_gdbmmodule.c`): GNU dbm databases, through
//! the system's libgdbm loaded at import with `dlopen` (the unversioned
//! `libgdbm.so` link is only there with the development package).
//!
//! A `_gdbm.gdbm` object is a mapping of bytes to bytes (str keys and values
//! are stored as their UTF-8), with `keys`, `firstkey`/`nextkey`,
//! `reorganize`, `sync`, `get`, `setdefault` and `close`. Errors of the
//! library are `_gdbm.error` (an OSError): with errno and the file name when
//! the system call failed, else libgdbm's own message.

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::OnceLock;

use taipan_vm::api::types::{payload_or_err, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{bytes, dict, module, str as pystr, Obj, PyErr, PyPayload, PyResult, Vm};

use crate::posix::path;
use crate::support;

const GDBM_TYPE: &str = "_gdbm.gdbm";
const ERROR_TYPE: &str = "_gdbm.error";
const CLOSED: &str = "GDBM object has already been closed";

// gdbm.h's open flags, store mode and the error code of a missing key.
const GDBM_READER: c_int = 0;
const GDBM_WRITER: c_int = 1;
const GDBM_WRCREAT: c_int = 2;
const GDBM_NEWDB: c_int = 3;
const GDBM_FAST: c_int = 0x10;
const GDBM_SYNC: c_int = 0x20;
const GDBM_NOLOCK: c_int = 0x40;
const GDBM_REPLACE: c_int = 1;
const GDBM_ITEM_NOT_FOUND: c_int = 15;

/// gdbm.h's `datum`: a pointer and a length. Datums the library returns
/// are malloc'd and freed by the caller.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct Datum {
    pub(crate) dptr: *mut c_char,
    pub(crate) dsize: c_int,
}

/// The libgdbm functions the module calls, looked up once per process (a C
/// library's symbols, not interpreter state).
struct Gdbm {
    open: unsafe extern "C" fn(*const c_char, c_int, c_int, c_int, *const c_void) -> *mut c_void,
    close: unsafe extern "C" fn(*mut c_void) -> c_int,
    fetch: unsafe extern "C" fn(*mut c_void, Datum) -> Datum,
    store: unsafe extern "C" fn(*mut c_void, Datum, Datum, c_int) -> c_int,
    delete: unsafe extern "C" fn(*mut c_void, Datum) -> c_int,
    exists: unsafe extern "C" fn(*mut c_void, Datum) -> c_int,
    firstkey: unsafe extern "C" fn(*mut c_void) -> Datum,
    nextkey: unsafe extern "C" fn(*mut c_void, Datum) -> Datum,
    reorganize: unsafe extern "C" fn(*mut c_void) -> c_int,
    sync: unsafe extern "C" fn(*mut c_void) -> c_int,
    count: unsafe extern "C" fn(*mut c_void, *mut u64) -> c_int,
    errno_location: unsafe extern "C" fn() -> *mut c_int,
    strerror: unsafe extern "C" fn(c_int) -> *const c_char,
    version: [c_int; 3],
}

/// A symbol's address as the function pointer type `F` it is declared with.
///
/// # Safety
/// `F` must be a function pointer type matching the symbol's C declaration.
pub(crate) unsafe fn symbol_as<F: Copy>(p: *mut c_void) -> F {
    debug_assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
    // SAFETY: the caller guarantees `F` is the symbol's pointer type, of
    // the same size as a data pointer on the platforms Taipan supports.
    unsafe { std::mem::transmute_copy::<*mut c_void, F>(&p) }
}

static GDBM: OnceLock<Option<Gdbm>> = OnceLock::new();

fn load_gdbm() -> Option<Gdbm> {
    // SAFETY: dlopen with a NUL-terminated name; the handle stays open for
    // the life of the process, as its functions are used.
    let handle = unsafe { libc::dlopen(c"libgdbm.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return None;
    }
    let sym = |name: &CStr| {
        // SAFETY: dlsym on a live handle with a NUL-terminated name.
        let p = unsafe { libc::dlsym(handle, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    };
    let version = sym(c"gdbm_version_number")?;
    // SAFETY: each symbol is libgdbm's function of the signature the field
    // declares (gdbm.h of libgdbm 6); `gdbm_version_number` is `const int[3]`.
    unsafe {
        Some(Gdbm {
            open: symbol_as(sym(c"gdbm_open")?),
            close: symbol_as(sym(c"gdbm_close")?),
            fetch: symbol_as(sym(c"gdbm_fetch")?),
            store: symbol_as(sym(c"gdbm_store")?),
            delete: symbol_as(sym(c"gdbm_delete")?),
            exists: symbol_as(sym(c"gdbm_exists")?),
            firstkey: symbol_as(sym(c"gdbm_firstkey")?),
            nextkey: symbol_as(sym(c"gdbm_nextkey")?),
            reorganize: symbol_as(sym(c"gdbm_reorganize")?),
            sync: symbol_as(sym(c"gdbm_sync")?),
            count: symbol_as(sym(c"gdbm_count")?),
            errno_location: symbol_as(sym(c"gdbm_errno_location")?),
            strerror: symbol_as(sym(c"gdbm_strerror")?),
            version: *(version as *const [c_int; 3]),
        })
    }
}

fn lib() -> Option<&'static Gdbm> {
    GDBM.get_or_init(load_gdbm).as_ref()
}

impl Gdbm {
    /// libgdbm's error code of the last failed call (`gdbm_errno`).
    fn last_error(&self) -> c_int {
        // SAFETY: gdbm_errno_location returns the thread's error slot.
        unsafe { *(self.errno_location)() }
    }

    fn error_text(&self, code: c_int) -> String {
        // SAFETY: gdbm_strerror returns a static NUL-terminated message.
        let p = unsafe { (self.strerror)(code) };
        if p.is_null() {
            return format!("gdbm error {code}");
        }
        // SAFETY: non-null, NUL-terminated (above).
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// A datum the library returned, as bytes (None for a null one); frees it.
fn take_datum(d: Datum) -> Option<Vec<u8>> {
    if d.dptr.is_null() {
        return None;
    }
    // SAFETY: a non-null datum from libgdbm points at `dsize` malloc'd
    // bytes owned by the caller, freed here once after the copy.
    unsafe {
        let v = std::slice::from_raw_parts(d.dptr as *const u8, d.dsize.max(0) as usize).to_vec();
        libc::free(d.dptr.cast());
        Some(v)
    }
}

/// A datum borrowing `b` for the duration of one library call.
pub(crate) fn datum_of(b: &[u8]) -> Datum {
    Datum { dptr: b.as_ptr() as *mut c_char, dsize: b.len() as c_int }
}

fn set_errno(v: c_int) {
    // SAFETY: __errno_location returns this thread's errno slot.
    unsafe { *libc::__errno_location() = v };
}

struct GdbmObject {
    /// The open database; null once closed.
    dbf: Cell<*mut c_void>,
    /// The number of keys, -1 when it must be counted again.
    size: Cell<isize>,
}

impl PyPayload for GdbmObject {}

impl Drop for GdbmObject {
    fn drop(&mut self) {
        close_db(self);
    }
}

fn close_db(g: &GdbmObject) {
    let dbf = g.dbf.replace(std::ptr::null_mut());
    if let (false, Some(l)) = (dbf.is_null(), lib()) {
        // SAFETY: `dbf` is the handle gdbm_open returned, closed once.
        unsafe { (l.close)(dbf) };
    }
}

fn error_type(vm: &Vm) -> PyResult<Obj> {
    support::exception_type(vm, ERROR_TYPE, "_gdbm", "error", &vm.ctx.exceptions.os_error, None)
}

/// `_gdbm.error(msg)`.
fn error(vm: &Vm, msg: &str) -> PyErr {
    support::exception_with_msg(vm, error_type(vm), msg)
}

/// `_gdbm.error(errno, strerror[, filename])` (`PyErr_SetFromErrnoWithFilename`).
fn errno_error(vm: &Vm, code: c_int, filename: Option<Obj>) -> PyErr {
    let ty = match error_type(vm) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut args = vec![vm.new_int(code as i64), vm.new_str(&path::strerror(code))];
    args.extend(filename);
    match vm.call(&ty, &args, None) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// The error of a failed library call: errno's when it was set, else
/// libgdbm's own message.
fn call_error(vm: &Vm, l: &Gdbm) -> PyErr {
    match path::errno() {
        0 => error(vm, &l.error_text(l.last_error())),
        code => errno_error(vm, code, None),
    }
}

fn gdbm_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a GdbmObject> {
    payload_or_err::<GdbmObject>(vm, o, GDBM_TYPE)
}

/// The open handle, or `_gdbm.error` when the database was closed.
fn open_handle(vm: &Vm, g: &GdbmObject) -> PyResult<(*mut c_void, &'static Gdbm)> {
    let dbf = g.dbf.get();
    match lib() {
        Some(l) if !dbf.is_null() => Ok((dbf, l)),
        _ => Err(error(vm, CLOSED)),
    }
}

/// A key or value as `PyArg_Parse(o, "s#")` takes it: a str as its UTF-8,
/// or bytes. `failmsg` replaces the parser's TypeError when given.
pub(crate) fn datum_arg(vm: &Vm, o: &Obj, failmsg: Option<&str>) -> PyResult<Vec<u8>> {
    let parsed = if pystr::data(o).is_some() {
        match pystr::as_str(o) {
            Some(s) => Ok(s.as_bytes().to_vec()),
            // A lone surrogate: UTF-8 encoding's own UnicodeEncodeError.
            None => return vm.call_method(o, "encode", &[]).map(|_| Vec::new()),
        }
    } else if let Some(b) = bytes::as_bytes_ref(o) {
        Ok(b.to_vec())
    } else if bytes::bytes_like(vm, o).is_ok() {
        Err(vm.type_error(format!("argument must be read-only bytes-like object, not {}", o.class().name())))
    } else {
        Err(vm.type_error(format!("a bytes-like object is required, not '{}'", o.class().name())))
    };
    let data = match (parsed, failmsg) {
        (Ok(d), _) => d,
        (Err(_), Some(msg)) => return Err(vm.type_error(msg)),
        (Err(e), None) => return Err(e),
    };
    if data.len() > c_int::MAX as usize {
        return Err(vm.overflow_error("size does not fit in an int"));
    }
    Ok(data)
}

fn gdbm_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let k = datum_arg(vm, key, None)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    // SAFETY: a live handle and a datum over `k`, alive during the call.
    match take_datum(unsafe { (l.fetch)(dbf, datum_of(&k)) }) {
        Some(v) => Ok(vm.new_bytes(v)),
        None => Err(vm.key_error(key.clone())),
    }
}

const INDEX_ONLY: &str = "gdbm mappings have bytes or string indices only";

fn gdbm_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let k = datum_arg(vm, key, Some(INDEX_ONLY))?;
    let g = gdbm_of(vm, o)?;
    let (dbf, l) = open_handle(vm, g)?;
    g.size.set(-1);
    let Some(value) = value else {
        // SAFETY: a live handle and a datum over `k`.
        if unsafe { (l.delete)(dbf, datum_of(&k)) } < 0 {
            return Err(match l.last_error() {
                GDBM_ITEM_NOT_FOUND => vm.key_error(key.clone()),
                code => error(vm, &l.error_text(code)),
            });
        }
        return Ok(());
    };
    let v = datum_arg(vm, value, Some(INDEX_ONLY))?;
    set_errno(0);
    // SAFETY: a live handle and datums over `k` and `v`.
    if unsafe { (l.store)(dbf, datum_of(&k), datum_of(&v), GDBM_REPLACE) } < 0 {
        return Err(call_error(vm, l));
    }
    Ok(())
}

fn gdbm_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let g = gdbm_of(vm, o)?;
    let (dbf, l) = open_handle(vm, g)?;
    if g.size.get() < 0 {
        let mut count = 0u64;
        set_errno(0);
        // SAFETY: a live handle and a u64 (`gdbm_count_t`) to write.
        if unsafe { (l.count)(dbf, &mut count) } == -1 {
            return Err(call_error(vm, l));
        }
        if count > isize::MAX as u64 {
            return Err(vm.overflow_error("count exceeds PY_SSIZE_T_MAX"));
        }
        g.size.set(count as isize);
    }
    Ok(g.size.get() as usize)
}

fn gdbm_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    let k = contains_key_arg(vm, "gdbm", key)?;
    // SAFETY: a live handle and a datum over `k`.
    Ok(unsafe { (l.exists)(dbf, datum_of(&k)) } != 0)
}

/// The key of `in` (`dbm`'s and `gdbm`'s `__contains__`): a str's UTF-8 or
/// bytes, else "KIND key must be bytes or string, not T".
pub(crate) fn contains_key_arg(vm: &Vm, kind: &str, key: &Obj) -> PyResult<Vec<u8>> {
    if pystr::data(key).is_some() {
        return datum_arg(vm, key, None);
    }
    match bytes::as_bytes_ref(key) {
        Some(b) => Ok(b.to_vec()),
        None => Err(vm.type_error(format!("{kind} key must be bytes or string, not {}", key.class().name()))),
    }
}

/// The key after `prev` (the first key when None), or None at the end.
fn next_key(l: &Gdbm, dbf: *mut c_void, prev: Option<&[u8]>) -> Option<Vec<u8>> {
    // SAFETY: a live handle; `prev`'s datum borrows bytes alive for the call.
    take_datum(unsafe {
        match prev {
            Some(p) => (l.nextkey)(dbf, datum_of(p)),
            None => (l.firstkey)(dbf),
        }
    })
}

fn gdbm_keys(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "keys", a, k, 0, 0)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    let mut keys = Vec::new();
    let mut key = next_key(l, dbf, None);
    while let Some(cur) = key {
        key = next_key(l, dbf, Some(&cur));
        keys.push(vm.new_bytes(cur));
    }
    Ok(vm.new_list(keys))
}

fn key_or_none(vm: &Vm, key: Option<Vec<u8>>) -> Obj {
    key.map_or_else(|| vm.none(), |k| vm.new_bytes(k))
}

fn gdbm_firstkey(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "firstkey", a, k, 0, 0)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    Ok(key_or_none(vm, next_key(l, dbf, None)))
}

fn gdbm_nextkey(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [key] = taipan_vm::api::args::exact::<1>(vm, "nextkey", a, k)?;
    let prev = str_or_bytes_arg(vm, "nextkey", "argument", &key)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    Ok(key_or_none(vm, next_key(l, dbf, Some(&prev))))
}

/// A `str(accept={str, robuffer})` argument of a method: a str's UTF-8 or
/// bytes, else "f() argument must be str or bytes-like object, not T".
pub(crate) fn str_or_bytes_arg(vm: &Vm, fname: &str, argname: &str, o: &Obj) -> PyResult<Vec<u8>> {
    if pystr::data(o).is_some() {
        return datum_arg(vm, o, None);
    }
    match bytes::as_bytes_ref(o) {
        Some(b) => Ok(b.to_vec()),
        None => Err(vm.type_error(format!(
            "{fname}() {argname} must be str or bytes-like object, not {}",
            support::short_type_name(o)
        ))),
    }
}

fn gdbm_reorganize(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "reorganize", a, k, 0, 0)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    set_errno(0);
    // SAFETY: a live handle.
    if unsafe { (l.reorganize)(dbf) } < 0 {
        return Err(call_error(vm, l));
    }
    Ok(vm.none())
}

fn gdbm_sync(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "sync", a, k, 0, 0)?;
    let (dbf, l) = open_handle(vm, gdbm_of(vm, o)?)?;
    // SAFETY: a live handle.
    unsafe { (l.sync)(dbf) };
    Ok(vm.none())
}

fn gdbm_get(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "get", a, k, 1, 2)?;
    match gdbm_subscript(vm, o, &p[0]) {
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {
            Ok(p.get(1).cloned().unwrap_or_else(|| vm.none()))
        }
        r => r,
    }
}

fn gdbm_setdefault(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "setdefault", a, k, 1, 2)?;
    match gdbm_subscript(vm, o, &p[0]) {
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {
            let default = p.get(1).cloned().unwrap_or_else(|| vm.none());
            gdbm_ass_subscript(vm, o, &p[0], Some(&default))?;
            gdbm_subscript(vm, o, &p[0])
        }
        r => r,
    }
}

fn gdbm_close(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    support::positional(vm, "close", a, k, 0, 0)?;
    close_db(gdbm_of(vm, o)?);
    Ok(vm.none())
}

fn gdbm_exit(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    close_db(gdbm_of(vm, o)?);
    Ok(vm.none())
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", gdbm_close),
    MethodDef::method("keys", gdbm_keys),
    MethodDef::method("firstkey", gdbm_firstkey),
    MethodDef::method("nextkey", gdbm_nextkey),
    MethodDef::method("reorganize", gdbm_reorganize),
    MethodDef::method("sync", gdbm_sync),
    MethodDef::method("get", gdbm_get),
    MethodDef::method("setdefault", gdbm_setdefault),
    MethodDef::method("__enter__", |vm, o, a, k| {
        support::positional(vm, "__enter__", a, k, 0, 0)?;
        Ok(o.clone())
    }),
    MethodDef::method("__exit__", gdbm_exit),
];

fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, GDBM_TYPE) {
        return t;
    }
    let spec = TypeSpec {
        name: GDBM_TYPE,
        methods: METHODS,
        doc: Some("This object represents a GDBM database.\nGDBM objects behave like mappings (dictionaries), except that keys and\nvalues are always immutable bytes-like objects or strings.  Printing\na GDBM object doesn't print the keys and values, and the items() and\nvalues() methods are not supported.\n\nGDBM objects also support additional operations such as firstkey,\nnextkey, reorganize, and sync."),
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<GdbmObject>(vm, &spec, |s| {
        s.sq_contains.set(Some(gdbm_contains));
        s.mp_length.set(Some(gdbm_len));
        s.mp_subscript.set(Some(gdbm_subscript));
        s.mp_ass_subscript.set(Some(gdbm_ass_subscript));
    });
    // Py_TPFLAGS_DISALLOW_INSTANTIATION: only `_gdbm.open` makes one.
    if let Some(ty) = t.payload::<TypeObject>() {
        ty.slots.new.set(None);
    }
    support::register_type(vm, GDBM_TYPE, &t);
    t
}

/// `open`'s flags: the mode letter, then any of the extra flags.
fn open_flags(vm: &Vm, flags: &str) -> PyResult<c_int> {
    let mut chars = flags.chars();
    let mut iflags = match chars.next() {
        Some('r') => GDBM_READER,
        Some('w') => GDBM_WRITER,
        Some('c') => GDBM_WRCREAT,
        Some('n') => GDBM_NEWDB,
        _ => return Err(error(vm, "First flag must be one of 'r', 'w', 'c' or 'n'")),
    };
    for c in chars {
        iflags |= match c {
            'f' => GDBM_FAST,
            's' => GDBM_SYNC,
            'u' => GDBM_NOLOCK,
            _ => return Err(error(vm, &format!("Flag '{c}' is not supported."))),
        };
    }
    Ok(iflags)
}

fn gdbm_open(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = support::positional(vm, "open", a, k, 1, 3)?;
    let flags = match p.get(1) {
        None => "r".to_string(),
        Some(f) => match pystr::as_str(f) {
            Some(s) if !s.contains('\0') => s.to_string(),
            Some(_) => return Err(vm.value_error("embedded null character")),
            None if pystr::data(f).is_some() => {
                vm.call_method(f, "encode", &[])?;
                return Err(vm.type_error("expected str"));
            }
            None => {
                return Err(vm.type_error(format!("open() argument 2 must be str, not {}", support::short_type_name(f))))
            }
        },
    };
    let mode = match p.get(2) {
        Some(m) => path::c_int(vm, m)?,
        None => 0o666,
    };
    let iflags = open_flags(vm, &flags)?;
    let name = path::fs_converter(vm, &p[0])?;
    let Some(l) = lib() else {
        return Err(vm.import_error("libgdbm.so.6 is not available"));
    };
    let cname = CString::new(name.clone()).map_err(|_| vm.value_error("embedded null character"))?;
    set_errno(0);
    // SAFETY: a NUL-terminated file name; a null fatal-error callback makes
    // libgdbm report errors through its return value instead.
    let dbf = unsafe { (l.open)(cname.as_ptr(), 0, iflags, mode, std::ptr::null()) };
    if dbf.is_null() {
        return Err(match path::errno() {
            0 => error(vm, &l.error_text(l.last_error())),
            code => errno_error(vm, code, Some(path::decode_fs(vm, &name)?)),
        });
    }
    let obj = GdbmObject { dbf: Cell::new(dbf), size: Cell::new(-1) };
    support::alloc_exact(vm, GDBM_TYPE, obj)
}

const FUNCTIONS: &[MethodDef] = &[MethodDef {
    doc: Some("open($module, filename, flags='r', mode=0o666, /)\n--\n\nOpen a dbm database and return a dbm object.\n\nThe filename argument is the name of the database file.\n\nThe optional flags argument can be 'r' (to open an existing database\nfor reading only -- default), 'w' (to open an existing database for\nreading and writing), 'c' (which creates the database if it doesn't\nexist), or 'n' (which always creates a new empty database).\n\nSome versions of gdbm support additional flags which must be\nappended to one of the flags described above.  The module constant\n'open_flags' is a string of valid additional flags.  The 'f' flag\nopens the database in fast mode; altered data will not automatically\nbe written to the disk after every change.  This results in faster\nwrites to the database, but may result in an inconsistent database\nif the program crashes while the database is still open.  Use the\nsync() method to force any unwritten data to be written to the disk.\nThe 's' flag causes all database operations to be synchronized to\ndisk.  The 'u' flag disables locking of the database file.\n\nThe optional mode argument is the Unix mode of the file, used only\nwhen the database has to be created.  It defaults to octal 0o666."),
    ..MethodDef::static_("open", gdbm_open)
}];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let Some(l) = lib() else {
        return Err(vm.import_error("No module named '_gdbm' (libgdbm.so.6 was not found)"));
    };
    make_type(vm);
    let m = module::new_module(vm, "_gdbm");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_gdbm", FUNCTIONS);
    dict::set_item_str(vm, &d, "error", error_type(vm)?)?;
    dict::set_item_str(vm, &d, "open_flags", vm.new_str("rwcnfsu"))?;
    let version = l.version.iter().map(|&v| vm.new_int(v as i64)).collect();
    dict::set_item_str(vm, &d, "_GDBM_VERSION", vm.new_tuple(version))?;
    Ok(m)
}
