//! `_hashlib` (CPython's `Modules/_hashopenssl.c`): the hash algorithms of
//! the system's OpenSSL 3, which `hashlib` and `hmac` prefer over the
//! fallback modules (`_md5`, `_sha256`, ...): `new`, the `openssl_*`
//! constructors, `HASH`/`HASHXOF` objects, HMAC objects, PBKDF2-HMAC and
//! scrypt, with OpenSSL's names and error reasons as CPython reports them.

use std::cell::RefCell;

use openssl::hash::{Hasher, MessageDigest};
use taipan_vm::api::types::{alloc_instance, new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, dict, int, module, str as pystr, Obj, PyErr, PyPayload, PyResult, Vm};

use crate::hashlib_h::{check_hashable, feed, hash_obj, parse_data_arg, to_hex, unsigned_long, HashObject, HashState};

const HASH: &str = "_hashlib.HASH";
const HASHXOF: &str = "_hashlib.HASHXOF";
const HMAC: &str = "_hashlib.HMAC";
const UNSUPPORTED: &str = "_hashlib.UnsupportedDigestmodError";

const DOC: &str = "OpenSSL interface for hashlib module";

/// Python's names of OpenSSL's digests where the two differ.
const PY_NAMES: &[(&str, &str)] = &[
    ("sha512-224", "sha512_224"),
    ("sha512-256", "sha512_256"),
    ("sha3-224", "sha3_224"),
    ("sha3-256", "sha3_256"),
    ("sha3-384", "sha3_384"),
    ("sha3-512", "sha3_512"),
    ("shake128", "shake_128"),
    ("shake256", "shake_256"),
    ("blake2b512", "blake2b"),
    ("blake2s256", "blake2s"),
];

/// The digests `openssl_md_meth_names` may list (those the providers
/// loaded here implement are listed).
const CANDIDATES: &[&str] = &[
    "md5",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "sha512_224",
    "sha512_256",
    "sha3_224",
    "sha3_256",
    "sha3_384",
    "sha3_512",
    "shake_128",
    "shake_256",
    "blake2b",
    "blake2s",
    "md5-sha1",
    "ripemd160",
    "sm3",
    "md4",
    "mdc2",
    "whirlpool",
];

/// OpenSSL's name for a Python digest name.
fn openssl_name(name: &str) -> &str {
    PY_NAMES.iter().find(|(_, py)| *py == name).map_or(name, |(o, _)| o)
}

/// The Python name of a digest (CPython's `py_digest_name`).
fn py_name(md: &MessageDigest) -> &'static str {
    let ln = md.type_().long_name().unwrap_or("unknown");
    PY_NAMES.iter().find(|(o, _)| *o == ln).map_or(ln, |(_, py)| py)
}

fn is_xof(md: &MessageDigest) -> bool {
    matches!(py_name(md), "shake_128" | "shake_256")
}

/// The exception of OpenSSL's last error (CPython's `_setException`):
/// "[library] reason".
pub(crate) fn openssl_error(vm: &Vm, ty: &Obj, stack: &openssl::error::ErrorStack) -> PyErr {
    let msg = match stack.errors().last() {
        Some(e) => match (e.library(), e.reason()) {
            (Some(lib), Some(reason)) => format!("[{lib}] {reason}"),
            (None, Some(reason)) => reason.to_string(),
            _ => "no reason supplied".to_string(),
        },
        None => "no reason supplied".to_string(),
    };
    vm.new_exception_msg(ty, &msg)
}

fn value_error_of(vm: &Vm, stack: &openssl::error::ErrorStack) -> PyErr {
    openssl_error(vm, &vm.ctx.exceptions.value_error, stack)
}

fn unsupported_type(vm: &Vm) -> Obj {
    vm.lazy_types.borrow().get(UNSUPPORTED).cloned().unwrap_or_else(|| vm.ctx.exceptions.value_error.clone())
}

