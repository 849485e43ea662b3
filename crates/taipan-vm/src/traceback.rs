//! Dumping the Python stack of a thread to a file descriptor without the
//! object machinery (CPython's `_Py_DumpTraceback` in `Python/traceback.c`),
//! for `faulthandler`: it must work inside a signal handler, when the
//! thread was stopped at any point. So it allocates nothing, takes no
//! lock, touches no refcount and only calls `write(2)`.

use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

use crate::eval::frame::Frame;
use crate::pystate::{current_thread_ptr, ThreadState};

/// CPython's `MAX_FRAME_DEPTH`.
const MAX_FRAME_DEPTH: usize = 100;
/// CPython's `MAX_STRING_LENGTH`.
const MAX_STRING_LENGTH: usize = 500;

/// The first line of a dumped stack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `Stack (most recent call first):`
    Stack,
    /// `Current thread 0x... (most recent call first):`
    CurrentThread,
    /// `Thread 0x... (most recent call first):` (dumped from elsewhere).
    Thread,
}

/// Write all of `bytes` (short writes and EINTR retried; errors ignored,
/// as there is nowhere to report them).
pub fn write_fd(fd: i32, bytes: &[u8]) {
    let mut done = 0;
    while done < bytes.len() {
        let rest = &bytes[done..];
        // SAFETY: the pointer and length describe `rest`, a live slice.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        if n == 0 {
            return;
        }
        done += n as usize;
    }
}

/// `n` in decimal.
pub fn write_decimal(fd: i32, n: u64) {
    let mut buf = [0u8; 20];
    let start = crate::objects::int::u64_digits(n, &mut buf);
    write_fd(fd, &buf[start..]);
}

/// `n` in hexadecimal, zero-padded to `width` digits (CPython's
/// `_Py_DumpHexadecimal`).
fn write_hex(fd: i32, mut n: u64, width: usize) {
    let mut buf = [b'0'; 16];
    let mut i = buf.len();
    while n != 0 || buf.len() - i < width {
        i -= 1;
        buf[i] = b"0123456789abcdef"[(n & 15) as usize];
        n >>= 4;
        if i == 0 {
            break;
        }
    }
    write_fd(fd, &buf[i..]);
}

/// A string as ASCII, other characters escaped as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`, cut at 500 characters (CPython's `_Py_DumpASCII`).
fn write_ascii(fd: i32, s: &crate::objects::str::StrData) {
    let mut buf = [0u8; 10];
    for (i, c) in s.code_points().enumerate() {
        if i == MAX_STRING_LENGTH {
            write_fd(fd, b"...");
            return;
        }
        if (0x20..0x7f).contains(&c) {
            buf[0] = c as u8;
            write_fd(fd, &buf[..1]);
            continue;
        }
        let (prefix, width): (&[u8], usize) = match c {
            0..=0xff => (b"\\x", 2),
            0x100..=0xffff => (b"\\u", 4),
            _ => (b"\\U", 8),
        };
        write_fd(fd, prefix);
        write_hex(fd, u64::from(c), width);
    }
}

/// `  File "name", line N in func`.
///
/// # Safety
/// `f` must point to a frame of the thread being dumped.
unsafe fn dump_frame(fd: i32, f: *const Frame) {
    // SAFETY: the caller guarantees `f` is a live frame; its code object
    // lives as long as the frame.
    let code = unsafe { (*f).code() };
    // SAFETY: as above.
    let lasti = unsafe { (*f).lasti };
    write_fd(fd, b"  File ");
    code.with_filename(|name| match name.and_then(crate::objects::str::data) {
        Some(s) => {
            write_fd(fd, b"\"");
            write_ascii(fd, s);
            write_fd(fd, b"\"");
        }
        None => write_fd(fd, b"???"),
    });
    write_fd(fd, b", line ");
    match code.line_at(lasti) {
        Some(line) => write_decimal(fd, u64::from(line)),
        None => write_fd(fd, b"???"),
    }
    write_fd(fd, b" in ");
    match crate::objects::str::data(&code.name) {
        Some(s) => write_ascii(fd, s),
        None => write_fd(fd, b"???"),
    }
    write_fd(fd, b"\n");
}

