//! `_SSLSocket` (CPython's `PySSLSocket`): one TLS connection over a
//! socket's descriptor or over two MemoryBIOs, and `SSLSession`.
//!
//! Over a socket, the descriptor is read and written directly; a socket
//! with a timeout is non-blocking and each operation that wants to read
//! or write waits with poll until the deadline (TimeoutError "The read
//! operation timed out"), one with timeout 0 raises SSLWantReadError /
//! SSLWantWriteError, as CPython does. The descriptor is always read and
//! written with MSG_DONTWAIT, so a blocking socket waits in poll with the
//! GIL released, never inside OpenSSL with it held.

use std::cell::{Cell, RefCell};
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use foreign_types_shared::{ForeignType, ForeignTypeRef};
use openssl::ssl::{ErrorCode, ShutdownResult, ShutdownState, Ssl, SslSession, SslStream, SslVerifyMode};
use taipan_vm::api::types::{payload_or_err, GetSetDef, MethodDef};
use taipan_vm::api::{args, buffer, str as pystr, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::bio::{self, SharedBuf};
use super::cert;
use super::context::{self, Context};
use super::errors::{self, Site, VerifyInfo};

pub(super) const KEY: &str = "_ssl._SSLSocket";
pub(super) const SESSION_KEY: &str = "_ssl.SSLSession";

/// Where the TLS records go, and whether the last operation met the end
/// of the input (OpenSSL's socket and memory BIOs report that as
/// UNEXPECTED_EOF_WHILE_READING; a Rust stream's BIO cannot, so `_ssl`
/// does).
struct Transport {
    kind: Kind,
    eof_seen: bool,
}

enum Kind {
    /// A socket's descriptor (blocking or not, as the socket is).
    Fd(i32),
    Memory {
        incoming: SharedBuf,
        outgoing: SharedBuf,
    },
}

impl Read for Transport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let r = self.kind.read(buf);
        if matches!(r, Ok(0)) && !buf.is_empty() {
            self.eof_seen = true;
        }
        r
    }
}

impl Kind {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Kind::Fd(fd) => {
                // Never block here, with the GIL held: a blocking socket
                // reports WANT_READ and `run` waits for it without the GIL.
                // SAFETY: `buf` is valid for `buf.len()` bytes.
                let n = unsafe { libc::recv(*fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) };
                if n < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(n as usize)
            }
            Kind::Memory { incoming, .. } => {
                let mut b = incoming.borrow_mut();
                if b.data.is_empty() {
                    return if b.eof_written { Ok(0) } else { Err(io::ErrorKind::WouldBlock.into()) };
                }
                let n = buf.len().min(b.data.len());
                for (dst, src) in buf.iter_mut().zip(b.data.drain(..n)) {
                    *dst = src;
                }
                Ok(n)
            }
        }
    }
}

