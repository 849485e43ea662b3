//! CPython's `Modules/_sqlite/connection.c`: `sqlite3.Connection`: opening
//! the database, 3.11's implicit transactions (`isolation_level`), commit
//! and rollback, the execute shortcuts, user-defined functions,
//! aggregates, window functions and collations, the authorizer, progress
//! and trace handlers, backup, serialize/deserialize, limits, `iterdump`
//! and the context manager.

use super::callbacks;
use super::util::{self, operational_error, programming_error, VmSlot};
use libsqlite3_sys as ffi;
use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_void, CString};
use std::ptr;
use std::rc::Rc;
use taipan_vm::api::args::{parse_spec, ArgSpec};
use taipan_vm::api::types::{alloc_instance, flags, new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{bytes, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

pub(crate) struct Connection {
    db: Cell<*mut ffi::sqlite3>,
    pub(crate) vm_slot: VmSlot,
    initialized: Cell<bool>,
    pub(crate) detect_types: Cell<i32>,
    /// None: autocommit mode; else the word after BEGIN.
    isolation_level: Cell<Option<&'static str>>,
    pub(crate) row_factory: ObjCell,
    pub(crate) text_factory: ObjCell,
    check_same_thread: Cell<bool>,
    /// The thread that opened the connection (`PyThread_get_thread_ident`).
    thread_ident: Cell<u64>,
    authorizer: RefCell<Option<Box<callbacks::Callback>>>,
    progress: RefCell<Option<Box<callbacks::Callback>>>,
    trace: RefCell<Option<Box<callbacks::Callback>>>,
    /// Handler data replaced while SQLite may still be running the old
    /// handler (a handler that replaces or closes from inside itself):
    /// freed at the next replacement made outside any call into SQLite.
    /// Boxed: SQLite may still hold their addresses, which must not move.
    #[allow(clippy::vec_box)]
    retired: RefCell<Vec<Box<callbacks::Callback>>>,
}

impl PyPayload for Connection {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.row_factory, &self.text_factory], visit);
        for h in [&self.authorizer, &self.progress, &self.trace] {
            if let Ok(h) = h.try_borrow() {
                if let Some(cb) = h.as_ref() {
                    visit(&cb.func);
                }
            }
        }
        if let Ok(r) = self.retired.try_borrow() {
            for cb in r.iter() {
                visit(&cb.func);
            }
        }
    }
    fn clear(&self) {
        crate::support::clear_cells(&[&self.row_factory, &self.text_factory]);
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.close_db();
    }
}

impl Connection {
    fn empty(vm: &Vm) -> Connection {
        Connection {
            db: Cell::new(ptr::null_mut()),
            vm_slot: Rc::new(Cell::new(ptr::null())),
            initialized: Cell::new(false),
            detect_types: Cell::new(0),
            isolation_level: Cell::new(Some("")),
            row_factory: ObjCell::some(vm.none()),
            text_factory: ObjCell::some(vm.ctx.types.str.clone()),
            check_same_thread: Cell::new(true),
            thread_ident: Cell::new(thread_ident()),
            authorizer: RefCell::new(None),
            progress: RefCell::new(None),
            trace: RefCell::new(None),
            retired: RefCell::new(Vec::new()),
        }
    }

    fn close_db(&self) {
        let db = self.db.replace(ptr::null_mut());
        if !db.is_null() {
            // SAFETY: `db` was opened by sqlite3_open_v2 and is closed once;
            // close_v2 defers the close until live statements are finalized.
            unsafe { util::sqlite3_close_v2(db) };
        }
    }

    /// `pysqlite_check_thread`: with `check_same_thread`, only the thread
    /// that opened the connection may use it.
    pub(crate) fn check_thread(&self, vm: &Vm) -> PyResult<()> {
        let me = thread_ident();
        if self.check_same_thread.get() && me != self.thread_ident.get() {
            return Err(programming_error(
                vm,
                &format!(
                    "SQLite objects created in a thread can only be used in that same thread. The object was created in thread id {} and this is thread id {}.",
                    self.thread_ident.get(),
                    me
                ),
            ));
        }
        Ok(())
    }

    /// The open database, used from the right thread
    /// (`pysqlite_check_thread` and `pysqlite_check_connection`).
    pub(crate) fn check(&self, vm: &Vm) -> PyResult<*mut ffi::sqlite3> {
        self.check_thread(vm)?;
        if !self.initialized.get() {
            return Err(programming_error(vm, "Base Connection.__init__ not called."));
        }
        let db = self.db.get();
        if db.is_null() {
            return Err(programming_error(vm, "Cannot operate on a closed database."));
        }
        Ok(db)
    }

