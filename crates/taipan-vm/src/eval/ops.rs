//! The eval loop's out-of-line helpers: the less common instructions and
//! the error paths, kept out of the dispatch loop.

use taipan_compiler::code::{flags as co_flags, local_kind};

use super::frame::Frame;
use super::specialized::{exact_float, exact_int_word};
use crate::object::typeobj::{flags, CompareOp, NbOp};
use crate::object::Obj;
use crate::objects::code::CodeData;
use crate::objects::{cell, dict, exceptions, generator, int, list, str as pystr, tuple, type_};
use crate::vm::{PyErr, PyResult, Vm};

/// UnboundLocalError for a fast local read before assignment.
#[cold]
pub(super) fn unbound_local(vm: &Vm, code: &CodeData, i: usize) -> PyErr {
    let name = &code.localsplusnames[i];
    let e = vm.new_exception_msg(
        &vm.ctx.exceptions.unbound_local_error,
        &format!(
            "cannot access local variable '{}' where it is not associated with a value",
            pystr::as_str_lossy(name)
        ),
    );
    exceptions::set_extra(&e.0, "name", name.clone());
    e
}

/// The error for reading an empty cell.
#[cold]
pub(super) fn unbound_deref(vm: &Vm, code: &CodeData, i: usize) -> PyErr {
    let kind = code.localspluskinds[i];
    let name = &code.localsplusnames[i];
    if kind & local_kind::FREE == 0 {
        return unbound_local(vm, code, i);
    }
    let e = vm.new_exception_msg(
        &vm.ctx.exceptions.name_error,
        &format!(
            "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
            pystr::as_str_lossy(name)
        ),
    );
    exceptions::set_extra(&e.0, "name", name.clone());
    e
}

/// `BINARY_OP`: the fast paths for small ints and floats, then the protocol.
#[inline]
pub(super) fn binary_op(vm: &Vm, a: &Obj, b: &Obj, oparg: u32) -> PyResult<Obj> {
    let t = &vm.ctx.types;
    let (op, inplace) = if oparg >= 13 { (oparg - 13, true) } else { (oparg, false) };
    let nb = NbOp::from_index(op as usize).expect("BINARY_OP argument");
    if a.type_is(&t.int) && b.type_is(&t.int) {
        // `%`, `//`, shifts and bit operations have no specialized form:
        // machine words take this path instead of the slot dispatch.
        // The types are checked: the words are read without a payload check.
        if let (Some(x), Some(y)) = (exact_int_word(a), exact_int_word(b)) {
            if let Some(r) = int::word_binop(nb, x, y) {
                return Ok(vm.new_int(r));
            }
            if let Some(r) = word_true_divide(nb, x, y) {
                return Ok(vm.new_float(r));
            }
        }
    } else if let Some((x, y)) = float_operands(vm, a, b) {
        let r = match nb {
            NbOp::Add => Some(x + y),
            NbOp::Subtract => Some(x - y),
            NbOp::Multiply => Some(x * y),
            NbOp::TrueDivide if y != 0.0 => Some(x / y),
            // `float ** x` has no specialized form: CPython's `float_pow`
            // on the two doubles, without the slot dispatch.
            NbOp::Power => return crate::objects::float::pow_doubles(vm, x, y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(vm.new_float(r));
        }
    }
    if inplace {
        vm.inplace_op(a, b, nb)
    } else {
        vm.binary_op(a, b, nb)
    }
}

/// `x / y` for two machine words that a double holds exactly (CPython's
/// `long_true_divide` fast path: one correctly rounded division).
#[inline]
fn word_true_divide(nb: NbOp, x: i64, y: i64) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    let exact = x.unsigned_abs() < EXACT && y.unsigned_abs() < EXACT;
    (matches!(nb, NbOp::TrueDivide) && y != 0 && exact).then(|| x as f64 / y as f64)
}

