//! `_io._BufferedIOBase`, `BufferedReader`, `BufferedWriter`,
//! `BufferedRandom` and `BufferedRWPair` (CPython's
//! `Modules/_io/bufferedio.c`).
//!
//! The three buffered classes share one state machine over one buffer of
//! `buffer_size` bytes, with CPython's positions (all `Py_off_t`-like):
//! `pos` is the logical position in the buffer, `raw_pos` where the raw
//! stream is relative to the buffer start, `read_end` the end of valid
//! read data (-1: none), `write_pos..write_end` the dirty range (-1: none)
//! and `abs_pos` the raw stream's absolute position when known. The raw
//! stream is reached through its Python methods (`readinto`, `write`,
//! `seek`, `tell`, ...), so any raw object works, and directly (no method
//! call) when it is an exact `FileIO`; the sequence of raw operations is
//! the same either way.
//!
//! The buffer is moved out of its cell while a raw call runs, and a busy
//! flag (CPython's buffer lock) turns a re-entrant call from that raw code
//! into CPython's RuntimeError "reentrant call inside ...".

use std::cell::{Cell, RefCell};

use taipan_vm::api::thread::{self, RawLock};
use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::fileio::{self, FileIO};
use super::{
    c_int_arg, io_type, iobase, is_eintr, noargs, off_t_arg, optional_ssize, posargs, result_ssize, tp_name,
    unsupported, DEFAULT_BUFFER_SIZE,
};

// ---- _BufferedIOBase -----------------------------------------------------------------------------

pub(crate) fn make_bufferediobase_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io._BufferedIOBase",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: BUFFEREDIOBASE_METHODS,
        doc: Some(BUFFEREDIOBASE_DOC),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<iobase::IOBase>(vm, &spec, |_| {})
}

const BUFFEREDIOBASE_DOC: &str = "Base class for buffered IO objects.\n\n\
The main difference with RawIOBase is that the read() method\n\
supports omitting the size argument, and does not have a default\n\
implementation that defers to readinto().\n\n\
In addition, read(), readinto() and write() may raise\n\
BlockingIOError if the underlying raw stream is in non-blocking\n\
mode and not ready; unlike their raw counterparts, they will never\n\
return None.\n\n\
A typical implementation should not inherit from a RawIOBase\n\
implementation, but wrap one.\n";

const BUFFEREDIOBASE_METHODS: &[MethodDef] = &[
    MethodDef::method("detach", |vm, _o, _a, _k| Err(unsupported(vm, "detach"))),
    MethodDef::method("read", |vm, _o, _a, _k| Err(unsupported(vm, "read"))),
    MethodDef::method("read1", |vm, _o, _a, _k| Err(unsupported(vm, "read1"))),
    MethodDef::method("readinto", |vm, o, a, k| {
        let a = posargs(vm, "readinto", a, k, 1, 1)?;
        readinto_via_read(vm, o, &a[0], "read")
    }),
    MethodDef::method("readinto1", |vm, o, a, k| {
        let a = posargs(vm, "readinto1", a, k, 1, 1)?;
        readinto_via_read(vm, o, &a[0], "read1")
    }),
    MethodDef::method("write", |vm, _o, _a, _k| Err(unsupported(vm, "write"))),
];

/// `_BufferedIOBase.readinto(b)`: `self.read(len(b))` copied into `b`.
fn readinto_via_read(vm: &Vm, o: &Obj, target: &Obj, method: &str) -> PyResult<Obj> {
    let what = if method == "read" { "readinto() argument" } else { "readinto1() argument" };
    let len = buffer::with_writable(vm, target, what, |b| b.len())?;
    let data = vm.call_method(o, method, &[vm.new_usize(len)])?;
    let Some(d) = bytes::as_bytes_ref(&data) else {
        return Err(vm.type_error("read() should return bytes"));
    };
    if d.len() > len {
        return Err(
            vm.value_error(format!("read() returned too much data: {len} bytes requested, {} returned", d.len()))
        );
    }
    let n = d.len();
    buffer::with_writable(vm, target, what, |b| {
        let n = n.min(b.len());
        b[..n].copy_from_slice(&d[..n]);
    })?;
    Ok(vm.new_usize(n))
}

// ---- the buffered state --------------------------------------------------------------------------

pub(crate) struct Buffered {
    raw: ObjCell,
    ok: Cell<bool>,
    detached: Cell<bool>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    /// The object is an exact native type over an exact FileIO: `closed`
    /// is the FileIO's descriptor check.
    fast_closed_checks: Cell<bool>,
    abs_pos: Cell<i64>,
    buffer: RefCell<Vec<u8>>,
    pos: Cell<i64>,
    raw_pos: Cell<i64>,
    read_end: Cell<i64>,
    write_pos: Cell<i64>,
    write_end: Cell<i64>,
    buffer_size: Cell<i64>,
    buffer_mask: Cell<i64>,
    busy: Cell<bool>,
    /// Held while a locked operation runs (CPython's `self->lock`): a
    /// thread that finds another one inside (it released the GIL in a raw
    /// call) waits for it.
    lock: RawLock,
    /// The thread holding `lock` (0: none).
    owner: Cell<u64>,
    finalizing: Cell<bool>,
}
impl PyPayload for Buffered {}

impl Default for Buffered {
    fn default() -> Self {
        Buffered {
            raw: ObjCell::new(None),
            ok: Cell::new(false),
            detached: Cell::new(false),
            readable: Cell::new(false),
            writable: Cell::new(false),
            fast_closed_checks: Cell::new(false),
            abs_pos: Cell::new(0),
            buffer: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            raw_pos: Cell::new(0),
            read_end: Cell::new(-1),
            write_pos: Cell::new(0),
            write_end: Cell::new(-1),
            buffer_size: Cell::new(0),
            buffer_mask: Cell::new(0),
            busy: Cell::new(false),
            lock: RawLock::new(),
            owner: Cell::new(0),
            finalizing: Cell::new(false),
        }
    }
}

impl Buffered {
    fn valid_read(&self) -> bool {
        self.readable.get() && self.read_end.get() != -1
    }

    fn valid_write(&self) -> bool {
        self.writable.get() && self.write_end.get() != -1
    }

    fn readahead(&self) -> i64 {
        if self.valid_read() {
            self.read_end.get() - self.pos.get()
        } else {
            0
        }
    }

    fn raw_offset(&self) -> i64 {
        if (self.valid_read() || self.valid_write()) && self.raw_pos.get() >= 0 {
            self.raw_pos.get() - self.pos.get()
        } else {
            0
        }
    }

    fn adjust_position(&self, new_pos: i64) {
        self.pos.set(new_pos);
        if self.valid_read() && self.read_end.get() < new_pos {
            self.read_end.set(new_pos);
        }
    }

    fn minus_last_block(&self, size: i64) -> i64 {
        let mask = self.buffer_mask.get();
        if mask != 0 {
            size & !mask
        } else {
            let bs = self.buffer_size.get();
            bs * (size / bs)
        }
    }

    fn reset_read(&self) {
        self.read_end.set(-1);
    }

    fn reset_write(&self) {
        self.write_pos.set(0);
        self.write_end.set(-1);
    }

