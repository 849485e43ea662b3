//! Weak references (CPython's `Objects/weakrefobject.c`): `weakref.ref`
//! (`ReferenceType`), `weakref.proxy` (`ProxyType`, `CallableProxyType`),
//! and the list of weak references each referent keeps.
//!
//! A referent of a type with a weak-reference slot (`weaklistoffset`) keeps
//! there the head of a doubly linked list of the weakref objects that point
//! to it. All these links are borrowed (no reference counts): a weakref
//! unlinks itself when it is freed, and a referent that is freed clears
//! every weakref in its list (their referent becomes None) and queues the
//! callbacks, which run at the next instruction boundary (DESIGN invariant
//! 4). The cycle collector clears weakrefs to garbage before finalizers run
//! and calls the callbacks of the weakrefs that are not garbage themselves.
//!
//! This file holds the raw list manipulation (memory management, hence the
//! `unsafe`, each with its SAFETY line) and the Python-visible types.

use std::cell::Cell;
use std::ptr::{self, NonNull};

use crate::object::typeobj::{flags, CompareOp, TypeObject};
use crate::object::{Obj, ObjCell, PyCell, PyObject, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::str as pystr;
use crate::vm::{PyErr, PyResult, Vm};

/// A weak reference (and a weak proxy): the referent, borrowed (null once
/// it died), the callback, the cached hash, and the list links.
pub(crate) struct WeakrefData {
    referent: Cell<*mut PyObject>,
    callback: ObjCell,
    hash: Cell<i64>,
    next: Cell<*mut PyObject>,
    prev: Cell<*mut PyObject>,
}

impl PyPayload for WeakrefData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        self.callback.with(|c| {
            if let Some(c) = c {
                visit(c)
            }
        });
    }

    fn clear(&self) {
        self.callback.set(None);
    }
}

impl Drop for WeakrefData {
    /// A weakref that dies before its referent leaves the referent's list.
    fn drop(&mut self) {
        let me = self as *const WeakrefData;
        if !self.referent.get().is_null() {
            // SAFETY: a non-null referent is live (it clears this weakref
            // before it is freed), and the links are live weakrefs.
            unsafe { unlink(me, self) };
        }
    }
}

/// The weak-reference list slot of a live object of a type that has one.
///
/// # Safety
/// `p` must be live and its type must have a `weaklistoffset`.
unsafe fn list_head<'a>(p: *mut PyObject) -> &'a Cell<*mut PyObject> {
    // SAFETY: guaranteed by the caller; the slot is a pointer-sized word.
    unsafe {
        let t = crate::object::type_of_ptr(NonNull::new_unchecked(p));
        &*p.cast::<u8>().add(t.weaklistoffset).cast::<Cell<*mut PyObject>>()
    }
}

/// The weakref payload of the object at `p` (a weakref or proxy).
///
/// # Safety
/// `p` must be a live weakref object.
unsafe fn data_at<'a>(p: *mut PyObject) -> &'a WeakrefData {
    // SAFETY: guaranteed by the caller.
    unsafe { &(*p.cast::<PyCell<WeakrefData>>()).payload }
}

fn object_ptr(w: *const WeakrefData) -> *mut PyObject {
    (w as usize - std::mem::offset_of!(PyCell<WeakrefData>, payload)) as *mut PyObject
}

/// Take a weakref out of its referent's list and forget the referent.
///
/// # Safety
/// The weakref's referent must be live, and the list links valid.
unsafe fn unlink(me: *const WeakrefData, w: &WeakrefData) {
    let referent = w.referent.get();
    let prev = w.prev.get();
    let next = w.next.get();
    // SAFETY: guaranteed by the caller.
    unsafe {
        let head = list_head(referent);
        if head.get() == object_ptr(me) {
            head.set(next);
        }
        if !prev.is_null() {
            data_at(prev).next.set(next);
        }
        if !next.is_null() {
            data_at(next).prev.set(prev);
        }
    }
    w.referent.set(ptr::null_mut());
    w.prev.set(ptr::null_mut());
    w.next.set(ptr::null_mut());
}

