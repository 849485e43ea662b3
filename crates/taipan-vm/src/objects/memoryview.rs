//! `memoryview` (CPython's `Objects/memoryobject.c`) over the buffers Taipan
//! objects export: bytes (read-only) and bytearray (writable; while a view is
//! alive the array cannot change size). Views may be sliced (1-D) and cast
//! to any native single-character struct format, and to N-D shapes.

use std::cell::Cell;

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{buffer, bytearray, bytes, int::IntValue, list, slice, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

pub(crate) struct MemoryViewData {
    /// The exporting object (bytes or bytearray).
    base: Obj,
    /// Byte offset of the first item.
    offset: isize,
    /// The format as given (`"B"`, `"@H"`), and its code character.
    format: Box<str>,
    code: u8,
    itemsize: usize,
    shape: Box<[usize]>,
    strides: Box<[isize]>,
    readonly: bool,
    released: Cell<bool>,
    /// The hash once computed (CPython keeps it, so a released view still
    /// hashes).
    hash: Cell<Option<i64>>,
}
impl PyPayload for MemoryViewData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.base);
    }
}

impl Drop for MemoryViewData {
    fn drop(&mut self) {
        if !self.released.get() {
            export(&self.base, -1);
        }
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<MemoryViewData>(
        "memoryview",
        std::mem::size_of::<PyCell<MemoryViewData>>(),
        true,
        flags::IMMUTABLETYPE | flags::SEQUENCE,
    )
    .with_weaklist();
    t.doc = Some("Create a new memoryview object which references the given object.");
    let s = &t.slots;
    s.new.set(Some(mv_new));
    s.repr.set(Some(mv_repr));
    s.hash.set(Some(mv_hash));
    s.richcompare.set(Some(mv_richcompare));
    s.iter.set(Some(mv_iter));
    s.sq_length.set(Some(mv_len));
    s.mp_subscript.set(Some(mv_subscript));
    s.mp_ass_subscript.set(Some(mv_ass_subscript));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.memoryview;
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("release", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "release", a, k)?;
                release(mv(o));
                Ok(vm.none())
            }),
            MethodDef::method("tobytes", |vm, o, a, k| {
                let a = crate::args::parse(vm, "tobytes", a, k, &["order"], 0)?;
                let m = live(vm, o)?;
                if let Some(order) = a[0].as_ref().filter(|x| !vm.is_none(x)) {
                    match pystr::as_str(order) {
                        Some("C" | "F" | "A") => {}
                        Some(_) => return Err(vm.value_error("order must be 'C', 'F' or 'A'")),
                        None => {
                            return Err(vm.type_error(format!(
                                "tobytes() argument 'order' must be str or None, not {}",
                                order.class().name()
                            )))
                        }
                    }
                }
                Ok(vm.new_bytes(m.to_bytes()))
            }),
            MethodDef::method("tolist", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "tolist", a, k)?;
                let m = live(vm, o)?;
                check_format(vm, m)?;
                Ok(m.tolist(vm))
            }),
            MethodDef::method("hex", |vm, o, a, k| {
                let a = crate::args::parse(vm, "hex", a, k, &["sep", "bytes_per_sep"], 0)?;
                let data = live(vm, o)?.to_bytes();
                crate::objects::bytes_methods::hex_with_sep(vm, &data, a[0].as_ref(), a[1].as_ref())
            }),
            MethodDef::method("toreadonly", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "toreadonly", a, k)?;
                let m = live(vm, o)?;
                Ok(new_view(vm, m, m.offset, m.format.clone(), m.shape.clone(), m.strides.clone(), true))
            }),
            MethodDef::method("cast", cast),
            MethodDef::method("__sizeof__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__sizeof__", a, k)?;
                Ok(vm.new_usize(144 + 24 * mv(o).shape.len()))
            }),
            MethodDef::method("__enter__", |vm, o, a, k| {
                crate::args::exact::<0>(vm, "__enter__", a, k)?;
                live(vm, o)?;
                Ok(o.clone())
            }),
            MethodDef::method("__exit__", |vm, o, _a, _k| {
                release(mv(o));
                Ok(vm.none())
            }),
        ],
    );
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("obj", |vm, o| Ok(live(vm, o)?.base.clone()), None),
            GetSetDef::new("nbytes", |vm, o| Ok(vm.new_usize(live(vm, o)?.nbytes())), None),
            GetSetDef::new("readonly", |vm, o| Ok(vm.bool_obj(live(vm, o)?.readonly)), None),
            GetSetDef::new("itemsize", |vm, o| Ok(vm.new_usize(live(vm, o)?.itemsize)), None),
            GetSetDef::new("format", |vm, o| Ok(vm.new_str(&live(vm, o)?.format)), None),
            GetSetDef::new("ndim", |vm, o| Ok(vm.new_usize(live(vm, o)?.shape.len())), None),
            GetSetDef::new(
                "shape",
                |vm, o| Ok(vm.new_tuple(live(vm, o)?.shape.iter().map(|&n| vm.new_usize(n)).collect())),
                None,
            ),
            GetSetDef::new(
                "strides",
                |vm, o| Ok(vm.new_tuple(live(vm, o)?.strides.iter().map(|&n| vm.new_int(n as i64)).collect())),
                None,
            ),
            GetSetDef::new(
                "suboffsets",
                |vm, o| {
                    live(vm, o)?;
                    Ok(vm.new_tuple(Vec::new()))
                },
                None,
            ),
            GetSetDef::new("c_contiguous", |vm, o| Ok(vm.bool_obj(live(vm, o)?.is_c_contiguous())), None),
            GetSetDef::new("f_contiguous", |vm, o| Ok(vm.bool_obj(live(vm, o)?.is_f_contiguous())), None),
            GetSetDef::new(
                "contiguous",
                |vm, o| {
                    let m = live(vm, o)?;
                    Ok(vm.bool_obj(m.is_c_contiguous() || m.is_f_contiguous()))
                },
                None,
            ),
        ],
    );
}

