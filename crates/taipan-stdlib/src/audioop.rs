//! `audioop` (CPython's `Modules/audioop.c`): operations on raw audio
//! fragments of signed 1-, 2-, 3- or 4-byte samples in native byte order,
//! with G.711 u-law/A-law and Intel/DVI ADPCM codecs.
//!
//! Results are byte-identical with CPython's: the same integer and double
//! arithmetic in the same order, C's truncating conversions included.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{buffer, dict, int, module, tuple, Obj, PyErr, PyResult, Vm};

const ERROR: &str = "audioop.error";

const MAXVALS: [i32; 5] = [0, 0x7F, 0x7FFF, 0x7F_FFFF, 0x7FFF_FFFF];
const MINVALS: [i32; 5] = [0, -0x80, -0x8000, -0x80_0000, i32::MIN];
const MASKS: [u32; 5] = [0, 0xFF, 0xFFFF, 0xFF_FFFF, 0xFFFF_FFFF];

/// The Intel/DVI ADPCM index adjustments per 4-bit code.
const INDEX_TABLE: [i32; 16] = [-1, -1, -1, -1, 2, 4, 6, 8, -1, -1, -1, -1, 2, 4, 6, 8];

/// The IMA ADPCM quantizer step sizes.
const STEPSIZE_TABLE: [i32; 89] = [
    7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107,
    118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963,
    1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894,
    6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794,
    32767,
];

/// Segment end points of G.711 A-law (13-bit magnitudes) and u-law
/// (biased 14-bit magnitudes).
const SEG_AEND: [i16; 8] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];
const SEG_UEND: [i16; 8] = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF];

// ---------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------

/// The sample at byte offset `i` as a signed value of its width.
fn get_raw(b: &[u8], width: usize, i: usize) -> i32 {
    match width {
        1 => b[i] as i8 as i32,
        2 => i16::from_ne_bytes([b[i], b[i + 1]]) as i32,
        3 => (b[i] as i32) | ((b[i + 1] as i32) << 8) | ((b[i + 2] as i8 as i32) << 16),
        _ => i32::from_ne_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]),
    }
}

/// Store `v` truncated to the width at byte offset `i`.
fn set_raw(b: &mut [u8], width: usize, i: usize, v: i32) {
    match width {
        1 => b[i] = v as u8,
        2 => b[i..i + 2].copy_from_slice(&(v as i16).to_ne_bytes()),
        3 => {
            b[i] = v as u8;
            b[i + 1] = (v >> 8) as u8;
            b[i + 2] = (v >> 16) as u8;
        }
        _ => b[i..i + 4].copy_from_slice(&v.to_ne_bytes()),
    }
}

/// The sample scaled to 32 bits.
fn get32(b: &[u8], width: usize, i: usize) -> i32 {
    get_raw(b, width, i) << (8 * (4 - width as u32))
}

/// Store a 32-bit-scaled sample at the width.
fn set32(b: &mut [u8], width: usize, i: usize, v: i32) {
    set_raw(b, width, i, v >> (8 * (4 - width as u32)));
}

/// CPython's `fbound`: clamp to the sample range, round towards minus
/// infinity, then C's conversion to int.
fn fbound(val: f64, minval: f64, maxval: f64) -> i32 {
    let v = if val > maxval {
        maxval
    } else if val < minval + 1.0 {
        minval
    } else {
        val
    };
    v.floor() as i32
}

fn search(val: i16, table: &[i16; 8]) -> usize {
    table.iter().position(|&end| val <= end).unwrap_or(8)
}

/// G.711 u-law of a 14-bit sample.
fn linear14_to_ulaw(pcm: i16) -> u8 {
    let (mut pcm, mask) = if pcm < 0 { (pcm.wrapping_neg(), 0x7Fu8) } else { (pcm, 0xFFu8) };
    if pcm > 32635 {
        pcm = 32635;
    }
    pcm += 0x84 >> 2;
    let seg = search(pcm, &SEG_UEND);
    if seg >= 8 {
        return 0x7F ^ mask;
    }
    let uval = ((seg as u8) << 4) | ((pcm >> (seg + 1)) & 0xF) as u8;
    uval ^ mask
}

