//! The text codecs built into the interpreter: `str.encode`, `bytes.decode`,
//! `str(b, encoding, errors)` and `bytes(s, encoding, errors)` (CPython's
//! codecs in `Objects/unicodeobject.c`, the registry's name normalisation
//! of `Lib/encodings/__init__.py`, and the standard error handlers of
//! `Python/codecs.c`).
//!
//! Codecs: UTF-8 (and UTF-8-SIG), ASCII, Latin-1, UTF-16 and UTF-32 (with
//! BOM, `-le`, `-be`). Error handlers: strict, ignore, replace,
//! backslashreplace, surrogateescape, surrogatepass, xmlcharrefreplace and
//! namereplace. An unknown handler name raises LookupError only when an
//! error actually happens, as in CPython.
//!
//! Strings are handled as code points (they may hold lone surrogates).

use std::fmt::Write;

use crate::object::Obj;
use crate::objects::str as pystr;
use crate::objects::{bytes, exceptions};
use crate::vm::{PyErr, PyResult, Vm};

/// Byte order of UTF-16/UTF-32: `Bom` is the plain codec name (a BOM is
/// written when encoding, little-endian as on the machines we run on, and
/// read when decoding).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    Bom,
    Le,
    Be,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    Utf16(Order),
    Utf32(Order),
    UnicodeEscape,
    RawUnicodeEscape,
}

impl Codec {
    /// The name the codec puts in its exceptions (when encoding).
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(Order::Bom) => "utf-16",
            Codec::Utf16(Order::Le) => "utf-16-le",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf32(Order::Bom) => "utf-32",
            Codec::Utf32(Order::Le) => "utf-32-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::UnicodeEscape => "unicodeescape",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }

    /// Bytes per code unit (1 for the byte-oriented codecs).
    fn unit_size(self) -> usize {
        match self {
            Codec::Utf16(_) => 2,
            Codec::Utf32(_) => 4,
            _ => 1,
        }
    }
}

/// `encodings.normalize_encoding` after the registry's lower-casing: runs of
/// characters other than ASCII letters, digits and `.` become one `_`
/// (none at the ends), and non-ASCII letters and digits are dropped.
fn normalize_encoding(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() || ch == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

/// `encodings.aliases` entries for the codecs we have.
fn alias(name: &str) -> Option<Codec> {
    use Codec::*;
    Some(match name {
        "u8" | "utf" | "utf8" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Utf8,
        "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367"
        | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" | "us_ascii" => Ascii,
        "8859" | "cp819" | "csisolatin1" | "ibm819" | "iso8859" | "iso8859_1" | "iso_8859_1" | "iso_8859_1_1987"
        | "iso_ir_100" | "l1" | "latin" | "latin1" => Latin1,
        "u16" | "utf16" => Utf16(Order::Bom),
        "utf_16le" | "unicodelittleunmarked" => Utf16(Order::Le),
        "utf_16be" | "unicodebigunmarked" => Utf16(Order::Be),
        "u32" | "utf32" => Utf32(Order::Bom),
        "utf_32le" => Utf32(Order::Le),
        "utf_32be" => Utf32(Order::Be),
        _ => return None,
    })
}

/// The codec modules (`encodings/<name>.py`) we have.
fn module(name: &str) -> Option<Codec> {
    use Codec::*;
    Some(match name {
        "utf_8" => Utf8,
        "utf_8_sig" => Utf8Sig,
        "ascii" => Ascii,
        "latin_1" => Latin1,
        "utf_16" => Utf16(Order::Bom),
        "utf_16_le" => Utf16(Order::Le),
        "utf_16_be" => Utf16(Order::Be),
        "utf_32" => Utf32(Order::Bom),
        "utf_32_le" => Utf32(Order::Le),
        "utf_32_be" => Utf32(Order::Be),
        "unicode_escape" => UnicodeEscape,
        "raw_unicode_escape" => RawUnicodeEscape,
        _ => return None,
    })
}

/// Whether CPython reaches the codec for `encoding` directly rather than
/// through the codec registry (`PyUnicode_Decode`'s and
/// `PyUnicode_AsEncodedString`'s fast paths, after `_Py_normalize_encoding`).
fn is_fast_path(encoding: &str) -> bool {
    let mut norm = String::with_capacity(encoding.len());
    let mut punct = false;
    for b in encoding.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            norm.push(b.to_ascii_lowercase() as char);
            punct = false;
        } else {
            punct = true;
        }
    }
    matches!(
        norm.as_str(),
        "utf8"
            | "utf_8"
            | "utf16"
            | "utf_16"
            | "utf32"
            | "utf_32"
            | "ascii"
            | "us_ascii"
            | "latin1"
            | "latin_1"
            | "iso_8859_1"
            | "iso8859_1"
    )
}

/// A TypeError or LookupError from a codec reached through the registry
/// comes out wrapped, as `_PyErr_TrySetFromCause` does: "decoding with
/// 'x' codec failed (TypeError: ...)", with the original as `__cause__`.
fn wrap_codec_error(vm: &Vm, err: PyErr, verb: &str, encoding: Option<&str>) -> PyErr {
    let Some(encoding) = encoding.filter(|e| !is_fast_path(e)) else { return err };
    let ex = &vm.ctx.exceptions;
    let ty = err.value().class_obj();
    if !ty.is(&ex.type_error) && !ty.is(&ex.lookup_error) {
        return err;
    }
    let orig = err.into_value();
    let text = match vm.str(&orig) {
        Ok(t) => pystr::as_str_lossy(&t).into_owned(),
        Err(e) => return e,
    };
    let msg = format!("{verb}ing with '{encoding}' codec failed ({}: {text})", orig.class().name());
    let wrapped = vm.new_exception_msg(&ty, &msg);
    exceptions::set_cause(wrapped.value(), Some(orig));
    wrapped
}

/// Codecs of the standard library that are not text encodings.
fn is_binary_codec(name: &str) -> bool {
    matches!(
        name,
        "base64"
            | "base_64"
            | "base64_codec"
            | "bz2"
            | "bz2_codec"
            | "hex"
            | "hex_codec"
            | "quopri"
            | "quotedprintable"
            | "quoted_printable"
            | "quopri_codec"
            | "uu"
            | "uu_codec"
            | "zip"
            | "zlib"
            | "zlib_codec"
            | "rot13"
            | "rot_13"
    )
}

/// The codec the interpreter implements for `encoding`, if any.
fn native_codec(encoding: &str) -> Option<Codec> {
    let norm = normalize_encoding(encoding);
    alias(&norm).or_else(|| alias(&norm.replace('.', "_"))).or_else(|| module(&norm))
}

/// Encode or decode through the codec registry (`_PyCodec_EncodeText`,
/// `_PyCodec_DecodeText`): the codec must be a text encoding and give
/// bytes (encoding) or str (decoding).
fn via_registry(vm: &Vm, obj: &Obj, encoding: &str, errors: Option<&str>, encoding_dir: bool) -> PyResult<Obj> {
    let verb = if encoding_dir { "encode" } else { "decode" };
    let norm = normalize_encoding(encoding);
    if is_binary_codec(&norm) {
        return Err(vm.lookup_error(format!(
            "'{encoding:.400}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
        )));
    }
    let info = crate::codecregistry::lookup(vm, encoding)?;
    if !crate::codecregistry::is_text_encoding(vm, &info)? {
        return Err(vm.lookup_error(format!(
            "'{encoding:.400}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
        )));
    }
    let which = if encoding_dir { 0 } else { 1 };
    let result = crate::codecregistry::call_codec(vm, &info, which, obj, errors).map_err(|e| {
        crate::codecregistry::wrap_error(vm, e, if encoding_dir { "encoding" } else { "decoding" }, encoding)
    })?;
    let (ok, want, role) = if encoding_dir {
        (bytes::as_bytes_ref(&result).is_some(), "bytes", "encoder")
    } else {
        (pystr::data(&result).is_some(), "str", "decoder")
    };
    if !ok {
        return Err(vm.type_error(format!(
            "'{encoding:.400}' {role} returned '{:.400}' instead of '{want}'; use codecs.{verb}() to {verb} to arbitrary types",
            result.class().name()
        )));
    }
    Ok(result)
}

