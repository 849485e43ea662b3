//! `str` (CPython's `Objects/unicodeobject.c`): PEP 393 storage (each string
//! in the narrowest of ASCII, Latin-1, UCS-2 or UCS-4), so indexing is O(1)
//! and lone surrogates are representable; hashes are cached and CPython's
//! (SipHash-1-3 of the same bytes), and a UTF-8 copy of non-ASCII strings is
//! cached for the Rust side. The method set lives in `str_methods.rs`.

use std::cell::{Cell, OnceCell};

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::vm::{PyResult, Vm};

pub(crate) use super::str_methods as methods;

/// The code points of a string, in the narrowest representation that holds them.
#[derive(Clone)]
pub enum StrRepr {
    Ascii(Box<str>),
    Latin1(Box<[u8]>),
    Ucs2(Box<[u16]>),
    Ucs4(Box<[u32]>),
}

pub struct StrData {
    repr: StrRepr,
    hash: Cell<i64>,
    pub interned: Cell<bool>,
    utf8: OnceCell<Option<Box<str>>>,
}

impl PyPayload for StrData {
    fn heap_size(&self) -> usize {
        match &self.repr {
            StrRepr::Ascii(s) => s.len() + 1,
            StrRepr::Latin1(b) => b.len() + 1,
            StrRepr::Ucs2(u) => (u.len() + 1) * 2,
            StrRepr::Ucs4(u) => (u.len() + 1) * 4,
        }
    }
}

impl StrData {
    pub fn from_repr(repr: StrRepr) -> StrData {
        StrData { repr, hash: Cell::new(-1), interned: Cell::new(false), utf8: OnceCell::new() }
    }

    pub fn from_text(s: &str) -> StrData {
        if s.is_ascii() {
            return StrData::from_repr(StrRepr::Ascii(s.into()));
        }
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let d = StrData::from_code_points(&cps);
        let _ = d.utf8.set(Some(s.into()));
        d
    }

    pub fn from_string(s: String) -> StrData {
        if s.is_ascii() {
            return StrData::from_repr(StrRepr::Ascii(s.into_boxed_str()));
        }
        StrData::from_text(&s)
    }

    /// From code points (lone surrogates allowed).
    pub fn from_code_points(cps: &[u32]) -> StrData {
        let max = cps.iter().copied().max().unwrap_or(0);
        let repr = if max < 0x80 {
            StrRepr::Ascii(cps.iter().map(|&c| c as u8 as char).collect::<String>().into_boxed_str())
        } else if max < 0x100 {
            StrRepr::Latin1(cps.iter().map(|&c| c as u8).collect())
        } else if max < 0x10000 {
            StrRepr::Ucs2(cps.iter().map(|&c| c as u16).collect())
        } else {
            StrRepr::Ucs4(cps.into())
        };
        StrData::from_repr(repr)
    }

    pub fn repr(&self) -> &StrRepr {
        &self.repr
    }

