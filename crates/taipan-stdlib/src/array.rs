//! `array` (CPython's `Modules/arraymodule.c`): compact arrays of C numbers
//! (or UCS-4 characters for `'u'`), kept as native-endian bytes, with the
//! sequence protocol, byte and list conversions, and pickling through
//! `_array_reconstructor` and machine format codes.
//!
//! Arrays export their memory (`memoryview(a)`, `bytes(a)`, `readinto(a)`,
//! `struct.pack_into(f, a, ...)`) in their typecode's struct format; while a
//! view is alive the array cannot change size (BufferError, as CPython).

use std::cell::{Cell, RefCell};

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};
use taipan_vm::api::buffer::BufferExport;
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, CompareOp, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{buffer, dict, module, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::clinic;

const ARRAY: &str = "array.array";
const ARRAY_ITER: &str = "array.arrayiterator";
const RECONSTRUCTOR: &str = "array._array_reconstructor";
const TYPECODES: &str = "bBuhHiIlLqQfd";

fn itemsize(tc: u8) -> usize {
    match tc {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' | b'u' => 4,
        _ => 8,
    }
}

pub(crate) struct Array {
    tc: u8,
    data: RefCell<Vec<u8>>,
    /// Live buffer views (memoryviews) of the data.
    exports: Cell<usize>,
}

impl PyPayload for Array {
    fn as_buffer(&self) -> Option<&dyn BufferExport> {
        Some(self)
    }
}

impl BufferExport for Array {
    fn buffer_format(&self) -> &'static str {
        // CPython exports 'u' (a 4-byte wchar_t) as PEP 3118's "w".
        match self.tc {
            b'b' => "b",
            b'B' => "B",
            b'u' => "w",
            b'h' => "h",
            b'H' => "H",
            b'i' => "i",
            b'I' => "I",
            b'l' => "l",
            b'L' => "L",
            b'q' => "q",
            b'Q' => "Q",
            b'f' => "f",
            _ => "d",
        }
    }
    fn buffer_itemsize(&self) -> usize {
        itemsize(self.tc)
    }
    fn buffer_readonly(&self) -> bool {
        false
    }
    fn buffer_read(&self, f: &mut dyn FnMut(&[u8])) {
        match self.data.try_borrow() {
            Ok(d) => f(&d),
            Err(_) => f(&[]),
        }
    }
    fn buffer_write(&self, f: &mut dyn FnMut(&mut [u8])) -> bool {
        match self.data.try_borrow_mut() {
            Ok(mut d) => f(&mut d),
            Err(_) => f(&mut []),
        }
        true
    }
    fn buffer_export(&self, delta: isize) {
        self.exports.set(self.exports.get().saturating_add_signed(delta));
    }
}

/// A change of the array's size to `new_len` bytes is allowed: not while
/// a view is exported (CPython's `array_resize`).
fn resizing(vm: &Vm, a: &Array, new_len: usize) -> PyResult<()> {
    if a.exports.get() > 0 && new_len != a.data.borrow().len() {
        return Err(
            vm.new_exception_msg(&vm.ctx.exceptions.buffer_error, "cannot resize an array that is exporting buffers")
        );
    }
    Ok(())
}

impl Array {
    fn len(&self) -> usize {
        self.data.borrow().len() / itemsize(self.tc)
    }
}

fn arr<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Array> {
    payload_or_err::<Array>(vm, o, "array.array")
}

fn array_type(vm: &Vm) -> Obj {
    vm.lazy_types.borrow().get(ARRAY).cloned().unwrap_or_else(|| vm.none())
}

// ---------------------------------------------------------------------------
// Items

/// Python value -> native bytes of one item, with CPython's errors.
fn encode_item(vm: &Vm, tc: u8, v: &Obj) -> PyResult<Vec<u8>> {
    match tc {
        b'f' => return Ok((vm.to_f64(v)? as f32).to_ne_bytes().to_vec()),
        b'd' => return Ok(vm.to_f64(v)?.to_ne_bytes().to_vec()),
        b'u' => {
            let cps = pystr::data(v).map(|d| d.to_code_points());
            return match cps {
                Some(c) if c.len() == 1 => Ok(c[0].to_ne_bytes().to_vec()),
                _ => Err(vm.type_error("array item must be unicode character")),
            };
        }
        _ => {}
    }
    let n = vm.index_value(v)?.to_big();
    let over = |m: &str| vm.overflow_error(m);
    let long = || n.to_i64().ok_or_else(|| over("Python int too large to convert to C long"));
    let range = |x: i64, lo: i64, hi: i64, what: &str| -> PyResult<i64> {
        if x < lo {
            Err(over(&format!("{what} is less than minimum")))
        } else if x > hi {
            Err(over(&format!("{what} is greater than maximum")))
        } else {
            Ok(x)
        }
    };
    let unsigned_long = || -> PyResult<u64> {
        if n.is_negative() {
            return Err(over("can't convert negative value to unsigned int"));
        }
        n.to_u64().ok_or_else(|| over("Python int too large to convert to C unsigned long"))
    };
    Ok(match tc {
        b'b' => {
            let x = range(long()?, i16::MIN as i64, i16::MAX as i64, "signed short integer")?;
            (range(x, -128, 127, "signed char")? as i8).to_ne_bytes().to_vec()
        }
        b'B' => (range(long()?, 0, 255, "unsigned byte integer")? as u8).to_ne_bytes().to_vec(),
        b'h' => {
            (range(long()?, i16::MIN as i64, i16::MAX as i64, "signed short integer")? as i16).to_ne_bytes().to_vec()
        }
        b'H' => {
            let x = range(long()?, i32::MIN as i64, i32::MAX as i64, "signed integer")?;
            (range(x, 0, 65535, "unsigned short")? as u16).to_ne_bytes().to_vec()
        }
        b'i' => (range(long()?, i32::MIN as i64, i32::MAX as i64, "signed integer")? as i32).to_ne_bytes().to_vec(),
        b'I' => {
            let x = unsigned_long()?;
            if x > u32::MAX as u64 {
                return Err(over("unsigned int is greater than maximum"));
            }
            (x as u32).to_ne_bytes().to_vec()
        }
        b'l' => long()?.to_ne_bytes().to_vec(),
        b'L' => unsigned_long()?.to_ne_bytes().to_vec(),
        b'q' => n.to_i64().ok_or_else(|| over("int too big to convert"))?.to_ne_bytes().to_vec(),
        _ => {
            if n.sign() == Sign::Minus {
                return Err(over("can't convert negative int to unsigned"));
            }
            n.to_u64().ok_or_else(|| over("int too big to convert"))?.to_ne_bytes().to_vec()
        }
    })
}

