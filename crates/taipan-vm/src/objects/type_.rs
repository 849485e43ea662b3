//! `type` and `object` (CPython's `Objects/typeobject.c`): the type objects,
//! C3 linearization, attribute lookup through the MRO (with the descriptor
//! protocol), generic instance attribute access, and class creation.

use crate::context::ObjectData;
use crate::object::typeobj::slot_id;
use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{Obj, PyCell};
use crate::objects::descriptor::{self, MethodDef};
use crate::objects::{dict, instance_values, str as pystr, tuple, type_cache};
use crate::vm::{PyResult, Vm};

/// The type object of `type`.
pub(crate) fn type_type_object() -> TypeObject {
    let mut t = TypeObject::new::<TypeObject>(
        "type",
        std::mem::size_of::<PyCell<TypeObject>>(),
        true,
        flags::BASETYPE | flags::TYPE_SUBCLASS | flags::IMMUTABLETYPE,
    )
    .with_weaklist();
    t.doc = Some("type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type");
    t.slots.repr.set(Some(type_repr));
    t.slots.getattro.set(Some(type_getattro));
    t.slots.setattro.set(Some(type_setattro));
    t.slots.call.set(Some(type_call));
    t.slots.new.set_as(type_new, slot_id::TYPE_NEW);
    t.slots.init.set(Some(type_init));
    // tp_hash and tp_richcompare come from object, as in CPython (so
    // type's dict has no `__eq__`, `__hash__`, ... of its own).
    t.slots.nb_binary[crate::object::typeobj::NbOp::Or as usize].set(Some(crate::objects::generic_alias::type_or));
    t
}

/// The type object of `object`.
pub(crate) fn object_type_object() -> TypeObject {
    let mut t = TypeObject::new::<ObjectData>(
        "object",
        std::mem::size_of::<PyCell<ObjectData>>(),
        false,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("The base class of the class hierarchy.");
    t.slots.repr.set(Some(object_repr));
    t.slots.str.set(Some(object_str));
    t.slots.hash.set(Some(object_hash));
    t.slots.getattro.set_as(generic_getattr, slot_id::GENERIC_GETATTR);
    t.slots.setattro.set_as(generic_setattr, slot_id::GENERIC_SETATTR);
    t.slots.richcompare.set(Some(object_richcompare));
    t.slots.init.set_as(object_init, slot_id::OBJECT_INIT);
    t.slots.new.set_as(object_new, slot_id::OBJECT_NEW);
    t
}

pub(crate) fn generic_alias_type_object() -> TypeObject {
    crate::objects::generic_alias::generic_alias_type_object()
}

pub(crate) fn union_type_object() -> TypeObject {
    crate::objects::generic_alias::union_type_object()
}

pub(crate) fn as_type(o: &Obj) -> Option<&TypeObject> {
    o.payload::<TypeObject>()
}

fn ty_of(o: &Obj) -> &TypeObject {
    o.payload::<TypeObject>().expect("a type object")
}

// ---- builtin type setup -------------------------------------------------------------

/// Give a builtin type its base, bases and MRO (once all builtin types exist).
pub(crate) fn init_static_type_base(vm: &Vm, ty: &Obj) {
    let t = ty_of(ty);
    if t.mro_opt().is_some() {
        return;
    }
    let object = &vm.ctx.types.object;
    if t.base().is_none() && !ty.is(object) {
        let base = if ty.is(&vm.ctx.types.bool_) { vm.ctx.types.int.clone() } else { object.clone() };
        t.set_base(Some(base));
    }
    if let Some(base) = t.base() {
        init_static_type_base(vm, &base);
        if ty_of(&base).is_gc && !t.is_gc {
            // Only layout-compatible bases are used for builtin types.
        }
        t.set_bases(vm.new_tuple(vec![base.clone()]));
        let mut mro = vec![ty.clone()];
        mro.extend(tuple::items(&ty_of(&base).mro()).iter().cloned());
        t.set_mro(vm.new_tuple(mro));
        ty_of(&base).add_subclass(ty.id());
    } else {
        t.set_bases(vm.ctx.empty_tuple.clone());
        t.set_mro(vm.new_tuple(vec![ty.clone()]));
    }
    if t.dict_opt().is_none() {
        t.set_dict(vm.new_dict());
    }
}

impl TypeObject {
    pub fn mro_opt(&self) -> Option<Obj> {
        // SAFETY: cloned out.
        unsafe { (*self.mro.get()).clone() }
    }

    pub fn dict_opt(&self) -> Option<Obj> {
        // SAFETY: cloned out.
        unsafe { (*self.dict.get()).clone() }
    }
}

/// A builtin type inherits the slots it does not define from its base
/// (CPython's `inherit_slots`).
pub(crate) fn inherit_slots(_vm: &Vm, ty: &Obj) {
    let t = ty_of(ty);
    let Some(base) = t.base() else { return };
    inherit_slots(_vm, &base);
    let b = ty_of(&base);
    inherit_missing_slots(t, b);
    // A type that defines rich comparison but not hashing is unhashable
    // only when it is a class; builtin types inherit both together.
    if t.slots.hash.get().is_none() && t.slots.richcompare.id() == b.slots.richcompare.id() {
        t.slots.hash.copy_from(&b.slots.hash);
    }
}

/// Copy the slots `t` does not have from `b` (CPython's `inherit_slots`),
/// all but `hash`, whose rule differs between builtin types and classes.
pub(crate) fn inherit_missing_slots(t: &TypeObject, b: &TypeObject) {
    let s = &t.slots;
    let bs = &b.slots;
    macro_rules! inherit {
        ($($f:ident),*) => {$(
            if s.$f.get().is_none() {
                s.$f.copy_from(&bs.$f);
            }
        )*};
    }
    inherit!(
        repr,
        str,
        getattro,
        setattro,
        richcompare,
        iter,
        iternext,
        descr_get,
        descr_set,
        init,
        new,
        nb_power3,
        nb_divmod,
        nb_negative,
        nb_positive,
        nb_invert,
        nb_absolute,
        nb_bool,
        nb_int,
        nb_float,
        nb_index,
        sq_length,
        sq_contains,
        mp_length,
        mp_subscript,
        mp_ass_subscript,
        call,
        sq_concat,
        sq_repeat,
        sq_inplace_concat,
        sq_inplace_repeat
    );
    for i in 0..crate::object::typeobj::NB_COUNT {
        if s.nb_binary[i].get().is_none() {
            s.nb_binary[i].copy_from(&bs.nb_binary[i]);
        }
        if s.nb_inplace[i].get().is_none() {
            s.nb_inplace[i].copy_from(&bs.nb_inplace[i]);
        }
    }
}

/// Methods of `object` and `type` visible from Python.
pub(crate) fn setup(vm: &Vm) {
    use descriptor::{add_getsets, add_methods, GetSetDef};
    let object = &vm.ctx.types.object;
    add_methods(
        vm,
        object,
        &[
            MethodDef::method("__reduce_ex__", object_reduce_ex),
            MethodDef::method("__reduce__", object_reduce),
            MethodDef::method("__dir__", object_dir),
            MethodDef::method("__format__", object_format),
            MethodDef::method("__sizeof__", object_sizeof),
            MethodDef::class("__subclasshook__", object_subclasshook),
            MethodDef::class("__init_subclass__", object_init_subclass),
            MethodDef::method("__getstate__", object_getstate),
        ],
    );
    add_getsets(vm, object, &[GetSetDef::new("__class__", object_get_class, Some(object_set_class))]);
    let type_ = &vm.ctx.types.type_;
    add_methods(
        vm,
        type_,
        &[
            MethodDef::method("mro", type_mro_method),
            MethodDef::method("__subclasses__", type_subclasses),
            MethodDef::method("__instancecheck__", type_instancecheck),
            MethodDef::method("__subclasscheck__", type_subclasscheck),
            MethodDef::method("__dir__", type_dir),
            MethodDef::method("__sizeof__", object_sizeof),
            MethodDef::class("__prepare__", type_prepare),
        ],
    );
    add_getsets(
        vm,
        type_,
        &[
            GetSetDef::new("__name__", type_get_name, Some(type_set_name)),
            GetSetDef::new("__basicsize__", |vm, t| Ok(vm.new_usize(ty_of(t).basicsize)), None),
            GetSetDef::new("__itemsize__", |vm, t| Ok(vm.new_usize(type_itemsize(vm, t))), None),
            GetSetDef::new("__dictoffset__", |vm, t| Ok(vm.new_usize(ty_of(t).dictoffset)), None),
            GetSetDef::new("__weakrefoffset__", |vm, t| Ok(vm.new_usize(ty_of(t).weaklistoffset)), None),
            GetSetDef::new("__flags__", |vm, t| Ok(vm.new_int(ty_of(t).flags.get() as i64)), None),
            GetSetDef::new("__qualname__", type_get_qualname, Some(type_set_qualname)),
            GetSetDef::new("__bases__", type_get_bases, Some(crate::objects::class::type_set_bases)),
            GetSetDef::new("__base__", type_get_base, None),
            GetSetDef::new("__mro__", type_get_mro, None),
            GetSetDef::new("__dict__", type_get_dict, None),
            GetSetDef::new("__doc__", type_get_doc, Some(type_set_doc)),
            GetSetDef::new("__module__", type_get_module, Some(type_set_module)),
            GetSetDef::new("__abstractmethods__", type_get_abstractmethods, Some(type_set_abstractmethods)),
            GetSetDef::new("__annotations__", type_get_annotations, Some(type_set_annotations)),
            GetSetDef::new("__text_signature__", type_get_text_signature, None),
        ],
    );
    // object's slot wrappers: __init__, __new__, __repr__, __eq__, ...
    crate::objects::slots::add_slot_wrappers(vm, object);
    crate::objects::slots::add_slot_wrappers(vm, type_);
}

// ---- MRO --------------------------------------------------------------------------------

/// C3 linearization of a class with these bases (CPython's `mro_implementation`).
pub(crate) fn compute_mro(vm: &Vm, ty: &Obj, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[i + 1..].iter().any(|o| o.is(b)) {
            let name = as_type(b).map(|t| t.name().rsplit('.').next().unwrap_or("").to_string()).unwrap_or_default();
            return Err(vm.type_error(format!("duplicate base class {name}")));
        }
    }
    let mut seqs: Vec<Vec<Obj>> = Vec::new();
    for b in bases {
        let Some(bt) = as_type(b) else {
            return Err(vm.type_error("bases must be types"));
        };
        // A base whose own `mro()` is still running has no MRO yet.
        let Some(base_mro) = bt.mro_opt() else {
            return Err(vm.type_error(format!("Cannot extend an incomplete type '{}'", bt.name())));
        };
        seqs.push(tuple::items(&base_mro).to_vec());
    }
    seqs.push(bases.to_vec());
    let mut result = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(result);
        }
        let mut candidate = None;
        for s in &seqs {
            let head = &s[0];
            let in_tail = seqs.iter().any(|other| other[1..].iter().any(|x| x.is(head)));
            if !in_tail {
                candidate = Some(head.clone());
                break;
            }
        }
        let Some(next) = candidate else {
            // CPython lists the remaining heads in the order of the bases.
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = ty_of(&s[0]).name().to_string();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        result.push(next.clone());
        for s in seqs.iter_mut() {
            if s[0].is(&next) {
                s.remove(0);
            }
        }
    }
}

