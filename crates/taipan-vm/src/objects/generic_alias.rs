//! `types.GenericAlias` (`list[int]`, CPython's `Objects/genericaliasobject.c`)
//! and `types.UnionType` (`int | str`, `Objects/unionobject.c`).

use crate::object::typeobj::{flags, CompareOp, NbOp, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct GenericAliasData {
    pub origin: Obj,
    pub args: Obj,
    /// `*tuple[int]` (the item `iter()` yields).
    pub starred: bool,
    /// `__parameters__`, made on first use.
    parameters: ObjCell,
}
impl PyPayload for GenericAliasData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.origin);
        visit(&self.args);
        if let Some(p) = self.parameters.get() {
            visit(&p);
        }
    }
    fn clear(&self) {
        self.parameters.set(None);
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
    t.slots.mp_subscript.set(Some(ga_getitem));
    t.slots.iter.set(Some(ga_iter));
    t
}

pub(crate) fn union_type_object() -> TypeObject {
    let mut t = TypeObject::new::<UnionData>(
        "types.UnionType",
        std::mem::size_of::<PyCell<UnionData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.doc = Some("Represent a PEP 604 union type\n\nE.g. for int | str");
    t.slots.repr.set(Some(union_repr));
    t.slots.richcompare.set(Some(union_richcompare));
    t.slots.hash.set(Some(union_hash));
    t.slots.nb_binary[NbOp::Or as usize].set(Some(type_or));
    t.slots.mp_subscript.set(Some(union_getitem));
    t.slots.getattro.set(Some(union_getattro));
    t
}

/// `(int | str).__module__` is the type's ('types'), as CPython's
/// `union_getattro`.
fn union_getattro(vm: &Vm, o: &Obj, name: &Obj) -> PyResult<Obj> {
    if pystr::as_str(name) == Some("__module__") {
        return vm.getattr(&o.class_obj(), name);
    }
    type_::generic_getattr(vm, o, name)
}

pub(crate) fn setup(vm: &Vm) {
    add_getsets(
        vm,
        &vm.ctx.types.generic_alias,
        &[
            GetSetDef::new("__origin__", |_, o| Ok(ga(o).origin.clone()), None),
            GetSetDef::new("__args__", |_, o| Ok(ga(o).args.clone()), None),
            GetSetDef::new("__parameters__", ga_parameters, None),
            GetSetDef::new("__unpacked__", |vm, o| Ok(vm.bool_obj(ga(o).starred)), None),
            GetSetDef::new(
                "__typing_unpacked_tuple_args__",
                |vm, o| {
                    let g = ga(o);
                    Ok(if g.starred && g.origin.is(&vm.ctx.types.tuple) { g.args.clone() } else { vm.none() })
                },
                None,
            ),
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
            MethodDef::method("__reduce__", ga_reduce),
            MethodDef::method("__dir__", ga_dir),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.union_type,
        &[
            GetSetDef::new("__args__", |_, o| Ok(union_of(o).args.clone()), None),
            GetSetDef::new("__parameters__", |vm, o| make_parameters(vm, &union_of(o).args), None),
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
    new_alias(vm, origin, args, false)
}

fn new_alias(vm: &Vm, origin: Obj, args: Obj, starred: bool) -> Obj {
    alloc_alias(vm, &vm.ctx.types.generic_alias, origin, args, starred)
}

/// An alias of type `cls` (GenericAlias or a subclass, such as
/// `collections.abc._CallableGenericAlias`).
fn alloc_alias(vm: &Vm, cls: &Obj, origin: Obj, args: Obj, starred: bool) -> Obj {
    let args = if args.type_is(&vm.ctx.types.tuple) { args } else { vm.new_tuple(vec![args]) };
    alloc_object(cls, GenericAliasData { origin, args, starred, parameters: ObjCell::new(None) })
}

// ---- type variables: __parameters__ and substitution ------------------------------------

fn ga_parameters(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = ga(o);
    if let Some(p) = g.parameters.get() {
        return Ok(p);
    }
    let p = make_parameters(vm, &g.args)?;
    g.parameters.set(Some(p.clone()));
    Ok(p)
}

fn getattr_opt(vm: &Vm, o: &Obj, name: &str) -> PyResult<Option<Obj>> {
    match vm.getattr_str(o, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The type variables among `args`, in order, each once (CPython's
/// `_Py_make_parameters`): typevar-likes themselves (they have
/// `__typing_subst__`) and the `__parameters__` of other arguments.
fn make_parameters(vm: &Vm, args: &Obj) -> PyResult<Obj> {
    let mut params: Vec<Obj> = Vec::new();
    for t in tuple::items(args).to_vec() {
        // A bare class's `__parameters__` would be a descriptor.
        if vm.is_type(&t) {
            continue;
        }
        if getattr_opt(vm, &t, "__typing_subst__")?.is_some() {
            if !params.iter().any(|p| p.is(&t)) {
                params.push(t);
            }
            continue;
        }
        if let Some(sub) = getattr_opt(vm, &t, "__parameters__")? {
            if sub.type_is(&vm.ctx.types.tuple) {
                for x in tuple::items(&sub) {
                    if !params.iter().any(|p| p.is(x)) {
                        params.push(x.clone());
                    }
                }
            }
        }
    }
    Ok(vm.new_tuple(params))
}

/// The arguments of a subscription, with unpacked tuples (`*tuple[int,
/// str]`) spread out (CPython's `_unpack_args`).
fn unpack_args(vm: &Vm, item: &Obj) -> PyResult<Vec<Obj>> {
    let items = if item.type_is(&vm.ctx.types.tuple) { tuple::items(item).to_vec() } else { vec![item.clone()] };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if !vm.is_type(&it) {
            if let Some(sub) = getattr_opt(vm, &it, "__typing_unpacked_tuple_args__")? {
                if sub.type_is(&vm.ctx.types.tuple) {
                    let si = tuple::items(&sub);
                    if !si.last().is_some_and(|l| l.is(&vm.ctx.ellipsis)) {
                        out.extend(si.iter().cloned());
                        continue;
                    }
                }
            }
        }
        out.push(it);
    }
    Ok(out)
}

fn index_of(params: &[Obj], x: &Obj) -> Option<usize> {
    params.iter().position(|p| p.is(x))
}

/// `obj` with its own type variables replaced (CPython's `subs_tvars`).
fn subs_tvars(vm: &Vm, obj: &Obj, params: &[Obj], argitems: &[Obj]) -> PyResult<Obj> {
    let Some(sub) = getattr_opt(vm, obj, "__parameters__")? else { return Ok(obj.clone()) };
    if !sub.type_is(&vm.ctx.types.tuple) || tuple::len(&sub) == 0 {
        return Ok(obj.clone());
    }
    let mut subargs: Vec<Obj> = Vec::new();
    for p in tuple::items(&sub) {
        let Some(i) = index_of(params, p) else {
            subargs.push(p.clone());
            continue;
        };
        let arg = &argitems[i];
        // A TypeVarTuple (iterable) takes the tuple of its arguments apart.
        if params[i].class().slots.iter.get().is_some() && arg.type_is(&vm.ctx.types.tuple) {
            subargs.extend(tuple::items(arg).iter().cloned());
        } else {
            subargs.push(arg.clone());
        }
    }
    vm.getitem(obj, &vm.new_tuple(subargs))
}

/// The arguments of `alias[item]` (CPython's `_Py_subs_parameters`).
fn subs_parameters(vm: &Vm, alias: &Obj, args: &Obj, params: &Obj, item: &Obj) -> PyResult<Obj> {
    let params_v = tuple::items(params).to_vec();
    if params_v.is_empty() {
        return Err(vm.type_error(format!("{} is not a generic class", vm.repr_string(alias)?)));
    }
    let mut argitems = vm.new_tuple(unpack_args(vm, item)?);
    for p in &params_v {
        if let Some(prepare) = getattr_opt(vm, p, "__typing_prepare_subst__")? {
            argitems = vm.call(&prepare, &[alias.clone(), argitems], None)?;
        }
    }
    let argitems = vm.to_vec(&argitems)?;
    if argitems.len() != params_v.len() {
        return Err(vm.type_error(format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if argitems.len() > params_v.len() { "many" } else { "few" },
            vm.repr_string(alias)?,
            argitems.len(),
            params_v.len()
        )));
    }
    let mut newargs: Vec<Obj> = Vec::new();
    for arg in tuple::items(args).to_vec() {
        if vm.is_type(&arg) {
            newargs.push(arg);
            continue;
        }
        let unpack = getattr_opt(vm, &arg, "__typing_is_unpacked_typevartuple__")?
            .map(|v| vm.is_true(&v))
            .transpose()?
            .unwrap_or(false);
        let new = match getattr_opt(vm, &arg, "__typing_subst__")? {
            Some(subst) => {
                let i =
                    index_of(&params_v, &arg).ok_or_else(|| vm.type_error("type variable not in __parameters__"))?;
                vm.call(&subst, &[argitems[i].clone()], None)?
            }
            None => subs_tvars(vm, &arg, &params_v, &argitems)?,
        };
        if unpack {
            newargs.extend(vm.to_vec(&new)?);
        } else {
            newargs.push(new);
        }
    }
    Ok(vm.new_tuple(newargs))
}

/// `(type(alias), (origin, args))`; a starred alias is `next(iter(alias))`.
fn ga_reduce(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let g = ga(o);
    if g.starred {
        let next = vm.getattr_str(&vm.builtins_module(), "next")?;
        let it = ga_iter(vm, &new_alias(vm, g.origin.clone(), g.args.clone(), false))?;
        return Ok(vm.new_tuple(vec![next, vm.new_tuple(vec![it])]));
    }
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![g.origin.clone(), g.args.clone()])]))
}

/// `dir(alias)`: the origin's names plus the alias's own (CPython's
/// `ga_dir`).
fn ga_dir(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let dir = vm.getattr_str(&vm.builtins_module(), "dir")?;
    let names = vm.call1(&dir, ga(o).origin.clone())?;
    for own in ALIAS_OWN_ATTRS {
        let n = vm.new_str(own);
        if !vm.contains(&names, &n)? {
            vm.call_method(&names, "append", &[n])?;
        }
    }
    Ok(names)
}

/// CPython's `attr_exceptions`: what an alias answers itself.
const ALIAS_OWN_ATTRS: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn ga_getitem(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<Obj> {
    let g = ga(o);
    let params = ga_parameters(vm, o)?;
    let newargs = subs_parameters(vm, o, &g.args, &params, item)?;
    Ok(new_alias(vm, g.origin.clone(), newargs, g.starred))
}

/// `*list[int]`: iterating an alias gives its starred form once (CPython's
/// `generic_alias_iterator`, which pickles as `iter(alias)`).
fn ga_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let ty = ga_iterator_type(vm);
    Ok(alloc_object(&ty, GaIterData { alias: ObjCell::some(o.clone()) }))
}

struct GaIterData {
    /// The alias whose starred form comes next; None once consumed.
    alias: ObjCell,
}
impl PyPayload for GaIterData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Some(a) = self.alias.get() {
            visit(&a);
        }
    }
    fn clear(&self) {
        self.alias.set(None);
    }
}

