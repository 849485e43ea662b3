//! Argument checks of native functions with CPython's messages (what
//! Argument Clinic generates for `METH_O` and `METH_FASTCALL` functions).

use taipan_vm::api::{tuple, Obj, PyResult, Vm};

/// Number of keyword arguments passed.
pub(crate) fn nkw(kwnames: Option<&Obj>) -> usize {
    kwnames.map(tuple::len).unwrap_or(0)
}

/// `qualname() takes no keyword arguments` unless there are none.
pub(crate) fn no_kw(vm: &Vm, qualname: &str, kwnames: Option<&Obj>) -> PyResult<()> {
    if nkw(kwnames) > 0 {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    Ok(())
}

/// A `METH_O` function's one argument (`qualname` is `module.name`).
pub(crate) fn one(vm: &Vm, qualname: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    no_kw(vm, qualname, kwnames)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("{qualname}() takes exactly one argument ({} given)", args.len())));
    }
    Ok(args[0].clone())
}

/// A `METH_NOARGS` function.
pub(crate) fn none(vm: &Vm, qualname: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    no_kw(vm, qualname, kwnames)?;
    if !args.is_empty() {
        return Err(vm.type_error(format!("{qualname}() takes no arguments ({} given)", args.len())));
    }
    Ok(())
}

/// CPython's `_PyArg_CheckPositional`: between `min` and `max` positional
/// arguments, no keywords (`qualname` names the function in the keyword
/// error, `name` in the count error).
pub(crate) fn positional<'a>(
    vm: &Vm,
    qualname: &str,
    name: &str,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    no_kw(vm, qualname, kwnames)?;
    check_count(vm, name, args.len(), min, max)?;
    Ok(args)
}

/// The count part of `_PyArg_CheckPositional`.
pub(crate) fn check_count(vm: &Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let how = if min == max { "" } else { "at least " };
        return Err(vm.type_error(format!("{name} expected {how}{min} argument{}, got {n}", plural(min))));
    }
    if n > max {
        let how = if min == max { "" } else { "at most " };
        return Err(vm.type_error(format!("{name} expected {how}{max} argument{}, got {n}", plural(max))));
    }
    Ok(())
}
