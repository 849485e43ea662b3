//! Generators, coroutines and async generators (CPython's
//! `Objects/genobject.c`). A generator's frame lives inside the generator
//! object, after its fixed part (CPython 3.11's `gi_iframe`): making one is
//! one allocation, and it is resumed where it lies, either in place by the
//! eval loop (FOR_ITER, SEND) or as an entry frame of a nested `run_frame`.

use std::cell::Cell;

use taipan_compiler::code::flags as co_flags;

use crate::eval::{run_frame, Frame, FrameExit};
use crate::object::typeobj::{flags, TypeObject};
use crate::object::{alloc_object, Obj, ObjCell, PyCell, PyObject, PyPayload};
use crate::objects::descriptor::{add_getsets, add_methods, GetSetDef, MethodDef};
use crate::objects::{exceptions, str as pystr, type_};
use crate::vm::{PyErr, PyResult, Vm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GenState {
    Created,
    Suspended,
    Running,
    Completed,
}

pub(crate) struct GenData {
    pub kind: GenKind,
    /// The embedded frame (at `FRAME_OFFSET` of the object) holds a frame:
    /// false once it finished and was released.
    has_frame: Cell<bool>,
    /// The words of the embedded frame (the object's tail).
    frame_words: usize,
    pub state: Cell<GenState>,
    pub code: Obj,
    pub name: ObjCell,
    pub qualname: ObjCell,
    /// The exception this generator is handling while suspended.
    pub exc_state: ObjCell,
    /// Async generators: an `asend`/`athrow` is in progress.
    pub running_async: Cell<bool>,
    pub closed: Cell<bool>,
    /// Async generators: the asyncgen hooks ran (first iteration seen).
    pub hooks_inited: Cell<bool>,
    /// Async generators: the `sys.set_asyncgen_hooks` finalizer in force
    /// at the first iteration (CPython's `ag_origin_or_finalizer`).
    pub finalizer: ObjCell,
    /// Coroutines: `cr_origin`, where it was created, when origin tracking
    /// was on.
    pub origin: ObjCell,
    /// While the eval loop runs the frame in place (`resume_inline`): what
    /// the caller does when the frame returns.
    inline_exit: Cell<Option<InlineExit>>,
}

/// The instruction that resumed a generator in place, and where its caller
/// continues when the generator returns (FOR_ITER's or SEND's jump target).
#[derive(Clone, Copy)]
pub(crate) struct InlineExit {
    kind: InlineKind,
    target: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum InlineKind {
    /// FOR_ITER: the loop ends (the return value is dropped).
    ForIter,
    /// SEND of None: the return value replaces the receiver.
    SendNone,
    /// SEND of another value.
    SendValue,
}
impl PyPayload for GenData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.code);
        for c in [&self.name, &self.qualname, &self.exc_state, &self.finalizer, &self.origin] {
            c.with(|v| v.map_or((), &mut *visit));
        }
        // A running generator's frame is being executed: it is a root.
        if self.state.get() != GenState::Running {
            if let Some(f) = self.frame_ptr() {
                // SAFETY: read only, while the frame is not executing.
                unsafe { (*f).traverse(visit) };
            }
        }
    }

    fn clear(&self) {
        self.exc_state.set(None);
        self.finalizer.set(None);
        if self.state.get() != GenState::Running {
            self.release_frame();
        }
    }
}

/// Where a generator's frame starts, from the object's start: after its
/// `PyCell<GenData>` and its weakref slot (the generator types'
/// `basicsize`, checked in `type_object`).
const FRAME_OFFSET: usize =
    std::mem::size_of::<PyCell<GenData>>().next_multiple_of(8) + std::mem::size_of::<*mut PyObject>();

/// The words of a generator object after its GC header: the fixed part,
/// then its frame (`TypeObject::mark_tail_container`).
///
/// # Safety
/// `p` is a live generator, coroutine or async generator.
unsafe fn object_words(p: *mut PyObject) -> usize {
    // SAFETY: guaranteed by the caller.
    let frame = unsafe { (*p.cast::<PyCell<GenData>>()).payload.frame_words };
    FRAME_OFFSET / std::mem::size_of::<usize>() + frame
}

/// What resuming a generator produced.
pub enum SendResult {
    Yield(Obj),
    Return(Obj),
}

impl GenData {
    /// The embedded frame's address (whether or not it holds a frame).
    #[inline(always)]
    fn embedded_frame(&self) -> *mut Frame {
        let obj = crate::object::owner_of(self).as_ptr().cast::<u8>();
        // SAFETY: a generator's block holds its frame at FRAME_OFFSET.
        unsafe { obj.add(FRAME_OFFSET).cast::<Frame>() }
    }

    #[inline(always)]
    fn frame_ptr(&self) -> Option<*mut Frame> {
        self.has_frame.get().then(|| self.embedded_frame())
    }

    /// Release the frame (it finished, or the generator is cleared or
    /// freed): a `frame` object takes a copy of it, else its references go.
    fn release_frame(&self) {
        if self.has_frame.replace(false) {
            // SAFETY: the frame is live, not executing (callers check the
            // state) and, with `has_frame` false, never used again.
            unsafe { Frame::release_embedded(self.embedded_frame()) };
        }
    }

    /// The sub-iterator of a `yield from`/`await` the generator is suspended in.
    pub(crate) fn yielding_from(&self) -> Option<Obj> {
        if self.state.get() != GenState::Suspended {
            return None;
        }
        let f = self.frame_ptr()?;
        // SAFETY: a suspended generator's frame is not executing.
        let frame = unsafe { &*f };
        let code = frame.code();
        let next = *code.units.get(frame.lasti + 1)?;
        let (op, arg) = ((next & 0xff) as u8, next >> 8);
        if op != taipan_compiler::opcode::Opcode::Resume as u8 || arg < 2 {
            return None;
        }
        frame.peek_opt(0).cloned()
    }
}

impl Drop for GenData {
    fn drop(&mut self) {
        self.release_frame();
    }
}

fn mk_gen_type(name: &str) -> TypeObject {
    TypeObject::new::<GenData>(name, std::mem::size_of::<PyCell<GenData>>(), true, flags::IMMUTABLETYPE).with_weaklist()
}

pub(crate) fn type_object(kind: GenKind) -> TypeObject {
    let mut t = mk_gen_type(match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    });
    t.slots.repr.set(Some(gen_repr));
    t.finalize.set(Some(gen_finalize));
    t.finalize_due.set(Some(gen_finalize_due));
    if kind == GenKind::Generator {
        t.slots.iter.set(Some(crate::objects::iter::self_iter));
        t.slots.iternext.set(Some(gen_iternext));
    }
    t.mark_tail_container::<GenData>(crate::eval::frame::HEADER_BYTES / std::mem::size_of::<usize>(), object_words);
    assert!(t.basicsize == FRAME_OFFSET && t.container.is_some(), "the generator layout");
    t
}

