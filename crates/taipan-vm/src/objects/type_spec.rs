//! Types made by native modules (CPython's `PyType_FromSpec`): a spec
//! names the type, its base, its instance layout (a payload plus optional
//! `__dict__` and `__weakref__` slots), its methods and computed
//! attributes; the caller fills the slots it implements.

use crate::object::typeobj::{flags, Slots, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{dict, slots, type_};
use crate::vm::{PyResult, Vm};

/// What a native type is made of.
#[derive(Default)]
pub struct TypeSpec<'a> {
    /// `module.Name`: `__name__` is the part after the last dot and
    /// `__module__` the part before, as for CPython's static types.
    pub name: &'a str,
    /// The base type (`object` when None). Its payload must be the same as
    /// the new type's, or the new type's layout is its own.
    pub base: Option<&'a Obj>,
    /// `flags::BASETYPE` to allow subclasses, ...
    pub flags: u64,
    /// Instances hold references (to be traversed by the cycle collector).
    pub gc: bool,
    /// Instances have a `__dict__`.
    pub dict: bool,
    /// Instances can be weakly referenced.
    pub weakref: bool,
    pub methods: &'a [MethodDef],
    pub getsets: &'a [GetSetDef],
    pub doc: Option<&'static str>,
}

/// Create a type whose instances hold a `T`. `fill_slots` sets the slots
/// the type implements (`new`, `init`, `repr`, `iter`, ...); the others are
/// inherited from the base, and the dunder methods of the filled ones
/// (`__repr__`, `__iter__`, ...) are added to the type's dict.
pub fn new_type<T: PyPayload>(vm: &Vm, spec: &TypeSpec, fill_slots: impl FnOnce(&Slots)) -> Obj {
    new_type_with_members::<T>(vm, spec, 0, fill_slots).0
}

/// `new_type` plus `members` hidden object slots after the payload (as
/// C types declare object fields beyond a base's layout, e.g.
/// `defaultdict.default_factory` after the dict), traversed and cleared
/// by the collector. Returns the type and the slots' offsets, to use with
/// `member_get`/`member_set`.
pub fn new_type_with_members<T: PyPayload>(
    vm: &Vm,
    spec: &TypeSpec,
    members: usize,
    fill_slots: impl FnOnce(&Slots),
) -> (Obj, Vec<usize>) {
    let base = spec.base.cloned().unwrap_or_else(|| vm.ctx.types.object.clone());
    let bt = base.payload::<TypeObject>().expect("TypeSpec base is a type");
    let mut t = TypeObject::new::<T>(
        spec.name,
        std::mem::size_of::<PyCell<T>>(),
        spec.gc || bt.is_gc,
        spec.flags | flags::IMMUTABLETYPE,
    );
    let same_layout = bt.payload_type == t.payload_type;
    if same_layout {
        // A subtype with the base's payload keeps the base's slots, where
        // they are, and adds its own after them.
        t.basicsize = bt.basicsize;
        t.dictoffset = bt.dictoffset;
        t.values_offset = bt.values_offset;
        t.weaklistoffset = bt.weaklistoffset;
        t.member_offsets = bt.member_offsets.clone();
    }
    let mut offsets = Vec::new();
    for _ in 0..members {
        t.basicsize = (t.basicsize + 7) & !7;
        offsets.push(t.basicsize);
        t.member_offsets.push(t.basicsize);
        t.basicsize += std::mem::size_of::<Option<Obj>>();
    }
    if spec.dict && t.dictoffset == 0 {
        t = t.with_dict();
    }
    if spec.weakref && t.weaklistoffset == 0 {
        t = t.with_weaklist();
    }
    t.doc = spec.doc;
    t.set_base(Some(base.clone()));
    fill_slots(&t.slots);
    let ty = crate::context::new_static_type(&vm.ctx.types.type_, t);
    type_::init_static_type_base(vm, &ty);
    add_methods(vm, &ty, spec.methods);
    add_getsets(vm, &ty, spec.getsets);
    if spec.dict && !same_layout {
        // As `PyType_FromSpec` with a dictoffset: instances show `__dict__`.
        add_getsets(
            vm,
            &ty,
            &[GetSetDef::new("__dict__", super::class::get_dict_attr, Some(super::class::set_dict_attr))],
        );
    }
    slots::add_slot_wrappers(vm, &ty);
    type_::inherit_slots(vm, &ty);
    let tobj = ty.payload::<TypeObject>().expect("type");
    let d = tobj.dict();
    if dict::get_item_str(vm, &d, "__doc__").is_none() {
        let doc = spec.doc.map(|s| vm.new_str(s)).unwrap_or_else(|| vm.none());
        dict::set_item_str(vm, &d, "__doc__", doc).expect("type dict");
    }
    tobj.invalidate_lookups();
    (ty, offsets)
}

