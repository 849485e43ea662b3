//! Tables made once per pattern from its code, for the matcher.
//!
//! ASCII bitmaps of the sets of IN operations (and of the INFO block's
//! charset): a character below 128 is looked up in one bit instead of
//! walking the set's items.
//!
//! First-character tables for BRANCH: for each
//! ASCII character, which alternatives of a branch can start with it, so
//! the matcher tries only those. tokenize's pseudo-token pattern is an
//! alternation of groups holding dozens of operators and string prefixes,
//! tried at every token; without a table each try walks all of them.
//! (Skipping an alternative that cannot match changes nothing else: a
//! failed alternative leaves no trace.)

use super::chars::{self, category};
use super::constants::op;
use super::sre::{charset, charset_loc_ignore};
use super::validate::Sites;

/// Branches with fewer alternatives are walked as they are.
const MIN_ALTERNATIVES: usize = 3;
/// How deep first-character sets look into nested branches.
const DEPTH_LIMIT: usize = 8;
/// Characters below this have a candidate list each; every other code
/// unit, and the end of the subject, share the last list.
const ASCII: usize = 128;

/// The characters an item can start with: a bit per ASCII character,
/// and whether it can start with anything else.
#[derive(Clone, Copy)]
pub(crate) struct FirstSet {
    ascii: [u64; 2],
    other: bool,
}

impl FirstSet {
    const EMPTY: FirstSet = FirstSet { ascii: [0, 0], other: false };

    fn has(&self, c: usize) -> bool {
        self.ascii[c / 64] & (1 << (c % 64)) != 0
    }

    fn add(&mut self, c: usize) {
        self.ascii[c / 64] |= 1 << (c % 64);
    }

    fn union(&mut self, o: &FirstSet) {
        self.ascii[0] |= o.ascii[0];
        self.ascii[1] |= o.ascii[1];
        self.other |= o.other;
    }

    fn of_set(code: &[u32], set_pc: usize) -> FirstSet {
        FirstSet::of_ascii(|c| charset(code, set_pc, c))
    }

    /// The ASCII characters `accepts` takes, and anything else.
    fn of_ascii(accepts: impl Fn(u32) -> bool) -> FirstSet {
        let mut s = FirstSet { other: true, ..FirstSet::EMPTY };
        for c in 0..ASCII {
            if accepts(c as u32) {
                s.add(c);
            }
        }
        s
    }

    /// Can a match start with the code unit `ch`?
    #[inline]
    pub(crate) fn may_start(&self, ch: u32) -> bool {
        if ch < ASCII as u32 {
            self.has(ch as usize)
        } else {
            self.other
        }
    }
}

/// What the code sequence at `pc` can start with: its first-character
/// set, and whether it can match without a character of that set at its
/// start (it can match the empty string, and no lookahead needs a
/// character there: then what follows can start the match too). None
/// when it could start with anything.
/// The sequence ends at the JUMP closing an alternative or the SUCCESS
/// closing a repeated item.
fn first_set(code: &[u32], mut pc: usize, depth: usize) -> Option<(FirstSet, bool)> {
    let get = |i: usize| code.get(i).copied();
    if depth > DEPTH_LIMIT {
        return None;
    }
    let mut s = FirstSet::EMPTY;
    loop {
        match get(pc)? {
            op::MARK => pc += 2,
            // Zero-width: what follows decides (a superset is safe).
            op::AT => pc += 2,
            op::JUMP | op::SUCCESS => return Some((s, true)),
            op::LITERAL => {
                let c = get(pc + 1)? as usize;
                if c < ASCII {
                    s.add(c);
                } else {
                    s.other = true;
                }
                return Some((s, false));
            }
            op::IN => {
                s.union(&FirstSet::of_set(code, pc + 2));
                return Some((s, false));
            }
            op::IN_IGNORE | op::IN_UNI_IGNORE => {
                let bits = ascii_bitmap(code, pc + 2, get(pc)?);
                s.union(&FirstSet { ascii: bits, other: true });
                return Some((s, false));
            }
            // (The locale-dependent forms are left out: the locale may
            // change between compiling and matching.)
            op::LITERAL_IGNORE | op::LITERAL_UNI_IGNORE | op::NOT_LITERAL => {
                let (o, lit) = (get(pc)?, get(pc + 1)?);
                s.union(&FirstSet::of_ascii(|c| match o {
                    op::LITERAL_IGNORE => chars::lower_ascii(c) == lit,
                    op::LITERAL_UNI_IGNORE => chars::lower_unicode(c) == lit,
                    _ => c != lit,
                }));
                return Some((s, false));
            }
            op::ANY => {
                s.union(&FirstSet::of_ascii(|c| !chars::is_linebreak(c)));
                return Some((s, false));
            }
            // A lookahead that needs a character: that character starts
            // the match here (lookbehinds and negative lookaheads are
            // zero-width: skipped, a superset is safe).
            op::ASSERT | op::ASSERT_NOT => {
                if get(pc)? == op::ASSERT && get(pc + 2)? == 0 {
                    if let (a, false) = first_set(code, pc + 3, depth + 1)? {
                        s.union(&a);
                        return Some((s, false));
                    }
                }
                pc += 1 + get(pc + 1)? as usize;
            }
            op::CATEGORY => {
                let cat = get(pc + 1)?;
                s.other = true;
                for c in 0..ASCII {
                    if category(cat, c as u32) {
                        s.add(c);
                    }
                }
                return Some((s, false));
            }
            op::BRANCH => {
                let mut alt = pc + 1;
                let mut nullable = false;
                while get(alt)? != 0 {
                    let (a, n) = first_set(code, alt + 1, depth + 1)?;
                    s.union(&a);
                    nullable |= n;
                    alt += get(alt)? as usize;
                }
                if !nullable {
                    return Some((s, false));
                }
                pc = alt + 1;
            }
            op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                let (item, n) = first_set(code, pc + 4, depth + 1)?;
                s.union(&item);
                if get(pc + 2)? > 0 && !n {
                    return Some((s, false));
                }
                pc += 1 + get(pc + 1)? as usize;
            }
            _ => return None,
        }
    }
}

