//! The string a pattern runs over (CPython's `getstring` and `state_init`):
//! a str in its own code-unit width, bytes in place, or a copy of another
//! bytes-like object's memory; and slices of it for results (`getslice`).

use std::cell::RefCell;

use taipan_vm::api::str::{self as pystr, StrRepr};
use taipan_vm::api::{buffer, bytes, Obj, PyErr, PyResult, Vm};

use super::pattern::Pattern;
use super::sre::{SreError, State};

/// A subject and its code units.
pub(crate) struct Subject {
    pub(crate) obj: Obj,
    pub(crate) isbytes: bool,
    /// The memory of a bytes-like object other than bytes, copied.
    copy: Option<Vec<u8>>,
}

pub(crate) enum Text<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
}

impl Subject {
    /// `string` as a subject, or CPython's TypeError. `pattern_isbytes`
    /// is None for a pattern made from `None` (it takes both kinds).
    pub(crate) fn new(vm: &Vm, string: &Obj, pattern_isbytes: Option<bool>) -> PyResult<Subject> {
        let subject = Self::of(vm, string)?;
        match pattern_isbytes {
            Some(false) if subject.isbytes => Err(vm.type_error("cannot use a string pattern on a bytes-like object")),
            Some(true) if !subject.isbytes => Err(vm.type_error("cannot use a bytes pattern on a string-like object")),
            _ => Ok(subject),
        }
    }

    /// `getstring`: a str, or anything with a buffer.
    pub(crate) fn of(vm: &Vm, string: &Obj) -> PyResult<Subject> {
        if pystr::data(string).is_some() {
            return Ok(Subject { obj: string.clone(), isbytes: false, copy: None });
        }
        if bytes::as_bytes_ref(string).is_some() {
            return Ok(Subject { obj: string.clone(), isbytes: true, copy: None });
        }
        if buffer::is_bytes_like(string) {
            let copy = buffer::with_bytes(vm, string, |b| b.to_vec())?;
            return Ok(Subject { obj: string.clone(), isbytes: true, copy: Some(copy) });
        }
        Err(vm.type_error(format!("expected string or bytes-like object, got '{:.200}'", string.class().name())))
    }

    pub(crate) fn text(&self) -> Text<'_> {
        if let Some(c) = &self.copy {
            return Text::U8(c);
        }
        if let Some(d) = pystr::data(&self.obj) {
            return match d.repr() {
                StrRepr::Ascii(s) => Text::U8(s.as_bytes()),
                StrRepr::Latin1(b) => Text::U8(b),
                StrRepr::Ucs2(b) => Text::U16(b),
                StrRepr::Ucs4(b) => Text::U32(b),
            };
        }
        Text::U8(bytes::as_bytes_ref(&self.obj).unwrap_or(&[]))
    }

    pub(crate) fn len(&self) -> usize {
        match self.text() {
            Text::U8(t) => t.len(),
            Text::U16(t) => t.len(),
            Text::U32(t) => t.len(),
        }
    }

    /// `pos` and `endpos` clamped to the string, as `state_init` does.
    pub(crate) fn bounds(&self, pos: isize, endpos: isize) -> (usize, usize) {
        let len = self.len() as isize;
        let clamp = |v: isize| v.clamp(0, len) as usize;
        (clamp(pos), clamp(endpos))
    }
}

/// `string[i:j]` as a match result shows it (`getslice`): a str for str
/// subjects, bytes for all bytes-like ones, clamped to the string's
/// current length.
pub(crate) fn slice(vm: &Vm, string: &Obj, i: usize, j: usize) -> PyResult<Obj> {
    if let Some(d) = pystr::data(string) {
        let len = d.len();
        let (i, j) = (i.min(len), j.min(len).max(i.min(len)));
        if i == 0 && j == len && string.class_obj().is(&vm.ctx.types.str) {
            return Ok(string.clone());
        }
        return Ok(vm.new_str_data(d.substring(i, j)));
    }
    if let Some(b) = bytes::as_bytes_ref(string) {
        let len = b.len();
        let (i, j) = (i.min(len), j.min(len).max(i.min(len)));
        if i == 0 && j == len && string.class_obj().is(&vm.ctx.types.bytes) {
            return Ok(string.clone());
        }
        return Ok(vm.new_bytes(b[i..j].to_vec()));
    }
    let part = buffer::with_bytes(vm, string, |b| {
        let len = b.len();
        let (i, j) = (i.min(len), j.min(len).max(i.min(len)));
        b[i..j].to_vec()
    })?;
    Ok(vm.new_bytes(part))
}

