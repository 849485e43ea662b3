//! `_asyncio.Future` and `_asyncio.FutureIter` (the first half of
//! CPython's `_asynciomodule.c`).
//!
//! A Task is a Future with more fields, and Python code subclasses both,
//! so the two types share one payload, `FutureObj`: the Task fields stay
//! empty in a plain Future. Callbacks are kept as CPython keeps them: the
//! first in `callback0`/`context0` (most futures have one, and then no
//! vector is allocated), the others in `callbacks`. No borrow of the
//! vector lives across a call into Python: it is taken out or copied.

use std::cell::{Cell, RefCell};

use taipan_vm::api::exceptions::{set_traceback, traceback_of};
use taipan_vm::api::types::{flags, new_type, GetSetDef, MethodDef, Slots, TypeObject, TypeSpec};
use taipan_vm::api::{args, dict, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::{call_method, call_soon, get_event_loop, st, state, State};
use crate::support::{class_getitem, clear_cells, iter_self, short_type_name, visit_cells};

pub(crate) const FUTURE: &str = "_asyncio.Future";
const FUTURE_ITER: &str = "_asyncio.FutureIter";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FutState {
    Pending,
    Cancelled,
    Finished,
}

/// The instance data of `_asyncio.Future` and `_asyncio.Task` (CPython's
/// `FutureObj` and `TaskObj`). A future whose `loop_` is empty was never
/// initialised (`__init__` not run).
pub(crate) struct FutureObj {
    pub(crate) loop_: ObjCell,
    callback0: ObjCell,
    context0: ObjCell,
    callbacks: RefCell<Vec<(Obj, Obj)>>,
    result: ObjCell,
    pub(crate) exception: ObjCell,
    exception_tb: ObjCell,
    pub(crate) source_tb: ObjCell,
    pub(crate) cancel_msg: ObjCell,
    pub(crate) cancelled_exc: ObjCell,
    pub(crate) state: Cell<FutState>,
    pub(crate) log_tb: Cell<bool>,
    pub(crate) blocking: Cell<bool>,
    // Task only.
    pub(crate) fut_waiter: ObjCell,
    pub(crate) coro: ObjCell,
    pub(crate) name: ObjCell,
    pub(crate) context: ObjCell,
    pub(crate) must_cancel: Cell<bool>,
    pub(crate) log_destroy_pending: Cell<bool>,
    pub(crate) num_cancels_requested: Cell<i64>,
}

impl FutureObj {
    pub(crate) fn new() -> FutureObj {
        FutureObj {
            loop_: ObjCell::new(None),
            callback0: ObjCell::new(None),
            context0: ObjCell::new(None),
            callbacks: RefCell::new(Vec::new()),
            result: ObjCell::new(None),
            exception: ObjCell::new(None),
            exception_tb: ObjCell::new(None),
            source_tb: ObjCell::new(None),
            cancel_msg: ObjCell::new(None),
            cancelled_exc: ObjCell::new(None),
            state: Cell::new(FutState::Pending),
            log_tb: Cell::new(false),
            blocking: Cell::new(false),
            fut_waiter: ObjCell::new(None),
            coro: ObjCell::new(None),
            name: ObjCell::new(None),
            context: ObjCell::new(None),
            must_cancel: Cell::new(false),
            log_destroy_pending: Cell::new(false),
            num_cancels_requested: Cell::new(0),
        }
    }

    fn cells(&self) -> [&ObjCell; 13] {
        [
            &self.loop_,
            &self.callback0,
            &self.context0,
            &self.result,
            &self.exception,
            &self.exception_tb,
            &self.source_tb,
            &self.cancel_msg,
            &self.cancelled_exc,
            &self.fut_waiter,
            &self.coro,
            &self.name,
            &self.context,
        ]
    }

    pub(crate) fn is_alive(&self) -> bool {
        self.loop_.is_some()
    }

    fn take_callbacks(&self) -> Vec<(Obj, Obj)> {
        match self.callbacks.try_borrow_mut() {
            Ok(mut v) => std::mem::take(&mut *v),
            Err(_) => Vec::new(),
        }
    }

    fn has_callbacks(&self) -> bool {
        self.callback0.is_some() || self.callbacks.try_borrow().is_ok_and(|v| !v.is_empty())
    }
}

impl PyPayload for FutureObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        let cells = self.cells();
        visit_cells(&cells, visit);
        if let Ok(v) = self.callbacks.try_borrow() {
            for (cb, ctx) in v.iter() {
                visit(cb);
                visit(ctx);
            }
        }
    }
    fn clear(&self) {
        let cells = self.cells();
        clear_cells(&cells);
        drop(self.take_callbacks());
    }
}

