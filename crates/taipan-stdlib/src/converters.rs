//! Argument Clinic's converters (CPython's `Tools/clinic`), with the
//! messages of CPython 3.11's conversions, shared by the native modules.

use taipan_vm::api::{int, Obj, PyResult, Vm};

/// `int`: `__index__`, then the C int range (`_PyLong_AsInt`, whose
/// message says "too large" for both signs).
pub(crate) fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    let v = vm.index_value(o)?;
    v.as_i64()
        .and_then(|x| i32::try_from(x).ok())
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
}

/// `Py_ssize_t`: `__index__`, then `PyLong_AsSsize_t`.
pub(crate) fn ssize_t(vm: &Vm, o: &Obj) -> PyResult<isize> {
    let v = vm.index_value(o)?;
    v.as_i64()
        .and_then(|x| isize::try_from(x).ok())
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

/// `bool(accept={int})`: a C int, true when not zero.
pub(crate) fn int_flag(vm: &Vm, o: &Obj) -> PyResult<bool> {
    Ok(c_int(vm, o)? != 0)
}

/// `unsigned_int(bitwise=True)`: any int (`__index__`), modulo 2**32.
pub(crate) fn unsigned_int_mask(vm: &Vm, o: &Obj) -> PyResult<u32> {
    if let Some(int::IntValue::Small(v)) = int::value(o) {
        return Ok(*v as u32);
    }
    let v = vm.to_bigint(o)?;
    let (sign, digits) = v.to_u32_digits();
    let low = digits.first().copied().unwrap_or(0);
    Ok(if sign == num_bigint::Sign::Minus { low.wrapping_neg() } else { low })
}
