//! A hand-written parser for CPython 3.11's grammar (`Grammar/python.gram`).
//!
//! Each grammar rule has a function of the same name; a rule returns `None`
//! when it does not match, and records a raised exception in `self.error`
//! (CPython's `error_indicator`), after which every rule fails at once. Hot
//! paths are written predictively (statements dispatch on their first token,
//! binary operators use precedence climbing) while producing the very AST and
//! positions that CPython's PEG parser produces.
//!
//! Errors follow CPython's two passes: the first pass parses without the
//! `invalid_*` rules; if it fails, a second pass re-parses with them enabled
//! so that the first specialised error in source order is raised, and a
//! generic "invalid syntax" otherwise points at the furthest token the first
//! pass read.

mod expression;
mod invalid;
mod params;
mod pattern;
mod statement;
mod string;
mod target;

pub use expression::set_int_max_str_digits;

use crate::ast::{Expr, Mod, Range, Stmt};
use crate::error::{ErrorType, SyntaxError, Warning};
use crate::source::{self, InputMode};
use crate::token::{Token, TokenKind};
use crate::tokenizer::{TokErr, Tokenizer};

/// Marker for "position computed from the tokenizer's current position"
/// (CPython's CURRENT_POS).
const CURRENT_POS: i64 = -5;

/// How deep rules may nest before the parser gives up like CPython's MAXSTACK.
const MAX_LEVEL: u32 = 6000;

/// Run a nested rule, growing the stack first if it is running low (deep
/// nesting recurses in Rust; it must end in an error, never an overflow).
#[inline(always)]
fn grow<R>(_level: u32, f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(128 * 1024, 8 * 1024 * 1024, f)
}

/// Which start rule of the grammar to parse with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartRule {
    /// `file`: a module (`exec` mode).
    File,
    /// `eval`: one expression list.
    Eval,
    /// `interactive`: one statement (`single` mode).
    Interactive,
    /// `fstring`: the expression inside an f-string's braces.
    FString,
    /// `func_type`: a function type comment, `(int, str) -> bool`
    /// (`compile(..., 'func_type', PyCF_ONLY_AST)`).
    FuncType,
}

/// How `compile()` asked for the source to be parsed (CPython's compiler
/// flags and `feature_version`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// `PyCF_TYPE_COMMENTS`: read `# type:` comments into the tree.
    pub type_comments: bool,
    /// The minor version of Python 3 whose grammar to accept
    /// (`ast.parse(feature_version=(3, N))`): newer syntax raises CPython's
    /// "... only supported in Python 3.N and greater".
    pub feature_version: u8,
    /// `PyCF_ALLOW_INCOMPLETE_INPUT` (codeop): a source that ends before the
    /// statement does (an open bracket, an unterminated string, a block
    /// header) raises SyntaxError("incomplete input").
    pub allow_incomplete_input: bool,
    /// `PyCF_DONT_IMPLY_DEDENT` (codeop): the end of single input closes
    /// no open block.
    pub dont_imply_dedent: bool,
    /// `CO_FUTURE_BARRY_AS_BDFL` (`from __future__ import barry_as_FLUFL`
    /// in effect): `<>` is the not-equal operator and `!=` an error.
    pub barry_as_bdfl: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            type_comments: false,
            feature_version: LATEST_MINOR,
            allow_incomplete_input: false,
            dont_imply_dedent: false,
            barry_as_bdfl: false,
        }
    }
}

/// The newest grammar: Python 3.11.
pub const LATEST_MINOR: u8 = 11;

/// The outcome of parsing: the tree or the SyntaxError, plus the warnings the
/// front end emitted (SyntaxWarning, DeprecationWarning) in source order.
#[derive(Debug)]
pub struct ParseOutput {
    pub result: Result<Mod, SyntaxError>,
    pub warnings: Vec<Warning>,
}

/// Parse a source file's bytes. `mode` says whether to report errors as the
/// file reader or as `compile()` of a string does.
pub fn parse(bytes: &[u8], filename: &str, mode: InputMode, start: StartRule) -> ParseOutput {
    parse_with_options(bytes, filename, mode, start, ParseOptions::default())
}

