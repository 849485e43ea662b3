//! The SSLError family (CPython's `PySSL_SetError` and `fill_and_set_sslerror`
//! in `Modules/_ssl.c`): the exception classes, and the exception of a
//! failed OpenSSL call with CPython's message, "[LIB: REASON] reason string
//! (_ssl.c:LINE)", its `library`/`reason` attributes and, for a failed
//! certificate verification, `verify_code`/`verify_message`.

use openssl::error::ErrorStack;
use openssl::ssl::ErrorCode;
use taipan_vm::api::types::{flags, TypeObject};
use taipan_vm::api::{dict, Obj, PyErr, PyResult, Vm};

use super::data::{LIBS, REASONS};

/// `SSL_ERROR_*` as `_ssl` numbers them (its own numbering past 7).
pub(super) const PY_SSL_ERROR_SSL: i64 = 1;
pub(super) const PY_SSL_ERROR_WANT_READ: i64 = 2;
pub(super) const PY_SSL_ERROR_WANT_WRITE: i64 = 3;
pub(super) const PY_SSL_ERROR_SYSCALL: i64 = 5;
pub(super) const PY_SSL_ERROR_ZERO_RETURN: i64 = 6;
pub(super) const PY_SSL_ERROR_EOF: i64 = 8;

/// The line of CPython 3.11.7's `_ssl.c` that raises, per operation (part of
/// every message, so programs comparing messages see the same text).
#[derive(Clone, Copy)]
pub(super) enum Site {
    Handshake = 1006,
    Write = 2427,
    Read = 2580,
    Shutdown = 2706,
    CertChain = 3905,
    PrivateKey = 3926,
    LoadVerify = 4154,
    DhParams = 4202,
    SetCiphers = 2686,
    Cadata = 4020,
}

/// The classes, defined in Python so that `__str__` is CPython's
/// (`strerror` when it is a str) and the MRO of SSLCertVerificationError
/// is (SSLError, ValueError).
const CLASSES: &str = r#"
class SSLError(OSError):
    """An error occurred in the SSL implementation."""
    def __str__(self):
        if isinstance(self.strerror, str):
            return self.strerror
        return str(self.args)

class SSLCertVerificationError(SSLError, ValueError):
    """A certificate could not be verified."""

class SSLZeroReturnError(SSLError):
    """SSL/TLS session closed cleanly."""

class SSLWantReadError(SSLError):
    """Non-blocking SSL socket needs to read more data
before the requested operation can be completed."""

class SSLWantWriteError(SSLError):
    """Non-blocking SSL socket needs to write more data
before the requested operation can be completed."""

class SSLSyscallError(SSLError):
    """System error when attempting SSL operation."""

class SSLEOFError(SSLError):
    """SSL/TLS connection terminated abruptly."""

for _c in (SSLError, SSLCertVerificationError, SSLZeroReturnError, SSLWantReadError,
           SSLWantWriteError, SSLSyscallError, SSLEOFError):
    _c.__module__ = 'ssl'
del _c
"#;

pub(super) const NAMES: &[&str] = &[
    "SSLError",
    "SSLCertVerificationError",
    "SSLZeroReturnError",
    "SSLWantReadError",
    "SSLWantWriteError",
    "SSLSyscallError",
    "SSLEOFError",
];

const KEY_PREFIX: &str = "_ssl.";

fn key(name: &str) -> &'static str {
    match name {
        "SSLError" => "_ssl.SSLError",
        "SSLCertVerificationError" => "_ssl.SSLCertVerificationError",
        "SSLZeroReturnError" => "_ssl.SSLZeroReturnError",
        "SSLWantReadError" => "_ssl.SSLWantReadError",
        "SSLWantWriteError" => "_ssl.SSLWantWriteError",
        "SSLSyscallError" => "_ssl.SSLSyscallError",
        _ => "_ssl.SSLEOFError",
    }
}

/// Make the classes once per interpreter.
pub(super) fn make_classes(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key("_ssl.SSLError") {
        return Ok(());
    }
    let globals = vm.new_dict();
    if let Some(b) = vm.builtins.borrow().clone() {
        dict::set_item_str(vm, &globals, "__builtins__", b)?;
    }
    dict::set_item_str(vm, &globals, "__name__", vm.new_str("ssl"))?;
    taipan_vm::api::run::run_string(vm, CLASSES, taipan_vm::api::run::Mode::Exec, Some(&globals))?;
    for name in NAMES {
        let cls = dict::get_item_str(vm, &globals, name)
            .ok_or_else(|| vm.system_error(format!("{KEY_PREFIX}{name} was not defined")))?;
        if *name == "SSLError" {
            // CPython's SSLError is an immutable type (its subclasses are not).
            if let Some(t) = cls.payload::<TypeObject>() {
                t.flags.set(t.flags.get() | flags::IMMUTABLETYPE);
            }
        }
        vm.lazy_types.borrow_mut().insert(key(name), cls);
    }
    Ok(())
}