// ---- attribute lookup ---------------------------------------------------------------------

/// Look `name` (a str object) up in the MRO of `ty` (CPython's `_PyType_Lookup`).
pub(crate) fn lookup(vm: &Vm, ty: &TypeObject, name: &Obj) -> Option<Obj> {
    let mut tag = ty.version_tag.get();
    if tag == 0 {
        tag = next_type_version();
        if tag == 0 {
            // The tags ran out: no caching from now on (as CPython).
            return lookup_uncached(vm, ty, name);
        }
        ty.version_tag.set(tag);
    }
    if let Some(hit) = vm.method_cache.get(tag, name) {
        return hit;
    }
    lookup_and_cache(vm, ty, name, tag)
}

/// A method cache miss: scan the MRO, then cache what was found (or that
/// nothing was) under `tag`.
#[inline(never)]
fn lookup_and_cache(vm: &Vm, ty: &TypeObject, name: &Obj, tag: u32) -> Option<Obj> {
    let Some(mro) = ty.mro_opt() else {
        vm.method_cache.set(tag, name, None);
        return None;
    };
    for base in tuple::items(&mro).iter() {
        let d = ty_of(base).dict();
        let Some(v) = dict::get_str_item(vm, &d, name) else { continue };
        // Looking up may run Python code (a dict key's __eq__) that changes
        // types: only a result found under an unchanged tag is cached. No
        // Python code runs between the dict's lookup and reading its version.
        if ty.version_tag.get() == tag {
            if let Some(dd) = dict::data(&d) {
                vm.method_cache.set(tag, name, Some(type_cache::Found { value: &v, dict: dd }));
            }
        }
        return Some(v);
    }
    if ty.version_tag.get() == tag {
        vm.method_cache.set(tag, name, None);
    }
    None
}

/// Type version tags are unique across types and never reused (0: none
/// assigned yet), so a tag and a name identify one lookup result (CPython's
/// method cache; `type_cache.rs` relies on this for its borrowed values).
static NEXT_TYPE_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// A fresh tag, or 0 once the 32-bit space is used up.
fn next_type_version() -> u32 {
    use std::sync::atomic::Ordering::Relaxed;
    let v = NEXT_TYPE_VERSION.load(Relaxed);
    if v == u32::MAX {
        return 0;
    }
    NEXT_TYPE_VERSION.store(v + 1, Relaxed);
    v + 1
}

/// `tp_version_tag` of a type (0: none assigned yet, or not a type).
pub fn version_tag(ty: &Obj) -> u32 {
    ty.payload::<TypeObject>().map_or(0, |t| t.version_tag.get())
}

