//! More calls on descriptors: vectored I/O (`readv`, `writev`, `preadv`,
//! `pwritev`), `posix_fallocate`/`posix_fadvise`, `lockf`, `eventfd`,
//! `memfd_create`, `getrandom`, terminals (`openpty`, `login_tty`,
//! `forkpty`, `tcgetpgrp`, `tcsetpgrp`, `ctermid`), `chroot` and `mknod`.

use std::ffi::CString;

use taipan_vm::api::{args, buffer, bytes, int, list, tuple, Obj, PyErr, PyResult, Vm};

use super::path::{self, blocking, cvt, PATH};

fn os_err(vm: &Vm, e: i32) -> PyErr {
    path::os_error(vm, e, None, None)
}

fn posonly<const N: usize>(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<[Obj; N]> {
    args::exact::<N>(vm, fname, a, kw)
}

fn none_or_err(vm: &Vm, r: Result<libc::c_int, i32>) -> PyResult<Obj> {
    r.map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

/// The error-number convention of posix_fallocate/posix_fadvise.
fn errno_result(r: libc::c_int) -> Result<libc::c_int, i32> {
    if r == 0 {
        Ok(0)
    } else {
        Err(r)
    }
}

fn ssize(r: isize) -> Result<usize, i32> {
    if r < 0 {
        Err(path::errno())
    } else {
        Ok(r as usize)
    }
}

fn buffers_arg(vm: &Vm, fname: &str, o: &Obj) -> PyResult<Vec<Obj>> {
    if !list::is_list(o)
        && !vm.isinstance_type(o, &vm.ctx.types.tuple)
        && vm.getattr_str_opt(o, "__getitem__")?.is_none()
    {
        return Err(vm.type_error(format!("{fname}() arg 2 must be a sequence")));
    }
    if vm.isinstance_type(o, &vm.ctx.types.tuple) {
        return Ok(tuple::items(o).to_vec());
    }
    vm.to_vec(o)
}

/// The writable buffers' lengths (CPython's `iov_setup` with PyBUF_WRITABLE).
fn writable_lengths(vm: &Vm, bufs: &[Obj]) -> PyResult<Vec<usize>> {
    let mut lens = Vec::with_capacity(bufs.len());
    for b in bufs {
        if bytes::as_bytes_ref(b).is_some() {
            return Err(vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "Object is not writable."));
        }
        let n = buffer::with_writable(vm, b, "readv() buffer", |s| s.len()).map_err(|e| {
            if buffer::is_bytes_like(b) {
                vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "memoryview: underlying buffer is not writable")
            } else {
                let _ = e;
                vm.type_error(format!("a bytes-like object is required, not '{}'", b.class().name()))
            }
        })?;
        lens.push(n);
    }
    Ok(lens)
}

/// Copy what a scatter read got into the caller's buffers.
fn scatter(vm: &Vm, bufs: &[Obj], data: &[u8]) -> PyResult<()> {
    let mut rest = data;
    for b in bufs {
        if rest.is_empty() {
            break;
        }
        let n = buffer::with_writable(vm, b, "buffer", |s| {
            let n = s.len().min(rest.len());
            s[..n].copy_from_slice(&rest[..n]);
            n
        })?;
        rest = &rest[n..];
    }
    Ok(())
}

fn gather(vm: &Vm, bufs: &[Obj]) -> PyResult<Vec<Vec<u8>>> {
    bufs.iter().map(|b| buffer::with_bytes(vm, b, |s| s.to_vec())).collect()
}

fn iovecs_mut(chunks: &mut [Vec<u8>]) -> Vec<libc::iovec> {
    chunks.iter_mut().map(|c| libc::iovec { iov_base: c.as_mut_ptr() as *mut libc::c_void, iov_len: c.len() }).collect()
}

/// A scatter read of `lens` bytes, at `offset` when given.
fn read_vectored(vm: &Vm, fd: i32, lens: &[usize], offset: Option<(i64, i32)>) -> PyResult<Vec<u8>> {
    let total: usize = lens.iter().sum();
    let r = blocking(vm, || {
        let mut chunks: Vec<Vec<u8>> = lens.iter().map(|&n| vec![0u8; n]).collect();
        let iov = iovecs_mut(&mut chunks);
        // SAFETY: each iovec points into a live, writable chunk.
        let n = unsafe {
            match offset {
                None => libc::readv(fd, iov.as_ptr(), iov.len() as libc::c_int),
                Some((off, flags)) => libc::preadv2(fd, iov.as_ptr(), iov.len() as libc::c_int, off, flags),
            }
        };
        ssize(n).map(|n| (n, chunks))
    })?;
    let (n, chunks) = r.map_err(|e| os_err(vm, e))?;
    let mut data: Vec<u8> = Vec::with_capacity(total);
    for c in chunks {
        data.extend_from_slice(&c);
    }
    data.truncate(n);
    Ok(data)
}

