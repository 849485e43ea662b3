//! CPython 3.11's abstract syntax tree.
//!
//! The node types in `nodes.rs` are generated from CPython's own `ast` module by
//! `tools/gen_ast.py`, so names, fields and their order are CPython's. Positions
//! follow CPython: 1-based lines, 0-based columns counted in UTF-8 bytes.

mod drop;
mod dump;
mod nodes;

pub use drop::max_depth;
pub use dump::{dump, DumpValue, Dumper};
pub use nodes::*;

use crate::literal::StrLit;
use num_bigint::BigInt;

/// An identifier (already NFKC-normalized, as CPython's parser does).
pub type Ident = compact_str::CompactString;

/// A node's source span: CPython's `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Range {
    pub lineno: u32,
    pub col_offset: u32,
    pub end_lineno: u32,
    pub end_col_offset: u32,
}

impl Range {
    pub const fn new(lineno: u32, col_offset: u32, end_lineno: u32, end_col_offset: u32) -> Self {
        Range { lineno, col_offset, end_lineno, end_col_offset }
    }

    /// The span from the start of `self` to the end of `end`.
    pub fn to(self, end: Range) -> Range {
        Range { end_lineno: end.end_lineno, end_col_offset: end.end_col_offset, ..self }
    }
}

/// An integer literal: a machine word when it fits, a bigint otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Int {
    Small(i64),
    Big(Box<BigInt>),
}

impl Int {
    pub fn from_bigint(value: BigInt) -> Int {
        match i64::try_from(&value) {
            Ok(v) => Int::Small(v),
            Err(_) => Int::Big(Box::new(value)),
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        match self {
            Int::Small(v) => BigInt::from(*v),
            Int::Big(b) => (**b).clone(),
        }
    }
}

impl std::fmt::Display for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Int::Small(v) => write!(f, "{v}"),
            Int::Big(b) => write!(f, "{b}"),
        }
    }
}

/// The value of a `Constant` node (ASDL `constant`). `FrozenSet`, and
/// `Tuple` inside one, are never parsed: they come from an AST object a
/// program built (`ast.Constant(value=frozenset(...))`; a tuple constant
/// outside a frozenset becomes a `Tuple` of constants instead).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(Int),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(StrLit),
    Bytes(Vec<u8>),
    FrozenSet(Vec<Constant>),
    Tuple(Vec<Constant>),
}

impl Expr {
    pub fn new(kind: ExprKind, range: Range) -> Expr {
        Expr { kind, range }
    }
}

impl Stmt {
    pub fn new(kind: StmtKind, range: Range) -> Stmt {
        Stmt { kind, range }
    }
}

impl Pattern {
    pub fn new(kind: PatternKind, range: Range) -> Pattern {
        Pattern { kind, range }
    }
}

// Node sizes are pinned so that they never grow unnoticed: every byte here is
// paid for each node of every parsed file. 64 bytes for `Expr` is also a size
// class of common allocators (mimalloc's aligned path misses on 80).
const _: () = assert!(std::mem::size_of::<Expr>() == 64);

#[cfg(test)]
mod size_tests {
    use super::*;

    // Node sizes are pinned so that they never grow unnoticed: every byte here
    // is paid for each node of every parsed file.
    #[test]
    fn node_sizes() {
        assert_eq!(std::mem::size_of::<Range>(), 16);
        assert_eq!(std::mem::size_of::<Constant>(), 32);
        assert_eq!(std::mem::size_of::<Expr>(), 64);
        assert_eq!(std::mem::size_of::<Option<Expr>>(), 64);
    }
}