/// The weakrefs of a live object, in list order (new references).
pub fn weakrefs_of(o: &Obj) -> Vec<Obj> {
    if o.class().weaklistoffset == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    // SAFETY: the type has the slot; linked weakrefs are live.
    unsafe {
        let mut p = list_head(o.as_ptr()).get();
        while !p.is_null() {
            out.push(Obj::from_borrowed_ptr(NonNull::new_unchecked(p)));
            p = data_at(p).next.get();
        }
    }
    out
}

/// Clear the weakrefs of an object being freed (called by deallocation,
/// before the object's memory goes): their referent becomes None and their
/// callbacks are queued (CPython's `PyObject_ClearWeakRefs`).
///
/// # Safety
/// `p` must be an object being freed, of a type with a weak-reference slot.
#[inline(always)]
pub(crate) unsafe fn clear_on_free(p: *mut PyObject) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        // Most objects freed have no weakrefs: one load and a test, inline
        // in every deallocation path.
        if !list_head(p).get().is_null() {
            clear_linked(p);
        }
    }
}

/// `clear_on_free` of an object with weakrefs.
///
/// # Safety
/// As `clear_on_free`.
#[inline(never)]
unsafe fn clear_linked(p: *mut PyObject) {
    // SAFETY: guaranteed by the caller; each linked weakref is live.
    unsafe {
        let head = list_head(p);
        loop {
            let w = head.get();
            if w.is_null() {
                break;
            }
            let d = data_at(w);
            unlink(d, d);
            let cb = d.callback.take();
            // A weakref being deallocated itself (its attributes held the
            // referent's last reference) gets no callback, as in CPython.
            let wp = NonNull::new_unchecked(w);
            if let Some(cb) = cb.filter(|_| crate::object::refcnt_of_ptr(wp) > 0) {
                crate::object::queue_weakref_callback(cb, Obj::from_borrowed_ptr(wp));
            }
        }
    }
}

/// Clear the weakrefs to the cycle collector's garbage, then call the
/// callbacks of those weakrefs that are not garbage themselves (CPython's
/// `handle_weakrefs`).
/// Returns how many of those weakrefs died once their callback was called,
/// and whether any callback was called (Python code ran).
pub(crate) fn clear_weakrefs_of_garbage(vm: &Vm, garbage: &[Obj]) -> (usize, bool) {
    let mut found: Vec<Obj> = Vec::new();
    for o in garbage {
        for w in weakrefs_of(o) {
            let d = w.payload::<WeakrefData>().expect("weakref lists hold weakrefs");
            // SAFETY: the referent `o` is live (held by the collector).
            unsafe { unlink(d, d) };
            found.push(w);
        }
    }
    if found.is_empty() {
        // The common case: no set of the garbage to build.
        return (0, false);
    }
    let ids: rustc_hash::FxHashSet<usize> = garbage.iter().map(|o| o.id()).collect();
    let mut callbacks: Vec<(Obj, Obj)> = Vec::new();
    for w in found {
        // A weakref that is garbage itself keeps its callback (and the
        // callback stays part of the garbage) until it is cleared, as
        // CPython's handle_weakrefs.
        if ids.contains(&w.id()) {
            continue;
        }
        let d = w.payload::<WeakrefData>().expect("weakref lists hold weakrefs");
        if let Some(cb) = d.callback.take() {
            callbacks.push((cb, w));
        }
    }
    let mut freed = 0;
    let called = !callbacks.is_empty();
    for (cb, w) in callbacks {
        if let Err(e) = vm.call(&cb, std::slice::from_ref(&w), None) {
            vm.write_unraisable(&e, Some(&cb));
        }
        drop(cb);
        if w.refcnt() == 1 {
            freed += 1;
        }
    }
    (freed, called)
}

// ---- the Python types -------------------------------------------------------------------------

pub(crate) fn type_object() -> TypeObject {
    let t = TypeObject::new::<WeakrefData>(
        "weakref.ReferenceType",
        std::mem::size_of::<PyCell<WeakrefData>>(),
        true,
        flags::BASETYPE | flags::IMMUTABLETYPE,
    );
    t.slots.new.set(Some(weakref_new));
    t.slots.init.set(Some(weakref_init));
    t.slots.call.set(Some(weakref_call));
    t.slots.hash.set(Some(weakref_hash));
    t.slots.richcompare.set(Some(weakref_richcompare));
    t.slots.repr.set(Some(weakref_repr));
    t
}

