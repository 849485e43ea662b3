//! Iteration (CPython's `PyObject_GetIter`, `PyIter_Next`), and collecting
//! or unpacking an iterable.

use crate::object::Obj;
use crate::objects::{list, tuple};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `iter(o)`.
    pub fn iter(&self, o: &Obj) -> PyResult<Obj> {
        let ty = o.class();
        if let Some(f) = ty.slots.iter.get() {
            let it = f(self, o)?;
            if it.class().slots.iternext.get().is_none() {
                return Err(self.type_error(format!("iter() returned non-iterator of type '{}'", it.class().name())));
            }
            return Ok(it);
        }
        // The old sequence protocol: `__getitem__` with 0, 1, 2, ...
        if ty.slots.mp_subscript.get().is_some() && !o.has_payload::<crate::objects::dict::DictData>() {
            return Ok(crate::objects::iter::new_seq_iterator(self, o.clone()));
        }
        Err(self.type_error(format!("'{}' object is not iterable", ty.name())))
    }

    /// `next(it)`: `Ok(None)` when the iterator is exhausted.
    #[inline]
    pub fn next(&self, it: &Obj) -> PyResult<Option<Obj>> {
        match it.class().slots.iternext.get() {
            Some(f) => match f(self, it) {
                Err(e) if self.err_matches(&e, &self.ctx.exceptions.stop_iteration) => Ok(None),
                r => r,
            },
            None => Err(self.type_error(format!("'{}' object is not an iterator", it.class().name()))),
        }
    }

    /// The items of an iterable, collected.
    pub fn to_vec(&self, o: &Obj) -> PyResult<Vec<Obj>> {
        if let Some(t) = o.payload::<tuple::TupleData>() {
            if o.type_is(&self.ctx.types.tuple) {
                return Ok(t.items().to_vec());
            }
        }
        if let Some(l) = o.payload::<list::ListData>() {
            if o.type_is(&self.ctx.types.list) {
                return Ok(l.to_vec());
            }
        }
        let it = self.iter(o)?;
        let mut out = Vec::with_capacity(self.len_opt(o).unwrap_or(0));
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// Call `f` on each item of an iterable.
    pub fn for_each(&self, o: &Obj, mut f: impl FnMut(Obj) -> PyResult<()>) -> PyResult<()> {
        let it = self.iter(o)?;
        while let Some(x) = self.next(&it)? {
            f(x)?;
        }
        Ok(())
    }

    /// `tuple(o)`.
    pub fn to_tuple(&self, o: &Obj) -> PyResult<Obj> {
        if o.type_is(&self.ctx.types.tuple) {
            return Ok(o.clone());
        }
        Ok(self.new_tuple(self.to_vec(o)?))
    }
}
