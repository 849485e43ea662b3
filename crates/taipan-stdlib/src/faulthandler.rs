//! `faulthandler` (CPython's `Modules/faulthandler.c`): dump the Python
//! traceback on a fatal signal, on a user signal, after a timeout, or on
//! demand.
//!
//! Signal dispositions are process-wide, so the handlers' settings live in
//! process-wide atomics that a handler can read without a lock; the stack
//! itself is written by `taipan_vm::api::traceback`, which allocates
//! nothing and only calls `write(2)`. The file objects whose descriptors
//! the handlers write to are kept alive by the interpreter (as CPython's
//! module state keeps them), so the descriptors stay open.
//!
//! `dump_traceback_later` runs a watchdog thread. Reading the main
//! thread's frames from another thread would race with it, so on timeout
//! the watchdog writes the header and signals the main thread, whose
//! handler writes the stacks; the watchdog waits for it (a second at most).
//! "All threads" are the thread states the VM registers for such dumps
//! (`dump_threads_unlocked`), read as CPython reads its thread list there:
//! without a lock.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use taipan_vm::api::traceback::{
    dump_current_thread, dump_extension_modules, dump_threads_unlocked, write_decimal, write_fd, Header,
};
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, Obj, PyResult, Vm};

const DOC: &str = "faulthandler module.";

/// The fatal signals and the name `Fatal Python error:` gives each.
const FATAL_SIGNALS: &[(i32, &str)] = &[
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

const NSIG: usize = 65;

/// `enable()`'s state.
static FATAL_ENABLED: AtomicBool = AtomicBool::new(false);
static FATAL_FD: AtomicI32 = AtomicI32::new(2);
static FATAL_ALL_THREADS: AtomicBool = AtomicBool::new(true);
/// The dispositions `enable()` replaced, restored by `disable()` and by
/// the handler before it re-raises the signal.
static FATAL_PREVIOUS: Mutex<Vec<(i32, libc::sigaction)>> = Mutex::new(Vec::new());

/// `register()`'s state, per signal.
struct UserSignal {
    enabled: AtomicBool,
    fd: AtomicI32,
    all_threads: AtomicBool,
    chain: AtomicBool,
}

#[allow(clippy::declare_interior_mutable_const)]
const USER_INIT: UserSignal = UserSignal {
    enabled: AtomicBool::new(false),
    fd: AtomicI32::new(2),
    all_threads: AtomicBool::new(true),
    chain: AtomicBool::new(false),
};
static USER: [UserSignal; NSIG] = [USER_INIT; NSIG];
static USER_PREVIOUS: Mutex<Vec<(i32, libc::sigaction)>> = Mutex::new(Vec::new());

/// `dump_traceback_later()`'s state: the watchdog signals the thread that
/// armed it, whose handler dumps its stack to `LATER_FD` and bumps
/// `LATER_DONE`.
static LATER_FD: AtomicI32 = AtomicI32::new(2);
static LATER_DONE: AtomicU64 = AtomicU64::new(0);
static LATER_TARGET: AtomicUsize = AtomicUsize::new(0);
static LATER_WATCHDOG: Mutex<Option<Arc<Watchdog>>> = Mutex::new(None);

/// Keys of the file objects kept alive for the handlers.
const FATAL_FILE: &str = "faulthandler.fatal_file";
const LATER_FILE: &str = "faulthandler.later_file";
const USER_FILES: &str = "faulthandler.user_files";

/// The stacks a handler writes: every thread's, the current one marked,
/// or only the current thread's under `Stack`.
fn dump_from_handler(fd: i32, all_threads: bool) {
    if all_threads {
        dump_threads_unlocked(fd, true);
    } else {
        dump_current_thread(fd, Header::Stack);
    }
}

// ---------------------------------------------------------------------------
// Signal plumbing
// ---------------------------------------------------------------------------

type SigHandler = extern "C" fn(i32);

/// Install `handler` for `signum`; the disposition it replaced.
fn install(signum: i32, handler: SigHandler, flags: i32) -> std::io::Result<libc::sigaction> {
    // SAFETY: both structs are zeroed then filled; sigaction reads the new
    // one and writes the old one.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as usize;
        action.sa_flags = flags;
        libc::sigemptyset(&mut action.sa_mask);
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, &action, &mut old) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(old)
    }
}

