//! `_thread` (CPython's `Modules/_threadmodule.c`): OS threads that each
//! run with their own thread state and take turns on the GIL, locks whose
//! blocking waits release the GIL (and in the main thread are interrupted
//! by signals, whose handlers run before the wait goes on), re-entrant
//! locks, thread-local data (`_local`), and thread identity.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

use taipan_vm::api::thread::{self as pythread, RawLock, Wait};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, module, signals, tuple, weakref, Obj, PyPayload, PyResult, Vm};

/// `threading.TIMEOUT_MAX`: the largest timeout in whole seconds
/// ([`PY_TIMEOUT_MAX_US`] rounded down, as CPython does).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// Keys of this module's entries in the thread state's dict.
const SENTINEL_KEY: &str = "_thread.sentinel";
const LOCALS_KEY: &str = "_thread._local.refs";

fn thread_ident() -> u64 {
    pythread::current_ident()
}

fn native_id() -> i64 {
    // SAFETY: gettid takes no arguments and cannot fail.
    unsafe { libc::syscall(libc::SYS_gettid) }
}

fn lazy_type(vm: &Vm, key: &'static str, make: fn(&Vm) -> Obj) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(key) {
        return t.clone();
    }
    let t = make(vm);
    vm.lazy_types.borrow_mut().insert(key, t.clone());
    t
}

/// The calling thread's dict of native per-thread data (CPython's
/// `PyThreadState_GetDict`).
pub(crate) fn thread_dict(vm: &Vm) -> Obj {
    if let Some(d) = vm.thread.dict.get() {
        return d;
    }
    let d = vm.new_dict();
    vm.thread.dict.set(Some(d.clone()));
    d
}

// ---------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------

/// `acquire`'s "no timeout" (-1 s in nanoseconds, CPython's `unset_timeout`).
const UNSET_TIMEOUT_NS: i64 = -1_000_000_000;

/// The longest wait in microseconds (CPython's `PY_TIMEOUT_MAX` where
/// locks wait with `sem_clockwait`); `TIMEOUT_MAX` is it in whole seconds.
const PY_TIMEOUT_MAX_US: i64 = i64::MAX / 1000;

/// `acquire(blocking=True, timeout=-1)`'s arguments with CPython's checks,
/// in its order (`lock_acquire_parse_args`): the timeout is converted
/// first, and it is rounded away from zero, so -1.0000000001 is negative
/// rather than "no timeout".
fn parse_acquire(vm: &Vm, a: &[Obj], k: Option<&Obj>) -> PyResult<Wait> {
    let p = args::parse(vm, "acquire", a, k, &["blocking", "timeout"], 0)?;
    let blocking = match &p[0] {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    let timeout_ns = match &p[1] {
        Some(t) => crate::support::seconds_to_ns(vm, t, crate::support::round_away)?,
        None => UNSET_TIMEOUT_NS,
    };
    if !blocking && timeout_ns != UNSET_TIMEOUT_NS {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout_ns < 0 && timeout_ns != UNSET_TIMEOUT_NS {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(None);
    }
    if timeout_ns == UNSET_TIMEOUT_NS {
        return Ok(Some(None));
    }
    let micros = timeout_ns / 1000 + i64::from(timeout_ns % 1000 != 0);
    if micros > PY_TIMEOUT_MAX_US {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(Some(Some(Duration::from_nanos(timeout_ns as u64))))
}

/// Wait for `raw` without being interrupted (re-taking a lock the caller
/// gave up for a moment, as `_acquire_restore`).
fn acquire_uninterruptibly(vm: &Vm, raw: &RawLock) {
    if !raw.try_acquire() {
        vm.allow_threads(|| while raw.wait_acquire(None, false) != pythread::WaitResult::Acquired {});
    }
}

// ---------------------------------------------------------------------------
// lock
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Lock {
    raw: RawLock,
}
impl PyPayload for Lock {}

fn lock_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Lock> {
    payload_or_err::<Lock>(vm, o, "_thread.lock")
}

fn make_lock_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_thread.lock",
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: true,
        methods: LOCK_METHODS,
        getsets: &[],
        doc: Some("A lock object is a synchronization primitive.  To create a lock,\ncall threading.Lock().  Methods are:\n\nacquire() -- lock the lock, possibly blocking until it can be obtained\nrelease() -- unlock of the lock\nlocked() -- test whether the lock is currently locked\n\nA lock is not owned by the thread that locked it; another thread may\nunlock it.  A thread attempting to lock a lock that it has already locked\nwill block until another thread unlocks it.  Deadlocks may ensue."),
    };
    taipan_vm::api::types::new_type::<Lock>(vm, &spec, |s| {
        s.new.set(Some(|vm, _cls, _a, _k| Err(vm.type_error("cannot create '_thread.lock' instances"))));
        s.repr.set(Some(lock_repr));
    })
}

fn lock_type(vm: &Vm) -> Obj {
    lazy_type(vm, "_thread.lock", make_lock_type)
}

fn new_lock(vm: &Vm) -> PyResult<Obj> {
    let ty = lock_type(vm);
    alloc_instance(vm, &ty, &ty, Lock::default())
}

fn lock_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let l = lock_of(vm, o)?;
    let state = if l.raw.is_locked() { "locked" } else { "unlocked" };
    Ok(vm.new_str(&format!("<{state} _thread.lock object at {:#x}>", o.id())))
}

