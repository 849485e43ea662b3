//! `_csv` (CPython's `Modules/_csv.c`): the CSV parser and writer under
//! Lib's `csv.py`: `Dialect`, `reader`, `writer`, the dialect registry and
//! `field_size_limit`, with CPython's state machine and messages.

use std::cell::{Cell, RefCell};
use taipan_vm::api::types::{GetSetDef, MethodDef, TypeObject, TypeSpec};
use taipan_vm::api::{dict, int, module, str as pystr, tuple, Obj, PyPayload, PyResult, Vm};

const DOC: &str = "CSV parsing and writing.\n\nThis module provides classes that assist in the reading and writing\nof Comma Separated Value (CSV) files, and implements the interface\ndescribed by PEP 305.  Although many CSV files are simple to parse,\nthe format is not formally defined by a stable specification and\nis subtle enough that parsing lines of a CSV file with something\nlike line.split(\",\") is bound to fail.  The module supports three\nbasic APIs: reading, writing, and registration of dialects.\n";

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

/// CPython's default `field_size_limit` (128 KiB).
const DEFAULT_FIELD_LIMIT: i64 = 128 * 1024;

// Per-interpreter objects, kept in the interpreter's table of native types.
const ERROR_KEY: &str = "_csv.Error";
const DIALECT_KEY: &str = "_csv.Dialect";
const READER_KEY: &str = "_csv.reader";
const WRITER_KEY: &str = "_csv.writer";
const REGISTRY_KEY: &str = "_csv._dialects";
/// The current field size limit, an int object (module state in CPython).
const LIMIT_KEY: &str = "_csv.field_limit";

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

fn stored(vm: &Vm, key: &str) -> Obj {
    vm.lazy_types.borrow().get(key).cloned().unwrap_or_else(|| vm.none())
}

fn csv_error(vm: &Vm, msg: &str) -> taipan_vm::api::PyErr {
    vm.new_exception_msg(&stored(vm, ERROR_KEY), msg)
}

fn field_limit(vm: &Vm) -> i64 {
    let o = stored(vm, LIMIT_KEY);
    match int::value(&o) {
        Some(v) => v.to_f64().map_or(DEFAULT_FIELD_LIMIT, |f| f as i64),
        None => DEFAULT_FIELD_LIMIT,
    }
}

// ---- Dialect -----------------------------------------------------------------------------------

/// The parameters of a dialect (immutable once made).
#[derive(Clone)]
struct Params {
    delimiter: u32,
    quotechar: Option<u32>,
    escapechar: Option<u32>,
    lineterminator: Vec<u32>,
    quoting: i64,
    doublequote: bool,
    skipinitialspace: bool,
    strict: bool,
}

struct Dialect {
    p: Params,
    lineterminator: Obj,
}

impl PyPayload for Dialect {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.lineterminator);
    }
}

