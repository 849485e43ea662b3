//! `traceback` objects (CPython's `Python/traceback.c`): one per frame an
//! exception passed through, innermost last along `tb_next`.

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::exceptions;
use crate::vm::{PyResult, Vm};

pub(crate) struct TracebackData {
    pub next: ObjCell,
    pub frame: Obj,
    /// Code unit index of the instruction.
    pub lasti: usize,
    /// The `tb_lineno` given to `TracebackType(...)`; an entry the eval
    /// loop adds finds its line from `lasti` when asked (`lineno`), so
    /// raising an exception never decodes a line table.
    pub given_lineno: Option<u32>,
    /// The `tb_lasti` given to `TracebackType(...)`, shown as is (it may
    /// be odd, which a code unit index cannot say).
    pub given_lasti: Option<isize>,
}
impl TracebackData {
    /// `tb_lineno`: the line of the instruction the entry records.
    pub(crate) fn lineno(&self) -> Option<u32> {
        if self.given_lineno.is_some() {
            return self.given_lineno;
        }
        let fd = self.frame.payload::<crate::eval::frame::FrameObjectData>()?;
        fd.frame().code().line_at(self.lasti)
    }
}

impl PyPayload for TracebackData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.frame);
        self.next.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.next.set(None);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let t = TypeObject::new::<TracebackData>(
        "traceback",
        std::mem::size_of::<PyCell<TracebackData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.new.set(Some(tb_new));
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_methods(vm, &vm.ctx.types.traceback, &[MethodDef::method("__dir__", tb_dir)]);
    add_getsets(
        vm,
        &vm.ctx.types.traceback,
        &[
            GetSetDef::new("tb_next", |vm, o| Ok(data(o).next.get().unwrap_or_else(|| vm.none())), Some(set_next)),
            GetSetDef::new("tb_frame", |_, o| Ok(data(o).frame.clone()), None),
            GetSetDef::new("tb_lasti", tb_lasti, None),
            GetSetDef::new(
                "tb_lineno",
                |vm, o| Ok(data(o).lineno().map(|l| vm.new_int(l as i64)).unwrap_or_else(|| vm.none())),
                None,
            ),
        ],
    );
}

/// `dir(tb)`: its four attributes only (CPython's `tb_dir`).
fn tb_dir(vm: &Vm, _o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__dir__", args, kwnames)?;
    let names = ["tb_frame", "tb_next", "tb_lasti", "tb_lineno"];
    Ok(vm.new_list(names.iter().map(|n| vm.new_str(n)).collect()))
}

/// `tb_lasti`: the byte offset of the instruction (2 bytes a code unit).
fn tb_lasti(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = data(o);
    Ok(match d.given_lasti {
        Some(given) => vm.new_int(given as i64),
        None => vm.new_usize(d.lasti * 2),
    })
}

pub(crate) fn data(o: &Obj) -> &TracebackData {
    o.payload::<TracebackData>().expect("a traceback")
}

/// Prepend an entry for `frame` at `lasti` to the exception's traceback.
pub(crate) fn add_entry(vm: &Vm, exc: &Obj, frame_obj: Obj, lasti: usize) {
    let prev = exceptions::traceback_of(exc);
    let tb = alloc_object(
        &vm.ctx.types.traceback,
        TracebackData { next: ObjCell::new(prev), frame: frame_obj, lasti, given_lineno: None, given_lasti: None },
    );
    exceptions::set_traceback(exc, Some(tb));
}

/// A one-entry traceback for the innermost running frame, at its current
/// instruction (CPython's `_PyTraceBack_FromFrame(NULL, frame)`), or None
/// when no Python frame runs.
pub(crate) fn from_current_frame(vm: &Vm) -> Option<Obj> {
    let f = vm.thread.current_frame.get();
    if f.is_null() {
        return None;
    }
    // SAFETY: `current_frame` points at the live frame running on this
    // thread; nothing else borrows it while we make its frame object.
    let (frame_obj, lasti) = unsafe { (crate::eval::frame::frame_object(vm, &mut *f), (*f).lasti) };
    Some(alloc_object(
        &vm.ctx.types.traceback,
        TracebackData { next: ObjCell::new(None), frame: frame_obj, lasti, given_lineno: None, given_lasti: None },
    ))
}

fn tb_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "traceback", args, kwnames, &["tb_next", "tb_frame", "tb_lasti", "tb_lineno"], 4)?;
    let next = a[0].clone().filter(|n| !vm.is_none(n));
    if let Some(n) = &next {
        if !n.type_is(&vm.ctx.types.traceback) {
            return Err(vm.type_error(format!("expected traceback object or None, got '{}'", n.class().name())));
        }
    }
    let frame = a[1].clone().expect("required");
    if !frame.type_is(&vm.ctx.types.frame) {
        return Err(
            vm.type_error(format!("TracebackType() argument 'tb_frame' must be frame, not {}", frame.class().name()))
        );
    }
    let given_lasti = vm.index_to_isize(a[2].as_ref().expect("required"))?;
    let lasti = given_lasti.max(0) as usize / 2;
    let lineno = vm.index_to_isize(a[3].as_ref().expect("required"))?;
    Ok(alloc_object(
        &vm.ctx.types.traceback,
        TracebackData {
            next: ObjCell::new(next),
            frame,
            lasti,
            given_lineno: Some(lineno as u32),
            given_lasti: Some(given_lasti),
        },
    ))
}

fn set_next(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("can't delete tb_next attribute")) };
    if vm.is_none(v) {
        data(o).next.set(None);
        return Ok(());
    }
    if !v.type_is(&vm.ctx.types.traceback) {
        return Err(vm.type_error(format!("expected traceback object, got '{}'", v.class().name())));
    }
    // No loops.
    let mut cur = Some(v.clone());
    while let Some(c) = cur {
        if c.is(o) {
            return Err(vm.value_error("traceback loop detected"));
        }
        cur = data(&c).next.get();
    }
    data(o).next.set(Some(v.clone()));
    Ok(())
}
