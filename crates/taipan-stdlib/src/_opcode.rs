//! `_opcode` (CPython's `Modules/_opcode.c`): `stack_effect`, the stack
//! depth change of an instruction as the compiler computes it (what
//! `dis.stack_effect` is), and the specialization statistics hook.

use taipan_vm::api::opcode::{opcode_stack_effect_with_jump, HAVE_ARGUMENT};
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, Obj, PyResult, Vm};

const DOC: &str = "Opcode support module.";

/// Clinic's `int` converter.
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) if i32::try_from(v).is_ok() => Ok(v as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// `PyLong_AsLong` then C's narrowing to `int` (the oparg is truncated to
/// its low 32 bits, as CPython's cast does).
fn c_long_as_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    match vm.index_value(o)? {
        int::IntValue::Small(v) => Ok(v as i32),
        int::IntValue::Big(_) => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

fn stack_effect(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "stack_effect",
        names: &["opcode", "oparg", "jump"],
        posonly: 2,
        required: 1,
        kwonly_from: 2,
    };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let Some(op) = &p[0] else { return Err(vm.type_error("stack_effect() missing required argument 'opcode'")) };
    let opcode = c_int(vm, op)?;
    let oparg = p[1].as_ref().filter(|o| !vm.is_none(o));
    let oparg = if opcode >= HAVE_ARGUMENT as i32 {
        let Some(oparg) = oparg else {
            return Err(vm.value_error("stack_effect: opcode requires oparg but oparg was not specified"));
        };
        c_long_as_int(vm, oparg)?
    } else {
        if oparg.is_some() {
            return Err(vm.value_error("stack_effect: opcode does not permit oparg but oparg was specified"));
        }
        0
    };
    let jump = match &p[2] {
        None => None,
        Some(j) if vm.is_none(j) => None,
        Some(j) if j.is(&vm.bool_obj(true)) => Some(true),
        Some(j) if j.is(&vm.bool_obj(false)) => Some(false),
        Some(_) => return Err(vm.value_error("stack_effect: jump must be False, True or None")),
    };
    match opcode_stack_effect_with_jump(opcode, oparg, jump) {
        Some(e) => Ok(vm.new_int(e as i64)),
        None => Err(vm.value_error("invalid opcode or oparg")),
    }
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("stack_effect", stack_effect),
    // CPython built without Py_STATS answers None.
    MethodDef::static_("get_specialization_stats", |vm, _, a, k| {
        crate::clinic::none(vm, "_opcode.get_specialization_stats", a, k)?;
        Ok(vm.none())
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_opcode");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_opcode", FUNCTIONS);
    Ok(m)
}
