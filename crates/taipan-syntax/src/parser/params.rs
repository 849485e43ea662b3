//! Function and lambda parameters (Grammar/python.gram, "Function parameters"
//! and "Lambda functions"). Parameters are read left to right in one pass; the
//! grammar's alternatives only differ in which lists the names land in.

use super::Parser;
use crate::ast::*;
use crate::token::TokenKind as T;

/// Function parameters end at ')' and may carry annotations; lambda
/// parameters end at ':' and may not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ParamStyle {
    Def,
    Lambda,
}

impl ParamStyle {
    fn closing(self) -> T {
        match self {
            ParamStyle::Def => T::RPar,
            ParamStyle::Lambda => T::Colon,
        }
    }
}

impl<'a> Parser<'a> {
    /// params: invalid_parameters | parameters
    pub(super) fn params(&mut self) -> Option<Arguments> {
        if self.invalid_pass {
            let m = self.mark;
            self.invalid_parameters(ParamStyle::Def);
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
        }
        self.parameters(ParamStyle::Def)
    }

    /// lambda_params: invalid_lambda_parameters | lambda_parameters
    pub(super) fn lambda_params(&mut self) -> Option<Arguments> {
        if self.invalid_pass {
            let m = self.mark;
            self.invalid_parameters(ParamStyle::Lambda);
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
        }
        self.parameters(ParamStyle::Lambda)
    }

    /// Was that parameter the last one: a ',' is consumed, or the closing
    /// token follows (`param ',' TYPE_COMMENT?` | `param TYPE_COMMENT? &')'`).
    /// The parameter's type comment, if any (a lambda's take none).
    fn param_end(&mut self, style: ParamStyle) -> Option<Option<String>> {
        if self.expect(T::Comma).is_some() {
            return Some(if style == ParamStyle::Def { self.opt_type_comment() } else { None });
        }
        let m = self.mark;
        let type_comment = if style == ParamStyle::Def { self.opt_type_comment() } else { None };
        if self.at(style.closing()) {
            return Some(type_comment);
        }
        self.mark = m;
        None
    }

    /// After '/': a ',' is consumed, or the closing token follows.
    fn slash_end_mark(&mut self, style: ParamStyle) -> Option<()> {
        if self.expect(T::Comma).is_some() || self.at(style.closing()) {
            Some(())
        } else {
            None
        }
    }

    /// param: NAME annotation? (a lambda parameter has no annotation)
    pub(super) fn param(&mut self, style: ParamStyle) -> Option<Arg> {
        if !self.at(T::Name) {
            return None;
        }
        let start = self.mark;
        let arg = self.identifier(start);
        self.mark += 1;
        let mut annotation = None;
        if style == ParamStyle::Def && self.at(T::Colon) {
            self.mark += 1;
            annotation = Some(Box::new(self.expression()?));
        }
        Some(Arg { arg, annotation, type_comment: None, range: self.range_from(start) })
    }

    /// param_star_annotation: NAME ':' star_expression (only for `*args`).
    fn param_star_annotation(&mut self) -> Option<Arg> {
        if !(self.at(T::Name) && self.peek_n(1) == T::Colon && self.peek_n(2) == T::Star) {
            return None;
        }
        let start = self.mark;
        let arg = self.identifier(start);
        self.mark += 2;
        let annotation = self.star_expression()?;
        Some(Arg { arg, annotation: Some(Box::new(annotation)), type_comment: None, range: self.range_from(start) })
    }

    /// default: '=' expression | invalid_default. `Some(None)`: no default.
    fn default(&mut self) -> Option<Option<Expr>> {
        if !self.at(T::Equal) {
            return Some(None);
        }
        let m = self.mark;
        self.mark += 1;
        if let Some(e) = self.expression() {
            return Some(Some(e));
        }
        if self.error.is_some() {
            return None;
        }
        if self.invalid_pass {
            self.mark = m;
            self.invalid_default();
        }
        None
    }

