//! `_testcapi` (CPython's `Modules/_testcapimodule.c`): the C-API test
//! module CPython's own test suite imports. Taipan provides the part whose
//! meaning carries over to an interpreter without a C API of that shape:
//!
//! - the C limits (`INT_MAX`, `ULLONG_MAX`, `PY_SSIZE_T_MAX`, ...) of this
//!   platform, as `<limits.h>` and `<float.h>` give them;
//! - the calling conventions (`meth_varargs`, `meth_o`, `meth_fastcall`,
//!   ... as module functions and as instance, class and static methods of
//!   `MethInstance`, `MethClass`, `MethStatic`), each returning what it was
//!   called with, and the call entry points (`pyobject_fastcall`,
//!   `pyobject_fastcalldict`, `pyobject_vectorcall`, `pyvectorcall_call`),
//!   which all go through the VM's own vectorcall path;
//! - the PEP 590 descriptor types (`MethodDescriptorBase`, `...Derived`,
//!   `...NopGet`, `MethodDescriptor2`) with CPython's type flags;
//! - the interpreter's version tags: `dict_get_version` is the dict's real
//!   version (the one the LOAD_GLOBAL cache checks), `type_get_version`,
//!   `type_assign_version` and `type_modified` work on the type version tag
//!   behind the method cache and the specialiser;
//! - a few helpers other test modules use (`raise_exception`, `set_errno`,
//!   `W_STOPCODE`, `sequence_getitem`, `float_pack`, `bad_get`,
//!   `write_unraisable_exc`, `call_in_temporary_c_thread`, ...), and the
//!   `_PyTime_t` conversions test_time checks (`pytime.rs`);
//! - the datetime C-API helpers (`datetime.rs`), through the
//!   `datetime.datetime_CAPI` capsule;
//! - `hamt()` (`hamt.rs`): the persistent map behind `contextvars.Context`.
//!
//! Every other name of CPython's module is absent, so `from _testcapi
//! import X` raises ImportError and `import_helper.import_module` users
//! skip as they do without the module.

mod datetime;
mod hamt;
mod pytime;

use taipan_vm::api::types::{alloc_instance, flags, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, module, tuple, Obj, PyErr, PyPayload, PyResult, Vm};

const MODULE: &str = "_testcapi";

/// `Py_TPFLAGS_HAVE_VECTORCALL`: shown in `__flags__` by the PEP 590 types.
const HAVE_VECTORCALL: u64 = 1 << 11;

/// The PEP 590 types' keys in the interpreter's type registry.
const DESCRIPTOR_BASE: &str = "_testcapi.MethodDescriptorBase";
const DESCRIPTOR2: &str = "_testcapi.MethodDescriptor2";

// ---- the C limits -----------------------------------------------------------------------------

fn add_constants(vm: &Vm, d: &Obj) -> PyResult<()> {
    let ints: &[(&str, i64)] = &[
        ("CHAR_MAX", i64::from(libc::c_char::MAX)),
        ("CHAR_MIN", i64::from(libc::c_char::MIN)),
        ("UCHAR_MAX", i64::from(libc::c_uchar::MAX)),
        ("SHRT_MAX", i64::from(libc::c_short::MAX)),
        ("SHRT_MIN", i64::from(libc::c_short::MIN)),
        ("USHRT_MAX", i64::from(libc::c_ushort::MAX)),
        ("INT_MAX", i64::from(libc::c_int::MAX)),
        ("INT_MIN", i64::from(libc::c_int::MIN)),
        ("UINT_MAX", i64::from(libc::c_uint::MAX)),
        ("LONG_MAX", libc::c_long::MAX),
        ("LONG_MIN", libc::c_long::MIN),
        ("LLONG_MAX", libc::c_longlong::MAX),
        ("LLONG_MIN", libc::c_longlong::MIN),
        ("PY_SSIZE_T_MAX", isize::MAX as i64),
        ("PY_SSIZE_T_MIN", isize::MIN as i64),
        ("SIZEOF_TIME_T", std::mem::size_of::<libc::time_t>() as i64),
        // PY_VERSION_HEX of the CPython version Taipan implements.
        ("Py_Version", 0x030B07F0),
        ("the_number_three", 3),
    ];
    for &(name, v) in ints {
        dict::set_item_str(vm, d, name, vm.new_int(v))?;
    }
    dict::set_item_str(vm, d, "ULONG_MAX", vm.new_usize(libc::c_ulong::MAX as usize))?;
    dict::set_item_str(vm, d, "ULLONG_MAX", vm.new_usize(libc::c_ulonglong::MAX as usize))?;
    let floats: &[(&str, f64)] = &[
        ("FLT_MAX", f64::from(f32::MAX)),
        ("FLT_MIN", f64::from(f32::MIN_POSITIVE)),
        ("DBL_MAX", f64::MAX),
        ("DBL_MIN", f64::MIN_POSITIVE),
    ];
    for &(name, v) in floats {
        dict::set_item_str(vm, d, name, vm.new_float(v))?;
    }
    // Taipan's stack grows on demand instead of being probed (PyOS_CheckStack).
    dict::set_item_str(vm, d, "USE_STACKCHECK", vm.bool_obj(false))?;
    Ok(())
}