fn mv(o: &Obj) -> &MemoryViewData {
    o.payload::<MemoryViewData>().expect("memoryview")
}

pub(crate) fn data(o: &Obj) -> Option<&MemoryViewData> {
    o.payload::<MemoryViewData>()
}

fn released_error(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("operation forbidden on released memoryview object")
}

fn live<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a MemoryViewData> {
    let m = mv(o);
    if m.released.get() {
        return Err(released_error(vm));
    }
    Ok(m)
}

fn release(m: &MemoryViewData) {
    if !m.released.replace(true) {
        export(&m.base, -1);
    }
}

/// Count a view taken of (1) or released from (-1) a resizable exporter.
fn export(base: &Obj, delta: isize) {
    if let Some(d) = bytearray::data(base) {
        if delta > 0 {
            d.add_export();
        } else {
            d.remove_export();
        }
    } else if let Some(e) = buffer::exporter(base) {
        e.buffer_export(delta);
    }
}

/// Getting the buffer of a released view fails (CPython's `PyObject_GetBuffer`).
pub(crate) fn check_live(vm: &Vm, o: &Obj) -> PyResult<()> {
    match data(o) {
        Some(m) if m.released.get() => Err(released_error(vm)),
        _ => Ok(()),
    }
}

/// The contents of a live memoryview, in C order (None once released).
pub(crate) fn to_bytes(o: &Obj) -> Option<Vec<u8>> {
    let m = data(o)?;
    if m.released.get() {
        return None;
    }
    Some(m.to_bytes())
}

/// The size of one item of a native struct format code.
fn itemsize_of(code: u8) -> Option<usize> {
    Some(match code {
        b'b' | b'B' | b'c' | b'?' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
        _ => return None,
    })
}

