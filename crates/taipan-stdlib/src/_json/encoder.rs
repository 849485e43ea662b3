//! The encoding half of `_json`: `encode_basestring(_ascii)` and the
//! encoder type (CPython 3.11's `encoder_listencode_obj`, `_list`,
//! `_dict`, with its `_PyAccu` accumulator: the result is a list of
//! strings, a new one begun every 100,000 pieces).

use taipan_vm::api::str::{StrData, StrRepr};
use taipan_vm::api::types::{GetSetDef, Slots, TypeSpec};
use taipan_vm::api::{args, dict, float, int, list, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::{ENCODER, ESCAPE_ASCII_FN, ESCAPE_FN};
use crate::support::{clear_cells, module_type, ssize_arg, visit_cells};

/// CPython's `_PyAccu` joins its small pieces into one string every this
/// many pieces.
const PIECES_PER_CHUNK: usize = 100_000;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A growing str: ASCII text until a wider character arrives, then code
/// points. Every growth is fallible (MemoryError).
pub(crate) struct Writer {
    ascii: String,
    wide: Option<Vec<u32>>,
    /// Pieces accumulated since the last chunk (the encoder's `_PyAccu`).
    pieces: usize,
    chunks: Vec<Obj>,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer { ascii: String::new(), wide: None, pieces: 0, chunks: Vec::new() }
    }

    fn reserve(&mut self, vm: &Vm, n: usize) -> PyResult<()> {
        let ok = match &mut self.wide {
            None => self.ascii.try_reserve(n).is_ok(),
            Some(w) => w.try_reserve(n).is_ok(),
        };
        if ok {
            Ok(())
        } else {
            Err(vm.memory_error())
        }
    }

    fn widen(&mut self, vm: &Vm) -> PyResult<&mut Vec<u32>> {
        if self.wide.is_none() {
            let mut v = Vec::new();
            v.try_reserve(self.ascii.len() * 2 + 16).map_err(|_| vm.memory_error())?;
            v.extend(self.ascii.bytes().map(|b| b as u32));
            self.ascii = String::new();
            self.wide = Some(v);
        }
        Ok(self.wide.get_or_insert_with(Vec::new))
    }

    fn push_ascii(&mut self, vm: &Vm, s: &str) -> PyResult<()> {
        self.reserve(vm, s.len())?;
        match &mut self.wide {
            None => self.ascii.push_str(s),
            Some(w) => w.extend(s.bytes().map(|b| b as u32)),
        }
        Ok(())
    }

    fn push_data(&mut self, vm: &Vm, d: &StrData) -> PyResult<()> {
        if let (None, StrRepr::Ascii(s)) = (&self.wide, d.repr()) {
            return self.push_ascii(vm, s);
        }
        self.reserve(vm, d.len())?;
        let w = self.widen(vm)?;
        w.extend(d.code_points());
        Ok(())
    }

    /// The JSON string literal of `d` (CPython's `ascii_escape_unicode`
    /// when `ascii_only`, else `escape_unicode`).
    pub(crate) fn push_escaped(&mut self, vm: &Vm, d: &StrData, ascii_only: bool) -> PyResult<()> {
        if let StrRepr::Ascii(s) = d.repr() {
            return self.push_escaped_ascii(vm, s.as_bytes(), ascii_only);
        }
        if ascii_only {
            let mut out = String::new();
            out.try_reserve(d.len() + 2).map_err(|_| vm.memory_error())?;
            out.push('"');
            for c in d.code_points() {
                escape_ascii_char(&mut out, c);
            }
            out.push('"');
            return self.push_ascii(vm, &out);
        }
        self.reserve(vm, d.len() + 2)?;
        let w = self.widen(vm)?;
        w.push(b'"' as u32);
        let mut esc = String::new();
        for c in d.code_points() {
            if c < 0x20 || c == b'"' as u32 || c == b'\\' as u32 {
                esc.clear();
                escape_ascii_char(&mut esc, c);
                w.extend(esc.bytes().map(|b| b as u32));
            } else {
                w.push(c);
            }
        }
        w.push(b'"' as u32);
        Ok(())
    }

    /// An ASCII string's literal: runs that need no escape are copied whole.
    fn push_escaped_ascii(&mut self, vm: &Vm, s: &[u8], ascii_only: bool) -> PyResult<()> {
        let mut tmp = String::new();
        let direct = self.wide.is_none();
        let out = if direct { &mut self.ascii } else { &mut tmp };
        out.try_reserve(s.len() + 2).map_err(|_| vm.memory_error())?;
        out.push('"');
        let mut start = 0;
        for (i, &b) in s.iter().enumerate() {
            if b >= b' ' && b != b'"' && b != b'\\' && (b != 0x7f || !ascii_only) {
                continue;
            }
            out.push_str(ascii_slice(&s[start..i]));
            escape_ascii_char(out, b as u32);
            start = i + 1;
        }
        out.push_str(ascii_slice(&s[start..]));
        out.push('"');
        if direct {
            return Ok(());
        }
        self.push_ascii(vm, &tmp)
    }

    /// One piece of the encoder's output (one `_PyAccu_Accumulate`).
    fn piece(&mut self, vm: &Vm) {
        self.pieces += 1;
        if self.pieces >= PIECES_PER_CHUNK {
            let chunk = self.take_str(vm);
            self.chunks.push(chunk);
        }
    }

    fn take_str(&mut self, vm: &Vm) -> Obj {
        self.pieces = 0;
        match self.wide.take() {
            None => vm.new_str_from_string(std::mem::take(&mut self.ascii)),
            Some(w) => vm.new_str_from_code_points(&w),
        }
    }

    pub(crate) fn finish(mut self, vm: &Vm) -> Obj {
        self.take_str(vm)
    }

    /// The encoder's result: the chunks, as `_PyAccu_FinishAsList`.
    fn finish_list(mut self, vm: &Vm) -> Obj {
        if self.pieces > 0 {
            let chunk = self.take_str(vm);
            self.chunks.push(chunk);
        }
        vm.new_list(self.chunks)
    }
}

