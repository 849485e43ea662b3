//! `zlib` (CPython's `Modules/zlibmodule.c`): deflate compression through
//! the system's zlib, as CPython links it, so compressed bytes are the
//! same as CPython's: one-shot `compress`/`decompress`, the streaming
//! `Compress`/`Decompress` objects (every `deflateInit2` parameter, preset
//! dictionaries, flush modes, `copy`), `crc32`/`adler32` and the
//! constants.
//!
//! The z_stream lives in a `ZStream` (below), the module's only contact
//! with C: each call hands zlib the input and a slice of output for the
//! length of that call, so zlib never holds a pointer into Rust memory
//! between calls. The loops follow CPython's: `avail_out == 0` means
//! "call again", and errors are raised with zlib's own message
//! ("Error -3 while decompressing data: incorrect header check").

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};

use libz_sys as z;

use crate::converters;
use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{args, buffer, dict, module, tuple, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

const MAX_WBITS: i64 = 15;
const DEF_BUF_SIZE: i64 = 16384;
const DEF_MEM_LEVEL: i64 = 8;

/// Module constants, as CPython sets them.
const CONSTANTS: &[(&str, i64)] = &[
    ("MAX_WBITS", MAX_WBITS),
    ("DEFLATED", 8),
    ("DEF_MEM_LEVEL", DEF_MEM_LEVEL),
    ("DEF_BUF_SIZE", DEF_BUF_SIZE),
    ("Z_NO_COMPRESSION", 0),
    ("Z_BEST_SPEED", 1),
    ("Z_BEST_COMPRESSION", 9),
    ("Z_DEFAULT_COMPRESSION", -1),
    ("Z_FILTERED", 1),
    ("Z_HUFFMAN_ONLY", 2),
    ("Z_RLE", 3),
    ("Z_FIXED", 4),
    ("Z_DEFAULT_STRATEGY", 0),
    ("Z_NO_FLUSH", 0),
    ("Z_PARTIAL_FLUSH", 1),
    ("Z_SYNC_FLUSH", 2),
    ("Z_FULL_FLUSH", 3),
    ("Z_FINISH", 4),
    ("Z_BLOCK", 5),
    ("Z_TREES", 6),
];

const ERROR_TYPE: &str = "zlib.error";
const COMPRESS_TYPE: &str = "zlib.Compress";
const DECOMPRESS_TYPE: &str = "zlib.Decompress";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "zlib");
    let d = module::module_dict(&m);
    make_types(vm)?;
    for &(name, v) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(v))?;
    }
    let version = zlib_version();
    dict::set_item_str(vm, &d, "ZLIB_VERSION", vm.new_str(&version))?;
    dict::set_item_str(vm, &d, "ZLIB_RUNTIME_VERSION", vm.new_str(&version))?;
    dict::set_item_str(vm, &d, "error", lazy_type(vm, ERROR_TYPE)?)?;
    dict::set_item_str(vm, &d, "__version__", vm.new_str("1.0"))?;
    module::add_functions(vm, &m, "zlib", FUNCTIONS);
    Ok(m)
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(ERROR_TYPE) {
        return Ok(());
    }
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("zlib"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
    let error = vm.call(&vm.ctx.types.type_, &[vm.new_str("error"), bases, ns], None)?;
    let compress = new_type::<Compress>(vm, COMPRESS_TYPE, COMPRESS_METHODS, &[]);
    let decompress = new_type::<Decompress>(vm, DECOMPRESS_TYPE, DECOMPRESS_METHODS, DECOMPRESS_GETSETS);
    let mut types = vm.lazy_types.borrow_mut();
    types.insert(ERROR_TYPE, error);
    types.insert(COMPRESS_TYPE, compress);
    types.insert(DECOMPRESS_TYPE, decompress);
    Ok(())
}

fn new_type<T: PyPayload>(vm: &Vm, name: &'static str, methods: &[MethodDef], getsets: &[GetSetDef]) -> Obj {
    let spec =
        TypeSpec { name, base: None, flags: 0, gc: false, dict: false, weakref: false, methods, getsets, doc: None };
    taipan_vm::api::types::new_type::<T>(vm, &spec, |s| s.new.set(Some(disallow_instantiation)))
}