    /// A copy of `buffer[start..end]` (empty if the range is invalid).
    fn slice(&self, start: i64, end: i64) -> Vec<u8> {
        let buf = self.buffer.borrow();
        if start < 0 || end < start {
            return Vec::new();
        }
        buf.get(start as usize..end as usize).map(|s| s.to_vec()).unwrap_or_default()
    }

    fn copy_in(&self, at: i64, data: &[u8]) {
        let mut buf = self.buffer.borrow_mut();
        if at < 0 {
            return;
        }
        let at = at as usize;
        if let Some(dst) = buf.get_mut(at..at + data.len()) {
            dst.copy_from_slice(data);
        }
    }
}

/// Busy while a locked operation runs (CPython's `ENTER_BUFFERED`).
struct Lock<'a>(&'a Buffered);

impl Drop for Lock<'_> {
    fn drop(&mut self) {
        self.0.busy.set(false);
        self.0.owner.set(0);
        self.0.lock.release();
    }
}

fn enter<'a>(vm: &Vm, o: &Obj, b: &'a Buffered) -> PyResult<Lock<'a>> {
    let me = thread::current_ident();
    if !b.lock.try_acquire() {
        if b.owner.get() == me {
            let r = vm.repr_string(o)?;
            return Err(vm.runtime_error(format!("reentrant call inside {r}")));
        }
        wait_for_other_thread(vm, o, b);
    }
    b.owner.set(me);
    b.busy.set(true);
    Ok(Lock(b))
}

/// Another thread is inside a locked operation: wait for it with the GIL
/// released (CPython's `_enter_buffered_busy`). At exit the other thread
/// may be a daemon thread frozen inside its raw call (it waits for the GIL
/// the main thread keeps), holding the lock for good: after a second,
/// CPython's fatal error (going on without the lock would find the buffer
/// moved out by that raw call, and a flush would spin).
fn wait_for_other_thread(vm: &Vm, o: &Obj, b: &Buffered) {
    let lock = &b.lock;
    if thread::is_finalizing(vm) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        if lock.wait_acquire(Some(deadline), false) == thread::WaitResult::Acquired {
            return;
        }
        let name = match vm.ascii(o) {
            Ok(r) => taipan_vm::api::str::as_str_lossy(&r).into_owned(),
            Err(_) => "<ascii(self) failed>".to_string(),
        };
        taipan_vm::api::traceback::fatal_error(
            "_enter_buffered_busy",
            &format!("could not acquire lock for {name} at interpreter shutdown, possibly due to daemon threads"),
        );
    }
    vm.allow_threads(|| while lock.wait_acquire(None, false) != thread::WaitResult::Acquired {});
}

fn data<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Buffered> {
    payload_or_err::<Buffered>(vm, o, "_io._Buffered")
}

/// The raw stream, or CPython's errors for an uninitialized or detached
/// object (`CHECK_INITIALIZED`).
fn check_init(vm: &Vm, b: &Buffered) -> PyResult<Obj> {
    if !b.ok.get() {
        if b.detached.get() {
            return Err(vm.value_error("raw stream has been detached"));
        }
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    b.raw.get().ok_or_else(|| vm.value_error("I/O operation on uninitialized object"))
}

fn raw_is_closed(vm: &Vm, b: &Buffered, raw: &Obj) -> PyResult<bool> {
    if b.fast_closed_checks.get() {
        if let Some(f) = raw.payload::<FileIO>() {
            return Ok(fileio::is_closed(f));
        }
    }
    let c = vm.getattr_str(raw, "closed")?;
    vm.is_true(&c)
}

/// `CHECK_CLOSED`: closed and nothing left to read in the buffer.
fn check_closed(vm: &Vm, b: &Buffered, raw: &Obj, msg: &str) -> PyResult<()> {
    if raw_is_closed(vm, b, raw)? && b.readahead() == 0 {
        return Err(vm.value_error(msg));
    }
    Ok(())
}

// ---- raw operations ------------------------------------------------------------------------------

fn memoryview(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(o), None)
}

fn release(vm: &Vm, mv: &Obj) {
    let _ = vm.call_method(mv, "release", &[]);
}

fn raw_tell(vm: &Vm, b: &Buffered, raw: &Obj) -> PyResult<i64> {
    let n = match fileio::exact(raw) {
        Some(f) => fileio::raw_seek(vm, f, 0, libc::SEEK_CUR)?,
        None => {
            let r = vm.call_method(raw, "tell", &[])?;
            off_t_arg(vm, &r)?
        }
    };
    if n < 0 {
        return Err(vm.os_error(format!("Raw stream returned invalid position {n}")));
    }
    b.abs_pos.set(n);
    Ok(n)
}

fn raw_seek(vm: &Vm, b: &Buffered, raw: &Obj, target: i64, whence: i32) -> PyResult<i64> {
    let n = match fileio::exact(raw) {
        Some(f) => fileio::raw_seek(vm, f, target, whence)?,
        None => {
            let r = vm.call_method(raw, "seek", &[vm.new_int(target), vm.new_int(whence as i64)])?;
            off_t_arg(vm, &r)?
        }
    };
    if n < 0 {
        return Err(vm.os_error(format!("Raw stream returned invalid position {n}")));
    }
    b.abs_pos.set(n);
    Ok(n)
}

/// `raw.readinto()` of a Python raw object: a memoryview of `len` bytes,
/// the data it got (None: would block).
/// OSError("raw readinto() failed") from the conversion error (CPython's
/// `_PyErr_FormatFromCause`).
fn readinto_failed(vm: &Vm, cause: PyErr) -> PyErr {
    let e = vm.os_error("raw readinto() failed");
    let cause = cause.value().clone();
    let linked =
        vm.setattr_str(e.value(), "__cause__", &cause).and_then(|_| vm.setattr_str(e.value(), "__context__", &cause));
    match linked {
        Ok(()) => e,
        Err(err) => err,
    }
}

fn py_raw_readinto(vm: &Vm, b: &Buffered, raw: &Obj, len: usize) -> PyResult<Option<Vec<u8>>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(len).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(len, 0);
    let ba = vm.new_bytearray(v);
    let mv = memoryview(vm, &ba)?;
    let res = loop {
        match vm.call_method(raw, "readinto", std::slice::from_ref(&mv)) {
            Err(e) if is_eintr(vm, &e) => continue,
            r => break r,
        }
    };
    release(vm, &mv);
    let res = res?;
    if vm.is_none(&res) {
        return Ok(None);
    }
    let n = result_ssize(vm, &res).map_err(|cause| readinto_failed(vm, cause))?;
    if n < 0 || n as usize > len {
        return Err(
            vm.os_error(format!("raw readinto() returned invalid length {n} (should have been between 0 and {len})"))
        );
    }
    if n > 0 && b.abs_pos.get() != -1 {
        b.abs_pos.set(b.abs_pos.get() + n as i64);
    }
    let data = buffer::with_bytes(vm, &ba, |d| d[..(n as usize).min(d.len())].to_vec())?;
    Ok(Some(data))
}