/// G.711 A-law of a 13-bit sample.
fn linear13_to_alaw(pcm: i16) -> u8 {
    let (pcm, mask) = if pcm >= 0 { (pcm, 0xD5u8) } else { (-pcm - 1, 0x55u8) };
    let seg = search(pcm, &SEG_AEND);
    if seg >= 8 {
        return 0x7F ^ mask;
    }
    let quant = if seg < 2 { (pcm >> 1) & 0xF } else { (pcm >> seg) & 0xF };
    (((seg as u8) << 4) | quant as u8) ^ mask
}

/// G.711 u-law decoding to 16 bits.
fn ulaw_to_linear16(u: u8) -> i32 {
    let u = !u;
    let t = ((((u & 0x0F) as i32) << 3) + 0x84) << ((u & 0x70) >> 4);
    if u & 0x80 != 0 {
        0x84 - t
    } else {
        t - 0x84
    }
}

/// G.711 A-law decoding to 16 bits.
fn alaw_to_linear16(a: u8) -> i32 {
    let a = a ^ 0x55;
    let mut t = ((a & 0x0F) as i32) << 4;
    let seg = (a & 0x70) >> 4;
    match seg {
        0 => t += 8,
        1 => t += 0x108,
        _ => t = (t + 0x108) << (seg - 1),
    }
    if a & 0x80 != 0 {
        t
    } else {
        -t
    }
}

// ---------------------------------------------------------------------------
// Arguments and errors
// ---------------------------------------------------------------------------

fn error(vm: &Vm, msg: &str) -> PyErr {
    match crate::support::module_type(vm, ERROR) {
        Some(ty) => vm.new_exception_msg(&ty, msg),
        None => vm.system_error("audioop.error is not initialised"),
    }
}

fn args_n<'a>(vm: &Vm, name: &str, a: &'a [Obj], k: Option<&Obj>, min: usize, max: usize) -> PyResult<&'a [Obj]> {
    crate::clinic::positional(vm, &format!("audioop.{name}"), name, a, k, min, max)
}

/// A `Py_buffer` argument, copied.
fn fragment(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    buffer::with_simple_bytes(vm, o, |b| {
        let mut v = Vec::new();
        v.try_reserve_exact(b.len()).ok().map(|_| {
            v.extend_from_slice(b);
            v
        })
    })?
    .ok_or_else(|| vm.memory_error())
}

fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    if taipan_vm::api::float::value(o).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    match vm.index_value(o)? {
        int::IntValue::Small(v) if i32::try_from(v).is_ok() => Ok(v as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

fn width_arg(vm: &Vm, o: &Obj) -> PyResult<usize> {
    let w = c_int(vm, o)?;
    check_size(vm, w)?;
    Ok(w as usize)
}

fn check_size(vm: &Vm, w: i32) -> PyResult<()> {
    if !(1..=4).contains(&w) {
        return Err(error(vm, "Size should be 1, 2, 3 or 4"));
    }
    Ok(())
}

/// CPython's `audioop_check_parameters`.
fn check_frames(vm: &Vm, len: usize, width: usize) -> PyResult<()> {
    if !len.is_multiple_of(width) {
        return Err(error(vm, "not a whole number of frames"));
    }
    Ok(())
}

/// `fragment, width` converted (as Argument Clinic converts every
/// argument before the function checks any).
fn frag_width_raw(vm: &Vm, a: &[Obj]) -> PyResult<(Vec<u8>, i32)> {
    Ok((fragment(vm, &a[0])?, c_int(vm, &a[1])?))
}

/// CPython's `audioop_check_parameters` on converted arguments.
fn checked(vm: &Vm, (f, w): (Vec<u8>, i32)) -> PyResult<(Vec<u8>, usize)> {
    check_size(vm, w)?;
    check_frames(vm, f.len(), w as usize)?;
    Ok((f, w as usize))
}

/// `fragment, width` with both checked.
fn frag_width(vm: &Vm, a: &[Obj]) -> PyResult<(Vec<u8>, usize)> {
    let raw = frag_width_raw(vm, a)?;
    checked(vm, raw)
}

fn output(vm: &Vm, len: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| vm.memory_error())?;
    v.resize(len, 0);
    Ok(v)
}

fn out_len(vm: &Vm, a: usize, b: usize) -> PyResult<usize> {
    a.checked_mul(b)
        .filter(|n| *n <= isize::MAX as usize)
        .ok_or_else(|| vm.new_exception_msg(&vm.ctx.exceptions.memory_error, "not enough memory for output buffer"))
}

fn samples(len: usize, width: usize) -> impl Iterator<Item = usize> {
    (0..len).step_by(width)
}

// ---------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------

fn getsample(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "getsample", a, k, 3, 3)?;
    let raw = frag_width_raw(vm, a)?;
    let index = crate::support::ssize_arg(vm, &a[2])?;
    let (f, w) = checked(vm, raw)?;
    if index < 0 || index as usize >= f.len() / w {
        return Err(error(vm, "Index out of range"));
    }
    Ok(vm.new_int(get_raw(&f, w, index as usize * w) as i64))
}

