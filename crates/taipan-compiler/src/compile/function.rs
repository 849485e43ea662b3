//! Code objects inside code objects: functions, lambdas, classes and
//! comprehensions (compile.c's `compiler_function`, `compiler_lambda`,
//! `compiler_class`, `compiler_comprehension`), with their defaults,
//! annotations, decorators and closures.

use std::rc::Rc;

use taipan_syntax::ast::ExprContext;
use taipan_syntax::literal::StrLit;

use super::{CResult, Compiler, FBlock, FBlockKind, ScopeType};
use crate::code::Constant;
use crate::error::CompileError;
use crate::flowgraph::Op;
use crate::opcode::Opcode;
use crate::symtable::mangle;
use crate::tree::*;

/// What a comprehension builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    Generator,
    List,
    Set,
    Dict,
}

fn str_const(s: &str) -> Constant {
    Constant::Str(StrLit::from_text(s))
}

impl<'a> Compiler<'a> {
    /// `compiler_check_debug_args`: no parameter may be named `__debug__`.
    fn check_debug_args(&self, args: &Arguments) -> CResult {
        let all =
            args.posonlyargs.iter().chain(&args.args).chain(&args.vararg).chain(&args.kwonlyargs).chain(&args.kwarg);
        for a in all {
            self.check_forbidden(&a.arg, ExprContext::Store)?;
        }
        Ok(())
    }

    /// `compiler_default_arguments`: push the defaults tuple and the
    /// keyword-only defaults dict; returns the MAKE_FUNCTION flags.
    fn default_arguments(&mut self, args: &'a Arguments) -> Result<u32, CompileError> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.addop_i(Opcode::BuildTuple, args.defaults.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                keys.push(str_const(&mangle(self.u.private.as_deref(), &arg.arg)));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys));
            self.addop_i(Opcode::BuildConstKeyMap, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    /// `compiler_visit_argannotation`: push a name and its annotation.
    fn arg_annotation(&mut self, id: &str, annotation: Option<&'a Expr>, len: &mut u32) -> CResult {
        let Some(annotation) = annotation else { return Ok(()) };
        let mangled = mangle(self.u.private.as_deref(), id);
        self.load_const(str_const(&mangled));
        if self.future_annotations() {
            self.visit_annexpr(annotation);
        } else if let ExprKind::Starred { value, .. } = &annotation.kind {
            // `*args: *Ts` is `[annotation] = [*Ts]`.
            self.visit_expr(value)?;
            self.addop_i(Opcode::UnpackSequence, 1);
        } else {
            self.visit_expr(annotation)?;
        }
        *len += 2;
        Ok(())
    }

    /// `compiler_visit_annotations`: the annotations tuple (name, value,
    /// name, value...), in CPython's order; returns whether one was pushed.
    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> Result<bool, CompileError> {
        let mut len = 0;
        for a in args.args.iter().chain(&args.posonlyargs) {
            self.arg_annotation(&a.arg, a.annotation.as_ref(), &mut len)?;
        }
        if let Some(v) = &args.vararg {
            self.arg_annotation(&v.arg, v.annotation.as_ref(), &mut len)?;
        }
        for a in &args.kwonlyargs {
            self.arg_annotation(&a.arg, a.annotation.as_ref(), &mut len)?;
        }
        if let Some(k) = &args.kwarg {
            self.arg_annotation(&k.arg, k.annotation.as_ref(), &mut len)?;
        }
        self.arg_annotation("return", returns, &mut len)?;
        if len > 0 {
            self.addop_i(Opcode::BuildTuple, len);
            return Ok(true);
        }
        Ok(false)
    }

    /// `compiler_apply_decorators`: call them, innermost (last) first.
    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        let saved = self.u.loc;
        for d in decorators.iter().rev() {
            self.set_loc(d.range);
            self.addop_i(Opcode::Precall, 0);
            self.addop_i(Opcode::Call, 0);
        }
        self.u.loc = saved;
    }

    /// `compiler_function`.
    pub fn function_def(&mut self, s: &'a Stmt, f: &'a FunctionDef) -> CResult {
        let scope_type = if f.is_async { ScopeType::AsyncFunction } else { ScopeType::Function };
        self.check_debug_args(&f.args)?;
        for d in &f.decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = f.decorator_list.first().map_or(s.range.lineno, |d| d.range.lineno) as i32;
        let mut funcflags = self.default_arguments(&f.args)?;
        if self.annotations(&f.args, f.returns.as_ref())? {
            funcflags |= 0x04;
        }
        let ste = self.scope_of_node(s)?;
        self.enter_scope(f.name.clone(), scope_type, ste, firstlineno)?;
        let docstring = if self.optimize < 2 { docstring(&f.body) } else { None };
        self.add_const(docstring.cloned().unwrap_or(Constant::None));
        self.u.argcount = f.args.args.len() as u32;
        self.u.posonlyargcount = f.args.posonlyargs.len() as u32;
        self.u.kwonlyargcount = f.args.kwonlyargs.len() as u32;
        let body = if docstring.is_some() { &f.body[1..] } else { &f.body[..] };
        let result = self.visit_stmts(body).and_then(|_| self.assemble(true));
        self.exit_scope();
        let code = result?;
        self.make_closure(Rc::new(code), funcflags)?;
        self.apply_decorators(&f.decorator_list);
        self.nameop(&f.name, ExprContext::Store)
    }

    /// `compiler_lambda`.
    pub fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        self.check_debug_args(args)?;
        let funcflags = self.default_arguments(args)?;
        let ste = self.scope_of_node(e)?;
        self.enter_scope("<lambda>".into(), ScopeType::Lambda, ste, e.range.lineno as i32)?;
        // None is the first constant, so a lambda has no docstring.
        self.add_const(Constant::None);
        self.u.argcount = args.args.len() as u32;
        self.u.posonlyargcount = args.posonlyargs.len() as u32;
        self.u.kwonlyargcount = args.kwonlyargs.len() as u32;
        let result = self.visit_expr(body).and_then(|_| {
            if self.ste().generator {
                self.assemble(false)
            } else {
                self.addop(Opcode::ReturnValue);
                self.assemble(true)
            }
        });
        self.exit_scope();
        let code = result?;
        self.make_closure(Rc::new(code), funcflags)
    }