impl Write for Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.kind {
            Kind::Fd(fd) => {
                // As in `read`: WANT_WRITE instead of blocking with the GIL.
                // SAFETY: `buf` is valid for `buf.len()` bytes.
                let n =
                    unsafe { libc::send(*fd, buf.as_ptr().cast(), buf.len(), libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT) };
                if n < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(n as usize)
            }
            Kind::Memory { outgoing, .. } => {
                outgoing.borrow_mut().data.extend(buf.iter().copied());
                Ok(buf.len())
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub(super) struct SslSocket {
    stream: RefCell<SslStream<Transport>>,
    context: ObjCell,
    /// The Python socket (None over MemoryBIOs).
    sock: ObjCell,
    incoming: ObjCell,
    outgoing: ObjCell,
    owner: ObjCell,
    server_hostname: ObjCell,
    server_side: bool,
    hostname: Option<String>,
    handshake_done: Cell<bool>,
    /// The `SSL` the stream owns (it lives as long as this payload), for
    /// switching its context from inside the SNI callback, while the
    /// stream is borrowed by the handshake.
    ssl_ptr: *mut openssl_sys::SSL,
    /// An unexpected EOF was reported: OpenSSL would now be in its error
    /// state, where later calls fail without reading (plain SSLEOFError).
    eof_reported: Cell<bool>,
    /// The exception the message callback raised during the current
    /// operation (CPython's `exc_type`/`exc_value`/`exc_tb`).
    callback_error: ObjCell,
}

impl PyPayload for SslSocket {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(
            &[
                &self.context,
                &self.sock,
                &self.incoming,
                &self.outgoing,
                &self.owner,
                &self.server_hostname,
                &self.callback_error,
            ],
            visit,
        );
    }
    fn clear(&self) {
        crate::support::clear_cells(&[&self.sock, &self.incoming, &self.outgoing, &self.owner, &self.callback_error]);
    }
}

fn sslsock<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a SslSocket> {
    payload_or_err::<SslSocket>(vm, o, KEY)
}

// ---- creation -----------------------------------------------------------------------------------

struct WrapArgs {
    server_side: bool,
    hostname: Option<Obj>,
    owner: Option<Obj>,
    session: Option<Obj>,
}

fn wrap_args(vm: &Vm, p: &[Option<Obj>]) -> PyResult<WrapArgs> {
    let server_side = match &p[0] {
        Some(s) => vm.is_true(s)?,
        None => return Err(vm.type_error("server_side is required")),
    };
    let keep = |o: &Option<Obj>| o.clone().filter(|o| !vm.is_none(o));
    Ok(WrapArgs { server_side, hostname: keep(&p[1]), owner: keep(&p[2]), session: keep(&p[3]) })
}

/// SNI and the name to verify (CPython's `_ssl_configure_hostname`).
fn configure_hostname(vm: &Vm, ssl: &mut Ssl, c: &Context, name: &str) -> PyResult<()> {
    if name.is_empty() || name.starts_with('.') {
        return Err(vm.value_error("server_hostname cannot be an empty string or start with a leading dot."));
    }
    if name.contains('\0') {
        // CPython parses the name with the "es" format, which refuses NULs so.
        return Err(vm.type_error("argument must be encoded string without null bytes, not str"));
    }
    let ip: Option<std::net::IpAddr> = name.parse().ok();
    if ip.is_none() {
        ssl.set_hostname(name).map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
    }
    if c.check_hostname.get() {
        let param = ssl.param_mut();
        let r = match ip {
            Some(ip) => param.set_ip(ip),
            None => param.set_host(name),
        };
        r.map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
    }
    Ok(())
}

fn new_socket(
    vm: &Vm,
    ctx_obj: &Obj,
    transport: Kind,
    w: WrapArgs,
    sock: Option<Obj>,
    bios: Option<(Obj, Obj)>,
) -> PyResult<Obj> {
    let c = context::context(vm, ctx_obj)?;
    if w.server_side && c.protocol == context::PROTOCOL_TLS_CLIENT {
        return Err(errors::raise_args(
            vm,
            "SSLError",
            vec![vm.new_str("Cannot create a server socket with a PROTOCOL_TLS_CLIENT context")],
        ));
    }
    if !w.server_side && c.protocol == context::PROTOCOL_TLS_SERVER {
        return Err(errors::raise_args(
            vm,
            "SSLError",
            vec![vm.new_str("Cannot create a client socket with a PROTOCOL_TLS_SERVER context")],
        ));
    }
    let mut ssl = Ssl::new(&c.ctx).map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
    let hostname = match &w.hostname {
        Some(h) => {
            let Some(s) = pystr::as_str(h).map(str::to_string) else {
                return Err(vm.type_error("server_hostname must be a str"));
            };
            configure_hostname(vm, &mut ssl, c, &s)?;
            Some(s)
        }
        None => None,
    };
    if w.server_side {
        ssl.set_accept_state();
    } else {
        ssl.set_connect_state();
        if c.post_handshake_auth.get() {
            // SAFETY: a setter on the live SSL object.
            unsafe { super::ffi::SSL_set_post_handshake_auth(ssl.as_ptr(), 1) };
        }
    }
    if w.server_side && c.post_handshake_auth.get() {
        let mode = ssl.verify_mode();
        if mode.contains(SslVerifyMode::PEER) {
            // SSL_VERIFY_POST_HANDSHAKE: ask for the client's certificate later.
            ssl.set_verify(SslVerifyMode::from_bits_retain(mode.bits() | 0x08));
        }
    }
    if let Some(sess) = &w.session {
        let session = check_session(vm, c, w.server_side, sess)?;
        set_session_on(vm, &ssl, session)?;
    }
    let transport = Transport { kind: transport, eof_seen: false };
    let stream = SslStream::new(ssl, transport).map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
    let (incoming, outgoing) = bios.map_or((None, None), |(i, o)| (Some(i), Some(o)));
    let ssl_ptr = stream.ssl().as_ptr();
    let s = SslSocket {
        ssl_ptr,
        stream: RefCell::new(stream),
        context: ObjCell::new(Some(ctx_obj.clone())),
        sock: ObjCell::new(sock),
        incoming: ObjCell::new(incoming),
        outgoing: ObjCell::new(outgoing),
        owner: ObjCell::new(w.owner),
        server_hostname: ObjCell::new(w.hostname),
        server_side: w.server_side,
        hostname,
        handshake_done: Cell::new(false),
        eof_reported: Cell::new(false),
        callback_error: ObjCell::new(None),
    };
    crate::support::alloc_exact(vm, KEY, s)
}

pub(super) fn wrap_socket(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["sock", "server_side", "server_hostname", "owner", "session"];
    let spec = args::ArgSpec { fname: "_wrap_socket", names: &names, posonly: 0, required: 2, kwonly_from: 3 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let sock = p[0].clone().ok_or_else(|| vm.type_error("sock is required"))?;
    let (fd, _) = crate::_socket::fd_and_timeout(vm, &sock)?;
    let w = wrap_args(vm, &p[1..])?;
    new_socket(vm, o, Kind::Fd(fd), w, Some(sock), None)
}

pub(super) fn wrap_bio(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["incoming", "outgoing", "server_side", "server_hostname", "owner", "session"];
    let spec = args::ArgSpec { fname: "_wrap_bio", names: &names, posonly: 0, required: 3, kwonly_from: 4 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let incoming = p[0].clone().ok_or_else(|| vm.type_error("incoming is required"))?;
    let outgoing = p[1].clone().ok_or_else(|| vm.type_error("outgoing is required"))?;
    let transport =
        Kind::Memory { incoming: bio::bio(vm, &incoming)?.buf.clone(), outgoing: bio::bio(vm, &outgoing)?.buf.clone() };
    let w = wrap_args(vm, &p[2..])?;
    new_socket(vm, o, transport, w, None, Some((incoming, outgoing)))
}

// ---- driving an operation -----------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Handshake,
    Read,
    Write,
    Shutdown,
}

impl Op {
    fn site(self) -> Site {
        match self {
            Op::Handshake => Site::Handshake,
            Op::Read => Site::Read,
            Op::Write => Site::Write,
            Op::Shutdown => Site::Shutdown,
        }
    }
}

fn timeout_error(vm: &Vm, msg: &str) -> PyErr {
    let ty =
        vm.ctx.exceptions.by_name.get("TimeoutError").cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone());
    vm.new_exception_msg(&ty, msg)
}

/// The socket's descriptor and timeout now (None over MemoryBIOs).
fn socket_state(vm: &Vm, s: &SslSocket) -> PyResult<Option<(i32, f64)>> {
    let Some(sock) = s.sock.get() else { return Ok(None) };
    let (fd, timeout) = crate::_socket::fd_and_timeout(vm, &sock)?;
    if fd < 0 {
        return Err(vm.value_error("Underlying socket has been closed."));
    }
    Ok(Some((fd, timeout)))
}

impl SslSocket {
    /// The connection, shared; an error (not a panic) when Python code
    /// run from inside an OpenSSL call (the SNI callback) reaches it.
    fn stream(&self, vm: &Vm) -> PyResult<std::cell::Ref<'_, SslStream<Transport>>> {
        self.stream.try_borrow().map_err(|_| busy_error(vm))
    }

