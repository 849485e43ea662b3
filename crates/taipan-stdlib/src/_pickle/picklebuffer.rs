//! `pickle.PickleBuffer` (PEP 574; CPython's `Objects/picklebufobject.c`):
//! a wrapper around a buffer-protocol object that the pickler serialises
//! in or out of band. It takes a memoryview of the object when made (so a
//! bytearray cannot resize while it lives) and re-exports that view.

use taipan_vm::api::buffer::{self, BufferExport};
use taipan_vm::api::types::{flags, MethodDef, TypeSpec};
use taipan_vm::api::{Obj, ObjCell, PyPayload, PyResult, Vm};

use crate::support::{clear_cells, visit_cells};

pub(crate) const PICKLE_BUFFER: &str = "pickle.PickleBuffer";

pub(crate) struct PickleBuffer {
    /// The view taken at construction; None once released.
    view: ObjCell,
}

impl PyPayload for PickleBuffer {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.view], visit);
    }
    fn clear(&self) {
        clear_cells(&[&self.view]);
    }
    fn as_buffer(&self) -> Option<&dyn BufferExport> {
        Some(self)
    }
}

impl BufferExport for PickleBuffer {
    /// The bytes paths read a PickleBuffer as bytes; `memoryview()` takes
    /// the held view's own format through `buffer_view`.
    fn buffer_format(&self) -> &'static str {
        "B"
    }
    fn buffer_itemsize(&self) -> usize {
        1
    }
    fn buffer_readonly(&self) -> bool {
        self.view.get().is_none_or(|v| !buffer::view_write(&v, &mut |_| {}))
    }
    fn buffer_check(&self, vm: &Vm) -> PyResult<()> {
        match self.view.is_some() {
            true => Ok(()),
            false => Err(released(vm)),
        }
    }
    fn buffer_read(&self, f: &mut dyn FnMut(&[u8])) {
        match self.view.get() {
            Some(v) => buffer::view_read(&v, f),
            None => f(&[]),
        }
    }
    fn buffer_write(&self, f: &mut dyn FnMut(&mut [u8])) -> bool {
        match self.view.get() {
            Some(v) => buffer::view_write(&v, f),
            None => false,
        }
    }
    fn buffer_export(&self, _delta: isize) {}
    fn buffer_view(&self) -> Option<Obj> {
        self.view.get()
    }
}

fn released(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.value_error("operation forbidden on released PickleBuffer object")
}

fn payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a PickleBuffer> {
    taipan_vm::api::types::payload_or_err::<PickleBuffer>(vm, o, "pickle.PickleBuffer")
}

fn pb_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let nkw = kwnames.map_or(0, taipan_vm::api::tuple::len);
    if args.len() > 1 {
        return Err(vm.type_error(format!("PickleBuffer() takes at most 1 argument ({} given)", args.len())));
    }
    if nkw > 0 || args.is_empty() {
        return Err(vm.type_error("PickleBuffer() takes exactly 1 positional argument (0 given)"));
    }
    let obj = &args[0];
    if !buffer::is_bytes_like(obj) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", obj.class().name())));
    }
    let view = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(obj), None)?;
    crate::support::alloc(vm, cls, PICKLE_BUFFER, PickleBuffer { view: ObjCell::some(view) })
}

/// Is `o` a PickleBuffer?
pub(crate) fn is_pickle_buffer(o: &Obj) -> bool {
    o.payload::<PickleBuffer>().is_some()
}

/// The view a PickleBuffer holds (ValueError once released).
pub(crate) fn view_of(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    payload(vm, o)?.view.get().ok_or_else(|| released(vm))
}

fn pb_raw(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "raw", args, kwnames)?;
    let view = view_of(vm, o)?;
    let contiguous = vm.is_true(&vm.getattr_str(&view, "contiguous")?)?;
    if !contiguous {
        return Err(vm.new_exception_msg(
            &vm.ctx.exceptions.buffer_error,
            "cannot extract raw buffer from non-contiguous buffer",
        ));
    }
    let c_contiguous = vm.is_true(&vm.getattr_str(&view, "c_contiguous")?)?;
    let flat = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(&view), None)?;
    if c_contiguous {
        return vm.call_method(&flat, "cast", &[vm.new_str("B")]);
    }
    // An F-contiguous view: its memory, in memory order, as bytes.
    let raw = vm.call_method(&flat, "tobytes", &[vm.new_str("A")])?;
    vm.call(&vm.ctx.types.memoryview, &[raw], None)
}

fn pb_release(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "release", args, kwnames)?;
    if let Some(view) = payload(vm, o)?.view.take() {
        vm.call_method(&view, "release", &[])?;
    }
    Ok(vm.none())
}

const METHODS: &[MethodDef] = &[
    MethodDef {
        doc: Some("raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\nWill raise BufferError is the buffer isn't contiguous."),
        ..MethodDef::method("raw", pb_raw)
    },
    MethodDef {
        doc: Some("release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer object."),
        ..MethodDef::method("release", pb_release)
    },
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: PICKLE_BUFFER,
        flags: flags::IMMUTABLETYPE,
        gc: true,
        weakref: true,
        methods: METHODS,
        doc: Some("Wrapper for potentially out-of-band buffers"),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<PickleBuffer>(vm, &spec, |s| s.new.set(Some(pb_new)))
}