pub(crate) fn fut<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a FutureObj> {
    taipan_vm::api::types::payload_or_err::<FutureObj>(vm, o, FUTURE)
}

fn not_initialized(vm: &Vm) -> PyErr {
    vm.runtime_error("Future object is not initialized.")
}

/// CPython's `ENSURE_FUTURE_ALIVE`.
fn alive<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a FutureObj> {
    let f = fut(vm, o)?;
    if !f.is_alive() {
        return Err(not_initialized(vm));
    }
    Ok(f)
}

// ---- the core operations (shared with Task) ---------------------------------------------------

/// `Future.__init__`'s work (CPython's `future_init`); a Task's init runs
/// it first.
pub(crate) fn future_init(vm: &Vm, s: &State, o: &Obj, loop_: Obj) -> PyResult<()> {
    let f = fut(vm, o)?;
    let old = [
        f.loop_.take(),
        f.callback0.take(),
        f.context0.take(),
        f.result.take(),
        f.exception.take(),
        f.exception_tb.take(),
        f.source_tb.take(),
        f.cancel_msg.take(),
        f.cancelled_exc.take(),
    ];
    drop(f.take_callbacks());
    drop(old);
    f.state.set(FutState::Pending);
    f.log_tb.set(false);
    f.blocking.set(false);
    let loop_ = if vm.is_none(&loop_) { get_event_loop(vm, s)? } else { loop_ };
    f.loop_.set(Some(loop_.clone()));
    let debug = call_method(vm, &loop_, &s.names.get_debug, &[], None)?;
    if vm.is_true(&debug)? && !taipan_vm::api::thread::is_finalizing(vm) {
        let tb = vm.call0(&s.extract_stack)?;
        f.source_tb.set(Some(tb));
    }
    Ok(())
}

/// Schedule the callbacks with the loop and forget them (CPython's
/// `future_schedule_callbacks`). On an error the rest are dropped, as the
/// Python implementation does.
fn schedule_callbacks(vm: &Vm, s: &State, o: &Obj, f: &FutureObj) -> PyResult<()> {
    let first = f.callback0.take();
    let ctx0 = f.context0.take();
    let rest = f.take_callbacks();
    let Some(loop_) = f.loop_.get() else { return Ok(()) };
    if let Some(cb) = first {
        call_soon(vm, s, &loop_, cb, Some(o.clone()), ctx0)?;
    }
    for (cb, ctx) in rest {
        call_soon(vm, s, &loop_, cb, Some(o.clone()), Some(ctx))?;
    }
    Ok(())
}

pub(crate) fn future_set_result(vm: &Vm, s: &State, o: &Obj, res: Obj) -> PyResult<Obj> {
    let f = alive(vm, o)?;
    if f.state.get() != FutState::Pending {
        return Err(s.invalid_state(vm, "invalid state"));
    }
    f.result.set(Some(res));
    f.state.set(FutState::Finished);
    schedule_callbacks(vm, s, o, f)?;
    Ok(vm.none())
}

fn is_exception_class(vm: &Vm, o: &Obj) -> bool {
    vm.is_type(o) && vm.is_subtype(o, &vm.ctx.exceptions.base_exception)
}

