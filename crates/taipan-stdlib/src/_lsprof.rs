//! `_lsprof` (CPython's `Modules/_lsprof.c`): the profiler under
//! `cProfile`. `Profiler.enable()` installs a native profile hook (the VM's
//! `set_profile`, what `sys.getprofile()` then returns); each call and
//! return of a Python frame, and of a builtin function called from Python
//! code, starts or stops a timing context. Entries are keyed by code
//! object, or for builtins by their descriptive name
//! (`<built-in method builtins.len>`, `<method 'append' of 'list' objects>`).

use std::cell::RefCell;
use std::collections::HashMap;

use taipan_vm::api::profile::ProfileEvent;
use taipan_vm::api::types::{alloc_instance, flags, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{args, dict, float, int, module, str as pystr, Obj, PyPayload, PyResult, Vm};

use crate::structseq;

const PROFILER: &str = "_lsprof.Profiler";
const ENTRY: &str = "_lsprof.profiler_entry";
const SUBENTRY: &str = "_lsprof.profiler_subentry";

const PROFILER_DOC: &str = "Profiler(timer=None, timeunit=None, subcalls=True, builtins=True)\n\n    Builds a profiler object using the specified timer function.\n    The default timer is a fast built-in one based on real time.\n    For custom timer functions returning integers, timeunit can\n    be a float specifying a scale (i.e. how long each integer unit\n    is, in seconds).\n";

const ENTRY_DOCS: &[&str] = &[
    "code object or built-in function name",
    "how many times this was called",
    "how many times called recursively",
    "total time in this entry",
    "inline time in this entry (not in subcalls)",
    "details of the calls",
];
const SUBENTRY_DOCS: &[&str] = &[
    "called code object or built-in function name",
    "how many times this is called",
    "how many times this is called recursively",
    "total time spent in this call",
    "inline time (not in further subcalls)",
];
const ENTRY_FIELDS: &[&str] = &["code", "callcount", "reccallcount", "totaltime", "inlinetime", "calls"];
const SUBENTRY_FIELDS: &[&str] = &["code", "callcount", "reccallcount", "totaltime", "inlinetime"];

/// What identifies a profiled function: its code object (by address; the
/// entry keeps it alive) or a builtin's descriptive name.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Code(usize),
    Builtin(String),
}

/// Times and counts, for a function (`Entry`) or for the calls of one
/// function from another (in the caller's `calls`).
#[derive(Default)]
struct Counts {
    tt: i64,
    it: i64,
    callcount: i64,
    reccallcount: i64,
    recursion: i64,
}

impl Counts {
    /// One call ended after `tt`, `it` of it outside subcalls.
    fn stop(&mut self, tt: i64, it: i64) {
        self.recursion -= 1;
        if self.recursion == 0 {
            self.tt += tt;
        } else {
            self.reccallcount += 1;
        }
        self.it += it;
        self.callcount += 1;
    }
}

struct Entry {
    /// The code object or the builtin's name, as `getstats()` reports it.
    user: Obj,
    counts: Counts,
    /// The callee entries' indexes, with the counts of those calls.
    calls: Vec<(usize, Counts)>,
}

impl Entry {
    fn sub(&mut self, callee: usize) -> &mut Counts {
        let i = match self.calls.iter().position(|(c, _)| *c == callee) {
            Some(i) => i,
            None => {
                self.calls.push((callee, Counts::default()));
                self.calls.len() - 1
            }
        };
        &mut self.calls[i].1
    }
}

/// A call in progress.
struct Context {
    t0: i64,
    /// Time spent in its subcalls so far.
    subt: i64,
    entry: usize,
}

#[derive(Default)]
struct State {
    entries: Vec<Entry>,
    index: HashMap<Key, usize>,
    stack: Vec<Context>,
    subcalls: bool,
    builtins: bool,
    enabled: bool,
    timer: Option<Obj>,
    /// The external timer's unit in seconds (0: it returns float seconds).
    unit: f64,
}

struct Profiler {
    state: RefCell<State>,
}

impl PyPayload for Profiler {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        if let Ok(s) = self.state.try_borrow() {
            if let Some(t) = &s.timer {
                visit(t);
            }
            for e in &s.entries {
                visit(&e.user);
            }
        }
    }
    fn clear(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.timer = None;
            s.entries.clear();
            s.index.clear();
            s.stack.clear();
        }
    }
}

fn profiler<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Profiler> {
    taipan_vm::api::types::payload_or_err::<Profiler>(vm, o, PROFILER)
}

