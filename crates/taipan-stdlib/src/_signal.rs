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
    let it = vm.iter(o).map_err(|_| {
        vm.type_error(format!("sigset argument must be an iterable of signal numbers, not {}", o.class().name()))
    })?;
    while let Some(item) = vm.next(&it)? {
        let n = vm.index_to_isize(&item)?;
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
    let itimer = make_itimer_error(vm)?;
    dict::set_item_str(vm, &d, "ItimerError", itimer.clone())?;
    let handler = dict::get_item_str(vm, &d, "default_int_handler").unwrap_or_else(|| vm.none());
    let mut saved = vm.lazy_types.borrow_mut();
    saved.insert("_signal.ItimerError", itimer);
    saved.insert("_signal.default_int_handler", handler);
    Ok(m)
}
