//! `_ssl` (CPython's `Modules/_ssl.c`): TLS through the system's OpenSSL 3
//! for Lib's `ssl`: `_SSLContext` (context.rs), `_SSLSocket` over a socket
//! or two MemoryBIOs and `SSLSession` (socket.rs), `MemoryBIO` (bio.rs),
//! the SNI and message callbacks (sni.rs, debughelpers.rs),
//! certificates as dicts (cert.rs), the SSLError family with CPython's
//! messages (errors.rs, with OpenSSL's error mnemonics in data.rs), and
//! the module's functions and constants (here).

mod bio;
mod cert;
mod context;
mod data;
mod debughelpers;
mod errors;
mod ffi;
mod sni;
mod socket;

use std::ffi::CStr;

use taipan_vm::api::types::{new_type, CompareOp, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, dict, module, str as pystr, Obj, PyResult, Vm};

const DOC: &str = "Implementation module for SSL socket operations.  See the socket module\nfor documentation.";

fn spec<'a>(
    name: &'a str,
    base_type: bool,
    gc: bool,
    methods: &'a [MethodDef],
    getsets: &'a [taipan_vm::api::types::GetSetDef],
) -> TypeSpec<'a> {
    TypeSpec {
        name,
        base: None,
        flags: if base_type { taipan_vm::api::types::flags::BASETYPE } else { 0 },
        gc,
        dict: false,
        weakref: true,
        methods,
        getsets,
        doc: None,
    }
}

fn no_instances(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let name = cls.payload::<taipan_vm::api::types::TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

fn session_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    match (op, socket::session_eq(vm, a, b)?) {
        (CompareOp::Eq, Some(eq)) => Ok(vm.bool_obj(eq)),
        (CompareOp::Ne, Some(eq)) => Ok(vm.bool_obj(!eq)),
        _ => Ok(vm.ctx.not_implemented.clone()),
    }
}

fn certificate_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    match (op, cert::certificate_eq(a, b)) {
        (CompareOp::Eq, Some(eq)) => Ok(vm.bool_obj(eq)),
        (CompareOp::Ne, Some(eq)) => Ok(vm.bool_obj(!eq)),
        _ => Ok(vm.ctx.not_implemented.clone()),
    }
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(context::KEY) {
        return Ok(());
    }
    errors::make_classes(vm)?;
    let ctx =
        new_type::<context::Context>(vm, &spec(context::KEY, true, true, context::METHODS, context::GETSETS), |s| {
            s.new.set(Some(context::context_new));
        });
    let sock =
        new_type::<socket::SslSocket>(vm, &spec(socket::KEY, false, true, socket::METHODS, socket::GETSETS), |s| {
            s.new.set(Some(no_instances));
        });
    let bio = new_type::<bio::MemoryBio>(vm, &spec(bio::KEY, true, false, bio::METHODS, bio::GETSETS), |s| {
        s.new.set(Some(bio::bio_new));
    });
    let session =
        new_type::<socket::Session>(vm, &spec(socket::SESSION_KEY, false, true, &[], socket::SESSION_GETSETS), |s| {
            s.new.set(Some(no_instances));
            s.richcompare.set(Some(session_richcompare));
        });
    let certificate =
        new_type::<cert::Certificate>(vm, &spec(cert::KEY, false, false, cert::CERTIFICATE_METHODS, &[]), |s| {
            s.new.set(Some(no_instances));
            s.repr.set(Some(cert::certificate_repr));
            s.hash.set(Some(cert::certificate_hash));
            s.richcompare.set(Some(certificate_richcompare));
        });
    crate::support::register_type(vm, cert::KEY, &certificate);
    crate::support::register_type(vm, context::KEY, &ctx);
    crate::support::register_type(vm, socket::KEY, &sock);
    crate::support::register_type(vm, bio::KEY, &bio);
    crate::support::register_type(vm, socket::SESSION_KEY, &session);
    Ok(())
}

// ---- module functions ---------------------------------------------------------------------------

fn rand_bytes(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "RAND_bytes", a, k)?;
    let n = crate::converters::c_int(vm, &n)?;
    if n < 0 {
        return Err(vm.value_error("num must be positive"));
    }
    let mut buf = vm.try_vec::<u8>(n as usize)?;
    buf.resize(n as usize, 0);
    openssl::rand::rand_bytes(&mut buf).map_err(|e| errors::ssl_error(vm, &e, errors::Site::Handshake))?;
    Ok(vm.new_bytes(buf))
}

fn rand_pseudo_bytes(vm: &Vm, m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let b = rand_bytes(vm, m, a, k)?;
    Ok(vm.new_tuple(vec![b, vm.bool_obj(true)]))
}

fn rand_status(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "RAND_status", a, k)?;
    // SAFETY: RAND_status takes no arguments.
    Ok(vm.bool_obj(unsafe { openssl_sys::RAND_status() } == 1))
}