/// Native bytes of one item -> Python value.
fn decode_item(vm: &Vm, tc: u8, b: &[u8]) -> Obj {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u32v = || u32::from_ne_bytes([w[0], w[1], w[2], w[3]]);
    match tc {
        b'b' => vm.new_int(w[0] as i8 as i64),
        b'B' => vm.new_int(w[0] as i64),
        b'h' => vm.new_int(i16::from_ne_bytes([w[0], w[1]]) as i64),
        b'H' => vm.new_int(u16::from_ne_bytes([w[0], w[1]]) as i64),
        b'i' => vm.new_int(u32v() as i32 as i64),
        b'I' => vm.new_int(u32v() as i64),
        b'l' | b'q' => vm.new_int(i64::from_ne_bytes(w)),
        b'L' | b'Q' => {
            let v = u64::from_ne_bytes(w);
            if v <= i64::MAX as u64 {
                vm.new_int(v as i64)
            } else {
                vm.new_bigint(BigInt::from(v))
            }
        }
        b'f' => vm.new_float(f32::from_bits(u32v()) as f64),
        b'd' => vm.new_float(f64::from_ne_bytes(w)),
        _ => vm.new_str_from_code_points(&[u32v()]),
    }
}

fn get(vm: &Vm, a: &Array, i: usize) -> Obj {
    let n = itemsize(a.tc);
    let d = a.data.borrow();
    decode_item(vm, a.tc, &d[i * n..(i + 1) * n])
}

fn items(vm: &Vm, a: &Array) -> Vec<Obj> {
    (0..a.len()).map(|i| get(vm, a, i)).collect()
}

fn new_array(vm: &Vm, cls: &Obj, tc: u8, data: Vec<u8>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &array_type(vm), Array { tc, data: RefCell::new(data), exports: Cell::new(0) })
}

