//! The AST as Python objects (CPython's `Python/Python-ast.c` and the
//! validator of `Python/ast.c`): the node classes of `_ast`, the conversion
//! of a parsed tree into node objects (`compile(..., PyCF_ONLY_AST)`,
//! `ast.parse`) and back (`compile(tree, ...)`), with CPython's errors for
//! trees built or changed by hand.
//!
//! The classes belong to the interpreter, made on first use (CPython's
//! `ast_state`); the `_ast` module of taipan-stdlib only shows them.

mod ast2obj;
mod ast2obj_support;
mod classes;
mod obj2ast;
mod obj2ast_support;
mod validate;

use crate::object::Obj;
use crate::objects::descriptor::{MethodDef, MethodDescrData};
use crate::objects::{dict, tuple};
use crate::vm::{PyResult, Vm};
use classes::{Class, CLASSES};
use taipan_syntax::ast::Mod;

/// `PyCF_ONLY_AST`: `compile()` returns the AST instead of code.
pub const PY_CF_ONLY_AST: u32 = 0x400;
/// `PyCF_TYPE_COMMENTS`: the parser keeps `# type:` comments.
pub const PY_CF_TYPE_COMMENTS: u32 = 0x1000;
/// `PyCF_ALLOW_INCOMPLETE_INPUT` (codeop's compile flag).
pub(crate) const PY_CF_ALLOW_INCOMPLETE_INPUT: u32 = 0x4000;
/// `PyCF_DONT_IMPLY_DEDENT` (codeop's compile flag).
pub(crate) const PY_CF_DONT_IMPLY_DEDENT: u32 = 0x200;
/// `PyCF_ALLOW_TOP_LEVEL_AWAIT`: `await` and `async for/with` at top level.
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;

/// One node class: what `Python-ast.c`'s `make_type` gets.
pub(crate) struct ClassSpec {
    pub(crate) name: &'static str,
    pub(crate) base: Option<Class>,
    pub(crate) fields: &'static [&'static str],
    /// `_attributes`, when the class defines it (abstract bases and
    /// products with positions).
    pub(crate) attributes: Option<&'static [&'static str]>,
    /// Optional fields and attributes: None as a class attribute.
    pub(crate) none_defaults: &'static [&'static str],
    pub(crate) doc: Option<&'static str>,
}

/// The key of the class tuple in `Interpreter::lazy_types`.
const CLASSES_KEY: &str = "_ast classes";
/// The key of the tuple of singletons (`Load()`, `Add()`, ...), indexed as
/// the classes (None where a class has none).
const SINGLETONS_KEY: &str = "_ast singletons";

/// The tuple of node classes, made on first use.
fn class_tuple(vm: &Vm) -> PyResult<Obj> {
    if let Some(t) = vm.lazy_types.borrow().get(CLASSES_KEY) {
        return Ok(t.clone());
    }
    let classes = make_classes(vm)?;
    let singletons = make_singletons(vm, &classes)?;
    let mut lazy = vm.lazy_types.borrow_mut();
    lazy.insert(CLASSES_KEY, classes.clone());
    lazy.insert(SINGLETONS_KEY, singletons);
    Ok(classes)
}

fn singleton_tuple(vm: &Vm) -> PyResult<Obj> {
    class_tuple(vm)?;
    let lazy = vm.lazy_types.borrow();
    lazy.get(SINGLETONS_KEY).cloned().ok_or_else(|| vm.system_error("_ast singletons missing"))
}

/// The node classes by name, in CPython's order (the `_ast` module's
/// contents besides the flags).
pub fn node_classes(vm: &Vm) -> PyResult<Vec<(&'static str, Obj)>> {
    let t = class_tuple(vm)?;
    Ok(CLASSES.iter().zip(tuple::items(&t)).map(|(spec, cls)| (spec.name, cls.clone())).collect())
}

