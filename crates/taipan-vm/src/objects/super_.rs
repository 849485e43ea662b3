//! `super` (CPython's `super_*` in `Objects/typeobject.c`), including the
//! zero-argument form that reads `__class__` and the first argument from
//! the calling frame.

use taipan_compiler::code::local_kind;

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, GetSetDef};
use crate::objects::{cell, dict, str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

pub(crate) struct SuperData {
    /// The class `super()` starts after.
    pub ty: ObjCell,
    /// The instance or class it binds to.
    pub obj: ObjCell,
    /// The type of `obj` (or `obj` itself for classes).
    pub obj_type: ObjCell,
}
impl PyPayload for SuperData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.ty.with(|v| v.map_or((), &mut *visit));
        self.obj.with(|v| v.map_or((), &mut *visit));
        self.obj_type.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.ty.set(None);
        self.obj.set(None);
        self.obj_type.set(None);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<SuperData>(
        "super",
        std::mem::size_of::<PyCell<SuperData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("super() -> same as super(__class__, <first argument>)\nsuper(type) -> unbound super object\nsuper(type, obj) -> bound super object; requires isinstance(obj, type)\nsuper(type, type2) -> bound super object; requires issubclass(type2, type)\nTypical use to call a cooperative superclass method:\nclass C(B):\n    def meth(self, arg):\n        super().meth(arg)\nThis works for class methods too:\nclass C(B):\n    @classmethod\n    def cmeth(cls, arg):\n        super().cmeth(arg)\n");
    t.slots.getattro.set(Some(super_getattro));
    t.slots.descr_get.set(Some(super_descr_get));
    t.slots.repr.set(Some(super_repr));
    t.slots.new.set(Some(super_new));
    t.slots.init.set(Some(super_init));
    t
}

pub(crate) fn setup(vm: &Vm) {
    add_getsets(
        vm,
        &vm.ctx.types.super_,
        &[
            GetSetDef::new("__thisclass__", |vm, o| Ok(data(o).ty.get().unwrap_or_else(|| vm.none())), None),
            GetSetDef::new("__self__", |vm, o| Ok(data(o).obj.get().unwrap_or_else(|| vm.none())), None),
            GetSetDef::new("__self_class__", |vm, o| Ok(data(o).obj_type.get().unwrap_or_else(|| vm.none())), None),
        ],
    );
}

fn data(o: &Obj) -> &SuperData {
    o.payload::<SuperData>().expect("a super object")
}

/// `super(ty, obj)` made from Rust.
pub(crate) fn new_super(vm: &Vm, ty: &Obj, obj: &Obj) -> PyResult<Obj> {
    let obj_type = supercheck(vm, ty, obj)?;
    Ok(alloc_object(
        &vm.ctx.types.super_,
        SuperData { ty: ObjCell::some(ty.clone()), obj: ObjCell::some(obj.clone()), obj_type: ObjCell::some(obj_type) },
    ))
}

/// Is `ty` on `sub`'s MRO? CPython's `PyType_IsSubtype`, with no identity
/// shortcut: a class whose custom `mro()` left it out is not a subclass of
/// itself here, so `super(C, C)` refuses it (as class creation's
/// `__init_subclass__` call then does).
fn mro_contains(vm: &Vm, sub: &Obj, ty: &Obj) -> bool {
    match sub.payload::<TypeObject>().and_then(|t| t.mro_opt()) {
        Some(mro) => tuple::items(&mro).iter().any(|b| b.is(ty)),
        None => vm.is_subtype(sub, ty),
    }
}

/// The type to search after `ty` in: `obj` if it is a subclass, else its type.
fn supercheck(vm: &Vm, ty: &Obj, obj: &Obj) -> PyResult<Obj> {
    if vm.is_type(obj) && mro_contains(vm, obj, ty) {
        return Ok(obj.clone());
    }
    if vm.isinstance_type(obj, ty) {
        return Ok(obj.class_obj());
    }
    // An object may claim to be an instance through __class__.
    if let Some(c) = vm.getattr_str_opt(obj, "__class__")? {
        if vm.is_type(&c) && !c.is(&obj.class_obj()) && vm.is_subtype(&c, ty) {
            return Ok(c);
        }
    }
    Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"))
}

fn super_new(_vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(alloc_object(cls, SuperData { ty: ObjCell::new(None), obj: ObjCell::new(None), obj_type: ObjCell::new(None) }))
}

fn super_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    crate::args::no_kwargs(vm, "super", kwnames)?;
    if args.len() > 2 {
        let n = args.len();
        return Err(vm.type_error(format!("super() takes at most 2 arguments ({n} given)")));
    }
    let (ty, obj, obj_type) = super_fields(vm, args)?;
    let d = data(o);
    d.obj_type.set(obj_type);
    d.obj.set(obj);
    d.ty.set(Some(ty));
    Ok(())
}

