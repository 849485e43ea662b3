//! `_signal` (CPython's `Modules/signalmodule.c`, the Python face): Python
//! handlers are kept by the VM (`api::signals`) and run in the main thread
//! at the next eval-breaker check; this module sets them and wraps the
//! POSIX signal calls (alarm, timers, masks, waits).

use taipan_vm::api::signals::{self, Disposition, Handler, NSIG};
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, Obj, PyErr, PyResult, Vm};

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

fn errno_error(vm: &Vm) -> PyErr {
    vm.io_error(&std::io::Error::last_os_error(), None)
}

/// A signal number argument in `1..NSIG`.
fn signum_arg(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let n = vm.index_to_isize(o)?;
    if n < 1 || n as usize >= NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as usize)
}

/// An object `init` keeps in the interpreter for the functions here.
fn saved(vm: &Vm, key: &str) -> PyResult<Obj> {
    vm.lazy_types.borrow().get(key).cloned().ok_or_else(|| vm.system_error("_signal is not initialized"))
}

fn default_int_handler_obj(vm: &Vm) -> PyResult<Obj> {
    saved(vm, "_signal.default_int_handler")
}

/// The Python object for the handler of `signum` (`getsignal`).
fn handler_object(vm: &Vm, signum: usize) -> PyResult<Obj> {
    Ok(match signals::get_handler(vm, signum) {
        Handler::Call(f) => f,
        Handler::Ignore => vm.new_int(SIG_IGN),
        Handler::Default => match signals::os_disposition(signum) {
            Disposition::Default => vm.new_int(SIG_DFL),
            Disposition::Ignore => vm.new_int(SIG_IGN),
            Disposition::Interpreter if signum == libc::SIGINT as usize => default_int_handler_obj(vm)?,
            _ => vm.none(),
        },
    })
}

fn is_exact_int(vm: &Vm, o: &Obj, v: i64) -> bool {
    o.type_is(&vm.ctx.types.int) && vm.to_i64(o).ok() == Some(v)
}

fn signal_signal(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [num, handler] = args::exact::<2>(vm, "signal", a, k)?;
    let signum = vm.index_to_isize(&num)?;
    if !taipan_vm::api::thread::is_main_thread(vm) {
        return Err(vm.value_error("signal only works in main thread of the main interpreter"));
    }
    let new = if is_exact_int(vm, &handler, SIG_IGN) {
        Handler::Ignore
    } else if is_exact_int(vm, &handler, SIG_DFL) {
        Handler::Default
    } else if vm.is_callable(&handler) {
        Handler::Call(handler)
    } else {
        return Err(vm.type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"));
    };
    if signum < 1 || signum as usize >= NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    let signum = signum as usize;
    let old = handler_object(vm, signum)?;
    signals::set_handler(vm, signum, new)?;
    Ok(old)
}

fn signal_getsignal(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [num] = args::exact::<1>(vm, "getsignal", a, k)?;
    let signum = signum_arg(vm, &num)?;
    handler_object(vm, signum)
}

fn default_int_handler(vm: &Vm, _m: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.new_exception(&vm.ctx.exceptions.keyboard_interrupt, vec![]))
}

fn raise_signal(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [num] = args::exact::<1>(vm, "raise_signal", a, k)?;
    let signum = vm.index_to_isize(&num)?;
    let signum = i32::try_from(signum).map_err(|_| vm.overflow_error("signal number out of range"))?;
    // SAFETY: raise() sends a signal to the calling thread (an invalid
    // number fails with EINVAL).
    if unsafe { libc::raise(signum) } != 0 {
        return Err(errno_error(vm));
    }
    vm.check_signals()?;
    Ok(vm.none())
}

