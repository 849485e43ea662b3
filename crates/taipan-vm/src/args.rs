//! Argument parsing for builtin functions (CPython's `Python/getargs.c`
//! and Argument Clinic's helpers), with CPython's error messages.

use crate::object::Obj;
use crate::objects::{str as pystr, tuple};
use crate::vm::{PyErr, PyResult, Vm};

/// The parameters of a builtin function: `names[..posonly]` are
/// positional-only, `names[kwonly_from..]` keyword-only, the first
/// `required` are required.
pub struct ArgSpec<'a> {
    pub fname: &'a str,
    pub names: &'a [&'a str],
    pub posonly: usize,
    pub required: usize,
    pub kwonly_from: usize,
}

/// Parse positional-or-keyword parameters (no positional-only, no
/// keyword-only): one `Option<Obj>` per name.
pub fn parse(
    vm: &Vm,
    fname: &str,
    args: &[Obj],
    kwnames: Option<&Obj>,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Obj>>> {
    parse_spec(vm, &ArgSpec { fname, names, posonly: 0, required, kwonly_from: names.len() }, args, kwnames)
}

/// [`parse`] into an array: no allocation for a call with positional
/// arguments only (the usual one), which needs no matching by name.
pub(crate) fn parse_array<const N: usize>(
    vm: &Vm,
    fname: &str,
    args: &[Obj],
    kwnames: Option<&Obj>,
    names: &[&str; N],
    required: usize,
) -> PyResult<[Option<Obj>; N]> {
    if kwnames.is_none_or(|k| tuple::len(k) == 0) && (required..=N).contains(&args.len()) {
        return Ok(std::array::from_fn(|i| args.get(i).cloned()));
    }
    // `parse` gives one value per name.
    let mut v = parse(vm, fname, args, kwnames, names, required)?.into_iter();
    Ok(std::array::from_fn(|_| v.next().flatten()))
}

pub fn parse_spec(vm: &Vm, spec: &ArgSpec, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Vec<Option<Obj>>> {
    let kw = kwnames.map(tuple::items).unwrap_or(&[]);
    let nargs = args.len() - kw.len();
    let maxpos = spec.kwonly_from;
    let maxargs = spec.names.len();
    let f = spec.fname;
    if nargs + kw.len() > maxargs {
        return Err(vm.type_error(format!(
            "{}() takes at most {} {}argument{} ({} given)",
            f,
            maxargs,
            if nargs == 0 { "keyword " } else { "" },
            if maxargs == 1 { "" } else { "s" },
            nargs + kw.len()
        )));
    }
    if nargs > maxpos {
        if maxpos == 0 {
            return Err(vm.type_error(format!("{f}() takes no positional arguments")));
        }
        let minpos = spec.required.min(maxpos);
        return Err(vm.type_error(format!(
            "{}() takes {} {} positional argument{} ({} given)",
            f,
            if minpos < maxpos { "at most" } else { "exactly" },
            maxpos,
            if maxpos == 1 { "" } else { "s" },
            nargs
        )));
    }
    // Missing positional-only arguments are reported before any keyword
    // is looked at (CPython's `_PyArg_UnpackKeywords`).
    let minposonly = spec.posonly.min(spec.required);
    if nargs < minposonly {
        return Err(vm.type_error(format!(
            "{}() takes {} {} positional argument{} ({} given)",
            f,
            if minposonly < maxpos { "at least" } else { "exactly" },
            minposonly,
            if minposonly == 1 { "" } else { "s" },
            nargs
        )));
    }
    let mut out: Vec<Option<Obj>> = vec![None; maxargs];
    for (i, a) in args[..nargs].iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kw.iter().zip(&args[nargs..]) {
        let Some(ks) = pystr::as_str(k) else {
            return Err(vm.type_error("keywords must be strings"));
        };
        let pos = spec.names.iter().position(|n| *n == ks && !n.is_empty());
        match pos {
            Some(i) if i >= spec.posonly => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!(
                        "argument for {}() given by name ('{}') and position ({})",
                        f,
                        ks,
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            _ => {
                return Err(vm.type_error(format!("'{ks}' is an invalid keyword argument for {f}()")));
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(spec.required) {
        if slot.is_none() {
            if i < spec.posonly {
                let minpos = spec.required.min(maxpos);
                return Err(vm.type_error(format!(
                    "{}() takes {} {} positional argument{} ({} given)",
                    f,
                    if minpos < maxpos { "at least" } else { "exactly" },
                    minpos,
                    if minpos == 1 { "" } else { "s" },
                    nargs
                )));
            }
            return Err(vm.type_error(format!(
                "{}() missing required argument '{}' (pos {})",
                f,
                spec.names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// The name a METH_O / METH_NOARGS builtin shows in its errors:
/// `list.append()` when called through the type's method descriptor.
fn method_name(vm: &Vm, fname: &str) -> String {
    match vm.thread.method_owner_name() {
        Some(owner) => format!("{owner}.{fname}()"),
        None => format!("{fname}()"),
    }
}

/// Exactly `N` positional arguments and no keywords (METH_O, METH_NOARGS).
pub fn exact<const N: usize>(vm: &Vm, fname: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<[Obj; N]> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{} takes no keyword arguments", method_name(vm, fname))));
    }
    if args.len() != N {
        let msg = match N {
            0 => format!("{} takes no arguments ({} given)", method_name(vm, fname), args.len()),
            1 => format!("{} takes exactly one argument ({} given)", method_name(vm, fname), args.len()),
            _ => format!("{fname} expected {N} arguments, got {}", args.len()),
        };
        return Err(vm.type_error(msg));
    }
    Ok(std::array::from_fn(|i| args[i].clone()))
}

/// No keyword arguments allowed.
/// A builtin's `__new__` refuses keywords unless `cls` (a subclass of
/// `base`) has an `__init__` of its own that may take them (CPython checks
/// `type->tp_init == base->tp_init`). Returns the positional arguments.
pub fn positional_unless_own_init<'a>(
    vm: &Vm,
    fname: &str,
    cls: &Obj,
    base: &Obj,
    args: &'a [Obj],
    kwnames: Option<&Obj>,
) -> PyResult<&'a [Obj]> {
    use crate::object::typeobj::TypeObject;
    let inherited_init = match (cls.payload::<TypeObject>(), base.payload::<TypeObject>()) {
        (Some(c), Some(b)) => c.slots.init.id() == b.slots.init.id(),
        _ => true,
    };
    if cls.is(base) || inherited_init {
        no_kwargs(vm, fname, kwnames)?;
    }
    Ok(&args[..crate::protocol::call::npositional(args, kwnames)])
}

pub fn no_kwargs(vm: &Vm, fname: &str, kwnames: Option<&Obj>) -> PyResult<()> {
    if kwnames.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// Between `min` and `max` positional arguments (CPython's `_PyArg_CheckPositional`).
/// Inline: every method call with positional arguments asks, and the answer
/// is almost always yes (the message is built out of line).
#[inline]
pub(crate) fn check_positional(vm: &Vm, fname: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min || n > max {
        return Err(positional_count_error(vm, fname, n, min, max));
    }
    Ok(())
}

/// The TypeError of `check_positional` (`n` is out of `min..=max`).
#[cold]
#[inline(never)]
fn positional_count_error(vm: &Vm, fname: &str, n: usize, min: usize, max: usize) -> PyErr {
    if n > max && max == 0 {
        return vm.type_error(format!("{fname}() takes no arguments ({n} given)"));
    }
    let (bound, k) = if n < min { ("at least ", min) } else { ("at most ", max) };
    vm.type_error(format!(
        "{} expected {}{} argument{}, got {}",
        fname,
        if min != max { bound } else { "" },
        k,
        if k == 1 { "" } else { "s" },
        n
    ))
}

/// Optional `start, end` arguments of `index`/`find`/`count`, clamped to
/// `0..=len` as CPython's `ADJUST_INDICES` (None means the default).
pub(crate) fn slice_bounds(vm: &Vm, args: &[Obj], len: usize) -> PyResult<(usize, usize)> {
    let get = |i: usize| -> PyResult<Option<isize>> {
        match args.get(i) {
            None => Ok(None),
            Some(v) if vm.is_none(v) => Ok(None),
            Some(v) => {
                if !vm.has_index(v) {
                    return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
                }
                Ok(Some(vm.index_to_isize_clamped(v)?))
            }
        }
    };
    let n = len as isize;
    let adjust = |v: isize| -> usize {
        if v < 0 {
            (v + n).max(0) as usize
        } else {
            v as usize
        }
    };
    let start = get(0)?.map(adjust).unwrap_or(0);
    let end = get(1)?.map(adjust).unwrap_or(len).min(len);
    Ok((start, end))
}
