//! Text formatting: `format()` (CPython's `PyObject_Format`), `str.format`
//! and `str.format_map` (`Objects/stringlib/unicode_format.h`),
//! `str.__format__`, and the `%` operator of `str` (`PyUnicode_Format`) and
//! of `bytes`/`bytearray` (`_PyBytes_FormatEx`, PEP 461).
//!
//! The number conversions and spec parsing live in `taipan_format`; this
//! module runs the outer loops, fetches the arguments and calls back into
//! Python (`__format__`, `__str__`, `__getitem__`, ...) in CPython's order.
//!
//! Format strings are walked as slices of code units (`&[u8]` for ASCII and
//! Latin-1 strings, `&[u16]`, `&[u32]`), read in place under a reference of
//! their own while Python code runs (`__format__`, `__str__`, `__getitem__`):
//! a str's characters are immutable (no `Cell`: nothing can change them), and
//! that reference keeps them alive whatever the code does to the caller's.

use taipan_format::{FmtError, PercentArgs, PercentSpec};

use crate::object::Obj;
use crate::objects::float::fmt_err;
use crate::objects::int::{self, IntValue};
use crate::objects::str::{self as pystr, StrData, StrRepr};
use crate::objects::{bytes, tuple};
use crate::vm::{PyErr, PyResult, Vm};

/// Code units of a format string.
trait Unit: Copy + Into<u32> {
    /// The units as text, when they are known to be ASCII bytes.
    fn as_ascii(units: &[Self]) -> Option<&str>;
}

impl Unit for u8 {
    fn as_ascii(units: &[u8]) -> Option<&str> {
        pystr::ascii_text(units)
    }
}

impl Unit for u16 {
    fn as_ascii(_: &[u16]) -> Option<&str> {
        None
    }
}

impl Unit for u32 {
    fn as_ascii(_: &[u32]) -> Option<&str> {
        None
    }
}

/// Runs `$f(units, args...)` over the code units of a `StrRepr`.
macro_rules! with_units {
    ($repr:expr, $f:ident ( $($arg:expr),* )) => {
        match &$repr {
            StrRepr::Ascii(s) => $f(s.as_bytes(), $($arg),*),
            StrRepr::Latin1(b) => $f(&b[..], $($arg),*),
            StrRepr::Ucs2(b) => $f(&b[..], $($arg),*),
            StrRepr::Ucs4(b) => $f(&b[..], $($arg),*),
        }
    };
}

/// The text being built: ASCII until a wider character arrives, then code
/// points (as `str::Builder`, with room reserved up front).
struct Builder {
    ascii: String,
    wide: Option<Vec<u32>>,
}

impl Builder {
    fn new() -> Builder {
        Builder::with_capacity(0)
    }

    fn with_capacity(n: usize) -> Builder {
        Builder { ascii: String::with_capacity(n), wide: None }
    }

    fn widen(&mut self) -> &mut Vec<u32> {
        let ascii = &self.ascii;
        self.wide.get_or_insert_with(|| {
            let mut v = Vec::with_capacity(ascii.capacity().max(16));
            v.extend(ascii.bytes().map(u32::from));
            v
        })
    }

    fn push_str(&mut self, s: &str) {
        match &mut self.wide {
            None if s.is_ascii() => self.ascii.push_str(s),
            _ => self.widen().extend(s.chars().map(u32::from)),
        }
    }

    fn push_data(&mut self, d: &StrData) {
        match (&mut self.wide, d.repr()) {
            (None, StrRepr::Ascii(s)) => self.ascii.push_str(s),
            _ => self.widen().extend(d.code_points()),
        }
    }

    fn push_obj(&mut self, o: &Obj) {
        if let Some(d) = pystr::data(o) {
            self.push_data(d);
        }
    }

    fn push_code_point(&mut self, c: u32) {
        match &mut self.wide {
            None if c < 0x80 => self.ascii.push(c as u8 as char),
            _ => self.widen().push(c),
        }
    }

    fn finish(self, vm: &Vm) -> Obj {
        match self.wide {
            // Only ASCII text is ever pushed onto `ascii`: no scan.
            None => vm.new_str_data(StrData::from_ascii(self.ascii)),
            Some(w) => vm.new_str_from_code_points(&w),
        }
    }
}

#[inline]
fn at<T: Unit>(s: &[T], i: usize) -> u32 {
    s[i].into()
}

const fn c(ch: char) -> u32 {
    ch as u32
}

fn push_units<T: Unit>(out: &mut Builder, units: &[T]) {
    if let Some(text) = T::as_ascii(units) {
        out.push_str(text);
        return;
    }
    for &u in units {
        out.push_code_point(u.into());
    }
}

