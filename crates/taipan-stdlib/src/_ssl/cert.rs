//! X.509 certificates as Python dicts (CPython's `_decode_certificate`):
//! the shape `getpeercert()`, `get_ca_certs()` and `_test_decode_cert()`
//! return: subject and issuer as tuples of RDNs of (name, value) pairs,
//! version, serialNumber, notBefore/notAfter as OpenSSL prints them, and
//! subjectAltName, OCSP, caIssuers, crlDistributionPoints when present.

use foreign_types_shared::{ForeignType, ForeignTypeRef};
use openssl::asn1::Asn1ObjectRef;
use openssl::x509::{GeneralNameRef, X509NameRef, X509Ref};
use taipan_vm::api::{dict, Obj, PyResult, Vm};

/// The text of an ASN.1 string, NUL bytes kept (a certificate may hide a
/// NUL in a name; the dict must show it).
fn asn1_text(s: &openssl::asn1::Asn1StringRef) -> String {
    s.to_string().unwrap_or_else(|_| String::from_utf8_lossy(s.as_slice()).into_owned())
}

fn object_name(o: &Asn1ObjectRef) -> String {
    o.to_string()
}

/// A name as a tuple of RDNs, each a tuple of (attribute, value) pairs.
pub(super) fn name_tuple(vm: &Vm, name: &X509NameRef) -> Obj {
    let rdns: Vec<Obj> = name
        .entries()
        .map(|e| {
            let pair = vm.new_tuple(vec![vm.new_str(&object_name(e.object())), vm.new_str(&asn1_text(e.data()))]);
            vm.new_tuple(vec![pair])
        })
        .collect();
    vm.new_tuple(rdns)
}

/// `GENERAL_NAME.type` of a name the crate has no accessor for.
const GEN_OTHERNAME: i32 = 0;
const GEN_RID: i32 = 8;

fn general_name_type(g: &GeneralNameRef) -> i32 {
    // SAFETY: a GeneralNameRef points to a live GENERAL_NAME; its first
    // field is the `type` int.
    unsafe { (*g.as_ptr()).type_ }
}

fn format_ip(ip: &[u8]) -> String {
    match ip.len() {
        4 => format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3]),
        16 => ip.chunks(2).map(|c| format!("{:X}", (c[0] as u16) << 8 | c[1] as u16)).collect::<Vec<_>>().join(":"),
        _ => "<invalid>".to_string(),
    }
}

fn general_name(vm: &Vm, g: &GeneralNameRef) -> Obj {
    let pair = |k: &str, v: Obj| vm.new_tuple(vec![vm.new_str(k), v]);
    if let Some(s) = g.dnsname() {
        return pair("DNS", vm.new_str(s));
    }
    if let Some(s) = g.email() {
        return pair("email", vm.new_str(s));
    }
    if let Some(s) = g.uri() {
        return pair("URI", vm.new_str(s));
    }
    if let Some(ip) = g.ipaddress() {
        return pair("IP Address", vm.new_str(&format_ip(ip)));
    }
    if let Some(n) = g.directory_name() {
        return pair("DirName", name_tuple(vm, n));
    }
    match general_name_type(g) {
        GEN_RID => {
            // SAFETY: for GEN_RID the union holds an ASN1_OBJECT pointer,
            // owned by the GENERAL_NAME, which outlives this borrow.
            let oid = unsafe { Asn1ObjectRef::from_ptr((*g.as_ptr()).d as *mut openssl_sys::ASN1_OBJECT) };
            pair("Registered ID", vm.new_str(&object_name(oid)))
        }
        GEN_OTHERNAME => pair("othername", vm.new_str("<unsupported>")),
        _ => pair("othername", vm.new_str("<unsupported>")),
    }
}

fn strings_tuple(vm: &Vm, items: Vec<String>) -> Obj {
    vm.new_tuple(items.iter().map(|s| vm.new_str(s)).collect())
}

