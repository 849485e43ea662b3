//! `_SSLContext` (CPython's `PySSLContext`): an `SSL_CTX` with CPython's
//! defaults (TLS 1.2 at least, `_DEFAULT_CIPHERS`, OP_ALL | OP_NO_SSLv3 |
//! OP_NO_COMPRESSION | OP_CIPHER_SERVER_PREFERENCE, trusted-first
//! verification, no partial wildcards), its settings as properties, and
//! the loading of certificates, keys and trust anchors.
//!
//! A context stays mutable after sockets were made from it, as in
//! CPython: `builder` gives a mutable view of the shared `SSL_CTX`.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use foreign_types_shared::{ForeignType, ForeignTypeRef};
use openssl::pkey::PKey;
use openssl::ssl::{SslContext, SslContextBuilder, SslMethod, SslMode, SslOptions, SslVerifyMode, SslVersion};
use openssl::stack::StackRef;
use openssl::x509::verify::{X509CheckFlags, X509VerifyFlags};
use openssl::x509::X509;
use taipan_vm::api::types::{payload_or_err, GetSetDef, MethodDef};
use taipan_vm::api::{args, buffer, bytes, dict, str as pystr, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::errors::{self, Site};
use super::{cert, socket};

pub(super) const KEY: &str = "_ssl._SSLContext";

pub(super) const DEFAULT_CIPHERS: &str =
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM";

pub(super) const PROTOCOL_TLS: i64 = 2;
pub(super) const PROTOCOL_TLSV1: i64 = 3;
pub(super) const PROTOCOL_TLSV1_1: i64 = 4;
pub(super) const PROTOCOL_TLSV1_2: i64 = 5;
pub(super) const PROTOCOL_TLS_CLIENT: i64 = 16;
pub(super) const PROTOCOL_TLS_SERVER: i64 = 17;

const CERT_NONE: i64 = 0;
const CERT_OPTIONAL: i64 = 1;
const CERT_REQUIRED: i64 = 2;

const PROTO_MINIMUM_SUPPORTED: i64 = -2;
const PROTO_MAXIMUM_SUPPORTED: i64 = -1;

/// OP_ALL (without DONT_INSERT_EMPTY_FRAGMENTS) | OP_NO_SSLv3 |
/// OP_NO_COMPRESSION | OP_CIPHER_SERVER_PREFERENCE.
const DEFAULT_OPTIONS: u64 = 0x8000_0050 | 0x0200_0000 | 0x0002_0000 | 0x0040_0000;

pub(super) struct Context {
    pub ctx: SslContext,
    pub protocol: i64,
    pub check_hostname: Cell<bool>,
    pub post_handshake_auth: Cell<bool>,
    pub host_flags: Cell<u32>,
    keylog_filename: ObjCell,
    pub sni_callback: ObjCell,
    pub msg_callback: ObjCell,
    /// The ALPN protocols in wire format, which a server picks from.
    alpn: RefCell<Vec<u8>>,
}

impl PyPayload for Context {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.keylog_filename, &self.sni_callback, &self.msg_callback], visit);
    }
    fn clear(&self) {
        crate::support::clear_cells(&[&self.keylog_filename, &self.sni_callback, &self.msg_callback]);
    }
}

pub(super) fn context<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Context> {
    payload_or_err::<Context>(vm, o, KEY)
}

/// Run `f` on a mutable view of the shared context.
fn builder<R>(ctx: &SslContext, f: impl FnOnce(&mut SslContextBuilder) -> R) -> R {
    // SAFETY: the extra reference taken here is the one the builder owns
    // and releases when dropped, so the payload's own reference stays
    // valid; no Python code runs inside `f`.
    let mut b = unsafe {
        openssl_sys::SSL_CTX_up_ref(ctx.as_ptr());
        SslContextBuilder::from_ptr(ctx.as_ptr())
    };
    f(&mut b)
}

fn method_of(vm: &Vm, protocol: i64) -> PyResult<(SslMethod, Option<SslVersion>)> {
    Ok(match protocol {
        PROTOCOL_TLS => (SslMethod::tls(), None),
        PROTOCOL_TLS_CLIENT => (SslMethod::tls_client(), None),
        PROTOCOL_TLS_SERVER => (SslMethod::tls_server(), None),
        PROTOCOL_TLSV1 => (SslMethod::tls(), Some(SslVersion::TLS1)),
        PROTOCOL_TLSV1_1 => (SslMethod::tls(), Some(SslVersion::TLS1_1)),
        PROTOCOL_TLSV1_2 => (SslMethod::tls(), Some(SslVersion::TLS1_2)),
        _ => return Err(vm.value_error(format!("invalid or unsupported protocol version {protocol}"))),
    })
}

