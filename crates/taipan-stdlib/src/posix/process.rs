//! Processes: ids, kill, fork (with `register_at_fork` callbacks), exec,
//! wait and the wait-status macros, `_exit`, `system`, `times`, affinity.

use std::ffi::CString;

use taipan_vm::api::{args, Obj, PyResult, Vm};

use super::path::{self, blocking, cvt};

macro_rules! id_getters {
    ($($fname:ident => $call:ident),* $(,)?) => {
        $(
            pub(crate) fn $fname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                args::exact::<0>(vm, &stringify!($fname)[3..], a, kw)?;
                // SAFETY: the call takes no arguments and cannot fail.
                Ok(vm.new_int(unsafe { libc::$call() } as i64))
            }
        )*
    };
}

id_getters! {
    os_getpid => getpid,
    os_getppid => getppid,
    os_getuid => getuid,
    os_geteuid => geteuid,
    os_getgid => getgid,
    os_getegid => getegid,
    os_getpgrp => getpgrp,
}

fn posonly<const N: usize>(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<[Obj; N]> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() != N {
        let msg = if N == 1 {
            format!("{fname}() takes exactly one argument ({} given)", a.len())
        } else {
            format!("{fname} expected {N} arguments, got {}", a.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(std::array::from_fn(|i| a[i].clone()))
}

fn os_err(vm: &Vm, e: i32) -> taipan_vm::api::PyErr {
    path::os_error(vm, e, None, None)
}

pub(crate) fn os_getsid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "getsid", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    // SAFETY: getsid takes no memory.
    cvt(unsafe { libc::getsid(pid) }).map(|r| vm.new_int(r as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_getpgid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "getpgid", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    // SAFETY: getpgid takes no memory.
    cvt(unsafe { libc::getpgid(pid) }).map(|r| vm.new_int(r as i64)).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_setsid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "setsid", a, kw)?;
    // SAFETY: setsid takes no memory.
    cvt(unsafe { libc::setsid() }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_setpgid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, pgrp] = posonly::<2>(vm, "setpgid", a, kw)?;
    let (pid, pgrp) = (path::c_int(vm, &pid)?, path::c_int(vm, &pgrp)?);
    // SAFETY: setpgid takes no memory.
    cvt(unsafe { libc::setpgid(pid, pgrp) }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_getgroups(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getgroups", a, kw)?;
    // SAFETY: a zero count asks for the number of groups only.
    let n = cvt(unsafe { libc::getgroups(0, std::ptr::null_mut()) }).map_err(|e| os_err(vm, e))?;
    let mut groups = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `groups` has room for `n` ids.
    let n = cvt(unsafe { libc::getgroups(n, groups.as_mut_ptr()) }).map_err(|e| os_err(vm, e))?;
    Ok(vm.new_list(groups[..n as usize].iter().map(|&g| vm.new_int(g as i64)).collect()))
}

pub(crate) fn os_getlogin(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getlogin", a, kw)?;
    // SAFETY: getlogin returns NULL or a NUL-terminated static buffer,
    // read at once (one thread runs).
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        let e = path::errno();
        return Err(if e == 0 { vm.os_error("unable to determine login name") } else { os_err(vm, e) });
    }
    // SAFETY: `p` is a NUL-terminated string.
    let b = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec();
    path::decode_fs(vm, &b)
}

macro_rules! id_setters {
    ($($fname:ident => $call:ident),* $(,)?) => {
        $(
            pub(crate) fn $fname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                let name = &stringify!($fname)[3..];
                let [id] = posonly::<1>(vm, name, a, kw)?;
                let what = if name.ends_with("uid") { "uid" } else { "gid" };
                let id = super::fs::id_arg(vm, &id, what)?;
                // SAFETY: the call takes no memory.
                cvt(unsafe { libc::$call(id) }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
            }
        )*
    };
}

id_setters! {
    os_setuid => setuid,
    os_seteuid => seteuid,
    os_setgid => setgid,
    os_setegid => setegid,
}

pub(crate) fn os_kill(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, sig] = posonly::<2>(vm, "kill", a, kw)?;
    let (pid, sig) = (path::c_int(vm, &pid)?, path::c_int(vm, &sig)?);
    // SAFETY: kill takes no memory.
    cvt(unsafe { libc::kill(pid, sig) }).map_err(|e| os_err(vm, e))?;
    // A signal sent to ourselves runs its handler now, as CPython's
    // PyErr_CheckSignals after kill.
    vm.check_signals()?;
    Ok(vm.none())
}

pub(crate) fn os_killpg(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pg, sig] = posonly::<2>(vm, "killpg", a, kw)?;
    let (pg, sig) = (path::c_int(vm, &pg)?, path::c_int(vm, &sig)?);
    // SAFETY: killpg takes no memory.
    cvt(unsafe { libc::killpg(pg, sig) }).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_abort(_vm: &Vm, _m: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    std::process::abort()
}

pub(crate) fn os_exit(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "_exit", a, kw, &["status"], 1)?;
    let status = path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    // SAFETY: _exit ends the process at once, as asked.
    unsafe { libc::_exit(status) }
}

// ---- fork and its callbacks -------------------------------------------------------------------

const AT_FORK: [&str; 3] = ["posix.at_fork.before", "posix.at_fork.child", "posix.at_fork.parent"];

fn at_fork_list(vm: &Vm, which: usize) -> Obj {
    let key = AT_FORK[which];
    if let Some(l) = vm.lazy_types.borrow().get(key) {
        return l.clone();
    }
    let l = vm.new_list(vec![]);
    vm.lazy_types.borrow_mut().insert(key, l.clone());
    l
}

pub(crate) fn os_register_at_fork(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "register_at_fork",
        names: &["before", "after_in_child", "after_in_parent"],
        posonly: 0,
        required: 0,
        kwonly_from: 0,
    };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    // Keyword-only; None given explicitly is not callable, so an error.
    let given: Vec<_> = v.to_vec();
    if given.iter().all(|g| g.is_none()) {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (i, g) in given.iter().enumerate() {
        if let Some(f) = g {
            if !vm.is_callable(f) {
                return Err(vm.type_error(format!("'{}' must be callable, not {}", spec.names[i], f.class().name())));
            }
        }
    }
    for (i, g) in given.into_iter().enumerate() {
        if let Some(f) = g {
            vm.call_method(&at_fork_list(vm, i), "append", &[f])?;
        }
    }
    Ok(vm.none())
}

/// Which `register_at_fork` callbacks to run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtFork {
    Before = 0,
    Child = 1,
    Parent = 2,
}

/// Run the callbacks of one list; errors are reported as unraisable, as
/// CPython's `run_at_forkers`. The `before` callbacks run last-registered first.
///
/// Around them the import lock is taken before the fork and released in
/// the parent after it (the child reinitialises it in `after_fork_child`),
/// as CPython's `PyOS_BeforeFork` and `PyOS_AfterFork_Parent` do.
pub(crate) fn run_at_fork(vm: &Vm, which: AtFork) {
    match which {
        AtFork::Before => {
            run_at_fork_callbacks(vm, which);
            taipan_vm::api::thread::before_fork(vm);
        }
        AtFork::Parent => {
            taipan_vm::api::thread::after_fork_parent(vm);
            run_at_fork_callbacks(vm, which);
        }
        AtFork::Child => run_at_fork_callbacks(vm, which),
    }
}

fn run_at_fork_callbacks(vm: &Vm, which: AtFork) {
    let l = at_fork_list(vm, which as usize);
    let mut items = vm.to_vec(&l).unwrap_or_default();
    if which == AtFork::Before {
        items.reverse();
    }
    for f in items {
        if let Err(e) = vm.call(&f, &[], None) {
            vm.write_unraisable(&e, Some(&f));
        }
    }
}

pub(crate) fn os_fork(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "fork", a, kw)?;
    run_at_fork(vm, AtFork::Before);
    // SAFETY: we hold the GIL, so no other thread is touching objects;
    // the child reinitialises the GIL and the thread bookkeeping before
    // running any Python code.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = path::errno();
        run_at_fork(vm, AtFork::Parent);
        return Err(os_err(vm, e));
    }
    if pid == 0 {
        taipan_vm::api::thread::after_fork_child(vm);
    }
    run_at_fork(vm, if pid == 0 { AtFork::Child } else { AtFork::Parent });
    Ok(vm.new_int(pid as i64))
}