const DIALECT_FIELDS: [&str; 9] = [
    "dialect",
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

/// `PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOOOOOOO", kwlist, ...)`.
fn parse_dialect_args(vm: &Vm, a: Args, k: Kw) -> PyResult<Vec<Option<Obj>>> {
    let kw = k.map(tuple::items).unwrap_or(&[]);
    let nargs = a.len() - kw.len();
    if nargs > DIALECT_FIELDS.len() {
        return Err(vm.type_error(format!("function takes at most 9 arguments ({} given)", a.len())));
    }
    let mut out: Vec<Option<Obj>> = a[..nargs].iter().cloned().map(Some).collect();
    out.resize(DIALECT_FIELDS.len(), None);
    for (name, v) in kw.iter().zip(&a[nargs..]) {
        let n = pystr::as_str(name).unwrap_or("");
        let Some(i) = DIALECT_FIELDS.iter().position(|f| *f == n) else {
            return Err(vm.type_error(format!("'{n}' is an invalid keyword argument for this function")));
        };
        if out[i].is_some() {
            return Err(vm.type_error(format!("argument for function given by name ('{n}') and position ({})", i + 1)));
        }
        out[i] = Some(v.clone());
    }
    Ok(out)
}

fn one_char(o: &Obj) -> Option<Option<u32>> {
    let d = pystr::data(o)?;
    Some((d.len() == 1).then(|| d.char_at(0)))
}

fn set_char(vm: &Vm, name: &str, src: Option<&Obj>, default: u32) -> PyResult<u32> {
    let Some(o) = src else { return Ok(default) };
    match one_char(o) {
        None => Err(vm.type_error(format!("\"{name}\" must be string, not {}", vm.type_name(o)))),
        Some(None) => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
        Some(Some(c)) => Ok(c),
    }
}

fn set_char_or_none(vm: &Vm, name: &str, src: Option<&Obj>, default: Option<u32>) -> PyResult<Option<u32>> {
    let Some(o) = src else { return Ok(default) };
    if vm.is_none(o) {
        return Ok(None);
    }
    match one_char(o) {
        None => Err(vm.type_error(format!("\"{name}\" must be string or None, not {}", vm.type_name(o)))),
        Some(None) => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
        Some(c) => Ok(c),
    }
}

fn set_bool(vm: &Vm, src: Option<&Obj>, default: bool) -> PyResult<bool> {
    match src {
        Some(o) => vm.is_true(o),
        None => Ok(default),
    }
}

fn dialect_new(vm: &Vm, cls: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let mut v = parse_dialect_args(vm, a, k)?;
    let mut base = v[0].take();
    if let Some(d) = &base {
        if pystr::data(d).is_some() {
            base = Some(registry_get(vm, d)?);
        }
    }
    let dialect_type = stored(vm, DIALECT_KEY);
    if let Some(d) = &base {
        if v[1..].iter().all(Option::is_none) && vm.isinstance_type(d, &dialect_type) && cls.is(&dialect_type) {
            return Ok(d.clone());
        }
        for (i, name) in DIALECT_FIELDS.iter().enumerate().skip(1) {
            if v[i].is_none() {
                // CPython clears any error of the lookup: a missing attribute
                // takes the default.
                v[i] = vm.getattr_str(d, name).ok();
            }
        }
    }
    let delimiter = set_char(vm, "delimiter", v[1].as_ref(), ',' as u32)?;
    let doublequote = set_bool(vm, v[2].as_ref(), true)?;
    let escapechar = set_char_or_none(vm, "escapechar", v[3].as_ref(), None)?;
    let lineterminator = match &v[4] {
        None => Some(vm.new_str("\r\n")),
        Some(o) if vm.is_none(o) => None,
        Some(o) if pystr::data(o).is_some() => Some(o.clone()),
        Some(_) => return Err(vm.type_error("\"lineterminator\" must be a string")),
    };
    let quotechar = set_char_or_none(vm, "quotechar", v[5].as_ref(), Some('"' as u32))?;
    let mut quoting = match &v[6] {
        None => QUOTE_MINIMAL,
        // PyLong_CheckExact: a bool is refused.
        Some(o) if o.class_obj().is(&vm.ctx.types.int) => vm.to_i64(o)?,
        Some(_) => return Err(vm.type_error("\"quoting\" must be an integer")),
    };
    let skipinitialspace = set_bool(vm, v[7].as_ref(), false)?;
    let strict = set_bool(vm, v[8].as_ref(), false)?;
    if !(QUOTE_MINIMAL..=QUOTE_NONE).contains(&quoting) {
        return Err(vm.type_error("bad \"quoting\" value"));
    }
    if v[5].as_ref().is_some_and(|q| vm.is_none(q)) && v[6].is_none() {
        quoting = QUOTE_NONE;
    }
    if quoting != QUOTE_NONE && quotechar.is_none() {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    let Some(lineterminator) = lineterminator else {
        return Err(vm.type_error("lineterminator must be set"));
    };
    let p = Params {
        delimiter,
        quotechar,
        escapechar,
        lineterminator: pystr::data(&lineterminator).map(|d| d.to_code_points()).unwrap_or_default(),
        quoting,
        doublequote,
        skipinitialspace,
        strict,
    };
    taipan_vm::api::types::alloc_instance(vm, cls, &dialect_type, Dialect { p, lineterminator })
}

fn dialect_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Dialect> {
    taipan_vm::api::types::payload_or_err::<Dialect>(vm, o, "_csv.Dialect")
}

fn char_obj(vm: &Vm, c: Option<u32>) -> Obj {
    match c {
        Some(c) => vm.new_str_from_code_points(&[c]),
        None => vm.none(),
    }
}

const DIALECT_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("delimiter", |vm, o| Ok(char_obj(vm, Some(dialect_of(vm, o)?.p.delimiter))), None),
    GetSetDef::new("escapechar", |vm, o| Ok(char_obj(vm, dialect_of(vm, o)?.p.escapechar)), None),
    GetSetDef::new("lineterminator", |vm, o| Ok(dialect_of(vm, o)?.lineterminator.clone()), None),
    GetSetDef::new("quotechar", |vm, o| Ok(char_obj(vm, dialect_of(vm, o)?.p.quotechar)), None),
    GetSetDef::new("quoting", |vm, o| Ok(vm.new_int(dialect_of(vm, o)?.p.quoting)), None),
    GetSetDef::new("doublequote", |vm, o| Ok(vm.bool_obj(dialect_of(vm, o)?.p.doublequote)), None),
    GetSetDef::new("skipinitialspace", |vm, o| Ok(vm.bool_obj(dialect_of(vm, o)?.p.skipinitialspace)), None),
    GetSetDef::new("strict", |vm, o| Ok(vm.bool_obj(dialect_of(vm, o)?.p.strict)), None),
];

const DIALECT_METHODS: &[MethodDef] = &[MethodDef::method("__reduce_ex__", |vm, o, _, _| {
    Err(vm.type_error(format!("cannot pickle '{}' instances", o.class().name())))
})];

/// CPython's `_call_dialect`: `Dialect(dialect_inst, **kwargs)`.
fn call_dialect(vm: &Vm, dialect: Option<&Obj>, kw_values: &[Obj], kwnames: Kw) -> PyResult<Obj> {
    let mut args: Vec<Obj> = dialect.into_iter().cloned().collect();
    args.extend(kw_values.iter().cloned());
    vm.call(&stored(vm, DIALECT_KEY), &args, kwnames)
}

fn params_of(vm: &Vm, dialect: &Obj) -> PyResult<Params> {
    Ok(dialect_of(vm, dialect)?.p.clone())
}

/// `PyArg_UnpackTuple(args, "", 1, 2, ...)`: the number of positional
/// arguments (the keywords go to the dialect).
fn unpack_one_or_two(vm: &Vm, a: Args, k: Kw) -> PyResult<usize> {
    let npos = a.len() - k.map_or(0, tuple::len);
    match npos {
        0 => Err(vm.type_error(" expected at least 1 argument, got 0")),
        1 | 2 => Ok(npos),
        n => Err(vm.type_error(format!(" expected at most 2 arguments, got {n}"))),
    }
}

// ---- the registry ------------------------------------------------------------------------------

fn registry_get(vm: &Vm, name: &Obj) -> PyResult<Obj> {
    dict::get_item_opt(vm, &stored(vm, REGISTRY_KEY), name)?.ok_or_else(|| csv_error(vm, "unknown dialect"))
}

fn csv_register_dialect(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let npos = unpack_one_or_two(vm, a, k)?;
    let name = &a[0];
    if pystr::data(name).is_none() {
        return Err(vm.type_error("dialect name must be a string"));
    }
    let dialect = call_dialect(vm, a[1..npos].first(), &a[npos..], k)?;
    dict::set_item(vm, &stored(vm, REGISTRY_KEY), name.clone(), dialect)?;
    Ok(vm.none())
}

fn csv_unregister_dialect(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "unregister_dialect", a, k, &["name"], 1)?;
    let name = p[0].clone().unwrap_or_else(|| vm.none());
    let reg = stored(vm, REGISTRY_KEY);
    if dict::get_item_opt(vm, &reg, &name)?.is_none() {
        return Err(csv_error(vm, "unknown dialect"));
    }
    dict::del_item(vm, &reg, &name)?;
    Ok(vm.none())
}

