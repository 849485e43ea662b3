//! `xml.etree.ElementTree.TreeBuilder` (CPython's `TreeBuilderObject`):
//! builds a tree from start/data/end/comment/pi calls, and reports the
//! events iterparse asked for (`XMLParser._setevents`) by appending
//! `(event, object)` pairs to the queue.
//!
//! `XMLParser` calls the `handle_*` functions directly when its target is
//! an exact TreeBuilder (CPython's shortcut), so they are the methods too.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{payload_or_err, MethodDef, Slots, TypeSpec};
use taipan_vm::api::{Obj, ObjCell, PyPayload, PyResult, Vm};

use super::element;
use crate::support;

pub(super) const TYPE_NAME: &str = "xml.etree.ElementTree.TreeBuilder";

/// The events a builder reports: the object each is reported with (the
/// event name as given to `_setevents`), unset when not reported.
#[derive(Default)]
pub(super) struct EventNames {
    pub(super) append: ObjCell,
    pub(super) start: ObjCell,
    pub(super) end: ObjCell,
    pub(super) start_ns: ObjCell,
    pub(super) end_ns: ObjCell,
    pub(super) comment: ObjCell,
    pub(super) pi: ObjCell,
}

impl EventNames {
    fn cells(&self) -> [&ObjCell; 7] {
        [&self.append, &self.start, &self.end, &self.start_ns, &self.end_ns, &self.comment, &self.pi]
    }
}

pub(super) struct TreeBuilder {
    root: ObjCell,
    this: ObjCell,
    last: ObjCell,
    last_for_tail: ObjCell,
    /// Character data not yet given to an element.
    data: RefCell<Vec<Obj>>,
    /// The open elements above `this`.
    stack: RefCell<Vec<Obj>>,
    element_factory: ObjCell,
    comment_factory: ObjCell,
    pi_factory: ObjCell,
    pub(super) events: EventNames,
    insert_comments: Cell<bool>,
    pub(super) insert_pis: Cell<bool>,
}

impl PyPayload for TreeBuilder {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        support::visit_cells(&self.cells(), visit);
        support::visit_cells(&self.events.cells(), visit);
        support::visit_vec(&self.data, visit);
        support::visit_vec(&self.stack, visit);
    }

    fn clear(&self) {
        support::clear_cells(&self.cells());
        support::clear_cells(&self.events.cells());
        support::clear_vec(&self.data);
        support::clear_vec(&self.stack);
    }
}

impl TreeBuilder {
    fn new(vm: &Vm) -> TreeBuilder {
        TreeBuilder {
            root: ObjCell::default(),
            this: ObjCell::some(vm.none()),
            last: ObjCell::some(vm.none()),
            last_for_tail: ObjCell::default(),
            data: RefCell::new(Vec::new()),
            stack: RefCell::new(Vec::new()),
            element_factory: ObjCell::default(),
            comment_factory: ObjCell::default(),
            pi_factory: ObjCell::default(),
            events: EventNames::default(),
            insert_comments: Cell::new(false),
            insert_pis: Cell::new(false),
        }
    }

    fn cells(&self) -> [&ObjCell; 7] {
        [
            &self.root,
            &self.this,
            &self.last,
            &self.last_for_tail,
            &self.element_factory,
            &self.comment_factory,
            &self.pi_factory,
        ]
    }

    fn this(&self, vm: &Vm) -> Obj {
        self.this.get().unwrap_or_else(|| vm.none())
    }
}

pub(super) fn builder<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a TreeBuilder> {
    payload_or_err::<TreeBuilder>(vm, o, TYPE_NAME)
}

/// `TreeBuilder_CheckExact`.
pub(super) fn is_exact(vm: &Vm, o: &Obj) -> bool {
    support::module_type(vm, TYPE_NAME).is_some_and(|t| o.type_is(&t))
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
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<TreeBuilder>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, cls, _a, _k| support::alloc(vm, cls, TYPE_NAME, TreeBuilder::new(vm))));
        s.init.set(Some(init));
    });
    support::register_type(vm, TYPE_NAME, &t);
    t
}

/// A new exact TreeBuilder with the default factories (XMLParser's
/// target when none is given).
pub(super) fn new_default(vm: &Vm) -> PyResult<Obj> {
    let tb = support::alloc_exact(vm, TYPE_NAME, TreeBuilder::new(vm))?;
    configure(vm, builder(vm, &tb)?, None, None, None, false, false);
    Ok(tb)
}

