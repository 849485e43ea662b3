//! Class creation (CPython's `type_new` in `Objects/typeobject.c`): the
//! solid base and instance layout (`__dict__`, `__weakref__`,
//! `__slots__`), the class dict, the MRO, the slots from dunder methods,
//! `__set_name__` and `__init_subclass__`.

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, PyCell};
use crate::objects::descriptor::{GetSetData, GetSetDef, MemberData, MemberKind};
use crate::objects::{dict, function, str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

fn ty_of(o: &Obj) -> &TypeObject {
    o.payload::<TypeObject>().expect("a type object")
}

/// The base whose instance layout a type extends (CPython's `solid_base`).
fn solid_base(vm: &Vm, ty: &Obj) -> Obj {
    let t = ty_of(ty);
    let base = match t.base() {
        Some(b) => solid_base(vm, &b),
        None => return vm.ctx.types.object.clone(),
    };
    let bt = ty_of(&base);
    // A type extends its base's layout if it adds storage.
    let extra = t.basicsize != bt.basicsize || t.payload_type != bt.payload_type || !t.member_offsets.is_empty();
    let only_dict_weak =
        t.is_heap_type() && t.payload_type == bt.payload_type && t.member_offsets.len() == bt.member_offsets.len();
    if extra && !only_dict_weak {
        ty.clone()
    } else {
        base
    }
}

/// Choose the base whose layout the new class extends (CPython's `best_base`).
fn best_base(vm: &Vm, bases: &[Obj]) -> PyResult<Obj> {
    let mut base: Option<Obj> = None;
    let mut winner: Option<Obj> = None;
    for b in bases {
        let Some(bt) = b.payload::<TypeObject>() else {
            return Err(vm.type_error("bases must be types"));
        };
        if !bt.has_flag(flags::BASETYPE) {
            return Err(vm.type_error(format!("type '{}' is not an acceptable base type", bt.name())));
        }
        let candidate = solid_base(vm, b);
        match &winner {
            None => {
                winner = Some(candidate);
                base = Some(b.clone());
            }
            Some(w) if vm.is_subtype(w, &candidate) => {}
            Some(w) if vm.is_subtype(&candidate, w) => {
                winner = Some(candidate);
                base = Some(b.clone());
            }
            Some(_) => return Err(vm.type_error("multiple bases have instance lay-out conflict")),
        }
    }
    Ok(base.unwrap_or_else(|| vm.ctx.types.object.clone()))
}

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub(crate) fn calculate_metaclass(vm: &Vm, meta: &Obj, bases: &[Obj]) -> PyResult<Obj> {
    let mut winner = meta.clone();
    for b in bases {
        let bm = b.class_obj();
        if vm.is_subtype(&winner, &bm) {
            continue;
        }
        if vm.is_subtype(&bm, &winner) {
            winner = bm;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident_start(c) => chars.all(|c| c == '_' || unicode_ident_continue(c)),
        _ => false,
    }
}

fn unicode_ident_start(c: char) -> bool {
    c.is_alphabetic()
}

fn unicode_ident_continue(c: char) -> bool {
    c.is_alphanumeric()
}

/// `_Py_Mangle`: `__x` in class `C` is `_C__x`.
pub(crate) fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// `type(name, bases, ns, **kwargs)`: create a class.
/// The class's own copy of its namespace: a dict subclass with its own
/// iteration order (an OrderedDict) is copied in that order (CPython's
/// `PyDict_Copy` merges through `keys()` then).
fn copy_namespace(vm: &Vm, ns: &Obj) -> PyResult<Obj> {
    let own_iter = match (ns.class().slots.iter.slot(), vm.ctx.types.dict.payload::<TypeObject>()) {
        (Some((_, id)), Some(dict_t)) => dict_t.slots.iter.id() != id,
        _ => false,
    };
    if !own_iter {
        return Ok(vm.new_dict_from(dict::data(ns).expect("namespace dict").copy()));
    }
    let d = vm.new_dict();
    dict::update_from(vm, &d, ns)?;
    Ok(d)
}

pub(crate) fn create_class(
    vm: &Vm,
    meta: &Obj,
    name: &Obj,
    bases: &Obj,
    ns: &Obj,
    kwargs: &[(Obj, Obj)],
) -> PyResult<Obj> {
    let mut bases_v: Vec<Obj> = tuple::items(bases).to_vec();
    // Checked before the metaclass is computed, as CPython's type_new_get_bases.
    for b in &bases_v {
        if !vm.is_type(b) && vm.getattr_str_opt(b, "__mro_entries__")?.is_some() {
            return Err(vm.type_error("type() doesn't support MRO entry resolution; use types.new_class()"));
        }
    }
    // The most derived metaclass decides, as CPython's type_new does.
    let winner = calculate_metaclass(vm, meta, &bases_v)?;
    if !winner.is(meta) {
        let wt = ty_of(&winner);
        if !wt.slots.new.is(crate::object::typeobj::slot_id::TYPE_NEW) {
            let mut args = vec![name.clone(), bases.clone(), ns.clone()];
            let mut names = Vec::new();
            for (k, v) in kwargs {
                names.push(k.clone());
                args.push(v.clone());
            }
            let kw = if names.is_empty() { None } else { Some(vm.new_tuple(names)) };
            return (wt.slots.new.get().expect("tp_new"))(vm, &winner, &args, kw.as_ref());
        }
    }
    let meta = winner;
    if bases_v.is_empty() {
        bases_v.push(vm.ctx.types.object.clone());
    }
    for b in &bases_v {
        if !vm.is_type(b) {
            if vm.getattr_str_opt(b, "__mro_entries__")?.is_some() {
                return Err(vm.type_error("type() doesn't support MRO entry resolution; use types.new_class()"));
            }
            return Err(vm.type_error("bases must be types"));
        }
    }
    let base = best_base(vm, &bases_v)?;
    let bt = ty_of(&base);
    if pystr::data(name).is_none() {
        return Err(vm.type_error("type name must be a str"));
    }
    let name_str = type_::type_name_utf8(vm, name)?;
    let d = copy_namespace(vm, ns)?;

    // __slots__
    let slots = dict::get_item_str(vm, &d, "__slots__");
    // Type objects keep their namespace outside the instance layout, so a
    // metaclass must not add an instance `__dict__` (CPython's `type` has a
    // tp_dictoffset).
    let mut add_dict = bt.dictoffset == 0 && !bt.has_flag(flags::TYPE_SUBCLASS);
    // Variable-size bases (int, tuple, bytes: CPython's tp_itemsize != 0)
    // leave no room for a weakref list.
    let fixed_layout =
        [&vm.ctx.types.int, &vm.ctx.types.tuple, &vm.ctx.types.bytes].iter().any(|t| vm.is_subtype(&base, t));
    let mut add_weak = bt.weaklistoffset == 0 && !fixed_layout;
    let mut slot_names: Vec<String> = Vec::new();
    if let Some(sl) = &slots {
        let items = if pystr::data(sl).is_some() { vec![sl.clone()] } else { vm.to_vec(sl)? };
        let mut has_dict = false;
        let mut has_weak = false;
        for it in &items {
            let Some(s) = pystr::as_str(it) else {
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{}'", it.class().name())));
            };
            if !is_identifier(s) {
                return Err(vm.type_error("__slots__ must be identifiers"));
            }
            if s == "__dict__" {
                if !add_dict || has_dict {
                    return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
                }
                has_dict = true;
                continue;
            }
            if s == "__weakref__" {
                if !add_weak || has_weak {
                    return Err(vm.type_error("__weakref__ slot disallowed: either we already got one, or the base type has non-empty __slots__"));
                }
                has_weak = true;
                continue;
            }
            let m = mangle(&name_str, s);
            // The compiler puts `__qualname__` and `__classcell__` in the
            // namespace; they are taken out below, so are no class variables.
            let made_by_compiler = m == "__qualname__" || m == "__classcell__";
            if !made_by_compiler && dict::get_item_str(vm, &d, &m).is_some() {
                return Err(vm.value_error(format!("'{m}' in __slots__ conflicts with class variable")));
            }
            slot_names.push(m);
        }
        slot_names.sort();
        slot_names.dedup();
        if !slot_names.is_empty() && fixed_layout {
            return Err(vm.type_error(format!("nonempty __slots__ not supported for subtype of '{}'", bt.name())));
        }
        add_dict = add_dict && has_dict;
        add_weak = add_weak && has_weak;
    }

    // The layout: the base's, then member slots, then dict and weakref.
    let mut t = TypeObject::new::<crate::context::ObjectData>(&name_str, bt.basicsize, true, 0);
    t.payload_type = bt.payload_type;
    t.drop_payload = bt.drop_payload;
    t.traverse_payload = bt.traverse_payload;
    t.clear_payload = bt.clear_payload;
    t.buffer_payload = bt.buffer_payload;
    t.dictoffset = bt.dictoffset;
    t.weaklistoffset = bt.weaklistoffset;
    t.values_offset = bt.values_offset;
    t.member_offsets = bt.member_offsets.clone();
    let mut size = (bt.basicsize + 7) & !7;
    let mut member_defs = Vec::new();
    for s in &slot_names {
        member_defs.push((s.clone(), size));
        t.member_offsets.push(size);
        size += 8;
    }
    // A base other than the best one may bring a `__dict__`: CPython's
    // `inherit_slots` copies `tp_dictoffset` from every base of the MRO,
    // so instances of `class C(SlotsOnly, Plain): __slots__ = ('x',)`
    // have a dict. Here the dict gets its own place in this layout.
    let dict_from_other_base = !add_dict && bt.dictoffset == 0 && bases_v.iter().any(|b| ty_of(b).dictoffset != 0);
    if add_dict || dict_from_other_base {
        t.dictoffset = size;
        size += 8;
    }
    // CPython 3.11 manages the dict (inline values) only for bases without
    // items (`tp_itemsize == 0`).
    if add_dict && !fixed_layout {
        t.values_offset = size;
        size += std::mem::size_of::<crate::objects::instance_values::Values>();
    }
    if add_weak {
        t.weaklistoffset = size;
        size += 8;
    }
    t.basicsize = size;
    let inherited = bt.flags.get()
        & (flags::LONG_SUBCLASS
            | flags::LIST_SUBCLASS
            | flags::TUPLE_SUBCLASS
            | flags::BYTES_SUBCLASS
            | flags::UNICODE_SUBCLASS
            | flags::DICT_SUBCLASS
            | flags::BASE_EXC_SUBCLASS
            | flags::TYPE_SUBCLASS);
    t.flags.set(flags::HEAPTYPE | flags::BASETYPE | inherited);
    t.doc = None;

    // Payloads of builtin bases need the base's own allocation path; the
    // new type inherits tp_new from its bases (through `__new__` lookup).
    let _ = std::mem::size_of::<PyCell<()>>();

    // __qualname__
    let qualname = match dict::get_item_str(vm, &d, "__qualname__") {
        Some(q) => {
            if pystr::data(&q).is_none() {
                return Err(vm.type_error(format!("type __qualname__ must be a str, not {}", q.class().name())));
            }
            dict::del_item(vm, &d, &vm.intern("__qualname__"))?;
            q
        }
        None => name.clone(),
    };
    t.set_qualname(qualname);

    // __module__ from the caller's globals.
    if dict::get_item_str(vm, &d, "__module__").is_none() {
        if let Some(g) = vm.current_globals() {
            if let Some(m) = dict::get_item_str(vm, &g, "__name__") {
                dict::set_item_str(vm, &d, "__module__", m)?;
            }
        }
    }
    match dict::get_item_str(vm, &d, "__doc__") {
        None => dict::set_item_str(vm, &d, "__doc__", vm.none())?,
        // CPython copies a str doc to tp_doc as UTF-8, so a lone surrogate
        // fails there.
        Some(doc) if pystr::data(&doc).is_some() && pystr::as_str(&doc).is_none() => {
            crate::codecs::encode_native(vm, &doc, "utf-8", None)?;
        }
        Some(_) => {}
    }
    // __new__, __init_subclass__ and __class_getitem__ are implicitly static/class methods.
    if let Some(f) = dict::get_item_str(vm, &d, "__new__") {
        if f.has_payload::<function::FunctionData>() {
            dict::set_item_str(vm, &d, "__new__", function::new_staticmethod(vm, f))?;
        }
    }
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = dict::get_item_str(vm, &d, n) {
            if f.has_payload::<function::FunctionData>() {
                dict::set_item_str(vm, &d, n, function::new_classmethod(vm, f))?;
            }
        }
    }
    // __eq__ without __hash__ makes instances unhashable.
    if dict::get_item_str(vm, &d, "__eq__").is_some() && dict::get_item_str(vm, &d, "__hash__").is_none() {
        dict::set_item_str(vm, &d, "__hash__", vm.none())?;
    }
    let classcell = dict::get_item_str(vm, &d, "__classcell__");
    if let Some(c) = &classcell {
        if !c.has_payload::<crate::objects::cell::CellData>() {
            return Err(vm.type_error(format!(
                "__classcell__ must be a nonlocal cell, not {}",
                vm.repr_string(&c.class_obj())?
            )));
        }
        dict::del_item(vm, &d, &vm.intern("__classcell__"))?;
    }

    t.set_dict(d.clone());
    t.set_base(Some(base.clone()));
    t.set_bases(vm.new_tuple(bases_v.clone()));
    let has_dict_slot = add_dict;
    let has_weak_slot = add_weak;
    let ty = alloc_object(&meta, t);
    let tt = ty_of(&ty);

    // Descriptors for the instance layout; a class's own `__dict__` or
    // `__weakref__` entry wins (CPython's type_add_getset keeps it).
    if has_dict_slot && dict::get_item_str(vm, &d, "__dict__").is_none() {
        let def = GetSetDef::new("__dict__", get_class_dict_attr, Some(set_class_dict_attr));
        let v = alloc_object(&vm.ctx.types.getset_descriptor, GetSetData { def, owner: ty.clone() });
        dict::set_item_str(vm, &d, "__dict__", v)?;
    }
    if has_weak_slot && dict::get_item_str(vm, &d, "__weakref__").is_none() {
        let def = GetSetDef::new("__weakref__", get_weakref_attr, None);
        let v = alloc_object(&vm.ctx.types.getset_descriptor, GetSetData { def, owner: ty.clone() });
        dict::set_item_str(vm, &d, "__weakref__", v)?;
    }
    for (n, off) in member_defs {
        let nobj = vm.intern(&n);
        let v = alloc_object(
            &vm.ctx.types.member_descriptor,
            MemberData { name: nobj.clone(), index: off, owner: ty.clone(), kind: MemberKind::Slot, doc: None },
        );
        dict::set_item(vm, &d, nobj, v)?;
    }

    // `__class__` is bound before a metaclass's mro() runs (bpo-23722).
    if let Some(c) = classcell {
        crate::objects::cell::data(&c).value.set(Some(ty.clone()));
    }

    // MRO
    let mro = compute_class_mro(vm, &meta, &ty, &bases_v)?;
    tt.set_mro(vm.new_tuple(mro.clone()));
    for b in &bases_v {
        ty_of(b).add_subclass(ty.id());
    }
    // Slots: inherit along the MRO, then derive from the dunders.
    for b in mro.iter().skip(1) {
        inherit_collection_flags(tt, ty_of(b));
        type_::inherit_missing_slots(tt, ty_of(b));
        if tt.slots.hash.get().is_none() {
            tt.slots.hash.set(ty_of(b).slots.hash.get());
        }
    }
    crate::objects::slots::update_all_slots(vm, &ty);
    if tt.finalize.get().is_none() {
        tt.finalize.set(bt.finalize.get());
    }

    // __set_name__ on the namespace's descriptors.
    for (k, v) in dict::items(&d) {
        if let Some(set_name) = type_::lookup_str(vm, v.class(), "__set_name__") {
            if let Err(e) = vm.call_method_descr_obj(&set_name, &v, &[ty.clone(), k.clone()]) {
                let note = format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    v.class().name(),
                    vm.repr_string(&k)?,
                    name_str
                );
                // CPython 3.11 wraps the error (3.12 adds a note instead).
                let orig = e.into_value();
                let wrapped = vm.new_exception_msg(&vm.ctx.exceptions.runtime_error, &note);
                crate::objects::exceptions::set_context(wrapped.value(), Some(orig.clone()));
                crate::objects::exceptions::set_cause(wrapped.value(), Some(orig));
                return Err(wrapped);
            }
        }
    }
    // super().__init_subclass__(**kwargs)
    let sup = crate::objects::super_::new_super(vm, &ty, &ty)?;
    let init_sub = vm.getattr_str(&sup, "__init_subclass__")?;
    let mut names = Vec::new();
    let mut vals = Vec::new();
    for (k, v) in kwargs {
        names.push(k.clone());
        vals.push(v.clone());
    }
    let kw = if names.is_empty() { None } else { Some(vm.new_tuple(names)) };
    vm.call(&init_sub, &vals, kw.as_ref())?;
    Ok(ty)
}