/// The argv of exec as C strings, with CPython's checks.
fn exec_argv(vm: &Vm, fname: &str, argv: &Obj) -> PyResult<Vec<CString>> {
    let is_seq = vm.isinstance_type(argv, &vm.ctx.types.list) || vm.isinstance_type(argv, &vm.ctx.types.tuple);
    if !is_seq {
        return Err(vm.type_error(format!("{fname}() arg 2 must be a tuple or list")));
    }
    let items = vm.to_vec(argv)?;
    if items.is_empty() {
        return Err(vm.value_error(format!("{fname}() arg 2 must not be empty")));
    }
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        let b = path::fs_converter(vm, it)?;
        out.push(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    if out[0].as_bytes().is_empty() {
        return Err(vm.value_error(format!("{fname}() arg 2 first element cannot be empty")));
    }
    Ok(out)
}

fn exec_env(vm: &Vm, env: &Obj) -> PyResult<Vec<CString>> {
    let keys_fn = vm.getattr_str_opt(env, "keys")?;
    let Some(keys_fn) = keys_fn else {
        return Err(vm.type_error("env must be a mapping object"));
    };
    let keys = vm.to_vec(&vm.call(&keys_fn, &[], None)?)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let v = vm.getitem(env, &k)?;
        let kb = path::fs_converter(vm, &k)?;
        let vb = path::fs_converter(vm, &v)?;
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let mut e = kb;
        e.push(b'=');
        e.extend_from_slice(&vb);
        out.push(CString::new(e).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(out)
}

fn ptrs(v: &[CString]) -> Vec<*const libc::c_char> {
    v.iter().map(|c| c.as_ptr()).chain(std::iter::once(std::ptr::null())).collect()
}

pub(crate) fn os_execv(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [p, argv] = posonly::<2>(vm, "execv", a, kw)?;
    let p = path::path_arg(vm, "execv", "path", Some(&p), path::PATH)?;
    let argv = exec_argv(vm, "execv", &argv)?;
    let cp = p.c.clone().unwrap_or_default();
    let av = ptrs(&argv);
    // SAFETY: `cp` and every pointer of `av` (NULL-terminated) are live C strings.
    unsafe { libc::execv(cp.as_ptr(), av.as_ptr()) };
    Err(os_err(vm, path::errno()))
}

pub(crate) fn os_execve(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "execve", a, kw, &["path", "argv", "env"], 3)?;
    let none = vm.none();
    let p = path::path_arg(vm, "execve", "path", v[0].as_ref(), path::PATH_FD)?;
    let argv = exec_argv(vm, "execve", v[1].as_ref().unwrap_or(&none))?;
    let env = exec_env(vm, v[2].as_ref().unwrap_or(&none))?;
    let av = ptrs(&argv);
    let ev = ptrs(&env);
    match &p.c {
        // SAFETY: every pointer of `av` and `ev` (NULL-terminated) is a live C string.
        Some(cp) => unsafe { libc::execve(cp.as_ptr(), av.as_ptr(), ev.as_ptr()) },
        // SAFETY: as above.
        None => unsafe { libc::fexecve(p.fd, av.as_ptr(), ev.as_ptr()) },
    };
    Err(path::path_error(vm, path::errno(), &p))
}

// ---- wait ---------------------------------------------------------------------------------------

pub(crate) fn os_waitpid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid, opts] = posonly::<2>(vm, "waitpid", a, kw)?;
    let (pid, opts) = (path::c_int(vm, &pid)?, path::c_int(vm, &opts)?);
    let r = blocking(vm, || {
        let mut status = 0;
        // SAFETY: `status` is writable.
        cvt(unsafe { libc::waitpid(pid, &mut status, opts) }).map(|p| (p, status))
    })?;
    let (p, status) = r.map_err(|e| os_err(vm, e))?;
    Ok(vm.new_tuple(vec![vm.new_int(p as i64), vm.new_int(status as i64)]))
}