/// Whether the collector of `ts`'s interpreter is running (CPython's
/// "Garbage-collecting" line of the current thread).
///
/// # Safety
/// As `dump_traceback_of`; only asked of the calling thread's own state.
unsafe fn collecting_garbage(ts: *const ThreadState) -> bool {
    if ts.is_null() {
        return false;
    }
    // SAFETY: the caller guarantees `ts` is live; its collector pointer is
    // null or the interpreter's collector, which outlives its threads.
    unsafe {
        let gc = (*ts).gc.get();
        !gc.is_null() && (*gc).is_collecting()
    }
}

/// Dump the stack of the thread state `ts` (most recent call first).
///
/// # Safety
/// `ts` must be null or a live thread state whose frame chain is not being
/// changed by another running thread (the calling thread's own, or one
/// stopped by a signal).
pub(crate) unsafe fn dump_traceback_of(fd: i32, ts: *const ThreadState, header: Header) {
    match header {
        Header::Stack => write_fd(fd, b"Stack"),
        Header::CurrentThread | Header::Thread => {
            write_fd(fd, if header == Header::Thread { b"Thread 0x" } else { b"Current thread 0x" });
            let ident = if ts.is_null() {
                // SAFETY: pthread_self has no preconditions.
                unsafe { libc::pthread_self() as u64 }
            } else {
                // SAFETY: the caller guarantees `ts` is live.
                unsafe { (*ts).ident }
            };
            write_hex(fd, ident, 16);
        }
    }
    write_fd(fd, b" (most recent call first):\n");
    // SAFETY: the caller's guarantee on `ts` is the one this needs.
    if header == Header::CurrentThread && unsafe { collecting_garbage(ts) } {
        write_fd(fd, b"  Garbage-collecting\n");
    }
    // SAFETY: the caller guarantees `ts` is null or live.
    let mut f = if ts.is_null() { std::ptr::null_mut() } else { unsafe { (*ts).current_frame.get() } };
    if f.is_null() {
        write_fd(fd, b"  <no Python frame>\n");
        return;
    }
    let mut depth = 0;
    while !f.is_null() {
        if depth >= MAX_FRAME_DEPTH {
            write_fd(fd, b"  ...\n");
            break;
        }
        // SAFETY: `f` is a link of the frame chain of `ts`.
        unsafe {
            dump_frame(fd, f);
            f = (*f).previous;
        }
        depth += 1;
    }
}

/// Dump the stack of the calling thread (`faulthandler.dump_traceback`,
/// and the handlers of fatal and user signals, which run on the thread the
/// signal stopped).
pub fn dump_current_thread(fd: i32, header: Header) {
    // SAFETY: the running thread's own state, whose frames only this
    // thread changes (and it is here, not changing them).
    unsafe { dump_traceback_of(fd, current_thread_ptr(), header) }
}

/// CPython's `MAX_NTHREADS`.
const MAX_NTHREADS: usize = 100;

/// Dump the stack of every thread of the interpreter, the most recently
/// started first, the calling thread as "Current thread"
/// (`faulthandler.dump_traceback(all_threads=True)`, CPython's
/// `_Py_DumpTracebackThreads`).
pub fn dump_all_threads(vm: &crate::vm::Vm, fd: i32) {
    let me = current_thread_ptr();
    let threads = vm.threads.borrow().clone();
    for (n, &(_, ts)) in threads.iter().rev().enumerate() {
        if n != 0 {
            write_fd(fd, b"\n");
        }
        if n >= MAX_NTHREADS {
            write_fd(fd, b"...\n");
            break;
        }
        let header = if ts == me { Header::CurrentThread } else { Header::Thread };
        // SAFETY: registered thread states are alive (a thread leaves the
        // list under the GIL before its state goes) and, as we hold the
        // GIL, none of them is changing its frames.
        unsafe { dump_traceback_of(fd, ts, header) };
    }
}

// ---------------------------------------------------------------------------
// Every thread state of the process, for the dumps a signal handler or a
// non-Python thread writes (CPython walks the interpreter's thread list
// without a lock there too). The slots are atomics so that a handler can
// read them at any point; a sequence number per slot keeps the order in
// which threads were registered.
// ---------------------------------------------------------------------------

/// How many thread states can be dumped from a signal handler.
const MAX_REGISTERED: usize = MAX_NTHREADS + 28;