/// The pattern-matching kind (SEQUENCE or MAPPING) comes from the first
/// class of the MRO that has one (CPython's `inherit_patma_flags`).
fn inherit_collection_flags(t: &TypeObject, base: &TypeObject) {
    let collection = flags::SEQUENCE | flags::MAPPING;
    if t.flags.get() & collection == 0 {
        t.flags.set(t.flags.get() | (base.flags.get() & collection));
    }
}

/// The MRO of a new class: `type.mro()` unless the metaclass overrides it.
fn compute_class_mro(vm: &Vm, meta: &Obj, ty: &Obj, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    if !meta.is(&vm.ctx.types.type_) {
        if let Some(m) = type_::lookup_str(vm, ty_of(meta), "mro") {
            let is_default = m
                .payload::<crate::objects::descriptor::MethodDescrData>()
                .is_some_and(|d| d.owner.is(&vm.ctx.types.type_));
            if !is_default {
                let r = vm.call_method_descr_obj(&m, ty, &[])?;
                let v = vm.to_vec(&r)?;
                check_mro(vm, ty, &v)?;
                return Ok(v);
            }
        }
    }
    type_::compute_mro(vm, ty, bases)
}

/// A custom MRO may only name types whose instance layout the class's
/// instances have (CPython's `mro_check`): methods of a base read their
/// payload from the instance.
pub(crate) fn check_mro(vm: &Vm, ty: &Obj, mro: &[Obj]) -> PyResult<()> {
    let solid = solid_base(vm, ty);
    for c in mro {
        if !vm.is_type(c) {
            return Err(vm.type_error(format!("mro() returned a non-class ('{}')", c.class().name())));
        }
        let cs = solid_base(vm, c);
        if !is_subtype_by_bases(&solid, &cs) {
            return Err(vm.type_error(format!("mro() returned base with unsuitable layout ('{}')", ty_of(c).name())));
        }
    }
    Ok(())
}

