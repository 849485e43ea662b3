//! `repr`, `str`, `ascii`, `hash`, truth, `isinstance`/`issubclass` and the
//! native recursion guard (CPython's `Objects/object.c`, `abstract.c`).

use crate::object::{Obj, TypeObject};
use crate::objects::{str as pystr, tuple, type_};
use crate::vm::{PyResult, Vm};

/// How much stack a native re-entry needs before it grows the stack.
const STACK_RED_ZONE: usize = 128 * 1024;
/// How much stack to add when it runs low.
const STACK_GROW: usize = 4 * 1024 * 1024;
/// Nesting of uncounted native recursion (see `with_native_depth`).
const NATIVE_DEPTH_LIMIT: u32 = 200_000;
/// Nesting of native code that re-enters the interpreter (`__call__`,
/// `__eq__`, `__getattr__` through their slots, eval loops inside eval
/// loops): whatever the recursion limit, deeper than this is a
/// RecursionError (CPython's C stack would overflow well before).
pub(crate) const REENTRY_LIMIT: u32 = 30_000;

impl Vm {
    /// Run `f` one level deeper in native recursion (a `__repr__` calling
    /// `repr`, a `__eq__` comparing nested containers): counted against the
    /// recursion limit as CPython 3.11 counts C recursion, and on a stack that
    /// grows when it runs low, so deep structures end in RecursionError.
    #[inline]
    pub fn with_recursion<R>(&self, where_: &str, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
        let depth = self.thread.recursion_depth.get();
        let reentry = self.thread.reentry_depth.get();
        if depth >= self.recursion_limit.get() || reentry >= REENTRY_LIMIT {
            return Err(self.recursion_overflow(where_));
        }
        self.thread.recursion_depth.set(depth + 1);
        self.thread.reentry_depth.set(reentry + 1);
        let r = self.thread.stack.maybe_grow(STACK_RED_ZONE, STACK_GROW, f);
        self.thread.recursion_depth.set(depth);
        self.thread.reentry_depth.set(reentry);
        r
    }

    /// Run `f` one level deeper in a native recursion that CPython does not
    /// count (hashing nested tuples, `next()` through chains of iterators):
    /// the stack grows as needed, and only a depth far beyond what CPython's
    /// C stack allows ends in RecursionError.
    #[inline]
    pub fn with_native_depth<R>(&self, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
        let depth = self.thread.native_depth.get();
        if depth >= NATIVE_DEPTH_LIMIT {
            return Err(self.recursion_overflow(""));
        }
        self.thread.native_depth.set(depth + 1);
        let r = self.thread.stack.maybe_grow(STACK_RED_ZONE, STACK_GROW, f);
        self.thread.native_depth.set(depth);
        r
    }

    #[cold]
    pub fn recursion_overflow(&self, where_: &str) -> crate::vm::PyErr {
        self.recursion_error(format!("maximum recursion depth exceeded{where_}"))
    }

    /// `repr(o)`.
    pub fn repr(&self, o: &Obj) -> PyResult<Obj> {
        let f = o.class().slots.repr.get().unwrap_or(type_::object_repr);
        let r = self.with_recursion(" while getting the repr of an object", || f(self, o))?;
        if pystr::data(&r).is_none() {
            return Err(self.type_error(format!("__repr__ returned non-string (type {})", r.class().name())));
        }
        Ok(r)
    }

    /// `repr(o)` as a Rust string (lone surrogates replaced).
    pub fn repr_string(&self, o: &Obj) -> PyResult<String> {
        let r = self.repr(o)?;
        Ok(pystr::as_str_lossy(&r).into_owned())
    }

    /// `str(o)`.
    pub fn str(&self, o: &Obj) -> PyResult<Obj> {
        if o.class_obj().is(&self.ctx.types.str) {
            return Ok(o.clone());
        }
        let f = match o.class().slots.str.get() {
            Some(f) => f,
            None => return self.repr(o),
        };
        let r = self.with_recursion(" while getting the str of an object", || f(self, o))?;
        if pystr::data(&r).is_none() {
            return Err(self.type_error(format!("__str__ returned non-string (type {})", r.class().name())));
        }
        Ok(r)
    }

    /// `str(o)` as a Rust string (lone surrogates replaced).
    pub fn str_string(&self, o: &Obj) -> PyResult<String> {
        let r = self.str(o)?;
        Ok(pystr::as_str_lossy(&r).into_owned())
    }