fn disallow_instantiation(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let name = cls.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

fn lazy_type(vm: &Vm, name: &'static str) -> PyResult<Obj> {
    vm.lazy_types.borrow().get(name).cloned().ok_or_else(|| vm.system_error(format!("{name} is not initialized")))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("compress", zlib_compress),
    MethodDef::static_("decompress", zlib_decompress),
    MethodDef::static_("compressobj", zlib_compressobj),
    MethodDef::static_("decompressobj", zlib_decompressobj),
    MethodDef::static_("crc32", |vm, _m, a, k| checksum(vm, "crc32", a, k, 0, crc32)),
    MethodDef::static_("adler32", |vm, _m, a, k| checksum(vm, "adler32", a, k, 1, adler32)),
];

// ---- the z_stream ---------------------------------------------------------------------------------

extern "C" fn zalloc(_opaque: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    // SAFETY: calloc with any sizes is sound; it returns null on failure,
    // which zlib reports as Z_MEM_ERROR.
    unsafe { libc::calloc(items as usize, size as usize) }
}

extern "C" fn zfree(_opaque: *mut c_void, address: *mut c_void) {
    // SAFETY: zlib frees only what `zalloc` returned (or null).
    unsafe { libc::free(address) }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Deflate,
    Inflate,
}

/// A z_stream, boxed because zlib's state points back at it.
struct ZStream {
    strm: Box<z::z_stream>,
    dir: Direction,
    /// Between a successful init and the end (CPython's `is_initialised`).
    live: bool,
}

/// What one call of deflate/inflate did.
struct Step {
    err: c_int,
    /// zlib filled all the output room it was given.
    out_full: bool,
}

impl ZStream {
    fn blank(dir: Direction) -> ZStream {
        let strm = Box::new(z::z_stream {
            next_in: std::ptr::null_mut(),
            avail_in: 0,
            total_in: 0,
            next_out: std::ptr::null_mut(),
            avail_out: 0,
            total_out: 0,
            msg: std::ptr::null_mut(),
            state: std::ptr::null_mut(),
            zalloc,
            zfree,
            opaque: std::ptr::null_mut(),
            data_type: 0,
            adler: 0,
            reserved: 0,
        });
        ZStream { strm, dir, live: false }
    }

    fn deflate_init(level: c_int, method: c_int, wbits: c_int, mem_level: c_int, strategy: c_int) -> (ZStream, c_int) {
        let mut s = ZStream::blank(Direction::Deflate);
        // SAFETY: a fresh z_stream with our allocator; zlib checks the
        // parameters and the version string is its own.
        let err = unsafe {
            z::deflateInit2_(
                &mut *s.strm,
                level,
                method,
                wbits,
                mem_level,
                strategy,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        s.live = err == z::Z_OK;
        (s, err)
    }

    fn inflate_init(wbits: c_int) -> (ZStream, c_int) {
        let mut s = ZStream::blank(Direction::Inflate);
        // SAFETY: as `deflate_init`.
        let err = unsafe {
            z::inflateInit2_(&mut *s.strm, wbits, z::zlibVersion(), std::mem::size_of::<z::z_stream>() as c_int)
        };
        s.live = err == z::Z_OK;
        (s, err)
    }

    /// One call of deflate or inflate with `flush`, reading `input[*pos..]`
    /// and appending at most `room` bytes to `out`.
    fn step(
        &mut self,
        input: &[u8],
        pos: &mut usize,
        out: &mut Vec<u8>,
        room: usize,
        flush: c_int,
    ) -> Result<Step, ZErr> {
        let rest = &input[*pos..];
        let avail_in = rest.len().min(c_uint::MAX as usize);
        let room = room.min(c_uint::MAX as usize);
        let start = out.len();
        out.try_reserve(room).map_err(|_| ZErr::Memory)?;
        out.resize(start + room, 0);
        self.strm.next_in = rest.as_ptr() as *mut u8;
        self.strm.avail_in = avail_in as c_uint;
        self.strm.next_out = out[start..].as_mut_ptr();
        self.strm.avail_out = room as c_uint;
        // SAFETY: next_in/next_out point at `avail_in`/`avail_out` valid
        // bytes that outlive the call; zlib reads and writes only those
        // and keeps no pointer to them afterwards (both are reset below).
        let err = unsafe {
            match self.dir {
                Direction::Deflate => z::deflate(&mut *self.strm, flush),
                Direction::Inflate => z::inflate(&mut *self.strm, flush),
            }
        };
        let left_in = self.strm.avail_in as usize;
        let left_out = self.strm.avail_out as usize;
        self.strm.next_in = std::ptr::null_mut();
        self.strm.avail_in = 0;
        self.strm.next_out = std::ptr::null_mut();
        self.strm.avail_out = 0;
        *pos += avail_in - left_in;
        out.truncate(start + room - left_out);
        Ok(Step { err, out_full: left_out == 0 })
    }

    fn end(&mut self) -> c_int {
        if !self.live {
            return z::Z_OK;
        }
        self.live = false;
        // SAFETY: the stream was initialised and is ended once.
        unsafe {
            match self.dir {
                Direction::Deflate => z::deflateEnd(&mut *self.strm),
                Direction::Inflate => z::inflateEnd(&mut *self.strm),
            }
        }
    }

    fn set_dictionary(&mut self, d: &[u8]) -> c_int {
        // SAFETY: zlib copies the dictionary during the call.
        unsafe {
            match self.dir {
                Direction::Deflate => z::deflateSetDictionary(&mut *self.strm, d.as_ptr(), d.len() as c_uint),
                Direction::Inflate => z::inflateSetDictionary(&mut *self.strm, d.as_ptr(), d.len() as c_uint),
            }
        }
    }

    fn copy(&mut self) -> (ZStream, c_int) {
        let mut c = ZStream::blank(self.dir);
        // SAFETY: `self` is a live stream (checked by the callers) and `c`
        // a fresh one; zlib copies the state with our allocator.
        let err = unsafe {
            match self.dir {
                Direction::Deflate => z::deflateCopy(&mut *c.strm, &mut *self.strm),
                Direction::Inflate => z::inflateCopy(&mut *c.strm, &mut *self.strm),
            }
        };
        c.live = err == z::Z_OK;
        (c, err)
    }

    /// zlib's message for the last error, if it set one.
    fn msg(&self) -> Option<String> {
        let p: *const c_char = self.strm.msg;
        if p.is_null() {
            return None;
        }
        // SAFETY: zlib sets `msg` only to its static NUL-terminated
        // messages.
        Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    }

    fn error(&self, err: c_int, what: &'static str) -> ZErr {
        ZErr::Zlib { err, msg: self.msg(), what }
    }
}

impl Drop for ZStream {
    fn drop(&mut self) {
        self.end();
    }
}

fn zlib_version() -> String {
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(z::zlibVersion()) }.to_string_lossy().into_owned()
}

/// CPython's output blocks (`pycore_blocks_output_buffer.h`): zlib gets
/// the rest of the current block each call. The sizes matter: a stored
/// (level 0) deflate stream is cut where the output room ends.
const BLOCK_SIZES: [usize; 17] = [
    32 << 10,
    64 << 10,
    256 << 10,
    1 << 20,
    4 << 20,
    8 << 20,
    16 << 20,
    16 << 20,
    32 << 20,
    32 << 20,
    32 << 20,
    32 << 20,
    64 << 20,
    64 << 20,
    128 << 20,
    128 << 20,
    256 << 20,
];

/// The output room for the next call when `produced` bytes are out: the
/// rest of the current block, within what `limit` still allows.
fn next_room(produced: usize, limit: usize) -> usize {
    let mut end = 0usize;
    for b in BLOCK_SIZES {
        end += b;
        if produced < end {
            return (end - produced).min(limit - produced);
        }
    }
    let last = BLOCK_SIZES[BLOCK_SIZES.len() - 1];
    let rest = (produced - end) % last;
    (last - rest).min(limit - produced)
}

// ---- errors ---------------------------------------------------------------------------------------

/// An error found while zlib runs (no Python code may run there); made
/// into the Python exception afterwards.
enum ZErr {
    /// CPython's `zlib_error`: zlib.error "Error N what: message".
    Zlib {
        err: c_int,
        msg: Option<String>,
        what: &'static str,
    },
    /// zlib.error with a fixed message.
    Plain(&'static str),
    Memory,
    MemoryMsg(&'static str),
    Overflow(&'static str),
}

impl ZErr {
    fn into_py(self, vm: &Vm) -> PyErr {
        let error = |msg: String| match lazy_type(vm, ERROR_TYPE) {
            Ok(t) => vm.new_exception_msg(&t, &msg),
            Err(e) => e,
        };
        match self {
            ZErr::Zlib { err, msg, what } => {
                let text = if err == z::Z_VERSION_ERROR { Some("library version mismatch".to_string()) } else { msg };
                let text = text.or_else(|| {
                    match err {
                        z::Z_BUF_ERROR => Some("incomplete or truncated stream"),
                        z::Z_STREAM_ERROR => Some("inconsistent stream state"),
                        z::Z_DATA_ERROR => Some("invalid input data"),
                        _ => None,
                    }
                    .map(str::to_string)
                });
                match text {
                    Some(t) => error(format!("Error {err} {what}: {t}")),
                    None => error(format!("Error {err} {what}")),
                }
            }
            ZErr::Plain(m) => error(m.to_string()),
            ZErr::Memory => vm.memory_error(),
            ZErr::MemoryMsg(m) => vm.new_exception_msg(&vm.ctx.exceptions.memory_error, m),
            ZErr::Overflow(m) => vm.overflow_error(m),
        }
    }
}

// ---- argument conversion --------------------------------------------------------------------------

fn int_or(vm: &Vm, o: &Option<Obj>, default: i64) -> PyResult<c_int> {
    match o {
        Some(o) => converters::c_int(vm, o),
        None => Ok(default as c_int),
    }
}

/// Argument Clinic's `Py_ssize_t` converter.
fn ssize_arg(vm: &Vm, o: &Option<Obj>, default: i64) -> PyResult<isize> {
    match o {
        Some(o) => converters::ssize_t(vm, o),
        None => Ok(default as isize),
    }
}

/// The bytes of a `Py_buffer` argument.
fn buffer_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    buffer::with_simple_bytes(vm, o, |d| d.to_vec())
}

// ---- one-shot functions ---------------------------------------------------------------------------

fn zlib_compress(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec =
        args::ArgSpec { fname: "compress", names: &["", "level", "wbits"], posonly: 1, required: 1, kwonly_from: 3 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let data = p[0].as_ref().ok_or_else(|| vm.system_error("missing argument"))?;
    let data = buffer_arg(vm, data)?;
    let level = int_or(vm, &p[1], -1)?;
    let wbits = int_or(vm, &p[2], MAX_WBITS)?;
    let out = compress_all(&data, level, wbits).map_err(|e| e.into_py(vm))?;
    Ok(vm.new_bytes(out))
}

fn compress_all(data: &[u8], level: c_int, wbits: c_int) -> Result<Vec<u8>, ZErr> {
    let (mut z, err) = ZStream::deflate_init(level, 8, wbits, DEF_MEM_LEVEL as c_int, 0);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Out of memory while compressing data")),
        z::Z_STREAM_ERROR => return Err(ZErr::Plain("Bad compression level")),
        _ => {
            z.end();
            return Err(z.error(err, "while compressing data"));
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let flush = if data.len() - pos <= c_uint::MAX as usize { z::Z_FINISH } else { z::Z_NO_FLUSH };
        loop {
            let room = next_room(out.len(), usize::MAX);
            let s = z.step(data, &mut pos, &mut out, room, flush)?;
            if s.err == z::Z_STREAM_ERROR {
                z.end();
                return Err(z.error(s.err, "while compressing data"));
            }
            if !s.out_full {
                break;
            }
        }
        if flush == z::Z_FINISH {
            break;
        }
    }
    let err = z.end();
    if err != z::Z_OK {
        return Err(z.error(err, "while finishing compression"));
    }
    Ok(out)
}

fn zlib_decompress(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "decompress",
        names: &["", "wbits", "bufsize"],
        posonly: 1,
        required: 1,
        kwonly_from: 3,
    };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let data = p[0].as_ref().ok_or_else(|| vm.system_error("missing argument"))?;
    let data = buffer_arg(vm, data)?;
    let wbits = int_or(vm, &p[1], MAX_WBITS)?;
    let bufsize = ssize_arg(vm, &p[2], DEF_BUF_SIZE)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let out = decompress_all(&data, wbits).map_err(|e| e.into_py(vm))?;
    Ok(vm.new_bytes(out))
}

fn decompress_all(data: &[u8], wbits: c_int) -> Result<Vec<u8>, ZErr> {
    let (mut z, err) = ZStream::inflate_init(wbits);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Out of memory while decompressing data")),
        _ => {
            z.end();
            return Err(z.error(err, "while preparing to decompress data"));
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    let mut err;
    loop {
        let flush = if data.len() - pos <= c_uint::MAX as usize { z::Z_FINISH } else { z::Z_NO_FLUSH };
        loop {
            let room = next_room(out.len(), usize::MAX);
            let s = z.step(data, &mut pos, &mut out, room, flush)?;
            err = s.err;
            match err {
                z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Out of memory while decompressing data")),
                _ => {
                    z.end();
                    return Err(z.error(err, "while decompressing data"));
                }
            }
            if !s.out_full {
                break;
            }
        }
        if err == z::Z_STREAM_END || pos == data.len() {
            break;
        }
    }
    if err != z::Z_STREAM_END {
        z.end();
        return Err(z.error(err, "while decompressing data"));
    }
    let err = z.end();
    if err != z::Z_OK {
        return Err(z.error(err, "while finishing decompression"));
    }
    Ok(out)
}

// ---- checksums ------------------------------------------------------------------------------------

pub(crate) fn crc32(start: u32, d: &[u8]) -> u32 {
    let mut v = start as z::uLong;
    for chunk in d.chunks(1 << 30) {
        // SAFETY: the pointer and length describe `chunk`.
        v = unsafe { z::crc32(v, chunk.as_ptr(), chunk.len() as c_uint) };
    }
    v as u32
}

fn adler32(start: u32, d: &[u8]) -> u32 {
    let mut v = start as z::uLong;
    for chunk in d.chunks(1 << 30) {
        // SAFETY: the pointer and length describe `chunk`.
        v = unsafe { z::adler32(v, chunk.as_ptr(), chunk.len() as c_uint) };
    }
    v as u32
}

/// `crc32(data, value=0, /)` and `adler32(data, value=1, /)`; the start
/// value is taken modulo 2**32, as Argument Clinic's bitwise `unsigned
/// int`.
fn checksum(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>, default: u32, f: fn(u32, &[u8]) -> u32) -> PyResult<Obj> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("zlib.{name}() takes no keyword arguments")));
    }
    if a.is_empty() || a.len() > 2 {
        let (bound, n) = if a.is_empty() { ("least", "1 argument") } else { ("most", "2 arguments") };
        return Err(vm.type_error(format!("{name} expected at {bound} {n}, got {}", a.len())));
    }
    let data = buffer_arg(vm, &a[0])?;
    let start = match a.get(1) {
        Some(v) => converters::unsigned_int_mask(vm, v)?,
        None => default,
    };
    Ok(vm.new_int(f(start, &data) as i64))
}

// ---- Compress -------------------------------------------------------------------------------------

struct Compress {
    z: RefCell<ZStream>,
}
impl PyPayload for Compress {}

const COMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::method("compress", compress_compress),
    MethodDef::method("flush", compress_flush),
    MethodDef::method("copy", |vm, o, a, k| {
        args::exact::<0>(vm, "copy", a, k)?;
        compress_copy(vm, o)
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        compress_copy(vm, o)
    }),
    MethodDef::method("__deepcopy__", |vm, o, a, k| {
        args::exact::<1>(vm, "__deepcopy__", a, k)?;
        compress_copy(vm, o)
    }),
];

