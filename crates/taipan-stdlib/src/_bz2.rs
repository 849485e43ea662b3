//! `_bz2` (CPython's `Modules/_bz2module.c`): `BZ2Compressor` and
//! `BZ2Decompressor`, the streaming objects under Lib's `bz2`. The
//! algorithm is the `bzip2` crate (over libbz2-rs-sys, a port of
//! libbzip2 with its output).

use std::cell::{Cell, RefCell};

use bzip2::{Action, Compression, Status};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, module, tuple, Obj, PyErr, PyPayload, PyResult, Vm};

const COMPRESSOR: &str = "_bz2.BZ2Compressor";
const DECOMPRESSOR: &str = "_bz2.BZ2Decompressor";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_bz2");
    let d = module::module_dict(&m);
    let c = lazy_type(vm, COMPRESSOR, || make_compressor_type(vm));
    let dc = lazy_type(vm, DECOMPRESSOR, || make_decompressor_type(vm));
    taipan_vm::api::dict::set_item_str(vm, &d, "BZ2Compressor", c)?;
    taipan_vm::api::dict::set_item_str(vm, &d, "BZ2Decompressor", dc)?;
    Ok(m)
}

fn lazy_type(vm: &Vm, name: &'static str, make: impl FnOnce() -> Obj) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(name) {
        return t.clone();
    }
    let t = make();
    vm.lazy_types.borrow_mut().insert(name, t.clone());
    t
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

/// CPython's `catch_bz2_error`.
fn bz2_error(vm: &Vm, e: bzip2::Error) -> PyErr {
    match e {
        bzip2::Error::Param => vm.value_error("Internal error - invalid parameters passed to libbzip2"),
        bzip2::Error::Data | bzip2::Error::DataMagic => {
            vm.new_exception_msg(&vm.ctx.exceptions.os_error, "Invalid data stream")
        }
        bzip2::Error::Sequence => vm.runtime_error("Internal error - Invalid sequence of commands sent to libbzip2"),
    }
}

/// The output room for the next call (CPython's first blocks; the sizes
/// do not change bzip2's output).
fn reserve_room(vm: &Vm, out: &mut Vec<u8>, limit: usize) -> PyResult<()> {
    let room = out.len().clamp(32 << 10, 16 << 20).min(limit - out.len());
    out.try_reserve_exact(room).map_err(|_| vm.memory_error())
}

// ---- BZ2Compressor --------------------------------------------------------------------------------

struct Compressor {
    state: RefCell<bzip2::Compress>,
    flushed: Cell<bool>,
}
impl PyPayload for Compressor {}

fn make_compressor_type(vm: &Vm) -> Obj {
    const METHODS: &[MethodDef] = &[
        MethodDef::method("compress", |vm, o, a, k| {
            let [data] = args::exact::<1>(vm, "compress", a, k)?;
            let c = compressor(vm, o)?;
            if c.flushed.get() {
                return Err(vm.value_error("Compressor has been flushed"));
            }
            let input = buffer::with_simple_bytes(vm, &data, |d| d.to_vec())?;
            Ok(vm.new_bytes(run_compress(vm, c, &input, Action::Run)?))
        }),
        MethodDef::method("flush", |vm, o, a, k| {
            args::exact::<0>(vm, "flush", a, k)?;
            let c = compressor(vm, o)?;
            if c.flushed.get() {
                return Err(vm.value_error("Repeated call to flush()"));
            }
            c.flushed.set(true);
            Ok(vm.new_bytes(run_compress(vm, c, &[], Action::Finish)?))
        }),
    ];
    taipan_vm::api::types::new_type::<Compressor>(vm, &spec(COMPRESSOR, METHODS, &[]), |s| {
        s.new.set(Some(compressor_new));
    })
}

fn compressor<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Compressor> {
    payload_or_err::<Compressor>(vm, o, COMPRESSOR)
}

fn compressor_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("BZ2Compressor() takes no keyword arguments"));
    }
    if a.len() > 1 {
        return Err(vm.type_error(format!("BZ2Compressor expected at most 1 argument, got {}", a.len())));
    }
    let level = match a.first() {
        Some(l) => i64::from(crate::converters::c_int(vm, l)?),
        None => 9,
    };
    let Some(level) = u32::try_from(level).ok().and_then(Compression::try_new) else {
        return Err(vm.value_error("compresslevel must be between 1 and 9"));
    };
    let owner = lazy_type(vm, COMPRESSOR, || make_compressor_type(vm));
    let state = Compressor { state: RefCell::new(bzip2::Compress::new(level, 0)), flushed: Cell::new(false) };
    alloc_instance(vm, cls, &owner, state)
}

