//! `grp` (CPython's `Modules/grpmodule.c`): the group database through the
//! C library's reentrant `getgr*_r` calls.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, str as pystr, Obj, PyResult, Vm};

use crate::posix::path;
use crate::structseq;

const TYPE: &str = "grp.struct_group";
const DOC: &str = "grp.struct_group: Results from getgr*() routines.\n\nThis object may be accessed either as a tuple of\n  (gr_name,gr_passwd,gr_gid,gr_mem)\nor via the object attributes as named in the above tuple.\n";
const FIELD_DOCS: &[&str] = &["group name", "password", "group id", "group members"];

const FIELDS: &[&str] = &["gr_name", "gr_passwd", "gr_gid", "gr_mem"];

fn entry(vm: &Vm, g: &libc::group) -> PyResult<Obj> {
    let mut members = Vec::new();
    let mut p = g.gr_mem;
    while !p.is_null() {
        // SAFETY: gr_mem is a NULL-terminated array of strings.
        let m = unsafe { *p };
        if m.is_null() {
            break;
        }
        members.push(path::decode_fs_field(vm, m)?);
        // SAFETY: the array goes on until its NULL, not reached yet.
        p = unsafe { p.add(1) };
    }
    let ty = structseq::get_type(vm, TYPE)?;
    let v = vec![
        path::decode_fs_field(vm, g.gr_name)?,
        path::decode_fs_field(vm, g.gr_passwd)?,
        vm.new_int(g.gr_gid as i64),
        vm.new_list(members),
    ];
    structseq::new(vm, &ty, v)
}

fn lookup(vm: &Vm, f: impl Fn(&mut libc::group, &mut [u8], &mut *mut libc::group) -> i32) -> PyResult<Option<Obj>> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: an all-zero group is valid to be overwritten.
        let mut g: libc::group = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::group = std::ptr::null_mut();
        let r = f(&mut g, &mut buf, &mut out);
        if r == libc::ERANGE && size < (1 << 22) {
            size *= 4;
            continue;
        }
        if out.is_null() {
            return Ok(None);
        }
        return entry(vm, &g).map(Some);
    }
}

fn grp_getgrgid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "getgrgid", a, kw, &["id"], 1)?;
    let id_obj = v[0].clone().unwrap_or_else(|| vm.none());
    let found = match crate::posix::uid_arg(vm, &id_obj, "gid") {
        Ok(id) => lookup(vm, |g, buf, out| {
            // SAFETY: `g`, `buf` and `out` are writable and sized as passed.
            unsafe { libc::getgrgid_r(id, g, buf.as_mut_ptr() as *mut libc::c_char, buf.len(), out) }
        })?,
        Err(e) => return Err(e),
    };
    match found {
        Some(e) => Ok(e),
        None => {
            let r = vm.repr_string(&id_obj)?;
            Err(vm.key_error(vm.new_str(&format!("getgrgid(): gid not found: {r}"))))
        }
    }
}

fn grp_getgrnam(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "getgrnam", a, kw, &["name"], 1)?;
    let name = v[0].clone().unwrap_or_else(|| vm.none());
    if pystr::data(&name).is_none() {
        return Err(vm.type_error(format!("getgrnam() argument 'name' must be str, not {}", name.class().name())));
    }
    let c = crate::support::fs_cstring(vm, &name)?;
    let found = lookup(vm, |g, buf, out| {
        // SAFETY: `c` is NUL-terminated; `g`, `buf` and `out` are writable and sized as passed.
        unsafe { libc::getgrnam_r(c.as_ptr(), g, buf.as_mut_ptr() as *mut libc::c_char, buf.len(), out) }
    })?;
    match found {
        Some(e) => Ok(e),
        None => {
            let r = vm.repr_string(&name)?;
            Err(vm.key_error(vm.new_str(&format!("getgrnam(): name not found: {r}"))))
        }
    }
}

fn grp_getgrall(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getgrall", a, kw)?;
    let mut out = Vec::new();
    // SAFETY: setgrent/getgrent/endgrent walk the database; one thread runs,
    // and each entry is copied before the next call.
    unsafe { libc::setgrent() };
    loop {
        // SAFETY: as above.
        let p = unsafe { libc::getgrent() };
        if p.is_null() {
            break;
        }
        // SAFETY: getgrent returned a valid entry.
        match entry(vm, unsafe { &*p }) {
            Ok(e) => out.push(e),
            Err(e) => {
                // SAFETY: closing the walk begun above.
                unsafe { libc::endgrent() };
                return Err(e);
            }
        }
    }
    // SAFETY: closing the walk begun above.
    unsafe { libc::endgrent() };
    Ok(vm.new_list(out))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("getgrgid", grp_getgrgid),
    MethodDef::static_("getgrnam", grp_getgrnam),
    MethodDef::static_("getgrall", grp_getgrall),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "grp");
    module::add_functions(vm, &m, "grp", FUNCTIONS);
    let ty = structseq::new_type_with_docs(vm, TYPE, FIELDS, FIELD_DOCS, 4, 0, DOC)?;
    dict::set_item_str(vm, &module::module_dict(&m), "struct_group", ty)?;
    Ok(m)
}
