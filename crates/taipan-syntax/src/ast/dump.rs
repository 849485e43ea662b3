//! `ast.dump(node, include_attributes=True, indent=1)`, byte for byte.
//!
//! CPython's `_format` renders a node on one line when all its arguments are
//! "simple" and there are at most three of them; a value is simple when it is a
//! scalar, an empty list, or a node that printed no arguments at all. The
//! `DumpValue` trait answers "is it simple?" without rendering, so the dump is
//! written straight into one buffer.

use super::{Constant, Ident, Range};
use crate::literal::{bytes_repr, complex_repr, float_repr, str_repr};

pub trait DumpValue {
    /// Would CPython's `_format` report this value as simple?
    fn is_simple(&self) -> bool;
    /// Is this an absent optional field (`None` for an ASDL `?` field)?
    fn is_omitted(&self) -> bool {
        false
    }
    fn write(&self, d: &mut Dumper, level: usize);
}

pub struct Dumper {
    out: String,
    indent: String,
}

/// Render `node` as `ast.dump(node, include_attributes=True, indent=indent)`.
pub fn dump(node: &dyn DumpValue, indent: usize) -> String {
    let mut d = Dumper { out: String::new(), indent: " ".repeat(indent) };
    node.write(&mut d, 0);
    d.out
}

impl Dumper {
    pub fn push_str(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn newline(&mut self, level: usize) {
        self.out.push('\n');
        for _ in 0..level {
            self.out.push_str(&self.indent);
        }
    }

    /// Write one node: its present fields, then its position attributes.
    pub fn node(&mut self, name: &str, fields: &[(&str, &dyn DumpValue)], range: Option<&Range>, level: usize) {
        let level = level + 1;
        let present = fields.iter().filter(|(_, v)| !v.is_omitted());
        let count = present.clone().count() + if range.is_some() { 4 } else { 0 };
        let all_simple = present.clone().all(|(_, v)| v.is_simple());
        let one_line = all_simple && count <= 3;
        self.out.push_str(name);
        self.out.push('(');
        let mut first = true;
        for (field, value) in present {
            self.separator(&mut first, one_line, level);
            self.out.push_str(field);
            self.out.push('=');
            value.write(self, level);
        }
        if let Some(r) = range {
            for (field, value) in [
                ("lineno", r.lineno),
                ("col_offset", r.col_offset),
                ("end_lineno", r.end_lineno),
                ("end_col_offset", r.end_col_offset),
            ] {
                self.separator(&mut first, one_line, level);
                self.out.push_str(field);
                self.out.push('=');
                self.out.push_str(itoa_u32(value).as_str());
            }
        }
        self.out.push(')');
    }

    fn separator(&mut self, first: &mut bool, one_line: bool, level: usize) {
        if one_line {
            if !*first {
                self.out.push_str(", ");
            }
        } else {
            if !*first {
                self.out.push(',');
            }
            self.newline(level);
        }
        *first = false;
    }
}

fn itoa_u32(v: u32) -> compact_str::CompactString {
    compact_str::format_compact!("{v}")
}

impl<T: DumpValue + ?Sized> DumpValue for Box<T> {
    fn is_simple(&self) -> bool {
        (**self).is_simple()
    }
    fn write(&self, d: &mut Dumper, level: usize) {
        (**self).write(d, level)
    }
}

impl<T: DumpValue> DumpValue for Option<T> {
    fn is_simple(&self) -> bool {
        match self {
            Some(v) => v.is_simple(),
            None => true,
        }
    }
    fn is_omitted(&self) -> bool {
        self.is_none()
    }
    fn write(&self, d: &mut Dumper, level: usize) {
        match self {
            Some(v) => v.write(d, level),
            None => d.push_str("None"),
        }
    }
}

impl<T: DumpValue> DumpValue for Vec<T> {
    fn is_simple(&self) -> bool {
        self.is_empty()
    }
    fn write(&self, d: &mut Dumper, level: usize) {
        self.as_slice().write(d, level)
    }
}

impl<T: DumpValue> DumpValue for [T] {
    fn is_simple(&self) -> bool {
        self.is_empty()
    }
    fn write(&self, d: &mut Dumper, level: usize) {
        if self.is_empty() {
            d.push_str("[]");
            return;
        }
        let level = level + 1;
        d.push_str("[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                d.push_str(",");
            }
            d.newline(level);
            item.write(d, level);
        }
        d.push_str("]");
    }
}

impl DumpValue for Ident {
    fn is_simple(&self) -> bool {
        true
    }
    fn write(&self, d: &mut Dumper, _level: usize) {
        str_repr_into(&mut d.out, self.chars().map(|c| c as u32));
    }
}

impl DumpValue for String {
    fn is_simple(&self) -> bool {
        true
    }
    fn write(&self, d: &mut Dumper, _level: usize) {
        str_repr_into(&mut d.out, self.chars().map(|c| c as u32));
    }
}

impl DumpValue for i32 {
    fn is_simple(&self) -> bool {
        true
    }
    fn write(&self, d: &mut Dumper, _level: usize) {
        d.out.push_str(&compact_str::format_compact!("{self}"));
    }
}

impl DumpValue for Constant {
    fn is_simple(&self) -> bool {
        true
    }
    fn write(&self, d: &mut Dumper, _level: usize) {
        match self {
            Constant::None => d.push_str("None"),
            Constant::Bool(true) => d.push_str("True"),
            Constant::Bool(false) => d.push_str("False"),
            Constant::Ellipsis => d.push_str("Ellipsis"),
            Constant::Int(i) => d.out.push_str(&i.to_string()),
            Constant::Float(f) => d.out.push_str(&float_repr(*f)),
            Constant::Complex { real, imag } => d.out.push_str(&complex_repr(*real, *imag)),
            Constant::Str(s) => d.out.push_str(&str_repr(s)),
            Constant::Bytes(b) => d.out.push_str(&bytes_repr(b)),
            Constant::Tuple(items) => {
                d.push_str("(");
                write_items(d, items);
                d.push_str(if items.len() == 1 { ",)" } else { ")" });
            }
            Constant::FrozenSet(items) if items.is_empty() => d.push_str("frozenset()"),
            Constant::FrozenSet(items) => {
                d.push_str("frozenset({");
                write_items(d, items);
                d.push_str("})");
            }
        }
    }
}

/// The items of a tuple or frozenset constant, comma-separated.
fn write_items(d: &mut Dumper, items: &[Constant]) {
    for (i, c) in items.iter().enumerate() {
        if i > 0 {
            d.push_str(", ");
        }
        c.write(d, 0);
    }
}

fn str_repr_into(out: &mut String, chars: impl Iterator<Item = u32> + Clone) {
    out.push_str(&crate::literal::repr_code_points(chars));
}