/// Encode every item of an iterable first, so a failing item leaves the
/// array unchanged... except that CPython appends item by item: do that.
fn extend_iter(vm: &Vm, o: &Obj, a: &Array, it: &Obj) -> PyResult<()> {
    if let Some(other) = it.payload::<Array>() {
        if other.tc != a.tc {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let extra = other.data.borrow().clone();
        resizing(vm, a, a.data.borrow().len() + extra.len())?;
        a.data.borrow_mut().extend_from_slice(&extra);
        return Ok(());
    }
    let _ = o;
    let iter = vm.iter(it)?;
    while let Some(v) = vm.next(&iter)? {
        let b = encode_item(vm, a.tc, &v)?;
        resizing(vm, a, a.data.borrow().len() + b.len())?;
        a.data.borrow_mut().extend_from_slice(&b);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Construction

fn array_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&array_type(vm)) && clinic::nkw(k) > 0 {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    let a = &a[..a.len() - clinic::nkw(k)];
    if a.is_empty() {
        return Err(vm.type_error("array() takes at least 1 argument (0 given)"));
    }
    if a.len() > 2 {
        return Err(vm.type_error(format!("array() takes at most 2 arguments ({} given)", a.len())));
    }
    let tc = match pystr::data(&a[0]).map(|d| d.to_code_points()) {
        Some(c) if c.len() == 1 => c[0],
        _ => {
            let what = if pystr::data(&a[0]).is_some() { "str".to_string() } else { a[0].class().name().to_string() };
            return Err(vm.type_error(format!("array() argument 1 must be a unicode character, not {what}")));
        }
    };
    let tc = match char::from_u32(tc).filter(|c| TYPECODES.contains(*c)) {
        Some(c) => c as u8,
        None => return Err(vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")),
    };
    let o = new_array(vm, cls, tc, Vec::new())?;
    let Some(init) = a.get(1) else { return Ok(o) };
    fill(vm, &o, tc, init)?;
    Ok(o)
}

/// The initializer of `array(typecode, initializer)`.
fn fill(vm: &Vm, o: &Obj, tc: u8, init: &Obj) -> PyResult<()> {
    let me = arr(vm, o)?;
    if let Some(d) = pystr::data(init) {
        if tc != b'u' {
            return Err(
                vm.type_error(format!("cannot use a str to initialize an array with typecode '{}'", tc as char))
            );
        }
        let mut data = me.data.borrow_mut();
        for c in d.to_code_points() {
            data.extend_from_slice(&c.to_ne_bytes());
        }
        return Ok(());
    }
    if let Some(other) = init.payload::<Array>() {
        if other.tc == b'u' && tc != b'u' {
            return Err(vm.type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                tc as char
            )));
        }
        if other.tc != tc {
            for v in items(vm, other) {
                let b = encode_item(vm, tc, &v)?;
                me.data.borrow_mut().extend_from_slice(&b);
            }
            return Ok(());
        }
    }
    if init.type_is(&vm.ctx.types.bytes) || init.type_is(&vm.ctx.types.bytearray) {
        frombytes(vm, me, init)?;
        return Ok(());
    }
    extend_iter(vm, o, me, init)
}

fn frombytes(vm: &Vm, a: &Array, b: &Obj) -> PyResult<()> {
    // CPython takes only buffers of single bytes.
    let wide = match buffer::exporter(b) {
        Some(e) => e.buffer_itemsize() != 1,
        None => b.type_is(&vm.ctx.types.memoryview) && vm.to_i64(&vm.getattr_str(b, "itemsize")?)? != 1,
    };
    if wide {
        return Err(vm.type_error("a bytes-like object is required"));
    }
    let bytes = buffer::with_bytes(vm, b, |s| s.to_vec())?;
    if bytes.len() % itemsize(a.tc) != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    resizing(vm, a, a.data.borrow().len() + bytes.len())?;
    a.data.borrow_mut().extend_from_slice(&bytes);
    Ok(())
}

// ---------------------------------------------------------------------------
// Sequence protocol

fn norm_index(vm: &Vm, a: &Array, i: &Obj, msg: &str) -> PyResult<usize> {
    let n = a.len() as isize;
    let mut i = vm.subscript_index(i)?;
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(vm.index_error(msg));
    }
    Ok(i as usize)
}

/// The indices a slice selects, in order.
fn slice_indices(vm: &Vm, s: &Obj, len: usize) -> PyResult<(isize, isize, Vec<usize>)> {
    let t = vm.call_method(s, "indices", &[vm.new_usize(len)])?;
    let it = tuple::items(&t);
    let start = vm.index_to_isize(&it[0])?;
    let stop = vm.index_to_isize(&it[1])?;
    // A step past isize selects at most one item, as isize::MAX does.
    let step = vm.index_to_isize_clamped(&it[2])?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        // A huge step (sys.maxsize) leaves the range after one item.
        let Some(next) = i.checked_add(step) else { break };
        i = next;
    }
    Ok((start, step, out))
}

fn is_slice(vm: &Vm, o: &Obj) -> bool {
    o.type_is(&vm.ctx.types.slice)
}

fn array_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let a = arr(vm, o)?;
    if is_slice(vm, key) {
        let (_, _, idx) = slice_indices(vm, key, a.len())?;
        let n = itemsize(a.tc);
        let d = a.data.borrow();
        let mut out = Vec::with_capacity(idx.len() * n);
        for i in idx {
            out.extend_from_slice(&d[i * n..(i + 1) * n]);
        }
        drop(d);
        return new_array(vm, &array_type(vm), a.tc, out);
    }
    if !vm.has_index(key) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = norm_index(vm, a, key, "array index out of range")?;
    Ok(get(vm, a, i))
}

fn array_setitem(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let a = arr(vm, o)?;
    let n = itemsize(a.tc);
    if is_slice(vm, key) {
        let (start, step, idx) = slice_indices(vm, key, a.len())?;
        let Some(v) = value else {
            resizing(vm, a, a.data.borrow().len() - idx.len() * n)?;
            let mut d = a.data.borrow_mut();
            let mut keep = Vec::with_capacity(d.len());
            let drop_set: std::collections::HashSet<usize> = idx.into_iter().collect();
            for (i, chunk) in d.chunks(n).enumerate() {
                if !drop_set.contains(&i) {
                    keep.extend_from_slice(chunk);
                }
            }
            *d = keep;
            return Ok(());
        };
        let Some(other) = v.payload::<Array>() else {
            return Err(vm.type_error(format!("can only assign array (not \"{}\") to array slice", v.class().name())));
        };
        if other.tc != a.tc {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        let src = other.data.borrow().clone();
        if step == 1 {
            resizing(vm, a, a.data.borrow().len() - idx.len() * n + src.len())?;
        }
        let mut d = a.data.borrow_mut();
        if step == 1 {
            let lo = (start.max(0) as usize).min(d.len() / n);
            let hi = lo + idx.len();
            d.splice(lo * n..hi * n, src);
            return Ok(());
        }
        if src.len() / n != idx.len() {
            return Err(vm.value_error(format!(
                "attempt to assign array of size {} to extended slice of size {}",
                src.len() / n,
                idx.len()
            )));
        }
        for (k, i) in idx.into_iter().enumerate() {
            d[i * n..(i + 1) * n].copy_from_slice(&src[k * n..(k + 1) * n]);
        }
        return Ok(());
    }
    if !vm.has_index(key) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = norm_index(vm, a, key, "array assignment index out of range")?;
    match value {
        Some(v) => {
            let b = encode_item(vm, a.tc, v)?;
            let mut d = a.data.borrow_mut();
            if (i + 1) * n <= d.len() {
                d[i * n..(i + 1) * n].copy_from_slice(&b);
            }
        }
        None => {
            resizing(vm, a, a.data.borrow().len() - n)?;
            a.data.borrow_mut().drain(i * n..(i + 1) * n);
        }
    }
    Ok(())
}

fn array_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let a = arr(vm, o)?;
    let tc = a.tc as char;
    let full = o.class().name();
    let name = full.rsplit('.').next().unwrap_or(full).to_string();
    if a.len() == 0 {
        return Ok(vm.new_str_from_string(format!("{name}('{tc}')")));
    }
    let inner = if a.tc == b'u' {
        let s = tounicode(vm, a)?;
        vm.repr_string(&s)?
    } else {
        let l = vm.new_list(items(vm, a));
        vm.repr_string(&l)?
    };
    Ok(vm.new_str_from_string(format!("{name}('{tc}', {inner})")))
}

