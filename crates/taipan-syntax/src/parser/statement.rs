//! Statements (Grammar/python.gram: STARTING RULES, GENERAL STATEMENTS,
//! SIMPLE STATEMENTS, COMPOUND STATEMENTS).

use super::target::{is_valid_single_target, is_valid_star_target, set_context};
use super::Parser;
use crate::ast::*;
use crate::token::TokenKind as T;

impl<'a> Parser<'a> {
    // ---- start rules ---------------------------------------------------------------

    /// file: [statements] ENDMARKER
    pub(super) fn file(&mut self) -> Option<Mod> {
        let body = self.statements();
        if self.error.is_some() {
            return None;
        }
        self.expect(T::EndMarker)?;
        let type_ignores = std::mem::take(&mut self.type_ignores);
        Some(Mod::Module { body, type_ignores })
    }

    /// eval: expressions NEWLINE* ENDMARKER
    pub(super) fn eval(&mut self) -> Option<Mod> {
        let body = self.expressions()?;
        while self.expect(T::Newline).is_some() {}
        self.expect(T::EndMarker)?;
        Some(Mod::Expression { body: Box::new(body) })
    }

    /// func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER
    pub(super) fn func_type(&mut self) -> Option<Mod> {
        self.expect(T::LPar)?;
        let argtypes = if self.peek() == T::RPar { Vec::new() } else { self.type_expressions()? };
        self.expect(T::RPar)?;
        self.expect(T::RArrow)?;
        let returns = self.expression()?;
        while self.expect(T::Newline).is_some() {}
        self.expect(T::EndMarker)?;
        Some(Mod::FunctionType { argtypes, returns: Box::new(returns) })
    }

    /// type_expressions: ','.expression+ [',' '*' expression] [',' '**' expression]
    ///     | '*' expression [',' '**' expression] | '**' expression
    /// (the starred types are plain expressions in the list, as in CPython).
    fn type_expressions(&mut self) -> Option<Vec<Expr>> {
        let mut out = Vec::new();
        while !matches!(self.peek(), T::Star | T::DoubleStar) {
            out.push(self.expression()?);
            if self.expect(T::Comma).is_none() {
                return Some(out);
            }
        }
        if self.expect(T::Star).is_some() {
            out.push(self.expression()?);
            if self.expect(T::Comma).is_none() {
                return Some(out);
            }
        }
        self.expect(T::DoubleStar)?;
        out.push(self.expression()?);
        Some(out)
    }

    /// interactive: statement_newline
    pub(super) fn interactive(&mut self) -> Option<Mod> {
        let start = self.mark;
        let mut body = Vec::new();
        match self.peek() {
            T::Newline => {
                self.mark += 1;
                body.push(Stmt::new(StmtKind::Pass, self.token_range(start)));
            }
            T::EndMarker => {
                self.interactive_exit = true;
                return None;
            }
            _ => {
                // (`fill_token` turns the end of input into the NEWLINE that
                // ends a compound statement.)
                if let Some(s) = self.alt(|p| {
                    let s = p.compound_stmt()?;
                    p.expect(T::Newline)?;
                    Some(s)
                }) {
                    body.push(s);
                } else {
                    if self.error.is_some() {
                        return None;
                    }
                    body = self.simple_stmts_vec()?;
                }
            }
        }
        Some(Mod::Interactive { body })
    }

    /// fstring: star_expressions
    pub(super) fn fstring_rule(&mut self) -> Option<Expr> {
        self.star_expressions()
    }

    // ---- statement lists -------------------------------------------------------------

    /// statements: statement+ (empty when none matched). The statements
    /// gather on `stmt_stack`, shared by every nesting level, and move
    /// into a body of exactly their number at the end: no body grows by
    /// reallocation and no line of simple statements has a list of its own.
    fn statements(&mut self) -> Vec<Stmt> {
        let base = self.stmt_stack.len();
        loop {
            let m = self.mark;
            let len = self.stmt_stack.len();
            if !self.statement() {
                self.stmt_stack.truncate(len);
                self.mark = m;
                break;
            }
        }
        self.stmt_stack.drain(base..).collect()
    }

    /// statement: compound_stmt | simple_stmts (pushed on `stmt_stack`)
    fn statement(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        let m = self.mark;
        if let Some(s) = self.compound_stmt() {
            self.stmt_stack.push(s);
            return true;
        }
        if self.error.is_some() {
            return false;
        }
        self.mark = m;
        self.simple_stmts()
    }

    /// `simple_stmts` as a list of its own (a one-line block, or
    /// interactive input).
    fn simple_stmts_vec(&mut self) -> Option<Vec<Stmt>> {
        let base = self.stmt_stack.len();
        let ok = self.simple_stmts();
        let body: Vec<Stmt> = self.stmt_stack.drain(base..).collect();
        ok.then_some(body)
    }

