//! The specializer of the adaptive interpreter (CPython 3.11's
//! `Python/specialize.c`, PEP 659). A code object warms up for
//! `WARMUP_DELAY` RESUMEs and backward jumps taken (the conditional
//! POP_JUMP_BACKWARD_IF_* too: CPython 3.11 counts JUMP_BACKWARD only, so
//! there a `while x is not None:` loop of a function called a few times
//! never quickens; 3.12 ends such loops with JUMP_BACKWARD and counts it),
//! then is quickened: its
//! adaptive copy of the code units gets the adaptive form of each
//! specializable instruction (and superinstructions for frequent pairs).
//! An adaptive instruction whose counter reaches zero looks at its operands
//! and rewrites itself into a specialized form guarded by what it saw (type
//! version tags, dict keys versions, exact types), or backs off. A
//! specialized form whose guard fails runs the generic instruction and
//! counts a miss; after `MISS_COUNTER_START` misses it becomes adaptive
//! again.

use std::cell::Cell;

use super::cache::{self, read16, set_opcode, write16, write32, write64, ENTRIES};
use super::op;
use crate::object::typeobj::{flags, slot_id};
use crate::object::Obj;
use crate::objects::code::CodeData;
use crate::objects::descriptor::MemberData;
use crate::objects::{dict, instance_values, int, list, tuple, type_};
use crate::vm::Vm;

/// The adaptive copy of fresh code units: CPython's code, except that
/// EXTENDED_ARG is EXTENDED_ARG_QUICK from the start (the eval loop then
/// looks for one prefix opcode only; `_co_code_adaptive` shows EXTENDED_ARG
/// until the code is quickened, as CPython).
pub(crate) fn adaptive_copy(units: &[u16]) -> Box<[Cell<u16>]> {
    units
        .iter()
        .map(|&u| {
            let quick = (u & 0xff) as u8 == op::ExtendedArg;
            Cell::new(if quick { (u & 0xff00) | op::ExtendedArgQuick as u16 } else { u })
        })
        .collect()
}

/// `_co_code_adaptive`.
pub(crate) fn adaptive_bytes(code: &CodeData) -> Vec<u8> {
    let quickened = code.warmup.get() == 0;
    code.adaptive
        .iter()
        .zip(code.units.iter())
        .flat_map(|(a, &u)| (if quickened { a.get() } else { u }).to_le_bytes())
        .collect()
}

/// Count a RESUME or backward jump; quicken the code when it is warm.
#[inline]
pub(super) fn warmup(code: &CodeData) {
    let w = code.warmup.get();
    if w < 0 {
        code.warmup.set(w + 1);
        if w + 1 == 0 {
            quicken(code);
        }
    }
}

/// The adaptive form of an instruction (CPython's `_PyOpcode_Adaptive`).
fn adaptive_of(opcode: u8) -> Option<u8> {
    Some(match opcode {
        op::LoadAttr => op::LoadAttrAdaptive,
        op::LoadGlobal => op::LoadGlobalAdaptive,
        op::LoadMethod => op::LoadMethodAdaptive,
        op::BinarySubscr => op::BinarySubscrAdaptive,
        op::StoreSubscr => op::StoreSubscrAdaptive,
        op::Call => op::CallAdaptive,
        op::Precall => op::PrecallAdaptive,
        op::StoreAttr => op::StoreAttrAdaptive,
        op::BinaryOp => op::BinaryOpAdaptive,
        op::CompareOp => op::CompareOpAdaptive,
        op::UnpackSequence => op::UnpackSequenceAdaptive,
        _ => return None,
    })
}

/// Rewrite the adaptive copy of the code (CPython's `_PyCode_Quicken`).
pub(super) fn quicken(code: &CodeData) {
    let units = &code.adaptive;
    let mut previous: Option<u8> = None;
    let mut i = 0;
    while i < units.len() {
        let opcode = (code.units[i] & 0xff) as u8;
        if let Some(adaptive) = adaptive_of(opcode) {
            set_opcode(units, i, adaptive);
            // A zero counter: specialize at the first execution.
            write16(units, i + 1, 0);
            previous = None;
            i += 1 + ENTRIES[opcode as usize] as usize;
            continue;
        }
        match opcode {
            op::JumpBackward => set_opcode(units, i, op::JumpBackwardQuick),
            op::Resume => set_opcode(units, i, op::ResumeQuick),
            op::LoadFast => match previous {
                Some(op::LoadFast) => set_opcode(units, i - 1, op::LoadFastLoadFast),
                Some(op::StoreFast) => set_opcode(units, i - 1, op::StoreFastLoadFast),
                Some(op::LoadConst) => set_opcode(units, i - 1, op::LoadConstLoadFast),
                _ => {}
            },
            op::StoreFast if previous == Some(op::StoreFast) => set_opcode(units, i - 1, op::StoreFastStoreFast),
            op::LoadConst if previous == Some(op::LoadFast) => set_opcode(units, i - 1, op::LoadFastLoadConst),
            _ => {}
        }
        previous = Some(opcode);
        i += 1 + ENTRIES[opcode as usize] as usize;
    }
}

