//! Dropping and measuring trees of any depth without recursion.
//!
//! `a.b.b.b...`, `1 + 1 + ...` or a long `elif` chain build trees as deep as
//! the source is long. A derived `Drop` would recurse once per level and
//! overflow the stack, so `Expr` and `Stmt` take their children apart onto an
//! explicit stack first. (CPython's own limit on such trees is in the later
//! stages: "maximum recursion depth exceeded during compilation".)

use super::*;

/// A node with no children, swapped in for a child that is being detached.
fn placeholder() -> Expr {
    Expr { kind: ExprKind::Constant { value: Constant::None, kind: None }, range: Range::default() }
}

impl Expr {
    /// Take the node's kind out (leaving a childless placeholder), to
    /// destructure it: `Expr` has a `Drop` and cannot be moved out of.
    pub fn take_kind(&mut self) -> ExprKind {
        std::mem::replace(&mut self.kind, ExprKind::Constant { value: Constant::None, kind: None })
    }
}

fn detach(b: &mut Expr, out: &mut Vec<Expr>) {
    out.push(std::mem::replace(b, placeholder()));
}

fn detach_opt(b: &mut Option<Box<Expr>>, out: &mut Vec<Expr>) {
    if let Some(b) = b.take() {
        out.push(*b);
    }
}

/// Move out every expression of a boxed slice (leaving it empty).
fn detach_slice(list: &mut Box<[Expr]>, out: &mut Vec<Expr>) {
    out.append(&mut std::mem::take(list).into_vec());
}

fn detach_args(args: &mut Arguments, out: &mut Vec<Expr>) {
    for a in args.posonlyargs.iter_mut().chain(args.args.iter_mut()).chain(args.kwonlyargs.iter_mut()) {
        detach_opt(&mut a.annotation, out);
    }
    for a in args.vararg.iter_mut().chain(args.kwarg.iter_mut()) {
        detach_opt(&mut a.annotation, out);
    }
    out.append(&mut args.defaults);
    out.extend(args.kw_defaults.drain(..).flatten());
}

fn detach_comprehensions(gens: &mut [Comprehension], out: &mut Vec<Expr>) {
    for g in gens.iter_mut() {
        detach(&mut g.target, out);
        detach(&mut g.iter, out);
        out.append(&mut g.ifs);
    }
}

/// Move every child expression of `kind` to `out`.
fn detach_expr_children(kind: &mut ExprKind, out: &mut Vec<Expr>) {
    use ExprKind::*;
    match kind {
        BoolOp { values, .. } | JoinedStr { values } => out.append(values),
        NamedExpr { target, value } => {
            detach(target, out);
            detach(value, out);
        }
        BinOp { left, right, .. } => {
            detach(left, out);
            detach(right, out);
        }
        UnaryOp { operand, .. } => detach(operand, out),
        Lambda { args, body } => {
            detach_args(args, out);
            detach(body, out);
        }
        IfExp { test, body, orelse } => {
            detach(test, out);
            detach(body, out);
            detach(orelse, out);
        }
        Dict { keys, values } => {
            out.extend(std::mem::take(keys).into_vec().into_iter().flatten());
            detach_slice(values, out);
        }
        Set { elts } | List { elts, .. } | Tuple { elts, .. } => out.append(elts),
        ListComp { elt, generators } | SetComp { elt, generators } | GeneratorExp { elt, generators } => {
            detach(elt, out);
            detach_comprehensions(generators, out);
        }
        DictComp { key, value, generators } => {
            detach(key, out);
            detach(value, out);
            detach_comprehensions(generators, out);
        }
        Await { value } | YieldFrom { value } | Attribute { value, .. } | Starred { value, .. } => detach(value, out),
        Yield { value } => detach_opt(value, out),
        Compare { left, comparators, .. } => {
            detach(left, out);
            detach_slice(comparators, out);
        }
        Call { func, args, keywords } => {
            detach(func, out);
            detach_slice(args, out);
            for k in keywords.iter_mut() {
                detach(&mut k.value, out);
            }
        }
        FormattedValue { value, format_spec, .. } => {
            detach(value, out);
            detach_opt(format_spec, out);
        }
        Subscript { value, slice, .. } => {
            detach(value, out);
            detach(slice, out);
        }
        Slice { lower, upper, step } => {
            detach_opt(lower, out);
            detach_opt(upper, out);
            detach_opt(step, out);
        }
        Constant { .. } | Name { .. } => {}
    }
}

