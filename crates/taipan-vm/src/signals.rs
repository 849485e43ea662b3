//! Signals (the core of CPython's `Modules/signalmodule.c`): the C-level
//! handler that records a signal, and the check that runs its Python
//! handler in the main thread at the next eval-breaker point.
//!
//! Signals belong to the process, so what the C handler touches is
//! process-wide: one "tripped" flag per signal number and a pointer to the
//! eval breaker of the thread that handles them (the main thread of the
//! interpreter that installed the handlers). Everything else (the Python
//! handler objects) is the interpreter's.
//!
//! The default handler of SIGINT raises `KeyboardInterrupt`. The `_signal`
//! module (taipan-stdlib) sets other handlers through [`set_handler`].

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU32, Ordering};

use crate::object::Obj;
use crate::pystate::breaker;
use crate::vm::{PyResult, Vm};

/// Signal numbers are below this (Linux's `NSIG`).
pub const NSIG: usize = 65;

static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
static ANY_TRIPPED: AtomicBool = AtomicBool::new(false);
/// The eval breaker of the thread that runs Python signal handlers.
static HANDLER_BREAKER: AtomicPtr<AtomicU32> = AtomicPtr::new(std::ptr::null_mut());
/// `signal.set_wakeup_fd`: the C handler writes the signal number there
/// (-1: none).
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// `set_wakeup_fd(..., warn_on_full_buffer=...)`: whether a full buffer
/// (EAGAIN) is reported too.
static WAKEUP_WARN_FULL: AtomicBool = AtomicBool::new(true);
/// The errno of a failed write to the wakeup fd, reported by the next
/// `check` (CPython's pending `report_wakeup_write_error`); 0: none.
static WAKEUP_ERRNO: AtomicI32 = AtomicI32::new(0);

/// What the interpreter does with a signal at the Python level.
#[derive(Clone)]
pub enum Handler {
    /// The default action (for SIGINT: raise KeyboardInterrupt).
    Default,
    /// `signal.SIG_IGN`.
    Ignore,
    /// A Python callable `handler(signum, frame)`.
    Call(Obj),
}

/// The C-level handler: record the signal and wake the eval loop. Only
/// async-signal-safe operations (atomic stores).
extern "C" fn trip(signum: libc::c_int) {
    if let Some(flag) = usize::try_from(signum).ok().and_then(|s| TRIPPED.get(s)) {
        flag.store(true, Ordering::SeqCst);
        ANY_TRIPPED.store(true, Ordering::SeqCst);
        let fd = WAKEUP_FD.load(Ordering::SeqCst);
        if fd >= 0 {
            let byte = signum as u8;
            // SAFETY: write(2) is async-signal-safe; a full pipe or a closed
            // fd only makes it fail, which is recorded (atomic store) for
            // `check` to report. errno is saved and restored.
            unsafe {
                let saved = *libc::__errno_location();
                if libc::write(fd, &byte as *const u8 as *const libc::c_void, 1) < 0 {
                    let err = *libc::__errno_location();
                    let full = err == libc::EAGAIN || err == libc::EWOULDBLOCK;
                    if !full || WAKEUP_WARN_FULL.load(Ordering::SeqCst) {
                        WAKEUP_ERRNO.store(err, Ordering::SeqCst);
                    }
                }
                *libc::__errno_location() = saved;
            }
        }
        let b = HANDLER_BREAKER.load(Ordering::SeqCst);
        if !b.is_null() {
            // SAFETY: the pointer is the eval breaker of a thread state that
            // stays alive while it is registered (cleared in `uninstall`).
            unsafe { (*b).fetch_or(breaker::SIGNALS, Ordering::SeqCst) };
        }
    }
}