fn strsignal(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [num] = args::exact::<1>(vm, "strsignal", a, k)?;
    let signum = signum_arg(vm, &num)?;
    // SAFETY: strsignal returns a pointer to a string valid until the next
    // call; it is copied at once, under the GIL.
    let text = unsafe {
        let p = libc::strsignal(signum as i32);
        if p.is_null() {
            return Ok(vm.none());
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if text.contains("Unknown signal") {
        return Ok(vm.none());
    }
    Ok(vm.new_str(&text))
}

fn alarm(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [secs] = args::exact::<1>(vm, "alarm", a, k)?;
    let n = vm.index_to_isize(&secs)?;
    let secs = u32::try_from(n).map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned int"))?;
    // SAFETY: alarm has no preconditions.
    Ok(vm.new_int(unsafe { libc::alarm(secs) } as i64))
}

fn pause(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "pause", a, k)?;
    // SAFETY: pause blocks until a signal arrives.
    vm.allow_threads(|| unsafe { libc::pause() });
    vm.check_signals()?;
    Ok(vm.none())
}

// ---------------------------------------------------------------------------
// Interval timers
// ---------------------------------------------------------------------------

fn itimer_error(vm: &Vm) -> PyResult<Obj> {
    saved(vm, "_signal.ItimerError")
}

fn timeval(secs: f64) -> libc::timeval {
    let whole = secs.trunc();
    let mut tv = libc::timeval { tv_sec: whole as libc::time_t, tv_usec: ((secs - whole) * 1e6) as libc::suseconds_t };
    // Never 0 for a positive time, which would disarm the timer.
    if tv.tv_sec == 0 && tv.tv_usec == 0 && secs > 0.0 {
        tv.tv_usec = 1;
    }
    tv
}

fn itimer_tuple(vm: &Vm, v: &libc::itimerval) -> Obj {
    let f = |t: &libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    vm.new_tuple(vec![vm.new_float(f(&v.it_value)), vm.new_float(f(&v.it_interval))])
}

fn itimer_failed(vm: &Vm) -> PyErr {
    let err = std::io::Error::last_os_error();
    let code = err.raw_os_error().unwrap_or(0);
    let msg = taipan_vm::api::exceptions::os_error_from_io(vm, &err, None);
    match itimer_error(vm) {
        Ok(ty) => {
            let text = vm.getattr_str(msg.value(), "strerror").unwrap_or_else(|_| vm.none());
            vm.new_exception(&ty, vec![vm.new_int(code as i64), text])
        }
        Err(e) => e,
    }
}

fn setitimer(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec {
            fname: "setitimer",
            names: &["which", "seconds", "interval"],
            posonly: 3,
            required: 2,
            kwonly_from: 3,
        },
        a,
        k,
    )?;
    let which = vm.index_to_isize(p[0].as_ref().unwrap_or(&vm.none()))?;
    let secs = vm.to_f64(p[1].as_ref().unwrap_or(&vm.none()))?;
    let interval = match &p[2] {
        Some(i) => vm.to_f64(i)?,
        None => 0.0,
    };
    let new = libc::itimerval { it_value: timeval(secs), it_interval: timeval(interval) };
    // SAFETY: a zeroed itimerval is valid; setitimer fills the old value.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::setitimer(which as libc::c_int, &new, &mut old) } != 0 {
        return Err(itimer_failed(vm));
    }
    Ok(itimer_tuple(vm, &old))
}

fn getitimer(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [which] = args::exact::<1>(vm, "getitimer", a, k)?;
    let which = vm.index_to_isize(&which)?;
    // SAFETY: a zeroed itimerval is valid; getitimer fills it.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::getitimer(which as libc::c_int, &mut cur) } != 0 {
        return Err(itimer_failed(vm));
    }
    Ok(itimer_tuple(vm, &cur))
}

// ---------------------------------------------------------------------------
// Wakeup fd, siginterrupt, threads and masks
// ---------------------------------------------------------------------------

