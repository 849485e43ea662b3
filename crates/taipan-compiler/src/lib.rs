//! The compiler: AST to CPython 3.11 code objects.
//!
//! The pipeline is CPython's, one file per stage:
//! `future.rs` (Python/future.c) reads the `__future__` imports;
//! `optimize.rs` (Python/ast_opt.c) copies the parser's tree into the
//! compiler's own (`tree.rs`), folding constants; `symtable.rs`
//! (Python/symtable.c) resolves every name's scope; `compile/`
//! (Python/compile.c) emits instructions into a control-flow graph
//! (`flowgraph.rs`), which `assemble.rs` optimizes and lays out into a
//! `CodeObject` with 3.11's wordcode, location table and exception table.
//! `dump.rs` renders code objects for comparison with CPython's.
//!
//! Architecture Invariant: the compiler knows nothing of the VM. It turns a
//! `taipan_syntax::ast::Mod` into a `CodeObject`, plain data.

pub mod assemble;
pub mod code;
pub mod compile;
pub mod constant;
pub mod dump;
pub mod error;
pub mod flowgraph;
pub mod future;
pub mod opcode;
pub mod optimize;
pub mod ordmap;
pub mod symtable;
pub mod tree;
pub mod unparse;

pub use code::{CodeObject, Constant};
pub use dump::dump_code;
pub use opcode::Opcode;

use taipan_syntax::ast::Mod;
use taipan_syntax::{SyntaxError, Warning};

/// The `mode` argument of `compile()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Exec,
    Eval,
    Single,
}

/// What `compile()` takes besides the tree and the filename.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompileOptions {
    pub mode: Mode,
    /// `-O` level: 1 drops asserts and makes `__debug__` false, 2 also
    /// drops docstrings.
    pub optimize: u8,
    /// `compile()`'s flags: future features (`CO_FUTURE_*`) and
    /// `PyCF_ALLOW_TOP_LEVEL_AWAIT`.
    pub flags: u32,
}

/// A compilation's outcome with the SyntaxWarnings it emitted (in order;
/// the caller passes them to the `warnings` machinery).
#[derive(Debug)]
pub struct CompileOutput {
    pub result: Result<CodeObject, SyntaxError>,
    pub warnings: Vec<Warning>,
}

/// Compile a module, as CPython's `compile()` does for an AST.
// The error is returned unboxed: it is the public face of `compile()`.
#[allow(clippy::result_large_err)]
pub fn compile(module: &Mod, filename: &str, options: &CompileOptions) -> Result<CodeObject, SyntaxError> {
    compile_with_warnings(module, filename, options).result
}

/// `compile`, also returning the SyntaxWarnings.
pub fn compile_with_warnings(module: &Mod, filename: &str, options: &CompileOptions) -> CompileOutput {
    let mut warnings = Vec::new();
    let result = compile_inner(module, filename, options, &mut warnings).map_err(|e| *e);
    CompileOutput { result, warnings }
}

/// The symbol table of a parsed module, as the `symtable` module shows it
/// (CPython's `_Py_SymtableStringObjectFlags` after parsing).
#[allow(clippy::result_large_err)]
pub fn symtable_of(module: &Mod, filename: &str, flags: u32) -> Result<symtable::SymbolTable, SyntaxError> {
    let build = || -> Result<symtable::SymbolTable, error::CompileError> {
        let future = future::parse(module, filename)?;
        let future_annotations = (future.features | flags) & code::flags::FUTURE_ANNOTATIONS != 0;
        let tree = optimize::optimize_module(module, 0, future_annotations)?;
        symtable::build(&tree, filename, future_annotations)
    };
    build().map_err(|e| *e)
}

fn check_mode(module: &Mod, mode: Mode) -> Result<(), error::CompileError> {
    let (ok, expected) = match mode {
        Mode::Exec => (matches!(module, Mod::Module { .. }), "Module"),
        Mode::Eval => (matches!(module, Mod::Expression { .. }), "Expression"),
        Mode::Single => (matches!(module, Mod::Interactive { .. }), "Interactive"),
    };
    if ok {
        Ok(())
    } else {
        Err(error::internal(format!("expected {expected} node, got {}", module.name())))
    }
}

fn compile_inner(
    module: &Mod,
    filename: &str,
    options: &CompileOptions,
    warnings: &mut Vec<Warning>,
) -> Result<CodeObject, error::CompileError> {
    check_mode(module, options.mode)?;
    let mut future = future::parse(module, filename)?;
    // The future features found and the flags passed are merged both ways.
    let merged = future.features | options.flags;
    future.features = merged;
    let future_annotations = merged & code::flags::FUTURE_ANNOTATIONS != 0;
    let tree = optimize::optimize_module(module, options.optimize, future_annotations)?;
    let table = symtable::build(&tree, filename, future_annotations)?;
    let mut c = compile::Compiler::new(filename, &table, future, merged, options.optimize);
    let result = c.compile_module(&tree);
    warnings.append(&mut c.warnings);
    result
}
