//! The datetime C-API helpers of `_testcapi` (CPython's
//! `Modules/_testcapimodule.c`, under `test_datetime_capi`): each goes
//! through the `datetime.datetime_CAPI` capsule as a C extension does
//! after `PyDateTime_IMPORT`. A `macro` argument chooses between the
//! `PyDate_FromDate`-style macros and a direct call of the struct's
//! function; both reach the same constructor, the macros passing the
//! capsule's own type.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, Obj, PyResult, Vm};

use crate::_datetime::capi::{DateTimeCapi, CAPSULE_NAME};
use crate::_datetime::{dt, Delta, Dt};
use crate::converters::c_int;

/// The interpreter's registry key of the imported capsule (the module's
/// `PyDateTimeAPI` pointer).
const API_KEY: &str = "_testcapi.PyDateTimeAPI";

/// `PyDateTime_IMPORT` the first time, the capsule's struct after.
fn datetime_api(vm: &Vm) -> PyResult<DateTimeCapi> {
    let capsule = match crate::support::module_type(vm, API_KEY) {
        Some(c) => c,
        None => {
            let c = taipan_vm::api::capsule::import(vm, CAPSULE_NAME)?;
            crate::support::register_type(vm, API_KEY, &c);
            c
        }
    };
    taipan_vm::api::capsule::get_value::<DateTimeCapi>(vm, &capsule, CAPSULE_NAME).cloned()
}

/// `test_datetime_capi()`: import the C API (once).
fn test_datetime_capi(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "test_datetime_capi", a, k)?;
    datetime_api(vm)?;
    Ok(vm.none())
}

/// A `p` (truth value) argument, false when absent.
fn flag(vm: &Vm, o: Option<&Obj>) -> PyResult<bool> {
    match o {
        Some(o) => vm.is_true(o),
        None => Ok(false),
    }
}

/// `(macro, i, i, ...)`: the "p" then N "i" arguments of the constructors.
fn macro_and_ints<const N: usize>(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<[i32; N]> {
    crate::clinic::no_kw(vm, fname, k)?;
    crate::clinic::check_count(vm, fname, a.len(), N + 1, N + 1)?;
    flag(vm, a.first())?;
    let mut out = [0; N];
    for (slot, o) in out.iter_mut().zip(&a[1..]) {
        *slot = c_int(vm, o)?;
    }
    Ok(out)
}

/// `get_timezone_utc_capi(macro=False)`: `PyDateTime_TimeZone_UTC`.
fn get_timezone_utc_capi(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "get_timezone_utc_capi", k)?;
    crate::clinic::check_count(vm, "get_timezone_utc_capi", a.len(), 0, 1)?;
    flag(vm, a.first())?;
    Ok(datetime_api(vm)?.timezone_utc)
}

/// `make_timezones_capi()`: UTC-5 named "EST" through the struct and the
/// macro, and unnamed through `PyTimeZone_FromOffset`.
fn make_timezones_capi(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "make_timezones_capi", a, k)?;
    let api = datetime_api(vm)?;
    let offset = (api.delta_from_delta)(vm, 0, -18000, 0, &api.delta_type)?;
    let name = vm.new_str("EST");
    let est_capi = (api.timezone_from_timezone)(vm, &offset, Some(&name))?;
    let est_macro = (api.timezone_from_timezone)(vm, &offset, Some(&name))?;
    let est_macro_nn = (api.timezone_from_timezone)(vm, &offset, None)?;
    Ok(vm.new_tuple(vec![est_capi, est_macro, est_macro_nn]))
}

/// `get_timezones_offset_zero()`: a zero offset without a name twice
/// (the UTC singleton), then named "" (a timezone of its own).
fn get_timezones_offset_zero(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "get_timezones_offset_zero", a, k)?;
    let api = datetime_api(vm)?;
    let offset = (api.delta_from_delta)(vm, 0, 0, 0, &api.delta_type)?;
    let name = vm.new_str("");
    let utc0 = (api.timezone_from_timezone)(vm, &offset, None)?;
    let utc1 = (api.timezone_from_timezone)(vm, &offset, None)?;
    let non_utc = (api.timezone_from_timezone)(vm, &offset, Some(&name))?;
    Ok(vm.new_tuple(vec![utc0, utc1, non_utc]))
}