fn is_leaf(kind: &ExprKind) -> bool {
    matches!(kind, ExprKind::Constant { .. } | ExprKind::Name { .. })
}

/// Are all the direct children of `kind` leaves (so that the ordinary,
/// recursive drop goes only one level deep)?
fn children_are_leaves(kind: &ExprKind) -> bool {
    use ExprKind::*;
    match kind {
        Constant { .. } | Name { .. } => true,
        Attribute { value, .. } | Starred { value, .. } | Await { value } | UnaryOp { operand: value, .. } => {
            is_leaf(&value.kind)
        }
        BinOp { left, right, .. } => is_leaf(&left.kind) && is_leaf(&right.kind),
        Subscript { value, slice, .. } => is_leaf(&value.kind) && is_leaf(&slice.kind),
        Call { func, args, keywords } => {
            is_leaf(&func.kind)
                && args.iter().all(|a| is_leaf(&a.kind))
                && keywords.iter().all(|k| is_leaf(&k.value.kind))
        }
        Tuple { elts, .. } | List { elts, .. } | Set { elts } => elts.iter().all(|e| is_leaf(&e.kind)),
        Compare { left, comparators, .. } => is_leaf(&left.kind) && comparators.iter().all(|e| is_leaf(&e.kind)),
        BoolOp { values, .. } => values.iter().all(|e| is_leaf(&e.kind)),
        _ => false,
    }
}

thread_local! {
    /// How many `Expr`/`Stmt` drops are nested on this thread's stack.
    static DROP_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Nesting up to which dropping recurses normally (fast); deeper trees are
/// taken apart onto an explicit stack.
const RECURSIVE_DROP_DEPTH: u32 = 400;

impl Drop for Expr {
    fn drop(&mut self) {
        if children_are_leaves(&self.kind) {
            return;
        }
        let depth = DROP_DEPTH.get();
        if depth < RECURSIVE_DROP_DEPTH {
            DROP_DEPTH.set(depth + 1);
            drop(self.take_kind());
            DROP_DEPTH.set(depth);
            return;
        }
        let mut stack = Vec::new();
        detach_expr_children(&mut self.kind, &mut stack);
        while let Some(mut e) = stack.pop() {
            detach_expr_children(&mut e.kind, &mut stack);
            // `e` now has no children, so dropping it does not recurse.
        }
    }
}

/// Move the child statements and expressions of `kind` out.
fn detach_stmt_children(kind: &mut StmtKind, stmts: &mut Vec<Stmt>, exprs: &mut Vec<Expr>) {
    use StmtKind::*;
    match kind {
        FunctionDef { args, body, decorator_list, returns, .. }
        | AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
            detach_args(args, exprs);
            stmts.append(body);
            exprs.append(decorator_list);
            detach_opt(returns, exprs);
        }
        ClassDef { bases, keywords, body, decorator_list, .. } => {
            exprs.append(bases);
            for k in keywords.iter_mut() {
                detach(&mut k.value, exprs);
            }
            stmts.append(body);
            exprs.append(decorator_list);
        }
        For { body, orelse, .. }
        | AsyncFor { body, orelse, .. }
        | While { body, orelse, .. }
        | If { body, orelse, .. } => {
            stmts.append(body);
            stmts.append(orelse);
        }
        With { body, .. } | AsyncWith { body, .. } => stmts.append(body),
        Match { cases, .. } => {
            for c in cases.iter_mut() {
                stmts.append(&mut c.body);
            }
        }
        Try { body, handlers, orelse, finalbody } | TryStar { body, handlers, orelse, finalbody } => {
            stmts.append(body);
            for h in handlers.iter_mut() {
                stmts.append(&mut h.body);
            }
            stmts.append(orelse);
            stmts.append(finalbody);
        }
        _ => {}
    }
}

