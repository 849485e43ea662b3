//! An insertion-ordered map, the shape of the Python dicts CPython's compiler
//! keeps (symbols, names, constants, variables): iteration order is the
//! order of first insertion, and the index of a key is its position.

use std::borrow::Borrow;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// The multiplicative hash of rustc (FxHash): the compiler's keys are short
/// names and small integers, which need no protection against flooding, and
/// SipHash was a tenth of the compile time.
#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
pub type HashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;
pub type HashSet<K> = std::collections::HashSet<K, FxBuildHasher>;

#[derive(Clone, Debug)]
pub struct OrderedMap<K, V> {
    keys: Vec<K>,
    values: Vec<V>,
    index: HashMap<K, usize>,
}

impl<K: Clone + Eq + Hash, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap { keys: Vec::new(), values: Vec::new(), index: HashMap::default() }
    }
}

impl<K: Clone + Eq + Hash, V> OrderedMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn get<Q>(&self, k: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(k).map(|&i| &self.values[i])
    }

    pub fn get_mut<Q>(&mut self, k: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        match self.index.get(k) {
            Some(&i) => Some(&mut self.values[i]),
            None => None,
        }
    }

    /// The position of `k`, if present.
    pub fn index_of<Q>(&self, k: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(k).copied()
    }

    pub fn contains_key<Q>(&self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.contains_key(k)
    }

    /// Set `k` to `v`, keeping its position if it is already present.
    pub fn insert(&mut self, k: K, v: V) -> usize {
        match self.index.get(&k) {
            Some(&i) => {
                self.values[i] = v;
                i
            }
            None => {
                let i = self.keys.len();
                self.index.insert(k.clone(), i);
                self.keys.push(k);
                self.values.push(v);
                i
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.keys.iter().zip(&self.values)
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.keys.iter()
    }

    pub fn key_at(&self, i: usize) -> &K {
        &self.keys[i]
    }

    pub fn value_at(&self, i: usize) -> &V {
        &self.values[i]
    }

    pub fn value_at_mut(&mut self, i: usize) -> &mut V {
        &mut self.values[i]
    }
}

/// An insertion-ordered set whose members are numbered by arrival
/// (CPython's `compiler_add_o` on a dict of name to index).
#[derive(Clone, Debug)]
pub struct IndexSet<K> {
    map: OrderedMap<K, ()>,
}

impl<K: Clone + Eq + Hash> Default for IndexSet<K> {
    fn default() -> Self {
        IndexSet { map: OrderedMap::new() }
    }
}

impl<K: Clone + Eq + Hash> IndexSet<K> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `k`, adding it at the end if it is new.
    pub fn add(&mut self, k: K) -> usize {
        match self.map.index_of(&k) {
            Some(i) => i,
            None => self.map.insert(k, ()),
        }
    }

    pub fn index_of<Q>(&self, k: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.map.index_of(k)
    }

    pub fn contains<Q>(&self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.map.contains_key(k)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &K> {
        self.map.keys()
    }

    pub fn get(&self, i: usize) -> &K {
        self.map.key_at(i)
    }
}
