//! `_socket` (CPython's `Modules/socketmodule.c`): BSD sockets through libc
//! for Lib's `socket.py`: the `socket` type (AF_INET, AF_INET6, AF_UNIX;
//! stream and datagram), timeouts as CPython implements them (non-blocking
//! descriptors plus `poll`, `TimeoutError: timed out`), name resolution
//! (`getaddrinfo`, `getnameinfo`, `gethostbyname`, ...), address
//! conversions, byte order and the constants of the platform.
//!
//! Blocking calls run in `vm.allow_threads`; EINTR runs the signal
//! handlers (`vm.check_signals()`) and retries, as PEP 475 asks.

use std::cell::Cell;
use std::ffi::{CStr, CString};
use std::time::{Duration, Instant};

use taipan_vm::api::types::{GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{buffer, bytes, dict, int, module, str as pystr, tuple, Obj, PyErr, PyPayload, PyResult, Vm};

const DOC: &str = "Implementation module for socket operations.\n\nSee the socket module for documentation.";

const SOCKET_KEY: &str = "_socket.socket";
const HERROR_KEY: &str = "socket.herror";
const GAIERROR_KEY: &str = "socket.gaierror";
/// The default timeout of new sockets (a float, or None), per interpreter.
const DEFAULT_TIMEOUT_KEY: &str = "_socket.defaulttimeout";

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

fn stored(vm: &Vm, key: &str) -> Obj {
    vm.lazy_types.borrow().get(key).cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone())
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The OSError (subclass by errno) of a failed call.
fn os_error(vm: &Vm, code: i32) -> PyErr {
    taipan_vm::api::exceptions::os_error_from_io(vm, &std::io::Error::from_raw_os_error(code), None)
}

fn timeout_error(vm: &Vm) -> PyErr {
    let ty =
        vm.ctx.exceptions.by_name.get("TimeoutError").cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone());
    vm.new_exception_msg(&ty, "timed out")
}

fn gai_error(vm: &Vm, code: i32) -> PyErr {
    if code == libc::EAI_SYSTEM {
        return os_error(vm, last_errno());
    }
    // SAFETY: gai_strerror returns a static NUL-terminated string.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }.to_string_lossy().into_owned();
    vm.new_exception(&stored(vm, GAIERROR_KEY), vec![vm.new_int(code as i64), vm.new_str(&msg)])
}

/// Argument Clinic's `int` converter.
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_i64(o)?;
    i32::try_from(v).map_err(|_| {
        vm.overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

fn ssize(vm: &Vm, o: &Obj) -> PyResult<isize> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let too_large = || vm.overflow_error("Python int too large to convert to C ssize_t");
    let v = vm.to_i64(o).map_err(|e| if int::value(o).is_some() { too_large() } else { e })?;
    isize::try_from(v).map_err(|_| too_large())
}

fn no_kwargs(vm: &Vm, fname: &str, k: Kw) -> PyResult<()> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// `PyArg_ParseTuple(args, "x|y:fname")`-style arity checks.
fn arity(vm: &Vm, fname: &str, a: Args, k: Kw, min: usize, max: usize) -> PyResult<()> {
    no_kwargs(vm, fname, k)?;
    let n = a.len();
    if n < min || n > max {
        let (bound, which) = if n < min { (min, "at least") } else { (max, "at most") };
        let which = if min == max { "exactly" } else { which };
        return Err(vm.type_error(format!(
            "{fname}() takes {which} {bound} argument{} ({n} given)",
            if bound == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

// ---- timeouts ----------------------------------------------------------------------------------

/// A timeout argument: None is -1 (blocking), else non-negative seconds.
fn parse_timeout(vm: &Vm, o: &Obj) -> PyResult<f64> {
    if vm.is_none(o) {
        return Ok(-1.0);
    }
    let v = if let Some(i) = int::value(o) {
        i.to_f64().ok_or_else(|| vm.overflow_error("timeout doesn't fit into C timeval"))?
    } else if vm.isinstance_type(o, &vm.ctx.types.float) {
        vm.to_f64(o)?
    } else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(o))));
    };
    if v.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if v < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    Ok(v)
}

fn default_timeout(vm: &Vm) -> f64 {
    let o = vm.lazy_types.borrow().get(DEFAULT_TIMEOUT_KEY).cloned();
    match o {
        Some(o) if !vm.is_none(&o) => vm.to_f64(&o).unwrap_or(-1.0),
        _ => -1.0,
    }
}

fn timeout_obj(vm: &Vm, t: f64) -> Obj {
    if t < 0.0 {
        vm.none()
    } else {
        vm.new_float(t)
    }
}

// ---- the socket object -------------------------------------------------------------------------

struct Socket {
    fd: Cell<i32>,
    family: Cell<i32>,
    kind: Cell<i32>,
    proto: Cell<i32>,
    /// Seconds; negative: blocking with no timeout.
    timeout: Cell<f64>,
}

impl PyPayload for Socket {}

impl Drop for Socket {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 {
            // SAFETY: the socket owns `fd`; nothing else closes it.
            unsafe { libc::close(fd) };
        }
    }
}

fn sock<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Socket> {
    taipan_vm::api::types::payload_or_err::<Socket>(vm, o, "_socket.socket")
}

/// The descriptor and timeout of a socket object (`_ssl` drives TLS over
/// them as CPython's `PySSLSocket` does over `sock_fd`/`sock_timeout`);
/// the timeout is in seconds, negative for blocking.
pub(crate) fn fd_and_timeout(vm: &Vm, o: &Obj) -> PyResult<(i32, f64)> {
    let s = sock(vm, o)?;
    Ok((s.fd.get(), s.timeout.get()))
}

/// Wait until `fd` is ready for reading (or `writing`) up to `deadline`
/// (None: no limit); false when the time ran out. EINTR runs the signal
/// handlers and waits again.
pub(crate) fn wait_fd(vm: &Vm, fd: i32, writing: bool, deadline: Option<Instant>) -> PyResult<bool> {
    loop {
        let ms = match deadline {
            None => -1,
            Some(dl) => {
                let remaining = dl.saturating_duration_since(Instant::now());
                remaining.as_millis().min(i32::MAX as u128) as i32
                    + i32::from(!remaining.subsec_nanos().is_multiple_of(1_000_000))
            }
        };
        let events = if writing { libc::POLLOUT } else { libc::POLLIN };
        let (r, e) = vm.allow_threads(move || {
            let mut p = libc::pollfd { fd, events, revents: 0 };
            // SAFETY: one valid pollfd.
            let r = unsafe { libc::poll(&mut p, 1, ms) };
            (r, last_errno())
        });
        if r < 0 {
            if e == libc::EINTR {
                vm.check_signals()?;
                continue;
            }
            return Err(os_error(vm, e));
        }
        return Ok(r > 0);
    }
}

fn set_blocking_fd(fd: i32, blocking: bool) -> bool {
    // SAFETY: fcntl on a descriptor with integer arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let new = if blocking { flags & !libc::O_NONBLOCK } else { flags | libc::O_NONBLOCK };
        new == flags || libc::fcntl(fd, libc::F_SETFL, new) >= 0
    }
}

impl Socket {
    fn set_timeout(&self, vm: &Vm, t: f64) -> PyResult<()> {
        self.timeout.set(t);
        let fd = self.fd.get();
        if fd >= 0 && !set_blocking_fd(fd, t < 0.0) {
            return Err(os_error(vm, last_errno()));
        }
        Ok(())
    }

    /// Wait until the descriptor is ready (`writing`: for output), up to
    /// `deadline`; false when the time ran out.
    fn wait_ready(&self, vm: &Vm, writing: bool, deadline: Instant) -> PyResult<bool> {
        let fd = self.fd.get();
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            let ms = remaining.as_millis().min(i32::MAX as u128) as i32
                + i32::from(!remaining.subsec_nanos().is_multiple_of(1_000_000));
            let events = if writing { libc::POLLOUT } else { libc::POLLIN };
            let (r, e) = vm.allow_threads(move || {
                let mut p = libc::pollfd { fd, events, revents: 0 };
                // SAFETY: one valid pollfd.
                let r = unsafe { libc::poll(&mut p, 1, ms) };
                (r, last_errno())
            });
            if r < 0 {
                if e == libc::EINTR {
                    vm.check_signals()?;
                    continue;
                }
                return Err(os_error(vm, e));
            }
            return Ok(r > 0);
        }
    }

    /// CPython's `sock_call`: the operation, retried on EINTR (after the
    /// signal handlers) and, under a timeout, after waiting for readiness.
    fn call<F: FnMut() -> isize + Send>(&self, vm: &Vm, writing: bool, mut op: F) -> PyResult<isize> {
        let r = self.call_deadline(vm, writing, self.deadline(), &mut op)?;
        r.ok_or_else(|| timeout_error(vm))
    }

    fn deadline(&self) -> Option<Instant> {
        let t = self.timeout.get();
        (t > 0.0).then(|| Instant::now() + Duration::from_secs_f64(t.min(1e9)))
    }

    /// `Ok(None)`: the deadline passed.
    fn call_deadline<F: FnMut() -> isize + Send>(
        &self,
        vm: &Vm,
        writing: bool,
        deadline: Option<Instant>,
        op: &mut F,
    ) -> PyResult<Option<isize>> {
        if self.fd.get() < 0 {
            return Err(os_error(vm, libc::EBADF));
        }
        loop {
            if let Some(dl) = deadline {
                if !self.wait_ready(vm, writing, dl)? {
                    return Ok(None);
                }
            }
            let (r, e) = vm.allow_threads(|| {
                let r = op();
                (r, last_errno())
            });
            if r >= 0 {
                return Ok(Some(r));
            }
            if e == libc::EINTR {
                vm.check_signals()?;
                continue;
            }
            if deadline.is_some() && (e == libc::EWOULDBLOCK || e == libc::EAGAIN) {
                continue;
            }
            return Err(os_error(vm, e));
        }
    }
}

fn socket_new(vm: &Vm, cls: &Obj, _a: Args, _k: Kw) -> PyResult<Obj> {
    let s = Socket {
        fd: Cell::new(-1),
        family: Cell::new(libc::AF_INET),
        kind: Cell::new(libc::SOCK_STREAM),
        proto: Cell::new(0),
        timeout: Cell::new(-1.0),
    };
    taipan_vm::api::types::alloc_instance(vm, cls, &stored(vm, SOCKET_KEY), s)
}

fn getsockopt_int(fd: i32, level: i32, opt: i32) -> Option<i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `v` is a c_int and `len` its size.
    let r = unsafe { libc::getsockopt(fd, level, opt, (&mut v as *mut libc::c_int).cast(), &mut len) };
    (r == 0).then_some(v)
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
/// The "socket.__new__" audit event, with the resolved family, type and
/// protocol.
fn audit_new(vm: &Vm, o: &Obj, family: i32, kind: i32, proto: i32) -> PyResult<()> {
    taipan_vm::api::audit(vm, "socket.__new__", || {
        vec![o.clone(), vm.new_int(family as i64), vm.new_int(kind as i64), vm.new_int(proto as i64)]
    })
}

fn socket_init(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<()> {
    let p = taipan_vm::api::args::parse(vm, "socket", a, k, &["family", "type", "proto", "fileno"], 0)?;
    let s = sock(vm, o)?;
    let opt_int = |i: usize| -> PyResult<i32> { p[i].as_ref().map_or(Ok(-1), |v| c_int(vm, v)) };
    let (mut family, mut kind, mut proto) = (opt_int(0)?, opt_int(1)?, opt_int(2)?);
    let fileno = p[3].clone().filter(|f| !vm.is_none(f));
    let fd = match fileno {
        Some(f) => {
            if vm.isinstance_type(&f, &vm.ctx.types.float) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            let fd = vm.to_i64(&f)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let fd = i32::try_from(fd).map_err(|_| vm.overflow_error("file descriptor out of range"))?;
            if family == -1 {
                family =
                    getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_DOMAIN).ok_or_else(|| os_error(vm, last_errno()))?;
            }
            if kind == -1 {
                kind = getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_TYPE).ok_or_else(|| os_error(vm, last_errno()))?;
            }
            if proto == -1 {
                proto = getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)
                    .ok_or_else(|| os_error(vm, last_errno()))?;
            }
            audit_new(vm, o, family, kind, proto)?;
            fd
        }
        None => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if kind == -1 {
                kind = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            audit_new(vm, o, family, kind, proto)?;
            // SAFETY: plain socket(2).
            let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                return Err(os_error(vm, last_errno()));
            }
            fd
        }
    };
    let old = s.fd.replace(fd);
    if old >= 0 && old != fd {
        // SAFETY: re-initialising a socket closes the descriptor it owned.
        unsafe { libc::close(old) };
    }
    s.family.set(family);
    s.kind.set(kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    let t = if kind & libc::SOCK_NONBLOCK != 0 { 0.0 } else { default_timeout(vm) };
    s.timeout.set(t);
    if t >= 0.0 {
        s.set_timeout(vm, t)?;
    }
    Ok(())
}

fn socket_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = sock(vm, o)?;
    Ok(vm.new_str(&format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.kind.get(),
        s.proto.get()
    )))
}

// ---- addresses ---------------------------------------------------------------------------------

