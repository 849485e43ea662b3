//! `Vm`, the token of a thread running in an interpreter (`pystate.rs` has
//! the `Interpreter` and `ThreadState` it joins), the error type, and the
//! configuration.
//!
//! `&Vm` is the GIL token: code that touches objects takes it, and holding it
//! is proof of holding the interpreter's lock. Everything hangs off the
//! interpreter or the thread state: there is no global interpreter state.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::context::Context;
use crate::object::Obj;
use crate::objects::type_cache::MethodCache;
pub(crate) use crate::pystate::{Interpreter, ThreadState};

/// The result of anything that can raise: the error is the exception object,
/// one pointer wide, so `?` costs nothing on the happy path.
pub type PyResult<T> = Result<T, PyErr>;

/// A raised exception (always a normalized `BaseException` instance).
#[derive(Clone)]
pub struct PyErr(pub Obj);

impl PyErr {
    pub fn value(&self) -> &Obj {
        &self.0
    }

    pub fn into_value(self) -> Obj {
        self.0
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({:?})", self.0)
    }
}

/// The interpreter, seen from the thread that holds its GIL: the token
/// that code touching objects takes. It derefs to the shared
/// [`Interpreter`]; `thread` is this thread's state.
pub struct Vm {
    pub(crate) interp: Rc<Interpreter>,
    pub thread: Box<ThreadState>,
}

impl std::ops::Deref for Vm {
    type Target = Interpreter;
    #[inline(always)]
    fn deref(&self) -> &Interpreter {
        &self.interp
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        // The interpreter's objects are released while this thread state is
        // the running one; the thread state itself goes last.
        let me: *const ThreadState = &*self.thread;
        let prev = crate::pystate::swap_current(me);
        crate::signals::uninstall(self);
        drop(self.thread.context.take());
        drop(self.thread.asyncgen_firstiter.take());
        drop(self.thread.asyncgen_finalizer.take());
        if let Some(interp) = Rc::get_mut(&mut self.interp) {
            crate::traceback::forget_interpreter(interp);
            interp.teardown();
        }
        crate::pystate::swap_current(if prev == me { std::ptr::null() } else { prev });
    }
}

/// Restores the previously running thread state when dropped.
pub struct EnterGuard {
    prev: *const ThreadState,
}

impl Drop for EnterGuard {
    fn drop(&mut self) {
        crate::pystate::swap_current(self.prev);
    }
}

/// A native module the interpreter can import (CPython's `struct _inittab`):
/// its name and the function that creates it.
#[derive(Clone, Copy)]
pub struct ModuleDef {
    pub name: &'static str,
    pub init: fn(&Vm) -> PyResult<Obj>,
}

impl std::fmt::Debug for ModuleDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ModuleDef({})", self.name)
    }
}

