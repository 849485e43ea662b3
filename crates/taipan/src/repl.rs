//! The interactive loop (CPython's `PyRun_InteractiveLoopFlags` and
//! `PyRun_InteractiveOneObject`): one statement at a time, read a line at
//! each prompt (`sys.ps1`, then `sys.ps2`) until the interactive parser
//! (`taipan_syntax::parse_interactive`, CPython's tokenizer reading from a
//! prompt) has a statement or an error; expression results go through
//! `sys.displayhook`; errors are printed through `sys.excepthook` and kept in
//! `sys.last_*`; SystemExit ends the process.
//!
//! Lines come from the line editor (`editor.rs`, standing for GNU
//! readline: history in `~/.python_history`, Tab completion as
//! `rlcompleter`) when stdin and stdout are terminals and Python is not
//! isolated (-I), or else straight from stdin with the prompt on stderr
//! (CPython's `PyOS_StdioReadline`, e.g. `python -i` in a pipe).

use std::io::{IsTerminal, Write};

use taipan_syntax::{parse_interactive, Interactive};
use taipan_vm::api::run::{self as pythonrun, Mode, ReadlineResult};
use taipan_vm::api::{module, str as pystr, Obj, PyErr, Vm};

use crate::editor;

/// How the loop ended.
pub enum End {
    /// End of input at the first prompt.
    Eof,
    /// SystemExit with this status.
    Exit(i32),
}

/// The line reader of a session.
enum Reader {
    /// The line editor (`editor.rs`).
    Editor,
    Stdio(StdioReader),
}

impl Reader {
    fn read(&mut self, vm: &Vm, prompt: &str) -> ReadlineResult {
        pythonrun::flush_io(vm);
        match self {
            Reader::Editor => editor::readline(vm, prompt),
            Reader::Stdio(r) => r.read(vm, prompt),
        }
    }

    /// After end of input or an interrupt CPython's tokenizer writes a
    /// newline to sys.stderr; the line editor has already moved to a new
    /// line.
    fn newline_after_end(&self, vm: &Vm) {
        if let Reader::Stdio(_) = self {
            taipan_vm::api::sys::write_stderr(vm, "\n");
        }
    }

    /// The session is over.
    fn close(&self, vm: &Vm) {
        if let Reader::Editor = self {
            editor::uninstall(vm);
        }
    }
}

/// CPython's `PyOS_StdioReadline`: the prompt on stderr, a line from stdin
/// read a byte at a time (CPython makes C's stdin unbuffered for `-i`, so
/// what a statement reads from sys.stdin is what follows its line).
struct StdioReader {
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
}

impl StdioReader {
    fn new() -> StdioReader {
        StdioReader { buf: vec![0; 1], pos: 0, len: 0, eof: false }
    }

    fn read(&mut self, vm: &Vm, prompt: &str) -> ReadlineResult {
        {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(prompt.as_bytes());
            let _ = err.flush();
        }
        let mut line = Vec::new();
        loop {
            if self.pos < self.len {
                let avail = &self.buf[self.pos..self.len];
                if let Some(nl) = avail.iter().position(|&b| b == b'\n') {
                    line.extend_from_slice(&avail[..=nl]);
                    self.pos += nl + 1;
                    break;
                }
                line.extend_from_slice(avail);
                self.pos = self.len;
            }
            if self.eof {
                break;
            }
            // SAFETY: reading into our own buffer of `buf.len()` bytes.
            let n = unsafe { libc::read(0, self.buf.as_mut_ptr().cast(), self.buf.len()) };
            if n < 0 {
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                    // A signal: its Python handler runs now; KeyboardInterrupt
                    // abandons the line.
                    if vm.check_signals().is_err() {
                        return ReadlineResult::Interrupt;
                    }
                    continue;
                }
                self.eof = true;
            } else if n == 0 {
                self.eof = true;
            } else {
                self.pos = 0;
                self.len = n as usize;
            }
        }
        if line.is_empty() {
            return ReadlineResult::Eof;
        }
        ReadlineResult::Line(editor::translate_newlines(&String::from_utf8_lossy(&line)))
    }
}

