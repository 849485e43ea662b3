//! `bytes` (CPython's `Objects/bytesobject.c`) and `memoryview`.
//! The method set lives in `bytes_methods.rs`, shared with `bytearray`.

use std::cell::Cell;

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::{slice, str as pystr};
use crate::vm::{PyResult, Vm};

pub(crate) use super::bytes_methods as methods;

pub(crate) struct BytesData {
    data: Box<[u8]>,
    hash: Cell<i64>,
}
impl PyPayload for BytesData {
    fn heap_size(&self) -> usize {
        self.data.len()
    }
}

impl BytesData {}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<BytesData>(
        "bytes",
        std::mem::size_of::<PyCell<BytesData>>(),
        false,
        flags::BASETYPE | flags::BYTES_SUBCLASS | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object\n\nConstruct an immutable array of bytes from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - any object implementing the buffer API.\n  - an integer");
    let s = &t.slots;
    s.repr.set(Some(bytes_repr));
    s.str.set(Some(bytes_str));
    s.hash.set(Some(bytes_hash));
    s.richcompare.set(Some(bytes_richcompare));
    s.iter.set(Some(crate::objects::iter::bytes_iter));
    s.sq_length.set(Some(|_, o| Ok(data_of(o).len())));
    s.sq_contains.set(Some(methods::contains));
    s.sq_concat.set(Some(bytes_concat));
    s.sq_repeat.set(Some(bytes_repeat));
    s.mp_subscript.set(Some(bytes_subscript));
    s.nb_binary[crate::object::typeobj::NbOp::Remainder as usize].set(Some(methods::bytes_mod));
    s.new.set(Some(bytes_new));
    t.mark_leaf::<BytesData>();
    t
}

pub(crate) fn memoryview_type_object() -> TypeObject {
    crate::objects::memoryview::type_object()
}

pub(crate) fn setup(vm: &Vm) {
    methods::setup(vm);
    crate::objects::memoryview::setup(vm);
}

pub(crate) fn alloc_bytes(ty: &Obj, data: Vec<u8>) -> Obj {
    alloc_object(ty, BytesData { data: data.into_boxed_slice(), hash: Cell::new(-1) })
}

impl Vm {
    pub fn new_bytes(&self, data: Vec<u8>) -> Obj {
        if data.is_empty() {
            return self.ctx.empty_bytes.clone();
        }
        alloc_bytes(&self.ctx.types.bytes, data)
    }
}

fn data_of(o: &Obj) -> &[u8] {
    &o.payload::<BytesData>().expect("bytes").data
}

/// The bytes of a bytes object, borrowed.
#[inline]
pub fn as_bytes_ref(o: &Obj) -> Option<&[u8]> {
    o.payload::<BytesData>().map(|d| &*d.data)
}

/// The contents of a bytes-like object (bytes or bytearray), copied.
pub fn as_bytes(o: &Obj) -> Option<Vec<u8>> {
    if let Some(b) = as_bytes_ref(o) {
        return Some(b.to_vec());
    }
    if let Some(d) = crate::objects::bytearray::data(o) {
        return Some(d.to_vec());
    }
    if let Some(e) = crate::objects::buffer::exporter(o) {
        return Some(crate::objects::buffer::read_export(e, |b| b.to_vec()));
    }
    crate::objects::memoryview::to_bytes(o)
}

/// A bytes-like argument (bytes, bytearray) or CPython's TypeError.
pub fn bytes_like(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    crate::objects::memoryview::check_live(vm, o)?;
    if let Some(e) = crate::objects::buffer::exporter(o) {
        e.buffer_check(vm)?;
    }
    as_bytes(o).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", o.class().name())))
}

fn bytes_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str_from_string(taipan_syntax::literal::bytes_repr(data_of(o))))
}

fn bytes_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if vm.config.borrow().bytes_warning > 0 {
        crate::warnings::warn(vm, &vm.ctx.exceptions.by_name["BytesWarning"], "str() on a bytes instance", 1)?;
    }
    bytes_repr(vm, o)
}

