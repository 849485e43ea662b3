//! `_functools` (CPython's `Modules/_functoolsmodule.c`): `partial`,
//! `reduce`, `cmp_to_key` and the C LRU cache behind `functools.lru_cache`.
//!
//! The bounded cache keeps its entries in a slab (a vector of links with
//! a free list) ordered as a doubly linked list, oldest first; the
//! dictionary `cache` maps each key to the index of its link. Dictionary
//! operations may run Python code (`__eq__`, `__hash__` of the keys) that
//! calls the cache again, so every link is re-checked after one.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{flags, new_type, payload_or_err, CompareOp, GetSetDef, MethodDef, Slots, TypeSpec};
use taipan_vm::api::{args, dict, int, module, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::support::{alloc, class_getitem, clear_cells, module_type, positional, register_type, visit_cells};

const PARTIAL: &str = "functools.partial";
const KEYWRAPPER: &str = "functools.KeyWrapper";
const LRU: &str = "functools._lru_cache_wrapper";

// ---- reduce -----------------------------------------------------------------------------------

fn reduce(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "reduce", a, k, 2, 3)?;
    let (func, seq) = (&a[0], &a[1]);
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"));
        }
        Err(e) => return Err(e),
    };
    let mut acc = a.get(2).cloned();
    while let Some(x) = vm.next(&it)? {
        acc = Some(match acc {
            None => x,
            Some(v) => vm.call(func, &[v, x], None)?,
        });
    }
    acc.ok_or_else(|| vm.type_error("reduce() of empty iterable with no initial value"))
}

// ---- partial ----------------------------------------------------------------------------------

struct Partial {
    func: ObjCell,
    args: ObjCell,
    kw: ObjCell,
}
impl PyPayload for Partial {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.func, &self.args, &self.kw], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.func, &self.args, &self.kw])
    }
}

fn part<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Partial> {
    payload_or_err::<Partial>(vm, o, PARTIAL)
}

fn partial_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(a, k);
    let Some(first) = pos.first() else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    let mut func = first.clone();
    let mut pargs: Vec<Obj> = Vec::new();
    let kwdict = vm.new_dict();
    // A partial of a partial (with no instance attributes) is flattened.
    if let Some(p) = first.payload::<Partial>() {
        if vm.object_dict(first).is_none_or(|d| dict::len(&d) == 0) {
            if let (Some(f), Some(pa), Some(pk)) = (p.func.get(), p.args.get(), p.kw.get()) {
                func = f;
                pargs.extend_from_slice(tuple::items(&pa));
                for (key, v) in dict::items(&pk) {
                    dict::set_item(vm, &kwdict, key, v)?;
                }
            }
        }
    }
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    pargs.extend_from_slice(&pos[1..]);
    for (key, v) in kw {
        dict::set_item(vm, &kwdict, key, v)?;
    }
    let p = Partial { func: ObjCell::some(func), args: ObjCell::some(vm.new_tuple(pargs)), kw: ObjCell::some(kwdict) };
    alloc(vm, cls, PARTIAL, p)
}

fn partial_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = part(vm, o)?;
    let (Some(func), Some(pargs), Some(pkw)) = (p.func.get(), p.args.get(), p.kw.get()) else {
        return Err(vm.type_error("partial object is not initialised"));
    };
    let mut all: Vec<Obj> = tuple::items(&pargs).to_vec();
    if dict::len(&pkw) == 0 {
        all.extend_from_slice(a);
        return vm.call(&func, &all, k);
    }
    let (pos, kw) = vm.split_kwargs(a, k);
    all.extend_from_slice(pos);
    let merged = vm.new_dict();
    for (key, v) in dict::items(&pkw) {
        dict::set_item(vm, &merged, key, v)?;
    }
    for (key, v) in kw {
        dict::set_item(vm, &merged, key, v)?;
    }
    vm.call_with_dict(&func, all, Some(&merged))
}

