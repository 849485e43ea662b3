//! The `sys` module (CPython's `Python/sysmodule.c`).
//!
//! Functions are native; the struct sequences (`sys.version_info`,
//! `sys.flags`, `sys.float_info`, ...) are tuple subclasses defined by a few
//! lines of Python run at start-up, which gives them CPython's reprs and
//! field access without a native struct-sequence type yet.

use crate::object::Obj;
use crate::objects::descriptor::MethodDef;
use crate::objects::structseq::{self, StructSeqField, StructSeqSpec};
use crate::objects::{dict, module};
use crate::vm::{PyResult, Vm};

pub const VERSION: (u32, u32, u32) = (3, 11, 7);

/// `sys.version` (CPython's `Py_GetVersion()`: the version, the build in
/// parentheses, the compiler in brackets), e.g. `3.11.7 (Taipan 0.1.0)
/// [Rust 1.85.0]`; `taipan -VV` and the interactive banner show it.
pub fn version_string() -> String {
    let (ma, mi, pa) = VERSION;
    let rustc = env!("TAIPAN_RUSTC_VERSION");
    let compiler = if rustc.is_empty() { "Rust".to_string() } else { format!("Rust {rustc}") };
    format!("{ma}.{mi}.{pa} (Taipan {}) [{compiler}]", env!("CARGO_PKG_VERSION"))
}

/// `sys.argv`: the raw arguments decoded as CPython's
/// `Py_DecodeLocale` does (the file system encoding with surrogateescape).
fn argv_list(vm: &Vm, config: &crate::vm::Config) -> Obj {
    let items = match &config.argv_bytes {
        Some(raw) if raw.len() == config.argv.len() => raw
            .iter()
            .zip(&config.argv)
            .map(|(b, s)| {
                crate::codecs::decode_bytes(vm, b, Some(&crate::codecs::fs_encoding(vm)), Some("surrogateescape"))
                    .unwrap_or_else(|_| vm.new_str(s))
            })
            .collect(),
        _ => config.argv.iter().map(|a| vm.new_str(a)).collect(),
    };
    vm.new_list(items)
}

/// Create the `sys` module.
pub(crate) fn create(vm: &Vm, modules: &Obj) -> Obj {
    let m = module::new_module(vm, "sys");
    let d = module::module_dict(&m);
    super::add_functions(vm, &m, "sys", FUNCTIONS);
    let config = vm.config.borrow().clone();
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v).expect("sys dict");
    set("modules", modules.clone());
    set("argv", argv_list(vm, &config));
    let orig_argv: Vec<Obj> = if config.orig_argv.is_empty() {
        vec![vm.new_str(&config.executable)]
    } else {
        config.orig_argv.iter().map(|a| vm.new_str(a)).collect()
    };
    set("orig_argv", vm.new_list(orig_argv));
    set("executable", vm.new_str(&config.executable));
    let venv = virtual_environment(&config.executable);
    let running = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).ok();
    let home = venv.as_ref().and_then(|_| venv_home(&config.executable));
    let base_executable = match (&venv, &running) {
        // A copied interpreter (not a link to the base one) is found in the
        // `home` pyvenv.cfg names, as CPython's getpath does.
        (Some(_), Some(real)) if *real == config.executable => match &home {
            Some(h) => format!("{h}/{}", real.rsplit('/').next().unwrap_or(real)),
            None => real.clone(),
        },
        (Some(_), Some(real)) => real.clone(),
        _ => config.executable.clone(),
    };
    set("_base_executable", vm.new_str(&base_executable));
    set("platform", vm.new_str("linux"));
    set("byteorder", vm.new_str(if cfg!(target_endian = "little") { "little" } else { "big" }));
    set("maxsize", vm.new_int(isize::MAX as i64));
    set("maxunicode", vm.new_int(0x10ffff));
    let (ma, mi, pa) = VERSION;
    set("version", vm.new_str(&version_string()));
    set("hexversion", vm.new_int(((ma << 24) | (mi << 16) | (pa << 8) | 0xf0) as i64));
    set("api_version", vm.new_int(1013));
    // (implementation, branch, revision) of the source the interpreter was
    // built from, as CPython's; `platform` reads it.
    set("_git", vm.new_tuple(vec![vm.new_str("Taipan"), vm.new_str(""), vm.new_str("")]));
    set(
        "copyright",
        vm.new_str("Copyright (c) the Taipan authors.\nPython is Copyright (c) 2001-2023 Python Software Foundation."),
    );
    set("float_repr_style", vm.new_str("short"));
    set("dont_write_bytecode", vm.bool_obj(config.dont_write_bytecode));
    let builtin_names: Vec<Obj> = crate::import::builtin_module_names(vm).iter().map(|n| vm.new_str(n)).collect();
    set("builtin_module_names", vm.new_tuple(builtin_names));
    set("warnoptions", vm.new_list(config.warnoptions.iter().map(|w| vm.new_str(w)).collect()));
    let xoptions = vm.new_dict();
    for x in &config.xoptions {
        let _ = match x.split_once('=') {
            Some((k, v)) => dict::set_item_str(vm, &xoptions, k, vm.new_str(v)),
            None => dict::set_item_str(vm, &xoptions, x, vm.bool_obj(true)),
        };
    }
    set("_xoptions", xoptions);
    set("meta_path", vm.new_list(vec![]));
    set("path_hooks", vm.new_list(vec![]));
    set("path_importer_cache", vm.new_dict());
    set("pycache_prefix", config.pycache_prefix.as_deref().map_or_else(|| vm.none(), |p| vm.new_str(p)));
    set("platlibdir", vm.new_str("lib"));
    set("abiflags", vm.new_str(""));
    let stdlib_names: Vec<Obj> =
        env!("TAIPAN_STDLIB_MODULE_NAMES").split(',').filter(|n| !n.is_empty()).map(|n| vm.new_str(n)).collect();
    let names = vm.call(&vm.ctx.types.frozenset, &[vm.new_tuple(stdlib_names)], None).expect("frozenset");
    set("stdlib_module_names", names);
    let base_prefix = std::path::Path::new(&base_executable)
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = venv.unwrap_or_else(|| base_prefix.clone());
    for k in ["prefix", "exec_prefix"] {
        set(k, vm.new_str(&prefix));
    }
    for k in ["base_prefix", "base_exec_prefix"] {
        set(k, vm.new_str(&base_prefix));
    }
    let path = module_search_paths(&config).iter().map(|p| vm.new_str(p)).collect();
    set("path", vm.new_list(path));
    let stdlib = crate::import::stdlib_dir(config.ignore_environment);
    set("_stdlib_dir", stdlib.as_deref().map_or_else(|| vm.none(), |d| vm.new_str(d)));
    // The standard streams are made by `init_stdio`, once `_io` can be
    // imported.
    for k in ["stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__"] {
        set(k, vm.none());
    }
    for k in ["displayhook", "excepthook", "unraisablehook", "breakpointhook"] {
        let v = dict::get_item_str(vm, &d, k).expect("set above");
        set(&format!("__{k}__"), v);
    }
    if let Err(e) = run_python_part(vm, &d, &config) {
        let msg = crate::pythonrun::format_exception(vm, e.value());
        panic!("sys initialisation failed:\n{msg}");
    }
    m
}

