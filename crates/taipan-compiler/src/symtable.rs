//! The symbol table (CPython's `Python/symtable.c`).
//!
//! Two passes, as in CPython. The first walks the tree and records, for every
//! scope (module, class, function, lambda, each comprehension), the raw facts
//! about each name: assigned here, a parameter, used, declared global or
//! nonlocal, imported, annotated. The second (`analyze`) decides each name's
//! scope: local, global (explicit or implicit), free or cell, passing down
//! the names bound in enclosing function scopes and passing up the free
//! names of nested scopes. A method that uses `super` or `__class__` makes
//! its class provide an implicit `__class__` cell.
//!
//! Scopes are found again by the code generator through the address of the
//! tree node that opened them (CPython keys them by AST node pointer too).

use crate::ordmap::{HashMap, HashSet};

use crate::error::CompileError;
use taipan_syntax::ast::{ExprContext, Ident, Range};

use crate::error;
use crate::optimize::{grow, recursion_error, RECURSION_LIMIT};
use crate::ordmap::OrderedMap;
use crate::tree::*;

// Flags for def-use information (`DEF_*` of pycore_symtable.h).
pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 2 << 1;
pub const DEF_NONLOCAL: u32 = 2 << 2;
pub const USE: u32 = 2 << 3;
pub const DEF_FREE: u32 = 2 << 4;
pub const DEF_FREE_CLASS: u32 = 2 << 5;
pub const DEF_IMPORT: u32 = 2 << 6;
pub const DEF_ANNOT: u32 = 2 << 7;
pub const DEF_COMP_ITER: u32 = 2 << 8;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

pub const SCOPE_OFFSET: u32 = 11;
pub const SCOPE_MASK: u32 = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;

/// The scope of a name, once analyzed (0 means unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Unknown = 0,
    Local = 1,
    GlobalExplicit = 2,
    GlobalImplicit = 3,
    Free = 4,
    Cell = 5,
}

