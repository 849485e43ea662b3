//! File objects for `open()` and `sys.std*` (a first cut of CPython's
//! `Modules/_io`): `_io.TextIOWrapper` for text files and
//! `_io.BufferedReader`/`BufferedWriter`/`BufferedRandom` for binary ones.
//!
//! Text is UTF-8 (the locale encoding of the test machines) with universal
//! newlines on reading. The full `io` module (raw I/O classes, `StringIO`,
//! custom encodings, line buffering policies) is a later issue's work.

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::str as pystr;
use crate::vm::{PyResult, Vm};

/// A file descriptor we do not own (stdio) is never closed by us.
enum Handle {
    Owned(File),
    Std(ManuallyDrop<File>),
}

impl Handle {
    fn file(&mut self) -> &mut File {
        match self {
            Handle::Owned(f) => f,
            Handle::Std(f) => f,
        }
    }
}

pub(crate) struct FileData {
    text: bool,
    readable: bool,
    writable: bool,
    seekable: bool,
    append: bool,
    mode: String,
    name: Obj,
    handle: RefCell<Option<Handle>>,
    /// Bytes read from the OS and not yet consumed.
    rbuf: RefCell<Vec<u8>>,
    rpos: Cell<usize>,
    wbuf: RefCell<Vec<u8>>,
    /// Flush after every newline (a terminal) or every write (`-u`).
    line_buffering: bool,
    write_through: bool,
    eof: Cell<bool>,
    /// A `\r` ended the last read chunk: a following `\n` belongs to it.
    pending_cr: Cell<bool>,
    errors: &'static str,
    /// The encoding's name as given (`UTF-8` by default, as the locale's).
    encoding: String,
    /// `newline=`: None translates on reading; `\r`/`\r\n` translate on writing.
    newline: Option<String>,
}
impl PyPayload for FileData {}

impl Drop for FileData {
    fn drop(&mut self) {
        // Flushing is plain Rust I/O (no Python code runs here).
        let buf = std::mem::take(self.wbuf.get_mut());
        if let Some(h) = self.handle.get_mut().as_mut() {
            let _ = h.file().write_all(&buf);
        }
    }
}

const BUFFER_SIZE: usize = 8192;

fn file_type(vm: &Vm, name: &'static str) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(name) {
        return t.clone();
    }
    let t = TypeObject::new::<FileData>(name, std::mem::size_of::<PyCell<FileData>>(), false, flags::BASETYPE);
    t.slots.iter.set(Some(|_vm, o| Ok(o.clone())));
    t.slots.iternext.set(Some(file_iternext));
    t.slots.repr.set(Some(file_repr));
    let ty = crate::context::new_static_type(&vm.ctx.types.type_, t);
    crate::objects::type_::init_static_type_base(vm, &ty);
    add_methods(vm, &ty, METHODS);
    add_getsets(
        vm,
        &ty,
        &[
            GetSetDef::new("closed", |vm, o| Ok(vm.bool_obj(data(o).handle.borrow().is_none())), None),
            GetSetDef::new("name", |_vm, o| Ok(data(o).name.clone()), None),
            GetSetDef::new("mode", |vm, o| Ok(vm.new_str(&data(o).mode)), None),
            GetSetDef::new("encoding", file_encoding, None),
            GetSetDef::new("errors", file_errors, None),
            GetSetDef::new("line_buffering", |vm, o| Ok(vm.bool_obj(data(o).line_buffering)), None),
        ],
    );
    crate::objects::slots::add_slot_wrappers(vm, &ty);
    crate::objects::type_::inherit_slots(vm, &ty);
    vm.lazy_types.borrow_mut().insert(name, ty.clone());
    ty
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("read", file_read),
    MethodDef::method("readline", file_readline),
    MethodDef::method("readlines", file_readlines),
    MethodDef::method("write", file_write),
    MethodDef::method("writelines", file_writelines),
    MethodDef::method("flush", file_flush),
    MethodDef::method("close", file_close),
    MethodDef::method("fileno", file_fileno),
    MethodDef::method("isatty", file_isatty),
    MethodDef::method("readable", |vm, o, _, _| Ok(vm.bool_obj(data(o).readable))),
    MethodDef::method("writable", |vm, o, _, _| Ok(vm.bool_obj(data(o).writable))),
    MethodDef::method("seekable", |vm, o, _, _| Ok(vm.bool_obj(data(o).seekable))),
    MethodDef::method("seek", file_seek),
    MethodDef::method("tell", file_tell),
    MethodDef::method("truncate", file_truncate),
    MethodDef::method("__enter__", file_enter),
    MethodDef::method("__exit__", file_exit),
];