    /// `len(s)`: code points.
    pub fn len(&self) -> usize {
        match &self.repr {
            StrRepr::Ascii(s) => s.len(),
            StrRepr::Latin1(b) => b.len(),
            StrRepr::Ucs2(b) => b.len(),
            StrRepr::Ucs4(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `i` (which must be in range).
    #[inline]
    pub fn char_at(&self, i: usize) -> u32 {
        match &self.repr {
            StrRepr::Ascii(s) => s.as_bytes()[i] as u32,
            StrRepr::Latin1(b) => b[i] as u32,
            StrRepr::Ucs2(b) => b[i] as u32,
            StrRepr::Ucs4(b) => b[i],
        }
    }

    pub fn is_ascii(&self) -> bool {
        matches!(self.repr, StrRepr::Ascii(_))
    }

    /// The largest code point (0 for the empty string).
    pub fn max_char(&self) -> u32 {
        match &self.repr {
            StrRepr::Ascii(s) => s.bytes().max().unwrap_or(0) as u32,
            StrRepr::Latin1(b) => b.iter().copied().max().unwrap_or(0) as u32,
            StrRepr::Ucs2(b) => b.iter().copied().max().unwrap_or(0) as u32,
            StrRepr::Ucs4(b) => b.iter().copied().max().unwrap_or(0),
        }
    }

    /// The text as UTF-8, unless it holds a lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        match &self.repr {
            StrRepr::Ascii(s) => Some(s),
            _ => self
                .utf8
                .get_or_init(|| {
                    let mut out = String::with_capacity(self.len() * 2);
                    for c in self.code_points() {
                        out.push(char::from_u32(c)?);
                    }
                    Some(out.into_boxed_str())
                })
                .as_deref(),
        }
    }

    /// The text as UTF-8, lone surrogates replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> std::borrow::Cow<'_, str> {
        match self.as_str() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => {
                std::borrow::Cow::Owned(self.code_points().map(|c| char::from_u32(c).unwrap_or('\u{fffd}')).collect())
            }
        }
    }

    /// The text as UTF-8, a lone surrogate written as its `\uXXXX` escape
    /// (what a stream with the backslashreplace handler writes).
    pub fn to_string_escaped(&self) -> std::borrow::Cow<'_, str> {
        match self.as_str() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(
                self.code_points()
                    .map(|c| char::from_u32(c).map_or_else(|| format!("\\u{c:04x}"), String::from))
                    .collect(),
            ),
        }
    }

    /// The file-system path the text names (CPython's `PyUnicode_EncodeFSDefault`:
    /// UTF-8, U+DC80..U+DCFF back to the bytes surrogateescape made of them);
    /// None for a text no path can have (another lone surrogate, a NUL).
    pub fn to_fs_path(&self) -> Option<std::path::PathBuf> {
        use std::os::unix::ffi::OsStringExt;
        let mut bytes = Vec::with_capacity(self.len());
        for c in self.code_points() {
            match char::from_u32(c) {
                Some('\0') => return None,
                Some(ch) => bytes.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes()),
                None if (0xdc80..=0xdcff).contains(&c) => bytes.push((c - 0xdc00) as u8),
                None => return None,
            }
        }
        Some(std::ffi::OsString::from_vec(bytes).into())
    }

    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints { s: self, i: 0, n: self.len() }
    }

    pub fn to_code_points(&self) -> Vec<u32> {
        self.code_points().collect()
    }

    /// The raw bytes CPython hashes: the PEP 393 buffer (little-endian units).
    fn hash_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.repr {
            StrRepr::Ascii(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
            StrRepr::Latin1(b) => std::borrow::Cow::Borrowed(b),
            StrRepr::Ucs2(b) => std::borrow::Cow::Owned(b.iter().flat_map(|u| u.to_le_bytes()).collect()),
            StrRepr::Ucs4(b) => std::borrow::Cow::Owned(b.iter().flat_map(|u| u.to_le_bytes()).collect()),
        }
    }

    /// `hash(s)`, computed once.
    pub fn hash(&self, key: (u64, u64)) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = crate::hash::hash_bytes(key, &self.hash_bytes());
        self.hash.set(h);
        h
    }

    /// Code point equality.
    pub fn eq_data(&self, other: &StrData) -> bool {
        if self.len() != other.len() {
            return false;
        }
        match (&self.repr, &other.repr) {
            (StrRepr::Ascii(a), StrRepr::Ascii(b)) => a == b,
            (StrRepr::Latin1(a), StrRepr::Latin1(b)) => a == b,
            (StrRepr::Ucs2(a), StrRepr::Ucs2(b)) => a == b,
            (StrRepr::Ucs4(a), StrRepr::Ucs4(b)) => a == b,
            // Strings are stored in their narrowest form, so different
            // representations never hold equal text.
            _ => false,
        }
    }

    /// The code points as bytes when all are below 256 (CPython's 1-byte kind).
    #[inline]
    pub fn latin1_bytes(&self) -> Option<&[u8]> {
        match &self.repr {
            StrRepr::Ascii(s) => Some(s.as_bytes()),
            StrRepr::Latin1(b) => Some(b),
            _ => None,
        }
    }

    /// Code point order (`<`).
    pub fn cmp_data(&self, other: &StrData) -> std::cmp::Ordering {
        if let (StrRepr::Ascii(a), StrRepr::Ascii(b)) = (&self.repr, &other.repr) {
            return a.cmp(b);
        }
        self.code_points().cmp(other.code_points())
    }

    /// The substring of code points `start..end`.
    pub fn substring(&self, start: usize, end: usize) -> StrData {
        match &self.repr {
            StrRepr::Ascii(s) => StrData::from_repr(StrRepr::Ascii(s[start..end].into())),
            _ => {
                let cps: Vec<u32> = (start..end).map(|i| self.char_at(i)).collect();
                StrData::from_code_points(&cps)
            }
        }
    }
}

