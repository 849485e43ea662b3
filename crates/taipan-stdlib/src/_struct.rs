//! `_struct` (CPython's `Modules/_struct.c`): conversion between Python
//! values and C structs packed in bytes. A format is compiled once into a
//! list of item codes (`Struct`); the module-level functions keep a cache of
//! compiled formats (100 entries, emptied when full, as CPython's).

use std::cell::RefCell;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, dict, int, module, str as pystr, Obj, PyErr, PyPayload, PyResult, Vm};

use crate::clinic;

const ERROR: &str = "_struct.error";
const STRUCT: &str = "_struct.Struct";
const UNPACK_ITERATOR: &str = "_struct.unpack_iterator";
const CACHE: &str = "_struct._cache";
const MAXCACHE: usize = 100;

fn struct_type(vm: &Vm, name: &'static str) -> Obj {
    vm.lazy_types.borrow().get(name).cloned().unwrap_or_else(|| vm.none())
}

/// `struct.error(msg)`.
fn error(vm: &Vm, msg: impl AsRef<str>) -> PyErr {
    vm.new_exception_msg(&struct_type(vm, ERROR), msg.as_ref())
}

// ---------------------------------------------------------------------------
// Formats

/// How a format lays values out: `@` native sizes and alignment, `=`/`<`
/// little-endian standard sizes, `>`/`!` big-endian standard sizes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Native,
    Little,
    Big,
}

/// How an integer argument becomes a C integer, and the range message.
#[derive(Clone, Copy)]
enum IntConv {
    /// PyLong_AsLong: fits i64, else "argument out of range".
    Long,
    /// PyLong_AsUnsignedLong: fits u64, else "argument out of range".
    ULong,
    /// `_PyLong_AsByteArray` of the size: else "int too large to convert".
    Bytes,
    /// PyLong_AsVoidPtr.
    VoidP,
}

