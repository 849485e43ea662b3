//! The hash array mapped trie behind `contextvars.Context` (CPython's
//! `Python/hamt.c`): an immutable map where every change makes a new root
//! that shares each untouched node with the old one, so a copy is O(1) and
//! a change O(log n).
//!
//! A key's 32-bit hash is consumed five bits per level, lowest bits first.
//! There are three kinds of node, as in CPython:
//! - a bitmap node: up to 16 entries, one per set bit of a 32-bit bitmap,
//!   each a leaf (key and value) or a child node;
//! - an array node: 32 child slots, made when a bitmap node would grow past
//!   16 entries, and turned back into a bitmap node below 16 children;
//! - a collision node: keys whose 32-bit hashes are all equal.
//!
//! Iteration is depth first in bit order, so keys come in the order of
//! their hashes (CPython's order), not in insertion order.
//!
//! Nodes are objects of internal gc-tracked types: a value may refer back
//! to a map that holds it, and each node's references are counted once
//! however many maps share the node. A node never changes once made, so
//! its entries may be read across a key's `__eq__` while the node is held.
//!
//! Unlike CPython, a leaf keeps its key's hash: keys of different hashes
//! are never compared, and a key's `__hash__` runs once per operation.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{alloc_instance, TypeSpec};
use taipan_vm::api::{Obj, ObjCell, PyPayload, PyResult, Vm};

/// Bits of the hash consumed per level.
const BITS: u32 = 5;
/// A bitmap node with this many entries becomes an array node when it grows.
const MAX_BITMAP_ENTRIES: usize = 16;

#[derive(Clone)]
enum Entry {
    Leaf { hash: i32, key: Obj, value: Obj },
    Child(Obj),
}

enum Node {
    Bitmap { bitmap: u32, entries: Vec<Entry> },
    Array { count: usize, children: Vec<Option<Obj>> },
    Collision { hash: i32, pairs: Vec<(Obj, Obj)> },
}

/// The payload of a node object.
struct NodeObj(Node);

impl PyPayload for NodeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        match &self.0 {
            Node::Bitmap { entries, .. } => {
                for e in entries {
                    match e {
                        Entry::Leaf { key, value, .. } => {
                            visit(key);
                            visit(value);
                        }
                        Entry::Child(c) => visit(c),
                    }
                }
            }
            Node::Array { children, .. } => children.iter().flatten().for_each(&mut *visit),
            Node::Collision { pairs, .. } => {
                for (k, v) in pairs {
                    visit(k);
                    visit(v);
                }
            }
        }
    }
}

/// What a node object that is not one of ours reads as (never made by this
/// module; a guard instead of a panic).
const EMPTY_NODE: &Node = &Node::Bitmap { bitmap: 0, entries: Vec::new() };

fn node_of(o: &Obj) -> &Node {
    o.payload::<NodeObj>().map_or(EMPTY_NODE, |n| &n.0)
}

fn node_type(vm: &Vm, name: &'static str) -> Obj {
    if let Some(t) = crate::support::module_type(vm, name) {
        return t;
    }
    let spec = TypeSpec { name, gc: true, ..Default::default() };
    let ty = taipan_vm::api::types::new_type::<NodeObj>(vm, &spec, |s| {
        s.new.set(Some(crate::support::disallow_instantiation));
    });
    crate::support::register_type(vm, name, &ty);
    ty
}

fn new_node(vm: &Vm, node: Node) -> PyResult<Obj> {
    let name = match node {
        Node::Bitmap { .. } => "hamt_bitmap_node",
        Node::Array { .. } => "hamt_array_node",
        Node::Collision { .. } => "hamt_collision_node",
    };
    let ty = node_type(vm, name);
    alloc_instance(vm, &ty, &ty, NodeObj(node))
}

fn new_bitmap(vm: &Vm, bitmap: u32, entries: Vec<Entry>) -> PyResult<Obj> {
    new_node(vm, Node::Bitmap { bitmap, entries })
}

// ---- hashes and positions ---------------------------------------------------------------------

/// The key's hash folded to 32 bits (CPython's `hamt_hash`: the two halves
/// xored, -1 reserved for errors).
fn hash32(vm: &Vm, key: &Obj) -> PyResult<i32> {
    let h = vm.hash(key)?;
    let folded = (h as i32) ^ ((h >> 32) as i32);
    Ok(if folded == -1 { -2 } else { folded })
}

