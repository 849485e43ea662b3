//! `_multibytecodec` (CPython's `Modules/cjkcodecs/multibytecodec.c`): the codec objects
//! the CJK modules' `getcodec` returns, and the incremental and stream classes Lib's
//! `encodings.gbk` & co. derive from, with CPython's error handling (replacement with `?`
//! and U+FFFD, callbacks that move the position), pending input between calls, and the
//! `getstate`/`setstate` integers CPython packs.
//!
//! The codecs themselves are in `engine.rs` (over the tables of `taipan_cjk`); `cjk.rs` is
//! the `_codecs_cn`, `_codecs_tw`, `_codecs_hk`, `_codecs_jp`, `_codecs_kr` modules.

use std::cell::{Cell, RefCell};

use num_bigint::{BigInt, BigUint, Sign};
use taipan_vm::api::types::{flags, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, buffer, bytes, codecs, exceptions, int, module, str as pystr, tuple};
use taipan_vm::api::{Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use crate::support::{alloc, alloc_exact, module_type, register_type};

pub(crate) mod cjk;
mod engine;

use engine::{Codec, DecStep, EncStep};

const CODEC: &str = "_multibytecodec.MultibyteCodec";
const INC_ENCODER: &str = "_multibytecodec.MultibyteIncrementalEncoder";
const INC_DECODER: &str = "_multibytecodec.MultibyteIncrementalDecoder";
const STREAM_READER: &str = "_multibytecodec.MultibyteStreamReader";
const STREAM_WRITER: &str = "_multibytecodec.MultibyteStreamWriter";

/// CPython's `MAXENCPENDING` and `MAXDECPENDING`.
const MAX_ENC_PENDING: usize = 2;
const MAX_DEC_PENDING: usize = 8;

// ---- error handling ------------------------------------------------------------------------------

/// CPython's `ERROR_STRICT`, `ERROR_IGNORE`, `ERROR_REPLACE` or a handler's name.
#[derive(Clone)]
enum Errors {
    Strict,
    Ignore,
    Replace,
    Named(Obj),
}

fn errors_from(vm: &Vm, name: Option<&str>) -> Errors {
    match name {
        None | Some("strict") => Errors::Strict,
        Some("ignore") => Errors::Ignore,
        Some("replace") => Errors::Replace,
        Some(n) => Errors::Named(vm.new_str(n)),
    }
}

fn errors_name(vm: &Vm, e: &Errors) -> Obj {
    match e {
        Errors::Strict => vm.new_str("strict"),
        Errors::Ignore => vm.new_str("ignore"),
        Errors::Replace => vm.new_str("replace"),
        Errors::Named(n) => n.clone(),
    }
}

/// Call the handler `name` on `exc` and check its `(replacement, position)` answer.
fn call_handler(vm: &Vm, name: &Obj, exc: &Obj, encoding: bool) -> PyResult<(Obj, Obj)> {
    let handler = codecs::lookup_error(vm, &pystr::as_str_lossy(name))?;
    let r = vm.call1(&handler, exc.clone())?;
    let ok = vm.isinstance_type(&r, &vm.ctx.types.tuple) && tuple::len(&r) == 2 && {
        let items = tuple::items(&r);
        let rep_ok = pystr::data(&items[0]).is_some() || (encoding && bytes::as_bytes_ref(&items[0]).is_some());
        rep_ok && int::value(&items[1]).is_some()
    };
    if !ok {
        let what = if encoding { "encoding" } else { "decoding" };
        return Err(vm.type_error(format!("{what} error handler must return (str, int) tuple")));
    }
    let items = tuple::items(&r);
    Ok((items[0].clone(), items[1].clone()))
}

/// The position a handler asked for, checked against `len`.
fn new_position(vm: &Vm, pos: &Obj, len: usize) -> PyResult<usize> {
    let mut p = match int::value(pos).and_then(|v| v.as_i64()) {
        Some(p) => p,
        None => return Err(vm.index_error("position from error handler out of bounds")),
    };
    if p < 0 {
        p += len as i64;
    }
    if p < 0 || p > len as i64 {
        return Err(vm.index_error(format!("position {p} from error handler out of bounds")));
    }
    Ok(p as usize)
}

/// Make the UnicodeError of `ty`, or update the one made before (CPython reuses it).
fn unicode_error(
    vm: &Vm,
    cached: &mut Option<Obj>,
    ty: &Obj,
    codec: &Codec,
    object: impl FnOnce() -> Obj,
    (start, end, reason): (usize, usize, &str),
) -> Obj {
    if let Some(e) = cached {
        exceptions::set_extra(e, "start", vm.new_usize(start));
        exceptions::set_extra(e, "end", vm.new_usize(end));
        exceptions::set_extra(e, "reason", vm.new_str(reason));
        return e.clone();
    }
    let args = vec![vm.new_str(codec.name), object(), vm.new_usize(start), vm.new_usize(end), vm.new_str(reason)];
    let e = vm.new_exception(ty, args).into_value();
    *cached = Some(e.clone());
    e
}

// ---- encoding ------------------------------------------------------------------------------------

/// One encoding run (CPython's `MultibyteEncodeBuffer`).
struct EncodeRun<'a> {
    codec: Codec,
    text: &'a [u32],
    text_obj: &'a Obj,
    pos: usize,
    out: Vec<u8>,
    exc: Option<Obj>,
}

