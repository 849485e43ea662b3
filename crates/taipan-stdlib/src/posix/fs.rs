//! File system calls on paths: mkdir, rmdir, unlink, rename, link,
//! symlink, readlink, chdir, getcwd, chmod, chown, utime, access,
//! truncate, listdir, mkfifo, mknod.

use std::ffi::CString;

use taipan_vm::api::{args, Obj, PyResult, Vm};

use super::path::{self, blocking, check_path_rules, cvt, PathArg, PathOpts, PATH, PATH_FD};

fn spec<'a>(fname: &'a str, names: &'a [&'a str], required: usize, kwonly_from: usize) -> args::ArgSpec<'a> {
    args::ArgSpec { fname, names, posonly: 0, required, kwonly_from }
}

fn c(p: &PathArg) -> CString {
    p.c.clone().unwrap_or_default()
}

/// Finish a call on one path: None or the OSError naming it.
fn done(vm: &Vm, r: Result<i32, i32>, p: &PathArg) -> PyResult<Obj> {
    match r {
        Ok(_) => Ok(vm.none()),
        Err(e) => Err(path::path_error(vm, e, p)),
    }
}

/// Finish a call on two paths (CPython's `path_error2`).
fn done2(vm: &Vm, r: Result<i32, i32>, a: &PathArg, b: &PathArg) -> PyResult<Obj> {
    match r {
        Ok(_) => Ok(vm.none()),
        Err(e) => Err(path::os_error(vm, e, Some(&a.obj), Some(&b.obj))),
    }
}

pub(crate) fn os_mkdir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("mkdir", &["path", "mode", "dir_fd"], 1, 2), a, kw)?;
    let p = path::path_arg(vm, "mkdir", "path", v[0].as_ref(), PATH)?;
    let mode = match &v[1] {
        Some(m) => path::c_int(vm, m)?,
        None => 0o777,
    };
    let dir_fd = path::dir_fd(vm, v[2].as_ref())?;
    let cp = c(&p);
    // SAFETY: `cp` is NUL-terminated and lives across the call.
    let r = blocking(vm, || cvt(unsafe { libc::mkdirat(dir_fd, cp.as_ptr(), mode as libc::mode_t) }))?;
    done(vm, r, &p)
}

fn unlinkat(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>, flags: i32) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec(fname, &["path", "dir_fd"], 1, 1), a, kw)?;
    let p = path::path_arg(vm, fname, "path", v[0].as_ref(), PATH)?;
    let dir_fd = path::dir_fd(vm, v[1].as_ref())?;
    let cp = c(&p);
    // SAFETY: `cp` is NUL-terminated and lives across the call.
    let r = blocking(vm, || cvt(unsafe { libc::unlinkat(dir_fd, cp.as_ptr(), flags) }))?;
    done(vm, r, &p)
}

pub(crate) fn os_rmdir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    unlinkat(vm, "rmdir", a, kw, libc::AT_REMOVEDIR)
}

pub(crate) fn os_unlink(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    unlinkat(vm, "unlink", a, kw, 0)
}

pub(crate) fn os_remove(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    unlinkat(vm, "remove", a, kw, 0)
}

fn rename_impl(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec(fname, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 2), a, kw)?;
    let src = path::path_arg(vm, fname, "src", v[0].as_ref(), PATH)?;
    let dst = path::path_arg(vm, fname, "dst", v[1].as_ref(), PATH)?;
    let sfd = path::dir_fd(vm, v[2].as_ref())?;
    let dfd = path::dir_fd(vm, v[3].as_ref())?;
    let (cs, cd) = (c(&src), c(&dst));
    // SAFETY: both paths are NUL-terminated and live across the call.
    let r = blocking(vm, || cvt(unsafe { libc::renameat(sfd, cs.as_ptr(), dfd, cd.as_ptr()) }))?;
    done2(vm, r, &src, &dst)
}

pub(crate) fn os_rename(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    rename_impl(vm, "rename", a, kw)
}

pub(crate) fn os_replace(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    rename_impl(vm, "replace", a, kw)
}

