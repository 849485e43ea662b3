//! Descriptors of builtin types (CPython's `Objects/descrobject.c`):
//! `method_descriptor` (`list.append`), `classmethod_descriptor`
//! (`dict.fromkeys`), `getset_descriptor` (`type.__name__`),
//! `member_descriptor` (`__slots__` entries) and `wrapper_descriptor` /
//! `method-wrapper` (slot wrappers such as `int.__add__`).

use crate::object::typeobj::flags;
use crate::object::{alloc_object, Obj, PyCell, PyPayload, TypeObject};
use crate::objects::slots::SlotKind;
use crate::objects::{dict, str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};

/// A builtin method: `self`, the positional arguments, then the keyword
/// values named by `kwnames` at the end of the arguments.
pub type MethodFn = fn(&Vm, &Obj, &[Obj], Option<&Obj>) -> PyResult<Obj>;
pub type GetterFn = fn(&Vm, &Obj) -> PyResult<Obj>;
pub type SetterFn = fn(&Vm, &Obj, Option<&Obj>) -> PyResult<()>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Instance,
    /// Receives the class (`classmethod_descriptor`).
    Class,
    /// Receives no self (a plain builtin function in the class dict).
    Static,
}

/// The definition of a builtin method (CPython's `PyMethodDef`).
#[derive(Clone, Copy)]
pub struct MethodDef {
    pub name: &'static str,
    pub func: MethodFn,
    pub kind: MethodKind,
    pub doc: Option<&'static str>,
}

impl MethodDef {
    pub const fn method(name: &'static str, func: MethodFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Instance, doc: None }
    }
    pub const fn class(name: &'static str, func: MethodFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Class, doc: None }
    }
    pub const fn static_(name: &'static str, func: MethodFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Static, doc: None }
    }
}

/// The definition of a computed attribute (CPython's `PyGetSetDef`).
#[derive(Clone, Copy)]
pub struct GetSetDef {
    pub name: &'static str,
    pub get: GetterFn,
    pub set: Option<SetterFn>,
}

impl GetSetDef {
    pub const fn new(name: &'static str, get: GetterFn, set: Option<SetterFn>) -> GetSetDef {
        GetSetDef { name, get, set }
    }
}

pub(crate) struct MethodDescrData {
    pub def: MethodDef,
    pub owner: Obj,
}
impl PyPayload for MethodDescrData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.owner);
    }
}

pub(crate) struct GetSetData {
    pub def: GetSetDef,
    pub owner: Obj,
}
impl PyPayload for GetSetData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.owner);
    }
}

/// A `__slots__` entry: the value lives in the instance's slot array.
pub(crate) struct MemberData {
    pub name: Obj,
    /// The slot's byte offset (`NOT_A_SLOT` for other kinds, so that the
    /// specializer, which keys on slot offsets, leaves them alone).
    pub index: usize,
    pub owner: Obj,
    pub kind: MemberKind,
    /// `__doc__` of a member made from a native spec.
    pub doc: Option<&'static str>,
}

/// Where a member descriptor's value lives.
#[derive(Clone, Copy)]
pub(crate) enum MemberKind {
    /// A `__slots__` slot at `index`: readable, writable, deletable.
    Slot,
    /// Field `i` of a struct sequence: read-only.
    StructSeqField(usize),
    /// A read-only field of a native object (CPython's `PyMemberDef` with
    /// `READONLY`, e.g. `complex.real`, `function.__globals__`).
    Native(NativeMemberGet),
}

/// How a native read-only member reads its value.
pub type NativeMemberGet = fn(&Vm, &Obj) -> PyResult<Obj>;

/// Add read-only native members (name, getter, doc) to a builtin type.
pub fn add_native_members(vm: &Vm, ty: &Obj, defs: &[(&'static str, NativeMemberGet, Option<&'static str>)]) {
    ty.payload::<TypeObject>().expect("type").invalidate_lookups();
    let d = ty.payload::<TypeObject>().expect("type").dict();
    for &(name, get, doc) in defs {
        let value = new_member(vm, ty, vm.intern(name), MemberKind::Native(get), doc);
        dict::set_item(vm, &d, vm.intern(name), value).expect("type dict insert");
    }
}

