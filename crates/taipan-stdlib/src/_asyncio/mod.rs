//! `_asyncio` (CPython 3.11's `Modules/_asynciomodule.c`): the
//! accelerator under Lib's `asyncio`. `future.rs` is `Future` and its
//! iterator, `task.rs` is `Task` with the step/wakeup machinery; this file
//! holds the module's state, the running-loop functions and the task
//! registry (`_register_task`, `_enter_task`, ...).
//!
//! The module imports `asyncio`'s Python helpers when it is made, as
//! CPython's `module_init` does (repr, stack and coroutine checks stay
//! Lib's). That import runs `asyncio/futures.py`, which imports
//! `_asyncio` again: the inner `init` makes the state and the types, and
//! the outer one finds and reuses them, so both module objects hold the
//! same classes.

mod future;
mod task;

use std::cell::Cell;

use taipan_vm::api::types::{MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, import, module, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use crate::support::{alloc_exact, module_type, register_type};

const STATE: &str = "_asyncio.state";
const HOLDER: &str = "_asyncio._RunningLoopHolder";
/// The thread-dict key of the running loop (CPython's name).
const RUNNING_LOOP_KEY: &str = "__asyncio_running_event_loop__";

/// The module's state (CPython's static globals of `_asynciomodule.c`),
/// one per interpreter, kept in `lazy_types` under `STATE`.
pub(crate) struct State {
    get_event_loop_policy: Obj,
    future_repr_func: Obj,
    task_repr_func: Obj,
    iscoroutine_func: Obj,
    task_get_stack_func: Obj,
    task_print_stack_func: Obj,
    invalid_state_error: Obj,
    cancelled_error: Obj,
    extract_stack: Obj,
    /// `_all_tasks`: a `weakref.WeakSet`.
    all_tasks: Obj,
    /// `_current_tasks`: `{loop: task}`.
    current_tasks: Obj,
    /// Types whose instances `asyncio.iscoroutine` accepted (at most 100).
    iscoroutine_typecache: Obj,
    /// `("context",)`, the kwnames of `call_soon(..., context=ctx)`.
    context_kwname: Obj,
    task_name_counter: Cell<u64>,
    future_type: ObjCell,
    task_type: ObjCell,
    iter_type: ObjCell,
    step_type: ObjCell,
    names: Names,
}

/// Interned attribute names used on every step.
struct Names {
    call_soon: Obj,
    cancel: Obj,
    add_done_callback: Obj,
    blocking: Obj,
    get_debug: Obj,
    get_loop: Obj,
    loop_: Obj,
    result: Obj,
    throw: Obj,
    running_key: Obj,
    pending: Obj,
    cancelled: Obj,
    finished: Obj,
}

impl PyPayload for State {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        for o in [
            &self.get_event_loop_policy,
            &self.future_repr_func,
            &self.task_repr_func,
            &self.iscoroutine_func,
            &self.task_get_stack_func,
            &self.task_print_stack_func,
            &self.invalid_state_error,
            &self.cancelled_error,
            &self.extract_stack,
            &self.all_tasks,
            &self.current_tasks,
            &self.iscoroutine_typecache,
            &self.context_kwname,
        ] {
            visit(o);
        }
        crate::support::visit_cells(&[&self.future_type, &self.task_type, &self.iter_type, &self.step_type], visit);
    }
}

/// The interpreter's `_asyncio` state (an error before the module is made).
pub(crate) fn state(vm: &Vm) -> PyResult<Obj> {
    module_type(vm, STATE).ok_or_else(|| vm.system_error("_asyncio is not initialised"))
}

pub(crate) fn st(o: &Obj) -> &State {
    // The state object is made only by `make_state`, with a `State`.
    match o.payload::<State>() {
        Some(s) => s,
        None => unreachable!("_asyncio state of another type"),
    }
}

impl State {
    /// Is `o` exactly a `_asyncio.Future` or `_asyncio.Task` (not a
    /// subclass), whose methods cannot have been overridden?
    fn is_exact_future(&self, o: &Obj) -> bool {
        self.future_type.is(&o.class_obj()) || self.task_type.is(&o.class_obj())
    }

    fn invalid_state(&self, vm: &Vm, msg: &str) -> PyErr {
        match vm.call1(&self.invalid_state_error, vm.new_str(msg)) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }
}

