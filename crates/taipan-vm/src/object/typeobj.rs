//! The type object: CPython's `PyTypeObject` with its slots (`tp_*`,
//! `nb_*`, `sq_*`, `mp_*`). Slots are Rust function pointers; a class fills
//! them with wrappers that look up the corresponding dunder method
//! (`objects/slots.rs`), exactly as CPython's `slot_tp_*` functions do.

use std::alloc::Layout;
use std::any::TypeId;
use std::cell::{Cell, UnsafeCell};

use super::{Obj, PyObject, PyPayload, GC_HEADER_SIZE};
use crate::vm::{PyResult, Vm};

/// `tp_repr`, `tp_str`, `tp_iter`, `nb_negative`, ...: one object in, one out.
pub type UnaryFn = fn(&Vm, &Obj) -> PyResult<Obj>;
/// `nb_add` and the other binary number slots: may return `NotImplemented`.
pub type BinaryFn = fn(&Vm, &Obj, &Obj) -> PyResult<Obj>;
/// `nb_power` with its modulus.
pub(crate) type TernaryFn = fn(&Vm, &Obj, &Obj, &Obj) -> PyResult<Obj>;
pub type HashFn = fn(&Vm, &Obj) -> PyResult<i64>;
pub(crate) type InquiryFn = fn(&Vm, &Obj) -> PyResult<bool>;
pub(crate) type LenFn = fn(&Vm, &Obj) -> PyResult<usize>;
/// Vectorcall: positional arguments, then the values of the keyword
/// arguments named by `kwnames` (a tuple of str) at the end of `args`.
pub type CallFn = fn(&Vm, &Obj, &[Obj], Option<&Obj>) -> PyResult<Obj>;
pub(crate) type GetattroFn = fn(&Vm, &Obj, &Obj) -> PyResult<Obj>;
/// `tp_setattro`; `None` deletes.
pub(crate) type SetattroFn = fn(&Vm, &Obj, &Obj, Option<&Obj>) -> PyResult<()>;
pub type RichcmpFn = fn(&Vm, &Obj, &Obj, CompareOp) -> PyResult<Obj>;
/// `tp_iternext`: `Ok(None)` ends the iteration without raising StopIteration.
pub type IterNextFn = fn(&Vm, &Obj) -> PyResult<Option<Obj>>;
/// `tp_descr_get(descr, instance, owner)`.
pub(crate) type DescrGetFn = fn(&Vm, &Obj, Option<&Obj>, Option<&Obj>) -> PyResult<Obj>;
/// `tp_descr_set(descr, instance, value)`; `None` deletes.
pub(crate) type DescrSetFn = fn(&Vm, &Obj, &Obj, Option<&Obj>) -> PyResult<()>;
pub type InitFn = fn(&Vm, &Obj, &[Obj], Option<&Obj>) -> PyResult<()>;
/// `tp_new(type, args, kwnames)`.
pub type NewFn = fn(&Vm, &Obj, &[Obj], Option<&Obj>) -> PyResult<Obj>;
/// `mp_ass_subscript`; `None` deletes.
pub(crate) type AssSubscriptFn = fn(&Vm, &Obj, &Obj, Option<&Obj>) -> PyResult<()>;
pub(crate) type ContainsFn = fn(&Vm, &Obj, &Obj) -> PyResult<bool>;
/// `tp_finalize`: runs (queued, never inside `Drop`) when an object of a GC
/// type is about to be freed; it may resurrect the object.
pub(crate) type FinalizeFn = fn(&Vm, &Obj);
/// Whether a dying object's `tp_finalize` has anything to do (a generator
/// that is not suspended has nothing to close): read from the payload when
/// the refcount reaches zero, so an object with nothing to do is freed at
/// once instead of being queued and resurrected. Runs no code.
///
/// # Safety
/// The pointer is a dying (refcount zero) object of the type that holds it.
pub(crate) type FinalizeDueFn = unsafe fn(std::ptr::NonNull<PyObject>) -> bool;
/// `sq_repeat`: `seq * n`.
pub(crate) type RepeatFn = fn(&Vm, &Obj, isize) -> PyResult<Obj>;