    pub(crate) fn isolation_level(&self) -> Option<&'static str> {
        self.isolation_level.get()
    }

    fn in_transaction(&self, db: *mut ffi::sqlite3) -> bool {
        // SAFETY: an open connection handle.
        unsafe { ffi::sqlite3_get_autocommit(db) == 0 }
    }

    /// Run one statement that returns no rows (BEGIN, COMMIT, ROLLBACK).
    pub(crate) fn run_simple(&self, vm: &Vm, db: *mut ffi::sqlite3, sql: &str) -> PyResult<()> {
        let _scope = util::enter(&self.vm_slot, vm);
        let c = CString::new(sql).map_err(|_| programming_error(vm, "the query contains a null character"))?;
        let mut st: *mut ffi::sqlite3_stmt = ptr::null_mut();
        // SAFETY: `c` is NUL-terminated and outlives the calls; the
        // statement is finalized before returning.
        let rc = unsafe {
            let mut rc = ffi::sqlite3_prepare_v2(db, c.as_ptr(), -1, &mut st, ptr::null_mut());
            if rc == ffi::SQLITE_OK {
                ffi::sqlite3_step(st);
                rc = ffi::sqlite3_finalize(st);
            }
            rc
        };
        if rc != ffi::SQLITE_OK {
            return Err(util::db_error(vm, db));
        }
        Ok(())
    }

    /// `BEGIN <isolation_level>` (`begin_transaction`).
    pub(crate) fn begin(&self, vm: &Vm, db: *mut ffi::sqlite3) -> PyResult<()> {
        let level = self.isolation_level.get().unwrap_or("");
        self.run_simple(vm, db, &format!("BEGIN {level}"))
    }
}

/// The current thread's identifier, as `threading.get_ident()` reports it.
fn thread_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

pub(crate) fn conn_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Connection> {
    payload_or_err::<Connection>(vm, o, "sqlite3.Connection")
}

fn checked<'a>(vm: &Vm, o: &'a Obj) -> PyResult<(&'a Connection, *mut ffi::sqlite3)> {
    let c = conn_of(vm, o)?;
    let db = c.check(vm)?;
    Ok((c, db))
}

// ---- creation ----------------------------------------------------------------------------------

fn connection_new(vm: &Vm, cls: &Obj, _a: Args, _k: Kw) -> PyResult<Obj> {
    let owner = util::state(vm, util::CONNECTION_TYPE);
    alloc_instance(vm, cls, &owner, Connection::empty(vm))
}

const INIT_NAMES: &[&str] = &[
    "database",
    "timeout",
    "detect_types",
    "isolation_level",
    "check_same_thread",
    "factory",
    "cached_statements",
    "uri",
];

/// The file name as bytes (`PyUnicode_FSConverter`).
fn fs_path(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes::as_bytes(o) {
        if vm.isinstance_type(o, &vm.ctx.types.bytes) {
            return Ok(b);
        }
    }
    let p = if pystr::data(o).is_some() {
        o.clone()
    } else {
        let os = taipan_vm::api::import::import_module(vm, "os")?;
        vm.call1(&vm.getattr_str(&os, "fspath")?, o.clone())?
    };
    if pystr::data(&p).is_none() {
        return bytes::as_bytes(&p).ok_or_else(|| vm.type_error("expected str, bytes or os.PathLike object"));
    }
    let b = vm.call_method(&p, "encode", &[vm.new_str("utf-8"), vm.new_str("surrogateescape")])?;
    Ok(bytes::as_bytes(&b).unwrap_or_default())
}

/// Validate an `isolation_level` (None or one of the four words, any case).
fn parse_isolation_level(vm: &Vm, o: &Obj) -> PyResult<Option<&'static str>> {
    if vm.is_none(o) {
        return Ok(None);
    }
    let Some(s) = pystr::as_str(o).map(str::to_owned).or_else(|| pystr::data(o).map(|_| String::from("\u{0}"))) else {
        return Err(vm.type_error("isolation_level must be str or None"));
    };
    for level in ["", "DEFERRED", "IMMEDIATE", "EXCLUSIVE"] {
        if s.eq_ignore_ascii_case(level) {
            return Ok(Some(level));
        }
    }
    Err(vm.value_error("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'"))
}

fn int_arg(vm: &Vm, o: &Option<Obj>, default: i64) -> PyResult<i64> {
    match o {
        None => Ok(default),
        Some(v) => {
            if vm.isinstance_type(v, &vm.ctx.types.float) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            vm.to_i64(&vm.index(v)?)
        }
    }
}

