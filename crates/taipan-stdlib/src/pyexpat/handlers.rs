//! The callbacks expat calls during `XML_Parse`: each finds the parser's
//! `Core` through its user-data pointer, delivers buffered character data
//! first, converts its arguments (names through the parser's `intern`
//! dict) and calls the Python handler. A handler's exception is kept in
//! the core and stops the parser (CPython's `flag_error`).
//!
//! A C callback is installed only while its Python handler is set, as in
//! CPython: which events expat reports to DefaultHandler depends on it.

use std::ffi::{c_char, c_int, c_void, CStr};

use taipan_expat_sys as ffi;
use taipan_vm::api::{dict, Obj, PyErr, PyResult, Vm};

use super::xmlparser::Core;

pub(super) const N_HANDLERS: usize = 22;

/// The handler attributes, in CPython's order (the index of each is its
/// slot in `Core::handlers`).
pub(super) const NAMES: [&str; N_HANDLERS] = [
    "StartElementHandler",
    "EndElementHandler",
    "ProcessingInstructionHandler",
    "CharacterDataHandler",
    "UnparsedEntityDeclHandler",
    "NotationDeclHandler",
    "StartNamespaceDeclHandler",
    "EndNamespaceDeclHandler",
    "CommentHandler",
    "StartCdataSectionHandler",
    "EndCdataSectionHandler",
    "DefaultHandler",
    "DefaultHandlerExpand",
    "NotStandaloneHandler",
    "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler",
    "EndDoctypeDeclHandler",
    "EntityDeclHandler",
    "XmlDeclHandler",
    "ElementDeclHandler",
    "AttlistDeclHandler",
    "SkippedEntityHandler",
];

const START_ELEMENT: usize = 0;
const END_ELEMENT: usize = 1;
const PROCESSING_INSTRUCTION: usize = 2;
pub(super) const CHARACTER_DATA: usize = 3;
const UNPARSED_ENTITY_DECL: usize = 4;
const NOTATION_DECL: usize = 5;
const START_NAMESPACE_DECL: usize = 6;
const END_NAMESPACE_DECL: usize = 7;
const COMMENT: usize = 8;
const START_CDATA_SECTION: usize = 9;
const END_CDATA_SECTION: usize = 10;
const DEFAULT: usize = 11;
const DEFAULT_EXPAND: usize = 12;
const NOT_STANDALONE: usize = 13;
const EXTERNAL_ENTITY_REF: usize = 14;
const START_DOCTYPE_DECL: usize = 15;
const END_DOCTYPE_DECL: usize = 16;
const ENTITY_DECL: usize = 17;
const XML_DECL: usize = 18;
const ELEMENT_DECL: usize = 19;
const ATTLIST_DECL: usize = 20;
const SKIPPED_ENTITY: usize = 21;

type S = *const c_char;