#[derive(Clone, Copy)]
enum Kind {
    Pad,
    Char,
    Bool,
    /// An integer of `size` bytes; `range` is the (low, high, label) check
    /// after the conversion, when there is one.
    Int {
        signed: bool,
        conv: IntConv,
        range: Option<(i128, i128, &'static str)>,
    },
    Half,
    Float {
        native: bool,
    },
    Double,
    Str,
    Pascal,
}

#[derive(Clone, Copy)]
struct Entry {
    size: usize,
    kind: Kind,
}

fn int_entry(size: usize, signed: bool, conv: IntConv, range: Option<(i128, i128, &'static str)>) -> Entry {
    Entry { size, kind: Kind::Int { signed, conv, range } }
}

/// The item kinds for a format character, with the range messages CPython's
/// tables give (on a little-endian machine `<` and `=` use the native
/// packers wherever the sizes agree).
fn entry(mode: Mode, c: u8) -> Option<Entry> {
    use IntConv::*;
    let byte = Some((-128, 127, "byte"));
    let ubyte = Some((0, 255, "ubyte"));
    let short = Some((-32768, 32767, "short"));
    let ushort = Some((0, 65535, "ushort"));
    let int_i = Some((-2147483648, 2147483647, "'i'"));
    let uint_i = Some((0, 4294967295, "'I'"));
    let e = match c {
        b'x' => Entry { size: 1, kind: Kind::Pad },
        b'c' => Entry { size: 1, kind: Kind::Char },
        b'?' => Entry { size: 1, kind: Kind::Bool },
        b's' => Entry { size: 1, kind: Kind::Str },
        b'p' => Entry { size: 1, kind: Kind::Pascal },
        b'b' => int_entry(1, true, Long, byte),
        b'B' => int_entry(1, false, Long, ubyte),
        b'e' => Entry { size: 2, kind: Kind::Half },
        b'f' => Entry { size: 4, kind: Kind::Float { native: mode == Mode::Native } },
        b'd' => Entry { size: 8, kind: Kind::Double },
        _ => match mode {
            Mode::Native | Mode::Little => {
                let native = mode == Mode::Native;
                match c {
                    b'h' => int_entry(2, true, Long, short),
                    b'H' => int_entry(2, false, Long, ushort),
                    b'i' => int_entry(4, true, Long, int_i),
                    b'I' => int_entry(4, false, ULong, uint_i),
                    b'l' if native => int_entry(8, true, Long, None),
                    b'L' if native => int_entry(8, false, ULong, None),
                    b'l' => int_entry(4, true, Long, Some((-2147483648, 2147483647, "'l'"))),
                    b'L' => int_entry(4, false, ULong, Some((0, 4294967295, "'L'"))),
                    b'q' => int_entry(8, true, Long, None),
                    b'Q' => int_entry(8, false, ULong, None),
                    b'n' if native => int_entry(8, true, Long, None),
                    b'N' if native => int_entry(8, false, ULong, None),
                    b'P' if native => int_entry(8, false, VoidP, None),
                    _ => return None,
                }
            }
            Mode::Big => match c {
                b'h' => int_entry(2, true, Long, Some((-32768, 32767, "'h'"))),
                b'H' => int_entry(2, false, ULong, Some((0, 65535, "'H'"))),
                b'i' => int_entry(4, true, Long, int_i),
                b'I' => int_entry(4, false, ULong, uint_i),
                b'l' => int_entry(4, true, Long, Some((-2147483648, 2147483647, "'l'"))),
                b'L' => int_entry(4, false, ULong, Some((0, 4294967295, "'L'"))),
                b'q' => int_entry(8, true, Bytes, None),
                b'Q' => int_entry(8, false, Bytes, None),
                _ => return None,
            },
        },
    };
    Some(e)
}

/// One item of a compiled format: `size` is the byte count of an `s`/`p`
/// field, else the item's size.
#[derive(Clone, Copy)]
struct Code {
    offset: usize,
    size: usize,
    kind: Kind,
}

/// A run of `repeat` items of one code (CPython's `formatcode`): a huge
/// repeat count costs nothing until a buffer of that size is given.
#[derive(Clone, Copy)]
struct Run {
    first: Code,
    repeat: usize,
}

struct Compiled {
    mode: Mode,
    size: usize,
    runs: Vec<Run>,
    /// The number of items packed or unpacked.
    nitems: usize,
}

impl Compiled {
    fn items(&self) -> impl Iterator<Item = Code> + '_ {
        self.runs
            .iter()
            .flat_map(|r| (0..r.repeat).map(move |k| Code { offset: r.first.offset + k * r.first.size, ..r.first }))
    }
}

fn mode_of(c: u8) -> Option<Mode> {
    match c {
        b'@' => Some(Mode::Native),
        b'=' | b'<' => Some(Mode::Little),
        b'>' | b'!' => Some(Mode::Big),
        _ => None,
    }
}

/// Compile a format (CPython's `prepare_s`).
fn compile(vm: &Vm, fmt: &[u8]) -> PyResult<Compiled> {
    if fmt.contains(&0) {
        return Err(error(vm, "embedded null character"));
    }
    let (mode, body) = match fmt.first().and_then(|&c| mode_of(c)) {
        Some(m) => (m, &fmt[1..]),
        None => (Mode::Native, fmt),
    };
    let too_long = || error(vm, "total struct size too long");
    let mut runs: Vec<Run> = Vec::new();
    let mut nitems: usize = 0;
    let mut size: usize = 0;
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        let num: usize = if c.is_ascii_digit() {
            let mut n = (c - b'0') as usize;
            loop {
                let Some(&d) = body.get(i) else {
                    return Err(error(vm, "repeat count given without format specifier"));
                };
                i += 1;
                if !d.is_ascii_digit() {
                    c = d;
                    break;
                }
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((d - b'0') as usize))
                    .filter(|&n| n <= isize::MAX as usize)
                    .ok_or_else(too_long)?;
            }
            n
        } else {
            1
        };
        let Some(e) = entry(mode, c) else { return Err(error(vm, "bad char in struct format")) };
        if mode == Mode::Native && size > 0 {
            let align = e.size;
            size = size
                .checked_add((align - 1) - (size - 1) % align)
                .filter(|&s| s <= isize::MAX as usize)
                .ok_or_else(too_long)?;
        }
        let span = num.checked_mul(e.size).ok_or_else(too_long)?;
        let end = size.checked_add(span).filter(|&s| s <= isize::MAX as usize).ok_or_else(too_long)?;
        let run = match e.kind {
            Kind::Str | Kind::Pascal => Some(Run { first: Code { offset: size, size: num, kind: e.kind }, repeat: 1 }),
            Kind::Pad => None,
            _ if num == 0 => None,
            _ => Some(Run { first: Code { offset: size, size: e.size, kind: e.kind }, repeat: num }),
        };
        if let Some(run) = run {
            if runs.try_reserve(1).is_err() {
                return Err(vm.memory_error());
            }
            nitems = nitems.saturating_add(run.repeat);
            runs.push(run);
        }
        size = end;
    }
    Ok(Compiled { mode, size, runs, nitems })
}