fn tounicode(vm: &Vm, a: &Array) -> PyResult<Obj> {
    let d = a.data.borrow();
    let cps: Vec<u32> = d.chunks(4).map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect();
    if let Some(bad) = cps.iter().find(|&&c| c > 0x10ffff) {
        return Err(vm.value_error(format!("character U+{bad:x} is not in range [U+0000; U+10ffff]")));
    }
    Ok(vm.new_str_from_code_points(&cps))
}

fn array_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let (Some(x), Some(y)) = (a.payload::<Array>(), b.payload::<Array>()) else { return Ok(vm.not_implemented()) };
    let (xs, ys) = (items(vm, x), items(vm, y));
    if xs.len() != ys.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.bool_obj(op == CompareOp::Ne));
    }
    for (p, q) in xs.iter().zip(&ys) {
        if !vm.eq(p, q)? {
            return match op {
                CompareOp::Eq => Ok(vm.bool_obj(false)),
                CompareOp::Ne => Ok(vm.bool_obj(true)),
                _ => vm.rich_compare(p, q, op),
            };
        }
    }
    let (lx, ly) = (xs.len(), ys.len());
    let r = match op {
        CompareOp::Lt => lx < ly,
        CompareOp::Le => lx <= ly,
        CompareOp::Eq => lx == ly,
        CompareOp::Ne => lx != ly,
        CompareOp::Gt => lx > ly,
        CompareOp::Ge => lx >= ly,
    };
    Ok(vm.bool_obj(r))
}