fn connection_init(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<()> {
    let spec =
        ArgSpec { fname: "Connection", names: INIT_NAMES, posonly: 0, required: 1, kwonly_from: INIT_NAMES.len() };
    let p = parse_spec(vm, &spec, a, k)?;
    let c = conn_of(vm, o)?;
    let database = p[0].clone().unwrap_or_else(|| vm.none());
    taipan_vm::api::audit(vm, "sqlite3.connect", || vec![database.clone()])?;
    let path = fs_path(vm, &database)?;
    let timeout = match &p[1] {
        Some(t) => vm.to_f64(t)?,
        None => 5.0,
    };
    let detect_types = int_arg(vm, &p[2], 0)?;
    let isolation_level = match &p[3] {
        Some(l) => parse_isolation_level(vm, l)?,
        None => Some(""),
    };
    let check_same_thread = match &p[4] {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    int_arg(vm, &p[6], 128)?;
    let uri = match &p[7] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let cpath = CString::new(path).map_err(|_| vm.value_error("embedded null byte"))?;
    let mut open_flags = ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE;
    if uri {
        open_flags |= ffi::SQLITE_OPEN_URI;
    }
    c.close_db();
    c.initialized.set(false);
    let mut db: *mut ffi::sqlite3 = ptr::null_mut();
    // SAFETY: `cpath` is NUL-terminated; `db` is an out-parameter, closed
    // below on failure and by the connection otherwise.
    let rc = unsafe { ffi::sqlite3_open_v2(cpath.as_ptr(), &mut db, open_flags, ptr::null()) };
    if rc != ffi::SQLITE_OK {
        let err = util::db_error(vm, db);
        // SAFETY: a handle from sqlite3_open_v2 (possibly null) is closed once.
        unsafe { util::sqlite3_close_v2(db) };
        return Err(err);
    }
    // SAFETY: an open handle.
    unsafe { ffi::sqlite3_busy_timeout(db, (timeout * 1000.0) as c_int) };
    c.db.set(db);
    c.detect_types.set(detect_types as i32);
    c.check_same_thread.set(check_same_thread);
    c.thread_ident.set(thread_ident());
    c.isolation_level.set(isolation_level);
    c.row_factory.set(Some(vm.none()));
    c.text_factory.set(Some(vm.ctx.types.str.clone()));
    c.initialized.set(true);
    taipan_vm::api::audit(vm, "sqlite3.connect/handle", || vec![o.clone()])
}

// ---- methods -----------------------------------------------------------------------------------

fn connection_cursor(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "cursor", a, k, &["factory"], 0)?;
    conn_of(vm, o)?.check(vm)?;
    let factory = match &p[0] {
        Some(f) => f.clone(),
        None => util::state(vm, util::CURSOR_TYPE),
    };
    let cur = vm.call1(&factory, o.clone())?;
    if !vm.isinstance_type(&cur, &util::state(vm, util::CURSOR_TYPE)) {
        return Err(vm.type_error(format!("factory must return a cursor, not {}", vm.type_name(&cur))));
    }
    let c = conn_of(vm, o)?;
    let rf = c.row_factory.get().unwrap_or_else(|| vm.none());
    if !vm.is_none(&rf) {
        vm.setattr_str(&cur, "row_factory", &rf)?;
    }
    Ok(cur)
}

fn connection_close(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", a, k)?;
    let c = conn_of(vm, o)?;
    c.check_thread(vm)?;
    if !c.initialized.get() {
        return Err(programming_error(vm, "Base Connection.__init__ not called."));
    }
    c.close_db();
    Ok(vm.none())
}

fn connection_commit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "commit", a, k)?;
    let (c, db) = checked(vm, o)?;
    if c.in_transaction(db) {
        c.run_simple(vm, db, "COMMIT")?;
    }
    Ok(vm.none())
}

fn connection_rollback(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "rollback", a, k)?;
    let (c, db) = checked(vm, o)?;
    if c.in_transaction(db) {
        c.run_simple(vm, db, "ROLLBACK")?;
    }
    Ok(vm.none())
}

/// `execute`, `executemany`, `executescript`: a new cursor's method.
fn via_cursor(vm: &Vm, o: &Obj, method: &str, args: Args) -> PyResult<Obj> {
    let cur = vm.call_method(o, "cursor", &[])?;
    vm.call_method(&cur, method, args)?;
    Ok(cur)
}

fn connection_execute(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "execute", a, k, 1, 2)?;
    if pystr::data(&a[0]).is_none() {
        return Err(vm.type_error(format!("execute() argument 1 must be str, not {}", vm.type_name(&a[0]))));
    }
    via_cursor(vm, o, "execute", a)
}

fn connection_executemany(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "executemany", a, k, 2, 2)?;
    if pystr::data(&a[0]).is_none() {
        return Err(vm.type_error(format!("executemany() argument 1 must be str, not {}", vm.type_name(&a[0]))));
    }
    via_cursor(vm, o, "executemany", a)
}