    /// `ascii(o)`: the repr with non-ASCII characters escaped.
    pub fn ascii(&self, o: &Obj) -> PyResult<Obj> {
        let r = self.repr(o)?;
        let d = pystr::data(&r).expect("repr is a str");
        if d.is_ascii() {
            return Ok(r);
        }
        let mut out = String::with_capacity(d.len() + 8);
        for c in d.code_points() {
            push_ascii_escaped(&mut out, c);
        }
        Ok(self.new_str_from_string(out))
    }

    /// `hash(o)`.
    pub fn hash(&self, o: &Obj) -> PyResult<i64> {
        match o.class().slots.hash.get() {
            Some(f) => f(self, o),
            None => Err(self.unhashable(o)),
        }
    }

    pub fn unhashable(&self, o: &Obj) -> crate::vm::PyErr {
        self.type_error(format!("unhashable type: '{}'", o.class().name()))
    }

    /// Truth value (`bool(o)`, `if o:`).
    #[inline]
    pub fn is_true(&self, o: &Obj) -> PyResult<bool> {
        if o.is(&self.ctx.true_) {
            return Ok(true);
        }
        if o.is(&self.ctx.false_) || o.is(&self.ctx.none) {
            return Ok(false);
        }
        self.is_true_slow(o)
    }

    fn is_true_slow(&self, o: &Obj) -> PyResult<bool> {
        let s = &o.class().slots;
        if let Some(f) = s.nb_bool.get() {
            return f(self, o);
        }
        if let Some(f) = s.mp_length.get() {
            return Ok(f(self, o)? != 0);
        }
        if let Some(f) = s.sq_length.get() {
            return Ok(f(self, o)? != 0);
        }
        Ok(true)
    }

    /// Is `sub` a subclass of `ty` (through the MRO; both are types)?
    pub fn is_subtype(&self, sub: &Obj, ty: &Obj) -> bool {
        if sub.is(ty) {
            return true;
        }
        match sub.payload::<TypeObject>().and_then(|t| t.mro_opt()) {
            Some(mro) => tuple::items(&mro).iter().any(|b| b.is(ty)),
            None => false,
        }
    }

    /// Is `o` an instance of the type `ty` (by its real type)?
    #[inline]
    pub fn isinstance_type(&self, o: &Obj, ty: &Obj) -> bool {
        let cls = o.class_obj();
        cls.is(ty) || self.is_subtype(&cls, ty)
    }

    /// Is `o` an instance of the type `ty`, where `ty` is a builtin type
    /// whose instances all share one payload (exact payload check first)?
    pub fn is_type(&self, o: &Obj) -> bool {
        o.has_payload::<TypeObject>()
    }

