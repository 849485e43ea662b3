//! The code generator (CPython's `Python/compile.c`, the compiler half):
//! walks the folded tree and emits instructions into basic blocks, one
//! compilation unit per code object.
//!
//! The families live in their own files: `stmt.rs` (statements, loops,
//! exceptions, `with`, imports), `expr.rs` (expressions and calls),
//! `function.rs` (functions, lambdas, classes, comprehensions), `pattern.rs`
//! (`match`). This file holds the units, the emitters, name resolution and
//! the frame-block stack that `break`, `continue` and `return` unwind.

mod expr;
mod function;
mod pattern;
mod stmt;

use std::rc::Rc;

use taipan_syntax::ast::{ExprContext, Ident, Range};
use taipan_syntax::{Warning, WarningCategory};

use crate::code::{flags, CodeObject, Constant};
use crate::error;
use crate::error::CompileError;
use crate::flowgraph::{BlockId, Cfg, ConstPool, Instr, Loc, Op};
use crate::future::Future;
use crate::opcode::Opcode;
use crate::ordmap::IndexSet;
use crate::symtable::{mangle, BlockType, Scope, ScopeId, SymbolTable, DEF_FREE_CLASS};
use crate::tree::*;

pub(crate) type CResult = Result<(), CompileError>;

/// `PyCF_MASK`: the future flags a code object inherits.
pub const PYCF_MASK: u32 = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000;
/// `PyCF_ALLOW_TOP_LEVEL_AWAIT`.
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;

/// `STACK_USE_GUIDELINE`: past this many items a build goes incremental.
const STACK_USE_GUIDELINE: usize = 30;
/// `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeType {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// A frame block (`fblockinfo`): a loop, try, with or handler being
/// compiled, which `break`, `continue` and `return` must unwind.
#[derive(Clone, Copy)]
pub(crate) struct FBlock<'a> {
    kind: FBlockKind,
    block: Option<BlockId>,
    exit: Option<BlockId>,
    /// `finally` body of a FINALLY_TRY.
    body: Option<&'a [Stmt]>,
    /// The `with` statement's range, for WITH and ASYNC_WITH.
    range: Option<Range>,
    /// The bound exception name of a HANDLER_CLEANUP.
    name: Option<&'a Ident>,
}

impl<'a> FBlock<'a> {
    fn new(kind: FBlockKind, block: Option<BlockId>, exit: Option<BlockId>) -> Self {
        FBlock { kind, block, exit, body: None, range: None, name: None }
    }
}

/// One code object being compiled (`compiler_unit`).
pub(crate) struct Unit<'a> {
    pub ste: ScopeId,
    pub name: Ident,
    pub qualname: String,
    pub scope_type: ScopeType,
    pub consts: ConstPool,
    pub names: IndexSet<Ident>,
    pub varnames: IndexSet<Ident>,
    pub cellvars: IndexSet<Ident>,
    /// Free variables; their indexes come after the cells'.
    pub freevars: IndexSet<Ident>,
    pub private: Option<Ident>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub cfg: Cfg,
    pub curblock: BlockId,
    fblocks: Vec<FBlock<'a>>,
    pub firstlineno: i32,
    pub loc: Loc,
    need_new_implicit_block: bool,
    /// The scope became a coroutine through a top-level `await`.
    pub extra_coroutine: bool,
}

/// The state of a whole compilation (`struct compiler`).
pub(crate) struct Compiler<'a> {
    pub filename: &'a str,
    pub st: &'a SymbolTable,
    pub future: Future,
    /// The compiler flags, future features merged in.
    pub flags: u32,
    pub optimize: u8,
    interactive: bool,
    nestlevel: u32,
    pub u: Box<Unit<'a>>,
    stack: Vec<Unit<'a>>,
    pub warnings: Vec<Warning>,
}

fn loc_of(r: Range) -> Loc {
    let v = |x: u32| if x == NO_POS { -1 } else { x as i32 };
    Loc { lineno: v(r.lineno), end_lineno: v(r.end_lineno), col: v(r.col_offset), end_col: v(r.end_col_offset) }
}