struct SockAddr {
    storage: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl SockAddr {
    fn empty() -> SockAddr {
        // SAFETY: sockaddr_storage is plain old data; zero is valid.
        SockAddr {
            storage: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    fn ptr(&self) -> *const libc::sockaddr {
        (&self.storage as *const libc::sockaddr_storage).cast()
    }
}

fn v4(addr: [u8; 4], port: u16) -> SockAddr {
    let mut sa = SockAddr::empty();
    // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in.
    let sin = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
    sin.sin_family = libc::AF_INET as libc::sa_family_t;
    sin.sin_port = port.to_be();
    sin.sin_addr = libc::in_addr { s_addr: u32::from_ne_bytes(addr) };
    sa.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    sa
}

fn v6(addr: [u8; 16], port: u16, flowinfo: u32, scope_id: u32) -> SockAddr {
    let mut sa = SockAddr::empty();
    // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in6.
    let sin6 = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
    sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    sin6.sin6_port = port.to_be();
    sin6.sin6_flowinfo = flowinfo.to_be();
    sin6.sin6_scope_id = scope_id;
    sin6.sin6_addr = libc::in6_addr { s6_addr: addr };
    sa.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
    sa
}

/// A host name argument as bytes: str through the `idna` codec (plain for
/// ASCII), or bytes/bytearray.
fn host_bytes(vm: &Vm, o: &Obj, caller: &str) -> PyResult<Vec<u8>> {
    if let Some(d) = pystr::data(o) {
        if let Some(s) = d.as_str() {
            if s.is_ascii() {
                return Ok(s.as_bytes().to_vec());
            }
        }
        let enc = vm.call(&vm.getattr_str(o, "encode")?, &[vm.new_str("idna")], None)?;
        return Ok(bytes::as_bytes(&enc).unwrap_or_default());
    }
    if let Some(b) = bytes::as_bytes(o) {
        return Ok(b);
    }
    Err(vm.type_error(format!("{caller}(): str, bytes or bytearray expected, not {}", vm.type_name(o))))
}

/// One result of getaddrinfo(3): family, type, protocol, canonical name, address.
type AddrInfo = (i32, i32, i32, String, SockAddrBytes);

/// Run getaddrinfo(3) without the GIL: the addresses, or the EAI code.
fn resolve(
    vm: &Vm,
    host: Option<&[u8]>,
    port: Option<&[u8]>,
    family: i32,
    kind: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Result<Vec<AddrInfo>, i32>> {
    let host = host.map(|h| CString::new(h).map_err(|_| vm.value_error("embedded null character"))).transpose()?;
    let port = port.map(|p| CString::new(p).map_err(|_| vm.value_error("embedded null character"))).transpose()?;
    Ok(vm.allow_threads(move || {
        // SAFETY: addrinfo is plain old data; zero is its documented default.
        let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_family = family;
        hints.ai_socktype = kind;
        hints.ai_protocol = proto;
        hints.ai_flags = flags;
        let mut res: *mut libc::addrinfo = std::ptr::null_mut();
        // SAFETY: valid C strings (or null), hints and an out-pointer.
        let r = unsafe {
            libc::getaddrinfo(
                host.as_ref().map_or(std::ptr::null(), |h| h.as_ptr()),
                port.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
                &hints,
                &mut res,
            )
        };
        if r != 0 {
            return Err(r);
        }
        let mut out = Vec::new();
        let mut p = res;
        while !p.is_null() {
            // SAFETY: `p` walks the list getaddrinfo returned, freed below.
            let ai = unsafe { &*p };
            let canon = if ai.ai_canonname.is_null() {
                String::new()
            } else {
                // SAFETY: a NUL-terminated string of the list.
                unsafe { CStr::from_ptr(ai.ai_canonname) }.to_string_lossy().into_owned()
            };
            let len = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
            // SAFETY: ai_addr points to ai_addrlen bytes.
            let raw = unsafe { std::slice::from_raw_parts(ai.ai_addr.cast::<u8>(), len) }.to_vec();
            out.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, SockAddrBytes(raw)));
            p = ai.ai_next;
        }
        // SAFETY: the list getaddrinfo returned.
        unsafe { libc::freeaddrinfo(res) };
        Ok(out)
    }))
}

/// A socket address as raw bytes (Send, for results made without the GIL).
struct SockAddrBytes(Vec<u8>);

impl SockAddrBytes {
    fn to_sockaddr(&self) -> SockAddr {
        let mut sa = SockAddr::empty();
        let n = self.0.len().min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: copies at most the storage's size into it.
        unsafe {
            std::ptr::copy_nonoverlapping(
                self.0.as_ptr(),
                (&mut sa.storage as *mut libc::sockaddr_storage).cast::<u8>(),
                n,
            )
        };
        sa.len = n as libc::socklen_t;
        sa
    }
}

/// CPython's `setipaddr`: a host name or numeric address to an address of
/// `family` (AF_INET, AF_INET6 or AF_UNSPEC), port 0.
fn setipaddr(vm: &Vm, name: &[u8], family: i32) -> PyResult<SockAddr> {
    if name.is_empty() {
        let r = resolve(vm, None, Some(b"0"), family, libc::SOCK_DGRAM, 0, libc::AI_PASSIVE)?;
        return match r {
            Ok(list) => list.first().map(|e| e.4.to_sockaddr()).ok_or_else(|| gai_error(vm, libc::EAI_NONAME)),
            Err(code) => Err(gai_error(vm, code)),
        };
    }
    if name == b"<broadcast>" || name == b"255.255.255.255" {
        if family != libc::AF_INET && family != libc::AF_UNSPEC {
            return Err(vm.os_error("address family mismatched"));
        }
        return Ok(v4([255; 4], 0));
    }
    if let Ok(text) = std::str::from_utf8(name) {
        if family == libc::AF_INET || family == libc::AF_UNSPEC {
            if let Ok(a) = text.parse::<std::net::Ipv4Addr>() {
                return Ok(v4(a.octets(), 0));
            }
        }
        if family == libc::AF_INET6 || family == libc::AF_UNSPEC {
            if let Ok(a) = text.parse::<std::net::Ipv6Addr>() {
                return Ok(v6(a.octets(), 0, 0, 0));
            }
        }
    }
    match resolve(vm, Some(name), None, family, 0, 0, 0)? {
        Ok(list) => list.first().map(|e| e.4.to_sockaddr()).ok_or_else(|| gai_error(vm, libc::EAI_NONAME)),
        Err(code) => Err(gai_error(vm, code)),
    }
}

fn port_arg(vm: &Vm, o: &Obj, caller: &str) -> PyResult<u16> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_i64(o).map_err(|e| {
        if int::value(o).is_some() {
            vm.overflow_error(format!("{caller}(): port must be 0-65535."))
        } else {
            e
        }
    })?;
    u16::try_from(v).map_err(|_| vm.overflow_error(format!("{caller}(): port must be 0-65535.")))
}

/// CPython's `getsockaddrarg`: a Python address for a socket of `family`.
fn sockaddr_arg(vm: &Vm, family: i32, addr: &Obj, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => unix_addr(vm, addr, caller),
        libc::AF_INET => {
            let Some(items) = tuple_items(vm, addr) else {
                return Err(
                    vm.type_error(format!("{caller}(): AF_INET address must be tuple, not {}", vm.type_name(addr)))
                );
            };
            if items.len() != 2 {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_bytes(vm, &items[0], caller)?;
            let port = port_arg(vm, &items[1], caller)?;
            let mut sa = setipaddr(vm, &host, libc::AF_INET)?;
            // SAFETY: setipaddr(AF_INET) made a sockaddr_in.
            let sin = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            sin.sin_port = port.to_be();
            Ok(sa)
        }
        libc::AF_INET6 => {
            let Some(items) = tuple_items(vm, addr) else {
                return Err(
                    vm.type_error(format!("{caller}(): AF_INET6 address must be tuple, not {}", vm.type_name(addr)))
                );
            };
            if !(2..=4).contains(&items.len()) {
                return Err(vm.type_error("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"));
            }
            let host = host_bytes(vm, &items[0], caller)?;
            let port = port_arg(vm, &items[1], caller)?;
            let flowinfo = match items.get(2) {
                Some(f) => {
                    let v = vm.to_i64(f)?;
                    u32::try_from(v)
                        .ok()
                        .filter(|v| *v <= 0xfffff)
                        .ok_or_else(|| vm.overflow_error(format!("{caller}(): flowinfo must be 0-1048575.")))?
                }
                None => 0,
            };
            let scope = match items.get(3) {
                Some(s) => u32::try_from(vm.to_i64(s)?).map_err(|_| vm.overflow_error("scope_id out of range"))?,
                None => 0,
            };
            let mut sa = setipaddr(vm, &host, libc::AF_INET6)?;
            // SAFETY: setipaddr(AF_INET6) made a sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = flowinfo.to_be();
            sin6.sin6_scope_id = scope;
            Ok(sa)
        }
        _ => Err(vm.os_error(format!("{caller}(): bad family"))),
    }
}

fn tuple_items(vm: &Vm, o: &Obj) -> Option<Vec<Obj>> {
    vm.isinstance_type(o, &vm.ctx.types.tuple).then(|| tuple::items(o).to_vec())
}

fn unix_addr(vm: &Vm, addr: &Obj, caller: &str) -> PyResult<SockAddr> {
    let path: Vec<u8> = if pystr::data(addr).is_some() {
        let enc =
            vm.call(&vm.getattr_str(addr, "encode")?, &[vm.new_str("utf-8"), vm.new_str("surrogateescape")], None)?;
        bytes::as_bytes(&enc).unwrap_or_default()
    } else {
        // CPython parses it with "y*": any bytes-like object.
        let _ = caller;
        buffer::with_bytes(vm, addr, |b| b.to_vec())?
    };
    let mut sa = SockAddr::empty();
    // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_un.
    let sun = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_un>() };
    // Linux's abstract namespace: a name starting with NUL, or the empty
    // name, which autobinds to a fresh abstract address (no NUL added).
    let abstract_ns = path.is_empty() || path.first() == Some(&0);
    let max = sun.sun_path.len() - usize::from(!abstract_ns);
    if path.len() > max {
        return Err(vm.os_error("AF_UNIX path too long"));
    }
    sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, s) in sun.sun_path.iter_mut().zip(&path) {
        *d = *s as libc::c_char;
    }
    sa.len = (std::mem::size_of::<libc::sa_family_t>() + path.len() + usize::from(!abstract_ns)) as libc::socklen_t;
    Ok(sa)
}

fn ip_string(family: i32, raw: &[u8]) -> String {
    match family {
        libc::AF_INET => std::net::Ipv4Addr::new(raw[0], raw[1], raw[2], raw[3]).to_string(),
        _ => {
            let mut b = [0u8; 16];
            b.copy_from_slice(&raw[..16]);
            inet6_ntop(&b)
        }
    }
}

/// inet_ntop(AF_INET6) through libc (its text form, which CPython shows).
fn inet6_ntop(b: &[u8; 16]) -> String {
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: a 16-byte address and a buffer larger than INET6_ADDRSTRLEN.
    let p = unsafe { inet_ntop(libc::AF_INET6, b.as_ptr().cast(), buf.as_mut_ptr(), buf.len() as libc::socklen_t) };
    if p.is_null() {
        return String::new();
    }
    // SAFETY: inet_ntop wrote a NUL-terminated string.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned()
}

/// CPython's `makesockaddr`: the Python form of an address.
fn make_sockaddr(vm: &Vm, sa: &SockAddr) -> PyResult<Obj> {
    if sa.len == 0 {
        return Ok(vm.none());
    }
    let family = sa.storage.ss_family as i32;
    match family {
        libc::AF_INET => {
            // SAFETY: the family says it is a sockaddr_in.
            let sin = unsafe { &*(sa.ptr().cast::<libc::sockaddr_in>()) };
            let host = ip_string(libc::AF_INET, &sin.sin_addr.s_addr.to_ne_bytes());
            Ok(vm.new_tuple(vec![vm.new_str(&host), vm.new_int(u16::from_be(sin.sin_port) as i64)]))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says it is a sockaddr_in6.
            let sin6 = unsafe { &*(sa.ptr().cast::<libc::sockaddr_in6>()) };
            let host = inet6_ntop(&sin6.sin6_addr.s6_addr);
            Ok(vm.new_tuple(vec![
                vm.new_str(&host),
                vm.new_int(u16::from_be(sin6.sin6_port) as i64),
                vm.new_int(u32::from_be(sin6.sin6_flowinfo) as i64),
                vm.new_int(sin6.sin6_scope_id as i64),
            ]))
        }
        libc::AF_UNIX => {
            // SAFETY: the family says it is a sockaddr_un.
            let sun = unsafe { &*(sa.ptr().cast::<libc::sockaddr_un>()) };
            let n = (sa.len as usize).saturating_sub(std::mem::size_of::<libc::sa_family_t>()).min(sun.sun_path.len());
            let raw: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            if raw.first() == Some(&0) {
                return Ok(vm.new_bytes(raw));
            }
            let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
            let b = vm.new_bytes(raw[..end].to_vec());
            vm.call(&vm.getattr_str(&b, "decode")?, &[vm.new_str("utf-8"), vm.new_str("surrogateescape")], None)
        }
        _ => Ok(vm.new_tuple(vec![vm.new_int(family as i64), vm.new_bytes(Vec::new())])),
    }
}

// ---- socket methods ----------------------------------------------------------------------------

fn m_fileno(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "fileno", a, k)?;
    Ok(vm.new_int(sock(vm, o)?.fd.get() as i64))
}

fn m_close(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "close", a, k)?;
    let s = sock(vm, o)?;
    let fd = s.fd.replace(-1);
    if fd >= 0 {
        // SAFETY: the socket owned `fd`; it is forgotten first.
        if unsafe { libc::close(fd) } < 0 {
            let e = last_errno();
            if e != libc::ECONNRESET {
                return Err(os_error(vm, e));
            }
        }
    }
    Ok(vm.none())
}

/// `tp_finalize`: a socket collected while open warns "unclosed <socket>"
/// (ResourceWarning, the socket as its source) and is closed (CPython's
/// `sock_finalize`).
fn sock_finalize(vm: &Vm, o: &Obj) {
    let Ok(s) = sock(vm, o) else { return };
    if s.fd.get() < 0 {
        return;
    }
    if let Ok(r) = vm.repr(o) {
        let message = vm.new_str(&format!("unclosed {}", taipan_vm::api::str::as_str_lossy(&r)));
        let category = vm.ctx.exceptions.by_name["ResourceWarning"].clone();
        if let Err(e) = taipan_vm::api::warnings::warn_object(vm, message, category, 1, Some(o.clone())) {
            if vm.err_matches(&e, &vm.ctx.exceptions.by_name["Warning"]) {
                vm.write_unraisable(&e, Some(o));
            }
        }
    }
    let fd = s.fd.replace(-1);
    if fd >= 0 {
        // SAFETY: the socket owned `fd`; it is forgotten first.
        unsafe { libc::close(fd) };
    }
}

fn m_detach(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "detach", a, k)?;
    Ok(vm.new_int(sock(vm, o)?.fd.replace(-1) as i64))
}