pub(crate) fn os_link(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let names = &["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"];
    let v = args::parse_spec(vm, &spec("link", names, 2, 2), a, kw)?;
    let src = path::path_arg(vm, "link", "src", v[0].as_ref(), PATH)?;
    let dst = path::path_arg(vm, "link", "dst", v[1].as_ref(), PATH)?;
    let sfd = path::dir_fd(vm, v[2].as_ref())?;
    let dfd = path::dir_fd(vm, v[3].as_ref())?;
    let follow = path::flag(vm, v[4].as_ref(), true)?;
    let flags = if follow { libc::AT_SYMLINK_FOLLOW } else { 0 };
    let (cs, cd) = (c(&src), c(&dst));
    // SAFETY: both paths are NUL-terminated and live across the call.
    let r = blocking(vm, || cvt(unsafe { libc::linkat(sfd, cs.as_ptr(), dfd, cd.as_ptr(), flags) }))?;
    done2(vm, r, &src, &dst)
}

pub(crate) fn os_symlink(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("symlink", &["src", "dst", "target_is_directory", "dir_fd"], 2, 3), a, kw)?;
    let src = path::path_arg(vm, "symlink", "src", v[0].as_ref(), PATH)?;
    let dst = path::path_arg(vm, "symlink", "dst", v[1].as_ref(), PATH)?;
    let dfd = path::dir_fd(vm, v[3].as_ref())?;
    let (cs, cd) = (c(&src), c(&dst));
    // SAFETY: both paths are NUL-terminated and live across the call.
    let r = blocking(vm, || cvt(unsafe { libc::symlinkat(cs.as_ptr(), dfd, cd.as_ptr()) }))?;
    done2(vm, r, &src, &dst)
}

pub(crate) fn os_readlink(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("readlink", &["path", "dir_fd"], 1, 1), a, kw)?;
    let p = path::path_arg(vm, "readlink", "path", v[0].as_ref(), PATH)?;
    let dir_fd = path::dir_fd(vm, v[1].as_ref())?;
    let cp = c(&p);
    let r = blocking(vm, || {
        let mut buf = vec![0u8; libc::PATH_MAX as usize + 1];
        // SAFETY: `buf` is writable for its length; `cp` is NUL-terminated.
        let n = unsafe { libc::readlinkat(dir_fd, cp.as_ptr(), buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
        cvt(n).map(|n| {
            buf.truncate(n as usize);
            buf
        })
    })?;
    match r {
        Ok(b) => path::name_obj(vm, &b, p.bytes),
        Err(e) => Err(path::path_error(vm, e, &p)),
    }
}

pub(crate) fn os_chdir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "chdir", a, kw, &["path"], 1)?;
    let p = path::path_arg(vm, "chdir", "path", v[0].as_ref(), PATH_FD)?;
    let (fd, cp) = (p.fd, p.c.clone());
    let r = blocking(vm, || match &cp {
        // SAFETY: fchdir takes no memory.
        None => cvt(unsafe { libc::fchdir(fd) }),
        // SAFETY: `c` is NUL-terminated and lives across the call.
        Some(c) => cvt(unsafe { libc::chdir(c.as_ptr()) }),
    })?;
    done(vm, r, &p)
}

pub(crate) fn os_fchdir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fchdir", a, kw, &["fd"], 1)?;
    let fd = path::fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: fchdir takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::fchdir(fd) }))?;
    r.map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

fn getcwd_bytes(vm: &Vm) -> PyResult<Vec<u8>> {
    let r = blocking(vm, || {
        let mut size = 1024usize;
        loop {
            let mut buf = vec![0u8; size];
            // SAFETY: `buf` is writable for `size` bytes.
            let p = unsafe { libc::getcwd(buf.as_mut_ptr() as *mut libc::c_char, size) };
            if !p.is_null() {
                let n = buf.iter().position(|&b| b == 0).unwrap_or(size);
                buf.truncate(n);
                return Ok(buf);
            }
            let e = path::errno();
            if e != libc::ERANGE {
                return Err(e);
            }
            size *= 2;
        }
    })?;
    r.map_err(|e| path::os_error(vm, e, None, None))
}

pub(crate) fn os_getcwd(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getcwd", a, kw)?;
    let b = getcwd_bytes(vm)?;
    path::decode_fs(vm, &b)
}

pub(crate) fn os_getcwdb(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getcwdb", a, kw)?;
    Ok(vm.new_bytes(getcwd_bytes(vm)?))
}

