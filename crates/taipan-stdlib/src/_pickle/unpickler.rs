//! The unpickler (CPython's `Unpickler` of `Modules/_pickle.c`): every
//! opcode of protocols 0 to 5 on an object stack split, as CPython's, into
//! a value stack and a stack of marks (the top mark is a fence that pops
//! may not cross), a memo, and an input that is either the bytes given to
//! `loads` or a file read through `read`/`readline`.
//!
//! The machine is a loop, not a recursion: deep nesting in a pickle costs
//! stack entries, never Rust stack.

use std::cell::{Cell, RefCell};

use taipan_vm::api::types::{GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, codecs, dict, int, str as pystr, tuple, Obj, ObjCell, PyErr, PyPayload, PyResult, Vm};

use super::{compat_mapping, opcodes as op, unpickling_error, UNPICKLER, UNPICKLER_MEMO_PROXY};
use crate::support::{clear_cells, visit_cells};

/// A memo index at or past this lives in the sparse map (a hostile
/// LONG_BINPUT must not allocate gigabytes).
const DENSE_MEMO_LIMIT: usize = 1 << 20;

#[derive(Default)]
pub(crate) struct Memo {
    dense: Vec<Option<Obj>>,
    sparse: std::collections::BTreeMap<usize, Obj>,
    /// Entries stored (CPython's `memo_len`, the index MEMOIZE uses).
    count: usize,
}

impl Memo {
    fn get(&self, i: usize) -> Option<Obj> {
        if i < DENSE_MEMO_LIMIT {
            self.dense.get(i).cloned().flatten()
        } else {
            self.sparse.get(&i).cloned()
        }
    }

    fn put(&mut self, vm: &Vm, i: usize, v: Obj) -> PyResult<()> {
        let old = if i < DENSE_MEMO_LIMIT {
            if i >= self.dense.len() {
                let want = (i + 1).max(self.dense.len() * 2).min(DENSE_MEMO_LIMIT);
                self.dense.try_reserve(want - self.dense.len()).map_err(|_| vm.memory_error())?;
                self.dense.resize(want, None);
            }
            self.dense[i].replace(v)
        } else {
            self.sparse.insert(i, v)
        };
        if old.is_none() {
            self.count += 1;
        }
        Ok(())
    }

    fn entries(&self) -> Vec<(usize, Obj)> {
        let dense = self.dense.iter().enumerate().filter_map(|(i, o)| o.clone().map(|o| (i, o)));
        dense.chain(self.sparse.iter().map(|(&i, o)| (i, o.clone()))).collect()
    }

    fn visit(&self, visit: &mut dyn FnMut(&Obj)) {
        self.dense.iter().flatten().for_each(&mut *visit);
        self.sparse.values().for_each(visit);
    }
}

/// The instance data of `_pickle.Unpickler`.
pub(crate) struct Unpickler {
    initialized: Cell<bool>,
    read: ObjCell,
    readline: ObjCell,
    buffers: ObjCell,
    pers_func: ObjCell,
    memo: RefCell<Memo>,
    encoding: RefCell<String>,
    errors: RefCell<String>,
    fix_imports: Cell<bool>,
    proto: Cell<u8>,
}

impl PyPayload for Unpickler {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit_cells(&[&self.read, &self.readline, &self.buffers, &self.pers_func], visit);
        if let Ok(m) = self.memo.try_borrow() {
            m.visit(visit);
        }
    }
    fn clear(&self) {
        clear_cells(&[&self.read, &self.readline, &self.buffers, &self.pers_func]);
        if let Ok(mut m) = self.memo.try_borrow_mut() {
            drop(std::mem::take(&mut *m));
        }
    }
}

impl Unpickler {
    fn empty() -> Unpickler {
        Unpickler {
            initialized: Cell::new(false),
            read: ObjCell::new(None),
            readline: ObjCell::new(None),
            buffers: ObjCell::new(None),
            pers_func: ObjCell::new(None),
            memo: RefCell::new(Memo::default()),
            encoding: RefCell::new("ASCII".into()),
            errors: RefCell::new("strict".into()),
            fix_imports: Cell::new(true),
            proto: Cell::new(0),
        }
    }
}

/// Where the bytes come from.
struct Input {
    data: Vec<u8>,
    pos: usize,
    read: Option<Obj>,
    readline: Option<Obj>,
}

fn truncated(vm: &Vm) -> PyErr {
    unpickling_error(vm, "pickle data was truncated")
}

impl Input {
    /// `n` more bytes, reading the file for what the buffer lacks.
    fn take(&mut self, vm: &Vm, n: usize) -> PyResult<&[u8]> {
        let have = self.data.len() - self.pos;
        if have < n {
            let Some(read) = self.read.clone() else { return Err(truncated(vm)) };
            let want = n - have;
            let got = vm.call(&read, &[vm.new_usize(want)], None)?;
            let extra = bytes_of(vm, &got)?;
            let full = extra.len() >= want;
            self.data.drain(..self.pos);
            self.pos = 0;
            self.data.try_reserve(extra.len()).map_err(|_| vm.memory_error())?;
            self.data.extend_from_slice(&extra[..extra.len().min(want)]);
            if !full {
                return Err(truncated(vm));
            }
        }
        let start = self.pos;
        self.pos += n;
        Ok(&self.data[start..start + n])
    }

    /// The opcode byte; None at the end of the input.
    fn opcode(&mut self, vm: &Vm) -> PyResult<Option<u8>> {
        if self.pos < self.data.len() {
            self.pos += 1;
            return Ok(Some(self.data[self.pos - 1]));
        }
        let Some(read) = self.read.clone() else { return Ok(None) };
        let got = vm.call(&read, &[vm.new_int(1)], None)?;
        let b = bytes_of(vm, &got)?;
        Ok(b.first().copied())
    }