/// `str(sys.<name>)`, or "" when it is missing or fails (as CPython).
fn prompt(vm: &Vm, name: &str) -> String {
    match taipan_vm::api::sys::sys_attr(vm, name) {
        Some(p) => vm.str(&p).map(|s| pystr::as_str_lossy(&s).into_owned()).unwrap_or_default(),
        None => String::new(),
    }
}

/// Set `sys.<name>` unless it exists.
fn default_prompt(vm: &Vm, name: &str, value: &str) {
    let sys = vm.sys_module();
    if vm.getattr_str_opt(&sys, name).ok().flatten().is_none() {
        let _ = vm.setattr_str(&sys, name, &vm.new_str(value));
    }
}

/// CPython's `PyErr_Print`: SystemExit gives the exit status; any other
/// exception is stored in `sys.last_type`, `sys.last_value` and
/// `sys.last_traceback` and printed through `sys.excepthook`.
fn print_error(vm: &Vm, e: &PyErr) -> Option<i32> {
    let exc = e.value();
    if vm.isinstance_type(exc, &vm.ctx.exceptions.system_exit) {
        return Some(pythonrun::system_exit_status(vm, exc));
    }
    let sys = vm.sys_module();
    let tb = vm.getattr_str_opt(exc, "__traceback__").ok().flatten().unwrap_or_else(|| vm.none());
    let _ = vm.setattr_str(&sys, "last_type", &exc.class_obj());
    let _ = vm.setattr_str(&sys, "last_value", exc);
    let _ = vm.setattr_str(&sys, "last_traceback", &tb);
    pythonrun::print_exception(vm, exc);
    None
}

/// Choose the line reader: the line editor when stdin and stdout are
/// terminals (with completion and history when `site` would set them up),
/// else plain stdin.
fn make_reader(vm: &Vm) -> Reader {
    let (no_site, isolated) = {
        let c = vm.config.borrow();
        (c.no_site, c.isolated)
    };
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // CPython imports readline for a terminal unless -I (isolated), and
    // site's hook, also skipped under -I, sets up completion and the
    // history file unless -S; readline alone makes Tab insert itself.
    if terminal && !isolated && editor::install(vm, !no_site) {
        Reader::Editor
    } else {
        Reader::Stdio(StdioReader::new())
    }
}

/// Run `PYTHONSTARTUP` in `__main__` before the interactive loop (CPython's
/// `pymain_run_startup`); Some(status) when it raised SystemExit.
pub fn run_startup_file(vm: &Vm, use_environment: bool) -> Option<i32> {
    if !use_environment {
        return None;
    }
    let path = std::env::var_os("PYTHONSTARTUP").filter(|p| !p.is_empty())?;
    let path = std::path::PathBuf::from(path);
    if let Err(e) = std::fs::File::open(&path) {
        taipan_vm::api::sys::write_stderr(vm, "Could not open PYTHONSTARTUP\n");
        let err = taipan_vm::api::exceptions::os_error_from_io(vm, &e, Some(&pythonrun::fs_str(vm, &path)));
        return print_error(vm, &err);
    }
    match pythonrun::run_in_main(vm, &pythonrun::MainSource::File(path)) {
        Ok(()) => None,
        Err(e) => print_error(vm, &e),
    }
}

/// Call `sys.__interactivehook__` if a program set one (CPython's
/// `pymain_run_interactive_hook`; Taipan's own readline setup is native).
fn run_interactive_hook(vm: &Vm) -> Option<i32> {
    let hook = taipan_vm::api::sys::sys_attr(vm, "__interactivehook__")?;
    if let Err(e) = vm.call(&hook, &[], None) {
        taipan_vm::api::sys::write_stderr(vm, "Failed calling sys.__interactivehook__\n");
        return print_error(vm, &e);
    }
    None
}

/// What reading one statement gave.
enum Statement {
    Code(taipan_syntax::ast::Mod, Vec<taipan_syntax::Warning>),
    Error(taipan_syntax::SyntaxError, Vec<taipan_syntax::Warning>),
    Interrupt,
    Exit,
}

