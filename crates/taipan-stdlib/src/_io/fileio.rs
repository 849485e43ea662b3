//! `_io.FileIO` (CPython's `Modules/_io/fileio.c`): raw binary I/O on an
//! OS file descriptor, through libc's `open`, `read`, `write`, `lseek`,
//! `ftruncate`, `fstat`, `isatty` and `close`; and `_io.open()`, which
//! stacks the buffered and text layers on top (CPython's `_io_open_impl`).
//!
//! Blocking calls run with the GIL released (`vm.allow_threads`); a call
//! interrupted by a signal (EINTR) runs the signal handlers
//! (`vm.check_signals()`) and is retried, as CPython's `_Py_read`.

use std::cell::Cell;

use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, int, str as pystr, Obj, PyPayload, PyResult, Vm};

use super::{c_int_arg, io_type, iobase, noargs, optional_ssize, os_error, posargs, unsupported, DEFAULT_BUFFER_SIZE};

/// The state of a `FileIO`.
pub(crate) struct FileIO {
    /// The descriptor; -1 once closed (or before `__init__`).
    fd: Cell<i32>,
    created: Cell<bool>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    appending: Cell<bool>,
    /// -1 until first asked.
    seekable: Cell<i8>,
    closefd: Cell<bool>,
    finalizing: Cell<bool>,
    blksize: Cell<i64>,
}
impl PyPayload for FileIO {}

impl Default for FileIO {
    fn default() -> Self {
        FileIO {
            fd: Cell::new(-1),
            created: Cell::new(false),
            readable: Cell::new(false),
            writable: Cell::new(false),
            appending: Cell::new(false),
            seekable: Cell::new(-1),
            closefd: Cell::new(true),
            finalizing: Cell::new(false),
            blksize: Cell::new(0),
        }
    }
}

impl Drop for FileIO {
    fn drop(&mut self) {
        // A FileIO freed without its finalizer having closed it (the
        // interpreter is being torn down): release the descriptor.
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            // SAFETY: closing a descriptor this object owns; no memory is
            // passed to the kernel.
            unsafe {
                libc::close(fd);
            }
        }
    }
}

pub(crate) fn make_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io.FileIO",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some(DOC),
    };
    taipan_vm::api::types::new_type::<FileIO>(vm, &spec, |s| {
        s.new.set(Some(fileio_new));
        s.init.set(Some(fileio_init));
        s.repr.set(Some(fileio_repr));
    })
}

const DOC: &str = "Open a file.\n\n\
The mode can be 'r' (default), 'w', 'x' or 'a' for reading,\n\
writing, exclusive creation or appending.  The file will be created if it\n\
doesn't exist when opened for writing or appending; it will be truncated\n\
when opened for writing.  A FileExistsError will be raised if it already\n\
exists when opened for creating. Opening a file for creating implies\n\
writing so this mode behaves in a similar way to 'w'.Add a '+' to the mode\n\
to allow simultaneous reading and writing. A custom opener can be used by\n\
passing a callable as *opener*. The underlying file descriptor for the file\n\
object is then obtained by calling opener with (*name*, *flags*).\n\
*opener* must return an open file descriptor (passing os.open as *opener*\n\
results in functionality similar to passing None).";

const METHODS: &[MethodDef] = &[
    MethodDef::method("read", fileio_read),
    MethodDef::method("readall", fileio_readall),
    MethodDef::method("readinto", fileio_readinto),
    MethodDef::method("write", fileio_write),
    MethodDef::method("seek", fileio_seek),
    MethodDef::method("tell", fileio_tell),
    MethodDef::method("truncate", fileio_truncate),
    MethodDef::method("close", fileio_close),
    MethodDef::method("seekable", fileio_seekable),
    MethodDef::method("readable", |vm, o, a, k| {
        noargs(vm, "readable", a, k)?;
        let f = fio(vm, o)?;
        check_open(vm, f)?;
        Ok(vm.bool_obj(f.readable.get()))
    }),
    MethodDef::method("writable", |vm, o, a, k| {
        noargs(vm, "writable", a, k)?;
        let f = fio(vm, o)?;
        check_open(vm, f)?;
        Ok(vm.bool_obj(f.writable.get()))
    }),
    MethodDef::method("fileno", |vm, o, a, k| {
        noargs(vm, "fileno", a, k)?;
        let f = fio(vm, o)?;
        check_open(vm, f)?;
        Ok(vm.new_int(f.fd.get() as i64))
    }),
    MethodDef::method("isatty", fileio_isatty),
    MethodDef::method("_dealloc_warn", |vm, o, a, k| {
        let a = posargs(vm, "_dealloc_warn", a, k, 1, 1)?;
        dealloc_warn(vm, o, fio(vm, o)?, &a[0]);
        Ok(vm.none())
    }),
];

