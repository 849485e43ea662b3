//! `_lzma` (CPython's `Modules/_lzmamodule.c`): `LZMACompressor`,
//! `LZMADecompressor`, filter chains and the constants under Lib's
//! `lzma`, over liblzma (xz, compiled from source by `liblzma-sys` with
//! its `static` feature, so no system library is needed).
//!
//! Each call hands liblzma the input and a slice of output for the length
//! of that call only; the loops follow CPython's (`avail_out == 0` means
//! "grow and call again", `max_length` bounds the decompressor's output
//! and keeps the rest of the input for the next call).

use std::cell::{Cell, RefCell};
use std::ffi::c_void;

use liblzma_sys as lz;
use num_traits::{Signed, ToPrimitive};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, dict, int, module, Obj, PyErr, PyPayload, PyResult, Vm};

use crate::support;

const COMPRESSOR: &str = "_lzma.LZMACompressor";
const DECOMPRESSOR: &str = "_lzma.LZMADecompressor";
const ERROR: &str = "_lzma.LZMAError";

const FORMAT_AUTO: i32 = 0;
const FORMAT_XZ: i32 = 1;
const FORMAT_ALONE: i32 = 2;
const FORMAT_RAW: i32 = 3;
const CHECK_UNKNOWN: i32 = lz::LZMA_CHECK_ID_MAX as i32 + 1;

const INT_CONSTANTS: &[(&str, i64)] = &[
    ("FORMAT_AUTO", FORMAT_AUTO as i64),
    ("FORMAT_XZ", FORMAT_XZ as i64),
    ("FORMAT_ALONE", FORMAT_ALONE as i64),
    ("FORMAT_RAW", FORMAT_RAW as i64),
    ("CHECK_NONE", lz::LZMA_CHECK_NONE as i64),
    ("CHECK_CRC32", lz::LZMA_CHECK_CRC32 as i64),
    ("CHECK_CRC64", lz::LZMA_CHECK_CRC64 as i64),
    ("CHECK_SHA256", lz::LZMA_CHECK_SHA256 as i64),
    ("CHECK_ID_MAX", lz::LZMA_CHECK_ID_MAX as i64),
    ("CHECK_UNKNOWN", CHECK_UNKNOWN as i64),
    ("FILTER_LZMA1", lz::LZMA_FILTER_LZMA1 as i64),
    ("FILTER_LZMA2", lz::LZMA_FILTER_LZMA2 as i64),
    ("FILTER_DELTA", lz::LZMA_FILTER_DELTA as i64),
    ("FILTER_X86", lz::LZMA_FILTER_X86 as i64),
    ("FILTER_IA64", lz::LZMA_FILTER_IA64 as i64),
    ("FILTER_ARM", lz::LZMA_FILTER_ARM as i64),
    ("FILTER_ARMTHUMB", lz::LZMA_FILTER_ARMTHUMB as i64),
    ("FILTER_SPARC", lz::LZMA_FILTER_SPARC as i64),
    ("FILTER_POWERPC", lz::LZMA_FILTER_POWERPC as i64),
    ("MF_HC3", lz::LZMA_MF_HC3 as i64),
    ("MF_HC4", lz::LZMA_MF_HC4 as i64),
    ("MF_BT2", lz::LZMA_MF_BT2 as i64),
    ("MF_BT3", lz::LZMA_MF_BT3 as i64),
    ("MF_BT4", lz::LZMA_MF_BT4 as i64),
    ("MODE_FAST", lz::LZMA_MODE_FAST as i64),
    ("MODE_NORMAL", lz::LZMA_MODE_NORMAL as i64),
    ("PRESET_DEFAULT", lz::LZMA_PRESET_DEFAULT as i64),
    ("PRESET_EXTREME", lz::LZMA_PRESET_EXTREME as i64),
];

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("is_check_supported", is_check_supported),
    MethodDef::static_("_encode_filter_properties", encode_filter_properties),
    MethodDef::static_("_decode_filter_properties", decode_filter_properties),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_lzma");
    let d = module::module_dict(&m);
    for &(name, v) in INT_CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(v))?;
    }
    dict::set_item_str(vm, &d, "LZMAError", error_type(vm)?)?;
    dict::set_item_str(vm, &d, "LZMACompressor", compressor_type(vm))?;
    dict::set_item_str(vm, &d, "LZMADecompressor", decompressor_type(vm))?;
    module::add_functions(vm, &m, "_lzma", FUNCTIONS);
    Ok(m)
}