/// Read up to `len` bytes from the raw stream into `buffer[start..]`:
/// the count (0 at EOF), None if it would block.
fn raw_read_into_buffer(vm: &Vm, b: &Buffered, raw: &Obj, start: i64, len: i64) -> PyResult<Option<i64>> {
    if start < 0 || len < 0 {
        return Ok(Some(0));
    }
    let (start, len) = (start as usize, len as usize);
    if let Some(f) = fileio::exact(raw) {
        let mut buf = b.buffer.take();
        let r = match buf.get_mut(start..start + len) {
            Some(dst) => fileio::raw_readinto(vm, f, dst),
            None => Ok(Some(0)),
        };
        *b.buffer.borrow_mut() = buf;
        let r = r?;
        if let Some(n) = r {
            if n > 0 && b.abs_pos.get() != -1 {
                b.abs_pos.set(b.abs_pos.get() + n as i64);
            }
        }
        return Ok(r.map(|n| n as i64));
    }
    match py_raw_readinto(vm, b, raw, len)? {
        None => Ok(None),
        Some(d) => {
            b.copy_in(start as i64, &d);
            Ok(Some(d.len() as i64))
        }
    }
}

/// Read up to `len` bytes from the raw stream appended to `out`.
fn raw_read_append(vm: &Vm, b: &Buffered, raw: &Obj, out: &mut Vec<u8>, len: i64) -> PyResult<Option<i64>> {
    if len <= 0 {
        return Ok(Some(0));
    }
    if let Some(f) = fileio::exact(raw) {
        // Read in steps so a huge request on a short file touches no more
        // memory than the data (the raw reads return what there is).
        let mut total: i64 = 0;
        let first = fileio::raw_read_append(vm, f, out, len as usize)?;
        match first {
            None => return Ok(None),
            Some(n) => total += n as i64,
        }
        if total > 0 && b.abs_pos.get() != -1 {
            b.abs_pos.set(b.abs_pos.get() + total);
        }
        return Ok(Some(total));
    }
    match py_raw_readinto(vm, b, raw, len as usize)? {
        None => Ok(None),
        Some(d) => {
            let n = d.len() as i64;
            out.extend_from_slice(&d);
            Ok(Some(n))
        }
    }
}

/// `raw.write(data)`: the count written, None if it would block.
fn raw_write(vm: &Vm, b: &Buffered, raw: &Obj, data: &[u8]) -> PyResult<Option<i64>> {
    let n = match fileio::exact(raw) {
        Some(f) => match fileio::raw_write(vm, f, data)? {
            None => return Ok(None),
            Some(n) => n as i64,
        },
        None => {
            let bobj = vm.new_bytes(data.to_vec());
            let mv = memoryview(vm, &bobj)?;
            let res = loop {
                match vm.call_method(raw, "write", std::slice::from_ref(&mv)) {
                    Err(e) if is_eintr(vm, &e) => continue,
                    r => break r,
                }
            };
            release(vm, &mv);
            let res = res?;
            if vm.is_none(&res) {
                return Ok(None);
            }
            let n = result_ssize(vm, &res)? as i64;
            if n < 0 || n as usize > data.len() {
                return Err(vm.os_error(format!(
                    "raw write() returned invalid length {n} (should have been between 0 and {})",
                    data.len()
                )));
            }
            n
        }
    };
    if n > 0 && b.abs_pos.get() != -1 {
        b.abs_pos.set(b.abs_pos.get() + n);
    }
    Ok(Some(n))
}

/// Write `buffer[start..end]` to the raw stream (the buffer is moved out
/// while a native write runs).
fn raw_write_buffer(vm: &Vm, b: &Buffered, raw: &Obj, start: i64, end: i64) -> PyResult<Option<i64>> {
    if fileio::exact(raw).is_some() {
        let buf = b.buffer.take();
        let r = match buf.get(start.max(0) as usize..end.max(0) as usize) {
            Some(d) => raw_write(vm, b, raw, d),
            None => Ok(Some(0)),
        };
        *b.buffer.borrow_mut() = buf;
        return r;
    }
    let d = b.slice(start, end);
    raw_write(vm, b, raw, &d)
}

// ---- reading -------------------------------------------------------------------------------------

/// Fill the buffer from `read_end` (CPython's `_bufferedreader_fill_buffer`).
fn fill_buffer(vm: &Vm, b: &Buffered, raw: &Obj) -> PyResult<Option<i64>> {
    let start = if b.valid_read() { b.read_end.get() } else { 0 };
    let len = b.buffer_size.get() - start;
    let r = raw_read_into_buffer(vm, b, raw, start, len)?;
    if let Some(n) = r {
        if n > 0 {
            b.read_end.set(start + n);
            b.raw_pos.set(start + n);
        }
    }
    Ok(r)
}

fn read_fast(b: &Buffered, n: i64) -> Option<Vec<u8>> {
    let current = b.readahead();
    if n <= current && !b.busy.get() {
        let pos = b.pos.get();
        let out = b.slice(pos, pos + n);
        b.pos.set(pos + n);
        return Some(out);
    }
    None
}

/// `read(n)` past what is buffered; None: would block with nothing read.
fn read_generic(vm: &Vm, o: &Obj, b: &Buffered, raw: &Obj, n: i64) -> PyResult<Option<Vec<u8>>> {
    let current = b.readahead();
    if n <= current {
        let pos = b.pos.get();
        let out = b.slice(pos, pos + n);
        b.pos.set(pos + n);
        return Ok(Some(out));
    }
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve_exact(n as usize).is_err() {
        return Err(vm.memory_error());
    }
    let mut remaining = n;
    if current > 0 {
        let pos = b.pos.get();
        out.extend_from_slice(&b.slice(pos, pos + current));
        remaining -= current;
        b.pos.set(pos + current);
    }
    if b.writable.get() {
        flush_and_rewind(vm, o, b, raw)?;
    }
    b.reset_read();
    while remaining > 0 {
        let r = b.minus_last_block(remaining);
        if r == 0 {
            break;
        }
        match raw_read_append(vm, b, raw, &mut out, r)? {
            Some(0) => return Ok(Some(out)),
            None => return Ok(if out.is_empty() { None } else { Some(out) }),
            Some(got) => remaining -= got,
        }
    }
    b.pos.set(0);
    b.raw_pos.set(0);
    b.read_end.set(0);
    while remaining > 0 && b.read_end.get() < b.buffer_size.get() {
        match fill_buffer(vm, b, raw)? {
            Some(0) => return Ok(Some(out)),
            None => return Ok(if out.is_empty() { None } else { Some(out) }),
            Some(r) => {
                let take = r.min(remaining);
                let pos = b.pos.get();
                out.extend_from_slice(&b.slice(pos, pos + take));
                b.pos.set(pos + take);
                remaining -= take;
            }
        }
    }
    Ok(Some(out))
}