fn rand_add(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data, entropy] = args::exact::<2>(vm, "RAND_add", a, k)?;
    let bytes = if let Some(s) = pystr::as_str(&data) {
        s.as_bytes().to_vec()
    } else if buffer::is_bytes_like(&data) {
        buffer::with_bytes(vm, &data, |b| b.to_vec())?
    } else {
        return Err(vm.type_error(format!("argument 1 must be str or bytes-like object, not {}", data.class().name())));
    };
    let entropy = vm.to_f64(&entropy)?;
    if bytes.len() > i32::MAX as usize {
        return Err(vm.overflow_error("string is too long"));
    }
    // SAFETY: `bytes` is valid for its length.
    unsafe { openssl_sys::RAND_add(bytes.as_ptr().cast(), bytes.len() as i32, entropy) };
    Ok(vm.none())
}

/// The dotted form of an object identifier (`OBJ_obj2txt` with no_name).
fn oid_text(obj: &openssl::asn1::Asn1ObjectRef) -> String {
    use foreign_types_shared::ForeignTypeRef;
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is writable for its length; OBJ_obj2txt NUL-terminates
    // what it writes and returns the full length.
    let n = unsafe { openssl_sys::OBJ_obj2txt(buf.as_mut_ptr().cast(), buf.len() as i32, obj.as_ptr(), 1) };
    if n <= 0 {
        return String::new();
    }
    String::from_utf8_lossy(&buf[..(n as usize).min(buf.len() - 1)]).into_owned()
}

/// (nid, shortname, longname, oid) of an ASN.1 object (`asn1obj2py`).
fn obj_tuple(vm: &Vm, obj: &openssl::asn1::Asn1ObjectRef) -> Obj {
    let nid = obj.nid();
    let name = |r: Result<&'static str, openssl::error::ErrorStack>| match r {
        Ok(s) if nid.as_raw() != 0 => vm.new_str(s),
        _ => vm.none(),
    };
    vm.new_tuple(vec![
        vm.new_int(nid.as_raw() as i64),
        name(nid.short_name()),
        name(nid.long_name()),
        vm.new_str(&oid_text(obj)),
    ])
}

fn is_dotted_oid(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) && s.contains('.')
}

fn txt2obj(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "txt2obj", a, k, &["txt", "name"], 1)?;
    let txt = p[0].clone().ok_or_else(|| vm.type_error("txt2obj() missing required argument 'txt' (pos 1)"))?;
    let Some(t) = pystr::as_str(&txt).map(str::to_string) else {
        return Err(vm.type_error(format!("txt2obj() argument 'txt' must be str, not {}", txt.class().name())));
    };
    let by_name = match &p[1] {
        Some(n) => vm.is_true(n)?,
        None => false,
    };
    let unknown = || vm.value_error(format!("unknown object '{t}'"));
    if !by_name && !is_dotted_oid(&t) {
        return Err(unknown());
    }
    let obj = openssl::asn1::Asn1Object::from_str(&t).map_err(|_| unknown())?;
    Ok(obj_tuple(vm, &obj))
}

fn nid2obj(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "nid2obj", a, k)?;
    let n = crate::converters::c_int(vm, &n)?;
    if n < 0 {
        return Err(vm.value_error("NID must be positive."));
    }
    if n == 0 {
        return Err(vm.value_error("Unknown object"));
    }
    let nid = openssl::nid::Nid::from_raw(n);
    let unknown = || vm.value_error(format!("unknown NID {n}"));
    let ln = nid.long_name().map_err(|_| unknown())?;
    let sn = nid.short_name().map_err(|_| unknown())?;
    let obj = openssl::asn1::Asn1Object::from_str(sn)
        .or_else(|_| openssl::asn1::Asn1Object::from_str(ln))
        .map_err(|_| unknown())?;
    Ok(obj_tuple(vm, &obj))
}

fn c_string(p: *const std::ffi::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: OpenSSL's default-path getters return static NUL-terminated strings.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn get_default_verify_paths(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_default_verify_paths", a, k)?;
    // SAFETY: the four getters take no arguments and return static strings.
    let parts = unsafe {
        [
            openssl_sys::X509_get_default_cert_file_env(),
            openssl_sys::X509_get_default_cert_file(),
            openssl_sys::X509_get_default_cert_dir_env(),
            openssl_sys::X509_get_default_cert_dir(),
        ]
    };
    Ok(vm.new_tuple(parts.iter().map(|p| vm.new_str(&c_string(*p))).collect()))
}

