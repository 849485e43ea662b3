//! Rich comparison (CPython's `PyObject_RichCompare`, `do_richcompare`).

use crate::object::typeobj::CompareOp;
use crate::object::Obj;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `a <op> b`: the reflected method of a subclass of `type(a)` first,
    /// then `type(a)`'s, then `type(b)`'s; identity for `==`/`!=` if all decline.
    pub fn rich_compare(&self, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
        self.with_recursion(" in comparison", || self.do_richcompare(a, b, op))
    }

    fn do_richcompare(&self, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
        let ta = a.class();
        let tb = b.class();
        let mut checked_reverse = false;
        if !std::ptr::eq(ta, tb) && self.is_subtype(&b.class_obj(), &a.class_obj()) {
            if let Some(f) = tb.slots.richcompare.get() {
                checked_reverse = true;
                let r = f(self, b, a, op.swapped())?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = ta.slots.richcompare.get() {
            let r = f(self, a, b, op)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if !checked_reverse {
            if let Some(f) = tb.slots.richcompare.get() {
                let r = f(self, b, a, op.swapped())?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(self.bool_obj(a.is(b))),
            CompareOp::Ne => Ok(self.bool_obj(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                ta.name(),
                tb.name()
            ))),
        }
    }

    /// `bool(a <op> b)`, with identity implying equality (as containers use it).
    pub fn rich_compare_bool(&self, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<bool> {
        if a.is(b) {
            match op {
                CompareOp::Eq => return Ok(true),
                CompareOp::Ne => return Ok(false),
                _ => {}
            }
        }
        let r = self.rich_compare(a, b, op)?;
        if r.is(&self.ctx.true_) {
            return Ok(true);
        }
        if r.is(&self.ctx.false_) {
            return Ok(false);
        }
        self.is_true(&r)
    }

    /// `a == b` as containers compare items (identity first).
    #[inline]
    pub fn eq(&self, a: &Obj, b: &Obj) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        let str_type = &self.ctx.types.str;
        if a.type_is(str_type) && b.type_is(str_type) {
            return Ok(crate::objects::str::str_eq(a, b));
        }
        self.rich_compare_bool(a, b, CompareOp::Eq)
    }

    /// `a < b` for sorting.
    pub fn lt(&self, a: &Obj, b: &Obj) -> PyResult<bool> {
        let r = self.rich_compare(a, b, CompareOp::Lt)?;
        self.is_true(&r)
    }
}
