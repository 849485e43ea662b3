//! `types.GenericAlias` (`list[int]`, CPython's `Objects/genericaliasobject.c`)
//! and `types.UnionType` (`int | str`, `Objects/unionobject.c`).

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct GenericAliasData {
    pub origin: Obj,
    pub args: Obj,
}
impl PyPayload for GenericAliasData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.origin);
        visit(&self.args);
    }
}

pub(crate) struct UnionData {
    pub args: Obj,
}
impl PyPayload for UnionData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.args);
    }
}

pub(crate) fn generic_alias_type_object() -> TypeObject {
    let mut t = TypeObject::new::<GenericAliasData>(
        "types.GenericAlias",
        std::mem::size_of::<PyCell<GenericAliasData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    )
    .with_weaklist();
    t.doc = Some(
        "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
    );
    t.slots.repr.set(Some(ga_repr));
    t.slots.call.set(Some(ga_call));
    t.slots.getattro.set(Some(ga_getattro));
    t.slots.richcompare.set(Some(ga_richcompare));
    t.slots.hash.set(Some(ga_hash));
    t.slots.new.set(Some(ga_new));
    t.slots.nb_binary[NbOp::Or as usize].set(Some(type_or));
    t
}

pub(crate) fn union_type_object() -> TypeObject {
    let t = TypeObject::new::<UnionData>(
        "types.UnionType",
        std::mem::size_of::<PyCell<UnionData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.repr.set(Some(union_repr));
    t.slots.richcompare.set(Some(union_richcompare));
    t.slots.hash.set(Some(union_hash));
    t.slots.nb_binary[NbOp::Or as usize].set(Some(type_or));
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_getsets(
        vm,
        &vm.ctx.types.generic_alias,
        &[
            GetSetDef::new("__origin__", |_, o| Ok(ga(o).origin.clone()), None),
            GetSetDef::new("__args__", |_, o| Ok(ga(o).args.clone()), None),
            GetSetDef::new("__parameters__", |vm, _| Ok(vm.ctx.empty_tuple.clone()), None),
        ],
    );
    add_methods(
        vm,
        &vm.ctx.types.generic_alias,
        &[
            MethodDef::method("__mro_entries__", |vm, o, _, _| Ok(vm.new_tuple(vec![ga(o).origin.clone()]))),
            MethodDef::method("__instancecheck__", |vm, _, _, _| {
                Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
            }),
            MethodDef::method("__subclasscheck__", |vm, _, _, _| {
                Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
            }),
            MethodDef::method("__reduce__", |vm, o, _, _| {
                Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![ga(o).origin.clone(), ga(o).args.clone()])]))
            }),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.union_type,
        &[
            GetSetDef::new("__args__", |_, o| Ok(union_of(o).args.clone()), None),
            GetSetDef::new("__parameters__", |vm, _| Ok(vm.ctx.empty_tuple.clone()), None),
        ],
    );
}

fn ga(o: &Obj) -> &GenericAliasData {
    o.payload::<GenericAliasData>().expect("GenericAlias")
}

fn union_of(o: &Obj) -> &UnionData {
    o.payload::<UnionData>().expect("UnionType")
}

pub fn new_generic_alias(vm: &Vm, origin: Obj, args: Obj) -> Obj {
    let args = if args.type_is(&vm.ctx.types.tuple) { args } else { vm.new_tuple(vec![args]) };
    alloc_object(&vm.ctx.types.generic_alias, GenericAliasData { origin, args })
}

/// `__class_getitem__` of the builtin generic types.
pub(crate) fn class_getitem(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [item] = crate::args::exact::<1>(vm, "__class_getitem__", args, kwnames)?;
    Ok(new_generic_alias(vm, cls.clone(), item))
}

fn ga_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "GenericAlias", kwnames)?;
    crate::args::check_positional(vm, "GenericAlias", args.len(), 2, 2)?;
    Ok(new_generic_alias(vm, args[0].clone(), args[1].clone()))
}

/// How `typing` shows a type argument.
fn arg_repr(vm: &Vm, a: &Obj) -> PyResult<String> {
    if a.is(&vm.ctx.ellipsis) {
        return Ok("...".into());
    }
    if a.has_payload::<GenericAliasData>() {
        return vm.repr_string(a);
    }
    if vm.is_type(a) {
        let q = type_::type_qualname(vm, a);
        return Ok(match type_::type_module_name(vm, a) {
            Some(m) if m != "builtins" => format!("{m}.{q}"),
            _ => q,
        });
    }
    vm.repr_string(a)
}

