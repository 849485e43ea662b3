//! `mmap` (CPython's `Modules/mmapmodule.c`, the Unix part): memory-mapped
//! files and anonymous memory, read and written like a bytearray and like a
//! file (read/write/seek/find/readline), with `flush` (msync), `move`,
//! `madvise` and `resize` (ftruncate and mremap, as CPython on Linux).
//! The map exports its bytes as a buffer (format "B", read-only for
//! ACCESS_READ); while a view is alive it can be neither closed nor resized.

use std::cell::{Cell, RefCell};

use taipan_vm::api::buffer::BufferExport;
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, dict, module, Obj, PyPayload, PyResult, Vm};

const MMAP: &str = "mmap.mmap";

const ACCESS_DEFAULT: i64 = 0;
const ACCESS_READ: i64 = 1;
const ACCESS_WRITE: i64 = 2;
const ACCESS_COPY: i64 = 3;

/// A mapping made by `mmap(2)`, unmapped when dropped.
struct Mapping {
    ptr: *mut u8,
    len: usize,
}

impl Mapping {
    fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `ptr` is a live mapping of `len` readable bytes (mmap
        // succeeded with PROT_READ) until `drop` unmaps it; the borrow of
        // `self` keeps it alive, and no Python code runs while the slice is
        // used (the RefCell holding the mapping is borrowed meanwhile).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as in `bytes`; callers check the map is writable (mapped
        // with PROT_WRITE) first, and `&mut self` makes the slice unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: `ptr`/`len` are exactly what mmap returned, unmapped
            // once (the Mapping is dropped once).
            unsafe {
                libc::munmap(self.ptr.cast(), self.len);
            }
        }
    }
}

struct MmapObject {
    map: RefCell<Option<Mapping>>,
    pos: Cell<usize>,
    /// A duplicate of the file descriptor (-1 for anonymous memory).
    fd: Cell<i32>,
    access: i64,
    writable: bool,
    /// The file offset the map starts at (resize truncates the file to
    /// `offset + new size`).
    offset: i64,
    /// Live buffer views (memoryviews) of the map.
    exports: Cell<usize>,
}

impl PyPayload for MmapObject {
    fn as_buffer(&self) -> Option<&dyn BufferExport> {
        Some(self)
    }
}

impl BufferExport for MmapObject {
    fn buffer_format(&self) -> &'static str {
        "B"
    }
    fn buffer_itemsize(&self) -> usize {
        1
    }
    fn buffer_readonly(&self) -> bool {
        !self.writable
    }
    fn buffer_check(&self, vm: &Vm) -> PyResult<()> {
        match self.map.try_borrow() {
            Ok(m) if m.is_some() => Ok(()),
            _ => Err(closed_error(vm)),
        }
    }
    fn buffer_read(&self, f: &mut dyn FnMut(&[u8])) {
        match self.map.try_borrow() {
            Ok(m) => f(m.as_ref().map_or(&[], |m| m.bytes())),
            Err(_) => f(&[]),
        }
    }
    fn buffer_write(&self, f: &mut dyn FnMut(&mut [u8])) -> bool {
        if !self.writable {
            return false;
        }
        match self.map.try_borrow_mut() {
            Ok(mut m) => f(m.as_mut().map_or(&mut [], |m| m.bytes_mut())),
            Err(_) => f(&mut []),
        }
        true
    }
    fn buffer_export(&self, delta: isize) {
        self.exports.set(self.exports.get().saturating_add_signed(delta));
    }
}

impl Drop for MmapObject {
    fn drop(&mut self) {
        close_fd(self);
    }
}

fn close_fd(m: &MmapObject) {
    let fd = m.fd.replace(-1);
    if fd >= 0 {
        // SAFETY: `fd` is the descriptor this object duplicated and owns.
        unsafe {
            libc::close(fd);
        }
    }
}

fn mmap_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a MmapObject> {
    payload_or_err::<MmapObject>(vm, o, MMAP)
}

fn closed_error(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.value_error("mmap closed or invalid")
}

/// Run `f` on the mapped bytes (ValueError once closed).
fn with_map<R>(vm: &Vm, o: &Obj, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    let m = mmap_of(vm, o)?;
    let map = m.map.borrow();
    match map.as_ref() {
        Some(map) => Ok(f(map.bytes())),
        None => Err(closed_error(vm)),
    }
}

