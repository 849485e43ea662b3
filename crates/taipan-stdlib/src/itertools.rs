//! `itertools` (CPython's `Modules/itertoolsmodule.c`): iterator building
//! blocks. Each iterator is a native type whose payload keeps its state in
//! cells (no borrow lives across a call into Python), traversed and
//! cleared for the cycle collector; pickling goes through `__reduce__` and
//! `__setstate__` as in CPython 3.11.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{flags, new_type, payload_or_err, IterNextFn, MethodDef, NbOp, NewFn, Slots, TypeSpec};
use taipan_vm::api::{args, dict, module, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::support::{
    alloc, alloc_exact, class_getitem, clear_cells, clear_vec, iter_self, positional, positional_unless_own_init,
    register_type, short_type_name, ssize_arg, visit_cells, visit_vec,
};

const MODULE_DOC: &str = "Functional tools for creating and using iterators.\n\nInfinite iterators:\ncount(start=0, step=1) --> start, start+step, start+2*step, ...\ncycle(p) --> p0, p1, ... plast, p0, p1, ...\nrepeat(elem [,n]) --> elem, elem, elem, ... endlessly or up to n times\n\nIterators terminating on the shortest input sequence:\naccumulate(p[, func]) --> p0, p0+p1, p0+p1+p2\nchain(p, q, ...) --> p0, p1, ... plast, q0, q1, ...\nchain.from_iterable([p, q, ...]) --> p0, p1, ... plast, q0, q1, ...\ncompress(data, selectors) --> (d[0] if s[0]), (d[1] if s[1]), ...\ndropwhile(pred, seq) --> seq[n], seq[n+1], starting when pred fails\ngroupby(iterable[, keyfunc]) --> sub-iterators grouped by value of keyfunc(v)\nfilterfalse(pred, seq) --> elements of seq where pred(elem) is False\nislice(seq, [start,] stop [, step]) --> elements from\n       seq[start:stop:step]\npairwise(s) --> (s[0],s[1]), (s[1],s[2]), (s[2], s[3]), ...\nstarmap(fun, seq) --> fun(*seq[0]), fun(*seq[1]), ...\ntee(it, n=2) --> (it1, it2 , ... itn) splits one iterator into n\ntakewhile(pred, seq) --> seq[0], seq[1], until pred fails\nzip_longest(p, q, ...) --> (p[0], q[0]), (p[1], q[1]), ...\n\nCombinatoric generators:\nproduct(p, q, ... [repeat=1]) --> cartesian product\npermutations(p[, r])\ncombinations(p, r)\ncombinations_with_replacement(p, r)\n";

/// Values per `_tee_dataobject` link (CPython's `LINKCELLS`).
const LINKCELLS: usize = 57;

fn this<'a, T: PyPayload>(vm: &Vm, o: &'a Obj, owner: &str) -> PyResult<&'a T> {
    payload_or_err::<T>(vm, o, owner)
}

fn is_iterator(o: &Obj) -> bool {
    o.class().slots.iternext.get().is_some()
}

/// CPython's `PyNumber_Check`.
fn is_number(vm: &Vm, o: &Obj) -> bool {
    let s = &o.class().slots;
    s.nb_index.get().is_some()
        || s.nb_int.get().is_some()
        || s.nb_float.get().is_some()
        || vm.isinstance_type(o, &vm.ctx.types.complex)
}

fn state_tuple<'a>(vm: &Vm, state: &'a Obj) -> PyResult<&'a [Obj]> {
    if !vm.isinstance_type(state, &vm.ctx.types.tuple) {
        return Err(vm.type_error("state is not a tuple"));
    }
    Ok(tuple::items(state))
}

fn reduce_args(vm: &Vm, o: &Obj, args: Vec<Obj>) -> Obj {
    vm.new_tuple(vec![o.class_obj(), vm.new_tuple(args)])
}

fn reduce_state(vm: &Vm, o: &Obj, args: Vec<Obj>, state: Obj) -> Obj {
    vm.new_tuple(vec![o.class_obj(), vm.new_tuple(args), state])
}

fn opt(vm: &Vm, c: &ObjCell) -> Obj {
    c.get().unwrap_or_else(|| vm.none())
}

fn sizeof_with(vm: &Vm, o: &Obj, a: &[Obj], k: Option<Option<&Obj>>, words: usize) -> PyResult<Obj> {
    args::exact::<0>(vm, "__sizeof__", a, k.flatten())?;
    Ok(vm.new_usize(o.class().basicsize + words * std::mem::size_of::<isize>()))
}

struct TypeDef {
    name: &'static str,
    doc: &'static str,
    methods: &'static [MethodDef],
    basetype: bool,
    weakref: bool,
    new: NewFn,
    /// None for a type that is not an iterator.
    next: Option<IterNextFn>,
}

fn make_type<T: PyPayload>(vm: &Vm, def: &TypeDef, extra: impl FnOnce(&Slots)) -> Obj {
    let spec = TypeSpec {
        name: def.name,
        base: None,
        flags: if def.basetype { flags::BASETYPE } else { 0 },
        gc: true,
        dict: false,
        weakref: def.weakref,
        methods: def.methods,
        getsets: &[],
        doc: Some(def.doc),
    };
    let ty = new_type::<T>(vm, &spec, |s| {
        s.new.set(Some(def.new));
        if let Some(next) = def.next {
            s.iter.set(Some(iter_self));
            s.iternext.set(Some(next));
        }
        extra(s);
    });
    register_type(vm, def.name, &ty);
    ty
}

// ---- count ------------------------------------------------------------------------------------

struct Count {
    cnt: ObjCell,
    step: ObjCell,
}
impl PyPayload for Count {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.cnt, &self.step], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.cnt, &self.step])
    }
}

fn count_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "count", a, k, &["start", "step"], 0)?;
    let start = p[0].clone().unwrap_or_else(|| vm.new_int(0));
    let step = p[1].clone().unwrap_or_else(|| vm.new_int(1));
    if !is_number(vm, &start) || !is_number(vm, &step) {
        return Err(vm.type_error("a number is required"));
    }
    alloc(vm, cls, "itertools.count", Count { cnt: ObjCell::some(start), step: ObjCell::some(step) })
}

fn count_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Count>(vm, o, "itertools.count")?;
    let (Some(cnt), Some(step)) = (c.cnt.get(), c.step.get()) else { return Ok(None) };
    let next = vm.binary_op(&cnt, &step, NbOp::Add)?;
    c.cnt.set(Some(next));
    Ok(Some(cnt))
}

/// Is the step the int 1 (then repr and pickle leave it out)?
fn step_is_one(step: &Obj) -> bool {
    matches!(taipan_vm::api::int::value(step), Some(taipan_vm::api::int::IntValue::Small(1)))
}

fn count_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let c = this::<Count>(vm, o, "itertools.count")?;
    let cnt = vm.repr_string(&opt(vm, &c.cnt))?;
    let step = opt(vm, &c.step);
    let name = short_type_name(o);
    if step_is_one(&step) {
        return Ok(vm.new_str(&format!("{name}({cnt})")));
    }
    let step = vm.repr_string(&step)?;
    Ok(vm.new_str(&format!("{name}({cnt}, {step})")))
}

const COUNT_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let c = this::<Count>(vm, o, "itertools.count")?;
    let step = opt(vm, &c.step);
    if step_is_one(&step) {
        return Ok(reduce_args(vm, o, vec![opt(vm, &c.cnt)]));
    }
    Ok(reduce_args(vm, o, vec![opt(vm, &c.cnt), step]))
})];

// ---- cycle ------------------------------------------------------------------------------------

struct Cycle {
    it: ObjCell,
    saved: RefCell<Vec<Obj>>,
    index: Cell<usize>,
    firstpass: Cell<bool>,
}
impl PyPayload for Cycle {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it], visit);
        visit_vec(&self.saved, visit);
    }
    fn clear(&self) {
        clear_cells(&[&self.it]);
        clear_vec(&self.saved);
    }
}

fn cycle_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_unless_own_init(vm, "cycle", cls, a, k, 1, 1)?;
    let it = vm.iter(&a[0])?;
    let c = Cycle {
        it: ObjCell::some(it),
        saved: RefCell::new(Vec::new()),
        index: Cell::new(0),
        firstpass: Cell::new(false),
    };
    alloc(vm, cls, "itertools.cycle", c)
}