fn lock_acquire(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let wait = parse_acquire(vm, a, k)?;
    let l = lock_of(vm, o)?;
    let got = pythread::acquire_lock(vm, &l.raw, wait)?;
    Ok(vm.bool_obj(got))
}

fn lock_release(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let _ = (a, k);
    let l = lock_of(vm, o)?;
    if !l.raw.release() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    Ok(vm.none())
}

const LOCK_METHODS: &[MethodDef] = &[
    MethodDef::method("acquire", lock_acquire),
    MethodDef::method("acquire_lock", lock_acquire),
    MethodDef::method("__enter__", lock_acquire),
    MethodDef::method("release", |vm, o, a, k| {
        args::exact::<0>(vm, "release", a, k)?;
        lock_release(vm, o, a, k)
    }),
    MethodDef::method("release_lock", |vm, o, a, k| {
        args::exact::<0>(vm, "release_lock", a, k)?;
        lock_release(vm, o, a, k)
    }),
    MethodDef::method("__exit__", lock_release),
    MethodDef::method("locked", |vm, o, a, k| {
        args::exact::<0>(vm, "locked", a, k)?;
        Ok(vm.bool_obj(lock_of(vm, o)?.raw.is_locked()))
    }),
    MethodDef::method("locked_lock", |vm, o, a, k| {
        args::exact::<0>(vm, "locked_lock", a, k)?;
        Ok(vm.bool_obj(lock_of(vm, o)?.raw.is_locked()))
    }),
    MethodDef::method("_at_fork_reinit", |vm, o, a, k| {
        args::exact::<0>(vm, "_at_fork_reinit", a, k)?;
        lock_of(vm, o)?.raw.reinit();
        Ok(vm.none())
    }),
];

// ---------------------------------------------------------------------------
// RLock
// ---------------------------------------------------------------------------

/// A re-entrant lock: the owner and the count change only under the GIL;
/// the underlying lock is what other threads wait on.
#[derive(Default)]
struct RLock {
    raw: RawLock,
    owner: Cell<u64>,
    count: Cell<u64>,
}
impl PyPayload for RLock {}

fn rlock_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a RLock> {
    payload_or_err::<RLock>(vm, o, "_thread.RLock")
}

fn make_rlock_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_thread.RLock",
        base: None,
        flags: flags::BASETYPE,
        gc: false,
        dict: false,
        weakref: true,
        methods: RLOCK_METHODS,
        getsets: &[],
        doc: None,
    };
    taipan_vm::api::types::new_type::<RLock>(vm, &spec, |s| {
        s.new.set(Some(|vm, cls, _a, _k| alloc_instance(vm, cls, &rlock_type(vm), RLock::default())));
        s.repr.set(Some(rlock_repr));
    })
}

fn rlock_type(vm: &Vm) -> Obj {
    lazy_type(vm, "_thread.RLock", make_rlock_type)
}