/// `FileIO._dealloc_warn(source)`: an open file that owns its descriptor
/// is being finalized: "unclosed file <source>" as a ResourceWarning
/// (CPython's `fileio_dealloc_warn`). A warning the filters turned into
/// an error goes to the unraisable hook; nothing propagates.
pub(crate) fn dealloc_warn(vm: &Vm, o: &Obj, f: &FileIO, source: &Obj) {
    if f.fd.get() < 0 || !f.closefd.get() {
        return;
    }
    let category = &vm.ctx.exceptions.by_name["ResourceWarning"];
    let message = match vm.repr(source) {
        Ok(r) => format!("unclosed file {}", taipan_vm::api::str::as_str_lossy(&r)),
        Err(_) => return,
    };
    let warned =
        taipan_vm::api::warnings::warn_object(vm, vm.new_str(&message), category.clone(), 1, Some(source.clone()));
    if let Err(e) = warned {
        if vm.err_matches(&e, &vm.ctx.exceptions.by_name["Warning"]) {
            vm.write_unraisable(&e, Some(o));
        }
    }
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("closed", |vm, o| Ok(vm.bool_obj(fio(vm, o)?.fd.get() < 0)), None),
    GetSetDef::new("closefd", |vm, o| Ok(vm.bool_obj(fio(vm, o)?.closefd.get())), None),
    GetSetDef::new("mode", |vm, o| Ok(vm.new_str(mode_string(fio(vm, o)?))), None),
    GetSetDef::new(
        "_blksize",
        |vm, o| Ok(vm.new_int(fio(vm, o)?.blksize.get())),
        Some(|vm, o, v| {
            let v = v.ok_or_else(|| vm.type_error("can't delete attribute"))?;
            let n = vm.to_i64(v)?;
            fio(vm, o)?.blksize.set(n);
            Ok(())
        }),
    ),
    GetSetDef::new(
        "_finalizing",
        |vm, o| Ok(vm.bool_obj(fio(vm, o)?.finalizing.get())),
        Some(|vm, o, v| {
            let v = v.ok_or_else(|| vm.type_error("can't delete attribute"))?;
            let b = vm.is_true(v)?;
            fio(vm, o)?.finalizing.set(b);
            Ok(())
        }),
    ),
];

fn fio<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a FileIO> {
    payload_or_err::<FileIO>(vm, o, "_io.FileIO")
}

/// The `FileIO` state of `o` if it is an exact `FileIO` (fast paths of
/// the buffered layer).
pub(crate) fn exact(o: &Obj) -> Option<&FileIO> {
    if !super::is_exact_native(o) {
        return None;
    }
    o.payload::<FileIO>()
}

/// FileIO's own closed message has no final period.
fn err_closed(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.value_error("I/O operation on closed file")
}

fn err_mode(vm: &Vm, action: &str) -> taipan_vm::api::PyErr {
    unsupported(vm, &format!("File not open for {action}"))
}

fn check_open(vm: &Vm, f: &FileIO) -> PyResult<()> {
    if f.fd.get() < 0 {
        return Err(err_closed(vm));
    }
    Ok(())
}

fn mode_string(f: &FileIO) -> &'static str {
    if f.created.get() {
        return if f.readable.get() { "xb+" } else { "xb" };
    }
    if f.appending.get() {
        return if f.readable.get() { "ab+" } else { "ab" };
    }
    if f.readable.get() {
        return if f.writable.get() { "rb+" } else { "rb" };
    }
    "wb"
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

// ---- system calls --------------------------------------------------------------------------------

/// `read(fd, buf)`: `Ok(Some(n))`, `Ok(None)` when it would block.
fn sys_read(vm: &Vm, fd: i32, buf: &mut [u8]) -> PyResult<Option<usize>> {
    loop {
        let len = buf.len();
        let ptr = buf.as_mut_ptr() as usize;
        let (n, err) = vm.allow_threads(move || {
            // SAFETY: `ptr..ptr+len` is the caller's live, writable
            // buffer, borrowed mutably for the duration of the call.
            let n = unsafe { libc::read(fd, ptr as *mut libc::c_void, len) };
            (n, if n < 0 { errno() } else { 0 })
        });
        if n >= 0 {
            if fd == 0 {
                // What was typed at a terminal ended the output line.
                taipan_vm::api::sys::note_input(vm);
            }
            return Ok(Some(n as usize));
        }
        match err {
            libc::EINTR => vm.check_signals()?,
            libc::EAGAIN => return Ok(None),
            e => return Err(os_error(vm, e, None)),
        }
    }
}

