//! `_zoneinfo` (CPython's `Modules/_zoneinfo.c`, under Lib's `zoneinfo`): the
//! `ZoneInfo` tzinfo class over IANA TZif data.
//!
//! The file is read by Lib's `zoneinfo._common.load_data` (as the C module does);
//! the transitions become plain integers here ([`Zone`]), with the offsets as
//! shared timedeltas. After the last transition the TZ string's rules apply
//! (`rule.rs`). Caches as CPython's: a per-interpreter weak cache
//! (`WeakValueDictionary`) and an 8-entry LRU strong cache for the base class;
//! subclasses keep a `_weak_cache` class attribute made by `__init_subclass__`.

mod rule;

use std::cell::Cell;

use taipan_vm::api::types::{alloc_instance, flags, new_type, MethodDef, TypeSpec};
use taipan_vm::api::{args, bytes, dict, import, module, Obj, PyPayload, PyResult, Vm};

use crate::_datetime::{datetime_type, is_datetime, tzinfo_type, Dt};
use rule::{is_dst_local, is_dst_utc, parse_tz_str, ymd_to_ord, RuleDate, EPOCH_ORDINAL};

const ZONEINFO: &str = "zoneinfo.ZoneInfo";
const WEAK_CACHE: &str = "_zoneinfo.weak_cache";
const STRONG_CACHE: &str = "_zoneinfo.strong_cache";
const DELTA_CACHE: &str = "_zoneinfo.timedelta_cache";
const STRONG_CACHE_SIZE: usize = 8;

/// How a zone was made: it decides how it pickles.
const SOURCE_NOCACHE: u8 = 0;
const SOURCE_CACHE: u8 = 1;
const SOURCE_FILE: u8 = 2;

/// One local-time type: offsets as timedeltas, the abbreviation, and the UTC
/// offset in seconds for arithmetic.
struct TtInfo {
    utcoff: Obj,
    dstoff: Obj,
    tzname: Obj,
    utcoff_seconds: i64,
}

/// The rule after the last transition: standard time only, or both with
/// the dates of the switches.
struct TzRule {
    std: TtInfo,
    dst: Option<(TtInfo, RuleDate, RuleDate)>,
}

/// The data of a zone.
struct Zone {
    trans_utc: Vec<i64>,
    /// The transitions in local wall time, for fold=0 and fold=1.
    trans_wall: [Vec<i64>; 2],
    /// Index into `ttinfos` of the type each transition switches to.
    trans_idx: Vec<usize>,
    ttinfos: Vec<TtInfo>,
    /// The type before the first transition (the first standard one).
    before: Option<usize>,
    after: TzRule,
    /// The offset does not depend on the datetime (what `time.utcoffset()` may use).
    fixed_offset: bool,
}

pub(crate) struct ZoneInfo {
    key: Obj,
    file_repr: Option<Obj>,
    zone: Zone,
    source: Cell<u8>,
}

impl PyPayload for ZoneInfo {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.key);
        if let Some(r) = &self.file_repr {
            visit(r);
        }
        let z = &self.zone;
        let rule_infos = std::iter::once(&z.after.std).chain(z.after.dst.as_ref().map(|d| &d.0));
        for t in z.ttinfos.iter().chain(rule_infos) {
            visit(&t.utcoff);
            visit(&t.dstoff);
            visit(&t.tzname);
        }
    }
}

/// What a lookup finds: a ttinfo, or nothing (None for all three methods).
type Found<'a> = Option<&'a TtInfo>;

fn lazy(vm: &Vm, key: &'static str) -> Option<Obj> {
    vm.lazy_types.borrow().get(key).cloned()
}

fn zoneinfo_type(vm: &Vm) -> Obj {
    lazy(vm, ZONEINFO).unwrap_or_else(|| vm.none())
}

fn zi<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a ZoneInfo> {
    taipan_vm::api::types::payload_or_err::<ZoneInfo>(vm, o, ZONEINFO)
}

// ---- loading -------------------------------------------------------------------------------

/// `load_timedelta`: one timedelta per distinct number of seconds.
fn load_timedelta(vm: &Vm, seconds: i64) -> PyResult<Obj> {
    let cache = lazy(vm, DELTA_CACHE).ok_or_else(|| vm.system_error("_zoneinfo: no timedelta cache"))?;
    let k = vm.new_int(seconds);
    if let Some(v) = dict::get_item_opt(vm, &cache, &k)? {
        return Ok(v);
    }
    let ty = crate::_datetime::delta_type(vm);
    let d = vm.call(&ty, &[vm.new_int(0), k.clone()], None)?;
    dict::set_item(vm, &cache, k, d.clone())?;
    Ok(d)
}

