//! The marshal format (CPython's `Python/marshal.c`), version 4: how code
//! objects and their constants are written to `.pyc` files and read back.
//! The `marshal` module (taipan-stdlib) is its face; the import system
//! reads `.pyc` files through it.
//!
//! Reading never trusts the data: every size is checked against what is
//! left, nesting is limited, and a code object goes through the same
//! validation as `types.CodeType(...)` before anything can run it.

use std::borrow::Cow;

use num_bigint::{BigInt, Sign};

use crate::object::Obj;
use crate::objects::code::{code_from_parts, code_of, CodeParts};
use crate::objects::{bytes, complex, dict, float, int, list, set, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

/// The version `marshal.dumps` writes by default (`marshal.version`).
pub const VERSION: i32 = 4;

/// CPython's MAX_MARSHAL_STACK_DEPTH.
const MAX_DEPTH: usize = 2000;

const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
const TYPE_INT64: u8 = b'I';
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_CODE: u8 = b'c';
const TYPE_UNICODE: u8 = b'u';
const TYPE_UNKNOWN: u8 = b'?';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';
const FLAG_REF: u8 = 0x80;

const SIZE32_MAX: i64 = 0x7FFF_FFFF;

// ---- writing ------------------------------------------------------------------------------------

/// Why a write failed (CPython's WFERR_*): reported once, at the end, as
/// CPython does.
enum WriteError {
    Unmarshallable,
    TooDeep,
}

struct Writer<'v> {
    vm: &'v Vm,
    out: Vec<u8>,
    version: i32,
    depth: usize,
    /// Objects written with FLAG_REF, by address, with their index; the
    /// objects are kept alive so an address cannot be reused meanwhile.
    refs: std::collections::HashMap<usize, (u32, Obj)>,
}

/// `marshal.dumps(value, version)`.
pub fn dumps(vm: &Vm, value: &Obj, version: i32) -> PyResult<Vec<u8>> {
    let mut w = Writer { vm, out: Vec::with_capacity(64), version, depth: 0, refs: Default::default() };
    match w.object(value) {
        Ok(()) => Ok(w.out),
        Err(WriteError::Unmarshallable) => Err(vm.value_error("unmarshallable object")),
        Err(WriteError::TooDeep) => Err(vm.value_error("object too deeply nested to marshal")),
    }
}