fn error_type(vm: &Vm) -> PyResult<Obj> {
    let base = &vm.ctx.exceptions.exception;
    support::exception_type(vm, ERROR, "_lzma", "LZMAError", base, Some("Call to liblzma failed."))
}

fn lzma_error(vm: &Vm, msg: &str) -> PyErr {
    support::exception_with_msg(vm, error_type(vm), msg)
}

/// CPython's `catch_lzma_error`: Ok for the codes that are not errors.
fn check(vm: &Vm, ret: lz::lzma_ret) -> PyResult<()> {
    let msg = match ret {
        lz::LZMA_OK | lz::LZMA_GET_CHECK | lz::LZMA_NO_CHECK | lz::LZMA_STREAM_END => return Ok(()),
        lz::LZMA_UNSUPPORTED_CHECK => "Unsupported integrity check",
        lz::LZMA_MEM_ERROR => return Err(vm.memory_error()),
        lz::LZMA_MEMLIMIT_ERROR => "Memory usage limit exceeded",
        lz::LZMA_FORMAT_ERROR => "Input format not supported by decoder",
        lz::LZMA_OPTIONS_ERROR => "Invalid or unsupported options",
        lz::LZMA_DATA_ERROR => "Corrupt input data",
        lz::LZMA_BUF_ERROR => "Insufficient buffer space",
        lz::LZMA_PROG_ERROR => "Internal error",
        other => return Err(lzma_error(vm, &format!("Unrecognized error from liblzma: {other}"))),
    };
    Err(lzma_error(vm, msg))
}

// ---- integer converters ------------------------------------------------------------------------------

/// `PyLong_AsUnsignedLongLong` bounded by `max`, with `too_big` past it.
fn unsigned(vm: &Vm, o: &Obj, max: u64, too_big: &str) -> PyResult<u64> {
    if int::value(o).is_none() {
        return Err(vm.type_error("an integer is required"));
    }
    let v = vm.to_bigint(o)?;
    if v.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    match v.to_u64() {
        Some(x) if x <= max => Ok(x),
        Some(_) => Err(vm.overflow_error(too_big)),
        None if max == u64::MAX => Err(vm.overflow_error(too_big)),
        None => Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
    }
}

/// CPython's `uint32_converter`.
fn uint32(vm: &Vm, o: &Obj) -> PyResult<u32> {
    Ok(unsigned(vm, o, u64::from(u32::MAX), "Value too large for uint32_t type")? as u32)
}

/// CPython's `lzma_vli_converter` (a filter ID).
fn vli(vm: &Vm, o: &Obj) -> PyResult<u64> {
    unsigned(vm, o, u64::MAX, "int too big to convert")
}

// ---- filter chains -----------------------------------------------------------------------------------

/// The options a filter points at, owned here for as long as liblzma
/// may read them.
enum FilterOptions {
    Lzma(Box<lz::lzma_options_lzma>),
    Delta(Box<lz::lzma_options_delta>),
    Bcj(Box<lz::lzma_options_bcj>),
}

impl FilterOptions {
    fn as_ptr(&mut self) -> *mut c_void {
        match self {
            FilterOptions::Lzma(b) => (&mut **b as *mut lz::lzma_options_lzma).cast(),
            FilterOptions::Delta(b) => (&mut **b as *mut lz::lzma_options_delta).cast(),
            FilterOptions::Bcj(b) => (&mut **b as *mut lz::lzma_options_bcj).cast(),
        }
    }
}

/// A filter chain as liblzma reads it: the filters, then an entry with
/// `LZMA_VLI_UNKNOWN`; the options live in `_options`.
struct FilterChain {
    filters: Vec<lz::lzma_filter>,
    _options: Vec<FilterOptions>,
}

impl FilterChain {
    fn ptr(&self) -> *const lz::lzma_filter {
        self.filters.as_ptr()
    }

    fn len(&self) -> usize {
        self.filters.len() - 1
    }
}