/// One branch's alternatives and their candidate lists.
pub(crate) struct BranchTable {
    /// Each alternative's position (its skip word), in order.
    alts: Box<[u32]>,
    /// The candidate lists, as indices into `alts`, one after another.
    lists: Box<[u16]>,
    /// Where list `c` ends in `lists` (it starts where `c - 1` ends).
    ends: Box<[u32]>,
}

impl BranchTable {
    fn build(code: &[u32], first: usize) -> Option<BranchTable> {
        let mut alts = Vec::new();
        let mut alt = first;
        while *code.get(alt)? != 0 {
            alts.push(alt as u32);
            alt += *code.get(alt)? as usize;
        }
        if alts.len() < MIN_ALTERNATIVES || alts.len() > u16::MAX as usize {
            return None;
        }
        // An alternative that can match the empty string is a candidate
        // wherever the branch is tried.
        let all = FirstSet { ascii: [u64::MAX, u64::MAX], other: true };
        let sets: Vec<FirstSet> = alts
            .iter()
            .map(|&a| match first_set(code, a as usize + 1, 0) {
                Some((s, false)) => s,
                _ => all,
            })
            .collect();
        let mut lists = Vec::new();
        let mut ends = Vec::with_capacity(ASCII + 1);
        for c in 0..=ASCII {
            for (i, s) in sets.iter().enumerate() {
                let can_start = if c < ASCII { s.has(c) } else { s.other };
                if can_start {
                    lists.push(i as u16);
                }
            }
            ends.push(lists.len() as u32);
        }
        Some(BranchTable { alts: alts.into(), lists: lists.into(), ends: ends.into() })
    }

    /// The alternatives that can start with `ch` (None: at the end).
    pub(crate) fn candidates(&self, ch: Option<u32>) -> &[u16] {
        let c = match ch {
            Some(c) if (c as usize) < ASCII => c as usize,
            _ => ASCII,
        };
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        &self.lists[start..self.ends[c] as usize]
    }

    /// The position of alternative `i`'s skip word.
    pub(crate) fn alt(&self, i: u16) -> usize {
        self.alts[i as usize] as usize
    }
}

/// Where the code has a set: the position of its first item, and the
/// operation that uses it (IN or a case-folding IN_*).
pub(crate) type SetSite = (usize, u32);

/// The tables of a pattern, by code position.
#[derive(Default)]
pub(crate) struct CodeIndex {
    /// Per code position: 1 + the table of the branch whose first skip
    /// word is there, or 0 (empty when the pattern has no table).
    slots: Box<[u32]>,
    tables: Vec<BranchTable>,
    /// Per code position: 1 + the bitmap of the set starting there, or 0.
    set_slots: Box<[u32]>,
    sets: Vec<[u64; 2]>,
    /// The characters at which the whole pattern can match, when it
    /// needs one (for searches with no literal prefix or charset in the
    /// INFO block).
    start: Option<FirstSet>,
    /// Per code position: 1 + the set of the characters the tail of the
    /// REPEAT_ONE whose skip word is there needs at its start, or 0
    /// (empty when no REPEAT_ONE has one).
    tail_slots: Box<[u32]>,
    tails: Vec<FirstSet>,
}

