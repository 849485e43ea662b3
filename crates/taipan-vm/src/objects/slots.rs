//! Slots and dunder methods (CPython's `slotdefs` in
//! `Objects/typeobject.c`). Both directions:
//! - a builtin type's filled slots appear as `wrapper_descriptor`s
//!   (`int.__add__`) that call the slot;
//! - a class's dunder methods fill its slots with `slot_*` functions that
//!   look the method up and call it. When the method found is a wrapper of
//!   the same slot of a builtin base, the base's slot is used directly.

use crate::object::typeobj::slot_id;
use crate::object::typeobj::{CompareOp, NbOp, TypeObject, NB_COUNT};
use crate::object::{alloc_object, Obj};
use crate::objects::descriptor::{MethodDef, WrapperData};
use crate::objects::{dict, int, str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

/// Which slot a dunder method stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SlotKind {
    Repr,
    Str,
    Hash,
    Call,
    GetAttribute,
    SetAttr,
    DelAttr,
    Richcmp(CompareOp),
    Iter,
    Next,
    Get,
    Set,
    Delete,
    Init,
    Del,
    Binary(NbOp),
    RBinary(NbOp),
    Inplace(NbOp),
    Divmod,
    RDivmod,
    Neg,
    Pos,
    Abs,
    Bool,
    Invert,
    Int,
    Float,
    Index,
    Len,
    GetItem,
    SetItem,
    DelItem,
    Contains,
    SqConcat,
    SqRepeat,
    SqRRepeat,
    SqInplaceConcat,
    SqInplaceRepeat,
}

/// Every dunder with its slot, in CPython's `slotdefs` order: a table
/// built once per process (immutable, like CPython's static `slotdefs[]`),
/// because class creation walks it for every dunder name.
pub(crate) fn slotdefs() -> &'static [(&'static str, SlotKind)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, SlotKind)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(build_slotdefs)
}

/// The dunder names `update_all_slots` re-derives, each once.
fn slot_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v: Vec<&'static str> = slotdefs().iter().map(|(n, _)| *n).collect();
        v.push("__getattr__");
        v.push("__new__");
        v.dedup();
        v
    })
}

fn build_slotdefs() -> Vec<(&'static str, SlotKind)> {
    use SlotKind::*;
    let mut v = vec![
        ("__getattribute__", GetAttribute),
        ("__setattr__", SetAttr),
        ("__delattr__", DelAttr),
        ("__repr__", Repr),
        ("__hash__", Hash),
        ("__call__", Call),
        ("__str__", Str),
        ("__lt__", Richcmp(CompareOp::Lt)),
        ("__le__", Richcmp(CompareOp::Le)),
        ("__eq__", Richcmp(CompareOp::Eq)),
        ("__ne__", Richcmp(CompareOp::Ne)),
        ("__gt__", Richcmp(CompareOp::Gt)),
        ("__ge__", Richcmp(CompareOp::Ge)),
        ("__iter__", Iter),
        ("__next__", Next),
        ("__get__", Get),
        ("__set__", Set),
        ("__delete__", Delete),
        ("__init__", Init),
        ("__del__", Del),
    ];
    for op in NbOp::ALL {
        v.push((op.dunder(), Binary(op)));
        v.push((op.rdunder(), RBinary(op)));
    }
    v.extend([
        ("__divmod__", Divmod),
        ("__rdivmod__", RDivmod),
        ("__neg__", Neg),
        ("__pos__", Pos),
        ("__abs__", Abs),
        ("__bool__", Bool),
        ("__invert__", Invert),
        ("__int__", Int),
        ("__float__", Float),
        ("__index__", Index),
    ]);
    for op in NbOp::ALL {
        v.push((op.idunder(), Inplace(op)));
    }
    v.extend([
        ("__len__", Len),
        ("__getitem__", GetItem),
        ("__setitem__", SetItem),
        ("__delitem__", DelItem),
        ("__contains__", Contains),
    ]);
    v
}

/// Does the type itself fill the slot `kind` stands for?
fn slot_is_set(t: &TypeObject, kind: SlotKind) -> bool {
    use SlotKind::*;
    let s = &t.slots;
    match kind {
        Repr => s.repr.get().is_some(),
        Str => s.str.get().is_some(),
        Hash => s.hash.get().is_some() && !s.hash.is(slot_id::HASH_NOT_IMPLEMENTED),
        Call => s.call.get().is_some(),
        GetAttribute => s.getattro.get().is_some(),
        SetAttr | DelAttr => s.setattro.get().is_some(),
        Richcmp(_) => s.richcompare.get().is_some(),
        Iter => s.iter.get().is_some(),
        Next => s.iternext.get().is_some(),
        Get => s.descr_get.get().is_some(),
        Set | Delete => s.descr_set.get().is_some(),
        Init => s.init.get().is_some(),
        Del => false,
        Binary(op) | RBinary(op) => {
            s.nb_binary[op as usize].get().is_some() || (op == NbOp::Power && s.nb_power3.get().is_some())
        }
        Inplace(op) => s.nb_inplace[op as usize].get().is_some(),
        Divmod | RDivmod => s.nb_divmod.get().is_some(),
        Neg => s.nb_negative.get().is_some(),
        Pos => s.nb_positive.get().is_some(),
        Abs => s.nb_absolute.get().is_some(),
        Bool => s.nb_bool.get().is_some(),
        Invert => s.nb_invert.get().is_some(),
        Int => s.nb_int.get().is_some(),
        Float => s.nb_float.get().is_some(),
        Index => s.nb_index.get().is_some(),
        Len => s.sq_length.get().is_some() || s.mp_length.get().is_some(),
        GetItem => s.mp_subscript.get().is_some(),
        SetItem | DelItem => s.mp_ass_subscript.get().is_some(),
        Contains => s.sq_contains.get().is_some(),
        SqConcat => s.sq_concat.get().is_some(),
        SqRepeat | SqRRepeat => s.sq_repeat.get().is_some(),
        SqInplaceConcat => s.sq_inplace_concat.get().is_some(),
        SqInplaceRepeat => s.sq_inplace_repeat.get().is_some(),
    }
}