fn csv_get_dialect(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "get_dialect", a, k, &["name"], 1)?;
    registry_get(vm, &p[0].clone().unwrap_or_else(|| vm.none()))
}

fn csv_list_dialects(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    taipan_vm::api::args::exact::<0>(vm, "list_dialects", a, k)?;
    Ok(vm.new_list(dict::keys(&stored(vm, REGISTRY_KEY))))
}

fn csv_field_size_limit(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let p = taipan_vm::api::args::parse(vm, "field_size_limit", a, k, &["new_limit"], 0)?;
    let old = stored(vm, LIMIT_KEY);
    if let Some(new) = &p[0] {
        if int::value(new).is_none() {
            return Err(vm.type_error("limit must be an integer"));
        }
        let v = vm.to_i64(new).map_err(|_| vm.overflow_error("Python int too large to convert to C long"))?;
        vm.lazy_types.borrow_mut().insert(LIMIT_KEY, vm.new_int(v));
    }
    Ok(old)
}

// ---- reader ------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// The end of a line (CPython's `EOL` sentinel).
const EOL: Option<u32> = None;

struct Reader {
    input: Obj,
    dialect: Obj,
    p: Params,
    state: Cell<State>,
    fields: RefCell<Vec<Obj>>,
    field: RefCell<Vec<u32>>,
    numeric_field: Cell<bool>,
    line_num: Cell<u64>,
    /// `field_size_limit()` as of the current record (read once per record,
    /// not per character).
    limit: Cell<i64>,
}