/// Find a codec by name (`codecs.lookup`), or CPython's LookupError.
/// `verb` is `"encode"` or `"decode"` (for the non-text-codec message).
fn lookup(vm: &Vm, encoding: &str, verb: &str) -> PyResult<Codec> {
    if let Some(c) = native_codec(encoding) {
        return Ok(c);
    }
    let norm = normalize_encoding(encoding);
    if is_binary_codec(&norm) {
        return Err(vm.lookup_error(format!(
            "'{encoding:.400}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
        )));
    }
    Err(vm.lookup_error(format!("unknown encoding: {encoding}")))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    SurrogateEscape,
    SurrogatePass,
    XmlCharRefReplace,
    NameReplace,
    Unknown,
}

/// The `errors` argument: a standard handler, or a name looked up (and
/// failing) only when an error happens.
struct Errors {
    handler: Handler,
    name: String,
}

impl Errors {
    fn new(name: Option<&str>) -> Errors {
        let name = name.unwrap_or("strict");
        let handler = match name {
            "strict" => Handler::Strict,
            "ignore" => Handler::Ignore,
            "replace" => Handler::Replace,
            "backslashreplace" => Handler::BackslashReplace,
            "surrogateescape" => Handler::SurrogateEscape,
            "surrogatepass" => Handler::SurrogatePass,
            "xmlcharrefreplace" => Handler::XmlCharRefReplace,
            "namereplace" => Handler::NameReplace,
            _ => Handler::Unknown,
        };
        Errors { handler, name: name.to_string() }
    }
}

fn is_surrogate(c: u32) -> bool {
    (0xD800..0xE000).contains(&c)
}

/// An optional str argument (`encoding`, `errors`) with Argument Clinic's
/// TypeError "f() argument 'name' must be str, not T".
fn text_arg(vm: &Vm, o: Option<&Obj>, fname: &str, argname: &str) -> PyResult<Option<String>> {
    let Some(o) = o else { return Ok(None) };
    match pystr::data(o) {
        Some(d) => {
            let Some(text) = d.as_str() else {
                // Argument Clinic encodes the argument to UTF-8 first,
                // which fails on the lone surrogate.
                return Err(encode_str(vm, o, None, None).err().unwrap_or_else(|| vm.memory_error()));
            };
            if text.contains('\0') {
                return Err(vm.value_error("embedded null character"));
            }
            Ok(Some(text.to_string()))
        }
        None => {
            let tname = if vm.is_none(o) { "None".to_string() } else { o.class().name().to_string() };
            Err(vm.type_error(format!("{fname}() argument '{argname}' must be str, not {tname}")))
        }
    }
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// `str(o, encoding, errors)` and `bytes.decode(encoding, errors)`.
pub(crate) fn decode_object(vm: &Vm, o: &Obj, encoding: Option<&Obj>, errors: Option<&Obj>) -> PyResult<Obj> {
    let fname = match vm.thread.method_owner_name().as_deref() {
        Some("bytes" | "bytearray") => "decode",
        _ => "str",
    };
    decode_object_named(vm, fname, o, encoding, errors)
}

/// [`decode_object`] with the function name its argument errors show
/// (`"str"`, `"decode"`).
pub(crate) fn decode_object_named(
    vm: &Vm,
    fname: &str,
    o: &Obj,
    encoding: Option<&Obj>,
    errors: Option<&Obj>,
) -> PyResult<Obj> {
    let encoding = text_arg(vm, encoding, fname, "encoding")?;
    let errors = text_arg(vm, errors, fname, "errors")?;
    let Some(data) = bytes::as_bytes(o) else {
        if pystr::data(o).is_some() {
            return Err(vm.type_error("decoding str is not supported"));
        }
        return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {} found", o.class().name())));
    };
    decode_bytes(vm, &data, encoding.as_deref(), errors.as_deref())
}

/// In development mode (`-X dev`), an unknown codec or error handler is a
/// LookupError even when nothing needs it (empty data, no encoding error):
/// CPython's `unicode_check_encoding_errors`. Codecs implemented here and
/// the built-in handlers exist, so only other names are looked up.
fn check_encoding_errors(vm: &Vm, encoding: Option<&str>, errors: Option<&str>) -> PyResult<()> {
    const BUILTIN: &[&str] = &["strict", "ignore", "replace", "surrogateescape", "surrogatepass"];
    if encoding.is_none() && errors.is_none() {
        return Ok(());
    }
    // Outside development mode (the usual case) nothing more is read.
    let dev_mode = {
        let config = vm.config.borrow();
        config.dev_mode || (!config.xoptions.is_empty() && config.xoptions.iter().any(|x| x == "dev"))
    };
    if !dev_mode {
        return Ok(());
    }
    if let Some(e) = encoding {
        if native_codec(e).is_none() {
            crate::codecregistry::lookup(vm, e)?;
        }
    }
    if let Some(h) = errors {
        if !BUILTIN.contains(&h) {
            crate::codecregistry::lookup_error(vm, h)?;
        }
    }
    Ok(())
}

/// Decode `data` (encoding defaults to UTF-8, errors to strict).
pub fn decode_bytes(vm: &Vm, data: &[u8], encoding: Option<&str>, errors: Option<&str>) -> PyResult<Obj> {
    check_encoding_errors(vm, encoding, errors)?;
    if data.is_empty() {
        // CPython returns '' before looking the codec up.
        return Ok(vm.ctx.empty_str.clone());
    }
    let codec = match encoding {
        None => Codec::Utf8,
        Some(e) => match native_codec(e) {
            Some(c) => c,
            None => return via_registry(vm, &vm.new_bytes(data.to_vec()), e, errors, false),
        },
    };
    decode_with(vm, data, codec, errors).map_err(|e| wrap_codec_error(vm, e, "decod", encoding))
}

fn decode_with(vm: &Vm, data: &[u8], codec: Codec, errors: Option<&str>) -> PyResult<Obj> {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            let data = if codec == Codec::Utf8Sig { data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data) } else { data };
            if let Ok(s) = std::str::from_utf8(data) {
                return Ok(vm.new_str(s));
            }
        }
        Codec::Ascii if data.is_ascii() => {
            return Ok(vm.new_str(std::str::from_utf8(data).expect("ASCII is UTF-8")));
        }
        Codec::Latin1 => {
            let cps: Vec<u32> = data.iter().map(|&b| b as u32).collect();
            return Ok(vm.new_str_from_code_points(&cps));
        }
        _ => {}
    }
    let errors = Errors::new(errors);
    let mut d = Decoder {
        vm,
        input: data,
        start: 0,
        encoding: codec.name(),
        errors: &errors,
        out: Vec::with_capacity(data.len()),
        exc: None,
        replaced: None,
        inline_simple: matches!(codec, Codec::Utf8 | Codec::Utf8Sig | Codec::Ascii),
    };
    if codec == Codec::Utf8Sig {
        d.input = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
    }
    run_decoder(&mut d, codec)?;
    Ok(vm.new_str_from_code_points(&d.out))
}