/// Route `signum` to [`trip`] (CPython's `PyOS_setsig`): no `SA_RESTART`,
/// so a blocking system call returns EINTR and the caller can run the
/// Python handler.
fn install_c_handler(signum: i32) -> std::io::Result<()> {
    // SAFETY: a zeroed sigaction is a valid value to fill in; `trip` only
    // performs atomic stores, which are async-signal-safe.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = trip as extern "C" fn(libc::c_int) as usize;
        sa.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Restore the default disposition of `signum`.
fn restore_default(signum: i32) {
    // SAFETY: setting SIG_DFL is always valid.
    unsafe {
        libc::signal(signum, libc::SIG_DFL);
    }
}

/// Make this interpreter's main thread the one that handles signals and
/// install the C handler for SIGINT (CPython's `signal_install_handlers`).
pub(crate) fn install(vm: &Vm) {
    HANDLER_BREAKER.store(&vm.thread.eval_breaker as *const AtomicU32 as *mut AtomicU32, Ordering::SeqCst);
    let mut handlers = vm.signal_handlers.borrow_mut();
    handlers.resize(NSIG, Handler::Default);
    if install_c_handler(libc::SIGINT).is_ok() {
        handlers[libc::SIGINT as usize] = Handler::Default;
    }
    // As CPython (Rust's runtime already ignores SIGPIPE): a write past
    // RLIMIT_FSIZE fails with EFBIG instead of killing the process.
    // SAFETY: SIG_IGN is a valid disposition for SIGXFSZ.
    if unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) } != libc::SIG_ERR {
        handlers[libc::SIGXFSZ as usize] = Handler::Ignore;
    }
}

/// A signal arrived and its Python handler did not run yet (read without
/// the GIL by a main thread waiting for a lock).
pub(crate) fn pending() -> bool {
    ANY_TRIPPED.load(Ordering::SeqCst)
}

/// In a forked child the forking thread handles signals from now on, if
/// its interpreter handled them before (CPython's `_PySignal_AfterFork`).
pub(crate) fn after_fork_child(vm: &Vm) {
    let b = HANDLER_BREAKER.load(Ordering::SeqCst);
    if !b.is_null() {
        HANDLER_BREAKER.store(&vm.thread.eval_breaker as *const AtomicU32 as *mut AtomicU32, Ordering::SeqCst);
    }
}

/// Stop delivering signals to this interpreter (it is being destroyed).
pub(crate) fn uninstall(vm: &Vm) {
    let me = &vm.thread.eval_breaker as *const AtomicU32 as *mut AtomicU32;
    if HANDLER_BREAKER.compare_exchange(me, std::ptr::null_mut(), Ordering::SeqCst, Ordering::SeqCst).is_ok() {
        restore_default(libc::SIGINT);
    }
}

/// Set the Python-level handler of `signum` (the `signal.signal` of the
/// `_signal` module), installing the C handler or the default disposition.
pub fn set_handler(vm: &Vm, signum: usize, handler: Handler) -> PyResult<Handler> {
    if signum == 0 || signum >= NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    let sig = signum as i32;
    let r = match &handler {
        Handler::Call(_) => install_c_handler(sig),
        Handler::Default => {
            // SAFETY: setting SIG_DFL is valid for any catchable signal; the
            // others fail with EINVAL.
            if unsafe { libc::signal(sig, libc::SIG_DFL) } == libc::SIG_ERR {
                Err(std::io::Error::last_os_error())
            } else {
                Ok(())
            }
        }
        Handler::Ignore => {
            // SAFETY: setting SIG_IGN is valid for any catchable signal; the
            // others (SIGKILL, SIGSTOP) fail with EINVAL.
            if unsafe { libc::signal(sig, libc::SIG_IGN) } == libc::SIG_ERR {
                Err(std::io::Error::last_os_error())
            } else {
                Ok(())
            }
        }
    };
    r.map_err(|e| vm.io_error(&e, None))?;
    let mut handlers = vm.signal_handlers.borrow_mut();
    if handlers.len() < NSIG {
        handlers.resize(NSIG, Handler::Default);
    }
    Ok(std::mem::replace(&mut handlers[signum], handler))
}

/// What the OS does with a signal now (CPython reads it with
/// `PyOS_getsig` to report handlers it did not set).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disposition {
    Default,
    Ignore,
    /// The interpreter's C handler (the Python handler runs).
    Interpreter,
    /// A handler installed by someone else (C code).
    Other,
}

