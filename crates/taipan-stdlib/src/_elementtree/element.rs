//! `xml.etree.ElementTree.Element` (CPython's `ElementObject`): tag,
//! text, tail, an attribute dict made on first use, and the children.
//!
//! The children are a vector touched only inside short accessors; any
//! call that can run Python code (comparisons in `find`/`remove`,
//! deepcopy, factories) works on references cloned out first.

use std::cell::RefCell;

use taipan_vm::api::types::{flags, payload_or_err, GetSetDef, MethodDef, Slots, TypeSpec};
use taipan_vm::api::{bytes, dict, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::elementiter;
use crate::support;

pub(super) const TYPE_NAME: &str = "xml.etree.ElementTree.Element";

/// The payload of an Element.
pub(crate) struct Element {
    tag: ObjCell,
    text: ObjCell,
    tail: ObjCell,
    /// The attribute dict; unset until asked for or given.
    attrib: ObjCell,
    children: RefCell<Vec<Obj>>,
}

impl PyPayload for Element {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        support::visit_cells(&[&self.tag, &self.text, &self.tail, &self.attrib], visit);
        support::visit_vec(&self.children, visit);
    }

    fn clear(&self) {
        support::clear_cells(&[&self.tag, &self.text, &self.tail, &self.attrib]);
        support::clear_vec(&self.children);
    }
}

impl Element {
    fn new(vm: &Vm, tag: Obj, attrib: Option<Obj>) -> Element {
        Element {
            tag: ObjCell::some(tag),
            text: ObjCell::some(vm.none()),
            tail: ObjCell::some(vm.none()),
            attrib: attrib.map(ObjCell::some).unwrap_or_default(),
            children: RefCell::new(Vec::new()),
        }
    }

    pub(super) fn tag(&self, vm: &Vm) -> Obj {
        self.tag.get().unwrap_or_else(|| vm.none())
    }

    pub(super) fn text(&self, vm: &Vm) -> Obj {
        self.text.get().unwrap_or_else(|| vm.none())
    }

    pub(super) fn tail(&self, vm: &Vm) -> Obj {
        self.tail.get().unwrap_or_else(|| vm.none())
    }

    pub(super) fn set_text(&self, v: Obj) {
        self.text.set(Some(v));
    }

    pub(super) fn set_tail(&self, v: Obj) {
        self.tail.set(Some(v));
    }

    pub(super) fn len(&self) -> usize {
        self.children.borrow().len()
    }

    pub(super) fn child(&self, i: usize) -> Option<Obj> {
        self.children.borrow().get(i).cloned()
    }

    fn snapshot(&self) -> Vec<Obj> {
        self.children.borrow().clone()
    }

    /// Replace the children; the old ones are dropped after the borrow.
    fn replace_children(&self, new: Vec<Obj>) {
        let old = std::mem::replace(&mut *self.children.borrow_mut(), new);
        drop(old);
    }

    fn push(&self, child: Obj) {
        self.children.borrow_mut().push(child);
    }

    /// The attribute dict, made on first use (CPython's
    /// `element_get_attrib`).
    fn attrib_dict(&self, vm: &Vm) -> Obj {
        match self.attrib.get() {
            Some(d) => d,
            None => {
                let d = vm.new_dict();
                self.attrib.set(Some(d.clone()));
                d
            }
        }
    }
}

pub(super) fn element_type(vm: &Vm) -> Obj {
    support::module_type(vm, TYPE_NAME).unwrap_or_else(|| make_type(vm))
}

fn this<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Element> {
    payload_or_err::<Element>(vm, o, TYPE_NAME)
}

/// `Element_Check`: an Element or an instance of a subclass.
pub(super) fn is_element(o: &Obj) -> bool {
    o.payload::<Element>().is_some()
}

/// `Element_CheckExact`.
pub(super) fn is_exact_element(vm: &Vm, o: &Obj) -> bool {
    o.type_is(&element_type(vm))
}