/// `super(...)` called on `super` itself (CPython's `super_vectorcall`):
/// the object is made with its fields, no `__new__`/`__init__` dispatch.
pub(crate) fn super_call(vm: &Vm, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "super", kwnames)?;
    crate::args::check_positional(vm, "super()", args.len(), 0, 2)?;
    let (ty, obj, obj_type) = super_fields(vm, args)?;
    Ok(alloc_object(
        &vm.ctx.types.super_,
        SuperData { ty: ObjCell::some(ty), obj: ObjCell::new(obj), obj_type: ObjCell::new(obj_type) },
    ))
}

/// The type, the object and the object's type (the start of the MRO
/// search) of `super(*args)`, checked as `super.__init__` checks them.
fn super_fields(vm: &Vm, args: &[Obj]) -> PyResult<(Obj, Option<Obj>, Option<Obj>)> {
    let (ty, obj) = match args.len() {
        0 => zero_arg_super(vm)?,
        1 => (args[0].clone(), None),
        _ => (args[0].clone(), Some(args[1].clone()).filter(|o| !vm.is_none(o))),
    };
    if !vm.is_type(&ty) {
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {}", ty.class().name())));
    }
    match obj {
        Some(obj) => {
            let ot = supercheck(vm, &ty, &obj)?;
            Ok((ty, Some(obj), Some(ot)))
        }
        None => Ok((ty, None, None)),
    }
}

/// `super()` with no arguments: `__class__` from the cell and the first
/// argument of the calling function.
fn zero_arg_super(vm: &Vm) -> PyResult<(Obj, Option<Obj>)> {
    let fp = vm.thread.current_frame.get();
    if fp.is_null() {
        return Err(vm.runtime_error("super(): no current frame"));
    }
    // SAFETY: the current frame is live while it runs this call.
    let frame = unsafe { &*fp };
    let code = frame.code();
    if code.co.argcount == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let mut first = frame.slots[0].clone();
    // The first argument may have been moved into a cell.
    if code.localspluskinds[0] & local_kind::CELL != 0 {
        if let Some(c) = &first {
            if c.has_payload::<cell::CellData>() {
                first = cell::data(c).value.get();
            }
        }
    }
    let Some(first) = first else {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    };
    for i in 0..code.nlocalsplus() {
        if code.localspluskinds[i] & local_kind::FREE == 0 {
            continue;
        }
        // Compiled code's names are interned: the pointer compare settles it.
        let n = &code.localsplusnames[i];
        if !n.is(&vm.ctx.names.dunder_class) && pystr::as_str(n) != Some("__class__") {
            continue;
        }
        let c = frame.slots[i].clone().ok_or_else(|| vm.runtime_error("super(): bad __class__ cell"))?;
        let Some(ty) = cell::data(&c).value.get() else {
            return Err(vm.runtime_error("super(): empty __class__ cell"));
        };
        if !vm.is_type(&ty) {
            return Err(vm.runtime_error(format!("super(): __class__ is not a type ({})", ty.class().name())));
        }
        return Ok((ty, Some(first)));
    }
    Err(vm.runtime_error("super(): __class__ cell not found"))
}

fn super_getattro(vm: &Vm, o: &Obj, name: &Obj) -> PyResult<Obj> {
    let d = data(o);
    let (Some(starttype), Some(ty)) = (d.obj_type.get(), d.ty.get()) else {
        return type_::generic_getattr(vm, o, name);
    };
    // `__class__` is the super object's own.
    if pystr::as_str(name) == Some("__class__") {
        return type_::generic_getattr(vm, o, name);
    }
    // A type whose `mro()` is still running has no MRO: nothing to skip to.
    let Some(mro) = starttype.payload::<TypeObject>().and_then(|t| t.mro_opt()) else {
        return type_::generic_getattr(vm, o, name);
    };
    let items = tuple::items(&mro);
    let start = items.iter().position(|c| c.is(&ty)).map(|i| i + 1).unwrap_or(items.len());
    for base in &items[start..] {
        let bd = base.payload::<TypeObject>().expect("type").dict();
        if let Some(res) = dict::get_item_opt(vm, &bd, name)? {
            if let Some(get) = res.class().slots.descr_get.get() {
                let obj = d.obj.get();
                let inst = obj.as_ref().filter(|ob| !ob.is(&starttype));
                return get(vm, &res, inst, Some(&starttype));
            }
            return Ok(res);
        }
    }
    type_::generic_getattr(vm, o, name)
}

