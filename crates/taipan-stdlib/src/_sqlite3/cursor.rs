//! CPython's `Modules/_sqlite/cursor.c`: `sqlite3.Cursor`: execute,
//! executemany, executescript, fetching rows (with converters, the text
//! factory and the row factory), description, rowcount and lastrowid.

use super::connection::{self, Connection};
use super::statement::{self, Stmt};
use super::util::{self, programming_error};
use libsqlite3_sys as ffi;
use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::rc::Rc;
use taipan_vm::api::types::{alloc_instance, flags, new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{dict, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

pub(crate) struct Cursor {
    connection: ObjCell,
    description: ObjCell,
    lastrowid: ObjCell,
    row_factory: ObjCell,
    arraysize: Cell<i64>,
    rowcount: Cell<i64>,
    initialized: Cell<bool>,
    closed: Cell<bool>,
    locked: Cell<bool>,
    statement: RefCell<Option<Rc<Stmt>>>,
    /// One converter (or None) per result column, with `detect_types`.
    row_cast_map: RefCell<Vec<Option<Obj>>>,
}

impl PyPayload for Cursor {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.connection, &self.description, &self.lastrowid, &self.row_factory], visit);
        if let Ok(m) = self.row_cast_map.try_borrow() {
            for c in m.iter().flatten() {
                visit(c);
            }
        }
    }
    fn clear(&self) {
        if let Ok(mut s) = self.statement.try_borrow_mut() {
            if let Some(st) = s.take() {
                st.reset();
            }
        }
        crate::support::clear_cells(&[&self.connection, &self.description, &self.lastrowid, &self.row_factory]);
        if let Ok(mut m) = self.row_cast_map.try_borrow_mut() {
            m.clear();
        }
    }
}

pub(crate) fn cursor_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Cursor> {
    payload_or_err::<Cursor>(vm, o, "sqlite3.Cursor")
}

fn cursor_new(vm: &Vm, cls: &Obj, _a: Args, _k: Kw) -> PyResult<Obj> {
    let owner = util::state(vm, util::CURSOR_TYPE);
    let c = Cursor {
        connection: ObjCell::default(),
        description: ObjCell::some(vm.none()),
        lastrowid: ObjCell::some(vm.none()),
        row_factory: ObjCell::some(vm.none()),
        arraysize: Cell::new(1),
        rowcount: Cell::new(-1),
        initialized: Cell::new(false),
        closed: Cell::new(false),
        locked: Cell::new(false),
        statement: RefCell::new(None),
        row_cast_map: RefCell::new(Vec::new()),
    };
    alloc_instance(vm, cls, &owner, c)
}

fn cursor_init(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<()> {
    let a = crate::support::positional(vm, "Cursor", a, k, 1, 1)?;
    let conn_type = util::state(vm, util::CONNECTION_TYPE);
    if !vm.isinstance_type(&a[0], &conn_type) {
        return Err(
            vm.type_error(format!("Cursor() argument 1 must be sqlite3.Connection, not {}", vm.type_name(&a[0])))
        );
    }
    let c = cursor_of(vm, o)?;
    if c.locked.get() {
        return Err(programming_error(vm, "Recursive use of cursors not allowed."));
    }
    c.connection.set(Some(a[0].clone()));
    drop(c.statement.borrow_mut().take());
    c.row_cast_map.borrow_mut().clear();
    c.description.set(Some(vm.none()));
    c.lastrowid.set(Some(vm.none()));
    c.row_factory.set(Some(vm.none()));
    c.arraysize.set(1);
    c.closed.set(false);
    c.rowcount.set(-1);
    c.initialized.set(true);
    Ok(())
}

impl Cursor {
    fn connection(&self, vm: &Vm) -> PyResult<Obj> {
        self.connection.get().ok_or_else(|| programming_error(vm, "Base Cursor.__init__ not called."))
    }

    /// `check_cursor`: usable, then the connection's own check.
    fn check<'a>(&self, vm: &Vm, conn: &'a Obj) -> PyResult<(&'a Connection, *mut ffi::sqlite3)> {
        if !self.initialized.get() {
            return Err(programming_error(vm, "Base Cursor.__init__ not called."));
        }
        if self.closed.get() {
            return Err(programming_error(vm, "Cannot operate on a closed cursor."));
        }
        if self.locked.get() {
            return Err(programming_error(vm, "Recursive use of cursors not allowed."));
        }
        connection::cursor_view(vm, conn)
    }

    fn current_statement(&self) -> Option<Rc<Stmt>> {
        self.statement.borrow().clone()
    }

    fn reset_statement(&self) {
        if let Some(st) = self.current_statement() {
            st.reset();
        }
    }
}

