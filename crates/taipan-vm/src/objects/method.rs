//! `method`: a function bound to an object (CPython's
//! `Objects/classobject.c`).

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{str as pystr, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct MethodData {
    pub func: Obj,
    pub self_: Obj,
}
impl PyPayload for MethodData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.func);
        visit(&self.self_);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t =
        TypeObject::new::<MethodData>("method", std::mem::size_of::<PyCell<MethodData>>(), true, flags::IMMUTABLETYPE)
            .with_weaklist();
    t.doc = Some("Create a bound instance method object.");
    t.slots.call.set(Some(method_call));
    t.slots.repr.set(Some(method_repr));
    t.slots.richcompare.set(Some(method_richcompare));
    t.slots.hash.set(Some(method_hash));
    t.slots.getattro.set(Some(method_getattro));
    // No `__get__` (CPython 3.11's method type has none): a bound method
    // stored on a class stays as it is, and `classmethod(bound)` binds it
    // again to the class.
    t.slots.new.set(Some(method_new));
    t.mark_container::<MethodData>();
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.method;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("__func__", |_, o| Ok(data(o).func.clone()), None),
            GetSetDef::new("__self__", |_, o| Ok(data(o).self_.clone()), None),
            GetSetDef::new("__doc__", |vm, o| vm.getattr_str(&data(o).func, "__doc__"), None),
        ],
    );
    add_methods(vm, ty, &[MethodDef::method("__reduce__", method_reduce)]);
}

pub(crate) fn data(o: &Obj) -> &MethodData {
    o.payload::<MethodData>().expect("a method")
}

/// A bound method (`PyMethod_New`).
pub fn new_method(vm: &Vm, func: Obj, self_: Obj) -> Obj {
    alloc_object(&vm.ctx.types.method, MethodData { func, self_ })
}

fn method_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "method", kwnames)?;
    crate::args::check_positional(vm, "method", args.len(), 2, 2)?;
    if !vm.is_callable(&args[0]) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if vm.is_none(&args[1]) {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(new_method(vm, args[0].clone(), args[1].clone()))
}

fn method_call(vm: &Vm, m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = data(m);
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(d.self_.clone());
    full.extend_from_slice(args);
    vm.call(&d.func, &full, kwnames)
}

fn method_repr(vm: &Vm, m: &Obj) -> PyResult<Obj> {
    let d = data(m);
    let name = match vm.getattr_str_opt(&d.func, "__qualname__")? {
        Some(n) => n,
        None => match vm.getattr_str_opt(&d.func, "__name__")? {
            Some(n) => n,
            None => vm.new_str("?"),
        },
    };
    let name = if pystr::data(&name).is_some() { pystr::as_str_lossy(&name).into_owned() } else { "?".into() };
    Ok(vm.new_str_from_string(format!("<bound method {} of {}>", name, vm.repr_string(&d.self_)?)))
}

fn method_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(mb) = b.payload::<MethodData>() else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let ma = data(a);
    let eq = ma.self_.is(&mb.self_) && vm.eq(&ma.func, &mb.func)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn method_hash(vm: &Vm, m: &Obj) -> PyResult<i64> {
    let d = data(m);
    let x = (d.self_.id() as u64).rotate_right(4) as i64;
    let y = vm.hash(&d.func)?;
    Ok(crate::hash::fix(x ^ y))
}

/// Attributes come from the method type first, then from the function.
fn method_getattro(vm: &Vm, m: &Obj, name: &Obj) -> PyResult<Obj> {
    if let Some(descr) = type_::lookup(vm, m.class(), name) {
        if let Some(get) = descr.class().slots.descr_get.get() {
            return get(vm, &descr, Some(m), Some(&m.class_obj()));
        }
        return Ok(descr);
    }
    vm.getattr(&data(m).func, name)
}

fn method_reduce(vm: &Vm, m: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = data(m);
    let getattr = vm.getattr_str(&vm.builtins_module(), "getattr")?;
    let name = vm.getattr_str(&d.func, "__name__")?;
    Ok(vm.new_tuple(vec![getattr, vm.new_tuple(vec![d.self_.clone(), name])]))
}