// ---- calling conventions ----------------------------------------------------------------------

/// The `name()` prefix CPython's argument errors use (`_PyObject_FunctionStr`):
/// the module or class qualifies the function's name.
fn qualified(vm: &Vm, self_: &Obj, name: &str) -> String {
    if vm.is_none(self_) {
        return format!("MethStatic.{name}");
    }
    if vm.isinstance_type(self_, &vm.ctx.types.module) {
        return format!("{MODULE}.{name}");
    }
    if vm.is_type(self_) {
        let n = vm.getattr_str(self_, "__name__").ok().and_then(|n| taipan_vm::api::str::as_str(&n).map(String::from));
        return format!("{}.{name}", n.unwrap_or_default());
    }
    format!("{}.{name}", crate::support::short_type_name(self_))
}

fn no_keywords(vm: &Vm, fname: &str, kwnames: Option<&Obj>) -> PyResult<()> {
    if crate::clinic::nkw(kwnames) > 0 {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// METH_VARARGS: `(self, args)`. CPython names only the function in its
/// keyword error, except for an instance method's descriptor call.
fn meth_varargs(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let is_instance = !vm.is_none(s) && !vm.is_type(s) && !vm.isinstance_type(s, &vm.ctx.types.module);
    let fname = if is_instance { qualified(vm, s, "meth_varargs") } else { "meth_varargs".to_string() };
    no_keywords(vm, &fname, k)?;
    Ok(vm.new_tuple(vec![s.clone(), vm.new_tuple_from_slice(a)]))
}

/// METH_VARARGS | METH_KEYWORDS: `(self, args, kwargs)`, kwargs None when
/// no keyword was passed (CPython's NULL).
fn meth_varargs_keywords(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, _) = vm.split_kwargs(a, k);
    let kwargs = if crate::clinic::nkw(k) > 0 { vm.kwargs_dict(a, k)? } else { vm.none() };
    Ok(vm.new_tuple(vec![s.clone(), vm.new_tuple_from_slice(pos), kwargs]))
}

/// METH_O: `(self, arg)`.
fn meth_o(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let arg = crate::clinic::one(vm, &qualified(vm, s, "meth_o"), a, k)?;
    Ok(vm.new_tuple(vec![s.clone(), arg]))
}

/// METH_NOARGS: `self`.
fn meth_noargs(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, &qualified(vm, s, "meth_noargs"), a, k)?;
    Ok(s.clone())
}

/// METH_FASTCALL: `(self, args)`.
fn meth_fastcall(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    no_keywords(vm, &qualified(vm, s, "meth_fastcall"), k)?;
    Ok(vm.new_tuple(vec![s.clone(), vm.new_tuple_from_slice(a)]))
}

/// METH_FASTCALL | METH_KEYWORDS: `(self, args, kwargs)` with kwargs a
/// dict built from the keyword names (empty without keywords).
fn meth_fastcall_keywords(vm: &Vm, s: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, _) = vm.split_kwargs(a, k);
    let kwargs = vm.kwargs_dict(a, k)?;
    Ok(vm.new_tuple(vec![s.clone(), vm.new_tuple_from_slice(pos), kwargs]))
}

