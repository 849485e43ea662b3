//! Raw bindings to the vendored libexpat 2.5.0 (`expat/lib/expat.h`), the
//! part of its API that CPython's `pyexpat` uses. `XML_Char` is UTF-8
//! (`char`); `XML_LARGE_SIZE` is off, so sizes are C `long`s.
//!
//! Every function is `unsafe`: the caller passes a live parser made by
//! `XML_ParserCreate_MM` or `XML_ExternalEntityParserCreate` and
//! NUL-terminated strings where expat expects them.
#![allow(non_camel_case_types, non_snake_case)]

use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};

/// Opaque parser state.
#[repr(C)]
pub struct XML_ParserStruct {
    _private: [u8; 0],
}
pub type XML_Parser = *mut XML_ParserStruct;
pub type XML_Char = c_char;
pub type XML_LChar = c_char;
pub type XML_Bool = u8;
pub type XML_Size = c_ulong;
pub type XML_Index = c_long;

pub const XML_STATUS_ERROR: c_int = 0;
pub const XML_STATUS_OK: c_int = 1;
pub const XML_STATUS_SUSPENDED: c_int = 2;

pub const XML_PARAM_ENTITY_PARSING_NEVER: c_int = 0;
pub const XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE: c_int = 1;
pub const XML_PARAM_ENTITY_PARSING_ALWAYS: c_int = 2;

/// `enum XML_Error`: the highest code of this version.
pub const XML_ERROR_AMPLIFICATION_LIMIT_BREACH: c_int = 43;

/// `enum XML_FeatureEnum`: the list end marker.
pub const XML_FEATURE_END: c_int = 0;

/// A node of an element declaration's content model (`XML_Content`).
#[repr(C)]
pub struct XML_Content {
    pub type_: c_int,
    pub quant: c_int,
    pub name: *mut XML_Char,
    pub numchildren: c_uint,
    pub children: *mut XML_Content,
}

/// What an unknown-encoding handler fills in: one code point per byte
/// (-1: invalid; -2..-4: the first byte of a multi-byte sequence).
#[repr(C)]
pub struct XML_Encoding {
    pub map: [c_int; 256],
    pub data: *mut c_void,
    pub convert: Option<unsafe extern "C" fn(*mut c_void, *const c_char) -> c_int>,
    pub release: Option<unsafe extern "C" fn(*mut c_void)>,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct XML_Expat_Version {
    pub major: c_int,
    pub minor: c_int,
    pub micro: c_int,
}

#[repr(C)]
pub struct XML_Feature {
    pub feature: c_int,
    pub name: *const XML_LChar,
    pub value: c_long,
}

#[repr(C)]
pub struct XML_Memory_Handling_Suite {
    pub malloc_fcn: Option<unsafe extern "C" fn(usize) -> *mut c_void>,
    pub realloc_fcn: Option<unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void>,
    pub free_fcn: Option<unsafe extern "C" fn(*mut c_void)>,
}

type S = *const XML_Char;
pub type XML_StartElementHandler = Option<unsafe extern "C" fn(*mut c_void, S, *mut S)>;
pub type XML_EndElementHandler = Option<unsafe extern "C" fn(*mut c_void, S)>;
pub type XML_CharacterDataHandler = Option<unsafe extern "C" fn(*mut c_void, S, c_int)>;
pub type XML_ProcessingInstructionHandler = Option<unsafe extern "C" fn(*mut c_void, S, S)>;
pub type XML_CommentHandler = Option<unsafe extern "C" fn(*mut c_void, S)>;
pub type XML_VoidHandler = Option<unsafe extern "C" fn(*mut c_void)>;
pub type XML_DefaultHandler = Option<unsafe extern "C" fn(*mut c_void, S, c_int)>;
pub type XML_StartDoctypeDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, S, c_int)>;
pub type XML_EntityDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, c_int, S, c_int, S, S, S, S)>;
pub type XML_UnparsedEntityDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, S, S, S)>;
pub type XML_NotationDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, S, S)>;
pub type XML_StartNamespaceDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S)>;
pub type XML_EndNamespaceDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S)>;
pub type XML_NotStandaloneHandler = Option<unsafe extern "C" fn(*mut c_void) -> c_int>;
/// The first argument is the parser, or the value given to
/// `XML_SetExternalEntityRefHandlerArg`.
pub type XML_ExternalEntityRefHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, S, S) -> c_int>;
pub type XML_SkippedEntityHandler = Option<unsafe extern "C" fn(*mut c_void, S, c_int)>;
pub type XML_XmlDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, c_int)>;
pub type XML_ElementDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, *mut XML_Content)>;
pub type XML_AttlistDeclHandler = Option<unsafe extern "C" fn(*mut c_void, S, S, S, S, c_int)>;
pub type XML_UnknownEncodingHandler = Option<unsafe extern "C" fn(*mut c_void, S, *mut XML_Encoding) -> c_int>;

