//! Struct sequences (CPython's `Objects/structseq.c`): the named tuples of
//! native code (`os.stat_result`, `time.struct_time`, `sys.flags`, ...).
//!
//! A struct sequence type is a `tuple` subtype made from a Rust spec. An
//! instance is a tuple of the first `n_in_sequence` fields (what `len`,
//! indexing, iteration, comparison and hashing see); the fields past them
//! live in hidden object slots after the tuple payload and are reachable
//! only as attributes. Every named field is a read-only member descriptor.

use crate::object::typeobj::{flags, TypeObject};
use crate::object::Obj;
use crate::objects::descriptor::{MemberKind, MethodDef};
use crate::objects::tuple::{self, TupleData};
use crate::objects::type_spec::{new_type_with_members, TypeSpec};
use crate::objects::{class, dict, str as pystr};
use crate::vm::{PyResult, Vm};

/// The name CPython gives a field that has none (`PyStructSequence_UnnamedField`).
pub const UNNAMED_FIELD: &str = "unnamed field";

/// One field: its name (`UNNAMED_FIELD` for a nameless sequence item) and
/// the member's `__doc__`.
#[derive(Clone, Copy)]
pub struct StructSeqField<'a> {
    pub name: &'a str,
    pub doc: Option<&'static str>,
}

/// A struct sequence type (CPython's `PyStructSequence_Desc`).
pub struct StructSeqSpec<'a> {
    /// `module.Name`, the type's `tp_name`.
    pub name: &'a str,
    pub doc: Option<&'static str>,
    /// Every field in order; nameless ones must come inside the sequence part.
    pub fields: &'a [StructSeqField<'a>],
    /// How many fields are tuple items.
    pub n_in_sequence: usize,
    /// False for types Python code may not instantiate (`sys.flags`,
    /// `sys.version_info`: "cannot create 'sys.flags' instances").
    pub creatable: bool,
}

/// What a struct sequence type remembers of its spec.
pub(crate) struct StructSeqInfo {
    /// `tp_name`, for messages and `repr`.
    name: String,
    n_in_sequence: usize,
    n_fields: usize,
    n_unnamed: usize,
    /// The named fields, in order (CPython's `tp_members`).
    names: Vec<Obj>,
    /// The hidden slots of fields `n_in_sequence..n_fields`.
    extra_offsets: Vec<usize>,
}

impl StructSeqInfo {
    /// The field index of the `j`th named field (nameless fields sit just
    /// before the sequence part ends, as CPython lays them out).
    fn field_of_member(&self, j: usize) -> usize {
        if j < self.n_in_sequence - self.n_unnamed {
            j
        } else {
            j + self.n_unnamed
        }
    }

    /// The name of field `i` past the sequence part.
    fn extra_name(&self, i: usize) -> &Obj {
        &self.names[i - self.n_unnamed]
    }
}

