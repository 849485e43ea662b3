//! `_testinternalcapi` (CPython's `Modules/_testinternalcapi.c`): the
//! interpreter internals CPython's own test suite reads through
//! `test.support`: the configuration (`get_config`, whose
//! `code_debug_ranges` decides whether `test_dis`, `test_code`,
//! `test_compile` and `test_traceback` run), the recursion depth, the GC
//! header size (`check_sizeof`), and the locale codec (`EncodeLocaleEx`,
//! `DecodeLocaleEx`).
//!
//! Every value is read off the running interpreter. Configuration keys
//! Taipan does not record (`run_command`, `run_module`, `run_filename`,
//! `_install_importlib`, `_init_main`, ...) are absent rather than guessed;
//! CPython's other test hooks (`set_config`, `get_configs`, the hashtable
//! and bit-operation self-tests, eval-frame hooks) are not provided.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, bytes, dict, module, str as pystr, Obj, PyResult, Vm};

fn int(vm: &Vm, v: i64) -> Obj {
    vm.new_int(v)
}

fn opt_str(vm: &Vm, s: Option<&str>) -> Obj {
    s.map_or_else(|| vm.none(), |s| vm.new_str(s))
}

fn str_list(vm: &Vm, items: &[String]) -> Obj {
    vm.new_list(items.iter().map(|s| vm.new_str(s)).collect())
}

fn sys_value(vm: &Vm, name: &str) -> Obj {
    taipan_vm::api::sys::sys_attr(vm, name).unwrap_or_else(|| vm.none())
}

/// A `sys` function's result (`sys.getfilesystemencoding()`, ...).
fn sys_call(vm: &Vm, name: &str) -> PyResult<Obj> {
    match taipan_vm::api::sys::sys_attr(vm, name) {
        Some(f) => vm.call0(&f),
        None => Ok(vm.none()),
    }
}

/// An attribute of `sys.__stdout__`, None without one.
fn stdout_attr(vm: &Vm, name: &str) -> Obj {
    match taipan_vm::api::sys::sys_attr(vm, "__stdout__") {
        Some(f) => vm.getattr_str(&f, name).unwrap_or_else(|_| vm.none()),
        None => vm.none(),
    }
}

