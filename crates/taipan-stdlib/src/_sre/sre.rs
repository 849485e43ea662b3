//! The matcher (CPython's `Modules/_sre/sre_lib.h`): a backtracking
//! interpreter of the code Lib/re/_compiler.py makes. Backtracking points
//! live on an explicit stack of contexts (`Ctx`), never on the Rust stack,
//! so the depth of a match is bounded by memory only; saved marks and
//! repeat pointers go on a separate data stack. The subject is a slice of
//! `u8`, `u16` or `u32` code units (bytes, or a str in its PEP 393 width).

use std::cell::RefCell;

use super::chars::{self, category};
use super::constants::{at, op, INFO_CHARSET, INFO_LITERAL, INFO_PREFIX, MAXREPEAT};
use super::index::{CodeIndex, FirstSet};

/// A code unit of the subject.
pub(crate) trait Char: Copy {
    fn cp(self) -> u32;
}
impl Char for u8 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }
}
impl Char for u16 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }
}
impl Char for u32 {
    #[inline]
    fn cp(self) -> u32 {
        self
    }
}

/// Why a match stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SreError {
    /// The signal check asked to stop (its exception is the caller's).
    Interrupted,
    /// Code the matcher cannot run (CPython's SRE_ERROR_ILLEGAL/STATE).
    Internal,
    /// The marks or stacks could not grow.
    Memory,
}

type SreResult<T> = Result<T, SreError>;

/// A "null" position (an unset mark or repeat pointer).
pub(crate) const NULL: usize = usize::MAX;

/// How deep `count` may nest a match inside a match (only crafted code
/// nests at all: a compiled repeat-one item is one character wide).
const COUNT_DEPTH_LIMIT: usize = 32;

/// `Ctx::u` of a BRANCH walked without a table.
const NO_TABLE: usize = usize::MAX;

/// Where a finished child context resumes its parent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// One level of the backtracking stack (CPython's `match_context`).
#[derive(Clone, Copy)]
struct Ctx {
    pc: usize,
    ptr: usize,
    count: isize,
    /// A literal (REPEAT_ONE) or the index of a repeat (REPEAT, *_UNTIL).
    u: usize,
    lastmark: isize,
    lastindex: isize,
    /// Where this context's saved marks start on the data stack.
    mark_base: usize,
    marks_pushed: bool,
    toplevel: bool,
    jump: Jump,
}

impl Ctx {
    fn new(pc: usize, jump: Jump, toplevel: bool) -> Ctx {
        Ctx {
            pc,
            ptr: 0,
            count: 0,
            u: 0,
            lastmark: -1,
            lastindex: -1,
            mark_base: 0,
            marks_pushed: false,
            toplevel,
            jump,
        }
    }
}

/// Is `ch` in the set starting at `code[pc]`?
pub(crate) fn charset(code: &[u32], mut pc: usize, ch: u32) -> bool {
    let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
    let mut ok = true;
    loop {
        let o = get(pc);
        pc += 1;
        match o {
            op::FAILURE => return !ok,
            op::LITERAL => {
                if ch == get(pc) {
                    return ok;
                }
                pc += 1;
            }
            op::CATEGORY => {
                if category(get(pc), ch) {
                    return ok;
                }
                pc += 1;
            }
            op::CHARSET => {
                if ch < 256 && get(pc + (ch as usize >> 5)) & (1 << (ch & 31)) != 0 {
                    return ok;
                }
                pc += 8;
            }
            op::RANGE => {
                if get(pc) <= ch && ch <= get(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            op::RANGE_UNI_IGNORE => {
                if get(pc) <= ch && ch <= get(pc + 1) {
                    return ok;
                }
                let uch = chars::upper_unicode(ch);
                if get(pc) <= uch && uch <= get(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            op::NEGATE => ok = !ok,
            op::BIGCHARSET => {
                let count = get(pc) as usize;
                pc += 1;
                if ch < 0x10000 {
                    let hi = (ch >> 8) as usize;
                    // 256 block numbers, four to a code word, in the
                    // machine's byte order (as the compiler packs them).
                    let word = get(pc + hi / 4).to_ne_bytes();
                    let block = word[hi % 4] as usize;
                    let bit = block * 256 + (ch & 255) as usize;
                    if get(pc + 64 + bit / 32) & (1 << (bit % 32)) != 0 {
                        return ok;
                    }
                }
                pc += 64 + count * 8;
            }
            _ => return false,
        }
    }
}

/// `ch` in the set at `code[pc]` up to locale case (IN_LOC_IGNORE).
pub(crate) fn charset_loc_ignore(code: &[u32], pc: usize, ch: u32) -> bool {
    let lo = chars::lower_locale(ch);
    if charset(code, pc, lo) {
        return true;
    }
    let up = chars::upper_locale(ch);
    up != lo && charset(code, pc, up)
}

/// Is ASCII `ch` in a set's bitmap of its ASCII members?
#[inline]
fn in_ascii_bits(bits: &[u64; 2], ch: u32) -> bool {
    bits[(ch >> 6) as usize & 1] & (1 << (ch & 63)) != 0
}

/// A REPEAT in progress (CPython's `SRE_REPEAT`).
struct Repeat {
    count: isize,
    /// The REPEAT's operands: `code[pc]` is its skip, then min, max, item.
    pc: usize,
    prev: Option<usize>,
    last_ptr: usize,
}

/// What the interpreter loop does next.
enum Act {
    Dispatch,
    /// Run a child context at `pc`, then resume here with `jump`.
    Push(Jump, usize, bool),
    Ret(bool),
}

/// The growable stacks of a `State`. They are kept between matches
/// (a few sets, for a match run while another is in progress, as from a
/// `sub` callback), so a match does not allocate them again.
#[derive(Default)]
struct Stacks {
    marks: Vec<usize>,
    repeats: Vec<Repeat>,
    data: Vec<usize>,
    ctxs: Vec<Ctx>,
}

/// How many sets of stacks a thread keeps.
const POOL_SIZE: usize = 4;
/// Stacks that grew beyond this many entries go back to the allocator.
const POOL_MAX_ENTRIES: usize = 1 << 14;

thread_local! {
    static POOL: RefCell<Vec<Stacks>> = const { RefCell::new(Vec::new()) };
}

impl Stacks {
    fn take() -> Stacks {
        let mut s = POOL.with(|p| p.borrow_mut().pop()).unwrap_or_default();
        s.marks.clear();
        s.repeats.clear();
        s.data.clear();
        s.ctxs.clear();
        s
    }

    fn give_back(self) {
        let big =
            self.marks.capacity().max(self.data.capacity()).max(self.ctxs.capacity()).max(self.repeats.capacity());
        if big > POOL_MAX_ENTRIES {
            return;
        }
        // (During thread teardown the pool may be gone: then just drop.)
        let _ = POOL.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                if p.len() < POOL_SIZE {
                    p.push(self);
                }
            }
        });
    }
}

/// The matcher's state over one subject (CPython's `SRE_STATE`).
pub(crate) struct State<'a, C: Char> {
    pub(crate) text: &'a [C],
    /// The pattern's set bitmaps and branch tables.
    index: &'a CodeIndex,
    /// Where the current attempt started (`match.start()`).
    pub(crate) start: usize,
    /// `endpos`.
    pub(crate) end: usize,
    /// Where the current attempt ended.
    pub(crate) ptr: usize,
    /// Group boundaries (`2g` and `2g + 1` for group `g + 1`), grown as
    /// marks are set; missing entries are NULL.
    pub(crate) marks: Vec<usize>,
    max_marks: usize,
    pub(crate) lastmark: isize,
    pub(crate) lastindex: isize,
    pub(crate) match_all: bool,
    pub(crate) must_advance: bool,
    repeat: Option<usize>,
    repeats: Vec<Repeat>,
    data: Vec<usize>,
    ctxs: Vec<Ctx>,
    sigcount: u32,
    count_depth: usize,
    check_signals: &'a mut dyn FnMut() -> bool,
}