/// `expected an Element, not "int"`.
fn expected_element(vm: &Vm, o: &Obj) -> taipan_vm::api::PyErr {
    vm.type_error(format!("expected an Element, not \"{}\"", vm.type_name(o)))
}

/// Argument Clinic's `subclass_of=Element` check.
fn require_element(vm: &Vm, o: &Obj, what: &str) -> PyResult<()> {
    if !is_element(o) {
        return Err(vm.type_error(format!("{what} must be {TYPE_NAME}, not {}", vm.type_name(o))));
    }
    Ok(())
}

/// A new exact Element (CPython's `create_new_element`): an empty attrib
/// dict is not kept.
pub(super) fn create(vm: &Vm, tag: Obj, attrib: Option<Obj>) -> PyResult<Obj> {
    let attrib = attrib.filter(|a| !(a.type_is(&vm.ctx.types.dict) && dict::len(a) == 0));
    support::alloc_exact(vm, TYPE_NAME, Element::new(vm, tag, attrib))
}

/// Append `child` to `parent` (CPython's `element_add_subelement`).
pub(super) fn add_subelement(vm: &Vm, parent: &Obj, child: &Obj) -> PyResult<()> {
    if !is_element(child) {
        return Err(expected_element(vm, child));
    }
    this(vm, parent)?.push(child.clone());
    Ok(())
}

// ---- the type -------------------------------------------------------------------------------------

pub(super) fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, TYPE_NAME) {
        return t;
    }
    let spec = TypeSpec {
        name: TYPE_NAME,
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: false,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: None,
    };
    let t = taipan_vm::api::types::new_type::<Element>(vm, &spec, |s: &Slots| {
        s.new.set(Some(element_new));
        s.init.set(Some(element_init));
        s.repr.set(Some(element_repr));
        s.sq_length.set(Some(|vm, o| Ok(this(vm, o)?.len())));
        s.mp_subscript.set(Some(element_subscript));
        s.mp_ass_subscript.set(Some(element_ass_subscript));
    });
    support::register_type(vm, TYPE_NAME, &t);
    t
}

fn element_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    support::alloc(vm, cls, TYPE_NAME, Element::new(vm, vm.none(), None))
}

/// The attributes of `Element(tag, attrib, **extra)` and `SubElement`: a
/// copy of `attrib` updated with the keywords, or the keywords (with an
/// `attrib=` keyword taken as the dict to start from).
fn merge_attrib(vm: &Vm, attrib: Option<&Obj>, kwargs: Option<Obj>) -> PyResult<Option<Obj>> {
    match (attrib, kwargs) {
        (Some(a), kw) => {
            let a = vm.call(&vm.ctx.types.dict, std::slice::from_ref(a), None)?;
            if let Some(kw) = kw {
                vm.call_method(&a, "update", &[kw])?;
            }
            Ok(Some(a))
        }
        (None, Some(kw)) => {
            let key = vm.new_str("attrib");
            let base = match dict::get_item_opt(vm, &kw, &key)? {
                Some(a) => {
                    dict::del_item(vm, &kw, &key)?;
                    if dict::data(&a).is_none() {
                        return Err(vm.type_error(format!("attrib must be dict, not {}", vm.type_name(&a))));
                    }
                    vm.call(&vm.ctx.types.dict, &[a], None)?
                }
                None => vm.new_dict(),
            };
            vm.call_method(&base, "update", &[kw])?;
            Ok(Some(base))
        }
        (None, None) => Ok(None),
    }
}

/// The keyword arguments as a dict (None when there are none).
fn kwargs(vm: &Vm, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Option<Obj>> {
    if kwnames.is_none_or(|k| tuple::len(k) == 0) {
        return Ok(None);
    }
    vm.kwargs_dict(args, kwnames).map(Some)
}

fn positional_args<'a>(args: &'a [Obj], kwnames: Option<&Obj>) -> &'a [Obj] {
    &args[..args.len() - kwnames.map_or(0, tuple::len)]
}