/// Install (or remove) the C callback of handler slot `i`.
pub(super) fn install(core: &Core, i: usize, on: bool) {
    let p = core.parser();
    // SAFETY: `p` is the core's live parser; every callback matches the
    // signature expat declares for its setter.
    unsafe {
        match i {
            START_ELEMENT => ffi::XML_SetStartElementHandler(p, on.then_some(on_start_element as _)),
            END_ELEMENT => ffi::XML_SetEndElementHandler(p, on.then_some(on_end_element as _)),
            PROCESSING_INSTRUCTION => {
                ffi::XML_SetProcessingInstructionHandler(p, on.then_some(on_processing_instruction as _))
            }
            CHARACTER_DATA => {
                let h = if on {
                    Some(on_character_data as _)
                } else if core.in_callback.get() {
                    // Expat may still be inside the character-data loop
                    // that called us: replace the callback, never unset it.
                    Some(noop_character_data as _)
                } else {
                    None
                };
                ffi::XML_SetCharacterDataHandler(p, h)
            }
            UNPARSED_ENTITY_DECL => {
                ffi::XML_SetUnparsedEntityDeclHandler(p, on.then_some(on_unparsed_entity_decl as _))
            }
            NOTATION_DECL => ffi::XML_SetNotationDeclHandler(p, on.then_some(on_notation_decl as _)),
            START_NAMESPACE_DECL => {
                ffi::XML_SetStartNamespaceDeclHandler(p, on.then_some(on_start_namespace_decl as _))
            }
            END_NAMESPACE_DECL => ffi::XML_SetEndNamespaceDeclHandler(p, on.then_some(on_end_namespace_decl as _)),
            COMMENT => ffi::XML_SetCommentHandler(p, on.then_some(on_comment as _)),
            START_CDATA_SECTION => ffi::XML_SetStartCdataSectionHandler(p, on.then_some(on_start_cdata as _)),
            END_CDATA_SECTION => ffi::XML_SetEndCdataSectionHandler(p, on.then_some(on_end_cdata as _)),
            DEFAULT => ffi::XML_SetDefaultHandler(p, on.then_some(on_default as _)),
            DEFAULT_EXPAND => ffi::XML_SetDefaultHandlerExpand(p, on.then_some(on_default_expand as _)),
            NOT_STANDALONE => ffi::XML_SetNotStandaloneHandler(p, on.then_some(on_not_standalone as _)),
            EXTERNAL_ENTITY_REF => ffi::XML_SetExternalEntityRefHandler(p, on.then_some(on_external_entity_ref as _)),
            START_DOCTYPE_DECL => ffi::XML_SetStartDoctypeDeclHandler(p, on.then_some(on_start_doctype_decl as _)),
            END_DOCTYPE_DECL => ffi::XML_SetEndDoctypeDeclHandler(p, on.then_some(on_end_doctype_decl as _)),
            ENTITY_DECL => ffi::XML_SetEntityDeclHandler(p, on.then_some(on_entity_decl as _)),
            XML_DECL => ffi::XML_SetXmlDeclHandler(p, on.then_some(on_xml_decl as _)),
            ELEMENT_DECL => ffi::XML_SetElementDeclHandler(p, on.then_some(on_element_decl as _)),
            ATTLIST_DECL => ffi::XML_SetAttlistDeclHandler(p, on.then_some(on_attlist_decl as _)),
            SKIPPED_ENTITY => ffi::XML_SetSkippedEntityHandler(p, on.then_some(on_skipped_entity as _)),
            _ => {}
        }
    }
}

/// Drop every Python handler and its C callback (CPython's
/// `clear_handlers`).
pub(super) fn clear_all(core: &Core) {
    for i in 0..N_HANDLERS {
        core.handlers[i].set(None);
        if !core.parser().is_null() {
            install(core, i, false);
        }
    }
}

/// A handler raised: keep the exception, drop the handlers and stop the
/// parser (CPython's `flag_error` plus `XML_StopParser`).
fn flag_error(core: &Core, e: PyErr) {
    core.set_error(e);
    clear_all(core);
    let p = core.parser();
    // SAFETY: live parser; the callbacks match their setters' types.
    unsafe {
        ffi::XML_SetCharacterDataHandler(p, Some(noop_character_data as _));
        ffi::XML_SetExternalEntityRefHandler(p, Some(refuse_external_entity as _));
        ffi::XML_StopParser(p, 0);
    }
}

// ---- conversions ------------------------------------------------------------------------------------

/// A NUL-terminated UTF-8 string from expat as str (None for null).
pub(super) fn c_str_obj(vm: &Vm, p: S) -> Obj {
    if p.is_null() {
        return vm.none();
    }
    // SAFETY: expat passes NUL-terminated strings valid for the callback.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes();
    vm.new_str(&String::from_utf8_lossy(b))
}

/// `len` bytes of UTF-8 from expat as str (None for null).
fn c_str_len_obj(vm: &Vm, p: S, len: c_int) -> Obj {
    if p.is_null() {
        return vm.none();
    }
    // SAFETY: expat passes `len` valid bytes at `p` for the callback.
    let b = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len.max(0) as usize) };
    vm.new_str(&String::from_utf8_lossy(b))
}

/// A name as str, shared through the parser's `intern` dict (CPython's
/// `string_intern`, which interns None too).
fn interned(vm: &Vm, core: &Core, p: S) -> PyResult<Obj> {
    let s = c_str_obj(vm, p);
    let Some(d) = core.intern.get() else {
        return Ok(s);
    };
    if let Some(v) = dict::get_item_opt(vm, &d, &s)? {
        return Ok(v);
    }
    dict::set_item(vm, &d, s.clone(), s.clone())?;
    Ok(s)
}

// ---- dispatch ---------------------------------------------------------------------------------------

/// The core behind expat's user-data pointer.
///
/// # Safety
/// `ud` must be the pointer `xmlparser::wrap` registered: a live `Core`.
unsafe fn core_at<'a>(ud: *mut c_void) -> &'a Core {
    // SAFETY: guaranteed by the caller.
    unsafe { &*(ud as *const Core) }
}

