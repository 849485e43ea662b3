//! `_io._TextIOBase`, `_io.TextIOWrapper` and
//! `_io.IncrementalNewlineDecoder` (CPython's `Modules/_io/textio.c`).
//!
//! A TextIOWrapper decodes what it reads from its buffer in chunks
//! (`read1(_CHUNK_SIZE)`), keeps the decoded text of the last chunk
//! (`decoded_chars`, of which `decoded_chars_used` are consumed), and to
//! answer `tell()` keeps a snapshot of the decoder state before that chunk
//! plus the chunk's bytes: a position is an opaque cookie packing the
//! byte position of a point where the decoder had nothing buffered, the
//! decoder flags there, and how many bytes to feed and characters to skip
//! from there (CPython's layout, so cookies are the same numbers).
//!
//! Encoders and decoders are the interpreter's native codecs with the
//! state of Lib/encodings' incremental ones (`getstate`/`setstate` flags
//! included); a Python incremental codec object is the other variant of
//! [`Decoder`]/[`Encoder`], reached through its methods. Universal
//! newlines are CPython's IncrementalNewlineDecoder ([`NewlineState`]).

use std::cell::{Cell, RefCell};

use taipan_vm::api::codecs::{self, lookup_text_codec, TextCodec};
use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, int, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::{
    bufferedio, c_int_arg, closed_error, io_type, iobase, is_eintr, noargs, optional_ssize, posargs, str_contains,
    tp_name, unsupported, utf8_of, LineText, TextBuilder,
};

// ---- _TextIOBase ---------------------------------------------------------------------------------

pub(crate) fn make_textiobase_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io._TextIOBase",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: &[
            MethodDef::method("detach", |vm, _o, _a, _k| Err(unsupported(vm, "detach"))),
            MethodDef::method("read", |vm, _o, _a, _k| Err(unsupported(vm, "read"))),
            MethodDef::method("readline", |vm, _o, _a, _k| Err(unsupported(vm, "readline"))),
            MethodDef::method("write", |vm, _o, _a, _k| Err(unsupported(vm, "write"))),
        ],
        getsets: &[
            GetSetDef::new("encoding", |vm, _o| Ok(vm.none()), None),
            GetSetDef::new("newlines", |vm, _o| Ok(vm.none()), None),
            GetSetDef::new("errors", |vm, _o| Ok(vm.none()), None),
        ],
        doc: Some(
            "Base class for text I/O.\n\nThis class provides a character and line based interface to stream\nI/O. There is no readinto method because Python's character strings\nare immutable.\n",
        ),
    };
    taipan_vm::api::types::new_type::<iobase::IOBase>(vm, &spec, |_| {})
}

// ---- newline translation -------------------------------------------------------------------------

const SEEN_CR: u8 = 1;
const SEEN_LF: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The state of CPython's IncrementalNewlineDecoder: a `\r` held back
/// from the end of a chunk (it may start a `\r\n`), the kinds of newline
/// seen, and whether they are translated to `\n`.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(crate) struct NewlineState {
    pub(crate) translate: bool,
    pub(crate) pendingcr: bool,
    pub(crate) seennl: u8,
}

impl NewlineState {
    pub(crate) fn new(translate: bool) -> NewlineState {
        NewlineState { translate, pendingcr: false, seennl: 0 }
    }

    /// Process decoded text (CPython's
    /// `_PyIncrementalNewlineDecoder_decode` after the inner decoder).
    pub(crate) fn process(&mut self, vm: &Vm, output: Obj, final_: bool) -> Obj {
        let Some(d) = pystr::data(&output) else { return output };
        let has_cr = str_contains(d, '\r' as u32);
        if !self.pendingcr && !has_cr {
            // Only `\n` newlines, if any: nothing to translate or hold.
            if self.seennl & SEEN_LF == 0 && str_contains(d, '\n' as u32) {
                self.seennl |= SEEN_LF;
            }
            return output;
        }
        let mut cps = d.to_code_points();
        if self.pendingcr && (final_ || !cps.is_empty()) {
            cps.insert(0, '\r' as u32);
            self.pendingcr = false;
        }
        if !final_ && cps.last() == Some(&('\r' as u32)) {
            cps.pop();
            self.pendingcr = true;
        }
        let mut out = Vec::with_capacity(cps.len());
        let mut i = 0;
        while i < cps.len() {
            let c = cps[i];
            if c == '\n' as u32 {
                self.seennl |= SEEN_LF;
                out.push(c);
            } else if c == '\r' as u32 {
                if cps.get(i + 1) == Some(&('\n' as u32)) {
                    self.seennl |= SEEN_CRLF;
                    if self.translate {
                        out.push('\n' as u32);
                    } else {
                        out.push(c);
                        out.push('\n' as u32);
                    }
                    i += 1;
                } else {
                    self.seennl |= SEEN_CR;
                    out.push(if self.translate { '\n' as u32 } else { c });
                }
            } else {
                out.push(c);
            }
            i += 1;
        }
        vm.new_str_from_code_points(&out)
    }

    pub(crate) fn newlines(&self, vm: &Vm) -> Obj {
        let s = |t: &str| vm.new_str(t);
        match self.seennl {
            0 => vm.none(),
            SEEN_CR => s("\r"),
            SEEN_LF => s("\n"),
            SEEN_CRLF => s("\r\n"),
            x if x == SEEN_CR | SEEN_LF => vm.new_tuple(vec![s("\r"), s("\n")]),
            x if x == SEEN_CR | SEEN_CRLF => vm.new_tuple(vec![s("\r"), s("\r\n")]),
            x if x == SEEN_LF | SEEN_CRLF => vm.new_tuple(vec![s("\n"), s("\r\n")]),
            _ => vm.new_tuple(vec![s("\r"), s("\n"), s("\r\n")]),
        }
    }
}

// ---- decoders and encoders -----------------------------------------------------------------------

/// An incremental decoder: a native codec, or a Python object with
/// `decode`, `getstate`, `setstate` and `reset` (made once the codec
/// registry can look codecs up in Python).
pub(crate) enum InnerDecoder {
    Native { codec: TextCodec, pending: Vec<u8>, errors: String },
    Python(Obj),
}

/// The decoder of a TextIOWrapper: the codec's, wrapped in newline
/// translation for universal newlines.
pub(crate) struct Decoder {
    inner: InnerDecoder,
    nl: Option<NewlineState>,
}

fn check_decoded(vm: &Vm, o: &Obj) -> PyResult<()> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("decoder should return a string result, not '{}'", tp_name(o))));
    }
    Ok(())
}

impl InnerDecoder {
    fn decode(&mut self, vm: &Vm, input: &[u8], final_: bool) -> PyResult<Obj> {
        match self {
            InnerDecoder::Native { codec, pending, errors } => {
                if pending.is_empty() {
                    let (text, used) = codec.decode(vm, input, Some(errors), final_)?;
                    *pending = input[used..].to_vec();
                    Ok(text)
                } else {
                    let mut data = std::mem::take(pending);
                    data.extend_from_slice(input);
                    match codec.decode(vm, &data, Some(errors), final_) {
                        Ok((text, used)) => {
                            data.drain(..used);
                            *pending = data;
                            Ok(text)
                        }
                        Err(e) => {
                            data.truncate(data.len() - input.len());
                            *pending = data;
                            Err(e)
                        }
                    }
                }
            }
            InnerDecoder::Python(d) => {
                let d = d.clone();
                let r = vm.call_method(&d, "decode", &[vm.new_bytes(input.to_vec()), vm.bool_obj(final_)])?;
                check_decoded(vm, &r)?;
                Ok(r)
            }
        }
    }

    fn getstate(&self, vm: &Vm) -> PyResult<(Vec<u8>, u64)> {
        match self {
            InnerDecoder::Native { codec, pending, .. } => Ok((pending.clone(), codec.decoder_state())),
            InnerDecoder::Python(d) => {
                let st = vm.call_method(d, "getstate", &[])?;
                parse_state(vm, &st, "illegal decoder state")
            }
        }
    }

    fn setstate(&mut self, vm: &Vm, buf: &[u8], flags: u64) -> PyResult<()> {
        match self {
            InnerDecoder::Native { codec, pending, .. } => {
                *pending = buf.to_vec();
                codec.set_decoder_state(flags);
                Ok(())
            }
            InnerDecoder::Python(d) => {
                let st = vm.new_tuple(vec![vm.new_bytes(buf.to_vec()), vm.new_int(flags as i64)]);
                vm.call_method(d, "setstate", &[st])?;
                Ok(())
            }
        }
    }

    fn reset(&mut self, vm: &Vm) -> PyResult<()> {
        match self {
            InnerDecoder::Native { codec, pending, .. } => {
                pending.clear();
                codec.reset_decoder();
                Ok(())
            }
            InnerDecoder::Python(d) => {
                vm.call_method(d, "reset", &[])?;
                Ok(())
            }
        }
    }
}