/// The serial number as `i2a_ASN1_INTEGER` prints it: upper-case hex, two
/// digits a byte.
fn serial_hex(cert: &X509Ref) -> String {
    let Ok(bn) = cert.serial_number().to_bn() else {
        return String::new();
    };
    let bytes = bn.to_vec();
    if bytes.is_empty() {
        return "00".to_string();
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    if bn.is_negative() {
        format!("-{hex}")
    } else {
        hex
    }
}

/// The dict of a certificate.
pub(super) fn decode(vm: &Vm, cert: &X509Ref) -> PyResult<Obj> {
    let d = vm.new_dict();
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    set("subject", name_tuple(vm, cert.subject_name()))?;
    set("issuer", name_tuple(vm, cert.issuer_name()))?;
    set("version", vm.new_int(cert.version() as i64 + 1))?;
    set("serialNumber", vm.new_str(&serial_hex(cert)))?;
    set("notBefore", vm.new_str(&cert.not_before().to_string()))?;
    set("notAfter", vm.new_str(&cert.not_after().to_string()))?;
    if let Some(names) = cert.subject_alt_names() {
        let items: Vec<Obj> = names.iter().map(|g| general_name(vm, g)).collect();
        set("subjectAltName", vm.new_tuple(items))?;
    }
    if let Some(aia) = cert.authority_info() {
        let mut ocsp = Vec::new();
        let mut issuers = Vec::new();
        for ad in aia.iter() {
            let Some(uri) = ad.location().uri() else { continue };
            match ad.method().nid() {
                openssl::nid::Nid::AD_OCSP => ocsp.push(uri.to_string()),
                openssl::nid::Nid::AD_CA_ISSUERS => issuers.push(uri.to_string()),
                _ => {}
            }
        }
        if !ocsp.is_empty() {
            set("OCSP", strings_tuple(vm, ocsp))?;
        }
        if !issuers.is_empty() {
            set("caIssuers", strings_tuple(vm, issuers))?;
        }
    }
    if let Some(points) = cert.crl_distribution_points() {
        let mut uris = Vec::new();
        for p in points.iter() {
            let Some(full) = p.distpoint().and_then(|d| d.fullname()) else { continue };
            uris.extend(full.iter().filter_map(|g| g.uri().map(str::to_string)));
        }
        if !uris.is_empty() {
            set("crlDistributionPoints", strings_tuple(vm, uris))?;
        }
    }
    Ok(d)
}

// ---- _ssl.Certificate ---------------------------------------------------------------------------

pub(super) const KEY: &str = "_ssl.Certificate";

const ENCODING_PEM: i64 = 1;
const ENCODING_DER: i64 = 2;
/// CPython's PY_SSL_ENCODING_PEM_AUX (PEM with the trust settings).
const ENCODING_PEM_AUX: i64 = 0x101;

/// ASN1_STRFLGS_RFC2253 | XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV |
/// XN_FLAG_DUMP_UNKNOWN_FIELDS: OpenSSL's XN_FLAG_RFC2253.
const XN_FLAG_RFC2253: std::ffi::c_ulong = 0x317 | 0x1_0000 | 0x10_0000 | 0x100_0000;

/// One X.509 certificate of a chain (CPython's `PySSLCertificate`).
pub(super) struct Certificate {
    pub x509: openssl::x509::X509,
}

impl taipan_vm::api::PyPayload for Certificate {}

pub(super) fn new_certificate(vm: &Vm, x509: openssl::x509::X509) -> PyResult<Obj> {
    crate::support::alloc_exact(vm, KEY, Certificate { x509 })
}

/// The certificates of a stack, as a list (`_PySSL_CertificateFromX509Stack`).
pub(super) fn certificate_list(vm: &Vm, stack: &openssl::stack::StackRef<openssl::x509::X509>) -> PyResult<Vec<Obj>> {
    stack.iter().map(|x| new_certificate(vm, x.to_owned())).collect()
}

fn certificate<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Certificate> {
    taipan_vm::api::types::payload_or_err::<Certificate>(vm, o, KEY)
}

/// What OpenSSL wrote into a memory BIO, which is then freed.
fn drain_mem_bio(bio: *mut openssl_sys::BIO) -> Vec<u8> {
    let mut p: *mut std::ffi::c_char = std::ptr::null_mut();
    // SAFETY: `bio` is a live memory BIO; BIO_get_mem_data points `p` at
    // its `n` bytes, copied out before the BIO is freed.
    unsafe {
        let n = openssl_sys::BIO_get_mem_data(bio, &mut p);
        let out = if p.is_null() || n <= 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(p as *const u8, n as usize).to_vec()
        };
        openssl_sys::BIO_free_all(bio);
        out
    }
}

