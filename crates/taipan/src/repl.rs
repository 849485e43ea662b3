//! The interactive loop (CPython's `PyRun_InteractiveLoop`): `>>>` and
//! `...` prompts, multi-line blocks, results echoed through
//! `sys.displayhook`, and tracebacks that do not end the session. Line
//! editing and history come from rustyline.

use rustyline::error::ReadlineError;
use taipan_compiler::Mode;
use taipan_syntax::InputMode;
use taipan_vm::api::run as pythonrun;
use taipan_vm::api::str as pystr;
use taipan_vm::api::Vm;

/// What the buffered input amounts to so far.
enum Status {
    Complete(taipan_vm::api::Obj),
    Incomplete,
    Error(taipan_vm::api::PyErr),
}

/// Messages of syntax errors that more input could fix.
const INCOMPLETE_HINTS: &[&str] = &[
    "was never closed",
    "unexpected EOF",
    "expected an indented block",
    "unterminated triple-quoted string",
    "EOF while scanning",
];

fn compile_interactive(vm: &Vm, source: &str) -> Status {
    let optimize = vm.config.borrow().optimize;
    let result =
        pythonrun::compile_source(vm, source.as_bytes(), "<stdin>", InputMode::Text, Mode::Single, 0, optimize);
    let lines: Vec<&str> = source.trim_end_matches('\n').split('\n').collect();
    let ends_block = source.ends_with("\n\n") || lines.len() == 1 && !opens_block(lines[0]);
    match result {
        Ok(code) if ends_block => Status::Complete(code),
        Ok(_) => Status::Incomplete,
        Err(e) => {
            let msg = taipan_vm::api::exceptions::get_extra(e.value(), "msg")
                .map(|m| pystr::as_str_lossy(&m).into_owned())
                .unwrap_or_default();
            let hinted = INCOMPLETE_HINTS.iter().any(|h| msg.contains(h));
            let trailing_backslash = lines.last().is_some_and(|l| l.ends_with('\\'));
            if (hinted || trailing_backslash) && !source.ends_with("\n\n") {
                Status::Incomplete
            } else {
                Status::Error(e)
            }
        }
    }
}

/// Does this first line start a compound statement (which needs a blank
/// line to end)?
fn opens_block(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(':') || t.starts_with('@')
}

fn prompt(vm: &Vm, name: &str, default: &str) -> String {
    match taipan_vm::api::sys::sys_attr(vm, name) {
        Some(p) => vm.str(&p).map(|s| pystr::as_str_lossy(&s).into_owned()).unwrap_or_else(|_| default.into()),
        None => default.into(),
    }
}

fn print_banner() {
    let (ma, mi, pa) = taipan_vm::api::sys::VERSION;
    eprintln!("Python {ma}.{mi}.{pa} (Taipan {}) [Rust]", env!("CARGO_PKG_VERSION"));
    eprintln!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
}

/// Run the interactive loop until end of input; the exit status.
pub fn run(vm: &Vm, quiet: bool) -> i32 {
    if !quiet {
        print_banner();
    }
    let main = pythonrun::main_module(vm);
    let globals = taipan_vm::api::module::module_dict(&main);
    let sys = vm.sys_module();
    let _ = vm.setattr_str(&sys, "ps1", &vm.new_str(">>> "));
    let _ = vm.setattr_str(&sys, "ps2", &vm.new_str("... "));
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("taipan: cannot start line editing: {e}");
            return 1;
        }
    };
    let mut buffer = String::new();
    loop {
        let _ = taipan_vm::api::sys::flush_std_streams(vm);
        let p = if buffer.is_empty() { prompt(vm, "ps1", ">>> ") } else { prompt(vm, "ps2", "... ") };
        match editor.readline(&p) {
            Ok(line) => {
                if buffer.is_empty() && line.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(line.as_str());
                buffer.push_str(&line);
                buffer.push('\n');
                match compile_interactive(vm, &buffer) {
                    Status::Incomplete => continue,
                    Status::Error(e) => {
                        buffer.clear();
                        pythonrun::print_exception(vm, e.value());
                    }
                    Status::Complete(code) => {
                        buffer.clear();
                        if let Err(e) = pythonrun::run_code(vm, &code, &globals, None) {
                            if vm.isinstance_type(e.value(), &vm.ctx.exceptions.system_exit) {
                                let status = pythonrun::handle_uncaught(vm, &e);
                                return pythonrun::finalize(vm, status);
                            }
                            pythonrun::print_exception(vm, e.value());
                        }
                        let _ = vm.run_pending_work();
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                taipan_vm::api::sys::write_stderr(vm, "\nKeyboardInterrupt\n");
            }
            Err(ReadlineError::Eof) => {
                println!();
                return pythonrun::finalize(vm, 0);
            }
            Err(e) => {
                eprintln!("taipan: input error: {e}");
                return pythonrun::finalize(vm, 1);
            }
        }
    }
}
