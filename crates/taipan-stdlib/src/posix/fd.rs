//! Calls on file descriptors: open, read, write, close, dup, pipe, the
//! inheritable and blocking flags, and `urandom`.

use taipan_vm::api::{args, buffer, Obj, PyResult, Vm};

use super::path::{self, blocking, cvt, PATH};

fn none_or_err(vm: &Vm, r: Result<i32, i32>) -> PyResult<Obj> {
    r.map(|_| vm.none()).map_err(|e| path::os_error(vm, e, None, None))
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

fn fd_of(vm: &Vm, o: &Obj) -> PyResult<i32> {
    path::fd_arg(vm, o)
}

pub(crate) fn os_open(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "open",
        names: &["path", "flags", "mode", "dir_fd"],
        posonly: 0,
        required: 2,
        kwonly_from: 3,
    };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let p = path::path_arg(vm, "open", "path", v[0].as_ref(), PATH)?;
    let flags = path::c_int(vm, v[1].as_ref().unwrap_or(&vm.none()))? | libc::O_CLOEXEC;
    let mode = match &v[2] {
        Some(m) => path::c_int(vm, m)?,
        None => 0o777,
    };
    let dir_fd = path::dir_fd(vm, v[3].as_ref())?;
    let cp = p.c.clone().unwrap_or_default();
    // SAFETY: `cp` is NUL-terminated and lives across the call.
    let r = blocking(vm, || cvt(unsafe { libc::openat(dir_fd, cp.as_ptr(), flags, mode as libc::c_uint) }))?;
    match r {
        Ok(fd) => Ok(vm.new_int(fd as i64)),
        Err(e) => Err(path::path_error(vm, e, &p)),
    }
}

pub(crate) fn os_close(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "close", a, kw, &["fd"], 1)?;
    let fd = fd_of(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: close takes no memory; EINTR is not retried (the descriptor is gone).
    let r = vm.allow_threads(|| cvt(unsafe { libc::close(fd) }));
    none_or_err(vm, r)
}

pub(crate) fn os_closerange(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [lo, hi] = posonly::<2>(vm, "closerange", a, kw)?;
    let lo = fd_of(vm, &lo)?.max(0);
    let hi = fd_of(vm, &hi)?;
    vm.allow_threads(|| {
        for fd in lo..hi {
            // SAFETY: close takes no memory; errors are ignored as CPython does.
            unsafe { libc::close(fd) };
        }
    });
    Ok(vm.none())
}

pub(crate) fn os_dup(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "dup", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) takes no memory.
    let r = cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) });
    r.map(|n| vm.new_int(n as i64)).map_err(|e| path::os_error(vm, e, None, None))
}

pub(crate) fn os_dup2(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "dup2", a, kw, &["fd", "fd2", "inheritable"], 2)?;
    let fd = fd_of(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let fd2 = fd_of(vm, v[1].as_ref().unwrap_or(&vm.none()))?;
    let inheritable = path::flag(vm, v[2].as_ref(), true)?;
    let flags = if inheritable { 0 } else { libc::O_CLOEXEC };
    let r = if fd == fd2 {
        // dup3 refuses equal descriptors; dup2 checks the descriptor.
        // SAFETY: dup2 takes no memory.
        cvt(unsafe { libc::dup2(fd, fd2) })
    } else {
        // SAFETY: dup3 takes no memory.
        cvt(unsafe { libc::dup3(fd, fd2, flags) })
    };
    r.map(|n| vm.new_int(n as i64)).map_err(|e| path::os_error(vm, e, None, None))
}

