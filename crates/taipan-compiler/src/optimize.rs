//! CPython's `Python/ast_opt.c`: constant folding on the AST, before the
//! symbol table is built.
//!
//! The parser's tree is copied into the compiler's tree (`tree.rs`) and
//! folded on the way, bottom-up as `astfold_*` does: binary and unary
//! operations on constants (within `safe_multiply`'s size limits), constant
//! tuples, subscripts of constants, `__debug__`, `not (a is b)` into
//! `a is not b`, literal lists and sets after `in` and in `for` iterables
//! into tuples and frozensets, and `'%s' % (x,)` into an f-string.

use taipan_syntax::ast::{self as syn, CmpOp, ExprContext, Operator, Range, UnaryOperator};
use taipan_syntax::literal::StrLit;
use taipan_syntax::{ErrorType, SyntaxError};

use crate::code::Constant;
use crate::constant;
use crate::error::CompileError;
use crate::tree::*;

/// The recursion limit of the AST passes: CPython's default recursion limit
/// times `COMPILER_STACK_FRAME_SCALE`.
pub const RECURSION_LIMIT: u32 = 3000;

/// Run `f` with enough stack for one more level of a deep tree.
#[inline(always)]
pub fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, f)
}

pub fn recursion_error() -> CompileError {
    Box::new(SyntaxError::bare(ErrorType::RecursionError, "maximum recursion depth exceeded during compilation"))
}

type Result<T> = std::result::Result<T, CompileError>;

pub struct Optimizer {
    /// `-O` level: `__debug__` folds to `optimize == 0`.
    optimize: u8,
    /// `from __future__ import annotations`: annotations are left alone.
    future_annotations: bool,
    depth: u32,
    /// Off inside annotations under `from __future__ import annotations`.
    folding: bool,
    /// The last identity given to a folded NaN.
    nan_tag: u64,
}

/// Copy and fold a module (`_PyAST_Optimize`).
pub fn optimize_module(m: &syn::Mod, optimize: u8, future_annotations: bool) -> Result<Module> {
    let mut o = Optimizer { optimize, future_annotations, depth: 0, folding: true, nan_tag: 0 };
    Ok(match m {
        syn::Mod::Module { body, .. } => Module::Module(o.body(body)?),
        syn::Mod::Interactive { body } => Module::Interactive(o.stmts(body)?),
        syn::Mod::Expression { body } => Module::Expression(Box::new(o.expr(body)?)),
        syn::Mod::FunctionType { .. } => {
            return Err(crate::error::internal("this compiler does not handle FunctionTypes"))
        }
    })
}

fn new_expr(kind: ExprKind, range: Range) -> Expr {
    Expr { kind, range }
}

fn constant_expr(value: Constant, range: Range) -> Expr {
    new_expr(ExprKind::Constant { value, u_prefix: false }, range)
}

/// The parser's constant as a code-object constant.
pub fn convert_constant(c: &syn::Constant) -> Constant {
    match c {
        syn::Constant::None => Constant::None,
        syn::Constant::Bool(b) => Constant::Bool(*b),
        syn::Constant::Ellipsis => Constant::Ellipsis,
        syn::Constant::Int(i) => Constant::Int(i.clone()),
        syn::Constant::Float(f) => Constant::Float(*f),
        syn::Constant::Complex { real, imag } => Constant::Complex { real: *real, imag: *imag },
        syn::Constant::Str(s) => Constant::Str(s.clone()),
        syn::Constant::Bytes(b) => Constant::Bytes(b.clone()),
        syn::Constant::Tuple(items) => Constant::Tuple(items.iter().map(convert_constant).collect()),
        syn::Constant::FrozenSet(items) => constant::make_frozenset(items.iter().map(convert_constant).collect()),
    }
}

fn no_pos() -> Range {
    Range::new(NO_POS, NO_POS, NO_POS, NO_POS)
}

