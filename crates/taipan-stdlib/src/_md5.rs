//! `_md5` (CPython's `Modules/md5module.c`): MD5, hashlib's fallback when
//! OpenSSL's `_hashlib` is absent. The algorithm is RustCrypto's `md-5`.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::hashlib_h::{construct, make_type, Fixed, Kind};

const TYPE: &str = "_md5.md5";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_md5");
    let ty = make_type(vm, TYPE, Kind::Classic, &[]);
    dict::set_item_str(vm, &module::module_dict(&m), "MD5Type", ty)?;
    module::add_functions(vm, &m, "_md5", FUNCTIONS);
    Ok(m)
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("md5", |vm, _m, a, k| {
    construct(vm, a, k, "md5", TYPE, Box::new(Fixed { digest: <md5::Md5 as md5::Digest>::new(), name: "md5" }))
})];