/// A native single-character format (`"H"`, `"@H"`): its code.
fn native_code(f: &str) -> Option<u8> {
    let f = f.strip_prefix('@').unwrap_or(f);
    let b = f.as_bytes();
    if b.len() == 1 && itemsize_of(b[0]).is_some() {
        Some(b[0])
    } else {
        None
    }
}

fn is_byte_format(code: u8) -> bool {
    matches!(code, b'b' | b'B' | b'c')
}

fn new_view(
    vm: &Vm,
    m: &MemoryViewData,
    offset: isize,
    format: Box<str>,
    shape: Box<[usize]>,
    strides: Box<[isize]>,
    readonly: bool,
) -> Obj {
    export(&m.base, 1);
    // A format memoryview cannot read (an array's "w") keeps its size.
    let (code, itemsize) = match native_code(&format) {
        Some(c) => (c, itemsize_of(c).unwrap_or(1)),
        None => (0, m.itemsize),
    };
    alloc_object(
        &vm.ctx.types.memoryview,
        MemoryViewData {
            base: m.base.clone(),
            offset,
            format,
            code,
            itemsize,
            shape,
            strides,
            readonly,
            released: Cell::new(false),
            hash: Cell::new(None),
        },
    )
}

/// A memoryview of a bytes-like object.
pub(crate) fn from_object(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if let Some(m) = data(o) {
        let m = live(vm, o).map(|_| m)?;
        return Ok(new_view(vm, m, m.offset, m.format.clone(), m.shape.clone(), m.strides.clone(), m.readonly));
    }
    if let Some(e) = buffer::exporter(o) {
        if let Some(view) = e.buffer_view() {
            e.buffer_check(vm)?;
            return from_object(vm, &view);
        }
        return from_exporter(vm, o, e);
    }
    let (len, readonly) = if let Some(b) = bytes::as_bytes_ref(o) {
        (b.len(), true)
    } else if let Some(d) = bytearray::data(o) {
        d.add_export();
        (d.len(), false)
    } else {
        return Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{}'", o.class().name())));
    };
    Ok(alloc_object(
        &vm.ctx.types.memoryview,
        MemoryViewData {
            base: o.clone(),
            offset: 0,
            format: "B".into(),
            code: b'B',
            itemsize: 1,
            shape: vec![len].into(),
            strides: vec![1].into(),
            readonly,
            released: Cell::new(false),
            hash: Cell::new(None),
        },
    ))
}

/// A 1-D view of an exporter's whole buffer, in its format.
fn from_exporter(vm: &Vm, o: &Obj, e: &dyn buffer::BufferExport) -> PyResult<Obj> {
    e.buffer_check(vm)?;
    let format = e.buffer_format();
    let itemsize = e.buffer_itemsize().max(1);
    let nbytes = buffer::read_export(e, |b| b.len());
    let code = native_code(format).unwrap_or(0);
    e.buffer_export(1);
    Ok(alloc_object(
        &vm.ctx.types.memoryview,
        MemoryViewData {
            base: o.clone(),
            offset: 0,
            format: format.into(),
            code,
            itemsize,
            shape: vec![nbytes / itemsize].into(),
            strides: vec![itemsize as isize].into(),
            readonly: e.buffer_readonly(),
            released: Cell::new(false),
            hash: Cell::new(None),
        },
    ))
}

/// CPython's NotImplementedError for items of a format it cannot unpack.
fn check_format(vm: &Vm, m: &MemoryViewData) -> PyResult<()> {
    if m.code == 0 {
        return Err(vm.not_implemented_error(format!("memoryview: format {} not supported", m.format)));
    }
    Ok(())
}

fn mv_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "memoryview", args, kwnames, &["object"], 1)?;
    from_object(vm, a[0].as_ref().expect("required"))
}

/// Items of the buffer, as Python values.
#[derive(PartialEq)]
enum Item {
    Int(i128),
    Float(f64),
    Bool(bool),
    Char(u8),
}