/// CPython's `multibytecodec_encode`: encode `text` (the str `text_obj`) from `state`;
/// `flush` encodes what waits for a pair, `reset` ends in the initial state. Returns the
/// bytes and how much of the text was used.
fn encode(
    vm: &Vm,
    codec: Codec,
    state: &mut u64,
    text_obj: &Obj,
    errors: &Errors,
    flush: bool,
    reset: bool,
) -> PyResult<(Vec<u8>, usize)> {
    let text = match pystr::data(text_obj) {
        Some(d) => d.to_code_points(),
        None => Vec::new(),
    };
    if text.is_empty() && !reset {
        return Ok((Vec::new(), 0));
    }
    let mut run = EncodeRun { codec, text: &text, text_obj, pos: 0, out: Vec::new(), exc: None };
    if run.out.try_reserve(text.len().saturating_mul(2).saturating_add(16)).is_err() {
        return Err(vm.memory_error());
    }
    while run.pos < text.len() {
        match codec.encode(state, &text[run.pos..], flush, &mut run.out) {
            EncStep::Used(n) => run.pos += n,
            EncStep::TooFew => break,
            EncStep::Unencodable => encode_error(vm, &mut run, state, errors)?,
        }
    }
    if reset {
        codec.encode_reset(state, &mut run.out);
    }
    Ok((run.out, run.pos))
}

/// CPython's `multibytecodec_encerror` for one unencodable character.
fn encode_error(vm: &Vm, run: &mut EncodeRun, state: &mut u64, errors: &Errors) -> PyResult<()> {
    let esize = 1;
    match errors {
        Errors::Replace => {
            if !matches!(run.codec.encode(state, &['?' as u32], false, &mut run.out), EncStep::Used(_)) {
                run.out.push(b'?');
            }
            run.pos += esize;
            return Ok(());
        }
        Errors::Ignore => {
            run.pos += esize;
            return Ok(());
        }
        _ => {}
    }
    let start = run.pos;
    let exc = unicode_error(
        vm,
        &mut run.exc,
        &vm.ctx.exceptions.unicode_encode_error,
        &run.codec,
        || run.text_obj.clone(),
        (start, start + esize, "illegal multibyte sequence"),
    );
    let Errors::Named(name) = errors else { return Err(PyErr(exc)) };
    let (rep, pos) = call_handler(vm, name, &exc, true)?;
    if pystr::data(&rep).is_some() {
        let (b, _) = encode(vm, run.codec, state, &rep, &Errors::Strict, true, false)?;
        run.out.extend_from_slice(&b);
    } else if let Some(b) = bytes::as_bytes_ref(&rep) {
        run.out.extend_from_slice(b);
    }
    run.pos = new_position(vm, &pos, run.text.len())?;
    Ok(())
}

// ---- decoding ------------------------------------------------------------------------------------

/// One decoding run over `data` (CPython's `MultibyteDecodeBuffer`).
struct DecodeRun<'a> {
    codec: Codec,
    data: &'a [u8],
    pos: usize,
    out: Vec<u32>,
    exc: Option<Obj>,
}

