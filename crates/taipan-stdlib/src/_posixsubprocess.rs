//! `_posixsubprocess` (CPython's `Modules/_posixsubprocess.c`): `fork_exec`,
//! the fork-and-exec under `subprocess.Popen` on POSIX.
//!
//! The parent converts every argument into C data (`ChildPlan`) before it
//! forks; the child (`child_exec`) then only makes async-signal-safe system
//! calls on that data, allocates nothing, and reports a failure to the parent
//! through the error pipe in the format `subprocess.py` decodes:
//! `OSError:<hex errno>:` (plus `noexec` when exec was never tried) or
//! `SubprocessError:0:<message>`.

use std::ffi::CString;

use taipan_vm::api::gc as collector;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{bytes, dict, int, list, module, Obj, PyResult, Vm};

use crate::posix::path::{self, fs_converter};
use crate::posix::uid_arg;

/// CPython's `MAX_GROUPS` (glibc's NGROUPS_MAX).
const MAX_GROUPS: usize = 65536;

/// A NULL-terminated array of C strings (`char *const[]`) and the strings
/// it points into.
struct CArray {
    _strings: Vec<CString>,
    ptrs: Vec<*const libc::c_char>,
}

impl CArray {
    fn new(strings: Vec<CString>) -> CArray {
        let ptrs = strings.iter().map(|c| c.as_ptr()).chain(std::iter::once(std::ptr::null())).collect();
        CArray { _strings: strings, ptrs }
    }

    fn as_ptr(&self) -> *const *const libc::c_char {
        self.ptrs.as_ptr()
    }

    fn entries(&self) -> &[*const libc::c_char] {
        &self.ptrs[..self.ptrs.len() - 1]
    }
}

/// The descriptors the child rearranges (-1: not used).
#[derive(Clone, Copy)]
struct Pipes {
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
}

/// Everything the child needs, converted before the fork.
struct ChildPlan {
    exec_array: CArray,
    argv: CArray,
    envp: Option<CArray>,
    cwd: Option<CString>,
    pipes: Pipes,
    close_fds: bool,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: libc::pid_t,
    groups: Option<Vec<libc::gid_t>>,
    gid: Option<libc::gid_t>,
    uid: Option<libc::uid_t>,
    child_umask: i32,
    /// Sorted, non-negative.
    fds_to_keep: Vec<i32>,
}

// ---- the child: async-signal-safe calls only ----------------------------------------------------

/// `-1 and errno` as a Result (no allocation).
fn ck(r: libc::c_int) -> Result<libc::c_int, i32> {
    if r == -1 {
        Err(path::errno())
    } else {
        Ok(r)
    }
}