/// Read up to `n` bytes appended to `out` (into its spare capacity, so
/// nothing is zero-filled): the count, `Ok(None)` when it would block.
fn sys_read_append(vm: &Vm, fd: i32, out: &mut Vec<u8>, n: usize) -> PyResult<Option<usize>> {
    if out.try_reserve(n).is_err() {
        return Err(vm.memory_error());
    }
    loop {
        let spare = out.spare_capacity_mut();
        let len = n.min(spare.len());
        let ptr = spare.as_mut_ptr() as usize;
        let (r, err) = vm.allow_threads(move || {
            // SAFETY: `ptr..ptr+len` lies in the vector's reserved but
            // unused capacity, which the kernel may write.
            let r = unsafe { libc::read(fd, ptr as *mut libc::c_void, len) };
            (r, if r < 0 { errno() } else { 0 })
        });
        if r >= 0 {
            if fd == 0 {
                taipan_vm::api::sys::note_input(vm);
            }
            let r = r as usize;
            // SAFETY: the kernel initialised the first `r <= len` bytes of
            // the spare capacity.
            unsafe { out.set_len(out.len() + r) };
            return Ok(Some(r));
        }
        match err {
            libc::EINTR => vm.check_signals()?,
            libc::EAGAIN => return Ok(None),
            e => return Err(os_error(vm, e, None)),
        }
    }
}

fn sys_write(vm: &Vm, fd: i32, data: &[u8]) -> PyResult<Option<usize>> {
    loop {
        let len = data.len();
        let ptr = data.as_ptr() as usize;
        let (n, err) = vm.allow_threads(move || {
            // SAFETY: `ptr..ptr+len` is the caller's live buffer.
            let n = unsafe { libc::write(fd, ptr as *const libc::c_void, len) };
            (n, if n < 0 { errno() } else { 0 })
        });
        if n >= 0 {
            if fd == 1 || fd == 2 {
                // The interactive prompt continues an unfinished line.
                taipan_vm::api::sys::note_output(vm, &data[..n as usize]);
            }
            return Ok(Some(n as usize));
        }
        match err {
            libc::EINTR => vm.check_signals()?,
            libc::EAGAIN => return Ok(None),
            e => return Err(os_error(vm, e, None)),
        }
    }
}

fn sys_lseek(vm: &Vm, fd: i32, pos: i64, whence: i32) -> PyResult<i64> {
    let (r, err) = vm.allow_threads(move || {
        // SAFETY: lseek takes no memory.
        let r = unsafe { libc::lseek(fd, pos as libc::off_t, whence) };
        (r, if r < 0 { errno() } else { 0 })
    });
    if r < 0 {
        return Err(os_error(vm, err, None));
    }
    Ok(r)
}

/// `fstat(fd)`: (is a directory, st_blksize, st_size), or the errno.
fn sys_fstat(vm: &Vm, fd: i32) -> Result<(bool, i64, i64), i32> {
    vm.allow_threads(move || {
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: `st` is a properly sized, writable stat buffer.
        let r = unsafe { libc::fstat(fd, st.as_mut_ptr()) };
        if r < 0 {
            return Err(errno());
        }
        // SAFETY: fstat succeeded, so it filled the buffer.
        let st = unsafe { st.assume_init() };
        Ok(((st.st_mode & libc::S_IFMT) == libc::S_IFDIR, st.st_blksize, st.st_size))
    })
}

fn sys_close(vm: &Vm, fd: i32) -> PyResult<()> {
    let (r, err) = vm.allow_threads(move || {
        // SAFETY: closing a descriptor; no memory involved.
        let r = unsafe { libc::close(fd) };
        (r, if r < 0 { errno() } else { 0 })
    });
    if r < 0 {
        return Err(os_error(vm, err, None));
    }
    Ok(())
}

fn sys_isatty(vm: &Vm, fd: i32) -> bool {
    // SAFETY: isatty takes no memory.
    vm.allow_threads(move || unsafe { libc::isatty(fd) } == 1)
}