impl PyPayload for Reader {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.input);
        visit(&self.dialect);
        for f in self.fields.borrow().iter() {
            visit(f);
        }
    }
}

fn csv_reader(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let npos = unpack_one_or_two(vm, a, k)?;
    let input = vm.iter(&a[0])?;
    let dialect = call_dialect(vm, a[1..npos].first(), &a[npos..], k)?;
    let p = params_of(vm, &dialect)?;
    let ty = stored(vm, READER_KEY);
    let r = Reader {
        input,
        dialect,
        p,
        state: Cell::new(State::StartRecord),
        fields: RefCell::new(Vec::new()),
        field: RefCell::new(Vec::new()),
        numeric_field: Cell::new(false),
        line_num: Cell::new(0),
        limit: Cell::new(DEFAULT_FIELD_LIMIT),
    };
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, r)
}

fn reader_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Reader> {
    taipan_vm::api::types::payload_or_err::<Reader>(vm, o, "_csv.reader")
}

impl Reader {
    fn reset(&self) {
        self.fields.borrow_mut().clear();
        self.field.borrow_mut().clear();
        self.state.set(State::StartRecord);
        self.numeric_field.set(false);
    }

    fn save_field(&self, vm: &Vm) -> PyResult<()> {
        let text = std::mem::take(&mut *self.field.borrow_mut());
        let mut field = vm.new_str_from_code_points(&text);
        if self.numeric_field.replace(false) {
            field = vm.call1(&vm.ctx.types.float, field)?;
        }
        self.fields.borrow_mut().push(field);
        Ok(())
    }

    fn add_char(&self, vm: &Vm, c: u32) -> PyResult<()> {
        let limit = self.limit.get();
        let mut f = self.field.borrow_mut();
        if f.len() as i64 >= limit {
            drop(f);
            return Err(csv_error(vm, &format!("field larger than field limit ({limit})")));
        }
        f.push(c);
        Ok(())
    }