pub(crate) fn coroutine_wrapper_type_object() -> TypeObject {
    let t = TypeObject::new::<CoroWrapperData>(
        "coroutine_wrapper",
        std::mem::size_of::<PyCell<CoroWrapperData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(|vm, w| {
        let c = w.payload::<CoroWrapperData>().expect("coroutine_wrapper").coro.clone();
        iternext_of(vm, &c)
    }));
    t
}

pub(crate) fn asend_type_object() -> TypeObject {
    let t = TypeObject::new::<AsendData>(
        "async_generator_asend",
        std::mem::size_of::<PyCell<AsendData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(|vm, o| asend_send(vm, o, vm.none()).map(Some)));
    t
}

pub(crate) fn athrow_type_object() -> TypeObject {
    let t = TypeObject::new::<AthrowData>(
        "async_generator_athrow",
        std::mem::size_of::<PyCell<AthrowData>>(),
        true,
        flags::IMMUTABLETYPE,
    );
    t.slots.iter.set(Some(crate::objects::iter::self_iter));
    t.slots.iternext.set(Some(|vm, o| athrow_send(vm, o, vm.none()).map(Some)));
    t
}

pub(crate) fn wrapped_value_type_object() -> TypeObject {
    TypeObject::new::<WrappedValue>(
        "async_generator_wrapped_value",
        std::mem::size_of::<PyCell<WrappedValue>>(),
        true,
        flags::IMMUTABLETYPE,
    )
}

pub(crate) fn setup(vm: &Vm) {
    let t = &vm.ctx.types;
    for (ty, prefix) in [(&t.generator, "gi"), (&t.coroutine, "cr"), (&t.async_generator, "ag")] {
        add_getsets(
            vm,
            ty,
            &[
                GetSetDef::new(
                    "__name__",
                    |vm, o| Ok(gen_of(o).name.get().unwrap_or_else(|| vm.none())),
                    Some(set_name),
                ),
                GetSetDef::new(
                    "__qualname__",
                    |vm, o| Ok(gen_of(o).qualname.get().unwrap_or_else(|| vm.none())),
                    Some(set_qualname),
                ),
            ],
        );
        let defs: &[GetSetDef] = match prefix {
            "gi" => &[
                GetSetDef::new("gi_frame", gen_frame, None),
                GetSetDef::new("gi_running", |vm, o| Ok(vm.bool_obj(gen_of(o).state.get() == GenState::Running)), None),
                GetSetDef::new("gi_code", |_, o| Ok(gen_of(o).code.clone()), None),
                GetSetDef::new(
                    "gi_yieldfrom",
                    |vm, o| Ok(gen_of(o).yielding_from().unwrap_or_else(|| vm.none())),
                    None,
                ),
                GetSetDef::new(
                    "gi_suspended",
                    |vm, o| Ok(vm.bool_obj(gen_of(o).state.get() == GenState::Suspended)),
                    None,
                ),
            ],
            "cr" => &[
                GetSetDef::new("cr_frame", gen_frame, None),
                GetSetDef::new("cr_running", |vm, o| Ok(vm.bool_obj(gen_of(o).state.get() == GenState::Running)), None),
                GetSetDef::new("cr_code", |_, o| Ok(gen_of(o).code.clone()), None),
                GetSetDef::new("cr_await", |vm, o| Ok(gen_of(o).yielding_from().unwrap_or_else(|| vm.none())), None),
                GetSetDef::new(
                    "cr_suspended",
                    |vm, o| Ok(vm.bool_obj(gen_of(o).state.get() == GenState::Suspended)),
                    None,
                ),
                GetSetDef::new("cr_origin", |vm, o| Ok(gen_of(o).origin.get().unwrap_or_else(|| vm.none())), None),
            ],
            _ => &[
                GetSetDef::new("ag_frame", gen_frame, None),
                GetSetDef::new("ag_running", |vm, o| Ok(vm.bool_obj(gen_of(o).running_async.get())), None),
                GetSetDef::new("ag_code", |_, o| Ok(gen_of(o).code.clone()), None),
                GetSetDef::new("ag_await", |vm, o| Ok(gen_of(o).yielding_from().unwrap_or_else(|| vm.none())), None),
                GetSetDef::new(
                    "ag_suspended",
                    |vm, o| Ok(vm.bool_obj(gen_of(o).state.get() == GenState::Suspended)),
                    None,
                ),
            ],
        };
        add_getsets(vm, ty, defs);
    }
    add_methods(
        vm,
        &t.generator,
        &[
            MethodDef::method("send", gen_send_method),
            MethodDef::method("throw", gen_throw_method),
            MethodDef::method("close", gen_close_method),
            MethodDef::method("__sizeof__", |vm, _, _, _| Ok(vm.new_int(200))),
        ],
    );
    add_methods(
        vm,
        &t.coroutine,
        &[
            MethodDef::method("send", gen_send_method),
            MethodDef::method("throw", gen_throw_method),
            MethodDef::method("close", gen_close_method),
            MethodDef::method("__await__", coro_await),
            MethodDef::method("__sizeof__", |vm, _, _, _| Ok(vm.new_int(200))),
        ],
    );
    add_methods(
        vm,
        &t.coroutine_wrapper,
        &[
            MethodDef::method("send", |vm, w, a, k| {
                let c = w.payload::<CoroWrapperData>().expect("coroutine_wrapper").coro.clone();
                gen_send_method(vm, &c, a, k)
            }),
            MethodDef::method("throw", |vm, w, a, k| {
                let c = w.payload::<CoroWrapperData>().expect("coroutine_wrapper").coro.clone();
                gen_throw_method(vm, &c, a, k)
            }),
            MethodDef::method("close", |vm, w, a, k| {
                let c = w.payload::<CoroWrapperData>().expect("coroutine_wrapper").coro.clone();
                gen_close_method(vm, &c, a, k)
            }),
        ],
    );
    add_methods(
        vm,
        &t.async_generator,
        &[
            MethodDef::method("asend", agen_asend),
            MethodDef::method("athrow", agen_athrow),
            MethodDef::method("aclose", agen_aclose),
            MethodDef::method("__aiter__", |_, o, _, _| Ok(o.clone())),
            MethodDef::method("__anext__", |vm, o, _, _| {
                init_asyncgen_hooks(vm, o)?;
                Ok(new_asend(vm, o, vm.none()))
            }),
            MethodDef::method("__sizeof__", |vm, _, _, _| Ok(vm.new_int(200))),
            MethodDef::class("__class_getitem__", crate::objects::generic_alias::class_getitem),
        ],
    );
    add_methods(
        vm,
        &t.async_generator_asend,
        &[
            MethodDef::method("send", |vm, o, a, _| asend_send(vm, o, a.first().cloned().unwrap_or_else(|| vm.none()))),
            MethodDef::method("throw", asend_throw),
            MethodDef::method("close", |vm, o, _, _| {
                o.payload::<AsendData>().expect("asend").state.set(AwaitState::Closed);
                Ok(vm.none())
            }),
            MethodDef::method("__await__", |_, o, _, _| Ok(o.clone())),
        ],
    );
    add_methods(
        vm,
        &t.async_generator_athrow,
        &[
            MethodDef::method("send", |vm, o, a, _| {
                athrow_send(vm, o, a.first().cloned().unwrap_or_else(|| vm.none()))
            }),
            MethodDef::method("throw", athrow_throw),
            MethodDef::method("close", |vm, o, _, _| {
                o.payload::<AthrowData>().expect("athrow").state.set(AwaitState::Closed);
                Ok(vm.none())
            }),
            MethodDef::method("__await__", |_, o, _, _| Ok(o.clone())),
        ],
    );
}

