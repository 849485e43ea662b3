//! Checks every case of `cases.json` (made by `gen_cases.py` with CPython
//! 3.11) and prints every mismatch.

use std::collections::VecDeque;

use num_bigint::BigInt;
use num_traits::Num;
use serde_json::Value;
use taipan_format::*;
use taipan_syntax::literal::{str_repr, StrLit};

/// What a case produced: text (as code points, to allow surrogates) or an error.
#[derive(Debug, PartialEq)]
enum Outcome {
    Text(Vec<u32>),
    Err(String, String),
}

impl Outcome {
    fn text(s: &str) -> Outcome {
        Outcome::Text(s.chars().map(|c| c as u32).collect())
    }
    fn from(r: Result<String, FmtError>) -> Outcome {
        match r {
            Ok(s) => Outcome::text(&s),
            Err(e) => Outcome::err(&e),
        }
    }
    fn err(e: &FmtError) -> Outcome {
        Outcome::Err(e.type_name().into(), e.message().into())
    }
    fn show(&self) -> String {
        match self {
            Outcome::Text(cps) => {
                let s: String = cps.iter().map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect();
                let s = if cps.len() > 300 {
                    format!("{}...({} chars)", s.chars().take(300).collect::<String>(), cps.len())
                } else {
                    s
                };
                format!("{s:?}")
            }
            Outcome::Err(t, m) => format!("{t}: {m}"),
        }
    }
}

fn expected(v: &Value) -> Outcome {
    if let Some(s) = v.get("ok") {
        match s {
            Value::String(s) => Outcome::text(s),
            // as_integer_ratio: a pair of ints
            Value::Array(a) => Outcome::text(&a.iter().map(|x| x.as_str().unwrap()).collect::<Vec<_>>().join(",")),
            _ => panic!("bad ok {s}"),
        }
    } else if let Some(cps) = v.get("okcp") {
        Outcome::Text(cps.as_array().unwrap().iter().map(|c| c.as_u64().unwrap() as u32).collect())
    } else {
        let e = v["err"].as_array().unwrap();
        Outcome::Err(e[0].as_str().unwrap().into(), e[1].as_str().unwrap().into())
    }
}

fn int(s: &str) -> BigInt {
    let (neg, hex) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = BigInt::from_str_radix(hex.strip_prefix("0x").unwrap(), 16).unwrap();
    if neg {
        -v
    } else {
        v
    }
}

fn hex(v: &BigInt) -> String {
    int_to_base(v, 16, true)
}

fn float(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s.strip_prefix("0x").unwrap(), 16).unwrap())
}

fn bits(x: f64) -> String {
    format!("0x{:016x}", x.to_bits())
}

fn repr(s: &str) -> String {
    str_repr(&StrLit::from_text(s))
}

fn repr_bytes(b: &[u8]) -> String {
    taipan_syntax::literal::bytes_repr(b)
}

const LIMIT: usize = DEFAULT_MAX_STR_DIGITS;

