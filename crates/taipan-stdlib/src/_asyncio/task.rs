//! `_asyncio.Task` (the second half of CPython's `_asynciomodule.c`): a
//! Future that drives a coroutine. `task_step` resumes the coroutine
//! (`send(None)` or `throw(exc)`) between `_enter_task` and
//! `_leave_task`, then looks at what it yielded: a blocking future gets
//! `task_wakeup` as a done callback (which steps the task again), a bare
//! `yield` reschedules the step, anything else is an error thrown into the
//! coroutine at the next step. Steps are scheduled through
//! `loop.call_soon` with a `TaskStepMethWrapper` and the task's context.

use taipan_vm::api::exceptions::set_context;
use taipan_vm::api::iter::{send as iter_send, SendResult};
use taipan_vm::api::types::{flags, new_builtin_method, new_type, GetSetDef, MethodDef, Slots, TypeObject, TypeSpec};
use taipan_vm::api::{args, dict, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::future::{
    call_exception_handler, create_cancelled_error, fut, future_add_done_callback, future_cancel, future_finalize,
    future_get_result, future_init, future_set_exception, future_set_result, FutState, FutureObj, Outcome,
};
use super::{call_method, call_soon, enter_task, leave_task, register_task, st, state, State};
use crate::support::{clear_cells, visit_cells};

pub(crate) const TASK: &str = "_asyncio.Task";
const STEP: &str = "_asyncio.TaskStepMethWrapper";

fn with_state<R>(vm: &Vm, f: impl FnOnce(&State) -> PyResult<R>) -> PyResult<R> {
    let so = state(vm)?;
    f(st(&so))
}

/// CPython's `is_coroutine`: an exact coroutine, a type already accepted,
/// or whatever `asyncio.iscoroutine` accepts (its type then remembered).
fn is_coroutine(vm: &Vm, s: &State, coro: &Obj) -> PyResult<bool> {
    if coro.type_is(&vm.ctx.types.coroutine) {
        return Ok(true);
    }
    let ty = coro.class_obj();
    if vm.contains(&s.iscoroutine_typecache, &ty)? {
        return Ok(true);
    }
    let res = vm.call1(&s.iscoroutine_func, coro.clone())?;
    if !vm.is_true(&res)? {
        return Ok(false);
    }
    if vm.len(&s.iscoroutine_typecache)? < 100 {
        vm.call_method(&s.iscoroutine_typecache, "add", &[ty])?;
    }
    Ok(true)
}

// ---- __init__ and the finaliser ---------------------------------------------------------------

fn task_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec {
            fname: "Task",
            names: &["coro", "loop", "name", "context"],
            posonly: 0,
            required: 1,
            kwonly_from: 1,
        },
        a,
        k,
    )?;
    let get = |i: usize| p[i].clone().unwrap_or_else(|| vm.none());
    let (coro, loop_, name, context) = (get(0), get(1), get(2), get(3));
    with_state(vm, |s| {
        future_init(vm, s, o, loop_)?;
        let t = fut(vm, o)?;
        if !is_coroutine(vm, s, &coro)? {
            t.log_destroy_pending.set(false);
            return Err(vm.type_error(format!("a coroutine was expected, got {}", vm.repr_string(&coro)?)));
        }
        let context = if vm.is_none(&context) { crate::_contextvars::copy_current(vm)? } else { context };
        t.context.set(Some(context));
        t.fut_waiter.set(None);
        t.must_cancel.set(false);
        t.log_destroy_pending.set(true);
        t.num_cancels_requested.set(0);
        t.coro.set(Some(coro));
        let name = if vm.is_none(&name) {
            let n = s.task_name_counter.get() + 1;
            s.task_name_counter.set(n);
            vm.new_str(&format!("Task-{n}"))
        } else if name.type_is(&vm.ctx.types.str) {
            name
        } else {
            vm.str(&name)?
        };
        t.name.set(Some(name));
        task_call_step_soon(vm, s, o, None)?;
        register_task(vm, s, o)
    })
}

/// `tp_finalize`: a task still pending when it is destroyed goes to the
/// loop's exception handler, then the Future's check runs (CPython's
/// `TaskObj_finalize`).
fn task_finalize(vm: &Vm, o: &Obj) {
    let Some(t) = o.payload::<FutureObj>() else { return };
    if t.state.get() == FutState::Pending && t.log_destroy_pending.get() {
        if let Some(loop_) = t.loop_.get() {
            let context = vm.new_dict();
            let filled =
                dict::set_item_str(vm, &context, "message", vm.new_str("Task was destroyed but it is pending!"))
                    .and_then(|_| dict::set_item_str(vm, &context, "task", o.clone()))
                    .and_then(|_| match t.source_tb.get() {
                        Some(tb) => dict::set_item_str(vm, &context, "source_traceback", tb),
                        None => Ok(()),
                    });
            if filled.is_ok() {
                call_exception_handler(vm, &loop_, context);
            }
        }
    }
    future_finalize(vm, o);
}