/// Run `f` on the mapped bytes for writing (TypeError for a read-only map).
fn with_map_mut<R>(vm: &Vm, o: &Obj, f: impl FnOnce(&mut [u8]) -> R) -> PyResult<R> {
    let m = mmap_of(vm, o)?;
    let mut map = m.map.borrow_mut();
    let Some(map) = map.as_mut() else { return Err(closed_error(vm)) };
    if !m.writable {
        return Err(vm.type_error("mmap can't modify a readonly memory map."));
    }
    Ok(f(map.bytes_mut()))
}

fn last_os_error(vm: &Vm) -> taipan_vm::api::PyErr {
    taipan_vm::api::exceptions::os_error_from_io(vm, &std::io::Error::last_os_error(), None)
}

fn int_arg(vm: &Vm, o: Option<&Obj>, default: i64) -> PyResult<i64> {
    match o {
        Some(o) => vm.to_i64(o),
        None => Ok(default),
    }
}

fn mmap_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let Some(ty) = crate::support::module_type(vm, MMAP) else {
        return Err(vm.system_error("mmap.mmap is not initialised"));
    };
    let p = args::parse(vm, "mmap", a, k, &["fileno", "length", "flags", "prot", "access", "offset"], 2)?;
    let fd = int_arg(vm, p[0].as_ref(), -1)?;
    let length = int_arg(vm, p[1].as_ref(), 0)?;
    let mut map_flags = int_arg(vm, p[2].as_ref(), libc::MAP_SHARED as i64)?;
    let mut prot = int_arg(vm, p[3].as_ref(), (libc::PROT_WRITE | libc::PROT_READ) as i64)?;
    let access = int_arg(vm, p[4].as_ref(), ACCESS_DEFAULT)?;
    let offset = int_arg(vm, p[5].as_ref(), 0)?;
    taipan_vm::api::audit(vm, "mmap.__new__", || {
        vec![vm.new_int(fd), vm.new_int(length), vm.new_int(access), vm.new_int(offset)]
    })?;
    if length < 0 {
        return Err(vm.overflow_error("memory mapped length must be positive"));
    }
    if offset < 0 {
        return Err(vm.overflow_error("memory mapped offset must be positive"));
    }
    if access != ACCESS_DEFAULT
        && (map_flags != libc::MAP_SHARED as i64 || prot != (libc::PROT_WRITE | libc::PROT_READ) as i64)
    {
        return Err(vm.value_error("mmap can't specify both access and flags, prot."));
    }
    match access {
        ACCESS_READ => (map_flags, prot) = (libc::MAP_SHARED as i64, libc::PROT_READ as i64),
        ACCESS_WRITE => (map_flags, prot) = (libc::MAP_SHARED as i64, (libc::PROT_READ | libc::PROT_WRITE) as i64),
        ACCESS_COPY => (map_flags, prot) = (libc::MAP_PRIVATE as i64, (libc::PROT_READ | libc::PROT_WRITE) as i64),
        ACCESS_DEFAULT => {}
        _ => return Err(vm.value_error("mmap invalid access parameter.")),
    }
    let writable = prot & libc::PROT_WRITE as i64 != 0;
    let (fd, length) = if fd == -1 { (-1, length) } else { file_length(vm, fd as i32, length, offset)? };
    if fd == -1 {
        map_flags |= libc::MAP_ANONYMOUS as i64;
    }
    let length = usize::try_from(length).map_err(|_| vm.overflow_error("memory mapped length is too large"))?;
    let ptr = if length == 0 {
        std::ptr::null_mut()
    } else {
        // SAFETY: a fresh mapping chosen by the kernel (no address hint);
        // the arguments were checked above; failure is MAP_FAILED.
        let p = unsafe {
            libc::mmap(std::ptr::null_mut(), length, prot as i32, map_flags as i32, fd, offset as libc::off_t)
        };
        if p == libc::MAP_FAILED {
            let e = last_os_error(vm);
            if fd >= 0 {
                // SAFETY: the duplicate made by `file_length`, owned here.
                unsafe {
                    libc::close(fd);
                }
            }
            return Err(e);
        }
        p.cast::<u8>()
    };
    let obj = MmapObject {
        map: RefCell::new(Some(Mapping { ptr, len: length })),
        pos: Cell::new(0),
        fd: Cell::new(fd),
        access,
        writable,
        offset,
        exports: Cell::new(0),
    };
    alloc_instance(vm, cls, &ty, obj)
}