/// The subject as `X509_NAME_print_ex` writes it with XN_FLAG_RFC2253.
fn subject_rfc2253(cert: &X509Ref) -> Option<String> {
    // SAFETY: a fresh memory BIO, written by OpenSSL and drained (freed) below.
    let bio = unsafe { openssl_sys::BIO_new(openssl_sys::BIO_s_mem()) };
    if bio.is_null() {
        return None;
    }
    // SAFETY: the subject name belongs to the live certificate.
    let r = unsafe { super::ffi::X509_NAME_print_ex(bio, cert.subject_name().as_ptr(), 0, XN_FLAG_RFC2253) };
    let out = drain_mem_bio(bio);
    (r >= 0).then(|| String::from_utf8_lossy(&out).into_owned())
}

pub(super) fn certificate_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let c = certificate(vm, o)?;
    let subject = subject_rfc2253(&c.x509)
        .ok_or_else(|| super::errors::raise_args(vm, "SSLError", vec![vm.new_str("X509_NAME_print_ex failed")]))?;
    Ok(vm.new_str(&format!("<{} '{}'>", o.class().name(), subject)))
}

pub(super) fn certificate_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let c = certificate(vm, o)?;
    // SAFETY: X509_subject_name_hash only reads the certificate (its
    // non-const signature caches the encoding).
    let h = unsafe { openssl_sys::X509_subject_name_hash(c.x509.as_ptr()) } as i64;
    Ok(if h == -1 { -2 } else { h })
}

/// Certificates are equal when `X509_cmp` says so; other comparisons are
/// NotImplemented.
pub(super) fn certificate_eq(a: &Obj, b: &Obj) -> Option<bool> {
    let (x, y) = (a.payload::<Certificate>()?, b.payload::<Certificate>()?);
    // SAFETY: both certificates are live; X509_cmp only reads them.
    Some(unsafe { openssl_sys::X509_cmp(x.x509.as_ptr(), y.x509.as_ptr()) } == 0)
}

fn public_bytes(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "public_bytes", a, k, &["format"], 0)?;
    let format = match &p[0] {
        Some(f) => crate::converters::c_int(vm, f)? as i64,
        None => ENCODING_PEM,
    };
    let c = certificate(vm, o)?;
    let fail = |e: openssl::error::ErrorStack| super::errors::ssl_error(vm, &e, super::errors::Site::Handshake);
    match format {
        ENCODING_PEM => {
            let pem = c.x509.to_pem().map_err(fail)?;
            Ok(vm.new_str(&String::from_utf8_lossy(&pem)))
        }
        ENCODING_PEM_AUX => {
            // SAFETY: a fresh memory BIO, drained (freed) below; the
            // certificate is live.
            let bio = unsafe { openssl_sys::BIO_new(openssl_sys::BIO_s_mem()) };
            if bio.is_null() {
                return Err(super::errors::raise_args(vm, "SSLError", vec![vm.new_str("failed to allocate BIO")]));
            }
            // SAFETY: as above.
            let r = unsafe { super::ffi::PEM_write_bio_X509_AUX(bio, c.x509.as_ptr()) };
            let out = drain_mem_bio(bio);
            if r != 1 {
                return Err(fail(openssl::error::ErrorStack::get()));
            }
            Ok(vm.new_str(&String::from_utf8_lossy(&out)))
        }
        ENCODING_DER => Ok(vm.new_bytes(c.x509.to_der().map_err(fail)?)),
        _ => Err(vm.value_error("Unsupported format")),
    }
}

fn get_info(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "get_info", a, k)?;
    decode(vm, &certificate(vm, o)?.x509)
}

pub(super) const CERTIFICATE_METHODS: &[taipan_vm::api::types::MethodDef] = &[
    taipan_vm::api::types::MethodDef::method("public_bytes", public_bytes),
    taipan_vm::api::types::MethodDef::method("get_info", get_info),
];
