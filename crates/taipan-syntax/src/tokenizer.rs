//! The tokenizer: CPython's `Parser/tokenizer.c` state machine, reading the
//! decoded source one line at a time so that line numbers, columns and the
//! order in which errors surface are CPython's.

use crate::error::{ErrorType, SyntaxError, Warning, WarningCategory};
use crate::token::{Token, TokenKind};

const EOF: i32 = -1;
const TABSIZE: u32 = 8;
const ALTTABSIZE: u32 = 1;
/// Maximum indentation depth (CPython's MAXINDENT).
const MAXINDENT: usize = 100;
/// Maximum parenthesis nesting (CPython's MAXLEVEL).
pub const MAXLEVEL: usize = 200;

/// What a failed `next_token` reports. `Raised` is a finished exception (CPython's
/// `syntaxerror()` in the tokenizer); the others are the tokenizer's `done`
/// codes, which the parser turns into an exception using the tokenizer state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokErr {
    Raised(Box<SyntaxError>),
    /// End of input inside brackets, or after a line continuation (E_EOF).
    Eof,
    /// A dedent to a column no enclosing block has (E_DEDENT).
    Dedent,
    /// Inconsistent tabs and spaces (E_TABSPACE).
    TabSpace,
    /// Indentation deeper than MAXINDENT (E_TOODEEP).
    TooDeep,
    /// A character after a line continuation backslash (E_LINECONT).
    LineCont,
    /// Undecodable bytes in a name (E_DECODE); the message is the SyntaxError's.
    Decode(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Done {
    Ok,
    Eof,
    Error,
    /// The second parser pass may not read more interactive input
    /// (CPython's E_INTERACT_STOP).
    InteractStop,
}

/// Interactive input (CPython's tokenizer with a prompt): the source is what
/// the reader returned at the prompts so far, one chunk per read, and each
/// chunk is one "line" for line numbers and columns however many newlines a
/// paste put in it.
#[derive(Debug)]
struct Interactive {
    /// End offset of each chunk in the source.
    chunk_ends: Vec<usize>,
    next_chunk: usize,
    /// The reader reported end of input after the last chunk (Ctrl-D).
    at_eof: bool,
    /// IUNDERFLOW_STOP: the second pass reads no more input.
    stop: bool,
    /// The tokenizer wanted a chunk the reader has not given yet.
    need_more: bool,
}

/// An open bracket: the character, its line and its column.
#[derive(Clone, Copy, Debug)]
pub struct OpenParen {
    pub ch: u8,
    pub lineno: u32,
    pub col: u32,
}

pub struct Tokenizer<'a> {
    src: &'a [u8],
    /// Where readable input ends (a deferred error may sit there).
    end: usize,
    deferred: Option<SyntaxError>,
    filename: String,
    cur: usize,
    /// End of the line(s) read so far (CPython's `tok->inp`).
    inp: usize,
    line_start: usize,
    /// Start of the tokenizer buffer (CPython's `tok->buf`).
    buf: usize,
    lineno: u32,
    start: Option<usize>,
    done: Done,
    /// A string was left open at the end of the source (CPython's E_EOFS
    /// and E_EOLS, kept beside `done`, which is then Error).
    eof_in_string: bool,
    atbol: bool,
    pendin: i32,
    indstack: Vec<u32>,
    altindstack: Vec<u32>,
    parens: Vec<OpenParen>,
    cont_line: bool,
    first_lineno: u32,
    multi_line_start: usize,
    /// Shift applied to columns on `starting_lineno` (f-string expressions).
    starting_lineno: u32,
    starting_col_offset: i32,
    pub warnings: Vec<Warning>,
    /// Reading a file (CPython's file tokenizer keeps only the current line in
    /// its buffer) rather than a string.
    file_mode: bool,
    interactive: Option<Box<Interactive>>,
    /// Return TYPE_COMMENT and TYPE_IGNORE tokens (CPython's `type_comments`).
    type_comments: bool,
    /// Python 3.5/3.6 rules for `async` and `await` (`feature_version` < 7):
    /// names, except `async` before `def` and both inside an `async def`
    /// (CPython's `async_hack`).
    async_hack: bool,
    /// Inside an `async def` (its signature or body), under `async_hack`.
    async_def: bool,
    /// The indentation level of that `async def`.
    async_def_indent: usize,
    /// A NEWLINE came after that `async def`: its signature is over.
    async_def_nl: bool,
    /// The name just read has a non-ASCII character (`Token::non_ascii`).
    name_non_ascii: bool,
}

/// Bytes that may continue a name: ASCII letters, digits, '_' and every
/// byte of a non-ASCII character.
static IDENT_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_' || b >= 128;
        i += 1;
    }
    t
};

#[inline]
fn is_potential_identifier_start(c: i32) -> bool {
    (c >= b'a' as i32 && c <= b'z' as i32) || (c >= b'A' as i32 && c <= b'Z' as i32) || c == b'_' as i32 || c >= 128
}

#[inline]
fn is_potential_identifier_char(c: i32) -> bool {
    is_potential_identifier_start(c) || (c >= b'0' as i32 && c <= b'9' as i32)
}

#[inline]
fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

