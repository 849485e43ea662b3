//! `syslog` (CPython's `Modules/syslogmodule.c`): the C library's system
//! logger.
//!
//! `openlog(3)` keeps the ident pointer it is given, process-wide, so the
//! ident string lives in a process-wide slot as long as the log is open
//! (the C library's own state is process-wide too).

use std::ffi::CString;
use std::sync::Mutex;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, str as pystr, Obj, PyResult, Vm};

/// The ident `openlog` was given (kept alive while the C library points
/// at it) and whether the log is open.
static LOG_STATE: Mutex<(Option<CString>, bool)> = Mutex::new((None, false));

const CONSTANTS: &[(&str, i64)] = &[
    ("LOG_EMERG", libc::LOG_EMERG as i64),
    ("LOG_ALERT", libc::LOG_ALERT as i64),
    ("LOG_CRIT", libc::LOG_CRIT as i64),
    ("LOG_ERR", libc::LOG_ERR as i64),
    ("LOG_WARNING", libc::LOG_WARNING as i64),
    ("LOG_NOTICE", libc::LOG_NOTICE as i64),
    ("LOG_INFO", libc::LOG_INFO as i64),
    ("LOG_DEBUG", libc::LOG_DEBUG as i64),
    ("LOG_PID", libc::LOG_PID as i64),
    ("LOG_CONS", libc::LOG_CONS as i64),
    ("LOG_NDELAY", libc::LOG_NDELAY as i64),
    ("LOG_ODELAY", libc::LOG_ODELAY as i64),
    ("LOG_NOWAIT", libc::LOG_NOWAIT as i64),
    ("LOG_PERROR", libc::LOG_PERROR as i64),
    ("LOG_KERN", libc::LOG_KERN as i64),
    ("LOG_USER", libc::LOG_USER as i64),
    ("LOG_MAIL", libc::LOG_MAIL as i64),
    ("LOG_DAEMON", libc::LOG_DAEMON as i64),
    ("LOG_AUTH", libc::LOG_AUTH as i64),
    ("LOG_LPR", libc::LOG_LPR as i64),
    ("LOG_LOCAL0", libc::LOG_LOCAL0 as i64),
    ("LOG_LOCAL1", libc::LOG_LOCAL1 as i64),
    ("LOG_LOCAL2", libc::LOG_LOCAL2 as i64),
    ("LOG_LOCAL3", libc::LOG_LOCAL3 as i64),
    ("LOG_LOCAL4", libc::LOG_LOCAL4 as i64),
    ("LOG_LOCAL5", libc::LOG_LOCAL5 as i64),
    ("LOG_LOCAL6", libc::LOG_LOCAL6 as i64),
    ("LOG_LOCAL7", libc::LOG_LOCAL7 as i64),
    ("LOG_SYSLOG", libc::LOG_SYSLOG as i64),
    ("LOG_CRON", libc::LOG_CRON as i64),
    ("LOG_UUCP", libc::LOG_UUCP as i64),
    ("LOG_NEWS", libc::LOG_NEWS as i64),
    ("LOG_AUTHPRIV", libc::LOG_AUTHPRIV as i64),
];

/// A C `long` argument (`__index__`).
fn c_long(vm: &Vm, o: &Obj) -> PyResult<i64> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) => Ok(v),
        int::IntValue::Big(_) => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

/// A C `int` argument.
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let v = c_long(vm, o)?;
    if v > i32::MAX as i64 {
        return Err(vm.overflow_error("signed integer is greater than maximum"));
    }
    if v < i32::MIN as i64 {
        return Err(vm.overflow_error("signed integer is less than minimum"));
    }
    Ok(v as i32)
}