pub(super) fn context_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "_SSLContext", a, k, &["protocol"], 1)?;
    let protocol = vm.to_i64(p[0].as_ref().ok_or_else(|| vm.type_error("_SSLContext() missing protocol"))?)?;
    let (method, only) = method_of(vm, protocol)?;
    let deprecated_name = match protocol {
        PROTOCOL_TLSV1 => Some("PROTOCOL_TLSv1"),
        PROTOCOL_TLSV1_1 => Some("PROTOCOL_TLSv1_1"),
        PROTOCOL_TLSV1_2 => Some("PROTOCOL_TLSv1_2"),
        PROTOCOL_TLS => Some("PROTOCOL_TLS"),
        _ => None,
    };
    if let Some(name) = deprecated_name {
        deprecated(vm, &format!("ssl.{name} is deprecated"))?;
    }
    let mut b = SslContextBuilder::new(method).map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
    let client = protocol == PROTOCOL_TLS_CLIENT;
    b.set_verify(if client { SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT } else { SslVerifyMode::NONE });
    b.set_options(SslOptions::from_bits_retain(DEFAULT_OPTIONS as _));
    b.set_cipher_list(DEFAULT_CIPHERS).map_err(|e| errors::ssl_error(vm, &e, Site::SetCiphers))?;
    let min = only.or(Some(SslVersion::TLS1_2));
    let _ = b.set_min_proto_version(min);
    if only.is_some() {
        let _ = b.set_max_proto_version(only);
    }
    b.set_mode(SslMode::ACCEPT_MOVING_WRITE_BUFFER | SslMode::AUTO_RETRY);
    let _ = b.set_session_id_context(b"Python");
    let _ = b.verify_param_mut().set_flags(X509VerifyFlags::TRUSTED_FIRST);
    b.verify_param_mut().set_hostflags(X509CheckFlags::NO_PARTIAL_WILDCARDS);
    let c = Context {
        ctx: b.build(),
        protocol,
        check_hostname: Cell::new(client),
        post_handshake_auth: Cell::new(false),
        host_flags: Cell::new(X509CheckFlags::NO_PARTIAL_WILDCARDS.bits()),
        keylog_filename: ObjCell::new(None),
        sni_callback: ObjCell::new(None),
        msg_callback: ObjCell::new(None),
        alpn: RefCell::new(Vec::new()),
    };
    crate::support::alloc(vm, cls, KEY, c)
}

// ---- properties ---------------------------------------------------------------------------------

fn verify_mode_of(ctx: &SslContext) -> i64 {
    let m = ctx.verify_mode();
    if !m.contains(SslVerifyMode::PEER) {
        CERT_NONE
    } else if m.contains(SslVerifyMode::FAIL_IF_NO_PEER_CERT) {
        CERT_REQUIRED
    } else {
        CERT_OPTIONAL
    }
}

fn set_verify_mode(ctx: &SslContext, mode: i64) {
    let m = match mode {
        CERT_NONE => SslVerifyMode::NONE,
        CERT_OPTIONAL => SslVerifyMode::PEER,
        _ => SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT,
    };
    builder(ctx, |b| b.set_verify(m));
}

fn get_verify_mode(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.new_int(verify_mode_of(&context(vm, o)?.ctx)))
}

fn put_verify_mode(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?;
    let mode = vm.to_i64(v)?;
    if !(CERT_NONE..=CERT_REQUIRED).contains(&mode) {
        return Err(vm.value_error("invalid value for verify_mode"));
    }
    if mode == CERT_NONE && c.check_hostname.get() {
        return Err(vm.value_error("Cannot set verify_mode to CERT_NONE when check_hostname is enabled."));
    }
    set_verify_mode(&c.ctx, mode);
    Ok(())
}

fn put_check_hostname(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = vm.is_true(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)?;
    if v && verify_mode_of(&c.ctx) == CERT_NONE {
        set_verify_mode(&c.ctx, CERT_REQUIRED);
    }
    c.check_hostname.set(v);
    Ok(())
}

fn options_of(ctx: &SslContext) -> u64 {
    builder(ctx, |b| b.options().bits())
}

fn put_options(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?;
    let new = vm.to_bigint(v)?;
    let new = u64::try_from(&new).map_err(|_| vm.overflow_error("Python int too large to convert to C long"))?;
    let old = options_of(&c.ctx);
    // OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_TLSv1 | OP_NO_TLSv1_1 | OP_NO_TLSv1_2 | OP_NO_TLSv1_3
    const OP_NO_VERSIONS: u64 = 0x0200_0000 | 0x0400_0000 | 0x1000_0000 | 0x0800_0000 | 0x2000_0000;
    if new & !old & OP_NO_VERSIONS != 0 {
        deprecated(vm, "ssl.OP_NO_SSL*/ssl.OP_NO_TLS* options are deprecated")?;
    }
    builder(&c.ctx, |b| {
        b.clear_options(SslOptions::from_bits_retain((old & !new) as _));
        b.set_options(SslOptions::from_bits_retain((new & !old) as _));
    });
    Ok(())
}

