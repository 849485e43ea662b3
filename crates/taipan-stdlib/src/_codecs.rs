//! `_codecs` (CPython's `Modules/_codecsmodule.c`): the codec registry's
//! Python face and the codec functions `Lib/encodings/*` call. The
//! registry and the Unicode codecs live in the VM (`api::codecs`); the
//! charmap codec, the bytes escape codec and UTF-7 are here.

use std::collections::HashMap;
use std::fmt::Write;

use taipan_vm::api::codecs as reg;
use taipan_vm::api::types::{alloc_instance, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{buffer, bytes, dict, module, str as pystr, tuple, Obj, PyErr, PyPayload, PyResult, Vm};

const UNDEFINED: &str = "character maps to <undefined>";

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

/// Positional-only arguments, `min..=max` of them.
fn positional<'a>(vm: &Vm, fname: &str, a: &'a [Obj], k: Option<&Obj>, min: usize, max: usize) -> PyResult<&'a [Obj]> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    if a.len() < min || a.len() > max {
        let msg = if min == max {
            format!("{fname} expected {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())
        } else if a.len() < min {
            format!("{fname} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())
        } else {
            format!("{fname} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, a.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(a)
}

fn type_name(vm: &Vm, o: &Obj) -> String {
    if vm.is_none(o) {
        "None".into()
    } else {
        o.class().name().to_string()
    }
}

/// A str argument: "f() argument N must be str, not T".
fn str_arg(vm: &Vm, fname: &str, pos: usize, o: &Obj) -> PyResult<Obj> {
    if pystr::data(o).is_some() {
        return Ok(o.clone());
    }
    Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", type_name(vm, o))))
}

fn text(vm: &Vm, fname: &str, pos: Option<usize>, o: &Obj) -> PyResult<String> {
    match pystr::as_str(o) {
        Some(s) => Ok(s.to_string()),
        None if pystr::data(o).is_some() => Ok(pystr::as_str_lossy(o).into_owned()),
        None => {
            let p = pos.map(|p| format!(" {p}")).unwrap_or_default();
            Err(vm.type_error(format!("{fname}() argument{p} must be str, not {}", type_name(vm, o))))
        }
    }
}

/// The `errors` argument: str or None.
fn errors_arg(vm: &Vm, fname: &str, pos: usize, a: &[Obj]) -> PyResult<Option<String>> {
    let Some(o) = a.get(pos - 1) else { return Ok(None) };
    if vm.is_none(o) {
        return Ok(None);
    }
    match pystr::data(o) {
        Some(_) => Ok(Some(pystr::as_str_lossy(o).into_owned())),
        None => Err(vm.type_error(format!("{fname}() argument {pos} must be str or None, not {}", type_name(vm, o)))),
    }
}

fn data_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    buffer::with_bytes(vm, o, |b| b.to_vec())
}

/// Py_buffer(accept={str, buffer}): a str is taken as its UTF-8 bytes.
fn data_or_str(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if pystr::data(o).is_some() {
        return reg::encode_str(vm, o, None, None);
    }
    data_arg(vm, o)
}

fn flag_arg(vm: &Vm, a: &[Obj], pos: usize, default: bool) -> PyResult<bool> {
    match a.get(pos - 1) {
        Some(o) => vm.is_true(o),
        None => Ok(default),
    }
}

fn int_arg(vm: &Vm, a: &[Obj], pos: usize) -> PyResult<i64> {
    match a.get(pos - 1) {
        Some(o) => vm.to_i64(o),
        None => Ok(0),
    }
}

fn pair(vm: &Vm, a: Obj, n: usize) -> Obj {
    vm.new_tuple(vec![a, vm.new_usize(n)])
}

// ---------------------------------------------------------------------------
// The registry
// ---------------------------------------------------------------------------

fn codecs_register(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "register", a, k, 1, 1)?;
    reg::register(vm, &a[0])?;
    Ok(vm.none())
}

fn codecs_unregister(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "unregister", a, k, 1, 1)?;
    reg::unregister(vm, &a[0]);
    Ok(vm.none())
}

fn codecs_lookup(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "lookup", a, k, 1, 1)?;
    let name = text(vm, "lookup", None, &a[0])?;
    // Argument Clinic's `str` converter: UTF-8 (a lone surrogate raises
    // UnicodeEncodeError) without NUL.
    if pystr::as_str(&a[0]).is_none() {
        taipan_vm::api::codecs::encode_str(vm, &a[0], None, None)?;
    }
    if name.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    reg::lookup(vm, &name)
}

