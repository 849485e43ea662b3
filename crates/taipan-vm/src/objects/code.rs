//! `code` (CPython's `Objects/codeobject.c`): a code object with constants
//! and names as objects (a compiled `CodeObject` is converted once; one
//! read by marshal is built from its objects directly), the exception table
//! decoded for the eval loop, and the location table decoded on demand
//! (`co_positions`, `co_lines`, tracebacks).

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

/// The `co_*` fields that are plain numbers and bytes.
pub struct CodeHeader {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: u32,
    pub firstlineno: u32,
    /// `co_code`: 16-bit code units (opcode, oparg), CACHE units included.
    pub code: Vec<u8>,
    /// `co_linetable` in CPython 3.11's location table format.
    pub linetable: Vec<u8>,
    /// `co_exceptiontable` in CPython 3.11's varint format.
    pub exceptiontable: Vec<u8>,
}

pub struct CodeData {
    /// The `co_*` numbers and byte strings.
    pub co: CodeHeader,
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
    /// `co_filename`; `_imp._fix_co_filename` changes it when a `.pyc`
    /// moved with its source.
    filename: crate::object::ObjCell,
    /// Number of plain locals (arguments first).
    pub nlocals: usize,
    /// LOAD_GLOBAL's cache, one entry per name: the value found while the
    /// globals and builtins dicts had these versions.
    pub global_cache: Box<[GlobalCacheEntry]>,
    /// The code units the eval loop runs (CPython's `co_code_adaptive`):
    /// `units` until the code is quickened, then rewritten in place with
    /// adaptive and specialized instructions and their inline caches.
    pub adaptive: Box<[std::cell::Cell<u16>]>,
    /// Counts up to 0 at RESUME and backward jumps; the code is quickened
    /// when it gets there (CPython's `co_warmup`).
    pub warmup: std::cell::Cell<i32>,
    /// The line of each code unit (0: none), made when a trace function
    /// first asks (CPython's `_co_linearray`).
    pub(crate) line_array: std::cell::OnceCell<Box<[u32]>>,
    /// Why the verifier refused `co_code` (None: it runs). CPython trusts
    /// the fields of `code.replace` and `CodeType(...)`, so such a code
    /// object exists and shows its fields, but it never runs: the eval
    /// loop gets one CACHE unit, which raises SystemError with this reason.
    pub(crate) malformed: Option<Box<str>>,
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
    /// `_co_code_adaptive`: the code units as the eval loop runs them.
    pub fn adaptive_bytes(&self) -> Vec<u8> {
        crate::eval::adaptive_bytes(self)
    }

    pub fn filename(&self) -> Obj {
        self.filename.get().expect("a code object has a filename")
    }

    /// `f(co_filename)` without touching its refcount (for code that may
    /// run inside a signal handler).
    pub fn with_filename<R>(&self, f: impl FnOnce(Option<&Obj>) -> R) -> R {
        self.filename.with(f)
    }

    /// `_imp._fix_co_filename`: this code object and those nested in its
    /// constants get `path` where they had the old filename.
    pub fn fix_filename(&self, vm: &Vm, old: &Obj, path: &Obj) -> PyResult<()> {
        if !vm.rich_compare_bool(&self.filename(), old, crate::object::typeobj::CompareOp::Eq)? {
            return Ok(());
        }
        self.filename.set(Some(path.clone()));
        for c in self.consts.iter() {
            if let Some(inner) = c.payload::<CodeData>() {
                inner.fix_filename(vm, old, path)?;
            }
        }
        Ok(())
    }
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

