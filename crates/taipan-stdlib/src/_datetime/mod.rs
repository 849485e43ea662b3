//! `_datetime` (CPython's `Modules/_datetimemodule.c`): the native
//! `date`, `time`, `datetime`, `timedelta`, `tzinfo` and `timezone` that
//! Lib's `datetime` re-exports over its pure-Python classes.
//!
//! One payload, [`Dt`], holds the fields of a date, a time or a datetime
//! (datetime subclasses date and shares its layout); a timedelta holds
//! [`Delta`], a timezone [`Tz`]. Pickles carry CPython's state bytes, so
//! they cross between the two interpreters. `datetime_CAPI` is the capsule
//! of [`capi::DateTimeCapi`], CPython's `PyDateTime_CAPI`.

mod calendar;
pub(crate) mod capi;
mod date;
mod datetime;
mod delta;
mod iso;
mod strftime;
mod time;
mod tz;

use std::cell::RefCell;

use taipan_vm::api::types::{TypeObject, TypeSpec};
use taipan_vm::api::{dict, module, Obj, PyPayload, PyResult, Vm};

pub(crate) const MINYEAR: i32 = 1;
pub(crate) const MAXYEAR: i32 = 9999;

const DATE: &str = "datetime.date";
const TIME: &str = "datetime.time";
const DATETIME: &str = "datetime.datetime";
const DELTA: &str = "datetime.timedelta";
const TZINFO: &str = "datetime.tzinfo";
const TIMEZONE: &str = "datetime.timezone";
const ISOCAL: &str = "datetime.IsoCalendarDate";
const UTC: &str = "datetime.timezone.utc";

/// The fields of a date, time or datetime (the unused ones are zero).
pub(crate) struct Dt {
    pub(crate) year: i32,
    pub(crate) month: i32,
    pub(crate) day: i32,
    pub(crate) hour: i32,
    pub(crate) minute: i32,
    pub(crate) second: i32,
    pub(crate) us: i32,
    pub(crate) fold: i32,
    pub(crate) tzinfo: RefCell<Option<Obj>>,
}

impl PyPayload for Dt {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(t) = self.tzinfo.try_borrow() {
            if let Some(t) = t.as_ref() {
                visit(t);
            }
        }
    }
    fn clear(&self) {
        if let Ok(mut t) = self.tzinfo.try_borrow_mut() {
            t.take();
        }
    }
}

impl Dt {
    pub(crate) fn date(year: i32, month: i32, day: i32) -> Dt {
        Dt::datetime(year, month, day, 0, 0, 0, 0, None, 0)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn datetime(
        year: i32,
        month: i32,
        day: i32,
        hour: i32,
        minute: i32,
        second: i32,
        us: i32,
        tzinfo: Option<Obj>,
        fold: i32,
    ) -> Dt {
        Dt { year, month, day, hour, minute, second, us, fold, tzinfo: RefCell::new(tzinfo) }
    }

    pub(crate) fn time(hour: i32, minute: i32, second: i32, us: i32, tzinfo: Option<Obj>, fold: i32) -> Dt {
        Dt::datetime(0, 0, 0, hour, minute, second, us, tzinfo, fold)
    }

    /// The tzinfo, None for a naive object.
    pub(crate) fn tz(&self, vm: &Vm) -> Obj {
        self.tzinfo.borrow().clone().unwrap_or_else(|| vm.none())
    }

    pub(crate) fn has_tz(&self) -> bool {
        self.tzinfo.borrow().is_some()
    }

    /// CPython's date data bytes (`_PyDateTime_DATE_DATASIZE`).
    pub(crate) fn date_bytes(&self) -> Vec<u8> {
        vec![(self.year >> 8) as u8, self.year as u8, self.month as u8, self.day as u8]
    }

    /// CPython's time data bytes, without the fold bit.
    pub(crate) fn time_bytes(&self) -> Vec<u8> {
        vec![
            self.hour as u8,
            self.minute as u8,
            self.second as u8,
            (self.us >> 16) as u8,
            (self.us >> 8) as u8,
            self.us as u8,
        ]
    }

    pub(crate) fn date_key(&self) -> (i32, i32, i32) {
        (self.year, self.month, self.day)
    }

    pub(crate) fn time_key(&self) -> (i32, i32, i32, i32) {
        (self.hour, self.minute, self.second, self.us)
    }
}

/// A timedelta, normalized: |days| <= 999999999, 0 <= seconds < 86400,
/// 0 <= us < 1000000.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Delta {
    pub(crate) days: i32,
    pub(crate) seconds: i32,
    pub(crate) us: i32,
}