fn ascii_slice(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// Escape one character that `S_CHAR` rejects (or any character, for the
/// non-ASCII output of `encode_basestring_ascii`).
fn escape_ascii_char(out: &mut String, c: u32) {
    let simple = match c {
        0x5c => Some('\\'),
        0x22 => Some('"'),
        8 => Some('b'),
        12 => Some('f'),
        10 => Some('n'),
        13 => Some('r'),
        9 => Some('t'),
        _ => None,
    };
    if let Some(e) = simple {
        out.push('\\');
        out.push(e);
        return;
    }
    if (0x20..0x7f).contains(&c) {
        out.push(c as u8 as char);
        return;
    }
    let mut u16s = [0u32; 2];
    let units: &[u32] = if c >= 0x10000 {
        let v = c - 0x10000;
        u16s = [0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff)];
        &u16s
    } else {
        u16s[0] = c;
        &u16s[..1]
    };
    for &u in units {
        out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            out.push(HEX[((u >> shift) & 0xf) as usize] as char);
        }
    }
}

// ---- the encoder type --------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// `encoder` is the module's `encode_basestring_ascii`.
    Ascii,
    /// `encoder` is the module's `encode_basestring`.
    Unicode,
    /// Call `encoder`.
    No,
}

/// The encoder (CPython's `PyEncoderObject`).
struct Encoder {
    markers: ObjCell,
    defaultfn: ObjCell,
    encoder: ObjCell,
    indent: ObjCell,
    key_separator: ObjCell,
    item_separator: ObjCell,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    fast: Fast,
}

impl Encoder {
    fn cells(&self) -> [&ObjCell; 6] {
        [&self.markers, &self.defaultfn, &self.encoder, &self.indent, &self.key_separator, &self.item_separator]
    }
}

impl PyPayload for Encoder {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&self.cells(), visit);
    }

    fn clear(&self) {
        clear_cells(&self.cells());
    }
}

fn encoder_of<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Encoder> {
    taipan_vm::api::types::payload_or_err::<Encoder>(vm, o, ENCODER)
}

fn cell_value(vm: &Vm, c: &ObjCell) -> Obj {
    c.get().unwrap_or_else(|| vm.none())
}

const ENCODER_ARGS: [&str; 9] = [
    "markers",
    "default",
    "encoder",
    "indent",
    "key_separator",
    "item_separator",
    "sort_keys",
    "skipkeys",
    "allow_nan",
];

