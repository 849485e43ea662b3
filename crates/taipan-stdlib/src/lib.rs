//! Taipan's native modules (CPython's `Modules/`): one file or folder per
//! module, named as CPython names it. They reach the VM only through
//! `taipan_vm::api`; the VM knows them only through the module table below,
//! which the `taipan` binary hands to the interpreter it builds.

use taipan_vm::api::ModuleDef;

mod _codecs;
mod _collections;
mod _imp;
pub mod _io;
mod _sre;
mod _stat;
mod _struct;
mod _warnings;
mod _weakref;
mod atexit;
mod clinic;
mod errno;
mod fcntl;
mod gc;
mod grp;
mod itertools;
mod libm;
mod marshal;
mod math;
mod posix;
mod pwd;
mod resource;
mod select;
mod structseq;
mod support;
mod time;

/// The native modules of the standard library (CPython's `Modules/config.c`).
pub static MODULES: &[ModuleDef] = &[
    ModuleDef { name: "_codecs", init: _codecs::init },
    ModuleDef { name: "_collections", init: _collections::init },
    ModuleDef { name: "_imp", init: _imp::init },
    ModuleDef { name: "_io", init: _io::init },
    ModuleDef { name: "_sre", init: _sre::init },
    ModuleDef { name: "_stat", init: _stat::init },
    ModuleDef { name: "_struct", init: _struct::init },
    ModuleDef { name: "_warnings", init: _warnings::init },
    ModuleDef { name: "_weakref", init: _weakref::init },
    ModuleDef { name: "atexit", init: atexit::init },
    ModuleDef { name: "errno", init: errno::init },
    ModuleDef { name: "fcntl", init: fcntl::init },
    ModuleDef { name: "gc", init: gc::init },
    ModuleDef { name: "grp", init: grp::init },
    ModuleDef { name: "itertools", init: itertools::init },
    ModuleDef { name: "marshal", init: marshal::init },
    ModuleDef { name: "math", init: math::init },
    ModuleDef { name: "posix", init: posix::init },
    ModuleDef { name: "pwd", init: pwd::init },
    ModuleDef { name: "resource", init: resource::init },
    ModuleDef { name: "select", init: select::init },
    ModuleDef { name: "time", init: time::init },
];
