//! `_sha1` (CPython's `Modules/sha1module.c`): SHA-1, hashlib's fallback
//! when OpenSSL's `_hashlib` is absent. The algorithm is RustCrypto's
//! `sha1`.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::hashlib_h::{construct, make_type, Fixed, Kind};

const TYPE: &str = "_sha1.sha1";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_sha1");
    let ty = make_type(vm, TYPE, Kind::Classic, &[]);
    dict::set_item_str(vm, &module::module_dict(&m), "SHA1Type", ty)?;
    module::add_functions(vm, &m, "_sha1", FUNCTIONS);
    Ok(m)
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("sha1", |vm, _m, a, k| {
    construct(vm, a, k, "sha1", TYPE, Box::new(Fixed { digest: <sha1::Sha1 as sha1::Digest>::new(), name: "sha1" }))
})];