/// Rich comparison operators, numbered as CPython's `Py_LT`..`Py_GE`
/// (which is also `COMPARE_OP`'s argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    pub fn from_u32(v: u32) -> Option<CompareOp> {
        Some(match v {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The dunder method name (`__lt__`, ...).
    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }
}

/// Binary number operators, numbered as `BINARY_OP`'s argument (CPython's
/// `NB_ADD`...`NB_XOR`); the in-place forms are these plus 13.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum NbOp {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
}

pub(crate) const NB_COUNT: usize = 13;

impl NbOp {
    pub const ALL: [NbOp; NB_COUNT] = [
        NbOp::Add,
        NbOp::And,
        NbOp::FloorDivide,
        NbOp::Lshift,
        NbOp::MatrixMultiply,
        NbOp::Multiply,
        NbOp::Remainder,
        NbOp::Or,
        NbOp::Power,
        NbOp::Rshift,
        NbOp::Subtract,
        NbOp::TrueDivide,
        NbOp::Xor,
    ];

    pub fn from_index(i: usize) -> Option<NbOp> {
        NbOp::ALL.get(i).copied()
    }

    pub fn symbol(self) -> &'static str {
        match self {
            NbOp::Add => "+",
            NbOp::And => "&",
            NbOp::FloorDivide => "//",
            NbOp::Lshift => "<<",
            NbOp::MatrixMultiply => "@",
            NbOp::Multiply => "*",
            NbOp::Remainder => "%",
            NbOp::Or => "|",
            NbOp::Power => "** or pow()",
            NbOp::Rshift => ">>",
            NbOp::Subtract => "-",
            NbOp::TrueDivide => "/",
            NbOp::Xor => "^",
        }
    }

    pub fn inplace_symbol(self) -> &'static str {
        match self {
            NbOp::Add => "+=",
            NbOp::And => "&=",
            NbOp::FloorDivide => "//=",
            NbOp::Lshift => "<<=",
            NbOp::MatrixMultiply => "@=",
            NbOp::Multiply => "*=",
            NbOp::Remainder => "%=",
            NbOp::Or => "|=",
            NbOp::Power => "**=",
            NbOp::Rshift => ">>=",
            NbOp::Subtract => "-=",
            NbOp::TrueDivide => "/=",
            NbOp::Xor => "^=",
        }
    }

    /// `__add__`, ...
    pub fn dunder(self) -> &'static str {
        match self {
            NbOp::Add => "__add__",
            NbOp::And => "__and__",
            NbOp::FloorDivide => "__floordiv__",
            NbOp::Lshift => "__lshift__",
            NbOp::MatrixMultiply => "__matmul__",
            NbOp::Multiply => "__mul__",
            NbOp::Remainder => "__mod__",
            NbOp::Or => "__or__",
            NbOp::Power => "__pow__",
            NbOp::Rshift => "__rshift__",
            NbOp::Subtract => "__sub__",
            NbOp::TrueDivide => "__truediv__",
            NbOp::Xor => "__xor__",
        }
    }

    /// `__radd__`, ...
    pub fn rdunder(self) -> &'static str {
        match self {
            NbOp::Add => "__radd__",
            NbOp::And => "__rand__",
            NbOp::FloorDivide => "__rfloordiv__",
            NbOp::Lshift => "__rlshift__",
            NbOp::MatrixMultiply => "__rmatmul__",
            NbOp::Multiply => "__rmul__",
            NbOp::Remainder => "__rmod__",
            NbOp::Or => "__ror__",
            NbOp::Power => "__rpow__",
            NbOp::Rshift => "__rrshift__",
            NbOp::Subtract => "__rsub__",
            NbOp::TrueDivide => "__rtruediv__",
            NbOp::Xor => "__rxor__",
        }
    }

    /// `__iadd__`, ...
    pub fn idunder(self) -> &'static str {
        match self {
            NbOp::Add => "__iadd__",
            NbOp::And => "__iand__",
            NbOp::FloorDivide => "__ifloordiv__",
            NbOp::Lshift => "__ilshift__",
            NbOp::MatrixMultiply => "__imatmul__",
            NbOp::Multiply => "__imul__",
            NbOp::Remainder => "__imod__",
            NbOp::Or => "__ior__",
            NbOp::Power => "__ipow__",
            NbOp::Rshift => "__irshift__",
            NbOp::Subtract => "__isub__",
            NbOp::TrueDivide => "__itruediv__",
            NbOp::Xor => "__ixor__",
        }
    }
}

