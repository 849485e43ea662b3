//! The VM's public face (CPython's `Include/`): what native modules, the C
//! API and an embedding program may use. Everything else in the crate is
//! `pub(crate)`.
//!
//! **API Boundary.** `taipan-stdlib` and `taipan-capi` see only this
//! module. It is organised like CPython's headers:
//!
//! - the core: [`Vm`] (the GIL token; its methods are the abstract object
//!   protocol: `getattr`, `call`, `rich_compare`, `iter`, `new_str`,
//!   `type_error`, ...), [`Obj`] and [`Ref`] (owned references),
//!   [`PyResult`]/[`PyErr`], [`PyPayload`] for a native type's instance data;
//! - per object kind, a module of free functions (`str`, `bytes`, `int`,
//!   `dict`, `list`, `tuple`, `module`, `exceptions`);
//! - `types`: type creation from a spec, slots, method and getset tables;
//! - `args`: argument parsing with CPython's messages;
//! - `run`: embedding (build an interpreter, run code, print tracebacks).

pub use crate::object::{Obj, ObjCell, PyPayload, Ref};
pub use crate::pystate::{Interpreter, ThreadState};
pub use crate::vm::{Config, EnterGuard, ModuleDef, PyErr, PyResult, Vm};

/// Embedding: run programs and report their errors (CPython's
/// `Python/pythonrun.c`).
pub mod run {
    pub use crate::eval::run_code;
    pub use crate::pythonrun::{
        absolute_path, compile_ast, compile_source, display_path, emit_syntax_warnings, finalize, flush_io, fs_str,
        handle_uncaught, has_main_importer, main_module, print_exception, run_in_main, run_main, run_main_source,
        run_module, run_module_as_main, run_string, set_readline_hook, syntax_error, system_exit_status, MainSource,
        ReadlineFn, ReadlineResult,
    };
    pub use taipan_compiler::Mode;
    pub use taipan_syntax::InputMode;
}

/// The profile hook (CPython's `PyEval_SetProfile`): `Vm::set_profile`
/// installs a native profiler such as `_lsprof`'s.
pub mod profile {
    pub use crate::eval::profile::{ProfileEvent, ProfileHook};
}

/// The AST as Python objects (the `_ast` module's face: CPython's
/// `Python-ast.c`).
pub mod ast {
    pub use crate::ast_objects::{
        is_ast, mod_to_object, node_classes, object_to_mod, AstMode, PY_CF_ALLOW_TOP_LEVEL_AWAIT, PY_CF_ONLY_AST,
        PY_CF_TYPE_COMMENTS,
    };
}

/// The tokenizer (the `_tokenize` module's face: CPython's
/// `Python-tokenize.c`).
pub mod tokenize {
    pub use taipan_syntax::source::decode_input;
    pub use taipan_syntax::token::{Token, TokenKind};
    pub use taipan_syntax::tokenizer::{TokErr, Tokenizer};
    pub use taipan_syntax::{InputMode, SyntaxError};
}

/// Symbol tables (the `_symtable` module's face: CPython's `symtable.c`).
pub mod symtable {
    pub use crate::pythonrun::symtable_source;
    pub use taipan_compiler::symtable::{BlockType, Entry, SymbolTable};
    pub use taipan_syntax::StartRule;
}

/// Signals: Python-level handlers run in the main thread at the next
/// eval-breaker point (CPython's `signalmodule.c` core).
pub mod signals {
    pub use crate::signals::{
        exit_sigint, get_handler, os_disposition, set_handler, set_wakeup_fd, trip_signal, Disposition, Handler, NSIG,
    };
}

/// Threads (the `_thread` module's face: CPython's `pythread.h` and the
/// thread parts of `pystate.h`). The GIL itself is released with
/// `Vm::allow_threads`.
pub mod thread {
    pub use crate::pystate::current_ident;
    pub use crate::pythonrun::format_exception;
    pub use crate::pythread::{
        acquire_lock, after_fork_child, after_fork_parent, before_fork, current_exceptions, current_frames, gil_stats,
        is_finalizing, is_main_thread, start_thread, thread_count, RawLock, Wait, WaitResult,
    };
}

/// Dumping a thread's Python stack without the object machinery (the
/// `faulthandler` module's face).
pub mod traceback {
    pub use crate::traceback::{
        dump_all_threads, dump_current_thread, dump_extension_modules, dump_threads_unlocked, fatal_error,
        write_decimal, write_fd, Header,
    };
}

/// Audit events (PEP 578): `audit(vm, "event", || args)` is CPython's
/// `PySys_Audit`.
pub use crate::audit::{audit, is_auditing};

/// Exit functions (the `atexit` module's face).
pub mod atexit {
    pub use crate::atexit::{clear, count, register, run_exitfuncs, unregister};
}

/// The cycle collector (the `gc` module's face).
pub mod gc {
    pub use crate::gc::api::*;