fn m_bind(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    no_kwargs(vm, "bind", k)?;
    let [addr] = taipan_vm::api::args::exact::<1>(vm, "bind", a, k)?;
    let s = sock(vm, o)?;
    let sa = sockaddr_arg(vm, s.family.get(), &addr, "bind")?;
    taipan_vm::api::audit(vm, "socket.bind", || vec![o.clone(), addr.clone()])?;
    // SAFETY: a valid address of `len` bytes.
    if unsafe { libc::bind(s.fd.get(), sa.ptr(), sa.len) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}

fn m_listen(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "listen", a, k, 0, 1)?;
    let backlog = match a.first() {
        Some(b) => c_int(vm, b)?.max(0),
        None => libc::SOMAXCONN.min(128),
    };
    let s = sock(vm, o)?;
    // SAFETY: plain listen(2).
    if unsafe { libc::listen(s.fd.get(), backlog) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}

fn m_accept(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "_accept", a, k)?;
    let s = sock(vm, o)?;
    let fd = s.fd.get();
    let mut sa = SockAddr::empty();
    let mut len = sa.len;
    let storage = &mut sa.storage as *mut libc::sockaddr_storage as usize;
    let lenp = &mut len as *mut libc::socklen_t as usize;
    let newfd = s.call(vm, false, move || {
        // SAFETY: the address buffer and its length outlive the call.
        unsafe {
            libc::accept4(fd, storage as *mut libc::sockaddr, lenp as *mut libc::socklen_t, libc::SOCK_CLOEXEC) as isize
        }
    })?;
    sa.len = len;
    let addr = make_sockaddr(vm, &sa)?;
    Ok(vm.new_tuple(vec![vm.new_int(newfd as i64), addr]))
}

/// connect(2) with CPython's timeout handling; the errno (0: connected).
fn connect_errno(vm: &Vm, s: &Socket, sa: &SockAddr) -> PyResult<i32> {
    let fd = s.fd.get();
    let addr = sa.ptr() as usize;
    let len = sa.len;
    // SAFETY: a valid address of `len` bytes.
    let (r, mut e) =
        vm.allow_threads(move || (unsafe { libc::connect(fd, addr as *const libc::sockaddr, len) }, last_errno()));
    if r == 0 {
        return Ok(0);
    }
    let timeout = s.timeout.get();
    if e == libc::EINTR {
        vm.check_signals()?;
        if timeout == 0.0 {
            return Ok(e);
        }
        e = libc::EINPROGRESS;
    }
    if e != libc::EINPROGRESS || timeout == 0.0 {
        return Ok(e);
    }
    let deadline = s.deadline().unwrap_or_else(|| Instant::now() + Duration::from_secs(u64::from(u32::MAX)));
    if !s.wait_ready(vm, true, deadline)? {
        return Err(timeout_error(vm));
    }
    Ok(getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or_else(last_errno))
}

fn m_connect(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [addr] = taipan_vm::api::args::exact::<1>(vm, "connect", a, k)?;
    let s = sock(vm, o)?;
    let sa = sockaddr_arg(vm, s.family.get(), &addr, "connect")?;
    match connect_errno(vm, s, &sa)? {
        0 => Ok(vm.none()),
        e => Err(os_error(vm, e)),
    }
}

fn m_connect_ex(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [addr] = taipan_vm::api::args::exact::<1>(vm, "connect_ex", a, k)?;
    let s = sock(vm, o)?;
    let sa = sockaddr_arg(vm, s.family.get(), &addr, "connect_ex")?;
    let e = match connect_errno(vm, s, &sa) {
        Ok(e) => e,
        Err(err) if vm.isinstance_type(&err.0, &vm.ctx.exceptions.by_name["TimeoutError"]) => libc::EWOULDBLOCK,
        Err(err) => return Err(err),
    };
    Ok(vm.new_int(e as i64))
}

fn recv_bytes(vm: &Vm, s: &Socket, n: usize, flags: i32, fname: &str) -> PyResult<(Vec<u8>, Option<SockAddr>)> {
    let _ = fname;
    let mut buf = vm.try_vec::<u8>(n)?;
    buf.resize(n, 0);
    let fd = s.fd.get();
    let p = buf.as_mut_ptr() as usize;
    let got = s.call(vm, false, move || {
        // SAFETY: `buf` has `n` writable bytes and outlives the call.
        unsafe { libc::recv(fd, p as *mut libc::c_void, n, flags) }
    })?;
    buf.truncate(got as usize);
    Ok((buf, None))
}

fn bufsize_and_flags(vm: &Vm, fname: &str, a: Args, k: Kw) -> PyResult<(usize, i32)> {
    arity(vm, fname, a, k, 1, 2)?;
    let n = ssize(vm, &a[0])?;
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {fname}")));
    }
    let flags = a.get(1).map_or(Ok(0), |f| c_int(vm, f))?;
    Ok((n as usize, flags))
}

fn m_recv(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (n, flags) = bufsize_and_flags(vm, "recv", a, k)?;
    let (data, _) = recv_bytes(vm, sock(vm, o)?, n, flags, "recv")?;
    Ok(vm.new_bytes(data))
}

fn m_recv_into(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "recv_into", a, k, &["buffer", "nbytes", "flags"], 1)?;
    let target = p[0].clone().unwrap_or_else(|| vm.none());
    let size = buffer::with_writable(vm, &target, "recv_into", |b| b.len())?;
    let mut n = match &p[1] {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    let flags = p[2].as_ref().map_or(Ok(0), |f| c_int(vm, f))?;
    if n < 0 {
        return Err(vm.value_error("negative buffersize in recv_into"));
    }
    if n == 0 {
        n = size as isize;
    }
    if n as usize > size {
        return Err(vm.value_error("buffer too small for requested bytes"));
    }
    let (data, _) = recv_bytes(vm, sock(vm, o)?, n as usize, flags, "recv_into")?;
    let got = data.len();
    buffer::with_writable(vm, &target, "recv_into", |b| b[..got].copy_from_slice(&data))?;
    Ok(vm.new_usize(got))
}

fn recvfrom_raw(vm: &Vm, s: &Socket, n: usize, flags: i32) -> PyResult<(Vec<u8>, SockAddr)> {
    let mut buf = vm.try_vec::<u8>(n)?;
    buf.resize(n, 0);
    let mut sa = SockAddr::empty();
    let mut len = sa.len;
    let fd = s.fd.get();
    let (p, sp, lp) = (
        buf.as_mut_ptr() as usize,
        &mut sa.storage as *mut libc::sockaddr_storage as usize,
        &mut len as *mut libc::socklen_t as usize,
    );
    let got = s.call(vm, false, move || {
        // SAFETY: the buffer, address storage and length outlive the call.
        unsafe {
            libc::recvfrom(fd, p as *mut libc::c_void, n, flags, sp as *mut libc::sockaddr, lp as *mut libc::socklen_t)
        }
    })?;
    sa.len = len;
    buf.truncate(got as usize);
    Ok((buf, sa))
}

fn m_recvfrom(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (n, flags) = bufsize_and_flags(vm, "recvfrom", a, k)?;
    let (data, sa) = recvfrom_raw(vm, sock(vm, o)?, n, flags)?;
    let addr = make_sockaddr(vm, &sa)?;
    Ok(vm.new_tuple(vec![vm.new_bytes(data), addr]))
}

fn m_recvfrom_into(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "recvfrom_into", a, k, &["buffer", "nbytes", "flags"], 1)?;
    let target = p[0].clone().unwrap_or_else(|| vm.none());
    let size = buffer::with_writable(vm, &target, "recvfrom_into", |b| b.len())?;
    let mut n = p[1].as_ref().map_or(Ok(0), |v| ssize(vm, v))?;
    let flags = p[2].as_ref().map_or(Ok(0), |f| c_int(vm, f))?;
    if n < 0 {
        return Err(vm.value_error("negative buffersize in recvfrom_into"));
    }
    if n == 0 {
        n = size as isize;
    } else if n as usize > size {
        return Err(vm.value_error("nbytes is greater than the length of the buffer"));
    }
    let (data, sa) = recvfrom_raw(vm, sock(vm, o)?, n as usize, flags)?;
    let got = data.len();
    buffer::with_writable(vm, &target, "recvfrom_into", |b| b[..got].copy_from_slice(&data))?;
    let addr = make_sockaddr(vm, &sa)?;
    Ok(vm.new_tuple(vec![vm.new_usize(got), addr]))
}

fn data_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    buffer::with_bytes(vm, o, |b| b.to_vec())
}

fn send_once(vm: &Vm, s: &Socket, data: &[u8], flags: i32, deadline: Option<Instant>) -> PyResult<Option<isize>> {
    let fd = s.fd.get();
    let (p, n) = (data.as_ptr() as usize, data.len());
    let mut op = move || {
        // SAFETY: `data` outlives the call.
        unsafe { libc::send(fd, p as *const libc::c_void, n, flags | libc::MSG_NOSIGNAL) }
    };
    s.call_deadline(vm, true, deadline, &mut op)
}

fn m_send(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "send", a, k, 1, 2)?;
    let data = data_arg(vm, &a[0])?;
    let flags = a.get(1).map_or(Ok(0), |f| c_int(vm, f))?;
    let s = sock(vm, o)?;
    let n = send_once(vm, s, &data, flags, s.deadline())?.ok_or_else(|| timeout_error(vm))?;
    Ok(vm.new_int(n as i64))
}

fn m_sendall(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "sendall", a, k, 1, 2)?;
    let data = data_arg(vm, &a[0])?;
    let flags = a.get(1).map_or(Ok(0), |f| c_int(vm, f))?;
    let s = sock(vm, o)?;
    let deadline = s.deadline();
    let mut off = 0;
    while off < data.len() {
        let n = send_once(vm, s, &data[off..], flags, deadline)?.ok_or_else(|| timeout_error(vm))?;
        off += n as usize;
        vm.check_signals()?;
    }
    Ok(vm.none())
}

fn m_sendto(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    no_kwargs(vm, "sendto", k)?;
    let (data, flags, addr) = match a.len() {
        2 => (&a[0], 0, &a[1]),
        3 => (&a[0], c_int(vm, &a[1])?, &a[2]),
        n => return Err(vm.type_error(format!("sendto() takes 2 or 3 arguments ({n} given)"))),
    };
    let data = data_arg(vm, data)?;
    let s = sock(vm, o)?;
    let sa = sockaddr_arg(vm, s.family.get(), addr, "sendto")?;
    let fd = s.fd.get();
    let (p, n, ap, al) = (data.as_ptr() as usize, data.len(), sa.ptr() as usize, sa.len);
    let sent = s.call(vm, true, move || {
        // SAFETY: the data and the address outlive the call.
        unsafe {
            libc::sendto(fd, p as *const libc::c_void, n, flags | libc::MSG_NOSIGNAL, ap as *const libc::sockaddr, al)
        }
    })?;
    Ok(vm.new_int(sent as i64))
}

fn m_shutdown(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [how] = taipan_vm::api::args::exact::<1>(vm, "shutdown", a, k)?;
    let how = c_int(vm, &how)?;
    let s = sock(vm, o)?;
    // SAFETY: plain shutdown(2).
    if unsafe { libc::shutdown(s.fd.get(), how) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}

fn name_of(vm: &Vm, o: &Obj, peer: bool) -> PyResult<Obj> {
    let s = sock(vm, o)?;
    let mut sa = SockAddr::empty();
    let sp = &mut sa.storage as *mut libc::sockaddr_storage as *mut libc::sockaddr;
    // SAFETY: the storage and its length are valid for the call.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd.get(), sp, &mut sa.len)
        } else {
            libc::getsockname(s.fd.get(), sp, &mut sa.len)
        }
    };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    if s.family.get() == libc::AF_UNIX && sa.len as usize <= std::mem::size_of::<libc::sa_family_t>() {
        return Ok(vm.new_str(""));
    }
    make_sockaddr(vm, &sa)
}

fn m_getsockname(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "getsockname", a, k)?;
    name_of(vm, o, false)
}

fn m_getpeername(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "getpeername", a, k)?;
    name_of(vm, o, true)
}

fn m_setsockopt(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "setsockopt", a, k, 3, 4)?;
    let level = c_int(vm, &a[0])?;
    let opt = c_int(vm, &a[1])?;
    let s = sock(vm, o)?;
    let r = if a.len() == 4 {
        if !vm.is_none(&a[2]) {
            return Err(
                vm.type_error("setsockopt() argument 3 must be NoneType, not ".to_string() + &vm.type_name(&a[2]))
            );
        }
        let optlen = c_int(vm, &a[3])?;
        // SAFETY: a NULL value with a length, as setsockopt(2) allows.
        unsafe { libc::setsockopt(s.fd.get(), level, opt, std::ptr::null(), optlen as libc::socklen_t) }
    } else if int::value(&a[2]).is_some() {
        let v: libc::c_int = c_int(vm, &a[2])?;
        // SAFETY: a c_int value and its size.
        unsafe {
            libc::setsockopt(
                s.fd.get(),
                level,
                opt,
                (&v as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    } else {
        let data = buffer::with_bytes(vm, &a[2], |b| b.to_vec())
            .map_err(|_| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&a[2]))))?;
        // SAFETY: the buffer and its length.
        unsafe { libc::setsockopt(s.fd.get(), level, opt, data.as_ptr().cast(), data.len() as libc::socklen_t) }
    };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}