/// CPython's `assign_version_tag`: give the type a tag if it has none;
/// false once the tags ran out (or for a non-type).
pub fn assign_version_tag(ty: &Obj) -> bool {
    let Some(t) = ty.payload::<TypeObject>() else { return false };
    if t.version_tag.get() == 0 {
        t.version_tag.set(next_type_version());
    }
    t.version_tag.get() != 0
}

/// `PyType_Modified`: the type and its subclasses drop their version tags
/// and the cache entries keyed by them.
pub fn type_modified(vm: &Vm, ty: &Obj) {
    if ty.payload::<TypeObject>().is_some() {
        modified(vm, ty);
    }
}

fn lookup_uncached(vm: &Vm, ty: &TypeObject, name: &Obj) -> Option<Obj> {
    let mro = ty.mro_opt()?;
    for base in tuple::items(&mro).iter() {
        let d = ty_of(base).dict();
        if let Some(v) = dict::get_str_item(vm, &d, name) {
            return Some(v);
        }
    }
    None
}

/// Every dunder attribute along a type's MRO, each as the first class in
/// the MRO has it, keyed by `dunder_key` of its name; None when the MRO
/// cannot be read this way (no MRO yet, or a class dict with a key that is
/// not a str, which could compare equal to a name).
pub(crate) type MroDunders = rustc_hash::FxHashMap<u64, (Obj, Obj)>;

pub(crate) fn mro_dunders(ty: &TypeObject) -> Option<MroDunders> {
    let mro = ty.mro_opt()?;
    let mut map = MroDunders::default();
    for base in tuple::items(&mro).iter() {
        for (k, v) in dict::items(&ty_of(base).dict()) {
            pystr::data(&k)?;
            // A key with lone surrogates equals no Rust string.
            let Some(name) = pystr::as_str(&k).filter(|n| n.starts_with("__")) else { continue };
            map.entry(dunder_key(name)).or_insert((k, v));
        }
    }
    Some(map)
}

/// The key of a name in `MroDunders`.
pub(crate) fn dunder_key(name: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(name.as_bytes());
    h.finish()
}

/// `_PyType_Lookup` with a string literal (interns it).
pub(crate) fn lookup_str(vm: &Vm, ty: &TypeObject, name: &'static str) -> Option<Obj> {
    let n = vm.intern_static(name);
    lookup(vm, ty, &n)
}

/// Does the type define `name` somewhere in its MRO?
pub(crate) fn has_attr(vm: &Vm, ty: &TypeObject, name: &'static str) -> bool {
    lookup_str(vm, ty, name).is_some()
}

fn is_data_descriptor(d: &Obj) -> bool {
    d.class().slots.descr_set.get().is_some()
}

/// `object.__getattribute__` (CPython's `PyObject_GenericGetAttr`).
pub fn generic_getattr(vm: &Vm, obj: &Obj, name: &Obj) -> PyResult<Obj> {
    match generic_getattr_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(attribute_error_for(vm, obj, name)),
    }
}

/// The AttributeError CPython raises for a missing attribute, with `name` and
/// `obj` set (they drive the "Did you mean" suggestions).
pub(crate) fn attribute_error_for(vm: &Vm, obj: &Obj, name: &Obj) -> crate::vm::PyErr {
    let msg = format!("'{}' object has no attribute '{}'", obj.class().name(), pystr::as_str_lossy(name));
    let err = vm.new_exception_msg(&vm.ctx.exceptions.attribute_error, &msg);
    crate::objects::exceptions::set_extra(&err.0, "name", name.clone());
    crate::objects::exceptions::set_extra(&err.0, "obj", obj.clone());
    err
}

/// `PyObject_GenericGetAttr` without the AttributeError: `Ok(None)` when the
/// attribute does not exist.
pub(crate) fn generic_getattr_opt(vm: &Vm, obj: &Obj, name: &Obj) -> PyResult<Option<Obj>> {
    let ty = obj.class();
    let descr = lookup(vm, ty, name);
    if let Some(d) = &descr {
        if let Some(get) = d.class().slots.descr_get.get() {
            if is_data_descriptor(d) {
                return get(vm, d, Some(obj), Some(&obj.class_obj())).map(Some);
            }
        }
    }
    match instance_values::lookup(vm, obj, name) {
        Some(Some(v)) => return Ok(Some(v)),
        Some(None) => {}
        None => {
            if let Some(dict) = instance_values::dict_of(vm, obj) {
                if let Some(v) = dict::get_item_opt(vm, &dict, name)? {
                    return Ok(Some(v));
                }
            }
        }
    }
    if let Some(d) = descr {
        if let Some(get) = d.class().slots.descr_get.get() {
            return get(vm, &d, Some(obj), Some(&obj.class_obj())).map(Some);
        }
        return Ok(Some(d));
    }
    Ok(None)
}

/// The instance `__dict__` for a store, made now (split on the class's
/// shared keys) if the object has a dict slot but no dict yet.
pub(crate) fn instance_dict_or_new(vm: &Vm, obj: &Obj) -> Option<Obj> {
    if let Some(d) = obj.instance_dict() {
        return Some(d);
    }
    if obj.class().values_offset != 0 {
        return instance_values::materialize(vm, obj);
    }
    obj.dict_slot()?;
    let d = vm.new_instance_dict(obj.class());
    crate::gc::mark_embedded(&d);
    obj.set_instance_dict(Some(d.clone()));
    Some(d)
}

/// `object.__setattr__` / `__delattr__` (CPython's `PyObject_GenericSetAttr`).
pub fn generic_setattr(vm: &Vm, obj: &Obj, name: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let ty = obj.class();
    if let Some(d) = lookup(vm, ty, name) {
        if let Some(set) = d.class().slots.descr_set.get() {
            return set(vm, &d, obj, value);
        }
    }
    let Some(slot) = obj.dict_slot() else {
        return Err(if lookup(vm, ty, name).is_some() {
            vm.attribute_error(format!("'{}' object attribute '{}' is read-only", ty.name(), pystr::as_str_lossy(name)))
        } else {
            attribute_error_for(vm, obj, name)
        });
    };
    let _ = slot;
    let value = match value {
        Some(v) => match instance_values::store(vm, obj, name, v.clone()) {
            Ok(()) => return Ok(()),
            Err(_) => Some(v),
        },
        None => None,
    };
    let Some(dict) = instance_dict_or_new(vm, obj) else { return Err(attribute_error_for(vm, obj, name)) };
    match value {
        Some(v) => dict::set_item(vm, &dict, name.clone(), v.clone()),
        None => match dict::del_item(vm, &dict, name) {
            Ok(()) => Ok(()),
            Err(e) if e.0.class_obj().is(&vm.ctx.exceptions.key_error) => Err(attribute_error_for(vm, obj, name)),
            Err(e) => Err(e),
        },
    }
}

