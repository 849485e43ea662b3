//! `_multiprocessing` (CPython's `Modules/_multiprocessing/`): the
//! module itself (`multiprocessing.c`: `flags`, `sem_unlink`), the
//! `SemLock` type over POSIX named semaphores (`semaphore.c`, in
//! `semaphore.rs`) and, as a module of its own, `_posixshmem`
//! (`posixshmem.c`, in `posixshmem.rs`).

pub(crate) mod posixshmem;
mod semaphore;

use std::ffi::CString;

use taipan_vm::api::{dict, module, str as pystr, Obj, PyErr, PyResult, Vm};

use crate::clinic;

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_multiprocessing");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_multiprocessing", FUNCTIONS);
    dict::set_item_str(vm, &d, "SemLock", semaphore::semlock_type(vm))?;
    dict::set_item_str(vm, &d, "flags", flags(vm)?)?;
    Ok(m)
}

const FUNCTIONS: &[taipan_vm::api::types::MethodDef] =
    &[taipan_vm::api::types::MethodDef::static_("sem_unlink", sem_unlink)];

/// What the platform offers (both are there on Linux).
fn flags(vm: &Vm) -> PyResult<Obj> {
    let d = vm.new_dict();
    dict::set_item_str(vm, &d, "HAVE_SEM_OPEN", vm.new_int(1))?;
    dict::set_item_str(vm, &d, "HAVE_SEM_TIMEDWAIT", vm.new_int(1))?;
    Ok(d)
}

/// `sem_unlink(name, /)`: remove a named semaphore (the OSError carries
/// no filename, as CPython's).
fn sem_unlink(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let name = clinic::one(vm, "sem_unlink", a, k)?;
    let name = c_name(vm, "sem_unlink", "argument", &name)?;
    // SAFETY: `name` is a NUL-terminated string that lives across the call.
    if unsafe { libc::sem_unlink(name.as_ptr()) } < 0 {
        return Err(errno_error(vm, None));
    }
    Ok(vm.none())
}

/// A `str` argument as a C string (Argument Clinic's `str` converter:
/// "f() argument 'x' must be str, not T", "embedded null character").
pub(crate) fn c_name(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<CString> {
    let s = utf8_text(vm, fname, what, o)?;
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

/// A `unicode` argument as C sees it through `PyUnicode_AsUTF8`: the
/// text up to its first NUL.
pub(crate) fn c_text_until_nul(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<CString> {
    let s = utf8_text(vm, fname, what, o)?;
    let end = s.find('\0').unwrap_or(s.len());
    CString::new(&s[..end]).map_err(|_| vm.value_error("embedded null character"))
}

fn utf8_text(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<String> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("{fname}() {what} must be str, not {}", arg_type_name(vm, o))));
    }
    let Some(s) = pystr::as_str(o) else {
        // A lone surrogate: str.encode raises CPython's UnicodeEncodeError.
        vm.call_method(o, "encode", &[])?;
        return Err(vm.value_error("surrogates not allowed"));
    };
    Ok(s.to_string())
}

/// A wrong argument's type as `_PyArg_BadArgument` names it.
pub(crate) fn arg_type_name(vm: &Vm, o: &Obj) -> String {
    if vm.is_none(o) {
        return "None".to_string();
    }
    o.class().name().to_string()
}

/// The OSError (or its errno subclass) of the last failed call.
pub(crate) fn errno_error(vm: &Vm, filename: Option<&Obj>) -> PyErr {
    vm.io_error(&std::io::Error::last_os_error(), filename)
}
