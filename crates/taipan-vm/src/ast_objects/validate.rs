//! The checks CPython's `_PyAST_Validate` (`Python/ast.c`) makes on a tree
//! that came from Python objects, with its messages: contexts, required
//! non-empty lists, matching lengths, patterns. (Positions and constant
//! types are checked while converting, in `obj2ast_support.rs`.)

use crate::vm::{PyResult, Vm};
use taipan_syntax::ast::*;

pub(super) fn validate_mod(vm: &Vm, m: &Mod) -> PyResult<()> {
    let v = Validator { vm };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => v.stmts(body),
        Mod::Expression { body } => v.expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            v.exprs(argtypes, ExprContext::Load)?;
            v.expr(returns, ExprContext::Load)
        }
    }
}

struct Validator<'a> {
    vm: &'a Vm,
}

fn ctx_name(ctx: ExprContext) -> &'static str {
    ctx.name()
}

impl Validator<'_> {
    fn err(&self, msg: impl AsRef<str>) -> PyResult<()> {
        Err(self.vm.value_error(msg))
    }

    fn nonempty<T>(&self, seq: &[T], what: &str, owner: &str) -> PyResult<()> {
        if seq.is_empty() {
            return self.err(format!("empty {what} on {owner}"));
        }
        Ok(())
    }

    fn stmts(&self, body: &[Stmt]) -> PyResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn body(&self, body: &[Stmt], owner: &str) -> PyResult<()> {
        self.nonempty(body, "body", owner)?;
        self.stmts(body)
    }

    fn exprs(&self, exprs: &[Expr], ctx: ExprContext) -> PyResult<()> {
        exprs.iter().try_for_each(|e| self.expr(e, ctx))
    }

    fn opt_expr(&self, e: &Option<Box<Expr>>) -> PyResult<()> {
        match e {
            Some(e) => self.expr(e, ExprContext::Load),
            None => Ok(()),
        }
    }

    fn name(&self, id: &str) -> PyResult<()> {
        for forbidden in ["None", "True", "False"] {
            if id == forbidden {
                return self.err(format!("identifier field can't represent '{forbidden}' constant"));
            }
        }
        Ok(())
    }

    fn keywords(&self, keywords: &[Keyword]) -> PyResult<()> {
        keywords.iter().try_for_each(|k| self.expr(&k.value, ExprContext::Load))
    }

    fn args(&self, args: &[Arg]) -> PyResult<()> {
        args.iter().try_for_each(|a| self.arg(a))
    }

    fn arg(&self, a: &Arg) -> PyResult<()> {
        self.opt_expr(&a.annotation)
    }

    fn arguments(&self, a: &Arguments) -> PyResult<()> {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.arg(v)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(k) = &a.kwarg {
            self.arg(k)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return self.err("more positional defaults than args on arguments");
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return self.err("length of kwonlyargs is not the same as kw_defaults on arguments");
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        a.kw_defaults.iter().flatten().try_for_each(|e| self.expr(e, ExprContext::Load))
    }

    fn comprehension(&self, generators: &[Comprehension]) -> PyResult<()> {
        if generators.is_empty() {
            return self.err("comprehension with no generators");
        }
        for g in generators {
            self.expr(&g.target, ExprContext::Store)?;
            self.expr(&g.iter, ExprContext::Load)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn with_items(&self, items: &[WithItem], owner: &str) -> PyResult<()> {
        self.nonempty(items, "items", owner)?;
        for item in items {
            self.expr(&item.context_expr, ExprContext::Load)?;
            if let Some(v) = &item.optional_vars {
                self.expr(v, ExprContext::Store)?;
            }
        }
        Ok(())
    }

    fn try_(
        &self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        owner: &str,
    ) -> PyResult<()> {
        self.body(body, owner)?;
        if handlers.is_empty() && finalbody.is_empty() {
            return self.err(format!("{owner} has neither except handlers nor finalbody"));
        }
        if handlers.is_empty() && !orelse.is_empty() {
            return self.err(format!("{owner} has orelse but no except handlers"));
        }
        for h in handlers {
            self.opt_expr(&h.type_)?;
            self.body(&h.body, "ExceptHandler")?;
        }
        if !finalbody.is_empty() {
            self.body(finalbody, owner)?;
        }
        if !orelse.is_empty() {
            self.body(orelse, owner)?;
        }
        Ok(())
    }

    fn stmt(&self, s: &Stmt) -> PyResult<()> {
        self.vm.with_recursion(" during compilation", || self.stmt_inner(s))
    }

    fn stmt_inner(&self, s: &Stmt) -> PyResult<()> {
        use ExprContext::{Del, Load, Store};
        match &s.kind {
            StmtKind::FunctionDef { args, body, decorator_list, returns, .. } => {
                self.body(body, "FunctionDef")?;
                self.function(args, decorator_list, returns)
            }
            StmtKind::AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
                self.body(body, "AsyncFunctionDef")?;
                self.function(args, decorator_list, returns)
            }
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.body(body, "ClassDef")?;
                self.exprs(bases, Load)?;
                self.keywords(keywords)?;
                self.exprs(decorator_list, Load)
            }
            StmtKind::Return { value } => self.opt_expr(value),
            StmtKind::Delete { targets } => {
                self.nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, Del)
            }
            StmtKind::Assign { targets, value, .. } => {
                self.nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if *simple != 0 && !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(self.vm.type_error("AnnAssign with simple non-Name target"));
                }
                self.expr(target, Store)?;
                self.opt_expr(value)?;
                self.expr(annotation, Load)?;
                if !matches!(
                    target.kind,
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    // (CPython's compiler finds it.)
                    return Err(self.vm.system_error(format!(
                        "invalid node type ({}) for annotated assignment",
                        expr_kind_number(&target.kind)
                    )));
                }
                Ok(())
            }
            StmtKind::For { target, iter, body, orelse, .. } => self.for_(target, iter, body, orelse, "For"),
            StmtKind::AsyncFor { target, iter, body, orelse, .. } => self.for_(target, iter, body, orelse, "AsyncFor"),
            StmtKind::While { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "While")?;
                self.stmts(orelse)
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "If")?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, .. } => {
                self.with_items(items, "With")?;
                self.body(body, "With")
            }
            StmtKind::AsyncWith { items, body, .. } => {
                self.with_items(items, "AsyncWith")?;
                self.body(body, "AsyncWith")
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject, Load)?;
                self.nonempty(cases, "cases", "Match")?;
                for case in cases {
                    self.pattern(&case.pattern, false)?;
                    self.opt_expr(&case.guard)?;
                    self.body(&case.body, "match_case")?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => match exc {
                Some(exc) => {
                    self.expr(exc, Load)?;
                    self.opt_expr(cause)
                }
                None if cause.is_some() => self.err("Raise with cause but no exception"),
                None => Ok(()),
            },
            StmtKind::Try { body, handlers, orelse, finalbody } => self.try_(body, handlers, orelse, finalbody, "Try"),
            StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                self.try_(body, handlers, orelse, finalbody, "TryStar")
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, Load)?;
                self.opt_expr(msg)
            }
            StmtKind::Import { names } => self.nonempty(names, "names", "Import"),
            StmtKind::ImportFrom { names, level, .. } => {
                if level.is_some_and(|l| l < 0) {
                    return self.err("Negative ImportFrom level");
                }
                self.nonempty(names, "names", "ImportFrom")
            }
            StmtKind::Global { names } => self.nonempty(names, "names", "Global"),
            StmtKind::Nonlocal { names } => self.nonempty(names, "names", "Nonlocal"),
            StmtKind::Expr { value } => self.expr(value, Load),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    fn function(&self, args: &Arguments, decorators: &[Expr], returns: &Option<Box<Expr>>) -> PyResult<()> {
        self.arguments(args)?;
        self.exprs(decorators, ExprContext::Load)?;
        self.opt_expr(returns)
    }

    fn for_(&self, target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt], owner: &str) -> PyResult<()> {
        self.expr(target, ExprContext::Store)?;
        self.expr(iter, ExprContext::Load)?;
        self.body(body, owner)?;
        self.stmts(orelse)
    }

    fn expr(&self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        self.vm.with_recursion(" during compilation", || self.expr_inner(e, ctx))
    }

    fn expr_inner(&self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        use ExprContext::Load;
        let actual = match &e.kind {
            ExprKind::Attribute { ctx, .. }
            | ExprKind::Subscript { ctx, .. }
            | ExprKind::Starred { ctx, .. }
            | ExprKind::Name { ctx, .. }
            | ExprKind::List { ctx, .. }
            | ExprKind::Tuple { ctx, .. } => Some(*ctx),
            _ => None,
        };
        match actual {
            Some(actual) if actual != ctx => {
                return self.err(format!(
                    "expression must have {} context but has {} instead",
                    ctx_name(ctx),
                    ctx_name(actual)
                ))
            }
            None if ctx != Load => {
                return self.err(format!("expression which can't be assigned to in {} context", ctx_name(ctx)))
            }
            _ => {}
        }
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return self.err("BoolOp with less than 2 values");
                }
                self.exprs(values, Load)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, Load)?;
                self.expr(right, Load)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, Load),
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body, Load)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, Load)?;
                self.expr(body, Load)?;
                self.expr(orelse, Load)
            }
            ExprKind::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return self.err("Dict doesn't have the same number of keys as values");
                }
                keys.iter().flatten().try_for_each(|k| self.expr(k, Load))?;
                self.exprs(values, Load)
            }
            ExprKind::Set { elts } => self.exprs(elts, Load),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.expr(elt, Load)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(generators)?;
                self.expr(key, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Yield { value } => self.opt_expr(value),
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => self.expr(value, Load),
            ExprKind::Compare { left, ops, comparators } => {
                if comparators.is_empty() {
                    return self.err("Compare with no comparators");
                }
                if comparators.len() != ops.len() {
                    return self.err("Compare has a different number of comparators and operands");
                }
                self.exprs(comparators, Load)?;
                self.expr(left, Load)
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func, Load)?;
                self.exprs(args, Load)?;
                self.keywords(keywords)
            }
            ExprKind::Constant { .. } => Ok(()),
            ExprKind::JoinedStr { values } => self.exprs(values, Load),
            ExprKind::FormattedValue { value, format_spec, conversion } => {
                if ![-1, b's' as i32, b'r' as i32, b'a' as i32].contains(conversion) {
                    // (CPython's compiler finds it.)
                    return Err(self.vm.system_error(format!("Unrecognized conversion character {conversion}")));
                }
                self.expr(value, Load)?;
                self.opt_expr(format_spec)
            }
            ExprKind::Attribute { value, .. } => self.expr(value, Load),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(slice, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Starred { value, .. } => self.expr(value, ctx),
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower)?;
                self.opt_expr(upper)?;
                self.opt_expr(step)
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts, ctx),
            ExprKind::NamedExpr { target, value } => {
                if !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(self.vm.type_error("NamedExpr target must be a Name"));
                }
                self.expr(value, Load)
            }
            ExprKind::Name { id, .. } => self.name(id),
        }
    }

    fn capture(&self, name: &str) -> PyResult<()> {
        if name == "_" {
            return self.err("can't capture name '_' in patterns");
        }
        self.name(name)
    }

    fn patterns(&self, patterns: &[Pattern], star_ok: bool) -> PyResult<()> {
        patterns.iter().try_for_each(|p| self.pattern(p, star_ok))
    }

    fn match_value(&self, e: &Expr) -> PyResult<()> {
        self.expr(e, ExprContext::Load)?;
        match &e.kind {
            ExprKind::Constant { value, .. } => match value {
                Constant::Int(_)
                | Constant::Float(_)
                | Constant::Bytes(_)
                | Constant::Complex { .. }
                | Constant::Str(_) => Ok(()),
                _ => self.err("unexpected constant inside of a literal pattern"),
            },
            ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => Ok(()),
            // Negative numbers and complex literals (`-1`, `1+2j`): the
            // compiler's folding turns them into constants.
            ExprKind::UnaryOp { .. } if literal_negative(e, true, true) => Ok(()),
            ExprKind::BinOp { .. } if literal_complex(e) => Ok(()),
            _ => self.err("patterns may only match literals and attribute lookups"),
        }
    }

    fn pattern(&self, p: &Pattern, star_ok: bool) -> PyResult<()> {
        self.vm.with_recursion(" during compilation", || self.pattern_inner(p, star_ok))
    }

    fn pattern_inner(&self, p: &Pattern, star_ok: bool) -> PyResult<()> {
        match &p.kind {
            PatternKind::MatchValue { value } => self.match_value(value),
            PatternKind::MatchSingleton { value } => match value {
                Constant::None | Constant::Bool(_) => Ok(()),
                _ => self.err("MatchSingleton can only contain True, False and None"),
            },
            PatternKind::MatchSequence { patterns } => self.patterns(patterns, true),
            PatternKind::MatchMapping { keys, patterns, rest } => {
                if keys.len() != patterns.len() {
                    return self.err("MatchMapping doesn't have the same number of keys as patterns");
                }
                if let Some(rest) = rest {
                    self.capture(rest)?;
                }
                for key in keys {
                    if let ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } = key.kind {
                        continue;
                    }
                    self.match_value(key)?;
                }
                self.patterns(patterns, false)
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return self.err("MatchClass doesn't have the same number of keyword attributes as patterns");
                }
                self.expr(cls, ExprContext::Load)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.kind {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => return self.err("MatchClass cls field can only contain Name or Attribute nodes."),
                    }
                }
                kwd_attrs.iter().try_for_each(|a| self.name(a))?;
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)
            }
            PatternKind::MatchStar { name } => {
                if !star_ok {
                    return self.err("can't use MatchStar here");
                }
                name.as_deref().map_or(Ok(()), |n| self.capture(n))
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(n) = name {
                    self.capture(n)?;
                }
                match (pattern, name) {
                    (None, _) => Ok(()),
                    (Some(_), None) => self.err("MatchAs must specify a target name if a pattern is given"),
                    (Some(p), Some(_)) => self.pattern(p, false),
                }
            }
            PatternKind::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return self.err("MatchOr requires at least 2 patterns");
                }
                self.patterns(patterns, false)
            }
        }
    }
}