pub(crate) fn future_set_exception(vm: &Vm, s: &State, o: &Obj, exc: Obj) -> PyResult<Obj> {
    let f = fut(vm, o)?;
    if f.state.get() != FutState::Pending {
        return Err(s.invalid_state(vm, "invalid state"));
    }
    let exc = if is_exception_class(vm, &exc) {
        let e = vm.call0(&exc)?;
        if f.state.get() != FutState::Pending {
            return Err(s.invalid_state(vm, "invalid state"));
        }
        e
    } else {
        exc
    };
    if !vm.isinstance_type(&exc, &vm.ctx.exceptions.base_exception) {
        return Err(vm.type_error("invalid exception object"));
    }
    if exc.type_is(&vm.ctx.exceptions.stop_iteration) {
        return Err(vm.type_error("StopIteration interacts badly with generators and cannot be raised into a Future"));
    }
    f.exception_tb.set(traceback_of(&exc));
    f.exception.set(Some(exc));
    f.state.set(FutState::Finished);
    schedule_callbacks(vm, s, o, f)?;
    f.log_tb.set(true);
    Ok(vm.none())
}

/// The CancelledError to raise for a cancelled future: the one a task's
/// coroutine raised if it was kept, else a new one with the message
/// (CPython's `create_cancelled_error`).
pub(crate) fn create_cancelled_error(vm: &Vm, s: &State, f: &FutureObj) -> PyResult<Obj> {
    if let Some(e) = f.cancelled_exc.take() {
        return Ok(e);
    }
    match f.cancel_msg.get().filter(|m| !vm.is_none(m)) {
        None => vm.call0(&s.cancelled_error),
        Some(m) => vm.call1(&s.cancelled_error, m),
    }
}

/// What a done future holds (CPython's `future_get_result`).
pub(crate) enum Outcome {
    Value(Obj),
    Exception(Obj),
}

pub(crate) fn future_get_result(vm: &Vm, s: &State, f: &FutureObj) -> PyResult<Outcome> {
    match f.state.get() {
        FutState::Cancelled => return Err(PyErr(create_cancelled_error(vm, s, f)?)),
        FutState::Pending => return Err(s.invalid_state(vm, "Result is not set.")),
        FutState::Finished => {}
    }
    f.log_tb.set(false);
    if let Some(e) = f.exception.get() {
        // The traceback it had when set, once (later raises start afresh).
        set_traceback(&e, f.exception_tb.take());
        return Ok(Outcome::Exception(e));
    }
    Ok(Outcome::Value(f.result.get().unwrap_or_else(|| vm.none())))
}

pub(crate) fn future_add_done_callback(vm: &Vm, s: &State, o: &Obj, cb: Obj, ctx: Obj) -> PyResult<()> {
    let f = fut(vm, o)?;
    let Some(loop_) = f.loop_.get() else {
        return Err(vm.runtime_error("uninitialized Future object"));
    };
    if f.state.get() != FutState::Pending {
        return call_soon(vm, s, &loop_, cb, Some(o.clone()), Some(ctx));
    }
    let list_empty = f.callbacks.try_borrow().is_ok_and(|v| v.is_empty());
    if list_empty && !f.callback0.is_some() {
        f.callback0.set(Some(cb));
        f.context0.set(Some(ctx));
        return Ok(());
    }
    match f.callbacks.try_borrow_mut() {
        Ok(mut v) => {
            v.try_reserve(1).map_err(|_| vm.memory_error())?;
            v.push((cb, ctx));
            Ok(())
        }
        Err(_) => Err(vm.runtime_error("Future callbacks changed during iteration")),
    }
}

pub(crate) fn future_cancel(vm: &Vm, s: &State, o: &Obj, msg: Option<Obj>) -> PyResult<Obj> {
    let f = fut(vm, o)?;
    f.log_tb.set(false);
    if f.state.get() != FutState::Pending {
        return Ok(vm.bool_obj(false));
    }
    f.state.set(FutState::Cancelled);
    f.cancel_msg.set(msg);
    schedule_callbacks(vm, s, o, f)?;
    Ok(vm.bool_obj(true))
}

// ---- __new__, __init__ and the finaliser ------------------------------------------------------

pub(crate) fn future_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::alloc(vm, cls, FUTURE, FutureObj::new())
}

fn future_init_slot(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "Future", names: &["loop"], posonly: 0, required: 0, kwonly_from: 0 },
        a,
        k,
    )?;
    let so = state(vm)?;
    future_init(vm, st(&so), o, p[0].clone().unwrap_or_else(|| vm.none()))
}