/// The `index` of a member that is not a `__slots__` slot.
pub(crate) const NOT_A_SLOT: usize = usize::MAX;

/// A read-only member descriptor of `owner` (a struct sequence field).
pub(crate) fn new_member(vm: &Vm, owner: &Obj, name: Obj, kind: MemberKind, doc: Option<&'static str>) -> Obj {
    alloc_object(
        &vm.ctx.types.member_descriptor,
        MemberData { name, index: NOT_A_SLOT, owner: owner.clone(), kind, doc },
    )
}
impl PyPayload for MemberData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.name);
        visit(&self.owner);
    }
}

/// A slot wrapper (`int.__add__`): calls the owner type's slot.
pub(crate) struct WrapperData {
    pub name: &'static str,
    pub kind: SlotKind,
    pub owner: Obj,
}
impl PyPayload for WrapperData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.owner);
    }
}

/// A bound slot wrapper (`(1).__add__`).
pub(crate) struct MethodWrapperData {
    pub descr: Obj,
    pub self_: Obj,
}
impl PyPayload for MethodWrapperData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.descr);
        visit(&self.self_);
    }
}

fn mk_type<T: PyPayload>(name: &str, gc: bool) -> TypeObject {
    TypeObject::new::<T>(name, std::mem::size_of::<PyCell<T>>(), gc, flags::IMMUTABLETYPE)
}

pub(crate) fn method_descriptor_type_object() -> TypeObject {
    let t = mk_type::<MethodDescrData>("method_descriptor", true);
    t.flags.set(t.flags.get() | flags::METHOD_DESCRIPTOR);
    t.slots.descr_get.set(Some(method_descr_get));
    t.slots.call.set(Some(method_descr_call));
    t.slots.repr.set(Some(method_descr_repr));
    t
}

pub(crate) fn classmethod_descriptor_type_object() -> TypeObject {
    let t = mk_type::<MethodDescrData>("classmethod_descriptor", true);
    t.slots.descr_get.set(Some(classmethod_descr_get));
    t.slots.call.set(Some(classmethod_descr_call));
    t.slots.repr.set(Some(method_descr_repr));
    t
}

pub(crate) fn wrapper_descriptor_type_object() -> TypeObject {
    let t = mk_type::<WrapperData>("wrapper_descriptor", true);
    // Calling it with the instance first is binding it (CPython sets the
    // flag too): LOAD_METHOD skips the method-wrapper.
    t.flags.set(t.flags.get() | flags::METHOD_DESCRIPTOR);
    t.slots.descr_get.set(Some(wrapper_get));
    t.slots.call.set(Some(wrapper_call));
    t.slots.repr.set(Some(wrapper_repr));
    t
}

pub(crate) fn method_wrapper_type_object() -> TypeObject {
    let t = mk_type::<MethodWrapperData>("method-wrapper", true);
    t.slots.call.set(Some(method_wrapper_call));
    t.slots.repr.set(Some(method_wrapper_repr));
    t.slots.richcompare.set(Some(method_wrapper_richcompare));
    t.slots.hash.set(Some(method_wrapper_hash));
    t
}

/// Two method-wrappers are equal when they wrap the same slot of the same
/// object (CPython's `wrapper_richcompare`).
fn method_wrapper_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: crate::object::typeobj::CompareOp) -> PyResult<Obj> {
    use crate::object::typeobj::CompareOp;
    let (Some(x), Some(y)) = (a.payload::<MethodWrapperData>(), b.payload::<MethodWrapperData>()) else {
        return Ok(vm.not_implemented());
    };
    let eq = x.descr.is(&y.descr) && x.self_.is(&y.self_);
    match op {
        CompareOp::Eq => Ok(vm.bool_obj(eq)),
        CompareOp::Ne => Ok(vm.bool_obj(!eq)),
        _ => Ok(vm.not_implemented()),
    }
}