/// A `sys` struct sequence field: name and doc.
const fn f(name: &'static str, doc: &'static str) -> StructSeqField<'static> {
    StructSeqField { name, doc: Some(doc) }
}

const VERSION_INFO_FIELDS: &[StructSeqField] = &[
    f("major", "Major release number"),
    f("minor", "Minor release number"),
    f("micro", "Patch release number"),
    f("releaselevel", "'alpha', 'beta', 'candidate', or 'final'"),
    f("serial", "Serial release number"),
];

const FLAGS_FIELDS: &[StructSeqField] = &[
    f("debug", "-d"),
    f("inspect", "-i"),
    f("interactive", "-i"),
    f("optimize", "-O or -OO"),
    f("dont_write_bytecode", "-B"),
    f("no_user_site", "-s"),
    f("no_site", "-S"),
    f("ignore_environment", "-E"),
    f("verbose", "-v"),
    f("bytes_warning", "-b"),
    f("quiet", "-q"),
    f("hash_randomization", "-R"),
    f("isolated", "-I"),
    f("dev_mode", "-X dev"),
    f("utf8_mode", "-X utf8"),
    f("warn_default_encoding", "-X warn_default_encoding"),
    f("safe_path", "-P"),
    f("int_max_str_digits", "-X int_max_str_digits"),
];

const FLOAT_INFO_FIELDS: &[StructSeqField] = &[
    f("max", "DBL_MAX -- maximum representable finite float"),
    f("max_exp", "DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"),
    f("max_10_exp", "DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"),
    f("min", "DBL_MIN -- Minimum positive normalized float"),
    f("min_exp", "DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"),
    f("min_10_exp", "DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized float"),
    f("dig", "DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a float"),
    f("mant_dig", "DBL_MANT_DIG -- mantissa digits"),
    f("epsilon", "DBL_EPSILON -- Difference between 1 and the next representable float"),
    f("radix", "FLT_RADIX -- radix of exponent"),
    f("rounds", "FLT_ROUNDS -- rounding mode used for arithmetic operations"),
];

const INT_INFO_FIELDS: &[StructSeqField] = &[
    f("bits_per_digit", "size of a digit in bits"),
    f("sizeof_digit", "size in bytes of the C type used to represent a digit"),
    f("default_max_str_digits", "maximum string conversion digits limitation"),
    f("str_digits_check_threshold", "minimum positive value for int_max_str_digits"),
];

const HASH_INFO_FIELDS: &[StructSeqField] = &[
    f("width", "width of the type used for hashing, in bits"),
    f("modulus", "prime number giving the modulus on which the hash function is based"),
    f("inf", "value to be used for hash of a positive infinity"),
    f("nan", "value to be used for hash of a nan"),
    f("imag", "multiplier used for the imaginary part of a complex number"),
    f("algorithm", "name of the algorithm for hashing of str, bytes and memoryviews"),
    f("hash_bits", "internal output size of hash algorithm"),
    f("seed_bits", "seed size of hash algorithm"),
    f("cutoff", "small string optimization cutoff"),
];

const THREAD_INFO_FIELDS: &[StructSeqField] = &[
    f("name", "name of the thread implementation"),
    f("lock", "name of the lock implementation"),
    f("version", "name and version of the thread library"),
];

const ASYNCGEN_HOOKS_FIELDS: &[StructSeqField] =
    &[f("firstiter", "Hook to intercept first iteration"), f("finalizer", "Hook to intercept finalization")];

const UNRAISABLE_ARGS_FIELDS: &[StructSeqField] = &[
    f("exc_type", "Exception type"),
    f("exc_value", "Exception value"),
    f("exc_traceback", "Exception traceback"),
    f("err_msg", "Error message"),
    f("object", "Object causing the exception"),
];

/// A `sys` struct sequence type: all fields in the sequence.
fn sys_structseq_type(
    vm: &Vm,
    name: &str,
    doc: &'static str,
    fields: &[StructSeqField],
    creatable: bool,
) -> PyResult<Obj> {
    let spec = StructSeqSpec { name, doc: Some(doc), fields, n_in_sequence: fields.len(), creatable };
    structseq::new_type(vm, &spec)
}

/// A `sys` struct sequence value of a new type.
fn sys_structseq(
    vm: &Vm,
    name: &str,
    doc: &'static str,
    fields: &[StructSeqField],
    creatable: bool,
    values: Vec<Obj>,
) -> PyResult<Obj> {
    let ty = sys_structseq_type(vm, name, doc, fields, creatable)?;
    structseq::new_instance(vm, &ty, values)
}

/// `sys.version_info`, `sys.flags`, `sys.float_info`, ... and
/// `sys.implementation`.
fn run_python_part(vm: &Vm, d: &Obj, config: &crate::vm::Config) -> PyResult<()> {
    let (ma, mi, pa) = VERSION;
    let version =
        vec![vm.new_int(ma as i64), vm.new_int(mi as i64), vm.new_int(pa as i64), vm.new_str("final"), vm.new_int(0)];
    let version_info = sys_structseq(
        vm,
        "sys.version_info",
        "sys.version_info\n\nVersion information as a named tuple.",
        VERSION_INFO_FIELDS,
        false,
        version,
    )?;
    dict::set_item_str(vm, d, "version_info", version_info.clone())?;
    let flags = sys_structseq(
        vm,
        "sys.flags",
        "sys.flags\n\nFlags provided through command line arguments or environment vars.",
        FLAGS_FIELDS,
        false,
        flag_values(vm, config),
    )?;
    dict::set_item_str(vm, d, "flags", flags)?;
    let float_info = vec![
        vm.new_float(f64::MAX),
        vm.new_int(f64::MAX_EXP as i64),
        vm.new_int(f64::MAX_10_EXP as i64),
        vm.new_float(f64::MIN_POSITIVE),
        vm.new_int(f64::MIN_EXP as i64),
        vm.new_int(f64::MIN_10_EXP as i64),
        vm.new_int(f64::DIGITS as i64),
        vm.new_int(f64::MANTISSA_DIGITS as i64),
        vm.new_float(f64::EPSILON),
        vm.new_int(f64::RADIX as i64),
        vm.new_int(1),
    ];
    let float_info = sys_structseq(vm, "sys.float_info", "sys.float_info\n\nA named tuple holding information about the float type. It contains low level\ninformation about the precision and internal representation. Please study\nyour system's :file:`float.h` for more information.", FLOAT_INFO_FIELDS, true, float_info)?;
    dict::set_item_str(vm, d, "float_info", float_info)?;
    let int_info = [30, 4, 4300, 640].iter().map(|&n| vm.new_int(n)).collect();
    let int_info = sys_structseq(vm, "sys.int_info", "sys.int_info\n\nA named tuple that holds information about Python's\ninternal representation of integers.  The attributes are read only.", INT_INFO_FIELDS, true, int_info)?;
    dict::set_item_str(vm, d, "int_info", int_info)?;
    let hash_info = vec![
        vm.new_int(64),
        vm.new_int(2305843009213693951),
        vm.new_int(314159),
        vm.new_int(0),
        vm.new_int(1000003),
        vm.new_str("siphash13"),
        vm.new_int(64),
        vm.new_int(128),
        vm.new_int(0),
    ];
    let hash_info = sys_structseq(
        vm,
        "sys.hash_info",
        "hash_info\n\nA named tuple providing parameters used for computing\nhashes. The attributes are read only.",
        HASH_INFO_FIELDS,
        true,
        hash_info,
    )?;
    dict::set_item_str(vm, d, "hash_info", hash_info)?;
    let thread_version = crate::pythread::thread_library_version().map_or_else(|| vm.none(), |v| vm.new_str(&v));
    let thread_info = vec![vm.new_str("pthread"), vm.new_str(crate::pythread::LOCK_KIND), thread_version];
    let thread_info = sys_structseq(
        vm,
        "sys.thread_info",
        "sys.thread_info\n\nA named tuple holding information about the thread implementation.",
        THREAD_INFO_FIELDS,
        true,
        thread_info,
    )?;
    dict::set_item_str(vm, d, "thread_info", thread_info)?;
    let hooks = sys_structseq_type(vm, "asyncgen_hooks", "asyncgen_hooks\n\nA named tuple providing information about asynchronous\ngenerators hooks.  The attributes are read only.", ASYNCGEN_HOOKS_FIELDS, true)?;
    vm.lazy_types.borrow_mut().insert("asyncgen_hooks", hooks);
    let unraisable = sys_structseq_type(
        vm,
        "UnraisableHookArgs",
        "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.",
        UNRAISABLE_ARGS_FIELDS,
        true,
    )?;
    vm.lazy_types.borrow_mut().insert("UnraisableHookArgs", unraisable);
    // sys.implementation is a types.SimpleNamespace (importlib makes new
    // ones by calling its type).
    let hexversion = dict::get_item_str(vm, d, "hexversion").unwrap_or_else(|| vm.none());
    let names = ["name", "cache_tag", "version", "hexversion", "_multiarch"].map(|n| vm.intern(n));
    let values =
        [vm.new_str("taipan"), vm.new_str("taipan-311"), version_info, hexversion, vm.new_str("x86_64-linux-gnu")];
    let implementation = vm.call(&vm.ctx.types.simple_namespace, &values, Some(&vm.new_tuple(names.to_vec())))?;
    dict::set_item_str(vm, d, "implementation", implementation)?;
    Ok(())
}