fn compressor<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Compress> {
    payload_or_err::<Compress>(vm, o, COMPRESS_TYPE)
}

fn zlib_compressobj(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["level", "method", "wbits", "memLevel", "strategy", "zdict"];
    let p = args::parse(vm, "compressobj", a, k, &names, 0)?;
    let level = int_or(vm, &p[0], -1)?;
    let method = int_or(vm, &p[1], 8)?;
    let wbits = int_or(vm, &p[2], MAX_WBITS)?;
    let mem_level = int_or(vm, &p[3], DEF_MEM_LEVEL)?;
    let strategy = int_or(vm, &p[4], 0)?;
    let zdict = p[5].as_ref().map(|d| buffer_arg(vm, d)).transpose()?;
    let (mut z, err) = ZStream::deflate_init(level, method, wbits, mem_level, strategy);
    match err {
        z::Z_OK => {}
        z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Can't allocate memory for compression object").into_py(vm)),
        z::Z_STREAM_ERROR => return Err(vm.value_error("Invalid initialization option")),
        _ => return Err(z.error(err, "while creating compression object").into_py(vm)),
    }
    if let Some(d) = zdict {
        if d.len() > c_uint::MAX as usize {
            return Err(vm.overflow_error("zdict length does not fit in an unsigned int"));
        }
        match z.set_dictionary(&d) {
            z::Z_OK => {}
            z::Z_STREAM_ERROR => return Err(vm.value_error("Invalid dictionary")),
            _ => return Err(vm.value_error("deflateSetDictionary()")),
        }
    }
    let ty = lazy_type(vm, COMPRESS_TYPE)?;
    alloc_instance(vm, &ty, &ty, Compress { z: RefCell::new(z) })
}