fn concat(vm: &Vm, o: &Obj, other: &Obj) -> PyResult<Obj> {
    let a = arr(vm, o)?;
    let Some(b) = other.payload::<Array>() else {
        return Err(vm.type_error(format!("can only append array (not \"{}\") to array", other.class().name())));
    };
    if a.tc != b.tc {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut d = a.data.borrow().clone();
    d.extend_from_slice(&b.data.borrow());
    new_array(vm, &array_type(vm), a.tc, d)
}

fn repeat_data(vm: &Vm, a: &Array, n: isize) -> PyResult<Vec<u8>> {
    let d = a.data.borrow();
    let n = n.max(0) as usize;
    let total = d.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
    let mut out = Vec::new();
    if out.try_reserve_exact(total).is_err() {
        return Err(vm.memory_error());
    }
    for _ in 0..n {
        out.extend_from_slice(&d);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Methods

fn one(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::one(vm, &format!("array.{name}"), a, k)
}

fn find(vm: &Vm, a: &Array, x: &Obj, from: usize, to: usize) -> PyResult<Option<usize>> {
    for i in from..to.min(a.len()) {
        if i >= a.len() {
            break;
        }
        let v = get(vm, a, i);
        if vm.eq(&v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn clamp_index(vm: &Vm, o: Option<&Obj>, len: usize, default: usize) -> PyResult<usize> {
    let Some(o) = o else { return Ok(default) };
    let mut i = vm.index_to_isize_clamped(o)?;
    if i < 0 {
        i += len as isize;
        if i < 0 {
            i = 0;
        }
    }
    Ok((i as usize).min(len))
}

const MACHINE_FORMATS: &[(u8, u8)] = &[
    (b'b', 1),
    (b'B', 0),
    (b'u', 20),
    (b'h', 4),
    (b'H', 2),
    (b'i', 8),
    (b'I', 6),
    (b'l', 12),
    (b'L', 10),
    (b'q', 12),
    (b'Q', 10),
    (b'f', 14),
    (b'd', 16),
];

fn reduce_ex(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let proto = one(vm, "__reduce_ex__", a, k)?;
    let me = arr(vm, o)?;
    let proto = vm.index_to_isize(&proto)?;
    let d = match vm.getattr_str_opt(o, "__dict__")? {
        Some(d) if vm.len(&d)? > 0 => d,
        _ => vm.none(),
    };
    let cls = o.class_obj();
    let tc = vm.new_str_from_string((me.tc as char).to_string());
    if proto < 3 {
        let l = vm.new_list(items(vm, me));
        return Ok(vm.new_tuple(vec![cls, vm.new_tuple(vec![tc, l]), d]));
    }
    let code = MACHINE_FORMATS.iter().find(|(c, _)| *c == me.tc).map(|p| p.1).unwrap_or(0);
    let f = vm.lazy_types.borrow().get(RECONSTRUCTOR).cloned().unwrap_or_else(|| vm.none());
    let data = vm.new_bytes(me.data.borrow().clone());
    Ok(vm.new_tuple(vec![f, vm.new_tuple(vec![cls, tc, vm.new_int(code as i64), data]), d]))
}

/// (size, kind, big-endian) of a machine format code; kind: 0 unsigned,
/// 1 signed, 2 float, 3 utf-16, 4 utf-32.
fn machine_format(code: i64) -> Option<(usize, u8, bool)> {
    Some(match code {
        0 => (1, 0, false),
        1 => (1, 1, false),
        2..=13 => {
            let k = code - 2;
            let size = [2, 4, 8][(k / 4) as usize];
            (size, ((k / 2) % 2) as u8, k % 2 == 1)
        }
        14 | 15 => (4, 2, code == 15),
        16 | 17 => (8, 2, code == 17),
        18 | 19 => (2, 3, code == 19),
        20 | 21 => (4, 4, code == 21),
        _ => return None,
    })
}

/// The last integer typecode (in CPython's descriptor order) whose items
/// are `size` bytes of this signedness: 8-byte unsigned is 'Q', not 'L'.
fn int_typecode(size: usize, signed: bool) -> Option<u8> {
    b"bBhHiIlLqQ".iter().copied().rev().find(|&c| itemsize(c) == size && c.is_ascii_lowercase() == signed)
}

fn array_reconstructor(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = clinic::positional(vm, "_array_reconstructor", "_array_reconstructor", a, k, 4, 4)?;
    let cls = &a[0];
    if !vm.is_type(cls) {
        return Err(vm.type_error(format!("first argument must be a type object, not {}", cls.class().name())));
    }
    if !vm.is_subtype(cls, &array_type(vm)) {
        let name = vm.getattr_str(cls, "__name__")?;
        return Err(vm.type_error(format!("{} is not a subtype of array.array", vm.str_string(&name)?)));
    }
    let tc = match pystr::as_str(&a[1]).and_then(|s| s.chars().next().filter(|_| s.chars().count() == 1)) {
        Some(c) if TYPECODES.contains(c) => c as u8,
        _ => return Err(vm.value_error("second argument must be a valid type code")),
    };
    let code = vm.index_value(&a[2])?.as_i64().unwrap_or(-1);
    let Some((size, kind, big)) = machine_format(code) else {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    };
    let Some(raw) = taipan_vm::api::bytes::as_bytes_ref(&a[3]).map(|b| b.to_vec()) else {
        return Err(vm.type_error(format!("fourth argument should be bytes, not {}", a[3].class().name())));
    };
    let native = MACHINE_FORMATS.iter().any(|(c, m)| *c == tc && *m as i64 == code);
    if native {
        // CPython builds the array with frombytes(), hence its message.
        if raw.len() % itemsize(tc) != 0 {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        return new_array(vm, cls, tc, raw);
    }
    if raw.len() % size != 0 {
        return Err(vm.value_error("string length not a multiple of item size"));
    }
    // Integers decoded from another machine format go into a typecode of
    // their size and signedness (as CPython), not `tc`.
    let tc = if kind <= 1 { int_typecode(size, kind == 1).unwrap_or(tc) } else { tc };
    let o = new_array(vm, cls, tc, Vec::new())?;
    let me = arr(vm, &o)?;
    let mut values = Vec::new();
    if kind >= 3 {
        let units: Vec<u32> = raw
            .chunks(size)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..size].copy_from_slice(c);
                if big {
                    w[..size].reverse();
                }
                u32::from_le_bytes(w)
            })
            .collect();
        let s = if kind == 4 {
            vm.new_str_from_code_points(&units)
        } else {
            let u16s: Vec<u16> = units.iter().map(|&u| u as u16).collect();
            let cps: Vec<u32> = char::decode_utf16(u16s).map(|r| r.map(|c| c as u32).unwrap_or(0xfffd)).collect();
            vm.new_str_from_code_points(&cps)
        };
        for c in pystr::data(&s).map(|d| d.to_code_points()).unwrap_or_default() {
            me.data.borrow_mut().extend_from_slice(&c.to_ne_bytes());
        }
        return Ok(o);
    }
    for c in raw.chunks(size) {
        let mut w = c.to_vec();
        if big {
            w.reverse();
        }
        let mut b8 = [0u8; 8];
        b8[..size].copy_from_slice(&w);
        let v = match kind {
            2 if size == 4 => vm.new_float(f32::from_le_bytes([b8[0], b8[1], b8[2], b8[3]]) as f64),
            2 => vm.new_float(f64::from_le_bytes(b8)),
            1 => {
                let shift = 64 - 8 * size as u32;
                vm.new_int(((u64::from_le_bytes(b8) << shift) as i64) >> shift)
            }
            _ => vm.new_bigint(BigInt::from(u64::from_le_bytes(b8))),
        };
        values.push(v);
    }
    for v in values {
        let b = encode_item(vm, tc, &v)?;
        me.data.borrow_mut().extend_from_slice(&b);
    }
    Ok(o)
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("append", |vm, o, a, k| {
        let v = one(vm, "append", a, k)?;
        let me = arr(vm, o)?;
        let b = encode_item(vm, me.tc, &v)?;
        resizing(vm, me, me.data.borrow().len() + b.len())?;
        me.data.borrow_mut().extend_from_slice(&b);
        Ok(vm.none())
    }),
    MethodDef::method("buffer_info", |vm, o, a, k| {
        clinic::none(vm, "array.buffer_info", a, k)?;
        let me = arr(vm, o)?;
        let addr = me.data.borrow().as_ptr() as usize;
        Ok(vm.new_tuple(vec![vm.new_usize(addr), vm.new_usize(me.len())]))
    }),
    MethodDef::method("byteswap", |vm, o, a, k| {
        clinic::none(vm, "array.byteswap", a, k)?;
        let me = arr(vm, o)?;
        let n = itemsize(me.tc);
        for chunk in me.data.borrow_mut().chunks_mut(n) {
            chunk.reverse();
        }
        Ok(vm.none())
    }),
    MethodDef::method("count", |vm, o, a, k| {
        let x = one(vm, "count", a, k)?;
        let me = arr(vm, o)?;
        let mut n = 0;
        let mut i = 0;
        while i < me.len() {
            if vm.eq(&get(vm, me, i), &x)? {
                n += 1;
            }
            i += 1;
        }
        Ok(vm.new_usize(n))
    }),
    MethodDef::method("extend", |vm, o, a, k| {
        let it = one(vm, "extend", a, k)?;
        extend_iter(vm, o, arr(vm, o)?, &it)?;
        Ok(vm.none())
    }),
    MethodDef::method("frombytes", |vm, o, a, k| {
        let b = one(vm, "frombytes", a, k)?;
        frombytes(vm, arr(vm, o)?, &b)?;
        Ok(vm.none())
    }),
    MethodDef::method("fromfile", |vm, o, a, k| {
        let a = clinic::positional(vm, "array.fromfile", "fromfile", a, k, 2, 2)?;
        let me = arr(vm, o)?;
        let n = vm.index_to_isize(&a[1])?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        let want = (n as usize).checked_mul(itemsize(me.tc)).ok_or_else(|| vm.memory_error())?;
        let b = vm.call_method(&a[0], "read", &[vm.new_usize(want)])?;
        let Some(bytes) = taipan_vm::api::bytes::as_bytes_ref(&b).map(|b| b.to_vec()) else {
            return Err(vm.type_error("read() didn't return bytes"));
        };
        let whole = bytes.len() - bytes.len() % itemsize(me.tc);
        resizing(vm, me, me.data.borrow().len() + whole)?;
        me.data.borrow_mut().extend_from_slice(&bytes[..whole]);
        if bytes.len() != want {
            return Err(vm.eof_error("read() didn't return enough bytes"));
        }
        Ok(vm.none())
    }),
    MethodDef::method("fromlist", |vm, o, a, k| {
        let l = one(vm, "fromlist", a, k)?;
        if !vm.isinstance_type(&l, &vm.ctx.types.list) {
            return Err(vm.type_error("arg must be list"));
        }
        let me = arr(vm, o)?;
        let mut add = Vec::new();
        for v in vm.to_vec(&l)? {
            add.extend_from_slice(&encode_item(vm, me.tc, &v)?);
        }
        resizing(vm, me, me.data.borrow().len() + add.len())?;
        me.data.borrow_mut().extend_from_slice(&add);
        Ok(vm.none())
    }),
    MethodDef::method("fromunicode", |vm, o, a, k| {
        let s = one(vm, "fromunicode", a, k)?;
        let me = arr(vm, o)?;
        let Some(d) = pystr::data(&s) else {
            return Err(vm.type_error(format!("fromunicode() argument must be str, not {}", s.class().name())));
        };
        if me.tc != b'u' {
            return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
        }
        resizing(vm, me, me.data.borrow().len() + 4 * d.to_code_points().len())?;
        for c in d.to_code_points() {
            me.data.borrow_mut().extend_from_slice(&c.to_ne_bytes());
        }
        Ok(vm.none())
    }),
    MethodDef::method("index", |vm, o, a, k| {
        let a = clinic::positional(vm, "array.index", "index", a, k, 1, 3)?;
        let me = arr(vm, o)?;
        let len = me.len();
        let from = clamp_index(vm, a.get(1), len, 0)?;
        let to = clamp_index(vm, a.get(2), len, len)?;
        match find(vm, me, &a[0], from, to)? {
            Some(i) => Ok(vm.new_usize(i)),
            None => Err(vm.value_error("array.index(x): x not in array")),
        }
    }),
    MethodDef::method("insert", |vm, o, a, k| {
        let a = clinic::positional(vm, "array.insert", "insert", a, k, 2, 2)?;
        let me = arr(vm, o)?;
        let len = me.len() as isize;
        let mut i = vm.index_to_isize_clamped(&a[0])?;
        if i < 0 {
            i = (i + len).max(0);
        }
        let i = i.min(len) as usize;
        let b = encode_item(vm, me.tc, &a[1])?;
        let n = itemsize(me.tc);
        resizing(vm, me, me.data.borrow().len() + n)?;
        me.data.borrow_mut().splice(i * n..i * n, b);
        Ok(vm.none())
    }),
    MethodDef::method("pop", |vm, o, a, k| {
        let a = clinic::positional(vm, "array.pop", "pop", a, k, 0, 1)?;
        let me = arr(vm, o)?;
        let len = me.len() as isize;
        if len == 0 {
            return Err(vm.index_error("pop from empty array"));
        }
        let mut i = match a.first() {
            Some(x) => vm.ssize_t_arg(x)?,
            None => -1,
        };
        if i < 0 {
            i += len;
        }
        if i < 0 || i >= len {
            return Err(vm.index_error("pop index out of range"));
        }
        let i = i as usize;
        let n = itemsize(me.tc);
        resizing(vm, me, me.data.borrow().len() - n)?;
        let v = get(vm, me, i);
        me.data.borrow_mut().drain(i * n..(i + 1) * n);
        Ok(v)
    }),
    MethodDef::method("remove", |vm, o, a, k| {
        let x = one(vm, "remove", a, k)?;
        let me = arr(vm, o)?;
        match find(vm, me, &x, 0, me.len())? {
            Some(i) => {
                let n = itemsize(me.tc);
                resizing(vm, me, me.data.borrow().len() - n)?;
                let mut d = me.data.borrow_mut();
                if (i + 1) * n <= d.len() {
                    d.drain(i * n..(i + 1) * n);
                }
                Ok(vm.none())
            }
            None => Err(vm.value_error("array.remove(x): x not in array")),
        }
    }),
    MethodDef::method("reverse", |vm, o, a, k| {
        clinic::none(vm, "array.reverse", a, k)?;
        let me = arr(vm, o)?;
        let n = itemsize(me.tc);
        let mut d = me.data.borrow_mut();
        let rev: Vec<u8> = d.chunks(n).rev().flatten().copied().collect();
        *d = rev;
        Ok(vm.none())
    }),
    MethodDef::method("tobytes", |vm, o, a, k| {
        clinic::none(vm, "array.tobytes", a, k)?;
        Ok(vm.new_bytes(arr(vm, o)?.data.borrow().clone()))
    }),
    MethodDef::method("tofile", |vm, o, a, k| {
        let f = one(vm, "tofile", a, k)?;
        let data = arr(vm, o)?.data.borrow().clone();
        // CPython writes in blocks of 64 KiB.
        for chunk in data.chunks(64 * 1024) {
            vm.call_method(&f, "write", &[vm.new_bytes(chunk.to_vec())])?;
        }
        Ok(vm.none())
    }),
    MethodDef::method("tolist", |vm, o, a, k| {
        clinic::none(vm, "array.tolist", a, k)?;
        Ok(vm.new_list(items(vm, arr(vm, o)?)))
    }),
    MethodDef::method("tounicode", |vm, o, a, k| {
        clinic::none(vm, "array.tounicode", a, k)?;
        let me = arr(vm, o)?;
        if me.tc != b'u' {
            return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
        }
        tounicode(vm, me)
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        clinic::none(vm, "array.__copy__", a, k)?;
        let me = arr(vm, o)?;
        new_array(vm, &array_type(vm), me.tc, me.data.borrow().clone())
    }),
    MethodDef::method("__deepcopy__", |vm, o, a, k| {
        one(vm, "__deepcopy__", a, k)?;
        let me = arr(vm, o)?;
        new_array(vm, &array_type(vm), me.tc, me.data.borrow().clone())
    }),
    MethodDef::method("__reduce_ex__", reduce_ex),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        clinic::none(vm, "array.__sizeof__", a, k)?;
        let me = arr(vm, o)?;
        Ok(vm.new_usize(64 + me.data.borrow().capacity()))
    }),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("typecode", |vm, o| Ok(vm.new_str_from_string((arr(vm, o)?.tc as char).to_string())), None),
    GetSetDef::new("itemsize", |vm, o| Ok(vm.new_usize(itemsize(arr(vm, o)?.tc))), None),
];

// ---------------------------------------------------------------------------
// Iterator

/// `array` is emptied once the iterator is exhausted, so the array can be
/// freed while the iterator lives on (CPython's `ao = NULL`).
pub(crate) struct ArrayIter {
    array: ObjCell,
    index: Cell<usize>,
}
impl PyPayload for ArrayIter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.array.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.array.set(None);
    }
}