/// The values of `sys.flags`.
fn flag_values(vm: &Vm, config: &crate::vm::Config) -> Vec<Obj> {
    let b = |x: bool| vm.new_int(x as i64);
    vec![
        vm.new_int(config.debug as i64),
        vm.new_int(config.inspect as i64),
        vm.new_int(config.interactive as i64),
        vm.new_int(config.optimize as i64),
        b(config.dont_write_bytecode),
        b(config.no_user_site),
        b(config.no_site),
        b(config.ignore_environment || config.isolated),
        vm.new_int(config.verbose as i64),
        vm.new_int(config.bytes_warning as i64),
        b(config.quiet),
        vm.new_int(if config.hash_seed == Some(0) { 0 } else { 1 }),
        b(config.isolated),
        vm.bool_obj(config.dev_mode || config.xoptions.iter().any(|x| x == "dev")),
        b(config.utf8_mode),
        b(config.warn_default_encoding),
        vm.bool_obj(config.safe_path || config.isolated),
        vm.new_int(config.int_max_str_digits.map_or(-1, |n| n as i64)),
    ]
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("exit", sys_exit),
    MethodDef::static_("exc_info", sys_exc_info),
    MethodDef::static_("exception", sys_exception),
    MethodDef::static_("getrecursionlimit", sys_getrecursionlimit),
    MethodDef::static_("setrecursionlimit", sys_setrecursionlimit),
    MethodDef::static_("getdefaultencoding", |vm, _, a, k| {
        crate::args::exact::<0>(vm, "sys.getdefaultencoding", a, k)?;
        Ok(vm.new_str("utf-8"))
    }),
    MethodDef::static_("getfilesystemencoding", |vm, _, a, k| {
        crate::args::exact::<0>(vm, "sys.getfilesystemencoding", a, k)?;
        Ok(vm.new_str(&crate::codecs::fs_encoding(vm)))
    }),
    MethodDef::static_("getfilesystemencodeerrors", |vm, _, a, k| {
        crate::args::exact::<0>(vm, "sys.getfilesystemencodeerrors", a, k)?;
        Ok(vm.new_str("surrogateescape"))
    }),
    MethodDef::static_("intern", sys_intern),
    MethodDef::static_("getrefcount", sys_getrefcount),
    MethodDef::static_("getsizeof", sys_getsizeof),
    MethodDef::static_("_debugmallocstats", sys_debugmallocstats),
    MethodDef::static_("get_int_max_str_digits", |vm, _, _, _| Ok(vm.new_usize(vm.int_max_str_digits()))),
    MethodDef::static_("set_int_max_str_digits", sys_set_int_max_str_digits),
    MethodDef::static_("displayhook", sys_displayhook),
    MethodDef::static_("excepthook", sys_excepthook),
    MethodDef::static_("_getframe", sys_getframe),
    MethodDef::static_("gettrace", |vm, _, _, _| Ok(vm.get_trace().unwrap_or_else(|| vm.none()))),
    MethodDef::static_("getprofile", |vm, _, _, _| Ok(vm.get_profile().unwrap_or_else(|| vm.none()))),
    MethodDef::static_("is_finalizing", |vm, _, _, _| Ok(vm.bool_obj(vm.gil.is_frozen()))),
    MethodDef::static_("_current_frames", sys_current_frames),
    MethodDef::static_("_current_exceptions", sys_current_exceptions),
    MethodDef::static_("_gil_stats", sys_gil_stats),
    MethodDef::static_("getswitchinterval", sys_getswitchinterval),
    MethodDef::static_("setswitchinterval", sys_setswitchinterval),
    MethodDef::static_("settrace", sys_settrace),
    MethodDef::static_("setprofile", sys_setprofile),
    MethodDef::static_("audit", |vm, _, args, kw| crate::audit::sys_audit(vm, args, kw)),
    MethodDef::static_("addaudithook", sys_addaudithook),
    MethodDef::static_("breakpointhook", sys_breakpointhook),
    MethodDef::static_("call_tracing", sys_call_tracing),
    MethodDef::static_("unraisablehook", sys_unraisablehook),
    MethodDef::static_("get_asyncgen_hooks", sys_get_asyncgen_hooks),
    MethodDef::static_("set_asyncgen_hooks", sys_set_asyncgen_hooks),
    MethodDef::static_("get_coroutine_origin_tracking_depth", |vm, _, a, k| {
        crate::args::exact::<0>(vm, "get_coroutine_origin_tracking_depth", a, k)?;
        Ok(vm.new_int(vm.thread.coroutine_origin_depth.get() as i64))
    }),
    MethodDef::static_("set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth),
    MethodDef::static_("getallocatedblocks", |vm, _, _, _| Ok(vm.new_int(0))),
    MethodDef::static_("getdlopenflags", |vm, _, a, k| {
        crate::args::exact::<0>(vm, "sys.getdlopenflags", a, k)?;
        Ok(vm.new_int(i64::from(DLOPEN_FLAGS.load(std::sync::atomic::Ordering::Relaxed))))
    }),
    MethodDef::static_("setdlopenflags", sys_setdlopenflags),
];

/// `sys.breakpointhook(*args, **kws)`: calls the callable `$PYTHONBREAKPOINT`
/// names (default `pdb.set_trace`; "0" disables it), warning and doing
/// nothing when it cannot be imported, as CPython's `sys_breakpointhook`.
fn sys_breakpointhook(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let env = if vm.config.borrow().ignore_environment {
        None
    } else {
        std::env::var_os("PYTHONBREAKPOINT").map(|v| v.to_string_lossy().into_owned())
    };
    let target = match env.as_deref() {
        None | Some("") => "pdb.set_trace".to_string(),
        Some("0") => return Ok(vm.none()),
        Some(v) => v.to_string(),
    };
    match breakpoint_target(vm, &target)? {
        Some(hook) => vm.call(&hook, args, kw),
        None => {
            let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{target}\"");
            crate::warnings::warn(vm, &vm.ctx.exceptions.runtime_warning, &msg, 1)?;
            Ok(vm.none())
        }
    }
}

