//! Structural pattern matching (PEP 634; compile.c's `compiler_pattern_*`).
//!
//! Every pattern routine consumes the subject on top of the stack and jumps
//! to a "fail_pop" block on failure. `on_top` counts the items that must stay
//! above the subject while a sub-pattern runs; names captured on the way
//! are rotated below those items and stored only once the whole case has
//! matched. `fail_pop[i]` pops `i` items before falling into `fail_pop[i-1]`.

use taipan_syntax::ast::{ExprContext, Ident, Operator};

use super::{CResult, Compiler};
use crate::code::Constant;
use crate::constant::{int_const, repr, ConstSet};
use crate::flowgraph::{BlockId, Op};
use crate::opcode::Opcode;
use crate::tree::*;

#[derive(Default)]
struct PatternContext {
    /// Names captured so far, in capture order.
    stores: Vec<Ident>,
    /// If false, a capture or wildcard here makes later cases unreachable.
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: isize,
}

/// `WILDCARD_CHECK`: `_`.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::MatchAs { name: None, .. })
}

/// `WILDCARD_STAR_CHECK`: `*_`.
fn is_wildcard_star(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::MatchStar { name: None })
}

fn str_repr(s: &str) -> String {
    repr(&Constant::Str(taipan_syntax::literal::StrLit::from_text(s)))
}

