//! Subscription, `len` and `in` (CPython's `PyObject_GetItem`,
//! `PyObject_SetItem`, `PyObject_Size`, `PySequence_Contains`).

use crate::object::Obj;
use crate::objects::type_;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `o[key]`.
    #[inline]
    pub fn getitem(&self, o: &Obj, key: &Obj) -> PyResult<Obj> {
        if let Some(f) = o.class().slots.mp_subscript.get() {
            return f(self, o, key);
        }
        self.getitem_fallback(o, key)
    }

    #[cold]
    fn getitem_fallback(&self, o: &Obj, key: &Obj) -> PyResult<Obj> {
        if self.is_type(o) {
            // `type[int]` is special-cased, as in CPython.
            if o.is(&self.ctx.types.type_) {
                return crate::objects::generic_alias::class_getitem(self, o, std::slice::from_ref(key), None);
            }
            // `list[int]`: the class's `__class_getitem__`.
            // `__class_getitem__ = None` opts out, as a missing one.
            if let Some(cg) = self.getattr_str_opt(o, "__class_getitem__")?.filter(|c| !self.is_none(c)) {
                return self.call(&cg, std::slice::from_ref(key), None);
            }
            let name = type_::type_qualname(self, o);
            return Err(self.type_error(format!("type '{name}' is not subscriptable")));
        }
        Err(self.type_error(format!("'{}' object is not subscriptable", o.class().name())))
    }

    /// `o[key] = value`.
    pub fn setitem(&self, o: &Obj, key: &Obj, value: &Obj) -> PyResult<()> {
        match o.class().slots.mp_ass_subscript.get() {
            Some(f) => f(self, o, key, Some(value)),
            None => Err(self.type_error(format!("'{}' object does not support item assignment", o.class().name()))),
        }
    }

    /// `del o[key]`.
    pub fn delitem(&self, o: &Obj, key: &Obj) -> PyResult<()> {
        match o.class().slots.mp_ass_subscript.get() {
            Some(f) => f(self, o, key, None),
            None => Err(self.type_error(format!("'{}' object doesn't support item deletion", o.class().name()))),
        }
    }

    /// `len(o)`.
    pub fn len(&self, o: &Obj) -> PyResult<usize> {
        let s = &o.class().slots;
        if let Some(f) = s.sq_length.get() {
            return f(self, o);
        }
        if let Some(f) = s.mp_length.get() {
            return f(self, o);
        }
        Err(self.type_error(format!("object of type '{}' has no len()", o.class().name())))
    }

    /// `len(o)` if `o` has a length, for size hints.
    pub fn len_opt(&self, o: &Obj) -> Option<usize> {
        let s = &o.class().slots;
        let f = s.sq_length.get().or(s.mp_length.get())?;
        f(self, o).ok()
    }

    /// `item in o`.
    pub fn contains(&self, o: &Obj, item: &Obj) -> PyResult<bool> {
        if let Some(f) = o.class().slots.sq_contains.get() {
            return f(self, o, item);
        }
        // Fall back to iteration (CPython's `_PySequence_IterSearch`).
        let it = match self.iter(o) {
            Ok(it) => it,
            Err(e) if self.err_matches(&e, &self.ctx.exceptions.type_error) => {
                return Err(self.type_error(format!("argument of type '{}' is not iterable", o.class().name())));
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