/// A converter registered for `name` (case-insensitive).
fn get_converter(vm: &Vm, name: &[u8]) -> PyResult<Option<Obj>> {
    let key = util::decode_utf8(vm, name)?;
    let upper = vm.call_method(&key, "upper", &[])?;
    dict::get_item_opt(vm, &util::state(vm, util::CONVERTERS), &upper)
}

/// The converter of a column from its name (`[type]`, PARSE_COLNAMES).
fn colname_converter(vm: &Vm, colname: &[u8]) -> PyResult<Option<Obj>> {
    let Some(open) = colname.iter().position(|&c| c == b'[') else { return Ok(None) };
    let rest = &colname[open + 1..];
    match rest.iter().position(|&c| c == b']') {
        Some(close) => get_converter(vm, &rest[..close]),
        None => Ok(None),
    }
}

/// The converter of a column from its declared type (PARSE_DECLTYPES):
/// the first word, cut at a blank or '('.
fn decltype_converter(vm: &Vm, decl: &[u8]) -> PyResult<Option<Obj>> {
    let end = decl.iter().position(|&c| c == b' ' || c == b'(').unwrap_or(decl.len());
    get_converter(vm, &decl[..end])
}

fn build_row_cast_map(vm: &Vm, conn: &Connection, st: &Stmt) -> PyResult<Vec<Option<Obj>>> {
    let detect = conn.detect_types.get();
    let mut out = Vec::new();
    if detect == 0 {
        return Ok(out);
    }
    for i in 0..st.column_count() {
        let mut converter = None;
        if detect & super::PARSE_COLNAMES != 0 {
            if let Some(name) = st.column_name(i) {
                converter = colname_converter(vm, &name)?;
            }
        }
        if converter.is_none() && detect & super::PARSE_DECLTYPES != 0 {
            if let Some(decl) = st.column_decltype(i) {
                converter = decltype_converter(vm, &decl)?;
            }
        }
        out.push(converter);
    }
    Ok(out)
}

/// A column name as `description` shows it (`[type]` cut with
/// PARSE_COLNAMES).
fn column_name(vm: &Vm, conn: &Connection, raw: &[u8]) -> PyResult<Obj> {
    let mut end = raw.len();
    if conn.detect_types.get() & super::PARSE_COLNAMES != 0 {
        if let Some(pos) = raw.iter().position(|&c| c == b'[') {
            end = if pos > 0 && raw[pos - 1] == b' ' { pos - 1 } else { pos };
        }
    }
    util::decode_utf8(vm, &raw[..end])
}

fn build_description(vm: &Vm, conn: &Connection, st: &Stmt) -> PyResult<Obj> {
    let mut cols = Vec::new();
    for i in 0..st.column_count() {
        let raw = st.column_name(i).ok_or_else(|| vm.memory_error())?;
        let name = column_name(vm, conn, &raw)?;
        let none = vm.none();
        cols.push(vm.new_tuple(vec![name, none.clone(), none.clone(), none.clone(), none.clone(), none.clone(), none]));
    }
    Ok(vm.new_tuple(cols))
}

/// The bytes of a text or blob column.
fn column_bytes(st: *mut ffi::sqlite3_stmt, i: c_int, text: bool) -> Option<Vec<u8>> {
    // SAFETY: the statement has a current row and `i` is below its data
    // count; the pointer is read with the byte count fetched after it (as
    // SQLite requires) and copied at once.
    unsafe {
        let p = if text { ffi::sqlite3_column_text(st, i) } else { ffi::sqlite3_column_blob(st, i) as *const u8 };
        let n = ffi::sqlite3_column_bytes(st, i).max(0) as usize;
        if p.is_null() {
            return None;
        }
        Some(std::slice::from_raw_parts(p, n).to_vec())
    }
}

fn text_value(vm: &Vm, conn: &Connection, st: &Stmt, i: c_int, b: Vec<u8>) -> PyResult<Obj> {
    let t = &vm.ctx.types;
    let factory = conn.text_factory.get().unwrap_or_else(|| t.str.clone());
    if factory.is(&t.str) {
        return match std::str::from_utf8(&b) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(_) => {
                let col = String::from_utf8_lossy(&st.column_name(i).unwrap_or_default()).into_owned();
                let text: String = b.iter().map(|&c| if c.is_ascii() { c as char } else { '\u{fffd}' }).collect();
                Err(util::operational_error(
                    vm,
                    &format!("Could not decode to UTF-8 column '{col}' with text '{text}'"),
                ))
            }
        };
    }
    if factory.is(&t.bytes) {
        return Ok(vm.new_bytes(b));
    }
    if factory.is(&t.bytearray) {
        return Ok(vm.new_bytearray(b));
    }
    vm.call1(&factory, vm.new_bytes(b))
}

