//! Audit hooks (PEP 578; CPython's `PySys_Audit` and `sys.addaudithook` in
//! `Python/sysmodule.c`). The hooks live in the interpreter, outside any
//! Python container, so `gc.get_objects()` never shows them; an event with
//! no hook installed costs one check and builds no arguments.

use crate::object::Obj;
use crate::vm::{PyResult, Vm};

/// CPython's `PySys_Audit`: call every hook with `(event, args)`. `args`
/// is only built when a hook is installed. A hook's exception aborts the
/// operation that raised the event.
pub fn audit(vm: &Vm, event: &str, args: impl FnOnce() -> Vec<Obj>) -> PyResult<()> {
    if !is_auditing(vm) {
        return Ok(());
    }
    let args = vm.new_tuple(args());
    call_hooks(vm, &vm.new_str(event), &args)
}

/// Is at least one hook installed (CPython's `should_audit`)?
#[inline]
pub fn is_auditing(vm: &Vm) -> bool {
    !vm.audit_hooks.borrow().is_empty()
}

/// Run the hooks in the order they were added. Hooks are not traced or
/// profiled unless they have a true `__cantrace__` attribute (as CPython's
/// `PyThreadState_EnterTracing` around them).
fn call_hooks(vm: &Vm, event: &Obj, args: &Obj) -> PyResult<()> {
    let hooks: Vec<Obj> = vm.audit_hooks.borrow().clone();
    let thread = &vm.thread;
    thread.profile_depth.set(thread.profile_depth.get() + 1);
    thread.refresh_hooks();
    let result = (|| {
        for hook in &hooks {
            let can_trace = match vm.getattr_opt(hook, &vm.intern("__cantrace__"))? {
                Some(v) => vm.is_true(&v)?,
                None => false,
            };
            if can_trace {
                thread.profile_depth.set(thread.profile_depth.get() - 1);
                thread.refresh_hooks();
            }
            let r = vm.call(hook, &[event.clone(), args.clone()], None);
            if can_trace {
                thread.profile_depth.set(thread.profile_depth.get() + 1);
                thread.refresh_hooks();
            }
            r?;
        }
        Ok(())
    })();
    thread.profile_depth.set(thread.profile_depth.get() - 1);
    thread.refresh_hooks();
    result
}

/// `sys.audit(event, *args)`.
pub(crate) fn sys_audit(vm: &Vm, args: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::args::no_kwargs(vm, "audit", kw)?;
    let Some(event) = args.first() else {
        return Err(vm.type_error("audit() missing 1 required positional argument: 'event'"));
    };
    if !is_auditing(vm) {
        return Ok(vm.none());
    }
    if crate::objects::str::data(event).is_none() {
        return Err(vm.type_error(format!("expected str for argument 'event', not {:.200}", event.class().name())));
    }
    let rest = vm.new_tuple_from_slice(&args[1..]);
    call_hooks(vm, event, &rest)?;
    Ok(vm.none())
}

/// `sys.addaudithook(hook)`: the hooks already installed hear
/// "sys.addaudithook" first; one that raises an `Exception` vetoes the new
/// hook silently, any other `BaseException` propagates.
pub(crate) fn sys_addaudithook(vm: &Vm, hook: Obj) -> PyResult<Obj> {
    if let Err(e) = audit(vm, "sys.addaudithook", Vec::new) {
        if vm.isinstance_type(e.value(), &vm.ctx.exceptions.exception) {
            return Ok(vm.none());
        }
        return Err(e);
    }
    vm.audit_hooks.borrow_mut().push(hook);
    Ok(vm.none())
}