/// Unary number operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negative,
    Positive,
    Invert,
}

/// One slot of a type: the function and the identity of its implementation.
///
/// CPython compares slot function pointers (is this `object_new`? do two
/// types share `nb_add`?). Rust does not promise that a function has one
/// address, or that two functions have two, so the comparison is made on
/// `id` instead: fixed ids for the implementations the VM asks about
/// ([`slot_id`]), a fresh id for every other function installed; copying
/// a slot (inheritance, a class reusing a builtin's slot) copies its id.
pub struct SlotCell<F: Copy> {
    f: Cell<Option<F>>,
    id: Cell<u32>,
}

/// The ids of slot implementations the VM recognises.
pub mod slot_id {
    /// No function.
    pub const NONE: u32 = 0;
    /// A `slot_*` wrapper that calls a class's dunder method.
    pub const WRAPPER: u32 = 1;
    /// `__hash__ = None`: instances are unhashable (CPython's
    /// `PyObject_HashNotImplemented`).
    pub const HASH_NOT_IMPLEMENTED: u32 = 2;
    pub const OBJECT_NEW: u32 = 3;
    pub const OBJECT_INIT: u32 = 4;
    pub const TYPE_NEW: u32 = 5;
    /// `PyObject_GenericGetAttr`.
    pub const GENERIC_GETATTR: u32 = 6;
    /// `__iter__ = None`.
    pub const ITER_NONE: u32 = 7;
    /// `PyObject_GenericSetAttr`.
    pub const GENERIC_SETATTR: u32 = 8;
    /// Ids from here on are handed out to other functions as installed.
    pub(crate) const FIRST_FRESH: u32 = 64;
}

static NEXT_SLOT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(slot_id::FIRST_FRESH);

impl<F: Copy> Default for SlotCell<F> {
    fn default() -> Self {
        SlotCell { f: Cell::new(None), id: Cell::new(slot_id::NONE) }
    }
}

impl<F: Copy> SlotCell<F> {
    /// The function, if the slot is filled.
    #[inline(always)]
    pub fn get(&self) -> Option<F> {
        self.f.get()
    }

    /// Install a function with an identity of its own (or empty the slot).
    pub fn set(&self, f: Option<F>) {
        let id = match f {
            Some(_) => NEXT_SLOT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            None => slot_id::NONE,
        };
        self.f.set(f);
        self.id.set(id);
    }

    /// Install one of the implementations of [`slot_id`].
    pub fn set_as(&self, f: F, id: u32) {
        self.f.set(Some(f));
        self.id.set(id);
    }

    /// The function with its identity (to copy a slot elsewhere).
    #[inline]
    pub fn slot(&self) -> Option<(F, u32)> {
        self.f.get().map(|f| (f, self.id.get()))
    }

    /// Install a copied slot (function and identity).
    pub fn set_slot(&self, s: Option<(F, u32)>) {
        match s {
            Some((f, id)) => self.set_as(f, id),
            None => self.set(None),
        }
    }

    /// Copy another slot, identity included (inheritance).
    pub fn copy_from(&self, other: &SlotCell<F>) {
        self.f.set(other.f.get());
        self.id.set(other.id.get());
    }