fn restore(signum: i32, previous: &libc::sigaction) {
    // SAFETY: `previous` is a disposition sigaction returned.
    unsafe { libc::sigaction(signum, previous, std::ptr::null_mut()) };
}

/// The disposition saved for `signum` in `saved`, if its lock is free (a
/// handler never waits for a lock).
fn saved_previous(saved: &Mutex<Vec<(i32, libc::sigaction)>>, signum: i32) -> Option<libc::sigaction> {
    let list = saved.try_lock().ok()?;
    list.iter().find(|(s, _)| *s == signum).map(|(_, a)| *a)
}

/// An alternate stack for the calling thread, so a stack overflow's
/// SIGSEGV can still be handled (made once; it lives for the process).
fn ensure_alt_stack() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::SeqCst) {
        return;
    }
    let size = (libc::SIGSTKSZ).max(64 * 1024);
    let stack: &'static mut [u8] = Box::leak(vec![0u8; size].into_boxed_slice());
    let ss = libc::stack_t { ss_sp: stack.as_mut_ptr().cast(), ss_flags: 0, ss_size: size };
    // SAFETY: `ss` describes a leaked buffer that lives for the process.
    unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) };
}

/// The handler of the fatal signals: the header, the stack, then the
/// signal again with the previous disposition, so the process dies of it.
extern "C" fn fatal_handler(signum: i32) {
    if !FATAL_ENABLED.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: reading errno's location is async-signal-safe.
    let saved_errno = unsafe { *libc::__errno_location() };
    let fd = FATAL_FD.load(Ordering::SeqCst);
    let name = FATAL_SIGNALS.iter().find(|(s, _)| *s == signum).map_or("Unknown signal", |(_, n)| n);
    write_fd(fd, b"Fatal Python error: ");
    write_fd(fd, name.as_bytes());
    write_fd(fd, b"\n\n");
    dump_from_handler(fd, FATAL_ALL_THREADS.load(Ordering::SeqCst));
    dump_extension_modules(fd);
    FATAL_ENABLED.store(false, Ordering::SeqCst);
    let previous = saved_previous(&FATAL_PREVIOUS, signum);
    let ignored = previous.is_some_and(|p| p.sa_sigaction == libc::SIG_IGN);
    match previous {
        Some(prev) => restore(signum, &prev),
        // SAFETY: resetting a disposition to the default is async-signal-safe.
        None => unsafe {
            libc::signal(signum, libc::SIG_DFL);
        },
    }
    // SAFETY: restoring errno, resetting a disposition and re-raising are
    // async-signal-safe.
    unsafe {
        *libc::__errno_location() = saved_errno;
        libc::raise(signum);
        // A previous handler that returned (Rust's own SIGSEGV handler does
        // for a fault that is not a stack overflow) must not let a raised
        // fatal signal pass: die of it as the default disposition would.
        if !ignored {
            libc::signal(signum, libc::SIG_DFL);
            libc::raise(signum);
        }
    }
}

/// The handler of `register()`ed signals: the stack, then the previous
/// handler if chained.
extern "C" fn user_handler(signum: i32) {
    let Some(user) = USER.get(signum as usize) else { return };
    if !user.enabled.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: reading errno's location is async-signal-safe.
    let saved_errno = unsafe { *libc::__errno_location() };
    dump_from_handler(user.fd.load(Ordering::SeqCst), user.all_threads.load(Ordering::SeqCst));
    if user.chain.load(Ordering::SeqCst) {
        if let Some(prev) = saved_previous(&USER_PREVIOUS, signum) {
            restore(signum, &prev);
            // SAFETY: raise is async-signal-safe; SA_NODEFER lets the
            // previous handler run now, then ours is put back.
            unsafe { libc::raise(signum) };
            let _ = install(signum, user_handler, user_flags(true));
        }
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved_errno };
}

/// The handler the watchdog triggers on the armed thread: all threads,
/// none marked current (CPython's watchdog thread is not a Python thread).
extern "C" fn later_handler(_signum: i32) {
    // SAFETY: reading errno's location is async-signal-safe.
    let saved_errno = unsafe { *libc::__errno_location() };
    dump_threads_unlocked(LATER_FD.load(Ordering::SeqCst), false);
    LATER_DONE.fetch_add(1, Ordering::SeqCst);
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved_errno };
}

