//! The bytecode verifier: what the eval loop may trust about a code object
//! that did not come from our compiler (`types.CodeType(...)`,
//! `code.replace(...)`, marshal and `.pyc` files). CPython trusts such code
//! and may crash on it; Taipan checks it once, when the code object is made,
//! so a malformed one raises instead of reaching the eval loop (and a
//! corrupt `.pyc` is ignored by import: the check cannot wait until the
//! code first runs).
//!
//! It runs for every code object read from a `.pyc` at start-up, so it
//! allocates per code object, not per instruction, and does little per
//! instruction: the abstract stack is a depth plus the few entries that may
//! be NULL, and a stack is kept only where a jump or handler lands (found
//! as the walk meets them, not by a decoding pre-pass), all in one arena.
//!
//! Checked: every reachable instruction is a 3.11 opcode (no CACHE, no
//! specialized form), with its inline cache entries inside the code and an
//! argument in range (constant, name, local, cell/free indices; comparison
//! and operator numbers; flags); jumps land on instructions inside the
//! code; execution never runs off the end; the value stack never
//! underflows, never grows past `co_stacksize`, has the same depth wherever
//! paths meet, and NULLs (`PUSH_NULL`, `LOAD_GLOBAL`'s and `LOAD_METHOD`'s)
//! are only consumed by calls; exception-table entries are well formed and
//! their handlers start at a consistent depth; `RETURN_GENERATOR` only
//! opens generator code, and only such code yields.
//!
//! Types of values (a MAKE_FUNCTION given a non-code) are checked by the
//! instructions themselves at run time.

use taipan_compiler::code::flags as co_flags;
use taipan_compiler::code::local_kind;
use taipan_compiler::opcode::{Opcode, CACHE_ENTRIES};

use crate::objects::code::ExceptionEntry;

/// What the verifier needs to know about a code object.
pub(crate) struct CodeShape<'a> {
    pub(crate) units: &'a [u16],
    pub(crate) nconsts: usize,
    pub(crate) nnames: usize,
    pub(crate) kinds: &'a [u8],
    pub(crate) stacksize: usize,
    pub(crate) flags: u32,
    pub(crate) exception_table: &'a [ExceptionEntry],
    /// `consts[i]` is a tuple of str (what KW_NAMES needs).
    pub(crate) const_is_str_tuple: &'a dyn Fn(usize) -> bool,
}

/// What a stack entry that is not known to be a value may be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Null,
    MaybeNull,
}

/// A stack entry that may be NULL: its position (0 is the bottom) and kind.
type Marked = (usize, Mark);

/// The abstract value stack: its depth, and where the entries that may be
/// NULL sit (positions increasing). Values are the rule (a NULL only waits
/// below a callable for its call), so most instructions cost a depth
/// update and a look at the last mark, not a walk over the stack.
#[derive(Default)]
struct Stack {
    depth: usize,
    marks: Vec<Marked>,
}

impl Stack {
    fn load(&mut self, depth: usize, marks: &[Marked]) {
        self.depth = depth;
        self.marks.clear();
        self.marks.extend_from_slice(marks);
    }

    /// The marks below `depth` (a prefix: they are sorted).
    fn marks_below(&self, depth: usize) -> &[Marked] {
        &self.marks[..self.marks.partition_point(|m| m.0 < depth)]
    }

    fn mark_at(&self, pos: usize) -> Option<Mark> {
        self.marks.iter().rev().take_while(|m| m.0 >= pos).find(|m| m.0 == pos).map(|m| m.1)
    }

    fn need(&self, k: usize, ins: &Instr) -> Result<(), String> {
        if self.depth < k {
            return Err(format!("{} needs {k} stack values at {}", ins.op.name(), ins.at));
        }
        Ok(())
    }

    /// The top `k` entries (there are that many) are values.
    fn values_on_top(&self, k: usize, ins: &Instr) -> Result<(), String> {
        match self.marks.last() {
            Some(m) if m.0 >= self.depth - k => Err(format!("{} uses a NULL as a value at {}", ins.op.name(), ins.at)),
            _ => Ok(()),
        }
    }

