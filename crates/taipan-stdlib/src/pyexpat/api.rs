//! pyexpat's face for other native modules (CPython's `pyexpat.h`
//! `PyExpat_CAPI` capsule, which `_elementtree` links through): an expat
//! parser owned by Rust that reports events to an [`Events`]
//! implementation instead of to Python handler attributes.
//!
//! **Invariant:** the events object is boxed, so the user-data pointer
//! expat holds stays fixed; expat calls it back only inside
//! [`Parser::parse`], which borrows the parser (so it cannot be freed
//! meanwhile). The callbacks run Rust code only; the implementation keeps
//! any Python exception for the caller of `parse` to raise.

use std::ffi::{c_char, c_int, c_void, CStr};

use taipan_expat_sys as ffi;

/// The events a [`Parser`] reports. Names, attributes and text are expat's
/// UTF-8 bytes, valid only for the call.
pub(crate) trait Events: 'static {
    fn start_element(&self, name: &[u8], attrs: &[(&[u8], &[u8])]);
    fn end_element(&self, name: &[u8]);
    fn character_data(&self, data: &[u8]);
    /// Markup expat has no other handler for (with internal entities
    /// expanded): `_elementtree` resolves undefined entities here.
    fn default_expand(&self, data: &[u8], position: (i64, i64));
    fn comment(&self, data: &[u8]);
    fn processing_instruction(&self, target: &[u8], data: &[u8]);
    fn start_namespace(&self, prefix: Option<&[u8]>, uri: Option<&[u8]>);
    fn end_namespace(&self, prefix: Option<&[u8]>);
    fn start_doctype(&self, name: &[u8], sysid: Option<&[u8]>, pubid: Option<&[u8]>);
    /// The code point of each byte of a single-byte encoding expat does
    /// not know (None: refuse it).
    fn unknown_encoding(&self, name: &[u8]) -> Option<[c_int; 256]>;
}

/// Which callbacks are installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handler {
    Element,
    CharacterData,
    DefaultExpand,
    Comment,
    ProcessingInstruction,
    Namespace,
    Doctype,
}

/// An expat parser reporting to a `T`.
pub(crate) struct Parser<T: Events> {
    raw: ffi::XML_Parser,
    core: Box<Core<T>>,
}

/// What expat's user-data pointer points to: the events and the parser
/// (for the position some events report).
struct Core<T> {
    raw: ffi::XML_Parser,
    events: T,
}

/// Hand expat at most this much at once (its length argument is a C int).
const MAX_CHUNK_SIZE: usize = 1 << 20;

impl<T: Events> Parser<T> {
    /// A parser for documents in `encoding` (None: detect), reporting
    /// qualified names as `uri<sep>local` when `ns_sep` is given. None when
    /// expat cannot allocate.
    pub(crate) fn new(encoding: Option<&CStr>, ns_sep: Option<&CStr>, events: T) -> Option<Parser<T>> {
        let enc = encoding.map_or(std::ptr::null(), |s| s.as_ptr());
        let sep = ns_sep.map_or(std::ptr::null(), |s| s.as_ptr());
        // SAFETY: the strings are NUL-terminated or null; a null memory
        // suite means malloc/realloc/free.
        let raw = unsafe { ffi::XML_ParserCreate_MM(enc, std::ptr::null(), sep) };
        if raw.is_null() {
            return None;
        }
        let p = Parser { raw, core: Box::new(Core { raw, events }) };
        let ud = p.user_data();
        // SAFETY: live parser; `ud` points into the box, which lives as
        // long as the parser (Drop frees the parser first).
        unsafe {
            ffi::XML_SetUserData(raw, ud);
            ffi::XML_SetUnknownEncodingHandler(raw, Some(on_unknown_encoding::<T>), ud);
        }
        Some(p)
    }

    pub(crate) fn events(&self) -> &T {
        &self.core.events
    }

    fn user_data(&self) -> *mut c_void {
        &*self.core as *const Core<T> as *mut c_void
    }