pub(crate) fn os_chmod(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("chmod", &["path", "mode", "dir_fd", "follow_symlinks"], 2, 2), a, kw)?;
    let p = path::path_arg(vm, "chmod", "path", v[0].as_ref(), PATH_FD)?;
    let mode = path::c_int(vm, v[1].as_ref().unwrap_or(&vm.none()))? as libc::mode_t;
    let dir_fd = path::dir_fd(vm, v[2].as_ref())?;
    let follow = path::flag(vm, v[3].as_ref(), true)?;
    path::check_fd_follow(vm, "chmod", &p, follow)?;
    let (fd, cp) = (p.fd, p.c.clone());
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let r = blocking(vm, || match &cp {
        // SAFETY: fchmod takes no memory.
        None => cvt(unsafe { libc::fchmod(fd, mode) }),
        // SAFETY: `c` is NUL-terminated and lives across the call.
        Some(c) => cvt(unsafe { libc::fchmodat(dir_fd, c.as_ptr(), mode, flags) }),
    })?;
    if let Err(libc::EOPNOTSUPP) = r {
        if !follow {
            return Err(vm.not_implemented_error("chmod: follow_symlinks unavailable on this platform"));
        }
    }
    done(vm, r, &p)
}

pub(crate) fn os_fchmod(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fchmod", a, kw, &["fd", "mode"], 2)?;
    let fd = path::fd_arg(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let mode = path::c_int(vm, v[1].as_ref().unwrap_or(&vm.none()))? as libc::mode_t;
    // SAFETY: fchmod takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::fchmod(fd, mode) }))?;
    r.map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

/// A uid or gid argument: -1 means "unchanged" (CPython's `_Py_Uid_Converter`).
pub(crate) fn id_arg(vm: &Vm, o: &Obj, what: &str) -> PyResult<u32> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error(format!("{what} should be integer, not float")));
    }
    let v =
        vm.index_value(o).map_err(|_| vm.type_error(format!("{what} should be integer, not {}", o.class().name())))?;
    match v {
        taipan_vm::api::int::IntValue::Small(-1) => Ok(u32::MAX),
        // (uid_t)-1 written as an unsigned number is accepted too.
        taipan_vm::api::int::IntValue::Small(v) if (0..=u32::MAX as i64).contains(&v) => Ok(v as u32),
        taipan_vm::api::int::IntValue::Small(_) => Err(vm.overflow_error(format!("{what} is less than minimum"))),
        _ => Err(vm.overflow_error(format!("{what} is greater than maximum"))),
    }
}

fn chown_impl(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>, lchown: bool) -> PyResult<Obj> {
    let (names, kwonly): (&[&str], usize) =
        if lchown { (&["path", "uid", "gid"], 3) } else { (&["path", "uid", "gid", "dir_fd", "follow_symlinks"], 3) };
    let v = args::parse_spec(vm, &spec(fname, names, 3, kwonly), a, kw)?;
    let opts = if lchown { PATH } else { PATH_FD };
    let p = path::path_arg(vm, fname, "path", v[0].as_ref(), opts)?;
    let uid = id_arg(vm, v[1].as_ref().unwrap_or(&vm.none()), "uid")?;
    let gid = id_arg(vm, v[2].as_ref().unwrap_or(&vm.none()), "gid")?;
    let dir_fd = if lchown { libc::AT_FDCWD } else { path::dir_fd(vm, v.get(3).and_then(|x| x.as_ref()))? };
    let follow = !lchown && path::flag(vm, v.get(4).and_then(|x| x.as_ref()), true)?;
    if !lchown {
        path::check_fd_follow(vm, fname, &p, follow)?;
    }
    let (fd, cp) = (p.fd, p.c.clone());
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let r = blocking(vm, || match &cp {
        // SAFETY: fchown takes no memory.
        None => cvt(unsafe { libc::fchown(fd, uid, gid) }),
        // SAFETY: `c` is NUL-terminated and lives across the call.
        Some(c) => cvt(unsafe { libc::fchownat(dir_fd, c.as_ptr(), uid, gid, flags) }),
    })?;
    done(vm, r, &p)
}

pub(crate) fn os_chown(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    chown_impl(vm, "chown", a, kw, false)
}