fn compress_compress(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "compress", names: &[""], posonly: 1, required: 1, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let c = compressor(vm, o)?;
    let data = p[0].as_ref().ok_or_else(|| vm.system_error("missing argument"))?;
    let out = buffer::with_simple_bytes(vm, data, |d| deflate_more(&mut c.z.borrow_mut(), d))?;
    Ok(vm.new_bytes(out.map_err(|e| e.into_py(vm))?))
}

fn deflate_more(z: &mut ZStream, data: &[u8]) -> Result<Vec<u8>, ZErr> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        loop {
            let room = next_room(out.len(), usize::MAX);
            let s = z.step(data, &mut pos, &mut out, room, z::Z_NO_FLUSH)?;
            if s.err == z::Z_STREAM_ERROR {
                return Err(z.error(s.err, "while compressing data"));
            }
            if !s.out_full {
                break;
            }
        }
        if pos == data.len() {
            return Ok(out);
        }
    }
}

fn compress_flush(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "flush", names: &["mode"], posonly: 1, required: 0, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let mode = int_or(vm, &p[0], z::Z_FINISH as i64)?;
    let c = compressor(vm, o)?;
    if mode == z::Z_NO_FLUSH {
        return Ok(vm.new_bytes(Vec::new()));
    }
    let out = deflate_flush(&mut c.z.borrow_mut(), mode).map_err(|e| e.into_py(vm))?;
    Ok(vm.new_bytes(out))
}

