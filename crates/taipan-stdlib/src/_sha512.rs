//! `_sha512` (CPython's `Modules/sha512module.c`): SHA-384 and SHA-512,
//! hashlib's fallback when OpenSSL's `_hashlib` is absent. The algorithms
//! are RustCrypto's `sha2`.

use sha2::Digest;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::hashlib_h::{construct, make_type, Fixed, Kind};

const SHA384: &str = "_sha512.sha384";
const SHA512: &str = "_sha512.sha512";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_sha512");
    make_type(vm, SHA384, Kind::Classic, &[]);
    // CPython 3.11 adds both types under the one name SHA384Type, the
    // second (sha512) replacing the first.
    let sha512 = make_type(vm, SHA512, Kind::Classic, &[]);
    dict::set_item_str(vm, &module::module_dict(&m), "SHA384Type", sha512)?;
    module::add_functions(vm, &m, "_sha512", FUNCTIONS);
    Ok(m)
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("sha384", |vm, _m, a, k| {
        construct(vm, a, k, "sha384", SHA384, Box::new(Fixed { digest: sha2::Sha384::new(), name: "sha384" }))
    }),
    MethodDef::static_("sha512", |vm, _m, a, k| {
        construct(vm, a, k, "sha512", SHA512, Box::new(Fixed { digest: sha2::Sha512::new(), name: "sha512" }))
    }),
];