fn max(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "max", a, k, 2, 2)?)?;
    let m = samples(f.len(), w).map(|i| get_raw(&f, w, i).unsigned_abs()).max().unwrap_or(0);
    Ok(vm.new_int(m as i64))
}

fn minmax(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "minmax", a, k, 2, 2)?)?;
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    for i in samples(f.len(), w) {
        let v = get_raw(&f, w, i);
        hi = hi.max(v);
        lo = lo.min(v);
    }
    Ok(vm.new_tuple(vec![vm.new_int(lo as i64), vm.new_int(hi as i64)]))
}

fn avg(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "avg", a, k, 2, 2)?)?;
    let mut sum = 0.0f64;
    for i in samples(f.len(), w) {
        sum += get_raw(&f, w, i) as f64;
    }
    let avg = if f.is_empty() { 0 } else { (sum / (f.len() / w) as f64).floor() as i32 };
    Ok(vm.new_int(avg as i64))
}

fn rms(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "rms", a, k, 2, 2)?)?;
    let mut sum = 0.0f64;
    for i in samples(f.len(), w) {
        let v = get_raw(&f, w, i) as f64;
        sum += v * v;
    }
    let res = if f.is_empty() { 0 } else { (sum / (f.len() / w) as f64).sqrt() as u32 };
    Ok(vm.new_int(res as i64))
}

/// The 16-bit samples of a fragment of even length.
fn shorts(vm: &Vm, f: &[u8]) -> PyResult<Vec<i16>> {
    if !f.len().is_multiple_of(2) {
        return Err(error(vm, "Strings should be even-sized"));
    }
    Ok(f.chunks_exact(2).map(|c| i16::from_ne_bytes([c[0], c[1]])).collect())
}

fn sum2(a: &[i16], b: &[i16], len: usize) -> f64 {
    let mut sum = 0.0f64;
    for i in 0..len {
        sum += a[i] as f64 * b[i] as f64;
    }
    sum
}

fn findfit(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "findfit", a, k, 2, 2)?;
    let (f1, f2) = (fragment(vm, &a[0])?, fragment(vm, &a[1])?);
    if f1.len() % 2 != 0 || f2.len() % 2 != 0 {
        return Err(error(vm, "Strings should be even-sized"));
    }
    let (cp1, cp2) = (shorts(vm, &f1)?, shorts(vm, &f2)?);
    let (len1, len2) = (cp1.len(), cp2.len());
    if len1 < len2 {
        return Err(error(vm, "First sample should be longer"));
    }
    let sum_ri_2 = sum2(&cp2, &cp2, len2);
    let mut sum_aij_2 = sum2(&cp1, &cp1, len2);
    let sum_aij_ri = sum2(&cp1, &cp2, len2);
    let mut best_result = (sum_ri_2 * sum_aij_2 - sum_aij_ri * sum_aij_ri) / sum_aij_2;
    let mut best_j = 0;
    for j in 1..=len1 - len2 {
        let aj_m1 = cp1[j - 1] as f64;
        let aj_lm1 = cp1[j + len2 - 1] as f64;
        sum_aij_2 = sum_aij_2 + aj_lm1 * aj_lm1 - aj_m1 * aj_m1;
        let sum_aij_ri = sum2(&cp1[j..], &cp2, len2);
        let result = (sum_ri_2 * sum_aij_2 - sum_aij_ri * sum_aij_ri) / sum_aij_2;
        if result < best_result {
            best_result = result;
            best_j = j;
        }
    }
    let factor = sum2(&cp1[best_j..], &cp2, len2) / sum_ri_2;
    Ok(vm.new_tuple(vec![vm.new_usize(best_j), vm.new_float(factor)]))
}