    /// Pop `k` values (no NULLs).
    fn pop_values(&mut self, k: usize, ins: &Instr) -> Result<(), String> {
        self.need(k, ins)?;
        self.values_on_top(k, ins)?;
        self.depth -= k;
        Ok(())
    }

    /// The entry `i` below the top is a value (not NULL).
    fn value_at(&self, i: usize, ins: &Instr) -> Result<(), String> {
        self.need(i + 1, ins)?;
        if self.mark_at(self.depth - 1 - i).is_some() {
            return Err(format!("{} uses a NULL as a value at {}", ins.op.name(), ins.at));
        }
        Ok(())
    }

    fn push(&mut self, k: usize) {
        self.depth += k;
    }

    fn push_mark(&mut self, m: Mark) {
        self.marks.push((self.depth, m));
        self.depth += 1;
    }

    /// Drop everything from `depth` up (`depth` is at most the current one).
    fn truncate(&mut self, depth: usize) {
        while self.marks.last().is_some_and(|m| m.0 >= depth) {
            self.marks.pop();
        }
        self.depth = depth;
    }

    /// SWAP(a): exchange the top and the entry `a - 1` below it (there are
    /// `a >= 1` entries).
    fn swap(&mut self, a: usize) {
        let (top, other) = (self.depth - 1, self.depth - a);
        let (kt, ko) = (self.mark_at(top), self.mark_at(other));
        if kt == ko {
            return;
        }
        self.marks.retain(|m| m.0 != top && m.0 != other);
        for (pos, kind) in [(other, kt), (top, ko)] {
            if let Some(kind) = kind {
                let i = self.marks.partition_point(|m| m.0 < pos);
                self.marks.insert(i, (pos, kind));
            }
        }
    }
}

/// `old` and `new` (stacks of one depth) merged: an entry that may be NULL
/// on either path may be on the merged one. None when that is `old`.
fn merge_marks(old: &[Marked], new: &[Marked]) -> Option<Vec<Marked>> {
    if old == new {
        return None;
    }
    let mut out = Vec::with_capacity(old.len() + new.len());
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let m = match (old.get(i), new.get(j)) {
            (Some(&(p, a)), Some(&(q, b))) if p == q => {
                i += 1;
                j += 1;
                (p, if a == b { a } else { Mark::MaybeNull })
            }
            (Some(&(p, _)), Some(&(q, _))) if p < q => {
                i += 1;
                (p, Mark::MaybeNull)
            }
            (Some(&(p, _)), None) => {
                i += 1;
                (p, Mark::MaybeNull)
            }
            (_, Some(&(q, _))) => {
                j += 1;
                (q, Mark::MaybeNull)
            }
            (None, None) => unreachable!("the loop condition"),
        };
        out.push(m);
    }
    (out != old).then_some(out)
}

/// A decoded instruction at a position.
struct Instr {
    op: Opcode,
    arg: u32,
    /// Where the instruction's own unit is (after EXTENDED_ARGs).
    at: usize,
    /// Where execution continues (after its inline caches).
    next: usize,
}

/// The jump an instruction may take: to `target`, with the stack it
/// leaves for the next instruction less `pop` values, plus `push` values.
struct Jump {
    target: usize,
    pop: usize,
    push: usize,
}