pub(crate) fn os_wait(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "wait", a, kw)?;
    let r = blocking(vm, || {
        let mut status = 0;
        // SAFETY: `status` is writable.
        cvt(unsafe { libc::wait(&mut status) }).map(|p| (p, status))
    })?;
    let (p, status) = r.map_err(|e| os_err(vm, e))?;
    Ok(vm.new_tuple(vec![vm.new_int(p as i64), vm.new_int(status as i64)]))
}

fn status_arg(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<i32> {
    let v = args::parse(vm, fname, a, kw, &["status"], 1)?;
    path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))
}

macro_rules! wait_macros {
    ($($fname:ident, $name:literal => $f:ident, $bool:expr);* $(;)?) => {
        $(
            pub(crate) fn $fname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                let s = status_arg(vm, $name, a, kw)?;
                let r = libc::$f(s);
                Ok(if $bool { vm.bool_obj(r as i64 != 0) } else { vm.new_int(r as i64) })
            }
        )*
    };
}

wait_macros! {
    os_wcoredump, "WCOREDUMP" => WCOREDUMP, true;
    os_wifcontinued, "WIFCONTINUED" => WIFCONTINUED, true;
    os_wifstopped, "WIFSTOPPED" => WIFSTOPPED, true;
    os_wifsignaled, "WIFSIGNALED" => WIFSIGNALED, true;
    os_wifexited, "WIFEXITED" => WIFEXITED, true;
    os_wexitstatus, "WEXITSTATUS" => WEXITSTATUS, false;
    os_wtermsig, "WTERMSIG" => WTERMSIG, false;
    os_wstopsig, "WSTOPSIG" => WSTOPSIG, false;
}