    /// Install the callbacks of `h`.
    pub(crate) fn enable(&self, h: Handler) {
        let p = self.raw;
        // SAFETY: live parser; each callback matches its setter's type and
        // finds the `T` behind the user data set in `new`.
        unsafe {
            match h {
                Handler::Element => {
                    ffi::XML_SetStartElementHandler(p, Some(on_start::<T> as _));
                    ffi::XML_SetEndElementHandler(p, Some(on_end::<T> as _));
                }
                Handler::CharacterData => ffi::XML_SetCharacterDataHandler(p, Some(on_data::<T> as _)),
                Handler::DefaultExpand => ffi::XML_SetDefaultHandlerExpand(p, Some(on_default::<T> as _)),
                Handler::Comment => ffi::XML_SetCommentHandler(p, Some(on_comment::<T> as _)),
                Handler::ProcessingInstruction => ffi::XML_SetProcessingInstructionHandler(p, Some(on_pi::<T> as _)),
                Handler::Namespace => {
                    ffi::XML_SetStartNamespaceDeclHandler(p, Some(on_start_ns::<T> as _));
                    ffi::XML_SetEndNamespaceDeclHandler(p, Some(on_end_ns::<T> as _));
                }
                Handler::Doctype => ffi::XML_SetStartDoctypeDeclHandler(p, Some(on_doctype::<T> as _)),
            }
        }
    }

    /// Declare the input's encoding (ignored once parsing started).
    pub(crate) fn set_encoding(&self, encoding: &CStr) {
        // SAFETY: live parser, NUL-terminated name.
        unsafe { ffi::XML_SetEncoding(self.raw, encoding.as_ptr()) };
    }

    /// Parse `data` (the end of the document when `is_final`); false on a
    /// parse error (see [`Parser::error`]).
    pub(crate) fn parse(&self, data: &[u8], is_final: bool) -> bool {
        let mut rest = data;
        while rest.len() > MAX_CHUNK_SIZE {
            let (chunk, tail) = rest.split_at(MAX_CHUNK_SIZE);
            // SAFETY: live parser; the chunk outlives the call and its
            // length fits a C int.
            if unsafe { ffi::XML_Parse(self.raw, chunk.as_ptr().cast(), chunk.len() as c_int, 0) } == 0 {
                return false;
            }
            rest = tail;
        }
        // SAFETY: as above.
        unsafe { ffi::XML_Parse(self.raw, rest.as_ptr().cast(), rest.len() as c_int, c_int::from(is_final)) != 0 }
    }

    /// The last error: (code, line, column).
    pub(crate) fn error(&self) -> (c_int, i64, i64) {
        // SAFETY: live parser; this only reads its state.
        let code = unsafe { ffi::XML_GetErrorCode(self.raw) };
        let (line, column) = position(self.raw);
        (code, line, column)
    }
}

impl<T: Events> Drop for Parser<T> {
    fn drop(&mut self) {
        // SAFETY: the parser was made in `new` and is freed once; no parse
        // is running (it borrows self).
        unsafe { ffi::XML_ParserFree(self.raw) };
    }
}

/// expat's current (line, column), as C ints as CPython reports them.
fn position(raw: ffi::XML_Parser) -> (i64, i64) {
    // SAFETY: callers pass a live parser; these only read its state.
    unsafe {
        (ffi::XML_GetCurrentLineNumber(raw) as c_int as i64, ffi::XML_GetCurrentColumnNumber(raw) as c_int as i64)
    }
}

/// expat's (major, minor, micro) version.
pub(crate) fn version() -> (i32, i32, i32) {
    // SAFETY: a plain function returning a struct by value.
    let v = unsafe { ffi::XML_ExpatVersionInfo() };
    (v.major, v.minor, v.micro)
}

/// expat's message for an error code.
pub(crate) fn error_string(code: c_int) -> String {
    super::error_message(code).unwrap_or_else(|| "(null)".into())
}

// ---- the trampolines --------------------------------------------------------------------------------

type S = *const c_char;

/// The events behind expat's user-data pointer.
///
/// # Safety
/// `ud` must be the pointer `Parser::new` registered for a `Core<T>`.
unsafe fn events_at<'a, T>(ud: *mut c_void) -> &'a T {
    // SAFETY: guaranteed by the caller.
    unsafe { &(*(ud as *const Core<T>)).events }
}

