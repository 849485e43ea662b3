//! `_sqlite3` (CPython's `Modules/_sqlite/`): the DB-API 2.0 driver under
//! Lib's `sqlite3` package, over SQLite's C API (the bundled library of
//! the `libsqlite3-sys` crate). One file per CPython source file:
//! `module.c` is this file, `connection.c` is `connection.rs` (its
//! callbacks into Python in `callbacks.rs`), then `cursor.rs`, `row.rs`,
//! `statement.rs`, `blob.rs`, `microprotocols.rs`, `prepare_protocol.rs`
//! and `util.rs`; `constants.rs` is generated.

mod blob;
mod callbacks;
mod connection;
mod constants;
mod cursor;
mod microprotocols;
mod prepare_protocol;
mod row;
mod statement;
pub(crate) mod util;

use libsqlite3_sys as ffi;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, str as pystr, Obj, PyResult, Vm};
use util::state;

pub(crate) const PARSE_DECLTYPES: i32 = 1;
pub(crate) const PARSE_COLNAMES: i32 = 2;

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

/// The type's name without its module (`_PyType_Name`), for messages.
pub(crate) fn short_name(o: &Obj) -> String {
    crate::support::short_type_name(o)
}

/// `PySequence_Check`: has `__getitem__` and is not a dict.
pub(crate) fn is_sequence(vm: &Vm, o: &Obj) -> bool {
    if vm.isinstance_type(o, &vm.ctx.types.dict) {
        return false;
    }
    vm.getattr_str_opt(&o.class_obj(), "__getitem__").ok().flatten().is_some()
}

/// `connect(database, ...)`: `factory(database, ...)`, Connection by
/// default; the factory checks the other arguments.
fn sqlite_connect(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let kw = k.map(taipan_vm::api::tuple::items).unwrap_or(&[]);
    let npos = a.len() - kw.len();
    let by_name = kw.iter().position(|n| pystr::as_str(n) == Some("factory")).map(|i| a[npos + i].clone());
    let by_pos = (npos > 5).then(|| a[5].clone());
    let factory = by_name.or(by_pos).unwrap_or_else(|| state(vm, util::CONNECTION_TYPE));
    vm.call(&factory, a, k)
}

fn sqlite_complete_statement(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "complete_statement", a, k, &["statement"], 1)?;
    let s = p[0].clone().unwrap_or_else(|| vm.none());
    if pystr::data(&s).is_none() {
        return Err(
            vm.type_error(format!("complete_statement() argument 'statement' must be str, not {}", vm.type_name(&s)))
        );
    }
    let mut b = util::utf8(vm, &s)?;
    if b.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    b.push(0);
    // SAFETY: `b` is NUL-terminated.
    let r = unsafe { ffi::sqlite3_complete(b.as_ptr().cast()) };
    Ok(vm.bool_obj(r != 0))
}

fn sqlite_register_adapter(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "register_adapter", a, k, 2, 2)?;
    microprotocols::register_adapter(vm, &a[0], &a[1])?;
    Ok(vm.none())
}

fn sqlite_register_converter(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "register_converter", a, k, 2, 2)?;
    if pystr::data(&a[0]).is_none() {
        return Err(vm.type_error(format!("register_converter() argument 1 must be str, not {}", vm.type_name(&a[0]))));
    }
    let name = vm.call_method(&a[0], "upper", &[])?;
    dict::set_item(vm, &state(vm, util::CONVERTERS), name, a[1].clone())?;
    Ok(vm.none())
}

fn sqlite_adapt(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "adapt", a, k, 1, 3)?;
    let proto = a.get(1).cloned().unwrap_or_else(|| state(vm, util::PREPARE_PROTOCOL_TYPE));
    microprotocols::adapt(vm, &a[0], &proto, a.get(2))
}

fn sqlite_enable_callback_tracebacks(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [flag] = taipan_vm::api::args::exact::<1>(vm, "enable_callback_tracebacks", a, k)?;
    if vm.isinstance_type(&flag, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let on = vm.to_i64(&vm.index(&flag)?)? != 0;
    util::set_flag(vm, util::CALLBACK_TRACEBACKS, on);
    Ok(vm.none())
}

fn sqlite_enable_shared_cache(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "enable_shared_cache", a, k, &["do_enable"], 1)?;
    let on = vm.to_i64(&vm.index(p[0].as_ref().unwrap_or(&vm.none()))?)? != 0;
    // SAFETY: a process-wide setting SQLite documents as callable any time.
    #[allow(deprecated)]
    let rc = unsafe { ffi::sqlite3_enable_shared_cache(on as i32) };
    if rc != ffi::SQLITE_OK {
        return Err(util::operational_error(vm, "Changing the shared_cache flag failed"));
    }
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("connect", sqlite_connect),
    MethodDef::static_("complete_statement", sqlite_complete_statement),
    MethodDef::static_("register_adapter", sqlite_register_adapter),
    MethodDef::static_("register_converter", sqlite_register_converter),
    MethodDef::static_("adapt", sqlite_adapt),
    MethodDef::static_("enable_callback_tracebacks", sqlite_enable_callback_tracebacks),
    MethodDef::static_("enable_shared_cache", sqlite_enable_shared_cache),
];

