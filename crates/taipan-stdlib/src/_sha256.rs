//! `_sha256` (CPython's `Modules/sha256module.c`): SHA-224 and SHA-256,
//! hashlib's fallback when OpenSSL's `_hashlib` is absent. The algorithms
//! are RustCrypto's `sha2`.

use sha2::Digest;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::hashlib_h::{construct, make_type, Fixed, Kind};

const SHA224: &str = "_sha256.sha224";
const SHA256: &str = "_sha256.sha256";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_sha256");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "SHA224Type", make_type(vm, SHA224, Kind::Classic, &[]))?;
    dict::set_item_str(vm, &d, "SHA256Type", make_type(vm, SHA256, Kind::Classic, &[]))?;
    module::add_functions(vm, &m, "_sha256", FUNCTIONS);
    Ok(m)
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("sha224", |vm, _m, a, k| {
        construct(vm, a, k, "sha224", SHA224, Box::new(Fixed { digest: sha2::Sha224::new(), name: "sha224" }))
    }),
    MethodDef::static_("sha256", |vm, _m, a, k| {
        construct(vm, a, k, "sha256", SHA256, Box::new(Fixed { digest: sha2::Sha256::new(), name: "sha256" }))
    }),
];
