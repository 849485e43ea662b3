//! Inline values (CPython 3.11's managed dicts: `_PyObject_InitializeDict`,
//! `_PyObject_GetDictPtr`, `_PyObject_StoreInstanceAttribute`): an
//! instance of a class that added the `__dict__` keeps its attributes in a
//! values array indexed by its class's shared keys (the object's values
//! slot) and has no dict object. The first time Python code asks for
//! `__dict__` (or for anything the values cannot do: a delete, a name that
//! is not an exact str, a 31st name, a new attribute whose slot comes
//! before one the instance holds, `__class__` assignment), the values move
//! into a split dict that becomes the instance's dict, and the attribute
//! paths use that dict from then on. So at any time the attributes live in
//! exactly one place: the values, or the dict.
//!
//! Invariants: the values slot holds values only while the dict slot is
//! empty (`set_instance_dict` drops the values); the values are indexed by
//! the shared keys of the object's class (`__class__` assignment
//! materializes first); the instance's insertion order is the slot order
//! of the values it holds (an addition that would break it materializes),
//! so the values need no order array.

use crate::object::Obj;
use crate::objects::dict::{DictData, Split};
use crate::vm::Vm;

/// What a values slot holds: one entry per shared-keys slot (at least up
/// to the highest slot held), None for a name the instance does not hold.
/// One word, as CPython's values pointer, so a plain instance is 56 bytes
/// with its GC header, as in CPython 3.11.
pub(crate) type Values = Option<ValuesArray>;

/// A values array: a thin pointer to a block of the small-object pools
/// (`object::alloc_ref_array`) whose first word is the count and the rest
/// the values (a null word is None).
pub(crate) struct ValuesArray {
    ptr: std::ptr::NonNull<usize>,
}

impl ValuesArray {
    /// `n` empty values.
    fn new(n: usize) -> ValuesArray {
        let block = crate::object::alloc_ref_array(n + 1).cast::<usize>();
        // SAFETY: the block has room for the count and `n` words; a null
        // word is a valid `None` of `Option<Obj>` (a non-null pointer).
        unsafe {
            block.as_ptr().write(n);
            std::ptr::write_bytes(block.as_ptr().add(1), 0, n);
        }
        ValuesArray { ptr: block }
    }

    fn len(&self) -> usize {
        // SAFETY: the first word of the block is the count.
        unsafe { *self.ptr.as_ptr() }
    }

    fn as_slice(&self) -> &[Option<Obj>] {
        // SAFETY: `len` initialized values follow the count.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().add(1).cast::<Option<Obj>>(), self.len()) }
    }

    fn as_mut_slice(&mut self) -> &mut [Option<Obj>] {
        // SAFETY: as `as_slice`; `&mut self` is the only access.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr().add(1).cast::<Option<Obj>>(), self.len()) }
    }

    /// The values, moved out (the block is freed).
    fn into_vec(mut self) -> Vec<Option<Obj>> {
        self.as_mut_slice().iter_mut().map(Option::take).collect()
    }
}

impl Drop for ValuesArray {
    fn drop(&mut self) {
        let n = self.len();
        // Each value is taken out before it is dropped; the block stays
        // whole until all are gone.
        for v in self.as_mut_slice() {
            drop(v.take());
        }
        // SAFETY: the block came from `alloc_ref_array(n + 1)` and holds no
        // value any more.
        unsafe { crate::object::free_ref_array(self.ptr.cast(), n + 1) };
    }
}

/// The object has no dict object (its attributes, if any, are inline)?
#[inline]
fn has_no_dict(obj: &Obj) -> bool {
    // SAFETY: only a shared read of the slot, for the duration of the call.
    obj.dict_slot().is_some_and(|s| unsafe { (*s.get()).is_none() })
}

/// Run `f` on the object's inline values, if it has some. `f` must run no
/// Python code and drop no object (the borrow of the slot lasts for it).
#[inline]
fn with_values<R>(obj: &Obj, f: impl FnOnce(&mut [Option<Obj>]) -> R) -> Option<R> {
    let slot = obj.values_slot()?;
    // SAFETY: the borrow lasts for `f`, which runs no Python code and
    // drops nothing, so nothing else can reach the slot meanwhile.
    let values = unsafe { (*slot.get()).as_mut() }?;
    Some(f(values.as_mut_slice()))
}

/// Does the object keep its attributes inline (or will its first
/// attribute go there)?
#[inline]
pub(crate) fn uses_values(obj: &Obj) -> bool {
    obj.class().values_offset != 0 && has_no_dict(obj)
}

/// An attribute looked up in the inline values: `Some(found)` when the
/// values decide (`found` None: not an instance attribute), None when the
/// instance dict must be asked (`dict_of`).
#[inline]
pub(crate) fn lookup(vm: &Vm, obj: &Obj, name: &Obj) -> Option<Option<Obj>> {
    if !uses_values(obj) || !name.type_is(&vm.ctx.types.str) {
        return None;
    }
    let Some(slot) = obj.class().cached_keys_opt().and_then(|k| k.slot_of(vm, name)) else { return Some(None) };
    Some(with_values(obj, |v| v.get(slot).cloned().flatten()).flatten())
}