/// `TreeBuilder(element_factory=None, *, comment_factory=None,
/// pi_factory=None, insert_comments=False, insert_pis=False)`.
fn init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let spec = taipan_vm::api::args::ArgSpec {
        fname: "TreeBuilder",
        names: &["element_factory", "comment_factory", "pi_factory", "insert_comments", "insert_pis"],
        posonly: 0,
        required: 0,
        kwonly_from: 1,
    };
    let p = taipan_vm::api::args::parse_spec(vm, &spec, args, kwnames)?;
    let not_none = |o: &Option<Obj>| o.clone().filter(|o| !vm.is_none(o));
    let flag = |o: &Option<Obj>| -> PyResult<bool> {
        match o {
            Some(v) => vm.is_true(v),
            None => Ok(false),
        }
    };
    let (ic, ip) = (flag(&p[3])?, flag(&p[4])?);
    configure(vm, builder(vm, o)?, not_none(&p[0]), not_none(&p[1]), not_none(&p[2]), ic, ip);
    Ok(())
}

fn configure(
    vm: &Vm,
    tb: &TreeBuilder,
    element_factory: Option<Obj>,
    comment_factory: Option<Obj>,
    pi_factory: Option<Obj>,
    insert_comments: bool,
    insert_pis: bool,
) {
    let (default_comment, default_pi) = super::factories(vm);
    tb.element_factory.set(element_factory);
    let cf = comment_factory.or(default_comment);
    tb.insert_comments.set(cf.is_some() && insert_comments);
    tb.comment_factory.set(cf);
    let pf = pi_factory.or(default_pi);
    tb.insert_pis.set(pf.is_some() && insert_pis);
    tb.pi_factory.set(pf);
}

// ---- the handlers -----------------------------------------------------------------------------------

/// Append `(event, node)` to the event queue when `event` is reported.
fn append_event(vm: &Vm, tb: &TreeBuilder, event: &ObjCell, node: Obj) -> PyResult<()> {
    if let (Some(name), Some(append)) = (event.get(), tb.events.append.get()) {
        vm.call1(&append, vm.new_tuple(vec![name, node]))?;
    }
    Ok(())
}

/// Give the pending character data to the last element: its text, or
/// the tail of the last closed element (CPython's `treebuilder_flush_data`).
fn flush_data(vm: &Vm, tb: &TreeBuilder) -> PyResult<()> {
    let data = std::mem::take(&mut *tb.data.borrow_mut());
    if data.is_empty() {
        return Ok(());
    }
    let (target, name) = match tb.last_for_tail.get() {
        Some(t) => (t, "tail"),
        None => (tb.last.get().unwrap_or_else(|| vm.none()), "text"),
    };
    if element::is_exact_element(vm, &target) {
        let e = payload_or_err::<element::Element>(vm, &target, element::TYPE_NAME)?;
        let current = if name == "text" { e.text(vm) } else { e.tail(vm) };
        if vm.is_none(&current) {
            let joined =
                if data.len() == 1 { data.into_iter().next().unwrap_or_else(|| vm.none()) } else { join(vm, data)? };
            if name == "text" {
                e.set_text(joined);
            } else {
                e.set_tail(joined);
            }
            return Ok(());
        }
    }
    let previous = vm.getattr_str(&target, name)?;
    let mut joined = join(vm, data)?;
    if !vm.is_none(&previous) {
        joined = vm.binary_op(&previous, &joined, taipan_vm::api::types::NbOp::Add)?;
    }
    vm.setattr_str(&target, name, &joined)
}

/// `"".join(data)`.
fn join(vm: &Vm, data: Vec<Obj>) -> PyResult<Obj> {
    vm.call_method(&vm.new_str(""), "join", &[vm.new_list(data)])
}

/// Append `child` to `parent`: directly for an exact Element, else by
/// its `append` method.
fn add_child(vm: &Vm, parent: &Obj, child: &Obj) -> PyResult<()> {
    if element::is_exact_element(vm, parent) {
        return element::add_subelement(vm, parent, child);
    }
    vm.call_method(parent, "append", std::slice::from_ref(child))?;
    Ok(())
}

pub(super) fn handle_start(vm: &Vm, tb: &TreeBuilder, tag: Obj, attrib: Option<Obj>) -> PyResult<Obj> {
    flush_data(vm, tb)?;
    let node = match tb.element_factory.get() {
        None => element::create(vm, tag, attrib)?,
        Some(f) => vm.call(&f, &[tag, attrib.unwrap_or_else(|| vm.new_dict())], None)?,
    };
    let this = tb.this(vm);
    drop(tb.last_for_tail.take());
    if !vm.is_none(&this) {
        add_child(vm, &this, &node)?;
    } else if tb.root.is_some() {
        return Err(vm.new_exception_msg(&super::parse_error_type(vm)?, "multiple elements on top level"));
    } else {
        tb.root.set(Some(node.clone()));
    }
    tb.stack.borrow_mut().push(this);
    tb.this.set(Some(node.clone()));
    tb.last.set(Some(node.clone()));
    append_event(vm, tb, &tb.events.start, node.clone())?;
    Ok(node)
}

