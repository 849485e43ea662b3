//! The interpreter's context: its builtin types and singletons (`None`,
//! `True`, small ints, the empty tuple, interned strings). They are created
//! when the interpreter starts and are immortal (PEP 683).
//!
//! Bootstrapping follows CPython: `type` is its own type, `object` is the
//! root of every MRO; type objects are created first (`Context::new`) and get
//! their dicts, MROs and methods once enough of the object model exists to
//! build them (`finish_types`).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::eval::frame;
use crate::object::typeobj::flags;
use crate::object::{make_immortal, Obj, TypeObject};
use crate::vm::Vm;

macro_rules! declare_types {
    ($($field:ident),* $(,)?) => {
        /// The builtin types of the interpreter.
        pub struct Types {
            $(pub $field: Obj,)*
        }

        impl Types {
            /// Every builtin type, for setup passes.
            pub fn all(&self) -> Vec<&Obj> {
                vec![$(&self.$field),*]
            }
        }
    };
}

declare_types!(
    type_,
    object,
    int,
    bool_,
    float,
    complex,
    str,
    bytes,
    bytearray,
    tuple,
    list,
    dict,
    set,
    frozenset,
    range,
    slice,
    none_type,
    not_implemented_type,
    ellipsis_type,
    function,
    builtin_function,
    method,
    method_descriptor,
    classmethod_descriptor,
    wrapper_descriptor,
    method_wrapper,
    getset_descriptor,
    member_descriptor,
    property,
    staticmethod,
    classmethod,
    super_,
    code,
    cell,
    module,
    frame,
    traceback,
    generator,
    coroutine,
    coroutine_wrapper,
    async_generator,
    async_generator_asend,
    async_generator_athrow,
    async_generator_wrapped,
    list_iterator,
    list_reverseiterator,
    tuple_iterator,
    str_iterator,
    str_ascii_iterator,
    bytes_iterator,
    bytearray_iterator,
    memory_iterator,
    range_iterator,
    seq_iterator,
    callable_iterator,
    dict_keys,
    dict_values,
    dict_items,
    dict_keyiterator,
    dict_valueiterator,
    dict_itemiterator,
    dict_reversekeyiterator,
    dict_reversevalueiterator,
    dict_reverseitemiterator,
    set_iterator,
    enumerate,
    reversed,
    zip,
    map,
    filter,
    mappingproxy,
    simple_namespace,
    memoryview,
    generic_alias,
    union_type,
    weakref,
);

/// The builtin exception types, by name, in `builtins` order.
pub struct ExceptionTypes {
    pub by_name: HashMap<&'static str, Obj>,
    pub base_exception: Obj,
    pub exception: Obj,
    pub type_error: Obj,
    pub value_error: Obj,
    pub attribute_error: Obj,
    pub name_error: Obj,
    pub unbound_local_error: Obj,
    pub index_error: Obj,
    pub key_error: Obj,
    pub stop_iteration: Obj,
    pub stop_async_iteration: Obj,
    pub zero_division_error: Obj,
    pub overflow_error: Obj,
    pub recursion_error: Obj,
    pub runtime_error: Obj,
    pub not_implemented_error: Obj,
    pub system_exit: Obj,
    pub keyboard_interrupt: Obj,
    pub generator_exit: Obj,
    pub assertion_error: Obj,
    pub import_error: Obj,
    pub module_not_found_error: Obj,
    pub lookup_error: Obj,
    pub memory_error: Obj,
    pub os_error: Obj,
    pub syntax_error: Obj,
    pub indentation_error: Obj,
    pub tab_error: Obj,
    pub system_error: Obj,
    pub unicode_error: Obj,
    pub unicode_decode_error: Obj,
    pub unicode_encode_error: Obj,
    pub eof_error: Obj,
    pub buffer_error: Obj,
    pub base_exception_group: Obj,
    pub exception_group: Obj,
    pub file_not_found_error: Obj,
    pub deprecation_warning: Obj,
    pub runtime_warning: Obj,
    pub syntax_warning: Obj,
    pub user_warning: Obj,
}