fn codecs_forget(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "_forget_codec", a, k, 1, 1)?;
    let name = text(vm, "_forget_codec", None, &a[0])?;
    reg::forget_codec(vm, &name)?;
    Ok(vm.none())
}

/// `encode(obj, encoding='utf-8', errors='strict')` and `decode`.
fn encode_or_decode(vm: &Vm, a: &[Obj], k: Option<&Obj>, encoding: bool) -> PyResult<Obj> {
    let fname = if encoding { "encode" } else { "decode" };
    let p = taipan_vm::api::args::parse(vm, fname, a, k, &["obj", "encoding", "errors"], 1)?;
    let obj = p[0].clone().unwrap_or_else(|| vm.none());
    let enc = match &p[1] {
        Some(o) => text(vm, fname, Some(2), o)?,
        None => "utf-8".to_string(),
    };
    let errors = match &p[2] {
        Some(o) => text(vm, fname, Some(3), o)?,
        None => "strict".to_string(),
    };
    if encoding {
        reg::encode(vm, &obj, &enc, Some(&errors))
    } else {
        reg::decode(vm, &obj, &enc, Some(&errors))
    }
}

fn codecs_register_error(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "register_error", a, k, 2, 2)?;
    let name = text(vm, "register_error", Some(1), &a[0])?;
    reg::register_error(vm, &name, &a[1])?;
    Ok(vm.none())
}

fn codecs_lookup_error(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "lookup_error", a, k, 1, 1)?;
    let name = text(vm, "lookup_error", None, &a[0])?;
    reg::lookup_error(vm, &name)
}

// ---------------------------------------------------------------------------
// The Unicode codecs of the VM
// ---------------------------------------------------------------------------

/// `<codec>_encode(str, errors=None)` -> (bytes, len(str)).
fn encode_fn(vm: &Vm, fname: &str, codec: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, fname, a, k, 1, 2)?;
    let s = str_arg(vm, fname, 1, &a[0])?;
    let errors = errors_arg(vm, fname, 2, a)?;
    let out = reg::encode_native(vm, &s, codec, errors.as_deref())?;
    Ok(pair(vm, vm.new_bytes(out), pystr::len(&s)))
}

/// `<codec>_decode(data, errors=None, final=default)` -> (str, consumed).
fn decode_fn(vm: &Vm, fname: &str, codec: &str, a: &[Obj], k: Option<&Obj>, final_default: bool) -> PyResult<Obj> {
    let a = positional(vm, fname, a, k, 1, 3)?;
    let escapes = codec.ends_with("escape");
    let data = if escapes { data_or_str(vm, &a[0])? } else { data_arg(vm, &a[0])? };
    let errors = errors_arg(vm, fname, 2, a)?;
    let final_ = flag_arg(vm, a, 3, final_default)?;
    let (s, used) = reg::decode_chunk(vm, &data, codec, errors.as_deref(), final_)?;
    Ok(pair(vm, s, used))
}

macro_rules! codec_fns {
    ($( $enc:ident $dec:ident $name:literal $codec:literal $final_default:literal; )*) => {
        $(
            fn $enc(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
                encode_fn(vm, concat!($name, "_encode"), $codec, a, k)
            }
            fn $dec(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
                decode_fn(vm, concat!($name, "_decode"), $codec, a, k, $final_default)
            }
        )*
    };
}

codec_fns! {
    utf_8_encode utf_8_decode "utf_8" "utf-8" false;
    utf_16_le_encode utf_16_le_decode "utf_16_le" "utf-16-le" false;
    utf_16_be_encode utf_16_be_decode "utf_16_be" "utf-16-be" false;
    utf_32_le_encode utf_32_le_decode "utf_32_le" "utf-32-le" false;
    utf_32_be_encode utf_32_be_decode "utf_32_be" "utf-32-be" false;
    latin_1_encode latin_1_decode "latin_1" "latin-1" true;
    ascii_encode ascii_decode "ascii" "ascii" true;
    unicode_escape_encode unicode_escape_decode "unicode_escape" "unicode-escape" true;
    raw_unicode_escape_encode raw_unicode_escape_decode "raw_unicode_escape" "raw-unicode-escape" true;
}

