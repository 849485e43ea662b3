//! The pickler (CPython's `Pickler` of `Modules/_pickle.c`): `save` picks
//! the opcodes CPython's C pickler picks for each object, in the same
//! order, with the same memo indices, batches of 1000 items and frames
//! (protocol 4+: a frame is closed at the first opcode boundary past 64
//! KiB, data of 64 KiB or more is written outside frames), so the bytes
//! are CPython's.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use taipan_vm::api::types::{GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, dict, int, list, str as pystr, tuple, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::opcodes as op;
use super::picklebuffer::{is_pickle_buffer, view_of};
use super::unpickler::tuple_items;
use super::{pickling_error, DEFAULT_PROTOCOL, HIGHEST_PROTOCOL, PICKLER, PICKLER_MEMO_PROXY};
use crate::support::{clear_cells, visit_cells};

const BATCHSIZE: usize = 1000;
const FRAME_SIZE_MIN: usize = 4;
const FRAME_SIZE_TARGET: usize = 64 * 1024;
const FRAME_HEADER_SIZE: usize = 9;
/// Fast mode tracks the objects on the path only past this depth.
const FAST_NESTING_LIMIT: usize = 50;

/// Hashes an object address (already unique and well spread above its
/// alignment bits) with one multiply instead of SipHash.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(32);
    }
}

/// The memo: object identity to (index, the object kept alive).
#[derive(Default)]
pub(crate) struct PMemo {
    map: HashMap<usize, (usize, Obj), std::hash::BuildHasherDefault<IdHasher>>,
}

impl PMemo {
    fn visit(&self, visit: &mut dyn FnMut(&Obj)) {
        self.map.values().for_each(|(_, o)| visit(o));
    }
}

/// The instance data of `_pickle.Pickler`.
pub(crate) struct Pickler {
    write: ObjCell,
    pers_func: ObjCell,
    dispatch_table: ObjCell,
    buffer_callback: ObjCell,
    memo: RefCell<PMemo>,
    proto: Cell<u8>,
    fast: Cell<bool>,
    fix_imports: Cell<bool>,
}

impl PyPayload for Pickler {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.write, &self.pers_func, &self.dispatch_table, &self.buffer_callback], visit);
        if let Ok(m) = self.memo.try_borrow() {
            m.visit(visit);
        }
    }
    fn clear(&self) {
        clear_cells(&[&self.write, &self.pers_func, &self.dispatch_table, &self.buffer_callback]);
        if let Ok(mut m) = self.memo.try_borrow_mut() {
            drop(std::mem::take(&mut *m));
        }
    }
}

impl Pickler {
    fn empty() -> Pickler {
        Pickler {
            write: ObjCell::new(None),
            pers_func: ObjCell::new(None),
            dispatch_table: ObjCell::new(None),
            buffer_callback: ObjCell::new(None),
            memo: RefCell::new(PMemo::default()),
            proto: Cell::new(DEFAULT_PROTOCOL),
            fast: Cell::new(false),
            fix_imports: Cell::new(true),
        }
    }
}

/// One `dump`: the output buffer, the frame being filled, the memo taken
/// out of the pickler for the duration.
struct Writer<'a> {
    vm: &'a Vm,
    out: Vec<u8>,
    frame_start: Option<usize>,
    framing: bool,
    memo: PMemo,
    proto: u8,
    bin: bool,
    fast: bool,
    fast_nesting: usize,
    fast_memo: HashSet<usize>,
    fix_imports: bool,
    file_write: Option<Obj>,
    pers_func: Option<Obj>,
    reducer_override: Option<Obj>,
    dispatch_table: Option<Obj>,
    buffer_callback: Option<Obj>,
}

