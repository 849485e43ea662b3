//! `bytearray` (CPython's `Objects/bytearrayobject.c`). Most methods are
//! shared with `bytes` (`bytes_methods.rs`).

use std::cell::{Cell, UnsafeCell};

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::{bytes, slice, str as pystr};
use crate::vm::{PyResult, Vm};

pub(crate) struct ByteArrayData {
    data: UnsafeCell<Vec<u8>>,
    /// CPython's `ob_alloc` and `ob_start - ob_bytes`, kept by the same
    /// rules as `PyByteArray_Resize` so `__alloc__` and `__sizeof__` agree.
    alloc: Cell<usize>,
    offset: Cell<usize>,
    /// Live memoryviews of this array (CPython's `ob_exports`): while there
    /// are any, the array cannot change size.
    exports: Cell<usize>,
}
impl PyPayload for ByteArrayData {}

// SAFETY (for the accessors below): each borrows the vector for its own
// duration and runs no Python code meanwhile.
impl ByteArrayData {
    pub(crate) fn new(v: Vec<u8>) -> ByteArrayData {
        let alloc = if v.is_empty() { 0 } else { v.len() + 1 };
        ByteArrayData { data: UnsafeCell::new(v), alloc: Cell::new(alloc), offset: Cell::new(0), exports: Cell::new(0) }
    }