/// The current row as a tuple (`_pysqlite_fetch_one_row`).
fn fetch_one_row(vm: &Vm, cur: &Cursor, conn: &Connection, st: &Stmt) -> PyResult<Obj> {
    let raw = st.raw();
    // SAFETY: a live statement with a current row.
    let n = unsafe { ffi::sqlite3_data_count(raw) };
    let mut row = Vec::with_capacity(n.max(0) as usize);
    for i in 0..n {
        let converter = if conn.detect_types.get() != 0 {
            cur.row_cast_map.borrow().get(i as usize).cloned().flatten()
        } else {
            None
        };
        let v = if let Some(conv) = converter {
            match column_bytes(raw, i, false) {
                None => vm.none(),
                Some(b) => vm.call1(&conv, vm.new_bytes(b))?,
            }
        } else {
            // SAFETY: as in `column_bytes`.
            match unsafe { ffi::sqlite3_column_type(raw, i) } {
                ffi::SQLITE_NULL => vm.none(),
                // SAFETY: as in `column_bytes`.
                ffi::SQLITE_INTEGER => vm.new_int(unsafe { ffi::sqlite3_column_int64(raw, i) }),
                // SAFETY: as in `column_bytes`.
                ffi::SQLITE_FLOAT => vm.new_float(unsafe { ffi::sqlite3_column_double(raw, i) }),
                ffi::SQLITE_TEXT => text_value(vm, conn, st, i, column_bytes(raw, i, true).unwrap_or_default())?,
                _ => vm.new_bytes(column_bytes(raw, i, false).unwrap_or_default()),
            }
        };
        row.push(v);
    }
    Ok(vm.new_tuple(row))
}

fn parameters_iter(vm: &Vm, multiple: bool, second: Option<&Obj>) -> PyResult<Obj> {
    if multiple {
        return vm.iter(second.unwrap_or(&vm.none()));
    }
    let params = second.cloned().unwrap_or_else(|| vm.new_tuple(vec![]));
    vm.iter(&vm.new_list(vec![params]))
}

/// `_pysqlite_query_execute`: execute (multiple = false) or executemany.
fn query_execute(vm: &Vm, o: &Obj, multiple: bool, sql: &Obj, second: Option<&Obj>) -> PyResult<Obj> {
    let cur = cursor_of(vm, o)?;
    let conn_obj = cur.connection(vm)?;
    cur.check(vm, &conn_obj)?;
    cur.locked.set(true);
    let r = execute_locked(vm, cur, &conn_obj, multiple, sql, second);
    cur.locked.set(false);
    match r {
        Ok(()) => Ok(o.clone()),
        Err(e) => {
            cur.rowcount.set(-1);
            Err(e)
        }
    }
}

fn execute_locked(
    vm: &Vm,
    cur: &Cursor,
    conn_obj: &Obj,
    multiple: bool,
    sql: &Obj,
    second: Option<&Obj>,
) -> PyResult<()> {
    let (conn, db) = connection::cursor_view(vm, conn_obj)?;
    let params_iter = parameters_iter(vm, multiple, second)?;
    cur.reset_statement();
    cur.description.set(Some(vm.none()));
    cur.rowcount.set(0);
    let old = cur.statement.borrow_mut().take();
    drop(old);
    let _scope = util::enter(&conn.vm_slot, vm);
    let st = Rc::new(statement::prepare(vm, db, sql)?);
    *cur.statement.borrow_mut() = Some(st.clone());
    if multiple && st.readonly() {
        return Err(programming_error(vm, "executemany() can only execute DML statements."));
    }
    // SAFETY: an open handle.
    if conn.isolation_level().is_some() && st.is_dml && unsafe { ffi::sqlite3_get_autocommit(db) } != 0 {
        conn.begin(vm, db)?;
    }
    while let Some(params) = vm.next(&params_iter)? {
        statement::bind_parameters(vm, &st, &params)?;
        let rc = st.step();
        if rc != ffi::SQLITE_DONE && rc != ffi::SQLITE_ROW {
            st.reset();
            return Err(util::db_error(vm, db));
        }
        let map = build_row_cast_map(vm, conn, &st).map_err(|e| {
            let err = util::operational_error(vm, "Error while building row_cast_map");
            vm.setattr_str(err.value(), "__cause__", e.value()).ok();
            err
        })?;
        *cur.row_cast_map.borrow_mut() = map;
        let described = cur.description.get().is_some_and(|d| !vm.is_none(&d));
        if !described && st.column_count() > 0 {
            cur.description.set(Some(build_description(vm, conn, &st)?));
        }
        if st.is_dml {
            // SAFETY: an open handle.
            let changes = unsafe { ffi::sqlite3_changes(db) } as i64;
            cur.rowcount.set(cur.rowcount.get() + changes);
        } else {
            cur.rowcount.set(-1);
        }
        if rc == ffi::SQLITE_DONE && !multiple {
            st.reset();
            drop(cur.statement.borrow_mut().take());
        }
        if multiple {
            st.reset();
        }
    }
    if !multiple {
        // SAFETY: an open handle.
        let rowid = unsafe { ffi::sqlite3_last_insert_rowid(db) };
        cur.lastrowid.set(Some(vm.new_int(rowid)));
    }
    Ok(())
}

