//! The builtin exception hierarchy (CPython's `Objects/exceptions.c`):
//! `BaseException` with `args`, `__traceback__`, `__context__`,
//! `__cause__`, notes, and the subclasses with extra attributes
//! (`StopIteration.value`, `OSError.errno`, `SyntaxError.lineno`, ...),
//! `ExceptionGroup` with `split`/`subgroup`/`derive`, and the helpers of
//! `except*`.

use std::cell::{Cell, UnsafeCell};
use std::collections::HashMap;

use crate::context::{ExceptionTypes, Types};
use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{dict, list, str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};

pub(crate) struct ExceptionData {
    pub args: ObjCell,
    pub traceback: ObjCell,
    pub context: ObjCell,
    pub cause: ObjCell,
    pub suppress_context: Cell<bool>,
    /// `args` is the tuple `__new__` made and nothing has set it since:
    /// `__init__` with the same arguments keeps it (CPython passes both
    /// one tuple; this saves a second one per exception).
    args_fresh: Cell<bool>,
    /// Attributes of the subclasses (`value`, `errno`, `filename`, ...).
    extra: UnsafeCell<Vec<(&'static str, Obj)>>,
}

impl PyPayload for ExceptionData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for c in [&self.args, &self.traceback, &self.context, &self.cause] {
            c.with(|v| v.map_or((), &mut *visit));
        }
        // SAFETY: read only; no Python code runs.
        for (_, v) in unsafe { (*self.extra.get()).iter() } {
            visit(v);
        }
    }

    fn clear(&self) {
        for c in [&self.args, &self.traceback, &self.context, &self.cause] {
            c.set(None);
        }
        // SAFETY: the values are moved out before they are dropped.
        let old = unsafe { std::mem::take(&mut *self.extra.get()) };
        drop(old);
    }
}

impl ExceptionData {
    fn new(args: Obj) -> ExceptionData {
        ExceptionData {
            args: ObjCell::some(args),
            traceback: ObjCell::new(None),
            context: ObjCell::new(None),
            cause: ObjCell::new(None),
            suppress_context: Cell::new(false),
            args_fresh: Cell::new(false),
            extra: UnsafeCell::new(Vec::new()),
        }
    }
}

fn exc_of(o: &Obj) -> &ExceptionData {
    o.payload::<ExceptionData>().expect("an exception")
}

/// A subclass attribute of an exception (`e.value`, `e.errno`).
pub fn get_extra(e: &Obj, name: &str) -> Option<Obj> {
    let d = e.payload::<ExceptionData>()?;
    // SAFETY: the vector is read and the value cloned out; no Python code runs.
    unsafe { (*d.extra.get()).iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()) }
}

/// Set a subclass attribute of an exception.
pub fn set_extra(e: &Obj, name: &'static str, v: Obj) {
    let Some(d) = e.payload::<ExceptionData>() else { return };
    // SAFETY: the old value is moved out of the vector before it is dropped.
    let old = unsafe {
        let ex = &mut *d.extra.get();
        match ex.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, v)),
            None => {
                ex.push((name, v));
                None
            }
        }
    };
    drop(old);
}

pub fn traceback_of(e: &Obj) -> Option<Obj> {
    e.payload::<ExceptionData>().and_then(|d| d.traceback.get())
}

pub fn set_traceback(e: &Obj, tb: Option<Obj>) {
    if let Some(d) = e.payload::<ExceptionData>() {
        d.traceback.set(tb);
    }
}

pub fn context_of(e: &Obj) -> Option<Obj> {
    e.payload::<ExceptionData>().and_then(|d| d.context.get())
}

pub fn set_context(e: &Obj, c: Option<Obj>) {
    if let Some(d) = e.payload::<ExceptionData>() {
        d.context.set(c);
    }
}

pub(crate) fn cause_of(e: &Obj) -> Option<Obj> {
    e.payload::<ExceptionData>().and_then(|d| d.cause.get())
}

/// `__cause__ = c`, which also sets `__suppress_context__`.
pub(crate) fn set_cause(e: &Obj, c: Option<Obj>) {
    if let Some(d) = e.payload::<ExceptionData>() {
        d.cause.set(c);
        d.suppress_context.set(true);
    }
}

pub(crate) fn suppress_context(e: &Obj) -> bool {
    e.payload::<ExceptionData>().is_some_and(|d| d.suppress_context.get())
}

pub(crate) fn args_of(e: &Obj) -> Obj {
    exc_of(e).args.get().expect("exception args")
}

// ---- the type hierarchy -------------------------------------------------------------------------