impl Scope {
    fn from_bits(v: u32) -> Scope {
        match v {
            1 => Scope::Local,
            2 => Scope::GlobalExplicit,
            3 => Scope::GlobalImplicit,
            4 => Scope::Free,
            5 => Scope::Cell,
            _ => Scope::Unknown,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    Function,
    Class,
    Module,
    Annotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    None,
    List,
    Dict,
    Set,
    Generator,
}

pub type ScopeId = usize;

/// One symbol table entry (CPython's `PySTEntryObject`).
#[derive(Debug)]
pub struct Entry {
    pub name: Ident,
    pub kind: BlockType,
    /// Each name's flags, with its scope in the bits from `SCOPE_OFFSET` on.
    pub symbols: OrderedMap<Ident, u32>,
    /// The parameters, in order.
    pub varnames: Vec<Ident>,
    pub children: Vec<ScopeId>,
    /// `global`/`nonlocal` declarations: (mangled name, location).
    directives: Vec<(Ident, Range)>,
    pub nested: bool,
    pub free: bool,
    pub child_free: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: ComprehensionKind,
    pub varargs: bool,
    pub varkeywords: bool,
    pub returns_value: bool,
    pub needs_class_closure: bool,
    comp_iter_target: bool,
    comp_iter_expr: i32,
    pub range: Range,
}

impl Entry {
    /// `_PyST_GetSymbol`.
    pub fn symbol(&self, name: &str) -> u32 {
        self.symbols.get(name).copied().unwrap_or(0)
    }

    /// `_PyST_GetScope`.
    pub fn scope(&self, name: &str) -> Scope {
        Scope::from_bits((self.symbol(name) >> SCOPE_OFFSET) & SCOPE_MASK)
    }
}

pub struct SymbolTable {
    pub entries: Vec<Entry>,
    /// Scopes by the address of the node that opened them.
    blocks: HashMap<usize, ScopeId>,
}

impl SymbolTable {
    /// The scope a statement, lambda, comprehension or module opened.
    pub fn lookup<T>(&self, node: &T) -> Option<ScopeId> {
        self.blocks.get(&(node as *const T as usize)).copied()
    }

    pub fn top(&self) -> &Entry {
        &self.entries[0]
    }
}

/// `_Py_Mangle`: `__name` inside class `C` is `_C__name`.
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    let Some(private) = private else { return Cow::Borrowed(name) };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

type Result<T> = std::result::Result<T, CompileError>;

const GLOBAL_PARAM: &str = "name '{}' is parameter and global";
const NONLOCAL_PARAM: &str = "name '{}' is parameter and nonlocal";
const GLOBAL_AFTER_ASSIGN: &str = "name '{}' is assigned to before global declaration";
const NONLOCAL_AFTER_ASSIGN: &str = "name '{}' is assigned to before nonlocal declaration";
const GLOBAL_AFTER_USE: &str = "name '{}' is used prior to global declaration";
const NONLOCAL_AFTER_USE: &str = "name '{}' is used prior to nonlocal declaration";
const GLOBAL_ANNOT: &str = "annotated name '{}' can't be global";
const NONLOCAL_ANNOT: &str = "annotated name '{}' can't be nonlocal";
const IMPORT_STAR_WARNING: &str = "import * only allowed at module level";
const NAMED_EXPR_COMP_IN_CLASS: &str = "assignment expression within a comprehension cannot be used in a class body";
const NAMED_EXPR_COMP_CONFLICT: &str = "assignment expression cannot rebind comprehension iteration variable '{}'";
const NAMED_EXPR_COMP_INNER_LOOP_CONFLICT: &str =
    "comprehension inner loop cannot rebind assignment expression target '{}'";
const NAMED_EXPR_COMP_ITER_EXPR: &str = "assignment expression cannot be used in a comprehension iterable expression";
const DUPLICATE_ARGUMENT: &str = "duplicate argument '{}' in function definition";

fn fmt(template: &str, name: &str) -> String {
    template.replacen("{}", name, 1)
}

/// Build the symbol table of a module (`_PySymtable_Build`).
pub fn build(module: &Module, filename: &str, future_annotations: bool) -> Result<SymbolTable> {
    let mut b = Builder {
        table: SymbolTable { entries: Vec::new(), blocks: HashMap::default() },
        stack: Vec::new(),
        cur: 0,
        private: None,
        future_annotations,
        filename,
        depth: 0,
    };
    b.enter_block("top".into(), BlockType::Module, module as *const Module as usize, Range::new(0, 0, 0, 0));
    match module {
        Module::Module(body) | Module::Interactive(body) => {
            for s in body {
                b.visit_stmt(s)?;
            }
        }
        Module::Expression(e) => b.visit_expr(e)?,
    }
    b.exit_block();
    let mut table = b.table;
    analyze(&mut table, filename)?;
    Ok(table)
}

struct Builder<'a> {
    table: SymbolTable,
    /// The entries being visited, innermost last (`st_stack`).
    stack: Vec<ScopeId>,
    cur: ScopeId,
    /// The name of the class being visited, for mangling (`st_private`).
    private: Option<Ident>,
    future_annotations: bool,
    filename: &'a str,
    depth: u32,
}

impl Builder<'_> {
    fn error_at(&self, msg: String, r: Range) -> CompileError {
        error::located(
            self.filename,
            msg,
            r.lineno as i64,
            r.col_offset as i64 + 1,
            r.end_lineno as i64,
            r.end_col_offset as i64 + 1,
        )
    }

    fn cur(&mut self) -> &mut Entry {
        &mut self.table.entries[self.cur]
    }

    /// `symtable_enter_block`.
    fn enter_block(&mut self, name: Ident, kind: BlockType, key: usize, range: Range) {
        let prev = self.stack.last().copied();
        let nested =
            prev.is_some_and(|p| self.table.entries[p].nested || self.table.entries[p].kind == BlockType::Function);
        let comp_iter_expr = prev.map_or(0, |p| self.table.entries[p].comp_iter_expr);
        let id = self.table.entries.len();
        self.table.entries.push(Entry {
            name,
            kind,
            symbols: OrderedMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            directives: Vec::new(),
            nested,
            free: false,
            child_free: false,
            generator: false,
            coroutine: false,
            comprehension: ComprehensionKind::None,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            comp_iter_target: false,
            comp_iter_expr,
            range,
        });
        self.table.blocks.insert(key, id);
        self.stack.push(id);
        self.cur = id;
        // Annotation blocks (under `from __future__ import annotations`)
        // never take part in the analysis: their annotations become strings.
        if kind == BlockType::Annotation {
            return;
        }
        if let Some(p) = prev {
            self.table.entries[p].children.push(id);
        }
    }

