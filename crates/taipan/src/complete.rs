//! Tab completion as CPython's REPL has it: GNU readline's word splitting and
//! completion cycle (first Tab completes the longest common prefix, a Tab
//! that changes nothing lists the matches) over `rlcompleter.Completer` as
//! `site.py` installs it: keywords, the names of `__main__` and builtins,
//! the attributes of a dotted expression (evaluated without calls), `(` or
//! `()` after callables as `inspect.signature` tells, and a tab inserted
//! when the word is empty.

use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::cell::RefCell;
use std::io::Write;
use taipan_vm::api::run::{self as pythonrun, Mode};
use taipan_vm::api::{dict, module, str as pystr, Obj, Vm};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::editor::CURRENT_VM;

/// The characters that end a word for completion (what CPython's readline
/// module gives `rl_completer_word_break_characters`).
const WORD_BREAKS: &str = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

/// `keyword.kwlist + keyword.softkwlist` of CPython 3.11.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "_", "case", "match",
];

/// The line editor's helper: completion only.
pub struct ReplHelper {
    /// Complete names at all (site's readline setup); without it Tab
    /// inserts itself.
    pub enabled: bool,
    /// The prompt on screen (the listing redraws it).
    pub prompt: String,
    /// The line and cursor after the last completion, and whether that
    /// completion changed the line: a Tab right after one that changed
    /// nothing lists the matches (readline's `completion_changed_buffer`).
    last: RefCell<Option<(String, usize, bool)>>,
    /// The line as last drawn (where an interrupted read left the cursor).
    pub shown: RefCell<String>,
}

impl ReplHelper {
    pub fn new(enabled: bool) -> ReplHelper {
        ReplHelper { enabled, prompt: String::new(), last: RefCell::new(None), shown: RefCell::new(String::new()) }
    }

    /// A new line is being read: no completion came before.
    pub fn reset(&mut self, prompt: &str) {
        self.prompt = prompt.to_string();
        *self.last.get_mut() = None;
        self.shown.get_mut().clear();
    }
}

impl Helper for ReplHelper {}
impl Hinter for ReplHelper {
    type Hint = String;
}
/// No colours; the highlighter only sees every version of the line drawn.
impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> std::borrow::Cow<'l, str> {
        self.note_shown(line);
        std::borrow::Cow::Borrowed(line)
    }

    fn highlight_char(&self, line: &str, _pos: usize, _kind: rustyline::highlight::CmdKind) -> bool {
        self.note_shown(line);
        false
    }
}

impl ReplHelper {
    fn note_shown(&self, line: &str) {
        let mut shown = self.shown.borrow_mut();
        shown.clear();
        shown.push_str(line);
    }
}
impl Validator for ReplHelper {}

impl Completer for ReplHelper {
    type Candidate = String;

    /// One Tab, as readline's `rl_complete`: always a single candidate (or
    /// none), so that the line editor inserts it at once; the listing is
    /// drawn here.
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        let start = line[..pos].rfind(|c| WORD_BREAKS.contains(c)).map_or(0, |i| i + 1);
        let text = &line[start..pos];
        let list = self.last.borrow_mut().take().is_some_and(|(l, p, changed)| l == line && p == pos && !changed);
        let done = |cand: String| {
            let new_line = format!("{}{}{}", &line[..start], cand, &line[pos..]);
            let changed = new_line != line;
            *self.last.borrow_mut() = Some((new_line, start + cand.len(), changed));
            Ok((start, vec![cand]))
        };
        if !self.enabled || text.is_empty() {
            // rlcompleter inserts a tab for an empty word.
            let new_line = format!("{}\t{}", &line[..pos], &line[pos..]);
            *self.last.borrow_mut() = Some((new_line, pos + 1, true));
            return Ok((pos, vec!["\t".to_string()]));
        }
        if !CURRENT_VM.is_set() {
            return Ok((start, vec![]));
        }
        let mut matches =
            CURRENT_VM.with(|vm| if text.contains('.') { attr_matches(vm, text) } else { global_matches(vm, text) });
        if matches.is_empty() {
            *self.last.borrow_mut() = Some((line.to_string(), pos, false));
            return Ok((start, vec![]));
        }
        // readline sorts the matches (bytewise in the C locale) and drops
        // duplicates.
        matches.sort();
        matches.dedup();
        if list && matches.len() > 1 {
            self.display_matches(&matches, line, pos);
            return done(text.to_string());
        }
        if matches.len() == 1 {
            return done(matches.pop().expect("a match"));
        }
        done(longest_common_prefix(&matches))
    }
}