    /// The size of the header in front of a container object (CPython's
    /// `sizeof(PyGC_Head)`), which `sys.getsizeof` adds.
    pub const SIZEOF_PYGC_HEAD: usize = crate::object::GC_HEADER_SIZE;
}

/// Tracing of memory blocks (the `_tracemalloc` module's face).
pub mod tracemalloc {
    pub use crate::tracemalloc::api::*;
}

/// Weak references (the `_weakref` module's face).
pub mod weakref {
    pub use crate::objects::weakref::api::*;
}

/// The `sys` module as the runtime uses it.
pub mod sys {
    pub use crate::modules::sys::{
        absolute_normalized, flush_std_streams, module_search_paths, note_input, note_output, sys_attr,
        take_output_tail, track_output, version_string, write_stderr, VERSION,
    };
}

/// `str` objects (CPython's `unicodeobject.h`).
pub mod str {
    pub use crate::objects::str::{as_str, as_str_lossy, data, len, StrData, StrRepr};
}

/// `bytes` objects.
pub mod bytes {
    pub use crate::objects::bytes::{as_bytes, as_bytes_ref, bytes_like};
}

/// The bytes of bytes-like objects (CPython's buffer protocol).
pub mod buffer {
    pub use crate::objects::buffer::{
        exporter, is_bytes_like, read_export, view_read, view_write, with_bytes, with_simple_bytes, with_writable,
        write_export, BufferExport, HeldExport,
    };

    /// Does `o` (a bytearray) have live exports, memoryviews that keep it
    /// from changing size (CPython's `ob_exports > 0`)?
    pub fn has_exports(o: &crate::object::Obj) -> bool {
        crate::objects::bytearray::data(o).is_some_and(|d| !d.can_resize(usize::MAX))
    }
}

/// The text codecs the interpreter implements (CPython's codecs of
/// `unicodeobject.c`), with incremental state.
pub mod codecs {
    pub use crate::codecregistry::{
        call_decode_error_handler, call_error_handler, decode, encode, forget_codec, lookup, lookup_error, register,
        register_error, unregister,
    };
    pub use crate::codecs::{
        decode_bytes, decode_chunk, encode_native, encode_str, fs_encoding, locale_codec_name, lookup_text_codec,
        replaced_input, TextCodec,
    };
}

/// Warnings (CPython's `PyErr_WarnEx`; the `_warnings` module's face).
pub mod warnings {
    pub use crate::warnings::{
        filters_mutated, get_category, source_from_globals, state_default_action, state_filters, state_once_registry,
        warn_explicit_full, warn_object, Explicit,
    };

    use crate::object::Obj;
    use crate::vm::{PyResult, Vm};

    /// Issue a warning of `category` attributed to the Python frame
    /// `stacklevel` levels up (1: the code calling the native function);
    /// an error when the warning filters turn it into one.
    pub fn warn(vm: &Vm, category: &Obj, message: &str, stacklevel: usize) -> PyResult<()> {
        crate::warnings::warn(vm, category, message, stacklevel)
    }
}

/// Unicode character properties (CPython's `Py_UNICODE_IS*` and simple
/// case mappings).
pub mod unicode {
    pub use taipan_unicode::{is_alnum, is_decimal, is_linebreak, is_space, to_lower_simple, to_upper_simple};
}

/// `int` objects.
pub mod int {
    pub use crate::objects::int::{to_decimal, value, IntValue};
}

/// `float` objects.
pub mod float {
    pub use crate::objects::float::value;

    /// `float.__repr__` of a value: the shortest text that reads back the
    /// same (CPython's `float_repr`).
    pub fn repr(x: f64) -> String {
        taipan_format::float_repr(x)
    }
}

/// `complex` objects.
pub mod complex {
    pub use crate::objects::complex::value;
}

/// `dict` objects.
pub mod dict {
    pub use crate::objects::dict::{
        data, del_item, get_item_opt, get_item_str, items, keys, len, set_item, set_item_str, values, DictData,
    };
    pub use crate::objects::dictview::{DictViewData, ViewKind};
}

/// `list` objects (CPython's `listobject.h`): item access for native
/// code. Each call touches the list only for its duration.
pub mod list {
    use crate::object::Obj;
    use crate::objects::list::data;
    use crate::vm::{PyResult, Vm};

    /// Is `o` a list (`PyList_Check`: subclasses too)?
    pub fn is_list(o: &Obj) -> bool {
        data(o).is_some()
    }

    /// `len(o)`; 0 for a non-list.
    pub fn len(o: &Obj) -> usize {
        data(o).map_or(0, |l| l.len())
    }

    /// Item `i`, None when out of range.
    pub fn get(o: &Obj, i: usize) -> Option<Obj> {
        data(o)?.get(i)
    }

