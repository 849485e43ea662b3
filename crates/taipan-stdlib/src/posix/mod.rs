//! `posix` (CPython's `Modules/posixmodule.c`): the operating system
//! interface under `os`, on Linux. Files by family: `path.rs` (the
//! argument converters and OSError), `stat.rs`, `scandir.rs`, `fs.rs`
//! (calls on paths), `fd.rs` (calls on descriptors), `process.rs`;
//! `names.rs` holds the generated constant and name tables.

mod copy;
mod fd;
mod fd_extra;
mod fs;
mod names;
pub(crate) mod path;
mod process;
mod scandir;
mod spawn;
mod stat;
mod xattr;

use std::ffi::CString;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, bytes, dict, int, module, str as pystr, Obj, PyResult, Vm};

use crate::structseq;

pub(crate) use fs::id_arg as uid_arg;
pub(crate) use process::{run_at_fork, AtFork};

/// A Python int of an unsigned 64-bit value.
pub(crate) fn u64_obj(vm: &Vm, v: u64) -> Obj {
    match i64::try_from(v) {
        Ok(i) => vm.new_int(i),
        Err(_) => vm.new_bigint(num_bigint::BigInt::from(v)),
    }
}

/// `import name` from native code (`PyImport_ImportModule`).
pub(crate) fn import_module(vm: &Vm, name: &str) -> PyResult<Obj> {
    let imp = vm.getattr_str(&vm.builtins_module(), "__import__")?;
    vm.call(&imp, &[vm.new_str(name)], None)?;
    let modules = vm.getattr_str(&vm.sys_module(), "modules")?;
    vm.getitem(&modules, &vm.new_str(name))
}

/// A native type this module made at init.
pub(crate) fn lazy_type(vm: &Vm, name: &str) -> PyResult<Obj> {
    vm.lazy_types.borrow().get(name).cloned().ok_or_else(|| vm.system_error(format!("{name} is not initialised")))
}

/// `os.fspath(o)` (CPython's `PyOS_FSPath`).
pub(crate) fn fspath_obj(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if pystr::data(o).is_some() || bytes::as_bytes_ref(o).is_some() {
        return Ok(o.clone());
    }
    match vm.call_special(o, "__fspath__", &[])? {
        Some(r) if pystr::data(&r).is_some() || bytes::as_bytes_ref(&r).is_some() => Ok(r),
        Some(r) => Err(vm.type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            o.class().name(),
            r.class().name()
        ))),
        None => Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", o.class().name()))),
    }
}

fn os_fspath(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fspath", a, kw, &["path"], 1)?;
    fspath_obj(vm, v[0].as_ref().unwrap_or(&vm.none()))
}