impl PyPayload for Delta {}

impl Delta {
    pub(crate) fn total_us(&self) -> i128 {
        (self.days as i128 * 86400 + self.seconds as i128) * 1_000_000 + self.us as i128
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.days == 0 && self.seconds == 0 && self.us == 0
    }

    /// Is the offset strictly between -24h and 24h (as a utcoffset must be)?
    pub(crate) fn is_valid_offset(&self) -> bool {
        !((self.days == -1 && self.seconds == 0 && self.us < 1) || self.days < -1 || self.days >= 1)
    }
}

/// The base of tzinfo classes (no fields of its own).
pub(crate) struct TzBase;
impl PyPayload for TzBase {}

/// A fixed-offset `timezone`.
pub(crate) struct Tz {
    pub(crate) offset: Obj,
    pub(crate) name: Option<Obj>,
}

impl PyPayload for Tz {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.offset);
        if let Some(n) = &self.name {
            visit(n);
        }
    }
}

/// A type (or other per-interpreter object) made by `init`.
pub(crate) fn lazy(vm: &Vm, key: &'static str) -> Obj {
    vm.lazy_types.borrow().get(key).cloned().unwrap_or_else(|| vm.none())
}

pub(crate) fn date_type(vm: &Vm) -> Obj {
    lazy(vm, DATE)
}
pub(crate) fn time_type(vm: &Vm) -> Obj {
    lazy(vm, TIME)
}
pub(crate) fn datetime_type(vm: &Vm) -> Obj {
    lazy(vm, DATETIME)
}
pub(crate) fn delta_type(vm: &Vm) -> Obj {
    lazy(vm, DELTA)
}
pub(crate) fn tzinfo_type(vm: &Vm) -> Obj {
    lazy(vm, TZINFO)
}
pub(crate) fn timezone_type(vm: &Vm) -> Obj {
    lazy(vm, TIMEZONE)
}
pub(crate) fn utc(vm: &Vm) -> Obj {
    lazy(vm, UTC)
}

pub(crate) fn is_date(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &date_type(vm))
}
pub(crate) fn is_datetime(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &datetime_type(vm))
}
pub(crate) fn is_time(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &time_type(vm))
}
pub(crate) fn is_tzinfo(vm: &Vm, o: &Obj) -> bool {
    vm.isinstance_type(o, &tzinfo_type(vm))
}
pub(crate) fn as_delta(o: &Obj) -> Option<Delta> {
    o.payload::<Delta>().copied()
}

/// The `Dt` of a date/time/datetime (or a TypeError naming `owner`).
pub(crate) fn dt<'a>(vm: &Vm, o: &'a Obj, owner: &str) -> PyResult<&'a Dt> {
    taipan_vm::api::types::payload_or_err::<Dt>(vm, o, owner)
}

/// CPython's `tp_name`: dotted for the module's own types, the bare name
/// for classes defined in Python.
pub(crate) fn tp_name(o: &Obj) -> String {
    let t = o.class();
    let n = t.name().to_string();
    if !t.is_heap_type() && matches!(n.as_str(), "date" | "time" | "datetime" | "timedelta" | "tzinfo" | "timezone") {
        return format!("datetime.{n}");
    }
    n
}

/// `PyArg_Parse`'s "i": an int through `__index__`, as a C int.
pub(crate) fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.index_value(o)?;
    let Some(v) = v.as_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    };
    if v > i32::MAX as i64 {
        return Err(vm.overflow_error("signed integer is greater than maximum"));
    }
    if v < i32::MIN as i64 {
        return Err(vm.overflow_error("signed integer is less than minimum"));
    }
    Ok(v as i32)
}

/// An optional "i" argument with a default.
pub(crate) fn c_int_or(vm: &Vm, o: &Option<Obj>, default: i32) -> PyResult<i32> {
    match o {
        Some(o) => c_int(vm, o),
        None => Ok(default),
    }
}

/// `check_tzinfo_subclass`: None or a tzinfo instance.
pub(crate) fn check_tzinfo(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    if vm.is_none(o) {
        return Ok(None);
    }
    if is_tzinfo(vm, o) {
        return Ok(Some(o.clone()));
    }
    Err(vm.type_error(format!("tzinfo argument must be None or of a tzinfo subclass, not type '{}'", tp_name(o))))
}