/// The OS disposition of `signum`.
pub fn os_disposition(signum: usize) -> Disposition {
    // SAFETY: sigaction with a null new action only reads the current one
    // into a zeroed struct.
    let handler = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum as i32, std::ptr::null(), &mut old) != 0 {
            return Disposition::Default;
        }
        old.sa_sigaction
    };
    if handler == libc::SIG_DFL {
        Disposition::Default
    } else if handler == libc::SIG_IGN {
        Disposition::Ignore
    } else if handler == trip as extern "C" fn(libc::c_int) as usize {
        Disposition::Interpreter
    } else {
        Disposition::Other
    }
}

/// Set the wakeup fd (`signal.set_wakeup_fd`); the previous one. A failed
/// write to it is reported as an unraisable OSError, a full buffer only
/// with `warn_on_full_buffer`.
pub fn set_wakeup_fd(fd: i32, warn_on_full_buffer: bool) -> i32 {
    WAKEUP_WARN_FULL.store(warn_on_full_buffer, Ordering::SeqCst);
    WAKEUP_FD.swap(fd, Ordering::SeqCst)
}

/// Report a failed write to the wakeup fd (CPython's
/// `report_wakeup_write_error`): an OSError through `sys.unraisablehook`.
fn report_wakeup_write_error(vm: &Vm) {
    let err = WAKEUP_ERRNO.swap(0, Ordering::SeqCst);
    if err == 0 {
        return;
    }
    let e = crate::objects::exceptions::os_error_from_io(vm, &std::io::Error::from_raw_os_error(err), None);
    crate::modules::sys::write_stderr(vm, "Exception ignored when trying to write to the signal wakeup fd:\n");
    vm.write_unraisable(&e, None);
}

/// The Python-level handler of `signum`.
pub fn get_handler(vm: &Vm, signum: usize) -> Handler {
    vm.signal_handlers.borrow().get(signum).cloned().unwrap_or(Handler::Default)
}

/// Mark `signum` as arrived, as the C handler does (`signal.raise_signal`
/// goes through the OS; `_thread.interrupt_main` uses this).
pub fn trip_signal(signum: i32) {
    trip(signum);
}

/// Run the Python handlers of the signals that arrived (CPython's
/// `PyErr_CheckSignals`); the first exception a handler raises is returned.
/// Only the thread that handles signals runs them.
pub(crate) fn check(vm: &Vm) -> PyResult<()> {
    vm.thread.clear_breaker(breaker::SIGNALS);
    let me = &vm.thread.eval_breaker as *const AtomicU32 as *mut AtomicU32;
    if HANDLER_BREAKER.load(Ordering::SeqCst) != me || !ANY_TRIPPED.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    report_wakeup_write_error(vm);
    for (signum, flag) in TRIPPED.iter().enumerate().skip(1) {
        if !flag.swap(false, Ordering::SeqCst) {
            continue;
        }
        if let Err(e) = run_handler(vm, signum) {
            // The others run at the next check.
            if TRIPPED.iter().any(|f| f.load(Ordering::SeqCst)) {
                ANY_TRIPPED.store(true, Ordering::SeqCst);
                vm.thread.set_breaker(breaker::SIGNALS);
            }
            return Err(e);
        }
    }
    Ok(())
}

fn run_handler(vm: &Vm, signum: usize) -> PyResult<()> {
    match get_handler(vm, signum) {
        Handler::Ignore => Ok(()),
        Handler::Default if signum == libc::SIGINT as usize => {
            Err(vm.new_exception(&vm.ctx.exceptions.keyboard_interrupt, vec![]))
        }
        Handler::Default => Ok(()),
        Handler::Call(func) => {
            let cur = vm.thread.current_frame.get();
            let frame = if cur.is_null() {
                vm.none()
            } else {
                // SAFETY: `current_frame` is the live frame running on this thread.
                crate::eval::frame::frame_object(vm, unsafe { &mut *cur })
            };
            vm.call(&func, &[vm.new_usize(signum), frame], None).map(|_| ())
        }
    }
}

/// Exit the way a process killed by SIGINT exits (CPython's `exit_sigint`
/// after an uncaught KeyboardInterrupt), so that a shell sees status 130.
pub fn exit_sigint() -> ! {
    restore_default(libc::SIGINT);
    // SAFETY: sending a signal to our own process.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    std::process::exit(130)
}