/// Add wrapper descriptors for the slots a builtin type fills itself
/// (and `__new__`), unless its dict already has the name.
pub(crate) fn add_slot_wrappers(vm: &Vm, ty: &Obj) {
    let t = ty.payload::<TypeObject>().expect("type");
    t.invalidate_lookups();
    let d = t.dict();
    let mut defs = slotdefs().to_vec();
    // The sequence forms of + and * for types without number slots.
    defs.extend([
        ("__add__", SlotKind::SqConcat),
        ("__mul__", SlotKind::SqRepeat),
        ("__rmul__", SlotKind::SqRRepeat),
        ("__iadd__", SlotKind::SqInplaceConcat),
        ("__imul__", SlotKind::SqInplaceRepeat),
    ]);
    for (name, kind) in defs {
        if !slot_is_set(t, kind) {
            continue;
        }
        if matches!(kind, SlotKind::RBinary(NbOp::Power)) && t.slots.nb_binary[NbOp::Power as usize].get().is_none() {
            continue;
        }
        let key = vm.intern(name);
        if dict::get_str_item(vm, &d, &key).is_some() {
            continue;
        }
        let w = alloc_object(&vm.ctx.types.wrapper_descriptor, WrapperData { name, kind, owner: ty.clone() });
        dict::set_item(vm, &d, key, w).expect("type dict insert");
    }
    if t.slots.new.get().is_some() {
        let key = vm.intern("__new__");
        if dict::get_str_item(vm, &d, &key).is_none() {
            let def = MethodDef::method("__new__", tp_new_wrapper);
            let f = crate::objects::builtin_func::new_method_function(vm, &def, Some(ty.clone()));
            dict::set_item(vm, &d, key, f).expect("type dict insert");
        }
    }
    if t.slots.hash.is(slot_id::HASH_NOT_IMPLEMENTED) {
        let key = vm.intern("__hash__");
        if dict::get_str_item(vm, &d, &key).is_none() {
            dict::set_item(vm, &d, key, vm.none()).expect("type dict insert");
        }
    }
}

/// CPython's static types that fill slots with the very function they
/// would inherit (every simple exception's `tp_init = BaseException_init`
/// and `tp_new = BaseException_new`, `int`'s `tp_getattro =
/// PyObject_GenericGetAttr`, ...): their dicts hold those slot wrappers
/// too, which `vars()`, `dir()` and doctest's finder see. Taipan's types
/// inherit these slots instead, so the wrappers are added by name.
const EXPLICIT_INHERITED_SLOTS: &[(&[&str], &[&str])] = &[
    (
        &[
            "Exception",
            "ArithmeticError",
            "AssertionError",
            "BufferError",
            "EOFError",
            "FloatingPointError",
            "GeneratorExit",
            "IndexError",
            "KeyboardInterrupt",
            "LookupError",
            "MemoryError",
            "NotImplementedError",
            "OverflowError",
            "RecursionError",
            "ReferenceError",
            "RuntimeError",
            "StopAsyncIteration",
            "SystemError",
            "TypeError",
            "UnicodeError",
            "ValueError",
            "ZeroDivisionError",
            "Warning",
            "BytesWarning",
            "DeprecationWarning",
            "EncodingWarning",
            "FutureWarning",
            "ImportWarning",
            "PendingDeprecationWarning",
            "ResourceWarning",
            "RuntimeWarning",
            "SyntaxWarning",
            "UnicodeWarning",
            "UserWarning",
        ],
        &["__init__", "__new__"],
    ),
    (
        &[
            "BlockingIOError",
            "BrokenPipeError",
            "ChildProcessError",
            "ConnectionAbortedError",
            "ConnectionError",
            "ConnectionRefusedError",
            "ConnectionResetError",
            "FileExistsError",
            "FileNotFoundError",
            "IndentationError",
            "InterruptedError",
            "IsADirectoryError",
            "KeyError",
            "ModuleNotFoundError",
            "NotADirectoryError",
            "PermissionError",
            "ProcessLookupError",
            "TabError",
            "TimeoutError",
            "UnboundLocalError",
        ],
        &["__init__"],
    ),
    (&["UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError"], &["__new__"]),
    (&["AttributeError", "NameError"], &["__str__"]),
    (&["BaseException"], &["__getattribute__", "__setattr__", "__delattr__"]),
    (
        &[
            "bytearray",
            "bytes",
            "complex",
            "dict",
            "enumerate",
            "filter",
            "float",
            "frozenset",
            "int",
            "list",
            "map",
            "memoryview",
            "property",
            "range",
            "reversed",
            "set",
            "slice",
            "str",
            "tuple",
            "zip",
        ],
        &["__getattribute__"],
    ),
];

/// The dunder names of [`EXPLICIT_INHERITED_SLOTS`] for the type `name`.
fn explicit_inherited_slots(name: &str) -> &'static [&'static str] {
    EXPLICIT_INHERITED_SLOTS.iter().find(|(types, _)| types.contains(&name)).map_or(&[], |(_, slots)| slots)
}

/// Add the wrappers of the slots a builtin type fills explicitly in
/// CPython with what it inherits; called once its slots are inherited.
pub(crate) fn add_explicit_inherited_wrappers(vm: &Vm, ty: &Obj) {
    let t = ty.payload::<TypeObject>().expect("type");
    let d = t.dict();
    for &name in explicit_inherited_slots(t.name()) {
        let key = vm.intern(name);
        if dict::get_str_item(vm, &d, &key).is_some() {
            continue;
        }
        let value = if name == "__new__" {
            if t.slots.new.get().is_none() {
                continue;
            }
            let def = MethodDef::method("__new__", tp_new_wrapper);
            crate::objects::builtin_func::new_method_function(vm, &def, Some(ty.clone()))
        } else {
            let Some(&(name, kind)) = slotdefs().iter().find(|(n, _)| *n == name) else { continue };
            if !slot_is_set(t, kind) {
                continue;
            }
            alloc_object(&vm.ctx.types.wrapper_descriptor, WrapperData { name, kind, owner: ty.clone() })
        };
        dict::set_item(vm, &d, key, value).expect("type dict insert");
    }
    t.invalidate_lookups();
}

/// `T.__new__(S, ...)` for a builtin type T (CPython's `tp_new_wrapper`).
fn tp_new_wrapper(vm: &Vm, ty: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let t = ty.payload::<TypeObject>().expect("type");
    let npos = crate::protocol::call::npositional(args, kwnames);
    if npos == 0 {
        return Err(vm.type_error(format!("{}.__new__(): not enough arguments", t.name())));
    }
    let sub = &args[0];
    let Some(st) = sub.payload::<TypeObject>() else {
        return Err(vm.type_error(format!("{}.__new__(X): X is not a type object ({})", t.name(), sub.class().name())));
    };
    if !vm.is_subtype(sub, ty) {
        return Err(vm.type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            t.name(),
            st.name(),
            st.name(),
            t.name()
        )));
    }
    // The most derived base with a builtin __new__ must be this type.
    let mut staticbase = sub.clone();
    loop {
        let sbt = staticbase.payload::<TypeObject>().expect("type");
        if !sbt.is_heap_type() {
            break;
        }
        match sbt.base() {
            Some(b) => staticbase = b,
            None => break,
        }
    }
    let sbt = staticbase.payload::<TypeObject>().expect("type");
    // A type that cannot be instantiated (`sys.flags`) cannot be through
    // its base's `__new__` either.
    let not_creatable = sbt.slots.new.get().is_none();
    // Static types installing the same constructor get distinct slot ids,
    // so a shared payload stands for "same constructor"; bool shares int's
    // payload but its only instances are False and True.
    let same_new = sbt.slots.new.same_as(&t.slots.new)
        || (sbt.payload_type == t.payload_type && !staticbase.is(&vm.ctx.types.bool_));
    if not_creatable || !same_new {
        return Err(vm.type_error(format!(
            "{}.__new__({}) is not safe, use {}.__new__()",
            t.name(),
            st.name(),
            sbt.name()
        )));
    }
    let new = t.slots.new.get().expect("tp_new");
    new(vm, sub, &args[1..], kwnames)
}