/// `parse` with `compile()`'s type-comment flag and feature version.
pub fn parse_with_options(
    bytes: &[u8],
    filename: &str,
    mode: InputMode,
    start: StartRule,
    options: ParseOptions,
) -> ParseOutput {
    // A string gets a final newline in exec mode only (CPython's
    // `exec_input`); a file's last line always ends in one.
    let exec_input =
        mode == InputMode::File || !matches!(start, StartRule::Eval | StartRule::FuncType | StartRule::Interactive);
    let src = match source::decode_input(bytes, mode, filename, exec_input) {
        Ok(src) => src,
        Err(e) => return ParseOutput { result: Err(e), warnings: vec![] },
    };
    let encoding_known = match mode {
        InputMode::Text => true,
        _ => src.encoding_declared,
    };
    let text = src.text;
    let bom_in_first_line = mode == InputMode::File && src.has_bom;
    let setup = |deferred| {
        let mut tok = Tokenizer::new(&text, deferred, filename, mode == InputMode::File);
        tok.set_options(options.type_comments, options.feature_version < 7);
        let mut p = Parser::new(tok, start, encoding_known);
        p.feature_version = options.feature_version;
        p.allow_incomplete_input = options.allow_incomplete_input;
        p.dont_imply_dedent = options.dont_imply_dedent;
        p.barry_as_bdfl = options.barry_as_bdfl;
        p.bom_in_first_line = bom_in_first_line;
        p
    };
    // Token texts are slices of this when the whole source is UTF-8 (it is
    // not checked up front only for `compile()` of bytes).
    let src_str = text.checked_str().or_else(|| std::str::from_utf8(&text).ok());
    let mut tokens = TOKEN_BUFFER.with(|b| b.take());
    if src.deferred_error.is_none() && !options.type_comments && start != StartRule::Interactive {
        let mut p = setup(None);
        p.src_str = src_str;
        p.tokens = tokens;
        let done = p.parse_prefilled();
        tokens = std::mem::take(&mut p.tokens);
        tokens.clear();
        if let Some(m) = done {
            TOKEN_BUFFER.with(|b| b.set(tokens));
            return ParseOutput { result: Ok(m), warnings: vec![] };
        }
    }
    let mut p = setup(src.deferred_error);
    p.src_str = src_str;
    p.tokens = tokens;
    // A guess from the source size, capped: tokens are produced lazily and
    // an error may stop the parse long before the end of a huge source.
    p.tokens.reserve((text.len() / 4 + 16).min(1 << 20));
    let result = p.run();
    let warnings = std::mem::take(&mut p.tok.warnings);
    let mut tokens = std::mem::take(&mut p.tokens);
    tokens.clear();
    TOKEN_BUFFER.with(|b| b.set(tokens));
    ParseOutput { result, warnings }
}

thread_local! {
    /// The token array of the last parse on this thread, kept for the next
    /// one: a fresh array would come back from the OS as new, zeroed pages for
    /// every file.
    static TOKEN_BUFFER: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// What the interactive prompt has read so far amounts to (CPython's
/// `PyRun_InteractiveOneObject` parsing from a tokenizer that reads a line at
/// each prompt).
#[derive(Debug)]
pub enum Interactive {
    /// One complete statement (`Mod::Interactive`).
    Statement(Mod),
    /// The tokenizer asked for another line (CPython would prompt with
    /// `sys.ps2` and read on).
    NeedMore,
    /// The statement is wrong.
    Error(SyntaxError),
    /// End of input at the first prompt: the session ends.
    Exit,
}

#[derive(Debug)]
pub struct InteractiveOutput {
    pub result: Interactive,
    pub warnings: Vec<Warning>,
}

/// Parse one statement of interactive input. `chunks` are what the reader
/// returned at each prompt so far (each with its newline); `at_eof` says that
/// the reader reported end of input after them. Reading is lazy as in
/// CPython: the answer is `NeedMore` exactly when CPython's tokenizer would
/// have read another line, so feeding one more chunk and parsing again
/// reproduces CPython's prompts, errors and positions (each chunk counts as
/// one line, as in CPython, even when a paste put several in it).
pub fn parse_interactive(chunks: &[String], at_eof: bool, filename: &str) -> InteractiveOutput {
    let text: String = chunks.concat();
    let mut ends = Vec::with_capacity(chunks.len());
    let mut at = 0;
    for c in chunks {
        at += c.len();
        ends.push(at);
    }
    let tok = Tokenizer::new_interactive(text.as_bytes(), ends, at_eof, filename);
    let mut p = Parser::new(tok, StartRule::Interactive, true);
    p.src_str = Some(&text);
    let result = p.run();
    let warnings = std::mem::take(&mut p.tok.warnings);
    let result = if p.tok.needs_more_input() {
        Interactive::NeedMore
    } else if p.interactive_exit {
        Interactive::Exit
    } else {
        match result {
            Ok(m) => Interactive::Statement(m),
            Err(e) => Interactive::Error(e),
        }
    };
    InteractiveOutput { result, warnings }
}

/// Parse a module from source bytes as `python3 FILE` reads it.
pub fn parse_module(bytes: &[u8], filename: &str) -> ParseOutput {
    parse(bytes, filename, InputMode::File, StartRule::File)
}

pub(crate) struct Parser<'a> {
    pub(crate) tok: Tokenizer<'a>,
    tokens: Vec<Token>,
    mark: usize,
    /// The `invalid_*` rules are active (second pass, outside `_without_invalid` rules).
    invalid_pass: bool,
    /// In the second pass (memoization is on).
    second_pass: bool,
    /// Positions where `invalid_named_expression` already ran (it is memoized).
    invalid_named_tried: std::collections::HashSet<u32>,
    pub(crate) error: Option<SyntaxError>,
    known_err_token: Option<usize>,
    start_rule: StartRule,
    /// Byte offsets become character offsets in errors only when CPython's
    /// tokenizer knows the encoding (a BOM, a coding cookie, or str input).
    encoding_known: bool,
    level: u32,
    /// Column shift of an f-string expression's first line (for its errors).
    starting_col_offset: i32,
    starting_lineno: u32,
    /// Results of expensive rules by (rule, start token), second pass only
    /// (CPython memoizes them in both passes; the first pass here never
    /// backtracks over them).
    memo: std::collections::HashMap<(MemoRule, u32), (Option<Expr>, u32)>,
    /// CPython re-reads a file's line for an error, BOM included.
    bom_in_first_line: bool,
    /// The source as text, when it is UTF-8.
    src_str: Option<&'a str>,
    /// First pass: rules known to fail at a token (bit flags per token), so
    /// that retrying after a failure never re-parses the same text (CPython
    /// memoizes these rules; failures are all the first pass needs).
    failed_at: Vec<u8>,
    /// Single input: a token has been read since the end of input was last
    /// turned into a NEWLINE (CPython's `parsing_started`).
    parsing_started: bool,
    /// Interactive input ended at the first prompt (CPython's
    /// `_PyPegen_interactive_exit`).
    pub(crate) interactive_exit: bool,
    /// See `ParseOptions::feature_version`.
    feature_version: u8,
    /// See `ParseOptions::allow_incomplete_input`.
    allow_incomplete_input: bool,
    /// See `ParseOptions::dont_imply_dedent`.
    dont_imply_dedent: bool,
    /// See `ParseOptions::barry_as_bdfl` (only the flag turns it on: in
    /// 3.11 the future import itself does not change how the rest of its
    /// own source parses).
    barry_as_bdfl: bool,
    /// The `# type: ignore` comments read so far (CPython's
    /// `type_ignore_comments`).
    type_ignores: Vec<crate::ast::TypeIgnore>,
    /// Statements of the blocks being parsed, innermost last (see
    /// `statements`).
    stmt_stack: Vec<Stmt>,
    /// Elements of the expression lists being parsed (see `args_after_first`).
    expr_stack: Vec<Expr>,
}