    /// CPython's `parse_process_char`: one character, or `EOL`.
    fn process_char(&self, vm: &Vm, c: Option<u32>) -> PyResult<()> {
        let p = &self.p;
        let is = |x: Option<u32>| x.is_some() && c == x;
        let is_nl = c == Some('\n' as u32) || c == Some('\r' as u32);
        let mut state = self.state.get();
        if state == State::StartRecord {
            if c == EOL {
                return Ok(());
            }
            if is_nl {
                self.state.set(State::EatCrnl);
                return Ok(());
            }
            state = State::StartField;
        }
        if state == State::AfterEscapedCrnl {
            if c == EOL {
                return Ok(());
            }
            state = State::InField;
        }
        let next = match state {
            State::StartField => {
                if is_nl || c == EOL {
                    self.save_field(vm)?;
                    if c == EOL {
                        State::StartRecord
                    } else {
                        State::EatCrnl
                    }
                } else if is(p.quotechar) && p.quoting != QUOTE_NONE {
                    State::InQuotedField
                } else if is(p.escapechar) {
                    State::EscapedChar
                } else if c == Some(' ' as u32) && p.skipinitialspace {
                    State::StartField
                } else if c == Some(p.delimiter) {
                    self.save_field(vm)?;
                    State::StartField
                } else {
                    if p.quoting == QUOTE_NONNUMERIC {
                        self.numeric_field.set(true);
                    }
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::InField
                }
            }
            State::EscapedChar => {
                if is_nl {
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::AfterEscapedCrnl
                } else {
                    self.add_char(vm, c.unwrap_or('\n' as u32))?;
                    State::InField
                }
            }
            State::InField => {
                if is_nl || c == EOL {
                    self.save_field(vm)?;
                    if c == EOL {
                        State::StartRecord
                    } else {
                        State::EatCrnl
                    }
                } else if is(p.escapechar) {
                    State::EscapedChar
                } else if c == Some(p.delimiter) {
                    self.save_field(vm)?;
                    State::StartField
                } else {
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::InField
                }
            }
            State::InQuotedField => {
                if c == EOL {
                    State::InQuotedField
                } else if is(p.escapechar) {
                    State::EscapeInQuotedField
                } else if is(p.quotechar) && p.quoting != QUOTE_NONE {
                    if p.doublequote {
                        State::QuoteInQuotedField
                    } else {
                        State::InField
                    }
                } else {
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::InQuotedField
                }
            }
            State::EscapeInQuotedField => {
                self.add_char(vm, c.unwrap_or('\n' as u32))?;
                State::InQuotedField
            }
            State::QuoteInQuotedField => {
                if p.quoting != QUOTE_NONE && is(p.quotechar) {
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::InQuotedField
                } else if c == Some(p.delimiter) {
                    self.save_field(vm)?;
                    State::StartField
                } else if is_nl || c == EOL {
                    self.save_field(vm)?;
                    if c == EOL {
                        State::StartRecord
                    } else {
                        State::EatCrnl
                    }
                } else if !p.strict {
                    self.add_char(vm, c.unwrap_or(0))?;
                    State::InField
                } else {
                    let ch = |x: u32| char::from_u32(x).unwrap_or('?');
                    return Err(csv_error(
                        vm,
                        &format!("'{}' expected after '{}'", ch(p.delimiter), ch(p.quotechar.unwrap_or(0))),
                    ));
                }
            }
            State::EatCrnl => {
                if is_nl {
                    State::EatCrnl
                } else if c == EOL {
                    State::StartRecord
                } else {
                    return Err(csv_error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?",
                    ));
                }
            }
            State::StartRecord | State::AfterEscapedCrnl => state,
        };
        self.state.set(next);
        Ok(())
    }
}

fn reader_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let r = reader_of(vm, o)?;
    r.reset();
    r.limit.set(field_limit(vm));
    loop {
        let Some(line) = vm.next(&r.input)? else {
            let pending = !r.field.borrow().is_empty() || r.state.get() == State::InQuotedField;
            if !pending {
                return Ok(None);
            }
            if r.p.strict {
                return Err(csv_error(vm, "unexpected end of data"));
            }
            r.save_field(vm)?;
            break;
        };
        let Some(text) = pystr::data(&line) else {
            return Err(csv_error(
                vm,
                &format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    vm.type_name(&line)
                ),
            ));
        };
        r.line_num.set(r.line_num.get() + 1);
        for c in text.code_points() {
            if let Err(e) = r.process_char(vm, Some(c)) {
                r.reset();
                return Err(e);
            }
        }
        if let Err(e) = r.process_char(vm, EOL) {
            r.reset();
            return Err(e);
        }
        if r.state.get() == State::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut *r.fields.borrow_mut());
    Ok(Some(vm.new_list(fields)))
}

const READER_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("dialect", |vm, o| Ok(reader_of(vm, o)?.dialect.clone()), None),
    GetSetDef::new("line_num", |vm, o| Ok(vm.new_int(reader_of(vm, o)?.line_num.get() as i64)), None),
];

// ---- writer ------------------------------------------------------------------------------------

struct Writer {
    write: Obj,
    dialect: Obj,
    p: Params,
}

impl PyPayload for Writer {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.write);
        visit(&self.dialect);
    }
}

