//! `_tracemalloc` (CPython's `Modules/_tracemalloc.c`): the face of the
//! VM's allocation tracing (`api::tracemalloc`). While tracing, every
//! object allocation records its size and the Python traceback that made
//! it; `Lib/tracemalloc.py` builds snapshots and statistics on top.
//!
//! Sizes are Taipan's (an object's requested block plus what its payload
//! holds on the heap when it is made), not CPython's bytes; the lines
//! are the same.

use taipan_vm::api::tracemalloc::{self as tm, TracebackCopy, MAX_NFRAME};
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, int, module, Obj, PyResult, Vm};

const DOC: &str = "Debug module to trace memory blocks allocated by Python.";

fn noargs(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    crate::clinic::none(vm, &format!("_tracemalloc.{name}"), a, k)
}

/// The number of frames `start(nframe)` asks for, checked as CPython's.
pub(crate) fn nframe_arg(vm: &Vm, n: &Obj) -> PyResult<u32> {
    let nframe = match vm.index_value(n)? {
        int::IntValue::Small(v) if i32::try_from(v).is_ok() => v,
        _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
    };
    match u32::try_from(nframe) {
        Ok(v) if (1..=MAX_NFRAME).contains(&v) => Ok(v),
        _ => Err(vm.value_error(format!("the number of frames must be in range [1; {MAX_NFRAME}]"))),
    }
}

fn start(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "_tracemalloc.start", "start", a, k, 0, 1)?;
    let nframe = match a.first() {
        Some(n) => nframe_arg(vm, n)?,
        None => 1,
    };
    tm::start(vm, nframe);
    Ok(vm.none())
}

/// A traceback as `Lib/tracemalloc.py` takes it: a tuple of
/// (filename, lineno) tuples, most recent first.
pub(crate) fn traceback_tuple(vm: &Vm, tb: TracebackCopy) -> Obj {
    let frames = tb
        .frames
        .into_iter()
        .map(|(filename, lineno)| {
            let f = filename.unwrap_or_else(|| vm.new_str("<unknown>"));
            vm.new_tuple(vec![f, vm.new_int(lineno as i64)])
        })
        .collect();
    vm.new_tuple(frames)
}

fn get_object_traceback(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let obj = crate::clinic::one(vm, "_tracemalloc._get_object_traceback", a, k)?;
    Ok(match tm::object_traceback(vm, &obj) {
        Some(tb) => traceback_tuple(vm, tb),
        None => vm.none(),
    })
}

/// `_get_traces()`: a list of (domain, size, traceback, total_nframe);
/// traces with the same traceback share one tuple, as CPython's.
fn get_traces(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    noargs(vm, "_get_traces", a, k)?;
    let (traces, tbs) = tm::traces(vm);
    let totals: Vec<u32> = tbs.iter().map(|t| t.total_nframe).collect();
    let tuples: Vec<Obj> = tbs.into_iter().map(|t| traceback_tuple(vm, t)).collect();
    let mut out = Vec::new();
    out.try_reserve_exact(traces.len()).map_err(|_| vm.memory_error())?;
    for (domain, size, i) in traces {
        out.push(vm.new_tuple(vec![
            vm.new_int(domain as i64),
            vm.new_usize(size),
            tuples[i].clone(),
            vm.new_int(totals[i] as i64),
        ]));
    }
    Ok(vm.new_list(out))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("_get_object_traceback", get_object_traceback),
    MethodDef::static_("_get_traces", get_traces),
    MethodDef::static_("clear_traces", |vm, _, a, k| {
        noargs(vm, "clear_traces", a, k)?;
        tm::clear_traces();
        Ok(vm.none())
    }),
    MethodDef::static_("get_traceback_limit", |vm, _, a, k| {
        noargs(vm, "get_traceback_limit", a, k)?;
        Ok(vm.new_int(tm::traceback_limit() as i64))
    }),
    MethodDef::static_("get_traced_memory", |vm, _, a, k| {
        noargs(vm, "get_traced_memory", a, k)?;
        let (cur, peak) = tm::traced_memory();
        Ok(vm.new_tuple(vec![vm.new_usize(cur), vm.new_usize(peak)]))
    }),
    MethodDef::static_("get_tracemalloc_memory", |vm, _, a, k| {
        noargs(vm, "get_tracemalloc_memory", a, k)?;
        Ok(vm.new_usize(tm::tracemalloc_memory()))
    }),
    MethodDef::static_("is_tracing", |vm, _, a, k| {
        noargs(vm, "is_tracing", a, k)?;
        Ok(vm.bool_obj(tm::is_tracing()))
    }),
    MethodDef::static_("reset_peak", |vm, _, a, k| {
        noargs(vm, "reset_peak", a, k)?;
        tm::reset_peak();
        Ok(vm.none())
    }),
    MethodDef::static_("start", start),
    MethodDef::static_("stop", |vm, _, a, k| {
        noargs(vm, "stop", a, k)?;
        tm::stop(vm);
        Ok(vm.none())
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_tracemalloc");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_tracemalloc", FUNCTIONS);
    Ok(m)
}