/// `type.__getattribute__` (CPython's `type_getattro`).
pub(crate) fn type_getattro(vm: &Vm, ty: &Obj, name: &Obj) -> PyResult<Obj> {
    let meta = ty.class();
    let meta_attr = lookup(vm, meta, name);
    if let Some(ma) = &meta_attr {
        if let Some(get) = ma.class().slots.descr_get.get() {
            if is_data_descriptor(ma) {
                return get(vm, ma, Some(ty), Some(&ty.class_obj()));
            }
        }
    }
    if let Some(attr) = lookup(vm, ty_of(ty), name) {
        if let Some(get) = attr.class().slots.descr_get.get() {
            return get(vm, &attr, None, Some(ty));
        }
        return Ok(attr);
    }
    if let Some(ma) = meta_attr {
        if let Some(get) = ma.class().slots.descr_get.get() {
            return get(vm, &ma, Some(ty), Some(&ty.class_obj()));
        }
        return Ok(ma);
    }
    let msg = format!("type object '{}' has no attribute '{}'", ty_of(ty).name(), pystr::as_str_lossy(name));
    let err = vm.new_exception_msg(&vm.ctx.exceptions.attribute_error, &msg);
    crate::objects::exceptions::set_extra(&err.0, "name", name.clone());
    crate::objects::exceptions::set_extra(&err.0, "obj", ty.clone());
    Err(err)
}

/// A type whose attributes cannot be set (CPython's
/// `Py_TPFLAGS_IMMUTABLETYPE`): the static types, and heap types native
/// code marked so (`_ssl.SSLError`).
fn is_immutable(t: &TypeObject) -> bool {
    !t.is_heap_type() || t.has_flag(flags::IMMUTABLETYPE)
}

/// The type's name as CPython's `tp_name` shows it in messages: a static
/// type's own; for an immutable heap type, `module.Name` (what the spec or
/// `PyErr_NewException` name of such a type is).
fn tp_name(vm: &Vm, ty: &Obj) -> String {
    let t = ty_of(ty);
    if !t.is_heap_type() {
        return t.name().to_string();
    }
    let module = dict::get_item_str(vm, &t.dict(), "__module__").and_then(|m| pystr::as_str(&m).map(str::to_string));
    match module {
        Some(m) if m != "builtins" => format!("{m}.{}", t.name()),
        _ => t.name().to_string(),
    }
}

/// `type.__setattr__`: class attributes; assigning a dunder updates the slot.
pub(crate) fn type_setattro(vm: &Vm, ty: &Obj, name: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let t = ty_of(ty);
    if is_immutable(t) {
        return Err(vm.type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            pystr::as_str_lossy(name),
            tp_name(vm, ty)
        )));
    }
    let meta = ty.class();
    if let Some(d) = lookup(vm, meta, name) {
        if let Some(set) = d.class().slots.descr_set.get() {
            return set(vm, &d, ty, value);
        }
    }
    let d = t.dict();
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v.clone())?,
        None => {
            if dict::del_item(vm, &d, name).is_err() {
                return Err(vm.attribute_error(format!(
                    "type object '{}' has no attribute '{}'",
                    t.name(),
                    pystr::as_str_lossy(name)
                )));
            }
        }
    }
    modified(vm, ty);
    let n = pystr::as_str_lossy(name);
    if n.starts_with("__") && n.ends_with("__") {
        crate::objects::slots::update_slot(vm, ty, &n);
    }
    Ok(())
}

/// A type (or a base of it) changed: invalidate caches of it and its subclasses.
pub(crate) fn modified(vm: &Vm, ty: &Obj) {
    let t = ty_of(ty);
    t.invalidate_lookups();
    for id in t.subclass_ids() {
        if let Some(sub) = vm.find_live_type(id) {
            modified(vm, &sub);
        }
    }
}

// ---- object's slots -------------------------------------------------------------------------

pub(crate) fn object_repr(vm: &Vm, obj: &Obj) -> PyResult<Obj> {
    let ty = obj.class();
    let module = type_module_name(vm, &obj.class_obj());
    let qual = type_qualname(vm, &obj.class_obj());
    let s = match module {
        Some(m) if m != "builtins" => format!("<{}.{} object at {:#x}>", m, qual, obj.id()),
        _ => format!("<{} object at {:#x}>", ty.name(), obj.id()),
    };
    Ok(vm.new_str(&s))
}

pub(crate) fn object_str(vm: &Vm, obj: &Obj) -> PyResult<Obj> {
    vm.repr(obj)
}

pub(crate) fn object_hash(_vm: &Vm, obj: &Obj) -> PyResult<i64> {
    // CPython: the address rotated by 4 bits.
    let p = obj.id() as u64;
    Ok(crate::hash::fix(p.rotate_right(4) as i64))
}

pub(crate) fn object_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    match op {
        CompareOp::Eq => Ok(if a.is(b) { vm.bool_obj(true) } else { vm.not_implemented() }),
        CompareOp::Ne => {
            // Delegate to __eq__ and invert, unless it is NotImplemented.
            let eq = a.class().slots.richcompare.get();
            let r = match eq {
                Some(f) => f(vm, a, b, CompareOp::Eq)?,
                None => vm.not_implemented(),
            };
            if vm.is_not_implemented(&r) {
                return Ok(r);
            }
            let t = vm.is_true(&r)?;
            Ok(vm.bool_obj(!t))
        }
        _ => Ok(vm.not_implemented()),
    }
}

fn excess_args(args: &[Obj], kwnames: Option<&Obj>) -> bool {
    !args.is_empty() || kwnames.is_some_and(|k| tuple::len(k) > 0)
}

pub(crate) fn object_init(vm: &Vm, obj: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    if excess_args(args, kwnames) {
        let t = obj.class();
        if !t.slots.init.is(slot_id::OBJECT_INIT) {
            return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if t.slots.new.is(slot_id::OBJECT_NEW) {
            return Err(vm.type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                t.name()
            )));
        }
    }
    Ok(())
}

pub(crate) fn object_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let t = ty_of(cls);
    if excess_args(args, kwnames) {
        if !t.slots.new.is(slot_id::OBJECT_NEW) {
            return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        if t.slots.init.is(slot_id::OBJECT_INIT) {
            return Err(vm.type_error(format!("{}() takes no arguments", t.name())));
        }
    }
    if t.has_flag(flags::IS_ABSTRACT) {
        return Err(abstract_instantiation_error(vm, cls));
    }
    if t.payload_type != std::any::TypeId::of::<ObjectData>() {
        return Err(vm.type_error(format!("object.__new__({}) is not safe, use {}.__new__()", t.name(), t.name())));
    }
    Ok(crate::object::alloc_object(cls, ObjectData))
}

fn abstract_instantiation_error(vm: &Vm, cls: &Obj) -> crate::vm::PyErr {
    let t = ty_of(cls);
    let methods = type_get_abstractmethods(vm, cls).ok();
    let mut names: Vec<String> = Vec::new();
    if let Some(m) = methods {
        if let Ok(items) = vm.to_vec(&m) {
            for i in items {
                names.push(pystr::as_str_lossy(&i).to_string());
            }
        }
    }
    names.sort();
    let plural = if names.len() > 1 { "s" } else { "" };
    vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        t.name(),
        plural,
        names.join(", ")
    ))
}

