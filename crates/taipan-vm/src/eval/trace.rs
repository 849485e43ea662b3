//! The trace function (CPython's `c_tracefunc`, `sys.settrace`): the eval
//! loop reports each frame start ('call'), each new source line ('line'),
//! each instruction when the frame asks for it ('opcode'), each exception
//! raised or passing through a frame ('exception') and each frame end
//! ('return'), as CPython 3.11's `DO_TRACING` and `call_trace` do.
//!
//! The eval loop tests one per-thread flag (`ThreadState::tracing`); while
//! it is set, instructions run in their unspecialized form (CPython
//! de-optimises while tracing), so superinstructions and fused jumps do not
//! hide instructions from the trace function.

use taipan_compiler::code::{flags as co_flags, local_kind};

use super::frame::{fdata, frame_object, Frame};
use super::op;
use crate::object::Obj;
use crate::objects::generator::SendResult;
use crate::objects::{cell, code::CodeData, dict, exceptions, int};
use crate::vm::{PyErr, PyResult, Vm};

/// What happened (`PyTrace_CALL`, ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TraceEvent {
    Call,
    Exception,
    Line,
    Return,
    Opcode,
}

impl TraceEvent {
    /// The event's name as trace functions receive it.
    pub fn name(self) -> &'static str {
        match self {
            TraceEvent::Call => "call",
            TraceEvent::Exception => "exception",
            TraceEvent::Line => "line",
            TraceEvent::Return => "return",
            TraceEvent::Opcode => "opcode",
        }
    }
}

impl Vm {
    /// `sys.settrace(f)` (None removes the trace function of this thread).
    pub fn set_trace(&self, f: Option<Obj>) {
        self.thread.trace_func.set(f);
        self.thread.refresh_hooks();
    }

    /// `sys.gettrace()`.
    pub fn get_trace(&self) -> Option<Obj> {
        self.thread.trace_func.get()
    }
}

/// Call the trace function for `event` in `frame` (CPython's `call_trace`
/// and `trace_trampoline`): the global function for 'call', the frame's
/// `f_trace` for the others; what it returns becomes the frame's `f_trace`.
/// An error removes tracing.
fn call_trace(vm: &Vm, frame: &mut Frame, event: TraceEvent, arg: Obj) -> PyResult<()> {
    let t = &vm.thread;
    let Some(global) = t.trace_func.get() else { return Ok(()) };
    let fo = frame_object(vm, frame);
    let data = fdata(&fo);
    let callback = if event == TraceEvent::Call { Some(global) } else { data.trace.get() };
    let Some(callback) = callback else { return Ok(()) };
    t.profile_depth.set(t.profile_depth.get() + 1);
    t.refresh_hooks();
    let old_what = t.tracing_what.replace(Some(event));
    data.lineno.set(frame.code().line_at_cached(frame.lasti).unwrap_or(0));
    let r = call_trampoline(vm, &callback, frame, &fo, event, arg);
    data.lineno.set(0);
    t.tracing_what.set(old_what);
    t.profile_depth.set(t.profile_depth.get() - 1);
    t.refresh_hooks();
    match r {
        Ok(res) => {
            if !vm.is_none(&res) {
                data.trace.set(Some(res));
            }
            Ok(())
        }
        Err(e) => {
            vm.set_trace(None);
            data.trace.set(None);
            Err(e)
        }
    }
}

/// `callback(frame, event, arg)` with the frame's fast locals visible in
/// (and written back from) `f_locals`.
fn call_trampoline(vm: &Vm, callback: &Obj, frame: &mut Frame, fo: &Obj, event: TraceEvent, arg: Obj) -> PyResult<Obj> {
    frame.locals_dict(vm)?;
    let r = vm.call(callback, &[fo.clone(), vm.intern(event.name()), arg], None);
    locals_to_fast(vm, frame)?;
    // An error gets this frame's traceback entry from the eval loop, as
    // any error raised at the instruction (none for a 'return' event):
    // adding one here too listed the frame twice.
    r
}