/// The digest `name` names, initialised (UnsupportedDigestmodError when
/// OpenSSL has none, as `EVP_MD_fetch` failing in CPython).
fn digest_by_name(vm: &Vm, name: &str) -> PyResult<(MessageDigest, Hasher)> {
    let unsupported = || vm.new_exception_msg(&unsupported_type(vm), "[digital envelope routines] unsupported");
    let md = MessageDigest::from_name(openssl_name(name)).ok_or_else(unsupported)?;
    // A digest OpenSSL knows by name but no loaded provider implements
    // (md4 without the legacy provider): what EVP_MD_fetch reports.
    let hasher = Hasher::new(md).map_err(|_| unsupported())?;
    Ok((md, hasher))
}

/// A running OpenSSL digest.
struct Evp {
    hasher: Hasher,
    md: MessageDigest,
}

impl HashState for Evp {
    fn update(&mut self, data: &[u8]) {
        // EVP_DigestUpdate on an initialised context cannot fail.
        let _ = self.hasher.update(data);
    }
    fn finish(&self, _len: usize) -> Vec<u8> {
        self.hasher.clone().finish().map(|d| d.to_vec()).unwrap_or_default()
    }
    fn squeeze(&self, out: &mut [u8]) {
        let _ = self.hasher.clone().finish_xof(out);
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(Evp { hasher: self.hasher.clone(), md: self.md })
    }
    fn name(&self) -> &'static str {
        py_name(&self.md)
    }
    fn digest_size(&self) -> usize {
        if is_xof(&self.md) {
            0
        } else {
            self.md.size()
        }
    }
    fn block_size(&self) -> usize {
        self.md.block_size()
    }
}

fn registered(vm: &Vm, key: &str) -> PyResult<Obj> {
    vm.lazy_types.borrow().get(key).cloned().ok_or_else(|| vm.system_error(format!("{key} is not initialized")))
}

/// A HASH (or HASHXOF) object for `name`, fed `data`.
fn new_hash(vm: &Vm, name: &str, data: Option<Obj>) -> PyResult<Obj> {
    if let Some(d) = &data {
        check_hashable(vm, d)?;
    }
    let (md, hasher) = digest_by_name(vm, name)?;
    let ty = registered(vm, if is_xof(&md) { HASHXOF } else { HASH })?;
    let o = alloc_instance(vm, &ty, &registered(vm, HASH)?, HashObject::new(Box::new(Evp { hasher, md })))?;
    if let Some(d) = data {
        feed(vm, hash_obj(vm, &o)?, &d)?;
    }
    Ok(o)
}

fn f_new(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["name", "string", "usedforsecurity"];
    let spec = args::ArgSpec { fname: "new", names: &names, posonly: 0, required: 1, kwonly_from: 2 };
    let mut p = args::parse_spec(vm, &spec, a, k)?;
    if let Some(u) = &p[2] {
        vm.is_true(u)?;
    }
    let name = p[0].take().ok_or_else(|| vm.type_error("new() missing required argument 'name' (pos 1)"))?;
    let Some(name) = pystr::as_str(&name).map(str::to_string) else {
        return Err(vm.type_error("name must be a string"));
    };
    new_hash(vm, &name, p[1].take())
}

macro_rules! constructor {
    ($fname:literal, $name:literal) => {
        MethodDef::static_($fname, |vm, _m, a, k| {
            let data = parse_data_arg(vm, $fname, "string", false, a, k)?;
            new_hash(vm, $name, data)
        })
    };
}

