//! The eval loop (CPython's `Python/ceval.c`): one `match` over the opcode
//! of CPython 3.11's instruction set, with Python-to-Python calls made
//! without Rust recursion (a call links a new frame and the loop goes on
//! with it; a return unlinks it), and exceptions unwound through the
//! zero-cost exception table.

mod cache;
pub(crate) mod call;
mod call_conventions;
pub(crate) mod datastack;
pub(crate) mod frame;
mod generic;
mod ops;
pub(crate) mod profile;
mod rare;
mod specialize;
mod specialized;
pub(crate) mod trace;
pub(crate) mod verify;

pub(crate) use cache::WARMUP_DELAY;
pub(crate) use specialize::{adaptive_bytes, adaptive_copy};
use taipan_compiler::opcode::Opcode;

use crate::object::typeobj::{CompareOp, NbOp};
use crate::object::Obj;
use crate::objects::code::CodeData;
use crate::objects::{dict, float, function, generator, int, list};
use crate::vm::{PyErr, PyResult, Vm};
pub use call::run_code;
pub(crate) use frame::{Frame, FrameOwner, Running};

/// How an entry frame left `run_frame`.
pub(crate) enum FrameExit {
    Return(Obj),
    Yield(Obj),
}

/// The opcodes as `u8` constants, for `match`.
#[allow(non_upper_case_globals, dead_code)]
mod op {
    use taipan_compiler::opcode::Opcode;
    macro_rules! ops {
        ($($name:ident),* $(,)?) => { $(pub(crate) const $name: u8 = Opcode::$name as u8;)* };
    }
    ops!(
        Cache,
        PopTop,
        PushNull,
        Nop,
        UnaryPositive,
        UnaryNegative,
        UnaryNot,
        UnaryInvert,
        BinarySubscr,
        GetLen,
        MatchMapping,
        MatchSequence,
        MatchKeys,
        PushExcInfo,
        CheckExcMatch,
        CheckEgMatch,
        WithExceptStart,
        GetAiter,
        GetAnext,
        BeforeAsyncWith,
        BeforeWith,
        EndAsyncFor,
        StoreSubscr,
        DeleteSubscr,
        GetIter,
        GetYieldFromIter,
        PrintExpr,
        LoadBuildClass,
        LoadAssertionError,
        ReturnGenerator,
        ListToTuple,
        ReturnValue,
        ImportStar,
        SetupAnnotations,
        YieldValue,
        AsyncGenWrap,
        PrepReraiseStar,
        PopExcept,
        StoreName,
        DeleteName,
        UnpackSequence,
        ForIter,
        UnpackEx,
        StoreAttr,
        DeleteAttr,
        StoreGlobal,
        DeleteGlobal,
        Swap,
        LoadConst,
        LoadName,
        BuildTuple,
        BuildList,
        BuildSet,
        BuildMap,
        LoadAttr,
        CompareOp,
        ImportName,
        ImportFrom,
        JumpForward,
        JumpIfFalseOrPop,
        JumpIfTrueOrPop,
        PopJumpForwardIfFalse,
        PopJumpForwardIfTrue,
        LoadGlobal,
        IsOp,
        ContainsOp,
        Reraise,
        Copy,
        BinaryOp,
        Send,
        LoadFast,
        StoreFast,
        DeleteFast,
        PopJumpForwardIfNotNone,
        PopJumpForwardIfNone,
        RaiseVarargs,
        GetAwaitable,
        MakeFunction,
        BuildSlice,
        JumpBackwardNoInterrupt,
        MakeCell,
        LoadClosure,
        LoadDeref,
        StoreDeref,
        DeleteDeref,
        JumpBackward,
        CallFunctionEx,
        ExtendedArg,
        ListAppend,
        SetAdd,
        MapAdd,
        LoadClassderef,
        CopyFreeVars,
        Resume,
        MatchClass,
        FormatValue,
        BuildConstKeyMap,
        BuildString,
        LoadMethod,
        ListExtend,
        SetUpdate,
        DictMerge,
        DictUpdate,
        Precall,
        Call,
        KwNames,
        PopJumpBackwardIfNotNone,
        PopJumpBackwardIfNone,
        PopJumpBackwardIfFalse,
        PopJumpBackwardIfTrue,
        // The adaptive and specialized forms (PEP 659).
        ExtendedArgQuick,
        JumpBackwardQuick,
        ResumeQuick,
        LoadFastLoadFast,
        LoadFastLoadConst,
        LoadConstLoadFast,
        StoreFastLoadFast,
        StoreFastStoreFast,
        LoadGlobalAdaptive,
        LoadGlobalModule,
        LoadGlobalBuiltin,
        BinaryOpAdaptive,
        BinaryOpAddInt,
        BinaryOpSubtractInt,
        BinaryOpMultiplyInt,
        BinaryOpAddFloat,
        BinaryOpSubtractFloat,
        BinaryOpMultiplyFloat,
        BinaryOpAddUnicode,
        BinaryOpInplaceAddUnicode,
        CompareOpAdaptive,
        CompareOpIntJump,
        CompareOpFloatJump,
        CompareOpStrJump,
        BinarySubscrAdaptive,
        BinarySubscrListInt,
        BinarySubscrTupleInt,
        BinarySubscrDict,
        StoreSubscrAdaptive,
        StoreSubscrListInt,
        StoreSubscrDict,
        UnpackSequenceAdaptive,
        UnpackSequenceTwoTuple,
        UnpackSequenceTuple,
        UnpackSequenceList,
        LoadAttrAdaptive,
        LoadAttrInstanceValue,
        LoadAttrSlot,
        LoadAttrModule,
        StoreAttrAdaptive,
        StoreAttrInstanceValue,
        StoreAttrSlot,
        LoadMethodAdaptive,
        LoadMethodWithValues,
        LoadMethodNoDict,
        LoadMethodModule,
        PrecallAdaptive,
        PrecallPyfunc,
        PrecallBoundMethod,
        PrecallNoKwLen,
        PrecallNoKwIsinstance,
        PrecallNoKwType1,
        PrecallNoKwListAppend,
        PrecallNoKwBuiltinO,
        PrecallNoKwBuiltinFast,
        PrecallNoKwMethodDescriptorNoargs,
        PrecallNoKwMethodDescriptorO,
        PrecallNoKwMethodDescriptorFast,
        CallAdaptive,
        CallPyExactArgs,
        CallPyWithDefaults,
        BinarySubscrGetitem,
        LoadAttrWithHint,
        StoreAttrWithHint,
        LoadMethodWithDict,
        LoadMethodClass,
        PrecallBuiltinFastWithKeywords,
        PrecallMethodDescriptorFastWithKeywords,
        PrecallNoKwStr1,
        PrecallNoKwTuple1,
        PrecallBuiltinClass,
    );
}

/// Run `entry` until it returns or yields. The frame must have its
/// arguments bound; `throw` starts it by raising (generator `throw`).
/// Frames owned by the thread are released here; a generator's frame
/// stays with the generator.
pub(crate) fn run_frame(vm: &Vm, entry: *mut Frame, throw: Option<PyErr>) -> PyResult<FrameExit> {
    // Each entry re-enters the eval loop on the Rust stack: counted, so
    // that even a huge recursion limit ends in RecursionError.
    let depth = vm.thread.reentry_depth.get();
    vm.thread.reentry_depth.set(depth + 1);
    let r = vm.thread.stack.maybe_grow(256 * 1024, 8 * 1024 * 1024, || {
        // SAFETY: `entry` is a live frame that no one else executes.
        unsafe { eval(vm, entry, throw) }
    });
    vm.thread.reentry_depth.set(depth);
    r
}

/// Link `f` as the thread's current frame and count it against the
/// recursion limit. On error the frame is not linked.
#[inline(always)]
unsafe fn push_frame(vm: &Vm, f: *mut Frame) -> PyResult<()> {
    let depth = vm.thread.recursion_depth.get();
    if depth >= vm.recursion_limit.get() {
        return Err(vm.recursion_overflow(""));
    }
    vm.thread.recursion_depth.set(depth + 1);
    // SAFETY: the caller passes a live frame.
    unsafe {
        (*f).previous = vm.thread.current_frame.get();
    }
    vm.thread.current_frame.set(f);
    Ok(())
}

/// `push_frame` of a generator's frame resumed in place, whose caller
/// checked the recursion limit (`generator::resume_inline`).
#[inline(always)]
unsafe fn link_generator_frame(vm: &Vm, f: *mut Frame) {
    vm.thread.recursion_depth.set(vm.thread.recursion_depth.get() + 1);
    // SAFETY: the caller passes the generator's live frame, not executing.
    unsafe {
        (*f).previous = vm.thread.current_frame.get();
    }
    vm.thread.current_frame.set(f);
}

