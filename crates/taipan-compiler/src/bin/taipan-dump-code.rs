//! `taipan-dump-code [-O|-OO] [--bytes] FILE...`: compile each file as
//! `python3 FILE` would (with `--bytes`: as `compile()` of the file's bytes,
//! which is what `tests/compiler/dump_code.py` does; only errors in reading
//! the source differ) and print its code objects in the canonical dump format
//! (`dump.rs`), for comparison with `dump_code.py`.

use std::process::ExitCode;

use taipan_compiler::{compile_with_warnings, dump_code, CompileOptions};

fn main() -> ExitCode {
    let mut options = CompileOptions::default();
    let mut files = Vec::new();
    let mut bench = false;
    let mut input_mode = taipan_syntax::InputMode::File;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-O" => options.optimize = 1,
            "-OO" => options.optimize = 2,
            "--bench" => bench = true,
            "--bytes" => input_mode = taipan_syntax::InputMode::Bytes,
            _ => files.push(arg),
        }
    }
    if bench {
        return run_bench(&files, &options);
    }
    if files.is_empty() {
        eprintln!("usage: taipan-dump-code [-O|-OO] [--bytes] FILE...");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        if files.len() > 1 {
            println!("file {file}");
        }
        let parsed = taipan_syntax::parse(&bytes, file, input_mode, taipan_syntax::StartRule::File);
        let module = match parsed.result {
            Ok(m) => m,
            Err(e) => {
                for w in &parsed.warnings {
                    println!("warning {} {}: {}", w.category.name(), w.lineno, w.msg);
                }
                println!("{}", error_line(&e));
                continue;
            }
        };
        let out = compile_with_warnings(&module, file, &options);
        for w in parsed.warnings.iter().chain(&out.warnings) {
            println!("warning {} {}: {}", w.category.name(), w.lineno, w.msg);
        }
        match out.result {
            Ok(code) => print!("{}", dump_code(&code)),
            Err(e) => println!("{}", error_line(&e)),
        }
    }
    status
}

/// `error TYPE: MSG (lineno, offset, end_lineno, end_offset)`, as
/// `dump_code.py` prints CPython's SyntaxErrors.
fn error_line(e: &taipan_syntax::SyntaxError) -> String {
    let show = |v: Option<i64>| v.map_or("None".to_string(), |v| v.to_string());
    let text = match &e.text {
        Some(t) => taipan_syntax::literal::str_repr(&taipan_syntax::literal::StrLit::from_text(t)),
        None => "None".to_string(),
    };
    format!(
        "error {}: {} ({}, {}, {}, {}) {}",
        e.error_type.name(),
        e.msg,
        show(e.lineno),
        show(e.offset),
        show(e.end_lineno),
        show(e.end_offset),
        text
    )
}

/// `--bench`: time parsing and compiling the files, without dumping.
fn run_bench(files: &[String], options: &CompileOptions) -> ExitCode {
    let sources: Vec<(String, Vec<u8>)> =
        files.iter().filter_map(|f| std::fs::read(f).ok().map(|b| (f.clone(), b))).collect();
    let (mut parse, mut compile, mut ok) = (0.0, 0.0, 0);
    for (file, bytes) in &sources {
        let t0 = std::time::Instant::now();
        let parsed = taipan_syntax::parse_module(bytes, file);
        let t1 = std::time::Instant::now();
        parse += (t1 - t0).as_secs_f64();
        if let Ok(module) = parsed.result {
            ok += compile_with_warnings(&module, file, options).result.is_ok() as usize;
            compile += t1.elapsed().as_secs_f64();
        }
    }
    println!("{} files, {ok} compiled: parse {parse:.3}s, compile {compile:.3}s", sources.len());
    ExitCode::SUCCESS
}
