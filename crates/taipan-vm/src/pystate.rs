//! Interpreter and thread state (CPython's `Python/pystate.c`:
//! `PyInterpreterState` and `PyThreadState`).
//!
//! An [`Interpreter`] owns everything a program can see as a whole: its
//! builtin types and singletons, `builtins`, `sys`, `sys.modules`, the table
//! of native modules it was built with, its configuration and caches. A
//! [`ThreadState`] belongs to one OS thread running in that interpreter: its
//! frames, the exception being handled, recursion depth, the objects
//! waiting for their finalizer and the per-thread free lists.
//!
//! `Vm` (in `vm.rs`) pairs the two: it is the token a thread holds while it
//! holds the interpreter's GIL. Nothing of an interpreter lives in a static
//! or a thread-local: the only thread-local of the VM is [`CURRENT`], a
//! pointer to the thread state the OS thread is running (CPython's
//! `_Py_tss_tstate`), which deallocation uses because `Drop` has no `&Vm`.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::ptr;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::context::Context;
use crate::eval::Frame;
use crate::object::Obj;
use crate::object::{ObjectState, TypeObject};
use crate::objects::type_cache::MethodCache;
use crate::vm::{Config, ModuleDef};

/// An `atexit` callback: the function, its positional arguments, its keyword
/// arguments dict.
pub(crate) type AtexitCallback = (Obj, Vec<Obj>, Option<Obj>);

/// Everything shared by the threads of one interpreter.
pub struct Interpreter {
    /// Builtin types, exception types and singletons.
    pub ctx: Context,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: Cell<u32>,
    /// The `builtins` module.
    pub builtins: RefCell<Option<Obj>>,
    /// The `sys` module.
    pub sys: RefCell<Option<Obj>>,
    /// `sys.modules`.
    pub modules: RefCell<Option<Obj>>,
    /// Command line settings (`-O`, `-B`, `-u`, ...).
    pub config: RefCell<Config>,
    /// The native modules this interpreter can import (CPython's
    /// `_PyImport_Inittab`), given by whoever built it.
    pub module_table: Vec<ModuleDef>,
    /// Types created on first use (rare iterators and the like).
    pub lazy_types: RefCell<rustc_hash::FxHashMap<&'static str, Obj>>,
    /// `sys.get_int_max_str_digits()`.
    pub max_str_digits: Cell<usize>,
    /// Type attribute lookups by (type version tag, name).
    pub method_cache: MethodCache,
    /// The cycle collector's generations and settings.
    pub(crate) gc: crate::gc::GcState,
    /// `sys.getswitchinterval()`, in seconds.
    pub switch_interval: Cell<f64>,
    /// Warnings already shown, by (filename, category, message, line).
    pub(crate) warnings: crate::warnings::WarningsState,
    /// `atexit` callbacks: (function, positional args, keyword args dict).
    pub(crate) atexit: RefCell<Vec<AtexitCallback>>,
    /// `sys.addaudithook` hooks, in the order they were added (`audit.rs`).
    pub(crate) audit_hooks: RefCell<Vec<Obj>>,
    /// The codec registry: search functions, their cache, error handlers.
    pub codecs: crate::codecregistry::CodecState,
    /// The Python-level handler of each signal (`signals.rs`).
    pub signal_handlers: RefCell<Vec<crate::signals::Handler>>,
    /// The program ended with an uncaught KeyboardInterrupt: the process
    /// exits as killed by SIGINT (CPython's `_Py_UnhandledKeyboardInterrupt`).
    pub unhandled_keyboard_interrupt: Cell<bool>,
    /// The import lock (`_imp.acquire_lock`): reentrant, owned by a thread.
    pub(crate) import_lock: crate::import::ImportLock,
    /// `importlib._bootstrap` once it runs (CPython's `interp->importlib`):
    /// `import` statements that miss `sys.modules` go through its
    /// `_find_and_load`. None before start-up loaded it, or without a
    /// standard library (then builtin modules still import natively).
    pub(crate) importlib: RefCell<Option<Obj>>,
    /// `_imp._override_frozen_modules_for_tests`: 1 on, -1 off, 0 as
    /// `-X frozen_modules` says.
    pub(crate) frozen_override: Cell<i8>,
    /// What the standard streams wrote to the terminal since the last
    /// newline, while the interactive loop asks for it (None otherwise):
    /// its prompt continues that line, as GNU readline's does.
    pub output_tail: RefCell<Option<Vec<u8>>>,
    /// How `input()` reads a line when the standard streams are the
    /// terminal (CPython's `PyOS_ReadlineFunctionPointer`, GNU readline
    /// once the interactive loop has set it up); None: from sys.stdin.
    pub readline_hook: Cell<Option<crate::pythonrun::ReadlineFn>>,
    /// The GIL (`ceval_gil/`), shared with the threads it lets run.
    pub(crate) gil: std::sync::Arc<crate::ceval_gil::Gil>,
    /// The threads running in this interpreter: (identifier, thread
    /// state), the main thread first (CPython's `interp->threads`).
    pub(crate) threads: RefCell<Vec<(u64, *const ThreadState)>>,
    /// `threading.main_thread()`'s identifier: the thread that created the
    /// interpreter, or the one that forked the process.
    pub(crate) main_thread: Cell<u64>,
    /// Threads started by `_thread.start_new_thread` still running.
    pub(crate) thread_count: Cell<usize>,
    /// The small-object allocator of this interpreter's threads (null
    /// under `PYTHONMALLOC=malloc`); never freed (`object/obmalloc.rs`).
    pub(crate) obmalloc: *const crate::object::obmalloc::Obmalloc,
}

