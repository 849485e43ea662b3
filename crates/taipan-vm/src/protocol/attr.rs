//! Attribute access (CPython's `PyObject_GetAttr`, `PyObject_SetAttr`,
//! `_PyObject_GetMethod`).

use crate::object::typeobj::flags;
use crate::object::Obj;
use crate::objects::{str as pystr, type_};
use crate::vm::{PyResult, Vm};

impl Vm {
    fn check_attr_name(&self, name: &Obj) -> PyResult<()> {
        if pystr::data(name).is_none() {
            return Err(self.type_error(format!("attribute name must be string, not '{}'", name.class().name())));
        }
        Ok(())
    }

    /// `getattr(o, name)`; `name` is a str object.
    #[inline]
    pub fn getattr(&self, o: &Obj, name: &Obj) -> PyResult<Obj> {
        let r = match o.class().slots.getattro.get() {
            Some(f) => f(self, o, name),
            None => type_::generic_getattr(self, o, name),
        };
        r.map_err(|e| self.attribute_error_context(e, o, name))
    }

    /// An AttributeError without `name` and `obj` (e.g. raised bare by a
    /// `__getattr__`) gets those of this lookup, so the traceback can
    /// suggest a close name (CPython's `set_attribute_error_context`).
    #[cold]
    fn attribute_error_context(&self, e: crate::vm::PyErr, o: &Obj, name: &Obj) -> crate::vm::PyErr {
        use crate::objects::exceptions::{get_extra, set_extra};
        if self.err_matches(&e, &self.ctx.exceptions.attribute_error) {
            let exc = e.value();
            let unset = |field| get_extra(exc, field).is_none_or(|v| self.is_none(&v));
            if unset("name") && unset("obj") {
                set_extra(exc, "name", name.clone());
                set_extra(exc, "obj", o.clone());
            }
        }
        e
    }

    /// `getattr(o, name)` for a Rust string name.
    pub fn getattr_str(&self, o: &Obj, name: &str) -> PyResult<Obj> {
        self.getattr(o, &self.intern(name))
    }