    fn exit_block(&mut self) {
        self.stack.pop();
        if let Some(&top) = self.stack.last() {
            self.cur = top;
        }
    }

    fn lookup(&self, name: &str) -> u32 {
        let mangled = mangle(self.private.as_deref(), name);
        self.table.entries[self.cur].symbol(&mangled)
    }

    fn add_def(&mut self, name: &str, flag: u32, r: Range) -> Result<()> {
        self.add_def_in(name, flag, self.cur, r)
    }

    /// `symtable_add_def_helper`.
    fn add_def_in(&mut self, name: &str, flag: u32, scope: ScopeId, r: Range) -> Result<()> {
        let mangled: Ident = mangle(self.private.as_deref(), name).as_ref().into();
        let entry = &self.table.entries[scope];
        let mut val = match entry.symbols.get(&mangled) {
            Some(&old) => {
                if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
                    return Err(self.error_at(fmt(DUPLICATE_ARGUMENT, name), r));
                }
                old | flag
            }
            None => flag,
        };
        if entry.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.error_at(fmt(NAMED_EXPR_COMP_INNER_LOOP_CONFLICT, name), r));
            }
            val |= DEF_COMP_ITER;
        }
        let entry = &mut self.table.entries[scope];
        entry.symbols.insert(mangled.clone(), val);
        if flag & DEF_PARAM != 0 {
            entry.varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let globals = &mut self.table.entries[0].symbols;
            let v = flag | globals.get(&mangled).copied().unwrap_or(0);
            globals.insert(mangled, v);
        }
        Ok(())
    }

    fn record_directive(&mut self, name: &str, r: Range) {
        let mangled: Ident = mangle(self.private.as_deref(), name).as_ref().into();
        self.cur().directives.push((mangled, r));
    }

    fn enter_depth(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > RECURSION_LIMIT {
            return Err(recursion_error());
        }
        Ok(())
    }

    fn visit_stmts(&mut self, stmts: &[Stmt]) -> Result<()> {
        stmts.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> Result<()> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_stmt(&mut self, s: &Stmt) -> Result<()> {
        grow(|| {
            self.enter_depth()?;
            self.visit_stmt_inner(s)?;
            self.depth -= 1;
            Ok(())
        })
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.visit_function(s, f)?,
            StmtKind::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, s.range)?;
                self.visit_exprs(&c.bases)?;
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.visit_exprs(&c.decorator_list)?;
                self.enter_block(c.name.clone(), BlockType::Class, s as *const Stmt as usize, s.range);
                let saved = self.private.replace(c.name.clone());
                self.visit_stmts(&c.body)?;
                self.private = saved;
                self.exit_block();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                    self.cur().returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.visit_ann_assign(s, target, annotation, value.as_deref(), *simple)?
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for c in cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                    }
                }
            }
            StmtKind::Try(t) => {
                self.visit_stmts(&t.body)?;
                self.visit_stmts(&t.orelse)?;
                for h in &t.handlers {
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name, DEF_LOCAL, h.range)?;
                    }
                    self.visit_stmts(&h.body)?;
                }
                self.visit_stmts(&t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.visit_alias(a)?;
                }
            }
            StmtKind::Global { names } => self.visit_global(s, names, true)?,
            StmtKind::Nonlocal { names } => self.visit_global(s, names, false)?,
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_stmts(body)?;
            }
        }
        Ok(())
    }

    fn visit_function(&mut self, s: &Stmt, f: &FunctionDef) -> Result<()> {
        self.add_def(&f.name, DEF_LOCAL, s.range)?;
        self.visit_exprs(&f.args.defaults)?;
        for d in f.args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        self.visit_annotations(s, &f.args, f.returns.as_ref())?;
        self.visit_exprs(&f.decorator_list)?;
        self.enter_block(f.name.clone(), BlockType::Function, s as *const Stmt as usize, s.range);
        if f.is_async {
            self.cur().coroutine = true;
        }
        self.visit_params(&f.args)?;
        self.visit_stmts(&f.body)?;
        self.exit_block();
        Ok(())
    }

    fn visit_ann_assign(
        &mut self,
        s: &Stmt,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) -> Result<()> {
        if let ExprKind::Name { id, .. } = &target.kind {
            let cur = self.lookup(id);
            if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur != 0 && simple {
                let template = if cur & DEF_GLOBAL != 0 { GLOBAL_ANNOT } else { NONLOCAL_ANNOT };
                return Err(self.error_at(fmt(template, id), s.range));
            }
            if simple {
                self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.range)?;
            } else if value.is_some() {
                self.add_def(id, DEF_LOCAL, target.range)?;
            }
        } else {
            self.visit_expr(target)?;
        }
        self.visit_annotation(annotation)?;
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        Ok(())
    }

    fn visit_global(&mut self, s: &Stmt, names: &[Ident], global: bool) -> Result<()> {
        for name in names {
            let cur = self.lookup(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let template = match (global, cur) {
                    (true, c) if c & DEF_PARAM != 0 => GLOBAL_PARAM,
                    (true, c) if c & USE != 0 => GLOBAL_AFTER_USE,
                    (true, c) if c & DEF_ANNOT != 0 => GLOBAL_ANNOT,
                    (true, _) => GLOBAL_AFTER_ASSIGN,
                    (false, c) if c & DEF_PARAM != 0 => NONLOCAL_PARAM,
                    (false, c) if c & USE != 0 => NONLOCAL_AFTER_USE,
                    (false, c) if c & DEF_ANNOT != 0 => NONLOCAL_ANNOT,
                    (false, _) => NONLOCAL_AFTER_ASSIGN,
                };
                return Err(self.error_at(fmt(template, name), s.range));
            }
            self.add_def(name, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, s.range)?;
            self.record_directive(name, s.range);
        }
        Ok(())
    }

    fn visit_alias(&mut self, a: &Alias) -> Result<()> {
        let name = a.asname.as_ref().unwrap_or(&a.name);
        if name == "*" {
            if self.table.entries[self.cur].kind != BlockType::Module {
                return Err(self.error_at(IMPORT_STAR_WARNING.to_string(), a.range));
            }
            return Ok(());
        }
        let store_name = match name.find('.') {
            Some(dot) => &name[..dot],
            None => name.as_str(),
        };
        self.add_def(store_name, DEF_IMPORT, a.range)
    }

    /// `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds
    /// in the nearest enclosing function or module.
    fn extend_namedexpr_scope(&mut self, target: &Expr) -> Result<()> {
        let ExprKind::Name { id, .. } = &target.kind else { return Ok(()) };
        for i in (0..self.stack.len()).rev() {
            let sid = self.stack[i];
            let entry = &self.table.entries[sid];
            if entry.comprehension != ComprehensionKind::None {
                if entry.symbol(id) & DEF_COMP_ITER != 0 {
                    return Err(self.error_at(fmt(NAMED_EXPR_COMP_CONFLICT, id), target.range));
                }
                continue;
            }
            match entry.kind {
                BlockType::Function => {
                    let flag = if entry.symbol(id) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(id, flag, target.range)?;
                    self.record_directive(id, target.range);
                    return self.add_def_in(id, DEF_LOCAL, sid, target.range);
                }
                BlockType::Module => {
                    self.add_def(id, DEF_GLOBAL, target.range)?;
                    self.record_directive(id, target.range);
                    return self.add_def_in(id, DEF_GLOBAL, sid, target.range);
                }
                BlockType::Class => {
                    return Err(self.error_at(NAMED_EXPR_COMP_IN_CLASS.to_string(), target.range));
                }
                BlockType::Annotation => {}
            }
        }
        Ok(())
    }

    fn raise_if_annotation_block(&self, what: &str, e: &Expr) -> Result<()> {
        if self.table.entries[self.cur].kind == BlockType::Annotation {
            return Err(self.error_at(format!("'{what}' can not be used within an annotation"), e.range));
        }
        Ok(())
    }

    fn raise_if_comprehension_block(&self, e: &Expr) -> Result<()> {
        let msg = match self.table.entries[self.cur].comprehension {
            ComprehensionKind::List => "'yield' inside list comprehension",
            ComprehensionKind::Set => "'yield' inside set comprehension",
            ComprehensionKind::Dict => "'yield' inside dict comprehension",
            _ => "'yield' inside generator expression",
        };
        Err(self.error_at(msg.to_string(), e.range))
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<()> {
        grow(|| {
            self.enter_depth()?;
            self.visit_expr_inner(e)?;
            self.depth -= 1;
            Ok(())
        })
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.raise_if_annotation_block("named expression", e)?;
                if self.table.entries[self.cur].comp_iter_expr > 0 {
                    return Err(self.error_at(NAMED_EXPR_COMP_ITER_EXPR.to_string(), e.range));
                }
                if self.table.entries[self.cur].comprehension != ComprehensionKind::None {
                    self.extend_namedexpr_scope(target)?;
                }
                self.visit_expr(value)?;
                self.visit_expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.enter_block("lambda".into(), BlockType::Function, e as *const Expr as usize, e.range);
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.exit_block();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.visit_expr(k)?;
                }
                self.visit_exprs(values)?;
            }
            ExprKind::Set { elts } => self.visit_exprs(elts)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, "genexpr", ComprehensionKind::Generator, generators, elt, None)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, "listcomp", ComprehensionKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, "setcomp", ComprehensionKind::Set, generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.visit_comprehension(e, "dictcomp", ComprehensionKind::Dict, generators, key, Some(value))?
            }
            ExprKind::Yield { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.cur().generator = true;
                if self.table.entries[self.cur].comprehension != ComprehensionKind::None {
                    return self.raise_if_comprehension_block(e);
                }
            }
            ExprKind::YieldFrom { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                self.visit_expr(value)?;
                self.cur().generator = true;
                if self.table.entries[self.cur].comprehension != ComprehensionKind::None {
                    return self.raise_if_comprehension_block(e);
                }
            }
            ExprKind::Await { value } => {
                self.raise_if_annotation_block("await expression", e)?;
                self.visit_expr(value)?;
                self.cur().coroutine = true;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.visit_expr(value)?;
                if let Some(f) = format_spec {
                    self.visit_expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load { USE } else { DEF_LOCAL };
                self.add_def(id, flag, e.range)?;
                // `super()` needs the class cell: it counts as a use of `__class__`.
                if *ctx == ExprContext::Load
                    && self.table.entries[self.cur].kind == BlockType::Function
                    && id == "super"
                {
                    self.add_def("__class__", USE, e.range)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts)?,
        }
        Ok(())
    }

    fn visit_pattern(&mut self, p: &Pattern) -> Result<()> {
        grow(|| {
            self.enter_depth()?;
            self.visit_pattern_inner(p)?;
            self.depth -= 1;
            Ok(())
        })
    }

    fn visit_pattern_inner(&mut self, p: &Pattern) -> Result<()> {
        match &p.kind {
            PatternKind::MatchValue { value } => self.visit_expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.visit_pattern(q)?;
                }
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.range)?;
                }
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.visit_exprs(keys)?;
                for q in patterns {
                    self.visit_pattern(q)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, p.range)?;
                }
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.visit_expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(q)?;
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.visit_pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.range)?;
                }
            }
        }
        Ok(())
    }

    /// `symtable_visit_arguments`: the parameters, inside the function block.
    fn visit_params(&mut self, a: &Arguments) -> Result<()> {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.range)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.range)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.range)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, annotation: &Expr) -> Result<()> {
        if self.future_annotations {
            let key = annotation as *const Expr as usize;
            self.enter_block("_annotation".into(), BlockType::Annotation, key, annotation.range);
        }
        self.visit_expr(annotation)?;
        if self.future_annotations {
            self.exit_block();
        }
        Ok(())
    }

    /// `symtable_visit_annotations`: a function's parameter and return
    /// annotations, evaluated in the enclosing scope.
    fn visit_annotations(&mut self, s: &Stmt, a: &Arguments, returns: Option<&Expr>) -> Result<()> {
        if self.future_annotations {
            self.enter_block("_annotation".into(), BlockType::Annotation, s as *const Stmt as usize, s.range);
        }
        let args = a.posonlyargs.iter().chain(&a.args);
        let rest = a.vararg.iter().chain(&a.kwarg).chain(&a.kwonlyargs);
        for arg in args.chain(rest) {
            if let Some(ann) = &arg.annotation {
                self.visit_expr(ann)?;
            }
        }
        if self.future_annotations {
            self.exit_block();
        }
        if let Some(r) = returns {
            self.visit_annotation(r)?;
        }
        Ok(())
    }

    /// `symtable_handle_comprehension`: the outermost iterable is evaluated
    /// in the enclosing scope, the rest in the comprehension's own scope,
    /// which receives the iterator as its implicit parameter `.0`.
    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Result<()> {
        let Some(outermost) = generators.first() else { return Ok(()) };
        self.cur().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur().comp_iter_expr -= 1;
        self.enter_block(name.into(), BlockType::Function, e as *const Expr as usize, e.range);
        self.cur().comprehension = kind;
        if outermost.is_async {
            self.cur().coroutine = true;
        }
        let range = self.table.entries[self.cur].range;
        self.add_def(".0", DEF_PARAM, range)?;
        self.cur().comp_iter_target = true;
        self.visit_expr(&outermost.target)?;
        self.cur().comp_iter_target = false;
        self.visit_exprs(&outermost.ifs)?;
        for gen in &generators[1..] {
            self.cur().comp_iter_target = true;
            self.visit_expr(&gen.target)?;
            self.cur().comp_iter_target = false;
            self.cur().comp_iter_expr += 1;
            self.visit_expr(&gen.iter)?;
            self.cur().comp_iter_expr -= 1;
            self.visit_exprs(&gen.ifs)?;
            if gen.is_async {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let is_generator = kind == ComprehensionKind::Generator;
        self.cur().generator = is_generator;
        let is_async = self.table.entries[self.cur].coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }
}

/// The second pass (`symtable_analyze`).
fn analyze(table: &mut SymbolTable, filename: &str) -> Result<()> {
    let mut free = HashSet::default();
    let mut global = HashSet::default();
    analyze_block(table, filename, 0, None, &mut free, &mut global)
}

type NameSet = HashSet<Ident>;

fn directive_error(table: &SymbolTable, filename: &str, scope: ScopeId, name: &str, msg: String) -> CompileError {
    match table.entries[scope].directives.iter().find(|(n, _)| n == name) {
        Some((_, r)) => error::located(
            filename,
            msg,
            r.lineno as i64,
            r.col_offset as i64 + 1,
            r.end_lineno as i64,
            r.end_col_offset as i64 + 1,
        ),
        None => error::internal("BUG: internal directive bookkeeping broken"),
    }
}

/// `analyze_name`: decide the scope of one name of one block.
#[allow(clippy::too_many_arguments)]
fn analyze_name(
    table: &mut SymbolTable,
    filename: &str,
    scope: ScopeId,
    scopes: &mut HashMap<Ident, Scope>,
    name: &Ident,
    flags: u32,
    mut bound: Option<&mut NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<()> {
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            let msg = format!("name '{name}' is nonlocal and global");
            return Err(directive_error(table, filename, scope, name, msg));
        }
        scopes.insert(name.clone(), Scope::GlobalExplicit);
        global.insert(name.clone());
        if let Some(b) = bound.as_deref_mut() {
            b.remove(name);
        }
        return Ok(());
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(b) = bound.as_deref() else {
            let msg = "nonlocal declaration not allowed at module level".to_string();
            return Err(directive_error(table, filename, scope, name, msg));
        };
        if !b.contains(name) {
            let msg = format!("no binding for nonlocal '{name}' found");
            return Err(directive_error(table, filename, scope, name, msg));
        }
        scopes.insert(name.clone(), Scope::Free);
        table.entries[scope].free = true;
        free.insert(name.clone());
        return Ok(());
    }
    if flags & DEF_BOUND != 0 {
        scopes.insert(name.clone(), Scope::Local);
        local.insert(name.clone());
        global.remove(name);
        return Ok(());
    }
    // Bound in an enclosing function: free here, not global.
    if bound.as_deref().is_some_and(|b| b.contains(name)) {
        scopes.insert(name.clone(), Scope::Free);
        table.entries[scope].free = true;
        free.insert(name.clone());
        return Ok(());
    }
    if global.contains(name) {
        scopes.insert(name.clone(), Scope::GlobalImplicit);
        return Ok(());
    }
    if table.entries[scope].nested {
        table.entries[scope].free = true;
    }
    scopes.insert(name.clone(), Scope::GlobalImplicit);
    Ok(())
}

