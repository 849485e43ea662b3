//! `stat`, `lstat`, `fstat`, `statvfs`, `fstatvfs` and their result types.

use taipan_vm::api::structseq as ss;
use taipan_vm::api::types::TypeObject;
use taipan_vm::api::{args, Obj, PyResult, Vm};

use super::path::{self, blocking, check_path_rules, cvt, PathArg, PATH, PATH_FD};
use crate::structseq;

const STAT_MEMBERS: &[&str] = &[
    "st_mode",
    "st_ino",
    "st_dev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

const STAT_DOC: &str = "stat_result: Result from stat, fstat, or lstat.\n\nThis object may be accessed either as a tuple of\n  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\nor via the attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.\n\nPosix/windows: If your platform supports st_blksize, st_blocks, st_rdev,\nor st_flags, they are available as attributes only.\n\nSee os.stat for more information.";

const STATVFS_MEMBERS: &[&str] = &[
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
    "f_fsid",
];

const STATVFS_DOC: &str = "statvfs_result: Result from statvfs or fstatvfs.\n\nThis object may be accessed either as a tuple of\n  (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax),\nor via the attributes f_bsize, f_frsize, f_blocks, f_bfree, and so on.\n\nSee os.statvfs for more information.";

pub(crate) fn make_types(vm: &Vm) -> PyResult<(Obj, Obj)> {
    let st = structseq::new_type_with_docs(vm, "os.stat_result", STAT_MEMBERS, STAT_MEMBER_DOCS, 10, 3, STAT_DOC)?;
    if let Some(t) = st.payload::<TypeObject>() {
        t.slots.new.set(Some(stat_result_new));
    }
    let vfs = structseq::new_type(vm, "os.statvfs_result", STATVFS_MEMBERS, 10, 0, STATVFS_DOC)?;
    Ok((st, vfs))
}

const STAT_MEMBER_DOCS: &[&str] = &[
    "protection bits",
    "inode",
    "device",
    "number of hard links",
    "user ID of owner",
    "group ID of owner",
    "total size, in bytes",
    "time of last access",
    "time of last modification",
    "time of last change",
    "time of last access in nanoseconds",
    "time of last modification in nanoseconds",
    "time of last change in nanoseconds",
    "blocksize for filesystem I/O",
    "number of blocks allocated",
    "device type (if inode device)",
];

/// `os.stat_result(sequence, dict=None)`: as any struct sequence, but the
/// float times left unset (None) take the integer times of the sequence
/// part (CPython's `statresult_new`).
fn stat_result_new(vm: &Vm, cls: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let o = ss::structseq_new(vm, cls, args, kw)?;
    for i in 7..10 {
        let unset = ss::get_item(&o, i + 3).is_none_or(|v| vm.is_none(&v));
        if unset {
            if let Some(int_time) = ss::get_item(&o, i) {
                ss::set_extra_item(&o, i + 3, int_time);
            }
        }
    }
    Ok(o)
}

fn ns_obj(vm: &Vm, sec: i64, nsec: i64) -> Obj {
    match sec.checked_mul(1_000_000_000).and_then(|s| s.checked_add(nsec)) {
        Some(v) => vm.new_int(v),
        None => vm.new_bigint(num_bigint::BigInt::from(sec as i128 * 1_000_000_000 + nsec as i128)),
    }
}

/// A `stat_result` from the system's `struct stat` (CPython's `_pystat_fromstructstat`).
pub(crate) fn stat_result(vm: &Vm, st: &libc::stat) -> PyResult<Obj> {
    let ty = structseq::get_type(vm, "os.stat_result")?;
    let times = [(st.st_atime, st.st_atime_nsec), (st.st_mtime, st.st_mtime_nsec), (st.st_ctime, st.st_ctime_nsec)];
    let mut v = vec![
        vm.new_int(st.st_mode as i64),
        super::u64_obj(vm, st.st_ino),
        super::u64_obj(vm, st.st_dev),
        vm.new_int(st.st_nlink as i64),
        vm.new_int(st.st_uid as i64),
        vm.new_int(st.st_gid as i64),
        vm.new_int(st.st_size),
    ];
    for (s, _) in times {
        v.push(vm.new_int(s));
    }
    for (s, ns) in times {
        v.push(vm.new_float(s as f64 + ns as f64 * 1e-9));
    }
    for (s, ns) in times {
        v.push(ns_obj(vm, s, ns));
    }
    v.push(vm.new_int(st.st_blksize));
    v.push(vm.new_int(st.st_blocks));
    v.push(vm.new_int(st.st_rdev as i64));
    structseq::new(vm, &ty, v)
}

/// `stat` of `p` (a path relative to `dir_fd`, or a descriptor).
pub(crate) fn do_stat(vm: &Vm, p: &PathArg, dir_fd: i32, follow_symlinks: bool) -> PyResult<Result<libc::stat, i32>> {
    let fd = p.fd;
    let cpath = p.c.clone();
    blocking(vm, move || {
        // SAFETY: an all-zero `struct stat` is a valid value to be overwritten.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        let r = match &cpath {
            // SAFETY: `st` is a writable stat buffer; `fd` is a plain int.
            None => unsafe { libc::fstat(fd, &mut st) },
            Some(c) => {
                let flags = if follow_symlinks { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
                // SAFETY: `c` is NUL-terminated and lives across the call; `st` is writable.
                unsafe { libc::fstatat(dir_fd, c.as_ptr(), &mut st, flags) }
            }
        };
        cvt(r).map(|_| st)
    })
}

fn stat_common(vm: &Vm, fname: &str, p: PathArg, dir_fd: i32, follow: bool) -> PyResult<Obj> {
    check_path_rules(vm, fname, &p, dir_fd, follow)?;
    match do_stat(vm, &p, dir_fd, follow)? {
        Ok(st) => stat_result(vm, &st),
        Err(e) => Err(path::path_error(vm, e, &p)),
    }
}

pub(crate) fn os_stat(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "stat",
        names: &["path", "dir_fd", "follow_symlinks"],
        posonly: 0,
        required: 1,
        kwonly_from: 1,
    };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let p = path::path_arg(vm, "stat", "path", v[0].as_ref(), PATH_FD)?;
    let dir_fd = path::dir_fd(vm, v[1].as_ref())?;
    let follow = path::flag(vm, v[2].as_ref(), true)?;
    stat_common(vm, "stat", p, dir_fd, follow)
}