/// `a` derives from `b` through `__base__` links (layout inheritance; a
/// custom MRO cannot fake it).
fn is_subtype_by_bases(a: &Obj, b: &Obj) -> bool {
    let mut t = Some(a.clone());
    while let Some(x) = t {
        if x.is(b) {
            return true;
        }
        t = ty_of(&x).base();
    }
    false
}

/// `obj.__dict__` (made on first use).
pub(crate) fn get_dict_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if o.class().values_offset != 0 {
        if let Some(d) = crate::objects::instance_values::materialize(vm, o) {
            return Ok(d);
        }
    }
    if let Some(d) = o.instance_dict() {
        crate::gc::materialize(vm, &d);
        return Ok(d);
    }
    if o.dict_slot().is_none() {
        return Err(vm.attribute_error(format!("'{}' object has no attribute '__dict__'", o.class().name())));
    }
    let d = vm.new_instance_dict(o.class());
    o.set_instance_dict(Some(d.clone()));
    Ok(d)
}

/// `obj.__dict__ = d` for a native type's instance (CPython's
/// `PyObject_GenericSetDict`: no deletion).
pub(crate) fn set_dict_attr(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    if v.is_none() {
        return Err(vm.type_error("cannot delete __dict__"));
    }
    store_instance_dict(vm, o, v)
}