/// `read()` to EOF; the raw stream's `readall()` when it has one.
fn read_all(vm: &Vm, o: &Obj, b: &Buffered, raw: &Obj) -> PyResult<Obj> {
    let current = b.readahead();
    let mut data: Option<Vec<u8>> = None;
    if current > 0 {
        let pos = b.pos.get();
        data = Some(b.slice(pos, pos + current));
        b.pos.set(pos + current);
    }
    if b.writable.get() {
        flush_and_rewind(vm, o, b, raw)?;
    }
    b.reset_read();
    if let Some(f) = fileio::exact(raw) {
        let rest = fileio::raw_readall(vm, f)?;
        return Ok(match (data, rest) {
            (None, None) => vm.none(),
            (None, Some(r)) => vm.new_bytes(r),
            (Some(d), None) => vm.new_bytes(d),
            (Some(mut d), Some(r)) => {
                d.extend_from_slice(&r);
                vm.new_bytes(d)
            }
        });
    }
    if let Some(readall) = vm.getattr_str_opt(raw, "readall")? {
        let tmp = vm.call0(&readall)?;
        if !vm.is_none(&tmp) && bytes::as_bytes_ref(&tmp).is_none() {
            return Err(vm.type_error("readall() should return bytes"));
        }
        return Ok(match data {
            None => tmp,
            Some(mut d) => {
                if let Some(t) = bytes::as_bytes_ref(&tmp) {
                    d.extend_from_slice(t);
                }
                vm.new_bytes(d)
            }
        });
    }
    let mut chunks: Vec<u8> = data.clone().unwrap_or_default();
    let mut any = data.is_some();
    loop {
        let r = vm.call_method(raw, "read", &[])?;
        if !vm.is_none(&r) && bytes::as_bytes_ref(&r).is_none() {
            return Err(vm.type_error("read() should return bytes"));
        }
        let chunk = bytes::as_bytes_ref(&r);
        if chunk.is_none_or(|c| c.is_empty()) {
            if !any {
                return Ok(r);
            }
            return Ok(vm.new_bytes(chunks));
        }
        let c = chunk.unwrap_or_default();
        chunks.extend_from_slice(c);
        any = true;
        if b.abs_pos.get() != -1 {
            b.abs_pos.set(b.abs_pos.get() + c.len() as i64);
        }
    }
}

fn peek_unlocked(vm: &Vm, b: &Buffered, raw: &Obj) -> PyResult<Vec<u8>> {
    let have = b.readahead();
    if have > 0 {
        return Ok(b.slice(b.pos.get(), b.read_end.get()));
    }
    b.reset_read();
    let r = fill_buffer(vm, b, raw)?.unwrap_or(0);
    b.pos.set(0);
    Ok(b.slice(0, r))
}

fn read1_impl(vm: &Vm, o: &Obj, b: &Buffered, raw: &Obj, n: i64) -> PyResult<Vec<u8>> {
    check_closed(vm, b, raw, "read of closed file")?;
    let n = if n < 0 { b.buffer_size.get() } else { n };
    if n == 0 {
        return Ok(Vec::new());
    }
    let have = b.readahead();
    if have > 0 && !b.busy.get() {
        let n = have.min(n);
        let pos = b.pos.get();
        b.pos.set(pos + n);
        return Ok(b.slice(pos, pos + n));
    }
    let _lock = enter(vm, o, b)?;
    if b.writable.get() {
        flush_and_rewind(vm, o, b, raw)?;
    }
    b.reset_read();
    let mut out = Vec::new();
    raw_read_append(vm, b, raw, &mut out, n)?;
    Ok(out)
}

fn readline_impl(vm: &Vm, o: &Obj, b: &Buffered, raw: &Obj, mut limit: i64) -> PyResult<Vec<u8>> {
    check_closed(vm, b, raw, "readline of closed file")?;
    let mut n = b.readahead();
    if limit >= 0 && n > limit {
        n = limit;
    }
    if !b.busy.get() {
        let pos = b.pos.get();
        let head = b.slice(pos, pos + n);
        if let Some(i) = head.iter().position(|&c| c == b'\n') {
            b.pos.set(pos + i as i64 + 1);
            return Ok(head[..=i].to_vec());
        }
        if n == limit {
            b.pos.set(pos + n);
            return Ok(head);
        }
    }
    let _lock = enter(vm, o, b)?;
    let mut chunks: Vec<u8> = Vec::new();
    if n > 0 {
        let pos = b.pos.get();
        chunks.extend_from_slice(&b.slice(pos, pos + n));
        b.pos.set(pos + n);
        if limit >= 0 {
            limit -= n;
        }
    }
    if b.writable.get() {
        flush_and_rewind(vm, o, b, raw)?;
    }
    loop {
        b.reset_read();
        let mut n = match fill_buffer(vm, b, raw)? {
            Some(n) if n > 0 => n,
            _ => break,
        };
        if limit >= 0 && n > limit {
            n = limit;
        }
        let got = b.slice(0, n);
        if let Some(i) = got.iter().position(|&c| c == b'\n') {
            chunks.extend_from_slice(&got[..=i]);
            b.pos.set(i as i64 + 1);
            break;
        }
        chunks.extend_from_slice(&got);
        if n == limit {
            b.pos.set(n);
            break;
        }
        if limit >= 0 {
            limit -= n;
        }
    }
    Ok(chunks)
}

fn readinto_generic(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>, readinto1: bool) -> PyResult<Obj> {
    let fname = if readinto1 { "readinto1" } else { "readinto" };
    let a = posargs(vm, fname, a, kw, 1, 1)?;
    let what = if readinto1 { "readinto1() argument" } else { "readinto() argument" };
    let target = &a[0];
    let len = buffer::with_writable(vm, target, what, |d| d.len())? as i64;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    check_closed(vm, b, &raw, "readinto of closed file")?;
    let mut out: Vec<u8> = Vec::new();
    let n = b.readahead();
    let mut written: i64 = 0;
    if n > 0 && !b.busy.get() {
        let pos = b.pos.get();
        if n >= len {
            out = b.slice(pos, pos + len);
            b.pos.set(pos + len);
            copy_to_target(vm, target, what, &out)?;
            return Ok(vm.new_int(len));
        }
        out.extend_from_slice(&b.slice(pos, pos + n));
        b.pos.set(pos + n);
        written = n;
    }
    let result: PyResult<Option<i64>> = (|| {
        let _lock = enter(vm, o, b)?;
        if b.writable.get() {
            flush_and_rewind(vm, o, b, &raw)?;
        }
        b.reset_read();
        b.pos.set(0);
        let mut remaining = len - written;
        while remaining > 0 {
            let n: Option<i64>;
            if remaining > b.buffer_size.get() {
                n = raw_read_append(vm, b, &raw, &mut out, remaining)?;
            } else if !(readinto1 && written > 0) {
                let r = fill_buffer(vm, b, &raw)?;
                if let Some(r) = r.filter(|&r| r > 0) {
                    let take = r.min(remaining);
                    let pos = b.pos.get();
                    out.extend_from_slice(&b.slice(pos, pos + take));
                    b.pos.set(pos + take);
                    written += take;
                    remaining -= take;
                    continue;
                }
                n = r;
            } else {
                n = Some(0);
            }
            match n {
                Some(0) => break,
                None if written > 0 => break,
                None => return Ok(None),
                Some(n) => {
                    written += n;
                    if readinto1 {
                        break;
                    }
                    remaining -= n;
                }
            }
        }
        Ok(Some(written))
    })();
    copy_to_target(vm, target, what, &out)?;
    match result? {
        None => Ok(vm.none()),
        Some(w) => Ok(vm.new_int(w)),
    }
}

fn copy_to_target(vm: &Vm, target: &Obj, what: &str, data: &[u8]) -> PyResult<()> {
    buffer::with_writable(vm, target, what, |d| {
        let n = data.len().min(d.len());
        d[..n].copy_from_slice(&data[..n]);
    })
}

// ---- writing -------------------------------------------------------------------------------------

