//! String and bytes literals, their concatenation, and f-strings as CPython
//! 3.11 parses them (Parser/string_parser.c): an f-string is one STRING token
//! whose `{...}` parts are parsed again by a nested parser.

use super::{MemoRule, Parser, StartRule};
use crate::ast::*;
use crate::error::{Warning, WarningCategory};
use crate::literal::StrLit;
use crate::token::TokenKind as T;
use crate::tokenizer::{Tokenizer, MAXLEVEL};

/// What a STRING token holds, once its prefix and quotes are read.
struct StrToken<'s> {
    bytes: bool,
    raw: bool,
    fmode: bool,
    /// The text between the quotes.
    body: &'s str,
    /// Byte offset of `body` in the token text.
    body_offset: usize,
}

fn parse_str_token(text: &str) -> StrToken<'_> {
    let b = text.as_bytes();
    let (mut bytes, mut raw, mut fmode) = (false, false, false);
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_alphabetic() {
        match b[i] {
            b'b' | b'B' => bytes = true,
            b'r' | b'R' => raw = true,
            b'f' | b'F' => fmode = true,
            _ => {}
        }
        i += 1;
    }
    let quote = b[i];
    let triple = b.len() >= i + 6 && b[i + 1] == quote && b[i + 2] == quote;
    let q = if triple { 3 } else { 1 };
    let body_offset = i + q;
    let body = &text[body_offset..text.len() - q];
    StrToken { bytes, raw, fmode, body, body_offset }
}

/// The parts collected while concatenating literals (CPython's FstringParser).
#[derive(Default)]
struct FstringState {
    last_str: Option<StrLit>,
    exprs: Vec<Expr>,
    fmode: bool,
}

impl FstringState {
    fn concat(&mut self, s: StrLit) {
        if s.is_empty() {
            return;
        }
        match &mut self.last_str {
            Some(last) => last.append(&s),
            None => self.last_str = Some(s),
        }
    }
}

impl<'a> Parser<'a> {
    /// strings (memo): STRING+
    pub(super) fn strings(&mut self) -> Option<Expr> {
        if !self.at(T::String) {
            return None;
        }
        self.memoized(MemoRule::Strings, |p| {
            let first = p.mark;
            while p.at(T::String) {
                p.mark += 1;
            }
            let last = p.mark - 1;
            p.concatenate_strings(first, last)
        })
    }

    /// CPython's `_PyPegen_concatenate_strings` over tokens `first..=last`.
    fn concatenate_strings(&mut self, first: usize, last: usize) -> Option<Expr> {
        let mut bytes_mode = false;
        let mut bytes_value = Vec::new();
        let mut state = FstringState::default();
        for t in first..=last {
            let Some(text) = self.token_str(t) else {
                self.raise_undecodable_string(t);
                return None;
            };
            let st = parse_str_token(text);
            if t != first && st.bytes != bytes_mode {
                self.raise_syntax("cannot mix bytes and nonbytes literals");
                return None;
            }
            bytes_mode = st.bytes;
            if st.fmode {
                if !self.check_version(6, "Format strings are") {
                    return None;
                }
                let mut pos = 0;
                if !self.fstring_concat(&mut state, st.body, &mut pos, st.raw, 0, first, t, last, st.body_offset) {
                    return None;
                }
            } else if st.bytes {
                if st.body.bytes().any(|c| c >= 0x80) {
                    let r = self.token_range(t);
                    self.raise_at(r, "bytes can only contain ASCII literal characters");
                    return None;
                }
                if st.raw || !st.body.contains('\\') {
                    bytes_value.extend_from_slice(st.body.as_bytes());
                } else {
                    match self.decode_bytes_with_escapes(st.body.as_bytes(), t) {
                        Ok(v) => bytes_value.extend(v),
                        Err(msg) => {
                            self.raise_syntax(&msg);
                            return None;
                        }
                    }
                }
            } else {
                let s = if st.raw || !st.body.contains('\\') {
                    StrLit::from_text(st.body)
                } else {
                    match self.decode_unicode_with_escapes(st.body, t) {
                        Ok(s) => s,
                        Err(msg) => {
                            self.raise_syntax(&msg);
                            return None;
                        }
                    }
                };
                state.concat(s);
            }
        }
        let range = self.span(first, last);
        if bytes_mode {
            return Some(Expr::new(ExprKind::Constant { value: Constant::Bytes(bytes_value), kind: None }, range));
        }
        Some(self.fstring_finish(state, first, last))
    }

