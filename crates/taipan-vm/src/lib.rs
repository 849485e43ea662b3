//! The Taipan virtual machine: the object model, the eval loop, the core
//! types, `builtins`, `sys` and the import system (CPython's `Objects/` and
//! `Python/`). See docs/ARCHITECTURE.md for the map and the invariants.
//!
//! **API Boundary:** only [`api`] is public; native modules, the C API and
//! embedders use nothing else.

#![warn(unreachable_pub)]

pub mod api;

mod args;
mod atexit;
mod builtins;
mod codecs;
mod context;
mod eval;
mod format;
mod gc;
mod hash;
mod import;
mod modules;
mod object;
mod objects;
mod protocol;
mod pystate;
mod pythonrun;
mod signals;
mod vm;
mod warnings;
