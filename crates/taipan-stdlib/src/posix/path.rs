//! Argument converters of `posixmodule.c`: `path_t` (a str, bytes,
//! os.PathLike or, where allowed, a file descriptor), `dir_fd`, file
//! descriptors, and the OSError of a failed call.

use std::ffi::CString;

use taipan_vm::api::{buffer, bytes, codecs, int, str as pystr, warnings, Obj, PyErr, PyResult, Vm};

/// A converted path argument (CPython's `path_t`).
pub(crate) struct PathArg {
    /// What the caller passed, named by the OSError of a failed call.
    pub obj: Obj,
    /// The encoded path (None when the argument is a descriptor).
    pub c: Option<CString>,
    /// The descriptor, or -1.
    pub fd: i32,
    /// The caller passed bytes: names come back as bytes.
    pub bytes: bool,
}

impl PathArg {
    pub(crate) fn bytes_of(&self) -> &[u8] {
        self.c.as_ref().map(|c| c.as_bytes()).unwrap_or(b"")
    }
}

/// What a `path_t` accepts.
#[derive(Clone, Copy)]
pub(crate) struct PathOpts {
    pub nullable: bool,
    pub allow_fd: bool,
}

pub(crate) const PATH: PathOpts = PathOpts { nullable: false, allow_fd: false };
pub(crate) const PATH_FD: PathOpts = PathOpts { nullable: false, allow_fd: true };

fn type_name(o: &Obj) -> String {
    o.class().name().to_string()
}

/// Convert `o`, the argument `argname` of `fname` (CPython's
/// `path_converter`). `None` (absent or None) means "." when nullable.
pub(crate) fn path_arg(vm: &Vm, fname: &str, argname: &str, o: Option<&Obj>, opts: PathOpts) -> PyResult<PathArg> {
    let none = vm.none();
    let o = o.unwrap_or(&none);
    if vm.is_none(o) && opts.nullable {
        return Ok(PathArg { obj: o.clone(), c: Some(CString::from(c".")), fd: -1, bytes: false });
    }
    if opts.allow_fd && int::value(o).is_some() {
        let fd = fd_from_int(vm, o)?;
        return Ok(PathArg { obj: o.clone(), c: None, fd, bytes: false });
    }
    let allowed = match (opts.nullable, opts.allow_fd) {
        (false, false) => "string, bytes or os.PathLike",
        (true, false) => "string, bytes, os.PathLike or None",
        (false, true) => "string, bytes, os.PathLike or integer",
        (true, true) => "string, bytes, os.PathLike, integer or None",
    };
    let bad = |what: &Obj| vm.type_error(format!("{fname}: {argname} should be {allowed}, not {}", type_name(what)));
    let resolved = if pystr::data(o).is_some() || bytes::as_bytes_ref(o).is_some() {
        o.clone()
    } else if buffer::is_bytes_like(o) {
        // Other bytes-like objects still work, with a DeprecationWarning.
        let msg = format!("{fname}: {argname} should be {allowed}, not {}", type_name(o));
        warnings::warn(vm, &vm.ctx.exceptions.by_name["DeprecationWarning"], &msg, 1)?;
        vm.new_bytes(bytes::as_bytes(o).unwrap_or_default())
    } else {
        match vm.call_special(o, "__fspath__", &[])? {
            Some(r) if pystr::data(&r).is_some() || bytes::as_bytes_ref(&r).is_some() => r,
            Some(r) => {
                return Err(vm.type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    type_name(o),
                    type_name(&r)
                )))
            }
            None => return Err(bad(o)),
        }
    };
    let is_bytes = pystr::data(&resolved).is_none();
    let raw = if is_bytes {
        bytes::as_bytes_ref(&resolved).map(|b| b.to_vec()).unwrap_or_default()
    } else {
        codecs::encode_str(vm, &resolved, Some(&taipan_vm::api::codecs::fs_encoding(vm)), Some("surrogateescape"))?
    };
    let c = CString::new(raw).map_err(|_| {
        // A str fails in its encoder's check, bytes in path_converter's.
        if is_bytes {
            vm.value_error(format!("{fname}: embedded null character in {argname}"))
        } else {
            vm.value_error("embedded null byte")
        }
    })?;
    Ok(PathArg { obj: o.clone(), c: Some(c), fd: -1, bytes: is_bytes })
}

/// An int that must fit C's int (CPython's `_PyLong_AsInt`).
pub(crate) fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let v = vm.index_value(o)?;
    match v {
        int::IntValue::Small(v) if i32::try_from(v).is_ok() => Ok(v as i32),
        int::IntValue::Small(v) if v > 0 => Err(vm.overflow_error("signed integer is greater than maximum")),
        int::IntValue::Small(_) => Err(vm.overflow_error("signed integer is less than minimum")),
        int::IntValue::Big(_) => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

fn fd_from_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    c_int(vm, o)
}

/// A file descriptor argument (CPython's `_PyLong_FileDescriptor_Converter`
/// for `fildes`: an int or an object with `fileno()`).
pub(crate) fn fildes(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let v = if int::value(o).is_some() {
        o.clone()
    } else {
        match vm.getattr_str_opt(o, "fileno")? {
            Some(f) => {
                let r = vm.call(&f, &[], None)?;
                if int::value(&r).is_none() {
                    return Err(vm.type_error("fileno() returned a non-integer"));
                }
                r
            }
            None => {
                return Err(vm.type_error("argument must be an int, or have a fileno() method."));
            }
        }
    };
    let fd = c_int(vm, &v)?;
    if fd < 0 {
        return Err(vm.value_error(format!("file descriptor cannot be a negative integer ({fd})")));
    }
    Ok(fd)
}

