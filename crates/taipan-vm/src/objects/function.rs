//! `function`, `staticmethod` and `classmethod` (CPython's
//! `Objects/funcobject.c`).

use std::cell::Cell;

use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{code, dict, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

pub(crate) struct FunctionData {
    pub code: ObjCell,
    pub globals: Obj,
    pub builtins: Obj,
    pub name: ObjCell,
    pub qualname: ObjCell,
    /// A tuple, or None.
    pub defaults: ObjCell,
    /// A dict, or None.
    pub kwdefaults: ObjCell,
    /// A tuple of cells, if the code has free variables.
    pub closure: ObjCell,
    pub doc: ObjCell,
    pub module: ObjCell,
    /// A dict, or None until first asked for.
    pub annotations: ObjCell,
    /// CPython's `func_version`: unique across functions, 0 until asked for
    /// and again after `__code__`/`__defaults__`/`__kwdefaults__` change, so
    /// a call site specialized for one version calls the same code the same way.
    pub version: Cell<u32>,
}
static NEXT_FUNC_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl PyPayload for FunctionData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.globals);
        visit(&self.builtins);
        self.code.with(|v| v.map_or((), &mut *visit));
        self.name.with(|v| v.map_or((), &mut *visit));
        self.qualname.with(|v| v.map_or((), &mut *visit));
        self.defaults.with(|v| v.map_or((), &mut *visit));
        self.kwdefaults.with(|v| v.map_or((), &mut *visit));
        self.closure.with(|v| v.map_or((), &mut *visit));
        self.doc.with(|v| v.map_or((), &mut *visit));
        self.module.with(|v| v.map_or((), &mut *visit));
        self.annotations.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.version.set(0);
        self.defaults.set(None);
        self.kwdefaults.set(None);
        self.closure.set(None);
        self.doc.set(None);
        self.module.set(None);
        self.annotations.set(None);
    }
}

impl FunctionData {
    /// The function's version, assigned now if it has none (0 once the
    /// 32-bit space is used up: such functions are not specialized for).
    pub(crate) fn func_version(&self) -> u32 {
        let v = self.version.get();
        if v != 0 {
            return v;
        }
        use std::sync::atomic::Ordering::Relaxed;
        let v = NEXT_FUNC_VERSION.load(Relaxed);
        if v == u32::MAX {
            return 0;
        }
        NEXT_FUNC_VERSION.store(v + 1, Relaxed);
        self.version.set(v);
        v
    }

    /// The code object (always set).
    #[inline]
    pub(crate) fn code(&self) -> Obj {
        self.code.with(|c| {
            debug_assert!(c.is_some());
            // SAFETY: a function is made with a code object, `__code__` can
            // only be replaced by another one, and `tp_clear` leaves it.
            unsafe { c.unwrap_unchecked() }.clone()
        })
    }
}

pub(crate) fn type_object() -> TypeObject {
    let mut t = TypeObject::new::<FunctionData>(
        "function",
        std::mem::size_of::<PyCell<FunctionData>>(),
        true,
        flags::METHOD_DESCRIPTOR | flags::IMMUTABLETYPE,
    )
    .with_dict()
    .with_weaklist();
    t.doc = Some("Create a function object.\n\n  code\n    a code object\n  globals\n    the globals dictionary\n  name\n    a string that overrides the name from the code object\n  argdefs\n    a tuple that specifies the default argument values\n  closure\n    a tuple that supplies the bindings for free variables");
    t.slots.repr.set(Some(function_repr));
    t.slots.call.set(Some(crate::eval::call::call_function));
    t.slots.descr_get.set(Some(function_get));
    t.slots.new.set(Some(function_new));
    t.mark_container::<FunctionData>();
    t
}

pub(crate) fn staticmethod_type_object() -> TypeObject {
    let mut t = TypeObject::new::<WrapperFuncData>(
        "staticmethod",
        std::mem::size_of::<PyCell<WrapperFuncData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    )
    .with_dict();
    t.doc = Some("staticmethod(function) -> method\n\nConvert a function to be a static method.");
    t.slots.descr_get.set(Some(staticmethod_get));
    t.slots.call.set(Some(staticmethod_call));
    t.slots.new.set(Some(wrapper_new));
    t.slots.init.set(Some(wrapper_init));
    t.slots.repr.set(Some(staticmethod_repr));
    t
}