impl<'a> Compiler<'a> {
    pub fn new(filename: &'a str, st: &'a SymbolTable, future: Future, flags: u32, optimize: u8) -> Self {
        Compiler {
            filename,
            st,
            future,
            flags,
            optimize,
            interactive: false,
            nestlevel: 0,
            u: Box::new(Unit::placeholder()),
            stack: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// `compiler_mod`: the module's code object.
    pub fn compile_module(&mut self, module: &'a Module) -> Result<CodeObject, CompileError> {
        let key = self.st.lookup(module).unwrap_or(0);
        self.enter_scope("<module>".into(), ScopeType::Module, key, 1)?;
        self.u.loc.lineno = 1;
        let add_none = match module {
            Module::Module(body) => {
                self.body(body)?;
                true
            }
            Module::Interactive(body) => {
                if find_ann(body) {
                    self.addop(Opcode::SetupAnnotations);
                }
                self.interactive = true;
                for s in body {
                    self.visit_stmt(s)?;
                }
                true
            }
            Module::Expression(e) => {
                self.visit_expr(e)?;
                false
            }
        };
        let code = self.assemble(add_none)?;
        self.exit_scope();
        Ok(code)
    }

    // ----- errors and warnings -----

    /// `compiler_error`: a SyntaxError at the current location.
    pub fn error(&self, msg: impl Into<String>) -> CompileError {
        let l = self.u.loc;
        error::compiler_error(
            self.filename,
            msg,
            l.lineno as i64,
            l.col as i64 + 1,
            l.end_lineno as i64,
            l.end_col as i64 + 1,
        )
    }

    /// `compiler_warn`: a SyntaxWarning at the current line.
    pub fn warn(&mut self, msg: impl Into<String>) {
        let msg = msg.into();
        // CPython's `compiler_warn`: under an error filter the warning
        // becomes `compiler_error` at the current node.
        let as_error = Some(self.error(msg.clone()));
        self.warnings.push(Warning {
            category: WarningCategory::SyntaxWarning,
            msg,
            lineno: self.u.loc.lineno.max(0) as u32,
            as_error,
        });
    }

    // ----- locations -----

    pub fn set_loc(&mut self, r: Range) {
        self.u.loc = loc_of(r);
    }

    pub fn unset_loc(&mut self) {
        self.u.loc = Loc::NONE;
    }

    // ----- blocks and instructions -----

    pub fn new_block(&mut self) -> BlockId {
        self.u.cfg.new_block()
    }

    /// `compiler_use_next_block`: continue emitting into `b`, which follows
    /// the current block in layout order.
    pub fn use_next_block(&mut self, b: BlockId) {
        let cur = self.u.curblock;
        self.u.cfg.blocks[cur].next = Some(b);
        self.u.curblock = b;
        self.u.need_new_implicit_block = false;
    }

    pub fn push_instr(&mut self, instr: Instr) {
        if self.u.need_new_implicit_block {
            let b = self.new_block();
            self.use_next_block(b);
        }
        let cur = self.u.curblock;
        let block = &mut self.u.cfg.blocks[cur];
        if instr.op.is(Opcode::ReturnValue) {
            block.has_return = true;
        }
        block.instrs.push(instr);
        if instr.op.ends_block() {
            self.u.need_new_implicit_block = true;
        }
    }

    /// `ADDOP`.
    pub fn addop(&mut self, op: Opcode) {
        let loc = self.u.loc;
        self.push_instr(Instr::new(Op::Real(op), 0, loc));
    }

    /// `ADDOP_NOLINE`.
    pub fn addop_noline(&mut self, op: Op) {
        self.push_instr(Instr::new(op, 0, Loc::NOLINE));
    }

    /// `ADDOP_I`.
    pub fn addop_i(&mut self, op: Opcode, arg: u32) {
        let loc = self.u.loc;
        self.push_instr(Instr::new(Op::Real(op), arg, loc));
    }

    /// A pseudo-instruction without a target (POP_BLOCK).
    pub fn addop_pseudo(&mut self, op: Op) {
        let loc = self.u.loc;
        self.push_instr(Instr::new(op, 0, loc));
    }

    /// `ADDOP_JUMP`.
    pub fn addop_j(&mut self, op: Op, target: BlockId) {
        let loc = self.u.loc;
        let mut i = Instr::new(op, 0, loc);
        i.target = Some(target);
        self.push_instr(i);
    }

    /// `ADDOP_JUMP_NOLINE`.
    pub fn addop_j_noline(&mut self, op: Op, target: BlockId) {
        let mut i = Instr::new(op, 0, Loc::NOLINE);
        i.target = Some(target);
        self.push_instr(i);
    }

    /// `ADDOP_LOAD_CONST`.
    pub fn load_const(&mut self, c: Constant) {
        let i = self.u.consts.add(c);
        self.addop_i(Opcode::LoadConst, i);
    }

    pub fn add_const(&mut self, c: Constant) -> u32 {
        self.u.consts.add(c)
    }

    /// `ADDOP_NAME`: an instruction on a (mangled) name of `co_names`.
    pub fn addop_name(&mut self, op: Opcode, name: &str) {
        let mangled: Ident = mangle(self.u.private.as_deref(), name).as_ref().into();
        let i = self.u.names.add(mangled) as u32;
        self.addop_i(op, i);
    }

    /// `ADDOP_N` on `co_names`, without mangling.
    pub fn addop_name_raw(&mut self, op: Opcode, name: &str) {
        let i = self.u.names.add(name.into()) as u32;
        self.addop_i(op, i);
    }

    // ----- scopes -----

    /// `compiler_enter_scope`.
    pub fn enter_scope(&mut self, name: Ident, scope_type: ScopeType, ste: ScopeId, lineno: i32) -> CResult {
        let entry = &self.st.entries[ste];
        let mut u = Unit::placeholder();
        u.ste = ste;
        u.name = name;
        u.scope_type = scope_type;
        for v in &entry.varnames {
            u.varnames.add(v.clone());
        }
        // Cells and frees are numbered in sorted name order.
        let mut sorted: Vec<(&Ident, &u32)> = entry.symbols.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (name, &flags) in &sorted {
            if scope_of(flags) == Scope::Cell {
                u.cellvars.add((*name).clone());
            }
        }
        if entry.needs_class_closure {
            // The implicit `__class__` cell of a class whose methods use it.
            u.cellvars.add("__class__".into());
        }
        for (name, &flags) in &sorted {
            if scope_of(flags) == Scope::Free || flags & DEF_FREE_CLASS != 0 {
                u.freevars.add((*name).clone());
            }
        }
        u.firstlineno = lineno;
        u.loc = Loc { lineno, end_lineno: lineno, col: 0, end_col: 0 };
        let has_parent = self.u.ste != usize::MAX;
        if has_parent {
            u.private = self.u.private.clone();
        }
        let parent = std::mem::replace(&mut self.u, Box::new(u));
        if has_parent {
            self.stack.push(*parent);
        }
        self.nestlevel += 1;
        let block = self.new_block();
        self.u.curblock = block;
        if scope_type == ScopeType::Module {
            self.u.loc.lineno = 0;
        } else {
            self.set_qualname();
        }
        self.addop_i(Opcode::Resume, 0);
        if scope_type == ScopeType::Module {
            self.u.loc.lineno = -1;
        }
        Ok(())
    }

    /// `compiler_exit_scope`.
    pub fn exit_scope(&mut self) {
        self.nestlevel -= 1;
        match self.stack.pop() {
            Some(parent) => *self.u = parent,
            None => *self.u = Unit::placeholder(),
        }
    }

    /// `compiler_set_qualname`: `outer.<locals>.inner` for nested functions,
    /// `Class.method` for methods, the bare name at module level or when the
    /// name is declared global.
    fn set_qualname(&mut self) {
        let u = &self.u;
        let mut base = None;
        // The module is at the bottom of the stack: only deeper parents
        // contribute to the qualified name.
        if self.stack.len() > 1 {
            let parent = &self.stack[self.stack.len() - 1];
            let mut force_global = false;
            if matches!(u.scope_type, ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Class) {
                let mangled = mangle(parent.private.as_deref(), &u.name);
                if self.st.entries[parent.ste].scope(&mangled) == Scope::GlobalExplicit {
                    force_global = true;
                }
            }
            if !force_global {
                if matches!(parent.scope_type, ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Lambda) {
                    base = Some(format!("{}.<locals>", parent.qualname));
                } else {
                    base = Some(parent.qualname.clone());
                }
            }
        }
        let qualname = match base {
            Some(b) => format!("{b}.{}", u.name),
            None => u.name.to_string(),
        };
        self.u.qualname = qualname;
    }

    /// The symbol table entry of the current unit.
    pub fn ste(&self) -> &'a crate::symtable::Entry {
        &self.st.entries[self.u.ste]
    }

    /// Look up the scope a node opened.
    pub fn scope_of_node<T>(&self, node: &T) -> Result<ScopeId, CompileError> {
        self.st.lookup(node).ok_or_else(|| error::internal("unknown symbol table entry"))
    }

    /// `ste_coroutine` of the current scope.
    pub fn is_coroutine(&self) -> bool {
        self.ste().coroutine || self.u.extra_coroutine
    }

    /// `IS_TOP_LEVEL_AWAIT`.
    pub fn is_top_level_await(&self) -> bool {
        self.flags & PYCF_ALLOW_TOP_LEVEL_AWAIT != 0 && self.ste().kind == BlockType::Module
    }

    // ----- frame blocks -----

    pub fn push_fblock(&mut self, f: FBlock<'a>) -> CResult {
        if self.u.fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks"));
        }
        self.u.fblocks.push(f);
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.u.fblocks.pop();
    }