    fn verify_info(&self) -> VerifyInfo {
        let r = match self.stream.try_borrow() {
            Ok(st) => st.ssl().verify_result(),
            Err(_) => openssl::x509::X509VerifyResult::OK,
        };
        VerifyInfo { code: r.as_raw() as i64, message: r.error_string().to_string(), hostname: self.hostname.clone() }
    }

    /// Run `f` until it completes, waiting on the socket under a timeout
    /// (CPython's loop around `SSL_do_handshake`/`SSL_read`/... with
    /// `PySSL_select`); then report what the message callback raised.
    fn run<T>(
        &self,
        vm: &Vm,
        me: &Obj,
        op: Op,
        f: impl FnMut(&mut SslStream<Transport>) -> Result<T, openssl::ssl::Error>,
    ) -> PyResult<T> {
        match self.run_until_done(vm, me, op, f) {
            Ok(v) => self.raise_callback_error().map(|()| v),
            Err(e) => Err(self.chain_callback_error(e)),
        }
    }

    fn run_until_done<T>(
        &self,
        vm: &Vm,
        me: &Obj,
        op: Op,
        mut f: impl FnMut(&mut SslStream<Transport>) -> Result<T, openssl::ssl::Error>,
    ) -> PyResult<T> {
        let state = socket_state(vm, self)?;
        let deadline =
            state.filter(|(_, t)| *t > 0.0).map(|(_, t)| Instant::now() + Duration::from_secs_f64(t.min(1e9)));
        loop {
            let mut st = self.stream.try_borrow_mut().map_err(|_| busy_error(vm))?;
            st.get_mut().eof_seen = false;
            let r = {
                let _active = super::sni::enter(vm, me);
                f(&mut st)
            };
            let eof_seen = st.get_ref().eof_seen;
            drop(st);
            let e = match r {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            let code = e.code();
            let want = if code == ErrorCode::WANT_READ {
                Some(false)
            } else if code == ErrorCode::WANT_WRITE {
                Some(true)
            } else {
                None
            };
            if let (Some(writing), Some((fd, timeout))) = (want, state) {
                if timeout != 0.0 {
                    if !crate::_socket::wait_fd(vm, fd, writing, deadline)? {
                        return Err(timeout_error(vm, timeout_message(op, writing)));
                    }
                    continue;
                }
            }
            if code == ErrorCode::SYSCALL && e.io_error().is_some_and(|io| io.kind() == io::ErrorKind::Interrupted) {
                vm.check_signals()?;
                continue;
            }
            let verify = (op == Op::Handshake).then(|| self.verify_info());
            let first_eof = eof_seen && !self.eof_reported.get();
            if first_eof {
                self.eof_reported.set(true);
            }
            return Err(errors::from_ssl_error(vm, &e, first_eof, op.site(), verify.as_ref()));
        }
    }

    /// After an operation that succeeded: the message callback's exception,
    /// if it raised one (CPython's `PySSL_ChainExceptions` with no error set).
    fn raise_callback_error(&self) -> PyResult<()> {
        match self.callback_error.take() {
            Some(e) => Err(PyErr(e)),
            None => Ok(()),
        }
    }

    /// The operation's own error, with the message callback's exception as
    /// its `__context__`.
    fn chain_callback_error(&self, err: PyErr) -> PyErr {
        if let Some(e) = self.callback_error.take() {
            taipan_vm::api::exceptions::set_context(&err.0, Some(e));
        }
        err
    }
}

fn busy_error(vm: &Vm) -> PyErr {
    vm.new_exception_msg(
        &vm.ctx.exceptions.runtime_error,
        "the SSL connection is in use by an OpenSSL call in progress (a callback cannot use it)",
    )
}

fn timeout_message(op: Op, writing: bool) -> &'static str {
    match op {
        Op::Handshake => "_ssl.c:990: The handshake operation timed out",
        _ if writing => "The write operation timed out",
        _ => "The read operation timed out",
    }
}