fn cycle_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Cycle>(vm, o, "itertools.cycle")?;
    if let Some(it) = c.it.get() {
        if let Some(item) = vm.next(&it)? {
            if !c.firstpass.get() {
                c.saved.borrow_mut().push(item.clone());
            }
            return Ok(Some(item));
        }
        c.it.set(None);
    }
    let saved = c.saved.borrow();
    if saved.is_empty() {
        return Ok(None);
    }
    let i = c.index.get().min(saved.len() - 1);
    let item = saved[i].clone();
    c.index.set(if i + 1 >= saved.len() { 0 } else { i + 1 });
    Ok(Some(item))
}

const CYCLE_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let c = this::<Cycle>(vm, o, "itertools.cycle")?;
        let saved = vm.new_list(c.saved.borrow().clone());
        match c.it.get() {
            Some(it) => {
                let first = vm.bool_obj(c.firstpass.get());
                Ok(reduce_state(vm, o, vec![it], vm.new_tuple(vec![saved, first])))
            }
            None => {
                let it = vm.iter(&saved)?;
                if c.index.get() != 0 {
                    vm.call_method(&it, "__setstate__", &[vm.new_usize(c.index.get())])?;
                }
                Ok(reduce_state(vm, o, vec![it], vm.new_tuple(vec![saved, vm.bool_obj(true)])))
            }
        }
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let c = this::<Cycle>(vm, o, "itertools.cycle")?;
        let items = state_tuple(vm, &state)?;
        let [saved, first] = items else {
            return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", items.len())));
        };
        if !vm.isinstance_type(saved, &vm.ctx.types.list) {
            return Err(vm.type_error(format!("argument 1 must be list, not {}", saved.class().name())));
        }
        // An int ("i" in CPython's PyArg_ParseTuple), not any true value.
        let first = vm.to_i64(first)? != 0;
        let v = vm.to_vec(saved)?;
        *c.saved.borrow_mut() = v;
        c.firstpass.set(first);
        c.index.set(0);
        Ok(vm.none())
    }),
];

// ---- repeat -----------------------------------------------------------------------------------

struct Repeat {
    element: ObjCell,
    /// Items left; -1 for endless.
    cnt: Cell<isize>,
}
impl PyPayload for Repeat {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.element], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.element])
    }
}

fn repeat_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "repeat", a, k, &["object", "times"], 1)?;
    let cnt = match &p[1] {
        Some(t) => ssize_arg(vm, t)?.max(0),
        None => -1,
    };
    let element = p[0].clone().unwrap_or_else(|| vm.none());
    alloc(vm, cls, "itertools.repeat", Repeat { element: ObjCell::some(element), cnt: Cell::new(cnt) })
}

fn repeat_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let r = this::<Repeat>(vm, o, "itertools.repeat")?;
    match r.cnt.get() {
        0 => return Ok(None),
        n if n > 0 => r.cnt.set(n - 1),
        _ => {}
    }
    Ok(r.element.get())
}

fn repeat_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let r = this::<Repeat>(vm, o, "itertools.repeat")?;
    let e = vm.repr_string(&opt(vm, &r.element))?;
    let name = short_type_name(o);
    Ok(vm.new_str(&match r.cnt.get() {
        -1 => format!("{name}({e})"),
        n => format!("{name}({e}, {n})"),
    }))
}

const REPEAT_METHODS: &[MethodDef] = &[
    MethodDef::method("__length_hint__", |vm, o, a, k| {
        args::exact::<0>(vm, "__length_hint__", a, k)?;
        let r = this::<Repeat>(vm, o, "itertools.repeat")?;
        match r.cnt.get() {
            -1 => Err(vm.type_error("len() of unsized object")),
            n => Ok(vm.new_int(n as i64)),
        }
    }),
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let r = this::<Repeat>(vm, o, "itertools.repeat")?;
        let e = opt(vm, &r.element);
        Ok(match r.cnt.get() {
            -1 => reduce_args(vm, o, vec![e]),
            n => reduce_args(vm, o, vec![e, vm.new_int(n as i64)]),
        })
    }),
];

// ---- accumulate -------------------------------------------------------------------------------

struct Accumulate {
    it: ObjCell,
    func: ObjCell,
    total: ObjCell,
    initial: ObjCell,
}
impl PyPayload for Accumulate {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it, &self.func, &self.total, &self.initial], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.it, &self.func, &self.total, &self.initial])
    }
}

fn accumulate_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec {
        fname: "accumulate",
        names: &["iterable", "func", "initial"],
        posonly: 0,
        required: 1,
        kwonly_from: 2,
    };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let it = vm.iter(p[0].as_ref().unwrap_or(&vm.none()))?;
    let func = p[1].clone().filter(|f| !vm.is_none(f));
    let initial = p[2].clone().filter(|f| !vm.is_none(f));
    let acc = Accumulate {
        it: ObjCell::some(it),
        func: ObjCell::new(func),
        total: ObjCell::new(None),
        initial: ObjCell::new(initial),
    };
    alloc(vm, cls, "itertools.accumulate", acc)
}

fn accumulate_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let acc = this::<Accumulate>(vm, o, "itertools.accumulate")?;
    if let Some(init) = acc.initial.take() {
        acc.total.set(Some(init.clone()));
        return Ok(Some(init));
    }
    let Some(it) = acc.it.get() else { return Ok(None) };
    let Some(val) = vm.next(&it)? else { return Ok(None) };
    let new = match acc.total.get() {
        None => val,
        Some(total) => match acc.func.get() {
            Some(f) => vm.call(&f, &[total, val], None)?,
            None => vm.binary_op(&total, &val, NbOp::Add)?,
        },
    };
    acc.total.set(Some(new.clone()));
    Ok(Some(new))
}

const ACCUMULATE_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let acc = this::<Accumulate>(vm, o, "itertools.accumulate")?;
        let func = opt(vm, &acc.func);
        let it = opt(vm, &acc.it);
        if let Some(init) = acc.initial.get() {
            let chained = chain_of(vm, vec![vm.new_tuple(vec![init]), it])?;
            return Ok(reduce_state(vm, o, vec![chained, func], vm.none()));
        }
        // A running total of None cannot go in the state (None means "not
        // started"): CPython restarts from it and skips it with islice.
        if let Some(total) = acc.total.get().filter(|t| vm.is_none(t)) {
            let chained = chain_of(vm, vec![vm.new_tuple(vec![total]), it])?;
            let restarted = vm.call(&o.class_obj(), &[chained, func], None)?;
            let Some(islice) = crate::support::module_type(vm, "itertools.islice") else {
                return Err(vm.system_error("type itertools.islice is not initialised"));
            };
            return Ok(vm.new_tuple(vec![islice, vm.new_tuple(vec![restarted, vm.new_int(1), vm.none()])]));
        }
        Ok(reduce_state(vm, o, vec![it, func], opt(vm, &acc.total)))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let acc = this::<Accumulate>(vm, o, "itertools.accumulate")?;
        acc.total.set(if vm.is_none(&state) { None } else { Some(state) });
        Ok(vm.none())
    }),
];

// ---- chain ------------------------------------------------------------------------------------

struct Chain {
    source: ObjCell,
    active: ObjCell,
}
impl PyPayload for Chain {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.source, &self.active], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.source, &self.active])
    }
}

fn chain_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_unless_own_init(vm, "chain", cls, a, k, 0, usize::MAX)?;
    let source = vm.iter(&vm.new_tuple(a.to_vec()))?;
    alloc(vm, cls, "itertools.chain", Chain { source: ObjCell::some(source), active: ObjCell::new(None) })
}

/// `chain(*iterables)` for native callers.
fn chain_of(vm: &Vm, iterables: Vec<Obj>) -> PyResult<Obj> {
    let source = vm.iter(&vm.new_tuple(iterables))?;
    alloc_exact(vm, "itertools.chain", Chain { source: ObjCell::some(source), active: ObjCell::new(None) })
}

fn chain_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Chain>(vm, o, "itertools.chain")?;
    while let Some(source) = c.source.get() {
        let active = match c.active.get() {
            Some(a) => a,
            None => {
                let next = match vm.next(&source) {
                    Ok(Some(x)) => x,
                    Ok(None) => {
                        c.source.set(None);
                        return Ok(None);
                    }
                    Err(e) => {
                        c.source.set(None);
                        return Err(e);
                    }
                };
                let it = match vm.iter(&next) {
                    Ok(it) => it,
                    Err(e) => {
                        c.source.set(None);
                        return Err(e);
                    }
                };
                c.active.set(Some(it.clone()));
                it
            }
        };
        if let Some(item) = vm.next(&active)? {
            return Ok(Some(item));
        }
        c.active.set(None);
    }
    Ok(None)
}