fn meth_defs(kind: fn(&'static str, taipan_vm::api::types::MethodFn) -> MethodDef) -> [MethodDef; 6] {
    [
        kind("meth_varargs", meth_varargs),
        kind("meth_varargs_keywords", meth_varargs_keywords),
        kind("meth_o", meth_o),
        kind("meth_noargs", meth_noargs),
        kind("meth_fastcall", meth_fastcall),
        kind("meth_fastcall_keywords", meth_fastcall_keywords),
    ]
}

/// Instances of the three `Meth*` classes hold nothing.
#[derive(Default)]
struct Empty;
impl PyPayload for Empty {}

fn empty_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(vm, cls, &vm.ctx.types.object, Empty)
}

fn meth_class(vm: &Vm, name: &str, doc: &'static str, methods: &[MethodDef]) -> Obj {
    let spec = TypeSpec { name, flags: flags::BASETYPE, methods, doc: Some(doc), ..Default::default() };
    taipan_vm::api::types::new_type::<Empty>(vm, &spec, |s| s.new.set(Some(empty_new)))
}

// ---- PEP 590 method descriptors ---------------------------------------------------------------

/// `MethodDescriptorObject`: which vectorcall function the instance's
/// vectorcall field holds (MethodDescriptor2 puts its own in a second
/// field and leaves the base's NULL).
struct MethodDescriptor {
    base_vectorcall: bool,
}
impl PyPayload for MethodDescriptor {}

fn method_descriptor_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let two = descriptor_type(vm, DESCRIPTOR2).is_some_and(|t| vm.is_subtype(cls, &t));
    let base = descriptor_type(vm, DESCRIPTOR_BASE).unwrap_or_else(|| cls.clone());
    alloc_instance(vm, cls, &base, MethodDescriptor { base_vectorcall: !two })
}

/// `MethodDescriptor_vectorcall`: True when called through the base
/// vectorcall field, False for MethodDescriptor2.
fn method_descriptor_call(vm: &Vm, f: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let md = taipan_vm::api::types::payload_or_err::<MethodDescriptor>(vm, f, "MethodDescriptorBase")?;
    Ok(vm.bool_obj(md.base_vectorcall))
}

/// `func_descr_get`: bound like a function, itself on the class.
fn method_descriptor_get(vm: &Vm, f: &Obj, obj: Option<&Obj>, _ty: Option<&Obj>) -> PyResult<Obj> {
    match obj {
        Some(o) if !vm.is_none(o) => Ok(taipan_vm::api::types::new_method(vm, f.clone(), o.clone())),
        _ => Ok(f.clone()),
    }
}

/// `MethodDescriptorNopGet`: `tp_call` returns its positional arguments.
fn call_return_args(vm: &Vm, _f: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, _) = vm.split_kwargs(a, k);
    Ok(vm.new_tuple_from_slice(pos))
}

fn nop_descr_get(_vm: &Vm, f: &Obj, _obj: Option<&Obj>, _ty: Option<&Obj>) -> PyResult<Obj> {
    Ok(f.clone())
}

fn descriptor_type(vm: &Vm, name: &str) -> Option<Obj> {
    crate::support::module_type(vm, name)
}

fn add_method_descriptor_types(vm: &Vm, d: &Obj) -> PyResult<()> {
    let base_spec = TypeSpec {
        name: "MethodDescriptorBase",
        flags: flags::BASETYPE | flags::METHOD_DESCRIPTOR | HAVE_VECTORCALL,
        ..Default::default()
    };
    let base = taipan_vm::api::types::new_type::<MethodDescriptor>(vm, &base_spec, |s| {
        s.new.set(Some(method_descriptor_new));
        s.call.set(Some(method_descriptor_call));
        s.descr_get.set(Some(method_descriptor_get));
    });
    crate::support::register_type(vm, DESCRIPTOR_BASE, &base);
    dict::set_item_str(vm, d, "MethodDescriptorBase", base.clone())?;
    // Static subtypes inherit both flags while they inherit tp_call and
    // tp_descr_get (CPython's inherit_special / inherit_slots).
    let derived_spec = TypeSpec {
        name: "MethodDescriptorDerived",
        base: Some(&base),
        flags: flags::BASETYPE | flags::METHOD_DESCRIPTOR | HAVE_VECTORCALL,
        ..Default::default()
    };
    let derived = taipan_vm::api::types::new_type::<MethodDescriptor>(vm, &derived_spec, |_| {});
    dict::set_item_str(vm, d, "MethodDescriptorDerived", derived)?;
    let nop_spec =
        TypeSpec { name: "MethodDescriptorNopGet", base: Some(&base), flags: flags::BASETYPE, ..Default::default() };
    let nop = taipan_vm::api::types::new_type::<MethodDescriptor>(vm, &nop_spec, |s| {
        s.call.set(Some(call_return_args));
        s.descr_get.set(Some(nop_descr_get));
    });
    dict::set_item_str(vm, d, "MethodDescriptorNopGet", nop)?;
    let two_spec = TypeSpec {
        name: "MethodDescriptor2",
        base: Some(&base),
        flags: flags::BASETYPE | flags::METHOD_DESCRIPTOR | HAVE_VECTORCALL,
        ..Default::default()
    };
    let two = taipan_vm::api::types::new_type::<MethodDescriptor>(vm, &two_spec, |s| {
        s.new.set(Some(method_descriptor_new));
    });
    crate::support::register_type(vm, DESCRIPTOR2, &two);
    dict::set_item_str(vm, d, "MethodDescriptor2", two)?;
    Ok(())
}