fn ttinfo(vm: &Vm, utcoff: i64, dstoff: i64, tzname: Obj) -> PyResult<TtInfo> {
    Ok(TtInfo {
        utcoff: load_timedelta(vm, utcoff)?,
        dstoff: load_timedelta(vm, dstoff)?,
        tzname,
        utcoff_seconds: utcoff,
    })
}

fn ttinfo_eq(vm: &Vm, a: &TtInfo, b: &TtInfo) -> PyResult<bool> {
    Ok(vm.eq(&a.utcoff, &b.utcoff)? && vm.eq(&a.dstoff, &b.dstoff)? && vm.eq(&a.tzname, &b.tzname)?)
}

/// Item `i` of one of `load_data`'s tuples (a sequence in general).
fn items_of(vm: &Vm, o: &Obj) -> PyResult<Vec<Obj>> {
    if !vm.isinstance_type(o, &vm.ctx.types.tuple) {
        // CPython's PyTuple_GetItem on a non-tuple.
        return Err(vm.system_error("Objects/tupleobject.c:90: bad argument to internal function"));
    }
    Ok(taipan_vm::api::tuple::items(o).to_vec())
}

fn item(vm: &Vm, v: &[Obj], i: usize) -> PyResult<Obj> {
    v.get(i).cloned().ok_or_else(|| vm.index_error("tuple index out of range"))
}

/// `utcoff_to_dstoff`: the DST amount of each type, inferred from the
/// neighbouring transitions; a DST type left unknown gets one hour.
fn utcoff_to_dstoff(trans_idx: &[usize], utcoffs: &[i64], isdsts: &[bool]) -> Vec<i64> {
    let n = utcoffs.len();
    let mut dstoffs = vec![0i64; n];
    for (i, &idx) in trans_idx.iter().enumerate().skip(1) {
        if !isdsts[idx] || dstoffs[idx] != 0 {
            continue;
        }
        let utcoff = utcoffs[idx];
        let mut comp = trans_idx[i - 1];
        let mut dstoff = if isdsts[comp] { 0 } else { utcoff.saturating_sub(utcoffs[comp]) };
        if dstoff == 0 && idx + 1 < n {
            let Some(&next) = trans_idx.get(i + 1) else { continue };
            comp = next;
            if isdsts[comp] {
                continue;
            }
            dstoff = utcoff.saturating_sub(utcoffs[comp]);
        }
        if dstoff != 0 {
            dstoffs[idx] = dstoff;
        }
    }
    for (d, &isdst) in dstoffs.iter_mut().zip(isdsts) {
        if isdst && *d == 0 {
            *d = 3600;
        }
    }
    dstoffs
}

/// `ts_to_local`: each transition in local wall time: for fold=0 with the larger of
/// the offsets before and after it, for fold=1 with the smaller.
fn ts_to_local(trans_idx: &[usize], trans_utc: &[i64], utcoff: &[i64]) -> [Vec<i64>; 2] {
    let mut wall = [trans_utc.to_vec(), trans_utc.to_vec()];
    let [wall0, wall1] = &mut wall;
    for (i, (w0, w1)) in wall0.iter_mut().zip(wall1.iter_mut()).enumerate() {
        let (a, b) = if i == 0 {
            if utcoff.len() > 1 {
                (utcoff[0], utcoff[trans_idx[0]])
            } else {
                (utcoff[0], utcoff[0])
            }
        } else {
            (utcoff[trans_idx[i - 1]], utcoff[trans_idx[i]])
        };
        // Saturating: the values come from the file (or a replaced load_data).
        *w0 = w0.saturating_add(a.max(b));
        *w1 = w1.saturating_add(a.min(b));
    }
    wall
}

/// The rule of the TZ string, or one mimicking the last type when there is none.
fn rule_after(vm: &Vm, tz_str: &Obj, ttinfos: &[TtInfo], trans_idx: &[usize]) -> PyResult<TzRule> {
    if !vm.is_none(tz_str) && vm.is_true(tz_str)? {
        let Some(s) = bytes::as_bytes_ref(tz_str) else {
            return Err(vm.type_error(format!("expected bytes, {} found", tz_str.class().name())));
        };
        let parsed =
            parse_tz_str(s).map_err(|e| vm.value_error(e.message(&vm.repr_string(tz_str).unwrap_or_default())))?;
        let std = ttinfo(vm, parsed.std_offset, 0, vm.new_str(&parsed.std_abbr))?;
        let dst = match parsed.dst {
            Some((abbr, off, start, end)) => {
                Some((ttinfo(vm, off, off - parsed.std_offset, vm.new_str(&abbr))?, start, end))
            }
            None => None,
        };
        return Ok(TzRule { std, dst });
    }
    if ttinfos.is_empty() {
        return Err(vm.value_error("No time zone information found."));
    }
    let idx = trans_idx.last().copied().unwrap_or(ttinfos.len() - 1);
    let t = &ttinfos[idx];
    let mut std = ttinfo(vm, t.utcoff_seconds, 0, t.tzname.clone())?;
    if vm.is_true(&t.dstoff)? {
        std.dstoff = t.dstoff.clone();
    }
    Ok(TzRule { std, dst: None })
}