/// Check a code object; the error says what is wrong.
pub(crate) fn verify(c: &CodeShape) -> Result<(), String> {
    let n = c.units.len();
    if n == 0 {
        return Err("empty bytecode".into());
    }
    if n >= NOT_KEPT as usize {
        return Err("code too long".into());
    }
    let is_gen = c.flags & (co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR) != 0;
    for (i, e) in c.exception_table.iter().enumerate() {
        let (s, end, t) = (e.start as usize, e.end as usize, e.target as usize);
        if s >= end || end > n || t >= n {
            return Err(format!("exception table entry {i} out of range"));
        }
        let depth = e.depth as usize + e.lasti as usize + 1;
        if depth > c.stacksize {
            return Err(format!("exception handler at {t} needs a deeper stack than co_stacksize"));
        }
    }
    let cover = covering_handlers(c.exception_table, n);
    let mut states = States::new(n);
    for e in c.exception_table {
        states.keep(e.target as usize);
    }
    let mut work: Vec<usize> = Vec::new();
    states.reach(&mut work, 0, 0, &[])?;
    let mut seen_yield = false;
    let mut prefix = true;
    // The abstract stack of the instruction being checked, reused for
    // every instruction, so checking allocates per code object.
    let mut stack = Stack::default();
    // The handler last reached and the marks below its depth it was
    // reached with: merging the same stack into the same handler again
    // changes nothing (merging is idempotent and the state only widens), so
    // a run of instructions under one handler with the same stack below its
    // depth reaches it once.
    let mut last_handler = NO_HANDLER;
    let mut last_marks: Vec<Marked> = Vec::new();
    while let Some(start) = work.pop() {
        states.load(start, &mut stack);
        let mut pc = start;
        // Straight-line code is followed in place; a stack is kept only
        // where a jump or handler lands, so a path that falls into one
        // already reached merges with it there. A jump back to a place the
        // walk went through before anything jumped there (a loop head)
        // keeps a stack there from then on: the body is walked again from
        // it, so each path into the loop is checked (on its own, not merged
        // with the path that first fell through), and the walk ends because
        // the back edge then meets a kept stack. Paths that meet in valid
        // code have one depth (the compiler's stack-depth analysis), so
        // checking some of them separately refuses nothing valid.
        loop {
            let ins = decode(c.units, pc)?;
            // The handler covering this instruction sees its stack cut down
            // to its depth, plus lasti and the exception.
            if let Some(&i) = cover.get(ins.at).filter(|&&i| i != NO_HANDLER) {
                let e = &c.exception_table[i as usize];
                let d = e.depth as usize;
                if stack.depth < d {
                    return Err(format!("instruction at {} is shallower than its exception handler", ins.at));
                }
                let below = stack.marks_below(d);
                if i != last_handler || below != last_marks.as_slice() {
                    last_marks.clear();
                    last_marks.extend_from_slice(below);
                    states.reach(&mut work, e.target as usize, d + e.lasti as usize + 1, below)?;
                    last_handler = i;
                }
            }
            let op = ins.op;
            if op == Opcode::ReturnGenerator {
                if !is_gen || !prefix {
                    return Err("RETURN_GENERATOR outside the start of generator code".into());
                }
            } else if prefix && !matches!(op, Opcode::MakeCell | Opcode::CopyFreeVars | Opcode::Nop) {
                prefix = false;
            }
            if matches!(op, Opcode::YieldValue | Opcode::Send) {
                seen_yield = true;
            }
            check_arg(c, &ins)?;
            let (falls_through, jump) = successors(&ins, &mut stack)?;
            if let Some(j) = jump {
                let base = stack.depth - j.pop;
                check_successor(c, &ins, j.target, base + j.push)?;
                states.reach(&mut work, j.target, base + j.push, stack.marks_below(base))?;
            }
            if !falls_through {
                break;
            }
            let next = ins.next;
            check_successor(c, &ins, next, stack.depth)?;
            if states.keeps(next) {
                if states.has(next) {
                    states.reach(&mut work, next, stack.depth, &stack.marks)?;
                    break;
                }
                states.record(next, &stack);
            }
            pc = next;
        }
    }
    if seen_yield && !(is_gen && states_start_with_return_generator(c.units)) {
        return Err("yield in code that is not a generator".into());
    }
    Ok(())
}

/// No exception handler covers this unit (`covering_handlers`).
const NO_HANDLER: u32 = u32::MAX;
/// No stack is kept for this unit (`States`).
const NOT_KEPT: u32 = u32::MAX;