extern "C" {
    pub fn XML_ParserCreate_MM(encoding: S, memsuite: *const XML_Memory_Handling_Suite, sep: S) -> XML_Parser;
    pub fn XML_ExternalEntityParserCreate(parser: XML_Parser, context: S, encoding: S) -> XML_Parser;
    pub fn XML_ParserFree(parser: XML_Parser);
    pub fn XML_SetUserData(parser: XML_Parser, data: *mut c_void);
    pub fn XML_SetHashSalt(parser: XML_Parser, salt: c_ulong) -> c_int;
    pub fn XML_SetEncoding(parser: XML_Parser, encoding: S) -> c_int;
    pub fn XML_SetUnknownEncodingHandler(parser: XML_Parser, h: XML_UnknownEncodingHandler, data: *mut c_void);
    pub fn XML_Parse(parser: XML_Parser, s: *const c_char, len: c_int, is_final: c_int) -> c_int;
    pub fn XML_GetBuffer(parser: XML_Parser, len: c_int) -> *mut c_void;
    pub fn XML_ParseBuffer(parser: XML_Parser, len: c_int, is_final: c_int) -> c_int;
    pub fn XML_StopParser(parser: XML_Parser, resumable: XML_Bool) -> c_int;
    pub fn XML_GetErrorCode(parser: XML_Parser) -> c_int;
    pub fn XML_ErrorString(code: c_int) -> *const XML_LChar;
    pub fn XML_GetCurrentLineNumber(parser: XML_Parser) -> XML_Size;
    pub fn XML_GetCurrentColumnNumber(parser: XML_Parser) -> XML_Size;
    pub fn XML_GetCurrentByteIndex(parser: XML_Parser) -> XML_Index;
    pub fn XML_GetInputContext(parser: XML_Parser, offset: *mut c_int, size: *mut c_int) -> *const c_char;
    pub fn XML_SetBase(parser: XML_Parser, base: S) -> c_int;
    pub fn XML_GetBase(parser: XML_Parser) -> S;
    pub fn XML_SetParamEntityParsing(parser: XML_Parser, parsing: c_int) -> c_int;
    pub fn XML_UseForeignDTD(parser: XML_Parser, use_dtd: XML_Bool) -> c_int;
    pub fn XML_SetReturnNSTriplet(parser: XML_Parser, do_nst: c_int);
    pub fn XML_GetSpecifiedAttributeCount(parser: XML_Parser) -> c_int;
    pub fn XML_FreeContentModel(parser: XML_Parser, model: *mut XML_Content);
    pub fn XML_ExpatVersion() -> *const XML_LChar;
    pub fn XML_ExpatVersionInfo() -> XML_Expat_Version;
    pub fn XML_GetFeatureList() -> *const XML_Feature;

    pub fn XML_SetStartElementHandler(parser: XML_Parser, h: XML_StartElementHandler);
    pub fn XML_SetEndElementHandler(parser: XML_Parser, h: XML_EndElementHandler);
    pub fn XML_SetCharacterDataHandler(parser: XML_Parser, h: XML_CharacterDataHandler);
    pub fn XML_SetProcessingInstructionHandler(parser: XML_Parser, h: XML_ProcessingInstructionHandler);
    pub fn XML_SetCommentHandler(parser: XML_Parser, h: XML_CommentHandler);
    pub fn XML_SetStartCdataSectionHandler(parser: XML_Parser, h: XML_VoidHandler);
    pub fn XML_SetEndCdataSectionHandler(parser: XML_Parser, h: XML_VoidHandler);
    pub fn XML_SetDefaultHandler(parser: XML_Parser, h: XML_DefaultHandler);
    pub fn XML_SetDefaultHandlerExpand(parser: XML_Parser, h: XML_DefaultHandler);
    pub fn XML_SetStartDoctypeDeclHandler(parser: XML_Parser, h: XML_StartDoctypeDeclHandler);
    pub fn XML_SetEndDoctypeDeclHandler(parser: XML_Parser, h: XML_VoidHandler);
    pub fn XML_SetEntityDeclHandler(parser: XML_Parser, h: XML_EntityDeclHandler);
    pub fn XML_SetUnparsedEntityDeclHandler(parser: XML_Parser, h: XML_UnparsedEntityDeclHandler);
    pub fn XML_SetNotationDeclHandler(parser: XML_Parser, h: XML_NotationDeclHandler);
    pub fn XML_SetStartNamespaceDeclHandler(parser: XML_Parser, h: XML_StartNamespaceDeclHandler);
    pub fn XML_SetEndNamespaceDeclHandler(parser: XML_Parser, h: XML_EndNamespaceDeclHandler);
    pub fn XML_SetNotStandaloneHandler(parser: XML_Parser, h: XML_NotStandaloneHandler);
    pub fn XML_SetExternalEntityRefHandler(parser: XML_Parser, h: XML_ExternalEntityRefHandler);
    pub fn XML_SetExternalEntityRefHandlerArg(parser: XML_Parser, arg: *mut c_void);
    pub fn XML_SetSkippedEntityHandler(parser: XML_Parser, h: XML_SkippedEntityHandler);
    pub fn XML_SetXmlDeclHandler(parser: XML_Parser, h: XML_XmlDeclHandler);
    pub fn XML_SetElementDeclHandler(parser: XML_Parser, h: XML_ElementDeclHandler);
    pub fn XML_SetAttlistDeclHandler(parser: XML_Parser, h: XML_AttlistDeclHandler);
}