// ---- calls from "C" ---------------------------------------------------------------------------

/// `fastcall_args`: None (NULL, no arguments) or a tuple's items.
fn fastcall_args(vm: &Vm, o: &Obj) -> PyResult<Vec<Obj>> {
    if vm.is_none(o) {
        return Ok(Vec::new());
    }
    if !vm.isinstance_type(o, &vm.ctx.types.tuple) {
        return Err(vm.type_error("args must be None or a tuple"));
    }
    Ok(tuple::items(o).to_vec())
}

/// Keyword names must be strs: the VM's calls rely on it.
fn check_kwnames(vm: &Vm, kwnames: &Obj) -> PyResult<()> {
    if tuple::items(kwnames).iter().all(|n| taipan_vm::api::str::as_str(n).is_some()) {
        return Ok(());
    }
    Err(vm.type_error("keywords must be strings"))
}

/// `pyobject_fastcall(func, args)`: `_PyObject_FastCall`.
fn pyobject_fastcall(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [func, args] = args::exact::<2>(vm, "pyobject_fastcall", a, k)?;
    let stack = fastcall_args(vm, &args)?;
    vm.call(&func, &stack, None)
}

/// `pyobject_fastcalldict(func, args, kwargs)`: `PyObject_VectorcallDict`.
fn pyobject_fastcalldict(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [func, argv, kwargs] = args::exact::<3>(vm, "pyobject_fastcalldict", a, k)?;
    let stack = fastcall_args(vm, &argv)?;
    if vm.is_none(&kwargs) {
        return vm.call(&func, &stack, None);
    }
    if dict::data(&kwargs).is_none() {
        return Err(vm.type_error("kwnames must be None or a dict"));
    }
    vm.call_with_dict(&func, stack, Some(&kwargs))
}

/// `pyobject_vectorcall(func, args, kwnames)`: `PyObject_Vectorcall`, the
/// keyword values at the end of `args`.
fn pyobject_vectorcall(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [func, argv, kwnames] = args::exact::<3>(vm, "pyobject_vectorcall", a, k)?;
    let stack = fastcall_args(vm, &argv)?;
    if vm.is_none(&kwnames) {
        return vm.call(&func, &stack, None);
    }
    if !vm.isinstance_type(&kwnames, &vm.ctx.types.tuple) {
        return Err(vm.type_error("kwnames must be None or a tuple"));
    }
    if stack.len() < tuple::len(&kwnames) {
        return Err(vm.value_error("kwnames longer than args"));
    }
    check_kwnames(vm, &kwnames)?;
    let names = (tuple::len(&kwnames) > 0).then_some(&kwnames);
    vm.call(&func, &stack, names)
}

/// `pyvectorcall_call(func, argstuple[, kwargs])`: `PyVectorcall_Call`.
fn pyvectorcall_call(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "pyvectorcall_call", k)?;
    crate::clinic::check_count(vm, "pyvectorcall_call", a.len(), 2, 3)?;
    if !vm.isinstance_type(&a[1], &vm.ctx.types.tuple) {
        return Err(vm.type_error("args must be a tuple"));
    }
    let kwargs = a.get(2);
    if kwargs.is_some_and(|kw| dict::data(kw).is_none()) {
        return Err(vm.type_error("kwargs must be a dict"));
    }
    vm.call_with_dict(&a[0], tuple::items(&a[1]).to_vec(), kwargs)
}

