//! `SSLContext._msg_callback` (CPython's `Modules/_ssl/debughelpers.c`):
//! OpenSSL's message callback, which reports each TLS protocol message
//! (record headers, handshake messages, alerts, ChangeCipherSpec) of a
//! connection to a Python callable as
//! `(conn, direction, version, content_type, msg_type, data)`.
//!
//! OpenSSL calls back synchronously from inside the `SSL_*` call that
//! `_SSLSocket`'s `run` makes, on the thread that holds the GIL: Taipan
//! never releases the GIL around an OpenSSL call (it waits for the socket
//! outside them), so the callback finds its interpreter on the stack of
//! connections in an OpenSSL call (`sni::current`) instead of acquiring
//! the GIL again (CPython's bpo-43577 deadlock cannot happen). An
//! exception raised by the callback is kept on the connection and raised
//! when the operation returns, or chained as the `__context__` of the
//! operation's own error, as CPython does.

use std::ffi::{c_int, c_void};

use foreign_types_shared::ForeignTypeRef;
use openssl_sys::SSL;
use taipan_vm::api::{Obj, PyResult, Vm};

use super::context::Context;
use super::{sni, socket};

/// OpenSSL's content types (ssl3.h) that carry a message type of their own.
const SSL3_RT_CHANGE_CIPHER_SPEC: c_int = 20;
const SSL3_RT_ALERT: c_int = 21;
const SSL3_RT_HANDSHAKE: c_int = 22;
/// Pseudo content types: a record's 5-byte header, and TLS 1.3's inner
/// content type byte.
const SSL3_RT_HEADER: c_int = 0x100;
const SSL3_RT_INNER_CONTENT_TYPE: c_int = 0x101;
const SSL3_MT_CHANGE_CIPHER_SPEC: c_int = 0x0101;

/// The context's `_msg_callback` setter: a callable, or None to remove it.
pub(super) fn set_msg_callback(vm: &Vm, c: &Context, v: Option<&Obj>) -> PyResult<()> {
    c.msg_callback.set(None);
    let callback = v.filter(|v| !vm.is_none(v));
    let Some(cb) = callback else {
        // SAFETY: a setter on the live context.
        unsafe { super::ffi::SSL_CTX_set_msg_callback(c.ctx.as_ptr(), None) };
        return Ok(());
    };
    if !vm.is_callable(cb) {
        // SAFETY: as above.
        unsafe { super::ffi::SSL_CTX_set_msg_callback(c.ctx.as_ptr(), None) };
        return Err(vm.type_error("not a callable object"));
    }
    c.msg_callback.set(Some(cb.clone()));
    // SAFETY: as above; `msg_callback` only reads what OpenSSL passes it.
    unsafe { super::ffi::SSL_CTX_set_msg_callback(c.ctx.as_ptr(), Some(msg_callback)) };
    Ok(())
}

/// The byte at `i` of the message as C's (signed) `char`, as CPython reads
/// it; -1 when the message is shorter.
fn signed_byte(data: &[u8], i: usize) -> c_int {
    data.get(i).map_or(-1, |b| *b as i8 as c_int)
}

/// (version, msg_type) reported for a message (CPython's switch on the
/// content type): a header carries the record's version in bytes 1..2.
fn message_type(version: c_int, content_type: c_int, data: &[u8]) -> (c_int, c_int) {
    match content_type {
        SSL3_RT_CHANGE_CIPHER_SPEC => (version, SSL3_MT_CHANGE_CIPHER_SPEC),
        SSL3_RT_ALERT => (version, signed_byte(data, 1)),
        SSL3_RT_HANDSHAKE | SSL3_RT_INNER_CONTENT_TYPE => (version, signed_byte(data, 0)),
        SSL3_RT_HEADER if data.len() >= 3 => ((signed_byte(data, 1) << 8) | signed_byte(data, 2), signed_byte(data, 0)),
        _ => (version, -1),
    }
}

/// Registered on a context with a `_msg_callback`.
unsafe extern "C" fn msg_callback(
    write_p: c_int,
    version: c_int,
    content_type: c_int,
    buf: *const c_void,
    len: usize,
    ssl: *mut SSL,
    _arg: *mut c_void,
) {
    let Some((vm, sock)) = sni::current() else { return };
    // SAFETY: `sni::enter` pushed the pointer from a live `&Vm` of this
    // thread and pops it before that borrow ends; OpenSSL calls back
    // synchronously, on the same thread.
    let vm = unsafe { &*vm };
    if socket::ssl_of(&sock) != Some(ssl) {
        return;
    }
    let data = if buf.is_null() || len == 0 {
        &[][..]
    } else {
        // SAFETY: OpenSSL passes `len` readable bytes at `buf` for the
        // duration of the call.
        unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), len) }
    };
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        call_python(vm, &sock, write_p != 0, version, content_type, data)
    }));
}

fn call_python(vm: &Vm, sock: &Obj, write: bool, version: c_int, content_type: c_int, data: &[u8]) {
    let Some((target, ctx_obj)) = socket::msg_callback_target(sock) else { return };
    let Some(cb) = ctx_obj.payload::<Context>().and_then(|c| c.msg_callback.get()) else { return };
    let (version, msg_type) = message_type(version, content_type, data);
    let args = [
        target,
        vm.new_str(if write { "write" } else { "read" }),
        vm.new_int(version as i64),
        vm.new_int(content_type as i64),
        vm.new_int(msg_type as i64),
        vm.new_bytes(data.to_vec()),
    ];
    if let Err(e) = vm.call(&cb, &args, None) {
        socket::keep_callback_error(sock, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_types_follow_the_content_type() {
        assert_eq!(message_type(0x303, SSL3_RT_CHANGE_CIPHER_SPEC, &[1]), (0x303, 0x0101));
        assert_eq!(message_type(0x303, SSL3_RT_ALERT, &[2, 40]), (0x303, 40));
        assert_eq!(message_type(0x303, SSL3_RT_HANDSHAKE, &[12, 0, 0]), (0x303, 12));
        assert_eq!(message_type(0, SSL3_RT_HEADER, &[22, 3, 1, 0, 5]), (0x301, 22));
        assert_eq!(message_type(0x304, SSL3_RT_HANDSHAKE, &[254]), (0x304, -2));
        assert_eq!(message_type(0x304, 23, &[]), (0x304, -1));
        assert_eq!(message_type(0x304, SSL3_RT_ALERT, &[2]), (0x304, -1));
    }
}
