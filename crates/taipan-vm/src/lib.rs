//! The Taipan virtual machine: the object model, the eval loop, the core
//! types, `builtins`, `sys` and the import system (CPython's `Objects/` and
//! `Python/`). See docs/ARCHITECTURE.md for the map and the invariants.

pub mod args;
pub mod builtins;
pub mod codecs;
pub mod context;
pub mod eval;
pub mod format;
pub mod hash;
pub mod import;
pub mod modules;
pub mod object;
pub mod objects;
pub mod protocol;
pub mod pythonrun;
pub mod vm;
pub mod warnings;

pub use object::Obj;
pub use vm::{Config, PyErr, PyResult, Vm};