// ---- version tags -----------------------------------------------------------------------------

/// `dict_get_version(d)`: the dict's version tag (`ma_version_tag`), which
/// every change of the dict replaces with a new, globally unique value.
fn dict_get_version(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [d] = args::exact::<1>(vm, "dict_get_version", a, k)?;
    match dict::data(&d) {
        Some(data) => Ok(vm.new_usize(data.version() as usize)),
        None => Err(vm.type_error(format!("argument 1 must be dict, not {}", type_name(vm, &d)))),
    }
}

fn type_name(vm: &Vm, o: &Obj) -> String {
    if vm.is_none(o) {
        return "None".to_string();
    }
    crate::support::short_type_name(o)
}

fn type_arg(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [t] = args::exact::<1>(vm, fname, a, k)?;
    if !vm.is_type(&t) {
        return Err(vm.type_error("argument must be a type"));
    }
    Ok(t)
}

/// `type_get_version(t)`: `tp_version_tag`, 0 while none is assigned.
fn type_get_version(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let t = type_arg(vm, "type_get_version", a, k)?;
    Ok(vm.new_usize(taipan_vm::api::types::type_version_tag(&t) as usize))
}

/// `type_assign_version(t)`: give the type a version tag if it has none
/// (1), or 0 when the tags are used up.
fn type_assign_version(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let t = type_arg(vm, "type_assign_version", a, k)?;
    Ok(vm.new_int(i64::from(taipan_vm::api::types::assign_version_tag(&t))))
}

/// `type_modified(t)`: `PyType_Modified`, the type and its subclasses
/// lose their version tags (and the caches keyed by them).
fn type_modified(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let t = type_arg(vm, "type_modified", a, k)?;
    taipan_vm::api::types::type_modified(vm, &t);
    Ok(vm.none())
}

// ---- helpers other test modules use -----------------------------------------------------------

/// `raise_exception(exc, nargs)`: raise `exc(0, 1, ..., nargs - 1)`.
fn raise_exception(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [exc, n] = args::exact::<2>(vm, "raise_exception", a, k)?;
    let n = crate::support::ssize_arg(vm, &n)?.max(0);
    let exc_args: Vec<Obj> = (0..n as i64).map(|i| vm.new_int(i)).collect();
    let value = vm.call(&exc, &exc_args, None)?;
    if !vm.isinstance_type(&value, &vm.ctx.exceptions.base_exception) {
        return Err(vm.type_error("exceptions must derive from BaseException"));
    }
    Err(PyErr(value))
}

/// `fatal_error(message, release_gil=0)`: `Py_FatalError` from a C function
/// named `test_fatal_error`, optionally with the GIL released first
/// (test_faulthandler checks the report either way).
fn fatal_error(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "fatal_error", k)?;
    crate::clinic::check_count(vm, "fatal_error", a.len(), 1, 2)?;
    let Some(message) = taipan_vm::api::bytes::as_bytes_ref(&a[0]) else {
        return Err(vm.type_error(format!(
            "fatal_error() argument 1 must be bytes, not {}",
            crate::support::short_type_name(&a[0])
        )));
    };
    let message = String::from_utf8_lossy(message).into_owned();
    let release_gil = match a.get(1) {
        Some(v) => crate::converters::c_int(vm, v)? != 0,
        None => false,
    };
    if release_gil {
        let m = message.clone();
        vm.allow_threads(move || {
            taipan_vm::api::traceback::fatal_error("test_fatal_error", &m);
        });
    }
    taipan_vm::api::traceback::fatal_error("test_fatal_error", &message)
}

/// `set_errno(n)`: set C's `errno`, which the next system call may not
/// reset (test_cmath checks a stale errno does not leak into a result).
fn set_errno(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [n] = args::exact::<1>(vm, "set_errno", a, k)?;
    let n = crate::support::ssize_arg(vm, &n)?;
    let n = libc::c_int::try_from(n).map_err(|_| vm.overflow_error("signed integer is greater than maximum"))?;
    // SAFETY: __errno_location returns this thread's errno slot, always valid.
    unsafe { *libc::__errno_location() = n };
    Ok(vm.none())
}

