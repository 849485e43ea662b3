//! `_sre` (CPython's `Modules/_sre/sre.c`): the regular-expression engine
//! under Lib's `re`. Lib/re/_parser.py and _compiler.py turn a pattern into
//! a list of code words; `_sre.compile` checks them (`validate.rs`) and
//! makes a `re.Pattern`, whose methods run the matcher (`sre.rs`) over a
//! str (in its PEP 393 width) or a bytes-like subject and make `re.Match`
//! objects. Replacement templates are Lib's (`re._subx`, `re._expand`),
//! as in CPython 3.11.

mod chars;
mod constants;
mod index;
mod pattern;
mod sre;
mod subject;
mod validate;

mod match_;
mod scanner;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, tuple, Obj, PyResult, Vm};

use constants::{CODESIZE, MAGIC, MAXGROUPS, MAXREPEAT};

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("compile", pattern::compile),
    MethodDef::static_("getcodesize", |vm, _, a, k| {
        args::exact::<0>(vm, "getcodesize", a, k)?;
        Ok(vm.new_int(CODESIZE))
    }),
    MethodDef::static_("ascii_iscased", |vm, _, a, k| {
        let c = char_arg(vm, "ascii_iscased", a, k)?;
        Ok(vm.bool_obj(chars::ascii_iscased(c)))
    }),
    MethodDef::static_("unicode_iscased", |vm, _, a, k| {
        let c = char_arg(vm, "unicode_iscased", a, k)?;
        Ok(vm.bool_obj(chars::unicode_iscased(c)))
    }),
    MethodDef::static_("ascii_tolower", |vm, _, a, k| {
        let c = char_arg(vm, "ascii_tolower", a, k)?;
        Ok(vm.new_int(chars::lower_ascii(c) as i64))
    }),
    MethodDef::static_("unicode_tolower", |vm, _, a, k| {
        let c = char_arg(vm, "unicode_tolower", a, k)?;
        Ok(vm.new_int(chars::lower_unicode(c) as i64))
    }),
];

/// The `character: int` argument of the case helpers (a C `int`).
fn char_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<u32> {
    let [o] = args::exact::<1>(vm, name, a, k)?;
    if int::value(&o).is_none() && o.class().slots.nb_index.get().is_none() {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", o.class().name())));
    }
    // CPython passes the int on as an unsigned code word.
    Ok(c_int(vm, &o)? as u32)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_sre");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_sre", FUNCTIONS);
    dict::set_item_str(vm, &d, "MAGIC", vm.new_int(MAGIC))?;
    dict::set_item_str(vm, &d, "CODESIZE", vm.new_int(CODESIZE))?;
    dict::set_item_str(vm, &d, "MAXREPEAT", vm.new_int(MAXREPEAT as i64))?;
    dict::set_item_str(vm, &d, "MAXGROUPS", vm.new_int(MAXGROUPS as i64))?;
    dict::set_item_str(vm, &d, "copyright", vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "))?;
    pattern::make_types(vm);
    Ok(m)
}

/// The type object made by `init` for `name` (a native type of this module).
pub(crate) fn sre_type(vm: &Vm, name: &str) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(name) {
        return t.clone();
    }
    vm.ctx.types.object.clone()
}

/// A C `int` argument (`PyLong_AsInt`).
pub(crate) fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let too_big = || vm.overflow_error("Python int too large to convert to C int");
    let v = vm.index_value(o)?;
    let v = v.as_i64().ok_or_else(too_big)?;
    i32::try_from(v).map_err(|_| too_big())
}

/// No keyword arguments may be given (METH_VARARGS functions).
pub(crate) fn no_kwargs(vm: &Vm, fname: &str, k: Option<&Obj>) -> PyResult<()> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// A `Py_ssize_t` argument (`n`): an index, "Python int too large to
/// convert to C ssize_t" when it does not fit.
pub(crate) fn ssize(vm: &Vm, o: Option<&Obj>, default: isize) -> PyResult<isize> {
    let Some(o) = o else { return Ok(default) };
    if int::value(o).is_none() && o.class().slots.nb_index.get().is_none() {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", o.class().name())));
    }
    vm.index_to_isize(o)
}

#[cfg(test)]
mod tests;
