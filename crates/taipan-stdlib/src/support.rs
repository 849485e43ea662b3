//! Helpers shared by the native modules of this crate: CPython's argument
//! checks (`_PyArg_CheckPositional`, `_PyArg_NoKeywords`), the
//! `Py_ssize_t` converter, and a registry of the types a module makes
//! (kept per interpreter in its `lazy_types`).

use taipan_vm::api::{dict, int, tuple, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

/// No keyword arguments (`_PyArg_NoKeywords`): "f() takes no keyword arguments".
pub(crate) use taipan_vm::api::args::no_kwargs;

/// Between `min` and `max` positional arguments and no keywords, with
/// CPython's "f expected N arguments, got M".
pub(crate) fn positional<'a>(
    vm: &Vm,
    fname: &str,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    no_kwargs(vm, fname, kwnames)?;
    let n = args.len();
    if n < min || n > max {
        let (bound, which) = if n < min { (min, "at least ") } else { (max, "at most ") };
        return Err(vm.type_error(format!(
            "{} expected {}{} argument{}, got {}",
            fname,
            if min != max { which } else { "" },
            bound,
            if bound == 1 { "" } else { "s" },
            n
        )));
    }
    Ok(args)
}

/// `positional` for a type's `__new__` whose subclasses may take keywords
/// in an `__init__` of their own (CPython: keywords are refused when
/// `type->tp_init` is the base's): the keywords are then left to that
/// `__init__`, and only the positional arguments are checked and returned.
pub(crate) fn positional_unless_own_init<'a>(
    vm: &Vm,
    fname: &str,
    cls: &Obj,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    // These types inherit object's `__init__`, so that is the base to compare with.
    let object = &vm.ctx.types.object;
    let args = taipan_vm::api::args::positional_unless_own_init(vm, fname, cls, object, args, kwnames)?;
    positional(vm, fname, args, None, min, max)
}

