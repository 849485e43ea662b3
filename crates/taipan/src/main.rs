//! The `taipan` command (CPython's Programs/python.c and Modules/main.c):
//! the command line and environment (`cmdline.rs`, CPython's
//! `config_parse_cmdline` and `config_read_env_vars`), what runs (a command,
//! a script, stdin, the interactive loop in `repl.rs`), `-i`, and the
//! `--dump-ast` developer flag.

mod cmdline;
mod complete;
mod editor;
mod help;
mod history;
mod repl;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use cmdline::{Invocation, Program};
use taipan_syntax::ast;
use taipan_vm::api::run::{self as pythonrun, MainSource};
use taipan_vm::api::Vm;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Which of the descriptors 0, 1 and 2 were closed when the process
/// started (bit n for descriptor n). Rust's runtime opens /dev/null on
/// them before `main`; CPython leaves them closed and makes the stream
/// None, so `main` closes them again.
static CLOSED_STD_FDS: AtomicU8 = AtomicU8::new(0);

extern "C" fn record_closed_std_fds() {
    let mut mask = 0;
    for fd in 0..3 {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            mask |= 1 << fd;
        }
    }
    CLOSED_STD_FDS.store(mask, Ordering::Relaxed);
}

/// Runs before Rust's runtime initialisation (the loader calls
/// `.init_array` entries before `main`).
#[used]
#[link_section = ".init_array"]
static RECORD_CLOSED_STD_FDS: extern "C" fn() = record_closed_std_fds;

/// Close again the standard descriptors Rust's runtime reopened on
/// /dev/null, so `sys.stdin`/`stdout`/`stderr` are None for them.
fn reclose_std_fds() {
    let mask = CLOSED_STD_FDS.load(Ordering::Relaxed);
    for fd in 0..3 {
        if mask & (1 << fd) != 0 {
            // SAFETY: the descriptor is the /dev/null Rust's runtime opened
            // in place of a closed one; nothing else holds it yet.
            unsafe { libc::close(fd) };
        }
    }
}

/// How deep a tree `ast.parse` builds before CPython gives up (its recursion
/// limit, 1000, times its compiler frame scale, 3, less the frames in use).
const AST_CONSTRUCTION_DEPTH_LIMIT: usize = 2990;

/// `sys.path[0]`: the script's directory, or '' for -c, stdin and the REPL.
fn path0(program: &Program) -> PathBuf {
    match program {
        Program::File(f) => {
            let full = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
            full.parent().map(Path::to_path_buf).unwrap_or_default()
        }
        // -m: the current directory, as a full path.
        Program::Module(_) => std::env::current_dir().unwrap_or_default(),
        _ => PathBuf::new(),
    }
}

fn insert_path0(vm: &Vm, p0: &Path) {
    if let Some(path) = taipan_vm::api::sys::sys_attr(vm, "path") {
        let _ = vm.call_method(&path, "insert", &[vm.new_int(0), pythonrun::fs_str(vm, p0)]);
    }
}