/// Call `loop.call_exception_handler(context)`, reporting its failure as
/// unraisable (the finalisers' last step).
pub(crate) fn call_exception_handler(vm: &Vm, loop_: &Obj, context: Obj) {
    let Ok(func) = vm.getattr_str(loop_, "call_exception_handler") else { return };
    if let Err(e) = vm.call1(&func, context) {
        vm.write_unraisable(&e, Some(&func));
    }
}

/// `tp_finalize`: an exception nobody retrieved goes to the loop's
/// exception handler (CPython's `FutureObj_finalize`).
pub(crate) fn future_finalize(vm: &Vm, o: &Obj) {
    let Some(f) = o.payload::<FutureObj>() else { return };
    if !f.log_tb.get() {
        return;
    }
    f.log_tb.set(false);
    let (Some(loop_), Some(exc)) = (f.loop_.get(), f.exception.get()) else { return };
    let context = vm.new_dict();
    let message = format!("{} exception was never retrieved", short_type_name(o));
    let filled = dict::set_item_str(vm, &context, "message", vm.new_str(&message))
        .and_then(|_| dict::set_item_str(vm, &context, "exception", exc))
        .and_then(|_| dict::set_item_str(vm, &context, "future", o.clone()))
        .and_then(|_| match f.source_tb.get() {
            Some(tb) => dict::set_item_str(vm, &context, "source_traceback", tb),
            None => Ok(()),
        });
    if filled.is_ok() {
        call_exception_handler(vm, &loop_, context);
    }
}

// ---- methods ----------------------------------------------------------------------------------

fn with_state<R>(vm: &Vm, f: impl FnOnce(&State) -> PyResult<R>) -> PyResult<R> {
    let so = state(vm)?;
    f(st(&so))
}

fn future_result(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "result", a, k)?;
    with_state(vm, |s| {
        let f = fut(vm, o)?;
        if !f.is_alive() {
            return Err(s.invalid_state(vm, "Future object is not initialized."));
        }
        match future_get_result(vm, s, f)? {
            Outcome::Value(v) => Ok(v),
            Outcome::Exception(e) => Err(PyErr(e)),
        }
    })
}

fn future_exception(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "exception", a, k)?;
    with_state(vm, |s| {
        let f = fut(vm, o)?;
        if !f.is_alive() {
            return Err(s.invalid_state(vm, "Future object is not initialized."));
        }
        match f.state.get() {
            FutState::Cancelled => Err(PyErr(create_cancelled_error(vm, s, f)?)),
            FutState::Pending => Err(s.invalid_state(vm, "Exception is not set.")),
            FutState::Finished => match f.exception.get() {
                Some(e) => {
                    f.log_tb.set(false);
                    Ok(e)
                }
                None => Ok(vm.none()),
            },
        }
    })
}

fn future_set_result_m(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [res] = args::exact::<1>(vm, "set_result", a, k)?;
    alive(vm, o)?;
    with_state(vm, |s| future_set_result(vm, s, o, res))
}

fn future_set_exception_m(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [exc] = args::exact::<1>(vm, "set_exception", a, k)?;
    alive(vm, o)?;
    with_state(vm, |s| future_set_exception(vm, s, o, exc))
}

fn future_add_done_callback_m(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec {
            fname: "add_done_callback",
            names: &["fn", "context"],
            posonly: 1,
            required: 1,
            kwonly_from: 1,
        },
        a,
        k,
    )?;
    let cb = p[0].clone().unwrap_or_else(|| vm.none());
    let ctx = match p[1].clone() {
        Some(c) => c,
        None => crate::_contextvars::copy_current(vm)?,
    };
    with_state(vm, |s| future_add_done_callback(vm, s, o, cb, ctx))?;
    Ok(vm.none())
}