fn is_blocking_error(vm: &Vm, e: &PyErr) -> bool {
    vm.ctx.exceptions.by_name.get("BlockingIOError").is_some_and(|t| vm.err_matches(e, t))
}

/// Write the dirty range out (CPython's `_bufferedwriter_flush_unlocked`).
fn flush_unlocked(vm: &Vm, b: &Buffered, raw: &Obj) -> PyResult<()> {
    if !b.valid_write() || b.write_pos.get() == b.write_end.get() {
        b.reset_write();
        return Ok(());
    }
    let rewind = b.raw_offset() + (b.pos.get() - b.write_pos.get());
    if rewind != 0 {
        raw_seek(vm, b, raw, -rewind, 1)?;
        b.raw_pos.set(b.raw_pos.get() - rewind);
    }
    while b.write_pos.get() < b.write_end.get() {
        match raw_write_buffer(vm, b, raw, b.write_pos.get(), b.write_end.get())? {
            None => return Err(super::blocking_error(vm, "write could not complete without blocking", 0)),
            Some(n) => {
                b.write_pos.set(b.write_pos.get() + n);
                b.raw_pos.set(b.write_pos.get());
            }
        }
        vm.check_signals()?;
    }
    b.reset_write();
    Ok(())
}

/// Flush, then move the raw stream back to the logical position.
fn flush_and_rewind(vm: &Vm, _o: &Obj, b: &Buffered, raw: &Obj) -> PyResult<()> {
    flush_unlocked(vm, b, raw)?;
    if b.readable.get() {
        let r = raw_seek(vm, b, raw, -b.raw_offset(), 1);
        b.reset_read();
        r?;
    }
    Ok(())
}

fn write_impl(vm: &Vm, o: &Obj, b: &Buffered, raw: &Obj, data: &[u8]) -> PyResult<usize> {
    let _lock = enter(vm, o, b)?;
    if raw_is_closed(vm, b, raw)? {
        return Err(vm.value_error("write to closed file"));
    }
    let len = data.len() as i64;
    if !b.valid_read() && !b.valid_write() {
        b.pos.set(0);
        b.raw_pos.set(0);
    }
    let avail = b.buffer_size.get() - b.pos.get();
    if len <= avail {
        b.copy_in(b.pos.get(), data);
        if !b.valid_write() || b.write_pos.get() > b.pos.get() {
            b.write_pos.set(b.pos.get());
        }
        b.adjust_position(b.pos.get() + len);
        if b.pos.get() > b.write_end.get() {
            b.write_end.set(b.pos.get());
        }
        return Ok(data.len());
    }
    if let Err(e) = flush_unlocked(vm, b, raw) {
        if !is_blocking_error(vm, &e) {
            return Err(e);
        }
        if b.readable.get() {
            b.reset_read();
        }
        // Make room by shifting the dirty data to the start.
        let (wp, we) = (b.write_pos.get(), b.write_end.get());
        {
            let mut buf = b.buffer.borrow_mut();
            if wp >= 0 && we >= wp && (we as usize) <= buf.len() {
                buf.copy_within(wp as usize..we as usize, 0);
            }
        }
        b.write_end.set(we - wp);
        b.raw_pos.set(b.raw_pos.get() - wp);
        b.pos.set(b.pos.get() - wp);
        b.write_pos.set(0);
        let avail = b.buffer_size.get() - b.write_end.get();
        if len <= avail {
            b.copy_in(b.write_end.get(), data);
            b.write_end.set(b.write_end.get() + len);
            b.pos.set(b.pos.get() + len);
            return Ok(data.len());
        }
        let avail = avail.max(0);
        b.copy_in(b.write_end.get(), &data[..avail as usize]);
        b.write_end.set(b.write_end.get() + avail);
        b.pos.set(b.pos.get() + avail);
        return Err(super::blocking_error(vm, "write could not complete without blocking", avail as usize));
    }
    let offset = b.raw_offset();
    if offset != 0 {
        raw_seek(vm, b, raw, -offset, 1)?;
        b.raw_pos.set(b.raw_pos.get() - offset);
    }
    let mut remaining = len;
    let mut written: i64 = 0;
    while remaining > b.buffer_size.get() {
        match raw_write(vm, b, raw, &data[written as usize..])? {
            None => {
                let bs = b.buffer_size.get();
                b.copy_in(0, &data[written as usize..(written + bs) as usize]);
                b.raw_pos.set(0);
                b.adjust_position(bs);
                b.write_end.set(bs);
                written += bs;
                return Err(super::blocking_error(vm, "write could not complete without blocking", written as usize));
            }
            Some(n) => {
                written += n;
                remaining -= n;
            }
        }
        vm.check_signals()?;
    }
    if b.readable.get() {
        b.reset_read();
    }
    if remaining > 0 {
        b.copy_in(0, &data[written as usize..]);
        written += remaining;
    }
    b.write_pos.set(0);
    b.write_end.set(remaining);
    b.adjust_position(remaining);
    b.raw_pos.set(0);
    Ok(written as usize)
}

// ---- the native fast paths TextIOWrapper uses ----------------------------------------------------

/// The state of an exact native buffered object (TextIOWrapper's fast
/// paths).
pub(crate) fn exact(o: &Obj) -> Option<&Buffered> {
    if !super::is_exact_native(o) {
        return None;
    }
    o.payload::<Buffered>().filter(|b| b.ok.get())
}

/// `buffer.write(data)` of an exact BufferedWriter/BufferedRandom.
pub(crate) fn fast_write(vm: &Vm, o: &Obj, data: &[u8]) -> Option<PyResult<usize>> {
    let b = exact(o).filter(|b| b.writable.get())?;
    Some(check_init(vm, b).and_then(|raw| write_impl(vm, o, b, &raw, data)))
}

/// `buffer.read1(n)` of an exact BufferedReader/BufferedRandom.
pub(crate) fn fast_read1(vm: &Vm, o: &Obj, n: i64) -> Option<PyResult<Vec<u8>>> {
    let b = exact(o).filter(|b| b.readable.get())?;
    Some(check_init(vm, b).and_then(|raw| read1_impl(vm, o, b, &raw, n)))
}

/// `buffer.flush()` of an exact BufferedWriter/BufferedRandom.
pub(crate) fn fast_flush(vm: &Vm, o: &Obj) -> Option<PyResult<()>> {
    let b = exact(o).filter(|b| b.writable.get())?;
    Some((|| {
        let raw = check_init(vm, b)?;
        check_closed(vm, b, &raw, "flush of closed file")?;
        let _lock = enter(vm, o, b)?;
        flush_and_rewind(vm, o, b, &raw)
    })())
}

/// The raw FileIO under an exact buffered object, if it is an exact
/// FileIO (TextIOWrapper's closed checks).
pub(crate) fn exact_raw_fileio(o: &Obj) -> Option<Obj> {
    let b = exact(o)?;
    let raw = b.raw.get()?;
    fileio::exact(&raw)?;
    Some(raw)
}

// ---- the types -----------------------------------------------------------------------------------