impl MemoryViewData {
    fn with_data<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        if let Some(b) = bytes::as_bytes_ref(&self.base) {
            return f(b);
        }
        if let Some(d) = bytearray::data(&self.base) {
            return d.with(|v| f(v));
        }
        match buffer::exporter(&self.base) {
            Some(e) => buffer::read_export(e, f),
            None => f(&[]),
        }
    }

    fn nitems(&self) -> usize {
        self.shape.iter().product()
    }

    fn nbytes(&self) -> usize {
        self.nitems() * self.itemsize
    }

    /// Byte offsets of every item, in C order.
    fn positions(&self) -> Vec<isize> {
        let mut out = vec![self.offset];
        for (&n, &st) in self.shape.iter().zip(self.strides.iter()) {
            let mut next = Vec::with_capacity(out.len() * n);
            for &p in &out {
                for i in 0..n {
                    next.push(p + i as isize * st);
                }
            }
            out = next;
        }
        out
    }

    fn to_bytes(&self) -> Vec<u8> {
        let pos = self.positions();
        let k = self.itemsize;
        self.with_data(|d| {
            let mut out = Vec::with_capacity(pos.len() * k);
            for p in pos {
                out.extend_from_slice(&item_bytes(d, p, k)[..k]);
            }
            out
        })
    }

    fn items(&self) -> Vec<Item> {
        let code = self.code;
        self.to_bytes().chunks(self.itemsize.max(1)).map(|c| unpack(code, c)).collect()
    }

    fn tolist(&self, vm: &Vm) -> Obj {
        let items: Vec<Obj> = self.items().into_iter().map(|i| item_obj(vm, i)).collect();
        nest(vm, &items, &self.shape)
    }

    fn is_c_contiguous(&self) -> bool {
        let mut expect = self.itemsize as isize;
        for (&n, &st) in self.shape.iter().zip(self.strides.iter()).rev() {
            if n > 1 && st != expect {
                return false;
            }
            expect *= n as isize;
        }
        true
    }

    fn is_f_contiguous(&self) -> bool {
        let mut expect = self.itemsize as isize;
        for (&n, &st) in self.shape.iter().zip(self.strides.iter()) {
            if n > 1 && st != expect {
                return false;
            }
            expect *= n as isize;
        }
        true
    }
}

fn nest(vm: &Vm, items: &[Obj], shape: &[usize]) -> Obj {
    if shape.len() <= 1 {
        return vm.new_list(items.to_vec());
    }
    let inner: usize = shape[1..].iter().product();
    let rows = (0..shape[0]).map(|i| nest(vm, &items[i * inner..(i + 1) * inner], &shape[1..])).collect();
    vm.new_list(rows)
}

fn unpack(code: u8, b: &[u8]) -> Item {
    let u = |n: usize| -> u64 {
        let mut a = [0u8; 8];
        a[..n].copy_from_slice(&b[..n]);
        u64::from_le_bytes(a)
    };
    match code {
        b'B' => Item::Int(b[0] as i128),
        b'b' => Item::Int(b[0] as i8 as i128),
        b'c' => Item::Char(b[0]),
        b'?' => Item::Bool(b[0] != 0),
        b'h' => Item::Int(u(2) as u16 as i16 as i128),
        b'H' => Item::Int(u(2) as u16 as i128),
        b'i' => Item::Int(u(4) as u32 as i32 as i128),
        b'I' => Item::Int(u(4) as u32 as i128),
        b'l' | b'q' | b'n' => Item::Int(u(8) as i64 as i128),
        b'L' | b'Q' | b'N' | b'P' => Item::Int(u(8) as i128),
        b'f' => Item::Float(f32::from_bits(u(4) as u32) as f64),
        b'd' => Item::Float(f64::from_bits(u(8))),
        _ => Item::Int(b[0] as i128),
    }
}