fn object_get_class(_vm: &Vm, obj: &Obj) -> PyResult<Obj> {
    Ok(obj.class_obj())
}

fn object_set_class(vm: &Vm, obj: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let Some(new) = value else {
        return Err(vm.type_error("can't delete __class__ attribute"));
    };
    let Some(nt) = as_type(new) else {
        return Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", new.class().name())));
    };
    crate::audit::audit(vm, "object.__setattr__", || vec![obj.clone(), vm.new_str("__class__"), new.clone()])?;
    let old = obj.class();
    // Modules may change class among ModuleType subclasses (importlib's
    // LazyLoader does), as in CPython's `object_set_class`.
    let module = &vm.ctx.types.module;
    let both_modules = vm.is_subtype(new, module) && vm.is_subtype(&obj.class_obj(), module);
    if !both_modules && (!nt.is_heap_type() || !old.is_heap_type()) {
        return Err(vm.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
    }
    // Equal layouts (CPython's compatible_for_assignment): the same base
    // below any layout-neutral subclasses, or siblings that added the same
    // slots (`__slots__ = ['a', 'b']` and `['b', 'a']` lay out alike).
    crate::objects::class::compatible_for_assignment(vm, &obj.class_obj(), new, "__class__")?;
    // The inline values sit on the old class's shared keys: the instance
    // gets its dict first (as CPython 3.11's `object_set_class`).
    crate::objects::instance_values::materialize(vm, obj);
    obj.set_class(new);
    Ok(())
}

/// The names a class's `__slots__` added, for `__class__` assignment.
pub(crate) fn slot_names(vm: &Vm, t: &TypeObject) -> Vec<String> {
    let Some(slots) = crate::objects::dict::get_item_str(vm, &t.dict(), "__slots__") else { return Vec::new() };
    if let Some(s) = crate::objects::str::as_str(&slots) {
        return vec![s.to_string()];
    }
    vm.to_vec(&slots)
        .map(|v| v.iter().map(|n| crate::objects::str::as_str_lossy(n).into_owned()).collect())
        .unwrap_or_default()
}

fn object_reduce_ex(vm: &Vm, obj: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "object.__reduce_ex__", _kw)?;
    let [protocol] = _args else {
        return Err(vm.type_error(format!("object.__reduce_ex__() takes exactly one argument ({} given)", _args.len())));
    };
    // `protocol: int` (Argument Clinic): an index, as a C int.
    vm.index_value(protocol)?;
    // A class that overrides `__reduce__` is reduced by it (CPython's
    // `object___reduce_ex___impl`).
    if let Some(reduce) = vm.getattr_str_opt(obj, "__reduce__")? {
        let cls_reduce = vm.getattr_str(&obj.class_obj(), "__reduce__")?;
        let object_dict = ty_of(&vm.ctx.types.object).dict();
        let object_reduce = dict::get_item_str(vm, &object_dict, "__reduce__");
        if !object_reduce.is_some_and(|r| r.is(&cls_reduce)) {
            return vm.call0(&reduce);
        }
    }
    let proto = _args.first().cloned().unwrap_or_else(|| vm.new_int(0));
    common_reduce(vm, obj, proto)
}

/// CPython's `_common_reduce`: what `object.__reduce__` does itself (it
/// must not call an overriding `__reduce__`, which may call it back).
fn common_reduce(vm: &Vm, obj: &Obj, proto: Obj) -> PyResult<Obj> {
    let copyreg = crate::import::import_module(vm, "copyreg")?;
    // Protocols 2 and up reduce to copyreg.__newobj__ (CPython's
    // `_common_reduce`); copyreg._reduce_ex only knows 0 and 1.
    if vm.index_value(&proto)?.as_i64().is_none_or(|p| p >= 2) {
        return reduce_newobj(vm, &copyreg, obj);
    }
    let f = vm.getattr_str(&copyreg, "_reduce_ex")?;
    vm.call(&f, &[obj.clone(), proto], None)
}

/// CPython's `reduce_newobj`: `(copyreg.__newobj__, (cls, *args), state,
/// listitems, dictitems)`, or `__newobj_ex__` with keyword arguments from
/// `__getnewargs_ex__`.
fn reduce_newobj(vm: &Vm, copyreg: &Obj, obj: &Obj) -> PyResult<Obj> {
    let cls = obj.class_obj();
    let (args, kwargs) = new_arguments(vm, obj)?;
    let has_args = args.is_some();
    let args_items = args.as_ref().map(|a| tuple::items(a).to_vec()).unwrap_or_default();
    let (newobj, newargs) = match kwargs.filter(|k| dict::len(k) > 0) {
        None => {
            let mut items = vec![cls.clone()];
            items.extend(args_items);
            (vm.getattr_str(copyreg, "__newobj__")?, vm.new_tuple(items))
        }
        Some(k) => {
            let a = args.unwrap_or_else(|| vm.new_tuple(vec![]));
            (vm.getattr_str(copyreg, "__newobj_ex__")?, vm.new_tuple(vec![cls.clone(), a, k]))
        }
    };
    let is_list = vm.isinstance_type(obj, &vm.ctx.types.list);
    let is_dict = vm.isinstance_type(obj, &vm.ctx.types.dict);
    if !has_args && !is_list && !is_dict {
        refuse_native_state(vm, obj)?;
    }
    let state = vm.call_method(obj, "__getstate__", &[])?;
    let listitems = if is_list { vm.iter(obj)? } else { vm.none() };
    let dictitems = if is_dict {
        let items = vm.call_method(obj, "items", &[])?;
        vm.iter(&items)?
    } else {
        vm.none()
    };
    Ok(vm.new_tuple(vec![newobj, newargs, state, listitems, dictitems]))
}

/// CPython's `object_getstate_default` with `required`: an instance whose
/// native state `object.__getstate__` cannot see (a payload other than a
/// plain object's, e.g. a compressor or a module) cannot be pickled
/// without arguments for `__new__`: "cannot pickle '_lzma.LZMACompressor'
/// object". A class that defines its own `__getstate__` is trusted.
fn refuse_native_state(vm: &Vm, obj: &Obj) -> PyResult<()> {
    if obj.has_payload::<crate::context::ObjectData>() {
        return Ok(());
    }
    let own = vm.getattr_str(&obj.class_obj(), "__getstate__")?;
    let default = vm.getattr_str(&vm.ctx.types.object, "__getstate__")?;
    if !own.is(&default) {
        return Ok(());
    }
    // CPython's variable-size types (`tp_itemsize != 0`) that have no
    // reduce of their own get another message.
    if obj.has_payload::<crate::objects::memoryview::MemoryViewData>()
        || obj.has_payload::<crate::objects::code::CodeData>()
    {
        return Err(vm.type_error(format!("cannot pickle {} objects", obj.class().name())));
    }
    Err(vm.type_error(format!("cannot pickle '{}' object", obj.class().name())))
}