#[allow(clippy::declare_interior_mutable_const)]
const NO_THREAD: AtomicPtr<ThreadState> = AtomicPtr::new(std::ptr::null_mut());
#[allow(clippy::declare_interior_mutable_const)]
const NO_SEQ: AtomicU64 = AtomicU64::new(0);
static REGISTERED: [AtomicPtr<ThreadState>; MAX_REGISTERED] = [NO_THREAD; MAX_REGISTERED];
static REGISTERED_SEQ: [AtomicU64; MAX_REGISTERED] = [NO_SEQ; MAX_REGISTERED];
static NEXT_SEQ: AtomicU64 = AtomicU64::new(1);
/// The thread state finalizing the interpreter (null: not finalizing).
static FINALIZING: AtomicPtr<ThreadState> = AtomicPtr::new(std::ptr::null_mut());

/// A thread state joins the list the handlers dump (a full list leaves it
/// out: only the dumps miss it).
pub(crate) fn register_thread(ts: *const ThreadState) {
    let seq = NEXT_SEQ.fetch_add(1, Ordering::SeqCst);
    for (slot, s) in REGISTERED.iter().zip(&REGISTERED_SEQ) {
        if slot
            .compare_exchange(std::ptr::null_mut(), ts as *mut ThreadState, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            s.store(seq, Ordering::SeqCst);
            return;
        }
    }
}

/// A thread state leaves the list (it is being dropped).
pub(crate) fn unregister_thread(ts: *const ThreadState) {
    for slot in &REGISTERED {
        let _ = slot.compare_exchange(ts as *mut ThreadState, std::ptr::null_mut(), Ordering::SeqCst, Ordering::SeqCst);
    }
}

