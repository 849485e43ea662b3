//! Expressions (compile.c's `compiler_visit_expr` family): operators,
//! comparisons and conditional jumps, displays with star-unpacking, calls
//! (PRECALL/CALL, KW_NAMES, CALL_FUNCTION_EX, LOAD_METHOD), f-strings,
//! subscripts and attributes, `yield` and `await`.

use taipan_syntax::ast::{BoolOperator, CmpOp, ExprContext, Operator, UnaryOperator};
use taipan_syntax::literal::StrLit;

use super::{CResult, Compiler, ScopeType, STACK_USE_GUIDELINE};
use crate::code::Constant;
use crate::constant::make_frozenset;
use crate::error::CompileError;
use crate::flowgraph::{BlockId, Op};
use crate::opcode::Opcode;
use crate::symtable::{BlockType, DEF_IMPORT};
use crate::tree::*;

/// How a display is built: BUILD_LIST/LIST_APPEND/LIST_EXTEND for lists
/// and tuples, the SET ones for sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collection {
    List,
    Tuple,
    Set,
}

fn str_const(s: &str) -> Constant {
    Constant::Str(StrLit::from_text(s))
}

/// `BINARY_OP`'s argument for an operator (`NB_*`).
pub fn binary_oparg(op: Operator, inplace: bool) -> u32 {
    let base = match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    };
    if inplace {
        base + 13
    } else {
        base
    }
}

/// The type a literal node evaluates to (`infer_type`), for the warnings.
fn infer_type(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
        ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
        ExprKind::GeneratorExp { .. } => "generator",
        ExprKind::Lambda { .. } => "function",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
        ExprKind::Constant { value, .. } => constant_type(value),
        _ => return None,
    })
}

fn constant_type(c: &Constant) -> &'static str {
    match c {
        Constant::None => "NoneType",
        Constant::Ellipsis => "ellipsis",
        Constant::Bool(_) => "bool",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str(_) => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
        Constant::Code(_) => "code",
    }
}

/// `check_is_arg`: not a literal, or a named singleton.
fn is_singleton_or_not_literal(e: &Expr) -> bool {
    match e.as_constant() {
        None => true,
        Some(c) => matches!(c, Constant::None | Constant::Bool(_) | Constant::Ellipsis),
    }
}

impl<'a> Compiler<'a> {
    /// `compiler_visit_expr`: an expression with its own location; the
    /// enclosing location is restored afterwards.
    pub fn visit_expr(&mut self, e: &'a Expr) -> CResult {
        crate::optimize::grow(|| {
            let saved = self.u.loc;
            self.set_loc(e.range);
            let r = self.visit_expr_inner(e);
            self.u.loc = saved;
            r
        })
    }