impl Interpreter {
    /// Release the interpreter's modules and caches (the last thread is
    /// leaving; it is still the running thread state).
    pub(crate) fn teardown(&mut self) {
        let modules = self.modules.get_mut().take();
        let sys = self.sys.get_mut().take();
        let builtins = self.builtins.get_mut().take();
        let importlib = self.importlib.get_mut().take();
        drop(importlib);
        let lazy = std::mem::take(self.lazy_types.get_mut());
        let handlers = std::mem::take(self.signal_handlers.get_mut());
        drop(handlers);
        self.codecs.clear();
        let atexit = std::mem::take(self.atexit.get_mut());
        drop(atexit);
        self.gc.teardown();
        drop((modules, sys, builtins, lazy));
        self.method_cache.clear();
    }
}

/// Bits of a thread's eval breaker: work the eval loop must do between two
/// instructions.
pub(crate) mod breaker {
    /// Objects wait for their finalizer (`__del__`, generator close).
    pub(crate) const FINALIZERS: u32 = 1 << 0;
    /// A signal arrived (the main thread runs its Python handler).
    pub(crate) const SIGNALS: u32 = 1 << 1;
    /// Generation 0 passed its threshold: a collection is due.
    pub(crate) const GC: u32 = 1 << 2;
    /// Another thread waited a switch interval for the GIL: give it up.
    pub(crate) const GIL_DROP: u32 = 1 << 3;
    /// A trace function is active (mirrors `ThreadState::tracing`): not
    /// work to do, but it makes the eval loop's one per-instruction test
    /// of the breaker cover tracing too. `run_pending_work` leaves it set.
    pub(crate) const TRACING: u32 = 1 << 4;
    /// A profile function is active (mirrors `ThreadState::profiling`), as
    /// TRACING: a call's frame then does not skip its RESUME (the test of
    /// the breaker it makes covers the profiler too), and a return tests
    /// both hooks with one load (`ThreadState::hooks_active`).
    pub(crate) const PROFILING: u32 = 1 << 5;
    /// The bits that stand for hooks, not for work to do.
    pub(crate) const HOOKS: u32 = TRACING | PROFILING;
}