/// Install a specialized form at `pc` (the counter now counts misses).
fn success(units: &[Cell<u16>], pc: usize, opcode: u8) {
    set_opcode(units, pc, opcode);
    write16(units, pc + 1, cache::MISS_COUNTER_START);
}

/// Specialization failed: stay adaptive and wait longer before retrying.
fn failure(units: &[Cell<u16>], pc: usize) {
    let c = read16(units, pc + 1);
    write16(units, pc + 1, cache::adaptive_counter_backoff(c));
}

/// A specialized instruction's guard failed: count the miss (back to the
/// adaptive form of `base` when they are used up).
#[inline]
pub(super) fn miss(code: &CodeData, pc: usize, base: u8) {
    count_miss(&code.adaptive, pc, base);
}

/// `miss` on the adaptive units themselves.
#[inline]
pub(super) fn count_miss(units: &[Cell<u16>], pc: usize, base: u8) {
    let c = read16(units, pc + 1).wrapping_sub(1);
    if c == 0 {
        if let Some(a) = adaptive_of(base) {
            set_opcode(units, pc, a);
        }
        write16(units, pc + 1, cache::adaptive_counter_start());
    } else {
        write16(units, pc + 1, c);
    }
}

/// An adaptive instruction ran: true when it is time to specialize,
/// otherwise the countdown goes on.
#[inline]
pub(super) fn adaptive_due(code: &CodeData, pc: usize) -> bool {
    let units = &code.adaptive;
    let c = read16(units, pc + 1);
    if cache::counter_is_zero(c) {
        return true;
    }
    write16(units, pc + 1, cache::counter_decrement(c));
    false
}

/// The opcode now at `pc` (after a specialization attempt).
#[inline]
pub(super) fn opcode_at(code: &CodeData, pc: usize) -> u8 {
    (code.adaptive[pc].get() & 0xff) as u8
}

fn fits16(i: usize) -> Option<u16> {
    u16::try_from(i).ok()
}

// ---- LOAD_GLOBAL ------------------------------------------------------------------------------

pub(super) fn load_global(vm: &Vm, code: &CodeData, pc: usize, globals: &Obj, builtins: &Obj, name: &Obj) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let (Some(g), Some(b), true) =
        (dict::data(globals), dict::data(builtins), globals.type_is(&t.dict) && builtins.type_is(&t.dict))
    else {
        return failure(units, pc);
    };
    if let Some(i) = g.index_of_str(vm, name) {
        let (Some(i), v) = (fits16(i), g.keys_version()) else { return failure(units, pc) };
        if v == 0 {
            return failure(units, pc);
        }
        write16(units, pc + 1 + cache::GLOBAL_INDEX, i);
        write32(units, pc + 1 + cache::GLOBAL_MODULE_VERSION, v);
        return success(units, pc, op::LoadGlobalModule);
    }
    // Absent from the globals for sure (not only for a str comparison)?
    if g.get_str(vm, name).is_some() {
        return failure(units, pc);
    }
    let Some(i) = b.index_of_str(vm, name).and_then(fits16) else { return failure(units, pc) };
    let (gv, bv) = (g.keys_version(), b.keys_version());
    let Ok(bv16) = u16::try_from(bv) else { return failure(units, pc) };
    if gv == 0 || bv16 == 0 {
        return failure(units, pc);
    }
    write16(units, pc + 1 + cache::GLOBAL_INDEX, i);
    write32(units, pc + 1 + cache::GLOBAL_MODULE_VERSION, gv);
    write16(units, pc + 1 + cache::GLOBAL_BUILTIN_VERSION, bv16);
    success(units, pc, op::LoadGlobalBuiltin)
}

// ---- BINARY_OP --------------------------------------------------------------------------------

const NB_ADD: u32 = 0;
const NB_MULTIPLY: u32 = 5;
const NB_SUBTRACT: u32 = 10;
const NB_INPLACE_ADD: u32 = 13;
const NB_INPLACE_MULTIPLY: u32 = 18;
const NB_INPLACE_SUBTRACT: u32 = 23;