// ---- methods ------------------------------------------------------------------------------------

fn do_handshake(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "do_handshake", a, k)?;
    let s = sslsock(vm, o)?;
    s.run(vm, o, Op::Handshake, |st| st.do_handshake())?;
    s.handshake_done.set(true);
    Ok(vm.none())
}

fn read(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, "read", k)?;
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(format!("read expected 1 or 2 arguments, got {}", a.len())));
    }
    let s = sslsock(vm, o)?;
    let mut len = crate::support::ssize_arg(vm, &a[0])?;
    let target = a.get(1).cloned();
    if let Some(t) = &target {
        let cap = buffer::with_writable(vm, t, "read", |b| b.len())?;
        if len <= 0 || len as usize > cap {
            len = cap as isize;
        }
    } else if len < 0 {
        return Err(vm.value_error("size should not be negative"));
    }
    let mut buf = vm.try_vec::<u8>(len as usize)?;
    buf.resize(len as usize, 0);
    let n = if len == 0 {
        0
    } else {
        s.run(vm, o, Op::Read, |st| match st.ssl_read(&mut buf) {
            Err(e) if e.code() == ErrorCode::ZERO_RETURN && st.get_shutdown().contains(ShutdownState::RECEIVED) => {
                Ok(0)
            }
            r => r,
        })?
    };
    match target {
        Some(t) => {
            buffer::with_writable(vm, &t, "read", |b| b[..n].copy_from_slice(&buf[..n]))?;
            Ok(vm.new_usize(n))
        }
        None => {
            buf.truncate(n);
            Ok(vm.new_bytes(buf))
        }
    }
}

