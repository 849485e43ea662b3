//! `_thread` (CPython's `Modules/_threadmodule.c`) for an interpreter that
//! runs one thread: locks, re-entrant locks, `_local`, thread identity.
//! `start_new_thread` raises RuntimeError until threads land (issue 11).
//!
//! A blocking `acquire` of a held lock can only end by a signal handler
//! releasing it (no other thread exists): it waits in short sleeps,
//! running signal handlers between them, as CPython's interruptible wait.

use std::cell::Cell;
use std::time::{Duration, Instant};

use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, module, signals, tuple, Obj, PyPayload, PyResult, Vm};

/// `threading.TIMEOUT_MAX`: the largest timeout in seconds (CPython's
/// `PY_TIMEOUT_MAX` in microseconds, as a float).
const TIMEOUT_MAX: f64 = 9223372036.0;

const NOT_SUPPORTED: &str = "can't start new thread: threads are not implemented in Taipan yet";

fn thread_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
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

// ---------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------

/// `acquire(blocking=True, timeout=-1)`: the deadline (None: forever) or
/// `Some(None)`... encoded as: `Ok(None)` for a non-blocking try,
/// `Ok(Some(None))` to wait forever, `Ok(Some(Some(d)))` to wait `d`.
type Wait = Option<Option<Duration>>;

fn parse_acquire(vm: &Vm, a: &[Obj], k: Option<&Obj>) -> PyResult<Wait> {
    let p = args::parse(vm, "acquire", a, k, &["blocking", "timeout"], 0)?;
    let blocking = match &p[0] {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    let timeout = match &p[1] {
        Some(t) => timeout_seconds(vm, t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(None);
    }
    if timeout == -1.0 {
        return Ok(Some(None));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(Some(Some(Duration::from_secs_f64(timeout))))
}

/// A timeout object as seconds (`_PyTime_FromSecondsObject`'s checks).
fn timeout_seconds(vm: &Vm, o: &Obj) -> PyResult<f64> {
    let t = vm.to_f64(o)?;
    if t.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    // The range of CPython's nanosecond clock (an i64) in seconds.
    if !(-9_223_372_036.854_776..=9_223_372_036.854_776).contains(&t) {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(t)
}

/// Wait until `free()` or the deadline, running signal handlers (which
/// may release the lock) between short sleeps. Whether it became free.
fn wait_until(vm: &Vm, wait: Wait, free: &dyn Fn() -> bool) -> PyResult<bool> {
    if free() {
        return Ok(true);
    }
    let Some(limit) = wait else { return Ok(false) };
    let deadline = limit.map(|d| Instant::now() + d);
    loop {
        let step = match deadline {
            Some(end) => {
                let now = Instant::now();
                if now >= end {
                    return Ok(free());
                }
                (end - now).min(Duration::from_millis(5))
            }
            None => Duration::from_millis(5),
        };
        vm.allow_threads(move || std::thread::sleep(step));
        vm.check_signals()?;
        if free() {
            return Ok(true);
        }
    }
}

// ---------------------------------------------------------------------------
// lock
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Lock {
    locked: Cell<bool>,
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
    let state = if l.locked.get() { "locked" } else { "unlocked" };
    Ok(vm.new_str(&format!("<{state} _thread.lock object at {:#x}>", o.id())))
}

fn lock_acquire(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let wait = parse_acquire(vm, a, k)?;
    let l = lock_of(vm, o)?;
    let got = wait_until(vm, wait, &|| !l.locked.get())?;
    if got {
        l.locked.set(true);
    }
    Ok(vm.bool_obj(got))
}

fn lock_release(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let _ = (a, k);
    let l = lock_of(vm, o)?;
    if !l.locked.replace(false) {
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
        Ok(vm.bool_obj(lock_of(vm, o)?.locked.get()))
    }),
    MethodDef::method("locked_lock", |vm, o, a, k| {
        args::exact::<0>(vm, "locked_lock", a, k)?;
        Ok(vm.bool_obj(lock_of(vm, o)?.locked.get()))
    }),
    MethodDef::method("_at_fork_reinit", |vm, o, a, k| {
        args::exact::<0>(vm, "_at_fork_reinit", a, k)?;
        lock_of(vm, o)?.locked.set(false);
        Ok(vm.none())
    }),
];

// ---------------------------------------------------------------------------
// RLock
// ---------------------------------------------------------------------------

#[derive(Default)]
struct RLock {
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
    let got = wait_until(vm, wait, &|| r.count.get() == 0)?;
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
    }
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
    MethodDef::method("_release_save", |vm, o, a, k| {
        args::exact::<0>(vm, "_release_save", a, k)?;
        let r = rlock_of(vm, o)?;
        if r.count.get() == 0 {
            return Err(vm.runtime_error("cannot release un-acquired lock"));
        }
        let saved = vm.new_tuple(vec![vm.new_int(r.count.get() as i64), vm.new_int(r.owner.get() as i64)]);
        r.count.set(0);
        r.owner.set(0);
        Ok(saved)
    }),
    MethodDef::method("_acquire_restore", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "_acquire_restore", a, k)?;
        let items = match vm.isinstance_type(&state, &vm.ctx.types.tuple) {
            true if tuple::len(&state) == 2 => tuple::items(&state).to_vec(),
            true => {
                return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", tuple::len(&state))))
            }
            false => {
                return Err(
                    vm.type_error(format!("_acquire_restore() argument must be tuple, not {}", state.class().name()))
                )
            }
        };
        let count = vm.to_bigint(&items[0])?;
        let owner = vm.to_bigint(&items[1])?;
        let r = rlock_of(vm, o)?;
        wait_until(vm, Some(None), &|| r.count.get() == 0)?;
        r.count.set(u64::try_from(count).unwrap_or(0));
        r.owner.set(u64::try_from(owner).unwrap_or(0));
        Ok(vm.none())
    }),
    MethodDef::method("_at_fork_reinit", |vm, o, a, k| {
        args::exact::<0>(vm, "_at_fork_reinit", a, k)?;
        let r = rlock_of(vm, o)?;
        r.count.set(0);
        r.owner.set(0);
        Ok(vm.none())
    }),
];

