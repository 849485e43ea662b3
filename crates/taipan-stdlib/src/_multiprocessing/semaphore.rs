//! `_multiprocessing.SemLock` (CPython's `Modules/_multiprocessing/
//! semaphore.c`): a lock or counting semaphore over a POSIX named
//! semaphore, shared with child processes by fork (the object is
//! inherited) or by name (`_rebuild` opens it again). A recursive mutex
//! counts the owning thread's acquisitions in the object; blocking waits
//! release the GIL and, in the main thread, are interrupted by signals
//! whose handlers run before the wait goes on.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Mutex;

use taipan_vm::api::thread::{current_ident, is_main_thread};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{args, dict, Obj, PyPayload, PyResult, Vm};

use super::{c_name, errno_error};
use crate::converters;

const SEMLOCK: &str = "_multiprocessing.SemLock";
const RECURSIVE_MUTEX: i32 = 0;
const SEMAPHORE: i32 = 1;
/// glibc's `SEM_VALUE_MAX` (CPython caps it at INT_MAX, which it is).
const SEM_VALUE_MAX: i32 = i32::MAX;

// ---------------------------------------------------------------------------
// Open semaphores of this process
// ---------------------------------------------------------------------------

/// Each semaphore this process opened, by address: how often `sem_open`
/// returned it and how many SemLock objects use it. `_rebuild` without a
/// name is given an address as an int; only an address listed here is
/// accepted (CPython would dereference any number), and the semaphore is
/// closed once, for each of its opens, when its last object goes.
#[derive(Clone, Copy)]
struct Opened {
    opens: u32,
    users: u32,
}

static OPENED: Mutex<BTreeMap<usize, Opened>> = Mutex::new(BTreeMap::new());

fn opened() -> std::sync::MutexGuard<'static, BTreeMap<usize, Opened>> {
    // Only touched under the GIL, so never poisoned by a panic elsewhere;
    // recover anyway rather than panic.
    OPENED.lock().unwrap_or_else(|e| e.into_inner())
}

fn adopt_opened(handle: usize) {
    let mut map = opened();
    let e = map.entry(handle).or_insert(Opened { opens: 0, users: 0 });
    e.opens += 1;
    e.users += 1;
}

fn adopt_existing(handle: usize) -> bool {
    match opened().get_mut(&handle) {
        Some(e) => {
            e.users += 1;
            true
        }
        None => false,
    }
}

fn forget(handle: usize) {
    let mut map = opened();
    let Some(e) = map.get_mut(&handle) else { return };
    e.users -= 1;
    if e.users > 0 {
        return;
    }
    let opens = e.opens;
    map.remove(&handle);
    for _ in 0..opens {
        // SAFETY: `handle` came from a successful sem_open of this process
        // and no SemLock uses it any more.
        unsafe { libc::sem_close(handle as *mut libc::sem_t) };
    }
}

/// `sem_open(name, flags[, mode, value])`, the address on success.
fn sem_open(name: &std::ffi::CStr, oflag: i32, value: u32) -> Option<usize> {
    // SAFETY: `name` is NUL-terminated; with O_CREAT sem_open reads a mode
    // and a value, passed as the promoted C types it expects.
    let h = unsafe { libc::sem_open(name.as_ptr(), oflag, 0o600 as libc::c_uint, value as libc::c_uint) };
    if h == libc::SEM_FAILED {
        return None;
    }
    Some(h as usize)
}

// ---------------------------------------------------------------------------
// The type
// ---------------------------------------------------------------------------

struct SemLock {
    /// The `sem_t *` (listed in `OPENED` while this object lives).
    handle: usize,
    kind: i32,
    maxvalue: i32,
    name: Option<Obj>,
    /// Acquisitions by this process not yet released (for a recursive
    /// mutex, by `last_tid`).
    count: Cell<i32>,
    last_tid: Cell<u64>,
}

impl PyPayload for SemLock {}

impl Drop for SemLock {
    fn drop(&mut self) {
        forget(self.handle);
    }
}