/// Copy what a trace function changed in `f_locals` back into the fast
/// locals and cells (CPython's `PyFrame_LocalsToFast`).
fn locals_to_fast(vm: &Vm, frame: &mut Frame) -> PyResult<()> {
    let Some(locals) = frame.locals.clone() else { return Ok(()) };
    let code = frame.code.clone();
    let cd = crate::objects::code::code_of(&code);
    // Unoptimized code (module and class bodies) uses the dict itself.
    if !cd.has_flag(co_flags::OPTIMIZED) || dict::data(&locals).is_none() {
        return Ok(());
    }
    let started = frame.lasti > 0 || frame.started;
    for i in 0..cd.nlocalsplus() {
        let kind = cd.localspluskinds[i];
        let value = dict::get_item_opt(vm, &locals, &cd.localsplusnames[i])?;
        let old = frame.slots[i].clone();
        let cell_obj = old.filter(|c| {
            c.has_payload::<cell::CellData>()
                && (kind & local_kind::FREE != 0 || (kind & local_kind::CELL != 0 && started))
        });
        match cell_obj {
            Some(c) => {
                let cd = cell::data(&c);
                let cur = cd.value.get();
                if !same(&cur, &value) {
                    cd.value.set(value);
                }
            }
            None => {
                if !same(&frame.slots[i], &value) {
                    let v = value.unwrap_or_else(|| vm.none());
                    drop(frame.slots[i].replace(v));
                }
            }
        }
    }
    Ok(())
}

fn same(a: &Option<Obj>, b: &Option<Obj>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.is(b),
        (None, None) => true,
        _ => false,
    }
}

/// The index of the first instruction traced (CPython's
/// `_co_firsttraceable`): the first RESUME.
pub(crate) fn first_traceable(code: &CodeData) -> usize {
    code.units.iter().position(|u| (u & 0xff) as u8 == op::Resume).unwrap_or(0)
}

/// Before the instruction at `frame.lasti` (whose EXTENDED_ARG prefixes
/// start at `start`) runs: the 'call' event at a RESUME, else the 'line'
/// and 'opcode' events (CPython's `maybe_call_line_trace`). `prev` is the
/// instruction that ran before in this frame. Returns where execution
/// continues when the trace function set `f_lineno`.
pub(crate) fn instruction(vm: &Vm, frame: &mut Frame, start: usize, prev: usize) -> PyResult<Option<usize>> {
    let code: &CodeData = unsafe_code(frame);
    let first = first_traceable(code);
    if start < first {
        return Ok(None);
    }
    let lasti = frame.lasti;
    if (code.units[lasti] & 0xff) as u8 == op::Resume {
        call_trace(vm, frame, TraceEvent::Call, vm.none())?;
        return Ok(None);
    }
    let fo = frame_object(vm, frame);
    let data = fdata(&fo);
    data.jump_to.set(None);
    let line = code.line_at_cached(lasti);
    let mut r = Ok(());
    if let Some(line) = line {
        if data.trace_lines.get() {
            let last_line = if prev <= first { None } else { code.line_at_cached(prev) };
            // (CPython looks at the instruction being traced: a jump back
            // to the SEND of `yield from` or `await` is no new line.)
            let backward = lasti < prev && (code.units[lasti] & 0xff) as u8 != op::Send;
            if Some(line) != last_line || backward {
                r = call_trace(vm, frame, TraceEvent::Line, vm.none());
            }
        }
    }
    if r.is_ok() && data.trace_opcodes.get() {
        r = call_trace(vm, frame, TraceEvent::Opcode, vm.none());
    }
    let jump = data.jump_to.take();
    r.map(|()| jump)
}

/// The code of a frame, not tied to the frame's borrow (the frame keeps
/// its code object alive while it runs).
fn unsafe_code<'a>(frame: &Frame) -> &'a CodeData {
    // SAFETY: `frame.code` holds the code object for as long as the frame
    // runs, and this reference is used only during one instruction.
    unsafe { &*(frame.code() as *const CodeData) }
}

/// A throw into a suspended generator enters its frame: the 'call' event
/// (at the yield it is suspended in).
pub(crate) fn throw_entry(vm: &Vm, frame: &mut Frame) -> PyResult<()> {
    call_trace(vm, frame, TraceEvent::Call, vm.none())
}