/// Unlink the current frame `f`; returns the previous one.
#[inline(always)]
unsafe fn pop_frame(vm: &Vm, f: *mut Frame) -> *mut Frame {
    vm.thread.recursion_depth.set(vm.thread.recursion_depth.get() - 1);
    // SAFETY: `f` is the live current frame.
    let prev = unsafe { (*f).previous };
    vm.thread.current_frame.set(prev);
    // SAFETY: as above; unlinking does not free it.
    unsafe {
        (*f).previous = std::ptr::null_mut();
    }
    prev
}

/// Give a frame that finished back to its owner; `back` is the frame that
/// called it (null if it never ran).
#[inline(always)]
unsafe fn finish_frame(vm: &Vm, f: *mut Frame, back: *mut Frame) {
    // SAFETY: thread-owned frames are on the data stack, and a frame that
    // finishes is the last one pushed there (its callees are gone).
    unsafe {
        if (*f).owner == FrameOwner::Thread {
            Frame::pop_thread_frame(vm, f, back);
        }
    }
}

/// Record that the exception passed through `frame` at its current
/// instruction (CPython's `PyTraceBack_Here`).
fn add_traceback(vm: &Vm, frame: &mut Frame, err: &PyErr) {
    let fo = frame::frame_object(vm, frame);
    crate::objects::traceback::add_entry(vm, &err.0, fo, frame.lasti);
}

#[inline(always)]
fn bool_result(vm: &Vm, b: bool) -> Obj {
    vm.bool_obj(b)
}