impl SemLock {
    fn sem(&self) -> *mut libc::sem_t {
        self.handle as *mut libc::sem_t
    }

    /// CPython's `ISMINE`: held by the calling thread.
    fn is_mine(&self) -> bool {
        self.count.get() > 0 && self.last_tid.get() == current_ident()
    }

    fn value(&self, vm: &Vm) -> PyResult<i32> {
        let mut sval: libc::c_int = 0;
        // SAFETY: the semaphore is open while this object lives; `sval`
        // is a valid out-pointer.
        if unsafe { libc::sem_getvalue(self.sem(), &mut sval) } < 0 {
            return Err(errno_error(vm, None));
        }
        // Some systems report waiters as a negative value.
        Ok(sval.max(0))
    }
}

pub(super) fn semlock_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(SEMLOCK) {
        return t.clone();
    }
    let t = make_semlock_type(vm);
    vm.lazy_types.borrow_mut().insert(SEMLOCK, t.clone());
    t
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("acquire", semlock_acquire),
    MethodDef::method("release", semlock_release),
    MethodDef::method("__enter__", semlock_enter),
    MethodDef::method("__exit__", |vm, o, _a, _k| release(vm, o)),
    MethodDef::method("_count", |vm, o, a, k| {
        args::exact::<0>(vm, "_count", a, k)?;
        Ok(vm.new_int(semlock(vm, o)?.count.get() as i64))
    }),
    MethodDef::method("_is_mine", |vm, o, a, k| {
        args::exact::<0>(vm, "_is_mine", a, k)?;
        Ok(vm.bool_obj(semlock(vm, o)?.is_mine()))
    }),
    MethodDef::method("_get_value", |vm, o, a, k| {
        args::exact::<0>(vm, "_get_value", a, k)?;
        Ok(vm.new_int(semlock(vm, o)?.value(vm)? as i64))
    }),
    MethodDef::method("_is_zero", |vm, o, a, k| {
        args::exact::<0>(vm, "_is_zero", a, k)?;
        Ok(vm.bool_obj(semlock(vm, o)?.value(vm)? == 0))
    }),
    MethodDef::method("_after_fork", |vm, o, a, k| {
        args::exact::<0>(vm, "_after_fork", a, k)?;
        semlock(vm, o)?.count.set(0);
        Ok(vm.none())
    }),
    MethodDef::class("_rebuild", semlock_rebuild),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("handle", |vm, o| Ok(vm.new_int(semlock(vm, o)?.handle as i64)), None),
    GetSetDef::new("kind", |vm, o| Ok(vm.new_int(semlock(vm, o)?.kind as i64)), None),
    GetSetDef::new("maxvalue", |vm, o| Ok(vm.new_int(semlock(vm, o)?.maxvalue as i64)), None),
    GetSetDef::new("name", |vm, o| Ok(semlock(vm, o)?.name.clone().unwrap_or_else(|| vm.none())), None),
];

fn make_semlock_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: SEMLOCK,
        base: None,
        flags: flags::BASETYPE,
        gc: false,
        dict: false,
        weakref: false,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("Semaphore/Mutex type"),
    };
    let t = taipan_vm::api::types::new_type::<SemLock>(vm, &spec, |s| {
        s.new.set(Some(semlock_new));
    });
    // Set before the type is used anywhere, so no lookup is cached yet.
    if let Some(tobj) = t.payload::<TypeObject>() {
        let _ = dict::set_item_str(vm, &tobj.dict(), "SEM_VALUE_MAX", vm.new_int(SEM_VALUE_MAX as i64));
    }
    t
}

fn semlock<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a SemLock> {
    payload_or_err::<SemLock>(vm, o, SEMLOCK)
}

fn new_object(vm: &Vm, cls: &Obj, handle: usize, kind: i32, maxvalue: i32, name: Option<Obj>) -> PyResult<Obj> {
    let owner = semlock_type(vm);
    let payload = SemLock { handle, kind, maxvalue, name, count: Cell::new(0), last_tid: Cell::new(0) };
    alloc_instance(vm, cls, &owner, payload)
}