    /// A string token that is not UTF-8 (from `compile()` of bytes): CPython
    /// reports the codec error for the piece it was decoding.
    fn raise_undecodable_string(&mut self, t: usize) {
        let bytes = self.token_bytes(t);
        let prefix_len = bytes.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let prefix = &bytes[..prefix_len];
        let quote = bytes[prefix_len];
        let q = if bytes.len() >= prefix_len + 6 && bytes[prefix_len + 1] == quote && bytes[prefix_len + 2] == quote {
            3
        } else {
            1
        };
        let body = &bytes[prefix_len + q..bytes.len() - q];
        if prefix.iter().any(|c| matches!(c, b'b' | b'B')) {
            let r = self.token_range(t);
            self.raise_at(r, "bytes can only contain ASCII literal characters");
            return;
        }
        let raw = prefix.iter().any(|c| matches!(c, b'r' | b'R'));
        let piece = if raw || !body.contains(&b'\\') {
            body
        } else {
            // Escapes are decoded run by run of non-ASCII bytes.
            let mut i = 0;
            let mut bad = body;
            while i < body.len() {
                if body[i] >= 0x80 {
                    let j = i + body[i..].iter().take_while(|&&c| c >= 0x80).count();
                    if std::str::from_utf8(&body[i..j]).is_err() {
                        bad = &body[i..j];
                        break;
                    }
                    i = j;
                } else {
                    i += 1;
                }
            }
            bad
        };
        let msg = format!("(unicode error) {}", crate::tokenizer::utf8_error_message(piece));
        self.raise_syntax(&msg);
    }

    fn span(&self, first: usize, last: usize) -> Range {
        self.token_range(first).to(self.token_range(last))
    }

    /// A Constant for a chunk of string text; `kind` is 'u' for a `u"..."` literal.
    fn str_node(&self, s: StrLit, first: usize, last: usize) -> Expr {
        let kind = if self.text(first).starts_with('u') { Some(Box::new("u".to_string())) } else { None };
        Expr::new(ExprKind::Constant { value: Constant::Str(s), kind }, self.span(first, last))
    }

    /// CPython's `_PyPegen_FstringParser_Finish`.
    fn fstring_finish(&mut self, mut state: FstringState, first: usize, last: usize) -> Expr {
        if !state.fmode {
            let s = state.last_str.take().unwrap_or_default();
            return self.str_node(s, first, last);
        }
        if let Some(s) = state.last_str.take() {
            let node = self.str_node(s, first, last);
            state.exprs.push(node);
        }
        Expr::new(ExprKind::JoinedStr { values: state.exprs }, self.span(first, last))
    }

    /// CPython's `_PyPegen_FstringParser_ConcatFstring`: parse the f-string
    /// `body` from `*pos`. Returns false on an error.
    #[allow(clippy::too_many_arguments)]
    fn fstring_concat(
        &mut self,
        state: &mut FstringState,
        body: &str,
        pos: &mut usize,
        raw: bool,
        recurse_lvl: u32,
        first: usize,
        t: usize,
        last: usize,
        body_offset: usize,
    ) -> bool {
        state.fmode = true;
        loop {
            let (result, literal, expr_text, expression) =
                match self.fstring_find_literal_and_expr(body, pos, raw, recurse_lvl, first, t, last, body_offset) {
                    Some(r) => r,
                    None => return false,
                };
            if let Some(l) = literal {
                state.concat(l);
            }
            if let Some(e) = expr_text {
                state.concat(e);
            }
            if result == 1 {
                continue;
            }
            let Some(expression) = expression else { break };
            if let Some(s) = state.last_str.take() {
                let node = self.str_node(s, first, last);
                state.exprs.push(node);
            }
            state.exprs.push(expression);
        }
        let end = body.len();
        if recurse_lvl == 0 && *pos + 1 < end {
            self.raise_syntax("f-string: unexpected end of string");
            return false;
        }
        if recurse_lvl != 0 && body.as_bytes().get(*pos) != Some(&b'}') {
            self.raise_syntax("f-string: expecting '}'");
            return false;
        }
        true
    }