/// An int that fits a `Py_ssize_t` (Argument Clinic's `Py_ssize_t`
/// converter): "Python int too large to convert to C ssize_t".
pub(crate) fn ssize_arg(vm: &Vm, o: &Obj) -> PyResult<isize> {
    if let Some(int::IntValue::Small(v)) = int::value(o) {
        return Ok(*v as isize);
    }
    match vm.index_value(o)? {
        int::IntValue::Small(v) => Ok(v as isize),
        int::IntValue::Big(_) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// A type a module made, by its full name (None before the module's `init`).
pub(crate) fn module_type(vm: &Vm, name: &str) -> Option<Obj> {
    vm.lazy_types.borrow().get(name).cloned()
}

/// Remember a type a module made, for native code that instantiates it.
pub(crate) fn register_type(vm: &Vm, name: &'static str, ty: &Obj) {
    vm.lazy_types.borrow_mut().insert(name, ty.clone());
}

/// An exception class a module makes once per interpreter (as CPython's
/// `PyErr_NewExceptionWithDoc`): `name` in `module`, deriving from `base`,
/// remembered under `key`.
pub(crate) fn exception_type(
    vm: &Vm,
    key: &'static str,
    module: &str,
    name: &str,
    base: &Obj,
    doc: Option<&str>,
) -> PyResult<Obj> {
    if let Some(t) = module_type(vm, key) {
        return Ok(t);
    }
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str(module))?;
    if let Some(doc) = doc {
        dict::set_item_str(vm, &ns, "__doc__", vm.new_str(doc))?;
    }
    let bases = vm.new_tuple(vec![base.clone()]);
    let t = vm.call(&vm.ctx.types.type_, &[vm.new_str(name), bases, ns], None)?;
    register_type(vm, key, &t);
    Ok(t)
}

/// An instance of a module's exception class made by `exception_type`,
/// with `msg` (the error of making the class when that failed).
pub(crate) fn exception_with_msg(vm: &Vm, ty: PyResult<Obj>, msg: &str) -> PyErr {
    match ty {
        Ok(t) => vm.new_exception_msg(&t, msg),
        Err(e) => e,
    }
}

/// `tp_iter` of an iterator: itself.
pub(crate) fn iter_self(_vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(o.clone())
}

/// `tp_new` of a type Python code cannot instantiate (CPython's
/// `Py_TPFLAGS_DISALLOW_INSTANTIATION`).
pub(crate) fn disallow_instantiation(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let name = cls.payload::<taipan_vm::api::types::TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

/// `__class_getitem__`: `cls[args]` is a `types.GenericAlias`.
pub(crate) fn class_getitem(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [arg] = taipan_vm::api::args::exact::<1>(vm, "__class_getitem__", args, kwnames)?;
    vm.call(&vm.ctx.types.generic_alias, &[cls.clone(), arg], None)
}

/// The type's name as `tp_name` shows it in reprs (`_PyType_Name`: the
/// part after the last dot).
pub(crate) fn short_type_name(o: &Obj) -> String {
    let n = o.class().name().to_string();
    match n.rfind('.') {
        Some(i) => n[i + 1..].to_string(),
        None => n,
    }
}

/// Visit the references held in `cells` (a payload's `traverse`).
pub(crate) fn visit_cells(cells: &[&ObjCell], visit: &mut dyn FnMut(&Obj)) {
    for c in cells {
        c.with(|o| {
            if let Some(o) = o {
                visit(o)
            }
        });
    }
}

/// Drop the references held in `cells` (a payload's `clear`).
pub(crate) fn clear_cells(cells: &[&ObjCell]) {
    for c in cells {
        drop(c.take());
    }
}

/// Visit the objects of a vector that may be borrowed elsewhere (then it
/// is being changed by native code, which holds its own references).
pub(crate) fn visit_vec(v: &std::cell::RefCell<Vec<Obj>>, visit: &mut dyn FnMut(&Obj)) {
    if let Ok(v) = v.try_borrow() {
        for o in v.iter() {
            visit(o);
        }
    }
}

/// Empty a vector of references, dropping them after the borrow ends.
pub(crate) fn clear_vec(v: &std::cell::RefCell<Vec<Obj>>) {
    let old = match v.try_borrow_mut() {
        Ok(mut b) => std::mem::take(&mut *b),
        Err(_) => return,
    };
    drop(old);
}

/// A new instance of `cls` (the type registered as `owner`, or a Python
/// subclass of it) holding `payload`.
pub(crate) fn alloc<T: PyPayload>(vm: &Vm, cls: &Obj, owner: &str, payload: T) -> PyResult<Obj> {
    let Some(owner_ty) = module_type(vm, owner) else {
        return Err(vm.system_error(format!("type {owner} is not initialised")));
    };
    taipan_vm::api::types::alloc_instance(vm, cls, &owner_ty, payload)
}

/// A new instance of the registered type `owner` itself.
pub(crate) fn alloc_exact<T: PyPayload>(vm: &Vm, owner: &str, payload: T) -> PyResult<Obj> {
    let Some(owner_ty) = module_type(vm, owner) else {
        return Err(vm.system_error(format!("type {owner} is not initialised")));
    };
    taipan_vm::api::types::alloc_instance(vm, &owner_ty, &owner_ty, payload)
}

/// `positional` for a module-level function, whose keyword error names
/// the module (`_operator.add() takes no keyword arguments`).
pub(crate) fn positional_in<'a>(
    vm: &Vm,
    module: &str,
    fname: &str,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Obj]> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{module}.{fname}() takes no keyword arguments")));
    }
    positional(vm, fname, args, None, min, max)
}

/// A str encoded with the filesystem encoding and `surrogateescape`, as C
/// string (`PyUnicode_EncodeFSDefault` plus the embedded-NUL check).
pub(crate) fn fs_cstring(vm: &Vm, name: &Obj) -> PyResult<std::ffi::CString> {
    let raw = taipan_vm::api::codecs::encode_str(
        vm,
        name,
        Some(&taipan_vm::api::codecs::fs_encoding(vm)),
        Some("surrogateescape"),
    )?;
    std::ffi::CString::new(raw).map_err(|_| vm.value_error("embedded null character"))
}

/// Seconds (a float, else an integer by `__index__`) as nanoseconds
/// (`_PyTime_FromSecondsObject`, with its errors): a float is rounded by
/// `round` (`f64::ceil` for `_PyTime_ROUND_CEILING`, [`round_away`] for
/// `_PyTime_ROUND_TIMEOUT`).
pub(crate) fn seconds_to_ns(vm: &Vm, o: &Obj, round: fn(f64) -> f64) -> PyResult<i64> {
    let too_large = || vm.overflow_error("timestamp too large to convert to C _PyTime_t");
    if let Some(f) = taipan_vm::api::float::value(o) {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let ns = round(f * 1e9);
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&ns) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(ns as i64);
    }
    match vm.index_value(o)? {
        int::IntValue::Small(s) => s.checked_mul(1_000_000_000).ok_or_else(too_large),
        _ => Err(too_large()),
    }
}

/// Round away from zero (`_PyTime_ROUND_UP`, which timeouts use).
pub(crate) fn round_away(x: f64) -> f64 {
    if x >= 0.0 {
        x.ceil()
    } else {
        x.floor()
    }
}