/// `SemLock(kind, value, maxvalue, name, unlink)`: create the named
/// semaphore (it must not exist yet) and, with `unlink`, remove its name
/// at once so only this process and its forks reach it.
fn semlock_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "SemLock", a, k, &["kind", "value", "maxvalue", "name", "unlink"], 5)?;
    let [Some(kind), Some(value), Some(maxvalue), Some(name), Some(unlink)] = &p[..] else {
        return Err(vm.system_error("SemLock: missing argument"));
    };
    let kind = converters::c_int(vm, kind)?;
    let value = converters::c_int(vm, value)?;
    let maxvalue = converters::c_int(vm, maxvalue)?;
    let cname = c_name(vm, "SemLock", "argument 'name'", name)?;
    let unlink = converters::int_flag(vm, unlink)?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    // A negative value reaches sem_open as a huge unsigned one, which it
    // refuses with EINVAL (as in CPython).
    let Some(handle) = sem_open(&cname, libc::O_CREAT | libc::O_EXCL, value as u32) else {
        return Err(errno_error(vm, None));
    };
    adopt_opened(handle);
    let obj_name = if unlink {
        // SAFETY: `cname` is NUL-terminated.
        if unsafe { libc::sem_unlink(cname.as_ptr()) } < 0 {
            let err = errno_error(vm, None);
            forget(handle);
            return Err(err);
        }
        None
    } else {
        Some(name.clone())
    };
    new_object(vm, cls, handle, kind, maxvalue, obj_name).inspect_err(|_| forget(handle))
}

/// `SemLock._rebuild(handle, kind, maxvalue, name, /)`: the semaphore a
/// pickled SemLock names, opened again (with no name, the handle must be
/// one this process has open, e.g. inherited by fork).
fn semlock_rebuild(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "SemLock._rebuild", k)?;
    if a.len() != 4 {
        return Err(vm.type_error(format!("_rebuild() takes exactly 4 arguments ({} given)", a.len())));
    }
    // The handle's converter takes an int (no __index__), as C's "k".
    let Some(handle_arg) = taipan_vm::api::int::value(&a[0]) else {
        return Err(
            vm.type_error(format!("_rebuild() argument 1 must be int, not {}", super::arg_type_name(vm, &a[0])))
        );
    };
    let kind = converters::c_int(vm, &a[1])?;
    let maxvalue = converters::c_int(vm, &a[2])?;
    let name = if vm.is_none(&a[3]) {
        None
    } else if taipan_vm::api::str::data(&a[3]).is_some() {
        Some(c_name(vm, "_rebuild", "argument 4", &a[3])?)
    } else {
        return Err(vm.type_error(format!(
            "_rebuild() argument 4 must be str or None, not {}",
            super::arg_type_name(vm, &a[3])
        )));
    };
    let handle = match &name {
        Some(cname) => {
            let Some(h) = sem_open(cname, 0, 0) else { return Err(errno_error(vm, None)) };
            adopt_opened(h);
            h
        }
        None => {
            let h = handle_arg.as_i64().map(|v| v as usize).unwrap_or(0);
            if !adopt_existing(h) {
                return Err(vm.io_error(&std::io::Error::from_raw_os_error(libc::EINVAL), None));
            }
            h
        }
    };
    let name_obj = name.map(|_| a[3].clone());
    new_object(vm, cls, handle, kind, maxvalue, name_obj).inspect_err(|_| forget(handle))
}

// ---------------------------------------------------------------------------
// acquire and release
// ---------------------------------------------------------------------------

fn semlock_enter(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__enter__", a, k)?;
    acquire(vm, o, true, None)
}

fn semlock_acquire(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "acquire", a, k, &["block", "timeout"], 0)?;
    let blocking = match &p[0] {
        Some(b) => converters::int_flag(vm, b)?,
        None => true,
    };
    let timeout = match &p[1] {
        Some(t) if !vm.is_none(t) => Some(vm.to_f64(t)?),
        _ => None,
    };
    acquire(vm, o, blocking, timeout)
}

