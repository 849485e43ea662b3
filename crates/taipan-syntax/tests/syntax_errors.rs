//! Every broken snippet of tests/syntax_errors/cases.py must fail exactly as
//! CPython 3.11 fails on it: the same text from `python3 FILE` (type, message,
//! line, source line and caret), and the same SyntaxError attributes from
//! `compile(source_bytes, ...)`. The expectations come from
//! tests/syntax_errors/gen_expected.py, which runs python3.

use serde_json::Value;
use taipan_syntax::{parse, parse_module, InputMode, StartRule, SyntaxError};

fn load_cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/syntax_errors/expected.json");
    let text = std::fs::read_to_string(path).expect("expected.json");
    serde_json::from_str::<Value>(&text).expect("valid JSON").as_array().expect("a list").clone()
}

fn source_bytes(case: &Value) -> Vec<u8> {
    case["source"].as_str().unwrap().chars().map(|c| c as u32 as u8).collect()
}

fn attrs_of(e: &SyntaxError) -> Value {
    let opt = |v: Option<i64>| v.map_or(Value::Null, Value::from);
    serde_json::json!({
        "type": e.error_type.name(),
        "msg": e.msg,
        "lineno": opt(e.lineno),
        "offset": opt(e.offset),
        "end_lineno": opt(e.end_lineno),
        "end_offset": opt(e.end_offset),
    })
}

#[test]
fn syntax_errors_match_cpython() {
    let cases = load_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let src = source_bytes(case);
        let expected_stderr = case["stderr"].as_str().unwrap();
        let file = std::panic::catch_unwind(|| parse_module(&src, "<FILE>"));
        let Ok(file) = file else {
            failures.push(format!("{name}: PANIC"));
            continue;
        };
        match &file.result {
            Ok(_) => failures.push(format!("{name}: parsed without error")),
            Err(e) => {
                let mut got: String =
                    file.warnings.iter().filter(|w| w.shown_by_default()).map(|w| w.render("<FILE>", &src)).collect();
                got.push_str(&e.render());
                if got != expected_stderr {
                    failures.push(format!("{name}: python3 FILE printed\n{expected_stderr}taipan printed\n{got}"));
                }
            }
        }
        let expected_attrs = &case["compile"];
        let compiled = parse(&src, "<FILE>", InputMode::Bytes, StartRule::File);
        if let Err(e) = &compiled.result {
            let mut got = attrs_of(e);
            if expected_attrs.get("offset").is_none() {
                got = serde_json::json!({"type": e.error_type.name(), "msg": e.msg});
            }
            if &got != expected_attrs {
                failures.push(format!("{name}: compile() attributes\n  expected {expected_attrs}\n  got      {got}"));
            }
        } else {
            failures.push(format!("{name}: compile() parsed without error"));
        }
    }
    let total = cases.len();
    eprintln!("syntax errors: {}/{} cases match CPython 3.11", total - failures.len(), total);
    if !failures.is_empty() {
        panic!("{} of {} cases differ:\n\n{}", failures.len(), total, failures.join("\n\n"));
    }
}