fn rlock_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let r = rlock_of(vm, o)?;
    let state = if r.count.get() > 0 { "locked" } else { "unlocked" };
    let cls = o.class_obj();
    let module = vm.getattr_str(&cls, "__module__").and_then(|m| vm.str_string(&m))?;
    let qual = vm.getattr_str(&cls, "__qualname__").and_then(|m| vm.str_string(&m))?;
    Ok(vm.new_str(&format!(
        "<{state} {module}.{qual} object owner={} count={} at {:#x}>",
        r.owner.get(),
        r.count.get(),
        o.id()
    )))
}

fn rlock_acquire(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let wait = parse_acquire(vm, a, k)?;
    let r = rlock_of(vm, o)?;
    let me = thread_ident();
    if r.count.get() > 0 && r.owner.get() == me {
        let Some(n) = r.count.get().checked_add(1) else {
            return Err(vm.overflow_error("Internal lock count overflowed"));
        };
        r.count.set(n);
        return Ok(vm.bool_obj(true));
    }
    let got = pythread::acquire_lock(vm, &r.raw, wait)?;
    if got {
        r.owner.set(me);
        r.count.set(1);
    }
    Ok(vm.bool_obj(got))
}

fn rlock_release(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let r = rlock_of(vm, o)?;
    if r.count.get() == 0 || r.owner.get() != thread_ident() {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    r.count.set(r.count.get() - 1);
    if r.count.get() == 0 {
        r.owner.set(0);
        r.raw.release();
    }
    Ok(vm.none())
}

fn rlock_release_save(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "_release_save", a, k)?;
    let r = rlock_of(vm, o)?;
    if r.count.get() == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    let saved = vm.new_tuple(vec![vm.new_bigint(r.count.get().into()), vm.new_bigint(r.owner.get().into())]);
    r.count.set(0);
    r.owner.set(0);
    r.raw.release();
    Ok(saved)
}

fn rlock_acquire_restore(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [state] = args::exact::<1>(vm, "_acquire_restore", a, k)?;
    let items = match vm.isinstance_type(&state, &vm.ctx.types.tuple) {
        true if tuple::len(&state) == 2 => tuple::items(&state).to_vec(),
        true => return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", tuple::len(&state)))),
        false => {
            return Err(
                vm.type_error(format!("_acquire_restore() argument must be tuple, not {}", state.class().name()))
            )
        }
    };
    let count = vm.to_bigint(&items[0])?;
    let owner = vm.to_bigint(&items[1])?;
    let r = rlock_of(vm, o)?;
    acquire_uninterruptibly(vm, &r.raw);
    r.count.set(u64::try_from(count).unwrap_or(0));
    r.owner.set(u64::try_from(owner).unwrap_or(0));
    Ok(vm.none())
}

const RLOCK_METHODS: &[MethodDef] = &[
    MethodDef::method("acquire", rlock_acquire),
    MethodDef::method("__enter__", rlock_acquire),
    MethodDef::method("release", |vm, o, a, k| {
        args::exact::<0>(vm, "release", a, k)?;
        rlock_release(vm, o, a, k)
    }),
    MethodDef::method("__exit__", rlock_release),
    MethodDef::method("_is_owned", |vm, o, a, k| {
        args::exact::<0>(vm, "_is_owned", a, k)?;
        let r = rlock_of(vm, o)?;
        Ok(vm.bool_obj(r.count.get() > 0 && r.owner.get() == thread_ident()))
    }),
    MethodDef::method("_recursion_count", |vm, o, a, k| {
        args::exact::<0>(vm, "_recursion_count", a, k)?;
        let r = rlock_of(vm, o)?;
        let n = if r.owner.get() == thread_ident() { r.count.get() } else { 0 };
        Ok(vm.new_bigint(n.into()))
    }),
    MethodDef::method("_release_save", rlock_release_save),
    MethodDef::method("_acquire_restore", rlock_acquire_restore),
    MethodDef::method("_at_fork_reinit", |vm, o, a, k| {
        args::exact::<0>(vm, "_at_fork_reinit", a, k)?;
        let r = rlock_of(vm, o)?;
        r.raw.reinit();
        r.count.set(0);
        r.owner.set(0);
        Ok(vm.none())
    }),
];

// ---------------------------------------------------------------------------
// _local
// ---------------------------------------------------------------------------