impl<'a> Compiler<'a> {
    /// `compiler_match`.
    pub fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.visit_expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let Some(last) = cases.last() else { return Ok(()) };
        let has_default = is_wildcard(&last.pattern) && n > 1;
        let mut pc = PatternContext::default();
        for (i, m) in cases[..n - has_default as usize].iter().enumerate() {
            self.set_loc(m.pattern.range);
            let last_case = i == n - has_default as usize - 1;
            // Copy the subject, except for the last case.
            if !last_case {
                self.addop_i(Opcode::Copy, 1);
            }
            pc.stores = Vec::new();
            // Irrefutable cases must be either guarded, last, or both.
            pc.allow_irrefutable = m.guard.is_some() || i == n - 1;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.pattern(&m.pattern, &mut pc)?;
            // It's a match: store the captured names (they are on the stack).
            for name in std::mem::take(&mut pc.stores) {
                self.nameop(&name, ExprContext::Store)?;
            }
            if let Some(guard) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(guard, target, false)?;
            }
            // Success: pop the subject.
            if !last_case {
                self.addop(Opcode::PopTop);
            }
            self.visit_stmts(&m.body)?;
            // (3.11.4+: the jump to the end is artificial.)
            self.unset_loc();
            self.addop_j(Op::Jump, end);
            // A failed pattern's cleanup belongs to the pattern's line.
            self.set_loc(m.pattern.range);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            // A trailing `case _:` needs no copy of the subject.
            self.set_loc(last.pattern.range);
            if n == 1 {
                self.addop(Opcode::PopTop);
            } else {
                // Line coverage for the default case.
                self.addop(Opcode::Nop);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_stmts(&last.body)?;
            self.unset_loc();
        }
        self.use_next_block(end);
        Ok(())
    }

    /// `ensure_fail_pop`: blocks for popping up to `n` items.
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    /// `jump_to_fail_pop`: on failure, pop what is on top and the captures.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Op) {
        let pops = (pc.on_top + pc.stores.len() as isize).max(0) as usize;
        self.ensure_fail_pop(pc, pops);
        self.addop_j(op, pc.fail_pop[pops]);
    }

    /// `emit_and_reset_fail_pop`.
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_next_block(pc.fail_pop[i]);
            self.addop(Opcode::PopTop);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// `pattern_helper_rotate`: bring TOS down `count` places with SWAPs.
    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.addop_i(Opcode::Swap, count as u32);
            count -= 1;
        }
    }

    /// `pattern_helper_store_name`: capture TOS under the items on top.
    fn store_name(&mut self, name: Option<&Ident>, pc: &mut PatternContext) -> CResult {
        let Some(name) = name else {
            self.addop(Opcode::PopTop);
            return Ok(());
        };
        self.check_forbidden(name, ExprContext::Store)?;
        if pc.stores.contains(name) {
            return Err(self.error(format!("multiple assignments to name {} in pattern", str_repr(name))));
        }
        let rotations = (pc.on_top + pc.stores.len() as isize + 1).max(0) as usize;
        self.rotate(rotations);
        pc.stores.push(name.clone());
        Ok(())
    }

    /// `pattern_unpack_helper`.
    fn pattern_unpack(&mut self, patterns: &[Pattern]) -> CResult {
        let n = patterns.len();
        let mut seen_star = false;
        for (i, p) in patterns.iter().enumerate() {
            if !matches!(p.kind, PatternKind::MatchStar { .. }) {
                continue;
            }
            if seen_star {
                return Err(self.error("multiple starred expressions in sequence pattern"));
            }
            if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                return Err(self.error("too many expressions in star-unpacking sequence pattern"));
            }
            self.addop_i(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32);
            seen_star = true;
        }
        if !seen_star {
            self.addop_i(Opcode::UnpackSequence, n as u32);
        }
        Ok(())
    }

    /// `compiler_pattern_subpattern`: a sub-pattern may be irrefutable.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = saved;
        Ok(())
    }

    /// `compiler_pattern`.
    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        crate::optimize::grow(|| {
            self.set_loc(p.range);
            match &p.kind {
                PatternKind::MatchValue { value } => {
                    if !matches!(value.kind, ExprKind::Constant { .. } | ExprKind::Attribute { .. }) {
                        return Err(self.error("patterns may only match literals and attribute lookups"));
                    }
                    self.visit_expr(value)?;
                    self.addop_i(Opcode::CompareOp, 2);
                    self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                    Ok(())
                }
                PatternKind::MatchSingleton { value } => {
                    self.load_const(value.clone());
                    self.addop_i(Opcode::IsOp, 0);
                    self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
                    Ok(())
                }
                PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc),
                PatternKind::MatchMapping { keys, patterns, rest } => {
                    self.pattern_mapping(keys, patterns, rest.as_ref(), pc)
                }
                PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                    self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)
                }
                PatternKind::MatchStar { name } => self.store_name(name.as_ref(), pc),
                PatternKind::MatchAs { pattern, name } => self.pattern_as(pattern.as_deref(), name.as_ref(), pc),
                PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc),
            }
        })
    }

    /// `compiler_pattern_as`.
    fn pattern_as(&mut self, pattern: Option<&'a Pattern>, name: Option<&Ident>, pc: &mut PatternContext) -> CResult {
        let Some(pattern) = pattern else {
            // An irrefutable match.
            if !pc.allow_irrefutable {
                return Err(match name {
                    Some(n) => self.error(format!("name capture {} makes remaining patterns unreachable", str_repr(n))),
                    None => self.error("wildcard makes remaining patterns unreachable"),
                });
            }
            return self.store_name(name, pc);
        };
        // Keep a copy to capture if the sub-pattern matches.
        pc.on_top += 1;
        self.addop_i(Opcode::Copy, 1);
        self.pattern(pattern, pc)?;
        pc.on_top -= 1;
        self.store_name(name, pc)
    }

    /// `compiler_pattern_sequence`.
    fn pattern_sequence(&mut self, patterns: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_wildcard_star(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        // Keep the subject on top for the checks.
        pc.on_top += 1;
        self.addop(Opcode::MatchSequence);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        match star {
            None => {
                self.addop(Opcode::GetLen);
                self.load_const(int_const(size.into()));
                self.addop_i(Opcode::CompareOp, 2);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.addop(Opcode::GetLen);
                self.load_const(int_const((size - 1).into()));
                self.addop_i(Opcode::CompareOp, 5);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.addop(Opcode::PopTop);
            Ok(())
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(0), pc)
        } else {
            self.sequence_unpack(patterns, pc)
        }
    }

    /// `pattern_helper_sequence_unpack`.
    fn sequence_unpack(&mut self, patterns: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        self.pattern_unpack(patterns)?;
        pc.on_top += patterns.len() as isize;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_subscr`: `[a, *_, b]` by indexing.
    fn sequence_subscr(&mut self, patterns: &'a [Pattern], star: usize, pc: &mut PatternContext) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.addop_i(Opcode::Copy, 1);
            if i < star {
                self.load_const(int_const(i.into()));
            } else {
                // The subject may not support negative indexes.
                self.addop(Opcode::GetLen);
                self.load_const(int_const((size - i).into()));
                self.addop_binary(Operator::Sub, false);
            }
            self.addop(Opcode::BinarySubscr);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.addop(Opcode::PopTop);
        Ok(())
    }

    /// `compiler_pattern_class`.
    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [Ident],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let (nargs, nattrs) = (patterns.len(), kwd_attrs.len());
        if nattrs != kwd_patterns.len() {
            return Err(self.error(format!(
                "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                kwd_patterns.len()
            )));
        }
        if nattrs > 0 {
            for (i, attr) in kwd_attrs.iter().enumerate() {
                self.set_loc(kwd_patterns[i].range);
                self.check_forbidden(attr, ExprContext::Store)?;
                for (j, other) in kwd_attrs.iter().enumerate().skip(i + 1) {
                    if other == attr {
                        self.set_loc(kwd_patterns[j].range);
                        return Err(self.error(format!("attribute name repeated in class pattern: {attr}")));
                    }
                }
            }
            self.set_loc(p.range);
        }
        self.visit_expr(cls)?;
        let names = kwd_attrs.iter().map(|a| Constant::Str(taipan_syntax::literal::StrLit::from_text(a))).collect();
        self.load_const(Constant::Tuple(names));
        self.addop_i(Opcode::MatchClass, nargs as u32);
        self.addop_i(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.addop_i(Opcode::IsOp, 1);
        // TOS is now a tuple of the (nargs + nattrs) attributes, or None.
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.addop_i(Opcode::UnpackSequence, (nargs + nattrs) as u32);
        pc.on_top += (nargs + nattrs) as isize - 1;
        for sub in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(sub) {
                self.addop(Opcode::PopTop);
                continue;
            }
            self.subpattern(sub, pc)?;
        }
        Ok(())
    }

    /// `compiler_pattern_mapping`.
    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a Ident>,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(
                self.error(format!("keys ({size}) / patterns ({}) length mismatch in mapping pattern", patterns.len()))
            );
        }
        // The subject stays on top for the type and length checks.
        pc.on_top += 1;
        self.addop(Opcode::MatchMapping);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            // `{}`: done, pop the subject.
            pc.on_top -= 1;
            self.addop(Opcode::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.addop(Opcode::GetLen);
            self.load_const(int_const(size.into()));
            self.addop_i(Opcode::CompareOp, 5);
            self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        }
        // The keys (literals or attribute lookups) go into a tuple for
        // MATCH_KEYS; literal keys must be distinct.
        let mut seen = ConstSet::with_capacity(keys.len());
        let mut seen_items: Vec<Constant> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    if !seen.insert(value, &seen_items) {
                        return Err(self.error(format!("mapping pattern checks duplicate key ({})", repr(value))));
                    }
                    seen_items.push(value.clone());
                }
                ExprKind::Attribute { .. } => {}
                _ => return Err(self.error("mapping pattern keys may only match literals and attribute lookups")),
            }
            self.visit_expr(key)?;
        }
        self.addop_i(Opcode::BuildTuple, size as u32);
        self.addop(Opcode::MatchKeys);
        // A tuple of keys and a tuple of values are now on the subject.
        pc.on_top += 2;
        self.addop_i(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.addop_i(Opcode::IsOp, 1);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.addop_i(Opcode::UnpackSequence, size as u32);
        pc.on_top += size as isize - 1;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        // It matched: what follows consumes the keys and the subject.
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                // rest = dict(subject); del rest[key] for each key.
                self.addop_i(Opcode::BuildMap, 0);
                self.addop_i(Opcode::Swap, 3);
                self.addop_i(Opcode::DictUpdate, 2);
                self.addop_i(Opcode::UnpackSequence, size as u32);
                let mut n = size;
                while n > 0 {
                    self.addop_i(Opcode::Copy, 1 + n as u32);
                    n -= 1;
                    self.addop_i(Opcode::Swap, 2);
                    self.addop(Opcode::DeleteSubscr);
                }
                self.store_name(Some(name), pc)
            }
            None => {
                self.addop(Opcode::PopTop);
                self.addop(Opcode::PopTop);
                Ok(())
            }
        }
    }

    /// `compiler_pattern_or`: each alternative works on a copy of the
    /// subject; the captures of every alternative are reordered like the
    /// first one's, then rotated into place together.
    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let end = self.new_block();
        let size = alts.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<Ident>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.range);
            pc.stores = Vec::new();
            // An irrefutable alternative must be last, if allowed at all.
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.addop_i(Opcode::Copy, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctrl) if ctrl.len() != nstores => {
                    return Err(self.error("alternative patterns bind different names"));
                }
                Some(ctrl) => {
                    let ctrl = ctrl.clone();
                    for icontrol in (0..nstores).rev() {
                        let name = &ctrl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error("alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            // Reorder the captures (on the stack and in
                            // `stores`) to match the first alternative.
                            let rotations = istores + 1;
                            let rotated: Vec<Ident> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.addop_j(Op::Jump, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        // No alternative matched: pop the copy of the subject and fail.
        self.addop(Opcode::PopTop);
        self.jump_to_fail_pop(pc, Op::Jump);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        // Between the new captures and their place are the older captures,
        // the copy of the subject and whatever is on top.
        let nrots = (nstores as isize + 1 + pc.on_top + pc.stores.len() as isize).max(0) as usize;
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(format!("multiple assignments to name {} in pattern", str_repr(&name))));
            }
            pc.stores.push(name);
        }
        // Pop the copy of the subject.
        self.addop(Opcode::PopTop);
        Ok(())
    }
}
