//! `code` (CPython's `Objects/codeobject.c`): the VM's wrapper around the
//! compiler's plain `CodeObject`, with constants and names as objects, the
//! exception table decoded for the eval loop, and the location table
//! decoded on demand (`co_positions`, `co_lines`, tracebacks).

use std::rc::Rc;

use taipan_compiler::code::{local_kind, CodeObject, Constant};

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{alloc_object, Obj, PyCell, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::str as pystr;
use crate::vm::{PyResult, Vm};

/// One entry of the exception table, in code units.
#[derive(Clone, Copy, Debug)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// Source positions of one instruction (1-based lines, 0-based UTF-8 columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Positions {
    pub line: Option<u32>,
    pub end_line: Option<u32>,
    pub col: Option<u32>,
    pub end_col: Option<u32>,
}

pub struct CodeData {
    /// The compiler's code object (the `co_*` data).
    pub co: Rc<CodeObject>,
    /// `co_code` as code units (opcode, oparg), CACHE entries included.
    pub units: Box<[u16]>,
    pub consts: Box<[Obj]>,
    /// `co_names`, interned.
    pub names: Box<[Obj]>,
    /// `co_localsplusnames`, interned.
    pub localsplusnames: Box<[Obj]>,
    pub localspluskinds: Box<[u8]>,
    pub exception_table: Box<[ExceptionEntry]>,
    pub name: Obj,
    pub qualname: Obj,
    pub filename: Obj,
    /// Number of plain locals (arguments first).
    pub nlocals: usize,
    /// LOAD_GLOBAL's cache, one entry per name: the value found while the
    /// globals and builtins dicts had these versions.
    pub global_cache: Box<[GlobalCacheEntry]>,
}

/// Where LOAD_GLOBAL found a name: an entry index in the globals dict or,
/// when `in_builtins`, in the builtins dict (indices, not values, so the
/// cache keeps nothing alive).
#[derive(Default)]
pub struct GlobalCacheEntry {
    pub globals_version: std::cell::Cell<u64>,
    pub builtins_version: std::cell::Cell<u64>,
    pub index: std::cell::Cell<usize>,
    pub in_builtins: std::cell::Cell<bool>,
}

impl PyPayload for CodeData {}

impl CodeData {
    pub fn flags(&self) -> u32 {
        self.co.flags
    }

    pub fn nlocalsplus(&self) -> usize {
        self.localsplusnames.len()
    }

    pub fn frame_size(&self) -> usize {
        self.nlocalsplus() + self.co.stacksize as usize
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.co.flags & f != 0
    }

    /// The handler for an exception raised at code unit `offset`.
    pub fn handler_for(&self, offset: u32) -> Option<ExceptionEntry> {
        self.exception_table.iter().find(|e| e.start <= offset && offset < e.end).copied()
    }

    /// The source positions of the instruction at code unit `offset`.
    pub fn positions_at(&self, offset: usize) -> Positions {
        let mut found = Positions::default();
        decode_locations(&self.co.linetable, self.co.firstlineno, |start, end, p| {
            if start <= offset && offset < end {
                found = p;
                false
            } else {
                true
            }
        });
        found
    }

    /// The line of the instruction at code unit `offset`.
    pub fn line_at(&self, offset: usize) -> Option<u32> {
        self.positions_at(offset).line
    }
}

