//! Calling Python functions (CPython's `_PyFunction_Vectorcall` and
//! `_PyEvalFramePushAndInit`).

use std::ptr;

use taipan_compiler::code::flags as co_flags;

use super::frame::{bind_arguments, Frame, Running};
use super::{run_frame, FrameExit};
use crate::object::Obj;
use crate::objects::code::{code_of, CodeData};
use crate::objects::function::{func_of, FunctionData};
use crate::objects::tuple;
use crate::vm::{PyResult, Vm};

/// A new frame for a call of `func` with these arguments (positional
/// values, then the keyword values named by `kwnames`).
/// The largest frame (locals plus value stack, in slots) a call may get.
/// CPython sizes its data-stack chunks in a C `int` of bytes, so a code
/// object claiming a larger `co_stacksize` gets MemoryError when called;
/// here the limit also keeps a forged stack size from allocating gigabytes.
const MAX_FRAME_SLOTS: usize = (1 << 27) - 1000;

fn check_frame_size(vm: &Vm, cd: &crate::objects::code::CodeData) -> PyResult<()> {
    if cd.frame_size() > MAX_FRAME_SLOTS {
        return Err(vm.memory_error());
    }
    Ok(())
}

pub(crate) fn make_frame(
    vm: &Vm,
    func_obj: &Obj,
    fd: &FunctionData,
    args: &[Obj],
    kwnames: Option<&Obj>,
) -> PyResult<*mut Frame> {
    let code = fd.code();
    let cd = code_of(&code);
    let locals = if cd.has_flag(co_flags::OPTIMIZED) { None } else { Some(fd.globals.clone()) };
    let simple = kwnames.is_none()
        && cd.co.kwonlyargcount == 0
        && args.len() == cd.co.argcount as usize
        && cd.co.flags & (co_flags::VARARGS | co_flags::VARKEYWORDS) == 0;
    check_frame_size(vm, cd)?;
    // SAFETY: the payload lives as long as `code`, which moves into the
    // new frame.
    let cd: &crate::objects::code::CodeData = unsafe { &*(cd as *const _) };
    let Some(fp) = Frame::for_function(&vm.thread, code, cd, Some(func_obj.clone()), fd, 0) else {
        return Err(vm.memory_error());
    };
    // SAFETY: a fresh frame on top of the data stack; only this function
    // refers to it until it returns it.
    let frame = unsafe { &mut *fp };
    frame.locals = locals;
    if simple {
        for (slot, a) in frame.slots.iter_mut().zip(args) {
            *slot = Some(a.clone());
        }
        return Ok(fp);
    }
    match bind_arguments(vm, frame, fd, args, kwnames) {
        Ok(()) => Ok(fp),
        Err(e) => {
            // SAFETY: binding ran Python code (`__eq__`, `__hash__`) whose
            // frames are popped again: this one is the top again.
            unsafe { Frame::pop_thread_frame(vm, fp, std::ptr::null_mut()) };
            Err(e)
        }
    }
}

/// A frame for a call with exactly the positional parameters (no keywords,
/// defaults, `*args` or `**kwargs`): the arguments move from the caller's
/// stack straight into the new frame. None when the call needs binding.
#[inline]
pub(crate) fn frame_for_simple_call(
    vm: &Vm,
    fd: &FunctionData,
    func_obj: &Obj,
    caller: &mut Running<'_>,
    nargs: usize,
) -> Option<*mut Frame> {
    let code = fd.code();
    // SAFETY: the payload lives as long as `code`, which moves into the
    // new frame (or is dropped after the last use of `cd`).
    let cd: &crate::objects::code::CodeData = unsafe { &*(code_of(&code) as *const _) };
    if !takes_exact_args(cd, nargs) {
        return None;
    }
    // The first `nargs` locals are left for the arguments.
    let fp = Frame::for_function(&vm.thread, code, cd, Some(func_obj.clone()), fd, nargs)?;
    // SAFETY: a fresh frame; its slots are not the caller's.
    caller.move_top_into(nargs, unsafe { &mut (*fp).slots });
    Some(fp)
}

/// Whether a call with `nargs` positional arguments and nothing else binds
/// them to the parameters one to one (no keyword-only parameters, defaults
/// needed, `*args` or `**kwargs`), in a frame of an allowed size.
#[inline(always)]
fn takes_exact_args(cd: &crate::objects::code::CodeData, nargs: usize) -> bool {
    nargs == cd.co.argcount as usize && exact_args_code(cd)
}