/// The state of one OS thread running in an interpreter.
pub struct ThreadState {
    /// How deep Python calls (frames) and native re-entries are nested,
    /// against `sys.getrecursionlimit()` (one counter, as CPython 3.11).
    pub recursion_depth: Cell<u32>,
    /// Nesting of native recursion CPython does not count (`with_native_depth`).
    pub native_depth: Cell<u32>,
    /// Nesting of native code that re-enters the interpreter (eval loops
    /// and `with_recursion` levels on the Rust stack), see `REENTRY_LIMIT`.
    pub reentry_depth: Cell<u32>,
    /// The thread's current `contextvars.Context` (CPython's
    /// `tstate->context`), made on first use by `_contextvars`.
    pub context: crate::object::ObjCell,
    /// `sys.set_asyncgen_hooks(firstiter=...)`: called with each async
    /// generator on its first iteration.
    pub asyncgen_firstiter: crate::object::ObjCell,
    /// `sys.set_asyncgen_hooks(finalizer=...)`: an async generator that
    /// saw this hook on its first iteration is handed to it when it is
    /// garbage, instead of being closed synchronously.
    pub asyncgen_finalizer: crate::object::ObjCell,
    /// `sys.set_coroutine_origin_tracking_depth()`: how many frames of
    /// where a coroutine was created its `cr_origin` records.
    pub coroutine_origin_depth: Cell<u32>,
    /// The profiler (`sys.setprofile`, `_lsprof`): its hook and the object
    /// `sys.getprofile()` returns.
    pub profile_hook: Cell<Option<crate::eval::profile::ProfileHook>>,
    pub profile_obj: crate::object::ObjCell,
    /// Nesting of profiler and trace hooks running (CPython's
    /// `tstate->tracing`: neither sees events from inside either).
    pub profile_depth: Cell<u32>,
    /// The eval loop reports events: a profiler is set and not running.
    pub profiling: Cell<bool>,
    /// The trace function (`sys.settrace`, CPython's `c_traceobj`).
    pub trace_func: crate::object::ObjCell,
    /// `sys.settrace` (bit 0) or `sys.setprofile` (bit 1) is releasing the
    /// function it replaced: a finalizer that installs another one then
    /// gets CPython's RuntimeError.
    pub installing_hook: Cell<u8>,
    /// The eval loop traces: a trace function is set and no hook runs.
    pub tracing: Cell<bool>,
    /// The event the running trace function was called for (CPython's
    /// `tracing_what`; `frame.f_lineno = n` is allowed on 'line' only).
    pub tracing_what: Cell<Option<crate::eval::trace::TraceEvent>>,
    /// The frame executing on this thread (the top of the frame chain).
    pub current_frame: Cell<*mut Frame>,
    /// Where a new function last found `__name__` and `__builtins__` in
    /// its globals (entry indices, `DictData::get_str_hinted`).
    pub(crate) func_globals_hints: [Cell<u32>; 2],
    /// The exception being handled (`sys.exc_info()`), one entry per
    /// running generator plus the base one; innermost last.
    exc_info: UnsafeCell<Vec<Option<Obj>>>,
    /// Objects being repr'd (for `[...]` on recursive containers).
    repr_stack: UnsafeCell<Vec<usize>>,
    /// The type whose method descriptor is being called (its name prefixes
    /// argument errors: "list.append() takes exactly one argument").
    pub method_owner: Cell<*const TypeObject>,
    /// Work for the eval loop between instructions (`breaker` bits). Atomic
    /// because a signal handler sets it from outside the GIL.
    pub eval_breaker: AtomicU32,
    /// The memory the frames of plain calls live in.
    pub(crate) datastack: crate::eval::datastack::DataStack,
    /// Room on the Rust stack for native re-entry (`stack_guard.rs`).
    pub(crate) stack: crate::stack_guard::StackGuard,
    /// Deallocation state and the small-object free lists.
    pub(crate) objects: ObjectState,
    /// The cycle collector of this thread's interpreter (null for the
    /// temporary thread state of objects dropped outside any interpreter).
    pub(crate) gc: Cell<*const crate::gc::GcState>,
    /// The OS thread's identifier (`_thread.get_ident()`, pthread_self).
    pub ident: u64,
    /// Per-thread storage of native modules (CPython's
    /// `PyThreadState_GetDict`): `_thread._local` and the thread's
    /// sentinel lock live there; dropped when the thread ends.
    pub dict: crate::object::ObjCell,
}

