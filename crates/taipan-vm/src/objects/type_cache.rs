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

    /// Cache a result; returns the entry's index (for `CacheSlots`).
    pub fn set(&self, tag: u32, name: &Obj, value: Option<Obj>) -> usize {
        let i = Self::index(tag, name);
        // SAFETY: as `get`; the old entry is dropped after the borrow ends.
        let old = unsafe {
            let e = &mut (*self.entries.get())[i];
            std::mem::replace(e, CacheEntry { tag, name: Some(name.clone()), value })
        };
        drop(old);
        i
    }

    /// Drop the entries cached under `tag` (a type that changed), so the
    /// cache does not keep replaced attributes alive: the ones `slots`
    /// recorded, or every entry when the record overflowed.
    pub(crate) fn forget(&self, tag: u32, slots: &CacheSlots) {
        let Some(indexes) = slots.take() else {
            self.forget_matching(|e| e.tag == tag);
            return;
        };
        for i in indexes {
            // SAFETY: as `set`; the old entry is dropped after the borrow ends.
            let old = unsafe {
                let e = &mut (*self.entries.get())[i as usize];
                if e.tag != tag {
                    continue;
                }
                std::mem::take(e)
            };
            drop(old);
        }
    }

    /// Drop every entry (a full collection: cached attributes must not keep
    /// dead classes reachable).
    pub(crate) fn forget_all(&self) {
        self.forget_matching(|_| true);
    }

    fn forget_matching(&self, pred: impl Fn(&CacheEntry) -> bool) {
        let mut dropped = Vec::new();
        // SAFETY: entries are moved out inside the loop and dropped after it,
        // so no drop runs while the table is borrowed.
        unsafe {
            for e in (*self.entries.get()).iter_mut() {
                if e.value.is_some() && pred(e) {
                    dropped.push(std::mem::take(e));
                }
            }
        }
        drop(dropped);
    }
}

/// The method cache indexes a type filled since its tag was assigned
/// (`None` once more than `MAX_RECORDED` were: then a change scans the
/// whole cache).
#[derive(Default)]
pub struct CacheSlots(std::cell::RefCell<Option<Vec<u16>>>, std::cell::Cell<bool>);

const MAX_RECORDED: usize = 64;

impl CacheSlots {
    pub(crate) fn record(&self, index: usize) {
        if self.1.get() {
            return;
        }
        let mut v = self.0.borrow_mut();
        let v = v.get_or_insert_with(Vec::new);
        if v.len() >= MAX_RECORDED {
            self.1.set(true);
            v.clear();
            return;
        }
        if !v.contains(&(index as u16)) {
            v.push(index as u16);
        }
    }

    /// The recorded indexes (and a fresh record), `None` after an overflow.
    fn take(&self) -> Option<Vec<u16>> {
        let overflowed = self.1.replace(false);
        let v = self.0.borrow_mut().take().unwrap_or_default();
        if overflowed {
            None
        } else {
            Some(v)
        }
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