impl DecodeRun<'_> {
    /// Decode until the end, or (`stop_at_toofew`) until an incomplete sequence is left.
    fn feed(&mut self, vm: &Vm, state: &mut u64, errors: &Errors, stop_at_toofew: bool) -> PyResult<()> {
        while self.pos < self.data.len() {
            match self.codec.decode(state, &self.data[self.pos..]) {
                DecStep::Out { chars, n, used } => {
                    self.out.extend_from_slice(&chars[..n]);
                    self.pos += used;
                }
                DecStep::TooFew if stop_at_toofew => break,
                DecStep::TooFew => self.error(vm, errors, None)?,
                DecStep::Illegal(n) => self.error(vm, errors, Some(n))?,
            }
        }
        Ok(())
    }

    /// CPython's `multibytecodec_decerror`: `Some(n)` is an illegal sequence of `n` bytes,
    /// `None` the incomplete rest of the input.
    fn error(&mut self, vm: &Vm, errors: &Errors, illegal: Option<usize>) -> PyResult<()> {
        let (esize, reason) = match illegal {
            Some(n) => (n, "illegal multibyte sequence"),
            None => (self.data.len() - self.pos, "incomplete multibyte sequence"),
        };
        match errors {
            Errors::Replace => {
                self.out.push(0xFFFD);
                self.pos += esize;
                return Ok(());
            }
            Errors::Ignore => {
                self.pos += esize;
                return Ok(());
            }
            _ => {}
        }
        let start = self.pos;
        let data = self.data;
        let exc = unicode_error(
            vm,
            &mut self.exc,
            &vm.ctx.exceptions.unicode_decode_error,
            &self.codec,
            || vm.new_bytes(data.to_vec()),
            (start, start + esize, reason),
        );
        let Errors::Named(name) = errors else { return Err(PyErr(exc)) };
        let (rep, pos) = call_handler(vm, name, &exc, false)?;
        if let Some(d) = pystr::data(&rep) {
            self.out.extend(d.code_points());
        }
        self.pos = new_position(vm, &pos, self.data.len())?;
        Ok(())
    }
}

// ---- the objects ---------------------------------------------------------------------------------

/// A `MultibyteCodec`: what `getcodec` returns.
pub(crate) struct CodecObj {
    codec: Codec,
}
impl PyPayload for CodecObj {}

/// The state of the incremental and stream objects (CPython's
/// `MultibyteStatefulCodecContext` and its four kinds).
pub(crate) struct Stateful {
    codec: Cell<Option<Codec>>,
    errors: RefCell<Errors>,
    state: Cell<u64>,
    /// The encoder's text waiting for a pair (a str), or None.
    enc_pending: ObjCell,
    /// The decoder's incomplete bytes.
    dec_pending: RefCell<Vec<u8>>,
    stream: ObjCell,
}

impl PyPayload for Stateful {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        crate::support::visit_cells(&[&self.enc_pending, &self.stream], visit);
        if let Ok(e) = self.errors.try_borrow() {
            if let Errors::Named(n) = &*e {
                visit(n);
            }
        }
    }

    fn clear(&self) {
        crate::support::clear_cells(&[&self.enc_pending, &self.stream]);
    }
}

fn codec_of(vm: &Vm, s: &Stateful) -> PyResult<Codec> {
    s.codec.get().ok_or_else(|| vm.type_error("codec is unexpected type"))
}

fn errors_of(s: &Stateful) -> Errors {
    s.errors.borrow().clone()
}

/// An optional `errors` argument: str or None.
fn opt_errors(vm: &Vm, o: Option<&Obj>, fname: &str) -> PyResult<Option<String>> {
    match o {
        None => Ok(None),
        Some(e) if vm.is_none(e) => Ok(None),
        Some(e) => match pystr::data(e) {
            Some(d) => Ok(Some(d.to_string_lossy().into_owned())),
            None => {
                Err(vm.type_error(format!("{fname}() argument 'errors' must be str or None, not {}", e.class().name())))
            }
        },
    }
}

/// `str(o)` for an object given to an encoder.
fn as_text(vm: &Vm, o: &Obj, what: &str) -> PyResult<Obj> {
    if pystr::data(o).is_some() {
        return Ok(o.clone());
    }
    let s = vm.str(o)?;
    if pystr::data(&s).is_none() {
        return Err(vm.type_error(format!("couldn't convert the object to {what}.")));
    }
    Ok(s)
}

fn bytes_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    if pystr::data(o).is_some() || !buffer::is_bytes_like(o) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", o.class().name())));
    }
    buffer::with_bytes(vm, o, |b| b.to_vec())
}

fn codec_encode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let codec = payload_or_err::<CodecObj>(vm, o, CODEC)?.codec;
    let a = args::parse(vm, "encode", a, kw, &["input", "errors"], 1)?;
    let errors = opt_errors(vm, a[1].as_ref(), "encode")?;
    let input = a[0].clone().unwrap_or_else(|| vm.none());
    let text = as_text(vm, &input, "unicode")?;
    let n = pystr::len(&text);
    let mut state = codec.encoder_init();
    let (out, _) = encode(vm, codec, &mut state, &text, &errors_from(vm, errors.as_deref()), true, true)?;
    Ok(vm.new_tuple(vec![vm.new_bytes(out), vm.new_usize(n)]))
}

