//! Syntax errors with CPython's exception types, messages and locations.

use std::fmt;

/// Which builtin exception a syntax error is raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    SyntaxError,
    IndentationError,
    TabError,
    /// The parser's stack overflowed (CPython raises MemoryError).
    MemoryError,
    /// Nesting too deep for the recursion limit (CPython's RecursionError).
    RecursionError,
}

impl ErrorType {
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::SyntaxError => "SyntaxError",
            ErrorType::IndentationError => "IndentationError",
            ErrorType::TabError => "TabError",
            ErrorType::MemoryError => "MemoryError",
            ErrorType::RecursionError => "RecursionError",
        }
    }
}

/// A syntax error as the Python exception carries it: `msg`, `filename`,
/// `lineno`, `offset` (1-based, in characters), `text`, `end_lineno`,
/// `end_offset`. An attribute CPython leaves as `None` is `None` here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub error_type: ErrorType,
    pub msg: String,
    pub filename: String,
    pub lineno: Option<i64>,
    pub offset: Option<i64>,
    pub text: Option<String>,
    pub end_lineno: Option<i64>,
    pub end_offset: Option<i64>,
}

impl SyntaxError {
    /// An error that carries no location (CPython raises these with a bare message).
    pub fn bare(error_type: ErrorType, msg: impl Into<String>) -> SyntaxError {
        SyntaxError {
            error_type,
            msg: msg.into(),
            filename: String::new(),
            lineno: None,
            offset: None,
            text: None,
            end_lineno: None,
            end_offset: None,
        }
    }

    /// Does the exception carry a location, so that the traceback printer shows
    /// the `File "...", line N` block?
    pub fn has_location(&self) -> bool {
        self.lineno.is_some()
    }

    /// The text CPython's traceback printer writes for this error when it ends a
    /// program (`print_exception` with its SyntaxError special case).
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(lineno) = self.lineno {
            out.push_str(&format!("  File \"{}\", line {}\n", self.filename, lineno));
            if let Some(text) = &self.text {
                // Only an exact SyntaxError shows its end; subclasses
                // (IndentationError, TabError) get one caret.
                let (end_lineno, mut end_offset) = match self.error_type {
                    ErrorType::SyntaxError => (self.end_lineno.unwrap_or(lineno), self.end_offset.unwrap_or(-1)),
                    _ => (lineno, -1),
                };
                let line_size = text.len() as i64;
                if end_lineno > lineno {
                    end_offset = line_size;
                }
                if end_offset > line_size + 1 {
                    end_offset = line_size + 1;
                }
                render_error_text(&mut out, self.offset.unwrap_or(-1), end_offset, text);
            }
        }
        out.push_str(self.error_type.name());
        if !self.msg.is_empty() || self.error_type != ErrorType::MemoryError {
            out.push_str(": ");
            out.push_str(&self.msg);
        }
        out.push('\n');
        out
    }
}

/// CPython's `print_error_text`: the source line without its indentation and a
/// caret line under `offset..end_offset`. Offsets count characters while the
/// clipping counts bytes, exactly as CPython does.
fn render_error_text(out: &mut String, offset: i64, end_offset: i64, text: &str) {
    // The carets end at most just past the text (and hostile offsets
    // neither overflow nor ask for a huge line).
    let text_len = text.strip_suffix('\n').unwrap_or(text).len() as i64;
    let end_offset = end_offset.min(text_len + 1);
    let caret_repetitions =
        if end_offset > 0 && end_offset > offset { end_offset.saturating_sub(offset) as usize } else { 1 };
    let mut offset = offset.saturating_sub(1);
    let mut text = text;
    while let Some(rest) = text.strip_prefix([' ', '\t', '\x0c']) {
        text = rest;
        offset = offset.saturating_sub(1);
    }
    let mut len = text.len() as i64;
    if text.ends_with('\n') {
        len -= 1;
    }
    if offset > len {
        offset = len;
    }
    while let Some(nl) = text.find('\n') {
        let inl = nl as i64;
        if inl >= offset {
            break;
        }
        text = &text[nl + 1..];
        len -= inl + 1;
        offset = offset.saturating_sub(inl + 1);
    }
    out.push_str("    ");
    out.push_str(text);
    if text.as_bytes().get(len.max(0) as usize) != Some(&b'\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    for _ in 0..offset {
        out.push(' ');
    }
    for _ in 0..caret_repetitions {
        out.push('^');
    }
    out.push('\n');
}

impl fmt::Display for SyntaxError {
    /// `str(exc)`: CPython's `SyntaxError.__str__`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = std::path::Path::new(&self.filename)
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match (self.lineno, self.filename.is_empty()) {
            (Some(l), false) => write!(f, "{} ({}, line {})", self.msg, file, l),
            (Some(l), true) => write!(f, "{} (line {})", self.msg, l),
            (None, false) => write!(f, "{} ({})", self.msg, file),
            (None, true) => write!(f, "{}", self.msg),
        }
    }
}

impl std::error::Error for SyntaxError {}

/// A warning the front end emits while reading the source (CPython emits these
/// through the `warnings` module with the source's filename and line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub category: WarningCategory,
    pub msg: String,
    pub lineno: u32,
    /// The SyntaxError that replaces the warning when the warnings filter
    /// turns it into an error (CPython clears the warning and raises a
    /// SyntaxError at the offending token or node).
    pub as_error: Option<Box<SyntaxError>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCategory {
    SyntaxWarning,
    DeprecationWarning,
}

impl WarningCategory {
    pub fn name(self) -> &'static str {
        match self {
            WarningCategory::SyntaxWarning => "SyntaxWarning",
            WarningCategory::DeprecationWarning => "DeprecationWarning",
        }
    }
}

impl Warning {
    /// How CPython's default `warnings.showwarning` prints this warning for
    /// `filename`, whose source is `source`: the location line, then the
    /// stripped source line.
    pub fn render(&self, filename: &str, source: &[u8]) -> String {
        let mut out = format!("{}:{}: {}: {}\n", filename, self.lineno, self.category.name(), self.msg);
        let line =
            String::from_utf8_lossy(source).lines().nth((self.lineno as usize).wrapping_sub(1)).map(str::to_string);
        if let Some(line) = line.filter(|l| !l.trim().is_empty()) {
            out.push_str("  ");
            out.push_str(line.trim());
            out.push('\n');
        }
        out
    }

    /// Is it shown under the default warning filters? (DeprecationWarning
    /// only shows for `__main__`, which compile-time warnings never name.)
    pub fn shown_by_default(&self) -> bool {
        self.category == WarningCategory::SyntaxWarning
    }
}