const CHAIN_METHODS: &[MethodDef] = &[
    MethodDef::class("from_iterable", |vm, cls, a, k| {
        if k.is_some_and(|k| tuple::len(k) > 0) {
            return Err(vm.type_error("chain.from_iterable() takes no keyword arguments"));
        }
        if a.len() != 1 {
            return Err(vm.type_error(format!("chain.from_iterable() takes exactly one argument ({} given)", a.len())));
        }
        let source = vm.iter(&a[0])?;
        alloc(vm, cls, "itertools.chain", Chain { source: ObjCell::some(source), active: ObjCell::new(None) })
    }),
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let c = this::<Chain>(vm, o, "itertools.chain")?;
        Ok(match (c.source.get(), c.active.get()) {
            (Some(s), Some(act)) => reduce_state(vm, o, vec![], vm.new_tuple(vec![s, act])),
            (Some(s), None) => reduce_state(vm, o, vec![], vm.new_tuple(vec![s])),
            (None, _) => reduce_args(vm, o, vec![]),
        })
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let c = this::<Chain>(vm, o, "itertools.chain")?;
        let items = state_tuple(vm, &state)?;
        if items.is_empty() || items.len() > 2 {
            return Err(vm.type_error(
                format!(
                    "function takes {} 2 arguments ({} given)",
                    if items.is_empty() { "at least 1 argument" } else { "at most" },
                    items.len()
                )
                .replace("at least 1 argument 2 arguments", "at least 1 argument"),
            ));
        }
        if !items.iter().all(is_iterator) {
            return Err(vm.type_error("Arguments must be iterators."));
        }
        c.source.set(Some(items[0].clone()));
        c.active.set(items.get(1).cloned());
        Ok(vm.none())
    }),
    MethodDef::class("__class_getitem__", class_getitem),
];

// ---- compress, dropwhile, takewhile, filterfalse, starmap ----------------------------------------

/// The state of the iterators made of an iterator and one more object
/// (a function, the selectors) plus a flag.
struct Pair {
    it: ObjCell,
    other: ObjCell,
    flag: Cell<bool>,
}
impl PyPayload for Pair {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.other, &self.it], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.other, &self.it])
    }
}

fn pair(it: Obj, other: Obj) -> Pair {
    Pair { it: ObjCell::some(it), other: ObjCell::some(other), flag: Cell::new(false) }
}

fn pair_parts(vm: &Vm, o: &Obj) -> PyResult<(Obj, Obj, &'static str)> {
    let p = o.payload::<Pair>().ok_or_else(|| vm.type_error("bad iterator state"))?;
    let name = o.class().name().to_string();
    let _ = name;
    Ok((opt(vm, &p.it), opt(vm, &p.other), ""))
}

fn compress_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "compress", a, k, &["data", "selectors"], 2)?;
    let data = vm.iter(p[0].as_ref().unwrap_or(&vm.none()))?;
    let sel = vm.iter(p[1].as_ref().unwrap_or(&vm.none()))?;
    alloc(vm, cls, "itertools.compress", pair(data, sel))
}

fn compress_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pair>(vm, o, "itertools.compress")?;
    let (Some(data), Some(sel)) = (p.it.get(), p.other.get()) else { return Ok(None) };
    loop {
        let Some(datum) = vm.next(&data)? else { return Ok(None) };
        let Some(s) = vm.next(&sel)? else { return Ok(None) };
        if vm.is_true(&s)? {
            return Ok(Some(datum));
        }
    }
}

fn two_args(vm: &Vm, name: &str, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<(Obj, Obj)> {
    let a = positional_unless_own_init(vm, name, cls, a, k, 2, 2)?;
    Ok((a[0].clone(), vm.iter(&a[1])?))
}

fn dropwhile_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, it) = two_args(vm, "dropwhile", cls, a, k)?;
    alloc(vm, cls, "itertools.dropwhile", pair(it, f))
}

fn dropwhile_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pair>(vm, o, "itertools.dropwhile")?;
    let (Some(it), Some(f)) = (p.it.get(), p.other.get()) else { return Ok(None) };
    loop {
        let Some(item) = vm.next(&it)? else { return Ok(None) };
        if p.flag.get() {
            return Ok(Some(item));
        }
        let good = vm.call1(&f, item.clone())?;
        if !vm.is_true(&good)? {
            p.flag.set(true);
            return Ok(Some(item));
        }
    }
}

fn takewhile_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, it) = two_args(vm, "takewhile", cls, a, k)?;
    alloc(vm, cls, "itertools.takewhile", pair(it, f))
}

fn takewhile_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pair>(vm, o, "itertools.takewhile")?;
    if p.flag.get() {
        return Ok(None);
    }
    let (Some(it), Some(f)) = (p.it.get(), p.other.get()) else { return Ok(None) };
    let Some(item) = vm.next(&it)? else { return Ok(None) };
    let good = vm.call1(&f, item.clone())?;
    if vm.is_true(&good)? {
        return Ok(Some(item));
    }
    p.flag.set(true);
    Ok(None)
}

fn filterfalse_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, it) = two_args(vm, "filterfalse", cls, a, k)?;
    alloc(vm, cls, "itertools.filterfalse", pair(it, f))
}

fn filterfalse_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pair>(vm, o, "itertools.filterfalse")?;
    let (Some(it), Some(f)) = (p.it.get(), p.other.get()) else { return Ok(None) };
    let plain = vm.is_none(&f) || f.is(&vm.ctx.types.bool_);
    loop {
        let Some(item) = vm.next(&it)? else { return Ok(None) };
        let ok = if plain { vm.is_true(&item)? } else { vm.is_true(&vm.call1(&f, item.clone())?)? };
        if !ok {
            return Ok(Some(item));
        }
    }
}

fn starmap_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, it) = two_args(vm, "starmap", cls, a, k)?;
    alloc(vm, cls, "itertools.starmap", pair(it, f))
}

fn starmap_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pair>(vm, o, "itertools.starmap")?;
    let (Some(it), Some(f)) = (p.it.get(), p.other.get()) else { return Ok(None) };
    let Some(args) = vm.next(&it)? else { return Ok(None) };
    let args = vm.to_tuple(&args)?;
    Ok(Some(vm.call(&f, tuple::items(&args), None)?))
}

/// `__reduce__` of compress: `(type, (data, selectors))`.
fn reduce_it_first(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let (it, other, _) = pair_parts(vm, o)?;
    Ok(reduce_args(vm, o, vec![it, other]))
}

/// `__reduce__` of the function-first iterators: `(type, (func, it))`.
fn reduce_func_first(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let (it, f, _) = pair_parts(vm, o)?;
    Ok(reduce_args(vm, o, vec![f, it]))
}

/// `__reduce__` of dropwhile and takewhile: `(type, (func, it), flag)`.
fn reduce_with_flag(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let (it, f, _) = pair_parts(vm, o)?;
    let flag = o.payload::<Pair>().is_some_and(|p| p.flag.get());
    Ok(reduce_state(vm, o, vec![f, it], vm.new_int(flag as i64)))
}

fn setstate_flag(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
    let v = vm.is_true(&state)?;
    if let Some(p) = o.payload::<Pair>() {
        p.flag.set(v);
    }
    Ok(vm.none())
}

const COMPRESS_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", reduce_it_first)];
const FUNC_FIRST_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", reduce_func_first)];
const FLAG_METHODS: &[MethodDef] =
    &[MethodDef::method("__reduce__", reduce_with_flag), MethodDef::method("__setstate__", setstate_flag)];

// ---- islice -----------------------------------------------------------------------------------

struct ISlice {
    it: ObjCell,
    next: Cell<usize>,
    /// None for no stop.
    stop: Cell<Option<usize>>,
    step: Cell<usize>,
    cnt: Cell<usize>,
}
impl PyPayload for ISlice {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.it])
    }
}

/// `PyNumber_AsSsize_t` with every error turned into -1 (islice clears
/// them and reports its own).
fn ssize_or_minus_one(vm: &Vm, o: &Obj) -> isize {
    ssize_arg(vm, o).unwrap_or(-1)
}

const ISLICE_STOP: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";