/// Run `codec` over the decoder's input; when an error handler replaced the
/// exception's `object`, go on decoding that new input from the position
/// the handler returned (CPython re-reads `exc.object` after each handler).
fn run_decoder(d: &mut Decoder<'_>, codec: Codec) -> PyResult<()> {
    let vm = d.vm;
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => d.utf8()?,
        Codec::Ascii => d.ascii()?,
        Codec::Latin1 => d.out.extend(d.input.iter().map(|&b| b as u32)),
        Codec::Utf16(order) => d.utf16(order)?,
        Codec::Utf32(order) => d.utf32(order)?,
        Codec::UnicodeEscape => {
            if let Some(warning) = d.unicode_escape()? {
                crate::warnings::warn(vm, &vm.ctx.exceptions.deprecation_warning, &warning, 1)?;
            }
        }
        Codec::RawUnicodeEscape => d.raw_unicode_escape()?,
    }
    let Some((input, start)) = d.replaced.take() else {
        return Ok(());
    };
    // The byte order a BOM chose stays: go on with the fixed-order codec.
    let rest_codec = match d.encoding {
        "utf-16-le" => Codec::Utf16(Order::Le),
        "utf-16-be" => Codec::Utf16(Order::Be),
        "utf-32-le" => Codec::Utf32(Order::Le),
        "utf-32-be" => Codec::Utf32(Order::Be),
        _ if codec == Codec::Utf8Sig => Codec::Utf8,
        _ => codec,
    };
    let mut next = Decoder {
        vm,
        input: &input,
        start,
        encoding: d.encoding,
        errors: d.errors,
        out: std::mem::take(&mut d.out),
        exc: d.exc.take(),
        replaced: None,
        inline_simple: d.inline_simple,
    };
    let result = vm.with_native_depth(|| run_decoder(&mut next, rest_codec));
    d.out = next.out;
    result
}

struct Decoder<'a> {
    vm: &'a Vm,
    input: &'a [u8],
    /// Where decoding starts in `input` (after a BOM, if any).
    start: usize,
    encoding: &'static str,
    errors: &'a Errors,
    out: Vec<u32>,
    /// The exception object, made at the first error that goes through the
    /// general error-handler path and reused (start, end and reason updated,
    /// `args` left alone) by later ones, as CPython does.
    exc: Option<Obj>,
    /// The input an error handler put in the exception's `object` and the
    /// position to resume at: the current pass stops and decoding goes on there.
    replaced: Option<(Vec<u8>, usize)>,
    /// Whether ignore, replace and surrogateescape are handled inside the
    /// codec (UTF-8 and ASCII), without making the exception object.
    inline_simple: bool,
}

/// The input a decode error handler put in the exception's `object`, when it
/// differs from `input` (CPython re-reads the object after every handler
/// call): TypeError when it is no longer bytes.
pub fn replaced_input(vm: &Vm, exc: &Obj, input: &[u8]) -> PyResult<Option<Vec<u8>>> {
    let Some(object) = exceptions::get_extra(exc, "object").filter(|o| !vm.is_none(o)) else {
        return Err(vm.type_error("object attribute not set"));
    };
    match crate::objects::bytes::as_bytes_ref(&object) {
        Some(b) if b == input => Ok(None),
        Some(b) => Ok(Some(b.to_vec())),
        None => Err(vm.type_error("object attribute must be bytes")),
    }
}

/// Make the `UnicodeError` of `ty` (`object` makes its object argument),
/// or update the one made before.
fn make_or_update(
    vm: &Vm,
    exc: &mut Option<Obj>,
    ty: &Obj,
    encoding: &str,
    object: impl FnOnce() -> Obj,
    (start, end, reason): (usize, usize, &str),
) -> PyErr {
    if let Some(e) = exc {
        exceptions::set_extra(e, "start", vm.new_usize(start));
        exceptions::set_extra(e, "end", vm.new_usize(end));
        exceptions::set_extra(e, "reason", vm.new_str(reason));
        return PyErr(e.clone());
    }
    let args = vec![vm.new_str(encoding), object(), vm.new_usize(start), vm.new_usize(end), vm.new_str(reason)];
    let e = vm.new_exception(ty, args);
    *exc = Some(e.value().clone());
    e
}

/// `count` hex digits at `*i` (advanced past the digits read): the value,
/// or `None` at a non-digit or the end of the input (left at that point).
fn hex_escape(s: &[u8], i: &mut usize, count: usize) -> Option<u32> {
    let mut ch: u32 = 0;
    for _ in 0..count {
        let d = (*s.get(*i)? as char).to_digit(16)?;
        ch = (ch << 4) | d;
        *i += 1;
    }
    Some(ch)
}

const INVALID_START: &str = "invalid start byte";
const INVALID_CONTINUATION: &str = "invalid continuation byte";
const UNEXPECTED_END: &str = "unexpected end of data";

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// One UTF-8 sequence at the start of `s` (`s[0] >= 0x80`): `Ok((code
/// point, length))` or `Err((bytes in error, reason))`, with the error
/// ranges of CPython's decoder.
fn utf8_sequence(s: &[u8]) -> Result<(u32, usize), (usize, &'static str)> {
    let n = s.len();
    let b0 = s[0];
    let cont = |i: usize| (s[i] & 0x3F) as u32;
    match b0 {
        0xC2..=0xDF => {
            if n < 2 {
                return Err((n, UNEXPECTED_END));
            }
            if !is_continuation(s[1]) {
                return Err((1, INVALID_CONTINUATION));
            }
            Ok((((b0 & 0x1F) as u32) << 6 | cont(1), 2))
        }
        0xE0..=0xEF => {
            let bad2 = |b: u8| !is_continuation(b) || (b0 == 0xE0 && b < 0xA0) || (b0 == 0xED && b >= 0xA0);
            if n < 2 {
                return Err((n, UNEXPECTED_END));
            }
            if bad2(s[1]) {
                return Err((1, INVALID_CONTINUATION));
            }
            if n < 3 {
                return Err((n, UNEXPECTED_END));
            }
            if !is_continuation(s[2]) {
                return Err((2, INVALID_CONTINUATION));
            }
            Ok((((b0 & 0x0F) as u32) << 12 | cont(1) << 6 | cont(2), 3))
        }
        0xF0..=0xF4 => {
            let bad2 = |b: u8| !is_continuation(b) || (b0 == 0xF0 && b < 0x90) || (b0 == 0xF4 && b >= 0x90);
            if n < 2 {
                return Err((n, UNEXPECTED_END));
            }
            if bad2(s[1]) {
                return Err((1, INVALID_CONTINUATION));
            }
            if n >= 3 && !is_continuation(s[2]) {
                return Err((2, INVALID_CONTINUATION));
            }
            if n < 4 {
                return Err((n, UNEXPECTED_END));
            }
            if !is_continuation(s[3]) {
                return Err((3, INVALID_CONTINUATION));
            }
            Ok((((b0 & 0x07) as u32) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4))
        }
        _ => Err((1, INVALID_START)),
    }
}