/// `analyze_block`.
fn analyze_block(
    table: &mut SymbolTable,
    filename: &str,
    scope: ScopeId,
    mut bound: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<()> {
    let mut local = NameSet::default();
    let mut scopes: HashMap<Ident, Scope> = HashMap::default();
    let mut newglobal = NameSet::default();
    let mut newfree = NameSet::default();
    let mut newbound = NameSet::default();
    let kind = table.entries[scope].kind;

    // Class bindings are not visible in methods: the sets passed down are
    // made before the class's own names are analyzed.
    if kind == BlockType::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
    }

    let symbols: Vec<(Ident, u32)> = table.entries[scope].symbols.iter().map(|(k, v)| (k.clone(), *v)).collect();
    for (name, flags) in &symbols {
        analyze_name(
            table,
            filename,
            scope,
            &mut scopes,
            name,
            *flags,
            bound.as_deref_mut(),
            &mut local,
            free,
            global,
        )?;
    }

    if kind != BlockType::Class {
        if kind == BlockType::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
    }

    let mut allfree = NameSet::default();
    let children = table.entries[scope].children.clone();
    for child in children {
        let mut temp_bound = newbound.clone();
        let mut temp_free = newfree.clone();
        let mut temp_global = newglobal.clone();
        analyze_block(table, filename, child, Some(&mut temp_bound), &mut temp_free, &mut temp_global)?;
        allfree.extend(temp_free);
        let c = &table.entries[child];
        if c.free || c.child_free {
            table.entries[scope].child_free = true;
        }
    }
    newfree.extend(allfree);

    if kind == BlockType::Function {
        analyze_cells(&mut scopes, &mut newfree);
    } else if kind == BlockType::Class && newfree.remove("__class__") {
        table.entries[scope].needs_class_closure = true;
    }
    update_symbols(&mut table.entries[scope].symbols, &scopes, bound.as_deref(), &newfree, kind == BlockType::Class);
    free.extend(newfree);
    Ok(())
}