fn version_number(v: Option<SslVersion>, none: i64) -> i64 {
    match v {
        None => none,
        Some(v) if v == SslVersion::SSL3 => 0x300,
        Some(v) if v == SslVersion::TLS1 => 0x301,
        Some(v) if v == SslVersion::TLS1_1 => 0x302,
        Some(v) if v == SslVersion::TLS1_2 => 0x303,
        Some(v) if v == SslVersion::TLS1_3 => 0x304,
        Some(_) => none,
    }
}

fn version_of_number(vm: &Vm, n: i64, is_min: bool) -> PyResult<Option<SslVersion>> {
    Ok(match n {
        PROTO_MINIMUM_SUPPORTED if is_min => None,
        PROTO_MAXIMUM_SUPPORTED if !is_min => None,
        PROTO_MINIMUM_SUPPORTED => Some(SslVersion::TLS1),
        PROTO_MAXIMUM_SUPPORTED => Some(SslVersion::TLS1_3),
        0x300 => Some(SslVersion::SSL3),
        0x301 => Some(SslVersion::TLS1),
        0x302 => Some(SslVersion::TLS1_1),
        0x303 => Some(SslVersion::TLS1_2),
        0x304 => Some(SslVersion::TLS1_3),
        _ => return Err(vm.value_error(format!("Unsupported TLS/SSL version 0x{n:x}"))),
    })
}

fn put_version(vm: &Vm, o: &Obj, v: Option<&Obj>, is_min: bool) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = vm.to_i64(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)?;
    if !matches!(c.protocol, PROTOCOL_TLS | PROTOCOL_TLS_CLIENT | PROTOCOL_TLS_SERVER) {
        return Err(
            vm.value_error("The context's protocol doesn't support modification of highest and lowest version.")
        );
    }
    let version = version_of_number(vm, v, is_min)?;
    match v {
        0x300 => deprecated(vm, "ssl.TLSVersion.SSLv3 is deprecated")?,
        0x301 => deprecated(vm, "ssl.TLSVersion.TLSv1 is deprecated")?,
        0x302 => deprecated(vm, "ssl.TLSVersion.TLSv1_1 is deprecated")?,
        _ => {}
    }
    let r =
        builder(&c.ctx, |b| if is_min { b.set_min_proto_version(version) } else { b.set_max_proto_version(version) });
    r.map_err(|_| vm.value_error(format!("Unsupported protocol version 0x{v:x}")))
}

fn verify_flags_of(ctx: &SslContext) -> u64 {
    builder(ctx, |b| b.verify_param_mut().flags().bits())
}

fn put_verify_flags(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let new = vm.to_i64(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)? as u64;
    let old = verify_flags_of(&c.ctx);
    builder(&c.ctx, |b| {
        let p = b.verify_param_mut();
        let _ = p.clear_flags(X509VerifyFlags::from_bits_retain((old & !new) as _));
        let _ = p.set_flags(X509VerifyFlags::from_bits_retain((new & !old) as _));
    });
    Ok(())
}

fn put_host_flags(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = vm.to_i64(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)? as u32;
    builder(&c.ctx, |b| b.verify_param_mut().set_hostflags(X509CheckFlags::from_bits_retain(v as _)));
    c.host_flags.set(v);
    Ok(())
}

fn put_keylog(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = v.cloned().unwrap_or_else(|| vm.none());
    if vm.is_none(&v) {
        builder(&c.ctx, |b| b.set_keylog_callback(|_, _| {}));
        c.keylog_filename.set(None);
        return Ok(());
    }
    let path = fs_path(vm, &v)?;
    let header = "# TLS secrets log file, generated by OpenSSL / Python\n";
    let r = std::fs::OpenOptions::new().append(true).create(true).open(&path).and_then(|mut f| {
        use std::io::Write;
        f.write_all(header.as_bytes())
    });
    if let Err(e) = r {
        return Err(taipan_vm::api::exceptions::os_error_from_io(vm, &e, Some(&v)));
    }
    builder(&c.ctx, |b| {
        b.set_keylog_callback(move |_, line| {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(&path) {
                let _ = writeln!(f, "{line}");
            }
        })
    });
    c.keylog_filename.set(Some(v));
    Ok(())
}