fn array_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let ty = vm.lazy_types.borrow().get(ARRAY_ITER).cloned().unwrap_or_else(|| vm.none());
    alloc_instance(vm, &ty, &ty, ArrayIter { array: ObjCell::some(o.clone()), index: Cell::new(0) })
}

fn array_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<ArrayIter>(vm, o, "arrayiterator")?;
    let Some(array) = it.array.get() else { return Ok(None) };
    let a = arr(vm, &array)?;
    let i = it.index.get();
    if i >= a.len() {
        it.index.set(ITER_DONE);
        it.array.set(None);
        return Ok(None);
    }
    it.index.set(i + 1);
    Ok(Some(get(vm, a, i)))
}

/// An exhausted iterator keeps this index (it never counts down again).
const ITER_DONE: usize = usize::MAX / 2;

/// `(iter, (array,), index)`, or `(iter, ((),))` once exhausted (CPython's
/// `array_arrayiterator___reduce__`).
fn arrayiter_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    clinic::positional(vm, "__reduce__", "__reduce__", a, k, 0, 0)?;
    let it = payload_or_err::<ArrayIter>(vm, o, "arrayiterator")?;
    let iter_fn = vm.getattr_str(&vm.builtins_module(), "iter")?;
    let i = it.index.get();
    let Some(array) = it.array.get().filter(|_| i < ITER_DONE) else {
        return Ok(vm.new_tuple(vec![iter_fn, vm.new_tuple(vec![vm.new_tuple(Vec::new())])]));
    };
    Ok(vm.new_tuple(vec![iter_fn, vm.new_tuple(vec![array]), vm.new_usize(i)]))
}