fn truth_flag(vm: &Vm, o: Option<&Obj>, default: bool) -> PyResult<bool> {
    match o {
        Some(v) => Ok(vm.index_value(v).map(|i| !matches!(i, int::IntValue::Small(0)))?),
        None => Ok(default),
    }
}

fn profiler_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let Some(ty) = crate::support::module_type(vm, PROFILER) else {
        return Err(vm.system_error("_lsprof.Profiler is not initialised"));
    };
    let p = Profiler { state: RefCell::new(State { subcalls: true, builtins: true, ..Default::default() }) };
    let o = alloc_instance(vm, cls, &ty, p)?;
    profiler_init(vm, &o, a, k)?;
    Ok(o)
}

fn profiler_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let v = args::parse(vm, "Profiler", a, k, &["timer", "timeunit", "subcalls", "builtins"], 0)?;
    let unit = match &v[1] {
        Some(u) => float_arg(vm, u)?,
        None => 0.0,
    };
    let subcalls = truth_flag(vm, v[2].as_ref(), true)?;
    let builtins = truth_flag(vm, v[3].as_ref(), true)?;
    let p = profiler(vm, o)?;
    let mut s = p.state.borrow_mut();
    s.timer = v[0].clone().filter(|t| !vm.is_none(t));
    s.unit = unit;
    s.subcalls = subcalls;
    s.builtins = builtins;
    Ok(())
}

fn float_arg(vm: &Vm, o: &Obj) -> PyResult<f64> {
    if let Some(f) = float::value(o) {
        return Ok(f);
    }
    let f = vm.call1(&vm.ctx.types.float, o.clone())?;
    float::value(&f).ok_or_else(|| vm.type_error("must be real number"))
}

// ---- the clock ------------------------------------------------------------------------

fn now(vm: &Vm, p: &Profiler) -> i64 {
    let (timer, unit) = {
        let s = p.state.borrow();
        (s.timer.clone(), s.unit)
    };
    let Some(timer) = timer else {
        return monotonic_ns();
    };
    match vm.call0(&timer).and_then(|r| timer_value(vm, &r, unit)) {
        Ok(t) => t,
        Err(e) => {
            crate::_sqlite3::util::write_unraisable(vm, &e, &timer);
            0
        }
    }
}

fn monotonic_ns() -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe {
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
    }
    ts.tv_sec.saturating_mul(1_000_000_000).saturating_add(ts.tv_nsec)
}

