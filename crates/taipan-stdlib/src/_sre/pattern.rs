//! `re.Pattern` (CPython's `PatternObject` and `_sre.compile`): the code,
//! the group tables, and the methods that run the matcher.

use taipan_vm::api::types::{
    alloc_instance, new_generic_alias, new_type, payload_or_err, CompareOp, GetSetDef, MethodDef, TypeSpec,
};
use taipan_vm::api::{args, buffer, bytes, dict, int, list, str as pystr, tuple, Obj, PyPayload, PyResult, Vm};

use super::constants::{FLAG_ASCII, FLAG_LOCALE, FLAG_NAMES, FLAG_UNICODE};
use super::index::CodeIndex;
use super::subject::{slice, with_matcher, Run, Subject};
use super::{match_, scanner, sre_type, ssize, validate};

pub(crate) const PATTERN_TYPE: &str = "re.Pattern";

pub(crate) struct Pattern {
    pub(crate) pattern: Obj,
    pub(crate) flags: i64,
    pub(crate) code: Box<[u32]>,
    /// Capturing groups (not counting group 0).
    pub(crate) groups: usize,
    /// `{name: index}`, or None when the pattern names no group.
    pub(crate) groupindex: Option<Obj>,
    /// `(None, name1, ...)` by index, or None.
    pub(crate) indexgroup: Option<Obj>,
    /// None for a pattern made from `None` (takes str and bytes).
    pub(crate) isbytes: Option<bool>,
    /// The code's set bitmaps and branch tables.
    pub(crate) index: CodeIndex,
    /// `re.Match`, looked up once rather than per match.
    pub(crate) match_type: Obj,
}

impl PyPayload for Pattern {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.pattern);
        if let Some(g) = &self.groupindex {
            visit(g);
        }
        if let Some(g) = &self.indexgroup {
            visit(g);
        }
        visit(&self.match_type);
    }
}

pub(crate) fn make_types(vm: &Vm) {
    if vm.lazy_types.borrow().contains_key(PATTERN_TYPE) {
        return;
    }
    let spec = TypeSpec {
        name: PATTERN_TYPE,
        gc: true,
        weakref: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("Compiled regular expression object."),
        ..Default::default()
    };
    let ty = new_type::<Pattern>(vm, &spec, |s| {
        s.new.set(Some(|vm, _, _, _| Err(vm.type_error("cannot create 're.Pattern' instances"))));
        s.repr.set(Some(pattern_repr));
        s.hash.set(Some(pattern_hash));
        s.richcompare.set(Some(pattern_richcompare));
    });
    vm.lazy_types.borrow_mut().insert(PATTERN_TYPE, ty);
    match_::make_type(vm);
    scanner::make_type(vm);
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("match", |vm, o, a, k| pattern_match(vm, o, a, k, "match", Mode::Match)),
    MethodDef::method("fullmatch", |vm, o, a, k| pattern_match(vm, o, a, k, "fullmatch", Mode::FullMatch)),
    MethodDef::method("search", |vm, o, a, k| pattern_match(vm, o, a, k, "search", Mode::Search)),
    MethodDef::method("sub", |vm, o, a, k| pattern_sub(vm, o, a, k, "sub", false)),
    MethodDef::method("subn", |vm, o, a, k| pattern_sub(vm, o, a, k, "subn", true)),
    MethodDef::method("split", pattern_split),
    MethodDef::method("findall", pattern_findall),
    MethodDef::method("finditer", pattern_finditer),
    MethodDef::method("scanner", |vm, o, a, k| {
        let (string, pos, endpos) = string_pos_args(vm, "scanner", a, k)?;
        scanner::new_scanner(vm, o, &string, pos, endpos)
    }),
    MethodDef::method("__copy__", |vm, o, a, k| {
        args::exact::<0>(vm, "__copy__", a, k)?;
        Ok(o.clone())
    }),
    MethodDef::method("__deepcopy__", |vm, o, a, k| {
        args::exact::<1>(vm, "__deepcopy__", a, k)?;
        Ok(o.clone())
    }),
    MethodDef::class("__class_getitem__", |vm, cls, a, k| {
        let [item] = args::exact::<1>(vm, "__class_getitem__", a, k)?;
        Ok(new_generic_alias(vm, cls.clone(), item))
    }),
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("pattern", |vm, o| Ok(pat(vm, o)?.pattern.clone()), None),
    GetSetDef::new("flags", |vm, o| Ok(vm.new_int(pat(vm, o)?.flags)), None),
    GetSetDef::new("groups", |vm, o| Ok(vm.new_usize(pat(vm, o)?.groups)), None),
    GetSetDef::new("groupindex", pattern_groupindex, None),
];