/// Clear or set close-on-exec (CPython's `_Py_set_inheritable_async_safe`).
fn set_inheritable(fd: i32, inheritable: bool) -> Result<(), i32> {
    // SAFETY: fcntl on a descriptor number takes no memory.
    let flags = ck(unsafe { libc::fcntl(fd, libc::F_GETFD) })?;
    let new = if inheritable { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
    if new != flags {
        // SAFETY: as above.
        ck(unsafe { libc::fcntl(fd, libc::F_SETFD, new) })?;
    }
    Ok(())
}

fn close_fd(fd: i32) -> Result<(), i32> {
    // SAFETY: close takes no memory.
    ck(unsafe { libc::close(fd) }).map(|_| ())
}

fn dup_fd(fd: i32) -> Result<i32, i32> {
    // SAFETY: dup takes no memory.
    ck(unsafe { libc::dup(fd) })
}

/// Make `fd` the standard descriptor `target`; dup2 clears close-on-exec,
/// but is a no-op when both are the same, so then clear it by hand.
fn install_std_fd(fd: i32, target: i32) -> Result<(), i32> {
    if fd == target {
        set_inheritable(fd, true)
    } else if fd != -1 {
        // SAFETY: dup2 takes no memory.
        ck(unsafe { libc::dup2(fd, target) }).map(|_| ())
    } else {
        Ok(())
    }
}

/// The child's set-up before `preexec_fn`: descriptors, cwd, umask,
/// signals, session, process group, groups and ids. A failure here is
/// reported with `noexec`.
fn child_prepare(plan: &ChildPlan) -> Result<(), i32> {
    let mut p = plan.pipes;
    for &fd in &plan.fds_to_keep {
        // errpipe_write must stay close-on-exec: exec closing it is the
        // parent's signal of success.
        if fd != p.errpipe_write {
            set_inheritable(fd, true)?;
        }
    }
    for fd in [p.p2cwrite, p.c2pread, p.errread] {
        if fd != -1 {
            close_fd(fd)?;
        }
    }
    close_fd(p.errpipe_read)?;
    // A pipe end that is itself 0 or 1 would be overwritten by the dup2
    // of another standard descriptor (bpo-12607): move it away first.
    if p.c2pwrite == 0 {
        p.c2pwrite = dup_fd(p.c2pwrite)?;
        set_inheritable(p.c2pwrite, false)?;
    }
    while p.errwrite == 0 || p.errwrite == 1 {
        p.errwrite = dup_fd(p.errwrite)?;
        set_inheritable(p.errwrite, false)?;
    }
    install_std_fd(p.p2cread, 0)?;
    install_std_fd(p.c2pwrite, 1)?;
    install_std_fd(p.errwrite, 2)?;
    if let Some(cwd) = &plan.cwd {
        // SAFETY: `cwd` is NUL-terminated and outlives the call.
        ck(unsafe { libc::chdir(cwd.as_ptr()) })?;
    }
    if plan.child_umask >= 0 {
        // SAFETY: umask always succeeds.
        unsafe { libc::umask(plan.child_umask as libc::mode_t) };
    }
    if plan.restore_signals {
        restore_signals();
    }
    if plan.call_setsid {
        // SAFETY: setsid takes no memory.
        ck(unsafe { libc::setsid() })?;
    }
    if plan.pgid_to_set >= 0 {
        // SAFETY: setpgid takes no memory.
        ck(unsafe { libc::setpgid(0, plan.pgid_to_set) })?;
    }
    if let Some(groups) = &plan.groups {
        // SAFETY: `groups` holds `len` ids.
        ck(unsafe { libc::setgroups(groups.len(), groups.as_ptr()) })?;
    }
    if let Some(gid) = plan.gid {
        // SAFETY: setregid takes no memory.
        ck(unsafe { libc::setregid(gid, gid) })?;
    }
    if let Some(uid) = plan.uid {
        // SAFETY: setreuid takes no memory.
        ck(unsafe { libc::setreuid(uid, uid) })?;
    }
    Ok(())
}

/// The signals the interpreter ignores at start-up get their default
/// action back (CPython's `_Py_RestoreSignals`).
fn restore_signals() {
    for sig in [libc::SIGPIPE, libc::SIGXFSZ] {
        // SAFETY: signal (sigaction) is async-signal-safe; SIG_DFL is valid.
        unsafe { libc::signal(sig, libc::SIG_DFL) };
    }
}

/// Whether `fd` is in the sorted `keep`.
fn kept(fd: i32, keep: &[i32]) -> bool {
    keep.binary_search(&fd).is_ok()
}

/// Close descriptors `start..` except those in the sorted `keep`, with
/// `closer(first, last)` on each gap (CPython's `_close_range_except`).
fn close_range_except(start: i32, end: i32, keep: &[i32], closer: fn(i32, i32) -> Result<(), i32>) -> Result<(), i32> {
    let mut first = start;
    for &k in keep {
        if k < first {
            continue;
        }
        if k > first {
            closer(first, k - 1)?;
        }
        first = k.saturating_add(1);
    }
    if first <= end {
        closer(first, end)?;
    }
    Ok(())
}

fn close_range_syscall(first: i32, last: i32) -> Result<(), i32> {
    // SAFETY: close_range takes no memory; the kernel closes the range.
    let r =
        unsafe { libc::syscall(libc::SYS_close_range, first as libc::c_uint, last as libc::c_uint, 0 as libc::c_uint) };
    if r == -1 {
        Err(path::errno())
    } else {
        Ok(())
    }
}

fn close_each(first: i32, last: i32) -> Result<(), i32> {
    for fd in first..=last {
        // SAFETY: close takes no memory; errors (not open) are ignored.
        unsafe { libc::close(fd) };
    }
    Ok(())
}

/// A directory entry's name as a descriptor number, without libc.
fn fd_from_name(name: &[u8]) -> Option<i32> {
    let digits = name.split(|&b| b == 0).next()?;
    if digits.is_empty() {
        return None;
    }
    let mut n: i32 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add((b - b'0') as i32)?;
    }
    Some(n)
}