fn connection_executescript(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [script] = taipan_vm::api::args::exact::<1>(vm, "executescript", a, k)?;
    via_cursor(vm, o, "executescript", &[script])
}

fn name_arg(vm: &Vm, fname: &str, pos: usize, o: &Obj) -> PyResult<CString> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", vm.type_name(o))));
    }
    let b = util::utf8(vm, o)?;
    CString::new(b).map_err(|_| vm.value_error("embedded null character"))
}

fn narg_arg(vm: &Vm, o: &Obj) -> PyResult<c_int> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_i64(&vm.index(o)?)?;
    c_int::try_from(v).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
}

fn connection_create_function(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let names = &["name", "narg", "func", "deterministic"];
    let spec = ArgSpec { fname: "create_function", names, posonly: 0, required: 3, kwonly_from: 3 };
    let p = parse_spec(vm, &spec, a, k)?;
    let (c, db) = checked(vm, o)?;
    let name = name_arg(vm, "create_function", 1, p[0].as_ref().unwrap_or(&vm.none()))?;
    let narg = narg_arg(vm, p[1].as_ref().unwrap_or(&vm.none()))?;
    let func = p[2].clone().unwrap_or_else(|| vm.none());
    let deterministic = match &p[3] {
        Some(d) => vm.is_true(d)?,
        None => false,
    };
    let mut flags = ffi::SQLITE_UTF8;
    if deterministic {
        flags |= ffi::SQLITE_DETERMINISTIC;
    }
    let rc = if vm.is_none(&func) {
        // SAFETY: removing a function: no callbacks, no user data.
        unsafe {
            ffi::sqlite3_create_function_v2(db, name.as_ptr(), narg, flags, ptr::null_mut(), None, None, None, None)
        }
    } else {
        let data = callbacks::Callback::boxed(func, &c.vm_slot);
        // SAFETY: the boxed data is owned by SQLite from here on and freed
        // by `destroy` (also when registration fails).
        unsafe {
            ffi::sqlite3_create_function_v2(
                db,
                name.as_ptr(),
                narg,
                flags,
                data.cast(),
                Some(callbacks::func_callback),
                None,
                None,
                Some(callbacks::destroy),
            )
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(operational_error(vm, "Error creating function"));
    }
    Ok(vm.none())
}

fn connection_create_aggregate(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let names = &["name", "n_arg", "aggregate_class"];
    let p = taipan_vm::api::args::parse(vm, "create_aggregate", a, k, names, 3)?;
    let (c, db) = checked(vm, o)?;
    let name = name_arg(vm, "create_aggregate", 1, p[0].as_ref().unwrap_or(&vm.none()))?;
    let narg = narg_arg(vm, p[1].as_ref().unwrap_or(&vm.none()))?;
    let cls = p[2].clone().unwrap_or_else(|| vm.none());
    let rc = if vm.is_none(&cls) {
        // SAFETY: removing a function: no callbacks, no user data.
        unsafe {
            ffi::sqlite3_create_function_v2(
                db,
                name.as_ptr(),
                narg,
                ffi::SQLITE_UTF8,
                ptr::null_mut(),
                None,
                None,
                None,
                None,
            )
        }
    } else {
        let data = callbacks::Callback::boxed(cls, &c.vm_slot);
        // SAFETY: as in create_function.
        unsafe {
            ffi::sqlite3_create_function_v2(
                db,
                name.as_ptr(),
                narg,
                ffi::SQLITE_UTF8,
                data.cast(),
                None,
                Some(callbacks::step_callback),
                Some(callbacks::final_callback),
                Some(callbacks::destroy),
            )
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(operational_error(vm, "Error creating aggregate"));
    }
    Ok(vm.none())
}

fn connection_create_window_function(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "create_window_function", a, k, 3, 3)?;
    let (c, db) = checked(vm, o)?;
    let name = name_arg(vm, "create_window_function", 1, &a[0])?;
    let narg = narg_arg(vm, &a[1])?;
    let cls = a[2].clone();
    let rc = if vm.is_none(&cls) {
        // SAFETY: removing a function: no callbacks, no user data.
        unsafe {
            ffi::sqlite3_create_window_function(
                db,
                name.as_ptr(),
                narg,
                ffi::SQLITE_UTF8,
                ptr::null_mut(),
                None,
                None,
                None,
                None,
                None,
            )
        }
    } else {
        let data = callbacks::Callback::boxed(cls, &c.vm_slot);
        // SAFETY: as in create_function.
        unsafe {
            ffi::sqlite3_create_window_function(
                db,
                name.as_ptr(),
                narg,
                ffi::SQLITE_UTF8 | ffi::SQLITE_DETERMINISTIC,
                data.cast(),
                Some(callbacks::step_callback),
                Some(callbacks::final_callback),
                Some(callbacks::value_callback),
                Some(callbacks::inverse_callback),
                Some(callbacks::destroy),
            )
        }
    };
    if rc != ffi::SQLITE_OK {
        // SQLite sets no error on the connection here: its text for the code.
        // SAFETY: a static message.
        let msg = util::cstr_lossy(unsafe { ffi::sqlite3_errstr(rc) });
        return Err(programming_error(vm, &msg));
    }
    Ok(vm.none())
}

fn connection_create_collation(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "create_collation", a, k, 2, 2)?;
    let (c, db) = checked(vm, o)?;
    let name = name_arg(vm, "create_collation", 1, &a[0])?;
    let func = a[1].clone();
    let rc = if vm.is_none(&func) {
        // SAFETY: removing a collation: no callback, no user data.
        unsafe { ffi::sqlite3_create_collation_v2(db, name.as_ptr(), ffi::SQLITE_UTF8, ptr::null_mut(), None, None) }
    } else {
        if !vm.is_callable(&func) {
            return Err(vm.type_error("parameter must be callable"));
        }
        let data = callbacks::Callback::boxed(func, &c.vm_slot);
        // SAFETY: as in create_function.
        unsafe {
            ffi::sqlite3_create_collation_v2(
                db,
                name.as_ptr(),
                ffi::SQLITE_UTF8,
                data.cast(),
                Some(callbacks::collation_callback),
                Some(callbacks::destroy),
            )
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(util::db_error(vm, db));
    }
    Ok(vm.none())
}

/// Install (or with None remove) a handler whose data the connection
/// keeps. The old data is retired, not freed: this may run inside the old
/// handler itself.
fn swap_handler(
    c: &Connection,
    slot: &RefCell<Option<Box<callbacks::Callback>>>,
    new: Option<Box<callbacks::Callback>>,
    install: impl FnOnce(*mut c_void),
) {
    let p = new.as_ref().map_or(ptr::null_mut(), |b| &**b as *const callbacks::Callback as *mut c_void);
    install(p);
    let old = slot.replace(new);
    let outside_sqlite = c.vm_slot.get().is_null();
    let freed = if outside_sqlite { std::mem::take(&mut *c.retired.borrow_mut()) } else { Vec::new() };
    c.retired.borrow_mut().extend(old);
    drop(freed);
}

fn handler_data(vm: &Vm, c: &Connection, func: &Obj) -> Option<Box<callbacks::Callback>> {
    (!vm.is_none(func)).then(|| Box::new(callbacks::Callback::new(func.clone(), &c.vm_slot)))
}

fn connection_set_authorizer(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "set_authorizer", a, k, &["authorizer_callback"], 1)?;
    let (c, db) = checked(vm, o)?;
    let func = p[0].clone().unwrap_or_else(|| vm.none());
    let data = handler_data(vm, c, &func);
    let has = data.is_some();
    swap_handler(c, &c.authorizer, data, |p| {
        let cb = if has { Some(callbacks::authorizer_callback as _) } else { None };
        // SAFETY: `p` is the handler data the connection keeps alive until
        // it is replaced (after this call) or the connection closes.
        unsafe { ffi::sqlite3_set_authorizer(db, cb, p) };
    });
    Ok(vm.none())
}