/// The interactive banner (CPython's `pymain_header`), on stderr.
fn print_header(site: bool) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "Python {} on linux", taipan_vm::api::sys::version_string());
    if site {
        let _ = writeln!(err, "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    }
}

/// Run what the command line asks for (CPython's `pymain_run_python`).
fn run(inv: Invocation) -> ExitCode {
    let config = &inv.config;
    // `-i` makes stdin interactive even when it is not a terminal.
    let stdin_is_interactive = std::io::stdin().is_terminal() || config.interactive > 0;
    let runs_code = !matches!(inv.program, Program::Stdin);
    let show_header = !config.quiet && (config.verbose > 0 || (!runs_code && stdin_is_interactive));
    let site = !config.no_site;
    let safe_path = config.safe_path || config.isolated;
    let use_environment = !config.ignore_environment;
    let faulthandler = wants_faulthandler(config);
    let vm = Vm::new(inv.config, taipan_stdlib::MODULES);
    if faulthandler {
        enable_faulthandler(&vm);
    }
    // A directory or zip file as the script runs its `__main__` module,
    // the path first on sys.path (CPython's `pymain_get_importer`).
    let main_importer = match &inv.program {
        Program::File(f) => match pythonrun::has_main_importer(&vm, f) {
            // CPython 3.11 makes the script's path absolute first.
            Ok(true) => Some(pythonrun::absolute_path(f)),
            Ok(false) => None,
            Err(e) => {
                let status = pythonrun::handle_uncaught(&vm, &e);
                return exit(&vm, status);
            }
        },
        _ => None,
    };
    if let Some(p0) = &main_importer {
        insert_path0(&vm, p0);
    } else if !safe_path {
        insert_path0(&vm, &path0(&inv.program));
    }
    if show_header {
        print_header(site);
    }
    let mut status = match inv.program {
        Program::Command(c) => pythonrun::run_main_source(&vm, MainSource::Command(c)),
        Program::File(_) if main_importer.is_some() => pythonrun::run_module_as_main(&vm, "__main__", false),
        Program::File(f) => pythonrun::run_main_source(&vm, MainSource::File(f)),
        Program::Module(m) => pythonrun::run_module(&vm, &m),
        Program::Stdin if stdin_is_interactive => {
            // The loop is the program: SystemExit ends it (CPython's
            // `pymain_run_stdin`).
            vm.config.borrow_mut().inspect = 0;
            match repl::run_startup_file(&vm, use_environment) {
                Some(code) => return exit(&vm, code),
                None => match repl::run(&vm) {
                    repl::End::Eof => 0,
                    repl::End::Exit(code) => return exit(&vm, code),
                },
            }
        }
        Program::Stdin => pythonrun::run_main_source(&vm, MainSource::Stdin),
    };
    // `-i` (or PYTHONINSPECT, which the program may have set): inspect the
    // program's namespace interactively (CPython's `pymain_repl`).
    if vm.config.borrow().inspect == 0
        && use_environment
        && std::env::var_os("PYTHONINSPECT").is_some_and(|v| !v.is_empty())
    {
        vm.config.borrow_mut().inspect = 1;
    }
    if vm.config.borrow().inspect > 0 && stdin_is_interactive && runs_code {
        vm.config.borrow_mut().inspect = 0;
        status = match repl::run(&vm) {
            repl::End::Eof => 0,
            repl::End::Exit(code) => code,
        };
    }
    exit(&vm, status)
}

/// `-X faulthandler`, a non-empty PYTHONFAULTHANDLER or the development
/// mode enable faulthandler at start-up (CPython's `config->faulthandler`).
fn wants_faulthandler(config: &taipan_vm::api::Config) -> bool {
    config.dev_mode
        || config.xoptions.iter().any(|x| x == "faulthandler")
        || (!config.ignore_environment && std::env::var_os("PYTHONFAULTHANDLER").is_some_and(|v| !v.is_empty()))
}

fn enable_faulthandler(vm: &Vm) {
    let r = taipan_vm::api::import::import_module(vm, "faulthandler")
        .and_then(|m| vm.getattr_str(&m, "enable"))
        .and_then(|f| vm.call0(&f));
    if let Err(e) = r {
        pythonrun::print_exception(vm, e.value());
    }
}

/// Finalize the interpreter and end the process with `status` (or as
/// killed by SIGINT after an uncaught KeyboardInterrupt).
fn exit(vm: &Vm, status: i32) -> ExitCode {
    let status = pythonrun::finalize(vm, status);
    let _ = std::io::stdout().flush();
    if vm.unhandled_keyboard_interrupt.get() {
        taipan_vm::api::signals::exit_sigint();
    }
    ExitCode::from((status & 0xff) as u8)
}

/// `taipan --dump-ast FILE`: print `ast.dump(ast.parse(source),
/// include_attributes=True, indent=1)` as CPython 3.11 does, or the
/// SyntaxError exactly as `python3 FILE` reports it.
fn dump_ast(path: &str) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "taipan: can't open file '{}': [Errno {}] {}",
                pythonrun::absolute_path(Path::new(path)).display(),
                e.raw_os_error().unwrap_or(0),
                e
            );
            return ExitCode::from(2);
        }
    };
    let filename = pythonrun::absolute_path(Path::new(path)).to_string_lossy().into_owned();
    let out = taipan_syntax::parse_module(&bytes, &filename);
    for w in out.warnings.iter().filter(|w| w.shown_by_default()) {
        eprint!("{}", w.render(&filename, &bytes));
    }
    match out.result {
        Ok(module) => {
            // CPython's ast.parse turns the tree into Python objects
            // recursively and stops at about 3000 levels.
            if ast::max_depth(&module) > AST_CONSTRUCTION_DEPTH_LIMIT {
                eprintln!("RecursionError: maximum recursion depth exceeded during ast construction");
                return ExitCode::from(1);
            }
            let text = ast::dump(&module, 1);
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.write_all(b"\n");
            ExitCode::SUCCESS
        }
        Err(err) => {
            let _ = std::io::stdout().flush();
            eprint!("{}", err.render());
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    reclose_std_fds();
    use std::os::unix::ffi::OsStringExt;
    let raw_args: Vec<Vec<u8>> = std::env::args_os().map(OsStringExt::into_vec).collect();
    let args: Vec<String> = raw_args.iter().map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    if args.get(1).map(String::as_str) == Some("--dump-ast") {
        return match args.get(2) {
            Some(path) => dump_ast(path),
            None => {
                eprintln!("taipan: --dump-ast needs a FILE");
                ExitCode::from(2)
            }
        };
    }
    match cmdline::parse(&args, &raw_args) {
        Ok(inv) => run(inv),
        Err(code) => code,
    }
}
