//! The generic forms of the specializable instructions, as functions: the
//! eval loop runs them for the base opcodes and, out of line, when an
//! adaptive instruction does not specialize or a specialized one misses
//! (CPython's handlers that specialized forms `DEOPT_IF` back to).

use super::frame::{Frame, Running};
use super::{call, op, ops};
use crate::object::Obj;
use crate::objects::code::CodeData;
use crate::objects::function;
use crate::vm::{PyResult, Vm};

/// The generic instruction `base`: None when it is done, or the frame of a
/// Python function it calls, for the loop to run.
#[inline(never)]
pub(super) fn run(
    vm: &Vm,
    frame: &mut Running<'_>,
    code: &CodeData,
    base: u8,
    oparg: u32,
    kwnames: &mut Option<Obj>,
) -> PyResult<Option<*mut Frame>> {
    match base {
        op::LoadGlobal => load_global(vm, frame, code, oparg)?,
        op::BinaryOp => binary_op(vm, frame, oparg)?,
        op::CompareOp => compare_op(vm, frame, oparg)?,
        op::BinarySubscr => binary_subscr(vm, frame)?,
        op::StoreSubscr => store_subscr(vm, frame)?,
        op::UnpackSequence => unpack_sequence(vm, frame, oparg)?,
        op::LoadAttr => load_attr(vm, frame, code, oparg)?,
        op::StoreAttr => store_attr(vm, frame, code, oparg)?,
        op::LoadMethod => load_method(vm, frame, code, oparg)?,
        op::Precall => {}
        op::Call => return call(vm, frame, oparg, kwnames.take()),
        _ => return Err(vm.system_error(format!("no generic form for opcode {base}"))),
    }
    Ok(None)
}

#[inline]
pub(super) fn load_global(vm: &Vm, frame: &mut Running<'_>, code: &CodeData, oparg: u32) -> PyResult<()> {
    let name = &code.names[(oparg >> 1) as usize];
    if oparg & 1 != 0 {
        frame.push_opt(None);
    }
    let v = ops::load_global_cached(vm, frame, code, (oparg >> 1) as usize, name)?;
    frame.push(v);
    Ok(())
}

#[inline]
pub(super) fn binary_op(vm: &Vm, frame: &mut Running<'_>, oparg: u32) -> PyResult<()> {
    let b = frame.pop();
    let a = frame.pop();
    let r = ops::binary_op(vm, &a, &b, oparg)?;
    drop(a);
    drop(b);
    frame.push(r);
    Ok(())
}

#[inline]
pub(super) fn compare_op(vm: &Vm, frame: &mut Running<'_>, oparg: u32) -> PyResult<()> {
    let b = frame.pop();
    let a = frame.pop();
    let r = ops::compare_op(vm, &a, &b, oparg)?;
    frame.push(r);
    Ok(())
}

#[inline]
pub(super) fn binary_subscr(vm: &Vm, frame: &mut Running<'_>) -> PyResult<()> {
    let sub = frame.pop();
    let container = frame.pop();
    let r = vm.getitem(&container, &sub)?;
    frame.push(r);
    Ok(())
}

#[inline]
pub(super) fn store_subscr(vm: &Vm, frame: &mut Running<'_>) -> PyResult<()> {
    let sub = frame.pop();
    let container = frame.pop();
    let v = frame.pop();
    if container.type_is(&vm.ctx.types.list) {
        return crate::objects::list::store_subscr_owned(vm, &container, &sub, v);
    }
    vm.setitem(&container, &sub, &v)
}

#[inline]
pub(super) fn unpack_sequence(vm: &Vm, frame: &mut Running<'_>, oparg: u32) -> PyResult<()> {
    let seq = frame.pop();
    let items = ops::unpack_sequence(vm, &seq, oparg as usize)?;
    for x in items.into_iter().rev() {
        frame.push(x);
    }
    Ok(())
}

#[inline]
pub(super) fn load_attr(vm: &Vm, frame: &mut Running<'_>, code: &CodeData, oparg: u32) -> PyResult<()> {
    let owner = frame.pop();
    let v = vm.getattr(&owner, &code.names[oparg as usize])?;
    frame.push(v);
    Ok(())
}

#[inline]
pub(super) fn load_method(vm: &Vm, frame: &mut Running<'_>, code: &CodeData, oparg: u32) -> PyResult<()> {
    let owner = frame.pop();
    let (m, unbound) = vm.get_method(&owner, &code.names[oparg as usize])?;
    if unbound {
        frame.push(m);
        frame.push(owner);
    } else {
        frame.push_opt(None);
        frame.push(m);
    }
    Ok(())
}

#[inline]
pub(super) fn store_attr(vm: &Vm, frame: &mut Running<'_>, code: &CodeData, oparg: u32) -> PyResult<()> {
    let owner = frame.pop();
    let v = frame.pop();
    vm.setattr_str_obj(&owner, &code.names[oparg as usize], &v)
}

/// CALL: a Python function gets a new frame (returned, for the loop to
/// run without Rust recursion); anything else is called here.
#[inline]
pub(super) fn call(vm: &Vm, frame: &mut Running<'_>, oparg: u32, kw: Option<Obj>) -> PyResult<Option<*mut Frame>> {
    let argc = oparg as usize;
    // Stack: [NULL or method, callable or self, args...]
    let is_meth = frame.peek_opt(argc + 1).is_some();
    if !is_meth {
        let callable = frame.peek(argc).clone();
        if let Some(m) = callable.payload::<crate::objects::method::MethodData>() {
            let (f, s) = (m.func.clone(), m.self_.clone());
            frame.set_peek(argc + 1, Some(f));
            frame.set_peek(argc, Some(s));
        }
    }
    let is_meth = frame.peek_opt(argc + 1).is_some();
    let total = argc + is_meth as usize;
    let callable = frame.peek(total).clone();
    if let Some(fd) = callable.payload::<function::FunctionData>() {
        // A Python function: a new frame, no Rust recursion.
        if kw.is_none() {
            if let Some(new) = call::frame_for_unguarded_exact_args(vm, frame, fd, total, is_meth) {
                return Ok(Some(new));
            }
        }
        // The arguments are bound from where they are on the stack, then
        // popped (an error leaves them for the unwinder to pop).
        let new = match frame.top_slice(total) {
            Some(args) => call::make_frame(vm, &callable, fd, args, kw.as_ref())?,
            None => return Err(vm.system_error("CALL: NULL argument")),
        };
        pop_call(frame, total, is_meth);
        return Ok(Some(new));
    }
    // The callee borrows its arguments from the stack, as CPython's
    // vectorcall does; they are dropped when it returns.
    let r = match frame.top_slice(total) {
        Some(args) => {
            if vm.thread.profiling.get() {
                super::profile::call(vm, &callable, args, kw.as_ref())
            } else {
                vm.call(&callable, args, kw.as_ref())
            }
        }
        None => Err(vm.system_error("CALL: NULL argument")),
    };
    pop_call(frame, total, is_meth);
    frame.push(r?);
    Ok(None)
}

/// Pop a call's arguments, callable and NULL (or method and self).
#[inline]
pub(super) fn pop_call(frame: &mut Running<'_>, total: usize, is_meth: bool) {
    frame.pop_to(frame.stack_depth() - total);
    let _ = frame.pop_opt();
    if !is_meth {
        let _ = frame.pop_opt();
    }
}
