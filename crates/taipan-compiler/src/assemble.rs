//! From a unit's control-flow graph to a code object (compile.c's
//! `assemble` and `makecode`): prefix instructions (RETURN_GENERATOR,
//! MAKE_CELL, COPY_FREE_VARS), cell offsets, the CFG passes, stack depth,
//! exception handler labelling, forward/backward jumps, EXTENDED_ARG and
//! CACHE units, and 3.11's location and exception tables.

use crate::code::{flags, local_kind, CodeObject};
use crate::compile::Unit;
use crate::flowgraph::{instr_size, stack_effect, BlockId, Cfg, Instr, Loc, Op};
use crate::opcode::Opcode;

type Result<T> = std::result::Result<T, String>;

/// Assemble `u` (whose blocks end with a return) into a code object.
pub(crate) fn assemble(u: &mut Unit, filename: &str, code_flags: u32) -> Result<CodeObject> {
    u.cfg.normalize().map_err(str::to_string)?;
    u.cfg.extend_blocks();

    let nlocals = u.varnames.len();
    let ncellvars = u.cellvars.len();
    let nfreevars = u.freevars.len();
    let mut fixed = build_cellfixedoffsets(u);

    if u.firstlineno == 0 {
        let first = u.cfg.blocks[0].instrs.first().map_or(0, |i| i.loc.lineno);
        u.firstlineno = if first != 0 { first } else { 1 };
    }
    insert_prefix_instructions(u, &fixed, code_flags);
    let numdropped = fix_cell_offsets(&mut u.cfg, nlocals, ncellvars, nfreevars, &mut fixed);
    let nlocalsplus = nlocals + ncellvars + nfreevars - numdropped;

    u.cfg.optimize(&mut u.consts);
    u.cfg.duplicate_exits_without_lineno();
    u.cfg.trim_unused_consts(&mut u.consts);
    u.cfg.propagate_line_numbers();
    guarantee_lineno_for_exits(&mut u.cfg, u.firstlineno);
    let is_gen = code_flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 || u.extra_coroutine;
    let maxdepth = stackdepth(&mut u.cfg, is_gen)?;
    label_exception_targets(&mut u.cfg);
    convert_exception_handlers_to_nops(&mut u.cfg);
    for b in u.cfg.layout() {
        u.cfg.clean_block(b);
    }
    normalize_jumps(&mut u.cfg)?;
    assemble_jump_offsets(&mut u.cfg);

    let layout = u.cfg.layout();
    let mut code = Vec::new();
    for &b in &layout {
        for i in &u.cfg.blocks[b].instrs {
            write_instr(&mut code, i);
        }
    }
    let linetable = location_table(&u.cfg, &layout, u.firstlineno);
    let exceptiontable = exception_table(&u.cfg, &layout);

    let (localsplusnames, localspluskinds) = localsplus(u, nlocalsplus);
    Ok(CodeObject {
        argcount: u.posonlyargcount + u.argcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        stacksize: maxdepth as u32,
        flags: code_flags,
        code,
        consts: std::mem::take(&mut u.consts.items),
        names: u.names.iter().cloned().collect(),
        localsplusnames,
        localspluskinds,
        filename: filename.to_string(),
        name: u.name.clone(),
        qualname: if u.qualname.is_empty() { u.name.to_string() } else { u.qualname.clone() },
        firstlineno: u.firstlineno as u32,
        linetable,
        exceptiontable,
    })
}

/// `build_cellfixedoffsets`: where each cell and free variable lives in
/// the frame (a cell for an argument shares the argument's slot).
fn build_cellfixedoffsets(u: &Unit) -> Vec<usize> {
    let nlocals = u.varnames.len();
    let n = u.cellvars.len() + u.freevars.len();
    let mut fixed: Vec<usize> = (0..n).map(|i| nlocals + i).collect();
    for (cellindex, name) in u.cellvars.iter().enumerate() {
        if let Some(argoffset) = u.varnames.index_of(name) {
            fixed[cellindex] = argoffset;
        }
    }
    fixed
}

