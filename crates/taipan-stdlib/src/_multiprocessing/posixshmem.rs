//! `_posixshmem` (CPython's `Modules/_multiprocessing/posixshmem.c`):
//! POSIX shared memory objects by name, under
//! `multiprocessing.shared_memory`.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, module, Obj, PyResult, Vm};

use super::{c_text_until_nul, errno_error};
use crate::converters;

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_posixshmem");
    module::add_functions(vm, &m, "_posixshmem", FUNCTIONS);
    Ok(m)
}

const FUNCTIONS: &[MethodDef] =
    &[MethodDef::static_("shm_open", shm_open), MethodDef::static_("shm_unlink", shm_unlink)];

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `shm_open(path, flags, mode=0o777)`: open (or create) a shared memory
/// object, its file descriptor (close-on-exec, as glibc makes it).
fn shm_open(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "shm_open", a, k, &["path", "flags", "mode"], 2)?;
    let [Some(path), Some(flags), mode] = &p[..] else {
        return Err(vm.system_error("shm_open: missing argument"));
    };
    let name = c_text_until_nul(vm, "shm_open", "argument 'path'", path)?;
    let flags = converters::c_int(vm, flags)?;
    let mode = match mode {
        Some(m) => converters::c_int(vm, m)?,
        None => 0o777,
    };
    loop {
        let name = name.clone();
        let (fd, err) = vm.allow_threads(move || {
            // SAFETY: `name` is NUL-terminated and lives across the call.
            let fd = unsafe { libc::shm_open(name.as_ptr(), flags, mode as libc::mode_t) };
            (fd, if fd < 0 { last_errno() } else { 0 })
        });
        if fd >= 0 {
            return Ok(vm.new_int(fd as i64));
        }
        if err != libc::EINTR {
            return Err(vm.io_error(&std::io::Error::from_raw_os_error(err), Some(path)));
        }
        vm.check_signals()?;
    }
}

/// `shm_unlink(path)`: remove a shared memory object's name.
fn shm_unlink(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "shm_unlink", a, k, &["path"], 1)?;
    let [Some(path)] = &p[..] else {
        return Err(vm.system_error("shm_unlink: missing argument"));
    };
    let name = c_text_until_nul(vm, "shm_unlink", "argument 'path'", path)?;
    // SAFETY: `name` is NUL-terminated and lives across the call.
    if unsafe { libc::shm_unlink(name.as_ptr()) } < 0 {
        return Err(errno_error(vm, Some(path)));
    }
    Ok(vm.none())
}