/// Call handler `i` with the arguments `build` makes, after delivering
/// buffered character data; None when there is no handler, a pending
/// error, or the call raised (then the parser is stopped).
fn dispatch(core: &Core, i: usize, build: impl FnOnce(&Vm, &Core) -> PyResult<Vec<Obj>>) -> Option<Obj> {
    let vm = core.vm()?;
    let handler = core.handler(i)?;
    if core.has_error() || !flush_character_buffer(vm, core) {
        return None;
    }
    let args = match build(vm, core) {
        Ok(a) => a,
        Err(e) => {
            flag_error(core, e);
            return None;
        }
    };
    call(vm, core, &handler, &args)
}

fn call(vm: &Vm, core: &Core, handler: &Obj, args: &[Obj]) -> Option<Obj> {
    core.in_callback.set(true);
    let r = vm.call(handler, args, None);
    core.in_callback.set(false);
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            flag_error(core, e);
            None
        }
    }
}

/// Deliver the character-data buffer; false when nothing could be
/// delivered for want of a handler or because the handler raised (then
/// the exception is pending in the core).
pub(super) fn flush_character_buffer(vm: &Vm, core: &Core) -> bool {
    let data = match core.buffer.borrow_mut().as_mut() {
        Some(b) if !b.is_empty() => std::mem::take(b),
        _ => return true,
    };
    call_character_handler(vm, core, &data)
}

fn call_character_handler(vm: &Vm, core: &Core, data: &[u8]) -> bool {
    let Some(handler) = core.handler(CHARACTER_DATA) else {
        return false;
    };
    let text = vm.new_str(&String::from_utf8_lossy(data));
    call(vm, core, &handler, &[text]).is_some()
}

// ---- the callbacks ----------------------------------------------------------------------------------

unsafe extern "C" fn on_character_data(ud: *mut c_void, data: S, len: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    let Some(vm) = core.vm() else { return };
    if core.has_error() {
        return;
    }
    // SAFETY: expat passes `len` valid bytes for the callback.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len.max(0) as usize) };
    if core.buffer.borrow().is_none() {
        call_character_handler(vm, core, bytes);
        return;
    }
    let size = core.buffer_size.get();
    if core.buffer_used() + bytes.len() > size {
        if !flush_character_buffer(vm, core) {
            return;
        }
        // The handler may have been removed while flushing.
        if core.handler(CHARACTER_DATA).is_none() {
            return;
        }
    }
    if bytes.len() > size {
        call_character_handler(vm, core, bytes);
        if let Some(b) = core.buffer.borrow_mut().as_mut() {
            b.clear();
        }
    } else if let Some(b) = core.buffer.borrow_mut().as_mut() {
        b.extend_from_slice(bytes);
    }
}

unsafe extern "C" fn noop_character_data(_ud: *mut c_void, _data: S, _len: c_int) {}

unsafe extern "C" fn refuse_external_entity(_ud: *mut c_void, _c: S, _b: S, _s: S, _p: S) -> c_int {
    0
}

unsafe extern "C" fn on_start_element(ud: *mut c_void, name: S, atts: *mut S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, START_ELEMENT, |vm, core| {
        let attrs = attributes(vm, core, atts)?;
        Ok(vec![interned(vm, core, name)?, attrs])
    });
}

/// The attributes of a start tag: a dict, or a flat list [name, value,
/// ...] with `ordered_attributes`; only the specified ones with
/// `specified_attributes`.
fn attributes(vm: &Vm, core: &Core, atts: *mut S) -> PyResult<Obj> {
    let n = if core.specified_attributes.get() {
        // SAFETY: live parser, inside its start-element callback.
        unsafe { ffi::XML_GetSpecifiedAttributeCount(core.parser()) }.max(0) as usize
    } else {
        let mut n = 0;
        // SAFETY: `atts` is a null-terminated array of name/value pairs.
        while !unsafe { *atts.add(n) }.is_null() {
            n += 2;
        }
        n
    };
    let ordered = core.ordered_attributes.get();
    let mut list = Vec::new();
    let d = vm.new_dict();
    for i in (0..n).step_by(2) {
        // SAFETY: `i + 1 < n`, inside the array (above).
        let (k, v) = unsafe { (*atts.add(i), *atts.add(i + 1)) };
        let k = interned(vm, core, k)?;
        let v = c_str_obj(vm, v);
        if ordered {
            list.push(k);
            list.push(v);
        } else {
            dict::set_item(vm, &d, k, v)?;
        }
    }
    Ok(if ordered { vm.new_list(list) } else { d })
}