fn m_getsockopt(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "getsockopt", a, k, 2, 3)?;
    let level = c_int(vm, &a[0])?;
    let opt = c_int(vm, &a[1])?;
    let s = sock(vm, o)?;
    let Some(buflen) = a.get(2) else {
        return match getsockopt_int(s.fd.get(), level, opt) {
            Some(v) => Ok(vm.new_int(v as i64)),
            None => Err(os_error(vm, last_errno())),
        };
    };
    let buflen = c_int(vm, buflen)?;
    if buflen == 0 {
        return match getsockopt_int(s.fd.get(), level, opt) {
            Some(v) => Ok(vm.new_int(v as i64)),
            None => Err(os_error(vm, last_errno())),
        };
    }
    if !(1..=1024).contains(&buflen) {
        return Err(vm.os_error("getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: the buffer and its length.
    if unsafe { libc::getsockopt(s.fd.get(), level, opt, buf.as_mut_ptr().cast(), &mut len) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    buf.truncate(len as usize);
    Ok(vm.new_bytes(buf))
}

fn m_setblocking(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [flag] = taipan_vm::api::args::exact::<1>(vm, "setblocking", a, k)?;
    let blocking = vm.is_true(&flag)?;
    sock(vm, o)?.set_timeout(vm, if blocking { -1.0 } else { 0.0 })?;
    Ok(vm.none())
}

fn m_getblocking(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "getblocking", a, k)?;
    Ok(vm.bool_obj(sock(vm, o)?.timeout.get() != 0.0))
}

fn m_settimeout(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [t] = taipan_vm::api::args::exact::<1>(vm, "settimeout", a, k)?;
    let t = parse_timeout(vm, &t)?;
    sock(vm, o)?.set_timeout(vm, t)?;
    Ok(vm.none())
}

fn m_gettimeout(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "gettimeout", a, k)?;
    Ok(timeout_obj(vm, sock(vm, o)?.timeout.get()))
}

const SOCKET_METHODS: &[MethodDef] = &[
    MethodDef::method("_accept", m_accept),
    MethodDef::method("__del__", m_del),
    MethodDef::method("bind", m_bind),
    MethodDef::method("close", m_close),
    MethodDef::method("connect", m_connect),
    MethodDef::method("connect_ex", m_connect_ex),
    MethodDef::method("detach", m_detach),
    MethodDef::method("fileno", m_fileno),
    MethodDef::method("getblocking", m_getblocking),
    MethodDef::method("getpeername", m_getpeername),
    MethodDef::method("getsockname", m_getsockname),
    MethodDef::method("getsockopt", m_getsockopt),
    MethodDef::method("gettimeout", m_gettimeout),
    MethodDef::method("listen", m_listen),
    MethodDef::method("recv", m_recv),
    MethodDef::method("recv_into", m_recv_into),
    MethodDef::method("recvfrom", m_recvfrom),
    MethodDef::method("recvfrom_into", m_recvfrom_into),
    MethodDef::method("recvmsg", m_recvmsg),
    MethodDef::method("recvmsg_into", m_recvmsg_into),
    MethodDef::method("send", m_send),
    MethodDef::method("sendall", m_sendall),
    MethodDef::method("sendmsg", m_sendmsg),
    MethodDef::method("sendmsg_afalg", m_sendmsg_afalg),
    MethodDef::method("sendto", m_sendto),
    MethodDef::method("setblocking", m_setblocking),
    MethodDef::method("setsockopt", m_setsockopt),
    MethodDef::method("settimeout", m_settimeout),
    MethodDef::method("shutdown", m_shutdown),
];

const SOCKET_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("family", |vm, o| Ok(vm.new_int(sock(vm, o)?.family.get() as i64)), None),
    GetSetDef::new("type", |vm, o| Ok(vm.new_int(sock(vm, o)?.kind.get() as i64)), None),
    GetSetDef::new("proto", |vm, o| Ok(vm.new_int(sock(vm, o)?.proto.get() as i64)), None),
    GetSetDef::new("timeout", |vm, o| Ok(timeout_obj(vm, sock(vm, o)?.timeout.get())), None),
];

// ---- module functions --------------------------------------------------------------------------

fn new_socket_obj(vm: &Vm, fd: i32, family: i32, kind: i32, proto: i32) -> PyResult<Obj> {
    let ty = stored(vm, SOCKET_KEY);
    let s = Socket {
        fd: Cell::new(fd),
        family: Cell::new(family),
        kind: Cell::new(kind),
        proto: Cell::new(proto),
        timeout: Cell::new(-1.0),
    };
    let o = taipan_vm::api::types::alloc_instance(vm, &ty, &ty, s)?;
    let t = default_timeout(vm);
    if t >= 0.0 {
        sock(vm, &o)?.set_timeout(vm, t)?;
    }
    Ok(o)
}

fn f_socketpair(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "socketpair", a, k, 0, 3)?;
    let family = a.first().map_or(Ok(libc::AF_UNIX), |v| c_int(vm, v))?;
    let kind = a.get(1).map_or(Ok(libc::SOCK_STREAM), |v| c_int(vm, v))?;
    let proto = a.get(2).map_or(Ok(0), |v| c_int(vm, v))?;
    let mut fds = [0i32; 2];
    // SAFETY: socketpair(2) writes two descriptors.
    if unsafe { libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    let a0 = new_socket_obj(vm, fds[0], family, kind, proto)?;
    let a1 = new_socket_obj(vm, fds[1], family, kind, proto)?;
    Ok(vm.new_tuple(vec![a0, a1]))
}

fn f_dup(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [fd] = taipan_vm::api::args::exact::<1>(vm, "_socket.dup", a, k)?;
    let fd = c_int(vm, &fd)?;
    // SAFETY: plain fcntl(2).
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if new < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.new_int(new as i64))
}

fn f_close(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [fd] = taipan_vm::api::args::exact::<1>(vm, "_socket.close", a, k)?;
    let fd = c_int(vm, &fd)?;
    // SAFETY: the caller hands over `fd`.
    if unsafe { libc::close(fd) } < 0 && last_errno() != libc::ECONNRESET {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}

fn f_getdefaulttimeout(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "_socket.getdefaulttimeout", a, k)?;
    Ok(timeout_obj(vm, default_timeout(vm)))
}

fn f_setdefaulttimeout(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [t] = taipan_vm::api::args::exact::<1>(vm, "_socket.setdefaulttimeout", a, k)?;
    let t = parse_timeout(vm, &t)?;
    vm.lazy_types.borrow_mut().insert(DEFAULT_TIMEOUT_KEY, timeout_obj(vm, t));
    Ok(vm.none())
}

fn f_gethostname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "_socket.gethostname", a, k)?;
    taipan_vm::api::audit(vm, "socket.gethostname", Vec::new)?;
    let mut buf = [0 as libc::c_char; 1024];
    // SAFETY: the buffer and its size.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    // SAFETY: NUL-terminated (the last byte stays 0).
    let name = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned();
    Ok(vm.new_str(&name))
}

fn f_gethostbyname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "gethostbyname", a, k, 1, 1)?;
    let name = a[0].clone();
    let host = host_bytes(vm, &name, "gethostbyname")?;
    let sa = setipaddr(vm, &host, libc::AF_INET)?;
    // SAFETY: setipaddr(AF_INET) made a sockaddr_in.
    let sin = unsafe { &*(sa.ptr().cast::<libc::sockaddr_in>()) };
    Ok(vm.new_str(&ip_string(libc::AF_INET, &sin.sin_addr.s_addr.to_ne_bytes())))
}

/// `gethostbyname_ex(name)`: (canonical name, aliases, IPv4 addresses),
/// from getaddrinfo(3) with AI_CANONNAME (glibc's resolver gives no
/// aliases for names it resolves that way: the list is empty).
fn f_gethostbyname_ex(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "gethostbyname_ex", a, k, 1, 1)?;
    let host = host_bytes(vm, &a[0], "gethostbyname_ex")?;
    let infos = match resolve(vm, Some(&host), None, libc::AF_INET, libc::SOCK_STREAM, 0, libc::AI_CANONNAME)? {
        Ok(infos) => infos,
        Err(code) => return Err(gai_error(vm, code)),
    };
    let mut canon = String::from_utf8_lossy(&host).into_owned();
    let mut ips: Vec<String> = Vec::new();
    for (family, _, _, name, raw) in &infos {
        if !name.is_empty() {
            canon = name.clone();
        }
        if *family != libc::AF_INET || raw.0.len() < std::mem::size_of::<libc::sockaddr_in>() {
            continue;
        }
        let sa = raw.to_sockaddr();
        // SAFETY: an AF_INET result holds a sockaddr_in (length checked above).
        let sin = unsafe { &*(sa.ptr().cast::<libc::sockaddr_in>()) };
        let ip = ip_string(libc::AF_INET, &sin.sin_addr.s_addr.to_ne_bytes());
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    let ips = ips.iter().map(|s| vm.new_str(s)).collect();
    Ok(vm.new_tuple(vec![vm.new_str(&canon), vm.new_list(vec![]), vm.new_list(ips)]))
}

/// `gethostbyaddr(ip)`: (hostname, aliases, addresses), by a reverse
/// lookup without the GIL; herror(1, "Unknown host") when there is none.
fn f_gethostbyaddr(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "gethostbyaddr", a, k, 1, 1)?;
    let host = host_bytes(vm, &a[0], "gethostbyaddr")?;
    let sa = setipaddr(vm, &host, libc::AF_UNSPEC)?;
    let addr = make_sockaddr(vm, &sa)?;
    let ip = vm.getitem(&addr, &vm.new_int(0))?;
    let raw = SockAddrBytes(
        // SAFETY: the storage's first `len` bytes.
        unsafe { std::slice::from_raw_parts(sa.ptr().cast::<u8>(), sa.len as usize) }.to_vec(),
    );
    let name = vm.allow_threads(move || {
        let sa = raw.to_sockaddr();
        let mut hbuf = [0 as libc::c_char; 1025];
        // SAFETY: the address and a buffer with its size; no service.
        let r = unsafe {
            libc::getnameinfo(
                sa.ptr(),
                sa.len,
                hbuf.as_mut_ptr(),
                hbuf.len() as libc::socklen_t,
                std::ptr::null_mut(),
                0,
                libc::NI_NAMEREQD,
            )
        };
        // SAFETY: getnameinfo wrote a NUL-terminated string.
        (r == 0).then(|| unsafe { CStr::from_ptr(hbuf.as_ptr()) }.to_string_lossy().into_owned())
    });
    let Some(name) = name else {
        return Err(vm.new_exception(&stored(vm, HERROR_KEY), vec![vm.new_int(1), vm.new_str("Unknown host")]));
    };
    Ok(vm.new_tuple(vec![vm.new_str(&name), vm.new_list(vec![]), vm.new_list(vec![ip])]))
}

fn f_getaddrinfo(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p =
        taipan_vm::api::args::parse(vm, "getaddrinfo", a, k, &["host", "port", "family", "type", "proto", "flags"], 2)?;
    let host = p[0].clone().unwrap_or_else(|| vm.none());
    let host = if vm.is_none(&host) { None } else { Some(host_bytes(vm, &host, "getaddrinfo")?) };
    let port = p[1].clone().unwrap_or_else(|| vm.none());
    let port: Option<Vec<u8>> = if vm.is_none(&port) {
        None
    } else if int::value(&port).is_some() {
        Some(vm.to_i64(&port)?.to_string().into_bytes())
    } else if pystr::data(&port).is_some() {
        // UTF-8, strictly: a lone surrogate is a UnicodeEncodeError.
        Some(taipan_vm::api::codecs::encode_str(vm, &port, Some("utf-8"), None)?)
    } else if let Some(b) = bytes::as_bytes_ref(&port) {
        Some(b.to_vec())
    } else {
        return Err(vm.os_error("Int or String expected"));
    };
    let int_at = |i: usize| p[i].as_ref().map_or(Ok(0), |v| c_int(vm, v));
    let (family, kind, proto, flags) = (int_at(2)?, int_at(3)?, int_at(4)?, int_at(5)?);
    let list =
        resolve(vm, host.as_deref(), port.as_deref(), family, kind, proto, flags)?.map_err(|c| gai_error(vm, c))?;
    let mut out = Vec::with_capacity(list.len());
    for (fam, ty, pr, canon, raw) in list {
        let addr = make_sockaddr(vm, &raw.to_sockaddr())?;
        out.push(vm.new_tuple(vec![
            vm.new_int(fam as i64),
            vm.new_int(ty as i64),
            vm.new_int(pr as i64),
            vm.new_str(&canon),
            addr,
        ]));
    }
    Ok(vm.new_list(out))
}

fn f_getnameinfo(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "getnameinfo", a, k, 2, 2)?;
    let Some(items) = tuple_items(vm, &a[0]) else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    let flags = c_int(vm, &a[1])?;
    let host = host_bytes(vm, &items[0], "getnameinfo")?;
    let port = c_int(vm, &items[1])?;
    let flowinfo = items.get(2).map_or(Ok(0), |v| vm.to_i64(v))?;
    // An unsigned int ('I', wrapping) that must fit the 20-bit flow label.
    if !(0..=0xfffff).contains(&flowinfo) {
        return Err(vm.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    let scope = items.get(3).map_or(Ok(0), |v| vm.to_i64(v))?;
    let list = resolve(
        vm,
        Some(&host),
        Some(port.to_string().as_bytes()),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?
    .map_err(|c| gai_error(vm, c))?;
    if list.len() > 1 {
        return Err(vm.os_error("sockaddr resolved to multiple addresses"));
    }
    let Some(first) = list.first() else { return Err(gai_error(vm, libc::EAI_NONAME)) };
    let mut sa = first.4.to_sockaddr();
    if first.0 == libc::AF_INET6 {
        // SAFETY: the family says it is a sockaddr_in6.
        let sin6 = unsafe { &mut *(&mut sa.storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
        sin6.sin6_flowinfo = (flowinfo as u32).to_be();
        sin6.sin6_scope_id = scope as u32;
    } else if items.len() != 2 {
        return Err(vm.os_error("IPv4 sockaddr must be 2 tuple"));
    }
    let raw = SockAddrBytes(
        // SAFETY: the storage's first `len` bytes.
        unsafe { std::slice::from_raw_parts(sa.ptr().cast::<u8>(), sa.len as usize) }.to_vec(),
    );
    let r = vm.allow_threads(move || {
        let sa = raw.to_sockaddr();
        let mut hbuf = [0 as libc::c_char; 1025];
        let mut sbuf = [0 as libc::c_char; 32];
        // SAFETY: the address and two buffers with their sizes.
        let r = unsafe {
            libc::getnameinfo(
                sa.ptr(),
                sa.len,
                hbuf.as_mut_ptr(),
                hbuf.len() as libc::socklen_t,
                sbuf.as_mut_ptr(),
                sbuf.len() as libc::socklen_t,
                flags,
            )
        };
        if r != 0 {
            return Err(r);
        }
        // SAFETY: getnameinfo wrote NUL-terminated strings.
        let (h, s) = unsafe { (CStr::from_ptr(hbuf.as_ptr()), CStr::from_ptr(sbuf.as_ptr())) };
        Ok((h.to_string_lossy().into_owned(), s.to_string_lossy().into_owned()))
    });
    let (h, s) = r.map_err(|c| gai_error(vm, c))?;
    Ok(vm.new_tuple(vec![vm.new_str(&h), vm.new_str(&s)]))
}

fn c_str_arg(vm: &Vm, fname: &str, pos: usize, o: &Obj) -> PyResult<CString> {
    let Some(s) = pystr::as_str(o) else {
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", vm.type_name(o))));
    };
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

fn f_getservbyname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "getservbyname", a, k, 1, 2)?;
    let name = c_str_arg(vm, "getservbyname", 1, &a[0])?;
    let proto = a.get(1).map(|p| c_str_arg(vm, "getservbyname", 2, p)).transpose()?;
    // SAFETY: C strings; the result points into libc's static storage, read at once.
    let port = unsafe {
        let e = libc::getservbyname(name.as_ptr(), proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()));
        if e.is_null() {
            None
        } else {
            Some(u16::from_be((*e).s_port as u16))
        }
    };
    match port {
        Some(p) => Ok(vm.new_int(p as i64)),
        None => Err(vm.os_error("service/proto not found")),
    }
}

fn f_getservbyport(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "getservbyport", a, k, 1, 2)?;
    let port = c_int(vm, &a[0])?;
    if !(0..=0xffff).contains(&port) {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    }
    let proto = a.get(1).map(|p| c_str_arg(vm, "getservbyport", 2, p)).transpose()?;
    // SAFETY: the result points into libc's static storage, read at once.
    let name = unsafe {
        let e =
            libc::getservbyport((port as u16).to_be() as i32, proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()));
        if e.is_null() {
            None
        } else {
            Some(CStr::from_ptr((*e).s_name).to_string_lossy().into_owned())
        }
    };
    match name {
        Some(n) => Ok(vm.new_str(&n)),
        None => Err(vm.os_error("port/proto not found")),
    }
}