#[derive(Clone)]
pub struct CodePoints<'a> {
    s: &'a StrData,
    i: usize,
    n: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.i < self.n {
            let c = self.s.char_at(self.i);
            self.i += 1;
            Some(c)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.n - self.i, Some(self.n - self.i))
    }
}

impl ExactSizeIterator for CodePoints<'_> {}

impl DoubleEndedIterator for CodePoints<'_> {
    fn next_back(&mut self) -> Option<u32> {
        if self.i < self.n {
            self.n -= 1;
            Some(self.s.char_at(self.n))
        } else {
            None
        }
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<StrData>(
        "str",
        std::mem::size_of::<PyCell<StrData>>(),
        false,
        flags::BASETYPE | flags::UNICODE_SUBCLASS | flags::IMMUTABLETYPE | flags::MATCH_SELF,
    );
    t.doc = Some("str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nCreate a new string object from the given object. If encoding or\nerrors is specified, then the object must expose a data buffer\nthat will be decoded using the given encoding and error handler.\nOtherwise, returns the result of object.__str__() (if defined)\nor repr(object).\nencoding defaults to sys.getdefaultencoding().\nerrors defaults to 'strict'.");
    t.slots.repr.set(Some(str_repr));
    t.slots.str.set(Some(str_str));
    t.slots.hash.set(Some(str_hash));
    t.slots.richcompare.set(Some(str_richcompare));
    t.slots.iter.set(Some(crate::objects::iter::str_iter));
    t.slots.sq_length.set(Some(str_len));
    t.slots.sq_contains.set(Some(str_contains));
    t.slots.mp_subscript.set(Some(str_subscript));
    t.slots.sq_concat.set(Some(str_add));
    t.slots.sq_repeat.set(Some(str_repeat));
    t.slots.nb_binary[NbOp::Remainder as usize].set(Some(str_mod));
    t.slots.new.set(Some(str_new));
    t.mark_leaf::<StrData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    methods::setup(vm);
}

/// Allocate a str object (the type must be `str` or a subclass).
pub(crate) fn alloc_str(ty: &Obj, data: StrData) -> Obj {
    alloc_object(ty, data)
}

/// The payload of a str object.
#[inline]
pub fn data(o: &Obj) -> Option<&StrData> {
    o.payload::<StrData>()
}

/// `&str` of a str object (None for non-str or strings with lone surrogates).
#[inline]
pub fn as_str(o: &Obj) -> Option<&str> {
    data(o).and_then(StrData::as_str)
}

/// The text of a str object, lossily (for messages).
pub fn as_str_lossy(o: &Obj) -> std::borrow::Cow<'_, str> {
    match data(o) {
        Some(d) => d.to_string_lossy(),
        None => std::borrow::Cow::Borrowed("<non-str>"),
    }
}

pub fn len(o: &Obj) -> usize {
    data(o).map_or(0, StrData::len)
}

fn str_of(o: &Obj) -> &StrData {
    data(o).expect("a str object")
}

impl Vm {
    /// A new str object.
    pub fn new_str(&self, s: &str) -> Obj {
        if s.is_empty() {
            return self.ctx.empty_str.clone();
        }
        if s.len() == 1 {
            return self.ctx.latin1_chars[s.as_bytes()[0] as usize].clone();
        }
        alloc_str(&self.ctx.types.str, StrData::from_text(s))
    }