pub(crate) fn make_types(vm: &Vm, base: &Obj) -> Vec<(&'static str, Obj)> {
    let mk = |name: &'static str, methods: &'static [MethodDef], next: bool| {
        let spec = TypeSpec {
            name,
            base: Some(base),
            flags: taipan_vm::api::types::flags::BASETYPE,
            gc: true,
            dict: true,
            weakref: true,
            methods,
            getsets: GETSETS,
            doc: None,
        };
        taipan_vm::api::types::new_type::<Buffered>(vm, &spec, |s| {
            s.new.set(Some(buffered_new));
            s.init.set(Some(match name {
                "_io.BufferedReader" => reader_init,
                "_io.BufferedWriter" => writer_init,
                _ => random_init,
            }));
            s.repr.set(Some(buffered_repr));
            if next {
                s.iternext.set(Some(buffered_iternext));
            }
        })
    };
    let rwpair = {
        let spec = TypeSpec {
            name: "_io.BufferedRWPair",
            base: Some(base),
            flags: taipan_vm::api::types::flags::BASETYPE,
            gc: true,
            dict: true,
            weakref: true,
            methods: RWPAIR_METHODS,
            getsets: &[GetSetDef::new("closed", rwpair_closed, None)],
            doc: None,
        };
        taipan_vm::api::types::new_type::<RWPair>(vm, &spec, |s| {
            s.new.set(Some(rwpair_new));
            s.init.set(Some(rwpair_init));
        })
    };
    vec![
        ("_io.BufferedReader", mk("_io.BufferedReader", READER_METHODS, true)),
        ("_io.BufferedWriter", mk("_io.BufferedWriter", WRITER_METHODS, false)),
        ("_io.BufferedRWPair", rwpair),
        ("_io.BufferedRandom", mk("_io.BufferedRandom", RANDOM_METHODS, true)),
    ]
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("raw", |vm, o| Ok(data(vm, o)?.raw.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new(
        "_finalizing",
        |vm, o| Ok(vm.bool_obj(data(vm, o)?.finalizing.get())),
        Some(|vm, o, v| {
            let v = v.ok_or_else(|| vm.type_error("can't delete attribute"))?;
            let f = vm.is_true(v)?;
            data(vm, o)?.finalizing.set(f);
            Ok(())
        }),
    ),
    GetSetDef::new("closed", |vm, o| forward_attr(vm, o, "closed"), None),
    GetSetDef::new("name", |vm, o| forward_attr(vm, o, "name"), None),
    GetSetDef::new("mode", |vm, o| forward_attr(vm, o, "mode"), None),
];

const READER_METHODS: &[MethodDef] = &[
    MethodDef::method("close", buffered_close),
    MethodDef::method("detach", buffered_detach),
    MethodDef::method("seek", buffered_seek),
    MethodDef::method("tell", buffered_tell),
    MethodDef::method("truncate", buffered_truncate),
    MethodDef::method("fileno", |vm, o, a, k| forward_call(vm, o, "fileno", a, k)),
    MethodDef::method("isatty", |vm, o, a, k| forward_call(vm, o, "isatty", a, k)),
    MethodDef::method("seekable", |vm, o, a, k| forward_call(vm, o, "seekable", a, k)),
    MethodDef::method("_dealloc_warn", |vm, o, a, k| {
        let a = posargs(vm, "_dealloc_warn", a, k, 1, 1)?;
        dealloc_warn(vm, data(vm, o)?, &a[0]);
        Ok(vm.none())
    }),
    MethodDef::method("__sizeof__", buffered_sizeof),
    MethodDef::method("read", buffered_read),
    MethodDef::method("peek", buffered_peek),
    MethodDef::method("read1", buffered_read1),
    MethodDef::method("readinto", |vm, o, a, k| readinto_generic(vm, o, a, k, false)),
    MethodDef::method("readinto1", |vm, o, a, k| readinto_generic(vm, o, a, k, true)),
    MethodDef::method("readline", buffered_readline),
    MethodDef::method("readable", |vm, o, a, k| forward_call(vm, o, "readable", a, k)),
    MethodDef::method("flush", buffered_simple_flush),
];

const WRITER_METHODS: &[MethodDef] = &[
    MethodDef::method("close", buffered_close),
    MethodDef::method("detach", buffered_detach),
    MethodDef::method("seek", buffered_seek),
    MethodDef::method("tell", buffered_tell),
    MethodDef::method("truncate", buffered_truncate),
    MethodDef::method("fileno", |vm, o, a, k| forward_call(vm, o, "fileno", a, k)),
    MethodDef::method("isatty", |vm, o, a, k| forward_call(vm, o, "isatty", a, k)),
    MethodDef::method("seekable", |vm, o, a, k| forward_call(vm, o, "seekable", a, k)),
    MethodDef::method("_dealloc_warn", |vm, o, a, k| {
        let a = posargs(vm, "_dealloc_warn", a, k, 1, 1)?;
        dealloc_warn(vm, data(vm, o)?, &a[0]);
        Ok(vm.none())
    }),
    MethodDef::method("__sizeof__", buffered_sizeof),
    MethodDef::method("write", buffered_write),
    MethodDef::method("flush", buffered_flush),
    MethodDef::method("writable", |vm, o, a, k| forward_call(vm, o, "writable", a, k)),
];

const RANDOM_METHODS: &[MethodDef] = &[
    MethodDef::method("close", buffered_close),
    MethodDef::method("detach", buffered_detach),
    MethodDef::method("seek", buffered_seek),
    MethodDef::method("tell", buffered_tell),
    MethodDef::method("truncate", buffered_truncate),
    MethodDef::method("fileno", |vm, o, a, k| forward_call(vm, o, "fileno", a, k)),
    MethodDef::method("isatty", |vm, o, a, k| forward_call(vm, o, "isatty", a, k)),
    MethodDef::method("seekable", |vm, o, a, k| forward_call(vm, o, "seekable", a, k)),
    MethodDef::method("_dealloc_warn", |vm, o, a, k| {
        let a = posargs(vm, "_dealloc_warn", a, k, 1, 1)?;
        dealloc_warn(vm, data(vm, o)?, &a[0]);
        Ok(vm.none())
    }),
    MethodDef::method("__sizeof__", buffered_sizeof),
    MethodDef::method("read", buffered_read),
    MethodDef::method("peek", buffered_peek),
    MethodDef::method("read1", buffered_read1),
    MethodDef::method("readinto", |vm, o, a, k| readinto_generic(vm, o, a, k, false)),
    MethodDef::method("readinto1", |vm, o, a, k| readinto_generic(vm, o, a, k, true)),
    MethodDef::method("readline", buffered_readline),
    MethodDef::method("readable", |vm, o, a, k| forward_call(vm, o, "readable", a, k)),
    MethodDef::method("write", buffered_write),
    MethodDef::method("flush", buffered_flush),
    MethodDef::method("writable", |vm, o, a, k| forward_call(vm, o, "writable", a, k)),
];

fn buffered_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // The owner is whichever of the three native types `cls` derives from.
    for name in ["_io.BufferedReader", "_io.BufferedWriter", "_io.BufferedRandom"] {
        let t = io_type(vm, name);
        if vm.is_subtype(cls, &t) {
            return alloc_instance(vm, cls, &t, Buffered::default());
        }
    }
    alloc_instance(vm, cls, &io_type(vm, "_io.BufferedReader"), Buffered::default())
}

fn parse_init(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<(Obj, i64)> {
    let a = args::parse(vm, fname, a, kw, &["raw", "buffer_size"], 1)?;
    let raw = a[0].clone().unwrap_or_else(|| vm.none());
    let size = match &a[1] {
        None => DEFAULT_BUFFER_SIZE as i64,
        Some(s) => super::ssize_arg(vm, s)? as i64,
    };
    Ok((raw, size))
}

/// CPython's `_buffered_init`: the buffer, and the raw position.
fn buffered_setup(vm: &Vm, b: &Buffered, raw: &Obj, size: i64) -> PyResult<()> {
    if size <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    let mut buf = Vec::new();
    if buf.try_reserve_exact(size as usize).is_err() {
        return Err(vm.memory_error());
    }
    buf.resize(size as usize, 0);
    *b.buffer.borrow_mut() = buf;
    b.buffer_size.set(size);
    b.buffer_mask.set(if size & (size - 1) == 0 { size - 1 } else { 0 });
    b.busy.set(false);
    b.owner.set(0);
    b.lock.reinit();
    // A raw stream that cannot tell (a pipe) leaves the position as it
    // was, as CPython does.
    let _ = raw_tell(vm, b, raw);
    Ok(())
}

fn init_common(vm: &Vm, o: &Obj, raw: Obj, size: i64, readable: bool, writable: bool) -> PyResult<()> {
    let b = data(vm, o)?;
    b.ok.set(false);
    b.detached.set(false);
    b.raw.set(Some(raw.clone()));
    b.readable.set(readable);
    b.writable.set(writable);
    buffered_setup(vm, b, &raw, size)?;
    b.reset_read();
    b.reset_write();
    b.pos.set(0);
    b.fast_closed_checks.set(super::is_exact_native(o) && fileio::exact(&raw).is_some());
    b.ok.set(true);
    Ok(())
}

fn reader_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let (raw, size) = parse_init(vm, "BufferedReader", a, kw)?;
    iobase::check_readable(vm, &raw)?;
    init_common(vm, o, raw, size, true, false)
}

fn writer_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let (raw, size) = parse_init(vm, "BufferedWriter", a, kw)?;
    iobase::check_writable(vm, &raw)?;
    init_common(vm, o, raw, size, false, true)
}