fn write(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data] = args::exact::<1>(vm, "write", a, k)?;
    if !buffer::is_bytes_like(&data) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", data.class().name())));
    }
    let data = buffer::with_bytes(vm, &data, |b| b.to_vec())?;
    if data.len() > i32::MAX as usize {
        return Err(vm.overflow_error("string longer than 2147483647 bytes"));
    }
    let s = sslsock(vm, o)?;
    let n = s.run(vm, o, Op::Write, |st| st.ssl_write(&data))?;
    Ok(vm.new_usize(n))
}

fn shutdown(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "shutdown", a, k)?;
    let s = sslsock(vm, o)?;
    let mut calls = 0;
    s.run(vm, o, Op::Shutdown, |st| loop {
        calls += 1;
        match st.shutdown()? {
            ShutdownResult::Received => return Ok(()),
            // Sent our close_notify: once more, to read the peer's.
            ShutdownResult::Sent if calls < 2 => continue,
            ShutdownResult::Sent => return Ok(()),
        }
    })?;
    Ok(s.sock.get().unwrap_or_else(|| vm.none()))
}

fn pending(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "pending", a, k)?;
    Ok(vm.new_usize(sslsock(vm, o)?.stream(vm)?.ssl().pending()))
}

fn getpeercert(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "getpeercert", a, k, &["der"], 0)?;
    let der = match &p[0] {
        Some(d) => vm.is_true(d)?,
        None => false,
    };
    let s = sslsock(vm, o)?;
    let (peer, verify_none) = {
        let st = s.stream(vm)?;
        if !st.ssl().is_init_finished() {
            return Err(vm.value_error("handshake not done yet"));
        }
        (st.ssl().peer_certificate(), !st.ssl().verify_mode().contains(SslVerifyMode::PEER))
    };
    let Some(peer) = peer else { return Ok(vm.none()) };
    if der {
        let b = peer.to_der().map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))?;
        return Ok(vm.new_bytes(b));
    }
    if verify_none {
        return Ok(vm.new_dict());
    }
    cert::decode(vm, &peer)
}

fn cipher(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "cipher", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    let Some(c) = st.ssl().current_cipher() else { return Ok(vm.none()) };
    Ok(cipher_tuple(vm, c))
}

fn cipher_tuple(vm: &Vm, c: &openssl::ssl::SslCipherRef) -> Obj {
    vm.new_tuple(vec![vm.new_str(c.name()), vm.new_str(c.version()), vm.new_int(c.bits().secret as i64)])
}

fn shared_ciphers(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "shared_ciphers", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    let ssl = st.ssl();
    // SAFETY: both lists belong to the live SSL object and are only read
    // while it is borrowed.
    let (ours, theirs) =
        unsafe { (super::ffi::SSL_get_ciphers(ssl.as_ptr()), super::ffi::SSL_get_client_ciphers(ssl.as_ptr())) };
    if ours.is_null() || theirs.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: non-null stacks of SSL_CIPHER owned by the SSL object.
    let (ours, theirs) = unsafe {
        (
            openssl::stack::StackRef::<openssl::ssl::SslCipher>::from_ptr(ours),
            openssl::stack::StackRef::<openssl::ssl::SslCipher>::from_ptr(theirs),
        )
    };
    let mut out = Vec::new();
    for c in theirs.iter() {
        if ours.iter().any(|x| x.as_ptr() == c.as_ptr()) {
            out.push(cipher_tuple(vm, c));
        }
    }
    Ok(vm.new_list(out))
}

