//! The `pyexpat.xmlparser` type: one expat parser, its Python handlers
//! and options, `Parse`/`ParseFile` and the position attributes.

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_void, CString};

use taipan_expat_sys as ffi;
use taipan_vm::api::types::{payload_or_err, GetSetDef, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{buffer, bytes, codecs, str as pystr, tuple, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::handlers::{self, N_HANDLERS};
use crate::support;

const TYPE_NAME: &str = "pyexpat.xmlparser";
/// CPython's `CHARACTER_DATA_BUFFER_SIZE`.
const DEFAULT_BUFFER_SIZE: usize = 8192;
/// Parse hands expat at most this much at once (CPython's `MAX_CHUNK_SIZE`).
const MAX_CHUNK_SIZE: usize = 1 << 20;
/// ParseFile's read size (CPython's `BUF_SIZE`).
const READ_SIZE: usize = 2048;

/// The state expat's callbacks reach through their user-data pointer. It
/// is boxed so its address stays fixed for the life of the parser.
pub(super) struct Core {
    parser: Cell<ffi::XML_Parser>,
    /// The running `Parse` call's interpreter; null outside of Parse.
    vm: Cell<*const Vm>,
    pub(super) handlers: [ObjCell; N_HANDLERS],
    pub(super) intern: ObjCell,
    /// The parser an external-entity parser was made from: expat's child
    /// parser uses its parent's DTD, so the parent must outlive it.
    parent: ObjCell,
    /// The character-data buffer (`buffer_text` on): bytes not yet
    /// handed to CharacterDataHandler.
    pub(super) buffer: RefCell<Option<Vec<u8>>>,
    pub(super) buffer_size: Cell<usize>,
    pub(super) ordered_attributes: Cell<bool>,
    pub(super) specified_attributes: Cell<bool>,
    ns_prefixes: Cell<bool>,
    pub(super) in_callback: Cell<bool>,
    parsing: Cell<bool>,
    /// The exception a handler raised, raised by Parse when expat returns.
    error: RefCell<Option<PyErr>>,
}

impl Core {
    fn new(intern: Option<Obj>) -> Core {
        Core {
            parser: Cell::new(std::ptr::null_mut()),
            vm: Cell::new(std::ptr::null()),
            handlers: std::array::from_fn(|_| ObjCell::default()),
            intern: intern.map(ObjCell::some).unwrap_or_default(),
            parent: ObjCell::default(),
            buffer: RefCell::new(None),
            buffer_size: Cell::new(DEFAULT_BUFFER_SIZE),
            ordered_attributes: Cell::new(false),
            specified_attributes: Cell::new(false),
            ns_prefixes: Cell::new(false),
            in_callback: Cell::new(false),
            parsing: Cell::new(false),
            error: RefCell::new(None),
        }
    }

    pub(super) fn parser(&self) -> ffi::XML_Parser {
        self.parser.get()
    }

    /// The interpreter of the running Parse (None outside of one).
    pub(super) fn vm(&self) -> Option<&Vm> {
        let p = self.vm.get();
        // SAFETY: `vm` is set only by `ParseGuard` to a `&Vm` that outlives
        // the guard, and reset to null when the guard drops; expat calls
        // back only inside the guarded XML_Parse call.
        (!p.is_null()).then(|| unsafe { &*p })
    }

    pub(super) fn user_data(&self) -> *mut c_void {
        self as *const Core as *mut c_void
    }

    pub(super) fn has_error(&self) -> bool {
        self.error.borrow().is_some()
    }

    /// Keep the first exception a callback raised.
    pub(super) fn set_error(&self, e: PyErr) {
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(e);
        }
    }

    fn take_error(&self) -> Option<PyErr> {
        self.error.borrow_mut().take()
    }

    pub(super) fn handler(&self, i: usize) -> Option<Obj> {
        self.handlers[i].get()
    }

    pub(super) fn buffer_used(&self) -> usize {
        self.buffer.borrow().as_ref().map_or(0, |b| b.len())
    }
}

/// Marks a Parse in progress: the core holds the `&Vm` until it drops.
struct ParseGuard<'a> {
    core: &'a Core,
}

impl<'a> ParseGuard<'a> {
    fn enter(vm: &'a Vm, core: &'a Core) -> PyResult<ParseGuard<'a>> {
        if core.parsing.get() {
            return Err(vm.runtime_error("cannot call Parse() or ParseFile() from inside a handler of the same parser"));
        }
        core.parsing.set(true);
        core.vm.set(vm as *const Vm);
        Ok(ParseGuard { core })
    }
}

