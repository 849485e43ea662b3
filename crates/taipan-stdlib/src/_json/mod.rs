//! `_json` (CPython's `Modules/_json.c`): the accelerator under Lib's
//! `json`: `scanstring`, `encode_basestring(_ascii)`, the scanner type
//! (`make_scanner`, behind `JSONDecoder.scan_once`) and the encoder type
//! (`make_encoder`, behind `JSONEncoder.iterencode(..., _one_shot=True)`),
//! with CPython 3.11's messages and positions.
//!
//! The decoder (`scanner.rs`) reads the str's own storage (ASCII, Latin-1,
//! UCS-2 or UCS-4) through one generic parser, as CPython reads
//! `PyUnicode_DATA` by kind; the encoder (`encoder.rs`) writes into one
//! growing buffer. Both recurse in Rust on nested containers, each level
//! through `vm.with_recursion` (CPython's `Py_EnterRecursiveCall`), so deep
//! nesting ends in RecursionError.

mod encoder;
mod scanner;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, import, module, str as pystr, Obj, PyErr, PyResult, Vm};

use crate::support::{module_type, register_type};

pub(crate) const SCANNER: &str = "_json.Scanner";
pub(crate) const ENCODER: &str = "_json.Encoder";
/// The module's `encode_basestring_ascii` and `encode_basestring`: an
/// encoder made with one of them escapes strings without calling it.
pub(crate) const ESCAPE_ASCII_FN: &str = "_json.encode_basestring_ascii";
pub(crate) const ESCAPE_FN: &str = "_json.encode_basestring";

const DOC: &str = "json speedups\n";

/// `JSONDecodeError(msg, s, pos)` of `json.decoder` (CPython's
/// `raise_errmsg`); an error of the import or the call is raised instead.
pub(crate) fn decode_error(vm: &Vm, msg: &str, s: &Obj, pos: i64) -> PyErr {
    let made = import::import_module(vm, "json.decoder")
        .and_then(|m| vm.getattr_str(&m, "JSONDecodeError"))
        .and_then(|cls| vm.call(&cls, &[vm.new_str(msg), s.clone(), vm.new_int(pos)], None));
    match made {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

/// Calls of the scanner and encoder objects go through `tp_call`, which
/// CPython counts as one level of recursion (`_PyObject_MakeTpCall`).
pub(crate) const TP_CALL_WHERE: &str = " while calling a Python object";

/// "first argument must be a string, not T".
pub(crate) fn not_a_string(vm: &Vm, o: &Obj) -> PyErr {
    vm.type_error(format!("first argument must be a string, not {:.80}", o.class().name()))
}

fn json_encode_basestring_ascii(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let s = crate::clinic::one(vm, "_json.encode_basestring_ascii", a, k)?;
    let Some(d) = pystr::data(&s) else { return Err(not_a_string(vm, &s)) };
    let mut w = encoder::Writer::new();
    w.push_escaped(vm, d, true)?;
    Ok(w.finish(vm))
}

fn json_encode_basestring(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let s = crate::clinic::one(vm, "_json.encode_basestring", a, k)?;
    let Some(d) = pystr::data(&s) else { return Err(not_a_string(vm, &s)) };
    let mut w = encoder::Writer::new();
    w.push_escaped(vm, d, false)?;
    Ok(w.finish(vm))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef {
        doc: Some("encode_basestring_ascii(string) -> string\n\nReturn an ASCII-only JSON representation of a Python string"),
        ..MethodDef::static_("encode_basestring_ascii", json_encode_basestring_ascii)
    },
    MethodDef {
        doc: Some("encode_basestring(string) -> string\n\nReturn a JSON representation of a Python string"),
        ..MethodDef::static_("encode_basestring", json_encode_basestring)
    },
    MethodDef {
        doc: Some("scanstring(string, end, strict=True) -> (string, end)\n\nScan the string s for a JSON string. End is the index of the\ncharacter in s after the quote that started the JSON string.\nUnescapes all valid JSON string escape sequences and raises ValueError\non attempt to decode an invalid string. If strict is False then literal\ncontrol characters are allowed in the string.\n\nReturns a tuple of the decoded string and the index of the character in s\nafter the end quote."),
        ..MethodDef::static_("scanstring", scanner::py_scanstring)
    },
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_json");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_json", FUNCTIONS);
    // A module imported again (`import_helper.import_fresh_module`) shares
    // the first one's types; the first one's string escapers stay the ones
    // encoders recognise (another escaper is called, to the same effect).
    for (key, name) in [(ESCAPE_ASCII_FN, "encode_basestring_ascii"), (ESCAPE_FN, "encode_basestring")] {
        if let (None, Some(f)) = (module_type(vm, key), dict::get_item_str(vm, &d, name)) {
            register_type(vm, key, &f);
        }
    }
    let scanner_ty = module_type(vm, SCANNER).unwrap_or_else(|| {
        let t = scanner::make_type(vm);
        register_type(vm, SCANNER, &t);
        t
    });
    dict::set_item_str(vm, &d, "make_scanner", scanner_ty)?;
    let encoder_ty = module_type(vm, ENCODER).unwrap_or_else(|| {
        let t = encoder::make_type(vm);
        register_type(vm, ENCODER, &t);
        t
    });
    dict::set_item_str(vm, &d, "make_encoder", encoder_ty)?;
    Ok(m)
}
