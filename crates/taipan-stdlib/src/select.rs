//! `select` (CPython's `Modules/selectmodule.c`): `select()`, `poll`
//! objects and `epoll` objects (a context manager) on Linux. Waits run
//! without the GIL; on EINTR the signal handlers run and the wait resumes
//! with what is left of the timeout, as PEP 475 asks.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, int, module, Obj, PyPayload, PyResult, Vm};

use crate::posix::path::{self, fildes};

const CONSTANTS: &[(&str, i64)] = &[
    ("EPOLLERR", 8),
    ("EPOLLET", 2147483648),
    ("EPOLLEXCLUSIVE", 268435456),
    ("EPOLLHUP", 16),
    ("EPOLLIN", 1),
    ("EPOLLMSG", 1024),
    ("EPOLLONESHOT", 1073741824),
    ("EPOLLOUT", 4),
    ("EPOLLPRI", 2),
    ("EPOLLRDBAND", 128),
    ("EPOLLRDHUP", 8192),
    ("EPOLLRDNORM", 64),
    ("EPOLLWRBAND", 512),
    ("EPOLLWRNORM", 256),
    ("EPOLL_CLOEXEC", 524288),
    ("PIPE_BUF", 4096),
    ("POLLERR", 8),
    ("POLLHUP", 16),
    ("POLLIN", 1),
    ("POLLMSG", 1024),
    ("POLLNVAL", 32),
    ("POLLOUT", 4),
    ("POLLPRI", 2),
    ("POLLRDBAND", 128),
    ("POLLRDHUP", 8192),
    ("POLLRDNORM", 64),
    ("POLLWRBAND", 512),
    ("POLLWRNORM", 256),
];

fn now_ns() -> i128 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is writable.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
}

/// A timeout in seconds (None: wait forever) as nanoseconds, rounded up.
fn timeout_secs(vm: &Vm, o: Option<&Obj>, what: &str) -> PyResult<Option<i128>> {
    let Some(o) = o.filter(|o| !vm.is_none(o)) else { return Ok(None) };
    let f = if vm.isinstance_type(o, &vm.ctx.types.float) {
        vm.to_f64(o)?
    } else if int::value(o).is_some() || vm.has_index(o) {
        vm.to_i64(o)? as f64
    } else {
        return Err(vm.type_error(format!("{what} must be a float or None")));
    };
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if !(-9.2e9..9.2e9).contains(&f) {
        return Err(vm.overflow_error("timeout is too large"));
    }
    Ok(Some((f * 1e9).ceil() as i128))
}

/// Milliseconds left until `deadline` for poll/epoll_wait (-1: forever).
fn ms_left(deadline: Option<i128>) -> i32 {
    deadline.map_or(-1, |d| (((d - now_ns()).max(0) + 999_999) / 1_000_000).min(i32::MAX as i128) as i32)
}

// ---- select() --------------------------------------------------------------------------------

/// The descriptors of one list, with the objects they came from.
fn fd_list(vm: &Vm, o: &Obj) -> PyResult<Vec<(i32, Obj)>> {
    // A list is read in place (CPython's PySequence_Fast), its length
    // checked before each item: a fileno() that shrinks it ends the loop.
    if taipan_vm::api::list::is_list(o) {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(it) = taipan_vm::api::list::get(o, i) {
            out.push(fd_entry(vm, it)?);
            i += 1;
        }
        return Ok(out);
    }
    let items = vm.to_vec(o)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(fd_entry(vm, it)?);
    }
    Ok(out)
}

/// An object of a select() list with its descriptor.
fn fd_entry(vm: &Vm, it: Obj) -> PyResult<(i32, Obj)> {
    let fd = fildes(vm, &it)?;
    if fd >= libc::FD_SETSIZE as i32 {
        return Err(vm.value_error("filedescriptor out of range in select()"));
    }
    Ok((fd, it))
}