/// Make a struct sequence type (CPython's `PyStructSequence_NewType`).
pub fn new_type(vm: &Vm, spec: &StructSeqSpec) -> PyResult<Obj> {
    let n_fields = spec.fields.len();
    let n_unnamed = spec.fields.iter().filter(|f| f.name == UNNAMED_FIELD).count();
    if spec.n_in_sequence > n_fields || n_unnamed > spec.n_in_sequence {
        return Err(vm.system_error(format!("bad struct sequence spec for {}", spec.name)));
    }
    let tspec = TypeSpec {
        name: spec.name,
        base: Some(&vm.ctx.types.tuple),
        // As a class statement would, the type inherits `tuple`'s pattern-matching kind.
        flags: flags::TUPLE_SUBCLASS | flags::SEQUENCE,
        gc: true,
        dict: false,
        weakref: false,
        methods: &[MethodDef::method("__reduce__", structseq_reduce)],
        getsets: &[],
        doc: spec.doc,
    };
    let creatable = spec.creatable;
    let (ty, extra_offsets) = new_type_with_members::<TupleData>(vm, &tspec, n_fields - spec.n_in_sequence, |s| {
        s.repr.set(Some(structseq_repr));
        if creatable {
            s.new.set(Some(structseq_new));
        }
    });
    let t = ty.payload::<TypeObject>().expect("new type");
    if !creatable {
        // Not inherited from tuple: the type cannot be called.
        t.slots.new.set(None);
    }
    let named: Vec<&StructSeqField> = spec.fields.iter().filter(|f| f.name != UNNAMED_FIELD).collect();
    let info = StructSeqInfo {
        name: spec.name.to_string(),
        n_in_sequence: spec.n_in_sequence,
        n_fields,
        n_unnamed,
        names: named.iter().map(|f| vm.intern(f.name)).collect(),
        extra_offsets,
    };
    let d = t.dict();
    for (j, f) in named.iter().enumerate() {
        let kind = MemberKind::StructSeqField(info.field_of_member(j));
        let descr = crate::objects::descriptor::new_member(vm, &ty, info.names[j].clone(), kind, f.doc);
        dict::set_item(vm, &d, info.names[j].clone(), descr)?;
    }
    let n_named_seq = spec.n_in_sequence - n_unnamed;
    let match_args = vm.new_tuple(info.names[..n_named_seq.min(info.names.len())].to_vec());
    dict::set_item_str(vm, &d, "__match_args__", match_args)?;
    dict::set_item_str(vm, &d, "n_sequence_fields", vm.new_usize(spec.n_in_sequence))?;
    dict::set_item_str(vm, &d, "n_fields", vm.new_usize(n_fields))?;
    dict::set_item_str(vm, &d, "n_unnamed_fields", vm.new_usize(n_unnamed))?;
    if t.structseq.set(info).is_err() {
        return Err(vm.system_error("struct sequence type made twice"));
    }
    t.invalidate_lookups();
    Ok(ty)
}

/// The struct sequence description of the type `ty` (struct sequence
/// types cannot be subclassed, so it is always the type's own).
fn info_of(ty: &Obj) -> Option<&StructSeqInfo> {
    ty.payload::<TypeObject>()?.structseq.get()
}

fn info_for<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a StructSeqInfo> {
    o.class().structseq.get().ok_or_else(|| vm.type_error("not a struct sequence"))
}

/// A new instance of the struct sequence type `ty` holding `values` (all
/// its fields, the sequence part first; missing trailing fields are None).
pub fn new_instance(vm: &Vm, ty: &Obj, mut values: Vec<Obj>) -> PyResult<Obj> {
    let info = info_of(ty).ok_or_else(|| vm.system_error("not a struct sequence type"))?;
    if values.len() > info.n_fields || values.len() < info.n_in_sequence {
        return Err(vm.system_error(format!("{}: wrong number of fields", info.name)));
    }
    let extra = values.split_off(info.n_in_sequence);
    let o = tuple::alloc_tuple(ty, values);
    for (off, v) in info.extra_offsets.iter().zip(extra) {
        class::set_slot(&o, *off, Some(v));
    }
    Ok(o)
}

/// Field `i` of a struct sequence (None when it was never set).
pub fn get_item(o: &Obj, i: usize) -> Option<Obj> {
    let info = o.class().structseq.get()?;
    field(info, o, i)
}

/// Set a field past the sequence part while building an instance (as
/// `PyStructSequence_SetItem`; the tuple items themselves are immutable).
/// Returns false when `i` is not such a field.
pub fn set_extra_item(o: &Obj, i: usize, v: Obj) -> bool {
    let Some(info) = o.class().structseq.get() else { return false };
    match i.checked_sub(info.n_in_sequence).and_then(|k| info.extra_offsets.get(k)) {
        Some(off) => {
            class::set_slot(o, *off, Some(v));
            true
        }
        None => false,
    }
}

fn field(info: &StructSeqInfo, o: &Obj, i: usize) -> Option<Obj> {
    if i < info.n_in_sequence {
        return tuple::items(o).get(i).cloned();
    }
    let off = info.extra_offsets.get(i - info.n_in_sequence)?;
    class::get_slot(o, *off)
}

