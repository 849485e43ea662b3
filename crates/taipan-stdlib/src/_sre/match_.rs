//! `re.Match` (CPython's `MatchObject`): the spans of one match, and the
//! groups read back from the subject.

use taipan_vm::api::types::{
    alloc_instance, new_generic_alias, new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec,
};
use taipan_vm::api::{args, dict, int, Obj, PyPayload, PyResult, Vm};

use super::no_kwargs;
use super::pattern::{pat, Pattern};
use super::sre::NULL;
use super::subject::{slice, Run, Subject};

pub(crate) const MATCH_TYPE: &str = "re.Match";

pub(crate) struct Match {
    string: Obj,
    pattern: Obj,
    /// The span of the whole match.
    span0: (isize, isize),
    /// The matcher's marks (group `g`'s span at `2g - 2` and `2g - 1`),
    /// read when a group is asked for: most matches are asked for few.
    marks: Box<[usize]>,
    /// Capturing groups (not counting group 0).
    groups: usize,
    pos: usize,
    endpos: usize,
    lastindex: isize,
}

impl PyPayload for Match {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.string);
        visit(&self.pattern);
    }
}

pub(crate) fn make_type(vm: &Vm) {
    let spec = TypeSpec {
        name: MATCH_TYPE,
        gc: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some("The result of re.match() and re.search().\nMatch objects always have a boolean value of True."),
        ..Default::default()
    };
    let ty = new_type::<Match>(vm, &spec, |s| {
        s.new.set(Some(|vm, _, _, _| Err(vm.type_error("cannot create 're.Match' instances"))));
        s.repr.set(Some(match_repr));
        s.mp_subscript.set(Some(|vm, o, key| {
            let m = mat(vm, o)?;
            group_value(vm, m, key, None)
        }));
    });
    vm.lazy_types.borrow_mut().insert(MATCH_TYPE, ty);
}

/// A match object for the last successful run (`pattern_new_match`).
pub(crate) fn new_match(
    vm: &Vm,
    pattern: &Obj,
    subject: &Subject,
    run: &Run,
    pos: usize,
    endpos: usize,
) -> PyResult<Obj> {
    let p = pat(vm, pattern)?;
    let (groups, ty) = (p.groups, p.match_type.clone());
    let set = run.m.set_marks();
    let mut marks = vm.try_vec(set.len())?;
    marks.extend_from_slice(set);
    let m = Match {
        string: subject.obj.clone(),
        pattern: pattern.clone(),
        span0: (run.m.start() as isize, run.m.ptr() as isize),
        marks: marks.into_boxed_slice(),
        groups,
        pos,
        endpos,
        lastindex: run.m.lastindex(),
    };
    alloc_instance(vm, &ty, &ty, m)
}

impl Match {
    /// (start, end) of group `g` (0: the whole match); (-1, -1) when it
    /// did not match.
    fn span(&self, g: usize) -> (isize, isize) {
        if g == 0 {
            return self.span0;
        }
        let j = 2 * (g - 1);
        match (self.marks.get(j), self.marks.get(j + 1)) {
            (Some(&a), Some(&b)) if a != NULL && b != NULL && a <= b => (a as isize, b as isize),
            _ => (-1, -1),
        }
    }
}

fn mat<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Match> {
    payload_or_err::<Match>(vm, o, MATCH_TYPE)
}

