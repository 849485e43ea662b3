//! The SNI (servername) callback (CPython's `_servername_callback`).
//! OpenSSL calls it from inside a handshake, which `_SSLSocket`'s `run`
//! drives with the interpreter at hand: a thread-local stack of the
//! connections in an OpenSSL call gives the callback its interpreter and
//! connection.

use std::cell::RefCell;
use std::ffi::{c_int, c_void, CStr};

use openssl_sys::SSL;
use taipan_vm::api::{Obj, Vm};

use super::{context, socket};

const SSL_TLSEXT_ERR_OK: c_int = 0;
const SSL_TLSEXT_ERR_ALERT_FATAL: c_int = 2;
const TLSEXT_NAMETYPE_HOST_NAME: c_int = 0;
const SSL_AD_HANDSHAKE_FAILURE: c_int = 40;
const SSL_AD_INTERNAL_ERROR: c_int = 80;

thread_local! {
    static ACTIVE: RefCell<Vec<(*const Vm, Obj)>> = const { RefCell::new(Vec::new()) };
}

/// Marks a connection as inside an OpenSSL call until dropped.
pub(super) struct Active;

impl Drop for Active {
    fn drop(&mut self) {
        ACTIVE.with(|a| a.borrow_mut().pop());
    }
}

pub(super) fn enter(vm: &Vm, sock: &Obj) -> Active {
    ACTIVE.with(|a| a.borrow_mut().push((vm as *const Vm, sock.clone())));
    Active
}

pub(super) fn current() -> Option<(*const Vm, Obj)> {
    ACTIVE.with(|a| a.borrow().last().cloned())
}

/// Registered on a context with a `sni_callback`; OpenSSL calls it for
/// each ClientHello the context's connections receive.
pub(super) unsafe extern "C" fn servername_callback(ssl: *mut SSL, al: *mut c_int, _arg: *mut c_void) -> c_int {
    let Some((vm, sock)) = current() else { return SSL_TLSEXT_ERR_OK };
    // SAFETY: `enter` pushed the pointer from a live `&Vm` of this thread
    // and pops it before that borrow ends; OpenSSL calls back
    // synchronously, on the same thread.
    let vm = unsafe { &*vm };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_callback(vm, ssl, &sock)));
    let (alert, ret) = outcome.unwrap_or((Some(SSL_AD_INTERNAL_ERROR), SSL_TLSEXT_ERR_ALERT_FATAL));
    if let Some(a) = alert {
        if !al.is_null() {
            // SAFETY: OpenSSL passes a writable alert code.
            unsafe { *al = a };
        }
    }
    ret
}

fn fatal(alert: c_int) -> (Option<c_int>, c_int) {
    (Some(alert), SSL_TLSEXT_ERR_ALERT_FATAL)
}

/// The requested server name as a str (an A-label, ASCII), None without
/// SNI; Err with the bytes when it is not ASCII.
fn server_name(vm: &Vm, ssl: *mut SSL) -> Result<Obj, taipan_vm::api::PyErr> {
    // SAFETY: `ssl` is the SSL OpenSSL is calling back for; the name it
    // returns lives as long as the session, past this call.
    let p = unsafe { openssl_sys::SSL_get_servername(ssl, TLSEXT_NAMETYPE_HOST_NAME) };
    if p.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: a NUL-terminated string owned by the SSL.
    let raw = unsafe { CStr::from_ptr(p) }.to_bytes();
    match std::str::from_utf8(raw) {
        Ok(s) if s.is_ascii() => Ok(vm.new_str(s)),
        _ => {
            let b = vm.new_bytes(raw.to_vec());
            match vm.call_method(&b, "decode", &[vm.new_str("ascii")]) {
                Ok(s) => Ok(s),
                Err(e) => {
                    crate::_sqlite3::util::write_unraisable(vm, &e, &b);
                    Err(e)
                }
            }
        }
    }
}

fn run_callback(vm: &Vm, ssl: *mut SSL, sock: &Obj) -> (Option<c_int>, c_int) {
    let Some((target, ctx_obj)) = socket::callback_target(vm, sock) else {
        return fatal(SSL_AD_INTERNAL_ERROR);
    };
    let Ok(c) = context::context(vm, &ctx_obj) else { return fatal(SSL_AD_INTERNAL_ERROR) };
    let Some(cb) = c.sni_callback.get() else { return (None, SSL_TLSEXT_ERR_OK) };
    let Ok(name) = server_name(vm, ssl) else { return fatal(SSL_AD_INTERNAL_ERROR) };
    match vm.call(&cb, &[target, name, ctx_obj], None) {
        Err(e) => {
            crate::_sqlite3::util::write_unraisable(vm, &e, &cb);
            fatal(SSL_AD_HANDSHAKE_FAILURE)
        }
        Ok(r) if vm.is_none(&r) => (None, SSL_TLSEXT_ERR_OK),
        Ok(r) => match crate::converters::c_int(vm, &r) {
            Ok(code) => fatal(code),
            Err(e) => {
                crate::_sqlite3::util::write_unraisable(vm, &e, &r);
                fatal(SSL_AD_INTERNAL_ERROR)
            }
        },
    }
}
