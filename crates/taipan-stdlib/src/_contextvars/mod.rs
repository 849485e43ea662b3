//! `_contextvars` (CPython's `Python/context.c` and
//! `Modules/_contextvarsmodule.c`): `ContextVar`, `Token`, `Context` and
//! `copy_context`. The current context is the thread's
//! (`ThreadState::context`), made empty on first use.
//!
//! A context's mapping is a HAMT (`hamt.rs`, CPython's `Python/hamt.c`):
//! an immutable map, so `ContextVar.set` puts a new map in the context,
//! `copy_context()` is O(1) and copies never see each other's changes.
//! Iteration follows the variables' hashes, as in CPython.

pub(crate) mod hamt;

use std::cell::Cell;

use hamt::{Hamt, HamtCell, IterKind};

use taipan_vm::api::types::{
    alloc_instance, payload_or_err, set_unhashable, CompareOp, GetSetDef, MethodDef, TypeSpec,
};
use taipan_vm::api::{args, dict, module, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

struct Context {
    vars: HamtCell,
    prev: ObjCell,
    entered: Cell<bool>,
}
impl PyPayload for Context {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.vars.traverse(visit);
        self.prev.with(|p| p.into_iter().for_each(visit));
    }
    fn clear(&self) {
        self.vars.clear();
        self.prev.set(None);
    }
}

struct ContextVar {
    name: Obj,
    default: Option<Obj>,
    /// The address's hash xored with the name's (CPython's
    /// `contextvar_generate_hash`), made once.
    hash: Cell<i64>,
}
impl PyPayload for ContextVar {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.name);
        if let Some(d) = &self.default {
            visit(d);
        }
    }
}

struct Token {
    ctx: Obj,
    var: Obj,
    old: Option<Obj>,
    used: Cell<bool>,
}
impl PyPayload for Token {}

struct Missing;
impl PyPayload for Missing {}

fn lazy_type(vm: &Vm, key: &'static str, make: fn(&Vm) -> Obj) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(key) {
        return t.clone();
    }
    let t = make(vm);
    vm.lazy_types.borrow_mut().insert(key, t.clone());
    t
}

fn context_type(vm: &Vm) -> Obj {
    lazy_type(vm, "_contextvars.Context", |vm| {
        let spec = TypeSpec {
            name: "_contextvars.Context",
            base: None,
            flags: 0,
            gc: true,
            dict: false,
            weakref: false,
            methods: CONTEXT_METHODS,
            getsets: &[],
            doc: None,
        };
        taipan_vm::api::types::new_type::<Context>(vm, &spec, |s| {
            s.new.set(Some(context_new));
            s.mp_subscript.set(Some(context_getitem));
            s.richcompare.set(Some(context_richcompare));
            set_unhashable(s);
            s.sq_contains.set(Some(context_contains));
            s.mp_length.set(Some(|vm, o| Ok(ctx_of(vm, o)?.vars.len())));
            s.iter.set(Some(|vm, o| hamt::new_iter(vm, &vars_of(vm, o)?, IterKind::Keys)));
        })
    })
}

fn var_type(vm: &Vm) -> Obj {
    lazy_type(vm, "_contextvars.ContextVar", |vm| {
        let spec = TypeSpec {
            name: "_contextvars.ContextVar",
            base: None,
            flags: 0,
            gc: true,
            dict: false,
            weakref: false,
            methods: VAR_METHODS,
            getsets: &[GetSetDef::new("name", |vm, o| Ok(var_of(vm, o)?.name.clone()), None)],
            doc: None,
        };
        taipan_vm::api::types::new_type::<ContextVar>(vm, &spec, |s| {
            s.new.set(Some(var_new));
            s.repr.set(Some(var_repr));
            s.hash.set(Some(|vm, o| Ok(var_of(vm, o)?.hash.get())));
        })
    })
}