fn version(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "version", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    if !st.ssl().is_init_finished() {
        return Ok(vm.none());
    }
    Ok(vm.new_str(st.ssl().version_str()))
}

fn selected_alpn_protocol(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "selected_alpn_protocol", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    Ok(match st.ssl().selected_alpn_protocol() {
        Some(p) => vm.new_str(&String::from_utf8_lossy(p)),
        None => vm.none(),
    })
}

fn compression(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "compression", a, k)?;
    sslsock(vm, o)?;
    // OpenSSL 3 is built without TLS compression, and OP_NO_COMPRESSION is set.
    Ok(vm.none())
}

fn get_channel_binding(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "get_channel_binding", a, k, &["cb_type"], 0)?;
    let cb = match &p[0] {
        Some(c) => pystr::as_str(c).map(str::to_string).ok_or_else(|| vm.type_error("cb_type must be str"))?,
        None => "tls-unique".to_string(),
    };
    if cb != "tls-unique" {
        return Err(vm.value_error(format!("'{cb}' channel binding type not implemented")));
    }
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    let ssl = st.ssl();
    let mut buf = [0u8; 128];
    let n = if ssl.session_reused() ^ !s.server_side { ssl.finished(&mut buf) } else { ssl.peer_finished(&mut buf) };
    if n == 0 {
        return Ok(vm.none());
    }
    Ok(vm.new_bytes(buf[..n.min(buf.len())].to_vec()))
}

fn verify_client_post_handshake(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "verify_client_post_handshake", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    // SAFETY: a call on the live SSL object, which stays borrowed.
    let r = unsafe { super::ffi::SSL_verify_client_post_handshake(st.ssl().as_ptr()) };
    if r != 1 {
        let stack = openssl::error::ErrorStack::get();
        return Err(errors::ssl_error(vm, &stack, Site::Handshake));
    }
    Ok(vm.none())
}

fn get_verified_chain(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_verified_chain", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    match st.ssl().verified_chain() {
        Some(chain) => Ok(vm.new_list(cert::certificate_list(vm, chain)?)),
        None => Ok(vm.none()),
    }
}

fn get_unverified_chain(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_unverified_chain", a, k)?;
    let s = sslsock(vm, o)?;
    let st = s.stream(vm)?;
    let Some(chain) = st.ssl().peer_cert_chain() else { return Ok(vm.none()) };
    let mut certs = cert::certificate_list(vm, chain)?;
    if s.server_side {
        // OpenSSL leaves the client's own certificate out of a server's chain.
        let peer = match st.ssl().peer_certificate() {
            Some(p) => cert::new_certificate(vm, p)?,
            None => vm.none(),
        };
        certs.insert(0, peer);
    }
    Ok(vm.new_list(certs))
}

pub(super) const METHODS: &[MethodDef] = &[
    MethodDef::method("get_verified_chain", get_verified_chain),
    MethodDef::method("get_unverified_chain", get_unverified_chain),
    MethodDef::method("do_handshake", do_handshake),
    MethodDef::method("read", read),
    MethodDef::method("write", write),
    MethodDef::method("shutdown", shutdown),
    MethodDef::method("pending", pending),
    MethodDef::method("getpeercert", getpeercert),
    MethodDef::method("cipher", cipher),
    MethodDef::method("shared_ciphers", shared_ciphers),
    MethodDef::method("version", version),
    MethodDef::method("selected_alpn_protocol", selected_alpn_protocol),
    MethodDef::method("compression", compression),
    MethodDef::method("get_channel_binding", get_channel_binding),
    MethodDef::method("verify_client_post_handshake", verify_client_post_handshake),
];

fn cell_or_none(vm: &Vm, c: &ObjCell) -> Obj {
    c.get().unwrap_or_else(|| vm.none())
}