fn write_vectored(vm: &Vm, fd: i32, chunks: &[Vec<u8>], offset: Option<(i64, i32)>) -> PyResult<Obj> {
    let r = blocking(vm, || {
        let iov: Vec<libc::iovec> = chunks
            .iter()
            .map(|c| libc::iovec { iov_base: c.as_ptr() as *mut libc::c_void, iov_len: c.len() })
            .collect();
        // SAFETY: each iovec points into a live chunk the call only reads.
        let n = unsafe {
            match offset {
                None => libc::writev(fd, iov.as_ptr(), iov.len() as libc::c_int),
                Some((off, flags)) => libc::pwritev2(fd, iov.as_ptr(), iov.len() as libc::c_int, off, flags),
            }
        };
        ssize(n)
    })?;
    r.map(|n| vm.new_usize(n)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_readv(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, bufs] = posonly::<2>(vm, "readv", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let bufs = buffers_arg(vm, "readv", &bufs)?;
    let lens = writable_lengths(vm, &bufs)?;
    let data = read_vectored(vm, fd, &lens, None)?;
    scatter(vm, &bufs, &data)?;
    Ok(vm.new_usize(data.len()))
}

pub(crate) fn os_writev(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, bufs] = posonly::<2>(vm, "writev", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let bufs = buffers_arg(vm, "writev", &bufs)?;
    let chunks = gather(vm, &bufs)?;
    write_vectored(vm, fd, &chunks, None)
}

fn positional_range(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>, min: usize, max: usize) -> PyResult<()> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() < min || a.len() > max {
        let which = if a.len() < min { format!("at least {min}") } else { format!("at most {max}") };
        return Err(vm.type_error(format!("{fname} expected {which} arguments, got {}", a.len())));
    }
    Ok(())
}

pub(crate) fn os_preadv(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    positional_range(vm, "preadv", a, kw, 3, 4)?;
    let fd = path::fd_arg(vm, &a[0])?;
    let bufs = buffers_arg(vm, "preadv", &a[1])?;
    let offset = vm.to_i64(&a[2])?;
    let flags = a.get(3).map(|f| path::c_int(vm, f)).transpose()?.unwrap_or(0);
    let lens = writable_lengths(vm, &bufs)?;
    let data = read_vectored(vm, fd, &lens, Some((offset, flags)))?;
    scatter(vm, &bufs, &data)?;
    Ok(vm.new_usize(data.len()))
}

pub(crate) fn os_pwritev(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    positional_range(vm, "pwritev", a, kw, 3, 4)?;
    let fd = path::fd_arg(vm, &a[0])?;
    let bufs = buffers_arg(vm, "pwritev", &a[1])?;
    let offset = vm.to_i64(&a[2])?;
    let flags = a.get(3).map(|f| path::c_int(vm, f)).transpose()?.unwrap_or(0);
    let chunks = gather(vm, &bufs)?;
    write_vectored(vm, fd, &chunks, Some((offset, flags)))
}

pub(crate) fn os_posix_fallocate(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, off, len] = posonly::<3>(vm, "posix_fallocate", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let (off, len) = (vm.to_i64(&off)?, vm.to_i64(&len)?);
    // SAFETY: posix_fallocate takes no memory.
    let r = blocking(vm, || errno_result(unsafe { libc::posix_fallocate(fd, off, len) }))?;
    none_or_err(vm, r)
}

pub(crate) fn os_posix_fadvise(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, off, len, advice] = posonly::<4>(vm, "posix_fadvise", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let (off, len) = (vm.to_i64(&off)?, vm.to_i64(&len)?);
    let advice = path::c_int(vm, &advice)?;
    // SAFETY: posix_fadvise takes no memory.
    let r = blocking(vm, || errno_result(unsafe { libc::posix_fadvise(fd, off, len, advice) }))?;
    none_or_err(vm, r)
}

pub(crate) fn os_lockf(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, cmd, len] = posonly::<3>(vm, "lockf", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let cmd = path::c_int(vm, &cmd)?;
    let len = vm.to_i64(&len)?;
    // SAFETY: lockf takes no memory.
    let r = blocking(vm, || cvt(unsafe { libc::lockf(fd, cmd, len) }))?;
    none_or_err(vm, r)
}

/// An unsigned 64-bit argument (`unsigned long long`, `dev_t`).
fn u64_arg(vm: &Vm, o: &Obj) -> PyResult<u64> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) if v >= 0 => Ok(v as u64),
        int::IntValue::Small(_) => Err(vm.overflow_error("can't convert negative int to unsigned")),
        int::IntValue::Big(b) => u64::try_from(&*b).map_err(|_| vm.overflow_error("int too big to convert")),
    }
}