/// Bits of `failed_at`.
const FAILED_EXPRESSION: u8 = 1;
const FAILED_BLOCK: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum MemoRule {
    Expression,
    Disjunction,
    BitwiseOr,
    StarExpression,
    Strings,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(tok: Tokenizer<'a>, start_rule: StartRule, encoding_known: bool) -> Self {
        Parser {
            tok,
            tokens: Vec::with_capacity(64),
            mark: 0,
            invalid_pass: false,
            second_pass: false,
            invalid_named_tried: std::collections::HashSet::new(),
            error: None,
            known_err_token: None,
            start_rule,
            encoding_known,
            level: 0,
            starting_col_offset: 0,
            starting_lineno: 0,
            memo: std::collections::HashMap::new(),
            bom_in_first_line: false,
            src_str: None,
            failed_at: Vec::new(),
            parsing_started: false,
            interactive_exit: false,
            feature_version: LATEST_MINOR,
            allow_incomplete_input: false,
            dont_imply_dedent: false,
            barry_as_bdfl: false,
            type_ignores: Vec::new(),
            stmt_stack: Vec::new(),
            expr_stack: Vec::new(),
        }
    }

    /// CPython's `_PyPegen_run_parser`.
    pub(crate) fn run(&mut self) -> Result<Mod, SyntaxError> {
        let res = self.parse_start();
        if self.tok.needs_more_input() {
            return Err(self.error.take().unwrap_or_else(|| SyntaxError::bare(ErrorType::SyntaxError, "")));
        }
        if let Some(m) = res {
            if self.error.is_none() {
                if self.tok.is_interactive() && !self.tok.rest_is_blank() {
                    // CPython's `bad_single_statement`.
                    self.raise_syntax("multiple statements found while compiling a single statement");
                    return Err(self.error.take().expect("an error"));
                }
                return Ok(m);
            }
        }
        if self.tokens.is_empty() {
            // Nothing was read: an error before the first token.
            if self.error.is_none() {
                self.raise_known_location_raw(
                    ErrorType::SyntaxError,
                    0,
                    0,
                    0,
                    -1,
                    "error at start before reading any input".into(),
                );
            }
            return Err(self.error.take().unwrap());
        }
        // The first pass failed having read to the end of the source: with
        // PyCF_ALLOW_INCOMPLETE_INPUT that is incomplete input, not an error
        // (CPython's `_is_end_of_source`).
        if self.allow_incomplete_input && self.tok.reached_end_of_source() {
            self.error = None;
            self.raise_syntax("incomplete input");
            return Err(self.error.take().expect("an error"));
        }
        if let Some(e) = &self.error {
            if !matches!(e.error_type, ErrorType::SyntaxError | ErrorType::IndentationError | ErrorType::TabError) {
                return Err(self.error.take().unwrap());
            }
        }
        let last_token = self.tokens.len() - 1;
        self.mark = 0;
        self.invalid_pass = true;
        self.second_pass = true;
        // The second pass reads no more interactive input.
        self.tok.stop_reading();
        if self.error.is_none() {
            self.parse_start();
        }
        self.set_syntax_error(last_token);
        Err(self.error.take().expect("an error after a failed parse"))
    }

    /// The fast path for a source that parses without a warning: read every
    /// token first (the parser then reads an array, with no check for a token
    /// not read yet), then parse once. `None` when the tokenizer or the
    /// parser reports anything: the caller then parses again the ordinary,
    /// lazy way, which reproduces CPython's errors and warnings, whose
    /// positions and order depend on how far the tokenizer had read.
    fn parse_prefilled(&mut self) -> Option<Mod> {
        self.tokens.reserve(self.tok.source().len() / 4 + 16);
        loop {
            let t = self.tok.next_token().ok()?;
            self.tokens.push(t);
            if t.kind == TokenKind::EndMarker {
                break;
            }
        }
        if !self.tok.warnings.is_empty() {
            return None;
        }
        let m = self.parse_start()?;
        (self.error.is_none() && self.tok.warnings.is_empty()).then_some(m)
    }

    fn parse_start(&mut self) -> Option<Mod> {
        match self.start_rule {
            StartRule::File => self.file(),
            StartRule::Eval => self.eval(),
            StartRule::Interactive => self.interactive(),
            StartRule::FuncType => self.func_type(),
            StartRule::FString => {
                let e = self.fstring_rule()?;
                Some(Mod::Expression { body: Box::new(e) })
            }
        }
    }

    /// CPython's `_Pypegen_set_syntax_error`.
    fn set_syntax_error(&mut self, last_token: usize) {
        if self.error.is_some() {
            if self.tok.is_ok() && !self.tok.at_eof() {
                self.tokenize_full_source_to_check_for_errors();
            }
            return;
        }
        let last = self.tokens[last_token];
        if last.kind == TokenKind::Indent || last.kind == TokenKind::Dedent {
            let msg = if last.kind == TokenKind::Indent { "unexpected indent" } else { "unexpected unindent" };
            self.raise_error(ErrorType::IndentationError, msg);
            return;
        }
        self.raise_at_token(last_token, "invalid syntax");
        self.tokenize_full_source_to_check_for_errors();
    }

    /// After a parser error, read the rest of the input: a tokenizer error
    /// there (or a bracket left open before the error's line) wins.
    fn tokenize_full_source_to_check_for_errors(&mut self) {
        if self.start_rule == StartRule::FString {
            return;
        }
        let current = self.known_err_token.unwrap_or(self.tokens.len() - 1);
        let current_err_line = self.tokens[current].lineno;
        loop {
            match self.tok.next_token() {
                Ok(t) if t.kind == TokenKind::EndMarker => return,
                Ok(_) => continue,
                Err(TokErr::Raised(e)) => {
                    self.error = Some(*e);
                    return;
                }
                Err(_) => {
                    if let Some(open) = self.tok.parens().last().copied() {
                        if current_err_line > open.lineno {
                            self.error = None;
                            self.raise_unclosed_parentheses_error();
                        }
                    }
                    return;
                }
            }
        }
    }

    fn raise_unclosed_parentheses_error(&mut self) {
        let open = *self.tok.parens().last().expect("an open bracket");
        self.raise_known(
            ErrorType::SyntaxError,
            open.lineno as i64,
            open.col as i64,
            open.lineno as i64,
            -1,
            format!("'{}' was never closed", open.ch as char),
        );
    }

    // ---- tokens ---------------------------------------------------------------

    /// Read one more token into the buffer (CPython's `_PyPegen_fill_token`).
    fn fill_token(&mut self) -> bool {
        let mut next = self.tok.next_token();
        // `# type: ignore` comments are recorded, never parsed.
        while let Ok(t) = &next {
            if t.kind != TokenKind::TypeIgnore {
                break;
            }
            let tag = String::from_utf8_lossy(&self.tok.source()[t.start as usize..t.end as usize]).into_owned();
            self.type_ignores.push(crate::ast::TypeIgnore { lineno: t.lineno as i32, tag });
            next = self.tok.next_token();
        }
        match next {
            Ok(mut t) => {
                if self.start_rule == StartRule::Interactive {
                    // Single input: the end of input ends the statement.
                    if t.kind == TokenKind::EndMarker && self.parsing_started {
                        t.kind = TokenKind::Newline;
                        self.parsing_started = false;
                        if self.tok.indent() > 0 && !self.dont_imply_dedent {
                            self.tok.imply_dedents();
                        }
                    } else {
                        self.parsing_started = true;
                    }
                }
                self.tokens.push(t);
                true
            }
            Err(e) => {
                let lineno = self.tok.lineno();
                self.tokens.push(Token {
                    kind: TokenKind::ErrorToken,
                    non_ascii: false,
                    level: self.tok.level() as u16,
                    start: self.tok.cur() as u32,
                    end: self.tok.cur() as u32,
                    lineno,
                    col_offset: -1,
                    end_lineno: lineno,
                    end_col_offset: -1,
                });
                self.tokenizer_error(e);
                false
            }
        }
    }

    /// CPython's `_Pypegen_tokenizer_error`.
    fn tokenizer_error(&mut self, e: TokErr) {
        if self.error.is_some() {
            return;
        }
        let lineno = self.tok.lineno() as i64;
        match e {
            TokErr::Raised(err) => self.error = Some(*err),
            TokErr::Eof => {
                if self.tok.level() > 0 {
                    self.raise_unclosed_parentheses_error();
                } else {
                    self.raise_error(ErrorType::SyntaxError, "unexpected EOF while parsing");
                }
            }
            TokErr::Dedent => {
                self.raise_error(ErrorType::IndentationError, "unindent does not match any outer indentation level")
            }
            TokErr::TabSpace => self.raise_known(
                ErrorType::TabError,
                lineno,
                0,
                lineno,
                -1,
                "inconsistent use of tabs and spaces in indentation".into(),
            ),
            TokErr::TooDeep => self.raise_known(
                ErrorType::IndentationError,
                lineno,
                0,
                lineno,
                -1,
                "too many levels of indentation".into(),
            ),
            TokErr::Decode(msg) => self.raise_error(ErrorType::SyntaxError, &msg),
            TokErr::LineCont => {
                let col = self.tok.cur() as i64 - self.tok.buf() as i64 - 1;
                self.raise_known(
                    ErrorType::SyntaxError,
                    lineno,
                    col.max(0),
                    lineno,
                    -1,
                    "unexpected character after line continuation character".into(),
                );
            }
        }
    }

    /// The kind of the token at `mark`, reading it if needed. `ErrorToken` once
    /// an error has been raised.
    #[inline]
    fn peek(&mut self) -> TokenKind {
        self.peek_n(0)
    }

    #[inline]
    fn peek_n(&mut self, n: usize) -> TokenKind {
        match self.tokens.get(self.mark + n) {
            Some(t) => t.kind,
            None => self.peek_n_slow(n),
        }
    }

    #[cold]
    #[inline(never)]
    fn peek_n_slow(&mut self, n: usize) -> TokenKind {
        while self.mark + n >= self.tokens.len() {
            if self.error.is_some() || !self.fill_token() {
                return TokenKind::ErrorToken;
            }
        }
        self.tokens[self.mark + n].kind
    }

    #[inline]
    fn at(&mut self, kind: TokenKind) -> bool {
        self.peek() == kind
    }

    /// Consume a token of `kind`; its index.
    #[inline]
    fn expect(&mut self, kind: TokenKind) -> Option<usize> {
        if self.peek() == kind {
            self.mark += 1;
            Some(self.mark - 1)
        } else {
            None
        }
    }

    /// CPython's `_PyPegen_expect_forced_token` (`&&'x'` in the grammar): a
    /// missing token is an immediate "expected 'x'" error.
    fn expect_forced(&mut self, kind: TokenKind, what: &str) -> Option<usize> {
        if self.error.is_some() {
            return None;
        }
        if self.peek() == kind {
            self.mark += 1;
            return Some(self.mark - 1);
        }
        if self.error.is_none() {
            let t = self.mark;
            self.raise_at_token(t, &format!("expected '{what}'"));
        }
        None
    }

    #[inline]
    fn token(&self, idx: usize) -> &Token {
        &self.tokens[idx]
    }

    /// Source text of token `idx` ("" if it is not UTF-8, which only
    /// `compile()` of bytes can produce, and only in strings).
    #[inline(always)]
    fn text(&self, idx: usize) -> &'a str {
        let t = &self.tokens[idx];
        match self.src_str {
            Some(s) => s.get(t.start as usize..t.end as usize).unwrap_or(""),
            None => std::str::from_utf8(self.token_bytes(idx)).unwrap_or(""),
        }
    }

    /// Source text of token `idx`, `None` if it is not UTF-8. A source known
    /// to be UTF-8 as a whole is not checked again token by token.
    #[inline]
    fn token_str(&self, idx: usize) -> Option<&'a str> {
        let t = &self.tokens[idx];
        match self.src_str {
            Some(s) => s.get(t.start as usize..t.end as usize),
            None => std::str::from_utf8(self.token_bytes(idx)).ok(),
        }
    }

    #[inline]
    fn token_bytes(&self, idx: usize) -> &'a [u8] {
        let t = &self.tokens[idx];
        &self.tok.source()[t.start as usize..t.end as usize]
    }

    /// Is the token at `mark` the soft keyword `kw` (a NAME with that text)?
    fn at_soft_keyword(&mut self, kw: &str) -> bool {
        self.peek() == TokenKind::Name && self.text(self.mark) == kw
    }

    fn expect_soft_keyword(&mut self, kw: &str) -> Option<usize> {
        if self.at_soft_keyword(kw) {
            self.mark += 1;
            Some(self.mark - 1)
        } else {
            None
        }
    }

    #[inline]
    fn token_range(&self, idx: usize) -> Range {
        let t = &self.tokens[idx];
        Range::new(t.lineno, t.col_offset as u32, t.end_lineno, t.end_col_offset as u32)
    }

    /// The span of a rule that started at token `start` and has consumed up to
    /// `mark` (CPython's EXTRA): from that token to the last token read that is
    /// not NEWLINE, INDENT, DEDENT or ENDMARKER.
    #[inline]
    fn range_from(&self, start: usize) -> Range {
        let first = &self.tokens[start.min(self.tokens.len() - 1)];
        let mut last = first;
        for m in (0..self.mark).rev() {
            let t = &self.tokens[m];
            last = t;
            if !matches!(t.kind, TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker) {
                break;
            }
        }
        Range::new(first.lineno, first.col_offset as u32, last.end_lineno, last.end_col_offset as u32)
    }

    /// Run `f` for a memoized rule: in the second pass, each (rule, position)
    /// is parsed once.
    #[inline(always)]
    fn memoized(&mut self, rule: MemoRule, f: impl FnOnce(&mut Self) -> Option<Expr>) -> Option<Expr> {
        if !self.second_pass {
            return f(self);
        }
        let key = (rule, self.mark as u32);
        if let Some((res, end)) = self.memo.get(&key) {
            self.mark = *end as usize;
            return res.clone();
        }
        let start = self.mark;
        let res = f(self);
        if self.error.is_some() {
            return None;
        }
        if res.is_none() {
            self.mark = start;
        }
        self.memo.insert(key, (res.clone(), self.mark as u32));
        res
    }

    /// First pass: has `rule` already failed at the current token?
    fn known_failure(&self, rule: u8) -> bool {
        !self.second_pass && self.failed_at.get(self.mark).is_some_and(|f| f & rule != 0)
    }

    fn record_failure(&mut self, at: usize, rule: u8) {
        if self.second_pass || self.error.is_some() {
            return;
        }
        if self.failed_at.len() <= at {
            self.failed_at.resize(at + 1, 0);
        }
        self.failed_at[at] |= rule;
    }

    /// Try an alternative: on failure, the position is restored.
    fn alt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let m = self.mark;
        let r = f(self);
        if r.is_none() {
            self.mark = m;
        }
        r
    }

    /// `sep.elem+`: one or more `elem` separated by `sep`. A separator whose
    /// element does not follow is left unconsumed.
    fn gather<T>(&mut self, sep: TokenKind, mut elem: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let first = elem(self)?;
        let mut out = vec![first];
        loop {
            let m = self.mark;
            if self.expect(sep).is_none() {
                break;
            }
            match elem(self) {
                Some(x) => out.push(x),
                None => {
                    self.mark = m;
                    break;
                }
            }
        }
        if self.error.is_some() {
            return None;
        }
        Some(out)
    }

    /// Guard against input nested too deep (CPython's MAXSTACK check).
    fn enter(&mut self) -> bool {
        self.level += 1;
        if self.level >= MAX_LEVEL {
            if self.error.is_none() {
                self.error = Some(SyntaxError::bare(ErrorType::MemoryError, ""));
            }
            return false;
        }
        true
    }

    fn leave(&mut self) {
        self.level -= 1;
    }

    // ---- raising errors ---------------------------------------------------------

    /// CPython's `_PyPegen_raise_error`: at the last token read (or the known
    /// error token).
    fn raise_error(&mut self, ty: ErrorType, msg: &str) {
        if self.error.is_some() {
            return;
        }
        if self.tokens.is_empty() {
            self.raise_known_location_raw(ty, 0, 0, 0, -1, msg.into());
            return;
        }
        let idx = self.known_err_token.unwrap_or(self.tokens.len() - 1);
        let t = self.tokens[idx];
        let col = if t.col_offset == -1 {
            if self.tok.cur() == self.tok.buf() {
                0
            } else {
                self.tok.cur() as i64 - self.tok.line_start() as i64
            }
        } else {
            t.col_offset as i64 + 1
        };
        let end_col = if t.end_col_offset != -1 { t.end_col_offset as i64 + 1 } else { -1 };
        self.raise_known_location_raw(ty, t.lineno as i64, col, t.end_lineno as i64, end_col, msg.into());
    }

    /// CHECK_VERSION: is syntax new in Python 3.`minor` allowed? If not,
    /// raise CPython's error, which starts with `what`.
    fn check_version(&mut self, minor: u8, what: &str) -> bool {
        if self.feature_version >= minor {
            return true;
        }
        self.raise_syntax(&format!("{what} only supported in Python 3.{minor} and greater"));
        false
    }

    /// The text of the TYPE_COMMENT token `idx` (NEW_TYPE_COMMENT).
    fn type_comment_text(&self, idx: usize) -> String {
        String::from_utf8_lossy(self.token_bytes(idx)).into_owned()
    }

    /// An optional TYPE_COMMENT at `mark`: its text.
    fn opt_type_comment(&mut self) -> Option<String> {
        let idx = self.expect(TokenKind::TypeComment)?;
        Some(self.type_comment_text(idx))
    }

    /// RAISE_SYNTAX_ERROR
    fn raise_syntax(&mut self, msg: &str) {
        self.raise_error(ErrorType::SyntaxError, msg)
    }

    /// RAISE_INDENTATION_ERROR
    fn raise_indentation(&mut self, msg: &str) {
        self.raise_error(ErrorType::IndentationError, msg)
    }

    /// RAISE_ERROR_KNOWN_LOCATION: 0-based byte columns, made 1-based here.
    fn raise_known(&mut self, ty: ErrorType, lineno: i64, col: i64, end_lineno: i64, end_col: i64, msg: String) {
        let col = if col == CURRENT_POS { CURRENT_POS } else { col + 1 };
        let end_col = if end_col == CURRENT_POS { CURRENT_POS } else { end_col + 1 };
        self.raise_known_location_raw(ty, lineno, col, end_lineno, end_col, msg);
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_LOCATION(node)
    fn raise_at(&mut self, r: Range, msg: &str) {
        self.raise_known(
            ErrorType::SyntaxError,
            r.lineno as i64,
            r.col_offset as i64,
            r.end_lineno as i64,
            r.end_col_offset as i64,
            msg.into(),
        );
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b)
    fn raise_range(&mut self, a: Range, b: Range, msg: &str) {
        self.raise_known(
            ErrorType::SyntaxError,
            a.lineno as i64,
            a.col_offset as i64,
            b.end_lineno as i64,
            b.end_col_offset as i64,
            msg.into(),
        );
    }

    /// RAISE_SYNTAX_ERROR_STARTING_FROM(node)
    fn raise_starting_from(&mut self, a: Range, msg: &str) {
        self.raise_known(
            ErrorType::SyntaxError,
            a.lineno as i64,
            a.col_offset as i64,
            CURRENT_POS,
            CURRENT_POS,
            msg.into(),
        );
    }

    fn raise_at_token(&mut self, idx: usize, msg: &str) {
        let r = self.token_range_raw(idx);
        self.raise_known(ErrorType::SyntaxError, r.0, r.1, r.2, r.3, msg.into());
    }

    /// The SyntaxError `raise_at_token` would raise, without raising it.
    fn error_at_token(&mut self, idx: usize, msg: &str) -> Option<Box<SyntaxError>> {
        let pending = self.error.take();
        self.raise_at_token(idx, msg);
        let error = self.error.take().map(Box::new);
        self.error = pending;
        error
    }

    fn token_range_raw(&self, idx: usize) -> (i64, i64, i64, i64) {
        let t = &self.tokens[idx];
        (t.lineno as i64, t.col_offset as i64, t.end_lineno as i64, t.end_col_offset as i64)
    }

    /// CPython's `_PyPegen_raise_error_known_location`: columns are 1-based
    /// byte offsets here and become character offsets in the exception.
    fn raise_known_location_raw(
        &mut self,
        ty: ErrorType,
        lineno: i64,
        col: i64,
        end_lineno: i64,
        end_col: i64,
        msg: String,
    ) {
        if self.error.is_some() {
            return;
        }
        let end_lineno = if end_lineno == CURRENT_POS { self.tok.lineno() as i64 } else { end_lineno };
        let end_col =
            if end_col == CURRENT_POS { self.tok.cur() as i64 - self.tok.line_start() as i64 } else { end_col };
        let (mut col, mut end_col, msg) = (col, end_col, msg);
        let msg = if self.start_rule == StartRule::FString {
            col -= self.starting_col_offset as i64;
            end_col -= self.starting_col_offset as i64;
            format!("f-string: {msg}")
        } else {
            msg
        };
        let error_line = self.error_line(lineno);
        let (offset, end_offset) = if self.encoding_known {
            let offset = byte_offset_to_character_offset(&error_line, col);
            let end_offset = if end_col > 0 { byte_offset_to_character_offset(&error_line, end_col) } else { end_col };
            (offset, end_offset)
        } else {
            (col, end_col)
        };
        self.error = Some(SyntaxError {
            error_type: ty,
            msg,
            filename: self.tok.filename().to_string(),
            lineno: Some(lineno),
            offset: Some(offset),
            text: Some(error_line),
            end_lineno: Some(end_lineno),
            end_offset: Some(end_offset),
        });
    }

    /// The text of line `lineno` for an error (CPython re-reads the file; past
    /// its end it falls back on the tokenizer's buffer).
    fn error_line(&self, lineno: i64) -> String {
        if self.start_rule != StartRule::FString {
            if let Some(line) = self.tok.source_line(lineno) {
                if self.tok.file_mode() {
                    // CPython re-reads the line with fgets into a 1000-byte
                    // buffer and keeps the last chunk of a longer line.
                    let bytes = line.as_bytes();
                    let skip = if bytes.len() > 999 { (bytes.len() - 1) / 999 * 999 } else { 0 };
                    if let Ok(chunk) = std::str::from_utf8(&bytes[skip..]) {
                        if lineno == 1 && skip == 0 && self.bom_in_first_line {
                            return format!("\u{feff}{chunk}");
                        }
                        return chunk.to_string();
                    }
                } else {
                    return self.string_error_line(lineno, line);
                }
            } else if let Some(bytes) = self.tok.source_line_raw(lineno) {
                return String::from_utf8_lossy(bytes).into_owned();
            }
        }
        if (self.tok.lineno() as i64) <= lineno && self.tok.inp() > self.tok.buf() {
            return self.tok.buffer_text();
        }
        if self.start_rule == StartRule::FString {
            let rel = if self.starting_lineno > 0 { lineno - self.starting_lineno as i64 + 1 } else { lineno };
            return self.tok.source_line(rel).unwrap_or("").to_string();
        }
        String::new()
    }
}

