//! Annotations as strings (CPython's `Python/ast_unparse.c`), for
//! `from __future__ import annotations`: a limited unparser that prints an
//! expression with the fewest parentheses its precedence needs.

use taipan_syntax::ast::{BoolOperator, CmpOp, Operator, UnaryOperator};
use taipan_syntax::literal::StrLit;

use crate::code::Constant;
use crate::constant::repr;
use crate::tree::*;

// Priority levels (`PR_*`).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// `_PyAST_ExprAsUnicode`.
pub fn expr_as_str(e: &Expr) -> StrLit {
    let mut out = String::new();
    expr(&mut out, e, PR_TEST);
    StrLit::from_text(&out)
}

fn expr_as_string(e: &Expr, level: u8) -> String {
    let mut out = String::new();
    expr(&mut out, e, level);
    out
}

/// `append_repr`: infinities print as `1e309`, which parses back.
fn constant_repr(c: &Constant) -> String {
    let r = repr(c);
    match c {
        Constant::Float(f) if f.is_infinite() => r.replace("inf", "1e309"),
        Constant::Complex { .. } => r.replace("inf", "1e309"),
        _ => r,
    }
}

fn constant(out: &mut String, c: &Constant) {
    if let Constant::Tuple(items) = c {
        out.push('(');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            constant(out, item);
        }
        if items.len() == 1 {
            out.push(',');
        }
        out.push(')');
        return;
    }
    out.push_str(&constant_repr(c));
}

fn open(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

fn expr(out: &mut String, e: &Expr, level: u8) {
    crate::optimize::grow(|| expr_inner(out, e, level))
}

fn expr_inner(out: &mut String, e: &Expr, level: u8) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (sep, pr) = match op {
                BoolOperator::And => (" and ", PR_AND),
                BoolOperator::Or => (" or ", PR_OR),
            };
            open(out, level > pr);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                expr(out, v, pr + 1);
            }
            close(out, level > pr);
        }
        ExprKind::BinOp { left, op, right } => {
            let (sym, pr) = binop(*op);
            let rassoc = *op == Operator::Pow;
            open(out, level > pr);
            expr(out, left, pr + rassoc as u8);
            out.push_str(sym);
            expr(out, right, pr + !rassoc as u8);
            close(out, level > pr);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (sym, pr) = match op {
                UnaryOperator::Invert => ("~", PR_FACTOR),
                UnaryOperator::Not => ("not ", PR_NOT),
                UnaryOperator::UAdd => ("+", PR_FACTOR),
                UnaryOperator::USub => ("-", PR_FACTOR),
            };
            open(out, level > pr);
            out.push_str(sym);
            expr(out, operand, pr);
            close(out, level > pr);
        }
        ExprKind::Lambda { args, body } => {
            open(out, level > PR_TEST);
            let positional = args.args.len() + args.posonlyargs.len();
            out.push_str(if positional > 0 { "lambda " } else { "lambda" });
            arguments(out, args);
            out.push_str(": ");
            expr(out, body, PR_TEST);
            close(out, level > PR_TEST);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, level > PR_TEST);
            expr(out, body, PR_TEST + 1);
            out.push_str(" if ");
            expr(out, test, PR_TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, PR_TEST);
            close(out, level > PR_TEST);
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, PR_TEST);
                        out.push_str(": ");
                        expr(out, v, PR_TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, PR_EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } => sequence(out, "{", elts, "}"),
        ExprKind::List { elts, .. } => sequence(out, "[", elts, "]"),
        ExprKind::GeneratorExp { elt, generators } => {
            out.push('(');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push(')');
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::DictComp { key, value, generators } => {
            out.push('{');
            expr(out, key, PR_TEST);
            out.push_str(": ");
            expr(out, value, PR_TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, PR_TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            expr(out, value, PR_TEST);
            out.push(')');
        }
        ExprKind::Await { value } => {
            open(out, level > PR_AWAIT);
            out.push_str("await ");
            expr(out, value, PR_ATOM);
            close(out, level > PR_AWAIT);
        }
        ExprKind::Compare { left, ops, comparators } => {
            open(out, level > PR_CMP);
            expr(out, left, PR_CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(cmpop(*op));
                expr(out, c, PR_CMP + 1);
            }
            close(out, level > PR_CMP);
        }
        ExprKind::Call { func, args, keywords } => call(out, func, args, keywords),
        ExprKind::Constant { value, u_prefix } => {
            if matches!(value, Constant::Ellipsis) {
                out.push_str("...");
                return;
            }
            if *u_prefix {
                out.push('u');
            }
            constant(out, value);
        }
        ExprKind::JoinedStr { values } => joined_str(out, values, false),
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            formatted_value(out, value, *conversion, format_spec.as_deref())
        }
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, PR_ATOM);
            // An int needs a space: `1 .real`.
            let int = matches!(value.kind, ExprKind::Constant { value: Constant::Int(_), .. });
            out.push_str(if int { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, PR_ATOM);
            out.push('[');
            expr(out, slice, PR_TUPLE);
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, PR_EXPR);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, PR_TEST);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, PR_TEST);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, PR_TEST);
            }
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            open(out, level > PR_TUPLE);
            for (i, e) in elts.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(out, e, PR_TEST);
            }
            if elts.len() == 1 {
                out.push(',');
            }
            close(out, level > PR_TUPLE);
        }
        ExprKind::NamedExpr { target, value } => {
            open(out, level > PR_TUPLE);
            expr(out, target, PR_ATOM);
            out.push_str(" := ");
            expr(out, value, PR_ATOM);
            close(out, level > PR_TUPLE);
        }
    }
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::Pow => (" ** ", PR_POWER),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn sequence(out: &mut String, open_s: &str, elts: &[Expr], close_s: &str) {
    out.push_str(open_s);
    for (i, e) in elts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, e, PR_TEST);
    }
    out.push_str(close_s);
}