fn token_type(vm: &Vm) -> Obj {
    lazy_type(vm, "_contextvars.Token", |vm| {
        let spec = TypeSpec {
            name: "_contextvars.Token",
            base: None,
            flags: 0,
            gc: true,
            dict: false,
            weakref: false,
            methods: TOKEN_METHODS,
            getsets: &[
                GetSetDef::new("var", |vm, o| Ok(token_of(vm, o)?.var.clone()), None),
                GetSetDef::new(
                    "old_value",
                    |vm, o| match &token_of(vm, o)?.old {
                        Some(v) => Ok(v.clone()),
                        None => Ok(missing(vm)),
                    },
                    None,
                ),
            ],
            doc: None,
        };
        let t = taipan_vm::api::types::new_type::<Token>(vm, &spec, |s| {
            s.new.set(Some(|vm, _, _, _| Err(vm.runtime_error("Tokens can only be created by ContextVars"))));
            s.repr.set(Some(token_repr));
        });
        // Set before the type is used anywhere, so no lookup is cached yet.
        if let Some(tobj) = t.payload::<taipan_vm::api::types::TypeObject>() {
            let _ = dict::set_item_str(vm, &tobj.dict(), "MISSING", missing_of_type(vm));
        }
        t
    })
}

fn missing_of_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "Token.MISSING",
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: false,
        methods: &[],
        getsets: &[],
        doc: None,
    };
    let ty = taipan_vm::api::types::new_type::<Missing>(vm, &spec, |s| {
        s.repr.set(Some(|vm, _| Ok(vm.new_str("<Token.MISSING>"))));
    });
    let m = alloc_instance(vm, &ty, &ty, Missing).unwrap_or_else(|_| vm.none());
    vm.lazy_types.borrow_mut().insert("_contextvars.MISSING", m.clone());
    m
}

fn missing(vm: &Vm) -> Obj {
    token_type(vm);
    vm.lazy_types.borrow().get("_contextvars.MISSING").cloned().unwrap_or_else(|| vm.none())
}

fn ctx_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Context> {
    payload_or_err::<Context>(vm, o, "_contextvars.Context")
}

fn var_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a ContextVar> {
    payload_or_err::<ContextVar>(vm, o, "_contextvars.ContextVar")
}

fn token_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Token> {
    payload_or_err::<Token>(vm, o, "_contextvars.Token")
}

/// Contexts are equal when their mappings are (CPython compares the HAMTs;
/// other comparisons and other types are NotImplemented).
fn context_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || b.payload::<Context>().is_none() {
        return Ok(vm.not_implemented());
    }
    let equal = vars_of(vm, a)?.equals(vm, &vars_of(vm, b)?)?;
    Ok(vm.bool_obj(equal == matches!(op, CompareOp::Eq)))
}

fn vars_of(vm: &Vm, o: &Obj) -> PyResult<Hamt> {
    Ok(ctx_of(vm, o)?.vars.get())
}

fn new_context(vm: &Vm, vars: Hamt) -> PyResult<Obj> {
    let ty = context_type(vm);
    alloc_instance(
        vm,
        &ty,
        &ty,
        Context { vars: HamtCell::new(vars), prev: ObjCell::new(None), entered: Cell::new(false) },
    )
}

/// The thread's current context (made on first use).
fn current(vm: &Vm) -> PyResult<Obj> {
    if let Some(c) = vm.thread.context.get() {
        return Ok(c);
    }
    let c = new_context(vm, Hamt::default())?;
    vm.thread.context.set(Some(c.clone()));
    Ok(c)
}

/// `contextvars.copy_context()` (CPython's `PyContext_CopyCurrent`).
pub(crate) fn copy_current(vm: &Vm) -> PyResult<Obj> {
    let cur = current(vm)?;
    new_context(vm, vars_of(vm, &cur)?)
}

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