    /// Replace item `i`; false when out of range. The old item is dropped.
    pub fn set(o: &Obj, i: usize, v: Obj) -> bool {
        match data(o) {
            Some(l) if i < l.len() => {
                drop(l.set(i, v));
                true
            }
            _ => false,
        }
    }

    /// Remove and return the last item.
    pub fn pop(o: &Obj) -> Option<Obj> {
        let l = data(o)?;
        let n = l.len();
        if n == 0 {
            return None;
        }
        Some(l.remove(n - 1))
    }

    /// Insert before index `i` (clamped to the length).
    pub fn insert(o: &Obj, i: usize, v: Obj) {
        if let Some(l) = data(o) {
            l.insert(i.min(l.len()), v);
        }
    }

    /// Append, with MemoryError when the list cannot grow.
    pub fn append(vm: &Vm, o: &Obj, v: Obj) -> PyResult<()> {
        crate::objects::list::try_append(vm, o, v)
    }

    /// A copy of the items of a list (or list subclass), None for others.
    pub fn items(o: &Obj) -> Option<Vec<Obj>> {
        data(o).map(|d| d.to_vec())
    }
}

/// `tuple` objects.
pub mod tuple {
    pub use crate::objects::tuple::{items, len};
}

/// Module objects.
pub mod module {
    pub use crate::modules::add_functions;
    pub use crate::objects::module::{module_dict, new_module};
}

/// Exception objects: their extra attributes and the `OSError` of an I/O
/// error.
pub mod exceptions {
    pub use crate::objects::exceptions::{
        context_of, get_extra, os_error_from_io, set_context, set_extra, set_traceback, traceback_of,
    };
}

/// Resuming generators, coroutines and other iterators with a value
/// (CPython's `PyIter_Send`): a yielded value or a returned one.
pub mod iter {
    pub use crate::objects::generator::{send_to as send, SendResult};
}

/// Capsules (CPython's `PyCapsule_*`): a value a native module exports
/// under a dotted name for other native modules.
pub mod capsule {
    pub use crate::objects::capsule::{get_value, import, new_capsule};
}

/// Type objects and the tables native types are built from.
pub mod types {
    pub use crate::object::typeobj::{
        flags, slot_id, BinaryFn, CallFn, CompareOp, HashFn, InitFn, IterNextFn, NbOp, NewFn, RichcmpFn, SlotCell,
        Slots, TypeObject, UnaryFn, UnaryOp,
    };
    pub use crate::objects::builtin_func::new_method_function as new_builtin_method;
    pub use crate::objects::descriptor::{
        add_native_members as add_readonly_members, GetSetDef, GetterFn, MethodDef, MethodFn, MethodKind,
        NativeMemberGet, SetterFn,
    };
    pub use crate::objects::generic_alias::new_generic_alias;
    pub use crate::objects::method::new_method;
    pub use crate::objects::type_::{
        assign_version_tag, generic_getattr, generic_setattr, type_modified, version_tag as type_version_tag,
    };
    pub use crate::objects::type_spec::{
        alloc_instance, member_get, member_set, new_type, new_type_with_members, payload_or_err, set_unhashable,
        TypeSpec,
    };
}

/// Struct sequence types (CPython's `PyStructSequence_*`): `os.stat_result`,
/// `time.struct_time`, ...
pub mod structseq {
    pub use crate::objects::structseq::{
        get_item, new_instance, new_type, set_extra_item, structseq_new, StructSeqField, StructSeqSpec, UNNAMED_FIELD,
    };
}

/// Argument parsing for native functions (CPython's `getargs.c`).
pub mod args {
    pub use crate::args::{exact, no_kwargs, parse, parse_spec, positional_unless_own_init, ArgSpec};
}

/// The opcode table (the `_opcode` module's face).
pub mod opcode {
    pub use taipan_compiler::flowgraph::opcode_stack_effect_with_jump;
    pub use taipan_compiler::opcode::HAVE_ARGUMENT;
}

/// The marshal format (the `marshal` module's face; `.pyc` files).
pub mod marshal {
    pub use crate::marshal::{dumps, load, loads, VERSION};
}

/// Importing modules (CPython's `PyImport_ImportModule`) and the import
/// system's native part (the `_imp` module's face).
pub mod import {
    /// Import the absolute dotted `name` and return the last module.
    pub fn import_module(vm: &crate::vm::Vm, name: &str) -> crate::vm::PyResult<crate::object::Obj> {
        crate::import::import_module(vm, name)
    }

    pub use crate::import::frozen::{
        find_frozen, frozen_module_names, get_frozen_object, is_frozen, override_frozen_modules,
    };
    pub use crate::import::{
        acquire_import_lock, create_builtin, fix_co_filename, import_lock_held, is_builtin, magic_bytes,
        release_import_lock, source_hash, CACHE_TAG, MAGIC_NUMBER,
    };
}