/// `insert_prefix_instructions`: RETURN_GENERATOR for generators, then
/// MAKE_CELL for each cell and COPY_FREE_VARS, at the very start.
fn insert_prefix_instructions(u: &mut Unit, fixed: &[usize], code_flags: u32) {
    let entry = &mut u.cfg.blocks[0].instrs;
    if code_flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 {
        let l = u.firstlineno;
        let make_gen = Loc { lineno: l, end_lineno: l, col: -1, end_col: -1 };
        entry.insert(0, Instr::new(Op::Real(Opcode::ReturnGenerator), 0, make_gen));
        entry.insert(1, Instr::new(Op::Real(Opcode::PopTop), 0, Loc::NONE));
    }
    let ncellvars = u.cellvars.len();
    if ncellvars > 0 {
        // Cells in frame order (argument cells first).
        let nvars = ncellvars + u.varnames.len();
        let mut sorted = vec![0usize; nvars];
        for (i, &f) in fixed.iter().take(ncellvars).enumerate() {
            if f < nvars {
                sorted[f] = i + 1;
            }
        }
        let mut used = 0;
        for &s in &sorted {
            if used >= ncellvars {
                break;
            }
            if s == 0 {
                continue;
            }
            entry.insert(used, Instr::new(Op::Real(Opcode::MakeCell), (s - 1) as u32, Loc::NONE));
            used += 1;
        }
    }
    let nfreevars = u.freevars.len();
    if nfreevars > 0 {
        entry.insert(0, Instr::new(Op::Real(Opcode::CopyFreeVars), nfreevars as u32, Loc::NONE));
    }
}