/// (name, base name, doc): every builtin exception, parents first.
const HIERARCHY: &[(&str, &str, &str)] = &[
    ("BaseException", "", "Common base class for all exceptions"),
    ("BaseExceptionGroup", "BaseException", "A combination of multiple unrelated exceptions."),
    ("GeneratorExit", "BaseException", "Request that a generator exit."),
    ("KeyboardInterrupt", "BaseException", "Program interrupted by user."),
    ("SystemExit", "BaseException", "Request to exit from the interpreter."),
    ("Exception", "BaseException", "Common base class for all non-exit exceptions."),
    ("ArithmeticError", "Exception", "Base class for arithmetic errors."),
    ("FloatingPointError", "ArithmeticError", "Floating point operation failed."),
    ("OverflowError", "ArithmeticError", "Result too large to be represented."),
    ("ZeroDivisionError", "ArithmeticError", "Second argument to a division or modulo operation was zero."),
    ("AssertionError", "Exception", "Assertion failed."),
    ("AttributeError", "Exception", "Attribute not found."),
    ("BufferError", "Exception", "Buffer error."),
    ("EOFError", "Exception", "Read beyond end of file."),
    ("ExceptionGroup", "BaseExceptionGroup", ""),
    ("ImportError", "Exception", "Import can't find module, or can't find name in module."),
    ("ModuleNotFoundError", "ImportError", "Module not found."),
    ("LookupError", "Exception", "Base class for lookup errors."),
    ("IndexError", "LookupError", "Sequence index out of range."),
    ("KeyError", "LookupError", "Mapping key not found."),
    ("MemoryError", "Exception", "Out of memory."),
    ("NameError", "Exception", "Name not found globally."),
    ("UnboundLocalError", "NameError", "Local name referenced but not bound to a value."),
    ("OSError", "Exception", "Base class for I/O related errors."),
    ("BlockingIOError", "OSError", "I/O operation would block."),
    ("ChildProcessError", "OSError", "Child process error."),
    ("ConnectionError", "OSError", "Connection error."),
    ("BrokenPipeError", "ConnectionError", "Broken pipe."),
    ("ConnectionAbortedError", "ConnectionError", "Connection aborted."),
    ("ConnectionRefusedError", "ConnectionError", "Connection refused."),
    ("ConnectionResetError", "ConnectionError", "Connection reset."),
    ("FileExistsError", "OSError", "File already exists."),
    ("FileNotFoundError", "OSError", "File not found."),
    ("InterruptedError", "OSError", "Interrupted by signal."),
    ("IsADirectoryError", "OSError", "Operation doesn't work on directories."),
    ("NotADirectoryError", "OSError", "Operation only works on directories."),
    ("PermissionError", "OSError", "Not enough permissions."),
    ("ProcessLookupError", "OSError", "Process not found."),
    ("TimeoutError", "OSError", "Timeout expired."),
    ("ReferenceError", "Exception", "Weak ref proxy used after referent went away."),
    ("RuntimeError", "Exception", "Unspecified run-time error."),
    ("NotImplementedError", "RuntimeError", "Method or function hasn't been implemented yet."),
    ("RecursionError", "RuntimeError", "Recursion limit exceeded."),
    ("StopAsyncIteration", "Exception", "Signal the end from iterator.__anext__()."),
    ("StopIteration", "Exception", "Signal the end from iterator.__next__()."),
    ("SyntaxError", "Exception", "Invalid syntax."),
    ("IndentationError", "SyntaxError", "Improper indentation."),
    ("TabError", "IndentationError", "Improper mixture of spaces and tabs."),
    ("SystemError", "Exception", "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version."),
    ("TypeError", "Exception", "Inappropriate argument type."),
    ("ValueError", "Exception", "Inappropriate argument value (of correct type)."),
    ("UnicodeError", "ValueError", "Unicode related error."),
    ("UnicodeDecodeError", "UnicodeError", "Unicode decoding error."),
    ("UnicodeEncodeError", "UnicodeError", "Unicode encoding error."),
    ("UnicodeTranslateError", "UnicodeError", "Unicode translation error."),
    ("Warning", "Exception", "Base class for warning categories."),
    ("BytesWarning", "Warning", "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str."),
    ("DeprecationWarning", "Warning", "Base class for warnings about deprecated features."),
    ("EncodingWarning", "Warning", "Base class for warnings about encodings."),
    ("FutureWarning", "Warning", "Base class for warnings about constructs that will change semantically\nin the future."),
    ("ImportWarning", "Warning", "Base class for warnings about probable mistakes in module imports"),
    ("PendingDeprecationWarning", "Warning", "Base class for warnings about features which will be deprecated\nin the future."),
    ("ResourceWarning", "Warning", "Base class for warnings about resource usage."),
    ("RuntimeWarning", "Warning", "Base class for warnings about dubious runtime behavior."),
    ("SyntaxWarning", "Warning", "Base class for warnings about dubious syntax."),
    ("UnicodeWarning", "Warning", "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems."),
    ("UserWarning", "Warning", "Base class for warnings generated by user code."),
];

/// Create the exception types (bases set; dicts and MROs come later).
pub(crate) fn create_types(types: &Types) -> ExceptionTypes {
    let mut by_name: HashMap<&'static str, Obj> = HashMap::new();
    for &(name, base, doc) in HIERARCHY {
        let mut t = TypeObject::new::<ExceptionData>(
            name,
            std::mem::size_of::<PyCell<ExceptionData>>(),
            true,
            flags::BASETYPE | flags::BASE_EXC_SUBCLASS | flags::IMMUTABLETYPE,
        )
        .with_dict();
        if !doc.is_empty() {
            t.doc = Some(doc);
        }
        let s = &t.slots;
        match name {
            "BaseException" => {
                s.new.set(Some(exc_new));
                s.init.set(Some(exc_init));
                s.repr.set(Some(exc_repr));
                s.str.set(Some(exc_str));
            }
            "StopIteration"
            | "SystemExit"
            | "ImportError"
            | "NameError"
            | "AttributeError"
            | "OSError"
            | "SyntaxError"
            | "UnicodeDecodeError"
            | "UnicodeEncodeError"
            | "UnicodeTranslateError" => {
                s.init.set(Some(special_init));
            }
            _ => {}
        }
        match name {
            "KeyError" => s.str.set(Some(keyerror_str)),
            "ImportError" => s.str.set(Some(importerror_str)),
            "OSError" => {
                s.str.set(Some(oserror_str));
                s.new.set(Some(oserror_new));
            }
            "SyntaxError" => s.str.set(Some(syntaxerror_str)),
            "UnicodeDecodeError" | "UnicodeEncodeError" | "UnicodeTranslateError" => s.str.set(Some(unicode_error_str)),
            "BaseExceptionGroup" => {
                s.new.set(Some(eg_new));
                s.init.set(Some(eg_init));
                s.str.set(Some(eg_str));
            }
            _ => {}
        }
        let ty = crate::context::new_static_type(&types.type_, t);
        if !base.is_empty() {
            let b = by_name.get(base).expect("base exception created first").clone();
            ty.payload::<TypeObject>().expect("type").set_base(Some(b));
        }
        by_name.insert(name, ty);
    }
    let g = |n: &str| by_name.get(n).expect("exception type").clone();
    ExceptionTypes {
        base_exception: g("BaseException"),
        exception: g("Exception"),
        type_error: g("TypeError"),
        value_error: g("ValueError"),
        attribute_error: g("AttributeError"),
        name_error: g("NameError"),
        unbound_local_error: g("UnboundLocalError"),
        index_error: g("IndexError"),
        key_error: g("KeyError"),
        stop_iteration: g("StopIteration"),
        stop_async_iteration: g("StopAsyncIteration"),
        zero_division_error: g("ZeroDivisionError"),
        overflow_error: g("OverflowError"),
        recursion_error: g("RecursionError"),
        runtime_error: g("RuntimeError"),
        not_implemented_error: g("NotImplementedError"),
        system_exit: g("SystemExit"),
        keyboard_interrupt: g("KeyboardInterrupt"),
        generator_exit: g("GeneratorExit"),
        assertion_error: g("AssertionError"),
        import_error: g("ImportError"),
        module_not_found_error: g("ModuleNotFoundError"),
        lookup_error: g("LookupError"),
        memory_error: g("MemoryError"),
        os_error: g("OSError"),
        syntax_error: g("SyntaxError"),
        indentation_error: g("IndentationError"),
        tab_error: g("TabError"),
        system_error: g("SystemError"),
        unicode_error: g("UnicodeError"),
        unicode_decode_error: g("UnicodeDecodeError"),
        unicode_encode_error: g("UnicodeEncodeError"),
        eof_error: g("EOFError"),
        buffer_error: g("BufferError"),
        base_exception_group: g("BaseExceptionGroup"),
        exception_group: g("ExceptionGroup"),
        file_not_found_error: g("FileNotFoundError"),
        deprecation_warning: g("DeprecationWarning"),
        runtime_warning: g("RuntimeWarning"),
        syntax_warning: g("SyntaxWarning"),
        user_warning: g("UserWarning"),
        by_name,
    }
}