    /// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
    /// (pushed on `stmt_stack`; nothing is left there when they fail).
    fn simple_stmts(&mut self) -> bool {
        let base = self.stmt_stack.len();
        let ok = self.simple_stmts_onto_stack();
        if !ok {
            self.stmt_stack.truncate(base);
        }
        ok
    }

    fn simple_stmts_onto_stack(&mut self) -> bool {
        let Some(first) = self.simple_stmt() else {
            return false;
        };
        self.stmt_stack.push(first);
        loop {
            let m = self.mark;
            if self.expect(T::Semi).is_none() {
                break;
            }
            match self.alt(|p| p.simple_stmt()) {
                Some(s) => self.stmt_stack.push(s),
                None => {
                    if self.error.is_some() {
                        return false;
                    }
                    self.mark = m + 1; // a trailing ';'
                    break;
                }
            }
        }
        self.expect(T::Newline).is_some()
    }

    /// simple_stmt: assignment | star_expressions | return_stmt | import_stmt
    ///     | raise_stmt | 'pass' | del_stmt | yield_stmt | assert_stmt | 'break'
    ///     | 'continue' | global_stmt | nonlocal_stmt
    fn simple_stmt(&mut self) -> Option<Stmt> {
        if self.error.is_some() {
            return None;
        }
        let start = self.mark;
        let simple = |p: &mut Self, kind: StmtKind| {
            p.mark += 1;
            Some(Stmt::new(kind, p.range_from(start)))
        };
        match self.peek() {
            T::Return => self.return_stmt(),
            T::Import => self.import_name(),
            T::From => self.import_from(),
            T::Raise => self.raise_stmt(),
            T::Pass => simple(self, StmtKind::Pass),
            T::Break => simple(self, StmtKind::Break),
            T::Continue => simple(self, StmtKind::Continue),
            T::Del => self.del_stmt(),
            T::Assert => self.assert_stmt(),
            T::Global | T::Nonlocal => self.global_stmt(),
            T::Yield if !self.invalid_pass => {
                let value = self.yield_expr()?;
                Some(Stmt::new(StmtKind::Expr { value: Box::new(value) }, self.range_from(start)))
            }
            _ => {
                if self.invalid_pass {
                    self.assignment_or_expression_pass2()
                } else {
                    self.assignment_or_expression()
                }
            }
        }
    }

    // ---- assignments ---------------------------------------------------------------------

    /// `assignment | star_expressions` in the first pass: the left-hand side is
    /// parsed once as an expression and then checked as a target, which gives
    /// the same tree as parsing it with the target rules.
    fn assignment_or_expression(&mut self) -> Option<Stmt> {
        let start = self.mark;
        if self.at(T::Name) && self.peek_n(1) == T::Colon {
            let target = self.name_expr(ExprContext::Store)?;
            self.mark += 1;
            return self.ann_assign_rest(start, target, 1);
        }
        let first = if self.at(T::Yield) { self.yield_expr()? } else { self.star_expressions()? };
        match self.peek() {
            T::Equal => {
                // A target is checked before what follows its '=' is read,
                // as CPython's `(star_targets '=')+` does: the first pass
                // then stops where CPython's does (codeop's "incomplete
                // input" depends on it).
                if !is_valid_star_target(&first) {
                    return None;
                }
                let mut targets = vec![first];
                loop {
                    self.mark += 1;
                    let value = if self.at(T::Yield) { self.yield_expr()? } else { self.star_expressions()? };
                    if self.at(T::Equal) {
                        if !is_valid_star_target(&value) {
                            return None;
                        }
                        targets.push(value);
                        continue;
                    }
                    let targets = targets.into_iter().map(|t| set_context(t, ExprContext::Store)).collect();
                    let type_comment = self.opt_type_comment();
                    return Some(Stmt::new(
                        StmtKind::Assign { targets, value: Box::new(value), type_comment },
                        self.range_from(start),
                    ));
                }
            }
            T::Colon => {
                // '(' single_target ')' | single_subscript_attribute_target
                let ok = match &first.kind {
                    ExprKind::Name { .. } => self.token(start).kind == T::LPar,
                    ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => true,
                    _ => false,
                };
                if !ok {
                    return None;
                }
                self.mark += 1;
                self.ann_assign_rest(start, set_context(first, ExprContext::Store), 0)
            }
            kind => {
                if let Some(op) = augassign_op(kind) {
                    if !is_valid_single_target(&first) {
                        return None;
                    }
                    self.mark += 1;
                    if op == Operator::MatMult && !self.check_version(5, "The '@' operator is") {
                        return None;
                    }
                    let value = if self.at(T::Yield) { self.yield_expr()? } else { self.star_expressions()? };
                    return Some(Stmt::new(
                        StmtKind::AugAssign {
                            target: Box::new(set_context(first, ExprContext::Store)),
                            op,
                            value: Box::new(value),
                        },
                        self.range_from(start),
                    ));
                }
                if matches!(first.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
                    // `yield_stmt` spans the same tokens as its expression.
                }
                Some(Stmt::new(StmtKind::Expr { value: Box::new(first) }, self.range_from(start)))
            }
        }
    }