impl Drop for Stmt {
    fn drop(&mut self) {
        let depth = DROP_DEPTH.get();
        if depth < RECURSIVE_DROP_DEPTH {
            DROP_DEPTH.set(depth + 1);
            drop(std::mem::replace(&mut self.kind, StmtKind::Pass));
            DROP_DEPTH.set(depth);
            return;
        }
        let mut stmts = Vec::new();
        let mut exprs = Vec::new();
        detach_stmt_children(&mut self.kind, &mut stmts, &mut exprs);
        while let Some(mut s) = stmts.pop() {
            detach_stmt_children(&mut s.kind, &mut stmts, &mut exprs);
        }
        // `exprs` drops here, each expression on its own.
    }
}

/// The nesting depth of a module's tree (statements and expressions), measured
/// without recursion. Consumers that recurse over the tree use it to refuse
/// trees deeper than their limit, as CPython's later stages do.
pub fn max_depth(m: &Mod) -> usize {
    let mut max = 0;
    let mut stack: Vec<(Node<'_>, usize)> = Vec::new();
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => stack.extend(body.iter().map(|s| (Node::Stmt(s), 1))),
        Mod::Expression { body } => stack.push((Node::Expr(body), 1)),
        Mod::FunctionType { argtypes, returns } => {
            stack.extend(argtypes.iter().map(|e| (Node::Expr(e), 1)));
            stack.push((Node::Expr(returns), 1));
        }
    }
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        let d = depth + 1;
        match node {
            Node::Expr(e) => for_each_child_expr(e, |c| stack.push((Node::Expr(c), d))),
            Node::Stmt(s) => for_each_child_of_stmt(s, &mut |n| stack.push((n, d))),
        }
    }
    max
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Expr(&'a Expr),
    Stmt(&'a Stmt),
}

fn for_each_args<'a>(args: &'a Arguments, f: &mut impl FnMut(&'a Expr)) {
    for a in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
        if let Some(an) = &a.annotation {
            f(an);
        }
    }
    for a in args.vararg.iter().chain(args.kwarg.iter()) {
        if let Some(an) = &a.annotation {
            f(an);
        }
    }
    args.defaults.iter().for_each(&mut *f);
    args.kw_defaults.iter().flatten().for_each(f);
}

fn for_each_child_expr<'a>(e: &'a Expr, mut f: impl FnMut(&'a Expr)) {
    use ExprKind::*;
    let gens = |gens: &'a [Comprehension], f: &mut dyn FnMut(&'a Expr)| {
        for g in gens {
            f(&g.target);
            f(&g.iter);
            g.ifs.iter().for_each(&mut *f);
        }
    };
    match &e.kind {
        BoolOp { values, .. } | JoinedStr { values } => values.iter().for_each(f),
        NamedExpr { target, value } => {
            f(target);
            f(value);
        }
        BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        UnaryOp { operand, .. } => f(operand),
        Lambda { args, body } => {
            for_each_args(args, &mut f);
            f(body);
        }
        IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        Dict { keys, values } => {
            keys.iter().flatten().for_each(&mut f);
            values.iter().for_each(f);
        }
        Set { elts } | List { elts, .. } | Tuple { elts, .. } => elts.iter().for_each(f),
        ListComp { elt, generators } | SetComp { elt, generators } | GeneratorExp { elt, generators } => {
            f(elt);
            gens(generators, &mut f);
        }
        DictComp { key, value, generators } => {
            f(key);
            f(value);
            gens(generators, &mut f);
        }
        Await { value } | YieldFrom { value } | Attribute { value, .. } | Starred { value, .. } => f(value),
        Yield { value } => {
            if let Some(v) = value {
                f(v);
            }
        }
        Compare { left, comparators, .. } => {
            f(left);
            comparators.iter().for_each(f);
        }
        Call { func, args, keywords } => {
            f(func);
            args.iter().for_each(&mut f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        FormattedValue { value, format_spec, .. } => {
            f(value);
            if let Some(s) = format_spec {
                f(s);
            }
        }
        Subscript { value, slice, .. } => {
            f(value);
            f(slice);
        }
        Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                f(x);
            }
        }
        Constant { .. } | Name { .. } => {}
    }
}

