//! What the native hash modules share (CPython's `Modules/hashlib.h` and
//! the common shape of `md5module.c`, `sha1module.c`, `sha256module.c`,
//! `sha512module.c`, `_sha3/sha3module.c`, `_blake2/`): one payload type
//! holding any algorithm's running state, the methods every hash object
//! has (`update`, `digest`, `hexdigest`, `copy`, `name`, `digest_size`,
//! `block_size`), and the argument conversions with CPython's messages.

use std::cell::RefCell;

use sha2::digest;
use taipan_vm::api::types::{alloc_instance, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, int, tuple, Obj, PyPayload, PyResult, Vm};

/// The running state of one algorithm.
pub(crate) trait HashState {
    fn update(&mut self, data: &[u8]);
    /// The digest of what was fed so far (the state is unchanged); `len`
    /// is the output length of an extendable-output function, else unused.
    fn finish(&self, len: usize) -> Vec<u8>;
    /// Fill `out` with the output of an extendable-output function.
    fn squeeze(&self, _out: &mut [u8]) {}
    fn boxed_clone(&self) -> Box<dyn HashState>;
    /// The name `hashlib.new` knows it by (`sha3_224`, `blake2b`).
    fn name(&self) -> &'static str;
    fn digest_size(&self) -> usize;
    fn block_size(&self) -> usize;
}

/// A `HashState` for any RustCrypto fixed-output hash.
#[derive(Clone)]
pub(crate) struct Fixed<D> {
    pub digest: D,
    pub name: &'static str,
}

impl<D> HashState for Fixed<D>
where
    D: digest::Digest + digest::core_api::BlockSizeUser + Clone + 'static,
{
    fn update(&mut self, data: &[u8]) {
        digest::Digest::update(&mut self.digest, data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        self.digest.clone().finalize().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
    fn name(&self) -> &'static str {
        self.name
    }
    fn digest_size(&self) -> usize {
        <D as digest::Digest>::output_size()
    }
    fn block_size(&self) -> usize {
        <D as digest::core_api::BlockSizeUser>::block_size()
    }
}

/// A hash object of any of the native hash types.
pub(crate) struct HashObject {
    state: RefCell<Box<dyn HashState>>,
}
impl PyPayload for HashObject {}

impl HashObject {
    pub(crate) fn new(state: Box<dyn HashState>) -> HashObject {
        HashObject { state: RefCell::new(state) }
    }
    pub(crate) fn update(&self, data: &[u8]) {
        self.state.borrow_mut().update(data);
    }
    pub(crate) fn finish(&self, len: usize) -> Vec<u8> {
        self.state.borrow().finish(len)
    }
    pub(crate) fn squeeze(&self, out: &mut [u8]) {
        self.state.borrow().squeeze(out)
    }
    pub(crate) fn with_state<R>(&self, f: impl FnOnce(&dyn HashState) -> R) -> R {
        f(&**self.state.borrow())
    }
}

/// The payload of a hash object, or TypeError for a foreign `self`.
pub(crate) fn hash_obj<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a HashObject> {
    payload_or_err::<HashObject>(vm, o, o.class().name())
}

/// The type registered as `name` by `make_type` (made once per
/// interpreter).
pub(crate) fn hash_type(vm: &Vm, name: &'static str) -> Option<Obj> {
    vm.lazy_types.borrow().get(name).cloned()
}

/// A new hash object of the type registered as `type_name`.
pub(crate) fn new_hash_object(vm: &Vm, type_name: &'static str, state: Box<dyn HashState>) -> PyResult<Obj> {
    let Some(ty) = hash_type(vm, type_name) else {
        return Err(vm.system_error(format!("{type_name} is not initialized")));
    };
    alloc_instance(vm, &ty, &ty, HashObject::new(state))
}

/// Which methods a hash type has.
pub(crate) enum Kind {
    /// md5, sha1, sha2: instances come from module functions, the type
    /// cannot be instantiated; `copy` is an Argument Clinic method with
    /// `defining_class` (its error names no type).
    Classic,
    /// sha3 and blake2: the types are the constructors.
    Constructor(taipan_vm::api::types::NewFn),
    /// shake: as `Constructor`, with `digest(length)`/`hexdigest(length)`.
    Shake(taipan_vm::api::types::NewFn),
}

/// Create the hash type `name` (`module.name`) once per interpreter.
pub(crate) fn make_type(vm: &Vm, name: &'static str, kind: Kind, extra_getsets: &[GetSetDef]) -> Obj {
    if let Some(t) = hash_type(vm, name) {
        return t;
    }
    let methods = match kind {
        Kind::Classic => CLASSIC_METHODS,
        Kind::Constructor(_) => METHODS,
        Kind::Shake(_) => SHAKE_METHODS,
    };
    let mut getsets = GETSETS.to_vec();
    getsets.extend_from_slice(extra_getsets);
    let spec = TypeSpec {
        name,
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: false,
        methods,
        getsets: &getsets,
        doc: None,
    };
    let ty = taipan_vm::api::types::new_type::<HashObject>(vm, &spec, |s| match kind {
        Kind::Classic => s.new.set(Some(crate::support::disallow_instantiation)),
        Kind::Constructor(f) | Kind::Shake(f) => s.new.set(Some(f)),
    });
    vm.lazy_types.borrow_mut().insert(name, ty.clone());
    ty
}

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("name", |vm, o| Ok(vm.new_str(hash_obj(vm, o)?.with_state(|s| s.name()))), None),
    GetSetDef::new("digest_size", |vm, o| Ok(vm.new_usize(hash_obj(vm, o)?.with_state(|s| s.digest_size()))), None),
    GetSetDef::new("block_size", |vm, o| Ok(vm.new_usize(hash_obj(vm, o)?.with_state(|s| s.block_size()))), None),
];

