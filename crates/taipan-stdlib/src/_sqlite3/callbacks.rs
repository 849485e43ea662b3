//! The callbacks SQLite makes into Python (the second half of CPython's
//! `connection.c`): user-defined functions, aggregates and window
//! functions, collations, the authorizer, the progress handler and the
//! trace callback. Each runs in the interpreter of the call into SQLite
//! that triggered it (the connection's `VmSlot`); an exception it raises
//! becomes an SQLite error with CPython's message and is printed only
//! under `enable_callback_tracebacks`.

use super::util::{self, current_vm, VmSlot};
use libsqlite3_sys as ffi;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use taipan_vm::api::{buffer, str as pystr, Obj, PyErr, PyResult, Vm};

/// The data of one registered callback.
pub(crate) struct Callback {
    pub(crate) func: Obj,
    vm: VmSlot,
    /// Aggregate instances by the address of their SQLite aggregate context.
    instances: RefCell<HashMap<usize, Obj>>,
}

impl Callback {
    pub(crate) fn new(func: Obj, vm: &VmSlot) -> Callback {
        Callback { func, vm: vm.clone(), instances: RefCell::new(HashMap::new()) }
    }

    /// A heap copy whose ownership passes to SQLite (freed by `destroy`).
    pub(crate) fn boxed(func: Obj, vm: &VmSlot) -> *mut Callback {
        Box::into_raw(Box::new(Callback::new(func, vm)))
    }
}

/// SQLite's destructor of callback data.
pub(crate) unsafe extern "C" fn destroy(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: `p` came from `Callback::boxed` and SQLite calls this once.
        drop(unsafe { Box::from_raw(p as *mut Callback) });
    }
}

/// The callback data of a function context.
///
/// # Safety
/// `ctx` is the context SQLite passed to a function callback registered
/// with a `Callback::boxed` pointer.
unsafe fn data_of<'a>(ctx: *mut ffi::sqlite3_context) -> &'a Callback {
    // SAFETY: per the contract, the user data is a live `Callback`.
    unsafe { &*(ffi::sqlite3_user_data(ctx) as *const Callback) }
}

fn result_error(ctx: *mut ffi::sqlite3_context, msg: &str) {
    let c = CString::new(msg).unwrap_or_default();
    // SAFETY: a live function context; SQLite copies the message.
    unsafe { ffi::sqlite3_result_error(ctx, c.as_ptr(), -1) };
}

/// Report a callback's exception to SQLite (`set_sqlite_error`):
/// MemoryError and OverflowError as SQLite's own errors, else `msg`.
fn set_sqlite_error(vm: &Vm, ctx: *mut ffi::sqlite3_context, err: &PyErr, cb: &Callback, msg: &str) {
    if vm.err_matches(err, &vm.ctx.exceptions.memory_error) {
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_error_nomem(ctx) };
    } else if vm.err_matches(err, &vm.ctx.exceptions.overflow_error) {
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_error_toobig(ctx) };
    } else {
        result_error(ctx, msg);
    }
    util::print_or_clear(vm, err, &cb.func);
}

/// An SQLite value as a Python object (`_pysqlite_build_py_params`).
fn value_to_py(vm: &Vm, v: *mut ffi::sqlite3_value) -> PyResult<Obj> {
    // SAFETY: `v` is one of the argument values SQLite passed in; the text
    // and blob pointers are read with their byte counts and copied at once.
    unsafe {
        match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_INTEGER => Ok(vm.new_int(ffi::sqlite3_value_int64(v))),
            ffi::SQLITE_FLOAT => Ok(vm.new_float(ffi::sqlite3_value_double(v))),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                let n = ffi::sqlite3_value_bytes(v).max(0) as usize;
                let b = if p.is_null() { &[][..] } else { std::slice::from_raw_parts(p, n) };
                util::decode_utf8(vm, b)
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_value_blob(v) as *const u8;
                let n = ffi::sqlite3_value_bytes(v).max(0) as usize;
                let b = if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p, n).to_vec() };
                Ok(vm.new_bytes(b))
            }
            _ => Ok(vm.none()),
        }
    }
}