fn set_wakeup_fd(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec {
            fname: "set_wakeup_fd",
            names: &["", "warn_on_full_buffer"],
            posonly: 1,
            required: 1,
            kwonly_from: 1,
        },
        a,
        k,
    )?;
    let fd = vm.index_to_isize(p[0].as_ref().unwrap_or(&vm.none()))?;
    let fd = i32::try_from(fd).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
    if !taipan_vm::api::thread::is_main_thread(vm) {
        return Err(vm.value_error("set_wakeup_fd only works in main thread of the main interpreter"));
    }
    if fd != -1 {
        // SAFETY: fstat and fcntl on a descriptor number only read its state.
        unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) != 0 {
                return Err(errno_error(vm));
            }
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags == -1 {
                return Err(errno_error(vm));
            }
            if flags & libc::O_NONBLOCK == 0 {
                return Err(vm.value_error(format!("the fd {fd} must be in non-blocking mode")));
            }
        }
    }
    let warn_on_full_buffer = match &p[1] {
        Some(w) => vm.is_true(w)?,
        None => true,
    };
    Ok(vm.new_int(signals::set_wakeup_fd(fd, warn_on_full_buffer) as i64))
}

fn siginterrupt(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [num, flag] = args::exact::<2>(vm, "siginterrupt", a, k)?;
    let signum = signum_arg(vm, &num)?;
    let flag = vm.to_i64(&flag)? != 0;
    // SAFETY: reading and re-setting the action of a valid signal number.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum as i32, std::ptr::null(), &mut act) != 0 {
            return Err(errno_error(vm));
        }
        if flag {
            act.sa_flags &= !libc::SA_RESTART;
        } else {
            act.sa_flags |= libc::SA_RESTART;
        }
        if libc::sigaction(signum as i32, &act, std::ptr::null_mut()) != 0 {
            return Err(errno_error(vm));
        }
    }
    Ok(vm.none())
}

fn pthread_kill(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [tid, num] = args::exact::<2>(vm, "pthread_kill", a, k)?;
    let tid = vm.to_bigint(&tid)?;
    let tid =
        u64::try_from(tid).map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    let signum = vm.index_to_isize(&num)?;
    // SAFETY: pthread_kill validates the thread id and signal number.
    let err = unsafe { libc::pthread_kill(tid as libc::pthread_t, signum as libc::c_int) };
    if err != 0 {
        return Err(vm.io_error(&std::io::Error::from_raw_os_error(err), None));
    }
    vm.check_signals()?;
    Ok(vm.none())
}

/// A set of signal numbers from an iterable (CPython's `sigset_t`
/// converter, with its messages).
fn sigset_arg(vm: &Vm, o: &Obj) -> PyResult<libc::sigset_t> {
    // SAFETY: sigemptyset initialises the set.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigemptyset(&mut set) };
    let it = vm.iter(o)?;
    while let Some(item) = vm.next(&it)? {
        // A number too big for a C long reads as -1 (PyLong_AsLongAndOverflow).
        let n = match vm.index_value(&item)? {
            taipan_vm::api::int::IntValue::Small(v) => v,
            taipan_vm::api::int::IntValue::Big(_) => -1,
        };
        if n < 1 || n as usize >= NSIG {
            return Err(vm.value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)));
        }
        // SAFETY: the number was checked to be in range.
        unsafe { libc::sigaddset(&mut set, n as i32) };
    }
    Ok(set)
}

fn sigset_to_set(vm: &Vm, set: &libc::sigset_t) -> PyResult<Obj> {
    let out = vm.new_set();
    for sig in 1..NSIG as i32 {
        // SAFETY: sigismember reads an initialised set.
        if unsafe { libc::sigismember(set, sig) } == 1 {
            vm.call_method(&out, "add", &[vm.new_int(sig as i64)])?;
        }
    }
    Ok(out)
}