/// `utf_16_encode(str, errors=None, byteorder=0)` (and utf_32): a BOM
/// and the machine's order for 0, else little (-1) or big (1) endian.
fn utf_n_encode(vm: &Vm, a: &[Obj], k: Option<&Obj>, bits: u32) -> PyResult<Obj> {
    let fname = if bits == 16 { "utf_16_encode" } else { "utf_32_encode" };
    let a = positional(vm, fname, a, k, 1, 3)?;
    let s = str_arg(vm, fname, 1, &a[0])?;
    let errors = errors_arg(vm, fname, 2, a)?;
    let order = int_arg(vm, a, 3)?;
    let codec = match order.signum() {
        0 => format!("utf-{bits}"),
        -1 => format!("utf-{bits}-le"),
        _ => format!("utf-{bits}-be"),
    };
    let out = reg::encode_native(vm, &s, &codec, errors.as_deref())?;
    Ok(pair(vm, vm.new_bytes(out), pystr::len(&s)))
}

fn utf_16_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_encode(vm, a, k, 16)
}

fn utf_32_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_encode(vm, a, k, 32)
}

/// The byte order marks of UTF-16 (`bits` 16) or UTF-32.
fn boms(bits: u32) -> (&'static [u8], &'static [u8]) {
    if bits == 16 {
        (b"\xff\xfe", b"\xfe\xff")
    } else {
        (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
    }
}

/// UTF-16/32 decoding with a byte order: 0 reads a BOM if there is one
/// (and keeps the machine's order otherwise). Returns the text, the bytes
/// used and the byte order found.
fn utf_n_decode(
    vm: &Vm,
    data: &[u8],
    errors: Option<&str>,
    mut order: i64,
    final_: bool,
    bits: u32,
) -> PyResult<(Obj, usize, i64)> {
    let width = (bits / 8) as usize;
    if order == 0 {
        let (le, be) = boms(bits);
        if data.starts_with(le) {
            order = -1;
        } else if data.starts_with(be) {
            order = 1;
        } else if data.len() < width && !final_ {
            return Ok((vm.new_str(""), 0, 0));
        }
        // The VM's plain UTF-16/32 codec reads the BOM itself.
        let (s, used) = reg::decode_chunk(vm, data, &format!("utf-{bits}"), errors, final_)?;
        return Ok((s, used, order));
    }
    let codec = if order > 0 { format!("utf-{bits}-be") } else { format!("utf-{bits}-le") };
    let (s, used) = reg::decode_chunk(vm, data, &codec, errors, final_)?;
    Ok((s, used, order))
}

fn utf_n_decode_fn(vm: &Vm, a: &[Obj], k: Option<&Obj>, bits: u32, ex: bool) -> PyResult<Obj> {
    let fname = match (bits, ex) {
        (16, false) => "utf_16_decode",
        (16, true) => "utf_16_ex_decode",
        (_, false) => "utf_32_decode",
        (_, true) => "utf_32_ex_decode",
    };
    let a = positional(vm, fname, a, k, 1, if ex { 4 } else { 3 })?;
    let data = data_arg(vm, &a[0])?;
    let errors = errors_arg(vm, fname, 2, a)?;
    let (order, final_) =
        if ex { (int_arg(vm, a, 3)?, flag_arg(vm, a, 4, false)?) } else { (0, flag_arg(vm, a, 3, false)?) };
    let (s, used, order) = utf_n_decode(vm, &data, errors.as_deref(), order, final_, bits)?;
    if ex {
        return Ok(vm.new_tuple(vec![s, vm.new_usize(used), vm.new_int(order)]));
    }
    Ok(pair(vm, s, used))
}

fn utf_16_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_decode_fn(vm, a, k, 16, false)
}
fn utf_16_ex_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_decode_fn(vm, a, k, 16, true)
}
fn utf_32_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_decode_fn(vm, a, k, 32, false)
}
fn utf_32_ex_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    utf_n_decode_fn(vm, a, k, 32, true)
}

fn readbuffer_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "readbuffer_encode", a, k, 1, 2)?;
    let data = data_or_str(vm, &a[0])?;
    errors_arg(vm, "readbuffer_encode", 2, a)?;
    let n = data.len();
    Ok(pair(vm, vm.new_bytes(data), n))
}

// ---------------------------------------------------------------------------
// Error handling for the codecs of this module
// ---------------------------------------------------------------------------