impl ReplHelper {
    /// readline's `display_matches`: below the input, the matches in
    /// columns sorted down then across, then the prompt and line again.
    fn display_matches(&self, matches: &[String], line: &str, pos: usize) {
        let (cols, _rows) = terminal_size();
        let prompt_end = layout(&self.prompt, (0, 0), cols);
        let cursor = layout(&line[..pos], prompt_end, cols);
        let end = layout(line, prompt_end, cols);
        let mut out = String::new();
        // To the last row of the input.
        if end.0 > cursor.0 {
            out.push_str(&format!("\x1b[{}B", end.0 - cursor.0));
        }
        out.push_str("\r\n");
        let len = matches.len();
        if len >= COMPLETION_QUERY_ITEMS {
            // CPython's readline runs in callback mode, where readline asks
            // but does not wait for the answer.
            out.push_str(&format!("Display all {len} possibilities? (y or n)\r\n"));
        }
        let max = matches.iter().map(|m| UnicodeWidthStr::width(m.as_str())).max().unwrap_or(0) + 2;
        let mut limit = cols / max;
        if limit != 1 && limit * max == cols {
            limit -= 1;
        }
        let limit = limit.max(1);
        let count = len.div_ceil(limit);
        for i in 0..count {
            let mut l = i;
            for j in 0..limit {
                let Some(m) = matches.get(l) else { break };
                out.push_str(m);
                if j + 1 < limit {
                    let w = UnicodeWidthStr::width(m.as_str());
                    out.push_str(&" ".repeat(if max <= w { 1 } else { max - w }));
                }
                l += count;
            }
            out.push_str("\r\n");
        }
        // The line editor redraws the prompt `cursor.0` rows above where
        // the cursor is and clears the `end.0` rows below it: make room.
        out.push_str(&"\n".repeat(end.0));
        if end.0 > cursor.0 {
            out.push_str(&format!("\x1b[{}A", end.0 - cursor.0));
        }
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(out.as_bytes());
        let _ = stdout.flush();
    }
}

/// readline's `completion-query-items`.
const COMPLETION_QUERY_ITEMS: usize = 100;

/// The terminal's columns and rows (80x24 when unknown).
pub fn terminal_size() -> (usize, usize) {
    // SAFETY: TIOCGWINSZ fills the winsize struct we pass.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        if libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_col > 0 {
            return (ws.ws_col as usize, ws.ws_row as usize);
        }
    }
    (80, 24)
}

/// Where text drawn from `start` (row, column) leaves the cursor, as the
/// line editor counts: newlines, tab stops every 8 columns, escape
/// sequences of no width, wrapping at `cols`.
pub fn layout(text: &str, start: (usize, usize), cols: usize) -> (usize, usize) {
    let (mut row, mut col) = start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            row += 1;
            col = 0;
            continue;
        }
        if c == '\x1b' {
            // CSI ... final byte, or a two-character escape.
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
            continue;
        }
        let w = if c == '\t' { 8 - col % 8 } else { UnicodeWidthChar::width(c).unwrap_or(0) };
        col += w;
        if col > cols {
            row += 1;
            col = w;
        }
    }
    if col == cols {
        col = 0;
        row += 1;
    }
    (row, col)
}

fn longest_common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for w in &words[1..] {
        let common = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(common);
    }
    first[..end].to_string()
}

fn main_dict(vm: &Vm) -> Obj {
    module::module_dict(&pythonrun::main_module(vm))
}