/// `PyLong_AsLongLong`.
fn long_long(vm: &Vm, o: &Obj) -> PyResult<i64> {
    i64::try_from(vm.to_bigint(o)?).map_err(|_| vm.overflow_error("int too big to convert"))
}

/// `load_data`: read a TZif file through `zoneinfo._common.load_data`.
fn load_data(vm: &Vm, file: &Obj) -> PyResult<Zone> {
    let common = import::import_module(vm, "zoneinfo._common")?;
    let data = vm.call_method(&common, "load_data", std::slice::from_ref(file))?;
    if !data.class_obj().is(&vm.ctx.types.tuple) {
        // CPython's message, whose "%r" PyErr_Format leaves as it is.
        return Err(vm.type_error("Invalid data result type: %r"));
    }
    let parts = items_of(vm, &data)?;
    let (idx_list, utc_list) = (item(vm, &parts, 0)?, item(vm, &parts, 1)?);
    let (utcoff_list, isdst_list) = (item(vm, &parts, 2)?, item(vm, &parts, 3)?);
    let (abbr, tz_str) = (item(vm, &parts, 4)?, item(vm, &parts, 5)?);
    let utc_items = items_of(vm, &utc_list)?;
    let idx_items = items_of(vm, &idx_list)?;
    let utcoff_items = items_of(vm, &utcoff_list)?;
    let isdst_items = items_of(vm, &isdst_list)?;
    let abbr_items = items_of(vm, &abbr)?;
    let n_ttinfos = utcoff_items.len();
    let mut trans_utc = Vec::with_capacity(utc_items.len());
    let mut trans_idx = Vec::with_capacity(utc_items.len());
    for (i, t) in utc_items.iter().enumerate() {
        trans_utc.push(long_long(vm, t)?);
        let k = vm.to_i64(&item(vm, &idx_items, i)?)?;
        if k < 0 || k as usize >= n_ttinfos {
            // CPython lets an index equal to the count through (and reads past its
            // array); with no types at all that ends in its "no information" error.
            if k as usize == n_ttinfos && n_ttinfos == 0 && !vm.is_true(&tz_str)? {
                return Err(vm.value_error("No time zone information found."));
            }
            return Err(vm.value_error(format!("Invalid transition index found while reading TZif: {k}")));
        }
        trans_idx.push(k as usize);
    }
    let mut utcoff = Vec::with_capacity(n_ttinfos);
    let mut isdst = Vec::with_capacity(n_ttinfos);
    for (i, u) in utcoff_items.iter().enumerate() {
        utcoff.push(vm.to_i64(u)?);
        isdst.push(vm.is_true(&item(vm, &isdst_items, i)?)?);
    }
    let dstoff = utcoff_to_dstoff(&trans_idx, &utcoff, &isdst);
    let trans_wall = ts_to_local(&trans_idx, &trans_utc, &utcoff);
    let mut ttinfos = Vec::with_capacity(n_ttinfos);
    for (i, (&u, &d)) in utcoff.iter().zip(&dstoff).enumerate() {
        ttinfos.push(ttinfo(vm, u, d, item(vm, &abbr_items, i)?)?);
    }
    let before = isdst.iter().position(|d| !d).or(if n_ttinfos > 0 { Some(0) } else { None });
    let after = rule_after(vm, &tz_str, &ttinfos, &trans_idx)?;
    // Fixed offset: one type (or none) and a standard-only rule that agrees with it.
    let fixed_offset = if n_ttinfos > 1 || after.dst.is_some() {
        false
    } else if n_ttinfos == 0 {
        true
    } else {
        ttinfo_eq(vm, &ttinfos[0], &after.std)?
    };
    Ok(Zone { trans_utc, trans_wall, trans_idx, ttinfos, before, after, fixed_offset })
}

// ---- lookups -------------------------------------------------------------------------------

