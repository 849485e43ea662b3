//! CPython's `Modules/_sqlite/statement.c`: a prepared statement, the
//! checks made when it is prepared (one statement at a time, no NUL, the
//! length limit), whether it is DML (which opens an implicit transaction),
//! and binding parameters (`pysqlite_statement_bind_parameters`).

use super::microprotocols;
use super::util::{self, programming_error};
use libsqlite3_sys as ffi;
use std::ffi::{c_char, c_int};
use std::ptr;
use taipan_vm::api::{buffer, dict, str as pystr, Obj, PyResult, Vm};

/// A prepared statement; finalized when the last reference goes.
pub(crate) struct Stmt {
    st: *mut ffi::sqlite3_stmt,
    pub(crate) is_dml: bool,
}

impl Drop for Stmt {
    fn drop(&mut self) {
        // SAFETY: `st` came from sqlite3_prepare_v2 and is finalized once,
        // here; finalizing null is a no-op.
        unsafe { ffi::sqlite3_finalize(self.st) };
    }
}

impl Stmt {
    pub(crate) fn raw(&self) -> *mut ffi::sqlite3_stmt {
        self.st
    }

    pub(crate) fn reset(&self) {
        if !self.st.is_null() {
            // SAFETY: a live statement handle.
            unsafe { ffi::sqlite3_reset(self.st) };
        }
    }

    /// One `sqlite3_step` (SQLITE_DONE for an empty statement).
    pub(crate) fn step(&self) -> c_int {
        if self.st.is_null() {
            return ffi::SQLITE_DONE;
        }
        // SAFETY: a live statement handle.
        unsafe { ffi::sqlite3_step(self.st) }
    }

    pub(crate) fn column_count(&self) -> c_int {
        if self.st.is_null() {
            return 0;
        }
        // SAFETY: a live statement handle.
        unsafe { ffi::sqlite3_column_count(self.st) }
    }

    pub(crate) fn readonly(&self) -> bool {
        // SAFETY: a live statement handle (null answers true).
        self.st.is_null() || unsafe { ffi::sqlite3_stmt_readonly(self.st) } != 0
    }

    pub(crate) fn column_name(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: a live statement handle and a column index below the count.
        let p = unsafe { ffi::sqlite3_column_name(self.st, i) };
        cbytes(p)
    }

    pub(crate) fn column_decltype(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: as `column_name`.
        let p = unsafe { ffi::sqlite3_column_decltype(self.st, i) };
        cbytes(p)
    }

    fn param_count(&self) -> c_int {
        if self.st.is_null() {
            return 0;
        }
        // SAFETY: a live statement handle.
        unsafe { ffi::sqlite3_bind_parameter_count(self.st) }
    }

    fn param_name(&self, i: c_int) -> Option<Vec<u8>> {
        // SAFETY: a live statement handle; 1 <= i <= the parameter count.
        let p = unsafe { ffi::sqlite3_bind_parameter_name(self.st, i) };
        cbytes(p)
    }
}

/// The bytes of a NUL-terminated C string (None for null).
pub(crate) fn cbytes(p: *const c_char) -> Option<Vec<u8>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: SQLite returns NUL-terminated strings; copied at once.
    Some(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec())
}

/// Skip whitespace and SQL comments (`--` to end of line, `/* */`).
fn skip_space_and_comments(s: &[u8]) -> &[u8] {
    let mut s = s;
    loop {
        match s {
            [c, rest @ ..] if c.is_ascii_whitespace() => s = rest,
            [b'-', b'-', rest @ ..] => {
                let end = rest.iter().position(|&c| c == b'\n').map_or(rest.len(), |i| i + 1);
                s = &rest[end..];
            }
            [b'/', b'*', rest @ ..] => match rest.windows(2).position(|w| w == b"*/") {
                Some(i) => s = &rest[i + 2..],
                None => return &[],
            },
            _ => return s,
        }
    }
}

/// Does the statement start with INSERT, UPDATE, DELETE or REPLACE?
fn is_dml(sql: &[u8]) -> bool {
    let s = skip_space_and_comments(sql);
    ["insert", "update", "delete", "replace"]
        .iter()
        .any(|kw| s.len() >= kw.len() && s[..kw.len()].eq_ignore_ascii_case(kw.as_bytes()))
}