impl Decoder<'_> {
    fn utf8(&mut self) -> PyResult<()> {
        let s = self.input;
        let mut i = self.start;
        while i < s.len() {
            let b = s[i];
            if b < 0x80 {
                self.out.push(b as u32);
                i += 1;
                continue;
            }
            match utf8_sequence(&s[i..]) {
                Ok((cp, len)) => {
                    self.out.push(cp);
                    i += len;
                }
                Err((len, reason)) => i = self.error(i, i + len, reason)?,
            }
        }
        Ok(())
    }

    fn ascii(&mut self) -> PyResult<()> {
        let s = self.input;
        let mut i = self.start;
        while i < s.len() {
            if s[i] < 0x80 {
                self.out.push(s[i] as u32);
                i += 1;
            } else {
                i = self.error(i, i + 1, "ordinal not in range(128)")?;
            }
        }
        Ok(())
    }

    /// The byte order from a BOM (skipping it) for the plain codec names.
    fn read_bom(&mut self, order: Order, bom_le: &[u8], bom_be: &[u8]) -> (usize, bool) {
        match order {
            Order::Le => (0, true),
            Order::Be => (0, false),
            Order::Bom if self.input.starts_with(bom_le) => (bom_le.len(), true),
            Order::Bom if self.input.starts_with(bom_be) => (bom_be.len(), false),
            Order::Bom => (0, true),
        }
    }

    fn utf16(&mut self, order: Order) -> PyResult<()> {
        let (bom, le) = self.read_bom(order, b"\xff\xfe", b"\xfe\xff");
        let mut i = bom + self.start;
        self.encoding = if le { "utf-16-le" } else { "utf-16-be" };
        let s = self.input;
        let n = s.len();
        let unit = |i: usize| -> u32 {
            if le {
                u16::from_le_bytes([s[i], s[i + 1]]) as u32
            } else {
                u16::from_be_bytes([s[i], s[i + 1]]) as u32
            }
        };
        while i < n {
            if n - i < 2 {
                i = self.error(i, n, "truncated data")?;
                continue;
            }
            let u = unit(i);
            if !is_surrogate(u) {
                self.out.push(u);
                i += 2;
            } else if u >= 0xDC00 {
                i = self.error(i, i + 2, "illegal encoding")?;
            } else if n - i < 4 {
                i = self.error(i, n, UNEXPECTED_END)?;
            } else {
                let u2 = unit(i + 2);
                if (0xDC00..0xE000).contains(&u2) {
                    self.out.push(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                    i += 4;
                } else {
                    i = self.error(i, i + 2, "illegal UTF-16 surrogate")?;
                }
            }
        }
        Ok(())
    }

    fn utf32(&mut self, order: Order) -> PyResult<()> {
        let (bom, le) = self.read_bom(order, b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff");
        let mut i = bom + self.start;
        self.encoding = if le { "utf-32-le" } else { "utf-32-be" };
        let s = self.input;
        let n = s.len();
        while i < n {
            if n - i < 4 {
                i = self.error(i, n, "truncated data")?;
                continue;
            }
            let b = [s[i], s[i + 1], s[i + 2], s[i + 3]];
            let cp = if le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) };
            if cp > 0x10FFFF {
                i = self.error(i, i + 4, "code point not in range(0x110000)")?;
            } else if is_surrogate(cp) {
                i = self.error(i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)")?;
            } else {
                self.out.push(cp);
                i += 4;
            }
        }
        Ok(())
    }

    /// `unicode_escape`: Python string-literal escapes over Latin-1 text.
    /// Returns the DeprecationWarning message for the first invalid escape.
    fn unicode_escape(&mut self) -> PyResult<Option<String>> {
        let s = self.input;
        let n = s.len();
        let mut warning = None;
        let mut i = self.start;
        while i < n {
            if s[i] != b'\\' {
                self.out.push(s[i] as u32);
                i += 1;
                continue;
            }
            let start = i;
            if i + 1 >= n {
                i = self.error(start, n, "\\ at end of string")?;
                continue;
            }
            let c = s[i + 1];
            i += 2;
            let simple = match c {
                b'\n' => Some(None),
                b'\\' | b'\'' | b'"' => Some(Some(c as u32)),
                b'b' => Some(Some(8)),
                b'f' => Some(Some(12)),
                b't' => Some(Some(9)),
                b'n' => Some(Some(10)),
                b'r' => Some(Some(13)),
                b'v' => Some(Some(11)),
                b'a' => Some(Some(7)),
                _ => None,
            };
            if let Some(ch) = simple {
                self.out.extend(ch);
                continue;
            }
            match c {
                b'0'..=b'7' => {
                    let mut ch = (c - b'0') as u32;
                    let mut digits = 1;
                    while digits < 3 && i < n && (b'0'..=b'7').contains(&s[i]) {
                        ch = (ch << 3) + (s[i] - b'0') as u32;
                        i += 1;
                        digits += 1;
                    }
                    if ch > 0o377 && warning.is_none() {
                        let text: String = s[i - 3..i].iter().map(|&b| b as char).collect();
                        warning = Some(format!("invalid octal escape sequence '\\{text}'"));
                    }
                    self.out.push(ch);
                }
                b'x' | b'u' | b'U' => {
                    let (count, msg) = match c {
                        b'x' => (2, "truncated \\xXX escape"),
                        b'u' => (4, "truncated \\uXXXX escape"),
                        _ => (8, "truncated \\UXXXXXXXX escape"),
                    };
                    match hex_escape(s, &mut i, count) {
                        Some(ch) if ch <= 0x10FFFF => self.out.push(ch),
                        Some(_) => i = self.error(start, i, "illegal Unicode character")?,
                        None => i = self.error(start, i, msg)?,
                    }
                }
                b'N' => i = self.named_escape(start, i)?,
                _ => {
                    if warning.is_none() {
                        warning = Some(format!("invalid escape sequence '\\{}'", c as char));
                    }
                    self.out.push(b'\\' as u32);
                    self.out.push(c as u32);
                }
            }
        }
        Ok(warning)
    }

    /// `\N{name}` (`i` is just past the `N`): where decoding resumes.
    fn named_escape(&mut self, start: usize, mut i: usize) -> PyResult<usize> {
        let s = self.input;
        let malformed = "malformed \\N character escape";
        if i >= s.len() || s[i] != b'{' {
            return self.error(start, i, malformed);
        }
        i += 1;
        let name_start = i;
        while i < s.len() && s[i] != b'}' {
            i += 1;
        }
        if i >= s.len() {
            return self.error(start, i, malformed);
        }
        if i == name_start {
            return self.error(start, i, malformed);
        }
        let name: String = s[name_start..i].iter().map(|&b| b as char).collect();
        i += 1;
        match taipan_unicode::lookup_name(&name) {
            Some(ch) => {
                self.out.push(ch);
                Ok(i)
            }
            None => self.error(start, i, "unknown Unicode character name"),
        }
    }

    /// `raw_unicode_escape`: only `\uXXXX` and `\UXXXXXXXX` after an odd
    /// number of backslashes are escapes.
    fn raw_unicode_escape(&mut self) -> PyResult<()> {
        let s = self.input;
        let n = s.len();
        let mut i = self.start;
        while i < n {
            if s[i] != b'\\' {
                self.out.push(s[i] as u32);
                i += 1;
                continue;
            }
            let run = i;
            while i < n && s[i] == b'\\' {
                self.out.push(b'\\' as u32);
                i += 1;
            }
            if (i - run).is_multiple_of(2) || i >= n || (s[i] != b'u' && s[i] != b'U') {
                continue;
            }
            self.out.pop();
            let start = i - 1;
            let (count, msg) =
                if s[i] == b'u' { (4, "truncated \\uXXXX escape") } else { (8, "truncated \\UXXXXXXXX escape") };
            i += 1;
            match hex_escape(s, &mut i, count) {
                Some(ch) if ch <= 0x10FFFF => self.out.push(ch),
                Some(_) => i = self.error(start, i, "\\Uxxxxxxxx out of range")?,
                None => i = self.error(start, i, msg)?,
            }
        }
        Ok(())
    }

    /// `UnicodeDecodeError(encoding, object, start, end, reason)`.
    fn exception(&mut self, start: usize, end: usize, reason: &str) -> PyErr {
        let vm = self.vm;
        let input = self.input;
        let ty = &vm.ctx.exceptions.unicode_decode_error;
        make_or_update(vm, &mut self.exc, ty, self.encoding, || vm.new_bytes(input.to_vec()), (start, end, reason))
    }

    /// Run the error handler on `input[start..end]`: where decoding resumes.
    fn error(&mut self, start: usize, end: usize, reason: &str) -> PyResult<usize> {
        let simple = matches!(self.errors.handler, Handler::Ignore | Handler::Replace | Handler::SurrogateEscape);
        if !(simple && self.inline_simple) && self.errors.handler != Handler::Unknown {
            // The general path makes (or updates) the exception first.
            let _ = self.exception(start, end, reason);
        }
        match self.errors.handler {
            Handler::Strict => Err(self.exception(start, end, reason)),
            Handler::Ignore => Ok(end),
            Handler::Replace => {
                self.out.push(0xFFFD);
                Ok(end)
            }
            Handler::BackslashReplace => {
                for &b in &self.input[start..end] {
                    self.out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
                }
                Ok(end)
            }
            Handler::SurrogateEscape => {
                let mut k = 0;
                while k < 4 && start + k < end && self.input[start + k] >= 0x80 {
                    self.out.push(0xDC00 + self.input[start + k] as u32);
                    k += 1;
                }
                if k == 0 {
                    return Err(self.exception(start, end, reason));
                }
                Ok(start + k)
            }
            Handler::SurrogatePass => match self.surrogate_at(start) {
                Some((cp, len)) => {
                    self.out.push(cp);
                    Ok(start + len)
                }
                None => Err(self.exception(start, end, reason)),
            },
            Handler::XmlCharRefReplace | Handler::NameReplace => {
                Err(self.vm.type_error("don't know how to handle UnicodeDecodeError in error callback"))
            }
            Handler::Unknown => {
                let exc = self.exception(start, end, reason).into_value();
                let vm = self.vm;
                let (rep, pos) = crate::codecregistry::call_error_handler_raw(vm, &self.errors.name, &exc, false)?;
                let new_input = replaced_input(vm, &exc, self.input)?;
                let len = new_input.as_ref().map_or(self.input.len(), Vec::len);
                let newpos = crate::codecregistry::error_handler_position(vm, pos, len)?;
                if let Some(d) = pystr::data(&rep) {
                    self.out.extend(d.code_points());
                }
                match new_input {
                    Some(input) => {
                        self.replaced = Some((input, newpos));
                        Ok(self.input.len())
                    }
                    None => Ok(newpos),
                }
            }
        }
    }

    /// `surrogatepass`: an encoded lone surrogate at `start`, if there is one.
    fn surrogate_at(&self, start: usize) -> Option<(u32, usize)> {
        let p = &self.input[start..];
        let (cp, len) = match self.encoding {
            "utf-8" => {
                if p.len() < 3 || p[0] & 0xF0 != 0xE0 || !is_continuation(p[1]) || !is_continuation(p[2]) {
                    return None;
                }
                (((p[0] & 0x0F) as u32) << 12 | ((p[1] & 0x3F) as u32) << 6 | (p[2] & 0x3F) as u32, 3)
            }
            "utf-16-le" if p.len() >= 2 => (u16::from_le_bytes([p[0], p[1]]) as u32, 2),
            "utf-16-be" if p.len() >= 2 => (u16::from_be_bytes([p[0], p[1]]) as u32, 2),
            "utf-32-le" if p.len() >= 4 => (u32::from_le_bytes([p[0], p[1], p[2], p[3]]), 4),
            "utf-32-be" if p.len() >= 4 => (u32::from_be_bytes([p[0], p[1], p[2], p[3]]), 4),
            _ => return None,
        };
        is_surrogate(cp).then_some((cp, len))
    }
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/// Decode a chunk with a codec the interpreter implements (the `_codecs`
/// functions: `utf_8_decode(data, errors, final)` and the like): the text
/// and how many bytes were used. Unless `final`, an incomplete sequence at
/// the end is left for the next call. The codec name must be native
/// (LookupError otherwise).
pub fn decode_chunk(
    vm: &Vm,
    data: &[u8],
    encoding: &str,
    errors: Option<&str>,
    final_: bool,
) -> PyResult<(Obj, usize)> {
    let codec = lookup(vm, encoding, "decode")?;
    let keep = if final_ { 0 } else { incomplete_tail(codec, data) };
    let used = &data[..data.len() - keep];
    if used.is_empty() {
        return Ok((vm.ctx.empty_str.clone(), 0));
    }
    Ok((decode_with(vm, used, codec, errors)?, used.len()))
}