/// A number constant: real (int, float) or imaginary (complex).
fn literal_number(e: &Expr, allow_real: bool, allow_imaginary: bool) -> bool {
    match &e.kind {
        ExprKind::Constant { value: Constant::Int(_) | Constant::Float(_), .. } => allow_real,
        ExprKind::Constant { value: Constant::Complex { .. }, .. } => allow_imaginary,
        _ => false,
    }
}

/// `-number`.
fn literal_negative(e: &Expr, allow_real: bool, allow_imaginary: bool) -> bool {
    match &e.kind {
        ExprKind::UnaryOp { op: UnaryOperator::USub, operand } => literal_number(operand, allow_real, allow_imaginary),
        _ => false,
    }
}

/// `real + imaginary` or `real - imaginary`, the real part maybe negative.
fn literal_complex(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BinOp { left, op: Operator::Add | Operator::Sub, right } => {
            (literal_number(left, true, false) || literal_negative(left, true, false))
                && literal_number(right, false, true)
        }
        _ => false,
    }
}

/// CPython's `expr_kind` number of a node (`BoolOp_kind` is 1).
fn expr_kind_number(k: &ExprKind) -> usize {
    const KINDS: &[&str] = &[
        "BoolOp",
        "NamedExpr",
        "BinOp",
        "UnaryOp",
        "Lambda",
        "IfExp",
        "Dict",
        "Set",
        "ListComp",
        "SetComp",
        "DictComp",
        "GeneratorExp",
        "Await",
        "Yield",
        "YieldFrom",
        "Compare",
        "Call",
        "FormattedValue",
        "JoinedStr",
        "Constant",
        "Attribute",
        "Subscript",
        "Starred",
        "Name",
        "List",
        "Tuple",
        "Slice",
    ];
    KINDS.iter().position(|&n| n == k.name()).map_or(0, |i| i + 1)
}