struct Report {
    total: usize,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, kind: &str, input: String, got: Outcome, want: Outcome) {
        self.total += 1;
        if got != want {
            self.failures.push(format!("{kind} {input}\n    got:  {}\n    want: {}", got.show(), want.show()));
        }
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn do_format_int(n: &BigInt, type_name: &str, spec: &str) -> Outcome {
    if spec.is_empty() {
        return Outcome::from(int_to_decimal_string(n, LIMIT));
    }
    let spec = match parse_format_spec(spec, Some('d'), '>', type_name) {
        Ok(s) => s,
        Err(e) => return Outcome::err(&e),
    };
    if spec.ty == Some('c') {
        return match format_int_char(n, &spec, type_name) {
            Ok((l, cp, r)) => {
                let f = spec.fill as u32;
                let mut v = vec![f; l];
                v.push(cp);
                v.extend(std::iter::repeat_n(f, r));
                Outcome::Text(v)
            }
            Err(e) => Outcome::err(&e),
        };
    }
    let r = format_int(n, &spec, type_name, LIMIT);
    if let Ok(small) = i64::try_from(n) {
        assert_eq!(format_i64(small, &spec, type_name), r, "format_i64({small}, {spec:?})");
    }
    Outcome::from(r)
}

fn do_format_float(x: f64, spec: &str) -> Outcome {
    if spec.is_empty() {
        return Outcome::text(&float_str(x));
    }
    Outcome::from(parse_format_spec(spec, None, '>', "float").and_then(|sp| format_float(x, &sp, "float")))
}

fn do_format_complex(re: f64, im: f64, spec: &str) -> Outcome {
    if spec.is_empty() {
        return Outcome::text(&complex_repr(re, im));
    }
    Outcome::from(parse_format_spec(spec, None, '>', "complex").and_then(|sp| format_complex(re, im, &sp, "complex")))
}

fn do_format_str(text: &str, spec: &str) -> Outcome {
    if spec.is_empty() {
        return Outcome::text(text);
    }
    let r = parse_format_spec(spec, Some('s'), '<', "str").and_then(|sp| {
        let (l, r, trunc) = format_str_spec(text.chars().count(), &sp, "str")?;
        let mut out = String::new();
        out.extend(std::iter::repeat_n(sp.fill, l));
        out.extend(text.chars().take(trunc.unwrap_or(usize::MAX)));
        out.extend(std::iter::repeat_n(sp.fill, r));
        Ok(out)
    });
    Outcome::from(r)
}

#[derive(Clone, Debug)]
enum Arg {
    Int(BigInt),
    Float(f64),
    Str(String),
}

fn arg(kind: &str, v: &Value) -> Arg {
    match kind {
        "i" => Arg::Int(int(s(v))),
        "f" => Arg::Float(float(s(v))),
        _ => Arg::Str(s(v).to_string()),
    }
}

/// A test double for the VM's side of `%`: a tuple, or a one-key mapping.
struct Args {
    queue: VecDeque<Arg>,
    mapping: Option<(String, Arg)>,
    fmt: Vec<char>,
}

type E = (String, String);

fn fmt_err(e: FmtError) -> E {
    (e.type_name().into(), e.message().into())
}

struct VmErr(E);
impl From<FmtError> for VmErr {
    fn from(e: FmtError) -> VmErr {
        VmErr(fmt_err(e))
    }
}

fn not_enough() -> VmErr {
    VmErr(("TypeError".into(), "not enough arguments for format string".into()))
}

impl PercentArgs for Args {
    type Error = VmErr;
    fn check_mapping(&mut self) -> Result<(), VmErr> {
        if self.mapping.is_none() {
            return Err(VmErr(("TypeError".into(), "format requires a mapping".into())));
        }
        Ok(())
    }
    fn mapping_key(&mut self, start: usize, end: usize) -> Result<(), VmErr> {
        let key: String = self.fmt[start..end].iter().collect();
        let (k, v) = self.mapping.clone().unwrap();
        if key != k {
            return Err(VmErr(("KeyError".into(), repr(&key))));
        }
        self.queue = VecDeque::from([v]);
        Ok(())
    }
    fn star(&mut self, _for_precision: bool) -> Result<i64, VmErr> {
        match self.queue.pop_front() {
            Some(Arg::Int(i)) => Ok(i64::try_from(i).unwrap()),
            Some(_) => Err(VmErr(("TypeError".into(), "* wants int".into()))),
            None => Err(not_enough()),
        }
    }
}

fn do_percent(fmt: &str, mut args: Args) -> Outcome {
    let cps: Vec<char> = fmt.chars().collect();
    args.fmt = cps.clone();
    let is_mapping = args.mapping.is_some();
    let r = (|| -> Result<String, VmErr> {
        assert_eq!(cps[0], '%');
        let spec = parse_percent_spec(&cps, 1, &mut args)?;
        let mut out = String::new();
        if spec.literal_percent {
            out.push('%');
        } else {
            let v = args.queue.pop_front().ok_or_else(not_enough)?;
            let text = |t: &str, out: &mut String| {
                let (l, r, trunc) = percent_text_padding(t.chars().count(), &spec);
                out.extend(std::iter::repeat_n(' ', l));
                out.extend(t.chars().take(trunc.unwrap_or(usize::MAX)));
                out.extend(std::iter::repeat_n(' ', r));
            };
            match (spec.conv_char(), v) {
                (Some('d' | 'i' | 'u' | 'o' | 'x' | 'X'), Arg::Int(n)) => out.push_str(&percent_int(&n, &spec, LIMIT)?),
                (Some('d' | 'i' | 'u'), Arg::Float(x)) => {
                    out.push_str(&percent_int(&float_to_bigint(x)?, &spec, LIMIT)?)
                }
                (Some('e' | 'E' | 'f' | 'F' | 'g' | 'G'), Arg::Float(x)) => out.push_str(&percent_float(x, &spec)?),
                (Some('e' | 'E' | 'f' | 'F' | 'g' | 'G'), Arg::Int(n)) => {
                    out.push_str(&percent_float(int_to_f64(&n)?, &spec)?)
                }
                (Some('s'), Arg::Str(t)) => text(&t, &mut out),
                (Some('s'), Arg::Int(n)) => text(&int_to_decimal_string(&n, LIMIT)?, &mut out),
                (Some('c'), Arg::Int(n)) => {
                    let c = char::from_u32(percent_char_code(&n)?).unwrap();
                    text(&c.to_string(), &mut out)
                }
                (Some('c'), Arg::Str(t)) => text(&t, &mut out),
                (Some(c), v) if "diuoxXeEfFgGsc".contains(c) => panic!("untested combination {c} {v:?}"),
                _ => return Err(unsupported_format_character(&spec).into()),
            }
        }
        out.extend(&cps[spec.end..]);
        if !is_mapping && !args.queue.is_empty() {
            return Err(VmErr(("TypeError".into(), "not all arguments converted during string formatting".into())));
        }
        Ok(out)
    })();
    match r {
        Ok(s) => Outcome::text(&s),
        Err(VmErr((t, m))) => Outcome::Err(t, m),
    }
}

fn float_outcome(r: Result<f64, FmtError>) -> Outcome {
    match r {
        Ok(x) => Outcome::text(&bits(x)),
        Err(e) => Outcome::err(&e),
    }
}

#[test]
fn cpython_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut rep = Report { total: 0, failures: Vec::new() };
    let cases = |k: &str| data[k].as_array().unwrap_or_else(|| panic!("no {k}")).iter();

    for c in cases("format_int") {
        let n = int(s(&c[0]));
        let got = do_format_int(&n, s(&c[1]), s(&c[2]));
        rep.check("format_int", format!("{} {:?} {:?}", n, s(&c[1]), s(&c[2])), got, expected(&c[3]));
    }
    for c in cases("format_float") {
        let x = float(s(&c[0]));
        rep.check("format_float", format!("{x:?} {:?}", s(&c[1])), do_format_float(x, s(&c[1])), expected(&c[2]));
    }
    for c in cases("format_complex") {
        let (re, im) = (float(s(&c[0])), float(s(&c[1])));
        rep.check(
            "format_complex",
            format!("({re:?}, {im:?}) {:?}", s(&c[2])),
            do_format_complex(re, im, s(&c[2])),
            expected(&c[3]),
        );
    }
    for c in cases("format_str") {
        rep.check(
            "format_str",
            format!("{:?} {:?}", s(&c[0]), s(&c[1])),
            do_format_str(s(&c[0]), s(&c[1])),
            expected(&c[2]),
        );
    }
    for c in cases("percent") {
        let mut queue: VecDeque<Arg> =
            c[1].as_array().unwrap().iter().map(|v| Arg::Int(BigInt::from(v.as_i64().unwrap()))).collect();
        let v = arg(s(&c[2]), &c[3]);
        queue.push_back(v.clone());
        let args = Args { queue, mapping: None, fmt: Vec::new() };
        rep.check("percent", format!("{:?} % {:?} {v:?}", s(&c[0]), c[1]), do_percent(s(&c[0]), args), expected(&c[4]));
    }
    for c in cases("percent_mapping") {
        let v = arg(s(&c[2]), &c[3]);
        let args = Args { queue: VecDeque::new(), mapping: Some((s(&c[1]).to_string(), v.clone())), fmt: Vec::new() };
        rep.check(
            "percent_mapping",
            format!("{:?} % {{{:?}: {v:?}}}", s(&c[0]), s(&c[1])),
            do_percent(s(&c[0]), args),
            expected(&c[4]),
        );
    }
    for c in cases("float_parse") {
        let text = s(&c[0]);
        let got = match parse_float(text) {
            Some(x) => Outcome::text(&bits(x)),
            None => Outcome::Err("ValueError".into(), format!("could not convert string to float: {}", repr(text))),
        };
        rep.check("float_parse", format!("{text:?}"), got, expected(&c[1]));
    }
    for c in cases("int_parse") {
        let (text, base) = (s(&c[0]), c[1].as_u64().unwrap() as u32);
        let got = match parse_int(text, base, LIMIT) {
            Ok(v) => Outcome::text(&hex(&v)),
            Err(IntParseError::Invalid) => Outcome::err(&invalid_int_literal(base, &repr(text))),
            Err(IntParseError::Error(e)) => Outcome::err(&e),
        };
        let shown = if text.len() > 60 { format!("{:?}...", &text[..60]) } else { format!("{text:?}") };
        rep.check("int_parse", format!("{shown} base {base}"), got, expected(&c[2]));
    }
    for c in cases("float_parse_bytes") {
        let b: Vec<u8> = s(&c[0]).chars().map(|c| c as u8).collect();
        let got = match parse_float_bytes(&b) {
            Some(x) => Outcome::text(&bits(x)),
            None => Outcome::Err("ValueError".into(), format!("could not convert string to float: {}", repr_bytes(&b))),
        };
        rep.check("float_parse_bytes", format!("{b:?}"), got, expected(&c[1]));
    }
    for c in cases("int_parse_bytes") {
        let b: Vec<u8> = s(&c[0]).chars().map(|c| c as u8).collect();
        let base = c[1].as_u64().unwrap() as u32;
        let got = match parse_int_bytes(&b, base, LIMIT) {
            Ok(v) => Outcome::text(&hex(&v)),
            Err(IntParseError::Invalid) => Outcome::Err("ValueError".into(), "invalid".into()),
            Err(IntParseError::Error(e)) => Outcome::err(&e),
        };
        rep.check(
            "int_parse_bytes",
            format!("{:?} base {base}", String::from_utf8_lossy(&b[..b.len().min(40)])),
            got,
            expected(&c[2]),
        );
    }
    for c in cases("complex_parse") {
        let text = s(&c[0]);
        let got = match parse_complex(text) {
            Ok((re, im)) => Outcome::text(&format!("{},{}", bits(re), bits(im))),
            Err(ComplexParseError::Malformed) => {
                Outcome::Err("ValueError".into(), "complex() arg is a malformed string".into())
            }
            Err(ComplexParseError::Underscore) => {
                Outcome::Err("ValueError".into(), format!("could not convert string to complex: {}", repr(text)))
            }
        };
        rep.check("complex_parse", format!("{text:?}"), got, expected(&c[1]));
    }
    for c in cases("float_hex") {
        let x = float(s(&c[0]));
        rep.check("float_hex", format!("{x:?}"), Outcome::text(&float_hex(x)), expected(&c[1]));
    }
    for c in cases("float_repr") {
        let x = float(s(&c[0]));
        rep.check("float_repr", s(&c[0]).to_string(), Outcome::text(&float_str(x)), Outcome::text(s(&c[1])));
    }
    for c in cases("ratio") {
        let x = float(s(&c[0]));
        let got = match float_as_integer_ratio(x) {
            Ok((n, d)) => Outcome::text(&format!("{},{}", hex(&n), hex(&d))),
            Err(e) => Outcome::err(&e),
        };
        rep.check("as_integer_ratio", format!("{x:?}"), got, expected(&c[1]));
    }
    for c in cases("float_to_int") {
        let x = float(s(&c[0]));
        rep.check("int(float)", format!("{x:?}"), Outcome::from(float_to_bigint(x).map(|v| hex(&v))), expected(&c[1]));
    }
    for c in cases("fromhex") {
        rep.check("fromhex", format!("{:?}", s(&c[0])), float_outcome(float_fromhex(s(&c[0]))), expected(&c[1]));
    }
    for c in cases("round") {
        let (x, nd) = (float(s(&c[0])), c[1].as_i64().unwrap());
        rep.check("round", format!("{x:?} {nd}"), float_outcome(round_float(x, nd)), expected(&c[2]));
    }
    for c in cases("int_to_float") {
        let n = int(s(&c[0]));
        rep.check("float(int)", s(&c[0]).to_string(), float_outcome(int_to_f64(&n)), expected(&c[1]));
    }
    for c in cases("int_str") {
        let n = int(s(&c[0]));
        rep.check(
            "str(int)",
            s(&c[0]).chars().take(40).collect(),
            Outcome::from(int_to_decimal_string(&n, LIMIT)),
            expected(&c[1]),
        );
    }
    for c in cases("int_base") {
        let n = int(s(&c[0]));
        let got = [
            int_to_base(&n, 2, true),
            int_to_base(&n, 8, true),
            int_to_base(&n, 16, true),
            int_to_base(&n, 8, false),
            int_to_base(&n, 16, false),
        ];
        for (i, g) in got.iter().enumerate() {
            rep.check("int_to_base", format!("{} #{i}", s(&c[0])), Outcome::text(g), Outcome::text(s(&c[i + 1])));
        }
    }

    for f in &rep.failures {
        println!("{f}");
    }
    println!("{} cases, {} mismatches", rep.total, rep.failures.len());
    assert!(rep.failures.is_empty(), "{} of {} cases differ from CPython", rep.failures.len(), rep.total);
}