fn islice_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_unless_own_init(vm, "islice", cls, a, k, 2, 4)?;
    let (mut start, mut step) = (0isize, 1isize);
    let stop;
    let stop_of = |o: &Obj| -> PyResult<isize> {
        if vm.is_none(o) {
            return Ok(-1);
        }
        match ssize_or_minus_one(vm, o) {
            -1 => Err(vm.value_error(ISLICE_STOP)),
            v => Ok(v),
        }
    };
    if a.len() == 2 {
        stop = stop_of(&a[1])?;
    } else {
        if !vm.is_none(&a[1]) {
            start = ssize_or_minus_one(vm, &a[1]);
        }
        stop = stop_of(&a[2])?;
    }
    if start < 0 || stop < -1 {
        return Err(vm.value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
    }
    if let Some(s) = a.get(3) {
        if !vm.is_none(s) {
            step = ssize_or_minus_one(vm, s);
        }
    }
    if step < 1 {
        return Err(vm.value_error("Step for islice() must be a positive integer or None."));
    }
    let it = vm.iter(&a[0])?;
    let s = ISlice {
        it: ObjCell::some(it),
        next: Cell::new(start as usize),
        stop: Cell::new(if stop < 0 { None } else { Some(stop as usize) }),
        step: Cell::new(step as usize),
        cnt: Cell::new(0),
    };
    alloc(vm, cls, "itertools.islice", s)
}

fn islice_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let s = this::<ISlice>(vm, o, "itertools.islice")?;
    let Some(it) = s.it.get() else { return Ok(None) };
    let r = islice_step(vm, s, &it);
    if !matches!(r, Ok(Some(_))) {
        s.it.set(None);
    }
    r
}

fn islice_step(vm: &Vm, s: &ISlice, it: &Obj) -> PyResult<Option<Obj>> {
    while s.cnt.get() < s.next.get() {
        if vm.next(it)?.is_none() {
            return Ok(None);
        }
        s.cnt.set(s.cnt.get() + 1);
    }
    let stop = s.stop.get();
    if stop.is_some_and(|stop| s.cnt.get() >= stop) {
        return Ok(None);
    }
    let Some(item) = vm.next(it)? else { return Ok(None) };
    s.cnt.set(s.cnt.get() + 1);
    let old = s.next.get();
    let new = old.checked_add(s.step.get()).filter(|n| *n <= isize::MAX as usize);
    match (new, stop) {
        (Some(n), Some(stop)) if n > stop => s.next.set(stop),
        (Some(n), _) => s.next.set(n),
        (None, Some(stop)) => s.next.set(stop),
        (None, None) => s.next.set(isize::MAX as usize),
    }
    Ok(Some(item))
}

const ISLICE_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let s = this::<ISlice>(vm, o, "itertools.islice")?;
        let Some(it) = s.it.get() else {
            let empty = vm.iter(&vm.new_list(vec![]))?;
            return Ok(reduce_state(vm, o, vec![empty, vm.new_int(0)], vm.new_int(0)));
        };
        let stop = s.stop.get().map(|v| vm.new_usize(v)).unwrap_or_else(|| vm.none());
        let args = vec![it, vm.new_usize(s.next.get()), stop, vm.new_usize(s.step.get())];
        Ok(reduce_state(vm, o, args, vm.new_usize(s.cnt.get())))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let s = this::<ISlice>(vm, o, "itertools.islice")?;
        let v = ssize_arg(vm, &state)?;
        s.cnt.set(v.max(0) as usize);
        Ok(vm.none())
    }),
];

// ---- groupby, _grouper ------------------------------------------------------------------------

struct GroupBy {
    it: ObjCell,
    keyfunc: ObjCell,
    tgtkey: ObjCell,
    currkey: ObjCell,
    currvalue: ObjCell,
    /// The id of the grouper that may still yield (CPython keeps a
    /// borrowed pointer to compare).
    currgrouper: Cell<usize>,
}
impl PyPayload for GroupBy {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it, &self.keyfunc, &self.tgtkey, &self.currkey, &self.currvalue], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.it, &self.keyfunc, &self.tgtkey, &self.currkey, &self.currvalue])
    }
}

fn groupby_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "groupby", a, k, &["iterable", "key"], 1)?;
    let it = vm.iter(p[0].as_ref().unwrap_or(&vm.none()))?;
    let g = GroupBy {
        it: ObjCell::some(it),
        keyfunc: ObjCell::new(p[1].clone().filter(|f| !vm.is_none(f))),
        tgtkey: ObjCell::new(None),
        currkey: ObjCell::new(None),
        currvalue: ObjCell::new(None),
        currgrouper: Cell::new(0),
    };
    alloc(vm, cls, "itertools.groupby", g)
}

/// Read the next value and its key; false at the end of the input.
fn groupby_step(vm: &Vm, g: &GroupBy) -> PyResult<bool> {
    let Some(it) = g.it.get() else { return Ok(false) };
    let Some(value) = vm.next(&it)? else { return Ok(false) };
    let key = match g.keyfunc.get() {
        Some(f) => vm.call1(&f, value.clone())?,
        None => value.clone(),
    };
    g.currvalue.set(Some(value));
    g.currkey.set(Some(key));
    Ok(true)
}

fn groupby_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let g = this::<GroupBy>(vm, o, "itertools.groupby")?;
    g.currgrouper.set(0);
    loop {
        if let Some(curr) = g.currkey.get() {
            let Some(tgt) = g.tgtkey.get() else { break };
            if !vm.eq(&tgt, &curr)? {
                break;
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = opt(vm, &g.currkey);
    g.tgtkey.set(Some(key.clone()));
    let grouper = alloc_exact(
        vm,
        "itertools._grouper",
        Grouper { parent: ObjCell::some(o.clone()), tgtkey: ObjCell::some(key.clone()) },
    )?;
    g.currgrouper.set(grouper.id());
    Ok(Some(vm.new_tuple(vec![key, grouper])))
}

const GROUPBY_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let g = this::<GroupBy>(vm, o, "itertools.groupby")?;
        let args = vec![opt(vm, &g.it), opt(vm, &g.keyfunc)];
        if let (Some(t), Some(ck), Some(cv)) = (g.tgtkey.get(), g.currkey.get(), g.currvalue.get()) {
            return Ok(reduce_state(vm, o, args, vm.new_tuple(vec![ck, cv, t])));
        }
        Ok(reduce_args(vm, o, args))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let g = this::<GroupBy>(vm, o, "itertools.groupby")?;
        let items = state_tuple(vm, &state)?;
        let [ck, cv, t] = items else {
            return Err(vm.type_error(format!("function takes exactly 3 arguments ({} given)", items.len())));
        };
        g.currkey.set(Some(ck.clone()));
        g.currvalue.set(Some(cv.clone()));
        g.tgtkey.set(Some(t.clone()));
        Ok(vm.none())
    }),
];

struct Grouper {
    parent: ObjCell,
    tgtkey: ObjCell,
}
impl PyPayload for Grouper {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.parent, &self.tgtkey], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.parent, &self.tgtkey])
    }
}

fn grouper_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "_grouper", a, k, 2, 2)?;
    if a[0].payload::<GroupBy>().is_none() {
        return Err(
            vm.type_error(format!("_grouper() argument 1 must be itertools.groupby, not {}", a[0].class().name()))
        );
    }
    let grouper = alloc(
        vm,
        cls,
        "itertools._grouper",
        Grouper { parent: ObjCell::some(a[0].clone()), tgtkey: ObjCell::some(a[1].clone()) },
    )?;
    // The new grouper is the parent's current one (as CPython's
    // _grouper_create), so an unpickled grouper yields.
    if let Some(g) = a[0].payload::<GroupBy>() {
        g.currgrouper.set(grouper.id());
    }
    Ok(grouper)
}

fn grouper_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let gr = this::<Grouper>(vm, o, "itertools._grouper")?;
    let (Some(parent), Some(tgt)) = (gr.parent.get(), gr.tgtkey.get()) else { return Ok(None) };
    let Some(g) = parent.payload::<GroupBy>() else { return Ok(None) };
    if g.currgrouper.get() != o.id() {
        return Ok(None);
    }
    if !g.currvalue.is_some() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let curr = opt(vm, &g.currkey);
    if !vm.eq(&tgt, &curr)? {
        return Ok(None);
    }
    Ok(g.currvalue.take())
}

const GROUPER_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let gr = this::<Grouper>(vm, o, "itertools._grouper")?;
    let parent = opt(vm, &gr.parent);
    let current = parent.payload::<GroupBy>().is_some_and(|g| g.currgrouper.get() == o.id());
    if current {
        return Ok(reduce_args(vm, o, vec![parent, opt(vm, &gr.tgtkey)]));
    }
    let iter = dict::get_item_str(vm, &vm.builtins_dict(), "iter").unwrap_or_else(|| vm.none());
    Ok(vm.new_tuple(vec![iter, vm.new_tuple(vec![vm.new_tuple(vec![])])]))
})];

// ---- tee, _tee, _tee_dataobject ---------------------------------------------------------------