impl Parser<'_> {
    /// Line `lineno` of a source given as a string: the tokenizer's current
    /// line as its buffer holds it (newline included), an earlier one as
    /// CPython's `get_error_line_from_tokenizer_buffers` cuts it (without
    /// its newline), which moves the caret of an error that spans lines.
    fn string_error_line(&self, lineno: i64, line: &str) -> String {
        // Like `_PyErr_ProgramDecodedTextObject`, CPython first reads the
        // line from the file the source is named after, if there is one.
        if self.start_rule == StartRule::File {
            // Only when that line reads as this source's line: the file may
            // be in another encoding (its cookie decoded the source) or
            // unrelated to the string.
            if let Some(text) = line_of_named_file(self.tok.filename(), lineno) {
                if text.trim_end_matches('\n') == line.trim_end_matches('\n') {
                    return text;
                }
            }
        }
        // Single-statement input keeps the newline: its check for a second
        // statement (`bad_single_statement`) reads ahead of the tokenizer
        // here but not in CPython, whose tokenizer is still on the line.
        let ahead = self.start_rule == StartRule::Interactive;
        if ahead || ((self.tok.lineno() as i64) <= lineno && self.tok.inp() > self.tok.buf()) {
            return if ahead { line.to_string() } else { self.tok.buffer_text() };
        }
        line.strip_suffix('\n').unwrap_or(line).to_string()
    }
}