pub(crate) fn os_waitstatus_to_exitcode(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let s = status_arg(vm, "waitstatus_to_exitcode", a, kw)?;
    if libc::WIFEXITED(s) {
        return Ok(vm.new_int(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(vm.new_int(-(libc::WTERMSIG(s) as i64)));
    }
    if libc::WIFSTOPPED(s) {
        return Err(vm.value_error(format!("process stopped by delivery of signal {}", libc::WSTOPSIG(s))));
    }
    Err(vm.value_error(format!("invalid wait status: {s}")))
}

pub(crate) fn os_system(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "system", a, kw, &["command"], 1)?;
    let cmd = path::fs_converter(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let c = CString::new(cmd).map_err(|_| vm.value_error("embedded null byte"))?;
    // SAFETY: `c` is a NUL-terminated command line.
    let r = vm.allow_threads(|| unsafe { libc::system(c.as_ptr()) });
    Ok(vm.new_int(r as i64))
}

pub(crate) fn os_times(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "times", a, kw)?;
    // SAFETY: an all-zero tms is valid to be overwritten.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is writable.
    let c = unsafe { libc::times(&mut t) };
    if c == !0 {
        return Err(os_err(vm, path::errno()));
    }
    // SAFETY: sysconf takes no memory.
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let vals = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, c];
    let ty = crate::structseq::get_type(vm, "posix.times_result")?;
    crate::structseq::new(vm, &ty, vals.iter().map(|&x| vm.new_float(x as f64 / tick)).collect())
}

