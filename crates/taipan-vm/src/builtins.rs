//! The `builtins` module (CPython's `Python/bltinmodule.c`): the builtin
//! functions, types, constants and exceptions.

use crate::ast_objects::AstMode;
use crate::object::typeobj::CompareOp;
use crate::object::Obj;
use crate::objects::descriptor::MethodDef;
use crate::objects::{dict, module, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

/// Create the `builtins` module.
pub(crate) fn init(vm: &Vm) {
    let m = module::new_module(vm, "builtins");
    let d = module::module_dict(&m);
    crate::modules::add_functions(vm, &m, "builtins", FUNCTIONS);
    let t = &vm.ctx.types;
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v).expect("builtins dict");
    for (name, ty) in [
        ("bool", &t.bool_),
        ("bytearray", &t.bytearray),
        ("bytes", &t.bytes),
        ("classmethod", &t.classmethod),
        ("complex", &t.complex),
        ("dict", &t.dict),
        ("enumerate", &t.enumerate),
        ("filter", &t.filter),
        ("float", &t.float),
        ("frozenset", &t.frozenset),
        ("int", &t.int),
        ("list", &t.list),
        ("map", &t.map),
        ("memoryview", &t.memoryview),
        ("object", &t.object),
        ("property", &t.property),
        ("range", &t.range),
        ("reversed", &t.reversed),
        ("set", &t.set),
        ("slice", &t.slice),
        ("staticmethod", &t.staticmethod),
        ("str", &t.str),
        ("super", &t.super_),
        ("tuple", &t.tuple),
        ("type", &t.type_),
        ("zip", &t.zip),
    ] {
        set(name, ty.clone());
    }
    set("None", vm.none());
    set("Ellipsis", vm.ctx.ellipsis.clone());
    set("NotImplemented", vm.not_implemented());
    set("False", vm.bool_obj(false));
    set("True", vm.bool_obj(true));
    set("__debug__", vm.bool_obj(vm.config.borrow().optimize == 0));
    for name in crate::objects::exceptions::names() {
        set(name, vm.ctx.exceptions.by_name[name].clone());
    }
    set("IOError", vm.ctx.exceptions.os_error.clone());
    set("EnvironmentError", vm.ctx.exceptions.os_error.clone());
    *vm.builtins.borrow_mut() = Some(m);
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("__build_class__", builtin_build_class),
    MethodDef::static_("__import__", builtin_import),
    MethodDef::static_("abs", builtin_abs),
    MethodDef::static_("aiter", builtin_aiter),
    MethodDef::static_("all", builtin_all),
    MethodDef::static_("anext", builtin_anext),
    MethodDef::static_("any", builtin_any),
    MethodDef::static_("ascii", builtin_ascii),
    MethodDef::static_("bin", builtin_bin),
    MethodDef::static_("breakpoint", builtin_breakpoint),
    MethodDef::static_("callable", builtin_callable),
    MethodDef::static_("chr", builtin_chr),
    MethodDef::static_("compile", builtin_compile),
    MethodDef::static_("delattr", builtin_delattr),
    MethodDef::static_("dir", builtin_dir),
    MethodDef::static_("divmod", builtin_divmod),
    MethodDef::static_("eval", builtin_eval),
    MethodDef::static_("exec", builtin_exec),
    MethodDef::static_("format", builtin_format),
    MethodDef::static_("getattr", builtin_getattr),
    MethodDef::static_("globals", builtin_globals),
    MethodDef::static_("hasattr", builtin_hasattr),
    MethodDef::static_("hash", builtin_hash),
    MethodDef::static_("hex", builtin_hex),
    MethodDef::static_("id", builtin_id),
    MethodDef::static_("input", builtin_input),
    MethodDef::static_("isinstance", builtin_isinstance),
    MethodDef::static_("issubclass", builtin_issubclass),
    MethodDef::static_("iter", builtin_iter),
    MethodDef::static_("len", builtin_len),
    MethodDef::static_("locals", builtin_locals),
    MethodDef::static_("max", builtin_max),
    MethodDef::static_("min", builtin_min),
    MethodDef::static_("next", builtin_next),
    MethodDef::static_("oct", builtin_oct),
    MethodDef::static_("ord", builtin_ord),
    MethodDef::static_("pow", builtin_pow),
    MethodDef::static_("print", builtin_print),
    MethodDef::static_("repr", builtin_repr),
    MethodDef::static_("round", builtin_round),
    MethodDef::static_("setattr", builtin_setattr),
    MethodDef::static_("sorted", builtin_sorted),
    MethodDef::static_("sum", builtin_sum),
    MethodDef::static_("vars", builtin_vars),
];

fn one(vm: &Vm, name: &str, args: Args, kw: Kw) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, name, kw)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name}() takes exactly one argument ({} given)", args.len())));
    }
    Ok(args[0].clone())
}

fn positional<'a>(vm: &Vm, name: &str, args: Args<'a>, kw: Kw, min: usize, max: usize) -> PyResult<&'a [Obj]> {
    crate::args::no_kwargs(vm, name, kw)?;
    crate::args::check_positional(vm, name, args.len(), min, max)?;
    Ok(args)
}

// ---- classes and imports -----------------------------------------------------------------------