pub(crate) fn check_date_args(vm: &Vm, y: i32, m: i32, d: i32) -> PyResult<()> {
    if !(MINYEAR..=MAXYEAR).contains(&y) {
        return Err(vm.value_error(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(vm.value_error("month must be in 1..12"));
    }
    if d < 1 || d > calendar::days_in_month(y, m) {
        return Err(vm.value_error("day is out of range for month"));
    }
    Ok(())
}

pub(crate) fn check_time_args(vm: &Vm, h: i32, m: i32, s: i32, us: i32, fold: i32) -> PyResult<()> {
    if !(0..=23).contains(&h) {
        return Err(vm.value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&m) {
        return Err(vm.value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&s) {
        return Err(vm.value_error("second must be in 0..59"));
    }
    if !(0..=999999).contains(&us) {
        return Err(vm.value_error("microsecond must be in 0..999999"));
    }
    if fold != 0 && fold != 1 {
        return Err(vm.value_error("fold must be either 0 or 1"));
    }
    Ok(())
}

/// `call_tzinfo_method`: `tzinfo.name(arg)` checked to be None or a
/// timedelta strictly within a day.
pub(crate) fn call_offset_method(vm: &Vm, tzinfo: &Obj, name: &str, arg: &Obj) -> PyResult<Option<Obj>> {
    if vm.is_none(tzinfo) {
        return Ok(None);
    }
    let r = vm.call_method(tzinfo, name, std::slice::from_ref(arg))?;
    if vm.is_none(&r) {
        return Ok(None);
    }
    let Some(d) = as_delta(&r) else {
        return Err(vm.type_error(format!("tzinfo.{}() must return None or timedelta, not '{}'", name, tp_name(&r))));
    };
    if !d.is_valid_offset() {
        return Err(
            vm.value_error("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).")
        );
    }
    Ok(Some(r))
}

pub(crate) fn offset_range_error(vm: &Vm, offset: &Obj) -> taipan_vm::api::PyErr {
    let r = vm.repr_string(offset).unwrap_or_default();
    vm.value_error(format!(
        "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {r}."
    ))
}

pub(crate) fn call_utcoffset(vm: &Vm, tzinfo: &Obj, arg: &Obj) -> PyResult<Option<Delta>> {
    Ok(call_offset_method(vm, tzinfo, "utcoffset", arg)?.and_then(|o| as_delta(&o)))
}

pub(crate) fn call_dst(vm: &Vm, tzinfo: &Obj, arg: &Obj) -> PyResult<Option<Delta>> {
    Ok(call_offset_method(vm, tzinfo, "dst", arg)?.and_then(|o| as_delta(&o)))
}

/// `call_tzname`: None or a str.
pub(crate) fn call_tzname(vm: &Vm, tzinfo: &Obj, arg: &Obj) -> PyResult<Obj> {
    if vm.is_none(tzinfo) {
        return Ok(vm.none());
    }
    let r = vm.call_method(tzinfo, "tzname", std::slice::from_ref(arg))?;
    if !vm.is_none(&r) && !vm.isinstance_type(&r, &vm.ctx.types.str) {
        return Err(vm.type_error(format!("tzinfo.tzname() must return None or a string, not '{}'", tp_name(&r))));
    }
    Ok(r)
}

/// `format_utcoffset`: "" for None, else +HH<sep>MM[<sep>SS[.ffffff]].
pub(crate) fn format_offset(off: Option<Delta>, sep: &str) -> String {
    let Some(off) = off else {
        return String::new();
    };
    let mut total = off.total_us();
    let sign = if total < 0 { '-' } else { '+' };
    total = total.abs();
    let us = (total % 1_000_000) as i64;
    let secs = (total / 1_000_000) as i64;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if us != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}.{us:06}")
    } else if s != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}")
    } else {
        format!("{sign}{h:02}{sep}{m:02}")
    }
}

/// `_PyHash_Bytes` through the bytes type, so hashes follow PYTHONHASHSEED
/// as CPython's do.
pub(crate) fn hash_bytes(vm: &Vm, data: Vec<u8>) -> PyResult<i64> {
    vm.hash(&vm.new_bytes(data))
}

/// Python's `time` module.
pub(crate) fn time_module(vm: &Vm) -> PyResult<Obj> {
    taipan_vm::api::import::import_module(vm, "time")
}

/// `build_struct_time`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn struct_time(vm: &Vm, y: i32, m: i32, d: i32, hh: i32, mm: i32, ss: i32, dst: i32) -> PyResult<Obj> {
    let t = time_module(vm)?;
    let wday = calendar::weekday(y, m, d);
    let yday = calendar::days_before_month(y, m) + d;
    let vals: Vec<Obj> = [y, m, d, hh, mm, ss, wday, yday, dst].iter().map(|&v| vm.new_int(v as i64)).collect();
    vm.call_method(&t, "struct_time", &[vm.new_tuple(vals)])
}