fn deflate_flush(z: &mut ZStream, mode: c_int) -> Result<Vec<u8>, ZErr> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut err;
    loop {
        let room = next_room(out.len(), usize::MAX);
        let s = z.step(&[], &mut pos, &mut out, room, mode)?;
        err = s.err;
        if err == z::Z_STREAM_ERROR {
            return Err(z.error(err, "while flushing"));
        }
        if !s.out_full {
            break;
        }
    }
    if err == z::Z_STREAM_END && mode == z::Z_FINISH {
        let err = z.end();
        if err != z::Z_OK {
            return Err(z.error(err, "while finishing compression"));
        }
    } else if err != z::Z_OK && err != z::Z_BUF_ERROR {
        return Err(z.error(err, "while flushing"));
    }
    Ok(out)
}

fn compress_copy(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let c = compressor(vm, o)?;
    let copied = {
        let mut z = c.z.borrow_mut();
        if !z.live {
            return Err(vm.value_error("Inconsistent stream state"));
        }
        let (copy, err) = z.copy();
        match err {
            z::Z_OK => copy,
            z::Z_STREAM_ERROR => return Err(vm.value_error("Inconsistent stream state")),
            z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Can't allocate memory for compression object").into_py(vm)),
            _ => return Err(z.error(err, "while copying compression object").into_py(vm)),
        }
    };
    let ty = lazy_type(vm, COMPRESS_TYPE)?;
    alloc_instance(vm, &ty, &ty, Compress { z: RefCell::new(copied) })
}

