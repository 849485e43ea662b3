//! The number protocol (CPython's `PyNumber_*` in `Objects/abstract.c`):
//! binary operators with the reflected-operand rules, in-place operators,
//! the sequence fallbacks of `+` and `*`, unary operators and `__index__`.

use num_bigint::BigInt;

use crate::object::typeobj::{BinaryFn, NbOp, UnaryOp};
use crate::object::Obj;
use crate::objects::int::{self, IntValue};
use crate::vm::{PyErr, PyResult, Vm};

impl Vm {
    /// CPython's `binary_op1`: try `type(a)`'s slot and `type(b)`'s slot in
    /// the order the reflected-operand rules give; `NotImplemented` if both decline.
    fn binary_op1(&self, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
        let ta = a.class();
        let tb = b.class();
        let slota = ta.slots.nb_binary[op as usize].get();
        let mut slotb = if std::ptr::eq(ta, tb) { None } else { tb.slots.nb_binary[op as usize].get() };
        if tb.slots.nb_binary[op as usize].same_as(&ta.slots.nb_binary[op as usize]) {
            slotb = None;
        }
        if let Some(fa) = slota {
            if let Some(fb) = slotb {
                if self.is_subtype(&b.class_obj(), &a.class_obj()) {
                    let r = fb(self, a, b)?;
                    if !self.is_not_implemented(&r) {
                        return Ok(r);
                    }
                    slotb = None;
                }
            }
            let r = fa(self, a, b)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(fb) = slotb {
            return fb(self, a, b);
        }
        Ok(self.not_implemented())
    }

    /// `divmod(a, b)` through `nb_divmod` with the reflected-operand rules.
    pub fn divmod(&self, a: &Obj, b: &Obj) -> PyResult<Obj> {
        let ta = a.class();
        let tb = b.class();
        let slota = ta.slots.nb_divmod.get();
        let mut slotb = if std::ptr::eq(ta, tb) { None } else { tb.slots.nb_divmod.get() };
        if tb.slots.nb_divmod.same_as(&ta.slots.nb_divmod) {
            slotb = None;
        }
        if let Some(fa) = slota {
            if let Some(fb) = slotb {
                if self.is_subtype(&b.class_obj(), &a.class_obj()) {
                    let r = fb(self, a, b)?;
                    if !self.is_not_implemented(&r) {
                        return Ok(r);
                    }
                    slotb = None;
                }
            }
            let r = fa(self, a, b)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(fb) = slotb {
            let r = fb(self, a, b)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        Err(self.binop_type_error(a, b, "divmod()"))
    }

    #[cold]
    fn binop_type_error(&self, a: &Obj, b: &Obj, symbol: &str) -> PyErr {
        let (na, nb) = (a.class().name(), b.class().name());
        let mut msg = format!("unsupported operand type(s) for {symbol}: '{na}' and '{nb}'");
        if symbol == ">>" && self.is_print_builtin(a) {
            msg.push_str(". Did you mean \"print(<message>, file=<output_stream>)\"?");
        }
        self.type_error(msg)
    }

    fn is_print_builtin(&self, o: &Obj) -> bool {
        o.payload::<crate::objects::builtin_func::BuiltinFunctionData>().is_some_and(|f| f.name() == "print")
    }

    /// `a <op> b` (`BINARY_OP` with a non-in-place operator).
    pub fn binary_op(&self, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
        let r = self.binary_op1(a, b, op)?;
        if !self.is_not_implemented(&r) {
            return Ok(r);
        }
        match op {
            NbOp::Add => {
                if let Some(concat) = a.class().slots.sq_concat.get() {
                    return concat(self, a, b);
                }
            }
            NbOp::Multiply => {
                if let Some(rep) = a.class().slots.sq_repeat.get() {
                    return self.sequence_repeat(rep, a, b);
                }
                if let Some(rep) = b.class().slots.sq_repeat.get() {
                    return self.sequence_repeat(rep, b, a);
                }
            }
            _ => {}
        }
        Err(self.binop_type_error(a, b, op.symbol()))
    }

    fn sequence_repeat(&self, rep: crate::object::typeobj::RepeatFn, seq: &Obj, n: &Obj) -> PyResult<Obj> {
        if !self.has_index(n) {
            return Err(self.type_error(format!("can't multiply sequence by non-int of type '{}'", n.class().name())));
        }
        let count = self.index_to_isize(n)?;
        rep(self, seq, count)
    }

    /// `a <op>= b` (`BINARY_OP` with an in-place operator).
    pub fn inplace_op(&self, a: &Obj, b: &Obj, op: NbOp) -> PyResult<Obj> {
        if let Some(f) = a.class().slots.nb_inplace[op as usize].get() {
            let r = f(self, a, b)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        let r = self.binary_op1(a, b, op)?;
        if !self.is_not_implemented(&r) {
            return Ok(r);
        }
        match op {
            NbOp::Add => {
                let s = &a.class().slots;
                if let Some(concat) = s.sq_inplace_concat.get().or(s.sq_concat.get()) {
                    return concat(self, a, b);
                }
            }
            NbOp::Multiply => {
                let s = &a.class().slots;
                if let Some(rep) = s.sq_inplace_repeat.get().or(s.sq_repeat.get()) {
                    return self.sequence_repeat(rep, a, b);
                }
                if let Some(rep) = b.class().slots.sq_repeat.get() {
                    return self.sequence_repeat(rep, b, a);
                }
            }
            _ => {}
        }
        Err(self.binop_type_error(a, b, op.inplace_symbol()))
    }

    /// `pow(a, b, m)` (three arguments; `m` may be None for two-argument pow).
    pub fn power(&self, a: &Obj, b: &Obj, m: &Obj) -> PyResult<Obj> {
        if self.is_none(m) {
            return self.binary_op(a, b, NbOp::Power);
        }
        let ta = a.class();
        let tb = b.class();
        let tm = m.class();
        let fa = ta.slots.nb_power3.get();
        let mut fb = if std::ptr::eq(ta, tb) { None } else { tb.slots.nb_power3.get() };
        if tb.slots.nb_power3.same_as(&ta.slots.nb_power3) {
            fb = None;
        }
        if let Some(f) = fa {
            if let Some(g) = fb {
                if self.is_subtype(&b.class_obj(), &a.class_obj()) {
                    let r = g(self, a, b, m)?;
                    if !self.is_not_implemented(&r) {
                        return Ok(r);
                    }
                    fb = None;
                }
            }
            let r = f(self, a, b, m)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(g) = fb {
            let r = g(self, a, b, m)?;
            if !self.is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Some(h) = tm.slots.nb_power3.get() {
            let hid = tm.slots.nb_power3.id();
            let fb_id = if fb.is_some() { tb.slots.nb_power3.id() } else { 0 };
            if hid != ta.slots.nb_power3.id() && hid != fb_id {
                let r = h(self, a, b, m)?;
                if !self.is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        Err(self.type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            ta.name(),
            tb.name(),
            tm.name()
        )))
    }

    /// `-a`, `+a`, `~a`.
    pub fn unary_op(&self, a: &Obj, op: UnaryOp) -> PyResult<Obj> {
        let s = &a.class().slots;
        let (slot, sym) = match op {
            UnaryOp::Negative => (s.nb_negative.get(), "unary -"),
            UnaryOp::Positive => (s.nb_positive.get(), "unary +"),
            UnaryOp::Invert => (s.nb_invert.get(), "unary ~"),
        };
        match slot {
            Some(f) => f(self, a),
            None => Err(self.type_error(format!("bad operand type for {sym}: '{}'", a.class().name()))),
        }
    }

    /// `abs(a)`.
    pub fn absolute(&self, a: &Obj) -> PyResult<Obj> {
        match a.class().slots.nb_absolute.get() {
            Some(f) => f(self, a),
            None => Err(self.type_error(format!("bad operand type for abs(): '{}'", a.class().name()))),
        }
    }

    /// Does `o` support `__index__`?
    #[inline]
    pub fn has_index(&self, o: &Obj) -> bool {
        int::value(o).is_some() || o.class().slots.nb_index.get().is_some()
    }

    /// `operator.index(o)`: an int object.
    pub fn index(&self, o: &Obj) -> PyResult<Obj> {
        if int::value(o).is_some() {
            return Ok(o.clone());
        }
        let Some(f) = o.class().slots.nb_index.get() else {
            return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", o.class().name())));
        };
        let r = f(self, o)?;
        if int::value(&r).is_none() {
            return Err(self.type_error(format!("__index__ returned non-int (type {})", r.class().name())));
        }
        if !r.type_is(&self.ctx.types.int) {
            crate::warnings::warn(
                self,
                &self.ctx.exceptions.deprecation_warning,
                &format!(
                    "__index__ returned non-int (type {}).  The ability to return an instance of a strict subclass of int is deprecated, and may be removed in a future version of Python.",
                    r.class().name()
                ),
                1,
            )?;
        }
        Ok(r)
    }

    /// `operator.index(o)` as an exact int (CPython's `PyNumber_Index`
    /// copies an int subclass such as bool).
    pub fn index_exact(&self, o: &Obj) -> PyResult<Obj> {
        let r = self.index(o)?;
        if r.type_is(&self.ctx.types.int) {
            return Ok(r);
        }
        Ok(self.new_bigint(self.to_bigint(&r)?))
    }

    /// `operator.index(o)` as a value.
    pub fn index_value(&self, o: &Obj) -> PyResult<IntValue> {
        if let Some(v) = int::value(o) {
            return Ok(v.clone());
        }
        let r = self.index(o)?;
        Ok(int::value(&r).expect("index returns int").clone())
    }

    /// `o.__index__()` as an isize; OverflowError if it does not fit.
    #[inline]
    pub fn index_to_isize(&self, o: &Obj) -> PyResult<isize> {
        if let Some(IntValue::Small(v)) = int::value(o) {
            return Ok(*v as isize);
        }
        match self.index_value(o)? {
            IntValue::Small(v) => Ok(v as isize),
            IntValue::Big(_) => {
                Err(self.overflow_error(format!("cannot fit '{}' into an index-sized integer", o.class().name())))
            }
        }
    }

    /// A sequence subscript as an isize: as `index_to_isize`, but a value
    /// too large is an IndexError (CPython's `PyNumber_AsSsize_t(item,
    /// PyExc_IndexError)` in the subscripts of lists, tuples, str, bytes,
    /// bytearray and memoryview).
    pub fn subscript_index(&self, o: &Obj) -> PyResult<isize> {
        match self.index_value(o)? {
            IntValue::Small(v) if isize::try_from(v).is_ok() => Ok(v as isize),
            _ => Err(self.index_error(format!("cannot fit '{}' into an index-sized integer", o.class().name()))),
        }
    }

    /// An index argument converted as a C `Py_ssize_t` (`list.insert`,
    /// `pop`): OverflowError with `PyLong_AsSsize_t`'s message.
    pub fn ssize_t_arg(&self, o: &Obj) -> PyResult<isize> {
        match self.index_value(o)? {
            IntValue::Small(v) if isize::try_from(v).is_ok() => Ok(v as isize),
            _ => Err(self.overflow_error("Python int too large to convert to C ssize_t")),
        }
    }

    /// `o.__index__()` clamped to the isize range (slice indices).
    pub fn index_to_isize_clamped(&self, o: &Obj) -> PyResult<isize> {
        match self.index_value(o)? {
            IntValue::Small(v) => Ok(v as isize),
            IntValue::Big(b) => Ok(if b.sign() == num_bigint::Sign::Minus { isize::MIN } else { isize::MAX }),
        }
    }

    /// An int argument that must fit an i64 (OverflowError otherwise).
    pub fn to_i64(&self, o: &Obj) -> PyResult<i64> {
        match self.index_value(o)? {
            IntValue::Small(v) => Ok(v),
            IntValue::Big(_) => Err(self.overflow_error("Python int too large to convert to C long")),
        }
    }

    /// `o.__index__()` as a BigInt.
    pub fn to_bigint(&self, o: &Obj) -> PyResult<BigInt> {
        Ok(self.index_value(o)?.to_big())
    }

    /// `float(o)` for a number (`__float__`, then `__index__`): the value.
    pub fn to_f64(&self, o: &Obj) -> PyResult<f64> {
        if let Some(f) = crate::objects::float::value(o) {
            return Ok(f);
        }
        if let Some(v) = int::value(o) {
            return v.to_f64().ok_or_else(|| self.overflow_error("int too large to convert to float"));
        }
        if let Some(f) = o.class().slots.nb_float.get() {
            let r = f(self, o)?;
            return match crate::objects::float::value(&r) {
                Some(x) => Ok(x),
                None => Err(self.type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    o.class().name(),
                    r.class().name()
                ))),
            };
        }
        if o.class().slots.nb_index.get().is_some() {
            let i = self.index_value(o)?;
            return i.to_f64().ok_or_else(|| self.overflow_error("int too large to convert to float"));
        }
        Err(self.type_error(format!("must be real number, not {}", o.class().name())))
    }

    /// The binary slot function of a type for `op` (for the eval loop's fast paths).
    pub fn nb_slot(&self, o: &Obj, op: NbOp) -> Option<BinaryFn> {
        o.class().slots.nb_binary[op as usize].get()
    }
}
