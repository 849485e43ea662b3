//! `property` (CPython's `Objects/descrobject.c`).

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::vm::{PyResult, Vm};

pub(crate) struct PropertyData {
    pub fget: ObjCell,
    pub fset: ObjCell,
    pub fdel: ObjCell,
    pub doc: ObjCell,
    pub name: ObjCell,
    /// The doc came from the getter (so copies refresh it).
    pub getter_doc: std::cell::Cell<bool>,
}
impl PyPayload for PropertyData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.fget.with(|v| v.map_or((), &mut *visit));
        self.fset.with(|v| v.map_or((), &mut *visit));
        self.fdel.with(|v| v.map_or((), &mut *visit));
        self.doc.with(|v| v.map_or((), &mut *visit));
        self.name.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.fget.set(None);
        self.fset.set(None);
        self.fdel.set(None);
        self.doc.set(None);
        self.name.set(None);
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<PropertyData>(
        "property",
        std::mem::size_of::<PyCell<PropertyData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.doc = Some("Property attribute.\n\n  fget\n    function to be used for getting an attribute value\n  fset\n    function to be used for setting an attribute value\n  fdel\n    function to be used for del'ing an attribute\n  doc\n    docstring\n\nTypical use is to define a managed attribute x:\n\nclass C(object):\n    def getx(self): return self._x\n    def setx(self, value): self._x = value\n    def delx(self): del self._x\n    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n\nDecorators make defining new properties or modifying existing ones easy:\n\nclass C(object):\n    @property\n    def x(self):\n        \"I am the 'x' property.\"\n        return self._x\n    @x.setter\n    def x(self, value):\n        self._x = value\n    @x.deleter\n    def x(self):\n        del self._x");
    t.slots.descr_get.set(Some(property_get));
    t.slots.descr_set.set(Some(property_set));
    t.slots.new.set(Some(property_new));
    t.slots.init.set(Some(property_init));
    t
}

/// `fget`, `fset` and `fdel` are read-only members in CPython: their
/// error says so.
fn readonly_member(vm: &Vm, _o: &Obj, _v: Option<&Obj>) -> PyResult<()> {
    Err(vm.attribute_error("readonly attribute"))
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.property;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("fget", |vm, o| Ok(data(o).fget.get().unwrap_or_else(|| vm.none())), Some(readonly_member)),
            GetSetDef::new("fset", |vm, o| Ok(data(o).fset.get().unwrap_or_else(|| vm.none())), Some(readonly_member)),
            GetSetDef::new("fdel", |vm, o| Ok(data(o).fdel.get().unwrap_or_else(|| vm.none())), Some(readonly_member)),
            GetSetDef::new(
                "__doc__",
                |vm, o| Ok(data(o).doc.get().unwrap_or_else(|| vm.none())),
                Some(|vm, o, v| {
                    data(o).doc.set(Some(v.cloned().unwrap_or_else(|| vm.none())));
                    Ok(())
                }),
            ),
            GetSetDef::new("__isabstractmethod__", property_isabstract, None),
        ],
    );
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("getter", |vm, o, a, k| copy_with(vm, o, a, k, 0)),
            MethodDef::method("setter", |vm, o, a, k| copy_with(vm, o, a, k, 1)),
            MethodDef::method("deleter", |vm, o, a, k| copy_with(vm, o, a, k, 2)),
            MethodDef::method("__set_name__", property_set_name),
        ],
    );
}

fn data(o: &Obj) -> &PropertyData {
    o.payload::<PropertyData>().expect("a property")
}

fn empty() -> PropertyData {
    PropertyData {
        fget: ObjCell::new(None),
        fset: ObjCell::new(None),
        fdel: ObjCell::new(None),
        doc: ObjCell::new(None),
        name: ObjCell::new(None),
        getter_doc: std::cell::Cell::new(false),
    }
}

fn property_new(_vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(alloc_object(cls, empty()))
}

