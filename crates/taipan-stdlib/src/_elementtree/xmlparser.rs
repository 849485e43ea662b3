//! `xml.etree.ElementTree.XMLParser` (CPython's `XMLParserObject`): an
//! expat parser (through `pyexpat::api`) whose events go to a target:
//! straight into the Rust handlers of an exact `TreeBuilder`, else to the
//! target's `start`/`data`/`end`/... methods.
//!
//! **Invariant:** expat calls back only inside `Parser::parse`, which runs
//! under a `ParseGuard` that lends the sink the call's `&Vm` and the
//! parser object; a handler's exception is kept in the sink (the first
//! one wins; later events are skipped, as CPython's `PyErr_Occurred`
//! checks do) and raised when expat returns.

use std::cell::{Cell, RefCell};
use std::ffi::{c_int, CString};
use std::rc::Rc;

use taipan_vm::api::types::{payload_or_err, GetSetDef, MethodDef, Slots, TypeSpec};
use taipan_vm::api::{buffer, bytes, codecs, dict, str as pystr, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::treebuilder::{self, TreeBuilder};
use crate::pyexpat::api::{self as expat, Handler, Parser};
use crate::support;

const TYPE_NAME: &str = "xml.etree.ElementTree.XMLParser";
/// `XML_ERROR_UNDEFINED_ENTITY`.
const UNDEFINED_ENTITY: c_int = 11;

/// The target's methods, looked up once by `__init__`.
#[derive(Default)]
struct Handlers {
    start_ns: ObjCell,
    end_ns: ObjCell,
    start: ObjCell,
    data: ObjCell,
    end: ObjCell,
    comment: ObjCell,
    pi: ObjCell,
    close: ObjCell,
    doctype: ObjCell,
}

impl Handlers {
    fn cells(&self) -> [&ObjCell; 9] {
        [
            &self.start_ns,
            &self.end_ns,
            &self.start,
            &self.data,
            &self.end,
            &self.comment,
            &self.pi,
            &self.close,
            &self.doctype,
        ]
    }
}

/// What expat's callbacks reach: the target, its handlers, the entity
/// and name dicts, and, during a parse, the interpreter and the parser.
struct Sink {
    vm: Cell<*const Vm>,
    /// The XMLParser being fed (set only during a parse).
    owner: ObjCell,
    target: ObjCell,
    /// The target when it is an exact TreeBuilder (the shortcut).
    builder: ObjCell,
    entity: ObjCell,
    names: ObjCell,
    handlers: Handlers,
    error: RefCell<Option<PyErr>>,
}

impl Sink {
    /// The interpreter of the running parse (None outside of one).
    fn vm(&self) -> Option<&Vm> {
        let p = self.vm.get();
        // SAFETY: `vm` is set only by `ParseGuard` to a `&Vm` that outlives
        // the guard and reset to null when it drops; expat calls back only
        // inside the guarded parse.
        (!p.is_null()).then(|| unsafe { &*p })
    }

    /// The interpreter, unless an error is pending.
    fn live(&self) -> Option<&Vm> {
        if self.error.borrow().is_some() {
            return None;
        }
        self.vm()
    }

    fn fail(&self, e: PyErr) {
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(e);
        }
    }

    fn report(&self, r: PyResult<()>) {
        if let Err(e) = r {
            self.fail(e);
        }
    }

    fn builder<'a>(&self, vm: &Vm, keep: &'a mut Option<Obj>) -> Option<&'a TreeBuilder> {
        *keep = self.builder.get();
        keep.as_ref().and_then(|b| treebuilder::builder(vm, b).ok())
    }

    /// CPython's `makeuniversal`: a name from expat as str, `{uri}local`
    /// for a namespaced one, shared through the names dict.
    fn universal(&self, vm: &Vm, raw: &[u8]) -> PyResult<Obj> {
        let Some(names) = self.names.get() else {
            return Ok(vm.new_str(&String::from_utf8_lossy(raw)));
        };
        let key = vm.new_bytes(raw.to_vec());
        if let Some(v) = dict::get_item_opt(vm, &names, &key)? {
            return Ok(v);
        }
        let text = String::from_utf8_lossy(raw);
        let value = if raw.contains(&b'}') { vm.new_str(&format!("{{{text}")) } else { vm.new_str(&text) };
        dict::set_item(vm, &names, key, value.clone())?;
        Ok(value)
    }
}