/// `remove_done_callback(fn)`: drop every callback equal to `fn`; the
/// comparisons may run Python code that changes the list, so the list is
/// read again at each step and replaced as a whole at the end (as
/// CPython's `PyList_SetSlice` over the current list).
fn future_remove_done_callback(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [func] = args::exact::<1>(vm, "remove_done_callback", a, k)?;
    let f = alive(vm, o)?;
    let mut cleared0 = 0;
    if let Some(cb0) = f.callback0.get() {
        if vm.rich_compare_bool(&cb0, &func, taipan_vm::api::types::CompareOp::Eq)? {
            f.callback0.set(None);
            f.context0.set(None);
            cleared0 = 1;
        }
    }
    let mut kept: Vec<(Obj, Obj)> = Vec::new();
    let mut i = 0;
    loop {
        let item = match f.callbacks.try_borrow() {
            Ok(v) => v.get(i).cloned(),
            Err(_) => None,
        };
        let Some((cb, ctx)) = item else { break };
        if !vm.rich_compare_bool(&cb, &func, taipan_vm::api::types::CompareOp::Eq)? {
            kept.try_reserve(1).map_err(|_| vm.memory_error())?;
            kept.push((cb, ctx));
        }
        i += 1;
    }
    let len = f.callbacks.try_borrow().map_or(0, |v| v.len());
    let removed = len - kept.len().min(len);
    if kept.len() != len {
        let old = match f.callbacks.try_borrow_mut() {
            Ok(mut v) => std::mem::replace(&mut *v, kept),
            Err(_) => Vec::new(),
        };
        drop(old);
    }
    Ok(vm.new_usize(removed + cleared0))
}

fn future_cancel_m(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "cancel", a, k, &["msg"], 0)?;
    alive(vm, o)?;
    with_state(vm, |s| future_cancel(vm, s, o, p[0].clone().or_else(|| Some(vm.none()))))
}

fn future_cancelled(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "cancelled", a, k)?;
    let f = fut(vm, o)?;
    Ok(vm.bool_obj(f.is_alive() && f.state.get() == FutState::Cancelled))
}

fn future_done(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "done", a, k)?;
    let f = fut(vm, o)?;
    Ok(vm.bool_obj(f.is_alive() && f.state.get() != FutState::Pending))
}

fn future_get_loop(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_loop", a, k)?;
    alive(vm, o)?.loop_.get().ok_or_else(|| not_initialized(vm))
}

fn future_make_cancelled_error(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "_make_cancelled_error", a, k)?;
    let f = fut(vm, o)?;
    with_state(vm, |s| create_cancelled_error(vm, s, f))
}

/// `Future.__del__` is this type's finaliser itself (a subclass's
/// `__del__` may call it through `super()`).
fn future_del(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__del__", a, k)?;
    fut(vm, o)?;
    future_finalize(vm, o);
    Ok(vm.none())
}

fn future_await(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__await__", a, k)?;
    future_new_iter(vm, o)
}

pub(crate) fn future_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    alive(vm, o)?;
    with_state(vm, |s| vm.call1(&s.future_repr_func, o.clone()))
}

const FUTURE_METHODS: &[MethodDef] = &[
    MethodDef::method("result", future_result),
    MethodDef::method("exception", future_exception),
    MethodDef::method("set_result", future_set_result_m),
    MethodDef::method("set_exception", future_set_exception_m),
    MethodDef::method("add_done_callback", future_add_done_callback_m),
    MethodDef::method("remove_done_callback", future_remove_done_callback),
    MethodDef::method("cancel", future_cancel_m),
    MethodDef::method("cancelled", future_cancelled),
    MethodDef::method("done", future_done),
    MethodDef::method("get_loop", future_get_loop),
    MethodDef::method("_make_cancelled_error", future_make_cancelled_error),
    MethodDef::method("__await__", future_await),
    MethodDef::method("__del__", future_del),
    MethodDef::class("__class_getitem__", class_getitem),
];

// ---- attributes -------------------------------------------------------------------------------

fn cannot_delete(vm: &Vm) -> PyErr {
    vm.attribute_error("cannot delete attribute")
}

fn get_state(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = alive(vm, o)?;
    with_state(vm, |s| {
        Ok(match f.state.get() {
            FutState::Pending => s.names.pending.clone(),
            FutState::Cancelled => s.names.cancelled.clone(),
            FutState::Finished => s.names.finished.clone(),
        })
    })
}

fn get_blocking(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = fut(vm, o)?;
    Ok(vm.bool_obj(f.is_alive() && f.blocking.get()))
}

fn set_blocking(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let f = alive(vm, o)?;
    let Some(v) = v else { return Err(cannot_delete(vm)) };
    f.blocking.set(vm.is_true(v)?);
    Ok(())
}