/// The slot of `hash` in a node at `shift` (0..32).
fn index_at(hash: i32, shift: u32) -> usize {
    ((hash as u32).checked_shr(shift).unwrap_or(0) & 0x1f) as usize
}

fn bit_at(hash: i32, shift: u32) -> u32 {
    1 << index_at(hash, shift)
}

/// The entry index of `bit` in a bitmap node: the set bits below it.
fn slot(bitmap: u32, bit: u32) -> usize {
    (bitmap & (bit - 1)).count_ones() as usize
}

fn single_leaf(vm: &Vm, shift: u32, hash: i32, key: Obj, value: Obj) -> PyResult<Obj> {
    new_bitmap(vm, bit_at(hash, shift), vec![Entry::Leaf { hash, key, value }])
}

/// The one leaf of a bitmap node that holds only that (a node a deletion
/// left so small is folded into its parent, as CPython does).
fn lone_leaf(node: &Obj) -> Option<Entry> {
    match node_of(node) {
        Node::Bitmap { entries, .. } if entries.len() == 1 => match &entries[0] {
            leaf @ Entry::Leaf { .. } => Some(leaf.clone()),
            Entry::Child(_) => None,
        },
        _ => None,
    }
}

// ---- lookup -----------------------------------------------------------------------------------

fn find(vm: &Vm, root: &Obj, hash: i32, key: &Obj) -> PyResult<Option<Obj>> {
    let mut node = root.clone();
    let mut shift = 0;
    loop {
        let next = match node_of(&node) {
            Node::Bitmap { bitmap, entries } => {
                let bit = bit_at(hash, shift);
                if bitmap & bit == 0 {
                    return Ok(None);
                }
                match &entries[slot(*bitmap, bit)] {
                    Entry::Leaf { hash: h, key: k, value } => {
                        let found = *h == hash && vm.eq(key, k)?;
                        return Ok(found.then(|| value.clone()));
                    }
                    Entry::Child(c) => c.clone(),
                }
            }
            Node::Array { children, .. } => match &children[index_at(hash, shift)] {
                Some(c) => c.clone(),
                None => return Ok(None),
            },
            Node::Collision { hash: h, pairs } => {
                if *h != hash {
                    return Ok(None);
                }
                for (k, v) in pairs {
                    if vm.eq(key, k)? {
                        return Ok(Some(v.clone()));
                    }
                }
                return Ok(None);
            }
        };
        node = next;
        shift += BITS;
    }
}

// ---- insertion --------------------------------------------------------------------------------

/// A key and value with the key's hash, on their way into a node.
struct Item<'a> {
    hash: i32,
    key: &'a Obj,
    value: &'a Obj,
}

/// The node with the item set: None when the node already maps the key to
/// that very value; the flag says whether a key was added.
fn assoc(vm: &Vm, node: &Obj, shift: u32, item: &Item) -> PyResult<Option<(Obj, bool)>> {
    match node_of(node) {
        Node::Bitmap { bitmap, entries } => bitmap_assoc(vm, *bitmap, entries, shift, item),
        Node::Array { count, children } => array_assoc(vm, *count, children, shift, item),
        Node::Collision { hash, pairs } => collision_assoc(vm, node, *hash, pairs, shift, item),
    }
}

fn bitmap_assoc(vm: &Vm, bitmap: u32, entries: &[Entry], shift: u32, item: &Item) -> PyResult<Option<(Obj, bool)>> {
    let bit = bit_at(item.hash, shift);
    let idx = slot(bitmap, bit);
    if bitmap & bit == 0 {
        if entries.len() >= MAX_BITMAP_ENTRIES {
            return Ok(Some((bitmap_to_array(vm, bitmap, entries, shift, item)?, true)));
        }
        let mut e = entries.to_vec();
        e.insert(idx, Entry::Leaf { hash: item.hash, key: item.key.clone(), value: item.value.clone() });
        return Ok(Some((new_bitmap(vm, bitmap | bit, e)?, true)));
    }
    let (replacement, added) = match &entries[idx] {
        Entry::Child(child) => {
            let Some((new_child, added)) = assoc(vm, child, shift + BITS, item)? else {
                return Ok(None);
            };
            (Entry::Child(new_child), added)
        }
        Entry::Leaf { hash, key, value } => {
            if *hash == item.hash && vm.eq(item.key, key)? {
                if value.is(item.value) {
                    return Ok(None);
                }
                // The stored key stays; only the value changes (as CPython).
                (Entry::Leaf { hash: *hash, key: key.clone(), value: item.value.clone() }, false)
            } else {
                let old = Item { hash: *hash, key, value };
                (Entry::Child(pair_node(vm, shift + BITS, &old, item)?), true)
            }
        }
    };
    let mut e = entries.to_vec();
    e[idx] = replacement;
    Ok(Some((new_bitmap(vm, bitmap, e)?, added)))
}