/// Read lines until they make a statement (CPython's interactive
/// tokenizer asks for more while a compound statement, a bracket or a
/// triple-quoted string is open).
fn read_statement(vm: &Vm, reader: &mut Reader) -> Statement {
    let ps1 = prompt(vm, "ps1");
    let ps2 = prompt(vm, "ps2");
    let mut chunks: Vec<String> = Vec::new();
    let mut at_eof = false;
    loop {
        let p = if chunks.is_empty() { &ps1 } else { &ps2 };
        match reader.read(vm, p) {
            ReadlineResult::Line(l) => chunks.push(l),
            ReadlineResult::Eof => {
                reader.newline_after_end(vm);
                at_eof = true;
            }
            ReadlineResult::Interrupt => {
                reader.newline_after_end(vm);
                return Statement::Interrupt;
            }
        }
        let out = parse_interactive(&chunks, at_eof, "<stdin>");
        match out.result {
            Interactive::NeedMore if !at_eof => continue,
            Interactive::NeedMore | Interactive::Exit => return Statement::Exit,
            Interactive::Statement(m) => return Statement::Code(m, out.warnings),
            Interactive::Error(e) => return Statement::Error(e, out.warnings),
        }
    }
}

/// The interactive loop on `__main__`, until end of input or SystemExit.
pub fn run(vm: &Vm) -> End {
    default_prompt(vm, "ps1", ">>> ");
    default_prompt(vm, "ps2", "... ");
    if let Some(code) = run_interactive_hook(vm) {
        return End::Exit(code);
    }
    let mut reader = make_reader(vm);
    let end = interact(vm, &mut reader);
    reader.close(vm);
    end
}

fn interact(vm: &Vm, reader: &mut Reader) -> End {
    // `from __future__` imports stay in force for the rest of the session.
    let mut future_flags: u32 = 0;
    loop {
        let err = match read_statement(vm, reader) {
            Statement::Exit => return End::Eof,
            Statement::Interrupt => Some(vm.new_exception(&vm.ctx.exceptions.keyboard_interrupt, vec![])),
            Statement::Error(e, warnings) => Some(
                pythonrun::emit_syntax_warnings(vm, &warnings, "<stdin>")
                    .err()
                    .unwrap_or_else(|| pythonrun::syntax_error(vm, &e)),
            ),
            Statement::Code(tree, warnings) => {
                match pythonrun::emit_syntax_warnings(vm, &warnings, "<stdin>")
                    .and_then(|()| pythonrun::compile_ast(vm, &tree, "<stdin>", Mode::Single, future_flags))
                {
                    Err(e) => Some(e),
                    Ok(code) => {
                        future_flags |= future_features(vm, &code);
                        let globals = module::module_dict(&pythonrun::main_module(vm));
                        // CPython's run_eval_code_obj: the flag tells whether
                        // the last statement ended with KeyboardInterrupt.
                        vm.unhandled_keyboard_interrupt.set(false);
                        let r = pythonrun::run_code(vm, &code, &globals, None);
                        let _ = vm.run_pending_work();
                        match r {
                            Ok(_) => None,
                            Err(e) => {
                                if vm.isinstance_type(e.value(), &vm.ctx.exceptions.keyboard_interrupt) {
                                    vm.unhandled_keyboard_interrupt.set(true);
                                }
                                Some(e)
                            }
                        }
                    }
                }
            }
        };
        if let Some(e) = err {
            if let Some(status) = print_error(vm, &e) {
                return End::Exit(status);
            }
        }
        pythonrun::flush_io(vm);
    }
}

/// The `from __future__` features a statement turned on (the compiler
/// records them in `co_flags`; `annotations` is the one 3.11 still has).
fn future_features(vm: &Vm, code: &Obj) -> u32 {
    const CO_FUTURE_ANNOTATIONS: i64 = 0x100_0000;
    const CO_FUTURE_BARRY_AS_BDFL: i64 = 0x40_0000;
    let flags = vm.getattr_str_opt(code, "co_flags").ok().flatten().and_then(|f| vm.to_i64(&f).ok()).unwrap_or(0);
    (flags & (CO_FUTURE_ANNOTATIONS | CO_FUTURE_BARRY_AS_BDFL)) as u32
}
