//! The type attribute cache (CPython's `type_cache` in
//! `Objects/typeobject.c`): results of attribute lookups on types keyed by
//! the type's version tag and the interned name object.
//!
//! As CPython's, an entry borrows the value it caches, so a lookup leaves
//! the attribute's reference count alone (`sys.getrefcount` of a class
//! attribute is what the class dict alone gives). Why a borrowed value is
//! safe to hand out on a hit:
//!
//! - Version tags are never reused (`type_::next_type_version` stops at the
//!   end of the 32-bit space, as CPython's does), and every change of a
//!   type's MRO or of an attribute through `type.__setattr__` gives the
//!   type and its subclasses a fresh tag (`type_::modified`). So an entry
//!   whose tag matches belongs to a live type whose MRO tuple is the one
//!   the lookup scanned; that tuple keeps every class on it alive, and a
//!   class keeps its dict (a type's dict is only replaced while the class
//!   is made, before anything can look it up, and freed with the class).
//!   The dict the value was found in is therefore alive.
//! - A dict's version changes with every change that could drop a value it
//!   holds, and versions are unique across dicts. An entry records the
//!   version of the dict it found the value in; while that is unchanged,
//!   the dict still holds the value. This also covers a type's dict changed
//!   without `type.__setattr__` (through `gc.get_referents(cls)` or the C
//!   API): such a change makes the entry miss instead of dangle.
//!
//! A cached miss borrows nothing. The name is held strongly (as CPython's).

use std::cell::UnsafeCell;

use crate::object::{Obj, PyObject};
use crate::objects::dict::DictData;

/// CPython's type attribute cache: a direct-mapped table of lookup results
/// keyed by a type's version tag and the (interned) name object.
pub struct MethodCache {
    entries: UnsafeCell<Box<[CacheEntry]>>,
}

/// Where a lookup found a value: the dict holding it and that dict's
/// version then.
pub(crate) struct Found<'a> {
    pub(crate) value: &'a Obj,
    pub(crate) dict: &'a DictData,
}

struct CacheEntry {
    tag: u32,
    name: Option<Obj>,
    /// Borrowed (null: the name was cached as missing).
    value: *const PyObject,
    /// Borrowed: the dict `value` was found in (see the module comment for
    /// why it is alive whenever `tag` matches a type's).
    dict: *const DictData,
    dict_version: u64,
}

impl Default for CacheEntry {
    fn default() -> Self {
        CacheEntry { tag: 0, name: None, value: std::ptr::null(), dict: std::ptr::null(), dict_version: 0 }
    }
}

const METHOD_CACHE_SIZE: usize = 4096;

impl MethodCache {
    pub(crate) fn new() -> MethodCache {
        MethodCache { entries: UnsafeCell::new((0..METHOD_CACHE_SIZE).map(|_| CacheEntry::default()).collect()) }
    }

    #[inline]
    fn index(tag: u32, name: &Obj) -> usize {
        ((tag as usize).wrapping_mul(0x9E37_79B1) ^ (name.id() >> 4)) & (METHOD_CACHE_SIZE - 1)
    }

    /// The cached result (`Some(None)`: cached as missing); None when the
    /// entry is another lookup's or its dict changed since.
    #[inline]
    pub fn get(&self, tag: u32, name: &Obj) -> Option<Option<Obj>> {
        // SAFETY: entries are only read or replaced here and in `set`, which
        // run no Python code while the reference lives.
        let e = unsafe { &(*self.entries.get())[Self::index(tag, name)] };
        if e.tag != tag || !e.name.as_ref().is_some_and(|n| n.is(name)) {
            return None;
        }
        let Some(value) = std::ptr::NonNull::new(e.value as *mut PyObject) else { return Some(None) };
        // SAFETY: the tag matches a live type's, so the dict is alive (see
        // the module comment).
        if unsafe { (*e.dict).version() } != e.dict_version {
            return None;
        }
        // SAFETY: the dict is unchanged since it held the value, so it
        // still holds it.
        Some(Some(unsafe { Obj::from_borrowed_ptr(value) }))
    }

    /// Cache a result under the tag of the type it was looked up on, which
    /// must be unchanged since the lookup began and nonzero.
    pub(crate) fn set(&self, tag: u32, name: &Obj, found: Option<Found<'_>>) {
        let i = Self::index(tag, name);
        let (value, dict, dict_version) = match found {
            Some(f) => (f.value.as_ptr() as *const PyObject, f.dict as *const DictData, f.dict.version()),
            None => (std::ptr::null(), std::ptr::null(), 0),
        };
        let entry = CacheEntry { tag, name: Some(name.clone()), value, dict, dict_version };
        // SAFETY: as `get`; the old entry (whose name may be the last
        // reference to a str) is dropped after the borrow ends.
        let old = unsafe { std::mem::replace(&mut (*self.entries.get())[i], entry) };
        drop(old);
    }

    /// Forget every entry (the interpreter is ending).
    pub(crate) fn clear(&mut self) {
        for e in self.entries.get_mut().iter_mut() {
            *e = CacheEntry::default();
        }
    }
}