/// Line `lineno` (1-based, newline kept) of the UTF-8 file at `path`, as
/// CPython's `_PyErr_ProgramDecodedTextObject` re-reads it for an error in a
/// string compiled under that file's name (fgets into a 1000-byte buffer:
/// the last chunk of a longer line). None when there is no such file or line.
fn line_of_named_file(path: &str, lineno: i64) -> Option<String> {
    if path.is_empty() || lineno < 1 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let line = bytes.split_inclusive(|&b| b == b'\n').nth((lineno - 1) as usize)?;
    let skip = if line.len() > 999 { (line.len() - 1) / 999 * 999 } else { 0 };
    std::str::from_utf8(&line[skip..]).ok().map(str::to_string)
}

/// CPython's `_PyPegen_byte_offset_to_character_offset`.
fn byte_offset_to_character_offset(line: &str, col: i64) -> i64 {
    let bytes = line.as_bytes();
    let len = bytes.len() as i64;
    let col = col.clamp(0, len + 1);
    let take = (col as usize).min(bytes.len());
    String::from_utf8_lossy(&bytes[..take]).chars().count() as i64 + (col - take as i64)
}

#[cfg(test)]
mod incomplete_input_tests {
    use super::*;

    /// Parse single input with codeop's flags (or without them): Ok or the message.
    fn single(src: &str, codeop_flags: bool) -> Result<(), String> {
        let options = ParseOptions {
            allow_incomplete_input: codeop_flags,
            dont_imply_dedent: codeop_flags,
            ..Default::default()
        };
        parse_with_options(src.as_bytes(), "<input>", InputMode::Text, StartRule::Interactive, options)
            .result
            .map(|_| ())
            .map_err(|e| e.msg)
    }