fn user_flags(chain: bool) -> i32 {
    let mut flags = libc::SA_RESTART | libc::SA_ONSTACK;
    if chain {
        flags |= libc::SA_NODEFER;
    }
    flags
}

/// The signal the watchdog sends: a real-time one nothing else uses.
fn later_signal() -> i32 {
    libc::SIGRTMAX() - 1
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

/// A C `int` argument.
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) if i32::try_from(v).is_ok() => Ok(v as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// CPython's `faulthandler_get_fileno`: the descriptor of `file` (None:
/// `sys.stderr`; an int is a descriptor) and the object to keep alive.
fn get_fileno(vm: &Vm, file: Option<&Obj>) -> PyResult<(i32, Option<Obj>)> {
    let file = match file.filter(|f| !vm.is_none(f)) {
        Some(f) => f.clone(),
        None => match taipan_vm::api::sys::sys_attr(vm, "stderr") {
            Some(f) => f,
            None => return Err(vm.runtime_error("sys.stderr is None")),
        },
    };
    if int::value(&file).is_some() {
        let fd = c_int(vm, &file)?;
        if fd < 0 {
            return Err(vm.value_error("file is not a valid file descripter"));
        }
        return Ok((fd, None));
    }
    let r = vm.call_method(&file, "fileno", &[])?;
    let fd = match int::value(&r) {
        Some(_) => c_int(vm, &r).ok().filter(|fd| *fd >= 0),
        None => None,
    };
    let Some(fd) = fd else {
        return Err(vm.runtime_error("file.fileno() is not a valid file descriptor"));
    };
    // A flush error is ignored, as CPython does.
    let _ = vm.call_method(&file, "flush", &[]);
    Ok((fd, Some(file)))
}

fn keep_file(vm: &Vm, key: &'static str, file: Option<Obj>) {
    let old = match file {
        Some(f) => vm.lazy_types.borrow_mut().insert(key, f),
        None => vm.lazy_types.borrow_mut().remove(key),
    };
    drop(old);
}

fn bool_arg(vm: &Vm, o: Option<&Obj>, default: bool) -> PyResult<bool> {
    match o {
        Some(o) => vm.is_true(o),
        None => Ok(default),
    }
}

// ---------------------------------------------------------------------------
// enable / disable / dump_traceback
// ---------------------------------------------------------------------------

fn fh_enable(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "enable", a, k, &["file", "all_threads"], 0)?;
    let (fd, file) = get_fileno(vm, p[0].as_ref())?;
    let all_threads = bool_arg(vm, p[1].as_ref(), true)?;
    keep_file(vm, FATAL_FILE, file);
    FATAL_FD.store(fd, Ordering::SeqCst);
    FATAL_ALL_THREADS.store(all_threads, Ordering::SeqCst);
    if !FATAL_ENABLED.load(Ordering::SeqCst) {
        ensure_alt_stack();
        let mut previous = FATAL_PREVIOUS.lock().unwrap_or_else(|e| e.into_inner());
        previous.clear();
        for &(signum, _) in FATAL_SIGNALS {
            match install(signum, fatal_handler, libc::SA_NODEFER | libc::SA_ONSTACK) {
                Ok(old) => previous.push((signum, old)),
                Err(e) => {
                    for (s, old) in previous.drain(..) {
                        restore(s, &old);
                    }
                    return Err(taipan_vm::api::exceptions::os_error_from_io(vm, &e, None));
                }
            }
        }
        FATAL_ENABLED.store(true, Ordering::SeqCst);
    }
    Ok(vm.none())
}

fn disable_fatal() -> bool {
    if !FATAL_ENABLED.swap(false, Ordering::SeqCst) {
        return false;
    }
    let mut previous = FATAL_PREVIOUS.lock().unwrap_or_else(|e| e.into_inner());
    for (signum, old) in previous.drain(..) {
        restore(signum, &old);
    }
    true
}

fn fh_disable(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "faulthandler.disable", a, k)?;
    let was = disable_fatal();
    keep_file(vm, FATAL_FILE, None);
    Ok(vm.bool_obj(was))
}

fn fh_dump_traceback(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "dump_traceback", a, k, &["file", "all_threads"], 0)?;
    let (fd, _file) = get_fileno(vm, p[0].as_ref())?;
    let all_threads = bool_arg(vm, p[1].as_ref(), true)?;
    if all_threads {
        taipan_vm::api::traceback::dump_all_threads(vm, fd);
    } else {
        dump_current_thread(fd, Header::Stack);
    }
    Ok(vm.none())
}