fn builtin_build_class(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let (pos, kwargs) = vm.split_kwargs(args, kw);
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    if !func.type_is(&vm.ctx.types.function) {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    let name = &pos[1];
    if pystr::data(name).is_none() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases = vm.new_tuple(pos[2..].to_vec());
    let bases = update_bases(vm, &pos[2..])?;
    let bases_changed = bases.len() != pos.len() - 2 || bases.iter().zip(&pos[2..]).any(|(a, b)| !a.is(b));
    let bases = vm.new_tuple(bases);
    let mut meta = None;
    let mut rest = Vec::new();
    for (k, v) in kwargs {
        if pystr::as_str(&k) == Some("metaclass") {
            meta = Some(v);
        } else {
            rest.push((k, v));
        }
    }
    let is_class = meta.as_ref().map(|m| vm.is_type(m)).unwrap_or(true);
    let mut meta = match meta {
        Some(m) => m,
        None => match tuple::items(&bases).first() {
            Some(b) => b.class_obj(),
            None => vm.ctx.types.type_.clone(),
        },
    };
    if is_class {
        meta = crate::objects::class::calculate_metaclass(vm, &meta, tuple::items(&bases))?;
    }
    let kw_names =
        if rest.is_empty() { None } else { Some(vm.new_tuple(rest.iter().map(|(k, _)| k.clone()).collect())) };
    let mut kw_vals: Vec<Obj> = rest.iter().map(|(_, v)| v.clone()).collect();
    let ns = match vm.getattr_str_opt(&meta, "__prepare__")? {
        Some(prep) => {
            let mut a = vec![name.clone(), bases.clone()];
            a.append(&mut kw_vals.clone());
            vm.call(&prep, &a, kw_names.as_ref())?
        }
        None => vm.new_dict(),
    };
    if !is_mapping(vm, &ns) {
        // CPython names the metaclass by its tp_name (not its qualname).
        let mname = match meta.payload::<crate::object::typeobj::TypeObject>() {
            Some(t) if is_class => t.name().to_string(),
            _ => "<metaclass>".into(),
        };
        return Err(vm.type_error(format!("{}.__prepare__() must return a mapping, not {}", mname, ns.class().name())));
    }
    let cell = crate::eval::call::run_class_body(vm, func, &ns)?;
    if bases_changed {
        vm.setitem(&ns, &vm.new_str("__orig_bases__"), &orig_bases)?;
    }
    let mut a = vec![name.clone(), bases, ns];
    a.append(&mut kw_vals);
    let cls = vm.call(&meta, &a, kw_names.as_ref())?;
    if let Some(c) = cell.payload::<crate::objects::cell::CellData>() {
        let cell_value = c.value.get();
        match cell_value {
            Some(v) if v.is(&cls) => {}
            Some(v) => {
                return Err(vm.type_error(format!(
                    "__class__ set to {} defining {} as {}",
                    vm.repr_string(&v)?,
                    vm.repr_string(name)?,
                    vm.repr_string(&cls)?
                )))
            }
            None if vm.is_type(&cls) => {
                return Err(vm.runtime_error(format!(
                    "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                    vm.repr_string(name)?,
                    vm.repr_string(&cls)?
                )))
            }
            None => {}
        }
    }
    Ok(cls)
}

fn is_mapping(vm: &Vm, o: &Obj) -> bool {
    dict::data(o).is_some() || crate::objects::type_::has_attr(vm, o.class(), "__getitem__")
}

/// PEP 560: replace bases that define `__mro_entries__`.
fn update_bases(vm: &Vm, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(bases.len());
    for b in bases {
        if vm.is_type(b) {
            out.push(b.clone());
            continue;
        }
        match vm.getattr_str_opt(b, "__mro_entries__")? {
            Some(f) => {
                let r = vm.call1(&f, vm.new_tuple(bases.to_vec()))?;
                if !r.type_is(&vm.ctx.types.tuple) {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                }
                out.extend(tuple::items(&r).iter().cloned());
            }
            None => out.push(b.clone()),
        }
    }
    Ok(out)
}

fn builtin_import(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "__import__", args, kw, &["name", "globals", "locals", "fromlist", "level"], 1)?;
    let name = a[0].clone().expect("required");
    let globals = a[1].clone().filter(|g| !vm.is_none(g)).unwrap_or_else(|| vm.new_dict());
    let fromlist = a[3].clone().unwrap_or_else(|| vm.ctx.empty_tuple.clone());
    let level = a[4].clone().unwrap_or_else(|| vm.new_int(0));
    crate::import::import_module_level(vm, &name, &globals, &fromlist, &level)
}

// ---- numbers -----------------------------------------------------------------------------------

fn builtin_abs(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "abs", args, kw)?;
    vm.absolute(&x)
}

fn builtin_divmod(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "divmod", args, kw, 2, 2)?;
    vm.divmod(&a[0], &a[1])
}

fn builtin_pow(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "pow", args, kw, &["base", "exp", "mod"], 2)?;
    let m = a[2].clone().unwrap_or_else(|| vm.none());
    vm.power(a[0].as_ref().expect("required"), a[1].as_ref().expect("required"), &m)
}

fn builtin_round(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = crate::args::parse(vm, "round", args, kw, &["number", "ndigits"], 1)?;
    let number = a[0].clone().expect("required");
    let Some(f) = crate::objects::type_::lookup_str(vm, number.class(), "__round__") else {
        return Err(vm.type_error(format!("type {} doesn't define __round__ method", number.class().name())));
    };
    let f = bind(vm, &f, &number)?;
    match &a[1] {
        Some(n) if !vm.is_none(n) => vm.call1(&f, n.clone()),
        _ => vm.call0(&f),
    }
}

/// Bind a descriptor found on a type to an instance.
fn bind(vm: &Vm, f: &Obj, obj: &Obj) -> PyResult<Obj> {
    match f.class().slots.descr_get.get() {
        Some(get) => get(vm, f, Some(obj), Some(&obj.class_obj())),
        None => Ok(f.clone()),
    }
}

fn int_to_base(vm: &Vm, x: &Obj, base: u32) -> PyResult<Obj> {
    let v = vm.index_value(x)?;
    let big = v.to_big();
    Ok(vm.new_str_from_string(taipan_format::int_to_base(&big, base, true)))
}

fn builtin_bin(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "bin", args, kw)?;
    int_to_base(vm, &x, 2)
}