/// The hash slot of unhashable types (`__hash__ = None`).
pub(crate) fn hash_not_implemented(vm: &Vm, o: &Obj) -> PyResult<i64> {
    Err(vm.unhashable(o))
}

fn nargs(vm: &Vm, name: &str, args: &[Obj], kwnames: Option<&Obj>, n: usize) -> PyResult<()> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.len() != n {
        return Err(vm.type_error(format!(
            "expected {} argument{}, got {}",
            n,
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

/// Call the slot a wrapper descriptor stands for (CPython's `wrap_*`).
pub(crate) fn call_wrapper(
    vm: &Vm,
    d: &WrapperData,
    self_: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
) -> PyResult<Obj> {
    use SlotKind::*;
    let t = d.owner.payload::<TypeObject>().expect("type");
    let s = &t.slots;
    let name = d.name;
    let exp = |n| nargs(vm, name, args, kwnames, n);
    match d.kind {
        Init => {
            (s.init.get().expect("slot"))(vm, self_, args, kwnames)?;
            return Ok(vm.none());
        }
        Call => return (s.call.get().expect("slot"))(vm, self_, args, kwnames),
        _ => {}
    }
    match d.kind {
        Repr => {
            exp(0)?;
            (s.repr.get().expect("slot"))(vm, self_)
        }
        Str => {
            exp(0)?;
            (s.str.get().expect("slot"))(vm, self_)
        }
        Hash => {
            exp(0)?;
            Ok(vm.new_int((s.hash.get().expect("slot"))(vm, self_)?))
        }
        GetAttribute => {
            exp(1)?;
            check_attr_name(vm, &args[0])?;
            (s.getattro.get().expect("slot"))(vm, self_, &args[0])
        }
        SetAttr => {
            exp(2)?;
            check_attr_name(vm, &args[0])?;
            hackcheck(vm, self_, t, "__setattr__")?;
            (s.setattro.get().expect("slot"))(vm, self_, &args[0], Some(&args[1]))?;
            Ok(vm.none())
        }
        DelAttr => {
            exp(1)?;
            check_attr_name(vm, &args[0])?;
            hackcheck(vm, self_, t, "__delattr__")?;
            (s.setattro.get().expect("slot"))(vm, self_, &args[0], None)?;
            Ok(vm.none())
        }
        Richcmp(op) => {
            exp(1)?;
            (s.richcompare.get().expect("slot"))(vm, self_, &args[0], op)
        }
        Iter => {
            exp(0)?;
            (s.iter.get().expect("slot"))(vm, self_)
        }
        Next => {
            exp(0)?;
            match (s.iternext.get().expect("slot"))(vm, self_)? {
                Some(v) => Ok(v),
                None => Err(vm.stop_iteration(None)),
            }
        }
        Get => {
            if args.is_empty() || args.len() > 2 {
                return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", args.len())));
            }
            let obj = if vm.is_none(&args[0]) { None } else { Some(&args[0]) };
            let owner = args.get(1).filter(|o| !vm.is_none(o));
            if obj.is_none() && owner.is_none() {
                return Err(vm.type_error("__get__(None, None) is invalid"));
            }
            (s.descr_get.get().expect("slot"))(vm, self_, obj, owner)
        }
        Set => {
            exp(2)?;
            (s.descr_set.get().expect("slot"))(vm, self_, &args[0], Some(&args[1]))?;
            Ok(vm.none())
        }
        Delete => {
            exp(1)?;
            (s.descr_set.get().expect("slot"))(vm, self_, &args[0], None)?;
            Ok(vm.none())
        }
        Binary(NbOp::Power) | RBinary(NbOp::Power) => {
            if args.is_empty() || args.len() > 2 {
                return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", args.len())));
            }
            let (a, b) = if matches!(d.kind, Binary(_)) { (self_, &args[0]) } else { (&args[0], self_) };
            match args.get(1) {
                Some(m) if !vm.is_none(m) && matches!(d.kind, Binary(_)) => match s.nb_power3.get() {
                    Some(f) => f(vm, a, b, m),
                    None => Ok(vm.not_implemented()),
                },
                _ => match s.nb_binary[NbOp::Power as usize].get() {
                    Some(f) => f(vm, a, b),
                    None => Ok(vm.not_implemented()),
                },
            }
        }
        Binary(op) => {
            exp(1)?;
            (s.nb_binary[op as usize].get().expect("slot"))(vm, self_, &args[0])
        }
        RBinary(op) => {
            exp(1)?;
            (s.nb_binary[op as usize].get().expect("slot"))(vm, &args[0], self_)
        }
        Inplace(op) => {
            exp(1)?;
            (s.nb_inplace[op as usize].get().expect("slot"))(vm, self_, &args[0])
        }
        Divmod => {
            exp(1)?;
            (s.nb_divmod.get().expect("slot"))(vm, self_, &args[0])
        }
        RDivmod => {
            exp(1)?;
            (s.nb_divmod.get().expect("slot"))(vm, &args[0], self_)
        }
        Neg => {
            exp(0)?;
            (s.nb_negative.get().expect("slot"))(vm, self_)
        }
        Pos => {
            exp(0)?;
            (s.nb_positive.get().expect("slot"))(vm, self_)
        }
        Abs => {
            exp(0)?;
            (s.nb_absolute.get().expect("slot"))(vm, self_)
        }
        Invert => {
            exp(0)?;
            (s.nb_invert.get().expect("slot"))(vm, self_)
        }
        Bool => {
            exp(0)?;
            Ok(vm.bool_obj((s.nb_bool.get().expect("slot"))(vm, self_)?))
        }
        Int => {
            exp(0)?;
            (s.nb_int.get().expect("slot"))(vm, self_)
        }
        Float => {
            exp(0)?;
            (s.nb_float.get().expect("slot"))(vm, self_)
        }
        Index => {
            exp(0)?;
            (s.nb_index.get().expect("slot"))(vm, self_)
        }
        Len => {
            exp(0)?;
            let f = s.sq_length.get().or(s.mp_length.get()).expect("slot");
            Ok(vm.new_usize(f(vm, self_)?))
        }
        GetItem => {
            exp(1)?;
            (s.mp_subscript.get().expect("slot"))(vm, self_, &args[0])
        }
        SetItem => {
            exp(2)?;
            (s.mp_ass_subscript.get().expect("slot"))(vm, self_, &args[0], Some(&args[1]))?;
            Ok(vm.none())
        }
        DelItem => {
            exp(1)?;
            (s.mp_ass_subscript.get().expect("slot"))(vm, self_, &args[0], None)?;
            Ok(vm.none())
        }
        Contains => {
            exp(1)?;
            Ok(vm.bool_obj((s.sq_contains.get().expect("slot"))(vm, self_, &args[0])?))
        }
        SqConcat => {
            exp(1)?;
            (s.sq_concat.get().expect("slot"))(vm, self_, &args[0])
        }
        SqInplaceConcat => {
            exp(1)?;
            (s.sq_inplace_concat.get().expect("slot"))(vm, self_, &args[0])
        }
        SqRepeat | SqRRepeat | SqInplaceRepeat => {
            // CPython's wrap_indexargfunc unpacks with an empty name.
            if args.len() != 1 && kwnames.is_none_or(|k| tuple::len(k) == 0) {
                return Err(vm.type_error(format!(" expected 1 argument, got {}", args.len())));
            }
            exp(1)?;
            let n = vm.index_to_isize(&args[0])?;
            let f = if d.kind == SqInplaceRepeat { s.sq_inplace_repeat.get() } else { s.sq_repeat.get() };
            (f.expect("slot"))(vm, self_, n)
        }
        Init | Call | Del => unreachable!("handled above"),
    }
}

fn check_attr_name(vm: &Vm, name: &Obj) -> PyResult<()> {
    if pystr::data(name).is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", name.class().name())));
    }
    Ok(())
}

/// `object.__setattr__(int_instance, ...)` must not bypass int's own
/// setattr (CPython's `hackcheck`).
fn hackcheck(vm: &Vm, self_: &Obj, owner: &TypeObject, what: &str) -> PyResult<()> {
    let mut ty = self_.class_obj();
    loop {
        let t = ty.payload::<TypeObject>().expect("type");
        if !t.is_heap_type() {
            break;
        }
        match t.base() {
            Some(b) => ty = b,
            None => break,
        }
    }
    let t = ty.payload::<TypeObject>().expect("type");
    if !t.slots.setattro.same_as(&owner.slots.setattro) {
        return Err(vm.type_error(format!("can't apply this {} to {} object", what, t.name())));
    }
    Ok(())
}

// ---- classes: slots from dunders ------------------------------------------------------------------

/// The native slot behind `attr` if it is a wrapper for the same slot.
fn native_wrapper(attr: &Obj, kind: SlotKind) -> Option<&TypeObject> {
    let w = attr.payload::<WrapperData>()?;
    if w.kind == kind {
        w.owner.payload::<TypeObject>()
    } else {
        None
    }
}

/// Fill every slot of a class from its dunders (after creation, or after
/// its bases changed).
pub(crate) fn update_all_slots(vm: &Vm, ty: &Obj) {
    let lookups = Lookups { scan_mro: true, ..Lookups::default() };
    for (name, kinds) in slot_groups() {
        update_slot_kinds_with(vm, ty, name, kinds, &lookups);
    }
}

/// How `find` looks up the dunders of the type whose slots are filled.
/// Filling them all (a new class) makes some 140 lookups of 95 names,
/// most of which no class defines: walking the MRO for each cost more
/// than scanning its few dicts once for every dunder they hold.
#[derive(Default)]
struct Lookups {
    scan_mro: bool,
    dunders: std::cell::OnceCell<Option<type_::MroDunders>>,
}

/// A slot name with the slot kinds it feeds.
type SlotGroup = (&'static str, Box<[SlotKind]>);

/// Each name of `slot_names` with the slot kinds it feeds, found once per
/// process: class creation re-derives every slot, and filtering the whole
/// slotdefs table by name each time was most of its cost.
fn slot_groups() -> &'static [SlotGroup] {
    static GROUPS: std::sync::OnceLock<Vec<SlotGroup>> = std::sync::OnceLock::new();
    GROUPS.get_or_init(|| slot_names().iter().map(|&name| (name, kinds_of(name).collect())).collect())
}

fn kinds_of(name: &str) -> impl Iterator<Item = SlotKind> + '_ {
    slotdefs().iter().filter(move |(n, _)| *n == name).map(|(_, k)| *k)
}

/// Re-derive the slots fed by dunder `name` (a class attribute was set or
/// deleted). Also done for subclasses.
pub(crate) fn update_slot(vm: &Vm, ty: &Obj, name: &str) {
    match slot_groups().iter().find(|(n, _)| *n == name) {
        Some((name, kinds)) => update_slot_kinds(vm, ty, name, kinds),
        None => update_slot_kinds(vm, ty, name, &kinds_of(name).collect::<Vec<_>>()),
    }
}

fn update_slot_kinds(vm: &Vm, ty: &Obj, name: &str, kinds: &[SlotKind]) {
    update_slot_kinds_with(vm, ty, name, kinds, &Lookups::default());
}

/// `update_slot_kinds` with the lookups already made for `ty` (each
/// subclass gets its own).
fn update_slot_kinds_with(vm: &Vm, ty: &Obj, name: &str, kinds: &[SlotKind], lookups: &Lookups) {
    let t = ty.payload::<TypeObject>().expect("type");
    if !t.is_heap_type() {
        return;
    }
    fill_slot(vm, ty, t, name, kinds, lookups);
    for id in t.subclass_ids() {
        if let Some(sub) = vm.find_live_type(id) {
            update_slot_kinds(vm, &sub, name, kinds);
        }
    }
}

/// A slot's dunder along the MRO (`_PyType_Lookup`).
fn find(vm: &Vm, t: &TypeObject, lookups: &Lookups, name: &str) -> Option<Obj> {
    if lookups.scan_mro && name.starts_with("__") {
        if let Some(dunders) = lookups.dunders.get_or_init(|| type_::mro_dunders(t)) {
            match dunders.get(&type_::dunder_key(name)) {
                None => return None,
                Some((k, v)) if pystr::as_str(k) == Some(name) => return Some(v.clone()),
                // Two names with one key: looked up the long way.
                Some(_) => {}
            }
        }
    }
    type_::lookup(vm, t, &vm.intern(name))
}

fn fill_slot(vm: &Vm, _ty: &Obj, t: &TypeObject, name: &str, kinds: &[SlotKind], lookups: &Lookups) {
    const W: u32 = slot_id::WRAPPER;
    use SlotKind::*;
    let s = &t.slots;
    match name {
        "__getattribute__" | "__getattr__" => {
            let ga = find(vm, t, lookups, "__getattribute__");
            let hook = find(vm, t, lookups, "__getattr__");
            let native =
                ga.as_ref().and_then(|a| native_wrapper(a, GetAttribute)).and_then(|o| o.slots.getattro.slot());
            s.getattro.set_slot(match (native, hook) {
                (Some(f), None) => Some(f),
                _ => Some((slot_tp_getattr_hook, W)),
            });
            return;
        }
        "__setattr__" | "__delattr__" => {
            let sa = find(vm, t, lookups, "__setattr__");
            let da = find(vm, t, lookups, "__delattr__");
            let ns = sa.as_ref().and_then(|a| native_wrapper(a, SetAttr)).and_then(|o| o.slots.setattro.slot());
            let nd = da.as_ref().and_then(|a| native_wrapper(a, DelAttr)).and_then(|o| o.slots.setattro.slot());
            s.setattro.set_slot(match (ns, nd) {
                (Some(a), Some(b)) if a.1 == b.1 => Some(a),
                (None, None) if sa.is_none() && da.is_none() => None,
                _ => Some((slot_tp_setattro, W)),
            });
            return;
        }
        "__new__" => {
            let new = find(vm, t, lookups, "__new__");
            s.new.set_slot(match &new {
                Some(f) => match f.payload::<crate::objects::builtin_func::BuiltinFunctionData>() {
                    Some(b)
                        if b.def.name == "__new__"
                            && b.self_.as_ref().is_some_and(|o| o.has_payload::<TypeObject>()) =>
                    {
                        // CPython's update_one_slot: a builtin `__new__` in
                        // the MRO means the type keeps the `__new__` it
                        // inherits from its base, whichever builtin type
                        // the function belongs to.
                        let inherited =
                            t.base().and_then(|base| base.payload::<TypeObject>().and_then(|bt| bt.slots.new.slot()));
                        inherited.or_else(|| {
                            b.self_.as_ref().and_then(|o| o.payload::<TypeObject>()).and_then(|bt| bt.slots.new.slot())
                        })
                    }
                    _ => Some((slot_tp_new as crate::object::typeobj::NewFn, W)),
                },
                None => None,
            });
            return;
        }
        "__del__" => {
            t.finalize
                .set(find(vm, t, lookups, "__del__").map(|_| slot_tp_finalize as crate::object::typeobj::FinalizeFn));
            return;
        }
        "__pow__" | "__rpow__" => {
            let p = find(vm, t, lookups, "__pow__");
            let rp = find(vm, t, lookups, "__rpow__");
            let native = p
                .as_ref()
                .and_then(|a| native_wrapper(a, Binary(NbOp::Power)))
                .filter(|_| rp.as_ref().is_some_and(|r| native_wrapper(r, RBinary(NbOp::Power)).is_some()));
            match native {
                Some(o) => {
                    s.nb_binary[NbOp::Power as usize].set_slot(o.slots.nb_binary[NbOp::Power as usize].slot());
                    s.nb_power3.set_slot(o.slots.nb_power3.slot());
                }
                None if p.is_none() && rp.is_none() => {
                    s.nb_binary[NbOp::Power as usize].set_slot(None);
                    s.nb_power3.set_slot(None);
                }
                None => {
                    s.nb_binary[NbOp::Power as usize].set_slot(Some((slot_nb_power_binary, W)));
                    s.nb_power3.set_slot(Some((slot_nb_power, W)));
                }
            }
            return;
        }
        _ => {}
    }
    for &kind in kinds {
        let attr = find(vm, t, lookups, name);
        // The counterpart of a binary operator shares the slot.
        let (attr, attr2) = match kind {
            Binary(op) | RBinary(op) => (find(vm, t, lookups, op.dunder()), find(vm, t, lookups, op.rdunder())),
            Divmod | RDivmod => (find(vm, t, lookups, "__divmod__"), find(vm, t, lookups, "__rdivmod__")),
            Richcmp(_) => (attr, None),
            _ => (attr, None),
        };
        macro_rules! set {
            ($slot:expr, $native:expr, $generic:expr) => {{
                // A wrapper of a native slot is used directly; any other
                // attribute goes through the generic slot function. (The
                // slot's own type fixes the function pointer type.)
                let v = attr.as_ref().map(|a| match native_wrapper(a, kind).and_then(|o| $native(o)) {
                    Some(f) => f,
                    None => ($generic as _, W),
                });
                $slot.set_slot(v);
            }};
        }
        match kind {
            Repr => set!(s.repr, |o: &TypeObject| o.slots.repr.slot(), slot_tp_repr),
            Str => set!(s.str, |o: &TypeObject| o.slots.str.slot(), slot_tp_str),
            Hash => {
                let v = match &attr {
                    None => None,
                    Some(a) if vm.is_none(a) => {
                        Some((hash_not_implemented as crate::object::typeobj::HashFn, slot_id::HASH_NOT_IMPLEMENTED))
                    }
                    Some(a) => match native_wrapper(a, kind).and_then(|o| o.slots.hash.slot()) {
                        Some(f) => Some(f),
                        None => Some((slot_tp_hash as crate::object::typeobj::HashFn, W)),
                    },
                };
                s.hash.set_slot(v);
            }
            Call => set!(s.call, |o: &TypeObject| o.slots.call.slot(), slot_tp_call),
            Richcmp(_) => {
                let any = [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge]
                    .iter()
                    .map(|op| find(vm, t, lookups, op.dunder()))
                    .collect::<Vec<_>>();
                let natives: Vec<_> = any
                    .iter()
                    .zip([CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge])
                    .map(|(a, op)| {
                        a.as_ref().and_then(|a| native_wrapper(a, Richcmp(op))).and_then(|o| o.slots.richcompare.slot())
                    })
                    .collect();
                let all_native_same = natives.iter().all(|n| n.is_some() && n.map(|x| x.1) == natives[0].map(|x| x.1));
                s.richcompare.set_slot(if any.iter().all(|a| a.is_none()) {
                    None
                } else if all_native_same {
                    natives[0]
                } else {
                    Some((slot_tp_richcompare, W))
                });
            }
            Iter => {
                let v = match &attr {
                    None => None,
                    Some(a) if vm.is_none(a) => {
                        Some((slot_tp_iter_none as crate::object::typeobj::UnaryFn, slot_id::ITER_NONE))
                    }
                    Some(a) => match native_wrapper(a, kind).and_then(|o| o.slots.iter.slot()) {
                        Some(f) => Some(f),
                        None => Some((slot_tp_iter as crate::object::typeobj::UnaryFn, W)),
                    },
                };
                s.iter.set_slot(v);
            }
            Next => set!(s.iternext, |o: &TypeObject| o.slots.iternext.slot(), slot_tp_iternext),
            Get => set!(s.descr_get, |o: &TypeObject| o.slots.descr_get.slot(), slot_tp_descr_get),
            Set | Delete => {
                let a1 = find(vm, t, lookups, "__set__");
                let a2 = find(vm, t, lookups, "__delete__");
                let n1 = a1.as_ref().and_then(|a| native_wrapper(a, Set)).and_then(|o| o.slots.descr_set.slot());
                s.descr_set.set_slot(if a1.is_none() && a2.is_none() {
                    None
                } else if n1.is_some() && a2.as_ref().and_then(|a| native_wrapper(a, Delete)).is_some() {
                    n1
                } else {
                    Some((slot_tp_descr_set, W))
                });
            }
            Init => set!(s.init, |o: &TypeObject| o.slots.init.slot(), slot_tp_init),
            Binary(op) | RBinary(op) => {
                let n1 = attr.as_ref().and_then(|a| native_wrapper(a, Binary(op)));
                let n2 = attr2.as_ref().and_then(|a| native_wrapper(a, RBinary(op)));
                s.nb_binary[op as usize].set_slot(if attr.is_none() && attr2.is_none() {
                    None
                } else if let (Some(x), Some(_)) = (n1, n2) {
                    x.slots.nb_binary[op as usize].slot()
                } else if attr2.is_none() && n1.is_some() {
                    n1.and_then(|x| x.slots.nb_binary[op as usize].slot())
                } else {
                    Some((binary_slot_fn(op), W))
                });
            }
            Divmod | RDivmod => {
                let n1 = attr.as_ref().and_then(|a| native_wrapper(a, Divmod));
                s.nb_divmod.set_slot(if attr.is_none() && attr2.is_none() {
                    None
                } else if n1.is_some() && attr2.as_ref().is_some_and(|a| native_wrapper(a, RDivmod).is_some()) {
                    n1.and_then(|x| x.slots.nb_divmod.slot())
                } else {
                    Some((slot_nb_divmod, W))
                });
            }
            Inplace(op) => {
                let v = match &attr {
                    None => None,
                    Some(a) => match native_wrapper(a, kind).and_then(|o| o.slots.nb_inplace[op as usize].slot()) {
                        Some(f) => Some(f),
                        None => Some((inplace_slot_fn(op), W)),
                    },
                };
                s.nb_inplace[op as usize].set_slot(v);
            }
            Neg => set!(s.nb_negative, |o: &TypeObject| o.slots.nb_negative.slot(), slot_nb_negative),
            Pos => set!(s.nb_positive, |o: &TypeObject| o.slots.nb_positive.slot(), slot_nb_positive),
            Abs => set!(s.nb_absolute, |o: &TypeObject| o.slots.nb_absolute.slot(), slot_nb_absolute),
            Invert => set!(s.nb_invert, |o: &TypeObject| o.slots.nb_invert.slot(), slot_nb_invert),
            Bool => set!(s.nb_bool, |o: &TypeObject| o.slots.nb_bool.slot(), slot_nb_bool),
            Int => set!(s.nb_int, |o: &TypeObject| o.slots.nb_int.slot(), slot_nb_int),
            Float => set!(s.nb_float, |o: &TypeObject| o.slots.nb_float.slot(), slot_nb_float),
            Index => set!(s.nb_index, |o: &TypeObject| o.slots.nb_index.slot(), slot_nb_index),
            Len => {
                let v = match &attr {
                    None => (None, None),
                    Some(a) => match native_wrapper(a, kind) {
                        Some(o) => (o.slots.sq_length.slot(), o.slots.mp_length.slot()),
                        None => (
                            Some((slot_sq_length as crate::object::typeobj::LenFn, W)),
                            Some((slot_sq_length as crate::object::typeobj::LenFn, W)),
                        ),
                    },
                };
                s.sq_length.set_slot(v.0);
                s.mp_length.set_slot(v.1);
            }
            GetItem => set!(s.mp_subscript, |o: &TypeObject| o.slots.mp_subscript.slot(), slot_mp_subscript),
            SetItem | DelItem => {
                let a1 = find(vm, t, lookups, "__setitem__");
                let a2 = find(vm, t, lookups, "__delitem__");
                let n1 =
                    a1.as_ref().and_then(|a| native_wrapper(a, SetItem)).and_then(|o| o.slots.mp_ass_subscript.slot());
                let n2 =
                    a2.as_ref().and_then(|a| native_wrapper(a, DelItem)).and_then(|o| o.slots.mp_ass_subscript.slot());
                s.mp_ass_subscript.set_slot(if a1.is_none() && a2.is_none() {
                    None
                } else if n1.is_some() && n1.map(|x| x.1) == n2.map(|x| x.1) {
                    n1
                } else {
                    Some((slot_mp_ass_subscript, W))
                });
            }
            Contains => set!(s.sq_contains, |o: &TypeObject| o.slots.sq_contains.slot(), slot_sq_contains),
            _ => {}
        }
    }
    // A class keeps its builtin base's sequence slots (list + list works
    // for a list subclass through sq_concat).
    let _ = NB_COUNT;
}

// ---- the slot_* functions ----------------------------------------------------------------------

/// Call the dunder `name` of `o`'s type with `args` (None if missing).
fn call_dunder(vm: &Vm, o: &Obj, name: &'static str, args: &[Obj]) -> PyResult<Option<Obj>> {
    vm.call_special_static(o, name, args)
}

fn call_dunder_required(vm: &Vm, o: &Obj, name: &'static str, args: &[Obj]) -> PyResult<Obj> {
    match call_dunder(vm, o, name, args)? {
        Some(r) => Ok(r),
        None => Err(vm.attribute_error(name)),
    }
}

fn slot_tp_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    match call_dunder(vm, o, "__repr__", &[])? {
        Some(r) => Ok(r),
        None => type_::object_repr(vm, o),
    }
}

fn slot_tp_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__str__", &[])
}

