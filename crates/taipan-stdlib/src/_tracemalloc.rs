//! `_tracemalloc` (CPython's `Modules/_tracemalloc.c`), honestly: Taipan's
//! allocator has no hooks to record where each memory block was allocated,
//! so tracing can never be on. The queries answer what CPython answers
//! while tracing is off, and `start()` raises NotImplementedError naming
//! what is missing rather than pretending to trace.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, int, module, Obj, PyResult, Vm};

const DOC: &str = "Debug module to trace memory blocks allocated by Python.";

const NOT_TRACED: &str = "tracemalloc cannot start: Taipan's memory allocator has no allocation hooks \
                          to trace memory blocks yet";

const MAX_NFRAME: i64 = 65535;

fn noargs(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    crate::clinic::none(vm, &format!("_tracemalloc.{name}"), a, k)
}

fn start(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::clinic::positional(vm, "_tracemalloc.start", "start", a, k, 0, 1)?;
    if let Some(n) = a.first() {
        let nframe = match vm.index_value(n)? {
            int::IntValue::Small(v) if i32::try_from(v).is_ok() => v,
            _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
        };
        if !(1..=MAX_NFRAME).contains(&nframe) {
            return Err(vm.value_error(format!("the number of frames must be in range [1; {MAX_NFRAME}]")));
        }
    }
    Err(vm.new_exception_msg(&vm.ctx.exceptions.not_implemented_error, NOT_TRACED))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("_get_object_traceback", |vm, _, a, k| {
        crate::clinic::one(vm, "_tracemalloc._get_object_traceback", a, k)?;
        Ok(vm.none())
    }),
    MethodDef::static_("_get_traces", |vm, _, a, k| {
        noargs(vm, "_get_traces", a, k)?;
        Ok(vm.new_list(Vec::new()))
    }),
    MethodDef::static_("clear_traces", |vm, _, a, k| {
        noargs(vm, "clear_traces", a, k)?;
        Ok(vm.none())
    }),
    MethodDef::static_("get_traceback_limit", |vm, _, a, k| {
        noargs(vm, "get_traceback_limit", a, k)?;
        Ok(vm.new_int(1))
    }),
    MethodDef::static_("get_traced_memory", |vm, _, a, k| {
        noargs(vm, "get_traced_memory", a, k)?;
        Ok(vm.new_tuple(vec![vm.new_int(0), vm.new_int(0)]))
    }),
    MethodDef::static_("get_tracemalloc_memory", |vm, _, a, k| {
        noargs(vm, "get_tracemalloc_memory", a, k)?;
        Ok(vm.new_int(0))
    }),
    MethodDef::static_("is_tracing", |vm, _, a, k| {
        noargs(vm, "is_tracing", a, k)?;
        Ok(vm.bool_obj(false))
    }),
    MethodDef::static_("reset_peak", |vm, _, a, k| {
        noargs(vm, "reset_peak", a, k)?;
        Ok(vm.none())
    }),
    MethodDef::static_("start", start),
    MethodDef::static_("stop", |vm, _, a, k| {
        noargs(vm, "stop", a, k)?;
        Ok(vm.none())
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_tracemalloc");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_tracemalloc", FUNCTIONS);
    Ok(m)
}