/// `o.name(*args)` with an interned name, without making a bound method
/// when the attribute is a plain method (LOAD_METHOD's way).
fn call_method(vm: &Vm, o: &Obj, name: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let (f, unbound) = vm.get_method(o, name)?;
    if !unbound {
        return vm.call(&f, args, kwnames);
    }
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(o.clone());
    full.extend_from_slice(args);
    vm.call(&f, &full, kwnames)
}

/// `loop.call_soon(func[, arg], context=ctx)` (CPython's `call_soon`).
fn call_soon(vm: &Vm, s: &State, loop_: &Obj, func: Obj, arg: Option<Obj>, ctx: Option<Obj>) -> PyResult<()> {
    let mut a = Vec::with_capacity(3);
    a.push(func);
    a.extend(arg);
    match ctx {
        None => call_method(vm, loop_, &s.names.call_soon, &a, None)?,
        Some(c) => {
            a.push(c);
            call_method(vm, loop_, &s.names.call_soon, &a, Some(&s.context_kwname))?
        }
    };
    Ok(())
}

// ---- the running loop -------------------------------------------------------------------------

/// What `_set_running_loop` puts in the thread's dict: the loop and the
/// process that set it (a forked child does not inherit the parent's
/// running loop).
struct RunningLoopHolder {
    loop_: Obj,
    pid: i32,
}
impl PyPayload for RunningLoopHolder {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.loop_);
    }
}

fn getpid() -> i32 {
    // SAFETY: getpid has no preconditions and cannot fail.
    unsafe { libc::getpid() }
}

/// The running loop of this thread, if any (CPython's `get_running_loop`).
pub(crate) fn running_loop(vm: &Vm, s: &State) -> PyResult<Option<Obj>> {
    let Some(d) = vm.thread.dict.get() else { return Ok(None) };
    let Some(h) = dict::get_item_opt(vm, &d, &s.names.running_key)? else { return Ok(None) };
    let Some(holder) = h.payload::<RunningLoopHolder>() else { return Ok(None) };
    if vm.is_none(&holder.loop_) || holder.pid != getpid() {
        return Ok(None);
    }
    Ok(Some(holder.loop_.clone()))
}

fn set_running_loop(vm: &Vm, s: &State, loop_: Obj) -> PyResult<()> {
    let holder = alloc_exact(vm, HOLDER, RunningLoopHolder { loop_, pid: getpid() })?;
    let d = crate::_thread::thread_dict(vm);
    dict::set_item(vm, &d, s.names.running_key.clone(), holder)
}

/// `get_event_loop()`: the running loop, else the policy's loop.
pub(crate) fn get_event_loop(vm: &Vm, s: &State) -> PyResult<Obj> {
    if let Some(l) = running_loop(vm, s)? {
        return Ok(l);
    }
    let policy = vm.call0(&s.get_event_loop_policy)?;
    vm.call_method(&policy, "get_event_loop", &[])
}

fn with_state<R>(vm: &Vm, f: impl FnOnce(&State) -> PyResult<R>) -> PyResult<R> {
    let so = state(vm)?;
    f(st(&so))
}

fn get_event_loop_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_event_loop", a, k)?;
    with_state(vm, |s| get_event_loop(vm, s))
}

fn private_get_event_loop(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "_get_event_loop", a, k, &["stacklevel"], 0)?;
    if let Some(level) = &p[0] {
        if !vm.has_index(level) || vm.isinstance_type(level, &vm.ctx.types.float) {
            return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(level))));
        }
        crate::support::ssize_arg(vm, level)?;
    }
    with_state(vm, |s| get_event_loop(vm, s))
}

fn get_running_loop_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_running_loop", a, k)?;
    with_state(vm, |s| running_loop(vm, s)?.ok_or_else(|| vm.runtime_error("no running event loop")))
}

fn private_get_running_loop(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "_get_running_loop", a, k)?;
    with_state(vm, |s| Ok(running_loop(vm, s)?.unwrap_or_else(|| vm.none())))
}

fn private_set_running_loop(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [l] = args::exact::<1>(vm, "_set_running_loop", a, k)?;
    with_state(vm, |s| set_running_loop(vm, s, l))?;
    Ok(vm.none())
}

// ---- the task registry ------------------------------------------------------------------------

fn register_task(vm: &Vm, s: &State, task: &Obj) -> PyResult<()> {
    vm.call_method(&s.all_tasks, "add", std::slice::from_ref(task))?;
    Ok(())
}

