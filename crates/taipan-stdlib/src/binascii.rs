//! `binascii` (CPython's `Modules/binascii.c`): conversions between
//! binary data and ASCII encodings (hex, base64, quoted-printable,
//! uuencode) and the CRCs, with CPython 3.11's exact output and errors.
//! `base64`, `quopri`, `uu` and `email` build on it.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, buffer, dict, module, str as pystr, tuple, Obj, PyErr, PyResult, Vm};

const ERROR_TYPE: &str = "binascii.Error";
const INCOMPLETE_TYPE: &str = "binascii.Incomplete";

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "binascii");
    let d = module::module_dict(&m);
    make_types(vm)?;
    dict::set_item_str(vm, &d, "Error", lazy_type(vm, ERROR_TYPE)?)?;
    dict::set_item_str(vm, &d, "Incomplete", lazy_type(vm, INCOMPLETE_TYPE)?)?;
    module::add_functions(vm, &m, "binascii", FUNCTIONS);
    Ok(m)
}

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(ERROR_TYPE) {
        return Ok(());
    }
    let error = new_exception_type(vm, "Error", &vm.ctx.exceptions.value_error)?;
    let incomplete = new_exception_type(vm, "Incomplete", &vm.ctx.exceptions.exception)?;
    let mut types = vm.lazy_types.borrow_mut();
    types.insert(ERROR_TYPE, error);
    types.insert(INCOMPLETE_TYPE, incomplete);
    Ok(())
}

fn new_exception_type(vm: &Vm, name: &str, base: &Obj) -> PyResult<Obj> {
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("binascii"))?;
    let bases = vm.new_tuple(vec![base.clone()]);
    vm.call(&vm.ctx.types.type_, &[vm.new_str(name), bases, ns], None)
}

fn lazy_type(vm: &Vm, name: &'static str) -> PyResult<Obj> {
    vm.lazy_types.borrow().get(name).cloned().ok_or_else(|| vm.system_error(format!("{name} is not initialized")))
}

