//! `_pickle` (CPython's `Modules/_pickle.c`): the accelerator under Lib's
//! `pickle`: the exception classes, `Pickler` and `Unpickler` (with their
//! memo proxies), `dump`/`dumps`/`load`/`loads`, and `PickleBuffer`
//! (`Objects/picklebufobject.c`, which CPython exports from here too).
//!
//! The pickler writes the bytes CPython's C pickler writes for the same
//! objects (opcode choice, batching by 1000, memo indices, frames of 64 KiB
//! for protocol 4+), so `pickletools.dis` of either is the same; the
//! unpickler (`unpickler.rs`) is a loop over the opcodes of protocols 0-5.

mod picklebuffer;
mod pickler;
mod unpickler;

use taipan_vm::api::types::{MethodDef, TypeSpec};
use taipan_vm::api::{dict, import, module, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use crate::support::{module_type, register_type};

pub(crate) const PICKLE_ERROR: &str = "_pickle.PickleError";
pub(crate) const PICKLING_ERROR: &str = "_pickle.PicklingError";
pub(crate) const UNPICKLING_ERROR: &str = "_pickle.UnpicklingError";
pub(crate) const PICKLER: &str = "_pickle.Pickler";
pub(crate) const UNPICKLER: &str = "_pickle.Unpickler";
pub(crate) const PICKLER_MEMO_PROXY: &str = "_pickle.PicklerMemoProxy";
pub(crate) const UNPICKLER_MEMO_PROXY: &str = "_pickle.UnpicklerMemoProxy";

pub(crate) const HIGHEST_PROTOCOL: u8 = 5;
pub(crate) const DEFAULT_PROTOCOL: u8 = 4;

/// The opcodes (pickletools' names).
pub(crate) mod opcodes {
    pub(crate) const MARK: u8 = b'(';
    pub(crate) const STOP: u8 = b'.';
    pub(crate) const POP: u8 = b'0';
    pub(crate) const POP_MARK: u8 = b'1';
    pub(crate) const DUP: u8 = b'2';
    pub(crate) const FLOAT: u8 = b'F';
    pub(crate) const INT: u8 = b'I';
    pub(crate) const BININT: u8 = b'J';
    pub(crate) const BININT1: u8 = b'K';
    pub(crate) const LONG: u8 = b'L';
    pub(crate) const BININT2: u8 = b'M';
    pub(crate) const NONE: u8 = b'N';
    pub(crate) const PERSID: u8 = b'P';
    pub(crate) const BINPERSID: u8 = b'Q';
    pub(crate) const REDUCE: u8 = b'R';
    pub(crate) const STRING: u8 = b'S';
    pub(crate) const BINSTRING: u8 = b'T';
    pub(crate) const SHORT_BINSTRING: u8 = b'U';
    pub(crate) const UNICODE: u8 = b'V';
    pub(crate) const BINUNICODE: u8 = b'X';
    pub(crate) const APPEND: u8 = b'a';
    pub(crate) const BUILD: u8 = b'b';
    pub(crate) const GLOBAL: u8 = b'c';
    pub(crate) const DICT: u8 = b'd';
    pub(crate) const EMPTY_DICT: u8 = b'}';
    pub(crate) const APPENDS: u8 = b'e';
    pub(crate) const GET: u8 = b'g';
    pub(crate) const BINGET: u8 = b'h';
    pub(crate) const INST: u8 = b'i';
    pub(crate) const LONG_BINGET: u8 = b'j';
    pub(crate) const LIST: u8 = b'l';
    pub(crate) const EMPTY_LIST: u8 = b']';
    pub(crate) const OBJ: u8 = b'o';
    pub(crate) const PUT: u8 = b'p';
    pub(crate) const BINPUT: u8 = b'q';
    pub(crate) const LONG_BINPUT: u8 = b'r';
    pub(crate) const SETITEM: u8 = b's';
    pub(crate) const TUPLE: u8 = b't';
    pub(crate) const EMPTY_TUPLE: u8 = b')';
    pub(crate) const SETITEMS: u8 = b'u';
    pub(crate) const BINFLOAT: u8 = b'G';
    pub(crate) const PROTO: u8 = 0x80;
    pub(crate) const NEWOBJ: u8 = 0x81;
    pub(crate) const EXT1: u8 = 0x82;
    pub(crate) const EXT2: u8 = 0x83;
    pub(crate) const EXT4: u8 = 0x84;
    pub(crate) const TUPLE1: u8 = 0x85;
    pub(crate) const TUPLE2: u8 = 0x86;
    pub(crate) const TUPLE3: u8 = 0x87;
    pub(crate) const NEWTRUE: u8 = 0x88;
    pub(crate) const NEWFALSE: u8 = 0x89;
    pub(crate) const LONG1: u8 = 0x8a;
    pub(crate) const LONG4: u8 = 0x8b;
    pub(crate) const BINBYTES: u8 = b'B';
    pub(crate) const SHORT_BINBYTES: u8 = b'C';
    pub(crate) const SHORT_BINUNICODE: u8 = 0x8c;
    pub(crate) const BINUNICODE8: u8 = 0x8d;
    pub(crate) const BINBYTES8: u8 = 0x8e;
    pub(crate) const EMPTY_SET: u8 = 0x8f;
    pub(crate) const ADDITEMS: u8 = 0x90;
    pub(crate) const FROZENSET: u8 = 0x91;
    pub(crate) const NEWOBJ_EX: u8 = 0x92;
    pub(crate) const STACK_GLOBAL: u8 = 0x93;
    pub(crate) const MEMOIZE: u8 = 0x94;
    pub(crate) const FRAME: u8 = 0x95;
    pub(crate) const BYTEARRAY8: u8 = 0x96;
    pub(crate) const NEXT_BUFFER: u8 = 0x97;
    pub(crate) const READONLY_BUFFER: u8 = 0x98;
}

/// Is `t` the type a module registered as `key`?
pub(crate) fn module_type_is(vm: &Vm, t: &Obj, key: &str) -> bool {
    module_type(vm, key).is_some_and(|k| k.is(t))
}

fn error_type(vm: &Vm, key: &str) -> Obj {
    module_type(vm, key).unwrap_or_else(|| vm.ctx.exceptions.exception.clone())
}

pub(crate) fn unpickling_error(vm: &Vm, msg: &str) -> PyErr {
    vm.new_exception_msg(&error_type(vm, UNPICKLING_ERROR), msg)
}

pub(crate) fn pickling_error(vm: &Vm, msg: &str) -> PyErr {
    vm.new_exception_msg(&error_type(vm, PICKLING_ERROR), msg)
}

/// `_compat_pickle.<table>.get(key)`.
pub(crate) fn compat_mapping(vm: &Vm, table: &str, key: &Obj) -> PyResult<Option<Obj>> {
    let compat = import::import_module(vm, "_compat_pickle")?;
    let t = vm.getattr_str(&compat, table)?;
    if !vm.isinstance_type(&t, &vm.ctx.types.dict) {
        return Err(vm.runtime_error(format!("_compat_pickle.{table} should be a dict, not {}", t.class().name())));
    }
    dict::get_item_opt(vm, &t, key)
}

/// `sys.audit("pickle.find_class", module, name)`.
pub(crate) fn audit_find_class(vm: &Vm, module: &Obj, name: &Obj) -> PyResult<()> {
    let audit = vm.getattr_str(&vm.sys_module(), "audit")?;
    vm.call(&audit, &[vm.new_str("pickle.find_class"), module.clone(), name.clone()], None)?;
    Ok(())
}

/// `obj.<name>`, following dots when `dotted` (protocol 4's qualified
/// names), with CPython's "Can't get attribute" AttributeError.
pub(crate) fn get_attribute(vm: &Vm, obj: &Obj, name: &Obj, dotted: bool) -> PyResult<Obj> {
    let text = vm.str_string(name)?;
    let parts: Vec<&str> = if dotted { text.split('.').collect() } else { vec![text.as_str()] };
    let mut cur = obj.clone();
    for part in parts {
        if part == "<locals>" {
            let (n, r) = (vm.repr_string(name)?, vm.repr_string(obj)?);
            return Err(vm.attribute_error(format!("Can't get local attribute {n} on {r}")));
        }
        match vm.getattr_str_opt(&cur, part)? {
            Some(next) => cur = next,
            None => {
                let (n, r) = (vm.repr_string(name)?, vm.repr_string(obj)?);
                return Err(vm.attribute_error(format!("Can't get attribute {n} on {r}")));
            }
        }
    }
    Ok(cur)
}

/// The memo proxies (`Pickler.memo`, `Unpickler.memo`): views that copy
/// or clear their owner's memo.
pub(crate) struct MemoProxy {
    owner: ObjCell,
}

impl PyPayload for MemoProxy {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.owner], visit);
    }
    fn clear(&self) {
        crate::support::clear_cells(&[&self.owner]);
    }
}