/// Whether a function whose code is `cd` can be called with exactly its
/// positional parameters by CALL_PY_EXACT_ARGS (checked when a call site
/// specializes; the function version it caches stands for this answer).
pub(crate) fn exact_args_code(cd: &crate::objects::code::CodeData) -> bool {
    cd.co.kwonlyargcount == 0
        && cd.co.flags & (co_flags::VARARGS | co_flags::VARKEYWORDS) == 0
        && cd.has_flag(co_flags::OPTIMIZED)
        && cd.frame_size() <= MAX_FRAME_SLOTS
}

/// CALL of the Python function `fd` that sits on the caller's stack below
/// its `total` arguments (with a NULL below it unless `is_meth`), binding
/// them one to one (CPython's CALL_PY_EXACT_ARGS): as
/// `frame_for_simple_call`, but the stack's reference to the function moves
/// into the new frame too (its `func`), as CPython's does, and the NULL is
/// popped: no reference count changes for the callable. None, with nothing
/// popped, when the call needs binding.
///
/// The caller checked that the function's version is the one the call site
/// specialized for: its code passed `exact_args_code` then, and a version
/// stands for one code object (assigning `__code__` resets it). Only the
/// argument count is checked here (a site may pass `self` or not).
#[inline(always)]
pub(crate) fn frame_for_exact_args(
    vm: &Vm,
    caller: &mut Running<'_>,
    fd: &FunctionData,
    total: usize,
    is_meth: bool,
) -> Option<*mut Frame> {
    let code = fd.code();
    // SAFETY: as in `frame_for_simple_call`; a function's code is always a
    // code object (checked when the function is made and when `__code__`
    // is assigned), so its payload needs no type check here.
    let cd: &CodeData = unsafe { &*(code.payload_unchecked::<CodeData>() as *const _) };
    debug_assert!(exact_args_code(cd));
    if total != cd.co.argcount as usize {
        return None;
    }
    // The first `total` locals are left for the arguments.
    let fp = Frame::for_function(&vm.thread, code, cd, None, fd, total)?;
    // SAFETY: a fresh frame; only this function refers to it. The function
    // moves from the stack into the frame, which keeps it (and the globals
    // the frame borrows from it) alive from here on.
    let frame = unsafe { &mut *fp };
    caller.pop_call_into(total, is_meth, frame);
    debug_assert!(frame.func.is_some());
    skip_resume_if_idle(vm, frame, cd);
    Some(fp)
}

/// CALL of the Python function `fd` with `total` of its positional
/// parameters, the others taking their defaults (CPython's
/// CALL_PY_WITH_DEFAULTS): as `frame_for_exact_args`, then the missing
/// parameters get the last items of `__defaults__`. None, with nothing
/// popped, when the call needs binding. The function's version (checked by
/// the caller) stands for its code and its defaults: assigning either
/// resets it.
#[inline(always)]
pub(crate) fn frame_for_defaults(
    vm: &Vm,
    caller: &mut Running<'_>,
    fd: &FunctionData,
    total: usize,
    is_meth: bool,
) -> Option<*mut Frame> {
    let code = fd.code();
    // SAFETY: as in `frame_for_exact_args`.
    let cd: &CodeData = unsafe { &*(code.payload_unchecked::<CodeData>() as *const _) };
    debug_assert!(exact_args_code(cd));
    let argcount = cd.co.argcount as usize;
    fd.defaults.with(|defaults| {
        let defs = tuple::items(defaults?);
        // Parameter `argcount - defs.len() + i` defaults to `defs[i]`.
        let first = (defs.len() + total).checked_sub(argcount)?;
        if total >= argcount {
            return None;
        }
        // All the parameters are written: the arguments, then the defaults.
        let fp = Frame::for_function(&vm.thread, code, cd, None, fd, argcount)?;
        // SAFETY: a fresh frame; only this function refers to it.
        let frame = unsafe { &mut *fp };
        caller.pop_call_into(total, is_meth, frame);
        let slots = frame.slots.as_mut_ptr();
        for (i, d) in defs[first..].iter().enumerate() {
            // SAFETY: `total + i < argcount <= nlocalsplus`; the slot is one
            // `for_function` left unwritten (no value to drop).
            unsafe { ptr::write(slots.add(total + i), Some(d.clone())) };
        }
        skip_resume_if_idle(vm, frame, cd);
        Some(fp)
    })
}