/// The builtin exception names in definition order (for `builtins`).
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    HIERARCHY.iter().map(|(n, _, _)| *n)
}

/// Give `ExceptionGroup` its second base (`Exception`) once MROs exist.
fn fix_exception_group(vm: &Vm) {
    let ex = &vm.ctx.exceptions;
    let eg = ex.exception_group.payload::<TypeObject>().expect("type");
    let bases = vec![ex.base_exception_group.clone(), ex.exception.clone()];
    let mro = crate::objects::type_::compute_mro(vm, &ex.exception_group, &bases).expect("ExceptionGroup MRO");
    eg.set_bases(vm.new_tuple(bases));
    eg.set_mro(vm.new_tuple(mro));
    ex.exception.payload::<TypeObject>().expect("type").add_subclass(ex.exception_group.id());
    // CPython creates ExceptionGroup as a class: its dict has these.
    let d = eg.dict();
    dict::set_item_str(vm, &d, "__module__", vm.new_str("builtins")).expect("type dict");
    add_getsets(vm, &ex.exception_group, &[GetSetDef::new("__weakref__", |vm, _| Ok(vm.none()), None)]);
}

pub(crate) fn setup(vm: &Vm) {
    fix_exception_group(vm);
    let ex = &vm.ctx.exceptions;
    let base = &ex.base_exception;
    add_getsets(
        vm,
        base,
        &[
            GetSetDef::new("args", |_, o| Ok(args_of(o)), Some(set_args)),
            GetSetDef::new(
                "__traceback__",
                |vm, o| Ok(traceback_of(o).unwrap_or_else(|| vm.none())),
                Some(set_tb_attr),
            ),
            GetSetDef::new(
                "__context__",
                |vm, o| Ok(context_of(o).unwrap_or_else(|| vm.none())),
                Some(set_context_attr),
            ),
            GetSetDef::new("__cause__", |vm, o| Ok(cause_of(o).unwrap_or_else(|| vm.none())), Some(set_cause_attr)),
            GetSetDef::new(
                "__suppress_context__",
                |vm, o| Ok(vm.bool_obj(suppress_context(o))),
                Some(|vm, o, v| {
                    let b = match v {
                        Some(v) => vm.is_true(v)?,
                        None => false,
                    };
                    exc_of(o).suppress_context.set(b);
                    Ok(())
                }),
            ),
            GetSetDef::new(
                "__dict__",
                crate::objects::class::get_dict_attr,
                Some(crate::objects::class::set_dict_attr),
            ),
        ],
    );
    add_methods(
        vm,
        base,
        &[
            MethodDef::method("with_traceback", exc_with_traceback),
            MethodDef::method("add_note", exc_add_note),
            MethodDef::method("__reduce__", exc_reduce),
            MethodDef::method("__setstate__", exc_setstate),
        ],
    );
    let extra_attr = |ty: &Obj, names: &[&'static str]| {
        for &n in names {
            let (get, set) = extra_accessors(n);
            let def = GetSetDef::new(n, get, Some(set));
            add_getsets(vm, ty, &[def]);
        }
    };
    extra_attr(&ex.stop_iteration, &["value"]);
    extra_attr(&ex.system_exit, &["code"]);
    extra_attr(&ex.import_error, &["msg", "name", "path"]);
    extra_attr(&ex.name_error, &["name"]);
    extra_attr(&ex.attribute_error, &["name", "obj"]);
    extra_attr(&ex.os_error, &["errno", "strerror", "filename", "filename2"]);
    // OSError_reduce and ImportError_reduce are their own methods in CPython.
    for ty in [&ex.os_error, &ex.import_error] {
        add_methods(vm, ty, &[MethodDef::method("__reduce__", exc_reduce)]);
    }
    add_getsets(
        vm,
        &ex.os_error,
        &[GetSetDef::new("characters_written", oserror_chars_written, Some(oserror_set_chars_written))],
    );
    extra_attr(
        &ex.syntax_error,
        &["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"],
    );
    for n in ["UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError"] {
        extra_attr(&ex.by_name[n], &["encoding", "object", "start", "end", "reason"]);
    }
    let eg = &ex.base_exception_group;
    add_getsets(
        vm,
        eg,
        &[
            GetSetDef::new("message", |vm, o| Ok(get_extra(o, "message").unwrap_or_else(|| vm.none())), None),
            GetSetDef::new("exceptions", |vm, o| Ok(get_extra(o, "exceptions").unwrap_or_else(|| vm.none())), None),
        ],
    );
    add_methods(
        vm,
        eg,
        &[
            MethodDef::method("derive", eg_derive),
            MethodDef::method("split", eg_split),
            MethodDef::method("subgroup", eg_subgroup),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
}

/// The getter and setter of an extra exception attribute (`OSError.errno`,
/// `SyntaxError.lineno`, ...), stored in the exception's extras. The names
/// are listed once; each gets its own pair of functions.
fn extra_accessors(name: &'static str) -> (crate::objects::descriptor::GetterFn, crate::objects::descriptor::SetterFn) {
    macro_rules! accessors {
        ($($n:literal),*) => {
            match name {
                $($n => (
                    |vm: &Vm, o: &Obj| Ok(get_extra(o, $n).unwrap_or_else(|| vm.none())),
                    |vm: &Vm, o: &Obj, v: Option<&Obj>| {
                        set_extra(o, $n, v.cloned().unwrap_or_else(|| vm.none()));
                        Ok(())
                    },
                ),)*
                _ => unreachable_extra(name),
            }
        };
    }
    accessors!(
        "value",
        "code",
        "msg",
        "name",
        "path",
        "obj",
        "errno",
        "strerror",
        "filename",
        "filename2",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
        "print_file_and_line",
        "encoding",
        "object",
        "start",
        "end",
        "reason"
    )
}

/// Only the names above are ever registered (at start-up, by `setup`).
#[cold]
fn unreachable_extra(name: &str) -> ! {
    panic!("no accessor for exception attribute {name}")
}

/// An exception instance made without calling the class (for builtin
/// types), with the subclass attributes its arguments imply.
pub(crate) fn new_instance(vm: &Vm, ty: &Obj, args: Obj) -> Obj {
    let e = alloc_object(ty, ExceptionData::new(args.clone()));
    if let Some(family) = extras_family(vm, &e) {
        let items = tuple::items(&args).to_vec();
        let _ = init_family_extras(vm, family, &e, &items, &[]);
    }
    vm.chain_context(&e);
    e
}

fn exc_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let npos = crate::protocol::call::npositional(args, kwnames);
    let data = ExceptionData::new(vm.new_tuple(args[..npos].to_vec()));
    data.args_fresh.set(true);
    Ok(alloc_object(cls, data))
}

fn exc_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", o.class().name())));
    }
    set_init_args(vm, o, args);
    Ok(())
}