pub(crate) fn new_memo_proxy(vm: &Vm, kind: &'static str, owner: &Obj) -> PyResult<Obj> {
    crate::support::alloc_exact(vm, kind, MemoProxy { owner: ObjCell::some(owner.clone()) })
}

/// The owner of a memo proxy of `kind`, if `o` is one.
pub(crate) fn memo_proxy_owner(vm: &Vm, o: &Obj, kind: &str) -> Option<Obj> {
    let ty = module_type(vm, kind)?;
    if !o.class_obj().is(&ty) {
        return None;
    }
    o.payload::<MemoProxy>()?.owner.get()
}

fn proxy_owner(vm: &Vm, me: &Obj) -> PyResult<(Obj, bool)> {
    let p = taipan_vm::api::types::payload_or_err::<MemoProxy>(vm, me, "memo proxy")?;
    let owner = p.owner.get().ok_or_else(|| vm.value_error("memo proxy has no owner"))?;
    let is_pickler = module_type(vm, PICKLER_MEMO_PROXY).is_some_and(|t| me.class_obj().is(&t));
    Ok((owner, is_pickler))
}

fn proxy_copy(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "copy", args, kwnames)?;
    let (owner, is_pickler) = proxy_owner(vm, me)?;
    if is_pickler {
        pickler::memo_copy(vm, &owner)
    } else {
        unpickler::memo_copy(vm, &owner)
    }
}