fn sql_arg(vm: &Vm, fname: &str, o: &Obj) -> PyResult<()> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("{fname}() argument 1 must be str, not {}", vm.type_name(o))));
    }
    Ok(())
}

fn cursor_execute(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "execute", a, k, 1, 2)?;
    sql_arg(vm, "execute", &a[0])?;
    query_execute(vm, o, false, &a[0], a.get(1))
}

fn cursor_executemany(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "executemany", a, k, 2, 2)?;
    sql_arg(vm, "executemany", &a[0])?;
    query_execute(vm, o, true, &a[0], a.get(1))
}

fn cursor_executescript(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [script] = taipan_vm::api::args::exact::<1>(vm, "executescript", a, k)?;
    if pystr::data(&script).is_none() {
        return Err(vm.type_error(format!("executescript() argument must be str, not {}", vm.type_name(&script))));
    }
    let cur = cursor_of(vm, o)?;
    let conn_obj = cur.connection(vm)?;
    let (conn, db) = cur.check(vm, &conn_obj)?;
    let text = util::utf8(vm, &script)?;
    if text.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    // SAFETY: an open handle.
    let max = unsafe { ffi::sqlite3_limit(db, ffi::SQLITE_LIMIT_SQL_LENGTH, -1) };
    if text.len() > max.max(0) as usize {
        return Err(util::error(vm, util::DATA_ERROR, "query string is too large"));
    }
    let _scope = util::enter(&conn.vm_slot, vm);
    // SAFETY: an open handle.
    if unsafe { ffi::sqlite3_get_autocommit(db) } == 0 {
        conn.run_simple(vm, db, "COMMIT")?;
    }
    let mut rest: &[u8] = &text;
    while !rest.is_empty() {
        let mut st: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let mut tail: *const std::ffi::c_char = std::ptr::null();
        // SAFETY: `rest` is live for the call and its length is given; the
        // statement is finalized before the next round.
        let rc = unsafe {
            let mut rc = ffi::sqlite3_prepare_v2(db, rest.as_ptr().cast(), rest.len() as c_int, &mut st, &mut tail);
            if rc == ffi::SQLITE_OK {
                loop {
                    rc = ffi::sqlite3_step(st);
                    if rc != ffi::SQLITE_ROW {
                        break;
                    }
                }
                rc = ffi::sqlite3_finalize(st);
            }
            rc
        };
        if rc != ffi::SQLITE_OK {
            return Err(util::db_error(vm, db));
        }
        let used = if tail.is_null() { rest.len() } else { (tail as usize).saturating_sub(rest.as_ptr() as usize) };
        if used == 0 {
            break;
        }
        rest = &rest[used.min(rest.len())..];
    }
    Ok(o.clone())
}

/// `pysqlite_cursor_iternext`: the next row, None at the end.
fn next_row(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let cur = cursor_of(vm, o)?;
    let conn_obj = cur.connection(vm)?;
    let (conn, db) = cur.check(vm, &conn_obj)?;
    let Some(st) = cur.current_statement() else { return Ok(None) };
    // SAFETY: a live statement.
    if st.raw().is_null() || unsafe { ffi::sqlite3_data_count(st.raw()) } == 0 {
        st.reset();
        drop(cur.statement.borrow_mut().take());
        return Ok(None);
    }
    cur.locked.set(true);
    let row = fetch_one_row(vm, cur, conn, &st);
    cur.locked.set(false);
    let row = row?;
    let rc = {
        let _scope = util::enter(&conn.vm_slot, vm);
        st.step()
    };
    if rc == ffi::SQLITE_DONE {
        st.reset();
    } else if rc != ffi::SQLITE_ROW {
        return Err(util::db_error(vm, db));
    }
    let factory = cur.row_factory.get().unwrap_or_else(|| vm.none());
    if vm.is_none(&factory) {
        return Ok(Some(row));
    }
    Ok(Some(vm.call(&factory, &[o.clone(), row], None)?))
}