// ---- Decompress -----------------------------------------------------------------------------------

struct Decompress {
    z: RefCell<ZStream>,
    unused_data: RefCell<Vec<u8>>,
    unconsumed_tail: RefCell<Vec<u8>>,
    eof: Cell<bool>,
    /// The preset dictionary object (read when zlib asks for it).
    zdict: ObjCell,
}
impl PyPayload for Decompress {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Some(z) = self.zdict.get() {
            visit(&z);
        }
    }
}

const DECOMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::method("decompress", decompress_decompress),
    MethodDef::method("flush", decompress_flush),
    MethodDef::method("copy", |vm, o, a, k| {
        args::exact::<0>(vm, "copy", a, k)?;
        decompress_copy(vm, o)
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        decompress_copy(vm, o)
    }),
    MethodDef::method("__deepcopy__", |vm, o, a, k| {
        args::exact::<1>(vm, "__deepcopy__", a, k)?;
        decompress_copy(vm, o)
    }),
];

const DECOMPRESS_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("unused_data", |vm, o| Ok(vm.new_bytes(decompressor(vm, o)?.unused_data.borrow().clone())), None),
    GetSetDef::new(
        "unconsumed_tail",
        |vm, o| Ok(vm.new_bytes(decompressor(vm, o)?.unconsumed_tail.borrow().clone())),
        None,
    ),
    GetSetDef::new("eof", |vm, o| Ok(vm.bool_obj(decompressor(vm, o)?.eof.get())), None),
];