fn slot_tp_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let f = type_::lookup_str(vm, o.class(), "__hash__");
    match f {
        Some(f) if vm.is_none(&f) => Err(vm.unhashable(o)),
        Some(f) => {
            let r = vm.call_method_descr_obj(&f, o, &[])?;
            let Some(v) = int::value(&r) else {
                return Err(vm.type_error("__hash__ method should return an integer"));
            };
            // A result that fits in a machine word is the hash itself (-1
            // becomes -2); larger ones are reduced as hash(int) does
            // (CPython's slot_tp_hash).
            match v {
                int::IntValue::Small(h) => Ok(crate::hash::fix(*h)),
                _ => Ok(int::hash_value(v)),
            }
        }
        None => Err(vm.unhashable(o)),
    }
}

fn slot_tp_call(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let Some(f) = type_::lookup_str(vm, o.class(), "__call__") else {
        return Err(vm.not_callable(o));
    };
    vm.with_recursion(" while calling a Python object", || {
        if f.class().has_flag(crate::object::typeobj::flags::METHOD_DESCRIPTOR) {
            return vm.with_self_prepended(o, args, |full| vm.call(&f, full, kwnames));
        }
        let bound = match f.class().slots.descr_get.get() {
            Some(get) => get(vm, &f, Some(o), Some(&o.class_obj()))?,
            None => f.clone(),
        };
        vm.call(&bound, args, kwnames)
    })
}