fn partial_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let p = part(vm, o)?;
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str("...")) };
    let func = vm.repr_string(&p.func.get().unwrap_or_else(|| vm.none()))?;
    let mut out = String::new();
    if let Some(pa) = p.args.get() {
        for x in tuple::items(&pa) {
            out.push_str(", ");
            out.push_str(&vm.repr_string(x)?);
        }
    }
    if let Some(pk) = p.kw.get() {
        for (key, v) in dict::items(&pk) {
            out.push_str(", ");
            out.push_str(&vm.str_string(&key)?);
            out.push('=');
            out.push_str(&vm.repr_string(&v)?);
        }
    }
    Ok(vm.new_str(&format!("{}({}{})", o.class().name(), func, out)))
}

fn partial_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let p = part(vm, o)?;
    let func = p.func.get().unwrap_or_else(|| vm.none());
    let pargs = p.args.get().unwrap_or_else(|| vm.new_tuple(vec![]));
    let kw = p.kw.get().filter(|d| dict::len(d) > 0).unwrap_or_else(|| vm.none());
    let d = vm.object_dict(o).filter(|d| dict::len(d) > 0).unwrap_or_else(|| vm.none());
    let state = vm.new_tuple(vec![func.clone(), pargs, kw, d]);
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![func]), state]))
}

fn partial_setstate(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
    let p = part(vm, o)?;
    let invalid = || vm.type_error("invalid partial state");
    if !vm.isinstance_type(&state, &vm.ctx.types.tuple) {
        return Err(invalid());
    }
    let [func, fargs, kw, d] = tuple::items(&state) else { return Err(invalid()) };
    let kw_ok = vm.is_none(kw) || dict::data(kw).is_some();
    if !vm.is_callable(func) || !vm.isinstance_type(fargs, &vm.ctx.types.tuple) || !kw_ok {
        return Err(invalid());
    }
    let fargs =
        if fargs.type_is(&vm.ctx.types.tuple) { fargs.clone() } else { vm.new_tuple(tuple::items(fargs).to_vec()) };
    let kw = if vm.is_none(kw) {
        vm.new_dict()
    } else if kw.type_is(&vm.ctx.types.dict) {
        kw.clone()
    } else {
        let nd = vm.new_dict();
        for (key, v) in dict::items(kw) {
            dict::set_item(vm, &nd, key, v)?;
        }
        nd
    };
    if !vm.is_none(d) && !o.set_instance_dict(Some(d.clone())) {
        return Err(vm.type_error("invalid partial state"));
    }
    if vm.is_none(d) {
        o.set_instance_dict(None);
    }
    p.func.set(Some(func.clone()));
    p.args.set(Some(fargs));
    p.kw.set(Some(kw));
    Ok(vm.none())
}

const PARTIAL_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", partial_reduce),
    MethodDef::method("__setstate__", partial_setstate),
    MethodDef::class("__class_getitem__", class_getitem),
];

/// The setter of a read-only member (`READONLY` in a `PyMemberDef`).
fn readonly(vm: &Vm, _o: &Obj, _v: Option<&Obj>) -> PyResult<()> {
    Err(vm.attribute_error("readonly attribute"))
}

const PARTIAL_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("func", |vm, o| Ok(part(vm, o)?.func.get().unwrap_or_else(|| vm.none())), Some(readonly)),
    GetSetDef::new("args", |vm, o| Ok(part(vm, o)?.args.get().unwrap_or_else(|| vm.none())), Some(readonly)),
    GetSetDef::new("keywords", |vm, o| Ok(part(vm, o)?.kw.get().unwrap_or_else(|| vm.none())), Some(readonly)),
];

// ---- cmp_to_key -------------------------------------------------------------------------------

struct KeyWrapper {
    cmp: ObjCell,
    obj: ObjCell,
}
impl PyPayload for KeyWrapper {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.cmp, &self.obj], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.cmp, &self.obj])
    }
}