fn context_new(vm: &Vm, _cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if !a.is_empty() || k.is_some_and(|k| tuple::len(k) > 0 || dict::len(k) > 0) {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    new_context(vm, Hamt::default())
}

fn check_var_key(vm: &Vm, key: &Obj) -> PyResult<()> {
    if key.payload::<ContextVar>().is_none() {
        return Err(vm.type_error(format!("a ContextVar key was expected, got {}", vm.repr_string(key)?)));
    }
    Ok(())
}

fn context_getitem(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    check_var_key(vm, key)?;
    vars_of(vm, o)?.get(vm, key)?.ok_or_else(|| vm.key_error(key.clone()))
}

fn context_contains(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<bool> {
    check_var_key(vm, key)?;
    Ok(vars_of(vm, o)?.get(vm, key)?.is_some())
}

fn context_run(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let Some(f) = a.first() else {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    };
    let ctx = ctx_of(vm, o)?;
    if ctx.entered.get() {
        let r = vm.repr_string(o)?;
        return Err(vm.runtime_error(format!("cannot enter context: {r} is already entered")));
    }
    ctx.prev.set(Some(current(vm)?));
    ctx.entered.set(true);
    vm.thread.context.set(Some(o.clone()));
    let result = vm.call(f, &a[1..], k);
    vm.thread.context.set(ctx.prev.take());
    ctx.entered.set(false);
    result
}

const CONTEXT_METHODS: &[MethodDef] = &[
    MethodDef::method("run", context_run),
    MethodDef::method("copy", |vm, o, a, k| {
        args::exact::<0>(vm, "copy", a, k)?;
        new_context(vm, vars_of(vm, o)?)
    }),
    MethodDef::method("get", |vm, o, a, k| {
        let p = args::parse_spec(
            vm,
            &args::ArgSpec { fname: "get", names: &["key", "default"], posonly: 2, required: 1, kwonly_from: 2 },
            a,
            k,
        )?;
        let key = p[0].clone().unwrap_or_else(|| vm.none());
        check_var_key(vm, &key)?;
        let found = vars_of(vm, o)?.get(vm, &key)?;
        Ok(found.or_else(|| p[1].clone()).unwrap_or_else(|| vm.none()))
    }),
    MethodDef::method("keys", |vm, o, a, k| {
        args::exact::<0>(vm, "keys", a, k)?;
        hamt::new_iter(vm, &vars_of(vm, o)?, IterKind::Keys)
    }),
    MethodDef::method("values", |vm, o, a, k| {
        args::exact::<0>(vm, "values", a, k)?;
        hamt::new_iter(vm, &vars_of(vm, o)?, IterKind::Values)
    }),
    MethodDef::method("items", |vm, o, a, k| {
        args::exact::<0>(vm, "items", a, k)?;
        hamt::new_iter(vm, &vars_of(vm, o)?, IterKind::Items)
    }),
];

// ---------------------------------------------------------------------------
// ContextVar
// ---------------------------------------------------------------------------

fn var_new(vm: &Vm, _cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let npos = a.len() - k.map(tuple::len).unwrap_or(0);
    if npos > 1 {
        return Err(vm.type_error(format!("ContextVar() takes at most 1 positional argument ({npos} given)")));
    }
    // The name is positional-only ("O|$O" with an empty keyword name).
    if npos == 0 && a.len() <= 2 {
        return Err(vm.type_error("ContextVar() takes exactly 1 positional argument (0 given)"));
    }
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "ContextVar", names: &["name", "default"], posonly: 0, required: 1, kwonly_from: 1 },
        a,
        k,
    )?;
    let name = p[0].clone().unwrap_or_else(|| vm.none());
    if taipan_vm::api::str::data(&name).is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    let name_hash = vm.hash(&name)?;
    let ty = var_type(vm);
    let var = alloc_instance(vm, &ty, &ty, ContextVar { name, default: p[1].clone(), hash: Cell::new(0) })?;
    let hash = pointer_hash(&var) ^ name_hash;
    var_of(vm, &var)?.hash.set(if hash == -1 { -2 } else { hash });
    Ok(var)
}

/// An address's hash (CPython's `_Py_HashPointer`: rotated by 4 bits, as
/// objects are aligned).
fn pointer_hash(o: &Obj) -> i64 {
    let h = (o.id() as u64).rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn var_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let v = var_of(vm, o)?;
    let mut s = format!("<ContextVar name={}", vm.repr_string(&v.name)?);
    if let Some(d) = &v.default {
        s.push_str(&format!(" default={}", vm.repr_string(d)?));
    }
    s.push_str(&format!(" at {:#x}>", o.id()));
    Ok(vm.new_str(&s))
}