/// A str argument as the C string CPython's `PyUnicode_AsUTF8` gives:
/// it ends at the first NUL.
fn c_string(vm: &Vm, o: &Obj) -> PyResult<CString> {
    let Some(s) = pystr::as_str(o) else {
        // A lone surrogate: UTF-8 encoding's own UnicodeEncodeError.
        vm.call_method(o, "encode", &[])?;
        return Err(vm.type_error("expected str"));
    };
    let s = s.split('\0').next().unwrap_or("");
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

/// The default ident: the base name of `sys.argv[0]`, if any.
fn default_ident(vm: &Vm) -> Option<CString> {
    let argv = taipan_vm::api::sys::sys_attr(vm, "argv")?;
    let first = vm.getitem(&argv, &vm.new_int(0)).ok()?;
    let s = pystr::as_str(&first)?;
    if s.is_empty() {
        return None;
    }
    let base = s.rsplit('/').next().unwrap_or(s);
    CString::new(base).ok()
}

fn open_log(ident: Option<CString>, option: i32, facility: i32) {
    let mut state = LOG_STATE.lock().unwrap_or_else(|p| p.into_inner());
    let ptr = ident.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `ptr` is null or a NUL-terminated string that the static
    // keeps alive until the next openlog/closelog replaces it.
    unsafe { libc::openlog(ptr, option, facility) };
    *state = (ident, true);
}

fn syslog_openlog(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "openlog", a, k, &["ident", "logoption", "facility"], 0)?;
    let ident = match &p[0] {
        Some(o) if !vm.is_none(o) => {
            if !vm.isinstance_type(o, &vm.ctx.types.str) {
                return Err(vm.type_error(format!("openlog() argument 1 must be str, not {}", o.class().name())));
            }
            Some(c_string(vm, o)?)
        }
        _ => default_ident(vm),
    };
    let option = match &p[1] {
        Some(o) => c_long(vm, o)? as i32,
        None => 0,
    };
    let facility = match &p[2] {
        Some(o) => c_long(vm, o)? as i32,
        None => libc::LOG_USER,
    };
    audit_openlog(vm, ident.as_ref(), option, facility)?;
    open_log(ident, option, facility);
    Ok(vm.none())
}

/// The "syslog.openlog" audit event: the ident used (None without one).
fn audit_openlog(vm: &Vm, ident: Option<&CString>, option: i32, facility: i32) -> PyResult<()> {
    taipan_vm::api::audit(vm, "syslog.openlog", || {
        let ident = match ident {
            Some(c) => vm.new_str(&c.to_string_lossy()),
            None => vm.none(),
        };
        vec![ident, vm.new_int(option as i64), vm.new_int(facility as i64)]
    })
}

fn syslog_syslog(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "syslog", k)?;
    let usage = || vm.type_error("[priority,] message string");
    let (priority, message) = match a {
        [m] if vm.isinstance_type(m, &vm.ctx.types.str) => (libc::LOG_INFO, m),
        [p, m] if vm.isinstance_type(m, &vm.ctx.types.str) => (c_int(vm, p)?, m),
        _ => return Err(usage()),
    };
    taipan_vm::api::audit(vm, "syslog.syslog", || vec![vm.new_int(priority as i64), message.clone()])?;
    let message = c_string(vm, message)?;
    let open = LOG_STATE.lock().map(|s| s.1).unwrap_or(true);
    if !open {
        let ident = default_ident(vm);
        audit_openlog(vm, ident.as_ref(), 0, libc::LOG_USER)?;
        open_log(ident, 0, libc::LOG_USER);
    }
    let fmt = c"%s";
    // SAFETY: both pointers are NUL-terminated strings alive for the call;
    // the message is passed through "%s", never as the format.
    vm.allow_threads(move || unsafe { libc::syslog(priority, fmt.as_ptr(), message.as_ptr()) });
    Ok(vm.none())
}

fn syslog_closelog(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "syslog.closelog", a, k)?;
    taipan_vm::api::audit(vm, "syslog.closelog", Vec::new)?;
    let mut state = LOG_STATE.lock().unwrap_or_else(|p| p.into_inner());
    if state.1 {
        // SAFETY: closelog has no preconditions; the ident is dropped after.
        unsafe { libc::closelog() };
        *state = (None, false);
    }
    Ok(vm.none())
}

fn syslog_setlogmask(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let mask = crate::clinic::one(vm, "syslog.setlogmask", a, k)?;
    let mask = c_long(vm, &mask)? as i32;
    taipan_vm::api::audit(vm, "syslog.setlogmask", || vec![vm.new_int(mask as i64)])?;
    // SAFETY: setlogmask only swaps an integer in the C library.
    let old = unsafe { libc::setlogmask(mask) };
    Ok(vm.new_int(old as i64))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("openlog", syslog_openlog),
    MethodDef::static_("syslog", syslog_syslog),
    MethodDef::static_("closelog", syslog_closelog),
    MethodDef::static_("setlogmask", syslog_setlogmask),
    MethodDef::static_("LOG_MASK", |vm, _, a, k| {
        let p = crate::clinic::one(vm, "syslog.LOG_MASK", a, k)?;
        let p = c_long(vm, &p)?;
        Ok(vm.new_int(1i64.wrapping_shl(p as u32)))
    }),
    MethodDef::static_("LOG_UPTO", |vm, _, a, k| {
        let p = crate::clinic::one(vm, "syslog.LOG_UPTO", a, k)?;
        let p = c_long(vm, &p)?;
        Ok(vm.new_int(1i64.wrapping_shl(p.wrapping_add(1) as u32).wrapping_sub(1)))
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "syslog");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "syslog", FUNCTIONS);
    dict::set_item_str(vm, &d, "__doc__", vm.none())?;
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    Ok(m)
}