fn cmp_to_key(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "cmp_to_key", a, k, &["mycmp"], 1)?;
    let cmp = p[0].clone().unwrap_or_else(|| vm.none());
    let Some(ty) = module_type(vm, KEYWRAPPER) else { return Err(vm.system_error("KeyWrapper type missing")) };
    alloc(vm, &ty, KEYWRAPPER, KeyWrapper { cmp: ObjCell::some(cmp), obj: ObjCell::new(None) })
}

fn keywrapper_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "K", a, k, &["obj"], 1)?;
    let kw = payload_or_err::<KeyWrapper>(vm, o, KEYWRAPPER)?;
    let Some(ty) = module_type(vm, KEYWRAPPER) else { return Err(vm.system_error("KeyWrapper type missing")) };
    alloc(vm, &ty, KEYWRAPPER, KeyWrapper { cmp: ObjCell::new(kw.cmp.get()), obj: ObjCell::new(p[0].clone()) })
}

fn keywrapper_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let ka = payload_or_err::<KeyWrapper>(vm, a, KEYWRAPPER)?;
    let Some(kb) = b.payload::<KeyWrapper>() else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let (Some(x), Some(y)) = (ka.obj.get(), kb.obj.get()) else {
        return Err(vm.attribute_error("object"));
    };
    let cmp = ka.cmp.get().unwrap_or_else(|| vm.none());
    let res = vm.call(&cmp, &[x, y], None)?;
    vm.rich_compare(&res, &vm.new_int(0), op)
}

// ---- _lru_cache_wrapper -----------------------------------------------------------------------

struct Link {
    key: Obj,
    /// `hash(key)`, computed once per call (the key's `__hash__` may be slow
    /// or reentrant: CPython's lru_cache hashes each key once).
    hash: i64,
    result: Obj,
    prev: usize,
    next: usize,
}

/// Index of the sentinel in `links` (the list head: `next` is the oldest).
const ROOT: usize = 0;

struct Lru {
    func: ObjCell,
    cache: ObjCell,
    cache_info_type: ObjCell,
    kwd_mark: ObjCell,
    typed: bool,
    /// None: unbounded.
    maxsize: Option<usize>,
    hits: Cell<u64>,
    misses: Cell<u64>,
    links: RefCell<Vec<Option<Link>>>,
    free: RefCell<Vec<usize>>,
}
impl PyPayload for Lru {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.func, &self.cache, &self.cache_info_type, &self.kwd_mark], visit);
        if let Ok(links) = self.links.try_borrow() {
            for l in links.iter().flatten() {
                visit(&l.key);
                visit(&l.result);
            }
        }
    }
    fn clear(&self) {
        clear_cells(&[&self.func, &self.cache, &self.cache_info_type, &self.kwd_mark]);
        let old = self.links.try_borrow_mut().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default();
        drop(old);
    }
}