    /// `compiler_unwind_fblock`: emit what leaving `info` early requires.
    /// With `preserve_tos`, the value on top of the stack (a return value)
    /// is kept above what gets popped.
    fn unwind_fblock(&mut self, info: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match info.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                // Pop the iterator.
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.addop(Opcode::PopTop);
            }
            FBlockKind::TryExcept => self.addop_pseudo(Op::PopBlock),
            FBlockKind::FinallyTry => {
                // This POP_BLOCK gets the line number of the unwinding statement.
                self.addop_pseudo(Op::PopBlock);
                if preserve_tos {
                    self.push_fblock(FBlock::new(FBlockKind::PopValue, None, None))?;
                }
                self.visit_stmts(info.body.unwrap_or(&[]))?;
                if preserve_tos {
                    self.pop_fblock();
                }
                // The finally block should appear to execute after the
                // statement causing the unwinding.
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.addop(Opcode::PopTop);
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.addop_pseudo(Op::PopBlock);
                self.addop(Opcode::PopExcept);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                if let Some(r) = info.range {
                    self.set_loc(r);
                }
                self.addop_pseudo(Op::PopBlock);
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.call_exit_with_nones();
                if info.kind == FBlockKind::AsyncWith {
                    self.addop_i(Opcode::GetAwaitable, 2);
                    self.load_const(Constant::None);
                    self.add_yield_from(true);
                }
                self.addop(Opcode::PopTop);
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup => {
                if info.name.is_some() {
                    self.addop_pseudo(Op::PopBlock);
                }
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.addop_pseudo(Op::PopBlock);
                self.addop(Opcode::PopExcept);
                if let Some(name) = info.name {
                    self.load_const(Constant::None);
                    self.nameop(name, ExprContext::Store)?;
                    self.nameop(name, ExprContext::Del)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.addop_i(Opcode::Swap, 2);
                }
                self.addop(Opcode::PopTop);
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwind every frame block, or up to
    /// the innermost loop when `stop_at_loop` (which returns that loop).
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
    ) -> Result<Option<FBlock<'a>>, CompileError> {
        let Some(&top) = self.u.fblocks.last() else { return Ok(None) };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(self.error("'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u.fblocks.pop();
        self.unwind_fblock(&top, preserve_tos)?;
        let r = self.unwind_fblock_stack(preserve_tos, stop_at_loop)?;
        self.u.fblocks.push(top);
        Ok(r)
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.addop_i(Opcode::Precall, 2);
        self.addop_i(Opcode::Call, 2);
    }

    /// `compiler_add_yield_from`: the SEND loop of `yield from` and `await`.
    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.addop_j(Op::Real(Opcode::Send), exit);
        self.use_next_block(resume);
        self.addop(Opcode::YieldValue);
        self.addop_i(Opcode::Resume, if is_await { 3 } else { 2 });
        self.addop_j(Op::JumpNoInterrupt, start);
        self.use_next_block(exit);
    }

    /// `compiler_pop_except_and_reraise`.
    pub fn pop_except_and_reraise(&mut self) {
        self.addop_i(Opcode::Copy, 3);
        self.addop(Opcode::PopExcept);
        self.addop_i(Opcode::Reraise, 1);
    }

    // ----- names -----

    /// `forbidden_name`: `__debug__` cannot be assigned or deleted.
    pub fn check_forbidden(&self, name: &str, ctx: ExprContext) -> CResult {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error("cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error("cannot delete __debug__")),
                ExprContext::Load => {}
            }
        }
        Ok(())
    }