fn random_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let (raw, size) = parse_init(vm, "BufferedRandom", a, kw)?;
    iobase::check_seekable(vm, &raw)?;
    iobase::check_readable(vm, &raw)?;
    iobase::check_writable(vm, &raw)?;
    init_common(vm, o, raw, size, true, true)
}

fn buffered_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name = match vm.getattr_str_opt(o, "name") {
        Ok(n) => n,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.value_error) => None,
        Err(e) => return Err(e),
    };
    let tname = tp_name(o);
    match name {
        None => Ok(vm.new_str_from_string(format!("<{tname}>"))),
        Some(n) => {
            let Some(_guard) = vm.repr_enter(o) else {
                return Err(vm.runtime_error(format!("reentrant call inside {tname}.__repr__")));
            };
            let r = vm.repr_string(&n)?;
            Ok(vm.new_str_from_string(format!("<{tname} name={r}>")))
        }
    }
}

/// `self.raw.<name>` after the initialization check.
fn forward_attr(vm: &Vm, o: &Obj, name: &str) -> PyResult<Obj> {
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    vm.getattr_str(&raw, name)
}

/// `self.raw.<name>()`.
fn forward_call(vm: &Vm, o: &Obj, name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, name, a, kw)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    vm.call_method(&raw, name, &[])
}

fn buffered_sizeof(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "__sizeof__", a, kw)?;
    let b = data(vm, o)?;
    let base = o.class().basicsize as i64;
    let extra = if b.buffer.borrow().is_empty() { 0 } else { b.buffer_size.get() };
    Ok(vm.new_int(base + extra))
}

fn buffered_read(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read", a, kw, 0, 1)?;
    let n = optional_ssize(vm, a.first(), -1)? as i64;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    if n < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    check_closed(vm, b, &raw, "read of closed file")?;
    if n == -1 {
        let _lock = enter(vm, o, b)?;
        return read_all(vm, o, b, &raw);
    }
    if let Some(v) = read_fast(b, n) {
        return Ok(vm.new_bytes(v));
    }
    let _lock = enter(vm, o, b)?;
    Ok(match read_generic(vm, o, b, &raw, n)? {
        Some(v) => vm.new_bytes(v),
        None => vm.none(),
    })
}

fn buffered_read1(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read1", a, kw, 0, 1)?;
    let n = match a.first() {
        Some(s) => super::ssize_arg(vm, s)? as i64,
        None => -1,
    };
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    Ok(vm.new_bytes(read1_impl(vm, o, b, &raw, n)?))
}

fn buffered_peek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "peek", a, kw, 0, 1)?;
    if let Some(s) = a.first() {
        super::ssize_arg(vm, s)?;
    }
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    check_closed(vm, b, &raw, "peek of closed file")?;
    let _lock = enter(vm, o, b)?;
    if b.writable.get() {
        flush_and_rewind(vm, o, b, &raw)?;
    }
    Ok(vm.new_bytes(peek_unlocked(vm, b, &raw)?))
}

fn buffered_readline(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readline", a, kw, 0, 1)?;
    let limit = optional_ssize(vm, a.first(), -1)? as i64;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    Ok(vm.new_bytes(readline_impl(vm, o, b, &raw, limit)?))
}

fn buffered_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    let line = if super::is_exact_native(o) {
        vm.new_bytes(readline_impl(vm, o, b, &raw, -1)?)
    } else {
        let l = vm.call_method(o, "readline", &[])?;
        if bytes::as_bytes_ref(&l).is_none() {
            return Err(vm.os_error(format!("readline() should have returned a bytes object, not '{}'", tp_name(&l))));
        }
        l
    };
    if bytes::as_bytes_ref(&line).is_some_and(|l| l.is_empty()) {
        return Ok(None);
    }
    Ok(Some(line))
}

fn buffered_write(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "write", a, kw, 1, 1)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    let d = buffer::with_bytes(vm, &a[0], |d| d.to_vec())?;
    Ok(vm.new_usize(write_impl(vm, o, b, &raw, &d)?))
}

fn buffered_flush(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "flush", a, kw)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    check_closed(vm, b, &raw, "flush of closed file")?;
    let _lock = enter(vm, o, b)?;
    flush_and_rewind(vm, o, b, &raw)?;
    Ok(vm.none())
}

fn buffered_simple_flush(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "flush", a, kw)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    vm.call_method(&raw, "flush", &[])
}

fn buffered_tell(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "tell", a, kw)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    let pos = raw_tell(vm, b, &raw)? - b.raw_offset();
    Ok(vm.new_int(pos.max(0)))
}

