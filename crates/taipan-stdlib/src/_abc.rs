//! `_abc` (CPython's `Modules/_abc.c`): the accelerator behind Lib's
//! `abc.ABCMeta`: abstract-method computation, the registry of virtual
//! subclasses and the positive and negative subclass caches.
//!
//! CPython keeps the registry and caches as sets of weak references whose
//! callbacks remove dead entries. Here each is a map from the referent's
//! address to a weak reference: an entry whose reference died is treated
//! as absent (a new object at a reused address never matches it, since the
//! dead reference no longer points to it) and dead entries are swept as the
//! map grows, so no callback is needed.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use taipan_vm::api::types::{flags, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::weakref as wr;
use taipan_vm::api::{args, dict, int, list, module, tuple, Obj, PyPayload, PyResult, Vm};

const DOC: &str = "Module contains faster C implementation of abc.ABCMeta";
const DATA_TYPE: &str = "_abc._abc_data";
/// Where the interpreter's invalidation counter lives (an int object):
/// CPython keeps it in the module state.
const COUNTER: &str = "_abc.invalidation_counter";
const COLLECTION_FLAGS: u64 = flags::SEQUENCE | flags::MAPPING;

/// A set of weak references keyed by the referent's address.
#[derive(Default)]
struct WeakSet {
    refs: RefCell<HashMap<usize, Obj>>,
    sweep_at: Cell<usize>,
}

impl WeakSet {
    /// Is `o` (alive, so its address is its own) in the set?
    fn contains(&self, o: &Obj) -> bool {
        let r = self.refs.borrow().get(&o.id()).cloned();
        r.and_then(|r| wr::referent(&r)).is_some_and(|x| x.is(o))
    }