/// `self.args = args` of `BaseException.__init__`, keeping the tuple
/// `__new__` made when it holds these very objects.
fn set_init_args(vm: &Vm, o: &Obj, args: &[Obj]) {
    let d = exc_of(o);
    if d.args_fresh.replace(false) {
        let same = d.args.with(|t| {
            t.is_some_and(|t| {
                let items = tuple::items(t);
                items.len() == args.len() && items.iter().zip(args).all(|(a, b)| a.is(b))
            })
        });
        if same {
            return;
        }
    }
    d.args.set(Some(vm.new_tuple(args.to_vec())));
}

/// `__init__` of the subclasses with extra attributes.
fn special_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    // An OSError subclass with its own __new__ is initialised from what
    // that __new__ passed up; __init__'s own arguments are ignored (CPython's
    // oserror_use_init).
    if oserror_new_overridden(vm, o) {
        let passed_up = tuple::items(&args_of(o)).to_vec();
        return init_from(vm, o, &passed_up, Vec::new());
    }
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    init_from(vm, o, pos, kw)
}

/// `special_init` of these positional and keyword arguments.
fn init_from(vm: &Vm, o: &Obj, pos: &[Obj], kw: Vec<(Obj, Obj)>) -> PyResult<()> {
    let is_import = vm.isinstance_type(o, &vm.ctx.exceptions.import_error);
    let is_name = vm.isinstance_type(o, &vm.ctx.exceptions.name_error);
    let is_attr = vm.isinstance_type(o, &vm.ctx.exceptions.attribute_error);
    if !kw.is_empty() {
        for (k, _) in &kw {
            let k = pystr::as_str_lossy(k).into_owned();
            let ok = (is_import && (k == "name" || k == "path"))
                || (is_name && k == "name")
                || (is_attr && (k == "name" || k == "obj"));
            if !ok {
                let fname = o.class().name().to_string();
                if is_import || is_name || is_attr {
                    return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {fname}()")));
                }
                return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
            }
        }
    }
    // OSError keeps only (errno, strerror) in args when given 3 to 5
    // arguments with a filename that is not None (CPython's `oserror_init`);
    // a BlockingIOError's third argument is its characters_written instead.
    let has_filename = pos.get(2).is_some_and(|f| !vm.is_none(f)) && blocking_io_written(vm, o, pos).is_none();
    if vm.isinstance_type(o, &vm.ctx.exceptions.os_error) && (3..=5).contains(&pos.len()) && has_filename {
        exc_of(o).args.set(Some(vm.new_tuple(pos[..2].to_vec())));
    } else {
        exc_of(o).args.set(Some(vm.new_tuple(pos.to_vec())));
    }
    init_extras(vm, o, pos, &kw)
}

fn oserror_new_overridden(vm: &Vm, o: &Obj) -> bool {
    let os_error = &vm.ctx.exceptions.os_error;
    if !vm.isinstance_type(o, os_error) {
        return false;
    }
    os_error
        .payload::<crate::object::typeobj::TypeObject>()
        .is_some_and(|t| o.class().slots.new.id() != t.slots.new.id())
}

/// Fill the subclass attributes from the arguments.
fn init_extras(vm: &Vm, o: &Obj, pos: &[Obj], kw: &[(Obj, Obj)]) -> PyResult<()> {
    match extras_family(vm, o) {
        Some(family) => init_family_extras(vm, family, o, pos, kw),
        None => Ok(()),
    }
}

/// The builtin exception families whose instances carry extra attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ExtrasFamily {
    StopIteration,
    SystemExit,
    ImportError,
    NameOrAttributeError,
    OsError,
    SyntaxError,
    UnicodeError,
}

/// The family of `o`'s type, found in one walk over its MRO (most
/// exceptions belong to none: KeyError, ValueError, user classes), with
/// the precedence `init_family_extras` always had when a type is in two.
fn extras_family(vm: &Vm, o: &Obj) -> Option<ExtrasFamily> {
    let ex = &vm.ctx.exceptions;
    let families = [
        (&ex.stop_iteration, ExtrasFamily::StopIteration),
        (&ex.system_exit, ExtrasFamily::SystemExit),
        (&ex.import_error, ExtrasFamily::ImportError),
        (&ex.name_error, ExtrasFamily::NameOrAttributeError),
        (&ex.attribute_error, ExtrasFamily::NameOrAttributeError),
        (&ex.os_error, ExtrasFamily::OsError),
        (&ex.syntax_error, ExtrasFamily::SyntaxError),
        (&ex.unicode_error, ExtrasFamily::UnicodeError),
    ];
    let mut found: Option<usize> = None;
    let mut note = |t: &Obj| {
        if let Some(i) = families.iter().position(|(f, _)| t.is(f)) {
            found = Some(found.map_or(i, |j| j.min(i)));
        }
    };
    match o.class().mro_opt() {
        Some(mro) => tuple::items(&mro).iter().for_each(&mut note),
        None => note(&o.class_obj()),
    }
    found.map(|i| families[i].1)
}