/// A decoder state tuple `(bytes, int)`.
fn parse_state(vm: &Vm, st: &Obj, what: &str) -> PyResult<(Vec<u8>, u64)> {
    let items = match super::tuple_items(vm, st) {
        Some(i) if i.len() == 2 => i,
        _ => return Err(vm.type_error(what)),
    };
    let Some(buf) = bytes::as_bytes_ref(&items[0]) else {
        return Err(
            vm.type_error(format!("{what}: the first item should be a bytes object, not '{}'", tp_name(&items[0])))
        );
    };
    let v = vm.index_value(&items[1])?;
    let flags = v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    Ok((buf.to_vec(), flags as u64))
}

impl Decoder {
    fn decode(&mut self, vm: &Vm, input: &[u8], final_: bool) -> PyResult<Obj> {
        let out = self.inner.decode(vm, input, final_)?;
        Ok(match self.nl.as_mut() {
            Some(nl) => nl.process(vm, out, final_),
            None => out,
        })
    }

    fn getstate(&self, vm: &Vm) -> PyResult<(Vec<u8>, u64)> {
        let (buf, flags) = self.inner.getstate(vm)?;
        Ok(match &self.nl {
            Some(nl) => (buf, (flags << 1) | nl.pendingcr as u64),
            None => (buf, flags),
        })
    }

    fn setstate(&mut self, vm: &Vm, buf: &[u8], flags: u64) -> PyResult<()> {
        match self.nl.as_mut() {
            Some(nl) => {
                nl.pendingcr = flags & 1 != 0;
                self.inner.setstate(vm, buf, flags >> 1)
            }
            None => self.inner.setstate(vm, buf, flags),
        }
    }

    fn reset(&mut self, vm: &Vm) -> PyResult<()> {
        if let Some(nl) = self.nl.as_mut() {
            nl.seennl = 0;
            nl.pendingcr = false;
        }
        self.inner.reset(vm)
    }
}

/// An incremental encoder; the BOM of a native codec is written by the
/// wrapper (`bom_pending`), so the codec itself never writes one. The
/// Python variant is an incremental encoder object (see [`InnerDecoder`]).
pub(crate) enum Encoder {
    Native { codec: TextCodec, errors: String, bom: &'static [u8], ascii_compat: bool },
    Python(Obj),
}

// ---- TextIOWrapper -------------------------------------------------------------------------------

/// The position a `tell()` cookie stands for.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Cookie {
    start_pos: i64,
    dec_flags: i32,
    bytes_to_feed: i32,
    chars_to_skip: i32,
    need_eof: bool,
}

/// The cookie's bytes: CPython packs the fields, little-endian, into
/// `sizeof(off_t) + 3 * sizeof(int) + 1` bytes read as an unsigned int.
const COOKIE_BUF_LEN: usize = 8 + 4 * 3 + 1;

impl Cookie {
    fn to_bytes(self) -> [u8; COOKIE_BUF_LEN] {
        let mut b = [0u8; COOKIE_BUF_LEN];
        b[0..8].copy_from_slice(&self.start_pos.to_le_bytes());
        b[8..12].copy_from_slice(&self.dec_flags.to_le_bytes());
        b[12..16].copy_from_slice(&self.bytes_to_feed.to_le_bytes());
        b[16..20].copy_from_slice(&self.chars_to_skip.to_le_bytes());
        b[20] = self.need_eof as u8;
        b
    }

    fn from_bytes(b: &[u8]) -> Cookie {
        let mut buf = [0u8; COOKIE_BUF_LEN];
        let n = b.len().min(COOKIE_BUF_LEN);
        buf[..n].copy_from_slice(&b[..n]);
        let i32_at = |i: usize| i32::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
        let mut p = [0u8; 8];
        p.copy_from_slice(&buf[0..8]);
        Cookie {
            start_pos: i64::from_le_bytes(p),
            dec_flags: i32_at(8),
            bytes_to_feed: i32_at(12),
            chars_to_skip: i32_at(16),
            need_eof: buf[20] != 0,
        }
    }
}

pub(crate) struct TextIO {
    ok: Cell<bool>,
    detached: Cell<bool>,
    buffer: ObjCell,
    encoding: ObjCell,
    errors: ObjCell,
    decoder: RefCell<Option<Decoder>>,
    encoder: RefCell<Option<Encoder>>,
    /// CPython's `encoding_start_of_stream` (the BOM is still to write).
    bom_pending: Cell<bool>,
    readuniversal: Cell<bool>,
    readtranslate: Cell<bool>,
    writetranslate: Cell<bool>,
    /// `newline` as given (None for universal newlines).
    readnl: ObjCell,
    /// What `\n` becomes on writing (None: stays `\n`).
    writenl: RefCell<Option<String>>,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
    seekable: Cell<bool>,
    telling: Cell<bool>,
    has_read1: Cell<bool>,
    decoded_chars: ObjCell,
    decoded_chars_used: Cell<usize>,
    pending_bytes: RefCell<Vec<u8>>,
    snapshot: RefCell<Option<(i64, Vec<u8>)>>,
    b2cratio: Cell<f64>,
    chunk_size: Cell<usize>,
    /// The FileIO under an exact buffered object (closed checks).
    raw: ObjCell,
    finalizing: Cell<bool>,
}
impl PyPayload for TextIO {}

impl Default for TextIO {
    fn default() -> Self {
        TextIO {
            ok: Cell::new(false),
            detached: Cell::new(false),
            buffer: ObjCell::new(None),
            encoding: ObjCell::new(None),
            errors: ObjCell::new(None),
            decoder: RefCell::new(None),
            encoder: RefCell::new(None),
            bom_pending: Cell::new(false),
            readuniversal: Cell::new(false),
            readtranslate: Cell::new(false),
            writetranslate: Cell::new(false),
            readnl: ObjCell::new(None),
            writenl: RefCell::new(None),
            line_buffering: Cell::new(false),
            write_through: Cell::new(false),
            seekable: Cell::new(false),
            telling: Cell::new(false),
            has_read1: Cell::new(false),
            decoded_chars: ObjCell::new(None),
            decoded_chars_used: Cell::new(0),
            pending_bytes: RefCell::new(Vec::new()),
            snapshot: RefCell::new(None),
            b2cratio: Cell::new(0.0),
            chunk_size: Cell::new(8192),
            raw: ObjCell::new(None),
            finalizing: Cell::new(false),
        }
    }
}

pub(crate) fn make_type(vm: &Vm, base: &Obj) -> Obj {
    let spec = TypeSpec {
        name: "_io.TextIOWrapper",
        base: Some(base),
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some(DOC),
    };
    taipan_vm::api::types::new_type::<TextIO>(vm, &spec, |s| {
        s.new.set(Some(textio_new));
        s.init.set(Some(textio_init));
        s.repr.set(Some(textio_repr));
        s.iternext.set(Some(textio_iternext));
    })
}

const DOC: &str = "Character and line based layer over a BufferedIOBase object, buffer.\n\n\
encoding gives the name of the encoding that the stream will be\n\
decoded or encoded with. It defaults to locale.getencoding().\n\n\
errors determines the strictness of encoding and decoding (see\n\
help(codecs.Codec) or the documentation for codecs.register) and\n\
defaults to \"strict\".\n\n\
newline controls how line endings are handled. It can be None, '',\n\
'\\n', '\\r', and '\\r\\n'.  It works as follows:\n\n\
* On input, if newline is None, universal newlines mode is\n  enabled. Lines in the input can end in '\\n', '\\r', or '\\r\\n', and\n  these are translated into '\\n' before being returned to the\n  caller. If it is '', universal newline mode is enabled, but line\n  endings are returned to the caller untranslated. If it has any of\n  the other legal values, input lines are only terminated by the given\n  string, and the line ending is returned to the caller untranslated.\n\n\
* On output, if newline is None, any '\\n' characters written are\n  translated to the system default line separator, os.linesep. If\n  newline is '' or '\\n', no translation takes place. If newline is any\n  of the other legal values, any '\\n' characters written are translated\n  to the given string.\n\n\
If line_buffering is True, a call to flush is implied when a call to\n\
write contains a newline character.";