/// An external timer's result in the profiler's units: an int with an
/// explicit unit, else seconds (float or int) as nanoseconds.
fn timer_value(vm: &Vm, r: &Obj, unit: f64) -> PyResult<i64> {
    if unit > 0.0 {
        return match int::value(r) {
            Some(int::IntValue::Small(v)) => Ok(*v),
            Some(int::IntValue::Big(_)) => Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
            None => Err(vm.type_error(format!("expect int, got {}", r.class().name()))),
        };
    }
    if let Some(f) = float::value(r) {
        let ns = (f * 1e9).floor();
        if !ns.is_finite() || ns.abs() >= 9.2e18 {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        return Ok(ns as i64);
    }
    match vm.index_value(r)? {
        int::IntValue::Small(v) => v
            .checked_mul(1_000_000_000)
            .ok_or_else(|| vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
        int::IntValue::Big(_) => Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
    }
}

// ---- events -------------------------------------------------------------------------------

fn hook(vm: &Vm, obj: &Obj, event: ProfileEvent, target: &Obj, _arg: Option<&Obj>) -> PyResult<()> {
    let Some(p) = obj.payload::<Profiler>() else { return Ok(()) };
    match event {
        ProfileEvent::Call => enter(vm, p, Key::Code(target.id()), || Ok(target.clone())),
        ProfileEvent::Return => leave(vm, p, &Key::Code(target.id())),
        ProfileEvent::CCall | ProfileEvent::CReturn | ProfileEvent::CException => {
            if !p.state.borrow().builtins || !is_builtin_function(target) {
                return Ok(());
            }
            let name = match builtin_name(vm, target) {
                Ok(n) => n,
                // CPython drops the event when the name cannot be made.
                Err(_) => return Ok(()),
            };
            let key = Key::Builtin(name.clone());
            if event == ProfileEvent::CCall {
                enter(vm, p, key, || Ok(vm.new_str(&name)))
            } else {
                leave(vm, p, &key)
            }
        }
    }
}

fn is_builtin_function(o: &Obj) -> bool {
    o.class().name() == "builtin_function_or_method"
}

/// A builtin's name in the statistics (CPython's `normalizeUserObj`): a
/// bound method is named by its type's attribute (`<method 'append' of
/// 'list' objects>`), a module function by its module.
fn builtin_name(vm: &Vm, f: &Obj) -> PyResult<String> {
    let name_obj = vm.getattr_str(f, "__name__")?;
    let name = pystr::as_str(&name_obj).unwrap_or("?").to_string();
    let self_ = vm.getattr_str(f, "__self__")?;
    let module = vm.getattr_str(f, "__module__").ok().filter(|m| pystr::as_str(m).is_some());
    if vm.is_none(&self_) {
        return Ok(match module.as_ref().and_then(|m| pystr::as_str(m)) {
            Some(m) if m != "builtins" => format!("<{m}.{name}>"),
            _ => format!("<{name}>"),
        });
    }
    if let Some(attr) = type_lookup(vm, &self_.class_obj(), &name) {
        if let Ok(r) = vm.repr_string(&attr) {
            return Ok(r);
        }
    }
    Ok(match module.as_ref().and_then(|m| pystr::as_str(m)) {
        Some(m) => format!("<built-in method {m}.{name}>"),
        None => format!("<built-in method {name}>"),
    })
}

/// `name` in the namespaces of `ty`'s MRO, without descriptors
/// (`_PyType_Lookup`).
fn type_lookup(vm: &Vm, ty: &Obj, name: &str) -> Option<Obj> {
    let mro = ty.payload::<TypeObject>()?.mro_opt()?;
    taipan_vm::api::tuple::items(&mro)
        .iter()
        .find_map(|b| b.payload::<TypeObject>().and_then(|t| dict::get_item_str(vm, &t.dict(), name)))
}

/// A call of `key` starts (CPython's `ptrace_enter_call`).
fn enter(vm: &Vm, p: &Profiler, key: Key, user: impl FnOnce() -> PyResult<Obj>) -> PyResult<()> {
    let depth = {
        let mut s = p.state.borrow_mut();
        let entry = match s.index.get(&key) {
            Some(&i) => i,
            None => {
                let user = user()?;
                s.entries.push(Entry { user, counts: Counts::default(), calls: Vec::new() });
                let i = s.entries.len() - 1;
                s.index.insert(key, i);
                i
            }
        };
        s.entries[entry].counts.recursion += 1;
        if s.subcalls {
            if let Some(caller) = s.stack.last().map(|c| c.entry) {
                s.entries[caller].sub(entry).recursion += 1;
            }
        }
        s.stack.push(Context { t0: 0, subt: 0, entry });
        s.stack.len()
    };
    let t0 = now(vm, p);
    // The timer may have cleared the profiler meanwhile.
    let mut s = p.state.borrow_mut();
    if s.stack.len() == depth {
        if let Some(c) = s.stack.last_mut() {
            c.t0 = t0;
        }
    }
    Ok(())
}

/// A call of `key` ends (CPython's `ptrace_leave_call`): a return whose
/// call the profiler did not see (it was enabled inside) ends nothing.
fn leave(vm: &Vm, p: &Profiler, key: &Key) -> PyResult<()> {
    if p.state.borrow().stack.is_empty() {
        return Ok(());
    }
    let t = now(vm, p);
    let mut s = p.state.borrow_mut();
    let known = s.index.contains_key(key);
    let Some(ctx) = s.stack.pop() else { return Ok(()) };
    if known {
        stop(&mut s, ctx, t);
    }
    Ok(())
}

/// Charge the time of the finished call `ctx` (CPython's `Stop`).
fn stop(s: &mut State, ctx: Context, t: i64) {
    let tt = t.wrapping_sub(ctx.t0);
    let it = tt.wrapping_sub(ctx.subt);
    let caller = s.stack.last().map(|c| c.entry);
    if let Some(c) = s.stack.last_mut() {
        c.subt = c.subt.wrapping_add(tt);
    }
    let Some(e) = s.entries.get_mut(ctx.entry) else { return };
    e.counts.stop(tt, it);
    if s.subcalls {
        if let Some(caller) = caller {
            if let Some(ce) = s.entries.get_mut(caller) {
                ce.sub(ctx.entry).stop(tt, it);
            }
        }
    }
}

/// End every call still open (at `disable()`), charging them until now.
fn flush_unmatched(vm: &Vm, p: &Profiler) {
    loop {
        if p.state.borrow().stack.is_empty() {
            return;
        }
        let t = now(vm, p);
        let mut s = p.state.borrow_mut();
        let Some(ctx) = s.stack.pop() else { return };
        stop(&mut s, ctx, t);
    }
}

// ---- methods ------------------------------------------------------------------------------

fn profiler_enable(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "enable", a, k, &["subcalls", "builtins"], 0)?;
    let p = profiler(vm, o)?;
    {
        let mut s = p.state.borrow_mut();
        if let Some(x) = &v[0] {
            s.subcalls = truth_flag(vm, Some(x), true)?;
        }
        if let Some(x) = &v[1] {
            s.builtins = truth_flag(vm, Some(x), true)?;
        }
        s.enabled = true;
    }
    vm.set_profile(Some((hook, o.clone())));
    Ok(vm.none())
}

fn profiler_disable(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "disable", a, k)?;
    let p = profiler(vm, o)?;
    p.state.borrow_mut().enabled = false;
    vm.set_profile(None);
    flush_unmatched(vm, p);
    Ok(vm.none())
}