fn get_log_traceback(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(vm.bool_obj(alive(vm, o)?.log_tb.get()))
}

fn set_log_traceback(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let f = fut(vm, o)?;
    let Some(v) = v else { return Err(cannot_delete(vm)) };
    if vm.is_true(v)? {
        return Err(vm.value_error("_log_traceback can only be set to False"));
    }
    f.log_tb.set(false);
    Ok(())
}

fn get_loop_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(fut(vm, o)?.loop_.get().unwrap_or_else(|| vm.none()))
}

/// `_callbacks`: a new list of `(callback, context)` pairs, None when
/// there are none.
fn get_callbacks(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = alive(vm, o)?;
    if !f.has_callbacks() {
        return Ok(vm.none());
    }
    let mut items = Vec::new();
    if let (Some(cb), Some(ctx)) = (f.callback0.get(), f.context0.get()) {
        items.push(vm.new_tuple(vec![cb, ctx]));
    }
    let rest: Vec<(Obj, Obj)> = f.callbacks.try_borrow().map(|v| v.clone()).unwrap_or_default();
    for (cb, ctx) in rest {
        items.push(vm.new_tuple(vec![cb, ctx]));
    }
    Ok(vm.new_list(items))
}

fn get_result_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(alive(vm, o)?.result.get().unwrap_or_else(|| vm.none()))
}

fn get_exception_attr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(alive(vm, o)?.exception.get().unwrap_or_else(|| vm.none()))
}

fn get_source_traceback(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let f = fut(vm, o)?;
    Ok(f.source_tb.get().filter(|_| f.is_alive()).unwrap_or_else(|| vm.none()))
}

fn get_cancel_message(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(fut(vm, o)?.cancel_msg.get().unwrap_or_else(|| vm.none()))
}

fn set_cancel_message(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let f = fut(vm, o)?;
    let Some(v) = v else { return Err(cannot_delete(vm)) };
    f.cancel_msg.set(Some(v.clone()));
    Ok(())
}

/// The attributes every Future and Task has (CPython's
/// `FUTURE_COMMON_GETSETLIST`); `task.rs` repeats them in its table.
const FUTURE_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("_state", get_state, None),
    GetSetDef::new("_asyncio_future_blocking", get_blocking, Some(set_blocking)),
    GetSetDef::new("_loop", get_loop_attr, None),
    GetSetDef::new("_callbacks", get_callbacks, None),
    GetSetDef::new("_result", get_result_attr, None),
    GetSetDef::new("_exception", get_exception_attr, None),
    GetSetDef::new("_log_traceback", get_log_traceback, Some(set_log_traceback)),
    GetSetDef::new("_source_traceback", get_source_traceback, None),
    GetSetDef::new("_cancel_message", get_cancel_message, Some(set_cancel_message)),
];

const FUTURE_DOC: &str = "This class is *almost* compatible with concurrent.futures.Future.\n\n    Differences:\n\n    - result() and exception() do not take a timeout argument and\n      raise an exception when the future isn't done yet.\n\n    - Callbacks registered with add_done_callback() are always called\n      via the event loop's call_soon_threadsafe().\n\n    - This class is not compatible with the wait() and as_completed()\n      methods in the concurrent.futures package.";

pub(crate) fn make_future_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: FUTURE,
        flags: flags::BASETYPE,
        gc: true,
        dict: true,
        weakref: true,
        methods: FUTURE_METHODS,
        getsets: FUTURE_GETSETS,
        doc: Some(FUTURE_DOC),
        ..Default::default()
    };
    let ty = new_type::<FutureObj>(vm, &spec, |s: &Slots| {
        s.new.set(Some(future_new));
        s.init.set(Some(future_init_slot));
        s.repr.set(Some(future_repr));
        s.iter.set(Some(future_new_iter));
    });
    if let Some(t) = ty.payload::<TypeObject>() {
        t.finalize.set(Some(future_finalize));
    }
    crate::support::register_type(vm, FUTURE, &ty);
    ty
}

// ---- FutureIter -------------------------------------------------------------------------------

/// The iterator of `await future` (CPython's `futureiterobject`): it
/// yields the future once while it is pending, then returns its result.
struct FutureIter {
    future: ObjCell,
}
impl PyPayload for FutureIter {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.future], visit)
    }
    fn clear(&self) {
        clear_cells(&[&self.future])
    }
}