fn posonly<const N: usize>(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<[Obj; N]> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() != N {
        let msg = if N == 1 {
            format!("{fname}() takes exactly one argument ({} given)", a.len())
        } else {
            format!("{fname} expected {N} arguments, got {}", a.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(std::array::from_fn(|i| a[i].clone()))
}

// ---- environment -----------------------------------------------------------------------------

fn environ(vm: &Vm) -> PyResult<Obj> {
    use std::os::unix::ffi::OsStrExt;
    let d = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        let key = vm.new_bytes(k.as_bytes().to_vec());
        if dict::get_item_opt(vm, &d, &key)?.is_none() {
            dict::set_item(vm, &d, key, vm.new_bytes(v.as_bytes().to_vec()))?;
        }
    }
    Ok(d)
}

fn env_name(vm: &Vm, o: &Obj) -> PyResult<CString> {
    let b = path::fs_converter(vm, o)?;
    CString::new(b).map_err(|_| vm.value_error("embedded null byte"))
}

fn os_putenv(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name, value] = posonly::<2>(vm, "putenv", a, kw)?;
    let n = env_name(vm, &name)?;
    if n.as_bytes().contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    let v = env_name(vm, &value)?;
    // SAFETY: both are NUL-terminated; setenv copies them. The interpreter
    // runs one thread, so no other thread reads the environment meanwhile.
    let r = unsafe { libc::setenv(n.as_ptr(), v.as_ptr(), 1) };
    path::cvt(r).map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

fn os_unsetenv(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = posonly::<1>(vm, "unsetenv", a, kw)?;
    let n = env_name(vm, &name)?;
    // SAFETY: `n` is NUL-terminated; one thread touches the environment.
    let r = unsafe { libc::unsetenv(n.as_ptr()) };
    path::cvt(r).map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

// ---- system information ----------------------------------------------------------------------

fn os_strerror(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [code] = posonly::<1>(vm, "strerror", a, kw)?;
    let code = path::c_int(vm, &code)?;
    // SAFETY: strerror returns a NUL-terminated message (never NULL on glibc).
    let p = unsafe { libc::strerror(code) };
    if p.is_null() {
        return Err(vm.value_error("strerror() argument out of range"));
    }
    // SAFETY: `p` points at a NUL-terminated string owned by the C library.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec();
    path::decode_fs(vm, &s)
}

fn cstr_field(vm: &Vm, f: &[libc::c_char]) -> PyResult<Obj> {
    let b: Vec<u8> = f.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    path::decode_fs(vm, &b)
}

fn os_uname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "uname", a, kw)?;
    // SAFETY: an all-zero utsname is valid to be overwritten.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is writable.
    path::cvt(unsafe { libc::uname(&mut u) }).map_err(|e| path::os_error(vm, e, None, None))?;
    let v = vec![
        cstr_field(vm, &u.sysname)?,
        cstr_field(vm, &u.nodename)?,
        cstr_field(vm, &u.release)?,
        cstr_field(vm, &u.version)?,
        cstr_field(vm, &u.machine)?,
    ];
    let ty = structseq::get_type(vm, "posix.uname_result")?;
    structseq::new(vm, &ty, v)
}

fn os_get_terminal_size(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error("get_terminal_size() takes no keyword arguments"));
    }
    if a.len() > 1 {
        return Err(vm.type_error(format!("get_terminal_size expected at most 1 argument, got {}", a.len())));
    }
    let fd = match a.first() {
        Some(o) => path::fd_arg(vm, o)?,
        None => 1,
    };
    // SAFETY: an all-zero winsize is valid to be overwritten.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize into `w`.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) };
    path::cvt(r).map_err(|e| path::os_error(vm, e, None, None))?;
    let ty = structseq::get_type(vm, "os.terminal_size")?;
    structseq::new(vm, &ty, vec![vm.new_int(w.ws_col as i64), vm.new_int(w.ws_row as i64)])
}

fn os_cpu_count(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "cpu_count", a, kw)?;
    // SAFETY: sysconf takes no memory.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 { vm.none() } else { vm.new_int(n) })
}

fn os_getloadavg(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getloadavg", a, kw)?;
    let mut l = [0f64; 3];
    // SAFETY: `l` has room for three values.
    if unsafe { libc::getloadavg(l.as_mut_ptr(), 3) } != 3 {
        return Err(vm.os_error("Load averages are unobtainable"));
    }
    Ok(vm.new_tuple(l.iter().map(|&x| vm.new_float(x)).collect()))
}

/// A configuration name: an int, or a str of the table (CPython's `conv_confname`).
fn conf_name(vm: &Vm, o: &Obj, table: &[(&str, i32)]) -> PyResult<i32> {
    if int::value(o).is_some() {
        return path::c_int(vm, o);
    }
    let Some(s) = pystr::as_str(o) else {
        return Err(vm.type_error("configuration names must be strings or integers"));
    };
    table
        .iter()
        .find(|(n, _)| *n == s)
        .map(|&(_, v)| v)
        .ok_or_else(|| vm.value_error("unrecognized configuration name"))
}

fn os_sysconf(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = posonly::<1>(vm, "sysconf", a, kw)?;
    let n = conf_name(vm, &name, names::SYSCONF_NAMES)?;
    // SAFETY: resetting errno to tell "no limit" from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: sysconf takes no memory.
    let r = unsafe { libc::sysconf(n) };
    if r == -1 && path::errno() != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.new_int(r))
}

fn os_confstr(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [name] = posonly::<1>(vm, "confstr", a, kw)?;
    let n = conf_name(vm, &name, names::CONFSTR_NAMES)?;
    // SAFETY: resetting errno to tell "no value" from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a NULL buffer of length 0 asks for the size only.
    let len = unsafe { libc::confstr(n, std::ptr::null_mut(), 0) };
    if len == 0 {
        if path::errno() != 0 {
            return Err(path::os_error(vm, path::errno(), None, None));
        }
        return Ok(vm.none());
    }
    let mut buf = vec![0u8; len];
    // SAFETY: `buf` has room for `len` bytes.
    unsafe { libc::confstr(n, buf.as_mut_ptr() as *mut libc::c_char, len) };
    buf.truncate(len - 1);
    path::decode_fs(vm, &buf)
}