fn put_sni_callback(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    if c.protocol == PROTOCOL_TLS_CLIENT {
        return Err(vm.value_error("sni_callback cannot be set on TLS_CLIENT context"));
    }
    let cb = match v.filter(|v| !vm.is_none(v)) {
        None => None,
        Some(f) if !vm.is_callable(f) => return Err(vm.type_error("not a callable object")),
        Some(f) => Some(f.clone()),
    };
    let trampoline: Option<super::ffi::ServernameCallback> =
        if cb.is_some() { Some(super::sni::servername_callback) } else { None };
    // SAFETY: registers (or removes) a plain function on the live
    // context; it finds its state through `sni`, not through an argument.
    unsafe { openssl_sys::SSL_CTX_set_tlsext_servername_callback__fixed_rust(c.ctx.as_ptr(), trampoline) };
    c.sni_callback.set(cb);
    Ok(())
}

/// CPython's `_ssl_deprecated`: a DeprecationWarning attributed to the
/// caller of the ssl.py code that called in here.
fn deprecated(vm: &Vm, msg: &str) -> PyResult<()> {
    taipan_vm::api::warnings::warn(vm, &vm.ctx.exceptions.deprecation_warning, msg, 2)
}

fn put_pha(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let v = vm.is_true(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)?;
    c.post_handshake_auth.set(v);
    Ok(())
}

fn put_num_tickets(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let c = context(vm, o)?;
    let n = vm.to_i64(v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?)?;
    if n < 0 {
        return Err(vm.value_error("value must be non-negative"));
    }
    if c.protocol != PROTOCOL_TLS_SERVER {
        return Err(vm.value_error("SSLContext is not a server context."));
    }
    builder(&c.ctx, |b| b.set_num_tickets(n as usize)).map_err(|_| vm.value_error("failed to set num tickets."))
}

pub(super) const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("protocol", |vm, o| Ok(vm.new_int(context(vm, o)?.protocol)), None),
    GetSetDef::new("verify_mode", get_verify_mode, Some(put_verify_mode)),
    GetSetDef::new(
        "check_hostname",
        |vm, o| Ok(vm.bool_obj(context(vm, o)?.check_hostname.get())),
        Some(put_check_hostname),
    ),
    GetSetDef::new("options", |vm, o| Ok(vm.new_bigint(options_of(&context(vm, o)?.ctx).into())), Some(put_options)),
    GetSetDef::new(
        "minimum_version",
        |vm, o| {
            let v = builder(&context(vm, o)?.ctx, |b| b.min_proto_version());
            Ok(vm.new_int(version_number(v, PROTO_MINIMUM_SUPPORTED)))
        },
        Some(|vm, o, v| put_version(vm, o, v, true)),
    ),
    GetSetDef::new(
        "maximum_version",
        |vm, o| {
            let v = builder(&context(vm, o)?.ctx, |b| b.max_proto_version());
            Ok(vm.new_int(version_number(v, PROTO_MAXIMUM_SUPPORTED)))
        },
        Some(|vm, o, v| put_version(vm, o, v, false)),
    ),
    GetSetDef::new(
        "verify_flags",
        |vm, o| Ok(vm.new_bigint(verify_flags_of(&context(vm, o)?.ctx).into())),
        Some(put_verify_flags),
    ),
    GetSetDef::new(
        "_host_flags",
        |vm, o| Ok(vm.new_int(context(vm, o)?.host_flags.get() as i64)),
        Some(put_host_flags),
    ),
    GetSetDef::new("security_level", |vm, o| Ok(vm.new_int(context(vm, o)?.ctx.security_level() as i64)), None),
    GetSetDef::new(
        "post_handshake_auth",
        |vm, o| Ok(vm.bool_obj(context(vm, o)?.post_handshake_auth.get())),
        Some(put_pha),
    ),
    GetSetDef::new(
        "keylog_filename",
        |vm, o| Ok(context(vm, o)?.keylog_filename.get().unwrap_or_else(|| vm.none())),
        Some(put_keylog),
    ),
    GetSetDef::new(
        "sni_callback",
        |vm, o| Ok(context(vm, o)?.sni_callback.get().unwrap_or_else(|| vm.none())),
        Some(put_sni_callback),
    ),
    GetSetDef::new(
        "_msg_callback",
        |vm, o| Ok(context(vm, o)?.msg_callback.get().unwrap_or_else(|| vm.none())),
        Some(|vm, o, v| super::debughelpers::set_msg_callback(vm, context(vm, o)?, v)),
    ),
    GetSetDef::new("num_tickets", |vm, o| Ok(vm.new_usize(context(vm, o)?.ctx.num_tickets())), Some(put_num_tickets)),
];

// ---- loading certificates -----------------------------------------------------------------------

/// A filesystem path argument (str, bytes or os.PathLike), as
/// `PyUnicode_FSConverter`.
pub(super) fn fs_path(vm: &Vm, o: &Obj) -> PyResult<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let os = taipan_vm::api::import::import_module(vm, "os")?;
    let fsencode = vm.getattr_str(&os, "fsencode")?;
    let b = vm.call1(&fsencode, o.clone())?;
    let raw = bytes::as_bytes(&b).ok_or_else(|| vm.type_error("path should be str, bytes or os.PathLike"))?;
    if raw.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(&raw)))
}