/// Which ASCII characters the operation `opcode` over the set at
/// `set_pc` accepts.
fn ascii_bitmap(code: &[u32], set_pc: usize, opcode: u32) -> [u64; 2] {
    let mut bits = [0u64; 2];
    for c in 0..ASCII as u32 {
        let hit = match opcode {
            op::IN_IGNORE => charset(code, set_pc, chars::lower_ascii(c)),
            op::IN_UNI_IGNORE => charset(code, set_pc, chars::lower_unicode(c)),
            op::IN_LOC_IGNORE => charset_loc_ignore(code, set_pc, c),
            _ => charset(code, set_pc, c),
        };
        if hit {
            bits[(c / 64) as usize] |= 1 << (c % 64);
        }
    }
    bits
}

/// The first-character set of the whole pattern (after its INFO block),
/// if the pattern cannot match the empty string.
fn start_set(code: &[u32]) -> Option<FirstSet> {
    let pc = if code.first() == Some(&op::INFO) { 1 + *code.get(1)? as usize } else { 0 };
    match first_set(code, pc, 0)? {
        (s, false) => Some(s),
        _ => None,
    }
}

impl CodeIndex {
    /// Tables for the branches whose first skip words are at `branches`
    /// and for the sets at `sets`, in validated `code`.
    pub(crate) fn build(code: &[u32], sites: &Sites) -> CodeIndex {
        let (branches, sets) = (&sites.branches, &sites.sets);
        let mut index = CodeIndex::default();
        if !sets.is_empty() {
            let mut set_slots = vec![0u32; code.len()];
            for &(at, opcode) in sets.iter() {
                if let Some(s) = set_slots.get_mut(at) {
                    index.sets.push(ascii_bitmap(code, at, opcode));
                    *s = index.sets.len() as u32;
                }
            }
            index.set_slots = set_slots.into();
        }
        let mut slots = Vec::new();
        for &b in branches.iter() {
            let Some(t) = BranchTable::build(code, b) else { continue };
            if slots.is_empty() {
                slots = vec![0u32; code.len()];
            }
            index.tables.push(t);
            if let Some(s) = slots.get_mut(b) {
                *s = index.tables.len() as u32;
            }
        }
        index.slots = slots.into();
        index.start = start_set(code);
        index.build_tails(code, &sites.repeat_ones);
        index
    }

    /// The tail sets of the REPEAT_ONEs at `repeat_ones` whose tail is not
    /// a literal (which the matcher looks for itself) and needs a character.
    fn build_tails(&mut self, code: &[u32], repeat_ones: &[usize]) {
        let mut slots = Vec::new();
        for &r in repeat_ones {
            let Some(&skip) = code.get(r) else { continue };
            let tail = r + skip as usize;
            if code.get(tail) == Some(&op::LITERAL) {
                continue;
            }
            let Some((set, false)) = first_set(code, tail, 0) else { continue };
            if slots.is_empty() {
                slots = vec![0u32; code.len()];
            }
            self.tails.push(set);
            slots[r] = self.tails.len() as u32;
        }
        self.tail_slots = slots.into();
    }

    /// The tail set of the REPEAT_ONE whose skip word is at `pc`, as an
    /// index for `tail`.
    #[inline]
    pub(crate) fn tail_at(&self, pc: usize) -> Option<usize> {
        match self.tail_slots.get(pc) {
            Some(&s) if s != 0 => Some(s as usize - 1),
            _ => None,
        }
    }

    /// Does any REPEAT_ONE of the pattern have a tail set?
    #[inline]
    pub(crate) fn has_tails(&self) -> bool {
        !self.tails.is_empty()
    }

    #[inline]
    pub(crate) fn tail(&self, t: usize) -> Option<&FirstSet> {
        self.tails.get(t)
    }

    /// What a non-empty match of the whole pattern starts with.
    #[inline]
    pub(crate) fn start_set(&self) -> Option<&FirstSet> {
        self.start.as_ref()
    }

    /// The table of the branch whose first skip word is at `pc`.
    #[inline]
    pub(crate) fn table_at(&self, pc: usize) -> Option<usize> {
        match self.slots.get(pc) {
            Some(&s) if s != 0 => Some(s as usize - 1),
            _ => None,
        }
    }

    pub(crate) fn table(&self, t: usize) -> Option<&BranchTable> {
        self.tables.get(t)
    }

    /// The ASCII bitmap of the set starting at `set_pc`.
    #[inline]
    pub(crate) fn ascii_set(&self, set_pc: usize) -> Option<&[u64; 2]> {
        match self.set_slots.get(set_pc) {
            Some(&s) if s != 0 => self.sets.get(s as usize - 1),
            _ => None,
        }
    }
}
