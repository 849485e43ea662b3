//! Property test: the front end never panics, hangs or overflows its stack,
//! whatever bytes it is given. Inputs are random bytes, random token soup, and
//! mutations of real Python source; deeply nested inputs of every bracket and
//! statement kind are checked separately.
//!
//! The run is bounded by an iteration count (TAIPAN_FUZZ_ITERS, default 6000)
//! so that CI time stays predictable; set it higher for a longer local run.

use std::time::{Duration, Instant};
use taipan_syntax::{parse, InputMode, StartRule};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "|",
    "&",
    "^",
    "~",
    "<",
    ">",
    "<=",
    ">=",
    "!=",
    "<>",
    "->",
    ":=",
    "+=",
    "...",
    "\\",
    "\\\n",
    "if",
    "else",
    "elif",
    "for",
    "in",
    "while",
    "def",
    "class",
    "return",
    "yield",
    "lambda",
    "import",
    "from",
    "as",
    "with",
    "try",
    "except",
    "except*",
    "finally",
    "raise",
    "not",
    "and",
    "or",
    "is",
    "None",
    "True",
    "False",
    "async",
    "await",
    "del",
    "pass",
    "global",
    "nonlocal",
    "match",
    "case",
    "_",
    "x",
    "y",
    "f(x)",
    "1",
    "0x1f",
    "0o7",
    "0b1",
    "1.5e3",
    "1j",
    "1_000",
    "0777",
    "'s'",
    "\"s\"",
    "'''t'''",
    "b'b'",
    "r'\\d'",
    "u'u'",
    "f'{x}'",
    "f\"{x!r:>{w}}\"",
    "f'{'",
    "'",
    "\"",
    "\"\"\"",
    "\n",
    "\n    ",
    "\n        ",
    "\t",
    "#c\n",
    "$",
    "?",
    "!",
    "€",
    "\u{a0}",
    "é",
    "\u{1F600}",
    "\r\n",
    "\x0c",
    "\0",
    "\x01",
];

const SEEDS: &[&str] = &[
    "def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    return a + b\n",
    "class C(B, metaclass=M):\n    x: int = 1\n    def m(self):\n        yield from self.g()\n",
    "match p:\n    case Point(x=0, y=0) | [1, *rest] | {'k': v, **kw} if v:\n        pass\n    case _:\n        pass\n",
    "try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass\n",
    "x = [i for i in range(10) if i % 2 for j in (yield)]\nd = {**a, 'k': lambda q=1: q}\n",
    "async def g():\n    async with a as b, c:\n        async for x in y:\n            await z\n",
    "s = f'{a!r:{w}.{p}}' 'tail' f\"{b=}\" rb'\\x00'\nt = (a := 1, *b, c[1:2, ::3])\n",
    "with (open(a) as f, open(b) as g):\n    del x[0], y.z\n    global q\n    assert x, 'm'\n",
    "@dec(1)\n@other\ndef h(): ...\nif a: b\nelif c: d\nelse: e\nwhile x: break\nfor i in j: continue\n",
];

fn check(input: &[u8], budget: Duration) {
    for mode in [InputMode::File, InputMode::Bytes] {
        let start = Instant::now();
        let out = std::panic::catch_unwind(|| parse(input, "<fuzz>", mode, StartRule::File));
        assert!(out.is_ok(), "panic on input {:?}", String::from_utf8_lossy(input));
        assert!(
            start.elapsed() < budget,
            "too slow ({:?}) on input {:?}",
            start.elapsed(),
            String::from_utf8_lossy(input)
        );
        if let Ok(out) = out {
            if let Ok(module) = out.result {
                // Whatever parsed must render too (the dump recurses, so only
                // trees within CPython's ast construction limit are dumped).
                if taipan_syntax::ast::max_depth(&module) < 2990 {
                    let _ = taipan_syntax::ast::dump(&module, 1);
                }
            }
        }
    }
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if at < v.len() => {
                v.remove(at);
            }
            1 => {
                let frag = rng.pick(FRAGMENTS).as_bytes();
                v.splice(at..at, frag.iter().copied());
            }
            2 if at < v.len() => v[at] = rng.next() as u8,
            3 => v.truncate(at),
            _ => {
                let end = (at + rng.below(20)).min(v.len());
                let dup = v[at..end].to_vec();
                v.splice(at..at, dup);
            }
        }
    }
    v
}

#[test]
fn random_inputs_never_panic() {
    let iters: usize = std::env::var("TAIPAN_FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(6000);
    let budget = Duration::from_secs(5);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..iters {
        let input: Vec<u8> = match i % 3 {
            0 => (0..rng.below(80)).map(|_| rng.next() as u8).collect(),
            1 => {
                let mut s = String::new();
                for _ in 0..rng.below(40) {
                    s.push_str(rng.pick(FRAGMENTS));
                    if rng.below(3) == 0 {
                        s.push(' ');
                    }
                }
                s.into_bytes()
            }
            _ => {
                let seed = rng.pick(SEEDS).as_bytes().to_vec();
                mutate(&mut rng, &seed)
            }
        };
        check(&input, budget);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let budget = Duration::from_secs(10);
    let deep = |open: &str, mid: &str, close: &str, n: usize| {
        let mut s = String::from("x = ");
        for _ in 0..n {
            s.push_str(open);
        }
        s.push_str(mid);
        for _ in 0..n {
            s.push_str(close);
        }
        s.push('\n');
        s.into_bytes()
    };
    for n in [150, 199, 200, 201, 1000] {
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("f(", ")"), ("x[", "]")] {
            check(&deep(open, "1", close, n), budget);
            check(&deep(open, "1 2", close, n), budget);
            check(&deep(open, "", "", n), budget);
        }
    }
    for n in [1000, 5000, 20000, 100000] {
        for prefix in ["-", "not ", "~", "await ", "lambda: ", "*", "yield ", "+"] {
            check(&deep(prefix, "1", "", n), budget);
        }
        check(&deep("", "1", " ** 1", n), budget);
        check(&deep("1 if 1 else ", "1", "", n), budget);
        check(&deep("", "a", ".b", n), budget);
        check(&deep("", "a", "(1)", n), budget);
        check(&deep("", "1", " + 1", n), budget);
    }
    let mut nested_blocks = String::new();
    for i in 0..120 {
        nested_blocks.push_str(&" ".repeat(i));
        nested_blocks.push_str("if x:\n");
    }
    check(nested_blocks.as_bytes(), budget);
    let mut nested_fstrings = String::from("x = ");
    for q in ["f'", "f\"", "f'''", "f\"\"\""] {
        nested_fstrings.push_str(q);
        nested_fstrings.push('{');
    }
    check(nested_fstrings.as_bytes(), budget);
    let pattern = format!("match x:\n    case {}1{}:\n        pass\n", "[".repeat(5000), "]".repeat(5000));
    check(pattern.as_bytes(), budget);
}
