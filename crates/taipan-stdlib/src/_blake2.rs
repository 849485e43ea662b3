//! `_blake2` (CPython's `Modules/_blake2/`): BLAKE2b and BLAKE2s with the
//! whole parameter block (digest size, key, salt, personalization, and
//! the tree-hashing parameters), hashlib's own implementation of them.
//! The algorithms are `blake2b_simd`/`blake2s_simd`, which take every
//! parameter CPython does. The types are the constructors, not
//! subclassable.

use taipan_vm::api::types::{alloc_instance, TypeObject};
use taipan_vm::api::{args, buffer, dict, int, module, Obj, PyResult, Vm};

use crate::hashlib_h::{feed, hash_obj, make_type, unsigned_long, HashObject, HashState, Kind};

/// The sizes of one variant (CPython's `BLAKE2B_*`/`BLAKE2S_*`).
struct Variant {
    name: &'static str,
    type_name: &'static str,
    salt: usize,
    person: usize,
    max_key: usize,
    max_digest: usize,
    block: usize,
}

const BLAKE2B: Variant = Variant {
    name: "blake2b",
    type_name: "_blake2.blake2b",
    salt: 16,
    person: 16,
    max_key: 64,
    max_digest: 64,
    block: 128,
};
const BLAKE2S: Variant = Variant {
    name: "blake2s",
    type_name: "_blake2.blake2s",
    salt: 8,
    person: 8,
    max_key: 32,
    max_digest: 32,
    block: 64,
};

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_blake2");
    let d = module::module_dict(&m);
    for v in [&BLAKE2B, &BLAKE2S] {
        let ty = make_type(vm, v.type_name, Kind::Constructor(blake2_new), &[]);
        let td = ty.payload::<TypeObject>().map(|t| t.dict());
        if let Some(td) = td {
            dict::set_item_str(vm, &td, "SALT_SIZE", vm.new_usize(v.salt))?;
            dict::set_item_str(vm, &td, "PERSON_SIZE", vm.new_usize(v.person))?;
            dict::set_item_str(vm, &td, "MAX_KEY_SIZE", vm.new_usize(v.max_key))?;
            dict::set_item_str(vm, &td, "MAX_DIGEST_SIZE", vm.new_usize(v.max_digest))?;
        }
        let up = v.name.to_uppercase();
        dict::set_item_str(vm, &d, &format!("{up}_SALT_SIZE"), vm.new_usize(v.salt))?;
        dict::set_item_str(vm, &d, &format!("{up}_PERSON_SIZE"), vm.new_usize(v.person))?;
        dict::set_item_str(vm, &d, &format!("{up}_MAX_KEY_SIZE"), vm.new_usize(v.max_key))?;
        dict::set_item_str(vm, &d, &format!("{up}_MAX_DIGEST_SIZE"), vm.new_usize(v.max_digest))?;
        dict::set_item_str(vm, &d, v.name, ty)?;
    }
    Ok(m)
}