    /// CPython's `_in_weak_set`: an object that cannot be weakly referenced
    /// is never in the set.
    fn contains_checked(&self, vm: &Vm, o: &Obj) -> PyResult<bool> {
        if self.refs.borrow().is_empty() {
            return Ok(false);
        }
        match wr::new_ref(vm, o, None) {
            Ok(_) => Ok(self.contains(o)),
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn add(&self, vm: &Vm, o: &Obj) -> PyResult<()> {
        let r = wr::new_ref(vm, o, None)?;
        let old = self.refs.borrow_mut().insert(o.id(), r);
        drop(old);
        self.sweep_if_grown();
        Ok(())
    }

    /// Drop the entries whose referent died, once the map doubled.
    fn sweep_if_grown(&self) {
        let n = self.refs.borrow().len();
        if n < self.sweep_at.get().max(16) {
            return;
        }
        let dead: Vec<Obj> = {
            let mut refs = self.refs.borrow_mut();
            let ids: Vec<usize> = refs.iter().filter(|(_, r)| wr::referent(r).is_none()).map(|(k, _)| *k).collect();
            ids.iter().filter_map(|k| refs.remove(k)).collect()
        };
        drop(dead);
        self.sweep_at.set(self.refs.borrow().len() * 2);
    }

    fn clear(&self) {
        let old = std::mem::take(&mut *self.refs.borrow_mut());
        drop(old);
    }

    /// The live references (the weakref objects).
    fn live_refs(&self) -> Vec<Obj> {
        self.refs.borrow().values().filter(|r| wr::referent(r).is_some()).cloned().collect()
    }

    /// The live referents.
    fn live_objects(&self) -> Vec<Obj> {
        self.refs.borrow().values().filter_map(wr::referent).collect()
    }
}

/// `_abc._abc_data`: the state of one ABC.
struct AbcData {
    registry: WeakSet,
    cache: WeakSet,
    negative_cache: WeakSet,
    negative_cache_version: Cell<u64>,
}

impl PyPayload for AbcData {
    fn clear(&self) {
        self.registry.clear();
        self.cache.clear();
        self.negative_cache.clear();
    }
}

fn data_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(DATA_TYPE) {
        return t.clone();
    }
    let spec = TypeSpec {
        name: DATA_TYPE,
        flags: 0,
        doc: Some("Internal state held by ABC machinery."),
        ..Default::default()
    };
    let t = taipan_vm::api::types::new_type::<AbcData>(vm, &spec, |s| {
        s.new.set(Some(|vm, cls, _a, _k| new_data(vm, cls)));
    });
    vm.lazy_types.borrow_mut().insert(DATA_TYPE, t.clone());
    t
}

fn new_data(vm: &Vm, cls: &Obj) -> PyResult<Obj> {
    let ty = data_type(vm);
    let data = AbcData {
        registry: WeakSet::default(),
        cache: WeakSet::default(),
        negative_cache: WeakSet::default(),
        negative_cache_version: Cell::new(counter(vm)),
    };
    taipan_vm::api::types::alloc_instance(vm, cls, &ty, data)
}

fn counter(vm: &Vm) -> u64 {
    let c = vm.lazy_types.borrow().get(COUNTER).cloned();
    c.and_then(|c| int::value(&c).and_then(|v| v.as_i64())).map_or(0, |v| v as u64)
}

fn bump_counter(vm: &Vm) {
    let next = vm.new_int(counter(vm).wrapping_add(1) as i64);
    let old = vm.lazy_types.borrow_mut().insert(COUNTER, next);
    drop(old);
}

/// CPython's `_get_impl`: `self._abc_impl`, which must be an `_abc_data`.
fn get_impl(vm: &Vm, cls: &Obj) -> PyResult<Obj> {
    let imp = vm.getattr_str(cls, "_abc_impl")?;
    if !imp.class_obj().is(&data_type(vm)) {
        return Err(vm.type_error("_abc_impl is set to a wrong type"));
    }
    Ok(imp)
}

fn data(o: &Obj) -> &AbcData {
    o.payload::<AbcData>().expect("checked by get_impl")
}

/// `_PyObject_IsAbstract`: a true `__isabstractmethod__`.
fn is_abstract(vm: &Vm, o: &Obj) -> PyResult<bool> {
    match vm.getattr_str_opt(o, "__isabstractmethod__")? {
        Some(v) => vm.is_true(&v),
        None => Ok(false),
    }
}

/// Set `cls.__abstractmethods__`: the abstract names of its namespace and
/// the inherited abstract names it did not override.
fn compute_abstract_methods(vm: &Vm, cls: &Obj) -> PyResult<()> {
    let mut names = Vec::new();
    let ns = vm.getattr_str(cls, "__dict__")?;
    let items = vm.call_method(&ns, "items", &[])?;
    let items = vm.to_vec(&items)?;
    for item in items {
        let pair = match vm.to_vec(&item) {
            Ok(p) => p,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                return Err(vm.type_error("items() returned non-iterable"))
            }
            Err(e) => return Err(e),
        };
        let [key, value] =
            <[Obj; 2]>::try_from(pair).map_err(|_| vm.type_error("items() returned item which size is not 2"))?;
        if is_abstract(vm, &value)? {
            names.push(key);
        }
    }
    let bases = vm.getattr_str(cls, "__bases__")?;
    if !vm.isinstance_type(&bases, &vm.ctx.types.tuple) {
        return Err(vm.type_error("__bases__ is not tuple"));
    }
    let bases = tuple::items(&bases).to_vec();
    for base in bases {
        let Some(inherited) = vm.getattr_str_opt(&base, "__abstractmethods__")? else { continue };
        let it = vm.iter(&inherited)?;
        while let Some(key) = vm.next(&it)? {
            let Some(value) = vm.getattr_opt(cls, &key)? else { continue };
            if is_abstract(vm, &value)? {
                names.push(key);
            }
        }
    }
    let abstracts = vm.new_frozenset(names)?;
    vm.setattr_str(cls, "__abstractmethods__", &abstracts)
}

fn type_object(o: &Obj) -> Option<&TypeObject> {
    o.payload::<TypeObject>()
}

/// Move `__abc_tpflags__` from the class namespace into its type flags
/// (how `collections.abc` marks Sequence and Mapping for `match`).
fn apply_abc_tpflags(vm: &Vm, cls: &Obj) -> PyResult<()> {
    let Some(t) = type_object(cls) else { return Ok(()) };
    let ns = t.dict();
    let Some(value) = dict::get_item_str(vm, &ns, "__abc_tpflags__") else { return Ok(()) };
    if value.class_obj().is(&vm.ctx.types.int) {
        let v = match int::value(&value).and_then(|v| v.as_i64()) {
            Some(v) => v as u64,
            None => return Err(vm.overflow_error("Python int too large to convert to C long")),
        };
        if v & COLLECTION_FLAGS == COLLECTION_FLAGS {
            return Err(vm.type_error("__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING"));
        }
        t.flags.set(t.flags.get() | (v & COLLECTION_FLAGS));
    }
    vm.delattr(cls, &vm.intern("__abc_tpflags__"))
}