/// Check `length` and `offset` against the file's size (0: map it all)
/// and duplicate the descriptor, as CPython's `new_mmap_object`.
fn file_length(vm: &Vm, fd: i32, length: i64, offset: i64) -> PyResult<(i32, i64)> {
    // SAFETY: fstat writes only into `st`, a properly sized local.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above; an invalid fd makes fstat fail with EBADF.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(last_os_error(vm));
    }
    let mut length = length;
    if st.st_mode & libc::S_IFMT == libc::S_IFREG {
        let size = st.st_size;
        if length == 0 {
            if size == 0 {
                return Err(vm.value_error("cannot mmap an empty file"));
            }
            if offset >= size {
                return Err(vm.value_error("mmap offset is greater than file size"));
            }
            length = size - offset;
        } else if offset > size || size - offset < length {
            return Err(vm.value_error("mmap length is greater than file size"));
        }
    }
    // SAFETY: dup of a descriptor fstat just accepted.
    let dup = unsafe { libc::dup(fd) };
    if dup < 0 {
        return Err(last_os_error(vm));
    }
    Ok((dup, length))
}

fn mmap_close(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let m = mmap_of(vm, o)?;
    if m.exports.get() > 0 {
        return Err(vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "cannot close exported pointers exist"));
    }
    let old = m.map.borrow_mut().take();
    drop(old);
    close_fd(m);
    Ok(vm.none())
}

fn mmap_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    with_map(vm, o, |b| b.len())
}

fn remaining(vm: &Vm, o: &Obj) -> PyResult<(usize, usize)> {
    let m = mmap_of(vm, o)?;
    let len = mmap_len(vm, o)?;
    Ok((m.pos.get().min(len), len))
}

fn mmap_read(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "read", a, k, &["n"], 0)?;
    let (pos, len) = remaining(vm, o)?;
    let n = match p[0].as_ref().filter(|n| !vm.is_none(n)) {
        Some(n) => vm.to_i64(n)?,
        None => -1,
    };
    let end = if n < 0 { len } else { pos.saturating_add(n as usize).min(len) };
    let data = with_map(vm, o, |b| b[pos..end].to_vec())?;
    mmap_of(vm, o)?.pos.set(end);
    Ok(vm.new_bytes(data))
}

fn mmap_read_byte(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, len) = remaining(vm, o)?;
    if pos >= len {
        return Err(vm.value_error("read byte out of range"));
    }
    let b = with_map(vm, o, |b| b[pos])?;
    mmap_of(vm, o)?.pos.set(pos + 1);
    Ok(vm.new_int(b as i64))
}

fn mmap_readline(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, len) = remaining(vm, o)?;
    let data = with_map(vm, o, |b| {
        let end = b[pos..len].iter().position(|&c| c == b'\n').map_or(len, |i| pos + i + 1);
        b[pos..end].to_vec()
    })?;
    mmap_of(vm, o)?.pos.set(pos + data.len());
    Ok(vm.new_bytes(data))
}

fn mmap_write(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data] = args::exact::<1>(vm, "write", a, k)?;
    let data = buffer::with_bytes(vm, &data, |b| b.to_vec())?;
    let (pos, len) = remaining(vm, o)?;
    if mmap_of(vm, o)?.writable && data.len() > len - pos {
        return Err(vm.value_error("data out of range"));
    }
    with_map_mut(vm, o, |b| b[pos..pos + data.len()].copy_from_slice(&data))?;
    mmap_of(vm, o)?.pos.set(pos + data.len());
    Ok(vm.new_usize(data.len()))
}

