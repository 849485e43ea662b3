//! `_imp` (CPython's `Python/import.c`, the module part): what Lib's
//! `importlib._bootstrap` and `_bootstrap_external` need from the
//! interpreter: builtin modules from the module table, the import lock,
//! the hash of hash-based `.pyc` files. Taipan has no frozen modules and
//! loads no C extensions yet (the C API issue), which the functions for
//! them say.

use taipan_vm::api::import as imp;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, buffer, dict, module, str as pystr, Obj, PyResult, Vm};

const DOC: &str = "(Extremely) low-level import machinery bits as used by importlib and imp.";

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("lock_held", |vm, _, a, k| {
        args::exact::<0>(vm, "lock_held", a, k)?;
        Ok(vm.bool_obj(imp::import_lock_held(vm)))
    }),
    MethodDef::static_("acquire_lock", |vm, _, a, k| {
        args::exact::<0>(vm, "acquire_lock", a, k)?;
        imp::acquire_import_lock(vm);
        Ok(vm.none())
    }),
    MethodDef::static_("release_lock", |vm, _, a, k| {
        args::exact::<0>(vm, "release_lock", a, k)?;
        imp::release_import_lock(vm)?;
        Ok(vm.none())
    }),
    MethodDef::static_("is_builtin", |vm, _, a, k| {
        let [name] = args::exact::<1>(vm, "is_builtin", a, k)?;
        let name = str_arg(vm, "is_builtin", &name)?;
        Ok(vm.new_int(imp::is_builtin(vm, &name) as i64))
    }),
    MethodDef::static_("create_builtin", imp_create_builtin),
    MethodDef::static_("exec_builtin", |vm, _, a, k| {
        // Native modules are initialised whole by create_builtin
        // (single-phase init): nothing left to execute.
        args::exact::<1>(vm, "exec_builtin", a, k)?;
        Ok(vm.new_int(0))
    }),
    MethodDef::static_("is_frozen", |vm, _, a, k| {
        let [name] = args::exact::<1>(vm, "is_frozen", a, k)?;
        let name = str_arg(vm, "is_frozen", &name)?;
        Ok(vm.bool_obj(imp::is_frozen(vm, &name)))
    }),
    MethodDef::static_("find_frozen", imp_find_frozen),
    MethodDef::static_("get_frozen_object", |vm, _, a, k| {
        let p = args::parse(vm, "get_frozen_object", a, k, &["", "data"], 1)?;
        let name = str_arg(vm, "get_frozen_object", p[0].as_ref().expect("required"))?;
        match p[1].as_ref().filter(|d| !vm.is_none(d)) {
            Some(data) => frozen_object_from_data(vm, &name, data),
            None => imp::get_frozen_object(vm, &name),
        }
    }),
    MethodDef::static_("is_frozen_package", |vm, _, a, k| {
        let [name] = args::exact::<1>(vm, "is_frozen_package", a, k)?;
        let name = str_arg(vm, "is_frozen_package", &name)?;
        match imp::find_frozen(vm, &name) {
            Some((is_package, _)) => Ok(vm.bool_obj(is_package)),
            None => Err(no_frozen_object(vm, &name)),
        }
    }),
    MethodDef::static_("init_frozen", imp_init_frozen),
    MethodDef::static_("_frozen_module_names", |vm, _, a, k| {
        args::exact::<0>(vm, "_frozen_module_names", a, k)?;
        Ok(vm.new_list(imp::frozen_module_names().into_iter().map(|n| vm.new_str(n)).collect()))
    }),
    MethodDef::static_("_override_frozen_modules_for_tests", |vm, _, a, k| {
        let [value] = args::exact::<1>(vm, "_override_frozen_modules_for_tests", a, k)?;
        imp::override_frozen_modules(vm, vm.to_i64(&value)?);
        Ok(vm.none())
    }),
    MethodDef::static_("extension_suffixes", |vm, _, a, k| {
        // No C extension modules until the C API issue: FileFinder must not
        // offer CPython's `.so` files to a loader that cannot load them.
        args::exact::<0>(vm, "extension_suffixes", a, k)?;
        Ok(vm.new_list(Vec::new()))
    }),
    MethodDef::static_("create_dynamic", |vm, _, a, k| {
        let p = args::parse(vm, "create_dynamic", a, k, &["spec", "file"], 1)?;
        let spec = p[0].clone().expect("required");
        let name = vm.getattr_str(&spec, "name")?;
        let e = vm.import_error(format!(
            "cannot load extension module '{}': C extension modules are not supported by Taipan yet",
            pystr::as_str_lossy(&name)
        ));
        Err(e)
    }),
    MethodDef::static_("exec_dynamic", |vm, _, a, k| {
        args::exact::<1>(vm, "exec_dynamic", a, k)?;
        Ok(vm.new_int(0))
    }),
    MethodDef::static_("_fix_co_filename", |vm, _, a, k| {
        let [code, path] = args::exact::<2>(vm, "_fix_co_filename", a, k)?;
        str_arg(vm, "_fix_co_filename", &path)?;
        imp::fix_co_filename(vm, &code, &path)?;
        Ok(vm.none())
    }),
    MethodDef::static_("source_hash", imp_source_hash),
];