pub(crate) fn pat<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Pattern> {
    payload_or_err::<Pattern>(vm, o, PATTERN_TYPE)
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub(crate) fn compile(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let names = ["pattern", "flags", "code", "groups", "groupindex", "indexgroup"];
    let v = args::parse(vm, "compile", a, k, &names, 6)?;
    let [Some(pattern), Some(flags), Some(code), Some(groups), Some(groupindex), Some(indexgroup)] =
        [&v[0], &v[1], &v[2], &v[3], &v[4], &v[5]]
    else {
        return Err(vm.type_error("compile() missing required argument"));
    };
    let flags = int_flags(vm, flags)?;
    if !list::is_list(code) {
        return Err(arg_type_error(vm, "code", "list", code));
    }
    let items: Vec<Obj> = (0..list::len(code)).filter_map(|i| list::get(code, i)).collect();
    let groups = ssize(vm, Some(groups), 0)?;
    if dict::data(groupindex).is_none() {
        return Err(arg_type_error(vm, "groupindex", "dict", groupindex));
    }
    if !vm.isinstance_type(indexgroup, &vm.ctx.types.tuple) {
        return Err(arg_type_error(vm, "indexgroup", "tuple", indexgroup));
    }
    let code = code_words(vm, &items)?;
    let isbytes = if vm.is_none(pattern) { None } else { Some(Subject::of(vm, pattern)?.isbytes) };
    let sites = if groups < 0 { None } else { validate::check(&code, groups as usize) };
    let Some(sites) = sites else {
        return Err(vm.runtime_error("invalid SRE code"));
    };
    let index = CodeIndex::build(&code, &sites);
    let named = dict::len(groupindex) > 0;
    let p = Pattern {
        pattern: pattern.clone(),
        flags,
        code: code.into_boxed_slice(),
        groups: groups as usize,
        groupindex: named.then(|| groupindex.clone()),
        indexgroup: (named && tuple::len(indexgroup) > 0).then(|| indexgroup.clone()),
        isbytes,
        index,
        match_type: sre_type(vm, match_::MATCH_TYPE),
    };
    alloc_instance(vm, &sre_type(vm, PATTERN_TYPE), &sre_type(vm, PATTERN_TYPE), p)
}

fn arg_type_error(vm: &Vm, name: &str, want: &str, got: &Obj) -> taipan_vm::api::PyErr {
    vm.type_error(format!("compile() argument '{name}' must be {want}, not {}", got.class().name()))
}

/// The `flags: int` argument (a C int).
fn int_flags(vm: &Vm, o: &Obj) -> PyResult<i64> {
    Ok(super::c_int(vm, o)? as i64)
}

/// The code list as words, with the errors of CPython's
/// `PyLong_AsUnsignedLong` and its check that a word fits 32 bits.
fn code_words(vm: &Vm, items: &[Obj]) -> PyResult<Vec<u32>> {
    let mut code = vm.try_vec::<u32>(items.len())?;
    for o in items {
        let Some(v) = int::value(o) else {
            return Err(vm.type_error("an integer is required"));
        };
        if v.is_negative() {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        let Some(v) = v.as_i64() else {
            return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
        };
        match u32::try_from(v) {
            Ok(w) => code.push(w),
            Err(_) => return Err(vm.overflow_error("regular expression code size limit exceeded")),
        }
    }
    Ok(code)
}

fn pattern_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let p = pat(vm, o)?;
    let mut flags = p.flags;
    if p.isbytes == Some(false) && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
        flags &= !FLAG_UNICODE;
    }
    let mut items: Vec<String> = Vec::new();
    for &(name, bit) in FLAG_NAMES {
        if flags & bit != 0 {
            items.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        items.push(format!("0x{:x}", flags as i32));
    }
    let r: String = vm.repr_string(&p.pattern)?.chars().take(200).collect();
    Ok(vm.new_str_from_string(if items.is_empty() {
        format!("re.compile({r})")
    } else {
        format!("re.compile({r}, {})", items.join("|"))
    }))
}

fn pattern_hash(vm: &Vm, o: &Obj) -> PyResult<i64> {
    let p = pat(vm, o)?;
    let mut h = vm.hash(&p.pattern)?;
    let code_bytes: Vec<u8> = p.code.iter().flat_map(|w| w.to_ne_bytes()).collect();
    h ^= vm.hash(&vm.new_bytes(code_bytes))?;
    h ^= p.flags;
    h ^= match p.isbytes {
        Some(true) => 1,
        Some(false) => 0,
        None => -1,
    };
    h ^= p.code.len() as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn pattern_richcompare(vm: &Vm, a: &Obj, b: &Obj, op: CompareOp) -> PyResult<Obj> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented());
    }
    let (Some(l), Some(r)) = (a.payload::<Pattern>(), b.payload::<Pattern>()) else {
        return Ok(vm.not_implemented());
    };
    let mut eq = a.is(b);
    if !eq {
        eq = l.flags == r.flags && l.isbytes == r.isbytes && l.code == r.code;
        if eq {
            let (lp, rp) = (l.pattern.clone(), r.pattern.clone());
            eq = vm.rich_compare_bool(&lp, &rp, CompareOp::Eq)?;
        }
    }
    Ok(vm.bool_obj(if op == CompareOp::Eq { eq } else { !eq }))
}