const CLASSIC_METHODS: &[MethodDef] = &[
    MethodDef::method("update", hash_update),
    MethodDef::method("digest", hash_digest),
    MethodDef::method("hexdigest", hash_hexdigest),
    MethodDef::method("copy", classic_copy),
];

const METHODS: &[MethodDef] = &[
    MethodDef::method("update", hash_update),
    MethodDef::method("digest", hash_digest),
    MethodDef::method("hexdigest", hash_hexdigest),
    MethodDef::method("copy", hash_copy),
];

const SHAKE_METHODS: &[MethodDef] = &[
    MethodDef::method("update", hash_update),
    MethodDef::method("digest", shake_digest),
    MethodDef::method("hexdigest", shake_hexdigest),
    MethodDef::method("copy", hash_copy),
];

fn hash_update(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data] = args::exact::<1>(vm, "update", a, k)?;
    let h = hash_obj(vm, o)?;
    feed(vm, h, &data)?;
    Ok(vm.none())
}

fn hash_digest(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "digest", a, k)?;
    Ok(vm.new_bytes(hash_obj(vm, o)?.finish(0)))
}

fn hash_hexdigest(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "hexdigest", a, k)?;
    Ok(vm.new_str(&to_hex(&hash_obj(vm, o)?.finish(0))))
}

fn hash_copy(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "copy", a, k)?;
    copy_of(vm, o)
}

fn classic_copy(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("copy() takes no keyword arguments"));
    }
    if !a.is_empty() {
        return Err(vm.type_error("copy() takes no arguments"));
    }
    copy_of(vm, o)
}

fn copy_of(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let state = hash_obj(vm, o)?.with_state(|s| s.boxed_clone());
    alloc_instance(vm, &o.class_obj(), &o.class_obj(), HashObject::new(state))
}

fn shake_digest(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "digest", a, k)?;
    let out = shake_output(vm, o, &n)?;
    Ok(vm.new_bytes(out))
}

fn shake_hexdigest(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "hexdigest", a, k)?;
    let out = shake_output(vm, o, &n)?;
    Ok(vm.new_str(&to_hex(&out)))
}

/// The first `n` bytes of a shake's output; CPython caps the length
/// below 2**29.
fn shake_output(vm: &Vm, o: &Obj, n: &Obj) -> PyResult<Vec<u8>> {
    let n = unsigned_long(vm, n)?;
    if n >= 1 << 29 {
        return Err(vm.value_error("length is too large"));
    }
    let h = hash_obj(vm, o)?;
    let mut out = vm.try_vec::<u8>(n as usize)?;
    out.resize(n as usize, 0);
    h.squeeze(&mut out);
    Ok(out)
}

/// Argument Clinic's `unsigned_long` converter: an int (no `__index__`),
/// not negative, fitting 64 bits.
pub(crate) fn unsigned_long(vm: &Vm, o: &Obj) -> PyResult<u64> {
    let Some(v) = int::value(o) else {
        return Err(vm.type_error("an integer is required"));
    };
    if v.is_negative() {
        return Err(vm.value_error("value must be positive"));
    }
    u64::try_from(&v.to_big()).map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))
}

/// Feed a bytes-like object to a hash, with hashlib's messages for
/// anything else.
pub(crate) fn feed(vm: &Vm, h: &HashObject, data: &Obj) -> PyResult<()> {
    check_hashable(vm, data)?;
    buffer::with_simple_bytes(vm, data, |d| h.update(d))
}

/// CPython's `GET_BUFFER_VIEW_OR_ERROUT`.
pub(crate) fn check_hashable(vm: &Vm, data: &Obj) -> PyResult<()> {
    if vm.isinstance_type(data, &vm.ctx.types.str) {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    if !buffer::is_bytes_like(data) {
        return Err(vm.type_error("object supporting the buffer API required"));
    }
    Ok(())
}

/// Lower-case hex digits, as `hexdigest()`.
pub(crate) fn to_hex(d: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(d.len() * 2);
    for &b in d {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// The parameters of a hash constructor: `string=b''` (or a positional-only
/// `data`) and the keyword-only `usedforsecurity`, which changes nothing
/// here (no FIPS mode).
pub(crate) fn parse_data_arg(
    vm: &Vm,
    fname: &str,
    first: &str,
    posonly: bool,
    a: &[Obj],
    k: Option<&Obj>,
) -> PyResult<Option<Obj>> {
    let names = [first, "usedforsecurity"];
    let spec = args::ArgSpec { fname, names: &names, posonly: usize::from(posonly), required: 0, kwonly_from: 1 };
    let mut parsed = args::parse_spec(vm, &spec, a, k)?;
    if let Some(u) = &parsed[1] {
        vm.is_true(u)?;
    }
    Ok(parsed[0].take())
}

/// A module function making a hash object (`_md5.md5(string=b'', *,
/// usedforsecurity=True)`).
pub(crate) fn construct(
    vm: &Vm,
    a: &[Obj],
    k: Option<&Obj>,
    fname: &str,
    type_name: &'static str,
    state: Box<dyn HashState>,
) -> PyResult<Obj> {
    let data = parse_data_arg(vm, fname, "string", false, a, k)?;
    let o = new_hash_object(vm, type_name, state)?;
    if let Some(d) = data {
        feed(vm, hash_obj(vm, &o)?, &d)?;
    }
    Ok(o)
}