fn profiler_clear(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "clear", a, k)?;
    let p = profiler(vm, o)?;
    let (entries, stack) = {
        let mut s = p.state.borrow_mut();
        s.index.clear();
        (std::mem::take(&mut s.entries), std::mem::take(&mut s.stack))
    };
    // Dropped outside the borrow: freeing a code object runs no Python,
    // but a finalizer elsewhere might.
    drop(entries);
    drop(stack);
    Ok(vm.none())
}

fn profiler_getstats(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "getstats", a, k)?;
    let p = profiler(vm, o)?;
    let entry_ty = structseq::get_type(vm, ENTRY)?;
    let sub_ty = structseq::get_type(vm, SUBENTRY)?;
    // Snapshot first: building the result runs Python code (struct sequences).
    let rows: Vec<StatsRow> = {
        let s = p.state.borrow();
        s.entries
            .iter()
            .filter(|e| e.counts.callcount != 0)
            .map(|e| {
                let calls = e.calls.iter().map(|(c, n)| (s.entries[*c].user.clone(), counts_row(n))).collect();
                (e.user.clone(), counts_row(&e.counts), calls)
            })
            .collect()
    };
    let factor = {
        let s = p.state.borrow();
        if s.timer.is_none() || s.unit == 0.0 {
            1e-9
        } else {
            s.unit
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for (user, c, calls) in rows {
        let calls_obj = if calls.is_empty() {
            vm.none()
        } else {
            let mut subs = Vec::with_capacity(calls.len());
            for (cu, sc) in calls {
                subs.push(structseq::new(vm, &sub_ty, stats_values(vm, cu, sc, factor))?);
            }
            vm.new_list(subs)
        };
        let mut vals = stats_values(vm, user, c, factor);
        vals.push(calls_obj);
        out.push(structseq::new(vm, &entry_ty, vals)?);
    }
    Ok(vm.new_list(out))
}

/// An entry's name and counts, with its subcalls' (for `getstats()`).
type StatsRow = (Obj, [i64; 4], Vec<(Obj, [i64; 4])>);

fn counts_row(c: &Counts) -> [i64; 4] {
    [c.callcount, c.reccallcount, c.tt, c.it]
}

fn stats_values(vm: &Vm, user: Obj, c: [i64; 4], factor: f64) -> Vec<Obj> {
    vec![
        user,
        vm.new_int(c[0]),
        vm.new_int(c[1]),
        vm.new_float(c[2] as f64 * factor),
        vm.new_float(c[3] as f64 * factor),
    ]
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("enable", profiler_enable),
    MethodDef::method("disable", profiler_disable),
    MethodDef::method("clear", profiler_clear),
    MethodDef::method("getstats", profiler_getstats),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let ty = match crate::support::module_type(vm, PROFILER) {
        Some(t) => t,
        None => {
            let spec = TypeSpec {
                name: PROFILER,
                flags: flags::BASETYPE,
                gc: true,
                methods: METHODS,
                doc: Some(PROFILER_DOC),
                ..Default::default()
            };
            let t = taipan_vm::api::types::new_type::<Profiler>(vm, &spec, |s| s.new.set(Some(profiler_new)));
            crate::support::register_type(vm, PROFILER, &t);
            t
        }
    };
    let m = module::new_module(vm, "_lsprof");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Fast profiler"))?;
    dict::set_item_str(vm, &d, "Profiler", ty)?;
    let entry = structseq::new_type_with_docs(vm, ENTRY, ENTRY_FIELDS, ENTRY_DOCS, 6, 0, "")?;
    let subentry = structseq::new_type_with_docs(vm, SUBENTRY, SUBENTRY_FIELDS, SUBENTRY_DOCS, 5, 0, "")?;
    dict::set_item_str(vm, &d, "profiler_entry", entry)?;
    dict::set_item_str(vm, &d, "profiler_subentry", subentry)?;
    Ok(m)
}