// ---- methods ----------------------------------------------------------------------------------

fn task_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let t = fut(vm, o)?;
    if !t.is_alive() {
        return Err(vm.runtime_error("Future object is not initialized."));
    }
    with_state(vm, |s| vm.call1(&s.task_repr_func, o.clone()))
}

fn task_cancel(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "cancel", a, k, &["msg"], 0)?;
    let msg = p[0].clone().unwrap_or_else(|| vm.none());
    let t = fut(vm, o)?;
    t.log_tb.set(false);
    if t.state.get() != FutState::Pending {
        return Ok(vm.bool_obj(false));
    }
    t.num_cancels_requested.set(t.num_cancels_requested.get() + 1);
    if let Some(waiter) = t.fut_waiter.get() {
        let cancelled =
            with_state(vm, |s| call_method(vm, &waiter, &s.names.cancel, std::slice::from_ref(&msg), None))?;
        if vm.is_true(&cancelled)? {
            return Ok(vm.bool_obj(true));
        }
    }
    t.must_cancel.set(true);
    t.cancel_msg.set(Some(msg));
    Ok(vm.bool_obj(true))
}

fn task_cancelling(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "cancelling", a, k)?;
    Ok(vm.new_int(fut(vm, o)?.num_cancels_requested.get()))
}

fn task_uncancel(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "uncancel", a, k)?;
    let t = fut(vm, o)?;
    if t.num_cancels_requested.get() > 0 {
        t.num_cancels_requested.set(t.num_cancels_requested.get() - 1);
    }
    Ok(vm.new_int(t.num_cancels_requested.get()))
}

fn task_get_stack(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "get_stack", names: &["limit"], posonly: 0, required: 0, kwonly_from: 0 },
        a,
        k,
    )?;
    fut(vm, o)?;
    let limit = p[0].clone().unwrap_or_else(|| vm.none());
    with_state(vm, |s| vm.call(&s.task_get_stack_func, &[o.clone(), limit], None))
}

fn task_print_stack(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "print_stack", names: &["limit", "file"], posonly: 0, required: 0, kwonly_from: 0 },
        a,
        k,
    )?;
    fut(vm, o)?;
    let get = |i: usize| p[i].clone().unwrap_or_else(|| vm.none());
    with_state(vm, |s| vm.call(&s.task_print_stack_func, &[o.clone(), get(0), get(1)], None))
}

fn task_set_result(vm: &Vm, _o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<1>(vm, "set_result", a, k)?;
    Err(vm.runtime_error("Task does not support set_result operation"))
}

fn task_set_exception(vm: &Vm, _o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<1>(vm, "set_exception", a, k)?;
    Err(vm.runtime_error("Task does not support set_exception operation"))
}

fn task_get_coro(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_coro", a, k)?;
    Ok(fut(vm, o)?.coro.get().unwrap_or_else(|| vm.none()))
}

fn task_get_name(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_name", a, k)?;
    Ok(fut(vm, o)?.name.get().unwrap_or_else(|| vm.none()))
}

fn task_set_name(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [value] = args::exact::<1>(vm, "set_name", a, k)?;
    let t = fut(vm, o)?;
    let value = if value.type_is(&vm.ctx.types.str) { value } else { vm.str(&value)? };
    t.name.set(Some(value));
    Ok(vm.none())
}

const TASK_METHODS: &[MethodDef] = &[
    MethodDef::method("set_result", task_set_result),
    MethodDef::method("set_exception", task_set_exception),
    MethodDef::method("cancel", task_cancel),
    MethodDef::method("cancelling", task_cancelling),
    MethodDef::method("uncancel", task_uncancel),
    MethodDef::method("get_stack", task_get_stack),
    MethodDef::method("print_stack", task_print_stack),
    MethodDef::method("get_name", task_get_name),
    MethodDef::method("set_name", task_set_name),
    MethodDef::method("get_coro", task_get_coro),
    MethodDef::method("__del__", task_del),
];

fn task_del(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__del__", a, k)?;
    fut(vm, o)?;
    task_finalize(vm, o);
    Ok(vm.none())
}

fn get_log_destroy_pending(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.bool_obj(fut(vm, o)?.log_destroy_pending.get()))
}