/// Fill the attributes of `family` from the arguments.
fn init_family_extras(vm: &Vm, family: ExtrasFamily, o: &Obj, pos: &[Obj], kw: &[(Obj, Obj)]) -> PyResult<()> {
    let ex = &vm.ctx.exceptions;
    let is = |t: &Obj| vm.isinstance_type(o, t);
    let none = || vm.none();
    if family == ExtrasFamily::StopIteration {
        set_extra(o, "value", pos.first().cloned().unwrap_or_else(none));
    } else if family == ExtrasFamily::SystemExit {
        let code = match pos.len() {
            0 => vm.none(),
            1 => pos[0].clone(),
            _ => vm.new_tuple(pos.to_vec()),
        };
        set_extra(o, "code", code);
    } else if family == ExtrasFamily::ImportError {
        set_extra(o, "msg", if pos.len() == 1 { pos[0].clone() } else { vm.none() });
        let find = |n: &str| kw.iter().find(|(k, _)| pystr::as_str(k) == Some(n)).map(|(_, v)| v.clone());
        set_extra(o, "name", find("name").unwrap_or_else(none));
        set_extra(o, "path", find("path").unwrap_or_else(none));
    } else if family == ExtrasFamily::NameOrAttributeError {
        let find = |n: &str| kw.iter().find(|(k, _)| pystr::as_str(k) == Some(n)).map(|(_, v)| v.clone());
        if let Some(n) = find("name") {
            set_extra(o, "name", n);
        } else if get_extra(o, "name").is_none() {
            set_extra(o, "name", vm.none());
        }
        if is(&ex.attribute_error) {
            if let Some(n) = find("obj") {
                set_extra(o, "obj", n);
            } else if get_extra(o, "obj").is_none() {
                set_extra(o, "obj", vm.none());
            }
        }
    } else if family == ExtrasFamily::OsError {
        let (errno, strerror, filename, filename2) = if (2..=5).contains(&pos.len()) {
            (pos[0].clone(), pos[1].clone(), pos.get(2).cloned(), pos.get(4).cloned())
        } else {
            (vm.none(), vm.none(), None, None)
        };
        set_extra(o, "errno", errno);
        set_extra(o, "strerror", strerror);
        if let Some(written) = blocking_io_written(vm, o, pos) {
            set_extra(o, "characters_written", vm.new_int(written_count(vm, &written)?));
            set_extra(o, "filename", vm.none());
            set_extra(o, "filename2", vm.none());
            return Ok(());
        }
        let filename = filename.filter(|f| !vm.is_none(f));
        let filename2 = if filename.is_some() { filename2 } else { None };
        set_extra(o, "filename", filename.unwrap_or_else(none));
        set_extra(o, "filename2", filename2.unwrap_or_else(none));
    } else if family == ExtrasFamily::SyntaxError {
        for n in ["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"] {
            set_extra(o, n, vm.none());
        }
        if let Some(m) = pos.first() {
            set_extra(o, "msg", m.clone());
        }
        if pos.len() == 2 {
            let info = vm.to_vec(&pos[1])?;
            // CPython parses the tuple with "OOOO|OO", hence its messages.
            match info.len() {
                n if n < 4 => {
                    return Err(vm.type_error(format!("function takes at least 4 arguments ({n} given)")));
                }
                n if n > 6 => {
                    return Err(vm.type_error(format!("function takes at most 6 arguments ({n} given)")));
                }
                5 => return Err(vm.type_error("end_offset must be provided when end_lineno is provided")),
                _ => {}
            }
            for (n, v) in ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"].iter().zip(info) {
                set_extra(o, n, v);
            }
        }
    } else if family == ExtrasFamily::UnicodeError {
        let names: &[&'static str] = if is(&ex.by_name["UnicodeTranslateError"]) {
            &["object", "start", "end", "reason"]
        } else {
            &["encoding", "object", "start", "end", "reason"]
        };
        if pos.len() == names.len() {
            let decode = is(&ex.unicode_decode_error);
            // All arguments are checked before the object is converted to
            // bytes, as PyArg_ParseTuple's "O" comes first.
            let mut checked = Vec::with_capacity(names.len());
            for (i, (n, v)) in names.iter().zip(pos).enumerate() {
                checked.push(unicode_error_arg(vm, i + 1, n, v, decode)?);
            }
            for (n, v) in names.iter().zip(checked) {
                let v = if decode && *n == "object" { unicode_decode_object(vm, &v)? } else { v };
                set_extra(o, n, v);
            }
        } else if !pos.is_empty() {
            return Err(vm.type_error(format!(
                "function takes exactly {} arguments ({} given)",
                names.len(),
                pos.len()
            )));
        }
    }
    Ok(())
}

/// One argument of a UnicodeError constructor, checked as CPython's
/// `PyArg_ParseTuple(args, "UUnnU")` (`"UOnnU"` with a bytes-like object for
/// UnicodeDecodeError, stored as bytes; `"UnnU"` for UnicodeTranslateError).
fn unicode_error_arg(vm: &Vm, index: usize, name: &str, v: &Obj, decode: bool) -> PyResult<Obj> {
    match name {
        "start" | "end" => Ok(vm.new_int(vm.index_to_isize(v)? as i64)),
        "object" if decode => Ok(v.clone()),
        _ if pystr::data(v).is_some() => Ok(v.clone()),
        _ if vm.is_none(v) => Err(vm.type_error(format!("argument {index} must be str, not None"))),
        _ => Err(vm.type_error(format!("argument {index} must be str, not {}", v.class().name()))),
    }
}

/// A UnicodeDecodeError's object: any bytes-like object, stored as bytes.
fn unicode_decode_object(vm: &Vm, v: &Obj) -> PyResult<Obj> {
    if crate::objects::bytes::as_bytes_ref(v).is_some() {
        return Ok(v.clone());
    }
    Ok(vm.new_bytes(crate::objects::bytes::bytes_like(vm, v)?))
}

fn exc_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let args = args_of(o);
    match tuple::items(&args) {
        [] => Ok(vm.ctx.empty_str.clone()),
        [a] => vm.str(a),
        _ => vm.str(&args),
    }
}

fn exc_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let name = o.class().name().rsplit('.').next().unwrap_or("").to_string();
    let args = args_of(o);
    let text = match tuple::items(&args) {
        [a] => format!("{}({})", name, vm.repr_string(a)?),
        _ => format!("{}{}", name, vm.repr_string(&args)?),
    };
    Ok(vm.new_str_from_string(text))
}

fn keyerror_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let args = args_of(o);
    match tuple::items(&args) {
        [a] => vm.repr(a),
        _ => exc_str(vm, o),
    }
}

fn importerror_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    match get_extra(o, "msg") {
        Some(m) if !vm.is_none(&m) => vm.str(&m),
        _ => exc_str(vm, o),
    }
}

fn oserror_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = |n: &str| get_extra(o, n).filter(|v| !vm.is_none(v));
    let (errno, strerror) = (g("errno"), g("strerror"));
    if let (Some(f), Some(e), Some(s)) = (g("filename"), errno.clone(), strerror.clone()) {
        let text = match g("filename2") {
            Some(f2) => format!(
                "[Errno {}] {}: {} -> {}",
                vm.str_string(&e)?,
                vm.str_string(&s)?,
                vm.repr_string(&f)?,
                vm.repr_string(&f2)?
            ),
            None => format!("[Errno {}] {}: {}", vm.str_string(&e)?, vm.str_string(&s)?, vm.repr_string(&f)?),
        };
        return Ok(vm.new_str_from_string(text));
    }
    if let (Some(e), Some(s)) = (errno, strerror) {
        return Ok(vm.new_str_from_string(format!("[Errno {}] {}", vm.str_string(&e)?, vm.str_string(&s)?)));
    }
    exc_str(vm, o)
}

fn oserror_chars_written(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    get_extra(o, "characters_written")
        .filter(|w| !vm.is_none(w))
        .ok_or_else(|| vm.attribute_error("characters_written"))
}

/// Setting converts as `PyNumber_AsSsize_t(v, ValueError)`; deleting an
/// unset count is an AttributeError (None marks it unset).
fn oserror_set_chars_written(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(v) => {
            let n = written_count(vm, v)?;
            set_extra(o, "characters_written", vm.new_int(n));
        }
        None => {
            oserror_chars_written(vm, o)?;
            set_extra(o, "characters_written", vm.none());
        }
    }
    Ok(())
}