/// `PyArg_ParseTuple`'s count errors: "f() takes at least 1 argument (0 given)".
fn count_error(vm: &Vm, f: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        return Err(vm.type_error(format!("{f}() takes at least {min} argument{} ({n} given)", plural(min))));
    }
    if n > max {
        return Err(vm.type_error(format!("{f}() takes at most {max} argument{} ({n} given)", plural(max))));
    }
    Ok(())
}

/// `Element(tag, attrib={}, **extra)`.
fn element_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let pos = positional_args(args, kwnames);
    count_error(vm, "Element", pos.len(), 1, 2)?;
    if let Some(a) = pos.get(1) {
        super::require_dict(vm, a, "Element() argument 2")?;
    }
    let attrib = merge_attrib(vm, pos.get(1), kwargs(vm, args, kwnames)?)?;
    let e = this(vm, o)?;
    if let Some(a) = attrib.filter(|a| dict::len(a) > 0) {
        e.attrib.set(Some(a));
    }
    e.tag.set(Some(pos[0].clone()));
    e.text.set(Some(vm.none()));
    e.tail.set(Some(vm.none()));
    Ok(())
}

/// `SubElement(parent, tag, attrib={}, **extra)`.
pub(super) fn sub_element(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let pos = positional_args(args, kwnames);
    count_error(vm, "SubElement", pos.len(), 2, 3)?;
    require_element(vm, &pos[0], "SubElement() argument 1")?;
    if let Some(a) = pos.get(2) {
        super::require_dict(vm, a, "SubElement() argument 3")?;
    }
    let attrib = merge_attrib(vm, pos.get(2), kwargs(vm, args, kwnames)?)?;
    let elem = create(vm, pos[1].clone(), attrib)?;
    add_subelement(vm, &pos[0], &elem)?;
    Ok(elem)
}

fn element_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let e = this(vm, o)?;
    let Some(tag) = e.tag.get() else {
        return Ok(vm.new_str(&format!("<Element at {:#x}>", o.id())));
    };
    let Some(_guard) = vm.repr_enter(o) else {
        return Err(vm.runtime_error(format!("reentrant call inside {}.__repr__", o.class().name())));
    };
    let r = vm.repr_string(&tag)?;
    Ok(vm.new_str(&format!("<Element {r} at {:#x}>", o.id())))
}

// ---- the sequence protocol --------------------------------------------------------------------------

/// `(start, step, slicelength)` of a slice over `len` items.
fn slice_params(vm: &Vm, s: &Obj, len: usize) -> PyResult<(isize, isize, usize)> {
    let t = vm.call_method(s, "indices", &[vm.new_usize(len)])?;
    let it = tuple::items(&t);
    let start = vm.index_to_isize(&it[0])?;
    let stop = vm.index_to_isize(&it[1])?;
    let step = vm.index_to_isize_clamped(&it[2])?;
    // In i128: a step of -sys.maxsize-1 has no isize negation.
    let (lo, hi, by) = (i128::from(start as i64), i128::from(stop as i64), i128::from(step as i64));
    let n = if by > 0 && lo < hi {
        (hi - lo - 1) / by + 1
    } else if by < 0 && hi < lo {
        (lo - hi - 1) / (-by) + 1
    } else {
        0
    };
    Ok((start, step, n as usize))
}

/// The indices a slice selects, in its order.
fn slice_positions(start: isize, step: isize, n: usize) -> impl Iterator<Item = usize> {
    (0..n).map(move |k| (i128::from(start as i64) + k as i128 * i128::from(step as i64)) as usize)
}

fn is_slice(vm: &Vm, o: &Obj) -> bool {
    o.type_is(&vm.ctx.types.slice)
}