impl Optimizer {
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > RECURSION_LIMIT {
            return Err(recursion_error());
        }
        Ok(())
    }

    /// `astfold_body`: a body whose first statement folds into a string
    /// must not gain a docstring, so the string is wrapped in an f-string.
    fn body(&mut self, stmts: &[syn::Stmt]) -> Result<Vec<Stmt>> {
        let had_docstring = matches!(
            stmts.first().map(|s| &s.kind),
            Some(syn::StmtKind::Expr { value }) if matches!(value.kind, syn::ExprKind::Constant { value: syn::Constant::Str(_), .. })
        );
        let mut out = self.stmts(stmts)?;
        if !had_docstring && docstring(&out).is_some() {
            let first = &mut out[0];
            let range = first.range;
            if let StmtKind::Expr { value } = &mut first.kind {
                let inner = std::mem::replace(&mut **value, constant_expr(Constant::None, range));
                **value = new_expr(ExprKind::JoinedStr { values: vec![inner] }, range);
            }
        }
        Ok(out)
    }

    fn stmts(&mut self, stmts: &[syn::Stmt]) -> Result<Vec<Stmt>> {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }

    fn exprs(&mut self, exprs: &[syn::Expr]) -> Result<Vec<Expr>> {
        exprs.iter().map(|e| self.expr(e)).collect()
    }

    fn opt_expr(&mut self, e: &Option<Box<syn::Expr>>) -> Result<Option<Box<Expr>>> {
        Ok(match e {
            Some(e) => Some(Box::new(self.expr(e)?)),
            None => None,
        })
    }

    fn boxed(&mut self, e: &syn::Expr) -> Result<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    /// An annotation: folded unless `from __future__ import annotations`.
    fn annotation(&mut self, e: &syn::Expr) -> Result<Expr> {
        if self.future_annotations {
            let saved = self.optimize_off();
            let r = self.expr(e);
            self.restore(saved);
            r
        } else {
            self.expr(e)
        }
    }

    fn optimize_off(&mut self) -> (u8, bool) {
        let saved = (self.optimize, self.folding);
        self.folding = false;
        saved
    }

    fn restore(&mut self, saved: (u8, bool)) {
        self.optimize = saved.0;
        self.folding = saved.1;
    }

    fn stmt(&mut self, s: &syn::Stmt) -> Result<Stmt> {
        grow(|| {
            self.enter()?;
            let kind = self.stmt_kind(&s.kind)?;
            self.depth -= 1;
            Ok(Stmt { kind, range: s.range })
        })
    }

    fn stmt_kind(&mut self, k: &syn::StmtKind) -> Result<StmtKind> {
        use syn::StmtKind as S;
        Ok(match k {
            S::FunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(name, args, body, decorator_list, returns, false)?
            }
            S::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(name, args, body, decorator_list, returns, true)?
            }
            S::ClassDef { name, bases, keywords, body, decorator_list } => {
                let bases = self.exprs(bases)?;
                let keywords = self.keywords(keywords)?;
                let body = self.body(body)?;
                let decorator_list = self.exprs(decorator_list)?;
                StmtKind::ClassDef(Box::new(ClassDef { name: name.clone(), bases, keywords, body, decorator_list }))
            }
            S::Return { value } => StmtKind::Return { value: self.opt_expr(value)? },
            S::Delete { targets } => StmtKind::Delete { targets: self.exprs(targets)? },
            S::Assign { targets, value, .. } => {
                let targets = self.exprs(targets)?;
                StmtKind::Assign { targets, value: self.boxed(value)? }
            }
            S::AugAssign { target, op, value } => {
                let target = self.boxed(target)?;
                StmtKind::AugAssign { target, op: *op, value: self.boxed(value)? }
            }
            S::AnnAssign { target, annotation, value, simple } => {
                let target = self.boxed(target)?;
                let annotation = Box::new(self.annotation(annotation)?);
                let value = self.opt_expr(value)?;
                StmtKind::AnnAssign { target, annotation, value, simple: *simple != 0 }
            }
            S::For { target, iter, body, orelse, .. } => self.for_stmt(target, iter, body, orelse, false)?,
            S::AsyncFor { target, iter, body, orelse, .. } => self.for_stmt(target, iter, body, orelse, true)?,
            S::While { test, body, orelse } => {
                let test = self.boxed(test)?;
                StmtKind::While { test, body: self.stmts(body)?, orelse: self.stmts(orelse)? }
            }
            S::If { test, body, orelse } => {
                let test = self.boxed(test)?;
                StmtKind::If { test, body: self.stmts(body)?, orelse: self.stmts(orelse)? }
            }
            S::With { items, body, .. } => {
                let items = self.with_items(items)?;
                StmtKind::With { items, body: self.stmts(body)?, is_async: false }
            }
            S::AsyncWith { items, body, .. } => {
                let items = self.with_items(items)?;
                StmtKind::With { items, body: self.stmts(body)?, is_async: true }
            }
            S::Match { subject, cases } => {
                let subject = self.boxed(subject)?;
                let cases = cases.iter().map(|c| self.match_case(c)).collect::<Result<_>>()?;
                StmtKind::Match { subject, cases }
            }
            S::Raise { exc, cause } => {
                let exc = self.opt_expr(exc)?;
                StmtKind::Raise { exc, cause: self.opt_expr(cause)? }
            }
            S::Try { body, handlers, orelse, finalbody } => self.try_stmt(body, handlers, orelse, finalbody, false)?,
            S::TryStar { body, handlers, orelse, finalbody } => {
                self.try_stmt(body, handlers, orelse, finalbody, true)?
            }
            S::Assert { test, msg } => {
                let test = self.boxed(test)?;
                StmtKind::Assert { test, msg: self.opt_expr(msg)? }
            }
            S::Import { names } => StmtKind::Import { names: aliases(names) },
            S::ImportFrom { module, names, level } => {
                StmtKind::ImportFrom { module: module.clone(), names: aliases(names), level: level.unwrap_or(0) }
            }
            S::Global { names } => StmtKind::Global { names: names.clone() },
            S::Nonlocal { names } => StmtKind::Nonlocal { names: names.clone() },
            S::Expr { value } => StmtKind::Expr { value: self.boxed(value)? },
            S::Pass => StmtKind::Pass,
            S::Break => StmtKind::Break,
            S::Continue => StmtKind::Continue,
        })
    }

    fn function(
        &mut self,
        name: &syn::Ident,
        args: &syn::Arguments,
        body: &[syn::Stmt],
        decorator_list: &[syn::Expr],
        returns: &Option<Box<syn::Expr>>,
        is_async: bool,
    ) -> Result<StmtKind> {
        let args = self.arguments(args)?;
        let body = self.body(body)?;
        let decorator_list = self.exprs(decorator_list)?;
        let returns = match returns {
            Some(r) => Some(self.annotation(r)?),
            None => None,
        };
        Ok(StmtKind::FunctionDef(Box::new(FunctionDef {
            name: name.clone(),
            args,
            body,
            decorator_list,
            returns,
            is_async,
        })))
    }

    fn for_stmt(
        &mut self,
        target: &syn::Expr,
        iter: &syn::Expr,
        body: &[syn::Stmt],
        orelse: &[syn::Stmt],
        is_async: bool,
    ) -> Result<StmtKind> {
        let target = self.expr(target)?;
        let mut iter = self.expr(iter)?;
        let body = self.stmts(body)?;
        let orelse = self.stmts(orelse)?;
        if !is_async {
            self.fold_iter(&mut iter);
        }
        Ok(StmtKind::For(Box::new(For { target, iter, body, orelse, is_async })))
    }

    fn try_stmt(
        &mut self,
        body: &[syn::Stmt],
        handlers: &[syn::ExceptHandler],
        orelse: &[syn::Stmt],
        finalbody: &[syn::Stmt],
        is_star: bool,
    ) -> Result<StmtKind> {
        let body = self.stmts(body)?;
        let handlers = handlers
            .iter()
            .map(|h| {
                let type_ = match &h.type_ {
                    Some(t) => Some(self.expr(t)?),
                    None => None,
                };
                Ok(ExceptHandler { type_, name: h.name.clone(), body: self.stmts(&h.body)?, range: h.range })
            })
            .collect::<Result<_>>()?;
        let orelse = self.stmts(orelse)?;
        let finalbody = self.stmts(finalbody)?;
        Ok(StmtKind::Try(Box::new(Try { body, handlers, orelse, finalbody, is_star })))
    }

    fn with_items(&mut self, items: &[syn::WithItem]) -> Result<Vec<WithItem>> {
        items
            .iter()
            .map(|i| {
                let context_expr = self.expr(&i.context_expr)?;
                let optional_vars = match &i.optional_vars {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                };
                Ok(WithItem { context_expr, optional_vars })
            })
            .collect()
    }

    fn match_case(&mut self, c: &syn::MatchCase) -> Result<MatchCase> {
        let pattern = self.pattern(&c.pattern)?;
        let guard = match &c.guard {
            Some(g) => Some(self.expr(g)?),
            None => None,
        };
        Ok(MatchCase { pattern, guard, body: self.stmts(&c.body)? })
    }

    fn pattern(&mut self, p: &syn::Pattern) -> Result<Pattern> {
        grow(|| {
            self.enter()?;
            let kind = self.pattern_kind(&p.kind)?;
            self.depth -= 1;
            Ok(Pattern { kind, range: p.range })
        })
    }

    fn patterns(&mut self, ps: &[syn::Pattern]) -> Result<Vec<Pattern>> {
        ps.iter().map(|p| self.pattern(p)).collect()
    }

    fn pattern_kind(&mut self, k: &syn::PatternKind) -> Result<PatternKind> {
        use syn::PatternKind as P;
        Ok(match k {
            P::MatchValue { value } => PatternKind::MatchValue { value: self.boxed(value)? },
            P::MatchSingleton { value } => PatternKind::MatchSingleton { value: convert_constant(value) },
            P::MatchSequence { patterns } => PatternKind::MatchSequence { patterns: self.patterns(patterns)? },
            P::MatchMapping { keys, patterns, rest } => {
                let keys = self.exprs(keys)?;
                PatternKind::MatchMapping { keys, patterns: self.patterns(patterns)?, rest: rest.clone() }
            }
            P::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                let cls = self.boxed(cls)?;
                let patterns = self.patterns(patterns)?;
                let kwd_patterns = self.patterns(kwd_patterns)?;
                PatternKind::MatchClass { cls, patterns, kwd_attrs: kwd_attrs.clone(), kwd_patterns }
            }
            P::MatchStar { name } => PatternKind::MatchStar { name: name.clone() },
            P::MatchAs { pattern, name } => {
                let pattern = match pattern {
                    Some(p) => Some(Box::new(self.pattern(p)?)),
                    None => None,
                };
                PatternKind::MatchAs { pattern, name: name.clone() }
            }
            P::MatchOr { patterns } => PatternKind::MatchOr { patterns: self.patterns(patterns)? },
        })
    }

    fn arguments(&mut self, a: &syn::Arguments) -> Result<Arguments> {
        let posonlyargs = self.args(&a.posonlyargs)?;
        let args = self.args(&a.args)?;
        let vararg = match &a.vararg {
            Some(v) => Some(self.arg(v)?),
            None => None,
        };
        let kwonlyargs = self.args(&a.kwonlyargs)?;
        let kw_defaults = a
            .kw_defaults
            .iter()
            .map(|d| match d {
                Some(d) => Ok(Some(self.expr(d)?)),
                None => Ok(None),
            })
            .collect::<Result<_>>()?;
        let kwarg = match &a.kwarg {
            Some(v) => Some(self.arg(v)?),
            None => None,
        };
        let defaults = self.exprs(&a.defaults)?;
        Ok(Arguments { posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults })
    }

    fn args(&mut self, args: &[syn::Arg]) -> Result<Vec<Arg>> {
        args.iter().map(|a| self.arg(a)).collect()
    }

    fn arg(&mut self, a: &syn::Arg) -> Result<Arg> {
        let annotation = match &a.annotation {
            Some(e) => Some(self.annotation(e)?),
            None => None,
        };
        Ok(Arg { arg: a.arg.clone(), annotation, range: a.range })
    }

    fn keywords(&mut self, kws: &[syn::Keyword]) -> Result<Vec<Keyword>> {
        kws.iter().map(|k| Ok(Keyword { arg: k.arg.clone(), value: self.expr(&k.value)?, range: k.range })).collect()
    }

    fn comprehensions(&mut self, gens: &[syn::Comprehension]) -> Result<Vec<Comprehension>> {
        gens.iter()
            .map(|g| {
                let target = self.expr(&g.target)?;
                let mut iter = self.expr(&g.iter)?;
                let ifs = self.exprs(&g.ifs)?;
                self.fold_iter(&mut iter);
                Ok(Comprehension { target, iter, ifs, is_async: g.is_async != 0 })
            })
            .collect()
    }

    pub fn expr(&mut self, e: &syn::Expr) -> Result<Expr> {
        grow(|| {
            self.enter()?;
            let mut out = new_expr(self.expr_kind(&e.kind)?, e.range);
            if self.folding {
                self.fold(&mut out);
                if let ExprKind::Constant { value, .. } = &mut out.kind {
                    constant::tag_nans(value, &mut self.nan_tag);
                }
            }
            self.depth -= 1;
            Ok(out)
        })
    }

    fn expr_kind(&mut self, k: &syn::ExprKind) -> Result<ExprKind> {
        use syn::ExprKind as E;
        Ok(match k {
            E::BoolOp { op, values } => ExprKind::BoolOp { op: *op, values: self.exprs(values)? },
            E::NamedExpr { target, value } => {
                let target = self.boxed(target)?;
                ExprKind::NamedExpr { target, value: self.boxed(value)? }
            }
            E::BinOp { left, op, right } => {
                let left = self.boxed(left)?;
                ExprKind::BinOp { left, op: *op, right: self.boxed(right)? }
            }
            E::UnaryOp { op, operand } => ExprKind::UnaryOp { op: *op, operand: self.boxed(operand)? },
            E::Lambda { args, body } => {
                let args = Box::new(self.arguments(args)?);
                ExprKind::Lambda { args, body: self.boxed(body)? }
            }
            E::IfExp { test, body, orelse } => {
                let test = self.boxed(test)?;
                let body = self.boxed(body)?;
                ExprKind::IfExp { test, body, orelse: self.boxed(orelse)? }
            }
            E::Dict { keys, values } => {
                let keys = keys
                    .iter()
                    .map(|k| match k {
                        Some(k) => Ok(Some(self.expr(k)?)),
                        None => Ok(None),
                    })
                    .collect::<Result<_>>()?;
                ExprKind::Dict { keys, values: self.exprs(values)? }
            }
            E::Set { elts } => ExprKind::Set { elts: self.exprs(elts)? },
            E::ListComp { elt, generators } => {
                let elt = self.boxed(elt)?;
                ExprKind::ListComp { elt, generators: self.comprehensions(generators)? }
            }
            E::SetComp { elt, generators } => {
                let elt = self.boxed(elt)?;
                ExprKind::SetComp { elt, generators: self.comprehensions(generators)? }
            }
            E::DictComp { key, value, generators } => {
                let key = self.boxed(key)?;
                let value = self.boxed(value)?;
                ExprKind::DictComp { key, value, generators: self.comprehensions(generators)? }
            }
            E::GeneratorExp { elt, generators } => {
                let elt = self.boxed(elt)?;
                ExprKind::GeneratorExp { elt, generators: self.comprehensions(generators)? }
            }
            E::Await { value } => ExprKind::Await { value: self.boxed(value)? },
            E::Yield { value } => ExprKind::Yield { value: self.opt_expr(value)? },
            E::YieldFrom { value } => ExprKind::YieldFrom { value: self.boxed(value)? },
            E::Compare { left, ops, comparators } => {
                let left = self.boxed(left)?;
                ExprKind::Compare { left, ops: ops.to_vec(), comparators: self.exprs(comparators)? }
            }
            E::Call { func, args, keywords } => {
                let func = self.boxed(func)?;
                let args = self.exprs(args)?;
                ExprKind::Call { func, args, keywords: self.keywords(keywords)? }
            }
            E::FormattedValue { value, conversion, format_spec } => {
                let value = self.boxed(value)?;
                ExprKind::FormattedValue { value, conversion: *conversion, format_spec: self.opt_expr(format_spec)? }
            }
            E::JoinedStr { values } => ExprKind::JoinedStr { values: self.exprs(values)? },
            E::Constant { value, kind } => ExprKind::Constant {
                value: convert_constant(value),
                u_prefix: kind.as_deref().map(String::as_str) == Some("u"),
            },
            E::Attribute { value, attr, ctx } => {
                ExprKind::Attribute { value: self.boxed(value)?, attr: attr.clone(), ctx: *ctx }
            }
            E::Subscript { value, slice, ctx } => {
                let value = self.boxed(value)?;
                ExprKind::Subscript { value, slice: self.boxed(slice)?, ctx: *ctx }
            }
            E::Starred { value, ctx } => ExprKind::Starred { value: self.boxed(value)?, ctx: *ctx },
            E::Name { id, ctx } => {
                if self.folding && *ctx == ExprContext::Load && id == "__debug__" {
                    return Ok(ExprKind::Constant { value: Constant::Bool(self.optimize == 0), u_prefix: false });
                }
                ExprKind::Name { id: id.clone(), ctx: *ctx }
            }
            E::List { elts, ctx } => ExprKind::List { elts: self.exprs(elts)?, ctx: *ctx },
            E::Tuple { elts, ctx } => ExprKind::Tuple { elts: self.exprs(elts)?, ctx: *ctx },
            E::Slice { lower, upper, step } => {
                let lower = self.opt_expr(lower)?;
                let upper = self.opt_expr(upper)?;
                ExprKind::Slice { lower, upper, step: self.opt_expr(step)? }
            }
        })
    }

    /// The `fold_*` step for one node whose children are already folded.
    fn fold(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::BinOp { .. } => fold_binop(e),
            ExprKind::UnaryOp { .. } => fold_unaryop(e),
            ExprKind::Tuple { elts, ctx } if *ctx == ExprContext::Load => {
                if let Some(t) = const_tuple(elts) {
                    e.kind = ExprKind::Constant { value: t, u_prefix: false };
                }
            }
            ExprKind::Subscript { value, slice, ctx } if *ctx == ExprContext::Load => {
                if let (Some(v), Some(i)) = (value.as_constant(), slice.as_constant()) {
                    if let Some(r) = constant::subscript(v, i) {
                        e.kind = ExprKind::Constant { value: r, u_prefix: false };
                    }
                }
            }
            ExprKind::Compare { ops, comparators, .. } => {
                if matches!(ops.last(), Some(CmpOp::In | CmpOp::NotIn)) {
                    if let Some(last) = comparators.last_mut() {
                        self.fold_iter(last);
                    }
                }
            }
            _ => {}
        }
    }

    /// `fold_iter`: a literal list becomes a tuple (a constant one if it
    /// can), a literal set of constants a frozenset.
    fn fold_iter(&mut self, e: &mut Expr) {
        if !self.folding {
            return;
        }
        match &mut e.kind {
            ExprKind::List { elts, ctx } => {
                if elts.iter().any(Expr::is_starred) {
                    return;
                }
                match const_tuple(elts) {
                    Some(t) => e.kind = ExprKind::Constant { value: t, u_prefix: false },
                    None => {
                        let elts = std::mem::take(elts);
                        e.kind = ExprKind::Tuple { elts, ctx: *ctx };
                    }
                }
            }
            ExprKind::Set { elts } => {
                if let Some(Constant::Tuple(items)) = const_tuple(elts) {
                    e.kind = ExprKind::Constant { value: constant::make_frozenset(items), u_prefix: false };
                }
            }
            _ => {}
        }
    }
}

