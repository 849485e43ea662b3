//! Extended attributes (Linux): `getxattr`, `setxattr`, `removexattr`,
//! `listxattr`, on a path (following symlinks or not) or a descriptor.

use std::ffi::CString;

use taipan_vm::api::{args, buffer, Obj, PyResult, Vm};

use super::path::{self, blocking, PathArg, PathOpts, PATH, PATH_FD};

/// CPython's XATTR_SIZE_MAX and XATTR_LIST_MAX (linux/limits.h).
const XATTR_SIZE_MAX: usize = 65536;
const XATTR_LIST_MAX: usize = 65536;

fn spec<'a>(fname: &'a str, names: &'a [&'a str], required: usize, kwonly_from: usize) -> args::ArgSpec<'a> {
    args::ArgSpec { fname, names, posonly: 0, required, kwonly_from }
}

/// The target and `follow_symlinks`, with CPython's fd check.
fn target(vm: &Vm, fname: &str, o: Option<&Obj>, opts: PathOpts, follow: Option<&Obj>) -> PyResult<(PathArg, bool)> {
    let p = path::path_arg(vm, fname, "path", o, opts)?;
    let follow = path::flag(vm, follow, true)?;
    path::check_fd_follow(vm, fname, &p, follow)?;
    Ok((p, follow))
}

fn attribute(vm: &Vm, fname: &str, o: Option<&Obj>) -> PyResult<CString> {
    let a = path::path_arg(vm, fname, "attribute", o, PATH)?;
    Ok(a.c.unwrap_or_default())
}

/// Run a size-probing xattr call with the buffer sizes CPython tries,
/// growing on ERANGE; `call(buf)` returns the length or the errno.
fn with_growing_buffer(
    vm: &Vm,
    p: &PathArg,
    sizes: &[usize],
    call: impl Fn(&mut [u8]) -> Result<usize, i32> + Sync,
) -> PyResult<Vec<u8>> {
    for &size in sizes {
        // At most 64 KiB: an ordinary allocation.
        let r = blocking(vm, || {
            let mut b = vec![0u8; size];
            call(&mut b).map(|n| (n, b))
        })?;
        match r {
            Ok((n, mut b)) => {
                b.truncate(n);
                return Ok(b);
            }
            Err(libc::ERANGE) => continue,
            Err(e) => return Err(path::path_error(vm, e, p)),
        }
    }
    Err(path::path_error(vm, libc::ERANGE, p))
}

fn len_or_errno(r: isize) -> Result<usize, i32> {
    if r < 0 {
        Err(path::errno())
    } else {
        Ok(r as usize)
    }
}

pub(crate) fn os_getxattr(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("getxattr", &["path", "attribute", "follow_symlinks"], 2, 2), a, kw)?;
    let (p, follow) = target(vm, "getxattr", v[0].as_ref(), PATH_FD, v[2].as_ref())?;
    let attr = attribute(vm, "getxattr", v[1].as_ref())?;
    let (fd, c) = (p.fd, p.c.clone());
    let value = with_growing_buffer(vm, &p, &[128, XATTR_SIZE_MAX], |buf| {
        let (ptr, len) = (buf.as_mut_ptr() as *mut libc::c_void, buf.len());
        // SAFETY: `buf` is writable for `len` bytes; the names are NUL-terminated.
        let r = unsafe {
            match &c {
                None => libc::fgetxattr(fd, attr.as_ptr(), ptr, len),
                Some(c) if follow => libc::getxattr(c.as_ptr(), attr.as_ptr(), ptr, len),
                Some(c) => libc::lgetxattr(c.as_ptr(), attr.as_ptr(), ptr, len),
            }
        };
        len_or_errno(r)
    })?;
    Ok(vm.new_bytes(value))
}

pub(crate) fn os_setxattr(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let names = &["path", "attribute", "value", "flags", "follow_symlinks"];
    let v = args::parse_spec(vm, &spec("setxattr", names, 3, 4), a, kw)?;
    let (p, follow) = target(vm, "setxattr", v[0].as_ref(), PATH_FD, v[4].as_ref())?;
    let attr = attribute(vm, "setxattr", v[1].as_ref())?;
    let value = buffer::with_bytes(vm, v[2].as_ref().unwrap_or(&vm.none()), |b| b.to_vec())?;
    let flags = match &v[3] {
        Some(f) => path::c_int(vm, f)?,
        None => 0,
    };
    let (fd, c) = (p.fd, p.c.clone());
    let r = blocking(vm, || {
        let (ptr, len) = (value.as_ptr() as *const libc::c_void, value.len());
        // SAFETY: `value` is readable for `len` bytes; the names are NUL-terminated.
        let r = unsafe {
            match &c {
                None => libc::fsetxattr(fd, attr.as_ptr(), ptr, len, flags),
                Some(c) if follow => libc::setxattr(c.as_ptr(), attr.as_ptr(), ptr, len, flags),
                Some(c) => libc::lsetxattr(c.as_ptr(), attr.as_ptr(), ptr, len, flags),
            }
        };
        path::cvt(r)
    })?;
    r.map(|_| vm.none()).map_err(|e| path::path_error(vm, e, &p))
}

pub(crate) fn os_removexattr(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("removexattr", &["path", "attribute", "follow_symlinks"], 2, 2), a, kw)?;
    let (p, follow) = target(vm, "removexattr", v[0].as_ref(), PATH_FD, v[2].as_ref())?;
    let attr = attribute(vm, "removexattr", v[1].as_ref())?;
    let (fd, c) = (p.fd, p.c.clone());
    let r = blocking(vm, || {
        // SAFETY: the names are NUL-terminated.
        let r = unsafe {
            match &c {
                None => libc::fremovexattr(fd, attr.as_ptr()),
                Some(c) if follow => libc::removexattr(c.as_ptr(), attr.as_ptr()),
                Some(c) => libc::lremovexattr(c.as_ptr(), attr.as_ptr()),
            }
        };
        path::cvt(r)
    })?;
    r.map(|_| vm.none()).map_err(|e| path::path_error(vm, e, &p))
}

pub(crate) fn os_listxattr(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse_spec(vm, &spec("listxattr", &["path", "follow_symlinks"], 0, 1), a, kw)?;
    let opts = PathOpts { nullable: true, allow_fd: true };
    let (p, follow) = target(vm, "listxattr", v[0].as_ref(), opts, v[1].as_ref())?;
    let (fd, c) = (p.fd, p.c.clone());
    let raw = with_growing_buffer(vm, &p, &[256, XATTR_LIST_MAX], |buf| {
        let (ptr, len) = (buf.as_mut_ptr() as *mut libc::c_char, buf.len());
        // SAFETY: `buf` is writable for `len` bytes; the path is NUL-terminated.
        let r = unsafe {
            match &c {
                None => libc::flistxattr(fd, ptr, len),
                Some(c) if follow => libc::listxattr(c.as_ptr(), ptr, len),
                Some(c) => libc::llistxattr(c.as_ptr(), ptr, len),
            }
        };
        len_or_errno(r)
    })?;
    let mut names = Vec::new();
    for name in raw.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        names.push(path::decode_fs(vm, name)?);
    }
    Ok(vm.new_list(names))
}
