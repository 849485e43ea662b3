//! A canonical text dump of code objects, field by field, for comparison
//! with CPython's (`tests/compiler/dump_code.py` prints the same format from
//! CPython's own code objects).
//!
//! Each code object is a `code QUALNAME line N` header followed by one
//! `  field: value` line per field; nested code objects (constants) follow
//! their parent, depth first. Constants are shown as Python reprs, with a
//! nested code object as `<code NAME>` and frozenset items sorted.

use std::fmt::Write;

use taipan_syntax::literal::StrLit;

use crate::code::{CodeObject, Constant};
use crate::constant::repr;

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn names_repr(names: &[taipan_syntax::ast::Ident]) -> String {
    let items = names.iter().map(|n| Constant::Str(StrLit::from_text(n))).collect();
    repr(&Constant::Tuple(items))
}

/// Dump a code object and, after it, every code object nested in it.
pub fn dump_code(code: &CodeObject) -> String {
    let mut out = String::new();
    dump_into(&mut out, code);
    out
}

fn dump_into(out: &mut String, c: &CodeObject) {
    let _ = writeln!(out, "code {} line {}", c.qualname, c.firstlineno);
    let _ = writeln!(out, "  name: {}", c.name);
    let _ = writeln!(out, "  argcount: {}", c.argcount);
    let _ = writeln!(out, "  posonlyargcount: {}", c.posonlyargcount);
    let _ = writeln!(out, "  kwonlyargcount: {}", c.kwonlyargcount);
    let _ = writeln!(out, "  stacksize: {}", c.stacksize);
    let _ = writeln!(out, "  flags: 0x{:08x}", c.flags);
    let _ = writeln!(out, "  firstlineno: {}", c.firstlineno);
    let _ = writeln!(out, "  code: {}", hex(&c.code));
    let _ = writeln!(out, "  consts: {}", repr(&Constant::Tuple(c.consts.clone())));
    let _ = writeln!(out, "  names: {}", names_repr(&c.names));
    let _ = writeln!(out, "  localsplusnames: {}", names_repr(&c.localsplusnames));
    let _ = writeln!(out, "  localspluskinds: {}", hex(&c.localspluskinds));
    let _ = writeln!(out, "  linetable: {}", hex(&c.linetable));
    let _ = writeln!(out, "  exceptiontable: {}", hex(&c.exceptiontable));
    for k in &c.consts {
        if let Constant::Code(inner) = k {
            dump_into(out, inner);
        }
    }
}