fn fill(set: &mut libc::fd_set, l: &[(i32, Obj)], maxfd: &mut i32) {
    // SAFETY: FD_ZERO initialises the set.
    unsafe { libc::FD_ZERO(set) };
    for (fd, _) in l {
        // SAFETY: `fd` is below FD_SETSIZE (checked in fd_list).
        unsafe { libc::FD_SET(*fd, set) };
        *maxfd = (*maxfd).max(*fd);
    }
}

fn ready(vm: &Vm, set: &libc::fd_set, l: &[(i32, Obj)]) -> Obj {
    // SAFETY: each `fd` is below FD_SETSIZE.
    vm.new_list(l.iter().filter(|(fd, _)| unsafe { libc::FD_ISSET(*fd, set) }).map(|(_, o)| o.clone()).collect())
}

fn select_select(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error("select() takes no keyword arguments"));
    }
    if a.len() < 3 || a.len() > 4 {
        let (which, n) = if a.len() < 3 { ("least", 3) } else { ("most", 4) };
        return Err(vm.type_error(format!("select expected at {which} {n} arguments, got {}", a.len())));
    }
    let v: Vec<Option<Obj>> = (0..4).map(|i| a.get(i).cloned()).collect();
    let none = vm.none();
    let timeout = timeout_secs(vm, v[3].as_ref(), "timeout")?;
    if timeout.is_some_and(|t| t < 0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let lists = [
        fd_list(vm, v[0].as_ref().unwrap_or(&none))?,
        fd_list(vm, v[1].as_ref().unwrap_or(&none))?,
        fd_list(vm, v[2].as_ref().unwrap_or(&none))?,
    ];
    let deadline = timeout.map(|t| now_ns() + t);
    loop {
        // SAFETY: all-zero fd_sets are valid and are cleared by `fill`.
        let mut sets: [libc::fd_set; 3] = unsafe { std::mem::zeroed() };
        let mut maxfd = -1;
        for (s, l) in sets.iter_mut().zip(&lists) {
            fill(s, l, &mut maxfd);
        }
        let left = deadline.map(|d| (d - now_ns()).max(0));
        let (r, err, sets) = vm.allow_threads(move || {
            let mut sets = sets;
            let mut tv = left.map(|ns| libc::timeval {
                tv_sec: (ns / 1_000_000_000) as libc::time_t,
                tv_usec: ((ns % 1_000_000_000 + 999) / 1000) as libc::suseconds_t,
            });
            let tvp = tv.as_mut().map_or(std::ptr::null_mut(), |t| t as *mut libc::timeval);
            let [r0, w0, x0] = &mut sets;
            // SAFETY: the sets and the timeval are writable locals.
            let r = unsafe { libc::select(maxfd + 1, r0, w0, x0, tvp) };
            (r, if r < 0 { path::errno() } else { 0 }, sets)
        });
        if r >= 0 {
            let out: Vec<Obj> = sets.iter().zip(&lists).map(|(s, l)| ready(vm, s, l)).collect();
            return Ok(vm.new_tuple(out));
        }
        if err != libc::EINTR {
            return Err(path::os_error(vm, err, None, None));
        }
        vm.check_signals()?;
    }
}

// ---- poll ------------------------------------------------------------------------------------

struct Poll {
    fds: RefCell<Vec<(i32, i16)>>,
    busy: Cell<bool>,
}

impl PyPayload for Poll {}

fn poll_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Poll> {
    payload_or_err::<Poll>(vm, o, "select.poll")
}

fn mask_arg(vm: &Vm, o: Option<&Obj>, default: i64) -> PyResult<i16> {
    let v = match o {
        Some(o) => vm.to_i64(o)?,
        None => default,
    };
    if v < 0 {
        return Err(vm.value_error("value must be positive"));
    }
    if v > 0xffff {
        return Err(vm.overflow_error("Python int too large for C unsigned short"));
    }
    Ok(v as u16 as i16)
}