const METHODS: &[MethodDef] = &[
    MethodDef::method("detach", textio_detach),
    MethodDef::method("reconfigure", textio_reconfigure),
    MethodDef::method("write", textio_write),
    MethodDef::method("read", textio_read),
    MethodDef::method("readline", textio_readline),
    MethodDef::method("flush", textio_flush),
    MethodDef::method("close", textio_close),
    MethodDef::method("fileno", |vm, o, a, k| forward(vm, o, "fileno", a, k)),
    MethodDef::method("seekable", |vm, o, a, k| forward(vm, o, "seekable", a, k)),
    MethodDef::method("readable", |vm, o, a, k| forward(vm, o, "readable", a, k)),
    MethodDef::method("writable", |vm, o, a, k| forward(vm, o, "writable", a, k)),
    MethodDef::method("isatty", |vm, o, a, k| forward(vm, o, "isatty", a, k)),
    MethodDef::method("seek", textio_seek),
    MethodDef::method("tell", textio_tell),
    MethodDef::method("truncate", textio_truncate),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("encoding", |vm, o| Ok(text(vm, o)?.encoding.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("buffer", |vm, o| Ok(text(vm, o)?.buffer.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("line_buffering", |vm, o| Ok(vm.bool_obj(text(vm, o)?.line_buffering.get())), None),
    GetSetDef::new("write_through", |vm, o| Ok(vm.bool_obj(text(vm, o)?.write_through.get())), None),
    GetSetDef::new(
        "_finalizing",
        |vm, o| Ok(vm.bool_obj(text(vm, o)?.finalizing.get())),
        Some(|vm, o, v| {
            let v = v.ok_or_else(|| vm.type_error("can't delete attribute"))?;
            let b = vm.is_true(v)?;
            text(vm, o)?.finalizing.set(b);
            Ok(())
        }),
    ),
    GetSetDef::new(
        "name",
        |vm, o| {
            let t = text(vm, o)?;
            let b = check_attached(vm, t)?;
            vm.getattr_str(&b, "name")
        },
        None,
    ),
    GetSetDef::new(
        "closed",
        |vm, o| {
            let t = text(vm, o)?;
            let b = check_attached(vm, t)?;
            vm.getattr_str(&b, "closed")
        },
        None,
    ),
    GetSetDef::new(
        "newlines",
        |vm, o| {
            let t = text(vm, o)?;
            check_attached(vm, t)?;
            // A Python decoder's attribute is read with no borrow held.
            let py = match t.decoder.borrow().as_ref() {
                None => return Ok(vm.none()),
                Some(Decoder { nl: Some(nl), .. }) => return Ok(nl.newlines(vm)),
                Some(Decoder { inner: InnerDecoder::Python(d), .. }) => d.clone(),
                Some(_) => return Ok(vm.none()),
            };
            Ok(vm.getattr_str_opt(&py, "newlines")?.unwrap_or_else(|| vm.none()))
        },
        None,
    ),
    GetSetDef::new(
        "errors",
        |vm, o| {
            let t = text(vm, o)?;
            check_init(vm, t)?;
            Ok(t.errors.get().unwrap_or_else(|| vm.none()))
        },
        None,
    ),
    GetSetDef::new(
        "_CHUNK_SIZE",
        |vm, o| {
            let t = text(vm, o)?;
            check_attached(vm, t)?;
            Ok(vm.new_usize(t.chunk_size.get()))
        },
        Some(|vm, o, v| {
            let t = text(vm, o)?;
            check_attached(vm, t)?;
            let Some(v) = v else { return Err(vm.attribute_error("cannot delete attribute")) };
            let n = super::result_ssize(vm, v)?;
            if n <= 0 {
                return Err(vm.value_error("a strictly positive integer is required"));
            }
            t.chunk_size.set(n as usize);
            Ok(())
        }),
    ),
];

fn text<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a TextIO> {
    payload_or_err::<TextIO>(vm, o, "_io.TextIOWrapper")
}

fn check_init(vm: &Vm, t: &TextIO) -> PyResult<()> {
    if !t.ok.get() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(())
}

/// The buffer, or CPython's errors (`CHECK_ATTACHED`).
fn check_attached(vm: &Vm, t: &TextIO) -> PyResult<Obj> {
    check_init(vm, t)?;
    if t.detached.get() {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    t.buffer.get().ok_or_else(|| vm.value_error("underlying buffer has been detached"))
}

/// `CHECK_CLOSED`: through the raw FileIO when known, else `closed`.
fn check_closed(vm: &Vm, o: &Obj, t: &TextIO, buffer: &Obj) -> PyResult<()> {
    if super::is_exact_native(o) {
        let closed = match t.raw.get() {
            Some(raw) => match super::fileio::exact(&raw) {
                Some(f) => super::fileio::is_closed(f),
                None => vm.is_true(&vm.getattr_str(buffer, "closed")?)?,
            },
            None => vm.is_true(&vm.getattr_str(buffer, "closed")?)?,
        };
        if closed {
            return Err(closed_error(vm));
        }
        return Ok(());
    }
    iobase::check_closed(vm, o)
}

fn forward(vm: &Vm, o: &Obj, name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, name, a, kw)?;
    let t = text(vm, o)?;
    let b = check_attached(vm, t)?;
    vm.call_method(&b, name, &[])
}

fn textio_new(vm: &Vm, cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &io_type(vm, "_io.TextIOWrapper"), TextIO::default())
}

/// The locale's encoding (`locale.getencoding()`, CPython's
/// `_Py_GetLocaleEncodingObject`): the current LC_CTYPE codeset, UTF-8
/// when it is empty or in an embedded interpreter (which never set the
/// locale).
pub(crate) fn locale_encoding(vm: &Vm) -> Obj {
    if vm.config.borrow().locale_encoding.is_none() {
        return vm.new_str("UTF-8");
    }
    // SAFETY: nl_langinfo returns a NUL-terminated string, copied at once.
    let codeset = unsafe { std::ffi::CStr::from_ptr(libc::nl_langinfo(libc::CODESET)).to_string_lossy().into_owned() };
    vm.new_str(if codeset.is_empty() { "UTF-8" } else { &codeset })
}

/// In development mode (`-X dev`) an unknown error handler name is a
/// LookupError when the wrapper is made (CPython's `io_check_errors`).
fn check_errors_in_dev_mode(vm: &Vm, errors: &Obj) -> PyResult<()> {
    let dev_mode = {
        let config = vm.config.borrow();
        config.dev_mode || config.xoptions.iter().any(|x| x == "dev")
    };
    if !dev_mode {
        return Ok(());
    }
    let name = utf8_of(vm, errors).map_err(|e| {
        if vm.err_matches(&e, &vm.ctx.exceptions.value_error) {
            vm.value_error("embedded null character in errors")
        } else {
            e
        }
    })?;
    taipan_vm::api::codecs::lookup_error(vm, &name).map(drop)
}

/// CPython's `validate_newline`.
fn validate_newline(vm: &Vm, nl: &str) -> PyResult<()> {
    if nl.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    match nl {
        "" | "\n" | "\r" | "\r\n" => Ok(()),
        _ => Err(vm.value_error(format!("illegal newline value: {nl}"))),
    }
}

/// CPython's `set_newline`.
fn set_newline(vm: &Vm, t: &TextIO, newline: Option<&Obj>) -> PyResult<()> {
    let nl = match newline {
        Some(n) => Some(utf8_of(vm, n)?),
        None => None,
    };
    t.readuniversal.set(nl.as_deref().is_none_or(|s| s.is_empty()));
    t.readtranslate.set(nl.is_none());
    t.writetranslate.set(nl.as_deref() != Some(""));
    t.readnl.set(newline.cloned());
    let writenl = match nl.as_deref() {
        Some(s) if !s.is_empty() && s != "\n" => Some(s.to_string()),
        _ => None,
    };
    *t.writenl.borrow_mut() = if t.readuniversal.get() { None } else { writenl };
    Ok(())
}

/// A codec found for a TextIOWrapper: one the interpreter implements (the
/// fast paths of CPython's textio.c), or a CodecInfo from the codec
/// registry, whose incremental encoder and decoder do the work.
pub(crate) enum FoundCodec {
    Native(TextCodec),
    Registry { info: Obj, name: String },
}

impl FoundCodec {
    fn name(&self) -> &str {
        match self {
            FoundCodec::Native(c) => c.name(),
            FoundCodec::Registry { name, .. } => name,
        }
    }
}

/// Make the decoder and encoder for `encoding` (the buffer's
/// `readable()`/`writable()` say which are needed).
fn set_codec(vm: &Vm, t: &TextIO, buffer: &Obj, codec: &FoundCodec, errors: &Obj) -> PyResult<()> {
    let errors_s = utf8_of(vm, errors)?;
    let readable = vm.call_method(buffer, "readable", &[])?;
    if vm.is_true(&readable)? {
        let inner = match codec {
            FoundCodec::Native(c) => {
                InnerDecoder::Native { codec: c.clone(), pending: Vec::new(), errors: errors_s.clone() }
            }
            FoundCodec::Registry { info, .. } => {
                InnerDecoder::Python(vm.call_method(info, "incrementaldecoder", std::slice::from_ref(errors))?)
            }
        };
        let nl = if t.readuniversal.get() { Some(NewlineState::new(t.readtranslate.get())) } else { None };
        *t.decoder.borrow_mut() = Some(Decoder { inner, nl });
    } else {
        *t.decoder.borrow_mut() = None;
    }
    let writable = vm.call_method(buffer, "writable", &[])?;
    if vm.is_true(&writable)? {
        match codec {
            FoundCodec::Native(codec) => {
                let mut c = codec.clone();
                c.skip_bom();
                let name = codec.name();
                let ascii_compat = matches!(name, "utf-8" | "iso8859-1" | "ascii");
                *t.encoder.borrow_mut() =
                    Some(Encoder::Native { codec: c, errors: errors_s, bom: codec.bom(), ascii_compat });
                // A Python encoder (UTF-8-SIG's) writes its BOM at its first
                // call; CPython's own UTF-16/32 encoders only once the stream is
                // known to be at its start (see `fix_encoder_state`).
                t.bom_pending.set(name == "utf-8-sig");
            }
            FoundCodec::Registry { info, .. } => {
                let e = vm.call_method(info, "incrementalencoder", std::slice::from_ref(errors))?;
                *t.encoder.borrow_mut() = Some(Encoder::Python(e));
                t.bom_pending.set(false);
            }
        }
    } else {
        *t.encoder.borrow_mut() = None;
    }
    Ok(())
}

/// CPython's `_textiowrapper_fix_encoder_state`: on a seekable stream not
/// at its start, no BOM is written.
fn fix_encoder_state(vm: &Vm, t: &TextIO, buffer: &Obj) -> PyResult<()> {
    if !t.seekable.get() || t.encoder.borrow().is_none() {
        return Ok(());
    }
    t.bom_pending.set(true);
    let pos = vm.call_method(buffer, "tell", &[])?;
    if !vm.eq(&pos, &vm.new_int(0))? {
        encoder_reset(vm, t, false)?;
    }
    Ok(())
}

/// Reset the encoder for the start of the stream, or set it to continue
/// one (`encoder.reset()` / `encoder.setstate(0)`).
fn encoder_reset(vm: &Vm, t: &TextIO, start_of_stream: bool) -> PyResult<()> {
    let py = match t.encoder.borrow().as_ref() {
        Some(Encoder::Python(e)) => Some(e.clone()),
        _ => None,
    };
    if let Some(e) = py {
        if start_of_stream {
            vm.call_method(&e, "reset", &[])?;
        } else {
            vm.call_method(&e, "setstate", &[vm.new_int(0)])?;
        }
    }
    t.bom_pending.set(start_of_stream);
    Ok(())
}

fn encoding_name(vm: &Vm, enc: Option<&Obj>) -> PyResult<Obj> {
    match enc {
        // CPython's textiowrapper_init: the UTF-8 Mode's default.
        None if vm.config.borrow().utf8_mode => Ok(vm.new_str("utf-8")),
        None => Ok(locale_encoding(vm)),
        Some(e) if pystr::as_str(e) == Some("locale") => Ok(locale_encoding(vm)),
        Some(e) => Ok(e.clone()),
    }
}

/// CPython's `_PyCodec_LookupTextEncoding(encoding, "codecs.open()")`,
/// answered natively for the codecs the interpreter implements.
fn lookup_codec(vm: &Vm, encoding: &Obj) -> PyResult<FoundCodec> {
    let name = utf8_of(vm, encoding)?;
    let not_text = || {
        vm.lookup_error(format!("'{name:.400}' is not a text encoding; use codecs.open() to handle arbitrary codecs"))
    };
    match lookup_text_codec(vm, &name) {
        Ok(c) => Ok(FoundCodec::Native(c)),
        Err(e) => {
            let msg = vm.str(e.value()).map(|m| pystr::as_str_lossy(&m).into_owned()).unwrap_or_default();
            // A codec the interpreter knows is not a text encoding still
            // goes by its CodecInfo's `_is_text_encoding`, which a program
            // may have changed.
            let not_text_natively = msg.contains("is not a text encoding");
            if !not_text_natively && !vm.err_matches(&e, &vm.ctx.exceptions.lookup_error) {
                return Err(e);
            }
            let info = codecs::lookup(vm, &name)?;
            let is_text = match vm.getattr_str_opt(&info, "_is_text_encoding")? {
                Some(flag) => vm.is_true(&flag)?,
                None => !not_text_natively,
            };
            if !is_text {
                return Err(not_text());
            }
            let cname = match vm.getattr_str_opt(&info, "name")? {
                Some(n) if pystr::data(&n).is_some() => utf8_of(vm, &n)?,
                _ => name.clone(),
            };
            Ok(FoundCodec::Registry { info, name: cname })
        }
    }
}

const INIT_NAMES: &[&str] = &["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"];

fn textio_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let a = args::parse(vm, "TextIOWrapper", a, kw, INIT_NAMES, 1)?;
    let t = text(vm, o)?;
    let buffer = a[0].clone().unwrap_or_else(|| vm.none());
    t.ok.set(false);
    t.detached.set(false);
    let encoding = super::opt_str_arg(vm, a[1].as_ref(), "TextIOWrapper", "encoding")?;
    let errors = match a[2].as_ref().filter(|e| !vm.is_none(e)) {
        None => vm.new_str("strict"),
        Some(e) if pystr::data(e).is_some() => {
            check_errors_in_dev_mode(vm, e)?;
            e.clone()
        }
        Some(e) => {
            return Err(
                vm.type_error(format!("TextIOWrapper() argument 'errors' must be str or None, not {:.50}", tp_name(e)))
            )
        }
    };
    let newline = super::opt_str_arg(vm, a[3].as_ref(), "TextIOWrapper", "newline")?;
    if let Some(n) = &newline {
        validate_newline(vm, &utf8_of(vm, n)?)?;
    }
    if encoding.is_none() && vm.config.borrow().warn_default_encoding {
        warn_default_encoding_used(vm, 1)?;
    }
    let line_buffering = match &a[4] {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => false,
    };
    let write_through = match &a[5] {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => false,
    };
    // Reset everything (`__init__` may be called again).
    t.buffer.set(None);
    t.raw.set(None);
    *t.decoder.borrow_mut() = None;
    *t.encoder.borrow_mut() = None;
    t.decoded_chars.set(None);
    t.decoded_chars_used.set(0);
    t.pending_bytes.borrow_mut().clear();
    *t.snapshot.borrow_mut() = None;
    t.b2cratio.set(0.0);

    let enc = encoding_name(vm, encoding.as_ref())?;
    let codec = lookup_codec(vm, &enc)?;
    t.encoding.set(Some(enc));
    t.errors.set(Some(errors.clone()));
    t.chunk_size.set(8192);
    t.line_buffering.set(line_buffering);
    t.write_through.set(write_through);
    set_newline(vm, t, newline.as_ref())?;
    t.buffer.set(Some(buffer.clone()));
    set_codec(vm, t, &buffer, &codec, &errors)?;
    if let Some(raw) = bufferedio::exact_raw_fileio(&buffer) {
        t.raw.set(Some(raw));
    }
    let seekable = vm.call_method(&buffer, "seekable", &[])?;
    let seekable = vm.is_true(&seekable)?;
    t.seekable.set(seekable);
    t.telling.set(seekable);
    t.has_read1.set(vm.getattr_str_opt(&buffer, "read1")?.is_some());
    if !matches!(codec.name(), "utf-8-sig") {
        t.bom_pending.set(false);
    }
    fix_encoder_state(vm, t, &buffer)?;
    t.ok.set(true);
    Ok(())
}

fn textio_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = text(vm, o)?;
    check_init(vm, t)?;
    let Some(_guard) = vm.repr_enter(o) else {
        return Err(vm.runtime_error(format!("reentrant call inside {}.__repr__", tp_name(o))));
    };
    let mut s = String::from("<_io.TextIOWrapper");
    let name = match vm.getattr_str_opt(o, "name") {
        Ok(n) => n,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.value_error) => None,
        Err(e) => return Err(e),
    };
    if let Some(n) = name {
        s.push_str(&format!(" name={}", vm.repr_string(&n)?));
    }
    if let Some(m) = vm.getattr_str_opt(o, "mode")? {
        s.push_str(&format!(" mode={}", vm.repr_string(&m)?));
    }
    let enc = t.encoding.get().unwrap_or_else(|| vm.none());
    s.push_str(&format!(" encoding={}>", vm.repr_string(&enc)?));
    Ok(vm.new_str_from_string(s))
}