fn check_readable(vm: &Vm, path: &PathBuf) -> PyResult<()> {
    match std::fs::File::open(path) {
        Ok(_) => Ok(()),
        Err(e) => Err(taipan_vm::api::exceptions::os_error_from_io(vm, &e, None)),
    }
}

/// The password argument of `load_cert_chain`: bytes, or a callable's
/// result.
fn password_bytes(vm: &Vm, p: &Obj) -> PyResult<Vec<u8>> {
    let p = if vm.is_callable(p) { vm.call0(p)? } else { p.clone() };
    if let Some(s) = pystr::as_str(&p) {
        return Ok(s.as_bytes().to_vec());
    }
    if buffer::is_bytes_like(&p) {
        return buffer::with_bytes(vm, &p, |b| b.to_vec());
    }
    Err(vm.type_error("password callback must return a string"))
}

fn load_cert_chain(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let c = context(vm, o)?;
    let p = args::parse(vm, "load_cert_chain", a, k, &["certfile", "keyfile", "password"], 1)?;
    let certfile = fs_path(vm, p[0].as_ref().ok_or_else(|| vm.type_error("certfile is required"))?)?;
    let keyfile = match p[1].as_ref().filter(|k| !vm.is_none(k)) {
        Some(k) => fs_path(vm, k)?,
        None => certfile.clone(),
    };
    let password = match p[2].as_ref().filter(|k| !vm.is_none(k)) {
        Some(pw) if !vm.is_callable(pw) && pystr::as_str(pw).is_none() && !buffer::is_bytes_like(pw) => {
            return Err(vm.type_error("password should be a string or callable"))
        }
        Some(pw) => Some(pw.clone()),
        None => None,
    };
    check_readable(vm, &certfile)?;
    check_readable(vm, &keyfile)?;
    builder(&c.ctx, |b| b.set_certificate_chain_file(&certfile))
        .map_err(|e| errors::ssl_error(vm, &e, Site::CertChain))?;
    let site = Site::PrivateKey;
    let key = std::fs::read(&keyfile).map_err(|e| taipan_vm::api::exceptions::os_error_from_io(vm, &e, None))?;
    let mut too_long = None;
    let mut callback_error = None;
    let pkey = match &password {
        // As CPython, a password callable is called only when OpenSSL
        // asks for the password (an encrypted key).
        Some(pw) => PKey::private_key_from_pem_callback(&key, |buf| {
            let pw = match password_bytes(vm, pw) {
                Ok(pw) => pw,
                Err(e) => {
                    callback_error = Some(e);
                    return Ok(0);
                }
            };
            // OpenSSL's password buffer is PEM_BUFSIZE bytes; CPython
            // refuses a longer password rather than truncating it.
            if pw.len() > buf.len() {
                too_long = Some(buf.len());
                return Ok(0);
            }
            buf[..pw.len()].copy_from_slice(&pw);
            Ok(pw.len())
        }),
        // No password: an encrypted key fails here rather than prompting
        // on the terminal as OpenSSL's default callback would.
        None => PKey::private_key_from_pem_callback(&key, |_| Ok(0)),
    };
    if let Some(e) = callback_error {
        return Err(e);
    }
    if let Some(n) = too_long {
        return Err(vm.value_error(format!("password cannot be longer than {n} bytes")));
    }
    let Ok(pkey) = pkey else {
        return Err(pem_lib_error(vm));
    };
    builder(&c.ctx, |b| b.set_private_key(&pkey)).map_err(|e| errors::ssl_error(vm, &e, site))?;
    check_key(vm, c)
}

/// A key that does not load (unreadable PEM, wrong password): OpenSSL's
/// last error is then SSL's ERR_R_PEM_LIB, "[SSL] PEM lib".
fn pem_lib_error(vm: &Vm) -> taipan_vm::api::PyErr {
    const ERR_R_PEM_LIB: i64 = 0x80009;
    let msg = format!("[SSL] PEM lib (_ssl.c:{})", Site::PrivateKey as u32);
    let err = errors::raise(vm, "SSLError", ERR_R_PEM_LIB, &msg);
    let e = err.value();
    match vm.setattr_str(e, "library", &vm.new_str("SSL")).and_then(|_| vm.setattr_str(e, "reason", &vm.none())) {
        Ok(()) => err,
        Err(e) => e,
    }
}

fn check_key(vm: &Vm, c: &Context) -> PyResult<Obj> {
    builder(&c.ctx, |b| b.check_private_key()).map_err(|e| errors::ssl_error(vm, &e, Site::PrivateKey))?;
    Ok(vm.none())
}