/// A special method of `obj`'s type, bound to `obj` (CPython's
/// `_PyObject_LookupSpecial`): the instance and `__getattr__` are not asked.
fn lookup_special(vm: &Vm, obj: &Obj, name: &'static str) -> PyResult<Option<Obj>> {
    let Some(f) = lookup_str(vm, obj.class(), name) else { return Ok(None) };
    match f.class().slots.descr_get.get() {
        Some(get) => get(vm, &f, Some(obj), Some(&obj.class_obj())).map(Some),
        None => Ok(Some(f)),
    }
}

/// CPython's `_PyObject_GetNewArguments`: `__getnewargs_ex__()` (a tuple
/// and a dict) or `__getnewargs__()` (a tuple), checked as CPython does.
fn new_arguments(vm: &Vm, obj: &Obj) -> PyResult<(Option<Obj>, Option<Obj>)> {
    if let Some(f) = lookup_special(vm, obj, "__getnewargs_ex__")? {
        let r = vm.call(&f, &[], None)?;
        if !vm.isinstance_type(&r, &vm.ctx.types.tuple) {
            return Err(vm.type_error(format!("__getnewargs_ex__ should return a tuple, not '{}'", r.class().name())));
        }
        if tuple::len(&r) != 2 {
            return Err(
                vm.value_error(format!("__getnewargs_ex__ should return a tuple of length 2, not {}", tuple::len(&r)))
            );
        }
        let (a, k) = (tuple::items(&r)[0].clone(), tuple::items(&r)[1].clone());
        if !vm.isinstance_type(&a, &vm.ctx.types.tuple) {
            return Err(vm.type_error(format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                a.class().name()
            )));
        }
        if !vm.isinstance_type(&k, &vm.ctx.types.dict) {
            return Err(vm.type_error(format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                k.class().name()
            )));
        }
        return Ok((Some(a), Some(k)));
    }
    if let Some(f) = lookup_special(vm, obj, "__getnewargs__")? {
        let r = vm.call(&f, &[], None)?;
        if !vm.isinstance_type(&r, &vm.ctx.types.tuple) {
            return Err(vm.type_error(format!("__getnewargs__ should return a tuple, not '{}'", r.class().name())));
        }
        return Ok((Some(r), None));
    }
    Ok((None, None))
}

fn object_reduce(vm: &Vm, obj: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "object.__reduce__", kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(format!("object.__reduce__() takes no arguments ({} given)", args.len())));
    }
    common_reduce(vm, obj, vm.new_int(0))
}

/// `object.__getstate__()`: the instance dict (None when empty), paired
/// with a dict of the `__slots__` values when there are any (CPython's
/// `object_getstate_default`).
fn object_getstate(vm: &Vm, obj: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let state = match instance_values::dict_of(vm, obj) {
        Some(d) if dict::len(&d) > 0 => {
            crate::gc::materialize(vm, &d);
            d
        }
        _ => vm.none(),
    };
    let copyreg = crate::import::import_module(vm, "copyreg")?;
    let names = vm.call(&vm.getattr_str(&copyreg, "_slotnames")?, &[obj.class_obj()], None)?;
    if vm.is_none(&names) {
        return Ok(state);
    }
    let slots = vm.new_dict();
    for name in vm.to_vec(&names)? {
        if let Some(v) = vm.getattr_opt(obj, &name)? {
            dict::set_item(vm, &slots, name, v)?;
        }
    }
    if dict::len(&slots) == 0 {
        return Ok(state);
    }
    Ok(vm.new_tuple(vec![state, slots]))
}

fn object_sizeof(vm: &Vm, obj: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let t = obj.class();
    Ok(vm.new_usize(t.basicsize - managed_dict_words(t)))
}

/// The bytes of an instance's dict and values pointers when its class
/// manages them (inline values): CPython 3.11 keeps those two words in
/// front of the object, outside `tp_basicsize`, and `sys.getsizeof` adds
/// them back (`_PyType_PreHeaderSize`).
pub(crate) fn managed_dict_words(t: &TypeObject) -> usize {
    if t.values_offset != 0 {
        2 * std::mem::size_of::<usize>()
    } else {
        0
    }
}

fn object_format(vm: &Vm, obj: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let spec = args.first().cloned().unwrap_or_else(|| vm.ctx.empty_str.clone());
    if pystr::data(&spec).is_none() {
        let what = if vm.is_none(&spec) { "None" } else { spec.class().name() };
        return Err(vm.type_error(format!("__format__() argument must be str, not {what}")));
    }
    if pystr::len(&spec) > 0 {
        return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", obj.class().name())));
    }
    vm.str(obj)
}

fn object_subclasshook(vm: &Vm, _cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.not_implemented())
}

fn object_init_subclass(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if excess_args(args, kwnames) {
        return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", ty_of(_cls).name())));
    }
    Ok(vm.none())
}

fn object_dir(vm: &Vm, obj: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let result = vm.new_dict();
    // `obj.__dict__` as attribute lookup finds it (a bound method forwards
    // to its function's; a property may compute one); errors and non-dicts
    // count as empty (CPython's object___dir__).
    let own = vm.getattr_str(obj, "__dict__").ok().filter(|d| dict::data(d).is_some());
    if let Some(d) = own {
        for k in dict::keys(&d) {
            dict::set_item(vm, &result, k, vm.none())?;
        }
    }
    // An object whose __class__ lookup fails lists its own names only.
    if let Some(cls) = vm.getattr_str_opt(obj, "__class__")? {
        merge_class_dict(vm, &result, &cls)?;
    }
    let keys = dict::keys(&result);
    Ok(vm.new_list(keys))
}

/// Add the attribute names of `cls` and its bases to `result` (a dict).
fn merge_class_dict(vm: &Vm, result: &Obj, cls: &Obj) -> PyResult<()> {
    if let Ok(d) = vm.getattr_str(cls, "__dict__") {
        for k in vm.to_vec(&d)? {
            dict::set_item(vm, result, k, vm.none())?;
        }
    }
    if let Ok(bases) = vm.getattr_str(cls, "__bases__") {
        for b in vm.to_vec(&bases)? {
            merge_class_dict(vm, result, &b)?;
        }
    }
    Ok(())
}

// ---- type's slots --------------------------------------------------------------------------

/// `__module__` of a type: the dict entry of a class, the prefix of a
/// builtin type's name.
pub(crate) fn type_module_name(vm: &Vm, ty: &Obj) -> Option<String> {
    let t = ty_of(ty);
    if t.is_heap_type() {
        let m = dict::get_str_item(vm, &t.dict(), &vm.intern("__module__"))?;
        return pystr::as_str(&m).map(|s| s.to_string());
    }
    match t.name().rfind('.') {
        Some(i) => Some(t.name()[..i].to_string()),
        None => Some("builtins".to_string()),
    }
}

pub(crate) fn type_qualname(_vm: &Vm, ty: &Obj) -> String {
    let t = ty_of(ty);
    if let Some(q) = t.qualname_obj() {
        return pystr::as_str_lossy(&q).to_string();
    }
    match t.name().rfind('.') {
        Some(i) => t.name()[i + 1..].to_string(),
        None => t.name().to_string(),
    }
}