/// The callable a `$PYTHONBREAKPOINT` value names ("module.attr", or a
/// builtin's name), or None when it cannot be imported.
fn breakpoint_target(vm: &Vm, target: &str) -> PyResult<Option<Obj>> {
    let (module_name, attr) = match target.rsplit_once('.') {
        None => ("builtins", target),
        Some(("", _)) => return Ok(None),
        Some(split) => split,
    };
    let module = match crate::import::import_module(vm, module_name) {
        Ok(m) => m,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.import_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    match vm.getattr_str(&module, attr) {
        Ok(hook) => Ok(Some(hook)),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `sys.get_asyncgen_hooks()`: the `asyncgen_hooks(firstiter, finalizer)` struct sequence.
fn sys_get_asyncgen_hooks(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "get_asyncgen_hooks", args, kw)?;
    let hooks = vm.new_tuple(vec![
        vm.thread.asyncgen_firstiter.get().unwrap_or_else(|| vm.none()),
        vm.thread.asyncgen_finalizer.get().unwrap_or_else(|| vm.none()),
    ]);
    let ty = vm.lazy_types.borrow().get("asyncgen_hooks").cloned();
    match ty {
        Some(ty) => vm.call(&ty, &[hooks], None),
        None => Ok(hooks),
    }
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: a hook left out
/// keeps its value; None removes it.
fn sys_set_asyncgen_hooks(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let parsed = crate::args::parse(vm, "set_asyncgen_hooks", args, kw, &["firstiter", "finalizer"], 0)?;
    let (firstiter, finalizer) = (parsed[0].clone(), parsed[1].clone());
    for (name, hook) in [("finalizer", &finalizer), ("firstiter", &firstiter)] {
        if let Some(h) = hook {
            if !vm.is_none(h) && !vm.is_callable(h) {
                return Err(vm.type_error(format!("callable {name} expected, got {:.50}", h.class().name())));
            }
        }
    }
    let none_to_unset = |h: Obj| if vm.is_none(&h) { None } else { Some(h) };
    if let Some(h) = finalizer {
        vm.thread.asyncgen_finalizer.set(none_to_unset(h));
    }
    if let Some(h) = firstiter {
        vm.thread.asyncgen_firstiter.set(none_to_unset(h));
    }
    Ok(vm.none())
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`: coroutines created
/// from now on record `depth` frames of where they were made (`cr_origin`).
fn sys_set_coroutine_origin_tracking_depth(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let parsed = crate::args::parse(vm, "set_coroutine_origin_tracking_depth", args, kw, &["depth"], 1)?;
    let depth = vm.to_i64(parsed[0].as_ref().expect("required"))?;
    if depth < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    let depth = u32::try_from(depth).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
    vm.thread.coroutine_origin_depth.set(depth);
    Ok(vm.none())
}

fn sys_getswitchinterval(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "getswitchinterval", args, kw)?;
    Ok(vm.new_float(vm.switch_interval.get()))
}

fn sys_setswitchinterval(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "setswitchinterval", args, kw)?;
    let x = vm.to_f64(&v)?;
    if x <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    vm.switch_interval.set(x);
    vm.gil.set_interval(x);
    Ok(vm.none())
}

fn ident_dict(vm: &Vm, items: Vec<(u64, Obj)>) -> PyResult<Obj> {
    let d = vm.new_dict();
    for (ident, v) in items {
        crate::objects::dict::set_item(vm, &d, vm.new_bigint(ident.into()), v)?;
    }
    Ok(d)
}

/// `sys._current_frames()`: each thread's current frame by identifier.
fn sys_current_frames(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "_current_frames", args, kw)?;
    ident_dict(vm, crate::pythread::current_frames(vm))
}

/// `sys._current_exceptions()`: each thread's `exc_info()` triple.
fn sys_current_exceptions(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "_current_exceptions", args, kw)?;
    // As `sys.exc_info()` of each thread (CPython 3.11).
    let items = crate::pythread::current_exceptions(vm)
        .into_iter()
        .map(|(ident, e)| {
            let info = if vm.is_none(&e) {
                vm.new_tuple(vec![vm.none(), vm.none(), vm.none()])
            } else {
                let tb = crate::objects::exceptions::traceback_of(&e).unwrap_or_else(|| vm.none());
                vm.new_tuple(vec![e.class_obj(), e, tb])
            };
            (ident, info)
        })
        .collect();
    ident_dict(vm, items)
}

/// `sys._gil_stats()` (Taipan only): how the GIL changed hands so far, as
/// a dict: `switches` (hand-overs between threads), `drop_requests`
/// (waiters that asked the holder to let go after a switch interval),
/// `forced_switches` (holders that let go on request), `contended_acquires`,
/// `wait_ns` (total time threads waited for it), `releases` (around
/// blocking calls).
fn sys_gil_stats(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "_gil_stats", args, kw)?;
    let d = vm.new_dict();
    for (k, v) in crate::pythread::gil_stats(vm) {
        crate::objects::dict::set_item_str(vm, &d, k, vm.new_bigint(v.into()))?;
    }
    Ok(d)
}

/// `sys.setprofile(f)`: `f(frame, event, arg)` on each call and return.
fn sys_setprofile(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [f] = crate::args::exact::<1>(vm, "setprofile", args, kw)?;
    install_hook(vm, INSTALLING_PROFILE, "profile", vm.thread.profile_obj.get(), || {
        if vm.is_none(&f) {
            vm.set_profile(None);
        } else {
            vm.set_profile(Some((crate::eval::profile::python_hook, f)));
        }
    })
}

/// `sys.settrace(f)`: `f(frame, event, arg)` for this thread's frames.
fn sys_settrace(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [f] = crate::args::exact::<1>(vm, "settrace", args, kw)?;
    install_hook(vm, INSTALLING_TRACE, "trace", vm.thread.trace_func.get(), || {
        vm.set_trace(if vm.is_none(&f) { None } else { Some(f) })
    })
}

const INSTALLING_TRACE: u8 = 1;
const INSTALLING_PROFILE: u8 = 2;

/// Install a trace or profile function, then release the one it replaced
/// (`old`) and run the finalizers that queues, as CPython's deallocation
/// runs them inside the call: one that installs another function of the
/// same kind meanwhile gets a RuntimeError (reported as unraisable).
fn install_hook(vm: &Vm, bit: u8, what: &str, old: Option<Obj>, install: impl FnOnce()) -> PyResult<Obj> {
    let t = &vm.thread;
    if t.installing_hook.get() & bit != 0 {
        return Err(vm.runtime_error(format!(
            "Cannot install a {what} function while another {what} function is being installed"
        )));
    }
    install();
    t.installing_hook.set(t.installing_hook.get() | bit);
    drop(old);
    vm.run_queued_finalizers();
    t.installing_hook.set(t.installing_hook.get() & !bit);
    Ok(vm.none())
}

fn sys_call_tracing(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [f, a] = crate::args::exact::<2>(vm, "call_tracing", args, kw)?;
    if !a.type_is(&vm.ctx.types.tuple) {
        return Err(vm.type_error(format!("call_tracing() argument 2 must be tuple, not {}", a.class().name())));
    }
    // CPython 3.11 clears `tstate->tracing` but leaves the frame's
    // `use_tracing` off: the call is not traced, until a `sys.settrace`
    // inside it (a recursive debugger's `run`) turns tracing on again, as
    // if no trace function were running. The hooks' state is not refreshed
    // here, only by such a call, and is restored afterwards.
    let t = &vm.thread;
    let depth = t.profile_depth.replace(0);
    let r = vm.call(&f, crate::objects::tuple::items(&a), None);
    t.profile_depth.set(depth);
    t.refresh_hooks();
    r
}

/// The default `sys.unraisablehook`: "Exception ignored in: ..." and the
/// traceback on stderr (CPython's `write_unraisable_exc_file`).
fn sys_unraisablehook(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [info] = crate::args::exact::<1>(vm, "unraisablehook", args, kw)?;
    let is_args = vm.lazy_types.borrow().get("UnraisableHookArgs").is_some_and(|t| info.type_is(t));
    if !is_args {
        return Err(vm.type_error("sys.unraisablehook argument type must be UnraisableHookArgs"));
    }
    let field = |i: usize| crate::objects::tuple::items(&info).get(i).cloned();
    let fields = crate::pythonrun::UnraisableArgs {
        exc_type: field(0),
        value: field(1),
        traceback: field(2),
        err_msg: field(3),
        object: field(4),
    };
    write_stderr(vm, &crate::pythonrun::format_unraisable(vm, &fields));
    Ok(vm.none())
}

/// The `UnraisableHookArgs` struct sequence a hook receives.
pub(crate) fn unraisable_hook_args(vm: &Vm, a: &crate::pythonrun::UnraisableArgs) -> PyResult<Obj> {
    let ty = vm.lazy_types.borrow().get("UnraisableHookArgs").cloned();
    let Some(ty) = ty else { return Err(vm.runtime_error("sys.UnraisableHookArgs is missing")) };
    let or_none = |o: &Option<Obj>| o.clone().unwrap_or_else(|| vm.none());
    let values = vm.new_tuple(vec![
        or_none(&a.exc_type),
        or_none(&a.value),
        or_none(&a.traceback),
        or_none(&a.err_msg),
        or_none(&a.object),
    ]);
    vm.call(&ty, &[values], None)
}

fn sys_exit(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "exit", kw)?;
    crate::args::check_positional(vm, "exit", args.len(), 0, 1)?;
    // As PyErr_SetObject: a tuple status is the exception's arguments
    // (sys.exit((42,)) exits with 42, sys.exit(()) with None).
    let exc_args = match args.first() {
        Some(status) if status.has_payload::<crate::objects::tuple::TupleData>() => {
            crate::objects::tuple::items(status).to_vec()
        }
        Some(status) if vm.is_none(status) => Vec::new(),
        _ => args.to_vec(),
    };
    Err(vm.new_exception(&vm.ctx.exceptions.system_exit, exc_args))
}

fn sys_exc_info(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "exc_info", args, kw)?;
    Ok(match vm.thread.handled_exception() {
        Some(e) => {
            let tb = crate::objects::exceptions::traceback_of(&e).unwrap_or_else(|| vm.none());
            vm.new_tuple(vec![e.class_obj(), e, tb])
        }
        None => vm.new_tuple(vec![vm.none(), vm.none(), vm.none()]),
    })
}

fn sys_exception(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "exception", args, kw)?;
    Ok(vm.thread.handled_exception().unwrap_or_else(|| vm.none()))
}

fn sys_getrecursionlimit(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "getrecursionlimit", args, kw)?;
    Ok(vm.new_int(vm.recursion_limit.get() as i64))
}

fn sys_setrecursionlimit(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [n] = crate::args::exact::<1>(vm, "setrecursionlimit", args, kw)?;
    if n.type_is(&vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_i64(&n)?;
    if i32::try_from(v).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if v < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.thread.recursion_depth.get() as i64;
    if v <= depth {
        return Err(vm.recursion_error(format!(
            "cannot set the recursion limit to {v} at the recursion depth {depth}: the limit is too low"
        )));
    }
    vm.recursion_limit.set(v.min(i32::MAX as i64) as u32);
    Ok(vm.none())
}

/// `sys.setdlopenflags()`'s value (CPython's `interp->dlopenflags`,
/// RTLD_NOW by default); Taipan loads no extension modules, so it is only
/// kept for `getdlopenflags()`.
static DLOPEN_FLAGS: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(libc::RTLD_NOW);

fn sys_setdlopenflags(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [flags] = crate::args::exact::<1>(vm, "sys.setdlopenflags", args, kw)?;
    let flags = match vm.index_value(&flags)? {
        crate::objects::int::IntValue::Small(v) if i32::try_from(v).is_ok() => v as i32,
        _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
    };
    DLOPEN_FLAGS.store(flags, std::sync::atomic::Ordering::Relaxed);
    Ok(vm.none())
}

fn sys_intern(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "intern", kw)?;
    let [s] = args else {
        return Err(vm.type_error(format!("sys.intern() takes exactly one argument ({} given)", args.len())));
    };
    if crate::objects::str::data(s).is_none() {
        return Err(vm.type_error(format!("intern() argument must be str, not {}", s.class().name())));
    }
    if !s.type_is(&vm.ctx.types.str) {
        return Err(vm.type_error(format!("can't intern {}", s.class().name())));
    }
    Ok(vm.intern_obj(s))
}

fn sys_getrefcount(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<1>(vm, "getrefcount", args, kw)?;
    // The argument itself, not a copy: the count includes the call's own
    // reference, as CPython's does.
    Ok(vm.new_int(args[0].refcnt() as i64))
}

/// `sys._debugmallocstats()`: the interpreter's small-object allocator
/// (`object/obmalloc.rs`) on stderr (the C stream, as CPython's), in
/// CPython's format: a row per size class with pools in use, then the
/// arena counts and where the arenas' bytes go. Taipan has no arena map
/// (pools are found by address alignment), and its free lists are per
/// thread (`object::ObjectState`), so those two parts are absent. Under `PYTHONMALLOC=malloc` it
/// prints nothing, as CPython's.
fn sys_debugmallocstats(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    use crate::object::obmalloc as om;
    crate::args::exact::<0>(vm, "sys._debugmallocstats", args, kw)?;
    if vm.obmalloc.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: the interpreter's allocator lives as long as the process;
    // this thread holds its GIL, so no allocation runs meanwhile.
    let st = unsafe { (*vm.obmalloc).stats() };
    let mut out = format!(
        "Small block threshold = {}, in {} size classes.\n\n",
        om::SMALL_REQUEST_THRESHOLD,
        om::NB_SMALL_SIZE_CLASSES
    );
    out.push_str("class   size   num pools   blocks in use  avail blocks\n");
    out.push_str("-----   ----   ---------   -------------  ------------\n");
    let (mut allocated, mut available, mut pools, mut quantization) = (0u64, 0u64, 0u64, 0u64);
    for (class, c) in st.classes.iter().enumerate() {
        if c.pools == 0 {
            continue;
        }
        let size = om::class_size(class) as u64;
        out.push_str(&format!("{class:>5} {size:>6} {:>11} {:>15} {:>13}\n", c.pools, c.in_use, c.avail));
        allocated += c.in_use * size;
        available += c.avail * size;
        pools += c.pools;
        quantization += c.pools * om::pool_quantization(class) as u64;
    }
    out.push('\n');
    let line = |out: &mut String, msg: &str, v: u64| {
        out.push_str(&format!("{msg:<35}={:>21}\n", thousands(v)));
    };
    line(&mut out, "# arenas allocated total", st.arenas_allocated_total);
    line(&mut out, "# arenas reclaimed", st.arenas_reclaimed);
    line(&mut out, "# arenas highwater mark", st.arenas_highwater);
    line(&mut out, "# arenas allocated current", st.arenas_current);
    let arena_bytes = st.arenas_current * om::ARENA_SIZE as u64;
    line(&mut out, &format!("{} arenas * {} bytes/arena", st.arenas_current, om::ARENA_SIZE), arena_bytes);
    out.push('\n');
    line(&mut out, "# bytes in allocated blocks", allocated);
    line(&mut out, "# bytes in available blocks", available);
    let unused = st.unused_pools * om::POOL_SIZE as u64;
    line(&mut out, &format!("{} unused pools * {} bytes", st.unused_pools, om::POOL_SIZE), unused);
    let headers = pools * om::POOL_HEADER_BYTES as u64;
    line(&mut out, "# bytes lost to pool headers", headers);
    line(&mut out, "# bytes lost to quantization", quantization);
    // Arenas are mapped aligned to the pool size: nothing is lost.
    line(&mut out, "# bytes lost to arena alignment", 0);
    line(&mut out, "Total", allocated + available + unused + headers + quantization);
    out.push_str(&format!("\n# frame data stack chunks     = {:>12}\n", vm.thread.datastack.chunk_count()));
    crate::traceback::write_fd(2, out.as_bytes());
    Ok(vm.none())
}

/// `n` with a comma between each group of three digits (CPython's `%'zu`
/// in `printone`).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn sys_getsizeof(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "getsizeof", args, kw, &["object", "default"], 1)?;
    let o = a[0].clone().expect("required");
    match vm.call_special(&o, "__sizeof__", &[]) {
        Ok(Some(n)) => {
            // Only an int will do (no __index__), as PyLong_AsSsize_t.
            let n = match crate::objects::int::value(&n) {
                None => return Err(vm.type_error("an integer is required")),
                Some(v) => {
                    v.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))?
                }
            };
            if n < 0 {
                return Err(vm.value_error("__sizeof__() should return >= 0"));
            }
            // CPython's `_PyType_PreHeaderSize`: the GC header and the
            // managed dict's two pointers.
            let t = o.class();
            let gc: i128 = if t.is_gc { 16 } else { 0 };
            let pre = gc + crate::objects::type_::managed_dict_words(t) as i128;
            Ok(vm.new_bigint(num_bigint::BigInt::from(n as i128 + pre)))
        }
        Ok(None) => match &a[1] {
            Some(d) => Ok(d.clone()),
            None => Err(vm.type_error(format!("Type {} doesn't define __sizeof__", o.class().name()))),
        },
        Err(e) => match &a[1] {
            Some(d) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => Ok(d.clone()),
            _ => Err(e),
        },
    }
}

fn sys_set_int_max_str_digits(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "set_int_max_str_digits", args, kw, &["maxdigits"], 1)?;
    let n = vm.to_i64(a[0].as_ref().expect("required"))?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    vm.max_str_digits.set(n as usize);
    // Int literals compiled from now on are checked against it too.
    taipan_syntax::set_int_max_str_digits(n as usize);
    Ok(vm.none())
}