/// Prepare `sql` (a str) on `db` (`pysqlite_statement_create`).
pub(crate) fn prepare(vm: &Vm, db: *mut ffi::sqlite3, sql: &Obj) -> PyResult<Stmt> {
    let text = util::utf8(vm, sql)?;
    // SAFETY: an open connection handle.
    let max = unsafe { ffi::sqlite3_limit(db, ffi::SQLITE_LIMIT_SQL_LENGTH, -1) };
    if text.len() > max.max(0) as usize {
        return Err(util::error(vm, util::DATA_ERROR, "query string is too large"));
    }
    if text.contains(&0) {
        return Err(programming_error(vm, "the query contains a null character"));
    }
    let mut st: *mut ffi::sqlite3_stmt = ptr::null_mut();
    let mut tail: *const c_char = ptr::null();
    // SAFETY: `text` outlives the call and its length is given; `st` and
    // `tail` are out-parameters. `tail` points into `text`.
    let rc = unsafe { ffi::sqlite3_prepare_v2(db, text.as_ptr().cast(), text.len() as c_int, &mut st, &mut tail) };
    if rc != ffi::SQLITE_OK {
        return Err(util::db_error(vm, db));
    }
    let stmt = Stmt { st, is_dml: is_dml(&text) };
    let used = if tail.is_null() { text.len() } else { (tail as usize).saturating_sub(text.as_ptr() as usize) };
    if !skip_space_and_comments(&text[used.min(text.len())..]).is_empty() {
        return Err(programming_error(vm, "You can only execute one statement at a time."));
    }
    Ok(stmt)
}

/// Does a parameter go through `adapt` before binding (CPython's
/// `need_adapt`)?
fn needs_adapt(vm: &Vm, o: &Obj) -> bool {
    if util::flag(vm, util::BASE_TYPE_ADAPTED) {
        return true;
    }
    let t = &vm.ctx.types;
    !(o.class_obj().is(&t.int)
        || o.class_obj().is(&t.float)
        || o.class_obj().is(&t.str)
        || o.class_obj().is(&t.bytearray))
}

/// Bind one value (`bind_param`); Ok(false) when its type is unsupported.
fn bind_one(vm: &Vm, st: &Stmt, pos: c_int, o: &Obj) -> PyResult<bool> {
    let t = &vm.ctx.types;
    let s = st.st;
    let rc = if vm.is_none(o) {
        // SAFETY: a live statement; `pos` is within the parameter count.
        unsafe { ffi::sqlite3_bind_null(s, pos) }
    } else if vm.isinstance_type(o, &t.int) {
        let v = util::as_int64(vm, o)?;
        // SAFETY: as above.
        unsafe { ffi::sqlite3_bind_int64(s, pos, v) }
    } else if vm.isinstance_type(o, &t.float) {
        let v = vm.to_f64(o)?;
        // SAFETY: as above.
        unsafe { ffi::sqlite3_bind_double(s, pos, v) }
    } else if pystr::data(o).is_some() {
        let b = util::utf8(vm, o)?;
        // SAFETY: SQLITE_TRANSIENT makes SQLite copy the text before the call returns.
        unsafe {
            ffi::sqlite3_bind_text64(
                s,
                pos,
                b.as_ptr().cast(),
                b.len() as u64,
                ffi::SQLITE_TRANSIENT(),
                ffi::SQLITE_UTF8 as u8,
            )
        }
    } else if buffer::is_bytes_like(o) {
        let b = util::contiguous_bytes(vm, o)?;
        // SAFETY: SQLITE_TRANSIENT makes SQLite copy the bytes before the call returns.
        unsafe { ffi::sqlite3_bind_blob64(s, pos, b.as_ptr().cast(), b.len() as u64, ffi::SQLITE_TRANSIENT()) }
    } else {
        return Ok(false);
    };
    if rc == ffi::SQLITE_TOOBIG {
        return Err(util::error(vm, util::DATA_ERROR, "string or blob too big"));
    }
    Ok(rc == ffi::SQLITE_OK)
}