fn connection_set_progress_handler(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "set_progress_handler", a, k, &["progress_handler", "n"], 2)?;
    let (c, db) = checked(vm, o)?;
    let func = p[0].clone().unwrap_or_else(|| vm.none());
    let n = narg_arg(vm, p[1].as_ref().unwrap_or(&vm.none()))?;
    let data = handler_data(vm, c, &func);
    let has = data.is_some();
    swap_handler(c, &c.progress, data, |p| {
        let cb = if has { Some(callbacks::progress_callback as _) } else { None };
        // SAFETY: as in set_authorizer.
        unsafe { ffi::sqlite3_progress_handler(db, n, cb, p) };
    });
    Ok(vm.none())
}

fn connection_set_trace_callback(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "set_trace_callback", a, k, &["trace_callback"], 1)?;
    let (c, db) = checked(vm, o)?;
    let func = p[0].clone().unwrap_or_else(|| vm.none());
    let data = handler_data(vm, c, &func);
    let has = data.is_some();
    swap_handler(c, &c.trace, data, |p| {
        let (mask, cb) = if has { (ffi::SQLITE_TRACE_STMT, Some(callbacks::trace_callback as _)) } else { (0, None) };
        // SAFETY: as in set_authorizer.
        unsafe { ffi::sqlite3_trace_v2(db, mask, cb, p) };
    });
    Ok(vm.none())
}

fn connection_interrupt(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "interrupt", a, k)?;
    let (_, db) = checked(vm, o)?;
    // SAFETY: an open handle.
    unsafe { ffi::sqlite3_interrupt(db) };
    Ok(vm.none())
}

