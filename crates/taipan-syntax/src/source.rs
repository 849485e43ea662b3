//! From the bytes of a source file to the UTF-8 text the tokenizer reads:
//! universal newlines, the UTF-8 BOM and PEP 263 coding declarations, with
//! CPython's errors for each.

use std::borrow::Cow;

use crate::error::{ErrorType, SyntaxError};

/// How the source reached the parser. CPython reads a file line by line and a
/// string all at once, and a few errors differ between the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMode {
    /// `python3 FILE`: errors as the file tokenizer reports them.
    File,
    /// `compile()` / `ast.parse()` of a bytes object (coding cookie honoured).
    Bytes,
    /// `compile()` / `ast.parse()` of a str (already text: cookies ignored).
    Text,
}

/// Decoded source text.
#[derive(Debug)]
pub struct Source<'a> {
    /// UTF-8 with every `\r\n` and `\r` turned into `\n`. (For `compile()`
    /// of bytes it is not checked here: as in CPython, a bad byte is reported
    /// by the token that holds it.)
    pub text: SourceText<'a>,
    /// Did the file start with a UTF-8 BOM?
    pub has_bom: bool,
    /// Did a BOM or a coding declaration name the encoding? (CPython then
    /// reports error columns in characters rather than bytes.)
    pub encoding_declared: bool,
    /// An error the tokenizer raises when it reaches byte offset `.0` of `text`
    /// (CPython reads and checks a file one line at a time, so an error on a
    /// later line only shows if parsing gets that far).
    pub deferred_error: Option<(usize, SyntaxError)>,
}

/// The decoded bytes, kept as a `str` when decoding already checked that they
/// are UTF-8 (so that the parser need not check them a second time).
#[derive(Debug)]
pub enum SourceText<'a> {
    Str(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
}

impl SourceText<'_> {
    /// The text, if decoding checked it was UTF-8.
    pub fn checked_str(&self) -> Option<&str> {
        match self {
            SourceText::Str(s) => Some(s),
            SourceText::Bytes(_) => None,
        }
    }
}

impl std::ops::Deref for SourceText<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            SourceText::Str(s) => s.as_bytes(),
            SourceText::Bytes(b) => b,
        }
    }
}

/// `text` as a `str` when it is all UTF-8; otherwise the bytes back and how
/// many of them are valid.
fn checked_text(text: Cow<'_, [u8]>) -> Result<Cow<'_, str>, (Cow<'_, [u8]>, usize)> {
    match text {
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(e) => Err((Cow::Borrowed(b), e.valid_up_to())),
        },
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) => Ok(Cow::Owned(s)),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                Err((Cow::Owned(e.into_bytes()), valid))
            }
        },
    }
}

fn cow_bytes(text: Cow<'_, str>) -> Cow<'_, [u8]> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// Decode `bytes` as CPython's tokenizer does.
pub fn decode<'a>(bytes: &'a [u8], mode: InputMode, filename: &str) -> Result<Source<'a>, SyntaxError> {
    decode_input(bytes, mode, filename, true)
}