fn cursor_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    next_row(vm, o)
}

fn cursor_fetchone(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "fetchone", a, k)?;
    Ok(next_row(vm, o)?.unwrap_or_else(|| vm.none()))
}

fn cursor_fetchmany(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "fetchmany", a, k, &["size"], 0)?;
    let cur = cursor_of(vm, o)?;
    let max = match &p[0] {
        Some(s) => {
            if vm.isinstance_type(s, &vm.ctx.types.float) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            let v = vm.index(s)?;
            let n = vm.to_i64(&v).ok().and_then(|n| i32::try_from(n).ok());
            n.ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))? as i64
        }
        None => cur.arraysize.get(),
    };
    let mut rows = Vec::new();
    while let Some(r) = next_row(vm, o)? {
        rows.push(r);
        if rows.len() as i64 == max {
            break;
        }
    }
    Ok(vm.new_list(rows))
}

fn cursor_fetchall(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "fetchall", a, k)?;
    let mut rows = Vec::new();
    while let Some(r) = next_row(vm, o)? {
        rows.push(r);
    }
    Ok(vm.new_list(rows))
}

fn cursor_setinputsizes(vm: &Vm, _o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<1>(vm, "setinputsizes", a, k)?;
    Ok(vm.none())
}

fn cursor_setoutputsize(vm: &Vm, _o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    crate::support::positional(vm, "setoutputsize", a, k, 1, 2)?;
    Ok(vm.none())
}

fn cursor_close(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", a, k)?;
    let cur = cursor_of(vm, o)?;
    let conn_obj = cur.connection(vm)?;
    if cur.locked.get() {
        return Err(programming_error(vm, "Recursive use of cursors not allowed."));
    }
    connection::cursor_view(vm, &conn_obj)?;
    cur.reset_statement();
    drop(cur.statement.borrow_mut().take());
    cur.closed.set(true);
    Ok(vm.none())
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", cursor_close),
    MethodDef::method("executemany", cursor_executemany),
    MethodDef::method("executescript", cursor_executescript),
    MethodDef::method("execute", cursor_execute),
    MethodDef::method("fetchall", cursor_fetchall),
    MethodDef::method("fetchmany", cursor_fetchmany),
    MethodDef::method("fetchone", cursor_fetchone),
    MethodDef::method("setinputsizes", cursor_setinputsizes),
    MethodDef::method("setoutputsize", cursor_setoutputsize),
];

fn readonly(vm: &Vm, name: &str) -> taipan_vm::api::PyErr {
    vm.attribute_error(format!("readonly attribute '{name}'"))
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("connection", |vm, o| Ok(cursor_of(vm, o)?.connection.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("description", |vm, o| Ok(cursor_of(vm, o)?.description.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("lastrowid", |vm, o| Ok(cursor_of(vm, o)?.lastrowid.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("rowcount", |vm, o| Ok(vm.new_int(cursor_of(vm, o)?.rowcount.get())), None),
    GetSetDef::new(
        "arraysize",
        |vm, o| Ok(vm.new_int(cursor_of(vm, o)?.arraysize.get())),
        Some(|vm, o, v| {
            let Some(v) = v else { return Err(vm.type_error("can't delete numeric/char attribute")) };
            if !vm.isinstance_type(v, &vm.ctx.types.int) {
                return Err(vm.type_error("an integer is required"));
            }
            let n = vm.to_i64(v)?;
            if i32::try_from(n).is_err() {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            cursor_of(vm, o)?.arraysize.set(n);
            Ok(())
        }),
    ),
    GetSetDef::new(
        "row_factory",
        |vm, o| Ok(cursor_of(vm, o)?.row_factory.get().unwrap_or_else(|| vm.none())),
        Some(|vm, o, v| {
            cursor_of(vm, o)?.row_factory.set(Some(v.cloned().unwrap_or_else(|| vm.none())));
            Ok(())
        }),
    ),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let _ = readonly;
    let spec = TypeSpec {
        name: "sqlite3.Cursor",
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: false,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("SQLite database cursor class."),
    };
    new_type::<Cursor>(vm, &spec, |s| {
        s.new.set(Some(cursor_new));
        s.init.set(Some(cursor_init));
        s.iter.set(Some(crate::support::iter_self));
        s.iternext.set(Some(cursor_iternext));
    })
}