fn super_descr_get(vm: &Vm, o: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let d = data(o);
    let Some(obj) = obj.filter(|x| !vm.is_none(x)) else { return Ok(o.clone()) };
    if d.obj.is_some() {
        return Ok(o.clone());
    }
    // An uninitialised super (`super.__new__(super)`) has no type.
    let Some(ty) = d.ty.get() else {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    };
    // A subclass of super binds by calling itself: `type(su)(su.type, obj)`.
    if !o.type_is(&vm.ctx.types.super_) {
        return vm.call(&o.class_obj(), &[ty, obj.clone()], None);
    }
    new_super(vm, &ty, obj)
}

fn super_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let d = data(o);
    let tname =
        d.ty.get().map(|t| t.payload::<TypeObject>().expect("type").name().to_string()).unwrap_or("NULL".into());
    let text = match d.obj_type.get() {
        Some(ot) => {
            format!("<super: <class '{}'>, <{} object>>", tname, ot.payload::<TypeObject>().expect("type").name())
        }
        None => format!("<super: <class '{tname}'>, NULL>"),
    };
    Ok(vm.new_str_from_string(text))
}

// ---- the specializing interpreter's `super().name(...)` ----------------------------------------

/// Can `LOAD_METHOD name` on the super object `o` be served from the type
/// after the super's class alone? That is when `o` binds an instance and
/// what follows that class in the start type's MRO is exactly that next
/// type's own MRO (always so with single inheritance), so a lookup on the
/// next type (through the type attribute cache) walks the same dicts in the
/// same order as `super.__getattribute__`, and what it finds is a method
/// descriptor, so the instance can be passed as `self` with no bound method
/// made. Answers the start type's version tag and the class's index in its
/// MRO: while that tag holds, the MRO and every dict on it are unchanged (a
/// change to a base resets the tags of its subclasses).
pub(crate) fn method_site(vm: &Vm, o: &Obj, name: &Obj) -> Option<(u32, usize)> {
    let d = data(o);
    let (ty, obj, starttype) = (d.ty.get()?, d.obj.get()?, d.obj_type.get()?);
    if obj.is(&starttype) || name.is(&vm.ctx.names.dunder_class) || pystr::as_str(name) == Some("__class__") {
        return None;
    }
    let st = starttype.payload::<TypeObject>()?;
    let mro = st.mro_opt()?;
    let items = tuple::items(&mro);
    let index = items.iter().position(|c| c.is(&ty))?;
    let next = type_::as_type(items.get(index + 1)?)?;
    let next_mro = next.mro_opt()?;
    let rest = &items[index + 1..];
    let same =
        tuple::items(&next_mro).len() == rest.len() && tuple::items(&next_mro).iter().zip(rest).all(|(a, b)| a.is(b));
    if !same {
        return None;
    }
    let descr = type_::lookup(vm, next, name)?;
    // A lookup on the start type gives it a version tag if it has none yet.
    let _ = type_::lookup(vm, st, name);
    let tag = st.version_tag.get();
    (tag != 0 && descr.class().has_flag(flags::METHOD_DESCRIPTOR)).then_some((tag, index))
}

/// The method and the instance of `super().name` at a site `method_site`
/// accepted, while the start type's version tag is still `tag` and the
/// super's class still sits at `index` of its MRO; None sends the site to
/// the generic instruction.
#[inline]
pub(crate) fn cached_method(vm: &Vm, o: &Obj, name: &Obj, tag: u32, index: usize) -> Option<(Obj, Obj)> {
    if !o.type_is(&vm.ctx.types.super_) {
        return None;
    }
    let d = data(o);
    let starttype = d.obj_type.get()?;
    let st = starttype.payload::<TypeObject>()?;
    if st.version_tag.get() != tag {
        return None;
    }
    let mro = st.mro_opt()?;
    let items = tuple::items(&mro);
    if !d.ty.with(|ty| ty.is_some_and(|ty| items.get(index).is_some_and(|c| c.is(ty)))) {
        return None;
    }
    let obj = d.obj.get().filter(|obj| !obj.is(&starttype))?;
    let descr = type_::lookup(vm, type_::as_type(items.get(index + 1)?)?, name)?;
    descr.class().has_flag(flags::METHOD_DESCRIPTOR).then_some((descr, obj))
}