fn pthread_sigmask(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [how, mask] = args::exact::<2>(vm, "pthread_sigmask", a, k)?;
    let how = vm.index_to_isize(&how)?;
    let set = sigset_arg(vm, &mask)?;
    // SAFETY: a zeroed sigset is valid storage for the previous mask.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    let err = unsafe { libc::pthread_sigmask(how as libc::c_int, &set, &mut old) };
    if err != 0 {
        return Err(vm.io_error(&std::io::Error::from_raw_os_error(err), None));
    }
    vm.check_signals()?;
    sigset_to_set(vm, &old)
}

fn sigpending(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "sigpending", a, k)?;
    // SAFETY: sigpending fills a zeroed set.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigpending(&mut set) } != 0 {
        return Err(errno_error(vm));
    }
    sigset_to_set(vm, &set)
}

fn sigwait(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [sigset] = args::exact::<1>(vm, "sigwait", a, k)?;
    let set = sigset_arg(vm, &sigset)?;
    let mut sig: libc::c_int = 0;
    // SAFETY: sigwait reads the set and writes the signal number.
    let err = vm.allow_threads(move || unsafe { libc::sigwait(&set, &mut sig) }.max(0) as i64 | ((sig as i64) << 32));
    let (code, sig) = ((err & 0xFFFF_FFFF) as i32, (err >> 32) as i32);
    if code != 0 {
        return Err(vm.io_error(&std::io::Error::from_raw_os_error(code), None));
    }
    Ok(vm.new_int(sig as i64))
}

fn valid_signals(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "valid_signals", a, k)?;
    // SAFETY: sigfillset initialises the set with every valid signal.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigfillset(&mut set) } != 0 {
        return Err(errno_error(vm));
    }
    sigset_to_set(vm, &set)
}

// ---------------------------------------------------------------------------
// sigwaitinfo, sigtimedwait, pidfd_send_signal
// ---------------------------------------------------------------------------

const SIGINFO_TYPE: &str = "signal.struct_siginfo";
const SIGINFO_FIELDS: &[&str] = &["si_signo", "si_code", "si_errno", "si_pid", "si_uid", "si_status", "si_band"];
const SIGINFO_DOCS: &[&str] = &[
    "signal number",
    "signal code",
    "errno associated with this signal",
    "sending process ID",
    "real user ID of sending process",
    "exit value or signal",
    "band event for SIGPOLL",
];
const SIGINFO_DOC: &str = "struct_siginfo: Result from sigwaitinfo or sigtimedwait.\n\nThis object may be accessed either as a tuple of\n(si_signo, si_code, si_errno, si_pid, si_uid, si_status, si_band),\nor via the attributes si_signo, si_code, and so on.";

fn siginfo_type(vm: &Vm) -> PyResult<Obj> {
    crate::structseq::new_type_with_docs(vm, SIGINFO_TYPE, SIGINFO_FIELDS, SIGINFO_DOCS, 7, 0, SIGINFO_DOC)
}

/// The fields of a `siginfo_t` that `struct_siginfo` shows (plain data,
/// so it can leave the thread-released call).
struct SigInfo {
    signo: i32,
    code: i32,
    errno: i32,
    pid: i32,
    uid: u32,
    status: i32,
    band: i64,
}

impl SigInfo {
    fn of(si: &libc::siginfo_t) -> SigInfo {
        // SAFETY: the union members are plain integers the kernel filled in
        // (zero where the signal has none). si_band is the C long at the
        // union's start (after three ints and padding, offset 16 on 64-bit
        // Linux), overlaying si_pid and si_uid.
        let (pid, uid, status, band) = unsafe {
            let base = (si as *const libc::siginfo_t).cast::<u8>();
            let band =
                std::ptr::read_unaligned(base.add(4 * std::mem::size_of::<libc::c_int>()).cast::<libc::c_long>());
            (si.si_pid(), si.si_uid(), si.si_status(), band)
        };
        SigInfo { signo: si.si_signo, code: si.si_code, errno: si.si_errno, pid, uid, status, band }
    }
}