/// The frame ends or yields with `value` (None when it ends by an
/// exception: an error the trace function raises then replaces that
/// exception, as CPython's `call_trace_protected` leaves it).
pub(crate) fn return_event(vm: &Vm, frame: &mut Frame, value: Option<&Obj>) -> PyResult<()> {
    let arg = value.cloned().unwrap_or_else(|| vm.none());
    call_trace(vm, frame, TraceEvent::Return, arg)
}

/// An exception was raised in or passed through `frame` (CPython's
/// `call_exc_trace`): the trace function sees `(type, value, traceback)`;
/// an error it raises replaces the exception.
pub(crate) fn exception_event(vm: &Vm, frame: &mut Frame, err: PyErr) -> PyErr {
    let exc = err.0.clone();
    let tb = exceptions::traceback_of(&exc).unwrap_or_else(|| vm.none());
    let arg = vm.new_tuple(vec![exc.class_obj(), exc, tb]);
    match call_trace(vm, frame, TraceEvent::Exception, arg) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// FOR_ITER while tracing: an iterator that ends by raising StopIteration
/// (a generator that returns a value does) is reported as an 'exception'
/// in this frame, as CPython's FOR_ITER does; the trace function's own
/// error is dropped with the StopIteration.
pub(crate) fn for_iter(vm: &Vm, frame: &mut Frame, it: &Obj) -> PyResult<Option<Obj>> {
    if it.has_payload::<crate::objects::generator::GenData>() {
        return match crate::objects::generator::send_to(vm, it, vm.none())? {
            SendResult::Yield(v) => Ok(Some(v)),
            SendResult::Return(r) => {
                if !vm.is_none(&r) {
                    let _ = exception_event(vm, frame, vm.stop_iteration(Some(r)));
                }
                Ok(None)
            }
        };
    }
    let Some(next) = it.class().slots.iternext.get() else {
        return Err(vm.type_error(format!("'{}' object is not an iterator", it.class().name())));
    };
    match next(vm, it) {
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.stop_iteration) => {
            let _ = exception_event(vm, frame, e);
            Ok(None)
        }
        r => r,
    }
}

/// SEND while tracing, when the subiterator finished: CPython then sends
/// through `__next__` or `send()`, and reports the StopIteration that
/// ends it (every time but a `__next__` that returns None silently).
pub(crate) fn send_returned(vm: &Vm, frame: &mut Frame, receiver: &Obj, sent_none: bool, r: &Obj) -> PyResult<()> {
    let by_next = sent_none && receiver.class().slots.iternext.get().is_some();
    if by_next && vm.is_none(r) {
        return Ok(());
    }
    let stop = vm.stop_iteration(Some(r.clone()));
    let after = exception_event(vm, frame, stop.clone());
    if after.0.is(&stop.0) {
        Ok(())
    } else {
        Err(after)
    }
}

// ---- frame.f_lineno = n (CPython's frame_setlineno) -------------------------------------------