/// Encode with a codec the interpreter implements (LookupError otherwise).
pub fn encode_native(vm: &Vm, s: &Obj, encoding: &str, errors: Option<&str>) -> PyResult<Vec<u8>> {
    let codec = lookup(vm, encoding, "encode")?;
    encode_with(vm, s, codec, errors)
}

/// `str.encode(encoding, errors)`, `bytes(s, encoding, errors)`.
pub(crate) fn encode_to_vec(vm: &Vm, s: &Obj, encoding: Option<&Obj>, errors: Option<&Obj>) -> PyResult<Vec<u8>> {
    let fname = match vm.thread.method_owner_name().as_deref() {
        Some("str") => "encode",
        _ => "bytes",
    };
    encode_to_vec_named(vm, fname, s, encoding, errors)
}

/// [`encode_to_vec`] with the function name its argument errors show
/// (`"encode"`, `"bytes"`, `"bytearray"`).
pub(crate) fn encode_to_vec_named(
    vm: &Vm,
    fname: &str,
    s: &Obj,
    encoding: Option<&Obj>,
    errors: Option<&Obj>,
) -> PyResult<Vec<u8>> {
    let encoding = text_arg(vm, encoding, fname, "encoding")?;
    let errors = text_arg(vm, errors, fname, "errors")?;
    encode_str(vm, s, encoding.as_deref(), errors.as_deref())
}

/// Encode the str object `s` (encoding defaults to UTF-8, errors to strict).
pub fn encode_str(vm: &Vm, s: &Obj, encoding: Option<&str>, errors: Option<&str>) -> PyResult<Vec<u8>> {
    check_encoding_errors(vm, encoding, errors)?;
    let codec = match encoding {
        None => Codec::Utf8,
        Some(e) => match native_codec(e) {
            Some(c) => c,
            None => {
                let out = via_registry(vm, s, e, errors, true)?;
                return Ok(bytes::as_bytes(&out).map(|b| b.to_vec()).unwrap_or_default());
            }
        },
    };
    encode_with(vm, s, codec, errors).map_err(|e| wrap_codec_error(vm, e, "encod", encoding))
}

fn encode_with(vm: &Vm, s: &Obj, codec: Codec, errors: Option<&str>) -> PyResult<Vec<u8>> {
    let Some(d) = pystr::data(s) else {
        return Err(vm.type_error(format!("utf_8_encode() argument 1 must be str, not {}", s.class().name())));
    };
    match codec {
        Codec::Utf8 => {
            if let Some(t) = d.as_str() {
                return Ok(t.as_bytes().to_vec());
            }
        }
        Codec::Ascii | Codec::Latin1 if d.is_ascii() => {
            return Ok(d.code_points().map(|c| c as u8).collect());
        }
        Codec::Latin1 if d.max_char() < 0x100 => {
            return Ok(d.code_points().map(|c| c as u8).collect());
        }
        _ => {}
    }
    let text = d.to_code_points();
    match codec {
        Codec::UnicodeEscape => return Ok(unicode_escape_encode(&text, false)),
        Codec::RawUnicodeEscape => return Ok(unicode_escape_encode(&text, true)),
        _ => {}
    }
    let errors = Errors::new(errors);
    let mut e =
        Encoder { vm, obj: s, text: &text, codec, errors: &errors, out: Vec::with_capacity(text.len()), exc: None };
    e.run()?;
    Ok(e.out)
}

struct Encoder<'a> {
    vm: &'a Vm,
    obj: &'a Obj,
    text: &'a [u32],
    codec: Codec,
    errors: &'a Errors,
    out: Vec<u8>,
    /// See `Decoder::exc`.
    exc: Option<Obj>,
}