// ---- construction --------------------------------------------------------------------------------

fn fileio_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &io_type(vm, "_io.FileIO"), FileIO::default())
}

/// The path bytes of a str, bytes or os.PathLike (CPython's
/// `PyUnicode_FSConverter`).
pub(crate) fn fs_path(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    let p = fspath(vm, o)?;
    let b = if pystr::data(&p).is_some() {
        taipan_vm::api::codecs::encode_str(
            vm,
            &p,
            Some(&taipan_vm::api::codecs::fs_encoding(vm)),
            Some("surrogateescape"),
        )?
    } else {
        bytes::as_bytes_ref(&p).map(|b| b.to_vec()).unwrap_or_default()
    };
    if b.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(b)
}

/// `os.fspath(o)` (CPython's `PyOS_FSPath`).
pub(crate) fn fspath(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if pystr::data(o).is_some() || bytes::as_bytes_ref(o).is_some() {
        return Ok(o.clone());
    }
    match vm.call_special(o, "__fspath__", &[])? {
        Some(r) if pystr::data(&r).is_some() || bytes::as_bytes_ref(&r).is_some() => Ok(r),
        Some(r) => Err(vm.type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            super::tp_name(o),
            super::tp_name(&r)
        ))),
        None => Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", super::tp_name(o)))),
    }
}

struct ModeFlags {
    created: bool,
    readable: bool,
    writable: bool,
    appending: bool,
    flags: i32,
}

fn parse_mode(vm: &Vm, mode: &str) -> PyResult<ModeFlags> {
    let bad = || vm.value_error("Must have exactly one of create/read/write/append mode and at most one plus");
    let mut m = ModeFlags { created: false, readable: false, writable: false, appending: false, flags: 0 };
    let (mut rwa, mut plus) = (false, false);
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(bad());
                }
                rwa = true;
                match c {
                    'x' => {
                        m.created = true;
                        m.writable = true;
                        m.flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => m.readable = true,
                    'w' => {
                        m.writable = true;
                        m.flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        m.writable = true;
                        m.appending = true;
                        m.flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(bad());
                }
                m.readable = true;
                m.writable = true;
                plus = true;
            }
            _ => return Err(vm.value_error(format!("invalid mode: {mode:.200}"))),
        }
    }
    if !rwa {
        return Err(bad());
    }
    m.flags |= if m.readable && m.writable {
        libc::O_RDWR
    } else if m.readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    m.flags |= libc::O_CLOEXEC;
    Ok(m)
}