fn builtin_oct(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "oct", args, kw)?;
    int_to_base(vm, &x, 8)
}

fn builtin_hex(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "hex", args, kw)?;
    int_to_base(vm, &x, 16)
}

fn builtin_chr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "chr", args, kw)?;
    let v = vm.index_value(&x)?;
    match v.as_i64() {
        Some(c) if (0..=0x10ffff).contains(&c) => Ok(vm.new_str_from_code_points(&[c as u32])),
        Some(_) => Err(vm.value_error("chr() arg not in range(0x110000)")),
        None => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

fn builtin_ord(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "ord", args, kw)?;
    if let Some(s) = pystr::data(&x) {
        if s.len() != 1 {
            return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.len())));
        }
        return Ok(vm.new_int(s.char_at(0) as i64));
    }
    if let Some(b) = crate::objects::bytes::as_bytes(&x) {
        if b.len() != 1 {
            return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", b.len())));
        }
        return Ok(vm.new_int(b[0] as i64));
    }
    Err(vm.type_error(format!("ord() expected string of length 1, but {} found", x.class().name())))
}

fn builtin_sum(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let spec =
        crate::args::ArgSpec { fname: "sum", names: &["iterable", "start"], posonly: 1, required: 1, kwonly_from: 2 };
    let a = crate::args::parse_spec(vm, &spec, args, kw)?;
    let iterable = a[0].clone().expect("required");
    let mut acc = match &a[1] {
        Some(s) => {
            if pystr::data(s).is_some() {
                return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
            }
            if s.type_is(&vm.ctx.types.bytes) {
                return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
            }
            if s.type_is(&vm.ctx.types.bytearray) {
                return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
            }
            s.clone()
        }
        None => vm.new_int(0),
    };
    let it = vm.iter(&iterable)?;
    // Exact ints and floats accumulate without objects while they can.
    let mut int_acc: Option<i64> =
        if acc.type_is(&vm.ctx.types.int) { crate::objects::int::value(&acc).and_then(|v| v.as_i64()) } else { None };
    let mut float_acc: Option<f64> = None;
    while let Some(item) = vm.next(&it)? {
        if let Some(i) = int_acc {
            if item.type_is(&vm.ctx.types.int) || item.type_is(&vm.ctx.types.bool_) {
                if let Some(v) = crate::objects::int::value(&item).and_then(|v| v.as_i64()) {
                    if let Some(s) = i.checked_add(v) {
                        int_acc = Some(s);
                        continue;
                    }
                }
            }
            acc = vm.new_int(i);
            int_acc = None;
            if item.type_is(&vm.ctx.types.float) {
                float_acc = Some(i as f64 + crate::objects::float::value(&item).expect("float"));
                continue;
            }
        }
        if let Some(f) = float_acc {
            if item.type_is(&vm.ctx.types.float) {
                float_acc = Some(f + crate::objects::float::value(&item).expect("float"));
                continue;
            }
            if item.type_is(&vm.ctx.types.int) {
                if let Some(v) = crate::objects::int::value(&item).and_then(|v| v.as_i64()) {
                    if v.unsigned_abs() < (1u64 << 53) {
                        float_acc = Some(f + v as f64);
                        continue;
                    }
                }
            }
            acc = vm.new_float(f);
            float_acc = None;
        }
        if int_acc.is_none()
            && float_acc.is_none()
            && acc.type_is(&vm.ctx.types.float)
            && item.type_is(&vm.ctx.types.float)
        {
            float_acc = Some(
                crate::objects::float::value(&acc).expect("float")
                    + crate::objects::float::value(&item).expect("float"),
            );
            continue;
        }
        acc = vm.binary_op(&acc, &item, crate::object::typeobj::NbOp::Add)?;
    }
    if let Some(i) = int_acc {
        return Ok(vm.new_int(i));
    }
    if let Some(f) = float_acc {
        return Ok(vm.new_float(f));
    }
    Ok(acc)
}

// ---- iteration ---------------------------------------------------------------------------------

fn builtin_all(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "all", args, kw)?;
    let it = vm.iter(&x)?;
    while let Some(item) = vm.next(&it)? {
        if !vm.is_true(&item)? {
            return Ok(vm.bool_obj(false));
        }
    }
    Ok(vm.bool_obj(true))
}

fn builtin_any(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "any", args, kw)?;
    let it = vm.iter(&x)?;
    while let Some(item) = vm.next(&it)? {
        if vm.is_true(&item)? {
            return Ok(vm.bool_obj(true));
        }
    }
    Ok(vm.bool_obj(false))
}

fn builtin_iter(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "iter", args, kw, 1, 2)?;
    if a.len() == 1 {
        return vm.iter(&a[0]);
    }
    if !vm.is_callable(&a[0]) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    Ok(crate::objects::iter::new_callable_iterator(vm, a[0].clone(), a[1].clone()))
}

fn builtin_next(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "next", args, kw, 1, 2)?;
    let it = &a[0];
    let Some(f) = it.class().slots.iternext.get() else {
        return Err(vm.type_error(format!("'{}' object is not an iterator", it.class().name())));
    };
    match f(vm, it) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(None)),
        },
        Err(e) if a.len() == 2 && vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) => Ok(a[1].clone()),
        Err(e) => Err(e),
    }
}

fn builtin_aiter(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "aiter", args, kw)?;
    crate::objects::generator::get_aiter(vm, &x)
}

fn builtin_anext(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "anext", args, kw, 1, 2)?;
    // What __anext__ returns, unchecked: awaiting it is what fails for a
    // bad awaitable (unlike `async for`'s GET_ANEXT).
    let awaitable = if a[0].type_is(&vm.ctx.types.async_generator) {
        crate::objects::generator::get_anext(vm, &a[0])?
    } else {
        let Some(anext) = crate::objects::type_::lookup_str(vm, a[0].class(), "__anext__") else {
            return Err(vm.type_error(format!("'{}' object is not an async iterator", a[0].class().name())));
        };
        vm.call_method_descr_obj(&anext, &a[0], &[])?
    };
    if a.len() == 1 {
        return Ok(awaitable);
    }
    let helper = anext_default_helper(vm)?;
    vm.call(&helper, &[awaitable, a[1].clone()], None)
}