fn unregister_task(vm: &Vm, s: &State, task: &Obj) -> PyResult<()> {
    vm.call_method(&s.all_tasks, "discard", std::slice::from_ref(task))?;
    Ok(())
}

fn enter_task(vm: &Vm, s: &State, loop_: &Obj, task: &Obj) -> PyResult<()> {
    let d = dict::data(&s.current_tasks).ok_or_else(|| vm.system_error("_current_tasks is not a dict"))?;
    let hash = vm.hash(loop_)?;
    if let Some(cur) = d.get_hashed(vm, loop_, hash)? {
        return Err(vm.runtime_error(format!(
            "Cannot enter into task {} while another task {} is being executed.",
            vm.repr_string(task)?,
            vm.repr_string(&cur)?
        )));
    }
    d.set_hashed(vm, loop_.clone(), hash, task.clone())
}

fn leave_task(vm: &Vm, s: &State, loop_: &Obj, task: &Obj) -> PyResult<()> {
    let d = dict::data(&s.current_tasks).ok_or_else(|| vm.system_error("_current_tasks is not a dict"))?;
    let hash = vm.hash(loop_)?;
    let cur = d.get_hashed(vm, loop_, hash)?;
    if !cur.as_ref().is_some_and(|c| c.is(task)) {
        let cur = cur.unwrap_or_else(|| vm.none());
        return Err(vm.runtime_error(format!(
            "Leaving task {} does not match the current task {}.",
            vm.repr_string(task)?,
            vm.repr_string(&cur)?
        )));
    }
    d.remove_hashed(vm, loop_, hash)?;
    Ok(())
}

fn one_arg(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>, name: &str) -> PyResult<Obj> {
    let p = args::parse(vm, fname, a, k, &[name], 1)?;
    Ok(p[0].clone().unwrap_or_else(|| vm.none()))
}

fn two_args(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<(Obj, Obj)> {
    let p = args::parse(vm, fname, a, k, &["loop", "task"], 2)?;
    let get = |i: usize| p[i].clone().unwrap_or_else(|| vm.none());
    Ok((get(0), get(1)))
}

fn register_task_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let task = one_arg(vm, "_register_task", a, k, "task")?;
    with_state(vm, |s| register_task(vm, s, &task))?;
    Ok(vm.none())
}

fn unregister_task_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let task = one_arg(vm, "_unregister_task", a, k, "task")?;
    with_state(vm, |s| unregister_task(vm, s, &task))?;
    Ok(vm.none())
}

fn enter_task_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (l, t) = two_args(vm, "_enter_task", a, k)?;
    with_state(vm, |s| enter_task(vm, s, &l, &t))?;
    Ok(vm.none())
}

fn leave_task_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (l, t) = two_args(vm, "_leave_task", a, k)?;
    with_state(vm, |s| leave_task(vm, s, &l, &t))?;
    Ok(vm.none())
}

// ---- the module -------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("get_event_loop", get_event_loop_fn),
    MethodDef::static_("_get_event_loop", private_get_event_loop),
    MethodDef::static_("get_running_loop", get_running_loop_fn),
    MethodDef::static_("_get_running_loop", private_get_running_loop),
    MethodDef::static_("_set_running_loop", private_set_running_loop),
    MethodDef::static_("_register_task", register_task_fn),
    MethodDef::static_("_unregister_task", unregister_task_fn),
    MethodDef::static_("_enter_task", enter_task_fn),
    MethodDef::static_("_leave_task", leave_task_fn),
];

fn attr(vm: &Vm, module: &str, name: &str) -> PyResult<Obj> {
    let m = import::import_module(vm, module)?;
    vm.getattr_str(&m, name)
}

/// The Python helpers and containers of the state (CPython's
/// `module_init`); importing them may re-enter `init`.
struct Imported {
    get_event_loop_policy: Obj,
    future_repr_func: Obj,
    task_repr_func: Obj,
    iscoroutine_func: Obj,
    task_get_stack_func: Obj,
    task_print_stack_func: Obj,
    invalid_state_error: Obj,
    cancelled_error: Obj,
    extract_stack: Obj,
    weak_set: Obj,
}

