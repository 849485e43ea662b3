//! CPython's `Modules/_sqlite/row.c`: `sqlite3.Row`, a tuple of column
//! values that is also indexed by column name (ASCII case-insensitively),
//! with `keys()`, equality and hashing over the description and the data.

use super::util;
use taipan_vm::api::types::{alloc_instance, flags, new_type, payload_or_err, CompareOp, MethodDef, TypeSpec};
use taipan_vm::api::{str as pystr, tuple, Obj, PyPayload, PyResult, Vm};

pub(crate) struct Row {
    data: Obj,
    description: Obj,
}

impl PyPayload for Row {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.data);
        visit(&self.description);
    }
}

fn row_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Row> {
    payload_or_err::<Row>(vm, o, "sqlite3.Row")
}

fn row_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "Row", a, k, 2, 2)?;
    let cursor_type = util::state(vm, util::CURSOR_TYPE);
    if !vm.isinstance_type(&a[0], &cursor_type) {
        return Err(vm.type_error(format!("Row() argument 1 must be sqlite3.Cursor, not {}", vm.type_name(&a[0]))));
    }
    if !vm.isinstance_type(&a[1], &vm.ctx.types.tuple) {
        return Err(vm.type_error(format!("Row() argument 2 must be tuple, not {}", vm.type_name(&a[1]))));
    }
    let description = vm.getattr_str(&a[0], "description")?;
    let owner = util::state(vm, util::ROW_TYPE);
    alloc_instance(vm, cls, &owner, Row { data: a[1].clone(), description })
}

/// The names of the columns, from the cursor's description.
fn column_names(vm: &Vm, r: &Row) -> PyResult<Vec<Obj>> {
    if vm.is_none(&r.description) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for col in vm.to_vec(&r.description)? {
        out.push(vm.getitem(&col, &vm.new_int(0))?);
    }
    Ok(out)
}

fn row_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    let r = row_of(vm, o)?;
    if vm.isinstance_type(key, &vm.ctx.types.int) {
        let i = util::index_as_isize(vm, key)?;
        return vm.getitem(&r.data, &vm.new_int(i as i64));
    }
    if let Some(k) = pystr::data(key) {
        let _ = k;
        let wanted = util::utf8(vm, key)?;
        for (i, name) in column_names(vm, r)?.iter().enumerate() {
            let n = util::utf8(vm, name)?;
            if n.eq_ignore_ascii_case(&wanted) {
                return vm.getitem(&r.data, &vm.new_int(i as i64));
            }
        }
        return Err(vm.index_error("No item with that key"));
    }
    if vm.isinstance_type(key, &vm.ctx.types.slice) {
        return vm.getitem(&r.data, key);
    }
    Err(vm.index_error("Index must be int or string"))
}

fn row_len(vm: &Vm, o: &Obj) -> PyResult<usize> {
    Ok(tuple::len(&row_of(vm, o)?.data))
}

fn row_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    vm.iter(&row_of(vm, o)?.data)
}

fn row_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let r = row_of(vm, o)?;
    let h = vm.hash(&r.description)? ^ vm.hash(&r.data)?;
    Ok(if h == -1 { -2 } else { h })
}

fn row_richcompare(vm: &Vm, o: &Obj, other: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let row_type = util::state(vm, util::ROW_TYPE);
    if !vm.isinstance_type(other, &row_type) {
        return Ok(vm.not_implemented());
    }
    let (a, b) = (row_of(vm, o)?, row_of(vm, other)?);
    let eq = vm.eq(&a.description, &b.description)? && vm.eq(&a.data, &b.data)?;
    Ok(vm.bool_obj(if matches!(op, CompareOp::Eq) { eq } else { !eq }))
}

fn row_keys(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "keys", a, k)?;
    Ok(vm.new_list(column_names(vm, row_of(vm, o)?)?))
}

const METHODS: &[MethodDef] = &[MethodDef::method("keys", row_keys)];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "sqlite3.Row",
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: false,
        weakref: false,
        methods: METHODS,
        getsets: &[],
        doc: None,
    };
    new_type::<Row>(vm, &spec, |s| {
        s.new.set(Some(row_new));
        s.mp_subscript.set(Some(row_subscript));
        s.sq_length.set(Some(row_len));
        s.mp_length.set(Some(row_len));
        s.iter.set(Some(row_iter));
        s.hash.set(Some(row_hash));
        s.richcompare.set(Some(row_richcompare));
    })
}
