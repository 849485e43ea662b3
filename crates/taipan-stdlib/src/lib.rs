//! Taipan's native modules (CPython's `Modules/`): one file or folder per
//! module, named as CPython names it. They reach the VM only through
//! `taipan_vm::api`; the VM knows them only through the module table below,
//! which the `taipan` binary hands to the interpreter it builds.

use taipan_vm::api::ModuleDef;

mod _bisect;
mod _collections;
mod _functools;
mod _heapq;
mod _imp;
pub mod _io;
mod _operator;
mod _warnings;
mod _weakref;
mod atexit;
mod errno;
mod gc;
mod itertools;
mod marshal;
mod support;

/// The native modules of the standard library (CPython's `Modules/config.c`).
pub static MODULES: &[ModuleDef] = &[
    ModuleDef { name: "_bisect", init: _bisect::init },
    ModuleDef { name: "_collections", init: _collections::init },
    ModuleDef { name: "_functools", init: _functools::init },
    ModuleDef { name: "_heapq", init: _heapq::init },
    ModuleDef { name: "_imp", init: _imp::init },
    ModuleDef { name: "_io", init: _io::init },
    ModuleDef { name: "_operator", init: _operator::init },
    ModuleDef { name: "_warnings", init: _warnings::init },
    ModuleDef { name: "_weakref", init: _weakref::init },
    ModuleDef { name: "atexit", init: atexit::init },
    ModuleDef { name: "errno", init: errno::init },
    ModuleDef { name: "gc", init: gc::init },
    ModuleDef { name: "itertools", init: itertools::init },
    ModuleDef { name: "marshal", init: marshal::init },
];