fn bind_checked(vm: &Vm, st: &Stmt, pos: c_int, value: &Obj) -> PyResult<()> {
    let adapted = if needs_adapt(vm, value) {
        microprotocols::adapt(vm, value, &util::state(vm, util::PREPARE_PROTOCOL_TYPE), Some(value))?
    } else {
        value.clone()
    };
    if !bind_one(vm, st, pos, &adapted)? {
        return Err(programming_error(
            vm,
            &format!("Error binding parameter {pos}: type '{}' is not supported", super::short_name(&adapted)),
        ));
    }
    Ok(())
}

/// Is `params` bound by position (a tuple, a list, or a non-dict sequence)?
fn is_positional(vm: &Vm, params: &Obj) -> bool {
    let t = &vm.ctx.types;
    let cls = params.class_obj();
    if cls.is(&t.tuple) || cls.is(&t.list) {
        return true;
    }
    !vm.isinstance_type(params, &t.dict) && super::is_sequence(vm, params)
}

/// Bind `params` to the statement (`pysqlite_statement_bind_parameters`).
pub(crate) fn bind_parameters(vm: &Vm, st: &Stmt, params: &Obj) -> PyResult<()> {
    let needed = st.param_count();
    if is_positional(vm, params) {
        let given = vm.len(params)?;
        if given != needed as usize {
            return Err(programming_error(
                vm,
                &format!(
                    "Incorrect number of bindings supplied. The current statement uses {needed}, and there are {given} supplied."
                ),
            ));
        }
        for i in 0..needed {
            let v = vm.getitem(params, &vm.new_int(i as i64))?;
            bind_checked(vm, st, i + 1, &v)?;
        }
        return Ok(());
    }
    if !vm.isinstance_type(params, &vm.ctx.types.dict) {
        return Err(programming_error(vm, "parameters are of unsupported type"));
    }
    for i in 1..=needed {
        let Some(name) = st.param_name(i) else {
            return Err(programming_error(
                vm,
                &format!("Binding {i} has no name, but you supplied a dictionary (which has only names)."),
            ));
        };
        let key = String::from_utf8_lossy(&name[1..]).into_owned();
        let key_obj = vm.new_str(&key);
        let value = if params.class_obj().is(&vm.ctx.types.dict) {
            dict::get_item_opt(vm, params, &key_obj)?
        } else {
            match vm.getitem(params, &key_obj) {
                Ok(v) => Some(v),
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => None,
                Err(e) => return Err(e),
            }
        };
        let Some(value) = value else {
            return Err(programming_error(vm, &format!("You did not supply a value for binding parameter :{key}.")));
        };
        bind_checked(vm, st, i, &value)?;
    }
    Ok(())
}

/// `sqlite3.Statement`: what calling a connection with SQL returns (a
/// prepared statement, not instantiable from Python).
pub(crate) struct StatementObj {
    _st: std::rc::Rc<Stmt>,
}

impl taipan_vm::api::PyPayload for StatementObj {}

pub(crate) fn new_statement_object(vm: &Vm, st: Stmt) -> PyResult<Obj> {
    let ty = util::state(vm, util::STATEMENT_TYPE);
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, StatementObj { _st: std::rc::Rc::new(st) })
}

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = taipan_vm::api::types::TypeSpec {
        name: "sqlite3.Statement",
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: false,
        methods: &[],
        getsets: &[],
        doc: None,
    };
    let ty = taipan_vm::api::types::new_type::<StatementObj>(vm, &spec, |_| {});
    util::disallow_instantiation(&ty);
    ty
}

#[cfg(test)]
mod tests {
    use super::{is_dml, skip_space_and_comments};

    #[test]
    fn dml_is_recognised_after_comments_and_in_any_case() {
        assert!(is_dml(b"INSERT INTO t VALUES (1)"));
        assert!(is_dml(b"  -- note\n  update t set x = 1"));
        assert!(is_dml(b"/* a */ /* b */Delete from t"));
        assert!(is_dml(b"replace into t values (1)"));
        assert!(!is_dml(b"select 1"));
        assert!(!is_dml(b"create table t(x)"));
        assert!(!is_dml(b"-- insert"));
        assert!(!is_dml(b"/* unterminated insert"));
    }

    #[test]
    fn only_space_and_comments_remain_empty() {
        assert!(skip_space_and_comments(b"  -- x\n /* y */ \t").is_empty());
        assert!(skip_space_and_comments(b"-- no newline").is_empty());
        assert_eq!(skip_space_and_comments(b" /* y */select"), b"select");
    }
}