    /// The identity of the implementation ([`slot_id::NONE`] when empty).
    #[inline(always)]
    pub fn id(&self) -> u32 {
        self.id.get()
    }

    /// Is the slot the implementation `id`?
    #[inline(always)]
    pub fn is(&self, id: u32) -> bool {
        self.id.get() == id
    }

    /// Do both slots hold the same implementation (both filled)?
    #[inline(always)]
    pub fn same_as(&self, other: &SlotCell<F>) -> bool {
        let id = self.id.get();
        id != slot_id::NONE && id == other.id.get()
    }
}

/// The slots of a type. Assigning a dunder method on a class updates its
/// slot (CPython's `update_slot`).
#[derive(Default)]
pub struct Slots {
    pub repr: SlotCell<UnaryFn>,
    pub str: SlotCell<UnaryFn>,
    pub hash: SlotCell<HashFn>,
    pub call: SlotCell<CallFn>,
    pub getattro: SlotCell<GetattroFn>,
    pub setattro: SlotCell<SetattroFn>,
    pub richcompare: SlotCell<RichcmpFn>,
    pub iter: SlotCell<UnaryFn>,
    pub iternext: SlotCell<IterNextFn>,
    pub descr_get: SlotCell<DescrGetFn>,
    pub descr_set: SlotCell<DescrSetFn>,
    pub init: SlotCell<InitFn>,
    pub new: SlotCell<NewFn>,
    pub nb_binary: [SlotCell<BinaryFn>; NB_COUNT],
    pub nb_inplace: [SlotCell<BinaryFn>; NB_COUNT],
    pub nb_power3: SlotCell<TernaryFn>,
    pub nb_divmod: SlotCell<BinaryFn>,
    pub nb_negative: SlotCell<UnaryFn>,
    pub nb_positive: SlotCell<UnaryFn>,
    pub nb_invert: SlotCell<UnaryFn>,
    pub nb_absolute: SlotCell<UnaryFn>,
    pub nb_bool: SlotCell<InquiryFn>,
    pub nb_int: SlotCell<UnaryFn>,
    pub nb_float: SlotCell<UnaryFn>,
    pub nb_index: SlotCell<UnaryFn>,
    pub sq_length: SlotCell<LenFn>,
    pub sq_contains: SlotCell<ContainsFn>,
    /// `seq + other` when the number slots decline (list, tuple, str, bytes).
    pub sq_concat: SlotCell<BinaryFn>,
    pub sq_repeat: SlotCell<RepeatFn>,
    pub sq_inplace_concat: SlotCell<BinaryFn>,
    pub sq_inplace_repeat: SlotCell<RepeatFn>,
    pub mp_length: SlotCell<LenFn>,
    pub mp_subscript: SlotCell<BinaryFn>,
    pub mp_ass_subscript: SlotCell<AssSubscriptFn>,
}

/// `tp_flags` bits.
pub mod flags {
    pub const HEAPTYPE: u64 = 1 << 9;
    pub const BASETYPE: u64 = 1 << 10;
    pub const IS_ABSTRACT: u64 = 1 << 20;
    pub const MATCH_SELF: u64 = 1 << 22;
    pub const SEQUENCE: u64 = 1 << 5;
    pub const MAPPING: u64 = 1 << 6;
    pub const LONG_SUBCLASS: u64 = 1 << 24;
    pub const LIST_SUBCLASS: u64 = 1 << 25;
    pub const TUPLE_SUBCLASS: u64 = 1 << 26;
    pub const BYTES_SUBCLASS: u64 = 1 << 27;
    pub const UNICODE_SUBCLASS: u64 = 1 << 28;
    pub const DICT_SUBCLASS: u64 = 1 << 29;
    pub const BASE_EXC_SUBCLASS: u64 = 1 << 30;
    pub const TYPE_SUBCLASS: u64 = 1 << 31;
    /// Instances may not be given attributes of their own (no dict, no
    /// slots): a builtin type's instances.
    pub const IMMUTABLETYPE: u64 = 1 << 8;
    /// Instances are method descriptors: `LOAD_METHOD` may skip binding them.
    pub const METHOD_DESCRIPTOR: u64 = 1 << 17;
    /// The class defines `__del__` (its instances' finalizer is queued).
    pub const HAS_FINALIZER: u64 = 1 << 0;
}