fn sys_displayhook(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [value] = crate::args::exact::<1>(vm, "displayhook", args, kw)?;
    if vm.is_none(&value) {
        return Ok(vm.none());
    }
    let builtins = vm.builtins_dict();
    dict::set_item_str(vm, &builtins, "_", vm.none())?;
    let stdout = sys_attr(vm, "stdout").ok_or_else(|| vm.runtime_error("lost sys.stdout"))?;
    let r = vm.repr(&value)?;
    match vm.call_method(&stdout, "write", std::slice::from_ref(&r)) {
        Ok(_) => {}
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.unicode_encode_error) => {
            write_unencodable(vm, &stdout, &r)?;
        }
        Err(e) => return Err(e),
    }
    write_text(vm, &stdout, "\n")?;
    dict::set_item_str(vm, &builtins, "_", value)?;
    Ok(vm.none())
}

/// A repr the stream's encoding cannot represent, written with
/// backslashreplace (CPython's `sys_displayhook_unencodable`).
fn write_unencodable(vm: &Vm, stdout: &Obj, r: &Obj) -> PyResult<()> {
    let encoding = vm.getattr_str(stdout, "encoding")?;
    let encoded = vm.call_method(r, "encode", &[encoding.clone(), vm.new_str("backslashreplace")])?;
    match vm.getattr_str_opt(stdout, "buffer")? {
        Some(buffer) => {
            vm.call_method(&buffer, "write", &[encoded])?;
        }
        None => {
            let text = vm.call_method(&encoded, "decode", &[encoding, vm.new_str("strict")])?;
            vm.call_method(stdout, "write", &[text])?;
        }
    }
    Ok(())
}