/// Raise (strict) or run the error handler for a decode error: the
/// replacement text and where decoding resumes.
fn decode_error(
    vm: &Vm,
    encoding: &str,
    errors: Option<&str>,
    input: &Obj,
    (start, end, reason): (usize, usize, &str),
) -> PyResult<DecodeRepair> {
    let ty = vm.ctx.exceptions.unicode_decode_error.clone();
    let args = vec![vm.new_str(encoding), input.clone(), vm.new_usize(start), vm.new_usize(end), vm.new_str(reason)];
    let exc = vm.new_exception(&ty, args);
    let name = errors.unwrap_or("strict");
    if name == "strict" {
        return Err(exc);
    }
    let original = bytes::as_bytes_ref(input).unwrap_or(&[]);
    let (rep, resume, new_input) = reg::call_decode_error_handler(vm, name, exc.value(), original)?;
    let replacement = pystr::data(&rep).map(|d| d.to_code_points()).unwrap_or_default();
    Ok(DecodeRepair { replacement, resume, new_input })
}

/// What a decode error handler made of an error: the text to insert, the
/// position to resume at and, when it replaced the exception's object, the
/// input to go on decoding.
struct DecodeRepair {
    replacement: Vec<u32>,
    resume: usize,
    new_input: Option<Vec<u8>>,
}

/// The same for encoding: the replacement (str or bytes) and the position.
fn encode_error(
    vm: &Vm,
    encoding: &str,
    errors: Option<&str>,
    input: &Obj,
    len: usize,
    (start, end, reason): (usize, usize, &str),
) -> PyResult<(Obj, usize, PyErr)> {
    let ty = vm.ctx.exceptions.unicode_encode_error.clone();
    let args = vec![vm.new_str(encoding), input.clone(), vm.new_usize(start), vm.new_usize(end), vm.new_str(reason)];
    let exc = vm.new_exception(&ty, args);
    let name = errors.unwrap_or("strict");
    if name == "strict" {
        return Err(exc);
    }
    let (rep, pos) = reg::call_error_handler(vm, name, exc.value(), true, len)?;
    Ok((rep, pos, exc))
}

// ---------------------------------------------------------------------------
// charmap
// ---------------------------------------------------------------------------

/// `charmap_build`'s result for tables that start with U+0000 and stay in
/// the BMP: character to byte.
struct EncodingMap {
    map: HashMap<u32, u8>,
}
impl PyPayload for EncodingMap {}

fn encoding_map_type(vm: &Vm) -> Obj {
    if let Some(t) = vm.lazy_types.borrow().get("_codecs.EncodingMap") {
        return t.clone();
    }
    let t = make_encoding_map_type(vm);
    vm.lazy_types.borrow_mut().insert("_codecs.EncodingMap", t.clone());
    t
}

fn make_encoding_map_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: "EncodingMap",
        base: None,
        flags: 0,
        gc: false,
        dict: false,
        weakref: false,
        methods: &[MethodDef::method("size", |vm, o, a, k| {
            positional(vm, "size", a, k, 0, 0)?;
            let m = payload_or_err::<EncodingMap>(vm, o, "EncodingMap")?;
            Ok(vm.new_usize(m.map.len() * 5 + 16))
        })],
        getsets: &[],
        doc: None,
    };
    taipan_vm::api::types::new_type::<EncodingMap>(vm, &spec, |_| {})
}

fn charmap_build(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "charmap_build", a, k, 1, 1)?;
    let s = str_arg(vm, "charmap_build", 1, &a[0])?;
    let cps = pystr::data(&s).map(|d| d.to_code_points()).unwrap_or_default();
    let as_dict = cps.first() != Some(&0) || cps.iter().skip(1).any(|&c| c == 0 || c > 0xFFFF) || cps.len() > 256;
    if as_dict {
        let d = vm.new_dict();
        for (i, &c) in cps.iter().enumerate() {
            dict::set_item(vm, &d, vm.new_int(c as i64), vm.new_usize(i))?;
        }
        return Ok(d);
    }
    let mut map = HashMap::new();
    for (i, &c) in cps.iter().enumerate() {
        if c != 0xFFFE {
            map.insert(c, i as u8);
        }
    }
    let ty = encoding_map_type(vm);
    alloc_instance(vm, &ty, &ty, EncodingMap { map })
}