fn filter_chain(vm: &Vm, specs: &Obj) -> PyResult<FilterChain> {
    // A sequence, as `PySequence_Size` and `PySequence_GetItem` see it.
    if dict::data(specs).is_some() {
        return Err(vm.type_error(format!("{} is not a sequence", vm.type_name(specs))));
    }
    let n = vm.len(specs)?;
    if n > lz::LZMA_FILTERS_MAX as usize {
        return Err(
            vm.value_error(format!("Too many filters - liblzma supports a maximum of {}", lz::LZMA_FILTERS_MAX))
        );
    }
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        items.push(vm.getitem(specs, &vm.new_usize(i))?);
    }
    let mut filters = Vec::new();
    let mut options = Vec::new();
    for spec in &items {
        let (id, mut opts) = filter_spec(vm, spec)?;
        filters.push(lz::lzma_filter { id, options: opts.as_ptr() });
        options.push(opts);
    }
    filters.push(lz::lzma_filter { id: lz::LZMA_VLI_UNKNOWN, options: std::ptr::null_mut() });
    Ok(FilterChain { filters, _options: options })
}

/// One filter specifier (a dict with an "id" and the filter's options),
/// as CPython's `parse_filter_spec`.
fn filter_spec(vm: &Vm, spec: &Obj) -> PyResult<(u64, FilterOptions)> {
    if vm.getattr_str_opt(spec, "__getitem__")?.is_none() {
        return Err(vm.type_error("Filter specifier must be a dict or dict-like object"));
    }
    let id_obj = match vm.getitem(spec, &vm.new_str("id")) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {
            return Err(vm.value_error("Filter specifier must have an \"id\" entry"))
        }
        Err(e) => return Err(e),
    };
    let id = vli(vm, &id_obj)?;
    let opts = match id {
        lz::LZMA_FILTER_LZMA1 | lz::LZMA_FILTER_LZMA2 => FilterOptions::Lzma(lzma_options(vm, spec)?),
        lz::LZMA_FILTER_DELTA => {
            let mut o: Box<lz::lzma_options_delta> = Box::new(zeroed_delta());
            o.type_ = lz::lzma_delta_type_LZMA_DELTA_TYPE_BYTE;
            o.dist = 1;
            for (k, v) in spec_items(vm, spec)? {
                match k.as_str() {
                    "id" => {}
                    "dist" => o.dist = uint32(vm, &v).map_err(|_| bad_spec(vm, "delta"))?,
                    _ => return Err(bad_spec(vm, "delta")),
                }
            }
            FilterOptions::Delta(o)
        }
        lz::LZMA_FILTER_X86
        | lz::LZMA_FILTER_POWERPC
        | lz::LZMA_FILTER_IA64
        | lz::LZMA_FILTER_ARM
        | lz::LZMA_FILTER_ARMTHUMB
        | lz::LZMA_FILTER_SPARC => {
            let mut o = Box::new(lz::lzma_options_bcj { start_offset: 0 });
            for (k, v) in spec_items(vm, spec)? {
                match k.as_str() {
                    "id" => {}
                    "start_offset" => o.start_offset = uint32(vm, &v).map_err(|_| bad_spec(vm, "BCJ"))?,
                    _ => return Err(bad_spec(vm, "BCJ")),
                }
            }
            FilterOptions::Bcj(o)
        }
        other => return Err(vm.value_error(format!("Invalid filter ID: {other}"))),
    };
    Ok((id, opts))
}

fn bad_spec(vm: &Vm, what: &str) -> PyErr {
    vm.value_error(format!("Invalid filter specifier for {what} filter"))
}

fn zeroed_delta() -> lz::lzma_options_delta {
    // SAFETY: a plain C struct of integers and null pointers, for which
    // all-zero bytes is its documented initial state.
    unsafe { std::mem::zeroed() }
}

/// The (key, value) pairs of a specifier; a key that is not a str makes
/// the specifier invalid (CPython passes it as keyword arguments).
fn spec_items(vm: &Vm, spec: &Obj) -> PyResult<Vec<(String, Obj)>> {
    let keys = match dict::data(spec) {
        Some(_) => dict::keys(spec),
        None => vm.to_vec(&vm.call_method(spec, "keys", &[])?)?,
    };
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let Some(name) = taipan_vm::api::str::as_str(&k).map(str::to_string) else {
            return Err(vm.value_error("Invalid filter specifier"));
        };
        let v = vm.getitem(spec, &k)?;
        out.push((name, v));
    }
    Ok(out)
}