#[inline]
pub(crate) fn gen_of(o: &Obj) -> &GenData {
    o.payload::<GenData>().expect("a generator")
}

pub(crate) fn is_generator(vm: &Vm, o: &Obj) -> bool {
    o.type_is(&vm.ctx.types.generator)
}

/// A coroutine, or a generator marked `@types.coroutine` (CO_ITERABLE_COROUTINE).
pub(crate) fn is_coroutine(vm: &Vm, o: &Obj) -> bool {
    if o.type_is(&vm.ctx.types.coroutine) {
        return true;
    }
    if is_generator(vm, o) {
        let g = gen_of(o);
        return crate::objects::code::code_of(&g.code).has_flag(co_flags::ITERABLE_COROUTINE);
    }
    false
}

/// Make the generator object for the frame `fp` that executed
/// RETURN_GENERATOR: the frame moves off the data stack into the object.
///
/// # Safety
/// `fp` is the last frame pushed on the running thread's data stack, not
/// executing and unlinked (as `Frame::pop_thread_frame` requires).
pub(crate) unsafe fn new_from_frame(vm: &Vm, fp: *mut Frame) -> Obj {
    // SAFETY: guaranteed by the caller.
    let frame = unsafe { &mut *fp };
    frame.is_entry = false;
    frame.owner = crate::eval::FrameOwner::Generator;
    let code = frame.code.clone();
    let cd = crate::objects::code::code_of(&code);
    let kind = if cd.has_flag(co_flags::COROUTINE) {
        GenKind::Coroutine
    } else if cd.has_flag(co_flags::ASYNC_GENERATOR) {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    let (name, qualname) = match frame.func.as_ref().and_then(|f| f.payload::<crate::objects::function::FunctionData>())
    {
        Some(fd) => (fd.name.get(), fd.qualname.get()),
        None => (Some(cd.name.clone()), Some(cd.qualname.clone())),
    };
    let origin = match (kind, vm.thread.coroutine_origin_depth.get()) {
        (GenKind::Coroutine, depth) if depth > 0 => Some(coroutine_origin(vm, depth)),
        _ => None,
    };
    let ty = match kind {
        GenKind::Generator => &vm.ctx.types.generator,
        GenKind::Coroutine => &vm.ctx.types.coroutine,
        GenKind::AsyncGenerator => &vm.ctx.types.async_generator,
    };
    let words = Frame::words_for(cd);
    let data = GenData {
        kind,
        has_frame: Cell::new(true),
        frame_words: words,
        state: Cell::new(GenState::Created),
        code,
        name: ObjCell::new(name),
        qualname: ObjCell::new(qualname),
        exc_state: ObjCell::new(None),
        running_async: Cell::new(false),
        closed: Cell::new(false),
        hooks_inited: Cell::new(false),
        finalizer: ObjCell::new(None),
        origin: ObjCell::new(origin),
        inline_exit: Cell::new(None),
    };
    // SAFETY: the generator types' instances have a `GenData` and a tail
    // of `frame_words` words, which the frame's move fills (the frame's
    // block on the data stack is as the caller guarantees).
    unsafe {
        crate::object::alloc_tail_container(ty, words, data, |tail| {
            Frame::move_from_stack(&vm.thread, fp, tail);
        })
    }
}

/// `cr_origin`: `(filename, line, function name)` of up to `depth` frames,
/// innermost first, starting at the frame that created the coroutine (the
/// running one: the coroutine's own frame has left the chain).
fn coroutine_origin(vm: &Vm, depth: u32) -> Obj {
    let mut entries = Vec::new();
    let mut f = vm.thread.current_frame.get();
    while !f.is_null() && entries.len() < depth as usize {
        // SAFETY: the frame chain links live frames of this thread.
        let frame = unsafe { &*f };
        let code = frame.code();
        let line = frame.line().map_or_else(|| vm.none(), |l| vm.new_int(l as i64));
        entries.push(vm.new_tuple(vec![code.filename(), line, code.name.clone()]));
        f = frame.previous;
    }
    vm.new_tuple(entries)
}

/// Resume a generator with `value` (or by raising `exc` in it).
pub(crate) fn gen_send_ex(vm: &Vm, gen: &Obj, value: Obj, exc: Option<PyErr>, closing: bool) -> PyResult<SendResult> {
    let g = gen_of(gen);
    match g.state.get() {
        GenState::Running => {
            let msg = if g.kind == GenKind::Generator {
                "generator already executing"
            } else {
                "coroutine already executing"
            };
            return Err(vm.value_error(msg));
        }
        GenState::Completed => {
            if g.kind == GenKind::Coroutine && !closing {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            if let Some(e) = exc {
                return Err(e);
            }
            return Ok(SendResult::Return(vm.none()));
        }
        GenState::Created if exc.is_none() && !vm.is_none(&value) => {
            return Err(vm.type_error(format!("can't send non-None value to a just-started {}", g.kind.noun())));
        }
        _ => {}
    }
    let Some(fp) = g.frame_ptr() else { return Ok(SendResult::Return(vm.none())) };
    // SAFETY: the generator owns the frame and it is not executing.
    unsafe { (*fp).push(value) };
    g.state.set(GenState::Running);
    let handling = g.exc_state.take();
    // An exception thrown into a generator that is handling one is chained
    // to it (CPython's `_PyErr_ChainStackItem` in `gen_send_ex2`).
    let chain = handling.is_some();
    vm.thread.push_exc_state(handling);
    if let (true, Some(e)) = (chain, &exc) {
        vm.chain_context(e.value());
    }
    let r = run_frame(vm, fp, exc);
    g.exc_state.set(vm.thread.pop_exc_state());
    match r {
        Ok(FrameExit::Yield(v)) => {
            g.state.set(GenState::Suspended);
            // SAFETY: the generator owns the frame, which is not executing.
            if let Some(fo) = unsafe { &(*fp).frame_obj } {
                crate::eval::frame::set_frame_generator(fo, gen);
            }
            Ok(SendResult::Yield(v))
        }
        Ok(FrameExit::Return(v)) => {
            g.state.set(GenState::Completed);
            g.release_frame();
            Ok(SendResult::Return(v))
        }
        Err(e) => {
            g.state.set(GenState::Completed);
            g.release_frame();
            Err(convert_stop_iteration(vm, g.kind, e))
        }
    }
}

// ---- generators resumed in place by the eval loop ------------------------------------------
//
// FOR_ITER over a generator and SEND to a generator or coroutine (`yield
// from`, `await`) run the generator's frame in the same eval loop, as a
// call runs a function's frame (CPython 3.12's FOR_ITER_GEN and SEND_GEN):
// no Rust recursion through `gen_send_ex`, and a generator that ends a
// `for` loop makes no StopIteration. Such a frame is linked with
// `is_entry` false (`gen_send_ex` runs it as an entry frame); while it
// runs, the generator is the top of its caller's value stack (FOR_ITER's
// iterator, SEND's receiver), which is how its yield, return or exception
// finds it. The bookkeeping is `gen_send_ex`'s, split at the frame switch.

/// FOR_ITER (`value` None) or SEND (`value` the value sent) on `gen`: the
/// frame to run in place, with the generator marked running, or None when
/// `gen_send_ex` must run it (another type, running or finished, a value
/// sent to a generator that has not started, the recursion limit reached,
/// tracing or profiling on). `target` is where the caller continues when
/// the generator returns.
#[inline]
pub(crate) fn resume_inline(
    vm: &Vm,
    gen: &Obj,
    value: Obj,
    kind: InlineKind,
    target: usize,
) -> Result<*mut Frame, Obj> {
    let t = &vm.ctx.types;
    let inlinable = match kind {
        InlineKind::ForIter => gen.type_is(&t.generator),
        InlineKind::SendNone | InlineKind::SendValue => gen.type_is(&t.generator) || gen.type_is(&t.coroutine),
    };
    if !inlinable || vm.thread.tracing.get() || vm.thread.profiling.get() {
        return Err(value);
    }
    if vm.thread.recursion_depth.get() >= vm.recursion_limit.get() {
        return Err(value);
    }
    // SAFETY: the type is exactly generator or coroutine, whose payload is GenData.
    let g = unsafe { gen.payload_unchecked::<GenData>() };
    match g.state.get() {
        GenState::Suspended => {}
        GenState::Created if kind != InlineKind::SendValue => {}
        _ => return Err(value),
    }
    let Some(fp) = g.frame_ptr() else { return Err(value) };
    // SAFETY: the generator owns the frame and it is not executing.
    unsafe {
        (*fp).push(value);
        (*fp).is_entry = false;
    }
    g.state.set(GenState::Running);
    vm.thread.push_exc_state(g.exc_state.take());
    g.inline_exit.set(Some(InlineExit { kind, target }));
    Ok(fp)
}

/// The generator a frame resumed in place belongs to: the top of its
/// caller's value stack.
fn inline_gen(caller: &Frame) -> &Obj {
    caller.peek_opt(0).expect("the generator resumed in place")
}

/// YIELD_VALUE in a frame resumed in place (unlinked already): the
/// generator is suspended; the caller gets the value next.
pub(crate) fn suspend_inline(vm: &Vm, caller: &Frame) {
    let gen = inline_gen(caller);
    let g = gen_of(gen);
    g.state.set(GenState::Suspended);
    g.exc_state.set(vm.thread.pop_exc_state());
    g.inline_exit.set(None);
    if let Some(fp) = g.frame_ptr() {
        // SAFETY: the generator owns the frame, which is not executing.
        if let Some(fo) = unsafe { &(*fp).frame_obj } {
            crate::eval::frame::set_frame_generator(fo, gen);
        }
    }
}

/// The generator `gen` of a frame resumed in place finished (returned or
/// raised; its frame is unlinked, and released here): how its caller
/// continues.
fn finish_inline(vm: &Vm, gen: &Obj) -> InlineExit {
    let g = gen_of(gen);
    g.state.set(GenState::Completed);
    g.exc_state.set(vm.thread.pop_exc_state());
    let exit = g.inline_exit.take().expect("a generator resumed in place");
    g.release_frame();
    exit
}

/// RETURN_VALUE in a frame resumed in place (unlinked already): the
/// caller drops the generator and continues at its jump target, a SEND
/// with the value. An error is what a trace function set meanwhile raised
/// for the SEND (`trace::send_returned`, as when `gen_send_ex` ran the
/// generator): the caller's SEND raises it, its stack as it was.
pub(crate) fn return_inline(vm: &Vm, caller: &mut Frame, v: Obj) -> PyResult<()> {
    let gen = inline_gen(caller).clone();
    let exit = finish_inline(vm, &gen);
    if exit.kind != InlineKind::ForIter && vm.thread.tracing.get() {
        crate::eval::trace::send_returned(vm, caller, &gen, exit.kind == InlineKind::SendNone, &v)?;
    }
    drop(caller.pop_opt());
    if exit.kind != InlineKind::ForIter {
        caller.push(v);
    }
    caller.next_instr = exit.target;
    Ok(())
}

/// An exception leaves a frame resumed in place (unlinked already): the
/// generator is finished, and the error (a StopIteration made a
/// RuntimeError, PEP 479) goes on in the caller, whose stack keeps the
/// generator until a handler pops it.
pub(crate) fn raise_inline(vm: &Vm, caller: &Frame, e: PyErr) -> PyErr {
    let gen = inline_gen(caller);
    finish_inline(vm, gen);
    convert_stop_iteration(vm, gen_of(gen).kind, e)
}

/// PEP 479: StopIteration leaving a generator becomes RuntimeError.
fn convert_stop_iteration(vm: &Vm, kind: GenKind, e: PyErr) -> PyErr {
    let ex = &vm.ctx.exceptions;
    let msg = if vm.err_matches(&e, &ex.stop_iteration) {
        match kind {
            GenKind::Generator => "generator raised StopIteration",
            GenKind::Coroutine => "coroutine raised StopIteration",
            GenKind::AsyncGenerator => "async generator raised StopIteration",
        }
    } else if kind == GenKind::AsyncGenerator && vm.err_matches(&e, &ex.stop_async_iteration) {
        "async generator raised StopAsyncIteration"
    } else {
        return e;
    };
    let new = vm.runtime_error(msg);
    exceptions::set_cause(&new.0, Some(e.0.clone()));
    exceptions::set_context(&new.0, Some(e.0));
    new
}

fn gen_iternext(vm: &Vm, gen: &Obj) -> PyResult<Option<Obj>> {
    match gen_send_ex(vm, gen, vm.none(), None, false)? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(v) if vm.is_none(&v) => Ok(None),
        SendResult::Return(v) => Err(vm.stop_iteration(Some(v))),
    }
}

/// `next()` on any iterator, keeping a StopIteration value.
fn iternext_of(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    if o.has_payload::<GenData>() {
        return match gen_send_ex(vm, o, vm.none(), None, false)? {
            SendResult::Yield(v) => Ok(Some(v)),
            SendResult::Return(v) => Err(vm.stop_iteration(Some(v))),
        };
    }
    vm.next(o)
}

fn result_to_value(vm: &Vm, r: SendResult) -> PyResult<Obj> {
    match r {
        SendResult::Yield(v) => Ok(v),
        SendResult::Return(v) => Err(vm.stop_iteration(Some(v))),
    }
}

fn gen_send_method(vm: &Vm, gen: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "send", args, kwnames)?;
    let r = gen_send_ex(vm, gen, v, None, false)?;
    if gen_of(gen).kind == GenKind::AsyncGenerator {
        return Ok(match r {
            SendResult::Yield(v) | SendResult::Return(v) => v,
        });
    }
    result_to_value(vm, r)
}