pub(crate) fn setup(vm: &Vm) {
    let ty = &vm.ctx.types.weakref;
    add_getsets(
        vm,
        ty,
        &[GetSetDef::new("__callback__", |vm, o| Ok(data(o).callback.get().unwrap_or_else(|| vm.none())), None)],
    );
    add_methods(
        vm,
        ty,
        &[MethodDef::class("__class_getitem__", |vm, cls, args, kw| {
            crate::objects::generic_alias::class_getitem(vm, cls, args, kw)
        })],
    );
}

fn data(o: &Obj) -> &WeakrefData {
    o.payload::<WeakrefData>().expect("a weakref")
}

/// The referent of a weakref, if it is still alive.
pub fn referent(o: &Obj) -> Option<Obj> {
    let p = o.payload::<WeakrefData>()?.referent.get();
    // SAFETY: a non-null referent is live.
    NonNull::new(p).map(|p| unsafe { Obj::from_borrowed_ptr(p) })
}

/// Can `o` be weakly referenced?
pub(crate) fn supports_weakrefs(o: &Obj) -> bool {
    o.class().weaklistoffset != 0
}

/// The basic (no callback, exact type) ref and proxy at the head of a list.
fn basic_refs(vm: &Vm, o: &Obj) -> (Option<Obj>, Option<Obj>) {
    let refs = weakrefs_of(o);
    let mut it = refs.into_iter().peekable();
    let mut basic_ref = None;
    let mut basic_proxy = None;
    if let Some(w) = it.peek() {
        if w.type_is(&vm.ctx.types.weakref) && !data(w).callback.is_some() {
            basic_ref = it.next();
        }
    }
    if let Some(w) = it.peek() {
        if is_proxy_type(vm, &w.class_obj()) && !data(w).callback.is_some() {
            basic_proxy = it.next();
        }
    }
    (basic_ref, basic_proxy)
}

fn is_proxy_type(vm: &Vm, t: &Obj) -> bool {
    let (p, cp) = proxy_types(vm);
    t.is(&p) || t.is(&cp)
}

/// Link a new weakref into `o`'s list: after `after`, or at the head.
fn insert(o: &Obj, w: &Obj, after: Option<&Obj>) {
    let d = data(w);
    let wp = w.as_ptr();
    d.referent.set(o.as_ptr());
    // SAFETY: `o` has a weak-reference slot (checked by the callers), the
    // list holds live weakrefs, and `after` is one of them.
    unsafe {
        let head = list_head(o.as_ptr());
        match after {
            Some(a) => {
                let ad = data(a);
                let next = ad.next.get();
                d.prev.set(a.as_ptr());
                d.next.set(next);
                ad.next.set(wp);
                if !next.is_null() {
                    data_at(next).prev.set(wp);
                }
            }
            None => {
                let next = head.get();
                d.prev.set(ptr::null_mut());
                d.next.set(next);
                if !next.is_null() {
                    data_at(next).prev.set(wp);
                }
                head.set(wp);
            }
        }
    }
}

fn cannot_weakref(vm: &Vm, o: &Obj) -> PyErr {
    vm.type_error(format!("cannot create weak reference to '{}' object", o.class().name()))
}

fn new_data() -> WeakrefData {
    WeakrefData {
        referent: Cell::new(ptr::null_mut()),
        callback: ObjCell::new(None),
        hash: Cell::new(-1),
        next: Cell::new(ptr::null_mut()),
        prev: Cell::new(ptr::null_mut()),
    }
}

/// `weakref.ref(o, callback)` of type `cls` (CPython's `weakref___new__`).
pub(crate) fn new_ref(vm: &Vm, cls: &Obj, o: &Obj, callback: Option<Obj>) -> PyResult<Obj> {
    if !supports_weakrefs(o) {
        return Err(cannot_weakref(vm, o));
    }
    let callback = callback.filter(|c| !vm.is_none(c));
    let (basic_ref, basic_proxy) = basic_refs(vm, o);
    let exact = cls.is(&vm.ctx.types.weakref);
    if exact && callback.is_none() {
        if let Some(r) = basic_ref {
            return Ok(r);
        }
    }
    let w = crate::objects::type_spec::alloc_instance(vm, cls, &vm.ctx.types.weakref, new_data())?;
    data(&w).callback.set(callback.clone());
    if exact && callback.is_none() {
        insert(o, &w, None);
    } else {
        insert(o, &w, basic_proxy.as_ref().or(basic_ref.as_ref()));
    }
    Ok(w)
}