pub(crate) fn classmethod_type_object() -> TypeObject {
    let mut t = TypeObject::new::<WrapperFuncData>(
        "classmethod",
        std::mem::size_of::<PyCell<WrapperFuncData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    )
    .with_dict();
    t.doc = Some("classmethod(function) -> method\n\nConvert a function to be a class method.");
    t.slots.descr_get.set(Some(classmethod_get));
    t.slots.new.set(Some(wrapper_new));
    t.slots.init.set(Some(wrapper_init));
    t.slots.repr.set(Some(classmethod_repr));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.function;
    // Read-only members in CPython (types.MemberDescriptorType is the type
    // of function.__globals__).
    crate::objects::descriptor::add_native_members(
        vm,
        ty,
        &[
            ("__globals__", |_, o| Ok(func_of(o).globals.clone()), None),
            ("__builtins__", |_, o| Ok(func_of(o).builtins.clone()), None),
            ("__closure__", |vm, o| Ok(func_of(o).closure.get().unwrap_or_else(|| vm.none())), None),
        ],
    );
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("__code__", |_, o| Ok(func_of(o).code()), Some(set_code)),
            GetSetDef::new("__name__", |vm, o| Ok(func_of(o).name.get().unwrap_or_else(|| vm.none())), Some(set_name)),
            GetSetDef::new(
                "__qualname__",
                |vm, o| Ok(func_of(o).qualname.get().unwrap_or_else(|| vm.none())),
                Some(set_qualname),
            ),
            GetSetDef::new(
                "__defaults__",
                |vm, o| Ok(func_of(o).defaults.get().unwrap_or_else(|| vm.none())),
                Some(set_defaults),
            ),
            GetSetDef::new(
                "__kwdefaults__",
                |vm, o| Ok(func_of(o).kwdefaults.get().unwrap_or_else(|| vm.none())),
                Some(set_kwdefaults),
            ),
            GetSetDef::new("__doc__", |vm, o| Ok(func_of(o).doc.get().unwrap_or_else(|| vm.none())), Some(set_doc)),
            GetSetDef::new(
                "__module__",
                |vm, o| Ok(func_of(o).module.get().unwrap_or_else(|| vm.none())),
                Some(|vm, o, v| {
                    func_of(o).module.set(Some(v.cloned().unwrap_or_else(|| vm.none())));
                    Ok(())
                }),
            ),
            GetSetDef::new("__annotations__", get_annotations, Some(set_annotations)),
            GetSetDef::new(
                "__dict__",
                crate::objects::class::get_dict_attr,
                Some(crate::objects::class::set_dict_attr),
            ),
        ],
    );
    for ty in [&vm.ctx.types.staticmethod, &vm.ctx.types.classmethod] {
        add_getsets(
            vm,
            ty,
            &[
                GetSetDef::new("__func__", |vm, o| Ok(wrapped_of(o).callable.get().unwrap_or_else(|| vm.none())), None),
                GetSetDef::new(
                    "__wrapped__",
                    |vm, o| Ok(wrapped_of(o).callable.get().unwrap_or_else(|| vm.none())),
                    None,
                ),
                GetSetDef::new("__isabstractmethod__", wrapper_isabstract, None),
                GetSetDef::new(
                    "__dict__",
                    crate::objects::class::get_dict_attr,
                    Some(crate::objects::class::set_dict_attr),
                ),
            ],
        );
    }
    add_methods(vm, &vm.ctx.types.function, &[]);
    let _ = MethodDef::method;
}

#[inline]
pub(crate) fn func_of(o: &Obj) -> &FunctionData {
    o.payload::<FunctionData>().expect("a function")
}