/// Visits the references held by an object's payload.
pub(crate) type TraverseFn = unsafe fn(*mut PyObject, &mut dyn FnMut(&Obj));

/// CPython's `PyTypeObject` (the payload of a type object).
pub struct TypeObject {
    name: UnsafeCell<String>,
    /// `__qualname__` (a str object, set when the class is created).
    pub qualname: UnsafeCell<Option<Obj>>,
    /// The payload every instance holds (inherited from the solid base).
    pub payload_type: TypeId,
    /// Drops the payload of an instance (inherited from the solid base).
    pub drop_payload: unsafe fn(*mut PyObject),
    /// Visits the payload's references (`PyPayload::traverse`).
    pub traverse_payload: TraverseFn,
    /// Clears the payload's references (`PyPayload::clear`).
    pub clear_payload: unsafe fn(*mut PyObject),
    /// The buffer an instance's payload exports (`PyPayload::as_buffer`).
    pub buffer_payload: for<'a> fn(&'a Obj) -> Option<&'a dyn crate::objects::buffer::BufferExport>,
    /// Bytes from the object start to the end of the instance (dict and
    /// weakref slots included).
    pub basicsize: usize,
    /// Byte offset of the instance dict slot, 0 for none.
    pub dictoffset: usize,
    /// Byte offset of the weakref list slot, 0 for none.
    pub weaklistoffset: usize,
    /// Byte offset of the inline values slot (CPython 3.11's managed dict:
    /// a heap class that added the `__dict__` keeps its instances'
    /// attributes in a values array on its shared keys, and makes a dict
    /// object only when `__dict__` is asked for), 0 for none. Always right
    /// after the dict slot (`instance_values::Values`: two words).
    pub values_offset: usize,
    /// Byte offsets of the `__slots__` member slots (inherited ones too).
    pub member_offsets: Vec<usize>,
    /// Instances carry a GC header.
    pub is_gc: bool,
    pub flags: Cell<u64>,
    pub slots: Slots,
    /// `tp_finalize` (generators, classes with `__del__`).
    pub finalize: Cell<Option<FinalizeFn>>,
    /// Whether `finalize` has anything to do for a dying object (None: it
    /// may, so it is always queued). Not inherited: a subclass's queue.
    pub(crate) finalize_due: Cell<Option<FinalizeDueFn>>,
    /// The type's namespace: a dict object.
    pub dict: UnsafeCell<Option<Obj>>,
    /// `__bases__` (a tuple).
    pub bases: UnsafeCell<Option<Obj>>,
    /// `__base__` (the solid base; `None` for `object`).
    pub base: UnsafeCell<Option<Obj>>,
    /// `__mro__` (a tuple).
    pub mro: UnsafeCell<Option<Obj>>,
    /// Weak list of direct subclasses (their ids; see `objects/type_.rs`).
    pub subclasses: UnsafeCell<Vec<usize>>,
    /// Changes whenever the type or a base changes (method cache key).
    pub version_tag: Cell<u32>,
    /// `__doc__` of a builtin type.
    pub doc: Option<&'static str>,
    /// The keys its instances' `__dict__`s share (CPython's
    /// `ht_cached_keys`), made on first use.
    pub(crate) cached_keys: UnsafeCell<Option<std::rc::Rc<crate::objects::dict::SharedKeys>>>,
    /// Set for builtin types whose instances hold no references and need
    /// no teardown beyond dropping the payload (see `mark_leaf`).
    pub(crate) leaf: Option<super::LeafAlloc>,
    /// Set for builtin container types whose instances have a GC header
    /// but no member slots (see `mark_container`).
    pub(crate) container: Option<super::ContainerAlloc>,
    /// The field layout of a struct sequence type (`objects/structseq.rs`).
    pub(crate) structseq: std::cell::OnceCell<crate::objects::structseq::StructSeqInfo>,
}

