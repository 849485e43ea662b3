//! `_operator` (CPython's `Modules/_operator.c`): the operators as
//! functions, `itemgetter`, `attrgetter`, `methodcaller`, `length_hint`
//! and the constant-time `_compare_digest` that Lib's `operator.py`
//! imports over its pure-Python definitions.

use taipan_vm::api::types::{
    new_type, payload_or_err, CompareOp, MethodDef, MethodKind, NbOp, Slots, TypeSpec, UnaryOp,
};
use taipan_vm::api::{args, buffer, dict, module, str as pystr, tuple, Obj, PyPayload, PyResult, Vm};

use crate::support::{alloc, positional, positional_in, register_type};

const DOC: &str = "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.";

macro_rules! func {
    ($name:literal, $doc:literal, $f:expr) => {
        MethodDef { name: $name, func: $f, kind: MethodKind::Static, doc: Some($doc) }
    };
}

macro_rules! binary {
    ($name:literal, $doc:literal, $op:expr) => {
        func!($name, $doc, |vm, _, a, k| {
            let a = positional_in(vm, "_operator", $name, a, k, 2, 2)?;
            vm.binary_op(&a[0], &a[1], $op)
        })
    };
}

macro_rules! inplace {
    ($name:literal, $doc:literal, $op:expr) => {
        func!($name, $doc, |vm, _, a, k| {
            let a = positional_in(vm, "_operator", $name, a, k, 2, 2)?;
            vm.inplace_op(&a[0], &a[1], $op)
        })
    };
}

macro_rules! compare {
    ($name:literal, $doc:literal, $op:expr) => {
        func!($name, $doc, |vm, _, a, k| {
            let a = positional_in(vm, "_operator", $name, a, k, 2, 2)?;
            vm.rich_compare(&a[0], &a[1], $op)
        })
    };
}

macro_rules! unary {
    ($name:literal, $doc:literal, $f:expr) => {
        func!($name, $doc, |vm, _, a, k| {
            let a = positional_in(vm, "_operator", $name, a, k, 1, 1)?;
            let f: fn(&Vm, &Obj) -> PyResult<Obj> = $f;
            f(vm, &a[0])
        })
    };
}

/// `PySequence_Check`: not a dict, and indexable.
fn is_sequence(vm: &Vm, o: &Obj) -> bool {
    dict::data(o).is_none() && o.class().slots.mp_subscript.get().is_some() && !vm.is_none(o)
}

fn concat(vm: &Vm, a: &Obj, b: &Obj, inplace: bool) -> PyResult<Obj> {
    let s = &a.class().slots;
    if inplace {
        if let Some(f) = s.sq_inplace_concat.get() {
            return f(vm, a, b);
        }
    }
    if let Some(f) = s.sq_concat.get() {
        return f(vm, a, b);
    }
    if is_sequence(vm, a) && is_sequence(vm, b) {
        let r = if inplace { vm.inplace_op(a, b, NbOp::Add) } else { vm.binary_op(a, b, NbOp::Add) };
        match r {
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) && is_unsupported(vm, &e) => {}
            r => return r,
        }
    }
    Err(vm.type_error(format!("'{}' object can't be concatenated", a.class().name())))
}

/// Is this the "unsupported operand type(s)" TypeError of a failed `+`?
fn is_unsupported(vm: &Vm, e: &taipan_vm::api::PyErr) -> bool {
    vm.str_string(e.value()).is_ok_and(|m| m.starts_with("unsupported operand type(s) for +"))
}

/// `_PySequence_IterSearch`'s iteration: a TypeError for a non-iterable.
fn search_iter(vm: &Vm, seq: &Obj) -> PyResult<Obj> {
    vm.iter(seq).map_err(|e| {
        if vm.err_matches(&e, &vm.ctx.exceptions.type_error) {
            vm.type_error(format!("argument of type '{}' is not iterable", seq.class().name()))
        } else {
            e
        }
    })
}

fn count_of(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_operator", "countOf", a, k, 2, 2)?;
    let it = search_iter(vm, &a[0])?;
    let mut n = 0usize;
    while let Some(x) = vm.next(&it)? {
        if x.is(&a[1]) || vm.eq(&x, &a[1])? {
            n += 1;
        }
    }
    Ok(vm.new_usize(n))
}