/// The fields a lookup needs from a datetime: local seconds since the epoch
/// (`get_local_timestamp`), fold and year.
fn local_timestamp(vm: &Vm, dt: &Obj) -> PyResult<(i64, bool, i64)> {
    let p = dt.payload::<Dt>();
    if let Some(p) = p.filter(|_| dt.class_obj().is(&datetime_type(vm))) {
        let ord = ymd_to_ord(p.year as i64, p.month as i64, p.day as i64);
        let secs = (p.hour * 3600 + p.minute * 60 + p.second) as i64;
        return Ok(((ord - EPOCH_ORDINAL) * 86400 + secs, p.fold != 0, p.year as i64));
    }
    // A subclass (or anything else): its own methods give the fields, as CPython's.
    let ord = vm.to_i64(&vm.call_method(dt, "toordinal", &[])?)? as i128;
    let hour = vm.to_i64(&vm.getattr_str(dt, "hour")?)? as i128;
    let minute = vm.to_i64(&vm.getattr_str(dt, "minute")?)? as i128;
    let second = vm.to_i64(&vm.getattr_str(dt, "second")?)? as i128;
    let ts = (ord - EPOCH_ORDINAL as i128) * 86400 + hour * 3600 + minute * 60 + second;
    let ts = i64::try_from(ts).map_err(|_| vm.overflow_error("Python int too large to convert to C long"))?;
    // Year and fold are read from the object's fields, as CPython's macros do; an
    // object that is no date has none (CPython would read unrelated memory).
    let Some(p) = p else {
        return Err(vm.type_error(format!("expected a datetime, not '{}'", dt.class().name())));
    };
    Ok((ts, p.fold != 0, p.year as i64))
}

/// `bisect_right`.
fn bisect(v: &[i64], x: i64) -> usize {
    v.partition_point(|&t| t <= x)
}

/// `find_tzrule_ttinfo`: the type the rule gives a local time.
fn rule_local(rule: &TzRule, ts: i64, fold: bool, year: i64) -> &TtInfo {
    match &rule.dst {
        None => &rule.std,
        Some((dst, start, end)) => {
            let diff = dst.utcoff_seconds - rule.std.utcoff_seconds;
            if is_dst_local(start, end, diff, ts, fold, year) {
                dst
            } else {
                &rule.std
            }
        }
    }
}

/// `find_ttinfo`: the type in force at a local datetime (None: `time.utcoffset()`).
fn find_ttinfo<'a>(vm: &Vm, z: &'a Zone, dt: &Obj) -> PyResult<Found<'a>> {
    if vm.is_none(dt) {
        return Ok(if z.fixed_offset { Some(&z.after.std) } else { None });
    }
    let (ts, fold, year) = local_timestamp(vm, dt)?;
    let wall = &z.trans_wall[fold as usize];
    let n = wall.len();
    if n > 0 && ts < wall[0] {
        return Ok(z.before.map(|i| &z.ttinfos[i]));
    }
    if n == 0 || ts > wall[n - 1] {
        return Ok(Some(rule_local(&z.after, ts, fold, year)));
    }
    let idx = bisect(wall, ts) - 1;
    Ok(Some(&z.ttinfos[z.trans_idx[idx]]))
}

fn lookup(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, pick: fn(&TtInfo) -> &Obj) -> PyResult<Obj> {
    let [dt] = args::exact::<1>(vm, name, a, k)?;
    let z = zi(vm, o)?;
    Ok(match find_ttinfo(vm, &z.zone, &dt)? {
        Some(t) => pick(t).clone(),
        None => vm.none(),
    })
}

/// The type and fold of a UTC timestamp past the last transition.
fn after_fromutc(z: &Zone, ts: i64, year: i64) -> (&TtInfo, bool) {
    let rule = &z.after;
    let (tti, mut fold) = match &rule.dst {
        None => (&rule.std, false),
        Some((dst, start, end)) => {
            let (isdst, fold) = is_dst_utc(start, end, rule.std.utcoff_seconds, dst.utcoff_seconds, ts, year);
            (if isdst { dst } else { &rule.std }, fold)
        }
    };
    // Just after the last listed transition the fold is between that transition's
    // type and the rule's, not between the rule's two types.
    let n = z.trans_utc.len();
    if n > 0 {
        let prev = if n == 1 { z.before.map(|i| &z.ttinfos[i]) } else { Some(&z.ttinfos[z.trans_idx[n - 2]]) };
        if let Some(prev) = prev {
            let diff = prev.utcoff_seconds.saturating_sub(tti.utcoff_seconds);
            if diff > 0 && ts < z.trans_utc[n - 1].saturating_add(diff) {
                fold = true;
            }
        }
    }
    (tti, fold)
}