/// What a decoding table maps a byte to: `None` for undefined.
fn charmap_decode_byte(vm: &Vm, mapping: &Obj, table: Option<&[u32]>, b: u8) -> PyResult<Option<Vec<u32>>> {
    if let Some(t) = table {
        return Ok(t.get(b as usize).copied().filter(|&c| c != 0xFFFE).map(|c| vec![c]));
    }
    let item = match vm.getitem(mapping, &vm.new_int(b as i64)) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.lookup_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    if vm.is_none(&item) {
        return Ok(None);
    }
    if vm.isinstance_type(&item, &vm.ctx.types.int) {
        let v = vm.to_i64(&item).unwrap_or(-1);
        if !(0..=0x10FFFF).contains(&v) {
            return Err(vm.type_error("character mapping must be in range(0x110000)"));
        }
        // U+FFFE is "undefined" whether given as an int or a str.
        if v == 0xFFFE {
            return Ok(None);
        }
        return Ok(Some(vec![v as u32]));
    }
    if let Some(d) = pystr::data(&item) {
        let cps = d.to_code_points();
        if cps == [0xFFFE] {
            return Ok(None);
        }
        return Ok(Some(cps));
    }
    Err(vm.type_error("character mapping must return integer, None or str"))
}

fn charmap_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "charmap_decode", a, k, 1, 3)?;
    let mut data = data_arg(vm, &a[0])?;
    let consumed = data.len();
    let errors = errors_arg(vm, "charmap_decode", 2, a)?;
    let mapping = a.get(2).filter(|m| !vm.is_none(m)).cloned();
    let Some(mapping) = mapping else {
        let (s, used) = reg::decode_chunk(vm, &data, "latin-1", errors.as_deref(), true)?;
        return Ok(pair(vm, s, used));
    };
    let table = pystr::data(&mapping).map(|d| d.to_code_points());
    let mut out = Vec::with_capacity(data.len());
    let mut input: Option<Obj> = None;
    let mut i = 0;
    while i < data.len() {
        match charmap_decode_byte(vm, &mapping, table.as_deref(), data[i])? {
            Some(cps) => {
                out.extend(cps);
                i += 1;
            }
            None => {
                let obj = input.get_or_insert_with(|| vm.new_bytes(data.clone())).clone();
                let r = decode_error(vm, "charmap", errors.as_deref(), &obj, (i, i + 1, UNDEFINED))?;
                out.extend(r.replacement);
                if let Some(d) = r.new_input {
                    input = Some(vm.new_bytes(d.clone()));
                    data = d;
                }
                i = r.resume;
            }
        }
    }
    Ok(pair(vm, vm.new_str_from_code_points(&out), consumed))
}

/// What an encoding mapping maps a character to: `None` for undefined.
fn charmap_encode_char(vm: &Vm, mapping: &Obj, map: Option<&EncodingMap>, c: u32) -> PyResult<Option<Vec<u8>>> {
    if let Some(m) = map {
        return Ok(m.map.get(&c).map(|&b| vec![b]));
    }
    let item = match vm.getitem(mapping, &vm.new_int(c as i64)) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.lookup_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    if vm.is_none(&item) {
        return Ok(None);
    }
    if vm.isinstance_type(&item, &vm.ctx.types.int) {
        let v = vm.to_i64(&item).unwrap_or(-1);
        if !(0..=255).contains(&v) {
            return Err(vm.type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![v as u8]));
    }
    if let Some(b) = bytes::as_bytes_ref(&item) {
        return Ok(Some(b.to_vec()));
    }
    Err(vm.type_error(format!("character mapping must return integer, bytes or None, not {}", item.class().name())))
}

fn charmap_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "charmap_encode", a, k, 1, 3)?;
    let s = str_arg(vm, "charmap_encode", 1, &a[0])?;
    let errors = errors_arg(vm, "charmap_encode", 2, a)?;
    let n = pystr::len(&s);
    let mapping = a.get(2).filter(|m| !vm.is_none(m)).cloned();
    let Some(mapping) = mapping else {
        let out = reg::encode_native(vm, &s, "latin-1", errors.as_deref())?;
        return Ok(pair(vm, vm.new_bytes(out), n));
    };
    let map = mapping.payload::<EncodingMap>();
    let text = pystr::data(&s).map(|d| d.to_code_points()).unwrap_or_default();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(b) = charmap_encode_char(vm, &mapping, map, text[i])? {
            out.extend(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < text.len() && charmap_encode_char(vm, &mapping, map, text[end])?.is_none() {
            end += 1;
        }
        let (rep, pos, exc) = encode_error(vm, "charmap", errors.as_deref(), &s, text.len(), (i, end, UNDEFINED))?;
        if let Some(b) = bytes::as_bytes_ref(&rep) {
            out.extend_from_slice(b);
        } else if let Some(d) = pystr::data(&rep) {
            for c in d.code_points() {
                match charmap_encode_char(vm, &mapping, map, c)? {
                    Some(b) => out.extend(b),
                    None => return Err(exc),
                }
            }
        }
        i = pos;
    }
    Ok(pair(vm, vm.new_bytes(out), n))
}