impl PyPayload for TypeObject {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for c in [&self.dict, &self.bases, &self.base, &self.mro, &self.qualname] {
            // SAFETY: read only; no Python code runs.
            if let Some(o) = unsafe { (*c.get()).as_ref() } {
                visit(o);
            }
        }
    }

    /// CPython's `type_clear`: empty the namespace and drop the MRO (which
    /// holds the class itself); the bases stay.
    fn clear(&self) {
        self.invalidate_lookups();
        if let Some(d) = self.dict_opt() {
            if let Some(dd) = d.payload::<crate::objects::dict::DictData>() {
                dd.clear();
            }
        }
        if let Some(mro) = self.mro_opt() {
            let empty = crate::objects::tuple::alloc_tuple(&mro.class_obj(), Vec::new());
            self.set_mro(empty);
        }
    }
}

impl TypeObject {
    /// A type for payload `T`, with no slots filled yet.
    pub fn new<T: PyPayload>(name: &str, basicsize: usize, is_gc: bool, flags: u64) -> TypeObject {
        TypeObject {
            name: UnsafeCell::new(name.to_string()),
            qualname: UnsafeCell::new(None),
            payload_type: TypeId::of::<T>(),
            drop_payload: super::drop_payload::<T>,
            traverse_payload: super::traverse_payload::<T>,
            clear_payload: super::clear_payload::<T>,
            buffer_payload: super::buffer_payload::<T>,
            basicsize,
            dictoffset: 0,
            weaklistoffset: 0,
            values_offset: 0,
            member_offsets: Vec::new(),
            is_gc,
            flags: Cell::new(flags),
            slots: Slots::default(),
            finalize: Cell::new(None),
            finalize_due: Cell::new(None),
            dict: UnsafeCell::new(None),
            bases: UnsafeCell::new(None),
            base: UnsafeCell::new(None),
            mro: UnsafeCell::new(None),
            subclasses: UnsafeCell::new(Vec::new()),
            version_tag: Cell::new(0),
            doc: None,
            cached_keys: UnsafeCell::new(None),
            leaf: None,
            container: None,
            structseq: std::cell::OnceCell::new(),
        }
    }

    /// Mark a builtin type whose instances are leaves (CPython's types with
    /// a plain `tp_dealloc`: float, int, str, bytes, complex): no GC header,
    /// no dict, weakref or member slots, no finalizer, and a payload of `T`
    /// that holds no object references. Their allocation and deallocation
    /// take a short path (a size-class free list, no finalizer queue or
    /// trashcan). Call it last, once the layout is final.
    pub(crate) fn mark_leaf<T: PyPayload>(&mut self) {
        let plain = !self.is_gc
            && self.dictoffset == 0
            && self.weaklistoffset == 0
            && self.member_offsets.is_empty()
            && self.finalize.get().is_none()
            && self.payload_type == TypeId::of::<T>()
            && self.basicsize >= std::mem::size_of::<super::PyCell<T>>();
        self.leaf = if plain { super::LeafAlloc::new::<T>(self.alloc_layout()) } else { None };
    }

    /// Mark a builtin container type with a plain `tp_dealloc` (CPython's
    /// exact tuple, list, dict, method, function, cell, generator: no
    /// member slots; a weakref list, a `__dict__` slot and a finalizer are
    /// allowed). Allocation takes a precomputed size class and deallocation
    /// skips the slot loops, keeping the trashcan, and asks for the
    /// finalizer only when the type has one. Subclasses are not marked.
    /// Call it last, once the layout and the finalizer are final.
    pub(crate) fn mark_container<T: PyPayload>(&mut self) {
        let plain = self.is_gc
            && self.values_offset == 0
            && self.member_offsets.is_empty()
            && self.payload_type == TypeId::of::<T>()
            && self.basicsize >= std::mem::size_of::<super::PyCell<T>>();
        let finalizes = self.finalize.get().is_some();
        self.container =
            if plain { super::ContainerAlloc::new::<T>(self.alloc_layout(), self.dictoffset, finalizes) } else { None };
    }