// ---------------------------------------------------------------------------
// dump_traceback_later
// ---------------------------------------------------------------------------

struct Watchdog {
    cancelled: Mutex<bool>,
    wake: Condvar,
}

/// `Timeout (H:MM:SS[.ffffff])!` (CPython's `format_timeout`).
fn write_timeout_header(fd: i32, timeout_us: u64) {
    let (sec, us) = (timeout_us / 1_000_000, timeout_us % 1_000_000);
    let (min, sec) = (sec / 60, sec % 60);
    let (hour, min) = (min / 60, min % 60);
    write_fd(fd, b"Timeout (");
    write_decimal(fd, hour);
    write_fd(fd, b":");
    write_fd(fd, format!("{min:02}:{sec:02}").as_bytes());
    if us != 0 {
        write_fd(fd, format!(".{us:06}").as_bytes());
    }
    write_fd(fd, b")!\n");
}

/// Wait `timeout`; unless cancelled meanwhile, dump the armed thread's
/// stack (and exit if asked); again if `repeat`.
fn watchdog_loop(dog: Arc<Watchdog>, timeout_us: u64, repeat: bool, exit: bool) {
    let timeout = Duration::from_micros(timeout_us);
    loop {
        let guard = dog.cancelled.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, res) = dog.wake.wait_timeout_while(guard, timeout, |c| !*c).unwrap_or_else(|e| e.into_inner());
        if *guard || !res.timed_out() {
            return;
        }
        drop(guard);
        let fd = LATER_FD.load(Ordering::SeqCst);
        write_timeout_header(fd, timeout_us);
        let before = LATER_DONE.load(Ordering::SeqCst);
        let target = LATER_TARGET.load(Ordering::SeqCst) as libc::pthread_t;
        // SAFETY: `target` is the thread that armed the watchdog; the
        // process outlives it only if it exits, and then its id is not
        // reused before cancel_dump_traceback_later stops us.
        unsafe { libc::pthread_kill(target, later_signal()) };
        for _ in 0..1000 {
            if LATER_DONE.load(Ordering::SeqCst) != before {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if exit {
            // SAFETY: _exit ends the process at once, as CPython's does.
            unsafe { libc::_exit(1) };
        }
        if !repeat {
            return;
        }
    }
}

fn cancel_later() {
    let dog = LATER_WATCHDOG.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(dog) = dog {
        *dog.cancelled.lock().unwrap_or_else(|e| e.into_inner()) = true;
        dog.wake.notify_all();
    }
}

/// The timeout in microseconds (`_PyTime_FromSecondsObject` rounding up).
fn timeout_us(vm: &Vm, o: &Obj) -> PyResult<u64> {
    let secs = match taipan_vm::api::float::value(o) {
        Some(f) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            if !(-9.2e9..=9.2e9).contains(&f) {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            f
        }
        None => match vm.index_value(o)? {
            int::IntValue::Small(v) if v.unsigned_abs() < 9_200_000_000 => v as f64,
            _ => return Err(vm.overflow_error("timestamp out of range for platform time_t")),
        },
    };
    let us = (secs * 1e6).ceil();
    if us <= 0.0 {
        return Err(vm.value_error("timeout must be greater than 0"));
    }
    Ok(us as u64)
}

fn fh_dump_traceback_later(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "dump_traceback_later", a, k, &["timeout", "repeat", "file", "exit"], 1)?;
    let Some(t) = &p[0] else {
        return Err(vm.type_error("dump_traceback_later() missing required argument 'timeout'"));
    };
    let us = timeout_us(vm, t)?;
    let repeat = bool_arg(vm, p[1].as_ref(), false)?;
    let (fd, file) = get_fileno(vm, p[2].as_ref())?;
    let exit = bool_arg(vm, p[3].as_ref(), false)?;
    cancel_later();
    install(later_signal(), later_handler, libc::SA_RESTART | libc::SA_ONSTACK)
        .map_err(|e| taipan_vm::api::exceptions::os_error_from_io(vm, &e, None))?;
    keep_file(vm, LATER_FILE, file);
    LATER_FD.store(fd, Ordering::SeqCst);
    // SAFETY: pthread_self has no preconditions.
    LATER_TARGET.store(unsafe { libc::pthread_self() } as usize, Ordering::SeqCst);
    let dog = Arc::new(Watchdog { cancelled: Mutex::new(false), wake: Condvar::new() });
    let thread_dog = dog.clone();
    std::thread::Builder::new()
        .name("faulthandler watchdog".into())
        .spawn(move || watchdog_loop(thread_dog, us, repeat, exit))
        .map_err(|e| vm.runtime_error(format!("unable to start watchdog thread: {e}")))?;
    *LATER_WATCHDOG.lock().unwrap_or_else(|e| e.into_inner()) = Some(dog);
    Ok(vm.none())
}

