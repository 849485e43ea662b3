//! Struct sequences (CPython's `Objects/structseq.c`) for the native
//! modules: the types are the VM's native struct sequence types
//! (`taipan_vm::api::structseq`), made once per interpreter and kept in
//! `vm.lazy_types` under their full name.

use taipan_vm::api::structseq::{self as ss, StructSeqField, StructSeqSpec, UNNAMED_FIELD};
use taipan_vm::api::{Obj, PyResult, Vm};

/// Make the struct sequence type `fullname` (`"os.stat_result"`): `members`
/// are the named fields in order, the first `n_seq - n_unnamed` of them
/// visible as items, followed by `n_unnamed` nameless items; `docs` are
/// the members' docs (as many as `members`, or none).
pub(crate) fn new_type_with_docs(
    vm: &Vm,
    fullname: &'static str,
    members: &[&str],
    docs: &[&'static str],
    n_seq: usize,
    n_unnamed: usize,
    doc: &'static str,
) -> PyResult<Obj> {
    if let Some(t) = vm.lazy_types.borrow().get(fullname) {
        return Ok(t.clone());
    }
    let named_seq = n_seq.saturating_sub(n_unnamed).min(members.len());
    let field = |i: usize| StructSeqField { name: members[i], doc: docs.get(i).copied() };
    let mut fields: Vec<StructSeqField> = (0..named_seq).map(field).collect();
    fields.extend((0..n_unnamed).map(|_| StructSeqField { name: UNNAMED_FIELD, doc: None }));
    fields.extend((named_seq..members.len()).map(field));
    let spec = StructSeqSpec {
        name: fullname,
        doc: (!doc.is_empty()).then_some(doc),
        fields: &fields,
        n_in_sequence: n_seq,
        creatable: true,
    };
    let ty = ss::new_type(vm, &spec)?;
    vm.lazy_types.borrow_mut().insert(fullname, ty.clone());
    Ok(ty)
}

/// `new_type_with_docs` for members without docs.
pub(crate) fn new_type(
    vm: &Vm,
    fullname: &'static str,
    members: &[&str],
    n_seq: usize,
    n_unnamed: usize,
    doc: &'static str,
) -> PyResult<Obj> {
    new_type_with_docs(vm, fullname, members, &[], n_seq, n_unnamed, doc)
}

/// An instance of the struct sequence type `ty` holding `values` (all its
/// fields, the sequence part first).
pub(crate) fn new(vm: &Vm, ty: &Obj, values: Vec<Obj>) -> PyResult<Obj> {
    ss::new_instance(vm, ty, values)
}

/// The struct sequence type made earlier under `fullname`.
pub(crate) fn get_type(vm: &Vm, fullname: &str) -> PyResult<Obj> {
    vm.lazy_types
        .borrow()
        .get(fullname)
        .cloned()
        .ok_or_else(|| vm.system_error(format!("{fullname} is not initialised")))
}