/// Two operands of float arithmetic: an exact float and an exact float or
/// machine-word int (converted as `float`'s slots convert ints: rounded to
/// nearest, which every word survives without overflow). None otherwise.
#[inline]
fn float_operands(vm: &Vm, a: &Obj, b: &Obj) -> Option<(f64, f64)> {
    let t = &vm.ctx.types;
    let as_double = |o: &Obj| {
        if o.type_is(&t.float) {
            Some(exact_float(o))
        } else if o.type_is(&t.int) {
            exact_int_word(o).map(|v| v as f64)
        } else {
            None
        }
    };
    if !a.type_is(&t.float) && !b.type_is(&t.float) {
        return None;
    }
    Some((as_double(a)?, as_double(b)?))
}

/// `COMPARE_OP`: fast paths for ints, floats and strs, then the protocol.
#[inline]
pub(super) fn compare_op(vm: &Vm, a: &Obj, b: &Obj, oparg: u32) -> PyResult<Obj> {
    let op = CompareOp::from_u32(oparg).expect("COMPARE_OP argument");
    let t = &vm.ctx.types;
    if a.type_is(&t.int) && b.type_is(&t.int) {
        if let (Some(x), Some(y)) = (exact_int_word(a), exact_int_word(b)) {
            return Ok(vm.bool_obj(int::ordering_matches(x.cmp(&y), op)));
        }
    } else if a.type_is(&t.float) && b.type_is(&t.float) {
        let (x, y) = (exact_float(a), exact_float(b));
        let r = match op {
            CompareOp::Lt => x < y,
            CompareOp::Le => x <= y,
            CompareOp::Eq => x == y,
            CompareOp::Ne => x != y,
            CompareOp::Gt => x > y,
            CompareOp::Ge => x >= y,
        };
        return Ok(vm.bool_obj(r));
    } else if a.type_is(&t.str) && b.type_is(&t.str) {
        return Ok(vm.bool_obj(match op {
            CompareOp::Eq => pystr::str_eq(a, b),
            CompareOp::Ne => !pystr::str_eq(a, b),
            // Exact strs order by code points (`"a" <= ch <= "z"`).
            _ => int::ordering_matches(pystr::str_cmp(a, b), op),
        }));
    }
    vm.rich_compare(a, b, op)
}

/// `LOAD_GLOBAL`: globals, then builtins.
#[inline]
pub(super) fn load_global(vm: &Vm, frame: &Frame, name: &Obj) -> PyResult<Obj> {
    if !frame.globals.type_is(&vm.ctx.types.dict) {
        // A dict subclass: `[]`, so `__missing__` applies (CPython's slow path).
        match vm.getitem(&frame.globals, name) {
            Ok(v) => return Ok(v),
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {}
            Err(e) => return Err(e),
        }
        return load_builtin(vm, frame, name);
    }
    if let Some(v) = dict::get_str_item(vm, &frame.globals, name) {
        return Ok(v);
    }
    load_builtin(vm, frame, name)
}

/// `LOAD_GLOBAL` through the code object's cache: valid while neither the
/// globals nor the builtins dict changed (their versions are unique).
#[inline]
pub(super) fn load_global_cached(vm: &Vm, frame: &Frame, code: &CodeData, index: usize, name: &Obj) -> PyResult<Obj> {
    let exact = frame.globals.type_is(&vm.ctx.types.dict) && frame.builtins.type_is(&vm.ctx.types.dict);
    let (Some(g), Some(b), true) = (dict::data(&frame.globals), dict::data(&frame.builtins), exact) else {
        return load_global(vm, frame, name);
    };
    let entry = &code.global_cache[index];
    let (gv, bv) = (g.version(), b.version());
    if entry.globals_version.get() == gv && entry.builtins_version.get() == bv {
        let d = if entry.in_builtins.get() { b } else { g };
        if let Some(v) = d.value_at(entry.index.get()) {
            return Ok(v);
        }
    }
    let found = match g.index_of_str(vm, name) {
        Some(i) => Some((i, false)),
        None if g.get_str(vm, name).is_none() => b.index_of_str(vm, name).map(|i| (i, true)),
        None => None,
    };
    if let Some((i, in_builtins)) = found {
        entry.globals_version.set(gv);
        entry.builtins_version.set(bv);
        entry.index.set(i);
        entry.in_builtins.set(in_builtins);
    }
    load_global(vm, frame, name)
}

