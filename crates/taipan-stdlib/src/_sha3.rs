//! `_sha3` (CPython's `Modules/_sha3/sha3module.c`): SHA3-224/256/384/512
//! and the extendable-output SHAKE128/256, hashlib's fallback when
//! OpenSSL's `_hashlib` is absent. The algorithms are RustCrypto's `sha3`.
//! The types are the constructors (`_sha3.sha3_256(data=b'', /, *,
//! usedforsecurity=True)`), not subclassable.

use sha3::digest::{ExtendableOutput, Update};
use sha3::Digest;
use taipan_vm::api::types::{alloc_instance, GetSetDef, TypeObject};
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

use crate::hashlib_h::{feed, hash_obj, make_type, parse_data_arg, Fixed, HashObject, HashState, Kind};

/// (type name, `name`, capacity in bits, is a SHAKE).
const ALGORITHMS: &[(&str, &str, usize, bool)] = &[
    ("_sha3.sha3_224", "sha3_224", 448, false),
    ("_sha3.sha3_256", "sha3_256", 512, false),
    ("_sha3.sha3_384", "sha3_384", 768, false),
    ("_sha3.sha3_512", "sha3_512", 1024, false),
    ("_sha3.shake_128", "shake_128", 256, true),
    ("_sha3.shake_256", "shake_256", 512, true),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_sha3");
    let d = module::module_dict(&m);
    for &(type_name, name, _, shake) in ALGORITHMS {
        let kind = if shake { Kind::Shake(sha3_new) } else { Kind::Constructor(sha3_new) };
        dict::set_item_str(vm, &d, name, make_type(vm, type_name, kind, GETSETS))?;
    }
    dict::set_item_str(vm, &d, "implementation", vm.new_str("tiny_sha3"))?;
    dict::set_item_str(vm, &d, "keccakopt", vm.new_int(0))?;
    Ok(m)
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("_capacity_bits", |vm, o| Ok(vm.new_usize(algorithm(vm, o)?.2)), None),
    GetSetDef::new("_rate_bits", |vm, o| Ok(vm.new_usize(1600 - algorithm(vm, o)?.2)), None),
    GetSetDef::new("_suffix", |vm, o| Ok(vm.new_bytes(vec![if algorithm(vm, o)?.3 { 0x1f } else { 0x06 }])), None),
];

fn algorithm(vm: &Vm, o: &Obj) -> PyResult<&'static (&'static str, &'static str, usize, bool)> {
    let name = hash_obj(vm, o)?.with_state(|s| s.name());
    ALGORITHMS.iter().find(|a| a.1 == name).ok_or_else(|| vm.system_error("unknown sha3 variant"))
}

/// `tp_new` of every `_sha3` type; the type says which algorithm.
fn sha3_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    // CPython 3.11's Argument Clinic names every sha3 type "sha3_224".
    let data = parse_data_arg(vm, "sha3_224", "data", true, a, k)?;
    let tname = cls.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    let state: Box<dyn HashState> = match tname.rsplit('.').next().unwrap_or_default() {
        "sha3_224" => Box::new(Fixed { digest: sha3::Sha3_224::new(), name: "sha3_224" }),
        "sha3_256" => Box::new(Fixed { digest: sha3::Sha3_256::new(), name: "sha3_256" }),
        "sha3_384" => Box::new(Fixed { digest: sha3::Sha3_384::new(), name: "sha3_384" }),
        "sha3_512" => Box::new(Fixed { digest: sha3::Sha3_512::new(), name: "sha3_512" }),
        "shake_128" => Box::new(Shake128(sha3::Shake128::default())),
        "shake_256" => Box::new(Shake256(sha3::Shake256::default())),
        _ => return Err(vm.type_error(format!("cannot create '{tname}' instances"))),
    };
    let o = alloc_instance(vm, cls, cls, HashObject::new(state))?;
    if let Some(d) = data {
        feed(vm, hash_obj(vm, &o)?, &d)?;
    }
    Ok(o)
}

#[derive(Clone)]
struct Shake128(sha3::Shake128);
#[derive(Clone)]
struct Shake256(sha3::Shake256);

impl HashState for Shake128 {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        Vec::new()
    }
    fn squeeze(&self, out: &mut [u8]) {
        self.0.clone().finalize_xof_into(out);
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
    fn name(&self) -> &'static str {
        "shake_128"
    }
    fn digest_size(&self) -> usize {
        0
    }
    fn block_size(&self) -> usize {
        168
    }
}

impl HashState for Shake256 {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        Vec::new()
    }
    fn squeeze(&self, out: &mut [u8]) {
        self.0.clone().finalize_xof_into(out);
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
    fn name(&self) -> &'static str {
        "shake_256"
    }
    fn digest_size(&self) -> usize {
        0
    }
    fn block_size(&self) -> usize {
        136
    }
}