const CONSTRUCTORS: &[(&str, &str)] = &[
    ("openssl_md5", "md5"),
    ("openssl_sha1", "sha1"),
    ("openssl_sha224", "sha224"),
    ("openssl_sha256", "sha256"),
    ("openssl_sha384", "sha384"),
    ("openssl_sha512", "sha512"),
    ("openssl_sha3_224", "sha3_224"),
    ("openssl_sha3_256", "sha3_256"),
    ("openssl_sha3_384", "sha3_384"),
    ("openssl_sha3_512", "sha3_512"),
    ("openssl_shake_128", "shake_128"),
    ("openssl_shake_256", "shake_256"),
];

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("new", f_new),
    constructor!("openssl_md5", "md5"),
    constructor!("openssl_sha1", "sha1"),
    constructor!("openssl_sha224", "sha224"),
    constructor!("openssl_sha256", "sha256"),
    constructor!("openssl_sha384", "sha384"),
    constructor!("openssl_sha512", "sha512"),
    constructor!("openssl_sha3_224", "sha3_224"),
    constructor!("openssl_sha3_256", "sha3_256"),
    constructor!("openssl_sha3_384", "sha3_384"),
    constructor!("openssl_sha3_512", "sha3_512"),
    constructor!("openssl_shake_128", "shake_128"),
    constructor!("openssl_shake_256", "shake_256"),
    MethodDef::static_("pbkdf2_hmac", f_pbkdf2_hmac),
    MethodDef::static_("scrypt", f_scrypt),
    MethodDef::static_("hmac_digest", f_hmac_digest),
    MethodDef::static_("hmac_new", f_hmac_new),
    MethodDef::static_("compare_digest", crate::_operator::compare_digest),
    MethodDef::static_("get_fips_mode", |vm, _m, a, k| {
        args::exact::<0>(vm, "get_fips_mode", a, k)?;
        Ok(vm.new_int(0))
    }),
];

// ---- key derivation ---------------------------------------------------------------------------

/// The bytes of a bytes-like argument ("a bytes-like object is required,
/// not 'str'" for anything else).
fn buffer_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if !buffer::is_bytes_like(o) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", o.class().name())));
    }
    buffer::with_bytes(vm, o, |b| b.to_vec())
}

fn c_long(vm: &Vm, o: &Obj) -> PyResult<i64> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    vm.to_i64(o)
}

fn f_pbkdf2_hmac(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["hash_name", "password", "salt", "iterations", "dklen"];
    let p = args::parse(vm, "pbkdf2_hmac", a, k, &names, 4)?;
    let [Some(name), Some(password), Some(salt), Some(iterations), dklen] = &p[..] else {
        return Err(vm.type_error("pbkdf2_hmac() missing required arguments"));
    };
    let Some(name) = pystr::as_str(name).map(str::to_string) else {
        return Err(
            vm.type_error(format!("pbkdf2_hmac() argument 'hash_name' must be str, not {}", name.class().name()))
        );
    };
    let password = buffer_arg(vm, password)?;
    let salt = buffer_arg(vm, salt)?;
    let iterations = c_long(vm, iterations)?;
    if iterations < 1 {
        return Err(vm.value_error("iteration value must be greater than 0."));
    }
    if iterations > i32::MAX as i64 {
        return Err(vm.overflow_error("iteration value is too great."));
    }
    let (md, _) = digest_by_name(vm, &name)?;
    let dklen = match dklen {
        Some(d) if !vm.is_none(d) => c_long(vm, d)?,
        _ => md.size() as i64,
    };
    if dklen < 1 {
        return Err(vm.value_error("key length must be greater than 0."));
    }
    if dklen > i32::MAX as i64 {
        return Err(vm.overflow_error("key length is too great."));
    }
    if password.len() > i32::MAX as usize || salt.len() > i32::MAX as usize {
        return Err(vm.overflow_error("password or salt is too long."));
    }
    let mut key = vm.try_vec::<u8>(dklen as usize)?;
    key.resize(dklen as usize, 0);
    openssl::pkcs5::pbkdf2_hmac(&password, &salt, iterations as usize, md, &mut key)
        .map_err(|e| value_error_of(vm, &e))?;
    Ok(vm.new_bytes(key))
}