fn item_obj(vm: &Vm, i: Item) -> Obj {
    match i {
        Item::Int(v) => match i64::try_from(v) {
            Ok(x) => vm.new_int(x),
            Err(_) => vm.new_bigint(num_bigint::BigInt::from(v)),
        },
        Item::Float(f) => vm.new_float(f),
        Item::Bool(b) => vm.bool_obj(b),
        Item::Char(c) => vm.new_bytes(vec![c]),
    }
}

/// Pack a Python value into one item of format `code` (CPython's `pack_single`).
fn pack(vm: &Vm, m: &MemoryViewData, v: &Obj) -> PyResult<Vec<u8>> {
    let fmt = m.format.strip_prefix('@').unwrap_or(&m.format).to_string();
    let type_err = || vm.type_error(format!("memoryview: invalid type for format '{fmt}'"));
    let value_err = || vm.value_error(format!("memoryview: invalid value for format '{fmt}'"));
    let code = m.code;
    match code {
        b'c' => {
            return match bytes::as_bytes_ref(v) {
                Some(b) if b.len() == 1 => Ok(vec![b[0]]),
                Some(_) => Err(value_err()),
                None => Err(type_err()),
            }
        }
        b'?' => return Ok(vec![vm.is_true(v)? as u8]),
        b'f' | b'd' => {
            if pystr::data(v).is_some() {
                return Err(type_err());
            }
            let x = match vm.to_f64(v) {
                Ok(x) => x,
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => return Err(type_err()),
                Err(e) => return Err(e),
            };
            return Ok(if code == b'f' {
                (x as f32).to_bits().to_le_bytes().to_vec()
            } else {
                x.to_bits().to_le_bytes().to_vec()
            });
        }
        _ => {}
    }
    if !vm.has_index(v) {
        return Err(type_err());
    }
    let iv = vm.index_value(v)?;
    let x: i128 = match iv {
        IntValue::Small(x) => x as i128,
        IntValue::Big(_) => return Err(value_err()),
    };
    let (lo, hi): (i128, i128) = match code {
        b'B' => (0, u8::MAX as i128),
        b'b' => (i8::MIN as i128, i8::MAX as i128),
        b'h' => (i16::MIN as i128, i16::MAX as i128),
        b'H' => (0, u16::MAX as i128),
        b'i' => (i32::MIN as i128, i32::MAX as i128),
        b'I' => (0, u32::MAX as i128),
        b'l' | b'q' | b'n' => (i64::MIN as i128, i64::MAX as i128),
        _ => (0, u64::MAX as i128),
    };
    if x < lo || x > hi {
        return Err(value_err());
    }
    Ok((x as u64).to_le_bytes()[..m.itemsize].to_vec())
}

fn mv_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let m = mv(o);
    let what = if m.released.get() { "released memory" } else { "memory" };
    Ok(vm.new_str_from_string(format!("<{what} at {:#x}>", o.id())))
}

fn mv_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let m = live(vm, o)?;
    match m.shape.first() {
        Some(&n) => Ok(n),
        None => Err(vm.type_error("0-dim memory has no length")),
    }
}

fn mv_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    if let Some(h) = mv(o).hash.get() {
        return Ok(h);
    }
    let m = live(vm, o)?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !is_byte_format(m.code) {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    let h = crate::hash::hash_bytes(vm.ctx.hash_key, &m.to_bytes());
    m.hash.set(Some(h));
    Ok(h)
}

fn mv_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let ma = mv(a);
    let equal = if a.is(b) {
        true
    } else if ma.released.get() || data(b).is_some_and(|m| m.released.get()) {
        false
    } else if let Some(mb) = data(b) {
        ma.shape == mb.shape && ma.items() == mb.items()
    } else if let Some(e) = buffer::exporter(b) {
        equals_export(ma, e)
    } else if let Some(bb) = bytes::as_bytes(b) {
        ma.shape.len() == 1 && ma.shape[0] == bb.len() && {
            let other: Vec<Item> = bb.into_iter().map(|x| Item::Int(x as i128)).collect();
            ma.items() == other
        }
    } else {
        return Ok(vm.not_implemented());
    };
    Ok(vm.bool_obj(if op == CompareOp::Eq { equal } else { !equal }))
}