fn findfactor(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "findfactor", a, k, 2, 2)?;
    let (f1, f2) = (fragment(vm, &a[0])?, fragment(vm, &a[1])?);
    if f1.len() % 2 != 0 || f2.len() % 2 != 0 {
        return Err(error(vm, "Strings should be even-sized"));
    }
    if f1.len() != f2.len() {
        return Err(error(vm, "Samples should be same size"));
    }
    let (cp1, cp2) = (shorts(vm, &f1)?, shorts(vm, &f2)?);
    let n = cp1.len();
    Ok(vm.new_float(sum2(&cp1, &cp2, n) / sum2(&cp2, &cp2, n)))
}

fn findmax(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "findmax", a, k, 2, 2)?;
    let f = fragment(vm, &a[0])?;
    let length = crate::support::ssize_arg(vm, &a[1])?;
    let cp = shorts(vm, &f)?;
    if length < 0 || cp.len() < length as usize {
        return Err(error(vm, "Input sample should be longer"));
    }
    let length = length as usize;
    let mut result = sum2(&cp, &cp, length);
    let mut best = result;
    let mut best_j = 0;
    for j in 1..=cp.len() - length {
        let aj_m1 = cp[j - 1] as f64;
        let aj_lm1 = cp[j + length - 1] as f64;
        result = result + aj_lm1 * aj_lm1 - aj_m1 * aj_m1;
        if result > best {
            best = result;
            best_j = j;
        }
    }
    Ok(vm.new_usize(best_j))
}

/// The differences between successive extremes (peaks and troughs), as
/// `avgpp` and `maxpp` see them.
fn extreme_diffs(f: &[u8], w: usize) -> Vec<u32> {
    let mut out = Vec::new();
    if f.len() <= w {
        return out;
    }
    let mut prevval = get_raw(f, w, 0);
    let mut prevdiff: i32 = 17;
    let mut prevextreme: Option<i32> = None;
    for i in samples(f.len(), w).skip(1) {
        let val = get_raw(f, w, i);
        if val != prevval {
            let diff = (val < prevval) as i32;
            if prevdiff == (diff == 0) as i32 {
                if let Some(pe) = prevextreme {
                    let d = if prevval < pe {
                        (pe as u32).wrapping_sub(prevval as u32)
                    } else {
                        (prevval as u32).wrapping_sub(pe as u32)
                    };
                    out.push(d);
                }
                prevextreme = Some(prevval);
            }
            prevval = val;
            prevdiff = diff;
        }
    }
    out
}

fn avgpp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "avgpp", a, k, 2, 2)?)?;
    let diffs = extreme_diffs(&f, w);
    let mut sum = 0.0f64;
    for d in &diffs {
        sum += *d as f64;
    }
    let avg = if diffs.is_empty() { 0 } else { (sum / diffs.len() as f64) as u32 };
    Ok(vm.new_int(avg as i64))
}

fn maxpp(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "maxpp", a, k, 2, 2)?)?;
    Ok(vm.new_int(extreme_diffs(&f, w).into_iter().max().unwrap_or(0) as i64))
}

fn cross(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "cross", a, k, 2, 2)?)?;
    let mut ncross: i64 = -1;
    let mut prev = 17;
    for i in samples(f.len(), w) {
        let v = (get_raw(&f, w, i) < 0) as i32;
        if v != prev {
            ncross += 1;
        }
        prev = v;
    }
    Ok(vm.new_int(ncross))
}

// ---------------------------------------------------------------------------
// Transformations
// ---------------------------------------------------------------------------

fn bounds(w: usize) -> (f64, f64) {
    (MINVALS[w] as f64, MAXVALS[w] as f64)
}

fn mul(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "mul", a, k, 3, 3)?;
    let raw = frag_width_raw(vm, a)?;
    let factor = vm.to_f64(&a[2])?;
    let (f, w) = checked(vm, raw)?;
    let (lo, hi) = bounds(w);
    let mut out = output(vm, f.len())?;
    for i in samples(f.len(), w) {
        let v = get_raw(&f, w, i) as f64 * factor;
        set_raw(&mut out, w, i, fbound(v, lo, hi));
    }
    Ok(vm.new_bytes(out))
}