fn f_getprotobyname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "getprotobyname", a, k, 1, 1)?;
    let name = a[0].clone();
    let name = c_str_arg(vm, "getprotobyname", 1, &name)?;
    // SAFETY: the result points into libc's static storage, read at once.
    let num = unsafe {
        let e = libc::getprotobyname(name.as_ptr());
        if e.is_null() {
            None
        } else {
            Some((*e).p_proto)
        }
    };
    match num {
        Some(n) => Ok(vm.new_int(n as i64)),
        None => Err(vm.os_error("protocol not found")),
    }
}

fn f_inet_aton(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "inet_aton", a, k, 1, 1)?;
    let s = a[0].clone();
    let Some(text) = pystr::as_str(&s) else {
        return Err(vm.type_error(format!("inet_aton() argument 1 must be str, not {}", vm.type_name(&s))));
    };
    let c = CString::new(text).map_err(|_| vm.value_error("embedded null character"))?;
    let mut addr = libc::in_addr { s_addr: 0 };
    // SAFETY: a C string and an in_addr to fill.
    if unsafe { inet_aton(c.as_ptr(), &mut addr) } == 0 {
        return Err(vm.os_error("illegal IP address string passed to inet_aton"));
    }
    Ok(vm.new_bytes(addr.s_addr.to_ne_bytes().to_vec()))
}

// The libc crate does not bind these (POSIX, in every Unix libc).
extern "C" {
    fn inet_aton(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
    fn inet_pton(af: libc::c_int, src: *const libc::c_char, dst: *mut libc::c_void) -> libc::c_int;
    fn inet_ntop(
        af: libc::c_int,
        src: *const libc::c_void,
        dst: *mut libc::c_char,
        size: libc::socklen_t,
    ) -> *const libc::c_char;
}

fn f_inet_ntoa(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "inet_ntoa", a, k, 1, 1)?;
    let b = a[0].clone();
    let raw = buffer::with_bytes(vm, &b, |b| b.to_vec())?;
    if raw.len() != 4 {
        return Err(vm.os_error("packed IP wrong length for inet_ntoa"));
    }
    Ok(vm.new_str(&ip_string(libc::AF_INET, &raw)))
}

fn f_inet_pton(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "inet_pton", a, k, 2, 2)?;
    let af = c_int(vm, &a[0])?;
    let Some(text) = pystr::as_str(&a[1]) else {
        return Err(vm.type_error(format!("inet_pton() argument 2 must be str, not {}", vm.type_name(&a[1]))));
    };
    let c = CString::new(text).map_err(|_| vm.value_error("embedded null character"))?;
    let mut buf = [0u8; 16];
    // SAFETY: a C string and a 16-byte buffer (enough for either family).
    let r = unsafe { inet_pton(af, c.as_ptr(), buf.as_mut_ptr().cast()) };
    match r {
        r if r < 0 => Err(os_error(vm, last_errno())),
        0 => Err(vm.os_error("illegal IP address string passed to inet_pton")),
        _ => Ok(vm.new_bytes(buf[..if af == libc::AF_INET { 4 } else { 16 }].to_vec())),
    }
}

fn f_inet_ntop(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "inet_ntop", a, k, 2, 2)?;
    let af = c_int(vm, &a[0])?;
    let raw = buffer::with_bytes(vm, &a[1], |b| b.to_vec())?;
    let want = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => return Err(vm.value_error(format!("unknown address family {af}"))),
    };
    if raw.len() != want {
        return Err(vm.value_error("invalid length of packed IP address string"));
    }
    Ok(vm.new_str(&ip_string(af, &raw)))
}

fn u16_arg(vm: &Vm, fname: &str, o: &Obj) -> PyResult<u16> {
    if int::value(o).is_none() {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(o))));
    }
    if int::value(o).is_some_and(|v| v.is_negative()) {
        return Err(
            vm.overflow_error(format!("{fname}: can't convert negative Python int to C 16-bit unsigned integer"))
        );
    }
    match vm.to_i64(o).ok().and_then(|v| u16::try_from(v).ok()) {
        Some(v) => Ok(v),
        None => {
            Err(vm.overflow_error(format!("{fname}: Python int too large to convert to C 16-bit unsigned integer")))
        }
    }
}

fn u32_arg(vm: &Vm, o: &Obj) -> PyResult<u32> {
    if int::value(o).is_none() {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(o))));
    }
    if int::value(o).is_some_and(|v| v.is_negative()) {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    match vm.to_i64(o).ok().and_then(|v| u32::try_from(v).ok()) {
        Some(v) => Ok(v),
        None => Err(vm.overflow_error("int larger than 32 bits")),
    }
}

fn f_htons(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "htons", a, k, 1, 1)?;
    let x = a[0].clone();
    Ok(vm.new_int(u16_arg(vm, "htons", &x)?.to_be() as i64))
}

fn f_ntohs(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "ntohs", a, k, 1, 1)?;
    let x = a[0].clone();
    Ok(vm.new_int(u16::from_be(u16_arg(vm, "ntohs", &x)?) as i64))
}

fn f_htonl(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [x] = taipan_vm::api::args::exact::<1>(vm, "_socket.htonl", a, k)?;
    Ok(vm.new_int(u32_arg(vm, &x)?.to_be() as i64))
}

fn f_ntohl(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [x] = taipan_vm::api::args::exact::<1>(vm, "_socket.ntohl", a, k)?;
    Ok(vm.new_int(u32::from_be(u32_arg(vm, &x)?) as i64))
}

fn cmsg_arg(vm: &Vm, fname: &str, a: Args, k: Kw, measure: fn(usize) -> Option<usize>) -> PyResult<usize> {
    arity(vm, fname, a, k, 1, 1)?;
    let v = ssize(vm, &a[0])?;
    usize::try_from(v)
        .ok()
        .and_then(measure)
        .ok_or_else(|| vm.overflow_error(format!("{fname}() argument out of range")))
}

fn f_cmsg_len(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    Ok(vm.new_usize(cmsg_arg(vm, "CMSG_LEN", a, k, cmsg_len_of)?))
}

fn f_cmsg_space(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    Ok(vm.new_usize(cmsg_arg(vm, "CMSG_SPACE", a, k, cmsg_space_of)?))
}

fn f_if_nametoindex(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "if_nametoindex", a, k, 1, 1)?;
    let name = a[0].clone();
    let c = c_str_arg(vm, "if_nametoindex", 1, &name)?;
    // SAFETY: a C string.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(vm.os_error("no interface with this name"));
    }
    Ok(vm.new_int(i as i64))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("socketpair", f_socketpair),
    MethodDef::static_("dup", f_dup),
    MethodDef::static_("close", f_close),
    MethodDef::static_("getdefaulttimeout", f_getdefaulttimeout),
    MethodDef::static_("setdefaulttimeout", f_setdefaulttimeout),
    MethodDef::static_("gethostname", f_gethostname),
    MethodDef::static_("gethostbyname", f_gethostbyname),
    MethodDef::static_("gethostbyaddr", f_gethostbyaddr),
    MethodDef::static_("gethostbyname_ex", f_gethostbyname_ex),
    MethodDef::static_("getaddrinfo", f_getaddrinfo),
    MethodDef::static_("getnameinfo", f_getnameinfo),
    MethodDef::static_("getservbyname", f_getservbyname),
    MethodDef::static_("getservbyport", f_getservbyport),
    MethodDef::static_("getprotobyname", f_getprotobyname),
    MethodDef::static_("inet_aton", f_inet_aton),
    MethodDef::static_("inet_ntoa", f_inet_ntoa),
    MethodDef::static_("inet_pton", f_inet_pton),
    MethodDef::static_("inet_ntop", f_inet_ntop),
    MethodDef::static_("htons", f_htons),
    MethodDef::static_("ntohs", f_ntohs),
    MethodDef::static_("htonl", f_htonl),
    MethodDef::static_("ntohl", f_ntohl),
    MethodDef::static_("CMSG_LEN", f_cmsg_len),
    MethodDef::static_("CMSG_SPACE", f_cmsg_space),
    MethodDef::static_("if_nametoindex", f_if_nametoindex),
    MethodDef::static_("if_indextoname", f_if_indextoname),
    MethodDef::static_("if_nameindex", f_if_nameindex),
    MethodDef::static_("sethostname", f_sethostname),
];

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(SOCKET_KEY) {
        return Ok(());
    }
    let exc = |name: &str| -> PyResult<Obj> {
        let ns = vm.new_dict();
        dict::set_item_str(vm, &ns, "__module__", vm.new_str("socket"))?;
        let bases = vm.new_tuple(vec![vm.ctx.exceptions.os_error.clone()]);
        vm.call(&vm.ctx.types.type_, &[vm.new_str(name), bases, ns], None)
    };
    let herror = exc("herror")?;
    let gaierror = exc("gaierror")?;
    let spec = TypeSpec {
        name: "_socket.socket",
        base: None,
        flags: taipan_vm::api::types::flags::BASETYPE,
        // A GC header holds the "finalized" bit its finalizer needs.
        gc: true,
        dict: false,
        weakref: false,
        methods: SOCKET_METHODS,
        getsets: SOCKET_GETSETS,
        doc: Some("socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\nsocket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\nOpen a socket of the given type."),
    };
    let ty = taipan_vm::api::types::new_type::<Socket>(vm, &spec, |s| {
        s.new.set(Some(socket_new));
        s.init.set(Some(socket_init));
        s.repr.set(Some(socket_repr));
    });
    if let Some(t) = ty.payload::<taipan_vm::api::types::TypeObject>() {
        t.finalize.set(Some(sock_finalize));
    }
    let mut t = vm.lazy_types.borrow_mut();
    t.insert(SOCKET_KEY, ty);
    t.insert(HERROR_KEY, herror);
    t.insert(GAIERROR_KEY, gaierror);
    t.insert(DEFAULT_TIMEOUT_KEY, vm.none());
    Ok(())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm)?;
    let m = module::new_module(vm, "_socket");
    let d = module::module_dict(&m);
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    set("__doc__", vm.new_str(DOC))?;
    let ty = stored(vm, SOCKET_KEY);
    set("socket", ty.clone())?;
    set("SocketType", ty)?;
    set("error", vm.ctx.exceptions.os_error.clone())?;
    set("herror", stored(vm, HERROR_KEY))?;
    set("gaierror", stored(vm, GAIERROR_KEY))?;
    set("timeout", vm.ctx.exceptions.by_name.get("TimeoutError").cloned().unwrap_or_else(|| vm.none()))?;
    set("has_ipv6", vm.bool_obj(true))?;
    for &(name, value) in CONSTANTS {
        set(name, vm.new_int(value))?;
    }
    module::add_functions(vm, &m, "_socket", FUNCTIONS);
    Ok(m)
}