    /// `getattr(o, name, None)` that tells "missing" (Ok(None)) from other
    /// errors, without building an AttributeError on the common path.
    pub fn getattr_opt(&self, o: &Obj, name: &Obj) -> PyResult<Option<Obj>> {
        let f = o.class().slots.getattro.get();
        if f.is_none() || o.class().slots.getattro.is(crate::object::typeobj::slot_id::GENERIC_GETATTR) {
            // A property or __getattr__ may raise AttributeError: that is
            // "missing" too.
            return match type_::generic_getattr_opt(self, o, name) {
                Err(e) if self.err_matches(&e, &self.ctx.exceptions.attribute_error) => Ok(None),
                r => r,
            };
        }
        match self.getattr(o, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.err_matches(&e, &self.ctx.exceptions.attribute_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn getattr_str_opt(&self, o: &Obj, name: &str) -> PyResult<Option<Obj>> {
        self.getattr_opt(o, &self.intern(name))
    }

    /// `getattr` with a name object that may not be a str (the builtin).
    pub fn getattr_checked(&self, o: &Obj, name: &Obj) -> PyResult<Obj> {
        self.check_attr_name(name)?;
        self.getattr(o, name)
    }

    pub fn hasattr(&self, o: &Obj, name: &Obj) -> PyResult<bool> {
        self.check_attr_name(name)?;
        Ok(self.getattr_opt(o, name)?.is_some())
    }

    /// `setattr(o, name, value)`.
    pub fn setattr(&self, o: &Obj, name: &Obj, value: &Obj) -> PyResult<()> {
        self.check_attr_name(name)?;
        self.setattr_opt(o, name, Some(value))
    }

    pub fn setattr_str(&self, o: &Obj, name: &str, value: &Obj) -> PyResult<()> {
        self.setattr_opt(o, &self.intern(name), Some(value))
    }

    /// `delattr(o, name)`.
    pub fn delattr(&self, o: &Obj, name: &Obj) -> PyResult<()> {
        self.check_attr_name(name)?;
        self.setattr_opt(o, name, None)
    }

    fn setattr_opt(&self, o: &Obj, name: &Obj, value: Option<&Obj>) -> PyResult<()> {
        match o.class().slots.setattro.get() {
            Some(f) => f(self, o, name, value),
            None => {
                let ty = o.class();
                let has_getattr = ty.slots.getattro.get().is_some();
                let what = if value.is_some() { "assign to" } else { "delete" };
                let msg = if has_getattr {
                    format!(
                        "'{}' object has only read-only attributes ({} .{})",
                        ty.name(),
                        what,
                        pystr::as_str_lossy(name)
                    )
                } else {
                    format!("'{}' object has no attributes ({} .{})", ty.name(), what, pystr::as_str_lossy(name))
                };
                Err(self.type_error(msg))
            }
        }
    }

    /// Look a method up for a call (`LOAD_METHOD`): `(f, true)` when `f` is an
    /// unbound function found on the type, to be called with `o` first;
    /// `(attr, false)` otherwise.
    pub fn get_method(&self, o: &Obj, name: &Obj) -> PyResult<(Obj, bool)> {
        let ty = o.class();
        let generic = ty.slots.getattro.is(crate::object::typeobj::slot_id::GENERIC_GETATTR);
        if !generic {
            return Ok((self.getattr(o, name)?, false));
        }
        let descr = type_::lookup(self, ty, name);
        let mut method_found = false;
        if let Some(d) = &descr {
            let dt = d.class();
            if dt.has_flag(flags::METHOD_DESCRIPTOR) {
                method_found = true;
            } else if let Some(get) = dt.slots.descr_get.get() {
                if dt.slots.descr_set.get().is_some() {
                    return Ok((get(self, d, Some(o), Some(&o.class_obj()))?, false));
                }
            }
        }
        match crate::objects::instance_values::lookup(self, o, name) {
            Some(Some(v)) => return Ok((v, false)),
            Some(None) => {}
            None => {
                if let Some(dict) = crate::objects::instance_values::dict_of(self, o) {
                    if let Some(v) = crate::objects::dict::get_item_opt(self, &dict, name)? {
                        return Ok((v, false));
                    }
                }
            }
        }
        if let Some(d) = descr {
            if method_found {
                return Ok((d, true));
            }
            if let Some(get) = d.class().slots.descr_get.get() {
                return Ok((get(self, &d, Some(o), Some(&o.class_obj()))?, false));
            }
            return Ok((d, false));
        }
        Err(type_::attribute_error_for(self, o, name))
    }

    /// `o.name(*args)`.
    pub fn call_method(&self, o: &Obj, name: &str, args: &[Obj]) -> PyResult<Obj> {
        let (f, unbound) = self.get_method(o, &self.intern(name))?;
        if unbound {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(o.clone());
            full.extend_from_slice(args);
            self.call(&f, &full, None)
        } else {
            self.call(&f, args, None)
        }
    }

    /// Call a special method looked up on the type (not the instance), as
    /// the interpreter does for dunders: `Ok(None)` when the type lacks it.
    pub fn call_special(&self, o: &Obj, name: &str, args: &[Obj]) -> PyResult<Option<Obj>> {
        let Some(f) = type_::lookup(self, o.class(), &self.intern(name)) else { return Ok(None) };
        self.call_method_descr_obj(&f, o, args).map(Some)
    }

    /// `call_special` with a string literal (the slot functions' dunders),
    /// whose interned name is found without comparing its text.
    pub(crate) fn call_special_static(&self, o: &Obj, name: &'static str, args: &[Obj]) -> PyResult<Option<Obj>> {
        let Some(f) = type_::lookup_str(self, o.class(), name) else { return Ok(None) };
        self.call_method_descr_obj(&f, o, args).map(Some)
    }

    /// Call `descr` (found on a type) bound to `self_` with `args`.
    pub fn call_method_descr_obj(&self, descr: &Obj, self_: &Obj, args: &[Obj]) -> PyResult<Obj> {
        if descr.type_is(&self.ctx.types.function) {
            return crate::eval::call::call_function_with_self(self, descr, self_, args, None);
        }
        let dt = descr.class();
        if dt.has_flag(flags::METHOD_DESCRIPTOR) {
            return self.with_self_prepended(self_, args, |full| self.call(descr, full, None));
        }
        let bound = match dt.slots.descr_get.get() {
            Some(get) => get(self, descr, Some(self_), Some(&self_.class_obj()))?,
            None => descr.clone(),
        };
        self.call(&bound, args, None)
    }

    /// Run `f` on `self_` followed by `args` (a method's full argument
    /// list), on the stack when short: no allocation for the usual calls.
    pub(crate) fn with_self_prepended<R>(&self, self_: &Obj, args: &[Obj], f: impl FnOnce(&[Obj]) -> R) -> R {
        // Arrays of exactly the length needed: one reference count update
        // per argument each way, none for unused room.
        let s = || self_.clone();
        match args {
            [] => return f(&[s()]),
            [a] => return f(&[s(), a.clone()]),
            [a, b] => return f(&[s(), a.clone(), b.clone()]),
            [a, b, c] => return f(&[s(), a.clone(), b.clone(), c.clone()]),
            [a, b, c, d] => return f(&[s(), a.clone(), b.clone(), c.clone(), d.clone()]),
            _ => {}
        }
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(self_.clone());
        full.extend_from_slice(args);
        f(&full)
    }

    /// `o.__dict__` for `vars()` and friends: the instance dict, if any.
    pub fn object_dict(&self, o: &Obj) -> Option<Obj> {
        crate::objects::instance_values::dict_of(self, o)
    }
}