fn mmap_write_byte(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [byte] = args::exact::<1>(vm, "write_byte", a, k)?;
    let v = vm.to_i64(&byte)?;
    let v = u8::try_from(v).map_err(|_| vm.overflow_error("unsigned byte integer is out of range"))?;
    let (pos, len) = remaining(vm, o)?;
    if mmap_of(vm, o)?.writable && pos >= len {
        return Err(vm.value_error("write byte out of range"));
    }
    with_map_mut(vm, o, |b| b[pos] = v)?;
    mmap_of(vm, o)?.pos.set(pos + 1);
    Ok(vm.none())
}

fn mmap_seek(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "seek", a, k, &["pos", "whence"], 1)?;
    let dist = int_arg(vm, p[0].as_ref(), 0)?;
    let whence = int_arg(vm, p[1].as_ref(), 0)?;
    let m = mmap_of(vm, o)?;
    let len = mmap_len(vm, o)? as i64;
    let base = match whence {
        0 => 0,
        1 => m.pos.get() as i64,
        2 => len,
        _ => return Err(vm.value_error("unknown seek type")),
    };
    let target = base.checked_add(dist).filter(|t| (0..=len).contains(t));
    let Some(target) = target else { return Err(vm.value_error("seek out of range")) };
    m.pos.set(target as usize);
    Ok(vm.none())
}

fn mmap_tell(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let m = mmap_of(vm, o)?;
    mmap_len(vm, o)?;
    Ok(vm.new_usize(m.pos.get()))
}

fn mmap_size(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let len = mmap_len(vm, o)?;
    let fd = mmap_of(vm, o)?.fd.get();
    if fd < 0 {
        return Ok(vm.new_usize(len));
    }
    // SAFETY: fstat writes only into the local `st`.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is this object's own descriptor.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(last_os_error(vm));
    }
    Ok(vm.new_int(st.st_size))
}

fn find_impl(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, reverse: bool) -> PyResult<Obj> {
    let p = args::parse(vm, name, a, k, &["sub", "start", "end"], 1)?;
    let sub = buffer::with_bytes(vm, p[0].as_ref().expect("required"), |b| b.to_vec())?;
    let (pos, len) = remaining(vm, o)?;
    let clamp = |v: i64| -> usize {
        let v = if v < 0 { v + len as i64 } else { v };
        v.clamp(0, len as i64) as usize
    };
    let start = match p[1].as_ref().filter(|v| !vm.is_none(v)) {
        Some(v) => clamp(vm.to_i64(v)?),
        None => pos,
    };
    let end = match p[2].as_ref().filter(|v| !vm.is_none(v)) {
        Some(v) => clamp(vm.to_i64(v)?),
        None => len,
    };
    let found = with_map(vm, o, |b| {
        if start > end || end - start < sub.len() {
            return None;
        }
        let hay = &b[start..end];
        let mut positions = (0..=hay.len() - sub.len()).filter(|&i| &hay[i..i + sub.len()] == sub.as_slice());
        if reverse {
            positions.next_back()
        } else {
            positions.next()
        }
    })?;
    Ok(vm.new_int(found.map_or(-1, |i| (start + i) as i64)))
}

fn mmap_flush(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "flush", a, k, &["offset", "size"], 0)?;
    let len = mmap_len(vm, o)?;
    let offset = int_arg(vm, p[0].as_ref(), 0)?;
    let size = int_arg(vm, p[1].as_ref(), len as i64)?;
    if offset < 0 || size < 0 || offset.saturating_add(size) > len as i64 {
        return Err(vm.value_error("flush values out of range"));
    }
    let m = mmap_of(vm, o)?;
    if m.access == ACCESS_READ || m.access == ACCESS_COPY || size == 0 {
        return Ok(vm.none());
    }
    let map = m.map.borrow();
    let Some(map) = map.as_ref() else { return Err(closed_error(vm)) };
    // SAFETY: the range lies inside the live mapping (checked above); msync
    // only writes dirty pages back to the file.
    let r = unsafe { libc::msync(map.ptr.add(offset as usize).cast(), size as usize, libc::MS_SYNC) };
    if r != 0 {
        return Err(last_os_error(vm));
    }
    Ok(vm.none())
}

fn is_slice(vm: &Vm, o: &Obj) -> bool {
    o.type_is(&vm.ctx.types.slice)
}