fn poll_register(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "register", names: &["", ""], posonly: 2, required: 1, kwonly_from: 2 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let mask = mask_arg(vm, v[1].as_ref(), (libc::POLLIN | libc::POLLPRI | libc::POLLOUT) as i64)?;
    let p = poll_of(vm, o)?;
    let mut fds = p.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(e) => e.1 = mask,
        None => fds.push((fd, mask)),
    }
    Ok(vm.none())
}

fn poll_modify(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd, mask] = args::exact::<2>(vm, "modify", a, kw)?;
    let fd = fildes(vm, &fd)?;
    let mask = mask_arg(vm, Some(&mask), 0)?;
    let p = poll_of(vm, o)?;
    let found = match p.fds.borrow_mut().iter_mut().find(|(f, _)| *f == fd) {
        Some(e) => {
            e.1 = mask;
            true
        }
        None => false,
    };
    if !found {
        return Err(path::os_error(vm, libc::ENOENT, None, None));
    }
    Ok(vm.none())
}

fn poll_unregister(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd_obj] = args::exact::<1>(vm, "unregister", a, kw)?;
    let fd = fildes(vm, &fd_obj)?;
    let p = poll_of(vm, o)?;
    let pos = p.fds.borrow().iter().position(|(f, _)| *f == fd);
    match pos {
        Some(i) => {
            p.fds.borrow_mut().remove(i);
            Ok(vm.none())
        }
        None => Err(vm.key_error(vm.new_int(fd as i64))),
    }
}

/// A timeout in milliseconds (None or negative: forever).
fn timeout_ms(vm: &Vm, o: Option<&Obj>) -> PyResult<Option<i128>> {
    let Some(o) = o.filter(|o| !vm.is_none(o)) else { return Ok(None) };
    let ms = if vm.isinstance_type(o, &vm.ctx.types.float) {
        vm.to_f64(o)?
    } else if vm.has_index(o) {
        vm.to_i64(o)? as f64
    } else {
        return Err(vm.type_error(format!("timeout must be an integer or None, not {}", o.class().name())));
    };
    if ms < 0.0 {
        return Ok(None);
    }
    Ok(Some((ms * 1e6).ceil() as i128))
}

fn poll_poll(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "poll", names: &[""], posonly: 1, required: 0, kwonly_from: 1 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let timeout = timeout_ms(vm, v[0].as_ref())?;
    let p = poll_of(vm, o)?;
    if p.busy.replace(true) {
        return Err(vm.runtime_error("concurrent poll() invocation"));
    }
    let result = poll_wait(vm, p, timeout);
    p.busy.set(false);
    result
}

fn poll_wait(vm: &Vm, p: &Poll, timeout: Option<i128>) -> PyResult<Obj> {
    let mut pfds: Vec<libc::pollfd> =
        p.fds.borrow().iter().map(|&(fd, ev)| libc::pollfd { fd, events: ev, revents: 0 }).collect();
    let deadline = timeout.map(|t| now_ns() + t);
    loop {
        let left = ms_left(deadline);
        let (ptr, n) = (pfds.as_mut_ptr() as usize, pfds.len());
        let (r, err) = vm.allow_threads(move || {
            // SAFETY: `ptr..ptr+n` is the pollfd vector, alive across the call.
            let r = unsafe { libc::poll(ptr as *mut libc::pollfd, n as libc::nfds_t, left) };
            (r, if r < 0 { path::errno() } else { 0 })
        });
        if r >= 0 {
            let out = pfds
                .iter()
                .filter(|p| p.revents != 0)
                .map(|p| vm.new_tuple(vec![vm.new_int(p.fd as i64), vm.new_int(p.revents as u16 as i64)]))
                .collect();
            return Ok(vm.new_list(out));
        }
        if err != libc::EINTR {
            return Err(path::os_error(vm, err, None, None));
        }
        vm.check_signals()?;
    }
}