fn set_log_destroy_pending(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let t = fut(vm, o)?;
    let Some(v) = v else { return Err(vm.attribute_error("cannot delete attribute")) };
    t.log_destroy_pending.set(vm.is_true(v)?);
    Ok(())
}

const TASK_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("_log_destroy_pending", get_log_destroy_pending, Some(set_log_destroy_pending)),
    GetSetDef::new("_must_cancel", |vm, o| Ok(vm.bool_obj(fut(vm, o)?.must_cancel.get())), None),
    GetSetDef::new("_coro", |vm, o| Ok(fut(vm, o)?.coro.get().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("_fut_waiter", |vm, o| Ok(fut(vm, o)?.fut_waiter.get().unwrap_or_else(|| vm.none())), None),
];

pub(crate) fn make_task_type(vm: &Vm, future_type: &Obj) -> Obj {
    let spec = TypeSpec {
        name: TASK,
        base: Some(future_type),
        flags: flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: TASK_METHODS,
        getsets: TASK_GETSETS,
        doc: Some("A coroutine wrapped in a Future."),
    };
    let ty = new_type::<FutureObj>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, cls, _a, _k| crate::support::alloc(vm, cls, TASK, FutureObj::new())));
        s.init.set(Some(task_init));
        s.repr.set(Some(task_repr));
    });
    if let Some(t) = ty.payload::<TypeObject>() {
        t.finalize.set(Some(task_finalize));
    }
    crate::support::register_type(vm, TASK, &ty);
    ty
}

// ---- scheduling steps -------------------------------------------------------------------------

/// The callable a step is scheduled with (CPython's
/// `TaskStepMethWrapper`): it steps `task`, throwing `arg` in if set.
struct StepMethWrapper {
    task: ObjCell,
    arg: ObjCell,
}
impl PyPayload for StepMethWrapper {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.task, &self.arg], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.task, &self.arg])
    }
}

fn step_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let nkw = k.map_or(0, taipan_vm::api::tuple::len);
    if nkw > 0 {
        return Err(vm.type_error("function takes no keyword arguments"));
    }
    if !a.is_empty() {
        return Err(vm.type_error("function takes no positional arguments"));
    }
    let w = taipan_vm::api::types::payload_or_err::<StepMethWrapper>(vm, o, STEP)?;
    let Some(task) = w.task.get() else { return Err(vm.runtime_error("uninitialized TaskStepMethWrapper")) };
    let arg = w.arg.get();
    with_state(vm, |s| task_step(vm, s, &task, arg))
}

pub(crate) fn make_step_type(vm: &Vm) -> Obj {
    let getsets: &[GetSetDef] = &[GetSetDef::new(
        "__self__",
        |vm, o| {
            let w = taipan_vm::api::types::payload_or_err::<StepMethWrapper>(vm, o, STEP)?;
            Ok(w.task.get().unwrap_or_else(|| vm.none()))
        },
        None,
    )];
    let spec = TypeSpec { name: "TaskStepMethWrapper", gc: true, getsets, ..Default::default() };
    let ty = new_type::<StepMethWrapper>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, _cls, _a, _k| Err(vm.type_error("cannot create 'TaskStepMethWrapper' instances"))));
        s.call.set(Some(step_call));
    });
    crate::support::register_type(vm, STEP, &ty);
    ty
}

/// Schedule a step of `task` (throwing `arg` in, if any) in its context.
fn task_call_step_soon(vm: &Vm, s: &State, task: &Obj, arg: Option<Obj>) -> PyResult<()> {
    let t = fut(vm, task)?;
    let w = StepMethWrapper { task: ObjCell::some(task.clone()), arg: ObjCell::new(arg) };
    let cb = crate::support::alloc_exact(vm, STEP, w)?;
    let loop_ = t.loop_.get().unwrap_or_else(|| vm.none());
    call_soon(vm, s, &loop_, cb, None, t.context.get())
}

/// Schedule a step that throws `RuntimeError(msg)` into the coroutine
/// (CPython's `task_set_error_soon`).
fn task_set_error_soon(vm: &Vm, s: &State, task: &Obj, msg: String) -> PyResult<Obj> {
    let e = vm.call1(&vm.ctx.exceptions.runtime_error, vm.new_str(&msg))?;
    task_call_step_soon(vm, s, task, Some(e))?;
    Ok(vm.none())
}

// ---- the step ---------------------------------------------------------------------------------