/// A view against another exporter's (1-D) buffer, item by item in their
/// formats; formats the view cannot unpack compare by format and bytes.
fn equals_export(ma: &MemoryViewData, e: &dyn buffer::BufferExport) -> bool {
    let format = e.buffer_format();
    let code = native_code(format).unwrap_or(0);
    let k = e.buffer_itemsize().max(1);
    let bb = buffer::read_export(e, |x| x.to_vec());
    if ma.shape.len() != 1 || ma.shape[0] != bb.len() / k {
        return false;
    }
    if code == 0 || ma.code == 0 {
        return &*ma.format == format && ma.to_bytes() == bb;
    }
    let other: Vec<Item> = bb.chunks(k).map(|c| unpack(code, c)).collect();
    ma.items() == other
}

/// `iter(memoryview)` (CPython's `memory_iterator`).
pub(crate) struct MemIterData {
    view: Obj,
    index: Cell<usize>,
}
impl PyPayload for MemIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.view);
    }
}

pub(crate) fn iterator_type_object() -> TypeObject {
    let t = TypeObject::new::<MemIterData>(
        "memory_iterator",
        std::mem::size_of::<PyCell<MemIterData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(mem_iter_next));
    t
}

fn mem_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let d = it.payload::<MemIterData>().expect("memory_iterator");
    let m = live(vm, &d.view)?;
    let i = d.index.get();
    if i >= m.shape[0] {
        return Ok(None);
    }
    d.index.set(i + 1);
    Ok(Some(read_item(vm, m, m.offset + i as isize * m.strides[0])))
}

fn mv_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let m = live(vm, o)?;
    match m.shape.len() {
        0 => return Err(vm.type_error("invalid indexing of 0-dim memory")),
        1 => {}
        _ => return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented")),
    }
    Ok(alloc_object(&vm.ctx.types.memory_iterator, MemIterData { view: o.clone(), index: Cell::new(0) }))
}

/// `m[i]` for a 1-D view: the byte position of item `i`.
fn item_pos(vm: &Vm, m: &MemoryViewData, key: &Obj, dim: usize) -> PyResult<isize> {
    let i = vm.subscript_index(key)?;
    let n = m.shape[dim] as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error(format!("index out of bounds on dimension {}", dim + 1)));
    }
    Ok(j * m.strides[dim])
}

/// The `k` bytes of the item at `p` (zeros if the buffer no longer holds
/// them, which the export rules are meant to prevent).
fn item_bytes(d: &[u8], p: isize, k: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    if let Some(src) = usize::try_from(p).ok().and_then(|p| d.get(p..p + k)) {
        out[..k].copy_from_slice(src);
    }
    out
}

fn read_item(vm: &Vm, m: &MemoryViewData, pos: isize) -> Obj {
    let k = m.itemsize;
    let item = m.with_data(|d| unpack(m.code, &item_bytes(d, pos, k)[..k]));
    item_obj(vm, item)
}

fn mv_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let m = live(vm, o)?;
    if m.shape.is_empty() {
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if let Some(sl) = key.payload::<slice::SliceData>() {
        // Slicing along the first dimension.
        let (start, stop, step) = sl.indices(vm, m.shape[0])?;
        let n = slice::slice_length(start, stop, step);
        let offset = m.offset + if n > 0 { start * m.strides[0] } else { 0 };
        let mut shape = m.shape.to_vec();
        let mut strides = m.strides.to_vec();
        shape[0] = n;
        // A huge step leaves at most one item, whose stride is never used.
        strides[0] = strides[0].wrapping_mul(step);
        return Ok(new_view(vm, m, offset, m.format.clone(), shape.into(), strides.into(), m.readonly));
    }
    if vm.has_index(key) {
        if m.shape.len() != 1 {
            return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented"));
        }
        check_format(vm, m)?;
        let p = item_pos(vm, m, key, 0)?;
        // `__index__` may have released the view (gh-92888).
        live(vm, o)?;
        return Ok(read_item(vm, m, m.offset + p));
    }
    if let Some(t) = key.payload::<tuple::TupleData>() {
        let p = tuple_index(vm, m, t.items())?;
        live(vm, o)?;
        return Ok(read_item(vm, m, p));
    }
    Err(vm.type_error("memoryview: invalid slice key"))
}

