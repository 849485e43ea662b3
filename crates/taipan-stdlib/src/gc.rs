//! `gc` (CPython's `Modules/gcmodule.c`, its Python face): the cycle
//! collector lives in the VM (`taipan_vm::api::gc`); this module exposes its
//! controls and views.

use taipan_vm::api::gc as collector;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, Obj, PyResult, Vm};

const DOC: &str = "This module provides access to the garbage collector for reference cycles.\n\nenable() -- Enable automatic garbage collection.\ndisable() -- Disable automatic garbage collection.\nisenabled() -- Returns true if automatic collection is enabled.\ncollect() -- Do a full collection right now.\nget_count() -- Return the current collection counts.\nget_stats() -- Return list of dictionaries containing per-generation stats.\nset_debug() -- Set debugging flags.\nget_debug() -- Get debugging flags.\nset_threshold() -- Set the collection thresholds.\nget_threshold() -- Return the current the collection thresholds.\nget_objects() -- Return a list of all objects tracked by the collector.\nis_tracked() -- Returns true if a given object is tracked.\nis_finalized() -- Returns true if a given object has been already finalized.\nget_referrers() -- Return the list of objects that refer to an object.\nget_referents() -- Return the list of objects that an object refers to.\nfreeze() -- Freeze all tracked objects and ignore them for future collections.\nunfreeze() -- Unfreeze all objects in the permanent generation.\nget_freeze_count() -- Return the number of objects in the permanent generation.\n";

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("enable", |vm, _, a, k| {
        args::exact::<0>(vm, "enable", a, k)?;
        collector::set_enabled(vm, true);
        Ok(vm.none())
    }),
    MethodDef::static_("disable", |vm, _, a, k| {
        args::exact::<0>(vm, "disable", a, k)?;
        collector::set_enabled(vm, false);
        Ok(vm.none())
    }),
    MethodDef::static_("isenabled", |vm, _, a, k| {
        args::exact::<0>(vm, "isenabled", a, k)?;
        Ok(vm.bool_obj(collector::is_enabled(vm)))
    }),
    MethodDef::static_("collect", gc_collect),
    MethodDef::static_("get_count", |vm, _, a, k| {
        args::exact::<0>(vm, "get_count", a, k)?;
        Ok(vm.new_tuple(collector::counts(vm).iter().map(|&c| vm.new_usize(c)).collect()))
    }),
    MethodDef::static_("get_threshold", |vm, _, a, k| {
        args::exact::<0>(vm, "get_threshold", a, k)?;
        Ok(vm.new_tuple(collector::thresholds(vm).iter().map(|&c| vm.new_usize(c)).collect()))
    }),
    MethodDef::static_("set_threshold", gc_set_threshold),
    MethodDef::static_("get_debug", |vm, _, a, k| {
        args::exact::<0>(vm, "get_debug", a, k)?;
        Ok(vm.new_int(collector::debug_flags(vm) as i64))
    }),
    MethodDef::static_("set_debug", gc_set_debug),
    MethodDef::static_("get_stats", gc_get_stats),
    MethodDef::static_("get_objects", gc_get_objects),
    MethodDef::static_("get_referrers", gc_get_referrers),
    MethodDef::static_("get_referents", gc_get_referents),
    MethodDef::static_("is_tracked", |vm, _, a, k| {
        let [o] = args::exact::<1>(vm, "is_tracked", a, k)?;
        Ok(vm.bool_obj(collector::is_tracked(&o)))
    }),
    MethodDef::static_("is_finalized", |vm, _, a, k| {
        let [o] = args::exact::<1>(vm, "is_finalized", a, k)?;
        Ok(vm.bool_obj(collector::is_finalized(&o)))
    }),
    MethodDef::static_("freeze", |vm, _, a, k| {
        args::exact::<0>(vm, "freeze", a, k)?;
        collector::freeze(vm);
        Ok(vm.none())
    }),
    MethodDef::static_("unfreeze", |vm, _, a, k| {
        args::exact::<0>(vm, "unfreeze", a, k)?;
        collector::unfreeze(vm);
        Ok(vm.none())
    }),
    MethodDef::static_("get_freeze_count", |vm, _, a, k| {
        args::exact::<0>(vm, "get_freeze_count", a, k)?;
        Ok(vm.new_usize(collector::freeze_count(vm)))
    }),
];