    /// After `target ':'`: expression ['=' annotated_rhs]
    fn ann_assign_rest(&mut self, start: usize, target: Expr, simple: i32) -> Option<Stmt> {
        let annotation = self.expression()?;
        let mut value = None;
        if self.at(T::Equal) {
            let m = self.mark;
            self.mark += 1;
            match self.alt(|p| p.annotated_rhs()) {
                Some(v) => value = Some(Box::new(v)),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        let what = if simple == 1 { "Variable annotation syntax is" } else { "Variable annotations syntax is" };
        if !self.check_version(6, what) {
            return None;
        }
        Some(Stmt::new(
            StmtKind::AnnAssign { target: Box::new(target), annotation: Box::new(annotation), value, simple },
            self.range_from(start),
        ))
    }

    /// annotated_rhs: yield_expr | star_expressions
    fn annotated_rhs(&mut self) -> Option<Expr> {
        if self.at(T::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// The grammar's `assignment` followed by the rest of `simple_stmt`, in
    /// order, for the second pass.
    fn assignment_or_expression_pass2(&mut self) -> Option<Stmt> {
        let start = self.mark;
        // NAME ':' expression ['=' annotated_rhs]
        if self.at(T::Name) && self.peek_n(1) == T::Colon {
            let r = self.alt(|p| {
                let target = p.name_expr(ExprContext::Store)?;
                p.mark += 1;
                p.ann_assign_rest(start, target, 1)
            });
            if r.is_some() || self.error.is_some() {
                return r;
            }
        }
        // ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
        let r = self.alt(|p| {
            let target = if p.at(T::LPar) {
                let paren = p.alt(|p| {
                    p.mark += 1;
                    let t = p.single_target()?;
                    p.expect(T::RPar)?;
                    Some(t)
                });
                match paren {
                    Some(t) => t,
                    None => p.subscript_attribute_target(ExprContext::Store)?,
                }
            } else {
                p.subscript_attribute_target(ExprContext::Store)?
            };
            p.expect(T::Colon)?;
            p.ann_assign_rest(start, target, 0)
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        // (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
        let r = self.alt(|p| {
            let mut targets = vec![];
            loop {
                let m = p.mark;
                match p.alt(|p| {
                    let t = p.star_targets()?;
                    p.expect(T::Equal)?;
                    Some(t)
                }) {
                    Some(t) => targets.push(t),
                    None => {
                        p.mark = m;
                        break;
                    }
                }
            }
            if targets.is_empty() || p.error.is_some() {
                return None;
            }
            let value = p.annotated_rhs()?;
            if p.at(T::Equal) {
                return None;
            }
            let type_comment = p.opt_type_comment();
            Some(Stmt::new(StmtKind::Assign { targets, value: Box::new(value), type_comment }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        // single_target augassign ~ (yield_expr | star_expressions)
        let m = self.mark;
        if let Some(target) = self.alt(|p| p.single_target()) {
            if let Some(op) = augassign_op(self.peek()) {
                self.mark += 1;
                if op == Operator::MatMult && !self.check_version(5, "The '@' operator is") {
                    return None;
                }
                let value = self.annotated_rhs()?;
                return Some(Stmt::new(
                    StmtKind::AugAssign { target: Box::new(target), op, value: Box::new(value) },
                    self.range_from(start),
                ));
            }
        }
        if self.error.is_some() {
            return None;
        }
        self.mark = m;
        self.invalid_assignment();
        if self.error.is_some() {
            return None;
        }
        self.mark = start;
        // star_expressions -> Expr
        if let Some(e) = self.alt(|p| p.star_expressions()) {
            return Some(Stmt::new(StmtKind::Expr { value: Box::new(e) }, self.range_from(start)));
        }
        if self.error.is_some() {
            return None;
        }
        if self.at(T::Yield) {
            let value = self.yield_expr()?;
            return Some(Stmt::new(StmtKind::Expr { value: Box::new(value) }, self.range_from(start)));
        }
        None
    }

    // ---- simple statements ---------------------------------------------------------------

    /// return_stmt: 'return' [star_expressions]
    fn return_stmt(&mut self) -> Option<Stmt> {
        let start = self.expect(T::Return)?;
        let value = self.alt(|p| p.star_expressions());
        if self.error.is_some() {
            return None;
        }
        Some(Stmt::new(StmtKind::Return { value: value.map(Box::new) }, self.range_from(start)))
    }

    /// raise_stmt: 'raise' expression ['from' expression] | 'raise'
    fn raise_stmt(&mut self) -> Option<Stmt> {
        let start = self.expect(T::Raise)?;
        let r = self.alt(|p| {
            let exc = p.expression()?;
            let mut cause = None;
            if p.at(T::From) {
                let m = p.mark;
                p.mark += 1;
                match p.expression() {
                    Some(c) => cause = Some(Box::new(c)),
                    None => {
                        if p.error.is_some() {
                            return None;
                        }
                        p.mark = m;
                    }
                }
            }
            Some(Stmt::new(StmtKind::Raise { exc: Some(Box::new(exc)), cause }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        self.mark = start + 1;
        Some(Stmt::new(StmtKind::Raise { exc: None, cause: None }, self.range_from(start)))
    }

    /// global_stmt / nonlocal_stmt: ('global' | 'nonlocal') ','.NAME+
    fn global_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let is_global = self.peek() == T::Global;
        self.mark += 1;
        let names = self.gather(T::Comma, |p| {
            let idx = p.expect(T::Name)?;
            Some(p.identifier(idx))
        })?;
        let kind = if is_global { StmtKind::Global { names } } else { StmtKind::Nonlocal { names } };
        Some(Stmt::new(kind, self.range_from(start)))
    }

    /// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
    fn del_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let r = self.alt(|p| {
            p.mark += 1;
            let targets = p.del_targets()?;
            if !matches!(p.peek(), T::Semi | T::Newline) {
                return None;
            }
            Some(Stmt::new(StmtKind::Delete { targets }, p.range_from(start)))
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        if self.invalid_pass {
            self.mark = start;
            self.invalid_del_stmt();
        }
        None
    }

    /// assert_stmt: 'assert' expression [',' expression]
    fn assert_stmt(&mut self) -> Option<Stmt> {
        let start = self.expect(T::Assert)?;
        let test = self.expression()?;
        let mut msg = None;
        if self.at(T::Comma) {
            let m = self.mark;
            self.mark += 1;
            match self.expression() {
                Some(e) => msg = Some(Box::new(e)),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        Some(Stmt::new(StmtKind::Assert { test: Box::new(test), msg }, self.range_from(start)))
    }

    /// import_name: 'import' dotted_as_names
    fn import_name(&mut self) -> Option<Stmt> {
        let start = self.expect(T::Import)?;
        let names = self.gather(T::Comma, |p| p.dotted_as_name())?;
        Some(Stmt::new(StmtKind::Import { names }, self.range_from(start)))
    }

    /// dotted_as_name: dotted_name ['as' NAME]
    fn dotted_as_name(&mut self) -> Option<Alias> {
        let start = self.mark;
        let name = self.dotted_name()?;
        let asname = self.as_name();
        Some(Alias { name, asname, range: self.range_from(start) })
    }

    /// ['as' NAME]
    fn as_name(&mut self) -> Option<Ident> {
        if self.at(T::As) && self.peek_n(1) == T::Name {
            self.mark += 2;
            return Some(self.identifier(self.mark - 1));
        }
        None
    }

    /// dotted_name: dotted_name '.' NAME | NAME
    fn dotted_name(&mut self) -> Option<Ident> {
        let idx = self.expect(T::Name)?;
        let mut name = self.identifier(idx);
        while self.at(T::Dot) && self.peek_n(1) == T::Name {
            self.mark += 2;
            name.push('.');
            name.push_str(&self.identifier(self.mark - 1));
        }
        Some(name)
    }

    /// import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
    ///            | 'from' ('.' | '...')+ 'import' import_from_targets
    fn import_from(&mut self) -> Option<Stmt> {
        let start = self.expect(T::From)?;
        let mut level = 0;
        loop {
            match self.peek() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.mark += 1;
        }
        let module = if self.at(T::Name) { Some(self.dotted_name()?) } else { None };
        if module.is_none() && level == 0 {
            return None;
        }
        self.expect(T::Import)?;
        let names = self.import_from_targets()?;
        Some(Stmt::new(StmtKind::ImportFrom { module, names, level: Some(level) }, self.range_from(start)))
    }

    /// import_from_targets: '(' import_from_as_names [','] ')'
    ///     | import_from_as_names !',' | '*' | invalid_import_from_targets
    fn import_from_targets(&mut self) -> Option<Vec<Alias>> {
        let start = self.mark;
        match self.peek() {
            T::LPar => {
                self.mark += 1;
                let names = self.gather(T::Comma, |p| p.import_from_as_name())?;
                self.expect(T::Comma);
                self.expect(T::RPar)?;
                Some(names)
            }
            T::Star => {
                self.mark += 1;
                Some(vec![Alias { name: "*".into(), asname: None, range: self.range_from(start) }])
            }
            _ => {
                let names = self.gather(T::Comma, |p| p.import_from_as_name())?;
                if !self.at(T::Comma) {
                    return Some(names);
                }
                if self.invalid_pass && self.peek_n(1) == T::Newline {
                    self.raise_syntax("trailing comma not allowed without surrounding parentheses");
                }
                None
            }
        }
    }

    /// import_from_as_name: NAME ['as' NAME]
    fn import_from_as_name(&mut self) -> Option<Alias> {
        let start = self.expect(T::Name)?;
        let name = self.identifier(start);
        let asname = self.as_name();
        Some(Alias { name, asname, range: self.range_from(start) })
    }

    // ---- blocks -------------------------------------------------------------------------------

    /// block: NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
    pub(super) fn block(&mut self) -> Option<Vec<Stmt>> {
        if self.error.is_some() || self.known_failure(super::FAILED_BLOCK) {
            return None;
        }
        let start = self.mark;
        let r = self.block_inner();
        if r.is_none() {
            self.record_failure(start, super::FAILED_BLOCK);
        }
        r
    }

    fn block_inner(&mut self) -> Option<Vec<Stmt>> {
        if self.at(T::Newline) {
            let m = self.mark;
            if self.peek_n(1) == T::Indent {
                self.mark += 2;
                if !self.enter() {
                    return None;
                }
                let body = super::grow(self.level, || self.statements());
                self.leave();
                if !body.is_empty() && self.expect(T::Dedent).is_some() {
                    return Some(body);
                }
                if self.error.is_some() {
                    return None;
                }
                self.mark = m;
                return None;
            }
            if self.invalid_pass {
                self.mark += 1;
                self.raise_indentation("expected an indented block");
            }
            return None;
        }
        self.simple_stmts_vec()
    }

    /// In the second pass: after `header ':'`, a NEWLINE with no INDENT is an
    /// IndentationError naming the statement.
    fn check_indented_block(&mut self, what: &str, lineno: u32) -> bool {
        if self.invalid_pass && self.at(T::Newline) && self.peek_n(1) != T::Indent {
            self.mark += 1;
            self.raise_indentation(&format!("expected an indented block after {what} on line {lineno}"));
            return false;
        }
        self.error.is_none()
    }

    /// In the second pass: `header NEWLINE` is "expected ':'".
    fn check_colon(&mut self) -> bool {
        if self.invalid_pass && self.at(T::Newline) {
            self.mark += 1;
            self.raise_syntax("expected ':'");
            return false;
        }
        self.error.is_none()
    }

    // ---- compound statements ------------------------------------------------------------

    /// compound_stmt: function_def | if_stmt | class_def | with_stmt | for_stmt
    ///              | try_stmt | while_stmt | match_stmt
    fn compound_stmt(&mut self) -> Option<Stmt> {
        match self.peek() {
            T::Def => self.function_def(None),
            T::At => self.decorated(),
            T::If => self.if_stmt(),
            T::Class => self.class_def(None),
            T::With => self.with_stmt(),
            T::For => self.for_stmt(),
            T::Try => self.try_stmt(),
            T::While => self.while_stmt(),
            T::Async => match self.peek_n(1) {
                T::Def => self.function_def(None),
                T::With => self.with_stmt(),
                T::For => self.for_stmt(),
                _ => None,
            },
            T::Name if self.at_soft_keyword("match") => self.match_stmt(),
            _ => None,
        }
    }

    /// decorators (function_def | class_def)
    fn decorated(&mut self) -> Option<Stmt> {
        let mut decorators = vec![];
        while self.expect(T::At).is_some() {
            let d = self.named_expression()?;
            self.expect(T::Newline)?;
            decorators.push(d);
        }
        match self.peek() {
            T::Def => self.function_def(Some(decorators)),
            T::Async if self.peek_n(1) == T::Def => self.function_def(Some(decorators)),
            T::Class => self.class_def(Some(decorators)),
            _ => None,
        }
    }

    /// function_def_raw: invalid_def_raw
    ///     | [ASYNC] 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
    fn function_def(&mut self, decorators: Option<Vec<Expr>>) -> Option<Stmt> {
        let start = self.mark;
        let is_async = self.expect(T::Async).is_some();
        let def = self.expect(T::Def)?;
        let name_idx = self.expect(T::Name)?;
        let name = self.identifier(name_idx);
        self.expect_forced(T::LPar, "(")?;
        let args = if self.at(T::RPar) {
            Arguments::empty()
        } else {
            match self.alt(|p| p.params()) {
                Some(a) => a,
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    Arguments::empty()
                }
            }
        };
        self.expect(T::RPar)?;
        let mut returns = None;
        if self.at(T::RArrow) {
            let m = self.mark;
            self.mark += 1;
            match self.expression() {
                Some(r) => returns = Some(Box::new(r)),
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        if self.invalid_pass && self.at(T::Colon) {
            self.mark += 1;
            let lineno = self.token(def).lineno;
            if !self.check_indented_block("function definition", lineno) {
                return None;
            }
            self.mark -= 1;
        }
        self.expect_forced(T::Colon, ":")?;
        let type_comment = self.func_type_comment();
        if self.error.is_some() {
            return None;
        }
        let body = self.block()?;
        let decorator_list = decorators.unwrap_or_default();
        let kind = if is_async {
            if !self.check_version(5, "Async functions are") {
                return None;
            }
            StmtKind::AsyncFunctionDef { name, args: Box::new(args), body, decorator_list, returns, type_comment }
        } else {
            StmtKind::FunctionDef { name, args: Box::new(args), body, decorator_list, returns, type_comment }
        };
        Some(Stmt::new(kind, self.range_from(start)))
    }

    /// func_type_comment:
    ///     | NEWLINE TYPE_COMMENT &(NEWLINE INDENT)
    ///     | invalid_double_type_comments
    ///     | TYPE_COMMENT
    fn func_type_comment(&mut self) -> Option<String> {
        if self.at(T::Newline)
            && self.peek_n(1) == T::TypeComment
            && self.peek_n(2) == T::Newline
            && self.peek_n(3) == T::Indent
        {
            self.mark += 2;
            return Some(self.type_comment_text(self.mark - 1));
        }
        if self.invalid_pass
            && self.at(T::TypeComment)
            && self.peek_n(1) == T::Newline
            && self.peek_n(2) == T::TypeComment
            && self.peek_n(3) == T::Newline
            && self.peek_n(4) == T::Indent
        {
            // invalid_double_type_comments
            self.raise_syntax("Cannot have two type comments on def");
            return None;
        }
        self.opt_type_comment()
    }

    /// class_def_raw: invalid_class_def_raw | 'class' NAME ['(' [arguments] ')'] ':' block
    fn class_def(&mut self, decorators: Option<Vec<Expr>>) -> Option<Stmt> {
        let start = self.expect(T::Class)?;
        let name_idx = self.expect(T::Name)?;
        let name = self.identifier(name_idx);
        let mut bases = vec![];
        let mut keywords = vec![];
        if self.at(T::LPar) {
            let m = self.mark;
            let r = self.alt(|p| {
                p.mark += 1;
                let a = if p.at(T::RPar) { (vec![], vec![]) } else { p.alt(|p| p.arguments()).unwrap_or_default() };
                if p.error.is_some() {
                    return None;
                }
                p.expect(T::RPar)?;
                Some(a)
            });
            match r {
                Some((b, k)) => {
                    bases = b;
                    keywords = k;
                }
                None => {
                    if self.error.is_some() {
                        return None;
                    }
                    self.mark = m;
                }
            }
        }
        if !self.check_colon() {
            return None;
        }
        self.expect(T::Colon)?;
        let lineno = self.token(start).lineno;
        if !self.check_indented_block("class definition", lineno) {
            return None;
        }
        let body = self.block()?;
        Some(Stmt::new(
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list: decorators.unwrap_or_default() },
            self.range_from(start),
        ))
    }

    /// if_stmt: invalid_if_stmt | 'if' named_expression ':' block elif_stmt
    ///        | 'if' named_expression ':' block [else_block]
    /// (elif_stmt is the same with 'elif'.)
    fn if_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let kw = self.peek();
        self.mark += 1;
        let test = self.named_expression()?;
        if !self.check_colon() {
            return None;
        }
        self.expect(T::Colon)?;
        let what = if kw == T::If { "'if' statement" } else { "'elif' statement" };
        if !self.check_indented_block(what, self.token(start).lineno) {
            return None;
        }
        let body = self.block()?;
        let orelse = match self.peek() {
            T::Elif => {
                let m = self.mark;
                if !self.enter() {
                    return None;
                }
                let elif = super::grow(self.level, || self.if_stmt());
                self.leave();
                match elif {
                    Some(s) => vec![s],
                    None => {
                        if self.error.is_some() {
                            return None;
                        }
                        self.mark = m;
                        vec![]
                    }
                }
            }
            T::Else => self.else_block()?,
            _ => vec![],
        };
        Some(Stmt::new(StmtKind::If { test: Box::new(test), body, orelse }, self.range_from(start)))
    }

    /// else_block: invalid_else_stmt | 'else' &&':' block  (`Some(vec![])` when absent)
    fn else_block(&mut self) -> Option<Vec<Stmt>> {
        if !self.at(T::Else) {
            return Some(vec![]);
        }
        let m = self.mark;
        let lineno = self.token(m).lineno;
        self.mark += 1;
        if self.invalid_pass && self.at(T::Colon) {
            self.mark += 1;
            if !self.check_indented_block("'else' statement", lineno) {
                return None;
            }
            self.mark -= 1;
        }
        self.expect_forced(T::Colon, ":")?;
        match self.block() {
            Some(b) => Some(b),
            None => {
                if self.error.is_some() {
                    return None;
                }
                // The optional else block did not parse: leave it unconsumed.
                self.mark = m;
                Some(vec![])
            }
        }
    }

    /// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
    fn while_stmt(&mut self) -> Option<Stmt> {
        let start = self.expect(T::While)?;
        let test = self.named_expression()?;
        if !self.check_colon() {
            return None;
        }
        self.expect(T::Colon)?;
        if !self.check_indented_block("'while' statement", self.token(start).lineno) {
            return None;
        }
        let body = self.block()?;
        let orelse = self.else_block()?;
        Some(Stmt::new(StmtKind::While { test: Box::new(test), body, orelse }, self.range_from(start)))
    }

    /// for_stmt: invalid_for_stmt
    ///     | [ASYNC] 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
    ///     | invalid_for_target
    fn for_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let is_async = self.expect(T::Async).is_some();
        let for_idx = self.expect(T::For)?;
        let target = self.alt(|p| {
            let t = p.star_targets()?;
            p.expect(T::In)?;
            Some(t)
        });
        let Some(target) = target else {
            if self.invalid_pass && self.error.is_none() {
                self.mark = start;
                self.invalid_for_target();
            }
            return None;
        };
        // Past the cut.
        let iter = self.star_expressions()?;
        if !self.check_colon() {
            return None;
        }
        self.expect(T::Colon)?;
        if !self.check_indented_block("'for' statement", self.token(for_idx).lineno) {
            return None;
        }
        let type_comment = self.opt_type_comment();
        let body = self.block()?;
        let orelse = self.else_block()?;
        let kind = if is_async {
            if !self.check_version(5, "Async for loops are") {
                return None;
            }
            StmtKind::AsyncFor { target: Box::new(target), iter: Box::new(iter), body, orelse, type_comment }
        } else {
            StmtKind::For { target: Box::new(target), iter: Box::new(iter), body, orelse, type_comment }
        };
        Some(Stmt::new(kind, self.range_from(start)))
    }

    /// with_stmt: invalid_with_stmt_indent
    ///     | [ASYNC] 'with' '(' ','.with_item+ ','? ')' ':' block
    ///     | [ASYNC] 'with' ','.with_item+ ':' [TYPE_COMMENT] block
    ///     | invalid_with_stmt
    fn with_stmt(&mut self) -> Option<Stmt> {
        let start = self.mark;
        let is_async = self.expect(T::Async).is_some();
        let with_idx = self.expect(T::With)?;
        let after_with = self.mark;
        let mut items = None;
        if self.at(T::LPar) {
            items = self.alt(|p| {
                p.mark += 1;
                let items = p.gather(T::Comma, |p| p.with_item())?;
                p.expect(T::Comma);
                p.expect(T::RPar)?;
                // This form takes no type comment: with one, the brackets
                // may still be a tuple of the other form.
                if !p.at(T::Colon) || p.peek_n(1) == T::TypeComment {
                    return None;
                }
                Some(items)
            });
            if self.error.is_some() {
                return None;
            }
        }
        let parenthesized = items.is_some();
        if items.is_none() {
            self.mark = after_with;
            items = self.alt(|p| {
                let items = p.gather(T::Comma, |p| p.with_item())?;
                if !p.at(T::Colon) {
                    return None;
                }
                Some(items)
            });
            if self.error.is_some() {
                return None;
            }
        }
        let Some(items) = items else {
            if self.invalid_pass {
                self.mark = after_with;
                self.invalid_with_stmt();
            }
            return None;
        };
        self.expect(T::Colon)?;
        if !self.check_indented_block("'with' statement", self.token(with_idx).lineno) {
            return None;
        }
        let type_comment = self.opt_type_comment();
        let body = self.block()?;
        if parenthesized && !self.check_version(9, "Parenthesized context managers are") {
            return None;
        }
        let kind = if is_async {
            if !self.check_version(5, "Async with statements are") {
                return None;
            }
            StmtKind::AsyncWith { items, body, type_comment }
        } else {
            StmtKind::With { items, body, type_comment }
        };
        Some(Stmt::new(kind, self.range_from(start)))
    }

    /// with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
    fn with_item(&mut self) -> Option<WithItem> {
        let m = self.mark;
        let context_expr = self.expression()?;
        if self.at(T::As) {
            let after = self.mark;
            self.mark += 1;
            if let Some(t) = self.alt(|p| p.star_target()) {
                if matches!(self.peek(), T::Comma | T::RPar | T::Colon) {
                    return Some(WithItem { context_expr: Box::new(context_expr), optional_vars: Some(Box::new(t)) });
                }
            }
            if self.error.is_some() {
                return None;
            }
            if self.invalid_pass {
                self.mark = m;
                self.invalid_with_item();
                if self.error.is_some() {
                    return None;
                }
            }
            self.mark = after;
        }
        Some(WithItem { context_expr: Box::new(context_expr), optional_vars: None })
    }

    /// try_stmt: invalid_try_stmt | 'try' &&':' block finally_block
    ///     | 'try' &&':' block except_block+ [else_block] [finally_block]
    ///     | 'try' &&':' block except_star_block+ [else_block] [finally_block]
    fn try_stmt(&mut self) -> Option<Stmt> {
        let start = self.expect(T::Try)?;
        if self.invalid_pass && self.at(T::Colon) {
            self.mark += 1;
            if !self.check_indented_block("'try' statement", self.token(start).lineno) {
                return None;
            }
            self.mark -= 1;
        }
        self.expect_forced(T::Colon, ":")?;
        let body = self.block()?;
        if self.invalid_pass {
            self.invalid_try_stmt_after_block(start);
            if self.error.is_some() {
                return None;
            }
        }
        let mut handlers = vec![];
        let mut star = false;
        if self.at(T::Except) {
            star = self.peek_n(1) == T::Star;
            loop {
                let m = self.mark;
                match self.alt(|p| p.except_block(star)) {
                    Some(h) => handlers.push(h),
                    None => {
                        if self.error.is_some() {
                            return None;
                        }
                        self.mark = m;
                        break;
                    }
                }
                if !self.at(T::Except) {
                    break;
                }
            }
            if handlers.is_empty() {
                return None;
            }
        }
        let (orelse, finalbody) = if handlers.is_empty() {
            (vec![], self.finally_block()?)
        } else {
            let orelse = self.else_block()?;
            let finalbody =
                if self.at(T::Finally) { self.alt(|p| p.finally_block()).unwrap_or_default() } else { vec![] };
            if self.error.is_some() {
                return None;
            }
            (orelse, finalbody)
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return None;
        }
        if star && !self.check_version(11, "Exception groups are") {
            return None;
        }
        let kind = if star {
            StmtKind::TryStar { body, handlers, orelse, finalbody }
        } else {
            StmtKind::Try { body, handlers, orelse, finalbody }
        };
        Some(Stmt::new(kind, self.range_from(start)))
    }

    /// except_block: invalid_except_stmt_indent | 'except' expression ['as' NAME] ':' block
    ///     | 'except' ':' block | invalid_except_stmt
    /// except_star_block: the same with 'except' '*'.
    pub(super) fn except_block(&mut self, star: bool) -> Option<ExceptHandler> {
        let start = self.expect(T::Except)?;
        if self.invalid_pass {
            let m = self.mark;
            self.invalid_except_stmt_indent(start, star);
            self.mark = m;
            if self.error.is_some() {
                return None;
            }
        }
        let r = self.alt(|p| {
            if star {
                p.expect(T::Star)?;
            }
            let mut type_ = None;
            let mut name = None;
            if !p.at(T::Colon) || star {
                type_ = Some(Box::new(p.expression()?));
                if p.at(T::As) && p.peek_n(1) == T::Name {
                    p.mark += 2;
                    name = Some(p.identifier(p.mark - 1));
                }
            }
            p.expect(T::Colon)?;
            let body = p.block()?;
            Some(ExceptHandler { type_, name, body, range: p.range_from(start) })
        });
        if r.is_some() || self.error.is_some() {
            return r;
        }
        if self.invalid_pass {
            self.mark = start;
            self.invalid_except_stmt();
        }
        None
    }

    /// finally_block: invalid_finally_stmt | 'finally' &&':' block
    fn finally_block(&mut self) -> Option<Vec<Stmt>> {
        let kw = self.expect(T::Finally)?;
        if self.invalid_pass && self.at(T::Colon) {
            self.mark += 1;
            if !self.check_indented_block("'finally' statement", self.token(kw).lineno) {
                return None;
            }
            self.mark -= 1;
        }
        self.expect_forced(T::Colon, ":")?;
        self.block()
    }
}

/// The operator of an augmented assignment token.
fn augassign_op(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}
