//! Expressions: `expression` down to `atom`, calls, subscripts and slices,
//! displays and comprehensions, lambda (Grammar/python.gram, EXPRESSIONS).

use super::{MemoRule, Parser};
use crate::ast::*;
use crate::token::TokenKind as T;
use num_bigint::BigInt;
use unicode_normalization::UnicodeNormalization;

impl<'a> Parser<'a> {
    // ---- expression lists ------------------------------------------------------

    /// expressions: expression (',' expression)+ [','] | expression ',' | expression
    pub(super) fn expressions(&mut self) -> Option<Expr> {
        let start = self.mark;
        let first = self.expression()?;
        if !self.at(T::Comma) {
            return Some(first);
        }
        let mut elts = vec![first];
        loop {
            let m = self.mark;
            if self.expect(T::Comma).is_none() {
                break;
            }
            match self.alt(|p| p.expression()) {
                Some(e) => elts.push(e),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m + 1; // a trailing comma belongs to the tuple
                    break;
                }
            }
        }
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// expression (memo):
    ///     | invalid_expression | invalid_legacy_expression
    ///     | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
    pub(super) fn expression(&mut self) -> Option<Expr> {
        if self.error.is_some() {
            return None;
        }
        if self.known_failure(super::FAILED_EXPRESSION) {
            return None;
        }
        let start = self.mark;
        let r = self.memoized(MemoRule::Expression, |p| {
            if !p.enter() {
                return None;
            }
            let r = super::grow(p.level, || p.expression_inner(true));
            p.leave();
            r
        });
        if r.is_none() {
            self.record_failure(start, super::FAILED_EXPRESSION);
        }
        r
    }

    /// expression_without_invalid: the same without the invalid_ rules.
    pub(super) fn expression_without_invalid(&mut self) -> Option<Expr> {
        let saved = self.invalid_pass;
        self.invalid_pass = false;
        let r = self.alt(|p| p.expression_inner(false));
        self.invalid_pass = saved;
        r
    }

    fn expression_inner(&mut self, allow_invalid: bool) -> Option<Expr> {
        if !self.invalid_pass {
            let first = self.peek();
            if matches!(first, T::Name | T::Number | T::String | T::TrueKw | T::FalseKw | T::NoneKw | T::Ellipsis)
                && ends_expression(self.peek_n(1))
            {
                // A lone name or literal: every level of the grammar between
                // `expression` and `atom` would return it unchanged.
                return self.atom();
            }
            if !self.second_pass && !matches!(first, T::Not | T::Plus | T::Minus | T::Tilde | T::Await | T::Lambda) {
                return self.expression_from_primary();
            }
        }
        if allow_invalid && self.invalid_pass {
            let m = self.mark;
            self.invalid_expression();
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
            self.invalid_legacy_expression();
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
        }
        if self.at(T::Lambda) {
            return self.lambdef();
        }
        let start = self.mark;
        let body = self.disjunction()?;
        self.if_expression_tail(start, body)
    }

    /// First pass, for an expression that starts with no prefix operator
    /// (`not`, unary `+ - ~`, `await`, `lambda`): the grammar's levels from
    /// `disjunction` down to `primary` would each pass the primary down and
    /// back up, so the primary is parsed first and each level's operator
    /// loop then runs on it, lowest level last. Same tree, spans and
    /// failures as `disjunction`, with no call per level.
    fn expression_from_primary(&mut self) -> Option<Expr> {
        let start = self.mark;
        let e = self.primary()?;
        let e = self.power_tail(start, e)?;
        let e = self.binary_tail(0, start, e)?;
        let e = self.comparison_tail(start, e)?;
        let e = self.bool_expr_tail(0, start, e)?;
        self.if_expression_tail(start, e)
    }

    /// `disjunction 'if' disjunction 'else' expression`, after the first
    /// disjunction (`body`, from token `start`).
    fn if_expression_tail(&mut self, start: usize, body: Expr) -> Option<Expr> {
        if self.at(T::If) {
            let m = self.mark;
            let ifexp = self.alt(|p| {
                p.mark += 1;
                let test = p.disjunction()?;
                p.expect(T::Else)?;
                let orelse = p.expression()?;
                Some((test, orelse))
            });
            match ifexp {
                Some((test, orelse)) => {
                    let r = self.range_from(start);
                    return Some(Expr::new(
                        ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) },
                        r,
                    ));
                }
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        Some(body)
    }

    /// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
    pub(super) fn yield_expr(&mut self) -> Option<Expr> {
        let start = self.expect(T::Yield)?;
        if self.expect(T::From).is_some() {
            let value = self.expression()?;
            return Some(Expr::new(ExprKind::YieldFrom { value: Box::new(value) }, self.range_from(start)));
        }
        let value = self.alt(|p| p.star_expressions());
        if self.error.is_some() {
            return None;
        }
        Some(Expr::new(ExprKind::Yield { value: value.map(Box::new) }, self.range_from(start)))
    }

    /// star_expressions: star_expression (',' star_expression)* [','] -> Tuple | star_expression
    pub(super) fn star_expressions(&mut self) -> Option<Expr> {
        let start = self.mark;
        let first = self.star_expression()?;
        if !self.at(T::Comma) {
            return Some(first);
        }
        let mut elts = vec![first];
        loop {
            let m = self.mark;
            if self.expect(T::Comma).is_none() {
                break;
            }
            match self.alt(|p| p.star_expression()) {
                Some(e) => elts.push(e),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m + 1; // the trailing comma belongs to the tuple
                    break;
                }
            }
        }
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// star_expression (memo): '*' bitwise_or -> Starred | expression
    pub(super) fn star_expression(&mut self) -> Option<Expr> {
        self.memoized(MemoRule::StarExpression, |p| {
            if p.at(T::Star) {
                let start = p.mark;
                let r = p.alt(|p| {
                    p.mark += 1;
                    let value = p.bitwise_or()?;
                    Some(Expr::new(
                        ExprKind::Starred { value: Box::new(value), ctx: ExprContext::Load },
                        p.range_from(start),
                    ))
                });
                if r.is_some() || p.error.is_some() {
                    return r;
                }
            }
            p.expression()
        })
    }

    /// star_named_expressions: ','.star_named_expression+ [',']
    pub(super) fn star_named_expressions(&mut self) -> Option<Vec<Expr>> {
        let items = self.gather(T::Comma, |p| p.star_named_expression())?;
        self.expect(T::Comma);
        Some(items)
    }

    /// star_named_expression: '*' bitwise_or -> Starred | named_expression
    pub(super) fn star_named_expression(&mut self) -> Option<Expr> {
        if self.at(T::Star) {
            let start = self.mark;
            let r = self.alt(|p| {
                p.mark += 1;
                let value = p.bitwise_or()?;
                Some(Expr::new(
                    ExprKind::Starred { value: Box::new(value), ctx: ExprContext::Load },
                    p.range_from(start),
                ))
            });
            if r.is_some() || self.error.is_some() {
                return r;
            }
        }
        self.named_expression()
    }