fn load_builtin(vm: &Vm, frame: &Frame, name: &Obj) -> PyResult<Obj> {
    if frame.builtins.type_is(&vm.ctx.types.dict) {
        return match dict::get_str_item(vm, &frame.builtins, name) {
            Some(v) => Ok(v),
            None => Err(vm.name_error(name)),
        };
    }
    match vm.getitem(&frame.builtins, name) {
        Ok(v) => Ok(v),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => Err(vm.name_error(name)),
        Err(e) => Err(e),
    }
}

/// `builtins[name]` for the interpreter's own lookups (`__import__`,
/// `__build_class__`); None when missing. A non-dict builtins object is
/// indexed, so its errors show.
pub(super) fn builtin_item(vm: &Vm, frame: &Frame, name: &str) -> PyResult<Option<Obj>> {
    if frame.builtins.type_is(&vm.ctx.types.dict) {
        return Ok(dict::get_item_str(vm, &frame.builtins, name));
    }
    match vm.getitem(&frame.builtins, &vm.intern(name)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `LOAD_NAME`: locals, globals, builtins.
pub(super) fn load_name(vm: &Vm, frame: &Frame, name: &Obj) -> PyResult<Obj> {
    let Some(locals) = &frame.locals else {
        return Err(vm.system_error(format!("no locals when loading {}", vm.repr_string(name)?)));
    };
    if locals.type_is(&vm.ctx.types.dict) {
        if let Some(v) = dict::get_item_opt(vm, locals, name)? {
            return Ok(v);
        }
    } else {
        match vm.getitem(locals, name) {
            Ok(v) => return Ok(v),
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {}
            Err(e) => return Err(e),
        }
    }
    if let Some(v) = dict::get_item_opt(vm, &frame.globals, name)? {
        return Ok(v);
    }
    load_builtin(vm, frame, name)
}

/// `LOAD_CLASSDEREF`: the class namespace first, then the cell.
pub(super) fn load_classderef(vm: &Vm, frame: &Frame, code: &CodeData, i: usize) -> PyResult<Obj> {
    let name = &code.localsplusnames[i];
    if let Some(locals) = &frame.locals {
        if locals.type_is(&vm.ctx.types.dict) {
            if let Some(v) = dict::get_item_opt(vm, locals, name)? {
                return Ok(v);
            }
        } else {
            match vm.getitem(locals, name) {
                Ok(v) => return Ok(v),
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let c = cell_at(vm, frame, i)?;
    match cell::data(&c).value.get() {
        Some(v) => Ok(v),
        None => Err(unbound_deref(vm, code, i)),
    }
}

/// `LIST_EXTEND` (`[*a, *b]`, calls with `*args`).
pub(super) fn list_extend(vm: &Vm, l: &Obj, iterable: &Obj) -> PyResult<()> {
    match crate::objects::list::extend_from(vm, l, iterable) {
        Ok(()) => Ok(()),
        Err(e) => {
            if vm.err_matches(&e, &vm.ctx.exceptions.type_error)
                && iterable.class().slots.iter.get().is_none()
                && iterable.class().slots.mp_subscript.get().is_none()
            {
                return Err(
                    vm.type_error(format!("Value after * must be an iterable, not {}", iterable.class().name()))
                );
            }
            Err(e)
        }
    }
}

/// `DICT_UPDATE` (`{**a}`).
pub(super) fn dict_update(vm: &Vm, d: &Obj, update: &Obj) -> PyResult<()> {
    if dict::data(update).is_none() && vm.getattr_str_opt(update, "keys")?.is_none() {
        return Err(vm.type_error(format!("'{}' object is not a mapping", update.class().name())));
    }
    dict::update_from(vm, d, update)
}

/// CPython's `_PyObject_FunctionStr`: `module.qualname()` for messages.
pub(super) fn function_str(vm: &Vm, f: &Obj) -> String {
    let qualname = match vm.getattr_str_opt(f, "__qualname__") {
        Ok(Some(q)) if pystr::data(&q).is_some() => pystr::as_str_lossy(&q).into_owned(),
        _ => return vm.str_string(f).unwrap_or_default(),
    };
    match vm.getattr_str_opt(f, "__module__") {
        Ok(Some(m)) if pystr::data(&m).is_some() && pystr::as_str(&m) != Some("builtins") => {
            format!("{}.{}()", pystr::as_str_lossy(&m), qualname)
        }
        _ => format!("{qualname}()"),
    }
}

/// `DICT_MERGE` (`f(**a)`): no duplicate keys, CPython's messages.
pub(super) fn dict_merge(vm: &Vm, func: &Obj, d: &Obj, update: &Obj) -> PyResult<()> {
    let is_mapping = dict::data(update).is_some() || vm.getattr_str_opt(update, "keys")?.is_some();
    if !is_mapping {
        return Err(vm.type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            function_str(vm, func),
            update.class().name()
        )));
    }
    let keys: Vec<Obj> = if dict::data(update).is_some() && update.type_is(&vm.ctx.types.dict) {
        dict::keys(update)
    } else {
        let k = vm.call_method(update, "keys", &[])?;
        vm.to_vec(&k)?
    };
    // Keys that are not strs are refused by the call itself, after the
    // duplicates are looked for (as CPython's _PyDict_MergeEx then call).
    for k in keys {
        if dict::get_item_opt(vm, d, &k)?.is_some() {
            let e = vm.type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                function_str(vm, func),
                vm.str_string(&k)?
            ));
            return Err(e);
        }
        let v = vm.getitem(update, &k)?;
        dict::set_item(vm, d, k, v)?;
    }
    Ok(())
}

/// `CALL_FUNCTION_EX`: `f(*args, **kwargs)`.
pub(super) fn call_function_ex(vm: &Vm, func: &Obj, callargs: &Obj, kwargs: Option<&Obj>) -> PyResult<Obj> {
    // `f(*t)` with a tuple passes the tuple's items where they are (the
    // caller keeps `callargs` alive for the call).
    if kwargs.is_none() && callargs.type_is(&vm.ctx.types.tuple) {
        return vm.call(func, tuple::items(callargs), None);
    }
    let args = if callargs.type_is(&vm.ctx.types.tuple) {
        tuple::items(callargs).to_vec()
    } else {
        if callargs.class().slots.iter.get().is_none() && callargs.class().slots.mp_subscript.get().is_none() {
            return Err(vm.type_error(format!(
                "{} argument after * must be an iterable, not {}",
                function_str(vm, func),
                callargs.class().name()
            )));
        }
        vm.to_vec(callargs)?
    };
    match kwargs {
        Some(kw) if dict::data(kw).is_some() => vm.call_with_dict(func, args, Some(kw)),
        Some(kw) => {
            let d = vm.new_dict();
            dict_merge(vm, func, &d, kw)?;
            vm.call_with_dict(func, args, Some(&d))
        }
        None => vm.call(func, &args, None),
    }
}

/// `UNPACK_SEQUENCE n`.
pub(super) fn unpack_sequence(vm: &Vm, seq: &Obj, n: usize) -> PyResult<Vec<Obj>> {
    if let Some(t) = seq.payload::<tuple::TupleData>() {
        let items = t.items();
        if items.len() == n {
            return Ok(items.to_vec());
        }
    }
    if let Some(l) = list::data(seq) {
        if l.len() == n {
            return Ok(l.to_vec());
        }
    }
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) => {
            if vm.err_matches(&e, &vm.ctx.exceptions.type_error)
                && seq.class().slots.iter.get().is_none()
                && seq.class().slots.mp_subscript.get().is_none()
            {
                return Err(vm.type_error(format!("cannot unpack non-iterable {} object", seq.class().name())));
            }
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        match vm.next(&it)? {
            Some(x) => out.push(x),
            None => return Err(vm.value_error(format!("not enough values to unpack (expected {n}, got {i})"))),
        }
    }
    if vm.next(&it)?.is_some() {
        return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
    }
    Ok(out)
}

