//! Warnings (CPython's `Python/_warnings.c`): `warn()` with the default
//! filters of a release build and the `-W` options.
//!
//! The default action prints a warning once per (text, category, line) and
//! module: `file:line: Category: message` and the stripped source line.

use crate::object::Obj;
use crate::objects::{code::code_of, dict, str as pystr};
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Action {
    Error,
    Ignore,
    Always,
    Default,
    Module,
    Once,
}

fn parse_action(s: &str) -> Option<Action> {
    let a = match s {
        "error" => Action::Error,
        "ignore" => Action::Ignore,
        "always" => Action::Always,
        "default" => Action::Default,
        "module" => Action::Module,
        "once" => Action::Once,
        _ => return None,
    };
    Some(a)
}

/// Where a warning points: the frame `stacklevel` levels up.
struct Location {
    filename: String,
    lineno: u32,
    module: String,
}

fn warning_location(vm: &Vm, stacklevel: usize) -> Location {
    let mut f = vm.thread.current_frame.get();
    let mut level = stacklevel.max(1);
    // SAFETY: the frame chain links live frames of this thread; we read
    // their code and globals without keeping references past this loop.
    unsafe {
        while level > 1 && !f.is_null() && !(*f).previous.is_null() {
            f = (*f).previous;
            level -= 1;
        }
        if f.is_null() {
            return Location { filename: "sys".into(), lineno: 1, module: "sys".into() };
        }
        let code = code_of(&(*f).code);
        let filename = pystr::as_str_lossy(&code.filename).into_owned();
        let lineno = (*f).line().unwrap_or(0);
        let module = dict::get_item_str(vm, &(*f).globals, "__name__")
            .map(|n| pystr::as_str_lossy(&n).into_owned())
            .unwrap_or_else(|| "<string>".into());
        Location { filename, lineno, module }
    }
}

fn category_name(category: &Obj) -> String {
    crate::objects::type_::as_type(category)
        .map(|t| t.name().rsplit('.').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// The action of the `-W` options and the default filters, in CPython's
/// order: `-W` options (last wins), then the release-build defaults.
fn filter_action(vm: &Vm, category: &Obj, module: &str) -> Action {
    let cat = category_name(category);
    let config = vm.config.borrow();
    for opt in config.warnoptions.iter().rev() {
        let mut parts = opt.split(':');
        let Some(action) = parts.next().and_then(parse_action) else { continue };
        let _message = parts.next().unwrap_or("");
        let wanted = parts.next().unwrap_or("").trim();
        if wanted.is_empty() || is_subclass_named(vm, category, wanted) {
            return action;
        }
    }
    if cat == "BytesWarning" {
        return match config.bytes_warning {
            0 => Action::Ignore,
            1 => Action::Default,
            _ => Action::Error,
        };
    }
    drop(config);
    let deprecation = &vm.ctx.exceptions.deprecation_warning;
    if vm.is_subtype(category, deprecation) && module == "__main__" {
        return Action::Default;
    }
    for ignored in ["DeprecationWarning", "PendingDeprecationWarning", "ImportWarning", "ResourceWarning"] {
        if is_subclass_named(vm, category, ignored) {
            return Action::Ignore;
        }
    }
    Action::Default
}

fn is_subclass_named(vm: &Vm, category: &Obj, name: &str) -> bool {
    match vm.ctx.exceptions.by_name.get(name) {
        Some(t) => vm.is_subtype(category, t),
        None => false,
    }
}

/// Issue a warning of `category` with `message`, attributed to the frame
/// `stacklevel` levels up (1 = the caller of the code that warns).
pub(crate) fn warn(vm: &Vm, category: &Obj, message: &str, stacklevel: usize) -> PyResult<()> {
    let loc = warning_location(vm, stacklevel);
    show_or_raise(vm, category, message, loc)
}

/// A warning at an explicit location (the compiler's SyntaxWarnings).
pub(crate) fn warn_explicit(
    vm: &Vm,
    category: &Obj,
    message: &str,
    filename: &str,
    lineno: u32,
    module: &str,
) -> PyResult<()> {
    let loc = Location { filename: filename.to_string(), lineno, module: module.to_string() };
    show_or_raise(vm, category, message, loc)
}

fn show_or_raise(vm: &Vm, category: &Obj, message: &str, loc: Location) -> PyResult<()> {
    let action = filter_action(vm, category, &loc.module);
    let cat = category_name(category);
    match action {
        Action::Ignore => return Ok(()),
        Action::Error => {
            let exc = vm.new_exception(category, vec![vm.new_str(message)]);
            return Err(exc);
        }
        Action::Always => {}
        Action::Default | Action::Module | Action::Once => {
            let key = match action {
                Action::Default => (loc.filename.clone(), cat.clone(), message.to_string(), loc.lineno),
                Action::Module => (loc.filename.clone(), cat.clone(), message.to_string(), 0),
                _ => (String::new(), cat.clone(), message.to_string(), 0),
            };
            let fresh = vm.warnings_shown.borrow_mut().insert(key);
            if !fresh {
                return Ok(());
            }
        }
    }
    let mut text = format!("{}:{}: {}: {}\n", loc.filename, loc.lineno, cat, message);
    if let Some(line) = source_line(&loc.filename, loc.lineno) {
        text.push_str(&format!("  {}\n", line.trim()));
    }
    crate::modules::sys::write_stderr(vm, &text);
    Ok(())
}

/// Line `lineno` of a source file, if it can be read (CPython's linecache).
pub(crate) fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
        return None;
    }
    let text = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&text);
    text.lines().nth(lineno as usize - 1).map(|l| l.to_string())
}