/// `anext(it, default)`: a coroutine that awaits `it.__anext__()` and
/// gives `default` on StopAsyncIteration (CPython's anext_awaitable).
fn anext_default_helper(vm: &Vm) -> PyResult<Obj> {
    if let Some(f) = vm.lazy_types.borrow().get("anext_default") {
        return Ok(f.clone());
    }
    const SRC: &str = "async def anext_default(awaitable, default):\n    try:\n        return await awaitable\n    except StopAsyncIteration:\n        return default\n";
    let code = crate::pythonrun::compile_string(vm, SRC, "<builtins>", taipan_compiler::Mode::Exec)?;
    let globals = vm.new_dict();
    dict::set_item_str(vm, &globals, "__builtins__", vm.builtins_module())?;
    crate::eval::run_code(vm, &code, &globals, None)?;
    let f = dict::get_item_str(vm, &globals, "anext_default").ok_or_else(|| vm.system_error("anext helper"))?;
    vm.lazy_types.borrow_mut().insert("anext_default", f.clone());
    Ok(f)
}

pub(crate) fn builtin_len(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "len", args, kw)?;
    Ok(vm.new_usize(vm.len(&x)?))
}

fn min_max(vm: &Vm, args: Args, kw: Kw, name: &str, op: CompareOp) -> PyResult<Obj> {
    let (pos, kwargs) = vm.split_kwargs(args, kw);
    let mut key = None;
    let mut default = None;
    for (k, v) in kwargs {
        match pystr::as_str(&k) {
            Some("key") => key = Some(v).filter(|v| !vm.is_none(v)),
            Some("default") => default = Some(v),
            _ => {
                return Err(
                    vm.type_error(format!("'{}' is an invalid keyword argument for {name}()", pystr::as_str_lossy(&k)))
                )
            }
        }
    }
    let best = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => {
            let it = vm.iter(&pos[0])?;
            best_item(vm, key.as_ref(), op, || vm.next(&it))?
        }
        _ => {
            if default.is_some() {
                return Err(
                    vm.type_error(format!("Cannot specify a default for {name}() with multiple positional arguments"))
                );
            }
            // The arguments themselves, in order (CPython iterates the
            // argument tuple: no observable difference, no tuple made).
            let mut items = pos.iter();
            best_item(vm, key.as_ref(), op, || Ok(items.next().cloned()))?
        }
    };
    match best {
        Some(item) => Ok(item),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

/// The first item whose key compares `op` against every later one
/// (`min`/`max` over the items `next` yields), None when there is none.
fn best_item(
    vm: &Vm,
    key: Option<&Obj>,
    op: CompareOp,
    mut next: impl FnMut() -> PyResult<Option<Obj>>,
) -> PyResult<Option<Obj>> {
    let mut best: Option<(Obj, Obj)> = None;
    while let Some(item) = next()? {
        let k = match key {
            Some(f) => vm.call1(f, item.clone())?,
            None => item.clone(),
        };
        best = match best {
            None => Some((k, item)),
            Some((bk, bi)) => {
                if vm.rich_compare_bool(&k, &bk, op)? {
                    Some((k, item))
                } else {
                    Some((bk, bi))
                }
            }
        };
    }
    Ok(best.map(|(_, item)| item))
}

fn builtin_max(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    min_max(vm, args, kw, "max", CompareOp::Gt)
}

fn builtin_min(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    min_max(vm, args, kw, "min", CompareOp::Lt)
}

fn builtin_sorted(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let npos = crate::protocol::call::npositional(args, kw);
    if npos != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {npos}")));
    }
    let items = vm.to_vec(&args[0])?;
    let list = vm.new_list(items);
    crate::objects::list_sort::list_sort(vm, &list, &args[1..], kw)?;
    Ok(list)
}

// ---- objects and attributes --------------------------------------------------------------------

fn builtin_ascii(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "ascii", args, kw)?;
    vm.ascii(&x)
}

fn builtin_repr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "repr", args, kw)?;
    vm.repr(&x)
}

fn builtin_format(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "format", args, kw, 1, 2)?;
    let spec = a.get(1).cloned().unwrap_or_else(|| vm.ctx.empty_str.clone());
    if pystr::data(&spec).is_none() {
        return Err(vm.type_error(format!("format() argument 2 must be str, not {}", spec.class().name())));
    }
    vm.format(&a[0], &spec)
}

fn builtin_callable(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "callable", args, kw)?;
    Ok(vm.bool_obj(vm.is_callable(&x)))
}

fn builtin_hash(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "hash", args, kw)?;
    Ok(vm.new_int(vm.hash(&x)?))
}

fn builtin_id(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let x = one(vm, "id", args, kw)?;
    Ok(vm.new_usize(x.id()))
}

fn attr_name(vm: &Vm, name: &Obj, what: &str) -> PyResult<()> {
    if pystr::data(name).is_none() {
        let _ = what;
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", name.class().name())));
    }
    Ok(())
}

fn builtin_getattr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "getattr", args, kw, 2, 3)?;
    attr_name(vm, &a[1], "getattr")?;
    if a.len() == 2 {
        return vm.getattr(&a[0], &a[1]);
    }
    match vm.getattr_opt(&a[0], &a[1])? {
        Some(v) => Ok(v),
        None => Ok(a[2].clone()),
    }
}

fn builtin_hasattr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "hasattr", args, kw, 2, 2)?;
    attr_name(vm, &a[1], "hasattr")?;
    Ok(vm.bool_obj(vm.getattr_opt(&a[0], &a[1])?.is_some()))
}