// ---------------------------------------------------------------------------
// Packing

fn put_uint(out: &mut [u8], v: u64, big: bool) {
    let n = out.len();
    for (k, b) in out.iter_mut().enumerate() {
        let shift = if big { 8 * (n - 1 - k) } else { 8 * k };
        *b = (v >> shift) as u8;
    }
}

fn get_uint(data: &[u8], big: bool) -> u64 {
    let n = data.len();
    let mut v = 0u64;
    for (k, &b) in data.iter().enumerate() {
        let shift = if big { 8 * (n - 1 - k) } else { 8 * k };
        v |= (b as u64) << shift;
    }
    v
}

/// CPython's `get_pylong`: an int, through `__index__` if need be.
fn get_pylong(vm: &Vm, v: &Obj) -> PyResult<BigInt> {
    if let Some(i) = int::value(v) {
        return Ok(i.to_big());
    }
    if vm.has_index(v) {
        return vm.to_bigint(v);
    }
    Err(error(vm, "required argument is not an integer"))
}

fn pack_int(
    vm: &Vm,
    out: &mut [u8],
    v: &Obj,
    signed: bool,
    conv: IntConv,
    range: Option<(i128, i128, &str)>,
    big: bool,
) -> PyResult<()> {
    let n = get_pylong(vm, v)?;
    let out_of_range = || error(vm, "argument out of range");
    let x: i128 = match conv {
        IntConv::Long => n.to_i64().ok_or_else(out_of_range)? as i128,
        IntConv::ULong => n.to_u64().ok_or_else(out_of_range)? as i128,
        IntConv::VoidP => {
            if n.is_negative() {
                n.to_i64().ok_or_else(|| error(vm, "int too large to convert"))? as i128
            } else {
                n.to_u64().ok_or_else(|| error(vm, "int too large to convert"))? as i128
            }
        }
        IntConv::Bytes => {
            let fits = if signed { n.to_i64().is_some() } else { n.sign() != Sign::Minus && n.to_u64().is_some() };
            if !fits {
                return Err(error(vm, "int too large to convert"));
            }
            n.to_i128().unwrap_or(0)
        }
    };
    if let Some((lo, hi, label)) = range {
        if x < lo || x > hi {
            return Err(error(vm, format!("{label} format requires {lo} <= number <= {hi}")));
        }
    }
    put_uint(out, x as u64, big);
    Ok(())
}

fn float_arg(vm: &Vm, v: &Obj) -> PyResult<f64> {
    vm.to_f64(v).map_err(|_| error(vm, "required argument is not a float"))
}

/// IEEE 754 half precision, rounded half-even (CPython's `PyFloat_Pack2`).
fn pack_half(vm: &Vm, x: f64) -> PyResult<u16> {
    let sign = (x.is_sign_negative() as u16) << 15;
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    if x == 0.0 {
        return Ok(sign);
    }
    let overflow = || vm.overflow_error("float too large to pack with e format");
    let (m, e) = crate::libm::frexp(x.abs());
    let mut f = m * 2.0;
    let mut e = e - 1;
    if e >= 16 {
        return Err(overflow());
    } else if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f = crate::libm::ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - bits as f64;
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return Err(overflow());
            }
        }
    }
    Ok(sign | ((e as u16) << 10) | bits)
}

