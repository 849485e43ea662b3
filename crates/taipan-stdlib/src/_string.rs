//! `_string` (CPython's `Objects/stringlib/unicode_format.h` as exposed by
//! `Objects/unicodeobject.c`): the parser of `str.format` strings that
//! Lib's `string.Formatter` drives.

use std::cell::Cell;

use taipan_vm::api::types::{alloc_instance, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{dict, module, str as pystr, Obj, PyPayload, PyResult, Vm};

use crate::clinic;

const FORMATTER_ITER: &str = "_string.formatteriterator";
const FIELDNAME_ITER: &str = "_string.fieldnameiterator";

/// One step of the markup parser: literal text, then maybe a field.
struct Markup {
    literal: (usize, usize),
    field: Option<Field>,
}

struct Field {
    name: (usize, usize),
    spec: Option<(usize, usize)>,
    conversion: Option<u32>,
}

const LBRACE: u32 = '{' as u32;
const RBRACE: u32 = '}' as u32;
const LBRACKET: u32 = '[' as u32;
const RBRACKET: u32 = ']' as u32;
const COLON: u32 = ':' as u32;
const BANG: u32 = '!' as u32;
const DOT: u32 = '.' as u32;

/// CPython's `MarkupIterator_next`: the next piece of `s` from `*pos`, or
/// None at the end.
fn next_markup(vm: &Vm, s: &[u32], pos: &mut usize) -> PyResult<Option<Markup>> {
    if *pos >= s.len() {
        return Ok(None);
    }
    let start = *pos;
    let mut c = 0u32;
    let mut markup_follows = false;
    while *pos < s.len() {
        c = s[*pos];
        *pos += 1;
        if c == LBRACE || c == RBRACE {
            markup_follows = true;
            break;
        }
    }
    let at_end = *pos >= s.len();
    let mut len = *pos - start;
    if c == RBRACE && markup_follows && (at_end || s[*pos] != c) {
        return Err(vm.value_error("Single '}' encountered in format string"));
    }
    if at_end && c == LBRACE && markup_follows {
        return Err(vm.value_error("Single '{' encountered in format string"));
    }
    if !at_end && markup_follows {
        if s[*pos] == c {
            // An escaped brace: part of the literal text.
            *pos += 1;
            markup_follows = false;
        } else {
            len -= 1;
        }
    }
    let literal = (start, start + len);
    if !markup_follows {
        return Ok(Some(Markup { literal, field: None }));
    }
    let field = parse_field(vm, s, pos)?;
    Ok(Some(Markup { literal, field: Some(field) }))
}

/// CPython's `parse_field`: a field after its `{`, up to its `}`.
fn parse_field(vm: &Vm, s: &[u32], pos: &mut usize) -> PyResult<Field> {
    let name_start = *pos;
    let mut c = 0u32;
    let mut stopped = false;
    while *pos < s.len() {
        c = s[*pos];
        *pos += 1;
        match c {
            LBRACE => return Err(vm.value_error("unexpected '{' in field name")),
            LBRACKET => {
                while *pos < s.len() && s[*pos] != RBRACKET {
                    *pos += 1;
                }
            }
            RBRACE | COLON | BANG => {
                stopped = true;
                break;
            }
            _ => {}
        }
    }
    let name = (name_start, if stopped { *pos - 1 } else { *pos });
    if stopped && (c == BANG || c == COLON) {
        let mut conversion = None;
        if c == BANG {
            if *pos >= s.len() {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            }
            conversion = Some(s[*pos]);
            *pos += 1;
            if *pos < s.len() {
                let c2 = s[*pos];
                *pos += 1;
                if c2 == RBRACE {
                    return Ok(Field { name, spec: None, conversion });
                }
                if c2 != COLON {
                    return Err(vm.value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = *pos;
        let mut depth = 1;
        while *pos < s.len() {
            let c2 = s[*pos];
            *pos += 1;
            if c2 == LBRACE {
                depth += 1;
            } else if c2 == RBRACE {
                depth -= 1;
                if depth == 0 {
                    return Ok(Field { name, spec: Some((spec_start, *pos - 1)), conversion });
                }
            }
        }
        return Err(vm.value_error("unmatched '{' in format spec"));
    }
    if !(stopped && c == RBRACE) {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    Ok(Field { name, spec: None, conversion: None })
}

pub(crate) struct FormatterIter {
    text: Vec<u32>,
    pos: Cell<usize>,
}
impl PyPayload for FormatterIter {}

fn formatter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<FormatterIter>(vm, o, "formatteriterator")?;
    let mut pos = it.pos.get();
    let r = next_markup(vm, &it.text, &mut pos);
    it.pos.set(pos);
    let Some(m) = r? else { return Ok(None) };
    let sub = |(a, b): (usize, usize)| vm.new_str_from_code_points(&it.text[a..b]);
    let literal = sub(m.literal);
    let (name, spec, conv) = match m.field {
        None => (vm.none(), vm.none(), vm.none()),
        Some(f) => (
            sub(f.name),
            f.spec.map(sub).unwrap_or_else(|| vm.new_str("")),
            f.conversion.map(|c| vm.new_str_from_code_points(&[c])).unwrap_or_else(|| vm.none()),
        ),
    };
    Ok(Some(vm.new_tuple(vec![literal, name, spec, conv])))
}

// ---------------------------------------------------------------------------
// Field names

/// CPython's `get_integer`: the value of an all-digits name, None for any
/// other name.
fn get_integer(vm: &Vm, s: &[u32]) -> PyResult<Option<i64>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut v: i64 = 0;
    for &c in s {
        let Some(d) = char::from_u32(c).and_then(|ch| ch.to_digit(10)) else { return Ok(None) };
        v = match v.checked_mul(10).and_then(|v| v.checked_add(d as i64)) {
            Some(v) => v,
            None => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(v))
}

fn name_obj(vm: &Vm, s: &[u32]) -> PyResult<Obj> {
    Ok(match get_integer(vm, s)? {
        Some(v) => vm.new_int(v),
        None => vm.new_str_from_code_points(s),
    })
}

pub(crate) struct FieldNameIter {
    text: Vec<u32>,
    pos: Cell<usize>,
}
impl PyPayload for FieldNameIter {}

fn fieldname_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<FieldNameIter>(vm, o, "fieldnameiterator")?;
    let s = &it.text;
    let mut pos = it.pos.get();
    if pos >= s.len() {
        return Ok(None);
    }
    let c = s[pos];
    pos += 1;
    let (is_attr, start, end) = match c {
        DOT => {
            let start = pos;
            while pos < s.len() && s[pos] != LBRACKET && s[pos] != DOT {
                pos += 1;
            }
            (true, start, pos)
        }
        LBRACKET => {
            let start = pos;
            while pos < s.len() && s[pos] != RBRACKET {
                pos += 1;
            }
            if pos >= s.len() {
                it.pos.set(pos);
                return Err(vm.value_error("Missing ']' in format string"));
            }
            pos += 1;
            (false, start, pos - 1)
        }
        _ => {
            it.pos.set(pos);
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    };
    it.pos.set(pos);
    let value = if is_attr { vm.new_str_from_code_points(&s[start..end]) } else { name_obj(vm, &s[start..end])? };
    if start == end {
        return Err(vm.value_error("Empty attribute in format string"));
    }
    Ok(Some(vm.new_tuple(vec![vm.bool_obj(is_attr), value])))
}

fn str_arg(vm: &Vm, o: &Obj) -> PyResult<Vec<u32>> {
    match pystr::data(o) {
        Some(d) => Ok(d.to_code_points()),
        None => Err(vm.type_error(format!("expected str, got {}", o.class().name()))),
    }
}

fn lazy_type(vm: &Vm, name: &'static str) -> Obj {
    vm.lazy_types.borrow().get(name).cloned().unwrap_or_else(|| vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("formatter_field_name_split", |vm, _, a, k| {
        let s = clinic::one(vm, "formatter_field_name_split", a, k)?;
        let text = str_arg(vm, &s)?;
        let first_end = text.iter().position(|&c| c == DOT || c == LBRACKET).unwrap_or(text.len());
        let first = name_obj(vm, &text[..first_end])?;
        let ty = lazy_type(vm, FIELDNAME_ITER);
        let rest = alloc_instance(vm, &ty, &ty, FieldNameIter { text, pos: Cell::new(first_end) })?;
        Ok(vm.new_tuple(vec![first, rest]))
    }),
    MethodDef::static_("formatter_parser", |vm, _, a, k| {
        let s = clinic::one(vm, "formatter_parser", a, k)?;
        let text = str_arg(vm, &s)?;
        let ty = lazy_type(vm, FORMATTER_ITER);
        alloc_instance(vm, &ty, &ty, FormatterIter { text, pos: Cell::new(0) })
    }),
];

fn make_types(vm: &Vm) {
    if vm.lazy_types.borrow().contains_key(FORMATTER_ITER) {
        return;
    }
    let spec = TypeSpec { name: "formatteriterator", ..Default::default() };
    let t = taipan_vm::api::types::new_type::<FormatterIter>(vm, &spec, |s| {
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(formatter_next));
    });
    vm.lazy_types.borrow_mut().insert(FORMATTER_ITER, t);
    let spec = TypeSpec { name: "fieldnameiterator", ..Default::default() };
    let t = taipan_vm::api::types::new_type::<FieldNameIter>(vm, &spec, |s| {
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(fieldname_next));
    });
    vm.lazy_types.borrow_mut().insert(FIELDNAME_ITER, t);
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    make_types(vm);
    let m = module::new_module(vm, "_string");
    dict::set_item_str(vm, &module::module_dict(&m), "__doc__", vm.new_str("string helper module"))?;
    module::add_functions(vm, &m, "_string", FUNCTIONS);
    Ok(m)
}