/// LZMA1/LZMA2 options: a preset, then the keys that refine it.
fn lzma_options(vm: &Vm, spec: &Obj) -> PyResult<Box<lz::lzma_options_lzma>> {
    let preset = match vm.getitem(spec, &vm.new_str("preset")) {
        Ok(p) => uint32(vm, &p)?,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => lz::LZMA_PRESET_DEFAULT,
        Err(e) => return Err(e),
    };
    // SAFETY: all-zero bytes is a valid lzma_options_lzma (integers and
    // null pointers); lzma_lzma_preset then fills it in.
    let mut o: Box<lz::lzma_options_lzma> = Box::new(unsafe { std::mem::zeroed() });
    // SAFETY: `o` is a valid, writable options struct.
    if unsafe { lz::lzma_lzma_preset(&mut *o, preset) } != 0 {
        return Err(lzma_error(vm, &format!("Invalid compression preset: {preset}")));
    }
    let bad = || bad_spec(vm, "LZMA");
    for (k, v) in spec_items(vm, spec).map_err(|_| bad())? {
        let n = || uint32(vm, &v).map_err(|_| bad());
        match k.as_str() {
            "id" | "preset" => {}
            "dict_size" => o.dict_size = n()?,
            "lc" => o.lc = n()?,
            "lp" => o.lp = n()?,
            "pb" => o.pb = n()?,
            "nice_len" => o.nice_len = n()?,
            "depth" => o.depth = n()?,
            // As CPython's converters: liblzma judges the values.
            "mode" => o.mode = n()? as lz::lzma_mode,
            "mf" => o.mf = n()? as lz::lzma_match_finder,
            _ => return Err(bad()),
        }
    }
    Ok(o)
}

// ---- module functions --------------------------------------------------------------------------------

fn is_check_supported(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let id = crate::clinic::one(vm, "is_check_supported", a, k)?;
    let id = crate::converters::c_int(vm, &id)?;
    // SAFETY: a pure function of its argument.
    let ok = unsafe { lz::lzma_check_is_supported(id as lz::lzma_check) } != 0;
    Ok(vm.bool_obj(ok))
}

fn encode_filter_properties(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = crate::clinic::one(vm, "_encode_filter_properties", a, k)?;
    let (id, mut opts) = filter_spec(vm, &spec)?;
    let filter = lz::lzma_filter { id, options: opts.as_ptr() };
    let mut size = 0u32;
    // SAFETY: `filter` points at options that live until the end of this
    // function.
    check(vm, unsafe { lz::lzma_properties_size(&mut size, &filter) })?;
    let mut out = vec![0u8; size as usize];
    // SAFETY: `out` has the `size` bytes liblzma asked for.
    check(vm, unsafe { lz::lzma_properties_encode(&filter, out.as_mut_ptr()) })?;
    Ok(vm.new_bytes(out))
}

fn decode_filter_properties(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "_decode_filter_properties", k)?;
    crate::clinic::check_count(vm, "_decode_filter_properties", a.len(), 2, 2)?;
    let id = vli(vm, &a[0])?;
    let props = buffer::with_simple_bytes(vm, &a[1], |b| b.to_vec())?;
    let mut filter = lz::lzma_filter { id, options: std::ptr::null_mut() };
    // SAFETY: liblzma reads `props` and, on success, stores options it
    // allocated with malloc in `filter.options`, freed below.
    let ret = unsafe { lz::lzma_properties_decode(&mut filter, std::ptr::null(), props.as_ptr(), props.len()) };
    check(vm, ret)?;
    let spec = filter_dict(vm, &filter);
    // SAFETY: allocated by liblzma's default allocator (malloc), or null.
    unsafe { libc::free(filter.options) };
    spec
}