/// One step of the task, between `_enter_task` and `_leave_task`
/// (CPython's `task_step`). An error of the leave is raised with the
/// step's error as its context.
pub(crate) fn task_step(vm: &Vm, s: &State, task: &Obj, exc: Option<Obj>) -> PyResult<Obj> {
    let loop_ = fut(vm, task)?.loop_.get().unwrap_or_else(|| vm.none());
    enter_task(vm, s, &loop_, task)?;
    let res = task_step_impl(vm, s, task, exc);
    match (res, leave_task(vm, s, &loop_, task)) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(e),
        (Err(e), Ok(())) => Err(e),
        (Err(first), Err(later)) => {
            set_context(&later.0, Some(first.0));
            Err(later)
        }
    }
}

/// Resume the coroutine: `send(None)`, or `throw(exc)`; a returned value
/// comes back as `SendResult::Return`.
fn resume(vm: &Vm, s: &State, coro: &Obj, exc: Option<Obj>) -> PyResult<SendResult> {
    let Some(e) = exc else { return iter_send(vm, coro, vm.none()) };
    match call_method(vm, coro, &s.names.throw, &[e], None) {
        Ok(v) => Ok(SendResult::Yield(v)),
        Err(err) if vm.err_matches(&err, &vm.ctx.exceptions.stop_iteration) => {
            Ok(SendResult::Return(taipan_vm::api::exceptions::get_extra(&err.0, "value").unwrap_or_else(|| vm.none())))
        }
        Err(err) => Err(err),
    }
}

fn task_step_impl(vm: &Vm, s: &State, task: &Obj, exc: Option<Obj>) -> PyResult<Obj> {
    let t = fut(vm, task)?;
    if t.state.get() != FutState::Pending {
        let e = exc.unwrap_or_else(|| vm.none());
        let msg = format!("_step(): already done: {} {}", vm.repr_string(task)?, vm.repr_string(&e)?);
        return Err(s.invalid_state(vm, &msg));
    }
    let mut exc = exc;
    if t.must_cancel.get() {
        if let Some(e) = &exc {
            if !vm.isinstance(e, &s.cancelled_error)? {
                exc = None;
            }
        }
        if exc.is_none() {
            exc = Some(create_cancelled_error(vm, s, t)?);
        }
        t.must_cancel.set(false);
    }
    drop(t.fut_waiter.take());
    let Some(coro) = t.coro.get() else {
        return Err(vm.runtime_error("uninitialized Task object"));
    };
    match resume(vm, s, &coro, exc) {
        Ok(SendResult::Return(v)) => {
            if t.must_cancel.get() {
                // Cancelled right before the coroutine returned.
                t.must_cancel.set(false);
                future_cancel(vm, s, task, t.cancel_msg.get())?;
            } else {
                future_set_result(vm, s, task, v)?;
            }
            Ok(vm.none())
        }
        Err(e) if vm.err_matches(&e, &s.cancelled_error) => {
            // Kept for `result()` to raise, with its traceback and context.
            t.cancelled_exc.set(Some(e.0));
            future_cancel(vm, s, task, None)
        }
        Err(e) => {
            future_set_exception(vm, s, task, e.0.clone())?;
            let fatal = vm.err_matches(&e, &vm.ctx.exceptions.keyboard_interrupt)
                || vm.err_matches(&e, &vm.ctx.exceptions.system_exit);
            if fatal {
                return Err(e);
            }
            Ok(vm.none())
        }
        Ok(SendResult::Yield(result)) => handle_yield(vm, s, task, t, result),
    }
}

/// What the coroutine yielded decides what happens next.
fn handle_yield(vm: &Vm, s: &State, task: &Obj, t: &FutureObj, result: Obj) -> PyResult<Obj> {
    if result.is(task) {
        return task_set_error_soon(vm, s, task, format!("Task cannot await on itself: {}", vm.repr_string(task)?));
    }
    if s.is_exact_future(&result) {
        return wait_for_native(vm, s, task, t, result);
    }
    if vm.is_none(&result) {
        // A bare `yield` gives up one turn of the loop.
        task_call_step_soon(vm, s, task, None)?;
        return Ok(vm.none());
    }
    if let Some(blocking) = vm.getattr_opt(&result, &s.names.blocking)?.filter(|b| !vm.is_none(b)) {
        return wait_for_duck(vm, s, task, t, result, blocking);
    }
    if vm.isinstance(&result, &vm.ctx.types.generator)? {
        let msg = format!(
            "yield was used instead of yield from for generator in task {} with {}",
            vm.repr_string(task)?,
            vm.repr_string(&result)?
        );
        return task_set_error_soon(vm, s, task, msg);
    }
    task_set_error_soon(vm, s, task, format!("Task got bad yield: {}", vm.repr_string(&result)?))
}

