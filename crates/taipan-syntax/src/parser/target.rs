//! Assignment and deletion targets (Grammar/python.gram, ASSIGNMENT TARGETS),
//! and the helpers that name an invalid target in an error message.

use super::Parser;
use crate::ast::*;
use crate::token::TokenKind as T;

/// Which kind of target an error message is about.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetsType {
    Star,
    Del,
    For,
}

impl<'a> Parser<'a> {
    /// star_targets: star_target !',' | star_target (',' star_target)* [','] -> Tuple
    pub(super) fn star_targets(&mut self) -> Option<Expr> {
        let start = self.mark;
        let first = self.star_target()?;
        if !self.at(T::Comma) {
            return Some(first);
        }
        let mut elts = vec![first];
        loop {
            let m = self.mark;
            if self.expect(T::Comma).is_none() {
                break;
            }
            match self.alt(|p| p.star_target()) {
                Some(t) => elts.push(t),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m + 1;
                    break;
                }
            }
        }
        Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Store }, self.range_from(start)))
    }

    /// star_target: '*' (!'*' star_target) -> Starred | target_with_star_atom
    pub(super) fn star_target(&mut self) -> Option<Expr> {
        if self.at(T::Star) {
            let start = self.mark;
            self.mark += 1;
            if self.at(T::Star) {
                return None;
            }
            if !self.enter() {
                return None;
            }
            let inner = super::grow(self.level, || self.star_target());
            self.leave();
            let value = set_context(inner?, ExprContext::Store);
            return Some(Expr::new(
                ExprKind::Starred { value: Box::new(value), ctx: ExprContext::Store },
                self.range_from(start),
            ));
        }
        self.target_with_star_atom()
    }

    /// target_with_star_atom: t_primary '.' NAME !t_lookahead
    ///     | t_primary '[' slices ']' !t_lookahead | star_atom
    fn target_with_star_atom(&mut self) -> Option<Expr> {
        if let Some(t) = self.alt(|p| p.subscript_attribute_target(ExprContext::Store)) {
            return Some(t);
        }
        if self.error.is_some() {
            return None;
        }
        self.star_atom()
    }

    /// The two `t_primary ... !t_lookahead` alternatives: an attribute or a
    /// subscript reached through a chain of primaries.
    pub(super) fn subscript_attribute_target(&mut self, ctx: ExprContext) -> Option<Expr> {
        let start = self.mark;
        let mut e = self.atom()?;
        if !is_t_lookahead(self.peek()) {
            return None;
        }
        loop {
            let kind = self.peek();
            let next = match kind {
                T::Dot => self.attribute_trailer(e, start, ExprContext::Load),
                T::LSqb => self.subscript_trailer(e, start, ExprContext::Load),
                T::LPar => self.call_trailer(e, start),
                _ => return None,
            };
            let Ok(node) = next else { return None };
            if is_t_lookahead(self.peek()) {
                e = node;
                continue;
            }
            let mut node = node;
            let range = node.range;
            return match node.take_kind() {
                ExprKind::Attribute { value, attr, .. } => {
                    Some(Expr::new(ExprKind::Attribute { value, attr, ctx }, range))
                }
                ExprKind::Subscript { value, slice, .. } => {
                    Some(Expr::new(ExprKind::Subscript { value, slice, ctx }, range))
                }
                _ => None,
            };
        }
    }

    /// star_atom: NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')'
    ///          | '[' [star_targets_list_seq] ']'
    fn star_atom(&mut self) -> Option<Expr> {
        let start = self.mark;
        match self.peek() {
            T::Name => self.name_expr(ExprContext::Store),
            T::LPar => {
                // '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')',
                // decided after the first target so nested parentheses are read once.
                if !self.enter() {
                    return None;
                }
                let r = super::grow(self.level, || {
                    self.mark += 1;
                    if self.expect(T::RPar).is_some() {
                        return Some(Expr::new(
                            ExprKind::Tuple { elts: vec![], ctx: ExprContext::Store },
                            self.range_from(start),
                        ));
                    }
                    let first = self.star_target()?;
                    if self.at(T::RPar) {
                        if matches!(first.kind, ExprKind::Starred { .. }) {
                            return None;
                        }
                        self.mark += 1;
                        return Some(set_context(first, ExprContext::Store));
                    }
                    self.expect(T::Comma)?;
                    let mut elts = vec![first];
                    while !self.at(T::RPar) {
                        elts.push(self.star_target()?);
                        if self.expect(T::Comma).is_none() {
                            break;
                        }
                    }
                    self.expect(T::RPar)?;
                    Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Store }, self.range_from(start)))
                });
                self.leave();
                r
            }
            T::LSqb => {
                if !self.enter() {
                    return None;
                }
                let r = super::grow(self.level, || {
                    self.mark += 1;
                    let elts = if self.at(T::RSqb) {
                        vec![]
                    } else {
                        let e = self.gather(T::Comma, |p| p.alt(|p| p.star_target()))?;
                        self.expect(T::Comma);
                        e
                    };
                    self.expect(T::RSqb)?;
                    Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Store }, self.range_from(start)))
                });
                self.leave();
                r
            }
            _ => None,
        }
    }

    /// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
    pub(super) fn single_target(&mut self) -> Option<Expr> {
        if let Some(t) = self.alt(|p| p.subscript_attribute_target(ExprContext::Store)) {
            return Some(t);
        }
        if self.error.is_some() {
            return None;
        }
        match self.peek() {
            T::Name => self.name_expr(ExprContext::Store),
            T::LPar => self.alt(|p| {
                p.mark += 1;
                let t = p.single_target()?;
                p.expect(T::RPar)?;
                Some(t)
            }),
            _ => None,
        }
    }

    /// del_targets: ','.del_target+ [',']
    pub(super) fn del_targets(&mut self) -> Option<Vec<Expr>> {
        let targets = self.gather(T::Comma, |p| p.alt(|p| p.del_target()))?;
        self.expect(T::Comma);
        Some(targets)
    }

    /// del_target: t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead | del_t_atom
    fn del_target(&mut self) -> Option<Expr> {
        if let Some(t) = self.alt(|p| p.subscript_attribute_target(ExprContext::Del)) {
            return Some(t);
        }
        if self.error.is_some() {
            return None;
        }
        let start = self.mark;
        match self.peek() {
            T::Name => self.name_expr(ExprContext::Del),
            T::LPar => {
                // '(' del_target ')' | '(' [del_targets] ')', decided after the first target.
                if !self.enter() {
                    return None;
                }
                let r = super::grow(self.level, || {
                    self.mark += 1;
                    if self.expect(T::RPar).is_some() {
                        return Some(Expr::new(
                            ExprKind::Tuple { elts: vec![], ctx: ExprContext::Del },
                            self.range_from(start),
                        ));
                    }
                    let first = self.del_target()?;
                    if self.expect(T::RPar).is_some() {
                        return Some(set_context(first, ExprContext::Del));
                    }
                    self.expect(T::Comma)?;
                    let mut elts = vec![first];
                    while !self.at(T::RPar) {
                        elts.push(self.del_target()?);
                        if self.expect(T::Comma).is_none() {
                            break;
                        }
                    }
                    self.expect(T::RPar)?;
                    Some(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Del }, self.range_from(start)))
                });
                self.leave();
                r
            }
            T::LSqb => {
                self.mark += 1;
                let elts = if self.at(T::RSqb) { vec![] } else { self.alt(|p| p.del_targets()).unwrap_or_default() };
                self.expect(T::RSqb)?;
                Some(Expr::new(ExprKind::List { elts, ctx: ExprContext::Del }, self.range_from(start)))
            }
            _ => None,
        }
    }
}