/// CPython's `build_filter_spec`: the options liblzma decoded, as a dict.
fn filter_dict(vm: &Vm, f: &lz::lzma_filter) -> PyResult<Obj> {
    let d = vm.new_dict();
    let put = |name: &str, v: u64| dict::set_item_str(vm, &d, name, vm.new_bigint(v.into()));
    put("id", f.id)?;
    if f.options.is_null() {
        return Ok(d);
    }
    // SAFETY: liblzma stored options of the type its filter ID names.
    unsafe {
        match f.id {
            lz::LZMA_FILTER_LZMA1 => {
                let o = &*(f.options as *const lz::lzma_options_lzma);
                put("lc", o.lc.into())?;
                put("lp", o.lp.into())?;
                put("pb", o.pb.into())?;
                put("dict_size", o.dict_size.into())?;
            }
            lz::LZMA_FILTER_LZMA2 => {
                let o = &*(f.options as *const lz::lzma_options_lzma);
                put("dict_size", o.dict_size.into())?;
            }
            lz::LZMA_FILTER_DELTA => {
                let o = &*(f.options as *const lz::lzma_options_delta);
                put("dist", o.dist.into())?;
            }
            lz::LZMA_FILTER_X86
            | lz::LZMA_FILTER_POWERPC
            | lz::LZMA_FILTER_IA64
            | lz::LZMA_FILTER_ARM
            | lz::LZMA_FILTER_ARMTHUMB
            | lz::LZMA_FILTER_SPARC => {
                let o = &*(f.options as *const lz::lzma_options_bcj);
                put("start_offset", o.start_offset.into())?;
            }
            _ => {}
        }
    }
    Ok(d)
}

// ---- the stream ----------------------------------------------------------------------------------------

/// An `lzma_stream`, ended when dropped.
struct Stream(Box<lz::lzma_stream>);

impl Stream {
    fn new() -> Stream {
        // SAFETY: all-zero bytes is LZMA_STREAM_INIT.
        Stream(Box::new(unsafe { std::mem::zeroed() }))
    }

    fn raw(&mut self) -> *mut lz::lzma_stream {
        &mut *self.0
    }

    /// One `lzma_code` call reading `input` and appending to `out`'s spare
    /// capacity, never past `limit` bytes in all. Returns the code and how much input was consumed.
    fn code(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        limit: usize,
        action: lz::lzma_action,
    ) -> (lz::lzma_ret, usize) {
        let s = &mut *self.0;
        s.next_in = if input.is_empty() { std::ptr::null() } else { input.as_ptr() };
        s.avail_in = input.len();
        let room = (out.capacity() - out.len()).min(limit - out.len());
        // SAFETY: the spare capacity is `room` writable bytes.
        s.next_out = unsafe { out.as_mut_ptr().add(out.len()) };
        s.avail_out = room;
        // SAFETY: an initialised stream; the pointers are valid for this
        // call only and reset below.
        let ret = unsafe { lz::lzma_code(s, action) };
        let written = room - s.avail_out;
        // SAFETY: liblzma initialised `written` bytes of the spare room.
        unsafe { out.set_len(out.len() + written) };
        let consumed = input.len() - s.avail_in;
        s.next_in = std::ptr::null();
        s.avail_in = 0;
        s.next_out = std::ptr::null_mut();
        s.avail_out = 0;
        (ret, consumed)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: ending a zeroed or initialised stream is allowed once.
        unsafe { lz::lzma_end(&mut *self.0) };
    }
}

/// No room left for output (CPython's `avail_out == 0`).
fn full(out: &[u8], capacity: usize, limit: usize) -> bool {
    out.len() == capacity || out.len() == limit
}

/// Room for the next call: double what is there (at least 8 KiB), never
/// past `limit`.
fn grow(vm: &Vm, out: &mut Vec<u8>, limit: usize) -> PyResult<()> {
    let room = out.len().clamp(8 << 10, 16 << 20).min(limit - out.len());
    out.try_reserve_exact(room).map_err(|_| vm.memory_error())
}

fn spec<'a>(name: &'a str, methods: &'a [MethodDef], getsets: &'a [GetSetDef]) -> TypeSpec<'a> {
    TypeSpec {
        name,
        base: None,
        flags: flags::BASETYPE,
        gc: false,
        dict: false,
        weakref: false,
        methods,
        getsets,
        doc: None,
    }
}

// ---- LZMACompressor ------------------------------------------------------------------------------------

struct Compressor {
    stream: RefCell<Stream>,
    flushed: Cell<bool>,
}
impl PyPayload for Compressor {}