/// `weakref.proxy(o, callback)`.
pub fn new_proxy(vm: &Vm, o: &Obj, callback: Option<Obj>) -> PyResult<Obj> {
    if !supports_weakrefs(o) {
        return Err(cannot_weakref(vm, o));
    }
    let callback = callback.filter(|c| !vm.is_none(c));
    let (basic_ref, basic_proxy) = basic_refs(vm, o);
    if callback.is_none() {
        if let Some(p) = basic_proxy {
            return Ok(p);
        }
    }
    let (proxy, callable_proxy) = proxy_types(vm);
    let ty = if vm.is_callable(o) { callable_proxy } else { proxy };
    let w = crate::object::alloc_object(&ty, new_data());
    data(&w).callback.set(callback.clone());
    if callback.is_none() {
        insert(o, &w, basic_ref.as_ref());
    } else {
        insert(o, &w, basic_proxy.as_ref().or(basic_ref.as_ref()));
    }
    Ok(w)
}

fn weakref_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(args, kwnames);
    if !kw.is_empty() && cls.is(&vm.ctx.types.weakref) {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    if pos.is_empty() {
        return Err(vm.type_error("__new__ expected at least 1 argument, got 0"));
    }
    if pos.len() > 2 {
        return Err(vm.type_error(format!("__new__ expected at most 2 arguments, got {}", pos.len())));
    }
    new_ref(vm, cls, &pos[0], pos.get(1).cloned())
}

/// `ref.__init__` only checks its arguments (`__new__` did the work).
fn weakref_init(vm: &Vm, _o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let npos = crate::protocol::call::npositional(args, kwnames);
    if npos == 0 {
        return Err(vm.type_error("__init__ expected at least 1 argument, got 0"));
    }
    if npos > 2 {
        return Err(vm.type_error(format!("__init__ expected at most 2 arguments, got {npos}")));
    }
    Ok(())
}

fn weakref_call(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "weakref", args, kwnames)?;
    Ok(referent(o).unwrap_or_else(|| vm.none()))
}

fn weakref_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let d = data(o);
    if d.hash.get() != -1 {
        return Ok(d.hash.get());
    }
    let Some(r) = referent(o) else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = vm.hash(&r)?;
    d.hash.set(h);
    Ok(h)
}

fn weakref_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || b.payload::<WeakrefData>().is_none() {
        return Ok(vm.not_implemented());
    }
    match (referent(a), referent(b)) {
        (Some(x), Some(y)) => vm.rich_compare(&x, &y, op),
        _ => {
            let same = a.is(b);
            Ok(vm.bool_obj(same == (op == CompareOp::Eq)))
        }
    }
}

fn weakref_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let Some(r) = referent(o) else {
        return Ok(vm.new_str_from_string(format!("<weakref at {:#x}; dead>", o.id())));
    };
    let name = match special_name(vm, &r) {
        Ok(Some(n)) if pystr::data(&n).is_some() => Some(pystr::as_str_lossy(&n).into_owned()),
        Ok(_) => None,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.attribute_error) => None,
        Err(e) => return Err(e),
    };
    let text = match name {
        Some(n) => format!("<weakref at {:#x}; to '{}' at {:#x} ({})>", o.id(), r.class().name(), r.id(), n),
        None => format!("<weakref at {:#x}; to '{}' at {:#x}>", o.id(), r.class().name(), r.id()),
    };
    Ok(vm.new_str_from_string(text))
}

/// `__name__` looked up on the referent's type (CPython's
/// `_PyObject_LookupSpecial`): an instance's `__getattr__` is not asked.
fn special_name(vm: &Vm, r: &Obj) -> PyResult<Option<Obj>> {
    let name = vm.new_str("__name__");
    let Some(descr) = crate::objects::type_::lookup(vm, r.class(), &name) else { return Ok(None) };
    match descr.class().slots.descr_get.get() {
        Some(get) => get(vm, &descr, Some(r), Some(&r.class_obj())).map(Some),
        None => Ok(Some(descr)),
    }
}

