//! `module` (CPython's `Objects/moduleobject.c`) and
//! `types.SimpleNamespace` (`Objects/namespaceobject.c`).

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{dict, str as pystr, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct ModuleData;
impl PyPayload for ModuleData {}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<ModuleData>(
        "module",
        std::mem::size_of::<PyCell<ModuleData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    )
    .with_dict()
    .with_weaklist()
    .with_weaklist();
    t.doc = Some("Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.");
    t.slots.getattro.set(Some(module_getattro));
    t.slots.setattro.set_as(type_::generic_setattr, crate::object::typeobj::slot_id::GENERIC_SETATTR);
    t.slots.repr.set(Some(module_repr));
    t.slots.new.set(Some(module_new));
    t.slots.init.set(Some(module_init));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.module;
    add_getsets(
        vm,
        ty,
        &[
            // CPython's is a read-only member: "readonly attribute".
            GetSetDef::new(
                "__dict__",
                crate::objects::class::get_dict_attr,
                Some(|vm, _, _| Err(vm.attribute_error("readonly attribute"))),
            ),
            GetSetDef::new("__annotations__", module_get_annotations, Some(module_set_annotations)),
        ],
    );
    add_methods(vm, ty, &[MethodDef::method("__dir__", module_dir)]);
    let ns = &vm.ctx.types.simple_namespace;
    add_getsets(vm, ns, &[GetSetDef::new("__dict__", crate::objects::class::get_dict_attr, None)]);
    add_methods(vm, ns, &[MethodDef::method("__reduce__", ns_reduce)]);
}

/// The module's `__dict__`, which a subclass may replace by anything.
fn module_namespace(vm: &Vm, m: &Obj) -> PyResult<Obj> {
    let d = vm.getattr_str(m, "__dict__")?;
    if dict::data(&d).is_none() {
        return Err(vm.type_error("<module>.__dict__ is not a dictionary"));
    }
    Ok(d)
}

/// `module.__annotations__`: made (empty) on first use, as CPython 3.10+.
fn module_get_annotations(vm: &Vm, m: &Obj) -> PyResult<Obj> {
    let d = module_namespace(vm, m)?;
    if let Some(a) = dict::get_item_opt(vm, &d, &vm.intern("__annotations__"))? {
        return Ok(a);
    }
    let a = vm.new_dict();
    dict::set_item(vm, &d, vm.intern("__annotations__"), a.clone())?;
    Ok(a)
}

fn module_set_annotations(vm: &Vm, m: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let d = module_namespace(vm, m)?;
    let key = vm.intern("__annotations__");
    match v {
        Some(v) => dict::set_item(vm, &d, key, v.clone()),
        None => {
            if dict::get_item_opt(vm, &d, &key)?.is_none() {
                return Err(vm.attribute_error("__annotations__"));
            }
            dict::del_item(vm, &d, &key)
        }
    }
}

/// A new module object named `name`.
pub fn new_module(vm: &Vm, name: &str) -> Obj {
    let m = alloc_object(&vm.ctx.types.module, ModuleData);
    let d = vm.new_dict();
    m.set_instance_dict(Some(d.clone()));
    for (k, v) in [
        ("__name__", vm.new_str(name)),
        ("__doc__", vm.none()),
        ("__package__", vm.none()),
        ("__loader__", vm.none()),
        ("__spec__", vm.none()),
    ] {
        dict::set_item_str(vm, &d, k, v).expect("module dict");
    }
    m
}

/// The dict of `m` if it is a module.
pub(crate) fn try_module_dict(m: &Obj) -> Option<Obj> {
    if m.has_payload::<ModuleData>() {
        m.instance_dict()
    } else {
        None
    }
}

/// The module's dict (`m` is a module).
pub fn module_dict(m: &Obj) -> Obj {
    m.instance_dict().expect("module dict")
}

fn module_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let m = alloc_object(cls, ModuleData);
    m.set_instance_dict(Some(vm.new_dict()));
    Ok(m)
}

fn module_init(vm: &Vm, m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let a = crate::args::parse(vm, "module", args, kwnames, &["name", "doc"], 1)?;
    let name = a[0].clone().expect("required");
    if pystr::data(&name).is_none() {
        return Err(
            vm.type_error(format!("module.__init__() argument 'name' must be str, not {}", name.class().name()))
        );
    }
    let d = module_dict(m);
    dict::set_item_str(vm, &d, "__name__", name)?;
    dict::set_item_str(vm, &d, "__doc__", a[1].clone().unwrap_or_else(|| vm.none()))?;
    for k in ["__package__", "__loader__", "__spec__"] {
        dict::set_item_str(vm, &d, k, vm.none())?;
    }
    Ok(())
}

fn module_name(vm: &Vm, m: &Obj) -> Option<String> {
    let d = m.instance_dict()?;
    let n = dict::get_item_str(vm, &d, "__name__")?;
    pystr::as_str(&n).map(|s| s.to_string())
}

enum CircularState {
    None,
    Initializing,
    UninitializedSubmodule,
}