fn aliases(names: &[syn::Alias]) -> Vec<Alias> {
    names.iter().map(|a| Alias { name: a.name.clone(), asname: a.asname.clone(), range: a.range }).collect()
}

/// `make_const_tuple`: the tuple of the elements' values if all are constants.
fn const_tuple(elts: &[Expr]) -> Option<Constant> {
    let mut items = Vec::with_capacity(elts.len());
    for e in elts {
        items.push(e.as_constant()?.clone());
    }
    Some(Constant::Tuple(items))
}

fn fold_unaryop(e: &mut Expr) {
    let ExprKind::UnaryOp { op, operand } = &mut e.kind else { return };
    match operand.as_constant() {
        Some(c) => {
            if let Some(v) = constant::unary_op(*op, c) {
                e.kind = ExprKind::Constant { value: v, u_prefix: false };
            }
        }
        None => {
            // `not (a is b)` is `a is not b` (and the same for `in`); the
            // comparison node replaces the `not`, position included.
            if *op != UnaryOperator::Not {
                return;
            }
            let ExprKind::Compare { ops, .. } = &mut operand.kind else { return };
            if ops.len() != 1 {
                return;
            }
            let inverted = match ops[0] {
                CmpOp::Is => CmpOp::IsNot,
                CmpOp::IsNot => CmpOp::Is,
                CmpOp::In => CmpOp::NotIn,
                CmpOp::NotIn => CmpOp::In,
                _ => return,
            };
            ops[0] = inverted;
            let range = operand.range;
            let kind = std::mem::replace(&mut operand.kind, ExprKind::Pass);
            e.kind = kind;
            e.range = range;
        }
    }
}