fn codec_decode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let codec = payload_or_err::<CodecObj>(vm, o, CODEC)?.codec;
    let a = args::parse(vm, "decode", a, kw, &["input", "errors"], 1)?;
    let input = a[0].clone().unwrap_or_else(|| vm.none());
    let data = bytes_arg(vm, &input)?;
    let errors = errors_from(vm, opt_errors(vm, a[1].as_ref(), "decode")?.as_deref());
    let mut state = codec.decoder_init();
    let mut run = DecodeRun { codec, data: &data, pos: 0, out: Vec::new(), exc: None };
    run.feed(vm, &mut state, &errors, false)?;
    Ok(vm.new_tuple(vec![vm.new_str_from_code_points(&run.out), vm.new_usize(data.len())]))
}

/// `tp_new` of the four stateful kinds: the class's `codec` attribute says which codec.
fn new_stateful(vm: &Vm, cls: &Obj, owner: &str, errors: Option<&Obj>, stream: Option<Obj>) -> PyResult<Obj> {
    let fname = match owner {
        INC_ENCODER => "IncrementalEncoder",
        INC_DECODER => "IncrementalDecoder",
        STREAM_READER => "StreamReader",
        _ => "StreamWriter",
    };
    let errors = match errors {
        None => None,
        Some(e) => match pystr::data(e) {
            Some(d) => Some(d.to_string_lossy().into_owned()),
            None => {
                let n = if stream.is_some() { 2 } else { 1 };
                let t = if vm.is_none(e) { "None".to_string() } else { e.class().name().to_string() };
                return Err(vm.type_error(format!("{fname}() argument {n} must be str, not {t}")));
            }
        },
    };
    let codec_obj = vm.getattr_str(cls, "codec")?;
    let Some(c) = codec_obj.payload::<CodecObj>() else {
        return Err(vm.type_error("codec is unexpected type"));
    };
    let state = match owner {
        INC_ENCODER | STREAM_WRITER => c.codec.encoder_init(),
        _ => c.codec.decoder_init(),
    };
    let payload = Stateful {
        codec: Cell::new(Some(c.codec)),
        errors: RefCell::new(errors_from(vm, errors.as_deref())),
        state: Cell::new(state),
        enc_pending: ObjCell::new(None),
        dec_pending: RefCell::new(Vec::new()),
        stream: ObjCell::new(stream),
    };
    alloc(vm, cls, owner, payload)
}

fn stateful<'a>(vm: &Vm, o: &'a Obj, owner: &str) -> PyResult<&'a Stateful> {
    payload_or_err::<Stateful>(vm, o, owner)
}

/// CPython's `encoder_encode_stateful`: the pending text and `input`, encoded; what
/// waits for a pair is kept.
fn encode_stateful(vm: &Vm, s: &Stateful, input: &Obj, final_: bool) -> PyResult<Obj> {
    let codec = codec_of(vm, s)?;
    let text = as_text(vm, input, "str")?;
    let orig = s.enc_pending.take();
    let inbuf = match &orig {
        Some(p) => {
            let mut cps = pystr::data(p).map(|d| d.to_code_points()).unwrap_or_default();
            cps.extend(pystr::data(&text).map(|d| d.to_code_points()).unwrap_or_default());
            vm.new_str_from_code_points(&cps)
        }
        None => text,
    };
    let mut state = s.state.get();
    let r = encode(vm, codec, &mut state, &inbuf, &errors_of(s), final_, final_);
    s.state.set(state);
    let (out, used) = match r {
        Ok(r) => r,
        Err(e) => {
            s.enc_pending.set(orig);
            return Err(e);
        }
    };
    let len = pystr::len(&inbuf);
    if used < len {
        if len - used > MAX_ENC_PENDING {
            return Err(unicode_error_msg(vm, "pending buffer overflow"));
        }
        let rest = pystr::data(&inbuf).map(|d| d.substring(used, len));
        s.enc_pending.set(rest.map(|d| vm.new_str_data(d)));
    }
    Ok(vm.new_bytes(out))
}

fn unicode_error_msg(vm: &Vm, msg: &str) -> PyErr {
    vm.new_exception_msg(&vm.ctx.exceptions.by_name["UnicodeError"], msg)
}

