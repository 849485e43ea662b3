//! The `taipan` command (CPython's Programs/python.c and Modules/main.c):
//! the command line, the interactive loop, and the `--dump-ast` developer
//! flag.

mod repl;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use taipan_syntax::ast;
use taipan_vm::api::run::{self as pythonrun, MainSource};
use taipan_vm::api::{Config, Vm};

/// How deep a tree `ast.parse` builds before CPython gives up (its recursion
/// limit, 1000, times its compiler frame scale, 3, less the frames in use).
const AST_CONSTRUCTION_DEPTH_LIMIT: usize = 2990;

const USAGE: &str = "usage: taipan [option] ... [-c cmd | file | -] [arg] ...
Options:
-b     : issue warnings about str(bytes_instance) and comparing bytes with str (-bb: errors)
-B     : don't write .pyc files on import
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONHASHSEED)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate Python from the user's environment (implies -E and -s)
-O     : remove assert and __debug__-dependent statements
-OO    : do -O changes and also discard docstrings
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the Python version number and exit (also --version)
-W arg : warning control
-X opt : set implementation-specific option
--dump-ast FILE : print the file's AST as CPython's ast.dump(..., include_attributes=True, indent=1)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
";

/// What the command line asks for.
struct Invocation {
    config: Config,
    source: Option<MainSource>,
    quiet: bool,
}

fn bad_option(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    eprintln!("usage: taipan [option] ... [-c cmd | file | -] [arg] ...");
    eprintln!("Try `taipan -h' for more information.");
    ExitCode::from(2)
}

fn parse_args(args: &[String]) -> Result<Invocation, ExitCode> {
    let mut config = Config { executable: executable(), install_signal_handlers: true, ..Config::default() };
    let mut source = None;
    let mut quiet = false;
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        if a == "--version" {
            print_version();
            return Err(ExitCode::SUCCESS);
        }
        if a == "--help" {
            print!("{USAGE}");
            return Err(ExitCode::SUCCESS);
        }
        if a == "-" || !a.starts_with('-') {
            break;
        }
        if a == "--" {
            i += 1;
            break;
        }
        if a.starts_with("--") {
            return Err(bad_option(&format!("unknown option {a}")));
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < flags.len() {
            let c = flags[j];
            j += 1;
            // Options that take an argument: the rest of this word or the next one.
            let mut take_arg = |name: char| -> Result<String, ExitCode> {
                let rest: String = flags[j..].iter().collect();
                j = flags.len();
                if !rest.is_empty() {
                    return Ok(rest);
                }
                i += 1;
                args.get(i).cloned().ok_or_else(|| bad_option(&format!("Argument expected for the -{name} option")))
            };
            match c {
                'c' => {
                    let cmd = take_arg('c')?;
                    config.argv = std::iter::once("-c".to_string()).chain(args[i + 1..].iter().cloned()).collect();
                    source = Some(MainSource::Command(cmd));
                    apply_environment(&mut config);
                    config.quiet = quiet;
                    return Ok(Invocation { config, source, quiet });
                }
                'm' => {
                    let _ = take_arg('m')?;
                    eprintln!("taipan: -m is not supported yet (it needs runpy and the import system's module specs)");
                    return Err(ExitCode::from(2));
                }
                'W' => {
                    let w = take_arg('W')?;
                    config.warnoptions.push(w);
                }
                'X' => {
                    let x = take_arg('X')?;
                    config.xoptions.push(x);
                }
                'b' => config.bytes_warning += 1,
                'B' => config.dont_write_bytecode = true,
                'd' => {}
                'E' => config.ignore_environment = true,
                'h' | '?' => {
                    print!("{USAGE}");
                    return Err(ExitCode::SUCCESS);
                }
                'i' => config.inspect = true,
                'I' => {
                    config.isolated = true;
                    config.ignore_environment = true;
                }
                'O' => config.optimize = (config.optimize + 1).min(2),
                'q' => quiet = true,
                's' => {}
                'S' => config.no_site = true,
                'u' => config.unbuffered = true,
                'v' => config.verbose += 1,
                'V' => {
                    print_version();
                    return Err(ExitCode::SUCCESS);
                }
                'R' => {}
                _ => return Err(bad_option(&format!("Unknown option: -{c}"))),
            }
        }
        i += 1;
    }
    if i < args.len() {
        let a = &args[i];
        config.argv = args[i..].to_vec();
        source = Some(if a == "-" { MainSource::Stdin } else { MainSource::File(a.clone()) });
    } else {
        config.argv = vec![String::new()];
    }
    apply_environment(&mut config);
    config.quiet = quiet;
    Ok(Invocation { config, source, quiet })
}