pub(crate) fn os_read(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, n] = posonly::<2>(vm, "read", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let n = vm.index_to_isize(&n)?;
    if n < 0 {
        return Err(path::os_error(vm, libc::EINVAL, None, None));
    }
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n as usize).is_err() {
        return Err(vm.memory_error());
    }
    buf.resize(n as usize, 0);
    let ptr = buf.as_mut_ptr() as usize;
    let len = buf.len();
    // SAFETY: `ptr..ptr+len` is `buf`, writable and alive across the call.
    let r = blocking(vm, || cvt(unsafe { libc::read(fd, ptr as *mut libc::c_void, len) }))?;
    match r {
        Ok(got) => {
            buf.truncate(got as usize);
            Ok(vm.new_bytes(buf))
        }
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

pub(crate) fn os_write(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, data] = posonly::<2>(vm, "write", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    // A copy: signal handlers run on EINTR may change a bytearray.
    let b = buffer::with_bytes(vm, &data, |b| b.to_vec())?;
    let (ptr, len) = (b.as_ptr() as usize, b.len());
    // SAFETY: `ptr..ptr+len` is `b`, alive across the call.
    let r = blocking(vm, || cvt(unsafe { libc::write(fd, ptr as *const libc::c_void, len) }))?;
    match r {
        Ok(n) => Ok(vm.new_int(n as i64)),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

pub(crate) fn os_pread(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, n, off] = posonly::<3>(vm, "pread", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let n = vm.index_to_isize(&n)?;
    let off = vm.to_i64(&off)?;
    if n < 0 {
        return Err(path::os_error(vm, libc::EINVAL, None, None));
    }
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n as usize).is_err() {
        return Err(vm.memory_error());
    }
    buf.resize(n as usize, 0);
    let (ptr, len) = (buf.as_mut_ptr() as usize, buf.len());
    // SAFETY: `ptr..ptr+len` is `buf`, writable and alive across the call.
    let r = blocking(vm, || cvt(unsafe { libc::pread(fd, ptr as *mut libc::c_void, len, off) }))?;
    match r {
        Ok(got) => {
            buf.truncate(got as usize);
            Ok(vm.new_bytes(buf))
        }
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

pub(crate) fn os_pwrite(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, data, off] = posonly::<3>(vm, "pwrite", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let off = vm.to_i64(&off)?;
    // A copy: signal handlers run on EINTR may change a bytearray.
    let b = buffer::with_bytes(vm, &data, |b| b.to_vec())?;
    let (ptr, len) = (b.as_ptr() as usize, b.len());
    // SAFETY: `ptr..ptr+len` is `b`, alive across the call.
    let r = blocking(vm, || cvt(unsafe { libc::pwrite(fd, ptr as *const libc::c_void, len, off) }))?;
    match r {
        Ok(n) => Ok(vm.new_int(n as i64)),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

pub(crate) fn os_lseek(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, pos, how] = posonly::<3>(vm, "lseek", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let pos = vm.to_i64(&pos)?;
    let how = path::c_int(vm, &how)?;
    // SAFETY: lseek takes no memory.
    let r = vm.allow_threads(|| cvt(unsafe { libc::lseek(fd, pos, how) }));
    r.map(|n| vm.new_int(n)).map_err(|e| path::os_error(vm, e, None, None))
}

pub(crate) fn os_ftruncate(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, len] = posonly::<2>(vm, "ftruncate", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let len = vm.to_i64(&len)?;
    // SAFETY: ftruncate takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::ftruncate(fd, len) }))?;
    none_or_err(vm, r)
}

pub(crate) fn os_fsync(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fsync", a, kw, &["fd"], 1)?;
    let fd = path::fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: fsync takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::fsync(fd) }))?;
    none_or_err(vm, r)
}

pub(crate) fn os_fdatasync(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fdatasync", a, kw, &["fd"], 1)?;
    let fd = path::fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: fdatasync takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::fdatasync(fd) }))?;
    none_or_err(vm, r)
}

fn pipe_with(vm: &Vm, flags: i32) -> PyResult<Obj> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors.
    let r = cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) });
    match r {
        Ok(_) => Ok(vm.new_tuple(vec![vm.new_int(fds[0] as i64), vm.new_int(fds[1] as i64)])),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

pub(crate) fn os_pipe(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "pipe", a, kw)?;
    pipe_with(vm, libc::O_CLOEXEC)
}

pub(crate) fn os_pipe2(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [flags] = posonly::<1>(vm, "pipe2", a, kw)?;
    let flags = path::c_int(vm, &flags)?;
    pipe_with(vm, flags)
}