fn csv_writer(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let npos = unpack_one_or_two(vm, a, k)?;
    let write = match vm.getattr_str_opt(&a[0], "write")? {
        Some(w) if vm.is_callable(&w) => w,
        _ => return Err(vm.type_error("argument 1 must have a \"write\" method")),
    };
    let dialect = call_dialect(vm, a[1..npos].first(), &a[npos..], k)?;
    let p = params_of(vm, &dialect)?;
    let ty = stored(vm, WRITER_KEY);
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, Writer { write, dialect, p })
}

fn writer_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Writer> {
    taipan_vm::api::types::payload_or_err::<Writer>(vm, o, "_csv.writer")
}

/// PyNumber_Check: int, float, complex, or a type with `__index__`,
/// `__int__` or `__float__`.
fn is_number(vm: &Vm, o: &Obj) -> PyResult<bool> {
    let t = &vm.ctx.types;
    if vm.isinstance_type(o, &t.int) || vm.isinstance_type(o, &t.float) || vm.isinstance_type(o, &t.complex) {
        return Ok(true);
    }
    let cls = o.class_obj();
    for name in ["__index__", "__int__", "__float__"] {
        if vm.getattr_str_opt(&cls, name)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Append one field to `rec` (CPython's `join_append_data`, both phases).
fn join_field(vm: &Vm, p: &Params, rec: &mut Vec<u32>, first: bool, field: &[u32], mut quoted: bool) -> PyResult<()> {
    let mut body = Vec::with_capacity(field.len());
    for &c in field {
        let special =
            c == p.delimiter || Some(c) == p.escapechar || Some(c) == p.quotechar || p.lineterminator.contains(&c);
        let mut want_escape = false;
        if special {
            if p.quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == p.quotechar {
                    if p.doublequote {
                        body.push(c);
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == p.escapechar {
                    want_escape = true;
                }
                if !want_escape {
                    quoted = true;
                }
            }
            if want_escape {
                let Some(esc) = p.escapechar else {
                    return Err(csv_error(vm, "need to escape, but no escapechar set"));
                };
                body.push(esc);
            }
        }
        body.push(c);
    }
    if !first {
        rec.push(p.delimiter);
    }
    let q = p.quotechar.unwrap_or('"' as u32);
    if quoted {
        rec.push(q);
    }
    rec.extend_from_slice(&body);
    if quoted {
        rec.push(q);
    }
    Ok(())
}

fn writer_writerow(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [row] = taipan_vm::api::args::exact::<1>(vm, "writerow", a, k)?;
    let w = writer_of(vm, o)?;
    let p = w.p.clone();
    // Only a TypeError means "not iterable"; other errors of __iter__ pass.
    let it = vm.iter(&row).map_err(|e| {
        if vm.err_matches(&e, &vm.ctx.exceptions.type_error) {
            csv_error(vm, &format!("iterable expected, not {}", vm.type_name(&row)))
        } else {
            e
        }
    })?;
    let mut rec: Vec<u32> = Vec::new();
    let mut nfields = 0usize;
    while let Some(field) = vm.next(&it)? {
        let quoted = match p.quoting {
            QUOTE_NONNUMERIC => !is_number(vm, &field)?,
            QUOTE_ALL => true,
            _ => false,
        };
        let text: Vec<u32> = if vm.is_none(&field) {
            Vec::new()
        } else {
            let s = vm.str(&field)?;
            pystr::data(&s).map(|d| d.to_code_points()).unwrap_or_default()
        };
        join_field(vm, &p, &mut rec, nfields == 0, &text, quoted)?;
        nfields += 1;
    }
    if nfields == 1 && rec.is_empty() {
        if p.quoting == QUOTE_NONE {
            return Err(csv_error(vm, "single empty field record must be quoted"));
        }
        join_field(vm, &p, &mut rec, true, &[], true)?;
    }
    rec.extend_from_slice(&p.lineterminator);
    let line = vm.new_str_from_code_points(&rec);
    vm.call1(&w.write, line)
}

fn writer_writerows(vm: &Vm, o: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [rows] = taipan_vm::api::args::exact::<1>(vm, "writerows", a, k)?;
    let it = vm.iter(&rows)?;
    while let Some(row) = vm.next(&it)? {
        writer_writerow(vm, o, &[row], None)?;
    }
    Ok(vm.none())
}

const WRITER_METHODS: &[MethodDef] =
    &[MethodDef::method("writerow", writer_writerow), MethodDef::method("writerows", writer_writerows)];

const WRITER_GETSETS: &[GetSetDef] = &[GetSetDef::new("dialect", |vm, o| Ok(writer_of(vm, o)?.dialect.clone()), None)];

// ---- the module --------------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("reader", csv_reader),
    MethodDef::static_("writer", csv_writer),
    MethodDef::static_("register_dialect", csv_register_dialect),
    MethodDef::static_("unregister_dialect", csv_unregister_dialect),
    MethodDef::static_("get_dialect", csv_get_dialect),
    MethodDef::static_("list_dialects", csv_list_dialects),
    MethodDef::static_("field_size_limit", csv_field_size_limit),
];

fn disallow_instantiation(ty: &Obj) {
    if let Some(t) = ty.payload::<TypeObject>() {
        t.slots.new.set(None);
    }
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(DIALECT_KEY) {
        return Ok(());
    }
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("_csv"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
    let error = vm.call(&vm.ctx.types.type_, &[vm.new_str("Error"), bases, ns], None)?;
    let spec = |name, methods, getsets, flags, doc| TypeSpec {
        name,
        base: None,
        flags,
        gc: true,
        dict: false,
        weakref: false,
        methods,
        getsets,
        doc,
    };
    let dialect = taipan_vm::api::types::new_type::<Dialect>(
        vm,
        &spec(
            "_csv.Dialect",
            DIALECT_METHODS,
            DIALECT_GETSETS,
            taipan_vm::api::types::flags::BASETYPE,
            Some("CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n"),
        ),
        |s| s.new.set(Some(dialect_new)),
    );
    let reader = taipan_vm::api::types::new_type::<Reader>(
        vm,
        &spec(
            "_csv.reader",
            &[],
            READER_GETSETS,
            0,
            Some("CSV reader\n\nReader objects are responsible for reading and parsing tabular data\nin CSV format.\n"),
        ),
        |s| {
            s.iter.set(Some(|_, o| Ok(o.clone())));
            s.iternext.set(Some(reader_next));
        },
    );
    disallow_instantiation(&reader);
    let writer = taipan_vm::api::types::new_type::<Writer>(
        vm,
        &spec("_csv.writer", WRITER_METHODS, WRITER_GETSETS, 0, Some("CSV writer\n\nWriter objects are responsible for generating tabular data\nin CSV format from sequence input.\n")),
        |_| {},
    );
    disallow_instantiation(&writer);
    let mut t = vm.lazy_types.borrow_mut();
    t.insert(ERROR_KEY, error);
    t.insert(DIALECT_KEY, dialect);
    t.insert(READER_KEY, reader);
    t.insert(WRITER_KEY, writer);
    t.insert(REGISTRY_KEY, vm.new_dict());
    t.insert(LIMIT_KEY, vm.new_int(DEFAULT_FIELD_LIMIT));
    Ok(())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm)?;
    let m = module::new_module(vm, "_csv");
    let d = module::module_dict(&m);
    let set = |k: &str, v: Obj| dict::set_item_str(vm, &d, k, v);
    set("__doc__", vm.new_str(DOC))?;
    set("__version__", vm.new_str("1.0"))?;
    set("QUOTE_MINIMAL", vm.new_int(QUOTE_MINIMAL))?;
    set("QUOTE_ALL", vm.new_int(QUOTE_ALL))?;
    set("QUOTE_NONNUMERIC", vm.new_int(QUOTE_NONNUMERIC))?;
    set("QUOTE_NONE", vm.new_int(QUOTE_NONE))?;
    set("Error", stored(vm, ERROR_KEY))?;
    set("Dialect", stored(vm, DIALECT_KEY))?;
    set("Reader", stored(vm, READER_KEY))?;
    set("Writer", stored(vm, WRITER_KEY))?;
    set("_dialects", stored(vm, REGISTRY_KEY))?;
    module::add_functions(vm, &m, "_csv", FUNCTIONS);
    Ok(m)
}