fn sys_excepthook(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let [_ty, value, _tb] = crate::args::exact::<3>(vm, "excepthook", args, kw)?;
    let text = crate::pythonrun::format_exception(vm, &value);
    write_stderr(vm, &text);
    Ok(vm.none())
}

fn sys_addaudithook(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let parsed = crate::args::parse(vm, "addaudithook", args, kw, &["hook"], 1)?;
    let hook = parsed.into_iter().next().flatten().ok_or_else(|| vm.type_error("addaudithook() missing hook"))?;
    crate::audit::sys_addaudithook(vm, hook)
}

fn sys_getframe(vm: &Vm, _m: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::check_positional(vm, "_getframe", args.len(), 0, 1)?;
    crate::args::no_kwargs(vm, "_getframe", kw)?;
    let mut depth = match args.first() {
        Some(d) => vm.to_i64(d)?,
        None => 0,
    };
    let mut f = vm.thread.current_frame.get();
    // SAFETY: the frame chain links live frames of this thread.
    let frame = unsafe {
        while depth > 0 && !f.is_null() {
            f = (*f).previous;
            depth -= 1;
        }
        if f.is_null() {
            return Err(vm.value_error("call stack is not deep enough"));
        }
        crate::eval::frame::frame_object(vm, &mut *f)
    };
    crate::audit::audit(vm, "sys._getframe", || vec![frame.clone()])?;
    Ok(frame)
}