    /// `compiler_nameop`: load, store or delete a name with the opcode its
    /// scope calls for.
    pub fn nameop(&mut self, name: &str, ctx: ExprContext) -> CResult {
        self.check_forbidden(name, ctx)?;
        let mangled: Ident = mangle(self.u.private.as_deref(), name).as_ref().into();
        let ste = self.ste();
        let is_function = ste.kind == BlockType::Function;
        enum Kind {
            Fast,
            Global,
            Deref(bool),
            Name,
        }
        let kind = match ste.scope(&mangled) {
            Scope::Free => Kind::Deref(false),
            Scope::Cell => Kind::Deref(true),
            Scope::Local if is_function => Kind::Fast,
            Scope::GlobalImplicit if is_function => Kind::Global,
            Scope::GlobalExplicit => Kind::Global,
            _ => Kind::Name,
        };
        use ExprContext::*;
        let (op, arg) = match kind {
            Kind::Deref(cell) => {
                let op = match ctx {
                    Load if ste.kind == BlockType::Class => Opcode::LoadClassderef,
                    Load => Opcode::LoadDeref,
                    Store => Opcode::StoreDeref,
                    Del => Opcode::DeleteDeref,
                };
                let arg = if cell {
                    self.u.cellvars.add(mangled)
                } else {
                    match self.u.freevars.index_of(&mangled) {
                        Some(i) => i + self.u.cellvars.len(),
                        None => self.u.freevars.add(mangled) + self.u.cellvars.len(),
                    }
                };
                (op, arg as u32)
            }
            Kind::Fast => {
                let op = match ctx {
                    Load => Opcode::LoadFast,
                    Store => Opcode::StoreFast,
                    Del => Opcode::DeleteFast,
                };
                (op, self.u.varnames.add(mangled) as u32)
            }
            Kind::Global => {
                let i = self.u.names.add(mangled) as u32;
                match ctx {
                    Load => (Opcode::LoadGlobal, i << 1),
                    Store => (Opcode::StoreGlobal, i),
                    Del => (Opcode::DeleteGlobal, i),
                }
            }
            Kind::Name => {
                let op = match ctx {
                    Load => Opcode::LoadName,
                    Store => Opcode::StoreName,
                    Del => Opcode::DeleteName,
                };
                (op, self.u.names.add(mangled) as u32)
            }
        };
        self.addop_i(op, arg);
        Ok(())
    }