fn index_of(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_operator", "indexOf", a, k, 2, 2)?;
    let it = search_iter(vm, &a[0])?;
    let mut i = 0usize;
    while let Some(x) = vm.next(&it)? {
        if x.is(&a[1]) || vm.eq(&x, &a[1])? {
            return Ok(vm.new_usize(i));
        }
        i += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

fn length_hint(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_operator", "length_hint", a, k, 1, 2)?;
    let default = match a.get(1) {
        Some(d) => crate::support::ssize_arg(vm, d)?,
        None => 0,
    };
    const UNKNOWN: usize = usize::MAX;
    match vm.length_hint(&a[0], UNKNOWN)? {
        UNKNOWN => Ok(vm.new_int(default as i64)),
        n => Ok(vm.new_usize(n)),
    }
}

fn call(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let npos = a.len() - k.map_or(0, tuple::len);
    if npos == 0 {
        return Err(vm.type_error(format!("call expected at least 1 argument, got {npos}")));
    }
    vm.call(&a[0], &a[1..], k)
}

pub(crate) fn compare_digest(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_operator", "_compare_digest", a, k, 2, 2)?;
    let (x, y) = (&a[0], &a[1]);
    let (sx, sy) = (pystr::as_str(x), pystr::as_str(y));
    let is_str = |o: &Obj| vm.isinstance_type(o, &vm.ctx.types.str);
    if is_str(x) && is_str(y) {
        let (Some(sx), Some(sy)) = (sx, sy) else {
            return Err(vm.type_error("comparing strings with non-ASCII characters is not supported"));
        };
        if !sx.is_ascii() || !sy.is_ascii() {
            return Err(vm.type_error("comparing strings with non-ASCII characters is not supported"));
        }
        return Ok(vm.bool_obj(constant_time_eq(sx.as_bytes(), sy.as_bytes())));
    }
    if !buffer::is_bytes_like(x) && !buffer::is_bytes_like(y) {
        return Err(vm.type_error(format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            x.class().name(),
            y.class().name()
        )));
    }
    let bx = buffer::with_bytes(vm, x, |b| b.to_vec())?;
    let by = buffer::with_bytes(vm, y, |b| b.to_vec())?;
    Ok(vm.bool_obj(constant_time_eq(&bx, &by)))
}

/// Compare in time that depends only on the length of `b` (CPython's
/// `_tscmp`).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let left = if a.len() == b.len() { a } else { b };
    let mut result = (a.len() != b.len()) as u8;
    for (x, y) in left.iter().zip(b) {
        result |= x ^ y;
    }
    std::hint::black_box(result) == 0
}

