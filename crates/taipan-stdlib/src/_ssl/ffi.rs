//! OpenSSL 3 functions `openssl-sys` does not declare (all in libssl and
//! libcrypto, which it links).

use std::ffi::{c_int, c_ulong};

use openssl_sys::{stack_st_SSL_CIPHER, SSL, SSL_CIPHER, SSL_CTX, SSL_SESSION, X509};

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
}
