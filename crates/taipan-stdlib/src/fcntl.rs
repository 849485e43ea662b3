//! `fcntl` (CPython's `Modules/fcntlmodule.c`): `fcntl`, `ioctl`, `flock`
//! and `lockf` on file descriptors.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, buffer, bytes, dict, module, str as pystr, Obj, PyResult, Vm};

use crate::posix::path::{self, blocking, c_int, cvt, fildes};

/// The constants (Linux values).
const CONSTANTS: &[(&str, i64)] = &[
    ("DN_ACCESS", 1),
    ("DN_ATTRIB", 32),
    ("DN_CREATE", 4),
    ("DN_DELETE", 8),
    ("DN_MODIFY", 2),
    ("DN_MULTISHOT", 2147483648),
    ("DN_RENAME", 16),
    ("FASYNC", 8192),
    ("FD_CLOEXEC", 1),
    ("F_ADD_SEALS", 1033),
    ("F_DUPFD", 0),
    ("F_DUPFD_CLOEXEC", 1030),
    ("F_EXLCK", 4),
    ("F_GETFD", 1),
    ("F_GETFL", 3),
    ("F_GETLEASE", 1025),
    ("F_GETLK", 5),
    ("F_GETLK64", 5),
    ("F_GETOWN", 9),
    ("F_GETPIPE_SZ", 1032),
    ("F_GETSIG", 11),
    ("F_GET_SEALS", 1034),
    ("F_NOTIFY", 1026),
    ("F_OFD_GETLK", 36),
    ("F_OFD_SETLK", 37),
    ("F_OFD_SETLKW", 38),
    ("F_RDLCK", 0),
    ("F_SEAL_GROW", 4),
    ("F_SEAL_SEAL", 1),
    ("F_SEAL_SHRINK", 2),
    ("F_SEAL_WRITE", 8),
    ("F_SETFD", 2),
    ("F_SETFL", 4),
    ("F_SETLEASE", 1024),
    ("F_SETLK", 6),
    ("F_SETLK64", 6),
    ("F_SETLKW", 7),
    ("F_SETLKW64", 7),
    ("F_SETOWN", 8),
    ("F_SETPIPE_SZ", 1031),
    ("F_SETSIG", 10),
    ("F_SHLCK", 8),
    ("F_UNLCK", 2),
    ("F_WRLCK", 1),
    ("LOCK_EX", 2),
    ("LOCK_MAND", 32),
    ("LOCK_NB", 4),
    ("LOCK_READ", 64),
    ("LOCK_RW", 192),
    ("LOCK_SH", 1),
    ("LOCK_UN", 8),
    ("LOCK_WRITE", 128),
];

/// The size of the buffer CPython copies a bytes argument into.
const BUF: usize = 1024;

fn os_err(vm: &Vm, e: i32) -> taipan_vm::api::PyErr {
    path::os_error(vm, e, None, None)
}

/// `fcntl(fd, cmd, arg=0)`: an int argument gives the call's int result; a
/// bytes or str argument is copied into a buffer the call may change, and
/// the buffer comes back as bytes.
fn fcntl_fcntl(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "fcntl", names: &["", "", ""], posonly: 3, required: 2, kwonly_from: 3 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let none = vm.none();
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&none))?;
    let cmd = c_int(vm, v[1].as_ref().unwrap_or(&none))?;
    if let Some(arg) = &v[2] {
        if let Some(data) = buffer_arg(vm, arg)? {
            if data.len() > BUF {
                return Err(vm.value_error("fcntl string arg too long"));
            }
            let mut buf = [0u8; BUF];
            buf[..data.len()].copy_from_slice(&data);
            let p = buf.as_mut_ptr() as usize;
            // SAFETY: `buf` is a writable buffer of BUF bytes, alive across the call.
            let r = blocking(vm, || cvt(unsafe { libc::fcntl(fd, cmd, p as *mut libc::c_void) }))?;
            r.map_err(|e| os_err(vm, e))?;
            return Ok(vm.new_bytes(buf[..data.len()].to_vec()));
        }
    }
    let arg = match &v[2] {
        Some(a) => int_arg(vm, a)?,
        None => 0,
    };
    // SAFETY: an integer argument; the kernel reads no memory through it.
    let r = blocking(vm, || cvt(unsafe { libc::fcntl(fd, cmd, arg as libc::c_long) }))?;
    r.map(|n| vm.new_int(n as i64)).map_err(|e| os_err(vm, e))
}

fn int_arg(vm: &Vm, o: &Obj) -> PyResult<i64> {
    vm.to_i64(o)
}