fn connection_iterdump(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "iterdump", a, k)?;
    checked(vm, o)?;
    let dump = taipan_vm::api::import::import_module(vm, "sqlite3.dump")?;
    let f = vm
        .getattr_str(&dump, "_iterdump")
        .map_err(|_| operational_error(vm, "Failed to obtain _iterdump() reference"))?;
    vm.call1(&f, o.clone())
}

fn limit_category(vm: &Vm, o: &Obj) -> PyResult<c_int> {
    narg_arg(vm, o)
}

fn connection_getlimit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [cat] = taipan_vm::api::args::exact::<1>(vm, "getlimit", a, k)?;
    let cat = limit_category(vm, &cat)?;
    let (_, db) = checked(vm, o)?;
    // SAFETY: an open handle; -1 only reads the limit.
    let old = unsafe { ffi::sqlite3_limit(db, cat, -1) };
    if old < 0 {
        return Err(programming_error(vm, "'category' is out of bounds"));
    }
    Ok(vm.new_int(old as i64))
}

fn connection_setlimit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "setlimit", a, k, 2, 2)?;
    let cat = limit_category(vm, &a[0])?;
    let limit = narg_arg(vm, &a[1])?;
    let (_, db) = checked(vm, o)?;
    // SAFETY: an open handle.
    let old = unsafe { ffi::sqlite3_limit(db, cat, limit) };
    if old < 0 {
        return Err(programming_error(vm, "'category' is out of bounds"));
    }
    Ok(vm.new_int(old as i64))
}

fn schema_name(vm: &Vm, fname: &str, o: &Option<Obj>) -> PyResult<CString> {
    match o {
        None => Ok(CString::from(c"main")),
        Some(n) => name_arg(vm, fname, 1, n),
    }
}

fn connection_serialize(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let spec = ArgSpec { fname: "serialize", names: &["name"], posonly: 0, required: 0, kwonly_from: 0 };
    let p = parse_spec(vm, &spec, a, k)?;
    let name = schema_name(vm, "serialize", &p[0])?;
    let (_, db) = checked(vm, o)?;
    let mut size: ffi::sqlite3_int64 = 0;
    // SAFETY: an open handle; the flag asks for a pointer to the database
    // without a copy when possible.
    let mut data = unsafe { ffi::sqlite3_serialize(db, name.as_ptr(), &mut size, ffi::SQLITE_SERIALIZE_NOCOPY) };
    let mut owned = false;
    if data.is_null() {
        // SAFETY: as above; this copy is ours to free.
        data = unsafe { ffi::sqlite3_serialize(db, name.as_ptr(), &mut size, 0) };
        owned = true;
    }
    if data.is_null() {
        return Err(operational_error(vm, &format!("unable to serialize '{}'", name.to_string_lossy())));
    }
    // SAFETY: SQLite returned `size` bytes at `data`, copied at once.
    let out = unsafe { std::slice::from_raw_parts(data, size.max(0) as usize) }.to_vec();
    if owned {
        // SAFETY: memory sqlite3_serialize allocated for us.
        unsafe { ffi::sqlite3_free(data.cast()) };
    }
    Ok(vm.new_bytes(out))
}

fn connection_deserialize(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let spec = ArgSpec { fname: "deserialize", names: &["data", "name"], posonly: 1, required: 1, kwonly_from: 1 };
    let p = parse_spec(vm, &spec, a, k)?;
    let data_obj = p[0].clone().unwrap_or_else(|| vm.none());
    let name = schema_name(vm, "deserialize", &p[1])?;
    let (c, db) = checked(vm, o)?;
    let data = util::contiguous_bytes(vm, &data_obj)?;
    // SAFETY: a fresh SQLite allocation of the data's size (at least 1).
    let buf = unsafe { ffi::sqlite3_malloc64(data.len().max(1) as u64) } as *mut u8;
    if buf.is_null() {
        return Err(vm.memory_error());
    }
    // SAFETY: `buf` has room for `data.len()` bytes; SQLite owns and frees
    // it (FREEONCLOSE), also when the call fails.
    let rc = unsafe {
        ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len());
        let _scope = util::enter(&c.vm_slot, vm);
        ffi::sqlite3_deserialize(
            db,
            name.as_ptr(),
            buf,
            data.len() as i64,
            data.len() as i64,
            ffi::SQLITE_DESERIALIZE_FREEONCLOSE | ffi::SQLITE_DESERIALIZE_RESIZEABLE,
        )
    };
    if rc != ffi::SQLITE_OK {
        return Err(util::db_error(vm, db));
    }
    Ok(vm.none())
}