/// An index key as CPython's `element_subscr` reads it: IndexError when
/// it does not fit, negative counted from the end.
fn index_key(vm: &Vm, e: &Element, key: &Obj) -> PyResult<isize> {
    let i = vm.subscript_index(key)?;
    Ok(if i < 0 { i + e.len() as isize } else { i })
}

fn element_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let e = this(vm, o)?;
    if vm.has_index(key) {
        let i = index_key(vm, e, key)?;
        return usize::try_from(i)
            .ok()
            .and_then(|i| e.child(i))
            .ok_or_else(|| vm.index_error("child index out of range"));
    }
    if is_slice(vm, key) {
        let (start, step, n) = slice_params(vm, key, e.len())?;
        let kids = e.snapshot();
        let out = slice_positions(start, step, n).filter_map(|i| kids.get(i).cloned()).collect();
        return Ok(vm.new_list(out));
    }
    Err(vm.type_error("element indices must be integers"))
}

fn element_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let e = this(vm, o)?;
    if vm.has_index(key) {
        let i = index_key(vm, e, key)?;
        return set_child(vm, e, i, value);
    }
    if is_slice(vm, key) {
        return match value {
            None => delete_slice(vm, e, key),
            Some(v) => assign_slice(vm, e, key, v),
        };
    }
    Err(vm.type_error("element indices must be integers"))
}

fn set_child(vm: &Vm, e: &Element, i: isize, value: Option<&Obj>) -> PyResult<()> {
    let n = e.len();
    let Some(i) = usize::try_from(i).ok().filter(|&i| i < n) else {
        return Err(vm.index_error("child assignment index out of range"));
    };
    let mut kids = e.snapshot();
    match value {
        Some(v) => {
            if !is_element(v) {
                return Err(expected_element(vm, v));
            }
            kids[i] = v.clone();
        }
        None => {
            kids.remove(i);
        }
    }
    e.replace_children(kids);
    Ok(())
}

fn delete_slice(vm: &Vm, e: &Element, key: &Obj) -> PyResult<()> {
    let (start, step, n) = slice_params(vm, key, e.len())?;
    if n == 0 {
        return Ok(());
    }
    let drop_at: std::collections::HashSet<usize> = slice_positions(start, step, n).collect();
    let kids = e.snapshot();
    let keep = kids.into_iter().enumerate().filter(|(i, _)| !drop_at.contains(i)).map(|(_, c)| c).collect();
    e.replace_children(keep);
    Ok(())
}

fn assign_slice(vm: &Vm, e: &Element, key: &Obj, value: &Obj) -> PyResult<()> {
    let (start, step, n) = slice_params(vm, key, e.len())?;
    let seq = match super::sequence_fast(vm, value, "") {
        Ok(s) => s,
        Err(err) if vm.err_matches(&err, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error(format!("expected sequence, not \"{}\"", vm.type_name(value))))
        }
        Err(err) => return Err(err),
    };
    if step != 1 && seq.len() != n {
        return Err(
            vm.value_error(format!("attempt to assign sequence of size {} to extended slice of size {n}", seq.len()))
        );
    }
    if let Some(bad) = seq.iter().find(|c| !is_element(c)) {
        return Err(expected_element(vm, bad));
    }
    let mut kids = e.snapshot();
    if step == 1 {
        let lo = (start.max(0) as usize).min(kids.len());
        let hi = (lo + n).min(kids.len());
        kids.splice(lo..hi, seq);
    } else {
        for (pos, child) in slice_positions(start, step, n).zip(seq) {
            if let Some(slot) = kids.get_mut(pos) {
                *slot = child;
            }
        }
    }
    e.replace_children(kids);
    Ok(())
}