/// `_thread._local`: one dict per thread, by thread identifier. The dict
/// of the thread touching the object is swapped into its `__dict__` slot
/// before each attribute access. A thread that used a local records a weak
/// reference to it in its thread dict, so its entry goes when the thread
/// ends; all entries go when the local does.
#[derive(Default)]
struct Local {
    dicts: RefCell<HashMap<u64, Obj>>,
    /// The arguments of the constructor, given again to `__init__` in each
    /// new thread (for subclasses that define it).
    args: RefCell<Option<(Obj, Option<Obj>)>>,
}

impl PyPayload for Local {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(d) = self.dicts.try_borrow() {
            d.values().for_each(&mut *visit);
        }
        if let Ok(a) = self.args.try_borrow() {
            if let Some((args, kw)) = &*a {
                visit(args);
                if let Some(k) = kw {
                    visit(k);
                }
            }
        }
    }
    fn clear(&self) {
        let d = self.dicts.try_borrow_mut().map(|mut d| std::mem::take(&mut *d));
        let a = self.args.try_borrow_mut().map(|mut a| a.take());
        drop((d, a));
    }
}

fn local_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Local> {
    payload_or_err::<Local>(vm, o, "_thread._local")
}

fn make_local_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_thread._local",
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: &[],
        getsets: &[],
        doc: Some("Thread-local data"),
    };
    taipan_vm::api::types::new_type::<Local>(vm, &spec, |s| {
        s.new.set(Some(local_new));
        s.getattro.set(Some(local_getattro));
        s.setattro.set(Some(local_setattro));
    })
}

fn local_getattro(vm: &Vm, o: &Obj, name: &Obj) -> PyResult<Obj> {
    local_select_dict(vm, o)?;
    taipan_vm::api::types::generic_getattr(vm, o, name)
}

fn local_setattro(vm: &Vm, o: &Obj, name: &Obj, value: Option<&Obj>) -> PyResult<()> {
    local_select_dict(vm, o)?;
    if vm.str_string(name).is_ok_and(|n| n == "__dict__") {
        let cls = o.class().name().to_string();
        return Err(vm.attribute_error(format!("'{cls}' object attribute '__dict__' is read-only")));
    }
    taipan_vm::api::types::generic_setattr(vm, o, name, value)
}

/// Put the calling thread's dict in `o`'s `__dict__` slot, making it (and
/// running `__init__` again) on the thread's first use.
fn local_select_dict(vm: &Vm, o: &Obj) -> PyResult<()> {
    let l = local_of(vm, o)?;
    let me = thread_ident();
    let existing = l.dicts.borrow().get(&me).cloned();
    if let Some(d) = existing {
        if !o.instance_dict().is_some_and(|cur| cur.is(&d)) {
            o.set_instance_dict(Some(d));
        }
        return Ok(());
    }
    let d = vm.new_dict();
    l.dicts.borrow_mut().insert(me, d.clone());
    o.set_instance_dict(Some(d));
    remember_local(vm, o)?;
    let saved = l.args.borrow().clone();
    let init = vm.getattr_str(&o.class_obj(), "__init__")?;
    let object_init = vm.getattr_str(&vm.ctx.types.object, "__init__")?;
    if !init.is(&object_init) {
        let (args, kw) = saved.unwrap_or_else(|| (vm.new_tuple(vec![]), None));
        let mut all = vec![o.clone()];
        all.extend(tuple::items(&args).iter().cloned());
        if let Err(e) = vm.call_with_dict(&init, all, kw.as_ref()) {
            l.dicts.borrow_mut().remove(&me);
            o.set_instance_dict(None);
            return Err(e);
        }
    }
    Ok(())
}

/// Note in the thread dict that this thread has a dict in local `o`.
fn remember_local(vm: &Vm, o: &Obj) -> PyResult<()> {
    let td = thread_dict(vm);
    let list = match dict::get_item_str(vm, &td, LOCALS_KEY) {
        Some(l) => l,
        None => {
            let l = vm.new_list(vec![]);
            dict::set_item_str(vm, &td, LOCALS_KEY, l.clone())?;
            l
        }
    };
    let r = weakref::new_ref(vm, o, None)?;
    vm.call_method(&list, "append", &[r])?;
    Ok(())
}