/// Keep the undecoded rest of `run` for the next call.
fn append_pending(vm: &Vm, s: &Stateful, run: &DecodeRun) -> PyResult<()> {
    let rest = &run.data[run.pos..];
    let mut p = s.dec_pending.borrow_mut();
    if rest.len() + p.len() > MAX_DEC_PENDING {
        return Err(unicode_error_msg(vm, "pending buffer overflow"));
    }
    p.extend_from_slice(rest);
    Ok(())
}

fn final_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<bool> {
    match o {
        None => Ok(false),
        Some(v) => Ok(crate::converters::c_int(vm, v)? != 0),
    }
}

fn incenc_encode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let s = stateful(vm, o, INC_ENCODER)?;
    let a = args::parse(vm, "encode", a, kw, &["input", "final"], 1)?;
    let input = a[0].clone().unwrap_or_else(|| vm.none());
    let final_ = final_arg(vm, a[1].as_ref())?;
    encode_stateful(vm, s, &input, final_)
}

/// The 8 bytes of CPython's `MultibyteCodec_State`.
fn state_bytes(state: u64) -> [u8; 8] {
    state.to_le_bytes()
}

fn incenc_getstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "getstate", a, kw)?;
    let s = stateful(vm, o, INC_ENCODER)?;
    let mut b = Vec::new();
    match s.enc_pending.get() {
        Some(p) => {
            let utf8 = pystr::data(&p).map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
            if utf8.len() > MAX_ENC_PENDING * 4 {
                return Err(unicode_error_msg(vm, "pending buffer too large"));
            }
            b.push(utf8.len() as u8);
            b.extend_from_slice(utf8.as_bytes());
        }
        None => b.push(0),
    }
    b.extend_from_slice(&state_bytes(s.state.get()));
    Ok(vm.new_bigint(BigInt::from_biguint(Sign::Plus, BigUint::from_bytes_le(&b))))
}

/// An int as `n` little-endian unsigned bytes (`_PyLong_AsByteArray`).
fn int_to_bytes(vm: &Vm, o: &Obj, n: usize) -> PyResult<Vec<u8>> {
    let Some(v) = int::value(o) else {
        return Err(vm.type_error(format!("an integer is required (got type {})", o.class().name())));
    };
    let big = v.to_big();
    if big.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let (_, mut b) = big.to_bytes_le();
    if b.len() > n {
        return Err(vm.overflow_error("int too big to convert"));
    }
    b.resize(n, 0);
    Ok(b)
}

fn incenc_setstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let st = crate::clinic::one(vm, "setstate", a, kw)?;
    let s = stateful(vm, o, INC_ENCODER)?;
    if int::value(&st).is_none() {
        return Err(vm.type_error(format!("setstate() argument must be int, not {}", st.class().name())));
    }
    let b = int_to_bytes(vm, &st, 1 + MAX_ENC_PENDING * 4 + 8)?;
    let n = b[0] as usize;
    if n > MAX_ENC_PENDING * 4 {
        return Err(unicode_error_msg(vm, "pending buffer too large"));
    }
    let pending = codecs::decode_bytes(vm, &b[1..1 + n], Some("utf-8"), Some("strict"))?;
    let mut st8 = [0u8; 8];
    st8.copy_from_slice(&b[1 + n..1 + n + 8]);
    s.enc_pending.set(Some(pending));
    s.state.set(u64::from_le_bytes(st8));
    Ok(vm.none())
}

fn incenc_reset(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "reset", a, kw)?;
    let s = stateful(vm, o, INC_ENCODER)?;
    let codec = codec_of(vm, s)?;
    let mut state = s.state.get();
    codec.encode_reset(&mut state, &mut Vec::new());
    s.state.set(state);
    s.enc_pending.set(None);
    Ok(vm.none())
}

fn incdec_decode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let s = stateful(vm, o, INC_DECODER)?;
    let a = args::parse(vm, "decode", a, kw, &["input", "final"], 1)?;
    let input = a[0].clone().unwrap_or_else(|| vm.none());
    let data = bytes_arg(vm, &input)?;
    let final_ = final_arg(vm, a[1].as_ref())?;
    let codec = codec_of(vm, s)?;
    let orig = std::mem::take(&mut *s.dec_pending.borrow_mut());
    let mut wdata = orig.clone();
    wdata.extend_from_slice(&data);
    let mut run = DecodeRun { codec, data: &wdata, pos: 0, out: Vec::new(), exc: None };
    let mut state = s.state.get();
    let errors = errors_of(s);
    let r = run.feed(vm, &mut state, &errors, true);
    s.state.set(state);
    r?;
    if final_ && run.pos < wdata.len() {
        if let Err(e) = run.error(vm, &errors, None) {
            *s.dec_pending.borrow_mut() = orig;
            return Err(e);
        }
    }
    if run.pos < wdata.len() {
        append_pending(vm, s, &run)?;
    }
    Ok(vm.new_str_from_code_points(&run.out))
}

