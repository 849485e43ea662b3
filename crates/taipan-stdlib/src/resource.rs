//! `resource` (CPython's `Modules/resource.c`): resource limits and usage.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, Obj, PyResult, Vm};

use crate::posix::path::{self, c_int};
use crate::structseq;

const TYPE: &str = "resource.struct_rusage";
const DOC: &str = "struct_rusage: Result from getrusage.\n\nThis object may be accessed either as a tuple of\n    (utime,stime,maxrss,ixrss,idrss,isrss,minflt,majflt,\n    nswap,inblock,oublock,msgsnd,msgrcv,nsignals,nvcsw,nivcsw)\nor via the attributes ru_utime, ru_stime, ru_maxrss, and so on.";
const FIELD_DOCS: &[&str] = &[
    "user time used",
    "system time used",
    "max. resident set size",
    "shared memory size",
    "unshared data size",
    "unshared stack size",
    "page faults not requiring I/O",
    "page faults requiring I/O",
    "number of swap outs",
    "block input operations",
    "block output operations",
    "IPC messages sent",
    "IPC messages received",
    "signals received",
    "voluntary context switches",
    "involuntary context switches",
];

const FIELDS: &[&str] = &[
    "ru_utime",
    "ru_stime",
    "ru_maxrss",
    "ru_ixrss",
    "ru_idrss",
    "ru_isrss",
    "ru_minflt",
    "ru_majflt",
    "ru_nswap",
    "ru_inblock",
    "ru_oublock",
    "ru_msgsnd",
    "ru_msgrcv",
    "ru_nsignals",
    "ru_nvcsw",
    "ru_nivcsw",
];