/// `m[i, j, ...]`: the byte position of one item.
fn tuple_index(vm: &Vm, m: &MemoryViewData, items: &[Obj]) -> PyResult<isize> {
    if items.iter().all(|x| vm.has_index(x)) {
        if items.len() != m.shape.len() {
            let nd = m.shape.len();
            return Err(vm.type_error(format!("cannot index {nd}-dimension view with {}-element tuple", items.len())));
        }
        let mut pos = m.offset;
        for (dim, k) in items.iter().enumerate() {
            pos += item_pos(vm, m, k, dim)?;
        }
        return Ok(pos);
    }
    if items.iter().all(|x| x.payload::<slice::SliceData>().is_some()) {
        return Err(vm.not_implemented_error("multi-dimensional slicing is not implemented"));
    }
    Err(vm.type_error("memoryview: invalid slice key"))
}

fn write_bytes(m: &MemoryViewData, positions: &[isize], src: &[u8]) {
    let k = m.itemsize;
    let put = |v: &mut [u8]| {
        for (i, &p) in positions.iter().enumerate() {
            let dst = usize::try_from(p).ok().and_then(|p| v.get_mut(p..p + k));
            if let (Some(dst), Some(s)) = (dst, src.get(i * k..(i + 1) * k)) {
                dst.copy_from_slice(s);
            }
        }
    };
    if let Some(d) = bytearray::data(&m.base) {
        d.with(|v| put(&mut v[..]));
    } else if let Some(e) = buffer::exporter(&m.base) {
        buffer::write_export(e, put);
    }
}

fn mv_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let m = live(vm, o)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(vm.type_error("cannot delete memory"));
    };
    if m.shape.is_empty() {
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if let Some(sl) = key.payload::<slice::SliceData>() {
        if m.shape.len() != 1 {
            return Err(vm.not_implemented_error("memoryview slice assignments are currently restricted to ndim = 1"));
        }
        // The source's structure: its format and items.
        let (src_code, src_len, src) = if let Some(sm) = data(value) {
            let sm = live(vm, value).map(|_| sm)?;
            if sm.shape.len() != 1 {
                return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
            }
            (sm.code, sm.shape[0], sm.to_bytes())
        } else if let Some(e) = buffer::exporter(value) {
            e.buffer_check(vm)?;
            let k = e.buffer_itemsize().max(1);
            let b = buffer::read_export(e, |x| x.to_vec());
            (native_code(e.buffer_format()).unwrap_or(0), b.len() / k, b)
        } else {
            let b = bytes::bytes_like(vm, value)?;
            (b'B', b.len(), b)
        };
        let (start, stop, step) = sl.indices(vm, m.shape[0])?;
        let positions: Vec<isize> =
            slice::iter_indices(start, stop, step).map(|i| m.offset + i * m.strides[0]).collect();
        if src_code != m.code || src_len != positions.len() {
            return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
        }
        // Converting the key or the value may have released the view.
        live(vm, o)?;
        write_bytes(m, &positions, &src);
        return Ok(());
    }
    let pos = if vm.has_index(key) {
        if m.shape.len() != 1 {
            return Err(vm.not_implemented_error("sub-views are not implemented"));
        }
        m.offset + item_pos(vm, m, key, 0)?
    } else if let Some(t) = key.payload::<tuple::TupleData>() {
        tuple_index(vm, m, t.items())?
    } else {
        return Err(vm.type_error("memoryview: invalid slice key"));
    };
    check_format(vm, m)?;
    let b = pack(vm, m, value)?;
    live(vm, o)?;
    write_bytes(m, &[pos], &b);
    Ok(())
}