fn pathconf_result(vm: &Vm, r: libc::c_long) -> PyResult<Obj> {
    if r == -1 && path::errno() != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.new_int(r))
}

fn os_pathconf(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "pathconf", a, kw, &["path", "name"], 2)?;
    let p = path::path_arg(vm, "pathconf", "path", v[0].as_ref(), path::PATH_FD)?;
    let n = conf_name(vm, v[1].as_ref().unwrap_or(&vm.none()), names::PATHCONF_NAMES)?;
    // SAFETY: resetting errno to tell "no limit" from an error.
    unsafe { *libc::__errno_location() = 0 };
    let r = match &p.c {
        // SAFETY: `c` is NUL-terminated.
        Some(c) => unsafe { libc::pathconf(c.as_ptr(), n) },
        // SAFETY: fpathconf takes no memory.
        None => unsafe { libc::fpathconf(p.fd, n) },
    };
    if r == -1 && path::errno() != 0 {
        return Err(path::path_error(vm, path::errno(), &p));
    }
    Ok(vm.new_int(r))
}

fn os_fpathconf(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, name] = posonly::<2>(vm, "fpathconf", a, kw)?;
    let fd = path::fildes(vm, &fd)?;
    let n = conf_name(vm, &name, names::PATHCONF_NAMES)?;
    // SAFETY: resetting errno to tell "no limit" from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: fpathconf takes no memory.
    pathconf_result(vm, unsafe { libc::fpathconf(fd, n) })
}

/// A `dev_t` argument (CPython's `_Py_Dev_Converter`: an unsigned 64-bit int).
fn dev_arg(vm: &Vm, o: &Obj) -> PyResult<libc::dev_t> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    match vm.index_value(o)? {
        int::IntValue::Small(v) if v >= 0 => Ok(v as libc::dev_t),
        int::IntValue::Small(_) => Err(vm.overflow_error("can't convert negative int to unsigned")),
        int::IntValue::Big(b) => u64::try_from(&*b).map_err(|_| vm.overflow_error("int too big to convert")),
    }
}

fn os_major(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [d] = posonly::<1>(vm, "major", a, kw)?;
    let d = dev_arg(vm, &d)?;
    Ok(vm.new_int(libc::major(d) as i64))
}

fn os_minor(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [d] = posonly::<1>(vm, "minor", a, kw)?;
    let d = dev_arg(vm, &d)?;
    Ok(vm.new_int(libc::minor(d) as i64))
}

fn os_makedev(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [ma, mi] = posonly::<2>(vm, "makedev", a, kw)?;
    let (ma, mi) = (vm.to_i64(&ma)? as u32, vm.to_i64(&mi)? as u32);
    Ok(u64_obj(vm, libc::makedev(ma, mi)))
}

fn os_sync(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "sync", a, kw)?;
    // SAFETY: sync takes no memory.
    vm.allow_threads(|| unsafe { libc::sync() });
    Ok(vm.none())
}