/// `fromutc`: UTC to local time, with fold=1 for the second of two equal wall times.
fn zoneinfo_fromutc(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [dt] = args::exact::<1>(vm, "fromutc", a, k)?;
    if !is_datetime(vm, &dt) {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    }
    if !dt.payload::<Dt>().is_some_and(|p| p.tz(vm).is(o)) {
        return Err(vm.value_error("fromutc: dt.tzinfo is not self"));
    }
    let z = &zi(vm, o)?.zone;
    let (ts, _, year) = local_timestamp(vm, &dt)?;
    let n = z.trans_utc.len();
    let (tti, fold) = if n >= 1 && ts < z.trans_utc[0] {
        match z.before {
            Some(i) => (&z.ttinfos[i], false),
            None => return Err(vm.value_error("No time zone information found.")),
        }
    } else if n == 0 || ts > z.trans_utc[n - 1] {
        after_fromutc(z, ts, year)
    } else {
        let idx = bisect(&z.trans_utc, ts);
        let (prev, cur) = if idx >= 2 {
            (Some(&z.ttinfos[z.trans_idx[idx - 2]]), &z.ttinfos[z.trans_idx[idx - 1]])
        } else {
            (z.before.map(|i| &z.ttinfos[i]), &z.ttinfos[z.trans_idx[0]])
        };
        let prev_off = prev.map_or(cur.utcoff_seconds, |p| p.utcoff_seconds);
        let shift = prev_off.saturating_sub(cur.utcoff_seconds);
        (cur, shift > ts.saturating_sub(z.trans_utc[idx.max(1) - 1]))
    };
    let local = vm.binary_op(&dt, &tti.utcoff, taipan_vm::api::types::NbOp::Add)?;
    if !fold {
        return Ok(local);
    }
    let replace = vm.getattr_str(&local, "replace")?;
    let kwnames = vm.new_tuple(vec![vm.intern("fold")]);
    vm.call(&replace, &[vm.new_int(1)], Some(&kwnames))
}

// ---- caches --------------------------------------------------------------------------------

/// The weak cache of a class: the module's for ZoneInfo itself, `_weak_cache` for a subclass.
fn weak_cache(vm: &Vm, cls: &Obj) -> PyResult<Obj> {
    if cls.is(&zoneinfo_type(vm)) {
        return lazy(vm, WEAK_CACHE).ok_or_else(|| vm.system_error("_zoneinfo: no weak cache"));
    }
    vm.getattr_str(cls, "_weak_cache")
}

fn new_weak_cache(vm: &Vm) -> PyResult<Obj> {
    let weakref = import::import_module(vm, "weakref")?;
    vm.call_method(&weakref, "WeakValueDictionary", &[])
}

/// The strong cache: (key, zone) pairs, most recently used first.
fn strong_entries(vm: &Vm) -> Vec<Obj> {
    lazy(vm, STRONG_CACHE).and_then(|l| taipan_vm::api::list::items(&l)).unwrap_or_default()
}

fn set_strong_entries(vm: &Vm, entries: Vec<Obj>) {
    let old = vm.lazy_types.borrow_mut().insert(STRONG_CACHE, vm.new_list(entries));
    drop(old);
}