    /// CPython's `fstring_find_literal_and_expr`: (result, literal, expr_text, expression).
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn fstring_find_literal_and_expr(
        &mut self,
        body: &str,
        pos: &mut usize,
        raw: bool,
        recurse_lvl: u32,
        first: usize,
        t: usize,
        last: usize,
        body_offset: usize,
    ) -> Option<(i32, Option<StrLit>, Option<StrLit>, Option<Expr>)> {
        let (result, literal) = self.fstring_find_literal(body, pos, raw, recurse_lvl, t)?;
        if result == 1 {
            return Some((1, literal, None, None));
        }
        let b = body.as_bytes();
        if *pos >= b.len() || b[*pos] == b'}' {
            return Some((0, literal, None, None));
        }
        let (expr_text, expression) =
            self.fstring_find_expr(body, pos, raw, recurse_lvl, first, t, last, body_offset)?;
        Some((0, literal, expr_text, Some(expression)))
    }

    /// CPython's `fstring_find_literal`: the text up to the next `{` or `}`.
    /// (1, literal) when a doubled brace ended it.
    fn fstring_find_literal(
        &mut self,
        body: &str,
        pos: &mut usize,
        raw: bool,
        recurse_lvl: u32,
        t: usize,
    ) -> Option<(i32, Option<StrLit>)> {
        let b = body.as_bytes();
        let end = b.len();
        let literal_start = *pos;
        let mut s = *pos;
        let mut result = 0;
        while s < end {
            let mut ch = b[s];
            s += 1;
            if !raw && ch == b'\\' && s < end {
                ch = b[s];
                s += 1;
                if ch == b'N' {
                    if s < end {
                        let c = b[s];
                        s += 1;
                        if c == b'{' {
                            while s < end {
                                let c = b[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                            continue;
                        }
                    }
                    continue;
                }
                if ch == b'{' {
                    self.warn_invalid_escape(&body[s - 1..], t);
                }
            }
            if ch == b'{' || ch == b'}' {
                if recurse_lvl == 0 {
                    if s < end && b[s] == ch {
                        *pos = s + 1;
                        result = 1;
                        let lit = self.fstring_decode_literal(&body[literal_start..s], raw, t)?;
                        return Some((result, lit));
                    }
                    if ch == b'}' {
                        *pos = s - 1;
                        self.raise_syntax("f-string: single '}' is not allowed");
                        return None;
                    }
                }
                s -= 1;
                break;
            }
        }
        *pos = s;
        let lit = self.fstring_decode_literal(&body[literal_start..s], raw, t)?;
        Some((result, lit))
    }

    fn fstring_decode_literal(&mut self, text: &str, raw: bool, t: usize) -> Option<Option<StrLit>> {
        if text.is_empty() {
            return Some(None);
        }
        if raw || !text.contains('\\') {
            return Some(Some(StrLit::from_text(text)));
        }
        match self.decode_unicode_with_escapes(text, t) {
            Ok(s) => Some(Some(s)),
            Err(msg) => {
                self.raise_syntax(&msg);
                None
            }
        }
    }

    /// CPython's `fstring_find_expr`: parse `{expression[=][!c][:spec]}` at `*pos`.
    #[allow(clippy::too_many_arguments)]
    fn fstring_find_expr(
        &mut self,
        body: &str,
        pos: &mut usize,
        raw: bool,
        recurse_lvl: u32,
        first: usize,
        t: usize,
        last: usize,
        body_offset: usize,
    ) -> Option<(Option<StrLit>, Expr)> {
        let b = body.as_bytes();
        let end = b.len();
        if recurse_lvl >= 2 {
            self.raise_syntax("f-string: expressions nested too deeply");
            return None;
        }
        let brace = *pos;
        *pos += 1;
        let expr_start = *pos;
        let mut quote_char = 0u8;
        let mut string_type = 0;
        let mut parenstack: Vec<u8> = Vec::new();
        while *pos < end {
            let ch = b[*pos];
            if ch == b'\\' {
                self.raise_syntax("f-string expression part cannot include a backslash");
                return None;
            }
            if quote_char != 0 {
                if ch == quote_char {
                    if string_type == 3 {
                        if *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch {
                            *pos += 3;
                            string_type = 0;
                            quote_char = 0;
                            continue;
                        }
                    } else {
                        quote_char = 0;
                        string_type = 0;
                        *pos += 1;
                        continue;
                    }
                }
            } else if ch == b'\'' || ch == b'"' {
                if *pos + 2 < end && b[*pos + 1] == ch && b[*pos + 2] == ch {
                    string_type = 3;
                    *pos += 2;
                } else {
                    string_type = 1;
                }
                quote_char = ch;
            } else if ch == b'[' || ch == b'{' || ch == b'(' {
                if parenstack.len() >= MAXLEVEL {
                    self.raise_syntax("f-string: too many nested parenthesis");
                    return None;
                }
                parenstack.push(ch);
            } else if ch == b'#' {
                self.raise_syntax("f-string expression part cannot include '#'");
                return None;
            } else if parenstack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                if *pos + 1 < end {
                    let next = b[*pos + 1];
                    // `!=`, `==`, `<=` and `>=` are operators, not the end.
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *pos += 2;
                        continue;
                    }
                }
                if ch == b'>' || ch == b'<' {
                    *pos += 1;
                    continue;
                }
                break;
            } else if ch == b']' || ch == b'}' || ch == b')' {
                let Some(opening) = parenstack.pop() else {
                    self.raise_syntax(&format!("f-string: unmatched '{}'", ch as char));
                    return None;
                };
                if !matches!((opening, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    self.raise_syntax(&format!(
                        "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                        ch as char, opening as char
                    ));
                    return None;
                }
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote_char != 0 {
            self.raise_syntax("f-string: unterminated string");
            return None;
        }
        if let Some(&opening) = parenstack.last() {
            self.raise_syntax(&format!("f-string: unmatched '{}'", opening as char));
            return None;
        }
        if *pos >= end {
            self.raise_syntax("f-string: expecting '}'");
            return None;
        }
        let simple_expression = self.fstring_compile_expr(body, brace, expr_start, expr_end, t, body_offset)?;

        let mut expr_text = None;
        if b[*pos] == b'=' {
            if !self.check_version(8, "f-string: self documenting expressions are") {
                return None;
            }
            *pos += 1;
            while *pos < end && matches!(b[*pos], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                *pos += 1;
            }
            if *pos >= end {
                self.raise_syntax("f-string: expecting '}'");
                return None;
            }
            expr_text = Some(StrLit::from_text(&body[expr_start..*pos]));
        }
        let mut conversion = -1;
        if b[*pos] == b'!' {
            *pos += 1;
            if *pos >= end {
                self.raise_syntax("f-string: expecting '}'");
                return None;
            }
            conversion = b[*pos] as i32;
            *pos += 1;
            if !matches!(conversion as u8, b's' | b'r' | b'a') {
                self.raise_syntax("f-string: invalid conversion character: expected 's', 'r', or 'a'");
                return None;
            }
        }
        if *pos >= end {
            self.raise_syntax("f-string: expecting '}'");
            return None;
        }
        let mut format_spec = None;
        if b[*pos] == b':' {
            *pos += 1;
            if *pos >= end {
                self.raise_syntax("f-string: expecting '}'");
                return None;
            }
            let mut spec_state = FstringState::default();
            if !self.fstring_concat(&mut spec_state, body, pos, raw, recurse_lvl + 1, first, t, last, body_offset) {
                return None;
            }
            format_spec = Some(Box::new(self.fstring_finish(spec_state, t, t)));
        }
        if *pos >= end || b[*pos] != b'}' {
            self.raise_syntax("f-string: expecting '}'");
            return None;
        }
        *pos += 1;
        if expr_text.is_some() && format_spec.is_none() && conversion == -1 {
            conversion = b'r' as i32;
        }
        let node = Expr::new(
            ExprKind::FormattedValue { value: Box::new(simple_expression), conversion, format_spec },
            self.span(first, last),
        );
        Some((expr_text, node))
    }

    /// CPython's `fstring_compile_expr`: parse `body[expr_start..expr_end]` as
    /// "(expression)" with a nested parser placed where the text sits in the file.
    fn fstring_compile_expr(
        &mut self,
        body: &str,
        brace: usize,
        expr_start: usize,
        expr_end: usize,
        t: usize,
        body_offset: usize,
    ) -> Option<Expr> {
        let b = body.as_bytes();
        let all_space = b[expr_start..expr_end].iter().all(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0c));
        if all_space {
            let c = b.get(expr_end).copied().unwrap_or(b'}');
            if matches!(c, b'!' | b':' | b'=') {
                self.raise_syntax(&format!("f-string: expression required before '{}'", c as char));
            } else {
                self.raise_syntax("f-string: empty expression not allowed");
            }
            return None;
        }
        // Where the expression sits (CPython's fstring_find_expr_location).
        let tok_text = self.text(t).as_bytes();
        let brace_in_tok = body_offset + brace;
        let mut lines = 0i64;
        let mut cols = 0i64;
        let newline_after_brace = tok_text[brace_in_tok + 1..]
            .iter()
            .take_while(|&&c| c != b'}' && c != b'\n')
            .all(|&c| matches!(c, b' ' | b'\t' | 0x0c));
        if !newline_after_brace {
            let mut start = brace_in_tok;
            while start > 0 && tok_text[start] != b'\n' {
                start -= 1;
            }
            cols += (brace_in_tok - start) as i64;
            if tok_text[start] == b'\n' {
                cols -= 1;
            }
        }
        lines += tok_text[..brace_in_tok].iter().filter(|&&c| c == b'\n').count() as i64;

        let token = *self.token(t);
        let mut src = String::with_capacity(expr_end - expr_start + 3);
        src.push('(');
        src.push_str(&body[expr_start..expr_end]);
        src.push(')');
        src.push('\n');
        let filename = self.tok.filename().to_string();
        let mut tok = Tokenizer::new(src.as_bytes(), None, &filename, false);
        tok.set_options(false, self.feature_version < 7);
        let starting_lineno = token.lineno as i64 + lines;
        let starting_col_offset = if lines != 0 { cols } else { token.col_offset as i64 + cols };
        tok.set_start((starting_lineno - 1) as u32, starting_lineno as u32, starting_col_offset as i32);
        let mut sub = Parser::new(tok, StartRule::FString, false);
        sub.feature_version = self.feature_version;
        sub.src_str = Some(&src);
        sub.starting_col_offset = starting_col_offset as i32;
        sub.starting_lineno = starting_lineno as u32;
        let result = sub.run();
        self.tok.warnings.append(&mut sub.tok.warnings);
        match result {
            Ok(Mod::Expression { body }) => Some(*body),
            Ok(_) => None,
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(e);
                }
                None
            }
        }
    }