/// `decode`; `exec_input` says whether a missing final newline is added
/// (CPython adds it for files and for `exec`/`single` input, not for `eval`).
pub fn decode_input<'a>(
    bytes: &'a [u8],
    mode: InputMode,
    filename: &str,
    exec_input: bool,
) -> Result<Source<'a>, SyntaxError> {
    if mode != InputMode::File && memchr::memchr(0, bytes).is_some() {
        return Err(SyntaxError::bare(ErrorType::SyntaxError, "source code string cannot contain null bytes"));
    }
    let mut buf = translate_newlines(bytes);
    if exec_input && !buf.is_empty() && !buf.ends_with(b"\n") {
        // Both of CPython's readers end the last line with a newline.
        buf.to_mut().push(b'\n');
    }
    let has_bom = buf.starts_with(b"\xEF\xBB\xBF");
    let body_start = if has_bom { 3 } else { 0 };
    let body = &buf[body_start..];
    let declared = if mode == InputMode::Text { None } else { find_coding_spec(body) };
    let init_error = |msg: String| -> SyntaxError {
        match mode {
            InputMode::File => SyntaxError::bare(ErrorType::SyntaxError, msg),
            InputMode::Bytes | InputMode::Text => SyntaxError {
                filename: filename.to_string(),
                lineno: Some(0),
                offset: Some(-1),
                ..SyntaxError::bare(ErrorType::SyntaxError, msg)
            },
        }
    };
    if let Some(spec) = &declared {
        if has_bom && spec != "utf-8" {
            return Err(init_error(format!("encoding problem: {spec} with BOM")));
        }
        if spec != "utf-8" && !is_utf8_alias(spec) {
            let Some(codec) = lookup_codec(spec) else {
                return Err(init_error(match mode {
                    InputMode::File => format!("encoding problem: {spec}"),
                    _ => format!("unknown encoding: {spec}"),
                }));
            };
            let text = codec.decode(body).map_err(init_error)?;
            return Ok(Source {
                text: SourceText::Str(Cow::Owned(text)),
                has_bom,
                encoding_declared: true,
                deferred_error: None,
            });
        }
    }
    if mode != InputMode::File {
        let len = buf.len();
        return Ok(Source {
            text: SourceText::Bytes(sub_cow(buf, body_start, len)),
            has_bom,
            encoding_declared: has_bom || declared.is_some(),
            deferred_error: None,
        });
    }
    let len = buf.len();
    let (text, deferred_error) = match checked_text(sub_cow(buf, body_start, len)) {
        // All UTF-8 (the parser reads the text as a `str` without checking it again).
        Ok(text) => match check_utf8_lines(text.as_bytes(), text.len(), filename) {
            (_, None) => (SourceText::Str(text), None),
            (cut, Some(e)) => (SourceText::Bytes(sub_cow(cow_bytes(text), 0, cut)), Some((cut, e))),
        },
        Err((bytes, valid_upto)) => {
            let (cut, e) = check_utf8_lines(&bytes, valid_upto, filename);
            (SourceText::Bytes(sub_cow(bytes, 0, cut)), e.map(|e| (cut, e)))
        }
    };
    Ok(Source { text, has_bom, encoding_declared: has_bom || declared.is_some(), deferred_error })
}

