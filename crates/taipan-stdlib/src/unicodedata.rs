//! `unicodedata` (CPython's `Modules/unicodedata.c`): the Unicode 14.0.0
//! character database, and `ucd_3_2_0`, a `UCD` object answering from
//! Unicode 3.2.0 (for IDNA and stringprep). The data and the
//! normalization algorithm live in `taipan_unicode::database`.

use taipan_unicode::database::{self as db, Form, Version};
use taipan_vm::api::types::{GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{bytes, dict, module, str as pystr, tuple, Obj, PyPayload, PyResult, Vm};

const DOC: &str = "This module provides access to the Unicode Character Database which\ndefines character properties for all Unicode characters. The data in\nthis database is based on the UnicodeData.txt file version\n14.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\nThe module uses the same names and symbols as defined by the\nUnicodeData File Format 14.0.0.";

/// CPython's `NAME_MAXLEN`: longer names are refused before any search.
const NAME_MAXLEN: usize = 256;

/// A `UCD` object: the database of one Unicode version.
struct Ucd {
    version: Version,
}

impl PyPayload for Ucd {}

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;
type Func = fn(&Vm, &Obj, Args, Kw) -> PyResult<Obj>;

/// The functions, shared by the module (current database) and `UCD`
/// objects (their own): the database is the receiver's.
const FUNCS: &[(&str, Func)] = &[
    ("decimal", ucd_decimal),
    ("digit", ucd_digit),
    ("numeric", ucd_numeric),
    ("category", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "category", a, k)?;
        Ok(vm.new_str(db::category(version_of(o), c)))
    }),
    ("bidirectional", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "bidirectional", a, k)?;
        Ok(vm.new_str(db::bidirectional(version_of(o), c)))
    }),
    ("combining", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "combining", a, k)?;
        Ok(vm.new_int(db::combining(version_of(o), c) as i64))
    }),
    ("mirrored", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "mirrored", a, k)?;
        Ok(vm.new_int(db::mirrored(version_of(o), c) as i64))
    }),
    ("east_asian_width", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "east_asian_width", a, k)?;
        Ok(vm.new_str(db::east_asian_width(version_of(o), c)))
    }),
    ("decomposition", |vm, o, a, k| {
        let c = one_char_arg(vm, o, "decomposition", a, k)?;
        Ok(vm.new_str(&db::decomposition(version_of(o), c)))
    }),
    ("is_normalized", |vm, o, a, k| {
        let (form, s) = normalize_args(vm, "is_normalized", a, k)?;
        let cps = str_code_points(&s);
        Ok(vm.bool_obj(db::is_normalized(version_of(o), form, &cps)))
    }),
    ("normalize", |vm, o, a, k| {
        let (form, s) = normalize_args(vm, "normalize", a, k)?;
        let cps = str_code_points(&s);
        let out = db::normalize(version_of(o), form, &cps);
        Ok(if out == cps { s } else { vm.new_str_from_code_points(&out) })
    }),
    ("name", ucd_name),
    ("lookup", ucd_lookup),
];

macro_rules! defs {
    ($kind:ident) => {
        [
            MethodDef::$kind(FUNCS[0].0, FUNCS[0].1),
            MethodDef::$kind(FUNCS[1].0, FUNCS[1].1),
            MethodDef::$kind(FUNCS[2].0, FUNCS[2].1),
            MethodDef::$kind(FUNCS[3].0, FUNCS[3].1),
            MethodDef::$kind(FUNCS[4].0, FUNCS[4].1),
            MethodDef::$kind(FUNCS[5].0, FUNCS[5].1),
            MethodDef::$kind(FUNCS[6].0, FUNCS[6].1),
            MethodDef::$kind(FUNCS[7].0, FUNCS[7].1),
            MethodDef::$kind(FUNCS[8].0, FUNCS[8].1),
            MethodDef::$kind(FUNCS[9].0, FUNCS[9].1),
            MethodDef::$kind(FUNCS[10].0, FUNCS[10].1),
            MethodDef::$kind(FUNCS[11].0, FUNCS[11].1),
            MethodDef::$kind(FUNCS[12].0, FUNCS[12].1),
        ]
    };
}

const MODULE_FUNCS: [MethodDef; 13] = defs!(static_);
const UCD_METHODS: [MethodDef; 13] = defs!(method);

const UCD_GETSETS: &[GetSetDef] = &[GetSetDef::new(
    "unidata_version",
    |vm, o| {
        Ok(vm.new_str(match version_of(o) {
            Version::Current => taipan_unicode::UNIDATA_VERSION,
            Version::V3_2_0 => "3.2.0",
        }))
    },
    None,
)];

fn version_of(o: &Obj) -> Version {
    o.payload::<Ucd>().map_or(Version::Current, |u| u.version)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "unicodedata");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    module::add_functions(vm, &m, "unicodedata", &MODULE_FUNCS);
    let spec = TypeSpec {
        name: "unicodedata.UCD",
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: false,
        methods: &UCD_METHODS,
        getsets: UCD_GETSETS,
        doc: None,
    };
    let ucd_type = taipan_vm::api::types::new_type::<Ucd>(vm, &spec, |_| {});
    if let Some(t) = ucd_type.payload::<taipan_vm::api::types::TypeObject>() {
        // Py_TPFLAGS_DISALLOW_INSTANTIATION: "cannot create 'unicodedata.UCD' instances".
        t.slots.new.set(None);
    }
    let old = taipan_vm::api::types::alloc_instance(vm, &ucd_type, &ucd_type, Ucd { version: Version::V3_2_0 })?;
    dict::set_item_str(vm, &d, "UCD", ucd_type)?;
    dict::set_item_str(vm, &d, "ucd_3_2_0", old)?;
    dict::set_item_str(vm, &d, "unidata_version", vm.new_str(taipan_unicode::UNIDATA_VERSION))?;
    Ok(m)
}