/// Payload of `object` instances: nothing beyond the header.
pub(crate) struct ObjectData;
impl crate::object::PyPayload for ObjectData {}

/// Payload of `None`, `NotImplemented` and `Ellipsis`.
pub(crate) struct SingletonData;
impl crate::object::PyPayload for SingletonData {}

pub struct Context {
    pub types: Types,
    pub exceptions: ExceptionTypes,
    pub none: Obj,
    pub true_: Obj,
    pub false_: Obj,
    pub not_implemented: Obj,
    pub ellipsis: Obj,
    pub empty_tuple: Obj,
    pub empty_str: Obj,
    pub empty_bytes: Obj,
    /// Preallocated ints from -5 to 256, as CPython.
    pub small_ints: Vec<Obj>,
    /// Interned strings, by content.
    pub interned: RefCell<rustc_hash::FxHashSet<crate::objects::str::InternKey>>,
    /// The last strings interned from Rust text, by address (`Vm::intern`).
    pub(crate) intern_cache: crate::objects::str::InternCache,
    /// The key of str/bytes hashing (`PYTHONHASHSEED`).
    pub hash_key: (u64, u64),
    /// Single-character strings for code points < 256.
    pub latin1_chars: Vec<Obj>,
    /// Interned names that hot paths look up in dicts, made once so a
    /// lookup needs neither `Vm::intern` nor a string compare.
    pub(crate) names: Names,
}

/// Interned identifier strings (CPython's `_Py_ID`), for the lookups that
/// run on every function creation, `super()` call or instance creation.
pub(crate) struct Names {
    pub(crate) dunder_name: Obj,
    pub(crate) dunder_builtins: Obj,
    pub(crate) dunder_class: Obj,
    pub(crate) dunder_init: Obj,
    /// `__lt__` .. `__ge__`, indexed by `CompareOp` (the rich comparison
    /// slot of classes looks one up per comparison).
    pub(crate) compare: [Obj; 6],
}

impl Names {
    fn new(str_type: &Obj, interned: &RefCell<rustc_hash::FxHashSet<crate::objects::str::InternKey>>) -> Names {
        let make = |s: &str| crate::objects::str::intern_in(str_type, interned, s);
        Names {
            dunder_name: make("__name__"),
            dunder_builtins: make("__builtins__"),
            dunder_class: make("__class__"),
            dunder_init: make("__init__"),
            compare: [
                crate::object::typeobj::CompareOp::Lt,
                crate::object::typeobj::CompareOp::Le,
                crate::object::typeobj::CompareOp::Eq,
                crate::object::typeobj::CompareOp::Ne,
                crate::object::typeobj::CompareOp::Gt,
                crate::object::typeobj::CompareOp::Ge,
            ]
            .map(|op| make(op.dunder())),
        }
    }
}

pub(crate) const SMALL_INT_MIN: i64 = -5;
pub(crate) const SMALL_INT_MAX: i64 = 256;

/// Allocate the `type` type object, whose type is itself.
fn bootstrap_type_type() -> Obj {
    crate::object::alloc_type_type(crate::objects::type_::type_type_object())
}

/// A builtin type object: an immortal instance of `type`.
pub(crate) fn new_static_type(type_type: &Obj, t: TypeObject) -> Obj {
    let o = crate::object::alloc_object(type_type, t);
    make_immortal(&o);
    o
}