pub(super) fn binary_op(vm: &Vm, code: &CodeData, pc: usize, a: &Obj, b: &Obj, oparg: u32, locals: &[Option<Obj>]) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let same = a.class_obj().is(&b.class_obj());
    let (is_int, is_float) = (a.type_is(&t.int), a.type_is(&t.float));
    let specialized = match oparg {
        _ if !same => None,
        NB_ADD | NB_INPLACE_ADD if a.type_is(&t.str) => {
            // `s += x` stored straight back into the local `s`.
            let next = pc + 1 + ENTRIES[op::BinaryOp as usize] as usize;
            let store = code.units.get(next).copied().unwrap_or(0);
            let to_local = (store & 0xff) as u8 == op::StoreFast
                && locals.get((store >> 8) as usize).and_then(|l| l.as_ref()).is_some_and(|l| l.is(a));
            Some(if to_local { op::BinaryOpInplaceAddUnicode } else { op::BinaryOpAddUnicode })
        }
        NB_ADD | NB_INPLACE_ADD if is_int => Some(op::BinaryOpAddInt),
        NB_ADD | NB_INPLACE_ADD if is_float => Some(op::BinaryOpAddFloat),
        NB_MULTIPLY | NB_INPLACE_MULTIPLY if is_int => Some(op::BinaryOpMultiplyInt),
        NB_MULTIPLY | NB_INPLACE_MULTIPLY if is_float => Some(op::BinaryOpMultiplyFloat),
        NB_SUBTRACT | NB_INPLACE_SUBTRACT if is_int => Some(op::BinaryOpSubtractInt),
        NB_SUBTRACT | NB_INPLACE_SUBTRACT if is_float => Some(op::BinaryOpSubtractFloat),
        _ => None,
    };
    match specialized {
        Some(s) => success(units, pc, s),
        None => failure(units, pc),
    }
}

// ---- COMPARE_OP -------------------------------------------------------------------------------

/// Outcome bits of a comparison: less, equal, greater (CPython's
/// `compare_masks`); the cache holds the outcomes on which to jump.
pub(super) const CMP_LESS: u16 = 1;
pub(super) const CMP_EQUAL: u16 = 2;
pub(super) const CMP_GREATER: u16 = 4;
const COMPARE_MASKS: [u16; 6] =
    [CMP_LESS, CMP_LESS | CMP_EQUAL, CMP_EQUAL, CMP_LESS | CMP_GREATER, CMP_GREATER, CMP_EQUAL | CMP_GREATER];

pub(super) fn compare_op(vm: &Vm, code: &CodeData, pc: usize, a: &Obj, b: &Obj, oparg: u32) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let next = pc + 1 + ENTRIES[op::CompareOp as usize] as usize;
    let jump = (code.units.get(next).copied().unwrap_or(0) & 0xff) as u8;
    let mut mask = COMPARE_MASKS.get(oparg as usize).copied().unwrap_or(0);
    match jump {
        op::PopJumpForwardIfFalse | op::PopJumpBackwardIfFalse => mask ^= CMP_LESS | CMP_EQUAL | CMP_GREATER,
        op::PopJumpForwardIfTrue | op::PopJumpBackwardIfTrue => {}
        _ => return failure(units, pc),
    }
    if !a.class_obj().is(&b.class_obj()) {
        return failure(units, pc);
    }
    let specialized = if a.type_is(&t.float) {
        op::CompareOpFloatJump
    } else if a.type_is(&t.int) {
        match (int::value(a), int::value(b)) {
            (Some(int::IntValue::Small(_)), Some(int::IntValue::Small(_))) => op::CompareOpIntJump,
            _ => return failure(units, pc),
        }
    } else if a.type_is(&t.str) && (oparg == 2 || oparg == 3) {
        op::CompareOpStrJump
    } else {
        return failure(units, pc);
    };
    write16(units, pc + 1 + cache::COMPARE_MASK, mask);
    success(units, pc, specialized)
}

// ---- BINARY_SUBSCR, STORE_SUBSCR --------------------------------------------------------------

fn is_small_index(vm: &Vm, sub: &Obj) -> bool {
    sub.type_is(&vm.ctx.types.int) && matches!(int::value(sub), Some(int::IntValue::Small(i)) if *i >= 0)
}

pub(super) fn binary_subscr(vm: &Vm, code: &CodeData, pc: usize, container: &Obj, sub: &Obj) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let specialized = if container.type_is(&t.list) && is_small_index(vm, sub) {
        op::BinarySubscrListInt
    } else if container.type_is(&t.tuple) && is_small_index(vm, sub) {
        op::BinarySubscrTupleInt
    } else if container.type_is(&t.dict) {
        op::BinarySubscrDict
    } else {
        return subscr_getitem(vm, units, pc, container);
    };
    success(units, pc, specialized)
}