    /// A line with its newline (truncation when it has none).
    fn line(&mut self, vm: &Vm) -> PyResult<Vec<u8>> {
        if let Some(i) = self.data[self.pos..].iter().position(|&b| b == b'\n') {
            let start = self.pos;
            self.pos += i + 1;
            return Ok(self.data[start..self.pos].to_vec());
        }
        let mut line = self.data[self.pos..].to_vec();
        self.data.clear();
        self.pos = 0;
        if let Some(readline) = self.readline.clone() {
            let got = vm.call0(&readline)?;
            line.extend_from_slice(&bytes_of(vm, &got)?);
        }
        if line.last() != Some(&b'\n') {
            return Err(truncated(vm));
        }
        Ok(line)
    }

    fn u8(&mut self, vm: &Vm) -> PyResult<u8> {
        Ok(self.take(vm, 1)?[0])
    }

    fn le_u64(&mut self, vm: &Vm, n: usize) -> PyResult<u64> {
        let b = self.take(vm, n)?;
        Ok(b.iter().rev().fold(0u64, |acc, &x| (acc << 8) | x as u64))
    }
}

/// The bytes a file's `read` returned (CPython accepts any bytes-like
/// object there).
fn bytes_of(vm: &Vm, o: &Obj) -> PyResult<Vec<u8>> {
    taipan_vm::api::buffer::with_bytes(vm, o, |b| b.to_vec())
}

/// The running machine of one `load()`.
struct Machine<'a> {
    vm: &'a Vm,
    me: &'a Obj,
    u: &'a Unpickler,
    input: Input,
    stack: Vec<Obj>,
    marks: Vec<usize>,
    memo: Memo,
    buffers: Option<Obj>,
}