/// The constants CPython's `_socket` defines on Linux: libc's where it has
/// them, else the values CPython 3.11 reports on Linux.
const CONSTANTS: &[(&str, i64)] = &[
    ("AF_ALG", libc::AF_ALG as i64),
    ("AF_APPLETALK", libc::AF_APPLETALK as i64),
    ("AF_ASH", libc::AF_ASH as i64),
    ("AF_ATMPVC", libc::AF_ATMPVC as i64),
    ("AF_ATMSVC", libc::AF_ATMSVC as i64),
    ("AF_AX25", libc::AF_AX25 as i64),
    ("AF_BRIDGE", libc::AF_BRIDGE as i64),
    ("AF_CAN", libc::AF_CAN as i64),
    ("AF_DECnet", 12),
    ("AF_ECONET", libc::AF_ECONET as i64),
    ("AF_INET", libc::AF_INET as i64),
    ("AF_INET6", libc::AF_INET6 as i64),
    ("AF_IPX", libc::AF_IPX as i64),
    ("AF_IRDA", libc::AF_IRDA as i64),
    ("AF_KEY", libc::AF_KEY as i64),
    ("AF_LLC", libc::AF_LLC as i64),
    ("AF_NETBEUI", libc::AF_NETBEUI as i64),
    ("AF_NETLINK", libc::AF_NETLINK as i64),
    ("AF_NETROM", libc::AF_NETROM as i64),
    ("AF_PACKET", libc::AF_PACKET as i64),
    ("AF_PPPOX", libc::AF_PPPOX as i64),
    ("AF_QIPCRTR", 42),
    ("AF_RDS", libc::AF_RDS as i64),
    ("AF_ROSE", libc::AF_ROSE as i64),
    ("AF_ROUTE", libc::AF_ROUTE as i64),
    ("AF_SECURITY", libc::AF_SECURITY as i64),
    ("AF_SNA", libc::AF_SNA as i64),
    ("AF_TIPC", libc::AF_TIPC as i64),
    ("AF_UNIX", libc::AF_UNIX as i64),
    ("AF_UNSPEC", libc::AF_UNSPEC as i64),
    ("AF_VSOCK", libc::AF_VSOCK as i64),
    ("AF_WANPIPE", libc::AF_WANPIPE as i64),
    ("AF_X25", libc::AF_X25 as i64),
    ("AI_ADDRCONFIG", libc::AI_ADDRCONFIG as i64),
    ("AI_ALL", libc::AI_ALL as i64),
    ("AI_CANONNAME", libc::AI_CANONNAME as i64),
    ("AI_NUMERICHOST", libc::AI_NUMERICHOST as i64),
    ("AI_NUMERICSERV", libc::AI_NUMERICSERV as i64),
    ("AI_PASSIVE", libc::AI_PASSIVE as i64),
    ("AI_V4MAPPED", libc::AI_V4MAPPED as i64),
    ("ALG_OP_DECRYPT", libc::ALG_OP_DECRYPT as i64),
    ("ALG_OP_ENCRYPT", libc::ALG_OP_ENCRYPT as i64),
    ("ALG_OP_SIGN", 2),
    ("ALG_OP_VERIFY", 3),
    ("ALG_SET_AEAD_ASSOCLEN", libc::ALG_SET_AEAD_ASSOCLEN as i64),
    ("ALG_SET_AEAD_AUTHSIZE", libc::ALG_SET_AEAD_AUTHSIZE as i64),
    ("ALG_SET_IV", libc::ALG_SET_IV as i64),
    ("ALG_SET_KEY", libc::ALG_SET_KEY as i64),
    ("ALG_SET_OP", libc::ALG_SET_OP as i64),
    ("ALG_SET_PUBKEY", 6),
    ("CAN_BCM", 2),
    ("CAN_BCM_CAN_FD_FRAME", 2048),
    ("CAN_BCM_RX_ANNOUNCE_RESUME", 256),
    ("CAN_BCM_RX_CHANGED", 12),
    ("CAN_BCM_RX_CHECK_DLC", 64),
    ("CAN_BCM_RX_DELETE", 6),
    ("CAN_BCM_RX_FILTER_ID", 32),
    ("CAN_BCM_RX_NO_AUTOTIMER", 128),
    ("CAN_BCM_RX_READ", 7),
    ("CAN_BCM_RX_RTR_FRAME", 1024),
    ("CAN_BCM_RX_SETUP", 5),
    ("CAN_BCM_RX_STATUS", 10),
    ("CAN_BCM_RX_TIMEOUT", 11),
    ("CAN_BCM_SETTIMER", 1),
    ("CAN_BCM_STARTTIMER", 2),
    ("CAN_BCM_TX_ANNOUNCE", 8),
    ("CAN_BCM_TX_COUNTEVT", 4),
    ("CAN_BCM_TX_CP_CAN_ID", 16),
    ("CAN_BCM_TX_DELETE", 2),
    ("CAN_BCM_TX_EXPIRED", 9),
    ("CAN_BCM_TX_READ", 3),
    ("CAN_BCM_TX_RESET_MULTI_IDX", 512),
    ("CAN_BCM_TX_SEND", 4),
    ("CAN_BCM_TX_SETUP", 1),
    ("CAN_BCM_TX_STATUS", 8),
    ("CAN_EFF_FLAG", 2147483648),
    ("CAN_EFF_MASK", 536870911),
    ("CAN_ERR_FLAG", 536870912),
    ("CAN_ERR_MASK", 536870911),
    ("CAN_ISOTP", 6),
    ("CAN_J1939", 7),
    ("CAN_RAW", 1),
    ("CAN_RAW_FD_FRAMES", 5),
    ("CAN_RAW_FILTER", 1),
    ("CAN_RAW_JOIN_FILTERS", 6),
    ("CAN_RAW_LOOPBACK", 3),
    ("CAN_RAW_RECV_OWN_MSGS", 4),
    ("CAN_RTR_FLAG", 1073741824),
    ("CAN_SFF_MASK", 2047),
    ("EAI_ADDRFAMILY", -9),
    ("EAI_AGAIN", libc::EAI_AGAIN as i64),
    ("EAI_BADFLAGS", libc::EAI_BADFLAGS as i64),
    ("EAI_FAIL", libc::EAI_FAIL as i64),
    ("EAI_FAMILY", libc::EAI_FAMILY as i64),
    ("EAI_MEMORY", libc::EAI_MEMORY as i64),
    ("EAI_NODATA", libc::EAI_NODATA as i64),
    ("EAI_NONAME", libc::EAI_NONAME as i64),
    ("EAI_OVERFLOW", libc::EAI_OVERFLOW as i64),
    ("EAI_SERVICE", libc::EAI_SERVICE as i64),
    ("EAI_SOCKTYPE", libc::EAI_SOCKTYPE as i64),
    ("EAI_SYSTEM", libc::EAI_SYSTEM as i64),
    ("INADDR_ALLHOSTS_GROUP", 3758096385),
    ("INADDR_ANY", libc::INADDR_ANY as i64),
    ("INADDR_BROADCAST", libc::INADDR_BROADCAST as i64),
    ("INADDR_LOOPBACK", libc::INADDR_LOOPBACK as i64),
    ("INADDR_MAX_LOCAL_GROUP", 3758096639),
    ("INADDR_NONE", libc::INADDR_NONE as i64),
    ("INADDR_UNSPEC_GROUP", 3758096384),
    ("IOCTL_VM_SOCKETS_GET_LOCAL_CID", 1977),
    ("IPPORT_RESERVED", 1024),
    ("IPPORT_USERRESERVED", 5000),
    ("IPPROTO_AH", libc::IPPROTO_AH as i64),
    ("IPPROTO_DSTOPTS", libc::IPPROTO_DSTOPTS as i64),
    ("IPPROTO_EGP", libc::IPPROTO_EGP as i64),
    ("IPPROTO_ESP", libc::IPPROTO_ESP as i64),
    ("IPPROTO_FRAGMENT", libc::IPPROTO_FRAGMENT as i64),
    ("IPPROTO_GRE", libc::IPPROTO_GRE as i64),
    ("IPPROTO_HOPOPTS", libc::IPPROTO_HOPOPTS as i64),
    ("IPPROTO_ICMP", libc::IPPROTO_ICMP as i64),
    ("IPPROTO_ICMPV6", libc::IPPROTO_ICMPV6 as i64),
    ("IPPROTO_IDP", libc::IPPROTO_IDP as i64),
    ("IPPROTO_IGMP", libc::IPPROTO_IGMP as i64),
    ("IPPROTO_IP", libc::IPPROTO_IP as i64),
    ("IPPROTO_IPIP", libc::IPPROTO_IPIP as i64),
    ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
    ("IPPROTO_MPTCP", libc::IPPROTO_MPTCP as i64),
    ("IPPROTO_NONE", libc::IPPROTO_NONE as i64),
    ("IPPROTO_PIM", libc::IPPROTO_PIM as i64),
    ("IPPROTO_PUP", libc::IPPROTO_PUP as i64),
    ("IPPROTO_RAW", libc::IPPROTO_RAW as i64),
    ("IPPROTO_ROUTING", libc::IPPROTO_ROUTING as i64),
    ("IPPROTO_RSVP", libc::IPPROTO_RSVP as i64),
    ("IPPROTO_SCTP", libc::IPPROTO_SCTP as i64),
    ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
    ("IPPROTO_TP", libc::IPPROTO_TP as i64),
    ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
    ("IPPROTO_UDPLITE", libc::IPPROTO_UDPLITE as i64),
    ("IPV6_CHECKSUM", libc::IPV6_CHECKSUM as i64),
    ("IPV6_DONTFRAG", libc::IPV6_DONTFRAG as i64),
    ("IPV6_DSTOPTS", libc::IPV6_DSTOPTS as i64),
    ("IPV6_HOPLIMIT", libc::IPV6_HOPLIMIT as i64),
    ("IPV6_HOPOPTS", libc::IPV6_HOPOPTS as i64),
    ("IPV6_JOIN_GROUP", 20),
    ("IPV6_LEAVE_GROUP", 21),
    ("IPV6_MULTICAST_HOPS", libc::IPV6_MULTICAST_HOPS as i64),
    ("IPV6_MULTICAST_IF", libc::IPV6_MULTICAST_IF as i64),
    ("IPV6_MULTICAST_LOOP", libc::IPV6_MULTICAST_LOOP as i64),
    ("IPV6_NEXTHOP", libc::IPV6_NEXTHOP as i64),
    ("IPV6_PATHMTU", libc::IPV6_PATHMTU as i64),
    ("IPV6_PKTINFO", libc::IPV6_PKTINFO as i64),
    ("IPV6_RECVDSTOPTS", libc::IPV6_RECVDSTOPTS as i64),
    ("IPV6_RECVHOPLIMIT", libc::IPV6_RECVHOPLIMIT as i64),
    ("IPV6_RECVHOPOPTS", libc::IPV6_RECVHOPOPTS as i64),
    ("IPV6_RECVPATHMTU", libc::IPV6_RECVPATHMTU as i64),
    ("IPV6_RECVPKTINFO", libc::IPV6_RECVPKTINFO as i64),
    ("IPV6_RECVRTHDR", libc::IPV6_RECVRTHDR as i64),
    ("IPV6_RECVTCLASS", libc::IPV6_RECVTCLASS as i64),
    ("IPV6_RTHDR", libc::IPV6_RTHDR as i64),
    ("IPV6_RTHDRDSTOPTS", libc::IPV6_RTHDRDSTOPTS as i64),
    ("IPV6_RTHDR_TYPE_0", 0),
    ("IPV6_TCLASS", libc::IPV6_TCLASS as i64),
    ("IPV6_UNICAST_HOPS", libc::IPV6_UNICAST_HOPS as i64),
    ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
    ("IP_ADD_MEMBERSHIP", libc::IP_ADD_MEMBERSHIP as i64),
    ("IP_BIND_ADDRESS_NO_PORT", libc::IP_BIND_ADDRESS_NO_PORT as i64),
    ("IP_DEFAULT_MULTICAST_LOOP", libc::IP_DEFAULT_MULTICAST_LOOP as i64),
    ("IP_DEFAULT_MULTICAST_TTL", libc::IP_DEFAULT_MULTICAST_TTL as i64),
    ("IP_DROP_MEMBERSHIP", libc::IP_DROP_MEMBERSHIP as i64),
    ("IP_HDRINCL", libc::IP_HDRINCL as i64),
    ("IP_MAX_MEMBERSHIPS", 20),
    ("IP_MULTICAST_IF", libc::IP_MULTICAST_IF as i64),
    ("IP_MULTICAST_LOOP", libc::IP_MULTICAST_LOOP as i64),
    ("IP_MULTICAST_TTL", libc::IP_MULTICAST_TTL as i64),
    ("IP_OPTIONS", libc::IP_OPTIONS as i64),
    ("IP_RECVOPTS", libc::IP_RECVOPTS as i64),
    ("IP_RECVRETOPTS", 7),
    ("IP_RECVTOS", libc::IP_RECVTOS as i64),
    ("IP_RETOPTS", libc::IP_RETOPTS as i64),
    ("IP_TOS", libc::IP_TOS as i64),
    ("IP_TRANSPARENT", libc::IP_TRANSPARENT as i64),
    ("IP_TTL", libc::IP_TTL as i64),
    ("J1939_EE_INFO_NONE", 0),
    ("J1939_EE_INFO_TX_ABORT", 1),
    ("J1939_FILTER_MAX", 512),
    ("J1939_IDLE_ADDR", 254),
    ("J1939_MAX_UNICAST_ADDR", 253),
    ("J1939_NLA_BYTES_ACKED", 1),
    ("J1939_NLA_PAD", 0),
    ("J1939_NO_ADDR", 255),
    ("J1939_NO_NAME", 0),
    ("J1939_NO_PGN", 262144),
    ("J1939_PGN_ADDRESS_CLAIMED", 60928),
    ("J1939_PGN_ADDRESS_COMMANDED", 65240),
    ("J1939_PGN_MAX", 262143),
    ("J1939_PGN_PDU1_MAX", 261888),
    ("J1939_PGN_REQUEST", 59904),
    ("MSG_CMSG_CLOEXEC", libc::MSG_CMSG_CLOEXEC as i64),
    ("MSG_CONFIRM", libc::MSG_CONFIRM as i64),
    ("MSG_CTRUNC", libc::MSG_CTRUNC as i64),
    ("MSG_DONTROUTE", libc::MSG_DONTROUTE as i64),
    ("MSG_DONTWAIT", libc::MSG_DONTWAIT as i64),
    ("MSG_EOR", libc::MSG_EOR as i64),
    ("MSG_ERRQUEUE", libc::MSG_ERRQUEUE as i64),
    ("MSG_FASTOPEN", libc::MSG_FASTOPEN as i64),
    ("MSG_MORE", libc::MSG_MORE as i64),
    ("MSG_NOSIGNAL", libc::MSG_NOSIGNAL as i64),
    ("MSG_OOB", libc::MSG_OOB as i64),
    ("MSG_PEEK", libc::MSG_PEEK as i64),
    ("MSG_TRUNC", libc::MSG_TRUNC as i64),
    ("MSG_WAITALL", libc::MSG_WAITALL as i64),
    ("NETLINK_CRYPTO", libc::NETLINK_CRYPTO as i64),
    ("NETLINK_DNRTMSG", libc::NETLINK_DNRTMSG as i64),
    ("NETLINK_FIREWALL", libc::NETLINK_FIREWALL as i64),
    ("NETLINK_IP6_FW", libc::NETLINK_IP6_FW as i64),
    ("NETLINK_NFLOG", libc::NETLINK_NFLOG as i64),
    ("NETLINK_ROUTE", libc::NETLINK_ROUTE as i64),
    ("NETLINK_USERSOCK", libc::NETLINK_USERSOCK as i64),
    ("NETLINK_XFRM", libc::NETLINK_XFRM as i64),
    ("NI_DGRAM", libc::NI_DGRAM as i64),
    ("NI_MAXHOST", libc::NI_MAXHOST as i64),
    ("NI_MAXSERV", 32),
    ("NI_NAMEREQD", libc::NI_NAMEREQD as i64),
    ("NI_NOFQDN", libc::NI_NOFQDN as i64),
    ("NI_NUMERICHOST", libc::NI_NUMERICHOST as i64),
    ("NI_NUMERICSERV", libc::NI_NUMERICSERV as i64),
    ("PACKET_BROADCAST", 1),
    ("PACKET_FASTROUTE", 6),
    ("PACKET_HOST", 0),
    ("PACKET_LOOPBACK", 5),
    ("PACKET_MULTICAST", 2),
    ("PACKET_OTHERHOST", 3),
    ("PACKET_OUTGOING", 4),
    ("PF_CAN", libc::PF_CAN as i64),
    ("PF_PACKET", libc::PF_PACKET as i64),
    ("PF_RDS", libc::PF_RDS as i64),
    ("SCM_CREDENTIALS", libc::SCM_CREDENTIALS as i64),
    ("SCM_J1939_DEST_ADDR", 1),
    ("SCM_J1939_DEST_NAME", 2),
    ("SCM_J1939_ERRQUEUE", 4),
    ("SCM_J1939_PRIO", 3),
    ("SCM_RIGHTS", libc::SCM_RIGHTS as i64),
    ("SHUT_RD", libc::SHUT_RD as i64),
    ("SHUT_RDWR", libc::SHUT_RDWR as i64),
    ("SHUT_WR", libc::SHUT_WR as i64),
    ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC as i64),
    ("SOCK_DGRAM", libc::SOCK_DGRAM as i64),
    ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK as i64),
    ("SOCK_RAW", libc::SOCK_RAW as i64),
    ("SOCK_RDM", libc::SOCK_RDM as i64),
    ("SOCK_SEQPACKET", libc::SOCK_SEQPACKET as i64),
    ("SOCK_STREAM", libc::SOCK_STREAM as i64),
    ("SOL_ALG", libc::SOL_ALG as i64),
    ("SOL_CAN_BASE", 100),
    ("SOL_CAN_RAW", 101),
    ("SOL_IP", libc::SOL_IP as i64),
    ("SOL_RDS", libc::SOL_RDS as i64),
    ("SOL_SOCKET", libc::SOL_SOCKET as i64),
    ("SOL_TCP", libc::SOL_TCP as i64),
    ("SOL_TIPC", libc::SOL_TIPC as i64),
    ("SOL_UDP", libc::SOL_UDP as i64),
    ("SOMAXCONN", libc::SOMAXCONN as i64),
    ("SO_ACCEPTCONN", libc::SO_ACCEPTCONN as i64),
    ("SO_BINDTODEVICE", libc::SO_BINDTODEVICE as i64),
    ("SO_BROADCAST", libc::SO_BROADCAST as i64),
    ("SO_DEBUG", libc::SO_DEBUG as i64),
    ("SO_DOMAIN", libc::SO_DOMAIN as i64),
    ("SO_DONTROUTE", libc::SO_DONTROUTE as i64),
    ("SO_ERROR", libc::SO_ERROR as i64),
    ("SO_INCOMING_CPU", 49),
    ("SO_J1939_ERRQUEUE", 4),
    ("SO_J1939_FILTER", 1),
    ("SO_J1939_PROMISC", 2),
    ("SO_J1939_SEND_PRIO", 3),
    ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
    ("SO_LINGER", libc::SO_LINGER as i64),
    ("SO_MARK", libc::SO_MARK as i64),
    ("SO_OOBINLINE", libc::SO_OOBINLINE as i64),
    ("SO_PASSCRED", libc::SO_PASSCRED as i64),
    ("SO_PASSSEC", libc::SO_PASSSEC as i64),
    ("SO_PEERCRED", libc::SO_PEERCRED as i64),
    ("SO_PEERSEC", libc::SO_PEERSEC as i64),
    ("SO_PRIORITY", libc::SO_PRIORITY as i64),
    ("SO_PROTOCOL", libc::SO_PROTOCOL as i64),
    ("SO_RCVBUF", libc::SO_RCVBUF as i64),
    ("SO_RCVLOWAT", libc::SO_RCVLOWAT as i64),
    ("SO_RCVTIMEO", libc::SO_RCVTIMEO as i64),
    ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
    ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
    ("SO_SNDBUF", libc::SO_SNDBUF as i64),
    ("SO_SNDLOWAT", libc::SO_SNDLOWAT as i64),
    ("SO_SNDTIMEO", libc::SO_SNDTIMEO as i64),
    ("SO_TYPE", libc::SO_TYPE as i64),
    ("SO_VM_SOCKETS_BUFFER_MAX_SIZE", 2),
    ("SO_VM_SOCKETS_BUFFER_MIN_SIZE", 1),
    ("SO_VM_SOCKETS_BUFFER_SIZE", 0),
    ("TCP_CONGESTION", libc::TCP_CONGESTION as i64),
    ("TCP_CORK", libc::TCP_CORK as i64),
    ("TCP_DEFER_ACCEPT", libc::TCP_DEFER_ACCEPT as i64),
    ("TCP_FASTOPEN", libc::TCP_FASTOPEN as i64),
    ("TCP_INFO", libc::TCP_INFO as i64),
    ("TCP_KEEPCNT", libc::TCP_KEEPCNT as i64),
    ("TCP_KEEPIDLE", libc::TCP_KEEPIDLE as i64),
    ("TCP_KEEPINTVL", libc::TCP_KEEPINTVL as i64),
    ("TCP_LINGER2", libc::TCP_LINGER2 as i64),
    ("TCP_MAXSEG", libc::TCP_MAXSEG as i64),
    ("TCP_NODELAY", libc::TCP_NODELAY as i64),
    ("TCP_NOTSENT_LOWAT", libc::TCP_NOTSENT_LOWAT as i64),
    ("TCP_QUICKACK", libc::TCP_QUICKACK as i64),
    ("TCP_SYNCNT", libc::TCP_SYNCNT as i64),
    ("TCP_USER_TIMEOUT", libc::TCP_USER_TIMEOUT as i64),
    ("TCP_WINDOW_CLAMP", libc::TCP_WINDOW_CLAMP as i64),
    ("TIPC_ADDR_ID", 3),
    ("TIPC_ADDR_NAME", 2),
    ("TIPC_ADDR_NAMESEQ", 1),
    ("TIPC_CFG_SRV", 0),
    ("TIPC_CLUSTER_SCOPE", 2),
    ("TIPC_CONN_TIMEOUT", 130),
    ("TIPC_CRITICAL_IMPORTANCE", 3),
    ("TIPC_DEST_DROPPABLE", 129),
    ("TIPC_HIGH_IMPORTANCE", 2),
    ("TIPC_IMPORTANCE", 127),
    ("TIPC_LOW_IMPORTANCE", 0),
    ("TIPC_MEDIUM_IMPORTANCE", 1),
    ("TIPC_NODE_SCOPE", 3),
    ("TIPC_PUBLISHED", 1),
    ("TIPC_SRC_DROPPABLE", 128),
    ("TIPC_SUBSCR_TIMEOUT", 3),
    ("TIPC_SUB_CANCEL", 4),
    ("TIPC_SUB_PORTS", 1),
    ("TIPC_SUB_SERVICE", 2),
    ("TIPC_TOP_SRV", 1),
    ("TIPC_WAIT_FOREVER", -1),
    ("TIPC_WITHDRAWN", 2),
    ("TIPC_ZONE_SCOPE", 1),
    ("UDPLITE_RECV_CSCOV", 11),
    ("UDPLITE_SEND_CSCOV", 10),
    ("VMADDR_CID_ANY", libc::VMADDR_CID_ANY as i64),
    ("VMADDR_CID_HOST", libc::VMADDR_CID_HOST as i64),
    ("VMADDR_PORT_ANY", libc::VMADDR_PORT_ANY as i64),
    ("VM_SOCKETS_INVALID_VERSION", 4294967295),
];