fn unpack_half(h: u16) -> f64 {
    let negative = h & 0x8000 != 0;
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    let x = if e == 0x1f {
        if f == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else if e == 0 {
        crate::libm::ldexp(f / 1024.0, -14)
    } else {
        crate::libm::ldexp(1.0 + f / 1024.0, e - 15)
    };
    if negative {
        -x
    } else {
        x
    }
}

/// The contents of a bytes or bytearray argument (CPython's
/// `PyBytes_Check || PyByteArray_Check`).
fn bytes_arg(vm: &Vm, v: &Obj) -> Option<Vec<u8>> {
    if vm.isinstance_type(v, &vm.ctx.types.memoryview) {
        return None;
    }
    bytes::as_bytes(v)
}

fn pack_item(vm: &Vm, mode: Mode, code: &Code, v: &Obj, out: &mut [u8]) -> PyResult<()> {
    let big = mode == Mode::Big;
    let field = &mut out[code.offset..code.offset + code.size];
    match code.kind {
        Kind::Pad => {}
        Kind::Char => match bytes::as_bytes_ref(v) {
            Some(b) if b.len() == 1 => field[0] = b[0],
            _ => return Err(error(vm, "char format requires a bytes object of length 1")),
        },
        Kind::Bool => field[0] = vm.is_true(v)? as u8,
        Kind::Int { signed, conv, range } => pack_int(vm, field, v, signed, conv, range, big)?,
        Kind::Half => {
            let h = pack_half(vm, float_arg(vm, v)?)?;
            put_uint(field, h as u64, big);
        }
        Kind::Float { native } => {
            let x = float_arg(vm, v)?;
            let y = x as f32;
            if !native && y.is_infinite() && !x.is_infinite() {
                return Err(vm.overflow_error("float too large to pack with f format"));
            }
            put_uint(field, y.to_bits() as u64, big);
        }
        Kind::Double => {
            let x = float_arg(vm, v)?;
            put_uint(field, x.to_bits(), big);
        }
        Kind::Str | Kind::Pascal => {
            let pascal = matches!(code.kind, Kind::Pascal);
            let Some(b) = bytes_arg(vm, v) else {
                let c = if pascal { 'p' } else { 's' };
                return Err(error(vm, format!("argument for '{c}' must be a bytes object")));
            };
            if pascal {
                if code.size == 0 {
                    return Ok(());
                }
                let n = b.len().min(code.size - 1);
                field[1..1 + n].copy_from_slice(&b[..n]);
                field[0] = n.min(255) as u8;
            } else {
                let n = b.len().min(code.size);
                field[..n].copy_from_slice(&b[..n]);
            }
        }
    }
    Ok(())
}

fn pack_into_vec(vm: &Vm, c: &Compiled, values: &[Obj], out: &mut [u8]) -> PyResult<()> {
    for (code, v) in c.items().zip(values) {
        if let Err(e) = pack_item(vm, c.mode, &code, v, out) {
            // An int that overflowed a conversion (CPython's s_pack_internal).
            if int::value(v).is_some() && vm.err_matches(&e, &vm.ctx.exceptions.overflow_error) {
                return Err(error(vm, "int too large to convert"));
            }
            return Err(e);
        }
    }
    Ok(())
}

fn check_count(vm: &Vm, what: &str, c: &Compiled, n: usize) -> PyResult<()> {
    if n != c.nitems {
        return Err(error(vm, format!("{what} expected {} items for packing (got {n})", c.nitems)));
    }
    Ok(())
}

fn pack(vm: &Vm, c: &Compiled, values: &[Obj]) -> PyResult<Obj> {
    check_count(vm, "pack", c, values.len())?;
    let mut out = Vec::new();
    if out.try_reserve_exact(c.size).is_err() {
        return Err(vm.memory_error());
    }
    out.resize(c.size, 0u8);
    pack_into_vec(vm, c, values, &mut out)?;
    Ok(vm.new_bytes(out))
}

fn pack_into(vm: &Vm, c: &Compiled, a: &[Obj]) -> PyResult<Obj> {
    if a.is_empty() {
        return Err(error(vm, "pack_into expected buffer argument"));
    }
    if a.len() < 2 {
        return Err(error(vm, "pack_into expected offset argument"));
    }
    check_count(vm, "pack_into", c, a.len() - 2)?;
    let buf = &a[0];
    let buflen = buffer::with_writable(vm, buf, "argument", |b| b.len())?;
    let mut offset = vm.index_to_isize(&a[1])?;
    if offset < 0 {
        if offset + (c.size as isize) > 0 {
            return Err(error(vm, format!("no space to pack {} bytes at offset {offset}", c.size)));
        }
        if offset + (buflen as isize) < 0 {
            return Err(error(vm, format!("offset {offset} out of range for {buflen}-byte buffer")));
        }
        offset += buflen as isize;
    }
    let offset = offset as usize;
    if buflen < offset || buflen - offset < c.size {
        return Err(error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
                c.size as u128 + offset as u128,
                c.size,
                offset,
                buflen
            ),
        ));
    }
    // Pack into a scratch buffer first: converting the values may run
    // Python code, which must not see the target borrowed. The whole
    // region is zeroed first (pad bytes and the rest of a short 's' or
    // 'p' item), and the items packed before an error stay written, as
    // CPython's s_pack_internal does.
    let mut out = vec![0u8; c.size];
    let r = pack_into_vec(vm, c, &a[2..], &mut out);
    buffer::with_writable(vm, buf, "argument", |b| {
        if b.len() >= offset + c.size {
            b[offset..offset + c.size].copy_from_slice(&out);
        }
    })?;
    r.map(|_| vm.none())
}