pub(crate) fn os_lchown(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    chown_impl(vm, "lchown", a, kw, true)
}

pub(crate) fn os_fchown(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fchown", a, kw, &["fd", "uid", "gid"], 3)?;
    let fd = path::fd_arg(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let uid = id_arg(vm, v[1].as_ref().unwrap_or(&vm.none()), "uid")?;
    let gid = id_arg(vm, v[2].as_ref().unwrap_or(&vm.none()), "gid")?;
    // SAFETY: fchown takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::fchown(fd, uid, gid) }))?;
    r.map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

pub(crate) fn os_access(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let names = &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"];
    let v = args::parse_spec(vm, &spec("access", names, 2, 2), a, kw)?;
    let p = path::path_arg(vm, "access", "path", v[0].as_ref(), PATH)?;
    let mode = path::c_int(vm, v[1].as_ref().unwrap_or(&vm.none()))?;
    let dir_fd = path::dir_fd(vm, v[2].as_ref())?;
    let effective = path::flag(vm, v[3].as_ref(), false)?;
    let follow = path::flag(vm, v[4].as_ref(), true)?;
    let mut flags = 0;
    if !follow {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    if effective {
        flags |= libc::AT_EACCESS;
    }
    let cp = c(&p);
    // SAFETY: `cp` is NUL-terminated and lives across the call.
    let r = vm.allow_threads(|| unsafe { libc::faccessat(dir_fd, cp.as_ptr(), mode, flags) });
    Ok(vm.bool_obj(r == 0))
}

pub(crate) fn os_truncate(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "truncate", a, kw, &["path", "length"], 2)?;
    let p = path::path_arg(vm, "truncate", "path", v[0].as_ref(), PATH_FD)?;
    let len = vm.to_i64(v[1].as_ref().unwrap_or(&vm.none()))?;
    let (fd, cp) = (p.fd, p.c.clone());
    let r = blocking(vm, || match &cp {
        // SAFETY: ftruncate takes no memory.
        None => cvt(unsafe { libc::ftruncate(fd, len) }),
        // SAFETY: `c` is NUL-terminated and lives across the call.
        Some(c) => cvt(unsafe { libc::truncate(c.as_ptr(), len) }),
    })?;
    done(vm, r, &p)
}

pub(crate) fn os_listdir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "listdir", a, kw, &["path"], 0)?;
    let p = path::path_arg(vm, "listdir", "path", v[0].as_ref(), PathOpts { nullable: true, allow_fd: true })?;
    let dir = super::scandir::open_dir(vm, &p)?;
    let fd = p.fd;
    let r = blocking(vm, move || {
        let mut names = Vec::new();
        loop {
            // SAFETY: resetting errno to tell readdir's end from its errors.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: `dir` is the DIR* opened above, closed only below.
            let ent = unsafe { libc::readdir(dir as *mut libc::DIR) };
            if ent.is_null() {
                let e = path::errno();
                if fd >= 0 {
                    // SAFETY: as above; rewinding keeps the caller's descriptor at the start.
                    unsafe { libc::rewinddir(dir as *mut libc::DIR) };
                }
                // SAFETY: closing the DIR* opened above, once.
                unsafe { libc::closedir(dir as *mut libc::DIR) };
                return if e == 0 { Ok(names) } else { Err(e) };
            }
            // SAFETY: readdir returned a valid dirent with a NUL-terminated name.
            let name = unsafe { std::ffi::CStr::from_ptr((*ent).d_name.as_ptr()) }.to_bytes().to_vec();
            if name != b"." && name != b".." {
                names.push(name);
            }
        }
    });
    let names = match r {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(path::path_error(vm, e, &p)),
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        out.push(path::name_obj(vm, &n, p.bytes)?);
    }
    Ok(vm.new_list(out))
}

pub(crate) fn os_mkfifo(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("mkfifo", &["path", "mode", "dir_fd"], 1, 2), a, kw)?;
    let p = path::path_arg(vm, "mkfifo", "path", v[0].as_ref(), PATH)?;
    let mode = match &v[1] {
        Some(m) => path::c_int(vm, m)?,
        None => 0o666,
    };
    let dir_fd = path::dir_fd(vm, v[2].as_ref())?;
    let cp = c(&p);
    // SAFETY: `cp` is NUL-terminated and lives across the call.
    let r = blocking(vm, || cvt(unsafe { libc::mkfifoat(dir_fd, cp.as_ptr(), mode as libc::mode_t) }))?;
    done(vm, r, &p)
}