fn compressor_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, COMPRESSOR) {
        return t;
    }
    const METHODS: &[MethodDef] = &[
        MethodDef::method("compress", |vm, o, a, k| {
            let data = crate::clinic::one(vm, "compress", a, k)?;
            let c = payload_or_err::<Compressor>(vm, o, COMPRESSOR)?;
            if c.flushed.get() {
                return Err(vm.value_error("Compressor has been flushed"));
            }
            let input = buffer::with_simple_bytes(vm, &data, |d| d.to_vec())?;
            Ok(vm.new_bytes(compress(vm, c, &input, lz::LZMA_RUN)?))
        }),
        MethodDef::method("flush", |vm, o, a, k| {
            crate::clinic::none(vm, "flush", a, k)?;
            let c = payload_or_err::<Compressor>(vm, o, COMPRESSOR)?;
            if c.flushed.get() {
                return Err(vm.value_error("Repeated call to flush()"));
            }
            c.flushed.set(true);
            Ok(vm.new_bytes(compress(vm, c, &[], lz::LZMA_FINISH)?))
        }),
    ];
    let t = taipan_vm::api::types::new_type::<Compressor>(vm, &spec(COMPRESSOR, METHODS, &[]), |s| {
        s.new.set(Some(compressor_new));
    });
    support::register_type(vm, COMPRESSOR, &t);
    t
}

fn compressor_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "LZMACompressor", a, k, &["format", "check", "preset", "filters"], 0)?;
    let format = p[0].as_ref().map_or(Ok(FORMAT_XZ), |f| crate::converters::c_int(vm, f))?;
    let check_id = p[1].as_ref().map_or(Ok(-1), |c| crate::converters::c_int(vm, c))?;
    let preset = p[2].as_ref().filter(|o| !vm.is_none(o));
    let filters = p[3].as_ref().filter(|o| !vm.is_none(o));
    if format != FORMAT_XZ && check_id != -1 && check_id != lz::LZMA_CHECK_NONE as i32 {
        return Err(vm.value_error("Integrity checks are only supported by FORMAT_XZ"));
    }
    if preset.is_some() && filters.is_some() {
        return Err(vm.value_error("Cannot specify both preset and filter chain"));
    }
    let preset = match preset {
        Some(p) => uint32(vm, p)?,
        None => lz::LZMA_PRESET_DEFAULT,
    };
    let mut stream = Stream::new();
    let s = stream.raw();
    match format {
        FORMAT_XZ => {
            let check_id = if check_id == -1 { lz::LZMA_CHECK_CRC64 } else { check_id as lz::lzma_check };
            let ret = match filters {
                // SAFETY: a fresh stream.
                None => unsafe { lz::lzma_easy_encoder(s, preset, check_id) },
                Some(f) => {
                    let chain = filter_chain(vm, f)?;
                    // SAFETY: a fresh stream; the chain lives across the call.
                    unsafe { lz::lzma_stream_encoder(s, chain.ptr(), check_id) }
                }
            };
            check(vm, ret)?;
        }
        FORMAT_ALONE => {
            let ret = match filters {
                None => {
                    // SAFETY: all-zero bytes is a valid options struct.
                    let mut o: lz::lzma_options_lzma = unsafe { std::mem::zeroed() };
                    // SAFETY: `o` is writable.
                    if unsafe { lz::lzma_lzma_preset(&mut o, preset) } != 0 {
                        return Err(lzma_error(vm, &format!("Invalid compression preset: {preset}")));
                    }
                    // SAFETY: a fresh stream; liblzma copies the options.
                    unsafe { lz::lzma_alone_encoder(s, &o) }
                }
                Some(f) => {
                    let chain = filter_chain(vm, f)?;
                    if chain.len() != 1 || chain.filters[0].id != lz::LZMA_FILTER_LZMA1 {
                        return Err(
                            vm.value_error("Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter")
                        );
                    }
                    // SAFETY: the LZMA1 filter's options are an
                    // lzma_options_lzma owned by the chain.
                    unsafe { lz::lzma_alone_encoder(s, chain.filters[0].options as *const lz::lzma_options_lzma) }
                }
            };
            check(vm, ret)?;
        }
        FORMAT_RAW => {
            let Some(f) = filters else {
                return Err(vm.value_error("Must specify filters for FORMAT_RAW"));
            };
            let chain = filter_chain(vm, f)?;
            // SAFETY: a fresh stream; the chain lives across the call.
            check(vm, unsafe { lz::lzma_raw_encoder(s, chain.ptr()) })?;
        }
        other => return Err(vm.value_error(format!("Invalid container format: {other}"))),
    }
    let owner = compressor_type(vm);
    alloc_instance(vm, cls, &owner, Compressor { stream: RefCell::new(stream), flushed: Cell::new(false) })
}