    #[test]
    fn end_of_source_is_incomplete_input() {
        for src in ["(", "[1,\n", "'''abc", "'abc", "if 1:", "x = (1,\n2", "if 1:\n  pass"] {
            assert_eq!(single(src, true), Err("incomplete input".to_string()), "{src:?}");
        }
    }

    #[test]
    fn errors_before_the_end_stay_errors() {
        assert_eq!(single("1 = (", true), Err("'(' was never closed".to_string()));
        assert_eq!(single("a b\n", true), Err("invalid syntax".to_string()));
        assert_eq!(single("(", false), Err("'(' was never closed".to_string()));
        assert_eq!(single("if 1:\n  pass", false), Ok(()));
    }
}

#[cfg(test)]
mod prefill_tests {
    use super::*;

    /// The ordinary, lazy parse (the tokenizer reads as the parser asks).
    fn lazy(src: &str) -> ParseOutput {
        let tok = Tokenizer::new(src.as_bytes(), None, "<test>", true);
        let mut p = Parser::new(tok, StartRule::File, false);
        p.src_str = Some(src);
        let result = p.run();
        ParseOutput { result, warnings: std::mem::take(&mut p.tok.warnings) }
    }

    fn messages(out: &ParseOutput) -> Vec<String> {
        out.warnings.iter().map(|w| format!("{}:{}", w.lineno, w.msg)).collect()
    }