fn data(o: &Obj) -> &FileData {
    o.payload::<FileData>().expect("a file object")
}

fn file_encoding(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if !data(o).text {
        return Err(vm.attribute_error(format!("'{}' object has no attribute 'encoding'", o.class().name())));
    }
    Ok(vm.new_str(&data(o).encoding))
}

fn file_errors(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if !data(o).text {
        return Err(vm.attribute_error(format!("'{}' object has no attribute 'errors'", o.class().name())));
    }
    Ok(vm.new_str(data(o).errors))
}

fn file_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = data(o);
    let name = vm.repr_string(&d.name)?;
    let tname = o.class().name().to_string();
    let s = if d.text {
        format!("<{tname} name={name} mode='{}' encoding='{}'>", d.mode, d.encoding)
    } else {
        format!("<{tname} name={name}>")
    };
    Ok(vm.new_str_from_string(s))
}

fn closed_error(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("I/O operation on closed file.")
}

/// `io.UnsupportedOperation` (a subclass of OSError and ValueError).
pub(crate) fn unsupported_operation_type(vm: &Vm) -> PyResult<Obj> {
    if let Some(t) = vm.lazy_types.borrow().get("UnsupportedOperation") {
        return Ok(t.clone());
    }
    let ns = vm.new_dict();
    crate::objects::dict::set_item_str(vm, &ns, "__module__", vm.new_str("io"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.os_error.clone(), vm.ctx.exceptions.value_error.clone()]);
    let t = vm.call(&vm.ctx.types.type_, &[vm.new_str("UnsupportedOperation"), bases, ns], None)?;
    vm.lazy_types.borrow_mut().insert("UnsupportedOperation", t.clone());
    Ok(t)
}

fn unsupported(vm: &Vm, what: &str) -> crate::vm::PyErr {
    match unsupported_operation_type(vm) {
        Ok(ty) => vm.new_exception_msg(&ty, what),
        Err(e) => e,
    }
}

fn with_handle<R>(vm: &Vm, o: &Obj, f: impl FnOnce(&mut File) -> std::io::Result<R>) -> PyResult<R> {
    let mut h = data(o).handle.borrow_mut();
    let Some(h) = h.as_mut() else { return Err(closed_error(vm)) };
    f(h.file()).map_err(|e| vm.io_error(&e, None))
}

// ---- writing -----------------------------------------------------------------------------------

fn flush_write_buffer(vm: &Vm, o: &Obj) -> PyResult<()> {
    let buf = std::mem::take(&mut *data(o).wbuf.borrow_mut());
    if buf.is_empty() {
        return Ok(());
    }
    with_handle(vm, o, |f| f.write_all(&buf))
}

/// Write bytes through the buffer, flushing as the buffering mode says.
pub(crate) fn write_bytes(vm: &Vm, o: &Obj, bytes: &[u8]) -> PyResult<()> {
    let d = data(o);
    if d.handle.borrow().is_none() {
        return Err(closed_error(vm));
    }
    if !d.writable {
        return Err(unsupported(vm, if d.text { "not writable" } else { "write" }));
    }
    discard_read_buffer(vm, o)?;
    d.wbuf.borrow_mut().extend_from_slice(bytes);
    let must_flush = d.write_through
        || d.wbuf.borrow().len() >= BUFFER_SIZE
        || (d.line_buffering && bytes.iter().any(|&b| b == b'\n' || b == b'\r'));
    if must_flush {
        flush_write_buffer(vm, o)?;
    }
    Ok(())
}