fn proxy_clear(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "clear", args, kwnames)?;
    let (owner, is_pickler) = proxy_owner(vm, me)?;
    if is_pickler {
        pickler::memo_clear(vm, &owner)?;
    } else {
        unpickler::memo_clear(vm, &owner)?;
    }
    Ok(vm.none())
}

fn proxy_reduce(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "__reduce__", args, kwnames)?;
    let copy = proxy_copy(vm, me, &[], None)?;
    let d = vm.new_tuple(vec![copy]);
    Ok(vm.new_tuple(vec![vm.ctx.types.dict.clone(), d]))
}

const PROXY_METHODS: &[MethodDef] = &[
    MethodDef {
        doc: Some("clear($self, /)\n--\n\nRemove all items from memo."),
        ..MethodDef::method("clear", proxy_clear)
    },
    MethodDef {
        doc: Some("copy($self, /)\n--\n\nCopy the memo to a new object."),
        ..MethodDef::method("copy", proxy_copy)
    },
    MethodDef {
        doc: Some("__reduce__($self, /)\n--\n\nImplement pickle support."),
        ..MethodDef::method("__reduce__", proxy_reduce)
    },
];

fn no_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.type_error(format!(
        "cannot create '{}' instances",
        cls.payload::<taipan_vm::api::types::TypeObject>().map_or("?".into(), |t| t.name().to_string())
    )))
}

fn make_proxy_type(vm: &Vm, name: &'static str) -> Obj {
    let spec = TypeSpec { name, gc: true, methods: PROXY_METHODS, ..Default::default() };
    taipan_vm::api::types::new_type::<MemoProxy>(vm, &spec, |s| s.new.set(Some(no_new)))
}

fn make_error(vm: &Vm, name: &str, base: &Obj) -> PyResult<Obj> {
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("_pickle"))?;
    let bases = vm.new_tuple(vec![base.clone()]);
    vm.call(&vm.ctx.types.type_, &[vm.new_str(name), bases, ns], None)
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if module_type(vm, PICKLE_ERROR).is_some() {
        return Ok(());
    }
    let base = make_error(vm, "PickleError", &vm.ctx.exceptions.exception)?;
    let pickling = make_error(vm, "PicklingError", &base)?;
    let unpickling = make_error(vm, "UnpicklingError", &base)?;
    register_type(vm, PICKLE_ERROR, &base);
    register_type(vm, PICKLING_ERROR, &pickling);
    register_type(vm, UNPICKLING_ERROR, &unpickling);
    register_type(vm, picklebuffer::PICKLE_BUFFER, &picklebuffer::make_type(vm));
    register_type(vm, PICKLER_MEMO_PROXY, &make_proxy_type(vm, PICKLER_MEMO_PROXY));
    register_type(vm, UNPICKLER_MEMO_PROXY, &make_proxy_type(vm, UNPICKLER_MEMO_PROXY));
    register_type(vm, UNPICKLER, &unpickler::make_type(vm));
    register_type(vm, PICKLER, &pickler::make_type(vm));
    Ok(())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef {
        doc: Some("dump($module, /, obj, file, protocol=None, *, fix_imports=True,\n     buffer_callback=None)\n--\n\nWrite a pickled representation of obj to the open file object file.\n\nThis is equivalent to ``Pickler(file, protocol).dump(obj)``, but may\nbe more efficient."),
        ..MethodDef::static_("dump", pickler::py_dump)
    },
    MethodDef {
        doc: Some("dumps($module, /, obj, protocol=None, *, fix_imports=True,\n      buffer_callback=None)\n--\n\nReturn the pickled representation of the object as a bytes object."),
        ..MethodDef::static_("dumps", pickler::py_dumps)
    },
    MethodDef {
        doc: Some("load($module, /, file, *, fix_imports=True, encoding='ASCII',\n     errors='strict', buffers=())\n--\n\nRead and return an object from the pickle data stored in a file."),
        ..MethodDef::static_("load", unpickler::py_load)
    },
    MethodDef {
        doc: Some("loads($module, data, /, *, fix_imports=True, encoding='ASCII',\n      errors='strict', buffers=())\n--\n\nRead and return an object from the given pickle data."),
        ..MethodDef::static_("loads", unpickler::py_loads)
    },
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_pickle");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Optimized C implementation for the Python pickle module."))?;
    make_types(vm)?;
    for (key, name) in [
        (PICKLE_ERROR, "PickleError"),
        (PICKLING_ERROR, "PicklingError"),
        (UNPICKLING_ERROR, "UnpicklingError"),
        (picklebuffer::PICKLE_BUFFER, "PickleBuffer"),
        (PICKLER, "Pickler"),
        (UNPICKLER, "Unpickler"),
    ] {
        if let Some(t) = module_type(vm, key) {
            dict::set_item_str(vm, &d, name, t)?;
        }
    }
    module::add_functions(vm, &m, "_pickle", FUNCTIONS);
    Ok(m)
}