fn builtin_setattr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "setattr", args, kw, 3, 3)?;
    attr_name(vm, &a[1], "setattr")?;
    vm.setattr(&a[0], &a[1], &a[2])?;
    Ok(vm.none())
}

fn builtin_delattr(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "delattr", args, kw, 2, 2)?;
    attr_name(vm, &a[1], "delattr")?;
    vm.delattr(&a[0], &a[1])?;
    Ok(vm.none())
}

pub(crate) fn builtin_isinstance(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "isinstance", args, kw, 2, 2)?;
    Ok(vm.bool_obj(vm.isinstance(&a[0], &a[1])?))
}

fn builtin_issubclass(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "issubclass", args, kw, 2, 2)?;
    Ok(vm.bool_obj(vm.issubclass(&a[0], &a[1])?))
}

fn builtin_dir(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "dir", args, kw, 0, 1)?;
    let names = match a.first() {
        None => {
            let locals = current_locals(vm)?;
            vm.call_method(&locals, "keys", &[])?
        }
        Some(o) => {
            let Some(f) = crate::objects::type_::lookup_str(vm, o.class(), "__dir__") else {
                return Err(vm.type_error("object does not provide __dir__"));
            };
            let f = bind(vm, &f, o)?;
            vm.call0(&f)?
        }
    };
    let list = vm.new_list(vm.to_vec(&names)?);
    crate::objects::list_sort::list_sort(vm, &list, &[], None)?;
    Ok(list)
}

fn builtin_vars(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "vars", args, kw, 0, 1)?;
    match a.first() {
        None => current_locals(vm),
        Some(o) => match vm.getattr_str_opt(o, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn builtin_globals(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "globals", args, kw)?;
    vm.current_globals().ok_or_else(|| vm.system_error("globals(): no current frame"))
}

fn builtin_locals(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "locals", args, kw)?;
    current_locals(vm)
}

/// `locals()` of the running Python frame.
pub(crate) fn current_locals(vm: &Vm) -> PyResult<Obj> {
    let f = vm.thread.current_frame.get();
    if f.is_null() {
        return Err(vm.system_error("locals(): no current frame"));
    }
    // SAFETY: `current_frame` is the live frame running on this thread;
    // `locals_dict` runs no Python code while it holds the frame.
    unsafe { (*f).locals_dict(vm) }
}

// ---- code execution ----------------------------------------------------------------------------

/// The `from __future__` features of the running Python frame's code,
/// which `exec`, `eval` and `compile` (unless `dont_inherit`) pass on to
/// the code they compile (CPython's `PyEval_MergeCompilerFlags`).
fn inherited_future_flags(vm: &Vm) -> u32 {
    use taipan_compiler::code::flags;
    const FUTURE_MASK: u32 = flags::FUTURE_ANNOTATIONS | flags::FUTURE_BARRY_AS_BDFL | flags::FUTURE_GENERATOR_STOP;
    let f = vm.thread.current_frame.get();
    if f.is_null() {
        return 0;
    }
    // SAFETY: `current_frame` is the live frame running on this thread;
    // only its code's flags are read.
    unsafe { (*f).code().co.flags & FUTURE_MASK }
}