/// `__getattribute__`, then `__getattr__` on AttributeError.
fn slot_tp_getattr_hook(vm: &Vm, o: &Obj, name: &Obj) -> PyResult<Obj> {
    let ty = o.class();
    let getattribute = type_::lookup_str(vm, ty, "__getattribute__");
    let r = match &getattribute {
        Some(ga) if native_wrapper(ga, SlotKind::GetAttribute).is_some() => {
            let f = native_wrapper(ga, SlotKind::GetAttribute).and_then(|t| t.slots.getattro.get());
            match f {
                Some(f) => f(vm, o, name),
                None => type_::generic_getattr(vm, o, name),
            }
        }
        Some(ga) => vm.call_method_descr_obj(ga, o, std::slice::from_ref(name)),
        None => type_::generic_getattr(vm, o, name),
    };
    match r {
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.attribute_error) => {
            match type_::lookup_str(vm, ty, "__getattr__") {
                Some(hook) => vm.call_method_descr_obj(&hook, o, std::slice::from_ref(name)),
                None => Err(e),
            }
        }
        r => r,
    }
}

fn slot_tp_setattro(vm: &Vm, o: &Obj, name: &Obj, value: Option<&Obj>) -> PyResult<()> {
    match value {
        Some(v) => call_dunder_required(vm, o, "__setattr__", &[name.clone(), v.clone()]).map(|_| ()),
        None => call_dunder_required(vm, o, "__delattr__", std::slice::from_ref(name)).map(|_| ()),
    }
}