impl Machine<'_> {
    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn underflow(&self) -> PyErr {
        let msg = if self.marks.is_empty() { "unpickling stack underflow" } else { "unexpected MARK found" };
        unpickling_error(self.vm, msg)
    }

    fn pop(&mut self) -> PyResult<Obj> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow());
        }
        Ok(self.stack.pop().expect("above the fence"))
    }

    fn top(&self) -> PyResult<Obj> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow());
        }
        Ok(self.stack[self.stack.len() - 1].clone())
    }

    fn push(&mut self, o: Obj) -> PyResult<()> {
        self.stack.try_reserve(1).map_err(|_| self.vm.memory_error())?;
        self.stack.push(o);
        Ok(())
    }

    /// Pop the top mark (CPython's `marker`).
    fn marker(&mut self) -> PyResult<usize> {
        self.marks.pop().ok_or_else(|| unpickling_error(self.vm, "could not find MARK"))
    }

    /// The items from `start` to the top, removed (a fence check first).
    fn pop_from(&mut self, start: usize) -> PyResult<Vec<Obj>> {
        if start < self.fence() || start > self.stack.len() {
            return Err(self.underflow());
        }
        Ok(self.stack.split_off(start))
    }

    fn pop_tuple(&mut self, n: usize) -> PyResult<Obj> {
        let start = self.stack.len().checked_sub(n).ok_or_else(|| self.underflow())?;
        let items = self.pop_from(start)?;
        Ok(self.vm.new_tuple(items))
    }

    fn run(&mut self) -> PyResult<Obj> {
        loop {
            let Some(code) = self.input.opcode(self.vm)? else {
                return Err(self.vm.eof_error("Ran out of input"));
            };
            if code == op::STOP {
                return self.pop();
            }
            self.step(code)?;
        }
    }

    fn step(&mut self, code: u8) -> PyResult<()> {
        let vm = self.vm;
        match code {
            op::NONE => self.push(vm.none()),
            op::NEWTRUE => self.push(vm.bool_obj(true)),
            op::NEWFALSE => self.push(vm.bool_obj(false)),
            op::BININT => {
                let v = self.input.le_u64(vm, 4)? as u32 as i32;
                self.push(vm.new_int(v as i64))
            }
            op::BININT1 => {
                let v = self.input.u8(vm)?;
                self.push(vm.new_int(v as i64))
            }
            op::BININT2 => {
                let v = self.input.le_u64(vm, 2)?;
                self.push(vm.new_int(v as i64))
            }
            op::INT => self.load_int(),
            op::LONG => self.load_long(),
            op::LONG1 => {
                let n = self.input.u8(vm)? as usize;
                self.load_binlong(n)
            }
            op::LONG4 => {
                let n = self.input.le_u64(vm, 4)? as u32 as i32;
                if n < 0 {
                    return Err(unpickling_error(vm, "LONG pickle has negative byte count"));
                }
                self.load_binlong(n as usize)
            }
            op::FLOAT => self.load_float(),
            op::BINFLOAT => {
                let b = self.input.take(vm, 8)?;
                let v = f64::from_be_bytes(b.try_into().expect("8 bytes"));
                self.push(vm.new_float(v))
            }
            op::STRING => self.load_string(),
            op::BINSTRING => {
                let n = self.input.le_u64(vm, 4)? as usize;
                let b = self.input.take(vm, n)?.to_vec();
                let s = self.decode_py2_string(b)?;
                self.push(s)
            }
            op::SHORT_BINSTRING => {
                let n = self.input.u8(vm)? as usize;
                let b = self.input.take(vm, n)?.to_vec();
                let s = self.decode_py2_string(b)?;
                self.push(s)
            }
            op::BINBYTES => {
                let n = self.input.le_u64(vm, 4)? as usize;
                self.load_bytes(n)
            }
            op::SHORT_BINBYTES => {
                let n = self.input.u8(vm)? as usize;
                self.load_bytes(n)
            }
            op::BINBYTES8 => {
                let n = self.size8("BINBYTES")?;
                self.load_bytes(n)
            }
            op::BYTEARRAY8 => {
                let n = self.size8("BYTEARRAY8")?;
                let b = self.input.take(vm, n)?.to_vec();
                self.push(vm.new_bytearray(b))
            }
            op::UNICODE => {
                let line = self.input.line(vm)?;
                let s = codecs::decode_bytes(vm, &line[..line.len() - 1], Some("raw-unicode-escape"), None)?;
                self.push(s)
            }
            op::BINUNICODE => {
                let n = self.input.le_u64(vm, 4)? as usize;
                self.load_unicode(n)
            }
            op::SHORT_BINUNICODE => {
                let n = self.input.u8(vm)? as usize;
                self.load_unicode(n)
            }
            op::BINUNICODE8 => {
                let n = self.size8("BINUNICODE")?;
                self.load_unicode(n)
            }
            op::EMPTY_TUPLE => self.push(vm.new_tuple(Vec::new())),
            op::TUPLE1 => self.load_tuple_n(1),
            op::TUPLE2 => self.load_tuple_n(2),
            op::TUPLE3 => self.load_tuple_n(3),
            op::TUPLE => {
                let m = self.marker()?;
                let items = self.pop_from(m)?;
                self.push(vm.new_tuple(items))
            }
            op::EMPTY_LIST => self.push(vm.new_list(Vec::new())),
            op::LIST => {
                let m = self.marker()?;
                let items = self.pop_from(m)?;
                self.push(vm.new_list(items))
            }
            op::EMPTY_DICT => self.push(vm.new_dict()),
            op::DICT => self.load_dict(),
            op::EMPTY_SET => self.push(vm.new_set()),
            op::FROZENSET => {
                let m = self.marker()?;
                let items = self.pop_from(m)?;
                let s = vm.new_frozenset(items)?;
                self.push(s)
            }
            op::APPEND => {
                let n = self.stack.len();
                if n == 0 || n - 1 <= self.fence() {
                    return Err(self.underflow());
                }
                self.do_append(n - 1)
            }
            op::APPENDS => {
                let m = self.marker()?;
                self.do_append(m)
            }
            op::SETITEM => {
                let n = self.stack.len();
                self.do_setitems(n as isize - 2)
            }
            op::SETITEMS => {
                let m = self.marker()?;
                self.do_setitems(m as isize)
            }
            op::ADDITEMS => self.load_additems(),
            op::MARK => {
                self.marks.try_reserve(1).map_err(|_| vm.memory_error())?;
                self.marks.push(self.stack.len());
                Ok(())
            }
            op::POP => self.load_pop(),
            op::POP_MARK => {
                let m = self.marker()?;
                self.pop_from(m).map(drop)
            }
            op::DUP => {
                let t = self.top()?;
                self.push(t)
            }
            op::GET => {
                let line = self.line_arg()?;
                let i = self.parse_index(&line)?;
                self.load_get(i)
            }
            op::BINGET => {
                let i = self.input.u8(vm)? as i64;
                self.load_get(i)
            }
            op::LONG_BINGET => {
                let i = self.input.le_u64(vm, 4)? as i64;
                self.load_get(i)
            }
            op::PUT => {
                let line = self.line_arg()?;
                let t = self.top()?;
                let i = self.parse_index(&line)?;
                if i < 0 {
                    return Err(vm.value_error("negative PUT argument"));
                }
                self.memo.put(vm, i as usize, t)
            }
            op::BINPUT => {
                let i = self.input.u8(vm)? as usize;
                let t = self.top()?;
                self.memo.put(vm, i, t)
            }
            op::LONG_BINPUT => {
                let i = self.input.le_u64(vm, 4)? as usize;
                let t = self.top()?;
                self.memo.put(vm, i, t)
            }
            op::MEMOIZE => {
                let t = self.top()?;
                let i = self.memo.count;
                self.memo.put(vm, i, t)
            }
            op::GLOBAL => {
                let module = self.line_arg()?;
                let module = codecs::decode_bytes(vm, &module[..module.len() - 1], Some("utf-8"), None)?;
                let name = self.line_arg()?;
                let name = codecs::decode_bytes(vm, &name[..name.len() - 1], Some("utf-8"), None)?;
                let cls = self.find_class(module, name)?;
                self.push(cls)
            }
            op::STACK_GLOBAL => {
                let name = self.pop()?;
                let module = self.pop()?;
                if !module.type_is(&vm.ctx.types.str) || !name.type_is(&vm.ctx.types.str) {
                    return Err(unpickling_error(vm, "STACK_GLOBAL requires str"));
                }
                let cls = self.find_class(module, name)?;
                self.push(cls)
            }
            op::INST => self.load_inst(),
            op::OBJ => self.load_obj(),
            op::REDUCE => {
                let args = self.pop()?;
                let callable = self.pop()?;
                if tuple_items(vm, &args).is_none() {
                    return Err(vm.type_error("argument list must be a tuple"));
                }
                let r = vm.call(&callable, tuple::items(&args), None)?;
                self.push(r)
            }
            op::NEWOBJ => self.load_newobj(false),
            op::NEWOBJ_EX => self.load_newobj(true),
            op::BUILD => self.load_build(),
            op::EXT1 => {
                let c = self.input.u8(vm)? as i64;
                self.load_extension(c)
            }
            op::EXT2 => {
                let c = self.input.le_u64(vm, 2)? as i64;
                self.load_extension(c)
            }
            op::EXT4 => {
                let c = self.input.le_u64(vm, 4)? as u32 as i32 as i64;
                self.load_extension(c)
            }
            op::PERSID => {
                let line = self.input.line(vm)?;
                let body = &line[..line.len() - 1];
                if !body.is_ascii() {
                    return Err(unpickling_error(vm, "persistent IDs in protocol 0 must be ASCII strings"));
                }
                let pid = vm.new_str(std::str::from_utf8(body).expect("ASCII"));
                self.persistent_load(pid)
            }
            op::BINPERSID => {
                if self.u.pers_func.is_some() {
                    let pid = self.pop()?;
                    return self.persistent_load(pid);
                }
                self.persistent_load(vm.none())
            }
            op::PROTO => {
                let p = self.input.u8(vm)?;
                if p > super::HIGHEST_PROTOCOL {
                    return Err(vm.value_error(format!("unsupported pickle protocol: {p}")));
                }
                self.u.proto.set(p);
                Ok(())
            }
            op::FRAME => {
                let n = self.input.le_u64(vm, 8)?;
                if n > isize::MAX as u64 {
                    return Err(
                        vm.overflow_error(format!("FRAME length exceeds system's maximum of {} bytes", isize::MAX))
                    );
                }
                // The frame is read whole, then its opcodes from the buffer.
                self.input.take(vm, n as usize)?;
                self.input.pos -= n as usize;
                Ok(())
            }
            op::NEXT_BUFFER => {
                let Some(it) = self.buffers.clone() else {
                    return Err(unpickling_error(
                        vm,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ));
                };
                match vm.next(&it)? {
                    Some(b) => self.push(b),
                    None => Err(unpickling_error(vm, "not enough out-of-band buffers")),
                }
            }
            op::READONLY_BUFFER => {
                let t = self.top()?;
                let view = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(&t), None)?;
                if !vm.is_true(&vm.getattr_str(&view, "readonly")?)? {
                    let ro = vm.call_method(&view, "toreadonly", &[])?;
                    let n = self.stack.len();
                    self.stack[n - 1] = ro;
                }
                Ok(())
            }
            _ => {
                let shown = if (0x20..0x7f).contains(&code) && code != b'\'' && code != b'\\' {
                    (code as char).to_string()
                } else {
                    format!("\\x{code:02x}")
                };
                Err(unpickling_error(vm, &format!("invalid load key, '{shown}'.")))
            }
        }
    }

    /// A line argument of at least one byte plus its newline.
    fn line_arg(&mut self) -> PyResult<Vec<u8>> {
        let line = self.input.line(self.vm)?;
        if line.len() < 2 {
            return Err(truncated(self.vm));
        }
        Ok(line)
    }

    fn size8(&mut self, what: &str) -> PyResult<usize> {
        let n = self.input.le_u64(self.vm, 8)?;
        if n > isize::MAX as u64 {
            return Err(self
                .vm
                .overflow_error(format!("{what} exceeds system's maximum size of {} bytes", isize::MAX)));
        }
        Ok(n as usize)
    }

    /// A memo index of GET/PUT (`int()` of the line, as CPython's
    /// `PyLong_FromString`).
    fn parse_index(&mut self, line: &[u8]) -> PyResult<i64> {
        let n = self.int_of(line)?;
        self.vm.to_i64(&n)
    }

    /// `int()` of a line's text, as CPython's `PyLong_FromString` on the
    /// raw bytes (which must be UTF-8 for its error message).
    fn int_of(&self, text: &[u8]) -> PyResult<Obj> {
        let vm = self.vm;
        let s = codecs::decode_bytes(vm, text, Some("utf-8"), None)?;
        vm.call(&vm.ctx.types.int, &[s], None)
    }

    /// FLOAT: the whole line a C double (`PyOS_string_to_double`), a
    /// partial parse "could not convert string to float" without the text.
    fn load_float(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let line = self.line_arg()?;
        let body = &line[..line.len() - 1];
        let text = std::str::from_utf8(body).unwrap_or("");
        if let Some(v) = strtod_whole(text) {
            return self.push(vm.new_float(v));
        }
        let prefix_parses = (1..=body.len())
            .any(|n| body.get(..n).and_then(|b| std::str::from_utf8(b).ok()).and_then(strtod_whole).is_some());
        if prefix_parses {
            return Err(vm.value_error("could not convert string to float"));
        }
        let shown = String::from_utf8_lossy(&line);
        let r = vm.repr_string(&vm.new_str(&shown))?;
        Err(vm.value_error(format!("could not convert string to float: {r}")))
    }

    fn load_get(&mut self, i: i64) -> PyResult<()> {
        let found = usize::try_from(i).ok().and_then(|i| self.memo.get(i));
        match found {
            Some(o) => self.push(o),
            None => Err(unpickling_error(self.vm, &format!("Memo value not found at index {i}"))),
        }
    }

    fn load_int(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let line = self.line_arg()?;
        let body = &line[..line.len() - 1];
        if body == b"00" || body == b"01" {
            return self.push(vm.bool_obj(body == b"01"));
        }
        let text = String::from_utf8_lossy(body);
        let t = text.trim_start();
        let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(vm.value_error("could not convert string to int"));
        }
        let n = vm.call(&vm.ctx.types.int, &[vm.new_str(t)], None)?;
        self.push(n)
    }

    fn load_long(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let line = self.line_arg()?;
        let n = line.len();
        let body = if n > 1 && line[n - 2] == b'L' { &line[..n - 2] } else { &line[..] };
        let v = self.int_of(body)?;
        let _ = vm;
        self.push(v)
    }

    fn load_binlong(&mut self, n: usize) -> PyResult<()> {
        let vm = self.vm;
        let b = self.input.take(vm, n)?;
        let v = if b.len() <= 8 {
            let neg = b.last().is_some_and(|&x| x & 0x80 != 0);
            let mut acc: i64 = if neg { -1 } else { 0 };
            for &x in b.iter().rev() {
                acc = (acc << 8) | x as i64;
            }
            vm.new_int(acc)
        } else {
            vm.new_bigint(num_bigint::BigInt::from_signed_bytes_le(b))
        };
        self.push(v)
    }

    fn load_string(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let line = self.input.line(vm)?;
        let body = &line[..line.len() - 1];
        let quoted = body.len() >= 2 && body[0] == body[body.len() - 1] && (body[0] == b'\'' || body[0] == b'"');
        if !quoted {
            return Err(unpickling_error(vm, "the STRING opcode argument must be quoted"));
        }
        let inner = vm.new_bytes(body[1..body.len() - 1].to_vec());
        let codecs_mod = taipan_vm::api::import::import_module(vm, "codecs")?;
        let escape_decode = vm.getattr_str(&codecs_mod, "escape_decode")?;
        let r = vm.call(&escape_decode, &[inner], None)?;
        let decoded = tuple::items(&r).first().cloned().unwrap_or_else(|| vm.none());
        let b = bytes_of(vm, &decoded)?;
        let s = self.decode_py2_string(b)?;
        self.push(s)
    }

    /// A Python 2 `str`: bytes with encoding 'bytes', else decoded.
    fn decode_py2_string(&mut self, b: Vec<u8>) -> PyResult<Obj> {
        let vm = self.vm;
        let encoding = self.u.encoding.borrow().clone();
        if encoding == "bytes" {
            return Ok(vm.new_bytes(b));
        }
        let errors = self.u.errors.borrow().clone();
        let bytes = vm.new_bytes(b);
        codecs::decode(vm, &bytes, &encoding, Some(&errors))
    }

    fn load_bytes(&mut self, n: usize) -> PyResult<()> {
        let b = self.input.take(self.vm, n)?.to_vec();
        self.push(self.vm.new_bytes(b))
    }

    fn load_unicode(&mut self, n: usize) -> PyResult<()> {
        let vm = self.vm;
        let b = self.input.take(vm, n)?;
        let s = match std::str::from_utf8(b) {
            Ok(s) => vm.new_str(s),
            Err(_) => codecs::decode_bytes(vm, b, Some("utf-8"), Some("surrogatepass"))?,
        };
        self.push(s)
    }

    fn load_tuple_n(&mut self, n: usize) -> PyResult<()> {
        let t = self.pop_tuple(n)?;
        self.push(t)
    }

    fn load_dict(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let m = self.marker()?;
        let items = self.pop_from(m)?;
        if items.len() % 2 != 0 {
            return Err(unpickling_error(vm, "odd number of items for DICT"));
        }
        let d = vm.new_dict();
        for kv in items.chunks(2) {
            dict::set_item(vm, &d, kv[0].clone(), kv[1].clone())?;
        }
        self.push(d)
    }

    fn load_pop(&mut self) -> PyResult<()> {
        let n = self.stack.len();
        if self.marks.last() == Some(&n) {
            self.marks.pop();
            return Ok(());
        }
        if n <= self.fence() {
            return Err(self.underflow());
        }
        self.stack.pop();
        Ok(())
    }

    fn do_append(&mut self, x: usize) -> PyResult<()> {
        let vm = self.vm;
        let n = self.stack.len();
        if x > n || x <= self.fence() {
            return Err(self.underflow());
        }
        if n == x {
            return Ok(());
        }
        let target = self.stack[x - 1].clone();
        let items = self.stack.split_off(x);
        if target.type_is(&vm.ctx.types.list) {
            for o in items {
                taipan_vm::api::list::append(vm, &target, o)?;
            }
            return Ok(());
        }
        if let Some(extend) = vm.getattr_str_opt(&target, "extend")? {
            vm.call(&extend, &[vm.new_list(items)], None)?;
            return Ok(());
        }
        let append = vm.getattr_str(&target, "append")?;
        for o in items {
            vm.call(&append, &[o], None)?;
        }
        Ok(())
    }

    fn do_setitems(&mut self, x: isize) -> PyResult<()> {
        let vm = self.vm;
        let n = self.stack.len() as isize;
        if x > n || x <= self.fence() as isize {
            return Err(self.underflow());
        }
        if n == x {
            return Ok(());
        }
        if (n - x) % 2 != 0 {
            return Err(unpickling_error(vm, "odd number of items for SETITEMS"));
        }
        let target = self.stack[x as usize - 1].clone();
        let items = self.stack.split_off(x as usize);
        let exact = target.type_is(&vm.ctx.types.dict);
        for kv in items.chunks(2) {
            if exact {
                dict::set_item(vm, &target, kv[0].clone(), kv[1].clone())?;
            } else {
                vm.call_method(&target, "__setitem__", &[kv[0].clone(), kv[1].clone()])?;
            }
        }
        Ok(())
    }

    fn load_additems(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let m = self.marker()?;
        let n = self.stack.len();
        if m > n || m <= self.fence() {
            return Err(self.underflow());
        }
        if n == m {
            return Ok(());
        }
        let target = self.stack[m - 1].clone();
        let items = self.stack.split_off(m);
        if target.type_is(&vm.ctx.types.set) {
            vm.call_method(&target, "update", &[vm.new_list(items)])?;
            return Ok(());
        }
        let add = vm.getattr_str(&target, "add")?;
        for o in items {
            vm.call(&add, &[o], None)?;
        }
        Ok(())
    }

    fn find_class(&mut self, module: Obj, name: Obj) -> PyResult<Obj> {
        let vm = self.vm;
        let f = vm.getattr_str(self.me, "find_class")?;
        vm.call(&f, &[module, name], None)
    }

    /// `cls(*args)`, or `cls.__new__(cls)` for a class without
    /// `__getinitargs__` and no arguments (CPython's `instantiate`).
    fn instantiate(&mut self, cls: Obj, args: Vec<Obj>) -> PyResult<Obj> {
        let vm = self.vm;
        if vm.is_type(&cls) && args.is_empty() && vm.getattr_str_opt(&cls, "__getinitargs__")?.is_none() {
            return vm.call_method(&cls, "__new__", std::slice::from_ref(&cls));
        }
        vm.call(&cls, &args, None)
    }

    fn load_inst(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let m = self.marker()?;
        let module = self.line_arg()?;
        let name = self.line_arg()?;
        let module = codecs::decode_bytes(vm, &module[..module.len() - 1], Some("ascii"), None)?;
        let name = codecs::decode_bytes(vm, &name[..name.len() - 1], Some("ascii"), None)?;
        let cls = self.find_class(module, name)?;
        let args = self.pop_from(m)?;
        let o = self.instantiate(cls, args)?;
        self.push(o)
    }

    fn load_obj(&mut self) -> PyResult<()> {
        let m = self.marker()?;
        let mut items = self.pop_from(m)?;
        if items.is_empty() {
            return Err(self.underflow());
        }
        let cls = items.remove(0);
        let o = self.instantiate(cls, items)?;
        self.push(o)
    }

    fn load_newobj(&mut self, with_kwargs: bool) -> PyResult<()> {
        let vm = self.vm;
        let name = if with_kwargs { "NEWOBJ_EX" } else { "NEWOBJ" };
        let kwargs = if with_kwargs { Some(self.pop()?) } else { None };
        let args = self.pop()?;
        let cls = self.pop()?;
        if !vm.is_type(&cls) {
            return Err(unpickling_error(
                vm,
                &format!("{name} class argument must be a type, not {}", cls.class().name()),
            ));
        }
        if tuple_items(vm, &args).is_none() {
            return Err(unpickling_error(
                vm,
                &format!("{name} args argument must be a tuple, not {}", args.class().name()),
            ));
        }
        if let Some(k) = &kwargs {
            if !vm.isinstance_type(k, &vm.ctx.types.dict) {
                return Err(unpickling_error(
                    vm,
                    &format!("{name} kwargs argument must be a dict, not {}", k.class().name()),
                ));
            }
        }
        let new = vm.getattr_str(&cls, "__new__")?;
        let mut all = vec![cls.clone()];
        all.extend(tuple::items(&args).iter().cloned());
        let o = vm.call_with_dict(&new, all, kwargs.as_ref())?;
        self.push(o)
    }

    fn load_build(&mut self) -> PyResult<()> {
        let vm = self.vm;
        if self.stack.len() < 2 || self.stack.len() - 2 < self.fence() {
            return Err(self.underflow());
        }
        let state = self.stack.pop().expect("checked");
        let inst = self.stack[self.stack.len() - 1].clone();
        if let Some(setstate) = vm.getattr_str_opt(&inst, "__setstate__")? {
            vm.call(&setstate, &[state], None)?;
            return Ok(());
        }
        let (state, slotstate) = match tuple_items(vm, &state) {
            Some(items) if items.len() == 2 => (items[0].clone(), Some(items[1].clone())),
            _ => (state, None),
        };
        if !vm.is_none(&state) {
            if !vm.isinstance_type(&state, &vm.ctx.types.dict) {
                return Err(unpickling_error(vm, "state is not a dictionary"));
            }
            let inst_dict = vm.getattr_str(&inst, "__dict__")?;
            for (k, v) in dict_pairs(vm, &state)? {
                let k = if k.type_is(&vm.ctx.types.str) { vm.intern_obj(&k) } else { k };
                vm.call_method(&inst_dict, "__setitem__", &[k, v])?;
            }
        }
        if let Some(slotstate) = slotstate.filter(|s| !vm.is_none(s)) {
            if !vm.isinstance_type(&slotstate, &vm.ctx.types.dict) {
                return Err(unpickling_error(vm, "slot state is not a dictionary"));
            }
            for (k, v) in dict_pairs(vm, &slotstate)? {
                vm.setattr(&inst, &k, &v)?;
            }
        }
        Ok(())
    }

    fn load_extension(&mut self, code: i64) -> PyResult<()> {
        let vm = self.vm;
        if code <= 0 {
            return Err(unpickling_error(vm, "EXT specifies code <= 0"));
        }
        let copyreg = taipan_vm::api::import::import_module(vm, "copyreg")?;
        let cache = vm.getattr_str(&copyreg, "_extension_cache")?;
        let key = vm.new_int(code);
        if let Some(o) = dict::get_item_opt(vm, &cache, &key)? {
            return self.push(o);
        }
        let inverted = vm.getattr_str(&copyreg, "_inverted_registry")?;
        let Some(pair) = dict::get_item_opt(vm, &inverted, &key)? else {
            return Err(vm.value_error(format!("unregistered extension code {code}")));
        };
        let items = tuple_items(vm, &pair).unwrap_or(&[]);
        if items.len() != 2 || pystr::data(&items[0]).is_none() || pystr::data(&items[1]).is_none() {
            return Err(vm.value_error(format!("_inverted_registry[{code}] isn't a 2-tuple of strings")));
        }
        let (m, n) = (items[0].clone(), items[1].clone());
        let o = self.find_class(m, n)?;
        dict::set_item(vm, &cache, key, o.clone())?;
        self.push(o)
    }

    fn persistent_load(&mut self, pid: Obj) -> PyResult<()> {
        let vm = self.vm;
        let Some(f) = self.u.pers_func.get() else {
            return Err(unpickling_error(
                vm,
                "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
            ));
        };
        let o = vm.call(&f, &[pid], None)?;
        self.push(o)
    }
}