fn method_wrapper_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let d = o.payload::<MethodWrapperData>().ok_or_else(|| vm.type_error("method-wrapper expected"))?;
    // By identity: `self` may be unhashable (`[].__add__`).
    let h = (d.self_.id() as i64 >> 4) ^ (d.descr.id() as i64 >> 4);
    Ok(if h == -1 { -2 } else { h })
}

pub(crate) fn getset_descriptor_type_object() -> TypeObject {
    let t = mk_type::<GetSetData>("getset_descriptor", true);
    t.slots.descr_get.set(Some(getset_get));
    t.slots.descr_set.set(Some(getset_set));
    t.slots.repr.set(Some(getset_repr));
    t
}

pub(crate) fn member_descriptor_type_object() -> TypeObject {
    let t = mk_type::<MemberData>("member_descriptor", true);
    t.slots.descr_get.set(Some(member_get));
    t.slots.descr_set.set(Some(member_set));
    t.slots.repr.set(Some(member_repr));
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_getsets(
        vm,
        &vm.ctx.types.method_descriptor,
        &[
            GetSetDef::new("__name__", descr_name, None),
            GetSetDef::new("__qualname__", descr_qualname, None),
            GetSetDef::new("__objclass__", descr_objclass, None),
            GetSetDef::new("__doc__", descr_doc, None),
            GetSetDef::new("__text_signature__", descr_text_signature, None),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.classmethod_descriptor,
        &[
            GetSetDef::new("__name__", descr_name, None),
            GetSetDef::new("__qualname__", descr_qualname, None),
            GetSetDef::new("__objclass__", descr_objclass, None),
            GetSetDef::new("__doc__", descr_doc, None),
            GetSetDef::new("__text_signature__", descr_text_signature, None),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.wrapper_descriptor,
        &[
            GetSetDef::new("__name__", wrapper_name, None),
            GetSetDef::new("__qualname__", wrapper_qualname, None),
            GetSetDef::new("__objclass__", wrapper_objclass, None),
            GetSetDef::new("__doc__", wrapper_doc, None),
            GetSetDef::new("__text_signature__", wrapper_text_signature, None),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.method_wrapper,
        &[
            GetSetDef::new("__name__", mw_name, None),
            GetSetDef::new("__self__", mw_self, None),
            GetSetDef::new("__objclass__", |vm, mw| vm.getattr_str(&mw_descr(mw), "__objclass__"), None),
            GetSetDef::new("__qualname__", mw_qualname, None),
            GetSetDef::new("__doc__", |vm, mw| wrapper_doc(vm, &mw_descr(mw)), None),
            GetSetDef::new("__text_signature__", |vm, mw| wrapper_text_signature(vm, &mw_descr(mw)), None),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.getset_descriptor,
        &[
            GetSetDef::new("__name__", getset_name, None),
            GetSetDef::new("__qualname__", getset_qualname, None),
            GetSetDef::new("__objclass__", getset_objclass, None),
            GetSetDef::new("__doc__", getset_doc, None),
        ],
    );
    add_getsets(
        vm,
        &vm.ctx.types.member_descriptor,
        &[
            GetSetDef::new("__name__", member_name, None),
            GetSetDef::new("__qualname__", member_qualname, None),
            GetSetDef::new("__objclass__", member_objclass, None),
            GetSetDef::new("__doc__", member_doc, None),
        ],
    );
    add_descr_reduce(vm);
}

/// `descr.__reduce__()`: `getattr(owner, name)` rebuilds a descriptor
/// (CPython's `descr_reduce`); `getattr(self, name)` a method-wrapper.
fn reduce_by_getattr(vm: &Vm, o: &Obj, holder: &str) -> PyResult<Obj> {
    let getattr = vm.getattr_str(&vm.builtins_module(), "getattr")?;
    let owner = vm.getattr_str(o, holder)?;
    let name = vm.getattr_str(o, "__name__")?;
    Ok(vm.new_tuple(vec![getattr, vm.new_tuple(vec![owner, name])]))
}

fn add_descr_reduce(vm: &Vm) {
    let types = &vm.ctx.types;
    // Not classmethod_descriptor nor getset_descriptor: CPython's have no
    // __reduce__ (pickling `dict.__dict__['fromkeys']` or
    // `int.__dict__['real']` is a TypeError).
    for ty in [&types.method_descriptor, &types.wrapper_descriptor, &types.member_descriptor] {
        add_methods(vm, ty, &[MethodDef::method("__reduce__", |vm, o, _, _| reduce_by_getattr(vm, o, "__objclass__"))]);
    }
    add_methods(
        vm,
        &types.method_wrapper,
        &[MethodDef::method("__reduce__", |vm, o, _, _| reduce_by_getattr(vm, o, "__self__"))],
    );
}

/// Put builtin methods into a type's dict.
pub(crate) fn add_methods(vm: &Vm, ty: &Obj, defs: &[MethodDef]) {
    ty.payload::<TypeObject>().expect("type").invalidate_lookups();
    let d = ty.payload::<TypeObject>().expect("type").dict();
    for def in defs {
        let value = match def.kind {
            MethodKind::Instance => {
                alloc_object(&vm.ctx.types.method_descriptor, MethodDescrData { def: *def, owner: ty.clone() })
            }
            MethodKind::Class => {
                alloc_object(&vm.ctx.types.classmethod_descriptor, MethodDescrData { def: *def, owner: ty.clone() })
            }
            MethodKind::Static => {
                // CPython binds a builtin static method to its type
                // (`str.maketrans.__self__ is str`).
                let f = crate::objects::builtin_func::new_method_function(vm, def, Some(ty.clone()));
                crate::objects::function::new_staticmethod(vm, f)
            }
        };
        dict::set_item(vm, &d, vm.intern(def.name), value).expect("type dict insert");
    }
}

/// Put computed attributes into a type's dict.
pub(crate) fn add_getsets(vm: &Vm, ty: &Obj, defs: &[GetSetDef]) {
    ty.payload::<TypeObject>().expect("type").invalidate_lookups();
    let d = ty.payload::<TypeObject>().expect("type").dict();
    for def in defs {
        let value = alloc_object(&vm.ctx.types.getset_descriptor, GetSetData { def: *def, owner: ty.clone() });
        dict::set_item(vm, &d, vm.intern(def.name), value).expect("type dict insert");
    }
}

fn type_name(o: &Obj) -> String {
    o.payload::<TypeObject>().map(|t| t.name().to_string()).unwrap_or_default()
}

/// Check that `self_` can be passed to a descriptor of `owner`.
#[inline]
fn check_self(vm: &Vm, name: &str, owner: &Obj, self_: &Obj) -> PyResult<()> {
    // Almost always an instance of the owner itself: one compare.
    if self_.type_is(owner) || vm.isinstance_type(self_, owner) {
        return Ok(());
    }
    Err(wrong_self_error(vm, name, owner, self_))
}

/// The TypeError of `check_self`.
#[cold]
#[inline(never)]
fn wrong_self_error(vm: &Vm, name: &str, owner: &Obj, self_: &Obj) -> PyErr {
    vm.type_error(format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        name,
        type_name(owner),
        self_.class().name()
    ))
}

// ---- method_descriptor --------------------------------------------------------------------

fn method_descr_get(vm: &Vm, descr: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    match obj {
        None => Ok(descr.clone()),
        Some(o) => {
            check_self(vm, d.def.name, &d.owner, o)?;
            Ok(crate::objects::builtin_func::new_bound_method(vm, &d.def, o.clone(), &d.owner))
        }
    }
}

fn method_descr_call(vm: &Vm, descr: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    let nkw = kwnames.map_or(0, tuple::len);
    if args.len() == nkw {
        return Err(vm.type_error(format!(
            "unbound method {}.{}() needs an argument",
            type_name(&d.owner),
            d.def.name
        )));
    }
    check_self(vm, d.def.name, &d.owner, &args[0])?;
    call_with_owner(vm, d, &args[0], &args[1..], kwnames)
}

/// Call a method descriptor's function, recording its owner for messages.
fn call_with_owner(vm: &Vm, d: &MethodDescrData, self_: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let owner = d.owner.payload::<TypeObject>().expect("type") as *const TypeObject;
    let prev = vm.thread.method_owner.replace(owner);
    let r = (d.def.func)(vm, self_, args, kwnames);
    vm.thread.method_owner.set(prev);
    r
}

fn method_descr_repr(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    Ok(vm.new_str(&format!("<method '{}' of '{}' objects>", d.def.name, type_name(&d.owner))))
}

fn classmethod_descr_get(vm: &Vm, descr: &Obj, obj: Option<&Obj>, owner: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("classmethod descriptor");
    let cls = match owner {
        Some(c) => c.clone(),
        None => obj.map(|o| o.class_obj()).ok_or_else(|| vm.type_error("descriptor needs a type or an instance"))?,
    };
    Ok(crate::objects::builtin_func::new_method_function(vm, &d.def, Some(cls)))
}

fn classmethod_descr_call(vm: &Vm, descr: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("classmethod descriptor");
    let Some(cls) = args.first() else {
        return Err(vm.type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            d.def.name,
            type_name(&d.owner)
        )));
    };
    (d.def.func)(vm, cls, &args[1..], kwnames)
}

fn descr_name(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    Ok(vm.new_str(d.def.name))
}

fn descr_qualname(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    let owner = crate::objects::type_::type_qualname(vm, &d.owner);
    Ok(vm.new_str(&format!("{}.{}", owner, d.def.name)))
}

fn descr_objclass(_vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(descr.payload::<MethodDescrData>().expect("method descriptor").owner.clone())
}

fn descr_doc(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    let entry = crate::doc::of_static_type(&d.owner, d.def.name);
    Ok(crate::doc::doc_value(vm, entry, d.def.name, d.def.doc))
}

fn descr_text_signature(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MethodDescrData>().expect("method descriptor");
    Ok(crate::doc::signature_value(vm, crate::doc::of_static_type(&d.owner, d.def.name)))
}

/// The docstring of a slot wrapper: its type's, or the slot's.
fn wrapper_entry(descr: &Obj) -> Option<crate::doc::Doc> {
    let d = descr.payload::<WrapperData>().expect("wrapper");
    let t = d.owner.payload::<TypeObject>()?;
    if t.is_heap_type() {
        return crate::doc::of_slot("", d.name);
    }
    crate::doc::of_slot(t.name(), d.name)
}

fn wrapper_doc(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(crate::doc::doc_value(vm, wrapper_entry(descr), "", None))
}

fn wrapper_text_signature(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(crate::doc::signature_value(vm, wrapper_entry(descr)))
}

fn mw_descr(mw: &Obj) -> Obj {
    mw.payload::<MethodWrapperData>().expect("method-wrapper").descr.clone()
}

// ---- getset_descriptor --------------------------------------------------------------------

fn getset_get(vm: &Vm, descr: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<GetSetData>().expect("getset");
    match obj {
        None => Ok(descr.clone()),
        Some(o) => {
            check_self(vm, d.def.name, &d.owner, o)?;
            (d.def.get)(vm, o)
        }
    }
}

fn getset_set(vm: &Vm, descr: &Obj, obj: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let d = descr.payload::<GetSetData>().expect("getset");
    check_self(vm, d.def.name, &d.owner, obj)?;
    match d.def.set {
        Some(set) => set(vm, obj, value),
        None => Err(vm.attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            d.def.name,
            type_name(&d.owner)
        ))),
    }
}