/// The exception `throw(typ, val, tb)` raises (CPython's checks).
pub(crate) fn make_throw_exception(vm: &Vm, typ: &Obj, val: Option<&Obj>, tb: Option<&Obj>) -> PyResult<PyErr> {
    let tb = tb.filter(|t| !vm.is_none(t));
    if let Some(t) = tb {
        if !t.type_is(&vm.ctx.types.traceback) {
            return Err(vm.type_error("throw() third argument must be a traceback object"));
        }
    }
    let val = val.filter(|v| !vm.is_none(v));
    let exc = if vm.is_type(typ) && vm.is_subtype(typ, &vm.ctx.exceptions.base_exception) {
        let made = match val {
            Some(v) if vm.isinstance_type(v, typ) => Ok(v.clone()),
            Some(v) if v.type_is(&vm.ctx.types.tuple) => vm.call(typ, crate::objects::tuple::items(v), None),
            Some(v) => vm.call(typ, std::slice::from_ref(v), None),
            None => vm.call0(typ),
        };
        // CPython's PyErr_NormalizeException: a constructor that fails, or
        // returns something else, throws that failure in its place.
        match made {
            Ok(v) if vm.isinstance_type(&v, &vm.ctx.exceptions.base_exception) => v,
            Ok(v) => {
                let msg = format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    vm.repr_string(typ)?,
                    v.class().name()
                );
                vm.type_error(msg).0
            }
            Err(e) => e.0,
        }
    } else if vm.isinstance_type(typ, &vm.ctx.exceptions.base_exception) {
        if val.is_some() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ.clone()
    } else {
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.class().name()
        )));
    };
    if let Some(t) = tb {
        exceptions::set_traceback(&exc, Some(t.clone()));
    }
    Ok(PyErr(exc))
}

