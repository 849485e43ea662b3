//! `_tokenize` (CPython's `Python/Python-tokenize.c`): `TokenizerIter`, the
//! interpreter's own tokenizer over a str, as `tokenize` reaches it through
//! `_generate_tokens_from_c_tokenizer`. Each item is `(string, type, lineno,
//! end_lineno, col_offset, end_col_offset, line)` with the parser's exact
//! token types and UTF-8 byte columns, as CPython 3.11 gives them.

use std::cell::{Cell, RefCell};

use taipan_vm::api::tokenize::{decode_input, InputMode, SyntaxError, TokErr, Token, TokenKind, Tokenizer};
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, TypeSpec};
use taipan_vm::api::{args, codecs, dict, module, run, str as pystr, Obj, PyPayload, PyResult, Vm};

const ITER: &str = "_tokenize.TokenizerIter";

/// `token.NAME` and `token.OP` (CPython's `Include/token.h`).
const NAME: i64 = 1;
const OP: i64 = 54;
/// `token.ASYNC` and `token.AWAIT`.
const ASYNC: i64 = 56;
const AWAIT: i64 = 55;

/// One token as the iterator yields it.
struct Item {
    string: String,
    kind: i64,
    lineno: u32,
    end_lineno: u32,
    col_offset: i32,
    end_col_offset: i32,
    line: String,
}

/// The tokens of a source, read up front (the tokenizer borrows the text),
/// and the SyntaxError that stopped the tokenizer, raised after the last one.
#[derive(Default)]
struct TokenizerIter {
    items: Vec<Item>,
    next: Cell<usize>,
    error: RefCell<Option<SyntaxError>>,
}

impl PyPayload for TokenizerIter {}

/// The `token` module's number for a token kind: keywords other than async
/// and await are NAMEs (the parser, not the tokenizer, tells them apart).
fn token_type(kind: TokenKind) -> i64 {
    // 3.11's grammar still reads async and await as their own tokens.
    match kind {
        TokenKind::Async => return ASYNC,
        TokenKind::Await => return AWAIT,
        _ => {}
    }
    if kind.is_keyword() {
        return NAME;
    }
    let n = kind as i64;
    debug_assert!(n <= OP);
    n
}

fn item(text: &[u8], tok: &Tokenizer<'_>, t: &Token) -> Item {
    let slice = |a: usize, b: usize| String::from_utf8_lossy(text.get(a..b).unwrap_or(&[])).into_owned();
    Item {
        string: slice(t.start as usize, t.end as usize),
        kind: token_type(t.kind),
        lineno: t.lineno,
        end_lineno: t.end_lineno,
        col_offset: t.col_offset,
        end_col_offset: t.end_col_offset,
        line: slice(tok.buf(), tok.inp()),
    }
}

/// Tokenize `source` as CPython's string tokenizer does (universal newlines,
/// a final newline added). An error token ends the tokens; only the errors
/// the tokenizer raises itself become a SyntaxError.
fn tokenize(source: &[u8]) -> TokenizerIter {
    let mut out = TokenizerIter::default();
    let src = match decode_input(source, InputMode::Text, "<string>", true) {
        Ok(src) => src,
        Err(e) => {
            out.error = RefCell::new(Some(e));
            return out;
        }
    };
    let text = src.text;
    let mut tok = Tokenizer::new(&text, src.deferred_error, "<string>", false);
    loop {
        match tok.next_token() {
            Ok(t) if matches!(t.kind, TokenKind::EndMarker | TokenKind::ErrorToken) => break,
            Ok(t) => out.items.push(item(&text, &tok, &t)),
            Err(TokErr::Raised(e)) => {
                out.error = RefCell::new(Some(*e));
                break;
            }
            Err(_) => break,
        }
    }
    out
}

fn iter_new(vm: &Vm, cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let Some(ty) = crate::support::module_type(vm, ITER) else {
        return Err(vm.system_error("_tokenize.TokenizerIter is not initialised"));
    };
    let spec = args::ArgSpec { fname: "tokenizeriter", names: &["source"], posonly: 0, required: 1, kwonly_from: 1 };
    let p = args::parse_spec(vm, &spec, a, k)?;
    let source = p[0].clone().unwrap_or_else(|| vm.none());
    if pystr::data(&source).is_none() {
        return Err(
            vm.type_error(format!("tokenizeriter() argument 'source' must be str, not {}", source.class().name()))
        );
    }
    let bytes = match pystr::as_str(&source) {
        Some(s) => s.as_bytes().to_vec(),
        None => codecs::encode_str(vm, &source, Some("utf-8"), None)?,
    };
    if bytes.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    alloc_instance(vm, cls, &ty, tokenize(&bytes))
}

fn iter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = payload_or_err::<TokenizerIter>(vm, o, ITER)?;
    let i = it.next.get();
    let Some(t) = it.items.get(i) else {
        if let Some(e) = it.error.borrow_mut().take() {
            return Err(run::syntax_error(vm, &e));
        }
        return Ok(None);
    };
    it.next.set(i + 1);
    Ok(Some(vm.new_tuple(vec![
        vm.new_str(&t.string),
        vm.new_int(t.kind),
        vm.new_int(t.lineno as i64),
        vm.new_int(t.end_lineno as i64),
        vm.new_int(t.col_offset as i64),
        vm.new_int(t.end_col_offset as i64),
        vm.new_str(&t.line),
    ])))
}

fn make_type(vm: &Vm) -> Obj {
    if let Some(t) = crate::support::module_type(vm, ITER) {
        return t;
    }
    let spec = TypeSpec { name: ITER, flags: flags::BASETYPE, ..Default::default() };
    let t = taipan_vm::api::types::new_type::<TokenizerIter>(vm, &spec, |s| {
        s.new.set(Some(iter_new));
        s.iter.set(Some(|_, o| Ok(o.clone())));
        s.iternext.set(Some(iter_next));
    });
    crate::support::register_type(vm, ITER, &t);
    t
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let t = make_type(vm);
    let m = module::new_module(vm, "_tokenize");
    dict::set_item_str(vm, &module::module_dict(&m), "TokenizerIter", t)?;
    Ok(m)
}