/// An environment variable the configuration reads, unless `-E`/`-I`.
fn env_var(use_environment: bool, name: &str) -> Option<String> {
    if !use_environment {
        return None;
    }
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `get_config()`: the interpreter's configuration as a dict with
/// CPython's `PyConfig` keys, in CPython's order.
fn get_config(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_config", a, k)?;
    let cfg = vm.config.borrow().clone();
    let use_env = !cfg.ignore_environment && !cfg.isolated;
    let has_x = |name: &str| cfg.xoptions.iter().any(|x| x == name || x.starts_with(&format!("{name}=")));
    let mut items: Vec<(&str, Obj)> = vec![
        ("_config_init", int(vm, 2)),
        ("isolated", int(vm, cfg.isolated as i64)),
        ("use_environment", int(vm, !cfg.ignore_environment as i64)),
        ("dev_mode", int(vm, cfg.dev_mode as i64)),
        ("install_signal_handlers", int(vm, cfg.install_signal_handlers as i64)),
        ("use_hash_seed", int(vm, cfg.hash_seed.is_some() as i64)),
        ("hash_seed", vm.new_usize(cfg.hash_seed.unwrap_or(0) as usize)),
        ("faulthandler", int(vm, (has_x("faulthandler") || env_var(use_env, "PYTHONFAULTHANDLER").is_some()) as i64)),
        // `-X tracemalloc[=N]`, `PYTHONTRACEMALLOC`: frames traced from the start.
        ("tracemalloc", int(vm, i64::from(cfg.tracemalloc))),
        ("import_time", int(vm, cfg.import_time as i64)),
        // Off with -X no_debug_ranges: code objects then keep no columns.
        ("code_debug_ranges", int(vm, !cfg.no_debug_ranges as i64)),
        ("show_ref_count", int(vm, 0)),
        ("dump_refs", int(vm, 0)),
        ("malloc_stats", int(vm, 0)),
        ("filesystem_encoding", sys_call(vm, "getfilesystemencoding")?),
        ("filesystem_errors", sys_call(vm, "getfilesystemencodeerrors")?),
        ("pycache_prefix", opt_str(vm, cfg.pycache_prefix.as_deref())),
        ("program_name", vm.new_str(&cfg.executable)),
        ("parse_argv", int(vm, 2)),
        ("argv", str_list(vm, &cfg.argv)),
        ("xoptions", str_list(vm, &cfg.xoptions)),
        ("warnoptions", str_list(vm, &cfg.warnoptions)),
        ("pythonpath_env", opt_str(vm, cfg.pythonpath_env.as_deref())),
        ("home", opt_str(vm, env_var(use_env, "PYTHONHOME").as_deref())),
        ("module_search_paths_set", int(vm, 1)),
        ("module_search_paths", str_list(vm, &taipan_vm::api::sys::module_search_paths(&cfg))),
        ("stdlib_dir", sys_value(vm, "_stdlib_dir")),
        ("executable", sys_value(vm, "executable")),
        ("base_executable", sys_value(vm, "_base_executable")),
        ("prefix", sys_value(vm, "prefix")),
        ("base_prefix", sys_value(vm, "base_prefix")),
        ("exec_prefix", sys_value(vm, "exec_prefix")),
        ("base_exec_prefix", sys_value(vm, "base_exec_prefix")),
        ("platlibdir", sys_value(vm, "platlibdir")),
        ("site_import", int(vm, !cfg.no_site as i64)),
        ("bytes_warning", int(vm, cfg.bytes_warning as i64)),
        ("warn_default_encoding", int(vm, has_x("warn_default_encoding") as i64)),
        ("inspect", int(vm, cfg.inspect as i64)),
        ("interactive", int(vm, cfg.interactive as i64)),
        ("optimization_level", int(vm, cfg.optimize as i64)),
        ("parser_debug", int(vm, cfg.debug as i64)),
        ("write_bytecode", int(vm, !cfg.dont_write_bytecode as i64)),
        ("verbose", int(vm, cfg.verbose as i64)),
        ("quiet", int(vm, cfg.quiet as i64)),
        ("user_site_directory", int(vm, !cfg.no_user_site as i64)),
        ("configure_c_stdio", int(vm, 1)),
        ("buffered_stdio", int(vm, !cfg.unbuffered as i64)),
        ("stdio_encoding", stdout_attr(vm, "encoding")),
        ("stdio_errors", stdout_attr(vm, "errors")),
        ("check_hash_pycs_mode", vm.new_str(cfg.check_hash_based_pycs.as_deref().unwrap_or("default"))),
        ("pathconfig_warnings", int(vm, 1)),
        ("orig_argv", sys_value(vm, "orig_argv")),
        ("use_frozen_modules", int(vm, !cfg.xoptions.iter().any(|x| x == "frozen_modules=off") as i64)),
        ("safe_path", int(vm, cfg.safe_path as i64)),
        ("_is_python_build", int(vm, 0)),
    ];
    let d = vm.new_dict();
    for (key, value) in items.drain(..) {
        dict::set_item_str(vm, &d, key, value)?;
    }
    Ok(d)
}

/// `get_recursion_depth()`: the Python frames on this thread's stack, as
/// CPython counts them (1 at the module level of `__main__`).
fn get_recursion_depth(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_recursion_depth", a, k)?;
    Ok(vm.new_int(vm.thread.recursion_depth.get() as i64))
}

/// The error handlers CPython's `_Py_EncodeLocaleEx` and
/// `_Py_DecodeLocaleEx` accept.
fn locale_errors(vm: &Vm, errors: Option<&Obj>) -> PyResult<&'static str> {
    let name = match errors {
        None => return Ok("strict"),
        Some(o) if vm.is_none(o) => return Ok("strict"),
        Some(o) => pystr::as_str(o).ok_or_else(|| vm.type_error("errors must be a str"))?,
    };
    match name {
        "strict" => Ok("strict"),
        "surrogateescape" => Ok("surrogateescape"),
        "surrogatepass" => Ok("surrogatepass"),
        _ => Err(vm.value_error("unsupported error handler")),
    }
}

