//! `parse_bench taipan|ruff FILELIST`: parse every file named in FILELIST
//! (one path per line) several times and print one JSON line with the bytes
//! parsed, the best time, and memory: resident set size with the sources
//! loaded, and its peak while every tree is held at once.

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

enum Tree {
    Taipan(taipan_syntax::ast::Mod),
    Ruff(Box<dyn std::any::Any>),
}

fn parse_one(which: &str, bytes: &[u8], text: &str) -> Tree {
    match which {
        "tokens" => {
            let mut t = taipan_syntax::tokenizer::Tokenizer::new(bytes, None, "<bench>", true);
            let mut n = 0;
            while let Ok(tok) = t.next_token() {
                n += 1;
                if tok.kind == taipan_syntax::token::TokenKind::EndMarker {
                    break;
                }
            }
            Tree::Ruff(Box::new(n))
        }
        "taipan" => {
            let out = taipan_syntax::parse_module(bytes, "<bench>");
            Tree::Taipan(out.result.expect("the benchmark files all parse"))
        }
        _ => Tree::Ruff(Box::new(ruff_python_parser::parse_module(text).expect("the benchmark files all parse"))),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args[1].clone();
    let list = std::fs::read_to_string(&args[2]).expect("file list");
    let iterations: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    let sources: Vec<(Vec<u8>, String)> = list
        .lines()
        .map(|p| {
            let b = std::fs::read(p).expect("readable file");
            let t = String::from_utf8(b.clone()).expect("UTF-8 file");
            (b, t)
        })
        .collect();
    let total: usize = sources.iter().map(|(b, _)| b.len()).sum();
    let baseline = rss_kib("VmRSS:");

    // Time: each file parsed and dropped, best of `iterations` rounds.
    let mut best = f64::MAX;
    for _ in 0..iterations {
        let t = Instant::now();
        for (b, s) in &sources {
            let tree = parse_one(&which, b, s);
            std::hint::black_box(&tree);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }

    if std::env::var_os("BENCH_TIME_ONLY").is_some() {
        println!("{best:.6}");
        return;
    }
    // Memory: every tree alive at once.
    let trees: Vec<Tree> = sources.iter().map(|(b, s)| parse_one(&which, b, s)).collect();
    let held = rss_kib("VmHWM:");
    std::hint::black_box(&trees);
    println!(
        "{{\"parser\": \"{which}\", \"files\": {}, \"bytes\": {total}, \"seconds\": {best:.6}, \"baseline_kib\": {baseline}, \"peak_kib\": {held}}}",
        sources.len()
    );
}