fn getset_repr(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<GetSetData>().expect("getset");
    Ok(vm.new_str(&format!("<attribute '{}' of '{}' objects>", d.def.name, type_name(&d.owner))))
}

fn getset_name(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str(descr.payload::<GetSetData>().expect("getset").def.name))
}

fn getset_qualname(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<GetSetData>().expect("getset");
    Ok(vm.new_str(&format!("{}.{}", crate::objects::type_::type_qualname(vm, &d.owner), d.def.name)))
}

fn getset_doc(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<GetSetData>().expect("getset");
    let heap = d.owner.payload::<TypeObject>().is_some_and(|t| t.is_heap_type());
    if heap {
        // A class's own `__dict__` and `__weakref__` (CPython's
        // `subtype_getsets_full`).
        return Ok(subtype_getset_doc(d.def.name).map(|s| vm.new_str(s)).unwrap_or_else(|| vm.none()));
    }
    let entry = crate::doc::of_static_type(&d.owner, d.def.name);
    if entry.is_none() {
        // Types CPython makes as classes (ExceptionGroup) have these too.
        if let Some(doc) = subtype_getset_doc(d.def.name) {
            return Ok(vm.new_str(doc));
        }
    }
    Ok(crate::doc::doc_value(vm, entry, d.def.name, None))
}