fn buffered_seek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "seek", a, kw, 1, 2)?;
    let whence = match a.get(1) {
        Some(w) => c_int_arg(vm, w)?,
        None => 0,
    };
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    if !(0..=4).contains(&whence) {
        return Err(vm.value_error(format!("whence value {whence} unsupported")));
    }
    check_closed(vm, b, &raw, "seek of closed file")?;
    iobase::check_seekable(vm, &raw)?;
    let mut target = off_t_arg(vm, &a[0])?;
    if (whence == 0 || whence == 1) && b.readable.get() && !b.busy.get() {
        let current = if b.abs_pos.get() != -1 { b.abs_pos.get() } else { raw_tell(vm, b, &raw)? };
        let avail = b.readahead();
        if avail > 0 {
            let offset = if whence == 0 { target.checked_sub(current - b.raw_offset()) } else { Some(target) };
            if let Some(offset) = offset.filter(|&o| o >= -b.pos.get() && o <= avail) {
                b.pos.set(b.pos.get() + offset);
                return Ok(vm.new_int(current - avail + offset));
            }
        }
    }
    let _lock = enter(vm, o, b)?;
    if b.writable.get() {
        flush_unlocked(vm, b, &raw)?;
    }
    if whence == 1 {
        // C arithmetic, as CPython's `target -= RAW_OFFSET(self)`.
        target = target.wrapping_sub(b.raw_offset());
    }
    let n = raw_seek(vm, b, &raw, target, whence)?;
    b.raw_pos.set(-1);
    if b.readable.get() {
        b.reset_read();
    }
    Ok(vm.new_int(n))
}

fn buffered_truncate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "truncate", a, kw, 0, 1)?;
    let pos = a.first().cloned().unwrap_or_else(|| vm.none());
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    check_closed(vm, b, &raw, "truncate of closed file")?;
    if !b.writable.get() {
        return Err(unsupported(vm, "truncate"));
    }
    let _lock = enter(vm, o, b)?;
    flush_and_rewind(vm, o, b, &raw)?;
    let res = vm.call_method(&raw, "truncate", &[pos])?;
    let _ = raw_tell(vm, b, &raw);
    Ok(res)
}

fn buffered_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "close", a, kw)?;
    let b = data(vm, o)?;
    let raw = check_init(vm, b)?;
    {
        let _lock = enter(vm, o, b)?;
        if raw_is_closed(vm, b, &raw)? {
            return Ok(vm.none());
        }
    }
    if b.finalizing.get() {
        dealloc_warn(vm, b, o);
    }
    let flushed = vm.call_method(o, "flush", &[]);
    let _lock = enter(vm, o, b)?;
    let closed = vm.call_method(&raw, "close", &[]);
    b.read_end.set(0);
    b.pos.set(0);
    match (flushed, closed) {
        (Ok(_), r) => r,
        (Err(e), Ok(_)) => Err(e),
        (Err(first), Err(later)) => Err(super::chain(vm, first, later)),
    }
}

/// `_dealloc_warn(source)`: ask the raw stream to warn that `source` is
/// collected unclosed (CPython's `buffered_dealloc_warn`); errors ignored.
fn dealloc_warn(vm: &Vm, b: &Buffered, source: &Obj) {
    if !b.ok.get() {
        return;
    }
    if let Some(raw) = b.raw.get() {
        let _ = vm.call_method(&raw, "_dealloc_warn", std::slice::from_ref(source));
    }
}

fn buffered_detach(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "detach", a, kw)?;
    let b = data(vm, o)?;
    check_init(vm, b)?;
    vm.call_method(o, "flush", &[])?;
    let raw = b.raw.take().unwrap_or_else(|| vm.none());
    b.detached.set(true);
    b.ok.set(false);
    Ok(raw)
}

// ---- BufferedRWPair ------------------------------------------------------------------------------

pub(crate) struct RWPair {
    reader: ObjCell,
    writer: ObjCell,
}
impl PyPayload for RWPair {}

fn rwpair_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(
        vm,
        cls,
        &io_type(vm, "_io.BufferedRWPair"),
        RWPair { reader: ObjCell::new(None), writer: ObjCell::new(None) },
    )
}

fn rwpair_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    if kw.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("BufferedRWPair() takes no keyword arguments"));
    }
    let a = posargs(vm, "BufferedRWPair", a, None, 2, 3)?;
    let size = match a.get(2) {
        Some(s) => super::ssize_arg(vm, s)? as i64,
        None => DEFAULT_BUFFER_SIZE as i64,
    };
    let p = payload_or_err::<RWPair>(vm, o, "_io.BufferedRWPair")?;
    iobase::check_readable(vm, &a[0])?;
    iobase::check_writable(vm, &a[1])?;
    let reader = vm.call(&io_type(vm, "_io.BufferedReader"), &[a[0].clone(), vm.new_int(size)], None)?;
    p.reader.set(Some(reader));
    match vm.call(&io_type(vm, "_io.BufferedWriter"), &[a[1].clone(), vm.new_int(size)], None) {
        Ok(w) => p.writer.set(Some(w)),
        Err(e) => {
            p.reader.set(None);
            return Err(e);
        }
    }
    Ok(())
}

fn rwpair_side(vm: &Vm, o: &Obj, writer: bool) -> PyResult<Obj> {
    let p = payload_or_err::<RWPair>(vm, o, "_io.BufferedRWPair")?;
    let side = if writer { p.writer.get() } else { p.reader.get() };
    side.ok_or_else(|| vm.value_error("I/O operation on uninitialized object"))
}

fn rwpair_forward(vm: &Vm, o: &Obj, writer: bool, name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let side = rwpair_side(vm, o, writer)?;
    let f = vm.getattr_str(&side, name)?;
    vm.call(&f, a, kw)
}

const RWPAIR_METHODS: &[MethodDef] = &[
    MethodDef::method("read", |vm, o, a, k| rwpair_forward(vm, o, false, "read", a, k)),
    MethodDef::method("peek", |vm, o, a, k| rwpair_forward(vm, o, false, "peek", a, k)),
    MethodDef::method("read1", |vm, o, a, k| rwpair_forward(vm, o, false, "read1", a, k)),
    MethodDef::method("readinto", |vm, o, a, k| rwpair_forward(vm, o, false, "readinto", a, k)),
    MethodDef::method("readinto1", |vm, o, a, k| rwpair_forward(vm, o, false, "readinto1", a, k)),
    MethodDef::method("write", |vm, o, a, k| rwpair_forward(vm, o, true, "write", a, k)),
    MethodDef::method("flush", |vm, o, a, k| rwpair_forward(vm, o, true, "flush", a, k)),
    MethodDef::method("readable", |vm, o, a, k| rwpair_forward(vm, o, false, "readable", a, k)),
    MethodDef::method("writable", |vm, o, a, k| rwpair_forward(vm, o, true, "writable", a, k)),
    MethodDef::method("close", |vm, o, a, k| {
        noargs(vm, "close", a, k)?;
        let first = rwpair_forward(vm, o, true, "close", &[], None);
        let second = rwpair_forward(vm, o, false, "close", &[], None);
        match (first, second) {
            (Ok(_), r) => r,
            (Err(e), Ok(_)) => Err(e),
            (Err(e1), Err(e2)) => Err(super::chain(vm, e1, e2)),
        }
    }),
    MethodDef::method("isatty", |vm, o, a, k| {
        noargs(vm, "isatty", a, k)?;
        let r = rwpair_forward(vm, o, true, "isatty", &[], None)?;
        if !r.is(&vm.bool_obj(false)) {
            return Ok(r);
        }
        rwpair_forward(vm, o, false, "isatty", &[], None)
    }),
];

fn rwpair_closed(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let p = payload_or_err::<RWPair>(vm, o, "_io.BufferedRWPair")?;
    let Some(w) = p.writer.get() else {
        return Err(vm.runtime_error("the BufferedRWPair object is being garbage-collected"));
    };
    vm.getattr_str(&w, "closed")
}