/// Make a function from a code object (`MAKE_FUNCTION`).
pub(crate) fn new_function(vm: &Vm, code_obj: Obj, globals: Obj, qualname: Option<Obj>) -> Obj {
    let c = code::code_of(&code_obj);
    let name = c.name.clone();
    let qualname = qualname.unwrap_or_else(|| c.qualname.clone());
    // The docstring is the first constant of a function whose body starts with one.
    let doc = match c.consts.first() {
        Some(d) if pystr::data(d).is_some() && c.co.flags & taipan_compiler::code::flags::OPTIMIZED != 0 => d.clone(),
        _ => vm.none(),
    };
    let hints = &vm.thread.func_globals_hints;
    let module = dict::data(&globals).and_then(|g| g.get_str_hinted(vm, &vm.ctx.names.dunder_name, &hints[0]));
    let builtins = crate::eval::call::builtins_from_globals_hinted(vm, &globals, &hints[1]);
    alloc_object(
        &vm.ctx.types.function,
        FunctionData {
            code: ObjCell::some(code_obj),
            globals,
            builtins,
            name: ObjCell::some(name),
            qualname: ObjCell::some(qualname),
            defaults: ObjCell::new(None),
            kwdefaults: ObjCell::new(None),
            closure: ObjCell::new(None),
            doc: ObjCell::some(doc),
            module: ObjCell::new(module),
            annotations: ObjCell::new(None),
            version: Cell::new(0),
        },
    )
}

/// Build a function with its extras (`MAKE_FUNCTION` flags).
pub(crate) fn new_function_full(
    vm: &Vm,
    code_obj: Obj,
    globals: Obj,
    defaults: Option<Obj>,
    kwdefaults: Option<Obj>,
    annotations: Option<Obj>,
    closure: Option<Obj>,
) -> Obj {
    let f = new_function(vm, code_obj, globals, None);
    // The payload is freshly made and not shared yet: fill in the extras.
    let fd = func_of(&f);
    fd.defaults.set(defaults);
    fd.kwdefaults.set(kwdefaults);
    fd.annotations.set(annotations);
    fd.closure.set(closure);
    f
}

fn function_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let q = func_of(o).qualname.get().map(|q| pystr::as_str_lossy(&q).into_owned()).unwrap_or_default();
    Ok(vm.new_str_from_string(format!("<function {} at {:#x}>", q, o.id())))
}

fn function_get(vm: &Vm, f: &Obj, obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    match obj {
        None => Ok(f.clone()),
        Some(o) if vm.is_none(o) && _owner.is_some() => Ok(f.clone()),
        Some(o) => Ok(crate::objects::method::new_method(vm, f.clone(), o.clone())),
    }
}

fn function_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "function", args, kwnames, &["code", "globals", "name", "argdefs", "closure"], 2)?;
    let code_obj = a[0].clone().expect("required");
    if !code_obj.has_payload::<code::CodeData>() {
        return Err(vm.type_error(format!("function() argument 'code' must be code, not {}", code_obj.class().name())));
    }
    let globals = a[1].clone().expect("required");
    if dict::data(&globals).is_none() {
        return Err(
            vm.type_error(format!("function() argument 'globals' must be dict, not {}", globals.class().name()))
        );
    }
    let name = a[2].clone().filter(|n| !vm.is_none(n));
    if name.as_ref().is_some_and(|n| pystr::data(n).is_none()) {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = a[3].clone().filter(|d| !vm.is_none(d));
    if defaults.as_ref().is_some_and(|d| !d.has_payload::<tuple::TupleData>()) {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = a[4].clone().filter(|c| !vm.is_none(c));
    check_closure(vm, &code_obj, closure.as_ref())?;
    let f = new_function_full(vm, code_obj, globals, defaults, None, None, closure);
    if let Some(n) = name {
        func_of(&f).name.set(Some(n));
    }
    Ok(f)
}

/// The number of free variables of a code object.
pub(crate) fn code_nfree(c: &Obj) -> usize {
    code::code_of(c).localspluskinds.iter().filter(|&&k| k & taipan_compiler::code::local_kind::FREE != 0).count()
}

/// A closure for `code` is a tuple of exactly its number of cells
/// (CPython's checks in `func_new_impl`).
fn check_closure(vm: &Vm, code_obj: &Obj, closure: Option<&Obj>) -> PyResult<()> {
    let nfree = code_nfree(code_obj);
    let items: &[Obj] = match closure {
        Some(c) if c.has_payload::<tuple::TupleData>() => tuple::items(c),
        Some(_) => return Err(vm.type_error("arg 5 (closure) must be None or tuple")),
        None if nfree > 0 => return Err(vm.type_error("arg 5 (closure) must be tuple")),
        None => &[],
    };
    if items.len() != nfree {
        return Err(vm.value_error(format!(
            "{} requires closure of length {}, not {}",
            pystr::as_str_lossy(&code::code_of(code_obj).name),
            nfree,
            items.len()
        )));
    }
    for o in items {
        if !o.has_payload::<crate::objects::cell::CellData>() {
            return Err(vm.type_error(format!("arg 5 (closure) expected cell, found {}", o.class().name())));
        }
    }
    Ok(())
}

fn set_code(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(c) if c.has_payload::<code::CodeData>() => {
            let f = func_of(o);
            let nfree = code::code_of(c)
                .localspluskinds
                .iter()
                .filter(|&&k| k & taipan_compiler::code::local_kind::FREE != 0)
                .count();
            let nclosure = f.closure.get().map_or(0, |c| tuple::len(&c));
            if nfree != nclosure {
                return Err(vm.value_error(format!(
                    "{}() requires a code object with {} free vars, not {}",
                    pystr::as_str_lossy(&f.name.get().unwrap_or_else(|| vm.none())),
                    nclosure,
                    nfree
                )));
            }
            f.code.set(Some(c.clone()));
            f.version.set(0);
            Ok(())
        }
        _ => Err(vm.type_error("__code__ must be set to a code object")),
    }
}