fn text(vm: &Vm, raw: &[u8]) -> Obj {
    vm.new_str(&String::from_utf8_lossy(raw))
}

fn call(vm: &Vm, h: &ObjCell, args: &[Obj]) -> PyResult<()> {
    if let Some(f) = h.get() {
        vm.call(&f, args, None)?;
    }
    Ok(())
}

impl expat::Events for Sink {
    fn start_element(&self, name: &[u8], attrs: &[(&[u8], &[u8])]) {
        let Some(vm) = self.live() else { return };
        let r = (|| {
            let tag = self.universal(vm, name)?;
            let attrib = if attrs.is_empty() {
                None
            } else {
                let d = vm.new_dict();
                for (k, v) in attrs {
                    dict::set_item(vm, &d, self.universal(vm, k)?, text(vm, v))?;
                }
                Some(d)
            };
            let mut keep = None;
            if let Some(tb) = self.builder(vm, &mut keep) {
                treebuilder::handle_start(vm, tb, tag, attrib)?;
            } else {
                call(vm, &self.handlers.start, &[tag, attrib.unwrap_or_else(|| vm.new_dict())])?;
            }
            Ok(())
        })();
        self.report(r);
    }

    fn end_element(&self, name: &[u8]) {
        let Some(vm) = self.live() else { return };
        let r = (|| {
            let mut keep = None;
            if let Some(tb) = self.builder(vm, &mut keep) {
                treebuilder::handle_end(vm, tb)?;
            } else if self.handlers.end.is_some() {
                let tag = self.universal(vm, name)?;
                call(vm, &self.handlers.end, &[tag])?;
            }
            Ok(())
        })();
        self.report(r);
    }

    fn character_data(&self, data: &[u8]) {
        let Some(vm) = self.live() else { return };
        self.deliver_data(vm, text(vm, data));
    }

    fn default_expand(&self, data: &[u8], position: (i64, i64)) {
        if data.len() < 2 || data[0] != b'&' {
            return;
        }
        let Some(vm) = self.live() else { return };
        let key = text(vm, &data[1..data.len() - 1]);
        let value = match self.entity.get() {
            Some(d) => dict::get_item_opt(vm, &d, &key),
            None => Ok(None),
        };
        match value {
            Ok(Some(v)) => self.deliver_data(vm, v),
            Ok(None) => {
                let shown = String::from_utf8_lossy(&data[..data.len().min(100)]);
                let (line, column) = position;
                self.fail(parse_error(vm, UNDEFINED_ENTITY, line, column, Some(&format!("undefined entity {shown}"))));
            }
            Err(e) => self.fail(e),
        }
    }

    fn comment(&self, data: &[u8]) {
        let Some(vm) = self.live() else { return };
        let mut keep = None;
        let r = if let Some(tb) = self.builder(vm, &mut keep) {
            treebuilder::handle_comment(vm, tb, text(vm, data)).map(drop)
        } else {
            call(vm, &self.handlers.comment, &[text(vm, data)])
        };
        self.report(r);
    }

    fn processing_instruction(&self, target: &[u8], data: &[u8]) {
        let Some(vm) = self.live() else { return };
        let mut keep = None;
        let r = if let Some(tb) = self.builder(vm, &mut keep) {
            if tb.events.append.is_some() && tb.events.pi.is_some() || tb.insert_pis.get() {
                treebuilder::handle_pi(vm, tb, text(vm, target), text(vm, data)).map(drop)
            } else {
                Ok(())
            }
        } else {
            call(vm, &self.handlers.pi, &[text(vm, target), text(vm, data)])
        };
        self.report(r);
    }