fn bytes_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let d = o.payload::<BytesData>().expect("bytes");
    let h = d.hash.get();
    if h != -1 {
        return Ok(h);
    }
    let h = crate::hash::hash_bytes(vm.ctx.hash_key, &d.data);
    d.hash.set(h);
    Ok(h)
}

fn bytes_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(bb) = as_bytes_ref(b) else {
        if pystr::data(b).is_some()
            && matches!(op, CompareOp::Eq | CompareOp::Ne)
            && vm.config.borrow().bytes_warning > 0
        {
            crate::warnings::warn(
                vm,
                &vm.ctx.exceptions.by_name["BytesWarning"],
                "Comparison between bytes and string",
                1,
            )?;
        }
        return Ok(vm.not_implemented());
    };
    let ord = data_of(a).cmp(bb);
    Ok(vm.bool_obj(crate::objects::int::ordering_matches(ord, op)))
}

fn bytes_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let ad = data_of(a);
    // As CPython: an empty operand gives back the other one if it is an exact bytes.
    if let Some(bd) = as_bytes_ref(b) {
        if bd.is_empty() && a.type_is(&vm.ctx.types.bytes) {
            return Ok(a.clone());
        }
        if ad.is_empty() && b.type_is(&vm.ctx.types.bytes) {
            return Ok(b.clone());
        }
        return concat_slices(vm, ad, bd);
    }
    let Some(bb) = as_bytes(b) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.class().name(), a.class().name())));
    };
    if bb.is_empty() && a.type_is(&vm.ctx.types.bytes) {
        return Ok(a.clone());
    }
    concat_slices(vm, ad, &bb)
}

/// A new bytes object holding `a` then `b`, copied once.
fn concat_slices(vm: &Vm, a: &[u8], b: &[u8]) -> PyResult<Obj> {
    let total = a.len().checked_add(b.len()).filter(|&t| t <= isize::MAX as usize).ok_or_else(|| vm.memory_error())?;
    let mut v = vm.try_vec(total)?;
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    Ok(vm.new_bytes(v))
}

fn bytes_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let d = data_of(a);
    let exact = a.type_is(&vm.ctx.types.bytes);
    // An exact bytes whose length does not change is itself (n == 1, or
    // the empty bytes repeated); any other empty result is a new object,
    // as CPython 3.11's bytes_repeat allocates one (`b'x' * 0 is not b''`
    // at run time, which tracemalloc can see).
    if exact && (n == 1 || d.is_empty()) {
        return Ok(a.clone());
    }
    if n <= 0 || d.is_empty() {
        return Ok(alloc_bytes(&vm.ctx.types.bytes, Vec::new()));
    }
    if d.len().checked_mul(n as usize).is_none_or(|t| t > isize::MAX as usize) {
        return Err(vm.overflow_error("repeated bytes are too long"));
    }
    Ok(vm.new_bytes(crate::objects::str::repeat_slice(vm, d, n as usize)?))
}

fn bytes_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let d = data_of(o);
    if let Some(sl) = key.payload::<slice::SliceData>() {
        let (start, stop, step) = sl.indices(vm, d.len())?;
        if step == 1 && start == 0 && stop as usize == d.len() && o.type_is(&vm.ctx.types.bytes) {
            return Ok(o.clone());
        }
        let v: Vec<u8> = slice::iter_indices(start, stop, step).map(|i| d[i as usize]).collect();
        return Ok(vm.new_bytes(v));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("byte indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let n = d.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("index out of range"));
    }
    Ok(vm.new_int(d[j as usize] as i64))
}