pub(crate) fn os_lstat(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "lstat", names: &["path", "dir_fd"], posonly: 0, required: 1, kwonly_from: 1 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let p = path::path_arg(vm, "lstat", "path", v[0].as_ref(), PATH)?;
    let dir_fd = path::dir_fd(vm, v[1].as_ref())?;
    stat_common(vm, "lstat", p, dir_fd, false)
}

pub(crate) fn os_fstat(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "fstat", a, kw, &["fd"], 1)?;
    let fd = path::fd_arg(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let p = PathArg { obj: vm.new_int(fd as i64), c: None, fd, bytes: false };
    match do_stat(vm, &p, libc::AT_FDCWD, true)? {
        Ok(st) => stat_result(vm, &st),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

fn statvfs_result(vm: &Vm, st: &libc::statvfs) -> PyResult<Obj> {
    let ty = structseq::get_type(vm, "os.statvfs_result")?;
    let v = [
        st.f_bsize,
        st.f_frsize,
        st.f_blocks,
        st.f_bfree,
        st.f_bavail,
        st.f_files,
        st.f_ffree,
        st.f_favail,
        st.f_flag,
        st.f_namemax,
        st.f_fsid,
    ]
    .iter()
    .map(|&x| super::u64_obj(vm, x))
    .collect();
    structseq::new(vm, &ty, v)
}

fn do_statvfs(vm: &Vm, p: &PathArg) -> PyResult<Result<libc::statvfs, i32>> {
    let fd = p.fd;
    let cpath = p.c.clone();
    blocking(vm, move || {
        // SAFETY: an all-zero `struct statvfs` is a valid value to be overwritten.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        let r = match &cpath {
            // SAFETY: `st` is writable.
            None => unsafe { libc::fstatvfs(fd, &mut st) },
            // SAFETY: `c` is NUL-terminated; `st` is writable.
            Some(c) => unsafe { libc::statvfs(c.as_ptr(), &mut st) },
        };
        cvt(r).map(|_| st)
    })
}

pub(crate) fn os_statvfs(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "statvfs", a, kw, &["path"], 1)?;
    let p = path::path_arg(vm, "statvfs", "path", v[0].as_ref(), PATH_FD)?;
    match do_statvfs(vm, &p)? {
        Ok(st) => statvfs_result(vm, &st),
        Err(e) => Err(path::path_error(vm, e, &p)),
    }
}

pub(crate) fn os_fstatvfs(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = args::exact::<1>(vm, "fstatvfs", a, kw)?;
    let fd = path::fd_arg(vm, &fd)?;
    let p = PathArg { obj: vm.new_int(fd as i64), c: None, fd, bytes: false };
    match do_statvfs(vm, &p)? {
        Ok(st) => statvfs_result(vm, &st),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}