/// For each code unit, the exception-table entry the eval loop would pick
/// for it (the first that covers it), computed once instead of scanning the
/// table per instruction (that scan was most of the verifier's time on large
/// modules at start-up); empty when the code has no handlers. Ranges were
/// checked to lie inside the code.
fn covering_handlers(table: &[ExceptionEntry], n: usize) -> Vec<u32> {
    if table.is_empty() {
        return Vec::new();
    }
    let mut cover = vec![NO_HANDLER; n];
    for (i, e) in table.iter().enumerate() {
        for slot in &mut cover[e.start as usize..e.end as usize] {
            if *slot == NO_HANDLER {
                *slot = i as u32;
            }
        }
    }
    cover
}

/// The entry stack of each kept code unit reached so far, the marks of all
/// in one arena.
struct States {
    /// Per code unit: the index of its entry in `kept`, or NOT_KEPT.
    slot: Vec<u32>,
    /// Depth, start and length of the marks in `arena`; None until reached.
    kept: Vec<Option<(usize, u32, u32)>>,
    arena: Vec<Marked>,
}

impl States {
    fn new(n: usize) -> States {
        States { slot: vec![NOT_KEPT; n + 1], kept: Vec::new(), arena: Vec::new() }
    }

    /// Keep a stack at `pc` from now on.
    fn keep(&mut self, pc: usize) {
        if self.slot[pc] == NOT_KEPT {
            self.slot[pc] = self.kept.len() as u32;
            self.kept.push(None);
        }
    }

    fn keeps(&self, pc: usize) -> bool {
        self.slot[pc] != NOT_KEPT
    }

    /// A stack was recorded at `pc` (which is kept).
    fn has(&self, pc: usize) -> bool {
        self.kept[self.slot[pc] as usize].is_some()
    }

    /// Record the first stack seen at the kept `pc`.
    fn record(&mut self, pc: usize, stack: &Stack) {
        self.set(pc, stack.depth, &stack.marks);
    }

    fn set(&mut self, pc: usize, depth: usize, marks: &[Marked]) {
        self.kept[self.slot[pc] as usize] = Some((depth, self.arena.len() as u32, marks.len() as u32));
        self.arena.extend_from_slice(marks);
    }

    fn load(&self, pc: usize, stack: &mut Stack) {
        let (depth, start, len) = self.kept[self.slot[pc] as usize].expect("a queued unit has a stack");
        stack.load(depth, &self.arena[start as usize..(start + len) as usize]);
    }

    /// Record the stack at `pc`, queueing it the first time (or when
    /// merging widened it).
    fn reach(&mut self, work: &mut Vec<usize>, pc: usize, depth: usize, marks: &[Marked]) -> Result<(), String> {
        self.keep(pc);
        let Some((old_depth, start, len)) = self.kept[self.slot[pc] as usize] else {
            self.set(pc, depth, marks);
            work.push(pc);
            return Ok(());
        };
        if old_depth != depth {
            return Err(format!("stack depth differs ({old_depth} and {depth}) where paths meet at {pc}"));
        }
        if let Some(merged) = merge_marks(&self.arena[start as usize..(start + len) as usize], marks) {
            self.set(pc, depth, &merged);
            work.push(pc);
        }
        Ok(())
    }
}

/// Generator code opens with RETURN_GENERATOR (after cell set-up).
fn states_start_with_return_generator(units: &[u16]) -> bool {
    for &u in units {
        match Opcode::from_u8((u & 0xff) as u8) {
            Some(Opcode::MakeCell | Opcode::CopyFreeVars | Opcode::Nop) => continue,
            Some(Opcode::ReturnGenerator) => return true,
            _ => return false,
        }
    }
    false
}

/// A successor must be inside the code, with a stack within co_stacksize.
fn check_successor(c: &CodeShape, ins: &Instr, target: usize, depth: usize) -> Result<(), String> {
    if depth > c.stacksize {
        return Err(format!("stack deeper than co_stacksize at {}", ins.at));
    }
    if target >= c.units.len() {
        return Err(format!("execution runs off the end after {}", ins.at));
    }
    Ok(())
}

