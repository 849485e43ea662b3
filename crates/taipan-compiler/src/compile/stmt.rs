//! Statements: assignments, control flow, loops, exception handling
//! (3.11's zero-cost `try` with handler pseudo-instructions), `with`,
//! imports and `assert` (compile.c's `compiler_visit_stmt` family).

use taipan_syntax::ast::{ExprContext, Ident};

use super::{CResult, Compiler, FBlock, FBlockKind, ScopeType};
use crate::code::Constant;
use crate::flowgraph::Op;
use crate::opcode::Opcode;
use crate::tree::*;

impl<'a> Compiler<'a> {
    /// `compiler_visit_stmt`.
    pub fn visit_stmt(&mut self, s: &'a Stmt) -> CResult {
        crate::optimize::grow(|| self.visit_stmt_inner(s))
    }

    fn visit_stmt_inner(&mut self, s: &'a Stmt) -> CResult {
        // Every statement starts with its own location.
        self.set_loc(s.range);
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(s, f),
            StmtKind::ClassDef(c) => self.class_def(s, c),
            StmtKind::Return { value } => self.return_stmt(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.visit_expr(value)?;
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i < n - 1 {
                        self.addop_i(Opcode::Copy, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.ann_assign(target, annotation, value.as_deref(), *simple)
            }
            StmtKind::For(f) if f.is_async => self.async_for(f),
            StmtKind::For(f) => self.for_stmt(f),
            StmtKind::While { test, body, orelse } => self.while_stmt(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => self.if_stmt(test, body, orelse),
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.addop_i(Opcode::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try(t) => {
                if !t.finalbody.is_empty() {
                    self.try_finally(t)
                } else if t.is_star {
                    self.try_star_except(t)
                } else {
                    self.try_except(t)
                }
            }
            StmtKind::Assert { test, msg } => self.assert_stmt(test, msg.as_deref()),
            StmtKind::Import { names } => self.import(names),
            StmtKind::ImportFrom { module, names, level } => self.import_from(s, module.as_ref(), names, *level),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => self.stmt_expr(value),
            StmtKind::Pass => {
                self.addop(Opcode::Nop);
                Ok(())
            }
            StmtKind::Break => self.break_stmt(),
            StmtKind::Continue => self.continue_stmt(),
            StmtKind::With { items, body, is_async: false } => self.with_stmt(s, items, body, 0),
            StmtKind::With { items, body, is_async: true } => self.async_with(s, items, body, 0),
        }
    }

    /// `compiler_visit_stmt_expr`.
    fn stmt_expr(&mut self, value: &'a Expr) -> CResult {
        if self.interactive && self.nestlevel <= 1 {
            self.visit_expr(value)?;
            self.addop(Opcode::PrintExpr);
            return Ok(());
        }
        if value.is_constant() {
            // A constant statement does nothing, but keeps its line.
            self.addop(Opcode::Nop);
            return Ok(());
        }
        self.visit_expr(value)?;
        // The POP_TOP is artificial.
        self.unset_loc();
        self.addop(Opcode::PopTop);
        Ok(())
    }

    /// `compiler_if`.
    fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let end = self.new_block();
        let next = if orelse.is_empty() { end } else { self.new_block() };
        self.jump_if(test, next, false)?;
        self.visit_stmts(body)?;
        if !orelse.is_empty() {
            self.addop_j_noline(Op::Jump, end);
            self.use_next_block(next);
            self.visit_stmts(orelse)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_for`.
    fn for_stmt(&mut self, f: &'a For) -> CResult {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlock::new(FBlockKind::ForLoop, Some(start), Some(end)))?;
        self.visit_expr(&f.iter)?;
        self.addop(Opcode::GetIter);
        self.use_next_block(start);
        self.addop_j(Op::Real(Opcode::ForIter), cleanup);
        self.use_next_block(body);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        // The jump back is artificial.
        self.unset_loc();
        self.addop_j(Op::Jump, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_async_for`.
    fn async_for(&mut self, f: &'a For) -> CResult {
        if self.is_top_level_await() {
            self.mark_coroutine();
        } else if self.u.scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async for' outside async function"));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(&f.iter)?;
        self.addop(Opcode::GetAiter);
        self.use_next_block(start);
        self.push_fblock(FBlock::new(FBlockKind::ForLoop, Some(start), Some(end)))?;
        // SETUP_FINALLY guards the __anext__ call.
        self.addop_j(Op::SetupFinally, except);
        self.addop(Opcode::GetAnext);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.addop_pseudo(Op::PopBlock);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.unset_loc();
        self.addop_j(Op::Jump, start);
        self.pop_fblock();
        self.use_next_block(except);
        // END_ASYNC_FOR belongs to the iterator's line, not the body's.
        self.set_loc(f.iter.range);
        self.addop(Opcode::EndAsyncFor);
        self.visit_stmts(&f.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_while`: the test is compiled twice, before the loop and at
    /// its bottom, so that the loop jumps backward once per iteration.
    fn while_stmt(&mut self, s: &'a Stmt, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let loop_ = self.new_block();
        let body_block = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(loop_);
        self.push_fblock(FBlock::new(FBlockKind::WhileLoop, Some(loop_), Some(end)))?;
        self.jump_if(test, anchor, false)?;
        self.use_next_block(body_block);
        self.visit_stmts(body)?;
        self.set_loc(s.range);
        self.jump_if(test, body_block, true)?;
        self.pop_fblock();
        self.use_next_block(anchor);
        self.visit_stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_return`.
    fn return_stmt(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        let preserve_tos = value.is_some_and(|v| !v.is_constant());
        let ste = self.ste();
        if ste.kind != crate::symtable::BlockType::Function {
            return Err(self.error("'return' outside function"));
        }
        if value.is_some() && ste.coroutine && ste.generator {
            return Err(self.error("'return' with value in async generator"));
        }
        match value {
            Some(v) if preserve_tos => self.visit_expr(v)?,
            Some(v) => {
                // Emit an instruction with the line of the returned constant.
                self.set_loc(v.range);
                self.addop(Opcode::Nop);
            }
            None => {}
        }
        if value.is_none_or(|v| v.range.lineno != s.range.lineno) {
            self.set_loc(s.range);
            self.addop(Opcode::Nop);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.load_const(Constant::None),
            Some(v) if !preserve_tos => {
                let c = v.as_constant().cloned().unwrap_or(Constant::None);
                self.load_const(c);
            }
            _ => {}
        }
        self.addop(Opcode::ReturnValue);
        Ok(())
    }

    /// `compiler_break`.
    fn break_stmt(&mut self) -> CResult {
        let saved = self.u.loc;
        self.addop(Opcode::Nop);
        let Some(loop_) = self.unwind_fblock_stack(false, true)? else {
            self.u.loc = saved;
            return Err(self.error("'break' outside loop"));
        };
        self.unwind_fblock(&loop_, false)?;
        self.addop_j(Op::Jump, loop_.exit.unwrap_or(0));
        Ok(())
    }

    /// `compiler_continue`.
    fn continue_stmt(&mut self) -> CResult {
        let saved = self.u.loc;
        self.addop(Opcode::Nop);
        let Some(loop_) = self.unwind_fblock_stack(false, true)? else {
            self.u.loc = saved;
            return Err(self.error("'continue' not properly in loop"));
        };
        self.addop_j(Op::Jump, loop_.block.unwrap_or(0));
        Ok(())
    }

    /// `compiler_try_finally` (and `compiler_try_star_finally`): the finally
    /// body is emitted twice, for the normal exit and for the handler.
    fn try_finally(&mut self, t: &'a Try) -> CResult {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        // `try` block
        self.addop_j(Op::SetupFinally, end);
        self.use_next_block(body);
        let mut fb = FBlock::new(FBlockKind::FinallyTry, Some(body), Some(end));
        fb.body = Some(&t.finalbody);
        self.push_fblock(fb)?;
        if !t.handlers.is_empty() {
            if t.is_star {
                self.try_star_except(t)?;
            } else {
                self.try_except(t)?;
            }
        } else {
            self.visit_stmts(&t.body)?;
        }
        self.addop_noline(Op::PopBlock);
        self.pop_fblock();
        self.visit_stmts(&t.finalbody)?;
        self.addop_j_noline(Op::Jump, exit);
        // `finally` block
        self.use_next_block(end);
        self.unset_loc();
        self.addop_j(Op::SetupCleanup, cleanup);
        self.addop(Opcode::PushExcInfo);
        self.push_fblock(FBlock::new(FBlockKind::FinallyEnd, Some(end), None))?;
        self.visit_stmts(&t.finalbody)?;
        self.pop_fblock();
        self.addop_i(Opcode::Reraise, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    /// `compiler_try_except`.
    fn try_except(&mut self, t: &'a Try) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.addop_j(Op::SetupFinally, except);
        self.use_next_block(body);
        self.push_fblock(FBlock::new(FBlockKind::TryExcept, Some(body), None))?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.addop_noline(Op::PopBlock);
        self.visit_stmts(&t.orelse)?;
        self.addop_j_noline(Op::Jump, end);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.addop_j(Op::SetupCleanup, cleanup);
        self.addop(Opcode::PushExcInfo);
        // The runtime pushes a block here: account for it.
        self.push_fblock(FBlock::new(FBlockKind::ExceptionHandler, None, None))?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            if handler.type_.is_none() && i < n - 1 {
                return Err(self.error("default 'except:' must be last"));
            }
            except = self.new_block();
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.addop(Opcode::CheckExcMatch);
                self.addop_j(Op::PopJumpIfFalse, except);
            }
            match &handler.name {
                Some(name) => self.named_handler_body(handler, name, end)?,
                None => {
                    let cleanup_body = self.new_block();
                    self.addop(Opcode::PopTop);
                    self.use_next_block(cleanup_body);
                    self.push_fblock(FBlock::new(FBlockKind::HandlerCleanup, Some(cleanup_body), None))?;
                    self.visit_stmts(&handler.body)?;
                    self.pop_fblock();
                    self.unset_loc();
                    self.addop_pseudo(Op::PopBlock);
                    self.addop(Opcode::PopExcept);
                    self.addop_j(Op::Jump, end);
                }
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.addop_i(Opcode::Reraise, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    /// The body of `except E as name:`, which is wrapped in a `try/finally`
    /// that unbinds the name.
    fn named_handler_body(&mut self, handler: &'a ExceptHandler, name: &'a Ident, end: usize) -> CResult {
        let cleanup_end = self.new_block();
        let cleanup_body = self.new_block();
        self.nameop(name, ExprContext::Store)?;
        self.addop_j(Op::SetupCleanup, cleanup_end);
        self.use_next_block(cleanup_body);
        let mut fb = FBlock::new(FBlockKind::HandlerCleanup, Some(cleanup_body), None);
        fb.name = Some(name);
        self.push_fblock(fb)?;
        self.visit_stmts(&handler.body)?;
        self.pop_fblock();
        // name = None; del name  (artificial)
        self.unset_loc();
        self.addop_pseudo(Op::PopBlock);
        self.addop_pseudo(Op::PopBlock);
        self.addop(Opcode::PopExcept);
        self.load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.addop_j(Op::Jump, end);
        // except:
        self.use_next_block(cleanup_end);
        self.unset_loc();
        self.load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.addop_i(Opcode::Reraise, 1);
        Ok(())
    }

    /// `compiler_try_star_except`: `except*` splits an exception group with
    /// CHECK_EG_MATCH and collects what the handlers raise for
    /// PREP_RERAISE_STAR.
    fn try_star_except(&mut self, t: &'a Try) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.addop_j(Op::SetupFinally, except);
        self.use_next_block(body);
        self.push_fblock(FBlock::new(FBlockKind::TryExcept, Some(body), None))?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        self.addop_noline(Op::PopBlock);
        self.addop_j_noline(Op::Jump, orelse);
        let n = t.handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.addop_j(Op::SetupCleanup, cleanup);
        self.addop(Opcode::PushExcInfo);
        self.push_fblock(FBlock::new(FBlockKind::ExceptionGroupHandler, None, None))?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            // (3.11.4+ layout: a failed match pops None in `no_match`.)
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                // [exc] -> [orig, [], exc]: keep the original group and a
                // list for what the handlers raise.
                self.addop_i(Opcode::Copy, 1);
                self.addop_i(Opcode::BuildList, 0);
                self.addop_i(Opcode::Swap, 2);
            }
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.addop(Opcode::CheckEgMatch);
                self.addop_i(Opcode::Copy, 1);
                self.addop_j(Op::PopJumpIfNone, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &handler.name {
                Some(name) => self.nameop(name, ExprContext::Store)?,
                None => self.addop(Opcode::PopTop),
            }
            self.addop_j(Op::SetupCleanup, cleanup_end);
            self.use_next_block(cleanup_body);
            let mut fb = FBlock::new(FBlockKind::HandlerCleanup, Some(cleanup_body), None);
            fb.name = handler.name.as_ref();
            self.push_fblock(fb)?;
            self.visit_stmts(&handler.body)?;
            self.pop_fblock();
            self.unset_loc();
            self.addop_pseudo(Op::PopBlock);
            if let Some(name) = &handler.name {
                self.load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.addop_j(Op::Jump, except);
            // except:
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &handler.name {
                self.load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            // Add the exception raised to the list.
            self.addop_i(Opcode::ListAppend, 3);
            self.addop(Opcode::PopTop);
            self.addop_j(Op::Jump, except_with_error);
            self.use_next_block(except);
            // A NOP to hold a propagated location.
            self.addop(Opcode::Nop);
            self.addop_j(Op::Jump, except_with_error);
            self.use_next_block(no_match);
            self.set_loc(handler.range);
            self.addop(Opcode::PopTop);
            self.use_next_block(except_with_error);
            self.unset_loc();
            if i == n - 1 {
                // Add the unhandled rest of the group (maybe None).
                self.addop_i(Opcode::ListAppend, 1);
                self.addop_j(Op::Jump, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.addop(Opcode::PrepReraiseStar);
        self.addop_i(Opcode::Copy, 1);
        self.addop_j(Op::PopJumpIfNotNone, reraise);
        // Nothing to reraise.
        self.addop(Opcode::PopTop);
        self.addop_pseudo(Op::PopBlock);
        self.addop(Opcode::PopExcept);
        self.addop_j(Op::Jump, end);
        self.use_next_block(reraise);
        self.addop_pseudo(Op::PopBlock);
        self.addop_i(Opcode::Swap, 2);
        self.addop(Opcode::PopExcept);
        self.addop_i(Opcode::Reraise, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse);
        self.visit_stmts(&t.orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_with_except_finish`: after `__exit__` ran for an exception,
    /// reraise it unless `__exit__` returned true.
    fn with_except_finish(&mut self, cleanup: usize) {
        self.unset_loc();
        let exit = self.new_block();
        self.addop_j(Op::PopJumpIfTrue, exit);
        self.addop_i(Opcode::Reraise, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        self.addop(Opcode::PopTop);
        self.addop_pseudo(Op::PopBlock);
        self.addop(Opcode::PopExcept);
        self.addop(Opcode::PopTop);
        self.addop(Opcode::PopTop);
    }

    /// `compiler_with`: one item at a time, nesting for the next.
    fn with_stmt(&mut self, s: &'a Stmt, items: &'a [WithItem], body: &'a [Stmt], pos: usize) -> CResult {
        let item = &items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        // Pushes the bound __exit__.
        self.addop(Opcode::BeforeWith);
        self.addop_j(Op::SetupWith, final_);
        self.use_next_block(block);
        let mut fb = FBlock::new(FBlockKind::With, Some(block), Some(final_));
        fb.range = Some(s.range);
        self.push_fblock(fb)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            // Discard the result of __enter__().
            None => self.addop(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.with_stmt(s, items, body, pos + 1)?;
        }
        // Everything that follows is artificial.
        self.unset_loc();
        self.addop_pseudo(Op::PopBlock);
        self.pop_fblock();
        // Normal exit: __exit__(None, None, None).
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.addop(Opcode::PopTop);
        self.addop_j(Op::Jump, exit);
        // Exceptional exit.
        self.use_next_block(final_);
        self.addop_j(Op::SetupCleanup, cleanup);
        self.addop(Opcode::PushExcInfo);
        self.addop(Opcode::WithExceptStart);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// `compiler_async_with`.
    fn async_with(&mut self, s: &'a Stmt, items: &'a [WithItem], body: &'a [Stmt], pos: usize) -> CResult {
        let item = &items[pos];
        if self.is_top_level_await() {
            self.mark_coroutine();
        } else if self.u.scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async with' outside async function"));
        }
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.addop(Opcode::BeforeAsyncWith);
        self.addop_i(Opcode::GetAwaitable, 1);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.addop_j(Op::SetupWith, final_);
        self.use_next_block(block);
        let mut fb = FBlock::new(FBlockKind::AsyncWith, Some(block), Some(final_));
        fb.range = Some(s.range);
        self.push_fblock(fb)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.addop(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.async_with(s, items, body, pos + 1)?;
        }
        self.pop_fblock();
        self.addop_pseudo(Op::PopBlock);
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.addop_i(Opcode::GetAwaitable, 2);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.addop(Opcode::PopTop);
        self.addop_j(Op::Jump, exit);
        self.use_next_block(final_);
        self.addop_j(Op::SetupCleanup, cleanup);
        self.addop(Opcode::PushExcInfo);
        self.addop(Opcode::WithExceptStart);
        self.addop_i(Opcode::GetAwaitable, 2);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// Top-level `await` (with `PyCF_ALLOW_TOP_LEVEL_AWAIT`) makes the
    /// module a coroutine. CPython sets this on the symbol table entry; here
    /// the table is read-only, so the unit carries the flag.
    pub fn mark_coroutine(&mut self) {
        self.u.extra_coroutine = true;
    }

    /// `compiler_import`.
    fn import(&mut self, names: &'a [Alias]) -> CResult {
        for alias in names {
            self.load_const(crate::constant::int_const(0.into()));
            self.load_const(Constant::None);
            self.addop_name(Opcode::ImportName, &alias.name);
            match &alias.asname {
                Some(asname) => self.import_as(&alias.name, asname)?,
                None => {
                    let store = match alias.name.find('.') {
                        Some(dot) => &alias.name[..dot],
                        None => alias.name.as_str(),
                    };
                    self.nameop(store, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    /// `compiler_import_as`: `import a.b.c as d` walks the attributes.
    fn import_as(&mut self, name: &str, asname: &str) -> CResult {
        let mut parts = name.split('.');
        parts.next();
        let attrs: Vec<&str> = parts.collect();
        if attrs.is_empty() {
            return self.nameop(asname, ExprContext::Store);
        }
        for (i, attr) in attrs.iter().enumerate() {
            self.addop_name_raw(Opcode::ImportFrom, attr);
            if i + 1 == attrs.len() {
                break;
            }
            self.addop_i(Opcode::Swap, 2);
            self.addop(Opcode::PopTop);
        }
        self.nameop(asname, ExprContext::Store)?;
        self.addop(Opcode::PopTop);
        Ok(())
    }

    /// `compiler_from_import`.
    fn import_from(&mut self, s: &'a Stmt, module: Option<&'a Ident>, names: &'a [Alias], level: i32) -> CResult {
        self.load_const(crate::constant::int_const(level.into()));
        let tuple: Vec<Constant> =
            names.iter().map(|a| Constant::Str(taipan_syntax::literal::StrLit::from_text(&a.name))).collect();
        if (s.range.lineno as i64) > self.future.lineno && module.is_some_and(|m| m == "__future__") {
            return Err(self.error("from __future__ imports must occur at the beginning of the file"));
        }
        self.load_const(Constant::Tuple(tuple));
        self.addop_name(Opcode::ImportName, module.map_or("", |m| m.as_str()));
        for (i, alias) in names.iter().enumerate() {
            if i == 0 && alias.name.starts_with('*') {
                self.addop(Opcode::ImportStar);
                return Ok(());
            }
            self.addop_name(Opcode::ImportFrom, &alias.name);
            let store = alias.asname.as_ref().unwrap_or(&alias.name);
            self.nameop(store, ExprContext::Store)?;
        }
        // Remove the imported module.
        self.addop(Opcode::PopTop);
        Ok(())
    }

    /// `compiler_assert`.
    fn assert_stmt(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> CResult {
        let always_true = match &test.kind {
            ExprKind::Tuple { elts, .. } => !elts.is_empty(),
            ExprKind::Constant { value: Constant::Tuple(items), .. } => !items.is_empty(),
            _ => false,
        };
        if always_true {
            self.warn("assertion is always true, perhaps remove parentheses?");
        }
        if self.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.jump_if(test, end, true)?;
        self.addop(Opcode::LoadAssertionError);
        if let Some(m) = msg {
            self.visit_expr(m)?;
            self.addop_i(Opcode::Precall, 0);
            self.addop_i(Opcode::Call, 0);
        }
        self.addop_i(Opcode::RaiseVarargs, 1);
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_augassign`.
    fn aug_assign(&mut self, target: &'a Expr, op: taipan_syntax::ast::Operator, value: &'a Expr) -> CResult {
        let saved = self.u.loc;
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.visit_expr(obj)?;
                self.addop_i(Opcode::Copy, 1);
                self.update_start_location_to_match_attr(target);
                self.addop_name(Opcode::LoadAttr, attr);
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.visit_expr(obj)?;
                self.visit_expr(slice)?;
                self.addop_i(Opcode::Copy, 2);
                self.addop_i(Opcode::Copy, 2);
                self.addop(Opcode::BinarySubscr);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => return Err(crate::error::internal("invalid node type for augmented assignment")),
        }
        self.u.loc = saved;
        self.visit_expr(value)?;
        self.addop_binary(op, true);
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.update_start_location_to_match_attr(target);
                self.addop_i(Opcode::Swap, 2);
                self.addop_name(Opcode::StoreAttr, attr);
            }
            ExprKind::Subscript { .. } => {
                self.addop_i(Opcode::Swap, 3);
                self.addop_i(Opcode::Swap, 2);
                self.addop(Opcode::StoreSubscr);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => {}
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult {
        self.visit_expr(e)?;
        self.addop(Opcode::PopTop);
        Ok(())
    }

    /// `check_ann_subscr`: evaluate what a subscript annotation target
    /// would evaluate.
    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                for elt in elts {
                    self.check_ann_subscr(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    /// `compiler_annassign`.
    fn ann_assign(&mut self, target: &'a Expr, annotation: &'a Expr, value: Option<&'a Expr>, simple: bool) -> CResult {
        let future_annotations = self.future_annotations();
        if let Some(v) = value {
            self.visit_expr(v)?;
            self.visit_expr(target)?;
        }
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.check_forbidden(id, ExprContext::Store)?;
                // A simple name in a module or class: store its annotation.
                if simple && matches!(self.u.scope_type, ScopeType::Module | ScopeType::Class) {
                    if future_annotations {
                        self.visit_annexpr(annotation);
                    } else {
                        self.visit_expr(annotation)?;
                    }
                    self.addop_name_raw(Opcode::LoadName, "__annotations__");
                    let mangled = crate::symtable::mangle(self.u.private.as_deref(), id);
                    self.load_const(Constant::Str(taipan_syntax::literal::StrLit::from_text(&mangled)));
                    self.addop(Opcode::StoreSubscr);
                }
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.check_forbidden(attr, ExprContext::Store)?;
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                }
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => return Err(crate::error::internal("invalid node type for annotated assignment")),
        }
        // The annotation is evaluated last (only in modules and classes).
        if !simple && !future_annotations && matches!(self.u.scope_type, ScopeType::Module | ScopeType::Class) {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    pub fn future_annotations(&self) -> bool {
        self.future.features & crate::code::flags::FUTURE_ANNOTATIONS != 0
    }

    /// `compiler_visit_annexpr`: the annotation as a string.
    pub fn visit_annexpr(&mut self, annotation: &'a Expr) {
        let text = crate::unparse::expr_as_str(annotation);
        self.load_const(Constant::Str(text));
    }
}