// ---------------------------------------------------------------------------
// escape_encode / escape_decode (bytes literals)
// ---------------------------------------------------------------------------

fn escape_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "escape_encode", a, k, 1, 2)?;
    let Some(data) = bytes::as_bytes_ref(&a[0]) else {
        return Err(vm.type_error(format!("escape_encode() argument 1 must be bytes, not {}", type_name(vm, &a[0]))));
    };
    errors_arg(vm, "escape_encode", 2, a)?;
    let mut out = String::with_capacity(data.len());
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7E => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    let n = data.len();
    Ok(pair(vm, vm.new_bytes(out.into_bytes()), n))
}

fn escape_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "escape_decode", a, k, 1, 2)?;
    let data = data_or_str(vm, &a[0])?;
    let errors = errors_arg(vm, "escape_decode", 2, a)?;
    let (out, warning) = decode_bytes_escapes(vm, &data, errors.as_deref())?;
    if let Some(w) = warning {
        taipan_vm::api::warnings::warn(vm, &vm.ctx.exceptions.deprecation_warning, &w, 1)?;
    }
    let n = data.len();
    Ok(pair(vm, vm.new_bytes(out), n))
}

/// The escapes of a bytes literal; the DeprecationWarning of the first
/// invalid escape, if any.
fn decode_bytes_escapes(vm: &Vm, s: &[u8], errors: Option<&str>) -> PyResult<(Vec<u8>, Option<String>)> {
    let mut out = Vec::with_capacity(s.len());
    let mut warning = None;
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&c) = s.get(i) else {
            return Err(vm.value_error("Trailing \\ in string"));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut digits = 1;
                while digits < 3 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + (s[i] - b'0') as u32;
                    i += 1;
                    digits += 1;
                }
                if v > 0o377 && warning.is_none() {
                    let t: String = s[i - 3..i].iter().map(|&b| b as char).collect();
                    warning = Some(format!("invalid octal escape sequence '\\{t}'"));
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
                match (hex(s.get(i)), hex(s.get(i + 1))) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => match errors.unwrap_or("strict") {
                        "strict" => return Err(vm.value_error(format!("invalid \\x escape at position {start}"))),
                        "replace" => {
                            out.push(b'?');
                            i += usize::from(s.get(i).is_some_and(|b| b.is_ascii_hexdigit()));
                        }
                        "ignore" => i += usize::from(s.get(i).is_some_and(|b| b.is_ascii_hexdigit())),
                        other => {
                            return Err(
                                vm.value_error(format!("decoding error; unknown error handling code: {other:.400}"))
                            )
                        }
                    },
                }
            }
            _ => {
                if warning.is_none() {
                    warning = Some(format!("invalid escape sequence '\\{}'", c as char));
                }
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok((out, warning))
}

// ---------------------------------------------------------------------------
// UTF-7 (RFC 2152, as CPython's encoder: set O and spaces direct)
// ---------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(b: u8) -> Option<u32> {
    B64.iter().position(|&c| c == b).map(|p| p as u32)
}

/// Characters the encoder writes as themselves: RFC 2152's set D, set O
/// and space, tab, CR, LF (CPython's encoder writes those directly; '+',
/// '\\', '~', DEL and the other control characters go in base64).
fn utf7_direct(c: u32) -> bool {
    let Ok(b) = u8::try_from(c) else { return false };
    b.is_ascii_alphanumeric() || b"'(),-./:? !\"#$%&*;<=>@[]^_`{|}\t\n\r".contains(&b)
}