// ---- attributes -------------------------------------------------------------------------------------

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("tag", |vm, o| Ok(this(vm, o)?.tag(vm)), Some(|vm, o, v| set_field(vm, o, v, Field::Tag))),
    GetSetDef::new("text", |vm, o| Ok(this(vm, o)?.text(vm)), Some(|vm, o, v| set_field(vm, o, v, Field::Text))),
    GetSetDef::new("tail", |vm, o| Ok(this(vm, o)?.tail(vm)), Some(|vm, o, v| set_field(vm, o, v, Field::Tail))),
    GetSetDef::new(
        "attrib",
        |vm, o| Ok(this(vm, o)?.attrib_dict(vm)),
        Some(|vm, o, v| set_field(vm, o, v, Field::Attrib)),
    ),
];

#[derive(Clone, Copy)]
enum Field {
    Tag,
    Text,
    Tail,
    Attrib,
}

fn set_field(vm: &Vm, o: &Obj, v: Option<&Obj>, which: Field) -> PyResult<()> {
    let e = this(vm, o)?;
    let Some(v) = v else {
        return Err(vm.attribute_error("can't delete element attribute"));
    };
    let cell = match which {
        Field::Tag => &e.tag,
        Field::Text => &e.text,
        Field::Tail => &e.tail,
        Field::Attrib => {
            if dict::data(v).is_none() {
                return Err(vm.type_error(format!("attrib must be dict, not {}", vm.type_name(v))));
            }
            &e.attrib
        }
    };
    cell.set(Some(v.clone()));
    Ok(())
}

// ---- methods ----------------------------------------------------------------------------------------

const METHODS: &[MethodDef] = &[
    MethodDef::method("clear", clear),
    MethodDef::method("get", get),
    MethodDef::method("set", set),
    MethodDef::method("find", find),
    MethodDef::method("findtext", findtext),
    MethodDef::method("findall", findall),
    MethodDef::method("append", append),
    MethodDef::method("extend", extend),
    MethodDef::method("insert", insert),
    MethodDef::method("remove", remove),
    MethodDef::method("iter", iter),
    MethodDef::method("itertext", itertext),
    MethodDef::method("iterfind", iterfind),
    MethodDef::method("items", items),
    MethodDef::method("keys", keys),
    MethodDef::method("makeelement", makeelement),
    MethodDef::method("__copy__", copy),
    MethodDef::method("__deepcopy__", deepcopy),
    MethodDef::method("__sizeof__", sizeof),
    MethodDef::method("__getstate__", getstate),
    MethodDef::method("__setstate__", setstate),
];

fn clear(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "clear", args, kwnames)?;
    let e = this(vm, o)?;
    drop(e.attrib.take());
    e.replace_children(Vec::new());
    e.text.set(Some(vm.none()));
    e.tail.set(Some(vm.none()));
    Ok(vm.none())
}

fn get(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "get", args, kwnames, &["key", "default"], 1)?;
    let e = this(vm, o)?;
    let key = p[0].clone().unwrap_or_else(|| vm.none());
    if let Some(a) = e.attrib.get() {
        if let Some(v) = dict::get_item_opt(vm, &a, &key)? {
            return Ok(v);
        }
    }
    Ok(p[1].clone().unwrap_or_else(|| vm.none()))
}

fn set(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "set", "set", args, kwnames, 2, 2)?;
    let d = this(vm, o)?.attrib_dict(vm);
    vm.setitem(&d, &a[0], &a[1])?;
    Ok(vm.none())
}

/// CPython's `checkpath`: might `tag` be an ElementPath expression (then
/// the lookups delegate to ElementPath)?
fn checkpath(tag: &Obj) -> bool {
    let text: Vec<u32> = if pystr::data(tag).is_some() {
        // Lone surrogates read as U+FFFD, which is no path character either.
        pystr::as_str_lossy(tag).chars().map(u32::from).collect()
    } else if let Some(b) = bytes::as_bytes_ref(tag) {
        b.iter().map(|&c| u32::from(c)).collect()
    } else {
        return true;
    };
    let is = |i: usize, c: char| text.get(i) == Some(&u32::from(c));
    if text.len() >= 3 && is(0, '{') && (is(1, '}') || (is(1, '*') && is(2, '}'))) {
        return true;
    }
    let mut check = true;
    for &c in &text {
        match char::from_u32(c) {
            Some('{') => check = false,
            Some('}') => check = true,
            Some('/' | '*' | '[' | '@' | '.') if check => return true,
            _ => {}
        }
    }
    false
}