/// `Completer.global_matches`.
fn global_matches(vm: &Vm, text: &str) -> Vec<String> {
    let mut matches = Vec::new();
    let mut seen: std::collections::HashSet<String> = ["__builtins__".to_string()].into_iter().collect();
    for &word in KEYWORDS {
        if word.starts_with(text) {
            seen.insert(word.to_string());
            let m = match word {
                "finally" | "try" => format!("{word}:"),
                "False" | "None" | "True" | "break" | "continue" | "pass" | "else" | "_" => word.to_string(),
                _ => format!("{word} "),
            };
            matches.push(m);
        }
    }
    let builtins = module::module_dict(&vm.builtins_module());
    for ns in [main_dict(vm), builtins] {
        for (k, v) in dict::items(&ns) {
            let Some(word) = pystr::as_str(&k) else { continue };
            if word.starts_with(text) && !seen.contains(word) {
                seen.insert(word.to_string());
                matches.push(callable_postfix(vm, &v, word.to_string()));
            }
        }
    }
    matches
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `re.match(r"(\w+(\.\w+)*)\.(\w*)", text)`: the expression and the
/// attribute prefix.
fn split_dotted(text: &str) -> Option<(&str, &str)> {
    let word_end = |from: usize| from + text[from..].find(|c| !is_word_char(c)).unwrap_or(text.len() - from);
    let mut end = word_end(0);
    if end == 0 {
        return None;
    }
    // `(\.\w+)*` as far as it goes; the last dot it consumed may have to be
    // given back to `\.`.
    let mut last_dot = None;
    while text[end..].starts_with('.') {
        let next = word_end(end + 1);
        if next == end + 1 {
            // A dot not followed by a word: it is the `\.`.
            return Some((&text[..end], ""));
        }
        last_dot = Some(end);
        end = next;
    }
    let dot = last_dot?;
    Some((&text[..dot], &text[dot + 1..end]))
}

/// `dir(obj)` as a list of names.
fn dir_names(vm: &Vm, obj: &Obj) -> Vec<String> {
    let Ok(Some(dir)) = vm.getattr_str_opt(&vm.builtins_module(), "dir") else { return vec![] };
    let Ok(list) = vm.call(&dir, std::slice::from_ref(obj), None) else { return vec![] };
    let Ok(items) = vm.to_vec(&list) else { return vec![] };
    items.iter().filter_map(|s| pystr::as_str(s).map(str::to_string)).collect()
}

/// `get_class_members(klass)`: dir of the class and of its bases,
/// recursively.
fn class_members(vm: &Vm, klass: &Obj, out: &mut Vec<String>, depth: usize) {
    out.extend(dir_names(vm, klass));
    if depth > 100 {
        return;
    }
    if let Ok(Some(bases)) = vm.getattr_str_opt(klass, "__bases__") {
        if let Ok(bases) = vm.to_vec(&bases) {
            for b in bases {
                class_members(vm, &b, out, depth + 1);
            }
        }
    }
}

/// `Completer.attr_matches`.
fn attr_matches(vm: &Vm, text: &str) -> Vec<String> {
    let Some((expr, attr)) = split_dotted(text) else { return vec![] };
    let Ok(this) = pythonrun::run_string(vm, expr, Mode::Eval, Some(&main_dict(vm))) else { return vec![] };
    let mut words = dir_names(vm, &this);
    words.retain(|w| w != "__builtins__");
    if let Ok(Some(class)) = vm.getattr_str_opt(&this, "__class__") {
        words.push("__class__".into());
        class_members(vm, &class, &mut words, 0);
    }
    words.sort();
    words.dedup();
    let this_type = this.class_obj();
    let property = vm.getattr_str_opt(&vm.builtins_module(), "property").ok().flatten();
    let mut noprefix = match attr {
        "" => Some("_"),
        "_" => Some("__"),
        _ => None,
    };
    let mut matches = Vec::new();
    loop {
        for word in &words {
            // `word[:n+1] == noprefix`, n = len(attr)
            let n = attr.chars().count();
            let hidden = noprefix.is_some_and(|p| word.chars().take(n + 1).eq(p.chars()));
            if !word.starts_with(attr) || hidden {
                continue;
            }
            let m = format!("{expr}.{word}");
            let class_attr = vm.getattr_str_opt(&this_type, word).ok().flatten();
            let is_property = match (&class_attr, &property) {
                (Some(a), Some(p)) => vm.isinstance(a, p).unwrap_or(false),
                _ => false,
            };
            if is_property {
                matches.push(m);
                continue;
            }
            match vm.getattr_str_opt(&this, word) {
                Ok(Some(v)) if !vm.is_none(&v) => matches.push(callable_postfix(vm, &v, m)),
                _ => matches.push(m),
            }
        }
        if !matches.is_empty() || noprefix.is_none() {
            break;
        }
        noprefix = if noprefix == Some("_") { Some("__") } else { None };
    }
    matches
}

/// `Completer._callable_postfix`: `(` after a callable, `()` when
/// `inspect.signature` finds no parameters.
fn callable_postfix(vm: &Vm, val: &Obj, mut word: String) -> String {
    if vm.is_callable(val) {
        word.push('(');
        if signature(vm, val, 0).is_some_and(|params| params.is_empty()) {
            word.push(')');
        }
    }
    word
}

/// The kind of a parameter (`inspect.Parameter.kind`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Positional,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}

fn type_name(o: &Obj) -> String {
    o.class().name().to_string()
}

fn attr(vm: &Vm, o: &Obj, name: &str) -> Option<Obj> {
    vm.getattr_str_opt(o, name).ok().flatten()
}

/// Builtin callables that describe themselves with `__text_signature__`
/// (`inspect._signature_is_builtin` and `_NonUserDefinedCallables`).
fn is_builtin_callable(o: &Obj) -> bool {
    matches!(
        type_name(o).as_str(),
        "builtin_function_or_method"
            | "method_descriptor"
            | "wrapper_descriptor"
            | "method-wrapper"
            | "classmethod_descriptor"
    )
}

/// `_signature_get_user_defined_method`: the attribute unless it is missing
/// or a builtin.
fn user_defined_method(vm: &Vm, cls: &Obj, name: &str) -> Option<Obj> {
    attr(vm, cls, name).filter(|m| !vm.is_none(m) && !is_builtin_callable(m))
}

/// `inspect.signature(obj).parameters` as kinds; None where `inspect`
/// raises ValueError (no signature).
fn signature(vm: &Vm, obj: &Obj, depth: usize) -> Option<Vec<Kind>> {
    if depth > 20 || !vm.is_callable(obj) {
        return None;
    }
    let tn = type_name(obj);
    if tn == "method" {
        let func = attr(vm, obj, "__func__")?;
        return bound(signature(vm, &func, depth + 1)?);
    }
    // Follow `__wrapped__` until a `__signature__` or a method.
    let mut obj = obj.clone();
    for _ in 0..100 {
        if attr(vm, &obj, "__signature__").is_some() || type_name(&obj) == "method" {
            break;
        }
        match attr(vm, &obj, "__wrapped__") {
            Some(w) => obj = w,
            None => break,
        }
    }
    if type_name(&obj) == "method" {
        return signature(vm, &obj, depth + 1);
    }
    if let Some(sig) = attr(vm, &obj, "__signature__").filter(|s| !vm.is_none(s)) {
        let params = attr(vm, &sig, "parameters")?;
        let n = vm.len(&params).ok()?;
        return Some(vec![Kind::Positional; n]);
    }
    if type_name(&obj) == "function" {
        return function_signature(vm, &obj);
    }
    let is_type_or_object = vm.is_type(&obj) && (obj.is(&builtin(vm, "type")?) || obj.is(&builtin(vm, "object")?));
    if is_builtin_callable(&obj) || is_type_or_object {
        let text = attr(vm, &obj, "__text_signature__")?;
        let text = pystr::as_str(&text)?.to_string();
        let self_ = attr(vm, &obj, "__self__").filter(|s| !vm.is_none(s));
        return parse_text_signature(&text, self_.is_some());
    }
    if vm.is_type(&obj) {
        let mut sig = None;
        if let Some(call) = user_defined_method(vm, &obj.class_obj(), "__call__") {
            sig = Some(signature(vm, &call, depth + 1)?);
        } else {
            let new = user_defined_method(vm, &obj, "__new__");
            let init = user_defined_method(vm, &obj, "__init__");
            let mro = vm.to_vec(&attr(vm, &obj, "__mro__")?).ok()?;
            let mut factory = None;
            for base in &mro {
                let own = |name: &str| {
                    attr(vm, base, "__dict__").is_some_and(|d| vm.contains(&d, &vm.new_str(name)).unwrap_or(false))
                };
                if new.is_some() && own("__new__") {
                    factory = new.clone();
                    break;
                } else if init.is_some() && own("__init__") {
                    factory = init.clone();
                    break;
                }
            }
            if let Some(f) = factory {
                sig = Some(signature(vm, &f, depth + 1)?);
            }
            if sig.is_none() {
                for base in &mro[..mro.len().saturating_sub(1)] {
                    if let Some(text) = attr(vm, base, "__text_signature__") {
                        if let Some(t) = pystr::as_str(&text).filter(|t| !t.is_empty()) {
                            return parse_text_signature(t, false);
                        }
                    }
                }
                let type_ = builtin(vm, "type")?;
                if !mro.iter().any(|b| b.is(&type_)) {
                    let object = builtin(vm, "object")?;
                    let same = |name: &str| match (attr(vm, &obj, name), attr(vm, &object, name)) {
                        (Some(a), Some(b)) => a.is(&b),
                        _ => false,
                    };
                    if same("__init__") && same("__new__") {
                        return signature(vm, &object, depth + 1);
                    }
                    return None;
                }
            }
        }
        return bound(sig?);
    }
    if is_builtin_callable(&obj) {
        return None;
    }
    let call = user_defined_method(vm, &obj.class_obj(), "__call__")?;
    bound(signature(vm, &call, depth + 1)?)
}

/// A name of the builtins module.
fn builtin(vm: &Vm, name: &str) -> Option<Obj> {
    attr(vm, &vm.builtins_module(), name)
}

/// `_signature_bound_method`: drop the first parameter unless it is `*args`.
fn bound(mut params: Vec<Kind>) -> Option<Vec<Kind>> {
    match params.first() {
        None | Some(Kind::KeywordOnly | Kind::VarKeyword) => None,
        Some(Kind::Positional) => {
            params.remove(0);
            Some(params)
        }
        Some(Kind::VarPositional) => Some(params),
    }
}

/// The parameters of a Python function, from its code object.
fn function_signature(vm: &Vm, func: &Obj) -> Option<Vec<Kind>> {
    let code = attr(vm, func, "__code__")?;
    let get = |name: &str| attr(vm, &code, name).and_then(|v| vm.to_i64(&v).ok()).unwrap_or(0);
    let (argcount, kwonly, flags) = (get("co_argcount"), get("co_kwonlyargcount"), get("co_flags"));
    let mut params = vec![Kind::Positional; argcount.max(0) as usize];
    if flags & 0x4 != 0 {
        params.push(Kind::VarPositional);
    }
    params.extend(std::iter::repeat_n(Kind::KeywordOnly, kwonly.max(0) as usize));
    if flags & 0x8 != 0 {
        params.push(Kind::VarKeyword);
    }
    Some(params)
}

/// The parameters of a `__text_signature__` such as `($module, obj, /)`;
/// the leading `$` parameter is dropped when the callable is bound.
fn parse_text_signature(text: &str, is_bound: bool) -> Option<Vec<Kind>> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut items = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(inner[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    if !inner[start..].trim().is_empty() {
        items.push(inner[start..].trim());
    }
    let mut params = Vec::new();
    let mut keyword_only = false;
    for (n, item) in items.iter().enumerate() {
        if *item == "/" {
            continue;
        }
        if *item == "*" {
            keyword_only = true;
            continue;
        }
        if n == 0 && item.starts_with('$') {
            if !is_bound {
                params.push(Kind::Positional);
            }
            continue;
        }
        if item.starts_with("**") {
            params.push(Kind::VarKeyword);
        } else if item.starts_with('*') {
            params.push(Kind::VarPositional);
            keyword_only = true;
        } else if keyword_only {
            params.push(Kind::KeywordOnly);
        } else {
            params.push(Kind::Positional);
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_names_split_as_rlcompleter_regex() {
        assert_eq!(split_dotted("a.b"), Some(("a", "b")));
        assert_eq!(split_dotted("a.b."), Some(("a.b", "")));
        assert_eq!(split_dotted("a.b.cd"), Some(("a.b", "cd")));
        assert_eq!(split_dotted("a"), None);
        assert_eq!(split_dotted("a..b"), Some(("a", "")));
        assert_eq!(split_dotted(".a"), None);
    }

    #[test]
    fn text_signatures() {
        assert_eq!(parse_text_signature("($module, /)", true), Some(vec![]));
        assert_eq!(parse_text_signature("($module, obj, /)", true), Some(vec![Kind::Positional]));
        assert_eq!(parse_text_signature("($self, /)", false), Some(vec![Kind::Positional]));
        assert_eq!(parse_text_signature("()", false), Some(vec![]));
        assert_eq!(
            parse_text_signature("(iterable=(), /, *, key=None, sep=', ')", false),
            Some(vec![Kind::Positional, Kind::KeywordOnly, Kind::KeywordOnly])
        );
    }

    #[test]
    fn common_prefix() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(longest_common_prefix(&w(&["set(", "setattr("])), "set");
        assert_eq!(longest_common_prefix(&w(&["abc", "xyz"])), "");
    }
}
