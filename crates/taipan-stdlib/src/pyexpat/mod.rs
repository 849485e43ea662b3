//! `pyexpat` (CPython's `Modules/pyexpat.c`): the XML parser under
//! `xml.parsers.expat`, `xml.etree.ElementTree`, `xml.dom.minidom`,
//! `xml.sax` and `plistlib`, over libexpat 2.5.0 (the version CPython
//! 3.11.7 bundles, vendored in `taipan-expat-sys`).
//!
//! - `mod.rs`: the module: `ParserCreate`, `ErrorString`, `ExpatError`,
//!   the version and feature constants, and the `errors` and `model`
//!   submodules (entered in `sys.modules` as `pyexpat.errors` and
//!   `pyexpat.model`, as CPython does).
//! - `xmlparser.rs`: the `xmlparser` type: its methods, the attributes
//!   and the `ExpatError` built from the parser's position.
//! - `api.rs`: the Rust-level parser `_elementtree` uses (CPython's
//!   `PyExpat_CAPI` capsule).
//! - `handlers.rs`: the C callbacks expat calls, each of which converts
//!   its arguments and calls the Python handler set on the parser.
//!
//! **Invariant:** expat calls back only from inside `XML_Parse` (Parse,
//! ParseFile), while the parser's `Core` holds the `&Vm` of that call; an
//! exception raised by a handler is kept in the core, the parser is
//! stopped, and Parse raises it once expat returns.

pub(crate) mod api;
mod handlers;
mod xmlparser;

pub(crate) use handlers::byte_map as encoding_map;

use std::ffi::{c_int, CStr};

use taipan_expat_sys as ffi;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::support;

pub(crate) const ERROR_TYPE: &str = "pyexpat.ExpatError";

/// The names of expat's error codes 1..=43, in code order.
const ERROR_NAMES: &[&str] = &[
    "XML_ERROR_NO_MEMORY",
    "XML_ERROR_SYNTAX",
    "XML_ERROR_NO_ELEMENTS",
    "XML_ERROR_INVALID_TOKEN",
    "XML_ERROR_UNCLOSED_TOKEN",
    "XML_ERROR_PARTIAL_CHAR",
    "XML_ERROR_TAG_MISMATCH",
    "XML_ERROR_DUPLICATE_ATTRIBUTE",
    "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
    "XML_ERROR_PARAM_ENTITY_REF",
    "XML_ERROR_UNDEFINED_ENTITY",
    "XML_ERROR_RECURSIVE_ENTITY_REF",
    "XML_ERROR_ASYNC_ENTITY",
    "XML_ERROR_BAD_CHAR_REF",
    "XML_ERROR_BINARY_ENTITY_REF",
    "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF",
    "XML_ERROR_MISPLACED_XML_PI",
    "XML_ERROR_UNKNOWN_ENCODING",
    "XML_ERROR_INCORRECT_ENCODING",
    "XML_ERROR_UNCLOSED_CDATA_SECTION",
    "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
    "XML_ERROR_NOT_STANDALONE",
    "XML_ERROR_UNEXPECTED_STATE",
    "XML_ERROR_ENTITY_DECLARED_IN_PE",
    "XML_ERROR_FEATURE_REQUIRES_XML_DTD",
    "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
    "XML_ERROR_UNBOUND_PREFIX",
    "XML_ERROR_UNDECLARING_PREFIX",
    "XML_ERROR_INCOMPLETE_PE",
    "XML_ERROR_XML_DECL",
    "XML_ERROR_TEXT_DECL",
    "XML_ERROR_PUBLICID",
    "XML_ERROR_SUSPENDED",
    "XML_ERROR_NOT_SUSPENDED",
    "XML_ERROR_ABORTED",
    "XML_ERROR_FINISHED",
    "XML_ERROR_SUSPEND_PE",
    "XML_ERROR_RESERVED_PREFIX_XML",
    "XML_ERROR_RESERVED_PREFIX_XMLNS",
    "XML_ERROR_RESERVED_NAMESPACE_URI",
    "XML_ERROR_INVALID_ARGUMENT",
    "XML_ERROR_NO_BUFFER",
    "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
];

/// `pyexpat.model`'s constants (`enum XML_Content_Type` and
/// `enum XML_Content_Quant`).
const MODEL_CONSTANTS: &[(&str, i64)] = &[
    ("XML_CTYPE_EMPTY", 1),
    ("XML_CTYPE_ANY", 2),
    ("XML_CTYPE_MIXED", 3),
    ("XML_CTYPE_NAME", 4),
    ("XML_CTYPE_CHOICE", 5),
    ("XML_CTYPE_SEQ", 6),
    ("XML_CQUANT_NONE", 0),
    ("XML_CQUANT_OPT", 1),
    ("XML_CQUANT_REP", 2),
    ("XML_CQUANT_PLUS", 3),
];

