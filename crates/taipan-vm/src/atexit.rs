//! Exit functions (CPython's `Modules/atexitmodule.c` core: the callbacks
//! live in the interpreter, `_PyAtExit_Call` runs them at finalization,
//! last registered first). The `atexit` module of taipan-stdlib is their
//! Python face.

use crate::object::Obj;
use crate::vm::{PyResult, Vm};

/// `atexit.register(func, *args, **kwargs)`.
pub fn register(vm: &Vm, func: Obj, args: Vec<Obj>, kwargs: Option<Obj>) {
    vm.atexit.borrow_mut().push((func, args, kwargs));
}

/// `atexit.unregister(func)`: drop every registration of `func` (compared
/// with `==`, as CPython does).
pub fn unregister(vm: &Vm, func: &Obj) -> PyResult<()> {
    let entries: Vec<Obj> = vm.atexit.borrow().iter().map(|(f, _, _)| f.clone()).collect();
    let mut keep = Vec::with_capacity(entries.len());
    for f in &entries {
        keep.push(!vm.eq(f, func)?);
    }
    let mut list = vm.atexit.borrow_mut();
    let mut i = 0;
    list.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
    Ok(())
}

/// `atexit._clear()`.
pub fn clear(vm: &Vm) {
    let old = std::mem::take(&mut *vm.atexit.borrow_mut());
    drop(old);
}

/// `atexit._ncallbacks()`.
pub fn count(vm: &Vm) -> usize {
    vm.atexit.borrow().len()
}

/// Call the exit functions, last registered first; an exception is
/// reported ("Exception ignored in atexit callback") and the others run.
pub fn run_exitfuncs(vm: &Vm) {
    loop {
        let Some((f, args, kwargs)) = vm.atexit.borrow_mut().pop() else { break };
        // SystemExit too is reported, as CPython's atexit_callfuncs does.
        if let Err(e) = vm.call_with_dict(&f, args, kwargs.as_ref()) {
            report(vm, &e, &f);
        }
    }
}

fn report(vm: &Vm, e: &crate::vm::PyErr, f: &Obj) {
    vm.write_unraisable_msg(e, Some("Exception ignored in atexit callback"), Some(f));
}