impl Lru {
    fn root_next(&self) -> usize {
        match self.links.borrow().get(ROOT) {
            Some(Some(l)) => l.next,
            _ => ROOT,
        }
    }
    fn unlink(&self, i: usize) {
        let mut links = self.links.borrow_mut();
        let (prev, next) = match links.get(i) {
            Some(Some(l)) => (l.prev, l.next),
            _ => return,
        };
        if let Some(Some(p)) = links.get_mut(prev) {
            p.next = next;
        }
        if let Some(Some(n)) = links.get_mut(next) {
            n.prev = prev;
        }
    }
    /// Put link `i` at the newest end.
    fn append(&self, i: usize) {
        let mut links = self.links.borrow_mut();
        let last = match links.get(ROOT) {
            Some(Some(r)) => r.prev,
            _ => return,
        };
        if let Some(Some(l)) = links.get_mut(i) {
            l.prev = last;
            l.next = ROOT;
        }
        if let Some(Some(p)) = links.get_mut(last) {
            p.next = i;
        }
        if let Some(Some(r)) = links.get_mut(ROOT) {
            r.prev = i;
        }
    }
    fn new_link(&self, key: Obj, hash: i64, result: Obj) -> usize {
        let link = Link { key, hash, result, prev: ROOT, next: ROOT };
        let slot = self.free.borrow_mut().pop();
        let mut links = self.links.borrow_mut();
        match slot {
            Some(i) if i < links.len() => {
                links[i] = Some(link);
                i
            }
            _ => {
                links.push(Some(link));
                links.len() - 1
            }
        }
    }
    fn remove_link(&self, i: usize) -> Option<Link> {
        self.unlink(i);
        let l = self.links.borrow_mut().get_mut(i).and_then(|s| s.take());
        if l.is_some() {
            self.free.borrow_mut().push(i);
        }
        l
    }
    fn reset(&self, vm: &Vm) {
        let sentinel = Link { key: vm.none(), hash: 0, result: vm.none(), prev: ROOT, next: ROOT };
        let old = std::mem::replace(&mut *self.links.borrow_mut(), vec![Some(sentinel)]);
        self.free.borrow_mut().clear();
        drop(old);
    }
}

fn lru<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Lru> {
    payload_or_err::<Lru>(vm, o, LRU)
}

fn lru_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "_lru_cache_wrapper", a, k, &["user_function", "maxsize", "typed", "cache_info_type"], 4)?;
    let get = |i: usize| p[i].clone().unwrap_or_else(|| vm.none());
    let func = get(0);
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let maxsize_o = get(1);
    let maxsize = if vm.is_none(&maxsize_o) {
        None
    } else if vm.has_index(&maxsize_o) {
        let v = match vm.index_to_isize(&maxsize_o) {
            Ok(v) => v,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.overflow_error) => {
                return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
            }
            Err(e) => return Err(e),
        };
        Some(v.max(0) as usize)
    } else {
        return Err(vm.type_error("maxsize should be integer or None"));
    };
    let typed = vm.is_true(&get(2))?;
    let kwd_mark = match vm.lazy_types.borrow().get("_functools.kwd_mark") {
        Some(m) => m.clone(),
        None => vm.none(),
    };
    let l = Lru {
        func: ObjCell::some(func),
        cache: ObjCell::some(vm.new_dict()),
        cache_info_type: ObjCell::some(get(3)),
        kwd_mark: ObjCell::some(kwd_mark),
        typed,
        maxsize,
        hits: Cell::new(0),
        misses: Cell::new(0),
        links: RefCell::new(Vec::new()),
        free: RefCell::new(Vec::new()),
    };
    l.reset(vm);
    alloc(vm, cls, LRU, l)
}

/// CPython's `lru_cache_make_key`.
fn make_key(vm: &Vm, l: &Lru, a: &[Obj], k: Option<&Obj>) -> Obj {
    let (pos, kw) = vm.split_kwargs(a, k);
    if !l.typed && kw.is_empty() {
        if let [one] = pos {
            if one.type_is(&vm.ctx.types.str) || one.type_is(&vm.ctx.types.int) {
                return one.clone();
            }
        }
        return vm.new_tuple(pos.to_vec());
    }
    let mut key: Vec<Obj> = pos.to_vec();
    if !kw.is_empty() {
        key.push(l.kwd_mark.get().unwrap_or_else(|| vm.none()));
        for (name, v) in &kw {
            key.push(name.clone());
            key.push(v.clone());
        }
    }
    if l.typed {
        key.extend(pos.iter().map(|x| x.class_obj()));
        key.extend(kw.iter().map(|(_, v)| v.class_obj()));
    }
    vm.new_tuple(key)
}