/// A C double from the whole of `s` (strtod's syntax: no whitespace, no
/// underscores), or None.
fn strtod_whole(s: &str) -> Option<f64> {
    if s.is_empty()
        || s.contains('_')
        || s.starts_with(|c: char| c.is_whitespace())
        || s.ends_with(|c: char| c.is_whitespace())
    {
        return None;
    }
    s.parse::<f64>().ok()
}

/// The items of a tuple (or tuple subclass); None for anything else.
pub(crate) fn tuple_items<'a>(vm: &Vm, o: &'a Obj) -> Option<&'a [Obj]> {
    vm.isinstance_type(o, &vm.ctx.types.tuple).then(|| tuple::items(o))
}

fn dict_pairs(vm: &Vm, d: &Obj) -> PyResult<Vec<(Obj, Obj)>> {
    if d.type_is(&vm.ctx.types.dict) {
        return Ok(dict::items(d));
    }
    let items = vm.call_method(d, "items", &[])?;
    let mut out = Vec::new();
    for kv in vm.to_vec(&items)? {
        let pair = vm.to_vec(&kv)?;
        if pair.len() == 2 {
            out.push((pair[0].clone(), pair[1].clone()));
        }
    }
    Ok(out)
}

fn payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Unpickler> {
    taipan_vm::api::types::payload_or_err::<Unpickler>(vm, o, UNPICKLER)
}