    /// `compiler_body`: a module or class body, with its docstring and
    /// `SETUP_ANNOTATIONS` if it has annotations.
    pub fn body(&mut self, stmts: &'a [Stmt]) -> CResult {
        if self.u.scope_type == ScopeType::Module {
            if let Some(first) = stmts.first() {
                self.set_loc(first.range);
            }
        }
        if find_ann(stmts) {
            self.addop(Opcode::SetupAnnotations);
        }
        if stmts.is_empty() {
            return Ok(());
        }
        let mut rest = stmts;
        if self.optimize < 2 {
            if let (Some(_), StmtKind::Expr { value }) = (docstring(stmts), &stmts[0].kind) {
                self.visit_expr(value)?;
                self.unset_loc();
                self.nameop("__doc__", ExprContext::Store)?;
                rest = &stmts[1..];
            }
        }
        self.visit_stmts(rest)
    }

    pub fn visit_stmts(&mut self, stmts: &'a [Stmt]) -> CResult {
        for s in stmts {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// `compute_code_flags`.
    pub fn code_flags(&self) -> u32 {
        let ste = self.ste();
        let mut f = 0;
        if ste.kind == BlockType::Function {
            f |= flags::NEWLOCALS | flags::OPTIMIZED;
            if ste.nested {
                f |= flags::NESTED;
            }
            match (ste.generator, self.is_coroutine()) {
                (true, false) => f |= flags::GENERATOR,
                (false, true) => f |= flags::COROUTINE,
                (true, true) => f |= flags::ASYNC_GENERATOR,
                _ => {}
            }
            if ste.varargs {
                f |= flags::VARARGS;
            }
            if ste.varkeywords {
                f |= flags::VARKEYWORDS;
            }
        }
        f |= self.flags & PYCF_MASK;
        if self.is_top_level_await() && self.is_coroutine() && !ste.generator {
            f |= flags::COROUTINE;
        }
        f
    }

    /// Assemble the current unit into a code object (the caller exits the
    /// scope afterwards).
    pub fn assemble(&mut self, add_none: bool) -> Result<CodeObject, CompileError> {
        // Make sure every block that falls off the end returns None.
        let cur = self.u.curblock;
        if !self.u.cfg.blocks[cur].has_return {
            self.unset_loc();
            if add_none {
                self.load_const(Constant::None);
            }
            self.addop(Opcode::ReturnValue);
        }
        let flags = self.code_flags();
        crate::assemble::assemble(&mut self.u, self.filename, flags).map_err(error::internal)
    }

    /// `compiler_make_closure`: MAKE_FUNCTION for a code object, with its
    /// closure tuple if it has free variables.
    pub fn make_closure(&mut self, code: Rc<CodeObject>, mut flags: u32) -> CResult {
        let frees = code.freevars();
        if !frees.is_empty() {
            for name in &frees {
                // A name both local and free in a class is a cell there.
                let reftype = if self.u.scope_type == ScopeType::Class && name == "__class__" {
                    Scope::Cell
                } else {
                    self.ste().scope(name)
                };
                let arg = if reftype == Scope::Cell {
                    self.u.cellvars.index_of(name)
                } else {
                    self.u.freevars.index_of(name).map(|i| i + self.u.cellvars.len())
                };
                let Some(arg) = arg else {
                    return Err(error::internal(format!(
                        "compiler_lookup_arg(name='{name}') failed in {}",
                        self.u.name
                    )));
                };
                self.addop_i(Opcode::LoadClosure, arg as u32);
            }
            flags |= 0x08;
            self.addop_i(Opcode::BuildTuple, frees.len() as u32);
        }
        self.load_const(Constant::Code(code));
        self.addop_i(Opcode::MakeFunction, flags);
        Ok(())
    }
}

fn scope_of(flags: u32) -> Scope {
    use crate::symtable::{SCOPE_MASK, SCOPE_OFFSET};
    match (flags >> SCOPE_OFFSET) & SCOPE_MASK {
        1 => Scope::Local,
        2 => Scope::GlobalExplicit,
        3 => Scope::GlobalImplicit,
        4 => Scope::Free,
        5 => Scope::Cell,
        _ => Scope::Unknown,
    }
}

impl Unit<'_> {
    fn placeholder() -> Self {
        Unit {
            ste: usize::MAX,
            name: Ident::default(),
            qualname: String::new(),
            scope_type: ScopeType::Module,
            consts: ConstPool::default(),
            names: IndexSet::new(),
            varnames: IndexSet::new(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            private: None,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            cfg: Cfg::default(),
            curblock: 0,
            fblocks: Vec::new(),
            firstlineno: 0,
            loc: Loc::NONE,
            need_new_implicit_block: false,
            extra_coroutine: false,
        }
    }
}

/// `find_ann`: does the body (not nested functions or classes) annotate a
/// variable? Then the module or class gets `__annotations__`.
pub fn find_ann(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } => find_ann(body),
        // (3.11.4+ also looks into match cases.)
        StmtKind::Match { cases, .. } => cases.iter().any(|c| find_ann(&c.body)),
        StmtKind::Try(t) => {
            t.handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(&t.body)
                || find_ann(&t.finalbody)
                || find_ann(&t.orelse)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests;