/// The indices a slice selects in a map of `len` bytes.
fn slice_indices(vm: &Vm, s: &Obj, len: usize) -> PyResult<Vec<usize>> {
    let t = vm.call_method(s, "indices", &[vm.new_usize(len)])?;
    let it = taipan_vm::api::tuple::items(&t);
    let (start, stop, step) =
        (vm.index_to_isize(&it[0])?, vm.index_to_isize(&it[1])?, vm.index_to_isize_clamped(&it[2])?);
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        let Some(next) = i.checked_add(step) else { break };
        i = next;
    }
    Ok(out)
}

fn index_of(vm: &Vm, key: &Obj, len: usize) -> PyResult<usize> {
    let mut i = vm.index_to_isize(key)?;
    if i < 0 {
        i += len as isize;
    }
    if i < 0 || i >= len as isize {
        return Err(vm.index_error("mmap index out of range"));
    }
    Ok(i as usize)
}

fn mmap_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let len = mmap_len(vm, o)?;
    if is_slice(vm, key) {
        let idx = slice_indices(vm, key, len)?;
        let data = with_map(vm, o, |b| idx.iter().map(|&i| b[i]).collect::<Vec<u8>>())?;
        return Ok(vm.new_bytes(data));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error("mmap indices must be integers"));
    }
    let i = index_of(vm, key, len)?;
    Ok(vm.new_int(with_map(vm, o, |b| b[i])? as i64))
}

fn mmap_setitem(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let len = mmap_len(vm, o)?;
    let Some(value) = value else {
        return Err(vm.type_error("mmap object doesn't support item deletion"));
    };
    if is_slice(vm, key) {
        let idx = slice_indices(vm, key, len)?;
        let data = buffer::with_bytes(vm, value, |b| b.to_vec())?;
        if data.len() != idx.len() {
            return Err(vm.index_error("mmap slice assignment is wrong size"));
        }
        return with_map_mut(vm, o, |b| idx.iter().zip(&data).for_each(|(&i, &v)| b[i] = v));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error("mmap indices must be integer"));
    }
    let i = index_of(vm, key, len)?;
    let v = vm.to_i64(value)?;
    let v = u8::try_from(v).map_err(|_| vm.value_error("mmap item value must be in range(0, 256)"))?;
    with_map_mut(vm, o, |b| b[i] = v)
}

/// `resize(newsize)`: the file is truncated or extended to match, then the
/// map is moved with mremap (CPython's Linux path).
fn mmap_resize(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [size] = args::exact::<1>(vm, "resize", a, k)?;
    let new_size = vm.index_to_isize(&size)?;
    let m = mmap_of(vm, o)?;
    mmap_len(vm, o)?;
    if m.exports.get() > 0 {
        return Err(
            vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "mmap can't resize with extant buffers exported.")
        );
    }
    if m.access != ACCESS_WRITE && m.access != ACCESS_DEFAULT {
        return Err(vm.type_error("mmap can't resize a readonly or copy-on-write memory map."));
    }
    if new_size < 0 || new_size as i64 > i64::MAX - m.offset {
        return Err(vm.value_error("new size out of range"));
    }
    let fd = m.fd.get();
    // SAFETY: `fd` is this object's own descriptor; ftruncate only changes
    // the file's size.
    if fd != -1 && unsafe { libc::ftruncate(fd, (m.offset + new_size as i64) as libc::off_t) } == -1 {
        return Err(last_os_error(vm));
    }
    let mut map = m.map.borrow_mut();
    let Some(map) = map.as_mut() else { return Err(closed_error(vm)) };
    // SAFETY: `ptr`/`len` describe this object's live mapping and no view
    // of it is exported (checked above), so nothing refers to the old
    // address; on success the old mapping is gone and the new one is ours.
    let p = unsafe { libc::mremap(map.ptr.cast(), map.len, new_size as usize, libc::MREMAP_MAYMOVE) };
    if p == libc::MAP_FAILED {
        return Err(last_os_error(vm));
    }
    map.ptr = p.cast();
    map.len = new_size as usize;
    Ok(vm.none())
}