/// The thread is ending: drop its dict from every local it used.
fn forget_locals(vm: &Vm) {
    let Some(td) = vm.thread.dict.get() else { return };
    let Some(list) = dict::get_item_str(vm, &td, LOCALS_KEY) else { return };
    let me = thread_ident();
    for r in vm.to_vec(&list).unwrap_or_default() {
        let Some(o) = weakref::referent(&r) else { continue };
        let Ok(l) = local_of(vm, &o) else { continue };
        let d = l.dicts.borrow_mut().remove(&me);
        if let Some(d) = d {
            if o.instance_dict().is_some_and(|cur| cur.is(&d)) {
                o.set_instance_dict(None);
            }
        }
    }
}

fn local_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let has_args = !a.is_empty() || k.is_some_and(|k| tuple::len(k) > 0);
    if has_args {
        let object = vm.ctx.types.object.clone();
        let init = vm.getattr_str(cls, "__init__")?;
        if init.is(&vm.getattr_str(&object, "__init__")?) {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
    }
    let ty = lazy_type(vm, "_thread._local", make_local_type);
    let o = alloc_instance(vm, cls, &ty, Local::default())?;
    let (pos, kw) = vm.split_kwargs(a, k);
    let kwd = if kw.is_empty() {
        None
    } else {
        let d = vm.new_dict();
        for (key, v) in kw {
            dict::set_item(vm, &d, key, v)?;
        }
        Some(d)
    };
    let l = local_of(vm, &o)?;
    *l.args.borrow_mut() = Some((vm.new_tuple(pos.to_vec()), kwd));
    // The creating thread's dict; `__init__` runs from the type call.
    let d = vm.new_dict();
    l.dicts.borrow_mut().insert(thread_ident(), d.clone());
    o.set_instance_dict(Some(d));
    remember_local(vm, &o)?;
    Ok(o)
}

// ---------------------------------------------------------------------------
// Starting threads
// ---------------------------------------------------------------------------

fn start_new_thread(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("start_new_thread() takes no keyword arguments"));
    }
    if a.len() < 2 || a.len() > 3 {
        let msg = if a.len() < 2 { "at least 2" } else { "at most 3" };
        return Err(vm.type_error(format!("start_new_thread expected {msg} arguments, got {}", a.len())));
    }
    if !vm.is_callable(&a[0]) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if !vm.isinstance_type(&a[1], &vm.ctx.types.tuple) {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    if a.len() == 3 && !vm.isinstance_type(&a[2], &vm.ctx.types.dict) {
        return Err(vm.type_error("optional 3rd arg must be a dictionary"));
    }
    let func = a[0].clone();
    let fargs = a[1].clone();
    let kwargs = a.get(2).cloned();
    let size = current_stack_size(vm);
    let run: Box<dyn FnOnce(&Vm)> = Box::new(move |vm: &Vm| thread_run(vm, func, fargs, kwargs));
    match pythread::start_thread(vm, size, run) {
        Ok(ident) => Ok(vm.new_bigint(ident.into())),
        Err(_) => Err(vm.runtime_error("can't start new thread")),
    }
}

/// The body of a thread started by `start_new_thread` (CPython's
/// `thread_run`): call the function; SystemExit ends the thread quietly,
/// any other exception is reported as unraisable.
fn thread_run(vm: &Vm, func: Obj, fargs: Obj, kwargs: Option<Obj>) {
    let r = vm.call_with_dict(&func, tuple::items(&fargs).to_vec(), kwargs.as_ref());
    if let Err(e) = r {
        if !vm.isinstance_type(e.value(), &vm.ctx.exceptions.system_exit) {
            report_thread_exception(vm, &e, &func);
        }
    }
    drop((func, fargs));
    forget_locals(vm);
    release_sentinel(vm);
    let td = vm.thread.dict.take();
    drop(td);
}

/// "Exception ignored in thread started by: ..." through
/// `sys.unraisablehook` (CPython's `_PyErr_WriteUnraisableMsg`).
fn report_thread_exception(vm: &Vm, err: &taipan_vm::api::PyErr, func: &Obj) {
    if let Some(hook) = taipan_vm::api::sys::sys_attr(vm, "unraisablehook") {
        if let Ok(args) = unraisable_args(vm, err, func) {
            if vm.call(&hook, &[args], None).is_ok() {
                return;
            }
        }
    }
    let r = vm.repr_string(func).unwrap_or_else(|_| "<object repr() failed>".into());
    let mut text = format!("Exception ignored in thread started by: {r}\n");
    text.push_str(&pythread::format_exception(vm, err.value()));
    taipan_vm::api::sys::write_stderr(vm, &text);
}