/// An `unsigned long` argument scrypt requires.
fn scrypt_param(vm: &Vm, o: &Option<Obj>, what: &str) -> PyResult<u64> {
    let missing = || vm.type_error(format!("{what} is required and must be an unsigned int"));
    let o = o.as_ref().filter(|o| !vm.is_none(o)).ok_or_else(missing)?;
    if int::value(o).is_none() {
        return Err(missing());
    }
    unsigned_long(vm, o)
}

fn f_scrypt(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["password", "salt", "n", "r", "p", "maxmem", "dklen"];
    let spec = args::ArgSpec { fname: "scrypt", names: &names, posonly: 0, required: 1, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let password = buffer_arg(vm, p[0].as_ref().ok_or_else(|| vm.type_error("scrypt() missing password"))?)?;
    let salt = match &p[1] {
        Some(s) if !vm.is_none(s) => buffer_arg(vm, s)?,
        _ => return Err(vm.type_error("salt is required")),
    };
    let n = scrypt_param(vm, &p[2], "n")?;
    let r = scrypt_param(vm, &p[3], "r")?;
    let pp = scrypt_param(vm, &p[4], "p")?;
    if n < 2 || !n.is_power_of_two() {
        return Err(vm.value_error("n must be a power of 2."));
    }
    let maxmem = match &p[5] {
        Some(m) => c_long(vm, m)?,
        None => 0,
    };
    if !(0..=i32::MAX as i64).contains(&maxmem) {
        return Err(vm.value_error(format!("maxmem must be positive and smaller than {}", i32::MAX)));
    }
    let dklen = match &p[6] {
        Some(d) => c_long(vm, d)?,
        None => 64,
    };
    if !(1..=i32::MAX as i64).contains(&dklen) {
        return Err(vm.value_error(format!("dklen must be greater than 0 and smaller than {}", i32::MAX)));
    }
    if !scrypt_params_ok(n, r, pp, maxmem as u64) {
        return Err(vm.value_error("Invalid parameter combination for n, r, p, maxmem."));
    }
    let mut key = vm.try_vec::<u8>(dklen as usize)?;
    key.resize(dklen as usize, 0);
    openssl::pkcs5::scrypt(&password, &salt, n, r, pp, maxmem as u64, &mut key).map_err(|e| value_error_of(vm, &e))?;
    Ok(vm.new_bytes(key))
}

/// The parameter check CPython makes by a dry run of `EVP_PBE_scrypt`
/// with no output: r and p positive, p*r within 2**30 - 1, n below
/// 2**(16*r) for small r.
fn scrypt_params_ok(n: u64, r: u64, p: u64, _maxmem: u64) -> bool {
    if r == 0 || p == 0 {
        return false;
    }
    if p.checked_mul(r).is_none_or(|pr| pr > (1 << 30) - 1) {
        return false;
    }
    if 16 * r <= 63 && n >= 1u64 << (16 * r) {
        return false;
    }
    true
}

// ---- HMAC ---------------------------------------------------------------------------------------

/// HMAC (RFC 2104) over two OpenSSL digest contexts: the inner one fed
/// the key xor ipad and the message, the outer one the key xor opad.
#[derive(Clone)]
struct HmacState {
    inner: Hasher,
    outer: Hasher,
    md: MessageDigest,
}

impl HmacState {
    fn new(md: MessageDigest, key: &[u8]) -> Result<HmacState, openssl::error::ErrorStack> {
        let block = md.block_size();
        let mut k = if key.len() > block { openssl::hash::hash(md, key)?.to_vec() } else { key.to_vec() };
        k.resize(block, 0);
        let mut inner = Hasher::new(md)?;
        let mut outer = Hasher::new(md)?;
        inner.update(&k.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>())?;
        outer.update(&k.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>())?;
        Ok(HmacState { inner, outer, md })
    }
    fn digest(&self) -> Vec<u8> {
        let mut outer = self.outer.clone();
        let inner = self.inner.clone().finish().map(|d| d.to_vec()).unwrap_or_default();
        let _ = outer.update(&inner);
        outer.finish().map(|d| d.to_vec()).unwrap_or_default()
    }
}

struct Hmac {
    state: RefCell<HmacState>,
}
impl PyPayload for Hmac {}

fn hmac_obj<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Hmac> {
    payload_or_err::<Hmac>(vm, o, "_hashlib.HMAC")
}

/// The digest a `digestmod` names: a name, or one of the `openssl_*`
/// constructors (CPython's `py_digest_by_digestmod`).
fn digestmod_name(vm: &Vm, digestmod: &Obj) -> PyResult<String> {
    if let Some(s) = pystr::as_str(digestmod) {
        return Ok(s.to_string());
    }
    if let Some(name) = constructor_name(vm, digestmod)? {
        return Ok(name);
    }
    let msg = format!("Unsupported digestmod {}", vm.repr_string(digestmod)?);
    Err(vm.new_exception_msg(&unsupported_type(vm), &msg))
}

fn constructor_name(vm: &Vm, f: &Obj) -> PyResult<Option<String>> {
    let m = taipan_vm::api::import::import_module(vm, "_hashlib")?;
    for (fname, name) in CONSTRUCTORS {
        if let Some(c) = vm.getattr_str_opt(&m, fname)? {
            if c.is(f) {
                return Ok(Some(name.to_string()));
            }
        }
    }
    Ok(None)
}

/// An HMAC state for the digest `digestmod` names; XOF digests have none.
fn hmac_state(vm: &Vm, key: &[u8], digestmod: &Obj) -> PyResult<HmacState> {
    let name = digestmod_name(vm, digestmod)?;
    let (md, _) = digest_by_name(vm, &name)?;
    if is_xof(&md) {
        return Err(vm.value_error("no reason supplied"));
    }
    HmacState::new(md, key).map_err(|e| value_error_of(vm, &e))
}

fn f_hmac_new(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "hmac_new", a, k, &["key", "msg", "digestmod"], 1)?;
    let key = buffer_arg(vm, p[0].as_ref().ok_or_else(|| vm.type_error("hmac_new() missing key"))?)?;
    let Some(digestmod) = p[2].as_ref() else {
        return Err(vm.type_error("Missing required parameter 'digestmod'."));
    };
    let state = hmac_state(vm, &key, digestmod)?;
    let ty = registered(vm, HMAC)?;
    let o = alloc_instance(vm, &ty, &ty, Hmac { state: RefCell::new(state) })?;
    if let Some(msg) = p[1].as_ref().filter(|m| !vm.is_none(m)) {
        hmac_feed(vm, hmac_obj(vm, &o)?, msg)?;
    }
    Ok(o)
}