thread_local! {
    /// The thread state this OS thread is running, null if none: the one
    /// thread-local, holding no interpreter state itself, only which
    /// ThreadState is current (CPython's `_Py_tss_tstate`), for code that
    /// has no `&Vm` (deallocation, the signal handler's flag).
    static CURRENT: Cell<*const ThreadState> = const { Cell::new(ptr::null()) };
}

/// The identifier of the calling OS thread (`_thread.get_ident()`).
pub fn current_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// The thread state of the running OS thread, if one is active.
#[inline(always)]
pub(crate) fn current_thread_ptr() -> *const ThreadState {
    CURRENT.get()
}

/// Make `ts` the running thread state; returns the previous one.
pub(crate) fn swap_current(ts: *const ThreadState) -> *const ThreadState {
    CURRENT.replace(ts)
}

/// Run `f` with the running thread state; with none active (objects
/// dropped by an embedder outside any interpreter), with a temporary one
/// that lives for the call.
#[inline(always)]
pub(crate) fn with_current<R>(f: impl FnOnce(&ThreadState) -> R) -> R {
    let p = CURRENT.get();
    if !p.is_null() {
        // SAFETY: CURRENT only ever holds the address of a live, boxed
        // ThreadState: it is set by `Vm::new`/`Vm::enter` and reset before
        // the thread state is dropped.
        return f(unsafe { &*p });
    }
    orphan(f)
}

#[cold]
fn orphan<R>(f: impl FnOnce(&ThreadState) -> R) -> R {
    let ts = Box::new(ThreadState::new());
    let prev = swap_current(&*ts);
    let r = f(&ts);
    drop(ts);
    swap_current(prev);
    r
}

impl ThreadState {
    pub(crate) fn new() -> ThreadState {
        ThreadState {
            recursion_depth: Cell::new(0),
            native_depth: Cell::new(0),
            reentry_depth: Cell::new(0),
            current_frame: Cell::new(ptr::null_mut()),
            func_globals_hints: [Cell::new(0), Cell::new(0)],
            exc_info: UnsafeCell::new(vec![None]),
            repr_stack: UnsafeCell::new(Vec::new()),
            method_owner: Cell::new(ptr::null()),
            eval_breaker: AtomicU32::new(0),
            datastack: crate::eval::datastack::DataStack::new(),
            stack: crate::stack_guard::StackGuard::new(),
            context: crate::object::ObjCell::new(None),
            asyncgen_firstiter: crate::object::ObjCell::new(None),
            asyncgen_finalizer: crate::object::ObjCell::new(None),
            coroutine_origin_depth: Cell::new(0),
            profile_hook: Cell::new(None),
            profile_obj: crate::object::ObjCell::new(None),
            profile_depth: Cell::new(0),
            profiling: Cell::new(false),
            trace_func: crate::object::ObjCell::new(None),
            installing_hook: Cell::new(0),
            tracing: Cell::new(false),
            tracing_what: Cell::new(None),
            objects: ObjectState::with_tracemalloc(crate::tracemalloc::tracing()),
            gc: Cell::new(ptr::null()),
            ident: current_ident(),
            dict: crate::object::ObjCell::new(None),
        }
    }

