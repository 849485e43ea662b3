//! `_bisect` (CPython's `Modules/_bisectmodule.c`): binary search and
//! insertion in sorted sequences, with an optional key function.

use taipan_vm::api::types::{CompareOp, MethodDef};
use taipan_vm::api::{args, dict, list, module, Obj, PyResult, Vm};

use crate::support::ssize_arg;

const DOC: &str = "Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n";

struct Args {
    a: Obj,
    x: Obj,
    lo: isize,
    hi: isize,
    key: Option<Obj>,
}

fn parse(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Args> {
    let spec =
        args::ArgSpec { fname: name, names: &["a", "x", "lo", "hi", "key"], posonly: 0, required: 2, kwonly_from: 4 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let lo = match &p[2] {
        Some(lo) => ssize_arg(vm, lo)?,
        None => 0,
    };
    // As CPython's converter: None and -1 both mean "the length".
    let hi = match &p[3] {
        Some(hi) if !vm.is_none(hi) => ssize_arg(vm, hi)?,
        _ => -1,
    };
    let key = p[4].clone().filter(|k| !vm.is_none(k));
    let none = vm.none();
    Ok(Args { a: p[0].clone().unwrap_or_else(|| none.clone()), x: p[1].clone().unwrap_or(none), lo, hi, key })
}

/// The insertion point of `x` (`right`: after equal items).
fn search(vm: &Vm, args: &Args, x: &Obj, right: bool) -> PyResult<isize> {
    let (mut lo, mut hi) = (args.lo, args.hi);
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    if hi == -1 {
        hi = vm.len(&args.a)? as isize;
    }
    while lo < hi {
        let mid = ((lo as usize + hi as usize) / 2) as isize;
        let mut item = match list::get(&args.a, mid as usize).filter(|_| args.a.type_is(&vm.ctx.types.list)) {
            Some(it) => it,
            None => vm.getitem(&args.a, &vm.new_int(mid as i64))?,
        };
        if let Some(key) = &args.key {
            item = vm.call1(key, item)?;
        }
        let go_left = if right {
            vm.rich_compare_bool(x, &item, CompareOp::Lt)?
        } else {
            !vm.rich_compare_bool(&item, x, CompareOp::Lt)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(vm: &Vm, a: &[Obj], k: Option<&Obj>, name: &str, right: bool) -> PyResult<Obj> {
    let args = parse(vm, name, a, k)?;
    let i = search(vm, &args, &args.x, right)?;
    Ok(vm.new_int(i as i64))
}

fn insort(vm: &Vm, a: &[Obj], k: Option<&Obj>, name: &str, right: bool) -> PyResult<Obj> {
    let args = parse(vm, name, a, k)?;
    let probe = match &args.key {
        Some(key) => vm.call1(key, args.x.clone())?,
        None => args.x.clone(),
    };
    let i = search(vm, &args, &probe, right)?;
    if args.a.type_is(&vm.ctx.types.list) {
        list::insert(&args.a, i as usize, args.x.clone());
    } else {
        vm.call_method(&args.a, "insert", &[vm.new_int(i as i64), args.x.clone()])?;
    }
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("bisect_right", |vm, _, a, k| bisect(vm, a, k, "bisect_right", true)),
    MethodDef::static_("insort_right", |vm, _, a, k| insort(vm, a, k, "insort_right", true)),
    MethodDef::static_("bisect_left", |vm, _, a, k| bisect(vm, a, k, "bisect_left", false)),
    MethodDef::static_("insort_left", |vm, _, a, k| insort(vm, a, k, "insort_left", false)),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_bisect");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_bisect", FUNCTIONS);
    Ok(m)
}