// ---- the module ------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("stat", stat::os_stat),
    MethodDef::static_("lstat", stat::os_lstat),
    MethodDef::static_("fstat", stat::os_fstat),
    MethodDef::static_("statvfs", stat::os_statvfs),
    MethodDef::static_("fstatvfs", stat::os_fstatvfs),
    MethodDef::static_("scandir", scandir::os_scandir),
    MethodDef::static_("listdir", fs::os_listdir),
    MethodDef::static_("mkdir", fs::os_mkdir),
    MethodDef::static_("rmdir", fs::os_rmdir),
    MethodDef::static_("unlink", fs::os_unlink),
    MethodDef::static_("remove", fs::os_remove),
    MethodDef::static_("rename", fs::os_rename),
    MethodDef::static_("replace", fs::os_replace),
    MethodDef::static_("link", fs::os_link),
    MethodDef::static_("symlink", fs::os_symlink),
    MethodDef::static_("readlink", fs::os_readlink),
    MethodDef::static_("chdir", fs::os_chdir),
    MethodDef::static_("fchdir", fs::os_fchdir),
    MethodDef::static_("getcwd", fs::os_getcwd),
    MethodDef::static_("getcwdb", fs::os_getcwdb),
    MethodDef::static_("chmod", fs::os_chmod),
    MethodDef::static_("fchmod", fs::os_fchmod),
    MethodDef::static_("chown", fs::os_chown),
    MethodDef::static_("lchown", fs::os_lchown),
    MethodDef::static_("fchown", fs::os_fchown),
    MethodDef::static_("access", fs::os_access),
    MethodDef::static_("truncate", fs::os_truncate),
    MethodDef::static_("mkfifo", fs::os_mkfifo),
    MethodDef::static_("utime", fs::os_utime),
    MethodDef::static_("open", fd::os_open),
    MethodDef::static_("close", fd::os_close),
    MethodDef::static_("closerange", fd::os_closerange),
    MethodDef::static_("dup", fd::os_dup),
    MethodDef::static_("dup2", fd::os_dup2),
    MethodDef::static_("read", fd::os_read),
    MethodDef::static_("write", fd::os_write),
    MethodDef::static_("pread", fd::os_pread),
    MethodDef::static_("pwrite", fd::os_pwrite),
    MethodDef::static_("lseek", fd::os_lseek),
    MethodDef::static_("ftruncate", fd::os_ftruncate),
    MethodDef::static_("fsync", fd::os_fsync),
    MethodDef::static_("fdatasync", fd::os_fdatasync),
    MethodDef::static_("pipe", fd::os_pipe),
    MethodDef::static_("pipe2", fd::os_pipe2),
    MethodDef::static_("get_inheritable", fd::os_get_inheritable),
    MethodDef::static_("set_inheritable", fd::os_set_inheritable),
    MethodDef::static_("get_blocking", fd::os_get_blocking),
    MethodDef::static_("set_blocking", fd::os_set_blocking),
    MethodDef::static_("isatty", fd::os_isatty),
    MethodDef::static_("ttyname", fd::os_ttyname),
    MethodDef::static_("device_encoding", fd::os_device_encoding),
    MethodDef::static_("umask", fd::os_umask),
    MethodDef::static_("urandom", fd::os_urandom),
    MethodDef::static_("getpid", process::os_getpid),
    MethodDef::static_("getppid", process::os_getppid),
    MethodDef::static_("getuid", process::os_getuid),
    MethodDef::static_("geteuid", process::os_geteuid),
    MethodDef::static_("getgid", process::os_getgid),
    MethodDef::static_("getegid", process::os_getegid),
    MethodDef::static_("getpgrp", process::os_getpgrp),
    MethodDef::static_("getpgid", process::os_getpgid),
    MethodDef::static_("getsid", process::os_getsid),
    MethodDef::static_("setsid", process::os_setsid),
    MethodDef::static_("setpgid", process::os_setpgid),
    MethodDef::static_("getgroups", process::os_getgroups),
    MethodDef::static_("getlogin", process::os_getlogin),
    MethodDef::static_("setuid", process::os_setuid),
    MethodDef::static_("seteuid", process::os_seteuid),
    MethodDef::static_("setgid", process::os_setgid),
    MethodDef::static_("setegid", process::os_setegid),
    MethodDef::static_("kill", process::os_kill),
    MethodDef::static_("killpg", process::os_killpg),
    MethodDef::static_("abort", process::os_abort),
    MethodDef::static_("_exit", process::os_exit),
    MethodDef::static_("register_at_fork", process::os_register_at_fork),
    MethodDef::static_("fork", process::os_fork),
    MethodDef::static_("execv", process::os_execv),
    MethodDef::static_("execve", process::os_execve),
    MethodDef::static_("waitpid", process::os_waitpid),
    MethodDef::static_("wait", process::os_wait),
    MethodDef::static_("WCOREDUMP", process::os_wcoredump),
    MethodDef::static_("WIFCONTINUED", process::os_wifcontinued),
    MethodDef::static_("WIFSTOPPED", process::os_wifstopped),
    MethodDef::static_("WIFSIGNALED", process::os_wifsignaled),
    MethodDef::static_("WIFEXITED", process::os_wifexited),
    MethodDef::static_("WEXITSTATUS", process::os_wexitstatus),
    MethodDef::static_("WTERMSIG", process::os_wtermsig),
    MethodDef::static_("WSTOPSIG", process::os_wstopsig),
    MethodDef::static_("waitstatus_to_exitcode", process::os_waitstatus_to_exitcode),
    MethodDef::static_("wait3", process::os_wait3),
    MethodDef::static_("wait4", process::os_wait4),
    MethodDef::static_("waitid", process::os_waitid),
    MethodDef::static_("pidfd_open", process::os_pidfd_open),
    MethodDef::static_("setreuid", process::os_setreuid),
    MethodDef::static_("setregid", process::os_setregid),
    MethodDef::static_("setresuid", process::os_setresuid),
    MethodDef::static_("setresgid", process::os_setresgid),
    MethodDef::static_("getresuid", process::os_getresuid),
    MethodDef::static_("getresgid", process::os_getresgid),
    MethodDef::static_("setgroups", process::os_setgroups),
    MethodDef::static_("setpgrp", process::os_setpgrp),
    MethodDef::static_("getgrouplist", process::os_getgrouplist),
    MethodDef::static_("initgroups", process::os_initgroups),
    MethodDef::static_("getpriority", process::os_getpriority),
    MethodDef::static_("setpriority", process::os_setpriority),
    MethodDef::static_("posix_spawn", spawn::os_posix_spawn),
    MethodDef::static_("posix_spawnp", spawn::os_posix_spawnp),
    MethodDef::static_("sched_get_priority_max", spawn::os_sched_get_priority_max),
    MethodDef::static_("sched_get_priority_min", spawn::os_sched_get_priority_min),
    MethodDef::static_("sched_getscheduler", spawn::os_sched_getscheduler),
    MethodDef::static_("sched_getparam", spawn::os_sched_getparam),
    MethodDef::static_("sched_setscheduler", spawn::os_sched_setscheduler),
    MethodDef::static_("sched_setparam", spawn::os_sched_setparam),
    MethodDef::static_("sched_rr_get_interval", spawn::os_sched_rr_get_interval),
    MethodDef::static_("sched_setaffinity", spawn::os_sched_setaffinity),
    MethodDef::static_("sendfile", copy::os_sendfile),
    MethodDef::static_("copy_file_range", copy::os_copy_file_range),
    MethodDef::static_("splice", copy::os_splice),
    MethodDef::static_("getxattr", xattr::os_getxattr),
    MethodDef::static_("setxattr", xattr::os_setxattr),
    MethodDef::static_("removexattr", xattr::os_removexattr),
    MethodDef::static_("listxattr", xattr::os_listxattr),
    MethodDef::static_("readv", fd_extra::os_readv),
    MethodDef::static_("writev", fd_extra::os_writev),
    MethodDef::static_("preadv", fd_extra::os_preadv),
    MethodDef::static_("pwritev", fd_extra::os_pwritev),
    MethodDef::static_("posix_fallocate", fd_extra::os_posix_fallocate),
    MethodDef::static_("posix_fadvise", fd_extra::os_posix_fadvise),
    MethodDef::static_("lockf", fd_extra::os_lockf),
    MethodDef::static_("eventfd", fd_extra::os_eventfd),
    MethodDef::static_("eventfd_read", fd_extra::os_eventfd_read),
    MethodDef::static_("eventfd_write", fd_extra::os_eventfd_write),
    MethodDef::static_("memfd_create", fd_extra::os_memfd_create),
    MethodDef::static_("getrandom", fd_extra::os_getrandom),
    MethodDef::static_("tcgetpgrp", fd_extra::os_tcgetpgrp),
    MethodDef::static_("tcsetpgrp", fd_extra::os_tcsetpgrp),
    MethodDef::static_("ctermid", fd_extra::os_ctermid),
    MethodDef::static_("chroot", fd_extra::os_chroot),
    MethodDef::static_("mknod", fd_extra::os_mknod),
    MethodDef::static_("openpty", fd_extra::os_openpty),
    MethodDef::static_("login_tty", fd_extra::os_login_tty),
    MethodDef::static_("forkpty", fd_extra::os_forkpty),
    MethodDef::static_("system", process::os_system),
    MethodDef::static_("times", process::os_times),
    MethodDef::static_("sched_getaffinity", process::os_sched_getaffinity),
    MethodDef::static_("sched_yield", process::os_sched_yield),
    MethodDef::static_("nice", process::os_nice),
    MethodDef::static_("fspath", os_fspath),
    MethodDef::static_("putenv", os_putenv),
    MethodDef::static_("unsetenv", os_unsetenv),
    MethodDef::static_("strerror", os_strerror),
    MethodDef::static_("uname", os_uname),
    MethodDef::static_("get_terminal_size", os_get_terminal_size),
    MethodDef::static_("cpu_count", os_cpu_count),
    MethodDef::static_("getloadavg", os_getloadavg),
    MethodDef::static_("sysconf", os_sysconf),
    MethodDef::static_("confstr", os_confstr),
    MethodDef::static_("pathconf", os_pathconf),
    MethodDef::static_("fpathconf", os_fpathconf),
    MethodDef::static_("major", os_major),
    MethodDef::static_("minor", os_minor),
    MethodDef::static_("makedev", os_makedev),
    MethodDef::static_("sync", os_sync),
];