/// Split concatenated DER certificates by their outer SEQUENCE lengths.
fn split_der(data: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if rest.len() < 2 || rest[0] != 0x30 {
            return None;
        }
        let (len, hdr) = match rest[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81..=0x84 => {
                let nb = (rest[1] & 0x7f) as usize;
                if rest.len() < 2 + nb {
                    return None;
                }
                (rest[2..2 + nb].iter().fold(0usize, |a, &b| a << 8 | b as usize), 2 + nb)
            }
            _ => return None,
        };
        let end = hdr.checked_add(len)?;
        if end > rest.len() {
            return None;
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    Some(out)
}

fn add_certs(vm: &Vm, c: &Context, certs: Vec<X509>) {
    let _ = vm;
    builder(&c.ctx, |b| {
        for x in certs {
            // A certificate already in the store is not an error (CPython
            // clears X509_R_CERT_ALREADY_IN_HASH_TABLE).
            let _ = b.cert_store_mut().add_cert(x);
        }
    });
}

/// The error of cadata without a certificate (errno 0, library and
/// reason None, as CPython's `_add_ca_certs` sets it).
fn cadata_error(vm: &Vm, what: &str) -> taipan_vm::api::PyErr {
    let msg = format!("{what}: cadata does not contain a certificate (_ssl.c:{})", Site::Cadata as u32);
    let err = errors::raise(vm, "SSLError", 0, &msg);
    let e = err.value();
    let none = vm.none();
    match vm.setattr_str(e, "library", &none).and_then(|_| vm.setattr_str(e, "reason", &none)) {
        Ok(()) => err,
        Err(e) => e,
    }
}

fn load_cadata(vm: &Vm, c: &Context, cadata: &Obj) -> PyResult<()> {
    let certs = if let Some(s) = pystr::as_str(cadata) {
        if !s.is_ascii() {
            return Err(vm.type_error("cadata should be an ASCII string or a bytes-like object"));
        }
        let certs = X509::stack_from_pem(s.as_bytes()).unwrap_or_default();
        if certs.is_empty() {
            return Err(cadata_error(vm, "no start line"));
        }
        certs
    } else if buffer::is_bytes_like(cadata) {
        let data = buffer::with_bytes(vm, cadata, |b| b.to_vec())?;
        let parts = split_der(&data).unwrap_or_default();
        let certs: Vec<X509> = parts.iter().filter_map(|p| X509::from_der(p).ok()).collect();
        if certs.is_empty() || certs.len() != parts.len() {
            return Err(cadata_error(vm, "not enough data"));
        }
        certs
    } else {
        return Err(vm.type_error("cadata should be an ASCII string or a bytes-like object"));
    };
    add_certs(vm, c, certs);
    Ok(())
}

fn load_verify_locations(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let c = context(vm, o)?;
    let p = args::parse(vm, "load_verify_locations", a, k, &["cafile", "capath", "cadata"], 0)?;
    let given = |i: usize| p[i].as_ref().filter(|v| !vm.is_none(v)).cloned();
    let (cafile, capath, cadata) = (given(0), given(1), given(2));
    if cafile.is_none() && capath.is_none() && cadata.is_none() {
        return Err(vm.type_error("cafile, capath and cadata cannot be all omitted"));
    }
    let cafile = cafile.map(|f| fs_path(vm, &f)).transpose()?;
    let capath = capath.map(|f| fs_path(vm, &f)).transpose()?;
    if let Some(d) = &cadata {
        load_cadata(vm, c, d)?;
    }
    if let Some(f) = &cafile {
        check_readable(vm, f)?;
    }
    if let Some(d) = &capath {
        if let Err(e) = std::fs::read_dir(d) {
            return Err(taipan_vm::api::exceptions::os_error_from_io(vm, &e, None));
        }
    }
    if cafile.is_some() || capath.is_some() {
        builder(&c.ctx, |b| b.load_verify_locations(cafile.as_deref(), capath.as_deref()))
            .map_err(|e| errors::ssl_error(vm, &e, Site::LoadVerify))?;
    }
    Ok(vm.none())
}

fn set_default_verify_paths(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "set_default_verify_paths", a, k)?;
    let c = context(vm, o)?;
    builder(&c.ctx, |b| b.set_default_verify_paths()).map_err(|e| errors::ssl_error(vm, &e, Site::LoadVerify))?;
    Ok(vm.none())
}

fn set_ciphers(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = args::exact::<1>(vm, "set_ciphers", a, k)?;
    let Some(s) = pystr::as_str(&s).map(str::to_string) else {
        return Err(vm.type_error(format!("set_ciphers() argument must be str, not {}", s.class().name())));
    };
    let c = context(vm, o)?;
    if builder(&c.ctx, |b| b.set_cipher_list(&s)).is_err() {
        return Err(errors::raise_args(vm, "SSLError", vec![vm.new_str("No cipher can be selected.")]));
    }
    Ok(vm.none())
}