    /// `compiler_class`: the body becomes a function that `__build_class__`
    /// calls to fill the class namespace.
    pub fn class_def(&mut self, s: &'a Stmt, c: &'a ClassDef) -> CResult {
        for d in &c.decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = c.decorator_list.first().map_or(s.range.lineno, |d| d.range.lineno) as i32;
        let ste = self.scope_of_node(s)?;
        self.enter_scope(c.name.clone(), ScopeType::Class, ste, firstlineno)?;
        let result = self.class_body(c);
        self.exit_scope();
        let code = result?;
        self.addop(Opcode::PushNull);
        self.addop(Opcode::LoadBuildClass);
        self.make_closure(Rc::new(code), 0)?;
        self.load_const(str_const(&c.name));
        self.call_helper(2, &c.bases, &c.keywords)?;
        self.apply_decorators(&c.decorator_list);
        self.nameop(&c.name, ExprContext::Store)
    }

    fn class_body(&mut self, c: &'a ClassDef) -> Result<crate::code::CodeObject, CompileError> {
        // The class name is the mangling prefix inside the body.
        self.u.private = Some(c.name.clone());
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let qualname = self.u.qualname.clone();
        self.load_const(str_const(&qualname));
        self.nameop("__qualname__", ExprContext::Store)?;
        self.body(&c.body)?;
        // The rest is artificial.
        self.unset_loc();
        if self.ste().needs_class_closure {
            // Store the __class__ cell as __classcell__ and return it.
            let i = self.u.cellvars.index_of("__class__").unwrap_or(0) as u32;
            self.addop_i(Opcode::LoadClosure, i);
            self.addop_i(Opcode::Copy, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(Constant::None);
        }
        self.addop(Opcode::ReturnValue);
        self.assemble(true)
    }

    /// `compiler_comprehension`: the comprehension is a nested function
    /// called at once with the iterator of its outermost iterable.
    pub fn comprehension(&mut self, e: &'a Expr) -> CResult {
        let (kind, name, generators, elt, val) = match &e.kind {
            ExprKind::GeneratorExp { elt, generators } => (CompKind::Generator, "<genexpr>", generators, elt, None),
            ExprKind::ListComp { elt, generators } => (CompKind::List, "<listcomp>", generators, elt, None),
            ExprKind::SetComp { elt, generators } => (CompKind::Set, "<setcomp>", generators, elt, None),
            ExprKind::DictComp { key, value, generators } => {
                (CompKind::Dict, "<dictcomp>", generators, key, Some(&**value))
            }
            _ => return Ok(()),
        };
        let Some(outermost) = generators.first() else { return Ok(()) };
        let parent_scope = self.u.scope_type;
        let is_top_level_await = self.is_top_level_await();
        let ste = self.scope_of_node(e)?;
        self.enter_scope(name.into(), ScopeType::Comprehension, ste, e.range.lineno as i32)?;
        self.set_loc(e.range);
        let is_async_generator = self.is_coroutine();
        let result =
            self.comprehension_body(kind, generators, elt, val, is_async_generator, parent_scope, is_top_level_await);
        self.exit_scope();
        let code = result?;
        if is_top_level_await && is_async_generator {
            self.u.extra_coroutine = true;
        }
        self.make_closure(Rc::new(code), 0)?;
        self.visit_expr(&outermost.iter)?;
        self.addop(if outermost.is_async { Opcode::GetAiter } else { Opcode::GetIter });
        self.addop_i(Opcode::Precall, 0);
        self.addop_i(Opcode::Call, 0);
        if is_async_generator && kind != CompKind::Generator {
            self.addop_i(Opcode::GetAwaitable, 0);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_body(
        &mut self,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
        is_async_generator: bool,
        parent_scope: ScopeType,
        is_top_level_await: bool,
    ) -> Result<crate::code::CodeObject, CompileError> {
        if is_async_generator
            && kind != CompKind::Generator
            && !matches!(parent_scope, ScopeType::AsyncFunction | ScopeType::Comprehension)
            && !is_top_level_await
        {
            return Err(self.error("asynchronous comprehension outside of an asynchronous function"));
        }
        match kind {
            CompKind::List => self.addop_i(Opcode::BuildList, 0),
            CompKind::Set => self.addop_i(Opcode::BuildSet, 0),
            CompKind::Dict => self.addop_i(Opcode::BuildMap, 0),
            CompKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind)?;
        if kind != CompKind::Generator {
            self.addop(Opcode::ReturnValue);
        }
        self.assemble(true)
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult {
        crate::optimize::grow(|| {
            if generators[index].is_async {
                self.async_comprehension_generator(generators, index, depth, elt, val, kind)
            } else {
                self.sync_comprehension_generator(generators, index, depth, elt, val, kind)
            }
        })
    }

    /// The innermost part: add the element to the result (or yield it).
    fn comprehension_element(&mut self, elt: &'a Expr, val: Option<&'a Expr>, kind: CompKind, depth: u32) -> CResult {
        self.visit_expr(elt)?;
        match kind {
            CompKind::Generator => {
                self.addop_yield();
                self.addop(Opcode::PopTop);
            }
            CompKind::List => self.addop_i(Opcode::ListAppend, depth + 1),
            CompKind::Set => self.addop_i(Opcode::SetAdd, depth + 1),
            CompKind::Dict => {
                // With `{k: v}`, k is evaluated before v.
                if let Some(v) = val {
                    self.visit_expr(v)?;
                }
                self.addop_i(Opcode::MapAdd, depth + 1);
            }
        }
        Ok(())
    }

    /// `compiler_sync_comprehension_generator`.
    fn sync_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            // The outermost iterator is the implicit argument `.0`.
            self.u.argcount = 1;
            self.addop_i(Opcode::LoadFast, 0);
        } else {
            // `for y in [f(x)]` binds without iterating.
            let elts = match &gen.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => &elts[..],
                _ => &[],
            };
            if elts.len() == 1 && !elts[0].is_starred() {
                self.visit_expr(&elts[0])?;
                start = None;
            }
            if start.is_some() {
                self.visit_expr(&gen.iter)?;
                self.addop(Opcode::GetIter);
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.use_next_block(start);
            self.addop_j(Op::Real(Opcode::ForIter), anchor);
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(start) = start {
            self.addop_j(Op::Jump, start);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    /// `compiler_async_comprehension_generator`.
    fn async_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            self.u.argcount = 1;
            self.addop_i(Opcode::LoadFast, 0);
        } else {
            self.visit_expr(&gen.iter)?;
            self.addop(Opcode::GetAiter);
        }
        self.use_next_block(start);
        // The runtime pushes a block here: account for it.
        self.push_fblock(FBlock::new(FBlockKind::AsyncComprehensionGenerator, Some(start), None))?;
        self.addop_j(Op::SetupFinally, except);
        self.addop(Opcode::GetAnext);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.addop_pseudo(Op::PopBlock);
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_next_block(if_cleanup);
        self.addop_j(Op::Jump, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.addop(Opcode::EndAsyncFor);
        Ok(())
    }
}