/// A heap class whose `__getitem__` is a simple Python function of two
/// parameters: the subscript pushes its frame (CPython's
/// `BINARY_SUBSCR_GETITEM`), guarded by the class's version tag and the
/// function's version.
fn subscr_getitem(vm: &Vm, units: &[Cell<u16>], pc: usize, container: &Obj) {
    let cls = container.class();
    let name = vm.intern("__getitem__");
    let Some(f) = type_::lookup(vm, cls, &name) else { return failure(units, pc) };
    let Some(fd) = f.payload::<crate::objects::function::FunctionData>() else { return failure(units, pc) };
    if !f.type_is(&vm.ctx.types.function) || !cls.is_heap_type() {
        return failure(units, pc);
    }
    let fcode = fd.code();
    let cd = crate::objects::code::code_of(&fcode);
    use taipan_compiler::code::flags as co_flags;
    let simple = cd.co.kwonlyargcount == 0
        && cd.co.flags & (co_flags::VARARGS | co_flags::VARKEYWORDS) == 0
        && cd.has_flag(co_flags::OPTIMIZED)
        && cd.co.argcount == 2;
    let (tag, version) = (cls.version_tag.get(), fd.func_version());
    let Ok(version16) = u16::try_from(version) else { return failure(units, pc) };
    if !simple || tag == 0 || version16 == 0 {
        return failure(units, pc);
    }
    write32(units, pc + 1 + cache::SUBSCR_TYPE_VERSION, tag);
    write16(units, pc + 1 + cache::SUBSCR_FUNC_VERSION, version16);
    success(units, pc, op::BinarySubscrGetitem)
}

pub(super) fn store_subscr(vm: &Vm, code: &CodeData, pc: usize, container: &Obj, sub: &Obj) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let specialized = if container.type_is(&t.list) && is_small_index(vm, sub) {
        op::StoreSubscrListInt
    } else if container.type_is(&t.dict) {
        op::StoreSubscrDict
    } else {
        return failure(units, pc);
    };
    success(units, pc, specialized)
}

// ---- UNPACK_SEQUENCE --------------------------------------------------------------------------

pub(super) fn unpack_sequence(vm: &Vm, code: &CodeData, pc: usize, seq: &Obj, n: u32) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let specialized = if seq.type_is(&t.tuple) && tuple::len(seq) == n as usize {
        if n == 2 {
            op::UnpackSequenceTwoTuple
        } else {
            op::UnpackSequenceTuple
        }
    } else if seq.type_is(&t.list) && list::data(seq).is_some_and(|l| l.len() == n as usize) {
        op::UnpackSequenceList
    } else {
        return failure(units, pc);
    };
    success(units, pc, specialized)
}

// ---- LOAD_ATTR, STORE_ATTR, LOAD_METHOD -------------------------------------------------------

/// The type's version tag after a lookup of `name` on it (which assigns
/// one), with what the lookup found; None when no tag can be had.
fn type_lookup_tagged(vm: &Vm, owner: &Obj, name: &Obj) -> Option<(u32, Option<Obj>)> {
    let ty = owner.class();
    let found = type_::lookup(vm, ty, name);
    let tag = ty.version_tag.get();
    (tag != 0).then_some((tag, found))
}

/// A `__slots__` member of the owner's type: its slot offset.
fn member_offset(vm: &Vm, owner: &Obj, descr: &Obj) -> Option<usize> {
    if !descr.type_is(&vm.ctx.types.member_descriptor) {
        return None;
    }
    let m = descr.payload::<MemberData>()?;
    (vm.is_subtype(&owner.class_obj(), &m.owner) && owner.member_slot(m.index).is_some()).then_some(m.index)
}

fn write_attr_cache(units: &[Cell<u16>], pc: usize, tag: u32, index: usize) -> bool {
    let Some(index) = fits16(index) else { return false };
    write32(units, pc + 1 + cache::ATTR_TYPE_VERSION, tag);
    write16(units, pc + 1 + cache::ATTR_INDEX, index);
    true
}

/// A module attribute found in its dict (CPython's `specialize_module_load_attr`).
fn module_attr(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) -> bool {
    if type_::lookup(vm, owner.class(), name).is_some() {
        return false;
    }
    let Some(d) = owner.instance_dict() else { return false };
    let Some(dd) = dict::data(&d) else { return false };
    let Some(index) = dd.index_of_str(vm, name).and_then(fits16) else { return false };
    let v = dd.keys_version();
    if v == 0 {
        return false;
    }
    write32(units, pc + 1 + cache::ATTR_TYPE_VERSION, v);
    write16(units, pc + 1 + cache::ATTR_INDEX, index);
    true
}

pub(super) fn generic_getattr(owner: &Obj) -> bool {
    let s = &owner.class().slots.getattro;
    s.get().is_none() || s.is(slot_id::GENERIC_GETATTR)
}

pub(super) fn generic_setattr(owner: &Obj) -> bool {
    let s = &owner.class().slots.setattro;
    s.get().is_none() || s.is(slot_id::GENERIC_SETATTR)
}

/// Where `name` sits in the owner's instance dict.
fn instance_dict_index(vm: &Vm, owner: &Obj, name: &Obj) -> Option<usize> {
    if !owner.class().is_heap_type() {
        return None;
    }
    let d = owner.instance_dict()?;
    dict::data(&d)?.index_of_str(vm, name)
}