const FUNCTIONS: &[MethodDef] = &[
    binary!("add", "Same as a + b.", NbOp::Add),
    binary!("sub", "Same as a - b.", NbOp::Subtract),
    binary!("mul", "Same as a * b.", NbOp::Multiply),
    binary!("matmul", "Same as a @ b.", NbOp::MatrixMultiply),
    binary!("floordiv", "Same as a // b.", NbOp::FloorDivide),
    binary!("truediv", "Same as a / b.", NbOp::TrueDivide),
    binary!("mod", "Same as a % b.", NbOp::Remainder),
    binary!("lshift", "Same as a << b.", NbOp::Lshift),
    binary!("rshift", "Same as a >> b.", NbOp::Rshift),
    binary!("and_", "Same as a & b.", NbOp::And),
    binary!("or_", "Same as a | b.", NbOp::Or),
    binary!("xor", "Same as a ^ b.", NbOp::Xor),
    func!("pow", "Same as a ** b.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "pow", a, k, 2, 2)?;
        vm.power(&a[0], &a[1], &vm.none())
    }),
    inplace!("iadd", "Same as a += b.", NbOp::Add),
    inplace!("isub", "Same as a -= b.", NbOp::Subtract),
    inplace!("imul", "Same as a *= b.", NbOp::Multiply),
    inplace!("imatmul", "Same as a @= b.", NbOp::MatrixMultiply),
    inplace!("ifloordiv", "Same as a //= b.", NbOp::FloorDivide),
    inplace!("itruediv", "Same as a /= b.", NbOp::TrueDivide),
    inplace!("imod", "Same as a %= b.", NbOp::Remainder),
    inplace!("ilshift", "Same as a <<= b.", NbOp::Lshift),
    inplace!("irshift", "Same as a >>= b.", NbOp::Rshift),
    inplace!("iand", "Same as a &= b.", NbOp::And),
    inplace!("ior", "Same as a |= b.", NbOp::Or),
    inplace!("ixor", "Same as a ^= b.", NbOp::Xor),
    inplace!("ipow", "Same as a **= b.", NbOp::Power),
    compare!("lt", "Same as a < b.", CompareOp::Lt),
    compare!("le", "Same as a <= b.", CompareOp::Le),
    compare!("eq", "Same as a == b.", CompareOp::Eq),
    compare!("ne", "Same as a != b.", CompareOp::Ne),
    compare!("gt", "Same as a > b.", CompareOp::Gt),
    compare!("ge", "Same as a >= b.", CompareOp::Ge),
    unary!("neg", "Same as -a.", |vm, a| vm.unary_op(a, UnaryOp::Negative)),
    unary!("pos", "Same as +a.", |vm, a| vm.unary_op(a, UnaryOp::Positive)),
    unary!("inv", "Same as ~a.", |vm, a| vm.unary_op(a, UnaryOp::Invert)),
    unary!("invert", "Same as ~a.", |vm, a| vm.unary_op(a, UnaryOp::Invert)),
    unary!("abs", "Same as abs(a).", |vm, a| vm.absolute(a)),
    unary!("index", "Same as a.__index__()", |vm, a| vm.index_exact(a)),
    unary!("not_", "Same as not a.", |vm, a| Ok(vm.bool_obj(!vm.is_true(a)?))),
    unary!("truth", "Return True if a is true, False otherwise.", |vm, a| Ok(vm.bool_obj(vm.is_true(a)?))),
    func!("is_", "Same as a is b.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "is_", a, k, 2, 2)?;
        Ok(vm.bool_obj(a[0].is(&a[1])))
    }),
    func!("is_not", "Same as a is not b.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "is_not", a, k, 2, 2)?;
        Ok(vm.bool_obj(!a[0].is(&a[1])))
    }),
    func!("contains", "Same as b in a (note reversed operands).", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "contains", a, k, 2, 2)?;
        Ok(vm.bool_obj(vm.contains(&a[0], &a[1])?))
    }),
    func!("countOf", "Return the number of items in a which are, or which equal, b.", count_of),
    func!("indexOf", "Return the first index of b in a.", index_of),
    func!("getitem", "Same as a[b].", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "getitem", a, k, 2, 2)?;
        vm.getitem(&a[0], &a[1])
    }),
    func!("setitem", "Same as a[b] = c.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "setitem", a, k, 3, 3)?;
        vm.setitem(&a[0], &a[1], &a[2])?;
        Ok(vm.none())
    }),
    func!("delitem", "Same as del a[b].", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "delitem", a, k, 2, 2)?;
        vm.delitem(&a[0], &a[1])?;
        Ok(vm.none())
    }),
    func!("concat", "Same as a + b, for a and b sequences.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "concat", a, k, 2, 2)?;
        concat(vm, &a[0], &a[1], false)
    }),
    func!("iconcat", "Same as a += b, for a and b sequences.", |vm, _, a, k| {
        let a = positional_in(vm, "_operator", "iconcat", a, k, 2, 2)?;
        concat(vm, &a[0], &a[1], true)
    }),
    func!("length_hint", "Return an estimate of the number of items in obj.\n\nThis is useful for presizing containers when building from an iterable.\n\nIf the object supports len(), the result will be exact.\nOtherwise, it may over- or under-estimate by an arbitrary amount.\nThe result will be an integer >= 0.", length_hint),
    func!("call", "Same as obj(*args, **kwargs).", call),
    func!("_compare_digest", "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming analysis, making it appropriate for cryptography.\n\na and b must both be of the same type: either str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different lengths, or if an error occurs,\na timing attack could theoretically reveal information about the\ntypes and lengths of a and b--but not their values.", compare_digest),
];

// ---- itemgetter -------------------------------------------------------------------------------

struct ItemGetter {
    items: Vec<Obj>,
}
impl PyPayload for ItemGetter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for o in self.items.iter() {
            visit(o);
        }
    }
}

const ITEMGETTER: &str = "operator.itemgetter";
const ATTRGETTER: &str = "operator.attrgetter";
const METHODCALLER: &str = "operator.methodcaller";

fn itemgetter_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, "itemgetter", k)?;
    if a.is_empty() {
        return Err(vm.type_error("itemgetter expected 1 argument, got 0"));
    }
    alloc(vm, cls, ITEMGETTER, ItemGetter { items: a.to_vec() })
}