/// Why a module may lack an attribute during a circular import: its
/// `__spec__._initializing`, or `name` in `__spec__._uninitialized_submodules`
/// (CPython's `_PyModuleSpec_IsInitializing` and
/// `_PyModuleSpec_IsUninitializedSubmodule`).
fn circular_import_state(vm: &Vm, m: &Obj, name: &Obj) -> PyResult<CircularState> {
    let Some(spec) = m.instance_dict().and_then(|d| dict::get_item_str(vm, &d, "__spec__")) else {
        return Ok(CircularState::None);
    };
    if vm.is_none(&spec) {
        return Ok(CircularState::None);
    }
    let initializing = match vm.getattr_str_opt(&spec, "_initializing") {
        Ok(Some(v)) => vm.is_true(&v).unwrap_or(false),
        _ => false,
    };
    if initializing {
        return Ok(CircularState::Initializing);
    }
    if let Ok(Some(subs)) = vm.getattr_str_opt(&spec, "_uninitialized_submodules") {
        if vm.contains(&subs, name).unwrap_or(false) {
            return Ok(CircularState::UninitializedSubmodule);
        }
    }
    Ok(CircularState::None)
}

fn module_getattro(vm: &Vm, m: &Obj, name: &Obj) -> PyResult<Obj> {
    if let Some(v) = type_::generic_getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    if let Some(d) = m.instance_dict() {
        if let Some(getattr) = dict::get_item_str(vm, &d, "__getattr__") {
            return vm.call(&getattr, std::slice::from_ref(name), None);
        }
    }
    let attr = pystr::as_str_lossy(name);
    let msg = match module_name(vm, m) {
        Some(n) => match circular_import_state(vm, m, name)? {
            CircularState::Initializing => format!(
                "partially initialized module '{n}' has no attribute '{attr}' (most likely due to a circular import)"
            ),
            CircularState::UninitializedSubmodule => {
                format!("cannot access submodule '{attr}' of module '{n}' (most likely due to a circular import)")
            }
            CircularState::None => format!("module '{n}' has no attribute '{attr}'"),
        },
        None => format!("module has no attribute '{attr}'"),
    };
    let e = vm.new_exception_msg(&vm.ctx.exceptions.attribute_error, &msg);
    crate::objects::exceptions::set_extra(&e.0, "name", name.clone());
    crate::objects::exceptions::set_extra(&e.0, "obj", m.clone());
    Err(e)
}

fn module_repr(vm: &Vm, m: &Obj) -> PyResult<Obj> {
    // As CPython 3.11: importlib's `_module_repr` decides (it knows
    // loaders, specs and namespace packages).
    let importlib = vm.importlib.borrow().clone();
    if let Some(importlib) = importlib {
        return vm.call(&vm.getattr_str(&importlib, "_module_repr")?, std::slice::from_ref(m), None);
    }
    let name = module_name(vm, m).unwrap_or_else(|| "?".into());
    let d = module_dict(m);
    if let Some(f) = dict::get_item_str(vm, &d, "__file__") {
        if pystr::data(&f).is_some() {
            return Ok(vm.new_str_from_string(format!("<module '{}' from '{}'>", name, pystr::as_str_lossy(&f))));
        }
    }
    if crate::import::is_builtin_module_name(vm, &name) {
        return Ok(vm.new_str_from_string(format!("<module '{name}' (built-in)>")));
    }
    Ok(vm.new_str_from_string(format!("<module '{name}'>")))
}

fn module_dir(vm: &Vm, m: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    // `__dict__` as an attribute: a subclass may override it.
    let d = vm.getattr_str(m, "__dict__")?;
    if dict::data(&d).is_none() {
        return Err(vm.type_error("<module>.__dict__ is not a dictionary"));
    }
    if let Some(f) = dict::get_item_str(vm, &d, "__dir__") {
        return vm.call0(&f);
    }
    Ok(vm.new_list(dict::keys(&d)))
}

// ---- SimpleNamespace ---------------------------------------------------------------------------

pub(crate) struct NamespaceData;
impl PyPayload for NamespaceData {}

pub(crate) fn simple_namespace_type_object() -> TypeObject {
    let mut t = TypeObject::new::<NamespaceData>(
        "types.SimpleNamespace",
        std::mem::size_of::<PyCell<NamespaceData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    )
    .with_dict();
    t.doc = Some("A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)");
    t.slots.getattro.set_as(type_::generic_getattr, crate::object::typeobj::slot_id::GENERIC_GETATTR);
    t.slots.setattro.set_as(type_::generic_setattr, crate::object::typeobj::slot_id::GENERIC_SETATTR);
    t.slots.repr.set(Some(ns_repr));
    t.slots.richcompare.set(Some(ns_richcompare));
    t.slots
        .hash
        .set_as(crate::objects::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
    t.slots.new.set(Some(|vm, cls, _a, _k| {
        let o = alloc_object(cls, NamespaceData);
        o.set_instance_dict(Some(vm.new_dict()));
        Ok(o)
    }));
    t.slots.init.set(Some(ns_init));
    t
}

fn ns_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    if !pos.is_empty() {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let d = module_dict(o);
    for (k, v) in kw {
        dict::set_item(vm, &d, k, v)?;
    }
    Ok(())
}

fn ns_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name =
        if o.type_is(&vm.ctx.types.simple_namespace) { "namespace".to_string() } else { o.class().name().to_string() };
    let Some(_g) = vm.repr_enter(o) else { return Ok(vm.new_str_from_string(format!("{name}(...)"))) };
    let d = module_dict(o);
    let mut parts = Vec::new();
    for (k, v) in dict::items(&d) {
        if let Some(ks) = pystr::as_str(&k) {
            parts.push(format!("{}={}", ks, vm.repr_string(&v)?));
        }
    }
    Ok(vm.new_str_from_string(format!("{}({})", name, parts.join(", "))))
}

fn ns_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !b.has_payload::<NamespaceData>() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    vm.rich_compare(&module_dict(a), &module_dict(b), op)
}

fn ns_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_tuple(vec![o.class_obj(), vm.ctx.empty_tuple.clone(), module_dict(o)]))
}