// ---------------------------------------------------------------------------
// Unpacking

fn unpack_item(vm: &Vm, mode: Mode, code: &Code, data: &[u8]) -> PyResult<Obj> {
    let big = mode == Mode::Big;
    let field = &data[code.offset..code.offset + code.size];
    Ok(match code.kind {
        Kind::Pad => vm.none(),
        Kind::Char => vm.new_bytes(field.to_vec()),
        Kind::Bool => vm.bool_obj(field[0] != 0),
        Kind::Int { signed, .. } => {
            let raw = get_uint(field, big);
            if signed {
                let shift = 64 - 8 * code.size as u32;
                vm.new_int(((raw << shift) as i64) >> shift)
            } else if raw <= i64::MAX as u64 {
                vm.new_int(raw as i64)
            } else {
                vm.new_bigint(BigInt::from(raw))
            }
        }
        Kind::Half => vm.new_float(unpack_half(get_uint(field, big) as u16)),
        Kind::Float { .. } => vm.new_float(f32::from_bits(get_uint(field, big) as u32) as f64),
        Kind::Double => vm.new_float(f64::from_bits(get_uint(field, big))),
        Kind::Str => vm.new_bytes(field.to_vec()),
        Kind::Pascal => {
            if code.size == 0 {
                return Err(vm.system_error("Negative size passed to PyBytes_FromStringAndSize"));
            }
            let n = (field[0] as usize).min(code.size - 1);
            vm.new_bytes(field[1..1 + n].to_vec())
        }
    })
}

fn unpack_bytes(vm: &Vm, c: &Compiled, data: &[u8]) -> PyResult<Obj> {
    let mut items = Vec::new();
    if items.try_reserve_exact(c.nitems).is_err() {
        return Err(vm.memory_error());
    }
    for code in c.items() {
        items.push(unpack_item(vm, c.mode, &code, data)?);
    }
    Ok(vm.new_tuple(items))
}

fn buffer_bytes(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    buffer::with_bytes(vm, o, |b| b.to_vec())
}

fn unpack(vm: &Vm, c: &Compiled, buf: &Obj) -> PyResult<Obj> {
    let data = buffer_bytes(vm, buf)?;
    if data.len() != c.size {
        return Err(error(vm, format!("unpack requires a buffer of {} bytes", c.size)));
    }
    unpack_bytes(vm, c, &data)
}