    fn warn_invalid_escape(&mut self, rest: &str, t: usize) {
        // Like CPython, not while the invalid_* rules are active: the second
        // pass would warn a second time about the strings of the first.
        if self.invalid_pass {
            return;
        }
        let c = rest.as_bytes().first().copied().unwrap_or(b' ');
        let msg = if (b'4'..=b'7').contains(&c) {
            format!("invalid octal escape sequence '\\{}'", rest.chars().take(3).collect::<String>())
        } else {
            format!("invalid escape sequence '\\{}'", rest.chars().next().unwrap_or(' '))
        };
        let lineno = self.token(t).lineno;
        let as_error = self.error_at_token(t, &msg);
        self.tok.warnings.push(Warning { category: WarningCategory::DeprecationWarning, msg, lineno, as_error });
    }

    /// Decode a str literal's escapes (CPython's `decode_unicode_with_escapes`).
    /// An error message is returned as the SyntaxError text.
    fn decode_unicode_with_escapes(&mut self, s: &str, t: usize) -> Result<StrLit, String> {
        let mut out = StrLit::new();
        let b = s.as_bytes();
        let mut i = 0;
        // Positions in the text CPython decodes, where each non-ASCII
        // character became a 10-character \U escape.
        let mut tpos = 0usize;
        let mut first_invalid: Option<usize> = None;
        while i < b.len() {
            let c = b[i];
            if c != b'\\' {
                if c < 0x80 {
                    out.push(c as char);
                    i += 1;
                    tpos += 1;
                } else {
                    let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                    out.push(ch);
                    i += ch.len_utf8();
                    tpos += 10;
                }
                continue;
            }
            let esc_start = tpos;
            i += 1;
            if i >= b.len() || b[i] >= 0x80 {
                // A backslash before a non-ASCII character stays a backslash.
                // CPython rewrites it as the valid escape \u005c before
                // decoding, so it is no invalid escape and gives no warning.
                out.push('\\');
                tpos += 6;
                if i >= b.len() {
                    break;
                }
                let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                out.push(ch);
                i += ch.len_utf8();
                tpos += 10;
                continue;
            }
            let e = b[i];
            i += 1;
            tpos += 2;
            match e {
                b'\n' => {}
                b'\\' => out.push('\\'),
                b'\'' => out.push('\''),
                b'"' => out.push('"'),
                b'b' => out.push('\x08'),
                b'f' => out.push('\x0c'),
                b't' => out.push('\t'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b'v' => out.push('\x0b'),
                b'a' => out.push('\x07'),
                b'0'..=b'7' => {
                    let mut v = (e - b'0') as u32;
                    let mut n = 1;
                    while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                        v = v * 8 + (b[i] - b'0') as u32;
                        i += 1;
                        tpos += 1;
                        n += 1;
                    }
                    if v > 0o377 && first_invalid.is_none() {
                        first_invalid = Some(i - 3);
                    }
                    out.push_code_point(v);
                }
                b'x' | b'u' | b'U' => {
                    let (count, msg) = match e {
                        b'x' => (2, "truncated \\xXX escape"),
                        b'u' => (4, "truncated \\uXXXX escape"),
                        _ => (8, "truncated \\UXXXXXXXX escape"),
                    };
                    let mut v: u32 = 0;
                    for _ in 0..count {
                        let d = b.get(i).and_then(|&c| (c as char).to_digit(16));
                        match d {
                            Some(d) => {
                                v = v * 16 + d;
                                i += 1;
                                tpos += 1;
                            }
                            None => return Err(unicode_escape_error(esc_start, tpos, msg)),
                        }
                    }
                    if v > 0x10FFFF {
                        return Err(unicode_escape_error(esc_start, tpos, "illegal Unicode character"));
                    }
                    out.push_code_point(v);
                }
                b'N' => {
                    let malformed = "malformed \\N character escape";
                    if i >= b.len() || b[i] != b'{' {
                        return Err(unicode_escape_error(esc_start, tpos, malformed));
                    }
                    let name_start = i + 1;
                    let Some(close) = b[name_start..].iter().position(|&c| c == b'}') else {
                        let rest: usize = s[i..].chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum();
                        return Err(unicode_escape_error(esc_start, tpos + rest, malformed));
                    };
                    let name = &s[name_start..name_start + close];
                    let name_len: usize = name.chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum();
                    i = name_start + close + 1;
                    tpos += name_len + 2;
                    if name.is_empty() {
                        return Err(unicode_escape_error(esc_start, tpos - 1, malformed));
                    }
                    match taipan_unicode::lookup_name(name) {
                        Some(cp) if name.is_ascii() => out.push_code_point(cp),
                        _ => return Err(unicode_escape_error(esc_start, tpos, "unknown Unicode character name")),
                    }
                }
                other => {
                    if first_invalid.is_none() {
                        first_invalid = Some(i - 1);
                    }
                    out.push('\\');
                    out.push(other as char);
                }
            }
        }
        if let Some(at) = first_invalid {
            self.warn_invalid_escape(&s[at..], t);
        }
        Ok(out)
    }

