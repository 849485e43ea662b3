//! What the generated `ast2obj.rs` builds node objects with.

use super::classes::Class;
use crate::object::Obj;
use crate::objects::{dict, tuple};
use crate::vm::{PyResult, Vm};
use taipan_syntax::ast::{Constant, Ident, Int, Range};

pub(crate) struct ToObj<'a> {
    pub(super) vm: &'a Vm,
    classes: Obj,
    singletons: Obj,
}

impl<'a> ToObj<'a> {
    pub(super) fn new(vm: &'a Vm, classes: Obj, singletons: Obj) -> Self {
        ToObj { vm, classes, singletons }
    }

    /// A new instance of `cls` with `fields` (and the positions of `range`)
    /// in its `__dict__`, made as CPython's `ast2obj` makes it: without
    /// calling `__init__`.
    pub(super) fn node(&self, cls: Class, fields: &[(&'static str, Obj)], range: Option<&Range>) -> PyResult<Obj> {
        let vm = self.vm;
        let cls = &tuple::items(&self.classes)[cls as usize];
        let o = crate::objects::type_::object_new(vm, cls, &[], None)?;
        let d = vm.new_dict();
        for (name, value) in fields {
            dict::set_item(vm, &d, vm.intern(name), value.clone())?;
        }
        if let Some(r) = range {
            dict::set_item(vm, &d, vm.intern("lineno"), vm.new_int(r.lineno.into()))?;
            dict::set_item(vm, &d, vm.intern("col_offset"), vm.new_int(r.col_offset.into()))?;
            dict::set_item(vm, &d, vm.intern("end_lineno"), vm.new_int(r.end_lineno.into()))?;
            dict::set_item(vm, &d, vm.intern("end_col_offset"), vm.new_int(r.end_col_offset.into()))?;
        }
        if !o.set_instance_dict(Some(d)) {
            return Err(vm.system_error("AST node without __dict__"));
        }
        Ok(o)
    }

    /// The shared instance of a field-less class (`Load()`, `Add()`, ...).
    pub(super) fn singleton(&self, cls: Class) -> Obj {
        tuple::items(&self.singletons)[cls as usize].clone()
    }

    pub(super) fn ident(&self, s: &Ident) -> Obj {
        self.vm.new_str(s)
    }

    pub(super) fn opt_ident(&self, s: &Option<Ident>) -> Obj {
        s.as_ref().map(|s| self.ident(s)).unwrap_or_else(|| self.vm.none())
    }

    pub(super) fn string(&self, s: &str) -> Obj {
        self.vm.new_str(s)
    }

    pub(super) fn opt_string(&self, s: &Option<String>) -> Obj {
        self.opt_str(s.as_deref())
    }

    pub(super) fn opt_str(&self, s: Option<&str>) -> Obj {
        s.map(|s| self.string(s)).unwrap_or_else(|| self.vm.none())
    }

    pub(super) fn int(&self, v: i32) -> Obj {
        self.vm.new_int(v.into())
    }

    pub(super) fn opt_int(&self, v: Option<i32>) -> Obj {
        v.map(|v| self.int(v)).unwrap_or_else(|| self.vm.none())
    }

    pub(super) fn constant(&self, c: &Constant) -> PyResult<Obj> {
        let vm = self.vm;
        Ok(match c {
            Constant::None => vm.none(),
            Constant::Bool(b) => vm.bool_obj(*b),
            Constant::Ellipsis => vm.ctx.ellipsis.clone(),
            Constant::Int(Int::Small(v)) => vm.new_int(*v),
            Constant::Int(Int::Big(b)) => vm.new_bigint((**b).clone()),
            Constant::Float(f) => vm.new_float(*f),
            Constant::Complex { real, imag } => vm.new_complex(*real, *imag),
            Constant::Str(s) => match s.as_str() {
                Some(t) => vm.new_str(t),
                None => {
                    let cps: Vec<u32> = s.code_points().collect();
                    vm.new_str_from_code_points(&cps)
                }
            },
            Constant::Bytes(b) => vm.new_bytes(b.clone()),
            Constant::Tuple(items) => {
                let objs = items.iter().map(|c| self.constant(c)).collect::<PyResult<Vec<_>>>()?;
                vm.new_tuple(objs)
            }
            Constant::FrozenSet(items) => {
                let objs = items.iter().map(|c| self.constant(c)).collect::<PyResult<Vec<_>>>()?;
                vm.new_frozenset(objs)?
            }
        })
    }

    pub(super) fn opt<T: ?Sized>(&self, v: Option<&T>, f: impl Fn(&ToObj, &T) -> PyResult<Obj>) -> PyResult<Obj> {
        match v {
            Some(v) => f(self, v),
            None => Ok(self.vm.none()),
        }
    }

    pub(super) fn list<T>(&self, items: &[T], f: impl Fn(&ToObj, &T) -> PyResult<Obj>) -> PyResult<Obj> {
        let mut out = self.vm.try_vec(items.len())?;
        for x in items {
            out.push(f(self, x)?);
        }
        Ok(self.vm.new_list(out))
    }

    pub(super) fn list_opt<T>(&self, items: &[Option<T>], f: impl Fn(&ToObj, &T) -> PyResult<Obj>) -> PyResult<Obj> {
        let mut out = self.vm.try_vec(items.len())?;
        for x in items {
            out.push(self.opt(x.as_ref(), &f)?);
        }
        Ok(self.vm.new_list(out))
    }
}