/// The position of `key` in the strong cache.
fn strong_find(vm: &Vm, entries: &[Obj], key: &Obj) -> PyResult<Option<usize>> {
    for (i, e) in entries.iter().enumerate() {
        let k = taipan_vm::api::tuple::items(e)[0].clone();
        if vm.eq(key, &k)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `zone_from_strong_cache`: a hit moves to the front (base class only).
fn strong_get(vm: &Vm, cls: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    if !cls.is(&zoneinfo_type(vm)) {
        return Ok(None);
    }
    let mut entries = strong_entries(vm);
    let Some(i) = strong_find(vm, &entries, key)? else { return Ok(None) };
    let e = entries.remove(i);
    let zone = taipan_vm::api::tuple::items(&e)[1].clone();
    entries.insert(0, e);
    set_strong_entries(vm, entries);
    Ok(Some(zone))
}

/// `update_strong_cache`: a new front entry; the least recently used beyond 8 go.
fn strong_put(vm: &Vm, cls: &Obj, key: &Obj, zone: &Obj) {
    if !cls.is(&zoneinfo_type(vm)) {
        return;
    }
    let mut entries = strong_entries(vm);
    entries.insert(0, vm.new_tuple(vec![key.clone(), zone.clone()]));
    entries.truncate(STRONG_CACHE_SIZE);
    set_strong_entries(vm, entries);
}

fn strong_eject(vm: &Vm, cls: &Obj, key: &Obj) -> PyResult<()> {
    if !cls.is(&zoneinfo_type(vm)) {
        return Ok(());
    }
    let mut entries = strong_entries(vm);
    if let Some(i) = strong_find(vm, &entries, key)? {
        entries.remove(i);
        set_strong_entries(vm, entries);
    }
    Ok(())
}

// ---- construction --------------------------------------------------------------------------

fn alloc_zone(vm: &Vm, cls: &Obj, key: Obj, file_repr: Option<Obj>, zone: Zone, source: u8) -> PyResult<Obj> {
    let payload = ZoneInfo { key, file_repr, zone, source: Cell::new(source) };
    alloc_instance(vm, cls, &zoneinfo_type(vm), payload)
}

/// Close a file, keeping an earlier error if there was one.
fn close_file<T>(vm: &Vm, file: &Obj, r: PyResult<T>) -> PyResult<T> {
    let closed = vm.call_method(file, "close", &[]);
    let v = r?;
    closed?;
    Ok(v)
}

/// `zoneinfo_new_instance`: find the file of `key` (or tzdata's resource) and load it.
fn new_instance(vm: &Vm, cls: &Obj, key: &Obj, source: u8) -> PyResult<Obj> {
    let tzpath = import::import_module(vm, "zoneinfo._tzpath")?;
    let path = vm.call_method(&tzpath, "find_tzfile", std::slice::from_ref(key))?;
    let file = if vm.is_none(&path) {
        let common = import::import_module(vm, "zoneinfo._common")?;
        vm.call_method(&common, "load_tzdata", std::slice::from_ref(key))?
    } else {
        let io = import::import_module(vm, "io")?;
        vm.call_method(&io, "open", &[path, vm.new_str("rb")])?
    };
    let zone = close_file(vm, &file, load_data(vm, &file))?;
    alloc_zone(vm, cls, key.clone(), None, zone, source)
}

/// `ZoneInfo(key)`: the strong cache, then the weak cache, then the file.
fn cached_zone(vm: &Vm, cls: &Obj, key: &Obj) -> PyResult<Obj> {
    if let Some(z) = strong_get(vm, cls, key)? {
        return Ok(z);
    }
    let weak = weak_cache(vm, cls)?;
    let mut inst = vm.call_method(&weak, "get", &[key.clone(), vm.none()])?;
    if vm.is_none(&inst) {
        let fresh = new_instance(vm, cls, key, SOURCE_CACHE)?;
        inst = vm.call_method(&weak, "setdefault", &[key.clone(), fresh])?;
        if let Some(p) = inst.payload::<ZoneInfo>() {
            p.source.set(SOURCE_CACHE);
        }
    }
    strong_put(vm, cls, key, &inst);
    Ok(inst)
}

/// `PyArg_ParseTupleAndKeywords` without a function name: `names[..posonly]`
/// positional-only, `names[kwonly..]` keyword-only, the first `required` required;
/// the errors say "function" as CPython's do.
fn getargs(
    vm: &Vm,
    a: &[Obj],
    k: Option<&Obj>,
    names: &[&str],
    (posonly, kwonly, required): (usize, usize, usize),
) -> PyResult<Vec<Option<Obj>>> {
    let kw = k.map(taipan_vm::api::tuple::items).unwrap_or(&[]);
    let nargs = a.len() - kw.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if a.len() > names.len() {
        let what = if nargs == 0 { "keyword " } else { "" };
        return Err(vm.type_error(format!(
            "function takes at most {} {what}argument{} ({} given)",
            names.len(),
            plural(names.len()),
            a.len()
        )));
    }
    if nargs > kwonly {
        if kwonly == 0 {
            return Err(vm.type_error("function takes no positional arguments"));
        }
        let how = if required.min(kwonly) < kwonly { "at most" } else { "exactly" };
        return Err(vm.type_error(format!(
            "function takes {how} {kwonly} positional argument{} ({nargs} given)",
            plural(kwonly)
        )));
    }
    let min_posonly = posonly.min(required);
    if nargs < min_posonly {
        let how = if min_posonly < kwonly { "at least" } else { "exactly" };
        return Err(vm.type_error(format!(
            "function takes {how} {min_posonly} positional argument{} ({nargs} given)",
            plural(min_posonly)
        )));
    }
    let mut out: Vec<Option<Obj>> = a[..nargs].iter().cloned().map(Some).collect();
    out.resize(names.len(), None);
    let mut used = 0;
    for (i, name) in names.iter().enumerate().skip(posonly) {
        let found = kw.iter().position(|n| taipan_vm::api::str::as_str(n) == Some(*name));
        if let Some(j) = found {
            if out[i].is_some() {
                return Err(
                    vm.type_error(format!("argument for function given by name ('{name}') and position ({})", i + 1))
                );
            }
            out[i] = Some(a[nargs + j].clone());
            used += 1;
        } else if i < required && out[i].is_none() {
            return Err(vm.type_error(format!("function missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    if used < kw.len() {
        for n in kw {
            let known = names[posonly..].iter().any(|x| taipan_vm::api::str::as_str(n) == Some(*x));
            if !known {
                let shown = vm.str_string(n)?;
                return Err(vm.type_error(format!("'{shown}' is an invalid keyword argument for this function")));
            }
        }
    }
    Ok(out)
}

fn zoneinfo_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = getargs(vm, a, k, &["key"], (0, 1, 1))?;
    let key = v[0].clone().unwrap_or_else(|| vm.none());
    cached_zone(vm, cls, &key)
}

fn zoneinfo_no_cache(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = getargs(vm, a, k, &["key"], (0, 1, 1))?;
    let key = v[0].clone().unwrap_or_else(|| vm.none());
    new_instance(vm, cls, &key, SOURCE_NOCACHE)
}

fn zoneinfo_from_file(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = getargs(vm, a, k, &["", "key"], (1, 2, 1))?;
    let file = v[0].clone().unwrap_or_else(|| vm.none());
    let key = v[1].clone().unwrap_or_else(|| vm.none());
    let file_repr = vm.repr(&file)?;
    let zone = load_data(vm, &file)?;
    alloc_zone(vm, cls, key, Some(file_repr), zone, SOURCE_FILE)
}

fn zoneinfo_clear_cache(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = getargs(vm, a, k, &["only_keys"], (0, 0, 0))?;
    let weak = weak_cache(vm, cls)?;
    match v[0].clone().filter(|o| !vm.is_none(o)) {
        None => {
            vm.call_method(&weak, "clear", &[])?;
            if cls.is(&zoneinfo_type(vm)) {
                set_strong_entries(vm, Vec::new());
            }
        }
        Some(keys) => {
            let it = vm.iter(&keys)?;
            while let Some(key) = vm.next(&it)? {
                strong_eject(vm, cls, &key)?;
                vm.call_method(&weak, "pop", &[key, vm.none()])?;
            }
        }
    }
    Ok(vm.none())
}

/// `__init_subclass__`: each subclass gets its own weak cache.
fn zoneinfo_init_subclass(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let cache = new_weak_cache(vm)?;
    vm.setattr_str(cls, "_weak_cache", &cache)?;
    Ok(vm.none())
}

// ---- repr and pickling ---------------------------------------------------------------------

fn type_name(o: &Obj) -> String {
    let t = o.class();
    if t.is_heap_type() {
        t.name().to_string()
    } else {
        ZONEINFO.to_string()
    }
}

fn zoneinfo_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let z = zi(vm, o)?;
    if !vm.is_none(&z.key) {
        return Ok(vm.new_str(&format!("{}(key={})", type_name(o), vm.repr_string(&z.key)?)));
    }
    let file = match &z.file_repr {
        Some(r) => vm.str_string(r)?,
        None => "None".to_string(),
    };
    Ok(vm.new_str(&format!("{}.from_file({file})", type_name(o))))
}

fn zoneinfo_str(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let z = zi(vm, o)?;
    if !vm.is_none(&z.key) {
        return Ok(z.key.clone());
    }
    zoneinfo_repr(vm, o)
}

/// `__reduce__`: by key (and whether it came from the cache); a zone read
/// from a file cannot be pickled.
fn zoneinfo_reduce(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "ZoneInfo.__reduce__", a, k)?;
    let z = zi(vm, o)?;
    if z.source.get() == SOURCE_FILE {
        let pickle = import::import_module(vm, "pickle")?;
        let err = vm.getattr_str(&pickle, "PicklingError")?;
        return Err(vm.new_exception_msg(&err, "Cannot pickle a ZoneInfo file from a file stream."));
    }
    let from_cache = (z.source.get() == SOURCE_CACHE) as i64;
    let ctor = vm.getattr_str(o, "_unpickle")?;
    Ok(vm.new_tuple(vec![ctor, vm.new_tuple(vec![z.key.clone(), vm.new_int(from_cache)])]))
}

/// `_unpickle(key, from_cache)`: through the cache or around it, as the zone was made.
fn zoneinfo_unpickle(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| !taipan_vm::api::tuple::items(k).is_empty()) {
        return Err(vm.type_error("_unpickle() takes no keyword arguments"));
    }
    if a.len() != 2 {
        return Err(vm.type_error(format!("function takes exactly 2 arguments ({} given)", a.len())));
    }
    let from_cache = unsigned_char(vm, &a[1])?;
    if from_cache != 0 {
        cached_zone(vm, cls, &a[0])
    } else {
        new_instance(vm, cls, &a[0], SOURCE_NOCACHE)
    }
}

/// `PyArg_Parse`'s "B": an int, masked to a byte without overflow checks.
fn unsigned_char(vm: &Vm, o: &Obj) -> PyResult<u8> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_bigint(o)?;
    let low = &v & num_bigint::BigInt::from(0xffu32);
    Ok(u8::try_from(low).unwrap_or(0))
}

fn key_getter(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(zi(vm, o)?.key.clone())
}

const fn doc(def: MethodDef, text: &'static str) -> MethodDef {
    MethodDef { doc: Some(text), ..def }
}

const METHODS: &[MethodDef] = &[
    doc(MethodDef::class("clear_cache", zoneinfo_clear_cache), "Clear the ZoneInfo cache."),
    doc(MethodDef::class("no_cache", zoneinfo_no_cache), "Get a new instance of ZoneInfo, bypassing the cache."),
    doc(MethodDef::class("from_file", zoneinfo_from_file), "Create a ZoneInfo file from a file object."),
    doc(
        MethodDef::method("utcoffset", |vm, o, a, k| lookup(vm, o, a, k, "utcoffset", |t| &t.utcoff)),
        "Retrieve a timedelta representing the UTC offset in a zone at the given datetime.",
    ),
    doc(
        MethodDef::method("dst", |vm, o, a, k| lookup(vm, o, a, k, "dst", |t| &t.dstoff)),
        "Retrieve a timedelta representing the amount of DST applied in a zone at the given datetime.",
    ),
    doc(
        MethodDef::method("tzname", |vm, o, a, k| lookup(vm, o, a, k, "tzname", |t| &t.tzname)),
        "Retrieve a string containing the abbreviation for the time zone that applies in a zone at a given datetime.",
    ),
    doc(
        MethodDef::method("fromutc", zoneinfo_fromutc),
        "Given a datetime with local time in UTC, retrieve an adjusted datetime in local time.",
    ),
    doc(MethodDef::method("__reduce__", zoneinfo_reduce), "Function for serialization with the pickle protocol."),
    doc(MethodDef::class("_unpickle", zoneinfo_unpickle), "Private method used in unpickling."),
    doc(MethodDef::class("__init_subclass__", zoneinfo_init_subclass), "Function to initialize subclasses."),
];

fn make_type(vm: &Vm) -> PyResult<Obj> {
    if let Some(t) = lazy(vm, ZONEINFO) {
        return Ok(t);
    }
    let base = tzinfo_type(vm);
    let spec = TypeSpec {
        name: ZONEINFO,
        base: Some(&base),
        flags: flags::BASETYPE,
        gc: true,
        dict: false,
        weakref: true,
        methods: METHODS,
        getsets: &[],
        doc: None,
    };
    let ty = new_type::<ZoneInfo>(vm, &spec, |s| {
        s.new.set(Some(zoneinfo_new));
        s.repr.set(Some(zoneinfo_repr));
        s.str.set(Some(zoneinfo_str));
    });
    // `key` is a read-only member, as CPython's T_OBJECT_EX READONLY.
    taipan_vm::api::types::add_readonly_members(vm, &ty, &[("key", key_getter, None)]);
    let weak = new_weak_cache(vm)?;
    let mut lt = vm.lazy_types.borrow_mut();
    lt.insert(ZONEINFO, ty.clone());
    lt.insert(WEAK_CACHE, weak);
    lt.insert(DELTA_CACHE, vm.new_dict());
    Ok(ty)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    // The tzinfo base class is _datetime's.
    import::import_module(vm, "_datetime")?;
    let ty = make_type(vm)?;
    let m = module::new_module(vm, "_zoneinfo");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("C implementation of the zoneinfo module"))?;
    dict::set_item_str(vm, &d, "ZoneInfo", ty)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dst_amounts_come_from_neighbours() {
        // LMT, EST, EDT, EWT: EDT follows EST (one hour), EWT is between two DST types.
        let utcoffs = [-17762, -18000, -14400, -14400];
        let isdst = [false, false, true, true];
        let trans = [1, 2, 1, 3, 2, 1];
        assert_eq!(utcoff_to_dstoff(&trans, &utcoffs, &isdst), vec![0, 0, 3600, 3600]);
        // A DST type never reached from a standard one defaults to one hour.
        assert_eq!(utcoff_to_dstoff(&[0, 1], &[0, 7200], &[false, true]), vec![0, 7200]);
        assert_eq!(utcoff_to_dstoff(&[1], &[0, 7200], &[false, true]), vec![0, 3600]);
    }

    #[test]
    fn wall_times_per_fold() {
        // Standard -5h, then DST -4h at t=1000, back at t=2000.
        let wall = ts_to_local(&[1, 0], &[1000, 2000], &[-18000, -14400]);
        assert_eq!(wall[0], vec![1000 - 14400, 2000 - 14400]);
        assert_eq!(wall[1], vec![1000 - 18000, 2000 - 18000]);
        assert_eq!(ts_to_local(&[], &[], &[0]), [vec![], vec![]]);
    }

    #[test]
    fn bisect_is_right() {
        assert_eq!(bisect(&[1, 2, 2, 3], 2), 3);
        assert_eq!(bisect(&[1, 2, 2, 3], 0), 0);
        assert_eq!(bisect(&[1, 2, 2, 3], 9), 4);
    }
}
