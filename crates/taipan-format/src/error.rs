//! The error value every fallible function returns.

use std::fmt;

/// An error CPython would raise, with its exception type and exact message.
///
/// The VM turns it into the Python exception of the same name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtError {
    ValueError(String),
    OverflowError(String),
    TypeError(String),
    /// The result would not fit in memory (CPython raises a bare `MemoryError`).
    MemoryError,
}

impl FmtError {
    /// The Python exception type's name.
    pub fn type_name(&self) -> &'static str {
        match self {
            FmtError::ValueError(_) => "ValueError",
            FmtError::OverflowError(_) => "OverflowError",
            FmtError::TypeError(_) => "TypeError",
            FmtError::MemoryError => "MemoryError",
        }
    }

    /// The exception's message (empty for `MemoryError`).
    pub fn message(&self) -> &str {
        match self {
            FmtError::ValueError(m) | FmtError::OverflowError(m) | FmtError::TypeError(m) => m,
            FmtError::MemoryError => "",
        }
    }

    pub(crate) fn value(m: impl Into<String>) -> FmtError {
        FmtError::ValueError(m.into())
    }

    pub(crate) fn overflow(m: impl Into<String>) -> FmtError {
        FmtError::OverflowError(m.into())
    }
}

impl fmt::Display for FmtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message())
    }
}

impl std::error::Error for FmtError {}

/// CPython's `unknown_presentation_type`: "Unknown format code 'x' for object of type 'T'".
pub(crate) fn unknown_code(code: char, type_name: &str) -> FmtError {
    let c = code as u32;
    if c > 32 && c < 128 {
        FmtError::value(format!("Unknown format code '{code}' for object of type '{}'", truncate_name(type_name)))
    } else {
        FmtError::value(format!("Unknown format code '\\x{c:x}' for object of type '{}'", truncate_name(type_name)))
    }
}

/// `%.200s` applied to a type name.
pub(crate) fn truncate_name(name: &str) -> &str {
    match name.char_indices().nth(200) {
        Some((i, _)) => &name[..i],
        None => name,
    }
}

/// A `String` with room for `n` bytes, or `MemoryError` (CPython's
/// `_PyUnicodeWriter_Prepare` failing) instead of aborting the process.
pub(crate) fn string_with_capacity(n: usize) -> Result<String, FmtError> {
    let mut s = String::new();
    s.try_reserve(n).map_err(|_| FmtError::MemoryError)?;
    Ok(s)
}