fn property_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let a = crate::args::parse(vm, "property", args, kwnames, &["fget", "fset", "fdel", "doc"], 0)?;
    let nn = |v: &Option<Obj>| v.clone().filter(|x| !vm.is_none(x));
    let d = data(o);
    d.fget.set(nn(&a[0]));
    d.fset.set(nn(&a[1]));
    d.fdel.set(nn(&a[2]));
    let mut doc = nn(&a[3]);
    d.getter_doc.set(false);
    if doc.is_none() {
        if let Some(g) = d.fget.get() {
            if let Some(gd) = vm.getattr_str_opt(&g, "__doc__")? {
                if !vm.is_none(&gd) {
                    doc = Some(gd);
                    d.getter_doc.set(true);
                }
            }
        }
    }
    if o.type_is(&vm.ctx.types.property) {
        d.doc.set(doc);
    } else {
        // Subclasses keep the doc (None included) in the instance dict, or
        // the subclass's own __doc__ would shadow it (as CPython).
        vm.setattr_str(o, "__doc__", &doc.unwrap_or_else(|| vm.none()))?;
    }
    Ok(())
}

/// The AttributeError of a missing getter, setter or deleter, worded as
/// CPython's: the property's name (repr) and the owner's qualified name.
fn missing_accessor(vm: &Vm, p: &Obj, obj: &Obj, what: &str) -> PyResult<crate::vm::PyErr> {
    let qualname = crate::objects::type_::type_qualname(vm, &obj.class_obj());
    let owner = vm.repr_string(&vm.new_str(&qualname))?;
    let msg = match data(p).name.get() {
        Some(n) => format!("property {} of {} object has no {}", vm.repr_string(&n)?, owner, what),
        None => format!("property of {} object has no {}", owner, what),
    };
    Ok(vm.attribute_error(msg))
}

fn property_get(vm: &Vm, p: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    let Some(obj) = obj.filter(|o| !vm.is_none(o)) else { return Ok(p.clone()) };
    match data(p).fget.get() {
        Some(f) => vm.call(&f, std::slice::from_ref(obj), None),
        None => Err(missing_accessor(vm, p, obj, "getter")?),
    }
}

fn property_set(vm: &Vm, p: &Obj, obj: &Obj, value: Option<&Obj>) -> PyResult<()> {
    let d = data(p);
    let (f, what) = match value {
        Some(_) => (d.fset.get(), "setter"),
        None => (d.fdel.get(), "deleter"),
    };
    let Some(f) = f else { return Err(missing_accessor(vm, p, obj, what)?) };
    match value {
        // A Python setter gets its frame without an argument array.
        Some(v) if f.type_is(&vm.ctx.types.function) => {
            crate::eval::call::call_function_with_self(vm, &f, obj, std::slice::from_ref(v), None)?
        }
        Some(v) => vm.call(&f, &[obj.clone(), v.clone()], None)?,
        None => vm.call(&f, std::slice::from_ref(obj), None)?,
    };
    Ok(())
}

fn copy_with(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>, which: usize) -> PyResult<Obj> {
    let [f] = crate::args::exact::<1>(vm, ["getter", "setter", "deleter"][which], args, kwnames)?;
    let d = data(o);
    let pick = |i: usize, cell: &ObjCell| if i == which { Some(f.clone()) } else { cell.get() };
    let fget = pick(0, &d.fget);
    let fset = pick(1, &d.fset);
    let fdel = pick(2, &d.fdel);
    // A doc taken from the getter is taken again from the (new) getter.
    let doc = if d.getter_doc.get() && fget.is_some() { None } else { d.doc.get() };
    let none = || vm.none();
    let new = vm.call(
        &o.class_obj(),
        &[fget.unwrap_or_else(none), fset.unwrap_or_else(none), fdel.unwrap_or_else(none), doc.unwrap_or_else(none)],
        None,
    )?;
    if let Some(p) = new.payload::<PropertyData>() {
        p.name.set(d.name.get());
    }
    Ok(new)
}

fn property_set_name(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "__set_name__", kwnames)?;
    if args.len() != 2 {
        let n = args.len();
        return Err(vm.type_error(format!("__set_name__() takes 2 positional arguments but {n} were given")));
    }
    data(o).name.set(Some(args[1].clone()));
    Ok(vm.none())
}

fn property_isabstract(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    vm.with_native_depth(|| {
        let d = data(o);
        for f in [d.fget.get(), d.fset.get(), d.fdel.get()].into_iter().flatten() {
            if let Some(v) = vm.getattr_str_opt(&f, "__isabstractmethod__")? {
                if vm.is_true(&v)? {
                    return Ok(vm.bool_obj(true));
                }
            }
        }
        Ok(vm.bool_obj(false))
    })
}
