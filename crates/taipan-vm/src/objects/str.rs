//! `str` (CPython's `Objects/unicodeobject.c`): PEP 393 storage (each string
//! in the narrowest of ASCII, Latin-1, UCS-2 or UCS-4), so indexing is O(1)
//! and lone surrogates are representable; hashes are cached and CPython's
//! (SipHash-1-3 of the same bytes), and a UTF-8 copy of non-ASCII strings is
//! cached for the Rust side. The method set lives in `str_methods.rs`.

use std::cell::{Cell, OnceCell, RefCell};

use crate::object::text_buf::TextBuf;
use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::vm::{PyResult, Vm};

pub(crate) use super::str_methods as methods;

/// The code points of a string, in the narrowest representation that
/// holds them: a view of a str's storage (`StrData::repr`).
#[derive(Clone, Copy)]
pub enum StrRepr<'a> {
    Ascii(&'a str),
    Latin1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

/// ASCII strings up to this long live inside the object (CPython keeps
/// every string's characters in the object's own block): no second
/// allocation to make and free, at no cost in size, as the inline form
/// fits in the room the boxed forms take.
const INLINE_MAX: usize = 22;

/// Where a str's characters are.
#[derive(Clone)]
enum Storage {
    /// Short ASCII text: only ASCII is ever stored here, and the bytes
    /// past `len` are zero (`inline`, `build_ascii`), so equal texts have
    /// equal buffers.
    Inline {
        len: u8,
        bytes: [u8; INLINE_MAX],
    },
    /// Longer ASCII text (always valid UTF-8: every constructor checks it
    /// or copies it from a Rust `str`).
    Ascii(TextBuf<u8>),
    Latin1(TextBuf<u8>),
    Ucs2(TextBuf<u16>),
    Ucs4(TextBuf<u32>),
}

const _: () = assert!(std::mem::size_of::<Storage>() == 24);

/// Inline storage for ASCII `text` (at most `INLINE_MAX` bytes).
fn inline(text: &[u8]) -> Storage {
    debug_assert!(text.len() <= INLINE_MAX && text.is_ascii());
    let mut bytes = [0; INLINE_MAX];
    bytes[..text.len()].copy_from_slice(text);
    Storage::Inline { len: text.len() as u8, bytes }
}

/// Storage for one-byte code units: inline or `Ascii` when all are ASCII,
/// else `Latin1` (the same buffer either way, no copy).
fn one_byte(buf: TextBuf<u8>) -> Storage {
    if !buf.as_slice().is_ascii() {
        return Storage::Latin1(buf);
    }
    if buf.len() <= INLINE_MAX {
        return inline(buf.as_slice());
    }
    Storage::Ascii(buf)
}

pub struct StrData {
    storage: Storage,
    hash: Cell<i64>,
    pub interned: Cell<bool>,
    utf8: OnceCell<Option<Box<str>>>,
}

impl PyPayload for StrData {
    /// The characters' share of the object as CPython lays a str out
    /// (tracemalloc's sizes), wherever they are kept here.
    fn heap_size(&self) -> usize {
        match self.repr() {
            StrRepr::Ascii(s) => s.len() + 1,
            StrRepr::Latin1(b) => b.len() + 1,
            StrRepr::Ucs2(u) => (u.len() + 1) * 2,
            StrRepr::Ucs4(u) => (u.len() + 1) * 4,
        }
    }
}

impl StrData {
    fn from_storage(storage: Storage) -> StrData {
        StrData { storage, hash: Cell::new(-1), interned: Cell::new(false), utf8: OnceCell::new() }
    }

    /// ASCII text (the caller knows it is ASCII: no scan).
    pub fn from_ascii(s: String) -> StrData {
        StrData::from_ascii_str(&s)
    }

    /// ASCII text copied (the caller knows it is ASCII: no scan).
    pub fn from_ascii_str(s: &str) -> StrData {
        debug_assert!(s.is_ascii());
        if s.len() <= INLINE_MAX {
            return StrData::from_storage(inline(s.as_bytes()));
        }
        StrData::from_storage(Storage::Ascii(TextBuf::from_slice(s.as_bytes())))
    }

    /// ASCII bytes copied (the caller knows they are ASCII: no scan for
    /// short text, which is stored inline).
    #[inline]
    pub fn from_ascii_bytes(b: &[u8]) -> StrData {
        if b.len() <= INLINE_MAX {
            return StrData::from_storage(inline(b));
        }
        StrData::from_long_bytes(b)
    }

    /// `from_ascii_bytes` of text too long for the object (out of line:
    /// the short case is the one to keep small).
    #[inline(never)]
    fn from_long_bytes(b: &[u8]) -> StrData {
        StrData::from_storage(one_byte(TextBuf::from_slice(b)))
    }

    /// Code units below 256 written by `fill` into a zeroed buffer of
    /// `len` (ASCII or Latin-1, whichever they turn out to be); None when
    /// the memory cannot be had.
    pub(crate) fn try_build_latin1(len: usize, fill: impl FnOnce(&mut [u8])) -> Option<StrData> {
        let mut buf = TextBuf::try_zeroed(len)?;
        fill(buf.as_mut_slice());
        Some(StrData::from_storage(one_byte(buf)))
    }

    /// Two-byte code units written by `fill` into a zeroed buffer of `len`,
    /// of which the caller knows one is above 0xFF; None when the memory
    /// cannot be had.
    pub(crate) fn try_build_ucs2(len: usize, fill: impl FnOnce(&mut [u16])) -> Option<StrData> {
        let mut buf = TextBuf::try_zeroed(len)?;
        fill(buf.as_mut_slice());
        Some(StrData::from_storage(Storage::Ucs2(buf)))
    }

    /// Four-byte code units written by `fill` into a zeroed buffer of
    /// `len`, of which the caller knows one is above 0xFFFF; None when the
    /// memory cannot be had.
    pub(crate) fn try_build_ucs4(len: usize, fill: impl FnOnce(&mut [u32])) -> Option<StrData> {
        let mut buf = TextBuf::try_zeroed(len)?;
        fill(buf.as_mut_slice());
        Some(StrData::from_storage(Storage::Ucs4(buf)))
    }

    /// ASCII text of `len` bytes written by `fill` into a zeroed buffer,
    /// inside the object when short. Text that turns out not to be ASCII
    /// is taken as Latin-1 code points instead (never stored as ASCII).
    pub fn build_ascii(len: usize, fill: impl FnOnce(&mut [u8])) -> StrData {
        if len <= INLINE_MAX {
            let mut bytes = [0; INLINE_MAX];
            fill(&mut bytes[..len]);
            if bytes[..len].is_ascii() {
                return StrData::from_storage(Storage::Inline { len: len as u8, bytes });
            }
            return StrData::from_latin1_wide(&bytes[..len]);
        }
        let mut buf = TextBuf::zeroed(len);
        fill(buf.as_mut_slice());
        StrData::from_storage(one_byte(buf))
    }

    /// `build_ascii` that gives None instead of aborting when the memory
    /// for a long text cannot be had (a length a program chose).
    pub fn try_build_ascii(len: usize, fill: impl FnOnce(&mut [u8])) -> Option<StrData> {
        if len <= INLINE_MAX {
            return Some(StrData::build_ascii(len, fill));
        }
        let mut buf = TextBuf::try_zeroed(len)?;
        fill(buf.as_mut_slice());
        Some(StrData::from_storage(one_byte(buf)))
    }

    /// Code points below 256, in the narrowest form.
    pub fn from_latin1(b: Vec<u8>) -> StrData {
        if b.len() <= INLINE_MAX && b.is_ascii() {
            return StrData::from_storage(inline(&b));
        }
        StrData::from_storage(one_byte(TextBuf::from_slice(&b)))
    }

    /// A copy with the same characters (a new object's payload).
    pub fn copy(&self) -> StrData {
        StrData::from_storage(self.storage.clone())
    }

    pub fn from_text(s: &str) -> StrData {
        if s.is_ascii() {
            return StrData::from_ascii_str(s);
        }
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let d = StrData::from_code_points(&cps);
        let _ = d.utf8.set(Some(s.into()));
        d
    }

    pub fn from_string(s: String) -> StrData {
        if s.is_ascii() {
            return StrData::from_ascii(s);
        }
        StrData::from_text(&s)
    }

    /// From code points (lone surrogates allowed).
    pub fn from_code_points(cps: &[u32]) -> StrData {
        let max = cps.iter().copied().max().unwrap_or(0);
        if max < 0x80 {
            return StrData::build_ascii(cps.len(), |out| {
                for (o, &c) in out.iter_mut().zip(cps) {
                    *o = c as u8;
                }
            });
        }
        let n = cps.len();
        StrData::from_storage(if max < 0x100 {
            Storage::Latin1(TextBuf::from_units(n, cps.iter().map(|&c| c as u8)))
        } else if max < 0x10000 {
            Storage::Ucs2(TextBuf::from_units(n, cps.iter().map(|&c| c as u16)))
        } else {
            Storage::Ucs4(TextBuf::from_slice(cps))
        })
    }

    /// Code units of the widest kind (the caller knows one is above 0xFFFF).
    pub(crate) fn from_ucs4(units: Vec<u32>) -> StrData {
        StrData::from_storage(Storage::Ucs4(TextBuf::from_slice(&units)))
    }

    /// Code units of the two-byte kind (the caller knows one is above 0xFF).
    pub(crate) fn from_ucs2(units: Vec<u16>) -> StrData {
        StrData::from_storage(Storage::Ucs2(TextBuf::from_slice(&units)))
    }

    /// Code units below 256 of which one is not ASCII (the caller knows).
    fn from_latin1_wide(units: &[u8]) -> StrData {
        StrData::from_storage(Storage::Latin1(TextBuf::from_slice(units)))
    }

    /// The characters, in their representation.
    #[inline]
    pub fn repr(&self) -> StrRepr<'_> {
        match &self.storage {
            Storage::Inline { len, bytes } => {
                let text = &bytes[..*len as usize];
                // SAFETY: inline storage only ever holds ASCII (see `inline`
                // and `build_ascii`), which is UTF-8.
                StrRepr::Ascii(unsafe { std::str::from_utf8_unchecked(text) })
            }
            // SAFETY: `Ascii` storage only ever holds valid UTF-8 (see
            // `Storage::Ascii`).
            Storage::Ascii(b) => StrRepr::Ascii(unsafe { std::str::from_utf8_unchecked(b.as_slice()) }),
            Storage::Latin1(b) => StrRepr::Latin1(b.as_slice()),
            Storage::Ucs2(u) => StrRepr::Ucs2(u.as_slice()),
            Storage::Ucs4(u) => StrRepr::Ucs4(u.as_slice()),
        }
    }

    /// `len(s)`: code points.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.storage {
            Storage::Inline { len, .. } => *len as usize,
            Storage::Ascii(b) => b.len(),
            Storage::Latin1(b) => b.len(),
            Storage::Ucs2(b) => b.len(),
            Storage::Ucs4(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `i` (which must be in range).
    #[inline]
    pub fn char_at(&self, i: usize) -> u32 {
        match &self.storage {
            Storage::Inline { bytes, .. } => bytes[i] as u32,
            Storage::Ascii(b) | Storage::Latin1(b) => b.as_slice()[i] as u32,
            Storage::Ucs2(b) => b.as_slice()[i] as u32,
            Storage::Ucs4(b) => b.as_slice()[i],
        }
    }

    pub fn is_ascii(&self) -> bool {
        matches!(self.repr(), StrRepr::Ascii(_))
    }

    /// The largest code point (0 for the empty string).
    pub fn max_char(&self) -> u32 {
        match self.repr() {
            StrRepr::Ascii(s) => s.bytes().max().unwrap_or(0) as u32,
            StrRepr::Latin1(b) => b.iter().copied().max().unwrap_or(0) as u32,
            StrRepr::Ucs2(b) => b.iter().copied().max().unwrap_or(0) as u32,
            StrRepr::Ucs4(b) => b.iter().copied().max().unwrap_or(0),
        }
    }

    /// The text as UTF-8, unless it holds a lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        match self.repr() {
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
        match self.repr() {
            StrRepr::Ascii(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
            StrRepr::Latin1(b) => std::borrow::Cow::Borrowed(b),
            StrRepr::Ucs2(b) => std::borrow::Cow::Owned(b.iter().flat_map(|u| u.to_le_bytes()).collect()),
            StrRepr::Ucs4(b) => std::borrow::Cow::Owned(b.iter().flat_map(|u| u.to_le_bytes()).collect()),
        }
    }

    /// `hash(s)`, computed once: the cached value is read inline (every
    /// dict and shared-keys probe asks), the first computation is not.
    #[inline]
    pub fn hash(&self, key: (u64, u64)) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        self.compute_hash(key)
    }

    #[cold]
    #[inline(never)]
    fn compute_hash(&self, key: (u64, u64)) -> i64 {
        let h = crate::hash::hash_bytes(key, &self.hash_bytes());
        self.hash.set(h);
        h
    }

    /// Code point equality.
    pub fn eq_data(&self, other: &StrData) -> bool {
        // Two short ASCII strings: the whole buffers compare (the bytes past
        // the text are always zero).
        if let (Storage::Inline { len: a, bytes: x }, Storage::Inline { len: b, bytes: y }) =
            (&self.storage, &other.storage)
        {
            return a == b && x == y;
        }
        if self.len() != other.len() {
            return false;
        }
        match (self.repr(), other.repr()) {
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
        match self.repr() {
            StrRepr::Ascii(s) => Some(s.as_bytes()),
            StrRepr::Latin1(b) => Some(b),
            _ => None,
        }
    }

    /// Code point order (`<`).
    pub fn cmp_data(&self, other: &StrData) -> std::cmp::Ordering {
        if let (StrRepr::Ascii(a), StrRepr::Ascii(b)) = (self.repr(), other.repr()) {
            return a.cmp(b);
        }
        self.code_points().cmp(other.code_points())
    }

    /// The substring of code points `start..end`.
    pub fn substring(&self, start: usize, end: usize) -> StrData {
        match self.repr() {
            StrRepr::Ascii(s) => StrData::from_ascii_str(&s[start..end]),
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

/// `bytes` as text when all are ASCII: one scan, where `str::from_utf8`
/// after an ASCII test would read them twice.
#[inline]
pub(crate) fn ascii_text(bytes: &[u8]) -> Option<&str> {
    if !bytes.is_ascii() {
        return None;
    }
    // SAFETY: ASCII bytes are valid UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
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

    /// A str of ASCII bytes (the caller knows they are ASCII): the cached
    /// empty and one-character strings, else a new object.
    #[inline]
    pub fn new_ascii_str(&self, b: &[u8]) -> Obj {
        match b {
            [] => self.ctx.empty_str.clone(),
            [c] => self.ctx.latin1_chars[*c as usize].clone(),
            _ => alloc_str(&self.ctx.types.str, StrData::from_ascii_bytes(b)),
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
        self.ctx.intern_cache.put(s, &o);
        o
    }

    /// `intern` of a string literal (slot functions' dunder names): its
    /// cache entry is found by address alone, as the text at a static
    /// address never changes (no comparison of the text).
    #[inline]
    pub(crate) fn intern_static(&self, s: &'static str) -> Obj {
        if let Some(o) = self.ctx.intern_cache.get_static(s) {
            return o;
        }
        let o = self.intern_uncached(s);
        self.ctx.intern_cache.put(s, &o);
        o
    }

    fn intern_uncached(&self, s: &str) -> Obj {
        intern_in(&self.ctx.types.str, &self.ctx.interned, s)
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

/// A direct-mapped cache in front of the intern table for text coming from
/// Rust, keyed by where the text lies: the VM interns the same literals
/// over and over (`"__init__"` at each instance creation, `"__trunc__"`,
/// `"__class__"`), and a hit costs one short compare instead of hashing the
/// text and probing the table. The text is compared on a hit, as a
/// non-literal `&str` may reuse an address with other text. Interned
/// strings are immortal, so holding them here keeps nothing alive.
pub(crate) struct InternCache {
    slots: Box<[InternSlot]>,
}

#[derive(Default)]
struct InternSlot {
    at: Cell<usize>,
    len: Cell<usize>,
    obj: Cell<Option<Obj>>,
}

const INTERN_CACHE_SIZE: usize = 256;

impl InternCache {
    pub(crate) fn new() -> InternCache {
        InternCache { slots: (0..INTERN_CACHE_SIZE).map(|_| InternSlot::default()).collect() }
    }

    #[inline]
    fn slot(&self, s: &str) -> &InternSlot {
        let at = s.as_ptr() as usize;
        &self.slots[((at >> 3) ^ (at >> 11) ^ s.len()) & (INTERN_CACHE_SIZE - 1)]
    }

    #[inline]
    fn get(&self, s: &str) -> Option<Obj> {
        let slot = self.slot(s);
        if slot.at.get() != s.as_ptr() as usize || slot.len.get() != s.len() {
            return None;
        }
        let o = slot.obj.take()?;
        let hit = (as_str(&o) == Some(s)).then(|| o.clone());
        slot.obj.set(Some(o));
        hit
    }

    /// `get` for a string at a static address: an entry recorded for that
    /// address and length was recorded for this very text (a static's
    /// memory is never reused for another string), so the text is not
    /// compared.
    #[inline]
    fn get_static(&self, s: &'static str) -> Option<Obj> {
        let slot = self.slot(s);
        if slot.at.get() != s.as_ptr() as usize || slot.len.get() != s.len() {
            return None;
        }
        let o = slot.obj.take()?;
        let hit = o.clone();
        slot.obj.set(Some(o));
        Some(hit)
    }

    fn put(&self, s: &str, o: &Obj) {
        let slot = self.slot(s);
        slot.at.set(s.as_ptr() as usize);
        slot.len.set(s.len());
        // The entry replaced is an immortal interned string: dropping it
        // runs nothing.
        drop(slot.obj.replace(Some(o.clone())));
    }
}

/// An interned str in the interpreter's table, found by its text: the
/// table keeps no copy of the text besides the object's own.
pub struct InternKey(Obj);

/// The canonical interned string for `s` in the table `interned` (made,
/// immortal, if it is not there yet); usable before the `Vm` exists.
pub(crate) fn intern_in(str_type: &Obj, interned: &RefCell<rustc_hash::FxHashSet<InternKey>>, s: &str) -> Obj {
    if let Some(k) = interned.borrow().get(s) {
        return k.0.clone();
    }
    let o = alloc_str(str_type, StrData::from_text(s));
    str_of(&o).interned.set(true);
    crate::object::make_immortal(&o);
    interned.borrow_mut().insert(InternKey(o.clone()));
    o
}

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
    Ok(vm.new_str_data(str_of(o).copy()))
}

fn str_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    Ok(str_of(o).hash(vm.ctx.hash_key))
}

/// `a == b` for two str objects.
#[inline]
pub(crate) fn str_eq(a: &Obj, b: &Obj) -> bool {
    a.is(b) || str_of(a).eq_data(str_of(b))
}

/// Code point order of two str objects.
#[inline]
pub(crate) fn str_cmp(a: &Obj, b: &Obj) -> std::cmp::Ordering {
    str_of(a).cmp_data(str_of(b))
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
fn kind_rank(r: StrRepr<'_>) -> u8 {
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
    let rank = parts.iter().map(|p| kind_rank(p.repr())).max().unwrap_or(0);
    // Each part is written once, straight into the result's buffer.
    match rank {
        0 if total <= INLINE_MAX => Some(StrData::build_ascii(total, |out| write_parts(parts, out))),
        0 | 1 => StrData::try_build_latin1(total, |out| write_parts(parts, out)),
        2 => StrData::try_build_ucs2(total, |out| write_parts(parts, out)),
        _ => StrData::try_build_ucs4(total, |out| write_parts(parts, out)),
    }
}

/// The code units of `parts`, one after the other, into `out` (as wide as
/// the widest part, and exactly as long as all of them).
fn write_parts<T: Copy + From<u8>>(parts: &[&StrData], out: &mut [T])
where
    u16: TryInto<T>,
    u32: TryInto<T>,
{
    let mut at = 0;
    for p in parts {
        let n = p.len();
        let dst = &mut out[at..at + n];
        match p.repr() {
            StrRepr::Ascii(x) => widen_into(x.as_bytes(), dst),
            StrRepr::Latin1(x) => widen_into(x, dst),
            // Wider parts only come with a result at least as wide.
            StrRepr::Ucs2(x) => {
                for (o, &c) in dst.iter_mut().zip(x) {
                    if let Ok(c) = c.try_into() {
                        *o = c;
                    }
                }
            }
            StrRepr::Ucs4(x) => {
                for (o, &c) in dst.iter_mut().zip(x) {
                    if let Ok(c) = c.try_into() {
                        *o = c;
                    }
                }
            }
        }
        at += n;
    }
}

/// One-byte code units into a buffer of any width.
#[inline]
fn widen_into<T: Copy + From<u8>>(src: &[u8], dst: &mut [T]) {
    for (o, &c) in dst.iter_mut().zip(src) {
        *o = T::from(c);
    }
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
    let d = match d.repr() {
        StrRepr::Ascii(s) => StrData::from_ascii(repeat_ascii(vm, s, n)?),
        StrRepr::Latin1(b) => StrData::from_latin1_wide(&repeat_slice(vm, b, n)?),
        StrRepr::Ucs2(u) => StrData::from_ucs2(repeat_slice(vm, u, n)?),
        StrRepr::Ucs4(u) => StrData::from_ucs4(repeat_slice(vm, u, n)?),
    };
    Ok(vm.new_str_data(d))
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
        return Ok(slice_of(vm, o, d, start, stop, step));
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

/// `o[start:stop:step]` for indices already clamped to the string (as
/// `slice.indices` gives them): the string itself when the slice covers it
/// all and it is an exact str (CPython's `unicode_result_unchanged`).
pub(crate) fn slice_of(vm: &Vm, o: &Obj, d: &StrData, start: isize, stop: isize, step: isize) -> Obj {
    if step == 1 {
        if start >= stop {
            return vm.ctx.empty_str.clone();
        }
        if start == 0 && stop as usize == d.len() && o.class_obj().is(&vm.ctx.types.str) {
            return o.clone();
        }
        return vm.new_str_data(d.substring(start as usize, stop as usize));
    }
    let cps: Vec<u32> = crate::objects::slice::iter_indices(start, stop, step).map(|i| d.char_at(i as usize)).collect();
    vm.new_str_from_code_points(&cps)
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
    Ok(alloc_str(cls, str_of(&result).copy()))
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
            None => vm.new_str_data(StrData::from_ascii(self.ascii)),
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
