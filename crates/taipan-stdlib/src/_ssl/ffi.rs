//! OpenSSL 3 functions `openssl-sys` does not declare (all in libssl and
//! libcrypto, which it links).

use std::ffi::{c_int, c_ulong, c_void};

use openssl_sys::{stack_st_SSL_CIPHER, BIO, SSL, SSL_CIPHER, SSL_CTX, SSL_SESSION, X509, X509_NAME};

extern "C" {
    pub fn SSL_CTX_get_ciphers(ctx: *const SSL_CTX) -> *mut stack_st_SSL_CIPHER;
    pub fn SSL_get_ciphers(ssl: *const SSL) -> *mut stack_st_SSL_CIPHER;
    pub fn SSL_get_client_ciphers(ssl: *const SSL) -> *mut stack_st_SSL_CIPHER;
    pub fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int;
    pub fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int;
    pub fn X509_check_ca(x: *mut X509) -> c_int;
    pub fn SSL_set_post_handshake_auth(ssl: *mut SSL, val: c_int);
    pub fn SSL_verify_client_post_handshake(ssl: *mut SSL) -> c_int;
    pub fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> c_ulong;
    pub fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int;
    pub fn X509_NAME_print_ex(out: *mut BIO, nm: *const X509_NAME, indent: c_int, flags: c_ulong) -> c_int;
    pub fn PEM_write_bio_X509_AUX(bp: *mut BIO, x: *mut X509) -> c_int;
    pub fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: Option<MsgCallback>);
}

/// The signature of a message (protocol trace) callback.
pub type MsgCallback = unsafe extern "C" fn(
    write_p: c_int,
    version: c_int,
    content_type: c_int,
    buf: *const c_void,
    len: usize,
    ssl: *mut SSL,
    arg: *mut c_void,
);

/// The signature of an SNI (servername) callback.
pub type ServernameCallback = unsafe extern "C" fn(ssl: *mut SSL, al: *mut c_int, arg: *mut c_void) -> c_int;
