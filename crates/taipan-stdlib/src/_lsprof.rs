//! `_lsprof` (CPython's `Modules/_lsprof.c`), honestly: the profiler of
//! `cProfile` counts calls and times from the interpreter's profile hooks
//! (the `sys.setprofile` event points), which Taipan's eval loop does not
//! have yet. `Profiler` objects can be made, cleared and asked for their
//! (empty) statistics, and `enable()` raises NotImplementedError naming
//! what is missing, rather than returning statistics that would be wrong.

use taipan_vm::api::types::{alloc_instance, flags, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, module, Obj, PyPayload, PyResult, Vm};

use crate::structseq;

const PROFILER: &str = "_lsprof.Profiler";
const ENTRY: &str = "_lsprof.profiler_entry";
const SUBENTRY: &str = "_lsprof.profiler_subentry";

const NO_HOOKS: &str = "cProfile cannot profile yet: Taipan's interpreter has no profile hooks \
                        (the call and return events of sys.setprofile)";

const PROFILER_DOC: &str = "Profiler(timer=None, timeunit=None, subcalls=True, builtins=True)\n\n    Builds a profiler object using the specified timer function.\n    The default timer is a fast built-in one based on real time.\n    For custom timer functions returning integers, timeunit can\n    be a float specifying a scale (i.e. how long each integer unit\n    is, in seconds).\n";

const ENTRY_FIELDS: &[&str] = &["code", "callcount", "reccallcount", "totaltime", "inlinetime", "calls"];
const SUBENTRY_FIELDS: &[&str] = &["code", "callcount", "reccallcount", "totaltime", "inlinetime"];

struct Profiler;
impl PyPayload for Profiler {}

fn profiler_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::parse(vm, "Profiler", a, k, &["timer", "timeunit", "subcalls", "builtins"], 0)?;
    let Some(ty) = crate::support::module_type(vm, PROFILER) else {
        return Err(vm.system_error("_lsprof.Profiler is not initialised"));
    };
    alloc_instance(vm, cls, &ty, Profiler)
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("enable", |vm, _o, a, k| {
        args::parse(vm, "enable", a, k, &["subcalls", "builtins"], 0)?;
        Err(vm.new_exception_msg(&vm.ctx.exceptions.not_implemented_error, NO_HOOKS))
    }),
    MethodDef::method("disable", |vm, _o, a, k| {
        crate::clinic::none(vm, "disable", a, k)?;
        Ok(vm.none())
    }),
    MethodDef::method("clear", |vm, _o, a, k| {
        crate::clinic::none(vm, "clear", a, k)?;
        Ok(vm.none())
    }),
    MethodDef::method("getstats", |vm, _o, a, k| {
        crate::clinic::none(vm, "getstats", a, k)?;
        Ok(vm.new_list(Vec::new()))
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let ty = match crate::support::module_type(vm, PROFILER) {
        Some(t) => t,
        None => {
            let spec = TypeSpec {
                name: PROFILER,
                flags: flags::BASETYPE,
                methods: METHODS,
                doc: Some(PROFILER_DOC),
                ..Default::default()
            };
            let t = taipan_vm::api::types::new_type::<Profiler>(vm, &spec, |s| s.new.set(Some(profiler_new)));
            crate::support::register_type(vm, PROFILER, &t);
            t
        }
    };
    let m = module::new_module(vm, "_lsprof");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Fast profiler"))?;
    dict::set_item_str(vm, &d, "Profiler", ty)?;
    let entry = structseq::new_type(vm, ENTRY, ENTRY_FIELDS, 6, 0, "")?;
    let subentry = structseq::new_type(vm, SUBENTRY, SUBENTRY_FIELDS, 5, 0, "")?;
    dict::set_item_str(vm, &d, "profiler_entry", entry)?;
    dict::set_item_str(vm, &d, "profiler_subentry", subentry)?;
    Ok(m)
}
