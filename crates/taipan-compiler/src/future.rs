//! `from __future__ import ...` (CPython's `Python/future.c`): which future
//! features a module turns on, and the errors for unknown or late ones.
//!
//! It runs on the parser's tree, before constant folding, as in CPython.

use crate::error::CompileError;
use taipan_syntax::ast::{self as syn};

use crate::code::flags;
use crate::error;

/// The future features of a module (`PyFutureFeatures`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Future {
    /// `CO_FUTURE_*` bits (only the features that change compilation).
    pub features: u32,
    /// The line of the last future statement (-1 if none).
    pub lineno: i64,
}

fn is_docstring(s: &syn::Stmt) -> bool {
    matches!(&s.kind, syn::StmtKind::Expr { value }
        if matches!(value.kind, syn::ExprKind::Constant { value: syn::Constant::Str(_), .. }))
}

/// `future_check_features`.
fn check_features(ff: &mut Future, s: &syn::Stmt, names: &[syn::Alias], filename: &str) -> Result<(), CompileError> {
    for alias in names {
        match alias.name.as_str() {
            "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement" | "print_function"
            | "unicode_literals" | "generator_stop" => {}
            "barry_as_FLUFL" => ff.features |= flags::FUTURE_BARRY_AS_BDFL,
            "annotations" => ff.features |= flags::FUTURE_ANNOTATIONS,
            "braces" => return Err(at_statement(filename, "not a chance", s, 1)),
            other => {
                let msg = format!("future feature {} is not defined", truncate(other, 100));
                return Err(at_statement(filename, msg, s, 1));
            }
        }
    }
    Ok(())
}

/// `%.100s` keeps at most 100 bytes.
fn truncate(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `PyErr_SyntaxLocationObject(filename, lineno, col_offset + delta)`.
fn at_statement(filename: &str, msg: impl Into<String>, s: &syn::Stmt, delta: i64) -> CompileError {
    let lineno = s.range.lineno as i64;
    error::located(filename, msg, lineno, s.range.col_offset as i64 + delta, lineno, -1)
}

/// `_PyFuture_FromAST`.
pub fn parse(module: &syn::Mod, filename: &str) -> Result<Future, CompileError> {
    let mut ff = Future { features: 0, lineno: -1 };
    let body = match module {
        syn::Mod::Module { body, .. } | syn::Mod::Interactive { body } => body,
        _ => return Ok(ff),
    };
    let mut done = false;
    let mut prev_line = 0;
    let start = usize::from(body.first().is_some_and(is_docstring));
    for s in &body[start.min(body.len())..] {
        let lineno = s.range.lineno as i64;
        if done && lineno > prev_line {
            return Ok(ff);
        }
        prev_line = lineno;
        match &s.kind {
            syn::StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                if done {
                    let msg = "from __future__ imports must occur at the beginning of the file";
                    return Err(at_statement(filename, msg, s, 0));
                }
                check_features(&mut ff, s, names, filename)?;
                ff.lineno = lineno;
            }
            _ => done = true,
        }
    }
    Ok(ff)
}