fn f_hmac_digest(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "hmac_digest", a, k, &["key", "msg", "digest"], 3)?;
    let [Some(key), Some(msg), Some(digest)] = &p[..] else {
        return Err(vm.type_error("hmac_digest() missing required arguments"));
    };
    let key = buffer_arg(vm, key)?;
    let msg = buffer_arg(vm, msg)?;
    let mut state = hmac_state(vm, &key, digest)?;
    let _ = state.inner.update(&msg);
    Ok(vm.new_bytes(state.digest()))
}

fn hmac_feed(vm: &Vm, h: &Hmac, msg: &Obj) -> PyResult<()> {
    check_hashable(vm, msg)?;
    buffer::with_simple_bytes(vm, msg, |d| {
        let _ = h.state.borrow_mut().inner.update(d);
    })
}

fn hmac_name(h: &Hmac) -> String {
    format!("hmac-{}", py_name(&h.state.borrow().md))
}

const HMAC_METHODS: &[MethodDef] = &[
    MethodDef::method("update", |vm, o, a, k| {
        let p = args::parse(vm, "update", a, k, &["msg"], 1)?;
        let msg = p[0].clone().unwrap_or_else(|| vm.none());
        hmac_feed(vm, hmac_obj(vm, o)?, &msg)?;
        Ok(vm.none())
    }),
    MethodDef::method("digest", |vm, o, a, k| {
        args::exact::<0>(vm, "digest", a, k)?;
        Ok(vm.new_bytes(hmac_obj(vm, o)?.state.borrow().digest()))
    }),
    MethodDef::method("hexdigest", |vm, o, a, k| {
        args::exact::<0>(vm, "hexdigest", a, k)?;
        Ok(vm.new_str(&to_hex(&hmac_obj(vm, o)?.state.borrow().digest())))
    }),
    MethodDef::method("copy", |vm, o, a, k| {
        args::exact::<0>(vm, "copy", a, k)?;
        let state = hmac_obj(vm, o)?.state.borrow().clone();
        let ty = registered(vm, HMAC)?;
        alloc_instance(vm, &ty, &ty, Hmac { state: RefCell::new(state) })
    }),
];

