//! Calling objects (CPython's `Objects/call.c`): vectorcall everywhere, with
//! keyword arguments as values at the end of the argument slice named by a
//! tuple of str (`kwnames`).

use crate::object::Obj;
use crate::objects::{dict, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `f(*args)` with keyword values named by `kwnames` at the end of `args`.
    #[inline]
    pub fn call(&self, f: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
        match f.class().slots.call.get() {
            Some(call) => call(self, f, args, kwnames),
            None => Err(self.not_callable(f)),
        }
    }

    #[cold]
    pub fn not_callable(&self, f: &Obj) -> crate::vm::PyErr {
        self.type_error(format!("'{}' object is not callable", f.class().name()))
    }

    pub fn call0(&self, f: &Obj) -> PyResult<Obj> {
        self.call(f, &[], None)
    }

    pub fn call1(&self, f: &Obj, a: Obj) -> PyResult<Obj> {
        self.call(f, &[a], None)
    }

    /// `callable(o)`.
    pub fn is_callable(&self, o: &Obj) -> bool {
        o.class().slots.call.get().is_some()
    }

    /// `f(*args, **kwargs)` where `kwargs` is a dict (or None).
    pub fn call_with_dict(&self, f: &Obj, args: Vec<Obj>, kwargs: Option<&Obj>) -> PyResult<Obj> {
        let Some(kw) = kwargs else { return self.call(f, &args, None) };
        let items = dict::items(kw);
        if items.is_empty() {
            return self.call(f, &args, None);
        }
        let mut all = args;
        let mut names = Vec::with_capacity(items.len());
        for (k, v) in items {
            if pystr::data(&k).is_none() {
                return Err(self.type_error("keywords must be strings"));
            }
            names.push(k);
            all.push(v);
        }
        let kwnames = self.new_tuple(names);
        self.call(f, &all, Some(&kwnames))
    }

    /// Split vectorcall arguments into positional ones and (name, value) pairs.
    pub fn split_kwargs<'a>(&self, args: &'a [Obj], kwnames: Option<&'a Obj>) -> (&'a [Obj], Vec<(Obj, Obj)>) {
        match kwnames {
            None => (args, Vec::new()),
            Some(k) => {
                let names = tuple::items(k);
                let npos = args.len() - names.len();
                let pairs = names.iter().cloned().zip(args[npos..].iter().cloned()).collect();
                (&args[..npos], pairs)
            }
        }
    }

    /// Build a dict from keyword arguments.
    pub fn kwargs_dict(&self, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
        let (_, pairs) = self.split_kwargs(args, kwnames);
        let d = self.new_dict();
        for (k, v) in pairs {
            dict::set_item(self, &d, k, v)?;
        }
        Ok(d)
    }
}

/// The number of positional arguments in a vectorcall argument slice.
#[inline]
pub(crate) fn npositional(args: &[Obj], kwnames: Option<&Obj>) -> usize {
    args.len() - kwnames.map_or(0, tuple::len)
}