// ---- writing -------------------------------------------------------------------------------------

/// Hand the pending encoded bytes to the buffer (CPython's
/// `_textiowrapper_writeflush`).
fn writeflush(vm: &Vm, t: &TextIO, buffer: &Obj) -> PyResult<()> {
    if t.pending_bytes.borrow().is_empty() {
        return Ok(());
    }
    let pending = std::mem::take(&mut *t.pending_bytes.borrow_mut());
    loop {
        let r = match bufferedio::fast_write(vm, buffer, &pending) {
            Some(r) => r.map(|_| ()),
            None => vm.call_method(buffer, "write", &[vm.new_bytes(pending.clone())]).map(|_| ()),
        };
        match r {
            Err(e) if is_eintr(vm, &e) => continue,
            r => return r,
        }
    }
}

fn buffer_flush(vm: &Vm, buffer: &Obj) -> PyResult<()> {
    match bufferedio::fast_flush(vm, buffer) {
        Some(r) => r,
        None => vm.call_method(buffer, "flush", &[]).map(|_| ()),
    }
}

fn textio_write(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "write", a, kw, 1, 1)?;
    let s = &a[0];
    let Some(sd) = pystr::data(s) else {
        return Err(vm.type_error(format!("write() argument must be str, not {:.100}", super::arg_type_name(vm, s))));
    };
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    check_closed(vm, o, t, &buffer)?;
    if t.encoder.borrow().is_none() {
        return Err(unsupported(vm, "not writable"));
    }
    let textlen = sd.len();
    let writenl = t.writenl.borrow().clone();
    let mut haslf = false;
    if (t.writetranslate.get() && writenl.is_some()) || t.line_buffering.get() {
        haslf = str_contains(sd, '\n' as u32);
    }
    let mut text_obj = s.clone();
    if haslf && t.writetranslate.get() {
        if let Some(nl) = &writenl {
            text_obj = vm.call_method(s, "replace", &[vm.new_str("\n"), vm.new_str(nl)])?;
        }
    }
    let text_needflush = t.write_through.get();
    let needflush =
        t.line_buffering.get() && (haslf || pystr::data(&text_obj).is_some_and(|d| str_contains(d, '\r' as u32)));
    let encoded = encode_text(vm, t, &text_obj)?;
    add_pending(vm, t, &buffer, encoded)?;
    if t.pending_bytes.borrow().len() >= t.chunk_size.get() || needflush || text_needflush {
        writeflush(vm, t, &buffer)?;
    }
    if needflush {
        buffer_flush(vm, &buffer)?;
    }
    t.decoded_chars.set(None);
    *t.snapshot.borrow_mut() = None;
    let has_decoder = t.decoder.borrow().is_some();
    if has_decoder {
        with_decoder(vm, t, |d| d.reset(vm))?;
    }
    Ok(vm.new_usize(textlen))
}