/// The slot of `name` in the owner's class's shared keys when the owner
/// keeps (or will keep) its attributes inline on them: a store there needs
/// no lookup.
fn shared_keys_slot(vm: &Vm, owner: &Obj, name: &Obj) -> Option<usize> {
    let keys = owner.class().cached_keys_opt()?;
    if !instance_values::uses_values(owner) {
        return None;
    }
    keys.slot_of(vm, name)
}

pub(super) fn load_attr(vm: &Vm, code: &CodeData, pc: usize, owner: &Obj, name: &Obj) {
    let units = &code.adaptive;
    if owner.type_is(&vm.ctx.types.module) {
        if module_attr(vm, units, pc, owner, name) {
            return success(units, pc, op::LoadAttrModule);
        }
        return failure(units, pc);
    }
    if !generic_getattr(owner) {
        return failure(units, pc);
    }
    let Some((tag, descr)) = type_lookup_tagged(vm, owner, name) else { return failure(units, pc) };
    let (specialized, index) = match &descr {
        // As CPython: the name among the shared keys is enough (an
        // instance without it misses).
        None if has_inline_values(owner) => match shared_keys_slot(vm, owner, name) {
            Some(i) => (op::LoadAttrInstanceValue, i),
            None => return failure(units, pc),
        },
        None => match instance_dict_index(vm, owner, name) {
            Some(i) => (op::LoadAttrWithHint, i),
            None => return failure(units, pc),
        },
        Some(d) if is_simple_property(vm, d) => (op::LoadAttrSlot, cache::ATTR_INDEX_PROPERTY as usize),
        Some(d) => match member_offset(vm, owner, d) {
            Some(off) if off != cache::ATTR_INDEX_PROPERTY as usize => (op::LoadAttrSlot, off),
            _ => return failure(units, pc),
        },
    };
    if !write_attr_cache(units, pc, tag, index) {
        return failure(units, pc);
    }
    success(units, pc, specialized)
}

/// A `property` (exactly) whose getter is a Python function taking just
/// the instance: `LOAD_ATTR` pushes the getter's frame instead of calling
/// it from Rust (CPython 3.12's `LOAD_ATTR_PROPERTY`; `LOAD_ATTR_SLOT` with
/// `ATTR_INDEX_PROPERTY` here).
fn is_simple_property(vm: &Vm, descr: &Obj) -> bool {
    if !descr.type_is(&vm.ctx.types.property) {
        return false;
    }
    let Some(fget) = descr.payload::<crate::objects::property::PropertyData>().and_then(|p| p.fget.get()) else {
        return false;
    };
    let Some(fd) = fget.payload::<crate::objects::function::FunctionData>() else { return false };
    let fcode = fd.code();
    let cd = crate::objects::code::code_of(&fcode);
    fget.type_is(&vm.ctx.types.function) && cd.co.argcount == 1 && super::call::exact_args_code(cd)
}

pub(super) fn store_attr(vm: &Vm, code: &CodeData, pc: usize, owner: &Obj, name: &Obj) {
    let units = &code.adaptive;
    if owner.type_is(&vm.ctx.types.module) || !generic_setattr(owner) {
        return failure(units, pc);
    }
    let Some((tag, descr)) = type_lookup_tagged(vm, owner, name) else { return failure(units, pc) };
    let (specialized, index) = match &descr {
        None if has_inline_values(owner) => match shared_keys_slot(vm, owner, name) {
            Some(i) => (op::StoreAttrInstanceValue, i),
            None => return failure(units, pc),
        },
        None => match instance_dict_index(vm, owner, name) {
            Some(i) => (op::StoreAttrWithHint, i),
            None => return failure(units, pc),
        },
        Some(d) => match member_offset(vm, owner, d) {
            Some(off) => (op::StoreAttrSlot, off),
            None => return failure(units, pc),
        },
    };
    if !write_attr_cache(units, pc, tag, index) {
        return failure(units, pc);
    }
    success(units, pc, specialized)
}