/// CPython's `_gen_throw`: throw into the sub-iterator of a `yield from`
/// first, then into the generator.
pub(crate) fn gen_throw(vm: &Vm, gen: &Obj, close_on_genexit: bool, err: PyErr) -> PyResult<SendResult> {
    let g = gen_of(gen);
    if let Some(yf) = g.yielding_from() {
        let is_genexit = vm.err_matches(&err, &vm.ctx.exceptions.generator_exit);
        if is_genexit && close_on_genexit {
            let state = g.state.get();
            g.state.set(GenState::Running);
            let r = close_iter(vm, &yf);
            g.state.set(state);
            if let Err(e) = r {
                return gen_send_ex(vm, gen, vm.none(), Some(e), false);
            }
            return gen_send_ex(vm, gen, vm.none(), Some(err), false);
        }
        let state = g.state.get();
        g.state.set(GenState::Running);
        let ret: PyResult<SendResult> =
            if yf.has_payload::<GenData>() && (is_generator(vm, &yf) || yf.type_is(&vm.ctx.types.coroutine)) {
                with_frame_linked(vm, g, || gen_throw(vm, &yf, close_on_genexit, err))
            } else {
                match vm.getattr_str_opt(&yf, "throw") {
                    Err(e) => Err(e),
                    Ok(None) => {
                        g.state.set(state);
                        return gen_send_ex(vm, gen, vm.none(), Some(err), false);
                    }
                    Ok(Some(meth)) => {
                        let tb = exceptions::traceback_of(&err.0).unwrap_or_else(|| vm.none());
                        vm.call(&meth, &[err.0.class_obj(), err.0.clone(), tb], None).map(SendResult::Yield)
                    }
                }
            };
        g.state.set(state);
        match ret {
            Ok(SendResult::Yield(v)) => return Ok(SendResult::Yield(v)),
            Ok(SendResult::Return(v)) => {
                // The sub-generator finished: the `yield from` gets its value.
                resume_after_yield_from(g);
                return gen_send_ex(vm, gen, v, None, false);
            }
            Err(e) => {
                resume_after_yield_from(g);
                if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) {
                    let v = exceptions::get_extra(&e.0, "value").unwrap_or_else(|| vm.none());
                    return gen_send_ex(vm, gen, v, None, false);
                }
                return gen_send_ex(vm, gen, vm.none(), Some(e), false);
            }
        }
    }
    gen_send_ex(vm, gen, vm.none(), Some(err), false)
}

/// Run `f` with this (suspended) generator's frame linked in as the
/// thread's current frame: CPython's `_gen_throw` does so while it throws
/// into a delegate generator, so the delegate sees the whole stack
/// (`traceback.extract_stack()`, `sys._getframe()`), gh-93592.
fn with_frame_linked<R>(vm: &Vm, g: &GenData, f: impl FnOnce() -> R) -> R {
    let Some(fp) = g.frame_ptr() else { return f() };
    let t = &vm.thread;
    let prev = t.current_frame.get();
    // SAFETY: the generator owns its frame and is marked Running, so the
    // frame is not executing and nothing else links it meanwhile; it is on
    // this thread's chain only until `f` returns, then unlinked again.
    let old_previous = unsafe { std::mem::replace(&mut (*fp).previous, prev) };
    t.current_frame.set(fp);
    let r = f();
    t.current_frame.set(prev);
    // SAFETY: as above; the frame is still owned by the generator.
    unsafe { (*fp).previous = old_previous };
    r
}

/// Pop the sub-iterator and move past the SEND loop (what CPython's
/// `_gen_throw` does by hand when the delegate finished).
fn resume_after_yield_from(g: &GenData) {
    let Some(fp) = g.frame_ptr() else { return };
    // SAFETY: the generator is suspended; its frame is not executing.
    let frame = unsafe { &mut *fp };
    drop(frame.pop_opt());
    let send = frame.code().units[frame.lasti - 1];
    let jump = (send >> 8) as usize;
    frame.next_instr = frame.lasti + jump;
}