/// A `struct_siginfo` (CPython's `fill_siginfo`).
fn siginfo_object(vm: &Vm, si: &SigInfo) -> PyResult<Obj> {
    let uid = if si.uid == libc::uid_t::MAX { vm.new_int(-1) } else { vm.new_int(si.uid as i64) };
    let values = vec![
        vm.new_int(si.signo as i64),
        vm.new_int(si.code as i64),
        vm.new_int(si.errno as i64),
        vm.new_int(si.pid as i64),
        uid,
        vm.new_int(si.status as i64),
        vm.new_int(si.band),
    ];
    crate::structseq::new(vm, &siginfo_type(vm)?, values)
}

fn sigwaitinfo(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [sigset] = args::exact::<1>(vm, "_signal.sigwaitinfo", a, k)?;
    let set = sigset_arg(vm, &sigset)?;
    loop {
        let (r, e, si) = vm.allow_threads(move || {
            // SAFETY: siginfo_t is plain old data the call fills in.
            let mut si: libc::siginfo_t = unsafe { std::mem::zeroed() };
            // SAFETY: an initialised set and storage for the result.
            let r = unsafe { libc::sigwaitinfo(&set, &mut si) };
            (r, std::io::Error::last_os_error().raw_os_error().unwrap_or(0), SigInfo::of(&si))
        });
        if r >= 0 {
            return siginfo_object(vm, &si);
        }
        if e != libc::EINTR {
            return Err(vm.io_error(&std::io::Error::from_raw_os_error(e), None));
        }
        vm.check_signals()?;
    }
}

fn sigtimedwait(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("_signal.sigtimedwait() takes no keyword arguments"));
    }
    let [sigset, timeout] = args::exact::<2>(vm, "sigtimedwait", a, k)?;
    let set = sigset_arg(vm, &sigset)?;
    let ns = crate::support::seconds_to_ns(vm, &timeout, f64::ceil)?;
    if ns < 0 {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_nanos(ns as u64);
    let mut left = std::time::Duration::from_nanos(ns as u64);
    loop {
        let ts = libc::timespec { tv_sec: left.as_secs() as libc::time_t, tv_nsec: left.subsec_nanos() as _ };
        let (r, e, si) = vm.allow_threads(move || {
            // SAFETY: siginfo_t is plain old data the call fills in.
            let mut si: libc::siginfo_t = unsafe { std::mem::zeroed() };
            // SAFETY: an initialised set, storage for the result and a timeout.
            let r = unsafe { libc::sigtimedwait(&set, &mut si, &ts) };
            (r, std::io::Error::last_os_error().raw_os_error().unwrap_or(0), SigInfo::of(&si))
        });
        if r >= 0 {
            return siginfo_object(vm, &si);
        }
        if e == libc::EAGAIN {
            return Ok(vm.none());
        }
        if e != libc::EINTR {
            return Err(vm.io_error(&std::io::Error::from_raw_os_error(e), None));
        }
        vm.check_signals()?;
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(vm.none());
        }
        left = deadline - now;
    }
}

fn pidfd_send_signal(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("_signal.pidfd_send_signal() takes no keyword arguments"));
    }
    if !(2..=4).contains(&a.len()) {
        let which = if a.len() < 2 { "at least 2 arguments" } else { "at most 4 arguments" };
        return Err(vm.type_error(format!("pidfd_send_signal expected {which}, got {}", a.len())));
    }
    let int_arg = |o: &Obj| -> PyResult<i32> {
        if taipan_vm::api::float::value(o).is_some() {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        let v = vm.index_to_isize(o)?;
        i32::try_from(v).map_err(|_| {
            vm.overflow_error(if v < 0 {
                "signed integer is less than minimum"
            } else {
                "signed integer is greater than maximum"
            })
        })
    };
    let pidfd = int_arg(&a[0])?;
    let sig = int_arg(&a[1])?;
    if a.get(2).is_some_and(|s| !vm.is_none(s)) {
        return Err(vm.type_error("siginfo must be None"));
    }
    let flags = a.get(3).map_or(Ok(0), int_arg)?;
    // SAFETY: the pidfd_send_signal system call with a null siginfo.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd,
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            flags as libc::c_uint,
        )
    };
    if r < 0 {
        return Err(errno_error(vm));
    }
    Ok(vm.none())
}