impl Encoder<'_> {
    fn run(&mut self) -> PyResult<()> {
        self.write_bom();
        let n = self.text.len();
        let mut i = 0;
        while i < n {
            let c = self.text[i];
            if self.encodable(c) {
                self.push(c);
                i += 1;
                continue;
            }
            let end = self.error_end(i);
            i = self.error(i, end)?;
        }
        Ok(())
    }

    fn write_bom(&mut self) {
        match self.codec {
            Codec::Utf8Sig => self.out.extend_from_slice(b"\xef\xbb\xbf"),
            Codec::Utf16(Order::Bom) => self.out.extend_from_slice(b"\xff\xfe"),
            Codec::Utf32(Order::Bom) => self.out.extend_from_slice(b"\xff\xfe\x00\x00"),
            _ => {}
        }
    }

    fn encodable(&self, c: u32) -> bool {
        match self.codec {
            Codec::Ascii => c < 0x80,
            Codec::Latin1 => c < 0x100,
            _ => !is_surrogate(c),
        }
    }

    fn reason(&self) -> &'static str {
        match self.codec {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Latin1 => "ordinal not in range(256)",
            _ => "surrogates not allowed",
        }
    }

    /// The end of the run of characters one error covers: UTF-16/32 report
    /// one character at a time, the others a whole run.
    fn error_end(&self, start: usize) -> usize {
        if self.codec.unit_size() > 1 {
            return start + 1;
        }
        let mut end = start + 1;
        while end < self.text.len() && !self.encodable(self.text[end]) {
            end += 1;
        }
        end
    }

    /// Append a code point the codec can encode (or, for `surrogatepass`,
    /// a surrogate in UTF-8/16/32 form).
    fn push(&mut self, c: u32) {
        let out = &mut self.out;
        match self.codec {
            Codec::Ascii | Codec::Latin1 | Codec::UnicodeEscape | Codec::RawUnicodeEscape => out.push(c as u8),
            Codec::Utf8 | Codec::Utf8Sig => push_utf8(out, c),
            Codec::Utf16(order) => {
                let mut units = [0u16; 2];
                let units: &[u16] = if c >= 0x10000 {
                    let v = c - 0x10000;
                    units[0] = 0xD800 + (v >> 10) as u16;
                    units[1] = 0xDC00 + (v & 0x3FF) as u16;
                    &units
                } else {
                    units[0] = c as u16;
                    &units[..1]
                };
                for &u in units {
                    out.extend_from_slice(&if order == Order::Be { u.to_be_bytes() } else { u.to_le_bytes() });
                }
            }
            Codec::Utf32(order) => {
                out.extend_from_slice(&if order == Order::Be { c.to_be_bytes() } else { c.to_le_bytes() })
            }
        }
    }

    fn push_ascii_text(&mut self, s: &str) {
        for b in s.bytes() {
            self.push(b as u32);
        }
    }

    /// `UnicodeEncodeError(encoding, object, start, end, reason)`.
    fn exception(&mut self, start: usize, end: usize) -> PyErr {
        let vm = self.vm;
        let ty = &vm.ctx.exceptions.unicode_encode_error;
        let (name, reason) = (self.codec.name(), self.reason());
        make_or_update(vm, &mut self.exc, ty, name, || self.obj.clone(), (start, end, reason))
    }

    /// Run the error handler on `text[start..end]`: where encoding resumes.
    fn error(&mut self, start: usize, end: usize) -> PyResult<usize> {
        let inline = self.codec.unit_size() == 1
            && matches!(
                self.errors.handler,
                Handler::Ignore
                    | Handler::Replace
                    | Handler::BackslashReplace
                    | Handler::XmlCharRefReplace
                    | Handler::SurrogateEscape
            );
        if !inline && self.errors.handler != Handler::Unknown {
            // The general path makes (or updates) the exception first.
            let _ = self.exception(start, end);
        }
        let text = self.text;
        let chars = &text[start..end];
        match self.errors.handler {
            Handler::Strict => Err(self.exception(start, end)),
            Handler::Ignore => Ok(end),
            Handler::Replace => {
                for _ in start..end {
                    self.push(b'?' as u32);
                }
                Ok(end)
            }
            Handler::BackslashReplace | Handler::XmlCharRefReplace | Handler::NameReplace => {
                let mut rep = String::new();
                for &c in chars {
                    match self.errors.handler {
                        Handler::XmlCharRefReplace => {
                            let _ = write!(rep, "&#{c};");
                        }
                        Handler::NameReplace => push_name_escape(&mut rep, c),
                        _ => push_backslash_escape(&mut rep, c),
                    }
                }
                self.push_ascii_text(&rep);
                Ok(end)
            }
            Handler::SurrogateEscape => {
                if self.codec.unit_size() > 1 {
                    return Err(self.exception(start, end));
                }
                if let Some(k) = chars.iter().position(|&c| !(0xDC80..=0xDCFF).contains(&c)) {
                    return Err(self.exception(start + k, end));
                }
                self.out.extend(chars.iter().map(|&c| (c - 0xDC00) as u8));
                Ok(end)
            }
            Handler::SurrogatePass => {
                let usable = !matches!(self.codec, Codec::Ascii | Codec::Latin1);
                if !usable || !chars.iter().all(|&c| is_surrogate(c)) {
                    return Err(self.exception(start, end));
                }
                for k in start..end {
                    let c = self.text[k];
                    self.push(c);
                }
                Ok(end)
            }
            Handler::Unknown => self.custom_error(start, end),
        }
    }

    /// A handler registered by name (`codecs.register_error`): its
    /// replacement is bytes (copied) or str (ASCII only for the UTF codecs,
    /// as CPython's encoders require; else the error is raised).
    fn custom_error(&mut self, start: usize, end: usize) -> PyResult<usize> {
        let exc = self.exception(start, end).into_value();
        let vm = self.vm;
        let (rep, newpos) =
            crate::codecregistry::call_error_handler(vm, &self.errors.name, &exc, true, self.text.len())?;
        if let Some(b) = bytes::as_bytes(&rep) {
            if b.len() % self.codec.unit_size() != 0 {
                // Bytes that are not whole code units (CPython's UTF-16/32 encoders).
                let pos = newpos.max(1);
                return Err(self.exception(pos - 1, pos));
            }
            self.out.extend_from_slice(&b);
            return Ok(newpos);
        }
        let Some(d) = pystr::data(&rep) else { return Ok(newpos) };
        let limit = match self.codec {
            Codec::Latin1 => 0x100,
            _ => 0x80,
        };
        for c in d.code_points() {
            if c >= limit {
                return Err(self.exception(start, end));
            }
            self.push(c);
        }
        Ok(newpos)
    }
}

/// `unicode_escape` (`raw` false) and `raw_unicode_escape` (`raw` true)
/// encoding, which never fail.
fn unicode_escape_encode(text: &[u32], raw: bool) -> Vec<u8> {
    let mut out = String::with_capacity(text.len());
    for &c in text {
        let _ = match c {
            0x10000.. => write!(out, "\\U{c:08x}"),
            0x100.. => write!(out, "\\u{c:04x}"),
            _ if raw => {
                out.push(char::from_u32(c).unwrap_or('?'));
                Ok(())
            }
            0x5C => write!(out, "\\\\"),
            0x09 => write!(out, "\\t"),
            0x0A => write!(out, "\\n"),
            0x0D => write!(out, "\\r"),
            0..=0x1F | 0x7F.. => write!(out, "\\x{c:02x}"),
            _ => {
                out.push(c as u8 as char);
                Ok(())
            }
        };
    }
    if raw {
        // Latin-1 characters stand for themselves (one byte each).
        return out.chars().map(|c| c as u32 as u8).collect();
    }
    out.into_bytes()
}

/// UTF-8 bytes of a code point (surrogates too, for `surrogatepass`).
pub(crate) fn push_utf8(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
    } else if c < 0x10000 {
        out.extend_from_slice(&[0xE0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3F) as u8, 0x80 | (c & 0x3F) as u8]);
    } else {
        out.extend_from_slice(&[
            0xF0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3F) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]);
    }
}

/// `backslashreplace`: `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub(crate) fn push_backslash_escape(out: &mut String, c: u32) {
    let _ = if c < 0x100 {
        write!(out, "\\x{c:02x}")
    } else if c < 0x10000 {
        write!(out, "\\u{c:04x}")
    } else {
        write!(out, "\\U{c:08x}")
    };
}