/// Up to `LINKCELLS` values read from the shared iterator, then the link
/// to the next block.
struct TeeData {
    it: ObjCell,
    values: RefCell<Vec<Obj>>,
    nextlink: ObjCell,
    running: Cell<bool>,
}
impl PyPayload for TeeData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it], visit);
        visit_vec(&self.values, visit);
        visit_cells(&[&self.nextlink], visit);
    }
    fn clear(&self) {
        clear_cells(&[&self.it]);
        clear_vec(&self.values);
        clear_cells(&[&self.nextlink]);
    }
}

fn new_teedata(vm: &Vm, it: Obj) -> PyResult<Obj> {
    let d = TeeData {
        it: ObjCell::some(it),
        values: RefCell::new(Vec::new()),
        nextlink: ObjCell::new(None),
        running: Cell::new(false),
    };
    alloc_exact(vm, "itertools._tee_dataobject", d)
}

fn teedata_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "_tee_dataobject", a, k, 3, 3)?;
    if !vm.isinstance_type(&a[1], &vm.ctx.types.list) {
        return Err(vm.type_error(format!("_tee_dataobject() argument 2 must be list, not {}", a[1].class().name())));
    }
    let values = vm.to_vec(&a[1])?;
    if values.len() > LINKCELLS {
        return Err(vm.value_error("_tee_dataobject should have less than LINKCELLS items"));
    }
    let next = &a[2];
    if values.len() == LINKCELLS {
        if !vm.is_none(next) && next.payload::<TeeData>().is_none() {
            return Err(vm.value_error("_tee_dataobject next link must be a _tee_dataobject"));
        }
    } else if !vm.is_none(next) {
        return Err(vm.value_error("_tee_dataobject should have no next link if not full"));
    }
    let d = TeeData {
        it: ObjCell::some(a[0].clone()),
        values: RefCell::new(values),
        nextlink: ObjCell::new(if vm.is_none(next) { None } else { Some(next.clone()) }),
        running: Cell::new(false),
    };
    alloc(vm, cls, "itertools._tee_dataobject", d)
}

fn teedata_getitem(vm: &Vm, d: &TeeData, i: usize) -> PyResult<Option<Obj>> {
    if let Some(v) = d.values.borrow().get(i) {
        return Ok(Some(v.clone()));
    }
    if d.running.get() {
        return Err(vm.runtime_error("cannot re-enter the tee iterator"));
    }
    let Some(it) = d.it.get() else { return Ok(None) };
    d.running.set(true);
    let r = vm.next(&it);
    d.running.set(false);
    let Some(v) = r? else { return Ok(None) };
    d.values.borrow_mut().push(v.clone());
    Ok(Some(v))
}

fn teedata_jumplink(vm: &Vm, d: &TeeData) -> PyResult<Obj> {
    if let Some(n) = d.nextlink.get() {
        return Ok(n);
    }
    let n = new_teedata(vm, opt(vm, &d.it))?;
    d.nextlink.set(Some(n.clone()));
    Ok(n)
}

const TEEDATA_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", |vm, o, a, k| {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let d = this::<TeeData>(vm, o, "itertools._tee_dataobject")?;
    let values = vm.new_list(d.values.borrow().clone());
    Ok(reduce_args(vm, o, vec![opt(vm, &d.it), values, opt(vm, &d.nextlink)]))
})];

struct Tee {
    dataobj: ObjCell,
    index: Cell<usize>,
}
impl PyPayload for Tee {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.dataobj], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.dataobj])
    }
}

fn tee_copy_of(vm: &Vm, t: &Tee) -> PyResult<Obj> {
    alloc_exact(vm, "itertools._tee", Tee { dataobj: ObjCell::new(t.dataobj.get()), index: Cell::new(t.index.get()) })
}

fn tee_fromiterable(vm: &Vm, iterable: &Obj) -> PyResult<Obj> {
    let it = vm.iter(iterable)?;
    if let Some(t) = it.payload::<Tee>() {
        return tee_copy_of(vm, t);
    }
    let data = new_teedata(vm, it)?;
    alloc_exact(vm, "itertools._tee", Tee { dataobj: ObjCell::some(data), index: Cell::new(0) })
}

fn tee_new(vm: &Vm, _cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "_tee", a, k, 1, 1)?;
    tee_fromiterable(vm, &a[0])
}

fn tee_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let t = this::<Tee>(vm, o, "itertools._tee")?;
    let Some(mut data) = t.dataobj.get() else { return Ok(None) };
    if t.index.get() >= LINKCELLS {
        let d = this::<TeeData>(vm, &data, "itertools._tee_dataobject")?;
        data = teedata_jumplink(vm, d)?;
        t.dataobj.set(Some(data.clone()));
        t.index.set(0);
    }
    let d = this::<TeeData>(vm, &data, "itertools._tee_dataobject")?;
    let v = teedata_getitem(vm, d, t.index.get())?;
    if v.is_some() {
        t.index.set(t.index.get() + 1);
    }
    Ok(v)
}

const TEE_METHODS: &[MethodDef] = &[
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        tee_copy_of(vm, this::<Tee>(vm, o, "itertools._tee")?)
    }),
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let t = this::<Tee>(vm, o, "itertools._tee")?;
        let state = vm.new_tuple(vec![opt(vm, &t.dataobj), vm.new_usize(t.index.get())]);
        Ok(reduce_state(vm, o, vec![vm.new_tuple(vec![])], state))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let t = this::<Tee>(vm, o, "itertools._tee")?;
        let items = state_tuple(vm, &state)?;
        let [data, index] = items else {
            return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", items.len())));
        };
        if data.payload::<TeeData>().is_none() {
            return Err(
                vm.type_error(format!("argument 1 must be itertools._tee_dataobject, not {}", data.class().name()))
            );
        }
        let index = ssize_arg(vm, index)?;
        if index < 0 || index as usize > LINKCELLS {
            return Err(vm.value_error("Index out of range"));
        }
        t.dataobj.set(Some(data.clone()));
        t.index.set(index as usize);
        Ok(vm.none())
    }),
];

/// `tee(iterable, n=2, /)`.
fn tee(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional_in(vm, "itertools", "tee", a, k, 1, 2)?;
    let n = match a.get(1) {
        Some(n) => ssize_arg(vm, n)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(vm.new_tuple(vec![]));
    }
    let mut out = vm.try_vec::<Obj>(n as usize)?;
    let it = vm.iter(&a[0])?;
    let copyfunc = vm.getattr_str_opt(&it, "__copy__")?;
    let first = match &copyfunc {
        Some(_) => it,
        None => tee_fromiterable(vm, &it)?,
    };
    let copy = match copyfunc {
        Some(f) => f,
        None => vm.getattr_str(&first, "__copy__")?,
    };
    out.push(first);
    for _ in 1..n {
        out.push(vm.call0(&copy)?);
    }
    Ok(vm.new_tuple(out))
}

// ---- zip_longest, pairwise --------------------------------------------------------------------

struct ZipLongest {
    /// One iterator per input; None once exhausted.
    its: RefCell<Vec<Option<Obj>>>,
    numactive: Cell<usize>,
    fillvalue: ObjCell,
}
impl PyPayload for ZipLongest {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(v) = self.its.try_borrow() {
            for o in v.iter().flatten() {
                visit(o);
            }
        }
        visit_cells(&[&self.fillvalue], visit);
    }
    fn clear(&self) {
        let old = self.its.try_borrow_mut().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default();
        drop(old);
        clear_cells(&[&self.fillvalue]);
    }
}

fn zip_longest_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(a, k);
    let mut fillvalue = vm.none();
    if !kw.is_empty() {
        let ok = kw.len() == 1 && taipan_vm::api::str::as_str(&kw[0].0).is_some_and(|s| s == "fillvalue");
        if !ok {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
        fillvalue = kw[0].1.clone();
    }
    let mut its = vm.try_vec(pos.len())?;
    for p in pos {
        its.push(Some(vm.iter(p)?));
    }
    let z = ZipLongest { numactive: Cell::new(its.len()), its: RefCell::new(its), fillvalue: ObjCell::some(fillvalue) };
    alloc(vm, cls, "itertools.zip_longest", z)
}