/// The value of a hidden member slot (`new_type_with_members`).
pub fn member_get(o: &Obj, off: usize) -> Option<Obj> {
    super::class::get_slot(o, off)
}

/// Set (or clear) a hidden member slot.
pub fn member_set(o: &Obj, off: usize, v: Option<Obj>) {
    super::class::set_slot(o, off, v)
}

/// A new instance of `cls` holding `payload`, for a native type's `new`
/// slot: `cls` is the type being instantiated (maybe a Python subclass),
/// which must lay its instances out with a `T`. `owner` names the native
/// type in the error.
pub fn alloc_instance<T: PyPayload>(vm: &Vm, cls: &Obj, owner: &Obj, payload: T) -> PyResult<Obj> {
    let Some(t) = cls.payload::<TypeObject>() else {
        return Err(vm.type_error(format!("{}.__new__(X): X is not a type object", type_name(owner))));
    };
    if !vm.is_subtype(cls, owner) && !derives_from_earlier_copy::<T>(t, owner) {
        return Err(vm.type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            type_name(owner),
            t.name(),
            t.name(),
            type_name(owner)
        )));
    }
    if t.payload_type != std::any::TypeId::of::<T>() || t.basicsize < std::mem::size_of::<PyCell<T>>() {
        return Err(vm.type_error(format!(
            "{}.__new__({}) is not safe, use object.__new__()",
            type_name(owner),
            t.name()
        )));
    }
    Ok(alloc_object(cls, payload))
}

/// A fresh import of a native module (`import_fresh_module`) makes new
/// types under the same names, while classes made from the first import's
/// types live on: `cls` derives from a type named as `owner` with `T`'s
/// layout.
fn derives_from_earlier_copy<T: PyPayload>(cls: &TypeObject, owner: &Obj) -> bool {
    let Some(mro) = cls.mro_opt() else { return false };
    let name = type_name(owner);
    super::tuple::items(&mro).iter().any(|b| {
        b.payload::<TypeObject>().is_some_and(|bt| bt.payload_type == std::any::TypeId::of::<T>() && bt.name() == name)
    })
}

/// The payload of `o` as a `T`, or CPython's TypeError for a method of
/// `owner` called on an object of another layout.
pub fn payload_or_err<'a, T: PyPayload>(vm: &Vm, o: &'a Obj, owner: &str) -> PyResult<&'a T> {
    match o.payload::<T>() {
        Some(p) => Ok(p),
        None => Err(vm.type_error(format!(
            "descriptor for '{}' objects doesn't apply to a '{}' object",
            owner,
            o.class().name()
        ))),
    }
}

fn type_name(t: &Obj) -> String {
    t.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default()
}

/// Make a native type's instances unhashable (`__hash__ = None`, as
/// CPython's `PyObject_HashNotImplemented` in `tp_hash`).
pub fn set_unhashable(s: &Slots) {
    s.hash.set_as(super::slots::hash_not_implemented, crate::object::typeobj::slot_id::HASH_NOT_IMPLEMENTED);
}