fn builtin_compile(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let spec = crate::args::ArgSpec {
        fname: "compile",
        names: &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"],
        posonly: 0,
        required: 3,
        kwonly_from: 6,
    };
    let a = crate::args::parse_spec(vm, &spec, args, kw)?;
    let source = a[0].clone().expect("required");
    let filename = compile_filename(vm, a[1].as_ref().expect("required"))?;
    // A name that is not valid UTF-8 (a lone surrogate from an undecodable
    // file name) is compiled under a stand-in and put back in co_filename.
    let exact_filename = filename.1;
    let filename = filename.0;
    let flags = match &a[3] {
        Some(f) => vm.to_i64(f)?,
        None => 0,
    };
    if flags & !COMPILE_FLAGS_ACCEPTED != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    let dont_inherit = match &a[4] {
        Some(d) => vm.to_i64(d)? != 0,
        None => false,
    };
    let flags = if dont_inherit { flags as u32 } else { flags as u32 | inherited_future_flags(vm) };
    let optimize = match &a[5] {
        Some(o) => vm.to_i64(o)?,
        None => -1,
    };
    if !(-1..=2).contains(&optimize) {
        return Err(vm.value_error("compile(): invalid optimize value"));
    }
    let optimize = if optimize < 0 { vm.config.borrow().optimize } else { optimize as u8 };
    let only_ast = flags & crate::ast_objects::PY_CF_ONLY_AST != 0;
    let mode_obj = a[2].clone().expect("required");
    let mode = match pystr::as_str(&mode_obj) {
        Some("exec") => AstMode::Exec,
        Some("eval") => AstMode::Eval,
        Some("single") => AstMode::Single,
        Some("func_type") if only_ast => AstMode::FuncType,
        Some("func_type") => return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST")),
        _ if only_ast => return Err(vm.value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if crate::ast_objects::is_ast(vm, &source)? {
        if only_ast {
            return Ok(source);
        }
        let tree = crate::ast_objects::object_to_mod(vm, &source, mode)?;
        return crate::pythonrun::compile_ast_optimized(vm, &tree, &filename, compiler_mode(mode), flags, optimize);
    }
    let (bytes, input) = source_bytes(vm, &source, "compile()")?;
    if only_ast {
        let feature_version = match &a[6] {
            Some(v) => vm.to_i64(v)?,
            None => -1,
        };
        return parse_to_ast(vm, &bytes, &filename, input, mode, flags, feature_version);
    }
    let code = crate::pythonrun::compile_source(vm, &bytes, &filename, input, compiler_mode(mode), flags, optimize)?;
    if let Some(exact) = exact_filename {
        crate::import::fix_co_filename(vm, &code, &exact)?;
    }
    Ok(code)
}

/// compile()'s filename (CPython's `PyUnicode_FSDecoder`): str, bytes or an
/// os.PathLike; with the str object itself when it is not valid UTF-8.
fn compile_filename(vm: &Vm, filename: &Obj) -> PyResult<(String, Option<Obj>)> {
    let bad = |o: &Obj| vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", o.class().name()));
    let path = if pystr::data(filename).is_some() || crate::objects::bytes::as_bytes_ref(filename).is_some() {
        filename.clone()
    } else if crate::objects::buffer::is_bytes_like(filename) {
        // Other bytes-like objects: deprecated (CPython's PyUnicode_FSDecoder).
        let msg = format!("path should be string, bytes, or os.PathLike, not {:.200}", filename.class().name());
        crate::warnings::warn(vm, &vm.ctx.exceptions.by_name["DeprecationWarning"], &msg, 1)?;
        let text = crate::objects::buffer::with_bytes(vm, filename, |b| String::from_utf8_lossy(b).into_owned())?;
        return Ok((text, None));
    } else {
        let Some(path) = vm.call_special(filename, "__fspath__", &[])? else { return Err(bad(filename)) };
        if pystr::data(&path).is_none() && crate::objects::bytes::as_bytes_ref(&path).is_none() {
            return Err(vm.type_error(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                filename.class().name(),
                path.class().name()
            )));
        }
        path
    };
    if let Some(s) = pystr::as_str(&path) {
        return Ok((s.to_string(), None));
    }
    if pystr::data(&path).is_some() {
        return Ok((pystr::as_str_lossy(&path).into_owned(), Some(path)));
    }
    match crate::objects::bytes::as_bytes_ref(&path) {
        Some(b) => Ok((String::from_utf8_lossy(b).into_owned(), None)),
        None => Err(bad(filename)),
    }
}

/// The flags `compile()` accepts (CPython's `PyCF_MASK | PyCF_MASK_OBSOLETE
/// | PyCF_COMPILE_MASK`).
const COMPILE_FLAGS_ACCEPTED: i64 = 0x1fe_0000 | 0x0010 | 0x0200 | 0x0400 | 0x1000 | 0x2000 | 0x4000;

fn compiler_mode(mode: AstMode) -> taipan_compiler::Mode {
    match mode {
        AstMode::Exec | AstMode::FuncType => taipan_compiler::Mode::Exec,
        AstMode::Eval => taipan_compiler::Mode::Eval,
        AstMode::Single => taipan_compiler::Mode::Single,
    }
}

/// `compile(source, ..., PyCF_ONLY_AST)`: the parsed tree as node objects.
fn parse_to_ast(
    vm: &Vm,
    bytes: &[u8],
    filename: &str,
    input: taipan_syntax::InputMode,
    mode: AstMode,
    flags: u32,
    feature_version: i64,
) -> PyResult<Obj> {
    // A negative version means the newest (CPython's default of -1);
    // versions past 3.11 accept what 3.11 does.
    let latest = taipan_syntax::parser::LATEST_MINOR;
    let feature_version = if feature_version < 0 { latest } else { feature_version.min(i64::from(latest)) as u8 };
    let options = taipan_syntax::ParseOptions {
        type_comments: flags & crate::ast_objects::PY_CF_TYPE_COMMENTS != 0,
        allow_incomplete_input: flags & crate::ast_objects::PY_CF_ALLOW_INCOMPLETE_INPUT != 0,
        dont_imply_dedent: flags & crate::ast_objects::PY_CF_DONT_IMPLY_DEDENT != 0,
        barry_as_bdfl: flags & taipan_compiler::code::flags::FUTURE_BARRY_AS_BDFL != 0,
        feature_version,
    };
    let start = match mode {
        AstMode::Exec => taipan_syntax::StartRule::File,
        AstMode::Eval => taipan_syntax::StartRule::Eval,
        AstMode::Single => taipan_syntax::StartRule::Interactive,
        AstMode::FuncType => taipan_syntax::StartRule::FuncType,
    };
    let tree = crate::pythonrun::parse_source(vm, bytes, filename, input, start, options)?;
    crate::ast_objects::mod_to_object(vm, &tree)
}

/// The text of a `compile`/`exec`/`eval` source argument.
fn source_bytes(vm: &Vm, source: &Obj, what: &str) -> PyResult<(Vec<u8>, taipan_syntax::InputMode)> {
    if let Some(s) = pystr::data(source) {
        let text = match s.as_str() {
            Some(t) => t.as_bytes().to_vec(),
            None => crate::codecs::encode_to_vec(vm, source, None, Some(&vm.new_str("surrogatepass")))?,
        };
        if text.contains(&0) {
            return Err(
                vm.new_exception_msg(&vm.ctx.exceptions.syntax_error, "source code string cannot contain null bytes")
            );
        }
        return Ok((text, taipan_syntax::InputMode::Text));
    }
    if let Some(b) = crate::objects::bytes::as_bytes(source) {
        if b.contains(&0) {
            return Err(
                vm.new_exception_msg(&vm.ctx.exceptions.syntax_error, "source code string cannot contain null bytes")
            );
        }
        return Ok((b.to_vec(), taipan_syntax::InputMode::Bytes));
    }
    Err(vm.type_error(format!("{what} arg 1 must be a string, bytes or AST object")))
}

/// The globals and locals of `exec`/`eval`.
fn exec_namespaces(vm: &Vm, name: &str, globals: Option<Obj>, locals: Option<Obj>) -> PyResult<(Obj, Obj)> {
    let globals = globals.filter(|g| !vm.is_none(g));
    let locals = locals.filter(|l| !vm.is_none(l));
    let (g, l) = match (globals, locals) {
        (None, l) => {
            let g = vm.current_globals().ok_or_else(|| vm.system_error("no current frame"))?;
            let l = match l {
                Some(l) => l,
                None => current_locals(vm)?,
            };
            (g, l)
        }
        (Some(g), l) => {
            if dict::data(&g).is_none() {
                let what = if name == "exec" { "exec() globals must be a dict, not" } else { "globals must be a dict" };
                return Err(vm.type_error(if name == "exec" {
                    format!("{what} {}", g.class().name())
                } else {
                    what.to_string()
                }));
            }
            let l = l.unwrap_or_else(|| g.clone());
            (g, l)
        }
    };
    if !is_mapping(vm, &l) {
        return Err(vm.type_error(if name == "exec" {
            format!("locals must be a mapping or None, not {}", l.class().name())
        } else {
            "locals must be a mapping".to_string()
        }));
    }
    crate::eval::call::insert_builtins(vm, &g)?;
    Ok((g, l))
}

fn builtin_exec(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let spec = crate::args::ArgSpec {
        fname: "exec",
        names: &["source", "globals", "locals", "closure"],
        posonly: 3,
        required: 1,
        kwonly_from: 3,
    };
    let a = crate::args::parse_spec(vm, &spec, args, kw)?;
    let closure = a[3].clone().filter(|c| !vm.is_none(c));
    let (g, l) = exec_namespaces(vm, "exec", a[1].clone(), a[2].clone())?;
    let source = a[0].clone().expect("required");
    let code = if source.type_is(&vm.ctx.types.code) {
        check_exec_closure(vm, &source, closure.as_ref())?;
        if closure.is_some() {
            crate::audit::audit(vm, "exec", || vec![source.clone()])?;
            crate::eval::call::run_code_with_closure(vm, &source, &g, l, closure)?;
            return Ok(vm.none());
        }
        source
    } else {
        if closure.is_some() {
            return Err(vm.type_error("closure can only be used when source is a code object"));
        }
        let (bytes, input) = match source_bytes(vm, &source, "exec()") {
            Ok(x) => x,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                return Err(vm.type_error("exec() arg 1 must be a string, bytes or code object"))
            }
            Err(e) => return Err(e),
        };
        let optimize = vm.config.borrow().optimize;
        let flags = inherited_future_flags(vm);
        crate::pythonrun::compile_source(vm, &bytes, "<string>", input, taipan_compiler::Mode::Exec, flags, optimize)?
    };
    crate::audit::audit(vm, "exec", || vec![code.clone()])?;
    crate::eval::run_code(vm, &code, &g, Some(l))?;
    Ok(vm.none())
}