/// `datetime_check_*(obj, exact=False)`: `PyX_CheckExact` or `PyX_Check`.
fn check_kind(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>, pick: fn(&DateTimeCapi) -> &Obj) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, fname, k)?;
    crate::clinic::check_count(vm, fname, a.len(), 1, 2)?;
    let exact = flag(vm, a.get(1))?;
    let api = datetime_api(vm)?;
    let ty = pick(&api);
    let yes = if exact { a[0].type_is(ty) } else { vm.isinstance_type(&a[0], ty) };
    Ok(vm.bool_obj(yes))
}

fn datetime_check_date(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_kind(vm, "datetime_check_date", a, k, |api| &api.date_type)
}

fn datetime_check_time(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_kind(vm, "datetime_check_time", a, k, |api| &api.time_type)
}

fn datetime_check_datetime(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_kind(vm, "datetime_check_datetime", a, k, |api| &api.datetime_type)
}

fn datetime_check_delta(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_kind(vm, "datetime_check_delta", a, k, |api| &api.delta_type)
}

fn datetime_check_tzinfo(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    check_kind(vm, "datetime_check_tzinfo", a, k, |api| &api.tzinfo_type)
}

/// `get_date_fromdate(macro, year, month, day)`.
fn get_date_fromdate(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [y, m, d] = macro_and_ints::<3>(vm, "get_date_fromdate", a, k)?;
    let api = datetime_api(vm)?;
    (api.date_from_date)(vm, y, m, d, &api.date_type)
}

/// `get_datetime_fromdateandtime(macro, y, m, d, hh, mm, ss, us)`.
fn get_datetime_fromdateandtime(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let fields = macro_and_ints::<7>(vm, "get_datetime_fromdateandtime", a, k)?;
    let api = datetime_api(vm)?;
    (api.datetime_from_date_and_time_and_fold)(vm, fields, &vm.none(), 0, &api.datetime_type)
}

/// `get_datetime_fromdateandtimeandfold(macro, y, m, d, hh, mm, ss, us, fold)`.
fn get_datetime_fromdateandtimeandfold(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [y, m, d, hh, mm, ss, us, fold] = macro_and_ints::<8>(vm, "get_datetime_fromdateandtimeandfold", a, k)?;
    let api = datetime_api(vm)?;
    (api.datetime_from_date_and_time_and_fold)(vm, [y, m, d, hh, mm, ss, us], &vm.none(), fold, &api.datetime_type)
}

/// `get_time_fromtime(macro, hh, mm, ss, us)`.
fn get_time_fromtime(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let fields = macro_and_ints::<4>(vm, "get_time_fromtime", a, k)?;
    let api = datetime_api(vm)?;
    (api.time_from_time_and_fold)(vm, fields, &vm.none(), 0, &api.time_type)
}

/// `get_time_fromtimeandfold(macro, hh, mm, ss, us, fold)`.
fn get_time_fromtimeandfold(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [hh, mm, ss, us, fold] = macro_and_ints::<5>(vm, "get_time_fromtimeandfold", a, k)?;
    let api = datetime_api(vm)?;
    (api.time_from_time_and_fold)(vm, [hh, mm, ss, us], &vm.none(), fold, &api.time_type)
}

/// `get_delta_fromdsu(macro, days, seconds, microseconds)`.
fn get_delta_fromdsu(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [d, s, us] = macro_and_ints::<3>(vm, "get_delta_fromdsu", a, k)?;
    let api = datetime_api(vm)?;
    (api.delta_from_delta)(vm, d, s, us, &api.delta_type)
}

/// `get_date_fromtimestamp(ts, macro=False)`: `PyDate_FromTimestamp((ts,))`.
fn get_date_fromtimestamp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "get_date_fromtimestamp", k)?;
    crate::clinic::check_count(vm, "get_date_fromtimestamp", a.len(), 1, 2)?;
    flag(vm, a.get(1))?;
    let api = datetime_api(vm)?;
    (api.date_from_timestamp)(vm, &api.date_type, &vm.new_tuple(vec![a[0].clone()]))
}

