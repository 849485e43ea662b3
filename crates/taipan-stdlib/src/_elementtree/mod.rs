//! `_elementtree` (CPython's `Modules/_elementtree.c`): the accelerator
//! `xml.etree.ElementTree` imports over its pure-Python classes.
//!
//! - `mod.rs`: the module: `SubElement`, `_set_factories`, `ParseError`,
//!   and the per-interpreter state (the types, the comment and PI
//!   factories, `copy.deepcopy`), kept in the interpreter's registry of
//!   module objects. The types are made once per interpreter and shared by
//!   every import of the module (CPython makes new ones per import), so
//!   the factories are those of the last `_set_factories` call.
//! - `element.rs`: `Element` (children in a vector, attrib made lazily).
//! - `elementiter.rs`: `_element_iterator`, behind `iter()`/`itertext()`.
//! - `treebuilder.rs`: `TreeBuilder` and the event queue of iterparse.
//! - `xmlparser.rs`: `XMLParser`, over pyexpat's Rust-level parser
//!   (`pyexpat::api`), with a fast path for a `TreeBuilder` target.

mod element;
mod elementiter;
mod treebuilder;
mod xmlparser;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::support;

const PARSE_ERROR: &str = "xml.etree.ElementTree.ParseError";
const COMMENT_FACTORY: &str = "_elementtree.comment_factory";
const PI_FACTORY: &str = "_elementtree.pi_factory";
const DEEPCOPY: &str = "_elementtree.deepcopy";

const FUNCTIONS: &[MethodDef] =
    &[MethodDef::static_("SubElement", element::sub_element), MethodDef::static_("_set_factories", set_factories)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_elementtree");
    let d = module::module_dict(&m);
    let iter_type = elementiter::make_type(vm);
    let tb_type = treebuilder::make_type(vm);
    let element_type = element::make_type(vm);
    let parser_type = xmlparser::make_type(vm);
    drop(iter_type);
    let deepcopy = vm.getattr_str(&taipan_vm::api::import::import_module(vm, "copy")?, "deepcopy")?;
    support::register_type(vm, DEEPCOPY, &deepcopy);
    elementpath(vm)?;
    dict::set_item_str(vm, &d, "ParseError", parse_error_type(vm)?)?;
    dict::set_item_str(vm, &d, "Element", element_type)?;
    dict::set_item_str(vm, &d, "TreeBuilder", tb_type)?;
    dict::set_item_str(vm, &d, "XMLParser", parser_type)?;
    module::add_functions(vm, &m, "_elementtree", FUNCTIONS);
    Ok(m)
}

/// `xml.etree.ElementTree.ParseError`, a SyntaxError subclass made once
/// per interpreter (the accelerator's own, as in CPython).
pub(crate) fn parse_error_type(vm: &Vm) -> PyResult<Obj> {
    let base = &vm.ctx.exceptions.syntax_error;
    support::exception_type(vm, PARSE_ERROR, "xml.etree.ElementTree", "ParseError", base, None)
}

/// A module object of the state (None when unset).
fn state(vm: &Vm, key: &str) -> Option<Obj> {
    support::module_type(vm, key)
}

/// `copy.deepcopy`.
fn deepcopy_fn(vm: &Vm) -> PyResult<Obj> {
    state(vm, DEEPCOPY).ok_or_else(|| vm.runtime_error("deepcopy helper not found"))
}

/// `xml.etree.ElementPath`, which `find` & co. delegate to: the module
/// `sys.modules` holds now. (CPython keeps the one of each import of
/// `_elementtree` in that module's state; Taipan's types are shared by all
/// imports, so a fresh import, as test.support's `import_fresh_module`
/// makes, must not swap the ElementPath, and its path cache, under the
/// others.)
fn elementpath(vm: &Vm) -> PyResult<Obj> {
    taipan_vm::api::import::import_module(vm, "xml.etree.ElementPath")
}

/// The factories `_set_factories` installed: (comment, pi).
fn factories(vm: &Vm) -> (Option<Obj>, Option<Obj>) {
    (state(vm, COMMENT_FACTORY), state(vm, PI_FACTORY))
}

fn set_state(vm: &Vm, key: &'static str, v: &Obj) {
    if vm.is_none(v) {
        vm.lazy_types.borrow_mut().remove(key);
    } else {
        support::register_type(vm, key, v);
    }
}

/// `_set_factories(comment_factory, pi_factory)`: the factories the tree
/// builder uses for comments and processing instructions (ElementTree.py
/// passes its `Comment` and `ProcessingInstruction`); returns the old pair.
fn set_factories(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "_set_factories", "_set_factories", args, kwnames, 2, 2)?;
    for (f, what) in [(&a[0], "Comment"), (&a[1], "PI")] {
        if !vm.is_callable(f) && !vm.is_none(f) {
            return Err(vm.type_error(format!("{what} factory must be callable, not {}", vm.type_name(f))));
        }
    }
    let (c, p) = factories(vm);
    let old = vm.new_tuple(vec![c.unwrap_or_else(|| vm.none()), p.unwrap_or_else(|| vm.none())]);
    set_state(vm, COMMENT_FACTORY, &a[0]);
    set_state(vm, PI_FACTORY, &a[1]);
    Ok(old)
}

/// `"x" must be dict, not T` checks of Argument Clinic's `subclass_of`.
fn require_dict(vm: &Vm, o: &Obj, what: &str) -> PyResult<()> {
    if dict::data(o).is_none() {
        return Err(vm.type_error(format!("{what} must be dict, not {}", vm.type_name(o))));
    }
    Ok(())
}

/// `PySequence_Fast`: the items of a list or tuple, or of any iterable;
/// `msg` replaces the TypeError of a non-iterable.
fn sequence_fast(vm: &Vm, o: &Obj, msg: &str) -> PyResult<Vec<Obj>> {
    if taipan_vm::api::list::is_list(o) || vm.isinstance_type(o, &vm.ctx.types.tuple) {
        return vm.to_vec(o);
    }
    let it = match vm.iter(o) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => return Err(vm.type_error(msg)),
        Err(e) => return Err(e),
    };
    vm.to_vec(&it)
}
