//! Taipan's native modules (CPython's `Modules/`): one file or folder per
//! module, named as CPython names it. They reach the VM only through
//! `taipan_vm::api`; the VM knows them only through the module table below,
//! which the `taipan` binary hands to the interpreter it builds.

use taipan_vm::api::ModuleDef;

mod _abc;
mod _ast;
mod _asyncio;
mod _bisect;
mod _blake2;
mod _bz2;
mod _codecs;
mod _collections;
mod _contextvars;
mod _crypt;
mod _csv;
mod _datetime;
mod _dbm;
mod _elementtree;
mod _functools;
mod _gdbm;
mod _hashlib;
mod _heapq;
mod _imp;
pub mod _io;
mod _json;
mod _locale;
mod _lsprof;
mod _lzma;
mod _md5;
mod _multibytecodec;
mod _multiprocessing;
mod _opcode;
mod _operator;
mod _pickle;
mod _posixsubprocess;
mod _queue;
mod _random;
mod _sha1;
mod _sha256;
mod _sha3;
mod _sha512;
mod _signal;
mod _socket;
mod _sqlite3;
mod _sre;
mod _ssl;
mod _stat;
mod _statistics;
mod _string;
mod _struct;
mod _symtable;
mod _testcapi;
mod _testinternalcapi;
mod _thread;
mod _tokenize;
mod _tracemalloc;
mod _typing;
mod _uuid;
mod _warnings;
mod _weakref;
mod _zoneinfo;
mod array;
mod atexit;
mod audioop;
mod binascii;
mod clinic;
mod cmath;
mod converters;
mod errno;
mod faulthandler;
mod fcntl;
mod gc;
mod grp;
mod hashlib_h;
mod itertools;
mod libm;
mod marshal;
mod math;
mod mmap;
mod openssl_lazy;
mod posix;
mod pwd;
mod pyexpat;
mod resource;
mod select;
mod spwd;
mod structseq;
mod support;
mod syslog;
mod termios;
mod time;
mod unicodedata;
mod zlib;