impl<'a, C: Char> State<'a, C> {
    /// A state over `text[..end]` starting at `start`, for a pattern of
    /// `groups` groups with `index`'s tables; `check_signals` returns
    /// true to stop the match.
    pub(crate) fn new(
        text: &'a [C],
        start: usize,
        end: usize,
        groups: usize,
        index: &'a CodeIndex,
        check_signals: &'a mut dyn FnMut() -> bool,
    ) -> State<'a, C> {
        let stacks = Stacks::take();
        State {
            text,
            index,
            start,
            end,
            ptr: start,
            marks: stacks.marks,
            max_marks: groups.saturating_mul(2).saturating_add(2),
            lastmark: -1,
            lastindex: -1,
            match_all: false,
            must_advance: false,
            repeat: None,
            repeats: stacks.repeats,
            data: stacks.data,
            ctxs: stacks.ctxs,
            sigcount: 0,
            count_depth: 0,
            check_signals,
        }
    }

    /// The state's stacks, for the pool.
    fn take_stacks(&mut self) -> Stacks {
        Stacks {
            marks: std::mem::take(&mut self.marks),
            repeats: std::mem::take(&mut self.repeats),
            data: std::mem::take(&mut self.data),
            ctxs: std::mem::take(&mut self.ctxs),
        }
    }

    /// Forget the groups of a previous attempt (`state_reset`).
    pub(crate) fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.data.clear();
    }

    /// The span of group `g` (1-based) of the last match, if it matched.
    pub(crate) fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = 2 * (g - 1);
        if (j + 1) as isize > self.lastmark {
            return None;
        }
        let (a, b) = (*self.marks.get(j)?, *self.marks.get(j + 1)?);
        if a == NULL || b == NULL || a > b {
            return None;
        }
        Some((a, b))
    }

    /// The code unit at `i`, or 0 past the end (CPython reads the string's
    /// terminating NUL there).
    #[inline]
    fn ch(&self, i: usize) -> u32 {
        self.text.get(i).map_or(0, |c| c.cp())
    }

    /// Characters left before `end` (negative when `pos > endpos`).
    #[inline]
    fn avail(&self, ptr: usize) -> isize {
        self.end as isize - ptr as isize
    }

    fn maybe_check_signals(&mut self) -> SreResult<()> {
        self.sigcount = self.sigcount.wrapping_add(1);
        if self.sigcount & 0xfff == 0 && (self.check_signals)() {
            return Err(SreError::Interrupted);
        }
        Ok(())
    }

    fn at(&self, ptr: usize, code: u32) -> bool {
        let boundary = |is_word: fn(u32) -> bool, want: bool| -> bool {
            if self.end == 0 {
                return false;
            }
            let before = ptr > 0 && is_word(self.ch(ptr - 1));
            let here = ptr < self.end && is_word(self.ch(ptr));
            (before != here) == want
        };
        match code {
            at::BEGINNING | at::BEGINNING_STRING => ptr == 0,
            at::BEGINNING_LINE => ptr == 0 || chars::is_linebreak(self.ch(ptr - 1)),
            at::END => (ptr + 1 == self.end && chars::is_linebreak(self.ch(ptr))) || ptr == self.end,
            at::END_LINE => ptr == self.end || chars::is_linebreak(self.ch(ptr)),
            at::END_STRING => ptr == self.end,
            at::BOUNDARY => boundary(chars::is_word, true),
            at::NON_BOUNDARY => boundary(chars::is_word, false),
            at::LOC_BOUNDARY => boundary(chars::is_loc_word, true),
            at::LOC_NON_BOUNDARY => boundary(chars::is_loc_word, false),
            at::UNI_BOUNDARY => boundary(chars::is_uni_word, true),
            at::UNI_NON_BOUNDARY => boundary(chars::is_uni_word, false),
            _ => false,
        }
    }

    fn mark_push(&mut self, lastmark: isize) -> usize {
        let base = self.data.len();
        if lastmark >= 0 {
            self.data.extend_from_slice(&self.marks[..=lastmark as usize]);
        }
        base
    }

    /// Restore the marks saved at `base`, dropping them unless `keep`.
    fn mark_pop(&mut self, base: usize, lastmark: isize, keep: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            if let Some(saved) = self.data.get(base..base + n) {
                self.marks[..n].copy_from_slice(saved);
            }
        }
        if !keep {
            self.data.truncate(base);
        }
    }

    fn top(&mut self) -> &mut Ctx {
        let i = self.ctxs.len() - 1;
        &mut self.ctxs[i]
    }

    fn lastmark_save(&mut self) {
        let (lm, li) = (self.lastmark, self.lastindex);
        let c = self.top();
        c.lastmark = lm;
        c.lastindex = li;
    }

    fn lastmark_restore(&mut self) {
        let c = *self.top();
        self.lastmark = c.lastmark;
        self.lastindex = c.lastindex;
    }

    /// LASTMARK_SAVE, and the marks too when `always` or inside a repeat.
    fn save_marks(&mut self, always: bool) {
        self.lastmark_save();
        let pushed = always || self.repeat.is_some();
        let base = if pushed { self.mark_push(self.lastmark) } else { self.data.len() };
        let c = self.top();
        c.mark_base = base;
        c.marks_pushed = pushed;
    }

    fn discard_marks(&mut self) {
        let c = *self.top();
        if c.marks_pushed {
            self.data.truncate(c.mark_base);
        }
    }

    /// Undo a failed child: restore the saved marks (`keep` them saved
    /// for another try) and lastmark/lastindex.
    fn restore_marks(&mut self, keep: bool) {
        let c = *self.top();
        if c.marks_pushed {
            self.mark_pop(c.mark_base, c.lastmark, keep);
        }
        self.lastmark_restore();
    }

    /// Does the operation `opcode` (IN or a case-folding IN_*) over the
    /// set at `code[set_pc]` accept `ch`? ASCII through the set's bitmap.
    #[inline]
    fn in_set(&self, code: &[u32], set_pc: usize, opcode: u32, ch: u32) -> bool {
        if ch < 128 {
            if let Some(bits) = self.index.ascii_set(set_pc) {
                return in_ascii_bits(bits, ch);
            }
        }
        self.in_set_walk(code, set_pc, opcode, ch)
    }

    /// `in_set` by walking the set's code (a character the ASCII bitmap
    /// does not answer for).
    #[inline(never)]
    fn in_set_walk(&self, code: &[u32], set_pc: usize, opcode: u32, ch: u32) -> bool {
        match opcode {
            op::IN_IGNORE => charset(code, set_pc, chars::lower_ascii(ch)),
            op::IN_UNI_IGNORE => charset(code, set_pc, chars::lower_unicode(ch)),
            op::IN_LOC_IGNORE => charset_loc_ignore(code, set_pc, ch),
            _ => charset(code, set_pc, ch),
        }
    }

    /// How many times (up to `maxcount`) the one-character item at
    /// `code[pc]` matches from `self.ptr` (CPython's `SRE(count)`).
    fn count(&mut self, code: &[u32], pc: usize, maxcount: u32) -> SreResult<usize> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let start = self.ptr;
        let mut end = self.end;
        if maxcount != MAXREPEAT && (maxcount as isize) < self.avail(start) {
            end = start + maxcount as usize;
        }
        let text = self.text;
        let mut ptr = start;
        let arg = get(pc + 1);
        macro_rules! scan {
            ($cond:expr) => {{
                while ptr < end && $cond(text[ptr].cp()) {
                    ptr += 1;
                }
            }};
        }
        match get(pc) {
            o @ (op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE) => {
                let set_pc = pc + 2;
                // The set's ASCII bitmap is looked up once, not per character.
                match self.index.ascii_set(set_pc) {
                    Some(&bits) => {
                        scan!(|c| if c < 128 { in_ascii_bits(&bits, c) } else { self.in_set_walk(code, set_pc, o, c) })
                    }
                    None => scan!(|c| self.in_set_walk(code, set_pc, o, c)),
                }
            }
            op::CATEGORY => scan!(|c| category(arg, c)),
            op::ANY => scan!(|c| !chars::is_linebreak(c)),
            op::ANY_ALL => ptr = end.max(start),
            op::LITERAL => scan!(|c| c == arg),
            op::LITERAL_IGNORE => scan!(|c| chars::lower_ascii(c) == arg),
            op::LITERAL_UNI_IGNORE => scan!(|c| chars::lower_unicode(c) == arg),
            op::LITERAL_LOC_IGNORE => scan!(|c| chars::char_loc_ignore(arg, c)),
            op::NOT_LITERAL => scan!(|c| c != arg),
            op::NOT_LITERAL_IGNORE => scan!(|c| chars::lower_ascii(c) != arg),
            op::NOT_LITERAL_UNI_IGNORE => scan!(|c| chars::lower_unicode(c) != arg),
            op::NOT_LITERAL_LOC_IGNORE => scan!(|c| !chars::char_loc_ignore(arg, c)),
            _ => return self.count_general(code, pc, end, start),
        }
        Ok(ptr - start)
    }

    /// `count` for any other item: run it as a match, once per character.
    fn count_general(&mut self, code: &[u32], pc: usize, end: usize, start: usize) -> SreResult<usize> {
        if self.count_depth >= COUNT_DEPTH_LIMIT {
            return Err(SreError::Internal);
        }
        self.count_depth += 1;
        let r = (|| {
            while self.ptr < end {
                let before = self.ptr;
                if !self.run(code, pc, false)? || self.ptr <= before {
                    break;
                }
            }
            Ok(self.ptr.saturating_sub(start))
        })();
        self.count_depth -= 1;
        r
    }

    /// Does the pattern at `code[pc]` match at `self.ptr`? On success
    /// `self.ptr` is where the match ended (CPython's `SRE(match)`).
    pub(crate) fn run(&mut self, code: &[u32], pc: usize, toplevel: bool) -> SreResult<bool> {
        let base = self.ctxs.len();
        self.ctxs.push(Ctx::new(pc, Jump::None, toplevel));
        let r = self.run_loop(code, base);
        self.ctxs.truncate(base);
        r
    }

    fn run_loop(&mut self, code: &[u32], base: usize) -> SreResult<bool> {
        let mut pc = self.ctxs[base].pc;
        let mut ptr = self.ptr;
        let mut act = self.enter(code, &mut pc, ptr);
        loop {
            act = match act {
                Act::Dispatch => self.dispatch(code, &mut pc, &mut ptr)?,
                Act::Push(jump, next, toplevel) => {
                    // The stacks grow with the match: running out of memory
                    // is a MemoryError, not an abort.
                    self.ctxs.try_reserve(1).map_err(|_| SreError::Memory)?;
                    self.data.try_reserve(self.marks.len() + 1).map_err(|_| SreError::Memory)?;
                    self.repeats.try_reserve(1).map_err(|_| SreError::Memory)?;
                    let c = self.top();
                    c.pc = pc;
                    c.ptr = ptr;
                    self.ctxs.push(Ctx::new(next, jump, toplevel));
                    pc = next;
                    ptr = self.ptr;
                    self.enter(code, &mut pc, ptr)
                }
                Act::Ret(ret) => {
                    let Some(child) = self.ctxs.pop() else { return Err(SreError::Internal) };
                    if self.ctxs.len() <= base {
                        return Ok(ret);
                    }
                    let parent = *self.top();
                    pc = parent.pc;
                    ptr = parent.ptr;
                    self.resume(code, child.jump, ret, &mut pc, &mut ptr)?
                }
            };
        }
    }

    /// A context starts: skip its INFO block, failing at once when fewer
    /// characters are left than the pattern needs.
    fn enter(&mut self, code: &[u32], pc: &mut usize, ptr: usize) -> Act {
        if code.get(*pc) == Some(&op::INFO) {
            let min = code.get(*pc + 3).copied().unwrap_or(0);
            let avail = self.avail(ptr);
            // A negative `avail` (pos > endpos) never rejects, as in
            // CPython's unsigned comparison.
            if min != 0 && avail >= 0 && (avail as u64) < min as u64 {
                return Act::Ret(false);
            }
            *pc += code.get(*pc + 1).copied().unwrap_or(0) as usize + 1;
        }
        Act::Dispatch
    }

    /// Run operations until one needs a child context or the context ends.
    fn dispatch(&mut self, code: &[u32], pc: &mut usize, ptr: &mut usize) -> SreResult<Act> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let end = self.end;
        loop {
            self.maybe_check_signals()?;
            let o = get(*pc);
            *pc += 1;
            let p = *pc;
            // One-character operations: the character or a failure.
            macro_rules! one_char {
                ($cond:expr, $skip:expr) => {{
                    if *ptr >= end || !$cond(self.text[*ptr].cp()) {
                        return Ok(Act::Ret(false));
                    }
                    *pc += $skip;
                    *ptr += 1;
                }};
            }
            match o {
                op::MARK => {
                    self.op_mark(get(p) as usize, *ptr)?;
                    *pc += 1;
                }
                op::LITERAL => one_char!(|c| c == get(p), 1),
                op::NOT_LITERAL => one_char!(|c| c != get(p), 1),
                op::LITERAL_IGNORE => one_char!(|c| chars::lower_ascii(c) == get(p), 1),
                op::NOT_LITERAL_IGNORE => one_char!(|c| chars::lower_ascii(c) != get(p), 1),
                op::LITERAL_UNI_IGNORE => one_char!(|c| chars::lower_unicode(c) == get(p), 1),
                op::NOT_LITERAL_UNI_IGNORE => one_char!(|c| chars::lower_unicode(c) != get(p), 1),
                op::LITERAL_LOC_IGNORE => one_char!(|c| chars::char_loc_ignore(get(p), c), 1),
                op::NOT_LITERAL_LOC_IGNORE => one_char!(|c| !chars::char_loc_ignore(get(p), c), 1),
                op::CATEGORY => one_char!(|c| category(get(p), c), 1),
                op::ANY => one_char!(|c| !chars::is_linebreak(c), 0),
                op::ANY_ALL => one_char!(|_| true, 0),
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    one_char!(|c| self.in_set(code, p + 1, o, c), get(p) as usize)
                }
                op::SUCCESS => {
                    let c = *self.top();
                    if c.toplevel && ((self.match_all && *ptr != end) || (self.must_advance && *ptr == self.start)) {
                        return Ok(Act::Ret(false));
                    }
                    self.ptr = *ptr;
                    return Ok(Act::Ret(true));
                }
                op::AT => {
                    if !self.at(*ptr, get(p)) {
                        return Ok(Act::Ret(false));
                    }
                    *pc += 1;
                }
                op::JUMP | op::INFO => *pc += get(p) as usize,
                op::BRANCH => {
                    self.save_marks(false);
                    let table = self.index.table_at(*pc);
                    let c = self.top();
                    c.u = table.unwrap_or(NO_TABLE);
                    c.count = 0;
                    if table.is_some() {
                        return Ok(self.branch_table_try(code, *ptr));
                    }
                    return Ok(self.branch_try(code, pc, *ptr));
                }
                op::REPEAT_ONE => return self.repeat_one_start(code, *pc, ptr),
                op::MIN_REPEAT_ONE => return self.min_repeat_one_start(code, *pc, ptr),
                op::POSSESSIVE_REPEAT_ONE => {
                    if let Some(act) = self.possessive_repeat_one(code, pc, ptr)? {
                        return Ok(act);
                    }
                }
                op::REPEAT => {
                    let idx = self.repeats.len();
                    self.repeats.push(Repeat { count: -1, pc: p, prev: self.repeat, last_ptr: NULL });
                    self.repeat = Some(idx);
                    self.top().u = idx;
                    self.ptr = *ptr;
                    return Ok(Act::Push(Jump::Repeat, p + get(p) as usize, self.top().toplevel));
                }
                op::MAX_UNTIL => return self.max_until_start(code, *pc, *ptr),
                op::MIN_UNTIL => return self.min_until_start(code, *pc, *ptr),
                op::POSSESSIVE_REPEAT => {
                    self.ptr = *ptr;
                    self.top().count = 0;
                    let act = self.poss_repeat_min(code, *pc);
                    return Ok(self.poss_next(act, code, pc, ptr));
                }
                op::ATOMIC_GROUP => {
                    self.ptr = *ptr;
                    return Ok(Act::Push(Jump::AtomicGroup, p + 1, false));
                }
                op::GROUPREF | op::GROUPREF_IGNORE | op::GROUPREF_UNI_IGNORE | op::GROUPREF_LOC_IGNORE => {
                    let fold: fn(u32) -> u32 = match o {
                        op::GROUPREF => |c| c,
                        op::GROUPREF_IGNORE => chars::lower_ascii,
                        op::GROUPREF_UNI_IGNORE => chars::lower_unicode,
                        _ => chars::lower_locale,
                    };
                    match self.groupref(get(p) as usize, *ptr, fold) {
                        Some(next) => *ptr = next,
                        None => return Ok(Act::Ret(false)),
                    }
                    *pc += 1;
                }
                op::GROUPREF_EXISTS => {
                    if self.group_set(get(p) as usize).is_some() {
                        *pc += 2;
                    } else {
                        *pc += get(p + 1) as usize;
                    }
                }
                op::ASSERT => {
                    let back = get(p + 1) as usize;
                    if *ptr < back {
                        return Ok(Act::Ret(false));
                    }
                    self.ptr = *ptr - back;
                    return Ok(Act::Push(Jump::Assert, p + 2, false));
                }
                op::ASSERT_NOT => {
                    let back = get(p + 1) as usize;
                    if *ptr >= back {
                        self.ptr = *ptr - back;
                        self.save_marks(false);
                        return Ok(Act::Push(Jump::AssertNot, p + 2, false));
                    }
                    *pc += get(p) as usize;
                }
                op::FAILURE => return Ok(Act::Ret(false)),
                _ => return Err(SreError::Internal),
            }
        }
    }

    fn op_mark(&mut self, i: usize, ptr: usize) -> SreResult<()> {
        if i >= self.max_marks {
            return Err(SreError::Internal);
        }
        if i >= self.marks.len() {
            let more = i + 1 - self.marks.len();
            self.marks.try_reserve(more).map_err(|_| SreError::Memory)?;
            self.marks.resize(i + 1, NULL);
        }
        if i & 1 == 1 {
            self.lastindex = (i / 2 + 1) as isize;
        }
        if i as isize > self.lastmark {
            let from = (self.lastmark + 1) as usize;
            for m in &mut self.marks[from..i] {
                *m = NULL;
            }
            self.lastmark = i as isize;
        }
        self.marks[i] = ptr;
        Ok(())
    }

    /// The span of group `g` (0-based) if it is set in the current attempt.
    fn group_set(&self, g: usize) -> Option<(usize, usize)> {
        let r = g.checked_mul(2)?;
        if r as isize >= self.lastmark {
            return None;
        }
        let (a, b) = (*self.marks.get(r)?, *self.marks.get(r + 1)?);
        if a == NULL || b == NULL || b < a {
            return None;
        }
        Some((a, b))
    }

    /// Match the text of group `g` at `ptr` (through `fold`); the end.
    fn groupref(&self, g: usize, mut ptr: usize, fold: fn(u32) -> u32) -> Option<usize> {
        let (a, b) = self.group_set(g)?;
        for i in a..b {
            if ptr >= self.end || fold(self.ch(ptr)) != fold(self.ch(i)) {
                return None;
            }
            ptr += 1;
        }
        Some(ptr)
    }

    /// BRANCH: try the alternatives from `code[*pc]` on.
    fn branch_try(&mut self, code: &[u32], pc: &mut usize, ptr: usize) -> Act {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        while get(*pc) != 0 {
            let skip = get(*pc) as usize;
            let first = get(*pc + 1);
            if first == op::LITERAL && (ptr >= self.end || self.ch(ptr) != get(*pc + 2)) {
                *pc += skip;
                continue;
            }
            if first == op::IN && (ptr >= self.end || !self.in_set(code, *pc + 3, op::IN, self.ch(ptr))) {
                *pc += skip;
                continue;
            }
            self.ptr = ptr;
            let tl = self.top().toplevel;
            return Act::Push(Jump::Branch, *pc + 1, tl);
        }
        self.discard_marks();
        Act::Ret(false)
    }

    /// BRANCH with a first-character table: try the next alternative
    /// (`count` in the list for the character at `ptr`) that can match.
    fn branch_table_try(&mut self, code: &[u32], ptr: usize) -> Act {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let c = *self.top();
        let index = self.index;
        let Some(table) = index.table(c.u) else {
            self.discard_marks();
            return Act::Ret(false);
        };
        let here = (ptr < self.end).then(|| self.ch(ptr));
        let list = table.candidates(here);
        let mut i = c.count.max(0) as usize;
        while let Some(&alt) = list.get(i) {
            i += 1;
            let apc = table.alt(alt);
            let first = get(apc + 1);
            let fits = match (first, here) {
                (op::LITERAL, Some(ch)) => ch == get(apc + 2),
                (op::IN, Some(ch)) => self.in_set(code, apc + 3, op::IN, ch),
                (op::LITERAL | op::IN, None) => false,
                _ => true,
            };
            if !fits {
                continue;
            }
            self.top().count = i as isize;
            self.ptr = ptr;
            return Act::Push(Jump::Branch, apc + 1, c.toplevel);
        }
        self.discard_marks();
        Act::Ret(false)
    }

    fn repeat_one_start(&mut self, code: &[u32], pc: usize, ptr: &mut usize) -> SreResult<Act> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let (skip, min, max) = (get(pc) as usize, get(pc + 1), get(pc + 2));
        if min as isize > self.avail(*ptr) {
            return Ok(Act::Ret(false));
        }
        self.ptr = *ptr;
        let count = self.count(code, pc + 3, max)?;
        *ptr += count;
        if (count as u64) < min as u64 {
            return Ok(Act::Ret(false));
        }
        let tail = get(pc + skip);
        let toplevel = self.top().toplevel;
        if tail == op::SUCCESS && *ptr == self.end && !(toplevel && self.must_advance && *ptr == self.start) {
            self.ptr = *ptr;
            return Ok(Act::Ret(true));
        }
        self.save_marks(false);
        let c = self.top();
        c.count = count as isize;
        c.pc = pc;
        if tail == op::LITERAL {
            c.u = get(pc + skip + 1) as usize;
            return Ok(self.repeat_one_literal(code, pc, ptr));
        }
        Ok(self.repeat_one_general(code, pc, ptr))
    }

    /// REPEAT_ONE whose tail starts with a literal: back off to where the
    /// literal is, then try the tail.
    fn repeat_one_literal(&mut self, code: &[u32], pc: usize, ptr: &mut usize) -> Act {
        let min = code.get(pc + 1).copied().unwrap_or(0) as isize;
        let skip = code.get(pc).copied().unwrap_or(0) as usize;
        let c = *self.top();
        let mut count = c.count;
        let chr = c.u as u32;
        while count >= min && (*ptr >= self.end || self.ch(*ptr) != chr) {
            *ptr = ptr.wrapping_sub(1);
            count -= 1;
        }
        self.top().count = count;
        if count < min {
            self.discard_marks();
            return Act::Ret(false);
        }
        self.ptr = *ptr;
        Act::Push(Jump::RepeatOne1, pc + skip, c.toplevel)
    }

    /// REPEAT_ONE with any other tail: try it at each position backing
    /// off, skipping those whose character the tail cannot start with
    /// (when the tail needs one).
    #[inline]
    fn repeat_one_general(&mut self, code: &[u32], pc: usize, ptr: &mut usize) -> Act {
        let min = code.get(pc + 1).copied().unwrap_or(0) as isize;
        let skip = code.get(pc).copied().unwrap_or(0) as usize;
        let c = *self.top();
        let count = if self.index.has_tails() { self.back_off_to_tail(pc, c.count, min, ptr) } else { c.count };
        if count < min {
            self.discard_marks();
            return Act::Ret(false);
        }
        self.ptr = *ptr;
        Act::Push(Jump::RepeatOne2, pc + skip, c.toplevel)
    }

    /// Back the REPEAT_ONE at `pc` off (from `count` items, not below
    /// `min`) to where the character can start its tail, if the index
    /// has the tail's set; the new count.
    #[inline(never)]
    fn back_off_to_tail(&mut self, pc: usize, mut count: isize, min: isize, ptr: &mut usize) -> isize {
        let Some(set) = self.index.tail_at(pc).and_then(|t| self.index.tail(t)) else { return count };
        while count >= min && !(*ptr < self.end && set.may_start(self.ch(*ptr))) {
            *ptr = ptr.wrapping_sub(1);
            count -= 1;
        }
        self.top().count = count;
        count
    }

    fn min_repeat_one_start(&mut self, code: &[u32], pc: usize, ptr: &mut usize) -> SreResult<Act> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let (skip, min) = (get(pc) as usize, get(pc + 1));
        if min as isize > self.avail(*ptr) {
            return Ok(Act::Ret(false));
        }
        self.ptr = *ptr;
        let mut count = 0;
        if min != 0 {
            count = self.count(code, pc + 3, min)?;
            if (count as u64) < min as u64 {
                return Ok(Act::Ret(false));
            }
            *ptr += count;
        }
        let toplevel = self.top().toplevel;
        if get(pc + skip) == op::SUCCESS
            && !(toplevel && ((self.match_all && *ptr != self.end) || (self.must_advance && *ptr == self.start)))
        {
            self.ptr = *ptr;
            return Ok(Act::Ret(true));
        }
        self.save_marks(false);
        let c = self.top();
        c.count = count as isize;
        c.pc = pc;
        Ok(self.min_repeat_one_try(code, pc, *ptr))
    }

    fn min_repeat_one_try(&mut self, code: &[u32], pc: usize, ptr: usize) -> Act {
        let max = code.get(pc + 2).copied().unwrap_or(0);
        let skip = code.get(pc).copied().unwrap_or(0) as usize;
        let c = *self.top();
        if max != MAXREPEAT && c.count > max as isize {
            self.discard_marks();
            return Act::Ret(false);
        }
        self.ptr = ptr;
        Act::Push(Jump::MinRepeatOne, pc + skip, c.toplevel)
    }

    fn possessive_repeat_one(&mut self, code: &[u32], pc: &mut usize, ptr: &mut usize) -> SreResult<Option<Act>> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let p = *pc;
        let (skip, min, max) = (get(p) as usize, get(p + 1), get(p + 2));
        if min as isize > self.avail(*ptr) {
            return Ok(Some(Act::Ret(false)));
        }
        self.ptr = *ptr;
        let count = self.count(code, p + 3, max)?;
        *ptr += count;
        if (count as u64) < min as u64 {
            return Ok(Some(Act::Ret(false)));
        }
        *pc = p + skip;
        let toplevel = self.top().toplevel;
        if get(*pc) == op::SUCCESS && *ptr == self.end && !(toplevel && self.must_advance && *ptr == self.start) {
            self.ptr = *ptr;
            return Ok(Some(Act::Ret(true)));
        }
        Ok(None)
    }

    fn rep_bounds(code: &[u32], rpc: usize) -> (isize, u32) {
        let min = code.get(rpc + 1).copied().unwrap_or(0) as isize;
        let max = code.get(rpc + 2).copied().unwrap_or(0);
        (min, max)
    }

    fn below_max(count: isize, max: u32) -> bool {
        max == MAXREPEAT || count < max as isize
    }

    fn max_until_start(&mut self, code: &[u32], pc: usize, ptr: usize) -> SreResult<Act> {
        let Some(r) = self.repeat else { return Err(SreError::Internal) };
        self.ptr = ptr;
        let count = self.repeats[r].count + 1;
        let rpc = self.repeats[r].pc;
        let (min, _) = Self::rep_bounds(code, rpc);
        let c = self.top();
        c.u = r;
        c.count = count;
        c.pc = pc;
        if count < min {
            self.repeats[r].count = count;
            let tl = self.top().toplevel;
            return Ok(Act::Push(Jump::MaxUntil1, rpc + 3, tl));
        }
        Ok(self.max_until_more(code, pc))
    }

    /// MAX_UNTIL with enough items: try one more, unless the last one
    /// matched the empty string.
    fn max_until_more(&mut self, code: &[u32], pc: usize) -> Act {
        let c = *self.top();
        let r = c.u;
        let rpc = self.repeats[r].pc;
        let (_, max) = Self::rep_bounds(code, rpc);
        if Self::below_max(c.count, max) && self.ptr != self.repeats[r].last_ptr {
            self.repeats[r].count = c.count;
            self.save_marks(true);
            self.data.push(self.repeats[r].last_ptr);
            self.repeats[r].last_ptr = self.ptr;
            return Act::Push(Jump::MaxUntil2, rpc + 3, c.toplevel);
        }
        self.max_until_tail(pc)
    }

    fn max_until_tail(&mut self, pc: usize) -> Act {
        let c = *self.top();
        self.repeat = self.repeats[c.u].prev;
        Act::Push(Jump::MaxUntil3, pc, c.toplevel)
    }

    fn min_until_start(&mut self, code: &[u32], pc: usize, ptr: usize) -> SreResult<Act> {
        let Some(r) = self.repeat else { return Err(SreError::Internal) };
        self.ptr = ptr;
        let count = self.repeats[r].count + 1;
        let rpc = self.repeats[r].pc;
        let (min, _) = Self::rep_bounds(code, rpc);
        let c = self.top();
        c.u = r;
        c.count = count;
        c.pc = pc;
        let tl = c.toplevel;
        if count < min {
            self.repeats[r].count = count;
            return Ok(Act::Push(Jump::MinUntil1, rpc + 3, tl));
        }
        self.repeat = self.repeats[r].prev;
        self.save_marks(false);
        Ok(Act::Push(Jump::MinUntil2, pc, tl))
    }

    /// POSSESSIVE_REPEAT: match the item its minimum number of times.
    fn poss_repeat_min(&mut self, code: &[u32], pc: usize) -> Act {
        let (min, _) = Self::rep_bounds(code, pc);
        if self.top().count < min {
            return Act::Push(Jump::PossRepeat1, pc + 3, false);
        }
        self.poss_repeat_more(code, pc, NULL)
    }

    /// After a POSSESSIVE_REPEAT step: a child for the minimum keeps the
    /// operation's start as its saved position, one beyond the minimum
    /// saves where it starts (for the zero-width check), and the end of
    /// the repeat goes on with the tail.
    fn poss_next(&mut self, act: Act, code: &[u32], pc: &mut usize, ptr: &mut usize) -> Act {
        match act {
            Act::Dispatch => {
                self.poss_repeat_tail(code, pc, ptr);
                Act::Dispatch
            }
            Act::Push(Jump::PossRepeat2, next, tl) => {
                *ptr = self.ptr;
                Act::Push(Jump::PossRepeat2, next, tl)
            }
            other => other,
        }
    }

    /// POSSESSIVE_REPEAT: then as many more as match, never giving back.
    fn poss_repeat_more(&mut self, code: &[u32], pc: usize, last: usize) -> Act {
        let (_, max) = Self::rep_bounds(code, pc);
        let c = *self.top();
        if Self::below_max(c.count, max) && self.ptr != last {
            self.save_marks(true);
            return Act::Push(Jump::PossRepeat2, pc + 3, false);
        }
        Act::Dispatch
    }

    fn poss_repeat_tail(&mut self, code: &[u32], pc: &mut usize, ptr: &mut usize) {
        let skip = code.get(*pc).copied().unwrap_or(0) as usize;
        *pc += skip + 1;
        *ptr = self.ptr;
    }

    /// A child context finished with `ret`: continue its parent.
    fn resume(&mut self, code: &[u32], jump: Jump, ret: bool, pc: &mut usize, ptr: &mut usize) -> SreResult<Act> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let c = *self.top();
        Ok(match jump {
            Jump::None => Act::Ret(ret),
            Jump::Branch => {
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(true));
                }
                self.restore_marks(true);
                if c.u != NO_TABLE {
                    return Ok(self.branch_table_try(code, *ptr));
                }
                *pc += get(*pc) as usize;
                self.branch_try(code, pc, *ptr)
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 => {
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(true));
                }
                self.restore_marks(true);
                *ptr = ptr.wrapping_sub(1);
                self.top().count = c.count - 1;
                if jump == Jump::RepeatOne1 {
                    self.repeat_one_literal(code, *pc, ptr)
                } else {
                    self.repeat_one_general(code, *pc, ptr)
                }
            }
            Jump::MinRepeatOne => {
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(true));
                }
                self.restore_marks(true);
                self.ptr = *ptr;
                if self.count(code, *pc + 3, 1)? == 0 {
                    self.discard_marks();
                    return Ok(Act::Ret(false));
                }
                *ptr += 1;
                self.top().count = c.count + 1;
                self.min_repeat_one_try(code, *pc, *ptr)
            }
            Jump::Repeat => {
                self.repeat = self.repeats.get(c.u).and_then(|r| r.prev);
                self.repeats.truncate(c.u);
                Act::Ret(ret)
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Ok(Act::Ret(true));
                }
                self.repeats[c.u].count = c.count - 1;
                self.ptr = *ptr;
                Act::Ret(false)
            }
            Jump::MaxUntil2 => {
                self.repeats[c.u].last_ptr = self.data.pop().unwrap_or(NULL);
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(true));
                }
                self.restore_marks(false);
                self.repeats[c.u].count = c.count - 1;
                self.ptr = *ptr;
                self.max_until_tail(*pc)
            }
            Jump::MaxUntil3 => {
                self.repeat = Some(c.u);
                if ret {
                    return Ok(Act::Ret(true));
                }
                self.ptr = *ptr;
                Act::Ret(false)
            }
            Jump::MinUntil2 => {
                self.repeat = Some(c.u);
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(true));
                }
                self.restore_marks(false);
                self.ptr = *ptr;
                let rpc = self.repeats[c.u].pc;
                let (_, max) = Self::rep_bounds(code, rpc);
                if !Self::below_max(c.count, max) || self.ptr == self.repeats[c.u].last_ptr {
                    return Ok(Act::Ret(false));
                }
                self.repeats[c.u].count = c.count;
                self.data.push(self.repeats[c.u].last_ptr);
                self.repeats[c.u].last_ptr = self.ptr;
                Act::Push(Jump::MinUntil3, rpc + 3, c.toplevel)
            }
            Jump::MinUntil3 => {
                self.repeats[c.u].last_ptr = self.data.pop().unwrap_or(NULL);
                if ret {
                    return Ok(Act::Ret(true));
                }
                self.repeats[c.u].count = c.count - 1;
                self.ptr = *ptr;
                Act::Ret(false)
            }
            Jump::PossRepeat1 => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Act::Ret(false));
                }
                self.top().count = c.count + 1;
                let act = self.poss_repeat_min(code, *pc);
                self.poss_next(act, code, pc, ptr)
            }
            Jump::PossRepeat2 => {
                // `c.ptr` is where this iteration started.
                if ret {
                    self.discard_marks();
                    self.top().count = c.count + 1;
                    let act = self.poss_repeat_more(code, *pc, c.ptr);
                    self.poss_next(act, code, pc, ptr)
                } else {
                    self.restore_marks(false);
                    self.ptr = c.ptr;
                    self.poss_repeat_tail(code, pc, ptr);
                    Act::Dispatch
                }
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Act::Ret(false));
                }
                *pc += get(*pc) as usize;
                *ptr = self.ptr;
                Act::Dispatch
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Act::Ret(false));
                }
                *pc += get(*pc) as usize;
                Act::Dispatch
            }
            Jump::AssertNot => {
                if ret {
                    self.discard_marks();
                    return Ok(Act::Ret(false));
                }
                self.restore_marks(false);
                *pc += get(*pc) as usize;
                Act::Dispatch
            }
        })
    }

    /// Search for the first match at or after `self.start` (CPython's
    /// `SRE(search)`): on success `start`..`ptr` is the match.
    pub(crate) fn search(&mut self, code: &[u32]) -> SreResult<bool> {
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let mut ptr = self.start;
        let mut end = self.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut flags = 0;
        let mut prefix: Option<(usize, usize, usize)> = None; // (len, skip, at)
        let mut set_pc = None;
        if get(0) == op::INFO {
            flags = get(2);
            let min = get(3) as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end = end.saturating_sub(min - 1).max(ptr);
            }
            if flags & INFO_PREFIX != 0 {
                prefix = Some((get(5) as usize, get(6) as usize, 7));
            } else if flags & INFO_CHARSET != 0 {
                set_pc = Some(5);
            }
            pc = 1 + get(1) as usize;
        }
        match prefix {
            Some((1, skip, at)) => return self.search_char(code, pc, get(at), skip, flags),
            Some((len, skip, at)) if len > 1 => return self.search_prefix(code, pc, (len, skip, at), flags),
            _ => {}
        }
        if let Some(cs) = set_pc {
            end = self.end;
            self.must_advance = false;
            let bits = self.index.ascii_set(cs).copied();
            loop {
                while ptr < end {
                    let c = self.text[ptr].cp();
                    let found = match bits {
                        Some(b) if c < 128 => in_ascii_bits(&b, c),
                        _ => self.in_set_walk(code, cs, op::IN, c),
                    };
                    if found {
                        break;
                    }
                    ptr += 1;
                }
                if ptr >= end {
                    return Ok(false);
                }
                self.start = ptr;
                self.ptr = ptr;
                if self.run(code, pc, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.reset_groups();
            }
        }
        let anchored = get(pc) == op::AT && matches!(get(pc + 1), at::BEGINNING | at::BEGINNING_STRING);
        if let (Some(first), false) = (self.index.start_set(), anchored) {
            let first = *first;
            return self.search_start_set(code, pc, end, &first);
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.run(code, pc, true)?;
        self.must_advance = false;
        if !status && anchored {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        while !status && ptr < end {
            ptr += 1;
            self.reset_groups();
            self.start = ptr;
            self.ptr = ptr;
            status = self.run(code, pc, false)?;
        }
        Ok(status)
    }

    /// Search for a pattern that needs a character where it matches,
    /// trying only the positions (before `end`) whose character it accepts.
    fn search_start_set(&mut self, code: &[u32], pc: usize, end: usize, first: &FirstSet) -> SreResult<bool> {
        let origin = self.start;
        let mut ptr = origin;
        loop {
            while ptr < end && !first.may_start(self.text[ptr].cp()) {
                ptr += 1;
            }
            if ptr >= end {
                self.must_advance = false;
                return Ok(false);
            }
            self.start = ptr;
            self.ptr = ptr;
            // As in the general search: `must_advance` holds for an
            // attempt at the search's own start only.
            let found = self.run(code, pc, ptr == origin)?;
            self.must_advance = false;
            if found {
                return Ok(true);
            }
            ptr += 1;
            self.reset_groups();
        }
    }

    fn reset_groups(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
    }

    /// Search for a pattern that starts with the character `c`.
    fn search_char(&mut self, code: &[u32], pc: usize, c: u32, skip: usize, flags: u32) -> SreResult<bool> {
        let end = self.end;
        let mut ptr = self.start;
        self.must_advance = false;
        while ptr < end {
            while self.text[ptr].cp() != c {
                ptr += 1;
                if ptr >= end {
                    return Ok(false);
                }
            }
            self.start = ptr;
            self.ptr = ptr + skip;
            if flags & INFO_LITERAL != 0 {
                return Ok(true);
            }
            if self.run(code, pc + 2 * skip, false)? {
                return Ok(true);
            }
            ptr += 1;
            self.reset_groups();
            self.maybe_check_signals()?;
        }
        Ok(false)
    }

    /// Search for a pattern that starts with a literal prefix, with the
    /// prefix's overlap table (Knuth-Morris-Pratt).
    fn search_prefix(&mut self, code: &[u32], pc: usize, prefix: (usize, usize, usize), flags: u32) -> SreResult<bool> {
        let (len, skip, at) = prefix;
        let get = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
        let overlap = at + len - 1;
        let end = self.end;
        let mut ptr = self.start;
        if len as isize > self.avail(ptr) {
            return Ok(false);
        }
        let first = get(at);
        while ptr < end {
            loop {
                let c = self.text[ptr].cp();
                ptr += 1;
                if c == first {
                    break;
                }
                if ptr >= end {
                    return Ok(false);
                }
            }
            if ptr >= end {
                return Ok(false);
            }
            let mut i = 1;
            self.must_advance = false;
            loop {
                if self.text[ptr].cp() == get(at + i) {
                    i += 1;
                    if i != len {
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                        continue;
                    }
                    // (A crafted overlap table could claim more than was seen.)
                    let Some(start) = (ptr + 1).checked_sub(len) else { return Ok(false) };
                    self.start = start;
                    self.ptr = start + skip;
                    if flags & INFO_LITERAL != 0 {
                        return Ok(true);
                    }
                    if self.run(code, pc + 2 * skip, false)? {
                        return Ok(true);
                    }
                    ptr += 1;
                    if ptr >= end {
                        return Ok(false);
                    }
                    self.reset_groups();
                    self.maybe_check_signals()?;
                }
                i = get(overlap + i) as usize;
                if i == 0 {
                    break;
                }
            }
        }
        Ok(false)
    }
}

impl<C: Char> Drop for State<'_, C> {
    fn drop(&mut self) {
        self.take_stacks().give_back();
    }
}