fn incdec_getstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "getstate", a, kw)?;
    let s = stateful(vm, o, INC_DECODER)?;
    let buf = vm.new_bytes(s.dec_pending.borrow().clone());
    let st = BigUint::from_bytes_le(&state_bytes(s.state.get()));
    Ok(vm.new_tuple(vec![buf, vm.new_bigint(BigInt::from_biguint(Sign::Plus, st))]))
}

fn incdec_setstate(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let st = crate::clinic::one(vm, "setstate", a, kw)?;
    let s = stateful(vm, o, INC_DECODER)?;
    if !vm.isinstance_type(&st, &vm.ctx.types.tuple) {
        return Err(vm.type_error(format!("setstate() argument must be tuple, not {}", st.class().name())));
    }
    let items = tuple::items(&st);
    let illegal = || vm.type_error("setstate(): illegal state argument");
    if items.len() != 2 || int::value(&items[1]).is_none() {
        return Err(illegal());
    }
    let Some(buf) = bytes::as_bytes_ref(&items[0]).map(|b| b.to_vec()) else { return Err(illegal()) };
    let b = int_to_bytes(vm, &items[1], 8)?;
    if buf.len() > MAX_DEC_PENDING {
        return Err(unicode_error_msg(vm, "pending buffer too large"));
    }
    let mut st8 = [0u8; 8];
    st8.copy_from_slice(&b);
    *s.dec_pending.borrow_mut() = buf;
    s.state.set(u64::from_le_bytes(st8));
    Ok(vm.none())
}

fn decoder_reset(vm: &Vm, o: &Obj, owner: &str) -> PyResult<Obj> {
    let s = stateful(vm, o, owner)?;
    let mut state = s.state.get();
    codec_of(vm, s)?.decoder_reset(&mut state);
    s.state.set(state);
    s.dec_pending.borrow_mut().clear();
    Ok(vm.none())
}

/// CPython's `mbstreamreader_iread`: call the stream's `method` until something decodes.
fn stream_iread(vm: &Vm, s: &Stateful, method: &str, mut sizehint: isize) -> PyResult<Obj> {
    if sizehint == 0 {
        return Ok(vm.ctx.empty_str.clone());
    }
    let codec = codec_of(vm, s)?;
    let errors = errors_of(s);
    let stream = s.stream.get().unwrap_or_else(|| vm.none());
    let mut out: Vec<u32> = Vec::new();
    loop {
        let cres = if sizehint < 0 {
            vm.call_method(&stream, method, &[])?
        } else {
            vm.call_method(&stream, method, &[vm.new_int(sizehint as i64)])?
        };
        let Some(chunk) = bytes::as_bytes_ref(&cres) else {
            return Err(
                vm.type_error(format!("stream function returned a non-bytes object ({:.100})", cres.class().name()))
            );
        };
        let endoffile = chunk.is_empty();
        let mut data = std::mem::take(&mut *s.dec_pending.borrow_mut());
        data.extend_from_slice(chunk);
        let rsize = data.len();
        let mut run = DecodeRun { codec, data: &data, pos: 0, out: std::mem::take(&mut out), exc: None };
        let mut state = s.state.get();
        let r = if rsize > 0 { run.feed(vm, &mut state, &errors, true) } else { Ok(()) };
        s.state.set(state);
        r?;
        if (endoffile || sizehint < 0) && run.pos < rsize {
            run.error(vm, &errors, None)?;
        }
        if run.pos < rsize {
            append_pending(vm, s, &run)?;
        }
        out = run.out;
        if sizehint < 0 || !out.is_empty() || rsize == 0 {
            break;
        }
        sizehint = 1;
    }
    Ok(vm.new_str_from_code_points(&out))
}

/// The size argument of `read`/`readline`/`readlines`: None or an int.
fn size_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<isize> {
    match o {
        None => Ok(-1),
        Some(v) if vm.is_none(v) => Ok(-1),
        Some(v) if int::value(v).is_some() => crate::support::ssize_arg(vm, v),
        Some(_) => Err(vm.type_error("arg 1 must be an integer")),
    }
}