/// The locale's codec (the filesystem encoding: UTF-8 in the UTF-8 locales
/// and UTF-8 mode Taipan runs in). `surrogatepass` is UTF-8's only.
fn locale_codec(vm: &Vm, errors: &str) -> PyResult<Obj> {
    let enc = sys_call(vm, "getfilesystemencoding")?;
    let is_utf8 = pystr::as_str(&enc).is_some_and(|e| e.eq_ignore_ascii_case("utf-8") || e == "utf8");
    if errors == "surrogatepass" && !is_utf8 {
        return Err(vm.value_error("unsupported error handler"));
    }
    Ok(enc)
}

/// A codec error turned into CPython's `RuntimeError("encode error:
/// pos=N, reason=...")`.
fn codec_failure(vm: &Vm, e: taipan_vm::api::PyErr, what: &str) -> taipan_vm::api::PyErr {
    let unicode_error = &vm.ctx.exceptions.by_name["UnicodeError"];
    if !vm.err_matches(&e, unicode_error) {
        return e;
    }
    let start = vm.getattr_str(e.value(), "start").ok().and_then(|s| vm.to_i64(&s).ok()).unwrap_or(0);
    let reason =
        vm.getattr_str(e.value(), "reason").ok().map(|r| pystr::as_str_lossy(&r).into_owned()).unwrap_or_default();
    vm.runtime_error(format!("{what} error: pos={start}, reason={reason}"))
}

/// `EncodeLocaleEx(text, current_locale, errors)`.
fn encode_locale_ex(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "EncodeLocaleEx", a, k, &["unicode", "current_locale", "errors"], 1)?;
    let text = p[0].clone().unwrap_or_else(|| vm.none());
    if pystr::data(&text).is_none() {
        return Err(vm.type_error(format!("EncodeLocaleEx() argument 1 must be str, not {}", text.class().name())));
    }
    let errors = locale_errors(vm, p[2].as_ref())?;
    let enc = locale_codec(vm, errors)?;
    if pystr::data(&text).is_some_and(|d| d.code_points().any(|c| c == 0)) {
        return Err(vm.value_error("embedded null character"));
    }
    vm.call_method(&text, "encode", &[enc, vm.new_str(errors)]).map_err(|e| codec_failure(vm, e, "encode"))
}

/// `DecodeLocaleEx(encoded, current_locale, errors)`.
fn decode_locale_ex(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "DecodeLocaleEx", a, k, &["encoded", "current_locale", "errors"], 1)?;
    let data = p[0].clone().unwrap_or_else(|| vm.none());
    let Some(raw) = bytes::as_bytes(&data) else {
        return Err(vm.type_error(format!("DecodeLocaleEx() argument 1 must be bytes, not {}", data.class().name())));
    };
    if raw.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    let errors = locale_errors(vm, p[2].as_ref())?;
    let enc = locale_codec(vm, errors)?;
    vm.call_method(&data, "decode", &[enc, vm.new_str(errors)]).map_err(|e| codec_failure(vm, e, "decode"))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("get_config", get_config),
    MethodDef::static_("get_recursion_depth", get_recursion_depth),
    MethodDef::static_("EncodeLocaleEx", encode_locale_ex),
    MethodDef::static_("DecodeLocaleEx", decode_locale_ex),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_testinternalcapi");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_testinternalcapi", FUNCTIONS);
    dict::set_item_str(vm, &d, "SIZEOF_PYGC_HEAD", vm.new_usize(taipan_vm::api::gc::SIZEOF_PYGC_HEAD))?;
    Ok(m)
}