/// Give `child` and its subclasses the collection flag `flag`, stopping
/// at immutable types and at types that already have it.
fn set_collection_flag_recursive(vm: &Vm, child: &Obj, flag: u64) -> PyResult<()> {
    let Some(t) = type_object(child) else { return Ok(()) };
    if t.has_flag(flags::IMMUTABLETYPE) || t.flags.get() & COLLECTION_FLAGS == flag {
        return Ok(());
    }
    t.flags.set((t.flags.get() & !COLLECTION_FLAGS) | flag);
    let subclasses = vm.call_method(child, "__subclasses__", &[])?;
    for sub in list::items(&subclasses).unwrap_or_default() {
        vm.with_recursion("", || set_collection_flag_recursive(vm, &sub, flag))?;
    }
    Ok(())
}

fn abc_init(vm: &Vm, cls: Obj) -> PyResult<Obj> {
    compute_abstract_methods(vm, &cls)?;
    let data = new_data(vm, &data_type(vm))?;
    vm.setattr_str(&cls, "_abc_impl", &data)?;
    apply_abc_tpflags(vm, &cls)?;
    Ok(vm.none())
}

fn abc_register(vm: &Vm, cls: Obj, subclass: Obj) -> PyResult<Obj> {
    if !vm.is_type(&subclass) {
        return Err(vm.type_error("Can only register classes"));
    }
    if vm.issubclass(&subclass, &cls)? {
        return Ok(subclass);
    }
    // Tested after "already a subclass", so X.register(X) is a no-op.
    if vm.issubclass(&cls, &subclass)? {
        return Err(vm.runtime_error("Refusing to create an inheritance cycle"));
    }
    let imp = get_impl(vm, &cls)?;
    data(&imp).registry.add(vm, &subclass)?;
    bump_counter(vm);
    if let Some(t) = type_object(&cls) {
        let flag = t.flags.get() & COLLECTION_FLAGS;
        if flag != 0 {
            set_collection_flag_recursive(vm, &subclass, flag)?;
        }
    }
    Ok(subclass)
}

fn abc_instancecheck(vm: &Vm, cls: Obj, instance: Obj) -> PyResult<Obj> {
    let imp = get_impl(vm, &cls)?;
    let d = data(&imp);
    let subclass = vm.getattr_str(&instance, "__class__")?;
    if d.cache.contains_checked(vm, &subclass)? {
        return Ok(vm.bool_obj(true));
    }
    let subtype = instance.class_obj();
    if subtype.is(&subclass) {
        if d.negative_cache_version.get() == counter(vm) && d.negative_cache.contains_checked(vm, &subclass)? {
            return Ok(vm.bool_obj(false));
        }
        return vm.call_method(&cls, "__subclasscheck__", &[subclass]);
    }
    let result = vm.call_method(&cls, "__subclasscheck__", &[subclass])?;
    if vm.is_true(&result)? {
        return Ok(result);
    }
    vm.call_method(&cls, "__subclasscheck__", &[subtype])
}