fn reader_read(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "read", a, kw, 0, 1)?;
    let s = stateful(vm, o, STREAM_READER)?;
    let n = size_arg(vm, a.first())?;
    stream_iread(vm, s, "read", n)
}

fn reader_readline(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "readline", a, kw, 0, 1)?;
    let s = stateful(vm, o, STREAM_READER)?;
    let n = size_arg(vm, a.first())?;
    stream_iread(vm, s, "readline", n)
}

fn reader_readlines(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let a = crate::support::positional(vm, "readlines", a, kw, 0, 1)?;
    let s = stateful(vm, o, STREAM_READER)?;
    let n = size_arg(vm, a.first())?;
    let r = stream_iread(vm, s, "read", n)?;
    vm.call_method(&r, "splitlines", &[vm.bool_obj(true)])
}

fn writer_write_one(vm: &Vm, s: &Stateful, text: &Obj) -> PyResult<()> {
    let b = encode_stateful(vm, s, text, false)?;
    let stream = s.stream.get().unwrap_or_else(|| vm.none());
    vm.call_method(&stream, "write", &[b])?;
    Ok(())
}

fn writer_write(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let text = crate::clinic::one(vm, "write", a, kw)?;
    writer_write_one(vm, stateful(vm, o, STREAM_WRITER)?, &text)?;
    Ok(vm.none())
}

fn writer_writelines(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let lines = crate::clinic::one(vm, "writelines", a, kw)?;
    let s = stateful(vm, o, STREAM_WRITER)?;
    // PySequence_Check: an item slot, and not a dict.
    let is_seq = !vm.isinstance_type(&lines, &vm.ctx.types.dict)
        && vm.getattr_str_opt(&lines.class_obj(), "__getitem__")?.is_some();
    if !is_seq {
        return Err(vm.type_error("arg must be a sequence object"));
    }
    let mut i = 0;
    while i < vm.len(&lines)? {
        let line = vm.getitem(&lines, &vm.new_usize(i))?;
        writer_write_one(vm, s, &line)?;
        i += 1;
    }
    Ok(vm.none())
}

fn writer_reset(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "reset", a, kw)?;
    let s = stateful(vm, o, STREAM_WRITER)?;
    let Some(pending) = s.enc_pending.take() else { return Ok(vm.none()) };
    let codec = codec_of(vm, s)?;
    let mut state = s.state.get();
    let r = encode(vm, codec, &mut state, &pending, &errors_of(s), true, true);
    s.state.set(state);
    let (out, _) = r?;
    if !out.is_empty() {
        let stream = s.stream.get().unwrap_or_else(|| vm.none());
        vm.call_method(&stream, "write", &[vm.new_bytes(out)])?;
    }
    Ok(vm.none())
}

fn errors_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = payload_or_err::<Stateful>(vm, o, "MultibyteStatefulCodecContext")?;
    Ok(errors_name(vm, &s.errors.borrow()))
}

fn errors_set(vm: &Vm, o: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let s = payload_or_err::<Stateful>(vm, o, "MultibyteStatefulCodecContext")?;
    let Some(v) = v else { return Err(vm.attribute_error("cannot delete attribute")) };
    let Some(d) = pystr::data(v) else { return Err(vm.type_error("errors must be a string")) };
    let new = errors_from(vm, Some(&d.to_string_lossy()));
    *s.errors.borrow_mut() = new;
    Ok(())
}

fn stream_get(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let s = payload_or_err::<Stateful>(vm, o, "MultibyteStreamReader")?;
    Ok(s.stream.get().unwrap_or_else(|| vm.none()))
}

const CODEC_METHODS: &[MethodDef] =
    &[MethodDef::method("encode", codec_encode), MethodDef::method("decode", codec_decode)];

const INC_ENCODER_METHODS: &[MethodDef] = &[
    MethodDef::method("encode", incenc_encode),
    MethodDef::method("getstate", incenc_getstate),
    MethodDef::method("setstate", incenc_setstate),
    MethodDef::method("reset", incenc_reset),
];

const INC_DECODER_METHODS: &[MethodDef] = &[
    MethodDef::method("decode", incdec_decode),
    MethodDef::method("getstate", incdec_getstate),
    MethodDef::method("setstate", incdec_setstate),
    MethodDef::method("reset", |vm, o, a, kw| {
        crate::clinic::none(vm, "reset", a, kw)?;
        decoder_reset(vm, o, INC_DECODER)
    }),
];