/// Settings shared by `Unpickler.__init__`, `load` and `loads`.
struct Options {
    fix_imports: bool,
    encoding: String,
    errors: String,
    buffers: Option<Obj>,
}

fn parse_options(
    vm: &Vm,
    fix_imports: Option<&Obj>,
    encoding: Option<&Obj>,
    errors: Option<&Obj>,
    buffers: Option<&Obj>,
) -> PyResult<Options> {
    let str_arg = |o: Option<&Obj>, name: &str, default: &str| -> PyResult<String> {
        match o {
            None => Ok(default.to_string()),
            Some(o) => pystr::as_str(o).map(|s| s.to_string()).ok_or_else(|| {
                vm.type_error(format!("Unpickler() argument '{name}' must be str, not {}", o.class().name()))
            }),
        }
    };
    let buffers = match buffers {
        Some(b) if !vm.is_none(b) => Some(vm.iter(b)?),
        _ => None,
    };
    Ok(Options {
        fix_imports: match fix_imports {
            Some(f) => vm.is_true(f)?,
            None => true,
        },
        encoding: str_arg(encoding, "encoding", "ASCII")?,
        errors: str_arg(errors, "errors", "strict")?,
        buffers,
    })
}

fn apply_options(u: &Unpickler, o: Options) {
    u.fix_imports.set(o.fix_imports);
    *u.encoding.borrow_mut() = o.encoding;
    *u.errors.borrow_mut() = o.errors;
    u.buffers.set(o.buffers);
}