/// A NUL-terminated string from expat.
///
/// # Safety
/// `p` is null or NUL-terminated and valid for the callback.
unsafe fn bytes<'a>(p: S) -> Option<&'a [u8]> {
    // SAFETY: guaranteed by the caller.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes())
}

unsafe extern "C" fn on_start<T: Events>(ud: *mut c_void, name: S, atts: *mut S) {
    let mut pairs = Vec::new();
    let mut i = 0;
    // SAFETY: expat passes a NUL-terminated name and a null-terminated
    // array of NUL-terminated name/value pairs.
    unsafe {
        // The value slot is read only after a non-null name: past the
        // terminating null there is nothing.
        while let Some(k) = bytes(*atts.add(i)) {
            let Some(v) = bytes(*atts.add(i + 1)) else { break };
            pairs.push((k, v));
            i += 2;
        }
        events_at::<T>(ud).start_element(bytes(name).unwrap_or_default(), &pairs);
    }
}

unsafe extern "C" fn on_end<T: Events>(ud: *mut c_void, name: S) {
    // SAFETY: expat passes the registered user data and a valid name.
    unsafe { events_at::<T>(ud).end_element(bytes(name).unwrap_or_default()) }
}

/// `len` bytes at `p`.
///
/// # Safety
/// `p` holds `len` bytes valid for the callback.
unsafe fn slice<'a>(p: S, len: c_int) -> &'a [u8] {
    if p.is_null() || len <= 0 {
        return &[];
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len as usize) }
}

unsafe extern "C" fn on_data<T: Events>(ud: *mut c_void, s: S, len: c_int) {
    // SAFETY: expat passes the registered user data and `len` bytes.
    unsafe { events_at::<T>(ud).character_data(slice(s, len)) }
}

unsafe extern "C" fn on_default<T: Events>(ud: *mut c_void, s: S, len: c_int) {
    // SAFETY: expat passes the registered user data (a live `Core<T>`
    // whose parser is the one calling) and `len` bytes.
    unsafe {
        let core = &*(ud as *const Core<T>);
        core.events.default_expand(slice(s, len), position(core.raw))
    }
}

unsafe extern "C" fn on_comment<T: Events>(ud: *mut c_void, s: S) {
    // SAFETY: expat passes the registered user data and a valid string.
    unsafe { events_at::<T>(ud).comment(bytes(s).unwrap_or_default()) }
}

unsafe extern "C" fn on_pi<T: Events>(ud: *mut c_void, target: S, data: S) {
    // SAFETY: expat passes the registered user data and valid strings.
    unsafe {
        events_at::<T>(ud).processing_instruction(bytes(target).unwrap_or_default(), bytes(data).unwrap_or_default())
    }
}

unsafe extern "C" fn on_start_ns<T: Events>(ud: *mut c_void, prefix: S, uri: S) {
    // SAFETY: expat passes the registered user data and strings or nulls.
    unsafe { events_at::<T>(ud).start_namespace(bytes(prefix), bytes(uri)) }
}

unsafe extern "C" fn on_end_ns<T: Events>(ud: *mut c_void, prefix: S) {
    // SAFETY: expat passes the registered user data and a string or null.
    unsafe { events_at::<T>(ud).end_namespace(bytes(prefix)) }
}

unsafe extern "C" fn on_doctype<T: Events>(ud: *mut c_void, name: S, sysid: S, pubid: S, _internal: c_int) {
    // SAFETY: expat passes the registered user data and strings or nulls.
    unsafe { events_at::<T>(ud).start_doctype(bytes(name).unwrap_or_default(), bytes(sysid), bytes(pubid)) }
}

unsafe extern "C" fn on_unknown_encoding<T: Events>(ud: *mut c_void, name: S, info: *mut ffi::XML_Encoding) -> c_int {
    // SAFETY: expat passes the registered data and a valid name.
    let map = unsafe { events_at::<T>(ud).unknown_encoding(bytes(name).unwrap_or_default()) };
    let Some(map) = map else { return ffi::XML_STATUS_ERROR };
    // SAFETY: expat passes a writable XML_Encoding.
    let info = unsafe { &mut *info };
    info.map = map;
    info.data = std::ptr::null_mut();
    info.convert = None;
    info.release = None;
    ffi::XML_STATUS_OK
}