const GA_ITER: &str = "generic_alias_iterator";
const GA_ITER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", ga_iter_reduce)];

fn ga_iterator_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(GA_ITER) {
        return t.clone();
    }
    let spec =
        crate::objects::type_spec::TypeSpec { name: GA_ITER, gc: true, methods: GA_ITER_METHODS, ..Default::default() };
    let t = crate::objects::type_spec::new_type::<GaIterData>(vm, &spec, |s| {
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(ga_iter_next));
        s.new.set(None);
    });
    vm.lazy_types.borrow_mut().insert(GA_ITER, t.clone());
    t
}

fn ga_iter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let Some(d) = o.payload::<GaIterData>() else { return Ok(None) };
    let Some(alias) = d.alias.take() else { return Ok(None) };
    let g = ga(&alias);
    Ok(Some(new_alias(vm, g.origin.clone(), g.args.clone(), true)))
}

fn ga_iter_reduce(vm: &Vm, o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let iter = vm.getattr_str(&vm.builtins_module(), "iter")?;
    let alias = o.payload::<GaIterData>().and_then(|d| d.alias.get());
    let arg = alias.unwrap_or_else(|| vm.ctx.empty_tuple.clone());
    Ok(vm.new_tuple(vec![iter, vm.new_tuple(vec![arg])]))
}