impl Writer<'_> {
    fn write(&mut self, data: &[u8]) -> PyResult<()> {
        let extra = data.len() + if self.framing && self.frame_start.is_none() { FRAME_HEADER_SIZE } else { 0 };
        self.out.try_reserve(extra).map_err(|_| self.vm.memory_error())?;
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0; FRAME_HEADER_SIZE]);
        }
        self.out.extend_from_slice(data);
        Ok(())
    }

    fn commit_frame(&mut self) {
        if !self.framing {
            return;
        }
        let Some(start) = self.frame_start.take() else { return };
        let len = self.out.len() - start - FRAME_HEADER_SIZE;
        if len >= FRAME_SIZE_MIN {
            self.out[start] = op::FRAME;
            self.out[start + 1..start + FRAME_HEADER_SIZE].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER_SIZE);
        }
    }

    fn flush_to_file(&mut self) -> PyResult<()> {
        if let Some(w) = self.file_write.clone() {
            let data = std::mem::take(&mut self.out);
            self.vm.call(&w, &[self.vm.new_bytes(data)], None)?;
        }
        Ok(())
    }

    fn opcode_boundary(&mut self) -> PyResult<()> {
        let Some(start) = self.frame_start.filter(|_| self.framing) else { return Ok(()) };
        if self.out.len() - start - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET {
            self.commit_frame();
            if self.file_write.is_some() {
                self.flush_to_file()?;
            }
        }
        Ok(())
    }

    /// A header and its data; data of a frame's size or more goes outside
    /// the frames, straight to the file when there is one.
    fn write_bytes(&mut self, header: &[u8], data: &[u8], payload: Option<&Obj>) -> PyResult<()> {
        let bypass = data.len() >= FRAME_SIZE_TARGET;
        let framing = self.framing;
        if bypass {
            self.commit_frame();
            self.framing = false;
        }
        self.write(header)?;
        if bypass && self.file_write.is_some() {
            self.flush_to_file()?;
            let payload = match payload {
                Some(p) => p.clone(),
                None => self.vm.new_bytes(data.to_vec()),
            };
            let w = self.file_write.clone().expect("checked");
            self.vm.call(&w, &[payload], None)?;
        } else {
            self.write(data)?;
        }
        self.framing = framing;
        Ok(())
    }

    fn memo_index(&self, o: &Obj) -> Option<usize> {
        self.memo.map.get(&o.id()).map(|(i, _)| *i)
    }

    fn memo_put(&mut self, o: &Obj) -> PyResult<()> {
        if self.fast {
            return Ok(());
        }
        let idx = self.memo.map.len();
        self.memo.map.insert(o.id(), (idx, o.clone()));
        if self.proto >= 4 {
            return self.write(&[op::MEMOIZE]);
        }
        if !self.bin {
            return self.write(format!("p{idx}\n").as_bytes());
        }
        if idx < 256 {
            self.write(&[op::BINPUT, idx as u8])
        } else if idx <= 0xffff_ffff {
            let mut b = vec![op::LONG_BINPUT];
            b.extend_from_slice(&(idx as u32).to_le_bytes());
            self.write(&b)
        } else {
            Err(pickling_error(self.vm, "memo id too large for LONG_BINPUT"))
        }
    }

    fn memo_get(&mut self, idx: usize) -> PyResult<()> {
        if !self.bin {
            return self.write(format!("g{idx}\n").as_bytes());
        }
        if idx < 256 {
            self.write(&[op::BINGET, idx as u8])
        } else if idx <= 0xffff_ffff {
            let mut b = vec![op::LONG_BINGET];
            b.extend_from_slice(&(idx as u32).to_le_bytes());
            self.write(&b)
        } else {
            Err(pickling_error(self.vm, "memo id too large for LONG_BINGET"))
        }
    }

    fn save(&mut self, obj: &Obj, pers_save: bool) -> PyResult<()> {
        let vm = self.vm;
        self.opcode_boundary()?;
        if !pers_save {
            if let Some(f) = self.pers_func.clone() {
                if self.save_pers(&f, obj)? {
                    return Ok(());
                }
            }
        }
        if vm.is_none(obj) {
            return self.write(&[op::NONE]);
        }
        let t = obj.class_obj();
        let types = &vm.ctx.types;
        if t.is(&types.bool_) {
            return self.save_bool(vm.is_true(obj)?);
        }
        if t.is(&types.int) {
            return self.save_long(obj);
        }
        if t.is(&types.float) {
            return self.save_float(vm.to_f64(obj)?);
        }
        if let Some(idx) = self.memo_index(obj) {
            return self.memo_get(idx);
        }
        if t.is(&types.bytes) {
            return self.save_bytes(obj);
        }
        if t.is(&types.str) {
            return self.save_unicode(obj);
        }
        vm.with_recursion(" while pickling an object", || self.save_complex(obj, &t))
    }

    fn save_complex(&mut self, obj: &Obj, t: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let types = &vm.ctx.types;
        if let Some(f) = self.reducer_override.clone() {
            let rv = vm.call(&f, std::slice::from_ref(obj), None)?;
            if !vm.is_not_implemented(&rv) {
                return self.save_reduce_value(obj, rv);
            }
        }
        if t.is(&types.dict) {
            return self.save_dict(obj);
        }
        if t.is(&types.set) {
            return self.save_set(obj);
        }
        if t.is(&types.frozenset) {
            return self.save_frozenset(obj);
        }
        if t.is(&types.list) {
            return self.save_list(obj);
        }
        if t.is(&types.tuple) {
            return self.save_tuple(obj);
        }
        if t.is(&types.bytearray) {
            return self.save_bytearray(obj);
        }
        if is_pickle_buffer(obj) && super::module_type_is(vm, t, super::picklebuffer::PICKLE_BUFFER) {
            return self.save_picklebuffer(obj);
        }
        if t.is(&types.type_) {
            return self.save_type(obj);
        }
        if t.is(&types.function) {
            return self.save_global(obj, None);
        }
        let reduce_func = match &self.dispatch_table {
            None => {
                let copyreg = taipan_vm::api::import::import_module(vm, "copyreg")?;
                let table = vm.getattr_str(&copyreg, "dispatch_table")?;
                dict::get_item_opt(vm, &table, t)?
            }
            Some(table) => match vm.call_method(table, "__getitem__", std::slice::from_ref(t)) {
                Ok(f) => Some(f),
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => None,
                Err(e) => return Err(e),
            },
        };
        let rv = if let Some(f) = reduce_func {
            vm.call(&f, std::slice::from_ref(obj), None)?
        } else if vm.is_subtype(t, &types.type_) {
            return self.save_global(obj, None);
        } else if let Some(f) = vm.getattr_str_opt(obj, "__reduce_ex__")? {
            vm.call(&f, &[vm.new_int(self.proto as i64)], None)?
        } else if let Some(f) = vm.getattr_str_opt(obj, "__reduce__")? {
            vm.call0(&f)?
        } else {
            let r = vm.repr_string(obj)?;
            return Err(pickling_error(vm, &format!("can't pickle '{}' object: {r}", obj.class().name())));
        };
        self.save_reduce_value(obj, rv)
    }

    fn save_reduce_value(&mut self, obj: &Obj, rv: Obj) -> PyResult<()> {
        let vm = self.vm;
        if pystr::data(&rv).is_some() {
            return self.save_global(obj, Some(rv));
        }
        if tuple_items(vm, &rv).is_none() {
            return Err(pickling_error(vm, "__reduce__ must return a string or tuple"));
        }
        self.save_reduce(&rv, Some(obj))
    }

    fn save_pers(&mut self, f: &Obj, obj: &Obj) -> PyResult<bool> {
        let vm = self.vm;
        let pid = vm.call(f, std::slice::from_ref(obj), None)?;
        if vm.is_none(&pid) {
            return Ok(false);
        }
        if self.bin {
            self.save(&pid, true)?;
            self.write(&[op::BINPERSID])?;
        } else {
            let s = vm.str_string(&pid)?;
            if !s.is_ascii() {
                return Err(pickling_error(vm, "persistent IDs in protocol 0 must be ASCII strings"));
            }
            self.write(&[op::PERSID])?;
            self.write(s.as_bytes())?;
            self.write(b"\n")?;
        }
        Ok(true)
    }

    fn save_bool(&mut self, b: bool) -> PyResult<()> {
        if self.proto >= 2 {
            self.write(&[if b { op::NEWTRUE } else { op::NEWFALSE }])
        } else {
            self.write(if b { b"I01\n" } else { b"I00\n" })
        }
    }

    fn save_long(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let Some(v) = int::value(obj) else { return Err(vm.type_error("expected an int")) };
        if let Some(x) = v.as_i64().filter(|x| (i32::MIN as i64..=i32::MAX as i64).contains(x)) {
            if !self.bin {
                return self.write(format!("I{x}\n").as_bytes());
            }
            let b = (x as i32).to_le_bytes();
            return if b[2] != 0 || b[3] != 0 {
                self.write(&[op::BININT, b[0], b[1], b[2], b[3]])
            } else if b[1] != 0 {
                self.write(&[op::BININT2, b[0], b[1]])
            } else {
                self.write(&[op::BININT1, b[0]])
            };
        }
        if self.proto < 2 {
            let r = vm.repr_string(obj)?;
            self.write(&[op::LONG])?;
            self.write(r.as_bytes())?;
            return self.write(b"L\n");
        }
        let big = v.to_big();
        let mut bytes = big.to_signed_bytes_le();
        // CPython's length: one byte more than the magnitude's bits fill,
        // less a redundant sign byte of a negative number.
        let nbits = big.bits() as usize;
        let mut n = (nbits >> 3) + 1;
        let neg = big.sign() == num_bigint::Sign::Minus;
        let fill = if neg { 0xff } else { 0 };
        bytes.resize(n.max(bytes.len()), fill);
        bytes.truncate(n);
        if neg && n > 1 && bytes[n - 1] == 0xff && bytes[n - 2] & 0x80 != 0 {
            n -= 1;
            bytes.truncate(n);
        }
        if n < 256 {
            self.write(&[op::LONG1, n as u8])?;
        } else if n <= 0x7fff_ffff {
            let mut h = vec![op::LONG4];
            h.extend_from_slice(&(n as i32).to_le_bytes());
            self.write(&h)?;
        } else {
            return Err(vm.overflow_error("int too large to pickle"));
        }
        self.write(&bytes)
    }

    fn save_float(&mut self, x: f64) -> PyResult<()> {
        if self.bin {
            let mut b = vec![op::BINFLOAT];
            b.extend_from_slice(&x.to_be_bytes());
            return self.write(&b);
        }
        let r = taipan_vm::api::float::repr(x);
        self.write(&[op::FLOAT])?;
        self.write(r.as_bytes())?;
        self.write(b"\n")
    }

    fn save_bytes(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let data = taipan_vm::api::bytes::as_bytes_ref(obj).unwrap_or(&[]);
        if self.proto < 3 {
            let rv = if data.is_empty() {
                vm.new_tuple(vec![vm.ctx.types.bytes.clone(), vm.new_tuple(Vec::new())])
            } else {
                let cps: Vec<u32> = data.iter().map(|&b| b as u32).collect();
                let text = vm.new_str_from_code_points(&cps);
                let codecs = taipan_vm::api::import::import_module(vm, "_codecs")?;
                let encode = vm.getattr_str(&codecs, "encode")?;
                vm.new_tuple(vec![encode, vm.new_tuple(vec![text, vm.intern("latin1")])])
            };
            return self.save_reduce(&rv, Some(obj));
        }
        self.save_bytes_data(obj, data)
    }

    fn save_bytes_data(&mut self, obj: &Obj, data: &[u8]) -> PyResult<()> {
        let n = data.len();
        let header = if n <= 0xff {
            vec![op::SHORT_BINBYTES, n as u8]
        } else if n <= 0xffff_ffff {
            let mut h = vec![op::BINBYTES];
            h.extend_from_slice(&(n as u32).to_le_bytes());
            h
        } else if self.proto >= 4 {
            let mut h = vec![op::BINBYTES8];
            h.extend_from_slice(&(n as u64).to_le_bytes());
            h
        } else {
            return Err(pickling_error(self.vm, "cannot serialize a bytes object larger than 4 GiB"));
        };
        self.write_bytes(&header, data, Some(obj))?;
        self.memo_put(obj)
    }

    fn save_bytearray(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let data = taipan_vm::api::bytes::as_bytes(obj).unwrap_or_default();
        if self.proto < 5 {
            let cls = obj.class_obj();
            let args = if data.is_empty() { vec![] } else { vec![vm.new_bytes(data)] };
            let rv = vm.new_tuple(vec![cls, vm.new_tuple(args)]);
            return self.save_reduce(&rv, Some(obj));
        }
        self.save_bytearray_data(obj, &data)
    }

    fn save_bytearray_data(&mut self, obj: &Obj, data: &[u8]) -> PyResult<()> {
        let mut h = vec![op::BYTEARRAY8];
        h.extend_from_slice(&(data.len() as u64).to_le_bytes());
        self.write_bytes(&h, data, Some(obj))?;
        self.memo_put(obj)
    }

    fn save_picklebuffer(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        if self.proto < 5 {
            return Err(pickling_error(vm, "PickleBuffer can only pickled with protocol >= 5"));
        }
        let view = view_of(vm, obj)?;
        if !vm.is_true(&vm.getattr_str(&view, "contiguous")?)? {
            return Err(pickling_error(vm, "PickleBuffer can not be pickled when pointing to a non-contiguous buffer"));
        }
        let mut in_band = true;
        if let Some(cb) = self.buffer_callback.clone() {
            let r = vm.call(&cb, std::slice::from_ref(obj), None)?;
            in_band = vm.is_true(&r)?;
        }
        let readonly = vm.is_true(&vm.getattr_str(&view, "readonly")?)?;
        if in_band {
            let order = if vm.is_true(&vm.getattr_str(&view, "c_contiguous")?)? { "C" } else { "A" };
            let raw = vm.call_method(&view, "tobytes", &[vm.new_str(order)])?;
            let data = taipan_vm::api::bytes::as_bytes(&raw).unwrap_or_default();
            return if readonly { self.save_bytes_data(obj, &data) } else { self.save_bytearray_data(obj, &data) };
        }
        self.write(&[op::NEXT_BUFFER])?;
        if readonly {
            self.write(&[op::READONLY_BUFFER])?;
        }
        Ok(())
    }

    fn save_unicode(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let Some(d) = pystr::data(obj) else { return Err(vm.type_error("expected a str")) };
        if !self.bin {
            let mut out = Vec::new();
            for c in d.code_points() {
                raw_unicode_escape(&mut out, c);
            }
            self.write(&[op::UNICODE])?;
            self.write(&out)?;
            self.write(b"\n")?;
            return self.memo_put(obj);
        }
        let owned;
        let encoded: &[u8] = match pystr::as_str(obj) {
            Some(s) => s.as_bytes(),
            None => {
                owned = taipan_vm::api::codecs::encode_str(vm, obj, Some("utf-8"), Some("surrogatepass"))?;
                &owned
            }
        };
        let n = encoded.len();
        let header = if n <= 0xff && self.proto >= 4 {
            vec![op::SHORT_BINUNICODE, n as u8]
        } else if n <= 0xffff_ffff {
            let mut h = vec![op::BINUNICODE];
            h.extend_from_slice(&(n as u32).to_le_bytes());
            h
        } else if self.proto >= 4 {
            let mut h = vec![op::BINUNICODE8];
            h.extend_from_slice(&(n as u64).to_le_bytes());
            h
        } else {
            return Err(pickling_error(vm, "cannot serialize a string larger than 4GiB"));
        };
        self.write_bytes(&header, encoded, None)?;
        self.memo_put(obj)
    }

    fn save_tuple(&mut self, obj: &Obj) -> PyResult<()> {
        let items = tuple::items(obj).to_vec();
        let n = items.len();
        if n == 0 {
            return if self.proto > 0 { self.write(&[op::EMPTY_TUPLE]) } else { self.write(&[op::MARK, op::TUPLE]) };
        }
        if n <= 3 && self.proto >= 2 {
            for it in &items {
                self.save(it, false)?;
            }
            if let Some(idx) = self.memo_index(obj) {
                for _ in 0..n {
                    self.write(&[op::POP])?;
                }
                return self.memo_get(idx);
            }
            self.write(&[[op::TUPLE1, op::TUPLE2, op::TUPLE3][n - 1]])?;
            return self.memo_put(obj);
        }
        self.write(&[op::MARK])?;
        for it in &items {
            self.save(it, false)?;
        }
        if let Some(idx) = self.memo_index(obj) {
            if self.bin {
                self.write(&[op::POP_MARK])?;
            } else {
                for _ in 0..=n {
                    self.write(&[op::POP])?;
                }
            }
            return self.memo_get(idx);
        }
        self.write(&[op::TUPLE])?;
        self.memo_put(obj)
    }

    fn fast_enter(&mut self, obj: &Obj) -> PyResult<()> {
        if !self.fast {
            return Ok(());
        }
        self.fast_nesting += 1;
        if self.fast_nesting >= FAST_NESTING_LIMIT && !self.fast_memo.insert(obj.id()) {
            return Err(self.vm.value_error(format!(
                "fast mode: can't pickle cyclic objects including object type {} at {:#x}",
                obj.class().name(),
                obj.id()
            )));
        }
        Ok(())
    }

    fn fast_leave(&mut self, obj: &Obj) {
        if !self.fast {
            return;
        }
        if self.fast_nesting >= FAST_NESTING_LIMIT {
            self.fast_memo.remove(&obj.id());
        }
        self.fast_nesting = self.fast_nesting.saturating_sub(1);
    }

    fn save_list(&mut self, obj: &Obj) -> PyResult<()> {
        self.fast_enter(obj)?;
        let r = self.save_list_body(obj);
        self.fast_leave(obj);
        r
    }

    fn save_list_body(&mut self, obj: &Obj) -> PyResult<()> {
        if self.bin {
            self.write(&[op::EMPTY_LIST])?;
        } else {
            self.write(&[op::MARK, op::LIST])?;
        }
        self.memo_put(obj)?;
        if list::len(obj) == 0 {
            return Ok(());
        }
        if self.proto > 0 {
            return self.batch_list_exact(obj);
        }
        let it = self.vm.iter(obj)?;
        self.batch_list(&it)
    }

    fn batch_list_exact(&mut self, obj: &Obj) -> PyResult<()> {
        if list::len(obj) == 1 {
            if let Some(item) = list::get(obj, 0) {
                self.save(&item, false)?;
            }
            return self.write(&[op::APPEND]);
        }
        let mut total = 0;
        loop {
            self.write(&[op::MARK])?;
            let mut this_batch = 0;
            while let Some(item) = list::get(obj, total) {
                self.save(&item, false)?;
                total += 1;
                this_batch += 1;
                if this_batch == BATCHSIZE {
                    break;
                }
            }
            self.write(&[op::APPENDS])?;
            if total >= list::len(obj) {
                return Ok(());
            }
        }
    }

    fn batch_list(&mut self, it: &Obj) -> PyResult<()> {
        self.batch(it, |_, o| Ok(o.clone()), |p, o| p.save(o, false), op::APPEND, op::APPENDS)
    }

    fn save_dict(&mut self, obj: &Obj) -> PyResult<()> {
        self.fast_enter(obj)?;
        let r = self.save_dict_body(obj);
        self.fast_leave(obj);
        r
    }

    fn save_dict_body(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        if self.bin {
            self.write(&[op::EMPTY_DICT])?;
        } else {
            self.write(&[op::MARK, op::DICT])?;
        }
        self.memo_put(obj)?;
        if dict::len(obj) == 0 {
            return Ok(());
        }
        if self.proto > 0 {
            return self.batch_dict_exact(obj);
        }
        let items = vm.call_method(obj, "items", &[])?;
        let it = vm.iter(&items)?;
        self.batch_dict(&it)
    }

    fn batch_dict_exact(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let size = dict::len(obj);
        let items = dict::items(obj);
        if size == 1 {
            if let Some((k, v)) = items.first() {
                self.save(k, false)?;
                self.save(v, false)?;
            }
            return self.write(&[op::SETITEM]);
        }
        let mut pos = 0;
        loop {
            self.write(&[op::MARK])?;
            let mut i = 0;
            while pos < items.len() {
                let (k, v) = &items[pos];
                pos += 1;
                self.save(k, false)?;
                self.save(v, false)?;
                i += 1;
                if i == BATCHSIZE {
                    break;
                }
            }
            self.write(&[op::SETITEMS])?;
            if dict::len(obj) != size {
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            if i != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn pair(&self, o: &Obj) -> PyResult<(Obj, Obj)> {
        match tuple_items(self.vm, o) {
            Some([k, v]) => Ok((k.clone(), v.clone())),
            _ => Err(self.vm.type_error("dict items iterator must return 2-tuples")),
        }
    }

    fn batch_dict(&mut self, it: &Obj) -> PyResult<()> {
        let save_pair = |p: &mut Self, (k, v): &(Obj, Obj)| {
            p.save(k, false)?;
            p.save(v, false)
        };
        self.batch(it, Self::pair, save_pair, op::SETITEM, op::SETITEMS)
    }

    /// CPython's `batch_list`/`batch_dict` for any iterator: one `one`
    /// opcode per item under protocol 0, else MARK ... `many` per batch of
    /// BATCHSIZE (a lone item gets `one`). `prepare` checks an item as soon
    /// as it is fetched (a dict item must be a pair), `save` writes it.
    fn batch<T>(
        &mut self,
        it: &Obj,
        prepare: fn(&Self, &Obj) -> PyResult<T>,
        save: fn(&mut Self, &T) -> PyResult<()>,
        one: u8,
        many: u8,
    ) -> PyResult<()> {
        let vm = self.vm;
        if self.proto == 0 {
            while let Some(o) = vm.next(it)? {
                let item = prepare(self, &o)?;
                save(self, &item)?;
                self.write(&[one])?;
            }
            return Ok(());
        }
        loop {
            let Some(first) = vm.next(it)? else { return Ok(()) };
            let first = prepare(self, &first)?;
            let Some(mut o) = vm.next(it)? else {
                save(self, &first)?;
                return self.write(&[one]);
            };
            self.write(&[op::MARK])?;
            save(self, &first)?;
            let mut n = 1;
            loop {
                let item = prepare(self, &o)?;
                save(self, &item)?;
                n += 1;
                if n == BATCHSIZE {
                    break;
                }
                match vm.next(it)? {
                    Some(next) => o = next,
                    None => break,
                }
            }
            self.write(&[many])?;
            if n != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn save_set(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let items = vm.to_vec(obj)?;
        if self.proto < 4 {
            let rv = vm.new_tuple(vec![vm.ctx.types.set.clone(), vm.new_tuple(vec![vm.new_list(items)])]);
            return self.save_reduce(&rv, Some(obj));
        }
        self.write(&[op::EMPTY_SET])?;
        self.memo_put(obj)?;
        let size = items.len();
        if size == 0 {
            return Ok(());
        }
        let mut pos = 0;
        loop {
            self.write(&[op::MARK])?;
            let mut i = 0;
            while pos < items.len() {
                self.save(&items[pos], false)?;
                pos += 1;
                i += 1;
                if i == BATCHSIZE {
                    break;
                }
            }
            self.write(&[op::ADDITEMS])?;
            if vm.call_method(obj, "__len__", &[]).and_then(|n| vm.to_i64(&n))? != size as i64 {
                return Err(vm.runtime_error("set changed size during iteration"));
            }
            if i != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn save_frozenset(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        self.fast_enter(obj)?;
        let items = vm.to_vec(obj)?;
        let r = (|| {
            if self.proto < 4 {
                let rv =
                    vm.new_tuple(vec![vm.ctx.types.frozenset.clone(), vm.new_tuple(vec![vm.new_list(items.clone())])]);
                return self.save_reduce(&rv, Some(obj));
            }
            self.write(&[op::MARK])?;
            for it in &items {
                self.save(it, false)?;
            }
            if let Some(idx) = self.memo_index(obj) {
                self.write(&[op::POP_MARK])?;
                return self.memo_get(idx);
            }
            self.write(&[op::FROZENSET])?;
            self.memo_put(obj)
        })();
        self.fast_leave(obj);
        r
    }

    fn save_type(&mut self, obj: &Obj) -> PyResult<()> {
        let vm = self.vm;
        let singleton = if obj.is(&vm.ctx.types.none_type) {
            Some(vm.none())
        } else if obj.is(&vm.ctx.types.ellipsis_type) {
            Some(vm.ctx.ellipsis.clone())
        } else if obj.is(&vm.ctx.types.not_implemented_type) {
            Some(vm.not_implemented())
        } else {
            None
        };
        match singleton {
            Some(s) => {
                let rv = vm.new_tuple(vec![vm.ctx.types.type_.clone(), vm.new_tuple(vec![s])]);
                self.save_reduce(&rv, Some(obj))
            }
            None => self.save_global(obj, None),
        }
    }

    fn save_global(&mut self, obj: &Obj, name: Option<Obj>) -> PyResult<()> {
        let vm = self.vm;
        let global_name = match name {
            Some(n) => n,
            None => match vm.getattr_str_opt(obj, "__qualname__")? {
                Some(n) => n,
                None => vm.getattr_str(obj, "__name__")?,
            },
        };
        let gname = vm.str_string(&global_name)?;
        let dotted: Vec<String> = gname.split('.').map(str::to_string).collect();
        if dotted.iter().any(|p| p == "<locals>") {
            let r = vm.repr_string(&global_name)?;
            return Err(vm.attribute_error(format!("Can't pickle local object {r}")));
        }
        // CPython's module names are interned strs, which the memo shares.
        let module_name = intern_str(vm, whichmodule(vm, obj, &dotted)?);
        let mname = vm.str_string(&module_name)?;
        let module = match taipan_vm::api::import::import_module(vm, &mname) {
            Ok(m) => m,
            Err(_) => {
                let (ro, rm) = (vm.repr_string(obj)?, vm.repr_string(&module_name)?);
                return Err(pickling_error(vm, &format!("Can't pickle {ro}: import of module {rm} failed")));
            }
        };
        let found = deep_attribute(vm, &module, &dotted)?;
        let Some((cls, parent)) = found else {
            let ro = vm.repr_string(obj)?;
            return Err(pickling_error(vm, &format!("Can't pickle {ro}: attribute lookup {gname} on {mname} failed")));
        };
        if !cls.is(obj) {
            let ro = vm.repr_string(obj)?;
            return Err(pickling_error(vm, &format!("Can't pickle {ro}: it's not the same object as {mname}.{gname}")));
        }
        // CPython's split hands back the name itself when it has no dot.
        let lastname = match dotted.as_slice() {
            [_] => global_name.clone(),
            _ => vm.new_str(dotted.last().map_or("", String::as_str)),
        };
        if self.proto >= 2 {
            if let Some(code) = self.extension_code(obj, &module_name, &global_name)? {
                return self.write_ext(code);
            }
        }
        let (global_name, gname) = if parent.is(&module) {
            (lastname.clone(), dotted.last().cloned().unwrap_or_default())
        } else {
            (global_name, gname)
        };
        if self.proto >= 4 {
            self.save(&module_name, false)?;
            self.save(&global_name, false)?;
            self.write(&[op::STACK_GLOBAL])?;
        } else if !parent.is(&module) {
            let getattr = vm.getattr_str(&vm.builtins_module(), "getattr")?;
            let rv = vm.new_tuple(vec![getattr, vm.new_tuple(vec![parent, lastname])]);
            self.save_reduce(&rv, None)?;
        } else {
            self.write(&[op::GLOBAL])?;
            let (mut m, mut g) = (module_name.clone(), global_name.clone());
            if self.proto < 3 && self.fix_imports {
                (m, g) = reverse_fix_imports(vm, m, g)?;
            }
            let (ms, gs) = (vm.str_string(&m)?, vm.str_string(&g)?);
            let _ = gname;
            self.write_identifier(&m, &ms, "module")?;
            self.write_identifier(&g, &gs, "global")?;
        }
        self.memo_put(obj)
    }

    /// A GLOBAL line: UTF-8 for protocol 3, ASCII below.
    fn write_identifier(&mut self, o: &Obj, s: &str, what: &str) -> PyResult<()> {
        let vm = self.vm;
        let ok = self.proto == 3 || s.is_ascii();
        if !ok || pystr::as_str(o).is_none() {
            return Err(pickling_error(
                vm,
                &format!("can't pickle {what} identifier '{s}' using pickle protocol {}", self.proto),
            ));
        }
        self.write(s.as_bytes())?;
        self.write(b"\n")
    }

    fn extension_code(&mut self, obj: &Obj, module_name: &Obj, global_name: &Obj) -> PyResult<Option<i64>> {
        let vm = self.vm;
        let copyreg = taipan_vm::api::import::import_module(vm, "copyreg")?;
        let registry = vm.getattr_str(&copyreg, "_extension_registry")?;
        let key = vm.new_tuple(vec![module_name.clone(), global_name.clone()]);
        let Some(code) = dict::get_item_opt(vm, &registry, &key)? else { return Ok(None) };
        let ro = vm.repr_string(obj)?;
        let Some(v) = int::value(&code) else {
            let rc = vm.repr_string(&code)?;
            return Err(pickling_error(vm, &format!("Can't pickle {ro}: extension code {rc} isn't an integer")));
        };
        match v.as_i64() {
            Some(c) if c > 0 && c <= 0x7fff_ffff => Ok(Some(c)),
            Some(c) => Err(pickling_error(vm, &format!("Can't pickle {ro}: extension code {c} is out of range"))),
            None => Err(vm.overflow_error("Python int too large to convert to C long")),
        }
    }

    fn write_ext(&mut self, code: i64) -> PyResult<()> {
        if code <= 0xff {
            self.write(&[op::EXT1, code as u8])
        } else if code <= 0xffff {
            let b = (code as u16).to_le_bytes();
            self.write(&[op::EXT2, b[0], b[1]])
        } else {
            let b = (code as u32).to_le_bytes();
            self.write(&[op::EXT4, b[0], b[1], b[2], b[3]])
        }
    }

    fn save_reduce(&mut self, rv: &Obj, obj: Option<&Obj>) -> PyResult<()> {
        let vm = self.vm;
        let items = tuple_items(vm, rv).unwrap_or(&[]).to_vec();
        if items.len() < 2 || items.len() > 6 {
            return Err(pickling_error(vm, "tuple returned by __reduce__ must contain 2 through 6 elements"));
        }
        let get = |i: usize| items.get(i).filter(|o| !vm.is_none(o)).cloned();
        let callable = items[0].clone();
        let argtup = items[1].clone();
        let state = get(2);
        let listitems = get(3);
        let dictitems = get(4);
        let state_setter = get(5);
        if !vm.is_callable(&callable) {
            return Err(pickling_error(vm, "first item of the tuple returned by __reduce__ must be callable"));
        }
        let Some(args) = tuple_items(vm, &argtup).map(<[Obj]>::to_vec) else {
            return Err(pickling_error(vm, "second item of the tuple returned by __reduce__ must be a tuple"));
        };
        for (o, nth) in [(&listitems, "fourth"), (&dictitems, "fifth")] {
            if let Some(o) = o {
                if !is_iterator(vm, o) {
                    return Err(pickling_error(
                        vm,
                        &format!(
                            "{nth} element of the tuple returned by __reduce__ must be an iterator, not {}",
                            o.class().name()
                        ),
                    ));
                }
            }
        }
        if let Some(s) = &state_setter {
            if !vm.is_callable(s) {
                return Err(pickling_error(
                    vm,
                    &format!(
                        "sixth element of the tuple returned by __reduce__ must be a function, not {}",
                        s.class().name()
                    ),
                ));
            }
        }
        let (mut use_newobj, mut use_newobj_ex) = (false, false);
        if self.proto >= 2 {
            if let Some(name) = vm.getattr_str_opt(&callable, "__name__")? {
                if let Some(n) = pystr::as_str(&name) {
                    use_newobj_ex = n == "__newobj_ex__";
                    use_newobj = n == "__newobj__";
                }
            }
        }
        if use_newobj_ex {
            self.save_newobj_ex(&args)?;
        } else if use_newobj {
            let Some(cls) = args.first() else { return Err(pickling_error(vm, "__newobj__ arglist is empty")) };
            if !vm.is_type(cls) {
                return Err(pickling_error(vm, "args[0] from __newobj__ args is not a type"));
            }
            if let Some(o) = obj {
                let oc = vm.getattr_str(o, "__class__")?;
                if !oc.is(cls) {
                    return Err(pickling_error(vm, "args[0] from __newobj__ args has the wrong class"));
                }
            }
            self.save(cls, false)?;
            let rest = vm.new_tuple(args[1..].to_vec());
            self.save(&rest, false)?;
            self.write(&[op::NEWOBJ])?;
        } else {
            self.save(&callable, false)?;
            self.save(&argtup, false)?;
            self.write(&[op::REDUCE])?;
        }
        if let Some(o) = obj {
            if let Some(idx) = self.memo_index(o) {
                self.write(&[op::POP])?;
                return self.memo_get(idx);
            }
            self.memo_put(o)?;
        }
        if let Some(l) = listitems {
            self.batch_list(&l)?;
        }
        if let Some(d) = dictitems {
            self.batch_dict(&d)?;
        }
        if let Some(state) = state {
            match state_setter {
                None => {
                    self.save(&state, false)?;
                    self.write(&[op::BUILD])?;
                }
                Some(setter) => {
                    self.save(&setter, false)?;
                    self.save(obj.expect("state_setter with an object"), false)?;
                    self.save(&state, false)?;
                    self.write(&[op::TUPLE2, op::REDUCE, op::POP])?;
                }
            }
        }
        Ok(())
    }

    fn save_newobj_ex(&mut self, args: &[Obj]) -> PyResult<()> {
        let vm = self.vm;
        if args.len() != 3 {
            return Err(pickling_error(
                vm,
                &format!("length of the NEWOBJ_EX argument tuple must be exactly 3, not {}", args.len()),
            ));
        }
        let (cls, a, kw) = (&args[0], &args[1], &args[2]);
        if !vm.is_type(cls) {
            return Err(pickling_error(
                vm,
                &format!("first item from NEWOBJ_EX argument tuple must be a class, not {}", cls.class().name()),
            ));
        }
        let Some(a_items) = tuple_items(vm, a).map(<[Obj]>::to_vec) else {
            return Err(pickling_error(
                vm,
                &format!("second item from NEWOBJ_EX argument tuple must be a tuple, not {}", a.class().name()),
            ));
        };
        if !vm.isinstance_type(kw, &vm.ctx.types.dict) {
            return Err(pickling_error(
                vm,
                &format!("third item from NEWOBJ_EX argument tuple must be a dict, not {}", kw.class().name()),
            ));
        }
        if self.proto >= 4 {
            self.save(cls, false)?;
            self.save(a, false)?;
            self.save(kw, false)?;
            return self.write(&[op::NEWOBJ_EX]);
        }
        let functools = taipan_vm::api::import::import_module(vm, "functools")?;
        let partial = vm.getattr_str(&functools, "partial")?;
        let mut pargs = vec![vm.getattr_str(cls, "__new__")?, cls.clone()];
        pargs.extend(a_items);
        let callable = vm.call_with_dict(&partial, pargs, Some(kw))?;
        self.save(&callable, false)?;
        self.save(&vm.new_tuple(Vec::new()), false)?;
        self.write(&[op::REDUCE])
    }
}

fn intern_str(vm: &Vm, o: Obj) -> Obj {
    if o.type_is(&vm.ctx.types.str) {
        vm.intern_obj(&o)
    } else {
        o
    }
}

/// `iter(o) is o` in C terms: has `__next__` (CPython's `PyIter_Check`).
fn is_iterator(vm: &Vm, o: &Obj) -> bool {
    o.class().slots.iternext.get().is_some() || vm.getattr_str_opt(&o.class_obj(), "__next__").ok().flatten().is_some()
}

/// The CPython escape of protocol 0's UNICODE: `\uXXXX` for backslash,
/// newline, CR, NUL, ^Z and past Latin-1, `\UXXXXXXXX` past the BMP.
fn raw_unicode_escape(out: &mut Vec<u8>, c: u32) {
    if c >= 0x10000 {
        out.extend_from_slice(format!("\\U{c:08x}").as_bytes());
    } else if c >= 256 || c == b'\\' as u32 || c == 0 || c == b'\n' as u32 || c == b'\r' as u32 || c == 0x1a {
        out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
    } else {
        out.push(c as u8);
    }
}

/// Walk `path` from `root`: the object and its parent.
fn deep_attribute(vm: &Vm, root: &Obj, path: &[String]) -> PyResult<Option<(Obj, Obj)>> {
    let mut parent = root.clone();
    let mut cur = root.clone();
    for p in path {
        parent = cur.clone();
        match vm.getattr_str_opt(&cur, p) {
            Ok(Some(next)) => cur = next,
            Ok(None) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(Some((cur, parent)))
}

/// The module a global lives in: its `__module__`, else the first module
/// of `sys.modules` holding it, else `__main__` (CPython's `whichmodule`).
fn whichmodule(vm: &Vm, obj: &Obj, dotted: &[String]) -> PyResult<Obj> {
    if let Some(m) = vm.getattr_str_opt(obj, "__module__")? {
        if !vm.is_none(&m) {
            return Ok(m);
        }
    }
    let modules = vm.getattr_str(&vm.sys_module(), "modules")?;
    let pairs = if modules.type_is(&vm.ctx.types.dict) { dict::items(&modules) } else { Vec::new() };
    for (name, module) in pairs {
        if pystr::as_str(&name) == Some("__main__") || vm.is_none(&module) {
            continue;
        }
        if let Ok(Some((cand, _))) = deep_attribute(vm, &module, dotted) {
            if cand.is(obj) {
                return Ok(name);
            }
        }
    }
    Ok(vm.new_str("__main__"))
}

/// Python 3 names to Python 2's for protocols < 3 (`_compat_pickle`).
fn reverse_fix_imports(vm: &Vm, m: Obj, g: Obj) -> PyResult<(Obj, Obj)> {
    let key = vm.new_tuple(vec![m.clone(), g.clone()]);
    if let Some(item) = super::compat_mapping(vm, "REVERSE_NAME_MAPPING", &key)? {
        let Some(pair) = tuple_items(vm, &item).filter(|p| p.len() == 2) else {
            return Err(vm.runtime_error(format!(
                "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not {}",
                item.class().name()
            )));
        };
        if pystr::data(&pair[0]).is_none() || pystr::data(&pair[1]).is_none() {
            return Err(vm.runtime_error(format!(
                "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not ({}, {})",
                pair[0].class().name(),
                pair[1].class().name()
            )));
        }
        return Ok((pair[0].clone(), pair[1].clone()));
    }
    if let Some(item) = super::compat_mapping(vm, "REVERSE_IMPORT_MAPPING", &m)? {
        if pystr::data(&item).is_none() {
            return Err(vm.runtime_error(format!(
                "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not {}",
                item.class().name()
            )));
        }
        return Ok((item, g));
    }
    Ok((m, g))
}

fn payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Pickler> {
    taipan_vm::api::types::payload_or_err::<Pickler>(vm, o, PICKLER)
}

/// The protocol argument: None is the default, negative the highest.
fn protocol_arg(vm: &Vm, o: Option<&Obj>) -> PyResult<u8> {
    let Some(o) = o.filter(|o| !vm.is_none(o)) else { return Ok(DEFAULT_PROTOCOL) };
    let p = vm.to_i64(o)?;
    if p < 0 {
        return Ok(HIGHEST_PROTOCOL);
    }
    if p > HIGHEST_PROTOCOL as i64 {
        return Err(vm.value_error(format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")));
    }
    Ok(p as u8)
}

fn configure(
    vm: &Vm,
    p: &Pickler,
    protocol: Option<&Obj>,
    fix_imports: Option<&Obj>,
    buffer_callback: Option<&Obj>,
) -> PyResult<()> {
    let proto = protocol_arg(vm, protocol)?;
    let fix = match fix_imports {
        Some(f) => vm.is_true(f)?,
        None => true,
    };
    let cb = buffer_callback.filter(|b| !vm.is_none(b)).cloned();
    if cb.is_some() && proto < 5 {
        return Err(vm.value_error("buffer_callback needs protocol >= 5"));
    }
    p.proto.set(proto);
    p.fix_imports.set(fix);
    p.buffer_callback.set(cb);
    Ok(())
}

/// Pickle `obj` with the pickler `me`: the bytes (when it has no file) or
/// None after writing them to its file.
fn dump_with(vm: &Vm, me: &Obj, obj: &Obj) -> PyResult<Vec<u8>> {
    let p = payload(vm, me)?;
    let reducer_override = vm.getattr_str_opt(me, "reducer_override")?;
    let memo = std::mem::take(&mut *p.memo.borrow_mut());
    let proto = p.proto.get();
    let mut w = Writer {
        vm,
        out: Vec::new(),
        frame_start: None,
        framing: false,
        memo,
        proto,
        bin: proto > 0,
        fast: p.fast.get(),
        fast_nesting: 0,
        fast_memo: HashSet::new(),
        fix_imports: p.fix_imports.get(),
        file_write: p.write.get(),
        pers_func: p.pers_func.get(),
        reducer_override,
        dispatch_table: p.dispatch_table.get(),
        buffer_callback: p.buffer_callback.get(),
    };
    let r = (|| {
        if proto >= 2 {
            w.write(&[op::PROTO, proto])?;
            if proto >= 4 {
                w.framing = true;
            }
        }
        w.save(obj, false)?;
        w.write(&[op::STOP])?;
        w.commit_frame();
        w.framing = false;
        w.flush_to_file()
    })();
    *p.memo.borrow_mut() = std::mem::take(&mut w.memo);
    r?;
    Ok(w.out)
}

fn pickler_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::support::alloc(vm, cls, PICKLER, Pickler::empty())
}

const INIT_NAMES: &[&str] = &["file", "protocol", "fix_imports", "buffer_callback"];

fn pickler_init(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let spec = args::ArgSpec { fname: "Pickler", names: INIT_NAMES, posonly: 0, required: 1, kwonly_from: 4 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let p = payload(vm, me)?;
    configure(vm, p, a[1].as_ref(), a[2].as_ref(), a[3].as_ref())?;
    let file = a[0].clone().expect("required");
    let Some(write) = vm.getattr_str_opt(&file, "write")? else {
        return Err(vm.type_error("file must have a 'write' attribute"));
    };
    p.write.set(Some(write));
    *p.memo.borrow_mut() = PMemo::default();
    p.pers_func.set(vm.getattr_str_opt(me, "persistent_id")?);
    p.dispatch_table.set(vm.getattr_str_opt(me, "dispatch_table")?);
    Ok(())
}

fn pickler_dump(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [obj] = args::exact::<1>(vm, "dump", args, kwnames)?;
    let p = payload(vm, me)?;
    if !p.write.is_some() {
        return Err(pickling_error(
            vm,
            &format!("Pickler.__init__() was not called by {}.__init__()", me.class().name()),
        ));
    }
    dump_with(vm, me, &obj)?;
    Ok(vm.none())
}

fn pickler_clear_memo(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "clear_memo", args, kwnames)?;
    memo_clear(vm, me)?;
    Ok(vm.none())
}

pub(crate) fn memo_clear(vm: &Vm, me: &Obj) -> PyResult<()> {
    let p = payload(vm, me)?;
    let old = std::mem::take(&mut *p.memo.borrow_mut());
    drop(old);
    Ok(())
}

/// `{id(obj): (index, obj)}` of the memo.
pub(crate) fn memo_copy(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    let p = payload(vm, me)?;
    let entries: Vec<(usize, usize, Obj)> = p.memo.borrow().map.iter().map(|(&k, (i, o))| (k, *i, o.clone())).collect();
    let d = vm.new_dict();
    for (k, i, o) in entries {
        dict::set_item(vm, &d, vm.new_usize(k), vm.new_tuple(vec![vm.new_usize(i), o]))?;
    }
    Ok(d)
}

fn memo_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    payload(vm, me)?;
    super::new_memo_proxy(vm, PICKLER_MEMO_PROXY, me)
}

fn memo_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("attribute deletion is not supported")) };
    let p = payload(vm, me)?;
    let source = if let Some(owner) = super::memo_proxy_owner(vm, v, PICKLER_MEMO_PROXY) {
        memo_copy(vm, &owner)?
    } else if vm.isinstance_type(v, &vm.ctx.types.dict) {
        v.clone()
    } else {
        return Err(vm.type_error(format!(
            "'memo' attribute must be a PicklerMemoProxy object or dict, not {}",
            v.class().name()
        )));
    };
    let mut memo = PMemo::default();
    for value in dict::values(&source) {
        let Some([idx, obj]) = tuple_items(vm, &value) else {
            return Err(vm.type_error("'memo' values must be 2-item tuples"));
        };
        let i = vm.to_i64(idx)?;
        memo.map.insert(obj.id(), (i.max(0) as usize, obj.clone()));
    }
    *p.memo.borrow_mut() = memo;
    Ok(())
}

fn persistent_id_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    payload(vm, me)?.pers_func.get().ok_or_else(|| vm.attribute_error("persistent_id"))
}

fn persistent_id_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let p = payload(vm, me)?;
    match v {
        None => {
            if p.pers_func.take().is_none() {
                return Err(vm.attribute_error("persistent_id"));
            }
        }
        Some(f) => {
            if !vm.is_callable(f) {
                return Err(vm.type_error("persistent_id must be a callable taking one argument"));
            }
            p.pers_func.set(Some(f.clone()));
        }
    }
    Ok(())
}

fn dispatch_table_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    payload(vm, me)?
        .dispatch_table
        .get()
        .ok_or_else(|| vm.attribute_error(format!("'{}' object has no attribute 'dispatch_table'", me.class().name())))
}

fn dispatch_table_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    payload(vm, me)?.dispatch_table.set(v.cloned());
    Ok(())
}

fn bin_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    Ok(vm.new_int((payload(vm, me)?.proto.get() > 0) as i64))
}