/// Start the fresh frame `frame` after its RESUME_QUICK when that
/// instruction has nothing to do: it reports a 'call' to a profiler and lets
/// the eval breaker in, so with no profiler, no trace function and no
/// pending work (a trace function sets a breaker bit) it is skipped, as if
/// it had run. A RESUME that still counts its code's warm-up runs.
/// (A profiler sets a breaker bit too: one test covers all three.)
#[inline(always)]
fn skip_resume_if_idle(vm: &Vm, frame: &mut Frame, cd: &CodeData) {
    debug_assert!(!cd.adaptive.is_empty());
    // SAFETY: code units are never empty: the compiler's code ends with a
    // return, and code made from Python that is empty or refused by the
    // verifier gets one CACHE unit (`CodeData::malformed`).
    let first = unsafe { cd.adaptive.get_unchecked(0) }.get();
    let starts_quick = (first & 0xff) as u8 == super::op::ResumeQuick;
    if starts_quick && !vm.thread.has_pending_work() {
        frame.next_instr = 1;
    }
}

/// `frame_for_exact_args` for a call site with no version guard (the
/// generic CALL): the code is checked here.
#[inline]
pub(crate) fn frame_for_unguarded_exact_args(
    vm: &Vm,
    caller: &mut Running<'_>,
    fd: &FunctionData,
    total: usize,
    is_meth: bool,
) -> Option<*mut Frame> {
    if !fd.code.with(|c| c.is_some_and(|c| exact_args_code(code_of(c)))) {
        return None;
    }
    frame_for_exact_args(vm, caller, fd, total, is_meth)
}

/// The frame of a call from native code (`map`, a sort key, a slot) with
/// exactly the function's positional parameters: `self_` (when given) and
/// the arguments are cloned straight into its locals. None when the call
/// needs binding (or memory is exhausted: `make_frame` then raises the
/// MemoryError). Inlined into its two callers: a native-to-Python call
/// then makes the frame without a call of its own.
#[inline(always)]
fn frame_for_positional(vm: &Vm, f: &Obj, fd: &FunctionData, self_: Option<&Obj>, args: &[Obj]) -> Option<*mut Frame> {
    let code = fd.code();
    // SAFETY: the payload lives as long as `code`, which moves into the
    // new frame (or is dropped after the last use of `cd`); a function's
    // code is always a code object (checked when the function is made and
    // when `__code__` is assigned), so its payload needs no type check.
    let cd: &CodeData = unsafe { &*(code.payload_unchecked::<CodeData>() as *const _) };
    let first = usize::from(self_.is_some());
    let total = first + args.len();
    if !takes_exact_args(cd, total) {
        return None;
    }
    // The first `total` locals are left for the arguments.
    let fp = Frame::for_function(&vm.thread, code, cd, Some(f.clone()), fd, total)?;
    // SAFETY: a fresh frame with at least `argcount` (== total) locals,
    // none of the first `total` holding a value yet.
    unsafe {
        let slots = (*fp).slots.as_mut_ptr();
        if let Some(s) = self_ {
            ptr::write(slots, Some(s.clone()));
        }
        for (i, a) in args.iter().enumerate() {
            ptr::write(slots.add(first + i), Some(a.clone()));
        }
        skip_resume_if_idle(vm, &mut *fp, cd);
    }
    Some(fp)
}

/// Call the Python function `f` with `self_` followed by `args`, as a slot
/// or a type call runs a method found on a type (`__init__`, `__lt__`,
/// `__getitem__`, a property's getter): when the call binds one to one,
/// `self_` and the arguments are cloned straight into the new frame, with
/// no argument array made for the call (CPython's
/// `PY_VECTORCALL_ARGUMENTS_OFFSET` trick has the same aim).
pub(crate) fn call_function_with_self(
    vm: &Vm,
    f: &Obj,
    self_: &Obj,
    args: &[Obj],
    kwnames: Option<&Obj>,
) -> PyResult<Obj> {
    debug_assert!(f.has_payload::<FunctionData>());
    // SAFETY: the callers pass an exact `function` (checked by type).
    let fd = unsafe { f.payload_unchecked::<FunctionData>() };
    let frame = match kwnames {
        None => frame_for_positional(vm, f, fd, Some(self_), args),
        Some(_) => None,
    };
    let frame = match frame {
        Some(frame) => frame,
        None => return vm.with_self_prepended(self_, args, |full| call_function(vm, f, full, kwnames)),
    };
    match run_frame(vm, frame, None)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.system_error("a function frame yielded")),
    }
}

/// The `function` type's call slot: run the function to completion.
pub(crate) fn call_function(vm: &Vm, f: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    debug_assert!(f.has_payload::<FunctionData>());
    // SAFETY: this is the call slot of `function` only (a type that cannot
    // be subclassed; its `__call__` wrapper checks the object's type), so
    // `f` is a function.
    let fd = unsafe { f.payload_unchecked::<FunctionData>() };
    let frame = match kwnames {
        None => match frame_for_positional(vm, f, fd, None, args) {
            Some(frame) => frame,
            None => make_frame(vm, f, fd, args, None)?,
        },
        Some(_) => make_frame(vm, f, fd, args, kwnames)?,
    };
    match run_frame(vm, frame, None)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.system_error("a function frame yielded")),
    }
}