// ---------------------------------------------------------------------------
// _local
// ---------------------------------------------------------------------------

/// `_thread._local`: with one thread, the instance dict is the thread's.
#[derive(Default)]
struct Local;
impl PyPayload for Local {}

fn make_local_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "_thread._local",
        base: None,
        flags: flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: &[],
        getsets: &[GetSetDef::new("__dict__", local_dict, None)],
        doc: Some("Thread-local data"),
    };
    taipan_vm::api::types::new_type::<Local>(vm, &spec, |s| {
        s.new.set(Some(local_new));
    })
}

fn local_dict(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.instance_dict() {
        return Ok(d);
    }
    let d = vm.new_dict();
    o.set_instance_dict(Some(d.clone()));
    Ok(d)
}

fn local_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let has_args = !a.is_empty() || k.is_some_and(|k| dict::len(k) > 0 || tuple::len(k) > 0);
    if has_args {
        let object = vm.ctx.types.object.clone();
        let init = vm.getattr_str(cls, "__init__")?;
        if init.is(&vm.getattr_str(&object, "__init__")?) {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
    }
    let ty = lazy_type(vm, "_thread._local", make_local_type);
    alloc_instance(vm, cls, &ty, Local)
}

// ---------------------------------------------------------------------------
// Module functions
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
    Err(vm.runtime_error(NOT_SUPPORTED))
}

/// `stack_size([size])`: the size threads will be started with (kept in
/// the interpreter until threads exist).
fn stack_size(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "stack_size", a, k, &["size"], 0)?;
    let old = vm.lazy_types.borrow().get("_thread.stack_size").cloned().unwrap_or_else(|| vm.new_int(0));
    // No argument means 0 (the default size), as in CPython.
    {
        let n = match &p[0] {
            Some(size) => vm.index_to_isize(size)?,
            None => 0,
        };
        if n != 0 && n < 32768 {
            return Err(vm.value_error(format!("size not valid: {n} bytes")));
        }
        if n < 0 {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        vm.lazy_types.borrow_mut().insert("_thread.stack_size", vm.new_int(n as i64));
    }
    Ok(old)
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

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("allocate_lock", |vm, _, a, k| {
        args::exact::<0>(vm, "allocate_lock", a, k)?;
        new_lock(vm)
    }),
    MethodDef::static_("allocate", |vm, _, a, k| {
        args::exact::<0>(vm, "allocate", a, k)?;
        new_lock(vm)
    }),
    MethodDef::static_("_set_sentinel", |vm, _, a, k| {
        args::exact::<0>(vm, "_set_sentinel", a, k)?;
        new_lock(vm)
    }),
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
        Ok(vm.new_int(0))
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
    Ok(m)
}