fn fd_flags(vm: &Vm, fd: i32, get: i32) -> PyResult<i32> {
    // SAFETY: fcntl with a get command takes no memory.
    cvt(unsafe { libc::fcntl(fd, get) }).map_err(|e| path::os_error(vm, e, None, None))
}

fn set_fd_flag(vm: &Vm, fd: i32, get: i32, set: i32, bit: i32, on: bool) -> PyResult<()> {
    let old = fd_flags(vm, fd, get)?;
    let new = if on { old | bit } else { old & !bit };
    if new != old {
        // SAFETY: fcntl with a set command takes no memory.
        cvt(unsafe { libc::fcntl(fd, set, new) }).map_err(|e| path::os_error(vm, e, None, None))?;
    }
    Ok(())
}

pub(crate) fn os_get_inheritable(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "get_inheritable", a, kw)?;
    let f = fd_flags(vm, fd_of(vm, &fd)?, libc::F_GETFD)?;
    Ok(vm.bool_obj(f & libc::FD_CLOEXEC == 0))
}

pub(crate) fn os_set_inheritable(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, on] = posonly::<2>(vm, "set_inheritable", a, kw)?;
    let on = vm.is_true(&on)?;
    set_fd_flag(vm, fd_of(vm, &fd)?, libc::F_GETFD, libc::F_SETFD, libc::FD_CLOEXEC, !on)?;
    Ok(vm.none())
}

pub(crate) fn os_get_blocking(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "get_blocking", a, kw)?;
    let f = fd_flags(vm, fd_of(vm, &fd)?, libc::F_GETFL)?;
    Ok(vm.bool_obj(f & libc::O_NONBLOCK == 0))
}

pub(crate) fn os_set_blocking(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, on] = posonly::<2>(vm, "set_blocking", a, kw)?;
    let on = vm.is_true(&on)?;
    set_fd_flag(vm, fd_of(vm, &fd)?, libc::F_GETFL, libc::F_SETFL, libc::O_NONBLOCK, !on)?;
    Ok(vm.none())
}

pub(crate) fn os_isatty(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "isatty", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    // SAFETY: isatty takes no memory.
    Ok(vm.bool_obj(unsafe { libc::isatty(fd) } == 1))
}

pub(crate) fn os_ttyname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "ttyname", a, kw)?;
    let fd = fd_of(vm, &fd)?;
    let mut buf = vec![0u8; 256];
    // SAFETY: `buf` is writable for its length.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
    if r != 0 {
        return Err(path::os_error(vm, r, None, None));
    }
    let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    path::decode_fs(vm, &buf[..n])
}

pub(crate) fn os_device_encoding(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "device_encoding", a, kw, &["fd"], 1)?;
    let fd = fd_of(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: isatty takes no memory.
    if unsafe { libc::isatty(fd) } == 1 {
        return Ok(vm.new_str("utf-8"));
    }
    Ok(vm.none())
}

pub(crate) fn os_umask(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [mask] = posonly::<1>(vm, "umask", a, kw)?;
    let mask = path::c_int(vm, &mask)?;
    // SAFETY: umask takes no memory.
    let old = unsafe { libc::umask(mask as libc::mode_t) };
    Ok(vm.new_int(old as i64))
}

pub(crate) fn os_urandom(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [size] = posonly::<1>(vm, "urandom", a, kw)?;
    let n = vm.index_to_isize(&size)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n as usize).is_err() {
        return Err(vm.memory_error());
    }
    buf.resize(n as usize, 0);
    let mut filled = 0usize;
    while filled < buf.len() {
        let (ptr, len) = (buf[filled..].as_mut_ptr() as usize, buf.len() - filled);
        // SAFETY: `ptr..ptr+len` is the unfilled tail of `buf`.
        let r = blocking(vm, || cvt(unsafe { libc::getrandom(ptr as *mut libc::c_void, len, 0) }))?;
        match r {
            Ok(k) => filled += k as usize,
            Err(e) => return Err(path::os_error(vm, e, None, None)),
        }
    }
    Ok(vm.new_bytes(buf))
}