fn cast(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "cast", args, kwnames, &["format", "shape"], 1)?;
    let m = live(vm, o)?;
    let fmt_obj = a[0].as_ref().expect("required");
    let Some(fmt) = pystr::as_str(fmt_obj) else {
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {}", fmt_obj.class().name())));
    };
    if !m.is_c_contiguous() {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let shape_arg = a[1].as_ref();
    let new_shape: Option<Vec<Obj>> = match shape_arg {
        None => None,
        Some(s) => {
            if let Some(t) = s.payload::<tuple::TupleData>() {
                Some(t.items().to_vec())
            } else if let Some(l) = s.payload::<list::ListData>() {
                Some(l.to_vec())
            } else {
                return Err(vm.type_error("shape must be a list or a tuple"));
            }
        }
    };
    if let Some(ns) = &new_shape {
        if m.shape.len() != 1 && ns.len() != 1 {
            return Err(vm.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
        }
    }
    if (new_shape.is_some() || m.shape.len() != 1) && m.shape.contains(&0) {
        return Err(vm.type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let Some(code) = native_code(fmt) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    if !is_byte_format(m.code) && !is_byte_format(code) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let itemsize = itemsize_of(code).expect("native format");
    let nbytes = m.nbytes();
    if nbytes % itemsize != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let shape: Vec<usize> = match new_shape {
        None => vec![nbytes / itemsize],
        Some(ns) => {
            if ns.len() > 64 {
                return Err(vm.value_error("memoryview: number of dimensions must not exceed 64"));
            }
            let mut out = Vec::with_capacity(ns.len());
            for x in &ns {
                let Some(v) = crate::objects::int::value(x) else {
                    return Err(vm.type_error("memoryview.cast(): elements of shape must be integers"));
                };
                match v.as_i64() {
                    Some(v) if v > 0 => out.push(v as usize),
                    _ => return Err(vm.value_error("memoryview.cast(): elements of shape must be integers > 0")),
                }
            }
            let total = out.iter().try_fold(itemsize, |acc: usize, &n| acc.checked_mul(n));
            if total != Some(nbytes) {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            out
        }
    };
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc *= shape[i] as isize;
    }
    Ok(new_view(vm, m, m.offset, fmt.into(), shape.into(), strides.into(), m.readonly))
}

impl MemoryViewData {
    /// The byte range of a C-contiguous view in its base, if it is one.
    fn contiguous_range(&self) -> Option<std::ops::Range<usize>> {
        let mut expect = self.itemsize as isize;
        for (&n, &st) in self.shape.iter().zip(self.strides.iter()).rev() {
            if n > 1 && st != expect {
                return None;
            }
            expect *= n as isize;
        }
        let start = usize::try_from(self.offset).ok()?;
        Some(start..start + self.nbytes())
    }
}

/// Run `f` on the bytes a writable, C-contiguous memoryview shows (over a
/// bytearray). None if the view is read-only, released or not contiguous.
pub(crate) fn with_writable<R>(o: &Obj, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
    let m = data(o)?;
    if m.released.get() || m.readonly {
        return None;
    }
    let range = m.contiguous_range()?;
    if let Some(d) = bytearray::data(&m.base) {
        return d.with(|v| v.get_mut(range).map(f));
    }
    let e = buffer::exporter(&m.base)?;
    buffer::write_export(e, |v| v.get_mut(range).map(f)).flatten()
}

/// Run `f` on the bytes a C-contiguous memoryview shows, without copying.
pub(crate) fn with_contiguous<R>(o: &Obj, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let m = data(o)?;
    if m.released.get() {
        return None;
    }
    let range = m.contiguous_range()?;
    m.with_data(|d| d.get(range).map(f))
}
