//! `wrap_strftime`: %z, %Z and %f are expanded here (from the object's
//! tzinfo and microseconds), the rest goes to `time.strftime`.

use taipan_vm::api::{str as pystr, Obj, PyResult, Vm};

use super::{call_tzname, call_utcoffset, format_offset, is_datetime, is_time, Dt};

/// `object.strftime(format)` with `timetuple` for time.strftime;
/// `tzinfoarg` is what the tzinfo methods receive.
pub(crate) fn wrap_strftime(vm: &Vm, object: &Obj, format: &Obj, timetuple: Obj, tzinfoarg: &Obj) -> PyResult<Obj> {
    let Some(fmt) = pystr::as_str(format) else {
        // Lone surrogates cannot be encoded to UTF-8: CPython's error.
        vm.call_method(format, "encode", &[vm.new_str("utf-8")])?;
        return Err(vm.value_error("strftime format is not encodable"));
    };
    let p = object.payload::<Dt>();
    let aware = (is_datetime(vm, object) || is_time(vm, object)) && p.is_some_and(|p| p.has_tz());
    let tzinfo = match p {
        Some(p) if aware => p.tz(vm),
        _ => vm.none(),
    };
    let us = match p {
        Some(p) if is_datetime(vm, object) || is_time(vm, object) => p.us,
        _ => 0,
    };
    let mut out = String::with_capacity(fmt.len() + 8);
    let mut zrepl: Option<String> = None;
    let mut big_zrepl: Option<String> = None;
    // CPython scans the format as a C string: it ends at the first NUL.
    let mut chars = fmt.split('\0').next().unwrap_or("").chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('%'),
            Some('z') => {
                if zrepl.is_none() {
                    let z =
                        if aware { format_offset(call_utcoffset(vm, &tzinfo, tzinfoarg)?, "") } else { String::new() };
                    zrepl = Some(z);
                }
                out.push_str(zrepl.as_deref().unwrap_or(""));
            }
            Some('Z') => {
                if big_zrepl.is_none() {
                    let mut z = String::new();
                    if aware {
                        let name = call_tzname(vm, &tzinfo, tzinfoarg)?;
                        if !vm.is_none(&name) {
                            z = escape_tzname(vm, &name)?;
                        }
                    }
                    big_zrepl = Some(z);
                }
                out.push_str(big_zrepl.as_deref().unwrap_or(""));
            }
            Some('f') => out.push_str(&format!("{us:06}")),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
        }
    }
    let t = super::time_module(vm)?;
    vm.call_method(&t, "strftime", &[vm.new_str(&out), timetuple])
}

/// The tzname with '%' doubled, through the str's own `replace` (as C
/// calls it); it must stay a str encodable to UTF-8.
fn escape_tzname(vm: &Vm, name: &Obj) -> PyResult<String> {
    let r = vm.call_method(name, "replace", &[vm.new_str("%"), vm.new_str("%%")])?;
    if !vm.isinstance_type(&r, &vm.ctx.types.str) {
        return Err(vm.type_error("tzname.replace() did not return a string"));
    }
    match pystr::as_str(&r) {
        Some(t) => Ok(t.to_string()),
        None => {
            vm.call_method(&r, "encode", &[vm.new_str("utf-8")])?;
            Err(vm.value_error("tzname is not encodable"))
        }
    }
}