impl Drop for ParseGuard<'_> {
    fn drop(&mut self) {
        self.core.vm.set(std::ptr::null());
        self.core.parsing.set(false);
    }
}

/// The payload of an `xmlparser`.
pub(super) struct XmlParser {
    core: Box<Core>,
}

impl Drop for XmlParser {
    fn drop(&mut self) {
        let p = self.core.parser.replace(std::ptr::null_mut());
        if !p.is_null() {
            // SAFETY: the parser was made by expat for this object and is
            // freed once; no Parse is running (it holds a reference).
            unsafe { ffi::XML_ParserFree(p) };
        }
    }
}

impl PyPayload for XmlParser {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        let c = &self.core;
        let cells: Vec<&ObjCell> = c.handlers.iter().chain([&c.intern, &c.parent]).collect();
        support::visit_cells(&cells, visit);
    }

    fn clear(&self) {
        // The parent stays: the C parser may use its DTD until freed.
        handlers::clear_all(&self.core);
        drop(self.core.intern.take());
    }
}

fn core_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Core> {
    Ok(&payload_or_err::<XmlParser>(vm, o, TYPE_NAME)?.core)
}

// ---- creation ---------------------------------------------------------------------------------------

pub(super) fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, TYPE_NAME) {
        return t;
    }
    let spec = TypeSpec {
        name: TYPE_NAME,
        base: None,
        flags: 0,
        gc: true,
        dict: false,
        weakref: false,
        methods: METHODS,
        getsets: &GETSETS,
        doc: Some("XML parser"),
    };
    let t = taipan_vm::api::types::new_type::<XmlParser>(vm, &spec, |s| s.new.set(Some(disallow_instantiation)));
    support::register_type(vm, TYPE_NAME, &t);
    t
}

fn disallow_instantiation(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let name = cls.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

/// Wrap a new expat parser in an `xmlparser` and point expat's callbacks
/// at its core.
fn wrap(vm: &Vm, core: Core, parser: ffi::XML_Parser) -> PyResult<Obj> {
    let core = Box::new(core);
    core.parser.set(parser);
    let ud = core.user_data();
    // SAFETY: `parser` is live; `ud` points into the box, which lives as
    // long as the parser (the payload frees the parser before the box).
    unsafe {
        ffi::XML_SetUserData(parser, ud);
        ffi::XML_SetExternalEntityRefHandlerArg(parser, ud);
        ffi::XML_SetUnknownEncodingHandler(parser, Some(handlers::unknown_encoding), ud);
    }
    support::alloc_exact(vm, TYPE_NAME, XmlParser { core })
}

/// `ParserCreate(encoding=None, namespace_separator=None, intern=<new dict>)`.
pub(super) fn parser_create(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(
        vm,
        "ParserCreate",
        args,
        kwnames,
        &["encoding", "namespace_separator", "intern"],
        0,
    )?;
    let encoding = opt_c_string(vm, p[0].as_ref(), "ParserCreate() argument 'encoding'")?;
    let sep = opt_c_string(vm, p[1].as_ref(), "ParserCreate() argument 'namespace_separator'")?;
    if sep.as_ref().is_some_and(|s| s.as_bytes().len() > 1) {
        return Err(vm.value_error("namespace_separator must be at most one character, omitted, or None"));
    }
    let intern = match &p[2] {
        None => Some(vm.new_dict()),
        Some(o) if vm.is_none(o) => None,
        Some(o) if taipan_vm::api::dict::data(o).is_some() => Some(o.clone()),
        Some(_) => return Err(vm.type_error("intern must be a dictionary")),
    };
    // SAFETY: the strings are NUL-terminated (or null); a null memory suite
    // means malloc/realloc/free.
    let parser = unsafe { ffi::XML_ParserCreate_MM(ptr_or_null(&encoding), std::ptr::null(), ptr_or_null(&sep)) };
    if parser.is_null() {
        return Err(vm.runtime_error("XML_ParserCreate failed"));
    }
    wrap(vm, Core::new(intern), parser)
}

fn ptr_or_null(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr())
}

/// A `str` argument as a C string (Argument Clinic's `str` converter):
/// "`what` must be str, not int", "embedded null character".
fn c_string(vm: &Vm, o: &Obj, what: &str) -> PyResult<CString> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(o))));
    }
    to_c_string(vm, o)
}

