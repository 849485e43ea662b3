//! `posix_spawn` and `posix_spawnp` (file actions and spawn attributes),
//! and the scheduler calls with their `sched_param` type.

use std::ffi::CString;

use taipan_vm::api::types::TypeObject;
use taipan_vm::api::{args, int, tuple, Obj, PyResult, Vm};

use super::path::{self, cvt, PATH};

// ---- sched_param ------------------------------------------------------------------------------

const SCHED_PARAM: &str = "posix.sched_param";

pub(crate) fn make_sched_param(vm: &Vm) -> PyResult<Obj> {
    let ty = crate::structseq::new_type_with_docs(
        vm,
        SCHED_PARAM,
        &["sched_priority"],
        &["the scheduling priority"],
        1,
        0,
        "Currently has only one field: sched_priority\n\n  sched_priority\n    A scheduling parameter.",
    )?;
    if let Some(t) = ty.payload::<TypeObject>() {
        t.slots.new.set(Some(sched_param_new));
    }
    Ok(ty)
}

/// `sched_param(sched_priority)`: a struct sequence whose constructor takes
/// the one field by name or position (CPython's `os_sched_param_impl`).
fn sched_param_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    // CPython reports a missing argument before an unknown keyword.
    let kwnames = kw.map(tuple::items).unwrap_or_default();
    let named = kwnames.iter().any(|k| taipan_vm::api::str::as_str(k) == Some("sched_priority"));
    if a.len() <= 1 && a.len() == kwnames.len() && !named {
        return Err(vm.type_error("sched_param() missing required argument 'sched_priority' (pos 1)"));
    }
    let v = args::parse(vm, "sched_param", a, kw, &["sched_priority"], 1)?;
    let prio = v[0].clone().unwrap_or_else(|| vm.none());
    taipan_vm::api::structseq::new_instance(vm, cls, vec![prio])
}

/// A `sched_param` argument (CPython's `convert_sched_param`).
fn sched_param_arg(vm: &Vm, o: &Obj) -> PyResult<libc::sched_param> {
    let ty = crate::structseq::get_type(vm, SCHED_PARAM)?;
    if !o.class_obj().is(&ty) {
        return Err(vm.type_error("must have a sched_param object"));
    }
    let prio = vm.getitem(o, &vm.new_int(0))?;
    if int::value(&prio).is_none() {
        return Err(vm.type_error("sched_priority must be an integer"));
    }
    let prio = path::c_int(vm, &prio).map_err(|_| vm.overflow_error("sched_priority out of range"))?;
    Ok(libc::sched_param { sched_priority: prio })
}

fn sched_param_obj(vm: &Vm, p: &libc::sched_param) -> PyResult<Obj> {
    let ty = crate::structseq::get_type(vm, SCHED_PARAM)?;
    vm.call(&ty, &[vm.new_int(p.sched_priority as i64)], None)
}