    /// Recompute which hooks the eval loop calls: none while one runs.
    pub(crate) fn refresh_hooks(&self) {
        let idle = self.profile_depth.get() == 0;
        let profiling = idle && self.profile_hook.get().is_some();
        self.profiling.set(profiling);
        let tracing = idle && self.trace_func.get().is_some();
        self.tracing.set(tracing);
        for (on, bit) in [(tracing, breaker::TRACING), (profiling, breaker::PROFILING)] {
            if on {
                self.set_breaker(bit);
            } else {
                self.clear_breaker(bit);
            }
        }
    }

    /// Is a trace or profile function active? (One load of the breaker.)
    #[inline(always)]
    pub(crate) fn hooks_active(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) & breaker::HOOKS != 0
    }

    /// Is there work to do between instructions?
    #[inline(always)]
    pub fn has_pending_work(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) != 0
    }

    pub(crate) fn set_breaker(&self, bit: u32) {
        self.eval_breaker.fetch_or(bit, Ordering::Relaxed);
    }

    pub(crate) fn clear_breaker(&self, bit: u32) {
        self.eval_breaker.fetch_and(!bit, Ordering::Relaxed);
    }

    pub(crate) fn breaker_bits(&self) -> u32 {
        self.eval_breaker.load(Ordering::Relaxed)
    }
}

// SAFETY (for the accessors below): each borrows its vector for the length
// of the call only and runs no Python code meanwhile; values swapped out are
// dropped after the borrow ends.
impl ThreadState {
    #[allow(clippy::mut_from_ref)]
    fn exc_stack(&self) -> &mut Vec<Option<Obj>> {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.exc_info.get() }
    }

    /// Set the innermost handled exception; returns the previous one.
    pub fn swap_exc(&self, v: Option<Obj>) -> Option<Obj> {
        let s = self.exc_stack();
        match s.last_mut() {
            Some(last) => std::mem::replace(last, v),
            None => {
                s.push(v);
                None
            }
        }
    }

    /// The exception being handled (`sys.exc_info()[1]`): the innermost
    /// entry that is set.
    pub fn handled_exception(&self) -> Option<Obj> {
        self.exc_stack().iter().rev().find_map(|e| e.clone())
    }

    /// A generator starts running with its own exception state.
    #[inline]
    pub fn push_exc_state(&self, v: Option<Obj>) {
        self.exc_stack().push(v)
    }

    #[inline]
    pub fn pop_exc_state(&self) -> Option<Obj> {
        let s = self.exc_stack();
        if s.len() > 1 {
            s.pop().flatten()
        } else {
            None
        }
    }

    /// The short name of the type of the method descriptor being called.
    pub fn method_owner_name(&self) -> Option<String> {
        let p = self.method_owner.get();
        if p.is_null() {
            return None;
        }
        // SAFETY: set just before a method descriptor's function runs, from
        // the descriptor's owner type, which the descriptor keeps alive.
        let t = unsafe { &*p };
        Some(t.name().rsplit('.').next().unwrap_or("").to_string())
    }

    #[allow(clippy::mut_from_ref)]
    pub(crate) fn repr_stack(&self) -> &mut Vec<usize> {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.repr_stack.get() }
    }
}

impl ThreadState {
    /// Releases the Python objects the thread still refers to (CPython's
    /// `PyThreadState_Clear`). Finalizers may run; the caller makes this
    /// the running thread state.
    pub(crate) fn clear_objects(&self) {
        let exc = std::mem::replace(self.exc_stack(), vec![None]);
        drop(exc);
        drop(self.dict.take());
        drop(self.context.take());
        drop(self.asyncgen_firstiter.take());
        drop(self.asyncgen_finalizer.take());
        drop(self.trace_func.take());
        drop(self.profile_obj.take());
    }
}

impl Drop for ThreadState {
    fn drop(&mut self) {
        // Whatever the thread still holds is released while it is the
        // running thread state, so deallocation finds its queues.
        let me: *const ThreadState = self;
        crate::traceback::unregister_thread(me);
        let prev = swap_current(me);
        self.clear_objects();
        self.objects.shutdown();
        swap_current(if prev == me { ptr::null() } else { prev });
    }
}
