//! Copies between descriptors done by the kernel: `sendfile`,
//! `copy_file_range` and `splice` (Linux).

use taipan_vm::api::{args, Obj, PyResult, Vm};

use super::path::{self, blocking};

fn arg(vm: &Vm, v: &[Option<Obj>], i: usize) -> Obj {
    v[i].clone().unwrap_or_else(|| vm.none())
}

/// An optional file offset (`None` or `Py_off_t`).
fn offset_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<Option<i64>> {
    match o {
        None => Ok(None),
        Some(o) if vm.is_none(o) => Ok(None),
        Some(o) => vm.to_i64(o).map(Some),
    }
}

/// A byte count (`Py_ssize_t`); negative counts go to the kernel as huge
/// ones, as CPython passes them on.
fn count_arg(vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(vm.to_i64(o)? as isize as usize)
}

/// Pointer to the offset cell, or NULL for "the descriptor's position".
fn off_ptr(o: &mut Option<i64>) -> *mut i64 {
    match o {
        Some(v) => v as *mut i64,
        None => std::ptr::null_mut(),
    }
}

fn result(vm: &Vm, r: Result<isize, i32>) -> PyResult<Obj> {
    r.map(|n| vm.new_int(n as i64)).map_err(|e| path::os_error(vm, e, None, None))
}

/// A byte count that must not be negative (Argument Clinic's
/// `Py_ssize_t(allow_negative=False)` of `copy_file_range` and `splice`).
fn nonnegative_count_arg(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let n = vm.to_i64(o)?;
    usize::try_from(n).map_err(|_| vm.value_error("negative value for 'count' not allowed"))
}

fn ssize(r: isize) -> Result<isize, i32> {
    if r < 0 {
        Err(path::errno())
    } else {
        Ok(r)
    }
}

pub(crate) fn os_sendfile(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "sendfile", a, kw, &["out_fd", "in_fd", "offset", "count"], 4)?;
    let out_fd = path::fd_arg(vm, &arg(vm, &v, 0))?;
    let in_fd = path::fd_arg(vm, &arg(vm, &v, 1))?;
    let offset = offset_arg(vm, v[2].as_ref())?;
    let count = count_arg(vm, &arg(vm, &v, 3))?;
    let r = blocking(vm, || {
        let mut off = offset;
        // SAFETY: the offset pointer is NULL or points at a live i64.
        ssize(unsafe { libc::sendfile(out_fd, in_fd, off_ptr(&mut off), count) })
    })?;
    result(vm, r)
}

pub(crate) fn os_copy_file_range(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let names = &["src", "dst", "count", "offset_src", "offset_dst"];
    let v = args::parse(vm, "copy_file_range", a, kw, names, 3)?;
    let src = path::fd_arg(vm, &arg(vm, &v, 0))?;
    let dst = path::fd_arg(vm, &arg(vm, &v, 1))?;
    let count = nonnegative_count_arg(vm, &arg(vm, &v, 2))?;
    let off_src = offset_arg(vm, v[3].as_ref())?;
    let off_dst = offset_arg(vm, v[4].as_ref())?;
    let r = blocking(vm, || {
        let (mut a, mut b) = (off_src, off_dst);
        // SAFETY: the offset pointers are NULL or point at live i64s.
        let n =
            unsafe { libc::syscall(libc::SYS_copy_file_range, src, off_ptr(&mut a), dst, off_ptr(&mut b), count, 0) };
        ssize(n as isize)
    })?;
    result(vm, r)
}

pub(crate) fn os_splice(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let names = &["src", "dst", "count", "offset_src", "offset_dst", "flags"];
    let v = args::parse(vm, "splice", a, kw, names, 3)?;
    let src = path::fd_arg(vm, &arg(vm, &v, 0))?;
    let dst = path::fd_arg(vm, &arg(vm, &v, 1))?;
    let count = nonnegative_count_arg(vm, &arg(vm, &v, 2))?;
    let off_src = offset_arg(vm, v[3].as_ref())?;
    let off_dst = offset_arg(vm, v[4].as_ref())?;
    let flags = match &v[5] {
        Some(f) => vm.to_i64(f)? as libc::c_uint,
        None => 0,
    };
    let r = blocking(vm, || {
        let (mut a, mut b) = (off_src, off_dst);
        // SAFETY: the offset pointers are NULL or point at live offsets.
        ssize(unsafe { libc::splice(src, off_ptr(&mut a), dst, off_ptr(&mut b), count, flags) })
    })?;
    result(vm, r)
}
