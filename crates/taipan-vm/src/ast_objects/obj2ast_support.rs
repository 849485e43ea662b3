//! What the generated `obj2ast.rs` reads node objects with, and
//! CPython's messages for what it finds wrong.

use super::classes::Class;
use crate::object::Obj;
use crate::objects::{list, str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};
use taipan_syntax::ast::{Constant, Expr, ExprContext, ExprKind, Ident, Int, Range};
use taipan_syntax::literal::StrLit;

/// A converter of one object (None stands for an absent node).
pub(crate) type Conv<T> = fn(&FromObj, &Obj) -> PyResult<Option<T>>;

pub(crate) struct FromObj<'a> {
    pub(super) vm: &'a Vm,
    classes: Obj,
}

/// A `Constant` node's value: what the Rust AST holds, or a tuple or
/// frozenset of such values (which CPython's AST allows).
enum ConstValue {
    Scalar(Constant),
    Tuple(Vec<ConstValue>),
}

impl ConstValue {
    /// The value as one `Constant` (a tuple inside a frozenset).
    fn into_constant(self) -> Constant {
        match self {
            ConstValue::Scalar(c) => c,
            ConstValue::Tuple(items) => Constant::Tuple(items.into_iter().map(ConstValue::into_constant).collect()),
        }
    }
}

impl<'a> FromObj<'a> {
    pub(super) fn new(vm: &'a Vm, classes: Obj) -> Self {
        FromObj { vm, classes }
    }

    fn class(&self, c: Class) -> &Obj {
        &tuple::items(&self.classes)[c as usize]
    }