impl Context {
    pub fn new(hash_seed: Option<u64>) -> Context {
        use crate::objects::*;
        let type_ = bootstrap_type_type();
        let mk = |t: TypeObject| new_static_type(&type_, t);
        let object = mk(type_::object_type_object());
        let types = Types {
            object,
            int: mk(int::type_object()),
            bool_: mk(int::bool_type_object()),
            float: mk(float::type_object()),
            complex: mk(complex::type_object()),
            str: mk(str::type_object()),
            bytes: mk(bytes::type_object()),
            bytearray: mk(bytearray::type_object()),
            tuple: mk(tuple::type_object()),
            list: mk(list::type_object()),
            dict: mk(dict::type_object()),
            set: mk(set::type_object(false)),
            frozenset: mk(set::type_object(true)),
            range: mk(range::type_object()),
            slice: mk(slice::type_object()),
            none_type: mk(singletons::none_type_object()),
            not_implemented_type: mk(singletons::not_implemented_type_object()),
            ellipsis_type: mk(singletons::ellipsis_type_object()),
            function: mk(function::type_object()),
            builtin_function: mk(builtin_func::type_object()),
            method: mk(method::type_object()),
            method_descriptor: mk(descriptor::method_descriptor_type_object()),
            classmethod_descriptor: mk(descriptor::classmethod_descriptor_type_object()),
            wrapper_descriptor: mk(descriptor::wrapper_descriptor_type_object()),
            method_wrapper: mk(descriptor::method_wrapper_type_object()),
            getset_descriptor: mk(descriptor::getset_descriptor_type_object()),
            member_descriptor: mk(descriptor::member_descriptor_type_object()),
            property: mk(property::type_object()),
            staticmethod: mk(function::staticmethod_type_object()),
            classmethod: mk(function::classmethod_type_object()),
            super_: mk(super_::type_object()),
            code: mk(code::type_object()),
            cell: mk(cell::type_object()),
            module: mk(module::type_object()),
            frame: mk(frame::type_object()),
            traceback: mk(traceback::type_object()),
            generator: mk(generator::type_object(generator::GenKind::Generator)),
            coroutine: mk(generator::type_object(generator::GenKind::Coroutine)),
            coroutine_wrapper: mk(generator::coroutine_wrapper_type_object()),
            async_generator: mk(generator::type_object(generator::GenKind::AsyncGenerator)),
            async_generator_asend: mk(generator::asend_type_object()),
            async_generator_athrow: mk(generator::athrow_type_object()),
            async_generator_wrapped: mk(generator::wrapped_value_type_object()),
            list_iterator: mk(iter::list_iterator_type_object()),
            list_reverseiterator: mk(iter::list_reverseiterator_type_object()),
            tuple_iterator: mk(iter::tuple_iterator_type_object()),
            str_iterator: mk(iter::str_iterator_type_object()),
            str_ascii_iterator: mk(iter::str_ascii_iterator_type_object()),
            memory_iterator: mk(crate::objects::memoryview::iterator_type_object()),
            bytes_iterator: mk(iter::bytes_iterator_type_object()),
            bytearray_iterator: mk(iter::bytearray_iterator_type_object()),
            range_iterator: mk(iter::range_iterator_type_object()),
            seq_iterator: mk(iter::seq_iterator_type_object()),
            callable_iterator: mk(iter::callable_iterator_type_object()),
            dict_keys: mk(dict::view_type_object(dict::ViewKind::Keys)),
            dict_values: mk(dict::view_type_object(dict::ViewKind::Values)),
            dict_items: mk(dict::view_type_object(dict::ViewKind::Items)),
            dict_keyiterator: mk(dict::iter_type_object(dict::ViewKind::Keys, false)),
            dict_valueiterator: mk(dict::iter_type_object(dict::ViewKind::Values, false)),
            dict_itemiterator: mk(dict::iter_type_object(dict::ViewKind::Items, false)),
            dict_reversekeyiterator: mk(dict::iter_type_object(dict::ViewKind::Keys, true)),
            dict_reversevalueiterator: mk(dict::iter_type_object(dict::ViewKind::Values, true)),
            dict_reverseitemiterator: mk(dict::iter_type_object(dict::ViewKind::Items, true)),
            set_iterator: mk(set::iter_type_object()),
            enumerate: mk(iter::enumerate_type_object()),
            reversed: mk(iter::reversed_type_object()),
            zip: mk(iter::zip_type_object()),
            map: mk(iter::map_type_object()),
            filter: mk(iter::filter_type_object()),
            mappingproxy: mk(dict::mappingproxy_type_object()),
            simple_namespace: mk(module::simple_namespace_type_object()),
            memoryview: mk(bytes::memoryview_type_object()),
            generic_alias: mk(type_::generic_alias_type_object()),
            union_type: mk(type_::union_type_object()),
            weakref: mk(weakref::type_object()),
            type_,
        };
        let exceptions = exceptions::create_types(&types);

        let singleton = |ty: &Obj| {
            let o = crate::object::alloc_object(ty, SingletonData);
            make_immortal(&o);
            o
        };
        let none = singleton(&types.none_type);
        let not_implemented = singleton(&types.not_implemented_type);
        let ellipsis = singleton(&types.ellipsis_type);
        let true_ = int::new_bool_object(&types.bool_, true);
        let false_ = int::new_bool_object(&types.bool_, false);
        let small_ints = (SMALL_INT_MIN..=SMALL_INT_MAX)
            .map(|v| {
                let o = int::alloc_small(&types.int, v);
                make_immortal(&o);
                o
            })
            .collect();
        let empty_tuple = tuple::alloc_tuple(&types.tuple, Vec::new());
        make_immortal(&empty_tuple);
        let empty_str = str::alloc_str(&types.str, str::StrData::from_text(""));
        make_immortal(&empty_str);
        let empty_bytes = bytes::alloc_bytes(&types.bytes, Vec::new());
        make_immortal(&empty_bytes);
        let latin1_chars = (0u32..256)
            .map(|c| {
                let o = str::alloc_str(&types.str, str::StrData::from_code_points(&[c]));
                make_immortal(&o);
                o
            })
            .collect();
        let hash_key = match hash_seed {
            Some(seed) => crate::hash::key_from_seed(seed),
            None => crate::hash::random_key(),
        };
        let interned = RefCell::new(Default::default());
        let names = Names::new(&types.str, &interned);
        Context {
            types,
            exceptions,
            none,
            true_,
            false_,
            not_implemented,
            ellipsis,
            empty_tuple,
            empty_str,
            empty_bytes,
            small_ints,
            interned,
            intern_cache: crate::objects::str::InternCache::new(),
            hash_key,
            latin1_chars,
            names,
        }
    }
}