fn file_write(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [arg] = crate::args::exact::<1>(vm, "write", args, kw)?;
    let d = data(o);
    if d.text {
        let Some(s) = pystr::data(&arg) else {
            return Err(vm.type_error(format!("write() argument must be str, not {}", arg.class().name())));
        };
        let n = s.len();
        let text = match d.newline.as_deref() {
            Some(nl @ ("\r" | "\r\n")) if s.code_points().any(|c| c == '\n' as u32) => {
                vm.call_method(&arg, "replace", &[vm.new_str("\n"), vm.new_str(nl)])?
            }
            _ => arg.clone(),
        };
        let bytes =
            crate::codecs::encode_to_vec(vm, &text, Some(&vm.new_str(&d.encoding)), Some(&vm.new_str(d.errors)))?;
        write_bytes(vm, o, &bytes)?;
        Ok(vm.new_usize(n))
    } else {
        let b = crate::objects::bytes::bytes_like(vm, &arg)?;
        write_bytes(vm, o, &b)?;
        Ok(vm.new_usize(b.len()))
    }
}

fn file_writelines(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [lines] = crate::args::exact::<1>(vm, "writelines", args, kw)?;
    vm.for_each(&lines, |line| file_write(vm, o, &[line], None).map(|_| ()))?;
    Ok(vm.none())
}

fn file_flush(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    if data(o).handle.borrow().is_none() {
        return Err(closed_error(vm));
    }
    flush_write_buffer(vm, o)?;
    Ok(vm.none())
}

/// Flush a file object if it is one of ours (interpreter exit).
pub(crate) fn flush_if_file(vm: &Vm, o: &Obj) -> PyResult<()> {
    if o.payload::<FileData>().is_some() {
        if data(o).handle.borrow().is_some() {
            flush_write_buffer(vm, o)?;
        }
        return Ok(());
    }
    if let Some(f) = vm.getattr_str_opt(o, "flush")? {
        vm.call0(&f)?;
    }
    Ok(())
}

fn file_close(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    if data(o).handle.borrow().is_none() {
        return Ok(vm.none());
    }
    let r = flush_write_buffer(vm, o);
    data(o).handle.borrow_mut().take();
    r?;
    Ok(vm.none())
}

fn file_enter(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    if data(o).handle.borrow().is_none() {
        return Err(closed_error(vm));
    }
    Ok(o.clone())
}

fn file_exit(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    file_close(vm, o, &[], None)
}

fn file_fileno(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    use std::os::fd::AsRawFd;
    let fd = with_handle(vm, o, |f| Ok(f.as_raw_fd()))?;
    Ok(vm.new_int(fd as i64))
}

fn file_isatty(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    use std::io::IsTerminal;
    let t = with_handle(vm, o, |f| Ok(f.is_terminal()))?;
    Ok(vm.bool_obj(t))
}

// ---- reading -----------------------------------------------------------------------------------

/// Read more bytes from the OS into the read buffer; false at end of file.
fn fill(vm: &Vm, o: &Obj) -> PyResult<bool> {
    let d = data(o);
    if d.eof.get() {
        return Ok(false);
    }
    flush_write_buffer(vm, o)?;
    let mut chunk = vec![0u8; BUFFER_SIZE];
    let n = with_handle(vm, o, |f| loop {
        match f.read(&mut chunk) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => break r,
        }
    })?;
    if n == 0 {
        // A terminal can deliver more after an end of file (Ctrl-D).
        return Ok(false);
    }
    let mut buf = d.rbuf.borrow_mut();
    let pos = d.rpos.get();
    buf.drain(..pos);
    d.rpos.set(0);
    buf.extend_from_slice(&chunk[..n]);
    Ok(true)
}