fn zip_longest_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let z = this::<ZipLongest>(vm, o, "itertools.zip_longest")?;
    let n = z.its.borrow().len();
    if n == 0 || z.numactive.get() == 0 {
        return Ok(None);
    }
    let fill = opt(vm, &z.fillvalue);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let it = z.its.borrow().get(i).cloned().flatten();
        let Some(it) = it else {
            out.push(fill.clone());
            continue;
        };
        match vm.next(&it) {
            Ok(Some(v)) => out.push(v),
            Ok(None) => {
                z.numactive.set(z.numactive.get().saturating_sub(1));
                if z.numactive.get() == 0 {
                    return Ok(None);
                }
                if let Some(slot) = z.its.borrow_mut().get_mut(i) {
                    *slot = None;
                }
                out.push(fill.clone());
            }
            Err(e) => {
                z.numactive.set(0);
                return Err(e);
            }
        }
    }
    Ok(Some(vm.new_tuple(out)))
}

const ZIP_LONGEST_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let z = this::<ZipLongest>(vm, o, "itertools.zip_longest")?;
        let its: Vec<Obj> = z.its.borrow().iter().map(|i| i.clone().unwrap_or_else(|| vm.new_tuple(vec![]))).collect();
        Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(its), opt(vm, &z.fillvalue)]))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        this::<ZipLongest>(vm, o, "itertools.zip_longest")?.fillvalue.set(Some(state));
        Ok(vm.none())
    }),
];

struct Pairwise {
    it: ObjCell,
    old: ObjCell,
}
impl PyPayload for Pairwise {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.it, &self.old], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.it, &self.old])
    }
}

fn pairwise_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "pairwise", a, k, 1, 1)?;
    let it = vm.iter(&a[0])?;
    alloc(vm, cls, "itertools.pairwise", Pairwise { it: ObjCell::some(it), old: ObjCell::new(None) })
}

fn pairwise_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let p = this::<Pairwise>(vm, o, "itertools.pairwise")?;
    let Some(it) = p.it.get() else { return Ok(None) };
    let old = match p.old.get() {
        Some(old) => old,
        None => match vm.next(&it) {
            Ok(Some(v)) => {
                p.old.set(Some(v.clone()));
                v
            }
            r => {
                p.it.set(None);
                return r;
            }
        },
    };
    match vm.next(&it) {
        Ok(Some(new)) => {
            p.old.set(Some(new.clone()));
            Ok(Some(vm.new_tuple(vec![old, new])))
        }
        r => {
            p.it.set(None);
            p.old.set(None);
            r
        }
    }
}

// ---- product, combinations, combinations_with_replacement, permutations -----------------------

/// The state the combinatoric iterators share: the pools (tuples), the
/// current indices, the last result and whether they are done.
struct Combinatoric {
    pools: RefCell<Vec<Obj>>,
    indices: RefCell<Vec<usize>>,
    cycles: RefCell<Vec<usize>>,
    r: usize,
    /// The items of the last result, None before the first.
    result: RefCell<Option<Vec<Obj>>>,
    stopped: Cell<bool>,
}
impl PyPayload for Combinatoric {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_vec(&self.pools, visit);
        if let Ok(r) = self.result.try_borrow() {
            for o in r.iter().flatten() {
                visit(o);
            }
        }
    }
    fn clear(&self) {
        clear_vec(&self.pools);
        let old = self.result.try_borrow_mut().map(|mut r| r.take()).unwrap_or_default();
        drop(old);
    }
}

impl Combinatoric {
    fn pool(&self) -> Obj {
        self.pools.borrow()[0].clone()
    }
}

fn combinatoric(pools: Vec<Obj>, indices: Vec<usize>, cycles: Vec<usize>, r: usize, stopped: bool) -> Combinatoric {
    Combinatoric {
        pools: RefCell::new(pools),
        indices: RefCell::new(indices),
        cycles: RefCell::new(cycles),
        r,
        result: RefCell::new(None),
        stopped: Cell::new(stopped),
    }
}

fn emit(vm: &Vm, c: &Combinatoric, items: Vec<Obj>) -> Option<Obj> {
    let t = vm.new_tuple(items.clone());
    *c.result.borrow_mut() = Some(items);
    Some(t)
}

fn stop(c: &Combinatoric) -> Option<Obj> {
    c.stopped.set(true);
    None
}

fn product_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pos, kw) = vm.split_kwargs(a, k);
    let mut repeat = 1isize;
    for (key, v) in &kw {
        let name = taipan_vm::api::str::as_str(key).unwrap_or("");
        if name != "repeat" || kw.len() > 1 {
            if kw.len() > 1 {
                return Err(vm.type_error(format!("product() takes at most 1 keyword argument ({} given)", kw.len())));
            }
            return Err(vm.type_error(format!("'{name}' is an invalid keyword argument for product()")));
        }
        repeat = ssize_arg(vm, v)?;
        if repeat < 0 {
            return Err(vm.value_error("repeat argument cannot be negative"));
        }
    }
    let nargs = pos.len();
    let word = std::mem::size_of::<isize>();
    if nargs > 0 && (nargs > isize::MAX as usize / word || repeat as usize > isize::MAX as usize / word / nargs) {
        return Err(vm.overflow_error("repeat argument too large"));
    }
    let npools = nargs * repeat as usize;
    let mut base = Vec::with_capacity(nargs);
    for p in pos {
        base.push(vm.to_tuple(p)?);
    }
    let mut pools = vm.try_vec(npools)?;
    let mut indices = vm.try_vec(npools)?;
    for i in 0..npools {
        pools.push(base[i % nargs.max(1)].clone());
        indices.push(0);
    }
    alloc(vm, cls, "itertools.product", combinatoric(pools, indices, vec![], 0, false))
}

fn product_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Combinatoric>(vm, o, "itertools.product")?;
    if c.stopped.get() {
        return Ok(None);
    }
    let pools = c.pools.borrow().clone();
    let prev = c.result.borrow().clone();
    let Some(mut result) = prev else {
        let mut first = Vec::with_capacity(pools.len());
        for p in &pools {
            let Some(x) = tuple::items(p).first() else { return Ok(stop(c)) };
            first.push(x.clone());
        }
        return Ok(emit(vm, c, first));
    };
    let mut indices = c.indices.borrow_mut();
    let mut done = true;
    for i in (0..pools.len()).rev() {
        let pool = tuple::items(&pools[i]);
        indices[i] += 1;
        if indices[i] >= pool.len() {
            indices[i] = 0;
            result[i] = pool[0].clone();
        } else {
            result[i] = pool[indices[i]].clone();
            done = false;
            break;
        }
    }
    drop(indices);
    if done {
        return Ok(stop(c));
    }
    Ok(emit(vm, c, result))
}

fn indices_tuple(vm: &Vm, v: &[usize]) -> Obj {
    vm.new_tuple(v.iter().map(|&i| vm.new_usize(i)).collect())
}

const PRODUCT_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let c = this::<Combinatoric>(vm, o, "itertools.product")?;
        if c.stopped.get() {
            return Ok(reduce_args(vm, o, vec![vm.new_tuple(vec![])]));
        }
        let pools = c.pools.borrow().clone();
        if c.result.borrow().is_none() {
            return Ok(reduce_args(vm, o, pools));
        }
        let idx = indices_tuple(vm, &c.indices.borrow());
        Ok(reduce_state(vm, o, pools, idx))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let c = this::<Combinatoric>(vm, o, "itertools.product")?;
        let items = state_tuple(vm, &state)?.to_vec();
        let pools = c.pools.borrow().clone();
        if items.len() != pools.len() {
            return Err(vm.value_error("invalid arguments"));
        }
        let mut idx = Vec::with_capacity(items.len());
        let mut result = Vec::with_capacity(items.len());
        for (i, pool) in items.iter().zip(&pools) {
            let pool = tuple::items(pool);
            let index = ssize_arg(vm, i)?;
            if pool.is_empty() {
                c.stopped.set(true);
                return Ok(vm.none());
            }
            let index = (index.max(0) as usize).min(pool.len() - 1);
            idx.push(index);
            result.push(pool[index].clone());
        }
        *c.indices.borrow_mut() = idx;
        *c.result.borrow_mut() = Some(result);
        Ok(vm.none())
    }),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        let n = o.payload::<Combinatoric>().map(|c| c.pools.borrow().len()).unwrap_or(0);
        sizeof_with(vm, o, a, Some(k), n)
    }),
];