unsafe extern "C" fn on_end_element(ud: *mut c_void, name: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, END_ELEMENT, |vm, core| Ok(vec![interned(vm, core, name)?]));
}

unsafe extern "C" fn on_processing_instruction(ud: *mut c_void, target: S, data: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, PROCESSING_INSTRUCTION, |vm, core| Ok(vec![interned(vm, core, target)?, c_str_obj(vm, data)]));
}

unsafe extern "C" fn on_unparsed_entity_decl(
    ud: *mut c_void,
    name: S,
    base: S,
    system_id: S,
    public_id: S,
    notation: S,
) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, UNPARSED_ENTITY_DECL, |vm, core| {
        [name, base, system_id, public_id, notation].iter().map(|&p| interned(vm, core, p)).collect()
    });
}

unsafe extern "C" fn on_notation_decl(ud: *mut c_void, name: S, base: S, system_id: S, public_id: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, NOTATION_DECL, |vm, core| {
        [name, base, system_id, public_id].iter().map(|&p| interned(vm, core, p)).collect()
    });
}

unsafe extern "C" fn on_start_namespace_decl(ud: *mut c_void, prefix: S, uri: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, START_NAMESPACE_DECL, |vm, core| Ok(vec![interned(vm, core, prefix)?, interned(vm, core, uri)?]));
}

unsafe extern "C" fn on_end_namespace_decl(ud: *mut c_void, prefix: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, END_NAMESPACE_DECL, |vm, core| Ok(vec![interned(vm, core, prefix)?]));
}

unsafe extern "C" fn on_comment(ud: *mut c_void, data: S) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, COMMENT, |vm, _| Ok(vec![c_str_obj(vm, data)]));
}

unsafe extern "C" fn on_start_cdata(ud: *mut c_void) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, START_CDATA_SECTION, |_, _| Ok(vec![]));
}

unsafe extern "C" fn on_end_cdata(ud: *mut c_void) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, END_CDATA_SECTION, |_, _| Ok(vec![]));
}

unsafe extern "C" fn on_default(ud: *mut c_void, s: S, len: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, DEFAULT, |vm, _| Ok(vec![c_str_len_obj(vm, s, len)]));
}

unsafe extern "C" fn on_default_expand(ud: *mut c_void, s: S, len: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, DEFAULT_EXPAND, |vm, _| Ok(vec![c_str_len_obj(vm, s, len)]));
}

/// The handler's result as a C long (CPython's `PyLong_AsLong`); an error
/// stops the parser and answers 0.
fn int_result(core: &Core, r: Option<Obj>) -> c_int {
    let (Some(vm), Some(r)) = (core.vm(), r) else { return 0 };
    match vm.index_value(&r) {
        Ok(v) => v.as_i64().map_or(-1, |v| v as c_int),
        Err(e) => {
            flag_error(core, e);
            0
        }
    }
}

unsafe extern "C" fn on_not_standalone(ud: *mut c_void) -> c_int {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    let r = dispatch(core, NOT_STANDALONE, |_, _| Ok(vec![]));
    int_result(core, r)
}

unsafe extern "C" fn on_external_entity_ref(ud: *mut c_void, context: S, base: S, system_id: S, public_id: S) -> c_int {
    // SAFETY: `wrap` registered the core as this handler's argument.
    let core = unsafe { core_at(ud) };
    let r = dispatch(core, EXTERNAL_ENTITY_REF, |vm, core| {
        Ok(vec![
            c_str_obj(vm, context),
            interned(vm, core, base)?,
            interned(vm, core, system_id)?,
            interned(vm, core, public_id)?,
        ])
    });
    int_result(core, r)
}

unsafe extern "C" fn on_start_doctype_decl(ud: *mut c_void, name: S, sysid: S, pubid: S, has_internal_subset: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, START_DOCTYPE_DECL, |vm, core| {
        Ok(vec![
            interned(vm, core, name)?,
            interned(vm, core, sysid)?,
            interned(vm, core, pubid)?,
            vm.new_int(has_internal_subset.into()),
        ])
    });
}

unsafe extern "C" fn on_end_doctype_decl(ud: *mut c_void) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, END_DOCTYPE_DECL, |_, _| Ok(vec![]));
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn on_entity_decl(
    ud: *mut c_void,
    name: S,
    is_parameter_entity: c_int,
    value: S,
    value_length: c_int,
    base: S,
    system_id: S,
    public_id: S,
    notation: S,
) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, ENTITY_DECL, |vm, core| {
        Ok(vec![
            interned(vm, core, name)?,
            vm.new_int(is_parameter_entity.into()),
            c_str_len_obj(vm, value, value_length),
            interned(vm, core, base)?,
            interned(vm, core, system_id)?,
            interned(vm, core, public_id)?,
            interned(vm, core, notation)?,
        ])
    });
}