pub(crate) fn os_sched_getaffinity(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [pid] = posonly::<1>(vm, "sched_getaffinity", a, kw)?;
    let pid = path::c_int(vm, &pid)?;
    // SAFETY: an all-zero cpu_set_t is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is writable and its size is passed.
    let r = unsafe { libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    cvt(r).map_err(|e| os_err(vm, e))?;
    let out = vm.new_set();
    for cpu in 0..libc::CPU_SETSIZE as usize {
        // SAFETY: `cpu` is below CPU_SETSIZE, inside `set`.
        if unsafe { libc::CPU_ISSET(cpu, &set) } {
            vm.call_method(&out, "add", &[vm.new_usize(cpu)])?;
        }
    }
    Ok(out)
}

pub(crate) fn os_sched_yield(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "sched_yield", a, kw)?;
    // SAFETY: sched_yield takes no memory.
    vm.allow_threads(|| unsafe { libc::sched_yield() });
    Ok(vm.none())
}

pub(crate) fn os_nice(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [inc] = posonly::<1>(vm, "nice", a, kw)?;
    let inc = path::c_int(vm, &inc)?;
    // SAFETY: resetting errno, the only way to tell nice's -1 from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: nice takes no memory.
    let r = unsafe { libc::nice(inc) };
    if r == -1 && path::errno() != 0 {
        return Err(os_err(vm, path::errno()));
    }
    Ok(vm.new_int(r as i64))
}

// ---- wait3, wait4, waitid -----------------------------------------------------------------------

/// `(pid, status, rusage)` of wait3/wait4 (CPython's `wait_helper`): the
/// rusage is zero when WNOHANG found no child.
fn wait_result(vm: &Vm, pid: libc::pid_t, status: i32, ru: &libc::rusage) -> PyResult<Obj> {
    let ru = crate::resource::rusage_obj(vm, ru)?;
    Ok(vm.new_tuple(vec![vm.new_int(pid as i64), vm.new_int(status as i64), ru]))
}

fn wait4_impl(vm: &Vm, pid: libc::pid_t, options: i32) -> PyResult<Obj> {
    let r = blocking(vm, || {
        let mut status = 0;
        // SAFETY: an all-zero rusage is valid to be overwritten.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `status` and `ru` are writable.
        cvt(unsafe { libc::wait4(pid, &mut status, options, &mut ru) }).map(|p| (p, status, ru))
    })?;
    let (p, status, ru) = r.map_err(|e| os_err(vm, e))?;
    wait_result(vm, p, status, &ru)
}

pub(crate) fn os_wait3(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "wait3", a, kw, &["options"], 1)?;
    let options = path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    wait4_impl(vm, -1, options)
}

pub(crate) fn os_wait4(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "wait4", a, kw, &["pid", "options"], 2)?;
    let none = vm.none();
    let pid = path::c_int(vm, v[0].as_ref().unwrap_or(&none))?;
    let options = path::c_int(vm, v[1].as_ref().unwrap_or(&none))?;
    wait4_impl(vm, pid, options)
}

/// Exactly `n` positional arguments, in `PyArg_ParseTuple`'s words.
fn parse_tuple_count(vm: &Vm, fname: &str, n: usize, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() != n {
        return Err(vm.type_error(format!("{fname}() takes exactly {n} arguments ({} given)", a.len())));
    }
    Ok(())
}

pub(crate) fn os_waitid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    parse_tuple_count(vm, "waitid", 3, a, kw)?;
    let idtype = path::c_int(vm, &a[0])?;
    let id = path::c_int(vm, &a[1])?;
    let options = path::c_int(vm, &a[2])?;
    let r = blocking(vm, || {
        // SAFETY: an all-zero siginfo_t is valid to be overwritten.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `info` is writable.
        cvt(unsafe { libc::waitid(idtype as libc::idtype_t, id as libc::id_t, &mut info, options) })?;
        // SAFETY: waitid filled the SIGCHLD fields (or left them zero).
        let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
        Ok((pid, uid, status, info.si_signo, info.si_code))
    })?;
    let (pid, uid, status, signo, code) = r.map_err(|e| os_err(vm, e))?;
    if pid == 0 {
        return Ok(vm.none());
    }
    let ty = crate::structseq::get_type(vm, "posix.waitid_result")?;
    let v = vec![
        vm.new_int(pid as i64),
        vm.new_int(uid as i64),
        vm.new_int(signo as i64),
        vm.new_int(status as i64),
        vm.new_int(code as i64),
    ];
    crate::structseq::new(vm, &ty, v)
}