/// A node at `shift` holding two different keys (CPython's
/// `hamt_node_new_bitmap_or_collision`).
fn pair_node(vm: &Vm, shift: u32, a: &Item, b: &Item) -> PyResult<Obj> {
    if a.hash == b.hash {
        let pairs = vec![(a.key.clone(), a.value.clone()), (b.key.clone(), b.value.clone())];
        return new_node(vm, Node::Collision { hash: a.hash, pairs });
    }
    let (ia, ib) = (index_at(a.hash, shift), index_at(b.hash, shift));
    if ia == ib {
        let child = pair_node(vm, shift + BITS, a, b)?;
        return new_bitmap(vm, 1 << ia, vec![Entry::Child(child)]);
    }
    let leaf = |i: &Item| Entry::Leaf { hash: i.hash, key: i.key.clone(), value: i.value.clone() };
    let entries = if ia < ib { vec![leaf(a), leaf(b)] } else { vec![leaf(b), leaf(a)] };
    new_bitmap(vm, (1 << ia) | (1 << ib), entries)
}

/// A full bitmap node plus one more key, as an array node: each leaf moves
/// one level down into a bitmap node of its own.
fn bitmap_to_array(vm: &Vm, bitmap: u32, entries: &[Entry], shift: u32, item: &Item) -> PyResult<Obj> {
    let mut children: Vec<Option<Obj>> = vec![None; 32];
    let mut entry = entries.iter();
    for (i, child) in children.iter_mut().enumerate() {
        if bitmap & (1 << i) == 0 {
            continue;
        }
        *child = Some(match entry.next() {
            Some(Entry::Child(c)) => c.clone(),
            Some(Entry::Leaf { hash, key, value }) => single_leaf(vm, shift + BITS, *hash, key.clone(), value.clone())?,
            None => continue,
        });
    }
    let new = single_leaf(vm, shift + BITS, item.hash, item.key.clone(), item.value.clone())?;
    children[index_at(item.hash, shift)] = Some(new);
    new_node(vm, Node::Array { count: entries.len() + 1, children })
}

fn array_assoc(
    vm: &Vm,
    count: usize,
    children: &[Option<Obj>],
    shift: u32,
    item: &Item,
) -> PyResult<Option<(Obj, bool)>> {
    let idx = index_at(item.hash, shift);
    let (child, added, count) = match &children[idx] {
        None => (single_leaf(vm, shift + BITS, item.hash, item.key.clone(), item.value.clone())?, true, count + 1),
        Some(c) => match assoc(vm, c, shift + BITS, item)? {
            None => return Ok(None),
            Some((new, added)) => (new, added, count),
        },
    };
    let mut children = children.to_vec();
    children[idx] = Some(child);
    Ok(Some((new_node(vm, Node::Array { count, children })?, added)))
}

fn collision_assoc(
    vm: &Vm,
    node: &Obj,
    hash: i32,
    pairs: &[(Obj, Obj)],
    shift: u32,
    item: &Item,
) -> PyResult<Option<(Obj, bool)>> {
    if item.hash != hash {
        // The new key differs: this node moves one level down, under a
        // bitmap node that can tell the two hashes apart (or moves again).
        let wrapper = new_bitmap(vm, bit_at(hash, shift), vec![Entry::Child(node.clone())])?;
        return assoc(vm, &wrapper, shift, item);
    }
    let mut pairs = pairs.to_vec();
    for i in 0..pairs.len() {
        if vm.eq(item.key, &pairs[i].0)? {
            if pairs[i].1.is(item.value) {
                return Ok(None);
            }
            pairs[i].1 = item.value.clone();
            return Ok(Some((new_node(vm, Node::Collision { hash, pairs })?, false)));
        }
    }
    pairs.push((item.key.clone(), item.value.clone()));
    Ok(Some((new_node(vm, Node::Collision { hash, pairs })?, true)))
}