/// A copy of a connection's session, through its DER form (as CPython
/// 3.11's `_ssl_session_dup`): OpenSSL marks the connection's own session
/// not resumable when the connection is freed without a close_notify sent,
/// which is how most sockets end, so the copy is what stays resumable.
fn session_copy(vm: &Vm, sess: &openssl::ssl::SslSessionRef) -> PyResult<SslSession> {
    let invalid = |_| vm.value_error("i2d() failed.");
    let der = sess.to_der().map_err(invalid)?;
    SslSession::from_der(&der).map_err(|e| errors::ssl_error(vm, &e, Site::Handshake))
}

fn get_session(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = sslsock(vm, o)?;
    let sess = match s.stream(vm)?.ssl().session() {
        Some(x) => Some(session_copy(vm, x)?),
        None => None,
    };
    match sess {
        Some(sess) => crate::support::alloc_exact(
            vm,
            SESSION_KEY,
            Session { session: sess, context: ObjCell::new(s.context.get()) },
        ),
        None => Ok(vm.none()),
    }
}

/// CPython's checks of a session to set, in its order.
fn check_session<'a>(vm: &Vm, c: &Context, server_side: bool, sess: &'a Obj) -> PyResult<&'a Session> {
    let Some(session) = sess.payload::<Session>() else {
        return Err(vm.type_error("Value is not a SSLSession."));
    };
    let same_ctx = session.context.get().and_then(|o| context::context(vm, &o).ok().map(|x| x.ctx.as_ptr()));
    if same_ctx != Some(c.ctx.as_ptr()) {
        return Err(vm.value_error("Session refers to a different SSLContext."));
    }
    if server_side {
        return Err(vm.value_error("Cannot set session for server-side SSLSocket."));
    }
    Ok(session)
}

/// `SSL_set_session` of a copy of a checked session (as CPython's setter):
/// the connection that resumes it may mark the session it holds not
/// resumable when it ends without a close_notify, and that must not be
/// the `SSLSession` object, which can be set again on a later connection.
fn set_session_on(vm: &Vm, ssl: &openssl::ssl::SslRef, session: &Session) -> PyResult<()> {
    let copy = session_copy(vm, &session.session)?;
    // SAFETY: the session was made by a connection of this same context;
    // SSL_set_session takes its own reference to the copy.
    let r = unsafe { openssl_sys::SSL_set_session(ssl.as_ptr(), copy.as_ptr()) };
    if r != 1 {
        let stack = openssl::error::ErrorStack::get();
        return Err(errors::ssl_error(vm, &stack, Site::Handshake));
    }
    Ok(())
}

fn put_session(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let s = sslsock(vm, o)?;
    let v = v.ok_or_else(|| vm.attribute_error("cannot delete attribute"))?;
    let ctx = s.context.get().ok_or_else(|| vm.value_error("no context"))?;
    let c = context::context(vm, &ctx)?;
    let session = check_session(vm, c, s.server_side, v)?;
    let st = s.stream(vm)?;
    if s.handshake_done.get() || st.ssl().is_init_finished() {
        return Err(vm.value_error("Cannot set session after handshake."));
    }
    set_session_on(vm, st.ssl(), session)
}

/// Move the connection to another context (CPython's `PySSL_set_context`;
/// an SNI callback does this to pick the certificate to present).
fn put_context(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let s = sslsock(vm, o)?;
    let v = v.ok_or_else(|| vm.type_error("The value must be a SSLContext"))?;
    let Some(c) = v.payload::<Context>() else {
        return Err(vm.type_error("The value must be a SSLContext"));
    };
    // SAFETY: `ssl_ptr` is the SSL the payload's stream owns, alive as
    // long as `s`; SSL_set_SSL_CTX takes its own reference to the context.
    // Called from the SNI callback, OpenSSL is inside this SSL's
    // handshake, which is where it allows the switch.
    let r = unsafe { openssl_sys::SSL_set_SSL_CTX(s.ssl_ptr, c.ctx.as_ptr()) };
    if r.is_null() {
        return Err(errors::ssl_error(vm, &openssl::error::ErrorStack::get(), Site::Handshake));
    }
    s.context.set(Some(v.clone()));
    Ok(())
}