/// Walk the 3.11 location table: `f(start_unit, end_unit, positions)` for
/// each entry until `f` returns false.
pub(crate) fn decode_locations(table: &[u8], firstlineno: u32, mut f: impl FnMut(usize, usize, Positions) -> bool) {
    let mut i = 0;
    let mut line = firstlineno as i64;
    let mut unit = 0usize;
    let read_varint = |i: &mut usize| -> u64 {
        let mut b = table.get(*i).copied().unwrap_or(0) as u64;
        *i += 1;
        let mut val = b & 63;
        let mut shift = 0;
        while b & 64 != 0 {
            b = table.get(*i).copied().unwrap_or(0) as u64;
            *i += 1;
            shift += 6;
            val |= (b & 63) << shift;
        }
        val
    };
    let read_svarint = |i: &mut usize| -> i64 {
        let uval = read_varint(i);
        if uval & 1 != 0 {
            -((uval >> 1) as i64)
        } else {
            (uval >> 1) as i64
        }
    };
    while i < table.len() {
        let first = table[i];
        i += 1;
        let code = (first >> 3) & 15;
        let length = (first & 7) as usize + 1;
        let p = match code {
            15 => Positions::default(),
            14 => {
                line += read_svarint(&mut i);
                let end_line = line + read_varint(&mut i) as i64;
                let col = read_varint(&mut i);
                let end_col = read_varint(&mut i);
                Positions {
                    line: Some(line as u32),
                    end_line: Some(end_line as u32),
                    col: col.checked_sub(1).map(|c| c as u32),
                    end_col: end_col.checked_sub(1).map(|c| c as u32),
                }
            }
            13 => {
                line += read_svarint(&mut i);
                Positions { line: Some(line as u32), end_line: Some(line as u32), col: None, end_col: None }
            }
            10..=12 => {
                line += (code - 10) as i64;
                let col = table.get(i).copied().unwrap_or(0) as u32;
                let end_col = table.get(i + 1).copied().unwrap_or(0) as u32;
                i += 2;
                Positions {
                    line: Some(line as u32),
                    end_line: Some(line as u32),
                    col: Some(col),
                    end_col: Some(end_col),
                }
            }
            _ => {
                let second = table.get(i).copied().unwrap_or(0) as u32;
                i += 1;
                let col = code as u32 * 8 + (second >> 4);
                let end_col = col + (second & 15);
                Positions {
                    line: Some(line as u32),
                    end_line: Some(line as u32),
                    col: Some(col),
                    end_col: Some(end_col),
                }
            }
        };
        if !f(unit, unit + length, p) {
            return;
        }
        unit += length;
    }
}

/// Decode CPython 3.11's exception table.
pub(crate) fn decode_exception_table(table: &[u8]) -> Vec<ExceptionEntry> {
    let mut out = Vec::new();
    let mut i = 0;
    let read = |i: &mut usize| -> u32 {
        let mut b = table.get(*i).copied().unwrap_or(0) as u32;
        *i += 1;
        let mut val = b & 63;
        while b & 64 != 0 {
            b = table.get(*i).copied().unwrap_or(0) as u32;
            *i += 1;
            val = (val << 6) | (b & 63);
        }
        val
    };
    while i < table.len() {
        let start = read(&mut i);
        let length = read(&mut i);
        let target = read(&mut i);
        let dl = read(&mut i);
        out.push(ExceptionEntry { start, end: start + length, target, depth: dl >> 1, lasti: dl & 1 != 0 });
    }
    out
}