    #[allow(clippy::mut_from_ref)]
    fn vec(&self) -> &mut Vec<u8> {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.data.get() }
    }

    pub(crate) fn len(&self) -> usize {
        self.vec().len()
    }

    pub(crate) fn to_vec(&self) -> Vec<u8> {
        self.vec().clone()
    }

    pub(crate) fn get(&self, i: usize) -> Option<u8> {
        self.vec().get(i).copied()
    }

    pub(crate) fn set(&self, i: usize, b: u8) {
        self.vec()[i] = b;
    }

    pub(crate) fn add_export(&self) {
        self.exports.set(self.exports.get() + 1);
    }

    pub(crate) fn remove_export(&self) {
        self.exports.set(self.exports.get().saturating_sub(1));
    }

    /// May the array become `new_len` long? (Not while exported, unless the
    /// size stays the same.)
    pub(crate) fn can_resize(&self, new_len: usize) -> bool {
        new_len == self.len() || self.exports.get() == 0
    }

    /// `ob_alloc`.
    pub(crate) fn alloc(&self) -> usize {
        self.alloc.get()
    }

    /// The allocation bookkeeping of `PyByteArray_Resize(self, size)`.
    fn account_resize(&self, size: usize) {
        if size == self.len() {
            return;
        }
        let alloc = self.alloc.get();
        let off = self.offset.get();
        if size + off < alloc {
            if size < alloc / 2 {
                self.alloc.set(size + 1);
                self.offset.set(0);
            }
            return;
        }
        let new = if (size as f64) <= alloc as f64 * 1.125 {
            size + (size >> 3) + if size < 9 { 3 } else { 6 }
        } else {
            size + 1
        };
        self.alloc.set(new);
        self.offset.set(0);
    }

    /// `append`.
    pub(crate) fn push(&self, b: u8) {
        self.account_resize(self.len() + 1);
        self.vec().push(b)
    }

    /// `extend` with bytes (a slice assignment at the end). Callers that take
    /// a size from user data check `can_grow` first.
    pub(crate) fn extend(&self, b: &[u8]) {
        if !b.is_empty() {
            self.account_resize(self.len() + b.len());
        }
        self.vec().extend_from_slice(b)
    }

    /// Can the array grow by `n` bytes?
    pub(crate) fn can_grow(&self, n: usize) -> bool {
        self.vec().try_reserve(n).is_ok()
    }

    /// `+=`.
    pub(crate) fn iconcat(&self, b: &[u8]) {
        self.account_resize(self.len() + b.len());
        self.vec().extend_from_slice(b)
    }

    /// `*=`.
    /// `*=`; false (and nothing changed) if the memory cannot be had.
    pub(crate) fn irepeat(&self, n: usize) -> bool {
        let v = self.vec();
        let total = v.len() * n;
        if total > v.len() && v.try_reserve_exact(total - v.len()).is_err() {
            return false;
        }
        self.account_resize(total);
        if total == 0 {
            v.clear();
        }
        // Doubling: a few large copies.
        while v.len() < total {
            let take = v.len().min(total - v.len());
            v.extend_from_within(..take);
        }
        true
    }

    /// `insert`.
    pub(crate) fn insert(&self, at: usize, b: u8) {
        self.account_resize(self.len() + 1);
        self.vec().insert(at, b)
    }

    /// `pop` / `remove` / `del b[i]`-like removal of one byte.
    pub(crate) fn remove_at(&self, i: usize) -> u8 {
        self.account_resize(self.len() - 1);
        self.vec().remove(i)
    }

    /// Every byte dropped (`clear`, re-`__init__`).
    pub(crate) fn clear(&self) {
        self.account_resize(0);
        self.vec().clear()
    }

    /// One byte appended by `bytearray.__init__` from an iterator (it grows
    /// the buffer only when full, unlike `append`).
    pub(crate) fn init_push(&self, b: u8) {
        if self.len() + 1 < self.alloc.get() {
            self.vec().push(b);
        } else {
            self.push(b);
        }
    }

    /// `self[start:stop] = new` (CPython's `bytearray_setslice_linear`).
    pub(crate) fn splice(&self, start: usize, stop: usize, new: &[u8]) {
        let growth = new.len() as isize - (stop - start) as isize;
        let n = self.len() as isize;
        if growth < 0 {
            if start == 0 {
                self.offset.set(self.offset.get() + (-growth) as usize);
            }
            self.account_resize((n + growth) as usize);
        } else if growth > 0 {
            self.account_resize((n + growth) as usize);
        }
        self.vec().splice(start..stop, new.iter().copied());
    }

    /// Delete the bytes at the given sorted indices (extended slice deletion).
    pub(crate) fn delete_sorted(&self, idx: &[usize]) {
        if idx.is_empty() {
            return;
        }
        self.account_resize(self.len() - idx.len());
        let v = self.vec();
        let mut k = 0;
        let mut out = Vec::with_capacity(v.len() - idx.len());
        for (i, b) in v.iter().enumerate() {
            if k < idx.len() && idx[k] == i {
                k += 1;
            } else {
                out.push(*b);
            }
        }
        *v = out;
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        f(self.vec())
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<ByteArrayData>(
        "bytearray",
        std::mem::size_of::<PyCell<ByteArrayData>>(),
        false,
        flags::BASETYPE | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the buffer API.\n  - an integer");
    let s = &t.slots;
    s.repr.set(Some(bytearray_repr));
    s.str.set(Some(bytearray_repr));
    s.hash.set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    s.richcompare.set(Some(bytearray_richcompare));
    s.iter.set(Some(crate::objects::iter::bytearray_iter));
    s.sq_length.set(Some(|_, o| Ok(ba(o).len())));
    s.sq_contains.set(Some(bytes::methods::contains));
    s.sq_concat.set(Some(bytearray_concat));
    s.sq_repeat.set(Some(bytearray_repeat));
    s.sq_inplace_concat.set(Some(bytearray_iconcat));
    s.sq_inplace_repeat.set(Some(bytearray_irepeat));
    s.mp_subscript.set(Some(bytearray_subscript));
    s.mp_ass_subscript.set(Some(bytearray_ass_subscript));
    s.nb_binary[crate::object::typeobj::NbOp::Remainder as usize].set(Some(bytes::methods::bytes_mod));
    s.new.set(Some(|_vm, cls, _a, _k| Ok(alloc_object(cls, ByteArrayData::new(Vec::new())))));
    s.init.set(Some(bytearray_init));
    t
}

pub(crate) fn setup(_vm: &Vm) {}

pub(crate) fn data(o: &Obj) -> Option<&ByteArrayData> {
    o.payload::<ByteArrayData>()
}

fn ba(o: &Obj) -> &ByteArrayData {
    data(o).expect("bytearray")
}

/// CPython's `_canresize`: BufferError while memoryviews of the array exist.
pub(crate) fn check_resize(vm: &Vm, d: &ByteArrayData, new_len: usize) -> PyResult<()> {
    if !d.can_resize(new_len) {
        return Err(vm.new_exception_msg(
            &vm.ctx.exceptions.buffer_error,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    // Growing: the memory must be there (MemoryError, not an abort).
    if !d.can_grow(new_len.saturating_sub(d.len())) {
        return Err(vm.memory_error());
    }
    Ok(())
}

pub(crate) fn byte_at(o: &Obj, i: usize) -> Option<u8> {
    data(o).and_then(|d| d.get(i))
}

impl Vm {
    pub fn new_bytearray(&self, v: Vec<u8>) -> Obj {
        alloc_object(&self.ctx.types.bytearray, ByteArrayData::new(v))
    }
}

fn bytearray_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    // CPython's bytearray repr escapes a single quote even inside double quotes.
    let d = ba(o).to_vec();
    let quote = if d.contains(&b'\'') && !d.contains(&b'"') { '"' } else { '\'' };
    let mut r = String::with_capacity(d.len() + 3);
    r.push('b');
    r.push(quote);
    for &c in &d {
        match c {
            b'\'' | b'\\' => {
                r.push('\\');
                r.push(c as char);
            }
            b'\t' => r.push_str("\\t"),
            b'\n' => r.push_str("\\n"),
            b'\r' => r.push_str("\\r"),
            0x20..=0x7e => r.push(c as char),
            _ => r.push_str(&format!("\\x{c:02x}")),
        }
    }
    r.push(quote);
    let name = o.class().name().to_string();
    Ok(vm.new_str_from_string(format!("{name}({r})")))
}

fn bytearray_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(bb) = bytes::as_bytes(b) else { return Ok(vm.not_implemented()) };
    let ord = ba(a).to_vec().cmp(&bb);
    Ok(vm.bool_obj(crate::objects::int::ordering_matches(ord, op)))
}

fn bytearray_concat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(bb) = bytes::as_bytes(b) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.class().name(), a.class().name())));
    };
    let mut v = ba(a).to_vec();
    v.extend_from_slice(&bb);
    Ok(vm.new_bytearray(v))
}