/// In a forked child only `me` is left.
pub(crate) fn forget_other_threads(me: *const ThreadState) {
    for slot in &REGISTERED {
        if !std::ptr::eq(slot.load(Ordering::SeqCst), me) {
            slot.store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }
}

/// The interpreter started finalizing on the thread `ts`.
pub(crate) fn set_finalizing(ts: *const ThreadState) {
    FINALIZING.store(ts as *mut ThreadState, Ordering::SeqCst);
}

/// The registered thread whose sequence number is the highest below
/// `below`, with that number.
fn registered_before(below: u64) -> Option<(u64, *const ThreadState)> {
    let mut best: Option<(u64, *const ThreadState)> = None;
    for (slot, s) in REGISTERED.iter().zip(&REGISTERED_SEQ) {
        let p = slot.load(Ordering::SeqCst);
        let seq = s.load(Ordering::SeqCst);
        if p.is_null() || seq >= below || best.is_some_and(|(b, _)| seq <= b) {
            continue;
        }
        best = Some((seq, p));
    }
    best
}

/// Dump every registered thread, the most recently started first; the
/// calling thread (if it is a Python thread) is the "Current thread"
/// (CPython's `_Py_DumpTracebackThreads` from a signal handler or a
/// thread without the GIL). Allocates nothing and takes no lock.
pub fn dump_threads_unlocked(fd: i32, mark_current: bool) {
    let me = if mark_current { current_thread_ptr() } else { std::ptr::null() };
    let mut below = u64::MAX;
    let mut n = 0;
    while let Some((seq, ts)) = registered_before(below) {
        below = seq;
        if n != 0 {
            write_fd(fd, b"\n");
        }
        if n >= MAX_NTHREADS {
            write_fd(fd, b"...\n");
            break;
        }
        let header = if !me.is_null() && ts == me { Header::CurrentThread } else { Header::Thread };
        // SAFETY: registered states are alive until their drop removes
        // them; as in CPython, the frames of a thread that keeps running
        // may be read while they change (a best-effort dump at a crash).
        unsafe { dump_traceback_of(fd, ts, header) };
        n += 1;
    }
    if n == 0 {
        // SAFETY: a null state dumps the header and "<no Python frame>".
        unsafe { dump_traceback_of(fd, std::ptr::null(), Header::CurrentThread) };
    }
}

// ---------------------------------------------------------------------------
// The "Extension modules:" line of a fatal error (CPython's
// `_Py_DumpExtensionModules`).
// ---------------------------------------------------------------------------

/// The interpreter whose modules a fatal error lists: the first one made
/// in the process (CPython's main interpreter), until it goes.
static MAIN_INTERPRETER: AtomicPtr<crate::pystate::Interpreter> = AtomicPtr::new(std::ptr::null_mut());

pub(crate) fn set_main_interpreter(interp: *const crate::pystate::Interpreter) {
    let _ = MAIN_INTERPRETER.compare_exchange(
        std::ptr::null_mut(),
        interp as *mut crate::pystate::Interpreter,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
}

pub(crate) fn forget_interpreter(interp: *const crate::pystate::Interpreter) {
    let _ = MAIN_INTERPRETER.compare_exchange(
        interp as *mut crate::pystate::Interpreter,
        std::ptr::null_mut(),
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
}

/// `sys.stdlib_module_names` if it is a frozenset (read from the sys
/// module's dict, as CPython reads `interp->sysdict`).
fn stdlib_module_names(interp: &crate::pystate::Interpreter) -> Option<crate::object::Obj> {
    let sys = interp.sys.try_borrow().ok()?.clone()?;
    let d = sys.instance_dict()?;
    let dd = crate::objects::dict::data(&d)?;
    for i in 0..dd.entries_len() {
        let Some((k, v)) = dd.entry_at(i) else { continue };
        if crate::objects::str::data(&k).and_then(|s| s.as_str()) == Some("stdlib_module_names") {
            let frozen = v.type_is(&interp.ctx.types.frozenset);
            return frozen.then_some(v);
        }
    }
    None
}

fn set_has_str(set: &crate::object::Obj, name: &str) -> bool {
    let Some(sd) = crate::objects::set::data(set) else { return false };
    let mut i = 0;
    while let Some((at, item)) = sd.next_from(i) {
        if crate::objects::str::data(&item).and_then(|s| s.as_str()) == Some(name) {
            return true;
        }
        i = at + 1;
    }
    false
}

/// Write `\nExtension modules: a, b (total: N)\n` for the native modules in
/// `sys.modules` (in its order, named by their keys) that are not in
/// `sys.stdlib_module_names`; nothing when there are none. A module is
/// native ("extension") when it is a module object entered under the name
/// of one of the interpreter's native modules. Like the stack dumps, this
/// reads the dicts without a lock, allocating nothing.
pub fn dump_extension_modules(fd: i32) {
    let p = MAIN_INTERPRETER.load(Ordering::SeqCst);
    if p.is_null() {
        return;
    }
    // SAFETY: the interpreter clears the pointer before it is dropped.
    let interp = unsafe { &*p };
    let Some(modules) = interp.modules.try_borrow().ok().and_then(|m| m.clone()) else { return };
    let Some(md) = crate::objects::dict::data(&modules) else { return };
    let stdlib = stdlib_module_names(interp);
    let mut count = 0u64;
    for i in 0..md.entries_len() {
        let Some((key, value)) = md.entry_at(i) else { continue };
        let Some(name) = crate::objects::str::data(&key) else { continue };
        let Some(text) = name.as_str() else { continue };
        let native = crate::import::is_native_module_name(interp, text)
            && value.has_payload::<crate::objects::module::ModuleData>();
        if !native || stdlib.as_ref().is_some_and(|s| set_has_str(s, text)) {
            continue;
        }
        write_fd(fd, if count == 0 { b"\nExtension modules: " } else { b", " });
        write_ascii(fd, name);
        count += 1;
    }
    if count > 0 {
        write_fd(fd, b" (total: ");
        write_decimal(fd, count);
        write_fd(fd, b")\n");
    }
}

/// CPython's `Py_FatalError` (`_Py_FatalErrorFunc`): the message, the
/// runtime state, the stacks of all threads, then `abort()`. Safe to call
/// from any thread, with or without the GIL.
pub fn fatal_error(func: &str, msg: &str) -> ! {
    let fd = 2;
    write_fd(fd, b"Fatal Python error: ");
    if !func.is_empty() {
        write_fd(fd, func.as_bytes());
        write_fd(fd, b": ");
    }
    write_fd(fd, msg.as_bytes());
    write_fd(fd, b"\nPython runtime state: ");
    let finalizing = FINALIZING.load(Ordering::SeqCst);
    if finalizing.is_null() {
        write_fd(fd, b"initialized");
    } else {
        write_fd(fd, b"finalizing (tstate=0x");
        write_hex(fd, finalizing as u64, 16);
        write_fd(fd, b")");
    }
    write_fd(fd, b"\n\n");
    if finalizing.is_null() {
        dump_threads_unlocked(fd, true);
    } else {
        // CPython has deleted the other threads' states by then.
        dump_current_thread(fd, Header::CurrentThread);
    }
    dump_extension_modules(fd);
    // SAFETY: resetting SIGABRT's disposition (faulthandler's handler would
    // dump the stacks a second time) and aborting are always allowed.
    unsafe {
        libc::signal(libc::SIGABRT, libc::SIG_DFL);
        libc::abort()
    }
}
