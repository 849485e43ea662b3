//! The compiler: AST to CPython 3.11 code objects (CPython's
//! `Python/symtable.c`, `Python/compile.c`, `Python/ast_opt.c`).
//!
//! Architecture Invariant: the compiler knows nothing of the VM. It turns a
//! `taipan_syntax::ast::Mod` into a `CodeObject`, plain data.

pub mod code;
pub mod constant;
pub mod error;
pub mod opcode;
pub mod optimize;
pub mod ordmap;
pub mod symtable;
pub mod tree;

pub use code::{CodeObject, Constant};
pub use opcode::Opcode;