    /// Which of `choices` `o` is an instance of (the first, as CPython
    /// tries them in order; an exact type is found without `isinstance`).
    pub(super) fn which(&self, o: &Obj, choices: &[Class]) -> PyResult<Option<Class>> {
        if let Some(c) = choices.iter().find(|&&c| o.type_is(self.class(c))) {
            return Ok(Some(*c));
        }
        for &c in choices {
            if self.vm.isinstance(o, self.class(c))? {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    pub(super) fn expected_some_sort_of(&self, o: &Obj, what: &str) -> PyErr {
        match self.vm.repr_string(o) {
            Ok(r) => self.vm.type_error(format!("expected some sort of {what}, but got {r}")),
            Err(e) => e,
        }
    }

    fn missing(&self, field: &str, owner: &str) -> PyErr {
        self.vm.type_error(format!("required field \"{field}\" missing from {owner}"))
    }

    /// A field that must be there and not None.
    pub(super) fn required<T>(&self, o: &Obj, field: &str, owner: &str, conv: Conv<T>) -> PyResult<T> {
        let v = self.vm.getattr_str_opt(o, field)?.ok_or_else(|| self.missing(field, owner))?;
        conv(self, &v)?.ok_or_else(|| self.vm.value_error(format!("field '{field}' is required for {owner}")))
    }

    /// A field that may be absent or None.
    pub(super) fn optional<T>(&self, o: &Obj, field: &str, conv: Conv<T>) -> PyResult<Option<T>> {
        match self.vm.getattr_str_opt(o, field)? {
            Some(v) if !self.vm.is_none(&v) => conv(self, &v),
            _ => Ok(None),
        }
    }

    /// A list field whose items may not be None.
    pub(super) fn sequence<T>(
        &self,
        o: &Obj,
        field: &str,
        owner: &str,
        conv: Conv<T>,
        none_msg: &str,
    ) -> PyResult<Vec<T>> {
        self.sequence_opt(o, field, owner, conv)?
            .into_iter()
            .map(|x| x.ok_or_else(|| self.vm.value_error(none_msg)))
            .collect()
    }

    /// A list field whose items may be None (`Dict.keys`, `kw_defaults`).
    pub(super) fn sequence_opt<T>(&self, o: &Obj, field: &str, owner: &str, conv: Conv<T>) -> PyResult<Vec<Option<T>>> {
        let vm = self.vm;
        let seq = vm.getattr_str_opt(o, field)?.ok_or_else(|| self.missing(field, owner))?;
        let Some(data) = (if vm.is_subtype(&seq.class_obj(), &vm.ctx.types.list) { list::data(&seq) } else { None })
        else {
            return Err(
                vm.type_error(format!("{owner} field \"{field}\" must be a list, not a {}", seq.class().name()))
            );
        };
        let n = data.len();
        let mut out = vm.try_vec(n)?;
        for i in 0..n {
            let Some(item) = data.get(i) else { break };
            out.push(conv(self, &item)?);
            if data.len() != n {
                return Err(vm.runtime_error(format!("{owner} field \"{field}\" changed size during iteration")));
            }
        }
        Ok(out)
    }

    /// The positions (`_attributes`) of a node; with `validate`, checked as
    /// CPython's `VALIDATE_POSITIONS`.
    pub(super) fn range(&self, o: &Obj, owner: &str, end_required: bool, validate: bool) -> PyResult<Range> {
        let lineno = self.required(o, "lineno", owner, FromObj::int)?;
        let col_offset = self.required(o, "col_offset", owner, FromObj::int)?;
        let (end_lineno, end_col_offset) = if end_required {
            (
                self.required(o, "end_lineno", owner, FromObj::int)?,
                self.required(o, "end_col_offset", owner, FromObj::int)?,
            )
        } else {
            (
                self.optional(o, "end_lineno", FromObj::int)?.unwrap_or(lineno),
                self.optional(o, "end_col_offset", FromObj::int)?.unwrap_or(col_offset),
            )
        };
        if validate {
            self.validate_positions(lineno, col_offset, end_lineno, end_col_offset)?;
        }
        let u = |v: i32| u32::try_from(v).unwrap_or(0);
        Ok(Range::new(u(lineno), u(col_offset), u(end_lineno), u(end_col_offset)))
    }

    fn validate_positions(&self, lineno: i32, col: i32, end_lineno: i32, end_col: i32) -> PyResult<()> {
        if lineno > end_lineno {
            return Err(self.vm.value_error(format!("AST node line range ({lineno}, {end_lineno}) is not valid")));
        }
        if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
            return Err(self.vm.value_error(format!(
                "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if lineno == end_lineno && col > end_col {
            return Err(self.vm.value_error(format!("line {lineno}, column {col}-{end_col} is not a valid range")));
        }
        Ok(())
    }

    /// `identifier` (CPython's `obj2ast_identifier`): a str or None.
    pub(super) fn identifier(cx: &FromObj, o: &Obj) -> PyResult<Option<Ident>> {
        let vm = cx.vm;
        if vm.is_none(o) {
            return Ok(None);
        }
        if !o.type_is(&vm.ctx.types.str) {
            return Err(vm.type_error("AST identifier must be of type str"));
        }
        match pystr::as_str(o) {
            Some(s) => Ok(Some(Ident::from(s))),
            None => Err(vm.value_error("AST identifier must not contain surrogates")),
        }
    }

    /// `string` (CPython's `obj2ast_string`): a str (or bytes).
    pub(super) fn string(cx: &FromObj, o: &Obj) -> PyResult<Option<String>> {
        let vm = cx.vm;
        if o.type_is(&vm.ctx.types.str) {
            return Ok(Some(pystr::as_str_lossy(o).into_owned()));
        }
        if o.type_is(&vm.ctx.types.bytes) {
            let b = crate::objects::bytes::as_bytes_ref(o).unwrap_or_default();
            return Ok(Some(String::from_utf8_lossy(b).into_owned()));
        }
        Err(vm.type_error("AST string must be of type str"))
    }

    /// `int` (CPython's `obj2ast_int`): an int that fits a C int.
    pub(super) fn int(cx: &FromObj, o: &Obj) -> PyResult<Option<i32>> {
        let vm = cx.vm;
        let Some(v) = crate::objects::int::value(o) else {
            return Err(vm.value_error(format!("invalid integer value: {}", vm.repr_string(o)?)));
        };
        let fits = match v {
            crate::objects::int::IntValue::Small(v) => i32::try_from(*v).ok(),
            crate::objects::int::IntValue::Big(b) => i32::try_from(&**b).ok(),
        };
        fits.map(Some).ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
    }

    /// `constant` where only a plain value can stand (`MatchSingleton`).
    pub(super) fn constant(cx: &FromObj, o: &Obj) -> PyResult<Option<Constant>> {
        match cx.const_value(o)? {
            ConstValue::Scalar(c) => Ok(Some(c)),
            _ => Err(cx.vm.value_error("MatchSingleton can only contain True, False and None")),
        }
    }

    /// The `Constant` node (CPython's `validate_constant` applied to its
    /// value). A tuple becomes a `Tuple` of constants, which compiles to
    /// the same constant.
    pub(super) fn constant_expr(&self, o: &Obj, range: Range) -> PyResult<ExprKind> {
        let value = self.vm.getattr_str_opt(o, "value")?.ok_or_else(|| self.missing("value", "Constant"))?;
        let kind = self.optional(o, "kind", FromObj::string)?;
        let value = self.const_value(&value)?;
        self.const_value_expr(value, kind, range)
    }

    fn const_value_expr(&self, value: ConstValue, kind: Option<String>, range: Range) -> PyResult<ExprKind> {
        match value {
            ConstValue::Scalar(value) => Ok(ExprKind::Constant { value, kind: kind.map(Box::new) }),
            ConstValue::Tuple(items) => {
                let mut elts = self.vm.try_vec(items.len())?;
                for item in items {
                    elts.push(Expr::new(self.const_value_expr(item, None, range)?, range));
                }
                Ok(ExprKind::Tuple { elts, ctx: ExprContext::Load })
            }
        }
    }

    fn const_value(&self, o: &Obj) -> PyResult<ConstValue> {
        let vm = self.vm;
        let t = &vm.ctx.types;
        let scalar = if vm.is_none(o) {
            Constant::None
        } else if o.is(&vm.ctx.ellipsis) {
            Constant::Ellipsis
        } else if o.type_is(&t.bool_) {
            Constant::Bool(o.is(&vm.ctx.true_))
        } else if o.type_is(&t.int) {
            match crate::objects::int::value(o) {
                Some(crate::objects::int::IntValue::Small(v)) => Constant::Int(Int::Small(*v)),
                Some(crate::objects::int::IntValue::Big(b)) => Constant::Int(Int::from_bigint((**b).clone())),
                None => return Err(vm.system_error("int without a value")),
            }
        } else if o.type_is(&t.float) {
            Constant::Float(crate::objects::float::value(o).unwrap_or(0.0))
        } else if o.type_is(&t.complex) {
            let (real, imag) = crate::objects::complex::parts(o);
            Constant::Complex { real, imag }
        } else if o.type_is(&t.str) {
            let mut lit = StrLit::new();
            for c in pystr::data(o).map(|d| d.code_points().collect::<Vec<_>>()).unwrap_or_default() {
                lit.push_code_point(c);
            }
            Constant::Str(lit)
        } else if o.type_is(&t.bytes) {
            Constant::Bytes(crate::objects::bytes::as_bytes_ref(o).unwrap_or_default().to_vec())
        } else if o.type_is(&t.tuple) {
            let items = tuple::items(o);
            let mut out = vm.try_vec(items.len())?;
            for item in items {
                out.push(vm.with_recursion(" while validating a Constant", || self.const_value(item))?);
            }
            return Ok(ConstValue::Tuple(out));
        } else if o.type_is(&t.frozenset) {
            let items = vm.to_vec(o)?;
            let mut out = vm.try_vec(items.len())?;
            for item in items {
                let c = vm.with_recursion(" while validating a Constant", || self.const_value(&item))?;
                out.push(c.into_constant());
            }
            Constant::FrozenSet(out)
        } else {
            return Err(vm.type_error(format!("got an invalid type in Constant: {}", o.class().name())));
        };
        Ok(ConstValue::Scalar(scalar))
    }
}