fn unpack_from(vm: &Vm, c: &Compiled, buf: &Obj, offset: Option<&Obj>) -> PyResult<Obj> {
    let data = buffer_bytes(vm, buf)?;
    let buflen = data.len();
    let mut offset = match offset {
        Some(o) => vm.index_to_isize(o)?,
        None => 0,
    };
    if offset < 0 {
        if offset + (buflen as isize) < 0 {
            return Err(error(vm, format!("offset {offset} out of range for {buflen}-byte buffer")));
        }
        if offset + (c.size as isize) > 0 {
            return Err(error(vm, format!("not enough data to unpack {} bytes at offset {offset}", c.size)));
        }
        offset += buflen as isize;
    }
    let offset = offset as usize;
    if buflen < offset || buflen - offset < c.size {
        return Err(error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                c.size as u128 + offset as u128,
                c.size,
                offset,
                buflen
            ),
        ));
    }
    unpack_bytes(vm, c, &data[offset..offset + c.size])
}

// ---------------------------------------------------------------------------
// The Struct type

pub(crate) struct Struct {
    /// The format as given (str or bytes), or None before `__init__`.
    format: RefCell<Option<Obj>>,
    compiled: RefCell<Option<std::rc::Rc<Compiled>>>,
}
impl PyPayload for Struct {}

fn st<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Struct> {
    payload_or_err::<Struct>(vm, o, "_struct.Struct")
}

fn compiled(vm: &Vm, o: &Obj) -> PyResult<std::rc::Rc<Compiled>> {
    match st(vm, o)?.compiled.borrow().clone() {
        Some(c) => Ok(c),
        None => Err(vm.system_error("Struct object is not initialized")),
    }
}

/// The bytes of a format argument.
fn format_bytes(vm: &Vm, fmt: &Obj) -> PyResult<Vec<u8>> {
    if let Some(s) = pystr::data(fmt) {
        return match s.as_str() {
            Some(t) if t.is_ascii() => Ok(t.as_bytes().to_vec()),
            _ => {
                vm.call_method(fmt, "encode", &[vm.new_str("ascii")])?;
                Err(vm.value_error("format is not ASCII"))
            }
        };
    }
    if let Some(b) = bytes::as_bytes_ref(fmt) {
        if fmt.type_is(&vm.ctx.types.bytes) || vm.isinstance_type(fmt, &vm.ctx.types.bytes) {
            return Ok(b.to_vec());
        }
    }
    Err(vm.type_error(format!("Struct() argument 1 must be a str or bytes object, not {}", fmt.class().name())))
}

fn struct_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    alloc_instance(
        vm,
        cls,
        &struct_type(vm, STRUCT),
        Struct { format: RefCell::new(None), compiled: RefCell::new(None) },
    )
}

fn struct_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    let v = args::parse(vm, "Struct", a, k, &["format"], 1)?;
    let fmt = v[0].clone().unwrap_or_else(|| vm.none());
    set_format(vm, o, &fmt)
}

fn set_format(vm: &Vm, o: &Obj, fmt: &Obj) -> PyResult<()> {
    let b = format_bytes(vm, fmt)?;
    let c = compile(vm, &b)?;
    let s = st(vm, o)?;
    *s.format.borrow_mut() = Some(vm.new_str_from_string(String::from_utf8_lossy(&b).into_owned()));
    *s.compiled.borrow_mut() = Some(std::rc::Rc::new(c));
    Ok(())
}

const STRUCT_METHODS: &[MethodDef] = &[
    MethodDef::method("pack", |vm, o, a, k| {
        clinic::no_kw(vm, "pack", k)?;
        pack(vm, &*compiled(vm, o)?, a)
    }),
    MethodDef::method("pack_into", |vm, o, a, k| {
        clinic::no_kw(vm, "pack_into", k)?;
        pack_into(vm, &*compiled(vm, o)?, a)
    }),
    MethodDef::method("unpack", |vm, o, a, k| {
        let b = clinic::one(vm, "Struct.unpack", a, k)?;
        unpack(vm, &*compiled(vm, o)?, &b)
    }),
    MethodDef::method("unpack_from", |vm, o, a, k| {
        let v = args::parse(vm, "unpack_from", a, k, &["buffer", "offset"], 1)?;
        let buf = v[0].clone().unwrap_or_else(|| vm.none());
        unpack_from(vm, &*compiled(vm, o)?, &buf, v[1].as_ref())
    }),
    MethodDef::method("iter_unpack", |vm, o, a, k| {
        let b = clinic::one(vm, "Struct.iter_unpack", a, k)?;
        iter_unpack(vm, o, &b)
    }),
    MethodDef::method("__sizeof__", |vm, o, a, k| {
        clinic::none(vm, "Struct.__sizeof__", a, k)?;
        let n = compiled(vm, o).map(|c| c.runs.len()).unwrap_or(0);
        Ok(vm.new_usize(o.class().basicsize + (n + 1) * 24))
    }),
];