fn units_to_str<T: Unit>(vm: &Vm, units: &[T]) -> Obj {
    if let Some(text) = T::as_ascii(units) {
        return vm.new_str(text);
    }
    let cps: Vec<u32> = units.iter().map(|&u| u.into()).collect();
    vm.new_str_from_code_points(&cps)
}

// ---------------------------------------------------------------------------
// format()
// ---------------------------------------------------------------------------

impl Vm {
    /// `format(value, spec)` (and `FORMAT_VALUE`): `type(value).__format__(value, spec)`.
    pub fn format(&self, value: &Obj, spec: &Obj) -> PyResult<Obj> {
        let Some(sd) = pystr::data(spec) else {
            return Err(self.type_error(format!("format() argument 2 must be str, not {}", spec.class().name())));
        };
        if value.type_is(&self.ctx.types.str) {
            // An exact str's `__format__` cannot be overridden.
            return format_str_value(self, value, sd);
        }
        if sd.is_empty() && value.type_is(&self.ctx.types.int) {
            return self.str(value);
        }
        // Exact ints and floats: their own `__format__` (their types are
        // immutable), called without looking it up or packing arguments.
        if value.type_is(&self.ctx.types.int) {
            return int::methods::int_format(self, value, std::slice::from_ref(spec), None);
        }
        if value.type_is(&self.ctx.types.float) {
            return crate::objects::float::float_format(self, value, std::slice::from_ref(spec), None);
        }
        let Some(r) = self.call_special(value, "__format__", std::slice::from_ref(spec))? else {
            return Err(self.type_error(format!("Type {:.100} doesn't define __format__", value.class().name())));
        };
        if pystr::data(&r).is_none() {
            return Err(self.type_error(format!("__format__ must return a str, not {}", r.class().name())));
        }
        Ok(r)
    }
}

/// `str.__format__(s, spec)`.
pub(crate) fn format_str_value(vm: &Vm, s: &Obj, spec: &StrData) -> PyResult<Obj> {
    if spec.is_empty() {
        return if s.type_is(&vm.ctx.types.str) { Ok(s.clone()) } else { vm.str(s) };
    }
    let tname = s.class().name();
    // A lone surrogate cannot go through `&str`; only a fill character can
    // legally be one, so it is put back after parsing.
    let fill_override = (spec.as_str().is_none() && spec.len() >= 2 && (0xD800..0xE000).contains(&spec.char_at(0)))
        .then(|| spec.char_at(0));
    let fs =
        taipan_format::parse_format_spec(&spec.to_string_lossy(), Some('s'), '<', tname).map_err(|e| fmt_err(vm, e))?;
    let Some(d) = pystr::data(s) else {
        return Err(vm.type_error(format!(
            "descriptor '__format__' requires a 'str' object but received a '{}'",
            s.class().name()
        )));
    };
    let (before, after, keep) = taipan_format::format_str_spec(d.len(), &fs, tname).map_err(|e| fmt_err(vm, e))?;
    if before == 0 && after == 0 && keep.is_none() && s.type_is(&vm.ctx.types.str) {
        return Ok(s.clone());
    }
    let fill = fill_override.unwrap_or(fs.fill as u32);
    check_alloc(vm, before.saturating_add(after), 8)?;
    let mut out = Builder::new();
    push_fill(&mut out, fill, before);
    match keep {
        Some(n) => {
            for cp in d.code_points().take(n) {
                out.push_code_point(cp);
            }
        }
        None => out.push_data(d),
    }
    push_fill(&mut out, fill, after);
    Ok(out.finish(vm))
}

/// MemoryError (as CPython's writer gives) for padding too large to
/// allocate, instead of aborting: large requests are tried first.
fn check_alloc(vm: &Vm, n: usize, unit: usize) -> PyResult<()> {
    if n < 1 << 20 {
        return Ok(());
    }
    let bytes = n.checked_mul(unit).filter(|&b| b <= isize::MAX as usize).ok_or_else(|| vm.memory_error())?;
    let mut probe: Vec<u8> = Vec::new();
    probe.try_reserve_exact(bytes).map_err(|_| vm.memory_error())
}

fn push_fill(out: &mut Builder, fill: u32, n: usize) {
    for _ in 0..n {
        out.push_code_point(fill);
    }
}

// ---------------------------------------------------------------------------
// str.format / str.format_map
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoState {
    Init,
    Auto,
    Manual,
}

/// Where replacement fields get their values (CPython's args, kwargs and
/// `AutoNumber`).
struct FieldSource<'a> {
    vm: &'a Vm,
    /// Positional arguments; `None` for `format_map`.
    args: Option<&'a [Obj]>,
    /// Keyword arguments (a dict) or the `format_map` mapping.
    kwargs: Option<Obj>,
    auto_state: AutoState,
    auto_next: usize,
}

