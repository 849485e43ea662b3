//! Taipan's native modules (CPython's `Modules/`): one file or folder per
//! module, named as CPython names it. They reach the VM only through
//! `taipan_vm::api`; the VM knows them only through the module table below,
//! which the `taipan` binary hands to the interpreter it builds.

use taipan_vm::api::ModuleDef;

mod _codecs;
mod _collections;
mod _csv;
mod _functools;
mod _socket;
pub mod _io;
mod _sre;
mod _stat;
mod _thread;
mod _random;
mod _string;
mod _struct;
mod _imp;
mod _warnings;
mod _weakref;
mod atexit;
mod clinic;
mod cmath;
mod errno;
mod gc;
mod posix;
mod structseq;
mod time;
mod itertools;
mod support;
mod termios;
mod unicodedata;
mod libm;
mod math;
mod marshal;

/// The native modules of the standard library (CPython's `Modules/config.c`).
pub static MODULES: &[ModuleDef] = &[
    ModuleDef { name: "_codecs", init: _codecs::init },
    ModuleDef { name: "_collections", init: _collections::init },
    ModuleDef { name: "_csv", init: _csv::init },
    ModuleDef { name: "_functools", init: _functools::init },
    ModuleDef { name: "_io", init: _io::init },
    ModuleDef { name: "_socket", init: _socket::init },
    ModuleDef { name: "_sre", init: _sre::init },
    ModuleDef { name: "_stat", init: _stat::init },
    ModuleDef { name: "_thread", init: _thread::init },
    ModuleDef { name: "_random", init: _random::init },
    ModuleDef { name: "_string", init: _string::init },
    ModuleDef { name: "_struct", init: _struct::init },
    ModuleDef { name: "_imp", init: _imp::init },
    ModuleDef { name: "_warnings", init: _warnings::init },
    ModuleDef { name: "_weakref", init: _weakref::init },
    ModuleDef { name: "atexit", init: atexit::init },
    ModuleDef { name: "cmath", init: cmath::init },
    ModuleDef { name: "errno", init: errno::init },
    ModuleDef { name: "gc", init: gc::init },
    ModuleDef { name: "posix", init: posix::init },
    ModuleDef { name: "time", init: time::init },
    ModuleDef { name: "itertools", init: itertools::init },
    ModuleDef { name: "termios", init: termios::init },
    ModuleDef { name: "unicodedata", init: unicodedata::init },
    ModuleDef { name: "math", init: math::init },
    ModuleDef { name: "marshal", init: marshal::init },
];