    /// `isinstance(o, cls)` with `__instancecheck__` and tuples.
    pub fn isinstance(&self, o: &Obj, cls: &Obj) -> PyResult<bool> {
        if o.class_obj().is(cls) {
            return Ok(true);
        }
        if cls.class_obj().is(&self.ctx.types.type_) {
            return self.recursive_isinstance(o, cls);
        }
        if let Some(args) = crate::objects::generic_alias::union_args(cls) {
            return self.isinstance(o, &args);
        }
        if let Some(items) = cls.payload::<tuple::TupleData>() {
            for c in items.items().iter() {
                if self.with_recursion(" in __instancecheck__", || self.isinstance(o, c))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(check) = type_::lookup_str(self, cls.class(), "__instancecheck__") {
            let r = self.with_recursion(" in __instancecheck__", || {
                self.call_method_descr_obj(&check, cls, std::slice::from_ref(o))
            })?;
            return self.is_true(&r);
        }
        self.recursive_isinstance(o, cls)
    }

    /// `isinstance` without `__instancecheck__` (CPython's `object_isinstance`).
    fn recursive_isinstance(&self, o: &Obj, cls: &Obj) -> PyResult<bool> {
        if self.is_type(cls) {
            if self.isinstance_type(o, cls) {
                return Ok(true);
            }
            if self.class_attr_is_type(o) {
                return Ok(false);
            }
            // An object may claim another class through `__class__`.
            let c = self.getattr_opt(o, &self.intern("__class__"))?;
            return Ok(match c {
                Some(c) if !c.is(&o.class_obj()) && self.is_type(&c) => self.is_subtype(&c, cls),
                _ => false,
            });
        }
        if !self.check_class(cls)? {
            return Err(self.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"));
        }
        match self.getattr_opt(o, &self.intern("__class__"))? {
            Some(c) => self.abstract_issubclass(&c, cls),
            None => Ok(false),
        }
    }

    /// Is `o.__class__` certainly `type(o)`: the generic attribute lookup
    /// of a type whose MRO finds object's own `__class__` descriptor (a
    /// data descriptor: the instance dict cannot shadow it). Then a
    /// negative isinstance needs no attribute lookup (the common case,
    /// e.g. `isinstance(1, float)`).
    fn class_attr_is_type(&self, o: &Obj) -> bool {
        let t = o.class();
        let Some(obj_t) = self.ctx.types.object.payload::<TypeObject>() else {
            return false;
        };
        if !t.slots.getattro.same_as(&obj_t.slots.getattro) {
            return false;
        }
        match (type_::lookup_str(self, t, "__class__"), type_::lookup_str(self, obj_t, "__class__")) {
            (Some(a), Some(b)) => a.is(&b),
            _ => false,
        }
    }

    /// Does `cls` look like a class (has `__bases__` that is a tuple)?
    fn check_class(&self, cls: &Obj) -> PyResult<bool> {
        Ok(match self.getattr_opt(cls, &self.intern("__bases__"))? {
            Some(b) => b.has_payload::<tuple::TupleData>(),
            None => false,
        })
    }

    fn abstract_issubclass(&self, derived: &Obj, cls: &Obj) -> PyResult<bool> {
        let mut derived = derived.clone();
        loop {
            if derived.is(cls) {
                return Ok(true);
            }
            let Some(bases) = self.getattr_opt(&derived, &self.intern("__bases__"))? else { return Ok(false) };
            let Some(t) = bases.payload::<tuple::TupleData>() else { return Ok(false) };
            let items = t.items();
            match items.len() {
                0 => return Ok(false),
                1 => derived = items[0].clone(),
                _ => {
                    for b in items.iter() {
                        if self.with_recursion(" in __subclasscheck__", || self.abstract_issubclass(b, cls))? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
            }
        }
    }

    /// `issubclass(derived, cls)` with `__subclasscheck__` and tuples.
    pub fn issubclass(&self, derived: &Obj, cls: &Obj) -> PyResult<bool> {
        if self.is_type(cls) && self.is_type(derived) && cls.class_obj().is(&self.ctx.types.type_) {
            return Ok(self.is_subtype(derived, cls));
        }
        if let Some(args) = crate::objects::generic_alias::union_args(cls) {
            return self.issubclass(derived, &args);
        }
        if let Some(items) = cls.payload::<tuple::TupleData>() {
            for c in items.items().iter() {
                if self.with_recursion(" in __subclasscheck__", || self.issubclass(derived, c))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(check) = type_::lookup_str(self, cls.class(), "__subclasscheck__") {
            let r = self.with_recursion(" in __subclasscheck__", || {
                self.call_method_descr_obj(&check, cls, std::slice::from_ref(derived))
            })?;
            return self.is_true(&r);
        }
        self.recursive_issubclass(derived, cls)
    }

    /// `issubclass` without `__subclasscheck__` (CPython's
    /// `recursive_issubclass`, behind `type.__subclasscheck__`): classes
    /// are types or objects with a tuple `__bases__`.
    pub(crate) fn recursive_issubclass(&self, derived: &Obj, cls: &Obj) -> PyResult<bool> {
        if self.is_type(cls) && self.is_type(derived) {
            return Ok(self.is_subtype(derived, cls));
        }
        if !self.check_class(derived)? {
            return Err(self.type_error("issubclass() arg 1 must be a class"));
        }
        let is_union = crate::objects::generic_alias::union_args(cls).is_some();
        if !is_union && !self.check_class(cls)? {
            return Err(self.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"));
        }
        self.abstract_issubclass(derived, cls)
    }

    /// The type object with this id, if it is still alive (for
    /// `__subclasses__`, whose list holds ids rather than references).
    pub fn find_live_type(&self, id: usize) -> Option<Obj> {
        let p = std::ptr::NonNull::new(id as *mut crate::object::PyObject)?;
        // SAFETY: a type removes its id from its bases' subclass lists when it
        // is freed (`TypeObject`'s Drop), so every listed id is a live type.
        Some(unsafe { Obj::from_borrowed_ptr(p) })
    }

    /// `type(o).__name__` as a Rust string, for messages.
    pub fn type_name(&self, o: &Obj) -> String {
        o.class().name().to_string()
    }
}

/// Append `c` to `out` as `ascii()` shows it.
pub(crate) fn push_ascii_escaped(out: &mut String, c: u32) {
    if c < 0x80 {
        out.push(c as u8 as char);
    } else if c < 0x100 {
        out.push_str(&format!("\\x{c:02x}"));
    } else if c < 0x10000 {
        out.push_str(&format!("\\u{c:04x}"));
    } else {
        out.push_str(&format!("\\U{c:08x}"));
    }
}