fn select_poll(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "poll", a, kw)?;
    let ty = crate::posix::lazy_type(vm, "select.poll")?;
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, Poll { fds: RefCell::new(Vec::new()), busy: Cell::new(false) })
}

fn poll_no_new(vm: &Vm, _cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.type_error("cannot create 'select.poll' instances"))
}

// ---- epoll -----------------------------------------------------------------------------------

struct Epoll {
    fd: Cell<i32>,
}

impl PyPayload for Epoll {}

impl Drop for Epoll {
    fn drop(&mut self) {
        let fd = self.fd.replace(-1);
        if fd >= 0 {
            // SAFETY: closing the epoll descriptor this object owns.
            unsafe { libc::close(fd) };
        }
    }
}

fn epoll_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Epoll> {
    payload_or_err::<Epoll>(vm, o, "select.epoll")
}

fn open_epoll(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let fd = epoll_of(vm, o)?.fd.get();
    if fd < 0 {
        return Err(vm.value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

fn epoll_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "epoll", a, kw, &["sizehint", "flags"], 0)?;
    let sizehint = match &v[0] {
        Some(s) => vm.to_i64(s)?,
        None => -1,
    };
    if sizehint == 0 || sizehint < -1 {
        return Err(vm.value_error("negative sizehint"));
    }
    let flags = match &v[1] {
        Some(f) => vm.to_i64(f)?,
        None => 0,
    };
    if flags != 0 && flags != libc::EPOLL_CLOEXEC as i64 {
        // CPython sets errno to EINVAL but raises OSError("invalid flags").
        return Err(vm.new_exception_msg(&vm.ctx.exceptions.os_error, "invalid flags"));
    }
    // SAFETY: epoll_create1 takes no memory.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    let ty = crate::posix::lazy_type(vm, "select.epoll")?;
    taipan_vm::api::types::alloc_instance(vm, cls, &ty, Epoll { fd: Cell::new(fd) })
}

fn epoll_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "close", a, kw)?;
    let fd = epoll_of(vm, o)?.fd.replace(-1);
    // SAFETY: closing the epoll descriptor this object owned.
    if fd >= 0 && unsafe { libc::close(fd) } < 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.none())
}

fn epoll_closed(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.bool_obj(epoll_of(vm, o)?.fd.get() < 0))
}

fn epoll_fileno(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "fileno", a, kw)?;
    Ok(vm.new_int(open_epoll(vm, o)? as i64))
}

fn epoll_fromfd(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [fd] = args::exact::<1>(vm, "fromfd", a, kw)?;
    let fd = path::c_int(vm, &fd)?;
    let ty = crate::posix::lazy_type(vm, "select.epoll")?;
    taipan_vm::api::types::alloc_instance(vm, cls, &ty, Epoll { fd: Cell::new(fd) })
}

fn epoll_ctl(vm: &Vm, o: &Obj, op: i32, fd: i32, mask: u32) -> PyResult<Obj> {
    let efd = open_epoll(vm, o)?;
    let mut ev = libc::epoll_event { events: mask, u64: fd as u64 };
    // SAFETY: `ev` is a valid event, alive across the call.
    if unsafe { libc::epoll_ctl(efd, op, fd, &mut ev) } < 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(vm.none())
}

fn epoll_register(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "register", a, kw, &["fd", "eventmask"], 1)?;
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let mask = match &v[1] {
        Some(m) => vm.to_i64(m)? as u32,
        None => (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32,
    };
    epoll_ctl(vm, o, libc::EPOLL_CTL_ADD, fd, mask)
}

fn epoll_modify(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "modify", a, kw, &["fd", "eventmask"], 2)?;
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let mask = vm.to_i64(v[1].as_ref().unwrap_or(&vm.none()))? as u32;
    epoll_ctl(vm, o, libc::EPOLL_CTL_MOD, fd, mask)
}

fn epoll_unregister(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "unregister", a, kw, &["fd"], 1)?;
    let fd = fildes(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    epoll_ctl(vm, o, libc::EPOLL_CTL_DEL, fd, 0)
}