/// A C `int` argument (Argument Clinic's `int` converter).
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let v = vm.to_i64(o)?;
    if i32::try_from(v).is_err() {
        return Err(vm.overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        }));
    }
    Ok(v)
}

fn gc_collect(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = args::parse(vm, "collect", a, k, &["generation"], 0)?;
    let generation = match &p[0] {
        Some(g) => c_int(vm, g)?,
        None => 2,
    };
    Ok(vm.new_usize(collector::collect(vm, generation)?))
}

fn gc_set_threshold(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("set_threshold() takes no keyword arguments"));
    }
    if a.is_empty() || a.len() > 3 {
        return Err(vm.type_error(format!(
            "set_threshold() takes {} ({} given)",
            if a.is_empty() { "at least 1 argument" } else { "at most 3 arguments" },
            a.len()
        )));
    }
    let mut t = Vec::new();
    for v in a {
        t.push(c_int(vm, v)?.max(0) as usize);
    }
    collector::set_thresholds(vm, &t);
    Ok(vm.none())
}

fn gc_set_debug(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = args::parse(vm, "set_debug", a, k, &["flags"], 1)?;
    let flags = c_int(vm, p[0].as_ref().expect("required"))?;
    collector::set_debug_flags(vm, flags as u32);
    Ok(vm.none())
}

fn gc_get_stats(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_stats", a, k)?;
    let mut out = Vec::new();
    for (collections, collected, uncollectable) in collector::stats(vm) {
        let d = vm.new_dict();
        dict::set_item_str(vm, &d, "collections", vm.new_usize(collections))?;
        dict::set_item_str(vm, &d, "collected", vm.new_usize(collected))?;
        dict::set_item_str(vm, &d, "uncollectable", vm.new_usize(uncollectable))?;
        out.push(d);
    }
    Ok(vm.new_list(out))
}

fn gc_get_objects(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = args::parse(vm, "get_objects", a, k, &["generation"], 0)?;
    let requested = match p[0].as_ref().filter(|g| !vm.is_none(g)) {
        Some(g) => vm.to_i64(g)?,
        None => -1,
    };
    taipan_vm::api::audit(vm, "gc.get_objects", || vec![vm.new_int(requested)])?;
    let generation = match p[0].as_ref().filter(|g| !vm.is_none(g)) {
        None => None,
        Some(g) => {
            let n = vm.to_i64(g)?;
            // -1 is the C default: every generation.
            if n == -1 {
                return Ok(vm.new_list(collector::objects(vm, None)));
            }
            if n >= collector::NUM_GENERATIONS as i64 {
                return Err(vm.value_error(format!(
                    "generation parameter must be less than the number of available generations ({})",
                    collector::NUM_GENERATIONS
                )));
            }
            if n < 0 {
                return Err(vm.value_error("generation parameter cannot be negative"));
            }
            Some(n as usize)
        }
    };
    Ok(vm.new_list(collector::objects(vm, generation)))
}

fn gc_get_referrers(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("get_referrers() takes no keyword arguments"));
    }
    taipan_vm::api::audit(vm, "gc.get_referrers", || vec![vm.new_tuple(a.to_vec())])?;
    Ok(vm.new_list(collector::referrers(vm, a)))
}

fn gc_get_referents(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("get_referents() takes no keyword arguments"));
    }
    taipan_vm::api::audit(vm, "gc.get_referents", || vec![vm.new_tuple(a.to_vec())])?;
    let mut out = Vec::new();
    for o in a {
        out.extend(collector::referents(o));
    }
    Ok(vm.new_list(out))
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "gc");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "gc", FUNCTIONS);
    let garbage = vm.new_list(Vec::new());
    let callbacks = vm.new_list(Vec::new());
    dict::set_item_str(vm, &d, "garbage", garbage.clone())?;
    dict::set_item_str(vm, &d, "callbacks", callbacks.clone())?;
    collector::set_module_lists(vm, garbage, callbacks);
    use collector::debug;
    for (name, v) in [
        ("DEBUG_STATS", debug::STATS),
        ("DEBUG_COLLECTABLE", debug::COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", debug::UNCOLLECTABLE),
        ("DEBUG_SAVEALL", debug::SAVEALL),
        ("DEBUG_LEAK", debug::LEAK),
    ] {
        dict::set_item_str(vm, &d, name, vm.new_int(v as i64))?;
    }
    Ok(m)
}