/// Command line and environment settings (CPython's `PyConfig`).
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub argv: Vec<String>,
    /// `argv` as the bytes the OS passed (same length), when known:
    /// `sys.argv` decodes them with surrogateescape as CPython does, so
    /// arguments that are not UTF-8 survive the round trip through
    /// `os.fsencode`.
    pub argv_bytes: Option<Vec<Vec<u8>>>,
    /// The process's command line as given (`sys.orig_argv`); empty when
    /// embedded (then `[executable]`).
    pub orig_argv: Vec<String>,
    pub optimize: u8,
    pub dont_write_bytecode: bool,
    pub ignore_environment: bool,
    pub isolated: bool,
    pub unbuffered: bool,
    /// `-i` and `PYTHONINSPECT` (a count, as `sys.flags.inspect`): after the
    /// program, enter the interactive loop; SystemExit does not end the
    /// process while it is set.
    pub inspect: u8,
    /// `-i` given (`sys.flags.interactive`): stdin counts as interactive even
    /// when it is not a terminal.
    pub interactive: u8,
    /// `-d` and `PYTHONDEBUG` (`sys.flags.debug`).
    pub debug: u8,
    /// `-s`, `PYTHONNOUSERSITE`, `-I`.
    pub no_user_site: bool,
    /// `-P`, `PYTHONSAFEPATH`, `-I`.
    pub safe_path: bool,
    /// `-X dev`, `PYTHONDEVMODE`.
    pub dev_mode: bool,
    /// `-X int_max_str_digits`, `PYTHONINTMAXSTRDIGITS` (None: the default
    /// limit, `sys.flags.int_max_str_digits == -1`).
    pub int_max_str_digits: Option<u32>,
    /// `-X tracemalloc[=N]`, `PYTHONTRACEMALLOC`: trace allocations from
    /// the start with N frames (0: off).
    pub tracemalloc: u32,
    pub xoptions: Vec<String>,
    pub hash_seed: Option<u64>,
    pub executable: String,
    /// `-b` given once (warn) or twice (error).
    pub bytes_warning: u8,
    /// `-q`, `-s`, `-S`, `-v` style flags we accept and report in `sys.flags`.
    pub quiet: bool,
    pub no_site: bool,
    pub verbose: u8,
    /// Warning filters from `-W` options.
    pub warnoptions: Vec<String>,
    /// Route SIGINT to KeyboardInterrupt (CPython's
    /// `install_signal_handlers`; the `taipan` command sets it, embedders
    /// may leave signals alone).
    pub install_signal_handlers: bool,
    /// `PYTHONPATH` (CPython's `pythonpath_env`): ':'-separated directories
    /// put in `sys.path` before the standard library.
    pub pythonpath_env: Option<String>,
    /// The UTF-8 Mode (`-X utf8`, PYTHONUTF8, the C and POSIX locales):
    /// `sys.flags.utf8_mode`.
    pub utf8_mode: bool,
    /// `-X warn_default_encoding`, `PYTHONWARNDEFAULTENCODING` (PEP 597):
    /// `open()`, `TextIOWrapper()` and `io.text_encoding()` without an
    /// encoding emit EncodingWarning.
    pub warn_default_encoding: bool,
    /// The LC_CTYPE locale's codeset once start-up configured the locale
    /// (CPython's locale encoding, `nl_langinfo(CODESET)`): outside the
    /// UTF-8 Mode, the file system and standard stream encoding. None in
    /// an embedded interpreter, which never sets the locale and uses UTF-8.
    pub locale_encoding: Option<String>,
    /// `sys.path` as a `._pth` file gives it (CPython's
    /// `module_search_paths_set`): it replaces PYTHONPATH and the standard
    /// library.
    pub module_search_paths: Option<Vec<String>>,
    /// `--check-hash-based-pycs` (`_imp.check_hash_based_pycs`; None is
    /// "default").
    pub check_hash_based_pycs: Option<String>,
    /// `-X pycache_prefix=PATH`, `PYTHONPYCACHEPREFIX` (`sys.pycache_prefix`).
    pub pycache_prefix: Option<String>,
    /// `-X no_debug_ranges`, `PYTHONNODEBUGRANGES` (CPython's
    /// `code_debug_ranges` off): code objects keep lines but no columns.
    pub no_debug_ranges: bool,
    /// `-X importtime`, `PYTHONPROFILEIMPORTTIME` (CPython's `import_time`):
    /// each import's own and cumulative time goes to stderr.
    pub import_time: bool,
}