/// The value behind a struct sequence member descriptor.
pub(crate) fn member_value(vm: &Vm, o: &Obj, i: usize) -> PyResult<Obj> {
    let info = info_for(vm, o)?;
    Ok(field(info, o, i).unwrap_or_else(|| vm.none()))
}

/// `Type(sequence, dict=None)` (CPython's `structseq_new_impl`): the `new`
/// slot of creatable struct sequence types, for a type that wraps it.
pub fn structseq_new(vm: &Vm, cls: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let parsed = crate::args::parse(vm, "structseq", args, kwnames, &["sequence", "dict"], 1)?;
    let info = info_of(cls).ok_or_else(|| vm.type_error("not a struct sequence type"))?;
    let arg = parsed[0].clone().expect("required");
    // A dict given, even None, must be a dict (as CPython 3.11's).
    let extra_dict = parsed[1].clone();
    let seq = sequence_fast(vm, &arg)?;
    if let Some(d) = &extra_dict {
        if !vm.isinstance_type(d, &vm.ctx.types.dict) {
            return Err(vm.type_error(format!("{}() takes a dict as second arg, if any", info.name)));
        }
    }
    check_length(vm, info, seq.len())?;
    let mut values = seq;
    for i in values.len()..info.n_fields {
        let v = match &extra_dict {
            Some(d) => dict::get_item_opt(vm, d, info.extra_name(i))?,
            None => None,
        };
        values.push(v.unwrap_or_else(|| vm.none()));
    }
    new_instance(vm, cls, values)
}

/// The items of `arg` (CPython's `PySequence_Fast`).
fn sequence_fast(vm: &Vm, arg: &Obj) -> PyResult<Vec<Obj>> {
    if arg.type_is(&vm.ctx.types.tuple) || arg.type_is(&vm.ctx.types.list) {
        return vm.to_vec(arg);
    }
    let it = match vm.iter(arg) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error("constructor requires a sequence"))
        }
        Err(e) => return Err(e),
    };
    vm.to_vec(&it)
}

fn check_length(vm: &Vm, info: &StructSeqInfo, len: usize) -> PyResult<()> {
    let (min, max) = (info.n_in_sequence, info.n_fields);
    let msg = if min == max && len != min {
        format!("{}() takes a {}-sequence ({}-sequence given)", info.name, min, len)
    } else if len < min {
        format!("{}() takes an at least {}-sequence ({}-sequence given)", info.name, min, len)
    } else if len > max {
        format!("{}() takes an at most {}-sequence ({}-sequence given)", info.name, max, len)
    } else {
        return Ok(());
    };
    Err(vm.type_error(msg))
}

/// `repr(s)`: `module.Name(field=value, ...)` over the sequence part.
fn structseq_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let info = info_for(vm, o)?;
    let items = tuple::items(o).to_vec();
    let mut out = format!("{}(", info.name);
    for (i, v) in items.iter().enumerate().take(info.n_in_sequence) {
        if i > 0 {
            out.push_str(", ");
        }
        match info.names.get(i) {
            Some(n) => out.push_str(&pystr::as_str_lossy(n)),
            None => out.push_str(UNNAMED_FIELD),
        }
        out.push('=');
        out.push_str(&vm.repr_string(v)?);
    }
    out.push(')');
    Ok(vm.new_str(&out))
}

/// `s.__reduce__()`: `(type(s), (sequence_part, {name: value of the
/// fields past it}))`, which `Type(sequence, dict)` rebuilds.
fn structseq_reduce(vm: &Vm, o: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::args::exact::<0>(vm, "__reduce__", args, kwnames)?;
    let info = info_for(vm, o)?;
    let seq = vm.new_tuple(tuple::items(o).iter().take(info.n_in_sequence).cloned().collect());
    let extra = vm.new_dict();
    for i in info.n_in_sequence..info.n_fields {
        let v = field(info, o, i).unwrap_or_else(|| vm.none());
        dict::set_item(vm, &extra, info.extra_name(i).clone(), v)?;
    }
    Ok(vm.new_tuple(vec![o.class_obj(), vm.new_tuple(vec![seq, extra])]))
}
