//! The line editor, standing for GNU readline as CPython's `readline`
//! module sets it up: rustyline with readline's key bindings for history,
//! Tab completion (`complete.rs`) and `~/.python_history` (`history.rs`)
//! when `site` would set them up, and the reader of `input()` at the
//! terminal while it is installed (CPython's `PyOS_ReadlineFunctionPointer`).
//!
//! The editor is per thread (the interactive loop's, which `input()` reaches
//! through the interpreter's readline hook), and the interpreter reading a
//! line is made known to the completer for the duration of the read.

use std::cell::RefCell;
use std::io::Write;

use rustyline::error::ReadlineError;
use rustyline::history::{History as _, MemHistory};
use rustyline::{Cmd, CompletionType, Config, EditMode, Editor, KeyCode, KeyEvent, Modifiers};
use taipan_vm::api::run::{self as pythonrun, ReadlineResult};
use taipan_vm::api::Vm;

use crate::complete::ReplHelper;
use crate::history::History;

struct LineEditor {
    editor: Editor<ReplHelper, MemHistory>,
    history: History,
    /// Where the history is saved (None without site's readline setup).
    history_path: Option<std::path::PathBuf>,
}

thread_local! {
    static EDITOR: RefCell<Option<LineEditor>> = const { RefCell::new(None) };
}

scoped_tls::scoped_thread_local!(
    /// The interpreter reading a line (what completion evaluates in).
    pub static CURRENT_VM: Vm
);

/// CPython's `translate_newlines`: `\r\n` and `\r` become `\n`.
pub fn translate_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// Set up the line editor (with completion and the history file when
/// `site`), make `input()` read through it, and start following the output
/// line. False if the terminal cannot be edited.
pub fn install(vm: &Vm, site: bool) -> bool {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_dups(false)
        .and_then(|b| b.max_history_size(1 << 20))
        .map(|b| b.edit_mode(EditMode::Emacs).tab_stop(8).build());
    let Ok(config) = config else { return false };
    let Ok(mut editor) = Editor::with_history(config, MemHistory::with_config(config)) else { return false };
    editor.set_helper(Some(ReplHelper::new(site)));
    // readline's arrows walk the history, also through a multi-line entry.
    editor.bind_sequence(KeyEvent(KeyCode::Up, Modifiers::NONE), Cmd::PreviousHistory);
    editor.bind_sequence(KeyEvent(KeyCode::Down, Modifiers::NONE), Cmd::NextHistory);
    let history_path = if site { crate::history::default_path() } else { None };
    let history = match &history_path {
        Some(p) => History::load(p),
        None => History { entries: vec![] },
    };
    for e in &history.entries {
        let _ = editor.history_mut().add(e);
    }
    EDITOR.with(|cell| *cell.borrow_mut() = Some(LineEditor { editor, history, history_path }));
    taipan_vm::api::sys::track_output(vm, true);
    pythonrun::set_readline_hook(vm, Some(input_hook));
    true
}

/// The session is over: save the history (site.py's atexit hook) and put
/// `input()` back on sys.stdin.
pub fn uninstall(vm: &Vm) {
    pythonrun::set_readline_hook(vm, None);
    taipan_vm::api::sys::track_output(vm, false);
    if let Some(le) = EDITOR.with(|cell| cell.borrow_mut().take()) {
        if let Some(path) = &le.history_path {
            le.history.save(path);
        }
    }
}

/// `input()` at the terminal.
fn input_hook(vm: &Vm, prompt: &str) -> ReadlineResult {
    let r = readline(vm, prompt);
    if let ReadlineResult::Eof | ReadlineResult::Interrupt = r {
        // readline prints no newline when Ctrl-D or Ctrl-C ends a read (at
        // the prompt CPython's tokenizer prints one); for input() the cursor
        // stays after what was shown.
        let shown = EDITOR.with(|cell| {
            let guard = cell.try_borrow().ok()?;
            let h = guard.as_ref()?.editor.helper()?;
            let shown = h.shown.borrow().clone();
            Some((h.prompt.clone(), shown))
        });
        if let Some((prompt, line)) = shown {
            let cols = crate::complete::terminal_size().0;
            let (_, col) = crate::complete::layout(&line, crate::complete::layout(&prompt, (0, 0), cols), cols);
            let mut out = std::io::stdout().lock();
            let _ = write!(out, "\x1b[A\r");
            if col > 0 {
                let _ = write!(out, "\x1b[{col}C");
            }
            let _ = out.flush();
        }
    }
    r
}

/// Read a line with `prompt` (GNU readline through CPython's
/// `call_readline`): the line with a newline added, end of input, or an
/// interrupt.
pub fn readline(vm: &Vm, prompt: &str) -> ReadlineResult {
    // readline draws its prompt after whatever the last output left
    // unfinished on the line; the line editor redraws the whole line, so it
    // is given that text too.
    let tail = taipan_vm::api::sys::take_output_tail(vm);
    let prompt = format!("{}{prompt}", String::from_utf8_lossy(&tail));
    EDITOR.with(|cell| {
        // A completion that evaluates an expression calling input() finds
        // the editor busy: end of input, as a reader that cannot read.
        let Ok(mut guard) = cell.try_borrow_mut() else { return ReadlineResult::Eof };
        let Some(le) = guard.as_mut() else { return ReadlineResult::Eof };
        if let Some(h) = le.editor.helper_mut() {
            h.reset(&prompt);
        }
        let r = CURRENT_VM.set(vm, || le.editor.readline(&prompt));
        match r {
            Ok(line) => {
                // CPython's readline module adds every non-empty line that
                // differs from the last entry.
                if le.history.add(&line) {
                    let _ = le.editor.history_mut().add(&line);
                }
                if line.ends_with('\n') || (line.is_empty() && prompt.is_empty()) {
                    // The cursor was alone on an empty last line (a paste
                    // ended with a newline, or nothing was shown at all):
                    // readline's final redisplay prints no newline for it.
                    let mut out = std::io::stdout().lock();
                    let _ = out.write_all(b"\x1b[A");
                    let _ = out.flush();
                }
                ReadlineResult::Line(translate_newlines(&line) + "\n")
            }
            Err(ReadlineError::Interrupted) => ReadlineResult::Interrupt,
            Err(_) => ReadlineResult::Eof,
        }
    })
}
