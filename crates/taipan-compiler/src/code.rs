//! Code objects as plain data: what the compiler produces and the VM wraps.
//!
//! The fields are CPython 3.11's `PyCodeObject` fields (the `co_*` attributes),
//! in CPython's encodings: `code` is 3.11 wordcode with its inline CACHE units,
//! `linetable` is the 3.11 location table, `exceptiontable` the 3.11
//! exception table, and locals are kept as CPython 3.11 keeps them
//! (`co_localsplusnames` with a kind byte each).
//!
//! Architecture Invariant: nothing here refers to the VM; a `CodeObject` is
//! built, compared, marshalled and dumped without one.

use std::rc::Rc;

use taipan_syntax::ast::{Ident, Int};
use taipan_syntax::literal::StrLit;

/// `co_flags` bits (CPython's `CO_*`).
pub mod flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    /// `from __future__ import annotations`.
    pub const FUTURE_ANNOTATIONS: u32 = 0x0100_0000;
    /// `from __future__ import barry_as_FLUFL`.
    pub const FUTURE_BARRY_AS_BDFL: u32 = 0x0040_0000;
    pub const FUTURE_GENERATOR_STOP: u32 = 0x0080_0000;
}

/// The kind byte of each entry of `co_localsplusnames` (CPython's `CO_FAST_*`).
pub mod local_kind {
    pub const LOCAL: u8 = 0x20;
    pub const CELL: u8 = 0x40;
    pub const FREE: u8 = 0x80;
}

/// A constant of `co_consts`.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Ellipsis,
    Bool(bool),
    Int(Int),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(StrLit),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
    Code(Rc<CodeObject>),
}

/// Structural equality, except that a frozenset's items compare in any
/// order (code objects compare their constants so in CPython: a frozenset
/// read back from marshal data need not keep the compiler's order).
impl PartialEq for Constant {
    fn eq(&self, other: &Self) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Complex { real: r1, imag: i1 }, Complex { real: r2, imag: i2 }) => r1 == r2 && i1 == i2,
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) => a == b,
            (FrozenSet(a), FrozenSet(b)) => a.len() == b.len() && a.iter().all(|x| b.contains(x)),
            (Code(a), Code(b)) => a == b,
            _ => false,
        }
    }
}

/// A compiled code object (CPython 3.11's `PyCodeObject`).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: u32,
    /// `co_code`: 16-bit code units (opcode, oparg), CACHE units included.
    pub code: Vec<u8>,
    pub consts: Vec<Constant>,
    pub names: Vec<Ident>,
    /// `co_localsplusnames`: arguments and locals, then cells, then frees.
    pub localsplusnames: Vec<Ident>,
    /// `co_localspluskinds`: a `local_kind` bit set per name.
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: Ident,
    pub qualname: String,
    pub firstlineno: u32,
    /// `co_linetable` in CPython 3.11's location table format.
    pub linetable: Vec<u8>,
    /// `co_exceptiontable` in CPython 3.11's varint format.
    pub exceptiontable: Vec<u8>,
}

impl CodeObject {
    fn names_of_kind(&self, pred: impl Fn(u8) -> bool) -> Vec<Ident> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, &k)| pred(k))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// `co_varnames`: the names of the plain locals, arguments first.
    pub fn varnames(&self) -> Vec<Ident> {
        self.names_of_kind(|k| k & local_kind::LOCAL != 0)
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<Ident> {
        self.names_of_kind(|k| k & local_kind::CELL != 0)
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<Ident> {
        self.names_of_kind(|k| k & local_kind::FREE != 0)
    }

    /// `co_nlocalsplus`.
    pub fn nlocalsplus(&self) -> usize {
        self.localsplusnames.len()
    }
}