#[inline]
fn is_xdigit(c: i32) -> bool {
    is_digit(c) || (b'a' as i32..=b'f' as i32).contains(&c) || (b'A' as i32..=b'F' as i32).contains(&c)
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over decoded `src`; `deferred` is an error to raise when
    /// reading reaches byte `deferred.0`.
    pub fn new(src: &'a [u8], deferred: Option<(usize, SyntaxError)>, filename: &str, file_mode: bool) -> Self {
        let (end, deferred) = match deferred {
            Some((at, err)) => (at, Some(err)),
            None => (src.len(), None),
        };
        Tokenizer {
            src,
            end,
            deferred,
            filename: filename.to_string(),
            cur: 0,
            inp: 0,
            line_start: 0,
            buf: 0,
            lineno: 0,
            start: None,
            done: Done::Ok,
            eof_in_string: false,
            atbol: true,
            pendin: 0,
            indstack: vec![0],
            altindstack: vec![0],
            parens: Vec::new(),
            cont_line: false,
            first_lineno: 0,
            multi_line_start: 0,
            starting_lineno: 0,
            starting_col_offset: 0,
            warnings: Vec::new(),
            file_mode,
            interactive: None,
            type_comments: false,
            async_hack: false,
            async_def: false,
            async_def_indent: 0,
            async_def_nl: false,
            name_non_ascii: false,
        }
    }

    /// Return type comments as tokens (`PyCF_TYPE_COMMENTS`) and treat
    /// `async`/`await` as Python 3.6 did (`feature_version` < 7).
    pub fn set_options(&mut self, type_comments: bool, async_hack: bool) {
        self.type_comments = type_comments;
        self.async_hack = async_hack;
    }

    /// A tokenizer over interactive input: `src` is the concatenation of the
    /// chunks read at the prompts (each ending where `chunk_ends` says), and
    /// `at_eof` tells whether the reader reported end of input after them.
    pub fn new_interactive(src: &'a [u8], chunk_ends: Vec<usize>, at_eof: bool, filename: &str) -> Self {
        let mut t = Tokenizer::new(src, None, filename, false);
        t.interactive =
            Some(Box::new(Interactive { chunk_ends, next_chunk: 0, at_eof, stop: false, need_more: false }));
        t
    }

    /// Interactive input: did tokenizing need a chunk not read yet?
    pub fn needs_more_input(&self) -> bool {
        self.interactive.as_ref().is_some_and(|i| i.need_more)
    }

    /// Interactive input: read nothing more (the parser's second pass).
    pub fn stop_reading(&mut self) {
        if let Some(i) = &mut self.interactive {
            i.stop = true;
        }
    }

    pub fn is_interactive(&self) -> bool {
        self.interactive.is_some()
    }

    /// The indentation depth (CPython's `tok->indent`).
    pub fn indent(&self) -> usize {
        self.indstack.len() - 1
    }

    /// Close every open block: pending dedents down to column 0 (what
    /// CPython's single-input parser does at the end of input).
    pub fn imply_dedents(&mut self) {
        let n = self.indent();
        self.pendin = -(n as i32);
        self.indstack.truncate(1);
        self.altindstack.truncate(1);
    }

    /// Is the rest of the current buffer blank or comments (CPython's
    /// `bad_single_statement` fails otherwise)?
    pub fn rest_is_blank(&self) -> bool {
        let mut rest = &self.src[self.cur.min(self.inp)..self.inp];
        loop {
            while let [b' ' | b'\t' | b'\n' | 0x0c, tail @ ..] = rest {
                rest = tail;
            }
            match rest {
                [] => return true,
                [b'#', ..] => {
                    let n = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    rest = &rest[n..];
                }
                _ => return false,
            }
        }
    }

    /// Number lines from `lineno + 1` and shift columns on the first line by
    /// `col_offset` (the expression of an f-string is tokenized on its own but
    /// keeps its position in the file).
    pub fn set_start(&mut self, lineno_before: u32, starting_lineno: u32, starting_col_offset: i32) {
        self.lineno = lineno_before;
        self.starting_lineno = starting_lineno;
        self.starting_col_offset = starting_col_offset;
    }

    pub fn source(&self) -> &'a [u8] {
        self.src
    }
    pub fn lineno(&self) -> u32 {
        self.lineno
    }
    pub fn level(&self) -> usize {
        self.parens.len()
    }
    pub fn parens(&self) -> &[OpenParen] {
        &self.parens
    }
    pub fn cur(&self) -> usize {
        self.cur
    }
    pub fn line_start(&self) -> usize {
        self.line_start
    }
    pub fn buf(&self) -> usize {
        self.buf
    }
    pub fn inp(&self) -> usize {
        self.inp
    }
    pub fn filename(&self) -> &str {
        &self.filename
    }
    pub fn file_mode(&self) -> bool {
        self.file_mode
    }
    pub fn is_ok(&self) -> bool {
        self.done == Done::Ok || self.done == Done::Eof
    }
    pub fn at_eof(&self) -> bool {
        self.done == Done::Eof
    }
    /// Reading stopped at the end of the source: the end of input (E_EOF),
    /// or the end of input inside a string (E_EOFS, E_EOLS).
    pub fn reached_end_of_source(&self) -> bool {
        self.done == Done::Eof || self.eof_in_string
    }

    // ---- reading characters -------------------------------------------------

    #[inline(always)]
    fn nextc(&mut self) -> i32 {
        if self.cur < self.inp {
            let c = self.src[self.cur];
            self.cur += 1;
            return c as i32;
        }
        self.nextc_new_line()
    }

    #[inline(never)]
    fn nextc_new_line(&mut self) -> i32 {
        loop {
            if self.cur != self.inp {
                let c = self.src[self.cur];
                self.cur += 1;
                return c as i32;
            }
            if self.done != Done::Ok {
                return EOF;
            }
            if !self.underflow() {
                self.cur = self.inp;
                return EOF;
            }
            self.line_start = self.cur;
        }
    }

    /// Read the next line into the buffer (CPython's `tok_underflow_file`).
    fn underflow(&mut self) -> bool {
        if self.interactive.is_some() {
            return self.underflow_interactive();
        }
        if self.file_mode && self.start.is_none() {
            // The file reader starts a fresh buffer for the new line.
            self.buf = self.cur;
        }
        if self.inp >= self.end {
            self.done = if self.deferred.is_some() { Done::Error } else { Done::Eof };
            return false;
        }
        if !self.file_mode {
            self.buf = self.cur;
        }
        let rest = &self.src[self.inp..self.end];
        let line_end = match memchr::memchr(b'\n', rest) {
            Some(p) => self.inp + p + 1,
            None => self.end,
        };
        self.inp = line_end;
        self.lineno += 1;
        true
    }

    /// The next chunk of interactive input (CPython's
    /// `tok_underflow_interactive`): the whole chunk is one buffer.
    #[cold]
    fn underflow_interactive(&mut self) -> bool {
        let it = self.interactive.as_mut().expect("interactive input");
        if it.stop {
            self.done = Done::InteractStop;
            return false;
        }
        let Some(&chunk_end) = it.chunk_ends.get(it.next_chunk) else {
            if it.at_eof {
                self.done = Done::Eof;
            } else {
                it.need_more = true;
                self.done = Done::Error;
            }
            return false;
        };
        it.next_chunk += 1;
        if self.start.is_none() {
            self.buf = self.cur;
        }
        self.inp = chunk_end;
        self.lineno += 1;
        true
    }

    #[inline]
    fn backup(&mut self, c: i32) {
        if c != EOF {
            self.cur -= 1;
        }
    }

    /// The deferred decoding error, once reading has reached it.
    pub fn take_deferred_error(&mut self) -> Option<SyntaxError> {
        if self.done == Done::Error && self.inp >= self.end {
            self.deferred.take()
        } else {
            None
        }
    }

    // ---- errors ---------------------------------------------------------------

    fn lossy(&self, from: usize, to: usize) -> String {
        String::from_utf8_lossy(&self.src[from..to.min(self.src.len())]).into_owned()
    }

    fn line_len_from(&self, from: usize) -> usize {
        self.src[from..].iter().position(|&b| b == b'\n').unwrap_or(self.src.len() - from)
    }

    /// CPython's `_syntaxerror_range`: offsets in characters, from the text
    /// between the line start and the current position.
    #[cold]
    fn error_range(&mut self, msg: String, col: Option<i64>, end_col: Option<i64>) -> TokErr {
        let error = self.located_error(msg, col, end_col);
        self.done = Done::Error;
        TokErr::Raised(error)
    }

    /// A SyntaxError at the current position (or `col..end_col` of the
    /// current line).
    fn located_error(&self, msg: String, col: Option<i64>, end_col: Option<i64>) -> Box<SyntaxError> {
        let upto = self.lossy(self.line_start, self.cur);
        let col = col.unwrap_or(upto.chars().count() as i64);
        let end_col = end_col.unwrap_or(col);
        let line_len = self.line_len_from(self.line_start);
        let text = self.lossy(self.line_start, self.line_start + line_len);
        Box::new(SyntaxError {
            error_type: ErrorType::SyntaxError,
            msg,
            filename: self.filename.clone(),
            lineno: Some(self.lineno as i64),
            offset: Some(col),
            text: Some(text),
            end_lineno: Some(self.lineno as i64),
            end_offset: Some(end_col),
        })
    }

    // The error builders are cold and out of line: inlined, their message
    // formatting made the per-token frame of `next_token` much larger.
    #[cold]
    #[inline(never)]
    fn syntax_error(&mut self, msg: impl Into<String>) -> TokErr {
        self.error_range(msg.into(), None, None)
    }

    #[cold]
    #[inline(never)]
    fn unmatched_paren_error(&mut self, ch: u8) -> TokErr {
        self.syntax_error(format!("unmatched '{}'", ch as char))
    }

    #[cold]
    #[inline(never)]
    fn mismatched_paren_error(&mut self, open: OpenParen, ch: u8) -> TokErr {
        let msg = if open.lineno != self.lineno {
            format!(
                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                ch as char, open.ch as char, open.lineno
            )
        } else {
            format!("closing parenthesis '{}' does not match opening parenthesis '{}'", ch as char, open.ch as char)
        };
        self.syntax_error(msg)
    }

    #[cold]
    #[inline(never)]
    fn non_printable_error(&mut self, c: i32) -> TokErr {
        self.syntax_error(format!("invalid non-printable character U+{:04X}", c))
    }

    #[cold]
    #[inline(never)]
    fn indent_error(&mut self) -> TokErr {
        self.done = Done::Error;
        self.cur = self.inp;
        TokErr::TabSpace
    }

    #[cold]
    #[inline(never)]
    fn warn(&mut self, category: WarningCategory, msg: String) {
        // CPython's `parser_warn`: an error filter makes it a SyntaxError
        // at the current position.
        let as_error = Some(self.located_error(msg.clone(), None, None));
        self.warnings.push(Warning { category, msg, lineno: self.lineno, as_error });
    }

    // ---- tokens ---------------------------------------------------------------

    /// The next token, or the error that stops tokenizing.
    pub fn next_token(&mut self) -> Result<Token, TokErr> {
        let (kind, start, end) = match self.tok_get() {
            Ok(t) => t,
            Err(e) => {
                if self.done == Done::Ok {
                    self.done = Done::Error;
                }
                return Err(e);
            }
        };
        Ok(self.make_token(kind, start, end))
    }

    fn make_token(&self, kind: TokenKind, start: usize, end: usize) -> Token {
        if matches!(kind, TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker) {
            // CPython gives these tokens no start or end (columns -1).
            return Token {
                kind,
                non_ascii: false,
                level: self.parens.len() as u16,
                start: self.cur as u32,
                end: self.cur as u32,
                lineno: self.lineno,
                col_offset: -1,
                end_lineno: self.lineno,
                end_col_offset: -1,
            };
        }
        let (line_start, lineno) = if kind == TokenKind::String {
            (self.multi_line_start, self.first_lineno)
        } else {
            (self.line_start, self.lineno)
        };
        let mut col = if start >= line_start { (start - line_start) as i32 } else { -1 };
        let mut end_col = if end >= self.line_start { (end - self.line_start) as i32 } else { -1 };
        if self.lineno == self.starting_lineno {
            col += self.starting_col_offset;
            end_col += self.starting_col_offset;
        }
        Token {
            kind,
            non_ascii: kind == TokenKind::Name && self.name_non_ascii,
            level: self.parens.len() as u16,
            start: start as u32,
            end: end as u32,
            lineno,
            col_offset: col,
            end_lineno: self.lineno,
            end_col_offset: end_col,
        }
    }

    #[cold]
    #[inline(never)]
    fn continuation_line(&mut self) -> Result<i32, TokErr> {
        let c = self.nextc();
        if c != b'\n' as i32 {
            self.done = Done::Error;
            return Err(TokErr::LineCont);
        }
        let c = self.nextc();
        if c == EOF {
            self.done = Done::Eof;
            self.cur = self.inp;
            return Err(TokErr::Eof);
        }
        self.backup(c);
        Ok(c)
    }

    fn tok_get(&mut self) -> Result<(TokenKind, usize, usize), TokErr> {
        'nextline: loop {
            self.start = None;
            let mut blankline = false;

            if self.atbol {
                self.atbol = false;
                let (mut col, mut altcol, mut cont_line_col) = (0u32, 0u32, 0u32);
                let mut c;
                loop {
                    c = self.nextc();
                    if c == b' ' as i32 {
                        // The rest of a run of spaces (most indentation) in
                        // one step: it never crosses the buffered line.
                        let n = self.src[self.cur..self.inp].iter().take_while(|&&b| b == b' ').count() as u32;
                        self.cur += n as usize;
                        col += 1 + n;
                        altcol += 1 + n;
                    } else if c == b'\t' as i32 {
                        col = (col / TABSIZE + 1) * TABSIZE;
                        altcol = (altcol / ALTTABSIZE + 1) * ALTTABSIZE;
                    } else if c == 0x0c {
                        col = 0;
                        altcol = 0;
                    } else if c == b'\\' as i32 {
                        cont_line_col = if cont_line_col != 0 { cont_line_col } else { col };
                        c = self.continuation_line()?;
                        let _ = c;
                    } else {
                        break;
                    }
                }
                self.backup(c);
                if c == b'#' as i32 || c == b'\n' as i32 {
                    if self.interactive.is_some() && col == 0 && c == b'\n' as i32 {
                        // A totally empty line ends a block at the prompt.
                    } else if self.interactive.is_some() && self.lineno == 1 {
                        // A first line of only spaces or a comment is a statement.
                        col = 0;
                        altcol = 0;
                    } else {
                        blankline = true;
                    }
                }
                if !blankline && self.parens.is_empty() {
                    if cont_line_col != 0 {
                        col = cont_line_col;
                        altcol = cont_line_col;
                    }
                    let top = *self.indstack.last().unwrap();
                    let alttop = *self.altindstack.last().unwrap();
                    if col == top {
                        if altcol != alttop {
                            return Err(self.indent_error());
                        }
                    } else if col > top {
                        if self.indstack.len() >= MAXINDENT {
                            self.done = Done::Error;
                            self.cur = self.inp;
                            return Err(TokErr::TooDeep);
                        }
                        if altcol <= alttop {
                            return Err(self.indent_error());
                        }
                        self.pendin += 1;
                        self.indstack.push(col);
                        self.altindstack.push(altcol);
                    } else {
                        while self.indstack.len() > 1 && col < *self.indstack.last().unwrap() {
                            self.pendin -= 1;
                            self.indstack.pop();
                            self.altindstack.pop();
                        }
                        if col != *self.indstack.last().unwrap() {
                            self.done = Done::Error;
                            self.cur = self.inp;
                            return Err(TokErr::Dedent);
                        }
                        if altcol != *self.altindstack.last().unwrap() {
                            return Err(self.indent_error());
                        }
                    }
                }
            }

            self.start = Some(self.cur);
            if self.pendin != 0 {
                if self.pendin < 0 {
                    self.pendin += 1;
                    return Ok((TokenKind::Dedent, self.cur, self.cur));
                } else {
                    self.pendin -= 1;
                    return Ok((TokenKind::Indent, self.cur, self.cur));
                }
            }

            if self.async_def && !blankline {
                self.maybe_leave_async_def();
            }

            'again: loop {
                self.start = None;
                // Spaces never cross a line: skip them in the buffered line.
                let line = &self.src[self.cur..self.inp];
                self.cur += line.iter().take_while(|&&b| b == b' ' || b == b'\t' || b == 0x0c).count();
                let mut c = self.nextc();
                while c == b' ' as i32 || c == b'\t' as i32 || c == 0x0c {
                    c = self.nextc();
                }
                let tstart = if c == EOF { self.cur } else { self.cur - 1 };
                self.start = Some(tstart);

                if c == b'#' as i32 {
                    // A comment runs to the end of its line.
                    let line = &self.src[self.cur..self.inp];
                    let n = memchr::memchr(b'\n', line).unwrap_or(line.len());
                    self.cur += n;
                    c = self.nextc();
                    while c != EOF && c != b'\n' as i32 {
                        c = self.nextc();
                    }
                    if self.type_comments {
                        if let Some(token) = self.type_comment(tstart, c, blankline) {
                            return Ok(token);
                        }
                    }
                }

                if self.done == Done::InteractStop {
                    return Ok((TokenKind::EndMarker, self.cur, self.cur));
                }

                if c == EOF {
                    if !self.parens.is_empty() {
                        return Err(TokErr::Eof);
                    }
                    return if self.done == Done::Eof {
                        Ok((TokenKind::EndMarker, self.cur, self.cur))
                    } else {
                        Err(self.deferred_or_eof())
                    };
                }

                // Identifier, keyword, or string with a prefix.
                if is_potential_identifier_start(c) {
                    let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
                    let maybe_prefix = matches!(c as u8, b'b' | b'B' | b'r' | b'R' | b'u' | b'U' | b'f' | b'F');
                    if maybe_prefix {
                        loop {
                            let ch = c as u8;
                            if !(saw_b || saw_u || saw_f) && (ch == b'b' || ch == b'B') {
                                saw_b = true;
                            } else if !(saw_b || saw_u || saw_r || saw_f) && (ch == b'u' || ch == b'U') {
                                saw_u = true;
                            } else if !(saw_r || saw_u) && (ch == b'r' || ch == b'R') {
                                saw_r = true;
                            } else if !(saw_f || saw_b || saw_u) && (ch == b'f' || ch == b'F') {
                                saw_f = true;
                            } else {
                                break;
                            }
                            c = self.nextc();
                            if c == b'"' as i32 || c == b'\'' as i32 {
                                return self.string(c as u8, tstart);
                            }
                        }
                    }
                    let mut nonascii = false;
                    if is_potential_identifier_char(c) {
                        // The rest of a name never crosses a line: scan the
                        // buffered line directly.
                        // (The byte that ends the name is ASCII: every
                        // byte >= 128 continues one, so `seen` only ORs the
                        // name's own bytes into its high bit.)
                        let line = &self.src[self.cur..self.inp];
                        let mut seen = c as u8;
                        let n = line
                            .iter()
                            .take_while(|&&b| {
                                seen |= b;
                                IDENT_CHAR[b as usize]
                            })
                            .count();
                        nonascii = seen >= 128;
                        self.cur += n;
                        c = self.nextc();
                    }
                    self.backup(c);
                    if nonascii {
                        self.verify_identifier(tstart)?;
                    }
                    self.name_non_ascii = nonascii;
                    let mut kind = TokenKind::keyword(&self.src[tstart..self.cur]).unwrap_or(TokenKind::Name);
                    if self.async_hack && matches!(kind, TokenKind::Async | TokenKind::Await) {
                        kind = self.async_hack_kind(kind);
                    }
                    return Ok((kind, tstart, self.cur));
                }

                if c == b'\n' as i32 {
                    self.atbol = true;
                    if blankline || !self.parens.is_empty() {
                        continue 'nextline;
                    }
                    self.cont_line = false;
                    if self.async_def {
                        self.async_def_nl = true;
                    }
                    return Ok((TokenKind::Newline, tstart, self.cur - 1));
                }

                if c == b'.' as i32 {
                    c = self.nextc();
                    if is_digit(c) {
                        return self.number_fraction(c, tstart);
                    } else if c == b'.' as i32 {
                        c = self.nextc();
                        if c == b'.' as i32 {
                            return Ok((TokenKind::Ellipsis, tstart, self.cur));
                        }
                        self.backup(c);
                        self.backup(b'.' as i32);
                    } else {
                        self.backup(c);
                    }
                    return Ok((TokenKind::Dot, tstart, self.cur));
                }

                if is_digit(c) {
                    return self.number(c, tstart);
                }

                if c == b'\'' as i32 || c == b'"' as i32 {
                    return self.string(c as u8, tstart);
                }

                if c == b'\\' as i32 {
                    self.continuation_line()?;
                    self.cont_line = true;
                    continue 'again;
                }

                // Two- and three-character operators (the line always goes on,
                // at least to its newline).
                let rest = &self.src[self.cur..self.inp];
                if let Some(&c2) = rest.first() {
                    if let Some(kind2) = TokenKind::two_chars(c as u8, c2) {
                        if let Some(&c3) = rest.get(1) {
                            if let Some(kind3) = TokenKind::three_chars(c as u8, c2, c3) {
                                self.cur += 2;
                                return Ok((kind3, tstart, self.cur));
                            }
                        }
                        self.cur += 1;
                        return Ok((kind2, tstart, self.cur));
                    }
                }

                let ch = c as u8;
                match ch {
                    b'(' | b'[' | b'{' => {
                        if self.parens.len() >= MAXLEVEL {
                            return Err(self.syntax_error("too many nested parentheses"));
                        }
                        self.parens.push(OpenParen { ch, lineno: self.lineno, col: (tstart - self.line_start) as u32 });
                    }
                    b')' | b']' | b'}' => {
                        let Some(open) = self.parens.pop() else {
                            return Err(self.unmatched_paren_error(ch));
                        };
                        let matches = matches!((open.ch, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                        if !matches {
                            return Err(self.mismatched_paren_error(open, ch));
                        }
                    }
                    _ => {}
                }

                // (Only ASCII gets here: other characters start names.)
                if !(0x20..0x7f).contains(&c) {
                    return Err(self.non_printable_error(c));
                }
                return Ok((TokenKind::one_char(ch), tstart, self.cur));
            }
        }
    }

    /// A comment from `start` (its '#') to the end of the line, which `c`
    /// (the newline or EOF) ended: a TYPE_COMMENT or TYPE_IGNORE token when it
    /// begins with `# type:` (each space of that prefix standing for any run
    /// of spaces and tabs). The newline stays unread, except after a
    /// TYPE_IGNORE alone on its line, which takes the line with it.
    #[cold]
    #[inline(never)]
    fn type_comment(&mut self, start: usize, c: i32, blankline: bool) -> Option<(TokenKind, usize, usize)> {
        let limit = self.cur;
        let mut p = start;
        for &want in b"# type: " {
            if p >= limit {
                return None;
            }
            if want == b' ' {
                while p < limit && matches!(self.src[p], b' ' | b'\t') {
                    p += 1;
                }
            } else if self.src[p] == want {
                p += 1;
            } else {
                return None;
            }
        }
        self.backup(c);
        let end = self.cur;
        let text = &self.src[p..end];
        // "ignore", then the end of the comment or a character that is
        // neither ASCII alphanumeric nor non-ASCII.
        let is_ignore =
            text.starts_with(b"ignore") && !matches!(text.get(6), Some(&b) if b >= 128 || b.is_ascii_alphanumeric());
        if !is_ignore {
            return Some((TokenKind::TypeComment, p, end));
        }
        if blankline {
            self.nextc();
            self.atbol = true;
        }
        Some((TokenKind::TypeIgnore, p + 6, end))
    }

    /// `async`/`await` under `async_hack`: keywords inside an `async def`,
    /// and `async` right before `def`; plain names elsewhere.
    #[cold]
    #[inline(never)]
    fn async_hack_kind(&mut self, kind: TokenKind) -> TokenKind {
        if self.async_def {
            return kind;
        }
        if kind == TokenKind::Async && self.def_follows() {
            self.async_def = true;
            self.async_def_indent = self.indent();
            return kind;
        }
        TokenKind::Name
    }

    /// Is the next token `def` (across spaces and line continuations)?
    fn def_follows(&self) -> bool {
        let rest = &self.src[self.cur..self.end];
        let mut i = 0;
        loop {
            match rest.get(i) {
                Some(b' ' | b'\t' | 0x0c) => i += 1,
                Some(b'\\') if rest.get(i + 1) == Some(&b'\n') => i += 2,
                _ => break,
            }
        }
        rest[i..].starts_with(b"def") && !matches!(rest.get(i + 3), Some(&b) if IDENT_CHAR[b as usize])
    }

    /// Under `async_hack`: has the `async def` being read ended (a line
    /// that is no deeper than its `def`, after its signature)?
    #[cold]
    #[inline(never)]
    fn maybe_leave_async_def(&mut self) {
        let next = self.src.get(self.cur).copied();
        if next != Some(b'\n') && self.parens.is_empty() && self.async_def_nl && self.async_def_indent >= self.indent()
        {
            self.async_def = false;
            self.async_def_indent = 0;
            self.async_def_nl = false;
        }
    }

    #[cold]
    #[inline(never)]
    fn deferred_or_eof(&mut self) -> TokErr {
        match self.take_deferred_error() {
            Some(e) => TokErr::Raised(Box::new(e)),
            None => TokErr::Eof,
        }
    }

    /// PEP 3131: every character of a non-ASCII identifier must be XID.
    #[cold]
    #[inline(never)]
    fn verify_identifier(&mut self, tstart: usize) -> Result<(), TokErr> {
        let text = match std::str::from_utf8(&self.src[tstart..self.cur]) {
            Ok(t) => t,
            Err(_) => {
                // Only `compile()` of bytes gets here: a file was checked line by line.
                let msg = format!("(unicode error) {}", utf8_error_message(&self.src[tstart..self.cur]));
                self.done = Done::Error;
                return Err(TokErr::Decode(msg));
            }
        };
        let mut invalid = None;
        for (i, (pos, ch)) in text.char_indices().enumerate() {
            let ok =
                if i == 0 { taipan_unicode::is_id_start(ch as u32) } else { taipan_unicode::is_id_continue(ch as u32) };
            if !ok {
                invalid = Some((pos, ch));
                break;
            }
        }
        let Some((pos, ch)) = invalid else {
            return Ok(());
        };
        let after = pos + ch.len_utf8();
        if tstart + after < self.cur {
            self.cur = tstart + after;
        }
        let msg = if taipan_unicode::is_printable(ch as u32) {
            format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
        } else {
            format!("invalid non-printable character U+{:04X}", ch as u32)
        };
        Err(self.syntax_error(msg))
    }

    /// Does the input continue with `rest` and then a non-identifier character?
    fn lookahead(&mut self, rest: &[u8]) -> bool {
        let save = self.cur;
        let mut matched = true;
        for &want in rest {
            let c = self.nextc();
            if c != want as i32 {
                matched = false;
                break;
            }
        }
        let res = matched && {
            let c = self.nextc();
            !is_potential_identifier_char(c)
        };
        self.cur = save;
        res
    }

    /// CPython's `verify_end_of_number`: a number must not run into a name,
    /// except (with a warning) into a keyword that may follow it in valid code.
    fn verify_end_of_number(&mut self, c: i32, kind: &str) -> Result<(), TokErr> {
        let r = match c as u8 {
            b'a' if c != EOF => self.lookahead(b"nd"),
            b'e' if c != EOF => self.lookahead(b"lse"),
            b'f' if c != EOF => self.lookahead(b"or"),
            b'i' if c != EOF => {
                let c2 = self.nextc();
                let r = c2 == b'f' as i32 || c2 == b'n' as i32 || c2 == b's' as i32;
                self.backup(c2);
                r
            }
            b'o' if c != EOF => self.lookahead(b"r"),
            b'n' if c != EOF => self.lookahead(b"ot"),
            _ => false,
        };
        if r {
            self.backup(c);
            self.warn(WarningCategory::SyntaxWarning, format!("invalid {kind} literal"));
            self.nextc();
        } else if c < 128 && is_potential_identifier_char(c) {
            // (CPython 3.11.7 leaves a non-ASCII character to the name rules.)
            self.backup(c);
            return Err(self.syntax_error(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Digits with single underscores between them; returns the first character after.
    fn decimal_tail(&mut self) -> Result<i32, TokErr> {
        loop {
            let mut c;
            loop {
                c = self.nextc();
                if !is_digit(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                return Ok(c);
            }
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        }
    }

    fn number(&mut self, first: i32, tstart: usize) -> Result<(TokenKind, usize, usize), TokErr> {
        let mut c = first;
        if c == b'0' as i32 {
            c = self.nextc();
            if c == b'x' as i32 || c == b'X' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if !is_xdigit(c) {
                        self.backup(c);
                        return Err(self.syntax_error("invalid hexadecimal literal"));
                    }
                    loop {
                        c = self.nextc();
                        if !is_xdigit(c) {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                self.verify_end_of_number(c, "hexadecimal")?;
            } else if c == b'o' as i32 || c == b'O' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if c < b'0' as i32 || c >= b'8' as i32 {
                        if is_digit(c) {
                            return Err(
                                self.syntax_error(format!("invalid digit '{}' in octal literal", c as u8 as char))
                            );
                        }
                        self.backup(c);
                        return Err(self.syntax_error("invalid octal literal"));
                    }
                    loop {
                        c = self.nextc();
                        if !(b'0' as i32..b'8' as i32).contains(&c) {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                if is_digit(c) {
                    return Err(self.syntax_error(format!("invalid digit '{}' in octal literal", c as u8 as char)));
                }
                self.verify_end_of_number(c, "octal")?;
            } else if c == b'b' as i32 || c == b'B' as i32 {
                c = self.nextc();
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                    }
                    if c != b'0' as i32 && c != b'1' as i32 {
                        if is_digit(c) {
                            return Err(
                                self.syntax_error(format!("invalid digit '{}' in binary literal", c as u8 as char))
                            );
                        }
                        self.backup(c);
                        return Err(self.syntax_error("invalid binary literal"));
                    }
                    loop {
                        c = self.nextc();
                        if c != b'0' as i32 && c != b'1' as i32 {
                            break;
                        }
                    }
                    if c != b'_' as i32 {
                        break;
                    }
                }
                if is_digit(c) {
                    return Err(self.syntax_error(format!("invalid digit '{}' in binary literal", c as u8 as char)));
                }
                self.verify_end_of_number(c, "binary")?;
            } else {
                let mut nonzero = false;
                loop {
                    if c == b'_' as i32 {
                        c = self.nextc();
                        if !is_digit(c) {
                            self.backup(c);
                            return Err(self.syntax_error("invalid decimal literal"));
                        }
                    }
                    if c != b'0' as i32 {
                        break;
                    }
                    c = self.nextc();
                }
                let zeros_end = self.cur;
                if is_digit(c) {
                    nonzero = true;
                    c = self.decimal_tail()?;
                }
                if c == b'.' as i32 {
                    c = self.nextc();
                    return self.number_fraction(c, tstart);
                } else if c == b'e' as i32 || c == b'E' as i32 {
                    return self.number_exponent(c, tstart);
                } else if c == b'j' as i32 || c == b'J' as i32 {
                    return self.number_imaginary(tstart);
                } else if nonzero {
                    self.backup(c);
                    let col = (tstart + 1 - self.line_start) as i64;
                    let end_col = (zeros_end - self.line_start) as i64;
                    return Err(self.error_range(
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                        Some(col),
                        Some(end_col),
                    ));
                }
                self.verify_end_of_number(c, "decimal")?;
            }
        } else {
            c = self.decimal_tail()?;
            if c == b'.' as i32 {
                c = self.nextc();
                return self.number_fraction(c, tstart);
            }
            if c == b'e' as i32 || c == b'E' as i32 {
                return self.number_exponent(c, tstart);
            }
            if c == b'j' as i32 || c == b'J' as i32 {
                return self.number_imaginary(tstart);
            }
            self.verify_end_of_number(c, "decimal")?;
        }
        self.backup(c);
        Ok((TokenKind::Number, tstart, self.cur))
    }

    /// After the '.', with `c` the first character of the fraction.
    fn number_fraction(&mut self, mut c: i32, tstart: usize) -> Result<(TokenKind, usize, usize), TokErr> {
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        if c == b'e' as i32 || c == b'E' as i32 {
            return self.number_exponent(c, tstart);
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary(tstart);
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok((TokenKind::Number, tstart, self.cur))
    }

    /// At the 'e' of an exponent.
    fn number_exponent(&mut self, e: i32, tstart: usize) -> Result<(TokenKind, usize, usize), TokErr> {
        let mut c = self.nextc();
        if c == b'+' as i32 || c == b'-' as i32 {
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        } else if !is_digit(c) {
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            return Ok((TokenKind::Number, tstart, self.cur));
        }
        c = self.decimal_tail()?;
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary(tstart);
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok((TokenKind::Number, tstart, self.cur))
    }

    fn number_imaginary(&mut self, tstart: usize) -> Result<(TokenKind, usize, usize), TokErr> {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        Ok((TokenKind::Number, tstart, self.cur))
    }

    /// A string literal; `quote` has just been read and `tstart` is the start of
    /// its prefix.
    fn string(&mut self, quote: u8, tstart: usize) -> Result<(TokenKind, usize, usize), TokErr> {
        let quote = quote as i32;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;

        let mut c = self.nextc();
        if c == quote {
            c = self.nextc();
            if c == quote {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != quote {
            self.backup(c);
        }
        while end_quote_size != quote_size {
            if end_quote_size == 0 {
                // Skip the run of ordinary characters on this line at once
                // (with memchr in the long lines of triple-quoted strings).
                let line = &self.src[self.cur..self.inp];
                let q = quote as u8;
                self.cur += if quote_size == 3 {
                    memchr::memchr3(q, b'\\', b'\n', line).unwrap_or(line.len())
                } else {
                    line.iter().take_while(|&&b| b != q && b != b'\\' && b != b'\n').count()
                };
            }
            c = self.nextc();
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                if c == EOF {
                    if let Some(e) = self.take_deferred_error() {
                        return Err(TokErr::Raised(Box::new(e)));
                    }
                }
                self.cur = tstart + 1;
                self.line_start = self.multi_line_start;
                let detected = self.lineno;
                self.lineno = self.first_lineno;
                let msg = if quote_size == 3 {
                    format!("unterminated triple-quoted string literal (detected at line {detected})")
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                let err = self.syntax_error(msg);
                self.eof_in_string = c == EOF;
                return Err(err);
            }
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    self.nextc();
                }
            }
        }
        Ok((TokenKind::String, tstart, self.cur))
    }

    /// The text of line `lineno` (with its newline) if the source has it.
    pub fn source_line(&self, lineno: i64) -> Option<&'a str> {
        self.source_line_bytes(lineno).and_then(|b| std::str::from_utf8(b).ok())
    }

    pub fn source_line_raw(&self, lineno: i64) -> Option<&'a [u8]> {
        self.source_line_bytes(lineno)
    }

    fn source_line_bytes(&self, lineno: i64) -> Option<&'a [u8]> {
        if lineno < 1 {
            return None;
        }
        let mut start = 0usize;
        for _ in 1..lineno {
            let nl = self.src[start..self.end].iter().position(|&b| b == b'\n')?;
            start += nl + 1;
        }
        if start >= self.end {
            return None;
        }
        let len = self.src[start..self.end].iter().position(|&b| b == b'\n').map_or(self.end - start, |p| p + 1);
        Some(&self.src[start..start + len])
    }

    /// The bytes from `buf` to `inp` (CPython's fallback error line).
    pub fn buffer_text(&self) -> String {
        self.lossy(self.buf, self.inp)
    }
}

/// The message of the UnicodeDecodeError CPython's UTF-8 codec raises for
/// `bytes` (which must not be valid UTF-8).
pub fn utf8_error_message(bytes: &[u8]) -> String {
    let err = match std::str::from_utf8(bytes) {
        Ok(_) => return String::new(),
        Err(e) => e,
    };
    let start = err.valid_up_to();
    let (end, reason) = match err.error_len() {
        None => (bytes.len(), "unexpected end of data"),
        Some(n) => {
            let lead = bytes[start];
            let invalid_start = !(0xC2..=0xF4).contains(&lead);
            (start + n, if invalid_start { "invalid start byte" } else { "invalid continuation byte" })
        }
    };
    if end - start == 1 {
        format!("'utf-8' codec can't decode byte 0x{:02x} in position {start}: {reason}", bytes[start])
    } else {
        format!("'utf-8' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        kinds_with(src, false, false)
    }

    fn kinds_with(src: &str, type_comments: bool, async_hack: bool) -> Vec<TokenKind> {
        let mut t = Tokenizer::new(src.as_bytes(), None, "<test>", true);
        t.set_options(type_comments, async_hack);
        let mut out = vec![];
        loop {
            let tok = t.next_token().expect("token");
            out.push(tok.kind);
            if tok.kind == EndMarker {
                return out;
            }
        }
    }

    #[test]
    fn type_comments_only_with_the_flag() {
        let src = "x = 1  # type: int\n# type: ignore[x]\ny  #type:ignore\n";
        assert_eq!(kinds(src), [Name, Equal, Number, Newline, Name, Newline, EndMarker]);
        assert_eq!(
            kinds_with(src, true, false),
            [Name, Equal, Number, TypeComment, Newline, TypeIgnore, Name, TypeIgnore, Newline, EndMarker]
        );
        // "ignore" followed by a letter is a plain type comment.
        assert_eq!(kinds_with("pass  # type: ignored\n", true, false), [Pass, TypeComment, Newline, EndMarker]);
    }

    #[test]
    fn async_hack_names() {
        let src = "async = 1\nasync def f():\n    await x\nawait = 2\n";
        let got = kinds_with(src, false, true);
        assert_eq!(&got[..4], [Name, Equal, Number, Newline]);
        assert_eq!(got[4], Async);
        assert!(got.contains(&Await));
        assert_eq!(&got[got.len() - 5..], [Name, Equal, Number, Newline, EndMarker]);
    }

    #[test]
    fn simple_statement() {
        assert_eq!(kinds("x = 1\n"), [Name, Equal, Number, Newline, EndMarker]);
    }

    #[test]
    fn blocks() {
        assert_eq!(
            kinds("if x:\n    pass\n\n# c\nelse:\n  y\n"),
            [
                If, Name, Colon, Newline, Indent, Pass, Newline, Dedent, Else, Colon, Newline, Indent, Name, Newline,
                Dedent, EndMarker
            ]
        );
    }

    #[test]
    fn operators_and_numbers() {
        assert_eq!(
            kinds("a **= 1.5e-3j ... -> := != <>\n"),
            [Name, DoubleStarEqual, Number, Ellipsis, RArrow, ColonEqual, NotEqual, NotEqual, Newline, EndMarker]
        );
    }

    #[test]
    fn positions() {
        let mut t = Tokenizer::new("x = 'é'\n".as_bytes(), None, "<test>", true);
        let toks: Vec<Token> = (0..4).map(|_| t.next_token().unwrap()).collect();
        assert_eq!((toks[2].lineno, toks[2].col_offset, toks[2].end_col_offset), (1, 4, 8));
        assert_eq!((toks[3].col_offset, toks[3].end_col_offset), (8, 8));
    }

    #[test]
    fn errors() {
        let err = |src: &str| {
            let mut t = Tokenizer::new(src.as_bytes(), None, "<test>", true);
            loop {
                match t.next_token() {
                    Ok(tok) if tok.kind == EndMarker => panic!("no error in {src:?}"),
                    Ok(_) => {}
                    Err(TokErr::Raised(e)) => return (e.msg, e.lineno.unwrap(), e.offset.unwrap()),
                    Err(other) => return (format!("{other:?}"), 0, 0),
                }
            }
        };
        assert_eq!(err("x = 'abc\n"), ("unterminated string literal (detected at line 1)".into(), 1, 5));
        assert_eq!(
            err("x = 0777\n"),
            (
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                    .into(),
                1,
                5
            )
        );
        assert_eq!(err("1_a\n").0, "invalid decimal literal");
        assert_eq!(err("0o8\n").0, "invalid digit '8' in octal literal");
        assert_eq!(err("x = (]\n").0, "closing parenthesis ']' does not match opening parenthesis '('");
        assert_eq!(err("€ = 1\n").0, "invalid character '€' (U+20AC)");
        assert_eq!(err("x\u{a0}= 1\n").0, "invalid non-printable character U+00A0");
        assert_eq!(err(")\n").0, "unmatched ')'");
        assert_eq!(err("if x:\n        a\n    b\n").0, "Dedent");
    }
}