/// `ElementPath.<name>(self, args...)`.
fn delegate(vm: &Vm, name: &str, args: &[Obj]) -> PyResult<Obj> {
    vm.call_method(&super::elementpath(vm)?, name, args)
}

/// The first child whose tag equals `path` (None when there is none).
fn first_with_tag(vm: &Vm, e: &Element, path: &Obj) -> PyResult<Option<Obj>> {
    let mut i = 0;
    while let Some(child) = e.child(i) {
        let tag = this(vm, &child)?.tag(vm);
        if vm.rich_compare_bool(&tag, path, taipan_vm::api::types::CompareOp::Eq)? {
            return Ok(Some(child));
        }
        i += 1;
    }
    Ok(None)
}

fn find(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "find", args, kwnames, &["path", "namespaces"], 1)?;
    let path = p[0].clone().unwrap_or_else(|| vm.none());
    let ns = p[1].clone().unwrap_or_else(|| vm.none());
    if checkpath(&path) || !vm.is_none(&ns) {
        return delegate(vm, "find", &[o.clone(), path, ns]);
    }
    Ok(first_with_tag(vm, this(vm, o)?, &path)?.unwrap_or_else(|| vm.none()))
}

fn findtext(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "findtext", args, kwnames, &["path", "default", "namespaces"], 1)?;
    let path = p[0].clone().unwrap_or_else(|| vm.none());
    let default = p[1].clone().unwrap_or_else(|| vm.none());
    let ns = p[2].clone().unwrap_or_else(|| vm.none());
    if checkpath(&path) || !vm.is_none(&ns) {
        return delegate(vm, "findtext", &[o.clone(), path, default, ns]);
    }
    match first_with_tag(vm, this(vm, o)?, &path)? {
        Some(child) => {
            let text = this(vm, &child)?.text(vm);
            Ok(if vm.is_none(&text) { vm.new_str("") } else { text })
        }
        None => Ok(default),
    }
}

fn findall(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "findall", args, kwnames, &["path", "namespaces"], 1)?;
    let path = p[0].clone().unwrap_or_else(|| vm.none());
    let ns = p[1].clone().unwrap_or_else(|| vm.none());
    if checkpath(&path) || !vm.is_none(&ns) {
        return delegate(vm, "findall", &[o.clone(), path, ns]);
    }
    let e = this(vm, o)?;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(child) = e.child(i) {
        let tag = this(vm, &child)?.tag(vm);
        if vm.rich_compare_bool(&tag, &path, taipan_vm::api::types::CompareOp::Eq)? {
            out.push(child);
        }
        i += 1;
    }
    Ok(vm.new_list(out))
}

fn iterfind(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "iterfind", args, kwnames, &["path", "namespaces"], 1)?;
    let path = p[0].clone().unwrap_or_else(|| vm.none());
    let ns = p[1].clone().unwrap_or_else(|| vm.none());
    delegate(vm, "iterfind", &[o.clone(), path, ns])
}

fn append(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [child] = taipan_vm::api::args::exact::<1>(vm, "append", args, kwnames)?;
    require_element(vm, &child, "append() argument")?;
    add_subelement(vm, o, &child)?;
    Ok(vm.none())
}

fn extend(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [elements] = taipan_vm::api::args::exact::<1>(vm, "extend", args, kwnames)?;
    let seq = match super::sequence_fast(vm, &elements, "") {
        Ok(s) => s,
        Err(err) if vm.err_matches(&err, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error(format!("expected sequence, not \"{}\"", vm.type_name(&elements))))
        }
        Err(err) => return Err(err),
    };
    for child in &seq {
        add_subelement(vm, o, child)?;
    }
    Ok(vm.none())
}