impl Vm {
    /// A new interpreter with its builtin types and modules; `module_table`
    /// lists the native modules it can import (CPython's inittab). The
    /// calling thread becomes its main thread.
    pub fn new(config: Config, module_table: &[ModuleDef]) -> Vm {
        // The builtin objects already come from the new interpreter's pools.
        let obmalloc = crate::object::obmalloc::Obmalloc::for_interpreter();
        let thread = Box::new(ThreadState::new());
        thread.objects.allocator.set(obmalloc);
        let prev = crate::pystate::swap_current(&*thread);
        let ctx = Context::new(config.hash_seed);
        crate::pystate::swap_current(prev);
        let interp = Interpreter {
            ctx,
            recursion_limit: Cell::new(1000),
            builtins: RefCell::new(None),
            sys: RefCell::new(None),
            modules: RefCell::new(None),
            config: RefCell::new(config),
            module_table: module_table.to_vec(),
            lazy_types: RefCell::new(rustc_hash::FxHashMap::default()),
            max_str_digits: Cell::new(taipan_format::DEFAULT_MAX_STR_DIGITS),
            method_cache: MethodCache::new(),
            gc: crate::gc::GcState::new(),
            switch_interval: Cell::new(0.005),
            warnings: Default::default(),
            codecs: Default::default(),
            signal_handlers: RefCell::new(Vec::new()),
            atexit: RefCell::new(Vec::new()),
            audit_hooks: RefCell::new(Vec::new()),
            unhandled_keyboard_interrupt: Cell::new(false),
            import_lock: crate::import::ImportLock::default(),
            importlib: RefCell::new(None),
            frozen_override: Cell::new(0),
            output_tail: RefCell::new(None),
            readline_hook: Cell::new(None),
            gil: std::sync::Arc::new(crate::ceval_gil::Gil::new()),
            threads: RefCell::new(Vec::new()),
            main_thread: Cell::new(crate::pystate::current_ident()),
            thread_count: Cell::new(0),
            obmalloc,
        };
        let vm = Vm { interp: Rc::new(interp), thread };
        vm.thread.gc.set(&vm.interp.gc);
        // The creating thread holds the GIL from the start.
        vm.gil.acquire(&*vm.thread);
        vm.threads.borrow_mut().push((vm.thread.ident, &*vm.thread as *const ThreadState));
        crate::traceback::register_thread(&*vm.thread);
        crate::traceback::set_main_interpreter(Rc::as_ptr(&vm.interp));
        // The first interpreter of an OS thread stays its running one.
        if crate::pystate::current_thread_ptr().is_null() {
            crate::pystate::swap_current(&*vm.thread);
        }
        if let Some(n) = vm.config.borrow().int_max_str_digits {
            vm.max_str_digits.set(n as usize);
            taipan_syntax::set_int_max_str_digits(n as usize);
        }
        let nframe = vm.config.borrow().tracemalloc;
        if nframe > 0 {
            crate::tracemalloc::api::start(&vm, nframe);
        }
        let _active = vm.enter();
        crate::context::finish_types(&vm);
        crate::builtins::init(&vm);
        crate::modules::init(&vm);
        if vm.config.borrow().install_signal_handlers {
            crate::signals::install(&vm);
        }
        vm
    }

    /// Make this the running interpreter of the OS thread until the guard
    /// is dropped (an embedder driving several interpreters from one thread
    /// enters the one it calls into).
    pub fn enter(&self) -> EnterGuard {
        let me: *const ThreadState = &*self.thread;
        EnterGuard { prev: crate::pystate::swap_current(me) }
    }