fn subtype_getset_doc(name: &str) -> Option<&'static str> {
    match name {
        "__dict__" => Some("dictionary for instance variables"),
        "__weakref__" => Some("list of weak references to the object"),
        _ => None,
    }
}

fn getset_objclass(_vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(descr.payload::<GetSetData>().expect("getset").owner.clone())
}

// ---- member_descriptor (__slots__) -----------------------------------------------------------

fn member_get(vm: &Vm, descr: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<MemberData>().expect("member");
    let Some(o) = obj else { return Ok(descr.clone()) };
    check_self(vm, &pystr::as_str_lossy(&d.name), &d.owner, o)?;
    match d.kind {
        MemberKind::StructSeqField(i) => return crate::objects::structseq::member_value(vm, o, i),
        MemberKind::Native(get) => return get(vm, o),
        MemberKind::Slot => {}
    }
    match crate::objects::class::get_slot(o, d.index) {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            o.class().name(),
            pystr::as_str_lossy(&d.name)
        ))),
    }
}

fn member_set(vm: &Vm, descr: &Obj, obj: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let d = descr.payload::<MemberData>().expect("member");
    check_self(vm, &pystr::as_str_lossy(&d.name), &d.owner, obj)?;
    if !matches!(d.kind, MemberKind::Slot) {
        return Err(vm.attribute_error("readonly attribute"));
    }
    if value.is_none() && crate::objects::class::get_slot(obj, d.index).is_none() {
        return Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            obj.class().name(),
            pystr::as_str_lossy(&d.name)
        )));
    }
    crate::objects::class::set_slot(obj, d.index, value.cloned());
    Ok(())
}