fn utf_7_encode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "utf_7_encode", a, k, 1, 2)?;
    let s = str_arg(vm, "utf_7_encode", 1, &a[0])?;
    errors_arg(vm, "utf_7_encode", 2, a)?;
    let text = pystr::data(&s).map(|d| d.to_code_points()).unwrap_or_default();
    let mut out = Vec::with_capacity(text.len());
    let mut in_shift = false;
    let (mut bits, mut nbits) = (0u32, 0u32);
    let flush = |out: &mut Vec<u8>, bits: &mut u32, nbits: &mut u32| {
        if *nbits > 0 {
            out.push(B64[((*bits << (6 - *nbits)) & 0x3F) as usize]);
            *bits = 0;
            *nbits = 0;
        }
    };
    for (idx, &c) in text.iter().enumerate() {
        if utf7_direct(c) {
            if in_shift {
                flush(&mut out, &mut bits, &mut nbits);
                // A '-' ends the shift when what follows could be base64.
                if b64_value(c as u8).is_some() || c == b'-' as u32 {
                    out.push(b'-');
                }
                in_shift = false;
            }
            out.push(c as u8);
            continue;
        }
        if !in_shift {
            if c == b'+' as u32 {
                out.extend_from_slice(b"+-");
                continue;
            }
            out.push(b'+');
            in_shift = true;
        }
        let units: Vec<u32> = if c >= 0x10000 {
            let v = c - 0x10000;
            vec![0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)]
        } else {
            vec![c]
        };
        for u in units {
            bits = (bits << 16) | u;
            nbits += 16;
            while nbits >= 6 {
                nbits -= 6;
                out.push(B64[((bits >> nbits) & 0x3F) as usize]);
            }
            bits &= (1 << nbits) - 1;
        }
        let _ = idx;
    }
    if in_shift {
        flush(&mut out, &mut bits, &mut nbits);
        out.push(b'-');
    }
    Ok(pair(vm, vm.new_bytes(out), text.len()))
}

fn utf_7_decode(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "utf_7_decode", a, k, 1, 3)?;
    let data = data_arg(vm, &a[0])?;
    let errors = errors_arg(vm, "utf_7_decode", 2, a)?;
    let final_ = flag_arg(vm, a, 3, false)?;
    let out = Vec::with_capacity(data.len());
    let mut d = Utf7 { vm, data, errors: errors.as_deref(), input: None, out };
    let consumed = d.run(final_)?;
    Ok(pair(vm, vm.new_str_from_code_points(&d.out), consumed))
}

struct Utf7<'a> {
    vm: &'a Vm,
    /// The input; an error handler that replaces the exception's object
    /// replaces it, and decoding goes on in the new one (as CPython).
    data: Vec<u8>,
    errors: Option<&'a str>,
    input: Option<Obj>,
    out: Vec<u32>,
}

impl Utf7<'_> {
    /// Run the error handler on `data[start..end]`: where decoding resumes.
    fn error(&mut self, start: usize, end: usize, reason: &str) -> PyResult<usize> {
        let vm = self.vm;
        let obj = self.input.get_or_insert_with(|| vm.new_bytes(self.data.clone())).clone();
        let r = decode_error(vm, "utf7", self.errors, &obj, (start, end, reason))?;
        self.out.extend(r.replacement);
        if let Some(d) = r.new_input {
            self.input = Some(vm.new_bytes(d.clone()));
            self.data = d;
        }
        Ok(r.resume)
    }

    /// Decode everything: the number of bytes used (an unfinished shift
    /// sequence waits for more input unless `final_`).
    fn run(&mut self, final_: bool) -> PyResult<usize> {
        let mut i = 0;
        let mut in_shift = false;
        let (mut bits, mut nbits, mut surrogate) = (0u32, 0u32, 0u32);
        let (mut start, mut shift_out) = (0usize, 0usize);
        loop {
            while i < self.data.len() {
                let ch = self.data[i];
                if in_shift {
                    if let Some(v) = b64_value(ch) {
                        bits = (bits << 6) | v;
                        nbits += 6;
                        i += 1;
                        if nbits >= 16 {
                            nbits -= 16;
                            let u = (bits >> nbits) & 0xFFFF;
                            bits &= (1 << nbits) - 1;
                            if surrogate != 0 {
                                if (0xDC00..0xE000).contains(&u) {
                                    self.out.push(0x10000 + ((surrogate - 0xD800) << 10) + (u - 0xDC00));
                                    surrogate = 0;
                                    continue;
                                }
                                self.out.push(surrogate);
                                surrogate = 0;
                            }
                            if (0xD800..0xDC00).contains(&u) {
                                surrogate = u;
                            } else {
                                self.out.push(u);
                            }
                        }
                        continue;
                    }
                    in_shift = false;
                    // Six bits or more left over: a base64 character too many.
                    if nbits >= 6 {
                        i = self.error(start, i + 1, "partial character in shift sequence")?;
                        continue;
                    }
                    if bits != 0 {
                        i = self.error(start, i + 1, "non-zero padding bits in shift sequence")?;
                        continue;
                    }
                    if surrogate != 0 && ch < 0x80 && ch != b'+' {
                        self.out.push(surrogate);
                    }
                    surrogate = 0;
                    if ch == b'-' {
                        i += 1;
                    }
                } else if ch == b'+' {
                    start = i;
                    i += 1;
                    if self.data.get(i) == Some(&b'-') {
                        i += 1;
                        self.out.push(b'+' as u32);
                    } else if self.data.get(i).is_some_and(|&b| b64_value(b).is_none()) {
                        i = self.error(start, i + 1, "ill-formed sequence")?;
                    } else {
                        in_shift = true;
                        surrogate = 0;
                        shift_out = self.out.len();
                        bits = 0;
                        nbits = 0;
                    }
                } else if ch < 0x80 {
                    self.out.push(ch as u32);
                    i += 1;
                } else {
                    start = i;
                    i = self.error(i, i + 1, "unexpected special character")?;
                }
            }
            if in_shift && final_ {
                in_shift = false;
                if surrogate != 0 || nbits >= 6 || bits != 0 {
                    i = self.error(start, self.data.len(), "unterminated shift sequence")?;
                    if i < self.data.len() {
                        continue;
                    }
                }
            }
            break;
        }
        if in_shift {
            self.out.truncate(shift_out);
            return Ok(start);
        }
        Ok(i)
    }
}