// ---- deletion ---------------------------------------------------------------------------------

/// What removing a key makes of a node.
enum Without {
    NotFound,
    Empty,
    New(Obj),
}

fn without(vm: &Vm, node: &Obj, shift: u32, hash: i32, key: &Obj) -> PyResult<Without> {
    match node_of(node) {
        Node::Bitmap { bitmap, entries } => bitmap_without(vm, *bitmap, entries, shift, hash, key),
        Node::Array { count, children } => array_without(vm, *count, children, shift, hash, key),
        Node::Collision { hash: h, pairs } => collision_without(vm, *h, pairs, shift, hash, key),
    }
}

fn bitmap_without(vm: &Vm, bitmap: u32, entries: &[Entry], shift: u32, hash: i32, key: &Obj) -> PyResult<Without> {
    let bit = bit_at(hash, shift);
    if bitmap & bit == 0 {
        return Ok(Without::NotFound);
    }
    let idx = slot(bitmap, bit);
    let replacement = match &entries[idx] {
        Entry::Leaf { hash: h, key: k, .. } => {
            if *h != hash || !vm.eq(key, k)? {
                return Ok(Without::NotFound);
            }
            None
        }
        Entry::Child(c) => match without(vm, c, shift + BITS, hash, key)? {
            Without::NotFound => return Ok(Without::NotFound),
            Without::Empty => None,
            Without::New(sub) => Some(lone_leaf(&sub).unwrap_or(Entry::Child(sub))),
        },
    };
    let mut e = entries.to_vec();
    let bitmap = match replacement {
        Some(r) => {
            e[idx] = r;
            bitmap
        }
        None => {
            e.remove(idx);
            bitmap & !bit
        }
    };
    if e.is_empty() {
        return Ok(Without::Empty);
    }
    Ok(Without::New(new_bitmap(vm, bitmap, e)?))
}

fn array_without(
    vm: &Vm,
    count: usize,
    children: &[Option<Obj>],
    shift: u32,
    hash: i32,
    key: &Obj,
) -> PyResult<Without> {
    let idx = index_at(hash, shift);
    let Some(child) = &children[idx] else {
        return Ok(Without::NotFound);
    };
    let mut children = children.to_vec();
    let count = match without(vm, child, shift + BITS, hash, key)? {
        Without::NotFound => return Ok(Without::NotFound),
        Without::New(sub) => {
            children[idx] = Some(sub);
            count
        }
        Without::Empty => {
            children[idx] = None;
            count - 1
        }
    };
    if count == 0 {
        return Ok(Without::Empty);
    }
    if count >= MAX_BITMAP_ENTRIES {
        return Ok(Without::New(new_node(vm, Node::Array { count, children })?));
    }
    Ok(Without::New(array_to_bitmap(vm, &children)?))
}

/// An array node fallen below 16 children, as a bitmap node: a child that
/// holds a single leaf gives its leaf.
fn array_to_bitmap(vm: &Vm, children: &[Option<Obj>]) -> PyResult<Obj> {
    let mut bitmap = 0;
    let mut entries = Vec::new();
    for (i, child) in children.iter().enumerate() {
        if let Some(c) = child {
            bitmap |= 1 << i;
            entries.push(lone_leaf(c).unwrap_or_else(|| Entry::Child(c.clone())));
        }
    }
    new_bitmap(vm, bitmap, entries)
}