const CONSTANTS: &[(&str, i64)] = &[
    ("RLIMIT_CPU", libc::RLIMIT_CPU as i64),
    ("RLIMIT_FSIZE", libc::RLIMIT_FSIZE as i64),
    ("RLIMIT_DATA", libc::RLIMIT_DATA as i64),
    ("RLIMIT_STACK", libc::RLIMIT_STACK as i64),
    ("RLIMIT_CORE", libc::RLIMIT_CORE as i64),
    ("RLIMIT_RSS", libc::RLIMIT_RSS as i64),
    ("RLIMIT_NPROC", libc::RLIMIT_NPROC as i64),
    ("RLIMIT_NOFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_OFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK as i64),
    ("RLIMIT_AS", libc::RLIMIT_AS as i64),
    ("RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE as i64),
    ("RLIMIT_NICE", libc::RLIMIT_NICE as i64),
    ("RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO as i64),
    ("RLIMIT_RTTIME", libc::RLIMIT_RTTIME as i64),
    ("RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING as i64),
    ("RUSAGE_SELF", libc::RUSAGE_SELF as i64),
    ("RUSAGE_CHILDREN", libc::RUSAGE_CHILDREN as i64),
    ("RUSAGE_THREAD", libc::RUSAGE_THREAD as i64),
    ("RLIM_INFINITY", -1),
];

fn tv(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 * 1e-6
}

fn resource_getrusage(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [who] = args::exact::<1>(vm, "getrusage", a, kw)?;
    let who = c_int(vm, &who)?;
    // SAFETY: an all-zero rusage is valid to be overwritten.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `r` is writable.
    if unsafe { libc::getrusage(who, &mut r) } != 0 {
        let e = path::errno();
        if e == libc::EINVAL {
            return Err(vm.value_error("invalid who parameter"));
        }
        return Err(path::os_error(vm, e, None, None));
    }
    rusage_obj(vm, &r)
}

/// A `resource.struct_rusage` of `r` (also the third item of `os.wait3`
/// and `os.wait4`).
pub(crate) fn rusage_obj(vm: &Vm, r: &libc::rusage) -> PyResult<Obj> {
    let ints = [
        r.ru_maxrss,
        r.ru_ixrss,
        r.ru_idrss,
        r.ru_isrss,
        r.ru_minflt,
        r.ru_majflt,
        r.ru_nswap,
        r.ru_inblock,
        r.ru_oublock,
        r.ru_msgsnd,
        r.ru_msgrcv,
        r.ru_nsignals,
        r.ru_nvcsw,
        r.ru_nivcsw,
    ];
    let mut v = vec![vm.new_float(tv(r.ru_utime)), vm.new_float(tv(r.ru_stime))];
    v.extend(ints.iter().map(|&x| vm.new_int(x)));
    let ty = structseq::new_type_with_docs(vm, TYPE, FIELDS, FIELD_DOCS, 16, 0, DOC)?;
    structseq::new(vm, &ty, v)
}

fn resource_arg(vm: &Vm, o: &Obj) -> PyResult<libc::__rlimit_resource_t> {
    let r = c_int(vm, o)?;
    // RLIM_NLIMITS of the headers CPython is built with.
    const NLIMITS: i32 = 16;
    if !(0..NLIMITS).contains(&r) {
        return Err(vm.value_error("invalid resource specified"));
    }
    Ok(r as libc::__rlimit_resource_t)
}

fn limit_obj(vm: &Vm, v: libc::rlim_t) -> Obj {
    if v == libc::RLIM_INFINITY {
        vm.new_int(-1)
    } else {
        crate::posix::u64_obj(vm, v)
    }
}

fn limits_tuple(vm: &Vm, l: &libc::rlimit) -> Obj {
    vm.new_tuple(vec![limit_obj(vm, l.rlim_cur), limit_obj(vm, l.rlim_max)])
}

fn limit_arg(vm: &Vm, o: &Obj) -> PyResult<libc::rlim_t> {
    let v = vm.to_i64(o)?;
    Ok(if v < 0 { libc::RLIM_INFINITY } else { v as libc::rlim_t })
}

fn limits_arg(vm: &Vm, o: &Obj) -> PyResult<libc::rlimit> {
    let items = vm.to_vec(o).map_err(|_| vm.type_error("expected a tuple of 2 integers"))?;
    if items.len() != 2 {
        return Err(vm.value_error("expected a tuple of 2 integers"));
    }
    Ok(libc::rlimit { rlim_cur: limit_arg(vm, &items[0])?, rlim_max: limit_arg(vm, &items[1])? })
}

fn resource_getrlimit(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [res] = args::exact::<1>(vm, "getrlimit", a, kw)?;
    let res = resource_arg(vm, &res)?;
    let mut l = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `l` is writable.
    if unsafe { libc::getrlimit(res, &mut l) } != 0 {
        return Err(path::os_error(vm, path::errno(), None, None));
    }
    Ok(limits_tuple(vm, &l))
}

fn setrlimit_error(vm: &Vm, e: i32) -> taipan_vm::api::PyErr {
    match e {
        libc::EINVAL => vm.value_error("current limit exceeds maximum limit"),
        libc::EPERM => vm.value_error("not allowed to raise maximum limit"),
        e => path::os_error(vm, e, None, None),
    }
}

fn resource_setrlimit(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [res, lim] = args::exact::<2>(vm, "setrlimit", a, kw)?;
    let res = resource_arg(vm, &res)?;
    let l = limits_arg(vm, &lim)?;
    // SAFETY: `l` is a valid rlimit.
    if unsafe { libc::setrlimit(res, &l) } != 0 {
        return Err(setrlimit_error(vm, path::errno()));
    }
    Ok(vm.none())
}

fn resource_prlimit(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    if kw.is_some_and(|k| vm.len(k).unwrap_or(0) > 0) {
        return Err(vm.type_error("prlimit() takes no keyword arguments"));
    }
    if a.len() < 2 || a.len() > 3 {
        return Err(vm.type_error(format!("prlimit expected 2 or 3 arguments, got {}", a.len())));
    }
    let pid = c_int(vm, &a[0])?;
    let res = resource_arg(vm, &a[1])?;
    let new = match a.get(2) {
        Some(l) if !vm.is_none(l) => Some(limits_arg(vm, l)?),
        _ => None,
    };
    let mut old = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    let newp = new.as_ref().map_or(std::ptr::null(), |n| n as *const libc::rlimit);
    // SAFETY: `newp` is null or a valid rlimit; `old` is writable.
    if unsafe { libc::prlimit(pid, res, newp, &mut old) } != 0 {
        return Err(setrlimit_error(vm, path::errno()));
    }
    Ok(limits_tuple(vm, &old))
}

fn resource_getpagesize(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getpagesize", a, kw)?;
    // SAFETY: sysconf takes no memory.
    Ok(vm.new_int(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("getrusage", resource_getrusage),
    MethodDef::static_("getrlimit", resource_getrlimit),
    MethodDef::static_("setrlimit", resource_setrlimit),
    MethodDef::static_("prlimit", resource_prlimit),
    MethodDef::static_("getpagesize", resource_getpagesize),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "resource");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "resource", FUNCTIONS);
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    dict::set_item_str(vm, &d, "error", vm.ctx.exceptions.os_error.clone())?;
    let ty = structseq::new_type_with_docs(vm, TYPE, FIELDS, FIELD_DOCS, 16, 0, DOC)?;
    dict::set_item_str(vm, &d, "struct_rusage", ty)?;
    Ok(m)
}