fn itemgetter_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "itemgetter", a, k, 1, 1)?;
    let g = payload_or_err::<ItemGetter>(vm, o, ITEMGETTER)?;
    if let [one] = g.items.as_slice() {
        return vm.getitem(&a[0], one);
    }
    let mut out = Vec::with_capacity(g.items.len());
    for item in &g.items {
        out.push(vm.getitem(&a[0], item)?);
    }
    Ok(vm.new_tuple(out))
}

fn repr_list(vm: &Vm, o: &Obj, items: &[Obj]) -> PyResult<Obj> {
    let name = o.class().name().to_string();
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str(&format!("{name}(...)"))) };
    let mut parts = Vec::with_capacity(items.len());
    for x in items {
        parts.push(vm.repr_string(x)?);
    }
    Ok(vm.new_str(&format!("{}({})", name, parts.join(", "))))
}

fn itemgetter_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = payload_or_err::<ItemGetter>(vm, o, ITEMGETTER)?;
    repr_list(vm, o, &g.items)
}

const ITEMGETTER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let g = payload_or_err::<ItemGetter>(vm, o, ITEMGETTER)?;
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(g.items.clone())]))
})];

// ---- attrgetter -------------------------------------------------------------------------------

/// Each attribute as its dotted parts (interned strs).
struct AttrGetter {
    attrs: Vec<Vec<Obj>>,
}
impl PyPayload for AttrGetter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for o in self.attrs.iter().flatten() {
            visit(o);
        }
    }
}

fn attrgetter_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::no_kwargs(vm, "attrgetter", k)?;
    if a.is_empty() {
        return Err(vm.type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut attrs = Vec::with_capacity(a.len());
    for name in a {
        if !vm.isinstance_type(name, &vm.ctx.types.str) {
            return Err(vm.type_error("attribute name must be a string"));
        }
        let s = vm.str_string(name)?;
        let parts =
            if s.contains('.') { s.split('.').map(|p| vm.intern(p)).collect() } else { vec![vm.intern_obj(name)] };
        attrs.push(parts);
    }
    alloc(vm, cls, ATTRGETTER, AttrGetter { attrs })
}

fn dotted_get(vm: &Vm, obj: &Obj, parts: &[Obj]) -> PyResult<Obj> {
    let mut cur = obj.clone();
    for p in parts {
        cur = vm.getattr(&cur, p)?;
    }
    Ok(cur)
}

fn attrgetter_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "attrgetter", a, k, 1, 1)?;
    let g = payload_or_err::<AttrGetter>(vm, o, ATTRGETTER)?;
    if let [one] = g.attrs.as_slice() {
        return dotted_get(vm, &a[0], one);
    }
    let mut out = Vec::with_capacity(g.attrs.len());
    for parts in &g.attrs {
        out.push(dotted_get(vm, &a[0], parts)?);
    }
    Ok(vm.new_tuple(out))
}

fn dotted_names(vm: &Vm, g: &AttrGetter) -> PyResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(g.attrs.len());
    for parts in &g.attrs {
        if let [one] = parts.as_slice() {
            out.push(one.clone());
            continue;
        }
        let mut names = Vec::with_capacity(parts.len());
        for p in parts {
            names.push(vm.str_string(p)?);
        }
        out.push(vm.new_str(&names.join(".")));
    }
    Ok(out)
}

fn attrgetter_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let g = payload_or_err::<AttrGetter>(vm, o, ATTRGETTER)?;
    repr_list(vm, o, &dotted_names(vm, g)?)
}

const ATTRGETTER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let g = payload_or_err::<AttrGetter>(vm, o, ATTRGETTER)?;
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(dotted_names(vm, g)?)]))
})];

// ---- methodcaller -----------------------------------------------------------------------------

struct MethodCaller {
    name: Obj,
    args: Vec<Obj>,
    /// (name, value) pairs in the order given.
    kwargs: Vec<(Obj, Obj)>,
}
impl PyPayload for MethodCaller {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.name);
        for o in self.args.iter() {
            visit(o);
        }
        for (k, v) in &self.kwargs {
            visit(k);
            visit(v);
        }
    }
}

fn methodcaller_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(a, k);
    let Some(name) = pos.first() else {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    };
    if !vm.isinstance_type(name, &vm.ctx.types.str) {
        return Err(vm.type_error("method name must be a string"));
    }
    let m = MethodCaller { name: vm.intern_obj(name), args: pos[1..].to_vec(), kwargs: kw };
    alloc(vm, cls, METHODCALLER, m)
}