impl Writer<'_> {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn long(&mut self, x: i32) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn size(&mut self, n: usize) -> Result<(), WriteError> {
        if n as i64 > SIZE32_MAX {
            return Err(WriteError::Unmarshallable);
        }
        self.long(n as i32);
        Ok(())
    }

    fn pstring(&mut self, s: &[u8]) -> Result<(), WriteError> {
        self.size(s.len())?;
        self.out.extend_from_slice(s);
        Ok(())
    }

    fn object(&mut self, v: &Obj) -> Result<(), WriteError> {
        self.object_held(v, 0)
    }

    /// Writes `v`, of which the writer itself holds `held` extra references
    /// (items copied out of a list or dict): an object referenced only by
    /// its container is not shared, so it gets no FLAG_REF, as in CPython.
    fn object_held(&mut self, v: &Obj, held: isize) -> Result<(), WriteError> {
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH { Err(WriteError::TooDeep) } else { self.object_inner(v, held) };
        self.depth -= 1;
        r
    }

    fn object_inner(&mut self, v: &Obj, held: isize) -> Result<(), WriteError> {
        let vm = self.vm;
        let singleton = if vm.is_none(v) {
            Some(TYPE_NONE)
        } else if v.is(&vm.ctx.exceptions.stop_iteration) {
            Some(TYPE_STOPITER)
        } else if v.is(&vm.ctx.ellipsis) {
            Some(TYPE_ELLIPSIS)
        } else if v.is(&vm.ctx.false_) {
            Some(TYPE_FALSE)
        } else if v.is(&vm.ctx.true_) {
            Some(TYPE_TRUE)
        } else {
            None
        };
        if let Some(t) = singleton {
            self.byte(t);
            return Ok(());
        }
        let mut flag = 0;
        if self.version >= 3 && v.refcnt() - held != 1 {
            let key = v.as_ptr() as usize;
            if let Some(&(index, _)) = self.refs.get(&key) {
                self.byte(TYPE_REF);
                self.long(index as i32);
                return Ok(());
            }
            let index = self.refs.len();
            if index as i64 >= SIZE32_MAX {
                return Err(WriteError::Unmarshallable);
            }
            self.refs.insert(key, (index as u32, v.clone()));
            flag = FLAG_REF;
        }
        self.complex_object(v, flag)
    }

    fn complex_object(&mut self, v: &Obj, flag: u8) -> Result<(), WriteError> {
        let vm = self.vm;
        let types = &vm.ctx.types;
        if v.type_is(&types.int) {
            let value = int::value(v).expect("an int");
            match value.as_i64() {
                Some(x) if i32::try_from(x).is_ok() => {
                    self.byte(TYPE_INT | flag);
                    self.long(x as i32);
                }
                _ => self.long_digits(&value.to_big(), flag)?,
            }
        } else if v.type_is(&types.float) {
            let x = float::value(v).expect("a float");
            if self.version > 1 {
                self.byte(TYPE_BINARY_FLOAT | flag);
                self.out.extend_from_slice(&x.to_le_bytes());
            } else {
                self.byte(TYPE_FLOAT | flag);
                self.float_str(x);
            }
        } else if v.type_is(&types.complex) {
            let (re, im) = complex::parts(v);
            if self.version > 1 {
                self.byte(TYPE_BINARY_COMPLEX | flag);
                self.out.extend_from_slice(&re.to_le_bytes());
                self.out.extend_from_slice(&im.to_le_bytes());
            } else {
                self.byte(TYPE_COMPLEX | flag);
                self.float_str(re);
                self.float_str(im);
            }
        } else if v.type_is(&types.bytes) {
            self.byte(TYPE_STRING | flag);
            self.pstring(bytes::as_bytes_ref(v).expect("bytes"))?;
        } else if v.type_is(&types.str) {
            self.str_object(v, flag)?;
        } else if v.type_is(&types.tuple) {
            let items = tuple::items(v);
            if self.version >= 4 && items.len() < 256 {
                self.byte(TYPE_SMALL_TUPLE | flag);
                self.byte(items.len() as u8);
            } else {
                self.byte(TYPE_TUPLE | flag);
                self.size(items.len())?;
            }
            for item in items {
                self.object(item)?;
            }
        } else if v.type_is(&types.list) {
            let items = list::data(v).expect("a list").to_vec();
            self.byte(TYPE_LIST | flag);
            self.size(items.len())?;
            for item in &items {
                self.object_held(item, 1)?;
            }
        } else if v.type_is(&types.dict) {
            self.byte(TYPE_DICT | flag);
            for (k, val) in dict::items(v) {
                self.object_held(&k, 1)?;
                self.object_held(&val, 1)?;
            }
            self.byte(TYPE_NULL);
        } else if v.type_is(&types.set) || v.type_is(&types.frozenset) {
            let keys = self.sorted_set_items(&set::data(v).expect("a set").keys())?;
            self.byte(if v.type_is(&types.set) { TYPE_SET } else { TYPE_FROZENSET } | flag);
            self.size(keys.len())?;
            for k in &keys {
                self.object_held(k, 1)?;
            }
        } else if v.type_is(&types.code) {
            self.code(v, flag)?;
        } else if crate::objects::buffer::is_bytes_like(v) {
            // Other bytes-like objects are written as bytes.
            let data =
                crate::objects::buffer::with_bytes(vm, v, |b| b.to_vec()).map_err(|_| WriteError::Unmarshallable)?;
            self.byte(TYPE_STRING | flag);
            self.pstring(&data)?;
        } else if let Some(data) = self.buffer_bytes(v) {
            // Any other object with a buffer (array.array, ...), as
            // CPython's `PyObject_CheckBuffer` branch.
            self.byte(TYPE_STRING | flag);
            self.pstring(&data)?;
        } else {
            self.byte(TYPE_UNKNOWN | flag);
            return Err(WriteError::Unmarshallable);
        }
        Ok(())
    }

    /// The bytes of an object exporting a buffer that native code does not
    /// see directly (through `memoryview(v).tobytes()`); None without one.
    fn buffer_bytes(&self, v: &Obj) -> Option<Vec<u8>> {
        let vm = self.vm;
        let view = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(v), None).ok()?;
        let data = vm.call_method(&view, "tobytes", &[]).ok();
        let _ = vm.call_method(&view, "release", &[]);
        bytes::as_bytes_ref(&data?).map(<[u8]>::to_vec)
    }

    /// A set's items in the order of their own marshalled bytes, so the
    /// output does not depend on hash order (CPython 3.11 sorts them so).
    fn sorted_set_items(&self, keys: &[Obj]) -> Result<Vec<Obj>, WriteError> {
        let mut pairs = Vec::with_capacity(keys.len());
        for k in keys {
            let mut w = Writer {
                vm: self.vm,
                out: Vec::new(),
                version: self.version,
                depth: self.depth,
                refs: Default::default(),
            };
            // `keys` holds a reference of its own, as in the final write.
            w.object_held(k, 1)?;
            pairs.push((w.out, k.clone()));
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(pairs.into_iter().map(|(_, k)| k).collect())
    }

    /// An int outside 32 bits: its magnitude in base 2**15 digits, least
    /// significant first, the count signed with the number.
    fn long_digits(&mut self, v: &BigInt, flag: u8) -> Result<(), WriteError> {
        self.byte(TYPE_LONG | flag);
        let (sign, mag) = v.to_u32_digits();
        let mut digits: Vec<u16> = Vec::new();
        let mut acc: u64 = 0;
        let mut bits = 0;
        for word in mag {
            acc |= (word as u64) << bits;
            bits += 32;
            while bits >= 15 {
                digits.push((acc & 0x7fff) as u16);
                acc >>= 15;
                bits -= 15;
            }
        }
        if bits > 0 {
            digits.push((acc & 0x7fff) as u16);
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.len() as i64 > SIZE32_MAX {
            return Err(WriteError::Unmarshallable);
        }
        let n = digits.len() as i32;
        self.long(if sign == Sign::Minus { -n } else { n });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
        Ok(())
    }

    fn float_str(&mut self, x: f64) {
        let text = taipan_format::double_to_string(x, 'g', 17, taipan_format::DtsFlags::default());
        self.byte(text.len() as u8);
        self.out.extend_from_slice(text.as_bytes());
    }

    fn str_object(&mut self, v: &Obj, flag: u8) -> Result<(), WriteError> {
        let d = pystr::data(v).expect("a str");
        // The empty string is a singleton CPython interns.
        let interned = d.interned.get() || d.is_empty();
        if self.version >= 4 && d.is_ascii() {
            let text = d.as_str().expect("ascii text").as_bytes().to_vec();
            if text.len() < 256 {
                self.byte(if interned { TYPE_SHORT_ASCII_INTERNED } else { TYPE_SHORT_ASCII } | flag);
                self.byte(text.len() as u8);
                self.out.extend_from_slice(&text);
            } else {
                self.byte(if interned { TYPE_ASCII_INTERNED } else { TYPE_ASCII } | flag);
                self.pstring(&text)?;
            }
            return Ok(());
        }
        let utf8 = crate::codecs::encode_str(self.vm, v, Some("utf-8"), Some("surrogatepass"))
            .map_err(|_| WriteError::Unmarshallable)?;
        self.byte(if self.version >= 3 && interned { TYPE_INTERNED } else { TYPE_UNICODE } | flag);
        self.pstring(&utf8)
    }

    /// A tuple field of a code object, which the code object keeps as a
    /// slice: written as CPython writes its (unshared) tuple.
    fn code_tuple(&mut self, items: &[Obj]) -> Result<(), WriteError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(WriteError::TooDeep);
        }
        if self.version >= 4 && items.len() < 256 {
            self.byte(TYPE_SMALL_TUPLE);
            self.byte(items.len() as u8);
        } else {
            self.byte(TYPE_TUPLE);
            self.size(items.len())?;
        }
        let r = items.iter().try_for_each(|item| self.object(item));
        self.depth -= 1;
        r
    }

    fn code(&mut self, v: &Obj, flag: u8) -> Result<(), WriteError> {
        let vm = self.vm;
        let c = code_of(v);
        self.byte(TYPE_CODE | flag);
        self.long(c.co.argcount as i32);
        self.long(c.co.posonlyargcount as i32);
        self.long(c.co.kwonlyargcount as i32);
        self.long(c.co.stacksize as i32);
        self.long(c.co.flags as i32);
        self.object(&vm.new_bytes(c.co.code.clone()))?;
        self.code_tuple(&c.consts)?;
        self.code_tuple(&c.names)?;
        self.code_tuple(&c.localsplusnames)?;
        self.object(&vm.new_bytes(c.localspluskinds.to_vec()))?;
        self.object(&c.filename())?;
        self.object(&c.name.clone())?;
        self.object(&c.qualname.clone())?;
        self.long(c.co.firstlineno as i32);
        self.object(&vm.new_bytes(c.co.linetable.clone()))?;
        self.object(&vm.new_bytes(c.co.exceptiontable.clone()))
    }
}