/// `(iterable, r)` of combinations and combinations_with_replacement.
fn pool_and_r(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<(Obj, usize)> {
    let p = args::parse(vm, name, a, k, &["iterable", "r"], 2)?;
    let pool = vm.to_tuple(p[0].as_ref().unwrap_or(&vm.none()))?;
    let r = ssize_arg(vm, p[1].as_ref().unwrap_or(&vm.none()))?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok((pool, r as usize))
}

/// Room for `r` indices (CPython allocates them up front: MemoryError
/// for an impossible r).
fn reserve_indices(vm: &Vm, r: usize) -> PyResult<Vec<usize>> {
    vm.try_vec(r.max(1))
}

fn combinations_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pool, r) = pool_and_r(vm, "combinations", a, k)?;
    let n = tuple::len(&pool);
    let mut indices = reserve_indices(vm, r)?;
    if r <= n {
        indices.extend(0..r);
    } else {
        indices = Vec::new();
    }
    alloc(vm, cls, "itertools.combinations", combinatoric(vec![pool], indices, vec![], r, r > n))
}

fn picked(c: &Combinatoric, pool: &[Obj], indices: &[usize]) -> Vec<Obj> {
    let _ = c;
    indices.iter().map(|&i| pool[i].clone()).collect()
}

fn combinations_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Combinatoric>(vm, o, "itertools.combinations")?;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool_obj = c.pool();
    let pool = tuple::items(&pool_obj);
    let (n, r) = (pool.len(), c.r);
    if c.result.borrow().is_none() {
        let items = picked(c, pool, &c.indices.borrow());
        return Ok(emit(vm, c, items));
    }
    let mut indices = c.indices.borrow_mut();
    let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
        drop(indices);
        return Ok(stop(c));
    };
    indices[i] += 1;
    for j in i + 1..r {
        indices[j] = indices[j - 1] + 1;
    }
    let items = picked(c, pool, &indices);
    drop(indices);
    Ok(emit(vm, c, items))
}

fn cwr_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (pool, r) = pool_and_r(vm, "combinations_with_replacement", a, k)?;
    let n = tuple::len(&pool);
    let mut indices = reserve_indices(vm, r)?;
    indices.resize(r, 0);
    let stopped = n == 0 && r > 0;
    alloc(vm, cls, "itertools.combinations_with_replacement", combinatoric(vec![pool], indices, vec![], r, stopped))
}

fn cwr_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Combinatoric>(vm, o, "itertools.combinations_with_replacement")?;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool_obj = c.pool();
    let pool = tuple::items(&pool_obj);
    let (n, r) = (pool.len(), c.r);
    if c.result.borrow().is_none() {
        let items = picked(c, pool, &c.indices.borrow());
        return Ok(emit(vm, c, items));
    }
    let mut indices = c.indices.borrow_mut();
    let Some(i) = (0..r).rev().find(|&i| indices[i] != n - 1) else {
        drop(indices);
        return Ok(stop(c));
    };
    let index = indices[i] + 1;
    for slot in indices[i..].iter_mut() {
        *slot = index;
    }
    let items = picked(c, pool, &indices);
    drop(indices);
    Ok(emit(vm, c, items))
}

fn comb_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__reduce__", a, k)?;
    let c = o.payload::<Combinatoric>().ok_or_else(|| vm.type_error("bad state"))?;
    let r = vm.new_usize(c.r);
    if c.result.borrow().is_none() {
        return Ok(reduce_args(vm, o, vec![c.pool(), r]));
    }
    if c.stopped.get() {
        return Ok(reduce_args(vm, o, vec![vm.new_tuple(vec![]), r]));
    }
    let idx = indices_tuple(vm, &c.indices.borrow());
    Ok(reduce_state(vm, o, vec![c.pool(), r], idx))
}

/// `__setstate__` of combinations (`replace`: with replacement).
fn comb_setstate(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, replace: bool) -> PyResult<Obj> {
    let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
    let c = o.payload::<Combinatoric>().ok_or_else(|| vm.type_error("bad state"))?;
    let items = state_tuple(vm, &state)?.to_vec();
    if items.len() != c.r {
        return Err(vm.value_error("invalid arguments"));
    }
    let pool_obj = c.pool();
    let pool = tuple::items(&pool_obj);
    let n = pool.len() as isize;
    let mut idx = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        let v = ssize_arg(vm, x)?;
        let max = if replace { n - 1 } else { i as isize + n - c.r as isize };
        idx.push(v.min(max).max(0) as usize);
    }
    if idx.iter().any(|&i| i >= pool.len()) {
        c.stopped.set(true);
        return Ok(vm.none());
    }
    let result = picked(c, pool, &idx);
    *c.indices.borrow_mut() = idx;
    *c.result.borrow_mut() = Some(result);
    Ok(vm.none())
}

const COMBINATIONS_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", comb_reduce),
    MethodDef::method("__setstate__", |vm, o, a, k| comb_setstate(vm, o, a, k, false)),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        let r = o.payload::<Combinatoric>().map(|c| c.r).unwrap_or(0);
        sizeof_with(vm, o, a, Some(k), r)
    }),
];

const CWR_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", comb_reduce),
    MethodDef::method("__setstate__", |vm, o, a, k| comb_setstate(vm, o, a, k, true)),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        let r = o.payload::<Combinatoric>().map(|c| c.r).unwrap_or(0);
        sizeof_with(vm, o, a, Some(k), r)
    }),
];

fn permutations_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "permutations", a, k, &["iterable", "r"], 1)?;
    let pool = vm.to_tuple(p[0].as_ref().unwrap_or(&vm.none()))?;
    let n = tuple::len(&pool);
    let r = match p[1].as_ref().filter(|r| !vm.is_none(r)) {
        None => n,
        Some(r) => {
            if !vm.isinstance_type(r, &vm.ctx.types.int) {
                return Err(vm.type_error("Expected int as r"));
            }
            let r = ssize_arg(vm, r)?;
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            r as usize
        }
    };
    let mut indices = vm.try_vec(n.max(1))?;
    let mut cycles = reserve_indices(vm, r)?;
    indices.extend(0..n);
    if r <= n {
        cycles.extend((0..r).map(|i| n - i));
    } else {
        cycles = Vec::new();
    }
    alloc(vm, cls, "itertools.permutations", combinatoric(vec![pool], indices, cycles, r, r > n))
}

fn permutations_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let c = this::<Combinatoric>(vm, o, "itertools.permutations")?;
    if c.stopped.get() {
        return Ok(None);
    }
    let pool_obj = c.pool();
    let pool = tuple::items(&pool_obj);
    let (n, r) = (pool.len(), c.r);
    if c.result.borrow().is_none() {
        let items = picked(c, pool, &c.indices.borrow()[..r]);
        return Ok(emit(vm, c, items));
    }
    if n == 0 {
        return Ok(stop(c));
    }
    let mut indices = c.indices.borrow_mut();
    let mut cycles = c.cycles.borrow_mut();
    let mut found = false;
    for i in (0..r).rev() {
        cycles[i] -= 1;
        if cycles[i] == 0 {
            indices[i..].rotate_left(1);
            cycles[i] = n - i;
        } else {
            let j = cycles[i];
            indices.swap(i, n - j);
            found = true;
            break;
        }
    }
    let items = picked(c, pool, &indices[..r]);
    drop((indices, cycles));
    if !found {
        return Ok(stop(c));
    }
    Ok(emit(vm, c, items))
}

const PERMUTATIONS_METHODS: &[MethodDef] = &[
    MethodDef::method("__reduce__", |vm, o, a, k| {
        args::exact::<0>(vm, "__reduce__", a, k)?;
        let c = this::<Combinatoric>(vm, o, "itertools.permutations")?;
        let r = vm.new_usize(c.r);
        if c.result.borrow().is_none() {
            return Ok(reduce_args(vm, o, vec![c.pool(), r]));
        }
        if c.stopped.get() {
            return Ok(reduce_args(vm, o, vec![vm.new_tuple(vec![]), r]));
        }
        let idx = indices_tuple(vm, &c.indices.borrow());
        let cyc = indices_tuple(vm, &c.cycles.borrow());
        Ok(reduce_state(vm, o, vec![c.pool(), r], vm.new_tuple(vec![idx, cyc])))
    }),
    MethodDef::method("__setstate__", |vm, o, a, k| {
        let [state] = args::exact::<1>(vm, "__setstate__", a, k)?;
        let c = this::<Combinatoric>(vm, o, "itertools.permutations")?;
        let items = state_tuple(vm, &state)?;
        let [idx, cyc] = items else {
            return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", items.len())));
        };
        for x in [idx, cyc] {
            if !vm.isinstance_type(x, &vm.ctx.types.tuple) {
                return Err(vm.type_error(format!("argument must be tuple, not {}", x.class().name())));
            }
        }
        let pool_obj = c.pool();
        let pool = tuple::items(&pool_obj);
        let (n, r) = (pool.len(), c.r);
        let (idx, cyc) = (tuple::items(idx).to_vec(), tuple::items(cyc).to_vec());
        if idx.len() != n || cyc.len() != r {
            return Err(vm.value_error("invalid arguments"));
        }
        let mut indices = Vec::with_capacity(n);
        for x in &idx {
            indices.push((ssize_arg(vm, x)?.max(0) as usize).min(n.saturating_sub(1)));
        }
        let mut cycles = Vec::with_capacity(r);
        for (i, x) in cyc.iter().enumerate() {
            cycles.push((ssize_arg(vm, x)?.max(1) as usize).min(n.saturating_sub(i).max(1)));
        }
        if r > n {
            c.stopped.set(true);
            return Ok(vm.none());
        }
        let result = picked(c, pool, &indices[..r]);
        *c.indices.borrow_mut() = indices;
        *c.cycles.borrow_mut() = cycles;
        *c.result.borrow_mut() = Some(result);
        Ok(vm.none())
    }),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        let w = o.payload::<Combinatoric>().map(|c| c.r + tuple::len(&c.pool())).unwrap_or(0);
        sizeof_with(vm, o, a, Some(k), w)
    }),
];