/// `UNPACK_EX`: `a, *b, c = seq`.
pub(super) fn unpack_ex(vm: &Vm, seq: &Obj, before: usize, after: usize) -> PyResult<Vec<Obj>> {
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) => {
            if vm.err_matches(&e, &vm.ctx.exceptions.type_error)
                && seq.class().slots.iter.get().is_none()
                && seq.class().slots.mp_subscript.get().is_none()
            {
                return Err(vm.type_error(format!("cannot unpack non-iterable {} object", seq.class().name())));
            }
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(before + after + 1);
    for i in 0..before {
        match vm.next(&it)? {
            Some(x) => out.push(x),
            None => {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {i})",
                    before + after
                )))
            }
        }
    }
    let mut rest = Vec::new();
    while let Some(x) = vm.next(&it)? {
        rest.push(x);
    }
    if rest.len() < after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            before + rest.len()
        )));
    }
    let tail = rest.split_off(rest.len() - after);
    out.push(vm.new_list(rest));
    out.extend(tail);
    Ok(out)
}

/// `GET_YIELD_FROM_ITER`.
pub(super) fn get_yield_from_iter(vm: &Vm, code: &CodeData, v: Obj) -> PyResult<Obj> {
    if generator::is_coroutine(vm, &v) {
        if code.co.flags & (co_flags::COROUTINE | co_flags::ITERABLE_COROUTINE) == 0 {
            return Err(vm.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"));
        }
        return Ok(v);
    }
    if generator::is_generator(vm, &v) {
        return Ok(v);
    }
    vm.iter(&v)
}

/// `BEFORE_WITH` / `BEFORE_ASYNC_WITH`: (bound `__exit__`, result of `__enter__`).
pub(super) fn before_with(vm: &Vm, mgr: &Obj, is_async: bool) -> PyResult<(Obj, Obj)> {
    let (enter_name, exit_name, what) = if is_async {
        ("__aenter__", "__aexit__", "asynchronous context manager")
    } else {
        ("__enter__", "__exit__", "context manager")
    };
    let ty = mgr.class();
    let Some(enter) = type_::lookup_str(vm, ty, enter_name) else {
        return Err(vm.type_error(format!("'{}' object does not support the {} protocol", ty.name(), what)));
    };
    let Some(exit) = type_::lookup_str(vm, ty, exit_name) else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the {} protocol (missed {} method)",
            ty.name(),
            what,
            exit_name
        )));
    };
    let bind = |d: &Obj| -> PyResult<Obj> {
        match d.class().slots.descr_get.get() {
            Some(get) => get(vm, d, Some(mgr), Some(&mgr.class_obj())),
            None => Ok(d.clone()),
        }
    };
    let exit = bind(&exit)?;
    let enter = bind(&enter)?;
    let res = vm.call0(&enter)?;
    Ok((exit, res))
}