unsafe extern "C" fn on_xml_decl(ud: *mut c_void, version: S, encoding: S, standalone: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, XML_DECL, |vm, _| {
        Ok(vec![c_str_obj(vm, version), c_str_obj(vm, encoding), vm.new_int(standalone.into())])
    });
}

unsafe extern "C" fn on_element_decl(ud: *mut c_void, name: S, model: *mut ffi::XML_Content) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, ELEMENT_DECL, |vm, core| {
        // SAFETY: expat passes a valid content model tree.
        let m = unsafe { content_model(vm, model) }?;
        Ok(vec![interned(vm, core, name)?, m])
    });
    // SAFETY: the model is ours to free, once, with the parser that made it.
    unsafe { ffi::XML_FreeContentModel(core.parser(), model) };
}

/// A content model as CPython gives it: (type, quant, name, children).
///
/// # Safety
/// `model` points to a valid `XML_Content` tree.
unsafe fn content_model(vm: &Vm, model: *const ffi::XML_Content) -> PyResult<Obj> {
    vm.with_native_depth(|| {
        // SAFETY: guaranteed by the caller.
        let m = unsafe { &*model };
        let mut children = Vec::with_capacity(m.numchildren as usize);
        for i in 0..m.numchildren as usize {
            // SAFETY: `children` holds `numchildren` valid nodes.
            children.push(unsafe { content_model(vm, m.children.add(i)) }?);
        }
        Ok(vm.new_tuple(vec![
            vm.new_int(m.type_.into()),
            vm.new_int(m.quant.into()),
            c_str_obj(vm, m.name),
            vm.new_tuple(children),
        ]))
    })
}

unsafe extern "C" fn on_attlist_decl(ud: *mut c_void, elname: S, attname: S, att_type: S, dflt: S, isrequired: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, ATTLIST_DECL, |vm, core| {
        Ok(vec![
            interned(vm, core, elname)?,
            interned(vm, core, attname)?,
            c_str_obj(vm, att_type),
            c_str_obj(vm, dflt),
            vm.new_int(isrequired.into()),
        ])
    });
}

unsafe extern "C" fn on_skipped_entity(ud: *mut c_void, name: S, is_parameter_entity: c_int) {
    // SAFETY: expat passes the user data `wrap` registered.
    let core = unsafe { core_at(ud) };
    dispatch(core, SKIPPED_ENTITY, |vm, core| {
        Ok(vec![interned(vm, core, name)?, vm.new_int(is_parameter_entity.into())])
    });
}

/// Expat meets an encoding it does not know: decode each byte value with
/// Python's codec; only single-byte encodings work (CPython's
/// `PyUnknownEncodingHandler`).
pub(super) unsafe extern "C" fn unknown_encoding(ud: *mut c_void, name: S, info: *mut ffi::XML_Encoding) -> c_int {
    // SAFETY: `wrap` registered the core as the handler's data.
    let core = unsafe { core_at(ud) };
    let Some(vm) = core.vm() else { return ffi::XML_STATUS_ERROR };
    if core.has_error() {
        return ffi::XML_STATUS_ERROR;
    }
    match byte_map(vm, c_str_obj(vm, name)) {
        Ok(map) => {
            // SAFETY: expat passes a writable XML_Encoding.
            let info = unsafe { &mut *info };
            info.map = map;
            info.data = std::ptr::null_mut();
            info.convert = None;
            info.release = None;
            ffi::XML_STATUS_OK
        }
        Err(e) => {
            core.set_error(e);
            ffi::XML_STATUS_ERROR
        }
    }
}

/// The code point of each byte in encoding `name` (-1: not decodable).
pub(crate) fn byte_map(vm: &Vm, name: Obj) -> PyResult<[c_int; 256]> {
    let all: Vec<u8> = (0..=255).collect();
    let text = vm.call_method(&vm.new_bytes(all), "decode", &[name, vm.new_str("replace")])?;
    let s = taipan_vm::api::str::as_str_lossy(&text);
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 256 {
        return Err(vm.value_error("multi-byte encodings are not supported"));
    }
    let mut map = [0; 256];
    for (slot, ch) in map.iter_mut().zip(chars) {
        *slot = if ch == '\u{FFFD}' { -1 } else { ch as c_int };
    }
    Ok(map)
}