/// `obj.__dict__` for an instance of a class (CPython's `subtype_dict`):
/// through a builtin base's own `__dict__` descriptor when one keeps the
/// dict (a metaclass's class gets `type`'s mappingproxy).
fn get_class_dict_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    if let Some(base) = builtin_base_with_dict(vm, &o.class_obj()) {
        if let Some(descr) = type_::lookup_str(vm, ty_of(&base), "__dict__") {
            if let Some(get) = descr.class().slots.descr_get.get() {
                return get(vm, &descr, Some(o), Some(&o.class_obj()));
            }
        }
    }
    get_dict_attr(vm, o)
}

/// `obj.__dict__ = d` for an instance of a class (CPython's
/// `subtype_setdict`): `del obj.__dict__` drops it, and the next use
/// makes a new empty one.
pub(crate) fn set_class_dict_attr(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    // An instance whose dict a builtin base keeps (a metaclass's class, a
    // module or exception subclass's instance) is set through that base's
    // own `__dict__` descriptor (CPython's `subtype_setdict`).
    if let Some(base) = builtin_base_with_dict(vm, &o.class_obj()) {
        let descr = type_::lookup_str(vm, ty_of(&base), "__dict__");
        let found = descr.and_then(|d| d.class().slots.descr_set.get().map(|set| (d, set)));
        let Some((descr, set)) = found else {
            return Err(
                vm.type_error(format!("this __dict__ descriptor does not support '{}' objects", o.class().name()))
            );
        };
        return set(vm, &descr, o, v);
    }
    store_instance_dict(vm, o, v)
}