fn test_decode_cert(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [path] = args::exact::<1>(vm, "_test_decode_cert", a, k)?;
    let path = context::fs_path(vm, &path)?;
    let sslerror = |msg: &str| vm.new_exception(&errors::class(vm, "SSLError"), vec![vm.new_str(msg)]);
    let Ok(data) = std::fs::read(&path) else {
        return Err(match vm.call(&errors::class(vm, "SSLError"), &[vm.new_str("Can't open file")], None) {
            Ok(e) => taipan_vm::api::PyErr(e),
            Err(e) => e,
        });
    };
    let Ok(x) = openssl::x509::X509::from_pem(&data) else {
        let _ = sslerror;
        return Err(
            match vm.call(&errors::class(vm, "SSLError"), &[vm.new_str("Error decoding PEM-encoded file")], None) {
                Ok(e) => taipan_vm::api::PyErr(e),
                Err(e) => e,
            },
        );
    };
    cert::decode(vm, &x)
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("RAND_bytes", rand_bytes),
    MethodDef::static_("RAND_pseudo_bytes", rand_pseudo_bytes),
    MethodDef::static_("RAND_status", rand_status),
    MethodDef::static_("RAND_add", rand_add),
    MethodDef::static_("txt2obj", txt2obj),
    MethodDef::static_("nid2obj", nid2obj),
    MethodDef::static_("get_default_verify_paths", get_default_verify_paths),
    MethodDef::static_("_test_decode_cert", test_decode_cert),
];

/// OPENSSL_VERSION_NUMBER split as CPython does: (major, minor, fix,
/// patch, status).
fn version_info(vm: &Vm, n: u64) -> Obj {
    let status = n & 0xf;
    let patch = (n >> 4) & 0xff;
    let fix = (n >> 12) & 0xff;
    let minor = (n >> 20) & 0xff;
    let major = n >> 28;
    vm.new_tuple([major, minor, fix, patch, status].iter().map(|v| vm.new_int(*v as i64)).collect())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    crate::openssl_lazy::ensure_loaded().map_err(|e| vm.import_error(e))?;
    make_types(vm)?;
    let m = module::new_module(vm, "_ssl");
    let d = module::module_dict(&m);
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    set("__doc__", vm.new_str(DOC))?;
    for name in errors::NAMES {
        set(name, errors::class(vm, name))?;
    }
    let ty = |key: &str| crate::support::module_type(vm, key).unwrap_or_else(|| vm.none());
    set("_SSLContext", ty(context::KEY))?;
    set("_SSLSocket", ty(socket::KEY))?;
    set("MemoryBIO", ty(bio::KEY))?;
    set("SSLSession", ty(socket::SESSION_KEY))?;
    set("Certificate", ty(cert::KEY))?;
    for (name, v) in INT_CONSTANTS {
        set(name, vm.new_int(*v))?;
    }
    for (name, v) in BOOL_CONSTANTS {
        set(name, vm.bool_obj(*v))?;
    }
    let number = openssl::version::number() as u64;
    set("OPENSSL_VERSION_NUMBER", vm.new_int(number as i64))?;
    set("OPENSSL_VERSION_INFO", version_info(vm, number))?;
    set("OPENSSL_VERSION", vm.new_str(openssl::version::version()))?;
    set("_OPENSSL_API_VERSION", version_info(vm, number))?;
    set("_DEFAULT_CIPHERS", vm.new_str(context::DEFAULT_CIPHERS))?;
    let (codes_to_names, names_to_codes, libs) = errors::code_tables(vm)?;
    set("err_codes_to_names", codes_to_names)?;
    set("err_names_to_codes", names_to_codes)?;
    set("lib_codes_to_names", libs)?;
    module::add_functions(vm, &m, "_ssl", FUNCTIONS);
    Ok(m)
}