/// Close what `/proc/self/fd` lists, read with the raw `getdents64`
/// system call (opendir would allocate).
fn close_listed_fds(start: i32, keep: &[i32]) -> Result<(), i32> {
    // SAFETY: the path is a NUL-terminated literal.
    let dir =
        ck(unsafe { libc::open(c"/proc/self/fd".as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) })?;
    let mut buf = [0u8; 1024];
    loop {
        // SAFETY: `buf` is writable for its length.
        let n = unsafe { libc::syscall(libc::SYS_getdents64, dir, buf.as_mut_ptr(), buf.len()) };
        if n <= 0 {
            break;
        }
        let mut off = 0usize;
        // linux_dirent64: u64 ino, i64 off, u16 reclen, u8 type, name.
        while off + 19 < n as usize {
            let reclen = u16::from_ne_bytes([buf[off + 16], buf[off + 17]]) as usize;
            if reclen == 0 || off + reclen > n as usize {
                break;
            }
            if let Some(fd) = fd_from_name(&buf[off + 19..off + reclen]) {
                if fd != dir && fd >= start && !kept(fd, keep) {
                    // SAFETY: close takes no memory.
                    unsafe { libc::close(fd) };
                }
            }
            off += reclen;
        }
    }
    // SAFETY: close takes no memory.
    unsafe { libc::close(dir) };
    Ok(())
}

/// Close descriptors from `start` up, except the kept ones (CPython's
/// `_close_open_fds`): close_range, else the /proc listing, else each
/// number up to the descriptor limit.
fn close_open_fds(start: i32, keep: &[i32]) {
    if close_range_except(start, i32::MAX, keep, close_range_syscall).is_ok() {
        return;
    }
    if close_listed_fds(start, keep).is_ok() {
        return;
    }
    // SAFETY: sysconf takes no memory.
    let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let max = if max < 0 { 256 } else { max.min(i32::MAX as libc::c_long) as i32 };
    let _ = close_range_except(start, max, keep, close_each);
}

/// Try each executable in turn, as `os._execvpe` searches PATH; returns
/// the errno to report: the first that is not ENOENT/ENOTDIR, else the last.
fn exec_each(plan: &ChildPlan) -> i32 {
    let mut first_real = 0;
    let mut last = 0;
    for &exe in plan.exec_array.entries() {
        match &plan.envp {
            // SAFETY: `exe` and the arrays are NUL-terminated and live.
            Some(env) => unsafe { libc::execve(exe, plan.argv.as_ptr(), env.as_ptr()) },
            // SAFETY: as above.
            None => unsafe { libc::execv(exe, plan.argv.as_ptr()) },
        };
        last = path::errno();
        if last != libc::ENOENT && last != libc::ENOTDIR && first_real == 0 {
            first_real = last;
        }
    }
    if first_real != 0 {
        first_real
    } else {
        last
    }
}

/// `write` that retries on EINTR; errors are ignored (nothing can be done).
fn write_all(fd: i32, mut data: &[u8]) {
    while !data.is_empty() {
        // SAFETY: `data` is readable for its length.
        let n = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
        if n < 0 && path::errno() == libc::EINTR {
            continue;
        }
        if n <= 0 {
            return;
        }
        data = &data[n as usize..];
    }
}