fn comprehensions(out: &mut String, gens: &[Comprehension]) {
    for g in gens {
        out.push_str(if g.is_async { " async for " } else { " for " });
        expr(out, &g.target, PR_TUPLE);
        out.push_str(" in ");
        expr(out, &g.iter, PR_TEST + 1);
        for cond in &g.ifs {
            out.push_str(" if ");
            expr(out, cond, PR_TEST + 1);
        }
    }
}

fn arg(out: &mut String, a: &Arg) {
    out.push_str(&a.arg);
    if let Some(ann) = &a.annotation {
        out.push_str(": ");
        expr(out, ann, PR_TEST);
    }
}

/// `append_ast_args`.
fn arguments(out: &mut String, args: &Arguments) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    let posonly = args.posonlyargs.len();
    let total = posonly + args.args.len();
    let ndefaults = args.defaults.len();
    for i in 0..total {
        sep(out);
        let a = if i < posonly { &args.posonlyargs[i] } else { &args.args[i - posonly] };
        arg(out, a);
        let di = i as isize - total as isize + ndefaults as isize;
        if di >= 0 {
            out.push('=');
            expr(out, &args.defaults[di as usize], PR_TEST);
        }
        if posonly > 0 && i + 1 == posonly {
            out.push_str(", /");
        }
    }
    if args.vararg.is_some() || !args.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = &args.vararg {
            arg(out, v);
        }
    }
    let nkw = args.kwonlyargs.len();
    let nkwdefaults = args.kw_defaults.len();
    for (i, a) in args.kwonlyargs.iter().enumerate() {
        sep(out);
        arg(out, a);
        let di = i as isize - nkw as isize + nkwdefaults as isize;
        if di >= 0 {
            if let Some(Some(d)) = args.kw_defaults.get(di as usize) {
                out.push('=');
                expr(out, d, PR_TEST);
            }
        }
    }
    if let Some(k) = &args.kwarg {
        sep(out);
        out.push_str("**");
        arg(out, k);
    }
}

fn call(out: &mut String, func: &Expr, args: &[Expr], keywords: &[Keyword]) {
    expr(out, func, PR_ATOM);
    if args.len() == 1 && keywords.is_empty() {
        if let ExprKind::GeneratorExp { elt, generators } = &args[0].kind {
            // A lone generator expression brings its own parentheses.
            out.push('(');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push(')');
            return;
        }
    }
    out.push('(');
    let mut first = true;
    for a in args {
        if !first {
            out.push_str(", ");
        }
        first = false;
        expr(out, a, PR_TEST);
    }
    for k in keywords {
        if !first {
            out.push_str(", ");
        }
        first = false;
        match &k.arg {
            None => out.push_str("**"),
            Some(name) => {
                out.push_str(name);
                out.push('=');
            }
        }
        expr(out, &k.value, PR_TEST);
    }
    out.push(')');
}

fn escape_braces(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

fn fstring_element(out: &mut String, e: &Expr, is_format_spec: bool) {
    match &e.kind {
        ExprKind::Constant { value: Constant::Str(s), .. } => {
            out.push_str(&escape_braces(&String::from_utf8_lossy(s.as_bytes())));
        }
        ExprKind::JoinedStr { values } => joined_str(out, values, is_format_spec),
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            formatted_value(out, value, *conversion, format_spec.as_deref())
        }
        _ => {}
    }
}

fn joined_str(out: &mut String, values: &[Expr], is_format_spec: bool) {
    let mut body = String::new();
    for v in values {
        fstring_element(&mut body, v, is_format_spec);
    }
    if is_format_spec {
        out.push_str(&body);
    } else {
        out.push('f');
        out.push_str(&repr(&Constant::Str(StrLit::from_text(&body))));
    }
}

fn formatted_value(out: &mut String, value: &Expr, conversion: i32, spec: Option<&Expr>) {
    // Parenthesize a lambda, whose `:` would end the expression.
    let inner = expr_as_string(value, PR_TEST + 1);
    out.push_str(if inner.starts_with('{') { "{ " } else { "{" });
    out.push_str(&inner);
    match u8::try_from(conversion).map(char::from) {
        Ok('a') => out.push_str("!a"),
        Ok('r') => out.push_str("!r"),
        Ok('s') => out.push_str("!s"),
        _ => {}
    }
    if let Some(s) = spec {
        out.push(':');
        fstring_element(out, s, true);
    }
    out.push('}');
}