    /// assignment_expression: NAME ':=' ~ expression
    /// Returns `Err(())` when the cut was passed and the expression failed.
    pub(super) fn assignment_expression(&mut self) -> Result<Option<Expr>, ()> {
        if !(self.at(T::Name) && self.peek_n(1) == T::ColonEqual) {
            return Ok(None);
        }
        let start = self.mark;
        let Some(target) = self.name_expr(ExprContext::Store) else {
            return Ok(None);
        };
        self.mark += 1;
        match self.expression() {
            Some(_) if !self.check_version(8, "Assignment expressions are") => Err(()),
            Some(value) => Ok(Some(Expr::new(
                ExprKind::NamedExpr { target: Box::new(target), value: Box::new(value) },
                self.range_from(start),
            ))),
            None => {
                self.mark = start;
                Err(())
            }
        }
    }

    /// named_expression: assignment_expression | invalid_named_expression | expression !':='
    pub(super) fn named_expression(&mut self) -> Option<Expr> {
        if self.error.is_some() {
            return None;
        }
        match self.assignment_expression() {
            Ok(Some(e)) => return Some(e),
            Ok(None) => {}
            Err(()) => return None,
        }
        if self.error.is_some() {
            return None;
        }
        if self.invalid_pass && self.invalid_named_tried.insert(self.mark as u32) {
            let m = self.mark;
            self.invalid_named_expression();
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
        }
        self.expression_not_walrus()
    }

    /// expression !':='
    pub(super) fn expression_not_walrus(&mut self) -> Option<Expr> {
        let m = self.mark;
        let e = self.expression()?;
        if self.at(T::ColonEqual) {
            self.mark = m;
            return None;
        }
        Some(e)
    }

    /// (assignment_expression | expression !':=')
    pub(super) fn assignment_expression_or_expression(&mut self) -> Option<Expr> {
        match self.assignment_expression() {
            Ok(Some(e)) => Some(e),
            Ok(None) => {
                if self.error.is_some() {
                    return None;
                }
                self.expression_not_walrus()
            }
            Err(()) => None,
        }
    }

    // ---- boolean and comparison operators -------------------------------------------

    /// disjunction (memo): conjunction ('or' conjunction)+ -> BoolOp | conjunction
    pub(super) fn disjunction(&mut self) -> Option<Expr> {
        if !self.second_pass {
            return self.bool_expr(0);
        }
        self.memoized(MemoRule::Disjunction, |p| p.bool_op(T::Or))
    }

    /// First pass: disjunction (level 0), conjunction (1) and inversion (2) in
    /// one function, so that an operand does not pass through a call for each
    /// rule. Same trees and spans as the rules it stands for.
    fn bool_expr(&mut self, level: u8) -> Option<Expr> {
        let start = self.mark;
        let left = if self.at(T::Not) {
            self.mark += 1;
            if !self.enter() {
                return None;
            }
            let operand = super::grow(self.level, || self.bool_expr(2));
            self.leave();
            let Some(operand) = operand else {
                self.mark = start;
                return None;
            };
            Expr::new(ExprKind::UnaryOp { op: UnaryOperator::Not, operand: Box::new(operand) }, self.range_from(start))
        } else {
            self.comparison()?
        };
        self.bool_expr_tail(level, start, left)
    }

    /// The `and`/`or` operators of `bool_expr` after its first operand.
    fn bool_expr_tail(&mut self, level: u8, start: usize, mut left: Expr) -> Option<Expr> {
        for (kw, op, operand_level) in [(T::And, BoolOperator::And, 2), (T::Or, BoolOperator::Or, 1)] {
            if level > operand_level - 1 || !self.at(kw) {
                continue;
            }
            let mut values = vec![left];
            loop {
                let m = self.mark;
                if self.expect(kw).is_none() {
                    break;
                }
                match self.bool_expr(operand_level) {
                    Some(v) => values.push(v),
                    None => {
                        if self.error.is_some() {
                            return None;
                        }
                        self.mark = m;
                        break;
                    }
                }
            }
            left = if values.len() == 1 {
                values.pop().expect("one value")
            } else {
                Expr::new(ExprKind::BoolOp { op, values }, self.range_from(start))
            };
        }
        Some(left)
    }

    /// conjunction: inversion ('and' inversion)+ -> BoolOp | inversion
    fn conjunction(&mut self) -> Option<Expr> {
        self.bool_op(T::And)
    }