/// Put `v` in the instance's dict slot (None: drop the dict).
fn store_instance_dict(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else {
        o.set_instance_dict(None);
        return Ok(());
    };
    if dict::data(v).is_none() {
        return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.class().name())));
    }
    o.set_instance_dict(Some(v.clone()));
    Ok(())
}

/// The first builtin type along `t`'s base chain whose instances have a
/// `__dict__` (CPython's `get_builtin_base_with_dict`): a dict slot, or
/// `type`, whose instances keep theirs in the type object.
fn builtin_base_with_dict(vm: &Vm, t: &Obj) -> Option<Obj> {
    let mut cur = Some(t.clone());
    while let Some(c) = cur {
        let ct = ty_of(&c);
        if !ct.is_heap_type() && (ct.dictoffset != 0 || c.is(&vm.ctx.types.type_)) {
            return Some(c);
        }
        cur = ct.base();
    }
    None
}

fn get_weakref_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(crate::objects::weakref::first_weakref(vm, o).unwrap_or_else(|| vm.none()))
}

/// A `__slots__` member value.
pub(crate) fn get_slot(o: &Obj, off: usize) -> Option<Obj> {
    let slot = o.member_slot(off)?;
    // SAFETY: cloned out; no borrow outlives this call.
    unsafe { (*slot.get()).clone() }
}

