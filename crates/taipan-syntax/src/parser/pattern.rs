//! The match statement and its patterns (Grammar/python.gram, "Match statement").

use super::Parser;
use crate::ast::*;
use crate::token::TokenKind as T;

impl<'a> Parser<'a> {
    /// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT | invalid_match_stmt
    pub(super) fn match_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let r = self.alt(|p| {
            p.expect_soft_keyword("match")?;
            let subject = p.subject_expr()?;
            p.expect(T::Colon)?;
            p.expect(T::Newline)?;
            p.expect(T::Indent)?;
            let mut cases = vec![p.case_block()?];
            while p.at_soft_keyword("case") {
                match p.alt(|p| p.case_block()) {
                    Some(c) => cases.push(c),
                    None => break,
                }
            }
            if p.error.is_some() {
                return None;
            }
            p.expect(T::Dedent)?;
            if !p.check_version(10, "Pattern matching is") {
                return None;
            }
            Some(Stmt::new(StmtKind::Match { subject: Box::new(subject), cases }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() || !self.invalid_pass {
            return r;
        }
        // invalid_match_stmt
        self.mark = start;
        let lineno = self.token(start).lineno;
        self.alt(|p| {
            p.expect_soft_keyword("match")?;
            p.subject_expr()?;
            match p.peek() {
                T::Newline => {
                    p.mark += 1;
                    p.raise_syntax("expected ':'");
                }
                T::Colon => {
                    p.mark += 1;
                    if p.at(T::Newline) && p.peek_n(1) != T::Indent {
                        p.mark += 1;
                        p.raise_indentation(&format!(
                            "expected an indented block after 'match' statement on line {lineno}"
                        ));
                    }
                }
                _ => {}
            }
            None::<()>
        });
        None
    }

    /// subject_expr: star_named_expression ',' star_named_expressions? -> Tuple | named_expression
    fn subject_expr(&mut self) -> Option<Expr> {
        let start = self.mark;
        let r = self.alt(|p| {
            let first = p.star_named_expression()?;
            p.expect(T::Comma)?;
            let mut elts = vec![first];
            if let Some(more) = p.alt(|p| p.star_named_expressions()) {
                elts.extend(more);
            }
            if p.error.is_some() {
                return None;
            }
            Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        self.named_expression()
    }

    /// case_block: invalid_case_block | "case" patterns guard? ':' block
    fn case_block(&mut self) -> Option<MatchCase> {
        let case = self.expect_soft_keyword("case")?;
        let pattern = self.patterns()?;
        let mut guard = None;
        if self.at(T::If) {
            let m = self.mark;
            self.mark += 1;
            match self.named_expression() {
                Some(g) => guard = Some(Box::new(g)),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        if self.invalid_pass {
            if self.at(T::Newline) {
                self.mark += 1;
                self.raise_syntax("expected ':'");
                return None;
            }
            if self.at(T::Colon) && self.peek_n(1) == T::Newline && self.peek_n(2) != T::Indent {
                self.mark += 2;
                let lineno = self.token(case).lineno;
                self.raise_indentation(&format!("expected an indented block after 'case' statement on line {lineno}"));
                return None;
            }
        }
        self.expect(T::Colon)?;
        let body = self.block()?;
        Some(MatchCase { pattern: Box::new(pattern), guard, body })
    }

    /// patterns: open_sequence_pattern -> MatchSequence | pattern
    fn patterns(&mut self) -> Option<Pattern> {
        let start = self.mark;
        let r = self.alt(|p| {
            let patterns = p.open_sequence_pattern()?;
            Some(Pattern::new(PatternKind::MatchSequence { patterns }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        self.pattern()
    }

    /// pattern: as_pattern | or_pattern
    fn pattern(&mut self) -> Option<Pattern> {
        if !self.enter() {
            return None;
        }
        let r = super::grow(self.level, || self.pattern_inner());
        self.leave();
        r
    }

    fn pattern_inner(&mut self) -> Option<Pattern> {
        let start = self.mark;
        let or = self.or_pattern()?;
        if !self.at(T::As) {
            return Some(or);
        }
        let after_or = self.mark;
        self.mark += 1;
        if let Some(name) = self.pattern_capture_target() {
            return Some(Pattern::new(
                PatternKind::MatchAs { pattern: Some(Box::new(or)), name: Some(name) },
                self.range_from(start),
            ));
        }
        if self.invalid_pass {
            // invalid_as_pattern: or_pattern 'as' "_" | or_pattern 'as' !NAME expression
            if self.at_soft_keyword("_") {
                let r = self.token_range(self.mark);
                self.raise_at(r, "cannot use '_' as a target");
                return None;
            }
            if !self.at(T::Name) {
                if let Some(e) = self.alt(|p| p.expression()) {
                    self.raise_at(e.range, "invalid pattern target");
                    return None;
                }
                if self.error.is_some() {
                    return None;
                }
            }
        }
        self.mark = after_or;
        Some(or)
    }

    /// or_pattern: '|'.closed_pattern+
    fn or_pattern(&mut self) -> Option<Pattern> {
        let start = self.mark;
        let mut patterns = self.gather(T::VBar, |p| p.closed_pattern())?;
        if patterns.len() == 1 {
            return patterns.pop();
        }
        Some(Pattern::new(PatternKind::MatchOr { patterns }, self.range_from(start)))
    }

    /// closed_pattern: literal_pattern | capture_pattern | wildcard_pattern | value_pattern
    ///     | group_pattern | sequence_pattern | mapping_pattern | class_pattern
    fn closed_pattern(&mut self) -> Option<Pattern> {
        let start = self.mark;
        match self.peek() {
            T::Number | T::Minus | T::String | T::NoneKw | T::TrueKw | T::FalseKw => self.literal_pattern(),
            T::Name => {
                // capture_pattern: !"_" NAME !('.' | '(' | '=')
                if let Some(name) = self.pattern_capture_target() {
                    return Some(Pattern::new(
                        PatternKind::MatchAs { pattern: None, name: Some(name) },
                        self.range_from(start),
                    ));
                }
                // wildcard_pattern: "_"
                if self.at_soft_keyword("_") && !matches!(self.peek_n(1), T::Dot | T::LPar | T::Equal) {
                    self.mark += 1;
                    return Some(Pattern::new(
                        PatternKind::MatchAs { pattern: None, name: None },
                        self.range_from(start),
                    ));
                }
                // value_pattern: attr !('.' | '(' | '=')
                if let Some(attr) = self.alt(|p| p.attr()) {
                    if !matches!(self.peek(), T::Dot | T::LPar | T::Equal) {
                        return Some(Pattern::new(
                            PatternKind::MatchValue { value: Box::new(attr) },
                            self.range_from(start),
                        ));
                    }
                }
                self.mark = start;
                if self.error.is_some() {
                    return None;
                }
                self.class_pattern()
            }
            T::LPar => {
                // group_pattern: '(' pattern ')'
                let g = self.alt(|p| {
                    p.mark += 1;
                    let pat = p.pattern()?;
                    p.expect(T::RPar)?;
                    Some(pat)
                });
                if g.is_some() || self.error.is_some() {
                    return g;
                }
                // sequence_pattern: '(' open_sequence_pattern? ')'
                self.mark += 1;
                let patterns =
                    if self.at(T::RPar) { vec![] } else { self.alt(|p| p.open_sequence_pattern()).unwrap_or_default() };
                self.expect(T::RPar)?;
                Some(Pattern::new(PatternKind::MatchSequence { patterns }, self.range_from(start)))
            }
            T::LSqb => {
                // sequence_pattern: '[' maybe_sequence_pattern? ']'
                self.mark += 1;
                let patterns = if self.at(T::RSqb) {
                    vec![]
                } else {
                    self.alt(|p| p.maybe_sequence_pattern()).unwrap_or_default()
                };
                self.expect(T::RSqb)?;
                Some(Pattern::new(PatternKind::MatchSequence { patterns }, self.range_from(start)))
            }
            T::LBrace => self.mapping_pattern(),
            _ => None,
        }
    }

    /// literal_pattern: signed_number !('+' | '-') | complex_number | strings
    ///     | 'None' | 'True' | 'False'
    fn literal_pattern(&mut self) -> Option<Pattern> {
        let start = self.mark;
        let singleton = |p: &mut Self, value: Constant| {
            p.mark += 1;
            Some(Pattern::new(PatternKind::MatchSingleton { value }, p.range_from(start)))
        };
        match self.peek() {
            T::NoneKw => singleton(self, Constant::None),
            T::TrueKw => singleton(self, Constant::Bool(true)),
            T::FalseKw => singleton(self, Constant::Bool(false)),
            _ => {
                let value = self.literal_expr()?;
                Some(Pattern::new(PatternKind::MatchValue { value: Box::new(value) }, self.range_from(start)))
            }
        }
    }

    /// literal_expr: signed_number !('+' | '-') | complex_number | strings
    ///     | 'None' | 'True' | 'False'
    fn literal_expr(&mut self) -> Option<Expr> {
        let start = self.mark;
        let constant = |p: &mut Self, value: Constant| {
            p.mark += 1;
            Some(Expr::new(ExprKind::Constant { value, kind: None }, p.range_from(start)))
        };
        match self.peek() {
            T::NoneKw => constant(self, Constant::None),
            T::TrueKw => constant(self, Constant::Bool(true)),
            T::FalseKw => constant(self, Constant::Bool(false)),
            T::String => self.strings(),
            _ => {
                if let Some(n) = self.alt(|p| {
                    let n = p.signed_number()?;
                    if matches!(p.peek(), T::Plus | T::Minus) {
                        return None;
                    }
                    Some(n)
                }) {
                    return Some(n);
                }
                if self.error.is_some() {
                    return None;
                }
                self.complex_number()
            }
        }
    }

    /// signed_number: NUMBER | '-' NUMBER
    fn signed_number(&mut self) -> Option<Expr> {
        let start = self.mark;
        if self.expect(T::Minus).is_some() {
            let n = self.number()?;
            return Some(Expr::new(
                ExprKind::UnaryOp { op: UnaryOperator::USub, operand: Box::new(n) },
                self.range_from(start),
            ));
        }
        self.number()
    }

    /// complex_number: signed_real_number ('+' | '-') imaginary_number
    fn complex_number(&mut self) -> Option<Expr> {
        let start = self.mark;
        // signed_real_number: real_number | '-' real_number
        let real = {
            let neg = self.expect(T::Minus).is_some();
            let n = self.number()?;
            self.ensure_real(&n)?;
            if neg {
                Expr::new(ExprKind::UnaryOp { op: UnaryOperator::USub, operand: Box::new(n) }, self.range_from(start))
            } else {
                n
            }
        };
        let op = match self.peek() {
            T::Plus => Operator::Add,
            T::Minus => Operator::Sub,
            _ => return None,
        };
        self.mark += 1;
        let imag = self.number()?;
        self.ensure_imaginary(&imag)?;
        Some(Expr::new(ExprKind::BinOp { left: Box::new(real), op, right: Box::new(imag) }, self.range_from(start)))
    }

    fn ensure_real(&mut self, e: &Expr) -> Option<()> {
        if let ExprKind::Constant { value: Constant::Complex { .. }, .. } = e.kind {
            self.raise_at(e.range, "real number required in complex literal");
            return None;
        }
        Some(())
    }

    fn ensure_imaginary(&mut self, e: &Expr) -> Option<()> {
        if !matches!(e.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. }) {
            self.raise_at(e.range, "imaginary number required in complex literal");
            return None;
        }
        Some(())
    }

    /// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
    fn pattern_capture_target(&mut self) -> Option<Ident> {
        if !self.at(T::Name) || self.text(self.mark) == "_" {
            return None;
        }
        if matches!(self.peek_n(1), T::Dot | T::LPar | T::Equal) {
            return None;
        }
        self.mark += 1;
        Some(self.identifier(self.mark - 1))
    }

    /// attr: name_or_attr '.' NAME
    fn attr(&mut self) -> Option<Expr> {
        let start = self.mark;
        let mut e = self.name_expr(ExprContext::Load)?;
        let mut dots = 0;
        while self.at(T::Dot) && self.peek_n(1) == T::Name {
            self.mark += 1;
            let attr = self.identifier(self.mark);
            self.mark += 1;
            e = Expr::new(
                ExprKind::Attribute { value: Box::new(e), attr, ctx: ExprContext::Load },
                self.range_from(start),
            );
            dots += 1;
        }
        if dots == 0 {
            return None;
        }
        Some(e)
    }

    /// name_or_attr: attr | NAME
    fn name_or_attr(&mut self) -> Option<Expr> {
        if let Some(a) = self.alt(|p| p.attr()) {
            return Some(a);
        }
        self.name_expr(ExprContext::Load)
    }

    /// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
    fn open_sequence_pattern(&mut self) -> Option<Vec<Pattern>> {
        let first = self.maybe_star_pattern()?;
        self.expect(T::Comma)?;
        let mut out = vec![first];
        if let Some(more) = self.alt(|p| p.maybe_sequence_pattern()) {
            out.extend(more);
        }
        if self.error.is_some() {
            return None;
        }
        Some(out)
    }

    /// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
    fn maybe_sequence_pattern(&mut self) -> Option<Vec<Pattern>> {
        let items = self.gather(T::Comma, |p| p.alt(|p| p.maybe_star_pattern()))?;
        self.expect(T::Comma);
        Some(items)
    }

    /// maybe_star_pattern: star_pattern | pattern
    fn maybe_star_pattern(&mut self) -> Option<Pattern> {
        if self.at(T::Star) {
            let start = self.mark;
            self.mark += 1;
            if let Some(name) = self.pattern_capture_target() {
                return Some(Pattern::new(PatternKind::MatchStar { name: Some(name) }, self.range_from(start)));
            }
            if self.at_soft_keyword("_") {
                self.mark += 1;
                return Some(Pattern::new(PatternKind::MatchStar { name: None }, self.range_from(start)));
            }
            return None;
        }
        self.pattern()
    }

    /// mapping_pattern: '{' '}' | '{' double_star_pattern ','? '}'
    ///     | '{' items_pattern ',' double_star_pattern ','? '}' | '{' items_pattern ','? '}'
    fn mapping_pattern(&mut self) -> Option<Pattern> {
        let start = self.expect(T::LBrace)?;
        let mut keys = vec![];
        let mut patterns = vec![];
        let mut rest = None;
        loop {
            if self.at(T::RBrace) {
                break;
            }
            if self.at(T::DoubleStar) {
                self.mark += 1;
                rest = Some(self.pattern_capture_target()?);
                self.expect(T::Comma);
                break;
            }
            // key_value_pattern: (literal_expr | attr) ':' pattern
            let key = match self.alt(|p| p.literal_expr()) {
                Some(k) => k,
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.attr()?
                }
            };
            self.expect(T::Colon)?;
            let pat = self.pattern()?;
            keys.push(key);
            patterns.push(pat);
            if self.expect(T::Comma).is_none() {
                break;
            }
        }
        self.expect(T::RBrace)?;
        Some(Pattern::new(PatternKind::MatchMapping { keys, patterns, rest }, self.range_from(start)))
    }

    /// class_pattern: name_or_attr '(' [positional_patterns] [','] [keyword_patterns] [','] ')'
    ///     | invalid_class_pattern
    fn class_pattern(&mut self) -> Option<Pattern> {
        let start = self.mark;
        let cls = self.name_or_attr()?;
        self.expect(T::LPar)?;
        let after_paren = self.mark;
        let mut patterns = vec![];
        let mut kwd_attrs = vec![];
        let mut kwd_patterns = vec![];
        let mut seen_keyword = false;
        loop {
            if self.at(T::RPar) {
                break;
            }
            if self.at(T::Name) && self.peek_n(1) == T::Equal {
                kwd_attrs.push(self.identifier(self.mark));
                self.mark += 2;
                kwd_patterns.push(self.pattern()?);
                seen_keyword = true;
            } else {
                if seen_keyword {
                    if self.invalid_pass {
                        self.mark = after_paren;
                        self.invalid_class_argument_pattern();
                    }
                    return None;
                }
                patterns.push(self.pattern()?);
            }
            if self.expect(T::Comma).is_none() {
                break;
            }
        }
        if self.expect(T::RPar).is_none() {
            if self.invalid_pass && self.error.is_none() {
                self.mark = after_paren;
                self.invalid_class_argument_pattern();
            }
            return None;
        }
        Some(Pattern::new(
            PatternKind::MatchClass { cls: Box::new(cls), patterns, kwd_attrs, kwd_patterns },
            self.range_from(start),
        ))
    }

    /// invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ',' positional_patterns
    fn invalid_class_argument_pattern(&mut self) {
        let m = self.mark;
        let r = self.alt(|p| {
            let _ = p.alt(|p| {
                p.gather(T::Comma, |p| p.alt(|p| p.pattern_not_keyword()))?;
                p.expect(T::Comma)
            });
            p.gather(T::Comma, |p| p.alt(|p| p.keyword_pattern()))?;
            p.expect(T::Comma)?;
            let positional = p.gather(T::Comma, |p| p.alt(|p| p.pattern_not_keyword()))?;
            Some((positional.first()?.range, positional.last()?.range))
        });
        if let Some((first, last)) = r {
            self.raise_range(first, last, "positional patterns follow keyword patterns");
        } else {
            self.mark = m;
        }
    }

    fn pattern_not_keyword(&mut self) -> Option<Pattern> {
        if self.at(T::Name) && self.peek_n(1) == T::Equal {
            return None;
        }
        self.pattern()
    }

    /// keyword_pattern: NAME '=' pattern
    fn keyword_pattern(&mut self) -> Option<()> {
        self.expect(T::Name)?;
        self.expect(T::Equal)?;
        self.pattern()?;
        Some(())
    }
}