pub(crate) fn type_object() -> TypeObject {
    let mut t =
        TypeObject::new::<CodeData>("code", std::mem::size_of::<PyCell<CodeData>>(), false, flags::IMMUTABLETYPE);
    t.doc = Some("Create a code object.  Not for the faint of heart.");
    t.slots.repr.set(Some(code_repr));
    t.slots.hash.set(Some(code_hash));
    t.slots.richcompare.set(Some(code_richcompare));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.code;
    add_getsets(
        vm,
        ty,
        &[
            GetSetDef::new("co_argcount", |vm, o| Ok(vm.new_int(code_of(o).co.argcount as i64)), None),
            GetSetDef::new("co_posonlyargcount", |vm, o| Ok(vm.new_int(code_of(o).co.posonlyargcount as i64)), None),
            GetSetDef::new("co_kwonlyargcount", |vm, o| Ok(vm.new_int(code_of(o).co.kwonlyargcount as i64)), None),
            GetSetDef::new("co_stacksize", |vm, o| Ok(vm.new_int(code_of(o).co.stacksize as i64)), None),
            GetSetDef::new("co_flags", |vm, o| Ok(vm.new_int(code_of(o).co.flags as i64)), None),
            GetSetDef::new("co_nlocals", |vm, o| Ok(vm.new_usize(code_of(o).nlocals)), None),
            GetSetDef::new("co_firstlineno", |vm, o| Ok(vm.new_int(code_of(o).co.firstlineno as i64)), None),
            GetSetDef::new("co_consts", |vm, o| Ok(vm.new_tuple(code_of(o).consts.to_vec())), None),
            GetSetDef::new("co_names", |vm, o| Ok(vm.new_tuple(code_of(o).names.to_vec())), None),
            GetSetDef::new("co_varnames", |vm, o| Ok(names_of_kind(vm, o, local_kind::LOCAL)), None),
            GetSetDef::new("co_cellvars", |vm, o| Ok(names_of_kind(vm, o, local_kind::CELL)), None),
            GetSetDef::new("co_freevars", |vm, o| Ok(names_of_kind(vm, o, local_kind::FREE)), None),
            GetSetDef::new("co_filename", |_, o| Ok(code_of(o).filename.clone()), None),
            GetSetDef::new("co_name", |_, o| Ok(code_of(o).name.clone()), None),
            GetSetDef::new("co_qualname", |_, o| Ok(code_of(o).qualname.clone()), None),
            GetSetDef::new("co_code", |vm, o| Ok(vm.new_bytes(code_of(o).co.code.clone())), None),
            GetSetDef::new("_co_code_adaptive", |vm, o| Ok(vm.new_bytes(code_of(o).co.code.clone())), None),
            GetSetDef::new("co_linetable", |vm, o| Ok(vm.new_bytes(code_of(o).co.linetable.clone())), None),
            GetSetDef::new("co_exceptiontable", |vm, o| Ok(vm.new_bytes(code_of(o).co.exceptiontable.clone())), None),
        ],
    );
    add_methods(
        vm,
        ty,
        &[
            MethodDef::method("co_positions", code_positions),
            MethodDef::method("co_lines", code_lines),
            MethodDef::method("__sizeof__", |vm, o, _, _| Ok(vm.new_usize(200 + code_of(o).units.len() * 2))),
        ],
    );
}

pub(crate) fn code_of(o: &Obj) -> &CodeData {
    o.payload::<CodeData>().expect("a code object")
}

fn names_of_kind(vm: &Vm, o: &Obj, kind: u8) -> Obj {
    let c = code_of(o);
    let v: Vec<Obj> = c
        .localsplusnames
        .iter()
        .zip(c.localspluskinds.iter())
        .filter(|(_, &k)| k & kind != 0)
        .map(|(n, _)| n.clone())
        .collect();
    vm.new_tuple(v)
}

/// Wrap a compiled code object (and, recursively, the code objects among
/// its constants).
pub(crate) fn new_code(vm: &Vm, co: Rc<CodeObject>) -> Obj {
    let consts: Vec<Obj> = co.consts.iter().map(|c| constant_to_object(vm, c)).collect();
    let names: Vec<Obj> = co.names.iter().map(|n| vm.intern(n.as_str())).collect();
    let localsplusnames: Vec<Obj> = co.localsplusnames.iter().map(|n| vm.intern(n.as_str())).collect();
    let units: Vec<u16> = co.code.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let nlocals = co.localspluskinds.iter().filter(|&&k| k & local_kind::LOCAL != 0).count();
    let data = CodeData {
        units: units.into_boxed_slice(),
        consts: consts.into_boxed_slice(),
        names: names.into_boxed_slice(),
        localsplusnames: localsplusnames.into_boxed_slice(),
        localspluskinds: co.localspluskinds.clone().into_boxed_slice(),
        exception_table: decode_exception_table(&co.exceptiontable).into_boxed_slice(),
        name: vm.intern(co.name.as_str()),
        qualname: vm.new_str(&co.qualname),
        filename: vm.intern(&co.filename),
        nlocals,
        global_cache: (0..co.names.len()).map(|_| GlobalCacheEntry::default()).collect(),
        co,
    };
    alloc_object(&vm.ctx.types.code, data)
}