fn discard_read_buffer(vm: &Vm, o: &Obj) -> PyResult<()> {
    let d = data(o);
    let unread = d.rbuf.borrow().len() - d.rpos.get();
    if unread > 0 && d.seekable {
        with_handle(vm, o, |f| f.seek(SeekFrom::Current(-(unread as i64))))?;
    }
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    d.eof.set(false);
    Ok(())
}

fn check_readable(vm: &Vm, o: &Obj) -> PyResult<()> {
    let d = data(o);
    if d.handle.borrow().is_none() {
        return Err(closed_error(vm));
    }
    if !d.readable {
        return Err(unsupported(vm, if d.text { "not readable" } else { "read" }));
    }
    Ok(())
}

/// The raw bytes of the next line (with its `\n`), or of up to `limit`
/// bytes; empty at end of file.
fn read_line_bytes(vm: &Vm, o: &Obj, limit: Option<usize>) -> PyResult<Vec<u8>> {
    let d = data(o);
    let mut searched = 0;
    loop {
        {
            let buf = d.rbuf.borrow();
            let avail = &buf[d.rpos.get()..];
            let end =
                avail[searched..].iter().position(|&b| b == b'\n' || (d.text && b == b'\r')).map(|i| i + searched);
            let cut = match (end, limit) {
                (Some(i), Some(l)) if l <= i => Some(l),
                (Some(i), _) if d.text && avail[i] == b'\r' && i + 1 == avail.len() && !d.eof.get() => None,
                (Some(i), _) => {
                    Some(i + 1 + usize::from(d.text && avail[i] == b'\r' && avail.get(i + 1) == Some(&b'\n')))
                }
                (None, Some(l)) if avail.len() >= l => Some(l),
                _ => None,
            };
            if let Some(n) = cut {
                let out = avail[..n].to_vec();
                drop(buf);
                d.rpos.set(d.rpos.get() + n);
                return Ok(out);
            }
            searched = avail.len().saturating_sub(1);
        }
        if !fill(vm, o)? {
            d.eof.set(true);
            let mut buf = d.rbuf.borrow_mut();
            let out = buf[d.rpos.get()..].to_vec();
            buf.clear();
            d.rpos.set(0);
            return Ok(out);
        }
    }
}

fn read_all_bytes(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    let d = data(o);
    while fill(vm, o)? {}
    d.eof.set(true);
    let mut buf = d.rbuf.borrow_mut();
    let out = buf[d.rpos.get()..].to_vec();
    buf.clear();
    d.rpos.set(0);
    Ok(out)
}

fn read_n_bytes(vm: &Vm, o: &Obj, n: usize) -> PyResult<Vec<u8>> {
    let d = data(o);
    while d.rbuf.borrow().len() - d.rpos.get() < n {
        if !fill(vm, o)? {
            break;
        }
    }
    let mut buf = d.rbuf.borrow_mut();
    let start = d.rpos.get();
    let end = (start + n).min(buf.len());
    let out = buf[start..end].to_vec();
    if end == buf.len() {
        buf.clear();
        d.rpos.set(0);
    } else {
        d.rpos.set(end);
    }
    Ok(out)
}