fn union_getitem(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<Obj> {
    let args = union_of(o).args.clone();
    let params = make_parameters(vm, &args)?;
    let newargs = subs_parameters(vm, o, &args, &params, item)?;
    let items = tuple::items(&newargs).to_vec();
    let Some(first) = items.first() else {
        return Ok(alloc_object(&vm.ctx.types.union_type, UnionData { args: newargs }));
    };
    let mut res = first.clone();
    for a in &items[1..] {
        res = vm.binary_op(&res, a, NbOp::Or)?;
    }
    Ok(res)
}

/// `__class_getitem__` of the builtin generic types.
pub(crate) fn class_getitem(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [item] = crate::args::exact::<1>(vm, "__class_getitem__", args, kwnames)?;
    Ok(new_generic_alias(vm, cls.clone(), item))
}

fn ga_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if cls.is(&vm.ctx.types.generic_alias) {
        crate::args::no_kwargs(vm, "GenericAlias", kwnames)?;
    }
    crate::args::check_positional(vm, "GenericAlias", args.len(), 2, 2)?;
    Ok(alloc_alias(vm, cls, args[0].clone(), args[1].clone(), false))
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
    let mut s = if g.starred { "*".to_string() } else { String::new() };
    s.push_str(&arg_repr(vm, &g.origin)?);
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
        "__unpacked__",
        "__parameters__",
        "__typing_unpacked_tuple_args__",
        "__mro_entries__",
        "__reduce_ex__",
        "__reduce__",
        "__copy__",
        "__deepcopy__",
        "__class__",
        "__instancecheck__",
        "__subclasscheck__",
    ];
    // Everything else is the origin's (CPython's `attr_exceptions`).
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
    let eq = g.starred == gb.starred && vm.eq(&g.origin, &gb.origin)? && vm.eq(&g.args, &gb.args)?;
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