const STRUCT_GETSETS: &[GetSetDef] = &[
    GetSetDef::new("format", |vm, o| Ok(st(vm, o)?.format.borrow().clone().unwrap_or_else(|| vm.none())), None),
    GetSetDef::new("size", |vm, o| Ok(vm.new_usize(compiled(vm, o)?.size)), None),
];

// ---------------------------------------------------------------------------
// iter_unpack

pub(crate) struct UnpackIter {
    compiled: std::rc::Rc<Compiled>,
    data: Vec<u8>,
    index: std::cell::Cell<usize>,
}
impl PyPayload for UnpackIter {}

fn iter_unpack(vm: &Vm, s: &Obj, buf: &Obj) -> PyResult<Obj> {
    let c = compiled(vm, s)?;
    if c.size == 0 {
        return Err(error(vm, "cannot iteratively unpack with a struct of length 0"));
    }
    let data = buffer_bytes(vm, buf)?;
    if data.len() % c.size != 0 {
        return Err(error(vm, format!("iterative unpacking requires a buffer of a multiple of {} bytes", c.size)));
    }
    let ty = struct_type(vm, UNPACK_ITERATOR);
    alloc_instance(vm, &ty, &ty, UnpackIter { compiled: c, data, index: std::cell::Cell::new(0) })
}

fn unpack_iternext(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<UnpackIter>(vm, o, "_struct.unpack_iterator")?;
    let i = it.index.get();
    let size = it.compiled.size;
    if i + size > it.data.len() {
        return Ok(None);
    }
    it.index.set(i + size);
    unpack_bytes(vm, &it.compiled, &it.data[i..i + size]).map(Some)
}

const ITER_METHODS: &[MethodDef] = &[MethodDef::method("__length_hint__", |vm, o, _a, _k| {
    let it = payload_or_err::<UnpackIter>(vm, o, "_struct.unpack_iterator")?;
    Ok(vm.new_usize((it.data.len() - it.index.get()) / it.compiled.size))
})];

// ---------------------------------------------------------------------------
// Module functions

/// The cached Struct for a format (CPython's `cache_struct_converter`).
fn cached_struct(vm: &Vm, fmt: &Obj) -> PyResult<Obj> {
    let cache = struct_type(vm, CACHE);
    if let Ok(Some(s)) = dict::get_item_opt(vm, &cache, fmt) {
        return Ok(s);
    }
    let s = vm.call(&struct_type(vm, STRUCT), std::slice::from_ref(fmt), None)?;
    if dict::len(&cache) >= MAXCACHE {
        vm.call_method(&cache, "clear", &[])?;
    }
    // Unhashable formats cannot be cached (they fail above anyway).
    let _ = dict::set_item(vm, &cache, fmt.clone(), s.clone());
    Ok(s)
}

