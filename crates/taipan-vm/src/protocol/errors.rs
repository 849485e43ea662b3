//! Raising builtin exceptions from Rust (CPython's `Python/errors.c`):
//! `vm.type_error("...")` builds the exception object directly, without
//! running Python code.

use crate::object::Obj;
use crate::objects::exceptions;
use crate::vm::{PyErr, Vm};

impl Vm {
    /// An instance of the exception type `ty` with these `args`, made without
    /// calling the class (for builtin exception types).
    pub fn new_exception(&self, ty: &Obj, args: Vec<Obj>) -> PyErr {
        PyErr(exceptions::new_instance(self, ty, self.new_tuple(args)))
    }

    /// An instance of `ty` whose only argument is the message.
    pub fn new_exception_msg(&self, ty: &Obj, msg: &str) -> PyErr {
        self.new_exception_arg(ty, self.new_str(msg))
    }

    /// An instance of `ty` with one argument (no vector on the way).
    pub fn new_exception_arg(&self, ty: &Obj, arg: Obj) -> PyErr {
        PyErr(exceptions::new_instance(self, ty, self.new_tuple_from_slice(std::slice::from_ref(&arg))))
    }

    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.type_error, msg.as_ref())
    }

    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.value_error, msg.as_ref())
    }

    pub fn index_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.index_error, msg.as_ref())
    }

    /// `KeyError(key)`.
    pub fn key_error(&self, key: Obj) -> PyErr {
        self.new_exception_arg(&self.ctx.exceptions.key_error, key)
    }

    pub fn attribute_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.attribute_error, msg.as_ref())
    }

    pub fn overflow_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.overflow_error, msg.as_ref())
    }

    pub fn zero_division_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.zero_division_error, msg.as_ref())
    }

    pub fn runtime_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.runtime_error, msg.as_ref())
    }

    pub fn system_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.system_error, msg.as_ref())
    }

    pub fn not_implemented_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.not_implemented_error, msg.as_ref())
    }

    pub fn recursion_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.recursion_error, msg.as_ref())
    }

    pub fn memory_error(&self) -> PyErr {
        self.new_exception(&self.ctx.exceptions.memory_error, vec![])
    }

    /// An empty vector with room for `n` items, or MemoryError when that
    /// much memory cannot be had (sizes computed from user data never
    /// abort the process).
    pub fn try_vec<T>(&self, n: usize) -> crate::vm::PyResult<Vec<T>> {
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| self.memory_error())?;
        Ok(v)
    }

    pub fn lookup_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.lookup_error, msg.as_ref())
    }

    pub fn import_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.by_name["ImportError"], msg.as_ref())
    }

    pub fn eof_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.eof_error, msg.as_ref())
    }

    pub fn os_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_exception_msg(&self.ctx.exceptions.os_error, msg.as_ref())
    }

    /// `NameError` for an undefined name, with `name` set for suggestions.
    pub fn name_error(&self, name: &Obj) -> PyErr {
        let msg = format!("name '{}' is not defined", crate::objects::str::as_str_lossy(name));
        let e = self.new_exception_msg(&self.ctx.exceptions.name_error, &msg);
        exceptions::set_extra(&e.0, "name", name.clone());
        e
    }

    /// `StopIteration(value)` (no argument when the value is None).
    pub fn stop_iteration(&self, value: Option<Obj>) -> PyErr {
        match value {
            Some(v) if !self.is_none(&v) => {
                let e = self.new_exception(&self.ctx.exceptions.stop_iteration, vec![v.clone()]);
                exceptions::set_extra(&e.0, "value", v);
                e
            }
            _ => self.new_exception(&self.ctx.exceptions.stop_iteration, vec![]),
        }
    }

    /// An `OSError` (or the subclass its errno maps to) from an I/O error.
    pub fn io_error(&self, err: &std::io::Error, filename: Option<&Obj>) -> PyErr {
        exceptions::os_error_from_io(self, err, filename)
    }

    /// Is `err` an instance of exception type `ty` (or a subclass)?
    pub fn err_matches(&self, err: &PyErr, ty: &Obj) -> bool {
        self.is_subtype(&err.0.class_obj(), ty)
    }
}
