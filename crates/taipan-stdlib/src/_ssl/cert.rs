//! X.509 certificates as Python dicts (CPython's `_decode_certificate`):
//! the shape `getpeercert()`, `get_ca_certs()` and `_test_decode_cert()`
//! return: subject and issuer as tuples of RDNs of (name, value) pairs,
//! version, serialNumber, notBefore/notAfter as OpenSSL prints them, and
//! subjectAltName, OCSP, caIssuers, crlDistributionPoints when present.

use foreign_types_shared::ForeignTypeRef;
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