/// Decode the instruction at `pc` as the eval loop does.
fn decode(units: &[u16], pc: usize) -> Result<Instr, String> {
    let mut at = pc;
    let mut arg: u32 = 0;
    let mut prefixes = 0;
    loop {
        let w = *units.get(at).ok_or_else(|| format!("EXTENDED_ARG runs off the end at {pc}"))?;
        let code = (w & 0xff) as u8;
        arg = (arg << 8) | (w >> 8) as u32;
        let op = Opcode::from_u8(code).ok_or_else(|| format!("unknown opcode {code} at {at}"))?;
        if op == Opcode::ExtendedArg {
            prefixes += 1;
            if prefixes > 3 {
                return Err(format!("more than 3 EXTENDED_ARG at {pc}"));
            }
            at += 1;
            continue;
        }
        if op == Opcode::Cache || op.deopt() != op {
            return Err(format!("opcode {} cannot appear in co_code (at {at})", op.name()));
        }
        let next = at + 1 + CACHE_ENTRIES[code as usize] as usize;
        if next > units.len() {
            return Err(format!("inline cache of {} runs off the end", op.name()));
        }
        return Ok(Instr { op, arg, at, next });
    }
}

/// One arm per opcode without guards, so the match is a jump table (this
/// runs for every instruction of every code object loaded at start-up).
fn check_arg(c: &CodeShape, ins: &Instr) -> Result<(), String> {
    use Opcode::*;
    let a = ins.arg as usize;
    let bad = |what: &str| Err(format!("{} argument {} out of range ({what}) at {}", ins.op.name(), ins.arg, ins.at));
    let within = |ok: bool, what: &str| if ok { Ok(()) } else { bad(what) };
    let nlocalsplus = c.kinds.len();
    match ins.op {
        LoadConst => within(a < c.nconsts, "co_consts"),
        KwNames => within(a < c.nconsts && (c.const_is_str_tuple)(a), "a tuple of names in co_consts"),
        LoadGlobal => within(a >> 1 < c.nnames, "co_names"),
        LoadFast | StoreFast | DeleteFast => within(a < nlocalsplus, "locals"),
        MakeCell | LoadClosure | LoadDeref | StoreDeref | DeleteDeref | LoadClassderef => within(
            a < nlocalsplus && c.kinds[a] & (local_kind::CELL | local_kind::FREE) != 0,
            "cell and free variables",
        ),
        CopyFreeVars => {
            let nfree = c.kinds.iter().filter(|&&k| k & local_kind::FREE != 0).count();
            within(a <= nfree, "free variables")
        }
        CompareOp => within(a < 6, "comparison"),
        BinaryOp => within(a < 26, "operator"),
        IsOp | ContainsOp | CallFunctionEx => within(a <= 1, "0 or 1"),
        RaiseVarargs | GetAwaitable => within(a <= 2, "0 to 2"),
        BuildSlice => within((2..=3).contains(&a), "2 or 3"),
        Swap | Copy => within(a != 0, "a stack position"),
        FormatValue => within(a <= 7, "format flags"),
        MakeFunction => within(a <= 0xF, "function flags"),
        Resume => within(a <= 3, "0 to 3"),
        op => within(!op.hasname() || a < c.nnames, "co_names"),
    }
}