    /// Run `f` without holding the GIL (CPython's `Py_BEGIN_ALLOW_THREADS`):
    /// around blocking system calls. `f` is `Send`, so it cannot touch
    /// objects or this token.
    pub fn allow_threads<F, R>(&self, f: F) -> R
    where
        F: FnOnce() -> R + Send,
        R: Send,
    {
        let gil = &*self.interp.gil;
        // Until a second thread starts nobody could take the GIL, and at
        // exit the main thread keeps it: no hand-over then.
        if !gil.should_release() {
            return f();
        }
        gil.count_release();
        let ts: *const ThreadState = &*self.thread;
        gil.release(ts, false);
        /// Takes the GIL back when `f` returns or unwinds.
        struct Retake<'a>(&'a crate::ceval_gil::Gil, *const ThreadState);
        impl Drop for Retake<'_> {
            fn drop(&mut self) {
                self.0.acquire(self.1);
            }
        }
        let _retake = Retake(gil, ts);
        f()
    }

    /// Run the Python handlers of signals that arrived (CPython's
    /// `PyErr_CheckSignals`); an exception they raise (KeyboardInterrupt
    /// for SIGINT) is returned. Call it when a system call fails with EINTR.
    pub fn check_signals(&self) -> PyResult<()> {
        crate::signals::check(self)
    }

    pub fn none(&self) -> Obj {
        self.ctx.none.clone()
    }

    pub fn is_none(&self, o: &Obj) -> bool {
        o.is(&self.ctx.none)
    }

    pub fn bool_obj(&self, b: bool) -> Obj {
        if b {
            self.ctx.true_.clone()
        } else {
            self.ctx.false_.clone()
        }
    }

    pub fn not_implemented(&self) -> Obj {
        self.ctx.not_implemented.clone()
    }

    pub fn is_not_implemented(&self, o: &Obj) -> bool {
        o.is(&self.ctx.not_implemented)
    }

    pub fn builtins_module(&self) -> Obj {
        self.builtins.borrow().clone().expect("builtins module")
    }

    pub fn sys_module(&self) -> Obj {
        self.sys.borrow().clone().expect("sys module")
    }

    /// The limit on int/str conversions (0 = none).
    pub fn int_max_str_digits(&self) -> usize {
        self.max_str_digits.get()
    }

    /// The globals of the innermost running Python frame.
    pub fn current_globals(&self) -> Option<Obj> {
        let f = self.thread.current_frame.get();
        if f.is_null() {
            return None;
        }
        // SAFETY: `current_frame` points at the live frame that is running
        // on this thread; we only clone one field.
        Some(unsafe { (*f).globals.clone() })
    }

    /// Report an exception that cannot be raised (from `__del__`, a
    /// generator's finalizer, a weakref callback, ...) through
    /// `sys.unraisablehook`, as CPython's `PyErr_WriteUnraisable`.
    pub fn write_unraisable(&self, err: &PyErr, obj: Option<&Obj>) {
        self.write_unraisable_msg(err, None, obj);
    }

    /// `write_unraisable` with an error message in place of "Exception
    /// ignored in" (CPython's `_PyErr_WriteUnraisableMsg`).
    pub fn write_unraisable_msg(&self, err: &PyErr, err_msg: Option<&str>, obj: Option<&Obj>) {
        let value = err.value().clone();
        let args = crate::pythonrun::UnraisableArgs {
            exc_type: Some(value.class_obj()),
            traceback: unraisable_traceback(self, &value),
            value: Some(value),
            err_msg: err_msg.map(|m| self.new_str(m)),
            object: obj.cloned(),
        };
        if crate::audit::is_auditing(self) {
            let raw = crate::modules::sys::sys_attr_raw(self, "unraisablehook").unwrap_or_else(|| self.none());
            let audited = crate::modules::sys::unraisable_hook_args(self, &args)
                .and_then(|a| crate::audit::audit(self, "sys.unraisablehook", || vec![raw, a]));
            if let Err(e) = audited {
                let value = e.value().clone();
                let failure = crate::pythonrun::UnraisableArgs {
                    exc_type: Some(value.class_obj()),
                    traceback: crate::objects::exceptions::traceback_of(&value),
                    value: Some(value),
                    err_msg: Some(self.new_str("Exception ignored in audit hook")),
                    object: None,
                };
                crate::modules::sys::write_stderr(self, &crate::pythonrun::format_unraisable(self, &failure));
                return;
            }
        }
        let hook = crate::modules::sys::sys_attr(self, "unraisablehook").filter(|h| !self.is_none(h));
        let Some(hook) = hook else {
            crate::modules::sys::write_stderr(self, &crate::pythonrun::format_unraisable(self, &args));
            return;
        };
        let called = crate::modules::sys::unraisable_hook_args(self, &args).and_then(|a| self.call(&hook, &[a], None));
        if let Err(e) = called {
            let value = e.value().clone();
            let failure = crate::pythonrun::UnraisableArgs {
                exc_type: Some(value.class_obj()),
                traceback: crate::objects::exceptions::traceback_of(&value),
                value: Some(value),
                err_msg: Some(self.new_str("Exception ignored in sys.unraisablehook")),
                object: Some(hook),
            };
            crate::modules::sys::write_stderr(self, &crate::pythonrun::format_unraisable(self, &failure));
        }
    }
}