/// Encoded text on its way to the pending bytes: the BOM to put first,
/// then the text (ASCII text as it is, for ASCII-compatible codecs).
struct Encoded<'a> {
    bom: Vec<u8>,
    ascii: Option<&'a str>,
    bytes: Vec<u8>,
}

impl Encoded<'_> {
    fn len(&self) -> usize {
        self.bom.len() + self.ascii.map_or(self.bytes.len(), str::len)
    }
}

/// Encode text for writing (CPython's encodefunc fast paths: ASCII text no
/// longer than a chunk needs no encoding for ASCII-compatible codecs).
fn encode_text<'a>(vm: &Vm, t: &TextIO, s: &'a Obj) -> PyResult<Encoded<'a>> {
    let py = match t.encoder.borrow().as_ref() {
        Some(Encoder::Python(e)) => Some(e.clone()),
        _ => None,
    };
    if let Some(e) = py {
        let b = vm.call_method(&e, "encode", std::slice::from_ref(s))?;
        let Some(bytes) = bytes::as_bytes_ref(&b) else {
            return Err(vm.type_error(format!("encoder should return a bytes object, not '{:.200}'", tp_name(&b))));
        };
        t.bom_pending.set(false);
        return Ok(Encoded { bom: Vec::new(), ascii: None, bytes: bytes.to_vec() });
    }
    let d = pystr::data(s);
    let mut enc = t.encoder.borrow_mut();
    let Some(Encoder::Native { codec, errors, bom, ascii_compat }) = enc.as_mut() else {
        return Err(unsupported(vm, "not writable"));
    };
    let ascii = match d {
        Some(d) if *ascii_compat && d.is_ascii() && d.len() <= t.chunk_size.get() => d.as_str(),
        _ => None,
    };
    let bytes = match ascii {
        Some(_) => Vec::new(),
        None => codec.encode(vm, s, Some(errors.as_str()))?,
    };
    let bom = if t.bom_pending.get() { bom.to_vec() } else { Vec::new() };
    t.bom_pending.set(false);
    Ok(Encoded { bom, ascii, bytes })
}

/// Add encoded text to the pending bytes; what was pending goes to the
/// buffer first when both together would pass a chunk, so a write never
/// hands the buffer more than a chunk plus one text (CPython's bpo-43260).
fn add_pending(vm: &Vm, t: &TextIO, buffer: &Obj, e: Encoded<'_>) -> PyResult<()> {
    let pending = t.pending_bytes.borrow().len();
    if pending > 0 && pending + e.len() > t.chunk_size.get() {
        writeflush(vm, t, buffer)?;
    }
    let mut p = t.pending_bytes.borrow_mut();
    p.extend_from_slice(&e.bom);
    match e.ascii {
        Some(a) => p.extend_from_slice(a.as_bytes()),
        None if p.is_empty() => *p = e.bytes,
        None => p.extend_from_slice(&e.bytes),
    }
    Ok(())
}

fn textio_flush(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "flush", a, kw)?;
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    check_closed(vm, o, t, &buffer)?;
    t.telling.set(t.seekable.get());
    writeflush(vm, t, &buffer)?;
    vm.call_method(&buffer, "flush", &[])
}

fn textio_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "close", a, kw)?;
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    let closed = vm.getattr_str(&buffer, "closed")?;
    if vm.is_true(&closed)? {
        return Ok(vm.none());
    }
    if t.finalizing.get() {
        // CPython's textiowrapper_close: the buffer warns for us.
        let _ = vm.call_method(&buffer, "_dealloc_warn", std::slice::from_ref(o));
    }
    let flushed = vm.call_method(o, "flush", &[]);
    let closed = vm.call_method(&buffer, "close", &[]);
    match (flushed, closed) {
        (Ok(_), r) => r,
        (Err(e), Ok(_)) => Err(e),
        (Err(first), Err(later)) => Err(super::chain(vm, first, later)),
    }
}

fn textio_detach(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "detach", a, kw)?;
    let t = text(vm, o)?;
    check_attached(vm, t)?;
    vm.call_method(o, "flush", &[])?;
    let b = t.buffer.take().unwrap_or_else(|| vm.none());
    t.detached.set(true);
    Ok(b)
}

// ---- reading -------------------------------------------------------------------------------------

/// Run `f` on the decoder, taken out of its cell while `f` runs (a
/// Python decoder may call back into this object).
fn with_decoder<R>(vm: &Vm, t: &TextIO, f: impl FnOnce(&mut Decoder) -> PyResult<R>) -> PyResult<R> {
    let Some(mut d) = t.decoder.borrow_mut().take() else {
        return Err(unsupported(vm, "not readable"));
    };
    let r = f(&mut d);
    let mut slot = t.decoder.borrow_mut();
    if slot.is_none() {
        *slot = Some(d);
    }
    r
}

/// Take up to `n` (all if negative) of the decoded characters.
fn get_decoded_chars(vm: &Vm, t: &TextIO, n: isize) -> Obj {
    let Some(chars) = t.decoded_chars.get() else { return vm.ctx.empty_str.clone() };
    let used = t.decoded_chars_used.get();
    let total = pystr::len(&chars);
    let avail = total.saturating_sub(used);
    let n = if n < 0 || n as usize > avail { avail } else { n as usize };
    t.decoded_chars_used.set(used + n);
    if used == 0 && n == avail {
        return chars;
    }
    match pystr::data(&chars) {
        Some(d) => vm.new_str_data(d.substring(used, used + n)),
        None => vm.ctx.empty_str.clone(),
    }
}

fn set_decoded_chars(t: &TextIO, chars: Option<Obj>) {
    t.decoded_chars.set(chars);
    t.decoded_chars_used.set(0);
}

/// The bytes of a bytes-like result of the buffer.
fn bytes_of(vm: &Vm, o: &Obj, method: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes::as_bytes_ref(o) {
        return Ok(b.to_vec());
    }
    if buffer::is_bytes_like(o) {
        return buffer::with_bytes(vm, o, |b| b.to_vec());
    }
    Err(vm.type_error(format!(
        "underlying {method}() should have returned a bytes-like object, not '{:.200}'",
        tp_name(o)
    )))
}

/// Read and decode a chunk (CPython's `textiowrapper_read_chunk`); false
/// at EOF.
fn read_chunk(vm: &Vm, t: &TextIO, buffer: &Obj, size_hint: isize) -> PyResult<bool> {
    if t.decoder.borrow().is_none() {
        return Err(unsupported(vm, "not readable"));
    }
    let state = if t.telling.get() { Some(with_decoder(vm, t, |d| d.getstate(vm))?) } else { None };
    let size_hint = if size_hint > 0 { (t.b2cratio.get().max(1.0) * size_hint as f64) as isize } else { size_hint };
    let chunk_size = (t.chunk_size.get() as isize).max(size_hint).max(0);
    let input: Vec<u8> = if t.has_read1.get() {
        match bufferedio::fast_read1(vm, buffer, chunk_size as i64) {
            Some(r) => r?,
            None => {
                let r = vm.call_method(buffer, "read1", &[vm.new_int(chunk_size as i64)])?;
                bytes_of(vm, &r, "read1")?
            }
        }
    } else {
        let r = vm.call_method(buffer, "read", &[vm.new_int(chunk_size as i64)])?;
        bytes_of(vm, &r, "read")?
    };
    let nbytes = input.len();
    let mut eof = nbytes == 0;
    let decoded = with_decoder(vm, t, |d| d.decode(vm, &input, eof))?;
    let nchars = pystr::len(&decoded);
    set_decoded_chars(t, Some(decoded));
    t.b2cratio.set(if nchars > 0 { nbytes as f64 / nchars as f64 } else { 0.0 });
    if nchars > 0 {
        eof = false;
    }
    if let Some((mut dec_buffer, dec_flags)) = state {
        dec_buffer.extend_from_slice(&input);
        *t.snapshot.borrow_mut() = Some((dec_flags as i64, dec_buffer));
    }
    Ok(!eof)
}