/// The setter of `f_lineno`: a trace function moves execution of its frame
/// to the first instruction of a line, if the value stack there is
/// compatible with the current one.
pub(crate) fn set_lineno(vm: &Vm, fo: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.attribute_error("cannot delete f_lineno attribute")) };
    if !v.type_is(&vm.ctx.types.int) {
        return Err(vm.value_error("lineno must be an integer"));
    }
    let data = fdata(fo);
    let frame = data.frame_mut();
    let suspended = (frame.code().units[frame.lasti] & 0xff) as u8 == op::YieldValue;
    match vm.thread.tracing_what.get() {
        Some(TraceEvent::Line) => {}
        Some(TraceEvent::Return) if suspended => {}
        // Outside any trace function CPython's `tracing_what` is 0, 'call'.
        Some(TraceEvent::Call) | None => {
            return Err(vm.value_error("can't jump from the 'call' trace event of a new frame"));
        }
        _ => return Err(vm.value_error("can only jump from a 'line' trace event")),
    }
    if data.trace.get().is_none() {
        return Err(vm.value_error("f_lineno can only be set by a trace function"));
    }
    // Only the frame whose trace function is running stands between two
    // instructions with its value stack written back (the eval loop keeps
    // a running frame's stack pointer in a local, see `Running`); a caller
    // further out is inside an instruction, where the stack does not match
    // the code's analysis either (`lineno` is set only while the frame's
    // own trace function runs).
    if data.lineno.get() == 0 {
        return Err(vm.value_error("can't jump: the value stack does not match the code's"));
    }
    let requested = int::value(v).and_then(|n| n.as_i64()).filter(|n| i32::try_from(*n).is_ok());
    let Some(requested) = requested else { return Err(vm.value_error("lineno out of range")) };
    let code = unsafe_code(frame);
    if requested < code.co.firstlineno as i64 {
        return Err(vm.value_error(format!("line {requested} comes before the current code block")));
    }
    let starts = line_starts(code);
    let Some(new_line) = starts.iter().flatten().copied().filter(|&l| l as i64 >= requested).min() else {
        return Err(vm.value_error(format!("line {requested} comes after the current code block")));
    };
    let stacks = mark_stacks(code);
    let mut start_stack = stacks[frame.lasti];
    let mut best: Option<(i64, usize)> = None;
    let mut msg: Option<&'static str> = None;
    for (i, l) in starts.iter().enumerate() {
        if *l != Some(new_line) {
            continue;
        }
        let target = stacks[i];
        if compatible_stack(start_stack, target) {
            if best.is_none_or(|(b, _)| target > b) {
                best = Some((target, i));
            }
        } else if best.is_none() && msg.is_none() {
            msg = Some(if start_stack == OVERFLOWED {
                "stack to deep to analyze"
            } else if start_stack == UNINITIALIZED {
                "can't jump from unreachable code"
            } else {
                explain_incompatible_stack(target)
            });
        }
    }
    let Some((best_stack, addr)) = best else {
        return Err(vm.value_error(msg.unwrap_or("cannot find bytecode for specified line")));
    };
    if suspended {
        start_stack = pop_value(start_stack);
    }
    // The analysis must describe the real stack: never pop what is not
    // there nor leave more than the target has room for.
    if stack_len(start_stack) != frame.stack_depth() {
        return Err(vm.value_error("can't jump: the value stack does not match the code's"));
    }
    while start_stack > best_stack {
        if top_of_stack(start_stack) == EXCEPT {
            // The saved exception goes back to being the handled one.
            let saved = frame.pop_opt().filter(|e| !vm.is_none(e));
            drop(vm.thread.swap_exc(saved));
        } else {
            drop(frame.pop_opt());
        }
        start_stack = pop_value(start_stack);
    }
    data.lineno.set(0);
    data.jump_to.set(Some(addr));
    Ok(())
}

/// The line starting at each code unit (CPython's `marklines`).
fn line_starts(code: &CodeData) -> Vec<Option<u32>> {
    let mut starts = vec![None; code.units.len()];
    let mut last = None;
    crate::objects::code::decode_locations(&code.co.linetable, code.co.firstlineno, |s, _e, p| {
        if p.line.is_some() && p.line != last {
            if let Some(slot) = starts.get_mut(s) {
                *slot = p.line;
            }
            last = p.line;
        }
        true
    });
    starts
}

// What the value stack holds at each instruction, 3 bits a value, the
// top in the low bits (CPython's `mark_stacks` encoding).
const ITERATOR: i64 = 1;
const EXCEPT: i64 = 2;
const OBJECT: i64 = 3;
const NULL: i64 = 4;
const LASTI: i64 = 5;
const BITS: u32 = 3;
const MASK: i64 = 7;
const UNINITIALIZED: i64 = -2;
const OVERFLOWED: i64 = -1;
const MAX_ENTRIES: u32 = 63 / BITS;
const WILL_OVERFLOW: u64 = 1u64 << ((MAX_ENTRIES - 1) * BITS);

fn push_value(stack: i64, kind: i64) -> i64 {
    if stack as u64 >= WILL_OVERFLOW {
        OVERFLOWED
    } else {
        (stack << BITS) | kind
    }
}