/// The native modules of the standard library (CPython's `Modules/config.c`).
pub static MODULES: &[ModuleDef] = &[
    ModuleDef { name: "_abc", init: _abc::init },
    ModuleDef { name: "_ast", init: _ast::init },
    ModuleDef { name: "_asyncio", init: _asyncio::init },
    ModuleDef { name: "_bisect", init: _bisect::init },
    ModuleDef { name: "_blake2", init: _blake2::init },
    ModuleDef { name: "_bz2", init: _bz2::init },
    ModuleDef { name: "_codecs", init: _codecs::init },
    ModuleDef { name: "_codecs_cn", init: _multibytecodec::cjk::init_cn },
    ModuleDef { name: "_codecs_hk", init: _multibytecodec::cjk::init_hk },
    ModuleDef { name: "_codecs_iso2022", init: _multibytecodec::cjk::init_iso2022 },
    ModuleDef { name: "_codecs_jp", init: _multibytecodec::cjk::init_jp },
    ModuleDef { name: "_codecs_kr", init: _multibytecodec::cjk::init_kr },
    ModuleDef { name: "_codecs_tw", init: _multibytecodec::cjk::init_tw },
    ModuleDef { name: "_collections", init: _collections::init },
    ModuleDef { name: "_contextvars", init: _contextvars::init },
    ModuleDef { name: "_crypt", init: _crypt::init },
    ModuleDef { name: "_csv", init: _csv::init },
    ModuleDef { name: "_datetime", init: _datetime::init },
    ModuleDef { name: "_dbm", init: _dbm::init },
    ModuleDef { name: "_elementtree", init: _elementtree::init },
    ModuleDef { name: "_functools", init: _functools::init },
    ModuleDef { name: "_gdbm", init: _gdbm::init },
    ModuleDef { name: "_hashlib", init: _hashlib::init },
    ModuleDef { name: "_heapq", init: _heapq::init },
    ModuleDef { name: "_imp", init: _imp::init },
    ModuleDef { name: "_io", init: _io::init },
    ModuleDef { name: "_json", init: _json::init },
    ModuleDef { name: "_locale", init: _locale::init },
    ModuleDef { name: "_lsprof", init: _lsprof::init },
    ModuleDef { name: "_lzma", init: _lzma::init },
    ModuleDef { name: "_md5", init: _md5::init },
    ModuleDef { name: "_multibytecodec", init: _multibytecodec::init },
    ModuleDef { name: "_multiprocessing", init: _multiprocessing::init },
    ModuleDef { name: "_opcode", init: _opcode::init },
    ModuleDef { name: "_operator", init: _operator::init },
    ModuleDef { name: "_pickle", init: _pickle::init },
    ModuleDef { name: "_posixshmem", init: _multiprocessing::posixshmem::init },
    ModuleDef { name: "_posixsubprocess", init: _posixsubprocess::init },
    ModuleDef { name: "_queue", init: _queue::init },
    ModuleDef { name: "_random", init: _random::init },
    ModuleDef { name: "_sha1", init: _sha1::init },
    ModuleDef { name: "_sha256", init: _sha256::init },
    ModuleDef { name: "_sha3", init: _sha3::init },
    ModuleDef { name: "_sha512", init: _sha512::init },
    ModuleDef { name: "_signal", init: _signal::init },
    ModuleDef { name: "_socket", init: _socket::init },
    ModuleDef { name: "_sqlite3", init: _sqlite3::init },
    ModuleDef { name: "_sre", init: _sre::init },
    ModuleDef { name: "_ssl", init: _ssl::init },
    ModuleDef { name: "_stat", init: _stat::init },
    ModuleDef { name: "_statistics", init: _statistics::init },
    ModuleDef { name: "_string", init: _string::init },
    ModuleDef { name: "_struct", init: _struct::init },
    ModuleDef { name: "_symtable", init: _symtable::init },
    ModuleDef { name: "_tokenize", init: _tokenize::init },
    ModuleDef { name: "_testcapi", init: _testcapi::init },
    ModuleDef { name: "_testinternalcapi", init: _testinternalcapi::init },
    ModuleDef { name: "_thread", init: _thread::init },
    ModuleDef { name: "_tracemalloc", init: _tracemalloc::init },
    ModuleDef { name: "_typing", init: _typing::init },
    ModuleDef { name: "_uuid", init: _uuid::init },
    ModuleDef { name: "_warnings", init: _warnings::init },
    ModuleDef { name: "_weakref", init: _weakref::init },
    ModuleDef { name: "_zoneinfo", init: _zoneinfo::init },
    ModuleDef { name: "array", init: array::init },
    ModuleDef { name: "atexit", init: atexit::init },
    ModuleDef { name: "audioop", init: audioop::init },
    ModuleDef { name: "binascii", init: binascii::init },
    ModuleDef { name: "cmath", init: cmath::init },
    ModuleDef { name: "errno", init: errno::init },
    ModuleDef { name: "faulthandler", init: faulthandler::init },
    ModuleDef { name: "fcntl", init: fcntl::init },
    ModuleDef { name: "gc", init: gc::init },
    ModuleDef { name: "grp", init: grp::init },
    ModuleDef { name: "itertools", init: itertools::init },
    ModuleDef { name: "marshal", init: marshal::init },
    ModuleDef { name: "math", init: math::init },
    ModuleDef { name: "mmap", init: mmap::init },
    ModuleDef { name: "posix", init: posix::init },
    ModuleDef { name: "pwd", init: pwd::init },
    ModuleDef { name: "pyexpat", init: pyexpat::init },
    ModuleDef { name: "resource", init: resource::init },
    ModuleDef { name: "select", init: select::init },
    ModuleDef { name: "spwd", init: spwd::init },
    ModuleDef { name: "syslog", init: syslog::init },
    ModuleDef { name: "termios", init: termios::init },
    ModuleDef { name: "time", init: time::init },
    ModuleDef { name: "unicodedata", init: unicodedata::init },
    ModuleDef { name: "zlib", init: zlib::init },
];