/// `PyNumber_AsSsize_t(v, PyExc_ValueError)`.
fn written_count(vm: &Vm, v: &Obj) -> PyResult<i64> {
    let i = vm.index(v)?;
    int_value_i64(&i)
        .filter(|n| isize::try_from(*n).is_ok())
        .ok_or_else(|| vm.value_error(format!("cannot fit '{}' into an index-sized integer", v.class().name())))
}

/// BlockingIOError's third argument, when it is a number, is the count of
/// characters written, not a filename (CPython's `oserror_init`).
fn blocking_io_written(vm: &Vm, o: &Obj, pos: &[Obj]) -> Option<Obj> {
    let third = pos.get(2).filter(|_| (3..=5).contains(&pos.len()))?;
    let blocking = vm.ctx.exceptions.by_name.get("BlockingIOError")?;
    let is_number = vm.isinstance_type(third, &vm.ctx.types.int) || vm.isinstance_type(third, &vm.ctx.types.float);
    (o.class_obj().is(blocking) && is_number).then(|| third.clone())
}

/// errno values mapped to OSError subclasses (CPython's `errnomap`).
fn errno_subclass(vm: &Vm, errno: i64) -> Option<Obj> {
    let name = match errno {
        11 | 114 | 115 => "BlockingIOError", // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        17 => "FileExistsError",
        2 => "FileNotFoundError",
        4 => "InterruptedError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        13 | 1 => "PermissionError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return None,
    };
    vm.ctx.exceptions.by_name.get(name).cloned()
}

fn oserror_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let npos = crate::protocol::call::npositional(args, kwnames);
    let mut cls = cls.clone();
    if cls.is(&vm.ctx.exceptions.os_error) && (2..=5).contains(&npos) {
        if let Some(e) = int_value_i64(&args[0]) {
            if let Some(sub) = errno_subclass(vm, e) {
                cls = sub;
            }
        }
    }
    exc_new(vm, &cls, args, kwnames)
}

fn int_value_i64(o: &Obj) -> Option<i64> {
    crate::objects::int::value(o).and_then(|v| v.as_i64())
}

/// An OSError (or errno subclass) for a Rust I/O error.
pub fn os_error_from_io(vm: &Vm, err: &std::io::Error, filename: Option<&Obj>) -> PyErr {
    let errno = err.raw_os_error().unwrap_or(0) as i64;
    let strerror = strerror_text(err);
    let ty = errno_subclass(vm, errno).unwrap_or_else(|| vm.ctx.exceptions.os_error.clone());
    let mut args = vec![vm.new_int(errno), vm.new_str(&strerror)];
    if let Some(f) = filename {
        args.push(f.clone());
    }
    let e = alloc_object(&ty, ExceptionData::new(vm.new_tuple(args[..2].to_vec())));
    set_extra(&e, "errno", args[0].clone());
    set_extra(&e, "strerror", args[1].clone());
    set_extra(&e, "filename", filename.cloned().unwrap_or_else(|| vm.none()));
    set_extra(&e, "filename2", vm.none());
    vm.chain_context(&e);
    PyErr(e)
}

/// The C library's message for an error (what `strerror` gives).
pub(crate) fn strerror_text(err: &std::io::Error) -> String {
    let s = err.to_string();
    // Rust appends " (os error N)".
    match s.rfind(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn syntaxerror_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let msg = get_extra(o, "msg").filter(|m| !vm.is_none(m));
    let msg = match msg {
        Some(m) => vm.str_string(&m)?,
        None => return exc_str(vm, o),
    };
    let filename = get_extra(o, "filename").filter(|f| pystr::data(f).is_some());
    let lineno = get_extra(o, "lineno").and_then(|l| int_value_i64(&l));
    let base = filename.map(|f| {
        let s = pystr::as_str_lossy(&f).into_owned();
        s.rsplit('/').next().unwrap_or("").to_string()
    });
    let text = match (base, lineno) {
        (Some(b), Some(l)) => format!("{msg} ({b}, line {l})"),
        (Some(b), None) => format!("{msg} ({b})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    };
    Ok(vm.new_str_from_string(text))
}

fn unicode_error_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let ex = &vm.ctx.exceptions;
    let (Some(obj), Some(start), Some(end), Some(reason)) =
        (get_extra(o, "object"), get_extra(o, "start"), get_extra(o, "end"), get_extra(o, "reason"))
    else {
        return exc_str(vm, o);
    };
    let start = int_value_i64(&start).unwrap_or(0);
    let end = int_value_i64(&end).unwrap_or(0);
    let reason = vm.str_string(&reason)?;
    let encoding = get_extra(o, "encoding").map(|e| vm.str_string(&e)).transpose()?.unwrap_or_default();
    let text = if vm.isinstance_type(o, &ex.unicode_decode_error) {
        let bytes = crate::objects::bytes::as_bytes(&obj).unwrap_or_default();
        if end == start + 1 && (start as usize) < bytes.len() {
            format!(
                "'{}' codec can't decode byte 0x{:02x} in position {}: {}",
                encoding, bytes[start as usize], start, reason
            )
        } else {
            format!("'{}' codec can't decode bytes in position {}-{}: {}", encoding, start, end - 1, reason)
        }
    } else {
        let d = pystr::data(&obj);
        let one_char = end == start + 1 && d.is_some_and(|d| (start as usize) < d.len());
        let prefix = if vm.isinstance_type(o, &ex.unicode_encode_error) {
            format!("'{encoding}' codec can't encode")
        } else {
            "can't translate".to_string()
        };
        if one_char {
            let c = d.expect("str").char_at(start as usize);
            let ch = if c <= 0xff {
                format!("\\x{c:02x}")
            } else if c <= 0xffff {
                format!("\\u{c:04x}")
            } else {
                format!("\\U{c:08x}")
            };
            format!("{prefix} character '{ch}' in position {start}: {reason}")
        } else {
            format!("{} characters in position {}-{}: {}", prefix, start, end - 1, reason)
        }
    };
    Ok(vm.new_str_from_string(text))
}

fn set_args(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("args may not be deleted")) };
    let t = vm.to_tuple(v)?;
    exc_of(o).args_fresh.set(false);
    exc_of(o).args.set(Some(t));
    Ok(())
}

fn set_tb_attr(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        None => Err(vm.type_error("__traceback__ may not be deleted")),
        Some(t) if vm.is_none(t) => {
            set_traceback(o, None);
            Ok(())
        }
        Some(t) if t.type_is(&vm.ctx.types.traceback) => {
            set_traceback(o, Some(t.clone()));
            Ok(())
        }
        Some(_) => Err(vm.type_error("__traceback__ must be a traceback or None")),
    }
}