fn posonly<const N: usize>(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<[Obj; N]> {
    args::exact::<N>(vm, fname, a, kw)
}

fn os_err(vm: &Vm, e: i32) -> taipan_vm::api::PyErr {
    path::os_error(vm, e, None, None)
}

pub(crate) fn os_sched_get_priority_max(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "sched_get_priority_max", a, kw, &["policy"], 1)?;
    let policy = path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: takes no memory.
    cvt(unsafe { libc::sched_get_priority_max(policy) }).map(|r| vm.new_int(r as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_sched_get_priority_min(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "sched_get_priority_min", a, kw, &["policy"], 1)?;
    let policy = path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: takes no memory.
    cvt(unsafe { libc::sched_get_priority_min(policy) }).map(|r| vm.new_int(r as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_sched_getscheduler(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "sched_getscheduler", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    // SAFETY: takes no memory.
    cvt(unsafe { libc::sched_getscheduler(pid) }).map(|r| vm.new_int(r as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_sched_getparam(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "sched_getparam", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    let mut p = libc::sched_param { sched_priority: 0 };
    // SAFETY: `p` is writable.
    cvt(unsafe { libc::sched_getparam(pid, &mut p) }).map_err(|e| os_err(vm, e))?;
    sched_param_obj(vm, &p)
}

pub(crate) fn os_sched_setscheduler(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, policy, param] = posonly::<3>(vm, "sched_setscheduler", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    let policy = path::c_int(vm, &policy)?;
    let p = sched_param_arg(vm, &param)?;
    // SAFETY: `p` is readable.
    cvt(unsafe { libc::sched_setscheduler(pid, policy, &p) }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_sched_setparam(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, param] = posonly::<2>(vm, "sched_setparam", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    let p = sched_param_arg(vm, &param)?;
    // SAFETY: `p` is readable.
    cvt(unsafe { libc::sched_setparam(pid, &p) }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_sched_rr_get_interval(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "sched_rr_get_interval", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is writable.
    cvt(unsafe { libc::sched_rr_get_interval(pid, &mut t) }).map_err(|e| os_err(vm, e))?;
    Ok(vm.new_float(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9))
}

pub(crate) fn os_sched_setaffinity(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, mask] = posonly::<2>(vm, "sched_setaffinity", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    // SAFETY: an all-zero cpu_set_t is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for cpu in vm.to_vec(&mask)? {
        if int::value(&cpu).is_none() {
            return Err(vm.type_error(format!(
                "expected an iterator of ints, but iterator yielded <class '{}'>",
                cpu.class().name()
            )));
        }
        let c = vm.to_i64(&cpu)?;
        if c < 0 {
            return Err(vm.value_error("negative CPU number"));
        }
        if c as usize >= libc::CPU_SETSIZE as usize {
            return Err(os_err(vm, libc::EINVAL));
        }
        // SAFETY: `c` is below CPU_SETSIZE, inside `set`.
        unsafe { libc::CPU_SET(c as usize, &mut set) };
    }
    // SAFETY: `set` is readable and its size is passed.
    let r = unsafe { libc::sched_setaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &set) };
    cvt(r).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

// ---- posix_spawn --------------------------------------------------------------------------------

/// A `posix_spawn_file_actions_t`, destroyed on drop; `_paths` keeps the
/// open actions' paths alive until the spawn.
struct FileActions {
    raw: libc::posix_spawn_file_actions_t,
    _paths: Vec<CString>,
}

impl Drop for FileActions {
    fn drop(&mut self) {
        // SAFETY: `raw` was initialised by posix_spawn_file_actions_init.
        unsafe { libc::posix_spawn_file_actions_destroy(&mut self.raw) };
    }
}

/// A `posix_spawnattr_t`, destroyed on drop.
struct SpawnAttr {
    raw: libc::posix_spawnattr_t,
}

impl Drop for SpawnAttr {
    fn drop(&mut self) {
        // SAFETY: `raw` was initialised by posix_spawnattr_init.
        unsafe { libc::posix_spawnattr_destroy(&mut self.raw) };
    }
}

/// The error-number convention of the posix_spawn family.
fn check(vm: &Vm, r: libc::c_int) -> PyResult<()> {
    if r != 0 {
        return Err(os_err(vm, r));
    }
    Ok(())
}

fn c_string(vm: &Vm, o: &Obj) -> PyResult<CString> {
    CString::new(path::fs_converter(vm, o)?).map_err(|_| vm.value_error("embedded null byte"))
}

/// `argv`: a tuple or list of paths (CPython's `parse_arglist`).
fn spawn_argv(vm: &Vm, fname: &str, argv: &Obj) -> PyResult<Vec<Obj>> {
    let is_seq = vm.isinstance_type(argv, &vm.ctx.types.list) || vm.isinstance_type(argv, &vm.ctx.types.tuple);
    if !is_seq {
        return Err(vm.type_error(format!("{fname}: argv must be a tuple or list")));
    }
    let items = vm.to_vec(argv)?;
    if items.is_empty() {
        return Err(vm.value_error(format!("{fname}: argv must not be empty")));
    }
    Ok(items)
}

/// `env`: a mapping (CPython's `parse_envlist`).
fn spawn_env(vm: &Vm, env: &Obj) -> PyResult<Vec<CString>> {
    let keys = vm.to_vec(&vm.call_method(env, "keys", &[])?)?;
    let values = vm.to_vec(&vm.call_method(env, "values", &[])?)?;
    let mut out = Vec::with_capacity(keys.len());
    for (k, v) in keys.iter().zip(&values) {
        let mut e = path::fs_converter(vm, k)?;
        let value = path::fs_converter(vm, v)?;
        if e.is_empty() || e[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        e.push(b'=');
        e.extend_from_slice(&value);
        out.push(CString::new(e).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(out)
}

fn is_mapping(vm: &Vm, o: &Obj) -> PyResult<bool> {
    Ok(vm.getattr_str_opt(&o.class_obj(), "__getitem__")?.is_some())
}

const POSIX_SPAWN_OPEN: i64 = 0;
const POSIX_SPAWN_CLOSE: i64 = 1;
const POSIX_SPAWN_DUP2: i64 = 2;

fn file_action(vm: &Vm, fa: &mut FileActions, action: &Obj) -> PyResult<()> {
    if !vm.isinstance_type(action, &vm.ctx.types.tuple) || tuple::items(action).is_empty() {
        return Err(vm.type_error("Each file_actions element must be a non-empty tuple"));
    }
    let items = tuple::items(action).to_vec();
    let tag = vm.to_i64(&items[0])?;
    let want = |n: usize, what: &str| {
        if items.len() != n {
            Err(vm.type_error(format!("A {what} file_action tuple must have {n} elements")))
        } else {
            Ok(())
        }
    };
    match tag {
        POSIX_SPAWN_OPEN => {
            want(5, "open")?;
            let fd = path::c_int(vm, &items[1])?;
            let p = c_string(vm, &items[2])?;
            let flags = path::c_int(vm, &items[3])?;
            let mode = path::c_int(vm, &items[4])?;
            // SAFETY: `raw` is initialised; `p` is kept alive in `_paths`.
            let r = unsafe {
                libc::posix_spawn_file_actions_addopen(&mut fa.raw, fd, p.as_ptr(), flags, mode as libc::mode_t)
            };
            fa._paths.push(p);
            check(vm, r)
        }
        POSIX_SPAWN_CLOSE => {
            want(2, "close")?;
            let fd = path::c_int(vm, &items[1])?;
            // SAFETY: `raw` is initialised.
            check(vm, unsafe { libc::posix_spawn_file_actions_addclose(&mut fa.raw, fd) })
        }
        POSIX_SPAWN_DUP2 => {
            want(3, "dup2")?;
            let fd = path::c_int(vm, &items[1])?;
            let fd2 = path::c_int(vm, &items[2])?;
            // SAFETY: `raw` is initialised.
            check(vm, unsafe { libc::posix_spawn_file_actions_adddup2(&mut fa.raw, fd, fd2) })
        }
        _ => Err(vm.type_error("Unknown file_actions identifier")),
    }
}

fn file_actions(vm: &Vm, o: &Obj) -> PyResult<Option<FileActions>> {
    if vm.is_none(o) {
        return Ok(None);
    }
    let seq = match vm.iter(o) {
        Ok(_) => vm.to_vec(o)?,
        Err(_) => return Err(vm.type_error("file_actions must be a sequence or None")),
    };
    // SAFETY: an all-zero value is overwritten by init.
    let mut fa = FileActions { raw: unsafe { std::mem::zeroed() }, _paths: Vec::new() };
    // SAFETY: `raw` is writable.
    check(vm, unsafe { libc::posix_spawn_file_actions_init(&mut fa.raw) })?;
    for action in &seq {
        file_action(vm, &mut fa, action)?;
    }
    Ok(Some(fa))
}

/// An iterable of signal numbers (CPython's `_Py_Sigset_Converter`).
fn sigset_arg(vm: &Vm, o: &Obj) -> PyResult<libc::sigset_t> {
    // SAFETY: an all-zero sigset is overwritten by sigemptyset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is writable.
    unsafe { libc::sigemptyset(&mut set) };
    let nsig = taipan_vm::api::signals::NSIG as i64;
    for item in vm.to_vec(o)? {
        let sig = match vm.index_value(&item)? {
            int::IntValue::Small(v) => v,
            // Too big for a C long: -1, as PyLong_AsLongAndOverflow gives.
            int::IntValue::Big(_) => -1,
        };
        if sig <= 0 || sig >= nsig {
            return Err(vm.value_error(format!("signal number {sig} out of range [1; {}]", nsig - 1)));
        }
        // SAFETY: `set` is initialised; `sig` is in range.
        unsafe { libc::sigaddset(&mut set, sig as i32) };
    }
    Ok(set)
}

/// The spawn attributes (CPython's `parse_posix_spawn_flags`).
struct SpawnFlags {
    setpgroup: Option<Obj>,
    resetids: Option<Obj>,
    setsid: Option<Obj>,
    setsigmask: Option<Obj>,
    setsigdef: Option<Obj>,
    scheduler: Option<Obj>,
}

fn spawn_attr(vm: &Vm, f: &SpawnFlags) -> PyResult<SpawnAttr> {
    // SAFETY: an all-zero value is overwritten by init.
    let mut attr = SpawnAttr { raw: unsafe { std::mem::zeroed() } };
    // SAFETY: `raw` is writable.
    check(vm, unsafe { libc::posix_spawnattr_init(&mut attr.raw) })?;
    let mut flags: libc::c_int = 0;
    if let Some(pg) = &f.setpgroup {
        let pg = path::c_int(vm, pg)?;
        // SAFETY: `raw` is initialised.
        check(vm, unsafe { libc::posix_spawnattr_setpgroup(&mut attr.raw, pg) })?;
        flags |= libc::POSIX_SPAWN_SETPGROUP;
    }
    if let Some(r) = &f.resetids {
        if path::c_int(vm, r)? != 0 {
            flags |= libc::POSIX_SPAWN_RESETIDS;
        }
    }
    if let Some(s) = &f.setsid {
        if path::c_int(vm, s)? != 0 {
            flags |= libc::POSIX_SPAWN_SETSID as libc::c_int;
        }
    }
    if let Some(m) = &f.setsigmask {
        let set = sigset_arg(vm, m)?;
        // SAFETY: `raw` is initialised; `set` is readable.
        check(vm, unsafe { libc::posix_spawnattr_setsigmask(&mut attr.raw, &set) })?;
        flags |= libc::POSIX_SPAWN_SETSIGMASK;
    }
    if let Some(d) = &f.setsigdef {
        let set = sigset_arg(vm, d)?;
        // SAFETY: `raw` is initialised; `set` is readable.
        check(vm, unsafe { libc::posix_spawnattr_setsigdefault(&mut attr.raw, &set) })?;
        flags |= libc::POSIX_SPAWN_SETSIGDEF;
    }
    if let Some(s) = &f.scheduler {
        flags |= scheduler_attr(vm, &mut attr, s)?;
    }
    // SAFETY: `raw` is initialised.
    check(vm, unsafe { libc::posix_spawnattr_setflags(&mut attr.raw, flags as libc::c_short) })?;
    Ok(attr)
}

fn scheduler_attr(vm: &Vm, attr: &mut SpawnAttr, s: &Obj) -> PyResult<libc::c_int> {
    if !vm.isinstance_type(s, &vm.ctx.types.tuple) {
        return Err(vm.system_error("new style getargs format but argument is not a tuple"));
    }
    let items = tuple::items(s);
    if items.len() != 2 {
        return Err(vm.type_error("A scheduler tuple must have two elements"));
    }
    let (policy, param) = (items[0].clone(), items[1].clone());
    let p = sched_param_arg(vm, &param)?;
    let mut flags = 0;
    if !vm.is_none(&policy) {
        let policy = path::c_int(vm, &policy)?;
        // SAFETY: `raw` is initialised.
        check(vm, unsafe { libc::posix_spawnattr_setschedpolicy(&mut attr.raw, policy) })?;
        flags |= libc::POSIX_SPAWN_SETSCHEDULER;
    }
    // SAFETY: `raw` is initialised; `p` is readable.
    check(vm, unsafe { libc::posix_spawnattr_setschedparam(&mut attr.raw, &p) })?;
    Ok(flags | libc::POSIX_SPAWN_SETSCHEDPARAM)
}

fn ptrs(v: &[CString]) -> Vec<*mut libc::c_char> {
    v.iter().map(|c| c.as_ptr() as *mut libc::c_char).chain(std::iter::once(std::ptr::null_mut())).collect()
}

/// Raw pointers to hand to the spawn call without the GIL.
struct SpawnCall {
    path: *const libc::c_char,
    fa: *const libc::posix_spawn_file_actions_t,
    attr: *const libc::posix_spawnattr_t,
    argv: *const *mut libc::c_char,
    envp: *const *mut libc::c_char,
    search: bool,
}

// SAFETY: the pointers refer to data the caller keeps alive and does not
// touch during the call; the call only reads it.
unsafe impl Send for SpawnCall {}
// SAFETY: as above.
unsafe impl Sync for SpawnCall {}

impl SpawnCall {
    fn run(&self) -> Result<libc::pid_t, i32> {
        let mut pid: libc::pid_t = 0;
        // SAFETY: every pointer is live or NULL where allowed (see SpawnCall).
        let r = unsafe {
            if self.search {
                libc::posix_spawnp(&mut pid, self.path, self.fa, self.attr, self.argv, self.envp)
            } else {
                libc::posix_spawn(&mut pid, self.path, self.fa, self.attr, self.argv, self.envp)
            }
        };
        if r == 0 {
            Ok(pid)
        } else {
            Err(r)
        }
    }
}

fn spawn_impl(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>, search: bool) -> PyResult<Obj> {
    let names = &[
        "path",
        "argv",
        "env",
        "file_actions",
        "setpgroup",
        "resetids",
        "setsid",
        "setsigmask",
        "setsigdef",
        "scheduler",
    ];
    let spec = args::ArgSpec { fname, names, posonly: 3, required: 3, kwonly_from: 3 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    let none = vm.none();
    let p = path::path_arg(vm, fname, "path", v[0].as_ref(), PATH)?;
    let argv = spawn_argv(vm, fname, v[1].as_ref().unwrap_or(&none))?;
    let env = v[2].clone().unwrap_or_else(|| vm.none());
    if !is_mapping(vm, &env)? {
        return Err(vm.type_error(format!("{fname}: environment must be a mapping object")));
    }
    let mut argv_c = Vec::with_capacity(argv.len());
    for it in &argv {
        argv_c.push(c_string(vm, it)?);
    }
    if argv_c[0].as_bytes().is_empty() {
        return Err(vm.value_error(format!("{fname}: argv first element cannot be empty")));
    }
    let env_c = spawn_env(vm, &env)?;
    let fa = match &v[3] {
        Some(o) => file_actions(vm, o)?,
        None => None,
    };
    let flags = SpawnFlags {
        setpgroup: v[4].clone(),
        resetids: v[5].clone(),
        setsid: v[6].clone(),
        setsigmask: v[7].clone(),
        setsigdef: v[8].clone(),
        scheduler: v[9].clone(),
    };
    let any_flag =
        [&flags.setpgroup, &flags.resetids, &flags.setsid, &flags.setsigmask, &flags.setsigdef, &flags.scheduler]
            .iter()
            .any(|f| f.is_some());
    let attr = if any_flag { Some(spawn_attr(vm, &flags)?) } else { None };
    let (av, ev) = (ptrs(&argv_c), ptrs(&env_c));
    let cpath = p.c.clone().unwrap_or_default();
    let call = SpawnCall {
        path: cpath.as_ptr(),
        fa: fa.as_ref().map_or(std::ptr::null(), |f| &f.raw),
        attr: attr.as_ref().map_or(std::ptr::null(), |a| &a.raw),
        argv: av.as_ptr(),
        envp: ev.as_ptr(),
        search,
    };
    let r = vm.allow_threads(|| call.run());
    match r {
        Ok(pid) => Ok(vm.new_int(pid as i64)),
        Err(e) => Err(path::path_error(vm, e, &p)),
    }
}

pub(crate) fn os_posix_spawn(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    spawn_impl(vm, "posix_spawn", a, kw, false)
}

pub(crate) fn os_posix_spawnp(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    spawn_impl(vm, "posix_spawnp", a, kw, true)
}