/// `str(accept={str, NoneType})`: None is a null pointer.
fn opt_c_string(vm: &Vm, o: Option<&Obj>, what: &str) -> PyResult<Option<CString>> {
    match o {
        None => Ok(None),
        Some(o) if vm.is_none(o) => Ok(None),
        Some(o) if pystr::data(o).is_some() => to_c_string(vm, o).map(Some),
        Some(o) => Err(vm.type_error(format!("{what} must be str or None, not {}", vm.type_name(o)))),
    }
}

fn to_c_string(vm: &Vm, o: &Obj) -> PyResult<CString> {
    let utf8 = codecs::encode_str(vm, o, None, None)?;
    CString::new(utf8).map_err(|_| vm.value_error("embedded null character"))
}

// ---- methods ----------------------------------------------------------------------------------------

const METHODS: &[MethodDef] = &[
    MethodDef::method("Parse", parse),
    MethodDef::method("ParseFile", parse_file),
    MethodDef::method("SetBase", set_base),
    MethodDef::method("GetBase", get_base),
    MethodDef::method("GetInputContext", get_input_context),
    MethodDef::method("ExternalEntityParserCreate", external_entity_parser_create),
    MethodDef::method("SetParamEntityParsing", set_param_entity_parsing),
    MethodDef::method("UseForeignDTD", use_foreign_dtd),
];

/// Positional-only arguments of a method taking `defining_class`
/// (`_PyArg_UnpackKeywords`' messages).
fn positional<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.len();
    if n < min || n > max {
        let (how, bound) = match (min == max, n < min) {
            (true, _) => ("exactly", min),
            (false, true) => ("at least", min),
            (false, false) => ("at most", max),
        };
        let s = if bound == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name}() takes {how} {bound} positional argument{s} ({n} given)")));
    }
    Ok(args)
}

/// `Parse(data, isfinal=False)`.
fn parse(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "Parse", args, kwnames, 1, 2)?;
    let core = core_of(vm, this)?;
    let is_final = match a.get(1) {
        Some(f) => crate::converters::int_flag(vm, f)?,
        None => false,
    };
    let data = if pystr::data(&a[0]).is_some() {
        let utf8 = codecs::encode_str(vm, &a[0], None, None)?;
        // SAFETY: live parser, static NUL-terminated name; the result (an
        // error once parsing started) is ignored, as CPython does.
        unsafe { ffi::XML_SetEncoding(core.parser(), c"utf-8".as_ptr()) };
        utf8
    } else {
        // A copy: a handler may resize the bytearray being parsed.
        buffer::with_simple_bytes(vm, &a[0], |b| b.to_vec())?
    };
    let rc = vm.with_recursion(" while calling a Python object", || {
        let _guard = ParseGuard::enter(vm, core)?;
        Ok(feed(core, &data, is_final))
    })?;
    parse_result(vm, core, rc)
}

/// Hand `data` to expat in chunks of at most `MAX_CHUNK_SIZE`.
fn feed(core: &Core, data: &[u8], is_final: bool) -> c_int {
    let mut rest = data;
    while rest.len() > MAX_CHUNK_SIZE {
        let (chunk, tail) = rest.split_at(MAX_CHUNK_SIZE);
        // SAFETY: live parser; the chunk outlives the call and its length
        // fits a C int.
        let rc = unsafe { ffi::XML_Parse(core.parser(), chunk.as_ptr().cast(), chunk.len() as c_int, 0) };
        if rc == ffi::XML_STATUS_ERROR {
            return rc;
        }
        rest = tail;
    }
    // SAFETY: as above.
    unsafe { ffi::XML_Parse(core.parser(), rest.as_ptr().cast(), rest.len() as c_int, c_int::from(is_final)) }
}

/// What Parse returns after expat: a handler's exception, else an
/// ExpatError for a parse error, else the status (after the buffered
/// character data is delivered).
fn parse_result(vm: &Vm, core: &Core, rc: c_int) -> PyResult<Obj> {
    if let Some(e) = core.take_error() {
        return Err(e);
    }
    if rc == ffi::XML_STATUS_ERROR {
        // SAFETY: live parser.
        let code = unsafe { ffi::XML_GetErrorCode(core.parser()) };
        return Err(expat_error(vm, core, code));
    }
    flush_or_raise(vm, core)?;
    Ok(vm.new_int(rc.into()))
}