fn textio_read(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "read", a, kw, 0, 1)?;
    let n = optional_ssize(vm, a.first(), -1)?;
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    check_closed(vm, o, t, &buffer)?;
    if t.decoder.borrow().is_none() {
        return Err(unsupported(vm, "not readable"));
    }
    writeflush(vm, t, &buffer)?;
    if n < 0 {
        let data = vm.call_method(&buffer, "read", &[])?;
        let input = buffer::with_bytes(vm, &data, |b| b.to_vec())?;
        let decoded = with_decoder(vm, t, |d| d.decode(vm, &input, true))?;
        let head = get_decoded_chars(vm, t, -1);
        let result = if pystr::len(&head) == 0 {
            decoded
        } else {
            let mut b = TextBuilder::new();
            b.push_obj(&head);
            b.push_obj(&decoded);
            b.finish(vm)
        };
        set_decoded_chars(t, None);
        *t.snapshot.borrow_mut() = None;
        return Ok(result);
    }
    let mut result = get_decoded_chars(vm, t, n);
    let mut remaining = n - pystr::len(&result) as isize;
    if remaining <= 0 {
        return Ok(result);
    }
    let mut chunks = TextBuilder::new();
    let mut any_chunks = false;
    while remaining > 0 {
        let more = match read_chunk(vm, t, &buffer, remaining) {
            Ok(m) => m,
            Err(e) if is_eintr(vm, &e) => continue,
            Err(e) => return Err(e),
        };
        if !more {
            break;
        }
        chunks.push_obj(&result);
        any_chunks = true;
        result = get_decoded_chars(vm, t, remaining);
        remaining -= pystr::len(&result) as isize;
    }
    if any_chunks {
        chunks.push_obj(&result);
        return Ok(chunks.finish(vm));
    }
    Ok(result)
}

/// CPython's `_textiowrapper_readline`.
fn readline_impl(vm: &Vm, o: &Obj, t: &TextIO, buffer: &Obj, limit: isize) -> PyResult<Obj> {
    check_closed(vm, o, t, buffer)?;
    writeflush(vm, t, buffer)?;
    let readnl: Vec<u32> = t.readnl.get().map(|n| super::code_points(&n)).unwrap_or_default();
    let (translated, universal) = (t.readtranslate.get(), t.readuniversal.get());
    let mut chunks: Vec<Obj> = Vec::new();
    let mut chunked: isize = 0;
    let mut remaining: Option<Obj> = None;
    let line: Option<Obj>;
    let (mut start, mut endpos, mut offset_to_buffer): (usize, usize, usize);
    loop {
        let mut res = true;
        while decoded_avail_total(t) == 0 {
            res = match read_chunk(vm, t, buffer, 0) {
                Ok(r) => r,
                Err(e) if is_eintr(vm, &e) => continue,
                Err(e) => return Err(e),
            };
            if !res {
                break;
            }
        }
        if !res {
            set_decoded_chars(t, None);
            *t.snapshot.borrow_mut() = None;
            line = None;
            start = 0;
            endpos = 0;
            offset_to_buffer = 0;
            break;
        }
        let cur = t.decoded_chars.get().unwrap_or_else(|| vm.ctx.empty_str.clone());
        let l = match remaining.take() {
            None => {
                start = t.decoded_chars_used.get();
                offset_to_buffer = 0;
                cur
            }
            Some(rem) => {
                start = 0;
                offset_to_buffer = pystr::len(&rem);
                let mut b = TextBuilder::new();
                b.push_obj(&rem);
                b.push_obj(&cur);
                b.finish(vm)
            }
        };
        let Some(ld) = pystr::data(&l) else { return Ok(vm.ctx.empty_str.clone()) };
        let line_len = ld.len();
        let lt = LineText::of(ld);
        match super::find_line_ending(translated, universal, &readnl, &lt, start, line_len) {
            Ok(e) => {
                endpos = e;
                if limit >= 0 && (endpos - start) as isize + chunked >= limit {
                    endpos = (start as isize + limit - chunked) as usize;
                }
                line = Some(l);
                break;
            }
            Err(consumed) => {
                endpos = consumed;
                if limit >= 0 && (endpos - start) as isize + chunked >= limit {
                    endpos = (start as isize + limit - chunked) as usize;
                    line = Some(l);
                    break;
                }
                if endpos > start {
                    let s = vm.new_str_data(ld.substring(start, endpos));
                    chunked += (endpos - start) as isize;
                    chunks.push(s);
                }
                if endpos < line_len {
                    remaining = Some(vm.new_str_data(ld.substring(endpos, line_len)));
                }
                set_decoded_chars(t, None);
            }
        }
    }
    let mut line_obj = None;
    if let Some(l) = line {
        t.decoded_chars_used.set(endpos - offset_to_buffer);
        let len = pystr::len(&l);
        line_obj = Some(if start > 0 || endpos < len {
            match pystr::data(&l) {
                Some(d) => vm.new_str_data(d.substring(start, endpos)),
                None => l,
            }
        } else {
            l
        });
    }
    if let Some(rem) = remaining {
        chunks.push(rem);
    }
    if !chunks.is_empty() {
        if let Some(l) = line_obj {
            chunks.push(l);
        }
        let mut b = TextBuilder::new();
        for c in &chunks {
            b.push_obj(c);
        }
        return Ok(b.finish(vm));
    }
    Ok(line_obj.unwrap_or_else(|| vm.ctx.empty_str.clone()))
}

/// CPython's test is `!self->decoded_chars || !PyUnicode_GET_LENGTH(...)`
/// (the whole string, used part included).
fn decoded_avail_total(t: &TextIO) -> usize {
    t.decoded_chars.with(|d| d.map(pystr::len).unwrap_or(0))
}

fn textio_readline(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "readline", a, kw, 0, 1)?;
    let limit = match a.first() {
        Some(l) => super::ssize_arg(vm, l)?,
        None => -1,
    };
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    readline_impl(vm, o, t, &buffer, limit)
}

fn textio_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    t.telling.set(false);
    let line = if super::is_exact_native(o) {
        readline_impl(vm, o, t, &buffer, -1)
    } else {
        vm.call_method(o, "readline", &[]).and_then(|l| {
            if pystr::data(&l).is_none() {
                return Err(
                    vm.os_error(format!("readline() should have returned a str object, not '{:.200}'", tp_name(&l)))
                );
            }
            Ok(l)
        })
    };
    match line {
        Ok(l) if pystr::len(&l) > 0 => Ok(Some(l)),
        r => {
            *t.snapshot.borrow_mut() = None;
            t.telling.set(t.seekable.get());
            r.map(|_| None)
        }
    }
}

// ---- tell and seek -------------------------------------------------------------------------------

fn build_cookie(vm: &Vm, c: &Cookie) -> PyResult<Obj> {
    if c.dec_flags == 0 && c.bytes_to_feed == 0 && c.chars_to_skip == 0 && !c.need_eof && c.start_pos >= 0 {
        return Ok(vm.new_int(c.start_pos));
    }
    let from_bytes = vm.getattr_str(&vm.ctx.types.int, "from_bytes")?;
    vm.call(&from_bytes, &[vm.new_bytes(c.to_bytes().to_vec()), vm.new_str("little")], None)
}

fn parse_cookie(vm: &Vm, cookie: &Obj) -> PyResult<Cookie> {
    let v = vm.call(&vm.ctx.types.int, std::slice::from_ref(cookie), None)?;
    if let Some(x) = int::value(&v).and_then(|x| x.as_i64()) {
        if x >= 0 {
            return Ok(Cookie { start_pos: x, ..Default::default() });
        }
    }
    let to_bytes = vm.getattr_str(&v, "to_bytes")?;
    let b = vm.call(&to_bytes, &[vm.new_usize(COOKIE_BUF_LEN), vm.new_str("little")], None)?;
    let bytes = bytes::as_bytes_ref(&b).map(|b| b.to_vec()).unwrap_or_default();
    Ok(Cookie::from_bytes(&bytes))
}

/// Restore the decoder to a cookie's state (`reset()` at the start of
/// the stream, as CPython, for decoders whose start state is not 0).
fn decoder_setstate(vm: &Vm, t: &TextIO, c: &Cookie) -> PyResult<()> {
    with_decoder(vm, t, |d| {
        if c.start_pos == 0 && c.dec_flags == 0 {
            d.reset(vm)
        } else {
            d.setstate(vm, b"", c.dec_flags as u32 as u64)
        }
    })
}