fn bytearray_iconcat(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(bb) = bytes::as_bytes(b) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.class().name(), a.class().name())));
    };
    check_resize(vm, ba(a), ba(a).len() + bb.len())?;
    ba(a).iconcat(&bb);
    Ok(a.clone())
}

fn bytearray_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let d = ba(a).to_vec();
    if n <= 0 || d.is_empty() {
        return Ok(vm.new_bytearray(Vec::new()));
    }
    if d.len().checked_mul(n as usize).is_none_or(|t| t > isize::MAX as usize / 2) {
        return Err(vm.memory_error());
    }
    Ok(vm.new_bytearray(crate::objects::str::repeat_slice(vm, &d, n as usize)?))
}

fn bytearray_irepeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    let d = ba(a);
    let n = n.max(0) as usize;
    if d.len().checked_mul(n).is_none_or(|t| t > isize::MAX as usize / 2) {
        return Err(vm.memory_error());
    }
    check_resize(vm, d, d.len() * n)?;
    if !d.irepeat(n) {
        return Err(vm.memory_error());
    }
    Ok(a.clone())
}

/// CPython's `PyNumber_Check`.
fn is_number(vm: &Vm, v: &Obj) -> bool {
    let s = &v.class().slots;
    vm.has_index(v)
        || s.nb_int.get().is_some()
        || s.nb_float.get().is_some()
        || v.payload::<crate::objects::complex::ComplexData>().is_some()
}