/// Universal newlines: `\r\n` and `\r` read as `\n`.
fn translate_newlines(b: Vec<u8>) -> Vec<u8> {
    if !b.contains(&b'\r') {
        return b;
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            out.push(b'\n');
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    out
}

fn decode_text(vm: &Vm, o: &Obj, b: Vec<u8>) -> PyResult<Obj> {
    let d = data(o);
    let b = if d.newline.is_none() { translate_newlines(b) } else { b };
    let bytes = vm.new_bytes(b);
    crate::codecs::decode_object(vm, &bytes, Some(&vm.new_str(&d.encoding)), Some(&vm.new_str(d.errors)))
}

fn size_arg(vm: &Vm, args: &[Obj], kw: Option<&Obj>, fname: &str) -> PyResult<Option<usize>> {
    let a = crate::args::parse(vm, fname, args, kw, &["size"], 0)?;
    match &a[0] {
        None => Ok(None),
        Some(v) if vm.is_none(v) => Ok(None),
        Some(v) => {
            let n = vm.index_to_isize(v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

fn file_read(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let size = size_arg(vm, args, kw, "read")?;
    check_readable(vm, o)?;
    let d = data(o);
    if !d.text {
        let b = match size {
            None => read_all_bytes(vm, o)?,
            Some(n) => read_n_bytes(vm, o, n)?,
        };
        return Ok(vm.new_bytes(b));
    }
    match size {
        None => {
            let b = read_all_bytes(vm, o)?;
            decode_text(vm, o, b)
        }
        Some(n) => {
            // Characters, not bytes: read whole lines until enough.
            let mut out = pystr::Builder::new();
            let mut count = 0;
            while count < n {
                let line = read_line_bytes(vm, o, None)?;
                if line.is_empty() {
                    break;
                }
                let s = decode_text(vm, o, line)?;
                let sd = pystr::data(&s).expect("str");
                let take = (n - count).min(sd.len());
                if take < sd.len() {
                    out.push_data(&sd.substring(0, take));
                    let rest = sd.substring(take, sd.len());
                    let rest = vm.new_str_data(rest);
                    let rest = crate::codecs::encode_to_vec(
                        vm,
                        &rest,
                        Some(&vm.new_str(&d.encoding)),
                        Some(&vm.new_str("surrogateescape")),
                    )?;
                    let mut buf = d.rbuf.borrow_mut();
                    let pos = d.rpos.get();
                    buf.splice(pos..pos, rest);
                } else {
                    out.push_data(sd);
                }
                count += take;
            }
            Ok(out.finish(vm))
        }
    }
}

fn file_readline(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let size = size_arg(vm, args, kw, "readline")?;
    check_readable(vm, o)?;
    let line = read_line_bytes(vm, o, size)?;
    if data(o).text {
        decode_text(vm, o, line)
    } else {
        Ok(vm.new_bytes(line))
    }
}

/// `sys.stdin.readline()` for `input()`: the line without translation
/// of the trailing newline; `None` at end of file.
pub(crate) fn read_line(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    if o.payload::<FileData>().is_none() {
        let line = vm.call_method(o, "readline", &[])?;
        return Ok(if vm.is_true(&line)? { Some(line) } else { None });
    }
    check_readable(vm, o)?;
    let line = read_line_bytes(vm, o, None)?;
    if line.is_empty() {
        return Ok(None);
    }
    Ok(Some(decode_text(vm, o, line)?))
}

fn file_readlines(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let hint = size_arg(vm, args, kw, "readlines")?;
    check_readable(vm, o)?;
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = file_readline(vm, o, &[], None)?;
        let n = vm.len(&line)?;
        if n == 0 {
            break;
        }
        total += n;
        lines.push(line);
        if hint.is_some_and(|h| h > 0 && total >= h) {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn file_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let line = file_readline(vm, o, &[], None)?;
    if vm.len(&line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

fn file_seek(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "seek", args, kw, &["cookie", "whence"], 1)?;
    let off = vm.to_i64(a[0].as_ref().expect("required"))?;
    let whence = match &a[1] {
        Some(w) => vm.to_i64(w)?,
        None => 0,
    };
    flush_write_buffer(vm, o)?;
    discard_read_buffer(vm, o)?;
    let d = data(o);
    if d.text && whence != 0 && off != 0 {
        let msg =
            if whence == 1 { "can't do nonzero cur-relative seeks" } else { "can't do nonzero end-relative seeks" };
        return Err(unsupported(vm, msg));
    }
    let pos = match whence {
        0 if off < 0 => return Err(vm.value_error(format!("negative seek position {off}"))),
        0 => SeekFrom::Start(off as u64),
        1 => SeekFrom::Current(off),
        2 => SeekFrom::End(off),
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let p = with_handle(vm, o, |f| f.seek(pos))?;
    Ok(vm.new_int(p as i64))
}

fn file_tell(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    flush_write_buffer(vm, o)?;
    let d = data(o);
    let unread = (d.rbuf.borrow().len() - d.rpos.get()) as u64;
    let p = with_handle(vm, o, |f| f.stream_position())?;
    Ok(vm.new_int((p - unread) as i64))
}

fn file_truncate(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "truncate", args, kw, &["pos"], 0)?;
    flush_write_buffer(vm, o)?;
    discard_read_buffer(vm, o)?;
    let pos = match &a[0] {
        Some(p) if !vm.is_none(p) => vm.to_i64(p)? as u64,
        _ => with_handle(vm, o, |f| f.stream_position())?,
    };
    with_handle(vm, o, |f| f.set_len(pos))?;
    Ok(vm.new_int(pos as i64))
}

// ---- creation ----------------------------------------------------------------------------------

struct Mode {
    text: bool,
    read: bool,
    write: bool,
    append: bool,
    create_new: bool,
    truncate: bool,
    plus: bool,
}

fn parse_mode(vm: &Vm, mode: &str) -> PyResult<Mode> {
    let mut m =
        Mode { text: true, read: false, write: false, append: false, create_new: false, truncate: false, plus: false };
    let mut kinds = 0;
    let (mut saw_t, mut saw_b) = (false, false);
    for (i, c) in mode.chars().enumerate() {
        if mode[..mode.char_indices().nth(i).map(|(j, _)| j).unwrap_or(0)].contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        match c {
            'r' => {
                m.read = true;
                kinds += 1;
            }
            'w' => {
                m.write = true;
                m.truncate = true;
                kinds += 1;
            }
            'a' => {
                m.write = true;
                m.append = true;
                kinds += 1;
            }
            'x' => {
                m.write = true;
                m.create_new = true;
                kinds += 1;
            }
            '+' => m.plus = true,
            't' => saw_t = true,
            'b' => saw_b = true,
            _ => return Err(vm.value_error(format!("invalid mode: '{mode}'"))),
        }
    }
    if saw_t && saw_b {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if kinds > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if kinds == 0 {
        return Err(vm.value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    if m.plus {
        m.read = true;
        m.write = true;
    }
    m.text = !saw_b;
    Ok(m)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
pub(crate) fn open(vm: &Vm, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(
        vm,
        "open",
        args,
        kw,
        &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
        1,
    )?;
    let file = a[0].clone().expect("required");
    let mode_s = match &a[1] {
        Some(m) => match pystr::as_str(m) {
            Some(s) => s.to_string(),
            None => return Err(vm.type_error(format!("open() argument 'mode' must be str, not {}", m.class().name()))),
        },
        None => "r".to_string(),
    };
    let m = parse_mode(vm, &mode_s)?;
    let errors = match &a[4] {
        Some(e) if !vm.is_none(e) => match pystr::as_str(e) {
            Some("strict") => "strict",
            Some("ignore") => "ignore",
            Some("replace") => "replace",
            Some("surrogateescape") => "surrogateescape",
            Some("backslashreplace") => "backslashreplace",
            Some(other) => return Err(vm.lookup_error(format!("unknown error handler name '{other}'"))),
            None => return Err(vm.type_error("open() argument 'errors' must be str or None")),
        },
        _ => "strict",
    };
    if !m.text {
        for (i, what) in [(3, "encoding"), (4, "errors"), (5, "newline")] {
            if a[i].as_ref().is_some_and(|v| !vm.is_none(v)) {
                return Err(vm.value_error(format!("binary mode doesn't take an {what} argument")));
            }
        }
    }
    let encoding = match a[3].as_ref().filter(|e| !vm.is_none(e)) {
        Some(enc) => match pystr::as_str(enc) {
            Some("locale") => "UTF-8".to_string(),
            Some(e) => {
                // Unknown encodings fail here, as in CPython.
                crate::codecs::encode_to_vec(vm, &vm.ctx.empty_str, Some(enc), None)?;
                e.to_string()
            }
            None => {
                return Err(vm
                    .type_error(format!("open() argument 'encoding' must be str or None, not {}", enc.class().name())))
            }
        },
        None => "UTF-8".to_string(),
    };
    let newline = match a[5].as_ref().filter(|n| !vm.is_none(n)) {
        Some(n) => match pystr::as_str(n) {
            Some(v @ ("" | "\n" | "\r" | "\r\n")) => Some(v.to_string()),
            Some(v) => return Err(vm.value_error(format!("illegal newline value: {v}"))),
            None => {
                return Err(
                    vm.type_error(format!("open() argument 'newline' must be str or None, not {}", n.class().name()))
                )
            }
        },
        None => None,
    };
    let path = if let Some(s) = pystr::as_str(&file) {
        s.to_string()
    } else if let Some(b) = crate::objects::bytes::as_bytes_ref(&file) {
        String::from_utf8_lossy(b).into_owned()
    } else if file.type_is(&vm.ctx.types.int) {
        return Err(vm.not_implemented_error("open() of a file descriptor is not supported yet"));
    } else {
        return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", file.class().name())));
    };
    let f = std::fs::OpenOptions::new()
        .read(m.read)
        .write(m.write && !m.append)
        .append(m.append)
        .create(m.write && !m.create_new && (m.truncate || m.append))
        .create_new(m.create_new)
        .truncate(m.truncate)
        .open(&path)
        .map_err(|e| vm.io_error(&e, Some(&file)))?;
    if f.metadata().map(|md| md.is_dir()).unwrap_or(false) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(vm.io_error(&e, Some(&file)));
    }
    let tname = match (m.text, m.read, m.write) {
        (true, _, _) => "_io.TextIOWrapper",
        (false, true, true) => "_io.BufferedRandom",
        (false, true, false) => "_io.BufferedReader",
        (false, _, _) => "_io.BufferedWriter",
    };
    let mode_name = if m.text { mode_s.replace('t', "") } else { mode_s.clone() };
    let mode_name = if !m.text && !mode_name.contains('b') { format!("{mode_name}b") } else { mode_name };
    let d = FileData {
        text: m.text,
        readable: m.read,
        writable: m.write,
        seekable: true,
        append: m.append,
        mode: mode_name,
        name: file.clone(),
        handle: RefCell::new(Some(Handle::Owned(f))),
        rbuf: RefCell::new(Vec::new()),
        rpos: Cell::new(0),
        wbuf: RefCell::new(Vec::new()),
        line_buffering: false,
        write_through: false,
        eof: Cell::new(false),
        pending_cr: Cell::new(false),
        errors,
        encoding,
        newline,
    };
    let _ = d.append;
    let _ = d.pending_cr.get();
    Ok(alloc_object(&file_type(vm, tname), d))
}

/// `sys.stdin`, `sys.stdout` or `sys.stderr` over file descriptor `fd`.
pub(crate) fn std_stream(vm: &Vm, fd: i32, unbuffered: bool) -> Obj {
    use std::io::IsTerminal;
    use std::os::fd::FromRawFd;
    // SAFETY: descriptors 0-2 are open for the life of the process, and the
    // ManuallyDrop keeps us from closing a descriptor we do not own.
    let f = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
    let tty = f.is_terminal();
    let (name, mode) = match fd {
        0 => ("<stdin>", "r"),
        1 => ("<stdout>", "w"),
        _ => ("<stderr>", "w"),
    };
    let d = FileData {
        text: true,
        readable: fd == 0,
        writable: fd != 0,
        seekable: false,
        append: false,
        mode: mode.into(),
        name: vm.new_str(name),
        handle: RefCell::new(Some(Handle::Std(f))),
        rbuf: RefCell::new(Vec::new()),
        rpos: Cell::new(0),
        wbuf: RefCell::new(Vec::new()),
        line_buffering: tty || fd == 2,
        write_through: unbuffered && fd != 0,
        eof: Cell::new(false),
        pending_cr: Cell::new(false),
        errors: if fd == 2 { "backslashreplace" } else { "strict" },
        encoding: "utf-8".into(),
        newline: None,
    };
    alloc_object(&file_type(vm, "_io.TextIOWrapper"), d)
}
