//! `spwd` (CPython's `Modules/spwdmodule.c`): the shadow password database
//! through the C library's `getspnam` and `getspent`.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, str as pystr, Obj, PyResult, Vm};

use crate::posix::path;
use crate::structseq;

const TYPE: &str = "spwd.struct_spwd";
const DOC: &str = "spwd.struct_spwd: Results from getsp*() routines.\n\nThis object may be accessed either as a 9-tuple of\n  (sp_namp,sp_pwdp,sp_lstchg,sp_min,sp_max,sp_warn,sp_inact,sp_expire,sp_flag)\nor via the object attributes as named in the above tuple.";

/// Nine items, then the two deprecated aliases as attributes only.
const FIELDS: &[&str] = &[
    "sp_namp",
    "sp_pwdp",
    "sp_lstchg",
    "sp_min",
    "sp_max",
    "sp_warn",
    "sp_inact",
    "sp_expire",
    "sp_flag",
    "sp_nam",
    "sp_pwd",
];
const FIELD_DOCS: &[&str] = &[
    "login name",
    "encrypted password",
    "date of last change",
    "min #days between changes",
    "max #days between changes",
    "#days before pw expires to warn user about it",
    "#days after pw expires until account is disabled",
    "#days since 1970-01-01 when account expires",
    "reserved",
    "login name; deprecated",
    "encrypted password; deprecated",
];

fn entry(vm: &Vm, p: &libc::spwd) -> PyResult<Obj> {
    let ty = structseq::get_type(vm, TYPE)?;
    let (name, pwd) = (path::decode_fs_field(vm, p.sp_namp)?, path::decode_fs_field(vm, p.sp_pwdp)?);
    let v = vec![
        name.clone(),
        pwd.clone(),
        vm.new_int(p.sp_lstchg),
        vm.new_int(p.sp_min),
        vm.new_int(p.sp_max),
        vm.new_int(p.sp_warn),
        vm.new_int(p.sp_inact),
        vm.new_int(p.sp_expire),
        // An unsigned long that CPython stores as a C long (-1 when unset).
        vm.new_int(p.sp_flag as i64),
        name,
        pwd,
    ];
    structseq::new(vm, &ty, v)
}

fn clear_errno() {
    // SAFETY: errno is the calling thread's own.
    unsafe { *libc::__errno_location() = 0 };
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn spwd_getspnam(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = args::exact::<1>(vm, "spwd.getspnam", a, kw)?;
    if pystr::data(&name).is_none() {
        return Err(vm.type_error(format!("getspnam() argument must be str, not {}", name.class().name())));
    }
    let c = crate::support::fs_cstring(vm, &name)?;
    clear_errno();
    // SAFETY: `c` is NUL-terminated; the entry is copied before any other
    // call into the shadow database (the GIL is held).
    let p = unsafe { libc::getspnam(c.as_ptr()) };
    if p.is_null() {
        let code = errno();
        if code != 0 {
            return Err(path::os_error(vm, code, None, None));
        }
        return Err(vm.key_error(vm.new_str("getspnam(): name not found")));
    }
    // SAFETY: getspnam returned a valid entry.
    entry(vm, unsafe { &*p })
}

fn spwd_getspall(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "spwd.getspall", a, kw)?;
    let mut out = Vec::new();
    // SAFETY: setspent/getspent/endspent walk the database; the GIL is held,
    // and each entry is copied before the next call.
    unsafe { libc::setspent() };
    let result = loop {
        // SAFETY: as above.
        let p = unsafe { libc::getspent() };
        if p.is_null() {
            break Ok(());
        }
        // SAFETY: getspent returned a valid entry.
        match entry(vm, unsafe { &*p }) {
            Ok(e) => out.push(e),
            Err(e) => break Err(e),
        }
    };
    // SAFETY: closing the walk begun above.
    unsafe { libc::endspent() };
    result.map(|()| vm.new_list(out))
}

const FUNCTIONS: &[MethodDef] =
    &[MethodDef::static_("getspnam", spwd_getspnam), MethodDef::static_("getspall", spwd_getspall)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "spwd");
    module::add_functions(vm, &m, "spwd", FUNCTIONS);
    let ty = structseq::new_type_with_docs(vm, TYPE, FIELDS, FIELD_DOCS, 9, 0, DOC)?;
    dict::set_item_str(vm, &module::module_dict(&m), "struct_spwd", ty)?;
    Ok(m)
}