fn textio_tell(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "tell", a, kw)?;
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    check_closed(vm, o, t, &buffer)?;
    if !t.seekable.get() {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    if !t.telling.get() {
        return Err(vm.os_error("telling position disabled by next() call"));
    }
    writeflush(vm, t, &buffer)?;
    vm.call_method(o, "flush", &[])?;
    let posobj = vm.call_method(&buffer, "tell", &[])?;
    let snapshot = t.snapshot.borrow().clone();
    let (Some((dec_flags, next_input)), true) = (snapshot, t.decoder.borrow().is_some()) else {
        return Ok(posobj);
    };
    let pos = vm.index_value(&posobj)?.as_i64().ok_or_else(|| vm.overflow_error("int too big to convert"))?;
    let mut cookie =
        Cookie { start_pos: pos - next_input.len() as i64, dec_flags: dec_flags as i32, ..Default::default() };
    if t.decoded_chars_used.get() == 0 {
        return build_cookie(vm, &cookie);
    }
    let mut chars_to_skip = t.decoded_chars_used.get() as i64;
    let saved = with_decoder(vm, t, |d| d.getstate(vm))?;
    let result: PyResult<Cookie> = (|| {
        // Fast search for a start point near the position: decode up to
        // a guess and step back until the decoder has nothing buffered.
        let mut skip_bytes = (t.b2cratio.get() * chars_to_skip as f64) as i64;
        let mut skip_back: i64 = 1;
        while skip_bytes > 0 {
            decoder_setstate(vm, t, &cookie)?;
            let end = (skip_bytes as usize).min(next_input.len());
            let n = with_decoder(vm, t, |d| d.decode(vm, &next_input[..end], false))?;
            let chars = pystr::len(&n) as i64;
            if chars <= chars_to_skip {
                let (dec_buffer, flags) = with_decoder(vm, t, |d| d.getstate(vm))?;
                if dec_buffer.is_empty() {
                    cookie.dec_flags = flags as i32;
                    chars_to_skip -= chars;
                    break;
                }
                skip_bytes -= dec_buffer.len() as i64;
                skip_back = 1;
            } else {
                skip_bytes -= skip_back;
                skip_back *= 2;
            }
        }
        if skip_bytes <= 0 {
            skip_bytes = 0;
            decoder_setstate(vm, t, &cookie)?;
        }
        cookie.start_pos += skip_bytes;
        cookie.chars_to_skip = chars_to_skip as i32;
        if chars_to_skip == 0 {
            return Ok(cookie);
        }
        // Feed one byte at a time up to the position, noting the last
        // point where the decoder had nothing buffered.
        let mut chars_decoded: i64 = 0;
        let mut i = skip_bytes as usize;
        let end = next_input.len();
        while i < end {
            let n = with_decoder(vm, t, |d| d.decode(vm, &next_input[i..i + 1], false))?;
            chars_decoded += pystr::len(&n) as i64;
            cookie.bytes_to_feed = cookie.bytes_to_feed.saturating_add(1);
            let (dec_buffer, flags) = with_decoder(vm, t, |d| d.getstate(vm))?;
            if dec_buffer.is_empty() && chars_decoded <= chars_to_skip {
                cookie.start_pos += cookie.bytes_to_feed as i64;
                chars_to_skip -= chars_decoded;
                cookie.dec_flags = flags as i32;
                cookie.bytes_to_feed = 0;
                chars_decoded = 0;
            }
            if chars_decoded >= chars_to_skip {
                break;
            }
            i += 1;
        }
        if i == end {
            let n = with_decoder(vm, t, |d| d.decode(vm, b"", true))?;
            chars_decoded += pystr::len(&n) as i64;
            cookie.need_eof = true;
            if chars_decoded < chars_to_skip {
                return Err(vm.os_error("can't reconstruct logical file position"));
            }
        }
        cookie.chars_to_skip = chars_to_skip as i32;
        Ok(cookie)
    })();
    with_decoder(vm, t, |d| d.setstate(vm, &saved.0, saved.1))?;
    build_cookie(vm, &result?)
}

fn textio_seek(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "seek", a, kw, 1, 2)?;
    let whence = match a.get(1) {
        Some(w) => c_int_arg(vm, w)?,
        None => 0,
    };
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    check_closed(vm, o, t, &buffer)?;
    let mut cookie_obj = a[0].clone();
    if !t.seekable.get() {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    let zero = vm.new_int(0);
    match whence {
        1 => {
            if !vm.eq(&cookie_obj, &zero)? {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            cookie_obj = vm.call_method(o, "tell", &[])?;
        }
        2 => {
            if !vm.eq(&cookie_obj, &zero)? {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            vm.call_method(o, "flush", &[])?;
            set_decoded_chars(t, None);
            *t.snapshot.borrow_mut() = None;
            if t.decoder.borrow().is_some() {
                with_decoder(vm, t, |d| d.reset(vm))?;
            }
            let res = vm.call_method(&buffer, "seek", &[vm.new_int(0), vm.new_int(2)])?;
            if t.encoder.borrow().is_some() {
                let at_start = vm.eq(&res, &zero)?;
                encoder_reset(vm, t, at_start)?;
            }
            return Ok(res);
        }
        0 => {}
        _ => {
            return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
        }
    }
    if vm.lt(&cookie_obj, &zero)? {
        return Err(vm.value_error(format!("negative seek position {}", vm.repr_string(&cookie_obj)?)));
    }
    vm.call_method(o, "flush", &[])?;
    let cookie = parse_cookie(vm, &cookie_obj)?;
    vm.call_method(&buffer, "seek", &[vm.new_int(cookie.start_pos)])?;
    set_decoded_chars(t, None);
    *t.snapshot.borrow_mut() = None;
    if t.decoder.borrow().is_some() {
        decoder_setstate(vm, t, &cookie)?;
    }
    if cookie.chars_to_skip != 0 {
        let chunk = vm.call_method(&buffer, "read", &[vm.new_int(cookie.bytes_to_feed as i64)])?;
        let Some(input) = bytes::as_bytes_ref(&chunk).map(|b| b.to_vec()) else {
            return Err(vm.type_error(format!(
                "underlying read() should have returned a bytes object, not '{:.200}'",
                tp_name(&chunk)
            )));
        };
        *t.snapshot.borrow_mut() = Some((cookie.dec_flags as i64, input.clone()));
        let decoded = with_decoder(vm, t, |d| d.decode(vm, &input, cookie.need_eof))?;
        let n = pystr::len(&decoded);
        set_decoded_chars(t, Some(decoded));
        if (n as i64) < cookie.chars_to_skip as i64 {
            return Err(vm.os_error("can't restore logical file position"));
        }
        t.decoded_chars_used.set(cookie.chars_to_skip.max(0) as usize);
    } else {
        *t.snapshot.borrow_mut() = Some((cookie.dec_flags as i64, Vec::new()));
    }
    if t.encoder.borrow().is_some() {
        encoder_reset(vm, t, cookie.start_pos == 0 && cookie.dec_flags == 0)?;
    }
    Ok(cookie_obj)
}

fn textio_truncate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "truncate", a, kw, 0, 1)?;
    let t = text(vm, o)?;
    let buffer = check_attached(vm, t)?;
    vm.call_method(o, "flush", &[])?;
    let pos = a.first().cloned().unwrap_or_else(|| vm.none());
    vm.call_method(&buffer, "truncate", &[pos])
}

// ---- reconfigure ---------------------------------------------------------------------------------