/// The eval loop proper.
unsafe fn eval(vm: &Vm, entry: *mut Frame, throw: Option<PyErr>) -> PyResult<FrameExit> {
    let mut fp = entry;
    // SAFETY: see `run_frame`.
    unsafe {
        (*fp).is_entry = true;
        if vm.thread.reentry_depth.get() > crate::protocol::object::REENTRY_LIMIT {
            finish_frame(vm, fp, std::ptr::null_mut());
            return Err(vm.recursion_overflow(""));
        }
        if let Err(e) = push_frame(vm, fp) {
            finish_frame(vm, fp, std::ptr::null_mut());
            return Err(e);
        }
    }
    // The keyword names for the next CALL (`KW_NAMES`).
    let mut kwnames: Option<Obj> = None;
    // An error to raise before executing anything (a `throw` into a generator).
    let mut pending: Option<PyErr> = throw;
    // Whether the pending error has its traceback entry already (errors
    // unwinding out of a callee get the caller's entry added once).
    let mut pending_needs_tb = true;
    // The pending error is raised by the frame's current instruction (a
    // SEND whose generator, resumed in place, returned while a trace
    // function set meanwhile raised), not thrown into the frame.
    let mut pending_raised_here = false;
    // The error a trace function raised for a 'return' event (at a return
    // or a yield): the frame ends with it at once, without a traceback
    // entry, an 'exception' event or a look for a handler (CPython's
    // `goto exit_unwind` after `TRACE_FUNCTION_EXIT`).
    let mut exit_unwind = false;
    // The position RERAISE restores (CPython's `prev_instr` after RERAISE).
    let mut reraise_lasti: Option<usize> = None;
    // Where to look for the handler of an exception the eval breaker raised
    // right after a backward jump: CPython 3.11 checks the breaker once the
    // jump has moved to its target and unwinds from the instruction before
    // the target (while its traceback names the jump), so a loop that
    // begins a `try` block cannot catch its KeyboardInterrupt.
    let mut unwind_at: Option<usize> = None;
    // The trace function just moved execution (`f_lineno = n`): the
    // instruction there runs without another trace event, as CPython's.
    let mut trace_jumped = false;
    // The loop is two loops: 'dispatch (re)loads the current frame when it
    // changes (a call, a return, an exception, a re-dispatch), the inner
    // loop runs the frame's instructions with the instruction pointer `ip`
    // in a local and the stack pointer in `Running` (a local too).
    // `frame.next_instr` and `frame.sp` are only written where someone else
    // reads them: before the loop leaves the frame for another one (calls,
    // returns, generators suspending), on the paths that go back to
    // 'dispatch, around trace functions, and when an exception unwinds.
    'dispatch: loop {
        // SAFETY: `fp` is the live current frame (see push_frame/pop_frame).
        let mut running = Running::new(unsafe { &mut *fp });
        let frame = &mut running;
        let mut code: &CodeData = unsafe { &*(frame.code() as *const CodeData) };
        // The slice itself in a local: the fetch reads the units without
        // going through the code object first. Only its pointer is used in
        // the loop (reads at instructions and their caches need no bounds
        // check); functions that are not inlined get `&code.adaptive`, so
        // the length is not kept.
        let mut units: &[std::cell::Cell<u16>] = &code.adaptive;
        let mut ip = frame.next_instr;
        let err: PyErr = 'err: {
            if let Some(e) = pending.take() {
                if std::mem::take(&mut pending_raised_here) {
                    break 'err e;
                }
                // A throw into a generator enters its frame: the hooks see
                // a 'call' (CPython's TRACE_FUNCTION_THROW_ENTRY); an error
                // they raise replaces the thrown one and ends the frame.
                if vm.thread.tracing.get() {
                    if let Err(te) = frame.escape(|f| trace::throw_entry(vm, f)) {
                        exit_unwind = true;
                        break 'err te;
                    }
                }
                if vm.thread.profiling.get() {
                    if let Err(pe) = profile::frame_event(vm, frame, profile::ProfileEvent::Call, None) {
                        exit_unwind = true;
                        break 'err pe;
                    }
                }
                break 'err e;
            }
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => {
                            std::hint::cold_path();
                            break 'err e;
                        }
                    }
                };
            }
            // Switch to the frame of a generator resumed in place (FOR_ITER,
            // SEND); the caller resumes at `ip` when it yields.
            macro_rules! enter_generator {
                ($new:expr) => {{
                    frame.leave(ip);
                    let np: *mut Frame = $new;
                    // SAFETY: `resume_inline` checked the recursion limit and
                    // marked the generator running: its frame executes only here.
                    unsafe { link_generator_frame(vm, np) };
                    fp = np;
                    continue 'dispatch;
                }};
            }
            'instr: loop {
                // Run the frame `$np` (linked as the current one) from here on,
                // without going back through 'dispatch: nothing is pending on
                // the paths that use it (a call, a plain return), so only the
                // frame's state is (re)loaded.
                // `fp` is not updated here: inside this loop the current frame
                // is `frame`'s (`Running::as_ptr`), and `fp` is written only
                // before going back to 'dispatch or unwinding, so the loop does
                // not keep two copies of the same pointer.
                macro_rules! switch_frame {
                    ($np:expr) => {{
                        let np: *mut Frame = $np;
                        // SAFETY: `np` is the live current frame.
                        *frame = Running::new(unsafe { &mut *np });
                        code = unsafe { &*(frame.code() as *const CodeData) };
                        units = &code.adaptive;
                        ip = frame.next_instr;
                    }};
                }
                // Switch to the frame `$new` a call made (the caller resumes at `ip`).
                macro_rules! enter_frame {
                    ($new:expr) => {{
                        frame.leave(ip);
                        let np: *mut Frame = $new;
                        // SAFETY: `np` is a fresh frame on top of the data
                        // stack; push links it, or it is popped again.
                        if let Err(e) = unsafe { push_frame(vm, np) } {
                            unsafe { Frame::pop_thread_frame(vm, np, std::ptr::null_mut()) };
                            break 'err e;
                        }
                        switch_frame!(np);
                        continue 'instr;
                    }};
                }
                let mut start = ip;
                // Finalizers queued by deallocations run between instructions.
                // One test of the breaker covers them, signals, GIL requests,
                // the gc and tracing (its TRACING bit); on the fast path
                // nothing else is tested before the instruction runs. The
                // instruction is fetched after the test, so that on the fast
                // path its opcode and argument live in registers from the
                // fetch to the jump (not across the slow path's calls).
                let (mut pc, mut opcode, mut oparg) = if vm.thread.has_pending_work() {
                    std::hint::cold_path();
                    if vm.thread.breaker_bits() & !crate::pystate::breaker::HOOKS != 0 {
                        // `lasti` is still the previous instruction here.
                        if let Err(e) = vm.run_pending_work() {
                            if ip <= frame.lasti && is_backward_jump((code.units[frame.lasti] & 0xff) as u8) {
                                unwind_at = Some(ip.saturating_sub(1));
                            }
                            break 'err e;
                        }
                    }
                    // (The finalizers may have run this very code and
                    // rewritten the instruction: it is fetched after them.)
                    let (pc, mut opcode, mut oparg) = fetch(units, start);
                    if vm.thread.tracing.get() {
                        // `lasti` is the instruction itself (tracebacks, handlers);
                        // execution continues at `ip` (jumps change it).
                        let prev_lasti = frame.lasti;
                        frame.set_lasti(pc);
                        // While tracing, instructions run unspecialized (CPython's
                        // DO_TRACING de-optimises).
                        let w = code.units[pc];
                        opcode = (w & 0xff) as u8;
                        oparg = (oparg & !0xff) | (w >> 8) as u32;
                        if !std::mem::take(&mut trace_jumped) {
                            match frame.escape(|f| trace::instruction(vm, f, start, prev_lasti)) {
                                Ok(None) => {}
                                Ok(Some(target)) => {
                                    frame.leave(target);
                                    trace_jumped = true;
                                    fp = frame.as_ptr();
                                    continue 'dispatch;
                                }
                                Err(e) => break 'err e,
                            }
                        }
                    }
                    (pc, opcode, oparg)
                } else {
                    fetch_unit(units, start)
                };
                // An EXTENDED_ARG_QUICK prefix (which only the fast path's
                // `fetch_unit` leaves in `opcode`) is an instruction of its
                // own, as in CPython: it reads the instruction it extends and
                // dispatches that one again (`continue 'reswitch`), so the
                // fetch of every other instruction needs no test for it.
                'reswitch: loop {
                    frame.set_lasti(pc);
                    let next = pc + cache::STEP[opcode as usize] as usize;
                    ip = next;
                    // PEP 659: a specialized form whose guard fails counts a miss
                    // and runs the generic form (out of line, as an adaptive form not
                    // due to specialize does).
                    macro_rules! run_generic {
                        ($base:expr) => {{
                            match frame.out(|f| generic::run(vm, f, code, $base, oparg, &mut kwnames)) {
                                Ok(None) => continue 'instr,
                                Ok(Some(new)) => enter_frame!(new),
                                Err(e) => break 'err e,
                            }
                        }};
                    }
                    macro_rules! deopt {
                        ($base:expr) => {{
                            std::hint::cold_path();
                            specialize::miss(code, pc, $base);
                            run_generic!($base)
                        }};
                    }
                    // `x = a op b` for a number op whose result is `r`: written into
                    // the number `x` holds when nothing else refers to it (`$into`
                    // decides and writes); the operands go and the STORE_FAST is
                    // skipped.
                    macro_rules! fused_store {
                        ($next:ident, $into:path, $r:expr) => {
                            let store = unit_after(code, $next);
                            if (store & 0xff) as u8 == op::StoreFast
                                && $into(vm, frame.local((store >> 8) as usize), frame.peek(1), frame.peek(0), $r)
                            {
                                drop(frame.pop());
                                drop(frame.pop());
                                ip = $next + 1;
                                continue 'instr;
                            }
                        };
                    }
                    // An adaptive instruction specializes when its counter says so,
                    // then runs again in its new form (or the generic one).
                    macro_rules! adapt {
                        ($adaptive:expr, $base:expr, $specialize:expr) => {{
                            if specialize::adaptive_due(code, pc) {
                                $specialize;
                                if specialize::opcode_at(code, pc) != $adaptive {
                                    ip = start;
                                    continue 'instr;
                                }
                            }
                            run_generic!($base)
                        }};
                    }
                    // CALL_PY_EXACT_ARGS (`$exact`) and CALL_PY_WITH_DEFAULTS: one
                    // body, two arms, so neither tests the opcode again.
                    macro_rules! call_py {
                        ($exact:expr) => {{
                            let argc = oparg as usize;
                            let is_meth = frame.peek_opt(argc + 1).is_some();
                            let total = argc + is_meth as usize;
                            let version = cache::read32(units, pc + 1 + cache::CALL_FUNC_VERSION);
                            // SAFETY: the callable stays in its stack slot, alive,
                            // until it moves into the new frame (which then keeps
                            // it, so its payload, alive).
                            let callee: &Obj = unsafe { &*(frame.peek(total) as *const Obj) };
                            // Only `function` objects have a FunctionData payload
                            // (the type cannot be subclassed): one pointer
                            // compare instead of the payload's type check.
                            if !callee.type_is(&vm.ctx.types.function) || kwnames.is_some() {
                                deopt!(op::Call)
                            }
                            // SAFETY: the object is a function (checked above).
                            let fd = unsafe { callee.payload_unchecked::<function::FunctionData>() };
                            if fd.version.get() != version {
                                deopt!(op::Call)
                            }
                            // The arguments and the function move into the frame
                            // (with the defaults of the parameters not passed).
                            let new = if $exact {
                                call::frame_for_exact_args(vm, frame, fd, total, is_meth)
                            } else {
                                call::frame_for_defaults(vm, frame, fd, total, is_meth)
                            };
                            let Some(new) = new else { deopt!(op::Call) };
                            enter_frame!(new);
                        }};
                    }
                    // The families of specialized forms that share a body: one arm per
                    // opcode, each a copy of the body with the opcode a constant, so
                    // that the step to the next instruction and the tests of the
                    // opcode in the body fold away.
                    // LOAD_FAST's body: push local `i`, or raise UnboundLocalError.
                    macro_rules! push_local {
                        ($i:expr) => {
                            match frame.local($i).clone() {
                                Some(v) => frame.push(v),
                                None => break 'err ops::unbound_local(vm, code, $i),
                            }
                        };
                    }
                    macro_rules! lf_pair {
                        ($op:expr) => {{
                            // (Both instructions run: `ip` is set past the second.)
                            let next = pc + cache::STEP[$op as usize] as usize;
                            push_local!(oparg as usize);
                            let arg2 = second_arg(units, next);
                            ip = next + 1;
                            if $op == op::LoadFastLoadConst {
                                frame.push(const_at(code, arg2).clone());
                            } else {
                                push_local!(arg2);
                            }
                        }};
                    }
                    macro_rules! sf_pair {
                        ($op:expr) => {{
                            // (Both instructions run: `ip` is set past the second.)
                            let next = pc + cache::STEP[$op as usize] as usize;
                            let v = frame.pop();
                            drop(frame.local_mut(oparg as usize).replace(v));
                            let arg2 = second_arg(units, next);
                            ip = next + 1;
                            if $op == op::StoreFastStoreFast {
                                let v = frame.pop();
                                drop(frame.local_mut(arg2).replace(v));
                            } else {
                                push_local!(arg2);
                            }
                        }};
                    }
                    macro_rules! load_global_cached {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let v = if $op == op::LoadGlobalModule {
                                specialized::load_global_module(vm, units, pc, &frame.globals)
                            } else {
                                specialized::load_global_builtin(vm, units, pc, &frame.globals, &frame.builtins)
                            };
                            let Some(v) = v else { deopt!(op::LoadGlobal) };
                            if oparg & 1 != 0 {
                                frame.push_opt(None);
                            }
                            frame.push(v);
                        }};
                    }
                    macro_rules! int_binop {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let Some(r) = specialized::int_op(vm, $op, frame.peek(1), frame.peek(0)) else {
                                deopt!(op::BinaryOp)
                            };
                            fused_store!(next, specialized::int_into_local, r);
                            let b = frame.pop();
                            let a = frame.pop();
                            frame.push(tri!(specialized::int_result(vm, $op, a, b, r)));
                        }};
                    }
                    macro_rules! float_binop {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let Some(r) = specialized::float_op(vm, $op, frame.peek(1), frame.peek(0)) else {
                                deopt!(op::BinaryOp)
                            };
                            fused_store!(next, specialized::float_into_local, r);
                            let b = frame.pop();
                            let a = frame.pop();
                            frame.push(specialized::float_result(vm, a, b, r));
                        }};
                    }
                    macro_rules! compare_jump {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let Some(outcome) = specialized::compare_outcome(vm, $op, frame.peek(1), frame.peek(0))
                            else {
                                deopt!(op::CompareOp)
                            };
                            drop(frame.pop());
                            drop(frame.pop());
                            let mask = cache::read16(units, pc + 1 + cache::COMPARE_MASK);
                            let jump = unit_after(code, next);
                            let after = next + 1;
                            ip = after;
                            if outcome & mask != 0 {
                                let target = (jump >> 8) as usize;
                                match (jump & 0xff) as u8 {
                                    op::PopJumpForwardIfFalse | op::PopJumpForwardIfTrue => ip = after + target,
                                    // A backward jump: an exception the eval breaker
                                    // raises next is unwound from this instruction, as
                                    // CPython's fused form does.
                                    _ => ip = after - target,
                                }
                            }
                        }};
                    }
                    macro_rules! subscr_seq_int {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let r = if $op == op::BinarySubscrListInt {
                                specialized::subscr_list_int(vm, frame.peek(1), frame.peek(0))
                            } else {
                                specialized::subscr_tuple_int(vm, frame.peek(1), frame.peek(0))
                            };
                            let Some(r) = r else { deopt!(op::BinarySubscr) };
                            drop(frame.pop());
                            drop(frame.pop());
                            frame.push(r);
                        }};
                    }
                    macro_rules! load_attr_cached {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let owner = frame.peek(0);
                            let v = match $op {
                                op::LoadAttrInstanceValue | op::LoadAttrWithHint => {
                                    specialized::load_attr_instance(vm, units, pc, owner, &code.names[oparg as usize])
                                }
                                op::LoadAttrSlot => specialized::load_attr_slot(units, pc, owner),
                                _ => specialized::load_attr_module(vm, units, pc, owner),
                            };
                            let Some(v) = v else { deopt!(op::LoadAttr) };
                            drop(frame.pop());
                            frame.push(v);
                        }};
                    }
                    macro_rules! load_method_cached {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let Some(m) = specialized::load_method_cached(
                                vm,
                                units,
                                pc,
                                frame.peek(0),
                                &code.names[oparg as usize],
                            ) else {
                                deopt!(op::LoadMethod)
                            };
                            let owner = frame.pop();
                            frame.push(m);
                            frame.push(owner);
                        }};
                    }
                    macro_rules! pop_jump_bool {
                        ($op:expr) => {{
                            let next = pc + cache::STEP[$op as usize] as usize;
                            ip = next;
                            let v = frame.pop();
                            let t = if v.is(&vm.ctx.true_) {
                                true
                            } else if v.is(&vm.ctx.false_) {
                                false
                            } else if let Some(t) = specialized::exact_truth(vm, &v) {
                                t
                            } else {
                                tri!(vm.is_true(&v))
                            };
                            let jump_if = matches!($op, op::PopJumpForwardIfTrue | op::PopJumpBackwardIfTrue);
                            if t == jump_if {
                                ip = match $op {
                                    op::PopJumpForwardIfFalse | op::PopJumpForwardIfTrue => next + oparg as usize,
                                    _ => {
                                        specialize::warmup(code);
                                        next - oparg as usize
                                    }
                                };
                            }
                        }};
                    }
                    match opcode {
                        op::Nop => {}
                        op::Resume | op::ResumeQuick => {
                            if opcode == op::Resume {
                                specialize::warmup(code);
                            }
                            if vm.thread.profiling.get() {
                                tri!(profile::frame_event(vm, frame, profile::ProfileEvent::Call, None));
                            }
                        }
                        // ---- superinstructions: two instructions, one dispatch; an
                        // error in the second is reported at the first (as CPython) ----
                        op::LoadFastLoadFast => lf_pair!(op::LoadFastLoadFast),
                        op::LoadFastLoadConst => lf_pair!(op::LoadFastLoadConst),
                        op::LoadConstLoadFast => {
                            frame.push(const_at(code, oparg as usize).clone());
                            let arg2 = second_arg(units, next);
                            ip = next + 1;
                            push_local!(arg2);
                        }
                        op::StoreFastLoadFast => sf_pair!(op::StoreFastLoadFast),
                        op::StoreFastStoreFast => sf_pair!(op::StoreFastStoreFast),
                        // ---- LOAD_GLOBAL ----
                        op::LoadGlobalAdaptive => adapt!(
                            op::LoadGlobalAdaptive,
                            op::LoadGlobal,
                            specialize::load_global(
                                vm,
                                code,
                                pc,
                                &frame.globals,
                                &frame.builtins,
                                &code.names[(oparg >> 1) as usize]
                            )
                        ),
                        op::LoadGlobalModule => load_global_cached!(op::LoadGlobalModule),
                        op::LoadGlobalBuiltin => load_global_cached!(op::LoadGlobalBuiltin),
                        // ---- BINARY_OP ----
                        op::BinaryOpAdaptive => adapt!(
                            op::BinaryOpAdaptive,
                            op::BinaryOp,
                            specialize::binary_op(
                                vm,
                                code,
                                pc,
                                frame.peek(1),
                                frame.peek(0),
                                oparg,
                                &frame.slots[..frame.nlocalsplus]
                            )
                        ),
                        op::BinaryOpAddInt => int_binop!(op::BinaryOpAddInt),
                        op::BinaryOpSubtractInt => int_binop!(op::BinaryOpSubtractInt),
                        op::BinaryOpMultiplyInt => int_binop!(op::BinaryOpMultiplyInt),
                        op::BinaryOpAddFloat => float_binop!(op::BinaryOpAddFloat),
                        op::BinaryOpSubtractFloat => float_binop!(op::BinaryOpSubtractFloat),
                        op::BinaryOpMultiplyFloat => float_binop!(op::BinaryOpMultiplyFloat),
                        op::BinaryOpAddUnicode => {
                            let Some(r) = specialized::add_unicode(vm, frame.peek(1), frame.peek(0)) else {
                                deopt!(op::BinaryOp)
                            };
                            drop(frame.pop());
                            drop(frame.pop());
                            frame.push(r);
                        }
                        op::BinaryOpInplaceAddUnicode => {
                            // `s += t` where the next instruction stores into `s`:
                            // the store is done here and skipped.
                            let local = (code.units[next] >> 8) as usize;
                            if !frame.slots[local].as_ref().is_some_and(|l| l.is(frame.peek(1))) {
                                deopt!(op::BinaryOp)
                            }
                            let Some(r) = specialized::add_unicode(vm, frame.peek(1), frame.peek(0)) else {
                                deopt!(op::BinaryOp)
                            };
                            drop(frame.pop());
                            drop(frame.pop());
                            drop(frame.local_mut(local).replace(r));
                            ip = next + 1;
                        }
                        // ---- COMPARE_OP fused with the conditional jump after it ----
                        op::CompareOpAdaptive => adapt!(
                            op::CompareOpAdaptive,
                            op::CompareOp,
                            specialize::compare_op(vm, code, pc, frame.peek(1), frame.peek(0), oparg)
                        ),
                        op::CompareOpIntJump => compare_jump!(op::CompareOpIntJump),
                        op::CompareOpFloatJump => compare_jump!(op::CompareOpFloatJump),
                        op::CompareOpStrJump => compare_jump!(op::CompareOpStrJump),
                        // ---- BINARY_SUBSCR, STORE_SUBSCR ----
                        op::BinarySubscrAdaptive => adapt!(
                            op::BinarySubscrAdaptive,
                            op::BinarySubscr,
                            specialize::binary_subscr(vm, code, pc, frame.peek(1), frame.peek(0))
                        ),
                        op::BinarySubscrListInt => subscr_seq_int!(op::BinarySubscrListInt),
                        op::BinarySubscrTupleInt => subscr_seq_int!(op::BinarySubscrTupleInt),
                        op::BinarySubscrDict => {
                            let Some(r) = specialized::subscr_dict(vm, frame.peek(1), frame.peek(0)) else {
                                deopt!(op::BinarySubscr)
                            };
                            match tri!(r) {
                                Some(v) => {
                                    drop(frame.pop());
                                    drop(frame.pop());
                                    frame.push(v);
                                }
                                // Missing: the generic path raises the KeyError.
                                None => run_generic!(op::BinarySubscr),
                            }
                        }
                        op::BinarySubscrGetitem => {
                            let Some(new) = frame.out(|f| specialized::subscr_getitem_frame(vm, &code.adaptive, pc, f))
                            else {
                                deopt!(op::BinarySubscr)
                            };
                            enter_frame!(new);
                        }
                        op::StoreSubscrAdaptive => adapt!(
                            op::StoreSubscrAdaptive,
                            op::StoreSubscr,
                            specialize::store_subscr(vm, code, pc, frame.peek(1), frame.peek(0))
                        ),
                        op::StoreSubscrListInt => {
                            let v = frame.peek(2).clone();
                            match specialized::store_list_int(vm, frame.peek(1), frame.peek(0), v) {
                                Ok(old) => {
                                    drop(frame.pop());
                                    drop(frame.pop());
                                    drop(frame.pop());
                                    drop(old);
                                }
                                Err(_) => deopt!(op::StoreSubscr),
                            }
                        }
                        op::StoreSubscrDict => {
                            if !frame.peek(1).type_is(&vm.ctx.types.dict) {
                                deopt!(op::StoreSubscr)
                            }
                            let sub = frame.pop();
                            let d = frame.pop();
                            let v = frame.pop();
                            tri!(dict::set_item(vm, &d, sub, v));
                        }
                        // ---- UNPACK_SEQUENCE ----
                        op::UnpackSequenceAdaptive => adapt!(
                            op::UnpackSequenceAdaptive,
                            op::UnpackSequence,
                            specialize::unpack_sequence(vm, code, pc, frame.peek(0), oparg)
                        ),
                        op::UnpackSequenceTwoTuple | op::UnpackSequenceTuple | op::UnpackSequenceList => {
                            let want_list = opcode == op::UnpackSequenceList;
                            if !specialized::unpack_fits(vm, frame.peek(0), oparg as usize, want_list) {
                                deopt!(op::UnpackSequence)
                            }
                            // The items go straight onto the stack (no vector):
                            // pushing runs no Python code, so the sequence
                            // cannot change meanwhile.
                            let seq = frame.pop();
                            specialized::unpack_reversed(&seq, want_list, |x| frame.push(x));
                            drop(seq);
                        }
                        // ---- LOAD_ATTR, STORE_ATTR, LOAD_METHOD ----
                        op::LoadAttrAdaptive => adapt!(
                            op::LoadAttrAdaptive,
                            op::LoadAttr,
                            specialize::load_attr(vm, code, pc, frame.peek(0), &code.names[oparg as usize])
                        ),
                        op::LoadAttrInstanceValue => load_attr_cached!(op::LoadAttrInstanceValue),
                        op::LoadAttrWithHint => load_attr_cached!(op::LoadAttrWithHint),
                        op::LoadAttrSlot
                            if cache::read16(units, pc + 1 + cache::ATTR_INDEX) == cache::ATTR_INDEX_PROPERTY =>
                        {
                            let name = &code.names[oparg as usize];
                            let Some(new) =
                                frame.out(|f| specialized::load_attr_property_frame(vm, &code.adaptive, pc, f, name))
                            else {
                                deopt!(op::LoadAttr)
                            };
                            enter_frame!(new);
                        }
                        op::LoadAttrSlot => load_attr_cached!(op::LoadAttrSlot),
                        op::LoadAttrModule => load_attr_cached!(op::LoadAttrModule),
                        op::StoreAttrAdaptive => adapt!(
                            op::StoreAttrAdaptive,
                            op::StoreAttr,
                            specialize::store_attr(vm, code, pc, frame.peek(0), &code.names[oparg as usize])
                        ),
                        op::StoreAttrInstanceValue | op::StoreAttrWithHint | op::StoreAttrSlot => {
                            let v = frame.peek(1).clone();
                            let owner = frame.peek(0);
                            let r = if opcode != op::StoreAttrSlot {
                                specialized::store_attr_instance(vm, units, pc, owner, &code.names[oparg as usize], v)
                            } else {
                                specialized::store_attr_slot(units, pc, owner, v)
                            };
                            if r.is_err() {
                                deopt!(op::StoreAttr)
                            }
                            drop(frame.pop());
                            drop(frame.pop());
                        }
                        op::LoadMethodAdaptive => adapt!(
                            op::LoadMethodAdaptive,
                            op::LoadMethod,
                            specialize::load_method(vm, code, pc, frame.peek(0), &code.names[oparg as usize])
                        ),
                        op::LoadMethodWithValues => load_method_cached!(op::LoadMethodWithValues),
                        op::LoadMethodWithDict => load_method_cached!(op::LoadMethodWithDict),
                        op::LoadMethodNoDict if cache::read16(units, pc + 1 + cache::METHOD_SUPER_INDEX) != 0 => {
                            ip = pc + cache::STEP[op::LoadMethodNoDict as usize] as usize;
                            let Some((m, obj)) = specialized::load_method_super(
                                vm,
                                &code.adaptive,
                                pc,
                                frame.peek(0),
                                &code.names[oparg as usize],
                            ) else {
                                deopt!(op::LoadMethod)
                            };
                            drop(frame.pop());
                            frame.push(m);
                            frame.push(obj);
                        }
                        op::LoadMethodNoDict => load_method_cached!(op::LoadMethodNoDict),
                        op::LoadMethodClass => {
                            let Some(v) = specialized::load_method_class(
                                vm,
                                units,
                                pc,
                                frame.peek(0),
                                &code.names[oparg as usize],
                            ) else {
                                deopt!(op::LoadMethod)
                            };
                            drop(frame.pop());
                            frame.push_opt(None);
                            frame.push(v);
                        }
                        op::LoadMethodModule => {
                            let Some(v) = specialized::load_attr_module(vm, units, pc, frame.peek(0)) else {
                                deopt!(op::LoadMethod)
                            };
                            drop(frame.pop());
                            frame.push_opt(None);
                            frame.push(v);
                        }
                        // ---- PRECALL, CALL ----
                        op::PrecallAdaptive => {
                            let argc = oparg as usize;
                            let is_meth = frame.peek_opt(argc + 1).is_some();
                            let total = argc + is_meth as usize;
                            adapt!(
                                op::PrecallAdaptive,
                                op::Precall,
                                specialize::precall(vm, code, pc, frame.peek(total), total, is_meth, kwnames.is_some())
                            )
                        }
                        // PRECALL_PYFUNC does nothing (the CALL after it calls), so
                        // that CALL runs at once, without the eval breaker's test
                        // in between: it could find nothing new, as this
                        // instruction released nothing and, being a specialized
                        // form, never runs while tracing (which tests each one).
                        op::PrecallPyfunc => {
                            start = ip;
                            (pc, opcode, oparg) = fetch_unit(units, ip);
                            continue 'reswitch;
                        }
                        op::PrecallBoundMethod => {
                            let argc = oparg as usize;
                            if frame.peek_opt(argc + 1).is_some() {
                                deopt!(op::Precall)
                            }
                            let Some(m) = frame.peek(argc).payload::<crate::objects::method::MethodData>() else {
                                deopt!(op::Precall)
                            };
                            let (f, s) = (m.func.clone(), m.self_.clone());
                            frame.set_peek(argc + 1, Some(f));
                            drop(frame.set_peek(argc, Some(s)));
                        }
                        op::PrecallNoKwLen
                        | op::PrecallNoKwIsinstance
                        | op::PrecallNoKwType1
                        | op::PrecallNoKwListAppend
                        | op::PrecallNoKwBuiltinO
                        | op::PrecallNoKwBuiltinFast
                        | op::PrecallNoKwMethodDescriptorNoargs
                        | op::PrecallNoKwMethodDescriptorO
                        | op::PrecallNoKwMethodDescriptorFast
                        | op::PrecallNoKwStr1
                        | op::PrecallNoKwTuple1
                        | op::PrecallBuiltinClass
                        | op::PrecallBuiltinFastWithKeywords
                        | op::PrecallMethodDescriptorFastWithKeywords => {
                            // The whole call of a builtin, then the CALL is skipped.
                            let argc = oparg as usize;
                            let is_meth = frame.peek_opt(argc + 1).is_some();
                            let total = argc + is_meth as usize;
                            // A profiler sees builtin calls: the generic CALL reports them.
                            if (kwnames.is_some() && !specialized::precall_takes_keywords(opcode))
                                || vm.thread.profiling.get()
                                || !specialized::precall_guard(vm, opcode, frame.peek(total), total, frame)
                            {
                                deopt!(op::Precall)
                            }
                            let r = match opcode {
                                op::PrecallNoKwLen => {
                                    let a = frame.pop();
                                    vm.len(&a).map(|n| vm.new_usize(n))
                                }
                                op::PrecallNoKwIsinstance => {
                                    let cls = frame.pop();
                                    let a = frame.pop();
                                    vm.isinstance(&a, &cls).map(|b| vm.bool_obj(b))
                                }
                                op::PrecallNoKwType1 => Ok(frame.pop().class_obj()),
                                op::PrecallNoKwStr1 => {
                                    let a = frame.pop();
                                    vm.str(&a)
                                }
                                op::PrecallNoKwTuple1 => {
                                    let a = frame.pop();
                                    vm.to_tuple(&a)
                                }
                                op::PrecallNoKwListAppend => {
                                    let v = frame.pop();
                                    let l = frame.pop();
                                    list::try_append(vm, &l, v).map(|()| vm.none())
                                }
                                op::PrecallNoKwBuiltinO | op::PrecallNoKwMethodDescriptorNoargs => {
                                    let a = frame.pop();
                                    let c = frame.peek(0).clone();
                                    vm.call(&c, std::slice::from_ref(&a), None)
                                }
                                op::PrecallNoKwMethodDescriptorO => {
                                    let b = frame.pop();
                                    let a = frame.pop();
                                    let c = frame.peek(0).clone();
                                    vm.call(&c, &[a, b], None)
                                }
                                _ => {
                                    let c = frame.peek(total).clone();
                                    let kw = kwnames.take();
                                    let r = match frame.top_slice(total) {
                                        Some(args) => vm.call(&c, args, kw.as_ref()),
                                        None => Err(vm.system_error("PRECALL: NULL argument")),
                                    };
                                    frame.pop_to(frame.stack_depth() - total);
                                    r
                                }
                            };
                            drop(frame.pop_opt());
                            if !is_meth {
                                drop(frame.pop_opt());
                            }
                            frame.push(tri!(r));
                            ip = next + 1 + cache::ENTRIES[op::Call as usize] as usize;
                        }
                        op::CallAdaptive => {
                            let argc = oparg as usize;
                            let is_meth = frame.peek_opt(argc + 1).is_some();
                            let total = argc + is_meth as usize;
                            adapt!(
                                op::CallAdaptive,
                                op::Call,
                                specialize::call(code, pc, frame.peek(total), total, kwnames.is_some())
                            )
                        }
                        op::CallPyExactArgs => call_py!(true),
                        op::CallPyWithDefaults => call_py!(false),
                        op::LoadFast => {
                            let v = frame.local(oparg as usize).clone();
                            match v {
                                Some(v) => frame.push(v),
                                None => {
                                    break 'err ops::unbound_local(vm, code, oparg as usize);
                                }
                            }
                        }
                        op::LoadConst => {
                            let v = const_at(code, oparg as usize).clone();
                            frame.push(v);
                        }
                        op::StoreFast => {
                            let v = frame.pop();
                            let old = frame.local_mut(oparg as usize).replace(v);
                            drop(old);
                        }
                        op::ContainsOp => {
                            let b = frame.pop();
                            let a = frame.pop();
                            let r = tri!(vm.contains(&b, &a));
                            frame.push(bool_result(vm, r != (oparg == 1)));
                        }
                        op::GetIter => {
                            let v = frame.pop();
                            let it = tri!(vm.iter(&v));
                            frame.push(it);
                        }
                        op::LoadClosure => {
                            let v = tri!(ops::cell_at(vm, frame, oparg as usize));
                            frame.push(v);
                        }
                        op::BuildSlice => {
                            // A list or str sliced, or a list assigned to a slice, with no slice
                            // object made (CPython 3.12's BINARY_SLICE and
                            // STORE_SLICE), when nothing can fail (not while tracing:
                            // the second instruction would go unseen).
                            if !vm.thread.tracing.get() {
                                let after = code.units.get(next).copied();
                                if after == Some(op::BinarySubscr as u16) {
                                    let k = oparg as usize;
                                    let step = (k == 3).then(|| frame.peek(0));
                                    let r = specialized::slice_fused(
                                        vm,
                                        frame.peek(k),
                                        frame.peek(k - 1),
                                        frame.peek(k - 2),
                                        step,
                                    );
                                    if let Some(r) = r {
                                        frame.pop_to(frame.stack_depth() - k - 1);
                                        frame.push(r);
                                        ip = next + cache::STEP[op::BinarySubscr as usize] as usize;
                                        continue 'instr;
                                    }
                                } else if after == Some(op::StoreSubscr as u16)
                                    && oparg == 2
                                    && specialized::list_store_slice_fits(
                                        vm,
                                        frame.peek(3),
                                        frame.peek(2),
                                        frame.peek(1),
                                        frame.peek(0),
                                    )
                                {
                                    let stop = specialized::fused_bound(vm, &frame.pop()).flatten();
                                    let start = specialized::fused_bound(vm, &frame.pop()).flatten();
                                    let container = frame.pop();
                                    list::store_run_from_list(&container, start, stop, frame.pop());
                                    ip = next + cache::STEP[op::StoreSubscr as usize] as usize;
                                    continue 'instr;
                                }
                            }
                            let step = if oparg == 3 { frame.pop() } else { vm.none() };
                            let stop = frame.pop();
                            let start = frame.pop();
                            frame.push(vm.new_slice(start, stop, step));
                        }
                        op::MakeFunction => {
                            let code_obj = frame.pop();
                            if !code_obj.type_is(&vm.ctx.types.code) {
                                break 'err vm.system_error("MAKE_FUNCTION expects a code object");
                            }
                            let closure = if oparg & 0x08 != 0 { Some(frame.pop()) } else { None };
                            let annotations = if oparg & 0x04 != 0 { Some(frame.pop()) } else { None };
                            let kwdefaults = if oparg & 0x02 != 0 { Some(frame.pop()) } else { None };
                            let defaults = if oparg & 0x01 != 0 { Some(frame.pop()) } else { None };
                            let f = function::new_function_full(
                                vm,
                                code_obj,
                                frame.globals.clone(),
                                defaults,
                                kwdefaults,
                                annotations,
                                closure,
                            );
                            frame.push(f);
                        }
                        // The rare instructions run out of line (`rare.rs`).
                        op::DeleteFast
                        | op::UnaryPositive
                        | op::UnaryNegative
                        | op::UnaryInvert
                        | op::UnaryNot
                        | op::BinaryOp
                        | op::CompareOp
                        | op::BinarySubscr
                        | op::StoreSubscr
                        | op::DeleteSubscr
                        | op::GetLen
                        | op::JumpIfFalseOrPop
                        | op::JumpIfTrueOrPop
                        | op::LoadGlobal
                        | op::StoreGlobal
                        | op::DeleteGlobal
                        | op::LoadName
                        | op::StoreName
                        | op::DeleteName
                        | op::LoadAttr
                        | op::LoadMethod
                        | op::StoreAttr
                        | op::DeleteAttr
                        | op::MakeCell
                        | op::CopyFreeVars
                        | op::LoadClassderef
                        | op::DeleteDeref
                        | op::BuildSet
                        | op::BuildMap
                        | op::BuildConstKeyMap
                        | op::BuildString
                        | op::ListAppend
                        | op::SetAdd
                        | op::MapAdd
                        | op::ListExtend
                        | op::SetUpdate
                        | op::DictUpdate
                        | op::DictMerge
                        | op::ListToTuple
                        | op::UnpackSequence
                        | op::UnpackEx
                        | op::CallFunctionEx
                        | op::AsyncGenWrap
                        | op::GetYieldFromIter
                        | op::GetAwaitable
                        | op::GetAiter
                        | op::GetAnext
                        | op::BeforeWith
                        | op::BeforeAsyncWith
                        | op::WithExceptStart
                        | op::PushExcInfo
                        | op::PopExcept
                        | op::CheckExcMatch
                        | op::CheckEgMatch
                        | op::PrepReraiseStar
                        | op::LoadAssertionError
                        | op::LoadBuildClass
                        | op::SetupAnnotations
                        | op::ImportName
                        | op::ImportFrom
                        | op::ImportStar
                        | op::PrintExpr
                        | op::FormatValue
                        | op::MatchMapping
                        | op::MatchSequence
                        | op::MatchKeys
                        | op::MatchClass => {
                            ip = tri!(frame.out(|f| rare::run(vm, f, code, opcode, oparg, next)));
                        }
                        op::PopTop => {
                            let v = frame.pop_opt();
                            drop(v);
                        }
                        op::PushNull => frame.push_opt(None),
                        op::Copy => {
                            let v = frame.peek(oparg as usize - 1).clone();
                            frame.push(v);
                        }
                        op::Swap => frame.swap_top(oparg as usize),
                        op::IsOp => {
                            let b = frame.pop();
                            let a = frame.pop();
                            frame.push(bool_result(vm, a.is(&b) != (oparg == 1)));
                        }
                        op::ForIter => {
                            if !vm.thread.tracing.get() {
                                if let Some(item) = specialized::range_iter_next(vm, frame.peek(0)) {
                                    match item {
                                        // The STORE_FAST that follows may reuse the local's int.
                                        Some(v) => {
                                            let store = code.units[next];
                                            let local = (store >> 8) as usize;
                                            if (store & 0xff) as u8 == op::StoreFast
                                                && specialized::store_int_in_place(vm, frame.local_mut(local), v)
                                            {
                                                ip = next + 1;
                                            } else {
                                                frame.push(vm.new_int(v));
                                            }
                                        }
                                        None => {
                                            drop(frame.pop());
                                            ip = next + oparg as usize;
                                        }
                                    }
                                    continue 'instr;
                                }
                            }
                            // A generator runs in place, and ends the loop
                            // without a StopIteration.
                            if frame.peek(0).type_is(&vm.ctx.types.generator) {
                                let exit = next + oparg as usize;
                                let kind = generator::InlineKind::ForIter;
                                if let Ok(np) = generator::resume_inline(vm, frame.peek(0), vm.none(), kind, exit) {
                                    enter_generator!(np);
                                }
                            }
                            let it = frame.peek(0).clone();
                            if vm.thread.tracing.get() {
                                match tri!(frame.escape(|f| trace::for_iter(vm, f, &it))) {
                                    Some(v) => frame.push(v),
                                    None => {
                                        drop(frame.pop());
                                        ip = next + oparg as usize;
                                    }
                                }
                                continue 'instr;
                            }
                            match it.class().slots.iternext.get() {
                                Some(f) => match f(vm, &it) {
                                    Ok(Some(v)) => {
                                        frame.push(v);
                                    }
                                    Ok(None) => {
                                        drop(frame.pop());
                                        ip = next + oparg as usize;
                                    }
                                    Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) => {
                                        drop(frame.pop());
                                        ip = next + oparg as usize;
                                    }
                                    Err(e) => break 'err e,
                                },
                                None => {
                                    break 'err vm
                                        .type_error(format!("'{}' object is not an iterator", it.class().name()))
                                }
                            }
                        }
                        op::JumpForward => ip = next + oparg as usize,
                        op::JumpBackward => {
                            specialize::warmup(code);
                            ip = next - oparg as usize;
                        }
                        op::JumpBackwardQuick | op::JumpBackwardNoInterrupt => ip = next - oparg as usize,
                        op::PopJumpForwardIfFalse => pop_jump_bool!(op::PopJumpForwardIfFalse),
                        op::PopJumpBackwardIfFalse => pop_jump_bool!(op::PopJumpBackwardIfFalse),
                        op::PopJumpForwardIfTrue => pop_jump_bool!(op::PopJumpForwardIfTrue),
                        op::PopJumpBackwardIfTrue => pop_jump_bool!(op::PopJumpBackwardIfTrue),
                        op::PopJumpForwardIfNone
                        | op::PopJumpBackwardIfNone
                        | op::PopJumpForwardIfNotNone
                        | op::PopJumpBackwardIfNotNone => {
                            let v = frame.pop();
                            let is_none = vm.is_none(&v);
                            let jump_if_none = matches!(opcode, op::PopJumpForwardIfNone | op::PopJumpBackwardIfNone);
                            if is_none == jump_if_none {
                                ip = match opcode {
                                    op::PopJumpForwardIfNone | op::PopJumpForwardIfNotNone => next + oparg as usize,
                                    _ => {
                                        specialize::warmup(code);
                                        next - oparg as usize
                                    }
                                };
                            }
                        }
                        op::LoadDeref => {
                            let v = match ops::cell_in(frame, oparg as usize) {
                                Some(c) => c.value.get(),
                                None => break 'err ops::missing_cell(vm),
                            };
                            match v {
                                Some(v) => frame.push(v),
                                None => {
                                    break 'err ops::unbound_deref(vm, code, oparg as usize);
                                }
                            }
                        }
                        op::StoreDeref => {
                            let v = frame.pop();
                            let Some(c) = ops::cell_in(frame, oparg as usize) else {
                                break 'err ops::missing_cell(vm);
                            };
                            // The value replaced is dropped here: its finalizer, if any, is
                            // only queued, so nothing can touch the frame's slots meanwhile.
                            c.value.set(Some(v));
                        }
                        op::BuildTuple => {
                            let t = frame.pop_n_tuple(vm, oparg as usize);
                            frame.push(t);
                        }
                        op::BuildList => {
                            let l = frame.pop_n_list(vm, oparg as usize);
                            frame.push(l);
                        }
                        op::KwNames => {
                            kwnames = Some(code.consts[oparg as usize].clone());
                        }
                        op::Precall => {}
                        op::Call => {
                            if let Some(new) = tri!(frame.out(|f| generic::call(vm, f, oparg, kwnames.take()))) {
                                enter_frame!(new);
                            }
                        }
                        op::ReturnValue => {
                            // A plain call's frame is released at once: its
                            // caller continues in this loop, or, for an entry
                            // frame, `run_frame`'s caller gets the value.
                            let hooks = vm.thread.hooks_active();
                            if !hooks && frame.pops_on_return() {
                                let is_entry = frame.is_entry;
                                // The slot is not cleared: the frame is released
                                // below `top` (nothing runs in between).
                                let v = frame.pop_uncleared();
                                // SAFETY: the running frame is the current one and
                                // the top of the data stack (its callees are gone);
                                // `top_ptr` is its stack pointer.
                                let prev = unsafe { Frame::pop_returned(vm, frame.as_ptr(), frame.top_ptr()) };
                                if is_entry {
                                    return Ok(FrameExit::Return(v));
                                }
                                switch_frame!(prev);
                                frame.push(v);
                                continue 'instr;
                            }
                            let v = frame.pop();
                            if hooks {
                                std::hint::cold_path();
                                if vm.thread.tracing.get() {
                                    if let Err(e) = frame.escape(|f| trace::return_event(vm, f, Some(&v))) {
                                        exit_unwind = true;
                                        break 'err e;
                                    }
                                }
                                if vm.thread.profiling.get() {
                                    tri!(profile::frame_event(vm, frame, profile::ProfileEvent::Return, Some(&v)));
                                }
                            }
                            // SAFETY: `cur` is the current frame; it is unlinked and
                            // released, and the loop continues with its caller.
                            frame.sync();
                            let prev = unsafe {
                                let is_entry = frame.is_entry;
                                let owner = frame.owner;
                                let cur = frame.as_ptr();
                                let prev = pop_frame(vm, cur);
                                finish_frame(vm, cur, prev);
                                if is_entry {
                                    return Ok(FrameExit::Return(v));
                                }
                                if owner == FrameOwner::Generator {
                                    fp = prev;
                                    // A generator resumed in place returns.
                                    if let Err(e) = generator::return_inline(vm, &mut *fp, v) {
                                        pending = Some(e);
                                        pending_raised_here = true;
                                    }
                                    continue 'dispatch;
                                }
                                prev
                            };
                            switch_frame!(prev);
                            frame.push(v);
                            continue 'instr;
                        }
                        op::ReturnGenerator => {
                            std::hint::cold_path();
                            frame.leave(ip);
                            let cur = frame.as_ptr();
                            // SAFETY: `cur` is the running frame.
                            unsafe { (*cur).started = false };
                            // SAFETY: the current frame moves to the heap, owned by
                            // the generator; it is the top of the data stack (its
                            // callees are gone).
                            fp = unsafe {
                                let is_entry = frame.is_entry;
                                let prev = pop_frame(vm, cur);
                                let gen = generator::new_from_frame(vm, cur);
                                if is_entry {
                                    return Ok(FrameExit::Return(gen));
                                }
                                (*prev).push(gen);
                                prev
                            };
                            continue 'dispatch;
                        }
                        op::YieldValue => {
                            let v = frame.pop();
                            if vm.thread.tracing.get() {
                                if let Err(e) = frame.escape(|f| trace::return_event(vm, f, Some(&v))) {
                                    exit_unwind = true;
                                    break 'err e;
                                }
                            }
                            if vm.thread.profiling.get() {
                                tri!(profile::frame_event(vm, frame, profile::ProfileEvent::Return, Some(&v)));
                            }
                            frame.leave(ip);
                            let cur = frame.as_ptr();
                            // SAFETY: `cur` is the running generator frame: an
                            // entry frame (`gen_send_ex`) returns, one resumed in
                            // place gives the value to its caller.
                            fp = unsafe {
                                let is_entry = (*cur).is_entry;
                                let prev = pop_frame(vm, cur);
                                if is_entry {
                                    return Ok(FrameExit::Yield(v));
                                }
                                generator::suspend_inline(vm, &*prev);
                                (*prev).push(v);
                                prev
                            };
                            continue 'dispatch;
                        }
                        op::Send => {
                            let v = frame.pop();
                            // A generator or coroutine runs in place.
                            let kind = if vm.is_none(&v) {
                                generator::InlineKind::SendNone
                            } else {
                                generator::InlineKind::SendValue
                            };
                            let v = match generator::resume_inline(vm, frame.peek(0), v, kind, next + oparg as usize) {
                                Ok(np) => enter_generator!(np),
                                Err(v) => v,
                            };
                            let receiver = frame.peek(0).clone();
                            let sent_none = vm.is_none(&v);
                            match tri!(generator::send_to(vm, &receiver, v)) {
                                generator::SendResult::Yield(y) => {
                                    frame.push(y);
                                }
                                generator::SendResult::Return(r) => {
                                    if vm.thread.tracing.get() {
                                        tri!(frame.escape(|f| trace::send_returned(vm, f, &receiver, sent_none, &r)));
                                    }
                                    drop(frame.pop());
                                    frame.push(r);
                                    ip = next + oparg as usize;
                                }
                            }
                        }
                        op::EndAsyncFor => {
                            std::hint::cold_path();
                            let exc = tri!(ops::exception_value(vm, frame.pop()));
                            if vm.isinstance_type(&exc, &vm.ctx.exceptions.stop_async_iteration) {
                                drop(frame.pop());
                            } else {
                                pending_needs_tb = false;
                                break 'err PyErr(exc);
                            }
                        }
                        op::Reraise => {
                            let exc = tri!(ops::exception_value(vm, frame.pop()));
                            if oparg != 0 {
                                // The handler is still looked up at this instruction;
                                // the restored position is what a handler sees.
                                let lasti = frame.peek(oparg as usize - 1).clone();
                                reraise_lasti = int::value(&lasti).and_then(|v| v.as_i64()).map(|v| v as usize);
                            }
                            pending_needs_tb = false;
                            break 'err PyErr(exc);
                        }
                        op::RaiseVarargs => {
                            let (exc, cause) = match oparg {
                                0 => (None, None),
                                1 => (Some(frame.pop()), None),
                                _ => {
                                    let cause = frame.pop();
                                    (Some(frame.pop()), Some(cause))
                                }
                            };
                            let (e, reraise) = ops::do_raise(vm, exc, cause);
                            if reraise {
                                pending_needs_tb = false;
                            }
                            break 'err e;
                        }
                        op::ExtendedArgQuick => {
                            std::hint::cold_path();
                            (pc, opcode, oparg) = fetch_extended(code.adaptive.as_ptr(), pc);
                            continue 'reswitch;
                        }
                        // Every other byte (CACHE and EXTENDED_ARG, which the
                        // adaptive code never runs, and numbers no opcode has),
                        // listed value by value rather than
                        // as a range: the match then covers all 256 values with
                        // constants, so its jump table has 256 entries and the
                        // dispatch needs no range check.
                        #[rustfmt::skip]
                    op::Cache | op::ExtendedArg
                    | 181 | 182 | 183 | 184 | 185 | 186 | 187 | 188 | 189 | 190 | 191 | 192 | 193 | 194 | 195
                    | 196 | 197 | 198 | 199 | 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 209 | 210
                    | 211 | 212 | 213 | 214 | 215 | 216 | 217 | 218 | 219 | 220 | 221 | 222 | 223 | 224 | 225
                    | 226 | 227 | 228 | 229 | 230 | 231 | 232 | 233 | 234 | 235 | 236 | 237 | 238 | 239 | 240
                    | 241 | 242 | 243 | 244 | 245 | 246 | 247 | 248 | 249 | 250 | 251 | 252 | 253 | 254 | 255 => {
                        break 'err unknown_opcode_error(vm, code, opcode);
                    }
                    }
                    break;
                }
            }
        };
        // ---- an exception was raised at `frame.lasti` ----
        std::hint::cold_path();
        let mut err = err;
        fp = running.into_frame();
        // SAFETY: `fp` is the live current frame, which stops running here.
        let mut frame: &mut Frame = unsafe { &mut *fp };
        if pending_needs_tb && !exit_unwind {
            add_traceback(vm, frame, &err);
            if vm.thread.tracing.get() {
                err = trace::exception_event(vm, frame, err);
            }
        }
        pending_needs_tb = true;
        kwnames = None;
        let mut lookup_at = unwind_at.take();
        loop {
            let code = frame.code();
            let at = lookup_at.take().unwrap_or(frame.lasti) as u32;
            if let Some(h) = if exit_unwind { None } else { code.handler_for(at) } {
                frame.pop_to(h.depth as usize);
                if h.lasti {
                    let l = vm.new_usize(reraise_lasti.take().unwrap_or(frame.lasti));
                    frame.push(l);
                }
                reraise_lasti = None;
                frame.push(err.0.clone());
                frame.next_instr = h.target as usize;
                break;
            }
            // No handler here: the frame ends with the exception, at the
            // position a RERAISE restored (CPython's `prev_instr`: what
            // f_lineno of the finished frame shows).
            if let Some(l) = reraise_lasti.take() {
                frame.lasti = l;
            }
            frame.pop_to(0);
            // After a trace function's error for 'return', neither hook
            // sees the frame end again.
            let mut exiting = std::mem::take(&mut exit_unwind);
            if !exiting && vm.thread.tracing.get() {
                // An error of the trace function replaces the frame's own
                // and the profiler is not told (CPython's
                // `call_trace_protected` in `trace_function_exit`).
                if let Err(e) = trace::return_event(vm, frame, None) {
                    err = e;
                    exiting = true;
                }
            }
            if !exiting && vm.thread.profiling.get() {
                // The frame's own exception wins over one the profiler raises.
                let _ = profile::frame_event(vm, frame, profile::ProfileEvent::Return, None);
            }
            // SAFETY: `fp` is the current frame; unlinking and releasing
            // it is what exiting a frame does.
            unsafe {
                let is_entry = frame.is_entry;
                let owner = frame.owner;
                let prev = pop_frame(vm, fp);
                finish_frame(vm, fp, prev);
                if is_entry {
                    return Err(err);
                }
                fp = prev;
                frame = &mut *fp;
                if owner == FrameOwner::Generator {
                    // A generator resumed in place ends with the error.
                    err = generator::raise_inline(vm, frame, err);
                }
            }
            reraise_lasti = None;
            add_traceback(vm, frame, &err);
            if vm.thread.tracing.get() {
                err = trace::exception_event(vm, frame, err);
            }
        }
    }
}