/// `binascii.Error(msg)`.
fn error(vm: &Vm, msg: &str) -> PyErr {
    match lazy_type(vm, ERROR_TYPE) {
        Ok(t) => vm.new_exception_msg(&t, msg),
        Err(e) => e,
    }
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("a2b_uu", |vm, _m, a, k| {
        let [d] = one_arg(vm, "a2b_uu", a, k)?;
        let d = ascii_buffer(vm, &d)?;
        Ok(vm.new_bytes(a2b_uu(&d).map_err(|m| error(vm, m))?))
    }),
    MethodDef::static_("b2a_uu", |vm, _m, a, k| {
        let p = parse(vm, "b2a_uu", a, k, &["", "backtick"], 1, 1)?;
        let d = bytes_arg(vm, &p[0])?;
        let backtick = flag(vm, &p[1], false)?;
        Ok(vm.new_bytes(b2a_uu(&d, backtick).map_err(|m| error(vm, m))?))
    }),
    MethodDef::static_("a2b_base64", |vm, _m, a, k| {
        let p = parse(vm, "a2b_base64", a, k, &["", "strict_mode"], 1, 1)?;
        let d = ascii_buffer(vm, required(vm, &p[0])?)?;
        let strict = flag(vm, &p[1], false)?;
        Ok(vm.new_bytes(a2b_base64(&d, strict).map_err(|m| error(vm, &m))?))
    }),
    MethodDef::static_("b2a_base64", |vm, _m, a, k| {
        let p = parse(vm, "b2a_base64", a, k, &["", "newline"], 1, 1)?;
        let d = bytes_arg(vm, &p[0])?;
        let newline = flag(vm, &p[1], true)?;
        Ok(vm.new_bytes(b2a_base64(&d, newline)))
    }),
    MethodDef::static_("a2b_qp", |vm, _m, a, k| {
        let p = parse(vm, "a2b_qp", a, k, &["data", "header"], 0, 2)?;
        let d = ascii_buffer(vm, required(vm, &p[0])?)?;
        let header = flag(vm, &p[1], false)?;
        Ok(vm.new_bytes(a2b_qp(&d, header)))
    }),
    MethodDef::static_("b2a_qp", |vm, _m, a, k| {
        let p = parse(vm, "b2a_qp", a, k, &["data", "quotetabs", "istext", "header"], 0, 4)?;
        let d = bytes_arg(vm, &p[0])?;
        let quotetabs = flag(vm, &p[1], false)?;
        let istext = flag(vm, &p[2], true)?;
        let header = flag(vm, &p[3], false)?;
        Ok(vm.new_bytes(b2a_qp(&d, quotetabs, istext, header)))
    }),
    MethodDef::static_("b2a_hex", |vm, _m, a, k| hexlify(vm, "b2a_hex", a, k)),
    MethodDef::static_("hexlify", |vm, _m, a, k| hexlify(vm, "hexlify", a, k)),
    MethodDef::static_("a2b_hex", |vm, _m, a, k| unhexlify(vm, "a2b_hex", a, k)),
    MethodDef::static_("unhexlify", |vm, _m, a, k| unhexlify(vm, "unhexlify", a, k)),
    MethodDef::static_("crc_hqx", |vm, _m, a, k| {
        no_keywords(vm, "crc_hqx", k)?;
        if a.len() != 2 {
            return Err(vm.type_error(format!("crc_hqx expected 2 arguments, got {}", a.len())));
        }
        let d = buffer::with_simple_bytes(vm, &a[0], |d| d.to_vec())?;
        let crc = crate::converters::unsigned_int_mask(vm, &a[1])?;
        Ok(vm.new_int(crc_hqx(&d, crc & 0xffff) as i64))
    }),
    MethodDef::static_("crc32", |vm, _m, a, k| {
        no_keywords(vm, "crc32", k)?;
        if a.is_empty() || a.len() > 2 {
            let (bound, n) = if a.is_empty() { ("least", "1 argument") } else { ("most", "2 arguments") };
            return Err(vm.type_error(format!("crc32 expected at {bound} {n}, got {}", a.len())));
        }
        let d = buffer::with_simple_bytes(vm, &a[0], |d| d.to_vec())?;
        let crc = match a.get(1) {
            Some(v) => crate::converters::unsigned_int_mask(vm, v)?,
            None => 0,
        };
        Ok(vm.new_int(crate::zlib::crc32(crc, &d) as i64))
    }),
];

// ---- arguments ------------------------------------------------------------------------------------