fn different_loop(vm: &Vm, s: &State, task: &Obj, result: &Obj) -> PyResult<Obj> {
    let msg =
        format!("Task {} got Future {} attached to a different loop", vm.repr_string(task)?, vm.repr_string(result)?);
    task_set_error_soon(vm, s, task, msg)
}

fn yield_instead_of_yield_from(vm: &Vm, s: &State, task: &Obj, result: &Obj) -> PyResult<Obj> {
    let msg = format!(
        "yield was used instead of yield from in task {} with {}",
        vm.repr_string(task)?,
        vm.repr_string(result)?
    );
    task_set_error_soon(vm, s, task, msg)
}

/// The task waits for `result`; cancel it at once if the task must be.
fn set_waiter(vm: &Vm, s: &State, t: &FutureObj, result: Obj) -> PyResult<Obj> {
    t.fut_waiter.set(Some(result.clone()));
    if t.must_cancel.get() {
        let msg = t.cancel_msg.get().unwrap_or_else(|| vm.none());
        let r = call_method(vm, &result, &s.names.cancel, &[msg], None)?;
        if vm.is_true(&r)? {
            t.must_cancel.set(false);
        }
    }
    Ok(vm.none())
}

static WAKEUP: MethodDef = MethodDef::method("task_wakeup", task_wakeup);

/// A `_asyncio.Future`/`Task` (not a subclass) was awaited: its fields
/// are read and its callback added directly.
fn wait_for_native(vm: &Vm, s: &State, task: &Obj, t: &FutureObj, result: Obj) -> PyResult<Obj> {
    let f = fut(vm, &result)?;
    let same_loop = match (f.loop_.get(), t.loop_.get()) {
        (Some(a), Some(b)) => a.is(&b),
        (None, None) => true,
        _ => false,
    };
    if !same_loop {
        return different_loop(vm, s, task, &result);
    }
    if !f.blocking.get() {
        return yield_instead_of_yield_from(vm, s, task, &result);
    }
    f.blocking.set(false);
    let wakeup = new_builtin_method(vm, &WAKEUP, Some(task.clone()));
    let ctx = t.context.get().unwrap_or_else(|| vm.none());
    future_add_done_callback(vm, s, &result, wakeup, ctx)?;
    set_waiter(vm, s, t, result)
}

/// Another object with `_asyncio_future_blocking` (a Python Future or a
/// subclass) was awaited: the same through its Python methods.
fn wait_for_duck(vm: &Vm, s: &State, task: &Obj, t: &FutureObj, result: Obj, blocking: Obj) -> PyResult<Obj> {
    let blocking = vm.is_true(&blocking)?;
    let oloop = get_future_loop(vm, s, &result)?;
    if !t.loop_.is(&oloop) {
        return different_loop(vm, s, task, &result);
    }
    if !blocking {
        return yield_instead_of_yield_from(vm, s, task, &result);
    }
    vm.setattr(&result, &s.names.blocking, &vm.bool_obj(false))?;
    let wakeup = new_builtin_method(vm, &WAKEUP, Some(task.clone()));
    let ctx = t.context.get().unwrap_or_else(|| vm.none());
    call_method(vm, &result, &s.names.add_done_callback, &[wakeup, ctx], Some(&s.context_kwname))?;
    set_waiter(vm, s, t, result)
}

/// `asyncio.futures._get_loop(fut)`: `fut.get_loop()` if it has one, else
/// `fut._loop`.
fn get_future_loop(vm: &Vm, s: &State, f: &Obj) -> PyResult<Obj> {
    if s.is_exact_future(f) {
        return Ok(fut(vm, f)?.loop_.get().unwrap_or_else(|| vm.none()));
    }
    match vm.getattr_opt(f, &s.names.get_loop)? {
        Some(get_loop) => vm.call0(&get_loop),
        None => vm.getattr(f, &s.names.loop_),
    }
}

/// The done callback of the future a task waits for: step the task, with
/// the future's exception thrown in if it has one (CPython's
/// `task_wakeup`).
fn task_wakeup(vm: &Vm, task: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [o] = args::exact::<1>(vm, "task_wakeup", a, k)?;
    with_state(vm, |s| {
        if s.is_exact_future(&o) {
            let f = fut(vm, &o)?;
            return match future_get_result(vm, s, f) {
                Ok(Outcome::Value(_)) => task_step(vm, s, task, None),
                Ok(Outcome::Exception(e)) => task_step(vm, s, task, Some(e)),
                Err(e) => task_step(vm, s, task, Some(e.0)),
            };
        }
        match call_method(vm, &o, &s.names.result, &[], None) {
            Ok(_) => task_step(vm, s, task, None),
            Err(e) => task_step(vm, s, task, Some(e.0)),
        }
    })
}