fn first_format<'a>(vm: &Vm, a: &'a [Obj]) -> PyResult<(Obj, &'a [Obj])> {
    match a.split_first() {
        Some((f, rest)) => Ok((cached_struct(vm, f)?, rest)),
        None => Err(vm.type_error("missing format argument")),
    }
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("_clearcache", |vm, _, a, k| {
        clinic::none(vm, "_clearcache", a, k)?;
        vm.call_method(&struct_type(vm, CACHE), "clear", &[])?;
        Ok(vm.none())
    }),
    MethodDef::static_("calcsize", |vm, _, a, k| {
        let f = clinic::one(vm, "calcsize", a, k)?;
        let s = cached_struct(vm, &f)?;
        Ok(vm.new_usize(compiled(vm, &s)?.size))
    }),
    MethodDef::static_("iter_unpack", |vm, _, a, k| {
        let a = clinic::positional(vm, "iter_unpack", "iter_unpack", a, k, 2, 2)?;
        let s = cached_struct(vm, &a[0])?;
        iter_unpack(vm, &s, &a[1])
    }),
    MethodDef::static_("pack", |vm, _, a, k| {
        clinic::no_kw(vm, "pack", k)?;
        let (s, rest) = first_format(vm, a)?;
        pack(vm, &*compiled(vm, &s)?, rest)
    }),
    MethodDef::static_("pack_into", |vm, _, a, k| {
        clinic::no_kw(vm, "pack_into", k)?;
        let (s, rest) = first_format(vm, a)?;
        pack_into(vm, &*compiled(vm, &s)?, rest)
    }),
    MethodDef::static_("unpack", |vm, _, a, k| {
        let a = clinic::positional(vm, "unpack", "unpack", a, k, 2, 2)?;
        let s = cached_struct(vm, &a[0])?;
        unpack(vm, &*compiled(vm, &s)?, &a[1])
    }),
    MethodDef::static_("unpack_from", |vm, _, a, k| {
        let spec = args::ArgSpec {
            fname: "unpack_from",
            names: &["", "buffer", "offset"],
            posonly: 1,
            required: 2,
            kwonly_from: 3,
        };
        let v = args::parse_spec(vm, &spec, a, k)?;
        let fmt = v[0].clone().unwrap_or_else(|| vm.none());
        let s = cached_struct(vm, &fmt)?;
        let buf = v[1].clone().unwrap_or_else(|| vm.none());
        unpack_from(vm, &*compiled(vm, &s)?, &buf, v[2].as_ref())
    }),
];

fn make_types(vm: &Vm) -> PyResult<()> {
    if vm.lazy_types.borrow().contains_key(STRUCT) {
        return Ok(());
    }
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("struct"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
    let err = vm.call(&vm.ctx.types.type_, &[vm.new_str("error"), bases, ns], None)?;
    vm.lazy_types.borrow_mut().insert(ERROR, err);
    let spec = TypeSpec {
        name: "_struct.Struct",
        flags: flags::BASETYPE,
        weakref: true,
        methods: STRUCT_METHODS,
        getsets: STRUCT_GETSETS,
        doc: Some("Struct(format)\n--\n\nCreate a compiled struct object.\n\nReturn a new Struct object which writes and reads binary data according to\nthe format string.\n\nSee help(struct) for more on format strings."),
        ..Default::default()
    };
    let ty = taipan_vm::api::types::new_type::<Struct>(vm, &spec, |s| {
        s.new.set(Some(struct_new));
        s.init.set(Some(struct_init));
    });
    vm.lazy_types.borrow_mut().insert(STRUCT, ty);
    let spec = TypeSpec { name: "_struct.unpack_iterator", methods: ITER_METHODS, ..Default::default() };
    let ty = taipan_vm::api::types::new_type::<UnpackIter>(vm, &spec, |s| {
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(unpack_iternext));
    });
    vm.lazy_types.borrow_mut().insert(UNPACK_ITERATOR, ty);
    vm.lazy_types.borrow_mut().insert(CACHE, vm.new_dict());
    Ok(())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm)?;
    let m = module::new_module(vm, "_struct");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_struct", FUNCTIONS);
    dict::set_item_str(vm, &d, "error", struct_type(vm, ERROR))?;
    dict::set_item_str(vm, &d, "Struct", struct_type(vm, STRUCT))?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn half_floats_round_trip() {
        for h in [0u16, 1, 0x3c00, 0x7bff, 0x8001, 0xfbff, 0x0400, 0x03ff] {
            let x = super::unpack_half(h);
            let bits = (x.is_sign_negative() as u16) << 15;
            assert!(x.is_finite(), "{h:#x}");
            assert!(bits & 0x8000 == h & 0x8000);
        }
    }
}