// ---------------------------------------------------------------------------

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("register", codecs_register),
    MethodDef::static_("unregister", codecs_unregister),
    MethodDef::static_("lookup", codecs_lookup),
    MethodDef::static_("encode", |vm, _, a, k| encode_or_decode(vm, a, k, true)),
    MethodDef::static_("decode", |vm, _, a, k| encode_or_decode(vm, a, k, false)),
    MethodDef::static_("_forget_codec", codecs_forget),
    MethodDef::static_("escape_encode", escape_encode),
    MethodDef::static_("escape_decode", escape_decode),
    MethodDef::static_("utf_8_encode", utf_8_encode),
    MethodDef::static_("utf_8_decode", utf_8_decode),
    MethodDef::static_("utf_7_encode", utf_7_encode),
    MethodDef::static_("utf_7_decode", utf_7_decode),
    MethodDef::static_("utf_16_encode", utf_16_encode),
    MethodDef::static_("utf_16_decode", utf_16_decode),
    MethodDef::static_("utf_16_le_encode", utf_16_le_encode),
    MethodDef::static_("utf_16_le_decode", utf_16_le_decode),
    MethodDef::static_("utf_16_be_encode", utf_16_be_encode),
    MethodDef::static_("utf_16_be_decode", utf_16_be_decode),
    MethodDef::static_("utf_16_ex_decode", utf_16_ex_decode),
    MethodDef::static_("utf_32_encode", utf_32_encode),
    MethodDef::static_("utf_32_decode", utf_32_decode),
    MethodDef::static_("utf_32_le_encode", utf_32_le_encode),
    MethodDef::static_("utf_32_le_decode", utf_32_le_decode),
    MethodDef::static_("utf_32_be_encode", utf_32_be_encode),
    MethodDef::static_("utf_32_be_decode", utf_32_be_decode),
    MethodDef::static_("utf_32_ex_decode", utf_32_ex_decode),
    MethodDef::static_("unicode_escape_encode", unicode_escape_encode),
    MethodDef::static_("unicode_escape_decode", unicode_escape_decode),
    MethodDef::static_("raw_unicode_escape_encode", raw_unicode_escape_encode),
    MethodDef::static_("raw_unicode_escape_decode", raw_unicode_escape_decode),
    MethodDef::static_("latin_1_encode", latin_1_encode),
    MethodDef::static_("latin_1_decode", latin_1_decode),
    MethodDef::static_("ascii_encode", ascii_encode),
    MethodDef::static_("ascii_decode", ascii_decode),
    MethodDef::static_("charmap_encode", charmap_encode),
    MethodDef::static_("charmap_decode", charmap_decode),
    MethodDef::static_("charmap_build", charmap_build),
    MethodDef::static_("readbuffer_encode", readbuffer_encode),
    MethodDef::static_("register_error", codecs_register_error),
    MethodDef::static_("lookup_error", codecs_lookup_error),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_codecs");
    module::add_functions(vm, &m, "_codecs", FUNCTIONS);
    Ok(m)
}