    fn start_namespace(&self, prefix: Option<&[u8]>, uri: Option<&[u8]>) {
        let Some(vm) = self.live() else { return };
        let prefix = text(vm, prefix.unwrap_or_default());
        let uri = text(vm, uri.unwrap_or_default());
        let mut keep = None;
        let r = if let Some(tb) = self.builder(vm, &mut keep) {
            if tb.events.append.is_some() && tb.events.start_ns.is_some() {
                treebuilder::handle_start_ns(vm, tb, prefix, uri)
            } else {
                Ok(())
            }
        } else {
            call(vm, &self.handlers.start_ns, &[prefix, uri])
        };
        self.report(r);
    }

    fn end_namespace(&self, prefix: Option<&[u8]>) {
        let Some(vm) = self.live() else { return };
        let mut keep = None;
        let r = if let Some(tb) = self.builder(vm, &mut keep) {
            // CPython reports the end of a namespace scope with None.
            if tb.events.append.is_some() && tb.events.end_ns.is_some() {
                treebuilder::handle_end_ns(vm, tb, vm.none())
            } else {
                Ok(())
            }
        } else {
            call(vm, &self.handlers.end_ns, &[text(vm, prefix.unwrap_or_default())])
        };
        self.report(r);
    }

    fn start_doctype(&self, name: &[u8], sysid: Option<&[u8]>, pubid: Option<&[u8]>) {
        let Some(vm) = self.live() else { return };
        let r = (|| {
            let name = self.universal(vm, name)?;
            let sysid = match sysid {
                Some(s) => self.universal(vm, s)?,
                None => vm.none(),
            };
            let pubid = match pubid {
                Some(s) => self.universal(vm, s)?,
                None => vm.none(),
            };
            if self.handlers.doctype.is_some() {
                return call(vm, &self.handlers.doctype, &[name, pubid, sysid]);
            }
            if let Some(owner) = self.owner.get() {
                if vm.getattr_str_opt(&owner, "doctype")?.is_some() {
                    let category = vm.ctx.exceptions.runtime_warning.clone();
                    taipan_vm::api::warnings::warn(
                        vm,
                        &category,
                        "The doctype() method of XMLParser is ignored.  Define doctype() method on the TreeBuilder target.",
                        1,
                    )?;
                }
            }
            Ok(())
        })();
        self.report(r);
    }

    fn unknown_encoding(&self, name: &[u8]) -> Option<[c_int; 256]> {
        let vm = self.live()?;
        match crate::pyexpat::encoding_map(vm, text(vm, name)) {
            Ok(map) => Some(map),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }
}

impl Sink {
    /// Character data (or an entity's value) to the target.
    fn deliver_data(&self, vm: &Vm, data: Obj) {
        let mut keep = None;
        if let Some(tb) = self.builder(vm, &mut keep) {
            treebuilder::handle_data(vm, tb, data);
        } else {
            let r = call(vm, &self.handlers.data, &[data]);
            self.report(r);
        }
    }
}

/// A ParseError "`message`: line L, column C" with `code` and `position`
/// (CPython's `expat_set_error`).
fn parse_error(vm: &Vm, code: c_int, line: i64, column: i64, message: Option<&str>) -> PyErr {
    let msg = match message {
        Some(m) => m.to_string(),
        None => expat::error_string(code),
    };
    let ty = match super::parse_error_type(vm) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let err = vm.new_exception(&ty, vec![vm.new_str(&format!("{msg}: line {line}, column {column}"))]);
    let position = vm.new_tuple(vec![vm.new_int(line), vm.new_int(column)]);
    for (name, v) in [("code", vm.new_int(code.into())), ("position", position)] {
        if let Err(e) = vm.setattr_str(err.value(), name, &v) {
            return e;
        }
    }
    err
}

// ---- the type -------------------------------------------------------------------------------------

struct XmlParser {
    /// The expat parser; None until `__init__`. Shared so a parse keeps
    /// its parser alive even if `__init__` runs again from a handler.
    parser: RefCell<Option<Rc<Parser<Sink>>>>,
    /// A parse is running (expat is not reentrant).
    parsing: Cell<bool>,
}

impl PyPayload for XmlParser {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(p) = self.parser.try_borrow() {
            if let Some(p) = p.as_ref() {
                let s = p.events();
                support::visit_cells(&[&s.owner, &s.target, &s.builder, &s.entity, &s.names], visit);
                support::visit_cells(&s.handlers.cells(), visit);
            }
        }
    }