fn pattern_groupindex(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let p = pat(vm, o)?;
    let d = match &p.groupindex {
        Some(g) => g.clone(),
        None => vm.new_dict(),
    };
    let proxy_type = vm.getattr_str(&vm.ctx.types.type_, "__dict__")?.class_obj();
    vm.call(&proxy_type, &[d], None)
}

/// `string, pos=0, endpos=sys.maxsize` of match/search/findall/...
fn string_pos_args(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<(Obj, isize, isize)> {
    // The common call: positional arguments only (tokenize matches with
    // `pattern.match(line, pos)` at every token).
    if k.is_none_or(|k| tuple::len(k) == 0) && (1..=3).contains(&a.len()) {
        let pos = ssize(vm, a.get(1), 0)?;
        let endpos = ssize(vm, a.get(2), isize::MAX)?;
        return Ok((a[0].clone(), pos, endpos));
    }
    let v = args::parse(vm, name, a, k, &["string", "pos", "endpos"], 1)?;
    let string = v[0].clone().unwrap_or_else(|| vm.none());
    let pos = ssize(vm, v[1].as_ref(), 0)?;
    let endpos = ssize(vm, v[2].as_ref(), isize::MAX)?;
    Ok((string, pos, endpos))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Match,
    FullMatch,
    Search,
}

fn pattern_match(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, mode: Mode) -> PyResult<Obj> {
    let (string, pos, endpos) = string_pos_args(vm, name, a, k)?;
    let p = pat(vm, o)?;
    let subject = Subject::new(vm, &string, p.isbytes)?;
    let (pos, endpos) = subject.bounds(pos, endpos);
    with_matcher(vm, &subject, pos, endpos, p, |run| {
        let found = match mode {
            Mode::Search => run.search(vm, &p.code)?,
            Mode::Match => run.matches(vm, &p.code)?,
            Mode::FullMatch => {
                run.m.set_match_all(true);
                run.matches(vm, &p.code)?
            }
        };
        if !found {
            return Ok(vm.none());
        }
        match_::new_match(vm, o, &subject, run, pos, endpos)
    })
}

fn pattern_findall(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (string, pos, endpos) = string_pos_args(vm, "findall", a, k)?;
    let p = pat(vm, o)?;
    let subject = Subject::new(vm, &string, p.isbytes)?;
    let (pos, endpos) = subject.bounds(pos, endpos);
    let mut out = Vec::new();
    with_matcher(vm, &subject, pos, endpos, p, |run| {
        let mut start = pos;
        while start <= endpos {
            run.m.set_start(start);
            if !run.search(vm, &p.code)? {
                break;
            }
            let item = match p.groups {
                0 => slice(vm, &string, run.m.start(), run.m.ptr())?,
                1 => group_or_empty(vm, &string, run, 1)?,
                n => {
                    let mut t = Vec::with_capacity(n);
                    for g in 1..=n {
                        t.push(group_or_empty(vm, &string, run, g)?);
                    }
                    vm.new_tuple(t)
                }
            };
            out.push(item);
            start = advance(run);
        }
        Ok(())
    })?;
    Ok(vm.new_list(out))
}

/// The next search starts where the match ended, and must not find an
/// empty match there if this one was empty (CPython 3.7+).
fn advance(run: &mut Run) -> usize {
    let (start, ptr) = (run.m.start(), run.m.ptr());
    run.m.set_must_advance(ptr == start);
    ptr
}

/// Group `g`'s text, or an empty string if it did not match.
fn group_or_empty(vm: &Vm, string: &Obj, run: &Run, g: usize) -> PyResult<Obj> {
    let (i, j) = run.m.group_span(g).unwrap_or((0, 0));
    slice(vm, string, i, j)
}

fn pattern_finditer(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (string, pos, endpos) = string_pos_args(vm, "finditer", a, k)?;
    let sc = scanner::new_scanner(vm, o, &string, pos, endpos)?;
    let search = vm.getattr_str(&sc, "search")?;
    let iter =
        dict::get_item_str(vm, &vm.builtins_dict(), "iter").ok_or_else(|| vm.runtime_error("lost builtins.iter"))?;
    vm.call(&iter, &[search, vm.none()], None)
}

fn pattern_split(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "split", a, k, &["string", "maxsplit"], 1)?;
    let string = v[0].clone().unwrap_or_else(|| vm.none());
    let maxsplit = ssize(vm, v[1].as_ref(), 0)?;
    let p = pat(vm, o)?;
    let subject = Subject::new(vm, &string, p.isbytes)?;
    let (_, endpos) = subject.bounds(0, isize::MAX);
    let mut out = Vec::new();
    with_matcher(vm, &subject, 0, endpos, p, |run| {
        let mut n = 0;
        let mut last = 0;
        let mut start = 0;
        while maxsplit == 0 || n < maxsplit {
            run.m.set_start(start);
            if !run.search(vm, &p.code)? {
                break;
            }
            let (b, e) = (run.m.start(), run.m.ptr());
            out.push(slice(vm, &string, last, b)?);
            for g in 1..=p.groups {
                out.push(match run.m.group_span(g) {
                    Some((i, j)) => slice(vm, &string, i, j)?,
                    None => vm.none(),
                });
            }
            n += 1;
            last = e;
            start = advance(run);
        }
        out.push(slice(vm, &string, last, endpos)?);
        Ok(())
    })?;
    Ok(vm.new_list(out))
}