    pub fn new_str_from_string(&self, s: String) -> Obj {
        if s.len() <= 1 {
            return self.new_str(&s);
        }
        alloc_str(&self.ctx.types.str, StrData::from_string(s))
    }

    pub fn new_str_data(&self, d: StrData) -> Obj {
        match d.len() {
            0 => self.ctx.empty_str.clone(),
            1 if d.char_at(0) < 256 => self.ctx.latin1_chars[d.char_at(0) as usize].clone(),
            _ => alloc_str(&self.ctx.types.str, d),
        }
    }

    pub fn new_str_from_code_points(&self, cps: &[u32]) -> Obj {
        self.new_str_data(StrData::from_code_points(cps))
    }

    /// The interned str object with this text (`sys.intern`).
    pub fn intern(&self, s: &str) -> Obj {
        if let Some(o) = self.ctx.intern_cache.get(s) {
            return o;
        }
        let o = self.intern_uncached(s);
        self.ctx.intern_cache.set(s, &o);
        o
    }

    fn intern_uncached(&self, s: &str) -> Obj {
        if let Some(k) = self.ctx.interned.borrow().get(s) {
            return k.0.clone();
        }
        let o = alloc_str(&self.ctx.types.str, StrData::from_text(s));
        str_of(&o).interned.set(true);
        crate::object::make_immortal(&o);
        self.ctx.interned.borrow_mut().insert(InternKey(o.clone()));
        o
    }

    /// Intern a str object (returns the canonical object for its text).
    pub fn intern_obj(&self, o: &Obj) -> Obj {
        let d = str_of(o);
        if d.interned.get() {
            return o.clone();
        }
        let Some(s) = d.as_str().filter(|_| o.class_obj().is(&self.ctx.types.str)) else { return o.clone() };
        if let Some(canonical) = self.ctx.interned.borrow().get(s) {
            return canonical.0.clone();
        }
        // The first str interned with this text becomes the canonical one
        // (`sys.intern(s) is s`, as CPython).
        d.interned.set(true);
        crate::object::make_immortal(o);
        self.ctx.interned.borrow_mut().insert(InternKey(o.clone()));
        o.clone()
    }
}

/// A direct-mapped cache in front of the interned table, keyed by the
/// address of the Rust text: a hit costs a compare of the text instead of
/// hashing it. Entries are interned (immortal) strs, so the raw pointers
/// stay valid; the text is compared on every hit, since a non-static `&str`
/// may later hold other text at the same address.
pub(crate) struct InternCache([Cell<(usize, *mut crate::object::PyObject)>; INTERN_CACHE_SIZE]);

const INTERN_CACHE_SIZE: usize = 64;

impl Default for InternCache {
    fn default() -> Self {
        InternCache(std::array::from_fn(|_| Cell::new((0, std::ptr::null_mut()))))
    }
}

impl InternCache {
    fn slot(&self, s: &str) -> &Cell<(usize, *mut crate::object::PyObject)> {
        let a = s.as_ptr() as usize;
        &self.0[((a >> 3) ^ (a >> 9) ^ s.len()) % INTERN_CACHE_SIZE]
    }

    #[inline]
    fn get(&self, s: &str) -> Option<Obj> {
        let (addr, p) = self.slot(s).get();
        let p = std::ptr::NonNull::new(p).filter(|_| addr == s.as_ptr() as usize)?;
        // SAFETY: cached objects are interned strs, immortal (see above).
        let o = unsafe { Obj::from_borrowed_ptr(p) };
        (as_str(&o) == Some(s)).then_some(o)
    }

    fn set(&self, s: &str, o: &Obj) {
        self.slot(s).set((s.as_ptr() as usize, o.as_ptr()));
    }
}

/// An interned str in the interpreter's table, found by its text: the
/// table keeps no copy of the text besides the object's own.
pub struct InternKey(Obj);

impl InternKey {
    fn text(&self) -> &str {
        // Interned objects are made from Rust text, so they have one.
        as_str(&self.0).unwrap_or_default()
    }
}

impl std::borrow::Borrow<str> for InternKey {
    fn borrow(&self) -> &str {
        self.text()
    }
}