const READER_METHODS: &[MethodDef] = &[
    MethodDef::method("read", reader_read),
    MethodDef::method("readline", reader_readline),
    MethodDef::method("readlines", reader_readlines),
    MethodDef::method("reset", |vm, o, a, kw| {
        crate::clinic::none(vm, "reset", a, kw)?;
        decoder_reset(vm, o, STREAM_READER)
    }),
];

const WRITER_METHODS: &[MethodDef] = &[
    MethodDef::method("write", writer_write),
    MethodDef::method("writelines", writer_writelines),
    MethodDef::method("reset", writer_reset),
];

const ERRORS_GETSETS: &[GetSetDef] = &[GetSetDef::new("errors", errors_get, Some(errors_set))];
const STREAM_GETSETS: &[GetSetDef] =
    &[GetSetDef::new("errors", errors_get, Some(errors_set)), GetSetDef::new("stream", stream_get, None)];

fn inc_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>, owner: &str, fname: &str) -> PyResult<Obj> {
    let a = args::parse(vm, fname, a, kw, &["errors"], 0)?;
    new_stateful(vm, cls, owner, a[0].as_ref(), None)
}

fn stream_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>, owner: &str, fname: &str) -> PyResult<Obj> {
    let a = args::parse(vm, fname, a, kw, &["stream", "errors"], 1)?;
    new_stateful(vm, cls, owner, a[1].as_ref(), a[0].clone())
}

fn incenc_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    inc_new(vm, cls, a, kw, INC_ENCODER, "IncrementalEncoder")
}

fn incdec_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    inc_new(vm, cls, a, kw, INC_DECODER, "IncrementalDecoder")
}

fn reader_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    stream_new(vm, cls, a, kw, STREAM_READER, "StreamReader")
}

fn writer_new(vm: &Vm, cls: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    stream_new(vm, cls, a, kw, STREAM_WRITER, "StreamWriter")
}

/// Make the module's types, once per interpreter (the CJK modules may come first).
fn ensure_types(vm: &Vm) {
    if module_type(vm, CODEC).is_some() {
        return;
    }
    let codec = taipan_vm::api::types::new_type::<CodecObj>(
        vm,
        &TypeSpec { name: CODEC, methods: CODEC_METHODS, ..Default::default() },
        |_| {},
    );
    register_type(vm, CODEC, &codec);
    let stateful_type = |name: &'static str, methods: &'static [MethodDef], getsets: &'static [GetSetDef]| {
        let spec = TypeSpec { name, flags: flags::BASETYPE, gc: true, methods, getsets, ..Default::default() };
        let t = taipan_vm::api::types::new_type::<Stateful>(vm, &spec, |s| {
            let new: taipan_vm::api::types::NewFn = match name {
                INC_ENCODER => incenc_new,
                INC_DECODER => incdec_new,
                STREAM_READER => reader_new,
                _ => writer_new,
            };
            s.new.set(Some(new));
            // `__init__` does nothing, so the Python bases' (`codecs.StreamReader`'s) is
            // not reached, as in CPython.
            s.init.set(Some(|_vm, _o, _a, _kw| Ok(())));
        });
        register_type(vm, name, &t);
    };
    stateful_type(INC_ENCODER, INC_ENCODER_METHODS, ERRORS_GETSETS);
    stateful_type(INC_DECODER, INC_DECODER_METHODS, ERRORS_GETSETS);
    stateful_type(STREAM_READER, READER_METHODS, STREAM_GETSETS);
    stateful_type(STREAM_WRITER, WRITER_METHODS, STREAM_GETSETS);
}

/// A `MultibyteCodec` object for `codec` (what `getcodec` returns).
pub(crate) fn new_codec_object(vm: &Vm, codec: Codec) -> PyResult<Obj> {
    ensure_types(vm);
    alloc_exact(vm, CODEC, CodecObj { codec })
}

fn create_codec(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::one(vm, "__create_codec", a, kw)?;
    // Codecs come from the CJK modules' `getcodec`; no capsule is ever valid here.
    Err(vm.value_error("argument type invalid"))
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    ensure_types(vm);
    let m = module::new_module(vm, "_multibytecodec");
    module::add_functions(vm, &m, "_multibytecodec", &[MethodDef::static_("__create_codec", create_codec)]);
    let d = module::module_dict(&m);
    for name in [INC_ENCODER, INC_DECODER, STREAM_READER, STREAM_WRITER] {
        if let Some(t) = module_type(vm, name) {
            taipan_vm::api::dict::set_item_str(vm, &d, &name["_multibytecodec.".len()..], t)?;
        }
    }
    Ok(m)
}