fn fh_cancel_later(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "faulthandler.cancel_dump_traceback_later", a, k)?;
    cancel_later();
    keep_file(vm, LATER_FILE, None);
    Ok(vm.none())
}

// ---------------------------------------------------------------------------
// register / unregister
// ---------------------------------------------------------------------------

fn check_user_signal(vm: &Vm, signum: i32) -> PyResult<()> {
    if FATAL_SIGNALS.iter().any(|(s, _)| *s == signum) {
        return Err(vm.runtime_error(format!("signal {signum} cannot be registered, use enable() instead")));
    }
    if signum < 1 || signum as usize >= NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(())
}

fn user_files(vm: &Vm) -> Obj {
    if let Some(d) = vm.lazy_types.borrow().get(USER_FILES) {
        return d.clone();
    }
    let d = vm.new_dict();
    vm.lazy_types.borrow_mut().insert(USER_FILES, d.clone());
    d
}

fn fh_register(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "register", a, k, &["signum", "file", "all_threads", "chain"], 1)?;
    let Some(s) = &p[0] else { return Err(vm.type_error("register() missing required argument 'signum'")) };
    let signum = c_int(vm, s)?;
    check_user_signal(vm, signum)?;
    let (fd, file) = get_fileno(vm, p[1].as_ref())?;
    let all_threads = bool_arg(vm, p[2].as_ref(), true)?;
    let chain = bool_arg(vm, p[3].as_ref(), false)?;
    let user = &USER[signum as usize];
    if !user.enabled.load(Ordering::SeqCst) {
        let old = install(signum, user_handler, user_flags(chain))
            .map_err(|e| taipan_vm::api::exceptions::os_error_from_io(vm, &e, None))?;
        let mut previous = USER_PREVIOUS.lock().unwrap_or_else(|e| e.into_inner());
        previous.retain(|(s, _)| *s != signum);
        previous.push((signum, old));
    }
    let files = user_files(vm);
    match file {
        Some(f) => dict::set_item(vm, &files, vm.new_int(signum as i64), f)?,
        None => {
            let _ = dict::del_item(vm, &files, &vm.new_int(signum as i64));
        }
    }
    user.fd.store(fd, Ordering::SeqCst);
    user.all_threads.store(all_threads, Ordering::SeqCst);
    user.chain.store(chain, Ordering::SeqCst);
    user.enabled.store(true, Ordering::SeqCst);
    Ok(vm.none())
}

fn fh_unregister(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let s = crate::clinic::one(vm, "faulthandler.unregister", a, k)?;
    let signum = c_int(vm, &s)?;
    check_user_signal(vm, signum)?;
    let user = &USER[signum as usize];
    if !user.enabled.swap(false, Ordering::SeqCst) {
        return Ok(vm.bool_obj(false));
    }
    let prev = {
        let mut previous = USER_PREVIOUS.lock().unwrap_or_else(|e| e.into_inner());
        let i = previous.iter().position(|(s, _)| *s == signum);
        i.map(|i| previous.remove(i).1)
    };
    if let Some(prev) = prev {
        restore(signum, &prev);
    }
    let _ = dict::del_item(vm, &user_files(vm), &vm.new_int(signum as i64));
    Ok(vm.bool_obj(true))
}

// ---------------------------------------------------------------------------
// Test helpers (CPython's `_sigsegv` & co., used by test_faulthandler)
// ---------------------------------------------------------------------------

fn raise_signal(signum: i32) {
    // SAFETY: raising a signal is always allowed; what follows is the
    // point of these helpers.
    unsafe { libc::raise(signum) };
}