fn no_keywords(vm: &Vm, name: &str, k: Option<&Obj>) -> PyResult<()> {
    if k.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error(format!("binascii.{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// A METH_O function's one argument.
fn one_arg(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<[Obj; 1]> {
    no_keywords(vm, name, k)?;
    match a {
        [x] => Ok([x.clone()]),
        _ => Err(vm.type_error(format!("binascii.{name}() takes exactly one argument ({} given)", a.len()))),
    }
}

fn parse(
    vm: &Vm,
    fname: &str,
    a: &[Obj],
    k: Option<&Obj>,
    names: &[&str],
    posonly: usize,
    kwonly_from: usize,
) -> PyResult<Vec<Option<Obj>>> {
    args::parse_spec(vm, &args::ArgSpec { fname, names, posonly, required: 1, kwonly_from }, a, k)
}

fn required<'a>(vm: &Vm, o: &'a Option<Obj>) -> PyResult<&'a Obj> {
    o.as_ref().ok_or_else(|| vm.system_error("missing argument"))
}

/// A `Py_buffer` argument's bytes.
fn bytes_arg(vm: &Vm, o: &Option<Obj>) -> PyResult<Vec<u8>> {
    buffer::with_simple_bytes(vm, required(vm, o)?, |d| d.to_vec())
}

/// Argument Clinic's `bool(accept={int})`: an int, true when not zero.
fn flag(vm: &Vm, o: &Option<Obj>, default: bool) -> PyResult<bool> {
    match o {
        Some(o) => crate::converters::int_flag(vm, o),
        None => Ok(default),
    }
}

/// CPython's `ascii_buffer` converter: a bytes-like object, or a str of
/// ASCII characters only.
fn ascii_buffer(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if vm.isinstance_type(o, &vm.ctx.types.str) {
        let s = pystr::as_str_lossy(o);
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    if !buffer::is_bytes_like(o) {
        return Err(
            vm.type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", o.class().name()))
        );
    }
    buffer::with_simple_bytes(vm, o, |d| d.to_vec())
}

// ---- hex ------------------------------------------------------------------------------------------

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

fn hexlify(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = parse(vm, fname, a, k, &["data", "sep", "bytes_per_sep"], 0, 3)?;
    let data = bytes_arg(vm, &p[0])?;
    let sep = match &p[1] {
        Some(s) => Some(sep_char(vm, s)?),
        None => None,
    };
    let per = match &p[2] {
        Some(n) => crate::converters::c_int(vm, n)? as i64,
        None => 1,
    };
    let mut out = vm.try_vec::<u8>(data.len().saturating_mul(3))?;
    hex_with_sep(&data, sep, per, &mut out);
    Ok(vm.new_bytes(out))
}

/// The separator of `hexlify(data, sep)` (CPython's `_Py_strhex_impl`
/// for a bytes result: one byte, or one Latin-1 character).
fn sep_char(vm: &Vm, s: &Obj) -> PyResult<u8> {
    let n = vm.len(s)?;
    if n != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    if vm.isinstance_type(s, &vm.ctx.types.str) {
        let c = pystr::as_str_lossy(s).chars().next().map_or(0, |c| c as u32);
        return u8::try_from(c).map_err(|_| vm.value_error("sep must be ASCII."));
    }
    if let Some(b) = taipan_vm::api::bytes::as_bytes_ref(s) {
        return Ok(b[0]);
    }
    Err(vm.type_error("sep must be str or bytes."))
}

/// Hex digits with `sep` every `per` bytes, counted from the right when
/// `per` is positive and from the left when negative.
fn hex_with_sep(data: &[u8], sep: Option<u8>, per: i64, out: &mut Vec<u8>) {
    let group = per.unsigned_abs() as usize;
    let sep = sep.filter(|_| group != 0 && group < data.len());
    for (i, &b) in data.iter().enumerate() {
        if let Some(s) = sep {
            let boundary = if per > 0 { (data.len() - i).is_multiple_of(group) } else { i.is_multiple_of(group) };
            if i > 0 && boundary {
                out.push(s);
            }
        }
        out.push(HEX_DIGITS[(b >> 4) as usize]);
        out.push(HEX_DIGITS[(b & 15) as usize]);
    }
}

fn unhexlify(vm: &Vm, fname: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = one_arg(vm, fname, a, k)?;
    let s = ascii_buffer(vm, &s)?;
    if s.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    for pair in s.chunks(2) {
        match (hex_value(pair[0]), hex_value(pair[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(vm.new_bytes(out))
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

// ---- base64 ---------------------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn b2a_base64(d: &[u8], newline: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(d.len().div_ceil(3) * 4 + 1);
    for chunk in d.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        let chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, c) in chars.iter().enumerate() {
            out.push(if i <= chunk.len() { B64[*c as usize] } else { b'=' });
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

/// CPython 3.11's decoder: characters outside the alphabet are skipped
/// (an error in strict mode); a pad sequence completing a quad ends the
/// data.
fn a2b_base64(d: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    if strict && d.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut out = Vec::with_capacity(d.len() / 4 * 3 + 3);
    let mut quad_pos = 0;
    let mut pads = 0;
    let mut left: u8 = 0;
    let mut padding_started = false;
    for (i, &c) in d.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict && i + 1 < d.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push(left << 6 | v);
                left = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

// ---- uuencode -------------------------------------------------------------------------------------

fn a2b_uu(d: &[u8]) -> Result<Vec<u8>, &'static str> {
    // CPython reads the length byte even from empty data (the bytes
    // object's terminating NUL): 32 zero bytes.
    let first = d.first().copied().unwrap_or(0);
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut rest = d.get(1..).unwrap_or(&[]);
    let mut out = Vec::with_capacity(bin_len);
    let mut left: u32 = 0;
    let mut bits = 0;
    while bin_len > 0 {
        // Past the data, and at a line end, the rest of the line is
        // taken as zeros (spaces eaten at the end of a line).
        let v = match rest.split_first() {
            None => 0,
            Some((&c, tail)) => {
                rest = tail;
                if c == b'\n' || c == b'\r' {
                    0
                } else if !(b' '..=b' ' + 64).contains(&c) {
                    return Err("Illegal char");
                } else {
                    (c - b' ') & 0o77
                }
            }
        };
        left = (left << 6 | v as u32) & 0xffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    if rest.iter().any(|&c| c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r') {
        return Err("Trailing garbage");
    }
    Ok(out)
}

fn b2a_uu(d: &[u8], backtick: bool) -> Result<Vec<u8>, &'static str> {
    if d.len() > 45 {
        return Err("At most 45 bytes at once");
    }
    let enc = |v: u32| if backtick && v == 0 { b'`' } else { b' ' + v as u8 };
    let mut out = Vec::with_capacity(2 + d.len().div_ceil(3) * 4);
    out.push(enc(d.len() as u32));
    let mut left: u32 = 0;
    let mut bits = 0;
    let mut i = 0;
    while i < d.len() || bits != 0 {
        left = (left << 8 | *d.get(i).unwrap_or(&0) as u32) & 0xffff;
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            out.push(enc((left >> bits) & 0x3f));
        }
        left &= (1 << bits) - 1;
        i += 1;
    }
    out.push(b'\n');
    Ok(out)
}

// ---- quoted-printable -----------------------------------------------------------------------------

fn a2b_qp(d: &[u8], header: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(d.len());
    let mut i = 0;
    while i < d.len() {
        let c = d[i];
        if c == b'=' {
            i += 1;
            if i >= d.len() {
                break;
            }
            match d[i] {
                b'\n' | b'\r' => {
                    // A soft line break: skip to the end of the line.
                    while i < d.len() && d[i] != b'\n' {
                        i += 1;
                    }
                    if i < d.len() {
                        i += 1;
                    }
                }
                b'=' => {
                    out.push(b'=');
                    i += 1;
                }
                h => match (hex_value(h), d.get(i + 1).and_then(|&l| hex_value(l))) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        i += 2;
                    }
                    _ => out.push(b'='),
                },
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

const MAXLINESIZE: usize = 76;

/// Does byte `i` of `d` need `=XX` quoting?
fn qp_needs_quoting(d: &[u8], i: usize, linelen: usize, quotetabs: bool, istext: bool, header: bool) -> bool {
    let c = d[i];
    let last = i + 1 == d.len();
    c > 126
        || c == b'='
        || header && c == b'_'
        || c == b'.' && linelen == 0 && (last || matches!(d[i + 1], b'\n' | b'\r' | 0))
        || !istext && (c == b'\r' || c == b'\n')
        || (c == b'\t' || c == b' ') && last
        || c < 33 && c != b'\r' && c != b'\n' && (quotetabs || c != b'\t' && c != b' ')
}

fn b2a_qp(d: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Line ends are written as the data's first one is (CRLF or LF).
    let crlf = d.iter().position(|&c| c == b'\n').is_some_and(|p| p > 0 && d[p - 1] == b'\r');
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(d.len() * 3 / 2 + 8);
    let mut linelen = 0;
    let mut i = 0;
    while i < d.len() {
        let c = d[i];
        if qp_needs_quoting(d, i, linelen, quotetabs, istext, header) {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend_from_slice(&[b'=', UPPER_HEX[(c >> 4) as usize], UPPER_HEX[(c & 15) as usize]]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || c == b'\r' && d.get(i + 1) == Some(&b'\n')) {
            linelen = 0;
            // Whitespace at the end of a line is quoted.
            if let Some(&w @ (b' ' | b'\t')) = out.last() {
                out.pop();
                out.extend_from_slice(&[b'=', UPPER_HEX[(w >> 4) as usize], UPPER_HEX[(w & 15) as usize]]);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != d.len() && d[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    out
}

// ---- crc_hqx --------------------------------------------------------------------------------------

/// CRC-CCITT (polynomial 0x1021, not reflected), as BinHex 4 uses it.
fn crc_hqx(d: &[u8], start: u32) -> u32 {
    let mut crc = start as u16;
    for &b in d {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { crc << 1 ^ 0x1021 } else { crc << 1 };
        }
    }
    crc as u32
}