pub(super) fn class(vm: &Vm, name: &str) -> Obj {
    vm.lazy_types.borrow().get(key(name)).cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone())
}

/// An instance of `cls(*args)` as a raised error.
pub(super) fn raise_args(vm: &Vm, cls: &str, args: Vec<Obj>) -> PyErr {
    match vm.call(&class(vm, cls), &args, None) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// An instance of `cls(code, msg)` as a raised error.
pub(super) fn raise(vm: &Vm, cls: &str, code: i64, msg: &str) -> PyErr {
    match vm.call(&class(vm, cls), &[vm.new_int(code), vm.new_str(msg)], None) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

fn lib_name(code: i32) -> Option<&'static str> {
    LIBS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn reason_name(lib: i32, reason: i32) -> Option<&'static str> {
    REASONS.iter().find(|(_, _, l, r)| *l == lib && *r == reason).map(|(_, n, _, _)| *n)
}

/// SSL_R_CERTIFICATE_VERIFY_FAILED and SSL_R_UNEXPECTED_EOF_WHILE_READING.
const SSL_LIB: i32 = 20;
const CERTIFICATE_VERIFY_FAILED: i32 = 134;
const UNEXPECTED_EOF_WHILE_READING: i32 = 294;

/// What went wrong in a verification, for SSLCertVerificationError.
pub(super) struct VerifyInfo {
    pub code: i64,
    pub message: String,
    pub hostname: Option<String>,
}

/// The exception of the last error on OpenSSL's error queue (CPython's
/// `fill_and_set_sslerror`), of class `cls` unless the reason picks one.
pub(super) fn from_stack(
    vm: &Vm,
    cls: &str,
    code: i64,
    stack: Option<&ErrorStack>,
    default_msg: Option<&str>,
    site: Site,
    verify: Option<&VerifyInfo>,
) -> PyErr {
    let first = stack.and_then(|s| s.errors().last());
    let (lib, reason) = first.map_or((0, 0), |e| (e.library_code(), e.reason_code()));
    let lib_s = first.and_then(|_| lib_name(lib));
    let reason_s = first.and_then(|_| reason_name(lib, reason));
    let mut cls = cls;
    let mut code = code;
    let mut text = default_msg.map(str::to_string).or_else(|| first.and_then(|e| e.reason()).map(str::to_string));
    if lib == SSL_LIB && reason == UNEXPECTED_EOF_WHILE_READING {
        cls = "SSLEOFError";
        code = PY_SSL_ERROR_EOF;
        text = Some("EOF occurred in violation of protocol".to_string());
    }
    let mut verify_attrs = None;
    if lib == SSL_LIB && reason == CERTIFICATE_VERIFY_FAILED {
        if let Some(v) = verify {
            cls = "SSLCertVerificationError";
            let detail = match (&v.hostname, v.code) {
                (Some(h), 62) => format!("Hostname mismatch, certificate is not valid for '{h}'."),
                (Some(h), 64) => format!("IP address mismatch, certificate is not valid for '{h}'."),
                _ => v.message.clone(),
            };
            text = Some(format!("{}: {detail}", text.unwrap_or_default()));
            verify_attrs = Some((v.code, detail));
        }
    }
    let text = text.unwrap_or_else(|| "unknown error".to_string());
    let line = site as u32;
    let msg = match (lib_s, reason_s) {
        (Some(l), Some(r)) => format!("[{l}: {r}] {text} (_ssl.c:{line})"),
        (Some(l), None) => format!("[{l}] {text} (_ssl.c:{line})"),
        _ => format!("{text} (_ssl.c:{line})"),
    };
    let err = raise(vm, cls, code, &msg);
    let e = err.value();
    let set = |name: &str, v: Obj| vm.setattr_str(e, name, &v);
    let lib_obj = lib_s.map_or_else(|| vm.none(), |s| vm.new_str(s));
    let reason_obj = reason_s.map_or_else(|| vm.none(), |s| vm.new_str(s));
    let r = set("library", lib_obj).and_then(|_| set("reason", reason_obj)).and_then(|_| match &verify_attrs {
        Some((c, m)) => set("verify_code", vm.new_int(*c)).and_then(|_| set("verify_message", vm.new_str(m))),
        None => Ok(()),
    });
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The SSLError of a failed context call (`_setSSLError`): its errno is
/// the reason code of OpenSSL's error.
pub(super) fn ssl_error(vm: &Vm, stack: &ErrorStack, site: Site) -> PyErr {
    let code = stack.errors().last().map_or(0, |e| e.reason_code() as i64);
    from_stack(vm, "SSLError", code, Some(stack), None, site, None)
}

/// The exception of a failed SSL_do_handshake/read/write/shutdown
/// (`PySSL_SetError`).
pub(super) fn from_ssl_error(
    vm: &Vm,
    e: &openssl::ssl::Error,
    eof_without_error: bool,
    site: Site,
    verify: Option<&VerifyInfo>,
) -> PyErr {
    let code = e.code();
    if code == ErrorCode::WANT_READ {
        return from_stack(
            vm,
            "SSLWantReadError",
            PY_SSL_ERROR_WANT_READ,
            None,
            Some("The operation did not complete (read)"),
            site,
            None,
        );
    }
    if code == ErrorCode::WANT_WRITE {
        return from_stack(
            vm,
            "SSLWantWriteError",
            PY_SSL_ERROR_WANT_WRITE,
            None,
            Some("The operation did not complete (write)"),
            site,
            None,
        );
    }
    if code == ErrorCode::ZERO_RETURN {
        return from_stack(
            vm,
            "SSLZeroReturnError",
            PY_SSL_ERROR_ZERO_RETURN,
            None,
            Some("TLS/SSL connection has been closed (EOF)"),
            site,
            None,
        );
    }
    if code == ErrorCode::SYSCALL {
        if let Some(stack) = e.ssl_error().filter(|s| !s.errors().is_empty()) {
            return from_stack(vm, "SSLSyscallError", PY_SSL_ERROR_SYSCALL, Some(stack), None, site, None);
        }
        if eof_without_error {
            return unexpected_eof(vm, site);
        }
        // CPython reads and writes with SSL_read_ex/SSL_write_ex, which
        // return 0 on failure, and PySSL_SetError takes a SYSCALL failure
        // with a return of 0 for an EOF: a reset connection is SSLEOFError
        // there (which `suppress_ragged_eofs` turns into b''), and an OSError
        // only in a handshake or shutdown.
        let read_or_write = matches!(site, Site::Read | Site::Write);
        if let Some(io) = e.io_error().filter(|_| !read_or_write) {
            if io.raw_os_error().is_some_and(|c| c != 0) {
                return taipan_vm::api::exceptions::os_error_from_io(vm, io, None);
            }
        }
        return from_stack(
            vm,
            "SSLEOFError",
            PY_SSL_ERROR_EOF,
            None,
            Some("EOF occurred in violation of protocol"),
            site,
            None,
        );
    }
    from_stack(vm, "SSLError", PY_SSL_ERROR_SSL, e.ssl_error(), None, site, verify)
}

/// The end of the input in the middle of a record or handshake, as
/// OpenSSL 3 reports it through its own BIOs (SSL_R_UNEXPECTED_EOF_WHILE_READING).
fn unexpected_eof(vm: &Vm, site: Site) -> PyErr {
    let msg =
        format!("[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:{})", site as u32);
    let err = raise(vm, "SSLEOFError", PY_SSL_ERROR_EOF, &msg);
    let e = err.value();
    let r = vm
        .setattr_str(e, "library", &vm.new_str("SSL"))
        .and_then(|_| vm.setattr_str(e, "reason", &vm.new_str("UNEXPECTED_EOF_WHILE_READING")));
    match r {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// `err_codes_to_names`, `err_names_to_codes` and `lib_codes_to_names`.
pub(super) fn code_tables(vm: &Vm) -> PyResult<(Obj, Obj, Obj)> {
    let codes_to_names = vm.new_dict();
    let names_to_codes = vm.new_dict();
    for (lib, name, lc, rc) in REASONS {
        let codes = vm.new_tuple(vec![vm.new_int(*lc as i64), vm.new_int(*rc as i64)]);
        dict::set_item(vm, &codes_to_names, codes.clone(), vm.new_str(name))?;
        let _ = lib;
        dict::set_item(vm, &names_to_codes, vm.new_str(name), codes)?;
    }
    let libs = vm.new_dict();
    for (code, name) in LIBS {
        dict::set_item(vm, &libs, vm.new_int(*code as i64), vm.new_str(name))?;
    }
    Ok((codes_to_names, names_to_codes, libs))
}