/// `namereplace`: `\N{NAME}`, or the backslash escape for unnamed characters.
pub(crate) fn push_name_escape(out: &mut String, c: u32) {
    match taipan_unicode::char_name(c) {
        Some(name) => {
            let _ = write!(out, "\\N{{{name}}}");
        }
        None => push_backslash_escape(out, c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(normalize_encoding(" UTF--8 "), "utf_8");
        assert_eq!(normalize_encoding("ISO-8859-1"), "iso_8859_1");
        assert_eq!(normalize_encoding("utf.8"), "utf.8");
        assert_eq!(alias(&normalize_encoding("U8")), Some(Codec::Utf8));
        assert_eq!(module(&normalize_encoding("utf-16-le")), Some(Codec::Utf16(Order::Le)));
        assert_eq!(alias("utf.8").or_else(|| module("utf.8")), None);
    }

    #[test]
    fn utf8_errors() {
        assert_eq!(utf8_sequence(b"\xff"), Err((1, INVALID_START)));
        assert_eq!(utf8_sequence(b"\xe2\x82"), Err((2, UNEXPECTED_END)));
        assert_eq!(utf8_sequence(b"\xe2\x28\xa1"), Err((1, INVALID_CONTINUATION)));
        assert_eq!(utf8_sequence(b"\xed\xa0\x80"), Err((1, INVALID_CONTINUATION)));
        assert_eq!(utf8_sequence(b"\xf0\x90\x80"), Err((3, UNEXPECTED_END)));
        assert_eq!(utf8_sequence(b"\xf0\x90\x28"), Err((2, INVALID_CONTINUATION)));
        assert_eq!(utf8_sequence(b"\xf4\x90\x80\x80"), Err((1, INVALID_CONTINUATION)));
        assert_eq!(utf8_sequence(b"\xc0\x80"), Err((1, INVALID_START)));
        assert_eq!(utf8_sequence("é".as_bytes()), Ok((0xE9, 2)));
        assert_eq!(utf8_sequence("😀".as_bytes()), Ok((0x1F600, 4)));
    }

    #[test]
    fn utf8_encoding() {
        for c in [0x41u32, 0xE9, 0x20AC, 0x1F600] {
            let mut v = Vec::new();
            push_utf8(&mut v, c);
            assert_eq!(v, char::from_u32(c).unwrap().to_string().into_bytes());
        }
    }
}

// ---------------------------------------------------------------------------
// Incremental codecs (for `TextIOWrapper`)
// ---------------------------------------------------------------------------

/// A text codec with the state of an incremental encoder and decoder
/// (CPython's `codecs.IncrementalEncoder`/`IncrementalDecoder` of the codecs
/// the interpreter implements): a BOM is read or written once, at the start
/// of the stream, and an incomplete sequence at the end of a chunk waits
/// for the next one unless the chunk is final.
#[derive(Clone, Debug)]
pub struct TextCodec {
    decode_as: Codec,
    encode_as: Codec,
    initial: Codec,
}

/// The native codec for `encoding`, or CPython's LookupError.
/// The file system encoding (`sys.getfilesystemencoding()`, CPython's
/// `config_init_fs_encoding`): UTF-8 in the UTF-8 Mode, else the locale
/// encoding under its codec's name (`ascii` in the C locale); always
/// used with surrogateescape.
pub fn fs_encoding(vm: &Vm) -> std::borrow::Cow<'static, str> {
    let codeset = {
        let config = vm.config.borrow();
        match &config.locale_encoding {
            Some(enc) if !config.utf8_mode => enc.clone(),
            _ => return std::borrow::Cow::Borrowed("utf-8"),
        }
    };
    match locale_codec_name(&codeset) {
        std::borrow::Cow::Owned(_) => registry_codec_name(vm, &codeset),
        native => native,
    }
}

/// `codecs.lookup(encoding).name`, or the encoding itself if that fails.
fn registry_codec_name(vm: &Vm, encoding: &str) -> std::borrow::Cow<'static, str> {
    let name = crate::codecregistry::lookup(vm, encoding)
        .and_then(|info| vm.getattr_str(&info, "name"))
        .ok()
        .and_then(|n| crate::objects::str::as_str(&n).map(str::to_string));
    std::borrow::Cow::Owned(name.unwrap_or_else(|| encoding.to_string()))
}

/// A locale's codeset under the name of the codec that implements it
/// (CPython's `config_get_codec_name`); an empty codeset is UTF-8.
pub fn locale_codec_name(codeset: &str) -> std::borrow::Cow<'static, str> {
    if codeset.is_empty() {
        return std::borrow::Cow::Borrowed("utf-8");
    }
    match native_codec(codeset) {
        Some(c) => std::borrow::Cow::Borrowed(TextCodec { decode_as: c, encode_as: c, initial: c }.name()),
        None => std::borrow::Cow::Owned(codeset.to_ascii_lowercase()),
    }
}

pub fn lookup_text_codec(vm: &Vm, encoding: &str) -> PyResult<TextCodec> {
    let c = lookup(vm, encoding, "decode")?;
    Ok(TextCodec { decode_as: c, encode_as: c, initial: c })
}