// ---- reading ------------------------------------------------------------------------------------

/// Where the bytes come from: a buffer (`loads`) or a file object's
/// `readinto` (`load`, which must leave the file right after the object).
enum Source<'a> {
    Bytes { data: &'a [u8], pos: usize },
    File(Obj),
}

struct Reader<'v, 'a> {
    vm: &'v Vm,
    src: Source<'a>,
    depth: usize,
    /// Objects read with FLAG_REF; None while one is being built.
    refs: Vec<Option<Obj>>,
}

/// `marshal.loads(data)`: the object and how many bytes it took.
pub fn loads(vm: &Vm, data: &[u8]) -> PyResult<(Obj, usize)> {
    let mut r = Reader { vm, src: Source::Bytes { data, pos: 0 }, depth: 0, refs: Vec::new() };
    let v = r.read_object()?;
    let used = match r.src {
        Source::Bytes { pos, .. } => pos,
        Source::File(_) => 0,
    };
    Ok((v, used))
}

/// `marshal.load(file)`: reads exactly the object's bytes from the file.
pub fn load(vm: &Vm, file: &Obj) -> PyResult<Obj> {
    let mut r = Reader { vm, src: Source::File(file.clone()), depth: 0, refs: Vec::new() };
    r.read_object()
}

/// A str read as valid UTF-8 text: straight from the bytes (no code point
/// copy), interned through the interpreter's table when marked so.
fn text_object(vm: &Vm, text: &str, interned: bool) -> Obj {
    if interned {
        vm.intern(text)
    } else {
        vm.new_str(text)
    }
}