/// `FileIO.__init__(file, mode='r', closefd=True, opener=None)`.
fn fileio_init(vm: &Vm, o: &Obj, args_: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let a = args::parse(vm, "FileIO", args_, kw, &["file", "mode", "closefd", "opener"], 1)?;
    let f = fio(vm, o)?;
    let nameobj = a[0].clone().unwrap_or_else(|| vm.none());
    let mode = match &a[1] {
        None => "r".to_string(),
        Some(m) => match pystr::data(m) {
            Some(_) => super::utf8_of(vm, m)?,
            None => {
                return Err(
                    vm.type_error(format!("FileIO() argument 'mode' must be str, not {}", super::arg_type_name(vm, m)))
                )
            }
        },
    };
    let closefd = match &a[2] {
        None => true,
        Some(c) => c_int_arg(vm, c)? != 0,
    };
    let opener = a[3].clone().filter(|x| !vm.is_none(x));
    if f.fd.get() >= 0 {
        if f.closefd.get() {
            internal_close(vm, f)?;
        } else {
            f.fd.set(-1);
        }
    }
    // An int (or an object with __index__) is a descriptor.
    let mut fd: i32 = -1;
    if int::value(&nameobj).is_some() || nameobj.class().slots.nb_index.get().is_some() {
        match c_int_arg(vm, &nameobj) {
            Ok(v) if v < 0 => return Err(vm.value_error("negative file descriptor")),
            Ok(v) => fd = v,
            Err(_) => {}
        }
    }
    let path = if fd < 0 { Some(fs_path(vm, &nameobj)?) } else { None };
    let m = parse_mode(vm, &mode)?;
    taipan_vm::api::audit(vm, "open", || vec![nameobj.clone(), vm.new_str(&mode), vm.new_int(m.flags as i64)])?;
    f.created.set(m.created);
    f.readable.set(m.readable);
    f.writable.set(m.writable);
    f.appending.set(m.appending);
    f.seekable.set(-1);
    f.blksize.set(0);
    let mut own_fd = false;
    if let Some(path) = path {
        if !closefd {
            return Err(vm.value_error("Cannot use closefd=False with file name"));
        }
        f.closefd.set(true);
        match opener {
            None => {
                let cpath = std::ffi::CString::new(path).map_err(|_| vm.value_error("embedded null byte"))?;
                let flags = m.flags;
                loop {
                    let p = cpath.as_ptr() as usize;
                    let (r, err) = vm.allow_threads(move || {
                        // SAFETY: `p` points at the NUL-terminated path
                        // owned by `cpath`, alive for the call.
                        let r = unsafe { libc::open(p as *const libc::c_char, flags, 0o666) };
                        (r, if r < 0 { errno() } else { 0 })
                    });
                    if r >= 0 {
                        fd = r;
                        break;
                    }
                    if err == libc::EINTR {
                        vm.check_signals()?;
                        continue;
                    }
                    return Err(os_error(vm, err, Some(&nameobj)));
                }
            }
            Some(op) => {
                let r = vm.call(&op, &[nameobj.clone(), vm.new_int(m.flags as i64)], None)?;
                if int::value(&r).is_none() {
                    return Err(vm.type_error("expected integer from opener"));
                }
                let v = c_int_arg(vm, &r)?;
                if v < 0 {
                    return Err(vm.value_error(format!("opener returned {v}")));
                }
                fd = v;
            }
        }
        own_fd = true;
    } else {
        f.closefd.set(closefd);
    }
    f.fd.set(fd);
    let fail = |e| {
        if own_fd {
            // SAFETY: closing the descriptor we just opened.
            unsafe {
                libc::close(fd);
            }
        }
        f.fd.set(-1);
        Err(e)
    };
    f.blksize.set(DEFAULT_BUFFER_SIZE as i64);
    match sys_fstat(vm, fd) {
        Err(e) if e == libc::EBADF => return fail(os_error(vm, e, None)),
        Err(_) => {}
        Ok((is_dir, blksize, _)) => {
            if is_dir {
                return fail(os_error(vm, libc::EISDIR, Some(&nameobj)));
            }
            if blksize > 1 {
                f.blksize.set(blksize);
            }
        }
    }
    if let Err(e) = vm.setattr_str(o, "name", &nameobj) {
        return fail(e);
    }
    if f.appending.get() {
        // For consistent behaviour, move to the end explicitly; a pipe
        // cannot seek, which is fine.
        // SAFETY: lseek takes no memory.
        unsafe {
            libc::lseek(fd, 0, libc::SEEK_END);
        }
    }
    Ok(())
}

fn internal_close(vm: &Vm, f: &FileIO) -> PyResult<()> {
    let fd = f.fd.get();
    if fd < 0 {
        return Ok(());
    }
    f.fd.set(-1);
    sys_close(vm, fd)
}

fn fileio_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = fio(vm, o)?;
    if f.fd.get() < 0 {
        return Ok(vm.new_str("<_io.FileIO [closed]>"));
    }
    let closefd = if f.closefd.get() { "True" } else { "False" };
    let mode = mode_string(f);
    match vm.getattr_str_opt(o, "name")? {
        None => Ok(vm.new_str_from_string(format!("<_io.FileIO fd={} mode='{mode}' closefd={closefd}>", f.fd.get()))),
        Some(name) => {
            let Some(_guard) = vm.repr_enter(o) else {
                return Err(vm.runtime_error("reentrant call inside _io.FileIO.__repr__"));
            };
            let r = vm.repr_string(&name)?;
            Ok(vm.new_str_from_string(format!("<_io.FileIO name={r} mode='{mode}' closefd={closefd}>")))
        }
    }
}

// ---- methods -------------------------------------------------------------------------------------