/// An object with the attributes of `sys.UnraisableHookArgs`.
fn unraisable_args(vm: &Vm, err: &taipan_vm::api::PyErr, func: &Obj) -> PyResult<Obj> {
    let types = taipan_vm::api::import::import_module(vm, "types")?;
    let ns = vm.getattr_str(&types, "SimpleNamespace")?;
    let d = vm.new_dict();
    let v = err.value().clone();
    dict::set_item_str(vm, &d, "exc_type", v.class_obj())?;
    let tb = vm.getattr_str(&v, "__traceback__")?;
    dict::set_item_str(vm, &d, "exc_value", v)?;
    dict::set_item_str(vm, &d, "exc_traceback", tb)?;
    dict::set_item_str(vm, &d, "err_msg", vm.new_str("Exception ignored in thread started by"))?;
    dict::set_item_str(vm, &d, "object", func.clone())?;
    vm.call_with_dict(&ns, vec![], Some(&d))
}

/// `_set_sentinel()`: a new lock that is released, if held, when the
/// calling thread ends (threading acquires it at once, and
/// `Thread.join` waits on it).
fn set_sentinel(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "_set_sentinel", a, k)?;
    let lock = new_lock(vm)?;
    let td = thread_dict(vm);
    // A sentinel set before (CPython drops the old one's reference).
    dict::set_item_str(vm, &td, SENTINEL_KEY, lock.clone())?;
    Ok(lock)
}

fn release_sentinel(vm: &Vm) {
    let Some(td) = vm.thread.dict.get() else { return };
    if let Some(lock) = dict::get_item_str(vm, &td, SENTINEL_KEY) {
        if let Ok(l) = lock_of(vm, &lock) {
            l.raw.release();
        }
    }
}

fn current_stack_size(vm: &Vm) -> usize {
    let o = vm.lazy_types.borrow().get("_thread.stack_size").cloned();
    o.and_then(|o| vm.index_to_isize(&o).ok()).map_or(0, |n| n.max(0) as usize)
}

// ---------------------------------------------------------------------------
// Module functions
// ---------------------------------------------------------------------------

/// `stack_size([size])`: the stack size of threads started from now on.
fn stack_size(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "stack_size", a, k, &["size"], 0)?;
    let old = current_stack_size(vm);
    let n = match &p[0] {
        Some(size) => vm.index_to_isize(size)?,
        None => 0,
    };
    if n < 0 {
        return Err(vm.value_error("size must be 0 or a positive value"));
    }
    if n != 0 && n < 32768 {
        return Err(vm.value_error(format!("size not valid: {n} bytes")));
    }
    vm.lazy_types.borrow_mut().insert("_thread.stack_size", vm.new_int(n as i64));
    Ok(vm.new_usize(old))
}

fn interrupt_main(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "interrupt_main", a, k, &["signum"], 0)?;
    let signum = match &p[0] {
        Some(s) => vm.index_to_isize(s)?,
        None => libc::SIGINT as isize,
    };
    if signum < 1 || signum as usize >= signals::NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    let active = match signals::get_handler(vm, signum as usize) {
        signals::Handler::Call(_) => true,
        signals::Handler::Default => {
            signum == libc::SIGINT as isize
                && signals::os_disposition(signum as usize) == signals::Disposition::Interpreter
        }
        signals::Handler::Ignore => false,
    };
    if active {
        signals::trip_signal(signum as i32);
    }
    Ok(vm.none())
}

const EXCEPT_HOOK_ARGS: &str = "_thread._ExceptHookArgs";
const EXCEPT_HOOK_FIELDS: &[&str] = &["exc_type", "exc_value", "exc_traceback", "thread"];
const EXCEPT_HOOK_FIELD_DOCS: &[&str] = &["Exception type", "Exception value", "Exception traceback", "Thread"];

fn except_hook_args_type(vm: &Vm) -> PyResult<Obj> {
    crate::structseq::new_type_with_docs(
        vm,
        EXCEPT_HOOK_ARGS,
        EXCEPT_HOOK_FIELDS,
        EXCEPT_HOOK_FIELD_DOCS,
        4,
        0,
        "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook.",
    )
}