    /// parameters / lambda_parameters
    pub(super) fn parameters(&mut self, style: ParamStyle) -> Option<Arguments> {
        let mut args = Arguments::empty();
        let mut seen_default = false;
        let mut seen_slash = false;
        // Plain and defaulted positional parameters, then an optional '/'.
        loop {
            match self.peek() {
                T::Name => {
                    let mut p = self.param(style)?;
                    let d = self.default()?;
                    match d {
                        Some(d) => {
                            args.defaults.push(d);
                            seen_default = true;
                        }
                        None if seen_default => return None,
                        None => {}
                    }
                    p.type_comment = self.param_end(style)?;
                    args.args.push(p);
                }
                T::Slash => {
                    if seen_slash || args.args.is_empty() {
                        return None;
                    }
                    self.mark += 1;
                    self.slash_end_mark(style)?;
                    seen_slash = true;
                    args.posonlyargs = std::mem::take(&mut args.args);
                }
                _ => break,
            }
        }
        match self.peek() {
            T::Star | T::DoubleStar => self.star_etc(style, &mut args)?,
            _ => {}
        }
        if seen_slash && !self.check_version(8, "Positional-only parameters are") {
            return None;
        }
        Some(args)
    }

    /// star_etc: invalid_star_etc
    ///     | '*' param_no_default param_maybe_default* [kwds]
    ///     | '*' param_no_default_star_annotation param_maybe_default* [kwds]
    ///     | '*' ',' param_maybe_default+ [kwds]
    ///     | kwds
    fn star_etc(&mut self, style: ParamStyle, args: &mut Arguments) -> Option<()> {
        if self.at(T::Star) {
            if self.invalid_pass {
                let m = self.mark;
                self.invalid_star_etc(style);
                self.mark = m;
                if self.error.is_some() {
                    return None;
                }
            }
            self.mark += 1;
            if self.expect(T::Comma).is_some() {
                // A bare '*' needs at least one keyword-only parameter.
                if !self.at(T::Name) {
                    return None;
                }
            } else {
                let mut vararg = if style == ParamStyle::Def {
                    match self.alt(|p| p.param_star_annotation()) {
                        Some(a) => a,
                        None => {
                            if self.error.is_some() {
                                return None;
                            }
                            self.param(style)?
                        }
                    }
                } else {
                    self.param(style)?
                };
                vararg.type_comment = self.param_end(style)?;
                args.vararg = Some(Box::new(vararg));
            }
            while self.at(T::Name) {
                let mut p = self.param(style)?;
                let d = self.default()?;
                p.type_comment = self.param_end(style)?;
                args.kwonlyargs.push(p);
                args.kw_defaults.push(d);
            }
        }
        if self.at(T::DoubleStar) {
            if self.invalid_pass {
                let m = self.mark;
                self.invalid_kwds(style);
                self.mark = m;
                if self.error.is_some() {
                    return None;
                }
            }
            self.mark += 1;
            let mut kwarg = self.param(style)?;
            kwarg.type_comment = self.param_end(style)?;
            args.kwarg = Some(Box::new(kwarg));
        }
        Some(())
    }

    // ---- the grammar's parameter rules, for the second pass's error rules ----

    /// param_no_default (and lambda_param_no_default)
    pub(super) fn param_no_default(&mut self, style: ParamStyle) -> Option<Arg> {
        self.alt(|p| {
            let a = p.param(style)?;
            p.param_end(style)?;
            Some(a)
        })
    }

    /// param_with_default: param default (',' | &')')
    pub(super) fn param_with_default(&mut self, style: ParamStyle) -> Option<(Arg, Expr)> {
        self.alt(|p| {
            let a = p.param(style)?;
            if !p.at(T::Equal) {
                return None;
            }
            let d = p.default()??;
            p.param_end(style)?;
            Some((a, d))
        })
    }

    /// param_maybe_default: param default? (',' | &')')
    pub(super) fn param_maybe_default(&mut self, style: ParamStyle) -> Option<(Arg, Option<Expr>)> {
        self.alt(|p| {
            let a = p.param(style)?;
            let d = p.default()?;
            p.param_end(style)?;
            Some((a, d))
        })
    }

    /// `/` followed by ',' or the closing token.
    fn slash_end(&mut self, style: ParamStyle) -> Option<()> {
        self.expect(T::Slash)?;
        self.slash_end_mark(style)
    }

    /// slash_no_default: param_no_default+ '/' (',' | &')')
    pub(super) fn slash_no_default(&mut self, style: ParamStyle) -> Option<()> {
        self.alt(|p| {
            p.param_no_default(style)?;
            while p.param_no_default(style).is_some() {}
            p.slash_end(style)
        })
    }

    /// slash_with_default: param_no_default* param_with_default+ '/' (',' | &')')
    pub(super) fn slash_with_default(&mut self, style: ParamStyle) -> Option<()> {
        self.alt(|p| {
            while p.param_no_default(style).is_some() {}
            p.param_with_default(style)?;
            while p.param_with_default(style).is_some() {}
            p.slash_end(style)
        })
    }
}