/// Run the machine over `input` with the unpickler object `me`.
fn load_with(vm: &Vm, me: &Obj, input: Input) -> PyResult<Obj> {
    let u = payload(vm, me)?;
    let memo = std::mem::take(&mut *u.memo.borrow_mut());
    let mut m = Machine { vm, me, u, input, stack: Vec::new(), marks: Vec::new(), memo, buffers: u.buffers.get() };
    let r = m.run();
    let memo = std::mem::take(&mut m.memo);
    *u.memo.borrow_mut() = memo;
    r
}

fn unpickler_new(vm: &Vm, cls: &Obj, _args: &[Obj], _kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::support::alloc(vm, cls, UNPICKLER, Unpickler::empty())
}

const INIT_NAMES: &[&str] = &["file", "fix_imports", "encoding", "errors", "buffers"];

fn unpickler_init(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<()> {
    let spec = args::ArgSpec { fname: "Unpickler", names: INIT_NAMES, posonly: 0, required: 1, kwonly_from: 1 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let file = a[0].clone().expect("required");
    let u = payload(vm, me)?;
    let read = vm.getattr_str_opt(&file, "read")?;
    let readline = vm.getattr_str_opt(&file, "readline")?;
    let (Some(read), Some(readline)) = (read, readline) else {
        return Err(vm.type_error("file must have 'read' and 'readline' attributes"));
    };
    let opts = parse_options(vm, a[1].as_ref(), a[2].as_ref(), a[3].as_ref(), a[4].as_ref())?;
    u.read.set(Some(read));
    u.readline.set(Some(readline));
    apply_options(u, opts);
    u.pers_func.set(None);
    if let Some(f) = vm.getattr_str_opt(me, "persistent_load")? {
        u.pers_func.set(Some(f));
    }
    *u.memo.borrow_mut() = Memo::default();
    u.proto.set(0);
    u.initialized.set(true);
    Ok(())
}

fn unpickler_load(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    crate::clinic::none(vm, "load", args, kwnames)?;
    let u = payload(vm, me)?;
    if !u.initialized.get() {
        return Err(unpickling_error(
            vm,
            &format!("Unpickler.__init__() was not called by {}.__init__()", me.class().name()),
        ));
    }
    let input = Input { data: Vec::new(), pos: 0, read: u.read.get(), readline: u.readline.get() };
    load_with(vm, me, input)
}

/// The default `find_class`: `fix_imports` renames for protocols < 3,
/// then `__import__(module)` and the (dotted, from protocol 4) attribute.
fn unpickler_find_class(vm: &Vm, me: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let [module, name] = args::exact::<2>(vm, "find_class", args, kwnames)?;
    let u = payload(vm, me)?;
    let proto = u.proto.get();
    let (mut module, mut name) = (module, name);
    if proto < 3 && u.fix_imports.get() {
        let key = vm.new_tuple(vec![module.clone(), name.clone()]);
        if let Some(pair) = compat_mapping(vm, "NAME_MAPPING", &key)? {
            let items = tuple_items(vm, &pair).unwrap_or(&[]);
            if items.len() != 2 {
                return Err(vm.runtime_error(format!(
                    "_compat_pickle.NAME_MAPPING values should be 2-tuples, not {}",
                    pair.class().name()
                )));
            }
            module = items[0].clone();
            name = items[1].clone();
        } else if let Some(m) = compat_mapping(vm, "IMPORT_MAPPING", &module)? {
            module = m;
        }
    }
    super::audit_find_class(vm, &module, &name)?;
    let import = vm.getattr_str(&vm.builtins_module(), "__import__")?;
    vm.call(&import, &[module.clone()], None)?;
    let modules = vm.getattr_str(&vm.sys_module(), "modules")?;
    let m = vm.call_method(&modules, "__getitem__", &[module])?;
    super::get_attribute(vm, &m, &name, proto >= 4)
}

fn memo_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    payload(vm, me)?;
    super::new_memo_proxy(vm, UNPICKLER_MEMO_PROXY, me)
}

/// `{index: object}` of the memo.
pub(crate) fn memo_copy(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    let u = payload(vm, me)?;
    let entries = u.memo.borrow().entries();
    let d = vm.new_dict();
    for (i, o) in entries {
        dict::set_item(vm, &d, vm.new_usize(i), o)?;
    }
    Ok(d)
}

pub(crate) fn memo_clear(vm: &Vm, me: &Obj) -> PyResult<()> {
    let u = payload(vm, me)?;
    let old = std::mem::take(&mut *u.memo.borrow_mut());
    drop(old);
    Ok(())
}

fn memo_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let Some(v) = v else { return Err(vm.type_error("attribute deletion is not supported")) };
    let u = payload(vm, me)?;
    let source = if let Some(owner) = super::memo_proxy_owner(vm, v, UNPICKLER_MEMO_PROXY) {
        memo_copy(vm, &owner)?
    } else if vm.isinstance_type(v, &vm.ctx.types.dict) {
        v.clone()
    } else {
        return Err(vm.type_error(format!(
            "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
            v.class().name()
        )));
    };
    let mut memo = Memo::default();
    for (k, o) in dict_pairs(vm, &source)? {
        let Some(iv) = int::value(&k) else { return Err(vm.type_error("memo key must be integers")) };
        let i = match iv.as_i64() {
            Some(i) if i >= 0 => i as usize,
            _ => return Err(vm.value_error("memo key must be positive integers.")),
        };
        memo.put(vm, i, o)?;
    }
    *u.memo.borrow_mut() = memo;
    Ok(())
}