/// Tell the parent what failed, in `subprocess.py`'s format, in one write
/// (shorter than PIPE_BUF, so the parent never sees half of it).
fn report_os_error(fd: i32, errno: i32, noexec: bool) {
    let mut msg = [0u8; 32];
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        msg[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    put(b"OSError:");
    let mut hex = [0u8; 8];
    let mut i = hex.len();
    let mut v = errno as u32;
    while v != 0 {
        i -= 1;
        hex[i] = b"0123456789abcdef"[(v % 16) as usize];
        v /= 16;
    }
    put(&hex[i..]);
    put(b":");
    if noexec {
        put(b"noexec");
    }
    write_all(fd, &msg[..len]);
}

/// The child after fork: set up, run `preexec_fn`, close descriptors,
/// exec; on failure report to the parent and exit 255.
fn child_exec(plan: &ChildPlan, preexec: Option<(&Vm, &Obj)>) -> ! {
    let errpipe = plan.pipes.errpipe_write;
    if let Err(e) = child_prepare(plan) {
        report_os_error(errpipe, e, true);
        // SAFETY: _exit ends the child at once.
        unsafe { libc::_exit(255) }
    }
    if let Some((vm, f)) = preexec {
        if vm.call(f, &[], None).is_err() {
            write_all(errpipe, b"SubprocessError:0:Exception occurred in preexec_fn.");
            // SAFETY: _exit ends the child at once.
            unsafe { libc::_exit(255) }
        }
    }
    if plan.close_fds {
        close_open_fds(3, &plan.fds_to_keep);
    }
    let e = exec_each(plan);
    if e != 0 {
        report_os_error(errpipe, e, false);
    }
    // SAFETY: _exit ends the child at once.
    unsafe { libc::_exit(255) }
}

// ---- the parent: argument conversion --------------------------------------------------------------

/// A sequence of bytes as C strings (CPython's `_PySequence_BytesToCharpArray`).
fn bytes_array(vm: &Vm, seq: &Obj) -> PyResult<CArray> {
    let n = vm.len(seq)?;
    let mut out = Vec::new();
    out.try_reserve_exact(n).map_err(|_| vm.memory_error())?;
    for i in 0..n {
        let item = vm.getitem(seq, &vm.new_usize(i))?;
        let Some(b) = bytes::as_bytes_ref(&item) else {
            return Err(vm.type_error(format!("expected bytes, {} found", item.class().name())));
        };
        out.push(CString::new(b.to_vec()).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(CArray::new(out))
}

/// `args`: None, or any iterable of str/bytes/PathLike.
fn argv_array(vm: &Vm, args: &Obj) -> PyResult<CArray> {
    if vm.is_none(args) {
        return Ok(CArray::new(Vec::new()));
    }
    let is_seq = vm.isinstance_type(args, &vm.ctx.types.list) || vm.isinstance_type(args, &vm.ctx.types.tuple);
    let items = if is_seq {
        vm.to_vec(args)?
    } else {
        match vm.iter(args) {
            Ok(_) => vm.to_vec(args)?,
            Err(_) => return Err(vm.type_error("argv must be a tuple")),
        }
    };
    let mut out = Vec::new();
    out.try_reserve_exact(items.len()).map_err(|_| vm.memory_error())?;
    for it in &items {
        out.push(CString::new(fs_converter(vm, it)?).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(CArray::new(out))
}

/// `pass_fds`: a sorted tuple of distinct non-negative ints.
fn fds_to_keep(vm: &Vm, fds: &Obj) -> PyResult<Vec<i32>> {
    let items = vm.to_vec(fds)?;
    let bad = || vm.value_error("bad value(s) in fds_to_keep");
    let mut out: Vec<i32> = Vec::with_capacity(items.len());
    for it in &items {
        let Some(v) = int::value(it) else { return Err(bad()) };
        let fd = match v {
            &int::IntValue::Small(v) if (0..=i32::MAX as i64).contains(&v) => v as i32,
            _ => return Err(bad()),
        };
        if out.last().is_some_and(|&prev| fd <= prev) {
            return Err(bad());
        }
        out.push(fd);
    }
    Ok(out)
}

/// `extra_groups`: None or a list of gids.
fn groups_arg(vm: &Vm, groups: &Obj) -> PyResult<Option<Vec<libc::gid_t>>> {
    if vm.is_none(groups) {
        return Ok(None);
    }
    if !list::is_list(groups) {
        return Err(vm.type_error("setgroups argument must be a list"));
    }
    let items = vm.to_vec(groups)?;
    if items.len() > MAX_GROUPS {
        return Err(vm.value_error("too many groups"));
    }
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        if int::value(it).is_none() {
            return Err(vm.type_error("groups must be integers"));
        }
        out.push(uid_arg(vm, it, "gid").map_err(|_| vm.value_error("invalid group id"))?);
    }
    Ok(Some(out))
}

fn id_opt(vm: &Vm, o: &Obj, what: &str) -> PyResult<Option<u32>> {
    if vm.is_none(o) {
        return Ok(None);
    }
    uid_arg(vm, o, what).map(Some)
}

/// An `int` argument of `PyArg_ParseTuple` (`i`).
fn int_arg(vm: &Vm, o: &Obj) -> PyResult<i32> {
    path::fd_arg(vm, o)
}

/// The 23 positional arguments, converted in `PyArg_ParseTuple`'s order.
struct ForkExecArgs {
    process_args: Obj,
    executable_list: Obj,
    close_fds: bool,
    pass_fds: Obj,
    cwd: Obj,
    env_list: Obj,
    pipes: Pipes,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: libc::pid_t,
    gid: Obj,
    groups: Obj,
    uid: Obj,
    child_umask: i32,
    preexec_fn: Obj,
}

fn parse_args(vm: &Vm, a: &[Obj], kw: Option<&Obj>) -> PyResult<ForkExecArgs> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error("fork_exec() takes no keyword arguments"));
    }
    if a.len() != 23 {
        return Err(vm.type_error(format!("fork_exec() takes exactly 23 arguments ({} given)", a.len())));
    }
    let close_fds = vm.is_true(&a[2])?;
    if !vm.isinstance_type(&a[3], &vm.ctx.types.tuple) {
        return Err(vm.type_error(format!("fork_exec() argument 4 must be tuple, not {}", a[3].class().name())));
    }
    let mut ints = [0i32; 10];
    for (slot, o) in ints.iter_mut().zip(&a[6..16]) {
        *slot = int_arg(vm, o)?;
    }
    let [p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore, setsid] = ints;
    let pgid_to_set = int_arg(vm, &a[16])?;
    let child_umask = int_arg(vm, &a[20])?;
    vm.is_true(&a[22])?;
    Ok(ForkExecArgs {
        process_args: a[0].clone(),
        executable_list: a[1].clone(),
        close_fds,
        pass_fds: a[3].clone(),
        cwd: a[4].clone(),
        env_list: a[5].clone(),
        pipes: Pipes { p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write },
        restore_signals: restore != 0,
        call_setsid: setsid != 0,
        pgid_to_set,
        gid: a[17].clone(),
        groups: a[18].clone(),
        uid: a[19].clone(),
        child_umask,
        preexec_fn: a[21].clone(),
    })
}

/// The checks and conversions the parent makes before forking.
fn make_plan(vm: &Vm, fa: &ForkExecArgs, fds_to_keep: Vec<i32>) -> PyResult<ChildPlan> {
    let exec_array = bytes_array(vm, &fa.executable_list)?;
    let argv = argv_array(vm, &fa.process_args)?;
    let envp = if vm.is_none(&fa.env_list) { None } else { Some(bytes_array(vm, &fa.env_list)?) };
    let cwd = if vm.is_none(&fa.cwd) {
        None
    } else {
        Some(CString::new(fs_converter(vm, &fa.cwd)?).map_err(|_| vm.value_error("embedded null byte"))?)
    };
    let groups = groups_arg(vm, &fa.groups)?;
    let gid = id_opt(vm, &fa.gid, "gid")?;
    let uid = id_opt(vm, &fa.uid, "uid")?;
    Ok(ChildPlan {
        exec_array,
        argv,
        envp,
        cwd,
        pipes: fa.pipes,
        close_fds: fa.close_fds,
        restore_signals: fa.restore_signals,
        call_setsid: fa.call_setsid,
        pgid_to_set: fa.pgid_to_set,
        groups,
        gid,
        uid,
        child_umask: fa.child_umask,
        fds_to_keep,
    })
}

/// Fork; the child never returns. With a `preexec_fn` the at-fork
/// callbacks run around the fork (CPython's `PyOS_BeforeFork` and
/// `PyOS_AfterFork_*`), since Python code runs in the child.
fn fork_and_exec(vm: &Vm, plan: &ChildPlan, preexec: Option<&Obj>) -> Result<libc::pid_t, i32> {
    if preexec.is_some() {
        crate::posix::run_at_fork(vm, crate::posix::AtFork::Before);
    }
    // SAFETY: the child only makes async-signal-safe calls on data made
    // before the fork (and runs `preexec_fn` only when the caller asked).
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        if let Some(f) = preexec {
            taipan_vm::api::thread::after_fork_child(vm);
            crate::posix::run_at_fork(vm, crate::posix::AtFork::Child);
            child_exec(plan, Some((vm, f)));
        }
        child_exec(plan, None);
    }
    let err = if pid < 0 { path::errno() } else { 0 };
    if preexec.is_some() {
        crate::posix::run_at_fork(vm, crate::posix::AtFork::Parent);
    }
    if pid < 0 {
        Err(err)
    } else {
        Ok(pid)
    }
}

