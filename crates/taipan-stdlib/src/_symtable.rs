//! `_symtable` (CPython's `Modules/symtablemodule.c` and the entry type of
//! `Python/symtable.c`): the compiler's symbol table of a source, as
//! `symtable entry` objects for Lib's `symtable` module.

use taipan_vm::api::symtable::{symtable_source, BlockType, StartRule, SymbolTable};
use taipan_vm::api::types::{new_type, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{bytes, dict, module, run, str as pystr, Obj, PyPayload, PyResult, Vm};

/// One scope (CPython's `PySTEntryObject`): what `symtable.py` reads.
struct SymtableEntry {
    id: Obj,
    name: Obj,
    symbols: Obj,
    varnames: Obj,
    children: Obj,
    nested: Obj,
    type_: Obj,
    lineno: Obj,
}

impl PyPayload for SymtableEntry {}

const TYPE_FUNCTION: i64 = 0;
const TYPE_CLASS: i64 = 1;
const TYPE_MODULE: i64 = 2;
const TYPE_ANNOTATION: i64 = 3;

const CONSTANTS: &[(&str, i64)] = &[
    ("USE", 16),
    ("DEF_GLOBAL", 1),
    ("DEF_NONLOCAL", 8),
    ("DEF_LOCAL", 2),
    ("DEF_PARAM", 4),
    ("DEF_FREE", 32),
    ("DEF_FREE_CLASS", 64),
    ("DEF_IMPORT", 128),
    ("DEF_BOUND", 134),
    ("DEF_ANNOT", 256),
    ("TYPE_FUNCTION", TYPE_FUNCTION),
    ("TYPE_CLASS", TYPE_CLASS),
    ("TYPE_MODULE", TYPE_MODULE),
    ("LOCAL", 1),
    ("GLOBAL_EXPLICIT", 2),
    ("GLOBAL_IMPLICIT", 3),
    ("FREE", 4),
    ("CELL", 5),
    ("SCOPE_OFF", 11),
    ("SCOPE_MASK", 15),
];

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("symtable", symtable)];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_symtable");
    let d = module::module_dict(&m);
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    module::add_functions(vm, &m, "_symtable", FUNCTIONS);
    Ok(m)
}

const ENTRY_TYPE_KEY: &str = "_symtable.symtable entry";

fn entry_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get(ENTRY_TYPE_KEY) {
        return t.clone();
    }
    let spec = TypeSpec { name: "symtable entry", getsets: ENTRY_GETSETS, ..Default::default() };
    let t = new_type::<SymtableEntry>(vm, &spec, |s| s.repr.set(Some(entry_repr)));
    vm.lazy_types.borrow_mut().insert(ENTRY_TYPE_KEY, t.clone());
    t
}

macro_rules! entry_getter {
    ($name:literal, $field:ident) => {
        GetSetDef::new(
            $name,
            |vm, o| match o.payload::<SymtableEntry>() {
                Some(e) => Ok(e.$field.clone()),
                None => Err(vm.type_error("expected a symtable entry")),
            },
            None,
        )
    };
}

const ENTRY_GETSETS: &[GetSetDef] = &[
    entry_getter!("id", id),
    entry_getter!("name", name),
    entry_getter!("symbols", symbols),
    entry_getter!("varnames", varnames),
    entry_getter!("children", children),
    entry_getter!("nested", nested),
    entry_getter!("type", type_),
    entry_getter!("lineno", lineno),
];

/// `<symtable entry NAME(ID), line N>`.
fn entry_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let Some(e) = o.payload::<SymtableEntry>() else {
        return Err(vm.type_error("expected a symtable entry"));
    };
    let name = pystr::as_str_lossy(&e.name).into_owned();
    let id = vm.repr_string(&e.id)?;
    let lineno = vm.repr_string(&e.lineno)?;
    Ok(vm.new_str(&format!("<symtable entry {name}({id}), line {lineno}>")))
}

/// `_symtable.symtable(source, filename, compile_type)`: the top scope.
fn symtable(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [source, filename, start] = taipan_vm::api::args::exact::<3>(vm, "symtable", args, kwnames)?;
    let (text, input) = if let Some(s) = pystr::as_str(&source) {
        (s.as_bytes().to_vec(), run::InputMode::Text)
    } else if let Some(b) = bytes::as_bytes_ref(&source) {
        (b.to_vec(), run::InputMode::Bytes)
    } else {
        return Err(vm.type_error("symtable() argument 1 must be a string or bytes object"));
    };
    // A str, bytes or path-like (CPython's PyUnicode_FSDecoder); another
    // bytes-like still works, with a DeprecationWarning.
    let filename = if bytes::as_bytes_ref(&filename).is_none() && taipan_vm::api::buffer::is_bytes_like(&filename) {
        let msg = format!("path should be string, bytes, or os.PathLike, not {}", filename.class().name());
        taipan_vm::api::warnings::warn(vm, &vm.ctx.exceptions.deprecation_warning, &msg, 1)?;
        vm.new_bytes(taipan_vm::api::buffer::with_bytes(vm, &filename, |b| b.to_vec())?)
    } else {
        crate::posix::fspath_obj(vm, &filename)?
    };
    let filename = match bytes::as_bytes_ref(&filename) {
        Some(b) => {
            let decoded = taipan_vm::api::codecs::decode_bytes(vm, b, Some("utf-8"), Some("surrogateescape"))?;
            pystr::as_str_lossy(&decoded).into_owned()
        }
        None => pystr::as_str_lossy(&filename).into_owned(),
    };
    let start = match pystr::as_str(&start) {
        Some("exec") => StartRule::File,
        Some("eval") => StartRule::Eval,
        Some("single") => StartRule::Interactive,
        Some(_) => return Err(vm.value_error("symtable() arg 3 must be 'exec' or 'eval' or 'single'")),
        None => return Err(vm.type_error(format!("symtable() argument 3 must be str, not {}", start.class().name()))),
    };
    let table = symtable_source(vm, &text, &filename, input, start)?;
    make_entry(vm, &table, 0)
}

fn make_entry(vm: &Vm, table: &SymbolTable, index: usize) -> PyResult<Obj> {
    vm.with_native_depth(|| {
        let e = &table.entries[index];
        let symbols = vm.new_dict();
        for (name, flags) in e.symbols.iter() {
            dict::set_item(vm, &symbols, vm.new_str(name), vm.new_int(i64::from(*flags)))?;
        }
        let varnames = vm.new_list(e.varnames.iter().map(|n| vm.new_str(n)).collect());
        let mut children = Vec::with_capacity(e.children.len());
        for &c in &e.children {
            children.push(make_entry(vm, table, c)?);
        }
        let type_ = match e.kind {
            BlockType::Function => TYPE_FUNCTION,
            BlockType::Class => TYPE_CLASS,
            BlockType::Module => TYPE_MODULE,
            BlockType::Annotation => TYPE_ANNOTATION,
        };
        let entry = SymtableEntry {
            // CPython's ids are addresses: never 0.
            id: vm.new_int(index as i64 + 1),
            name: vm.new_str(&e.name),
            symbols,
            varnames,
            children: vm.new_list(children),
            nested: vm.new_int(i64::from(e.nested)),
            type_: vm.new_int(type_),
            lineno: vm.new_int(i64::from(e.range.lineno)),
        };
        let ty = entry_type(vm);
        taipan_vm::api::types::alloc_instance(vm, &ty, &ty, entry)
    })
}