/// CPython's `set_error`: "mismatched tag: line 1, column 8", with
/// `code`, `lineno` and `offset` attributes.
fn expat_error(vm: &Vm, core: &Core, code: c_int) -> PyErr {
    let p = core.parser();
    // SAFETY: live parser.
    let (line, column) = unsafe { (ffi::XML_GetCurrentLineNumber(p), ffi::XML_GetCurrentColumnNumber(p)) };
    // CPython formats them as C ints.
    let (line, column) = (line as c_int, column as c_int);
    let text = super::error_message(code).unwrap_or_else(|| "(null)".into());
    let ty = match super::error_type(vm) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let err = vm.new_exception(&ty, vec![vm.new_str(&format!("{text}: line {line}, column {column}"))]);
    for (name, v) in [("code", code), ("offset", column), ("lineno", line)] {
        if let Err(e) = vm.setattr_str(err.value(), name, &vm.new_int(v.into())) {
            return e;
        }
    }
    err
}

/// `ParseFile(file)`: read `file.read(2048)` until it returns b"".
fn parse_file(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "ParseFile", args, kwnames, 1, 1)?;
    let core = core_of(vm, this)?;
    let Some(read) = vm.getattr_str_opt(&a[0], "read")? else {
        return Err(vm.type_error("argument must have 'read' attribute"));
    };
    vm.with_recursion(" while calling a Python object", || {
        let mut rc;
        loop {
            let chunk = read_chunk(vm, &read)?;
            rc = {
                let _guard = ParseGuard::enter(vm, core)?;
                feed(core, &chunk, chunk.is_empty())
            };
            if core.has_error() {
                return Err(core.take_error().unwrap_or_else(|| vm.system_error("lost handler error")));
            }
            if rc == ffi::XML_STATUS_ERROR || chunk.is_empty() {
                break;
            }
        }
        parse_result(vm, core, rc)
    })
}

/// One `read(2048)`: bytes or bytearray of at most 2048 bytes.
fn read_chunk(vm: &Vm, read: &Obj) -> PyResult<Vec<u8>> {
    let data = vm.call1(read, vm.new_int(READ_SIZE as i64))?;
    let out = if let Some(b) = bytes::as_bytes_ref(&data) {
        b.to_vec()
    } else if vm.isinstance_type(&data, &vm.ctx.types.bytearray) {
        buffer::with_bytes(vm, &data, |b| b.to_vec())?
    } else {
        return Err(vm.type_error(format!("read() did not return a bytes object (type={})", vm.type_name(&data))));
    };
    if out.len() > READ_SIZE {
        return Err(vm.value_error(format!(
            "read() returned too much data: {READ_SIZE} bytes requested, {} returned",
            out.len()
        )));
    }
    Ok(out)
}

fn set_base(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let base = crate::clinic::one(vm, "SetBase", args, kwnames)?;
    let core = core_of(vm, this)?;
    let base = c_string(vm, &base, "SetBase() argument")?;
    // SAFETY: live parser; expat copies the string.
    if unsafe { ffi::XML_SetBase(core.parser(), base.as_ptr()) } == ffi::XML_STATUS_ERROR {
        return Err(vm.memory_error());
    }
    Ok(vm.none())
}

fn get_base(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "GetBase", args, kwnames)?;
    let core = core_of(vm, this)?;
    // SAFETY: live parser; the result is null or a NUL-terminated string
    // expat owns, copied at once.
    let p = unsafe { ffi::XML_GetBase(core.parser()) };
    Ok(handlers::c_str_obj(vm, p))
}

/// The raw bytes of the input around the current event (None outside a
/// handler).
fn get_input_context(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "GetInputContext", args, kwnames)?;
    let core = core_of(vm, this)?;
    if !core.in_callback.get() {
        return Ok(vm.none());
    }
    let (mut offset, mut size) = (0 as c_int, 0 as c_int);
    // SAFETY: live parser; expat returns null or its buffer with the
    // event at `offset` and `size` bytes in all, valid until it parses on.
    unsafe {
        let p = ffi::XML_GetInputContext(core.parser(), &mut offset, &mut size);
        if p.is_null() || offset > size || offset < 0 {
            return Ok(vm.none());
        }
        let s = std::slice::from_raw_parts(p.add(offset as usize).cast::<u8>(), (size - offset) as usize);
        Ok(vm.new_bytes(s.to_vec()))
    }
}

