//! The profile hook (CPython's `c_profilefunc`): `sys.setprofile` and
//! `_lsprof` see each frame start and end and each call of a builtin
//! function from Python code, as CPython 3.11's eval loop reports them.
//!
//! The eval loop tests one per-thread flag (`ThreadState::profiling`), so
//! an unprofiled program pays a load and a branch per call.

use crate::eval::frame::{frame_object, Frame};
use crate::object::Obj;
use crate::objects::builtin_func::BuiltinFunctionData;
use crate::objects::descriptor::MethodDescrData;
use crate::vm::{PyResult, Vm};

/// What happened (`PyTrace_CALL`, `PyTrace_RETURN`, `PyTrace_C_*`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProfileEvent {
    Call,
    Return,
    CCall,
    CReturn,
    CException,
}

impl ProfileEvent {
    /// The event's name as `sys.setprofile` functions receive it.
    pub fn name(self) -> &'static str {
        match self {
            ProfileEvent::Call => "call",
            ProfileEvent::Return => "return",
            ProfileEvent::CCall => "c_call",
            ProfileEvent::CReturn => "c_return",
            ProfileEvent::CException => "c_exception",
        }
    }
}

/// A native profiler's callback: the profile object (what
/// `sys.getprofile()` returns), the event, the frame's code object (call
/// and return) or the builtin function (C events), and the returned value
/// of a `return`.
pub type ProfileHook = fn(&Vm, &Obj, ProfileEvent, &Obj, Option<&Obj>) -> PyResult<()>;

impl Vm {
    /// Install (or with None remove) the profiler of this thread.
    pub fn set_profile(&self, hook: Option<(ProfileHook, Obj)>) {
        let t = &self.thread;
        match hook {
            Some((f, obj)) => {
                t.profile_hook.set(Some(f));
                t.profile_obj.set(Some(obj));
            }
            None => {
                t.profile_hook.set(None);
                t.profile_obj.set(None);
            }
        }
        t.refresh_hooks();
    }

    /// `sys.getprofile()`.
    pub fn get_profile(&self) -> Option<Obj> {
        self.thread.profile_obj.get()
    }
}

/// Report `event` to the profiler; none are reported from inside it.
fn dispatch(vm: &Vm, event: ProfileEvent, target: &Obj, arg: Option<&Obj>) -> PyResult<()> {
    let t = &vm.thread;
    let (Some(hook), Some(obj)) = (t.profile_hook.get(), t.profile_obj.get()) else {
        return Ok(());
    };
    t.profile_depth.set(t.profile_depth.get() + 1);
    t.refresh_hooks();
    let r = hook(vm, &obj, event, target, arg);
    t.profile_depth.set(t.profile_depth.get() - 1);
    t.refresh_hooks();
    r
}

/// A frame starts or resumes (`Call`) or ends or yields (`Return`).
pub(crate) fn frame_event(vm: &Vm, frame: &Frame, event: ProfileEvent, arg: Option<&Obj>) -> PyResult<()> {
    let code = frame.code.clone();
    dispatch(vm, event, &code, arg)
}

/// A call from Python code to `callable` (CPython 3.11's
/// `trace_call_function`): builtin functions, and method descriptors
/// called with their `self`, are reported around the call.
pub(crate) fn call(vm: &Vm, callable: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    if callable.payload::<BuiltinFunctionData>().is_some() {
        return c_call(vm, callable, callable, args, kwnames);
    }
    if callable.payload::<MethodDescrData>().is_some() {
        let npos = crate::protocol::call::npositional(args, kwnames);
        if npos > 0 {
            if let Some(get) = callable.class().slots.descr_get.get() {
                let owner = args[0].class_obj();
                let bound = get(vm, callable, Some(&args[0]), Some(&owner))?;
                return c_call(vm, &bound, &bound, &args[1..], kwnames);
            }
        }
    }
    vm.call(callable, args, kwnames)
}

/// `f(*args, **kwargs)` from Python code: only builtin functions are
/// reported (CPython's CALL_FUNCTION_EX).
pub(crate) fn call_ex(vm: &Vm, func: &Obj, run: impl FnOnce() -> PyResult<Obj>) -> PyResult<Obj> {
    if func.payload::<BuiltinFunctionData>().is_none() {
        return run();
    }
    dispatch(vm, ProfileEvent::CCall, func, None)?;
    let r = run();
    after_c_call(vm, func, r)
}

fn c_call(vm: &Vm, func: &Obj, callable: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    dispatch(vm, ProfileEvent::CCall, func, None)?;
    let r = vm.call(callable, args, kwnames);
    after_c_call(vm, func, r)
}

fn after_c_call(vm: &Vm, func: &Obj, r: PyResult<Obj>) -> PyResult<Obj> {
    match r {
        Ok(v) => {
            dispatch(vm, ProfileEvent::CReturn, func, None)?;
            Ok(v)
        }
        Err(e) => {
            // The call's exception wins over one the profiler raises.
            let _ = dispatch(vm, ProfileEvent::CException, func, None);
            Err(e)
        }
    }
}

/// The hook of `sys.setprofile(f)`: `f(frame, event, arg)`; an error
/// removes the profiler (CPython's `profile_trampoline`).
pub(crate) fn python_hook(vm: &Vm, f: &Obj, event: ProfileEvent, target: &Obj, arg: Option<&Obj>) -> PyResult<()> {
    let fp = vm.thread.current_frame.get();
    let frame = if fp.is_null() {
        vm.none()
    } else {
        // SAFETY: the thread's current frame is live while it runs.
        frame_object(vm, unsafe { &mut *fp })
    };
    let arg = match event {
        ProfileEvent::Call => vm.none(),
        ProfileEvent::Return => arg.cloned().unwrap_or_else(|| vm.none()),
        ProfileEvent::CCall | ProfileEvent::CReturn | ProfileEvent::CException => target.clone(),
    };
    let ev = vm.intern(event.name());
    if let Err(e) = vm.call(f, &[frame, ev, arg], None) {
        vm.set_profile(None);
        return Err(e);
    }
    Ok(())
}