/// `W_STOPCODE(sig)`: the wait status of a process stopped by `sig`.
fn w_stopcode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [sig] = args::exact::<1>(vm, "W_STOPCODE", a, k)?;
    let sig = crate::support::ssize_arg(vm, &sig)?;
    let sig = i32::try_from(sig).map_err(|_| vm.overflow_error("signed integer is greater than maximum"))?;
    Ok(vm.new_int(i64::from((sig << 8) | 0x7f)))
}

/// `sequence_getitem(seq, i)`: `PySequence_GetItem`.
fn sequence_getitem(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [seq, i] = args::exact::<2>(vm, "sequence_getitem", a, k)?;
    vm.getitem(&seq, &i)
}

/// `sequence_setitem(seq, i, value)`: `PySequence_SetItem`.
fn sequence_setitem(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [seq, i, v] = args::exact::<3>(vm, "sequence_setitem", a, k)?;
    vm.setitem(&seq, &i, &v)?;
    Ok(vm.none())
}

/// `bad_get(self, obj, cls)`: a `__get__` that calls `cls()` (which may
/// delete the descriptor from the class) and returns `repr(self)`.
fn bad_get(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [self_, _obj, cls] = args::exact::<3>(vm, "bad_get", a, k)?;
    drop(vm.call0(&cls)?);
    vm.repr(&self_)
}

/// The interpreter's registry key of the exit lock of a thread started by
/// `call_in_temporary_c_thread(..., False)`, for `join_temporary_c_thread`.
const EXIT_EVENT: &str = "_testcapi.temporary_c_thread_exit";

/// `call_in_temporary_c_thread(callback, wait=True)`: run `callback` in a
/// thread Python did not start through `threading` (so it sees a dummy
/// thread), printing its exception; wait for it to end unless `wait` is
/// false (then `join_temporary_c_thread` does).
fn call_in_temporary_c_thread(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "call_in_temporary_c_thread", k)?;
    crate::clinic::check_count(vm, "call_in_temporary_c_thread", a.len(), 1, 2)?;
    let callback = a[0].clone();
    let wait = match a.get(1) {
        Some(w) => vm.is_true(w)?,
        None => true,
    };
    let thread = taipan_vm::api::import::import_module(vm, "_thread")?;
    let exit = vm.call0(&vm.getattr_str(&thread, "allocate_lock")?)?;
    vm.call_method(&exit, "acquire", &[])?;
    let exit_in_thread = exit.clone();
    let body = Box::new(move |vm: &Vm| {
        if let Err(e) = vm.call0(&callback) {
            taipan_vm::api::run::print_exception(vm, e.value());
        }
        drop(callback);
        if let Err(e) = vm.call_method(&exit_in_thread, "release", &[]) {
            taipan_vm::api::run::print_exception(vm, e.value());
        }
    });
    if taipan_vm::api::thread::start_thread(vm, 0, body).is_err() {
        return Err(vm.runtime_error("unable to start the thread"));
    }
    if wait {
        vm.call_method(&exit, "acquire", &[])?;
        vm.call_method(&exit, "release", &[])?;
    } else {
        crate::support::register_type(vm, EXIT_EVENT, &exit);
    }
    Ok(vm.none())
}

/// `join_temporary_c_thread()`: wait for the thread the last
/// `call_in_temporary_c_thread(..., False)` started.
fn join_temporary_c_thread(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "join_temporary_c_thread", a, k)?;
    let Some(exit) = vm.lazy_types.borrow_mut().remove(EXIT_EVENT) else { return Ok(vm.none()) };
    vm.call_method(&exit, "acquire", &[])?;
    vm.call_method(&exit, "release", &[])?;
    Ok(vm.none())
}