/// `sys.<name>`, if set and not None.
pub fn sys_attr(vm: &Vm, name: &str) -> Option<Obj> {
    sys_attr_raw(vm, name).filter(|o| !vm.is_none(o))
}

/// `sys.<name>` as it is (None included); None if missing or before `sys`
/// exists.
pub(crate) fn sys_attr_raw(vm: &Vm, name: &str) -> Option<Obj> {
    let sys = vm.sys.borrow().clone()?;
    dict::get_item_str(vm, &module::module_dict(&sys), name)
}

/// `file.write(text)`.
pub(crate) fn write_text(vm: &Vm, file: &Obj, text: &str) -> PyResult<()> {
    vm.call_method(file, "write", &[vm.new_str(text)])?;
    Ok(())
}

/// Write straight to file descriptor 2 (no `sys.stderr` to write to).
fn write_fd2(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Write to `sys.stderr` through its `write` method. Nothing is written
/// when the program set `sys.stderr` to None (CPython prints nothing
/// then); the process's stderr is the fallback when `sys` or `sys.stderr`
/// does not exist, when there never was a stream (no `_io` module:
/// `sys.__stderr__` is None too) or when the write fails.
pub fn write_stderr(vm: &Vm, text: &str) {
    match sys_attr_raw(vm, "stderr") {
        Some(f) if vm.is_none(&f) => {
            if sys_attr(vm, "__stderr__").is_none() {
                write_fd2(text);
            }
        }
        Some(f) => {
            if write_text(vm, &f, text).is_err() {
                write_fd2(text);
            }
        }
        None => write_fd2(text),
    }
}

/// `write_stderr`, then `sys.stderr.flush()` (what CPython's traceback
/// printer does after a traceback).
pub(crate) fn write_stderr_flush(vm: &Vm, text: &str) {
    write_stderr(vm, text);
    if let Some(f) = sys_attr(vm, "stderr") {
        let _ = vm.call_method(&f, "flush", &[]);
    }
}

/// Is the stream closed (`file.closed`; an error counts as open)?
fn file_is_closed(vm: &Vm, f: &Obj) -> bool {
    match vm.getattr_str(f, "closed") {
        Ok(c) => vm.is_true(&c).unwrap_or(false),
        Err(_) => false,
    }
}

/// The longest unfinished output line [`note_output`] keeps.
const OUTPUT_TAIL_LIMIT: usize = 4096;

/// Start or stop keeping the unfinished last line written to the terminal
/// (the interactive loop's prompt continues it, as GNU readline's does).
pub fn track_output(vm: &Vm, on: bool) {
    *vm.output_tail.borrow_mut() = if on { Some(Vec::new()) } else { None };
}

/// Bytes written to fd 1 or 2 (the `_io` module tells).
pub fn note_output(vm: &Vm, data: &[u8]) {
    let mut tail = vm.output_tail.borrow_mut();
    let Some(tail) = tail.as_mut() else { return };
    match memchr::memrchr(b'\n', data) {
        Some(nl) => {
            tail.clear();
            tail.extend_from_slice(&data[nl + 1..]);
        }
        None => tail.extend_from_slice(data),
    }
    if tail.len() > OUTPUT_TAIL_LIMIT {
        // Too long to be worth redrawing: forget it.
        tail.clear();
    }
}

/// Something was read from fd 0: at a terminal the echo of the typed line
/// ended the output line.
pub fn note_input(vm: &Vm) {
    if let Some(tail) = vm.output_tail.borrow_mut().as_mut() {
        tail.clear();
    }
}

/// The unfinished output line, which is then forgotten.
pub fn take_output_tail(vm: &Vm) -> Vec<u8> {
    vm.output_tail.borrow_mut().as_mut().map(std::mem::take).unwrap_or_default()
}

/// Flush `sys.stdout` and `sys.stderr` (CPython's `flush_std_files`, at
/// interpreter exit): a failure to flush stdout is reported as
/// unraisable; either failure makes the result an error.
pub fn flush_std_streams(vm: &Vm) -> PyResult<()> {
    let mut result = Ok(());
    if let Some(f) = sys_attr(vm, "stdout") {
        if !file_is_closed(vm, &f) {
            if let Err(e) = vm.call_method(&f, "flush", &[]) {
                vm.write_unraisable(&e, Some(&f));
                result = Err(e);
            }
        }
    }
    if let Some(f) = sys_attr(vm, "stderr") {
        if !file_is_closed(vm, &f) {
            if let Err(e) = vm.call_method(&f, "flush", &[]) {
                if result.is_ok() {
                    result = Err(e);
                }
            }
        }
    }
    result
}

/// Flush the standard streams, ignoring errors (after the exit-time
/// finalizers, which may have printed).
pub(crate) fn flush_std_streams_quietly(vm: &Vm) {
    for name in ["stdout", "stderr"] {
        if let Some(f) = sys_attr(vm, name) {
            if !file_is_closed(vm, &f) {
                let _ = vm.call_method(&f, "flush", &[]);
            }
        }
    }
}

/// Create `sys.stdin`, `sys.stdout` and `sys.stderr` (and their `__x__`
/// copies) as CPython's `init_sys_streams`/`create_stdio`, from the `_io`
/// module of the module table; `builtins.open` becomes `_io.open`. Without
/// an `_io` module the streams stay None.
pub(crate) fn init_stdio(vm: &Vm) {
    let io = match crate::import::import_builtin(vm, "_io") {
        Ok(Some(io)) => io,
        Ok(None) => return,
        Err(e) => {
            write_fd2(&crate::pythonrun::format_exception(vm, e.value()));
            return;
        }
    };
    let config = vm.config.borrow().clone();
    let (encoding, errors) = stdio_encoding(&config);
    // The codec's own name, as CPython's `config_get_codec_name`.
    let encoding = match crate::codecs::lookup_text_codec(vm, &encoding) {
        Ok(c) => c.name().to_string(),
        Err(_) => encoding,
    };
    let sys = vm.sys_module();
    let d = module::module_dict(&sys);
    let streams = [(0, false, "<stdin>", "stdin"), (1, true, "<stdout>", "stdout"), (2, true, "<stderr>", "stderr")];
    for (fd, write_mode, name, attr) in streams {
        let errors = if fd == 2 { "backslashreplace" } else { errors.as_str() };
        let stream = match create_stdio(vm, &io, &config, fd, write_mode, name, &encoding, errors) {
            Ok(s) => s,
            Err(e) => {
                write_fd2("Fatal Python error: init_sys_streams: can't initialize sys standard streams\n");
                write_fd2(&crate::pythonrun::format_exception(vm, e.value()));
                vm.none()
            }
        };
        let _ = dict::set_item_str(vm, &d, attr, stream.clone());
        let _ = dict::set_item_str(vm, &d, &format!("__{attr}__"), stream);
    }
    if let Ok(open) = vm.getattr_str(&io, "open") {
        let _ = dict::set_item_str(vm, &vm.builtins_dict(), "open", open);
    }
}

/// The encoding and error handler of stdin and stdout: PYTHONIOENCODING
/// (`encoding[:errors]`, unless -E), else UTF-8 in the UTF-8 Mode and the
/// locale encoding outside it, with surrogateescape in the UTF-8 Mode, the
/// C and POSIX locales and their UTF-8 coercion targets, strict otherwise
/// (CPython's `config_init_stdio_encoding` and `config_get_stdio_errors`).
fn stdio_encoding(config: &crate::vm::Config) -> (String, String) {
    let mut encoding: Option<String> = None;
    let mut errors: Option<String> = None;
    if !config.ignore_environment {
        if let Ok(v) = std::env::var("PYTHONIOENCODING") {
            let (enc, err) = match v.split_once(':') {
                Some((e, r)) => (e.to_string(), Some(r.to_string()).filter(|r| !r.is_empty())),
                None => (v.clone(), None),
            };
            if !enc.is_empty() {
                encoding = Some(enc);
                errors = Some(err.clone().unwrap_or_else(|| "strict".to_string()));
            }
            if let Some(e) = err {
                errors = Some(e);
            }
        }
    }
    let default_encoding = match &config.locale_encoding {
        Some(codeset) if !config.utf8_mode => crate::codecs::locale_codec_name(codeset).into_owned(),
        _ => "utf-8".to_string(),
    };
    let default_errors =
        if config.utf8_mode || is_legacy_or_coerced_locale(config) { "surrogateescape" } else { "strict" };
    (encoding.unwrap_or(default_encoding), errors.unwrap_or_else(|| default_errors.to_string()))
}

/// The LC_CTYPE locale is C or POSIX, or a target of PEP 538's coercion.
/// An embedded interpreter never set the locale: the environment's says.
fn is_legacy_or_coerced_locale(config: &crate::vm::Config) -> bool {
    let locale = if config.locale_encoding.is_some() {
        // SAFETY: a query of the current locale; the name is copied at once.
        unsafe {
            let p = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
            if p.is_null() {
                String::new()
            } else {
                std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
            }
        }
    } else {
        ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "C".to_string())
    };
    matches!(locale.as_str(), "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "UTF-8")
}

/// One standard stream (CPython's `create_stdio`): `io.open(fd, mode,
/// buffering, closefd=False)` wrapped in a TextIOWrapper; unbuffered
/// (`-u`) output streams write through to the raw FileIO. A descriptor
/// that is not open gives None.
#[allow(clippy::too_many_arguments)]
fn create_stdio(
    vm: &Vm,
    io: &Obj,
    config: &crate::vm::Config,
    fd: i32,
    write_mode: bool,
    name: &str,
    encoding: &str,
    errors: &str,
) -> PyResult<Obj> {
    let buffered = !config.unbuffered;
    let buffering: i64 = if !buffered && write_mode { 0 } else { -1 };
    let mode = if write_mode { "wb" } else { "rb" };
    let open = vm.getattr_str(io, "open")?;
    let none = vm.none();
    let args = [
        vm.new_int(fd as i64),
        vm.new_str(mode),
        vm.new_int(buffering),
        none.clone(),
        none.clone(),
        none.clone(),
        vm.bool_obj(false),
    ];
    let buf = match vm.call(&open, &args, None) {
        Ok(b) => b,
        // The descriptor is not open (CPython's `is_valid_fd` check).
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.os_error) => return Ok(vm.none()),
        Err(e) => return Err(e),
    };
    let raw = if buffering != 0 { vm.getattr_str(&buf, "raw")? } else { buf.clone() };
    vm.setattr_str(&raw, "name", &vm.new_str(name))?;
    let isatty = vm.call_method(&raw, "isatty", &[])?;
    let isatty = vm.is_true(&isatty)?;
    let write_through = !buffered;
    let line_buffering = buffered && (isatty || fd == 2);
    let wrapper = vm.getattr_str(io, "TextIOWrapper")?;
    let stream = vm.call(
        &wrapper,
        &[
            buf,
            vm.new_str(encoding),
            vm.new_str(errors),
            vm.new_str("\n"),
            vm.bool_obj(line_buffering),
            vm.bool_obj(write_through),
        ],
        None,
    )?;
    vm.setattr_str(&stream, "mode", &vm.new_str(if write_mode { "w" } else { "r" }))?;
    Ok(stream)
}