// ---- the module -------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("tee", tee)];

macro_rules! def {
    ($name:literal, $doc:literal, $methods:expr, $base:expr, $new:expr, $next:expr) => {
        TypeDef {
            name: $name,
            doc: $doc,
            methods: $methods,
            basetype: $base,
            weakref: false,
            new: $new,
            next: Some($next),
        }
    };
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "itertools");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(MODULE_DOC))?;
    module::add_functions(vm, &m, "itertools", FUNCTIONS);
    let none = |_: &Slots| {};
    let types = [
        make_type::<Accumulate>(vm, &def!("itertools.accumulate", "Return series of accumulated sums (or other binary function results).", ACCUMULATE_METHODS, true, accumulate_new, accumulate_next), none),
        make_type::<Chain>(vm, &def!("itertools.chain", "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted.", CHAIN_METHODS, true, chain_new, chain_next), none),
        make_type::<Combinatoric>(vm, &def!("itertools.combinations", "Return successive r-length combinations of elements in the iterable.\n\ncombinations(range(4), 3) --> (0,1,2), (0,1,3), (0,2,3), (1,2,3)", COMBINATIONS_METHODS, true, combinations_new, combinations_next), none),
        make_type::<Combinatoric>(vm, &def!("itertools.combinations_with_replacement", "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.\n\ncombinations_with_replacement('ABC', 2) --> ('A','A'), ('A','B'), ('A','C'), ('B','B'), ('B','C'), ('C','C')", CWR_METHODS, true, cwr_new, cwr_next), none),
        make_type::<Pair>(vm, &def!("itertools.compress", "Return data elements corresponding to true selector elements.\n\nForms a shorter iterator from selected data elements using the selectors to\nchoose the data elements.", COMPRESS_METHODS, true, compress_new, compress_next), none),
        make_type::<Count>(vm, &def!("itertools.count", "Return a count object whose .__next__() method returns consecutive values.\n\nEquivalent to:\n    def count(firstval=0, step=1):\n        x = firstval\n        while 1:\n            yield x\n            x += step", COUNT_METHODS, true, count_new, count_next), |s| s.repr.set(Some(count_repr))),
        make_type::<Cycle>(vm, &def!("itertools.cycle", "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.", CYCLE_METHODS, true, cycle_new, cycle_next), none),
        make_type::<Pair>(vm, &def!("itertools.dropwhile", "Drop items from the iterable while predicate(item) is true.\n\nAfterwards, return every element until the iterable is exhausted.", FLAG_METHODS, true, dropwhile_new, dropwhile_next), none),
        make_type::<Pair>(vm, &def!("itertools.filterfalse", "Return those items of iterable for which function(item) is false.\n\nIf function is None, return the items that are false.", FUNC_FIRST_METHODS, true, filterfalse_new, filterfalse_next), none),
        make_type::<GroupBy>(vm, &def!("itertools.groupby", "make an iterator that returns consecutive keys and groups from the iterable\n\n  iterable\n    Elements to divide into groups according to the key function.\n  key\n    A function for computing the group category for each element.\n    If the key function is not specified or is None, the element itself\n    is used for grouping.", GROUPBY_METHODS, true, groupby_new, groupby_next), none),
        make_type::<Grouper>(vm, &def!("itertools._grouper", "", GROUPER_METHODS, false, grouper_new, grouper_next), none),
        make_type::<ISlice>(vm, &def!("itertools.islice", "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object\n\nReturn an iterator whose next() method returns selected values from an\niterable.  If start is specified, will skip all preceding elements;\notherwise, start defaults to zero.  Step defaults to one.  If\nspecified as another value, step determines how many values are\nskipped between successive calls.  Works like a slice() on a list\nbut returns an iterator.", ISLICE_METHODS, true, islice_new, islice_next), none),
        make_type::<Pairwise>(vm, &def!("itertools.pairwise", "Return an iterator of overlapping pairs taken from the input iterator.\n\n    s -> (s0,s1), (s1,s2), (s2, s3), ...", &[], true, pairwise_new, pairwise_next), none),
        make_type::<Combinatoric>(vm, &def!("itertools.permutations", "Return successive r-length permutations of elements in the iterable.\n\npermutations(range(3), 2) --> (0,1), (0,2), (1,0), (1,2), (2,0), (2,1)", PERMUTATIONS_METHODS, true, permutations_new, permutations_next), none),
        make_type::<Combinatoric>(vm, &def!("itertools.product", "product(*iterables, repeat=1) --> product object\n\nCartesian product of input iterables.  Equivalent to nested for-loops.\n\nFor example, product(A, B) returns the same as:  ((x,y) for x in A for y in B).\nThe leftmost iterators are in the outermost for-loop, so the output tuples\ncycle in a manner similar to an odometer (with the rightmost element changing\non every iteration).\n\nTo compute the product of an iterable with itself, specify the number\nof repetitions with the optional repeat keyword argument. For example,\nproduct(A, repeat=4) means the same as product(A, A, A, A).\n\nproduct('ab', range(3)) --> ('a',0) ('a',1) ('a',2) ('b',0) ('b',1) ('b',2)\nproduct((0,1), (0,1), (0,1)) --> (0,0,0) (0,0,1) (0,1,0) (0,1,1) (1,0,0) ...", PRODUCT_METHODS, true, product_new, product_next), none),
        make_type::<Repeat>(vm, &def!("itertools.repeat", "repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly.", REPEAT_METHODS, true, repeat_new, repeat_next), |s| s.repr.set(Some(repeat_repr))),
        make_type::<Pair>(vm, &def!("itertools.starmap", "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.", FUNC_FIRST_METHODS, true, starmap_new, starmap_next), none),
        make_type::<Pair>(vm, &def!("itertools.takewhile", "Return successive entries from an iterable as long as the predicate evaluates to true for each entry.", FLAG_METHODS, true, takewhile_new, takewhile_next), none),
        make_type::<Tee>(vm, &TypeDef { name: "itertools._tee", doc: "Iterator wrapped to make it copyable.", methods: TEE_METHODS, basetype: false, weakref: true, new: tee_new, next: Some(tee_next) }, none),
        make_type::<ZipLongest>(vm, &def!("itertools.zip_longest", "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object\n\nReturn a zip_longest object whose .__next__() method returns a tuple where\nthe i-th element comes from the i-th iterable argument.  The .__next__()\nmethod continues until the longest iterable in the argument sequence\nis exhausted and then it raises StopIteration.  When the shorter iterables\nare exhausted, the fillvalue is substituted in their place.  The fillvalue\ndefaults to None or can be specified by a keyword argument.", ZIP_LONGEST_METHODS, true, zip_longest_new, zip_longest_next), none),
    ];
    for ty in &types {
        let name = ty.payload::<taipan_vm::api::types::TypeObject>().map(|t| t.name().to_string()).unwrap_or_default();
        let short = name.rsplit('.').next().unwrap_or("").to_string();
        dict::set_item_str(vm, &d, &short, ty.clone())?;
    }
    let teedata = make_type::<TeeData>(
        vm,
        &TypeDef {
            name: "itertools._tee_dataobject",
            doc: "teedataobject(iterable, values, next, /)\n--\n\nData container common to multiple tee objects.",
            methods: TEEDATA_METHODS,
            basetype: false,
            weakref: false,
            new: teedata_new,
            next: None,
        },
        none,
    );
    dict::set_item_str(vm, &d, "_tee_dataobject", teedata)?;
    Ok(m)
}