/// How many values an encoded stack holds.
fn stack_len(mut stack: i64) -> usize {
    let mut n = 0;
    while stack > 0 {
        stack = pop_value(stack);
        n += 1;
    }
    n
}

fn pop_value(stack: i64) -> i64 {
    stack >> BITS
}

fn top_of_stack(stack: i64) -> i64 {
    stack & MASK
}

fn peek(stack: i64, n: u32) -> i64 {
    (stack >> (BITS * (n - 1))) & MASK
}

fn stack_swap(stack: i64, n: u32) -> i64 {
    let to_swap = peek(stack, n);
    let top = top_of_stack(stack);
    let shift = BITS * (n - 1);
    let low = (stack & !(MASK << shift)) | (top << shift);
    (low & !MASK) | to_swap
}

fn pop_to_level(mut stack: i64, level: u32) -> i64 {
    if level == 0 {
        return 0;
    }
    let level = level.min(MAX_ENTRIES);
    let level_max = MASK << ((level - 1) * BITS);
    while stack > level_max {
        stack = pop_value(stack);
    }
    stack
}

fn compatible_kind(from: i64, to: i64) -> bool {
    match to {
        0 => false,
        OBJECT => from != NULL,
        NULL => true,
        _ => from == to,
    }
}

fn compatible_stack(mut from: i64, mut to: i64) -> bool {
    if from < 0 || to < 0 {
        return false;
    }
    while from > to {
        from = pop_value(from);
    }
    while from != 0 {
        if !compatible_kind(top_of_stack(from), top_of_stack(to)) {
            return false;
        }
        from = pop_value(from);
        to = pop_value(to);
    }
    to == 0
}

fn explain_incompatible_stack(to: i64) -> &'static str {
    if to == OVERFLOWED {
        return "stack is too deep to analyze";
    }
    if to == UNINITIALIZED {
        return "can't jump into an exception handler, or code may be unreachable";
    }
    match top_of_stack(to) {
        EXCEPT => "can't jump into an 'except' block as there's no exception",
        LASTI => "can't jump into a re-raising block as there's no location",
        ITERATOR => "can't jump into the body of a for loop",
        _ => "incompatible stacks",
    }
}

/// The oparg of the instruction at `i` with its EXTENDED_ARG prefixes.
fn get_arg(units: &[u16], i: usize) -> u32 {
    let mut arg = (units[i] >> 8) as u32;
    let mut shift = 8;
    let mut j = i;
    while j >= 1 && shift <= 24 && (units[j - 1] & 0xff) as u8 == op::ExtendedArg {
        arg |= ((units[j - 1] >> 8) as u32) << shift;
        shift += 8;
        j -= 1;
    }
    arg
}