/// The directories `sys.path` starts with (CPython's
/// `config.module_search_paths`): `PYTHONPATH`'s, then the standard library.
pub fn module_search_paths(config: &crate::vm::Config) -> Vec<String> {
    if let Some(paths) = &config.module_search_paths {
        return paths.iter().map(|p| absolute_normalized(p)).collect();
    }
    let mut path: Vec<String> =
        config.pythonpath_env.iter().flat_map(|p| p.split(':')).map(absolute_normalized).collect();
    if let Some(lib) = crate::import::stdlib_dir(config.ignore_environment) {
        path.push(lib);
    }
    path
}

/// The virtual environment `executable` runs in: the directory holding
/// `pyvenv.cfg` beside the executable or one level up (CPython's getpath;
/// `site` then adds its site-packages).
fn virtual_environment(executable: &str) -> Option<String> {
    let exe_dir = std::path::Path::new(executable).parent()?;
    [exe_dir, exe_dir.parent()?]
        .into_iter()
        .find(|d| d.join("pyvenv.cfg").is_file())
        .and_then(|_| exe_dir.parent())
        .map(|d| d.to_string_lossy().into_owned())
}

/// The `home` key of the virtual environment's pyvenv.cfg (the directory
/// of the base interpreter).
fn venv_home(executable: &str) -> Option<String> {
    let exe_dir = std::path::Path::new(executable).parent()?;
    let cfg = [exe_dir.parent()?, exe_dir].into_iter().find_map(|d| std::fs::read(d.join("pyvenv.cfg")).ok())?;
    String::from_utf8_lossy(&cfg).lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("home")).then(|| value.trim().to_string())
    })
}

/// A path as CPython's getpath and `os.path.abspath` make it absolute: joined
/// to the current directory (an empty path is the current directory) and
/// normalised (`.`, `..` and repeated or trailing slashes resolved
/// lexically, symbolic links left alone).
pub fn absolute_normalized(dir: &str) -> String {
    let joined = if dir.starts_with('/') {
        dir.to_string()
    } else {
        let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        format!("{cwd}/{dir}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}
