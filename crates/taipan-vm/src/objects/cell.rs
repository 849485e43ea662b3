//! `cell`: a variable shared between a function and its closures (CPython's
//! `Objects/cellobject.c`).

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, GetSetDef};
use crate::vm::{PyResult, Vm};

pub(crate) struct CellData {
    pub value: ObjCell,
}
impl PyPayload for CellData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.value.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.value.set(None);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t =
        TypeObject::new::<CellData>("cell", std::mem::size_of::<PyCell<CellData>>(), true, flags::IMMUTABLETYPE);
    t.doc = Some("Create a new cell object.\n\n  contents\n    the contents of the cell. If not specified, the cell will be empty,\n    and \n further attempts to access its cell_contents attribute will\n    raise a ValueError.");
    t.slots.repr.set(Some(cell_repr));
    t.slots.richcompare.set(Some(cell_richcompare));
    t.slots
        .hash
        .set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    t.slots.new.set(Some(cell_new));
    t.mark_container::<CellData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_getsets(vm, &vm.ctx.types.cell, &[GetSetDef::new("cell_contents", get_contents, Some(set_contents))]);
}

pub(crate) fn new_cell(vm: &Vm, value: Option<Obj>) -> Obj {
    alloc_object(&vm.ctx.types.cell, CellData { value: ObjCell::new(value) })
}

#[inline]
pub(crate) fn data(o: &Obj) -> &CellData {
    o.payload::<CellData>().expect("a cell")
}

fn cell_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "cell", kwnames)?;
    crate::args::check_positional(vm, "cell", args.len(), 0, 1)?;
    Ok(new_cell(vm, args.first().cloned()))
}

fn get_contents(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    data(o).value.get().ok_or_else(|| vm.value_error("Cell is empty"))
}

fn set_contents(_vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    data(o).value.set(v.cloned());
    Ok(())
}

fn cell_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let text = match data(o).value.get() {
        None => format!("<cell at {:#x}: empty>", o.id()),
        Some(v) => format!("<cell at {:#x}: {} object at {:#x}>", o.id(), v.class().name(), v.id()),
    };
    Ok(vm.new_str_from_string(text))
}

fn cell_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(cb) = b.payload::<CellData>() else { return Ok(vm.not_implemented()) };
    match (data(a).value.get(), cb.value.get()) {
        (Some(x), Some(y)) => vm.rich_compare(&x, &y, op),
        (x, y) => {
            let ord = (x.is_some() as u8).cmp(&(y.is_some() as u8));
            Ok(vm.bool_obj(crate::objects::int::ordering_matches(ord, op)))
        }
    }
}