fn tomono(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "tomono", a, k, 4, 4)?;
    let raw = frag_width_raw(vm, a)?;
    let lf = vm.to_f64(&a[2])?;
    let rf = vm.to_f64(&a[3])?;
    let (f, w) = checked(vm, raw)?;
    if (f.len() / w) & 1 != 0 {
        return Err(error(vm, "not a whole number of frames"));
    }
    let (lo, hi) = bounds(w);
    let mut out = output(vm, f.len() / 2)?;
    for i in (0..f.len()).step_by(w * 2) {
        let v1 = get_raw(&f, w, i) as f64;
        let v2 = get_raw(&f, w, i + w) as f64;
        set_raw(&mut out, w, i / 2, fbound(v1 * lf + v2 * rf, lo, hi));
    }
    Ok(vm.new_bytes(out))
}

fn tostereo(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "tostereo", a, k, 4, 4)?;
    let raw = frag_width_raw(vm, a)?;
    let lf = vm.to_f64(&a[2])?;
    let rf = vm.to_f64(&a[3])?;
    let (f, w) = checked(vm, raw)?;
    let (lo, hi) = bounds(w);
    let mut out = output(vm, out_len(vm, f.len(), 2)?)?;
    for i in samples(f.len(), w) {
        let v = get_raw(&f, w, i) as f64;
        set_raw(&mut out, w, i * 2, fbound(v * lf, lo, hi));
        set_raw(&mut out, w, i * 2 + w, fbound(v * rf, lo, hi));
    }
    Ok(vm.new_bytes(out))
}

fn add(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "add", a, k, 3, 3)?;
    let f1 = fragment(vm, &a[0])?;
    let f2 = fragment(vm, &a[1])?;
    let w = c_int(vm, &a[2])?;
    check_size(vm, w)?;
    let w = w as usize;
    check_frames(vm, f1.len(), w)?;
    if f1.len() != f2.len() {
        return Err(error(vm, "Lengths should be the same"));
    }
    let (lo, hi) = (MINVALS[w], MAXVALS[w]);
    let mut out = output(vm, f1.len())?;
    for i in samples(f1.len(), w) {
        let (v1, v2) = (get_raw(&f1, w, i), get_raw(&f2, w, i));
        let v = if w < 4 { (v1 + v2).clamp(lo, hi) } else { fbound(v1 as f64 + v2 as f64, lo as f64, hi as f64) };
        set_raw(&mut out, w, i, v);
    }
    Ok(vm.new_bytes(out))
}

fn bias(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "bias", a, k, 3, 3)?;
    let raw = frag_width_raw(vm, a)?;
    let b = c_int(vm, &a[2])? as u32;
    let (f, w) = checked(vm, raw)?;
    let mut out = output(vm, f.len())?;
    for i in samples(f.len(), w) {
        let v = (get_raw(&f, w, i) as u32 & MASKS[w]).wrapping_add(b) & MASKS[w];
        set_raw(&mut out, w, i, v as i32);
    }
    Ok(vm.new_bytes(out))
}

fn reverse(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "reverse", a, k, 2, 2)?)?;
    let mut out = output(vm, f.len())?;
    for i in samples(f.len(), w) {
        set_raw(&mut out, w, f.len() - i - w, get_raw(&f, w, i));
    }
    Ok(vm.new_bytes(out))
}

fn byteswap(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "byteswap", a, k, 2, 2)?)?;
    let mut out = output(vm, f.len())?;
    for (src, dst) in f.chunks_exact(w).zip(out.chunks_exact_mut(w)) {
        for j in 0..w {
            dst[w - 1 - j] = src[j];
        }
    }
    Ok(vm.new_bytes(out))
}

fn lin2lin(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "lin2lin", a, k, 3, 3)?;
    let raw = frag_width_raw(vm, a)?;
    let nw = c_int(vm, &a[2])?;
    let (f, w) = checked(vm, raw)?;
    check_size(vm, nw)?;
    let nw = nw as usize;
    let mut out = output(vm, out_len(vm, f.len() / w, nw)?)?;
    for (n, i) in samples(f.len(), w).enumerate() {
        set32(&mut out, nw, n * nw, get32(&f, w, i));
    }
    Ok(vm.new_bytes(out))
}

