//! `_elementtree._element_iterator` (CPython's `ElementIterObject`): the
//! pre-order walk behind `Element.iter()` and `Element.itertext()`, kept
//! as a stack of (parent, next child index), so deep trees never recurse.

use std::cell::RefCell;

use taipan_vm::api::types::{payload_or_err, CompareOp, Slots, TypeSpec};
use taipan_vm::api::{Obj, ObjCell, PyPayload, PyResult, Vm};

use super::element::{self, Element};
use crate::support;

const TYPE_NAME: &str = "_elementtree._element_iterator";

struct ElementIter {
    /// The element to visit first; taken on the first step.
    root: ObjCell,
    sought_tag: ObjCell,
    gettext: bool,
    stack: RefCell<Vec<(Obj, usize)>>,
}

impl PyPayload for ElementIter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        support::visit_cells(&[&self.root, &self.sought_tag], visit);
        if let Ok(s) = self.stack.try_borrow() {
            for (o, _) in s.iter() {
                visit(o);
            }
        }
    }

    fn clear(&self) {
        support::clear_cells(&[&self.root, &self.sought_tag]);
        let old = self.stack.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default();
        drop(old);
    }
}

pub(super) fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = support::module_type(vm, TYPE_NAME) {
        return t;
    }
    let spec = TypeSpec { name: TYPE_NAME, gc: true, ..Default::default() };
    let t = taipan_vm::api::types::new_type::<ElementIter>(vm, &spec, |s: &Slots| {
        s.new.set(Some(crate::support::disallow_instantiation));
        s.iter.set(Some(support::iter_self));
        s.iternext.set(Some(next));
    });
    support::register_type(vm, TYPE_NAME, &t);
    t
}

/// An iterator over `root` and its descendants: the elements whose tag
/// equals `tag` (all for None), or with `gettext` their text and tails.
pub(super) fn create(vm: &Vm, root: &Obj, tag: Obj, gettext: bool) -> PyResult<Obj> {
    let it = ElementIter {
        root: ObjCell::some(root.clone()),
        sought_tag: ObjCell::some(tag),
        gettext,
        stack: RefCell::new(Vec::with_capacity(8)),
    };
    support::alloc_exact(vm, TYPE_NAME, it)
}

fn payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Element> {
    payload_or_err::<Element>(vm, o, element::TYPE_NAME)
}

/// What one step of the walk found.
enum Step {
    /// An element entered (its text is next for itertext).
    Enter(Obj),
    /// An element left (its tail is next for itertext).
    Leave(Obj),
    /// The element the walk began with was left.
    Skip,
    Done,
}

impl ElementIter {
    fn step(&self, vm: &Vm) -> PyResult<Step> {
        let elem = {
            let mut stack = self.stack.borrow_mut();
            match stack.last_mut() {
                None => match self.root.take() {
                    Some(r) => r,
                    None => return Ok(Step::Done),
                },
                Some((parent, index)) => match payload(vm, parent)?.child(*index) {
                    Some(c) => {
                        *index += 1;
                        c
                    }
                    None => {
                        let Some((left, _)) = stack.pop() else { return Ok(Step::Done) };
                        // itertext reports inner text only: not the tail
                        // of the element the walk began with.
                        return Ok(if stack.is_empty() { Step::Skip } else { Step::Leave(left) });
                    }
                },
            }
        };
        self.stack.borrow_mut().push((elem.clone(), 0));
        Ok(Step::Enter(elem))
    }

    fn advance(&self, vm: &Vm) -> PyResult<Option<Obj>> {
        loop {
            let (elem, entering) = match self.step(vm)? {
                Step::Done => return Ok(None),
                Step::Skip => continue,
                Step::Enter(e) => (e, true),
                Step::Leave(e) => (e, false),
            };
            if self.gettext {
                let e = payload(vm, &elem)?;
                let text = if entering { e.text(vm) } else { e.tail(vm) };
                if !vm.is_none(&text) && vm.is_true(&text)? {
                    return Ok(Some(text));
                }
                continue;
            }
            if !entering {
                continue;
            }
            let sought = self.sought_tag.get().unwrap_or_else(|| vm.none());
            if vm.is_none(&sought) {
                return Ok(Some(elem));
            }
            let tag = payload(vm, &elem)?.tag(vm);
            if vm.rich_compare_bool(&tag, &sought, CompareOp::Eq)? {
                return Ok(Some(elem));
            }
        }
    }
}

fn next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    payload_or_err::<ElementIter>(vm, o, TYPE_NAME)?.advance(vm)
}