fn slot_tp_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    // `__eq__ = None` blocks the comparison: calling None is the TypeError
    // CPython's slot_tp_richcompare gives.
    let Some(f) = type_::lookup(vm, a.class(), &vm.ctx.names.compare[op as usize]) else {
        return Ok(vm.not_implemented());
    };
    if f.type_is(&vm.ctx.types.function) {
        return crate::eval::call::call_function_with_self(vm, &f, a, std::slice::from_ref(b), None);
    }
    if f.class().has_flag(crate::object::typeobj::flags::METHOD_DESCRIPTOR) {
        return vm.call(&f, &[a.clone(), b.clone()], None);
    }
    // A descriptor whose __get__ fails (a property raising) means "not
    // implemented" (CPython's slot_tp_richcompare clears the error).
    let descr_get = f.class().slots.descr_get.get();
    let bound = match descr_get {
        Some(get) => match get(vm, &f, Some(a), Some(&a.class_obj())) {
            Ok(bound) => bound,
            Err(_) => return Ok(vm.not_implemented()),
        },
        None => f,
    };
    vm.call(&bound, std::slice::from_ref(b), None)
}

fn slot_tp_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__iter__", &[])
}

fn slot_tp_iter_none(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Err(vm.type_error(format!("'{}' object is not iterable", o.class().name())))
}