/// What `os.supports_dir_fd`, `supports_fd` and `supports_follow_symlinks`
/// are built from: the HAVE_* of the functions above.
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FEXECVE",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

fn name_table(vm: &Vm, table: &[(&str, i32)]) -> PyResult<Obj> {
    let d = vm.new_dict();
    for &(n, v) in table {
        dict::set_item_str(vm, &d, n, vm.new_int(v as i64))?;
    }
    Ok(d)
}

fn make_structseq_types(vm: &Vm, d: &Obj) -> PyResult<()> {
    let (st, vfs) = stat::make_types(vm)?;
    dict::set_item_str(vm, d, "stat_result", st)?;
    dict::set_item_str(vm, d, "statvfs_result", vfs)?;
    let ts = structseq::new_type_with_docs(
        vm,
        "os.terminal_size",
        &["columns", "lines"],
        &["width of the terminal window in characters", "height of the terminal window in characters"],
        2,
        0,
        "A tuple of (columns, lines) for holding terminal window size",
    )?;
    dict::set_item_str(vm, d, "terminal_size", ts)?;
    let times = structseq::new_type_with_docs(
        vm,
        "posix.times_result",
        &["user", "system", "children_user", "children_system", "elapsed"],
        &["user time", "system time", "user time of children", "system time of children", "elapsed time since an arbitrary point in the past"],
        5,
        0,
        "times_result: Result from os.times().\n\nThis object may be accessed either as a tuple of\n  (user, system, children_user, children_system, elapsed),\nor via the attributes user, system, children_user, children_system,\nand elapsed.\n\nSee os.times for more information.",
    )?;
    dict::set_item_str(vm, d, "times_result", times)?;
    let uname = structseq::new_type_with_docs(
        vm,
        "posix.uname_result",
        &["sysname", "nodename", "release", "version", "machine"],
        &["operating system name", "name of machine on network (implementation-defined)", "operating system release", "operating system version", "hardware identifier"],
        5,
        0,
        "uname_result: Result from os.uname().\n\nThis object may be accessed either as a tuple of\n  (sysname, nodename, release, version, machine),\nor via the attributes sysname, nodename, release, version, and machine.\n\nSee os.uname for more information.",
    )?;
    dict::set_item_str(vm, d, "uname_result", uname)?;
    let waitid = structseq::new_type(
        vm,
        "posix.waitid_result",
        &["si_pid", "si_uid", "si_signo", "si_status", "si_code"],
        5,
        0,
        "waitid_result: Result from waitid.\n\nThis object may be accessed either as a tuple of\n  (si_pid, si_uid, si_signo, si_status, si_code),\nor via the attributes si_pid, si_uid, and so on.\n\nSee os.waitid for more information.",
    )?;
    dict::set_item_str(vm, d, "waitid_result", waitid)?;
    dict::set_item_str(vm, d, "sched_param", spawn::make_sched_param(vm)?)?;
    Ok(())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "posix");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "posix", FUNCTIONS);
    for &(name, value) in names::CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    dict::set_item_str(vm, &d, "sysconf_names", name_table(vm, names::SYSCONF_NAMES)?)?;
    dict::set_item_str(vm, &d, "confstr_names", name_table(vm, names::CONFSTR_NAMES)?)?;
    dict::set_item_str(vm, &d, "pathconf_names", name_table(vm, names::PATHCONF_NAMES)?)?;
    let have: Vec<Obj> = HAVE_FUNCTIONS.iter().map(|n| vm.new_str(n)).collect();
    dict::set_item_str(vm, &d, "_have_functions", vm.new_list(have))?;
    dict::set_item_str(vm, &d, "environ", environ(vm)?)?;
    dict::set_item_str(vm, &d, "error", vm.ctx.exceptions.os_error.clone())?;
    make_structseq_types(vm, &d)?;
    let (entry, _iter) = scandir::make_types(vm);
    dict::set_item_str(vm, &d, "DirEntry", entry)?;
    Ok(m)
}
