//! Struct sequences (CPython's `Objects/structseq.c`): the named tuples of
//! native modules (`os.stat_result`, `time.struct_time`, ...). A type is a
//! `tuple` subclass whose visible items are the first `n_sequence_fields`
//! values; the other fields are attributes only. The types are built once
//! per interpreter by a small Python factory and kept in `vm.lazy_types`.

use taipan_vm::api::{dict, Obj, PyResult, Vm};

/// The factory. Fields past the sequence part live in the instance's
/// `__dict__` under one hidden key; every field is a read-only property.
/// Messages are CPython's (`structseq_new_impl`, `structseq_repr`,
/// `structseq_reduce`).
const FACTORY: &str = r#"
def _structseq(fullname, members, n_seq, n_unnamed, doc):
    module, _, name = fullname.rpartition('.')
    n_fields = len(members) + n_unnamed
    n_named_seq = n_seq - n_unnamed
    extra_names = members[n_named_seq:]
    extra_key = '_structseq_extra'

    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        n = len(seq)
        if dict is not None and type(dict) is not type({}) and not isinstance(dict, type({})):
            raise TypeError(fullname + '() takes a dict as second arg, if any')
        if n < n_seq:
            if n_seq == n_fields:
                raise TypeError('%s() takes a %d-sequence (%d-sequence given)' % (fullname, n_seq, n))
            raise TypeError('%s() takes an at least %d-sequence (%d-sequence given)' % (fullname, n_seq, n))
        if n > n_fields:
            if n_seq == n_fields:
                raise TypeError('%s() takes a %d-sequence (%d-sequence given)' % (fullname, n_seq, n))
            raise TypeError('%s() takes an at most %d-sequence (%d-sequence given)' % (fullname, n_fields, n))
        self = tuple.__new__(cls, seq[:n_seq])
        extra = list(seq[n_seq:])
        for f in extra_names[len(extra):]:
            extra.append(None if dict is None else dict.get(f))
        if extra_names:
            object.__getattribute__(self, '__dict__')[extra_key] = tuple(extra)
        return self

    def __repr__(self):
        return fullname + '(' + ', '.join('%s=%r' % (f, v) for f, v in zip(members, self)) + ')'

    def __reduce__(self):
        extra = object.__getattribute__(self, '__dict__').get(extra_key, ())
        return (type(self), (tuple(self), dict(zip(extra_names, extra))))

    def __setattr__(self, attr, value):
        if attr in members:
            raise AttributeError('readonly attribute')
        raise AttributeError("'%s' object has no attribute '%s'" % (fullname, attr))

    def __delattr__(self, attr):
        __setattr__(self, attr, None)

    ns = {'__module__': module, '__qualname__': name, '__doc__': doc, '__new__': __new__,
          '__repr__': __repr__, '__reduce__': __reduce__, '__setattr__': __setattr__,
          '__delattr__': __delattr__, '__match_args__': tuple(members[:n_named_seq]),
          'n_fields': n_fields, 'n_sequence_fields': n_seq, 'n_unnamed_fields': n_unnamed}
    for i, f in enumerate(members[:n_named_seq]):
        ns[f] = property(lambda self, i=i: tuple.__getitem__(self, i))
    for i, f in enumerate(extra_names):
        ns[f] = property(lambda self, i=i: object.__getattribute__(self, '__dict__')[extra_key][i])
    return type(name, (tuple,), ns)
"#;

/// Make the struct sequence type `fullname` (`"os.stat_result"`): `members`
/// are the named fields in order, the first `n_seq - n_unnamed` of them
/// visible as items, followed by `n_unnamed` nameless items.
pub(crate) fn new_type(
    vm: &Vm,
    fullname: &'static str,
    members: &[&str],
    n_seq: usize,
    n_unnamed: usize,
    doc: &str,
) -> PyResult<Obj> {
    if let Some(t) = vm.lazy_types.borrow().get(fullname) {
        return Ok(t.clone());
    }
    let factory = factory(vm)?;
    let names: Vec<Obj> = members.iter().map(|m| vm.new_str(m)).collect();
    let ty = vm.call(
        &factory,
        &[vm.new_str(fullname), vm.new_tuple(names), vm.new_usize(n_seq), vm.new_usize(n_unnamed), vm.new_str(doc)],
        None,
    )?;
    vm.lazy_types.borrow_mut().insert(fullname, ty.clone());
    Ok(ty)
}

/// The factory function, compiled once per interpreter (start-up makes a
/// dozen struct sequence types; compiling FACTORY for each was a fifth of
/// `-S -c pass`).
fn factory(vm: &Vm) -> PyResult<Obj> {
    const KEY: &str = "_structseq factory";
    if let Some(f) = vm.lazy_types.borrow().get(KEY) {
        return Ok(f.clone());
    }
    let globals = vm.new_dict();
    dict::set_item_str(vm, &globals, "__name__", vm.new_str("_structseq"))?;
    dict::set_item_str(vm, &globals, "__builtins__", vm.builtins_module())?;
    taipan_vm::api::run::run_string(vm, FACTORY, taipan_vm::api::run::Mode::Exec, Some(&globals))?;
    let f = dict::get_item_str(vm, &globals, "_structseq").ok_or_else(|| vm.system_error("structseq"))?;
    vm.lazy_types.borrow_mut().insert(KEY, f.clone());
    Ok(f)
}

/// An instance of the struct sequence type `ty` holding `values` (all its
/// fields, the sequence part first).
pub(crate) fn new(vm: &Vm, ty: &Obj, values: Vec<Obj>) -> PyResult<Obj> {
    vm.call(ty, &[vm.new_tuple(values)], None)
}

/// The struct sequence type made earlier under `fullname`.
pub(crate) fn get_type(vm: &Vm, fullname: &str) -> PyResult<Obj> {
    vm.lazy_types
        .borrow()
        .get(fullname)
        .cloned()
        .ok_or_else(|| vm.system_error(format!("{fullname} is not initialised")))
}
