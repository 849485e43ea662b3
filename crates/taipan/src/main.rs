//! The `taipan` command (CPython's Programs/python.c and Modules/main.c).

use std::io::Write;
use std::process::ExitCode;

use taipan_syntax::ast;

/// How deep a tree `ast.parse` builds before CPython gives up (its recursion
/// limit, 1000, times its compiler frame scale, 3, less the frames in use).
const AST_CONSTRUCTION_DEPTH_LIMIT: usize = 2990;

fn usage() -> ExitCode {
    eprintln!("usage: taipan --dump-ast FILE");
    ExitCode::from(2)
}

/// CPython 3.11 makes the script path absolute before compiling it.
fn absolute(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => cwd.join(p).to_string_lossy().into_owned(),
        Err(_) => path.to_string(),
    }
}

/// `taipan --dump-ast FILE`: print `ast.dump(ast.parse(source),
/// include_attributes=True, indent=1)` as CPython 3.11 does, or the
/// SyntaxError exactly as `python3 FILE` reports it.
fn dump_ast(path: &str) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("taipan: can't open file '{}': [Errno {}] {}", absolute(path), e.raw_os_error().unwrap_or(0), e);
            return ExitCode::from(2);
        }
    };
    let filename = absolute(path);
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
    match args.get(1).map(String::as_str) {
        Some("--dump-ast") => match args.get(2) {
            Some(path) => dump_ast(path),
            None => usage(),
        },
        _ => usage(),
    }
}