fn collision_without(
    vm: &Vm,
    node_hash: i32,
    pairs: &[(Obj, Obj)],
    shift: u32,
    hash: i32,
    key: &Obj,
) -> PyResult<Without> {
    if node_hash != hash {
        return Ok(Without::NotFound);
    }
    let mut found = None;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if vm.eq(key, k)? {
            found = Some(i);
            break;
        }
    }
    let Some(i) = found else {
        return Ok(Without::NotFound);
    };
    let mut pairs = pairs.to_vec();
    pairs.remove(i);
    match pairs.len() {
        0 => Ok(Without::Empty),
        // One key left: it is a plain leaf again, in a bitmap node at this level.
        1 => {
            let (k, v) = pairs.pop().unwrap_or_else(|| unreachable!());
            Ok(Without::New(single_leaf(vm, shift, hash, k, v)?))
        }
        _ => Ok(Without::New(new_node(vm, Node::Collision { hash, pairs })?)),
    }
}

// ---- the map ----------------------------------------------------------------------------------

/// An immutable map: a root node (None when empty) and the number of keys.
/// Cloning it is O(1); `set` and `delete` return new maps.
#[derive(Clone, Default)]
pub(crate) struct Hamt {
    root: Option<Obj>,
    count: usize,
}

impl Hamt {
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// The same map object (CPython returns the very same hamt when a
    /// change changes nothing).
    pub(crate) fn is_same(&self, other: &Hamt) -> bool {
        match (&self.root, &other.root) {
            (Some(a), Some(b)) => a.is(b),
            (None, None) => true,
            _ => false,
        }
    }

    /// The value of `key`; an empty map does not hash the key (as CPython).
    pub(crate) fn get(&self, vm: &Vm, key: &Obj) -> PyResult<Option<Obj>> {
        let Some(root) = &self.root else {
            return Ok(None);
        };
        let hash = hash32(vm, key)?;
        find(vm, root, hash, key)
    }

    pub(crate) fn set(&self, vm: &Vm, key: &Obj, value: &Obj) -> PyResult<Hamt> {
        let hash = hash32(vm, key)?;
        let item = Item { hash, key, value };
        let Some(root) = &self.root else {
            return Ok(Hamt { root: Some(single_leaf(vm, 0, hash, key.clone(), value.clone())?), count: 1 });
        };
        Ok(match assoc(vm, root, 0, &item)? {
            None => self.clone(),
            Some((root, added)) => Hamt { root: Some(root), count: self.count + usize::from(added) },
        })
    }

    /// The map without `key`; None when the key is absent.
    pub(crate) fn delete(&self, vm: &Vm, key: &Obj) -> PyResult<Option<Hamt>> {
        let hash = hash32(vm, key)?;
        let Some(root) = &self.root else {
            return Ok(None);
        };
        Ok(match without(vm, root, 0, hash, key)? {
            Without::NotFound => None,
            Without::Empty => Some(Hamt::default()),
            Without::New(root) => Some(Hamt { root: Some(root), count: self.count - 1 }),
        })
    }

    pub(crate) fn iter(&self) -> Iter {
        Iter { stack: self.root.iter().map(|r| (r.clone(), 0)).collect() }
    }