fn decompressor<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Decompress> {
    payload_or_err::<Decompress>(vm, o, DECOMPRESS_TYPE)
}

fn zlib_decompressobj(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "decompressobj", a, k, &["wbits", "zdict"], 0)?;
    let wbits = int_or(vm, &p[0], MAX_WBITS)?;
    if let Some(d) = &p[1] {
        if !buffer::is_bytes_like(d) {
            return Err(vm.type_error("zdict argument must support the buffer protocol"));
        }
    }
    let (z, err) = ZStream::inflate_init(wbits);
    match err {
        z::Z_OK => {}
        z::Z_STREAM_ERROR => return Err(vm.value_error("Invalid initialization option")),
        z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Can't allocate memory for decompression object").into_py(vm)),
        _ => return Err(z.error(err, "while creating decompression object").into_py(vm)),
    }
    let d = Decompress {
        z: RefCell::new(z),
        unused_data: RefCell::new(Vec::new()),
        unconsumed_tail: RefCell::new(Vec::new()),
        eof: Cell::new(false),
        zdict: ObjCell::new(p[1].clone()),
    };
    if wbits < 0 {
        if let Some(zd) = zdict_bytes(vm, &d)? {
            set_inflate_zdict(&mut d.z.borrow_mut(), &zd).map_err(|e| e.into_py(vm))?;
        }
    }
    let ty = lazy_type(vm, DECOMPRESS_TYPE)?;
    alloc_instance(vm, &ty, &ty, d)
}

fn zdict_bytes(vm: &Vm, d: &Decompress) -> PyResult<Option<Vec<u8>>> {
    d.zdict.get().map(|z| buffer_arg(vm, &z)).transpose()
}

fn set_inflate_zdict(z: &mut ZStream, zdict: &[u8]) -> Result<(), ZErr> {
    if zdict.len() > c_uint::MAX as usize {
        return Err(ZErr::Overflow("zdict length does not fit in an unsigned int"));
    }
    let err = z.set_dictionary(zdict);
    if err != z::Z_OK {
        return Err(z.error(err, "while setting zdict"));
    }
    Ok(())
}

/// The result of feeding input to the inflater: the output, the last
/// zlib status, and how much input it consumed.
struct Inflated {
    out: Vec<u8>,
    err: c_int,
    consumed: usize,
}

/// CPython's decompress/flush loop: inflate `data` with `flush` (or
/// Z_FINISH on the last piece when `finish`), up to `limit` bytes of
/// output, answering a dictionary request with `zdict`.
fn inflate_loop(
    z: &mut ZStream,
    data: &[u8],
    limit: usize,
    finish: bool,
    zdict: Option<&[u8]>,
) -> Result<Inflated, ZErr> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut err = z::Z_OK;
    'outer: loop {
        let last = data.len() - pos <= c_uint::MAX as usize;
        let flush = if finish && last {
            z::Z_FINISH
        } else if finish {
            z::Z_NO_FLUSH
        } else {
            z::Z_SYNC_FLUSH
        };
        loop {
            if out.len() == limit {
                break 'outer;
            }
            let room = next_room(out.len(), limit);
            let s = z.step(data, &mut pos, &mut out, room, flush)?;
            err = s.err;
            let mut again = s.out_full;
            match err {
                z::Z_OK | z::Z_BUF_ERROR | z::Z_STREAM_END => {}
                z::Z_NEED_DICT if zdict.is_some() => {
                    set_inflate_zdict(z, zdict.unwrap_or_default())?;
                    again = true;
                }
                _ => break 'outer,
            }
            if !again {
                break;
            }
        }
        if err == z::Z_STREAM_END || pos == data.len() {
            break;
        }
    }
    Ok(Inflated { out, err, consumed: pos })
}