impl Vm {
    /// `setattr` with a name known to be a str (the compiler's names).
    #[inline]
    pub fn setattr_str_obj(&self, o: &Obj, name: &Obj, v: &Obj) -> PyResult<()> {
        match o.class().slots.setattro.get() {
            Some(f) => f(self, o, name, Some(v)),
            None => self.setattr(o, name, v),
        }
    }
}

#[allow(dead_code)]
fn unused(_: CompareOp, _: NbOp, _: &float::FloatData) {}

/// The argument of the second instruction of a superinstruction, at `next`.
#[inline(always)]
fn second_arg(units: &[std::cell::Cell<u16>], next: usize) -> usize {
    debug_assert!(next < units.len());
    // SAFETY: quickening pairs an instruction only with the one right after
    // it, so `next` is an instruction of the code.
    (unsafe { units.get_unchecked(next) }.get() >> 8) as usize
}

/// The constant LOAD_CONST `i` (or a superinstruction's) pushes.
#[inline(always)]
fn const_at(code: &CodeData, i: usize) -> &Obj {
    debug_assert!(i < code.consts.len());
    // SAFETY: a LOAD_CONST's index is below `co_consts`' length: the
    // compiler's code, or code `verify` checked.
    unsafe { code.consts.get_unchecked(i) }
}