/// `analyze_cells`: a local that a nested scope uses is a cell.
fn analyze_cells(scopes: &mut HashMap<Ident, Scope>, free: &mut NameSet) {
    for (name, scope) in scopes.iter_mut() {
        if *scope == Scope::Local && free.remove(name) {
            *scope = Scope::Cell;
        }
    }
}

/// `update_symbols`: record the scopes, and add the free names of nested
/// scopes that pass through this one.
fn update_symbols(
    symbols: &mut OrderedMap<Ident, u32>,
    scopes: &HashMap<Ident, Scope>,
    bound: Option<&NameSet>,
    free: &NameSet,
    is_class: bool,
) {
    for i in 0..symbols.len() {
        let name = symbols.key_at(i).clone();
        let scope = scopes.get(&name).copied().unwrap_or(Scope::Unknown) as u32;
        *symbols.value_at_mut(i) |= scope << SCOPE_OFFSET;
    }
    // A sorted walk keeps the symbol order independent of hashing.
    let mut names: Vec<&Ident> = free.iter().collect();
    names.sort();
    for name in names {
        if let Some(v) = symbols.get_mut(name) {
            // A method's free variable with the name of a class-level
            // binding: the class passes the outer binding through.
            if is_class && *v & (DEF_BOUND | DEF_GLOBAL) != 0 {
                *v |= DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|b| !b.contains(name)) {
            continue;
        }
        symbols.insert(name.clone(), (Scope::Free as u32) << SCOPE_OFFSET);
    }
}

#[cfg(test)]
mod tests;