fn fast_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    Ok(vm.new_int(payload(vm, me)?.fast.get() as i64))
}

fn fast_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("can't delete numeric/char attribute")) };
    let f = vm.to_i64(v)? != 0;
    payload(vm, me)?.fast.set(f);
    Ok(())
}

const METHODS: &[MethodDef] = &[
    MethodDef {
        doc: Some("dump($self, obj, /)\n--\n\nWrite a pickled representation of the given object to the open file."),
        ..MethodDef::method("dump", pickler_dump)
    },
    MethodDef {
        doc: Some("clear_memo($self, /)\n--\n\nClears the pickler's \"memo\".\n\nThe memo is the data structure that remembers which objects the\npickler has already seen, so that shared or recursive objects are\npickled by reference and not by value.  This method is useful when\nre-using picklers."),
        ..MethodDef::method("clear_memo", pickler_clear_memo)
    },
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("memo", memo_get, Some(memo_set)),
    GetSetDef::new("persistent_id", persistent_id_get, Some(persistent_id_set)),
    GetSetDef::new("dispatch_table", dispatch_table_get, Some(dispatch_table_set)),
    GetSetDef::new("bin", bin_get, None),
    GetSetDef::new("fast", fast_get, Some(fast_set)),
];

const PICKLER_DOC: &str = "Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)\n--\n\nThis takes a binary file for writing a pickle data stream.\n\nThe optional *protocol* argument tells the pickler to use the given\nprotocol; supported protocols are 0, 1, 2, 3, 4 and 5.  The default\nprotocol is 4. It was introduced in Python 3.4, and is incompatible\nwith previous versions.\n\nSpecifying a negative protocol version selects the highest protocol\nversion supported.  The higher the protocol used, the more recent the\nversion of Python needed to read the pickle produced.\n\nThe *file* argument must have a write() method that accepts a single\nbytes argument. It can thus be a file object opened for binary\nwriting, an io.BytesIO instance, or any other custom object that meets\nthis interface.\n\nIf *fix_imports* is True and protocol is less than 3, pickle will try\nto map the new Python 3 names to the old module names used in Python\n2, so that the pickle data stream is readable with Python 2.\n\nIf *buffer_callback* is None (the default), buffer views are\nserialized into *file* as part of the pickle stream.\n\nIf *buffer_callback* is not None, then it can be called any number\nof times with a buffer view.  If the callback returns a false value\n(such as None), the given buffer is out-of-band; otherwise the\nbuffer is serialized in-band, i.e. inside the pickle stream.\n\nIt is an error if *buffer_callback* is not None and *protocol*\nis None or smaller than 5.";

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: PICKLER,
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some(PICKLER_DOC),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<Pickler>(vm, &spec, |s| {
        s.new.set(Some(pickler_new));
        s.init.set(Some(pickler_init));
    })
}