/// Give every builtin type its dict, bases and MRO, and fill the methods.
pub(crate) fn finish_types(vm: &Vm) {
    let t = &vm.ctx.types;
    // Bases first: every type's base chain, then MROs in creation order.
    for ty in t.all() {
        crate::objects::type_::init_static_type_base(vm, ty);
    }
    for ty in vm.ctx.exceptions.by_name.values() {
        crate::objects::type_::init_static_type_base(vm, ty);
    }
    crate::objects::setup_all(vm);
    for ty in t.all().into_iter().chain(vm.ctx.exceptions.by_name.values()) {
        let tobj = ty.payload::<TypeObject>().expect("type");
        if tobj.has_flag(flags::HEAPTYPE) {
            continue;
        }
        crate::objects::type_::inherit_slots(vm, ty);
        crate::objects::slots::add_explicit_inherited_wrappers(vm, ty);
    }
    // Every builtin type's dict has `__doc__` (None when it has no docstring).
    for ty in t.all().into_iter().chain(vm.ctx.exceptions.by_name.values()) {
        let tobj = ty.payload::<TypeObject>().expect("type");
        let d = tobj.dict();
        if crate::objects::dict::get_item_str(vm, &d, "__doc__").is_none() {
            // CPython's docstring (tools/gen_docstrings.py), else our own.
            let entry = crate::doc::of_type(tobj.name(), "");
            let doc = crate::doc::doc_value(vm, entry, "", tobj.doc);
            crate::objects::dict::set_item_str(vm, &d, "__doc__", doc).expect("type dict");
            tobj.invalidate_lookups();
        }
    }
}