fn fold_binop(e: &mut Expr) {
    let ExprKind::BinOp { left, op, right } = &mut e.kind else { return };
    let Some(lv) = left.as_constant() else { return };
    if *op == Operator::Mod {
        if let (Constant::Str(fmt), ExprKind::Tuple { elts, .. }) = (lv, &mut right.kind) {
            if !elts.iter().any(Expr::is_starred) {
                let fmt: Vec<u32> = fmt.code_points().collect();
                if let Some(values) = optimize_format(&fmt, elts) {
                    e.kind = ExprKind::JoinedStr { values };
                }
            }
            return;
        }
    }
    let Some(rv) = right.as_constant() else { return };
    if let Some(v) = constant::binary_op(*op, lv, rv) {
        e.kind = ExprKind::Constant { value: v, u_prefix: false };
    }
}

fn str_from_points(points: &[u32]) -> Constant {
    let mut s = StrLit::new();
    for &c in points {
        s.push_code_point(c);
    }
    Constant::Str(s)
}

/// `parse_literal`: the text up to the next lone `%`, with `%%` unescaped.
fn parse_literal(fmt: &[u32], pos: &mut usize) -> Option<Expr> {
    let start = *pos;
    let percent = '%' as u32;
    let mut text = Vec::new();
    while *pos < fmt.len() {
        if fmt[*pos] != percent {
            text.push(fmt[*pos]);
            *pos += 1;
        } else if *pos + 1 < fmt.len() && fmt[*pos + 1] == percent {
            text.push(percent);
            *pos += 2;
        } else {
            break;
        }
    }
    if *pos == start {
        return None;
    }
    Some(constant_expr(str_from_points(&text), no_pos()))
}