fn set_name(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(n) if pystr::data(n).is_some() => {
            func_of(o).name.set(Some(n.clone()));
            Ok(())
        }
        _ => Err(vm.type_error("__name__ must be set to a string object")),
    }
}

fn set_qualname(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(n) if pystr::data(n).is_some() => {
            func_of(o).qualname.set(Some(n.clone()));
            Ok(())
        }
        _ => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}

fn set_defaults(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let f = func_of(o);
    match v {
        None => f.defaults.set(None),
        Some(d) if vm.is_none(d) => f.defaults.set(None),
        Some(d) if d.has_payload::<tuple::TupleData>() => f.defaults.set(Some(d.clone())),
        Some(_) => return Err(vm.type_error("__defaults__ must be set to a tuple object")),
    }
    f.version.set(0);
    Ok(())
}

fn set_kwdefaults(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let f = func_of(o);
    match v {
        None => f.kwdefaults.set(None),
        Some(d) if vm.is_none(d) => f.kwdefaults.set(None),
        Some(d) if dict::data(d).is_some() => f.kwdefaults.set(Some(d.clone())),
        Some(_) => return Err(vm.type_error("__kwdefaults__ must be set to a dict object")),
    }
    f.version.set(0);
    Ok(())
}

fn set_doc(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    func_of(o).doc.set(Some(v.cloned().unwrap_or_else(|| vm.none())));
    Ok(())
}

fn get_annotations(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = func_of(o);
    if let Some(a) = f.annotations.get() {
        // MAKE_FUNCTION stores a flat tuple (name, value, ...): make a dict.
        if let Some(t) = a.payload::<tuple::TupleData>() {
            let d = vm.new_dict();
            for pair in t.items().chunks(2) {
                if let [k, v] = pair {
                    dict::set_item(vm, &d, k.clone(), v.clone())?;
                }
            }
            f.annotations.set(Some(d.clone()));
            return Ok(d);
        }
        return Ok(a);
    }
    let d = vm.new_dict();
    f.annotations.set(Some(d.clone()));
    Ok(d)
}

fn set_annotations(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        None => func_of(o).annotations.set(None),
        Some(d) if vm.is_none(d) => func_of(o).annotations.set(None),
        Some(d) if dict::data(d).is_some() => func_of(o).annotations.set(Some(d.clone())),
        Some(_) => return Err(vm.type_error("__annotations__ must be set to a dict object")),
    }
    Ok(())
}

// ---- staticmethod / classmethod ---------------------------------------------------------------

pub(crate) struct WrapperFuncData {
    pub callable: ObjCell,
}
impl PyPayload for WrapperFuncData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.callable.with(|v| v.map_or((), &mut *visit));
    }
    fn clear(&self) {
        self.callable.set(None);
    }
}

fn wrapped_of(o: &Obj) -> &WrapperFuncData {
    o.payload::<WrapperFuncData>().expect("staticmethod/classmethod")
}

