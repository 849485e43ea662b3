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
            // The list, tuple and range iterators run no Python code, nest
            // nothing and never raise StopIteration: called directly.
            Some(f) if self.is_leaf_iterator(it) => f(self, it),
            // Iterators over iterators (zip, map, ...) nest on the native stack.
            Some(f) => match self.with_native_depth(|| f(self, it)) {
                Err(e) if self.err_matches(&e, &self.ctx.exceptions.stop_iteration) => Ok(None),
                r => r,
            },
            None => Err(self.type_error(format!("'{}' object is not an iterator", it.class().name()))),
        }
    }

    /// Is `it` one of the iterators whose `next` cannot recurse (`zip` and
    /// `enumerate` over lists, tuples and ranges skip the depth guard)?
    #[inline(always)]
    fn is_leaf_iterator(&self, it: &Obj) -> bool {
        let t = &self.ctx.types;
        it.type_is(&t.list_iterator) || it.type_is(&t.tuple_iterator) || it.type_is(&t.range_iterator)
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
        let mut out = self.try_vec(self.length_hint(o, 8)?)?;
        while let Some(x) = self.next(&it)? {
            if out.len() == out.capacity() && out.try_reserve(1).is_err() {
                return Err(self.memory_error());
            }
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

    /// How many items `o` is expected to yield (CPython's
    /// `PyObject_LengthHint`): `len(o)`, else `o.__length_hint__()`, else
    /// `default`. Errors other than TypeError from `__len__` propagate.
    pub fn length_hint(&self, o: &Obj, default: usize) -> PyResult<usize> {
        let s = &o.class().slots;
        if let Some(f) = s.sq_length.get().or(s.mp_length.get()) {
            match f(self, o) {
                Ok(n) => return Ok(n),
                Err(e) if self.err_matches(&e, &self.ctx.exceptions.type_error) => {}
                Err(e) => return Err(e),
            }
        }
        let Some(hint) = crate::objects::type_::lookup_str(self, o.class(), "__length_hint__") else {
            return Ok(default);
        };
        let r = match self.call_method_descr_obj(&hint, o, &[]) {
            Ok(r) => r,
            Err(e) if self.err_matches(&e, &self.ctx.exceptions.type_error) => return Ok(default),
            Err(e) => return Err(e),
        };
        if self.is_not_implemented(&r) {
            return Ok(default);
        }
        if crate::objects::int::value(&r).is_none() {
            return Err(self.type_error(format!("__length_hint__ must be an integer, not {}", r.class().name())));
        }
        let n = self.index_to_isize(&r)?;
        if n < 0 {
            return Err(self.value_error("__length_hint__() should return >= 0"));
        }
        Ok(n as usize)
    }
}