pub(crate) fn type_repr(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let qual = type_qualname(vm, ty);
    let s = match type_module_name(vm, ty) {
        Some(m) if m != "builtins" => format!("<class '{}.{}'>", m, qual),
        _ => format!("<class '{}'>", qual),
    };
    Ok(vm.new_str(&s))
}

/// Calling a type: `__new__`, then `__init__` if `__new__` returned an
/// instance of it (CPython's `type_call`).
pub(crate) fn type_call(vm: &Vm, ty: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let t = ty_of(ty);
    if ty.is(&vm.ctx.types.type_) && args.len() == 1 && kwnames.is_none() {
        return Ok(args[0].class_obj());
    }
    if ty.is(&vm.ctx.types.super_) {
        return crate::objects::super_::super_call(vm, args, kwnames);
    }
    let Some(new) = t.slots.new.get() else {
        return Err(vm.type_error(format!("cannot create '{}' instances", t.name())));
    };
    let obj = new(vm, ty, args, kwnames)?;
    if !vm.isinstance_type(&obj, ty) {
        return Ok(obj);
    }
    if let Some(init) = obj.class().slots.init.get() {
        init(vm, &obj, args, kwnames)?;
    }
    Ok(obj)
}

fn type_init(vm: &Vm, _obj: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let nkw = kwnames.map_or(0, tuple::len);
    let npos = args.len() - nkw;
    if npos != 1 && npos != 3 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

/// `type.__new__(metatype, name, bases, namespace, **kwds)`: create a class.
pub(crate) fn type_new(vm: &Vm, meta: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let nkw = kwnames.map_or(0, tuple::len);
    let pos = &args[..args.len() - nkw];
    if pos.len() == 1 && nkw == 0 && meta.is(&vm.ctx.types.type_) {
        return Ok(pos[0].class_obj());
    }
    if pos.len() != 3 {
        // type() itself checks its count first; a metaclass gets type.__new__'s.
        if meta.is(&vm.ctx.types.type_) {
            return Err(vm.type_error("type() takes 1 or 3 arguments"));
        }
        let n = pos.len();
        return Err(vm.type_error(format!("type.__new__() takes exactly 3 arguments ({n} given)")));
    }
    let name = &pos[0];
    if pystr::data(name).is_none() {
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {}", name.class().name())));
    }
    let bases = &pos[1];
    if !bases.has_payload::<tuple::TupleData>() {
        return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {}", bases.class().name())));
    }
    let ns = &pos[2];
    if !ns.has_payload::<dict::DictData>() {
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {}", ns.class().name())));
    }
    let kwargs: Vec<(Obj, Obj)> = match kwnames {
        Some(k) => tuple::items(k).iter().cloned().zip(args[args.len() - nkw..].iter().cloned()).collect(),
        None => vec![],
    };
    crate::objects::class::create_class(vm, meta, name, bases, ns, &kwargs)
}

/// `__itemsize__`: the per-item size of CPython's variable-size builtins
/// (inherited by their subclasses), so code sizing them (`lst * size`
/// overflow checks, `struct` layouts) sees CPython's 64-bit numbers.
fn type_itemsize(vm: &Vm, ty: &Obj) -> usize {
    let t = &vm.ctx.types;
    let sizes: [(&Obj, usize); 5] = [(&t.tuple, 8), (&t.int, 4), (&t.bytes, 1), (&t.type_, 40), (&t.memoryview, 8)];
    sizes.iter().find(|(base, _)| vm.is_subtype(ty, base)).map_or(0, |(_, n)| *n)
}

fn type_get_name(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let t = ty_of(ty);
    let n = t.name();
    if !t.is_heap_type() {
        return Ok(vm.new_str(n.rsplit('.').next().unwrap_or(n)));
    }
    // A class's name is the same object each time, as CPython's ht_name
    // (inspect compares `getattr(cls, '__name__')` results by identity).
    Ok(vm.intern(n))
}

/// The audit event of CPython's `check_set_special_type_attr`, raised once
/// a type attribute passed its mutability checks.
pub(crate) fn audit_set_special(vm: &Vm, ty: &Obj, name: &str, value: Option<&Obj>) -> PyResult<()> {
    crate::audit::audit(vm, "object.__setattr__", || {
        vec![ty.clone(), vm.new_str(name), value.cloned().unwrap_or_else(|| vm.none())]
    })
}

fn type_set_name(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let t = ty_of(ty);
    if is_immutable(t) {
        return Err(vm.type_error(format!("cannot set '__name__' attribute of immutable type '{}'", tp_name(vm, ty))));
    }
    if value.is_some() {
        audit_set_special(vm, ty, "__name__", value)?;
    }
    let Some(v) = value.filter(|v| pystr::data(v).is_some()) else {
        return Err(vm.type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            t.name(),
            value.map(|v| v.class().name().to_string()).unwrap_or_else(|| "NoneType".into())
        )));
    };
    t.set_name(type_name_utf8(vm, v)?);
    Ok(())
}