fn set_context_attr(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        None => Err(vm.type_error("__context__ may not be deleted")),
        Some(c) if vm.is_none(c) => {
            set_context(o, None);
            Ok(())
        }
        Some(c) if vm.isinstance_type(c, &vm.ctx.exceptions.base_exception) => {
            set_context(o, Some(c.clone()));
            Ok(())
        }
        Some(_) => Err(vm.type_error("exception context must be None or derive from BaseException")),
    }
}

fn set_cause_attr(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        None => Err(vm.type_error("__cause__ may not be deleted")),
        Some(c) if vm.is_none(c) => {
            set_cause(o, None);
            Ok(())
        }
        Some(c) if vm.isinstance_type(c, &vm.ctx.exceptions.base_exception) => {
            set_cause(o, Some(c.clone()));
            Ok(())
        }
        Some(_) => Err(vm.type_error("exception cause must be None or derive from BaseException")),
    }
}

fn exc_with_traceback(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [tb] = crate::args::exact::<1>(vm, "with_traceback", args, kwnames)?;
    set_tb_attr(vm, o, Some(&tb))?;
    Ok(o.clone())
}

fn exc_add_note(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [note] = crate::args::exact::<1>(vm, "add_note", args, kwnames)?;
    if pystr::data(&note).is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", note.class().name())));
    }
    let key = vm.intern("__notes__");
    let notes = match vm.getattr_opt(o, &key)? {
        Some(n) => n,
        None => {
            let n = vm.new_list(vec![]);
            vm.setattr(o, &key, &n)?;
            n
        }
    };
    match list::data(&notes) {
        Some(l) => l.push(note),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(vm.none())
}

/// `(type(self), args[, state])` as CPython's `BaseException_reduce`, with
/// the subclass forms: OSError puts its filenames back into the arguments
/// (`OSError_reduce`), ImportError adds `name` and `path` to the state
/// (`ImportError_reduce`).
fn exc_reduce(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let ex = &vm.ctx.exceptions;
    let dict = o.instance_dict().filter(|d| dict::len(d) > 0);
    let mut args = args_of(o);
    let mut state = dict.clone();
    if vm.isinstance_type(o, &ex.os_error) {
        args = oserror_reduce_args(vm, o, args);
    } else if vm.isinstance_type(o, &ex.import_error) {
        state = importerror_state(vm, o, dict)?;
    }
    let mut parts = vec![o.class_obj(), args];
    parts.extend(state);
    Ok(vm.new_tuple(parts))
}

/// `(errno, strerror, filename[, None, filename2])` when a filename was given.
fn oserror_reduce_args(vm: &Vm, o: &Obj, args: Obj) -> Obj {
    let present = |n: &str| get_extra(o, n).filter(|v| !vm.is_none(v));
    let Some(filename) = present("filename") else { return args };
    let items = crate::objects::tuple::items(&args);
    if items.len() != 2 {
        return args;
    }
    let mut out = vec![items[0].clone(), items[1].clone(), filename];
    if let Some(f2) = present("filename2") {
        out.push(vm.none());
        out.push(f2);
    }
    vm.new_tuple(out)
}

/// The instance dict plus `name` and `path` when set (a copy: the
/// instance's own dict is not changed).
fn importerror_state(vm: &Vm, o: &Obj, dict: Option<Obj>) -> PyResult<Option<Obj>> {
    let present = |n: &str| get_extra(o, n).filter(|v| !vm.is_none(v));
    let (name, path) = (present("name"), present("path"));
    if name.is_none() && path.is_none() {
        return Ok(dict);
    }
    let state = vm.new_dict();
    if let Some(d) = &dict {
        for (k, v) in dict::items(d) {
            dict::set_item(vm, &state, k, v)?;
        }
    }
    if let Some(n) = name {
        dict::set_item(vm, &state, vm.new_str("name"), n)?;
    }
    if let Some(p) = path {
        dict::set_item(vm, &state, vm.new_str("path"), p)?;
    }
    Ok(Some(state))
}

fn exc_setstate(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [state] = crate::args::exact::<1>(vm, "__setstate__", args, kwnames)?;
    if !vm.is_none(&state) {
        if dict::data(&state).is_none() {
            return Err(vm.type_error("state is not a dictionary"));
        }
        for (k, v) in dict::items(&state) {
            vm.setattr(o, &k, &v)?;
        }
    }
    Ok(vm.none())
}

// ---- exception groups ---------------------------------------------------------------------------

fn is_eg(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &vm.ctx.exceptions.base_exception_group)
}

fn eg_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let ex = &vm.ctx.exceptions;
    let npos = crate::protocol::call::npositional(args, kwnames);
    if npos != 2 {
        return Err(vm.type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({npos} given)")));
    }
    let message = &args[0];
    if pystr::data(message).is_none() {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            message.class().name()
        )));
    }
    let excs = &args[1];
    let is_sequence = excs.class().slots.mp_subscript.get().is_some() && dict::data(excs).is_none();
    if !is_sequence {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.to_vec(excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if !vm.isinstance_type(e, &ex.base_exception) {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !vm.isinstance_type(e, &ex.exception) {
            nested_base = true;
        }
    }
    let mut cls = cls.clone();
    if cls.is(&ex.exception_group) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if cls.is(&ex.base_exception_group) {
        if !nested_base {
            cls = ex.exception_group.clone();
        }
    } else if nested_base && vm.is_subtype(&cls, &ex.exception) {
        return Err(vm.type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            cls.payload::<TypeObject>().expect("type").name()
        )));
    }
    let e = alloc_object(&cls, ExceptionData::new(vm.new_tuple(args[..npos].to_vec())));
    set_extra(&e, "message", message.clone());
    set_extra(&e, "exceptions", vm.new_tuple(items));
    Ok(e)
}

fn eg_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", o.class().name())));
    }
    set_init_args(vm, o, args);
    Ok(())
}

fn eg_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let msg = get_extra(o, "message").map(|m| vm.str_string(&m)).transpose()?.unwrap_or_default();
    let n = get_extra(o, "exceptions").map_or(0, |e| tuple::len(&e));
    Ok(vm.new_str_from_string(format!("{} ({} sub-exception{})", msg, n, if n > 1 { "s" } else { "" })))
}

fn eg_derive(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [excs] = crate::args::exact::<1>(vm, "derive", args, kwnames)?;
    let msg = get_extra(o, "message").unwrap_or_else(|| vm.ctx.empty_str.clone());
    vm.call(&vm.ctx.exceptions.base_exception_group, &[msg, excs], None)
}

enum Matcher {
    Type(Obj),
    Predicate(Obj),
    Ids(Vec<usize>),
}