impl std::hash::Hash for InternKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text().hash(state)
    }
}

impl PartialEq for InternKey {
    fn eq(&self, other: &InternKey) -> bool {
        self.text() == other.text()
    }
}

impl Eq for InternKey {}

fn str_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = str_of(o);
    Ok(vm.new_str_from_string(taipan_syntax::literal::repr_code_points(d.code_points())))
}

fn str_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if o.class_obj().is(&vm.ctx.types.str) {
        return Ok(o.clone());
    }
    Ok(vm.new_str_data(StrData::from_repr(str_of(o).repr.clone())))
}

fn str_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    Ok(str_of(o).hash(vm.ctx.hash_key))
}

/// `a == b` for two str objects.
#[inline]
pub(crate) fn str_eq(a: &Obj, b: &Obj) -> bool {
    a.is(b) || str_of(a).eq_data(str_of(b))
}

fn str_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(bd) = data(b) else { return Ok(vm.not_implemented()) };
    let ad = str_of(a);
    let r = match op {
        CompareOp::Eq => a.is(b) || ad.eq_data(bd),
        CompareOp::Ne => !(a.is(b) || ad.eq_data(bd)),
        CompareOp::Lt => ad.cmp_data(bd).is_lt(),
        CompareOp::Le => ad.cmp_data(bd).is_le(),
        CompareOp::Gt => ad.cmp_data(bd).is_gt(),
        CompareOp::Ge => ad.cmp_data(bd).is_ge(),
    };
    Ok(vm.bool_obj(r))
}

fn str_len(_vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(str_of(o).len())
}

fn str_contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    let Some(needle) = data(item) else {
        return Err(
            vm.type_error(format!("'in <string>' requires string as left operand, not {}", item.class().name()))
        );
    };
    Ok(methods::find(str_of(o), needle, 0, str_of(o).len()).is_some())
}

/// Concatenate two strings.
pub(crate) fn concat(vm: &Vm, a: &StrData, b: &StrData) -> PyResult<Obj> {
    match concat_data(&[a, b]) {
        Some(d) => Ok(vm.new_str_data(d)),
        None => Err(vm.memory_error()),
    }
}

/// The width class of a representation (PEP 393's kinds, ASCII apart).
fn kind_rank(r: &StrRepr) -> u8 {
    match r {
        StrRepr::Ascii(_) => 0,
        StrRepr::Latin1(_) => 1,
        StrRepr::Ucs2(_) => 2,
        StrRepr::Ucs4(_) => 3,
    }
}

/// The concatenation of `parts` (CPython's `_PyUnicode_JoinArray`): the
/// result takes the widest part's representation (which is then the
/// narrowest that holds it, as every part is in its narrowest one) and each
/// part is copied once, widened as needed. None if the memory cannot be had.
pub(crate) fn concat_data(parts: &[&StrData]) -> Option<StrData> {
    let total = parts.iter().try_fold(0usize, |t, p| t.checked_add(p.len()))?;
    let rank = parts.iter().map(|p| kind_rank(&p.repr)).max().unwrap_or(0);
    let repr = match rank {
        0 => {
            let mut out = String::new();
            out.try_reserve_exact(total).ok()?;
            for p in parts {
                if let StrRepr::Ascii(x) = &p.repr {
                    out.push_str(x);
                }
            }
            StrRepr::Ascii(out.into_boxed_str())
        }
        1 => {
            let mut out: Vec<u8> = Vec::new();
            out.try_reserve_exact(total).ok()?;
            for p in parts {
                match &p.repr {
                    StrRepr::Ascii(x) => out.extend_from_slice(x.as_bytes()),
                    StrRepr::Latin1(x) => out.extend_from_slice(x),
                    _ => {}
                }
            }
            StrRepr::Latin1(out.into_boxed_slice())
        }
        2 => {
            let mut out: Vec<u16> = Vec::new();
            out.try_reserve_exact(total).ok()?;
            for p in parts {
                match &p.repr {
                    StrRepr::Ascii(x) => out.extend(x.bytes().map(u16::from)),
                    StrRepr::Latin1(x) => out.extend(x.iter().map(|&c| u16::from(c))),
                    StrRepr::Ucs2(x) => out.extend_from_slice(x),
                    StrRepr::Ucs4(_) => {}
                }
            }
            StrRepr::Ucs2(out.into_boxed_slice())
        }
        _ => {
            let mut out: Vec<u32> = Vec::new();
            out.try_reserve_exact(total).ok()?;
            for p in parts {
                match &p.repr {
                    StrRepr::Ascii(x) => out.extend(x.bytes().map(u32::from)),
                    StrRepr::Latin1(x) => out.extend(x.iter().map(|&c| u32::from(c))),
                    StrRepr::Ucs2(x) => out.extend(x.iter().map(|&c| u32::from(c))),
                    StrRepr::Ucs4(x) => out.extend_from_slice(x),
                }
            }
            StrRepr::Ucs4(out.into_boxed_slice())
        }
    };
    Some(StrData::from_repr(repr))
}

