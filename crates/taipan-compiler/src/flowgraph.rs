//! The control-flow graph the code generator builds, and 3.11's passes over
//! it (compile.c's `optimize_cfg` and its helpers): jump threading, constant
//! conditions, tuple folding, SWAP elimination, dead-block removal, removal
//! of redundant NOPs and jumps, duplication of exit blocks without a line
//! number, and line number propagation.
//!
//! Blocks live in an arena numbered by allocation. CPython walks its blocks
//! two ways, and some passes depend on which: `b_next` is the layout order,
//! and `b_list` is the reverse of allocation order (descending ids here).

use crate::code::Constant;
use crate::constant::{is_true, key_eq, key_hash};
use crate::opcode::Opcode;
use crate::ordmap::HashMap;
use std::hash::Hasher;

pub type BlockId = usize;

/// An instruction: a real opcode or one of the compiler's pseudo-opcodes,
/// which the assembler turns into real ones (or NOPs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Real(Opcode),
    /// Push an exception handler (`SETUP_FINALLY`, `SETUP_CLEANUP` also
    /// pushes `lasti`, `SETUP_WITH` is for `with`).
    SetupFinally,
    SetupCleanup,
    SetupWith,
    PopBlock,
    Jump,
    JumpNoInterrupt,
    PopJumpIfFalse,
    PopJumpIfTrue,
    PopJumpIfNone,
    PopJumpIfNotNone,
}

impl From<Opcode> for Op {
    fn from(o: Opcode) -> Op {
        Op::Real(o)
    }
}

impl Op {
    pub fn is(self, o: Opcode) -> bool {
        self == Op::Real(o)
    }

    /// `is_jump`: a pseudo-jump or a real jump instruction.
    pub fn is_jump(self) -> bool {
        match self {
            Op::Jump
            | Op::JumpNoInterrupt
            | Op::PopJumpIfFalse
            | Op::PopJumpIfTrue
            | Op::PopJumpIfNone
            | Op::PopJumpIfNotNone => true,
            Op::Real(o) => o.hasjrel(),
            _ => false,
        }
    }

    pub fn is_block_push(self) -> bool {
        matches!(self, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
    }

    /// Does the instruction end its basic block?
    pub fn ends_block(self) -> bool {
        self.is_jump() || matches!(self, Op::Real(Opcode::ReturnValue | Opcode::RaiseVarargs | Opcode::Reraise))
    }

    /// Does control never pass to the next instruction?
    pub fn is_unconditional_exit(self) -> bool {
        matches!(
            self,
            Op::Jump | Op::JumpNoInterrupt | Op::Real(Opcode::ReturnValue | Opcode::RaiseVarargs | Opcode::Reraise)
        )
    }
}

/// A source location; -1 parts mean "none" (CPython's `i_lineno` and friends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Loc {
    /// `UNSET_LOC`: an artificial instruction.
    pub const NONE: Loc = Loc { lineno: -1, end_lineno: -1, col: -1, end_col: -1 };
    /// What `compiler_addop_noline` gives.
    pub const NOLINE: Loc = Loc { lineno: -1, end_lineno: 0, col: 0, end_col: 0 };
}

#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: Option<BlockId>,
    /// The handler in force (set by the assembler's exception labelling).
    pub except: Option<BlockId>,
    pub loc: Loc,
}

impl Instr {
    pub fn new(op: Op, arg: u32, loc: Loc) -> Instr {
        Instr { op, arg, target: None, except: None, loc }
    }

    fn target(&self) -> BlockId {
        self.target.unwrap_or(0)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
    /// The next block in layout order (`b_next`).
    pub next: Option<BlockId>,
    pub predecessors: u32,
    pub startdepth: i32,
    pub offset: u32,
    /// Ends with a return, raise or unconditional jump.
    pub nofallthrough: bool,
    /// An exception handler that keeps `lasti` on the stack.
    pub preserve_lasti: bool,
    pub visited: bool,
    /// Ends with a return or raise.
    pub exit: bool,
    /// A RETURN_VALUE was added to it.
    pub has_return: bool,
    pub exceptstack: Option<Vec<BlockId>>,
}

impl Block {
    pub fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }

    fn has_lineno(&self) -> bool {
        self.instrs.iter().any(|i| i.loc.lineno > 0)
    }

    fn is_exit_without_lineno(&self) -> bool {
        self.exit && self.instrs.iter().all(|i| i.loc.lineno < 0)
    }
}

