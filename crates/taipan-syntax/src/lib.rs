//! Taipan's front end: CPython 3.11's tokenizer and parser, producing CPython's
//! AST exactly (node types, fields and positions) and CPython's SyntaxErrors.
//!
//! Architecture Invariant: this crate knows nothing about the compiler or the
//! VM; it turns bytes into an AST or a `SyntaxError`, and never panics.

// A parse ends with one SyntaxError returned by value; boxing it would add
// an allocation to every error and save nothing on the success path.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod error;
pub mod literal;
pub mod parser;
pub mod source;
pub mod token;
pub mod tokenizer;

pub use error::{ErrorType, SyntaxError, Warning, WarningCategory};
pub use parser::{
    parse, parse_interactive, parse_module, parse_with_options, set_int_max_str_digits, Interactive, InteractiveOutput,
    ParseOptions, ParseOutput, StartRule,
};
pub use source::InputMode;