/// Set class attributes (min, max, resolution, utc, ...).
pub(crate) fn set_class_attr(vm: &Vm, ty: &Obj, name: &str, v: Obj) -> PyResult<()> {
    let Some(t) = ty.payload::<TypeObject>() else {
        return Err(vm.system_error("datetime: not a type"));
    };
    dict::set_item_str(vm, &t.dict(), name, v)?;
    t.invalidate_lookups();
    Ok(())
}

const ISOCAL_SRC: &str = r#"
class IsoCalendarDate(tuple):
    __slots__ = ()
    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year, week, weekday))
    @property
    def year(self):
        return tuple.__getitem__(self, 0)
    @property
    def week(self):
        return tuple.__getitem__(self, 1)
    @property
    def weekday(self):
        return tuple.__getitem__(self, 2)
    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%r, week=%r, weekday=%r)' % tuple(self)
    def __reduce__(self):
        return (tuple, (tuple(self),))
IsoCalendarDate.__module__ = 'datetime'
"#;

/// `datetime.IsoCalendarDate`, the tuple subclass `isocalendar()` returns
/// (built by a small Python class, as the struct sequences are).
fn make_isocal(vm: &Vm) -> PyResult<Obj> {
    let globals = vm.new_dict();
    dict::set_item_str(vm, &globals, "__name__", vm.new_str("datetime"))?;
    dict::set_item_str(vm, &globals, "__builtins__", vm.builtins_module())?;
    taipan_vm::api::run::run_string(vm, ISOCAL_SRC, taipan_vm::api::run::Mode::Exec, Some(&globals))?;
    dict::get_item_str(vm, &globals, "IsoCalendarDate").ok_or_else(|| vm.system_error("IsoCalendarDate"))
}

pub(crate) fn isocal_type(vm: &Vm) -> Obj {
    lazy(vm, ISOCAL)
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(DATE) {
        return Ok(());
    }
    let delta = delta::make_type(vm);
    vm.lazy_types.borrow_mut().insert(DELTA, delta.clone());
    let date = date::make_type(vm);
    vm.lazy_types.borrow_mut().insert(DATE, date.clone());
    let tzinfo = tz::make_tzinfo_type(vm);
    vm.lazy_types.borrow_mut().insert(TZINFO, tzinfo.clone());
    let timezone = tz::make_timezone_type(vm, &tzinfo);
    vm.lazy_types.borrow_mut().insert(TIMEZONE, timezone.clone());
    let time = time::make_type(vm);
    vm.lazy_types.borrow_mut().insert(TIME, time.clone());
    let datetime = datetime::make_type(vm, &date);
    vm.lazy_types.borrow_mut().insert(DATETIME, datetime.clone());
    let isocal = make_isocal(vm)?;
    vm.lazy_types.borrow_mut().insert(ISOCAL, isocal);
    delta::add_class_attrs(vm, &delta)?;
    tz::add_class_attrs(vm, &timezone)?;
    date::add_class_attrs(vm, &date)?;
    time::add_class_attrs(vm, &time)?;
    datetime::add_class_attrs(vm, &datetime)?;
    Ok(())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm)?;
    let m = module::new_module(vm, "_datetime");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Fast implementation of the datetime type."))?;
    dict::set_item_str(vm, &d, "MINYEAR", vm.new_int(MINYEAR as i64))?;
    dict::set_item_str(vm, &d, "MAXYEAR", vm.new_int(MAXYEAR as i64))?;
    for (name, key) in [
        ("date", DATE),
        ("datetime", DATETIME),
        ("time", TIME),
        ("timedelta", DELTA),
        ("tzinfo", TZINFO),
        ("timezone", TIMEZONE),
    ] {
        dict::set_item_str(vm, &d, name, lazy(vm, key))?;
    }
    dict::set_item_str(vm, &d, "UTC", utc(vm))?;
    dict::set_item_str(vm, &d, "datetime_CAPI", capi::new_capsule(vm))?;
    Ok(m)
}

/// The spec every type here shares.
pub(crate) fn spec<'a>(
    name: &'a str,
    base: Option<&'a Obj>,
    flags: u64,
    gc: bool,
    methods: &'a [taipan_vm::api::types::MethodDef],
    getsets: &'a [taipan_vm::api::types::GetSetDef],
    doc: &'static str,
) -> TypeSpec<'a> {
    TypeSpec { name, base, flags, gc, dict: false, weakref: false, methods, getsets, doc: Some(doc) }
}