fn gcd(mut a: i32, mut b: i32) -> i32 {
    while b > 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// `(d, prev, cur)` of `ratecv`'s state `(d, ((prev, cur), ...))`.
fn ratecv_state(vm: &Vm, state: &Obj, nchannels: usize) -> PyResult<(i32, Vec<i32>, Vec<i32>)> {
    let illegal = || vm.type_error("ratecv(): illegal state argument");
    if !vm.isinstance_type(state, &vm.ctx.types.tuple) {
        return Err(vm.type_error("state must be a tuple or None"));
    }
    let items = tuple::items(state);
    if items.len() != 2 {
        return Err(illegal());
    }
    let d = c_int(vm, &items[0])?;
    if !vm.isinstance_type(&items[1], &vm.ctx.types.tuple) {
        return Err(illegal());
    }
    let samps = tuple::items(&items[1]);
    if samps.len() != nchannels {
        return Err(error(vm, "illegal state argument"));
    }
    let (mut prev, mut cur) = (Vec::new(), Vec::new());
    for s in samps {
        if !vm.isinstance_type(s, &vm.ctx.types.tuple) || tuple::len(s) != 2 {
            return Err(illegal());
        }
        let pair = tuple::items(s);
        prev.push(c_int(vm, &pair[0])?);
        cur.push(c_int(vm, &pair[1])?);
    }
    Ok((d, prev, cur))
}

fn ratecv(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "ratecv", a, k, 6, 8)?;
    let f = fragment(vm, &a[0])?;
    let w = c_int(vm, &a[1])?;
    let nchannels = c_int(vm, &a[2])?;
    let mut inrate = c_int(vm, &a[3])?;
    let mut outrate = c_int(vm, &a[4])?;
    let state = &a[5];
    let mut weight_a = match a.get(6) {
        Some(o) => c_int(vm, o)?,
        None => 1,
    };
    let mut weight_b = match a.get(7) {
        Some(o) => c_int(vm, o)?,
        None => 0,
    };
    check_size(vm, w)?;
    let w = w as usize;
    if nchannels < 1 {
        return Err(error(vm, "# of channels should be >= 1"));
    }
    if w as i32 > i32::MAX / nchannels {
        return Err(vm.overflow_error("width * nchannels too big for a C int"));
    }
    let bytes_per_frame = w * nchannels as usize;
    if weight_a < 1 || weight_b < 0 {
        return Err(error(vm, "weightA should be >= 1, weightB should be >= 0"));
    }
    if f.len() % bytes_per_frame != 0 {
        return Err(error(vm, "not a whole number of frames"));
    }
    if inrate <= 0 || outrate <= 0 {
        return Err(error(vm, "sampling rate not > 0"));
    }
    let g = gcd(inrate, outrate);
    inrate /= g;
    outrate /= g;
    let g = gcd(weight_a, weight_b);
    weight_a /= g;
    weight_b /= g;
    let nch = nchannels as usize;
    let mut len = f.len() / bytes_per_frame;
    let (mut d, mut prev, mut cur) =
        if vm.is_none(state) { (-outrate, vec![0i32; nch], vec![0i32; nch]) } else { ratecv_state(vm, state, nch)? };
    let cap = if len == 0 {
        0
    } else {
        let q = 1 + (len - 1) / inrate as usize;
        out_len(vm, q, outrate as usize).and_then(|n| out_len(vm, n, bytes_per_frame))?
    };
    let mut out = Vec::new();
    out.try_reserve_exact(cap).map_err(|_| vm.memory_error())?;
    let mut sample = [0u8; 4];
    let mut pos = 0;
    loop {
        while d < 0 {
            if len == 0 {
                let samps: Vec<Obj> = (0..nch)
                    .map(|c| vm.new_tuple(vec![vm.new_int(prev[c] as i64), vm.new_int(cur[c] as i64)]))
                    .collect();
                let st = vm.new_tuple(vec![vm.new_int(d as i64), vm.new_tuple(samps)]);
                return Ok(vm.new_tuple(vec![vm.new_bytes(out), st]));
            }
            for c in 0..nch {
                prev[c] = cur[c];
                let s = get32(&f, w, pos);
                pos += w;
                cur[c] = ((weight_a as f64 * s as f64 + weight_b as f64 * prev[c] as f64)
                    / (weight_a as f64 + weight_b as f64)) as i32;
            }
            len -= 1;
            d += outrate;
        }
        while d >= 0 {
            for c in 0..nch {
                let o = ((prev[c] as f64 * d as f64 + cur[c] as f64 * (outrate - d) as f64) / outrate as f64) as i32;
                set32(&mut sample, w, 0, o);
                // A crafted state can ask for more than the estimate.
                out.try_reserve(w).map_err(|_| vm.memory_error())?;
                out.extend_from_slice(&sample[..w]);
            }
            d -= inrate;
        }
    }
}

