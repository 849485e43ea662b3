//! `pwd` (CPython's `Modules/pwdmodule.c`): the password database through
//! the C library's reentrant `getpw*_r` calls.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, str as pystr, Obj, PyResult, Vm};

use crate::posix::path;
use crate::structseq;

const TYPE: &str = "pwd.struct_passwd";
const DOC: &str = "pwd.struct_passwd: Results from getpw*() routines.\n\nThis object may be accessed either as a tuple of\n  (pw_name,pw_passwd,pw_uid,pw_gid,pw_gecos,pw_dir,pw_shell)\nor via the object attributes as named in the above tuple.";
const FIELD_DOCS: &[&str] =
    &["user name", "password", "user id", "group id", "real name", "home directory", "shell program"];

const FIELDS: &[&str] = &["pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"];

fn entry(vm: &Vm, p: &libc::passwd) -> PyResult<Obj> {
    let ty = structseq::get_type(vm, TYPE)?;
    let v = vec![
        path::decode_fs_field(vm, p.pw_name)?,
        path::decode_fs_field(vm, p.pw_passwd)?,
        vm.new_int(p.pw_uid as i64),
        vm.new_int(p.pw_gid as i64),
        path::decode_fs_field(vm, p.pw_gecos)?,
        path::decode_fs_field(vm, p.pw_dir)?,
        path::decode_fs_field(vm, p.pw_shell)?,
    ];
    structseq::new(vm, &ty, v)
}

/// Run a `getpw*_r` lookup with a growing buffer: Ok(None) when not found.
fn lookup(vm: &Vm, f: impl Fn(&mut libc::passwd, &mut [u8], &mut *mut libc::passwd) -> i32) -> PyResult<Option<Obj>> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: an all-zero passwd is valid to be overwritten.
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::passwd = std::ptr::null_mut();
        let r = f(&mut pw, &mut buf, &mut out);
        if r == libc::ERANGE && size < (1 << 20) {
            size *= 4;
            continue;
        }
        if out.is_null() {
            return Ok(None);
        }
        return entry(vm, &pw).map(Some);
    }
}

fn pwd_getpwuid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [uid] = args::exact::<1>(vm, "getpwuid", a, kw)?;
    let id = crate::posix::uid_arg(vm, &uid, "uid");
    let found = match id {
        Ok(id) => lookup(vm, |pw, buf, out| {
            // SAFETY: `pw`, `buf` and `out` are writable and sized as passed.
            unsafe { libc::getpwuid_r(id, pw, buf.as_mut_ptr() as *mut libc::c_char, buf.len(), out) }
        })?,
        Err(e) if vm.isinstance_type(e.value(), &vm.ctx.exceptions.overflow_error) => {
            return Err(vm.key_error(vm.new_str("getpwuid(): uid not found")));
        }
        Err(e) => return Err(e),
    };
    match found {
        Some(e) => Ok(e),
        None => {
            let r = vm.repr_string(&uid)?;
            Err(vm.key_error(vm.new_str(&format!("getpwuid(): uid not found: {r}"))))
        }
    }
}

fn pwd_getpwnam(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = args::exact::<1>(vm, "getpwnam", a, kw)?;
    if pystr::data(&name).is_none() {
        return Err(vm.type_error(format!("getpwnam() argument must be str, not {}", name.class().name())));
    }
    let c = crate::support::fs_cstring(vm, &name)?;
    let found = lookup(vm, |pw, buf, out| {
        // SAFETY: `c` is NUL-terminated; `pw`, `buf` and `out` are writable and sized as passed.
        unsafe { libc::getpwnam_r(c.as_ptr(), pw, buf.as_mut_ptr() as *mut libc::c_char, buf.len(), out) }
    })?;
    match found {
        Some(e) => Ok(e),
        None => {
            let r = vm.repr_string(&name)?;
            Err(vm.key_error(vm.new_str(&format!("getpwnam(): name not found: {r}"))))
        }
    }
}

fn pwd_getpwall(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getpwall", a, kw)?;
    let mut out = Vec::new();
    // SAFETY: setpwent/getpwent/endpwent walk the database; one thread runs,
    // and each entry is copied before the next call.
    unsafe { libc::setpwent() };
    loop {
        // SAFETY: as above.
        let p = unsafe { libc::getpwent() };
        if p.is_null() {
            break;
        }
        // SAFETY: getpwent returned a valid entry.
        match entry(vm, unsafe { &*p }) {
            Ok(e) => out.push(e),
            Err(e) => {
                // SAFETY: closing the walk begun above.
                unsafe { libc::endpwent() };
                return Err(e);
            }
        }
    }
    // SAFETY: closing the walk begun above.
    unsafe { libc::endpwent() };
    Ok(vm.new_list(out))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("getpwuid", pwd_getpwuid),
    MethodDef::static_("getpwnam", pwd_getpwnam),
    MethodDef::static_("getpwall", pwd_getpwall),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "pwd");
    module::add_functions(vm, &m, "pwd", FUNCTIONS);
    let ty = structseq::new_type_with_docs(vm, TYPE, FIELDS, FIELD_DOCS, 7, 0, DOC)?;
    dict::set_item_str(vm, &module::module_dict(&m), "struct_passwd", ty)?;
    Ok(m)
}