/// CPython's `compress()` loop: with `LZMA_RUN` until the input is used
/// up, with `LZMA_FINISH` until the stream ends.
fn compress(vm: &Vm, c: &Compressor, input: &[u8], action: lz::lzma_action) -> PyResult<Vec<u8>> {
    let mut stream = c.stream.borrow_mut();
    let mut out = Vec::new();
    grow(vm, &mut out, usize::MAX)?;
    let mut pos = 0;
    loop {
        let (mut ret, used) = stream.code(&input[pos..], &mut out, usize::MAX, action);
        pos += used;
        if ret == lz::LZMA_BUF_ERROR && input.len() == pos && !full(&out, out.capacity(), usize::MAX) {
            // Not an error: the input ran out.
            ret = lz::LZMA_OK;
        }
        check(vm, ret)?;
        if (action == lz::LZMA_RUN && pos == input.len()) || (action == lz::LZMA_FINISH && ret == lz::LZMA_STREAM_END) {
            return Ok(out);
        }
        if full(&out, out.capacity(), usize::MAX) {
            grow(vm, &mut out, usize::MAX)?;
        }
    }
}

// ---- LZMADecompressor ----------------------------------------------------------------------------------

struct Decompressor {
    stream: RefCell<Stream>,
    check: Cell<i32>,
    eof: Cell<bool>,
    needs_input: Cell<bool>,
    unused_data: RefCell<Vec<u8>>,
    /// Input given but not yet consumed (CPython's `input_buffer`).
    pending: RefCell<Vec<u8>>,
}
impl PyPayload for Decompressor {}

fn decompressor_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Decompressor> {
    payload_or_err::<Decompressor>(vm, o, DECOMPRESSOR)
}

fn decompressor_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, DECOMPRESSOR) {
        return t;
    }
    const METHODS: &[MethodDef] = &[MethodDef::method("decompress", decompressor_decompress)];
    const GETSETS: &[GetSetDef] = &[
        GetSetDef::new("check", |vm, o| Ok(vm.new_int(decompressor_of(vm, o)?.check.get().into())), None),
        GetSetDef::new("eof", |vm, o| Ok(vm.bool_obj(decompressor_of(vm, o)?.eof.get())), None),
        GetSetDef::new("needs_input", |vm, o| Ok(vm.bool_obj(decompressor_of(vm, o)?.needs_input.get())), None),
        GetSetDef::new(
            "unused_data",
            |vm, o| Ok(vm.new_bytes(decompressor_of(vm, o)?.unused_data.borrow().clone())),
            None,
        ),
    ];
    let t = taipan_vm::api::types::new_type::<Decompressor>(vm, &spec(DECOMPRESSOR, METHODS, GETSETS), |s| {
        s.new.set(Some(decompressor_new));
    });
    support::register_type(vm, DECOMPRESSOR, &t);
    t
}