/// `__setstate__(index)`, clamped to `[0, len(array)]`.
fn arrayiter_setstate(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let state = one(vm, "__setstate__", a, k)?;
    let index = vm.index_to_isize(&state)?;
    let it = payload_or_err::<ArrayIter>(vm, o, "arrayiterator")?;
    if let Some(array) = it.array.get().filter(|_| it.index.get() < ITER_DONE) {
        let n = arr(vm, &array)?.len();
        it.index.set((index.max(0) as usize).min(n));
    }
    Ok(vm.none())
}

const ITER_METHODS: &[MethodDef] =
    &[MethodDef::method("__reduce__", arrayiter_reduce), MethodDef::method("__setstate__", arrayiter_setstate)];

fn make_types(vm: &Vm) {
    if vm.lazy_types.borrow().contains_key(ARRAY) {
        return;
    }
    let spec = TypeSpec {
        name: "array.array",
        flags: flags::BASETYPE | flags::SEQUENCE,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by typecode, and\ninitialized from the optional initializer value, which must be a list,\nstring or iterable over elements of the appropriate type.\n\nArrays represent basic values and behave very much like lists, except\nthe type of objects stored in them is constrained."),
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<Array>(vm, &spec, |s| {
        s.new.set(Some(array_new));
        s.repr.set(Some(array_repr));
        s.hash.set(Some(|vm, _| Err(vm.type_error("unhashable type: 'array.array'"))));
        s.richcompare.set(Some(array_richcompare));
        s.iter.set(Some(array_iter));
        s.sq_length.set(Some(|vm, o| Ok(arr(vm, o)?.len())));
        s.mp_length.set(Some(|vm, o| Ok(arr(vm, o)?.len())));
        s.mp_subscript.set(Some(array_getitem));
        s.mp_ass_subscript.set(Some(array_setitem));
        s.sq_contains.set(Some(|vm, o, x| {
            let me = arr(vm, o)?;
            Ok(find(vm, me, x, 0, me.len())?.is_some())
        }));
        s.sq_concat.set(Some(concat));
        s.sq_repeat.set(Some(|vm, o, n| {
            let me = arr(vm, o)?;
            let d = repeat_data(vm, me, n)?;
            new_array(vm, &array_type(vm), me.tc, d)
        }));
        s.sq_inplace_concat.set(Some(|vm, o, other| {
            let me = arr(vm, o)?;
            let Some(b) = other.payload::<Array>() else {
                return Err(
                    vm.type_error(format!("can only extend array with array (not \"{}\")", other.class().name()))
                );
            };
            if b.tc != me.tc {
                return Err(vm.type_error("can only extend with array of same kind"));
            }
            let extra = b.data.borrow().clone();
            resizing(vm, me, me.data.borrow().len() + extra.len())?;
            me.data.borrow_mut().extend_from_slice(&extra);
            Ok(o.clone())
        }));
        s.sq_inplace_repeat.set(Some(|vm, o, n| {
            let me = arr(vm, o)?;
            let d = repeat_data(vm, me, n)?;
            resizing(vm, me, d.len())?;
            *me.data.borrow_mut() = d;
            Ok(o.clone())
        }));
    });
    vm.lazy_types.borrow_mut().insert(ARRAY, t);
    let spec = TypeSpec { name: "array.arrayiterator", gc: true, methods: ITER_METHODS, ..Default::default() };
    let t = taipan_vm::api::types::new_type::<ArrayIter>(vm, &spec, |s| {
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(array_iternext));
    });
    vm.lazy_types.borrow_mut().insert(ARRAY_ITER, t);
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("_array_reconstructor", array_reconstructor)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm);
    let m = module::new_module(vm, "array");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "array", FUNCTIONS);
    dict::set_item_str(vm, &d, "array", array_type(vm))?;
    dict::set_item_str(vm, &d, "ArrayType", array_type(vm))?;
    dict::set_item_str(vm, &d, "typecodes", vm.new_str(TYPECODES))?;
    if let Some(f) = dict::get_item_str(vm, &d, "_array_reconstructor") {
        vm.lazy_types.borrow_mut().insert(RECONSTRUCTOR, f);
    }
    register_mutable_sequence(vm)?;
    Ok(m)
}

/// `collections.abc.MutableSequence.register(array)`, as CPython's
/// `array_modexec` does, so isinstance(a, MutableSequence) holds.
fn register_mutable_sequence(vm: &Vm) -> PyResult<()> {
    let abc = taipan_vm::api::import::import_module(vm, "collections.abc")?;
    let seq = vm.getattr_str(&abc, "MutableSequence")?;
    vm.call_method(&seq, "register", &[array_type(vm)])?;
    Ok(())
}