/// `exec(code, closure=...)`: the closure must hold a cell for each free
/// variable of the code (CPython's checks in `builtin_exec_impl`).
fn check_exec_closure(vm: &Vm, code: &Obj, closure: Option<&Obj>) -> PyResult<()> {
    let nfree = crate::objects::function::code_nfree(code);
    if nfree == 0 {
        if closure.is_some() {
            return Err(vm.type_error("cannot use a closure with this code object"));
        }
        return Ok(());
    }
    let ok = closure.is_some_and(|c| {
        c.type_is(&vm.ctx.types.tuple)
            && crate::objects::tuple::len(c) == nfree
            && crate::objects::tuple::items(c).iter().all(|x| x.has_payload::<crate::objects::cell::CellData>())
    });
    if !ok {
        return Err(vm.type_error(format!("code object requires a closure of exactly length {nfree}")));
    }
    Ok(())
}

fn builtin_eval(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let spec = crate::args::ArgSpec {
        fname: "eval",
        names: &["source", "globals", "locals"],
        posonly: 3,
        required: 1,
        kwonly_from: 3,
    };
    let a = crate::args::parse_spec(vm, &spec, args, kw)?;
    let (g, l) = exec_namespaces(vm, "eval", a[1].clone(), a[2].clone())?;
    let source = a[0].clone().expect("required");
    let code = if source.type_is(&vm.ctx.types.code) {
        if crate::objects::function::code_nfree(&source) > 0 {
            return Err(vm.type_error("code object passed to eval() may not contain free variables"));
        }
        source
    } else {
        let (bytes, input) = match source_bytes(vm, &source, "eval()") {
            Ok(x) => x,
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
                return Err(vm.type_error("eval() arg 1 must be a string, bytes or code object"))
            }
            Err(e) => return Err(e),
        };
        // eval() ignores leading spaces and tabs.
        let start = bytes.iter().position(|&b| b != b' ' && b != b'\t').unwrap_or(bytes.len());
        let optimize = vm.config.borrow().optimize;
        crate::pythonrun::compile_source(
            vm,
            &bytes[start..],
            "<string>",
            input,
            taipan_compiler::Mode::Eval,
            inherited_future_flags(vm),
            optimize,
        )?
    };
    crate::audit::audit(vm, "exec", || vec![code.clone()])?;
    crate::eval::run_code(vm, &code, &g, Some(l))
}

/// `breakpoint(*args, **kws)`: calls `sys.breakpointhook` with the arguments.
fn builtin_breakpoint(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let Some(hook) = crate::modules::sys::sys_attr_raw(vm, "breakpointhook") else {
        return Err(vm.runtime_error("lost sys.breakpointhook"));
    };
    crate::audit::audit(vm, "builtins.breakpoint", || vec![hook.clone()])?;
    vm.call(&hook, args, kw)
}

// ---- input and output --------------------------------------------------------------------------