fn lru_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let l = lru(vm, o)?;
    let func = l.func.get().unwrap_or_else(|| vm.none());
    if l.maxsize == Some(0) {
        l.misses.set(l.misses.get() + 1);
        return vm.call(&func, a, k);
    }
    let key = make_key(vm, l, a, k);
    let hash = vm.hash(&key)?;
    let cache = l.cache.get().unwrap_or_else(|| vm.new_dict());
    let found = cache_data(vm, &cache)?.get_hashed(vm, &key, hash)?;
    if let Some(v) = found {
        return cache_hit(vm, l, v);
    }
    l.misses.set(l.misses.get() + 1);
    let result = vm.call(&func, a, k)?;
    match l.maxsize {
        None => cache_data(vm, &cache)?.set_hashed(vm, key, hash, result.clone())?,
        Some(max) => bounded_store(vm, l, &cache, key, hash, &result, max)?,
    }
    Ok(result)
}

fn cache_hit(vm: &Vm, l: &Lru, v: Obj) -> PyResult<Obj> {
    l.hits.set(l.hits.get() + 1);
    if l.maxsize.is_none() {
        return Ok(v);
    }
    let Some(i) = int::value(&v).and_then(|iv| match iv {
        int::IntValue::Small(i) => usize::try_from(*i).ok(),
        _ => None,
    }) else {
        return Err(vm.system_error("lru cache corrupted"));
    };
    let result = match l.links.borrow().get(i) {
        Some(Some(link)) => link.result.clone(),
        _ => return Err(vm.system_error("lru cache corrupted")),
    };
    l.unlink(i);
    l.append(i);
    Ok(result)
}

fn cache_data<'a>(vm: &Vm, cache: &'a Obj) -> PyResult<&'a dict::DictData> {
    dict::data(cache).ok_or_else(|| vm.system_error("lru cache is not a dict"))
}

fn bounded_store(vm: &Vm, l: &Lru, cache: &Obj, key: Obj, hash: i64, result: &Obj, max: usize) -> PyResult<()> {
    // The function may have added this key while it ran.
    if cache_data(vm, cache)?.get_hashed(vm, &key, hash)?.is_some() {
        return Ok(());
    }
    if dict::len(cache) >= max {
        let oldest = l.root_next();
        let old = match l.links.borrow().get(oldest) {
            Some(Some(link)) if oldest != ROOT => Some((link.key.clone(), link.hash)),
            _ => None,
        };
        if let Some((old_key, old_hash)) = old {
            cache_data(vm, cache)?.remove_hashed(vm, &old_key, old_hash)?;
            let still = matches!(l.links.borrow().get(oldest), Some(Some(link)) if link.key.is(&old_key));
            if still {
                drop(l.remove_link(oldest));
            }
        }
    }
    let i = l.new_link(key.clone(), hash, result.clone());
    l.append(i);
    if let Err(e) = cache_data(vm, cache)?.set_hashed(vm, key, hash, vm.new_usize(i)) {
        drop(l.remove_link(i));
        return Err(e);
    }
    Ok(())
}

fn lru_get(vm: &Vm, o: &Obj, inst: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    match inst.filter(|i| !vm.is_none(i)) {
        None => Ok(o.clone()),
        Some(i) => vm.call(&vm.ctx.types.method, &[o.clone(), i.clone()], None),
    }
}

const LRU_METHODS: &[MethodDef] = &[
    MethodDef::method("cache_info", |vm, o, a, k| {
        args::exact::<0>(vm, "cache_info", a, k)?;
        let l = lru(vm, o)?;
        let ty = l.cache_info_type.get().unwrap_or_else(|| vm.none());
        let size = l.cache.get().map_or(0, |c| dict::len(&c));
        let maxsize = l.maxsize.map_or_else(|| vm.none(), |m| vm.new_usize(m));
        let (h, m) = (vm.new_int(l.hits.get() as i64), vm.new_int(l.misses.get() as i64));
        vm.call(&ty, &[h, m, maxsize, vm.new_usize(size)], None)
    }),
    MethodDef::method("cache_clear", |vm, o, a, k| {
        args::exact::<0>(vm, "cache_clear", a, k)?;
        let l = lru(vm, o)?;
        l.hits.set(0);
        l.misses.set(0);
        l.reset(vm);
        let old = l.cache.get();
        l.cache.set(Some(vm.new_dict()));
        drop(old);
        Ok(vm.none())
    }),
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        vm.getattr_str(o, "__qualname__")
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        Ok(o.clone())
    }),
    MethodDef::method("__deepcopy__", |vm, o, a, k| {
        args::exact::<1>(vm, "__deepcopy__", a, k)?;
        Ok(o.clone())
    }),
];