    /// `line_at` from a table made once (for tracing, which asks at
    /// every instruction).
    pub(crate) fn line_at_cached(&self, offset: usize) -> Option<u32> {
        let lines = self.line_array.get_or_init(|| {
            let mut v = vec![0u32; self.units.len()];
            decode_locations(&self.co.linetable, self.co.firstlineno, |start, end, p| {
                for slot in v.iter_mut().take(end).skip(start) {
                    *slot = p.line.unwrap_or(0);
                }
                true
            });
            v.into_boxed_slice()
        });
        lines.get(offset).copied().filter(|&l| l != 0)
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
        // (A table made by hand may hold anything: never overflow.)
        while b & 64 != 0 && *i <= table.len() {
            b = table.get(*i).copied().unwrap_or(0) as u64;
            *i += 1;
            shift += 6;
            if shift < 64 {
                val |= (b & 63) << shift;
            }
        }
        val
    };
    let read_svarint = |i: &mut usize| -> i64 {
        let uval = read_varint(i);
        if uval & 1 != 0 {
            ((uval >> 1) as i64).wrapping_neg()
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
                line = line.wrapping_add(read_svarint(&mut i));
                let end_line = line.wrapping_add(read_varint(&mut i) as i64);
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
                line = line.wrapping_add(read_svarint(&mut i));
                Positions { line: Some(line as u32), end_line: Some(line as u32), col: None, end_col: None }
            }
            10..=12 => {
                line = line.wrapping_add((code - 10) as i64);
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
        while b & 64 != 0 && *i <= table.len() {
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
        out.push(ExceptionEntry {
            start,
            end: start.saturating_add(length),
            target,
            depth: dl >> 1,
            lasti: dl & 1 != 0,
        });
    }
    out
}

pub(crate) fn type_object() -> TypeObject {
    let mut t =
        TypeObject::new::<CodeData>("code", std::mem::size_of::<PyCell<CodeData>>(), false, flags::IMMUTABLETYPE)
            .with_weaklist();
    t.doc = Some("Create a code object.  Not for the faint of heart.");
    t.slots.repr.set(Some(code_repr));
    t.slots.hash.set(Some(code_hash));
    t.slots.richcompare.set(Some(code_richcompare));
    t.slots.new.set(Some(code_new));
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
            GetSetDef::new("co_filename", |_, o| Ok(code_of(o).filename()), None),
            GetSetDef::new("co_name", |_, o| Ok(code_of(o).name.clone()), None),
            GetSetDef::new("co_qualname", |_, o| Ok(code_of(o).qualname.clone()), None),
            GetSetDef::new("co_code", |vm, o| Ok(vm.new_bytes(code_of(o).co.code.clone())), None),
            GetSetDef::new("_co_code_adaptive", |vm, o| Ok(vm.new_bytes(code_of(o).adaptive_bytes())), None),
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
            MethodDef::method("replace", code_replace),
            MethodDef::method("_varname_from_oparg", code_varname_from_oparg),
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
        consts: consts.into_boxed_slice(),
        names: names.into_boxed_slice(),
        localsplusnames: localsplusnames.into_boxed_slice(),
        localspluskinds: co.localspluskinds.clone().into_boxed_slice(),
        exception_table: decode_exception_table(&co.exceptiontable).into_boxed_slice(),
        name: vm.intern(co.name.as_str()),
        qualname: vm.new_str(&co.qualname),
        filename: crate::object::ObjCell::some(vm.intern(&co.filename)),
        nlocals,
        global_cache: (0..co.names.len()).map(|_| GlobalCacheEntry::default()).collect(),
        adaptive: crate::eval::adaptive_copy(&units),
        warmup: std::cell::Cell::new(-crate::eval::WARMUP_DELAY),
        line_array: std::cell::OnceCell::new(),
        malformed: None,
        units: units.into_boxed_slice(),
        co: CodeHeader {
            argcount: co.argcount,
            posonlyargcount: co.posonlyargcount,
            kwonlyargcount: co.kwonlyargcount,
            stacksize: co.stacksize,
            flags: co.flags,
            firstlineno: co.firstlineno,
            code: co.code.clone(),
            linetable: linetable(vm, &co.linetable),
            exceptiontable: co.exceptiontable.clone(),
        },
    };
    alloc_object(&vm.ctx.types.code, data)
}

/// A location table as the code object keeps it: without columns under
/// `-X no_debug_ranges`.
fn linetable(vm: &Vm, table: &[u8]) -> Vec<u8> {
    if vm.config.borrow().no_debug_ranges {
        remove_column_info(table)
    } else {
        table.to_vec()
    }
}

/// The location table without columns (CPython's `remove_column_info`,
/// for `-X no_debug_ranges`): each entry becomes a "no column" entry of
/// the same length and line delta; "no location" entries stay.
fn remove_column_info(table: &[u8]) -> Vec<u8> {
    const NO_COLUMNS: u8 = 13;
    const NONE: u8 = 15;
    let mut out = Vec::with_capacity(table.len());
    let mut i = 0;
    while i < table.len() {
        let first = table[i];
        let code = (first >> 3) & 15;
        if code == NONE {
            out.push(first);
        } else {
            let line_delta: i64 = match code {
                NO_COLUMNS | 14 => read_svarint(&table[i + 1..]),
                10..=12 => (code - 10) as i64,
                _ => 0,
            };
            out.push(0x80 | (NO_COLUMNS << 3) | (first & 7));
            write_svarint(&mut out, line_delta);
        }
        i += 1;
        while i < table.len() && table[i] & 0x80 == 0 {
            i += 1;
        }
    }
    out
}

/// A signed varint of the location table (6-bit groups, low first, the
/// sign in the lowest bit).
fn read_svarint(b: &[u8]) -> i64 {
    let mut v: u64 = 0;
    let mut shift = 0;
    for &byte in b {
        v |= ((byte & 63) as u64) << shift;
        shift += 6;
        if byte & 64 == 0 || shift > 60 {
            break;
        }
    }
    if v & 1 != 0 {
        -((v >> 1) as i64)
    } else {
        (v >> 1) as i64
    }
}

fn write_svarint(out: &mut Vec<u8>, v: i64) {
    let mut u = if v < 0 { ((v.unsigned_abs()) << 1) | 1 } else { (v as u64) << 1 };
    while u >= 64 {
        out.push(64 | (u & 63) as u8);
        u >>= 6;
    }
    out.push(u as u8);
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
        pystr::as_str_lossy(&c.filename()),
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
    let eq = a.is(b) || same_code(vm, code_of(a), cb)?;
    Ok(vm.bool_obj(eq == (op == CompareOp::Eq)))
}

/// Code equality as CPython's `code_richcompare` defines it: everything
/// but the filename, qualified name and stack size, constants compared by
/// type and value (`_PyCode_ConstantKey`: 0.0 and -0.0 differ).
fn same_code(vm: &Vm, a: &CodeData, b: &CodeData) -> PyResult<bool> {
    let (x, y) = (&a.co, &b.co);
    let same_names = |p: &[Obj], q: &[Obj]| p.len() == q.len() && p.iter().zip(q).all(|(m, n)| pystr::str_eq(m, n));
    if !(pystr::str_eq(&a.name, &b.name)
        && x.argcount == y.argcount
        && x.posonlyargcount == y.posonlyargcount
        && x.kwonlyargcount == y.kwonlyargcount
        && x.flags == y.flags
        && x.firstlineno == y.firstlineno
        && x.code == y.code
        && a.consts.len() == b.consts.len()
        && same_names(&a.names, &b.names)
        && same_names(&a.localsplusnames, &b.localsplusnames)
        && x.linetable == y.linetable
        && x.exceptiontable == y.exceptiontable)
    {
        return Ok(false);
    }
    for (p, q) in a.consts.iter().zip(b.consts.iter()) {
        if !same_constant(vm, p, q)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Two constants are the same for code equality: of one type and equal,
/// floats and complexes by their bits, tuples and frozensets item by item
/// (CPython compares their `_PyCode_ConstantKey`s).
fn same_constant(vm: &Vm, a: &Obj, b: &Obj) -> PyResult<bool> {
    use crate::objects::{complex, float, set, tuple};
    if !std::ptr::eq(a.class(), b.class()) {
        return Ok(false);
    }
    let t = &vm.ctx.types;
    if a.type_is(&t.float) {
        return Ok(float::value(a).map(f64::to_bits) == float::value(b).map(f64::to_bits));
    }
    if a.type_is(&t.complex) {
        let ((r1, i1), (r2, i2)) = (complex::parts(a), complex::parts(b));
        return Ok(r1.to_bits() == r2.to_bits() && i1.to_bits() == i2.to_bits());
    }
    if a.type_is(&t.tuple) {
        let (p, q) = (tuple::items(a), tuple::items(b));
        if p.len() != q.len() {
            return Ok(false);
        }
        for (x, y) in p.iter().zip(q) {
            if !same_constant(vm, x, y)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    if a.type_is(&t.frozenset) {
        let (p, q) = (set::data(a).expect("a frozenset").keys(), set::data(b).expect("a frozenset").keys());
        if p.len() != q.len() {
            return Ok(false);
        }
        for x in &p {
            let mut found = false;
            for y in &q {
                if same_constant(vm, x, y)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    if let (Some(x), Some(y)) = (a.payload::<CodeData>(), b.payload::<CodeData>()) {
        return same_code(vm, x, y);
    }
    if a.is(b) {
        return Ok(true);
    }
    vm.rich_compare_bool(a, b, CompareOp::Eq)
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

/// `code._varname_from_oparg(oparg)`: the name of the fast local, cell
/// or free variable an instruction's argument indexes (`dis` uses it).
fn code_varname_from_oparg(vm: &Vm, o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "_varname_from_oparg", args, kw, &["oparg"], 1)?;
    let oparg = c_int(vm, a[0].as_ref().expect("required"))?;
    let names = &code_of(o).localsplusnames;
    match usize::try_from(oparg).ok().and_then(|i| names.get(i)) {
        Some(n) => Ok(n.clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
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

// ---- code(...) and code.replace(...) ------------------------------------------------------------

/// The fields of a code object given from Python.
struct CodeArgs {
    argcount: i64,
    posonlyargcount: i64,
    kwonlyargcount: i64,
    nlocals: i64,
    stacksize: i64,
    flags: i64,
    firstlineno: i64,
    code: Vec<u8>,
    consts: Vec<Obj>,
    names: Vec<Obj>,
    varnames: Vec<Obj>,
    freevars: Vec<Obj>,
    cellvars: Vec<Obj>,
    filename: Obj,
    name: Obj,
    qualname: Obj,
    linetable: Vec<u8>,
    exceptiontable: Vec<u8>,
}

/// How Argument Clinic names a wrong argument's type ("None" for None).
fn arg_type_name(vm: &Vm, o: &Obj) -> String {
    if vm.is_none(o) {
        "None".into()
    } else {
        o.class().name().to_string()
    }
}

/// A C `int` argument (CPython's `_PyLong_AsInt`).
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let v = vm.index_value(o)?;
    match v.as_i64().filter(|v| i32::try_from(*v).is_ok()) {
        Some(v) => Ok(v),
        None => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

fn bytes_arg(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<Vec<u8>> {
    match crate::objects::bytes::as_bytes_ref(o) {
        Some(b) => Ok(b.to_vec()),
        None => Err(vm.type_error(format!("{fname}() argument {what} must be bytes, not {}", arg_type_name(vm, o)))),
    }
}

fn tuple_arg(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<Vec<Obj>> {
    match o.payload::<crate::objects::tuple::TupleData>() {
        Some(t) => Ok(t.items().to_vec()),
        None => Err(vm.type_error(format!("{fname}() argument {what} must be tuple, not {}", arg_type_name(vm, o)))),
    }
}

fn str_arg(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<Obj> {
    if pystr::data(o).is_some() {
        Ok(o.clone())
    } else {
        Err(vm.type_error(format!("{fname}() argument {what} must be str, not {}", arg_type_name(vm, o))))
    }
}

/// A tuple of names (co_names, co_varnames, ...): str only.
fn names_arg(vm: &Vm, fname: &str, what: &str, o: &Obj) -> PyResult<Vec<Obj>> {
    let v = tuple_arg(vm, fname, what, o)?;
    if let Some(bad) = v.iter().find(|n| pystr::data(n).is_none()) {
        return Err(vm.type_error(format!("name tuples must contain only strings, not '{}'", bad.class().name())));
    }
    Ok(v)
}

/// `code(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize,
/// flags, codestring, constants, names, varnames, filename, name, qualname,
/// firstlineno, linetable, exceptiontable, freevars=(), cellvars=(), /)`.
fn code_new(vm: &Vm, _cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if kwnames.is_some_and(|k| crate::objects::tuple::len(k) > 0) {
        return Err(vm.type_error("code() takes no keyword arguments"));
    }
    if args.len() < 16 || args.len() > 18 {
        let (bound, n) = if args.len() < 16 { ("at least", 16) } else { ("at most", 18) };
        return Err(vm.type_error(format!("code expected {bound} {n} arguments, got {}", args.len())));
    }
    let f = "code";
    let ints: Vec<i64> = (0..6).map(|i| c_int(vm, &args[i])).collect::<PyResult<_>>()?;
    for (i, what) in ["argcount", "posonlyargcount", "kwonlyargcount", "nlocals"].iter().enumerate() {
        if ints[i] < 0 {
            return Err(vm.value_error(format!("code: {what} must not be negative")));
        }
    }
    let a = CodeArgs {
        argcount: ints[0],
        posonlyargcount: ints[1],
        kwonlyargcount: ints[2],
        nlocals: ints[3],
        stacksize: ints[4],
        flags: ints[5],
        code: bytes_arg(vm, f, "7", &args[6])?,
        consts: tuple_arg(vm, f, "8", &args[7])?,
        names: names_arg(vm, f, "9", &args[8])?,
        varnames: names_arg(vm, f, "10", &args[9])?,
        filename: str_arg(vm, f, "11", &args[10])?,
        name: str_arg(vm, f, "12", &args[11])?,
        qualname: str_arg(vm, f, "13", &args[12])?,
        firstlineno: c_int(vm, &args[13])?,
        linetable: bytes_arg(vm, f, "15", &args[14])?,
        exceptiontable: bytes_arg(vm, f, "16", &args[15])?,
        freevars: match args.get(16) {
            Some(o) => names_arg(vm, f, "17", o)?,
            None => Vec::new(),
        },
        cellvars: match args.get(17) {
            Some(o) => names_arg(vm, f, "18", o)?,
            None => Vec::new(),
        },
    };
    if a.nlocals as usize != a.varnames.len() {
        return Err(vm.value_error("code: co_nlocals != len(co_varnames)"));
    }
    build_code(vm, a)
}

/// `code.replace(**changes)`: a copy with some fields changed.
fn code_replace(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    if !pos.is_empty() {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    let c = code_of(o);
    let f = "replace";
    let mut a = CodeArgs {
        argcount: c.co.argcount as i64,
        posonlyargcount: c.co.posonlyargcount as i64,
        kwonlyargcount: c.co.kwonlyargcount as i64,
        nlocals: c.nlocals as i64,
        stacksize: c.co.stacksize as i64,
        flags: c.co.flags as i64,
        firstlineno: c.co.firstlineno as i64,
        code: c.co.code.clone(),
        consts: c.consts.to_vec(),
        names: c.names.to_vec(),
        varnames: names_list(c, local_kind::LOCAL),
        freevars: names_list(c, local_kind::FREE),
        cellvars: names_list(c, local_kind::CELL),
        filename: c.filename(),
        name: c.name.clone(),
        qualname: c.qualname.clone(),
        linetable: c.co.linetable.clone(),
        exceptiontable: c.co.exceptiontable.clone(),
    };
    let mut nlocals_given = false;
    for (k, v) in kw {
        let key = pystr::as_str_lossy(&k).into_owned();
        let what = format!("'{key}'");
        let positive = |vm: &Vm, v: &Obj| -> PyResult<i64> {
            let n = c_int(vm, v)?;
            if n < 0 {
                return Err(vm.value_error(format!("{key} must be a positive integer")));
            }
            Ok(n)
        };
        match key.as_str() {
            "co_argcount" => a.argcount = positive(vm, &v)?,
            "co_posonlyargcount" => a.posonlyargcount = positive(vm, &v)?,
            "co_kwonlyargcount" => a.kwonlyargcount = positive(vm, &v)?,
            "co_nlocals" => {
                a.nlocals = positive(vm, &v)?;
                nlocals_given = true;
            }
            "co_stacksize" => a.stacksize = positive(vm, &v)?,
            "co_flags" => a.flags = positive(vm, &v)?,
            "co_firstlineno" => a.firstlineno = c_int(vm, &v)?,
            "co_code" => a.code = bytes_arg(vm, f, &what, &v)?,
            "co_consts" => a.consts = tuple_arg(vm, f, &what, &v)?,
            "co_names" => a.names = replace_names(vm, f, &what, &v)?,
            "co_varnames" => a.varnames = replace_names(vm, f, &what, &v)?,
            "co_freevars" => a.freevars = replace_names(vm, f, &what, &v)?,
            "co_cellvars" => a.cellvars = replace_names(vm, f, &what, &v)?,
            "co_filename" => a.filename = str_arg(vm, f, &what, &v)?,
            "co_name" => a.name = str_arg(vm, f, &what, &v)?,
            "co_qualname" => a.qualname = str_arg(vm, f, &what, &v)?,
            "co_linetable" => a.linetable = bytes_arg(vm, f, &what, &v)?,
            "co_exceptiontable" => a.exceptiontable = bytes_arg(vm, f, &what, &v)?,
            _ => return Err(vm.type_error(format!("'{key}' is an invalid keyword argument for replace()"))),
        }
    }
    if !nlocals_given {
        a.nlocals = a.varnames.len() as i64;
    }
    if a.nlocals as usize != a.varnames.len() {
        return Err(vm.value_error("code: co_nlocals != len(co_varnames)"));
    }
    build_code(vm, a)
}

/// A name tuple given to `replace`: non-str items are CPython's SystemError.
fn replace_names(vm: &Vm, f: &str, what: &str, o: &Obj) -> PyResult<Vec<Obj>> {
    let v = tuple_arg(vm, f, what, o)?;
    if v.iter().any(|n| pystr::data(n).is_none()) {
        return Err(vm.system_error("non-string found in code slot"));
    }
    Ok(v)
}

fn names_list(c: &CodeData, kind: u8) -> Vec<Obj> {
    c.localsplusnames
        .iter()
        .zip(c.localspluskinds.iter())
        .filter(|(_, &k)| k & kind != 0)
        .map(|(n, _)| n.clone())
        .collect()
}

/// Check the fields as CPython's `_PyCode_Validate` does, then the bytecode
/// (eval/verify.rs), and make the code object.
fn build_code(vm: &Vm, a: CodeArgs) -> PyResult<Obj> {
    if a.argcount < a.posonlyargcount || a.posonlyargcount < 0 || a.kwonlyargcount < 0 || a.stacksize < 0 || a.flags < 0
    {
        return Err(vm.system_error("bad argument to internal function"));
    }
    if !a.code.len().is_multiple_of(2) {
        return Err(vm.value_error("code: co_code is malformed"));
    }
    let flags = a.flags as u32;
    let total_args = a.argcount
        + a.kwonlyargcount
        + (flags & taipan_compiler::code::flags::VARARGS != 0) as i64
        + (flags & taipan_compiler::code::flags::VARKEYWORDS != 0) as i64;
    if (a.varnames.len() as i64) < total_args {
        return Err(vm.value_error("code: co_varnames is too small"));
    }
    // co_localsplusnames: the locals (cells among them marked), the other
    // cells, then the free variables.
    let mut lp_names: Vec<Obj> = Vec::new();
    let mut lp_kinds: Vec<u8> = Vec::new();
    let is_cell = |n: &Obj| a.cellvars.iter().any(|c| pystr::str_eq(c, n));
    for v in &a.varnames {
        lp_names.push(v.clone());
        lp_kinds.push(local_kind::LOCAL | if is_cell(v) { local_kind::CELL } else { 0 });
    }
    for c in &a.cellvars {
        if !a.varnames.iter().any(|v| pystr::str_eq(v, c)) {
            lp_names.push(c.clone());
            lp_kinds.push(local_kind::CELL);
        }
    }
    for f in &a.freevars {
        lp_names.push(f.clone());
        lp_kinds.push(local_kind::FREE);
    }
    code_from_parts(
        vm,
        CodeParts {
            argcount: a.argcount,
            posonlyargcount: a.posonlyargcount,
            kwonlyargcount: a.kwonlyargcount,
            stacksize: a.stacksize,
            flags: a.flags,
            firstlineno: a.firstlineno,
            code: a.code,
            consts: a.consts,
            names: a.names,
            localsplusnames: lp_names,
            localspluskinds: lp_kinds,
            filename: a.filename,
            name: a.name,
            qualname: a.qualname,
            linetable: a.linetable,
            exceptiontable: a.exceptiontable,
        },
    )
}

/// A code object's fields at the level of `co_localsplusnames` and
/// `co_localspluskinds` (CPython's `_PyCodeConstructor`, what `marshal`
/// reads).
pub(crate) struct CodeParts {
    pub argcount: i64,
    pub posonlyargcount: i64,
    pub kwonlyargcount: i64,
    pub stacksize: i64,
    pub flags: i64,
    pub firstlineno: i64,
    pub code: Vec<u8>,
    pub consts: Vec<Obj>,
    pub names: Vec<Obj>,
    pub localsplusnames: Vec<Obj>,
    pub localspluskinds: Vec<u8>,
    pub filename: Obj,
    pub name: Obj,
    pub qualname: Obj,
    pub linetable: Vec<u8>,
    pub exceptiontable: Vec<u8>,
}

/// A validated code object from its parts (CPython's `_PyCode_Validate`
/// then `_PyCode_New`). Fields CPython rejects are errors here too; bytecode
/// the verifier refuses (an index past `co_consts`, a stack deeper than
/// `co_stacksize`, ...) is accepted as CPython accepts it, but the code
/// object cannot run (see `CodeData::malformed`), so it never crashes.
pub(crate) fn code_from_parts(vm: &Vm, a: CodeParts) -> PyResult<Obj> {
    if a.argcount < a.posonlyargcount
        || a.posonlyargcount < 0
        || a.kwonlyargcount < 0
        || a.stacksize < 0
        || a.flags < 0
        || a.flags > u32::MAX as i64
        || a.localsplusnames.len() != a.localspluskinds.len()
        || a.localsplusnames.iter().any(|n| pystr::data(n).is_none())
        || a.names.iter().any(|n| pystr::data(n).is_none())
    {
        return Err(vm.system_error("bad argument to internal function"));
    }
    if !a.code.len().is_multiple_of(2) {
        return Err(vm.value_error("code: co_code is malformed"));
    }
    let flags = a.flags as u32;
    let nlocals = a.localspluskinds.iter().filter(|&&k| k & local_kind::LOCAL != 0).count();
    let total_args = a.argcount
        + a.kwonlyargcount
        + (flags & taipan_compiler::code::flags::VARARGS != 0) as i64
        + (flags & taipan_compiler::code::flags::VARKEYWORDS != 0) as i64;
    if (nlocals as i64) < total_args {
        return Err(vm.value_error("code: co_varnames is too small"));
    }
    let lp_names: Vec<Obj> = a.localsplusnames.iter().map(|n| intern_obj(vm, n)).collect();
    let lp_kinds = a.localspluskinds;
    let mut units: Vec<u16> = a.code.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let mut exception_table = decode_exception_table(&a.exceptiontable);
    // CPython accepts empty bytecode (and crashes running it): the code
    // object exists, and running it raises (CACHE is never executed).
    let empty = units.is_empty();
    let consts = a.consts;
    let shape = crate::eval::verify::CodeShape {
        units: &units,
        nconsts: consts.len(),
        nnames: a.names.len(),
        kinds: &lp_kinds,
        stacksize: a.stacksize as usize,
        flags,
        exception_table: &exception_table,
        const_is_str_tuple: &|i| {
            consts[i].type_is(&vm.ctx.types.tuple)
                && crate::objects::tuple::items(&consts[i]).iter().all(|n| pystr::data(n).is_some())
        },
    };
    let malformed = if empty { None } else { crate::eval::verify::verify(&shape).err() };
    if empty || malformed.is_some() {
        // One CACHE unit, which raises when run; no handler may point
        // into bytecode the loop does not hold.
        units = vec![0];
        exception_table.clear();
    }
    let co = CodeHeader {
        argcount: a.argcount as u32,
        posonlyargcount: a.posonlyargcount as u32,
        kwonlyargcount: a.kwonlyargcount as u32,
        stacksize: a.stacksize as u32,
        flags,
        firstlineno: a.firstlineno as u32,
        code: a.code,
        linetable: if vm.config.borrow().no_debug_ranges { remove_column_info(&a.linetable) } else { a.linetable },
        exceptiontable: a.exceptiontable,
    };
    let names: Vec<Obj> = a.names.iter().map(|n| intern_obj(vm, n)).collect();
    let data = CodeData {
        adaptive: crate::eval::adaptive_copy(&units),
        warmup: std::cell::Cell::new(-crate::eval::WARMUP_DELAY),
        line_array: std::cell::OnceCell::new(),
        malformed: malformed.map(String::into_boxed_str),
        units: units.into_boxed_slice(),
        global_cache: (0..names.len()).map(|_| GlobalCacheEntry::default()).collect(),
        consts: consts.into_boxed_slice(),
        names: names.into_boxed_slice(),
        localsplusnames: lp_names.into_boxed_slice(),
        localspluskinds: lp_kinds.into_boxed_slice(),
        exception_table: exception_table.into_boxed_slice(),
        name: intern_obj(vm, &a.name),
        qualname: a.qualname,
        filename: crate::object::ObjCell::some(a.filename),
        nlocals,
        co,
    };
    Ok(alloc_object(&vm.ctx.types.code, data))
}

fn intern_obj(vm: &Vm, s: &Obj) -> Obj {
    // Names unmarshalled as interned are the table's objects already.
    if pystr::data(s).is_some_and(|d| d.interned.get()) {
        return s.clone();
    }
    match pystr::as_str(s) {
        Some(t) => vm.intern(t),
        None => s.clone(),
    }
}