fn member_repr(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MemberData>().expect("member");
    Ok(vm.new_str(&format!("<member '{}' of '{}' objects>", pystr::as_str_lossy(&d.name), type_name(&d.owner))))
}

fn member_name(_vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(descr.payload::<MemberData>().expect("member").name.clone())
}

fn member_qualname(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MemberData>().expect("member");
    let owner = crate::objects::type_::type_qualname(vm, &d.owner);
    Ok(vm.new_str(&format!("{}.{}", owner, crate::objects::str::as_str_lossy(&d.name))))
}

fn member_doc(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<MemberData>().expect("member");
    if !matches!(d.kind, MemberKind::Slot) {
        return Ok(d.doc.map_or_else(|| vm.none(), |s| vm.new_str(s)));
    }
    let name = crate::objects::str::as_str(&d.name).unwrap_or("");
    Ok(crate::doc::doc_value(vm, crate::doc::of_static_type(&d.owner, name), name, None))
}

fn member_objclass(_vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(descr.payload::<MemberData>().expect("member").owner.clone())
}

// ---- wrapper_descriptor / method-wrapper ---------------------------------------------------

fn wrapper_get(vm: &Vm, descr: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<WrapperData>().expect("wrapper");
    match obj {
        None => Ok(descr.clone()),
        Some(o) => {
            check_self(vm, d.name, &d.owner, o)?;
            Ok(alloc_object(&vm.ctx.types.method_wrapper, MethodWrapperData { descr: descr.clone(), self_: o.clone() }))
        }
    }
}

