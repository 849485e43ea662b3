//! Checking the code given to `_sre.compile` (CPython's `_validate`), so
//! the matcher can trust it: every skip stays inside its block, every
//! block ends as the compiler ends it, marks and group references name
//! existing groups. Nested blocks go on a work list, not the Rust stack.

use super::constants::{at, category, op, INFO_CHARSET, INFO_LITERAL, INFO_PREFIX, MAXGROUPS};
use super::index::SetSite;

/// A code sequence `code[start..end]` still to check.
struct Work {
    start: usize,
    end: usize,
}

struct Checker<'a> {
    code: &'a [u32],
    groups: usize,
    todo: Vec<Work>,
    /// Where each BRANCH's first skip word is.
    branches: Vec<usize>,
    /// Where each set is, with the operation using it.
    sets: Vec<SetSite>,
    /// Where each REPEAT_ONE's skip word is.
    repeat_ones: Vec<usize>,
}

type Check<T> = Result<T, ()>;

/// Is `code` what the compiler could have made for `groups` groups?
#[cfg(test)]
pub(crate) fn validate(code: &[u32], groups: usize) -> bool {
    check(code, groups).is_some()
}

/// Where a valid code's branches start (the position of each BRANCH's
/// first skip word), where its sets are and where its REPEAT_ONEs start
/// (the position of the skip word).
pub(crate) struct Sites {
    pub(crate) branches: Vec<usize>,
    pub(crate) sets: Vec<SetSite>,
    pub(crate) repeat_ones: Vec<usize>,
}

/// `validate`, and if the code passes, its `Sites`.
pub(crate) fn check(code: &[u32], groups: usize) -> Option<Sites> {
    if groups > MAXGROUPS || code.last() != Some(&op::SUCCESS) {
        return None;
    }
    let mut c = Checker {
        code,
        groups,
        todo: vec![Work { start: 0, end: code.len() - 1 }],
        branches: Vec::new(),
        sets: Vec::new(),
        repeat_ones: Vec::new(),
    };
    while let Some(w) = c.todo.pop() {
        if c.inner(w.start, w.end).is_err() {
            return None;
        }
    }
    Some(Sites { branches: c.branches, sets: c.sets, repeat_ones: c.repeat_ones })
}