fn cipher_stack(ctx: &SslContext) -> Option<&StackRef<openssl::ssl::SslCipher>> {
    // SAFETY: SSL_CTX_get_ciphers returns the context's own list (or
    // NULL); it lives as long as the context, which outlives the borrow.
    unsafe {
        let p = super::ffi::SSL_CTX_get_ciphers(ctx.as_ptr());
        (!p.is_null()).then(|| StackRef::from_ptr(p))
    }
}

fn nid_long_name(nid: i32) -> Option<&'static str> {
    (nid != 0).then(|| openssl::nid::Nid::from_raw(nid).long_name().ok()).flatten()
}

/// The dict `get_ciphers()` lists for one cipher (`cipher_to_dict`).
pub(super) fn cipher_dict(vm: &Vm, c: &openssl::ssl::SslCipherRef) -> PyResult<Obj> {
    let d = vm.new_dict();
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    let pid = c.protocol_id();
    let opt = |s: Option<&str>| s.map_or_else(|| vm.none(), |s| vm.new_str(s));
    // SAFETY: plain getters on a live SSL_CIPHER.
    let (kx, auth, aead) = unsafe {
        (
            super::ffi::SSL_CIPHER_get_kx_nid(c.as_ptr()),
            super::ffi::SSL_CIPHER_get_auth_nid(c.as_ptr()),
            super::ffi::SSL_CIPHER_is_aead(c.as_ptr()) != 0,
        )
    };
    set("id", vm.new_int(0x0300_0000 | (pid[0] as i64) << 8 | pid[1] as i64))?;
    set("name", vm.new_str(c.name()))?;
    set("protocol", vm.new_str(c.version()))?;
    set("description", vm.new_str(c.description().trim_end()))?;
    let bits = c.bits();
    set("strength_bits", vm.new_int(bits.secret as i64))?;
    set("alg_bits", vm.new_int(bits.algorithm as i64))?;
    set("aead", vm.bool_obj(aead))?;
    set("symmetric", opt(c.cipher_nid().and_then(|n| n.long_name().ok())))?;
    set("digest", opt(if aead { None } else { mac_name(c) }))?;
    set("kea", opt(nid_long_name(kx)))?;
    set("auth", opt(nid_long_name(auth)))?;
    Ok(d)
}

fn mac_name(c: &openssl::ssl::SslCipherRef) -> Option<&'static str> {
    // SAFETY: a getter on a live SSL_CIPHER.
    let nid = unsafe { openssl_sys::SSL_CIPHER_get_digest_nid(c.as_ptr()) };
    nid_long_name(nid)
}

fn get_ciphers(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_ciphers", a, k)?;
    let c = context(vm, o)?;
    let mut out = Vec::new();
    if let Some(stack) = cipher_stack(&c.ctx) {
        for cipher in stack.iter() {
            out.push(cipher_dict(vm, cipher)?);
        }
    }
    Ok(vm.new_list(out))
}

fn set_alpn_protocols(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [protos] = args::exact::<1>(vm, "_set_alpn_protocols", a, k)?;
    let wire = buffer::with_bytes(vm, &protos, |b| b.to_vec())?;
    let c = context(vm, o)?;
    *c.alpn.borrow_mut() = wire.clone();
    let server = wire.clone();
    builder(&c.ctx, |b| {
        let _ = b.set_alpn_protos(&wire);
        b.set_alpn_select_callback(move |_, client| select_alpn(&server, client).ok_or(openssl::ssl::AlpnError::NOACK));
    });
    Ok(vm.none())
}

/// The first of the server's protocols the client offers (both lists in
/// wire format), as a slice of the client's list.
fn select_alpn<'a>(server: &[u8], client: &'a [u8]) -> Option<&'a [u8]> {
    let protos = |l: &[u8]| {
        let mut v = Vec::new();
        let mut i = 0;
        while i < l.len() {
            let n = l[i] as usize;
            if i + 1 + n > l.len() {
                break;
            }
            v.push((i + 1, n));
            i += 1 + n;
        }
        v
    };
    let offered = protos(client);
    for (si, sn) in protos(server) {
        let want = &server[si..si + sn];
        if let Some((ci, cn)) = offered.iter().find(|(ci, cn)| &client[*ci..*ci + *cn] == want) {
            return Some(&client[*ci..*ci + *cn]);
        }
    }
    None
}

/// `SSL_CTX_ctrl` counters of the session cache.
fn sess_stat(ctx: &SslContext, cmd: i32) -> i64 {
    // SAFETY: a read-only control command on a live context.
    unsafe { openssl_sys::SSL_CTX_ctrl(ctx.as_ptr(), cmd, 0, std::ptr::null_mut()) as i64 }
}

