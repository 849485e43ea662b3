//! The type attribute cache (CPython's `type_cache` in
//! `Objects/typeobject.c`): results of attribute lookups on types keyed by
//! the type's version tag and the interned name object.

use std::cell::UnsafeCell;

use crate::object::Obj;

/// CPython's type attribute cache: a direct-mapped table of lookup results
/// keyed by a type's version tag and the (interned) name object.
pub struct MethodCache {
    entries: UnsafeCell<Box<[CacheEntry]>>,
}

#[derive(Default)]
struct CacheEntry {
    tag: u32,
    name: Option<Obj>,
    value: Option<Obj>,
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

    /// The cached result (`Some(None)`: cached as missing).
    #[inline]
    pub fn get(&self, tag: u32, name: &Obj) -> Option<Option<Obj>> {
        // SAFETY: entries are only read or replaced here and in `set`, which
        // run no Python code while the reference lives.
        let e = unsafe { &(*self.entries.get())[Self::index(tag, name)] };
        if e.tag == tag && e.name.as_ref().is_some_and(|n| n.is(name)) {
            return Some(e.value.clone());
        }
        None
    }

    pub fn set(&self, tag: u32, name: &Obj, value: Option<Obj>) {
        let i = Self::index(tag, name);
        // SAFETY: as `get`; the old entry is dropped after the borrow ends.
        let old = unsafe {
            let e = &mut (*self.entries.get())[i];
            std::mem::replace(e, CacheEntry { tag, name: Some(name.clone()), value })
        };
        drop(old);
    }
}

impl MethodCache {
    /// Forget every entry (the interpreter is ending).
    pub(crate) fn clear(&mut self) {
        for e in self.entries.get_mut().iter_mut() {
            *e = CacheEntry::default();
        }
    }
}
