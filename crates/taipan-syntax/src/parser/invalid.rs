//! The `invalid_*` rules (Grammar/python.gram, INVALID RULES): tried only in
//! the second pass, each either raises its specialised SyntaxError or
//! matches nothing. They follow the grammar literally, alternatives in order,
//! because which error is reported depends on that order.

use super::params::ParamStyle;
use super::target::{expr_name, get_invalid_target, TargetsType};
use super::Parser;
use crate::ast::*;
use crate::token::TokenKind as T;

const SOFT_KEYWORDS: [&str; 3] = ["_", "case", "match"];

impl<'a> Parser<'a> {
    /// Run an alternative that may only raise: the position is restored.
    fn try_invalid(&mut self, f: impl FnOnce(&mut Self) -> Option<()>) -> bool {
        let m = self.mark;
        f(self);
        self.mark = m;
        self.error.is_some()
    }

    /// RAISE_SYNTAX_ERROR_INVALID_TARGET: raises if `e` holds an invalid target.
    fn raise_invalid_target(&mut self, ty: TargetsType, e: &Expr) -> Option<()> {
        let bad = get_invalid_target(e, ty)?;
        let verb = if ty == TargetsType::Del { "delete" } else { "assign to" };
        let msg = format!("cannot {verb} {}", expr_name(bad));
        let r = bad.range;
        self.raise_at(r, &msg);
        Some(())
    }