/// Apply `ins` to the abstract stack `st`: whether execution may fall
/// through to the next instruction (with `st` as the stack there), and the
/// jump it may take.
fn successors(ins: &Instr, st: &mut Stack) -> Result<(bool, Option<Jump>), String> {
    use Opcode::*;
    let a = ins.arg as usize;
    let next = ins.next;
    let fwd = next.saturating_add(a);
    let back = || next.checked_sub(a).ok_or_else(|| format!("backward jump before the start at {}", ins.at));
    let jump = |target: usize, pop: usize, push: usize| Some(Jump { target, pop, push });
    let simple = |st: &mut Stack, pops: usize, pushes: usize| -> Result<(), String> {
        st.pop_values(pops, ins)?;
        st.push(pushes);
        Ok(())
    };
    match ins.op {
        Nop | Resume | MakeCell | CopyFreeVars | SetupAnnotations | KwNames | DeleteName | DeleteGlobal
        | DeleteFast | DeleteDeref => {}
        PopTop | PrintExpr | StoreName | StoreGlobal | StoreFast | StoreDeref | ImportStar | PopExcept | DeleteAttr => {
            simple(st, 1, 0)?
        }
        PushNull => st.push_mark(Mark::Null),
        UnaryPositive | UnaryNegative | UnaryNot | UnaryInvert | GetIter | GetYieldFromIter | ListToTuple
        | AsyncGenWrap | GetAiter | GetAwaitable | LoadAttr => simple(st, 1, 1)?,
        BinarySubscr | CompareOp | IsOp | ContainsOp | BinaryOp | ImportName => simple(st, 2, 1)?,
        StoreSubscr => simple(st, 3, 0)?,
        DeleteSubscr | StoreAttr | EndAsyncFor => simple(st, 2, 0)?,
        GetLen | MatchMapping | MatchSequence | GetAnext | BeforeWith | BeforeAsyncWith | PushExcInfo | ImportFrom => {
            simple(st, 1, 2)?
        }
        MatchKeys => simple(st, 2, 3)?,
        CheckExcMatch | CheckEgMatch => simple(st, 2, 2)?,
        PrepReraiseStar => simple(st, 2, 1)?,
        WithExceptStart => {
            st.need(4, ins)?;
            st.values_on_top(4, ins)?;
            st.push(1);
        }
        LoadBuildClass | LoadAssertionError | LoadConst | LoadName | LoadFast | LoadClosure | LoadDeref
        | LoadClassderef => st.push(1),
        LoadGlobal => {
            if a & 1 != 0 {
                st.push_mark(Mark::Null);
            }
            st.push(1);
        }
        LoadMethod => {
            st.pop_values(1, ins)?;
            st.push_mark(Mark::MaybeNull);
            st.push(1);
        }
        UnpackSequence => simple(st, 1, a)?,
        UnpackEx => simple(st, 1, (a & 0xff) + (a >> 8) + 1)?,
        BuildTuple | BuildList | BuildSet | BuildString => simple(st, a, 1)?,
        BuildMap => simple(st, a.checked_mul(2).ok_or("BUILD_MAP too large")?, 1)?,
        BuildConstKeyMap => simple(st, a + 1, 1)?,
        BuildSlice => simple(st, a, 1)?,
        FormatValue => simple(st, 1 + (a & 4 != 0) as usize, 1)?,
        MakeFunction => simple(st, 1 + (a & 0xF).count_ones() as usize, 1)?,
        MatchClass => simple(st, 3, 1)?,
        ListAppend | SetAdd | ListExtend | SetUpdate | DictMerge | DictUpdate => {
            st.pop_values(1, ins)?;
            if a == 0 {
                return Err(format!("{} argument 0 at {}", ins.op.name(), ins.at));
            }
            st.value_at(a - 1, ins)?;
        }
        MapAdd => {
            st.pop_values(2, ins)?;
            if a == 0 {
                return Err(format!("MAP_ADD argument 0 at {}", ins.at));
            }
            st.value_at(a - 1, ins)?;
        }
        Swap => {
            // check_arg made sure a >= 1.
            st.need(a, ins)?;
            st.swap(a);
        }
        Copy => {
            st.value_at(a - 1, ins)?;
            st.push(1);
        }
        Precall => {
            st.need(a + 2, ins)?;
            st.values_on_top(a, ins)?;
        }
        Call => {
            st.need(a + 2, ins)?;
            st.values_on_top(a + 1, ins)?;
            st.truncate(st.depth - (a + 2));
            st.push(1);
        }
        CallFunctionEx => {
            let k = 2 + (a & 1);
            st.pop_values(k, ins)?;
            st.need(1, ins)?;
            st.truncate(st.depth - 1);
            st.push(1);
        }
        ReturnGenerator => {
            // The generator resumes with the sent value pushed.
            st.push(1);
        }
        YieldValue => simple(st, 1, 1)?,
        // Terminal instructions.
        ReturnValue => {
            st.pop_values(1, ins)?;
            return Ok((false, None));
        }
        RaiseVarargs => {
            st.pop_values(a, ins)?;
            return Ok((false, None));
        }
        Reraise => {
            st.pop_values(1, ins)?;
            if a > 0 {
                st.value_at(a - 1, ins)?;
            }
            return Ok((false, None));
        }
        // Jumps.
        JumpForward => return Ok((false, jump(fwd, 0, 0))),
        JumpBackward | JumpBackwardNoInterrupt => return Ok((false, jump(back()?, 0, 0))),
        PopJumpForwardIfFalse | PopJumpForwardIfTrue | PopJumpForwardIfNone | PopJumpForwardIfNotNone => {
            st.pop_values(1, ins)?;
            return Ok((true, jump(fwd, 0, 0)));
        }
        PopJumpBackwardIfFalse | PopJumpBackwardIfTrue | PopJumpBackwardIfNone | PopJumpBackwardIfNotNone => {
            st.pop_values(1, ins)?;
            return Ok((true, jump(back()?, 0, 0)));
        }
        JumpIfFalseOrPop | JumpIfTrueOrPop => {
            // Jumping keeps the (checked) value that falling through pops.
            st.value_at(0, ins)?;
            st.truncate(st.depth - 1);
            return Ok((true, jump(fwd, 0, 1)));
        }
        ForIter => {
            // Exhausted: the iterator is popped; else the next item is pushed.
            st.value_at(0, ins)?;
            st.push(1);
            return Ok((true, jump(fwd, 2, 0)));
        }
        Send => {
            // Done: the return value replaces the receiver.
            st.pop_values(1, ins)?;
            st.value_at(0, ins)?;
            st.push(1);
            return Ok((true, jump(fwd, 2, 1)));
        }
        other => return Err(format!("opcode {} is not supported", other.name())),
    }
    Ok((true, None))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use taipan_compiler::code::{CodeObject, Constant};

    use super::*;

    /// Verify a compiled code object and the code objects among its constants.
    fn verify_compiled(co: &Rc<CodeObject>) -> Result<(), String> {
        let units: Vec<u16> = co.code.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let table = crate::objects::code::decode_exception_table(&co.exceptiontable);
        let is_names = |i: usize| match &co.consts[i] {
            Constant::Tuple(items) => items.iter().all(|c| matches!(c, Constant::Str(_))),
            _ => false,
        };
        let shape = CodeShape {
            units: &units,
            nconsts: co.consts.len(),
            nnames: co.names.len(),
            kinds: &co.localspluskinds,
            stacksize: co.stacksize as usize,
            flags: co.flags,
            exception_table: &table,
            const_is_str_tuple: &is_names,
        };
        verify(&shape).map_err(|e| format!("{} ({}): {e}", co.qualname, co.filename))?;
        for c in &co.consts {
            if let Constant::Code(inner) = c {
                verify_compiled(inner)?;
            }
        }
        Ok(())
    }

    fn compile_file(path: &std::path::Path) -> Option<Rc<CodeObject>> {
        let bytes = std::fs::read(path).ok()?;
        let name = path.to_string_lossy();
        let tree = taipan_syntax::parse_module(&bytes, &name).result.ok()?;
        let opts = taipan_compiler::CompileOptions { mode: taipan_compiler::Mode::Exec, optimize: 0, flags: 0 };
        taipan_compiler::compile(&tree, &name, &opts).ok().map(Rc::new)
    }

    fn python_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                python_files(&p, out);
            } else if p.extension().is_some_and(|e| e == "py") {
                out.push(p);
            }
        }
    }

    /// Everything our compiler produces passes the verifier: the test
    /// programs and the standard library (when it is found).
    #[test]
    fn compiled_code_verifies() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
        let mut files = Vec::new();
        python_files(&root, &mut files);
        if let Some(lib) = option_env!("TAIPAN_BUILD_STDLIB") {
            python_files(std::path::Path::new(lib), &mut files);
        }
        let mut checked = 0;
        for f in &files {
            if let Some(co) = compile_file(f) {
                verify_compiled(&co).unwrap_or_else(|e| panic!("{e}"));
                checked += 1;
            }
        }
        assert!(checked > 400, "only {checked} files compiled");
    }

    fn shape_check(code: &[(Opcode, u32)], consts: usize, stacksize: usize) -> Result<(), String> {
        let mut units = Vec::new();
        for &(op, arg) in code {
            units.push(op as u16 | ((arg as u16) << 8));
            units.extend(std::iter::repeat_n(0, CACHE_ENTRIES[op as usize] as usize));
        }
        let shape = CodeShape {
            units: &units,
            nconsts: consts,
            nnames: 1,
            kinds: &[local_kind::LOCAL],
            stacksize,
            flags: 0,
            exception_table: &[],
            const_is_str_tuple: &|_| false,
        };
        verify(&shape)
    }

    #[test]
    fn malformed_code_is_refused() {
        use Opcode::*;
        assert!(shape_check(&[(LoadConst, 0), (ReturnValue, 0)], 1, 1).is_ok());
        // Out-of-range constant, stack underflow, too deep a stack, NULL used
        // as a value, running off the end, a jump into the void.
        assert!(shape_check(&[(LoadConst, 1), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(LoadConst, 0), (LoadConst, 0), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(PushNull, 0), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(LoadConst, 0), (PopTop, 0)], 1, 1).is_err());
        assert!(shape_check(&[(JumpForward, 9), (LoadConst, 0), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(LoadFast, 1), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(LoadConst, 0), (YieldValue, 0), (ReturnValue, 0)], 1, 1).is_err());
        assert!(shape_check(&[(Cache, 0), (LoadConst, 0), (ReturnValue, 0)], 1, 1).is_err());
    }

    /// Paths that meet merge their stacks: a NULL on one path and a value
    /// on the other may be NULL after the join; depths must agree.
    #[test]
    fn joins_merge_stacks() {
        use Opcode::*;
        // 0 LOAD_CONST; 1 POP_JUMP_FORWARD_IF_TRUE -> 4; 2 X; 3 JUMP_FORWARD -> 5;
        // 4 LOAD_CONST; 5 RETURN_VALUE.
        let join = |x: Opcode| {
            shape_check(
                &[
                    (LoadConst, 0),
                    (PopJumpForwardIfTrue, 2),
                    (x, 0),
                    (JumpForward, 1),
                    (LoadConst, 0),
                    (ReturnValue, 0),
                ],
                1,
                2,
            )
        };
        assert!(join(LoadConst).is_ok());
        assert!(join(PushNull).is_err());
        // Depths 2 and 1 meet at 5.
        assert!(shape_check(
            &[
                (LoadConst, 0),
                (LoadConst, 0),
                (PopJumpForwardIfTrue, 2),
                (LoadConst, 0),
                (JumpForward, 1),
                (Nop, 0),
                (ReturnValue, 0)
            ],
            1,
            3
        )
        .is_err());
    }

    /// SWAP and COPY move NULLs with the entries they stand for.
    #[test]
    fn nulls_follow_swaps() {
        use Opcode::*;
        assert!(shape_check(&[(PushNull, 0), (LoadConst, 0), (ReturnValue, 0)], 1, 2).is_ok());
        assert!(shape_check(&[(PushNull, 0), (LoadConst, 0), (Swap, 2), (ReturnValue, 0)], 1, 2).is_err());
        assert!(shape_check(&[(PushNull, 0), (LoadConst, 0), (Swap, 2), (Swap, 2), (ReturnValue, 0)], 1, 2).is_ok());
        assert!(shape_check(&[(PushNull, 0), (LoadConst, 0), (Copy, 2), (ReturnValue, 0)], 1, 3).is_err());
        // A call consumes its NULL.
        assert!(shape_check(&[(PushNull, 0), (LoadConst, 0), (Precall, 0), (Call, 0), (ReturnValue, 0)], 1, 2).is_ok());
        assert!(shape_check(&[(LoadConst, 0), (PushNull, 0), (Precall, 0), (Call, 0), (ReturnValue, 0)], 1, 2).is_err());
    }
}