fn new_exception_class(vm: &Vm, name: &str, base: &Obj) -> PyResult<Obj> {
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("sqlite3"))?;
    let bases = vm.new_tuple(vec![base.clone()]);
    vm.call(&vm.ctx.types.type_, &[vm.new_str(name), bases, ns], None)
}

/// Make the module's classes once per interpreter.
fn make_state(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(util::CONNECTION_TYPE) {
        return Ok(());
    }
    let exc = vm.ctx.exceptions.exception.clone();
    let warning = new_exception_class(vm, "Warning", &exc)?;
    let error = new_exception_class(vm, "Error", &exc)?;
    let interface = new_exception_class(vm, "InterfaceError", &error)?;
    let database = new_exception_class(vm, "DatabaseError", &error)?;
    let mut table: Vec<(&'static str, Obj)> = vec![
        (util::WARNING, warning),
        (util::ERROR, error),
        (util::INTERFACE_ERROR, interface),
        (util::DATABASE_ERROR, database.clone()),
    ];
    for (key, name) in [
        (util::DATA_ERROR, "DataError"),
        (util::OPERATIONAL_ERROR, "OperationalError"),
        (util::INTEGRITY_ERROR, "IntegrityError"),
        (util::INTERNAL_ERROR, "InternalError"),
        (util::PROGRAMMING_ERROR, "ProgrammingError"),
        (util::NOT_SUPPORTED_ERROR, "NotSupportedError"),
    ] {
        table.push((key, new_exception_class(vm, name, &database)?));
    }
    table.push((util::CONNECTION_TYPE, connection::make_type(vm)));
    table.push((util::CURSOR_TYPE, cursor::make_type(vm)));
    table.push((util::ROW_TYPE, row::make_type(vm)));
    table.push((util::PREPARE_PROTOCOL_TYPE, prepare_protocol::make_type(vm)));
    table.push((util::BLOB_TYPE, blob::make_type(vm)));
    table.push((util::STATEMENT_TYPE, statement::make_type(vm)));
    table.push((util::ADAPTERS, vm.new_dict()));
    table.push((util::CONVERTERS, vm.new_dict()));
    let mut t = vm.lazy_types.borrow_mut();
    for (k, v) in table {
        t.insert(k, v);
    }
    Ok(())
}

fn sqlite_version() -> String {
    // SAFETY: a static NUL-terminated string.
    util::cstr_lossy(unsafe { ffi::sqlite3_libversion() })
}

/// DB-API `threadsafety` from SQLite's threading mode (CPython's
/// `get_threadsafety`): serialized is 3, multi-thread 1, single-thread 0.
fn threadsafety() -> i64 {
    // SAFETY: a pure query of a compile-time setting.
    match unsafe { ffi::sqlite3_threadsafe() } {
        0 => 0,
        1 => 3,
        _ => 1,
    }
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_state(vm)?;
    let m = module::new_module(vm, "_sqlite3");
    let d = module::module_dict(&m);
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    for key in [
        util::WARNING,
        util::ERROR,
        util::INTERFACE_ERROR,
        util::DATABASE_ERROR,
        util::DATA_ERROR,
        util::OPERATIONAL_ERROR,
        util::INTEGRITY_ERROR,
        util::INTERNAL_ERROR,
        util::PROGRAMMING_ERROR,
        util::NOT_SUPPORTED_ERROR,
        util::CONNECTION_TYPE,
        util::CURSOR_TYPE,
        util::ROW_TYPE,
        util::PREPARE_PROTOCOL_TYPE,
        util::BLOB_TYPE,
    ] {
        set(&key["sqlite3.".len()..], state(vm, key))?;
    }
    set("adapters", state(vm, util::ADAPTERS))?;
    set("converters", state(vm, util::CONVERTERS))?;
    for (name, value) in constants::CONSTANTS {
        set(name, vm.new_int(*value))?;
    }
    set("PARSE_DECLTYPES", vm.new_int(PARSE_DECLTYPES as i64))?;
    set("PARSE_COLNAMES", vm.new_int(PARSE_COLNAMES as i64))?;
    set("version", vm.new_str("2.6.0"))?;
    set("sqlite_version", vm.new_str(&sqlite_version()))?;
    set("threadsafety", vm.new_int(threadsafety()))?;
    module::add_functions(vm, &m, "_sqlite3", FUNCTIONS);
    Ok(m)
}
