//! CPython's `Modules/_sqlite/blob.c`: `sqlite3.Blob`, incremental I/O on
//! one BLOB value (`Connection.blobopen`).

use taipan_vm::api::{Obj, PyResult, Vm};

pub(crate) fn blobopen(vm: &Vm, _conn: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    Err(super::util::error(vm, super::util::NOT_SUPPORTED_ERROR, "Connection.blobopen() is not implemented yet"))
}