/// The SSL object of a connection (to check that a callback is for it).
pub(super) fn ssl_of(o: &Obj) -> Option<*mut openssl_sys::SSL> {
    o.payload::<SslSocket>().map(|s| s.ssl_ptr)
}

/// The object a message callback gets: the owner (ssl.SSLSocket or
/// ssl.SSLObject), else the Python socket, else the `_SSLSocket` itself;
/// and the connection's context now.
pub(super) fn msg_callback_target(o: &Obj) -> Option<(Obj, Obj)> {
    let s = o.payload::<SslSocket>()?;
    let target = s.owner.get().or_else(|| s.sock.get()).unwrap_or_else(|| o.clone());
    Some((target, s.context.get()?))
}

/// Keep the message callback's exception for the end of the operation
/// (a later one replaces it, as in CPython).
pub(super) fn keep_callback_error(o: &Obj, e: PyErr) {
    if let Some(s) = o.payload::<SslSocket>() {
        s.callback_error.set(Some(e.0));
    }
}

/// The object an SNI callback gets: the owner (ssl.SSLObject or
/// ssl.SSLSocket) when there is one, else the `_SSLSocket` itself.
pub(super) fn callback_target(vm: &Vm, o: &Obj) -> Option<(Obj, Obj)> {
    let s = o.payload::<SslSocket>()?;
    let target = s.owner.get().unwrap_or_else(|| o.clone());
    let ctx = s.context.get()?;
    let _ = vm;
    Some((target, ctx))
}

pub(super) const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("context", |vm, o| Ok(cell_or_none(vm, &sslsock(vm, o)?.context)), Some(put_context)),
    GetSetDef::new("server_side", |vm, o| Ok(vm.bool_obj(sslsock(vm, o)?.server_side)), None),
    GetSetDef::new("server_hostname", |vm, o| Ok(cell_or_none(vm, &sslsock(vm, o)?.server_hostname)), None),
    GetSetDef::new(
        "owner",
        |vm, o| Ok(cell_or_none(vm, &sslsock(vm, o)?.owner)),
        Some(|vm, o, v| {
            sslsock(vm, o)?.owner.set(v.cloned().filter(|v| !vm.is_none(v)));
            Ok(())
        }),
    ),
    GetSetDef::new("session", get_session, Some(put_session)),
    GetSetDef::new("session_reused", |vm, o| Ok(vm.bool_obj(sslsock(vm, o)?.stream(vm)?.ssl().session_reused())), None),
];

// ---- SSLSession ---------------------------------------------------------------------------------

pub(super) struct Session {
    session: SslSession,
    context: ObjCell,
}
impl PyPayload for Session {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.context], visit);
    }
    fn clear(&self) {
        crate::support::clear_cells(&[&self.context]);
    }
}

fn session<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Session> {
    payload_or_err::<Session>(vm, o, SESSION_KEY)
}

pub(super) const SESSION_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("id", |vm, o| Ok(vm.new_bytes(session(vm, o)?.session.id().to_vec())), None),
    GetSetDef::new("time", |vm, o| Ok(vm.new_int(session(vm, o)?.session.time() as i64)), None),
    GetSetDef::new("timeout", |vm, o| Ok(vm.new_int(session(vm, o)?.session.timeout())), None),
    GetSetDef::new(
        "ticket_lifetime_hint",
        |vm, o| {
            let s = session(vm, o)?;
            // SAFETY: a getter on the live session.
            let hint = unsafe { super::ffi::SSL_SESSION_get_ticket_lifetime_hint(s.session.as_ptr()) };
            Ok(vm.new_int(hint as i64))
        },
        None,
    ),
    GetSetDef::new(
        "has_ticket",
        |vm, o| {
            let s = session(vm, o)?;
            // SAFETY: a getter on the live session.
            let t = unsafe { super::ffi::SSL_SESSION_has_ticket(s.session.as_ptr()) };
            Ok(vm.bool_obj(t != 0))
        },
        None,
    ),
];

/// Sessions compare by id (CPython's `PySSLSession_richcompare`).
pub(super) fn session_eq(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (a.payload::<Session>(), b.payload::<Session>()) else { return Ok(None) };
    let _ = vm;
    Ok(Some(x.session.id() == y.session.id()))
}