/// `obj.__weakref__`: the first weak reference to the object, if any.
pub(crate) fn first_weakref(_vm: &Vm, o: &Obj) -> Option<Obj> {
    weakrefs_of(o).into_iter().next()
}

// ---- proxies ----------------------------------------------------------------------------------

/// The proxy types (made on first use).
pub fn proxy_types(vm: &Vm) -> (Obj, Obj) {
    let get = |name: &'static str, callable: bool| -> Obj {
        if let Some(t) = vm.lazy_types.borrow().get(name) {
            return t.clone();
        }
        let t = make_proxy_type(vm, name, callable);
        vm.lazy_types.borrow_mut().insert(name, t.clone());
        t
    };
    (get("weakref.ProxyType", false), get("weakref.CallableProxyType", true))
}

fn make_proxy_type(vm: &Vm, name: &'static str, callable: bool) -> Obj {
    let t =
        TypeObject::new::<WeakrefData>(name, std::mem::size_of::<PyCell<WeakrefData>>(), true, flags::IMMUTABLETYPE);
    let s = &t.slots;
    s.getattro.set(Some(|vm, o, n| vm.getattr(&live(vm, o)?, n)));
    s.setattro.set(Some(|vm, o, n, v| match v {
        Some(v) => vm.setattr(&live(vm, o)?, n, v),
        None => vm.delattr(&live(vm, o)?, n),
    }));
    s.repr.set(Some(proxy_repr));
    s.str.set(Some(|vm, o| vm.str(&live(vm, o)?)));
    s.hash.set(Some(|vm, o| Err(vm.type_error(format!("unhashable type: '{}'", o.class().name())))));
    s.richcompare.set(Some(|vm, a, b, op| {
        let a = live(vm, a)?;
        let b = if b.payload::<WeakrefData>().is_some() && is_proxy_type(vm, &b.class_obj()) {
            live(vm, b)?
        } else {
            b.clone()
        };
        vm.rich_compare(&a, &b, op)
    }));
    s.iter.set(Some(|vm, o| vm.iter(&live(vm, o)?)));
    s.iternext.set(Some(|vm, o| {
        let r = live(vm, o)?;
        if r.class().slots.iternext.get().is_none() {
            return Err(vm.type_error(format!("Weakref proxy referenced a non-iterator '{}' object", r.class().name())));
        }
        vm.next(&r)
    }));
    s.nb_bool.set(Some(|vm, o| vm.is_true(&live(vm, o)?)));
    s.mp_length.set(Some(|vm, o| vm.len(&live(vm, o)?)));
    s.sq_contains.set(Some(|vm, o, x| vm.contains(&live(vm, o)?, x)));
    s.mp_subscript.set(Some(|vm, o, k| vm.getitem(&live(vm, o)?, k)));
    s.mp_ass_subscript.set(Some(|vm, o, k, v| match v {
        Some(v) => vm.setitem(&live(vm, o)?, k, v),
        None => vm.delitem(&live(vm, o)?, k),
    }));
    for op in crate::object::typeobj::NbOp::ALL {
        s.nb_binary[op as usize].set(Some(proxy_binary(op)));
        s.nb_inplace[op as usize].set(Some(proxy_inplace(op)));
    }
    s.nb_negative.set(Some(|vm, o| vm.unary_op(&live(vm, o)?, crate::object::typeobj::UnaryOp::Negative)));
    s.nb_positive.set(Some(|vm, o| vm.unary_op(&live(vm, o)?, crate::object::typeobj::UnaryOp::Positive)));
    s.nb_invert.set(Some(|vm, o| vm.unary_op(&live(vm, o)?, crate::object::typeobj::UnaryOp::Invert)));
    s.nb_index.set(Some(|vm, o| vm.index(&live(vm, o)?)));
    if callable {
        s.call.set(Some(|vm, o, args, kw| vm.call(&live(vm, o)?, args, kw)));
    }
    let ty = crate::context::new_static_type(&vm.ctx.types.type_, t);
    crate::objects::type_::init_static_type_base(vm, &ty);
    add_methods(
        vm,
        &ty,
        &[
            MethodDef::method("__bytes__", |vm, o, _, _| vm.call(&vm.ctx.types.bytes.clone(), &[live(vm, o)?], None)),
            MethodDef::method("__reversed__", |vm, o, _, _| vm.call_method(&live(vm, o)?, "__reversed__", &[])),
        ],
    );
    crate::objects::slots::add_slot_wrappers(vm, &ty);
    crate::objects::type_::inherit_slots(vm, &ty);
    ty
}