fn encoder_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "make_encoder", a, k, &ENCODER_ARGS, 9)?;
    let p: Vec<Obj> = p.into_iter().map(|o| o.unwrap_or_else(|| vm.none())).collect();
    for i in [4, 5] {
        if pystr::data(&p[i]).is_none() {
            return Err(vm.type_error(format!(
                "make_encoder() argument {} must be str, not {}",
                i + 1,
                p[i].class().name()
            )));
        }
    }
    let sort_keys = vm.is_true(&p[6])?;
    let skipkeys = vm.is_true(&p[7])?;
    let allow_nan = vm.is_true(&p[8])?;
    if !vm.is_none(&p[0]) && dict::data(&p[0]).is_none() {
        return Err(
            vm.type_error(format!("make_encoder() argument 1 must be dict or None, not {:.200}", p[0].class().name()))
        );
    }
    let is_fn = |key: &str| module_type(vm, key).is_some_and(|f| f.is(&p[2]));
    let fast = if is_fn(ESCAPE_ASCII_FN) {
        Fast::Ascii
    } else if is_fn(ESCAPE_FN) {
        Fast::Unicode
    } else {
        Fast::No
    };
    let e = Encoder {
        markers: ObjCell::some(p[0].clone()),
        defaultfn: ObjCell::some(p[1].clone()),
        encoder: ObjCell::some(p[2].clone()),
        indent: ObjCell::some(p[3].clone()),
        key_separator: ObjCell::some(p[4].clone()),
        item_separator: ObjCell::some(p[5].clone()),
        sort_keys,
        skipkeys,
        allow_nan,
        fast,
    };
    crate::support::alloc(vm, cls, ENCODER, e)
}

/// `encoder(obj, _current_indent_level)`: a list of str chunks.
fn encoder_call(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    vm.with_recursion(super::TP_CALL_WHERE, || iterencode(vm, o, a, k))
}

fn iterencode(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse(vm, "_iterencode", a, k, &["obj", "_current_indent_level"], 2)?;
    let (Some(obj), Some(level)) = (&p[0], &p[1]) else {
        return Err(vm.type_error("_iterencode() missing arguments"));
    };
    ssize_arg(vm, level)?;
    let e = encoder_of(vm, o)?;
    let state = State {
        vm,
        markers: e.markers.get().filter(|m| !vm.is_none(m)),
        defaultfn: cell_value(vm, &e.defaultfn),
        encoder: cell_value(vm, &e.encoder),
        key_separator: cell_value(vm, &e.key_separator),
        item_separator: cell_value(vm, &e.item_separator),
        sort_keys: e.sort_keys,
        skipkeys: e.skipkeys,
        allow_nan: e.allow_nan,
        fast: e.fast,
    };
    let mut w = Writer::new();
    state.encode_obj(&mut w, obj)?;
    Ok(w.finish_list(vm))
}

/// The encoder's settings for one call.
struct State<'a> {
    vm: &'a Vm,
    markers: Option<Obj>,
    defaultfn: Obj,
    encoder: Obj,
    key_separator: Obj,
    item_separator: Obj,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    fast: Fast,
}

const RECURSION_WHERE: &str = " while encoding a JSON object";