fn persistent_load_get(vm: &Vm, me: &Obj) -> PyResult<Obj> {
    payload(vm, me)?.pers_func.get().ok_or_else(|| vm.attribute_error("persistent_load"))
}

fn persistent_load_set(vm: &Vm, me: &Obj, v: Option<&Obj>) -> PyResult<()> {
    let u = payload(vm, me)?;
    match v {
        None => {
            if u.pers_func.take().is_none() {
                return Err(vm.attribute_error("persistent_load"));
            }
        }
        Some(f) => {
            if !vm.is_callable(f) {
                return Err(vm.type_error("persistent_load must be a callable taking one argument"));
            }
            u.pers_func.set(Some(f.clone()));
        }
    }
    Ok(())
}

const METHODS: &[MethodDef] = &[
    MethodDef {
        doc: Some("load($self, /)\n--\n\nLoad a pickle.\n\nRead a pickled object representation from the open file object given\nin the constructor, and return the reconstituted object hierarchy\nspecified therein."),
        ..MethodDef::method("load", unpickler_load)
    },
    MethodDef {
        doc: Some("find_class($self, module_name, global_name, /)\n--\n\nReturn an object from a specified module.\n\nIf necessary, the module will be imported. Subclasses may override\nthis method (e.g. to restrict unpickling of arbitrary classes and\nfunctions).\n\nThis method is called whenever a class or a function object is\nneeded.  Both arguments passed are str objects."),
        ..MethodDef::method("find_class", unpickler_find_class)
    },
];