fn fh_sigsegv(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "_sigsegv", a, k, &["release_gil"], 0)?;
    let _ = p;
    raise_signal(libc::SIGSEGV);
    // Rust's own SIGSEGV handler (stack overflow detection), back after
    // `disable()`, returns from a raised signal once it has reset the
    // default disposition: raise again to die of it, as CPython does.
    if disposition_is_default(libc::SIGSEGV) {
        raise_signal(libc::SIGSEGV);
    }
    Ok(vm.none())
}

fn disposition_is_default(signum: i32) -> bool {
    // SAFETY: a zeroed sigaction is a valid out-parameter; a null new
    // action only queries the current one.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signum, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_DFL
    }
}

/// `_fatal_error_c_thread()`: a fatal error in a thread that is not a
/// Python thread; this thread waits for it (holding the GIL, so its stack
/// stays as it is) until the process aborts.
fn fh_fatal_error_c_thread(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "faulthandler._fatal_error_c_thread", a, k)?;
    let t = std::thread::Builder::new()
        .spawn(|| taipan_vm::api::traceback::fatal_error("faulthandler_fatal_error_thread", "in new thread"))
        .map_err(|e| vm.runtime_error(format!("unable to start the thread: {e}")))?;
    let _ = t.join();
    Ok(vm.none())
}

/// How deep `_stack_overflow` may go before giving up (CPython's
/// `STACK_OVERFLOW_MAX_SIZE` is 100 MB; Taipan's main thread may have a
/// larger stack).
const STACK_OVERFLOW_MAX_SIZE: usize = 1 << 30;

/// Recurse with a 4 KiB frame until the stack overflows (SIGSEGV on the
/// guard page) or `max` bytes were used; the deepest address reached.
#[inline(never)]
fn overflow_stack(top: usize, max: usize) -> usize {
    let frame = std::hint::black_box([0u8; 4096]);
    let here = frame.as_ptr() as usize;
    if top.abs_diff(here) > max {
        return here;
    }
    let deeper = overflow_stack(top, max);
    std::hint::black_box(deeper.wrapping_add(usize::from(frame[deeper % 4096])))
}

fn fh_stack_overflow(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "faulthandler._stack_overflow", a, k)?;
    let marker = std::hint::black_box(0u8);
    let top = &marker as *const u8 as usize;
    let deepest = overflow_stack(top, STACK_OVERFLOW_MAX_SIZE);
    Err(vm.runtime_error(format!(
        "unable to raise a stack overflow (allocated {} bytes on the stack, {} recursive calls)",
        top.abs_diff(deepest),
        top.abs_diff(deepest) / 4096
    )))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("_fatal_error_c_thread", fh_fatal_error_c_thread),
    MethodDef::static_("_stack_overflow", fh_stack_overflow),
    MethodDef::static_("enable", fh_enable),
    MethodDef::static_("disable", fh_disable),
    MethodDef::static_("is_enabled", |vm, _, a, k| {
        crate::clinic::none(vm, "faulthandler.is_enabled", a, k)?;
        Ok(vm.bool_obj(FATAL_ENABLED.load(Ordering::SeqCst)))
    }),
    MethodDef::static_("dump_traceback", fh_dump_traceback),
    MethodDef::static_("dump_traceback_later", fh_dump_traceback_later),
    MethodDef::static_("cancel_dump_traceback_later", fh_cancel_later),
    MethodDef::static_("register", fh_register),
    MethodDef::static_("unregister", fh_unregister),
    MethodDef::static_("_sigsegv", fh_sigsegv),
    MethodDef::static_("_read_null", |vm, _, a, k| {
        crate::clinic::none(vm, "faulthandler._read_null", a, k)?;
        raise_signal(libc::SIGSEGV);
        Ok(vm.none())
    }),
    MethodDef::static_("_sigabrt", |vm, _, a, k| {
        crate::clinic::none(vm, "faulthandler._sigabrt", a, k)?;
        raise_signal(libc::SIGABRT);
        Ok(vm.none())
    }),
    MethodDef::static_("_sigfpe", |vm, _, a, k| {
        crate::clinic::none(vm, "faulthandler._sigfpe", a, k)?;
        raise_signal(libc::SIGFPE);
        Ok(vm.none())
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "faulthandler");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "faulthandler", FUNCTIONS);
    Ok(m)
}