    fn clear(&self) {
        let old = self.parser.try_borrow_mut().map(|mut p| p.take()).unwrap_or_default();
        if let Some(p) = &old {
            let s = p.events();
            support::clear_cells(&[&s.owner, &s.target, &s.builder, &s.entity, &s.names]);
            support::clear_cells(&s.handlers.cells());
        }
        drop(old);
    }
}

pub(super) fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, TYPE_NAME) {
        return t;
    }
    let spec = TypeSpec {
        name: TYPE_NAME,
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        methods: METHODS,
        getsets: GETSETS,
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<XmlParser>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, cls, _a, _k| {
            support::alloc(vm, cls, TYPE_NAME, XmlParser { parser: RefCell::new(None), parsing: Cell::new(false) })
        }));
        s.init.set(Some(init));
    });
    support::register_type(vm, TYPE_NAME, &t);
    t
}

fn payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a XmlParser> {
    payload_or_err::<XmlParser>(vm, o, TYPE_NAME)
}

/// The parser, or "XMLParser.__init__() wasn't called".
fn parser(vm: &Vm, o: &Obj) -> PyResult<Rc<Parser<Sink>>> {
    payload(vm, o)?.parser.borrow().clone().ok_or_else(|| vm.value_error("XMLParser.__init__() wasn't called"))
}

/// `XMLParser(*, target=None, encoding=None)`.
fn init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let spec = taipan_vm::api::args::ArgSpec {
        fname: "XMLParser",
        names: &["target", "encoding"],
        posonly: 0,
        required: 0,
        kwonly_from: 0,
    };
    let p = taipan_vm::api::args::parse_spec(vm, &spec, args, kwnames)?;
    let encoding = match &p[1] {
        Some(e) if vm.is_none(e) => None,
        Some(e) if pystr::data(e).is_some() => {
            let raw = codecs::encode_str(vm, e, None, None)?;
            Some(CString::new(raw).map_err(|_| vm.value_error("embedded null character"))?)
        }
        Some(e) => {
            return Err(
                vm.type_error(format!("XMLParser() argument 'encoding' must be str or None, not {}", vm.type_name(e)))
            )
        }
        None => None,
    };
    let target = match &p[0] {
        Some(t) if !vm.is_none(t) => t.clone(),
        _ => treebuilder::new_default(vm)?,
    };
    let handlers = Handlers::default();
    for (cell, name) in handlers.cells().into_iter().zip(HANDLER_NAMES) {
        cell.set(vm.getattr_str_opt(&target, name)?);
    }
    let sink = Sink {
        vm: Cell::new(std::ptr::null()),
        owner: ObjCell::default(),
        builder: if treebuilder::is_exact(vm, &target) { ObjCell::some(target.clone()) } else { ObjCell::default() },
        target: ObjCell::some(target),
        entity: ObjCell::some(vm.new_dict()),
        names: ObjCell::some(vm.new_dict()),
        handlers,
        error: RefCell::new(None),
    };
    let Some(parser) = Parser::new(encoding.as_deref(), Some(c"}"), sink) else {
        return Err(vm.memory_error());
    };
    let h = &parser.events().handlers;
    if h.start_ns.is_some() || h.end_ns.is_some() {
        parser.enable(Handler::Namespace);
    }
    parser.enable(Handler::Element);
    parser.enable(Handler::DefaultExpand);
    parser.enable(Handler::CharacterData);
    if h.comment.is_some() {
        parser.enable(Handler::Comment);
    }
    if h.pi.is_some() {
        parser.enable(Handler::ProcessingInstruction);
    }
    parser.enable(Handler::Doctype);
    let old = payload(vm, o)?.parser.replace(Some(Rc::new(parser)));
    drop(old);
    Ok(())
}