    fn visit_expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.addop_i(Opcode::Copy, 1);
                self.visit_expr(target)
            }
            ExprKind::BoolOp { op, values } => self.boolop(*op, values),
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.addop_binary(*op, false);
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.addop(match op {
                    UnaryOperator::Invert => Opcode::UnaryInvert,
                    UnaryOperator::Not => Opcode::UnaryNot,
                    UnaryOperator::UAdd => Opcode::UnaryPositive,
                    UnaryOperator::USub => Opcode::UnaryNegative,
                });
                Ok(())
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.addop_j_noline(Op::Jump, end);
                self.use_next_block(next);
                self.visit_expr(orelse)?;
                self.use_next_block(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values),
            ExprKind::Set { elts } => self.starunpack(elts, 0, Collection::Set),
            ExprKind::GeneratorExp { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. } => self.comprehension(e),
            ExprKind::Yield { value } => {
                if self.ste().kind != BlockType::Function {
                    return Err(self.error("'yield' outside function"));
                }
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.addop_yield();
                Ok(())
            }
            ExprKind::YieldFrom { value } => {
                if self.ste().kind != BlockType::Function {
                    return Err(self.error("'yield' outside function"));
                }
                if self.u.scope_type == ScopeType::AsyncFunction {
                    return Err(self.error("'yield from' inside async function"));
                }
                self.visit_expr(value)?;
                self.addop(Opcode::GetYieldFromIter);
                self.load_const(Constant::None);
                self.add_yield_from(false);
                Ok(())
            }
            ExprKind::Await { value } => {
                if !self.is_top_level_await() {
                    if self.ste().kind != BlockType::Function {
                        return Err(self.error("'await' outside function"));
                    }
                    if !matches!(self.u.scope_type, ScopeType::AsyncFunction | ScopeType::Comprehension) {
                        return Err(self.error("'await' outside async function"));
                    }
                }
                self.visit_expr(value)?;
                self.addop_i(Opcode::GetAwaitable, 0);
                self.load_const(Constant::None);
                self.add_yield_from(true);
                Ok(())
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(e, left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords),
            ExprKind::Constant { value, .. } => {
                self.load_const(value.clone());
                Ok(())
            }
            ExprKind::JoinedStr { values } => self.joined_str(values),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.formatted_value(value, *conversion, format_spec.as_deref())
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.update_start_location_to_match_attr(e);
                match ctx {
                    ExprContext::Load => self.addop_name(Opcode::LoadAttr, attr),
                    ExprContext::Store => {
                        self.check_forbidden(attr, *ctx)?;
                        self.addop_name(Opcode::StoreAttr, attr);
                    }
                    ExprContext::Del => self.addop_name(Opcode::DeleteAttr, attr),
                }
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => self.subscript(value, slice, *ctx),
            ExprKind::Starred { ctx, .. } => match ctx {
                ExprContext::Store => Err(self.error("starred assignment target must be in a list or tuple")),
                _ => Err(self.error("can't use starred expression here")),
            },
            ExprKind::Slice { lower, upper, step } => self.slice(lower.as_deref(), upper.as_deref(), step.as_deref()),
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx),
            ExprKind::List { elts, ctx } => self.list_or_tuple(elts, *ctx, Collection::List),
            ExprKind::Tuple { elts, ctx } => self.list_or_tuple(elts, *ctx, Collection::Tuple),
        }
    }

    pub fn addop_binary(&mut self, op: Operator, inplace: bool) {
        self.addop_i(Opcode::BinaryOp, binary_oparg(op, inplace));
    }

    /// `addop_yield`.
    pub fn addop_yield(&mut self) {
        if self.ste().generator && self.is_coroutine() {
            self.addop(Opcode::AsyncGenWrap);
        }
        self.addop(Opcode::YieldValue);
        self.addop_i(Opcode::Resume, 1);
    }

    /// `compiler_boolop`: `a and b` with JUMP_IF_FALSE_OR_POP.
    fn boolop(&mut self, op: BoolOperator, values: &'a [Expr]) -> CResult {
        let jump = Op::Real(if op == BoolOperator::And { Opcode::JumpIfFalseOrPop } else { Opcode::JumpIfTrueOrPop });
        let end = self.new_block();
        let Some((last, rest)) = values.split_last() else { return Ok(()) };
        for v in rest {
            self.visit_expr(v)?;
            self.addop_j(jump, end);
            let next = self.new_block();
            self.use_next_block(next);
        }
        self.visit_expr(last)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_addcompare`.
    fn addcompare(&mut self, op: CmpOp) {
        let (opcode, arg) = match op {
            CmpOp::Lt => (Opcode::CompareOp, 0),
            CmpOp::LtE => (Opcode::CompareOp, 1),
            CmpOp::Eq => (Opcode::CompareOp, 2),
            CmpOp::NotEq => (Opcode::CompareOp, 3),
            CmpOp::Gt => (Opcode::CompareOp, 4),
            CmpOp::GtE => (Opcode::CompareOp, 5),
            CmpOp::Is => (Opcode::IsOp, 0),
            CmpOp::IsNot => (Opcode::IsOp, 1),
            CmpOp::In => (Opcode::ContainsOp, 0),
            CmpOp::NotIn => (Opcode::ContainsOp, 1),
        };
        self.addop_i(opcode, arg);
    }

    /// `check_compare`: `x is 1` gets a SyntaxWarning (the first one only).
    fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) {
        let mut left_ok = is_singleton_or_not_literal(left);
        for (op, right) in ops.iter().zip(comparators) {
            let right_ok = is_singleton_or_not_literal(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!right_ok || !left_ok) {
                let msg = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.warn(msg);
                return;
            }
            left_ok = right_ok;
        }
    }

    /// `compiler_compare`: a chain keeps each middle operand for the next
    /// comparison and bails out on the first false one.
    fn compare(&mut self, _e: &'a Expr, left: &'a Expr, ops: &'a [CmpOp], comparators: &'a [Expr]) -> CResult {
        if ops.is_empty() || ops.len() != comparators.len() {
            return Err(crate::error::internal("malformed comparison"));
        }
        self.check_compare(left, ops, comparators);
        self.visit_expr(left)?;
        let n = ops.len() - 1;
        if n == 0 {
            self.visit_expr(&comparators[0])?;
            self.addcompare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.addop_i(Opcode::Swap, 2);
            self.addop_i(Opcode::Copy, 2);
            self.addcompare(ops[i]);
            self.addop_j(Op::Real(Opcode::JumpIfFalseOrPop), cleanup);
        }
        self.visit_expr(&comparators[n])?;
        self.addcompare(ops[n]);
        let end = self.new_block();
        self.addop_j_noline(Op::Jump, end);
        self.use_next_block(cleanup);
        self.addop_i(Opcode::Swap, 2);
        self.addop(Opcode::PopTop);
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_jump_if`: evaluate `e` for its truth and jump to `next`
    /// if it is `cond`, without materializing booleans where possible.
    pub fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        crate::optimize::grow(|| self.jump_if_inner(e, next, cond))
    }

    fn jump_if_inner(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOperator::Not, operand } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOperator::Or;
                let next2 = if cond2 != cond { self.new_block() } else { next };
                let Some((last, rest)) = values.split_last() else { return Ok(()) };
                for v in rest {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(last, next, cond)?;
                if next2 != next {
                    self.use_next_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.addop_j_noline(Op::Jump, end);
                self.use_next_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_next_block(end);
                return Ok(());
            }
            ExprKind::Compare { .. } => {
                // The location is left set to the comparison (even for the
                // general case below: later jumps inherit it).
                self.set_loc(e.range);
            }
            _ => {}
        }
        if let ExprKind::Compare { left, ops, comparators } = &e.kind {
            if ops.len() > 1 && ops.len() == comparators.len() {
                self.check_compare(left, ops, comparators);
                let cleanup = self.new_block();
                self.visit_expr(left)?;
                let n = ops.len() - 1;
                for i in 0..n {
                    self.visit_expr(&comparators[i])?;
                    self.addop_i(Opcode::Swap, 2);
                    self.addop_i(Opcode::Copy, 2);
                    self.addcompare(ops[i]);
                    self.addop_j(Op::PopJumpIfFalse, cleanup);
                }
                self.visit_expr(&comparators[n])?;
                self.addcompare(ops[n]);
                self.addop_j(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, next);
                let end = self.new_block();
                self.addop_j_noline(Op::Jump, end);
                self.use_next_block(cleanup);
                self.addop(Opcode::PopTop);
                if !cond {
                    self.addop_j_noline(Op::Jump, next);
                }
                self.use_next_block(end);
                return Ok(());
            }
        }
        self.visit_expr(e)?;
        self.addop_j(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, next);
        Ok(())
    }

    /// `starunpack_helper`: build a list, tuple or set from elements that
    /// may be starred, with `pushed` items already on the stack.
    fn starunpack(&mut self, elts: &'a [Expr], pushed: u32, kind: Collection) -> CResult {
        let (build, add, extend) = match kind {
            Collection::Set => (Opcode::BuildSet, Opcode::SetAdd, Opcode::SetUpdate),
            _ => (Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend),
        };
        let tuple = kind == Collection::Tuple;
        let n = elts.len();
        if n > 2 && elts.iter().all(Expr::is_constant) {
            let items: Vec<Constant> = elts.iter().filter_map(|e| e.as_constant().cloned()).collect();
            if tuple && pushed == 0 {
                self.load_const(Constant::Tuple(items));
            } else {
                let folded = if kind == Collection::Set { make_frozenset(items) } else { Constant::Tuple(items) };
                self.addop_i(build, pushed);
                self.load_const(folded);
                self.addop_i(extend, 1);
                if tuple {
                    self.addop(Opcode::ListToTuple);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(Expr::is_starred);
        if !seen_star && !big {
            for e in elts {
                self.visit_expr(e)?;
            }
            let op = if tuple { Opcode::BuildTuple } else { build };
            self.addop_i(op, n as u32 + pushed);
            return Ok(());
        }
        let mut sequence_built = false;
        if big {
            self.addop_i(build, pushed);
            sequence_built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &e.kind {
                if !sequence_built {
                    self.addop_i(build, i as u32 + pushed);
                    sequence_built = true;
                }
                self.visit_expr(value)?;
                self.addop_i(extend, 1);
            } else {
                self.visit_expr(e)?;
                if sequence_built {
                    self.addop_i(add, 1);
                }
            }
        }
        if tuple {
            self.addop(Opcode::ListToTuple);
        }
        Ok(())
    }

    /// `unpack_helper`: UNPACK_SEQUENCE, or UNPACK_EX around one star.
    fn unpack(&mut self, elts: &'a [Expr]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if !e.is_starred() {
                continue;
            }
            if seen_star {
                return Err(self.error("multiple starred expressions in assignment"));
            }
            if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                return Err(self.error("too many expressions in star-unpacking assignment"));
            }
            self.addop_i(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32);
            seen_star = true;
        }
        if !seen_star {
            self.addop_i(Opcode::UnpackSequence, n as u32);
        }
        Ok(())
    }

    /// `compiler_list` and `compiler_tuple`.
    fn list_or_tuple(&mut self, elts: &'a [Expr], ctx: ExprContext, kind: Collection) -> CResult {
        match ctx {
            ExprContext::Store => {
                self.unpack(elts)?;
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                        _ => self.visit_expr(e)?,
                    }
                }
                Ok(())
            }
            ExprContext::Load => self.starunpack(elts, 0, kind),
            ExprContext::Del => {
                for e in elts {
                    self.visit_expr(e)?;
                }
                Ok(())
            }
        }
    }

    /// `compiler_subdict`: `{k: v, ...}` for keys `begin..end`.
    fn subdict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], begin: usize, end: usize) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let all_const = keys[begin..end].iter().all(|k| k.as_ref().is_some_and(Expr::is_constant));
        if n > 1 && !big && all_const {
            for v in &values[begin..end] {
                self.visit_expr(v)?;
            }
            let tuple: Vec<Constant> =
                keys[begin..end].iter().filter_map(|k| k.as_ref().and_then(|k| k.as_constant().cloned())).collect();
            self.load_const(Constant::Tuple(tuple));
            self.addop_i(Opcode::BuildConstKeyMap, n as u32);
            return Ok(());
        }
        if big {
            self.addop_i(Opcode::BuildMap, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&values[i])?;
            if big {
                self.addop_i(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.addop_i(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    /// `compiler_dict`.
    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                // `**mapping`
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.addop_i(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.addop_i(Opcode::BuildMap, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.addop_i(Opcode::DictUpdate, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.addop_i(Opcode::DictUpdate, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.addop_i(Opcode::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.addop_i(Opcode::BuildMap, 0);
        }
        Ok(())
    }

    /// `update_start_location_to_match_attr`: a multi-line attribute access
    /// is located at the attribute name.
    pub fn update_start_location_to_match_attr(&mut self, attr: &Expr) {
        let ExprKind::Attribute { attr: name, .. } = &attr.kind else { return };
        let end_lineno = if attr.range.end_lineno == NO_POS { -1 } else { attr.range.end_lineno as i32 };
        let end_col = if attr.range.end_col_offset == NO_POS { -1 } else { attr.range.end_col_offset as i32 };
        let loc = &mut self.u.loc;
        if loc.lineno != end_lineno {
            loc.lineno = end_lineno;
            // The name's length in characters, as CPython measures it.
            let len = name.chars().count() as i32;
            if len <= end_col {
                loc.col = end_col - len;
            } else {
                loc.col = -1;
                loc.end_col = -1;
            }
            loc.end_lineno = loc.lineno.max(loc.end_lineno);
            if loc.lineno == loc.end_lineno {
                loc.end_col = loc.col.max(loc.end_col);
            }
        }
    }

    /// `is_import_originated`: is the name bound by an import at module level?
    fn is_import_originated(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name { id, .. } => self.st.top().symbol(id) & DEF_IMPORT != 0,
            _ => false,
        }
    }

    /// `maybe_optimize_method_call`: `obj.meth(args)` with LOAD_METHOD.
    fn method_call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<bool, CompileError> {
        let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &func.kind else { return Ok(false) };
        if self.is_import_originated(value) {
            return Ok(false);
        }
        let (argsl, kwdsl) = (args.len(), keywords.len());
        if argsl + kwdsl + (kwdsl != 0) as usize >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args.iter().any(Expr::is_starred) || keywords.iter().any(|k| k.arg.is_none()) {
            return Ok(false);
        }
        self.visit_expr(value)?;
        self.set_loc(func.range);
        self.update_start_location_to_match_attr(func);
        self.addop_name(Opcode::LoadMethod, attr);
        for a in args {
            self.visit_expr(a)?;
        }
        if kwdsl > 0 {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            self.kw_names(keywords);
        }
        self.set_loc(e.range);
        self.update_start_location_to_match_attr(func);
        self.addop_i(Opcode::Precall, (argsl + kwdsl) as u32);
        self.addop_i(Opcode::Call, (argsl + kwdsl) as u32);
        Ok(true)
    }

    /// `validate_keywords`: no `__debug__=`, no keyword given twice.
    fn validate_keywords(&mut self, keywords: &'a [Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            self.check_forbidden(name, ExprContext::Store)?;
            for other in &keywords[i + 1..] {
                if other.arg.as_ref() == Some(name) {
                    self.set_loc(other.range);
                    return Err(self.error(format!("keyword argument repeated: {name}")));
                }
            }
        }
        Ok(())
    }

    /// `check_caller`: calling a literal gets a SyntaxWarning.
    fn check_caller(&mut self, func: &Expr) {
        let literal = matches!(
            func.kind,
            ExprKind::Constant { .. }
                | ExprKind::Tuple { .. }
                | ExprKind::List { .. }
                | ExprKind::ListComp { .. }
                | ExprKind::Dict { .. }
                | ExprKind::DictComp { .. }
                | ExprKind::Set { .. }
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::JoinedStr { .. }
                | ExprKind::FormattedValue { .. }
        );
        if literal {
            let ty = infer_type(func).unwrap_or("object");
            self.warn(format!("'{ty}' object is not callable; perhaps you missed a comma?"));
        }
    }

    /// `compiler_call`.
    fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        self.validate_keywords(keywords)?;
        if self.method_call(e, func, args, keywords)? {
            return Ok(());
        }
        self.check_caller(func);
        self.set_loc(func.range);
        self.addop(Opcode::PushNull);
        self.set_loc(e.range);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    /// `compiler_call_simple_kw_helper`: KW_NAMES with the keyword names.
    fn kw_names(&mut self, keywords: &'a [Keyword]) {
        let names: Vec<Constant> =
            keywords.iter().map(|k| str_const(k.arg.as_ref().map_or("", |a| a.as_str()))).collect();
        let i = self.add_const(Constant::Tuple(names));
        self.addop_i(Opcode::KwNames, i);
    }

    /// `compiler_subkwargs`: a dict of keywords `begin..end`.
    fn subkwargs(&mut self, keywords: &'a [Keyword], begin: usize, end: usize) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &keywords[begin..end] {
                self.visit_expr(&k.value)?;
            }
            let names: Vec<Constant> =
                keywords[begin..end].iter().map(|k| str_const(k.arg.as_ref().map_or("", |a| a.as_str()))).collect();
            self.load_const(Constant::Tuple(names));
            self.addop_i(Opcode::BuildConstKeyMap, n as u32);
            return Ok(());
        }
        if big {
            self.addop_i_noline(Opcode::BuildMap, 0);
        }
        for k in &keywords[begin..end] {
            self.load_const(str_const(k.arg.as_ref().map_or("", |a| a.as_str())));
            self.visit_expr(&k.value)?;
            if big {
                self.addop_i_noline(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.addop_i(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    /// `ADDOP_I_NOLINE`.
    fn addop_i_noline(&mut self, op: Opcode, arg: u32) {
        self.push_instr(crate::flowgraph::Instr::new(Op::Real(op), arg, crate::flowgraph::Loc::NOLINE));
    }

    /// `compiler_call_helper`: the arguments and the call, with `n` items
    /// (the class body function and name, for classes) already pushed.
    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        self.validate_keywords(keywords)?;
        let (nelts, nkwelts) = (args.len(), keywords.len());
        let simple = nelts + nkwelts * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(Expr::is_starred)
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            for a in args {
                self.visit_expr(a)?;
            }
            if nkwelts > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            let total = n + (nelts + nkwelts) as u32;
            self.addop_i(Opcode::Precall, total);
            self.addop_i(Opcode::Call, total);
            return Ok(());
        }
        // CALL_FUNCTION_EX: positional arguments as one tuple...
        if n == 0 && nelts == 1 {
            if let ExprKind::Starred { value, .. } = &args[0].kind {
                self.visit_expr(value)?;
            } else {
                self.starunpack(args, n, Collection::Tuple)?;
            }
        } else {
            self.starunpack(args, n, Collection::Tuple)?;
        }
        // ...and keyword arguments as one dict.
        if nkwelts > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(keywords, i - nseen, i)?;
                        if have_dict {
                            self.addop_i(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.addop_i(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.addop_i(Opcode::DictMerge, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(keywords, nkwelts - nseen, nkwelts)?;
                if have_dict {
                    self.addop_i(Opcode::DictMerge, 1);
                }
            }
        }
        self.addop_i(Opcode::CallFunctionEx, (nkwelts > 0) as u32);
        Ok(())
    }

    /// `compiler_joined_str`.
    fn joined_str(&mut self, values: &'a [Expr]) -> CResult {
        if values.len() > STACK_USE_GUIDELINE {
            self.load_const(str_const(""));
            self.addop_name(Opcode::LoadMethod, "join");
            self.addop_i(Opcode::BuildList, 0);
            for v in values {
                self.visit_expr(v)?;
                self.addop_i(Opcode::ListAppend, 1);
            }
            self.addop_i(Opcode::Precall, 1);
            self.addop_i(Opcode::Call, 1);
        } else {
            for v in values {
                self.visit_expr(v)?;
            }
            if values.len() != 1 {
                self.addop_i(Opcode::BuildString, values.len() as u32);
            }
        }
        Ok(())
    }

    /// `compiler_formatted_value`: FORMAT_VALUE's argument packs the
    /// conversion (`!s`, `!r`, `!a`) and whether a format spec is pushed.
    fn formatted_value(&mut self, value: &'a Expr, conversion: i32, spec: Option<&'a Expr>) -> CResult {
        self.visit_expr(value)?;
        let mut oparg = match u8::try_from(conversion).map(char::from) {
            Ok('s') => 1,
            Ok('r') => 2,
            Ok('a') => 3,
            _ if conversion == -1 => 0,
            _ => return Err(crate::error::internal(format!("Unrecognized conversion character {conversion}"))),
        };
        if let Some(s) = spec {
            self.visit_expr(s)?;
            oparg |= 4;
        }
        self.addop_i(Opcode::FormatValue, oparg);
        Ok(())
    }

    /// `check_subscripter`: subscripting a literal that cannot be.
    fn check_subscripter(&mut self, value: &Expr) {
        let warn = match &value.kind {
            ExprKind::Constant { value: c, .. } => matches!(
                c,
                Constant::None
                    | Constant::Ellipsis
                    | Constant::Bool(_)
                    | Constant::Int(_)
                    | Constant::Float(_)
                    | Constant::Complex { .. }
                    | Constant::FrozenSet(_)
            ),
            ExprKind::Set { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Lambda { .. } => true,
            _ => false,
        };
        if warn {
            let ty = infer_type(value).unwrap_or("object");
            self.warn(format!("'{ty}' object is not subscriptable; perhaps you missed a comma?"));
        }
    }

    /// `check_index`: indexing a sequence literal with a non-integer literal.
    fn check_index(&mut self, value: &Expr, slice: &Expr) {
        let Some(index_type) = infer_type(slice) else { return };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let warn = match &value.kind {
            ExprKind::Constant { value: c, .. } => {
                matches!(c, Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_))
            }
            ExprKind::Tuple { .. }
            | ExprKind::List { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::JoinedStr { .. }
            | ExprKind::FormattedValue { .. } => true,
            _ => false,
        };
        if warn {
            let ty = infer_type(value).unwrap_or("object");
            self.warn(format!(
                "{ty} indices must be integers or slices, not {index_type}; perhaps you missed a comma?"
            ));
        }
    }

    /// `compiler_subscript`.
    fn subscript(&mut self, value: &'a Expr, slice: &'a Expr, ctx: ExprContext) -> CResult {
        if ctx == ExprContext::Load {
            self.check_subscripter(value);
            self.check_index(value, slice);
        }
        let op = match ctx {
            ExprContext::Load => Opcode::BinarySubscr,
            ExprContext::Store => Opcode::StoreSubscr,
            ExprContext::Del => Opcode::DeleteSubscr,
        };
        self.visit_expr(value)?;
        self.visit_expr(slice)?;
        self.addop(op);
        Ok(())
    }

    /// `compiler_slice`: BUILD_SLICE with 2 or 3 parts.
    fn slice(&mut self, lower: Option<&'a Expr>, upper: Option<&'a Expr>, step: Option<&'a Expr>) -> CResult {
        let mut n = 2;
        for part in [lower, upper] {
            match part {
                Some(p) => self.visit_expr(p)?,
                None => self.load_const(Constant::None),
            }
        }
        if let Some(s) = step {
            n += 1;
            self.visit_expr(s)?;
        }
        self.addop_i(Opcode::BuildSlice, n);
        Ok(())
    }
}