impl TextCodec {
    /// The codec's name as `codecs.lookup(...).name` gives it.
    pub fn name(&self) -> &'static str {
        match self.initial {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "iso8859-1",
            Codec::Utf16(Order::Bom) => "utf-16",
            Codec::Utf16(Order::Le) => "utf-16-le",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf32(Order::Bom) => "utf-32",
            Codec::Utf32(Order::Le) => "utf-32-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::UnicodeEscape => "unicode-escape",
            Codec::RawUnicodeEscape => "raw-unicode-escape",
        }
    }

    /// Does the codec map every byte to one code point and back (so a
    /// text position is a byte position)?
    pub fn is_single_byte(&self) -> bool {
        matches!(self.initial, Codec::Ascii | Codec::Latin1)
    }

    /// Forget the decoder's state (a BOM is expected again).
    pub fn reset_decoder(&mut self) {
        self.decode_as = self.initial;
    }

    /// Forget the encoder's state (a BOM is written again).
    pub fn reset_encoder(&mut self) {
        self.encode_as = self.initial;
    }

    /// The encoder continues a stream: no BOM is written (`setstate(0)`
    /// after seeking away from the start).
    pub fn skip_bom(&mut self) {
        self.encode_as = without_bom(self.initial);
    }

    /// Has the decoder seen the start of the stream (its BOM, if any)?
    pub fn decoder_started(&self) -> bool {
        !matches!(self.decode_as, Codec::Utf8Sig | Codec::Utf16(Order::Bom) | Codec::Utf32(Order::Bom))
            || self.decode_as != self.initial
    }

    /// The flags part of the decoder's `getstate()` as the codec modules
    /// of Lib/encodings give it: for UTF-16 and UTF-32, 2 while the byte
    /// order is undetermined, 0 for the machine's order and 1 for the
    /// other; for UTF-8-SIG, 1 until the BOM question is settled; 0
    /// otherwise.
    pub fn decoder_state(&self) -> u64 {
        match (self.initial, self.decode_as) {
            (Codec::Utf8Sig, Codec::Utf8Sig) => 1,
            (Codec::Utf16(Order::Bom), Codec::Utf16(o)) | (Codec::Utf32(Order::Bom), Codec::Utf32(o)) => match o {
                Order::Bom => 2,
                o if o == native_order() => 0,
                _ => 1,
            },
            _ => 0,
        }
    }

    /// `setstate((buffer, flags))` of the decoder (the flags part).
    pub fn set_decoder_state(&mut self, flags: u64) {
        self.decode_as = match self.initial {
            Codec::Utf8Sig => {
                if flags != 0 {
                    Codec::Utf8Sig
                } else {
                    Codec::Utf8
                }
            }
            Codec::Utf16(Order::Bom) => match flags {
                0 => Codec::Utf16(native_order()),
                1 => Codec::Utf16(other_order()),
                _ => Codec::Utf16(Order::Bom),
            },
            Codec::Utf32(Order::Bom) => match flags {
                0 => Codec::Utf32(native_order()),
                1 => Codec::Utf32(other_order()),
                _ => Codec::Utf32(Order::Bom),
            },
            c => c,
        };
    }

    /// The BOM the encoder writes at the start of a stream (empty for
    /// codecs without one).
    pub fn bom(&self) -> &'static [u8] {
        match self.initial {
            Codec::Utf8Sig => b"\xef\xbb\xbf",
            Codec::Utf16(Order::Bom) => {
                if native_order() == Order::Le {
                    b"\xff\xfe"
                } else {
                    b"\xfe\xff"
                }
            }
            Codec::Utf32(Order::Bom) => {
                if native_order() == Order::Le {
                    b"\xff\xfe\x00\x00"
                } else {
                    b"\x00\x00\xfe\xff"
                }
            }
            _ => b"",
        }
    }

    /// Decode a chunk: the text and how many bytes it used (the rest is an
    /// incomplete sequence, kept by the caller for the next chunk). As the
    /// incremental decoders of Lib/encodings: UTF-16 and UTF-32 streams
    /// must start with a BOM (UnicodeError otherwise), and UTF-8-SIG waits
    /// until it knows whether the first bytes are a BOM.
    pub fn decode(&mut self, vm: &Vm, data: &[u8], errors: Option<&str>, final_: bool) -> PyResult<(Obj, usize)> {
        let mut start = 0;
        if self.decode_as != without_bom(self.decode_as) {
            if data.is_empty() {
                return Ok((vm.ctx.empty_str.clone(), 0));
            }
            match detect_bom(self.decode_as, data) {
                Bom::NeedMore if !final_ || self.decode_as == Codec::Utf8Sig => {
                    return Ok((vm.ctx.empty_str.clone(), 0))
                }
                Bom::NeedMore => self.decode_as = default_order(self.decode_as),
                Bom::Found(c, len) => {
                    self.decode_as = c;
                    start = len;
                }
                Bom::Absent(c) => {
                    let unit = self.decode_as.unit_size();
                    if unit > 1 {
                        if data.len() >= unit {
                            let what = if unit == 2 { "UTF-16" } else { "UTF-32" };
                            let msg = format!("{what} stream does not start with BOM");
                            return Err(vm.new_exception_msg(&vm.ctx.exceptions.unicode_error, &msg));
                        }
                        if !final_ {
                            return Ok((vm.ctx.empty_str.clone(), 0));
                        }
                    }
                    self.decode_as = c
                }
            }
        }
        let body = &data[start..];
        let keep = if final_ { 0 } else { incomplete_tail(self.decode_as, body) };
        let used = &body[..body.len() - keep];
        let text =
            if used.is_empty() { vm.ctx.empty_str.clone() } else { decode_with(vm, used, self.decode_as, errors)? };
        Ok((text, start + used.len()))
    }

    /// Encode a str; the first call writes the BOM of codecs that have one
    /// (even for an empty str, as `codecs.utf_16_encode('')`).
    pub fn encode(&mut self, vm: &Vm, s: &Obj, errors: Option<&str>) -> PyResult<Vec<u8>> {
        let out = encode_with(vm, s, self.encode_as, errors)?;
        self.encode_as = without_bom(self.encode_as);
        Ok(out)
    }
}

/// The byte order of the machine (what BOM-less UTF-16/32 means).
fn native_order() -> Order {
    if cfg!(target_endian = "little") {
        Order::Le
    } else {
        Order::Be
    }
}

fn other_order() -> Order {
    if native_order() == Order::Le {
        Order::Be
    } else {
        Order::Le
    }
}

enum Bom {
    NeedMore,
    Found(Codec, usize),
    Absent(Codec),
}

/// The codec that continues a stream after its BOM.
fn without_bom(c: Codec) -> Codec {
    match c {
        Codec::Utf8Sig => Codec::Utf8,
        Codec::Utf16(Order::Bom) => Codec::Utf16(Order::Le),
        Codec::Utf32(Order::Bom) => Codec::Utf32(Order::Le),
        c => c,
    }
}

/// The byte order of a BOM-less UTF-16/32 stream: the machine's.
fn default_order(c: Codec) -> Codec {
    without_bom(c)
}

fn detect_bom(c: Codec, data: &[u8]) -> Bom {
    let boms: &[(&[u8], Codec)] = match c {
        Codec::Utf8Sig => &[(b"\xef\xbb\xbf", Codec::Utf8)],
        Codec::Utf16(_) => &[(b"\xff\xfe", Codec::Utf16(Order::Le)), (b"\xfe\xff", Codec::Utf16(Order::Be))],
        Codec::Utf32(_) => {
            &[(b"\xff\xfe\x00\x00", Codec::Utf32(Order::Le)), (b"\x00\x00\xfe\xff", Codec::Utf32(Order::Be))]
        }
        c => return Bom::Absent(c),
    };
    for (bom, codec) in boms {
        if data.starts_with(bom) {
            return Bom::Found(*codec, bom.len());
        }
        if data.len() < bom.len() && bom.starts_with(data) {
            return Bom::NeedMore;
        }
    }
    Bom::Absent(default_order(c))
}

/// How many bytes at the end of `data` start a sequence that more input
/// could complete.
fn incomplete_tail(c: Codec, data: &[u8]) -> usize {
    match c {
        Codec::Utf8 | Codec::Utf8Sig => utf8_incomplete_tail(data),
        Codec::Utf16(order) => {
            let odd = data.len() % 2;
            let even = &data[..data.len() - odd];
            if even.len() >= 2 {
                let u = &even[even.len() - 2..];
                let unit = if order == Order::Be {
                    u16::from_be_bytes([u[0], u[1]])
                } else {
                    u16::from_le_bytes([u[0], u[1]])
                };
                if (0xD800..0xDC00).contains(&unit) {
                    return odd + 2;
                }
            }
            odd
        }
        Codec::Utf32(_) => data.len() % 4,
        Codec::UnicodeEscape | Codec::RawUnicodeEscape => escape_incomplete_tail(data),
        Codec::Ascii | Codec::Latin1 => 0,
    }
}

/// The length of a valid but unfinished UTF-8 sequence at the end.
fn utf8_incomplete_tail(data: &[u8]) -> usize {
    let n = data.len();
    for back in 1..=3.min(n) {
        let lead = data[n - back];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        if back >= need {
            return 0;
        }
        // The second byte's range depends on the lead (no overlongs,
        // nothing past U+10FFFF).
        if back >= 2 {
            let second = data[n - back + 1];
            let ok = match lead {
                0xE0 => (0xA0..=0xBF).contains(&second),
                // ED A0..BF is a surrogate: CPython waits for its last
                // byte too (a surrogatepass decoder may take it).
                0xED => (0x80..=0xBF).contains(&second),
                0xF0 => (0x90..=0xBF).contains(&second),
                0xF4 => (0x80..=0x8F).contains(&second),
                _ => true,
            };
            if !ok {
                return 0;
            }
        }
        return back;
    }
    0
}

/// An escape (`\`, `\x4`, `\u00`, `\N{...`) cut off at the end.
fn escape_incomplete_tail(data: &[u8]) -> usize {
    let Some(bs) = data.iter().rposition(|&b| b == b'\\') else { return 0 };
    // An even run of backslashes ending here is complete.
    let run = data[..=bs].iter().rev().take_while(|&&b| b == b'\\').count();
    if run % 2 == 0 {
        return 0;
    }
    let rest = &data[bs + 1..];
    let need = match rest.first() {
        None => return data.len() - bs,
        Some(b'x') => 3,
        Some(b'u') => 5,
        Some(b'U') => 9,
        Some(b'N') => {
            return if rest.contains(&b'}') { 0 } else { data.len() - bs };
        }
        Some(b'0'..=b'7') => 3.min(rest.len() + 1),
        Some(_) => return 0,
    };
    if rest.len() < need {
        data.len() - bs
    } else {
        0
    }
}
