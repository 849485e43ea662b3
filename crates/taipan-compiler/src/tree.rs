//! The tree the compiler works on: CPython's AST after `ast_opt.c`.
//!
//! CPython folds constants in place before it builds the symbol table, and a
//! folded constant may be a tuple or a frozenset, which the parser's AST
//! cannot hold. So the optimizer (`optimize.rs`) copies the parser's tree into
//! this one, folding as it goes; the symbol table and the code generator only
//! ever see this tree. The shapes are the parser's, field for field, except
//! that a `Constant` holds a code-object constant.
//!
//! A position of `NO_POS` stands for CPython's `-1` (nodes the optimizer
//! synthesizes, such as the pieces of a folded `%` format, have none).

use taipan_syntax::ast::{BoolOperator, CmpOp, ExprContext, Ident, Operator, Range, UnaryOperator};

use crate::code::Constant;

/// CPython's `-1` position.
pub const NO_POS: u32 = u32::MAX;

/// A module, an interactive statement or an expression (the three `compile()` modes).
pub enum Module {
    Module(Vec<Stmt>),
    Interactive(Vec<Stmt>),
    Expression(Box<Expr>),
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub range: Range,
}

#[derive(Debug)]
pub enum StmtKind {
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return { value: Option<Box<Expr>> },
    Delete { targets: Vec<Expr> },
    Assign { targets: Vec<Expr>, value: Box<Expr> },
    AugAssign { target: Box<Expr>, op: Operator, value: Box<Expr> },
    AnnAssign { target: Box<Expr>, annotation: Box<Expr>, value: Option<Box<Expr>>, simple: bool },
    For(Box<For>),
    While { test: Box<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
    If { test: Box<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
    With { items: Vec<WithItem>, body: Vec<Stmt>, is_async: bool },
    Match { subject: Box<Expr>, cases: Vec<MatchCase> },
    Raise { exc: Option<Box<Expr>>, cause: Option<Box<Expr>> },
    Try(Box<Try>),
    Assert { test: Box<Expr>, msg: Option<Box<Expr>> },
    Import { names: Vec<Alias> },
    ImportFrom { module: Option<Ident>, names: Vec<Alias>, level: i32 },
    Global { names: Vec<Ident> },
    Nonlocal { names: Vec<Ident> },
    Expr { value: Box<Expr> },
    Pass,
    Break,
    Continue,
}

/// `FunctionDef` and `AsyncFunctionDef`.
#[derive(Debug)]
pub struct FunctionDef {
    pub name: Ident,
    pub args: Arguments,
    pub body: Vec<Stmt>,
    pub decorator_list: Vec<Expr>,
    pub returns: Option<Expr>,
    pub is_async: bool,
}

#[derive(Debug)]
pub struct ClassDef {
    pub name: Ident,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorator_list: Vec<Expr>,
}

/// `For` and `AsyncFor`.
#[derive(Debug)]
pub struct For {
    pub target: Expr,
    pub iter: Expr,
    pub body: Vec<Stmt>,
    pub orelse: Vec<Stmt>,
    pub is_async: bool,
}

/// `Try` and `TryStar`.
#[derive(Debug)]
pub struct Try {
    pub body: Vec<Stmt>,
    pub handlers: Vec<ExceptHandler>,
    pub orelse: Vec<Stmt>,
    pub finalbody: Vec<Stmt>,
    pub is_star: bool,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: Range,
}

#[derive(Debug)]
pub enum ExprKind {
    BoolOp {
        op: BoolOperator,
        values: Vec<Expr>,
    },
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: Operator,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOperator,
        operand: Box<Expr>,
    },
    Lambda {
        args: Box<Arguments>,
        body: Box<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    Set {
        elts: Vec<Expr>,
    },
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Await {
        value: Box<Expr>,
    },
    Yield {
        value: Option<Box<Expr>>,
    },
    YieldFrom {
        value: Box<Expr>,
    },
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    FormattedValue {
        value: Box<Expr>,
        conversion: i32,
        format_spec: Option<Box<Expr>>,
    },
    JoinedStr {
        values: Vec<Expr>,
    },
    /// `u_prefix` is the parser's `kind == "u"` (only the unparser reads it).
    Constant {
        value: Constant,
        u_prefix: bool,
    },
    Attribute {
        value: Box<Expr>,
        attr: Ident,
        ctx: ExprContext,
    },
    Subscript {
        value: Box<Expr>,
        slice: Box<Expr>,
        ctx: ExprContext,
    },
    Starred {
        value: Box<Expr>,
        ctx: ExprContext,
    },
    Name {
        id: Ident,
        ctx: ExprContext,
    },
    List {
        elts: Vec<Expr>,
        ctx: ExprContext,
    },
    Tuple {
        elts: Vec<Expr>,
        ctx: ExprContext,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

#[derive(Debug)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Debug)]
pub struct ExceptHandler {
    pub type_: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub range: Range,
}

#[derive(Debug)]
pub struct Arguments {
    pub posonlyargs: Vec<Arg>,
    pub args: Vec<Arg>,
    pub vararg: Option<Arg>,
    pub kwonlyargs: Vec<Arg>,
    pub kw_defaults: Vec<Option<Expr>>,
    pub kwarg: Option<Arg>,
    pub defaults: Vec<Expr>,
}

#[derive(Debug)]
pub struct Arg {
    pub arg: Ident,
    pub annotation: Option<Expr>,
    pub range: Range,
}

#[derive(Debug)]
pub struct Keyword {
    pub arg: Option<Ident>,
    pub value: Expr,
    pub range: Range,
}

#[derive(Debug)]
pub struct Alias {
    pub name: Ident,
    pub asname: Option<Ident>,
    pub range: Range,
}

#[derive(Debug)]
pub struct WithItem {
    pub context_expr: Expr,
    pub optional_vars: Option<Expr>,
}

#[derive(Debug)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    pub range: Range,
}

#[derive(Debug)]
pub enum PatternKind {
    MatchValue { value: Box<Expr> },
    MatchSingleton { value: Constant },
    MatchSequence { patterns: Vec<Pattern> },
    MatchMapping { keys: Vec<Expr>, patterns: Vec<Pattern>, rest: Option<Ident> },
    MatchClass { cls: Box<Expr>, patterns: Vec<Pattern>, kwd_attrs: Vec<Ident>, kwd_patterns: Vec<Pattern> },
    MatchStar { name: Option<Ident> },
    MatchAs { pattern: Option<Box<Pattern>>, name: Option<Ident> },
    MatchOr { patterns: Vec<Pattern> },
}

impl Expr {
    /// The constant this node folded to, if it is a `Constant`.
    pub fn as_constant(&self) -> Option<&Constant> {
        match &self.kind {
            ExprKind::Constant { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn is_constant(&self) -> bool {
        matches!(self.kind, ExprKind::Constant { .. })
    }

    pub fn is_starred(&self) -> bool {
        matches!(self.kind, ExprKind::Starred { .. })
    }
}

/// `_PyAST_GetDocString`: the docstring of a body, if its first statement is
/// a string constant.
pub fn docstring(body: &[Stmt]) -> Option<&Constant> {
    let StmtKind::Expr { value } = &body.first()?.kind else { return None };
    match value.as_constant() {
        Some(c @ Constant::Str(_)) => Some(c),
        _ => None,
    }
}

impl Drop for Expr {
    // Trees can be as deep as the source is long (`a+a+a+...`): drop the
    // children with the stack grown on demand instead of overflowing it.
    fn drop(&mut self) {
        let kind = std::mem::replace(&mut self.kind, ExprKind::Pass);
        stacker::maybe_grow(64 * 1024, 1024 * 1024, move || drop(kind));
    }
}

#[allow(non_upper_case_globals)]
impl ExprKind {
    /// A childless placeholder (used while dropping and while rewriting nodes).
    pub const Pass: ExprKind = ExprKind::Constant { value: Constant::None, u_prefix: false };
}