/// `ExternalEntityParserCreate(context, encoding=None)`: a parser for an
/// external entity, with this parser's handlers and options.
fn external_entity_parser_create(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "ExternalEntityParserCreate", args, kwnames, 1, 2)?;
    let core = core_of(vm, this)?;
    let context = opt_c_string(vm, Some(&a[0]), "ExternalEntityParserCreate() argument 1")?;
    let encoding = match a.get(1) {
        Some(e) => Some(c_string(vm, e, "ExternalEntityParserCreate() argument 2")?),
        None => None,
    };
    let child = Core::new(core.intern.get());
    child.parent.set(Some(this.clone()));
    child.buffer_size.set(core.buffer_size.get());
    if core.buffer.borrow().is_some() {
        *child.buffer.borrow_mut() = Some(Vec::new());
    }
    child.ordered_attributes.set(core.ordered_attributes.get());
    child.specified_attributes.set(core.specified_attributes.get());
    child.ns_prefixes.set(core.ns_prefixes.get());
    // SAFETY: live parent parser; the strings are NUL-terminated or null.
    let parser =
        unsafe { ffi::XML_ExternalEntityParserCreate(core.parser(), ptr_or_null(&context), ptr_or_null(&encoding)) };
    if parser.is_null() {
        return Err(vm.memory_error());
    }
    let obj = wrap(vm, child, parser)?;
    let new_core = core_of(vm, &obj)?;
    for i in 0..N_HANDLERS {
        if let Some(h) = core.handler(i) {
            new_core.handlers[i].set(Some(h));
            handlers::install(new_core, i, true);
        }
    }
    Ok(obj)
}

fn set_param_entity_parsing(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let flag = crate::clinic::one(vm, "SetParamEntityParsing", args, kwnames)?;
    let core = core_of(vm, this)?;
    let flag = crate::converters::c_int(vm, &flag)?;
    // SAFETY: live parser; expat checks the value.
    let rc = unsafe { ffi::XML_SetParamEntityParsing(core.parser(), flag) };
    Ok(vm.new_int(rc.into()))
}

fn use_foreign_dtd(vm: &Vm, this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "UseForeignDTD", args, kwnames, 0, 1)?;
    let core = core_of(vm, this)?;
    let flag = match a.first() {
        Some(f) => vm.is_true(f)?,
        None => true,
    };
    // SAFETY: live parser.
    let rc = unsafe { ffi::XML_UseForeignDTD(core.parser(), u8::from(flag)) };
    if rc != 0 {
        return Err(expat_error(vm, core, rc));
    }
    Ok(vm.none())
}

// ---- attributes -------------------------------------------------------------------------------------

/// The handler attributes (one getter/setter pair per handler slot,
/// monomorphised on its index) and the other attributes, in CPython's
/// order.
macro_rules! getsets {
    ($($i:literal)*) => {
        [
            $(GetSetDef::new(handlers::NAMES[$i], handler_get::<$i>, Some(handler_set::<$i>)),)*
            GetSetDef::new("ErrorCode", |vm, o| position(vm, o, Pos::ErrorCode), None),
            GetSetDef::new("ErrorLineNumber", |vm, o| position(vm, o, Pos::Line), None),
            GetSetDef::new("ErrorColumnNumber", |vm, o| position(vm, o, Pos::Column), None),
            GetSetDef::new("ErrorByteIndex", |vm, o| position(vm, o, Pos::ByteIndex), None),
            GetSetDef::new("CurrentLineNumber", |vm, o| position(vm, o, Pos::Line), None),
            GetSetDef::new("CurrentColumnNumber", |vm, o| position(vm, o, Pos::Column), None),
            GetSetDef::new("CurrentByteIndex", |vm, o| position(vm, o, Pos::ByteIndex), None),
            GetSetDef::new("buffer_size", buffer_size_get, Some(buffer_size_set)),
            GetSetDef::new("buffer_text", buffer_text_get, Some(buffer_text_set)),
            GetSetDef::new("buffer_used", |vm, o| Ok(vm.new_usize(core_of(vm, o)?.buffer_used())), None),
            GetSetDef::new("namespace_prefixes", |vm, o| Ok(vm.bool_obj(core_of(vm, o)?.ns_prefixes.get())), Some(namespace_prefixes_set)),
            GetSetDef::new("ordered_attributes", |vm, o| Ok(vm.bool_obj(core_of(vm, o)?.ordered_attributes.get())), Some(ordered_attributes_set)),
            GetSetDef::new("specified_attributes", |vm, o| Ok(vm.bool_obj(core_of(vm, o)?.specified_attributes.get())), Some(specified_attributes_set)),
            GetSetDef::new("intern", |vm, o| Ok(core_of(vm, o)?.intern.get().unwrap_or_else(|| vm.none())), None),
        ]
    };
}