pub(super) fn load_method(vm: &Vm, code: &CodeData, pc: usize, owner: &Obj, name: &Obj) {
    let units = &code.adaptive;
    if owner.type_is(&vm.ctx.types.module) {
        if module_attr(vm, units, pc, owner, name) {
            return success(units, pc, op::LoadMethodModule);
        }
        return failure(units, pc);
    }
    if type_::as_type(owner).is_some() {
        return class_load_method(vm, units, pc, owner, name);
    }
    if owner.type_is(&vm.ctx.types.super_) {
        return super_load_method(vm, units, pc, owner, name);
    }
    if !generic_getattr(owner) {
        return failure(units, pc);
    }
    let Some((tag, Some(descr))) = type_lookup_tagged(vm, owner, name) else { return failure(units, pc) };
    write16(units, pc + 1 + cache::METHOD_SUPER_INDEX, 0);
    if !descr.class().has_flag(flags::METHOD_DESCRIPTOR) {
        return failure(units, pc);
    }
    let specialized = if owner.dict_slot().is_none() {
        op::LoadMethodNoDict
    } else if owner.class().values_offset != 0 {
        // A managed dict, inline or materialized: the name must not be
        // among the class's shared keys (CPython's
        // SPEC_FAIL_LOAD_METHOD_IS_ATTR).
        drop(owner.class().shared_keys());
        if shared_keys_version_lacking(vm, owner, name) == 0 {
            return failure(units, pc);
        }
        if instance_values::uses_values(owner) {
            op::LoadMethodWithValues
        } else {
            op::LoadMethodWithDict
        }
    } else if !owner.instance_dict().is_none_or(|d| instance_dict_lacks(vm, &d, name)) {
        return failure(units, pc);
    } else {
        op::LoadMethodWithDict
    };
    write32(units, pc + 1 + cache::METHOD_TYPE_VERSION, tag);
    write32(units, pc + 1 + cache::METHOD_KEYS_VERSION, shared_keys_version_lacking(vm, owner, name));
    // A static type's method (`str.split`) is kept for good by its type,
    // immortal and unchangeable from Python: the cache may point at it and
    // spare the type lookup while the version tag holds.
    let static_type = !owner.class().is_heap_type() && owner.class().has_flag(flags::IMMUTABLETYPE);
    let keep = specialized == op::LoadMethodNoDict && static_type;
    write64(units, pc + 1 + cache::METHOD_DESCR, if keep { descr.as_ptr() as u64 } else { 0 });
    success(units, pc, specialized)
}

/// `super().name` (not in CPython 3.11, which has no LOAD_SUPER_ATTR):
/// shown as `LOAD_METHOD_NO_DICT` (a super object has no dict) with the
/// super's class's MRO index in `METHOD_SUPER_INDEX` and the start type's
/// version tag in `METHOD_KEYS_VERSION` (`super_::method_site` says when).
fn super_load_method(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) {
    let Some((tag, index)) = crate::objects::super_::method_site(vm, owner, name) else { return failure(units, pc) };
    let Some(index) = index.checked_add(1).and_then(fits16) else { return failure(units, pc) };
    let Some((super_tag, _)) = type_lookup_tagged(vm, owner, name) else { return failure(units, pc) };
    write32(units, pc + 1 + cache::METHOD_TYPE_VERSION, super_tag);
    write32(units, pc + 1 + cache::METHOD_KEYS_VERSION, tag);
    write16(units, pc + 1 + cache::METHOD_SUPER_INDEX, index);
    write64(units, pc + 1 + cache::METHOD_DESCR, 0);
    success(units, pc, op::LoadMethodNoDict)
}

/// Does the owner keep its attributes as inline values on its class's
/// shared keys (CPython 3.11's, as opposed to a materialized `__dict__`)?
/// Decides between the `INSTANCE_VALUE`/`WITH_VALUES` forms and the
/// `WITH_HINT`/`WITH_DICT` ones.
/// The class's shared keys are made now if no instance made them yet (CPython
/// makes them with the class).
fn has_inline_values(owner: &Obj) -> bool {
    if !instance_values::uses_values(owner) {
        return false;
    }
    drop(owner.class().shared_keys());
    true
}

/// `LOAD_METHOD` on a class whose metaclass is exactly `type`, for a
/// function, method descriptor or non-descriptor found on the class
/// itself (CPython's `specialize_class_load_method`); the guard is the
/// class's version tag.
fn class_load_method(vm: &Vm, units: &[Cell<u16>], pc: usize, owner: &Obj, name: &Obj) {
    let Some(cls) = type_::as_type(owner) else { return failure(units, pc) };
    if !owner.type_is(&vm.ctx.types.type_) || type_::lookup(vm, owner.class(), name).is_some() {
        return failure(units, pc);
    }
    let instance_getattr = &cls.slots.getattro;
    if !(instance_getattr.get().is_none() || instance_getattr.is(slot_id::GENERIC_GETATTR)) {
        return failure(units, pc);
    }
    let Some(descr) = type_::lookup(vm, cls, name) else { return failure(units, pc) };
    let tag = cls.version_tag.get();
    let dc = descr.class();
    // A staticmethod is unwrapped when the site runs (`Class.helper(...)`).
    let kind_ok = descr.type_is(&vm.ctx.types.staticmethod)
        || dc.has_flag(flags::IMMUTABLETYPE)
            && dc.slots.descr_set.get().is_none()
            && (dc.slots.descr_get.get().is_none() || dc.has_flag(flags::METHOD_DESCRIPTOR));
    if tag == 0 || !kind_ok {
        return failure(units, pc);
    }
    write32(units, pc + 1 + cache::METHOD_TYPE_VERSION, tag);
    write32(units, pc + 1 + cache::METHOD_KEYS_VERSION, 0);
    success(units, pc, op::LoadMethodClass)
}