const GETSETS: &[GetSetDef] = &[
    GetSetDef::new("memo", memo_get, Some(memo_set)),
    GetSetDef::new("persistent_load", persistent_load_get, Some(persistent_load_set)),
];

pub(crate) const UNPICKLER_DOC: &str = "Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict',\n          buffers=())\n--\n\nThis takes a binary file for reading a pickle data stream.\n\nThe protocol version of the pickle is detected automatically, so no\nprotocol argument is needed.  Bytes past the pickled object's\nrepresentation are ignored.\n\nThe argument *file* must have two methods, a read() method that takes\nan integer argument, and a readline() method that requires no\narguments.  Both methods should return bytes.  Thus *file* can be a\nbinary file object opened for reading, an io.BytesIO object, or any\nother custom object that meets this interface.\n\nOptional keyword arguments are *fix_imports*, *encoding* and *errors*,\nwhich are used to control compatibility support for pickle stream\ngenerated by Python 2.  If *fix_imports* is True, pickle will try to\nmap the old Python 2 names to the new names used in Python 3.  The\n*encoding* and *errors* tell pickle how to decode 8-bit string\ninstances pickled by Python 2; these default to 'ASCII' and 'strict',\nrespectively.  The *encoding* can be 'bytes' to read these 8-bit\nstring instances as bytes objects.";

pub(crate) fn make_type(vm: &Vm) -> Obj {
    let spec = TypeSpec {
        name: UNPICKLER,
        flags: taipan_vm::api::types::flags::BASETYPE,
        gc: true,
        methods: METHODS,
        getsets: GETSETS,
        doc: Some(UNPICKLER_DOC),
        ..Default::default()
    };
    taipan_vm::api::types::new_type::<Unpickler>(vm, &spec, |s| {
        s.new.set(Some(unpickler_new));
        s.init.set(Some(unpickler_init));
    })
}

const LOAD_NAMES: &[&str] = &["file", "fix_imports", "encoding", "errors", "buffers"];

/// A plain Unpickler over `input`, with the module functions' options.
fn load_input(vm: &Vm, input: Input, a: &[Option<Obj>]) -> PyResult<Obj> {
    let opts = parse_options(vm, a[1].as_ref(), a[2].as_ref(), a[3].as_ref(), a[4].as_ref())?;
    let Some(ty) = crate::support::module_type(vm, UNPICKLER) else {
        return Err(vm.system_error("_pickle.Unpickler is not initialised"));
    };
    let me = crate::support::alloc(vm, &ty, UNPICKLER, Unpickler::empty())?;
    let u = payload(vm, &me)?;
    apply_options(u, opts);
    u.initialized.set(true);
    load_with(vm, &me, input)
}

pub(crate) fn py_load(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let spec = args::ArgSpec { fname: "load", names: LOAD_NAMES, posonly: 0, required: 1, kwonly_from: 1 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let file = a[0].clone().expect("required");
    let read = vm.getattr_str_opt(&file, "read")?;
    let readline = vm.getattr_str_opt(&file, "readline")?;
    let (Some(read), Some(readline)) = (read, readline) else {
        return Err(vm.type_error("file must have 'read' and 'readline' attributes"));
    };
    load_input(vm, Input { data: Vec::new(), pos: 0, read: Some(read), readline: Some(readline) }, &a)
}

pub(crate) fn py_loads(vm: &Vm, _m: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult<Obj> {
    let names: &[&str] = &["", "fix_imports", "encoding", "errors", "buffers"];
    let spec = args::ArgSpec { fname: "loads", names, posonly: 1, required: 1, kwonly_from: 1 };
    let a = args::parse_spec(vm, &spec, args, kwnames)?;
    let data = a[0].clone().expect("required");
    if pystr::data(&data).is_some() {
        return Err(vm.type_error("a bytes-like object is required, not 'str'"));
    }
    let bytes = bytes_of(vm, &data)?;
    load_input(vm, Input { data: bytes, pos: 0, read: None, readline: None }, &a)
}