fn insert(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "insert", "insert", args, kwnames, 2, 2)?;
    let index = crate::converters::ssize_t(vm, &a[0])?;
    require_element(vm, &a[1], "insert() argument 2")?;
    let e = this(vm, o)?;
    let n = e.len() as isize;
    let at = if index < 0 { (index + n).max(0) } else { index.min(n) } as usize;
    e.children.borrow_mut().insert(at, a[1].clone());
    Ok(vm.none())
}

fn remove(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [sub] = taipan_vm::api::args::exact::<1>(vm, "remove", args, kwnames)?;
    require_element(vm, &sub, "remove() argument")?;
    let e = this(vm, o)?;
    let mut i = 0;
    let found = loop {
        let Some(child) = e.child(i) else { break None };
        if child.is(&sub) || vm.rich_compare_bool(&child, &sub, taipan_vm::api::types::CompareOp::Eq)? {
            break Some(child);
        }
        i += 1;
    };
    let Some(found) = found else {
        return Err(vm.value_error("list.remove(x): x not in list"));
    };
    // A comparison may have changed the children: remove the very child
    // that matched, wherever it is now.
    let removed = {
        let mut kids = e.children.borrow_mut();
        let at =
            if kids.get(i).is_some_and(|c| c.is(&found)) { Some(i) } else { kids.iter().position(|c| c.is(&found)) };
        at.map(|at| kids.remove(at))
    };
    match removed {
        Some(old) => {
            drop(old);
            Ok(vm.none())
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn iter(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "iter", args, kwnames, &["tag"], 0)?;
    let mut tag = p[0].clone().unwrap_or_else(|| vm.none());
    let star = pystr::as_str(&tag).is_some_and(|s| s == "*") || bytes::as_bytes_ref(&tag).is_some_and(|b| b == b"*");
    if star {
        tag = vm.none();
    }
    elementiter::create(vm, o, tag, false)
}

fn itertext(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "itertext", args, kwnames)?;
    elementiter::create(vm, o, vm.none(), true)
}

fn items(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "items", args, kwnames)?;
    match this(vm, o)?.attrib.get() {
        Some(a) => vm.call(&vm.ctx.types.list, &[vm.call_method(&a, "items", &[])?], None),
        None => Ok(vm.new_list(vec![])),
    }
}

fn keys(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "keys", args, kwnames)?;
    match this(vm, o)?.attrib.get() {
        Some(a) => vm.call(&vm.ctx.types.list, &[vm.call_method(&a, "keys", &[])?], None),
        None => Ok(vm.new_list(vec![])),
    }
}

fn makeelement(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "makeelement", "makeelement", args, kwnames, 2, 2)?;
    this(vm, o)?;
    super::require_dict(vm, &a[1], "makeelement() argument 2")?;
    let attrib = vm.call(&vm.ctx.types.dict, std::slice::from_ref(&a[1]), None)?;
    create(vm, a[0].clone(), Some(attrib))
}

fn copy(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__copy__", args, kwnames)?;
    let e = this(vm, o)?;
    let new = create(vm, e.tag(vm), e.attrib.get())?;
    let n = this(vm, &new)?;
    n.text.set(Some(e.text(vm)));
    n.tail.set(Some(e.tail(vm)));
    n.replace_children(e.snapshot());
    Ok(new)
}

/// CPython's `deepcopy` helper: None and exact str are shared, anything
/// else goes through `copy.deepcopy`.
fn deepcopy_value(vm: &Vm, v: Obj, memo: &Obj) -> PyResult<Obj> {
    if vm.is_none(&v) || v.type_is(&vm.ctx.types.str) {
        return Ok(v);
    }
    vm.call(&super::deepcopy_fn(vm)?, &[v, memo.clone()], None)
}