/// `tp_iter` and `__await__` of a future.
pub(crate) fn future_new_iter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    alive(vm, o)?;
    crate::support::alloc_exact(vm, FUTURE_ITER, FutureIter { future: ObjCell::some(o.clone()) })
}

fn iter_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a FutureIter> {
    taipan_vm::api::types::payload_or_err::<FutureIter>(vm, o, FUTURE_ITER)
}

/// One step (CPython's `FutureIter_am_send`): the future itself while it
/// is pending (once: a second step means `await` was not used), then its
/// result as the iterator's return value.
fn future_iter_next(vm: &Vm, it: &Obj) -> PyResult<Option<Obj>> {
    let i = iter_of(vm, it)?;
    let Some(o) = i.future.get() else { return Ok(None) };
    let f = fut(vm, &o)?;
    if f.state.get() == FutState::Pending {
        if !f.blocking.get() {
            f.blocking.set(true);
            return Ok(Some(o));
        }
        return Err(vm.runtime_error("await wasn't used with future"));
    }
    i.future.set(None);
    let so = state(vm)?;
    let s = st(&so);
    if !f.is_alive() {
        return Err(s.invalid_state(vm, "Future object is not initialized."));
    }
    match future_get_result(vm, s, f)? {
        Outcome::Value(v) => Err(vm.stop_iteration(Some(v))),
        Outcome::Exception(e) => Err(PyErr(e)),
    }
}

fn future_iter_send(vm: &Vm, it: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    // The value sent is ignored: the result is the future's.
    args::exact::<1>(vm, "send", a, k)?;
    match future_iter_next(vm, it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

/// `throw(type[, value[, tb]])`: the exception, normalised as CPython's
/// `PyErr_NormalizeException`, is raised and the iterator is finished.
fn future_iter_throw(vm: &Vm, it: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::support::positional(vm, "throw", a, k, 1, 3)?;
    let i = iter_of(vm, it)?;
    let typ = &a[0];
    let val = a.get(1).filter(|v| !vm.is_none(v));
    let tb = a.get(2).filter(|t| !vm.is_none(t));
    if let Some(t) = tb {
        if !t.type_is(&vm.ctx.types.traceback) {
            return Err(vm.type_error("throw() third argument must be a traceback"));
        }
    }
    let exc = if is_exception_class(vm, typ) {
        match val {
            Some(v) if vm.isinstance(v, typ)? => v.clone(),
            Some(v) if v.type_is(&vm.ctx.types.tuple) => vm.call(typ, taipan_vm::api::tuple::items(v), None)?,
            Some(v) => vm.call1(typ, v.clone())?,
            None => vm.call0(typ)?,
        }
    } else if vm.isinstance_type(typ, &vm.ctx.exceptions.base_exception) {
        if val.is_some() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ.clone()
    } else {
        return Err(vm.type_error("exceptions must be classes deriving BaseException or instances of such a class"));
    };
    if let Some(t) = tb {
        set_traceback(&exc, Some(t.clone()));
    }
    i.future.set(None);
    Err(PyErr(exc))
}

fn future_iter_close(vm: &Vm, it: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "close", a, k)?;
    iter_of(vm, it)?.future.set(None);
    Ok(vm.none())
}

const ITER_METHODS: &[MethodDef] = &[
    MethodDef::method("send", future_iter_send),
    MethodDef::method("throw", future_iter_throw),
    MethodDef::method("close", future_iter_close),
];

pub(crate) fn make_iter_type(vm: &Vm) -> Obj {
    let spec = TypeSpec { name: FUTURE_ITER, gc: true, methods: ITER_METHODS, ..Default::default() };
    let ty = new_type::<FutureIter>(vm, &spec, |s: &Slots| {
        s.new.set(Some(|vm, _cls, _a, _k| Err(vm.type_error("cannot create '_asyncio.FutureIter' instances"))));
        s.iter.set(Some(iter_self));
        s.iternext.set(Some(future_iter_next));
    });
    crate::support::register_type(vm, FUTURE_ITER, &ty);
    ty
}