fn slot_tp_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    match call_dunder_required(vm, o, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) => Err(e),
    }
}

fn slot_tp_descr_get(vm: &Vm, d: &Obj, obj: Option<&Obj>, owner: Option<&Obj>) -> PyResult<Obj> {
    let Some(get) = type_::lookup_str(vm, d.class(), "__get__") else { return Ok(d.clone()) };
    let obj = obj.cloned().unwrap_or_else(|| vm.none());
    let owner = owner.cloned().unwrap_or_else(|| vm.none());
    // Called with the descriptor first, unbound (CPython's
    // slot_tp_descr_get): a builtin function as `__get__` gets three
    // arguments too.
    vm.call(&get, &[d.clone(), obj, owner], None)
}

fn slot_tp_descr_set(vm: &Vm, d: &Obj, obj: &Obj, value: Option<&Obj>) -> PyResult<()> {
    match value {
        Some(v) => call_dunder_required(vm, d, "__set__", &[obj.clone(), v.clone()]).map(|_| ()),
        None => call_dunder_required(vm, d, "__delete__", std::slice::from_ref(obj)).map(|_| ()),
    }
}

fn slot_tp_init(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let Some(f) = type_::lookup(vm, o.class(), &vm.ctx.names.dunder_init) else { return Ok(()) };
    let r = if f.type_is(&vm.ctx.types.function) {
        crate::eval::call::call_function_with_self(vm, &f, o, args, kwnames)?
    } else if f.class().has_flag(crate::object::typeobj::flags::METHOD_DESCRIPTOR) {
        vm.with_self_prepended(o, args, |full| vm.call(&f, full, kwnames))?
    } else {
        let bound = match f.class().slots.descr_get.get() {
            Some(get) => get(vm, &f, Some(o), Some(&o.class_obj()))?,
            None => f.clone(),
        };
        vm.call(&bound, args, kwnames)?
    };
    if !vm.is_none(&r) {
        return Err(vm.type_error(format!("__init__() should return None, not '{}'", r.class().name())));
    }
    Ok(())
}

fn slot_tp_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let f = vm.getattr_str(cls, "__new__")?;
    vm.with_self_prepended(cls, args, |full| vm.call(&f, full, kwnames))
}

fn slot_tp_finalize(vm: &Vm, o: &Obj) {
    let r = call_dunder(vm, o, "__del__", &[]);
    if let Err(e) = r {
        let del = type_::lookup_str(vm, o.class(), "__del__");
        vm.write_unraisable(&e, del.as_ref());
    }
}

/// Does `ty` (or a base) define `name` with a different function than `base`?
fn method_is_overloaded(vm: &Vm, left: &TypeObject, right: &TypeObject, name: &'static str) -> bool {
    let Some(b) = type_::lookup_str(vm, right, name) else { return false };
    match type_::lookup_str(vm, left, name) {
        Some(a) => !a.is(&b),
        None => true,
    }
}

/// CPython's `SLOT1BINFULL`: the binary operator slot of classes.
fn slot_binary(vm: &Vm, a: &Obj, b: &Obj, op: NbOp, dunder: &'static str, rdunder: &'static str) -> PyResult<Obj> {
    // Does the operand's type use this wrapper (rather than a native slot)?
    let uses_wrapper = |o: &Obj| o.class().slots.nb_binary[op as usize].is(slot_id::WRAPPER);
    let a_has = uses_wrapper(a);
    let mut do_other = !std::ptr::eq(a.class(), b.class()) && uses_wrapper(b);
    if a_has {
        if do_other
            && vm.is_subtype(&b.class_obj(), &a.class_obj())
            && method_is_overloaded(vm, a.class(), b.class(), rdunder)
        {
            let r = call_dunder(vm, b, rdunder, std::slice::from_ref(a))?.unwrap_or_else(|| vm.not_implemented());
            if !vm.is_not_implemented(&r) {
                return Ok(r);
            }
            do_other = false;
        }
        let r = call_dunder(vm, a, dunder, std::slice::from_ref(b))?.unwrap_or_else(|| vm.not_implemented());
        if !vm.is_not_implemented(&r) || std::ptr::eq(a.class(), b.class()) {
            return Ok(r);
        }
    }
    if do_other {
        return Ok(call_dunder(vm, b, rdunder, std::slice::from_ref(a))?.unwrap_or_else(|| vm.not_implemented()));
    }
    Ok(vm.not_implemented())
}