fn connection_backup(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let names = &["target", "pages", "progress", "name", "sleep"];
    let spec = ArgSpec { fname: "backup", names, posonly: 1, required: 1, kwonly_from: 1 };
    let p = parse_spec(vm, &spec, a, k)?;
    let target = p[0].clone().unwrap_or_else(|| vm.none());
    let conn_type = util::state(vm, util::CONNECTION_TYPE);
    if !vm.isinstance_type(&target, &conn_type) {
        return Err(
            vm.type_error(format!("backup() argument 1 must be sqlite3.Connection, not {}", vm.type_name(&target)))
        );
    }
    let mut pages = int_arg(vm, &p[1], -1)?;
    if pages == 0 {
        pages = -1;
    }
    let progress = p[2].clone().filter(|f| !vm.is_none(f));
    if let Some(f) = &progress {
        if !vm.is_callable(f) {
            return Err(vm.type_error("progress argument must be a callable"));
        }
    }
    let name = schema_name(vm, "backup", &p[3])?;
    let sleep = match &p[4] {
        Some(s) => vm.to_f64(s)?,
        None => 0.250,
    };
    if sleep < 0.0 {
        return Err(vm.value_error("sleep must be greater-than or equal to zero"));
    }
    let (c, db) = checked(vm, o)?;
    if target.is(o) {
        return Err(vm.value_error("target cannot be the same connection instance"));
    }
    let (_, tdb) = checked(vm, &target)?;
    let _scope = util::enter(&c.vm_slot, vm);
    // SAFETY: both handles are open; the backup object is finished below.
    let bck = unsafe { ffi::sqlite3_backup_init(tdb, c"main".as_ptr(), db, name.as_ptr()) };
    if bck.is_null() {
        return Err(util::db_error(vm, tdb));
    }
    let mut rc;
    loop {
        // SAFETY: a live backup object.
        rc = unsafe { ffi::sqlite3_backup_step(bck, pages as c_int) };
        if let Some(f) = &progress {
            // SAFETY: a live backup object.
            let (remaining, count) =
                unsafe { (ffi::sqlite3_backup_remaining(bck), ffi::sqlite3_backup_pagecount(bck)) };
            let r = vm.call(f, &[vm.new_int(rc as i64), vm.new_int(remaining as i64), vm.new_int(count as i64)], None);
            if let Err(e) = r {
                // SAFETY: finishing the live backup object once.
                unsafe { ffi::sqlite3_backup_finish(bck) };
                return Err(e);
            }
        }
        if rc == ffi::SQLITE_BUSY || rc == ffi::SQLITE_LOCKED {
            // SAFETY: a plain sleep.
            unsafe { ffi::sqlite3_sleep((sleep * 1000.0) as c_int) };
        }
        if !(rc == ffi::SQLITE_OK || rc == ffi::SQLITE_BUSY || rc == ffi::SQLITE_LOCKED) {
            break;
        }
    }
    // SAFETY: finishing the live backup object once.
    let rc2 = unsafe { ffi::sqlite3_backup_finish(bck) };
    if rc2 != ffi::SQLITE_OK {
        return Err(util::db_error(vm, tdb));
    }
    let _ = rc;
    Ok(vm.none())
}

fn connection_blobopen(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    super::blob::blobopen(vm, o, a, k)
}

/// `connection(sql)`: a prepared statement (`pysqlite_connection_call`).
fn connection_call(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (c, db) = checked(vm, o)?;
    crate::support::no_kwargs(vm, "sqlite3.Connection", k)?;
    if a.len() != 1 {
        return Err(vm.type_error(format!("function takes exactly 1 argument ({} given)", a.len())));
    }
    if pystr::data(&a[0]).is_none() {
        return Err(vm.type_error(format!("argument 1 must be str, not {}", vm.type_name(&a[0]))));
    }
    let _scope = util::enter(&c.vm_slot, vm);
    let st = super::statement::prepare(vm, db, &a[0])?;
    super::statement::new_statement_object(vm, st)
}

fn connection_enter(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__enter__", a, k)?;
    checked(vm, o)?;
    Ok(o.clone())
}