/// CPython's `save_unconsumed_input`.
fn save_unconsumed(d: &Decompress, data: &[u8], consumed: usize, err: c_int) {
    let mut left = &data[consumed..];
    if err == z::Z_STREAM_END && !left.is_empty() {
        d.unused_data.borrow_mut().extend_from_slice(left);
        left = &[];
    }
    let mut tail = d.unconsumed_tail.borrow_mut();
    if !left.is_empty() || !tail.is_empty() {
        *tail = left.to_vec();
    }
}

fn decompress_decompress(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec =
        args::ArgSpec { fname: "decompress", names: &["", "max_length"], posonly: 1, required: 1, kwonly_from: 2 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let d = decompressor(vm, o)?;
    let data = p[0].as_ref().ok_or_else(|| vm.system_error("missing argument"))?;
    let data = buffer_arg(vm, data)?;
    let max_length = ssize_arg(vm, &p[1], 0)?;
    if max_length < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    let limit = if max_length == 0 { isize::MAX as usize } else { max_length as usize };
    let zdict = zdict_bytes(vm, d)?;
    let mut z = d.z.borrow_mut();
    let r = inflate_loop(&mut z, &data, limit, false, zdict.as_deref()).map_err(|e| e.into_py(vm))?;
    save_unconsumed(d, &data, r.consumed, r.err);
    if r.err == z::Z_STREAM_END {
        d.eof.set(true);
    } else if r.err != z::Z_OK && r.err != z::Z_BUF_ERROR {
        return Err(z.error(r.err, "while decompressing data").into_py(vm));
    }
    Ok(vm.new_bytes(r.out))
}

fn decompress_flush(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "flush", names: &["length"], posonly: 1, required: 0, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let length = ssize_arg(vm, &p[0], DEF_BUF_SIZE)?;
    if length <= 0 {
        return Err(vm.value_error("length must be greater than zero"));
    }
    let d = decompressor(vm, o)?;
    let zdict = zdict_bytes(vm, d)?;
    let data = d.unconsumed_tail.borrow().clone();
    let mut z = d.z.borrow_mut();
    let r = inflate_loop(&mut z, &data, isize::MAX as usize, true, zdict.as_deref()).map_err(|e| e.into_py(vm))?;
    save_unconsumed(d, &data, r.consumed, r.err);
    if r.err == z::Z_STREAM_END {
        d.eof.set(true);
        let err = z.end();
        if err != z::Z_OK {
            return Err(z.error(err, "while finishing decompression").into_py(vm));
        }
    }
    Ok(vm.new_bytes(r.out))
}

fn decompress_copy(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = decompressor(vm, o)?;
    let copied = {
        let mut z = d.z.borrow_mut();
        if !z.live {
            return Err(vm.value_error("Inconsistent stream state"));
        }
        let (copy, err) = z.copy();
        match err {
            z::Z_OK => copy,
            z::Z_STREAM_ERROR => return Err(vm.value_error("Inconsistent stream state")),
            z::Z_MEM_ERROR => return Err(ZErr::MemoryMsg("Can't allocate memory for decompression object").into_py(vm)),
            _ => return Err(z.error(err, "while copying decompression object").into_py(vm)),
        }
    };
    let ty = lazy_type(vm, DECOMPRESS_TYPE)?;
    let new = Decompress {
        z: RefCell::new(copied),
        unused_data: RefCell::new(d.unused_data.borrow().clone()),
        unconsumed_tail: RefCell::new(d.unconsumed_tail.borrow().clone()),
        eof: Cell::new(d.eof.get()),
        zdict: ObjCell::new(d.zdict.get()),
    };
    alloc_instance(vm, &ty, &ty, new)
}