/// What replaces each match in `sub`.
enum Filter {
    Literal(Obj),
    Callable(Obj),
}

/// Is `t` a str or bytes-like template without a backslash (used as is)?
fn is_literal_template(vm: &Vm, t: &Obj) -> bool {
    if let Some(d) = pystr::data(t) {
        return !d.code_points().any(|c| c == '\\' as u32);
    }
    if let Some(b) = bytes::as_bytes_ref(t) {
        return !b.contains(&b'\\');
    }
    if buffer::is_bytes_like(t) {
        return buffer::with_bytes(vm, t, |b| !b.contains(&b'\\')).unwrap_or(false);
    }
    false
}

fn make_filter(vm: &Vm, o: &Obj, repl: &Obj) -> PyResult<Filter> {
    if vm.is_callable(repl) {
        return Ok(Filter::Callable(repl.clone()));
    }
    if is_literal_template(vm, repl) {
        return Ok(Filter::Literal(repl.clone()));
    }
    let re = taipan_vm::api::import::import_module(vm, "re")?;
    let subx = vm.getattr_str(&re, "_subx")?;
    let f = vm.call(&subx, &[o.clone(), repl.clone()], None)?;
    Ok(if vm.is_callable(&f) { Filter::Callable(f) } else { Filter::Literal(f) })
}

fn pattern_sub(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>, name: &str, subn: bool) -> PyResult<Obj> {
    let v = args::parse(vm, name, a, k, &["repl", "string", "count"], 2)?;
    let (Some(repl), Some(string)) = (v[0].clone(), v[1].clone()) else {
        return Err(vm.type_error(format!("{name}() missing required argument")));
    };
    let count = ssize(vm, v[2].as_ref(), 0)?;
    let filter = make_filter(vm, o, &repl)?;
    let p = pat(vm, o)?;
    let subject = Subject::new(vm, &string, p.isbytes)?;
    let (_, endpos) = subject.bounds(0, isize::MAX);
    let mut pieces = Vec::new();
    let n = with_matcher(vm, &subject, 0, endpos, p, |run| {
        let (mut n, mut i, mut start) = (0isize, 0usize, 0usize);
        while count == 0 || n < count {
            run.m.set_start(start);
            if !run.search(vm, &p.code)? {
                break;
            }
            let (b, e) = (run.m.start(), run.m.ptr());
            if i < b {
                pieces.push(slice(vm, &string, i, b)?);
            }
            let item = match &filter {
                Filter::Callable(f) => {
                    let m = match_::new_match(vm, o, &subject, run, 0, endpos)?;
                    vm.call(f, &[m], None)?
                }
                Filter::Literal(l) => l.clone(),
            };
            if !vm.is_none(&item) {
                pieces.push(item);
            }
            i = e;
            n += 1;
            start = advance(run);
        }
        if i < endpos {
            pieces.push(slice(vm, &string, i, endpos)?);
        }
        Ok(n)
    })?;
    let joiner = slice(vm, &string, 0, 0)?;
    let joined = if pieces.is_empty() { joiner } else { vm.call_method(&joiner, "join", &[vm.new_list(pieces)])? };
    Ok(if subn { vm.new_tuple(vec![joined, vm.new_int(n as i64)]) } else { joined })
}