/// The blocks of one code object.
#[derive(Debug, Default)]
pub struct Cfg {
    pub blocks: Vec<Block>,
}

/// The constants of a code object under construction: a list (its order is
/// `co_consts`) plus an index by the hash of `_PyCode_ConstantKey`.
#[derive(Debug, Default)]
pub struct ConstPool {
    pub items: Vec<Constant>,
    /// The first constant with each key hash (collisions fall back to a scan).
    index: HashMap<u64, u32>,
}

fn hash_of(c: &Constant) -> u64 {
    let mut h = crate::ordmap::FxHasher::default();
    key_hash(c, &mut h);
    h.finish()
}

impl ConstPool {
    fn find(&self, c: &Constant, h: u64) -> Option<u32> {
        let &i = self.index.get(&h)?;
        if key_eq(&self.items[i as usize], c) {
            return Some(i);
        }
        self.items.iter().position(|x| key_eq(x, c)).map(|i| i as u32)
    }

    /// `compiler_add_const`: the index of an equal constant, or a new one.
    pub fn add(&mut self, c: Constant) -> u32 {
        let h = hash_of(&c);
        if let Some(i) = self.find(&c, h) {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push(c);
        self.index.entry(h).or_insert(i);
        i
    }

    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
        self.index.retain(|_, i| (*i as usize) < len);
    }
}

/// `stack_effect`: how an instruction changes the stack depth, on the path
/// that jumps (`jump`) or falls through. `None` for an unknown opcode.
/// Opargs from `_opcode.stack_effect` can be any C int: the arithmetic
/// wraps as CPython's does.
pub fn stack_effect(op: Op, arg: u32, jump: bool) -> Option<i32> {
    use Opcode::*;
    let arg = arg as i32;
    Some(match op {
        Op::SetupFinally | Op::SetupWith => jump as i32,
        Op::SetupCleanup => 2 * jump as i32,
        Op::PopBlock | Op::Jump | Op::JumpNoInterrupt => 0,
        Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::PopJumpIfNone | Op::PopJumpIfNotNone => -1,
        Op::Real(o) => match o {
            Nop | ExtendedArg | Resume | Cache | Swap => 0,
            PopTop => -1,
            UnaryPositive | UnaryNegative | UnaryNot | UnaryInvert => 0,
            SetAdd | ListAppend => -1,
            MapAdd => -2,
            BinarySubscr => -1,
            StoreSubscr => -3,
            DeleteSubscr => -2,
            GetIter => 0,
            PrintExpr => -1,
            LoadBuildClass => 1,
            ReturnValue | ImportStar => -1,
            SetupAnnotations | AsyncGenWrap | YieldValue => 0,
            PopExcept => -1,
            StoreName => -1,
            DeleteName => 0,
            UnpackSequence => arg.wrapping_sub(1),
            UnpackEx => (arg & 0xFF).wrapping_add(arg >> 8),
            ForIter => {
                if jump {
                    -1
                } else {
                    1
                }
            }
            Send => {
                if jump {
                    -1
                } else {
                    0
                }
            }
            StoreAttr => -2,
            DeleteAttr | StoreGlobal => -1,
            DeleteGlobal => 0,
            LoadConst | LoadName => 1,
            BuildTuple | BuildList | BuildSet | BuildString => 1i32.wrapping_sub(arg),
            BuildMap => 1i32.wrapping_sub(arg.wrapping_mul(2)),
            BuildConstKeyMap => arg.wrapping_neg(),
            LoadAttr => 0,
            CompareOp | IsOp | ContainsOp => -1,
            CheckExcMatch | CheckEgMatch => 0,
            ImportName => -1,
            ImportFrom => 1,
            JumpForward | JumpBackward | JumpBackwardNoInterrupt => 0,
            JumpIfTrueOrPop | JumpIfFalseOrPop => {
                if jump {
                    0
                } else {
                    -1
                }
            }
            PopJumpForwardIfNone
            | PopJumpBackwardIfNone
            | PopJumpForwardIfNotNone
            | PopJumpBackwardIfNotNone
            | PopJumpForwardIfFalse
            | PopJumpBackwardIfFalse
            | PopJumpForwardIfTrue
            | PopJumpBackwardIfTrue => -1,
            LoadGlobal => (arg & 1) + 1,
            PrepReraiseStar | Reraise => -1,
            PushExcInfo | WithExceptStart => 1,
            LoadFast => 1,
            StoreFast => -1,
            DeleteFast | ReturnGenerator => 0,
            RaiseVarargs => arg.wrapping_neg(),
            Precall => arg.wrapping_neg(),
            KwNames => 0,
            Call => -1,
            CallFunctionEx => -2 - (arg & 1),
            MakeFunction => -((arg & 0xF).count_ones() as i32),
            BuildSlice => {
                if arg == 3 {
                    -2
                } else {
                    -1
                }
            }
            MakeCell | CopyFreeVars => 0,
            LoadClosure | LoadDeref | LoadClassderef => 1,
            StoreDeref => -1,
            DeleteDeref => 0,
            GetAwaitable => 0,
            BeforeAsyncWith | BeforeWith => 1,
            GetAiter => 0,
            GetAnext => 1,
            GetYieldFromIter => 0,
            EndAsyncFor => -2,
            FormatValue => {
                if arg & 4 != 0 {
                    -1
                } else {
                    0
                }
            }
            LoadMethod | LoadAssertionError => 1,
            ListToTuple => 0,
            ListExtend | SetUpdate | DictMerge | DictUpdate => -1,
            MatchClass => -2,
            GetLen | MatchMapping | MatchSequence | MatchKeys => 1,
            Copy | PushNull => 1,
            BinaryOp => -1,
            _ => return None,
        },
    })
}