// ---------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("signal", signal_signal),
    MethodDef::static_("getsignal", signal_getsignal),
    MethodDef::static_("default_int_handler", default_int_handler),
    MethodDef::static_("raise_signal", raise_signal),
    MethodDef::static_("strsignal", strsignal),
    MethodDef::static_("alarm", alarm),
    MethodDef::static_("pause", pause),
    MethodDef::static_("setitimer", setitimer),
    MethodDef::static_("getitimer", getitimer),
    MethodDef::static_("set_wakeup_fd", set_wakeup_fd),
    MethodDef::static_("siginterrupt", siginterrupt),
    MethodDef::static_("pthread_kill", pthread_kill),
    MethodDef::static_("pthread_sigmask", pthread_sigmask),
    MethodDef::static_("sigpending", sigpending),
    MethodDef::static_("sigwait", sigwait),
    MethodDef::static_("valid_signals", valid_signals),
    MethodDef::static_("sigwaitinfo", sigwaitinfo),
    MethodDef::static_("sigtimedwait", sigtimedwait),
    MethodDef::static_("pidfd_send_signal", pidfd_send_signal),
];

const CONSTANTS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGIOT", libc::SIGIOT),
    ("SIGABRT", libc::SIGABRT),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGBUS", libc::SIGBUS),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGSYS", libc::SIGSYS),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGCLD", libc::SIGCHLD),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGPWR", libc::SIGPWR),
    ("SIGIO", libc::SIGIO),
    ("SIGURG", libc::SIGURG),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGCONT", libc::SIGCONT),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIG_BLOCK", libc::SIG_BLOCK),
    ("SIG_UNBLOCK", libc::SIG_UNBLOCK),
    ("SIG_SETMASK", libc::SIG_SETMASK),
    ("ITIMER_REAL", libc::ITIMER_REAL),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL),
    ("ITIMER_PROF", libc::ITIMER_PROF),
];

/// `signal.itimer_error`, a subclass of OSError (`signal.ItimerError`).
fn make_itimer_error(vm: &Vm) -> PyResult<Obj> {
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("signal"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.os_error.clone()]);
    let type_type = vm.ctx.types.type_.clone();
    vm.call(&type_type, &[vm.new_str("itimer_error"), bases, ns], None)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_signal");
    module::add_functions(vm, &m, "_signal", FUNCTIONS);
    let d = module::module_dict(&m);
    for (name, v) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(*v as i64))?;
    }
    dict::set_item_str(vm, &d, "SIGRTMIN", vm.new_int(libc::SIGRTMIN() as i64))?;
    dict::set_item_str(vm, &d, "SIGRTMAX", vm.new_int(libc::SIGRTMAX() as i64))?;
    dict::set_item_str(vm, &d, "NSIG", vm.new_usize(NSIG))?;
    dict::set_item_str(vm, &d, "SIG_DFL", vm.new_int(SIG_DFL))?;
    dict::set_item_str(vm, &d, "SIG_IGN", vm.new_int(SIG_IGN))?;
    dict::set_item_str(vm, &d, "struct_siginfo", siginfo_type(vm)?)?;
    let itimer = make_itimer_error(vm)?;
    dict::set_item_str(vm, &d, "ItimerError", itimer.clone())?;
    let handler = dict::get_item_str(vm, &d, "default_int_handler").unwrap_or_else(|| vm.none());
    let mut saved = vm.lazy_types.borrow_mut();
    saved.insert("_signal.ItimerError", itimer);
    saved.insert("_signal.default_int_handler", handler);
    Ok(m)
}