fn close_iter(vm: &Vm, yf: &Obj) -> PyResult<()> {
    if yf.has_payload::<GenData>() {
        return gen_close(vm, yf);
    }
    // A failing lookup of `close` is reported, not raised (CPython's
    // `gen_close_iter`).
    match vm.getattr_str_opt(yf, "close") {
        Ok(Some(close)) => {
            vm.call0(&close)?;
        }
        Ok(None) => {}
        Err(e) => vm.write_unraisable(&e, Some(yf)),
    }
    Ok(())
}

fn gen_throw_method(vm: &Vm, gen: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "throw", kwnames)?;
    crate::args::check_positional(vm, "throw", args.len(), 1, 3)?;
    let err = make_throw_exception(vm, &args[0], args.get(1), args.get(2))?;
    let r = gen_throw(vm, gen, true, err)?;
    if gen_of(gen).kind == GenKind::AsyncGenerator {
        return Ok(match r {
            SendResult::Yield(v) | SendResult::Return(v) => v,
        });
    }
    result_to_value(vm, r)
}

/// `gen.close()`.
pub(crate) fn gen_close(vm: &Vm, gen: &Obj) -> PyResult<()> {
    let g = gen_of(gen);
    let mut err = None;
    if let Some(yf) = g.yielding_from() {
        let state = g.state.get();
        g.state.set(GenState::Running);
        let r = close_iter(vm, &yf);
        g.state.set(state);
        if let Err(e) = r {
            err = Some(e);
        }
    }
    let exc = err.unwrap_or_else(|| vm.new_exception(&vm.ctx.exceptions.generator_exit, vec![]));
    match gen_send_ex(vm, gen, vm.none(), Some(exc), true) {
        Ok(SendResult::Yield(_)) => {
            let msg = match g.kind {
                GenKind::Generator => "generator ignored GeneratorExit",
                GenKind::Coroutine => "coroutine ignored GeneratorExit",
                GenKind::AsyncGenerator => "async generator ignored GeneratorExit",
            };
            Err(vm.runtime_error(msg))
        }
        Ok(SendResult::Return(_)) => Ok(()),
        Err(e)
            if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration)
                || vm.err_matches(&e, &vm.ctx.exceptions.generator_exit) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn gen_close_method(vm: &Vm, gen: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "close", args, kwnames)?;
    gen_close(vm, gen)?;
    Ok(vm.none())
}

/// Whether `gen_finalize` would do anything for this generator: call an
/// async generator's finalizer hook, warn about a coroutine never awaited,
/// or close a suspended generator.
fn finalizer_has_work(g: &GenData) -> bool {
    if g.kind == GenKind::AsyncGenerator && !g.closed.get() && g.finalizer.is_some() {
        return true;
    }
    match g.state.get() {
        GenState::Created => g.kind == GenKind::Coroutine,
        GenState::Suspended => true,
        GenState::Running | GenState::Completed => false,
    }
}

/// The generator types' `finalize_due`: a generator that ran to its end
/// (or never started) is freed without its finalizer being queued.
///
/// # Safety
/// `p` is a dying object of a generator type (its payload is `GenData`).
unsafe fn gen_finalize_due(p: std::ptr::NonNull<crate::object::PyObject>) -> bool {
    // SAFETY: guaranteed by the caller; the payload is only read.
    let g = unsafe { &(*p.as_ptr().cast::<crate::object::PyCell<GenData>>()).payload };
    finalizer_has_work(g)
}

/// The finalizer of a generator that is garbage (or whose frame is
/// cleared): close it if it is suspended.
pub(crate) fn gen_finalize(vm: &Vm, gen: &Obj) {
    let g = gen_of(gen);
    if g.kind == GenKind::AsyncGenerator && !g.closed.get() {
        if let Some(finalizer) = g.finalizer.take() {
            // The event loop closes it (`loop._asyncgen_finalizer_hook`).
            if let Err(e) = vm.call(&finalizer, std::slice::from_ref(gen), None) {
                vm.write_unraisable(&e, Some(gen));
            }
            return;
        }
    }
    match g.state.get() {
        GenState::Created if g.kind == GenKind::Coroutine => warn_unawaited_coroutine(vm, gen),
        GenState::Suspended => {
            if let Err(e) = gen_close(vm, gen) {
                vm.write_unraisable(&e, Some(gen));
            }
        }
        _ => {}
    }
}

/// "coroutine '...' was never awaited" (CPython's
/// `_PyErr_WarnUnawaitedCoroutine`): through `warnings._warn_unawaited_coroutine`,
/// which adds where the coroutine was created, else natively.
fn warn_unawaited_coroutine(vm: &Vm, gen: &Obj) {
    let g = gen_of(gen);
    let hook = crate::import::import_absolute(vm, "warnings")
        .ok()
        .and_then(|w| vm.getattr_str_opt(&w, "_warn_unawaited_coroutine").ok().flatten());
    if let Some(hook) = hook {
        match vm.call(&hook, std::slice::from_ref(gen), None) {
            Ok(_) => return,
            Err(e) => {
                // A hook that failed other than by a warning made an error
                // leaves the warning to be issued here (as CPython does).
                let warned = vm.err_matches(&e, &vm.ctx.exceptions.runtime_warning);
                vm.write_unraisable(&e, Some(gen));
                if warned {
                    return;
                }
            }
        }
    }
    let q = g.qualname.get().map(|q| pystr::as_str_lossy(&q).into_owned()).unwrap_or_default();
    let msg = format!("coroutine '{q}' was never awaited");
    // With the coroutine as the source, as the Python function does (the
    // tracemalloc hint).
    let category = vm.ctx.exceptions.runtime_warning.clone();
    if let Err(e) = crate::warnings::warn_object(vm, vm.new_str_from_string(msg), category, 1, Some(gen.clone())) {
        vm.write_unraisable(&e, Some(gen));
    }
}

fn gen_repr(vm: &Vm, gen: &Obj) -> PyResult<Obj> {
    let g = gen_of(gen);
    let q = g.qualname.get().map(|q| pystr::as_str_lossy(&q).into_owned()).unwrap_or_default();
    let what = match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    Ok(vm.new_str_from_string(format!("<{} object {} at {:#x}>", what, q, gen.id())))
}

fn gen_frame(vm: &Vm, gen: &Obj) -> PyResult<Obj> {
    let g = gen_of(gen);
    match g.frame_ptr() {
        Some(f) if g.state.get() != GenState::Completed => {
            // SAFETY: the pointer stays valid while the generator owns the frame.
            let fo = crate::eval::frame::frame_object(vm, unsafe { &mut *f });
            if g.state.get() != GenState::Running {
                crate::eval::frame::set_frame_generator(&fo, gen);
            }
            Ok(fo)
        }
        _ => Ok(vm.none()),
    }
}

/// Is the generator (or coroutine) executing its frame?
pub(crate) fn is_running(gen: &Obj) -> bool {
    gen_of(gen).state.get() == GenState::Running
}

fn set_name(vm: &Vm, gen: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(n) if pystr::data(n).is_some() => {
            gen_of(gen).name.set(Some(n.clone()));
            Ok(())
        }
        _ => Err(vm.type_error("__name__ must be set to a string object")),
    }
}

