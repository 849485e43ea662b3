//! `_warnings` (CPython's `Python/_warnings.c`, the module part): the
//! filters, registries and `warn` that Lib's `warnings` imports. The
//! mechanism is the VM's (`taipan_vm::api::warnings`), which the
//! interpreter's own warnings go through too.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::warnings as w;
use taipan_vm::api::{args, dict, module, Obj, PyResult, Vm};

const DOC: &str =
    "_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter start-up.";

const FUNCTIONS: &[MethodDef] = &[
    MethodDef {
        doc: Some("warn($module, /, message, category=None, stacklevel=1, source=None)\n--\n\nIssue a warning, or maybe ignore it or raise an exception."),
        ..MethodDef::static_("warn", warnings_warn)
    },
    MethodDef {
        doc: Some("warn_explicit($module, /, message, category, filename, lineno,\n              module=<unrepresentable>, registry=None,\n              module_globals=None, source=None)\n--\n\nLow-level interface to warnings functionality."),
        ..MethodDef::static_("warn_explicit", warnings_warn_explicit)
    },
    MethodDef::static_("_filters_mutated", |vm, _, a, k| {
        args::exact::<0>(vm, "_filters_mutated", a, k)?;
        w::filters_mutated(vm);
        Ok(vm.none())
    }),
];

fn none_to_option(vm: &Vm, o: Option<Obj>) -> Option<Obj> {
    o.filter(|o| !vm.is_none(o))
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warnings_warn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "warn", a, k, &["message", "category", "stacklevel", "source"], 1)?;
    let message = p[0].clone().expect("required");
    let category = w::get_category(vm, &message, p[1].as_ref())?;
    let stacklevel = match &p[2] {
        Some(s) => vm.index_to_isize(s)?,
        None => 1,
    };
    w::warn_object(vm, message, category, stacklevel, none_to_option(vm, p[3].clone()))?;
    Ok(vm.none())
}

/// `warn_explicit(message, category, filename, lineno, module=None,
/// registry=None, module_globals=None, source=None)`.
fn warnings_warn_explicit(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"];
    let p = args::parse(vm, "warn_explicit", a, k, &names, 4)?;
    let message = p[0].clone().expect("required");
    let category = p[1].clone().expect("required");
    let filename = p[2].clone().expect("required");
    if !filename.type_is(&vm.ctx.types.str) && !vm.isinstance(&filename, &vm.ctx.types.str)? {
        return Err(
            vm.type_error(format!("warn_explicit() argument 'filename' must be str, not {}", filename.class().name()))
        );
    }
    let lineno = vm.index_to_isize(p[3].as_ref().expect("required"))? as i64;
    let registry = p[5].clone();
    if let Some(r) = &registry {
        if !vm.is_none(r) && dict::data(r).is_none() {
            return Err(vm.type_error("'registry' must be a dict or None"));
        }
    }
    let mut sourceline = None;
    if let Some(g) = none_to_option(vm, p[6].clone()) {
        if dict::data(&g).is_none() {
            return Err(vm.type_error(format!("module_globals must be a dict, not '{}'", g.class().name())));
        }
        sourceline = w::source_from_globals(vm, &filename, lineno, &g)?;
    }
    w::warn_explicit_full(
        vm,
        w::Explicit {
            category,
            message,
            filename,
            lineno,
            module: p[4].clone(),
            registry,
            sourceline,
            source: none_to_option(vm, p[7].clone()),
        },
    )?;
    Ok(vm.none())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_warnings");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    dict::set_item_str(vm, &d, "filters", w::state_filters(vm))?;
    dict::set_item_str(vm, &d, "_onceregistry", w::state_once_registry(vm))?;
    dict::set_item_str(vm, &d, "_defaultaction", w::state_default_action(vm))?;
    module::add_functions(vm, &m, "_warnings", FUNCTIONS);
    Ok(m)
}