fn fork_exec(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let fa = parse_args(vm, a, kw)?;
    if fa.close_fds && fa.pipes.errpipe_write < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    let keep = fds_to_keep(vm, &fa.pass_fds)?;
    let preexec = if vm.is_none(&fa.preexec_fn) { None } else { Some(fa.preexec_fn.clone()) };
    // The collector must not run in the child between fork and exec.
    let reenable_gc = preexec.is_some() && collector::is_enabled(vm);
    if reenable_gc {
        collector::set_enabled(vm, false);
    }
    let r = make_plan(vm, &fa, keep).map(|plan| fork_and_exec(vm, &plan, preexec.as_ref()));
    if reenable_gc {
        collector::set_enabled(vm, true);
    }
    match r? {
        Ok(pid) => Ok(vm.new_int(pid as i64)),
        Err(e) => Err(path::os_error(vm, e, None, None)),
    }
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("fork_exec", fork_exec)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_posixsubprocess");
    module::add_functions(vm, &m, "_posixsubprocess", FUNCTIONS);
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("A POSIX helper for the subprocess module."))?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_descriptors() {
        assert_eq!(fd_from_name(b"12\0\0"), Some(12));
        assert_eq!(fd_from_name(b".\0"), None);
        assert_eq!(fd_from_name(b"\0"), None);
        assert_eq!(fd_from_name(b"99999999999\0"), None);
    }

    #[test]
    fn ranges_skip_kept_descriptors() {
        use std::cell::RefCell;
        thread_local!(static SEEN: RefCell<Vec<(i32, i32)>> = const { RefCell::new(Vec::new()) });
        fn record(a: i32, b: i32) -> Result<(), i32> {
            SEEN.with(|s| s.borrow_mut().push((a, b)));
            Ok(())
        }
        close_range_except(3, 100, &[1, 3, 5, 6, 50], record).unwrap();
        SEEN.with(|s| assert_eq!(*s.borrow(), vec![(4, 4), (7, 49), (51, 100)]));
    }
}