/// `write_unraisable_exc(exc, err_msg, obj)`: report `exc` through
/// `sys.unraisablehook` (`_PyErr_WriteUnraisableMsg`): "Exception ignored
/// " + `err_msg` in place of "Exception ignored in", unless it is None.
fn write_unraisable_exc(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [exc, err_msg, obj] = args::exact::<3>(vm, "write_unraisable_exc", a, k)?;
    if !vm.isinstance_type(&exc, &vm.ctx.exceptions.base_exception) {
        return Err(vm.type_error("exceptions must derive from BaseException"));
    }
    let msg = if vm.is_none(&err_msg) {
        None
    } else {
        let text = taipan_vm::api::str::as_str(&err_msg)
            .ok_or_else(|| vm.type_error("bad argument type for built-in operation"))?;
        Some(format!("Exception ignored {text}"))
    };
    vm.write_unraisable_msg(&PyErr(exc), msg.as_deref(), Some(&obj));
    Ok(vm.none())
}

/// A C `unsigned` or `uintptr_t` argument (`I`/`K`: no overflow check,
/// the low bits, as CPython's converters take them).
fn unsigned_arg(vm: &Vm, o: &Obj) -> PyResult<u64> {
    Ok(match vm.index_value(o)? {
        taipan_vm::api::int::IntValue::Small(v) => v as u64,
        taipan_vm::api::int::IntValue::Big(b) => {
            let (sign, digits) = b.to_u64_digits();
            let low = digits.first().copied().unwrap_or(0);
            if sign == num_bigint::Sign::Minus {
                low.wrapping_neg()
            } else {
                low
            }
        }
    })
}

/// `tracemalloc_track(domain, ptr, size, release_gil=0)`:
/// `PyTraceMalloc_Track`, RuntimeError when tracing is off. The trace is
/// taken with the GIL held whatever `release_gil` says: Taipan's tracker
/// reads the calling thread's frames, which CPython's takes the GIL for.
fn tracemalloc_track(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "tracemalloc_track", k)?;
    crate::clinic::check_count(vm, "tracemalloc_track", a.len(), 3, 4)?;
    let domain = unsigned_arg(vm, &a[0])? as u32;
    let ptr = unsigned_arg(vm, &a[1])? as usize;
    let size = crate::support::ssize_arg(vm, &a[2])?;
    let size = usize::try_from(size).unwrap_or(0);
    if !taipan_vm::api::tracemalloc::track(domain, ptr, size) {
        return Err(vm.runtime_error("PyTraceMalloc_Track error"));
    }
    Ok(vm.none())
}

/// `tracemalloc_untrack(domain, ptr)`: `PyTraceMalloc_Untrack`.
fn tracemalloc_untrack(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, ptr] = args::exact::<2>(vm, "tracemalloc_untrack", a, k)?;
    let (domain, ptr) = (unsigned_arg(vm, &domain)? as u32, unsigned_arg(vm, &ptr)? as usize);
    if !taipan_vm::api::tracemalloc::untrack(domain, ptr) {
        return Err(vm.runtime_error("PyTraceMalloc_Untrack error"));
    }
    Ok(vm.none())
}

/// `tracemalloc_get_traceback(domain, ptr)`: the block's traceback as
/// `_tracemalloc` gives them, or None.
fn tracemalloc_get_traceback(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, ptr] = args::exact::<2>(vm, "tracemalloc_get_traceback", a, k)?;
    let (domain, ptr) = (unsigned_arg(vm, &domain)? as u32, unsigned_arg(vm, &ptr)? as usize);
    Ok(match taipan_vm::api::tracemalloc::block_traceback(domain, ptr) {
        Some(tb) => crate::_tracemalloc::traceback_tuple(vm, tb),
        None => vm.none(),
    })
}

/// The `_struct` format of a float of `size` bytes (`PyFloat_Pack2/4/8`
/// are the `e`, `f` and `d` formats).
fn float_format(size: usize, le: bool) -> Option<&'static str> {
    Some(match (size, le) {
        (2, false) => ">e",
        (2, true) => "<e",
        (4, false) => ">f",
        (4, true) => "<f",
        (8, false) => ">d",
        (8, true) => "<d",
        _ => return None,
    })
}

fn struct_call(vm: &Vm, func: &str, args: &[Obj]) -> PyResult<Obj> {
    let module = taipan_vm::api::import::import_module(vm, "_struct")?;
    let f = vm.getattr_str(&module, func)?;
    vm.call(&f, args, None)
}