fn str_arg(vm: &Vm, fname: &str, o: &Obj) -> PyResult<String> {
    match pystr::as_str(o) {
        Some(s) if vm.isinstance(o, &vm.ctx.types.str)? => Ok(s.to_string()),
        _ if pystr::data(o).is_some() => Ok(pystr::as_str_lossy(o).into_owned()),
        _ => Err(vm.type_error(format!("{fname}() argument must be str, not {}", o.class().name()))),
    }
}

fn no_frozen_object(vm: &Vm, name: &str) -> taipan_vm::api::PyErr {
    let e = vm.import_error(format!("No such frozen object named '{name}'"));
    let _ = vm.setattr_str(e.value(), "name", &vm.new_str(name));
    e
}

/// `_imp.find_frozen(name, *, withdata=False)`: None, or (data, ispkg,
/// origname) where data is the marshalled code when asked for.
fn imp_find_frozen(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "find_frozen", names: &["", "withdata"], posonly: 1, required: 1, kwonly_from: 1 },
        a,
        k,
    )?;
    let name = str_arg(vm, "find_frozen", p[0].as_ref().expect("required"))?;
    let Some((is_package, origname)) = imp::find_frozen(vm, &name) else { return Ok(vm.none()) };
    let withdata = match &p[1] {
        Some(w) => vm.is_true(w)?,
        None => false,
    };
    let data = if withdata {
        let code = imp::get_frozen_object(vm, &name)?;
        let bytes = vm.new_bytes(taipan_vm::api::marshal::dumps(vm, &code, 4)?);
        vm.call(&vm.getattr_str(&vm.builtins_module(), "memoryview")?, &[bytes], None)?
    } else {
        vm.none()
    };
    // An empty origname is a module frozen from outside Lib (None).
    let origname = if origname.is_empty() { vm.none() } else { vm.new_str(origname) };
    Ok(vm.new_tuple(vec![data, vm.bool_obj(is_package), origname]))
}

/// `_imp.init_frozen(name)`: run a frozen module into `sys.modules`.
fn imp_init_frozen(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [name] = args::exact::<1>(vm, "init_frozen", a, k)?;
    let name = str_arg(vm, "init_frozen", &name)?;
    if imp::find_frozen(vm, &name).is_none() {
        return Ok(vm.none());
    }
    let code = imp::get_frozen_object(vm, &name)?;
    let m = module::new_module(vm, &name);
    let modules = taipan_vm::api::sys::sys_attr(vm, "modules").ok_or_else(|| vm.runtime_error("lost sys.modules"))?;
    vm.setitem(&modules, &vm.new_str(&name), &m)?;
    taipan_vm::api::run::run_code(vm, &code, &module::module_dict(&m), None)?;
    Ok(m)
}

/// `create_builtin(spec)`: the module of the module table named
/// `spec.name`.
fn imp_create_builtin(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [spec] = args::exact::<1>(vm, "create_builtin", a, k)?;
    let name = vm.getattr_str(&spec, "name")?;
    if pystr::data(&name).is_none() {
        return Err(vm.type_error(format!("name must be string, not {}", name.class().name())));
    }
    let text = pystr::as_str_lossy(&name).into_owned();
    match imp::create_builtin(vm, &text)? {
        Some(m) => Ok(m),
        None => {
            let e = vm.import_error(format!("no built-in module named {text}"));
            Err(e)
        }
    }
}

/// `source_hash(key, source)`.
fn imp_source_hash(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "source_hash", a, k, &["key", "source"], 2)?;
    let key = vm.index_to_isize(p[0].as_ref().expect("required"))?;
    let source = p[1].as_ref().expect("required");
    if !buffer::is_bytes_like(source) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", source.class().name())));
    }
    let hash = buffer::with_bytes(vm, source, |b| imp::source_hash(key as u64, b))?;
    Ok(vm.new_bytes(hash.to_vec()))
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_imp");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    let check = vm.config.borrow().check_hash_based_pycs.clone().unwrap_or_else(|| "default".into());
    dict::set_item_str(vm, &d, "check_hash_based_pycs", vm.new_str(&check))?;
    module::add_functions(vm, &m, "_imp", FUNCTIONS);
    Ok(m)
}

/// `_imp.get_frozen_object(name, data)`: the code object marshalled in
/// `data`; anything else is CPython's FROZEN_INVALID error.
fn frozen_object_from_data(vm: &Vm, name: &str, data: &Obj) -> PyResult<Obj> {
    let bytes = buffer::with_bytes(vm, data, |b| b.to_vec())?;
    match taipan_vm::api::marshal::loads(vm, &bytes) {
        Ok((code, _)) if code.type_is(&vm.ctx.types.code) => Ok(code),
        _ => {
            let e = vm.import_error(format!("Frozen object named '{name}' is invalid"));
            taipan_vm::api::exceptions::set_extra(&e.0, "name", vm.new_str(name));
            Err(e)
        }
    }
}