/// The bytes a `bytes(x)` / `bytearray(x)` constructor makes of `x`.
pub(crate) fn bytes_from_source(vm: &Vm, x: &Obj, type_name: &str) -> PyResult<Vec<u8>> {
    crate::objects::memoryview::check_live(vm, x)?;
    if let Some(e) = crate::objects::buffer::exporter(x) {
        e.buffer_check(vm)?;
    }
    if let Some(b) = as_bytes(x) {
        return Ok(b);
    }
    if pystr::data(x).is_some() {
        return Err(vm.type_error("string argument without an encoding"));
    }
    if vm.has_index(x) {
        let n = vm.index_to_isize(x)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        if n as usize > isize::MAX as usize / 2 {
            return Err(vm.memory_error());
        }
        let mut v = crate::objects::str_methods::alloc_vec(vm, n as usize)?;
        v.resize(n as usize, 0);
        return Ok(v);
    }
    let it = match vm.iter(x) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error(format!("cannot convert '{}' object to {}", x.class().name(), type_name)));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(v) = vm.next(&it)? {
        match byte_value(vm, &v) {
            Err(e) if type_name == "bytes" && vm.err_matches(&e, &vm.ctx.exceptions.value_error) => {
                return Err(vm.value_error("bytes must be in range(0, 256)"))
            }
            r => out.push(r?),
        }
    }
    Ok(out)
}

/// An int in range(256), with CPython's errors.
pub(crate) fn byte_value(vm: &Vm, v: &Obj) -> PyResult<u8> {
    if !vm.has_index(v) {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", v.class().name())));
    }
    let i = vm.index_value(v)?;
    match i.as_i64() {
        Some(b) if (0..256).contains(&b) => Ok(b as u8),
        _ => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

/// The `encoding` and `errors` arguments of bytes() / bytearray() must be
/// str (checked before anything else, as Argument Clinic does).
pub(crate) fn check_text_args(vm: &Vm, fname: &str, a: &[Option<Obj>]) -> PyResult<()> {
    for (i, name) in [(1, "encoding"), (2, "errors")] {
        if let Some(x) = &a[i] {
            if pystr::data(x).is_none() {
                return Err(vm.type_error(format!("{fname}() argument '{name}' must be str, not {}", x.class().name())));
            }
        }
    }
    Ok(())
}

fn bytes_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "bytes", args, kwnames, &["source", "encoding", "errors"], 0)?;
    check_text_args(vm, "bytes", &a)?;
    let data = match (&a[0], &a[1], &a[2]) {
        (None, None, None) => Vec::new(),
        // A str subclass with __bytes__ converts through it (bpo-25766).
        (Some(s), enc, errors)
            if pystr::data(s).is_some()
                && !(enc.is_none()
                    && errors.is_none()
                    && crate::objects::type_::lookup_str(vm, s.class(), "__bytes__").is_some()) =>
        {
            match enc {
                Some(e) => crate::codecs::encode_to_vec_named(vm, "bytes", s, Some(e), errors.as_ref())?,
                None => return Err(vm.type_error("string argument without an encoding")),
            }
        }
        (Some(_), Some(_), _) => return Err(vm.type_error("encoding without a string argument")),
        (None, Some(_), _) | (None, None, Some(_)) => {
            return Err(vm.type_error(if a[1].is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }))
        }
        (Some(_), None, Some(_)) => return Err(vm.type_error("errors without a string argument")),
        (Some(x), None, None) => {
            if let Some(f) = crate::objects::type_::lookup_str(vm, x.class(), "__bytes__") {
                let r = vm.call_method_descr_obj(&f, x, &[])?;
                if as_bytes_ref(&r).is_none() {
                    return Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", r.class().name())));
                }
                if cls.is(&vm.ctx.types.bytes) {
                    return Ok(r);
                }
                data_of(&r).to_vec()
            } else {
                if x.type_is(&vm.ctx.types.bytes) && cls.is(&vm.ctx.types.bytes) {
                    return Ok(x.clone());
                }
                bytes_from_source(vm, x, "bytes")?
            }
        }
    };
    if cls.is(&vm.ctx.types.bytes) {
        return Ok(vm.new_bytes(data));
    }
    Ok(alloc_bytes(cls, data))
}