fn import_helpers(vm: &Vm) -> PyResult<Imported> {
    import::import_module(vm, "asyncio")?;
    Ok(Imported {
        get_event_loop_policy: attr(vm, "asyncio.events", "get_event_loop_policy")?,
        future_repr_func: attr(vm, "asyncio.base_futures", "_future_repr")?,
        invalid_state_error: attr(vm, "asyncio.exceptions", "InvalidStateError")?,
        cancelled_error: attr(vm, "asyncio.exceptions", "CancelledError")?,
        task_repr_func: attr(vm, "asyncio.base_tasks", "_task_repr")?,
        task_get_stack_func: attr(vm, "asyncio.base_tasks", "_task_get_stack")?,
        task_print_stack_func: attr(vm, "asyncio.base_tasks", "_task_print_stack")?,
        iscoroutine_func: attr(vm, "asyncio.coroutines", "iscoroutine")?,
        extract_stack: attr(vm, "traceback", "extract_stack")?,
        weak_set: attr(vm, "weakref", "WeakSet")?,
    })
}

fn make_names(vm: &Vm) -> Names {
    Names {
        call_soon: vm.intern("call_soon"),
        cancel: vm.intern("cancel"),
        add_done_callback: vm.intern("add_done_callback"),
        blocking: vm.intern("_asyncio_future_blocking"),
        get_debug: vm.intern("get_debug"),
        get_loop: vm.intern("get_loop"),
        loop_: vm.intern("_loop"),
        result: vm.intern("result"),
        throw: vm.intern("throw"),
        running_key: vm.intern(RUNNING_LOOP_KEY),
        pending: vm.intern("PENDING"),
        cancelled: vm.intern("CANCELLED"),
        finished: vm.intern("FINISHED"),
    }
}

fn make_state(vm: &Vm) -> PyResult<Obj> {
    let imp = import_helpers(vm)?;
    if let Some(s) = module_type(vm, STATE) {
        // A nested import of this module made it while we imported.
        return Ok(s);
    }
    let holder_spec = TypeSpec { name: "_RunningLoopHolder", gc: true, ..Default::default() };
    let holder = taipan_vm::api::types::new_type::<RunningLoopHolder>(vm, &holder_spec, |_| {});
    register_type(vm, HOLDER, &holder);
    let state_spec = TypeSpec { name: "_asyncio._State", gc: true, ..Default::default() };
    let state_ty = taipan_vm::api::types::new_type::<State>(vm, &state_spec, |_| {});
    register_type(vm, "_asyncio._State", &state_ty);
    let s = State {
        get_event_loop_policy: imp.get_event_loop_policy,
        future_repr_func: imp.future_repr_func,
        task_repr_func: imp.task_repr_func,
        iscoroutine_func: imp.iscoroutine_func,
        task_get_stack_func: imp.task_get_stack_func,
        task_print_stack_func: imp.task_print_stack_func,
        invalid_state_error: imp.invalid_state_error,
        cancelled_error: imp.cancelled_error,
        extract_stack: imp.extract_stack,
        all_tasks: vm.call0(&imp.weak_set)?,
        current_tasks: vm.new_dict(),
        iscoroutine_typecache: vm.new_set(),
        context_kwname: vm.new_tuple(vec![vm.intern("context")]),
        task_name_counter: Cell::new(0),
        future_type: ObjCell::new(None),
        task_type: ObjCell::new(None),
        iter_type: ObjCell::new(None),
        step_type: ObjCell::new(None),
        names: make_names(vm),
    };
    let so = alloc_exact(vm, "_asyncio._State", s)?;
    let s = st(&so);
    let fut = future::make_future_type(vm);
    s.task_type.set(Some(task::make_task_type(vm, &fut)));
    s.future_type.set(Some(fut));
    s.iter_type.set(Some(future::make_iter_type(vm)));
    s.step_type.set(Some(task::make_step_type(vm)));
    register_type(vm, STATE, &so);
    Ok(so)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let so = match module_type(vm, STATE) {
        Some(s) => s,
        None => make_state(vm)?,
    };
    let s = st(&so);
    let m = module::new_module(vm, "_asyncio");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Accelerator module for asyncio"))?;
    module::add_functions(vm, &m, "_asyncio", FUNCTIONS);
    dict::set_item_str(vm, &d, "Future", s.future_type.get().unwrap_or_else(|| vm.none()))?;
    dict::set_item_str(vm, &d, "Task", s.task_type.get().unwrap_or_else(|| vm.none()))?;
    dict::set_item_str(vm, &d, "_all_tasks", s.all_tasks.clone())?;
    dict::set_item_str(vm, &d, "_current_tasks", s.current_tasks.clone())?;
    Ok(m)
}