/// The traceback reported with an unraisable exception: its own, or else
/// one made from the current frame and set on it (as CPython's
/// `_PyErr_WriteUnraisableMsg` does, so a hook always sees where it was).
fn unraisable_traceback(vm: &Vm, value: &Obj) -> Option<Obj> {
    if let Some(tb) = crate::objects::exceptions::traceback_of(value) {
        return Some(tb);
    }
    let tb = crate::objects::traceback::from_current_frame(vm)?;
    crate::objects::exceptions::set_traceback(value, Some(tb.clone()));
    Some(tb)
}

/// Marks an object as being repr'd until dropped (CPython's Py_ReprEnter).
pub struct ReprGuard<'a> {
    thread: &'a ThreadState,
    id: usize,
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        let s = self.thread.repr_stack();
        if let Some(pos) = s.iter().rposition(|&x| x == self.id) {
            s.remove(pos);
        }
    }
}

impl Vm {
    /// Enter the repr of a container; `None` if it is already being repr'd
    /// on this thread (a recursive structure: print `[...]`).
    pub fn repr_enter(&self, o: &Obj) -> Option<ReprGuard<'_>> {
        let s = self.thread.repr_stack();
        if s.contains(&o.id()) {
            return None;
        }
        s.push(o.id());
        Some(ReprGuard { thread: &self.thread, id: o.id() })
    }

    /// Run queued finalizers (`__del__`, generator close).
    pub fn run_pending_work(&self) -> PyResult<()> {
        use crate::pystate::breaker;
        if self.thread.breaker_bits() & breaker::GIL_DROP != 0 {
            self.interp.gil.yield_to_waiter(&*self.thread);
        }
        if self.thread.breaker_bits() & breaker::SIGNALS != 0 {
            crate::signals::check(self)?;
        }
        if self.thread.breaker_bits() & breaker::GC != 0 {
            crate::gc::collect_generations(self)?;
        }
        self.run_queued_finalizers();
        Ok(())
    }

    /// Run the finalizers queued so far (`__del__`, weakref callbacks) now,
    /// where CPython would have run them inside a deallocation: `list.sort`
    /// drops its keys and must see what their `__del__` does to the list.
    pub(crate) fn run_queued_finalizers(&self) {
        use crate::pystate::breaker;
        while self.thread.breaker_bits() & breaker::FINALIZERS != 0 {
            self.thread.clear_breaker(breaker::FINALIZERS);
            let mut due = self.thread.objects.take_pending();
            for work in due.drain(..) {
                match work {
                    crate::object::Pending::Finalize(o) => {
                        if let Some(f) = o.class().finalize.get() {
                            f(self, &o);
                        }
                        drop(o);
                    }
                    crate::object::Pending::WeakrefCallback { callback, weakref } => {
                        if let Err(e) = self.call(&callback, &[weakref], None) {
                            self.write_unraisable(&e, Some(&callback));
                        }
                    }
                }
            }
            self.thread.objects.recycle_pending(due);
        }
    }

    /// Set `exc.__context__` to the exception being handled (CPython's
    /// `_PyErr_SetObject` chaining, with its cycle breaking).
    pub fn chain_context(&self, exc: &Obj) {
        let Some(handled) = self.thread.handled_exception() else { return };
        if handled.is(exc) {
            return;
        }
        use crate::objects::exceptions::{context_of, set_context};
        let mut o = handled.clone();
        let mut slow = handled.clone();
        let mut toggle = false;
        while let Some(ctx) = context_of(&o) {
            if ctx.is(exc) {
                set_context(&o, None);
                break;
            }
            o = ctx;
            if o.is(&slow) {
                break;
            }
            if toggle {
                slow = context_of(&slow).unwrap_or_else(|| slow.clone());
            }
            toggle = !toggle;
        }
        set_context(exc, Some(handled));
    }

    /// The builtins module's dict.
    pub fn builtins_dict(&self) -> Obj {
        self.builtins_module().instance_dict().expect("builtins dict")
    }
}