fn var_get(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("get() takes no keyword arguments"));
    }
    if a.len() > 1 {
        return Err(vm.type_error(format!("get expected at most 1 argument, got {}", a.len())));
    }
    let v = var_of(vm, o)?;
    let vars = vars_of(vm, &current(vm)?)?;
    if let Some(found) = vars.get(vm, o)? {
        return Ok(found);
    }
    if let Some(d) = a.first().or(v.default.as_ref()) {
        return Ok(d.clone());
    }
    Err(vm.new_exception(&vm.ctx.exceptions.lookup_error, vec![o.clone()]))
}

/// Put a new mapping in `ctx` with `var` set to `value` (None: removed).
fn replace_var(vm: &Vm, ctx: &Obj, var: &Obj, value: Option<Obj>) -> PyResult<()> {
    let vars = vars_of(vm, ctx)?;
    let new = match value {
        Some(v) => vars.set(vm, var, &v)?,
        None => vars.delete(vm, var)?.unwrap_or(vars),
    };
    ctx_of(vm, ctx)?.vars.set(new);
    Ok(())
}

fn var_set(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [value] = args::exact::<1>(vm, "set", a, k)?;
    var_of(vm, o)?;
    let ctx = current(vm)?;
    let old = vars_of(vm, &ctx)?.get(vm, o)?;
    replace_var(vm, &ctx, o, Some(value))?;
    let ty = token_type(vm);
    alloc_instance(vm, &ty, &ty, Token { ctx, var: o.clone(), old, used: Cell::new(false) })
}

fn var_reset(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [token] = args::exact::<1>(vm, "reset", a, k)?;
    let Some(t) = token.payload::<Token>() else {
        return Err(vm.type_error(format!("expected an instance of Token, got {}", vm.repr_string(&token)?)));
    };
    if t.used.get() {
        return Err(vm.runtime_error(format!("{} has already been used once", vm.repr_string(&token)?)));
    }
    if !t.var.is(o) {
        return Err(vm.value_error(format!("{} was created by a different ContextVar", vm.repr_string(&token)?)));
    }
    let ctx = current(vm)?;
    if !t.ctx.is(&ctx) {
        return Err(vm.value_error(format!("{} was created in a different Context", vm.repr_string(&token)?)));
    }
    t.used.set(true);
    replace_var(vm, &ctx, o, t.old.clone())?;
    Ok(vm.none())
}

const VAR_METHODS: &[MethodDef] = &[
    MethodDef::method("get", var_get),
    MethodDef::method("set", var_set),
    MethodDef::method("reset", var_reset),
    MethodDef::class("__class_getitem__", |vm, cls, a, k| {
        let [item] = args::exact::<1>(vm, "__class_getitem__", a, k)?;
        Ok(taipan_vm::api::types::new_generic_alias(vm, cls.clone(), item))
    }),
];

// ---------------------------------------------------------------------------
// Token
// ---------------------------------------------------------------------------

fn token_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = token_of(vm, o)?;
    let used = if t.used.get() { " used" } else { "" };
    Ok(vm.new_str(&format!("<Token{used} var={} at {:#x}>", vm.repr_string(&t.var)?, o.id())))
}

const TOKEN_METHODS: &[MethodDef] = &[MethodDef::class("__class_getitem__", |vm, cls, a, k| {
    let [item] = args::exact::<1>(vm, "__class_getitem__", a, k)?;
    Ok(taipan_vm::api::types::new_generic_alias(vm, cls.clone(), item))
})];

// ---------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("copy_context", |vm, _, a, k| {
    args::exact::<0>(vm, "copy_context", a, k)?;
    copy_current(vm)
})];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_contextvars");
    module::add_functions(vm, &m, "_contextvars", FUNCTIONS);
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "Context", context_type(vm))?;
    dict::set_item_str(vm, &d, "ContextVar", var_type(vm))?;
    dict::set_item_str(vm, &d, "Token", token_type(vm))?;
    Ok(m)
}