/// The `PYTHON*` environment variables we honour (unless `-E`/`-I`).
fn apply_environment(config: &mut Config) {
    if config.ignore_environment {
        return;
    }
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(seed) = set("PYTHONHASHSEED") {
        if seed != "random" {
            config.hash_seed = seed.parse().ok();
        }
    }
    if set("PYTHONUNBUFFERED").is_some() {
        config.unbuffered = true;
    }
    if set("PYTHONDONTWRITEBYTECODE").is_some() {
        config.dont_write_bytecode = true;
    }
    if set("PYTHONINSPECT").is_some() {
        config.inspect = true;
    }
    if let Some(o) = set("PYTHONOPTIMIZE") {
        config.optimize = config.optimize.max(o.parse::<u8>().unwrap_or(1).min(2));
    }
    if let Some(w) = set("PYTHONWARNINGS") {
        let mut opts: Vec<String> = w.split(',').map(|s| s.trim().to_string()).collect();
        opts.append(&mut config.warnoptions);
        config.warnoptions = opts;
    }
}

fn executable() -> String {
    std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "taipan".into())
}

fn print_version() {
    let (ma, mi, pa) = taipan_vm::api::sys::VERSION;
    println!("Python {ma}.{mi}.{pa} (Taipan {})", env!("CARGO_PKG_VERSION"));
}

/// `sys.path[0]`: the script's directory, or '' for -c, stdin and the REPL.
fn path0(source: &Option<MainSource>, isolated: bool) -> Option<String> {
    if isolated {
        return None;
    }
    Some(match source {
        Some(MainSource::File(f)) => {
            let p = std::path::Path::new(f);
            let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            full.parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default()
        }
        _ => String::new(),
    })
}

fn run(inv: Invocation) -> ExitCode {
    let interactive_stdin = inv.source.is_none() && std::io::stdin().is_terminal();
    let inspect = inv.config.inspect;
    let isolated = inv.config.isolated;
    let vm = Vm::new(inv.config, taipan_stdlib::MODULES);
    if let Some(p0) = path0(&inv.source, isolated) {
        insert_path0(&vm, &p0);
    }
    let source = match inv.source {
        Some(s) => Some(s),
        None if interactive_stdin => None,
        None => Some(MainSource::Stdin),
    };
    let status = match source {
        Some(s) => {
            let status = pythonrun::run_main(&vm, s);
            if inspect && std::io::stdin().is_terminal() {
                repl::run(&vm, true)
            } else {
                status
            }
        }
        None => repl::run(&vm, inv.quiet),
    };
    let _ = std::io::stdout().flush();
    if vm.unhandled_keyboard_interrupt.get() {
        taipan_vm::api::signals::exit_sigint();
    }
    ExitCode::from((status & 0xff) as u8)
}

fn insert_path0(vm: &Vm, p0: &str) {
    if let Some(path) = taipan_vm::api::sys::sys_attr(vm, "path") {
        let _ = vm.call_method(&path, "insert", &[vm.new_int(0), vm.new_str(p0)]);
    }
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
                pythonrun::absolute_path(path),
                e.raw_os_error().unwrap_or(0),
                e
            );
            return ExitCode::from(2);
        }
    };
    let filename = pythonrun::absolute_path(path);
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
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--dump-ast") {
        return match args.get(2) {
            Some(path) => dump_ast(path),
            None => bad_option("--dump-ast needs a FILE"),
        };
    }
    match parse_args(&args) {
        Ok(inv) => run(inv),
        Err(code) => code,
    }
}