fn session_stats(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "session_stats", a, k)?;
    let c = context(vm, o)?;
    let d = vm.new_dict();
    let stats: [(&str, i32); 11] = [
        ("number", 20),
        ("connect", 21),
        ("connect_good", 22),
        ("connect_renegotiate", 23),
        ("accept", 24),
        ("accept_good", 25),
        ("accept_renegotiate", 26),
        ("hits", 27),
        ("misses", 29),
        ("timeouts", 30),
        ("cache_full", 31),
    ];
    for (name, cmd) in stats {
        dict::set_item_str(vm, &d, name, vm.new_int(sess_stat(&c.ctx, cmd)))?;
    }
    Ok(d)
}

fn is_ca(x: &openssl::x509::X509Ref) -> bool {
    // SAFETY: X509_check_ca only reads the certificate.
    unsafe { super::ffi::X509_check_ca(x.as_ptr()) != 0 }
}

fn store_certs(c: &Context) -> Vec<X509> {
    c.ctx.cert_store().all_certificates().into_iter().collect()
}

fn cert_store_stats(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "cert_store_stats", a, k)?;
    let c = context(vm, o)?;
    let certs = store_certs(c);
    let x509 = certs.len() as i64;
    let ca = certs.iter().filter(|x| is_ca(x)).count() as i64;
    // CRLs: the crate lists only the store's certificates, and _ssl
    // loads no CRL files of its own (VERIFY_CRL_CHECK_* with CRLs in a
    // capath are looked up at verification time, not counted here).
    let crl = 0;
    let d = vm.new_dict();
    dict::set_item_str(vm, &d, "x509", vm.new_int(x509))?;
    dict::set_item_str(vm, &d, "crl", vm.new_int(crl))?;
    dict::set_item_str(vm, &d, "x509_ca", vm.new_int(ca))?;
    Ok(d)
}

fn get_ca_certs(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "get_ca_certs", a, k, &["binary_form"], 0)?;
    let binary = match &p[0] {
        Some(b) => vm.is_true(b)?,
        None => false,
    };
    let c = context(vm, o)?;
    let mut out = Vec::new();
    for x in store_certs(c).iter().filter(|x| is_ca(x)) {
        if binary {
            let der = x.to_der().map_err(|e| errors::ssl_error(vm, &e, Site::LoadVerify))?;
            out.push(vm.new_bytes(der));
        } else {
            out.push(cert::decode(vm, x)?);
        }
    }
    Ok(vm.new_list(out))
}

fn load_dh_params(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [path] = args::exact::<1>(vm, "load_dh_params", a, k)?;
    // CPython reads the file with `_Py_fopen_obj`, which audits it.
    taipan_vm::api::audit(vm, "open", || vec![path.clone(), vm.new_str("rb"), vm.new_int(0)])?;
    let path = fs_path(vm, &path)?;
    let data = std::fs::read(&path).map_err(|e| taipan_vm::api::exceptions::os_error_from_io(vm, &e, None))?;
    let dh = openssl::dh::Dh::params_from_pem(&data).map_err(|e| errors::ssl_error(vm, &e, Site::DhParams))?;
    let c = context(vm, o)?;
    builder(&c.ctx, |b| b.set_tmp_dh(&dh)).map_err(|e| errors::ssl_error(vm, &e, Site::DhParams))?;
    Ok(vm.none())
}

fn set_ecdh_curve(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [name] = args::exact::<1>(vm, "set_ecdh_curve", a, k)?;
    let s = if let Some(s) = pystr::as_str(&name) {
        s.to_string()
    } else if let Some(b) = bytes::as_bytes(&name) {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        return Err(vm.type_error("set_ecdh_curve() argument must be str or bytes"));
    };
    let c = context(vm, o)?;
    if builder(&c.ctx, |b| b.set_groups_list(&s)).is_err() || s.is_empty() {
        return Err(vm.value_error(format!("unknown elliptic curve name {}", vm.repr_string(&name)?)));
    }
    Ok(vm.none())
}

pub(super) const METHODS: &[MethodDef] = &[
    MethodDef::method("_wrap_socket", socket::wrap_socket),
    MethodDef::method("_wrap_bio", socket::wrap_bio),
    MethodDef::method("load_cert_chain", load_cert_chain),
    MethodDef::method("load_verify_locations", load_verify_locations),
    MethodDef::method("set_default_verify_paths", set_default_verify_paths),
    MethodDef::method("set_ciphers", set_ciphers),
    MethodDef::method("get_ciphers", get_ciphers),
    MethodDef::method("_set_alpn_protocols", set_alpn_protocols),
    MethodDef::method("session_stats", session_stats),
    MethodDef::method("cert_store_stats", cert_store_stats),
    MethodDef::method("get_ca_certs", get_ca_certs),
    MethodDef::method("load_dh_params", load_dh_params),
    MethodDef::method("set_ecdh_curve", set_ecdh_curve),
];