/// Is `o` an instance of `ast.AST` (CPython's `PyAST_Check`)?
pub fn is_ast(vm: &Vm, o: &Obj) -> PyResult<bool> {
    let t = class_tuple(vm)?;
    vm.isinstance(o, &tuple::items(&t)[Class::AST as usize])
}

/// The tree as node objects (CPython's `PyAST_mod2obj`).
pub fn mod_to_object(vm: &Vm, tree: &Mod) -> PyResult<Obj> {
    let cx = ast2obj_support::ToObj::new(vm, class_tuple(vm)?, singleton_tuple(vm)?);
    ast2obj::mod_(&cx, tree)
}

/// What `compile()` wants an AST object to be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AstMode {
    Exec,
    Eval,
    Single,
    FuncType,
}

/// The tree a node object stands for, checked as CPython's
/// `PyAST_obj2mod` and `_PyAST_Validate` check it.
pub fn object_to_mod(vm: &Vm, o: &Obj, mode: AstMode) -> PyResult<Mod> {
    crate::audit::audit(vm, "compile", || vec![o.clone(), vm.none()])?;
    let classes = class_tuple(vm)?;
    let (want, name) = match mode {
        AstMode::Exec => (Class::Module, "Module"),
        AstMode::Eval => (Class::Expression, "Expression"),
        AstMode::Single => (Class::Interactive, "Interactive"),
        AstMode::FuncType => (Class::FunctionType, "FunctionType"),
    };
    if !vm.isinstance(o, &tuple::items(&classes)[want as usize])? {
        return Err(vm.type_error(format!("expected {name} node, got {}", o.class().name())));
    }
    let cx = obj2ast_support::FromObj::new(vm, classes);
    let tree = obj2ast::mod_(&cx, o)?.ok_or_else(|| vm.system_error("AST mod is None"))?;
    validate::validate_mod(vm, &tree)?;
    Ok(tree)
}

fn make_classes(vm: &Vm) -> PyResult<Obj> {
    let mut made: Vec<Obj> = Vec::with_capacity(CLASSES.len());
    for spec in CLASSES {
        let base = match spec.base {
            Some(b) => made[b as usize].clone(),
            None => vm.ctx.types.object.clone(),
        };
        let cls = make_class(vm, spec, &base)?;
        if spec.base.is_none() {
            add_ast_methods(vm, &cls)?;
        }
        made.push(cls);
    }
    Ok(vm.new_tuple(made))
}

fn str_tuple(vm: &Vm, names: &[&str]) -> Obj {
    vm.new_tuple(names.iter().map(|n| vm.intern(n)).collect())
}

/// `type(name, (base,), {...})`, as `Python-ast.c`'s `make_type`.
fn make_class(vm: &Vm, spec: &ClassSpec, base: &Obj) -> PyResult<Obj> {
    let d = vm.new_dict();
    let fields = str_tuple(vm, spec.fields);
    dict::set_item_str(vm, &d, "_fields", fields.clone())?;
    dict::set_item_str(vm, &d, "__match_args__", fields)?;
    dict::set_item_str(vm, &d, "__module__", vm.new_str("ast"))?;
    let doc = spec.doc.map(|s| vm.new_str(s)).unwrap_or_else(|| vm.none());
    dict::set_item_str(vm, &d, "__doc__", doc)?;
    if let Some(attrs) = spec.attributes {
        dict::set_item_str(vm, &d, "_attributes", str_tuple(vm, attrs))?;
    }
    for name in spec.none_defaults {
        dict::set_item_str(vm, &d, name, vm.none())?;
    }
    let bases = vm.new_tuple(vec![base.clone()]);
    vm.call(&vm.ctx.types.type_, &[vm.new_str(spec.name), bases, d], None)
}

const AST_METHODS: &[MethodDef] =
    &[MethodDef::method("__init__", ast_type_init), MethodDef::method("__reduce__", ast_type_reduce)];