fn is_exception_class(vm: &Vm, o: &Obj) -> bool {
    vm.is_type(o) && vm.is_subtype(o, &vm.ctx.exceptions.base_exception)
}

/// `except X:` accepts exception classes and tuples of them.
pub(super) fn check_except_type_valid(vm: &Vm, right: &Obj) -> PyResult<()> {
    let ok = |o: &Obj| is_exception_class(vm, o);
    let valid = if let Some(t) = right.payload::<tuple::TupleData>() { t.items().iter().all(ok) } else { ok(right) };
    if !valid {
        return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"));
    }
    Ok(())
}

/// `except* X:` also rejects exception groups.
pub(super) fn check_except_star_type_valid(vm: &Vm, right: &Obj) -> PyResult<()> {
    check_except_type_valid(vm, right)?;
    let is_eg = |o: &Obj| vm.is_subtype(o, &vm.ctx.exceptions.base_exception_group);
    let bad =
        if let Some(t) = right.payload::<tuple::TupleData>() { t.items().iter().any(is_eg) } else { is_eg(right) };
    if bad {
        return Err(vm.type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// `RAISE_VARARGS`: the error to raise, and whether it is a bare re-raise
/// (which adds no traceback entry).
pub(super) fn do_raise(vm: &Vm, exc: Option<Obj>, cause: Option<Obj>) -> (PyErr, bool) {
    let Some(exc) = exc else {
        return match vm.thread.handled_exception() {
            Some(v) => (PyErr(v), true),
            None => (vm.runtime_error("No active exception to reraise"), false),
        };
    };
    match raise_value(vm, exc, cause) {
        Ok(v) => {
            vm.chain_context(&v);
            (PyErr(v), false)
        }
        Err(e) => (e, false),
    }
}

fn raise_value(vm: &Vm, exc: Obj, cause: Option<Obj>) -> PyResult<Obj> {
    let value = if is_exception_class(vm, &exc) {
        let v = vm.call0(&exc)?;
        if !vm.isinstance_type(&v, &vm.ctx.exceptions.base_exception) {
            return Err(vm.type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                vm.repr_string(&exc)?,
                vm.repr_string(&v.class_obj())?
            )));
        }
        v
    } else if vm.isinstance_type(&exc, &vm.ctx.exceptions.base_exception) {
        exc
    } else {
        return Err(vm.type_error("exceptions must derive from BaseException"));
    };
    if let Some(cause) = cause {
        let fixed = if is_exception_class(vm, &cause) {
            Some(vm.call0(&cause)?)
        } else if vm.isinstance_type(&cause, &vm.ctx.exceptions.base_exception) {
            Some(cause)
        } else if vm.is_none(&cause) {
            None
        } else {
            return Err(vm.type_error("exception causes must derive from BaseException"));
        };
        exceptions::set_cause(&value, fixed);
    }
    Ok(value)
}

/// `SETUP_ANNOTATIONS`.
pub(super) fn setup_annotations(vm: &Vm, frame: &Frame) -> PyResult<()> {
    let Some(locals) = &frame.locals else {
        return Err(vm.system_error("no locals found when setting up annotations"));
    };
    let key = vm.intern("__annotations__");
    if locals.type_is(&vm.ctx.types.dict) {
        if dict::get_item_opt(vm, locals, &key)?.is_none() {
            dict::set_item(vm, locals, key, vm.new_dict())?;
        }
        return Ok(());
    }
    match vm.getitem(locals, &key) {
        Ok(_) => Ok(()),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => vm.setitem(locals, &key, &vm.new_dict()),
        Err(e) => Err(e),
    }
}

/// `IMPORT_NAME`: call `__import__` as CPython does.
pub(super) fn import_name(vm: &Vm, frame: &Frame, name: &Obj, fromlist: &Obj, level: &Obj) -> PyResult<Obj> {
    let import = match builtin_item(vm, frame, "__import__")? {
        Some(f) => f,
        None => return Err(vm.new_exception_msg(&vm.ctx.exceptions.import_error, "__import__ not found")),
    };
    let locals = frame.locals.clone().unwrap_or_else(|| vm.none());
    if crate::import::is_builtin_import(vm, &import) {
        return crate::import::import_module_level(vm, name, &frame.globals, fromlist, level);
    }
    vm.call(&import, &[name.clone(), frame.globals.clone(), locals, fromlist.clone(), level.clone()], None)
}

/// `IMPORT_FROM`.
pub(super) fn import_from(vm: &Vm, module: &Obj, name: &Obj) -> PyResult<Obj> {
    crate::import::import_from(vm, module, name)
}

/// `IMPORT_STAR`.
pub(super) fn import_star(vm: &Vm, frame: &Frame, module: &Obj) -> PyResult<()> {
    let Some(locals) = &frame.locals else {
        return Err(vm.system_error("no locals found during 'import *'"));
    };
    let (names, skip_private) = match vm.getattr_str_opt(module, "__all__")? {
        Some(all) => (vm.to_vec(&all)?, false),
        None => {
            let Some(d) = vm.getattr_str_opt(module, "__dict__")? else {
                return Err(vm.new_exception_msg(
                    &vm.ctx.exceptions.import_error,
                    "from-import-* object has no __dict__ and no __all__",
                ));
            };
            let keys = vm.call_method(&d, "keys", &[])?;
            (vm.to_vec(&keys)?, true)
        }
    };
    for n in names {
        if pystr::data(&n).is_none() {
            let modname = vm.getattr_str(module, "__name__")?;
            let Some(modname) = pystr::as_str(&modname) else {
                return Err(vm.type_error(format!("module __name__ must be a string, not {}", modname.class().name())));
            };
            let (what, container) = if skip_private { ("Key", "__dict__") } else { ("Item", "__all__") };
            return Err(vm.type_error(format!("{what} in {modname}.{container} must be str, not {}", n.class().name())));
        }
        if skip_private && pystr::as_str_lossy(&n).starts_with('_') {
            continue;
        }
        let v = vm.getattr(module, &n)?;
        vm.setitem(locals, &n, &v)?;
    }
    Ok(())
}

/// `PRINT_EXPR`: `sys.displayhook(value)` (the interactive prompt).
pub(super) fn print_expr(vm: &Vm, v: &Obj) -> PyResult<()> {
    let Some(hook) = vm.getattr_str_opt(&vm.sys_module(), "displayhook")? else {
        return Err(vm.runtime_error("lost sys.displayhook"));
    };
    vm.call(&hook, std::slice::from_ref(v), None)?;
    Ok(())
}

/// `FORMAT_VALUE`: the conversion (`!s`, `!r`, `!a`), then `format()`.
pub(super) fn format_value(vm: &Vm, v: Obj, conversion: u32, spec: Option<Obj>) -> PyResult<Obj> {
    let v = match conversion {
        1 => vm.str(&v)?,
        2 => vm.repr(&v)?,
        3 => vm.ascii(&v)?,
        _ => v,
    };
    if spec.is_none() && v.type_is(&vm.ctx.types.str) {
        return Ok(v);
    }
    let spec = spec.unwrap_or_else(|| vm.ctx.empty_str.clone());
    vm.format(&v, &spec)
}

/// `MATCH_KEYS`: the values for `keys` in the mapping `subject`, or None.
pub(super) fn match_keys(vm: &Vm, subject: &Obj, keys: &Obj) -> PyResult<Obj> {
    let keys = tuple::items(keys);
    if keys.is_empty() {
        return Ok(vm.ctx.empty_tuple.clone());
    }
    let get = vm.getattr_str(subject, "get")?;
    let seen = vm.new_set();
    let dummy = vm.call0(&vm.ctx.types.object.clone())?;
    let mut values = Vec::with_capacity(keys.len());
    for k in keys {
        if vm.contains(&seen, k)? {
            return Err(vm.value_error(format!("mapping pattern checks duplicate key ({})", vm.repr_string(k)?)));
        }
        crate::objects::set::add(vm, &seen, k.clone())?;
        let v = vm.call(&get, &[k.clone(), dummy.clone()], None)?;
        if v.is(&dummy) {
            return Ok(vm.none());
        }
        values.push(v);
    }
    Ok(vm.new_tuple(values))
}

/// `MATCH_CLASS`: the attributes a class pattern extracts, or None when
/// the subject does not match.
pub(super) fn match_class(vm: &Vm, subject: &Obj, ty: &Obj, nargs: usize, kwnames: &Obj) -> PyResult<Option<Obj>> {
    if !vm.is_type(ty) {
        return Err(vm.type_error("called match pattern must be a type"));
    }
    if !vm.isinstance(subject, ty)? {
        return Ok(None);
    }
    let tname = ty.payload::<crate::object::TypeObject>().expect("type").name().to_string();
    let mut seen: Vec<Obj> = Vec::new();
    let mut attrs = Vec::new();
    let get_attr = |name: &Obj, seen: &mut Vec<Obj>| -> PyResult<Option<Obj>> {
        for s in seen.iter() {
            if vm.eq(s, name)? {
                return Err(vm.type_error(format!(
                    "{}() got multiple sub-patterns for attribute {}",
                    tname,
                    vm.repr_string(name)?
                )));
            }
        }
        seen.push(name.clone());
        vm.getattr_opt(subject, name)
    };
    if nargs > 0 {
        let mut match_self = false;
        let match_args = match vm.getattr_str_opt(ty, "__match_args__")? {
            Some(m) => {
                if !m.type_is(&vm.ctx.types.tuple) {
                    return Err(vm.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        tname,
                        m.class().name()
                    )));
                }
                m
            }
            None => {
                match_self = ty.payload::<crate::object::TypeObject>().expect("type").has_flag(flags::MATCH_SELF);
                vm.ctx.empty_tuple.clone()
            }
        };
        let allowed = if match_self { 1 } else { tuple::len(&match_args) };
        if allowed < nargs {
            return Err(vm.type_error(format!(
                "{}() accepts {} positional sub-pattern{} ({} given)",
                tname,
                allowed,
                if allowed == 1 { "" } else { "s" },
                nargs
            )));
        }
        if match_self {
            attrs.push(subject.clone());
        } else {
            for name in tuple::items(&match_args)[..nargs].iter() {
                if !name.type_is(&vm.ctx.types.str) {
                    return Err(
                        vm.type_error(format!("__match_args__ elements must be strings (got {})", name.class().name()))
                    );
                }
                match get_attr(name, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in tuple::items(kwnames).iter() {
        match get_attr(name, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(vm.new_tuple(attrs)))
}

/// The cell in local slot `i` (made by MAKE_CELL or COPY_FREE_VARS); code
/// that reads a cell slot before it holds one gets a SystemError.
pub(super) fn cell_at(vm: &Vm, frame: &Frame, i: usize) -> PyResult<Obj> {
    match &frame.slots[i] {
        Some(c) if c.has_payload::<cell::CellData>() => Ok(c.clone()),
        _ => Err(missing_cell(vm)),
    }
}

/// The cell in local slot `i`, borrowed (LOAD_DEREF and STORE_DEREF only
/// read or replace its value: no reference count changes for the cell).
#[inline(always)]
pub(super) fn cell_in(frame: &Frame, i: usize) -> Option<&cell::CellData> {
    frame.slots[i].as_ref().and_then(|c| c.payload::<cell::CellData>())
}

#[cold]
pub(super) fn missing_cell(vm: &Vm) -> PyErr {
    vm.system_error("a free or cell variable is used before its cell is made")
}

/// The container `t` a comprehension or display instruction adds to (`oparg`
/// entries down the stack): it must be exactly what the compiler puts there.
pub(super) fn build_target(vm: &Vm, t: &Obj, ty: &Obj) -> PyResult<Obj> {
    if !t.type_is(ty) {
        return Err(vm.system_error("bad container for a build instruction"));
    }
    Ok(t.clone())
}

/// An exception taken from the stack to be re-raised: an exception instance
/// (only hand-made bytecode puts anything else there).
pub(super) fn exception_value(vm: &Vm, v: Obj) -> PyResult<Obj> {
    if vm.isinstance_type(&v, &vm.ctx.exceptions.base_exception) {
        Ok(v)
    } else {
        Err(vm.system_error("exception expected on the stack"))
    }
}