/// The target attributes `__init__` looks up, in `Handlers::cells` order.
const HANDLER_NAMES: [&str; 9] = ["start_ns", "end_ns", "start", "data", "end", "comment", "pi", "close", "doctype"];

/// Lends the sink the interpreter and the parser object for one parse.
struct ParseGuard<'a> {
    sink: &'a Sink,
    owner: &'a XmlParser,
}

impl<'a> ParseGuard<'a> {
    fn enter(vm: &'a Vm, this: &Obj, owner: &'a XmlParser, sink: &'a Sink) -> PyResult<ParseGuard<'a>> {
        if owner.parsing.replace(true) {
            return Err(vm.runtime_error("cannot feed an XMLParser from inside one of its own handlers"));
        }
        sink.vm.set(vm as *const Vm);
        sink.owner.set(Some(this.clone()));
        Ok(ParseGuard { sink, owner })
    }
}

impl Drop for ParseGuard<'_> {
    fn drop(&mut self) {
        self.sink.vm.set(std::ptr::null());
        drop(self.sink.owner.take());
        self.owner.parsing.set(false);
    }
}

/// Feed `data` to expat (CPython's `expat_parse`): a handler's exception,
/// else a ParseError for a parse error.
fn expat_parse(vm: &Vm, this: &Obj, data: &[u8], is_final: bool) -> PyResult<()> {
    let owner = payload(vm, this)?;
    let parser = parser(vm, this)?;
    let sink = parser.events();
    let ok = vm.with_recursion(" while parsing XML", || {
        let _guard = ParseGuard::enter(vm, this, owner, sink)?;
        Ok(parser.parse(data, is_final))
    })?;
    if let Some(e) = sink.error.borrow_mut().take() {
        return Err(e);
    }
    if !ok {
        let (code, line, column) = parser.error();
        return Err(parse_error(vm, code, line, column, None));
    }
    Ok(())
}

// ---- methods ----------------------------------------------------------------------------------------

const METHODS: &[MethodDef] = &[
    MethodDef::method("feed", feed),
    MethodDef::method("close", close),
    MethodDef::method("_parse_whole", parse_whole),
    MethodDef::method("_setevents", setevents),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("entity", |vm, o| sink_field(vm, o, |s| &s.entity), None),
    GetSetDef::new("target", |vm, o| sink_field(vm, o, |s| &s.target), None),
    GetSetDef::new(
        "version",
        |vm, _o| {
            let (a, b, c) = expat::version();
            Ok(vm.new_str(&format!("Expat {a}.{b}.{c}")))
        },
        None,
    ),
];

fn sink_field(vm: &Vm, o: &Obj, f: impl Fn(&Sink) -> &ObjCell) -> PyResult<Obj> {
    let p = payload(vm, o)?.parser.borrow().clone();
    Ok(p.and_then(|p| f(p.events()).get()).unwrap_or_else(|| vm.none()))
}

/// `feed(data)`: str (as UTF-8) or bytes-like.
fn feed(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [data] = taipan_vm::api::args::exact::<1>(vm, "feed", args, kwnames)?;
    let p = parser(vm, o)?;
    let raw = if pystr::data(&data).is_some() {
        let raw = codecs::encode_str(vm, &data, None, None)?;
        p.set_encoding(c"utf-8");
        raw
    } else {
        buffer::with_simple_bytes(vm, &data, |b| b.to_vec())?
    };
    drop(p);
    expat_parse(vm, o, &raw, false)?;
    Ok(vm.none())
}