fn epoll_poll(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "poll", a, kw, &["timeout", "maxevents"], 0)?;
    let efd = open_epoll(vm, o)?;
    let timeout = timeout_secs(vm, v[0].as_ref(), "timeout")?.filter(|t| *t >= 0);
    let maxevents = match &v[1] {
        Some(m) => vm.to_i64(m)?,
        None => -1,
    };
    let maxevents = match maxevents {
        -1 => libc::FD_SETSIZE as i64 - 1,
        n if n <= 0 => return Err(vm.value_error(format!("maxevents must be greater than 0, got {n}"))),
        n => n,
    };
    let mut evs: Vec<libc::epoll_event> = Vec::new();
    if evs.try_reserve_exact(maxevents as usize).is_err() {
        return Err(vm.memory_error());
    }
    evs.resize(maxevents as usize, libc::epoll_event { events: 0, u64: 0 });
    let deadline = timeout.map(|t| now_ns() + t);
    loop {
        let left = ms_left(deadline);
        let (ptr, n) = (evs.as_mut_ptr() as usize, evs.len() as i32);
        let (r, err) = vm.allow_threads(move || {
            // SAFETY: `ptr` points at `n` writable events, alive across the call.
            let r = unsafe { libc::epoll_wait(efd, ptr as *mut libc::epoll_event, n, left) };
            (r, if r < 0 { path::errno() } else { 0 })
        });
        if r >= 0 {
            let out = evs[..r as usize]
                .iter()
                .map(|e| {
                    let (data, events) = (e.u64, e.events);
                    vm.new_tuple(vec![vm.new_int(data as i32 as i64), vm.new_int(events as i64)])
                })
                .collect();
            return Ok(vm.new_list(out));
        }
        if err != libc::EINTR {
            return Err(path::os_error(vm, err, None, None));
        }
        vm.check_signals()?;
    }
}

fn epoll_enter(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__enter__", a, kw)?;
    open_epoll(vm, o)?;
    Ok(o.clone())
}

fn epoll_exit(vm: &Vm, o: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    epoll_close(vm, o, &[], None)
}

fn make_types(vm: &Vm) -> Obj {
    let poll = new_type::<Poll>(
        vm,
        &TypeSpec {
            name: "select.poll",
            methods: &[
                MethodDef::method("register", poll_register),
                MethodDef::method("modify", poll_modify),
                MethodDef::method("unregister", poll_unregister),
                MethodDef::method("poll", poll_poll),
            ],
            ..Default::default()
        },
        |s| s.new.set(Some(poll_no_new)),
    );
    let epoll = new_type::<Epoll>(
        vm,
        &TypeSpec {
            name: "select.epoll",
            flags: taipan_vm::api::types::flags::BASETYPE,
            methods: &[
                MethodDef::method("close", epoll_close),
                MethodDef::method("fileno", epoll_fileno),
                MethodDef::class("fromfd", epoll_fromfd),
                MethodDef::method("register", epoll_register),
                MethodDef::method("modify", epoll_modify),
                MethodDef::method("unregister", epoll_unregister),
                MethodDef::method("poll", epoll_poll),
                MethodDef::method("__enter__", epoll_enter),
                MethodDef::method("__exit__", epoll_exit),
            ],
            getsets: &[GetSetDef::new("closed", epoll_closed, None)],
            ..Default::default()
        },
        |s| s.new.set(Some(epoll_new)),
    );
    vm.lazy_types.borrow_mut().insert("select.poll", poll);
    vm.lazy_types.borrow_mut().insert("select.epoll", epoll.clone());
    epoll
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("select", select_select), MethodDef::static_("poll", select_poll)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "select");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "select", FUNCTIONS);
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    dict::set_item_str(vm, &d, "error", vm.ctx.exceptions.os_error.clone())?;
    dict::set_item_str(vm, &d, "epoll", make_types(vm))?;
    Ok(m)
}