/// One parsed replacement field: index ranges into the format string.
struct Field {
    name: (usize, usize),
    conversion: Option<u32>,
    spec: (usize, usize),
    spec_needs_expanding: bool,
}

/// `str.format(*args, **kwargs)`.
pub(crate) fn str_format(vm: &Vm, s: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let npos = crate::protocol::call::npositional(args, kwnames);
    let kwargs = match kwnames {
        Some(k) if tuple::len(k) > 0 => Some(vm.kwargs_dict(args, kwnames)?),
        _ => None,
    };
    let mut src = FieldSource { vm, args: Some(&args[..npos]), kwargs, auto_state: AutoState::Init, auto_next: 0 };
    run_format(&mut src, s)
}

/// `str.format_map(mapping)`.
pub(crate) fn str_format_map(vm: &Vm, s: &Obj, mapping: &Obj) -> PyResult<Obj> {
    let mut src =
        FieldSource { vm, args: None, kwargs: Some(mapping.clone()), auto_state: AutoState::Init, auto_next: 0 };
    run_format(&mut src, s)
}

fn run_format(src: &mut FieldSource, s: &Obj) -> PyResult<Obj> {
    if pystr::data(s).is_none() {
        return Err(src
            .vm
            .type_error(format!("descriptor 'format' requires a 'str' object but received a '{}'", s.class().name())));
    }
    // Read in place under a reference of our own (see the module comment).
    let keep = s.clone();
    let d = pystr::data(&keep).expect("checked above");
    with_units!(d.repr(), build_entire(src))
}

fn build_entire<T: Unit>(fmt: &[T], src: &mut FieldSource) -> PyResult<Obj> {
    build_string(src, fmt, 0, fmt.len(), 2)
}

/// CPython's `build_string`: the text of `fmt[start..end]` with its fields
/// replaced; `depth` limits nested specs (`{:{}}`).
fn build_string<T: Unit>(src: &mut FieldSource, fmt: &[T], start: usize, end: usize, depth: u32) -> PyResult<Obj> {
    let vm = src.vm;
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = Builder::with_capacity(end - start + 16);
    let mut pos = start;
    while pos < end {
        let (literal, field) = next_markup(vm, fmt, &mut pos, end)?;
        push_units(&mut out, &fmt[literal.0..literal.1]);
        if let Some(f) = field {
            output_markup(src, fmt, &f, &mut out, depth)?;
        }
    }
    Ok(out.finish(vm))
}

/// CPython's `MarkupIterator_next`: literal text up to the next field (with
/// `{{`/`}}` unescaped), and the field that follows, if any.
fn next_markup<T: Unit>(vm: &Vm, fmt: &[T], pos: &mut usize, end: usize) -> PyResult<((usize, usize), Option<Field>)> {
    let start = *pos;
    let mut ch = 0;
    let mut markup_follows = false;
    while *pos < end {
        ch = at(fmt, *pos);
        *pos += 1;
        if ch == c('{') || ch == c('}') {
            markup_follows = true;
            break;
        }
    }
    let at_end = *pos >= end;
    let mut len = *pos - start;
    if ch == c('}') && (at_end || at(fmt, *pos) != ch) {
        return Err(vm.value_error("Single '}' encountered in format string"));
    }
    if at_end && ch == c('{') {
        return Err(vm.value_error("Single '{' encountered in format string"));
    }
    if !at_end {
        if at(fmt, *pos) == ch {
            // `{{` or `}}`: the literal keeps one brace.
            *pos += 1;
            markup_follows = false;
        } else {
            len -= 1;
        }
    }
    let literal = (start, start + len);
    if !markup_follows {
        return Ok((literal, None));
    }
    let field = parse_field(vm, fmt, pos, end)?;
    Ok((literal, Some(field)))
}