/// `dis.stack_effect(opcode, oparg, jump=jump)` (CPython's
/// `PyCompile_OpcodeStackEffectWithJump`): `None` for an opcode the
/// compiler does not emit (including the specialized ones). Without `jump`,
/// the larger of the two effects.
pub fn opcode_stack_effect(opcode: u8, oparg: i32, jump: Option<bool>) -> Option<i32> {
    let op = Op::Real(Opcode::from_u8(opcode)?);
    let arg = oparg as u32;
    match jump {
        Some(j) => stack_effect(op, arg, j),
        None => Some(stack_effect(op, arg, false)?.max(stack_effect(op, arg, true)?)),
    }
}

/// `instr_size`: code units, EXTENDED_ARGs and CACHEs included.
pub fn instr_size(i: &Instr) -> u32 {
    let Op::Real(o) = i.op else { return 1 };
    let arg = if o.has_arg() { i.arg } else { 0 };
    let ext = (arg > 0xFF_FFFF) as u32 + (arg > 0xFFFF) as u32 + (arg > 0xFF) as u32;
    ext + 1 + o.cache_entries() as u32
}

/// Maximum size of a block `extend_block` copies.
const MAX_COPY_SIZE: usize = 4;

impl Cfg {
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block { startdepth: i32::MIN, ..Block::default() });
        self.blocks.len() - 1
    }

    /// Blocks in `b_list` order: most recently allocated first.
    fn list_order(&self) -> impl Iterator<Item = BlockId> {
        (0..self.blocks.len()).rev()
    }

    /// Blocks in layout order (`b_next`), from the entry block.
    pub fn layout(&self) -> Vec<BlockId> {
        let mut out = Vec::new();
        let mut b = Some(0);
        while let Some(id) = b {
            out.push(id);
            b = self.blocks[id].next;
        }
        out
    }

    /// Follow empty blocks to the first one with instructions (CPython loops
    /// over `b_next` for this; an empty chain ends at a block that has code).
    fn skip_empty(&self, mut b: BlockId) -> BlockId {
        while self.blocks[b].instrs.is_empty() {
            match self.blocks[b].next {
                Some(n) => b = n,
                None => break,
            }
        }
        b
    }

    /// `normalize_basic_block`: mark exits and no-fallthrough blocks.
    pub fn normalize(&mut self) -> Result<(), &'static str> {
        for b in self.list_order().collect::<Vec<_>>() {
            let n = self.blocks[b].instrs.len();
            for i in 0..n {
                let op = self.blocks[b].instrs[i].op;
                match op {
                    Op::Real(Opcode::ReturnValue | Opcode::RaiseVarargs | Opcode::Reraise) => {
                        self.blocks[b].exit = true;
                        self.blocks[b].nofallthrough = true;
                    }
                    Op::Jump
                    | Op::JumpNoInterrupt
                    | Op::PopJumpIfNotNone
                    | Op::PopJumpIfNone
                    | Op::PopJumpIfFalse
                    | Op::PopJumpIfTrue
                    | Op::Real(Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop | Opcode::ForIter) => {
                        if matches!(op, Op::Jump | Op::JumpNoInterrupt) {
                            self.blocks[b].nofallthrough = true;
                        }
                        if i != n - 1 {
                            return Err("malformed control flow graph.");
                        }
                        let t = self.skip_empty(self.blocks[b].instrs[i].target());
                        self.blocks[b].instrs[i].target = Some(t);
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// `extend_block`: a block ending in a jump to a small exit block with
    /// no line number gets a copy of that block instead of the jump.
    fn extend_block(&mut self, b: BlockId) {
        let Some(last) = self.blocks[b].last() else { return };
        if !matches!(last.op, Op::Jump | Op::Real(Opcode::JumpForward | Opcode::JumpBackward)) {
            return;
        }
        let t = last.target();
        let to_copy = &self.blocks[t];
        if !(to_copy.exit && to_copy.instrs.len() <= MAX_COPY_SIZE) || to_copy.has_lineno() {
            return;
        }
        let copied = to_copy.instrs.clone();
        let block = &mut self.blocks[b];
        if let Some(l) = block.instrs.last_mut() {
            l.op = Op::Real(Opcode::Nop);
        }
        block.instrs.extend(copied);
        block.exit = true;
    }

    pub fn extend_blocks(&mut self) {
        for b in self.list_order().collect::<Vec<_>>() {
            self.extend_block(b);
        }
    }

    /// `optimize_cfg`.
    pub fn optimize(&mut self, consts: &mut ConstPool) {
        for b in self.layout() {
            self.optimize_block(b, consts);
            self.clean_block(b);
        }
        self.extend_blocks();
        self.mark_reachable();
        for b in self.layout() {
            let block = &mut self.blocks[b];
            if block.predecessors == 0 {
                block.instrs.clear();
                block.nofallthrough = false;
            }
        }
        self.eliminate_empty_blocks();
        for b in self.layout() {
            self.clean_block(b);
        }
        // A jump to the very next block is redundant.
        let mut maybe_empty = false;
        for b in self.layout() {
            let next = self.blocks[b].next;
            let block = &mut self.blocks[b];
            if let Some(last) = block.instrs.last_mut() {
                if matches!(last.op, Op::Jump | Op::JumpNoInterrupt) && last.target == next {
                    block.nofallthrough = false;
                    last.op = Op::Real(Opcode::Nop);
                    maybe_empty = true;
                }
            }
        }
        if maybe_empty {
            self.eliminate_empty_blocks();
        }
    }

    /// `mark_reachable`: count each block's predecessors from the entry.
    fn mark_reachable(&mut self) {
        self.blocks[0].predecessors = 1;
        let mut stack = vec![0];
        while let Some(b) = stack.pop() {
            if let Some(next) = self.blocks[b].next {
                if !self.blocks[b].nofallthrough {
                    if self.blocks[next].predecessors == 0 {
                        stack.push(next);
                    }
                    self.blocks[next].predecessors += 1;
                }
            }
            for i in 0..self.blocks[b].instrs.len() {
                let instr = self.blocks[b].instrs[i];
                if instr.op.is_jump() || instr.op.is_block_push() {
                    let t = instr.target();
                    if self.blocks[t].predecessors == 0 {
                        stack.push(t);
                    }
                    self.blocks[t].predecessors += 1;
                }
            }
        }
    }

    /// `eliminate_empty_basic_blocks`.
    fn eliminate_empty_blocks(&mut self) {
        for b in self.layout() {
            if let Some(mut next) = self.blocks[b].next {
                while self.blocks[next].instrs.is_empty() {
                    match self.blocks[next].next {
                        Some(n) => next = n,
                        None => break,
                    }
                }
                self.blocks[b].next = Some(next);
            }
        }
        for b in self.layout() {
            let Some(last) = self.blocks[b].last() else { continue };
            if last.op.is_jump() {
                let mut t = last.target();
                while self.blocks[t].instrs.is_empty() {
                    match self.blocks[t].next {
                        Some(n) => t = n,
                        None => break,
                    }
                }
                if let Some(l) = self.blocks[b].instrs.last_mut() {
                    l.target = Some(t);
                }
            }
        }
    }

    /// `clean_basic_block`: drop the NOPs that carry no line of their own.
    pub fn clean_block(&mut self, b: BlockId) {
        let mut next_lineno = None;
        if let Some(last) = self.blocks[b].instrs.last() {
            if last.op.is(Opcode::Nop) {
                let mut next = self.blocks[b].next;
                while let Some(n) = next {
                    if !self.blocks[n].instrs.is_empty() {
                        break;
                    }
                    next = self.blocks[n].next;
                }
                next_lineno = next.map(|n| self.blocks[n].instrs[0].loc.lineno);
            }
        }
        let instrs = &mut self.blocks[b].instrs;
        let mut dest = 0;
        let mut prev_lineno = -1;
        let n = instrs.len();
        for src in 0..n {
            let lineno = instrs[src].loc.lineno;
            if instrs[src].op.is(Opcode::Nop) {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src < n - 1 {
                    let nl = instrs[src + 1].loc.lineno;
                    if nl == lineno {
                        continue;
                    }
                    if nl < 0 {
                        instrs[src + 1].loc = instrs[src].loc;
                        continue;
                    }
                } else if next_lineno == Some(lineno) {
                    continue;
                }
            }
            if dest != src {
                instrs[dest] = instrs[src];
            }
            dest += 1;
            prev_lineno = lineno;
        }
        instrs.truncate(dest);
    }

    /// `optimize_basic_block`: peephole rewrites within one block.
    fn optimize_block(&mut self, b: BlockId, consts: &mut ConstPool) {
        let mut i = 0;
        while i < self.blocks[b].instrs.len() {
            let inst = self.blocks[b].instrs[i];
            // Skip over empty blocks.
            let mut target_op = Op::Real(Opcode::Nop);
            let mut target_instr = None;
            if inst.op.is_jump() || inst.op.is_block_push() {
                let mut t = inst.target();
                while self.blocks[t].instrs.is_empty() {
                    match self.blocks[t].next {
                        Some(n) => t = n,
                        None => break,
                    }
                }
                self.blocks[b].instrs[i].target = Some(t);
                if let Some(first) = self.blocks[t].instrs.first() {
                    target_op = first.op;
                    target_instr = Some(*first);
                }
            }
            let inst = self.blocks[b].instrs[i];
            let n = self.blocks[b].instrs.len();
            let next_op = if i + 1 < n { Some(self.blocks[b].instrs[i + 1].op) } else { None };
            match inst.op {
                Op::Real(Opcode::LoadConst) => self.fold_const_jump(b, i, consts),
                Op::Real(Opcode::BuildTuple) => {
                    let oparg = inst.arg as usize;
                    if next_op == Some(Op::Real(Opcode::UnpackSequence)) && self.blocks[b].instrs[i + 1].arg == inst.arg
                    {
                        match oparg {
                            1 => {
                                self.blocks[b].instrs[i].op = Op::Real(Opcode::Nop);
                                self.blocks[b].instrs[i + 1].op = Op::Real(Opcode::Nop);
                                i += 1;
                                continue;
                            }
                            2 | 3 => {
                                self.blocks[b].instrs[i].op = Op::Real(Opcode::Nop);
                                self.blocks[b].instrs[i + 1].op = Op::Real(Opcode::Swap);
                                i += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if i >= oparg {
                        fold_tuple_on_constants(&mut self.blocks[b].instrs[i - oparg..=i], consts);
                    }
                }
                Op::Real(Opcode::JumpIfFalseOrPop) | Op::Real(Opcode::JumpIfTrueOrPop) => {
                    let is_false = inst.op.is(Opcode::JumpIfFalseOrPop);
                    let (same_pop, same_or_pop, opposite_pop, opposite_or_pop) = if is_false {
                        (
                            Op::PopJumpIfFalse,
                            Op::Real(Opcode::JumpIfFalseOrPop),
                            Op::PopJumpIfTrue,
                            Op::Real(Opcode::JumpIfTrueOrPop),
                        )
                    } else {
                        (
                            Op::PopJumpIfTrue,
                            Op::Real(Opcode::JumpIfTrueOrPop),
                            Op::PopJumpIfFalse,
                            Op::Real(Opcode::JumpIfFalseOrPop),
                        )
                    };
                    if let Some(t) = target_instr {
                        if target_op == same_pop {
                            if self.jump_thread(b, i, &t, same_pop) {
                                continue;
                            }
                        } else if target_op == Op::Jump || target_op == same_or_pop {
                            if self.jump_thread(b, i, &t, same_or_pop) {
                                continue;
                            }
                        } else if (target_op == opposite_or_pop || target_op == opposite_pop)
                            && inst.loc.lineno == t.loc.lineno
                        {
                            let tb = self.blocks[b].instrs[i].target();
                            let after = self.blocks[tb].next;
                            let instr = &mut self.blocks[b].instrs[i];
                            instr.op = same_pop;
                            instr.target = after;
                            continue;
                        }
                    }
                }
                Op::PopJumpIfNotNone | Op::PopJumpIfNone | Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::Jump => {
                    if let Some(t) = target_instr {
                        if target_op == Op::Jump && self.jump_thread(b, i, &t, inst.op) {
                            continue;
                        }
                    }
                }
                Op::Real(Opcode::Swap) => {
                    if inst.arg == 1 {
                        self.blocks[b].instrs[i].op = Op::Real(Opcode::Nop);
                    } else {
                        let instrs = &mut self.blocks[b].instrs;
                        i = swaptimize(instrs, i);
                        apply_static_swaps(instrs, i);
                    }
                }
                Op::Real(Opcode::PushNull)
                    if next_op == Some(Op::Real(Opcode::LoadGlobal)) && self.blocks[b].instrs[i + 1].arg & 1 == 0 =>
                {
                    let instrs = &mut self.blocks[b].instrs;
                    instrs[i].op = Op::Real(Opcode::Nop);
                    instrs[i].arg = 0;
                    instrs[i + 1].arg |= 1;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// `jump_thread`: jump straight to where the target jump goes (only when
    /// both are on the same line). Returns whether anything changed.
    fn jump_thread(&mut self, b: BlockId, i: usize, target: &Instr, op: Op) -> bool {
        let inst = &mut self.blocks[b].instrs[i];
        if inst.loc.lineno == target.loc.lineno && inst.target != target.target {
            inst.target = target.target;
            inst.op = op;
            return true;
        }
        false
    }

    /// LOAD_CONST followed by a conditional jump: decide it now.
    fn fold_const_jump(&mut self, b: BlockId, i: usize, consts: &ConstPool) {
        let n = self.blocks[b].instrs.len();
        if i + 1 >= n {
            return;
        }
        let value = &consts.items[self.blocks[b].instrs[i].arg as usize];
        let next = self.blocks[b].instrs[i + 1].op;
        match next {
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                let jump_if_true = next == Op::PopJumpIfTrue;
                let block = &mut self.blocks[b];
                block.instrs[i].op = Op::Real(Opcode::Nop);
                if is_true(value) == jump_if_true {
                    block.instrs[i + 1].op = Op::Jump;
                    block.nofallthrough = true;
                } else {
                    block.instrs[i + 1].op = Op::Real(Opcode::Nop);
                }
            }
            Op::Real(Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop) => {
                let jump_if_true = next.is(Opcode::JumpIfTrueOrPop);
                let block = &mut self.blocks[b];
                if is_true(value) == jump_if_true {
                    block.instrs[i + 1].op = Op::Jump;
                    block.nofallthrough = true;
                } else {
                    block.instrs[i].op = Op::Real(Opcode::Nop);
                    block.instrs[i + 1].op = Op::Real(Opcode::Nop);
                }
            }
            Op::Real(Opcode::IsOp) => {
                let jump_op = if i + 2 < n { Some(self.blocks[b].instrs[i + 2].op) } else { None };
                if matches!(value, Constant::None) && matches!(jump_op, Some(Op::PopJumpIfFalse | Op::PopJumpIfTrue)) {
                    let block = &mut self.blocks[b];
                    let nextarg = block.instrs[i + 1].arg != 0;
                    block.instrs[i].op = Op::Real(Opcode::Nop);
                    block.instrs[i + 1].op = Op::Real(Opcode::Nop);
                    let if_false = jump_op == Some(Op::PopJumpIfFalse);
                    block.instrs[i + 2].op = if nextarg ^ if_false { Op::PopJumpIfNotNone } else { Op::PopJumpIfNone };
                }
            }
            _ => {}
        }
    }

    /// `duplicate_exits_without_lineno`: give each jump to a line-less exit
    /// block its own copy, so that the jump's line number can be copied in.
    pub fn duplicate_exits_without_lineno(&mut self) {
        for b in self.list_order().collect::<Vec<_>>() {
            let Some(last) = self.blocks[b].last() else { continue };
            if !last.op.is_jump() {
                continue;
            }
            let target = last.target();
            let last_loc = last.loc;
            if self.blocks[target].is_exit_without_lineno() && self.blocks[target].predecessors > 1 {
                let new_target = self.new_block();
                let copy = self.blocks[target].instrs.clone();
                let exit = self.blocks[target].exit;
                let nb = &mut self.blocks[new_target];
                nb.instrs = copy;
                nb.exit = exit;
                nb.nofallthrough = true;
                if let Some(first) = nb.instrs.first_mut() {
                    first.loc = last_loc;
                }
                nb.predecessors = 1;
                if let Some(l) = self.blocks[b].instrs.last_mut() {
                    l.target = Some(new_target);
                }
                self.blocks[target].predecessors -= 1;
                self.blocks[new_target].next = self.blocks[target].next;
                self.blocks[target].next = Some(new_target);
            }
        }
        for b in self.list_order().collect::<Vec<_>>() {
            while let Some(n) = self.blocks[b].next {
                if !self.blocks[n].instrs.is_empty() {
                    break;
                }
                self.blocks[b].next = self.blocks[n].next;
            }
        }
        // The exit blocks left without a line number are only reached by
        // falling through, from their one predecessor.
        for b in self.list_order().collect::<Vec<_>>() {
            let block = &self.blocks[b];
            if block.nofallthrough || block.instrs.is_empty() {
                continue;
            }
            let Some(next) = block.next else { continue };
            if self.blocks[next].is_exit_without_lineno() {
                let loc = block.instrs[block.instrs.len() - 1].loc;
                if let Some(first) = self.blocks[next].instrs.first_mut() {
                    first.loc = loc;
                }
            }
        }
    }

    /// `propagate_line_numbers`: instructions without a line take their
    /// predecessor's, within a block and into a single-predecessor successor.
    pub fn propagate_line_numbers(&mut self) {
        for b in self.layout() {
            if self.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev = Loc::NONE;
            for instr in self.blocks[b].instrs.iter_mut() {
                if instr.loc.lineno < 0 {
                    instr.loc = prev;
                } else {
                    prev = instr.loc;
                }
            }
            let block = &self.blocks[b];
            let last = block.instrs[block.instrs.len() - 1];
            if !block.nofallthrough {
                if let Some(next) = block.next {
                    self.inherit_location(next, prev);
                }
            }
            if last.op.is_jump() {
                self.inherit_location(last.target(), prev);
            }
        }
    }

    /// A block with a single predecessor and no location at its start takes
    /// its predecessor's.
    fn inherit_location(&mut self, b: BlockId, loc: Loc) {
        let block = &mut self.blocks[b];
        if block.predecessors == 1 {
            if let Some(first) = block.instrs.first_mut() {
                if first.loc.lineno < 0 {
                    first.loc = loc;
                }
            }
        }
    }

    /// `trim_unused_consts`: drop the constants after the last one used (the
    /// first is kept: it may be a docstring).
    pub fn trim_unused_consts(&self, consts: &mut ConstPool) {
        let mut max = 0;
        for b in self.layout() {
            for i in &self.blocks[b].instrs {
                if matches!(i.op, Op::Real(Opcode::LoadConst | Opcode::KwNames)) && i.arg > max {
                    max = i.arg;
                }
            }
        }
        if (max as usize) + 1 < consts.items.len() {
            consts.truncate(max as usize + 1);
        }
    }
}

/// `fold_tuple_on_constants`: LOAD_CONST x n; BUILD_TUPLE n becomes one
/// LOAD_CONST of the tuple.
fn fold_tuple_on_constants(instrs: &mut [Instr], consts: &mut ConstPool) {
    let n = instrs.len() - 1;
    if !instrs[..n].iter().all(|i| i.op.is(Opcode::LoadConst)) {
        return;
    }
    let items: Vec<Constant> = instrs[..n].iter().map(|i| consts.items[i.arg as usize].clone()).collect();
    let index = consts.add(Constant::Tuple(items));
    for i in &mut instrs[..n] {
        i.op = Op::Real(Opcode::Nop);
    }
    instrs[n].op = Op::Real(Opcode::LoadConst);
    instrs[n].arg = index;
}

/// `swaptimize`: replace a run of SWAPs and NOPs by the fewest SWAPs with the
/// same effect. Returns the index of the run's last instruction.
fn swaptimize(instrs: &mut [Instr], ix: usize) -> usize {
    let run = &instrs[ix..];
    let mut depth = run[0].arg as usize;
    let limit = run.len();
    let mut len = 0;
    let mut more = false;
    loop {
        len += 1;
        if len >= limit {
            break;
        }
        let op = run[len].op;
        if op.is(Opcode::Swap) {
            depth = depth.max(run[len].arg as usize);
            more = true;
        } else if !op.is(Opcode::Nop) {
            break;
        }
    }
    if !more {
        return ix;
    }
    // Run the SWAPs on a model stack.
    let mut stack: Vec<i64> = (0..depth as i64).collect();
    for instr in &run[..len] {
        if instr.op.is(Opcode::Swap) {
            let oparg = instr.arg as usize;
            stack.swap(0, oparg - 1);
        }
    }
    const VISITED: i64 = -1;
    let mut current = len as i64 - 1;
    let run = &mut instrs[ix..ix + len];
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as i64 {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                run[current as usize].op = Op::Real(Opcode::Swap);
                run[current as usize].arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        run[current as usize].op = Op::Real(Opcode::Nop);
        current -= 1;
    }
    ix + len - 1
}

fn swappable(op: Op) -> bool {
    matches!(op, Op::Real(Opcode::StoreFast | Opcode::PopTop))
}

fn stores_to(i: &Instr) -> Option<u32> {
    if i.op.is(Opcode::StoreFast) {
        Some(i.arg)
    } else {
        None
    }
}

fn next_swappable_instruction(instrs: &[Instr], mut i: usize, lineno: i32) -> Option<usize> {
    loop {
        i += 1;
        if i >= instrs.len() {
            return None;
        }
        let instr = &instrs[i];
        if lineno >= 0 && instr.loc.lineno != lineno {
            return None;
        }
        if instr.op.is(Opcode::Nop) {
            continue;
        }
        if swappable(instr.op) {
            return Some(i);
        }
        return None;
    }
}

/// `apply_static_swaps`: SWAP then stores can often be done by swapping the
/// stores instead (3.11.4+: never when they store to the same variable).
fn apply_static_swaps(instrs: &mut [Instr], i: usize) {
    let mut i = i as i64;
    while i >= 0 {
        let swap = instrs[i as usize];
        if !swap.op.is(Opcode::Swap) {
            if swap.op.is(Opcode::Nop) || swappable(swap.op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable_instruction(instrs, i as usize, -1) else { return };
        let mut k = j;
        let lineno = instrs[j].loc.lineno;
        let mut count = swap.arg as i64 - 1;
        while count > 0 {
            match next_swappable_instruction(instrs, k, lineno) {
                Some(n) => k = n,
                None => return,
            }
            count -= 1;
        }
        let (store_j, store_k) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
        if store_j.is_some() || store_k.is_some() {
            if store_j == store_k {
                return;
            }
            for instr in &instrs[j + 1..k] {
                let s = stores_to(instr);
                if s.is_some() && (s == store_j || s == store_k) {
                    return;
                }
            }
        }
        instrs[i as usize].op = Op::Real(Opcode::Nop);
        instrs.swap(j, k);
        i -= 1;
    }
}

/// CPython 3.11's `PyCompile_OpcodeStackEffectWithJump` over its whole
/// domain (`_opcode.stack_effect`): the real opcodes and the compiler's
/// pseudo-instructions, which 3.11 numbers -1 (`SETUP_FINALLY`) to -10
/// (`POP_JUMP_IF_NOT_NONE`). `None` where CPython answers "invalid opcode
/// or oparg", including an effect that wraps to its `INT_MAX` marker.
pub fn opcode_stack_effect_with_jump(opcode: i32, oparg: i32, jump: Option<bool>) -> Option<i32> {
    let op = match opcode {
        -1 => Op::SetupFinally,
        -2 => Op::SetupCleanup,
        -3 => Op::SetupWith,
        -4 => Op::PopBlock,
        -5 => Op::Jump,
        -6 => Op::JumpNoInterrupt,
        -7 => Op::PopJumpIfFalse,
        -8 => Op::PopJumpIfTrue,
        -9 => Op::PopJumpIfNone,
        -10 => Op::PopJumpIfNotNone,
        0..=255 => Op::Real(Opcode::from_u8(opcode as u8)?),
        _ => return None,
    };
    let arg = oparg as u32;
    let effect = match jump {
        Some(j) => stack_effect(op, arg, j)?,
        None => stack_effect(op, arg, false)?.max(stack_effect(op, arg, true)?),
    };
    (effect != i32::MAX).then_some(effect)
}