fn mmap_madvise(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "madvise", a, k, &["option", "start", "length"], 1)?;
    let option = vm.to_i64(p[0].as_ref().expect("required"))?;
    let start = match p[1].as_ref() {
        Some(v) => vm.index_to_isize(v)?,
        None => 0,
    };
    let len = mmap_len(vm, o)? as isize;
    let mut length = match p[2].as_ref() {
        Some(v) => vm.index_to_isize(v)?,
        None => len,
    };
    if start < 0 || start >= len {
        return Err(vm.value_error("madvise start out of bounds"));
    }
    if length < 0 {
        return Err(vm.value_error("madvise length invalid"));
    }
    if isize::MAX - start < length {
        return Err(vm.overflow_error("madvise length too large"));
    }
    if start + length > len {
        length = len - start;
    }
    let m = mmap_of(vm, o)?;
    let map = m.map.borrow();
    let Some(map) = map.as_ref() else { return Err(closed_error(vm)) };
    // SAFETY: the range lies inside the live mapping (checked above);
    // madvise only gives the kernel a hint about it.
    let r = unsafe { libc::madvise(map.ptr.add(start as usize).cast(), length as usize, option as i32) };
    if r != 0 {
        return Err(last_os_error(vm));
    }
    Ok(vm.none())
}

fn mmap_move(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [dest, src, cnt] = args::exact::<3>(vm, "move", a, k)?;
    let (dest, src, cnt) = (vm.index_to_isize(&dest)?, vm.index_to_isize(&src)?, vm.index_to_isize(&cnt)?);
    let m = mmap_of(vm, o)?;
    if !m.writable {
        mmap_len(vm, o)?;
        return Err(vm.type_error("mmap can't modify a readonly memory map."));
    }
    let len = mmap_len(vm, o)? as isize;
    if dest < 0 || src < 0 || cnt < 0 || len - dest < cnt || len - src < cnt {
        return Err(vm.value_error("source, destination, or count out of range"));
    }
    let (dest, src, cnt) = (dest as usize, src as usize, cnt as usize);
    with_map_mut(vm, o, |b| b.copy_within(src..src + cnt, dest)).map(|_| vm.none())
}

fn mmap_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let m = mmap_of(vm, o)?;
    let Some(len) = m.map.borrow().as_ref().map(|map| map.len) else {
        return Ok(vm.new_str("<mmap.mmap closed=True>"));
    };
    let access = match m.access {
        ACCESS_READ => "ACCESS_READ",
        ACCESS_WRITE => "ACCESS_WRITE",
        ACCESS_COPY => "ACCESS_COPY",
        _ => "ACCESS_DEFAULT",
    };
    Ok(vm.new_str_from_string(format!(
        "<mmap.mmap closed=False, access={access}, length={len}, pos={}, offset={}>",
        m.pos.get(),
        m.offset
    )))
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("close", mmap_close),
    MethodDef::method("read", mmap_read),
    MethodDef::method("read_byte", mmap_read_byte),
    MethodDef::method("readline", mmap_readline),
    MethodDef::method("write", mmap_write),
    MethodDef::method("write_byte", mmap_write_byte),
    MethodDef::method("seek", mmap_seek),
    MethodDef::method("tell", mmap_tell),
    MethodDef::method("size", mmap_size),
    MethodDef::method("find", |vm, o, a, k| find_impl(vm, o, a, k, "find", false)),
    MethodDef::method("rfind", |vm, o, a, k| find_impl(vm, o, a, k, "rfind", true)),
    MethodDef::method("flush", mmap_flush),
    MethodDef::method("resize", mmap_resize),
    MethodDef::method("madvise", mmap_madvise),
    MethodDef::method("move", mmap_move),
    MethodDef::method("__enter__", |vm, o, _a, _k| {
        mmap_len(vm, o)?;
        Ok(o.clone())
    }),
    MethodDef::method("__exit__", mmap_close),
];

const GETSETS: &[GetSetDef] =
    &[GetSetDef::new("closed", |vm, o| Ok(vm.bool_obj(mmap_of(vm, o)?.map.borrow().is_none())), None)];

fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = crate::support::module_type(vm, MMAP) {
        return t;
    }
    let spec = TypeSpec {
        name: MMAP,
        flags: flags::BASETYPE,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("Windows: mmap(fileno, length[, tagname[, access[, offset]]])\n\nMaps length bytes from the file specified by the file handle fileno,\nand returns a mmap object.  If length is larger than the current size\nof the file, the file is extended to contain length bytes.  If length\nis 0, the maximum length of the map is the current size of the file,\nexcept that if the file is empty Windows raises an exception (you cannot\ncreate an empty mapping on Windows).\n\nUnix: mmap(fileno, length[, flags[, prot[, access[, offset]]]])\n\nMaps length bytes from the file specified by the file descriptor fileno,\nand returns a mmap object.  If length is 0, the maximum length of the map\nwill be the current size of the file when mmap is called.\nflags specifies the nature of the mapping. MAP_PRIVATE creates a\nprivate copy-on-write mapping, so changes to the contents of the mmap\nobject will be private to this process, and MAP_SHARED creates a mapping\nthat's shared with all other processes mapping the same areas of the file.\nThe default value is MAP_SHARED.\n\nTo map anonymous memory, pass -1 as the fileno (both versions)."),
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<MmapObject>(vm, &spec, |s| {
        s.new.set(Some(mmap_new));
        s.repr.set(Some(mmap_repr));
        s.sq_length.set(Some(mmap_len));
        s.mp_length.set(Some(mmap_len));
        s.mp_subscript.set(Some(mmap_getitem));
        s.mp_ass_subscript.set(Some(mmap_setitem));
    });
    crate::support::register_type(vm, MMAP, &t);
    t
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let t = make_type(vm);
    let m = module::new_module(vm, "mmap");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "mmap", t)?;
    dict::set_item_str(vm, &d, "error", vm.ctx.exceptions.os_error.clone())?;
    // SAFETY: sysconf only reads a system constant.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as i64;
    let constants: &[(&str, i64)] = &[
        ("PROT_EXEC", libc::PROT_EXEC as i64),
        ("PROT_READ", libc::PROT_READ as i64),
        ("PROT_WRITE", libc::PROT_WRITE as i64),
        ("MAP_SHARED", libc::MAP_SHARED as i64),
        ("MAP_PRIVATE", libc::MAP_PRIVATE as i64),
        ("MAP_DENYWRITE", libc::MAP_DENYWRITE as i64),
        ("MAP_EXECUTABLE", libc::MAP_EXECUTABLE as i64),
        ("MAP_ANON", libc::MAP_ANONYMOUS as i64),
        ("MAP_ANONYMOUS", libc::MAP_ANONYMOUS as i64),
        ("MAP_POPULATE", libc::MAP_POPULATE as i64),
        ("MAP_STACK", libc::MAP_STACK as i64),
        ("PAGESIZE", page),
        ("MADV_NORMAL", libc::MADV_NORMAL as i64),
        ("MADV_RANDOM", libc::MADV_RANDOM as i64),
        ("MADV_SEQUENTIAL", libc::MADV_SEQUENTIAL as i64),
        ("MADV_WILLNEED", libc::MADV_WILLNEED as i64),
        ("MADV_DONTNEED", libc::MADV_DONTNEED as i64),
        ("MADV_FREE", libc::MADV_FREE as i64),
        ("MADV_REMOVE", libc::MADV_REMOVE as i64),
        ("MADV_DONTFORK", libc::MADV_DONTFORK as i64),
        ("MADV_DOFORK", libc::MADV_DOFORK as i64),
        ("MADV_HWPOISON", libc::MADV_HWPOISON as i64),
        ("MADV_MERGEABLE", libc::MADV_MERGEABLE as i64),
        ("MADV_UNMERGEABLE", libc::MADV_UNMERGEABLE as i64),
        ("MADV_HUGEPAGE", libc::MADV_HUGEPAGE as i64),
        ("MADV_NOHUGEPAGE", libc::MADV_NOHUGEPAGE as i64),
        ("MADV_DONTDUMP", libc::MADV_DONTDUMP as i64),
        ("MADV_DODUMP", libc::MADV_DODUMP as i64),
        ("ALLOCATIONGRANULARITY", page),
        ("ACCESS_DEFAULT", ACCESS_DEFAULT),
        ("ACCESS_READ", ACCESS_READ),
        ("ACCESS_WRITE", ACCESS_WRITE),
        ("ACCESS_COPY", ACCESS_COPY),
    ];
    for (name, value) in constants {
        dict::set_item_str(vm, &d, name, vm.new_int(*value))?;
    }
    Ok(m)
}
