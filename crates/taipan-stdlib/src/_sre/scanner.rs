//! `_sre.SRE_Scanner` (CPython's `ScannerObject`): successive matches over
//! one string, behind `finditer` and `Pattern.scanner`.

use std::cell::Cell;

use taipan_vm::api::types::{alloc_instance, new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{Obj, PyPayload, PyResult, Vm};

use super::pattern::pat;
use super::sre_type;
use super::subject::{with_matcher, Subject};

pub(crate) const SCANNER_TYPE: &str = "_sre.SRE_Scanner";

pub(crate) struct Scanner {
    pattern: Obj,
    string: Obj,
    pos: usize,
    endpos: usize,
    /// Where the next attempt starts; None once the scan is over.
    start: Cell<Option<usize>>,
    must_advance: Cell<bool>,
    /// A bytearray subject cannot be resized while the scanner lives
    /// (CPython's scanner keeps its buffer until freed).
    _export: Option<taipan_vm::api::buffer::HeldExport>,
}

impl PyPayload for Scanner {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.pattern);
        visit(&self.string);
    }
}

pub(crate) fn make_type(vm: &Vm) {
    let spec = TypeSpec { name: SCANNER_TYPE, gc: true, methods: METHODS, getsets: GETSETS, ..Default::default() };
    let ty = new_type::<Scanner>(vm, &spec, |s| {
        s.new.set(Some(|vm, _, _, _| Err(vm.type_error("cannot create '_sre.SRE_Scanner' instances"))));
    });
    vm.lazy_types.borrow_mut().insert(SCANNER_TYPE, ty);
}

pub(crate) fn new_scanner(vm: &Vm, pattern: &Obj, string: &Obj, pos: isize, endpos: isize) -> PyResult<Obj> {
    let p = pat(vm, pattern)?;
    let subject = Subject::new(vm, string, p.isbytes)?;
    let (pos, endpos) = subject.bounds(pos, endpos);
    let sc = Scanner {
        pattern: pattern.clone(),
        string: string.clone(),
        pos,
        endpos,
        start: Cell::new(Some(pos)),
        must_advance: Cell::new(false),
        _export: taipan_vm::api::buffer::HeldExport::hold(string),
    };
    let ty = sre_type(vm, SCANNER_TYPE);
    alloc_instance(vm, &ty, &ty, sc)
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("match", |vm, o, a, k| {
        no_args(vm, "match", a, k)?;
        scan(vm, o, false)
    }),
    MethodDef::method("search", |vm, o, a, k| {
        no_args(vm, "search", a, k)?;
        scan(vm, o, true)
    }),
];

const GETSETS: &[GetSetDef] =
    &[GetSetDef::new("pattern", |vm, o| Ok(payload_or_err::<Scanner>(vm, o, SCANNER_TYPE)?.pattern.clone()), None)];

fn no_args(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    if !a.is_empty() || k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{name}() takes no arguments")));
    }
    Ok(())
}

/// The next match (`search`) or the match at the current position.
fn scan(vm: &Vm, o: &Obj, search: bool) -> PyResult<Obj> {
    let sc = payload_or_err::<Scanner>(vm, o, SCANNER_TYPE)?;
    let Some(start) = sc.start.get() else { return Ok(vm.none()) };
    let pattern = sc.pattern.clone();
    let p = pat(vm, &pattern)?;
    let subject = Subject::new(vm, &sc.string, p.isbytes)?;
    let endpos = sc.endpos.min(subject.len());
    let r = with_matcher(vm, &subject, start, endpos, p, |run| {
        run.m.set_must_advance(sc.must_advance.get());
        let found = if search { run.search(vm, &p.code)? } else { run.matches(vm, &p.code)? };
        if !found {
            return Ok(None);
        }
        let m = super::match_::new_match(vm, &pattern, &subject, run, sc.pos, sc.endpos)?;
        Ok(Some((m, run.m.start(), run.m.ptr())))
    });
    match r {
        Ok(Some((m, start, ptr))) => {
            sc.must_advance.set(ptr == start);
            sc.start.set(Some(ptr));
            Ok(m)
        }
        Ok(None) => {
            sc.start.set(None);
            Ok(vm.none())
        }
        Err(e) => Err(e),
    }
}