// ---- the module -------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("reduce", reduce), MethodDef::static_("cmp_to_key", cmp_to_key)];

const MODULE_DOC: &str = "Tools that operate on functions.";

fn make_types(vm: &Vm) -> (Obj, Obj, Obj) {
    let spec = TypeSpec {
        name: PARTIAL,
        flags: flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: PARTIAL_METHODS,
        getsets: PARTIAL_GETSETS,
        doc: Some("partial(func, *args, **keywords) - new function with partial application\n    of the given arguments and keywords.\n"),
        ..Default::default()
    };
    let partial = new_type::<Partial>(vm, &spec, |s: &Slots| {
        s.new.set(Some(partial_new));
        s.call.set(Some(partial_call));
        s.repr.set(Some(partial_repr));
    });
    register_type(vm, PARTIAL, &partial);
    let spec = TypeSpec { name: KEYWRAPPER, gc: true, getsets: KEYWRAPPER_GETSETS, ..Default::default() };
    let kw = new_type::<KeyWrapper>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, _cls, _a, _k| Err(vm.type_error("cannot create 'functools.KeyWrapper' instances"))));
        s.call.set(Some(keywrapper_call));
        s.richcompare.set(Some(keywrapper_richcompare));
        taipan_vm::api::types::set_unhashable(s);
    });
    register_type(vm, KEYWRAPPER, &kw);
    let spec = TypeSpec {
        name: LRU,
        // Bound as a function is (`lru_get`), so LOAD_METHOD may call it
        // with the instance first, as CPython's flag says.
        flags: flags::BASETYPE | flags::METHOD_DESCRIPTOR,
        gc: true,
        dict: true,
        weakref: true,
        methods: LRU_METHODS,
        doc: Some("Create a cached callable that wraps another function.\n\nuser_function:      the function being cached\n\nmaxsize:  0         for no caching\n          None      for unlimited cache size\n          n         for a bounded cache\n\ntyped:    False     cache f(3) and f(3.0) as identical calls\n          True      cache f(3) and f(3.0) as distinct calls\n\ncache_info_type:    namedtuple class with the fields:\n                        hits misses currsize maxsize\n"),
        ..Default::default()
    };
    let lru_ty = new_type::<Lru>(vm, &spec, |s: &Slots| {
        s.new.set(Some(lru_new));
        s.call.set(Some(lru_call));
        s.descr_get.set(Some(lru_get));
    });
    register_type(vm, LRU, &lru_ty);
    (partial, kw, lru_ty)
}

const KEYWRAPPER_GETSETS: &[GetSetDef] = &[GetSetDef::new(
    "obj",
    |vm, o| {
        let k = payload_or_err::<KeyWrapper>(vm, o, KEYWRAPPER)?;
        k.obj.get().ok_or_else(|| vm.attribute_error("obj"))
    },
    None,
)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_functools");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(MODULE_DOC))?;
    module::add_functions(vm, &m, "_functools", FUNCTIONS);
    let mark = vm.call0(&vm.ctx.types.object)?;
    vm.lazy_types.borrow_mut().insert("_functools.kwd_mark", mark);
    let (partial, _kw, lru_ty) = make_types(vm);
    dict::set_item_str(vm, &d, "partial", partial)?;
    dict::set_item_str(vm, &d, "_lru_cache_wrapper", lru_ty)?;
    let _ = pystr::as_str;
    Ok(m)
}