fn fileio_read(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read", a, kw, 0, 1)?;
    let size = optional_ssize(vm, a.first(), -1)?;
    let f = fio(vm, o)?;
    check_open(vm, f)?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    if size < 0 {
        return readall_obj(vm, f);
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(size as usize).is_err() {
        return Err(vm.memory_error());
    }
    match sys_read_append(vm, f.fd.get(), &mut out, size as usize)? {
        None => Ok(vm.none()),
        Some(_) => Ok(vm.new_bytes(out)),
    }
}

fn readall_obj(vm: &Vm, f: &FileIO) -> PyResult<Obj> {
    Ok(match readall(vm, f)? {
        Some(b) => vm.new_bytes(b),
        None => vm.none(),
    })
}

/// Everything up to EOF; None when the first read would block.
fn readall(vm: &Vm, f: &FileIO) -> PyResult<Option<Vec<u8>>> {
    check_open(vm, f)?;
    let fd = f.fd.get();
    // SAFETY: lseek takes no memory.
    let pos = vm.allow_threads(move || unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) });
    let end = sys_fstat(vm, fd).map(|(_, _, size)| size).unwrap_or(-1);
    let mut bufsize: usize =
        if end > 0 && end >= pos && pos >= 0 { (end - pos).saturating_add(1) as usize } else { 8192 };
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve_exact(bufsize).is_err() {
        return Err(vm.memory_error());
    }
    loop {
        if out.len() >= bufsize {
            // CPython's new_buffersize: grow by about an eighth, at least
            // by 8 KiB.
            let n = out.len();
            bufsize = n + (n >> 3).max(8192).min(usize::MAX - n);
        }
        let want = bufsize - out.len();
        match sys_read_append(vm, fd, &mut out, want)? {
            None if out.is_empty() => return Ok(None),
            None => break,
            Some(0) => break,
            Some(_) => {}
        }
    }
    Ok(Some(out))
}

fn fileio_readall(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "readall", a, kw)?;
    let f = fio(vm, o)?;
    readall_obj(vm, f)
}

fn fileio_readinto(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readinto", a, kw, 1, 1)?;
    let f = fio(vm, o)?;
    let len = buffer::with_writable(vm, &a[0], "readinto() argument", |b| b.len())?;
    check_open(vm, f)?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    let mut tmp = Vec::new();
    match sys_read_append(vm, f.fd.get(), &mut tmp, len)? {
        None => Ok(vm.none()),
        Some(n) => {
            buffer::with_writable(vm, &a[0], "readinto() argument", |b| {
                let n = n.min(b.len());
                b[..n].copy_from_slice(&tmp[..n]);
            })?;
            Ok(vm.new_usize(n))
        }
    }
}

fn fileio_write(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "write", a, kw, 1, 1)?;
    let f = fio(vm, o)?;
    let data = buffer::with_bytes(vm, &a[0], |b| b.to_vec())?;
    check_open(vm, f)?;
    if !f.writable.get() {
        return Err(err_mode(vm, "writing"));
    }
    match sys_write(vm, f.fd.get(), &data)? {
        None => Ok(vm.none()),
        Some(n) => Ok(vm.new_usize(n)),
    }
}

fn fileio_seek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "seek", a, kw, 1, 2)?;
    let f = fio(vm, o)?;
    let whence = match a.get(1) {
        Some(w) => c_int_arg(vm, w)?,
        None => 0,
    };
    check_open(vm, f)?;
    let v = vm.index_value(&a[0])?;
    let pos = v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))?;
    let r = sys_lseek(vm, f.fd.get(), pos, whence)?;
    Ok(vm.new_int(r))
}

fn fileio_tell(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "tell", a, kw)?;
    let f = fio(vm, o)?;
    check_open(vm, f)?;
    Ok(vm.new_int(sys_lseek(vm, f.fd.get(), 0, libc::SEEK_CUR)?))
}

fn fileio_truncate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "truncate", a, kw, 0, 1)?;
    let f = fio(vm, o)?;
    check_open(vm, f)?;
    if !f.writable.get() {
        return Err(err_mode(vm, "writing"));
    }
    let fd = f.fd.get();
    let posobj = match a.first().filter(|p| !vm.is_none(p)) {
        Some(p) => p.clone(),
        None => vm.new_int(sys_lseek(vm, fd, 0, libc::SEEK_CUR)?),
    };
    let v = vm.index_value(&posobj)?;
    let pos = v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))?;
    let (r, err) = vm.allow_threads(move || {
        // SAFETY: ftruncate takes no memory.
        let r = unsafe { libc::ftruncate(fd, pos as libc::off_t) };
        (r, if r < 0 { errno() } else { 0 })
    });
    if r != 0 {
        return Err(os_error(vm, err, None));
    }
    Ok(posobj)
}

fn fileio_seekable(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "seekable", a, kw)?;
    let f = fio(vm, o)?;
    check_open(vm, f)?;
    Ok(vm.bool_obj(seekable(vm, f)))
}