/// The version of the owner's class's shared keys (their length plus one:
/// they only grow) when `name` is not among them, else 0. While the
/// version holds, no split dict on those keys holds `name` (CPython's
/// `LOAD_METHOD_WITH_VALUES` keys-version guard).
fn shared_keys_version_lacking(vm: &Vm, owner: &Obj, name: &Obj) -> u32 {
    match owner.class().cached_keys_opt() {
        Some(k) if k.lacks(vm, name) => u32::try_from(k.len() + 1).unwrap_or(0),
        _ => 0,
    }
}

/// Is `name` certainly not a key of the instance dict `d` (no lookup that
/// could run Python code needed to tell)?
#[inline]
pub(super) fn instance_dict_lacks(vm: &Vm, d: &Obj, name: &Obj) -> bool {
    dict::data(d).is_some_and(|dd| dd.lacks_str_key(vm, name))
}

// ---- CALL, PRECALL ----------------------------------------------------------------------------

/// Is the builtin function or method descriptor `f` the native `func`?
pub(super) fn native_is(f: &Obj, func: crate::objects::descriptor::MethodFn) -> bool {
    if let Some(b) = f.payload::<crate::objects::builtin_func::BuiltinFunctionData>() {
        return std::ptr::fn_addr_eq(b.def.func, func);
    }
    if let Some(d) = f.payload::<crate::objects::descriptor::MethodDescrData>() {
        return std::ptr::fn_addr_eq(d.def.func, func);
    }
    false
}

/// PRECALL (CPython's `_Py_Specialize_Precall`): `total` arguments (self
/// included when `is_meth`) for `callable`; the builtin forms make the
/// whole call and skip the CALL after them, which must directly follow.
pub(super) fn precall(vm: &Vm, code: &CodeData, pc: usize, callable: &Obj, total: usize, is_meth: bool, kw: bool) {
    let units = &code.adaptive;
    let t = &vm.ctx.types;
    let next = pc + 1 + ENTRIES[op::Precall as usize] as usize;
    let call_follows = code.units.get(next).is_some_and(|w| (w & 0xff) as u8 == op::Call);
    // `l.append(x)` as a statement: the CALL's result is popped.
    let after_call = next + 1 + ENTRIES[op::Call as usize] as usize;
    let result_popped = code.units.get(after_call).is_some_and(|w| (w & 0xff) as u8 == op::PopTop);
    let one_arg = total == 1 && !is_meth;
    let specialized = if callable.type_is(&t.function) {
        op::PrecallPyfunc
    } else if callable.type_is(&t.method) && !is_meth {
        op::PrecallBoundMethod
    } else if !call_follows {
        return failure(units, pc);
    } else if type_::as_type(callable).is_some() {
        match class_call_form(vm, callable, one_arg && !kw) {
            Some(s) => s,
            None => return failure(units, pc),
        }
    } else if callable.type_is(&t.builtin_function) {
        match c_call_form(callable, builtin_convention(callable), total, kw) {
            Some(s) => s,
            None => return failure(units, pc),
        }
    } else if callable.type_is(&t.method_descriptor) && !kw {
        let append = total == 2 && is_meth && result_popped && native_is(callable, list::list_append);
        match method_descriptor_form(descriptor_convention(callable), total, append) {
            Some(s) => s,
            None => return failure(units, pc),
        }
    } else {
        return failure(units, pc);
    };
    success(units, pc, specialized)
}

/// A native function's calling convention as CPython declares it (its
/// `METH_*` flags), which PRECALL's specializer chooses its form by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Convention {
    NoArgs,
    O,
    Fast,
    FastKw,
    /// METH_VARARGS and the rest: not specialized.
    Other,
}

/// CPython's convention for `name` of `owner` (a module or type name), if
/// CPython has that builtin (`call_conventions.rs`).
fn cpython_convention(owner: &str, name: &str) -> Option<Convention> {
    let table = super::call_conventions::CONVENTIONS;
    let i = table.binary_search_by(|(o, n, _)| (*o, *n).cmp(&(owner, name))).ok()?;
    Some(table[i].2)
}

/// The convention of a builtin function: a module function by its
/// module's name, a bound method (`[].append`) by its type's.
fn builtin_convention(f: &Obj) -> Option<Convention> {
    let d = f.payload::<crate::objects::builtin_func::BuiltinFunctionData>()?;
    if let Some(owner) = d.owner.as_ref().and_then(type_::as_type) {
        return cpython_convention(owner.name(), d.name());
    }
    let module = d.module.as_ref().and_then(crate::objects::str::as_str)?;
    cpython_convention(module, d.name())
}

/// The convention of a method descriptor, by its type's name.
fn descriptor_convention(f: &Obj) -> Option<Convention> {
    let d = f.payload::<crate::objects::descriptor::MethodDescrData>()?;
    cpython_convention(type_::as_type(&d.owner)?.name(), d.def.name)
}