fn add_ast_methods(vm: &Vm, cls: &Obj) -> PyResult<()> {
    for def in AST_METHODS {
        let descr = crate::object::alloc_object(
            &vm.ctx.types.method_descriptor,
            MethodDescrData { def: *def, owner: cls.clone() },
        );
        vm.setattr_str(cls, def.name, &descr)?;
    }
    // AST.__new__ ignores its arguments (CPython's PyType_GenericNew), so a
    // subclass with its own __init__ may still call Constant.__new__(cls, 42).
    let def = MethodDef::static_("__new__", ast_type_new);
    let f = crate::objects::builtin_func::new_method_function(vm, &def, Some(cls.clone()));
    vm.setattr_str(cls, "__new__", &crate::objects::function::new_staticmethod(vm, f))?;
    Ok(())
}

/// `AST.__new__(cls, *args, **kwargs)`: a bare instance of `cls`.
fn ast_type_new(vm: &Vm, _m: &Obj, args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    let Some(cls) = args.first() else {
        return Err(vm.type_error("ast.AST.__new__(): not enough arguments"));
    };
    if !vm.is_type(cls) {
        return Err(vm.type_error(format!("ast.AST.__new__(X): X is not a type object ({})", cls.class().name())));
    }
    let object_new = vm.getattr_str(&vm.ctx.types.object, "__new__")?;
    vm.call(&object_new, std::slice::from_ref(cls), None)
}

/// `AST.__init__`: positional arguments fill `_fields` in order, keywords
/// set any attribute (CPython's `ast_type_init`).
fn ast_type_init(vm: &Vm, zelf: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (positional, keywords) = vm.split_kwargs(args, kwnames);
    let cls = zelf.class_obj();
    let fields = match vm.getattr_str_opt(&cls, "_fields")? {
        Some(f) => vm.to_vec(&f)?,
        None => Vec::new(),
    };
    let type_name = zelf.class().name().to_string();
    if positional.len() > fields.len() {
        let n = fields.len();
        return Err(vm.type_error(format!(
            "{type_name} constructor takes at most {n} positional argument{}",
            if n == 1 { "" } else { "s" }
        )));
    }
    for (name, value) in fields.iter().zip(positional) {
        vm.setattr(zelf, name, value)?;
    }
    for (key, value) in keywords {
        if let Some(p) = position_of(vm, &fields, &key)? {
            if p < positional.len() {
                let key = crate::objects::str::as_str_lossy(&key).into_owned();
                return Err(vm.type_error(format!("{type_name} got multiple values for argument '{key}'")));
            }
        }
        vm.setattr(zelf, &key, &value)?;
    }
    Ok(vm.none())
}

fn position_of(vm: &Vm, fields: &[Obj], key: &Obj) -> PyResult<Option<usize>> {
    for (i, f) in fields.iter().enumerate() {
        if vm.eq(f, key)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `AST.__reduce__`: `(type(self), (), self.__dict__)`.
fn ast_type_reduce(vm: &Vm, zelf: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    if !args.is_empty() {
        return Err(vm.type_error(format!("__reduce__() takes no arguments ({} given)", args.len())));
    }
    let cls = zelf.class_obj();
    match vm.getattr_str_opt(zelf, "__dict__")? {
        Some(d) => Ok(vm.new_tuple(vec![cls, vm.new_tuple(vec![]), d])),
        None => Ok(vm.new_tuple(vec![cls, vm.new_tuple(vec![])])),
    }
}

/// One shared instance of each field-less class of the simple sums
/// (`Load`, `Add`, `Eq`, ...), which parsed trees use.
fn make_singletons(vm: &Vm, classes: &Obj) -> PyResult<Obj> {
    let mut out = Vec::with_capacity(CLASSES.len());
    for (spec, cls) in CLASSES.iter().zip(tuple::items(classes)) {
        let simple_sum = matches!(
            spec.base,
            Some(Class::expr_context | Class::boolop | Class::operator | Class::unaryop | Class::cmpop)
        );
        out.push(if simple_sum { vm.call(cls, &[], None)? } else { vm.none() });
    }
    Ok(vm.new_tuple(out))
}