impl State<'_> {
    fn ascii_piece(&self, w: &mut Writer, s: &str) -> PyResult<()> {
        w.push_ascii(self.vm, s)?;
        w.piece(self.vm);
        Ok(())
    }

    fn str_piece(&self, w: &mut Writer, s: &Obj) -> PyResult<()> {
        if let Some(d) = pystr::data(s) {
            w.push_data(self.vm, d)?;
        }
        w.piece(self.vm);
        Ok(())
    }

    /// CPython's `encoder_listencode_obj`.
    fn encode_obj(&self, w: &mut Writer, o: &Obj) -> PyResult<()> {
        let vm = self.vm;
        if vm.is_none(o) {
            return self.ascii_piece(w, "null");
        }
        if o.is(&vm.ctx.true_) {
            return self.ascii_piece(w, "true");
        }
        if o.is(&vm.ctx.false_) {
            return self.ascii_piece(w, "false");
        }
        if pystr::data(o).is_some() {
            return self.encode_string(w, o);
        }
        if let Some(v) = int::value(o) {
            let s = int::to_decimal(vm, v)?;
            return self.ascii_piece(w, &s);
        }
        if let Some(x) = float::value(o) {
            let s = self.float_text(x)?;
            return self.ascii_piece(w, &s);
        }
        if list::is_list(o) || vm.isinstance_type(o, &vm.ctx.types.tuple) {
            return vm.with_recursion(RECURSION_WHERE, || self.encode_list(w, o));
        }
        if dict::data(o).is_some() {
            return vm.with_recursion(RECURSION_WHERE, || self.encode_dict(w, o));
        }
        let ident = self.mark(o)?;
        let newobj = vm.call1(&self.defaultfn, o.clone())?;
        vm.with_recursion(RECURSION_WHERE, || self.encode_obj(w, &newobj))?;
        self.unmark(ident)
    }

    /// Enter `o` in the markers (CPython keys them by address), or
    /// "Circular reference detected".
    fn mark(&self, o: &Obj) -> PyResult<Option<Obj>> {
        let Some(markers) = &self.markers else { return Ok(None) };
        let vm = self.vm;
        let ident = vm.new_usize(o.id());
        if dict::get_item_opt(vm, markers, &ident)?.is_some() {
            return Err(vm.value_error("Circular reference detected"));
        }
        dict::set_item(vm, markers, ident.clone(), o.clone())?;
        Ok(Some(ident))
    }

    fn unmark(&self, ident: Option<Obj>) -> PyResult<()> {
        match (&self.markers, ident) {
            (Some(markers), Some(ident)) => dict::del_item(self.vm, markers, &ident),
            _ => Ok(()),
        }
    }

    /// CPython's `encoder_encode_float`.
    fn float_text(&self, x: f64) -> PyResult<String> {
        if x.is_finite() {
            return Ok(float::repr(x));
        }
        if !self.allow_nan {
            return Err(self.vm.value_error("Out of range float values are not JSON compliant"));
        }
        Ok(if x > 0.0 {
            "Infinity"
        } else if x < 0.0 {
            "-Infinity"
        } else {
            "NaN"
        }
        .to_string())
    }

    /// CPython's `encoder_encode_string`, accumulated.
    fn encode_string(&self, w: &mut Writer, s: &Obj) -> PyResult<()> {
        let vm = self.vm;
        match (self.fast, pystr::data(s)) {
            (Fast::Ascii, Some(d)) => w.push_escaped(vm, d, true)?,
            (Fast::Unicode, Some(d)) => w.push_escaped(vm, d, false)?,
            _ => {
                let encoded = vm.call1(&self.encoder, s.clone())?;
                let Some(d) = pystr::data(&encoded) else {
                    return Err(
                        vm.type_error(format!("encoder() must return a string, not {:.80}", encoded.class().name()))
                    );
                };
                w.push_data(vm, d)?;
            }
        }
        w.piece(vm);
        Ok(())
    }

    /// CPython's `encoder_listencode_list` (a list or tuple).
    /// A list is read as it is at each step (CPython's
    /// `PySequence_Fast_GET_SIZE` each time round): a `default` that
    /// shortens it ends the loop early.
    fn encode_list(&self, w: &mut Writer, seq: &Obj) -> PyResult<()> {
        let is_list = list::is_list(seq);
        let item_at = |i: usize| if is_list { list::get(seq, i) } else { tuple::items(seq).get(i).cloned() };
        if item_at(0).is_none() {
            return self.ascii_piece(w, "[]");
        }
        let ident = self.mark(seq)?;
        self.ascii_piece(w, "[")?;
        let mut i = 0;
        while let Some(item) = item_at(i) {
            if i > 0 {
                self.str_piece(w, &self.item_separator)?;
            }
            self.encode_obj(w, &item)?;
            i += 1;
        }
        self.unmark(ident)?;
        self.ascii_piece(w, "]")
    }

    /// `PyMapping_Items(d)`: a list of the dict's items.
    fn items_of(&self, d: &Obj) -> PyResult<Obj> {
        let vm = self.vm;
        if d.type_is(&vm.ctx.types.dict) {
            let items = dict::items(d).into_iter().map(|(k, v)| vm.new_tuple(vec![k, v])).collect();
            return Ok(vm.new_list(items));
        }
        let got = vm.call_method(d, "items", &[])?;
        let it = vm.iter(&got).map_err(|e| {
            if vm.err_matches(&e, &vm.ctx.exceptions.type_error) {
                vm.type_error(format!(
                    "{:.200}.items() returned a non-iterable (type {:.200})",
                    d.class().name(),
                    got.class().name()
                ))
            } else {
                e
            }
        })?;
        vm.call1(&vm.ctx.types.list, it)
    }

    /// The text of a dict key, None to skip it (CPython's key checks).
    fn key_text(&self, key: &Obj) -> PyResult<Option<Obj>> {
        let vm = self.vm;
        if pystr::data(key).is_some() {
            return Ok(Some(key.clone()));
        }
        if let Some(x) = float::value(key) {
            return Ok(Some(vm.new_str_from_string(self.float_text(x)?)));
        }
        if key.is(&vm.ctx.true_) {
            return Ok(Some(vm.new_str("true")));
        }
        if key.is(&vm.ctx.false_) {
            return Ok(Some(vm.new_str("false")));
        }
        if vm.is_none(key) {
            return Ok(Some(vm.new_str("null")));
        }
        if let Some(v) = int::value(key) {
            return Ok(Some(vm.new_str_from_string(int::to_decimal(vm, v)?)));
        }
        if self.skipkeys {
            return Ok(None);
        }
        Err(vm.type_error(format!("keys must be str, int, float, bool or None, not {:.100}", key.class().name())))
    }

    /// CPython 3.11's `encoder_listencode_dict`.
    fn encode_dict(&self, w: &mut Writer, d: &Obj) -> PyResult<()> {
        let vm = self.vm;
        if dict::len(d) == 0 {
            return self.ascii_piece(w, "{}");
        }
        let ident = self.mark(d)?;
        self.ascii_piece(w, "{")?;
        if d.type_is(&vm.ctx.types.dict) {
            // `PyDict_Items` made no list visible to Python: read the pairs.
            let mut pairs = dict::items(d);
            let all_str = || pairs.iter().all(|(k, _)| k.type_is(&vm.ctx.types.str));
            if !self.sort_keys || all_str() {
                if self.sort_keys {
                    // Distinct str keys: sorting the (key, value) tuples
                    // compares the keys only.
                    pairs.sort_by(|(a, _), (b, _)| match (pystr::data(a), pystr::data(b)) {
                        (Some(x), Some(y)) => x.cmp_data(y),
                        _ => std::cmp::Ordering::Equal,
                    });
                }
                let mut first = true;
                for (key, value) in pairs {
                    self.key_value(w, &mut first, &key, &value)?;
                }
                self.unmark(ident)?;
                return self.ascii_piece(w, "}");
            }
        }
        let items = self.items_of(d)?;
        if self.sort_keys {
            vm.call_method(&items, "sort", &[])?;
        }
        let mut first = true;
        let mut i = 0;
        while let Some(item) = list::get(&items, i) {
            i += 1;
            let pair = tuple::items(&item);
            if pair.len() != 2 || !vm.isinstance_type(&item, &vm.ctx.types.tuple) {
                return Err(vm.value_error("items must return 2-tuples"));
            }
            self.key_value(w, &mut first, &pair[0], &pair[1])?;
        }
        self.unmark(ident)?;
        self.ascii_piece(w, "}")
    }

    /// One `key: value` of a dict; false when `skipkeys` skipped it.
    fn key_value(&self, w: &mut Writer, first: &mut bool, key: &Obj, value: &Obj) -> PyResult<bool> {
        let Some(text) = self.key_text(key)? else { return Ok(false) };
        if !*first {
            self.str_piece(w, &self.item_separator)?;
        }
        *first = false;
        self.encode_string(w, &text)?;
        self.str_piece(w, &self.key_separator)?;
        self.encode_obj(w, value)?;
        Ok(true)
    }
}

const ENCODER_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("markers", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.markers)), None),
    GetSetDef::new("default", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.defaultfn)), None),
    GetSetDef::new("encoder", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.encoder)), None),
    GetSetDef::new("indent", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.indent)), None),
    GetSetDef::new("key_separator", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.key_separator)), None),
    GetSetDef::new("item_separator", |vm, o| Ok(cell_value(vm, &encoder_of(vm, o)?.item_separator)), None),
    GetSetDef::new("sort_keys", |vm, o| Ok(vm.bool_obj(encoder_of(vm, o)?.sort_keys)), None),
    GetSetDef::new("skipkeys", |vm, o| Ok(vm.bool_obj(encoder_of(vm, o)?.skipkeys)), None),
];

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: ENCODER,
        gc: true,
        getsets: ENCODER_GETSETS,
        doc: Some("_iterencode(obj, _current_indent_level) -> iterable"),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<Encoder>(vm, &spec, |s: &Slots| {
        s.new.set(Some(encoder_new));
        s.call.set(Some(encoder_call));
    })
}