fn decompressor_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "LZMADecompressor", a, k, &["format", "memlimit", "filters"], 0)?;
    let format = p[0].as_ref().map_or(Ok(FORMAT_AUTO), |f| crate::converters::c_int(vm, f))?;
    let memlimit = p[1].as_ref().filter(|o| !vm.is_none(o));
    let filters = p[2].as_ref().filter(|o| !vm.is_none(o));
    if memlimit.is_some() && format == FORMAT_RAW {
        return Err(vm.value_error("Cannot specify memory limit with FORMAT_RAW"));
    }
    let memlimit = match memlimit {
        Some(m) => vli(vm, m)?,
        None => u64::MAX,
    };
    if format == FORMAT_RAW && filters.is_none() {
        return Err(vm.value_error("Must specify filters for FORMAT_RAW"));
    }
    if format != FORMAT_RAW && filters.is_some() {
        return Err(vm.value_error("Cannot specify filters except with FORMAT_RAW"));
    }
    let flags = lz::LZMA_TELL_ANY_CHECK | lz::LZMA_TELL_NO_CHECK;
    let mut stream = Stream::new();
    let s = stream.raw();
    let mut check_id = CHECK_UNKNOWN;
    let ret = match format {
        // SAFETY: a fresh stream.
        FORMAT_AUTO => unsafe { lz::lzma_auto_decoder(s, memlimit, flags) },
        // SAFETY: a fresh stream.
        FORMAT_XZ => unsafe { lz::lzma_stream_decoder(s, memlimit, flags) },
        FORMAT_ALONE => {
            check_id = lz::LZMA_CHECK_NONE as i32;
            // SAFETY: a fresh stream.
            unsafe { lz::lzma_alone_decoder(s, memlimit) }
        }
        FORMAT_RAW => {
            check_id = lz::LZMA_CHECK_NONE as i32;
            let chain = filter_chain(vm, filters.unwrap_or(&vm.none()))?;
            // SAFETY: the chain lives across the call; liblzma copies it.
            unsafe { lz::lzma_raw_decoder(s, chain.ptr()) }
        }
        other => return Err(vm.value_error(format!("Invalid container format: {other}"))),
    };
    check(vm, ret)?;
    let owner = decompressor_type(vm);
    let d = Decompressor {
        stream: RefCell::new(stream),
        check: Cell::new(check_id),
        eof: Cell::new(false),
        needs_input: Cell::new(true),
        unused_data: RefCell::new(Vec::new()),
        pending: RefCell::new(Vec::new()),
    };
    alloc_instance(vm, cls, &owner, d)
}

fn decompressor_decompress(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "decompress", a, k, &["data", "max_length"], 1)?;
    let d = decompressor_of(vm, o)?;
    let data = match &p[0] {
        Some(x) => buffer::with_simple_bytes(vm, x, |b| b.to_vec())?,
        None => Vec::new(),
    };
    let max_length = match &p[1] {
        Some(m) => crate::converters::ssize_t(vm, m)?,
        None => -1,
    };
    if d.eof.get() {
        return Err(vm.new_exception_msg(&vm.ctx.exceptions.eof_error, "Already at end of stream"));
    }
    let mut input = std::mem::take(&mut *d.pending.borrow_mut());
    input.extend_from_slice(&data);
    let limit = usize::try_from(max_length).unwrap_or(usize::MAX);
    let (out, consumed) = decompress_buf(vm, d, &input, limit)?;
    let rest = &input[consumed..];
    if d.eof.get() {
        d.needs_input.set(false);
        if !rest.is_empty() {
            *d.unused_data.borrow_mut() = rest.to_vec();
        }
    } else if rest.is_empty() {
        // Output filled to max_length: liblzma may still hold output.
        d.needs_input.set(!(max_length >= 0 && out.len() == limit));
    } else {
        d.needs_input.set(false);
        *d.pending.borrow_mut() = rest.to_vec();
    }
    Ok(vm.new_bytes(out))
}

/// CPython's `decompress_buf`: decode until the stream ends, the input is
/// used up, or `limit` bytes are out. Returns the output and how much
/// input was consumed.
fn decompress_buf(vm: &Vm, d: &Decompressor, input: &[u8], limit: usize) -> PyResult<(Vec<u8>, usize)> {
    let mut stream = d.stream.borrow_mut();
    let mut out = Vec::new();
    grow(vm, &mut out, limit)?;
    let mut pos = 0;
    loop {
        let (mut ret, used) = stream.code(&input[pos..], &mut out, limit, lz::LZMA_RUN);
        pos += used;
        if ret == lz::LZMA_BUF_ERROR && pos == input.len() && !full(&out, out.capacity(), limit) {
            // Not an error: the input ran out.
            ret = lz::LZMA_OK;
        }
        check(vm, ret)?;
        if ret == lz::LZMA_GET_CHECK || ret == lz::LZMA_NO_CHECK {
            // SAFETY: an initialised stream.
            d.check.set(unsafe { lz::lzma_get_check(&*stream.0) } as i32);
        }
        if ret == lz::LZMA_STREAM_END {
            d.eof.set(true);
            break;
        }
        if full(&out, out.capacity(), limit) {
            if out.len() == limit {
                break;
            }
            grow(vm, &mut out, limit)?;
        } else if pos == input.len() {
            break;
        }
    }
    Ok((out, pos))
}