/// The value at the shared-keys slot `index` if the key there is `name`
/// itself (`LOAD_ATTR_INSTANCE_VALUE`).
#[inline]
pub(crate) fn value_at(obj: &Obj, index: usize, name: &Obj) -> Option<Obj> {
    if !obj.class().cached_keys_opt()?.key_is(index, name) {
        return None;
    }
    with_values(obj, |v| v.get(index).cloned().flatten()).flatten()
}

/// Does the object hold `name` in its inline values (None: it has none)?
#[inline]
pub(crate) fn holds(vm: &Vm, obj: &Obj, name: &Obj) -> Option<bool> {
    let slot = obj.class().cached_keys_opt().and_then(|k| k.slot_of(vm, name));
    with_values(obj, |v| slot.is_some_and(|s| v.get(s).is_some_and(|x| x.is_some())))
}

/// Store an attribute in the inline values; gives the value back when the
/// dict must take it (no values kept, a name that is not an exact str, the
/// shared keys full, an addition out of slot order).
pub(crate) fn store(vm: &Vm, obj: &Obj, name: &Obj, value: Obj) -> Result<(), Obj> {
    if !uses_values(obj) || !name.type_is(&vm.ctx.types.str) {
        return Err(value);
    }
    let keys = obj.class().shared_keys();
    let Some(index) = keys.slot_or_append(vm, name) else { return Err(value) };
    store_slot(obj, index, keys.len(), value)
}

/// Store at a shared-keys slot remembered by an inline cache
/// (`STORE_ATTR_INSTANCE_VALUE`); the values are made for the first one.
#[inline]
pub(crate) fn store_at(obj: &Obj, index: usize, name: &Obj, value: Obj) -> Result<(), Obj> {
    let nkeys = match obj.class().cached_keys_opt() {
        Some(k) if k.key_is(index, name) => k.len(),
        _ => return Err(value),
    };
    if !has_no_dict(obj) {
        return Err(value);
    }
    store_slot(obj, index, nkeys, value)
}

/// Put `value` at `index` of the values (made or grown to hold `nkeys`
/// entries when needed); the value back when `index` is a new attribute
/// before one the instance already holds (its insertion order would no
/// longer be the slot order).
fn store_slot(obj: &Obj, index: usize, nkeys: usize, value: Obj) -> Result<(), Obj> {
    let Some(slot) = obj.values_slot() else { return Err(value) };
    // SAFETY: no Python code runs and nothing is dropped while the slot is
    // borrowed; the replaced value is dropped after.
    let replaced = unsafe {
        let cell = &mut *slot.get();
        let (held, later_held, len) = match cell.as_ref().map(ValuesArray::as_slice) {
            Some(v) => {
                (v.get(index).is_some_and(|x| x.is_some()), v.iter().skip(index + 1).any(|x| x.is_some()), v.len())
            }
            None => (false, false, 0),
        };
        if !held && later_held {
            return Err(value);
        }
        if index >= len {
            let mut grown = ValuesArray::new(nkeys.max(index + 1));
            if let Some(old) = cell.take() {
                for (to, v) in grown.as_mut_slice().iter_mut().zip(old.into_vec()) {
                    *to = v;
                }
            }
            *cell = Some(grown);
        }
        match cell.as_mut().map(ValuesArray::as_mut_slice) {
            Some(v) => Ok(v[index].replace(value)),
            None => Err(value),
        }
    };
    replaced.map(drop)
}

/// Visit the values (the collector's traverse).
pub(crate) fn visit_values(values: &Values, visit: &mut dyn FnMut(&Obj)) {
    if let Some(v) = values {
        v.as_slice().iter().flatten().for_each(visit);
    }
}

/// The instance's dict object, made now from its inline values if it
/// keeps them (CPython 3.11's `_PyObject_GetDictPtr` on a managed dict);
/// for other objects the dict they hold, if any.
pub(crate) fn materialize(vm: &Vm, obj: &Obj) -> Option<Obj> {
    if let Some(d) = obj.instance_dict() {
        return Some(d);
    }
    let slot = obj.values_slot()?;
    // SAFETY: the values are moved out; nothing borrows the slot after.
    let values = unsafe { (*slot.get()).take() };
    let values = values.map(ValuesArray::into_vec).unwrap_or_default();
    let needs_tracking = values.iter().flatten().any(crate::gc::may_be_tracked);
    let split = Split::from_slot_ordered(obj.class().shared_keys(), values);
    let d = crate::object::alloc_object(&vm.ctx.types.dict, DictData::from_split(split));
    crate::gc::untrack(&d);
    if needs_tracking {
        crate::gc::track(vm, d.as_nonnull());
    }
    obj.set_instance_dict(Some(d.clone()));
    Some(d)
}

/// The instance dict to look an attribute up in, or to show as
/// `__dict__`: inline values are materialized first.
#[inline]
pub(crate) fn dict_of(vm: &Vm, obj: &Obj) -> Option<Obj> {
    if obj.class().values_offset != 0 {
        return materialize(vm, obj);
    }
    obj.instance_dict()
}