// ---- sendmsg / recvmsg (ancillary data) --------------------------------------------------------

/// One `(cmsg_level, cmsg_type, cmsg_data)` item of `sendmsg()`.
struct Cmsg {
    level: i32,
    kind: i32,
    data: Vec<u8>,
}

/// CPython's `SOCKLEN_T_LIMIT`: the largest control length it accepts.
const SOCKLEN_T_LIMIT: usize = i32::MAX as usize;

/// `CMSG_LEN(n)`, or None past `SOCKLEN_T_LIMIT` (CPython's `get_CMSG_LEN`).
fn cmsg_len_of(n: usize) -> Option<usize> {
    // SAFETY: pure arithmetic macro.
    let header = unsafe { libc::CMSG_LEN(0) } as usize;
    if n > SOCKLEN_T_LIMIT - header {
        return None;
    }
    // SAFETY: pure arithmetic macro; `n` fits a u32 (checked above).
    let v = unsafe { libc::CMSG_LEN(n as u32) } as usize;
    (v <= SOCKLEN_T_LIMIT && v >= n).then_some(v)
}

/// `CMSG_SPACE(n)`, or None past `SOCKLEN_T_LIMIT` (CPython's
/// `get_CMSG_SPACE`, which leaves room for padding before and after).
fn cmsg_space_of(n: usize) -> Option<usize> {
    // SAFETY: pure arithmetic macro.
    let one = unsafe { libc::CMSG_SPACE(1) } as usize;
    if n > SOCKLEN_T_LIMIT - one {
        return None;
    }
    // SAFETY: pure arithmetic macro; `n` fits a u32 (checked above).
    let v = unsafe { libc::CMSG_SPACE(n as u32) } as usize;
    (v <= SOCKLEN_T_LIMIT && v >= n).then_some(v)
}

/// The items of an iterable as a list (`PySequence_Fast`), with `msg` as
/// the TypeError of a non-iterable.
fn fast_items(vm: &Vm, o: &Obj, msg: &str) -> PyResult<Vec<Obj>> {
    let it =
        vm.iter(o)
            .map_err(|e| if vm.err_matches(&e, &vm.ctx.exceptions.type_error) { vm.type_error(msg) } else { e })?;
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// `sendmsg()`'s data buffers, joined (`sock_sendmsg_iovec`).
fn sendmsg_data(vm: &Vm, o: &Obj, fname: &str) -> PyResult<Vec<Vec<u8>>> {
    let items = fast_items(vm, o, &format!("{fname}() argument 1 must be an iterable"))?;
    if items.len() > i32::MAX as usize {
        return Err(vm.os_error(format!("{fname}() argument 1 is too long")));
    }
    items.iter().map(|b| buffer::with_simple_bytes(vm, b, |d| d.to_vec())).collect()
}

/// One ancillary data item: CPython parses it with `"(iiy*)"`.
fn cmsg_item(vm: &Vm, item: &Obj) -> PyResult<Cmsg> {
    const WHAT: &str = "[sendmsg() ancillary data items]()";
    // PySequence_Check: a class with __getitem__ that is not a dict.
    let is_seq =
        !vm.isinstance_type(item, &vm.ctx.types.dict) && vm.getattr_str(&item.class_obj(), "__getitem__").is_ok();
    let fields = if is_seq {
        fast_items(vm, item, "")?
    } else {
        return Err(vm.type_error(format!("{WHAT} argument must be 3-item sequence, not {}", vm.type_name(item))));
    };
    if fields.len() != 3 {
        return Err(vm.type_error(format!("{WHAT} argument must be sequence of length 3, not {}", fields.len())));
    }
    let level = c_int(vm, &fields[0])?;
    let kind = c_int(vm, &fields[1])?;
    let data = buffer::with_simple_bytes(vm, &fields[2], |d| d.to_vec())?;
    Ok(Cmsg { level, kind, data })
}

/// The control buffer holding `items` (CMSG_SPACE each), 8-byte aligned as
/// `struct cmsghdr` needs; empty for no items.
fn build_control(vm: &Vm, items: &[Cmsg]) -> PyResult<Vec<u64>> {
    let mut total: usize = 0;
    for c in items {
        let space = cmsg_space_of(c.data.len()).ok_or_else(|| vm.os_error("ancillary data item too large"))?;
        total = total
            .checked_add(space)
            .filter(|t| *t <= u32::MAX as usize)
            .ok_or_else(|| vm.os_error("too much ancillary data"))?;
    }
    let words = total.div_ceil(8);
    let mut buf = vm.try_vec::<u64>(words)?;
    buf.resize(words, 0);
    let base = buf.as_mut_ptr().cast::<u8>();
    let hdr = std::mem::size_of::<libc::cmsghdr>();
    let mut off = 0;
    for c in items {
        let len = cmsg_len_of(c.data.len()).ok_or_else(|| {
            vm.new_exception_msg(&vm.ctx.exceptions.by_name["RuntimeError"], "item size out of range for CMSG_LEN()")
        })?;
        let header = libc::cmsghdr { cmsg_len: len as _, cmsg_level: c.level, cmsg_type: c.kind };
        let data_off = off + cmsg_len_of(0).unwrap_or(hdr);
        // SAFETY: `off` is a multiple of 8 below `total` (each item took
        // its CMSG_SPACE), so the header and its data lie in the buffer.
        unsafe {
            std::ptr::write_unaligned(base.add(off).cast::<libc::cmsghdr>(), header);
            std::ptr::copy_nonoverlapping(c.data.as_ptr(), base.add(data_off), c.data.len());
        }
        off += cmsg_space_of(c.data.len()).unwrap_or(0);
    }
    Ok(buf)
}

fn m_sendmsg(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "sendmsg", a, k, 1, 4)?;
    let s = sock(vm, o)?;
    let data = sendmsg_data(vm, &a[0], "sendmsg")?;
    let cmsgs = match a.get(1) {
        Some(c) => fast_items(vm, c, "sendmsg() argument 2 must be an iterable")?
            .iter()
            .map(|i| cmsg_item(vm, i))
            .collect::<PyResult<Vec<_>>>()?,
        None => Vec::new(),
    };
    let flags = a.get(2).map_or(Ok(0), |f| c_int(vm, f))?;
    let addr_arg = a.get(3).filter(|x| !vm.is_none(x)).cloned();
    let addr = addr_arg.as_ref().map(|x| sockaddr_arg(vm, s.family.get(), x, "sendmsg")).transpose()?;
    taipan_vm::api::audit(vm, "socket.sendmsg", || vec![o.clone(), addr_arg.clone().unwrap_or_else(|| vm.none())])?;
    let mut control = build_control(vm, &cmsgs)?;
    let controllen: usize = cmsgs.iter().filter_map(|c| cmsg_space_of(c.data.len())).sum();
    let iov: Vec<libc::iovec> =
        data.iter().map(|d| libc::iovec { iov_base: d.as_ptr() as *mut libc::c_void, iov_len: d.len() }).collect();
    let fd = s.fd.get();
    let (iov_p, iov_n) = (iov.as_ptr() as usize, iov.len());
    let (ctl_p, name) = (control.as_mut_ptr() as usize, addr.as_ref().map(|sa| (sa.ptr() as usize, sa.len)));
    let sent = s.call(vm, true, move || {
        // SAFETY: msghdr is plain old data; zero is a valid start.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        if let Some((p, l)) = name {
            msg.msg_name = p as *mut libc::c_void;
            msg.msg_namelen = l;
        }
        msg.msg_iov = iov_p as *mut libc::iovec;
        msg.msg_iovlen = iov_n as _;
        if controllen > 0 {
            msg.msg_control = ctl_p as *mut libc::c_void;
            msg.msg_controllen = controllen as _;
        }
        // SAFETY: the buffers, iovecs, address and control data outlive the call.
        unsafe { libc::sendmsg(fd, &msg, flags | libc::MSG_NOSIGNAL) }
    })?;
    Ok(vm.new_int(sent as i64))
}

/// What recvmsg(2) returned: the byte count, the control data, the flags
/// and the sender's address.
struct Received {
    n: usize,
    control: Vec<u64>,
    controllen: usize,
    flags: i32,
    addr: SockAddr,
}