const HMAC_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("name", |vm, o| Ok(vm.new_str(&hmac_name(hmac_obj(vm, o)?))), None),
    GetSetDef::new("digest_size", |vm, o| Ok(vm.new_usize(hmac_obj(vm, o)?.state.borrow().md.size())), None),
    GetSetDef::new("block_size", |vm, o| Ok(vm.new_usize(hmac_obj(vm, o)?.state.borrow().md.block_size())), None),
];

// ---- the HASH types -----------------------------------------------------------------------------

const HASH_METHODS: &[MethodDef] = &[
    MethodDef::method("update", |vm, o, a, k| {
        if a.len() != 1 || k.is_some() {
            return Err(vm.type_error(format!("HASH.update() takes exactly one argument ({} given)", a.len())));
        }
        feed(vm, hash_obj(vm, o)?, &a[0])?;
        Ok(vm.none())
    }),
    MethodDef::method("digest", |vm, o, a, k| {
        args::exact::<0>(vm, "digest", a, k)?;
        Ok(vm.new_bytes(hash_obj(vm, o)?.finish(0)))
    }),
    MethodDef::method("hexdigest", |vm, o, a, k| {
        args::exact::<0>(vm, "hexdigest", a, k)?;
        Ok(vm.new_str(&to_hex(&hash_obj(vm, o)?.finish(0))))
    }),
    MethodDef::method("copy", |vm, o, a, k| {
        if !a.is_empty() || k.is_some() {
            return Err(vm.type_error(format!("HASH.copy() takes no arguments ({} given)", a.len())));
        }
        let state = hash_obj(vm, o)?.with_state(|s| s.boxed_clone());
        alloc_instance(vm, &o.class_obj(), &registered(vm, HASH)?, HashObject::new(state))
    }),
];

/// `digest(length)`/`hexdigest(length)` of a HASHXOF.
fn xof_output(vm: &Vm, o: &Obj, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Vec<u8>> {
    let p = args::parse(vm, fname, a, k, &["length"], 1)?;
    let n =
        p[0].clone().ok_or_else(|| vm.type_error(format!("{fname}() missing required argument 'length' (pos 1)")))?;
    let n = crate::support::ssize_arg(vm, &n)?;
    if n < 0 {
        return Err(vm.system_error("Negative size passed to PyBytes_FromStringAndSize"));
    }
    let mut out = vm.try_vec::<u8>(n as usize)?;
    out.resize(n as usize, 0);
    if n > 0 {
        hash_obj(vm, o)?.squeeze(&mut out);
    }
    Ok(out)
}

const XOF_METHODS: &[MethodDef] = &[
    MethodDef::method("digest", |vm, o, a, k| Ok(vm.new_bytes(xof_output(vm, o, "digest", a, k)?))),
    MethodDef::method("hexdigest", |vm, o, a, k| Ok(vm.new_str(&to_hex(&xof_output(vm, o, "hexdigest", a, k)?)))),
];

const HASH_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("name", |vm, o| Ok(vm.new_str(hash_obj(vm, o)?.with_state(|s| s.name()))), None),
    GetSetDef::new("digest_size", |vm, o| Ok(vm.new_usize(hash_obj(vm, o)?.with_state(|s| s.digest_size()))), None),
    GetSetDef::new("block_size", |vm, o| Ok(vm.new_usize(hash_obj(vm, o)?.with_state(|s| s.block_size()))), None),
];