/// `_thread._excepthook(args)` (CPython's `thread_excepthook`): what
/// `threading.excepthook` does by default. SystemExit is ignored; the
/// report goes to `sys.stderr`, or, when that is None, to the thread's
/// `_stderr` (the stream it started with).
fn excepthook(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [hook_args] = args::exact::<1>(vm, "_excepthook", a, k)?;
    if !hook_args.class_obj().is(&except_hook_args_type(vm)?) {
        return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let field = |i: usize| tuple::items(&hook_args)[i].clone();
    let (exc_type, exc_value, thread) = (field(0), field(1), field(3));
    if exc_type.is(&vm.ctx.exceptions.system_exit) {
        return Ok(vm.none());
    }
    let file = match taipan_vm::api::sys::sys_attr(vm, "stderr").filter(|f| !vm.is_none(f)) {
        Some(f) => f,
        None if vm.is_none(&thread) => return Ok(vm.none()),
        None => match vm.getattr_str(&thread, "_stderr")? {
            f if vm.is_none(&f) => return Ok(vm.none()),
            f => f,
        },
    };
    let name = if vm.is_none(&thread) { None } else { vm.getattr_str_opt(&thread, "name")? };
    let name = match name {
        Some(n) => vm.str_string(&n)?,
        None => thread_ident().to_string(),
    };
    let report = format!("Exception in thread {name}:\n{}", pythread::format_exception(vm, &exc_value));
    vm.call_method(&file, "write", &[vm.new_str(&report)])?;
    if let Some(flush) = vm.getattr_str_opt(&file, "flush")? {
        vm.call(&flush, &[], None)?;
    }
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("_excepthook", excepthook),
    MethodDef::static_("allocate_lock", |vm, _, a, k| {
        args::exact::<0>(vm, "allocate_lock", a, k)?;
        new_lock(vm)
    }),
    MethodDef::static_("allocate", |vm, _, a, k| {
        args::exact::<0>(vm, "allocate", a, k)?;
        new_lock(vm)
    }),
    MethodDef::static_("_set_sentinel", set_sentinel),
    MethodDef::static_("get_ident", |vm, _, a, k| {
        args::exact::<0>(vm, "get_ident", a, k)?;
        Ok(vm.new_bigint(thread_ident().into()))
    }),
    MethodDef::static_("get_native_id", |vm, _, a, k| {
        args::exact::<0>(vm, "get_native_id", a, k)?;
        Ok(vm.new_int(native_id()))
    }),
    MethodDef::static_("_count", |vm, _, a, k| {
        args::exact::<0>(vm, "_count", a, k)?;
        Ok(vm.new_usize(pythread::thread_count(vm)))
    }),
    MethodDef::static_("daemon_threads_allowed", |vm, _, a, k| {
        args::exact::<0>(vm, "daemon_threads_allowed", a, k)?;
        Ok(vm.bool_obj(true))
    }),
    MethodDef::static_("start_new_thread", start_new_thread),
    MethodDef::static_("start_new", start_new_thread),
    MethodDef::static_("stack_size", stack_size),
    MethodDef::static_("interrupt_main", interrupt_main),
    MethodDef::static_("exit", |vm, _, a, k| {
        args::exact::<0>(vm, "exit", a, k)?;
        Err(vm.new_exception(&vm.ctx.exceptions.system_exit, vec![]))
    }),
    MethodDef::static_("exit_thread", |vm, _, a, k| {
        args::exact::<0>(vm, "exit_thread", a, k)?;
        Err(vm.new_exception(&vm.ctx.exceptions.system_exit, vec![]))
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_thread");
    module::add_functions(vm, &m, "_thread", FUNCTIONS);
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "LockType", lock_type(vm))?;
    dict::set_item_str(vm, &d, "RLock", rlock_type(vm))?;
    dict::set_item_str(vm, &d, "_local", lazy_type(vm, "_thread._local", make_local_type))?;
    dict::set_item_str(vm, &d, "error", vm.ctx.exceptions.runtime_error.clone())?;
    dict::set_item_str(vm, &d, "TIMEOUT_MAX", vm.new_float(TIMEOUT_MAX))?;
    dict::set_item_str(vm, &d, "_ExceptHookArgs", except_hook_args_type(vm)?)?;
    Ok(m)
}