/// `float_pack(size, x, le)`: `PyFloat_Pack2/4/8`.
fn float_pack(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [size, x, le] = args::exact::<3>(vm, "float_pack", a, k)?;
    let size = crate::support::ssize_arg(vm, &size)?;
    let le = crate::support::ssize_arg(vm, &le)? != 0;
    let x = vm.new_float(vm.to_f64(&x)?);
    let Some(fmt) = usize::try_from(size).ok().and_then(|n| float_format(n, le)) else {
        return Err(vm.value_error("size must 2, 4 or 8"));
    };
    struct_call(vm, "pack", &[vm.new_str(fmt), x])
}

/// `float_unpack(data, le)`: `PyFloat_Unpack2/4/8` by the data's length.
fn float_unpack(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [data, le] = args::exact::<2>(vm, "float_unpack", a, k)?;
    let bytes = taipan_vm::api::bytes::bytes_like(vm, &data)?;
    let le = crate::support::ssize_arg(vm, &le)? != 0;
    let Some(fmt) = float_format(bytes.len(), le) else {
        return Err(vm.value_error("data length must 2, 4 or 8 bytes"));
    };
    let t = struct_call(vm, "unpack", &[vm.new_str(fmt), data])?;
    tuple::items(&t).first().cloned().ok_or_else(|| vm.system_error("unpack gave no value"))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("meth_varargs", meth_varargs),
    MethodDef::static_("meth_varargs_keywords", meth_varargs_keywords),
    MethodDef::static_("meth_o", meth_o),
    MethodDef::static_("meth_noargs", meth_noargs),
    MethodDef::static_("meth_fastcall", meth_fastcall),
    MethodDef::static_("meth_fastcall_keywords", meth_fastcall_keywords),
    MethodDef::static_("pyobject_fastcall", pyobject_fastcall),
    MethodDef::static_("pyobject_fastcalldict", pyobject_fastcalldict),
    MethodDef::static_("pyobject_vectorcall", pyobject_vectorcall),
    MethodDef::static_("pyvectorcall_call", pyvectorcall_call),
    MethodDef::static_("dict_get_version", dict_get_version),
    MethodDef::static_("type_get_version", type_get_version),
    MethodDef::static_("type_assign_version", type_assign_version),
    MethodDef::static_("type_modified", type_modified),
    MethodDef::static_("raise_exception", raise_exception),
    MethodDef::static_("fatal_error", fatal_error),
    MethodDef::static_("set_errno", set_errno),
    MethodDef::static_("W_STOPCODE", w_stopcode),
    MethodDef::static_("sequence_getitem", sequence_getitem),
    MethodDef::static_("sequence_setitem", sequence_setitem),
    MethodDef::static_("float_pack", float_pack),
    MethodDef::static_("float_unpack", float_unpack),
    MethodDef::static_("bad_get", bad_get),
    MethodDef::static_("write_unraisable_exc", write_unraisable_exc),
    MethodDef::static_("tracemalloc_track", tracemalloc_track),
    MethodDef::static_("tracemalloc_untrack", tracemalloc_untrack),
    MethodDef::static_("tracemalloc_get_traceback", tracemalloc_get_traceback),
    MethodDef::static_("call_in_temporary_c_thread", call_in_temporary_c_thread),
    MethodDef::static_("join_temporary_c_thread", join_temporary_c_thread),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, MODULE);
    module::add_functions(vm, &m, MODULE, FUNCTIONS);
    module::add_functions(vm, &m, MODULE, pytime::FUNCTIONS);
    module::add_functions(vm, &m, MODULE, datetime::FUNCTIONS);
    module::add_functions(vm, &m, MODULE, hamt::FUNCTIONS);
    let d = module::module_dict(&m);
    add_constants(vm, &d)?;
    let instance = meth_class(
        vm,
        "MethInstance",
        "Class with normal (instance) methods to test calling conventions",
        &meth_defs(MethodDef::method),
    );
    dict::set_item_str(vm, &d, "MethInstance", instance)?;
    let class = meth_class(
        vm,
        "MethClass",
        "Class with class methods to test calling conventions",
        &meth_defs(MethodDef::class),
    );
    dict::set_item_str(vm, &d, "MethClass", class)?;
    let stat = meth_class(
        vm,
        "MethStatic",
        "Class with static methods to test calling conventions",
        &meth_defs(MethodDef::static_),
    );
    dict::set_item_str(vm, &d, "MethStatic", stat)?;
    add_method_descriptor_types(vm, &d)?;
    Ok(m)
}