/// The unit at `next` of CPython's code: the instruction right after one
/// whose fused form looks at it (a STORE_FAST, a conditional jump).
#[inline(always)]
fn unit_after(code: &CodeData, next: usize) -> u16 {
    debug_assert!(next < code.units.len());
    // SAFETY: an instruction is never the last unit of its code (code ends
    // with a return, a raise or a jump, whose units come after it), so the
    // one after it is in bounds: the compiler's code, or code `verify`
    // checked never to run off the end.
    unsafe { *code.units.get_unchecked(next) }
}

/// The instruction at `pc` of the adaptive code `units`: where its own unit
/// is (after its EXTENDED_ARG_QUICK prefixes), its opcode and argument.
#[inline(always)]
fn fetch(units: &[std::cell::Cell<u16>], pc: usize) -> (usize, u8, u32) {
    // SAFETY: `pc` is an instruction of the code: execution starts at 0,
    // jumps and handlers land on instructions and never run off the end
    // (the compiler's code, or code `verify` checked).
    let word = unsafe { units.get_unchecked(pc) }.get();
    let opcode = (word & 0xff) as u8;
    if opcode == op::ExtendedArgQuick {
        return fetch_extended(units.as_ptr(), pc);
    }
    (pc, opcode, (word >> 8) as u32)
}