/// The absolute CLOCK_REALTIME time `timeout` seconds from now (a
/// negative timeout is zero; a huge one saturates).
fn deadline(timeout: f64) -> libc::timespec {
    let timeout = timeout.max(0.0);
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    // Far beyond any real wait, small enough not to overflow time_t.
    let secs = timeout.min(1e15);
    let whole = secs.trunc();
    let mut sec = now.tv_sec.saturating_add(whole as libc::time_t);
    let mut nsec = now.tv_nsec + ((secs - whole) * 1e9 + 0.5) as libc::c_long;
    if nsec >= 1_000_000_000 {
        sec = sec.saturating_add(nsec / 1_000_000_000);
        nsec %= 1_000_000_000;
    }
    libc::timespec { tv_sec: sec, tv_nsec: nsec }
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// One call that does not block; EINTR runs the signal handlers and
/// tries again.
fn try_wait(vm: &Vm, handle: usize) -> PyResult<(i32, i32)> {
    loop {
        // SAFETY: the semaphore is open while its SemLock lives.
        let r = unsafe { libc::sem_trywait(handle as *mut libc::sem_t) };
        let err = if r < 0 { last_errno() } else { 0 };
        if r < 0 && err == libc::EINTR {
            vm.check_signals()?;
            continue;
        }
        return Ok((r, err));
    }
}

/// Wait without the GIL until the semaphore is ours or `until` passes.
/// A signal (EINTR) runs its handler in the main thread, then the wait
/// goes on with the same deadline.
fn blocking_wait(vm: &Vm, handle: usize, until: Option<libc::timespec>) -> PyResult<(i32, i32)> {
    loop {
        let (r, err) = vm.allow_threads(move || {
            let sem = handle as *mut libc::sem_t;
            // SAFETY: the semaphore stays open: the SemLock that owns it is
            // kept alive by the caller for the whole wait.
            let r = unsafe {
                match &until {
                    Some(ts) => libc::sem_timedwait(sem, ts),
                    None => libc::sem_wait(sem),
                }
            };
            (r, if r < 0 { last_errno() } else { 0 })
        });
        if r < 0 && err == libc::EINTR {
            if is_main_thread(vm) {
                vm.check_signals()?;
            }
            continue;
        }
        return Ok((r, err));
    }
}

fn acquire(vm: &Vm, o: &Obj, blocking: bool, timeout: Option<f64>) -> PyResult<Obj> {
    let s = semlock(vm, o)?;
    if s.kind == RECURSIVE_MUTEX && s.is_mine() {
        s.count.set(s.count.get() + 1);
        return Ok(vm.bool_obj(true));
    }
    let until = timeout.map(deadline);
    let (mut r, mut err) = try_wait(vm, s.handle)?;
    if r < 0 && err == libc::EAGAIN && blocking {
        (r, err) = blocking_wait(vm, s.handle, until)?;
    }
    if r < 0 {
        if err == libc::EAGAIN || err == libc::ETIMEDOUT {
            return Ok(vm.bool_obj(false));
        }
        return Err(vm.io_error(&std::io::Error::from_raw_os_error(err), None));
    }
    s.count.set(s.count.get() + 1);
    s.last_tid.set(current_ident());
    Ok(vm.bool_obj(true))
}

fn semlock_release(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "release", a, k)?;
    release(vm, o)
}

fn release(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = semlock(vm, o)?;
    if s.kind == RECURSIVE_MUTEX {
        if !s.is_mine() {
            return Err(vm.new_exception_msg(
                &vm.ctx.exceptions.assertion_error,
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if s.count.get() > 1 {
            s.count.set(s.count.get() - 1);
            return Ok(vm.none());
        }
    } else if s.value(vm)? >= s.maxvalue {
        // Not a guarantee (another process may post meanwhile), as in CPython.
        return Err(vm.value_error("semaphore or lock released too many times"));
    }
    // SAFETY: the semaphore is open while this object lives.
    if unsafe { libc::sem_post(s.sem()) } < 0 {
        return Err(errno_error(vm, None));
    }
    s.count.set(s.count.get() - 1);
    Ok(vm.none())
}