fn is_t_lookahead(kind: T) -> bool {
    matches!(kind, T::LPar | T::LSqb | T::Dot)
}

/// CPython's `_PyPegen_set_expr_context`: the same expression as a target.
pub(crate) fn set_context(mut e: Expr, ctx: ExprContext) -> Expr {
    let range = e.range;
    let kind = match e.take_kind() {
        ExprKind::Name { id, .. } => ExprKind::Name { id, ctx },
        ExprKind::Tuple { elts, .. } => {
            ExprKind::Tuple { elts: elts.into_iter().map(|x| set_context(x, ctx)).collect(), ctx }
        }
        ExprKind::List { elts, .. } => {
            ExprKind::List { elts: elts.into_iter().map(|x| set_context(x, ctx)).collect(), ctx }
        }
        ExprKind::Subscript { value, slice, .. } => ExprKind::Subscript { value, slice, ctx },
        ExprKind::Attribute { value, attr, .. } => ExprKind::Attribute { value, attr, ctx },
        ExprKind::Starred { value, .. } => ExprKind::Starred { value: Box::new(set_context(*value, ctx)), ctx },
        other => other,
    };
    Expr::new(kind, range)
}

/// Can `e` (parsed as an expression) stand where `star_targets` is expected?
pub(crate) fn is_valid_star_target(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => true,
        ExprKind::Starred { value, .. } => {
            !matches!(value.kind, ExprKind::Starred { .. }) && is_valid_star_target(value)
        }
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().all(is_valid_star_target),
        _ => false,
    }
}

/// Can `e` stand where `single_target` is expected?
pub(crate) fn is_valid_single_target(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. })
}

/// CPython's `_PyPegen_get_invalid_target`: the first part of `e` that cannot
/// be assigned to (or deleted), if any.
pub(super) fn get_invalid_target(e: &Expr, ty: TargetsType) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| get_invalid_target(x, ty))
        }
        ExprKind::Starred { value, .. } => {
            if ty == TargetsType::Del {
                Some(e)
            } else {
                get_invalid_target(value, ty)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if ty == TargetsType::For {
                if ops[0] == CmpOp::In {
                    return get_invalid_target(left, ty);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// CPython's `_PyPegen_get_expr_name`: what an error message calls `e`.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}