impl Checker<'_> {
    fn word(&self, i: usize, end: usize) -> Check<u32> {
        if i >= end {
            return Err(());
        }
        self.code.get(i).copied().ok_or(())
    }

    /// A skip at `i` whose target (`i + skip - adj`) stays within `end`.
    fn skip(&self, i: usize, end: usize, adj: usize) -> Check<usize> {
        let s = self.word(i, end)? as usize;
        if s < adj || s - adj > end - i {
            return Err(());
        }
        Ok(s)
    }

    fn charset(&self, mut i: usize, end: usize) -> Check<()> {
        while i < end {
            let o = self.word(i, end)?;
            i += 1;
            match o {
                op::NEGATE => {}
                op::LITERAL => {
                    self.word(i, end)?;
                    i += 1;
                }
                op::RANGE | op::RANGE_UNI_IGNORE => {
                    self.word(i + 1, end)?;
                    i += 2;
                }
                op::CHARSET => {
                    if 8 > end - i {
                        return Err(());
                    }
                    i += 8;
                }
                op::BIGCHARSET => {
                    let blocks = self.word(i, end)? as usize;
                    i += 1;
                    if 64 > end - i {
                        return Err(());
                    }
                    for w in &self.code[i..i + 64] {
                        if w.to_ne_bytes().iter().any(|&b| b as usize >= blocks) {
                            return Err(());
                        }
                    }
                    i += 64;
                    let bitmaps = blocks.checked_mul(8).ok_or(())?;
                    if bitmaps > end - i {
                        return Err(());
                    }
                    i += bitmaps;
                }
                op::CATEGORY => {
                    if self.word(i, end)? >= category::COUNT {
                        return Err(());
                    }
                    i += 1;
                }
                _ => return Err(()),
            }
        }
        Ok(())
    }

    /// A set: its items, then FAILURE at `end - 1`.
    fn set_block(&self, start: usize, end: usize) -> Check<()> {
        if end <= start || self.code.get(end - 1) != Some(&op::FAILURE) {
            return Err(());
        }
        self.charset(start, end - 1)
    }

    /// Queue `code[start..end]` for checking.
    fn later(&mut self, start: usize, end: usize) -> Check<()> {
        if start > end {
            return Err(());
        }
        self.todo.push(Work { start, end });
        Ok(())
    }

    fn inner(&mut self, mut i: usize, end: usize) -> Check<()> {
        while i < end {
            let o = self.word(i, end)?;
            i += 1;
            i = match o {
                op::MARK => {
                    if self.word(i, end)? as usize > 2 * self.groups + 1 {
                        return Err(());
                    }
                    i + 1
                }
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE => {
                    self.word(i, end)?;
                    i + 1
                }
                op::SUCCESS | op::FAILURE | op::ANY | op::ANY_ALL => i,
                op::AT => {
                    if self.word(i, end)? > at::UNI_NON_BOUNDARY {
                        return Err(());
                    }
                    i + 1
                }
                op::CATEGORY => {
                    if self.word(i, end)? >= category::COUNT {
                        return Err(());
                    }
                    i + 1
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    let skip = self.skip(i, end, 1)?;
                    self.set_block(i + 1, i + skip)?;
                    self.sets.push((i + 1, o));
                    i + skip
                }
                op::INFO => self.info(i, end)?,
                op::BRANCH => {
                    self.branches.push(i);
                    self.branch(i, end)?
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let skip = self.repeat_head(i, end, 4)?;
                    if o == op::REPEAT_ONE {
                        self.repeat_ones.push(i);
                    }
                    self.later(i + 3, i + skip - 1)?;
                    if self.word(i + skip - 1, end)? != op::SUCCESS {
                        return Err(());
                    }
                    i + skip
                }
                op::REPEAT | op::POSSESSIVE_REPEAT => {
                    let skip = self.repeat_head(i, end, 3)?;
                    self.later(i + 3, i + skip)?;
                    let until = self.word(i + skip, end)?;
                    let ok = if o == op::REPEAT {
                        until == op::MAX_UNTIL || until == op::MIN_UNTIL
                    } else {
                        until == op::SUCCESS
                    };
                    if !ok {
                        return Err(());
                    }
                    i + skip + 1
                }
                op::GROUPREF | op::GROUPREF_IGNORE | op::GROUPREF_UNI_IGNORE | op::GROUPREF_LOC_IGNORE => {
                    if self.word(i, end)? as usize >= self.groups {
                        return Err(());
                    }
                    i + 1
                }
                op::GROUPREF_EXISTS => self.groupref_exists(i, end)?,
                op::ASSERT | op::ASSERT_NOT => {
                    let skip = self.skip(i, end, 1)?;
                    if skip < 3 {
                        return Err(());
                    }
                    self.word(i + 1, end)?;
                    self.later(i + 2, i + skip - 1)?;
                    if self.word(i + skip - 1, end)? != op::SUCCESS {
                        return Err(());
                    }
                    i + skip
                }
                op::ATOMIC_GROUP => {
                    let skip = self.skip(i, end, 1)?;
                    if skip < 2 {
                        return Err(());
                    }
                    self.later(i + 1, i + skip - 1)?;
                    if self.word(i + skip - 1, end)? != op::SUCCESS {
                        return Err(());
                    }
                    i + skip
                }
                _ => return Err(()),
            };
        }
        if i != end {
            return Err(());
        }
        Ok(())
    }

    /// `<skip> <min> <max>` of a repeat; the skip is at least `least`.
    fn repeat_head(&self, i: usize, end: usize, least: usize) -> Check<usize> {
        let skip = self.skip(i, end, 1)?;
        let (min, max) = (self.word(i + 1, end)?, self.word(i + 2, end)?);
        if skip < least || min > max {
            return Err(());
        }
        Ok(skip)
    }

    fn info(&mut self, i: usize, end: usize) -> Check<usize> {
        let skip = self.skip(i, end, 1)?;
        let block_end = i + skip;
        let flags = self.word(i + 1, block_end)?;
        self.word(i + 2, block_end)?;
        self.word(i + 3, block_end)?;
        if flags & !(INFO_PREFIX | INFO_LITERAL | INFO_CHARSET) != 0
            || (flags & INFO_PREFIX != 0 && flags & INFO_CHARSET != 0)
            || (flags & INFO_LITERAL != 0 && flags & INFO_PREFIX == 0)
        {
            return Err(());
        }
        let mut j = i + 4;
        if flags & INFO_PREFIX != 0 {
            let len = self.word(j, block_end)? as usize;
            let pskip = self.word(j + 1, block_end)? as usize;
            j += 2;
            if pskip > len || len == 0 || len > (block_end - j) / 2 {
                return Err(());
            }
            let overlap = &self.code[j + len..j + 2 * len];
            // A failure link goes back (KMP), or the search could cycle.
            if overlap.iter().enumerate().any(|(k, &o)| o as usize > k) {
                return Err(());
            }
            j += 2 * len;
            // The matcher starts after the prefix's LITERALs: they must be
            // in the code that follows.
            let body = block_end;
            for k in 0..pskip {
                if self.word(body + 2 * k, self.code.len())? != op::LITERAL {
                    return Err(());
                }
                self.word(body + 2 * k + 1, self.code.len())?;
            }
        } else if flags & INFO_CHARSET != 0 {
            self.set_block(j, block_end)?;
            self.sets.push((j, op::IN));
            j = block_end;
        }
        if j > block_end {
            return Err(());
        }
        Ok(block_end)
    }

    fn branch(&mut self, mut i: usize, end: usize) -> Check<usize> {
        let mut target = None;
        loop {
            if self.word(i, end)? == 0 {
                break;
            }
            let skip = self.skip(i, end, 1)?;
            if skip < 3 {
                return Err(());
            }
            self.later(i + 1, i + skip - 2)?;
            if self.word(i + skip - 2, end)? != op::JUMP {
                return Err(());
            }
            let j = i + skip - 1;
            let jskip = self.skip(j, end, 1)?;
            let t = j + jskip;
            match target {
                None => target = Some(t),
                Some(prev) if prev != t => return Err(()),
                _ => {}
            }
            i += skip;
        }
        let after = i + 1;
        if let Some(t) = target {
            if t != after {
                return Err(());
            }
        }
        Ok(after)
    }

    /// Do the opcodes from `start` on (not those nested in them) end
    /// exactly at `end`?
    fn ops_end_at(&self, start: usize, end: usize) -> bool {
        let mut scratch = Checker {
            code: self.code,
            groups: self.groups,
            todo: Vec::new(),
            branches: Vec::new(),
            sets: Vec::new(),
            repeat_ones: Vec::new(),
        };
        scratch.inner(start, end).is_ok()
    }

    fn groupref_exists(&mut self, i: usize, end: usize) -> Check<usize> {
        if self.word(i, end)? as usize >= self.groups {
            return Err(());
        }
        let j = i + 1;
        let skip = self.skip(j, end, 1)?;
        if skip < 2 {
            return Err(());
        }
        let no = j + skip - 1;
        // An else part follows when the then part ends with a JUMP opcode;
        // a JUMP-valued argument (`\x0f`) there does not count, so the then
        // part's opcodes must end right before it (CPython's gh-91700).
        if skip >= 3 && self.code.get(no - 2) == Some(&op::JUMP) && self.ops_end_at(j + 1, no - 2) {
            self.later(j + 1, no - 2)?;
            let jskip = self.skip(no - 1, end, 1)?;
            let after = no - 1 + jskip;
            self.later(no, after)?;
            return Ok(after);
        }
        self.later(j + 1, no)?;
        Ok(no)
    }
}
