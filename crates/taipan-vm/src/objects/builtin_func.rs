//! `builtin_function_or_method` (CPython's `Objects/methodobject.c`): a
//! Rust function, bound to a module (`len`) or an object (`[].append`).

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::vm::{PyResult, Vm};

pub(crate) struct BuiltinFunctionData {
    pub def: MethodDef,
    /// The bound object (`[].append`), or the module of a module function.
    pub self_: Option<Obj>,
    /// `__module__` of a module function.
    pub module: Option<Obj>,
    /// The type whose method descriptor made this bound method (`str` for
    /// `'a'.lower`), named in argument errors as CPython does (`str.lower()`).
    pub owner: Option<Obj>,
}
impl PyPayload for BuiltinFunctionData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Some(v) = &self.self_ {
            visit(v);
        }
        if let Some(v) = &self.module {
            visit(v);
        }
        if let Some(v) = &self.owner {
            visit(v);
        }
    }
}

impl BuiltinFunctionData {
    pub(crate) fn name(&self) -> &'static str {
        self.def.name
    }
}

pub(crate) fn type_object() -> TypeObject {
    let t = TypeObject::new::<BuiltinFunctionData>(
        "builtin_function_or_method",
        std::mem::size_of::<PyCell<BuiltinFunctionData>>(),
        true,
        flags::IMMUTABLETYPE,
    )
    .with_weaklist();
    t.slots.call.set(Some(builtin_call));
    t.slots.repr.set(Some(builtin_repr));
    t.slots.richcompare.set(Some(builtin_richcompare));
    t.slots.hash.set(Some(builtin_hash));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.builtin_function;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("__name__", |vm, o| Ok(vm.new_str(data(o).def.name)), None),
            GetSetDef::new("__qualname__", builtin_qualname, None),
            GetSetDef::new("__self__", |vm, o| Ok(call_self(data(o)).cloned().unwrap_or_else(|| vm.none())), None),
            GetSetDef::new("__module__", |vm, o| Ok(data(o).module.clone().unwrap_or_else(|| vm.none())), None),
            GetSetDef::new(
                "__doc__",
                |vm, o| Ok(crate::doc::doc_value(vm, doc_entry(vm, o), data(o).def.name, data(o).def.doc)),
                None,
            ),
            GetSetDef::new("__text_signature__", |vm, o| Ok(crate::doc::signature_value(vm, doc_entry(vm, o))), None),
        ],
    );
    add_methods(vm, ty, &[MethodDef::method("__reduce__", builtin_reduce)]);
}

/// CPython's docstring of this builtin: by the module of a module
/// function, or the type of a method (the descriptor's owner, or the type a
/// static or class method is bound to).
fn doc_entry(vm: &Vm, o: &Obj) -> Option<crate::doc::Doc> {
    let d = data(o);
    if let Some(owner) = &d.owner {
        return crate::doc::of_static_type(owner, d.def.name);
    }
    if let Some(m) = &d.module {
        return crate::doc::of_module(crate::objects::str::as_str(m)?, d.def.name);
    }
    match &d.self_ {
        Some(s) if vm.is_type(s) => crate::doc::of_static_type(s, d.def.name),
        _ => None,
    }
}

fn data(o: &Obj) -> &BuiltinFunctionData {
    o.payload::<BuiltinFunctionData>().expect("a builtin function")
}

/// A builtin method bound to `self_` (or unbound, for static methods).
pub fn new_method_function(vm: &Vm, def: &MethodDef, self_: Option<Obj>) -> Obj {
    alloc_object(&vm.ctx.types.builtin_function, BuiltinFunctionData { def: *def, self_, module: None, owner: None })
}

/// A method descriptor of `owner` bound to `self_` (`'a'.lower`).
pub(crate) fn new_bound_method(vm: &Vm, def: &MethodDef, self_: Obj, owner: &Obj) -> Obj {
    alloc_object(
        &vm.ctx.types.builtin_function,
        BuiltinFunctionData { def: *def, self_: Some(self_), module: None, owner: Some(owner.clone()) },
    )
}

/// A module-level builtin function.
pub(crate) fn new_module_function(vm: &Vm, def: &MethodDef, module: &Obj, module_name: &str) -> Obj {
    alloc_object(
        &vm.ctx.types.builtin_function,
        BuiltinFunctionData {
            def: *def,
            self_: Some(module.clone()),
            module: Some(vm.new_str(module_name)),
            owner: None,
        },
    )
}

fn builtin_call(vm: &Vm, f: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = data(f);
    let none;
    let self_ = match call_self(d) {
        Some(s) => s,
        None => {
            none = vm.none();
            &none
        }
    };
    let owner = match d.owner.as_ref().and_then(|o| o.payload::<TypeObject>()) {
        Some(t) => t as *const TypeObject,
        None => std::ptr::null(),
    };
    let prev = vm.thread.method_owner.replace(owner);
    let r = (d.def.func)(vm, self_, args, kwnames);
    vm.thread.method_owner.set(prev);
    r
}

/// What the function gets as `self` (and shows as `__self__`): a static
/// method is bound to its type only for its name and docstring (CPython's
/// METH_STATIC).
fn call_self(d: &BuiltinFunctionData) -> Option<&Obj> {
    if d.def.kind == crate::objects::descriptor::MethodKind::Static && d.module.is_none() {
        return None;
    }
    d.self_.as_ref()
}

fn is_module_function(d: &BuiltinFunctionData) -> bool {
    d.module.is_some()
}

fn builtin_repr(vm: &Vm, f: &Obj) -> PyResult<Obj> {
    let d = data(f);
    let text = match &d.self_ {
        Some(s) if !is_module_function(d) => {
            format!("<built-in method {} of {} object at {:#x}>", d.def.name, s.class().name(), s.id())
        }
        _ => format!("<built-in function {}>", d.def.name),
    };
    Ok(vm.new_str_from_string(text))
}

fn builtin_qualname(vm: &Vm, f: &Obj) -> PyResult<Obj> {
    let d = data(f);
    match &d.self_ {
        Some(s) if !is_module_function(d) => {
            let ty = if vm.is_type(s) { s.clone() } else { s.class_obj() };
            let q = crate::objects::type_::type_qualname(vm, &ty);
            Ok(vm.new_str_from_string(format!("{}.{}", q, d.def.name)))
        }
        _ => Ok(vm.new_str(d.def.name)),
    }
}

fn builtin_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(db) = b.payload::<BuiltinFunctionData>() else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let da = data(a);
    let same_self = match (&da.self_, &db.self_) {
        (Some(x), Some(y)) => x.is(y),
        (None, None) => true,
        _ => false,
    };
    let eq = std::ptr::fn_addr_eq(da.def.func, db.def.func) && same_self;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn builtin_hash(vm: &Vm, f: &Obj) -> PyResult<i64> {
    let d = data(f);
    let x = match &d.self_ {
        Some(s) => vm.hash(s).unwrap_or(s.id() as i64),
        None => 0,
    };
    let y = d.def.func as usize as i64;
    Ok(crate::hash::fix(x ^ y))
}

fn builtin_reduce(vm: &Vm, f: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let d = data(f);
    match &d.self_ {
        Some(s) if !is_module_function(d) => {
            let getattr = vm.getattr_str(&vm.builtins_module(), "getattr")?;
            Ok(vm.new_tuple(vec![getattr, vm.new_tuple(vec![s.clone(), vm.new_str(d.def.name)])]))
        }
        _ => Ok(vm.new_str(d.def.name)),
    }
}