/// The callable a staticmethod wraps (None while uninitialized).
pub(crate) fn staticmethod_callable(sm: &Obj) -> Option<Obj> {
    sm.payload::<WrapperFuncData>()?.callable.get()
}

pub(crate) fn new_staticmethod(vm: &Vm, f: Obj) -> Obj {
    alloc_object(&vm.ctx.types.staticmethod, WrapperFuncData { callable: ObjCell::some(f) })
}

pub(crate) fn new_classmethod(vm: &Vm, f: Obj) -> Obj {
    alloc_object(&vm.ctx.types.classmethod, WrapperFuncData { callable: ObjCell::some(f) })
}

fn wrapper_new(_vm: &Vm, cls: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(alloc_object(cls, WrapperFuncData { callable: ObjCell::new(None) }))
}

fn wrapper_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let name = o.class().name().to_string();
    crate::args::no_kwargs(vm, &name, kwnames)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got {}", args.len())));
    }
    let f = &args[0];
    wrapped_of(o).callable.set(Some(f.clone()));
    // Copy the wrapped function's metadata (functools.update_wrapper's list).
    if let Some(d) = o.instance_dict().or_else(|| {
        let d = vm.new_dict();
        o.set_instance_dict(Some(d.clone())).then_some(d)
    }) {
        for attr in ["__module__", "__name__", "__qualname__", "__doc__"] {
            if let Ok(Some(v)) = vm.getattr_str_opt(f, attr) {
                dict::set_item_str(vm, &d, attr, v)?;
            }
        }
        if let Ok(Some(v)) = vm.getattr_str_opt(f, "__annotations__") {
            dict::set_item_str(vm, &d, "__annotations__", v)?;
        }
    }
    Ok(())
}

fn wrapper_isabstract(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    vm.with_native_depth(|| match wrapped_of(o).callable.get() {
        Some(f) => match vm.getattr_str_opt(&f, "__isabstractmethod__")? {
            Some(v) => Ok(vm.bool_obj(vm.is_true(&v)?)),
            None => Ok(vm.bool_obj(false)),
        },
        None => Ok(vm.bool_obj(false)),
    })
}

fn uninitialized(vm: &Vm, o: &Obj) -> crate::vm::PyErr {
    vm.runtime_error(format!("uninitialized {} object", o.class().name()))
}

fn staticmethod_get(vm: &Vm, sm: &Obj, _obj: Option<&Obj>, _owner: Option<&Obj>) -> PyResult<Obj> {
    vm.with_native_depth(|| wrapped_of(sm).callable.get().ok_or_else(|| uninitialized(vm, sm)))
}

fn staticmethod_call(vm: &Vm, sm: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    vm.with_recursion(" while calling a Python object", || {
        let f = wrapped_of(sm).callable.get().ok_or_else(|| uninitialized(vm, sm))?;
        vm.call(&f, args, kwnames)
    })
}

fn classmethod_get(vm: &Vm, cm: &Obj, obj: Option<&Obj>, owner: Option<&Obj>) -> PyResult<Obj> {
    vm.with_native_depth(|| {
        let f = wrapped_of(cm).callable.get().ok_or_else(|| uninitialized(vm, cm))?;
        let cls = match owner {
            Some(c) => c.clone(),
            None => obj.map(|o| o.class_obj()).ok_or_else(|| vm.type_error("classmethod needs a type"))?,
        };
        // 3.9-3.12: a wrapped descriptor is bound through its own __get__.
        if let Some(get) = f.class().slots.descr_get.get() {
            if !f.has_payload::<FunctionData>() {
                return get(vm, &f, Some(&cls), Some(&cls));
            }
        }
        Ok(crate::objects::method::new_method(vm, f, cls))
    })
}

fn staticmethod_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = wrapped_of(o).callable.get().unwrap_or_else(|| vm.none());
    Ok(vm.new_str_from_string(format!("<staticmethod({})>", vm.repr_string(&f)?)))
}

fn classmethod_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = wrapped_of(o).callable.get().unwrap_or_else(|| vm.none());
    Ok(vm.new_str_from_string(format!("<classmethod({})>", vm.repr_string(&f)?)))
}
