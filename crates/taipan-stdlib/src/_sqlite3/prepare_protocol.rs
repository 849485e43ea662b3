//! CPython's `Modules/_sqlite/prepare_protocol.c`: `PrepareProtocol`, the
//! protocol object adapters are registered for.

use taipan_vm::api::types::{alloc_instance, flags, new_type, TypeSpec};
use taipan_vm::api::{Obj, PyPayload, PyResult, Vm};

pub(crate) struct PrepareProtocol;

impl PyPayload for PrepareProtocol {}

fn prepare_protocol_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let owner = super::util::state(vm, super::util::PREPARE_PROTOCOL_TYPE);
    alloc_instance(vm, cls, &owner, PrepareProtocol)
}

fn prepare_protocol_init(vm: &Vm, _o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    crate::support::positional(vm, "PrepareProtocol", args, kw, 0, 0)?;
    Ok(())
}

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "sqlite3.PrepareProtocol",
        base: None,
        flags: flags::BASETYPE,
        gc: false,
        dict: false,
        weakref: false,
        methods: &[],
        getsets: &[],
        doc: Some("PEP 246 style object adaption protocol type."),
    };
    new_type::<PrepareProtocol>(vm, &spec, |s| {
        s.new.set(Some(prepare_protocol_new));
        s.init.set(Some(prepare_protocol_init));
    })
}