fn args_to_py(vm: &Vm, argc: c_int, argv: *mut *mut ffi::sqlite3_value) -> PyResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(argc.max(0) as usize);
    for i in 0..argc.max(0) as usize {
        // SAFETY: SQLite passes `argc` values in `argv`.
        let v = unsafe { *argv.add(i) };
        out.push(value_to_py(vm, v)?);
    }
    Ok(out)
}

/// Set a function's result from a Python object (`_pysqlite_set_result`).
fn set_result(vm: &Vm, ctx: *mut ffi::sqlite3_context, r: &Obj) -> PyResult<bool> {
    let t = &vm.ctx.types;
    if vm.is_none(r) {
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_null(ctx) };
    } else if vm.isinstance_type(r, &t.int) {
        let v = util::as_int64(vm, r)?;
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_int64(ctx, v) };
    } else if vm.isinstance_type(r, &t.float) {
        let v = vm.to_f64(r)?;
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_double(ctx, v) };
    } else if pystr::data(r).is_some() {
        let b = util::utf8(vm, r)?;
        // SAFETY: a live function context; SQLITE_TRANSIENT makes SQLite
        // copy the text before the call returns.
        unsafe {
            ffi::sqlite3_result_text64(
                ctx,
                b.as_ptr().cast(),
                b.len() as u64,
                ffi::SQLITE_TRANSIENT(),
                ffi::SQLITE_UTF8 as u8,
            )
        };
    } else if buffer::is_bytes_like(r) {
        let b = util::contiguous_bytes(vm, r)?;
        // SAFETY: a live function context; SQLITE_TRANSIENT makes SQLite
        // copy the bytes before the call returns.
        unsafe { ffi::sqlite3_result_blob64(ctx, b.as_ptr().cast(), b.len() as u64, ffi::SQLITE_TRANSIENT()) };
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// The interpreter of a callback, or an SQLite error when none is running.
fn vm_or_error(ctx: *mut ffi::sqlite3_context, cb: &Callback) -> Option<&Vm> {
    let vm = current_vm(&cb.vm);
    if vm.is_none() {
        result_error(ctx, "callback outside of a call into SQLite");
    }
    vm
}

pub(crate) unsafe extern "C" fn func_callback(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: registered with `Callback::boxed` data by create_function.
    let cb = unsafe { data_of(ctx) };
    let Some(vm) = vm_or_error(ctx, cb) else { return };
    const MSG: &str = "user-defined function raised exception";
    let r = args_to_py(vm, argc, argv).and_then(|args| vm.call(&cb.func, &args, None));
    match r.and_then(|r| set_result(vm, ctx, &r)) {
        Ok(true) => {}
        Ok(false) => result_error(ctx, MSG),
        Err(e) => set_sqlite_error(vm, ctx, &e, cb, MSG),
    }
}

/// The key of an aggregate's instance: its aggregate context's address
/// (`create`: allocate the context on first use).
fn agg_key(ctx: *mut ffi::sqlite3_context, create: bool) -> Option<usize> {
    // SAFETY: a live aggregate context; SQLite zero-fills and keeps the
    // memory until the final call.
    let p = unsafe { ffi::sqlite3_aggregate_context(ctx, if create { 8 } else { 0 }) };
    (!p.is_null()).then_some(p as usize)
}

fn agg_instance(vm: &Vm, ctx: *mut ffi::sqlite3_context, cb: &Callback) -> Option<Obj> {
    let Some(key) = agg_key(ctx, true) else {
        // SAFETY: a live function context.
        unsafe { ffi::sqlite3_result_error_nomem(ctx) };
        return None;
    };
    let existing = cb.instances.borrow().get(&key).cloned();
    if let Some(o) = existing {
        return Some(o);
    }
    match vm.call(&cb.func, &[], None) {
        Ok(o) => {
            cb.instances.borrow_mut().insert(key, o.clone());
            Some(o)
        }
        Err(e) => {
            set_sqlite_error(vm, ctx, &e, cb, "user-defined aggregate's '__init__' method raised error");
            None
        }
    }
}

fn call_agg_method(
    vm: &Vm,
    ctx: *mut ffi::sqlite3_context,
    cb: &Callback,
    inst: &Obj,
    name: &str,
    args: &[Obj],
) -> Option<Obj> {
    let method = match vm.getattr_str(inst, name) {
        Ok(m) => m,
        Err(e) => {
            let msg = format!("user-defined aggregate's '{name}' method not defined");
            set_sqlite_error(vm, ctx, &e, cb, &msg);
            return None;
        }
    };
    match vm.call(&method, args, None) {
        Ok(r) => Some(r),
        Err(e) => {
            set_sqlite_error(vm, ctx, &e, cb, &format!("user-defined aggregate's '{name}' method raised error"));
            None
        }
    }
}

fn step_or_inverse(ctx: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value, name: &str) {
    // SAFETY: registered with `Callback::boxed` data.
    let cb = unsafe { data_of(ctx) };
    let Some(vm) = vm_or_error(ctx, cb) else { return };
    let Some(inst) = agg_instance(vm, ctx, cb) else { return };
    let args = match args_to_py(vm, argc, argv) {
        Ok(a) => a,
        Err(e) => {
            set_sqlite_error(vm, ctx, &e, cb, &format!("user-defined aggregate's '{name}' method raised error"));
            return;
        }
    };
    call_agg_method(vm, ctx, cb, &inst, name, &args);
}

pub(crate) unsafe extern "C" fn step_callback(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    step_or_inverse(ctx, argc, argv, "step");
}

pub(crate) unsafe extern "C" fn inverse_callback(
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    step_or_inverse(ctx, argc, argv, "inverse");
}

fn finish_value(ctx: *mut ffi::sqlite3_context, name: &str, remove: bool) {
    // SAFETY: registered with `Callback::boxed` data.
    let cb = unsafe { data_of(ctx) };
    let Some(vm) = vm_or_error(ctx, cb) else { return };
    // No step was made (no rows, or the constructor failed): NULL.
    let Some(key) = agg_key(ctx, false) else { return };
    let inst = if remove { cb.instances.borrow_mut().remove(&key) } else { cb.instances.borrow().get(&key).cloned() };
    let Some(inst) = inst else { return };
    let msg = format!("user-defined aggregate's '{name}' method raised error");
    let Some(r) = call_agg_method(vm, ctx, cb, &inst, name, &[]) else { return };
    match set_result(vm, ctx, &r) {
        Ok(true) => {}
        Ok(false) => result_error(ctx, &msg),
        Err(e) => set_sqlite_error(vm, ctx, &e, cb, &msg),
    }
}

pub(crate) unsafe extern "C" fn final_callback(ctx: *mut ffi::sqlite3_context) {
    finish_value(ctx, "finalize", true);
}

pub(crate) unsafe extern "C" fn value_callback(ctx: *mut ffi::sqlite3_context) {
    finish_value(ctx, "value", false);
}

/// Text SQLite passed with its length, as a str (None if not UTF-8).
fn text_arg(vm: &Vm, p: *const c_void, n: c_int) -> Option<Obj> {
    let b = if p.is_null() {
        &[][..]
    } else {
        // SAFETY: SQLite passes `n` bytes at `p`.
        unsafe { std::slice::from_raw_parts(p as *const u8, n.max(0) as usize) }
    };
    std::str::from_utf8(b).ok().map(|s| vm.new_str(s))
}

pub(crate) unsafe extern "C" fn collation_callback(
    data: *mut c_void,
    n1: c_int,
    p1: *const c_void,
    n2: c_int,
    p2: *const c_void,
) -> c_int {
    // SAFETY: registered with `Callback::boxed` data by create_collation.
    let cb = unsafe { &*(data as *const Callback) };
    let Some(vm) = current_vm(&cb.vm) else { return 0 };
    let (Some(a), Some(b)) = (text_arg(vm, p1, n1), text_arg(vm, p2, n2)) else { return 0 };
    match vm.call(&cb.func, &[a, b], None) {
        Ok(r) if vm.isinstance_type(&r, &vm.ctx.types.int) => match vm.to_bigint(&r) {
            Ok(v) => match v.sign() {
                num_bigint::Sign::Minus => -1,
                num_bigint::Sign::NoSign => 0,
                num_bigint::Sign::Plus => 1,
            },
            Err(_) => 0,
        },
        Ok(_) => 0,
        Err(e) => {
            util::print_or_clear(vm, &e, &cb.func);
            0
        }
    }
}

fn opt_text(vm: &Vm, p: *const c_char) -> Obj {
    match super::statement::cbytes(p) {
        Some(b) => vm.new_str(&String::from_utf8_lossy(&b)),
        None => vm.none(),
    }
}

pub(crate) unsafe extern "C" fn authorizer_callback(
    data: *mut c_void,
    action: c_int,
    a1: *const c_char,
    a2: *const c_char,
    dbname: *const c_char,
    source: *const c_char,
) -> c_int {
    // SAFETY: the handler data the connection keeps while installed.
    let cb = unsafe { &*(data as *const Callback) };
    let Some(vm) = current_vm(&cb.vm) else { return ffi::SQLITE_DENY };
    let args =
        [vm.new_int(action as i64), opt_text(vm, a1), opt_text(vm, a2), opt_text(vm, dbname), opt_text(vm, source)];
    match vm.call(&cb.func, &args, None) {
        Ok(r) if vm.isinstance_type(&r, &vm.ctx.types.int) => match vm
            .to_i64(&r)
            .and_then(|v| c_int::try_from(v).map_err(|_| vm.overflow_error("Python int too large to convert to C int")))
        {
            Ok(v) => v,
            Err(e) => {
                util::print_or_clear(vm, &e, &cb.func);
                ffi::SQLITE_DENY
            }
        },
        Ok(_) => ffi::SQLITE_DENY,
        Err(e) => {
            util::print_or_clear(vm, &e, &cb.func);
            ffi::SQLITE_DENY
        }
    }
}

pub(crate) unsafe extern "C" fn progress_callback(data: *mut c_void) -> c_int {
    // SAFETY: the handler data the connection keeps while installed.
    let cb = unsafe { &*(data as *const Callback) };
    let Some(vm) = current_vm(&cb.vm) else { return 0 };
    match vm.call(&cb.func, &[], None).and_then(|r| vm.is_true(&r)) {
        Ok(abort) => abort as c_int,
        Err(e) => {
            util::print_or_clear(vm, &e, &cb.func);
            -1
        }
    }
}

pub(crate) unsafe extern "C" fn trace_callback(
    kind: c_uint,
    data: *mut c_void,
    p: *mut c_void,
    x: *mut c_void,
) -> c_int {
    if kind != ffi::SQLITE_TRACE_STMT as c_uint {
        return 0;
    }
    // SAFETY: the handler data the connection keeps while installed.
    let cb = unsafe { &*(data as *const Callback) };
    let Some(vm) = current_vm(&cb.vm) else { return 0 };
    // SAFETY: for SQLITE_TRACE_STMT, `p` is the statement and `x` its
    // unexpanded text; the expanded text is ours to free.
    let text = unsafe {
        let expanded = ffi::sqlite3_expanded_sql(p as *mut ffi::sqlite3_stmt);
        if expanded.is_null() {
            let db = ffi::sqlite3_db_handle(p as *mut ffi::sqlite3_stmt);
            if ffi::sqlite3_errcode(db) == ffi::SQLITE_NOMEM {
                return 0;
            }
            let err = util::error(vm, util::DATA_ERROR, "Expanded SQL string exceeds the maximum string length");
            util::print_or_clear(vm, &err, &cb.func);
            super::statement::cbytes(x as *const c_char)
        } else {
            let t = super::statement::cbytes(expanded);
            ffi::sqlite3_free(expanded.cast());
            t
        }
    };
    let s = vm.new_str(&String::from_utf8_lossy(&text.unwrap_or_default()));
    if let Err(e) = vm.call(&cb.func, &[s], None) {
        util::print_or_clear(vm, &e, &cb.func);
    }
    0
}