pub(crate) fn os_pidfd_open(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "pidfd_open", a, kw, &["pid", "flags"], 1)?;
    let pid = path::c_int(vm, v[0].as_ref().unwrap_or(&vm.none()))?;
    let flags = match &v[1] {
        Some(f) => super::path::fd_arg(vm, f)? as libc::c_uint,
        None => 0,
    };
    // SAFETY: pidfd_open takes no memory.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, flags) };
    if fd < 0 {
        return Err(os_err(vm, path::errno()));
    }
    Ok(vm.new_int(fd))
}

// ---- ids and groups -----------------------------------------------------------------------------

fn uid(vm: &Vm, o: &Obj) -> PyResult<u32> {
    super::fs::id_arg(vm, o, "uid")
}

fn gid(vm: &Vm, o: &Obj) -> PyResult<u32> {
    super::fs::id_arg(vm, o, "gid")
}

fn none_or_os_err(vm: &Vm, r: libc::c_int) -> PyResult<Obj> {
    cvt(r).map(|_| vm.none()).map_err(|e| os_err(vm, e))
}

pub(crate) fn os_setreuid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [r, e] = posonly::<2>(vm, "setreuid", a, kw)?;
    let (r, e) = (uid(vm, &r)?, uid(vm, &e)?);
    // SAFETY: setreuid takes no memory.
    none_or_os_err(vm, unsafe { libc::setreuid(r, e) })
}

pub(crate) fn os_setregid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [r, e] = posonly::<2>(vm, "setregid", a, kw)?;
    let (r, e) = (gid(vm, &r)?, gid(vm, &e)?);
    // SAFETY: setregid takes no memory.
    none_or_os_err(vm, unsafe { libc::setregid(r, e) })
}

pub(crate) fn os_setresuid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [r, e, s] = posonly::<3>(vm, "setresuid", a, kw)?;
    let (r, e, s) = (uid(vm, &r)?, uid(vm, &e)?, uid(vm, &s)?);
    // SAFETY: setresuid takes no memory.
    none_or_os_err(vm, unsafe { libc::setresuid(r, e, s) })
}

pub(crate) fn os_setresgid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [r, e, s] = posonly::<3>(vm, "setresgid", a, kw)?;
    let (r, e, s) = (gid(vm, &r)?, gid(vm, &e)?, gid(vm, &s)?);
    // SAFETY: setresgid takes no memory.
    none_or_os_err(vm, unsafe { libc::setresgid(r, e, s) })
}

pub(crate) fn os_getresuid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getresuid", a, kw)?;
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: the three ids are writable.
    cvt(unsafe { libc::getresuid(&mut r, &mut e, &mut s) }).map_err(|e| os_err(vm, e))?;
    Ok(vm.new_tuple(vec![vm.new_int(r as i64), vm.new_int(e as i64), vm.new_int(s as i64)]))
}

pub(crate) fn os_getresgid(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getresgid", a, kw)?;
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: the three ids are writable.
    cvt(unsafe { libc::getresgid(&mut r, &mut e, &mut s) }).map_err(|e| os_err(vm, e))?;
    Ok(vm.new_tuple(vec![vm.new_int(r as i64), vm.new_int(e as i64), vm.new_int(s as i64)]))
}

/// glibc's NGROUPS_MAX, CPython's `MAX_GROUPS`.
const MAX_GROUPS: usize = 65536;