fn textio_reconfigure(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "reconfigure",
        names: &["encoding", "errors", "newline", "line_buffering", "write_through"],
        posonly: 0,
        required: 0,
        kwonly_from: 0,
    };
    let a = args::parse_spec(vm, &spec, a, kw)?;
    let t = text(vm, o)?;
    let is_none = |x: &Option<Obj>| x.as_ref().is_none_or(|v| vm.is_none(v));
    let encoding = a[0].clone().filter(|v| !vm.is_none(v));
    let errors = a[1].clone().filter(|v| !vm.is_none(v));
    if let Some(e) = &encoding {
        if pystr::data(e).is_none() {
            return Err(
                vm.type_error(format!("reconfigure() argument 'encoding' must be str or None, not {}", tp_name(e)))
            );
        }
    }
    if let Some(e) = &errors {
        if pystr::data(e).is_none() {
            return Err(
                vm.type_error(format!("reconfigure() argument 'errors' must be str or None, not {}", tp_name(e)))
            );
        }
    }
    let newline_given = a[2].is_some();
    if t.decoded_chars.is_some() && (!is_none(&a[0]) || !is_none(&a[1]) || newline_given) {
        return Err(unsupported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    let newline = a[2].clone().filter(|v| !vm.is_none(v));
    if let Some(n) = &newline {
        if pystr::data(n).is_none() {
            return Err(
                vm.type_error(format!("reconfigure() argument 'newline' must be str or None, not {}", tp_name(n)))
            );
        }
        validate_newline(vm, &utf8_of(vm, n)?)?;
    }
    // CPython's convert_optional_bool: an int, or None for no change.
    let line_buffering = match a[3].as_ref().filter(|v| !vm.is_none(v)) {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => t.line_buffering.get(),
    };
    let write_through = match a[4].as_ref().filter(|v| !vm.is_none(v)) {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => t.write_through.get(),
    };
    vm.call_method(o, "flush", &[])?;
    if encoding.is_some() || errors.is_some() || newline_given {
        t.b2cratio.set(0.0);
        if newline_given {
            set_newline(vm, t, newline.as_ref())?;
        }
        change_encoding(vm, t, encoding, errors, newline_given)?;
    }
    t.line_buffering.set(line_buffering);
    t.write_through.set(write_through);
    Ok(vm.none())
}

fn change_encoding(
    vm: &Vm,
    t: &TextIO,
    encoding: Option<Obj>,
    errors: Option<Obj>,
    newline_changed: bool,
) -> PyResult<()> {
    if encoding.is_none() && errors.is_none() && !newline_changed {
        return Ok(());
    }
    let (enc, errs) = match encoding {
        None => {
            let enc = t.encoding.get().unwrap_or_else(|| locale_encoding(vm));
            let errs = errors.unwrap_or_else(|| t.errors.get().unwrap_or_else(|| vm.new_str("strict")));
            (enc, errs)
        }
        Some(e) => (encoding_name(vm, Some(&e))?, errors.unwrap_or_else(|| vm.new_str("strict"))),
    };
    // CPython looks the codec up by the name as a C string: up to a NUL
    // ('locale\0' is the unknown encoding 'locale'), keeping the whole name.
    let lookup_name = match pystr::as_str(&enc).and_then(|s| s.split_once('\0')) {
        Some((head, _)) => vm.new_str(head),
        None => enc.clone(),
    };
    let codec = lookup_codec(vm, &lookup_name)?;
    let buffer = check_attached(vm, t)?;
    set_codec(vm, t, &buffer, &codec, &errs)?;
    if codec.name() != "utf-8-sig" {
        t.bom_pending.set(false);
    }
    t.encoding.set(Some(enc));
    t.errors.set(Some(errs));
    fix_encoder_state(vm, t, &buffer)
}

// ---- IncrementalNewlineDecoder -------------------------------------------------------------------

pub(crate) struct NewlineDecoder {
    decoder: ObjCell,
    errors: ObjCell,
    state: Cell<NewlineState>,
}
impl PyPayload for NewlineDecoder {}

pub(crate) fn make_newline_decoder_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_io.IncrementalNewlineDecoder",
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        methods: &[
            MethodDef::method("decode", nld_decode),
            MethodDef::method("getstate", nld_getstate),
            MethodDef::method("setstate", nld_setstate),
            MethodDef::method("reset", nld_reset),
        ],
        getsets: &[GetSetDef::new("newlines", nld_newlines, None)],
        doc: Some(
            "Codec used when reading a file in universal newlines mode.\n\nIt wraps another incremental decoder, translating \\r\\n and \\r into \\n.\nIt also records the types of newlines encountered.  When used with\ntranslate=False, it ensures that the newline sequence is returned in\none piece. When used with decoder=None, it expects unicode strings as\ndecode input and translates newlines without first invoking an external\ndecoder.",
        ),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<NewlineDecoder>(vm, &spec, |s| {
        s.new.set(Some(nld_new));
        s.init.set(Some(nld_init));
    })
}

fn nld_new(vm: &Vm, cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(
        vm,
        cls,
        &io_type(vm, "_io.IncrementalNewlineDecoder"),
        NewlineDecoder {
            decoder: ObjCell::new(None),
            errors: ObjCell::new(None),
            state: Cell::new(NewlineState::default()),
        },
    )
}

fn nld_init(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    let a = args::parse(vm, "IncrementalNewlineDecoder", a, kw, &["decoder", "translate", "errors"], 2)?;
    let d = payload_or_err::<NewlineDecoder>(vm, o, "_io.IncrementalNewlineDecoder")?;
    let translate = match &a[1] {
        Some(v) => c_int_arg(vm, v)? != 0,
        None => false,
    };
    d.decoder.set(a[0].clone());
    d.errors.set(Some(a[2].clone().unwrap_or_else(|| vm.new_str("strict"))));
    d.state.set(NewlineState::new(translate));
    Ok(())
}

fn nld_check<'a>(vm: &Vm, o: &'a Obj) -> PyResult<(&'a NewlineDecoder, Obj)> {
    let d = payload_or_err::<NewlineDecoder>(vm, o, "_io.IncrementalNewlineDecoder")?;
    let inner = d.decoder.get().ok_or_else(|| vm.value_error("IncrementalNewlineDecoder.__init__() not called"))?;
    Ok((d, inner))
}

fn nld_decode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = args::parse(vm, "decode", a, kw, &["input", "final"], 1)?;
    let (d, inner) = nld_check(vm, o)?;
    let input = a[0].clone().unwrap_or_else(|| vm.none());
    let final_ = match &a[1] {
        Some(f) => c_int_arg(vm, f)? != 0,
        None => false,
    };
    let output =
        if vm.is_none(&inner) { input } else { vm.call_method(&inner, "decode", &[input, vm.bool_obj(final_)])? };
    check_decoded(vm, &output)?;
    let mut st = d.state.get();
    let out = st.process(vm, output, final_);
    d.state.set(st);
    Ok(out)
}

fn nld_getstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "getstate", a, kw)?;
    let (d, inner) = nld_check(vm, o)?;
    let (buf, flag) = if vm.is_none(&inner) {
        (vm.new_bytes(Vec::new()), 0u64)
    } else {
        let st = vm.call_method(&inner, "getstate", &[])?;
        let items = match super::tuple_items(vm, &st) {
            Some(i) if i.len() == 2 => i,
            _ => return Err(vm.type_error("illegal decoder state")),
        };
        let v = vm.index_value(&items[1])?;
        let flag = v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
        (items[0].clone(), flag as u64)
    };
    let flag = (flag << 1) | d.state.get().pendingcr as u64;
    Ok(vm.new_tuple(vec![buf, vm.new_int(flag as i64)]))
}

fn nld_setstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "setstate", a, kw, 1, 1)?;
    let (d, inner) = nld_check(vm, o)?;
    let items = match super::tuple_items(vm, &a[0]) {
        Some(i) => i.to_vec(),
        None => return Err(vm.type_error("state argument must be a tuple")),
    };
    if items.len() != 2 {
        return Err(vm.type_error("setstate(): illegal state argument"));
    }
    let v = vm.index_value(&items[1]).map_err(|_| vm.type_error("setstate(): illegal state argument"))?;
    let flag =
        v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))? as u64;
    let mut st = d.state.get();
    st.pendingcr = flag & 1 != 0;
    d.state.set(st);
    if !vm.is_none(&inner) {
        let s = vm.new_tuple(vec![items[0].clone(), vm.new_int((flag >> 1) as i64)]);
        return vm.call_method(&inner, "setstate", &[s]);
    }
    Ok(vm.none())
}

fn nld_reset(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "reset", a, kw)?;
    let (d, inner) = nld_check(vm, o)?;
    let mut st = d.state.get();
    st.seennl = 0;
    st.pendingcr = false;
    d.state.set(st);
    if !vm.is_none(&inner) {
        return vm.call_method(&inner, "reset", &[]);
    }
    Ok(vm.none())
}

fn nld_newlines(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let (d, _) = nld_check(vm, o)?;
    Ok(d.state.get().newlines(vm))
}

// ---- text_encoding -------------------------------------------------------------------------------

/// PEP 597's EncodingWarning for an `encoding` left out, attributed to the
/// Python frame `stacklevel` levels up (1: the caller of the native code).
pub(crate) fn warn_default_encoding_used(vm: &Vm, stacklevel: usize) -> PyResult<()> {
    let category = &vm.ctx.exceptions.by_name["EncodingWarning"];
    taipan_vm::api::warnings::warn(vm, category, "'encoding' argument not specified", stacklevel)
}

/// `text_encoding(encoding, stacklevel=2)`: for None, "utf-8" in the UTF-8
/// Mode, else "locale".
pub(crate) fn io_text_encoding(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = posargs(vm, "text_encoding", a, kw, 1, 2)?;
    if let Some(s) = a.get(1) {
        c_int_arg(vm, s)?;
    }
    if vm.is_none(&a[0]) {
        if vm.config.borrow().warn_default_encoding {
            let stacklevel = match a.get(1) {
                Some(s) => c_int_arg(vm, s)?,
                None => 2,
            };
            warn_default_encoding_used(vm, usize::try_from(stacklevel).unwrap_or(0))?;
        }
        let utf8_mode = vm.config.borrow().utf8_mode;
        return Ok(vm.new_str(if utf8_mode { "utf-8" } else { "locale" }));
    }
    Ok(a[0].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_layout() {
        let c = Cookie { start_pos: 5, dec_flags: 4, bytes_to_feed: 2, chars_to_skip: 1, need_eof: true };
        let b = c.to_bytes();
        assert_eq!(b.len(), 21);
        assert_eq!(Cookie::from_bytes(&b), c);
        assert_eq!(&b[0..8], &5i64.to_le_bytes());
        assert_eq!(b[8], 4);
        assert_eq!(b[20], 1);
        let c = Cookie { start_pos: 3, dec_flags: -1, ..Default::default() };
        assert_eq!(Cookie::from_bytes(&c.to_bytes()), c);
    }
}