const FUNCTIONS: &[MethodDef] =
    &[MethodDef::static_("ParserCreate", xmlparser::parser_create), MethodDef::static_("ErrorString", error_string)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "pyexpat");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Python wrapper for Expat parser."))?;
    let parser_type = xmlparser::make_type(vm);
    let error = error_type(vm)?;
    dict::set_item_str(vm, &d, "error", error.clone())?;
    dict::set_item_str(vm, &d, "ExpatError", error)?;
    dict::set_item_str(vm, &d, "XMLParserType", parser_type)?;
    dict::set_item_str(vm, &d, "EXPAT_VERSION", vm.new_str(&expat_version()))?;
    dict::set_item_str(vm, &d, "version_info", version_info(vm))?;
    dict::set_item_str(vm, &d, "native_encoding", vm.new_str("UTF-8"))?;
    add_submodule(vm, &m, "errors", errors_module(vm)?)?;
    add_submodule(vm, &m, "model", model_module(vm)?)?;
    dict::set_item_str(vm, &d, "features", features(vm))?;
    for (name, v) in [
        ("XML_PARAM_ENTITY_PARSING_NEVER", ffi::XML_PARAM_ENTITY_PARSING_NEVER),
        ("XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE", ffi::XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE),
        ("XML_PARAM_ENTITY_PARSING_ALWAYS", ffi::XML_PARAM_ENTITY_PARSING_ALWAYS),
    ] {
        dict::set_item_str(vm, &d, name, vm.new_int(v.into()))?;
    }
    module::add_functions(vm, &m, "pyexpat", FUNCTIONS);
    Ok(m)
}

/// `xml.parsers.expat.ExpatError`, made once per interpreter.
fn error_type(vm: &Vm) -> PyResult<Obj> {
    let base = &vm.ctx.exceptions.exception;
    support::exception_type(vm, ERROR_TYPE, "xml.parsers.expat", "ExpatError", base, None)
}

/// A module `pyexpat.<name>`: an attribute of `pyexpat` and an entry of
/// `sys.modules`, so `import pyexpat.errors` finds it.
fn add_submodule(vm: &Vm, parent: &Obj, name: &str, sub: Obj) -> PyResult<()> {
    let modules = vm.getattr_str(&vm.sys_module(), "modules")?;
    vm.setitem(&modules, &vm.new_str(&format!("pyexpat.{name}")), &sub)?;
    dict::set_item_str(vm, &module::module_dict(parent), name, sub)
}

fn errors_module(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "pyexpat.errors");
    let d = module::module_dict(&m);
    let codes = vm.new_dict();
    let messages = vm.new_dict();
    for (i, name) in ERROR_NAMES.iter().enumerate() {
        let code = i as c_int + 1;
        let text = vm.new_str(&error_message(code).unwrap_or_default());
        dict::set_item_str(vm, &d, name, text.clone())?;
        dict::set_item(vm, &codes, text.clone(), vm.new_int(code.into()))?;
        dict::set_item(vm, &messages, vm.new_int(code.into()), text)?;
    }
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Constants used to describe error conditions."))?;
    dict::set_item_str(vm, &d, "codes", codes)?;
    dict::set_item_str(vm, &d, "messages", messages)?;
    Ok(m)
}

fn model_module(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "pyexpat.model");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Constants used to interpret content model information."))?;
    for &(name, v) in MODEL_CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(v))?;
    }
    Ok(m)
}

/// expat's text for an error code (None for 0 and unknown codes).
pub(crate) fn error_message(code: c_int) -> Option<String> {
    // SAFETY: XML_ErrorString accepts any code and returns null or a
    // static NUL-terminated string.
    let p = unsafe { ffi::XML_ErrorString(code) };
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null, static and NUL-terminated (above).
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

fn expat_version() -> String {
    // SAFETY: returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(ffi::XML_ExpatVersion()) }.to_string_lossy().into_owned()
}

fn version_info(vm: &Vm) -> Obj {
    // SAFETY: a plain function returning a struct by value.
    let v = unsafe { ffi::XML_ExpatVersionInfo() };
    vm.new_tuple(vec![vm.new_int(v.major.into()), vm.new_int(v.minor.into()), vm.new_int(v.micro.into())])
}

/// `features`: expat's compile-time feature list as (name, value) pairs.
fn features(vm: &Vm) -> Obj {
    let mut out = Vec::new();
    // SAFETY: a static array ended by an entry whose feature is
    // XML_FEATURE_END; each name is a static NUL-terminated string.
    unsafe {
        let mut f = ffi::XML_GetFeatureList();
        while (*f).feature != ffi::XML_FEATURE_END {
            let name = CStr::from_ptr((*f).name).to_string_lossy().into_owned();
            out.push(vm.new_tuple(vec![vm.new_str(&name), vm.new_int((*f).value)]));
            f = f.add(1);
        }
    }
    vm.new_list(out)
}

/// `ErrorString(code)`: expat's message for an error code, or None.
fn error_string(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let code = crate::clinic::one(vm, "ErrorString", args, kwnames)?;
    let v = vm.index_value(&code)?;
    let Some(v) = v.as_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    };
    Ok(match error_message(v as c_int) {
        Some(s) => vm.new_str(&s),
        None => vm.none(),
    })
}