    fn is_legacy_name(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name { id, .. } if id == "print" || id == "exec")
    }

    /// invalid_expression:
    ///     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
    ///     | disjunction 'if' disjunction !('else'|':')
    pub(super) fn invalid_expression(&mut self) {
        if self.try_invalid(|p| {
            let name_string = p.at(T::Name) && p.peek_n(1) == T::String;
            let soft = p.at(T::Name) && SOFT_KEYWORDS.contains(&p.text(p.mark));
            if name_string || soft {
                return None;
            }
            let a = p.disjunction()?;
            let b = p.expression_without_invalid()?;
            if p.is_legacy_name(&a) || p.token(p.mark - 1).level == 0 {
                return None;
            }
            p.raise_range(a.range, b.range, "invalid syntax. Perhaps you forgot a comma?");
            Some(())
        }) {
            return;
        }
        self.try_invalid(|p| {
            let a = p.disjunction()?;
            p.expect(T::If)?;
            let b = p.disjunction()?;
            if matches!(p.peek(), T::Else | T::Colon) {
                return None;
            }
            p.raise_range(a.range, b.range, "expected 'else' after 'if' expression");
            Some(())
        });
    }

    /// invalid_legacy_expression: NAME !'(' star_expressions
    pub(super) fn invalid_legacy_expression(&mut self) {
        self.try_invalid(|p| {
            let a = p.name_expr(ExprContext::Load)?;
            if p.at(T::LPar) {
                return None;
            }
            let b = p.star_expressions()?;
            if !p.is_legacy_name(&a) {
                return None;
            }
            let ExprKind::Name { id, .. } = &a.kind else {
                return None;
            };
            let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
            p.raise_range(a.range, b.range, &msg);
            Some(())
        });
    }

    /// invalid_named_expression:
    ///     | expression ':=' expression
    ///     | NAME '=' bitwise_or !('='|':=')
    ///     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
    pub(super) fn invalid_named_expression(&mut self) {
        if self.try_invalid(|p| {
            let a = p.expression()?;
            p.expect(T::ColonEqual)?;
            p.expression()?;
            let msg = format!("cannot use assignment expressions with {}", expr_name(&a));
            p.raise_at(a.range, &msg);
            Some(())
        }) {
            return;
        }
        if self.try_invalid(|p| {
            let a = p.name_expr(ExprContext::Load)?;
            p.expect(T::Equal)?;
            let b = p.bitwise_or()?;
            if matches!(p.peek(), T::Equal | T::ColonEqual) {
                return None;
            }
            p.raise_range(a.range, b.range, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            Some(())
        }) {
            return;
        }
        self.try_invalid(|p| {
            let m = p.mark;
            match p.peek() {
                T::TrueKw | T::NoneKw | T::FalseKw => return None,
                T::LSqb | T::LPar => {
                    // !(list | tuple | genexp)
                    let saved = p.invalid_pass;
                    let is_display = p.alt(|p| p.list_tuple_or_genexp()).is_some();
                    p.invalid_pass = saved;
                    p.mark = m;
                    if p.error.is_some() || is_display {
                        return None;
                    }
                }
                _ => {}
            }
            let a = p.bitwise_or()?;
            p.expect(T::Equal)?;
            p.bitwise_or()?;
            if matches!(p.peek(), T::Equal | T::ColonEqual) {
                return None;
            }
            let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(&a));
            p.raise_at(a.range, &msg);
            Some(())
        });
    }

    /// list | tuple | genexp (for a negative lookahead).
    fn list_tuple_or_genexp(&mut self) -> Option<Expr> {
        let start = self.mark;
        if self.at(T::LSqb) {
            return self.alt(|p| {
                p.mark += 1;
                let elts =
                    if p.at(T::RSqb) { vec![] } else { p.alt(|p| p.star_named_expressions()).unwrap_or_default() };
                p.expect(T::RSqb)?;
                Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Load }, p.range_from(start)))
            });
        }
        let t = self.alt(|p| {
            p.expect(T::LPar)?;
            let mut elts = vec![];
            if !p.at(T::RPar) {
                elts.push(p.star_named_expression()?);
                p.expect(T::Comma)?;
                if let Some(more) = p.alt(|p| p.star_named_expressions()) {
                    elts.extend(more);
                }
            }
            p.expect(T::RPar)?;
            Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, p.range_from(start)))
        });
        if t.is_some() || self.error.is_some() {
            return t;
        }
        self.mark = start;
        self.genexp()
    }

    /// invalid_arguments
    pub(super) fn invalid_arguments(&mut self) {
        // ((','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs)
        //   | kwargs) ',' a='*'   (CPython 3.11.7's form of this alternative)
        if self.try_invalid(|p| {
            let m = p.mark;
            let with_positional = p.alt(|p| {
                p.gather(T::Comma, |p| p.alt(|p| p.positional_arg()))?;
                p.expect(T::Comma)?;
                p.kwargs()
            });
            if with_positional.is_none() {
                if p.error.is_some() {
                    return None;
                }
                p.mark = m;
                p.kwargs()?;
            }
            p.expect(T::Comma)?;
            let a = p.expect(T::Star)?;
            let r = p.token_range(a);
            p.raise_at(r, "iterable argument unpacking follows keyword argument unpacking");
            Some(())
        }) {
            return;
        }
        // a=expression b=for_if_clauses ',' [args | expression for_if_clauses]
        if self.try_invalid(|p| {
            let a = p.expression()?;
            let b = p.for_if_clauses()?;
            p.expect(T::Comma)?;
            let m = p.mark;
            if p.alt(|p| p.args()).is_none() {
                p.mark = m;
                p.alt(|p| {
                    p.expression()?;
                    p.for_if_clauses()
                });
            }
            if p.error.is_some() {
                return None;
            }
            let last = last_comprehension_item(b.last()?);
            p.raise_range(a.range, last, "Generator expression must be parenthesized");
            Some(())
        }) {
            return;
        }
        // a=NAME b='=' expression for_if_clauses
        if self.try_invalid(|p| {
            let a = p.expect(T::Name)?;
            let b = p.expect(T::Equal)?;
            p.expression()?;
            p.for_if_clauses()?;
            let (ra, rb) = (p.token_range(a), p.token_range(b));
            p.raise_range(ra, rb, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            Some(())
        }) {
            return;
        }
        // a=args b=for_if_clauses
        if self.try_invalid(|p| {
            let (args, _, _) = p.args()?;
            let b = p.for_if_clauses()?;
            if args.len() <= 1 {
                return None;
            }
            let last = last_comprehension_item(b.last()?);
            let first = args.last()?.range;
            p.raise_range(first, last, "Generator expression must be parenthesized");
            Some(())
        }) {
            return;
        }
        // args ',' a=expression b=for_if_clauses
        if self.try_invalid(|p| {
            p.args()?;
            p.expect(T::Comma)?;
            let a = p.expression()?;
            let b = p.for_if_clauses()?;
            let last = last_comprehension_item(b.last()?);
            p.raise_range(a.range, last, "Generator expression must be parenthesized");
            Some(())
        }) {
            return;
        }
        // a=args ',' args
        self.try_invalid(|p| {
            let (_, keywords, _) = p.args()?;
            p.expect(T::Comma)?;
            p.args()?;
            let msg = if keywords.iter().any(|k| k.arg.is_none()) {
                "positional argument follows keyword argument unpacking"
            } else {
                "positional argument follows keyword argument"
            };
            p.raise_syntax(msg);
            Some(())
        });
    }

    /// invalid_kwarg
    pub(super) fn invalid_kwarg(&mut self) {
        // a=('True'|'False'|'None') b='='
        if matches!(self.peek(), T::TrueKw | T::FalseKw | T::NoneKw) && self.peek_n(1) == T::Equal {
            let (a, b) = (self.token_range(self.mark), self.token_range(self.mark + 1));
            let msg = format!("cannot assign to {}", self.text(self.mark));
            self.raise_range(a, b, &msg);
            return;
        }
        // a=NAME b='=' expression for_if_clauses
        if self.try_invalid(|p| {
            let a = p.expect(T::Name)?;
            let b = p.expect(T::Equal)?;
            p.expression()?;
            p.for_if_clauses()?;
            let (ra, rb) = (p.token_range(a), p.token_range(b));
            p.raise_range(ra, rb, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            Some(())
        }) {
            return;
        }
        // !(NAME '=') a=expression b='='
        self.try_invalid(|p| {
            if p.at(T::Name) && p.peek_n(1) == T::Equal {
                return None;
            }
            let a = p.expression()?;
            let b = p.expect(T::Equal)?;
            let rb = p.token_range(b);
            p.raise_range(a.range, rb, "expression cannot contain assignment, perhaps you meant \"==\"?");
            Some(())
        });
    }

    /// invalid_assignment
    pub(super) fn invalid_assignment(&mut self) {
        // a=invalid_ann_assign_target ':' expression
        if self.try_invalid(|p| {
            let a = p.invalid_ann_assign_target()?;
            p.expect(T::Colon)?;
            p.expression()?;
            let msg = format!("only single target (not {}) can be annotated", expr_name(&a));
            p.raise_at(a.range, &msg);
            Some(())
        }) {
            return;
        }
        // a=star_named_expression ',' star_named_expressions* ':' expression
        if self.try_invalid(|p| {
            let a = p.star_named_expression()?;
            p.expect(T::Comma)?;
            while p.alt(|p| p.star_named_expressions()).is_some() {}
            p.expect(T::Colon)?;
            p.expression()?;
            p.raise_at(a.range, "only single target (not tuple) can be annotated");
            Some(())
        }) {
            return;
        }
        // a=expression ':' expression
        if self.try_invalid(|p| {
            let a = p.expression()?;
            p.expect(T::Colon)?;
            p.expression()?;
            p.raise_at(a.range, "illegal target for annotation");
            Some(())
        }) {
            return;
        }
        // (star_targets '=')* a=star_expressions '='
        if self.try_invalid(|p| {
            p.skip_star_targets_assignments();
            let a = p.star_expressions()?;
            p.expect(T::Equal)?;
            p.raise_invalid_target(TargetsType::Star, &a)
        }) {
            return;
        }
        // (star_targets '=')* a=yield_expr '='
        if self.try_invalid(|p| {
            p.skip_star_targets_assignments();
            let a = p.yield_expr()?;
            p.expect(T::Equal)?;
            p.raise_at(a.range, "assignment to yield expression not possible");
            Some(())
        }) {
            return;
        }
        // a=star_expressions augassign (yield_expr | star_expressions)
        self.try_invalid(|p| {
            let a = p.star_expressions()?;
            if !is_augassign(p.peek()) {
                return None;
            }
            p.mark += 1;
            if p.at(T::Yield) {
                p.yield_expr()?;
            } else {
                p.star_expressions()?;
            }
            let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(&a));
            p.raise_at(a.range, &msg);
            Some(())
        });
    }

    /// (star_targets '=')*
    fn skip_star_targets_assignments(&mut self) {
        loop {
            let m = self.mark;
            if self
                .alt(|p| {
                    p.star_targets()?;
                    p.expect(T::Equal)
                })
                .is_none()
            {
                self.mark = m;
                return;
            }
        }
    }

    /// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
    fn invalid_ann_assign_target(&mut self) -> Option<Expr> {
        let start = self.mark;
        match self.peek() {
            T::LSqb => self.alt(|p| {
                p.mark += 1;
                let elts =
                    if p.at(T::RSqb) { vec![] } else { p.alt(|p| p.star_named_expressions()).unwrap_or_default() };
                p.expect(T::RSqb)?;
                Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Load }, p.range_from(start)))
            }),
            T::LPar => {
                let t = self.alt(|p| p.list_tuple_or_genexp_tuple_only());
                if t.is_some() || self.error.is_some() {
                    return t;
                }
                self.alt(|p| {
                    p.mark += 1;
                    let a = p.invalid_ann_assign_target()?;
                    p.expect(T::RPar)?;
                    Some(a)
                })
            }
            _ => None,
        }
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    fn list_tuple_or_genexp_tuple_only(&mut self) -> Option<Expr> {
        let start = self.expect(T::LPar)?;
        let mut elts = vec![];
        if !self.at(T::RPar) {
            elts.push(self.star_named_expression()?);
            self.expect(T::Comma)?;
            if let Some(more) = self.alt(|p| p.star_named_expressions()) {
                elts.extend(more);
            }
        }
        self.expect(T::RPar)?;
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// invalid_del_stmt: 'del' star_expressions
    pub(super) fn invalid_del_stmt(&mut self) {
        self.try_invalid(|p| {
            p.expect(T::Del)?;
            let a = p.star_expressions()?;
            p.raise_invalid_target(TargetsType::Del, &a)
        });
    }

    /// invalid_comprehension
    pub(super) fn invalid_comprehension(&mut self) {
        let open = self.peek();
        if !matches!(open, T::LSqb | T::LPar | T::LBrace) {
            return;
        }
        // ('[' | '(' | '{') a=starred_expression for_if_clauses
        if self.try_invalid(|p| {
            p.mark += 1;
            let a = p.starred_expression()?;
            p.for_if_clauses()?;
            p.raise_at(a.range, "iterable unpacking cannot be used in comprehension");
            Some(())
        }) {
            return;
        }
        if open == T::LPar {
            return;
        }
        // ('[' | '{') a=star_named_expression ',' b=star_named_expressions for_if_clauses
        if self.try_invalid(|p| {
            p.mark += 1;
            let a = p.star_named_expression()?;
            p.expect(T::Comma)?;
            let b = p.star_named_expressions()?;
            p.for_if_clauses()?;
            let last = b.last()?.range;
            p.raise_range(a.range, last, "did you forget parentheses around the comprehension target?");
            Some(())
        }) {
            return;
        }
        // ('[' | '{') a=star_named_expression b=',' for_if_clauses
        self.try_invalid(|p| {
            p.mark += 1;
            let a = p.star_named_expression()?;
            let b = p.expect(T::Comma)?;
            p.for_if_clauses()?;
            let rb = p.token_range(b);
            p.raise_range(a.range, rb, "did you forget parentheses around the comprehension target?");
            Some(())
        });
    }

    /// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
    pub(super) fn invalid_dict_comprehension(&mut self) {
        self.try_invalid(|p| {
            p.expect(T::LBrace)?;
            let a = p.expect(T::DoubleStar)?;
            p.bitwise_or()?;
            p.for_if_clauses()?;
            p.expect(T::RBrace)?;
            let r = p.token_range(a);
            p.raise_at(r, "dict unpacking cannot be used in dict comprehension");
            Some(())
        });
    }

    /// invalid_double_starred_kvpairs (after the '{')
    pub(super) fn invalid_double_starred_kvpairs(&mut self) {
        // ','.double_starred_kvpair+ ',' invalid_kvpair
        if self.try_invalid(|p| {
            p.gather(T::Comma, |p| p.alt(|p| p.double_starred_kvpair()))?;
            p.expect(T::Comma)?;
            p.invalid_kvpair();
            None
        }) {
            return;
        }
        self.invalid_kvpair_tail();
    }

    /// invalid_kvpair
    fn invalid_kvpair(&mut self) {
        // a=expression !(':')
        if self.try_invalid(|p| {
            let a = p.expression()?;
            if p.at(T::Colon) {
                return None;
            }
            let r = a.range;
            p.raise_known(
                crate::error::ErrorType::SyntaxError,
                r.lineno as i64,
                r.end_col_offset as i64 - 1,
                r.end_lineno as i64,
                -1,
                "':' expected after dictionary key".into(),
            );
            Some(())
        }) {
            return;
        }
        self.invalid_kvpair_tail();
    }

    /// The two alternatives shared by invalid_double_starred_kvpairs and invalid_kvpair.
    fn invalid_kvpair_tail(&mut self) {
        // expression ':' a='*' bitwise_or
        if self.try_invalid(|p| {
            p.expression()?;
            p.expect(T::Colon)?;
            let a = p.expect(T::Star)?;
            p.bitwise_or()?;
            let r = p.token_range(a);
            p.raise_starting_from(r, "cannot use a starred expression in a dictionary value");
            Some(())
        }) {
            return;
        }
        // expression a=':' &('}'|',')
        self.try_invalid(|p| {
            p.expression()?;
            let a = p.expect(T::Colon)?;
            if !matches!(p.peek(), T::RBrace | T::Comma) {
                return None;
            }
            let r = p.token_range(a);
            p.raise_at(r, "expression expected after dictionary key and ':'");
            Some(())
        });
    }

    /// invalid_for_target: ASYNC? 'for' star_expressions
    pub(super) fn invalid_for_target(&mut self) {
        self.try_invalid(|p| {
            p.expect(T::Async);
            p.expect(T::For)?;
            let a = p.star_expressions()?;
            p.raise_invalid_target(TargetsType::For, &a)
        });
    }

    /// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
    pub(super) fn invalid_group(&mut self) {
        if self.try_invalid(|p| {
            p.expect(T::LPar)?;
            let a = p.starred_expression()?;
            p.expect(T::RPar)?;
            p.raise_at(a.range, "cannot use starred expression here");
            Some(())
        }) {
            return;
        }
        self.try_invalid(|p| {
            p.expect(T::LPar)?;
            let a = p.expect(T::DoubleStar)?;
            p.expression()?;
            p.expect(T::RPar)?;
            let r = p.token_range(a);
            p.raise_at(r, "cannot use double starred expression here");
            Some(())
        });
    }

    /// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
    pub(super) fn invalid_with_item(&mut self) {
        self.try_invalid(|p| {
            p.expression()?;
            p.expect(T::As)?;
            let a = p.expression()?;
            if !matches!(p.peek(), T::Comma | T::RPar | T::Colon) {
                return None;
            }
            p.raise_invalid_target(TargetsType::Star, &a)
        });
    }

    /// invalid_with_stmt (after 'with'): items then NEWLINE is "expected ':'".
    pub(super) fn invalid_with_stmt(&mut self) {
        let item = |p: &mut Self, tuple: bool| -> Option<()> {
            if tuple {
                p.expressions()?;
            } else {
                p.expression()?;
            }
            if p.at(T::As) {
                let m = p.mark;
                p.mark += 1;
                if p.alt(|p| p.star_target()).is_none() {
                    p.mark = m;
                }
            }
            Some(())
        };
        if self.try_invalid(|p| {
            p.gather(T::Comma, |p| p.alt(|p| item(p, false)))?;
            p.expect(T::Newline)?;
            p.raise_syntax("expected ':'");
            Some(())
        }) {
            return;
        }
        self.try_invalid(|p| {
            p.expect(T::LPar)?;
            p.gather(T::Comma, |p| p.alt(|p| item(p, true)))?;
            p.expect(T::Comma);
            p.expect(T::RPar)?;
            p.expect(T::Newline)?;
            p.raise_syntax("expected ':'");
            Some(())
        });
    }

    /// invalid_try_stmt's alternatives that follow `'try' ':' block`.
    pub(super) fn invalid_try_stmt_after_block(&mut self, try_idx: usize) {
        let _ = try_idx;
        if !matches!(self.peek(), T::Except | T::Finally) {
            self.raise_syntax("expected 'except' or 'finally' block");
            return;
        }
        // except_block+ a='except' b='*' ...  |  except_star_block+ a='except' [expression ...] ':'
        self.try_invalid(|p| {
            let first_star = p.peek_n(1) == T::Star;
            let mut n = 0;
            while p.at(T::Except) && (p.peek_n(1) == T::Star) == first_star {
                if p.alt(|p| p.except_block(first_star)).is_none() {
                    break;
                }
                n += 1;
            }
            if n == 0 || p.error.is_some() || !p.at(T::Except) {
                return None;
            }
            let a = p.mark;
            p.mark += 1;
            if !first_star {
                let b = p.expect(T::Star)?;
                p.expression()?;
                if p.at(T::As) && p.peek_n(1) == T::Name {
                    p.mark += 2;
                }
                p.expect(T::Colon)?;
                let (ra, rb) = (p.token_range(a), p.token_range(b));
                p.raise_range(ra, rb, "cannot have both 'except' and 'except*' on the same 'try'");
            } else {
                if !p.at(T::Colon) {
                    p.expression()?;
                    if p.at(T::As) && p.peek_n(1) == T::Name {
                        p.mark += 2;
                    }
                }
                p.expect(T::Colon)?;
                let ra = p.token_range(a);
                p.raise_at(ra, "cannot have both 'except' and 'except*' on the same 'try'");
            }
            Some(())
        });
    }

    /// invalid_except_stmt_indent / invalid_except_star_stmt_indent (after 'except').
    pub(super) fn invalid_except_stmt_indent(&mut self, except_idx: usize, star: bool) {
        let lineno = self.token(except_idx).lineno;
        self.try_invalid(|p| {
            if star {
                p.expect(T::Star)?;
            }
            if !p.at(T::Colon) || star {
                p.expression()?;
                if p.at(T::As) && p.peek_n(1) == T::Name {
                    p.mark += 2;
                }
            }
            p.expect(T::Colon)?;
            p.expect(T::Newline)?;
            if p.at(T::Indent) {
                return None;
            }
            let what = if star { "'except*' statement" } else { "'except' statement" };
            p.raise_indentation(&format!("expected an indented block after {what} on line {lineno}"));
            Some(())
        });
    }

    /// invalid_except_stmt (at 'except')
    pub(super) fn invalid_except_stmt(&mut self) {
        // 'except' '*'? a=expression ',' expressions ['as' NAME ] ':'
        if self.try_invalid(|p| {
            p.expect(T::Except)?;
            p.expect(T::Star);
            let a = p.expression()?;
            p.expect(T::Comma)?;
            p.expressions()?;
            if p.at(T::As) && p.peek_n(1) == T::Name {
                p.mark += 2;
            }
            p.expect(T::Colon)?;
            p.raise_starting_from(a.range, "multiple exception types must be parenthesized");
            Some(())
        }) {
            return;
        }
        // a='except' '*'? expression ['as' NAME ] NEWLINE
        if self.try_invalid(|p| {
            p.expect(T::Except)?;
            p.expect(T::Star);
            p.expression()?;
            if p.at(T::As) && p.peek_n(1) == T::Name {
                p.mark += 2;
            }
            p.expect(T::Newline)?;
            p.raise_syntax("expected ':'");
            Some(())
        }) {
            return;
        }
        // a='except' NEWLINE
        if self.try_invalid(|p| {
            p.expect(T::Except)?;
            p.expect(T::Newline)?;
            p.raise_syntax("expected ':'");
            Some(())
        }) {
            return;
        }
        // a='except' '*' (NEWLINE | ':')
        self.try_invalid(|p| {
            p.expect(T::Except)?;
            p.expect(T::Star)?;
            if !matches!(p.peek(), T::Newline | T::Colon) {
                return None;
            }
            p.mark += 1;
            p.raise_syntax("expected one or more exception types");
            Some(())
        });
    }

    // ---- parameters -----------------------------------------------------------------

    /// invalid_parameters / invalid_lambda_parameters
    pub(super) fn invalid_parameters(&mut self, style: ParamStyle) {
        // param_no_default* invalid_parameters_helper a=param_no_default
        if self.try_invalid(|p| {
            while p.param_no_default(style).is_some() {}
            // invalid_parameters_helper: slash_with_default | param_with_default+
            if p.slash_with_default(style).is_none() {
                p.param_with_default(style)?;
                while p.param_with_default(style).is_some() {}
            }
            let a = p.param_no_default(style)?;
            p.raise_at(a.range, "non-default argument follows default argument");
            Some(())
        }) {
            return;
        }
        // param_no_default* a='(' param_no_default+ ','? b=')'
        if self.try_invalid(|p| {
            while p.param_no_default(style).is_some() {}
            let a = p.expect(T::LPar)?;
            if style == ParamStyle::Def {
                p.param_no_default(style)?;
                while p.param_no_default(style).is_some() {}
            } else {
                p.gather(T::Comma, |p| p.param(style))?;
            }
            p.expect(T::Comma);
            let b = p.expect(T::RPar)?;
            let msg = if style == ParamStyle::Def {
                "Function parameters cannot be parenthesized"
            } else {
                "Lambda expression parameters cannot be parenthesized"
            };
            let (ra, rb) = (p.token_range(a), p.token_range(b));
            p.raise_range(ra, rb, msg);
            Some(())
        }) {
            return;
        }
        // a="/" ','
        if self.at(T::Slash) && self.peek_n(1) == T::Comma {
            let r = self.token_range(self.mark);
            self.raise_at(r, "at least one argument must precede /");
            return;
        }
        // (slash_no_default | slash_with_default) param_maybe_default* a='/'
        if self.try_invalid(|p| {
            if p.slash_no_default(style).is_none() {
                p.slash_with_default(style)?;
            }
            while p.param_maybe_default(style).is_some() {}
            let a = p.expect(T::Slash)?;
            let r = p.token_range(a);
            p.raise_at(r, "/ may appear only once");
            Some(())
        }) {
            return;
        }
        // (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
        //     param_maybe_default* a='/'
        if self.try_invalid(|p| {
            if p.slash_no_default(style).is_none() {
                p.slash_with_default(style);
            }
            while p.param_maybe_default(style).is_some() {}
            p.expect(T::Star)?;
            if p.expect(T::Comma).is_none() {
                p.param_no_default(style)?;
            }
            while p.param_maybe_default(style).is_some() {}
            let a = p.expect(T::Slash)?;
            let r = p.token_range(a);
            p.raise_at(r, "/ must be ahead of *");
            Some(())
        }) {
            return;
        }
        // param_maybe_default+ '/' a='*'
        self.try_invalid(|p| {
            p.param_maybe_default(style)?;
            while p.param_maybe_default(style).is_some() {}
            p.expect(T::Slash)?;
            let a = p.expect(T::Star)?;
            let r = p.token_range(a);
            p.raise_at(r, "expected comma between / and *");
            Some(())
        });
    }

    /// invalid_default: '=' &(')'|',')
    pub(super) fn invalid_default(&mut self) {
        if self.at(T::Equal) && matches!(self.peek_n(1), T::RPar | T::Comma) {
            let r = self.token_range(self.mark);
            self.raise_at(r, "expected default value expression");
        }
    }

    /// invalid_star_etc / invalid_lambda_star_etc (at '*')
    pub(super) fn invalid_star_etc(&mut self, style: ParamStyle) {
        let close = if style == ParamStyle::Def { T::RPar } else { T::Colon };
        // '*' (')' | ',' (')' | '**'))
        let star = self.mark;
        let bare = match self.peek_n(1) {
            k if k == close => true,
            T::Comma => matches!(self.peek_n(2), k if k == close || k == T::DoubleStar),
            _ => false,
        };
        if bare {
            if style == ParamStyle::Def {
                let r = self.token_range(star);
                self.raise_at(r, "named arguments must follow bare *");
            } else {
                self.mark += if self.peek_n(1) == T::Comma { 3 } else { 2 };
                self.raise_syntax("named arguments must follow bare *");
            }
            return;
        }
        // '*' ',' TYPE_COMMENT
        if style == ParamStyle::Def && self.peek_n(1) == T::Comma && self.peek_n(2) == T::TypeComment {
            self.mark += 3;
            self.raise_syntax("bare * has associated type comment");
            return;
        }
        // '*' param a='='
        if self.try_invalid(|p| {
            p.expect(T::Star)?;
            p.param(style)?;
            let a = p.expect(T::Equal)?;
            let r = p.token_range(a);
            p.raise_at(r, "var-positional argument cannot have default value");
            Some(())
        }) {
            return;
        }
        // '*' (param_no_default | ',') param_maybe_default* a='*' (param_no_default | ',')
        self.try_invalid(|p| {
            p.expect(T::Star)?;
            if p.expect(T::Comma).is_none() {
                p.param_no_default(style)?;
            }
            while p.param_maybe_default(style).is_some() {}
            let a = p.expect(T::Star)?;
            if p.expect(T::Comma).is_none() {
                p.param_no_default(style)?;
            }
            let r = p.token_range(a);
            p.raise_at(r, "* argument may appear only once");
            Some(())
        });
    }

    /// invalid_kwds / invalid_lambda_kwds (at '**')
    pub(super) fn invalid_kwds(&mut self, style: ParamStyle) {
        self.try_invalid(|p| {
            p.expect(T::DoubleStar)?;
            p.param(style)?;
            match p.peek() {
                T::Equal => {
                    let r = p.token_range(p.mark);
                    p.raise_at(r, "var-keyword argument cannot have default value");
                }
                T::Comma => {
                    p.mark += 1;
                    let m = p.mark;
                    if let Some(a) = p.param(style) {
                        p.raise_at(a.range, "arguments cannot follow var-keyword argument");
                    } else if p.error.is_none() {
                        p.mark = m;
                        if matches!(p.peek(), T::Star | T::DoubleStar | T::Slash) {
                            let r = p.token_range(p.mark);
                            p.raise_at(r, "arguments cannot follow var-keyword argument");
                        }
                    }
                }
                _ => {}
            }
            Some(())
        });
    }
}

/// CPython's `_PyPegen_get_last_comprehension_item`.
fn last_comprehension_item(c: &Comprehension) -> Range {
    match c.ifs.last() {
        Some(e) => e.range,
        None => c.iter.range,
    }
}

fn is_augassign(k: T) -> bool {
    matches!(
        k,
        T::PlusEqual
            | T::MinEqual
            | T::StarEqual
            | T::AtEqual
            | T::SlashEqual
            | T::PercentEqual
            | T::AmperEqual
            | T::VBarEqual
            | T::CircumflexEqual
            | T::LeftShiftEqual
            | T::RightShiftEqual
            | T::DoubleStarEqual
            | T::DoubleSlashEqual
    )
}