/// The matcher over a subject of any width, as the module's functions
/// drive it.
pub(crate) trait Matcher {
    fn search(&mut self, code: &[u32]) -> Result<bool, SreError>;
    /// Match at `start` (`toplevel`: `match_all`/`must_advance` apply).
    fn matches(&mut self, code: &[u32]) -> Result<bool, SreError>;
    fn reset(&mut self);
    fn start(&self) -> usize;
    fn ptr(&self) -> usize;
    fn set_start(&mut self, start: usize);
    fn set_match_all(&mut self, on: bool);
    fn set_must_advance(&mut self, on: bool);
    fn lastindex(&self) -> isize;
    /// The span of group `g` (1-based) in the last match.
    fn group_span(&self, g: usize) -> Option<(usize, usize)>;
    /// The marks set in the last match (group `g`'s span at `2g - 2` and
    /// `2g - 1`; NULL or an inverted pair for a group that did not match).
    fn set_marks(&self) -> &[usize];
}

impl<C: super::sre::Char> Matcher for State<'_, C> {
    fn search(&mut self, code: &[u32]) -> Result<bool, SreError> {
        State::search(self, code)
    }
    fn matches(&mut self, code: &[u32]) -> Result<bool, SreError> {
        self.ptr = self.start;
        self.run(code, 0, true)
    }
    fn reset(&mut self) {
        State::reset(self)
    }
    fn start(&self) -> usize {
        self.start
    }
    fn ptr(&self) -> usize {
        self.ptr
    }
    fn set_start(&mut self, start: usize) {
        self.start = start;
        self.ptr = start;
    }
    fn set_match_all(&mut self, on: bool) {
        self.match_all = on;
    }
    fn set_must_advance(&mut self, on: bool) {
        self.must_advance = on;
    }
    fn lastindex(&self) -> isize {
        self.lastindex
    }
    fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        State::group_span(self, g)
    }
    fn set_marks(&self) -> &[usize] {
        // Marks past `lastmark` belong to an earlier attempt.
        let set = if self.lastmark < 0 { 0 } else { (self.lastmark as usize + 1).min(self.marks.len()) };
        &self.marks[..set]
    }
}

/// A matcher plus what turns its failures into Python exceptions.
pub(crate) struct Run<'a, 'b> {
    pub(crate) m: &'a mut dyn Matcher,
    pending: &'b RefCell<Option<PyErr>>,
}

impl Run<'_, '_> {
    fn result(&self, vm: &Vm, r: Result<bool, SreError>) -> PyResult<bool> {
        match r {
            Ok(b) => Ok(b),
            Err(SreError::Interrupted) => match self.pending.borrow_mut().take() {
                Some(e) => Err(e),
                None => Err(vm.runtime_error("internal error in regular expression engine")),
            },
            Err(SreError::Internal) => Err(vm.runtime_error("internal error in regular expression engine")),
            Err(SreError::Memory) => Err(vm.memory_error()),
        }
    }

    pub(crate) fn search(&mut self, vm: &Vm, code: &[u32]) -> PyResult<bool> {
        self.m.reset();
        let r = self.m.search(code);
        self.result(vm, r)
    }

    pub(crate) fn matches(&mut self, vm: &Vm, code: &[u32]) -> PyResult<bool> {
        self.m.reset();
        let r = self.m.matches(code);
        self.result(vm, r)
    }
}

/// Run `f` with a matcher over `subject[..endpos]` from `pos`, for
/// `pattern`; the match checks for signals now and then.
pub(crate) fn with_matcher<R>(
    vm: &Vm,
    subject: &Subject,
    pos: usize,
    endpos: usize,
    pattern: &Pattern,
    f: impl FnOnce(&mut Run) -> PyResult<R>,
) -> PyResult<R> {
    let (groups, index) = (pattern.groups, &pattern.index);
    let pending: RefCell<Option<PyErr>> = RefCell::new(None);
    let mut check = || match vm.check_signals() {
        Ok(()) => false,
        Err(e) => {
            *pending.borrow_mut() = Some(e);
            true
        }
    };
    match subject.text() {
        Text::U8(t) => {
            let mut st = State::new(t, pos, endpos, groups, index, &mut check);
            f(&mut Run { m: &mut st, pending: &pending })
        }
        Text::U16(t) => {
            let mut st = State::new(t, pos, endpos, groups, index, &mut check);
            f(&mut Run { m: &mut st, pending: &pending })
        }
        Text::U32(t) => {
            let mut st = State::new(t, pos, endpos, groups, index, &mut check);
            f(&mut Run { m: &mut st, pending: &pending })
        }
    }
}