fn hash_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name = hash_obj(vm, o)?.with_state(|s| s.name());
    Ok(vm.new_str(&format!("<{name} {} object @ {:#x}>", o.class().name(), o.id())))
}

fn hmac_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name = py_name(&hmac_obj(vm, o)?.state.borrow().md);
    Ok(vm.new_str(&format!("<{name} HMAC object @ {:#x}>", o.id())))
}

fn spec<'a>(name: &'a str, base: Option<&'a Obj>, methods: &'a [MethodDef], getsets: &'a [GetSetDef]) -> TypeSpec<'a> {
    TypeSpec { name, base, flags: 0, gc: false, dict: false, weakref: false, methods, getsets, doc: None }
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(HASH) {
        return Ok(());
    }
    let hash = new_type::<HashObject>(vm, &spec(HASH, None, HASH_METHODS, HASH_GETSETS), |s| {
        s.new.set(Some(crate::support::disallow_instantiation));
        s.repr.set(Some(hash_repr));
    });
    let xof = new_type::<HashObject>(vm, &spec(HASHXOF, Some(&hash), XOF_METHODS, &[]), |s| {
        s.new.set(Some(crate::support::disallow_instantiation));
    });
    let hmac = new_type::<Hmac>(vm, &spec(HMAC, None, HMAC_METHODS, HMAC_GETSETS), |s| {
        s.new.set(Some(crate::support::disallow_instantiation));
        s.repr.set(Some(hmac_repr));
    });
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("_hashlib"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.value_error.clone()]);
    let unsupported = vm.call(&vm.ctx.types.type_, &[vm.new_str("UnsupportedDigestmodError"), bases, ns], None)?;
    let mut t = vm.lazy_types.borrow_mut();
    t.insert(HASH, hash);
    t.insert(HASHXOF, xof);
    t.insert(HMAC, hmac);
    t.insert(UNSUPPORTED, unsupported);
    Ok(())
}

/// The digests OpenSSL's loaded providers implement, by Python name.
fn md_meth_names(vm: &Vm) -> PyResult<Obj> {
    let names: Vec<Obj> = CANDIDATES
        .iter()
        .filter(|n| MessageDigest::from_name(openssl_name(n)).is_some_and(|md| Hasher::new(md).is_ok()))
        .map(|n| vm.new_str(n))
        .collect();
    let list = vm.new_list(names);
    vm.call(&vm.ctx.types.frozenset, &[list], None)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    crate::openssl_lazy::ensure_loaded().map_err(|e| vm.import_error(e))?;
    make_types(vm)?;
    let m = module::new_module(vm, "_hashlib");
    module::add_functions(vm, &m, "_hashlib", FUNCTIONS);
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    for key in [HASH, HASHXOF, HMAC, UNSUPPORTED] {
        let short = &key["_hashlib.".len()..];
        dict::set_item_str(vm, &d, short, registered(vm, key)?)?;
    }
    dict::set_item_str(vm, &d, "openssl_md_meth_names", md_meth_names(vm)?)?;
    let constructors = vm.new_dict();
    for (fname, name) in CONSTRUCTORS {
        if let Some(f) = dict::get_item_str(vm, &d, fname) {
            dict::set_item(vm, &constructors, f, vm.new_str(name))?;
        }
    }
    let proxy_type = vm.call(&vm.ctx.types.type_, &[vm.getattr_str(&vm.ctx.types.type_, "__dict__")?], None)?;
    dict::set_item_str(vm, &d, "_constructors", vm.call(&proxy_type, &[constructors], None)?)?;
    Ok(m)
}