/// The code unit at `pc` of the adaptive code `units` as an instruction:
/// its opcode (EXTENDED_ARG_QUICK for a prefix) and argument.
#[inline(always)]
fn fetch_unit(units: &[std::cell::Cell<u16>], pc: usize) -> (usize, u8, u32) {
    // SAFETY: as in `fetch`.
    let word = unsafe { units.get_unchecked(pc) }.get();
    (pc, (word & 0xff) as u8, (word >> 8) as u32)
}

/// The error of an opcode the loop does not run: the CACHE unit that
/// stands for bytecode the verifier refused (its reason then), or a byte
/// no instruction has.
#[cold]
#[inline(never)]
fn unknown_opcode_error(vm: &Vm, code: &CodeData, opcode: u8) -> PyErr {
    if let Some(why) = &code.malformed {
        return vm.system_error(format!("code object cannot run: co_code is malformed ({why})"));
    }
    let name = Opcode::from_u8(opcode).map(|o| o.name()).unwrap_or("?");
    vm.system_error(format!("unknown opcode {opcode} ({name})"))
}

/// `fetch` of an instruction with EXTENDED_ARG prefixes (the adaptive copy
/// has EXTENDED_ARG_QUICK for every EXTENDED_ARG).
#[cold]
#[inline(never)]
fn fetch_extended(units: *const std::cell::Cell<u16>, mut pc: usize) -> (usize, u8, u32) {
    let mut oparg = 0u32;
    loop {
        // SAFETY: a prefix is followed by the instruction it extends (the
        // compiler's code, or code `verify` checked), so `pc` stays in the
        // code. (A pointer, not a slice: the loop then keeps no length.)
        let word = unsafe { (*units.add(pc)).get() };
        let opcode = (word & 0xff) as u8;
        oparg = (oparg << 8) | (word >> 8) as u32;
        if opcode != op::ExtendedArgQuick {
            return (pc, opcode, oparg);
        }
        pc += 1;
    }
}

/// The jumps after which CPython 3.11 checks its eval breaker.
fn is_backward_jump(opcode: u8) -> bool {
    matches!(
        opcode,
        op::JumpBackward
            | op::PopJumpBackwardIfFalse
            | op::PopJumpBackwardIfTrue
            | op::PopJumpBackwardIfNone
            | op::PopJumpBackwardIfNotNone
    )
}