fn set_qualname(vm: &Vm, gen: &Obj, v: Option<&Obj>) -> PyResult<()> {
    match v {
        Some(n) if pystr::data(n).is_some() => {
            gen_of(gen).qualname.set(Some(n.clone()));
            Ok(())
        }
        _ => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}

// ---- await / async for support for the eval loop --------------------------------------------

/// `SEND`: resume the receiver of a `yield from`/`await` (CPython's `PyIter_Send`).
pub fn send_to(vm: &Vm, receiver: &Obj, v: Obj) -> PyResult<SendResult> {
    if receiver.has_payload::<GenData>() {
        return gen_send_ex(vm, receiver, v, None, false);
    }
    let r = if vm.is_none(&v) && receiver.class().slots.iternext.get().is_some() {
        match receiver.class().slots.iternext.get().expect("iternext")(vm, receiver) {
            Ok(Some(x)) => Ok(x),
            Ok(None) => return Ok(SendResult::Return(vm.none())),
            Err(e) => Err(e),
        }
    } else {
        vm.call_method(receiver, "send", &[v])
    };
    match r {
        Ok(x) => Ok(SendResult::Yield(x)),
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) => {
            Ok(SendResult::Return(exceptions::get_extra(&e.0, "value").unwrap_or_else(|| vm.none())))
        }
        Err(e) => Err(e),
    }
}

/// CPython's `_PyCoro_GetAwaitableIter` with `GET_AWAITABLE`'s messages.
pub(crate) fn get_awaitable_iter(vm: &Vm, o: Obj, where_: u32) -> PyResult<Obj> {
    if is_coroutine(vm, &o) {
        if o.type_is(&vm.ctx.types.coroutine) && gen_of(&o).yielding_from().is_some() {
            return Err(vm.runtime_error("coroutine is being awaited already"));
        }
        return Ok(o);
    }
    let Some(await_) = type_::lookup_str(vm, o.class(), "__await__") else {
        let msg = match where_ {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {}",
                o.class().name()
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {}",
                o.class().name()
            ),
            _ => format!("object {} can't be used in 'await' expression", o.class().name()),
        };
        return Err(vm.type_error(msg));
    };
    let res = vm.call_method_descr_obj(&await_, &o, &[])?;
    if is_coroutine(vm, &res) {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    if res.class().slots.iternext.get().is_none() {
        return Err(vm.type_error(format!("__await__() returned non-iterator of type '{}'", res.class().name())));
    }
    Ok(res)
}