/// `utime(path, times=None, *, ns=..., dir_fd=None, follow_symlinks=True)`.
pub(crate) fn os_utime(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("utime", &["path", "times", "ns", "dir_fd", "follow_symlinks"], 1, 2), a, kw)?;
    let p = path::path_arg(vm, "utime", "path", v[0].as_ref(), PATH_FD)?;
    let times = v[1].clone().filter(|t| !vm.is_none(t));
    let dir_fd = path::dir_fd(vm, v[3].as_ref())?;
    let follow = path::flag(vm, v[4].as_ref(), true)?;
    let ts = match (&times, &v[2]) {
        (Some(_), Some(_)) => return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both")),
        (Some(t), None) => Some(utime_times(vm, t)?),
        (None, Some(ns)) => Some(utime_ns(vm, ns)?),
        (None, None) => None,
    };
    check_path_rules(vm, "utime", &p, dir_fd, follow)?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let (fd, cp) = (p.fd, p.c.clone());
    let r = blocking(vm, || {
        let now = libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW };
        let arr = match ts {
            Some((a, m)) => [a, m],
            None => [now, now],
        };
        match &cp {
            // SAFETY: `arr` holds two timespecs.
            None => cvt(unsafe { libc::futimens(fd, arr.as_ptr()) }),
            // SAFETY: `c` is NUL-terminated; `arr` holds two timespecs.
            Some(c) => cvt(unsafe { libc::utimensat(dir_fd, c.as_ptr(), arr.as_ptr(), flags) }),
        }
    })?;
    // CPython names no file in utime's errors.
    r.map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
}

fn pair(vm: &Vm, t: &Obj, msg: &str) -> PyResult<(Obj, Obj)> {
    if !vm.isinstance_type(t, &vm.ctx.types.tuple) || vm.len(t)? != 2 {
        return Err(vm.type_error(msg));
    }
    Ok((vm.getitem(t, &vm.new_int(0))?, vm.getitem(t, &vm.new_int(1))?))
}

/// A time in seconds as a timespec, rounded toward minus infinity as
/// CPython's `_PyTime_ObjectToTimespec(..., _PyTime_ROUND_FLOOR)`.
pub(crate) fn secs_to_timespec(vm: &Vm, o: &Obj) -> PyResult<libc::timespec> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        let f = vm.to_f64(o)?;
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let sec = f.floor();
        let mut nsec = ((f - sec) * 1e9).floor();
        let mut s = sec;
        if nsec >= 1e9 {
            nsec -= 1e9;
            s += 1.0;
        }
        if !(-9.2e18..9.2e18).contains(&s) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(libc::timespec { tv_sec: s as i64, tv_nsec: nsec as i64 });
    }
    let s = vm.to_i64(o)?;
    Ok(libc::timespec { tv_sec: s, tv_nsec: 0 })
}

fn utime_times(vm: &Vm, t: &Obj) -> PyResult<(libc::timespec, libc::timespec)> {
    let (a, m) = pair(vm, t, "utime: 'times' must be either a tuple of two ints or None")?;
    Ok((secs_to_timespec(vm, &a)?, secs_to_timespec(vm, &m)?))
}

fn ns_to_timespec(vm: &Vm, o: &Obj) -> PyResult<libc::timespec> {
    let billion = vm.new_int(1_000_000_000);
    let qr = vm.divmod(o, &billion)?;
    let q = vm.to_i64(&vm.getitem(&qr, &vm.new_int(0))?)?;
    let r = vm.to_i64(&vm.getitem(&qr, &vm.new_int(1))?)?;
    Ok(libc::timespec { tv_sec: q, tv_nsec: r })
}

fn utime_ns(vm: &Vm, ns: &Obj) -> PyResult<(libc::timespec, libc::timespec)> {
    let (a, m) = pair(vm, ns, "utime: 'ns' must be a tuple of two ints")?;
    Ok((ns_to_timespec(vm, &a)?, ns_to_timespec(vm, &m)?))
}