fn connection_exit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "__exit__", a, k, 3, 3)?;
    let (c, db) = checked(vm, o)?;
    if vm.is_none(&a[0]) {
        if c.in_transaction(db) {
            if let Err(e) = c.run_simple(vm, db, "COMMIT") {
                if c.in_transaction(db) {
                    let _ = c.run_simple(vm, db, "ROLLBACK");
                }
                return Err(e);
            }
        }
    } else if c.in_transaction(db) {
        c.run_simple(vm, db, "ROLLBACK")?;
    }
    Ok(vm.bool_obj(false))
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("cursor", connection_cursor),
    MethodDef::method("close", connection_close),
    MethodDef::method("commit", connection_commit),
    MethodDef::method("rollback", connection_rollback),
    MethodDef::method("execute", connection_execute),
    MethodDef::method("executemany", connection_executemany),
    MethodDef::method("executescript", connection_executescript),
    MethodDef::method("create_function", connection_create_function),
    MethodDef::method("create_aggregate", connection_create_aggregate),
    MethodDef::method("create_window_function", connection_create_window_function),
    MethodDef::method("create_collation", connection_create_collation),
    MethodDef::method("set_authorizer", connection_set_authorizer),
    MethodDef::method("set_progress_handler", connection_set_progress_handler),
    MethodDef::method("set_trace_callback", connection_set_trace_callback),
    MethodDef::method("interrupt", connection_interrupt),
    MethodDef::method("iterdump", connection_iterdump),
    MethodDef::method("getlimit", connection_getlimit),
    MethodDef::method("setlimit", connection_setlimit),
    MethodDef::method("serialize", connection_serialize),
    MethodDef::method("deserialize", connection_deserialize),
    MethodDef::method("backup", connection_backup),
    MethodDef::method("blobopen", connection_blobopen),
    MethodDef::method("__enter__", connection_enter),
    MethodDef::method("__exit__", connection_exit),
];

// ---- attributes --------------------------------------------------------------------------------

fn get_isolation_level(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let c = conn_of(vm, o)?;
    c.check(vm)?;
    Ok(match c.isolation_level.get() {
        Some(l) => vm.new_str(l),
        None => vm.none(),
    })
}

fn set_isolation_level(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = conn_of(vm, o)?;
    let db = c.check(vm)?;
    let Some(v) = v else {
        return Err(vm.attribute_error("cannot delete attribute"));
    };
    let level = parse_isolation_level(vm, v)?;
    if level.is_none() && c.in_transaction(db) {
        c.run_simple(vm, db, "COMMIT")?;
    }
    c.isolation_level.set(level);
    Ok(())
}

fn get_total_changes(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (_, db) = checked(vm, o)?;
    // SAFETY: an open handle.
    Ok(vm.new_int(unsafe { ffi::sqlite3_total_changes(db) } as i64))
}

fn get_in_transaction(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (c, db) = checked(vm, o)?;
    Ok(vm.bool_obj(c.in_transaction(db)))
}

fn get_row_factory(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(conn_of(vm, o)?.row_factory.get().unwrap_or_else(|| vm.none()))
}

fn set_row_factory(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.attribute_error("can't delete attribute"));
    };
    conn_of(vm, o)?.row_factory.set(Some(v.clone()));
    Ok(())
}

fn get_text_factory(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(conn_of(vm, o)?.text_factory.get().unwrap_or_else(|| vm.none()))
}

fn set_text_factory(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.attribute_error("can't delete attribute"));
    };
    conn_of(vm, o)?.text_factory.set(Some(v.clone()));
    Ok(())
}

macro_rules! exception_getter {
    ($name:literal, $key:expr) => {
        GetSetDef::new(
            $name,
            |vm, o| {
                conn_of(vm, o)?;
                Ok(util::state(vm, $key))
            },
            None,
        )
    };
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("isolation_level", get_isolation_level, Some(set_isolation_level)),
    GetSetDef::new("total_changes", get_total_changes, None),
    GetSetDef::new("in_transaction", get_in_transaction, None),
    GetSetDef::new("row_factory", get_row_factory, Some(set_row_factory)),
    GetSetDef::new("text_factory", get_text_factory, Some(set_text_factory)),
    exception_getter!("Warning", util::WARNING),
    exception_getter!("Error", util::ERROR),
    exception_getter!("InterfaceError", util::INTERFACE_ERROR),
    exception_getter!("DatabaseError", util::DATABASE_ERROR),
    exception_getter!("DataError", util::DATA_ERROR),
    exception_getter!("OperationalError", util::OPERATIONAL_ERROR),
    exception_getter!("IntegrityError", util::INTEGRITY_ERROR),
    exception_getter!("InternalError", util::INTERNAL_ERROR),
    exception_getter!("ProgrammingError", util::PROGRAMMING_ERROR),
    exception_getter!("NotSupportedError", util::NOT_SUPPORTED_ERROR),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "sqlite3.Connection",
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: false,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("SQLite database connection object."),
    };
    new_type::<Connection>(vm, &spec, |s| {
        s.new.set(Some(connection_new));
        s.init.set(Some(connection_init));
        s.call.set(Some(connection_call));
    })
}

/// Used by cursors: the connection's settings for one execution.
pub(crate) fn cursor_view<'a>(vm: &Vm, conn: &'a Obj) -> PyResult<(&'a Connection, *mut ffi::sqlite3)> {
    checked(vm, conn)
}