/// CPython's `compress()` loop: feed all of `input`; with `Finish`, until
/// the end of the stream is written.
fn run_compress(vm: &Vm, c: &Compressor, input: &[u8], action: Action) -> PyResult<Vec<u8>> {
    let mut state = c.state.borrow_mut();
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        if action == Action::Run && pos == input.len() {
            break;
        }
        if out.len() == out.capacity() {
            reserve_room(vm, &mut out, usize::MAX)?;
        }
        let before = state.total_in();
        let status = state.compress_vec(&input[pos..], &mut out, action).map_err(|e| bz2_error(vm, e))?;
        pos += (state.total_in() - before) as usize;
        if action == Action::Finish && status == Status::StreamEnd {
            break;
        }
    }
    Ok(out)
}

// ---- BZ2Decompressor ------------------------------------------------------------------------------

struct Decompressor {
    state: RefCell<bzip2::Decompress>,
    eof: Cell<bool>,
    needs_input: Cell<bool>,
    unused_data: RefCell<Vec<u8>>,
    /// Input given but not yet consumed (CPython's `input_buffer`).
    pending: RefCell<Vec<u8>>,
}
impl PyPayload for Decompressor {}

fn make_decompressor_type(vm: &Vm) -> Obj {
    const METHODS: &[MethodDef] = &[MethodDef::method("decompress", decompressor_decompress)];
    const GETSETS: &[GetSetDef] = &[
        GetSetDef::new("eof", |vm, o| Ok(vm.bool_obj(decompressor(vm, o)?.eof.get())), None),
        GetSetDef::new("needs_input", |vm, o| Ok(vm.bool_obj(decompressor(vm, o)?.needs_input.get())), None),
        GetSetDef::new(
            "unused_data",
            |vm, o| Ok(vm.new_bytes(decompressor(vm, o)?.unused_data.borrow().clone())),
            None,
        ),
    ];
    taipan_vm::api::types::new_type::<Decompressor>(vm, &spec(DECOMPRESSOR, METHODS, GETSETS), |s| {
        s.new.set(Some(decompressor_new));
    })
}

fn decompressor<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Decompressor> {
    payload_or_err::<Decompressor>(vm, o, DECOMPRESSOR)
}

fn decompressor_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if a.len() > k.map_or(0, tuple::len) {
        return Err(vm.type_error("BZ2Decompressor() takes no positional arguments"));
    }
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("BZ2Decompressor() takes no keyword arguments"));
    }
    let owner = lazy_type(vm, DECOMPRESSOR, || make_decompressor_type(vm));
    let state = Decompressor {
        state: RefCell::new(bzip2::Decompress::new(false)),
        eof: Cell::new(false),
        needs_input: Cell::new(true),
        unused_data: RefCell::new(Vec::new()),
        pending: RefCell::new(Vec::new()),
    };
    alloc_instance(vm, cls, &owner, state)
}

fn decompressor_decompress(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "decompress", a, k, &["data", "max_length"], 1)?;
    let d = decompressor(vm, o)?;
    let data = match &p[0] {
        Some(x) => buffer::with_simple_bytes(vm, x, |b| b.to_vec())?,
        None => Vec::new(),
    };
    let max_length = match &p[1] {
        Some(m) => crate::converters::ssize_t(vm, m)?,
        None => -1,
    };
    if d.eof.get() {
        return Err(vm.new_exception_msg(&vm.ctx.exceptions.eof_error, "End of stream already reached"));
    }
    let mut input = std::mem::take(&mut *d.pending.borrow_mut());
    input.extend_from_slice(&data);
    let limit = if max_length < 0 { usize::MAX } else { max_length as usize };
    let (out, consumed) = decompress_buf(vm, d, &input, limit)?;
    let rest = &input[consumed..];
    if d.eof.get() {
        d.needs_input.set(false);
        if !rest.is_empty() {
            *d.unused_data.borrow_mut() = rest.to_vec();
        }
    } else if rest.is_empty() {
        d.needs_input.set(true);
    } else {
        d.needs_input.set(false);
        *d.pending.borrow_mut() = rest.to_vec();
    }
    Ok(vm.new_bytes(out))
}

/// CPython's `decompress_buf`: inflate until the input is used up, the
/// stream ends, or `limit` bytes are out. Returns the output and how much
/// input was consumed.
fn decompress_buf(vm: &Vm, d: &Decompressor, input: &[u8], limit: usize) -> PyResult<(Vec<u8>, usize)> {
    let mut state = d.state.borrow_mut();
    let mut out = Vec::new();
    reserve_room(vm, &mut out, limit)?;
    let mut pos = 0;
    loop {
        let before = state.total_in();
        let status = state.decompress_vec(&input[pos..], &mut out).map_err(|e| bz2_error(vm, e))?;
        pos += (state.total_in() - before) as usize;
        if status == Status::StreamEnd {
            d.eof.set(true);
            break;
        }
        if pos == input.len() {
            break;
        }
        if out.len() == out.capacity() {
            if out.len() == limit {
                break;
            }
            reserve_room(vm, &mut out, limit)?;
        }
    }
    Ok((out, pos))
}
