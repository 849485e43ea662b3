//! The interpreter and its per-thread handle (CPython's `PyInterpreterState`
//! and `PyThreadState`).
//!
//! `&Vm` is the GIL token: code that touches objects takes it, and holding it
//! is proof of holding the interpreter's lock. Everything hangs off the `Vm`
//! (its context of types and singletons, its modules, its thread state):
//! there is no global interpreter state.

use std::cell::{Cell, RefCell, UnsafeCell};

use crate::context::Context;
use crate::object::Obj;

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

/// Per-thread state (CPython's `PyThreadState`).
pub struct ThreadState {
    /// How deep Python calls (frames) and native re-entries are nested,
    /// against `sys.getrecursionlimit()` (one counter, as CPython 3.11).
    pub recursion_depth: Cell<u32>,
    /// The frame executing on this thread (the top of the frame chain).
    pub current_frame: Cell<*mut crate::eval::Frame>,
    /// The exception being handled (`sys.exc_info()`), one entry per
    /// running generator plus the base one; innermost last.
    exc_info: UnsafeCell<Vec<Option<Obj>>>,
    /// Objects being repr'd (for `[...]` on recursive containers).
    repr_stack: UnsafeCell<Vec<usize>>,
    /// The type whose method descriptor is being called (its name prefixes
    /// argument errors: "list.append() takes exactly one argument").
    pub method_owner: Cell<*const crate::object::TypeObject>,
}

impl Default for ThreadState {
    fn default() -> Self {
        ThreadState {
            recursion_depth: Cell::new(0),
            current_frame: Cell::new(std::ptr::null_mut()),
            exc_info: UnsafeCell::new(vec![None]),
            repr_stack: UnsafeCell::new(Vec::new()),
            method_owner: Cell::new(std::ptr::null()),
        }
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
        let last = s.last_mut().expect("exc_info base entry");
        std::mem::replace(last, v)
    }

    /// The exception being handled (`sys.exc_info()[1]`): the innermost
    /// entry that is set.
    pub fn handled_exception(&self) -> Option<Obj> {
        self.exc_stack().iter().rev().find_map(|e| e.clone())
    }

    /// A generator starts running with its own exception state.
    pub fn push_exc_state(&self, v: Option<Obj>) {
        self.exc_stack().push(v)
    }

    pub fn pop_exc_state(&self) -> Option<Obj> {
        let s = self.exc_stack();
        if s.len() > 1 {
            s.pop().flatten()
        } else {
            None
        }
    }

    /// Is there work to do between instructions (queued finalizers)?
    #[inline(always)]
    pub fn has_pending_work(&self) -> bool {
        crate::object::has_pending_finalizers()
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
    fn repr_stack(&self) -> &mut Vec<usize> {
        // SAFETY: see the impl comment.
        unsafe { &mut *self.repr_stack.get() }
    }
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

/// The interpreter, seen from the thread that holds its GIL.
pub struct Vm {
    pub ctx: Context,
    pub thread: ThreadState,
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
    /// Types created on first use (rare iterators and the like).
    pub lazy_types: RefCell<std::collections::HashMap<&'static str, Obj>>,
    /// `sys.get_int_max_str_digits()`.
    pub max_str_digits: Cell<usize>,
    /// Type attribute lookups by (type version tag, name).
    pub method_cache: MethodCache,
}

/// CPython's type attribute cache: a direct-mapped table of lookup results
/// keyed by a type's version tag and the (interned) name object.
pub struct MethodCache {
    entries: UnsafeCell<Box<[CacheEntry]>>,
}

#[derive(Default)]
struct CacheEntry {
    tag: u32,
    name: Option<Obj>,
    value: Option<Obj>,
}

const METHOD_CACHE_SIZE: usize = 4096;

impl MethodCache {
    fn new() -> MethodCache {
        MethodCache { entries: UnsafeCell::new((0..METHOD_CACHE_SIZE).map(|_| CacheEntry::default()).collect()) }
    }

    #[inline]
    fn index(tag: u32, name: &Obj) -> usize {
        ((tag as usize).wrapping_mul(0x9E37_79B1) ^ (name.id() >> 4)) & (METHOD_CACHE_SIZE - 1)
    }

    /// The cached result (`Some(None)`: cached as missing).
    #[inline]
    pub fn get(&self, tag: u32, name: &Obj) -> Option<Option<Obj>> {
        // SAFETY: entries are only read or replaced here and in `set`, which
        // run no Python code while the reference lives.
        let e = unsafe { &(*self.entries.get())[Self::index(tag, name)] };
        if e.tag == tag && e.name.as_ref().is_some_and(|n| n.is(name)) {
            return Some(e.value.clone());
        }
        None
    }

    pub fn set(&self, tag: u32, name: &Obj, value: Option<Obj>) {
        let i = Self::index(tag, name);
        // SAFETY: as `get`; the old entry is dropped after the borrow ends.
        let old = unsafe {
            let e = &mut (*self.entries.get())[i];
            std::mem::replace(e, CacheEntry { tag, name: Some(name.clone()), value })
        };
        drop(old);
    }
}

/// Command line and environment settings (CPython's `PyConfig`).
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub argv: Vec<String>,
    pub optimize: u8,
    pub dont_write_bytecode: bool,
    pub ignore_environment: bool,
    pub isolated: bool,
    pub unbuffered: bool,
    pub inspect: bool,
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
}

impl Vm {
    /// A new interpreter with its builtin types and modules.
    pub fn new(config: Config) -> Vm {
        let ctx = Context::new(config.hash_seed);
        let vm = Vm {
            ctx,
            thread: ThreadState::default(),
            recursion_limit: Cell::new(1000),
            builtins: RefCell::new(None),
            sys: RefCell::new(None),
            modules: RefCell::new(None),
            config: RefCell::new(config),
            lazy_types: RefCell::new(std::collections::HashMap::new()),
            max_str_digits: Cell::new(taipan_format::DEFAULT_MAX_STR_DIGITS),
            method_cache: MethodCache::new(),
        };
        crate::context::finish_types(&vm);
        crate::builtins::init(&vm);
        crate::modules::init(&vm);
        vm
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
    /// generator's finalizer, ...) on stderr, as CPython's
    /// `PyErr_WriteUnraisable`.
    pub fn write_unraisable(&self, err: &PyErr, obj: Option<&Obj>) {
        let mut out = String::new();
        if let Some(o) = obj {
            let r = self.repr_string(o).unwrap_or_else(|_| "<object repr() failed>".into());
            out.push_str(&format!("Exception ignored in: {r}\n"));
        }
        out.push_str(&crate::pythonrun::format_exception(self, err.value()));
        crate::modules::sys::write_stderr(self, &out);
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
        while crate::object::has_pending_finalizers() {
            for o in crate::object::take_pending_finalizers() {
                if let Some(f) = o.class().finalize.get() {
                    f(self, &o);
                }
                drop(o);
            }
        }
        Ok(())
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
