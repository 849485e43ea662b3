//! The bytecode verifier: what the eval loop may trust about a code object
//! that did not come from our compiler (`types.CodeType(...)`,
//! `code.replace(...)`, marshal and `.pyc` files). CPython trusts such code
//! and may crash on it; Taipan checks it once, when the code object is made,
//! so a malformed one raises instead of reaching the eval loop (and a
//! corrupt `.pyc` is ignored by import: the check cannot wait until the
//! code first runs).
//!
//! It runs for every code object read from a `.pyc` at start-up, so it
//! allocates per code object, not per instruction: the entry stacks of all
//! instructions live in one arena, and the handler and branch stacks in
//! buffers reused from instruction to instruction.
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

/// A stack entry as the verifier sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Slot {
    Value,
    Null,
    MaybeNull,
}

fn merge_slot(a: Slot, b: Slot) -> Slot {
    if a == b {
        a
    } else {
        match (a, b) {
            (Slot::Value, Slot::Value) => Slot::Value,
            _ => Slot::MaybeNull,
        }
    }
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

/// Check a code object; the error says what is wrong.
pub(crate) fn verify(c: &CodeShape) -> Result<(), String> {
    let n = c.units.len();
    if n == 0 {
        return Err("empty bytecode".into());
    }
    if n >= NO_STATE as usize {
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
    let mut work: Vec<usize> = Vec::new();
    states.reach(&mut work, 0, &[])?;
    let mut seen_yield = false;
    let mut prefix = true;
    // The abstract stack of the instruction being checked, the stack its
    // exception handler sees, and the branch states it produces: buffers
    // reused for every instruction, so checking allocates per code object,
    // not per instruction.
    let mut stack: Vec<Slot> = Vec::new();
    let mut handler_stack: Vec<Slot> = Vec::new();
    // The handler last reached and the stack it was reached with (in
    // `handler_stack`): merging the same stack into the same handler again
    // changes nothing (merging is idempotent and the state only widens), so
    // a run of instructions under one handler with the same stack below its
    // depth reaches it once.
    let mut last_handler = NO_HANDLER;
    let mut branches = Branches::default();
    while let Some(start) = work.pop() {
        states.load(start, &mut stack);
        let mut pc = start;
        // Straight-line code is followed in place; every instruction's
        // entry stack is recorded (in one arena), so a path that reaches an
        // instruction already seen merges with it there.
        loop {
            let ins = decode(c.units, pc)?;
            // The handler covering this instruction sees its stack cut down
            // to its depth, plus lasti and the exception.
            if let Some(&i) = cover.get(ins.at).filter(|&&i| i != NO_HANDLER) {
                let e = &c.exception_table[i as usize];
                let d = e.depth as usize;
                if stack.len() < d {
                    return Err(format!("instruction at {} is shallower than its exception handler", ins.at));
                }
                if i != last_handler || handler_stack[..d] != stack[..d] {
                    handler_stack.clear();
                    handler_stack.extend_from_slice(&stack[..d]);
                    if e.lasti {
                        handler_stack.push(Slot::Value);
                    }
                    handler_stack.push(Slot::Value);
                    states.reach(&mut work, e.target as usize, &handler_stack)?;
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
            branches.clear();
            let falls_through = successors(c, &ins, &mut stack, &mut branches)?;
            for (target, after) in branches.iter() {
                check_successor(c, &ins, target, after)?;
                states.reach(&mut work, target, after)?;
            }
            if !falls_through {
                break;
            }
            let next = ins.next;
            check_successor(c, &ins, next, &stack)?;
            if states.has(next) {
                states.reach(&mut work, next, &stack)?;
                break;
            }
            states.record(next, &stack);
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
/// No stack recorded for this unit yet (`States`).
const NO_STATE: u32 = u32::MAX;

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

/// The entry stack of each code unit reached so far, kept in one arena
/// (start and length per unit) instead of a vector per unit.
struct States {
    at: Vec<(u32, u32)>,
    arena: Vec<Slot>,
}

impl States {
    fn new(n: usize) -> States {
        States { at: vec![(NO_STATE, 0); n + 1], arena: Vec::with_capacity(n * 2) }
    }

    fn has(&self, pc: usize) -> bool {
        self.at[pc].0 != NO_STATE
    }

    /// Record the first stack seen at `pc` (which has none yet).
    fn record(&mut self, pc: usize, stack: &[Slot]) {
        self.at[pc] = (self.arena.len() as u32, stack.len() as u32);
        self.arena.extend_from_slice(stack);
    }

    fn load(&self, pc: usize, stack: &mut Vec<Slot>) {
        let (start, len) = self.at[pc];
        stack.clear();
        stack.extend_from_slice(&self.arena[start as usize..(start + len) as usize]);
    }

    /// Record the stack at `pc`, queueing it the first time (or when
    /// merging widened it).
    fn reach(&mut self, work: &mut Vec<usize>, pc: usize, stack: &[Slot]) -> Result<(), String> {
        let (start, len) = self.at[pc];
        if start == NO_STATE {
            self.record(pc, stack);
            work.push(pc);
            return Ok(());
        }
        if len as usize != stack.len() {
            return Err(format!("stack depth differs ({} and {}) where paths meet at {pc}", len, stack.len()));
        }
        let old = &mut self.arena[start as usize..(start + len) as usize];
        let mut changed = false;
        for (o, s) in old.iter_mut().zip(stack) {
            let m = merge_slot(*o, *s);
            if m != *o {
                *o = m;
                changed = true;
            }
        }
        if changed {
            work.push(pc);
        }
        Ok(())
    }
}

/// The jumps one instruction may take, with the stack at each; the
/// buffers are kept between instructions.
#[derive(Default)]
struct Branches {
    list: Vec<(usize, Vec<Slot>)>,
    len: usize,
}

impl Branches {
    fn clear(&mut self) {
        self.len = 0;
    }

    /// A jump to `target` with the stack `stack`, less `pop` values from
    /// its top, plus `push` values.
    fn add(&mut self, target: usize, stack: &[Slot], pop: usize, push: usize) {
        if self.len == self.list.len() {
            self.list.push((0, Vec::new()));
        }
        let (t, s) = &mut self.list[self.len];
        *t = target;
        s.clear();
        s.extend_from_slice(&stack[..stack.len() - pop]);
        s.resize(s.len() + push, Slot::Value);
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = (usize, &[Slot])> {
        self.list[..self.len].iter().map(|(t, s)| (*t, s.as_slice()))
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
fn check_successor(c: &CodeShape, ins: &Instr, target: usize, after: &[Slot]) -> Result<(), String> {
    if after.len() > c.stacksize {
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

/// Pop `k` values (no NULLs) from the abstract stack.
fn pop_values(stack: &mut Vec<Slot>, k: usize, ins: &Instr) -> Result<(), String> {
    if stack.len() < k {
        return Err(format!("{} needs {k} stack values at {}", ins.op.name(), ins.at));
    }
    let keep = stack.len() - k;
    if stack[keep..].iter().any(|&s| s != Slot::Value) {
        return Err(format!("{} uses a NULL as a value at {}", ins.op.name(), ins.at));
    }
    stack.truncate(keep);
    Ok(())
}

fn need(stack: &[Slot], k: usize, ins: &Instr) -> Result<(), String> {
    if stack.len() < k {
        return Err(format!("{} needs {k} stack values at {}", ins.op.name(), ins.at));
    }
    Ok(())
}

/// The value `i` below the top must be a value (not NULL).
fn value_at(stack: &[Slot], i: usize, ins: &Instr) -> Result<(), String> {
    need(stack, i + 1, ins)?;
    if stack[stack.len() - 1 - i] != Slot::Value {
        return Err(format!("{} uses a NULL as a value at {}", ins.op.name(), ins.at));
    }
    Ok(())
}

fn push(stack: &mut Vec<Slot>, k: usize) {
    stack.resize(stack.len() + k, Slot::Value);
}

/// Apply `ins` to the abstract stack `st`. Jumps it may take go to `out`
/// with the stack there; returns whether execution may also fall through
/// to the next instruction, with `st` as the stack there.
fn successors(c: &CodeShape, ins: &Instr, st: &mut Vec<Slot>, out: &mut Branches) -> Result<bool, String> {
    use Opcode::*;
    let a = ins.arg as usize;
    let next = ins.next;
    let fwd = next.saturating_add(a);
    let back = || next.checked_sub(a).ok_or_else(|| format!("backward jump before the start at {}", ins.at));
    let simple = |st: &mut Vec<Slot>, pops: usize, pushes: usize| -> Result<(), String> {
        pop_values(st, pops, ins)?;
        push(st, pushes);
        Ok(())
    };
    match ins.op {
        Nop | Resume | MakeCell | CopyFreeVars | SetupAnnotations | KwNames | DeleteName | DeleteGlobal
        | DeleteFast | DeleteDeref => {}
        PopTop | PrintExpr | StoreName | StoreGlobal | StoreFast | StoreDeref | ImportStar | PopExcept | DeleteAttr => {
            simple(st, 1, 0)?
        }
        PushNull => st.push(Slot::Null),
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
            for i in 0..4 {
                value_at(st, i, ins)?;
            }
            push(st, 1);
        }
        LoadBuildClass | LoadAssertionError | LoadConst | LoadName | LoadFast | LoadClosure | LoadDeref
        | LoadClassderef => push(st, 1),
        LoadGlobal => {
            if a & 1 != 0 {
                st.push(Slot::Null);
            }
            push(st, 1);
        }
        LoadMethod => {
            pop_values(st, 1, ins)?;
            st.push(Slot::MaybeNull);
            push(st, 1);
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
            pop_values(st, 1, ins)?;
            if a == 0 {
                return Err(format!("{} argument 0 at {}", ins.op.name(), ins.at));
            }
            value_at(st, a - 1, ins)?;
        }
        MapAdd => {
            pop_values(st, 2, ins)?;
            if a == 0 {
                return Err(format!("MAP_ADD argument 0 at {}", ins.at));
            }
            value_at(st, a - 1, ins)?;
        }
        Swap => {
            need(st, a, ins)?;
            let l = st.len();
            st.swap(l - 1, l - a);
        }
        Copy => {
            value_at(st, a - 1, ins)?;
            push(st, 1);
        }
        Precall => {
            need(st, a + 2, ins)?;
            for i in 0..a {
                value_at(st, i, ins)?;
            }
        }
        Call => {
            need(st, a + 2, ins)?;
            for i in 0..=a {
                value_at(st, i, ins)?;
            }
            st.truncate(st.len() - (a + 2));
            push(st, 1);
        }
        CallFunctionEx => {
            let k = 2 + (a & 1);
            pop_values(st, k, ins)?;
            need(st, 1, ins)?;
            st.pop();
            push(st, 1);
        }
        ReturnGenerator => {
            // The generator resumes with the sent value pushed.
            push(st, 1);
        }
        YieldValue => simple(st, 1, 1)?,
        // Terminal instructions.
        ReturnValue => {
            pop_values(st, 1, ins)?;
            return Ok(false);
        }
        RaiseVarargs => {
            pop_values(st, a, ins)?;
            return Ok(false);
        }
        Reraise => {
            pop_values(st, 1, ins)?;
            if a > 0 {
                value_at(st, a - 1, ins)?;
            }
            return Ok(false);
        }
        // Jumps.
        JumpForward => {
            out.add(fwd, st, 0, 0);
            return Ok(false);
        }
        JumpBackward | JumpBackwardNoInterrupt => {
            out.add(back()?, st, 0, 0);
            return Ok(false);
        }
        PopJumpForwardIfFalse | PopJumpForwardIfTrue | PopJumpForwardIfNone | PopJumpForwardIfNotNone => {
            pop_values(st, 1, ins)?;
            out.add(fwd, st, 0, 0);
        }
        PopJumpBackwardIfFalse | PopJumpBackwardIfTrue | PopJumpBackwardIfNone | PopJumpBackwardIfNotNone => {
            pop_values(st, 1, ins)?;
            out.add(back()?, st, 0, 0);
        }
        JumpIfFalseOrPop | JumpIfTrueOrPop => {
            value_at(st, 0, ins)?;
            out.add(fwd, st, 0, 0);
            st.pop();
        }
        ForIter => {
            value_at(st, 0, ins)?;
            // Exhausted: the iterator is popped.
            out.add(fwd, st, 1, 0);
            push(st, 1);
        }
        Send => {
            pop_values(st, 1, ins)?;
            value_at(st, 0, ins)?;
            // Done: the return value replaces the receiver.
            out.add(fwd, st, 1, 1);
            push(st, 1);
        }
        other => return Err(format!("opcode {} is not supported", other.name())),
    }
    let _ = (c, next);
    Ok(true)
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
}