    /// `mark_container` for a variable-size container (the exact tuple):
    /// each instance's block holds the payload and then `items(object)`
    /// references (`object::alloc_var_container`).
    pub(crate) fn mark_var_container<T: PyPayload>(&mut self, items: unsafe fn(*mut super::PyObject) -> usize) {
        self.mark_container::<T>();
        if self.container.is_some() && self.weaklistoffset == 0 && self.dictoffset == 0 && self.finalize.get().is_none()
        {
            self.container = Some(super::ContainerAlloc::new_var::<T>(items));
        }
    }

    /// `mark_container` for a container whose instances carry data of
    /// their own after the fixed part, at least `min_tail` words (a
    /// generator's frame); `words(object)` counts the words of an instance
    /// after its GC header (see `ContainerAlloc::new_tail` and
    /// `object::alloc_tail_container`). Call it last, as `mark_container`.
    pub(crate) fn mark_tail_container<T: PyPayload>(
        &mut self,
        min_tail: usize,
        words: unsafe fn(*mut super::PyObject) -> usize,
    ) {
        self.mark_container::<T>();
        if self.container.is_some() && self.dictoffset == 0 {
            let finalizes = self.finalize.get().is_some();
            self.container = super::ContainerAlloc::new_tail::<T>(self.alloc_layout(), finalizes, min_tail, words);
        }
    }

    /// The shared keys of this class's instance dicts (made now if needed).
    pub(crate) fn shared_keys(&self) -> std::rc::Rc<crate::objects::dict::SharedKeys> {
        // SAFETY: the slot is only touched here and in `cached_keys_opt`,
        // under the GIL, and no borrow outlives either.
        let slot = unsafe { &mut *self.cached_keys.get() };
        slot.get_or_insert_with(|| std::rc::Rc::new(crate::objects::dict::SharedKeys::new())).clone()
    }

    /// The shared keys, if made.
    #[inline]
    pub(crate) fn cached_keys_opt(&self) -> Option<&std::rc::Rc<crate::objects::dict::SharedKeys>> {
        // SAFETY: as in `shared_keys`; the keys are never replaced once made.
        unsafe { (*self.cached_keys.get()).as_ref() }
    }

    /// Give instances a `__dict__` slot after the payload.
    pub fn with_dict(mut self) -> TypeObject {
        self.basicsize = (self.basicsize + 7) & !7;
        self.dictoffset = self.basicsize;
        self.basicsize += std::mem::size_of::<Option<Obj>>();
        self
    }

    /// Give instances a weak reference list slot after the payload.
    pub fn with_weaklist(mut self) -> TypeObject {
        self.basicsize = (self.basicsize + 7) & !7;
        self.weaklistoffset = self.basicsize;
        self.basicsize += std::mem::size_of::<Option<Obj>>();
        self
    }

    /// `tp_name`.
    pub fn name(&self) -> &str {
        // SAFETY: the name is only replaced by `set_name`, which no caller
        // holds a borrow across (it takes no &Vm and runs no Python code).
        unsafe { &*self.name.get() }
    }

    pub fn set_name(&self, name: String) {
        // SAFETY: see `name`; the old string is dropped after the swap.
        let old = unsafe { std::mem::replace(&mut *self.name.get(), name) };
        drop(old);
    }

    pub fn has_flag(&self, f: u64) -> bool {
        self.flags.get() & f != 0
    }

    pub fn is_heap_type(&self) -> bool {
        self.has_flag(flags::HEAPTYPE)
    }

    pub fn gc_header_size(&self) -> usize {
        if self.is_gc {
            GC_HEADER_SIZE
        } else {
            0
        }
    }