/// `GET_AITER`.
pub(crate) fn get_aiter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let Some(aiter) = type_::lookup_str(vm, o.class(), "__aiter__") else {
        return Err(
            vm.type_error(format!("'async for' requires an object with __aiter__ method, got {}", o.class().name()))
        );
    };
    let it = vm.call_method_descr_obj(&aiter, o, &[])?;
    if type_::lookup_str(vm, it.class(), "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.class().name()
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`.
pub(crate) fn get_anext(vm: &Vm, aiter: &Obj) -> PyResult<Obj> {
    if aiter.type_is(&vm.ctx.types.async_generator) {
        init_asyncgen_hooks(vm, aiter)?;
        return Ok(new_asend(vm, aiter, vm.none()));
    }
    let Some(anext) = type_::lookup_str(vm, aiter.class(), "__anext__") else {
        return Err(vm.type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            aiter.class().name()
        )));
    };
    let next_iter = vm.call_method_descr_obj(&anext, aiter, &[])?;
    match get_awaitable_iter(vm, next_iter.clone(), 0) {
        Ok(a) => Ok(a),
        Err(e) => {
            let new = vm.type_error(format!(
                "'async for' received an invalid object from __anext__: {}",
                next_iter.class().name()
            ));
            exceptions::set_cause(&new.0, Some(e.0));
            Err(new)
        }
    }
}

// ---- coroutine_wrapper (coro.__await__()) -------------------------------------------------------

pub(crate) struct CoroWrapperData {
    coro: Obj,
}
impl PyPayload for CoroWrapperData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.coro);
    }
}

fn coro_await(vm: &Vm, coro: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Ok(alloc_object(&vm.ctx.types.coroutine_wrapper, CoroWrapperData { coro: coro.clone() }))
}

// ---- async generators ---------------------------------------------------------------------------

pub(crate) struct WrappedValue {
    pub value: Obj,
}
impl PyPayload for WrappedValue {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.value);
    }
}

/// `ASYNC_GEN_WRAP`: mark a value as yielded by the async generator itself.
pub(crate) fn wrap_async_gen_value(vm: &Vm, v: Obj) -> Obj {
    alloc_object(&vm.ctx.types.async_generator_wrapped, WrappedValue { value: v })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AwaitState {
    Init,
    Iter,
    Closed,
}

pub(crate) struct AsendData {
    gen: Obj,
    sendval: Obj,
    state: Cell<AwaitState>,
}
impl PyPayload for AsendData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.gen);
        visit(&self.sendval);
    }
}

pub(crate) struct AthrowData {
    gen: Obj,
    /// `(typ, val, tb)` for athrow; None for aclose.
    args: Option<Vec<Obj>>,
    state: Cell<AwaitState>,
}
impl PyPayload for AthrowData {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.gen);
        for x in self.args.iter().flatten() {
            visit(x);
        }
    }
}

/// CPython's `async_gen_init_hooks`: on an async generator's first
/// `__anext__`/`asend`/`athrow`/`aclose`, remember the thread's finalizer
/// hook and call its firstiter hook with the generator.
fn init_asyncgen_hooks(vm: &Vm, gen: &Obj) -> PyResult<()> {
    let g = gen_of(gen);
    if g.hooks_inited.get() {
        return Ok(());
    }
    g.hooks_inited.set(true);
    g.finalizer.set(vm.thread.asyncgen_finalizer.get());
    if let Some(firstiter) = vm.thread.asyncgen_firstiter.get() {
        vm.call(&firstiter, std::slice::from_ref(gen), None)?;
    }
    Ok(())
}

fn new_asend(vm: &Vm, gen: &Obj, v: Obj) -> Obj {
    alloc_object(
        &vm.ctx.types.async_generator_asend,
        AsendData { gen: gen.clone(), sendval: v, state: Cell::new(AwaitState::Init) },
    )
}

fn agen_asend(vm: &Vm, gen: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [v] = crate::args::exact::<1>(vm, "asend", args, kwnames)?;
    init_asyncgen_hooks(vm, gen)?;
    Ok(new_asend(vm, gen, v))
}

fn agen_athrow(vm: &Vm, gen: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "athrow", kwnames)?;
    crate::args::check_positional(vm, "athrow", args.len(), 1, 3)?;
    init_asyncgen_hooks(vm, gen)?;
    Ok(alloc_object(
        &vm.ctx.types.async_generator_athrow,
        AthrowData { gen: gen.clone(), args: Some(args.to_vec()), state: Cell::new(AwaitState::Init) },
    ))
}

fn agen_aclose(vm: &Vm, gen: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    init_asyncgen_hooks(vm, gen)?;
    Ok(alloc_object(
        &vm.ctx.types.async_generator_athrow,
        AthrowData { gen: gen.clone(), args: None, state: Cell::new(AwaitState::Init) },
    ))
}

/// CPython's `async_gen_unwrap_value`: a wrapped value is the async
/// generator's own yield (StopIteration(value) for the awaiter); anything
/// else passes through to the event loop.
fn unwrap_value(vm: &Vm, g: &GenData, r: PyResult<SendResult>) -> PyResult<Obj> {
    match r {
        Ok(SendResult::Yield(v)) => {
            if let Some(w) = v.payload::<WrappedValue>() {
                g.running_async.set(false);
                return Err(vm.stop_iteration(Some(w.value.clone())));
            }
            Ok(v)
        }
        Ok(SendResult::Return(_)) => {
            g.closed.set(true);
            g.running_async.set(false);
            Err(vm.new_exception(&vm.ctx.exceptions.stop_async_iteration, vec![]))
        }
        Err(e) => {
            if vm.err_matches(&e, &vm.ctx.exceptions.stop_async_iteration)
                || vm.err_matches(&e, &vm.ctx.exceptions.generator_exit)
            {
                g.closed.set(true);
            }
            g.running_async.set(false);
            Err(e)
        }
    }
}

fn asend_send(vm: &Vm, o: &Obj, arg: Obj) -> PyResult<Obj> {
    let a = o.payload::<AsendData>().expect("asend");
    if a.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    let g = gen_of(&a.gen);
    let mut arg = arg;
    if a.state.get() == AwaitState::Init {
        if g.running_async.get() {
            return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
        }
        if vm.is_none(&arg) {
            arg = a.sendval.clone();
        }
        a.state.set(AwaitState::Iter);
    }
    g.running_async.set(true);
    let r = gen_send_ex(vm, &a.gen, arg, None, false);
    let r = unwrap_value(vm, g, r);
    if r.is_err() {
        a.state.set(AwaitState::Closed);
    }
    r
}

fn asend_throw(vm: &Vm, o: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let a = o.payload::<AsendData>().expect("asend");
    if a.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    crate::args::check_positional(vm, "throw", args.len(), 1, 3)?;
    let err = make_throw_exception(vm, &args[0], args.get(1), args.get(2))?;
    let r = gen_throw(vm, &a.gen, true, err);
    let r = unwrap_value(vm, gen_of(&a.gen), r);
    if r.is_err() {
        a.state.set(AwaitState::Closed);
    }
    r
}

fn athrow_send(vm: &Vm, o: &Obj, arg: Obj) -> PyResult<Obj> {
    let a = o.payload::<AthrowData>().expect("athrow");
    let g = gen_of(&a.gen);
    if a.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    if g.state.get() == GenState::Completed {
        a.state.set(AwaitState::Closed);
        return Err(vm.stop_iteration(None));
    }
    let retval: PyResult<SendResult>;
    if a.state.get() == AwaitState::Init {
        if g.running_async.get() {
            a.state.set(AwaitState::Closed);
            return Err(vm.runtime_error(if a.args.is_none() {
                "aclose(): asynchronous generator is already running"
            } else {
                "athrow(): asynchronous generator is already running"
            }));
        }
        if g.closed.get() {
            a.state.set(AwaitState::Closed);
            return Err(vm.new_exception(&vm.ctx.exceptions.stop_async_iteration, vec![]));
        }
        if !vm.is_none(&arg) {
            return Err(vm.runtime_error("can't send non-None value to a just-started coroutine"));
        }
        a.state.set(AwaitState::Iter);
        g.running_async.set(true);
        match &a.args {
            None => {
                g.closed.set(true);
                let exit = vm.new_exception(&vm.ctx.exceptions.generator_exit, vec![]);
                retval = gen_throw(vm, &a.gen, false, exit);
            }
            Some(args) => {
                let err = make_throw_exception(vm, &args[0], args.get(1), args.get(2))?;
                let r = gen_throw(vm, &a.gen, false, err);
                return athrow_finish(vm, a, g, unwrap_value(vm, g, r));
            }
        }
    } else {
        retval = gen_send_ex(vm, &a.gen, arg, None, false);
        if a.args.is_some() {
            return athrow_finish(vm, a, g, unwrap_value(vm, g, retval));
        }
    }
    // aclose() mode.
    match retval {
        Ok(SendResult::Yield(v)) if v.has_payload::<WrappedValue>() => {
            g.running_async.set(false);
            a.state.set(AwaitState::Closed);
            Err(vm.runtime_error("async generator ignored GeneratorExit"))
        }
        Ok(SendResult::Yield(v)) => Ok(v),
        Ok(SendResult::Return(_)) => {
            g.running_async.set(false);
            a.state.set(AwaitState::Closed);
            Err(vm.stop_iteration(None))
        }
        Err(e) => athrow_finish(vm, a, g, Err(e)),
    }
}

fn athrow_finish(vm: &Vm, a: &AthrowData, g: &GenData, r: PyResult<Obj>) -> PyResult<Obj> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => {
            g.running_async.set(false);
            a.state.set(AwaitState::Closed);
            if a.args.is_none()
                && (vm.err_matches(&e, &vm.ctx.exceptions.stop_async_iteration)
                    || vm.err_matches(&e, &vm.ctx.exceptions.generator_exit))
            {
                return Err(vm.stop_iteration(None));
            }
            Err(e)
        }
    }
}

fn athrow_throw(vm: &Vm, o: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let a = o.payload::<AthrowData>().expect("athrow");
    if a.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    crate::args::check_positional(vm, "throw", args.len(), 1, 3)?;
    let err = make_throw_exception(vm, &args[0], args.get(1), args.get(2))?;
    let g = gen_of(&a.gen);
    let r = gen_throw(vm, &a.gen, true, err);
    if a.args.is_some() {
        return unwrap_value(vm, g, r);
    }
    match r {
        Ok(SendResult::Yield(v)) if v.has_payload::<WrappedValue>() => {
            g.running_async.set(false);
            a.state.set(AwaitState::Closed);
            Err(vm.runtime_error("async generator ignored GeneratorExit"))
        }
        Ok(SendResult::Yield(v)) => Ok(v),
        Ok(SendResult::Return(_)) => Err(vm.stop_iteration(None)),
        Err(e)
            if vm.err_matches(&e, &vm.ctx.exceptions.stop_async_iteration)
                || vm.err_matches(&e, &vm.ctx.exceptions.generator_exit) =>
        {
            Err(vm.stop_iteration(None))
        }
        Err(e) => Err(e),
    }
}