/// The kinds of values on the stack before each code unit, by abstract
/// interpretation of the code and its exception table.
fn mark_stacks(code: &CodeData) -> Vec<i64> {
    let units = &code.units[..];
    let len = units.len();
    let mut stacks = vec![UNINITIALIZED; len + 1];
    stacks[0] = 0;
    let gen_flags = co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR;
    if code.has_flag(gen_flags) {
        // Generators are sent None when they start.
        stacks[0] = push_value(0, OBJECT);
    }
    let mut todo = true;
    while todo {
        todo = false;
        for i in 0..len {
            let mut next = stacks[i];
            if next == UNINITIALIZED {
                continue;
            }
            let opcode = (units[i] & 0xff) as u8;
            let mark = |stacks: &mut Vec<i64>, j: usize, s: i64, todo: &mut bool| {
                if j < len {
                    if stacks[j] == UNINITIALIZED && j < i {
                        *todo = true;
                    }
                    stacks[j] = s;
                }
            };
            match opcode {
                op::JumpIfFalseOrPop
                | op::JumpIfTrueOrPop
                | op::PopJumpForwardIfFalse
                | op::PopJumpBackwardIfFalse
                | op::PopJumpForwardIfTrue
                | op::PopJumpBackwardIfTrue
                | op::PopJumpForwardIfNone
                | op::PopJumpBackwardIfNone
                | op::PopJumpForwardIfNotNone
                | op::PopJumpBackwardIfNotNone => {
                    let arg = get_arg(units, i) as usize;
                    let backward = matches!(
                        opcode,
                        op::PopJumpBackwardIfFalse
                            | op::PopJumpBackwardIfTrue
                            | op::PopJumpBackwardIfNone
                            | op::PopJumpBackwardIfNotNone
                    );
                    let j = if backward { (i + 1).wrapping_sub(arg) } else { i + 1 + arg };
                    let target;
                    if matches!(opcode, op::JumpIfFalseOrPop | op::JumpIfTrueOrPop) {
                        target = next;
                        next = pop_value(next);
                    } else {
                        next = pop_value(next);
                        target = next;
                    }
                    mark(&mut stacks, j, target, &mut todo);
                    stacks[i + 1] = next;
                }
                op::JumpForward => {
                    let j = get_arg(units, i) as usize + i + 1;
                    if j < len {
                        stacks[j] = next;
                    }
                }
                op::JumpBackward | op::JumpBackwardNoInterrupt => {
                    let j = (i + 1).wrapping_sub(get_arg(units, i) as usize);
                    mark(&mut stacks, j, next, &mut todo);
                }
                op::GetIter | op::GetAiter => stacks[i + 1] = push_value(pop_value(next), ITERATOR),
                op::ForIter => {
                    let target = pop_value(next);
                    stacks[i + 1] = push_value(next, OBJECT);
                    let j = get_arg(units, i) as usize + i + 1;
                    if j < len {
                        stacks[j] = target;
                    }
                }
                op::Send => {
                    // Falls through with the receiver; jumps with the result
                    // in its place.
                    let j = get_arg(units, i) as usize + i + 1;
                    if j < len {
                        stacks[j] = pop_value(next);
                    }
                    stacks[i + 1] = next;
                }
                // The exception and the async iterator (3.11's END_ASYNC_FOR
                // pops two; the 3.12 form pops three).
                op::EndAsyncFor => stacks[i + 1] = pop_value(pop_value(next)),
                op::PushExcInfo => stacks[i + 1] = push_value(next, EXCEPT),
                op::PopExcept => stacks[i + 1] = pop_value(next),
                op::ReturnValue | op::RaiseVarargs | op::Reraise => {}
                op::PushNull => stacks[i + 1] = push_value(next, NULL),
                op::LoadGlobal => {
                    if (units[i] >> 8) & 1 != 0 {
                        next = push_value(next, NULL);
                    }
                    stacks[i + 1] = push_value(next, OBJECT);
                }
                op::LoadMethod => stacks[i + 1] = push_value(push_value(pop_value(next), NULL), OBJECT),
                op::Call => stacks[i + 1] = push_value(pop_value(pop_value(next)), OBJECT),
                op::Swap => stacks[i + 1] = stack_swap(next, get_arg(units, i).clamp(1, MAX_ENTRIES)),
                op::Copy => stacks[i + 1] = push_value(next, peek(next, get_arg(units, i).clamp(1, MAX_ENTRIES))),
                _ => {
                    let arg = get_arg(units, i) as i32;
                    let mut delta = taipan_compiler::flowgraph::opcode_stack_effect_with_jump(opcode as i32, arg, None)
                        .unwrap_or(0);
                    while delta < 0 {
                        next = pop_value(next);
                        delta += 1;
                    }
                    while delta > 0 {
                        next = push_value(next, OBJECT);
                        delta -= 1;
                    }
                    stacks[i + 1] = next;
                }
            }
        }
        for e in code.exception_table.iter() {
            let (start, handler) = (e.start as usize, e.target as usize);
            if start < len && handler < len && stacks[start] != UNINITIALIZED && stacks[handler] == UNINITIALIZED {
                todo = true;
                let mut target = pop_to_level(stacks[start], e.depth);
                if e.lasti {
                    target = push_value(target, LASTI);
                }
                stacks[handler] = push_value(target, EXCEPT);
            }
        }
    }
    stacks
}