/// CPython's `parse_field`: `name[!conv][:spec]}` from `*pos` (just past the `{`).
fn parse_field<T: Unit>(vm: &Vm, fmt: &[T], pos: &mut usize, end: usize) -> PyResult<Field> {
    let name_start = *pos;
    let mut ch = 0;
    while *pos < end {
        ch = at(fmt, *pos);
        *pos += 1;
        if ch == c('{') {
            return Err(vm.value_error("unexpected '{' in field name"));
        }
        if ch == c('[') {
            while *pos < end && at(fmt, *pos) != c(']') {
                *pos += 1;
            }
            continue;
        }
        if ch == c('}') || ch == c(':') || ch == c('!') {
            break;
        }
    }
    let name = (name_start, (*pos).max(name_start + 1) - 1);
    let mut field = Field { name, conversion: None, spec: (*pos, *pos), spec_needs_expanding: false };
    if ch != c('!') && ch != c(':') {
        if ch != c('}') {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        return Ok(field);
    }
    if ch == c('!') {
        if *pos >= end {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        }
        field.conversion = Some(at(fmt, *pos));
        *pos += 1;
        if *pos < end {
            let next = at(fmt, *pos);
            *pos += 1;
            if next == c('}') {
                field.spec = (*pos, *pos);
                return Ok(field);
            }
            if next != c(':') {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *pos;
    let mut count = 1;
    while *pos < end {
        let ch = at(fmt, *pos);
        *pos += 1;
        if ch == c('{') {
            field.spec_needs_expanding = true;
            count += 1;
        } else if ch == c('}') {
            count -= 1;
            if count == 0 {
                field.spec = (spec_start, *pos - 1);
                return Ok(field);
            }
        }
    }
    Err(vm.value_error("unmatched '{' in format spec"))
}

/// CPython's `output_markup`: look the field up, convert it, format it.
fn output_markup<T: Unit>(src: &mut FieldSource, fmt: &[T], f: &Field, out: &mut Builder, depth: u32) -> PyResult<()> {
    let vm = src.vm;
    let mut obj = get_field_object(src, fmt, f.name)?;
    if let Some(conv) = f.conversion {
        obj = convert_field(vm, &obj, conv)?;
    }
    let spec = if f.spec_needs_expanding {
        build_string(src, fmt, f.spec.0, f.spec.1, depth - 1)?
    } else {
        units_to_str(vm, &fmt[f.spec.0..f.spec.1])
    };
    let r = vm.format(&obj, &spec)?;
    out.push_obj(&r);
    Ok(())
}

/// `!r`, `!s`, `!a`.
fn convert_field(vm: &Vm, obj: &Obj, conv: u32) -> PyResult<Obj> {
    match char::from_u32(conv) {
        Some('r') => vm.repr(obj),
        Some('s') => vm.str(obj),
        Some('a') => vm.ascii(obj),
        _ if conv > 32 && conv < 127 => {
            Err(vm.value_error(format!("Unknown conversion specifier {}", conv as u8 as char)))
        }
        _ => Err(vm.value_error(format!("Unknown conversion specifier \\x{conv:x}"))),
    }
}

/// CPython's `get_integer`: a run of decimal digits as an index, `None` if
/// the text is empty or not all digits.
fn get_integer<T: Unit>(vm: &Vm, units: &[T]) -> PyResult<Option<usize>> {
    if units.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &u in units {
        let Some(d) = taipan_format::decimal_value(u.into()) else { return Ok(None) };
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(vm.value_error("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc))
}

impl FieldSource<'_> {
    /// Auto-numbering (`{}`) versus manual numbering (`{0}`).
    fn field_index(&mut self, empty: bool, index: Option<usize>) -> PyResult<Option<usize>> {
        let numeric = empty || index.is_some();
        if !numeric {
            return Ok(None);
        }
        if self.auto_state == AutoState::Init {
            self.auto_state = if empty { AutoState::Auto } else { AutoState::Manual };
        }
        match (self.auto_state, empty) {
            (AutoState::Manual, true) => {
                Err(self.vm.value_error("cannot switch from manual field specification to automatic field numbering"))
            }
            (AutoState::Auto, false) => {
                Err(self.vm.value_error("cannot switch from automatic field numbering to manual field specification"))
            }
            (_, true) => {
                let n = self.auto_next;
                self.auto_next += 1;
                Ok(Some(n))
            }
            _ => Ok(index),
        }
    }

    fn positional(&self, index: usize) -> PyResult<Obj> {
        let Some(args) = self.args else {
            return Err(self.vm.value_error("Format string contains positional fields"));
        };
        args.get(index).cloned().ok_or_else(|| {
            self.vm.index_error(format!("Replacement index {index} out of range for positional args tuple"))
        })
    }

    fn keyword(&self, key: Obj) -> PyResult<Obj> {
        match &self.kwargs {
            None => Err(self.vm.key_error(key)),
            Some(k) => self.vm.getitem(k, &key),
        }
    }
}

/// CPython's `get_field_object`: the argument named by `first(.attr|[key])*`.
fn get_field_object<T: Unit>(src: &mut FieldSource, fmt: &[T], name: (usize, usize)) -> PyResult<Obj> {
    let vm = src.vm;
    let (start, end) = name;
    let mut i = start;
    while i < end && at(fmt, i) != c('.') && at(fmt, i) != c('[') {
        i += 1;
    }
    let first = &fmt[start..i];
    let index = get_integer(vm, first)?;
    let index = src.field_index(first.is_empty(), index)?;
    let mut obj = match index {
        Some(n) => src.positional(n)?,
        None => src.keyword(units_to_str(vm, first))?,
    };
    let mut pos = i;
    while pos < end {
        obj = field_part(vm, fmt, &mut pos, end, &obj)?;
    }
    Ok(obj)
}

/// CPython's `FieldNameIterator_next` and the lookup it asks for.
fn field_part<T: Unit>(vm: &Vm, fmt: &[T], pos: &mut usize, end: usize, obj: &Obj) -> PyResult<Obj> {
    let kind = at(fmt, *pos);
    *pos += 1;
    let start = *pos;
    let (name, is_attr) = if kind == c('.') {
        while *pos < end && at(fmt, *pos) != c('.') && at(fmt, *pos) != c('[') {
            *pos += 1;
        }
        (&fmt[start..*pos], true)
    } else if kind == c('[') {
        while *pos < end && at(fmt, *pos) != c(']') {
            *pos += 1;
        }
        if *pos >= end {
            return Err(vm.value_error("Missing ']' in format string"));
        }
        *pos += 1;
        (&fmt[start..*pos - 1], false)
    } else {
        return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
    };
    let index = if is_attr { None } else { get_integer(vm, name)? };
    if name.is_empty() {
        return Err(vm.value_error("Empty attribute in format string"));
    }
    if is_attr {
        return vm.getattr(obj, &units_to_str(vm, name));
    }
    match index {
        Some(n) => vm.getitem(obj, &vm.new_usize(n)),
        None => vm.getitem(obj, &units_to_str(vm, name)),
    }
}

// ---------------------------------------------------------------------------
// The % operator
// ---------------------------------------------------------------------------

/// An error while parsing a `%` spec: from the spec parser or a callback.
enum PctErr {
    Py(PyErr),
    Fmt(FmtError),
}

impl From<FmtError> for PctErr {
    fn from(e: FmtError) -> PctErr {
        PctErr::Fmt(e)
    }
}

impl From<PyErr> for PctErr {
    fn from(e: PyErr) -> PctErr {
        PctErr::Py(e)
    }
}

impl PctErr {
    fn into_py(self, vm: &Vm, bytes_mode: bool) -> PyErr {
        match self {
            PctErr::Py(e) => e,
            PctErr::Fmt(FmtError::ValueError(m)) if bytes_mode && m == "precision too big" => {
                vm.value_error("prec too big")
            }
            PctErr::Fmt(e) => fmt_err(vm, e),
        }
    }
}

/// The argument state of one `%` operation (CPython's `ctx->args`,
/// `arglen`, `argidx`, `dict`).
struct PctArgs<'a, T> {
    vm: &'a Vm,
    fmt: &'a [T],
    bytes_mode: bool,
    dict: Option<Obj>,
    args: Obj,
    arglen: isize,
    argidx: isize,
}

impl<'a, T: Unit> PctArgs<'a, T> {
    fn new(vm: &'a Vm, fmt: &'a [T], args: &Obj, bytes_mode: bool) -> Self {
        let is_tuple = args.type_is(&vm.ctx.types.tuple) || vm.isinstance_type(args, &vm.ctx.types.tuple);
        let (arglen, argidx) = if is_tuple { (tuple::len(args) as isize, 0) } else { (-1, -2) };
        let excluded = is_tuple
            || pystr::data(args).is_some()
            || (bytes_mode && bytes::as_bytes_ref(args).is_some())
            || (bytes_mode && crate::objects::bytearray::data(args).is_some());
        let is_mapping = args.class().slots.mp_subscript.get().is_some() && !excluded;
        PctArgs { vm, fmt, bytes_mode, dict: is_mapping.then(|| args.clone()), args: args.clone(), arglen, argidx }
    }

    /// CPython's `getnextarg`.
    fn next_arg(&mut self) -> PyResult<Obj> {
        if self.argidx < self.arglen {
            let i = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args.clone());
            }
            return Ok(tuple::items(&self.args)[i as usize].clone());
        }
        Err(self.vm.type_error("not enough arguments for format string"))
    }

    /// Arguments left over (or, with a mapping, a key's value unused).
    fn check_leftover(&self, after_each: bool) -> PyResult<()> {
        let leftover = self.argidx < self.arglen && (self.dict.is_some() == after_each);
        if leftover {
            let what = if self.bytes_mode { "bytes" } else { "string" };
            return Err(self.vm.type_error(format!("not all arguments converted during {what} formatting")));
        }
        Ok(())
    }
}

impl<T: Unit> PercentArgs for PctArgs<'_, T> {
    type Error = PctErr;

    fn check_mapping(&mut self) -> Result<(), PctErr> {
        if self.dict.is_none() {
            return Err(self.vm.type_error("format requires a mapping").into());
        }
        Ok(())
    }

    fn mapping_key(&mut self, start: usize, end: usize) -> Result<(), PctErr> {
        let vm = self.vm;
        let units = &self.fmt[start..end];
        let key = if self.bytes_mode {
            vm.new_bytes(units.iter().map(|&u| Into::<u32>::into(u) as u8).collect())
        } else {
            units_to_str(vm, units)
        };
        let Some(dict) = self.dict.clone() else {
            return Err(vm.type_error("format requires a mapping").into());
        };
        self.args = vm.getitem(&dict, &key)?;
        self.arglen = -1;
        self.argidx = -2;
        Ok(())
    }

    fn star(&mut self, for_precision: bool) -> Result<i64, PctErr> {
        let vm = self.vm;
        let v = self.next_arg()?;
        let Some(iv) = int::value(&v) else {
            return Err(vm.type_error("* wants int").into());
        };
        match iv.as_i64() {
            Some(x) if !for_precision => Ok(x),
            Some(x) if i32::try_from(x).is_ok() => Ok(x),
            _ if for_precision => Err(vm.overflow_error("Python int too large to convert to C int").into()),
            _ => Err(vm.overflow_error("Python int too large to convert to C ssize_t").into()),
        }
    }
}

/// `str % args`.
pub(crate) fn percent_format_str(vm: &Vm, fmt: &Obj, args: &Obj) -> PyResult<Obj> {
    if pystr::data(fmt).is_none() {
        return Err(vm.type_error(format!(
            "descriptor '__mod__' requires a 'str' object but received a '{}'",
            fmt.class().name()
        )));
    }
    // Read in place under a reference of our own (see the module comment).
    let keep = fmt.clone();
    let d = pystr::data(&keep).expect("checked above");
    with_units!(d.repr(), percent_str_units(vm, args))
}

fn percent_str_units<T: Unit>(fmt: &[T], vm: &Vm, args: &Obj) -> PyResult<Obj> {
    let mut st = PctArgs::new(vm, fmt, args, false);
    let mut out = Builder::with_capacity(fmt.len() + 16);
    let n = fmt.len();
    let mut pos = 0;
    while pos < n {
        if at(fmt, pos) != c('%') {
            let next = (pos..n).find(|&i| at(fmt, i) == c('%')).unwrap_or(n);
            push_units(&mut out, &fmt[pos..next]);
            pos = next;
            continue;
        }
        let spec = taipan_format::parse_percent_spec(fmt, pos + 1, &mut st).map_err(|e| e.into_py(vm, false))?;
        pos = spec.end;
        if spec.literal_percent {
            out.push_code_point(c('%'));
            continue;
        }
        let v = st.next_arg()?;
        format_str_arg(vm, &spec, &v, &mut out)?;
        st.check_leftover(true)?;
    }
    st.check_leftover(false)?;
    Ok(out.finish(vm))
}

/// One `%` conversion of `str % args`.
fn format_str_arg(vm: &Vm, spec: &PercentSpec, v: &Obj, out: &mut Builder) -> PyResult<()> {
    match spec.conv_char() {
        Some(conv @ ('s' | 'r' | 'a')) => {
            let plain = spec.width.is_none() && spec.precision.is_none();
            // `%s` of an exact str is its text, unpadded: no `str()` call.
            if plain && conv == 's' && v.type_is(&vm.ctx.types.str) {
                out.push_obj(v);
                return Ok(());
            }
            if plain && v.type_is(&vm.ctx.types.int) {
                out.push_obj(&vm.str(v)?);
                return Ok(());
            }
            let text = match conv {
                's' => vm.str(v)?,
                'r' => vm.repr(v)?,
                _ => vm.ascii(v)?,
            };
            let d = pystr::data(&text).expect("str() returns a str");
            let (before, after, keep) = taipan_format::percent_text_padding(d.len(), spec);
            check_alloc(vm, before.saturating_add(after), 8)?;
            push_fill(out, c(' '), before);
            match keep {
                Some(k) => d.code_points().take(k).for_each(|cp| out.push_code_point(cp)),
                None => out.push_data(d),
            }
            push_fill(out, c(' '), after);
            Ok(())
        }
        Some(conv @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X')) => {
            // A machine-word int is written straight into the result.
            if let (Some(IntValue::Small(x)), None) = (int::value(v), &out.wide) {
                return taipan_format::percent_i64_into(&mut out.ascii, *x, spec).map_err(|e| fmt_err(vm, e));
            }
            out.push_str(&percent_int_text(vm, spec, conv, v)?);
            Ok(())
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G') => {
            if out.wide.is_none() {
                let x = vm.to_f64(v)?;
                return taipan_format::percent_float_into(&mut out.ascii, x, spec).map_err(|e| fmt_err(vm, e));
            }
            out.push_str(&percent_float_text(vm, spec, v)?);
            Ok(())
        }
        Some('c') => {
            let ch = percent_char(vm, v)?;
            let (before, after, _) = taipan_format::percent_text_padding(1, spec);
            check_alloc(vm, before.saturating_add(after), 8)?;
            push_fill(out, c(' '), before);
            out.push_code_point(ch);
            push_fill(out, c(' '), after);
            Ok(())
        }
        _ => Err(fmt_err(vm, taipan_format::unsupported_format_character(spec))),
    }
}

/// CPython's `PyNumber_Check`.
fn is_number(vm: &Vm, v: &Obj) -> bool {
    let s = &v.class().slots;
    s.nb_index.get().is_some()
        || s.nb_int.get().is_some()
        || s.nb_float.get().is_some()
        || vm.isinstance_type(v, &vm.ctx.types.complex)
}

/// The int a `%d`/`%x`-style conversion formats (CPython's `mainformatlong`).
fn percent_int_value(vm: &Vm, v: &Obj, conv: char) -> PyResult<IntValue> {
    if let Some(i) = int::value(v) {
        return Ok(i.clone());
    }
    let wrong_type = || {
        let what = if matches!(conv, 'o' | 'x' | 'X') { "an integer" } else { "a real number" };
        vm.type_error(format!("%{conv} format: {what} is required, not {}", v.class().name()))
    };
    if !is_number(vm, v) {
        return Err(wrong_type());
    }
    let r = if matches!(conv, 'o' | 'x' | 'X') { vm.index_value(v) } else { int::methods::int_from_object(vm, v) };
    r.map_err(|e| if vm.err_matches(&e, &vm.ctx.exceptions.type_error) { wrong_type() } else { e })
}

fn percent_int_text(vm: &Vm, spec: &PercentSpec, conv: char, v: &Obj) -> PyResult<String> {
    let iv = percent_int_value(vm, v, conv)?;
    if let IntValue::Small(x) = iv {
        let plain = spec.width.is_none() && spec.precision.is_none() && !spec.plus && !spec.space;
        if plain && matches!(conv, 'd' | 'i' | 'u') {
            return Ok(x.to_string());
        }
        return taipan_format::percent_i64(x, spec).map_err(|e| fmt_err(vm, e));
    }
    taipan_format::percent_int(&iv.to_big(), spec, vm.int_max_str_digits()).map_err(|e| fmt_err(vm, e))
}

fn percent_float_text(vm: &Vm, spec: &PercentSpec, v: &Obj) -> PyResult<String> {
    let x = vm.to_f64(v)?;
    taipan_format::percent_float(x, spec).map_err(|e| fmt_err(vm, e))
}

/// The code point of `%c` (CPython's `formatchar`).
fn percent_char(vm: &Vm, v: &Obj) -> PyResult<u32> {
    if let Some(d) = pystr::data(v) {
        if d.len() == 1 {
            return Ok(d.char_at(0));
        }
        return Err(vm.type_error("%c requires int or char"));
    }
    let iv = match vm.index_value(v) {
        Ok(i) => i,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => {
            return Err(vm.type_error("%c requires int or char"));
        }
        Err(e) => return Err(e),
    };
    taipan_format::percent_char_code(&iv.to_big()).map_err(|e| fmt_err(vm, e))
}

/// `bytes % args` and `bytearray % args` (the result has the type of `fmt`'s base).
pub(crate) fn percent_format_bytes(vm: &Vm, fmt: &Obj, args: &Obj) -> PyResult<Obj> {
    let f = bytes::bytes_like(vm, fmt)?;
    let mut st = PctArgs::new(vm, &f, args, true);
    let mut out: Vec<u8> = Vec::with_capacity(f.len());
    let n = f.len();
    let mut pos = 0;
    while pos < n {
        if f[pos] != b'%' {
            let next = f[pos..].iter().position(|&b| b == b'%').map_or(n, |p| pos + p);
            out.extend_from_slice(&f[pos..next]);
            pos = next;
            continue;
        }
        let spec = taipan_format::parse_percent_spec(&f[..], pos + 1, &mut st).map_err(|e| e.into_py(vm, true))?;
        pos = spec.end;
        if spec.literal_percent {
            out.push(b'%');
            continue;
        }
        let v = st.next_arg()?;
        format_bytes_arg(vm, &spec, &v, &mut out)?;
        st.check_leftover(true)?;
    }
    st.check_leftover(false)?;
    if crate::objects::bytearray::data(fmt).is_some() {
        return Ok(vm.new_bytearray(out));
    }
    Ok(vm.new_bytes(out))
}

/// One `%` conversion of `bytes % args`.
fn format_bytes_arg(vm: &Vm, spec: &PercentSpec, v: &Obj, out: &mut Vec<u8>) -> PyResult<()> {
    match spec.conv_char() {
        Some('r' | 'a') => {
            let text = vm.ascii(v)?;
            let b: Vec<u8> =
                pystr::data(&text).expect("ascii() returns a str").code_points().map(|c| c as u8).collect();
            push_padded_bytes(vm, out, spec, &b, true)
        }
        Some('s' | 'b') => {
            let b = bytes_of_object(vm, v)?;
            push_padded_bytes(vm, out, spec, &b, true)
        }
        Some(conv @ ('d' | 'i' | 'u' | 'o' | 'x' | 'X')) => {
            // bytes formatting reports `%i` as `%d`.
            let conv = if conv == 'i' { 'd' } else { conv };
            out.extend_from_slice(percent_int_text(vm, spec, conv, v)?.as_bytes());
            Ok(())
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G') => {
            // Any failure of the float conversion becomes this TypeError.
            let x = vm
                .to_f64(v)
                .map_err(|_| vm.type_error(format!("float argument required, not {:.200}", v.class().name())))?;
            let text = taipan_format::percent_float(x, spec).map_err(|e| fmt_err(vm, e))?;
            out.extend_from_slice(text.as_bytes());
            Ok(())
        }
        Some('c') => {
            let b = percent_byte(vm, v)?;
            push_padded_bytes(vm, out, spec, &[b], false)
        }
        _ => Err(bytes_unsupported(vm, spec)),
    }
}

/// `%s`/`%b` text padding: `width`, `-`, and (for s/b/r/a) `.prec` truncation.
fn push_padded_bytes(vm: &Vm, out: &mut Vec<u8>, spec: &PercentSpec, b: &[u8], truncate: bool) -> PyResult<()> {
    let len = match spec.precision {
        Some(p) if truncate && b.len() > p => p,
        _ => b.len(),
    };
    let pad = spec.width.unwrap_or(0).saturating_sub(len);
    out.try_reserve(pad.saturating_add(len)).map_err(|_| vm.memory_error())?;
    if !spec.minus {
        out.resize(out.len() + pad, b' ');
    }
    out.extend_from_slice(&b[..len]);
    if spec.minus {
        out.resize(out.len() + pad, b' ');
    }
    Ok(())
}

/// CPython's `format_obj` for `%b`/`%s`: bytes, bytearray or `__bytes__`.
fn bytes_of_object(vm: &Vm, v: &Obj) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes::as_bytes(v) {
        return Ok(b);
    }
    if let Some(r) = vm.call_special(v, "__bytes__", &[])? {
        return match bytes::as_bytes_ref(&r) {
            Some(b) => Ok(b.to_vec()),
            None => Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", r.class().name()))),
        };
    }
    Err(vm.type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{:.100}'",
        v.class().name()
    )))
}

/// CPython's `byte_converter` for `%c` in bytes.
fn percent_byte(vm: &Vm, v: &Obj) -> PyResult<u8> {
    if let Some(b) = bytes::as_bytes(v) {
        if b.len() == 1 {
            return Ok(b[0]);
        }
    }
    let wrong = || vm.type_error("%c requires an integer in range(256) or a single byte");
    let iv = match vm.index_value(v) {
        Ok(i) => i,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.type_error) => return Err(wrong()),
        Err(e) => return Err(e),
    };
    match iv.as_i64() {
        Some(x) if (0..=255).contains(&x) => Ok(x as u8),
        _ => Err(vm.overflow_error("%c arg not in range(256)")),
    }
}

/// The bytes version of "unsupported format character": the character is
/// shown as is (CPython formats the C `char`; a byte past 0x7f is negative
/// there and fails to format).
fn bytes_unsupported(vm: &Vm, spec: &PercentSpec) -> PyErr {
    let ch = spec.conv;
    if ch >= 0x80 {
        return vm.overflow_error("character argument not in range(0x110000)");
    }
    let shown = char::from_u32(ch).unwrap_or('?');
    vm.value_error(format!("unsupported format character '{shown}' (0x{ch:x}) at index {}", spec.conv_index))
}