/// `fix_cell_offsets`: turn cell/free indexes into frame offsets. Returns
/// how many cells share an argument's slot.
fn fix_cell_offsets(cfg: &mut Cfg, nlocals: usize, ncellvars: usize, nfreevars: usize, fixed: &mut [usize]) -> usize {
    let noffsets = ncellvars + nfreevars;
    let mut numdropped = 0;
    for (i, f) in fixed.iter_mut().enumerate().take(noffsets) {
        if *f == i + nlocals {
            *f -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    for b in cfg.layout() {
        for instr in &mut cfg.blocks[b].instrs {
            if matches!(
                instr.op,
                Op::Real(
                    Opcode::MakeCell
                        | Opcode::LoadClosure
                        | Opcode::LoadDeref
                        | Opcode::StoreDeref
                        | Opcode::DeleteDeref
                        | Opcode::LoadClassderef
                )
            ) {
                if let Some(&f) = fixed.get(instr.arg as usize) {
                    instr.arg = f as u32;
                }
            }
        }
    }
    numdropped
}

/// `guarantee_lineno_for_exits`: a return without a line gets the line of
/// the last instruction before it that has one.
fn guarantee_lineno_for_exits(cfg: &mut Cfg, firstlineno: i32) {
    let mut lineno = firstlineno;
    for b in cfg.layout() {
        let block = &mut cfg.blocks[b];
        let Some(last) = block.instrs.last() else { continue };
        if last.loc.lineno < 0 {
            if last.op.is(Opcode::ReturnValue) {
                for i in &mut block.instrs {
                    i.loc.lineno = lineno;
                }
            }
        } else {
            lineno = last.loc.lineno;
        }
    }
}

/// `stackdepth`: the deepest the stack gets on any path.
fn stackdepth(cfg: &mut Cfg, is_generator: bool) -> Result<i32> {
    for b in &mut cfg.blocks {
        b.startdepth = i32::MIN;
    }
    let mut stack: Vec<BlockId> = Vec::new();
    let mut maxdepth = 0;
    let push = |cfg: &mut Cfg, stack: &mut Vec<BlockId>, b: BlockId, depth: i32| {
        let block = &mut cfg.blocks[b];
        if block.startdepth < depth && block.startdepth < 100 {
            block.startdepth = depth;
            stack.push(b);
        }
    };
    push(cfg, &mut stack, 0, is_generator as i32);
    while let Some(b) = stack.pop() {
        let mut depth = cfg.blocks[b].startdepth;
        let mut next = cfg.blocks[b].next;
        let n = cfg.blocks[b].instrs.len();
        for idx in 0..n {
            let instr = cfg.blocks[b].instrs[idx];
            let effect = stack_effect(instr.op, instr.arg, false)
                .ok_or_else(|| format!("compiler stack_effect(opcode={:?}, arg={}) failed", instr.op, instr.arg))?;
            let new_depth = depth + effect;
            maxdepth = maxdepth.max(new_depth);
            if instr.op.is_jump() || instr.op.is_block_push() {
                let effect = stack_effect(instr.op, instr.arg, true).unwrap_or(0);
                let target_depth = depth + effect;
                maxdepth = maxdepth.max(target_depth);
                if let Some(t) = instr.target {
                    push(cfg, &mut stack, t, target_depth);
                }
            }
            depth = new_depth;
            if instr.op.is_unconditional_exit() {
                next = None;
                break;
            }
        }
        if let Some(nb) = next {
            push(cfg, &mut stack, nb, depth);
        }
    }
    Ok(maxdepth)
}

/// `label_exception_targets`: record for each instruction the handler in
/// force, following the SETUP_*/POP_BLOCK pseudo-instructions along every
/// path.
fn label_exception_targets(cfg: &mut Cfg) {
    for b in cfg.layout() {
        cfg.blocks[b].visited = false;
    }
    let mut todo = vec![0];
    cfg.blocks[0].visited = true;
    cfg.blocks[0].exceptstack = Some(vec![]);
    while let Some(b) = todo.pop() {
        let mut stack = cfg.blocks[b].exceptstack.take();
        let mut handler = stack.as_ref().and_then(|s| s.last().copied());
        let n = cfg.blocks[b].instrs.len();
        let nofallthrough = cfg.blocks[b].nofallthrough;
        for idx in 0..n {
            let instr = cfg.blocks[b].instrs[idx];
            if instr.op.is_block_push() {
                let t = instr.target.unwrap_or(0);
                if !cfg.blocks[t].visited {
                    cfg.blocks[t].exceptstack = stack.clone();
                    cfg.blocks[t].visited = true;
                    todo.push(t);
                }
                if matches!(instr.op, Op::SetupWith | Op::SetupCleanup) {
                    cfg.blocks[t].preserve_lasti = true;
                }
                if let Some(s) = stack.as_mut() {
                    s.push(t);
                }
                handler = Some(t);
            } else if instr.op == Op::PopBlock {
                if let Some(s) = stack.as_mut() {
                    s.pop();
                    handler = s.last().copied();
                }
            } else if instr.op.is_jump() {
                cfg.blocks[b].instrs[idx].except = handler;
                let t = instr.target.unwrap_or(0);
                if !cfg.blocks[t].visited {
                    if !nofallthrough {
                        cfg.blocks[t].exceptstack = stack.clone();
                    } else {
                        cfg.blocks[t].exceptstack = stack.take();
                    }
                    cfg.blocks[t].visited = true;
                    todo.push(t);
                }
            } else {
                cfg.blocks[b].instrs[idx].except = handler;
            }
        }
        if !nofallthrough {
            if let Some(next) = cfg.blocks[b].next {
                if !cfg.blocks[next].visited {
                    cfg.blocks[next].exceptstack = stack;
                    cfg.blocks[next].visited = true;
                    todo.push(next);
                }
            }
        }
    }
}

fn convert_exception_handlers_to_nops(cfg: &mut Cfg) {
    for b in cfg.layout() {
        for i in &mut cfg.blocks[b].instrs {
            if i.op.is_block_push() || i.op == Op::PopBlock {
                i.op = Op::Real(Opcode::Nop);
            }
        }
    }
}

/// `normalize_jumps`: pseudo-jumps become forward or backward real ones.
fn normalize_jumps(cfg: &mut Cfg) -> Result<()> {
    let layout = cfg.layout();
    for &b in &layout {
        cfg.blocks[b].visited = false;
    }
    for &b in &layout {
        cfg.blocks[b].visited = true;
        let Some(last) = cfg.blocks[b].instrs.last().copied() else { continue };
        if !last.op.is_jump() {
            continue;
        }
        let forward = !cfg.blocks[last.target.unwrap_or(0)].visited;
        let pick = |f: Opcode, bw: Opcode| Op::Real(if forward { f } else { bw });
        let op = match last.op {
            Op::Jump => pick(Opcode::JumpForward, Opcode::JumpBackward),
            Op::JumpNoInterrupt => pick(Opcode::JumpForward, Opcode::JumpBackwardNoInterrupt),
            Op::PopJumpIfNotNone => pick(Opcode::PopJumpForwardIfNotNone, Opcode::PopJumpBackwardIfNotNone),
            Op::PopJumpIfNone => pick(Opcode::PopJumpForwardIfNone, Opcode::PopJumpBackwardIfNone),
            Op::PopJumpIfFalse => pick(Opcode::PopJumpForwardIfFalse, Opcode::PopJumpBackwardIfFalse),
            Op::PopJumpIfTrue => pick(Opcode::PopJumpForwardIfTrue, Opcode::PopJumpBackwardIfTrue),
            Op::Real(Opcode::JumpIfTrueOrPop | Opcode::JumpIfFalseOrPop) if !forward => {
                return Err(format!("unexpected {} jumping backwards", last.op_name()));
            }
            other => other,
        };
        if let Some(l) = cfg.blocks[b].instrs.last_mut() {
            l.op = op;
        }
    }
    Ok(())
}

impl Instr {
    fn op_name(&self) -> &'static str {
        match self.op {
            Op::Real(o) => o.name(),
            _ => "pseudo-instruction",
        }
    }
}

fn is_backward(op: Op) -> bool {
    matches!(
        op,
        Op::Real(
            Opcode::JumpBackward
                | Opcode::JumpBackwardNoInterrupt
                | Opcode::PopJumpBackwardIfNone
                | Opcode::PopJumpBackwardIfNotNone
                | Opcode::PopJumpBackwardIfTrue
                | Opcode::PopJumpBackwardIfFalse
        )
    )
}

/// `assemble_jump_offsets`: block offsets and relative jump arguments,
/// repeated until the EXTENDED_ARGs they need stop changing.
fn assemble_jump_offsets(cfg: &mut Cfg) {
    let layout = cfg.layout();
    loop {
        let mut total = 0;
        for &b in &layout {
            cfg.blocks[b].offset = total;
            total += cfg.blocks[b].instrs.iter().map(instr_size).sum::<u32>();
        }
        let mut recompile = false;
        for &b in &layout {
            let mut pos = cfg.blocks[b].offset;
            for idx in 0..cfg.blocks[b].instrs.len() {
                let instr = cfg.blocks[b].instrs[idx];
                let isize = instr_size(&instr);
                pos += isize;
                if instr.op.is_jump() {
                    let target = cfg.blocks[instr.target.unwrap_or(0)].offset;
                    let arg =
                        if is_backward(instr.op) { pos.saturating_sub(target) } else { target.saturating_sub(pos) };
                    let i = &mut cfg.blocks[b].instrs[idx];
                    i.arg = arg;
                    if instr_size(i) != isize {
                        recompile = true;
                    }
                }
            }
        }
        if !recompile {
            break;
        }
    }
}

/// `write_instr`: EXTENDED_ARG prefixes, the instruction, its CACHEs.
fn write_instr(code: &mut Vec<u8>, i: &Instr) {
    let Op::Real(op) = i.op else { return };
    let arg = if op.has_arg() { i.arg } else { 0 };
    let ext = Opcode::ExtendedArg as u8;
    if arg > 0xFF_FFFF {
        code.extend([ext, (arg >> 24) as u8]);
    }
    if arg > 0xFFFF {
        code.extend([ext, (arg >> 16) as u8]);
    }
    if arg > 0xFF {
        code.extend([ext, (arg >> 8) as u8]);
    }
    code.extend([op as u8, arg as u8]);
    for _ in 0..op.cache_entries() {
        code.extend([0, 0]);
    }
}

fn write_varint(out: &mut Vec<u8>, mut val: u32) {
    while val >= 64 {
        out.push(64 | (val & 63) as u8);
        val >>= 6;
    }
    out.push(val as u8);
}

fn write_signed_varint(out: &mut Vec<u8>, val: i32) {
    let v = if val < 0 { ((val.unsigned_abs()) << 1) | 1 } else { (val as u32) << 1 };
    write_varint(out, v);
}

/// Location entry codes (`PY_CODE_LOCATION_INFO_*`).
const SHORT0: u8 = 0;
const ONE_LINE0: u8 = 10;
const NO_COLUMNS: u8 = 13;
const LONG: u8 = 14;
const NONE: u8 = 15;

fn entry_start(out: &mut Vec<u8>, code: u8, length: u32) {
    out.push(0x80 | (code << 3) | (length - 1) as u8);
}

/// `write_location_info_entry`: one entry for `length` code units.
fn location_entry(out: &mut Vec<u8>, prev_lineno: &mut i32, loc: &Loc, length: u32) {
    if loc.lineno < 0 {
        entry_start(out, NONE, length);
        return;
    }
    let line_delta = loc.lineno - *prev_lineno;
    let (column, end_column) = (loc.col, loc.end_col);
    if column < 0 || end_column < 0 {
        if loc.end_lineno == loc.lineno || loc.end_lineno == -1 {
            entry_start(out, NO_COLUMNS, length);
            write_signed_varint(out, line_delta);
            *prev_lineno = loc.lineno;
            return;
        }
    } else if loc.end_lineno == loc.lineno {
        if line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column {
            entry_start(out, SHORT0 + (column >> 3) as u8, length);
            out.push((((column & 7) << 4) | (end_column - column)) as u8);
            return;
        }
        if (0..3).contains(&line_delta) && column < 128 && end_column < 128 {
            entry_start(out, ONE_LINE0 + line_delta as u8, length);
            out.push(column as u8);
            out.push(end_column as u8);
            *prev_lineno = loc.lineno;
            return;
        }
    }
    entry_start(out, LONG, length);
    write_signed_varint(out, loc.lineno - *prev_lineno);
    write_varint(out, (loc.end_lineno - loc.lineno) as u32);
    write_varint(out, (loc.col + 1) as u32);
    write_varint(out, (loc.end_col + 1) as u32);
    *prev_lineno = loc.lineno;
}

/// `co_linetable` (see CPython's Objects/locations.md).
fn location_table(cfg: &Cfg, layout: &[BlockId], firstlineno: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev = firstlineno;
    for &b in layout {
        for i in &cfg.blocks[b].instrs {
            let mut size = instr_size(i);
            while size > 8 {
                location_entry(&mut out, &mut prev, &i.loc, 8);
                size -= 8;
            }
            location_entry(&mut out, &mut prev, &i.loc, size);
        }
    }
    out
}

/// A varint of the exception table: 6-bit groups, most significant first.
fn except_item(out: &mut Vec<u8>, value: u32, mut msb: u8) {
    const CONT: u8 = 64;
    for shift in [24, 18, 12, 6] {
        if value >= 1 << shift {
            out.push(((value >> shift) & 0x3f) as u8 | CONT | msb);
            msb = 0;
        }
    }
    out.push((value & 0x3f) as u8 | msb);
}

/// `co_exceptiontable` (see CPython's Objects/exception_handling_notes.txt):
/// start, length, target and depth/lasti of each range of instructions
/// that share a handler.
fn exception_table(cfg: &Cfg, layout: &[BlockId]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut handler: Option<BlockId> = None;
    let mut start = 0;
    let mut ioffset = 0;
    let emit = |out: &mut Vec<u8>, start: u32, end: u32, h: BlockId| {
        let hb = &cfg.blocks[h];
        let depth = hb.startdepth - 1 - hb.preserve_lasti as i32;
        let depth_lasti = ((depth.max(0) as u32) << 1) | hb.preserve_lasti as u32;
        except_item(out, start, 1 << 7);
        except_item(out, end - start, 0);
        except_item(out, hb.offset, 0);
        except_item(out, depth_lasti, 0);
    };
    for &b in layout {
        ioffset = cfg.blocks[b].offset;
        for i in &cfg.blocks[b].instrs {
            if i.except != handler {
                if let Some(h) = handler {
                    emit(&mut out, start, ioffset, h);
                }
                start = ioffset;
                handler = i.except;
            }
            ioffset += instr_size(i);
        }
    }
    if let Some(h) = handler {
        emit(&mut out, start, ioffset, h);
    }
    out
}

/// `compute_localsplus_info`: names and kinds of the frame's variables:
/// locals (cells among them marked), then the other cells, then the frees.
fn localsplus(u: &Unit, nlocalsplus: usize) -> (Vec<taipan_syntax::ast::Ident>, Vec<u8>) {
    let mut names = vec![taipan_syntax::ast::Ident::default(); nlocalsplus];
    let mut kinds = vec![0u8; nlocalsplus];
    for (i, name) in u.varnames.iter().enumerate() {
        let mut kind = local_kind::LOCAL;
        if u.cellvars.contains(name) {
            kind |= local_kind::CELL;
        }
        if i < nlocalsplus {
            names[i] = name.clone();
            kinds[i] = kind;
        }
    }
    let nlocals = u.varnames.len();
    let mut numdropped = 0;
    for (i, name) in u.cellvars.iter().enumerate() {
        if u.varnames.contains(name) {
            numdropped += 1;
            continue;
        }
        let offset = i + nlocals - numdropped;
        if offset < nlocalsplus {
            names[offset] = name.clone();
            kinds[offset] = local_kind::CELL;
        }
    }
    let ncells = u.cellvars.len();
    for (i, name) in u.freevars.iter().enumerate() {
        let offset = ncells + i + nlocals - numdropped;
        if offset < nlocalsplus {
            names[offset] = name.clone();
            kinds[offset] = local_kind::FREE;
        }
    }
    (names, kinds)
}