/// Set (or clear) a `__slots__` member.
pub(crate) fn set_slot(o: &Obj, off: usize, v: Option<Obj>) {
    if let Some(slot) = o.member_slot(off) {
        // SAFETY: the old value is moved out before it is dropped.
        let old = unsafe { std::mem::replace(&mut *slot.get(), v) };
        drop(old);
    }
}

// ---- __bases__ assignment -------------------------------------------------------------

/// `target` is `b` or on its `__base__` chain (CPython's
/// `type_is_subtype_base_chain`).
fn base_chain_reaches(b: &Obj, target: &Obj) -> bool {
    let mut cur = Some(b.clone());
    while let Some(c) = cur {
        if c.is(target) {
            return true;
        }
        cur = ty_of(&c).base();
    }
    false
}

/// `cls.__bases__ = bases` (CPython's `type_set_bases`): checks, the new
/// `__base__` (whose instance layout must match the old one), then the MRO
/// of the class and of every subclass recomputed; if one fails, all of them
/// and the bases are put back.
pub(crate) fn type_set_bases(vm: &Vm, ty: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let t = ty_of(ty);
    if !t.is_heap_type() {
        return Err(vm.type_error(format!("cannot set '__bases__' attribute of immutable type '{}'", t.name())));
    }
    let Some(new_bases) = value else {
        return Err(vm.type_error(format!("cannot delete '__bases__' attribute of immutable type '{}'", t.name())));
    };
    crate::objects::type_::audit_set_special(vm, ty, "__bases__", value)?;
    let Some(items) = new_bases.payload::<crate::objects::tuple::TupleData>().map(|d| d.items().to_vec()) else {
        return Err(vm.type_error(format!(
            "can only assign tuple to {}.__bases__, not {}",
            t.name(),
            new_bases.class().name()
        )));
    };
    if items.is_empty() {
        return Err(vm.type_error(format!("can only assign non-empty tuple to {}.__bases__, not ()", t.name())));
    }
    for b in &items {
        if !vm.is_type(b) {
            return Err(vm.type_error(format!(
                "{}.__bases__ must be tuple of classes, not '{}'",
                t.name(),
                b.class().name()
            )));
        }
        // The `__base__` chain too: a reentrant assignment from a custom
        // mro() may have linked it before the MROs were recomputed.
        if vm.is_subtype(b, ty) || base_chain_reaches(b, ty) {
            return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let new_base = best_base(vm, &items)?;
    let old_base = t.base().unwrap_or_else(|| vm.ctx.types.object.clone());
    compatible_for_assignment(vm, &old_base, &new_base, "__bases__")?;

    let old_bases = t.bases().unwrap_or_else(|| vm.ctx.empty_tuple.clone());
    t.set_bases(new_bases.clone());
    t.set_base(Some(new_base));
    let mut changed: Vec<(Obj, Obj)> = Vec::new();
    if let Err(e) = mro_hierarchy(vm, ty, &mut changed) {
        for (cls, old_mro) in changed.into_iter().rev() {
            ty_of(&cls).set_mro(old_mro);
        }
        // A reentrant assignment (from a custom mro()) wins here too.
        if t.bases().is_some_and(|b| b.is(new_bases)) {
            t.set_bases(old_bases);
            t.set_base(Some(old_base));
        }
        return Err(e);
    }
    // A reentrant assignment (from a custom mro()) wins.
    if t.bases().is_some_and(|b| b.is(new_bases)) {
        for b in crate::objects::tuple::items(&old_bases) {
            ty_of(b).remove_subclass(ty.id());
        }
        for b in &items {
            ty_of(b).add_subclass(ty.id());
        }
    }
    crate::objects::type_::modified(vm, ty);
    for (cls, _) in &changed {
        crate::objects::slots::update_all_slots(vm, cls);
    }
    Ok(())
}

/// Recompute the MRO of `ty` and its subclasses, recording each class with
/// its old MRO (CPython's `mro_hierarchy`).
fn mro_hierarchy(vm: &Vm, ty: &Obj, changed: &mut Vec<(Obj, Obj)>) -> PyResult<()> {
    let t = ty_of(ty);
    let bases = t.bases().map(|b| crate::objects::tuple::items(&b).to_vec()).unwrap_or_default();
    let mro = compute_class_mro(vm, &ty.class_obj(), ty, &bases)?;
    changed.push((ty.clone(), t.mro_opt().unwrap_or_else(|| vm.new_tuple(Vec::new()))));
    t.set_mro(vm.new_tuple(mro));
    for id in t.subclass_ids() {
        if let Some(sub) = vm.find_live_type(id) {
            vm.with_recursion("", || mro_hierarchy(vm, &sub, changed))?;
        }
    }
    Ok(())
}

/// A type that adds nothing to its base's instance layout (CPython's
/// `compatible_with_tp_base`).
fn compatible_with_base(t: &TypeObject) -> Option<Obj> {
    let base = t.base()?;
    let bt = ty_of(&base);
    let same = t.basicsize == bt.basicsize
        && t.dictoffset == bt.dictoffset
        && t.values_offset == bt.values_offset
        && t.weaklistoffset == bt.weaklistoffset
        && t.is_gc == bt.is_gc
        && t.payload_type == bt.payload_type
        && t.member_offsets.len() == bt.member_offsets.len();
    same.then_some(base)
}

/// Two types with the same base that added the same storage (CPython's
/// `same_slots_added`).
fn same_slots_added(vm: &Vm, a: &TypeObject, b: &TypeObject) -> bool {
    a.is_heap_type()
        && b.is_heap_type()
        && a.basicsize == b.basicsize
        && a.dictoffset == b.dictoffset
        && a.values_offset == b.values_offset
        && a.weaklistoffset == b.weaklistoffset
        && a.member_offsets.len() == b.member_offsets.len()
        && a.payload_type == b.payload_type
        && match (added_slots(vm, a), added_slots(vm, b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

/// The member slots a class's `__slots__` declared, mangled and sorted as
/// they were laid out, without `__dict__` and `__weakref__` (CPython's
/// `ht_slots`); None for a class without `__slots__`.
fn added_slots(vm: &Vm, t: &TypeObject) -> Option<Vec<String>> {
    dict::get_item_str(vm, &t.dict(), "__slots__")?;
    let mut names: Vec<String> = crate::objects::type_::slot_names(vm, t)
        .into_iter()
        .filter(|n| n != "__dict__" && n != "__weakref__")
        .map(|n| mangle(t.name(), &n))
        .collect();
    names.sort();
    names.dedup();
    Some(names)
}

/// Instances of `old` may become instances of `new` (CPython's
/// `compatible_for_assignment`).
pub(crate) fn compatible_for_assignment(vm: &Vm, old: &Obj, new: &Obj, attr: &str) -> PyResult<()> {
    let (ot, nt) = (ty_of(old), ty_of(new));
    if ot.is_gc != nt.is_gc {
        return Err(vm.type_error(format!(
            "{attr} assignment: '{}' deallocator differs from '{}'",
            nt.name(),
            ot.name()
        )));
    }
    let mut newbase = new.clone();
    while let Some(b) = compatible_with_base(ty_of(&newbase)) {
        newbase = b;
    }
    let mut oldbase = old.clone();
    while let Some(b) = compatible_with_base(ty_of(&oldbase)) {
        oldbase = b;
    }
    let (nb, ob) = (ty_of(&newbase), ty_of(&oldbase));
    let same_parent = match (nb.base(), ob.base()) {
        (Some(x), Some(y)) => x.is(&y),
        (None, None) => true,
        _ => false,
    };
    if !newbase.is(&oldbase) && (!same_parent || !same_slots_added(vm, nb, ob)) {
        return Err(vm.type_error(format!(
            "{attr} assignment: '{}' object layout differs from '{}'",
            nt.name(),
            ot.name()
        )));
    }
    Ok(())
}