const INT_CONSTANTS: &[(&str, i64)] = &[
    ("ALERT_DESCRIPTION_ACCESS_DENIED", 49),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE", 42),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE_HASH_VALUE", 114),
    ("ALERT_DESCRIPTION_BAD_CERTIFICATE_STATUS_RESPONSE", 113),
    ("ALERT_DESCRIPTION_BAD_RECORD_MAC", 20),
    ("ALERT_DESCRIPTION_CERTIFICATE_EXPIRED", 45),
    ("ALERT_DESCRIPTION_CERTIFICATE_REVOKED", 44),
    ("ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN", 46),
    ("ALERT_DESCRIPTION_CERTIFICATE_UNOBTAINABLE", 111),
    ("ALERT_DESCRIPTION_CLOSE_NOTIFY", 0),
    ("ALERT_DESCRIPTION_DECODE_ERROR", 50),
    ("ALERT_DESCRIPTION_DECOMPRESSION_FAILURE", 30),
    ("ALERT_DESCRIPTION_DECRYPT_ERROR", 51),
    ("ALERT_DESCRIPTION_HANDSHAKE_FAILURE", 40),
    ("ALERT_DESCRIPTION_ILLEGAL_PARAMETER", 47),
    ("ALERT_DESCRIPTION_INSUFFICIENT_SECURITY", 71),
    ("ALERT_DESCRIPTION_INTERNAL_ERROR", 80),
    ("ALERT_DESCRIPTION_NO_RENEGOTIATION", 100),
    ("ALERT_DESCRIPTION_PROTOCOL_VERSION", 70),
    ("ALERT_DESCRIPTION_RECORD_OVERFLOW", 22),
    ("ALERT_DESCRIPTION_UNEXPECTED_MESSAGE", 10),
    ("ALERT_DESCRIPTION_UNKNOWN_CA", 48),
    ("ALERT_DESCRIPTION_UNKNOWN_PSK_IDENTITY", 115),
    ("ALERT_DESCRIPTION_UNRECOGNIZED_NAME", 112),
    ("ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE", 43),
    ("ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION", 110),
    ("ALERT_DESCRIPTION_USER_CANCELLED", 90),
    ("CERT_NONE", 0),
    ("CERT_OPTIONAL", 1),
    ("CERT_REQUIRED", 2),
    ("ENCODING_DER", 2),
    ("ENCODING_PEM", 1),
    ("HOSTFLAG_ALWAYS_CHECK_SUBJECT", 1),
    ("HOSTFLAG_MULTI_LABEL_WILDCARDS", 8),
    ("HOSTFLAG_NEVER_CHECK_SUBJECT", 32),
    ("HOSTFLAG_NO_PARTIAL_WILDCARDS", 4),
    ("HOSTFLAG_NO_WILDCARDS", 2),
    ("HOSTFLAG_SINGLE_LABEL_SUBDOMAINS", 16),
    ("OP_ALL", 2147483728),
    ("OP_CIPHER_SERVER_PREFERENCE", 4194304),
    ("OP_ENABLE_MIDDLEBOX_COMPAT", 1048576),
    ("OP_IGNORE_UNEXPECTED_EOF", 128),
    ("OP_NO_COMPRESSION", 131072),
    ("OP_NO_RENEGOTIATION", 1073741824),
    ("OP_NO_SSLv2", 0),
    ("OP_NO_SSLv3", 33554432),
    ("OP_NO_TICKET", 16384),
    ("OP_NO_TLSv1", 67108864),
    ("OP_NO_TLSv1_1", 268435456),
    ("OP_NO_TLSv1_2", 134217728),
    ("OP_NO_TLSv1_3", 536870912),
    ("OP_SINGLE_DH_USE", 0),
    ("OP_SINGLE_ECDH_USE", 0),
    ("PROTOCOL_SSLv23", 2),
    ("PROTOCOL_TLS", 2),
    ("PROTOCOL_TLS_CLIENT", 16),
    ("PROTOCOL_TLS_SERVER", 17),
    ("PROTOCOL_TLSv1", 3),
    ("PROTOCOL_TLSv1_1", 4),
    ("PROTOCOL_TLSv1_2", 5),
    ("PROTO_MAXIMUM_SUPPORTED", -1),
    ("PROTO_MINIMUM_SUPPORTED", -2),
    ("PROTO_SSLv3", 768),
    ("PROTO_TLSv1", 769),
    ("PROTO_TLSv1_1", 770),
    ("PROTO_TLSv1_2", 771),
    ("PROTO_TLSv1_3", 772),
    ("SSL_ERROR_EOF", 8),
    ("SSL_ERROR_INVALID_ERROR_CODE", 10),
    ("SSL_ERROR_SSL", 1),
    ("SSL_ERROR_SYSCALL", 5),
    ("SSL_ERROR_WANT_CONNECT", 7),
    ("SSL_ERROR_WANT_READ", 2),
    ("SSL_ERROR_WANT_WRITE", 3),
    ("SSL_ERROR_WANT_X509_LOOKUP", 4),
    ("SSL_ERROR_ZERO_RETURN", 6),
    ("VERIFY_ALLOW_PROXY_CERTS", 64),
    ("VERIFY_CRL_CHECK_CHAIN", 12),
    ("VERIFY_CRL_CHECK_LEAF", 4),
    ("VERIFY_DEFAULT", 0),
    ("VERIFY_X509_PARTIAL_CHAIN", 524288),
    ("VERIFY_X509_STRICT", 32),
    ("VERIFY_X509_TRUSTED_FIRST", 32768),
];
const BOOL_CONSTANTS: &[(&str, bool)] = &[
    ("HAS_ALPN", true),
    ("HAS_ECDH", true),
    ("HAS_NPN", false),
    ("HAS_SNI", true),
    ("HAS_SSLv2", false),
    ("HAS_SSLv3", false),
    ("HAS_TLS_UNIQUE", true),
    ("HAS_TLSv1", true),
    ("HAS_TLSv1_1", true),
    ("HAS_TLSv1_2", true),
    ("HAS_TLSv1_3", true),
];
