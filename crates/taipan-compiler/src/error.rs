//! SyntaxErrors raised after parsing (by the future-statement check, the
//! symbol table and the code generator), located as CPython locates them.
//!
//! CPython reads the offending line back from the file named by the
//! compilation's filename (`PyErr_ProgramTextObject`), so `text` is `None`
//! for `<string>` and the like; so it is here. Offsets are byte offsets plus
//! one, not character offsets: these errors do not go through the parser's
//! conversion.

use taipan_syntax::{ErrorType, SyntaxError};

/// Errors travel boxed inside the compiler: a SyntaxError is large, and the
/// compiler's recursive functions return results at every level.
pub type CompileError = Box<SyntaxError>;

/// A SyntaxError at a range (`PyErr_RangedSyntaxLocationObject`): negative
/// parts are CPython's `-1` and become `None`, except `lineno`.
pub fn located(
    filename: &str,
    msg: impl Into<String>,
    lineno: i64,
    offset: i64,
    end_lineno: i64,
    end_offset: i64,
) -> CompileError {
    let opt = |v: i64| if v >= 0 { Some(v) } else { None };
    Box::new(SyntaxError {
        error_type: ErrorType::SyntaxError,
        msg: msg.into(),
        filename: filename.to_string(),
        lineno: Some(lineno),
        offset: opt(offset),
        text: program_text(filename, lineno),
        end_lineno: opt(end_lineno),
        end_offset: opt(end_offset),
    })
}

/// A SyntaxError as `compiler_error` builds it: the location tuple is passed
/// whole, so every part is an int, whatever its value.
pub fn compiler_error(
    filename: &str,
    msg: impl Into<String>,
    lineno: i64,
    offset: i64,
    end_lineno: i64,
    end_offset: i64,
) -> CompileError {
    Box::new(SyntaxError {
        error_type: ErrorType::SyntaxError,
        msg: msg.into(),
        filename: filename.to_string(),
        lineno: Some(lineno),
        offset: Some(offset),
        text: program_text(filename, lineno),
        end_lineno: Some(end_lineno),
        end_offset: Some(end_offset),
    })
}

/// An error the compiler raises for an AST it cannot handle (CPython raises
/// SystemError or another non-syntax exception in these cases).
pub fn internal(msg: impl Into<String>) -> CompileError {
    Box::new(SyntaxError::bare(ErrorType::SyntaxError, msg))
}

/// `PyErr_ProgramTextObject`: line `lineno` of the file, newline included,
/// read as CPython's `err_programtext` reads it (universal newlines, lines
/// in chunks of at most 999 bytes, of which the last one is kept).
pub fn program_text(filename: &str, lineno: i64) -> Option<String> {
    if lineno <= 0 || filename.is_empty() {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let mut lines = split_universal(&bytes);
    let line = lines.nth(lineno as usize - 1)?;
    // fgets reads at most 999 bytes at a time; a longer line leaves the
    // buffer holding its last chunk.
    const CHUNK: usize = 999;
    let chunk = if line.len() > CHUNK {
        let full = (line.len() - 1) / CHUNK * CHUNK;
        &line[full..]
    } else {
        line
    };
    let text: Vec<u8> = chunk.iter().map(|&b| if b == b'\r' { b'\n' } else { b }).collect();
    String::from_utf8(text).ok()
}

/// Lines with their terminator, `\r\n` and `\r` counting as newlines.
fn split_universal(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() {
            match bytes[pos] {
                b'\n' => {
                    pos += 1;
                    return Some(&bytes[start..pos]);
                }
                b'\r' => {
                    pos += 1;
                    if bytes.get(pos) == Some(&b'\n') {
                        // `\r\n` reads as one newline: keep only the `\r`,
                        // which the caller turns into `\n`.
                        let line = &bytes[start..pos];
                        pos += 1;
                        return Some(line);
                    }
                    return Some(&bytes[start..pos]);
                }
                _ => pos += 1,
            }
        }
        Some(&bytes[start..pos])
    })
}