/// The builtins of code running with `globals` (CPython's
/// `_PyEval_BuiltinsFromGlobals`): `globals['__builtins__']` (a module's
/// dict, or whatever object it is: lookups then go through `[]`), else the
/// builtins of the running frame.
pub(crate) fn builtins_from_globals(vm: &Vm, globals: &Obj) -> Obj {
    let found = crate::objects::dict::get_str_item(vm, globals, &vm.ctx.names.dunder_builtins);
    builtins_or_current(vm, found)
}

/// `builtins_from_globals` with the lookup hinted (`DictData::get_str_hinted`).
#[inline]
pub(crate) fn builtins_from_globals_hinted(vm: &Vm, globals: &Obj, hint: &std::cell::Cell<u32>) -> Obj {
    let found =
        crate::objects::dict::data(globals).and_then(|g| g.get_str_hinted(vm, &vm.ctx.names.dunder_builtins, hint));
    builtins_or_current(vm, found)
}

/// The builtins `globals['__builtins__']` (`found`) stands for, or the
/// running frame's when it is absent.
#[inline]
fn builtins_or_current(vm: &Vm, found: Option<Obj>) -> Obj {
    match found {
        Some(b) => match crate::objects::module::try_module_dict(&b) {
            Some(d) => d,
            None => b,
        },
        None => {
            let f = vm.thread.current_frame.get();
            if f.is_null() {
                vm.builtins_dict()
            } else {
                // SAFETY: `current_frame` is the live frame running on this
                // thread; one field is cloned.
                unsafe { (*f).builtins.clone() }
            }
        }
    }
}

/// Globals without `__builtins__` get the running frame's builtins dict
/// (CPython's `PyEval_GetBuiltins`, as `exec` and `PyEval_EvalCode` do):
/// an imported module's `__builtins__` is the dict, `__main__`'s the module
/// (set before its code runs).
pub(crate) fn insert_builtins(vm: &Vm, globals: &Obj) -> PyResult<()> {
    if crate::objects::dict::get_item_str(vm, globals, "__builtins__").is_some() {
        return Ok(());
    }
    let builtins = builtins_from_globals(vm, globals);
    crate::objects::dict::set_item_str(vm, globals, "__builtins__", builtins)
}

/// Run a code object with these globals and locals (`exec`, module bodies).
pub fn run_code(vm: &Vm, code: &Obj, globals: &Obj, locals: Option<Obj>) -> PyResult<Obj> {
    insert_builtins(vm, globals)?;
    let builtins = builtins_from_globals(vm, globals);
    let locals = locals.unwrap_or_else(|| globals.clone());
    check_frame_size(vm, code_of(code))?;
    let Some(frame) = Frame::new(code.clone(), None, globals.clone(), builtins, Some(locals)) else {
        return Err(vm.memory_error());
    };
    match run_frame(vm, frame, None)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.system_error("module code yielded")),
    }
}

/// `exec(code, globals, locals, closure=cells)`: the code runs with the
/// cells as its free variables (the caller checked them).
pub(crate) fn run_code_with_closure(
    vm: &Vm,
    code: &Obj,
    globals: &Obj,
    locals: Obj,
    closure: Option<Obj>,
) -> PyResult<Obj> {
    let func =
        crate::objects::function::new_function_full(vm, code.clone(), globals.clone(), None, None, None, closure);
    let builtins = func_of(&func).builtins.clone();
    check_frame_size(vm, code_of(code))?;
    let Some(frame) = Frame::new(code.clone(), Some(func), globals.clone(), builtins, Some(locals)) else {
        return Err(vm.memory_error());
    };
    match run_frame(vm, frame, None)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.system_error("exec'd code yielded")),
    }
}

/// Run a class body: the function's code with `ns` as its locals
/// (`__build_class__`). Returns the `__class__` cell or None.
pub(crate) fn run_class_body(vm: &Vm, f: &Obj, ns: &Obj) -> PyResult<Obj> {
    let fd = func_of(f);
    let frame = make_frame(vm, f, fd, &[], None)?;
    // SAFETY: a fresh frame that only this function refers to.
    unsafe { (*frame).locals = Some(ns.clone()) };
    match run_frame(vm, frame, None)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => Err(vm.system_error("a class body yielded")),
    }
}