/// `buf[start..end]`, without copying when it is borrowed.
fn sub_cow(buf: Cow<'_, [u8]>, start: usize, end: usize) -> Cow<'_, [u8]> {
    match buf {
        Cow::Borrowed(b) => Cow::Borrowed(&b[start..end]),
        Cow::Owned(mut v) => {
            v.truncate(end);
            v.drain(..start);
            Cow::Owned(v)
        }
    }
}

/// `\r\n` and lone `\r` become `\n` (CPython's universal newlines).
fn translate_newlines(bytes: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(b'\r', bytes).is_none() {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\r' {
            out.push(b'\n');
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// How much of a file's `body` (UTF-8 up to `valid_upto`) the tokenizer may
/// read, and the error at that point: a file is checked line by line, so its
/// first line with a bad byte (or a NUL) becomes an error raised when reading
/// reaches it. (`compile()` of bytes is not checked here: the token holding a
/// bad byte reports it.)
fn check_utf8_lines(body: &[u8], valid_upto: usize, filename: &str) -> (usize, Option<SyntaxError>) {
    let problem = body.get(valid_upto).copied();
    // memchr: a byte-by-byte loop here cost ~3 instructions per source byte.
    let nul = memchr::memchr(0, &body[..valid_upto]);
    match (nul, problem) {
        (Some(n), _) => {
            let line_start = line_start_of(body, n);
            let lineno = line_number(body, n);
            let text = String::from_utf8_lossy(&body[line_start..n]).into_owned();
            let err = SyntaxError {
                filename: filename.to_string(),
                lineno: Some(lineno),
                text: Some(text),
                ..SyntaxError::bare(ErrorType::SyntaxError, "source code cannot contain null bytes")
            };
            (line_start, Some(err))
        }
        (None, Some(byte)) => {
            let line_start = line_start_of(body, valid_upto);
            let lineno = line_number(body, valid_upto);
            let err = SyntaxError::bare(
                ErrorType::SyntaxError,
                format!(
                    "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {lineno}, but no \
                     encoding declared; see https://peps.python.org/pep-0263/ for details"
                ),
            );
            (line_start, Some(err))
        }
        (None, None) => (body.len(), None),
    }
}

fn line_start_of(body: &[u8], pos: usize) -> usize {
    body[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)
}

fn line_number(body: &[u8], pos: usize) -> i64 {
    1 + body[..pos].iter().filter(|&&b| b == b'\n').count() as i64
}

/// The PEP 263 declaration on line 1, or on line 2 when line 1 holds only a
/// comment or blanks. Returns the normalized name (CPython's `get_normal_name`).
fn find_coding_spec(body: &[u8]) -> Option<String> {
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let line1 = lines.next()?;
    if !line1.ends_with(b"\n") {
        return None;
    }
    if let Some(spec) = coding_spec_in_line(line1) {
        return Some(spec);
    }
    if !is_blank_or_comment(line1) {
        return None;
    }
    let line2 = lines.next()?;
    coding_spec_in_line(line2)
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    for &c in line {
        match c {
            b'#' | b'\n' | b'\r' => return true,
            b' ' | b'\t' | b'\x0c' => {}
            _ => return false,
        }
    }
    true
}

/// CPython's `get_coding_spec`: the line must be a comment that contains
/// `coding[:=]` followed by a name.
fn coding_spec_in_line(line: &[u8]) -> Option<String> {
    let size = line.len();
    if size < 7 {
        return None;
    }
    let limit = size - 6;
    let mut i = 0;
    while i < limit {
        match line[i] {
            b'#' => break,
            b' ' | b'\t' | b'\x0c' => i += 1,
            _ => return None,
        }
    }
    while i < limit {
        if &line[i..i + 6] == b"coding" {
            let mut t = i + 6;
            if !matches!(line.get(t), Some(b':') | Some(b'=')) {
                i += 1;
                continue;
            }
            t += 1;
            while matches!(line.get(t), Some(b' ') | Some(b'\t')) {
                t += 1;
            }
            let begin = t;
            while line.get(t).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.') {
                t += 1;
            }
            if begin < t {
                let name = String::from_utf8_lossy(&line[begin..t]).into_owned();
                return Some(normal_name(&name));
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name` (only utf-8 and latin-1 spellings are normalized).
fn normal_name(s: &str) -> String {
    let buf: String = s.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if buf == "utf-8" || buf.starts_with("utf-8-") {
        "utf-8".into()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&buf.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"].iter().any(|p| buf.starts_with(p))
    {
        "iso-8859-1".into()
    } else {
        s.to_string()
    }
}

enum Codec {
    Latin1,
    Ascii,
    Other(&'static encoding_rs::Encoding),
}

impl Codec {
    fn decode(&self, bytes: &[u8]) -> Result<String, String> {
        match self {
            Codec::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
            Codec::Ascii => match bytes.iter().position(|&b| b >= 0x80) {
                None => Ok(bytes.iter().map(|&b| b as char).collect()),
                Some(pos) => Err(format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    bytes[pos]
                )),
            },
            Codec::Other(enc) => {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if had_errors {
                    Err(format!("'{}' codec can't decode the source", enc.name()))
                } else {
                    Ok(text.into_owned())
                }
            }
        }
    }
}

/// Python codec names (after `encodings.normalize_encoding`) that Taipan can
/// decode source in.
/// Another name of the UTF-8 codec (`# coding: utf8`), which CPython's
/// tokenizer finds through the codec registry (`get_normal_name` only
/// spells out `utf-8`).
fn is_utf8_alias(name: &str) -> bool {
    let norm: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' })
        .collect();
    matches!(norm.as_str(), "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001")
}

fn lookup_codec(name: &str) -> Option<Codec> {
    let norm: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' })
        .collect();
    let label = match norm.as_str() {
        "iso_8859_1" | "latin_1" | "latin1" | "iso8859_1" | "l1" | "latin" | "cp819" | "8859" | "iso_ir_100" => {
            return Some(Codec::Latin1)
        }
        "ascii" | "us_ascii" | "646" | "us" => return Some(Codec::Ascii),
        "cp1252" | "windows_1252" => "windows-1252",
        "cp1250" | "windows_1250" => "windows-1250",
        "cp1251" | "windows_1251" => "windows-1251",
        "cp1253" | "windows_1253" => "windows-1253",
        "cp1254" | "windows_1254" => "windows-1254",
        "cp1255" | "windows_1255" => "windows-1255",
        "cp1256" | "windows_1256" => "windows-1256",
        "cp1257" | "windows_1257" => "windows-1257",
        "cp1258" | "windows_1258" => "windows-1258",
        "koi8_r" => "koi8-r",
        "koi8_u" => "koi8-u",
        "iso8859_2" | "iso_8859_2" | "latin2" | "l2" => "iso-8859-2",
        "iso8859_5" | "iso_8859_5" | "cyrillic" => "iso-8859-5",
        "iso8859_7" | "iso_8859_7" | "greek" => "iso-8859-7",
        "iso8859_15" | "iso_8859_15" | "latin9" | "l9" => "iso-8859-15",
        "shift_jis" | "sjis" | "s_jis" => "shift_jis",
        "euc_jp" | "eucjp" => "euc-jp",
        "euc_kr" | "euckr" => "euc-kr",
        "gbk" | "cp936" => "gbk",
        "gb18030" => "gb18030",
        "big5" => "big5",
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes()).map(Codec::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: &[u8]) -> String {
        String::from_utf8(decode(b, InputMode::File, "f.py").unwrap().text.to_vec()).unwrap()
    }

    #[test]
    fn newlines_are_translated() {
        assert_eq!(text(b"a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn bom_and_cookies() {
        assert_eq!(text(b"\xEF\xBB\xBFx = 1\n"), "x = 1\n");
        assert_eq!(text(b"# coding: latin-1\nx = '\xe9'\n"), "# coding: latin-1\nx = '\u{e9}'\n");
        assert_eq!(
            text(b"#!python\n# -*- coding: latin-1 -*-\n'\xe9'\n"),
            "#!python\n# -*- coding: latin-1 -*-\n'\u{e9}'\n"
        );
        // A cookie on line 2 only counts when line 1 is a comment.
        let src = decode(b"x = 1\n# coding: latin-1\n'\xe9'\n", InputMode::File, "f.py").unwrap();
        assert!(src.deferred_error.is_some());
    }

    #[test]
    fn encoding_errors() {
        let e = decode(b"# coding: uft-8\n", InputMode::File, "f.py").unwrap_err();
        assert_eq!(e.msg, "encoding problem: uft-8");
        let e = decode(b"# coding: uft-8\n", InputMode::Bytes, "f.py").unwrap_err();
        assert_eq!(e.msg, "unknown encoding: uft-8");
        let e = decode(b"\xEF\xBB\xBF# coding: utf8\n", InputMode::File, "f.py").unwrap_err();
        assert_eq!(e.msg, "encoding problem: utf8 with BOM");
        let ok = decode(b"# coding=utf8\nx = '\xc3\xa6'\n", InputMode::File, "f.py").unwrap();
        assert!(ok.encoding_declared);
    }
}