fn wrapper_call(vm: &Vm, descr: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let d = descr.payload::<WrapperData>().expect("wrapper");
    let nkw = kwnames.map_or(0, tuple::len);
    if args.len() == nkw {
        return Err(vm.type_error(format!(
            "descriptor '{}' of '{}' object needs an argument",
            d.name,
            type_name(&d.owner)
        )));
    }
    let self_ = &args[0];
    if !self_.type_is(&d.owner) && !vm.isinstance_type(self_, &d.owner) {
        // CPython's wrapperdescr_call words it unlike the other descriptors.
        return Err(vm.type_error(format!(
            "descriptor '{}' requires a '{}' object but received a '{}'",
            d.name,
            type_name(&d.owner),
            self_.class().name()
        )));
    }
    crate::objects::slots::call_wrapper(vm, d, self_, &args[1..], kwnames)
}

fn wrapper_repr(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<WrapperData>().expect("wrapper");
    Ok(vm.new_str(&format!("<slot wrapper '{}' of '{}' objects>", d.name, type_name(&d.owner))))
}

fn wrapper_name(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(vm.new_str(descr.payload::<WrapperData>().expect("wrapper").name))
}

fn wrapper_qualname(vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    let d = descr.payload::<WrapperData>().expect("wrapper");
    Ok(vm.new_str(&format!("{}.{}", crate::objects::type_::type_qualname(vm, &d.owner), d.name)))
}

fn wrapper_objclass(_vm: &Vm, descr: &Obj) -> PyResult<Obj> {
    Ok(descr.payload::<WrapperData>().expect("wrapper").owner.clone())
}

fn method_wrapper_call(vm: &Vm, mw: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    vm.with_recursion(" while calling a Python object", || {
        let m = mw.payload::<MethodWrapperData>().expect("method-wrapper");
        let d = m.descr.payload::<WrapperData>().expect("wrapper");
        crate::objects::slots::call_wrapper(vm, d, &m.self_, args, kwnames)
    })
}

fn method_wrapper_repr(vm: &Vm, mw: &Obj) -> PyResult<Obj> {
    let m = mw.payload::<MethodWrapperData>().expect("method-wrapper");
    let d = m.descr.payload::<WrapperData>().expect("wrapper");
    Ok(vm.new_str(&format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        d.name,
        m.self_.class().name(),
        m.self_.id()
    )))
}

fn mw_name(vm: &Vm, mw: &Obj) -> PyResult<Obj> {
    let m = mw.payload::<MethodWrapperData>().expect("method-wrapper");
    Ok(vm.new_str(m.descr.payload::<WrapperData>().expect("wrapper").name))
}

fn mw_self(_vm: &Vm, mw: &Obj) -> PyResult<Obj> {
    Ok(mw.payload::<MethodWrapperData>().expect("method-wrapper").self_.clone())
}

fn mw_qualname(vm: &Vm, mw: &Obj) -> PyResult<Obj> {
    let m = mw.payload::<MethodWrapperData>().expect("method-wrapper");
    wrapper_qualname(vm, &m.descr)
}

/// The setter of a read-only member (CPython's `T_OBJECT` with `READONLY`):
/// assigning raises "readonly attribute", not a getset's message.
pub(crate) fn readonly_member(vm: &Vm, _obj: &Obj, _value: Option<&Obj>) -> PyResult<()> {
    Err(vm.attribute_error("readonly attribute"))
}
