//! `datetime.datetime_CAPI` (CPython's `PyDateTime_CAPI` struct, what
//! `PyDateTime_IMPORT` fetches): the module's types, the UTC singleton and
//! the constructors other native modules call, exported in a capsule.
//!
//! The fields are CPython's, in its order. The constructors are Rust
//! functions, since Taipan's native modules are Rust; each takes the type
//! to make, as CPython's do, and allocates it directly (a subclass's
//! `__new__` is not called), with the same range checks as the classes'
//! constructors.

use taipan_vm::api::types::alloc_instance;
use taipan_vm::api::{tuple, Obj, PyResult, Vm};

use super::{
    check_date_args, check_time_args, check_tzinfo, date_type, datetime_type, delta_type, time_type, tzinfo_type, utc,
    Dt,
};

/// The capsule's name (`PyDateTime_CAPSULE_NAME`).
pub(crate) const CAPSULE_NAME: &str = "datetime.datetime_CAPI";

/// `Date_FromDate(year, month, day, type)`.
pub(crate) type DateFromDate = fn(&Vm, i32, i32, i32, &Obj) -> PyResult<Obj>;
/// `DateTime_FromDateAndTimeAndFold(y, m, d, hh, mm, ss, us, tzinfo, fold, type)`.
pub(crate) type DateTimeFromFields = fn(&Vm, [i32; 7], &Obj, i32, &Obj) -> PyResult<Obj>;
/// `Time_FromTimeAndFold(hh, mm, ss, us, tzinfo, fold, type)`.
pub(crate) type TimeFromFields = fn(&Vm, [i32; 4], &Obj, i32, &Obj) -> PyResult<Obj>;
/// `Delta_FromDelta(days, seconds, microseconds, normalize, type)`.
pub(crate) type DeltaFromDelta = fn(&Vm, i32, i32, i32, &Obj) -> PyResult<Obj>;
/// `TimeZone_FromTimeZone(offset, name)`.
pub(crate) type TimeZoneFromTimeZone = fn(&Vm, &Obj, Option<&Obj>) -> PyResult<Obj>;
/// `DateTime_FromTimestamp(type, args, kwargs)` / `Date_FromTimestamp(type, args)`.
pub(crate) type FromTimestamp = fn(&Vm, &Obj, &Obj) -> PyResult<Obj>;

/// `PyDateTime_CAPI`. CPython's separate fold-less constructors are the
/// fold ones with fold 0 (its macros call those with 0 too).
#[derive(Clone)]
pub(crate) struct DateTimeCapi {
    pub(crate) date_type: Obj,
    pub(crate) datetime_type: Obj,
    pub(crate) time_type: Obj,
    pub(crate) delta_type: Obj,
    pub(crate) tzinfo_type: Obj,
    pub(crate) timezone_utc: Obj,
    pub(crate) date_from_date: DateFromDate,
    pub(crate) datetime_from_date_and_time_and_fold: DateTimeFromFields,
    pub(crate) time_from_time_and_fold: TimeFromFields,
    pub(crate) delta_from_delta: DeltaFromDelta,
    pub(crate) timezone_from_timezone: TimeZoneFromTimeZone,
    pub(crate) datetime_from_timestamp: FromTimestamp,
    pub(crate) date_from_timestamp: FromTimestamp,
}

/// The capsule `_datetime` exports as `datetime_CAPI`.
pub(crate) fn new_capsule(vm: &Vm) -> Obj {
    let api = DateTimeCapi {
        date_type: date_type(vm),
        datetime_type: datetime_type(vm),
        time_type: time_type(vm),
        delta_type: delta_type(vm),
        tzinfo_type: tzinfo_type(vm),
        timezone_utc: utc(vm),
        date_from_date,
        datetime_from_date_and_time_and_fold,
        time_from_time_and_fold,
        delta_from_delta,
        timezone_from_timezone,
        datetime_from_timestamp,
        date_from_timestamp,
    };
    taipan_vm::api::capsule::new_capsule(vm, Some(CAPSULE_NAME), Box::new(api))
}

/// `new_date_ex`.
fn date_from_date(vm: &Vm, year: i32, month: i32, day: i32, ty: &Obj) -> PyResult<Obj> {
    check_date_args(vm, year, month, day)?;
    alloc_instance(vm, ty, &date_type(vm), Dt::date(year, month, day))
}

/// `new_datetime_ex2`.
fn datetime_from_date_and_time_and_fold(vm: &Vm, f: [i32; 7], tzinfo: &Obj, fold: i32, ty: &Obj) -> PyResult<Obj> {
    let [year, month, day, hour, minute, second, us] = f;
    check_date_args(vm, year, month, day)?;
    check_time_args(vm, hour, minute, second, us, fold)?;
    let tz = check_tzinfo(vm, tzinfo)?;
    alloc_instance(vm, ty, &datetime_type(vm), Dt::datetime(year, month, day, hour, minute, second, us, tz, fold))
}

/// `new_time_ex2`.
fn time_from_time_and_fold(vm: &Vm, f: [i32; 4], tzinfo: &Obj, fold: i32, ty: &Obj) -> PyResult<Obj> {
    let [hour, minute, second, us] = f;
    check_time_args(vm, hour, minute, second, us, fold)?;
    let tz = check_tzinfo(vm, tzinfo)?;
    alloc_instance(vm, ty, &time_type(vm), Dt::time(hour, minute, second, us, tz, fold))
}

/// `new_delta_ex` with normalize set: the fields are always normalized
/// (a timedelta's fields out of range would break its arithmetic; CPython
/// trusts a caller that asks for no normalization to pass normal ones).
fn delta_from_delta(vm: &Vm, days: i32, seconds: i32, us: i32, ty: &Obj) -> PyResult<Obj> {
    let total = (i128::from(days) * 86_400 + i128::from(seconds)) * 1_000_000 + i128::from(us);
    let d = super::delta::delta_from_us(vm, total)?;
    alloc_instance(vm, ty, &delta_type(vm), d)
}

/// `new_timezone`: the UTC singleton for a zero offset and no name.
fn timezone_from_timezone(vm: &Vm, offset: &Obj, name: Option<&Obj>) -> PyResult<Obj> {
    super::tz::new_timezone(vm, offset.clone(), name.cloned())
}

/// `datetime_fromtimestamp_capi`: `cls.fromtimestamp(*args)` of the C class.
fn datetime_from_timestamp(vm: &Vm, cls: &Obj, args: &Obj) -> PyResult<Obj> {
    super::datetime::datetime_fromtimestamp(vm, cls, tuple::items(args), None)
}

/// `date_fromtimestamp_capi`.
fn date_from_timestamp(vm: &Vm, cls: &Obj, args: &Obj) -> PyResult<Obj> {
    super::date::date_fromtimestamp(vm, cls, tuple::items(args), None)
}