const PARAMS: &[&str] = &[
    "data",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// The parameter block, converted as Argument Clinic converts it.
struct Params {
    digest_size: i64,
    key: Vec<u8>,
    salt: Vec<u8>,
    person: Vec<u8>,
    fanout: i64,
    depth: i64,
    leaf_size: u64,
    node_offset: u64,
    node_depth: i64,
    inner_size: i64,
    last_node: bool,
}

/// `tp_new` of blake2b and blake2s.
fn blake2_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let tname = cls.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    let v = if tname.ends_with("blake2s") { &BLAKE2S } else { &BLAKE2B };
    let spec = args::ArgSpec { fname: v.name, names: PARAMS, posonly: 1, required: 0, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let int_or =
        |i: usize, default: i64| p[i].as_ref().map_or(Ok(default), |o| crate::converters::c_int(vm, o).map(i64::from));
    let bytes_or_empty =
        |i: usize| p[i].as_ref().map_or(Ok(Vec::new()), |o| buffer::with_simple_bytes(vm, o, |d| d.to_vec()));
    let params = Params {
        digest_size: int_or(1, v.max_digest as i64)?,
        key: bytes_or_empty(2)?,
        salt: bytes_or_empty(3)?,
        person: bytes_or_empty(4)?,
        fanout: int_or(5, 1)?,
        depth: int_or(6, 1)?,
        leaf_size: p[7].as_ref().map_or(Ok(0), |o| unsigned_long(vm, o))?,
        node_offset: p[8].as_ref().map_or(Ok(0), |o| unsigned_long_long(vm, o))?,
        node_depth: int_or(9, 0)?,
        inner_size: int_or(10, 0)?,
        last_node: p[11].as_ref().map_or(Ok(false), |o| vm.is_true(o))?,
    };
    if let Some(u) = &p[12] {
        vm.is_true(u)?;
    }
    check_params(vm, v, &params)?;
    let state: Box<dyn HashState> = if v.name == "blake2s" {
        Box::new(Blake2s(blake2s_state(&params), params.digest_size as usize))
    } else {
        Box::new(Blake2b(blake2b_state(&params), params.digest_size as usize))
    };
    let o = alloc_instance(vm, cls, cls, HashObject::new(state))?;
    if let Some(d) = &p[0] {
        feed(vm, hash_obj(vm, &o)?, d)?;
    }
    Ok(o)
}

/// The range checks of `py_blake2b_new_impl`, in its order.
fn check_params(vm: &Vm, v: &Variant, p: &Params) -> PyResult<()> {
    if p.digest_size <= 0 || p.digest_size > v.max_digest as i64 {
        return Err(vm.value_error(format!("digest_size must be between 1 and {} bytes", v.max_digest)));
    }
    if p.salt.len() > v.salt {
        return Err(vm.value_error(format!("maximum salt length is {} bytes", v.salt)));
    }
    if p.person.len() > v.person {
        return Err(vm.value_error(format!("maximum person length is {} bytes", v.person)));
    }
    if !(0..=255).contains(&p.fanout) {
        return Err(vm.value_error("fanout must be between 0 and 255"));
    }
    if !(1..=255).contains(&p.depth) {
        return Err(vm.value_error("depth must be between 1 and 255"));
    }
    if p.leaf_size > u32::MAX as u64 {
        return Err(vm.overflow_error("leaf_size is too large"));
    }
    if v.name == "blake2s" && p.node_offset > 0xFFFF_FFFF_FFFF {
        return Err(vm.overflow_error("node_offset is too large"));
    }
    if !(0..=255).contains(&p.node_depth) {
        return Err(vm.value_error("node_depth must be between 0 and 255"));
    }
    if p.inner_size < 0 || p.inner_size > v.max_digest as i64 {
        return Err(vm.value_error(format!("inner_size must be between 0 and is {}", v.max_digest)));
    }
    if p.key.len() > v.max_key {
        return Err(vm.value_error(format!("maximum key length is {} bytes", v.max_key)));
    }
    Ok(())
}

// The casts below are in range: `check_params` bounded every value.
fn blake2b_state(p: &Params) -> blake2b_simd::State {
    blake2b_simd::Params::new()
        .hash_length(p.digest_size as usize)
        .key(&p.key)
        .salt(&p.salt)
        .personal(&p.person)
        .fanout(p.fanout as u8)
        .max_depth(p.depth as u8)
        .max_leaf_length(p.leaf_size as u32)
        .node_offset(p.node_offset)
        .node_depth(p.node_depth as u8)
        .inner_hash_length(p.inner_size as usize)
        .last_node(p.last_node)
        .to_state()
}

fn blake2s_state(p: &Params) -> blake2s_simd::State {
    blake2s_simd::Params::new()
        .hash_length(p.digest_size as usize)
        .key(&p.key)
        .salt(&p.salt)
        .personal(&p.person)
        .fanout(p.fanout as u8)
        .max_depth(p.depth as u8)
        .max_leaf_length(p.leaf_size as u32)
        .node_offset(p.node_offset)
        .node_depth(p.node_depth as u8)
        .inner_hash_length(p.inner_size as usize)
        .last_node(p.last_node)
        .to_state()
}

/// Argument Clinic's `unsigned_long_long` converter.
fn unsigned_long_long(vm: &Vm, o: &Obj) -> PyResult<u64> {
    let Some(v) = int::value(o) else {
        return Err(vm.type_error("an integer is required"));
    };
    if v.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    u64::try_from(&v.to_big()).map_err(|_| vm.overflow_error("int too big to convert"))
}

#[derive(Clone)]
struct Blake2b(blake2b_simd::State, usize);
#[derive(Clone)]
struct Blake2s(blake2s_simd::State, usize);

impl HashState for Blake2b {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        self.0.finalize().as_bytes().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
    fn name(&self) -> &'static str {
        "blake2b"
    }
    fn digest_size(&self) -> usize {
        self.1
    }
    fn block_size(&self) -> usize {
        BLAKE2B.block
    }
}

impl HashState for Blake2s {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        self.0.finalize().as_bytes().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
    fn name(&self) -> &'static str {
        "blake2s"
    }
    fn digest_size(&self) -> usize {
        self.1
    }
    fn block_size(&self) -> usize {
        BLAKE2S.block
    }
}