    fn bool_op(&mut self, kw: T) -> Option<Expr> {
        let start = self.mark;
        let operand = |p: &mut Self| {
            if kw == T::Or {
                p.conjunction()
            } else {
                p.inversion()
            }
        };
        let first = operand(self)?;
        if !self.at(kw) {
            return Some(first);
        }
        let mut values = vec![first];
        loop {
            let m = self.mark;
            if self.expect(kw).is_none() {
                break;
            }
            match operand(self) {
                Some(v) => values.push(v),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                    break;
                }
            }
        }
        if values.len() == 1 {
            return values.pop();
        }
        let op = if kw == T::Or { BoolOperator::Or } else { BoolOperator::And };
        Some(Expr::new(ExprKind::BoolOp { op, values }, self.range_from(start)))
    }

    /// inversion (memo): 'not' inversion -> UnaryOp(Not) | comparison
    fn inversion(&mut self) -> Option<Expr> {
        if self.at(T::Not) {
            let start = self.mark;
            let r = self.alt(|p| {
                p.mark += 1;
                if !p.enter() {
                    return None;
                }
                let operand = super::grow(p.level, || p.inversion());
                p.leave();
                Some(Expr::new(
                    ExprKind::UnaryOp { op: UnaryOperator::Not, operand: Box::new(operand?) },
                    p.range_from(start),
                ))
            });
            if r.is_some() || self.error.is_some() {
                return r;
            }
        }
        self.comparison()
    }

    /// comparison: bitwise_or compare_op_bitwise_or_pair+ -> Compare | bitwise_or
    fn comparison(&mut self) -> Option<Expr> {
        let start = self.mark;
        let left = self.bitwise_or()?;
        self.comparison_tail(start, left)
    }

    /// Whether the NOTEQUAL token at `idx` is the not-equal operator
    /// (CPython's `_PyPegen_check_barry_as_flufl`): `!=`, or `<>` under
    /// `from __future__ import barry_as_FLUFL`, where `!=` is an error.
    fn not_equal_accepted(&mut self, idx: usize) -> bool {
        let diamond = self.text(idx) == "<>";
        if self.barry_as_bdfl && !diamond {
            self.raise_syntax("with Barry as BDFL, use '<>' instead of '!='");
            return false;
        }
        diamond == self.barry_as_bdfl
    }

    /// The comparison operators after the first operand.
    fn comparison_tail(&mut self, start: usize, left: Expr) -> Option<Expr> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let m = self.mark;
            let op = match self.peek() {
                T::EqEqual => CmpOp::Eq,
                T::NotEqual => {
                    if !self.not_equal_accepted(self.mark) {
                        break;
                    }
                    CmpOp::NotEq
                }
                T::LessEqual => CmpOp::LtE,
                T::Less => CmpOp::Lt,
                T::GreaterEqual => CmpOp::GtE,
                T::Greater => CmpOp::Gt,
                T::In => CmpOp::In,
                T::Not => {
                    if self.peek_n(1) != T::In {
                        break;
                    }
                    self.mark += 1;
                    CmpOp::NotIn
                }
                T::Is => {
                    if self.peek_n(1) == T::Not {
                        self.mark += 1;
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                _ => break,
            };
            self.mark += 1;
            let right = match self.bitwise_or() {
                Some(r) => r,
                None if op == CmpOp::IsNot && self.error.is_none() => {
                    // 'is' 'not' failed: try plain 'is' (e.g. `a is not`
                    // followed by something that is no bitwise_or).
                    self.mark = m + 1;
                    match self.bitwise_or() {
                        Some(r) => {
                            ops.push(CmpOp::Is);
                            comparators.push(r);
                            continue;
                        }
                        None => {
                            if self.error.is_some() {
                                return None;
                            }
                            self.mark = m;
                            break;
                        }
                    }
                }
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                    break;
                }
            };
            ops.push(op);
            comparators.push(right);
        }
        if ops.is_empty() {
            return Some(left);
        }
        Some(Expr::new(
            ExprKind::Compare { left: Box::new(left), ops: ops.into(), comparators: comparators.into() },
            self.range_from(start),
        ))
    }

    // ---- binary operators -------------------------------------------------------------

    /// bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor
    pub(super) fn bitwise_or(&mut self) -> Option<Expr> {
        self.memoized(MemoRule::BitwiseOr, |p| p.binary(0))
    }

    /// The left-associative binary levels of the grammar, from `|` (level 0)
    /// to the multiplicative operators (level 5), by precedence climbing: one
    /// function instead of six nested rules, with the same tree and spans.
    fn binary(&mut self, min_level: u8) -> Option<Expr> {
        let start = self.mark;
        let left = self.factor()?;
        self.binary_tail(min_level, start, left)
    }

    /// The binary operators of level `min_level` and above after the first operand.
    fn binary_tail(&mut self, min_level: u8, start: usize, mut left: Expr) -> Option<Expr> {
        while let Some((level, op)) = binary_operator(self.peek()) {
            if level < min_level {
                break;
            }
            let m = self.mark;
            self.mark += 1;
            match self.binary(level + 1) {
                Some(right) => {
                    if op == Operator::MatMult && !self.check_version(5, "The '@' operator is") {
                        return None;
                    }
                    left = Expr::new(
                        ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) },
                        self.range_from(start),
                    );
                }
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                    break;
                }
            }
        }
        Some(left)
    }

    /// factor (memo): '+' factor | '-' factor | '~' factor | power
    fn factor(&mut self) -> Option<Expr> {
        let op = match self.peek() {
            T::Plus => UnaryOperator::UAdd,
            T::Minus => UnaryOperator::USub,
            T::Tilde => UnaryOperator::Invert,
            _ => return self.power(),
        };
        let start = self.mark;
        self.alt(|p| {
            p.mark += 1;
            if !p.enter() {
                return None;
            }
            let operand = super::grow(p.level, || p.factor());
            p.leave();
            Some(Expr::new(ExprKind::UnaryOp { op, operand: Box::new(operand?) }, p.range_from(start)))
        })
    }

    /// power: await_primary '**' factor | await_primary
    fn power(&mut self) -> Option<Expr> {
        let start = self.mark;
        let left = self.await_primary()?;
        self.power_tail(start, left)
    }

    /// `'**' factor` after the operand.
    fn power_tail(&mut self, start: usize, left: Expr) -> Option<Expr> {
        if self.at(T::DoubleStar) {
            let m = self.mark;
            self.mark += 1;
            if !self.enter() {
                return None;
            }
            let right = super::grow(self.level, || self.factor());
            self.leave();
            match right {
                Some(right) => {
                    return Some(Expr::new(
                        ExprKind::BinOp { left: Box::new(left), op: Operator::Pow, right: Box::new(right) },
                        self.range_from(start),
                    ));
                }
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        Some(left)
    }

    /// await_primary (memo): AWAIT primary -> Await | primary
    fn await_primary(&mut self) -> Option<Expr> {
        if self.at(T::Await) {
            let start = self.mark;
            let r = self.alt(|p| {
                p.mark += 1;
                let value = p.primary()?;
                if !p.check_version(5, "Await expressions are") {
                    return None;
                }
                Some(Expr::new(ExprKind::Await { value: Box::new(value) }, p.range_from(start)))
            });
            if r.is_some() || self.error.is_some() {
                return r;
            }
        }
        self.primary()
    }

    // ---- primaries ------------------------------------------------------------------------

    /// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
    ///        | primary '[' slices ']' | atom
    fn primary(&mut self) -> Option<Expr> {
        let start = self.mark;
        let mut e = self.atom()?;
        loop {
            let m = self.mark;
            let next = match self.peek() {
                T::Dot => self.attribute_trailer(e, start, ExprContext::Load),
                T::LPar => self.call_trailer(e, start),
                T::LSqb => self.subscript_trailer(e, start, ExprContext::Load),
                _ => return Some(e),
            };
            match next {
                Ok(n) => e = n,
                Err(old) => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                    return Some(old);
                }
            }
        }
    }

    /// '.' NAME after `value`. On failure the unchanged `value` comes back.
    pub(super) fn attribute_trailer(&mut self, value: Expr, start: usize, ctx: ExprContext) -> Result<Expr, Expr> {
        self.mark += 1;
        if !self.at(T::Name) {
            return Err(value);
        }
        let attr = self.identifier(self.mark);
        self.mark += 1;
        Ok(Expr::new(ExprKind::Attribute { value: Box::new(value), attr, ctx }, self.range_from(start)))
    }

    /// '[' slices ']' after `value`.
    pub(super) fn subscript_trailer(&mut self, value: Expr, start: usize, ctx: ExprContext) -> Result<Expr, Expr> {
        self.mark += 1;
        let Some(slice) = self.slices() else {
            return Err(value);
        };
        if self.expect(T::RSqb).is_none() {
            return Err(value);
        }
        Ok(Expr::new(
            ExprKind::Subscript { value: Box::new(value), slice: Box::new(slice), ctx },
            self.range_from(start),
        ))
    }

    /// genexp | '(' [arguments] ')' after `func`.
    pub(super) fn call_trailer(&mut self, func: Expr, start: usize) -> Result<Expr, Expr> {
        let lpar = self.mark;
        if self.invalid_pass {
            // The grammar's order, for the second pass's error rules.
            if let Some(g) = self.alt(|p| p.genexp()) {
                return Ok(self.make_call(func, vec![g], vec![], start));
            }
            if self.error.is_some() {
                return Err(func);
            }
            self.mark = lpar + 1;
            let (args, keywords) = if self.at(T::RPar) {
                (vec![], vec![])
            } else {
                match self.arguments() {
                    Some(a) => a,
                    None => return Err(func),
                }
            };
            if self.expect(T::RPar).is_none() {
                return Err(func);
            }
            return Ok(self.make_call(func, args, keywords, start));
        }
        self.mark += 1;
        if self.expect(T::RPar).is_some() {
            return Ok(self.make_call(func, vec![], vec![], start));
        }
        // The first argument decides between a generator expression and an
        // argument list; it is parsed once for both.
        let plain_first =
            !(matches!(self.peek(), T::Star | T::DoubleStar) || self.at(T::Name) && self.peek_n(1) == T::Equal);
        if plain_first {
            let Some(first) = self.assignment_expression_or_expression() else {
                return Err(func);
            };
            if matches!(self.peek(), T::For | T::Async) {
                let Some(generators) = self.for_if_clauses() else {
                    return Err(func);
                };
                if self.expect(T::RPar).is_none() {
                    return Err(func);
                }
                let g = Expr::new(ExprKind::GeneratorExp { elt: Box::new(first), generators }, self.range_from(lpar));
                return Ok(self.make_call(func, vec![g], vec![], start));
            }
            if self.at(T::Equal) {
                return Err(func);
            }
            let Some((args, keywords)) = self.args_after_first(first) else {
                return Err(func);
            };
            return self.finish_call(func, args, keywords, start);
        }
        let Some((args, keywords, _)) = self.args() else {
            return Err(func);
        };
        self.finish_call(func, args, keywords, start)
    }

    fn finish_call(&mut self, func: Expr, args: Vec<Expr>, keywords: Vec<Keyword>, start: usize) -> Result<Expr, Expr> {
        self.expect(T::Comma);
        if self.expect(T::RPar).is_none() {
            return Err(func);
        }
        Ok(self.make_call(func, args, keywords, start))
    }

    fn make_call(&mut self, func: Expr, args: Vec<Expr>, keywords: Vec<Keyword>, start: usize) -> Expr {
        Expr::new(
            ExprKind::Call { func: Box::new(func), args: args.into(), keywords: keywords.into() },
            self.range_from(start),
        )
    }

    // ---- call arguments ------------------------------------------------------------------

    /// arguments (memo): args [','] &')' | invalid_arguments
    pub(super) fn arguments(&mut self) -> Option<(Vec<Expr>, Vec<Keyword>)> {
        let m = self.mark;
        if let Some((args, keywords, _)) = self.alt(|p| {
            let a = p.args()?;
            p.expect(T::Comma);
            if !p.at(T::RPar) {
                return None;
            }
            Some(a)
        }) {
            return Some((args, keywords));
        }
        if self.error.is_some() {
            return None;
        }
        if self.invalid_pass {
            self.mark = m;
            self.invalid_arguments();
        }
        None
    }

    /// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs]
    ///     | kwargs
    /// Returns the positional and keyword arguments and the span they cover.
    pub(super) fn args(&mut self) -> Option<(Vec<Expr>, Vec<Keyword>, Range)> {
        let start = self.mark;
        let positional = self.alt(|p| p.gather(T::Comma, |p| p.alt(|p| p.positional_arg())));
        if self.error.is_some() {
            return None;
        }
        match positional {
            Some(mut args) => {
                let m = self.mark;
                let mut keywords = vec![];
                if self.expect(T::Comma).is_some() {
                    match self.alt(|p| p.kwargs()) {
                        Some((starred, kws)) => {
                            args.extend(starred);
                            keywords = kws;
                        }
                        None => {
                            if self.error.is_some() {
                                return None;
                            }
                            self.mark = m;
                        }
                    }
                }
                Some((args, keywords, self.range_from(start)))
            }
            None => {
                let (starred, keywords) = self.kwargs()?;
                Some((starred, keywords, self.range_from(start)))
            }
        }
    }

    /// `args` when its first positional argument is already parsed. The
    /// positional arguments gather on `expr_stack` (nested calls use it
    /// above them) and move into a list of exactly their number.
    fn args_after_first(&mut self, first: Expr) -> Option<(Vec<Expr>, Vec<Keyword>)> {
        let base = self.expr_stack.len();
        self.expr_stack.push(first);
        let r = self.positional_args_onto_stack();
        let mut args: Vec<Expr> = self.expr_stack.drain(base..).collect();
        match r? {
            Some((starred, keywords)) => {
                args.extend(starred);
                Some((args, keywords))
            }
            None => Some((args, vec![])),
        }
    }

    /// The rest of `args_after_first`: more positional arguments (pushed on
    /// `expr_stack`), then the keyword arguments, if any.
    #[allow(clippy::type_complexity)]
    fn positional_args_onto_stack(&mut self) -> Option<Option<(Vec<Expr>, Vec<Keyword>)>> {
        loop {
            let m = self.mark;
            if self.expect(T::Comma).is_none() {
                break;
            }
            match self.alt(|p| p.positional_arg()) {
                Some(a) => self.expr_stack.push(a),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                    break;
                }
            }
        }
        let m = self.mark;
        if self.expect(T::Comma).is_some() {
            match self.alt(|p| p.kwargs()) {
                Some(kw) => return Some(Some(kw)),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        Some(None)
    }

    /// starred_expression | (assignment_expression | expression !':=') !'='
    pub(super) fn positional_arg(&mut self) -> Option<Expr> {
        if self.at(T::Star) {
            return self.starred_expression();
        }
        let e = self.assignment_expression_or_expression()?;
        if self.at(T::Equal) {
            return None;
        }
        Some(e)
    }

    /// starred_expression: '*' expression
    pub(super) fn starred_expression(&mut self) -> Option<Expr> {
        let start = self.expect(T::Star)?;
        let value = self.expression()?;
        Some(Expr::new(ExprKind::Starred { value: Box::new(value), ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
    ///       | ','.kwarg_or_starred+ | ','.kwarg_or_double_starred+
    /// Returns the starred expressions and the keywords, each in order.
    pub(super) fn kwargs(&mut self) -> Option<(Vec<Expr>, Vec<Keyword>)> {
        let first = self.alt(|p| p.gather(T::Comma, |p| p.alt(|p| p.kwarg_or_starred())));
        if self.error.is_some() {
            return None;
        }
        let items = match first {
            Some(mut items) => {
                let m = self.mark;
                if self.expect(T::Comma).is_some() {
                    match self.alt(|p| p.gather(T::Comma, |p| p.alt(|p| p.kwarg_or_double_starred()))) {
                        Some(more) => items.extend(more),
                        None => {
                            if self.error.is_some() {
                                return None;
                            }
                            self.mark = m;
                        }
                    }
                }
                items
            }
            None => self.gather(T::Comma, |p| p.alt(|p| p.kwarg_or_double_starred()))?,
        };
        let mut starred = vec![];
        let mut keywords = vec![];
        for item in items {
            match item {
                KwItem::Keyword(k) => keywords.push(k),
                KwItem::Starred(e) => starred.push(e),
            }
        }
        Some((starred, keywords))
    }

    /// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
    fn kwarg_or_starred(&mut self) -> Option<KwItem> {
        if self.invalid_pass {
            self.invalid_kwarg();
            if self.error.is_some() {
                return None;
            }
        }
        if let Some(k) = self.alt(|p| p.keyword_arg()) {
            return Some(KwItem::Keyword(k));
        }
        if self.error.is_some() {
            return None;
        }
        self.starred_expression().map(KwItem::Starred)
    }

    /// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
    fn kwarg_or_double_starred(&mut self) -> Option<KwItem> {
        if self.invalid_pass {
            self.invalid_kwarg();
            if self.error.is_some() {
                return None;
            }
        }
        if let Some(k) = self.alt(|p| p.keyword_arg()) {
            return Some(KwItem::Keyword(k));
        }
        if self.error.is_some() {
            return None;
        }
        let start = self.expect(T::DoubleStar)?;
        let value = self.expression()?;
        Some(KwItem::Keyword(Keyword { arg: None, value: Box::new(value), range: self.range_from(start) }))
    }

    /// NAME '=' expression
    fn keyword_arg(&mut self) -> Option<Keyword> {
        if !(self.at(T::Name) && self.peek_n(1) == T::Equal) {
            return None;
        }
        let start = self.mark;
        let arg = self.identifier(start);
        self.mark += 2;
        let value = self.expression()?;
        Some(Keyword { arg: Some(arg), value: Box::new(value), range: self.range_from(start) })
    }

    // ---- subscripts ----------------------------------------------------------------------

    /// slices: slice !',' | ','.(slice | starred_expression)+ [','] -> Tuple
    pub(super) fn slices(&mut self) -> Option<Expr> {
        let start = self.mark;
        let (first, starred) = self.slice_or_starred()?;
        if !self.at(T::Comma) && !starred {
            return Some(first);
        }
        let mut elts = vec![first];
        loop {
            let m = self.mark;
            if self.expect(T::Comma).is_none() {
                break;
            }
            match self.alt(|p| p.slice_or_starred()) {
                Some((e, _)) => elts.push(e),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m + 1;
                    break;
                }
            }
        }
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// slice | starred_expression; true when it was the starred expression.
    fn slice_or_starred(&mut self) -> Option<(Expr, bool)> {
        if let Some(s) = self.alt(|p| p.slice()) {
            return Some((s, false));
        }
        if self.error.is_some() {
            return None;
        }
        Some((self.starred_expression()?, true))
    }

    /// slice: [expression] ':' [expression] [':' [expression]] -> Slice | named_expression
    fn slice(&mut self) -> Option<Expr> {
        let start = self.mark;
        if self.invalid_pass || (self.at(T::Name) && self.peek_n(1) == T::ColonEqual) {
            if let Some(s) = self.alt(|p| p.slice_with_colon(start, None)) {
                return Some(s);
            }
            if self.error.is_some() {
                return None;
            }
            return self.named_expression();
        }
        // First pass: parse the leading expression once for both alternatives.
        let lower = if self.at(T::Colon) {
            None
        } else {
            let e = self.expression()?;
            if !self.at(T::Colon) {
                if self.at(T::ColonEqual) {
                    return None;
                }
                return Some(e);
            }
            Some(e)
        };
        self.slice_with_colon(start, Some(lower))
    }

    /// The rest of a Slice, its lower bound parsed or not (`None` = parse it).
    fn slice_with_colon(&mut self, start: usize, lower: Option<Option<Expr>>) -> Option<Expr> {
        let lower = match lower {
            Some(l) => l,
            None => {
                if self.at(T::Colon) {
                    None
                } else {
                    Some(self.expression()?)
                }
            }
        };
        self.expect(T::Colon)?;
        let upper = self.optional_expression()?;
        let mut step = None;
        if self.expect(T::Colon).is_some() {
            step = self.optional_expression()?;
        }
        Some(Expr::new(
            ExprKind::Slice { lower: lower.map(Box::new), upper: upper.map(Box::new), step: step.map(Box::new) },
            self.range_from(start),
        ))
    }

    /// `[expression]`: Some(None) when absent, None on an error.
    fn optional_expression(&mut self) -> Option<Option<Expr>> {
        let r = self.alt(|p| p.expression());
        if self.error.is_some() {
            return None;
        }
        Some(r)
    }

    // ---- atoms -------------------------------------------------------------------------------

    /// atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER
    ///     | (tuple | group | genexp) | (list | listcomp)
    ///     | (dict | set | dictcomp | setcomp) | '...'
    pub(super) fn atom(&mut self) -> Option<Expr> {
        let start = self.mark;
        let constant = |p: &mut Self, value: Constant| {
            p.mark += 1;
            Some(Expr::new(ExprKind::Constant { value, kind: None }, p.token_range(start)))
        };
        match self.peek() {
            T::Name => self.name_expr(ExprContext::Load),
            T::TrueKw => constant(self, Constant::Bool(true)),
            T::FalseKw => constant(self, Constant::Bool(false)),
            T::NoneKw => constant(self, Constant::None),
            T::Ellipsis => constant(self, Constant::Ellipsis),
            T::String => self.strings(),
            T::Number => self.number(),
            T::LPar => {
                if !self.enter() {
                    return None;
                }
                let r = if self.invalid_pass { self.paren_atom_pass2() } else { self.paren_atom() };
                self.leave();
                r
            }
            T::LSqb => {
                if !self.enter() {
                    return None;
                }
                let r = if self.invalid_pass { self.list_atom_pass2() } else { self.list_atom() };
                self.leave();
                r
            }
            T::LBrace => {
                if !self.enter() {
                    return None;
                }
                let r = if self.invalid_pass {
                    self.brace_atom_pass2()
                } else {
                    let r = self.brace_atom();
                    if r.is_none() && self.error.is_none() {
                        // `'{' invalid_double_starred_kvpairs '}'` is not the
                        // first item of its alternative, so CPython tries it
                        // in the first pass too.
                        self.mark = start + 1;
                        self.invalid_double_starred_kvpairs();
                    }
                    r
                };
                self.leave();
                r
            }
            _ => None,
        }
    }

    /// NAME as a Name node.
    #[inline]
    pub(super) fn name_expr(&mut self, ctx: ExprContext) -> Option<Expr> {
        if !self.at(T::Name) {
            return None;
        }
        let idx = self.mark;
        self.mark += 1;
        Some(Expr::new(ExprKind::Name { id: self.identifier(idx), ctx }, self.token_range(idx)))
    }

    /// The identifier of NAME token `idx`, NFKC-normalized when not ASCII
    /// (CPython's `_PyPegen_new_identifier`).
    #[inline]
    pub(super) fn identifier(&self, idx: usize) -> Ident {
        let text = self.text(idx);
        // The tokenizer saw whether the name is ASCII as it scanned it.
        if self.token(idx).non_ascii {
            nfkc_identifier(text)
        } else {
            Ident::from(text)
        }
    }

    /// NUMBER as a Constant (CPython's `_PyPegen_number_token`).
    pub(super) fn number(&mut self) -> Option<Expr> {
        let idx = self.expect(T::Number)?;
        let text = self.text(idx);
        if text.contains('_') && self.feature_version < 6 {
            // CPython raises this as the NUMBER token is read: there.
            self.raise_at_token(idx, "Underscores in numeric literals are only supported in Python 3.6 and greater");
            return None;
        }
        match parse_number(text) {
            Ok(value) => Some(Expr::new(ExprKind::Constant { value, kind: None }, self.token_range(idx))),
            Err(msg) => {
                let t = *self.token(idx);
                self.raise_known(
                    crate::error::ErrorType::SyntaxError,
                    t.lineno as i64,
                    -1,
                    t.end_lineno as i64,
                    -1,
                    msg,
                );
                None
            }
        }
    }

    /// '(' starts a tuple, a group or a generator expression (first pass).
    fn paren_atom(&mut self) -> Option<Expr> {
        let start = self.mark;
        self.mark += 1;
        if self.expect(T::RPar).is_some() {
            return Some(Expr::new(ExprKind::Tuple { elts: vec![], ctx: ExprContext::Load }, self.range_from(start)));
        }
        if self.at(T::Yield) {
            let e = self.yield_expr()?;
            self.expect(T::RPar)?;
            return Some(e);
        }
        let first = self.star_named_expression()?;
        match self.peek() {
            T::Comma => {
                self.mark += 1;
                let mut elts = vec![first];
                if !self.at(T::RPar) {
                    elts.extend(self.star_named_expressions()?);
                }
                self.expect(T::RPar)?;
                Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
            }
            T::RPar => {
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    return None;
                }
                self.mark += 1;
                Some(first)
            }
            T::For | T::Async => {
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    return None;
                }
                let generators = self.for_if_clauses()?;
                self.expect(T::RPar)?;
                Some(Expr::new(ExprKind::GeneratorExp { elt: Box::new(first), generators }, self.range_from(start)))
            }
            _ => None,
        }
    }

    /// '(' in the second pass: tuple | group | genexp in the grammar's order.
    fn paren_atom_pass2(&mut self) -> Option<Expr> {
        let start = self.mark;
        if let Some(t) = self.alt(|p| p.tuple()) {
            return Some(t);
        }
        if self.error.is_some() {
            return None;
        }
        if let Some(g) = self.alt(|p| p.group()) {
            return Some(g);
        }
        if self.error.is_some() {
            return None;
        }
        self.mark = start;
        self.genexp()
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    fn tuple(&mut self) -> Option<Expr> {
        let start = self.expect(T::LPar)?;
        let mut elts = vec![];
        if !self.at(T::RPar) {
            elts.push(self.star_named_expression()?);
            self.expect(T::Comma)?;
            if let Some(more) = self.alt(|p| p.star_named_expressions()) {
                elts.extend(more);
            }
            if self.error.is_some() {
                return None;
            }
        }
        self.expect(T::RPar)?;
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// group: '(' (yield_expr | named_expression) ')' | invalid_group
    fn group(&mut self) -> Option<Expr> {
        let m = self.mark;
        let r = self.alt(|p| {
            p.expect(T::LPar)?;
            let e = if p.at(T::Yield) { p.yield_expr()? } else { p.named_expression()? };
            p.expect(T::RPar)?;
            Some(e)
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        self.mark = m;
        self.invalid_group();
        None
    }

    /// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')' | invalid_comprehension
    pub(super) fn genexp(&mut self) -> Option<Expr> {
        let start = self.mark;
        let r = self.alt(|p| {
            p.expect(T::LPar)?;
            let elt = p.assignment_expression_or_expression()?;
            let generators = p.for_if_clauses()?;
            p.expect(T::RPar)?;
            Some(Expr::new(ExprKind::GeneratorExp { elt: Box::new(elt), generators }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() || !self.invalid_pass {
            return r;
        }
        self.mark = start;
        self.invalid_comprehension();
        None
    }

    /// '[' starts a list or a list comprehension (first pass).
    fn list_atom(&mut self) -> Option<Expr> {
        let start = self.mark;
        self.mark += 1;
        if self.expect(T::RSqb).is_some() {
            return Some(Expr::new(ExprKind::List { elts: vec![], ctx: ExprContext::Load }, self.range_from(start)));
        }
        let first = self.star_named_expression()?;
        if matches!(self.peek(), T::For | T::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return None;
            }
            let generators = self.for_if_clauses()?;
            self.expect(T::RSqb)?;
            return Some(Expr::new(ExprKind::ListComp { elt: Box::new(first), generators }, self.range_from(start)));
        }
        let mut elts = vec![first];
        if self.expect(T::Comma).is_some() && !self.at(T::RSqb) {
            elts.extend(self.star_named_expressions()?);
        }
        self.expect(T::RSqb)?;
        Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// '[' in the second pass: list | listcomp (| invalid_comprehension).
    fn list_atom_pass2(&mut self) -> Option<Expr> {
        let start = self.mark;
        let list = self.alt(|p| {
            p.expect(T::LSqb)?;
            let elts = if p.at(T::RSqb) { vec![] } else { p.alt(|p| p.star_named_expressions()).unwrap_or_default() };
            if p.error.is_some() {
                return None;
            }
            p.expect(T::RSqb)?;
            Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Load }, p.range_from(start)))
        });
        if list.is_some() || self.error.is_some() {
            return list;
        }
        let comp = self.alt(|p| {
            p.expect(T::LSqb)?;
            let elt = p.named_expression()?;
            let generators = p.for_if_clauses()?;
            p.expect(T::RSqb)?;
            Some(Expr::new(ExprKind::ListComp { elt: Box::new(elt), generators }, p.range_from(start)))
        });
        if comp.is_some() || self.error.is_some() {
            return comp;
        }
        self.mark = start;
        self.invalid_comprehension();
        None
    }

    /// '{' starts a dict, a set or a comprehension of either (first pass).
    fn brace_atom(&mut self) -> Option<Expr> {
        let start = self.mark;
        self.mark += 1;
        if self.expect(T::RBrace).is_some() {
            return Some(Expr::new(
                ExprKind::Dict { keys: Box::new([]), values: Box::new([]) },
                self.range_from(start),
            ));
        }
        if self.at(T::DoubleStar) {
            return self.dict_rest(start, vec![], vec![]);
        }
        if self.at(T::Star) || (self.at(T::Name) && self.peek_n(1) == T::ColonEqual) {
            return self.set_rest(start);
        }
        let first = self.expression()?;
        match self.peek() {
            T::Colon => {
                self.mark += 1;
                let value = self.expression()?;
                if matches!(self.peek(), T::For | T::Async) {
                    let generators = self.for_if_clauses()?;
                    self.expect(T::RBrace)?;
                    return Some(Expr::new(
                        ExprKind::DictComp { key: Box::new(first), value: Box::new(value), generators },
                        self.range_from(start),
                    ));
                }
                self.dict_rest(start, vec![Some(first)], vec![value])
            }
            T::For | T::Async => {
                let generators = self.for_if_clauses()?;
                self.expect(T::RBrace)?;
                Some(Expr::new(ExprKind::SetComp { elt: Box::new(first), generators }, self.range_from(start)))
            }
            T::Comma | T::RBrace => {
                let mut elts = vec![first];
                if self.expect(T::Comma).is_some() && !self.at(T::RBrace) {
                    elts.extend(self.star_named_expressions()?);
                }
                self.expect(T::RBrace)?;
                Some(Expr::new(ExprKind::Set { elts }, self.range_from(start)))
            }
            _ => None,
        }
    }

    /// The rest of a set display after '{' (first element not parsed).
    fn set_rest(&mut self, start: usize) -> Option<Expr> {
        let first = self.star_named_expression()?;
        if matches!(self.peek(), T::For | T::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return None;
            }
            let generators = self.for_if_clauses()?;
            self.expect(T::RBrace)?;
            return Some(Expr::new(ExprKind::SetComp { elt: Box::new(first), generators }, self.range_from(start)));
        }
        let mut elts = vec![first];
        if self.expect(T::Comma).is_some() && !self.at(T::RBrace) {
            elts.extend(self.star_named_expressions()?);
        }
        self.expect(T::RBrace)?;
        Some(Expr::new(ExprKind::Set { elts }, self.range_from(start)))
    }

    /// The rest of a dict display: more `double_starred_kvpair`s, then '}'.
    fn dict_rest(&mut self, start: usize, mut keys: Vec<Option<Expr>>, mut values: Vec<Expr>) -> Option<Expr> {
        if !keys.is_empty() && self.expect(T::Comma).is_none() {
            self.expect(T::RBrace)?;
            return Some(Expr::new(
                ExprKind::Dict { keys: keys.into(), values: values.into() },
                self.range_from(start),
            ));
        }
        while !self.at(T::RBrace) {
            let (k, v) = self.double_starred_kvpair()?;
            keys.push(k);
            values.push(v);
            if self.expect(T::Comma).is_none() {
                break;
            }
        }
        self.expect(T::RBrace)?;
        Some(Expr::new(ExprKind::Dict { keys: keys.into(), values: values.into() }, self.range_from(start)))
    }

    /// double_starred_kvpair: '**' bitwise_or | kvpair
    pub(super) fn double_starred_kvpair(&mut self) -> Option<(Option<Expr>, Expr)> {
        if self.expect(T::DoubleStar).is_some() {
            let v = self.bitwise_or()?;
            return Some((None, v));
        }
        let (k, v) = self.kvpair()?;
        Some((Some(k), v))
    }

    /// kvpair: expression ':' expression
    pub(super) fn kvpair(&mut self) -> Option<(Expr, Expr)> {
        let k = self.expression()?;
        self.expect(T::Colon)?;
        let v = self.expression()?;
        Some((k, v))
    }

    /// '{' in the second pass: dict | set | dictcomp | setcomp, with their
    /// invalid_ alternatives.
    fn brace_atom_pass2(&mut self) -> Option<Expr> {
        let start = self.mark;
        // dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
        let dict = self.alt(|p| {
            p.expect(T::LBrace)?;
            let mut keys = vec![];
            let mut values = vec![];
            if let Some(pairs) = p.alt(|p| p.gather(T::Comma, |p| p.alt(|p| p.double_starred_kvpair()))) {
                for (k, v) in pairs {
                    keys.push(k);
                    values.push(v);
                }
                p.expect(T::Comma);
            }
            if p.error.is_some() {
                return None;
            }
            p.expect(T::RBrace)?;
            Some(Expr::new(ExprKind::Dict { keys: keys.into(), values: values.into() }, p.range_from(start)))
        });
        if dict.is_some() || self.error.is_some() {
            return dict;
        }
        self.mark = start + 1;
        self.invalid_double_starred_kvpairs();
        if self.error.is_some() {
            return None;
        }
        self.mark = start;
        let set = self.alt(|p| {
            p.expect(T::LBrace)?;
            let elts = p.star_named_expressions()?;
            p.expect(T::RBrace)?;
            Some(Expr::new(ExprKind::Set { elts }, p.range_from(start)))
        });
        if set.is_some() || self.error.is_some() {
            return set;
        }
        let dictcomp = self.alt(|p| {
            p.expect(T::LBrace)?;
            let (key, value) = p.kvpair()?;
            let generators = p.for_if_clauses()?;
            p.expect(T::RBrace)?;
            Some(Expr::new(
                ExprKind::DictComp { key: Box::new(key), value: Box::new(value), generators },
                p.range_from(start),
            ))
        });
        if dictcomp.is_some() || self.error.is_some() {
            return dictcomp;
        }
        self.mark = start;
        self.invalid_dict_comprehension();
        if self.error.is_some() {
            return None;
        }
        self.mark = start;
        let setcomp = self.alt(|p| {
            p.expect(T::LBrace)?;
            let elt = p.named_expression()?;
            let generators = p.for_if_clauses()?;
            p.expect(T::RBrace)?;
            Some(Expr::new(ExprKind::SetComp { elt: Box::new(elt), generators }, p.range_from(start)))
        });
        if setcomp.is_some() || self.error.is_some() {
            return setcomp;
        }
        self.mark = start;
        self.invalid_comprehension();
        None
    }

    // ---- comprehensions ----------------------------------------------------------------

    /// for_if_clauses: for_if_clause+
    pub(super) fn for_if_clauses(&mut self) -> Option<Vec<Comprehension>> {
        let mut out = vec![self.for_if_clause()?];
        while matches!(self.peek(), T::For | T::Async) {
            match self.alt(|p| p.for_if_clause()) {
                Some(c) => out.push(c),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    break;
                }
            }
        }
        Some(out)
    }

    /// for_if_clause: [ASYNC] 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
    ///              | invalid_for_target
    fn for_if_clause(&mut self) -> Option<Comprehension> {
        let m = self.mark;
        let is_async = i32::from(self.expect(T::Async).is_some());
        if self.expect(T::For).is_some() {
            let target = self.alt(|p| {
                let t = p.star_targets()?;
                p.expect(T::In)?;
                Some(t)
            });
            if let Some(target) = target {
                // Past the cut: no other alternative is tried.
                let iter = self.disjunction()?;
                let mut ifs = vec![];
                loop {
                    let mi = self.mark;
                    if self.expect(T::If).is_none() {
                        break;
                    }
                    match self.disjunction() {
                        Some(c) => ifs.push(c),
                        None => {
                            if self.error.is_some() {
                                return None;
                            }
                            self.mark = mi;
                            break;
                        }
                    }
                }
                if is_async == 1 && !self.check_version(6, "Async comprehensions are") {
                    return None;
                }
                return Some(Comprehension { target: Box::new(target), iter: Box::new(iter), ifs, is_async });
            }
        }
        if self.error.is_some() {
            return None;
        }
        if self.invalid_pass {
            self.mark = m;
            self.invalid_for_target();
        }
        None
    }

    // ---- lambda ----------------------------------------------------------------------------

    /// lambdef: 'lambda' [lambda_params] ':' expression
    fn lambdef(&mut self) -> Option<Expr> {
        let start = self.expect(T::Lambda)?;
        let args = if self.at(T::Colon) {
            Arguments::empty()
        } else {
            match self.alt(|p| p.lambda_params()) {
                Some(a) => a,
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    Arguments::empty()
                }
            }
        };
        self.expect(T::Colon)?;
        let body = self.expression()?;
        Some(Expr::new(ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }, self.range_from(start)))
    }
}

/// A non-ASCII name, NFKC-normalized as CPython's parser does. Out of line:
/// its normalizer's state would otherwise give every `identifier` call a
/// large stack frame.
#[cold]
#[inline(never)]
fn nfkc_identifier(text: &str) -> Ident {
    text.nfkc().collect::<String>().into()
}

/// Can `kind`, following an atom, not continue the expression it starts?
fn ends_expression(kind: T) -> bool {
    matches!(
        kind,
        T::Comma
            | T::RPar
            | T::RSqb
            | T::RBrace
            | T::Colon
            | T::Newline
            | T::Semi
            | T::Equal
            | T::For
            | T::As
            | T::PlusEqual
            | T::MinEqual
            | T::StarEqual
            | T::SlashEqual
    )
}

/// The grammar level (0 = `|` ... 5 = `*`) and operator of a binary operator token.
fn binary_operator(kind: T) -> Option<(u8, Operator)> {
    Some(match kind {
        T::VBar => (0, Operator::BitOr),
        T::Circumflex => (1, Operator::BitXor),
        T::Amper => (2, Operator::BitAnd),
        T::LeftShift => (3, Operator::LShift),
        T::RightShift => (3, Operator::RShift),
        T::Plus => (4, Operator::Add),
        T::Minus => (4, Operator::Sub),
        T::Star => (5, Operator::Mult),
        T::Slash => (5, Operator::Div),
        T::DoubleSlash => (5, Operator::FloorDiv),
        T::Percent => (5, Operator::Mod),
        T::At => (5, Operator::MatMult),
        _ => return None,
    })
}

/// An item of `kwargs`: a keyword argument or a starred expression.
pub(super) enum KwItem {
    Keyword(Keyword),
    Starred(Expr),
}

impl Arguments {
    pub fn empty() -> Arguments {
        Arguments {
            posonlyargs: vec![],
            args: vec![],
            vararg: None,
            kwonlyargs: vec![],
            kw_defaults: vec![],
            kwarg: None,
            defaults: vec![],
        }
    }
}

/// The interpreter's limit on decimal digits in an int literal
/// (`sys.set_int_max_str_digits()`; 0 = none). One interpreter per process,
/// so a process-wide setting.
static INT_MAX_STR_DIGITS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(4300);

/// Set the limit decimal int literals are checked against (0 = none).
pub fn set_int_max_str_digits(n: usize) {
    INT_MAX_STR_DIGITS.store(n, std::sync::atomic::Ordering::Relaxed);
}

fn int_max_str_digits() -> usize {
    INT_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed)
}

/// The value of a NUMBER token (CPython's `parsenumber`), or the message of
/// the SyntaxError for an integer over the 4300-digit conversion limit.
pub(crate) fn parse_number(text: &str) -> Result<Constant, String> {
    let cleaned: std::borrow::Cow<str> = if text.contains('_') { text.replace('_', "").into() } else { text.into() };
    let s = cleaned.as_ref();
    let b = s.as_bytes();
    if let Some(imag) = s.strip_suffix(['j', 'J']) {
        let v = parse_float(imag);
        return Ok(Constant::Complex { real: 0.0, imag: v });
    }
    if b.len() > 1 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            _ => 2,
        };
        let digits = &s[2..];
        if let Ok(v) = i64::from_str_radix(digits, radix) {
            return Ok(Constant::Int(Int::Small(v)));
        }
        let v = BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
        return Ok(Constant::Int(Int::from_bigint(v)));
    }
    if s.contains(['.', 'e', 'E']) {
        return Ok(Constant::Float(parse_float(s)));
    }
    if s.len() <= 18 {
        return Ok(Constant::Int(Int::Small(s.parse::<i64>().unwrap_or(0))));
    }
    let significant = s.trim_start_matches('0').len();
    let limit = int_max_str_digits();
    if limit > 0 && significant > limit {
        return Err(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {significant} digits; \
             use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer \
             literals to avoid decimal conversion limits."
        ));
    }
    let v = BigInt::parse_bytes(s.as_bytes(), 10).unwrap_or_default();
    Ok(Constant::Int(Int::from_bigint(v)))
}

fn parse_float(s: &str) -> f64 {
    s.parse::<f64>().unwrap_or(f64::NAN)
}