/// The bytes of a str or bytes-like argument, None for an int.
fn buffer_arg(vm: &Vm, o: &Obj) -> PyResult<Option<Vec<u8>>> {
    if pystr::data(o).is_some() {
        return Ok(Some(taipan_vm::api::codecs::encode_str(vm, o, Some("utf-8"), None)?));
    }
    if bytes::as_bytes_ref(o).is_some() || buffer::is_bytes_like(o) {
        return Ok(Some(buffer::with_bytes(vm, o, |b| b.to_vec())?));
    }
    Ok(None)
}

/// `ioctl(fd, request, arg=0, mutate_flag=True)`: as `fcntl`; a writable
/// buffer is updated in place when `mutate_flag` is true.
fn fcntl_ioctl(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "ioctl", names: &["", "", "", ""], posonly: 4, required: 2, kwonly_from: 4 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let none = vm.none();
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&none))?;
    let req = vm.to_i64(v[1].as_ref().unwrap_or(&none))? as libc::c_ulong;
    let mutate = match &v[3] {
        Some(m) => vm.is_true(m)?,
        None => true,
    };
    if let Some(arg) = &v[2] {
        if let Some(data) = buffer_arg(vm, arg)? {
            let writable = vm.isinstance_type(arg, &vm.ctx.types.bytearray);
            let mut buf = vec![0u8; data.len().max(BUF)];
            buf[..data.len()].copy_from_slice(&data);
            if !writable && data.len() > BUF {
                return Err(vm.value_error("ioctl string arg too long"));
            }
            let p = buf.as_mut_ptr() as usize;
            // SAFETY: `buf` is writable and at least BUF bytes long.
            let r = blocking(vm, || cvt(unsafe { libc::ioctl(fd, req, p as *mut libc::c_void) }))?;
            let n = r.map_err(|e| os_err(vm, e))?;
            if writable && mutate {
                buffer::with_writable(vm, arg, "ioctl", |w| {
                    let k = w.len().min(data.len());
                    w[..k].copy_from_slice(&buf[..k]);
                })?;
                return Ok(vm.new_int(n as i64));
            }
            return Ok(vm.new_bytes(buf[..data.len()].to_vec()));
        }
    }
    let arg = match &v[2] {
        Some(a) => int_arg(vm, a)?,
        None => 0,
    };
    // SAFETY: an integer argument; the kernel reads no memory through it.
    let r = blocking(vm, || cvt(unsafe { libc::ioctl(fd, req, arg as libc::c_long) }))?;
    r.map(|n| vm.new_int(n as i64)).map_err(|e| os_err(vm, e))
}

fn fcntl_flock(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, op] = args::exact::<2>(vm, "flock", a, kw)?;
    let fd = fildes(vm, &fd)?;
    let op = c_int(vm, &op)?;
    // SAFETY: flock takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::flock(fd, op) }))?;
    r.map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)` through `fcntl(F_SETLK[W])`.
fn fcntl_lockf(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "lockf", names: &["", "", "", "", ""], posonly: 5, required: 2, kwonly_from: 5 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let none = vm.none();
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&none))?;
    let code = c_int(vm, v[1].as_ref().unwrap_or(&none))?;
    let len = match &v[2] {
        Some(x) => vm.to_i64(x)?,
        None => 0,
    };
    let start = match &v[3] {
        Some(x) => vm.to_i64(x)?,
        None => 0,
    };
    let whence = match &v[4] {
        Some(x) => c_int(vm, x)?,
        None => 0,
    };
    let l_type = match code & !(libc::LOCK_NB) {
        libc::LOCK_UN => libc::F_UNLCK,
        libc::LOCK_SH => libc::F_RDLCK,
        libc::LOCK_EX => libc::F_WRLCK,
        _ => return Err(vm.value_error("unrecognized lockf argument")),
    };
    // SAFETY: an all-zero flock is valid to be filled in.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = l_type as libc::c_short;
    l.l_whence = whence as libc::c_short;
    l.l_start = start;
    l.l_len = len;
    let cmd = if code & libc::LOCK_NB != 0 { libc::F_SETLK } else { libc::F_SETLKW };
    let p = &l as *const libc::flock as usize;
    // SAFETY: `l` is a valid flock, alive across the call.
    let r = blocking(vm, || cvt(unsafe { libc::fcntl(fd, cmd, p as *const libc::flock) }))?;
    r.map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("fcntl", fcntl_fcntl),
    MethodDef::static_("ioctl", fcntl_ioctl),
    MethodDef::static_("flock", fcntl_flock),
    MethodDef::static_("lockf", fcntl_lockf),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "fcntl");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "fcntl", FUNCTIONS);
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    Ok(m)
}