    /// The memory layout of one instance (GC header included).
    pub fn alloc_layout(&self) -> Layout {
        Layout::from_size_align(self.gc_header_size() + self.basicsize, 8).expect("object layout")
    }

    /// The type's namespace dict (types always have one once built).
    pub fn dict(&self) -> Obj {
        // SAFETY: cloned out; the slot is only replaced during type setup.
        unsafe { (*self.dict.get()).clone() }.expect("type dict")
    }

    /// Set the namespace while the type is made. Never on a type with
    /// subclasses: the method cache borrows values from the dicts on a
    /// subclass's MRO while the subclass's tag is unchanged (`type_cache.rs`).
    pub fn set_dict(&self, d: Obj) {
        debug_assert!(self.subclass_ids().is_empty(), "a type's dict replaced under a subclass");
        self.invalidate_lookups();
        // SAFETY: the old value is dropped after the swap.
        let old = unsafe { (*self.dict.get()).replace(d) };
        drop(old);
    }

    /// Forget cached attribute lookups of this type (its dict or MRO changed
    /// outside `type.__setattr__`): the next lookup takes a fresh tag.
    pub fn invalidate_lookups(&self) {
        self.version_tag.set(0);
    }

    /// `__mro__`.
    pub fn mro(&self) -> Obj {
        // SAFETY: cloned out.
        unsafe { (*self.mro.get()).clone() }.expect("type mro")
    }

    pub fn set_mro(&self, mro: Obj) {
        self.invalidate_lookups();
        // SAFETY: the old value is dropped after the swap.
        let old = unsafe { (*self.mro.get()).replace(mro) };
        drop(old);
    }

    pub fn bases(&self) -> Option<Obj> {
        // SAFETY: cloned out.
        unsafe { (*self.bases.get()).clone() }
    }

    pub fn set_bases(&self, bases: Obj) {
        self.invalidate_lookups();
        // SAFETY: the old value is dropped after the swap.
        let old = unsafe { (*self.bases.get()).replace(bases) };
        drop(old);
    }

    pub fn base(&self) -> Option<Obj> {
        // SAFETY: cloned out.
        unsafe { (*self.base.get()).clone() }
    }

    pub fn set_base(&self, base: Option<Obj>) {
        // SAFETY: the old value is dropped after the swap.
        let old = unsafe { std::mem::replace(&mut *self.base.get(), base) };
        drop(old);
    }

    pub fn qualname_obj(&self) -> Option<Obj> {
        // SAFETY: cloned out.
        unsafe { (*self.qualname.get()).clone() }
    }

    pub fn set_qualname(&self, q: Obj) {
        // SAFETY: the old value is dropped after the swap.
        let old = unsafe { (*self.qualname.get()).replace(q) };
        drop(old);
    }

    pub fn add_subclass(&self, id: usize) {
        // SAFETY: no borrow of the list outlives this call.
        unsafe { (*self.subclasses.get()).push(id) }
    }

    pub fn remove_subclass(&self, id: usize) {
        // SAFETY: as above.
        unsafe { (*self.subclasses.get()).retain(|&s| s != id) }
    }

    pub fn subclass_ids(&self) -> Vec<usize> {
        // SAFETY: copied out.
        unsafe { (*self.subclasses.get()).clone() }
    }
}

impl Drop for TypeObject {
    /// A freed class leaves its bases' subclass lists, which hold ids only.
    fn drop(&mut self) {
        let my_id = (self as *const TypeObject as usize) - std::mem::offset_of!(super::PyCell<TypeObject>, payload);
        if let Some(bases) = self.bases.get_mut().take() {
            if let Some(t) = bases.payload::<crate::objects::tuple::TupleData>() {
                for b in t.items().iter() {
                    if let Some(bt) = b.payload::<TypeObject>() {
                        bt.remove_subclass(my_id);
                    }
                }
            }
        }
    }
}