fn seekable(vm: &Vm, f: &FileIO) -> bool {
    if f.seekable.get() < 0 {
        let fd = f.fd.get();
        // SAFETY: lseek takes no memory.
        let r = vm.allow_threads(move || unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) });
        f.seekable.set(if r >= 0 { 1 } else { 0 });
    }
    f.seekable.get() == 1
}

fn fileio_isatty(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "isatty", a, kw)?;
    let f = fio(vm, o)?;
    check_open(vm, f)?;
    Ok(vm.bool_obj(sys_isatty(vm, f.fd.get())))
}

/// `FileIO.close()`: `_RawIOBase.close` (flush, mark closed), then close
/// the descriptor if the object owns it.
fn fileio_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "close", a, kw)?;
    let f = fio(vm, o)?;
    let res = iobase::iobase_close(vm, o, &[], None);
    if !f.closefd.get() {
        f.fd.set(-1);
        return res;
    }
    if f.finalizing.get() {
        dealloc_warn(vm, o, f, o);
    }
    let rc = internal_close(vm, f);
    match (res, rc) {
        (Ok(r), Ok(())) => Ok(r),
        (Err(e), Ok(())) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Err(first), Err(later)) => Err(super::chain(vm, first, later)),
    }
}

// ---- the fast paths of the buffered layer --------------------------------------------------------

/// `raw.readinto(buf)` of an exact FileIO.
pub(crate) fn raw_readinto(vm: &Vm, f: &FileIO, buf: &mut [u8]) -> PyResult<Option<usize>> {
    check_open(vm, f)?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    sys_read(vm, f.fd.get(), buf)
}

/// Up to `n` bytes read from an exact FileIO appended to `out`.
pub(crate) fn raw_read_append(vm: &Vm, f: &FileIO, out: &mut Vec<u8>, n: usize) -> PyResult<Option<usize>> {
    check_open(vm, f)?;
    if !f.readable.get() {
        return Err(err_mode(vm, "reading"));
    }
    sys_read_append(vm, f.fd.get(), out, n)
}

/// `raw.readall()` of an exact FileIO.
pub(crate) fn raw_readall(vm: &Vm, f: &FileIO) -> PyResult<Option<Vec<u8>>> {
    readall(vm, f)
}

/// `raw.write(data)` of an exact FileIO.
pub(crate) fn raw_write(vm: &Vm, f: &FileIO, data: &[u8]) -> PyResult<Option<usize>> {
    check_open(vm, f)?;
    if !f.writable.get() {
        return Err(err_mode(vm, "writing"));
    }
    sys_write(vm, f.fd.get(), data)
}

/// `raw.seek(pos, whence)` of an exact FileIO.
pub(crate) fn raw_seek(vm: &Vm, f: &FileIO, pos: i64, whence: i32) -> PyResult<i64> {
    check_open(vm, f)?;
    sys_lseek(vm, f.fd.get(), pos, whence)
}

/// `raw.closed` of a FileIO.
pub(crate) fn is_closed(f: &FileIO) -> bool {
    f.fd.get() < 0
}

// ---- open() --------------------------------------------------------------------------------------