pub(super) fn handle_data(vm: &Vm, tb: &TreeBuilder, data: Obj) {
    // Data before the first start tag is ignored.
    let before_start = tb.last.get().is_none_or(|l| vm.is_none(&l));
    let mut pending = tb.data.borrow_mut();
    if pending.is_empty() && before_start {
        return;
    }
    pending.push(data);
}

pub(super) fn handle_end(vm: &Vm, tb: &TreeBuilder) -> PyResult<Obj> {
    flush_data(vm, tb)?;
    let Some(parent) = tb.stack.borrow_mut().pop() else {
        return Err(vm.index_error("pop from empty stack"));
    };
    let closed = tb.this(vm);
    tb.last.set(Some(closed.clone()));
    tb.last_for_tail.set(Some(closed.clone()));
    tb.this.set(Some(parent));
    append_event(vm, tb, &tb.events.end, closed.clone())?;
    Ok(closed)
}

pub(super) fn handle_comment(vm: &Vm, tb: &TreeBuilder, text: Obj) -> PyResult<Obj> {
    flush_data(vm, tb)?;
    let comment = match tb.comment_factory.get() {
        Some(f) => {
            let c = vm.call1(&f, text)?;
            let this = tb.this(vm);
            if tb.insert_comments.get() && !vm.is_none(&this) {
                add_child(vm, &this, &c)?;
                tb.last_for_tail.set(Some(c.clone()));
            }
            c
        }
        None => text,
    };
    append_event(vm, tb, &tb.events.comment, comment.clone())?;
    Ok(comment)
}

pub(super) fn handle_pi(vm: &Vm, tb: &TreeBuilder, target: Obj, text: Obj) -> PyResult<Obj> {
    flush_data(vm, tb)?;
    let pi = match tb.pi_factory.get() {
        Some(f) => {
            let p = vm.call(&f, &[target, text], None)?;
            let this = tb.this(vm);
            if tb.insert_pis.get() && !vm.is_none(&this) {
                add_child(vm, &this, &p)?;
                tb.last_for_tail.set(Some(p.clone()));
            }
            p
        }
        None => vm.new_tuple(vec![target, text]),
    };
    append_event(vm, tb, &tb.events.pi, pi.clone())?;
    Ok(pi)
}

pub(super) fn handle_start_ns(vm: &Vm, tb: &TreeBuilder, prefix: Obj, uri: Obj) -> PyResult<()> {
    append_event(vm, tb, &tb.events.start_ns, vm.new_tuple(vec![prefix, uri]))
}

pub(super) fn handle_end_ns(vm: &Vm, tb: &TreeBuilder, prefix: Obj) -> PyResult<()> {
    append_event(vm, tb, &tb.events.end_ns, prefix)
}

/// The root element, or None (CPython's `treebuilder_done`).
pub(super) fn done(vm: &Vm, tb: &TreeBuilder) -> Obj {
    tb.root.get().unwrap_or_else(|| vm.none())
}

// ---- the methods ------------------------------------------------------------------------------------

const METHODS: &[MethodDef] = &[
    MethodDef::method("data", data),
    MethodDef::method("start", start),
    MethodDef::method("end", end),
    MethodDef::method("comment", comment),
    MethodDef::method("pi", pi),
    MethodDef::method("close", close),
];

fn data(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [d] = taipan_vm::api::args::exact::<1>(vm, "data", args, kwnames)?;
    handle_data(vm, builder(vm, o)?, d);
    Ok(vm.none())
}

fn start(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "start", "start", args, kwnames, 2, 2)?;
    super::require_dict(vm, &a[1], "start() argument 2")?;
    handle_start(vm, builder(vm, o)?, a[0].clone(), Some(a[1].clone()))
}

fn end(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<1>(vm, "end", args, kwnames)?;
    handle_end(vm, builder(vm, o)?)
}

fn comment(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [text] = taipan_vm::api::args::exact::<1>(vm, "comment", args, kwnames)?;
    handle_comment(vm, builder(vm, o)?, text)
}

fn pi(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "pi", "pi", args, kwnames, 1, 2)?;
    let text = a.get(1).cloned().unwrap_or_else(|| vm.none());
    handle_pi(vm, builder(vm, o)?, a[0].clone(), text)
}

fn close(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", args, kwnames)?;
    Ok(done(vm, builder(vm, o)?))
}