fn get_matcher(vm: &Vm, value: &Obj) -> PyResult<Matcher> {
    if value.has_payload::<crate::objects::function::FunctionData>() {
        return Ok(Matcher::Predicate(value.clone()));
    }
    let is_exc_class = |o: &Obj| vm.is_type(o) && vm.is_subtype(o, &vm.ctx.exceptions.base_exception);
    if is_exc_class(value) {
        return Ok(Matcher::Type(value.clone()));
    }
    if value.type_is(&vm.ctx.types.tuple) && tuple::items(value).iter().all(is_exc_class) {
        return Ok(Matcher::Type(value.clone()));
    }
    Err(vm.type_error("expected a function, exception type or tuple of exception types"))
}

fn check_match(vm: &Vm, exc: &Obj, m: &Matcher) -> PyResult<bool> {
    match m {
        Matcher::Type(t) => vm.isinstance(exc, t),
        Matcher::Predicate(f) => {
            let r = vm.call(f, std::slice::from_ref(exc), None)?;
            vm.is_true(&r)
        }
        Matcher::Ids(ids) => Ok(!is_eg(vm, exc) && ids.contains(&exc.id())),
    }
}

/// Split `exc` by the matcher: (match, rest), each None when empty.
fn split_recursive(vm: &Vm, exc: &Obj, m: &Matcher, construct_rest: bool) -> PyResult<(Option<Obj>, Option<Obj>)> {
    if check_match(vm, exc, m)? {
        return Ok((Some(exc.clone()), None));
    }
    if !is_eg(vm, exc) {
        return Ok((None, construct_rest.then(|| exc.clone())));
    }
    let excs = get_extra(exc, "exceptions").expect("exception group exceptions");
    let mut matches = Vec::new();
    let mut rests = Vec::new();
    for e in tuple::items(&excs).to_vec() {
        let (m1, r1) =
            vm.with_recursion(" in exceptiongroup_split_recursive", || split_recursive(vm, &e, m, construct_rest))?;
        if let Some(x) = m1 {
            matches.push(x);
        }
        if let Some(x) = r1 {
            rests.push(x);
        }
    }
    let mres = subset(vm, exc, matches)?;
    let rres = if construct_rest { subset(vm, exc, rests)? } else { None };
    Ok((mres, rres))
}

/// `orig.derive(excs)` with orig's traceback, cause, context and notes.
fn subset(vm: &Vm, orig: &Obj, excs: Vec<Obj>) -> PyResult<Option<Obj>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let list = vm.new_list(excs);
    let eg = vm.call_method(orig, "derive", &[list])?;
    if !is_eg(vm, &eg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    if let Some(tb) = traceback_of(orig) {
        set_traceback(&eg, Some(tb));
    }
    set_context(&eg, context_of(orig));
    let d = exc_of(&eg);
    d.cause.set(cause_of(orig));
    d.suppress_context.set(suppress_context(orig));
    let notes_key = vm.intern("__notes__");
    if let Some(notes) = vm.getattr_opt(orig, &notes_key)? {
        if notes.class().slots.mp_subscript.get().is_some() {
            let copy = vm.new_list(vm.to_vec(&notes)?);
            vm.setattr(&eg, &notes_key, &copy)?;
        }
    }
    Ok(Some(eg))
}

fn eg_split(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [cond] = crate::args::exact::<1>(vm, "split", args, kwnames)?;
    let m = get_matcher(vm, &cond)?;
    let (a, b) = split_recursive(vm, o, &m, true)?;
    Ok(vm.new_tuple(vec![a.unwrap_or_else(|| vm.none()), b.unwrap_or_else(|| vm.none())]))
}

fn eg_subgroup(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [cond] = crate::args::exact::<1>(vm, "subgroup", args, kwnames)?;
    let m = get_matcher(vm, &cond)?;
    let (a, _) = split_recursive(vm, o, &m, false)?;
    Ok(a.unwrap_or_else(|| vm.none()))
}

/// `CHECK_EG_MATCH`: (match, rest) of an `except*` clause.
pub(crate) fn exception_group_match(vm: &Vm, exc: &Obj, match_type: &Obj) -> PyResult<(Obj, Obj)> {
    if vm.is_none(exc) {
        return Ok((vm.none(), vm.none()));
    }
    if vm.isinstance(exc, match_type)? {
        if is_eg(vm, exc) {
            return Ok((exc.clone(), vm.none()));
        }
        let wrapped = vm.call(
            &vm.ctx.exceptions.base_exception_group,
            &[vm.ctx.empty_str.clone(), vm.new_tuple(vec![exc.clone()])],
            None,
        )?;
        if let Some(tb) = traceback_of(exc) {
            set_traceback(&wrapped, Some(tb));
        }
        return Ok((wrapped, vm.none()));
    }
    if is_eg(vm, exc) {
        let pair = vm.call_method(exc, "split", std::slice::from_ref(match_type))?;
        let items = tuple::items(&pair);
        if items.len() != 2 {
            return Err(vm.type_error("split must return a 2-tuple"));
        }
        return Ok((items[0].clone(), items[1].clone()));
    }
    Ok((vm.none(), vm.none()))
}

fn leaf_ids(vm: &Vm, exc: &Obj, out: &mut Vec<usize>) {
    if vm.is_none(exc) {
        return;
    }
    if !is_eg(vm, exc) {
        out.push(exc.id());
        return;
    }
    if let Some(excs) = get_extra(exc, "exceptions") {
        for e in tuple::items(&excs) {
            leaf_ids(vm, e, out);
        }
    }
}

fn same_metadata(vm: &Vm, a: &Obj, b: &Obj) -> bool {
    let same = |x: Option<Obj>, y: Option<Obj>| match (x, y) {
        (Some(x), Some(y)) => x.is(&y),
        (None, None) => true,
        _ => false,
    };
    let notes = |o: &Obj| o.instance_dict().and_then(|d| dict::get_item_str(vm, &d, "__notes__"));
    same(notes(a), notes(b))
        && same(traceback_of(a), traceback_of(b))
        && same(cause_of(a), cause_of(b))
        && same(context_of(a), context_of(b))
}

/// `PREP_RERAISE_STAR`: what an `except*` block leaves to re-raise.
pub(crate) fn prep_reraise_star(vm: &Vm, orig: &Obj, excs: &Obj) -> PyResult<Obj> {
    let items = list::data(excs).expect("list").to_vec();
    if items.is_empty() {
        return Ok(vm.none());
    }
    if !is_eg(vm, orig) {
        return Ok(items[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in items {
        if vm.is_none(&e) {
            continue;
        }
        if same_metadata(vm, &e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        leaf_ids(vm, e, &mut ids);
    }
    let (m, _) = split_recursive(vm, orig, &Matcher::Ids(ids), false)?;
    let reraised_eg = m;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(|| vm.none()));
    }
    if let Some(r) = reraised_eg {
        raised.push(r);
    }
    if raised.len() == 1 {
        return Ok(raised.pop().expect("one"));
    }
    vm.call(&vm.ctx.exceptions.base_exception_group, &[vm.ctx.empty_str.clone(), vm.new_list(raised)], None)
}