// ---- arguments ---------------------------------------------------------------------------------

fn str_code_points(s: &Obj) -> Vec<u32> {
    pystr::data(s).map(|d| d.to_code_points()).unwrap_or_default()
}

fn no_keywords(vm: &Vm, fname: &str, k: Kw) -> PyResult<()> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// Argument Clinic's `int(accept={str})` converter: a str of length 1.
fn as_char(vm: &Vm, fname: &str, argpos: &str, o: &Obj) -> PyResult<u32> {
    match pystr::data(o) {
        Some(d) if d.len() == 1 => Ok(d.char_at(0)),
        _ => {
            Err(vm
                .type_error(format!("{fname}() argument{argpos} must be a unicode character, not {}", vm.type_name(o))))
        }
    }
}

/// METH_O with a character.
fn one_char_arg(vm: &Vm, o: &Obj, fname: &str, a: Args, k: Kw) -> PyResult<u32> {
    let [c] = taipan_vm::api::args::exact::<1>(vm, &qualified(o, fname), a, k)?;
    as_char(vm, fname, "", &c)
}

/// The name METH_O errors show: `unicodedata.f()` for the module's
/// functions (a UCD method's owner type is named by the VM).
fn qualified(o: &Obj, fname: &str) -> String {
    if o.payload::<Ucd>().is_some() {
        fname.to_string()
    } else {
        format!("unicodedata.{fname}")
    }
}

/// `(chr, default=<unrepresentable>, /)`.
fn char_and_default(vm: &Vm, fname: &str, a: Args, k: Kw) -> PyResult<(u32, Option<Obj>)> {
    no_keywords(vm, fname, k)?;
    match a.len() {
        0 => Err(vm.type_error(format!("{fname} expected at least 1 argument, got 0"))),
        1 | 2 => Ok((as_char(vm, fname, " 1", &a[0])?, a.get(1).cloned())),
        n => Err(vm.type_error(format!("{fname} expected at most 2 arguments, got {n}"))),
    }
}

/// `(form, unistr, /)`.
fn normalize_args(vm: &Vm, fname: &str, a: Args, k: Kw) -> PyResult<(Form, Obj)> {
    no_keywords(vm, fname, k)?;
    if a.len() != 2 {
        return Err(vm.type_error(format!("{fname} expected 2 arguments, got {}", a.len())));
    }
    let must_be_str = |i: usize| -> PyResult<()> {
        if pystr::data(&a[i]).is_none() {
            return Err(vm.type_error(format!(
                "{fname}() argument {} must be str, not {}",
                i + 1,
                vm.type_name(&a[i])
            )));
        }
        Ok(())
    };
    must_be_str(0)?;
    must_be_str(1)?;
    let form =
        pystr::as_str(&a[0]).and_then(Form::from_name).ok_or_else(|| vm.value_error("invalid normalization form"))?;
    Ok((form, a[1].clone()))
}

fn or_default(vm: &Vm, default: Option<Obj>, msg: &str) -> PyResult<Obj> {
    default.ok_or_else(|| vm.value_error(msg))
}

// ---- functions ---------------------------------------------------------------------------------

fn ucd_decimal(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (c, default) = char_and_default(vm, "decimal", a, k)?;
    match db::decimal(version_of(o), c) {
        Some(d) => Ok(vm.new_int(d as i64)),
        None => or_default(vm, default, "not a decimal"),
    }
}

fn ucd_digit(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (c, default) = char_and_default(vm, "digit", a, k)?;
    match db::digit(version_of(o), c) {
        Some(d) => Ok(vm.new_int(d as i64)),
        None => or_default(vm, default, "not a digit"),
    }
}

fn ucd_numeric(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (c, default) = char_and_default(vm, "numeric", a, k)?;
    match db::numeric(version_of(o), c) {
        Some(d) => Ok(vm.new_float(d)),
        None => or_default(vm, default, "not a numeric character"),
    }
}

fn ucd_name(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let (c, default) = char_and_default(vm, "name", a, k)?;
    match db::name(version_of(o), c) {
        Some(n) => Ok(vm.new_str(&n)),
        None => or_default(vm, default, "no such name"),
    }
}

/// `lookup(name, /)`: `name` is str or bytes (the `s#` converter).
fn ucd_lookup(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [arg] = taipan_vm::api::args::exact::<1>(vm, &qualified(o, "lookup"), a, k)?;
    let name: String = if let Some(d) = pystr::data(&arg) {
        match d.as_str() {
            Some(s) => s.to_string(),
            // A lone surrogate: str.encode raises CPython's UnicodeEncodeError.
            None => {
                let encoded = vm.call0(&vm.getattr_str(&arg, "encode")?)?;
                String::from_utf8_lossy(&bytes::as_bytes(&encoded).unwrap_or_default()).into_owned()
            }
        }
    } else if let Some(b) = bytes::as_bytes(&arg) {
        String::from_utf8_lossy(&b).into_owned()
    } else {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&arg))));
    };
    if name.len() > NAME_MAXLEN {
        return Err(vm.key_error(vm.new_str("name too long")));
    }
    match db::lookup(version_of(o), &name) {
        Some(cps) => Ok(vm.new_str_from_code_points(&cps)),
        None => Err(vm.key_error(vm.new_str(&format!("undefined character name '{name}'")))),
    }
}