fn methodcaller_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "methodcaller", a, k, 1, 1)?;
    let m = payload_or_err::<MethodCaller>(vm, o, METHODCALLER)?;
    let method = vm.getattr(&a[0], &m.name)?;
    if m.kwargs.is_empty() {
        return vm.call(&method, &m.args, None);
    }
    let mut all = m.args.clone();
    all.extend(m.kwargs.iter().map(|(_, v)| v.clone()));
    let names = vm.new_tuple(m.kwargs.iter().map(|(k, _)| k.clone()).collect());
    vm.call(&method, &all, Some(&names))
}

fn methodcaller_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let m = payload_or_err::<MethodCaller>(vm, o, METHODCALLER)?;
    let name = o.class().name().to_string();
    let Some(_guard) = vm.repr_enter(o) else { return Ok(vm.new_str(&format!("{name}(...)"))) };
    let mut parts = vec![vm.repr_string(&m.name)?];
    for x in &m.args {
        parts.push(vm.repr_string(x)?);
    }
    for (k, v) in &m.kwargs {
        parts.push(format!("{}={}", vm.str_string(k)?, vm.repr_string(v)?));
    }
    Ok(vm.new_str(&format!("{}({})", name, parts.join(", "))))
}

fn methodcaller_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let m = payload_or_err::<MethodCaller>(vm, o, METHODCALLER)?;
    if m.kwargs.is_empty() {
        let mut args = vec![m.name.clone()];
        args.extend(m.args.iter().cloned());
        return Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(args)]));
    }
    let import =
        dict::get_item_str(vm, &vm.builtins_dict(), "__import__").ok_or_else(|| vm.runtime_error("lost __import__"))?;
    let functools = vm.call1(&import, vm.new_str("functools"))?;
    let partial = vm.getattr_str(&functools, "partial")?;
    let mut pargs = vec![o.class_obj(), m.name.clone()];
    pargs.extend(m.kwargs.iter().map(|(_, v)| v.clone()));
    let names = vm.new_tuple(m.kwargs.iter().map(|(k, _)| k.clone()).collect());
    let ctor = vm.call(&partial, &pargs, Some(&names))?;
    Ok(vm.new_tuple(vec![ctor, vm.new_tuple(m.args.clone())]))
}

const METHODCALLER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", methodcaller_reduce)];

// ---- the module -------------------------------------------------------------------------------

fn make_type<T: PyPayload>(
    vm: &Vm,
    name: &'static str,
    doc: &'static str,
    methods: &'static [MethodDef],
    fill: impl FnOnce(&Slots),
) -> Obj {
    let spec = TypeSpec { name, gc: true, methods, doc: Some(doc), ..Default::default() };
    let ty = new_type::<T>(vm, &spec, fill);
    register_type(vm, name, &ty);
    ty
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_operator");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "_operator", FUNCTIONS);
    let ig = make_type::<ItemGetter>(vm, ITEMGETTER, "itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])", ITEMGETTER_METHODS, |s| {
        s.new.set(Some(itemgetter_new));
        s.call.set(Some(itemgetter_call));
        s.repr.set(Some(itemgetter_repr));
    });
    let ag = make_type::<AttrGetter>(vm, ATTRGETTER, "attrgetter(attr, ...) --> attrgetter object\n\nReturn a callable object that fetches the given attribute(s) from its operand.\nAfter f = attrgetter('name'), the call f(r) returns r.name.\nAfter g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), the call h(r) returns\n(r.name.first, r.name.last).", ATTRGETTER_METHODS, |s| {
        s.new.set(Some(attrgetter_new));
        s.call.set(Some(attrgetter_call));
        s.repr.set(Some(attrgetter_repr));
    });
    let mc = make_type::<MethodCaller>(vm, METHODCALLER, "methodcaller(name, ...) --> methodcaller object\n\nReturn a callable object that calls the given method on its operand.\nAfter f = methodcaller('name'), the call f(r) returns r.name().\nAfter g = methodcaller('name', 'date', foo=1), the call g(r) returns\nr.name('date', foo=1).", METHODCALLER_METHODS, |s| {
        s.new.set(Some(methodcaller_new));
        s.call.set(Some(methodcaller_call));
        s.repr.set(Some(methodcaller_repr));
    });
    dict::set_item_str(vm, &d, "itemgetter", ig)?;
    dict::set_item_str(vm, &d, "attrgetter", ag)?;
    dict::set_item_str(vm, &d, "methodcaller", mc)?;
    Ok(m)
}