/// An `unsigned int` argument (`_PyLong_UnsignedInt_Converter`).
fn c_uint(vm: &Vm, o: &Obj) -> PyResult<u32> {
    match int::value(o) {
        None => Err(vm.type_error("an integer is required")),
        Some(int::IntValue::Small(v)) if *v < 0 => Err(vm.value_error("value must be positive")),
        Some(int::IntValue::Small(v)) if *v <= u32::MAX as i64 => Ok(*v as u32),
        Some(_) => Err(vm.overflow_error("Python int too large for C unsigned int")),
    }
}

pub(crate) fn os_eventfd(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "eventfd", a, kw, &["initval", "flags"], 1)?;
    let init = c_uint(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let flags = v[1].as_ref().map(|f| path::c_int(vm, f)).transpose()?.unwrap_or(libc::EFD_CLOEXEC);
    // SAFETY: eventfd takes no memory.
    cvt(unsafe { libc::eventfd(init, flags) }).map(|fd| vm.new_int(fd as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_eventfd_read(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "eventfd_read", a, kw, &["fd"], 1)?;
    let fd = path::fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let r = blocking(vm, || {
        let mut value: u64 = 0;
        // SAFETY: `value` is writable for 8 bytes.
        let n = unsafe { libc::read(fd, &mut value as *mut u64 as *mut libc::c_void, 8) };
        ssize(n).map(|_| value)
    })?;
    r.map(|v| crate::posix::u64_obj(vm, v)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_eventfd_write(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "eventfd_write", a, kw, &["fd", "value"], 2)?;
    let none = vm.none();
    let fd = path::fildes(vm, v[0].as_ref().unwrap_or(&none))?;
    let value = u64_arg(vm, v[1].as_ref().unwrap_or(&none))?;
    let r = blocking(vm, || {
        // SAFETY: `value` is readable for 8 bytes.
        let n = unsafe { libc::write(fd, &value as *const u64 as *const libc::c_void, 8) };
        ssize(n)
    })?;
    r.map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_memfd_create(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "memfd_create", a, kw, &["name", "flags"], 1)?;
    let name = CString::new(path::fs_converter(vm, v[0].as_ref().unwrap_or(&vm.none()))?)
        .map_err(|_| vm.value_error("embedded null byte"))?;
    let flags = v[1].as_ref().map(|f| c_uint(vm, f)).transpose()?.unwrap_or(libc::MFD_CLOEXEC);
    // SAFETY: `name` is NUL-terminated.
    cvt(unsafe { libc::memfd_create(name.as_ptr(), flags) }).map(|fd| vm.new_int(fd as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_getrandom(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "getrandom", a, kw, &["size", "flags"], 1)?;
    let size = vm.to_i64(v[0].as_ref().unwrap_or(&vm.none()))?;
    let flags = v[1].as_ref().map(|f| path::c_int(vm, f)).transpose()?.unwrap_or(0);
    if size < 0 {
        return Err(os_err(vm, libc::EINVAL));
    }
    let size = size as usize;
    let mut buf = Vec::new();
    buf.try_reserve_exact(size).map_err(|_| vm.memory_error())?;
    buf.resize(size, 0u8);
    // The call runs without the GIL and may be retried, so the buffer sits
    // behind a lock the closure can take.
    let cell = std::sync::Mutex::new(buf);
    let r = blocking(vm, || {
        let mut b = cell.lock().map_err(|_| libc::EINVAL)?;
        // SAFETY: `b` is writable for `size` bytes.
        let n = unsafe { libc::getrandom(b.as_mut_ptr() as *mut libc::c_void, size, flags as libc::c_uint) };
        ssize(n)
    })?;
    let n = r.map_err(|e| os_err(vm, e))?;
    let mut b = cell.into_inner().unwrap_or_default();
    b.truncate(n);
    Ok(vm.new_bytes(b))
}

pub(crate) fn os_tcgetpgrp(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "tcgetpgrp", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    // SAFETY: tcgetpgrp takes no memory.
    cvt(unsafe { libc::tcgetpgrp(fd) }).map(|p| vm.new_int(p as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_tcsetpgrp(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, pgid] = posonly::<2>(vm, "tcsetpgrp", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let pgid = path::c_int(vm, &pgid)?;
    // SAFETY: tcsetpgrp takes no memory.
    none_or_err(vm, cvt(unsafe { libc::tcsetpgrp(fd, pgid) }))
}

pub(crate) fn os_ctermid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "ctermid", a, kw)?;
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: `buf` has room for L_ctermid (9) bytes.
    let p = unsafe { libc::ctermid(buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(os_err(vm, path::errno()));
    }
    let s: Vec<u8> = buf.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    path::decode_fs(vm, &s)
}

pub(crate) fn os_chroot(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "chroot", a, kw, &["path"], 1)?;
    let p = path::path_arg(vm, "chroot", "path", v[0].as_ref(), PATH)?;
    let c = p.c.clone().unwrap_or_default();
    // SAFETY: `c` is NUL-terminated.
    let r = blocking(vm, || cvt(unsafe { libc::chroot(c.as_ptr()) }))?;
    r.map(|_| vm.none()).map_err(|e| path::path_error(vm, e, &p))
}

pub(crate) fn os_mknod(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "mknod",
        names: &["path", "mode", "device", "dir_fd"],
        posonly: 0,
        required: 1,
        kwonly_from: 3,
    };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let p = path::path_arg(vm, "mknod", "path", v[0].as_ref(), PATH)?;
    let mode = v[1].as_ref().map(|m| path::c_int(vm, m)).transpose()?.unwrap_or(0o600);
    let dev = v[2].as_ref().map(|d| u64_arg(vm, d)).transpose()?.unwrap_or(0);
    let dir_fd = path::dir_fd(vm, v[3].as_ref())?;
    let c = p.c.clone().unwrap_or_default();
    // SAFETY: `c` is NUL-terminated.
    let r = blocking(vm, || cvt(unsafe { libc::mknodat(dir_fd, c.as_ptr(), mode as libc::mode_t, dev) }))?;
    // CPython reports this one without the file name.
    none_or_err(vm, r)
}

fn non_inheritable(vm: &Vm, fd: i32) -> PyResult<()> {
    // SAFETY: fcntl on a descriptor takes no memory.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFD) }).map_err(|e| os_err(vm, e))?;
    // SAFETY: as above.
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC) }).map_err(|e| os_err(vm, e))?;
    Ok(())
}

pub(crate) fn os_openpty(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "openpty", a, kw)?;
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: the two descriptors are writable; the optional arguments are NULL.
    let r = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    cvt(r).map_err(|e| os_err(vm, e))?;
    non_inheritable(vm, master)?;
    non_inheritable(vm, slave)?;
    Ok(vm.new_tuple(vec![vm.new_int(master as i64), vm.new_int(slave as i64)]))
}

pub(crate) fn os_login_tty(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = posonly::<1>(vm, "login_tty", a, kw)?;
    let fd = path::fildes(vm, &fd)?;
    // SAFETY: login_tty takes no memory.
    none_or_err(vm, cvt(unsafe { libc::login_tty(fd) }))
}

pub(crate) fn os_forkpty(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    use super::process::{run_at_fork, AtFork};
    args::exact::<0>(vm, "forkpty", a, kw)?;
    run_at_fork(vm, AtFork::Before);
    let mut master = -1;
    // SAFETY: `master` is writable; the optional arguments are NULL. We
    // hold the GIL and the child reinitialises the thread bookkeeping.
    let pid = unsafe { libc::forkpty(&mut master, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    if pid < 0 {
        let e = path::errno();
        run_at_fork(vm, AtFork::Parent);
        return Err(os_err(vm, e));
    }
    if pid == 0 {
        taipan_vm::api::thread::after_fork_child(vm);
    }
    run_at_fork(vm, if pid == 0 { AtFork::Child } else { AtFork::Parent });
    Ok(vm.new_tuple(vec![vm.new_int(pid as i64), vm.new_int(master as i64)]))
}