fn ga_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = ga(o);
    let mut s = arg_repr(vm, &g.origin)?;
    s.push('[');
    let items = tuple::items(&g.args);
    if items.is_empty() {
        s.push_str("()");
    }
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if let Some(l) = crate::objects::list::data(a) {
            s.push('[');
            for (j, x) in l.to_vec().iter().enumerate() {
                if j > 0 {
                    s.push_str(", ");
                }
                s.push_str(&arg_repr(vm, x)?);
            }
            s.push(']');
        } else {
            s.push_str(&arg_repr(vm, a)?);
        }
    }
    s.push(']');
    Ok(vm.new_str_from_string(s))
}

fn ga_call(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let r = vm.call(&ga(o).origin, args, kwnames)?;
    let _ = vm.setattr_str(&r, "__orig_class__", o);
    Ok(r)
}

fn ga_getattro(vm: &Vm, o: &Obj, name: &Obj) -> PyResult<Obj> {
    let n = pystr::as_str_lossy(name);
    const OWN: &[&str] = &[
        "__origin__",
        "__args__",
        "__parameters__",
        "__mro_entries__",
        "__reduce_ex__",
        "__reduce__",
        "__copy__",
        "__deepcopy__",
        "__class__",
        "__instancecheck__",
        "__subclasscheck__",
    ];
    if n.starts_with("__") && n.ends_with("__") && !OWN.contains(&n.as_ref()) {
        return type_::generic_getattr(vm, o, name);
    }
    if OWN.contains(&n.as_ref()) {
        return type_::generic_getattr(vm, o, name);
    }
    vm.getattr(&ga(o).origin, name)
}

fn ga_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(gb) = b.payload::<GenericAliasData>() else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let g = ga(a);
    let eq = vm.eq(&g.origin, &gb.origin)? && vm.eq(&g.args, &gb.args)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn ga_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let g = ga(o);
    Ok(crate::hash::fix(vm.hash(&g.origin)? ^ vm.hash(&g.args)?))
}

fn is_unionable(vm: &Vm, o: &Obj) -> bool {
    vm.is_none(o) || vm.is_type(o) || o.has_payload::<GenericAliasData>() || o.has_payload::<UnionData>()
}

/// `X | Y` for types: a `types.UnionType`.
pub(crate) fn type_or(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !is_unionable(vm, a) || !is_unionable(vm, b) {
        return Ok(vm.not_implemented());
    }
    let mut args: Vec<Obj> = Vec::new();
    for x in [a, b] {
        let parts = match x.payload::<UnionData>() {
            Some(u) => tuple::items(&u.args).to_vec(),
            None => vec![if vm.is_none(x) { vm.ctx.types.none_type.clone() } else { x.clone() }],
        };
        for p in parts {
            let mut dup = false;
            for q in &args {
                if q.is(&p) || (p.has_payload::<GenericAliasData>() && vm.eq(q, &p)?) {
                    dup = true;
                }
            }
            if !dup {
                args.push(p);
            }
        }
    }
    if args.len() == 1 {
        return Ok(args.pop().expect("one"));
    }
    Ok(alloc_object(&vm.ctx.types.union_type, UnionData { args: vm.new_tuple(args) }))
}

fn union_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let mut parts = Vec::new();
    for a in tuple::items(&union_of(o).args) {
        if a.is(&vm.ctx.types.none_type) {
            parts.push("None".to_string());
        } else {
            parts.push(arg_repr(vm, a)?);
        }
    }
    Ok(vm.new_str_from_string(parts.join(" | ")))
}

fn union_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(ub) = b.payload::<UnionData>() else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let sa = vm.new_frozenset(tuple::items(&union_of(a).args).to_vec())?;
    let sb = vm.new_frozenset(tuple::items(&ub.args).to_vec())?;
    let eq = vm.eq(&sa, &sb)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn union_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let s = vm.new_frozenset(tuple::items(&union_of(o).args).to_vec())?;
    vm.hash(&s)
}

/// The members of a union, for isinstance/issubclass.
pub(crate) fn union_args(o: &Obj) -> Option<Obj> {
    o.payload::<UnionData>().map(|u| u.args.clone())
}