fn pattern_of<'a>(vm: &Vm, m: &'a Match) -> PyResult<&'a Pattern> {
    pat(vm, &m.pattern)
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("group", match_group),
    MethodDef::method("groups", |vm, o, a, k| {
        let v = args::parse(vm, "groups", a, k, &["default"], 0)?;
        let m = mat(vm, o)?;
        let default = v[0].clone();
        let mut out = Vec::with_capacity(m.groups);
        for g in 1..=m.groups {
            out.push(group_text(vm, m, g, default.clone())?);
        }
        Ok(vm.new_tuple(out))
    }),
    MethodDef::method("groupdict", |vm, o, a, k| {
        let v = args::parse(vm, "groupdict", a, k, &["default"], 0)?;
        let m = mat(vm, o)?;
        let out = vm.new_dict();
        if let Some(gi) = pattern_of(vm, m)?.groupindex.clone() {
            for key in dict::keys(&gi) {
                let value = group_value(vm, m, &key, v[0].clone())?;
                dict::set_item(vm, &out, key, value)?;
            }
        }
        Ok(out)
    }),
    MethodDef::method("start", |vm, o, a, k| {
        let (m, g) = span_args(vm, o, "start", a, k)?;
        Ok(vm.new_int(m.span(g).0 as i64))
    }),
    MethodDef::method("end", |vm, o, a, k| {
        let (m, g) = span_args(vm, o, "end", a, k)?;
        Ok(vm.new_int(m.span(g).1 as i64))
    }),
    MethodDef::method("span", |vm, o, a, k| {
        let (m, g) = span_args(vm, o, "span", a, k)?;
        Ok(span_tuple(vm, m.span(g)))
    }),
    MethodDef::method("expand", |vm, o, a, k| {
        let v = args::parse(vm, "expand", a, k, &["template"], 1)?;
        let template = v[0].clone().unwrap_or_else(|| vm.none());
        let m = mat(vm, o)?;
        let re = taipan_vm::api::import::import_module(vm, "re")?;
        let expand = vm.getattr_str(&re, "_expand")?;
        vm.call(&expand, &[m.pattern.clone(), o.clone(), template], None)
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
    GetSetDef::new("string", |vm, o| Ok(mat(vm, o)?.string.clone()), None),
    GetSetDef::new("re", |vm, o| Ok(mat(vm, o)?.pattern.clone()), None),
    GetSetDef::new("pos", |vm, o| Ok(vm.new_usize(mat(vm, o)?.pos)), None),
    GetSetDef::new("endpos", |vm, o| Ok(vm.new_usize(mat(vm, o)?.endpos)), None),
    GetSetDef::new(
        "lastindex",
        |vm, o| {
            let m = mat(vm, o)?;
            Ok(if m.lastindex >= 0 { vm.new_int(m.lastindex as i64) } else { vm.none() })
        },
        None,
    ),
    GetSetDef::new(
        "lastgroup",
        |vm, o| {
            let m = mat(vm, o)?;
            let p = pattern_of(vm, m)?;
            if let Some(ig) = &p.indexgroup {
                let names = taipan_vm::api::tuple::items(ig);
                if m.lastindex >= 0 && (m.lastindex as usize) < names.len() {
                    return Ok(names[m.lastindex as usize].clone());
                }
            }
            Ok(vm.none())
        },
        None,
    ),
    GetSetDef::new(
        "regs",
        |vm, o| {
            let m = mat(vm, o)?;
            Ok(vm.new_tuple((0..=m.groups).map(|g| span_tuple(vm, m.span(g))).collect()))
        },
        None,
    ),
];

fn span_tuple(vm: &Vm, (a, b): (isize, isize)) -> Obj {
    vm.new_tuple(vec![vm.new_int(a as i64), vm.new_int(b as i64)])
}

/// The group an index or a name designates (`match_getindex`).
fn group_index(vm: &Vm, m: &Match, key: &Obj) -> PyResult<usize> {
    let is_index = int::value(key).is_some() || key.class().slots.nb_index.get().is_some();
    let mut i: isize = -1;
    if is_index {
        i = vm.index_to_isize_clamped(key)?;
    } else if let Some(gi) = pattern_of(vm, m)?.groupindex.clone() {
        if let Some(v) = dict::get_item_opt(vm, &gi, key)? {
            if int::value(&v).is_some() {
                i = vm.index_to_isize_clamped(&v)?;
            }
        }
    }
    if i < 0 || i as usize > m.groups {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

/// The text of group `g`, or `default` if it did not match.
fn group_text(vm: &Vm, m: &Match, g: usize, default: Option<Obj>) -> PyResult<Obj> {
    let (a, b) = m.span(g);
    if a < 0 || b < 0 {
        return Ok(default.unwrap_or_else(|| vm.none()));
    }
    slice(vm, &m.string, a as usize, b as usize)
}

fn group_value(vm: &Vm, m: &Match, key: &Obj, default: Option<Obj>) -> PyResult<Obj> {
    let g = group_index(vm, m, key)?;
    group_text(vm, m, g, default)
}

fn match_group(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    no_kwargs(vm, "Match.group", k)?;
    let m = mat(vm, o)?;
    match a {
        [] => group_text(vm, m, 0, None),
        [key] => group_value(vm, m, key, None),
        keys => {
            let mut out = Vec::with_capacity(keys.len());
            for key in keys {
                out.push(group_value(vm, m, key, None)?);
            }
            Ok(vm.new_tuple(out))
        }
    }
}

/// `group=0` of start/end/span (positional only).
fn span_args<'a>(vm: &Vm, o: &'a Obj, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<(&'a Match, usize)> {
    if k.is_some() {
        no_kwargs(vm, &format!("Match.{name}"), k)?;
    }
    let m = mat(vm, o)?;
    match a {
        [] => Ok((m, 0)),
        [key] => Ok((m, group_index(vm, m, key)?)),
        _ => Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", a.len()))),
    }
}

fn match_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let m = mat(vm, o)?;
    let g0 = group_text(vm, m, 0, None)?;
    let r: String = vm.repr_string(&g0)?.chars().take(50).collect();
    let (a, b) = m.span0;
    Ok(vm.new_str_from_string(format!("<re.Match object; span=({a}, {b}), match={r}>")))
}