    /// `self == other`: the same keys, and equal values (CPython's `hamt_eq`).
    pub(crate) fn equals(&self, vm: &Vm, other: &Hamt) -> PyResult<bool> {
        if self.is_same(other) {
            return Ok(true);
        }
        if self.count != other.count {
            return Ok(false);
        }
        for (key, value) in self.iter() {
            let Some(theirs) = other.get(vm, &key)? else {
                return Ok(false);
            };
            if !vm.rich_compare_bool(&value, &theirs, taipan_vm::api::types::CompareOp::Eq)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A map held in a payload that can be replaced (a context's variables)
/// and cleared by the cycle collector.
pub(crate) struct HamtCell {
    root: ObjCell,
    count: Cell<usize>,
}

impl HamtCell {
    pub(crate) fn new(map: Hamt) -> HamtCell {
        HamtCell { root: ObjCell::new(map.root), count: Cell::new(map.count) }
    }

    pub(crate) fn get(&self) -> Hamt {
        Hamt { root: self.root.get(), count: self.count.get() }
    }

    pub(crate) fn set(&self, map: Hamt) {
        self.count.set(map.count);
        self.root.set(map.root);
    }

    pub(crate) fn len(&self) -> usize {
        self.count.get()
    }

    pub(crate) fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.root.with(|r| r.into_iter().for_each(visit));
    }

    pub(crate) fn clear(&self) {
        self.set(Hamt::default());
    }
}

// ---- iteration --------------------------------------------------------------------------------

/// The (key, value) pairs of a map, depth first in bit order. It holds the
/// nodes on its path, so the map may go while it runs.
pub(crate) struct Iter {
    stack: Vec<(Obj, usize)>,
}

/// What the iteration does at a node's position.
enum Step {
    Yield(Obj, Obj),
    Descend(Obj),
    Skip,
    Up,
}

fn step_at(node: &Obj, pos: usize) -> Step {
    match node_of(node) {
        Node::Bitmap { entries, .. } => match entries.get(pos) {
            Some(Entry::Leaf { key, value, .. }) => Step::Yield(key.clone(), value.clone()),
            Some(Entry::Child(c)) => Step::Descend(c.clone()),
            None => Step::Up,
        },
        Node::Array { children, .. } => match children.get(pos) {
            Some(Some(c)) => Step::Descend(c.clone()),
            Some(None) => Step::Skip,
            None => Step::Up,
        },
        Node::Collision { pairs, .. } => match pairs.get(pos) {
            Some((k, v)) => Step::Yield(k.clone(), v.clone()),
            None => Step::Up,
        },
    }
}

impl Iter {
    pub(crate) fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.stack.iter().for_each(|(n, _)| visit(n));
    }
}

impl Iterator for Iter {
    type Item = (Obj, Obj);

    fn next(&mut self) -> Option<(Obj, Obj)> {
        loop {
            let (node, pos) = self.stack.last_mut()?;
            let step = step_at(node, *pos);
            *pos += 1;
            match step {
                Step::Yield(k, v) => return Some((k, v)),
                Step::Descend(child) => self.stack.push((child, 0)),
                Step::Skip => {}
                Step::Up => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// Which part of each pair an iterator object gives.
#[derive(Clone, Copy)]
pub(crate) enum IterKind {
    Keys,
    Values,
    Items,
}

impl IterKind {
    fn type_name(self) -> &'static str {
        match self {
            IterKind::Keys => "keys",
            IterKind::Values => "values",
            IterKind::Items => "items",
        }
    }
}

/// The Python iterators over a map (CPython's `keys`, `values` and `items`
/// types): `len()` is the map's size however far the iteration got.
struct IterObj {
    iter: RefCell<Iter>,
    len: usize,
    kind: IterKind,
}

impl PyPayload for IterObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(it) = self.iter.try_borrow() {
            it.traverse(visit);
        }
    }
    fn clear(&self) {
        if let Ok(mut it) = self.iter.try_borrow_mut() {
            let old = std::mem::take(&mut it.stack);
            drop(it);
            drop(old);
        }
    }
}

fn iter_type(vm: &Vm, kind: IterKind) -> Obj {
    let key = match kind {
        IterKind::Keys => "hamt.keys",
        IterKind::Values => "hamt.values",
        IterKind::Items => "hamt.items",
    };
    if let Some(t) = crate::support::module_type(vm, key) {
        return t;
    }
    let spec = TypeSpec { name: kind.type_name(), gc: true, ..Default::default() };
    let ty = taipan_vm::api::types::new_type::<IterObj>(vm, &spec, |s| {
        s.new.set(Some(crate::support::disallow_instantiation));
        s.iter.set(Some(crate::support::iter_self));
        s.iternext.set(Some(iter_next));
        s.mp_length.set(Some(|_, o| Ok(o.payload::<IterObj>().map_or(0, |it| it.len))));
    });
    crate::support::register_type(vm, key, &ty);
    ty
}

fn iter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let Some(it) = o.payload::<IterObj>() else {
        return Ok(None);
    };
    // No Python code runs while the iterator is borrowed.
    let next = it.iter.try_borrow_mut().ok().and_then(|mut i| i.next());
    Ok(next.map(|(k, v)| match it.kind {
        IterKind::Keys => k,
        IterKind::Values => v,
        IterKind::Items => vm.new_tuple(vec![k, v]),
    }))
}

/// A `keys`, `values` or `items` iterator over `map`.
pub(crate) fn new_iter(vm: &Vm, map: &Hamt, kind: IterKind) -> PyResult<Obj> {
    let ty = iter_type(vm, kind);
    alloc_instance(vm, &ty, &ty, IterObj { iter: RefCell::new(map.iter()), len: map.len(), kind })
}