fn str_add(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let ad = str_of(a);
    let Some(bd) = data(b) else {
        return Err(vm.type_error(format!("can only concatenate str (not \"{}\") to str", b.class().name())));
    };
    if bd.is_empty() && a.class_obj().is(&vm.ctx.types.str) {
        return Ok(a.clone());
    }
    if ad.is_empty() && b.class_obj().is(&vm.ctx.types.str) {
        return Ok(b.clone());
    }
    concat(vm, ad, bd)
}

/// `s * n`.
pub(crate) fn repeat(vm: &Vm, d: &StrData, n: isize) -> PyResult<Obj> {
    if n <= 0 || d.is_empty() {
        return Ok(vm.ctx.empty_str.clone());
    }
    let n = n as usize;
    if d.len().checked_mul(n).is_none_or(|t| t > isize::MAX as usize) {
        return Err(vm.new_exception_msg(&vm.ctx.exceptions.overflow_error, "repeated string is too long"));
    }
    // The result has the width of the operand: build it in that width.
    let repr = match &d.repr {
        StrRepr::Ascii(s) => StrRepr::Ascii(repeat_ascii(vm, s, n)?.into_boxed_str()),
        StrRepr::Latin1(b) => StrRepr::Latin1(repeat_slice(vm, b, n)?.into_boxed_slice()),
        StrRepr::Ucs2(u) => StrRepr::Ucs2(repeat_slice(vm, u, n)?.into_boxed_slice()),
        StrRepr::Ucs4(u) => StrRepr::Ucs4(repeat_slice(vm, u, n)?.into_boxed_slice()),
    };
    Ok(vm.new_str_data(StrData::from_repr(repr)))
}

/// An ASCII `s` repeated `n` times, by doubling (no UTF-8 validation pass).
fn repeat_ascii(vm: &Vm, s: &str, n: usize) -> PyResult<String> {
    let total = s.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
    let mut out = String::new();
    out.try_reserve_exact(total).map_err(|_| vm.memory_error())?;
    out.push_str(s);
    while out.len() < total {
        let take = out.len().min(total - out.len());
        out.extend_from_within(..take);
    }
    Ok(out)
}

/// `items` repeated `n` times, built by doubling (a few large copies), or
/// MemoryError.
pub(crate) fn repeat_slice<T: Copy>(vm: &Vm, items: &[T], n: usize) -> PyResult<Vec<T>> {
    let total = items.len().checked_mul(n).ok_or_else(|| vm.memory_error())?;
    let mut out: Vec<T> = vm.try_vec(total)?;
    if let [x] = items {
        // One item: a fill (a memset for bytes).
        out.resize(total, *x);
        return Ok(out);
    }
    out.extend_from_slice(items);
    while out.len() < total {
        let take = out.len().min(total - out.len());
        out.extend_from_within(..take);
    }
    Ok(out)
}

fn str_repeat(vm: &Vm, a: &Obj, n: isize) -> PyResult<Obj> {
    if n == 1 && a.class_obj().is(&vm.ctx.types.str) {
        return Ok(a.clone());
    }
    repeat(vm, str_of(a), n)
}