/// A file-less pickler for the module functions.
fn module_pickler(vm: &Vm, a: &[Option<Obj>], write: Option<Obj>) -> PyResult<Obj> {
    let Some(ty) = crate::support::module_type(vm, PICKLER) else {
        return Err(vm.system_error("_pickle.Pickler is not initialised"));
    };
    let me = crate::support::alloc(vm, &ty, PICKLER, Pickler::empty())?;
    let p = payload(vm, &me)?;
    configure(vm, p, a[0].as_ref(), a[1].as_ref(), a[2].as_ref())?;
    p.write.set(write);
    Ok(me)
}

pub(crate) fn py_dumps(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let names: &[&str] = &["obj", "protocol", "fix_imports", "buffer_callback"];
    let spec = args::ArgSpec { fname: "dumps", names, posonly: 0, required: 1, kwonly_from: 2 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let obj = a[0].clone().expect("required");
    let me = module_pickler(vm, &a[1..], None)?;
    let out = dump_with(vm, &me, &obj)?;
    Ok(vm.new_bytes(out))
}

pub(crate) fn py_dump(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let names: &[&str] = &["obj", "file", "protocol", "fix_imports", "buffer_callback"];
    let spec = args::ArgSpec { fname: "dump", names, posonly: 0, required: 2, kwonly_from: 3 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let obj = a[0].clone().expect("required");
    let file = a[1].clone().expect("required");
    let me = module_pickler(vm, &a[2..], None)?;
    let Some(write) = vm.getattr_str_opt(&file, "write")? else {
        return Err(vm.type_error("file must have a 'write' attribute"));
    };
    payload(vm, &me)?.write.set(Some(write));
    dump_with(vm, &me, &obj)?;
    Ok(vm.none())
}