/// The PRECALL form for a builtin function (CPython's
/// `specialize_c_call`); a function CPython lacks gets the form its
/// argument count suggests.
fn c_call_form(f: &Obj, conv: Option<Convention>, total: usize, kw: bool) -> Option<u8> {
    let len = || native_is(f, crate::builtins::builtin_len);
    let isinstance = || native_is(f, crate::builtins::builtin_isinstance);
    let conv = conv.unwrap_or(match (kw, total) {
        (true, _) => Convention::FastKw,
        (false, 1) => Convention::O,
        (false, _) => Convention::Fast,
    });
    match conv {
        Convention::O if !kw && total == 1 => Some(if len() { op::PrecallNoKwLen } else { op::PrecallNoKwBuiltinO }),
        Convention::Fast if !kw => {
            Some(if total == 2 && isinstance() { op::PrecallNoKwIsinstance } else { op::PrecallNoKwBuiltinFast })
        }
        Convention::FastKw => Some(op::PrecallBuiltinFastWithKeywords),
        _ => None,
    }
}

/// The PRECALL form for a method descriptor called without keywords
/// (CPython's `specialize_method_descriptor`; `total` counts self);
/// `append` when it is `list.append` whose result is discarded.
fn method_descriptor_form(conv: Option<Convention>, total: usize, append: bool) -> Option<u8> {
    let conv = conv.unwrap_or(match total {
        0 => return None,
        1 => Convention::NoArgs,
        2 => Convention::O,
        _ => Convention::Fast,
    });
    match conv {
        Convention::NoArgs if total == 1 => Some(op::PrecallNoKwMethodDescriptorNoargs),
        Convention::O if total == 2 => {
            Some(if append { op::PrecallNoKwListAppend } else { op::PrecallNoKwMethodDescriptorO })
        }
        Convention::Fast if total >= 1 => Some(op::PrecallNoKwMethodDescriptorFast),
        Convention::FastKw if total >= 1 => Some(op::PrecallMethodDescriptorFastWithKeywords),
        _ => None,
    }
}

/// The PRECALL form for calling a builtin class (CPython's
/// `specialize_class_call`): `str(x)`, `tuple(x)`, `type(x)` with one
/// positional argument, else the classes CPython 3.11 gives a vectorcall.
fn class_call_form(vm: &Vm, cls: &Obj, one_arg_no_kw: bool) -> Option<u8> {
    let t = &vm.ctx.types;
    if cls.is(&t.object) || !type_::as_type(cls)?.has_flag(flags::IMMUTABLETYPE) {
        return None;
    }
    if one_arg_no_kw {
        if cls.is(&t.str) {
            return Some(op::PrecallNoKwStr1);
        }
        if cls.is(&t.type_) {
            return Some(op::PrecallNoKwType1);
        }
        if cls.is(&t.tuple) {
            return Some(op::PrecallNoKwTuple1);
        }
    }
    has_vectorcall(vm, cls).then_some(op::PrecallBuiltinClass)
}

/// The builtin classes with a `tp_vectorcall` in CPython 3.11.
pub(super) fn has_vectorcall(vm: &Vm, cls: &Obj) -> bool {
    let t = &vm.ctx.types;
    [
        &t.bool_,
        &t.dict,
        &t.enumerate,
        &t.filter,
        &t.float,
        &t.frozenset,
        &t.list,
        &t.map,
        &t.range,
        &t.reversed,
        &t.set,
        &t.super_,
        &t.tuple,
        &t.type_,
    ]
    .iter()
    .any(|c| cls.is(c))
}

/// CALL (CPython's `_Py_Specialize_Call`): Python functions called with
/// positional arguments only.
pub(super) fn call(code: &CodeData, pc: usize, callable: &Obj, total: usize, kw: bool) {
    let units = &code.adaptive;
    let Some(fd) = callable.payload::<crate::objects::function::FunctionData>() else { return failure(units, pc) };
    let fcode = fd.code();
    let cd = crate::objects::code::code_of(&fcode);
    let simple = !kw && super::call::exact_args_code(cd);
    let version = fd.func_version();
    if !simple || version == 0 {
        return failure(units, pc);
    }
    let argcount = cd.co.argcount as usize;
    let ndefaults = fd.defaults.get().map_or(0, |d| tuple::len(&d));
    let min_args = argcount.saturating_sub(ndefaults);
    let specialized = if total == argcount {
        op::CallPyExactArgs
    } else if total < argcount && total >= min_args {
        let Some(m) = fits16(min_args) else { return failure(units, pc) };
        write16(units, pc + 1 + cache::CALL_MIN_ARGS, m);
        op::CallPyWithDefaults
    } else {
        return failure(units, pc);
    };
    write32(units, pc + 1 + cache::CALL_FUNC_VERSION, version);
    success(units, pc, specialized)
}