/// A `%` conversion: flags, width, precision and the spec character.
struct FormatArg {
    spec: u32,
    left_justify: bool,
    width: Option<u32>,
    prec: Option<u32>,
}

/// `simple_format_arg_parse` (widths and precisions of at most two digits).
fn simple_format_arg_parse(fmt: &[u32], pos: &mut usize) -> Option<FormatArg> {
    let mut p = *pos;
    let mut next = || -> Option<u32> {
        let c = *fmt.get(p)?;
        p += 1;
        Some(c)
    };
    let mut left_justify = false;
    let mut ch;
    loop {
        ch = next()?;
        match char::from_u32(ch) {
            Some('-') => left_justify = true,
            Some('+' | ' ' | '#' | '0' | 'z') => {}
            _ => break,
        }
    }
    let is_digit = |c: u32| ('0' as u32..='9' as u32).contains(&c);
    let mut width = None;
    if is_digit(ch) {
        let mut w = 0;
        let mut digits = 0;
        while is_digit(ch) {
            w = w * 10 + (ch - '0' as u32);
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
        width = Some(w);
    }
    let mut prec = None;
    if ch == '.' as u32 {
        ch = next()?;
        let mut v = 0;
        if is_digit(ch) {
            let mut digits = 0;
            while is_digit(ch) {
                v = v * 10 + (ch - '0' as u32);
                ch = next()?;
                digits += 1;
                if digits >= 3 {
                    return None;
                }
            }
        }
        prec = Some(v);
    }
    *pos = p;
    Some(FormatArg { spec: ch, left_justify, width, prec })
}

/// `parse_format`: one `%s`/`%r`/`%a` conversion as a FormattedValue.
fn parse_format(fmt: &[u32], pos: &mut usize, arg: Expr) -> Option<Expr> {
    let f = simple_format_arg_parse(fmt, pos)?;
    if !matches!(char::from_u32(f.spec), Some('s' | 'r' | 'a')) {
        return None;
    }
    let mut spec = String::new();
    if !f.left_justify && f.width.is_some_and(|w| w > 0) {
        spec.push('>');
    }
    if let Some(w) = f.width {
        spec.push_str(&w.to_string());
    }
    if let Some(p) = f.prec {
        spec.push_str(&format!(".{p}"));
    }
    let format_spec = if spec.is_empty() {
        None
    } else {
        Some(Box::new(constant_expr(Constant::Str(StrLit::from_text(&spec)), no_pos())))
    };
    let range = arg.range;
    Some(new_expr(ExprKind::FormattedValue { value: Box::new(arg), conversion: f.spec as i32, format_spec }, range))
}

/// `optimize_format`: `'...' % (a, b)` with only `%s`, `%r` and `%a` becomes
/// an f-string. Returns the new values, or `None` to leave the node alone.
fn optimize_format(fmt: &[u32], elts: &mut Vec<Expr>) -> Option<Vec<Expr>> {
    // Dry run first: the elements are only moved once the whole format is
    // known to be convertible.
    let mut pos = 0;
    let mut cnt = 0;
    let mut plan = Vec::new();
    loop {
        let start = pos;
        let lit = parse_literal(fmt, &mut pos);
        if lit.is_some() {
            plan.push((true, start, pos));
        }
        if pos >= fmt.len() {
            break;
        }
        if cnt >= elts.len() {
            return None;
        }
        pos += 1;
        let before = pos;
        simple_format_arg_parse(fmt, &mut pos).filter(|f| matches!(char::from_u32(f.spec), Some('s' | 'r' | 'a')))?;
        plan.push((false, before, pos));
        cnt += 1;
    }
    if cnt < elts.len() {
        return None;
    }
    let mut args = std::mem::take(elts).into_iter();
    let mut values = Vec::with_capacity(plan.len());
    for (is_literal, start, _) in plan {
        let mut p = start;
        if is_literal {
            values.push(parse_literal(fmt, &mut p)?);
        } else {
            values.push(parse_format(fmt, &mut p, args.next()?)?);
        }
    }
    Some(values)
}