// ---------------------------------------------------------------------------
// Codecs
// ---------------------------------------------------------------------------

fn lin2ulaw(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "lin2ulaw", a, k, 2, 2)?)?;
    let out: Vec<u8> = samples(f.len(), w).map(|i| linear14_to_ulaw((get32(&f, w, i) >> 18) as i16)).collect();
    Ok(vm.new_bytes(out))
}

fn lin2alaw(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let (f, w) = frag_width(vm, args_n(vm, "lin2alaw", a, k, 2, 2)?)?;
    let out: Vec<u8> = samples(f.len(), w).map(|i| linear13_to_alaw((get32(&f, w, i) >> 19) as i16)).collect();
    Ok(vm.new_bytes(out))
}

fn law2lin(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>, decode: fn(u8) -> i32) -> PyResult<Obj> {
    let a = args_n(vm, name, a, k, 2, 2)?;
    let f = fragment(vm, &a[0])?;
    let w = width_arg(vm, &a[1])?;
    let mut out = output(vm, out_len(vm, f.len(), w)?)?;
    for (n, &b) in f.iter().enumerate() {
        set32(&mut out, w, n * w, decode(b) << 16);
    }
    Ok(vm.new_bytes(out))
}

/// `(valpred, index)` of an ADPCM state (None: the start).
fn adpcm_state(vm: &Vm, name: &str, state: &Obj) -> PyResult<(i32, i32)> {
    if vm.is_none(state) {
        return Ok((0, 0));
    }
    if !vm.isinstance_type(state, &vm.ctx.types.tuple) {
        return Err(vm.type_error("state must be a tuple or None"));
    }
    let items = tuple::items(state);
    if items.len() != 2 {
        return Err(vm.type_error(format!("{name}(): illegal state argument")));
    }
    let valpred = c_int(vm, &items[0])?;
    let index = c_int(vm, &items[1])?;
    if !(-0x8000..0x8000).contains(&valpred) || !(0..STEPSIZE_TABLE.len() as i32).contains(&index) {
        return Err(vm.value_error("bad state"));
    }
    Ok((valpred, index))
}

fn lin2adpcm(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "lin2adpcm", a, k, 3, 3)?;
    let (f, w) = frag_width(vm, a)?;
    let (mut valpred, mut index) = adpcm_state(vm, "lin2adpcm", &a[2])?;
    let mut out = output(vm, f.len() / (w * 2))?;
    let mut n = 0;
    let mut step = STEPSIZE_TABLE[index as usize];
    let mut outputbuffer = 0u8;
    let mut high_nibble = true;
    for i in samples(f.len(), w) {
        let val = get32(&f, w, i) >> 16;
        let (mut diff, sign) = if val < valpred { (valpred - val, 8) } else { (val - valpred, 0) };
        let mut delta = 0;
        let mut vpdiff = step >> 3;
        if diff >= step {
            delta = 4;
            diff -= step;
            vpdiff += step;
        }
        step >>= 1;
        if diff >= step {
            delta |= 2;
            diff -= step;
            vpdiff += step;
        }
        step >>= 1;
        if diff >= step {
            delta |= 1;
            vpdiff += step;
        }
        valpred = if sign != 0 { valpred - vpdiff } else { valpred + vpdiff }.clamp(-32768, 32767);
        delta |= sign;
        index = (index + INDEX_TABLE[delta as usize]).clamp(0, 88);
        step = STEPSIZE_TABLE[index as usize];
        if high_nibble {
            outputbuffer = ((delta << 4) & 0xF0) as u8;
        } else if let Some(slot) = out.get_mut(n) {
            *slot = (delta & 0x0F) as u8 | outputbuffer;
            n += 1;
        }
        high_nibble = !high_nibble;
    }
    let st = vm.new_tuple(vec![vm.new_int(valpred as i64), vm.new_int(index as i64)]);
    Ok(vm.new_tuple(vec![vm.new_bytes(out), st]))
}