/// A compile-time constant as an object.
pub(crate) fn constant_to_object(vm: &Vm, c: &Constant) -> Obj {
    match c {
        Constant::None => vm.none(),
        Constant::Ellipsis => vm.ctx.ellipsis.clone(),
        Constant::Bool(b) => vm.bool_obj(*b),
        Constant::Int(taipan_syntax::ast::Int::Small(v)) => vm.new_int(*v),
        Constant::Int(taipan_syntax::ast::Int::Big(b)) => vm.new_bigint((**b).clone()),
        Constant::Float(f) => vm.new_float(*f),
        Constant::Complex { real, imag } => vm.new_complex(*real, *imag),
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let o = vm.new_str_from_code_points(&cps);
            // Identifier-like constants are interned, as CPython does.
            match s.as_str() {
                Some(t) if t.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_') && !t.is_empty() => vm.intern(t),
                _ => o,
            }
        }
        Constant::Bytes(b) => vm.new_bytes(b.clone()),
        Constant::Tuple(items) => vm.new_tuple(items.iter().map(|c| constant_to_object(vm, c)).collect()),
        Constant::FrozenSet(items) => {
            let v = items.iter().map(|c| constant_to_object(vm, c)).collect();
            vm.new_frozenset(v).expect("hashable constants")
        }
        Constant::Code(co) => new_code(vm, co.clone()),
    }
}

fn code_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let c = code_of(o);
    Ok(vm.new_str_from_string(format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        pystr::as_str_lossy(&c.name),
        o.id(),
        pystr::as_str_lossy(&c.filename),
        c.co.firstlineno
    )))
}

fn code_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let c = code_of(o);
    let h = vm.hash(&c.name)? ^ (c.co.argcount as i64) ^ ((c.co.flags as i64) << 8) ^ (c.units.len() as i64);
    Ok(crate::hash::fix(h))
}

fn code_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    let Some(cb) = b.payload::<CodeData>() else { return Ok(vm.not_implemented()) };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let eq = a.is(b) || *code_of(a).co == *cb.co;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

fn opt_int(vm: &Vm, v: Option<u32>) -> Obj {
    v.map(|x| vm.new_int(x as i64)).unwrap_or_else(|| vm.none())
}

fn code_positions(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let c = code_of(o);
    let mut out = Vec::new();
    decode_locations(&c.co.linetable, c.co.firstlineno, |start, end, p| {
        for _ in start..end {
            out.push(vm.new_tuple(vec![
                opt_int(vm, p.line),
                opt_int(vm, p.end_line),
                opt_int(vm, p.col),
                opt_int(vm, p.end_col),
            ]));
        }
        true
    });
    let list = vm.new_list(out);
    vm.iter(&list)
}

fn code_lines(vm: &Vm, o: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let c = code_of(o);
    let mut ranges: Vec<(usize, usize, Option<u32>)> = Vec::new();
    decode_locations(&c.co.linetable, c.co.firstlineno, |start, end, p| {
        match ranges.last_mut() {
            Some(last) if last.2 == p.line && last.1 == start => last.1 = end,
            _ => ranges.push((start, end, p.line)),
        }
        true
    });
    let out: Vec<Obj> = ranges
        .into_iter()
        .map(|(s, e, l)| vm.new_tuple(vec![vm.new_usize(s * 2), vm.new_usize(e * 2), opt_int(vm, l)]))
        .collect();
    let list = vm.new_list(out);
    vm.iter(&list)
}