fn bytearray_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    if let Some(sl) = key.payload::<slice::SliceData>() {
        let d = ba(o).to_vec();
        let (start, stop, step) = sl.indices(vm, d.len())?;
        let v: Vec<u8> = slice::iter_indices(start, stop, step).map(|i| d[i as usize]).collect();
        return Ok(vm.new_bytearray(v));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("bytearray indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let d = ba(o);
    let n = d.len() as isize;
    let j = if i < 0 { i + n } else { i };
    match d.get(j.max(0) as usize) {
        Some(b) if j >= 0 => Ok(vm.new_int(b as i64)),
        _ => Err(vm.index_error("bytearray index out of range")),
    }
}

fn bytearray_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let d = ba(o);
    if let Some(sl) = key.payload::<slice::SliceData>() {
        let new: Option<Vec<u8>> = match value {
            None => None,
            Some(v) if v.is(o) => Some(d.to_vec()),
            Some(v) => {
                if let Some(b) = bytes::as_bytes(v) {
                    Some(b)
                } else if is_number(vm, v) || crate::objects::str::data(v).is_some() {
                    return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                } else {
                    Some(bytes::bytes_from_source(vm, v, "bytearray")?)
                }
            }
        };
        let (start, stop, step) = sl.indices(vm, d.len())?;
        let n = d.len() as isize;
        if step == 1 {
            let s = start.clamp(0, n) as usize;
            let e = (stop.clamp(0, n) as usize).max(s);
            let new = new.unwrap_or_default();
            check_resize(vm, d, d.len() - (e - s) + new.len())?;
            d.splice(s, e, &new);
            return Ok(());
        }
        let idx: Vec<usize> = slice::iter_indices(start, stop, step).map(|i| i as usize).collect();
        // Assigning nothing to an extended slice deletes it, as CPython.
        let new = new.filter(|v| !v.is_empty());
        match new {
            None => {
                let mut sorted = idx;
                sorted.sort_unstable();
                check_resize(vm, d, d.len() - sorted.len())?;
                d.delete_sorted(&sorted);
            }
            Some(items) => {
                if items.len() != idx.len() {
                    return Err(vm.value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        items.len(),
                        idx.len()
                    )));
                }
                for (i, b) in idx.into_iter().zip(items) {
                    d.set(i, b);
                }
            }
        }
        return Ok(());
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("bytearray indices must be integers or slices, not {}", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let value = match value {
        Some(v) => Some(bytes::byte_value(vm, v)?),
        None => None,
    };
    let n = d.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("bytearray index out of range"));
    }
    match value {
        Some(b) => d.set(j as usize, b),
        None => {
            check_resize(vm, d, d.len() - 1)?;
            d.splice(j as usize, j as usize + 1, &[])
        }
    }
    Ok(())
}

fn bytearray_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let a = crate::args::parse(vm, "bytearray", args, kwnames, &["source", "encoding", "errors"], 0)?;
    bytes::check_text_args(vm, "bytearray", &a)?;
    let d = ba(o);
    // CPython empties the array first, whatever follows.
    check_resize(vm, d, 0)?;
    d.clear();
    let fill = |v: &[u8]| -> PyResult<()> {
        check_resize(vm, d, v.len())?;
        d.extend(v);
        Ok(())
    };
    match (&a[0], &a[1], &a[2]) {
        (None, None, None) => Ok(()),
        (Some(s), Some(e), errors) if pystr::data(s).is_some() => {
            fill(&crate::codecs::encode_to_vec_named(vm, "bytearray", s, Some(e), errors.as_ref())?)
        }
        (Some(s), None, _) if pystr::data(s).is_some() => Err(vm.type_error("string argument without an encoding")),
        (_, Some(_), _) => Err(vm.type_error("encoding without a string argument")),
        (_, None, Some(_)) => Err(vm.type_error("errors without a string argument")),
        (Some(x), None, None) => {
            if bytes::as_bytes(x).is_some()
                || vm.has_index(x)
                || x.type_is(&vm.ctx.types.list)
                || x.type_is(&vm.ctx.types.tuple)
            {
                return fill(&bytes::bytes_from_source(vm, x, "bytearray")?);
            }
            // Any other iterable: append as the items come (the array is
            // visible, growing, while the iterator runs).
            let it = match vm.iter(x) {
                Ok(it) => it,
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                    return Err(vm.type_error(format!("cannot convert '{}' object to bytearray", x.class().name())))
                }
                Err(e) => return Err(e),
            };
            while let Some(v) = vm.next(&it)? {
                let b = bytes::byte_value(vm, &v)?;
                check_resize(vm, d, d.len() + 1)?;
                d.init_push(b);
            }
            Ok(())
        }
    }
}