fn for_each_child_of_stmt<'a>(s: &'a Stmt, f: &mut impl FnMut(Node<'a>)) {
    use StmtKind::*;
    let mut e = |x: &'a super::Expr| f(Node::Expr(x));
    let mut stmts: Vec<&'a Stmt> = Vec::new();
    match &s.kind {
        FunctionDef { args, body, decorator_list, returns, .. }
        | AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
            for_each_args(args, &mut e);
            decorator_list.iter().for_each(&mut e);
            if let Some(r) = returns {
                e(r);
            }
            stmts.extend(body);
        }
        ClassDef { bases, keywords, body, decorator_list, .. } => {
            bases.iter().for_each(&mut e);
            keywords.iter().for_each(|k| e(&k.value));
            decorator_list.iter().for_each(&mut e);
            stmts.extend(body);
        }
        Return { value } => value.iter().for_each(|v| e(v)),
        Delete { targets } => targets.iter().for_each(e),
        Assign { targets, value, .. } => {
            targets.iter().for_each(&mut e);
            e(value);
        }
        AugAssign { target, value, .. } => {
            e(target);
            e(value);
        }
        AnnAssign { target, annotation, value, .. } => {
            e(target);
            e(annotation);
            value.iter().for_each(|v| e(v));
        }
        For { target, iter, body, orelse, .. } | AsyncFor { target, iter, body, orelse, .. } => {
            e(target);
            e(iter);
            stmts.extend(body);
            stmts.extend(orelse);
        }
        While { test, body, orelse } | If { test, body, orelse } => {
            e(test);
            stmts.extend(body);
            stmts.extend(orelse);
        }
        With { items, body, .. } | AsyncWith { items, body, .. } => {
            for i in items {
                e(&i.context_expr);
                if let Some(v) = &i.optional_vars {
                    e(v);
                }
            }
            stmts.extend(body);
        }
        Match { subject, cases } => {
            e(subject);
            for c in cases {
                if let Some(g) = &c.guard {
                    e(g);
                }
                stmts.extend(&c.body);
            }
        }
        Raise { exc, cause } => {
            exc.iter().for_each(|v| e(v));
            cause.iter().for_each(|v| e(v));
        }
        Try { body, handlers, orelse, finalbody } | TryStar { body, handlers, orelse, finalbody } => {
            stmts.extend(body);
            for h in handlers {
                if let Some(t) = &h.type_ {
                    e(t);
                }
                stmts.extend(&h.body);
            }
            stmts.extend(orelse);
            stmts.extend(finalbody);
        }
        Assert { test, msg } => {
            e(test);
            msg.iter().for_each(|v| e(v));
        }
        Expr { value } => e(value),
        Import { .. } | ImportFrom { .. } | Global { .. } | Nonlocal { .. } | Pass | Break | Continue => {}
    }
    for st in stmts {
        f(Node::Stmt(st));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_chains_drop_and_measure() {
        let mut e = Expr::new(ExprKind::Name { id: "a".into(), ctx: ExprContext::Load }, Range::default());
        for _ in 0..200_000 {
            e = Expr::new(
                ExprKind::Attribute { value: Box::new(e), attr: "b".into(), ctx: ExprContext::Load },
                Range::default(),
            );
        }
        let m = Mod::Expression { body: Box::new(e) };
        assert_eq!(max_depth(&m), 200_001);
        drop(m);
    }
}