const GETSETS: [GetSetDef; N_HANDLERS + 14] = getsets!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21);

#[derive(Clone, Copy)]
enum Pos {
    ErrorCode,
    Line,
    Column,
    ByteIndex,
}

/// Expat's position getters (the Error* names are aliases of the
/// Current* ones in expat.h), as C longs.
fn position(vm: &Vm, o: &Obj, what: Pos) -> PyResult<Obj> {
    let p = core_of(vm, o)?.parser();
    // SAFETY: live parser; these only read its state.
    let v = unsafe {
        match what {
            Pos::ErrorCode => i64::from(ffi::XML_GetErrorCode(p)),
            Pos::Line => ffi::XML_GetCurrentLineNumber(p) as i64,
            Pos::Column => ffi::XML_GetCurrentColumnNumber(p) as i64,
            Pos::ByteIndex => ffi::XML_GetCurrentByteIndex(p),
        }
    };
    Ok(vm.new_int(v))
}

fn deleting(vm: &Vm, v: Option<&Obj>) -> PyResult<Obj> {
    v.cloned().ok_or_else(|| vm.runtime_error("Cannot delete attribute"))
}

fn buffer_size_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_usize(core_of(vm, o)?.buffer_size.get()))
}

fn buffer_size_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let v = deleting(vm, v)?;
    if taipan_vm::api::int::value(&v).is_none() {
        return Err(vm.type_error("buffer_size must be an integer"));
    }
    let Some(n) = vm.index_value(&v)?.as_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    };
    if n <= 0 {
        return Err(vm.value_error("buffer_size must be greater than zero"));
    }
    if n as usize == core.buffer_size.get() {
        return Ok(());
    }
    if n > i64::from(i32::MAX) {
        return Err(vm.value_error(format!("buffer_size must not be greater than {}", i32::MAX)));
    }
    if core.buffer_used() > 0 {
        flush_or_raise(vm, core)?;
    }
    // Setting a size turns buffering on, as in CPython.
    *core.buffer.borrow_mut() = Some(Vec::new());
    core.buffer_size.set(n as usize);
    Ok(())
}

fn flush_or_raise(vm: &Vm, core: &Core) -> PyResult<()> {
    if !handlers::flush_character_buffer(vm, core) {
        if let Some(e) = core.take_error() {
            return Err(e);
        }
    }
    Ok(())
}

fn buffer_text_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.bool_obj(core_of(vm, o)?.buffer.borrow().is_some()))
}

fn buffer_text_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let on = vm.is_true(&deleting(vm, v)?)?;
    if on {
        let mut b = core.buffer.borrow_mut();
        if b.is_none() {
            *b = Some(Vec::new());
        }
    } else if core.buffer.borrow().is_some() {
        flush_or_raise(vm, core)?;
        *core.buffer.borrow_mut() = None;
    }
    Ok(())
}

fn namespace_prefixes_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let on = vm.is_true(&deleting(vm, v)?)?;
    core.ns_prefixes.set(on);
    // SAFETY: live parser.
    unsafe { ffi::XML_SetReturnNSTriplet(core.parser(), c_int::from(on)) };
    Ok(())
}

fn ordered_attributes_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let on = vm.is_true(&deleting(vm, v)?)?;
    core.ordered_attributes.set(on);
    Ok(())
}

fn specified_attributes_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let on = vm.is_true(&deleting(vm, v)?)?;
    core.specified_attributes.set(on);
    Ok(())
}

fn handler_get<const I: usize>(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(core_of(vm, o)?.handler(I).unwrap_or_else(|| vm.none()))
}

fn handler_set<const I: usize>(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let core = core_of(vm, o)?;
    let Some(v) = v else {
        return Err(vm.runtime_error("Cannot delete attribute"));
    };
    if I == handlers::CHARACTER_DATA {
        flush_or_raise(vm, core)?;
    }
    let new = (!vm.is_none(v)).then(|| v.clone());
    let on = new.is_some();
    core.handlers[I].set(new);
    handlers::install(core, I, on);
    Ok(())
}