/// The proxied object, or ReferenceError once it died.
fn live(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    referent(o).ok_or_else(|| {
        vm.new_exception_msg(&vm.ctx.exceptions.by_name["ReferenceError"], "weakly-referenced object no longer exists")
    })
}

fn proxy_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let r = live(vm, o)?;
    Ok(vm.new_str_from_string(format!("<weakproxy at {:#x}; to '{}' at {:#x}>", o.id(), r.class().name(), r.id())))
}

fn proxy_binary(op: crate::object::typeobj::NbOp) -> crate::object::typeobj::BinaryFn {
    use crate::object::typeobj::NbOp::*;
    macro_rules! f {
        ($op:ident) => {
            |vm, a, b| {
                let unwrap = |vm: &Vm, x: &Obj| -> PyResult<Obj> {
                    if x.payload::<WeakrefData>().is_some() && is_proxy_type(vm, &x.class_obj()) {
                        live(vm, x)
                    } else {
                        Ok(x.clone())
                    }
                };
                vm.binary_op(&unwrap(vm, a)?, &unwrap(vm, b)?, $op)
            }
        };
    }
    match op {
        Add => f!(Add),
        And => f!(And),
        FloorDivide => f!(FloorDivide),
        Lshift => f!(Lshift),
        MatrixMultiply => f!(MatrixMultiply),
        Multiply => f!(Multiply),
        Remainder => f!(Remainder),
        Or => f!(Or),
        Power => f!(Power),
        Rshift => f!(Rshift),
        Subtract => f!(Subtract),
        TrueDivide => f!(TrueDivide),
        Xor => f!(Xor),
    }
}

/// `p op= x` on a proxy: the referent's in-place operation (the name is
/// then bound to its result, as in CPython).
fn proxy_inplace(op: crate::object::typeobj::NbOp) -> crate::object::typeobj::BinaryFn {
    use crate::object::typeobj::NbOp::*;
    macro_rules! f {
        ($op:ident) => {
            |vm, a, b| {
                let b = if b.payload::<WeakrefData>().is_some() && is_proxy_type(vm, &b.class_obj()) {
                    live(vm, b)?
                } else {
                    b.clone()
                };
                vm.inplace_op(&live(vm, a)?, &b, $op)
            }
        };
    }
    match op {
        Add => f!(Add),
        And => f!(And),
        FloorDivide => f!(FloorDivide),
        Lshift => f!(Lshift),
        MatrixMultiply => f!(MatrixMultiply),
        Multiply => f!(Multiply),
        Remainder => f!(Remainder),
        Or => f!(Or),
        Power => f!(Power),
        Rshift => f!(Rshift),
        Subtract => f!(Subtract),
        TrueDivide => f!(TrueDivide),
        Xor => f!(Xor),
    }
}

/// `_weakref.getweakrefcount(o)`.
pub fn weakref_count(o: &Obj) -> usize {
    weakrefs_of(o).len()
}

/// What the `_weakref` module needs.
pub(crate) mod api {
    use super::*;

    /// `weakref.ref(o, callback)`.
    pub fn new_ref(vm: &Vm, o: &Obj, callback: Option<Obj>) -> PyResult<Obj> {
        let cls = vm.ctx.types.weakref.clone();
        super::new_ref(vm, &cls, o, callback)
    }

    pub use super::{new_proxy, proxy_types, referent, weakref_count, weakrefs_of};

    /// `ReferenceType`.
    pub fn reference_type(vm: &Vm) -> Obj {
        vm.ctx.types.weakref.clone()
    }
}