fn str_mod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if data(a).is_none() {
        return Ok(vm.not_implemented());
    }
    crate::format::percent_format_str(vm, a, b)
}

fn str_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let d = str_of(o);
    if let Some(sl) = key.payload::<crate::objects::slice::SliceData>() {
        let (start, stop, step) = sl.indices(vm, d.len())?;
        if step == 1 {
            if start >= stop {
                return Ok(vm.ctx.empty_str.clone());
            }
            if start == 0 && stop as usize == d.len() && o.class_obj().is(&vm.ctx.types.str) {
                return Ok(o.clone());
            }
            return Ok(vm.new_str_data(d.substring(start as usize, stop as usize)));
        }
        let cps: Vec<u32> =
            crate::objects::slice::iter_indices(start, stop, step).map(|i| d.char_at(i as usize)).collect();
        return Ok(vm.new_str_from_code_points(&cps));
    }
    if !vm.has_index(key) {
        return Err(vm.type_error(format!("string indices must be integers, not '{}'", key.class().name())));
    }
    let i = vm.subscript_index(key)?;
    let n = d.len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("string index out of range"));
    }
    let c = d.char_at(j as usize);
    Ok(if c < 256 { vm.ctx.latin1_chars[c as usize].clone() } else { vm.new_str_from_code_points(&[c]) })
}

fn str_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "str", args, kwnames, &["object", "encoding", "errors"], 0)?;
    let result = match (&a[0], &a[1], &a[2]) {
        (None, None, None) => vm.ctx.empty_str.clone(),
        (Some(o), None, None) => vm.str(o)?,
        (o, enc, errors) => {
            let o = o.clone().unwrap_or_else(|| vm.ctx.empty_bytes.clone());
            crate::codecs::decode_object(vm, &o, enc.as_ref(), errors.as_ref())?
        }
    };
    if cls.is(&vm.ctx.types.str) {
        return Ok(result);
    }
    Ok(alloc_str(cls, StrData::from_repr(str_of(&result).repr.clone())))
}

/// Builds a str from pieces (ASCII fast path; code points otherwise).
pub(crate) struct Builder {
    ascii: String,
    wide: Option<Vec<u32>>,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder { ascii: String::new(), wide: None }
    }

    fn widen(&mut self) -> &mut Vec<u32> {
        if self.wide.is_none() {
            let v: Vec<u32> = self.ascii.bytes().map(|b| b as u32).collect();
            self.wide = Some(v);
        }
        self.wide.as_mut().expect("wide buffer")
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        if self.wide.is_none() && s.is_ascii() {
            self.ascii.push_str(s);
        } else {
            let w = self.widen();
            w.extend(s.chars().map(|c| c as u32));
        }
    }

    pub(crate) fn push_data(&mut self, d: &StrData) {
        match (&mut self.wide, d.repr()) {
            (None, StrRepr::Ascii(s)) => self.ascii.push_str(s),
            _ => {
                let w = self.widen();
                w.extend(d.code_points());
            }
        }
    }

    /// Append a str object's text.
    pub(crate) fn push_obj(&mut self, o: &Obj) {
        if let Some(d) = data(o) {
            self.push_data(d);
        }
    }

    pub(crate) fn finish(self, vm: &Vm) -> Obj {
        match self.wide {
            // Only ASCII text is ever pushed to `ascii`: no need to scan it again.
            None => vm.new_str_data(StrData::from_repr(StrRepr::Ascii(self.ascii.into_boxed_str()))),
            Some(w) => vm.new_str_from_code_points(&w),
        }
    }
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// Concatenate str objects (`BUILD_STRING`).
pub(crate) fn join_objects(vm: &Vm, parts: &[Obj]) -> Obj {
    // Each part copied once, into the result's final width.
    let datas: Option<Vec<&StrData>> = parts.iter().map(data).collect();
    if let Some(d) = datas.and_then(|ds| concat_data(&ds)) {
        return vm.new_str_data(d);
    }
    let mut b = Builder::new();
    for p in parts {
        b.push_obj(p);
    }
    b.finish(vm)
}