/// What `close` and `_parse_whole` return once the input has ended.
fn finish(vm: &Vm, o: &Obj, call_close: bool) -> PyResult<Obj> {
    expat_parse(vm, o, b"", true)?;
    let p = parser(vm, o)?;
    let sink = p.events();
    if let Some(b) = sink.builder.get() {
        return Ok(treebuilder::done(vm, treebuilder::builder(vm, &b)?));
    }
    if call_close {
        if let Some(close) = sink.handlers.close.get() {
            drop(p);
            return vm.call0(&close);
        }
    }
    Ok(vm.none())
}

fn close(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", args, kwnames)?;
    parser(vm, o)?;
    finish(vm, o, true)
}

/// `_parse_whole(file)`: read 64 KiB at a time until the file ends.
fn parse_whole(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [file] = taipan_vm::api::args::exact::<1>(vm, "_parse_whole", args, kwnames)?;
    parser(vm, o)?;
    let reader = vm.getattr_str(&file, "read")?;
    loop {
        let buf = vm.call1(&reader, vm.new_int(64 * 1024))?;
        let raw = if buf.type_is(&vm.ctx.types.str) {
            if pystr::len(&buf) == 0 {
                break;
            }
            codecs::encode_str(vm, &buf, Some("utf-8"), Some("surrogatepass"))?
        } else {
            match bytes::as_bytes_ref(&buf) {
                Some(b) if buf.type_is(&vm.ctx.types.bytes) && !b.is_empty() => b.to_vec(),
                _ => break,
            }
        };
        expat_parse(vm, o, &raw, false)?;
    }
    finish(vm, o, false)
}

/// `_setevents(events_queue, events_to_report=None)`: report these events
/// of an exact TreeBuilder target by appending to the queue (iterparse).
fn setevents(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "_setevents", "_setevents", args, kwnames, 1, 2)?;
    let p = parser(vm, o)?;
    let Some(b) = p.events().builder.get() else {
        return Err(vm.type_error("event handling only supported for ElementTree.TreeBuilder targets"));
    };
    let tb = treebuilder::builder(vm, &b)?;
    let append = vm.getattr_str(&a[0], "append")?;
    let ev = &tb.events;
    ev.append.set(Some(append));
    for c in [&ev.start, &ev.end, &ev.start_ns, &ev.end_ns, &ev.comment, &ev.pi] {
        drop(c.take());
    }
    let Some(wanted) = a.get(1).filter(|w| !vm.is_none(w)) else {
        ev.end.set(Some(vm.new_str("end")));
        return Ok(vm.none());
    };
    let names = super::sequence_fast(vm, wanted, "events must be a sequence")?;
    for name in names {
        let text = if let Some(s) = pystr::as_str(&name) {
            s.to_string()
        } else if let Some(b) = bytes::as_bytes_ref(&name) {
            String::from_utf8_lossy(b.split(|&c| c == 0).next().unwrap_or_default()).into_owned()
        } else {
            return Err(vm.value_error("invalid events sequence"));
        };
        let (cell, handler) = match text.as_str() {
            "start" => (&ev.start, None),
            "end" => (&ev.end, None),
            "start-ns" => (&ev.start_ns, Some(Handler::Namespace)),
            "end-ns" => (&ev.end_ns, Some(Handler::Namespace)),
            "comment" => (&ev.comment, Some(Handler::Comment)),
            "pi" => (&ev.pi, Some(Handler::ProcessingInstruction)),
            other => return Err(vm.value_error(format!("unknown event '{other}'"))),
        };
        cell.set(Some(name.clone()));
        if let Some(h) = handler {
            p.enable(h);
        }
    }
    Ok(vm.none())
}