pub(crate) fn os_setgroups(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [groups] = posonly::<1>(vm, "setgroups", a, kw)?;
    let is_seq =
        !vm.isinstance_type(&groups, &vm.ctx.types.dict) && vm.getattr_str_opt(&groups, "__getitem__")?.is_some();
    if !is_seq {
        return Err(vm.type_error("setgroups argument must be a sequence"));
    }
    let items = vm.to_vec(&groups)?;
    if items.len() > MAX_GROUPS {
        return Err(vm.value_error("too many groups"));
    }
    let mut list = Vec::with_capacity(items.len());
    for it in &items {
        if taipan_vm::api::int::value(it).is_none() {
            return Err(vm.type_error("groups must be integers"));
        }
        list.push(gid(vm, it)?);
    }
    // SAFETY: `list` holds `len` ids.
    none_or_os_err(vm, unsafe { libc::setgroups(list.len(), list.as_ptr()) })
}

pub(crate) fn os_setpgrp(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "setpgrp", a, kw)?;
    // SAFETY: setpgid takes no memory.
    none_or_os_err(vm, unsafe { libc::setpgid(0, 0) })
}

fn user_name(vm: &Vm, o: &Obj) -> PyResult<CString> {
    CString::new(path::fs_converter(vm, o)?).map_err(|_| vm.value_error("embedded null byte"))
}

pub(crate) fn os_getgrouplist(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [user, group] = posonly::<2>(vm, "getgrouplist", a, kw)?;
    if taipan_vm::api::str::data(&user).is_none() {
        return Err(vm.type_error(format!("getgrouplist() argument 1 must be str, not {}", user.class().name())));
    }
    let user = user_name(vm, &user)?;
    let base = gid(vm, &group)?;
    let mut n: libc::c_int = 64;
    loop {
        let mut groups = vec![0 as libc::gid_t; n as usize];
        let mut count = n;
        // SAFETY: `groups` has room for `count` ids; `user` is NUL-terminated.
        let r = unsafe { libc::getgrouplist(user.as_ptr(), base, groups.as_mut_ptr(), &mut count) };
        if r >= 0 {
            groups.truncate(count.max(0) as usize);
            return Ok(vm.new_list(groups.iter().map(|&g| vm.new_int(g as i64)).collect()));
        }
        if n as usize >= MAX_GROUPS {
            return Err(os_err(vm, libc::EINVAL));
        }
        n = if count > n { count } else { n * 2 };
    }
}

pub(crate) fn os_initgroups(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [user, group] = posonly::<2>(vm, "initgroups", a, kw)?;
    let user = user_name(vm, &user)?;
    let base = gid(vm, &group)?;
    // SAFETY: `user` is NUL-terminated.
    none_or_os_err(vm, unsafe { libc::initgroups(user.as_ptr(), base) })
}

pub(crate) fn os_getpriority(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "getpriority", a, kw, &["which", "who"], 2)?;
    let none = vm.none();
    let which = path::c_int(vm, v[0].as_ref().unwrap_or(&none))?;
    let who = path::c_int(vm, v[1].as_ref().unwrap_or(&none))?;
    // SAFETY: resetting errno, the only way to tell -1 from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: getpriority takes no memory.
    let r = unsafe { libc::getpriority(which as libc::__priority_which_t, who as libc::id_t) };
    if r == -1 && path::errno() != 0 {
        return Err(os_err(vm, path::errno()));
    }
    Ok(vm.new_int(r as i64))
}

pub(crate) fn os_setpriority(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "setpriority", a, kw, &["which", "who", "priority"], 3)?;
    let none = vm.none();
    let which = path::c_int(vm, v[0].as_ref().unwrap_or(&none))?;
    let who = path::c_int(vm, v[1].as_ref().unwrap_or(&none))?;
    let prio = path::c_int(vm, v[2].as_ref().unwrap_or(&none))?;
    // SAFETY: setpriority takes no memory.
    none_or_os_err(vm, unsafe { libc::setpriority(which as libc::__priority_which_t, who as libc::id_t, prio) })
}