    #[test]
    fn prefilled_trees_equal_lazy_ones() {
        let sources = [
            "x = a.b(c)[d] ** -e + f * g @ h | i ^ j & k << l if m < n <= o is not p else q\n",
            "not a and b or c in d and e not in f\ny = (await g) if h else lambda i, *j: i\n",
            "def f(a, /, b=1, *c, d, **e) -> 'r':\n    return 'a' 'b' f'{a!r:>{b}}' + \"\"\"doc\"\"\"\n",
            "class C(B, metaclass=M):\n    x: int = [i for i in range(3) if i]\n    async def g(self):\n        await h\n",
            "match p:\n    case [1, *r] | {'k': v} if v:\n        pass\n",
            "with a as (b, c), d:\n    del e[f:g:h], i.j\n",
        ];
        for src in sources {
            let fast = parse_module(src.as_bytes(), "<test>");
            let slow = lazy(src);
            assert_eq!(fast.result, slow.result, "{src}");
            assert!(fast.result.is_ok(), "{src}");
            assert_eq!(messages(&fast), messages(&slow), "{src}");
        }
    }

    #[test]
    fn warnings_and_errors_come_from_the_lazy_parse() {
        for src in [
            // A tokenizer warning, then a parser warning: in source order.
            "x = 1if y else 2\nz = '\\d'\n",
            // A parser warning, then a tokenizer warning.
            "z = '\\d'\nx = 1if y else 2\n",
            // A parser error before a tokenizer error.
            "x = = 1\ny = 'unterminated\n",
            // A tokenizer error only.
            "x = (1,\ny = 2\n",
        ] {
            let fast = parse_module(src.as_bytes(), "<test>");
            let slow = lazy(src);
            assert_eq!(fast.result, slow.result, "{src}");
            assert_eq!(messages(&fast), messages(&slow), "{src}");
        }
        let out = parse_module(b"x = 1if y else 2\nz = '\\d'\n", "<test>");
        assert_eq!(messages(&out), ["1:invalid decimal literal", "2:invalid escape sequence '\\d'"]);
    }
}