const OPEN_NAMES: &[&str] = &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
pub(crate) fn io_open(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = args::parse(vm, "open", a, kw, OPEN_NAMES, 1)?;
    let file = a[0].clone().unwrap_or_else(|| vm.none());
    let mode = match &a[1] {
        None => "r".to_string(),
        Some(m) if pystr::data(m).is_some() => super::utf8_of(vm, m)?,
        Some(m) => {
            return Err(
                vm.type_error(format!("open() argument 'mode' must be str, not {}", super::arg_type_name(vm, m)))
            )
        }
    };
    let mut buffering: i64 = match &a[2] {
        None => -1,
        Some(b) => c_int_arg(vm, b)? as i64,
    };
    let encoding = super::opt_str_arg(vm, a[3].as_ref(), "open", "encoding")?;
    let errors = super::opt_str_arg(vm, a[4].as_ref(), "open", "errors")?;
    let newline = super::opt_str_arg(vm, a[5].as_ref(), "open", "newline")?;
    let closefd = match &a[6] {
        None => true,
        Some(c) => c_int_arg(vm, c)? != 0,
    };
    let opener = a[7].clone().unwrap_or_else(|| vm.none());

    let is_number = int::value(&file).is_some();
    let path_or_fd = if is_number { file.clone() } else { fspath(vm, &file)? };

    let (mut creating, mut reading, mut writing, mut appending, mut updating, mut text, mut binary) =
        (false, false, false, false, false, false, false);
    for (i, c) in mode.char_indices() {
        let flag = match c {
            'x' => &mut creating,
            'r' => &mut reading,
            'w' => &mut writing,
            'a' => &mut appending,
            '+' => &mut updating,
            't' => &mut text,
            'b' => &mut binary,
            _ => return Err(vm.value_error(format!("invalid mode: '{mode}'"))),
        };
        *flag = true;
        if mode[i + c.len_utf8()..].contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
    }
    let mut rawmode = String::new();
    for (on, c) in [(creating, 'x'), (reading, 'r'), (writing, 'w'), (appending, 'a'), (updating, '+')] {
        if on {
            rawmode.push(c);
        }
    }
    if text && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if creating as u8 + reading as u8 + writing as u8 + appending as u8 > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if binary && buffering == 1 {
        taipan_vm::api::warnings::warn(
            vm,
            &vm.ctx.exceptions.runtime_warning,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
            1,
        )?;
    }
    let raw =
        vm.call(&io_type(vm, "_io.FileIO"), &[path_or_fd, vm.new_str(&rawmode), vm.bool_obj(closefd), opener], None)?;
    let result = stack_layers(
        vm,
        &raw,
        &mode,
        &mut buffering,
        binary,
        updating,
        creating || writing || appending,
        reading,
        encoding,
        errors,
        newline,
    );
    match result {
        Ok(r) => Ok(r),
        Err((e, partial)) => {
            let target = partial.unwrap_or(raw);
            match vm.call_method(&target, "close", &[]) {
                Ok(_) => Err(e),
                Err(later) => Err(super::chain(vm, e, later)),
            }
        }
    }
}

type OpenError = (taipan_vm::api::PyErr, Option<Obj>);

#[allow(clippy::too_many_arguments)]
fn stack_layers(
    vm: &Vm,
    raw: &Obj,
    mode: &str,
    buffering: &mut i64,
    binary: bool,
    updating: bool,
    writing: bool,
    reading: bool,
    encoding: Option<Obj>,
    errors: Option<Obj>,
    newline: Option<Obj>,
) -> Result<Obj, OpenError> {
    let err = |e| (e, None);
    let mut isatty = false;
    if *buffering < 0 {
        let r = vm.call_method(raw, "isatty", &[]).map_err(err)?;
        isatty = vm.is_true(&r).map_err(err)?;
    }
    let line_buffering = *buffering == 1 || isatty;
    if line_buffering {
        *buffering = -1;
    }
    if *buffering < 0 {
        let b = vm.getattr_str(raw, "_blksize").map_err(err)?;
        *buffering = vm.to_i64(&b).map_err(err)?;
    }
    if *buffering < 0 {
        return Err(err(vm.value_error("invalid buffering size")));
    }
    if *buffering == 0 {
        if !binary {
            return Err(err(vm.value_error("can't have unbuffered text I/O")));
        }
        return Ok(raw.clone());
    }
    let class = if updating {
        "_io.BufferedRandom"
    } else if writing {
        "_io.BufferedWriter"
    } else if reading {
        "_io.BufferedReader"
    } else {
        return Err(err(vm.value_error(format!("unknown mode: '{mode}'"))));
    };
    let buffer = vm.call(&io_type(vm, class), &[raw.clone(), vm.new_int(*buffering)], None).map_err(err)?;
    if binary {
        return Ok(buffer);
    }
    let none = || vm.none();
    let wrapper = vm
        .call(
            &io_type(vm, "_io.TextIOWrapper"),
            &[
                buffer.clone(),
                encoding.unwrap_or_else(none),
                errors.unwrap_or_else(none),
                newline.unwrap_or_else(none),
                vm.bool_obj(line_buffering),
            ],
            None,
        )
        .map_err(|e| (e, Some(buffer.clone())))?;
    vm.setattr_str(&wrapper, "mode", &vm.new_str(mode)).map_err(|e| (e, Some(wrapper.clone())))?;
    Ok(wrapper)
}

/// `open_code(path)`: `open(path, 'rb')` for a str path.
pub(crate) fn io_open_code(vm: &Vm, m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = args::parse(vm, "open_code", a, kw, &["path"], 1)?;
    let path = a[0].clone().unwrap_or_else(|| vm.none());
    if pystr::data(&path).is_none() {
        return Err(
            vm.type_error(format!("open_code() argument 'path' must be str, not {}", super::arg_type_name(vm, &path)))
        );
    }
    io_open(vm, m, &[path, vm.new_str("rb")], None)
}