/// recvmsg(2) into `buf` with room for `ancbufsize` bytes of control data.
fn recvmsg_raw(vm: &Vm, s: &Socket, buf: &mut [u8], ancbufsize: usize, flags: i32) -> PyResult<Received> {
    let words = ancbufsize.div_ceil(8);
    let mut control = vm.try_vec::<u64>(words)?;
    control.resize(words, 0);
    let mut addr = SockAddr::empty();
    let fd = s.fd.get();
    let (bp, bl) = (buf.as_mut_ptr() as usize, buf.len());
    let (cp, ap, al) =
        (control.as_mut_ptr() as usize, &mut addr.storage as *mut libc::sockaddr_storage as usize, addr.len);
    let out = std::sync::Mutex::new((0usize, 0i32, 0 as libc::socklen_t));
    let outp = &out;
    let n = s.call(vm, false, move || {
        let mut iov = libc::iovec { iov_base: bp as *mut libc::c_void, iov_len: bl };
        // SAFETY: msghdr is plain old data; zero is a valid start.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_name = ap as *mut libc::c_void;
        msg.msg_namelen = al;
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        if ancbufsize > 0 {
            msg.msg_control = cp as *mut libc::c_void;
            msg.msg_controllen = ancbufsize as _;
        }
        // SAFETY: every buffer the header points to outlives the call.
        let r = unsafe { libc::recvmsg(fd, &mut msg, flags) };
        if r >= 0 {
            if let Ok(mut g) = outp.lock() {
                *g = (msg.msg_controllen as usize, msg.msg_flags, msg.msg_namelen);
            }
        }
        r
    })?;
    let (controllen, mflags, namelen) = out.into_inner().unwrap_or((0, 0, 0));
    addr.len = namelen.min(std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t);
    Ok(Received { n: n as usize, control, controllen: controllen.min(ancbufsize), flags: mflags, addr })
}

/// Close the descriptors the SCM_RIGHTS items of `items` brought.
fn close_received_fds(items: &[(i32, i32, Vec<u8>)]) {
    for (level, kind, data) in items {
        if *level == libc::SOL_SOCKET && *kind == libc::SCM_RIGHTS {
            for chunk in data.chunks_exact(4) {
                let fd = i32::from_ne_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                // SAFETY: the kernel just gave us this descriptor.
                unsafe { libc::close(fd) };
            }
        }
    }
}

/// The control messages of a received message, walked as glibc's
/// CMSG_FIRSTHDR/CMSG_NXTHDR walk them, each item's data measured as
/// CPython's `get_cmsg_data_len` does; true when an item was malformed or
/// truncated (its bytes that arrived are kept, and the walk stops).
fn parse_control(r: &Received) -> (Vec<(i32, i32, Vec<u8>)>, bool) {
    let base = r.control.as_ptr().cast::<u8>();
    let total = r.controllen;
    let hdr = std::mem::size_of::<libc::cmsghdr>();
    let data0 = cmsg_len_of(0).unwrap_or(hdr);
    let align = |n: usize| (n + std::mem::size_of::<usize>() - 1) & !(std::mem::size_of::<usize>() - 1);
    let header_at = |off: usize| -> libc::cmsghdr {
        // SAFETY: each caller checked the header lies within the `total`
        // bytes of the buffer.
        unsafe { std::ptr::read_unaligned(base.add(off).cast()) }
    };
    let mut items = Vec::new();
    let mut off = 0usize;
    if total < hdr {
        return (items, false);
    }
    loop {
        let h = header_at(off);
        let clen = h.cmsg_len;
        if off + data0 > total || clen < data0 {
            return (items, true);
        }
        let want = clen - data0;
        let space = total - (off + data0);
        let got = want.min(space);
        // SAFETY: `got` bytes after the header lie within the buffer.
        let data = unsafe { std::slice::from_raw_parts(base.add(off + data0), got) }.to_vec();
        items.push((h.cmsg_level, h.cmsg_type, data));
        if got < want {
            return (items, true);
        }
        let Some(next) = off.checked_add(align(clen)) else { break };
        if next.checked_add(hdr).is_none_or(|e| e > total) {
            break;
        }
        let n = header_at(next);
        if next.checked_add(align(n.cmsg_len)).is_none_or(|e| e > total) {
            break;
        }
        off = next;
    }
    (items, false)
}

/// The `(ancdata, msg_flags, address)` part of recvmsg()'s result.
fn recvmsg_tail(vm: &Vm, r: &Received) -> PyResult<(Obj, Obj, Obj)> {
    let (items, truncated) = parse_control(r);
    if truncated {
        let w = vm.ctx.exceptions.by_name["RuntimeWarning"].clone();
        if let Err(e) =
            taipan_vm::api::warnings::warn(vm, &w, "received malformed or improperly-truncated ancillary data", 1)
        {
            close_received_fds(&items);
            return Err(e);
        }
    }
    let list: Vec<Obj> = items
        .iter()
        .map(|(l, t, d)| vm.new_tuple(vec![vm.new_int(*l as i64), vm.new_int(*t as i64), vm.new_bytes(d.clone())]))
        .collect();
    let addr = match make_sockaddr(vm, &r.addr) {
        Ok(a) => a,
        Err(e) => {
            close_received_fds(&items);
            return Err(e);
        }
    };
    Ok((vm.new_list(list), vm.new_int(r.flags as i64), addr))
}

fn ancbufsize_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<usize> {
    let n = o.map_or(Ok(0), |v| ssize(vm, v))?;
    if n < 0 || n > u32::MAX as isize {
        return Err(vm.value_error("invalid ancillary data buffer length"));
    }
    Ok(n as usize)
}

fn m_recvmsg(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "recvmsg", a, k, 1, 3)?;
    let n = ssize(vm, &a[0])?;
    if n < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let anc = ancbufsize_arg(vm, a.get(1))?;
    let flags = a.get(2).map_or(Ok(0), |f| c_int(vm, f))?;
    let s = sock(vm, o)?;
    let mut buf = vm.try_vec::<u8>(n as usize)?;
    buf.resize(n as usize, 0);
    let r = recvmsg_raw(vm, s, &mut buf, anc, flags)?;
    buf.truncate(r.n);
    let (ancdata, mflags, addr) = recvmsg_tail(vm, &r)?;
    Ok(vm.new_tuple(vec![vm.new_bytes(buf), ancdata, mflags, addr]))
}

fn m_recvmsg_into(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "recvmsg_into", a, k, 1, 3)?;
    const NOT_BUFFERS: &str = "recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers";
    let targets = fast_items(vm, &a[0], "recvmsg_into() argument 1 must be an iterable")?;
    let mut sizes = Vec::with_capacity(targets.len());
    for t in &targets {
        let n = buffer::with_writable(vm, t, "recvmsg_into()", |b| b.len()).map_err(|_| vm.type_error(NOT_BUFFERS))?;
        sizes.push(n);
    }
    let anc = ancbufsize_arg(vm, a.get(1))?;
    let flags = a.get(2).map_or(Ok(0), |f| c_int(vm, f))?;
    let total = sizes.iter().try_fold(0usize, |t, n| t.checked_add(*n)).ok_or_else(|| vm.memory_error())?;
    let s = sock(vm, o)?;
    let mut buf = vm.try_vec::<u8>(total)?;
    buf.resize(total, 0);
    let r = recvmsg_raw(vm, s, &mut buf, anc, flags)?;
    // The bytes go to the buffers in order, as recvmsg(2)'s iovecs would.
    let mut off = 0;
    for (t, n) in targets.iter().zip(&sizes) {
        if off >= r.n {
            break;
        }
        let take = (*n).min(r.n - off);
        let chunk = &buf[off..off + take];
        buffer::with_writable(vm, t, "recvmsg_into()", |b| {
            let m = take.min(b.len());
            b[..m].copy_from_slice(&chunk[..m]);
        })?;
        off += take;
    }
    let (ancdata, mflags, addr) = recvmsg_tail(vm, &r)?;
    Ok(vm.new_tuple(vec![vm.new_usize(r.n), ancdata, mflags, addr]))
}

/// `sendmsg_afalg([msg], *, op, iv=None, assoclen=None, flags=0)`: the
/// operation, IV and AEAD length of an AF_ALG socket as control messages.
fn m_sendmsg_afalg(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let s = sock(vm, o)?;
    if s.family.get() != libc::AF_ALG {
        return Err(vm.os_error("algset is only supported for AF_ALG"));
    }
    let spec = taipan_vm::api::args::ArgSpec {
        fname: "sendmsg_afalg",
        names: &["msg", "op", "iv", "assoclen", "flags"],
        posonly: 0,
        required: 0,
        kwonly_from: 1,
    };
    let p = taipan_vm::api::args::parse_spec(vm, &spec, a, k)?;
    let op = match &p[1] {
        Some(v) if int::value(v).is_some() => c_int(vm, v).unwrap_or(-1),
        Some(v) => {
            return Err(vm.type_error(format!("sendmsg_afalg() argument 'op' must be int, not {}", vm.type_name(v))))
        }
        None => -1,
    };
    if op < 0 {
        return Err(vm.type_error("Invalid or missing argument 'op'"));
    }
    let iv = p[2].as_ref().map(|v| buffer::with_simple_bytes(vm, v, |d| d.to_vec())).transpose()?;
    let assoclen = match &p[3] {
        Some(v) if int::value(v).is_some() => {
            let n = c_int(vm, v)?;
            if n < 0 {
                return Err(vm.type_error("assoclen must be positive"));
            }
            Some(n as u32)
        }
        Some(v) => {
            return Err(
                vm.type_error(format!("sendmsg_afalg() argument 'assoclen' must be int, not {}", vm.type_name(v)))
            )
        }
        None => None,
    };
    let flags = p[4].as_ref().map_or(Ok(0), |f| c_int(vm, f))?;
    let mut items =
        vec![Cmsg { level: libc::SOL_ALG, kind: libc::ALG_SET_OP, data: (op as u32).to_ne_bytes().to_vec() }];
    if let Some(iv) = iv {
        let ivlen = u32::try_from(iv.len()).map_err(|_| vm.overflow_error("IV too long"))?;
        let mut d = ivlen.to_ne_bytes().to_vec();
        d.extend_from_slice(&iv);
        items.push(Cmsg { level: libc::SOL_ALG, kind: libc::ALG_SET_IV, data: d });
    }
    if let Some(n) = assoclen {
        items.push(Cmsg { level: libc::SOL_ALG, kind: libc::ALG_SET_AEAD_ASSOCLEN, data: n.to_ne_bytes().to_vec() });
    }
    let data = match &p[0] {
        Some(m) => sendmsg_data(vm, m, "sendmsg")?,
        None => Vec::new(),
    };
    let mut control = build_control(vm, &items)?;
    let controllen: usize = items.iter().filter_map(|c| cmsg_space_of(c.data.len())).sum();
    let iov: Vec<libc::iovec> =
        data.iter().map(|d| libc::iovec { iov_base: d.as_ptr() as *mut libc::c_void, iov_len: d.len() }).collect();
    let fd = s.fd.get();
    let (iov_p, iov_n, ctl_p) = (iov.as_ptr() as usize, iov.len(), control.as_mut_ptr() as usize);
    let sent = s.call(vm, true, move || {
        // SAFETY: msghdr is plain old data; zero is a valid start.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = iov_p as *mut libc::iovec;
        msg.msg_iovlen = iov_n as _;
        msg.msg_control = ctl_p as *mut libc::c_void;
        msg.msg_controllen = controllen as _;
        // SAFETY: the buffers and control data outlive the call.
        unsafe { libc::sendmsg(fd, &msg, flags) }
    })?;
    Ok(vm.new_int(sent as i64))
}

/// `socket.__del__` (CPython exposes `tp_finalize` so): warn about and
/// close a socket left open.
fn m_del(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "__del__", a, k)?;
    sock_finalize(vm, o);
    Ok(vm.none())
}

// ---- interface names, host name ----------------------------------------------------------------

fn f_if_nameindex(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "if_nameindex", a, k)?;
    // SAFETY: if_nameindex returns an array ended by a zero entry, or null.
    let list = unsafe { libc::if_nameindex() };
    if list.is_null() {
        return Err(os_error(vm, last_errno()));
    }
    let mut out = Vec::new();
    let mut p = list;
    loop {
        // SAFETY: `p` walks the array up to its terminating entry.
        let e = unsafe { &*p };
        if e.if_index == 0 && e.if_name.is_null() {
            break;
        }
        // SAFETY: a NUL-terminated name of the array.
        let name = unsafe { CStr::from_ptr(e.if_name) }.to_string_lossy().into_owned();
        out.push((e.if_index, name));
        // SAFETY: not past the terminating entry.
        p = unsafe { p.add(1) };
    }
    // SAFETY: the array if_nameindex returned.
    unsafe { libc::if_freenameindex(list) };
    let items = out.into_iter().map(|(i, n)| vm.new_tuple(vec![vm.new_int(i as i64), vm.new_str(&n)])).collect();
    Ok(vm.new_list(items))
}

fn f_if_indextoname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [index] = taipan_vm::api::args::exact::<1>(vm, "if_indextoname", a, k)?;
    let Some(v) = int::value(&index) else {
        return Err(vm.type_error("an integer is required"));
    };
    if v.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let v = vm.to_bigint(&index)?;
    let v = u64::try_from(v).map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: a buffer of IF_NAMESIZE bytes; CPython passes the index as unsigned int.
    if unsafe { libc::if_indextoname(v as u32, buf.as_mut_ptr()) }.is_null() {
        return Err(os_error(vm, last_errno()));
    }
    // SAFETY: if_indextoname wrote a NUL-terminated name.
    let name = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned();
    Ok(vm.new_str(&name))
}

fn f_sethostname(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    arity(vm, "sethostname", a, k, 1, 1)?;
    let name = a[0].clone();
    let raw: Vec<u8> = if let Some(b) =
        bytes::as_bytes(&name).filter(|_| vm.isinstance_type(&name, &vm.ctx.types.bytes))
    {
        b
    } else if pystr::data(&name).is_some() {
        crate::support::fs_cstring(vm, &name)?.into_bytes()
    } else {
        return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", vm.type_name(&name))));
    };
    taipan_vm::api::audit(vm, "socket.sethostname", || vec![name.clone()])?;
    // SAFETY: the name's bytes and length.
    if unsafe { libc::sethostname(raw.as_ptr().cast(), raw.len()) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(vm.none())
}
