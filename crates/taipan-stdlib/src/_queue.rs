//! `_queue` (CPython's `Modules/_queuemodule.c`): `SimpleQueue`, an
//! unbounded FIFO queue, and the `Empty` exception.
//!
//! A `get()` on an empty queue waits on a lock that the next `put()`
//! releases (CPython's protocol), with the GIL released.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

use taipan_vm::api::thread::{acquire_lock, RawLock};

use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, module, Obj, PyPayload, PyResult, Vm};

const QUEUE: &str = "_queue.SimpleQueue";
const EMPTY: &str = "_queue.Empty";

const DOC: &str = "C implementation of the Python queue module.\nThis module is an implementation detail, please do not use it directly.";

#[derive(Default)]
struct SimpleQueue {
    items: RefCell<VecDeque<Obj>>,
    /// Held by a `get` waiting on the empty queue; `put` releases it.
    lock: RawLock,
    /// Whether `lock` is held by a getter (changed under the GIL only).
    locked: Cell<bool>,
}

impl PyPayload for SimpleQueue {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(items) = self.items.try_borrow() {
            items.iter().for_each(visit);
        }
    }
    fn clear(&self) {
        let old = self.items.try_borrow_mut().map(|mut v| std::mem::take(&mut *v));
        drop(old);
    }
}

impl SimpleQueue {
    fn pop(&self) -> Option<Obj> {
        self.items.borrow_mut().pop_front()
    }
    fn len(&self) -> usize {
        self.items.borrow().len()
    }
}

fn queue_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a SimpleQueue> {
    payload_or_err::<SimpleQueue>(vm, o, QUEUE)
}

fn empty_error(vm: &Vm) -> PyResult<taipan_vm::api::PyErr> {
    let Some(ty) = crate::support::module_type(vm, EMPTY) else {
        return Err(vm.system_error("_queue.Empty is not initialised"));
    };
    Ok(vm.new_exception(&ty, vec![]))
}

/// `get`'s timeout (`_PyTime_FromSecondsObject`, rounded up; then the
/// sign check).
fn timeout_arg(vm: &Vm, o: &Obj) -> PyResult<Duration> {
    let ns = crate::support::seconds_to_ns(vm, o, f64::ceil)?;
    if ns < 0 {
        return Err(vm.value_error("'timeout' must be a non-negative number"));
    }
    Ok(Duration::from_nanos(ns as u64))
}

fn queue_get(vm: &Vm, o: &Obj, block: bool, timeout: Option<&Obj>) -> PyResult<Obj> {
    let timeout = match timeout {
        Some(t) if block && !vm.is_none(t) => Some(timeout_arg(vm, t)?),
        _ => None,
    };
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    let q = queue_of(vm, o)?;
    // `put` tells a waiting `get` that the queue is not empty any more by
    // releasing the lock: wait for the lock until an item is there.
    loop {
        if let Some(item) = q.pop() {
            if q.locked.replace(false) {
                q.lock.release();
            }
            return Ok(item);
        }
        let wait = match (block, timeout, deadline) {
            (false, _, _) => None,
            (true, None, _) => Some(None),
            (true, Some(_), Some(end)) => Some(Some(end.saturating_duration_since(Instant::now()))),
            (true, Some(_), None) => Some(None),
        };
        if !acquire_lock(vm, &q.lock, wait)? {
            return Err(empty_error(vm)?);
        }
        q.locked.set(true);
    }
}

fn push(vm: &Vm, o: &Obj, item: Obj) -> PyResult<()> {
    let q = queue_of(vm, o)?;
    q.items.borrow_mut().push_back(item);
    if q.locked.replace(false) {
        q.lock.release();
    }
    Ok(())
}

fn get_method(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "get", a, k, &["block", "timeout"], 0)?;
    let block = match &p[0] {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    queue_get(vm, o, block, p[1].as_ref())
}

fn put_method(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "put", a, k, &["item", "block", "timeout"], 1)?;
    let item = p[0].clone().unwrap_or_else(|| vm.none());
    push(vm, o, item)?;
    Ok(vm.none())
}

fn put_nowait_method(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "put_nowait", a, k, &["item"], 1)?;
    let item = p[0].clone().unwrap_or_else(|| vm.none());
    push(vm, o, item)?;
    Ok(vm.none())
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("empty", |vm, o, a, k| {
        crate::clinic::none(vm, "SimpleQueue.empty", a, k)?;
        Ok(vm.bool_obj(queue_of(vm, o)?.len() == 0))
    }),
    MethodDef::method("get", get_method),
    MethodDef::method("get_nowait", |vm, o, a, k| {
        crate::clinic::none(vm, "SimpleQueue.get_nowait", a, k)?;
        queue_get(vm, o, false, None)
    }),
    MethodDef::method("put", put_method),
    MethodDef::method("put_nowait", put_nowait_method),
    MethodDef::method("qsize", |vm, o, a, k| {
        crate::clinic::none(vm, "SimpleQueue.qsize", a, k)?;
        Ok(vm.new_usize(queue_of(vm, o)?.len()))
    }),
    MethodDef::class("__class_getitem__", crate::support::class_getitem),
];

fn queue_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let Some(ty) = crate::support::module_type(vm, QUEUE) else {
        return Err(vm.system_error("_queue.SimpleQueue is not initialised"));
    };
    if cls.is(&ty) {
        if a.len() > crate::clinic::nkw(k) {
            return Err(vm.type_error("SimpleQueue() takes no positional arguments"));
        }
        crate::clinic::no_kw(vm, "SimpleQueue", k)?;
    }
    alloc_instance(vm, cls, &ty, SimpleQueue::default())
}

fn make_types(vm: &Vm) -> PyResult<(Obj, Obj)> {
    if let (Some(q), Some(e)) = (crate::support::module_type(vm, QUEUE), crate::support::module_type(vm, EMPTY)) {
        return Ok((q, e));
    }
    let spec = TypeSpec {
        name: QUEUE,
        flags: flags::BASETYPE,
        gc: true,
        weakref: true,
        methods: METHODS,
        doc: Some("Simple, unbounded, reentrant FIFO queue."),
        ..Default::default()
    };
    let q = taipan_vm::api::types::new_type::<SimpleQueue>(vm, &spec, |s| {
        s.new.set(Some(queue_new));
    });
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("_queue"))?;
    dict::set_item_str(vm, &ns, "__doc__", vm.new_str("Exception raised by Queue.get(block=0)/get_nowait()."))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
    let e = vm.call(&vm.ctx.types.type_, &[vm.new_str("Empty"), bases, ns], None)?;
    crate::support::register_type(vm, QUEUE, &q);
    crate::support::register_type(vm, EMPTY, &e);
    Ok((q, e))
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let (q, e) = make_types(vm)?;
    let m = module::new_module(vm, "_queue");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    dict::set_item_str(vm, &d, "SimpleQueue", q)?;
    dict::set_item_str(vm, &d, "Empty", e)?;
    Ok(m)
}