/// `get_datetime_fromtimestamp(ts, tzinfo=None, usetz=False, macro=False)`:
/// `PyDateTime_FromTimestamp((ts,))`, or `(ts, tzinfo)` with `usetz`.
fn get_datetime_fromtimestamp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::no_kw(vm, "get_datetime_fromtimestamp", k)?;
    crate::clinic::check_count(vm, "get_datetime_fromtimestamp", a.len(), 1, 4)?;
    let tzinfo = a.get(1).cloned().unwrap_or_else(|| vm.none());
    let usetz = flag(vm, a.get(2))?;
    flag(vm, a.get(3))?;
    let args = if usetz { vec![a[0].clone(), tzinfo] } else { vec![a[0].clone()] };
    let api = datetime_api(vm)?;
    (api.datetime_from_timestamp)(vm, &api.datetime_type, &vm.new_tuple(args))
}

fn ints(vm: &Vm, values: &[i32]) -> Vec<Obj> {
    values.iter().map(|&v| vm.new_int(i64::from(v))).collect()
}

/// `PyDateTime_GET(date)`: `(GET_YEAR, GET_MONTH, GET_DAY)`.
fn pydatetime_get(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let o = crate::clinic::one(vm, "PyDateTime_GET", a, k)?;
    let d = dt(vm, &o, "datetime.date")?;
    Ok(vm.new_tuple(ints(vm, &[d.year, d.month, d.day])))
}

/// The time fields and tzinfo (None when naive) of a time or datetime.
fn time_fields(vm: &Vm, d: &Dt) -> Obj {
    let mut items = ints(vm, &[d.hour, d.minute, d.second, d.us]);
    items.push(d.tz(vm));
    vm.new_tuple(items)
}

/// `PyDateTime_DATE_GET(datetime)`: hour, minute, second, microsecond, tzinfo.
fn pydatetime_date_get(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let o = crate::clinic::one(vm, "PyDateTime_DATE_GET", a, k)?;
    Ok(time_fields(vm, dt(vm, &o, "datetime.datetime")?))
}

/// `PyDateTime_TIME_GET(time)`: hour, minute, second, microsecond, tzinfo.
fn pydatetime_time_get(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let o = crate::clinic::one(vm, "PyDateTime_TIME_GET", a, k)?;
    Ok(time_fields(vm, dt(vm, &o, "datetime.time")?))
}

/// `PyDateTime_DELTA_GET(delta)`: days, seconds, microseconds.
fn pydatetime_delta_get(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let o = crate::clinic::one(vm, "PyDateTime_DELTA_GET", a, k)?;
    let d = taipan_vm::api::types::payload_or_err::<Delta>(vm, &o, "datetime.timedelta")?;
    Ok(vm.new_tuple(ints(vm, &[d.days, d.seconds, d.us])))
}

pub(super) const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("test_datetime_capi", test_datetime_capi),
    MethodDef::static_("get_timezone_utc_capi", get_timezone_utc_capi),
    MethodDef::static_("make_timezones_capi", make_timezones_capi),
    MethodDef::static_("get_timezones_offset_zero", get_timezones_offset_zero),
    MethodDef::static_("datetime_check_date", datetime_check_date),
    MethodDef::static_("datetime_check_time", datetime_check_time),
    MethodDef::static_("datetime_check_datetime", datetime_check_datetime),
    MethodDef::static_("datetime_check_delta", datetime_check_delta),
    MethodDef::static_("datetime_check_tzinfo", datetime_check_tzinfo),
    MethodDef::static_("get_date_fromdate", get_date_fromdate),
    MethodDef::static_("get_datetime_fromdateandtime", get_datetime_fromdateandtime),
    MethodDef::static_("get_datetime_fromdateandtimeandfold", get_datetime_fromdateandtimeandfold),
    MethodDef::static_("get_time_fromtime", get_time_fromtime),
    MethodDef::static_("get_time_fromtimeandfold", get_time_fromtimeandfold),
    MethodDef::static_("get_delta_fromdsu", get_delta_fromdsu),
    MethodDef::static_("get_date_fromtimestamp", get_date_fromtimestamp),
    MethodDef::static_("get_datetime_fromtimestamp", get_datetime_fromtimestamp),
    MethodDef::static_("PyDateTime_GET", pydatetime_get),
    MethodDef::static_("PyDateTime_DATE_GET", pydatetime_date_get),
    MethodDef::static_("PyDateTime_TIME_GET", pydatetime_time_get),
    MethodDef::static_("PyDateTime_DELTA_GET", pydatetime_delta_get),
];