impl<'a> Reader<'_, 'a> {
    fn read_object(&mut self) -> PyResult<Obj> {
        match self.object()? {
            Some(v) => Ok(v),
            None => Err(self.vm.type_error("NULL object in marshal data for object")),
        }
    }

    /// `n` bytes; EOFError when the data is shorter. From a buffer they
    /// are borrowed: start-up reads tens of thousands of small fields.
    #[inline]
    fn bytes(&mut self, n: usize) -> PyResult<Cow<'a, [u8]>> {
        match self.src {
            Source::Bytes { data, ref mut pos } => {
                if data.len() - *pos < n {
                    return Err(self.vm.eof_error("marshal data too short"));
                }
                let out = &data[*pos..*pos + n];
                *pos += n;
                Ok(Cow::Borrowed(out))
            }
            Source::File(ref f) => {
                let f = f.clone();
                self.read_file(&f, n).map(Cow::Owned)
            }
        }
    }

    fn read_file(&self, f: &Obj, n: usize) -> PyResult<Vec<u8>> {
        let vm = self.vm;
        if n == 0 {
            return Ok(Vec::new());
        }
        let mut buf = Vec::new();
        buf.try_reserve_exact(n).map_err(|_| vm.memory_error())?;
        buf.resize(n, 0);
        let ba = vm.new_bytearray(buf);
        let mv = vm.call(&vm.ctx.types.memoryview, std::slice::from_ref(&ba), None)?;
        let res = vm.call_method(f, "readinto", &[mv])?;
        let read = vm.index_to_isize(&res)?;
        if read != n as isize {
            if read > n as isize {
                return Err(
                    vm.value_error(format!("read() returned too much data: {n} bytes requested, {read} returned"))
                );
            }
            return Err(vm.eof_error("EOF read where not expected"));
        }
        Ok(crate::objects::bytearray::data(&ba).map(|d| d.with(|v| v.to_vec())).unwrap_or_default())
    }

    #[inline]
    fn byte(&mut self) -> PyResult<Option<u8>> {
        if let Source::Bytes { data, pos } = &mut self.src {
            let b = data.get(*pos).copied();
            if b.is_some() {
                *pos += 1;
            }
            return Ok(b);
        }
        match self.bytes(1) {
            Ok(b) => Ok(Some(b[0])),
            Err(e) if self.vm.err_matches(&e, &self.vm.ctx.exceptions.eof_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    #[inline]
    fn byte_or_eof(&mut self) -> PyResult<u8> {
        self.byte()?.ok_or_else(|| self.vm.eof_error("EOF read where object expected"))
    }

    #[inline]
    fn long(&mut self) -> PyResult<i32> {
        let b = self.bytes(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    #[inline]
    fn size(&mut self, what: &str) -> PyResult<usize> {
        let n = self.long()?;
        if n < 0 {
            return Err(self.vm.value_error(format!("bad marshal data ({what} size out of range)")));
        }
        Ok(n as usize)
    }

    /// A size read from the data, checked against the bytes left, so a
    /// corrupt size cannot make us allocate gigabytes.
    #[inline]
    fn check_available(&self, n: usize) -> PyResult<()> {
        if let Source::Bytes { data, pos } = &self.src {
            if data.len() - pos < n {
                return Err(self.vm.eof_error("marshal data too short"));
            }
        }
        Ok(())
    }

    fn object(&mut self) -> PyResult<Option<Obj>> {
        let code = self.byte_or_eof()?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.vm.value_error("recursion limit exceeded"));
        }
        let ty = code & !FLAG_REF;
        // Only containers read objects in turn: the Rust stack is guarded
        // for them alone (start-up reads tens of thousands of leaves).
        let r = if matches!(
            ty,
            TYPE_SMALL_TUPLE | TYPE_TUPLE | TYPE_LIST | TYPE_DICT | TYPE_SET | TYPE_FROZENSET | TYPE_CODE
        ) {
            self.vm.with_native_depth(|| self.object_of_type(ty, code & FLAG_REF != 0))
        } else {
            self.object_of_type(ty, code & FLAG_REF != 0)
        };
        self.depth -= 1;
        r
    }

    /// Registers `v` as the next reference when the flag says so.
    #[inline]
    fn keep(&mut self, v: Obj, flag: bool) -> Obj {
        if flag {
            self.refs.push(Some(v.clone()));
        }
        v
    }

    fn reserve(&mut self, flag: bool) -> PyResult<Option<usize>> {
        if !flag {
            return Ok(None);
        }
        if self.refs.len() as i64 >= 0x7fff_fffe {
            return Err(self.vm.value_error("bad marshal data (index list too large)"));
        }
        self.refs.push(None);
        Ok(Some(self.refs.len() - 1))
    }

    fn fill(&mut self, slot: Option<usize>, v: &Obj) {
        if let Some(i) = slot {
            self.refs[i] = Some(v.clone());
        }
    }

    fn object_of_type(&mut self, ty: u8, flag: bool) -> PyResult<Option<Obj>> {
        let vm = self.vm;
        let v = match ty {
            TYPE_NULL => return Ok(None),
            TYPE_NONE => vm.none(),
            TYPE_STOPITER => vm.ctx.exceptions.stop_iteration.clone(),
            TYPE_ELLIPSIS => vm.ctx.ellipsis.clone(),
            TYPE_FALSE => vm.ctx.false_.clone(),
            TYPE_TRUE => vm.ctx.true_.clone(),
            TYPE_INT => {
                let n = self.long()?;
                self.keep(vm.new_int(n as i64), flag)
            }
            TYPE_INT64 => {
                let b = self.bytes(8)?;
                let n = i64::from_le_bytes(<[u8; 8]>::try_from(&b[..]).expect("8 bytes"));
                self.keep(vm.new_int(n), flag)
            }
            TYPE_LONG => {
                let v = self.long_digits()?;
                self.keep(v, flag)
            }
            TYPE_FLOAT => {
                let x = self.float_str()?;
                self.keep(vm.new_float(x), flag)
            }
            TYPE_BINARY_FLOAT => {
                let x = self.float_bin()?;
                self.keep(vm.new_float(x), flag)
            }
            TYPE_COMPLEX => {
                let re = self.float_str()?;
                let im = self.float_str()?;
                self.keep(vm.new_complex(re, im), flag)
            }
            TYPE_BINARY_COMPLEX => {
                let re = self.float_bin()?;
                let im = self.float_bin()?;
                self.keep(vm.new_complex(re, im), flag)
            }
            TYPE_STRING => {
                let n = self.size("bytes object")?;
                self.check_available(n)?;
                let b = self.bytes(n)?.into_owned();
                self.keep(vm.new_bytes(b), flag)
            }
            TYPE_ASCII | TYPE_ASCII_INTERNED | TYPE_SHORT_ASCII | TYPE_SHORT_ASCII_INTERNED => {
                let n = if ty == TYPE_ASCII || ty == TYPE_ASCII_INTERNED {
                    self.size("string")?
                } else {
                    self.byte_or_eof()? as usize
                };
                self.check_available(n)?;
                let b = self.bytes(n)?;
                let interned = ty == TYPE_ASCII_INTERNED || ty == TYPE_SHORT_ASCII_INTERNED;
                let s = match std::str::from_utf8(&b) {
                    Ok(text) if b.is_ascii() => text_object(vm, text, interned),
                    _ => {
                        // Latin-1, as CPython reads these bytes (1-byte kind).
                        let cps: Vec<u32> = b.iter().map(|&c| c as u32).collect();
                        let s = vm.new_str_from_code_points(&cps);
                        if interned {
                            vm.intern_obj(&s)
                        } else {
                            s
                        }
                    }
                };
                self.keep(s, flag)
            }
            TYPE_INTERNED | TYPE_UNICODE => {
                let n = self.size("string")?;
                self.check_available(n)?;
                let b = self.bytes(n)?;
                let interned = ty == TYPE_INTERNED;
                let s = match std::str::from_utf8(&b) {
                    Ok(text) => text_object(vm, text, interned),
                    // Lone surrogates (written with surrogatepass).
                    Err(_) => {
                        let s = crate::codecs::decode_bytes(vm, &b, Some("utf-8"), Some("surrogatepass"))?;
                        if interned {
                            vm.intern_obj(&s)
                        } else {
                            s
                        }
                    }
                };
                self.keep(s, flag)
            }
            TYPE_SMALL_TUPLE | TYPE_TUPLE => {
                let n = if ty == TYPE_SMALL_TUPLE { self.byte_or_eof()? as usize } else { self.size("tuple")? };
                let slot = self.reserve(flag)?;
                let items = self.items(n, "tuple")?;
                let t = vm.new_tuple(items);
                self.fill(slot, &t);
                t
            }
            TYPE_LIST => {
                let n = self.size("list")?;
                let l = self.keep(vm.new_list(Vec::new()), flag);
                for _ in 0..n {
                    let item = self.item("list")?;
                    list::try_append(vm, &l, item)?;
                }
                l
            }
            TYPE_DICT => {
                let d = self.keep(vm.new_dict(), flag);
                loop {
                    let Some(k) = self.object()? else { break };
                    let Some(v) = self.object()? else { break };
                    dict::set_item(vm, &d, k, v)?;
                }
                d
            }
            TYPE_SET | TYPE_FROZENSET => {
                let n = self.size("set")?;
                if ty == TYPE_SET {
                    let s = self.keep(vm.new_set(), flag);
                    for _ in 0..n {
                        let item = self.item("set")?;
                        set::data(&s).expect("a set").add(vm, item)?;
                    }
                    s
                } else {
                    let slot = self.reserve(flag)?;
                    let items = self.items(n, "set")?;
                    let s = vm.new_frozenset(items)?;
                    self.fill(slot, &s);
                    s
                }
            }
            TYPE_CODE => {
                let slot = self.reserve(flag)?;
                let c = self.code()?;
                self.fill(slot, &c);
                c
            }
            TYPE_REF => {
                let n = self.long()?;
                match usize::try_from(n).ok().and_then(|i| self.refs.get(i)).cloned().flatten() {
                    Some(v) => v,
                    None => return Err(vm.value_error("bad marshal data (invalid reference)")),
                }
            }
            _ => return Err(vm.value_error("bad marshal data (unknown type code)")),
        };
        Ok(Some(v))
    }

    fn item(&mut self, what: &str) -> PyResult<Obj> {
        match self.object()? {
            Some(v) => Ok(v),
            None => Err(self.vm.type_error(format!("NULL object in marshal data for {what}"))),
        }
    }

    fn items(&mut self, n: usize, what: &str) -> PyResult<Vec<Obj>> {
        // Each item takes at least a byte: a corrupt count cannot make us
        // reserve more than the data could hold.
        let left = match &self.src {
            Source::Bytes { data, pos } => data.len() - pos,
            Source::File(_) => 1 << 16,
        };
        let mut items = Vec::new();
        items.try_reserve(n.min(left)).map_err(|_| self.vm.memory_error())?;
        for _ in 0..n {
            items.push(self.item(what)?);
        }
        Ok(items)
    }

    fn float_bin(&mut self) -> PyResult<f64> {
        let b = self.bytes(8)?;
        Ok(f64::from_le_bytes(<[u8; 8]>::try_from(&b[..]).expect("8 bytes")))
    }

    fn float_str(&mut self) -> PyResult<f64> {
        let n = self.byte_or_eof()? as usize;
        let b = self.bytes(n)?;
        let text = String::from_utf8_lossy(&b).into_owned();
        taipan_format::parse_float(&text)
            .ok_or_else(|| self.vm.value_error(format!("could not convert string to float: '{text}'")))
    }

    fn long_digits(&mut self) -> PyResult<Obj> {
        let vm = self.vm;
        let n = self.long()? as i64;
        if n == 0 {
            return Ok(vm.new_int(0));
        }
        if !(-SIZE32_MAX..=SIZE32_MAX).contains(&n) {
            return Err(vm.value_error("bad marshal data (long size out of range)"));
        }
        let count = n.unsigned_abs() as usize;
        self.check_available(count.saturating_mul(2))?;
        let mut mag = BigInt::from(0);
        let mut digits = Vec::with_capacity(count);
        for i in 0..count {
            let b = self.bytes(2)?;
            let d = i16::from_le_bytes([b[0], b[1]]);
            if !(0..=0x7fff).contains(&d) && d != i16::MIN {
                return Err(vm.value_error("bad marshal data (digit out of range in long)"));
            }
            // CPython accepts a digit equal to the base (2**15) too.
            let d = if d == i16::MIN { 0x8000u32 } else { d as u32 };
            if d == 0 && i == count - 1 {
                return Err(vm.value_error("bad marshal data (unnormalized long data)"));
            }
            digits.push(d);
        }
        for &d in digits.iter().rev() {
            mag = (mag << 15u32) + BigInt::from(d);
        }
        Ok(vm.new_bigint(if n < 0 { -mag } else { mag }))
    }

    fn code(&mut self) -> PyResult<Obj> {
        let vm = self.vm;
        let argcount = self.long()? as i64;
        let posonlyargcount = self.long()? as i64;
        let kwonlyargcount = self.long()? as i64;
        let stacksize = self.long()? as i64;
        let flags = self.long()? as i64;
        let code = self.code_field(TYPE_STRING)?;
        let consts = self.code_field(TYPE_SMALL_TUPLE)?;
        let names = self.code_field(TYPE_SMALL_TUPLE)?;
        let localsplusnames = self.code_field(TYPE_SMALL_TUPLE)?;
        let localspluskinds = self.code_field(TYPE_STRING)?;
        let filename = self.item("object")?;
        let name = self.item("object")?;
        let qualname = self.item("object")?;
        let firstlineno = self.long()? as i64;
        let linetable = self.code_field(TYPE_STRING)?;
        let exceptiontable = self.code_field(TYPE_STRING)?;
        // Checked once everything is read, as CPython's `_PyCode_Validate`.
        let bad = || vm.system_error("bad argument to internal function");
        let bytes_of = |f: Field| match f {
            Field::Bytes(b) => Ok(b),
            Field::Items(_) => Err(bad()),
            Field::Object(o) => bytes::as_bytes(&o).filter(|_| o.type_is(&vm.ctx.types.bytes)).ok_or_else(bad),
        };
        let tuple_of = |f: Field| match f {
            Field::Items(items) => Ok(items),
            Field::Bytes(_) => Err(bad()),
            Field::Object(o) if o.type_is(&vm.ctx.types.tuple) => Ok(tuple::items(&o).to_vec()),
            Field::Object(_) => Err(bad()),
        };
        let str_of = |o: Obj| if pystr::data(&o).is_some() { Ok(o) } else { Err(bad()) };
        code_from_parts(
            vm,
            CodeParts {
                argcount,
                posonlyargcount,
                kwonlyargcount,
                stacksize,
                flags,
                firstlineno,
                code: bytes_of(code)?,
                consts: tuple_of(consts)?,
                names: tuple_of(names)?,
                localsplusnames: tuple_of(localsplusnames)?,
                localspluskinds: bytes_of(localspluskinds)?,
                filename: str_of(filename)?,
                name: str_of(name)?,
                qualname: str_of(qualname)?,
                linetable: bytes_of(linetable)?,
                exceptiontable: bytes_of(exceptiontable)?,
            },
        )
    }

    /// A field of a code object. The usual shapes (a bytes or small tuple
    /// that nothing refers back to) are read straight into the vector the
    /// code object keeps, without an object made and copied out; anything
    /// else is read as an object.
    fn code_field(&mut self, usual: u8) -> PyResult<Field> {
        let Source::Bytes { data, pos } = self.src else {
            return self.item("object").map(Field::Object);
        };
        match data.get(pos).copied() {
            Some(TYPE_STRING) if usual == TYPE_STRING => {
                self.byte_or_eof()?;
                let n = self.size("bytes object")?;
                self.check_available(n)?;
                Ok(Field::Bytes(self.bytes(n)?.into_owned()))
            }
            Some(TYPE_SMALL_TUPLE) if usual == TYPE_SMALL_TUPLE => {
                self.byte_or_eof()?;
                let n = self.byte_or_eof()? as usize;
                // Counted as a level of nesting, as when read as an object.
                self.depth += 1;
                let items = if self.depth > MAX_DEPTH {
                    Err(self.vm.value_error("recursion limit exceeded"))
                } else {
                    self.items(n, "tuple")
                };
                self.depth -= 1;
                items.map(Field::Items)
            }
            _ => self.item("object").map(Field::Object),
        }
    }
}

/// A code object's field as `Reader::code_field` read it.
enum Field {
    Bytes(Vec<u8>),
    Items(Vec<Obj>),
    Object(Obj),
}