fn abc_subclasscheck(vm: &Vm, cls: Obj, subclass: Obj) -> PyResult<Obj> {
    if !vm.is_type(&subclass) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let imp = get_impl(vm, &cls)?;
    let d = data(&imp);
    // 1. The positive cache.
    if d.cache.contains(&subclass) {
        return Ok(vm.bool_obj(true));
    }
    // 2. The negative cache, invalidated by any register() since it was filled.
    let now = counter(vm);
    if d.negative_cache_version.get() < now {
        d.negative_cache.clear();
        d.negative_cache_version.set(now);
    } else if d.negative_cache.contains(&subclass) {
        return Ok(vm.bool_obj(false));
    }
    // 3. The subclass hook.
    let ok = vm.call_method(&cls, "__subclasshook__", std::slice::from_ref(&subclass))?;
    if ok.is(&vm.bool_obj(true)) {
        d.cache.add(vm, &subclass)?;
        return Ok(ok);
    }
    if ok.is(&vm.bool_obj(false)) {
        d.negative_cache.add(vm, &subclass)?;
        return Ok(ok);
    }
    if !vm.is_not_implemented(&ok) {
        return Err(vm.new_exception_msg(
            &vm.ctx.exceptions.assertion_error,
            "__subclasshook__ must return either False, True, or NotImplemented",
        ));
    }
    // 4. A direct subclass.
    let mro = type_object(&subclass).and_then(|t| t.mro_opt());
    if let Some(mro) = &mro {
        if tuple::items(mro).iter().any(|c| c.is(&cls)) {
            d.cache.add(vm, &subclass)?;
            return Ok(vm.bool_obj(true));
        }
    }
    // 5. A subclass of a registered class.
    if d.registry.contains(&subclass) {
        return Ok(vm.bool_obj(true));
    }
    for registered in d.registry.live_objects() {
        if vm.issubclass(&subclass, &registered)? {
            d.cache.add(vm, &subclass)?;
            return Ok(vm.bool_obj(true));
        }
    }
    // 6. A subclass of a subclass.
    let subclasses = vm.call_method(&cls, "__subclasses__", &[])?;
    let Some(subclasses) = list::items(&subclasses) else {
        return Err(vm.type_error("__subclasses__() must return a list"));
    };
    for sub in subclasses {
        if vm.issubclass(&subclass, &sub)? {
            d.cache.add(vm, &subclass)?;
            return Ok(vm.bool_obj(true));
        }
    }
    d.negative_cache.add(vm, &subclass)?;
    Ok(vm.bool_obj(false))
}

fn new_set_of(vm: &Vm, items: Vec<Obj>) -> PyResult<Obj> {
    let s = vm.new_set();
    for x in items {
        vm.call_method(&s, "add", &[x])?;
    }
    Ok(s)
}

fn get_dump(vm: &Vm, cls: Obj) -> PyResult<Obj> {
    let imp = get_impl(vm, &cls)?;
    let d = data(&imp);
    let registry = new_set_of(vm, d.registry.live_refs())?;
    let cache = new_set_of(vm, d.cache.live_refs())?;
    let negative = new_set_of(vm, d.negative_cache.live_refs())?;
    let version = vm.new_int(d.negative_cache_version.get() as i64);
    Ok(vm.new_tuple(vec![registry, cache, negative, version]))
}

fn one_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::one(vm, &format!("_abc.{name}"), a, k)
}

fn two_args(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<(Obj, Obj)> {
    let a = crate::clinic::positional(vm, &format!("_abc.{name}"), name, a, k, 2, 2)?;
    Ok((a[0].clone(), a[1].clone()))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("get_cache_token", |vm, _, a, k| {
        args::exact::<0>(vm, "get_cache_token", a, k)?;
        Ok(vm.new_int(counter(vm) as i64))
    }),
    MethodDef::static_("_abc_init", |vm, _, a, k| abc_init(vm, one_arg(vm, "_abc_init", a, k)?)),
    MethodDef::static_("_reset_registry", |vm, _, a, k| {
        let cls = one_arg(vm, "_reset_registry", a, k)?;
        data(&get_impl(vm, &cls)?).registry.clear();
        Ok(vm.none())
    }),
    MethodDef::static_("_reset_caches", |vm, _, a, k| {
        let cls = one_arg(vm, "_reset_caches", a, k)?;
        let imp = get_impl(vm, &cls)?;
        data(&imp).cache.clear();
        data(&imp).negative_cache.clear();
        Ok(vm.none())
    }),
    MethodDef::static_("_get_dump", |vm, _, a, k| get_dump(vm, one_arg(vm, "_get_dump", a, k)?)),
    MethodDef::static_("_abc_register", |vm, _, a, k| {
        let (cls, sub) = two_args(vm, "_abc_register", a, k)?;
        abc_register(vm, cls, sub)
    }),
    MethodDef::static_("_abc_instancecheck", |vm, _, a, k| {
        let (cls, inst) = two_args(vm, "_abc_instancecheck", a, k)?;
        abc_instancecheck(vm, cls, inst)
    }),
    MethodDef::static_("_abc_subclasscheck", |vm, _, a, k| {
        let (cls, sub) = two_args(vm, "_abc_subclasscheck", a, k)?;
        abc_subclasscheck(vm, cls, sub)
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    data_type(vm);
    if !vm.lazy_types.borrow().contains_key(COUNTER) {
        vm.lazy_types.borrow_mut().insert(COUNTER, vm.new_int(0));
    }
    let m = module::new_module(vm, "_abc");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_abc", FUNCTIONS);
    Ok(m)
}