fn adpcm2lin(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = args_n(vm, "adpcm2lin", a, k, 3, 3)?;
    let f = fragment(vm, &a[0])?;
    let w = width_arg(vm, &a[1])?;
    let (mut valpred, mut index) = adpcm_state(vm, "adpcm2lin", &a[2])?;
    let outlen = out_len(vm, f.len(), w * 2)?;
    let mut out = output(vm, outlen)?;
    let mut step = STEPSIZE_TABLE[index as usize];
    let mut inputbuffer = 0i32;
    let mut low_nibble = false;
    let mut src = f.iter();
    for i in (0..outlen).step_by(w) {
        let delta = if low_nibble {
            inputbuffer & 0xF
        } else {
            inputbuffer = src.next().map_or(0, |&b| b as i8 as i32);
            (inputbuffer >> 4) & 0xF
        };
        low_nibble = !low_nibble;
        index = (index + INDEX_TABLE[delta as usize]).clamp(0, 88);
        let sign = delta & 8;
        let delta = delta & 7;
        let mut vpdiff = step >> 3;
        if delta & 4 != 0 {
            vpdiff += step;
        }
        if delta & 2 != 0 {
            vpdiff += step >> 1;
        }
        if delta & 1 != 0 {
            vpdiff += step >> 2;
        }
        valpred = if sign != 0 { valpred - vpdiff } else { valpred + vpdiff }.clamp(-32768, 32767);
        step = STEPSIZE_TABLE[index as usize];
        set32(&mut out, w, i, valpred << 16);
    }
    let st = vm.new_tuple(vec![vm.new_int(valpred as i64), vm.new_int(index as i64)]);
    Ok(vm.new_tuple(vec![vm.new_bytes(out), st]))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("max", max),
    MethodDef::static_("minmax", minmax),
    MethodDef::static_("avg", avg),
    MethodDef::static_("maxpp", maxpp),
    MethodDef::static_("avgpp", avgpp),
    MethodDef::static_("rms", rms),
    MethodDef::static_("findfit", findfit),
    MethodDef::static_("findmax", findmax),
    MethodDef::static_("findfactor", findfactor),
    MethodDef::static_("cross", cross),
    MethodDef::static_("mul", mul),
    MethodDef::static_("add", add),
    MethodDef::static_("bias", bias),
    MethodDef::static_("ulaw2lin", |vm, _, a, k| law2lin(vm, "ulaw2lin", a, k, ulaw_to_linear16)),
    MethodDef::static_("lin2ulaw", lin2ulaw),
    MethodDef::static_("alaw2lin", |vm, _, a, k| law2lin(vm, "alaw2lin", a, k, alaw_to_linear16)),
    MethodDef::static_("lin2alaw", lin2alaw),
    MethodDef::static_("lin2lin", lin2lin),
    MethodDef::static_("adpcm2lin", adpcm2lin),
    MethodDef::static_("lin2adpcm", lin2adpcm),
    MethodDef::static_("tomono", tomono),
    MethodDef::static_("tostereo", tostereo),
    MethodDef::static_("getsample", getsample),
    MethodDef::static_("reverse", reverse),
    MethodDef::static_("byteswap", byteswap),
    MethodDef::static_("ratecv", ratecv),
];

fn error_type(vm: &Vm) -> PyResult<Obj> {
    crate::support::exception_type(vm, ERROR, "audioop", "error", &vm.ctx.exceptions.exception, None)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    // PEP 594, as CPython 3.11 warns when the module is first imported.
    taipan_vm::api::warnings::warn(
        vm,
        &vm.ctx.exceptions.deprecation_warning,
        "'audioop' is deprecated and slated for removal in Python 3.13",
        1,
    )?;
    let m = module::new_module(vm, "audioop");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "audioop", FUNCTIONS);
    dict::set_item_str(vm, &d, "__doc__", vm.none())?;
    dict::set_item_str(vm, &d, "error", error_type(vm)?)?;
    Ok(m)
}