/// `print(*args, sep=' ', end='\n', file=None, flush=False)` as CPython's
/// `builtin_print`: `file.write()` once per argument, separator and end.
fn builtin_print(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let (pos, kwargs) = vm.split_kwargs(args, kw);
    let (mut sep, mut end, mut file, mut flush) = (None, None, None, None);
    for (k, v) in kwargs {
        match pystr::as_str(&k) {
            Some("sep") => sep = Some(v),
            Some("end") => end = Some(v),
            Some("file") => file = Some(v),
            Some("flush") => flush = Some(v),
            _ => {
                return Err(
                    vm.type_error(format!("'{}' is an invalid keyword argument for print()", pystr::as_str_lossy(&k)))
                )
            }
        }
    }
    let flush = match flush {
        Some(f) => vm.is_true(&f)?,
        None => false,
    };
    let file = match file.filter(|f| !vm.is_none(f)) {
        Some(f) => f,
        None => match crate::modules::sys::sys_attr_raw(vm, "stdout") {
            None => return Err(vm.runtime_error("lost sys.stdout")),
            // sys.stdout is None when there is no standard output.
            Some(f) if vm.is_none(&f) => return Ok(vm.none()),
            Some(f) => f,
        },
    };
    let check = |v: Option<Obj>, what: &str| -> PyResult<Option<Obj>> {
        match v {
            Some(v) if vm.is_none(&v) => Ok(None),
            Some(v) if pystr::data(&v).is_none() => {
                Err(vm.type_error(format!("{what} must be None or a string, not {:.200}", v.class().name())))
            }
            v => Ok(v),
        }
    };
    let sep = check(sep, "sep")?;
    let end = check(end, "end")?;
    // CPython's PyFile_WriteObject: look `write` up, then str() the value.
    let write_name = vm.intern("write");
    let write = |v: &Obj, convert: bool| -> PyResult<()> {
        let w = vm.getattr(&file, &write_name)?;
        let s = if convert { vm.str(v)? } else { v.clone() };
        vm.call1(&w, s)?;
        Ok(())
    };
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            match &sep {
                Some(s) => write(s, true)?,
                None => write(&vm.ctx.latin1_chars[b' ' as usize], false)?,
            }
        }
        write(a, true)?;
    }
    match &end {
        Some(e) => write(e, true)?,
        None => write(&vm.ctx.latin1_chars[b'\n' as usize], false)?,
    }
    if flush {
        vm.call_method(&file, "flush", &[])?;
    }
    Ok(vm.none())
}

/// `input(prompt=None)` as CPython's `builtin_input` for streams that are
/// not terminals: flush stderr, write the prompt to stdout and flush it,
/// then `sys.stdin.readline()` without its newline.
/// Is `f` the process's file descriptor `fd` and a terminal (CPython's
/// test for reading `input()` with readline)?
fn is_console(vm: &Vm, f: &Obj, fd: i64) -> bool {
    let Ok(n) = vm.call_method(f, "fileno", &[]) else { return false };
    if vm.to_i64(&n).ok() != Some(fd) {
        return false;
    }
    use std::io::IsTerminal;
    if fd == 0 {
        std::io::stdin().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    }
}

/// `input()` through the terminal's line reader (CPython's `PyOS_Readline`
/// branch of `builtin_input_impl`).
fn input_readline(vm: &Vm, hook: crate::pythonrun::ReadlineFn, fout: &Obj, prompt: Option<&Obj>) -> PyResult<Obj> {
    vm.call_method(fout, "flush", &[])?;
    let prompt = match prompt {
        Some(p) => pystr::as_str_lossy(&vm.str(p)?).into_owned(),
        None => String::new(),
    };
    match hook(vm, &prompt) {
        crate::pythonrun::ReadlineResult::Line(mut line) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_str(&line))
        }
        // CPython's readline branch raises a bare EOFError.
        crate::pythonrun::ReadlineResult::Eof => Err(vm.new_exception(&vm.ctx.exceptions.eof_error, vec![])),
        crate::pythonrun::ReadlineResult::Interrupt => {
            vm.check_signals()?;
            Err(vm.new_exception(&vm.ctx.exceptions.keyboard_interrupt, vec![]))
        }
    }
}

fn builtin_input(vm: &Vm, _m: &Obj, args: Args, kw: Kw) -> PyResult<Obj> {
    let a = positional(vm, "input", args, kw, 0, 1)?;
    let lost = |what: &str| vm.runtime_error(format!("input(): lost sys.{what}"));
    let fin = crate::modules::sys::sys_attr(vm, "stdin").ok_or_else(|| lost("stdin"))?;
    let fout = crate::modules::sys::sys_attr(vm, "stdout").ok_or_else(|| lost("stdout"))?;
    let ferr = crate::modules::sys::sys_attr(vm, "stderr").ok_or_else(|| lost("stderr"))?;
    let _ = vm.call_method(&ferr, "flush", &[]);
    if let Some(hook) = vm.readline_hook.get() {
        if is_console(vm, &fin, 0) && is_console(vm, &fout, 1) {
            return input_readline(vm, hook, &fout, a.first());
        }
    }
    if let Some(p) = a.first() {
        let w = vm.getattr_str(&fout, "write")?;
        let s = vm.str(p)?;
        vm.call1(&w, s)?;
    }
    let _ = vm.call_method(&fout, "flush", &[]);
    let line = vm.call_method(&fin, "readline", &[])?;
    if let Some(d) = pystr::data(&line) {
        let n = d.len();
        if n == 0 {
            return Err(vm.eof_error("EOF when reading a line"));
        }
        if d.char_at(n - 1) == '\n' as u32 {
            return Ok(vm.new_str_data(d.substring(0, n - 1)));
        }
        return Ok(line);
    }
    if let Some(b) = crate::objects::bytes::as_bytes_ref(&line) {
        if b.is_empty() {
            return Err(vm.eof_error("EOF when reading a line"));
        }
        if b.last() == Some(&b'\n') {
            return Ok(vm.new_bytes(b[..b.len() - 1].to_vec()));
        }
        return Ok(line);
    }
    Err(vm.type_error("object.readline() returned non-string"))
}