    /// Decode a bytes literal's escapes (CPython's `_PyBytes_DecodeEscape`).
    fn decode_bytes_with_escapes(&mut self, s: &[u8], t: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        let mut first_invalid: Option<usize> = None;
        while i < s.len() {
            let c = s[i];
            if c != b'\\' {
                out.push(c);
                i += 1;
                continue;
            }
            let esc_start = i;
            i += 1;
            if i >= s.len() {
                return Err("(value error) Trailing \\ in string".into());
            }
            let e = s[i];
            i += 1;
            match e {
                b'\n' => {}
                b'\\' => out.push(b'\\'),
                b'\'' => out.push(b'\''),
                b'"' => out.push(b'"'),
                b'b' => out.push(0x08),
                b'f' => out.push(0x0c),
                b't' => out.push(b'\t'),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b'v' => out.push(0x0b),
                b'a' => out.push(0x07),
                b'0'..=b'7' => {
                    let mut v = (e - b'0') as u32;
                    let mut n = 1;
                    while n < 3 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                        v = v * 8 + (s[i] - b'0') as u32;
                        i += 1;
                        n += 1;
                    }
                    if v > 0o377 && first_invalid.is_none() {
                        first_invalid = Some(i - 3);
                    }
                    out.push(v as u8);
                }
                b'x' => {
                    let hi = s.get(i).and_then(|&c| (c as char).to_digit(16));
                    let lo = s.get(i + 1).and_then(|&c| (c as char).to_digit(16));
                    match (hi, lo) {
                        (Some(h), Some(l)) => {
                            out.push((h * 16 + l) as u8);
                            i += 2;
                        }
                        _ => return Err(format!("(value error) invalid \\x escape at position {esc_start}")),
                    }
                }
                other => {
                    if first_invalid.is_none() {
                        first_invalid = Some(i - 1);
                    }
                    out.push(b'\\');
                    out.push(other);
                }
            }
        }
        if let Some(at) = first_invalid {
            let rest = String::from_utf8_lossy(&s[at..]).into_owned();
            self.warn_invalid_escape(&rest, t);
        }
        Ok(out)
    }
}

/// The SyntaxError text for a failed unicode escape (CPython formats the
/// UnicodeDecodeError, then prefixes "(unicode error)").
fn unicode_escape_error(start: usize, end: usize, reason: &str) -> String {
    if end == start + 1 {
        format!("(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {start}: {reason}")
    } else {
        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
    }
}