fn deepcopy(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [memo] = taipan_vm::api::args::exact::<1>(vm, "__deepcopy__", args, kwnames)?;
    super::require_dict(vm, &memo, "__deepcopy__() argument")?;
    let e = this(vm, o)?;
    let tag = deepcopy_value(vm, e.tag(vm), &memo)?;
    let attrib = match e.attrib.get() {
        Some(a) => Some(deepcopy_value(vm, a, &memo)?),
        None => None,
    };
    let new = create(vm, tag, attrib)?;
    let n = this(vm, &new)?;
    n.text.set(Some(deepcopy_value(vm, e.text(vm), &memo)?));
    n.tail.set(Some(deepcopy_value(vm, e.tail(vm), &memo)?));
    let mut kids = Vec::new();
    for child in e.snapshot() {
        let c = vm.with_recursion(" while deep-copying an Element", || deepcopy_value(vm, child, &memo))?;
        if !is_element(&c) {
            return Err(expected_element(vm, &c));
        }
        kids.push(c);
    }
    n.replace_children(kids);
    dict::set_item(vm, &memo, vm.new_usize(o.id()), new.clone())?;
    Ok(new)
}

fn sizeof(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__sizeof__", args, kwnames)?;
    let e = this(vm, o)?;
    // CPython: the object (56 bytes) plus its "extra" block (attrib,
    // lengths, 4 inline child slots, version: 72 bytes) once it has
    // children or attributes, plus a child array past 4 children.
    let mut size = 56;
    let n = e.len();
    if n > 0 || e.attrib.is_some() {
        size += 72;
        if n > 4 {
            size += n * std::mem::size_of::<usize>();
        }
    }
    Ok(vm.new_usize(size))
}

/// `__getstate__`: the pure-Python Element's instance dict.
fn getstate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__getstate__", args, kwnames)?;
    let e = this(vm, o)?;
    let d = vm.new_dict();
    dict::set_item_str(vm, &d, "tag", e.tag(vm))?;
    dict::set_item_str(vm, &d, "_children", vm.new_list(e.snapshot()))?;
    dict::set_item_str(vm, &d, "attrib", e.attrib.get().unwrap_or_else(|| vm.new_dict()))?;
    dict::set_item_str(vm, &d, "text", e.text(vm))?;
    dict::set_item_str(vm, &d, "tail", e.tail(vm))?;
    Ok(d)
}

fn setstate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = taipan_vm::api::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    let e = this(vm, o)?;
    if !state.type_is(&vm.ctx.types.dict) {
        let r = vm.repr_string(&state)?;
        return Err(vm.type_error(format!("Don't know how to unpickle \"{r}\" as an Element")));
    }
    const KEYS: [&str; 5] = ["tag", "attrib", "text", "tail", "_children"];
    let mut vals: [Option<Obj>; 5] = Default::default();
    for (k, v) in dict::items(&state) {
        let name = pystr::as_str(&k).unwrap_or("");
        match KEYS.iter().position(|n| *n == name) {
            Some(i) => vals[i] = Some(v),
            None => {
                let r = vm.str_string(&k)?;
                return Err(vm.type_error(format!("'{r}' is an invalid keyword argument for this function")));
            }
        }
    }
    let [tag, attrib, text, tail, children] = vals;
    let Some(tag) = tag else {
        return Err(vm.type_error("tag may not be NULL"));
    };
    e.tag.set(Some(tag));
    e.text.set(Some(text.unwrap_or_else(|| vm.none())));
    e.tail.set(Some(tail.unwrap_or_else(|| vm.none())));
    if children.is_none() && attrib.is_none() {
        return Ok(vm.none());
    }
    if let Some(c) = children {
        let Some(kids) = taipan_vm::api::list::items(&c) else {
            return Err(vm.type_error("'_children' is not a list"));
        };
        if let Some(bad) = kids.iter().find(|k| !is_element(k)) {
            return Err(expected_element(vm, bad));
        }
        e.replace_children(kids);
    }
    e.attrib.set(attrib);
    Ok(vm.none())
}