macro_rules! binary_slots {
    ($($fn_name:ident => $op:ident),* $(,)?) => {
        $(fn $fn_name(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
            slot_binary(vm, a, b, NbOp::$op, NbOp::$op.dunder(), NbOp::$op.rdunder())
        })*
        fn binary_slot_fn(op: NbOp) -> crate::object::typeobj::BinaryFn {
            match op { $(NbOp::$op => $fn_name,)* }
        }
    };
}

binary_slots!(
    slot_nb_add => Add,
    slot_nb_and => And,
    slot_nb_floor_divide => FloorDivide,
    slot_nb_lshift => Lshift,
    slot_nb_matrix_multiply => MatrixMultiply,
    slot_nb_multiply => Multiply,
    slot_nb_remainder => Remainder,
    slot_nb_or => Or,
    slot_nb_power_binary => Power,
    slot_nb_rshift => Rshift,
    slot_nb_subtract => Subtract,
    slot_nb_true_divide => TrueDivide,
    slot_nb_xor => Xor,
);

fn slot_nb_divmod(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
    let a_has = a.class().slots.nb_divmod.is(slot_id::WRAPPER);
    let mut do_other = !std::ptr::eq(a.class(), b.class()) && b.class().slots.nb_divmod.is(slot_id::WRAPPER);
    if a_has {
        if do_other
            && vm.is_subtype(&b.class_obj(), &a.class_obj())
            && method_is_overloaded(vm, a.class(), b.class(), "__rdivmod__")
        {
            let r = call_dunder(vm, b, "__rdivmod__", std::slice::from_ref(a))?.unwrap_or_else(|| vm.not_implemented());
            if !vm.is_not_implemented(&r) {
                return Ok(r);
            }
            do_other = false;
        }
        let r = call_dunder(vm, a, "__divmod__", std::slice::from_ref(b))?.unwrap_or_else(|| vm.not_implemented());
        if !vm.is_not_implemented(&r) || std::ptr::eq(a.class(), b.class()) {
            return Ok(r);
        }
    }
    if do_other {
        return Ok(call_dunder(vm, b, "__rdivmod__", std::slice::from_ref(a))?.unwrap_or_else(|| vm.not_implemented()));
    }
    Ok(vm.not_implemented())
}

/// Three-argument `pow` on a class: only `__pow__` of the first operand.
fn slot_nb_power(vm: &Vm, a: &Obj, b: &Obj, m: &Obj) -> PyResult<Obj> {
    if vm.is_none(m) {
        return slot_nb_power_binary(vm, a, b);
    }
    if a.class().slots.nb_power3.is(slot_id::WRAPPER) {
        return Ok(call_dunder(vm, a, "__pow__", &[b.clone(), m.clone()])?.unwrap_or_else(|| vm.not_implemented()));
    }
    Ok(vm.not_implemented())
}

macro_rules! inplace_slots {
    ($($fn_name:ident => $op:ident),* $(,)?) => {
        $(fn $fn_name(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<Obj> {
            Ok(call_dunder(vm, a, NbOp::$op.idunder(), std::slice::from_ref(b))?.unwrap_or_else(|| vm.not_implemented()))
        })*
        fn inplace_slot_fn(op: NbOp) -> crate::object::typeobj::BinaryFn {
            match op { $(NbOp::$op => $fn_name,)* }
        }
    };
}

inplace_slots!(
    slot_nb_inplace_add => Add,
    slot_nb_inplace_and => And,
    slot_nb_inplace_floor_divide => FloorDivide,
    slot_nb_inplace_lshift => Lshift,
    slot_nb_inplace_matrix_multiply => MatrixMultiply,
    slot_nb_inplace_multiply => Multiply,
    slot_nb_inplace_remainder => Remainder,
    slot_nb_inplace_or => Or,
    slot_nb_inplace_power => Power,
    slot_nb_inplace_rshift => Rshift,
    slot_nb_inplace_subtract => Subtract,
    slot_nb_inplace_true_divide => TrueDivide,
    slot_nb_inplace_xor => Xor,
);

fn slot_nb_negative(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__neg__", &[])
}

fn slot_nb_positive(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__pos__", &[])
}

fn slot_nb_absolute(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__abs__", &[])
}

fn slot_nb_invert(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__invert__", &[])
}

fn slot_nb_bool(vm: &Vm, o: &Obj) -> PyResult<bool> {
    let f = type_::lookup_str(vm, o.class(), "__bool__");
    let Some(f) = f else {
        // `__bool__ = None`: no truth value; fall back to len.
        return Ok(true);
    };
    if vm.is_none(&f) {
        return Err(vm.type_error("'NoneType' object is not callable"));
    }
    let r = vm.call_method_descr_obj(&f, o, &[])?;
    if r.is(&vm.ctx.true_) {
        return Ok(true);
    }
    if r.is(&vm.ctx.false_) {
        return Ok(false);
    }
    Err(vm.type_error(format!("__bool__ should return bool, returned {}", r.class().name())))
}

fn slot_nb_int(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__int__", &[])
}

fn slot_nb_float(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__float__", &[])
}

fn slot_nb_index(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__index__", &[])
}

fn slot_sq_length(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let r = call_dunder_required(vm, o, "__len__", &[])?;
    let v = vm.index(&r)?;
    let v = int::value(&v).expect("int");
    if v.is_negative() {
        return Err(vm.value_error("__len__() should return >= 0"));
    }
    match v.as_i64() {
        Some(n) => Ok(n as usize),
        None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

fn slot_mp_subscript(vm: &Vm, o: &Obj, key: &Obj) -> PyResult<Obj> {
    call_dunder_required(vm, o, "__getitem__", std::slice::from_ref(key))
}

fn slot_mp_ass_subscript(vm: &Vm, o: &Obj, key: &Obj, value: Option<&Obj>) -> PyResult<()> {
    match value {
        Some(v) => call_dunder_required(vm, o, "__setitem__", &[key.clone(), v.clone()]).map(|_| ()),
        None => call_dunder_required(vm, o, "__delitem__", std::slice::from_ref(key)).map(|_| ()),
    }
}

fn slot_sq_contains(vm: &Vm, o: &Obj, item: &Obj) -> PyResult<bool> {
    let f = type_::lookup_str(vm, o.class(), "__contains__");
    match f {
        Some(f) if vm.is_none(&f) => Err(vm.type_error(format!("'{}' object is not a container", o.class().name()))),
        Some(f) => {
            let r = vm.call_method_descr_obj(&f, o, std::slice::from_ref(item))?;
            vm.is_true(&r)
        }
        None => {
            // Iterate (the generic `in`).
            let it = vm.iter(o)?;
            while let Some(x) = vm.next(&it)? {
                if vm.eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}