/// A class name as UTF-8: a lone surrogate raises UnicodeEncodeError and a
/// NUL ValueError, as CPython's `PyUnicode_AsUTF8AndSize` checks.
pub(crate) fn type_name_utf8(vm: &Vm, name: &Obj) -> PyResult<String> {
    let s = match pystr::as_str(name) {
        Some(s) => s.to_string(),
        None => {
            let bytes = crate::codecs::encode_native(vm, name, "utf-8", None)?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    if s.contains('\0') {
        return Err(vm.value_error("type name must not contain null characters"));
    }
    Ok(s)
}

fn type_get_qualname(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    if let Some(q) = ty_of(ty).qualname_obj() {
        return Ok(q);
    }
    Ok(vm.new_str(&type_qualname(vm, ty)))
}

fn type_set_qualname(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let t = ty_of(ty);
    if t.is_heap_type() && value.is_some() {
        audit_set_special(vm, ty, "__qualname__", value)?;
    }
    match value {
        Some(v) if pystr::as_str(v).is_some() && t.is_heap_type() => {
            t.set_qualname(v.clone());
            Ok(())
        }
        _ => Err(vm.type_error(format!("can only assign string to {}.__qualname__", t.name()))),
    }
}

fn type_get_bases(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    Ok(ty_of(ty).bases().unwrap_or_else(|| vm.ctx.empty_tuple.clone()))
}

fn type_get_base(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    Ok(ty_of(ty).base().unwrap_or_else(|| vm.none()))
}

fn type_get_mro(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    // None while the metaclass's `mro()` computes it.
    Ok(ty_of(ty).mro_opt().unwrap_or_else(|| vm.none()))
}

fn type_get_dict(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    Ok(dict::new_mappingproxy(vm, ty_of(ty).dict()))
}

fn type_get_doc(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let t = ty_of(ty);
    // A static type's docstring is CPython's (`tp_doc`), whatever its dict
    // holds; without one, the dict's `__doc__` answers as for a class (and
    // may be the descriptor of its instances' `__doc__`).
    let known = !t.is_heap_type() && crate::doc::of_type(t.name(), "").is_some();
    if let Some(doc) = crate::doc::of_type(t.name(), "").and_then(|e| e.doc).filter(|_| known) {
        return Ok(vm.new_str(doc));
    }
    if let Some(d) = dict::get_str_item(vm, &t.dict(), &vm.intern("__doc__")) {
        if let Some(get) = d.class().slots.descr_get.get() {
            return get(vm, &d, None, Some(ty));
        }
        return Ok(d);
    }
    Ok(match t.doc {
        Some(d) if !t.is_heap_type() && !known => vm.new_str(d),
        _ => vm.none(),
    })
}

fn type_set_doc(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    // The type's dict may change below: no cached lookup may survive it.
    modified(vm, ty);
    let t = ty_of(ty);
    if is_immutable(t) {
        return Err(vm.type_error(format!("cannot set '__doc__' attribute of immutable type '{}'", tp_name(vm, ty))));
    }
    // CPython's `check_set_special_type_attr` words a deletion so.
    let Some(value) = value else {
        return Err(vm.type_error(format!("cannot delete '__doc__' attribute of immutable type '{}'", t.name())));
    };
    audit_set_special(vm, ty, "__doc__", Some(value))?;
    dict::set_item(vm, &t.dict(), vm.intern("__doc__"), value.clone())
}

fn type_get_module(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let t = ty_of(ty);
    if t.is_heap_type() {
        return match dict::get_str_item(vm, &t.dict(), &vm.intern("__module__")) {
            Some(m) => Ok(m),
            None => Err(vm.attribute_error("__module__")),
        };
    }
    // Interned, as CPython's `type_module`: pickle memoizes the module
    // name by identity, so every class of a module must give one object.
    Ok(vm.intern(&type_module_name(vm, ty).unwrap_or_else(|| "builtins".into())))
}

fn type_set_module(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    // The type's dict may change below: no cached lookup may survive it.
    modified(vm, ty);
    let t = ty_of(ty);
    if is_immutable(t) {
        return Err(vm.type_error(format!("cannot set '__module__' attribute of immutable type '{}'", tp_name(vm, ty))));
    }
    audit_set_special(vm, ty, "__module__", value)?;
    dict::set_item(vm, &t.dict(), vm.intern("__module__"), value.cloned().unwrap_or_else(|| vm.none()))
}

fn type_get_abstractmethods(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let t = ty_of(ty);
    if !ty.is(&vm.ctx.types.type_) {
        if let Some(v) = dict::get_str_item(vm, &t.dict(), &vm.intern("__abstractmethods__")) {
            return Ok(v);
        }
    }
    Err(vm.attribute_error("__abstractmethods__"))
}

fn type_set_abstractmethods(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    // The type's dict may change below: no cached lookup may survive it.
    modified(vm, ty);
    let t = ty_of(ty);
    let abstract_ = match value {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    match value {
        Some(v) => dict::set_item(vm, &t.dict(), vm.intern("__abstractmethods__"), v.clone())?,
        None => {
            // Deleting an unset `__abstractmethods__` is an AttributeError.
            if dict::del_item(vm, &t.dict(), &vm.intern("__abstractmethods__")).is_err() {
                return Err(vm.attribute_error("__abstractmethods__"));
            }
        }
    }
    let f = t.flags.get();
    t.flags.set(if abstract_ { f | flags::IS_ABSTRACT } else { f & !flags::IS_ABSTRACT });
    Ok(())
}

fn type_get_annotations(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    // The type's dict may change below: no cached lookup may survive it.
    modified(vm, ty);
    let t = ty_of(ty);
    if !t.is_heap_type() {
        return Err(vm.attribute_error(format!("type object '{}' has no attribute '__annotations__'", t.name())));
    }
    let key = vm.intern("__annotations__");
    if let Some(a) = dict::get_str_item(vm, &t.dict(), &key) {
        if let Some(get) = a.class().slots.descr_get.get() {
            return get(vm, &a, None, Some(ty));
        }
        return Ok(a);
    }
    let d = vm.new_dict();
    dict::set_item(vm, &t.dict(), key, d.clone())?;
    Ok(d)
}

fn type_set_annotations(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    // The type's dict may change below: no cached lookup may survive it.
    modified(vm, ty);
    let t = ty_of(ty);
    let key = vm.intern("__annotations__");
    match value {
        Some(v) => dict::set_item(vm, &t.dict(), key, v.clone()),
        None => match dict::del_item(vm, &t.dict(), &key) {
            // A missing one is an AttributeError (CPython's type_set_annotations).
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => Err(vm.attribute_error("__annotations__")),
            r => r,
        },
    }
}

/// `type.__text_signature__`: CPython's table for a builtin type, else the
/// signature at the head of the type's docstring in the internal form
/// `Name(sig)\n--\n\n` (a class's `__doc__`, as `tp_doc` holds it).
fn type_get_text_signature(vm: &Vm, ty: &Obj) -> PyResult<Obj> {
    let t = ty_of(ty);
    if !t.is_heap_type() {
        if let Some(entry) = crate::doc::of_type(t.name(), "") {
            return Ok(crate::doc::signature_value(vm, Some(entry)));
        }
    }
    let doc = match t.is_heap_type() {
        true => dict::get_item_str(vm, &t.dict(), "__doc__").and_then(|d| pystr::as_str(&d).map(String::from)),
        false => t.doc.map(String::from),
    };
    let sig = doc.as_deref().and_then(|d| crate::doc::internal_signature(t.name(), d));
    Ok(sig.map(|s| vm.new_str(s)).unwrap_or_else(|| vm.none()))
}

fn type_mro_method(vm: &Vm, ty: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let t = ty_of(ty);
    let bases = t.bases().map(|b| tuple::items(&b).to_vec()).unwrap_or_default();
    let mro = compute_mro(vm, ty, &bases)?;
    Ok(vm.new_list(mro))
}

fn type_subclasses(vm: &Vm, ty: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let t = ty_of(ty);
    let subs: Vec<Obj> = t.subclass_ids().into_iter().filter_map(|id| vm.find_live_type(id)).collect();
    Ok(vm.new_list(subs))
}

fn type_instancecheck(vm: &Vm, ty: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let inst = args.first().ok_or_else(|| vm.type_error("__instancecheck__ expected 1 argument"))?;
    Ok(vm.bool_obj(
        vm.isinstance_type(inst, ty)
            || vm.getattr_str(inst, "__class__").map(|c| vm.is_subtype(&c, ty)).unwrap_or(false),
    ))
}

fn type_subclasscheck(vm: &Vm, ty: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let sub = args.first().ok_or_else(|| vm.type_error("__subclasscheck__ expected 1 argument"))?;
    Ok(vm.bool_obj(vm.recursive_issubclass(sub, ty)?))
}

fn type_dir(vm: &Vm, ty: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let result = vm.new_dict();
    merge_class_dict(vm, &result, ty)?;
    Ok(vm.new_list(dict::keys(&result)))
}

fn type_prepare(vm: &Vm, _cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(vm.new_dict())
}