/// A plain `int fd` argument (Argument Clinic's `int`).
pub(crate) fn fd_arg(vm: &Vm, o: &Obj) -> PyResult<i32> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    c_int(vm, o)
}

/// `dir_fd=None` or an int (CPython's `dir_fd_converter`).
pub(crate) fn dir_fd(vm: &Vm, o: Option<&Obj>) -> PyResult<i32> {
    match o {
        None => Ok(libc::AT_FDCWD),
        Some(o) if vm.is_none(o) => Ok(libc::AT_FDCWD),
        Some(o) if int::value(o).is_some() => c_int(vm, o),
        Some(o) if vm.has_index(o) => c_int(vm, o),
        Some(o) => Err(vm.type_error(format!("argument should be integer or None, not {}", type_name(o)))),
    }
}

/// A truth-value argument (Argument Clinic's `bool(accept={int})`... `p`).
pub(crate) fn flag(vm: &Vm, o: Option<&Obj>, default: bool) -> PyResult<bool> {
    match o {
        None => Ok(default),
        Some(o) => vm.is_true(o),
    }
}

/// CPython's `path_and_dir_fd_invalid`, `dir_fd_and_fd_invalid` and
/// `fd_and_follow_symlinks_invalid`, in its order.
pub(crate) fn check_path_rules(vm: &Vm, fname: &str, p: &PathArg, dir_fd: i32, follow_symlinks: bool) -> PyResult<()> {
    if p.c.is_none() && dir_fd != libc::AT_FDCWD {
        return Err(vm.value_error(format!("{fname}: can't specify dir_fd without matching path")));
    }
    check_fd_follow(vm, fname, p, follow_symlinks)
}

/// `fd_and_follow_symlinks_invalid` (which lets descriptor 0 through, as CPython).
pub(crate) fn check_fd_follow(vm: &Vm, fname: &str, p: &PathArg, follow_symlinks: bool) -> PyResult<()> {
    if p.fd > 0 && !follow_symlinks {
        return Err(vm.value_error(format!("{fname}: cannot use fd and follow_symlinks together")));
    }
    Ok(())
}

/// The current errno.
pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The C library's message for `code` (`strerror`).
pub(crate) fn strerror(code: i32) -> String {
    let s = std::io::Error::from_raw_os_error(code).to_string();
    match s.rfind(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The OSError (subclass chosen by errno) of a failed call, naming one or
/// two files (CPython's `path_error`, `path_error2`).
pub(crate) fn os_error(vm: &Vm, code: i32, filename: Option<&Obj>, filename2: Option<&Obj>) -> PyErr {
    let mut args = vec![vm.new_int(code as i64), vm.new_str(&strerror(code))];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(vm.none());
            args.push(f2.clone());
        }
    }
    let ty = vm.ctx.exceptions.os_error.clone();
    match vm.call(&ty, &args, None) {
        Ok(e) => {
            vm.chain_context(&e);
            PyErr(e)
        }
        Err(e) => e,
    }
}

/// The OSError of a failed call on `p`.
pub(crate) fn path_error(vm: &Vm, code: i32, p: &PathArg) -> PyErr {
    os_error(vm, code, Some(&p.obj), None)
}

/// Run a blocking system call without the GIL; on EINTR run the signal
/// handlers and try again. `f` returns the result or the errno.
pub(crate) fn blocking<T: Send>(vm: &Vm, f: impl Fn() -> Result<T, i32> + Sync) -> PyResult<Result<T, i32>> {
    loop {
        match vm.allow_threads(&f) {
            Err(libc::EINTR) => vm.check_signals()?,
            r => return Ok(r),
        }
    }
}

/// A C call's `-1 and errno` convention as a Result.
pub(crate) fn cvt<T: PartialOrd + Default>(r: T) -> Result<T, i32> {
    if r < T::default() {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// A file name from the system, as the caller's kind of path: bytes, or
/// str decoded with surrogateescape (CPython's `PyUnicode_DecodeFSDefault`).
pub(crate) fn name_obj(vm: &Vm, raw: &[u8], as_bytes: bool) -> PyResult<Obj> {
    if as_bytes {
        Ok(vm.new_bytes(raw.to_vec()))
    } else {
        decode_fs(vm, raw)
    }
}

pub(crate) fn decode_fs(vm: &Vm, raw: &[u8]) -> PyResult<Obj> {
    codecs::decode_bytes(vm, raw, Some(&taipan_vm::api::codecs::fs_encoding(vm)), Some("surrogateescape"))
}

/// A string field of an entry the C library returned (`passwd`, `group`,
/// `spwd`): None when null, else decoded as a file-system name.
pub(crate) fn decode_fs_field(vm: &Vm, p: *const libc::c_char) -> PyResult<Obj> {
    if p.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: the callers pass string fields of database entries the C
    // library just returned; a non-null one is a NUL-terminated string.
    let b = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    decode_fs(vm, b)
}

/// A str or bytes argument as bytes (for environment names and values,
/// exec arguments): CPython's `PyUnicode_FSConverter`.
pub(crate) fn fs_converter(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    let p = crate::posix::fspath_obj(vm, o)?;
    let raw = if pystr::data(&p).is_some() {
        codecs::encode_str(vm, &p, Some(&taipan_vm::api::codecs::fs_encoding(vm)), Some("surrogateescape"))?
    } else {
        bytes::as_bytes_ref(&p).map(|b| b.to_vec()).unwrap_or_default()
    };
    if raw.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(raw)
}
