//! Robustness of the validator and the matcher on corrupted code: code
//! the validator accepts never makes the matcher panic or index out of
//! bounds, whatever the subject. (The fixtures are code lists that
//! CPython 3.11's Lib/re/_compiler.py makes.)

use super::index::CodeIndex;
use super::sre::State;
use super::validate::{check, validate};

const FIXTURES: &[(&[u32], usize)] = &[
    (
        &[
            14, 4, 0, 4, 4294967295, 17, 0, 24, 6, 1, 4294967295, 16, 120, 1, 17, 1, 26, 10, 0, 4294967295, 13, 5, 22,
            121, 122, 0, 1, 12, 0, 6, 16, 98, 15, 3, 16, 99, 4, 5, 1, 16, 98, 1, 11, 0, 13, 6, 21, 22, 113, 116, 0, 1,
        ],
        1,
    ),
    (
        &[
            14, 4, 0, 3, 4294967295, 23, 21, 1, 4294967295, 17, 0, 7, 5, 16, 97, 15, 9, 7, 16, 98, 16, 99, 15, 2, 0,
            17, 1, 19, 24, 6, 2, 5, 16, 100, 1, 5, 5, 0, 16, 101, 1, 6, 10, 1,
        ],
        1,
    ),
    (
        &[
            14, 4, 0, 1, 4294967295, 27, 9, 24, 6, 0, 4294967295, 16, 97, 1, 1, 28, 7, 0, 4294967295, 16, 97, 16, 98,
            1, 29, 6, 0, 4294967295, 16, 99, 1, 13, 5, 22, 19968, 20479, 0, 1,
        ],
        0,
    ),
    (
        &[
            14, 4, 0, 8, 8, 39, 6, 16, 115, 16, 383, 0, 40, 116, 40, 114, 40, 97, 17, 0, 39, 6, 16, 120, 16, 223, 0,
            17, 1, 13, 4, 8, 14, 0, 13, 4, 8, 10, 0, 13, 4, 8, 12, 0, 1,
        ],
        1,
    ),
    (
        &[
            14, 4, 0, 2, 2, 6, 1, 7, 9, 17, 0, 16, 97, 17, 1, 15, 7, 5, 16, 98, 15, 2, 0, 12, 0, 6, 16, 99, 15, 3, 16,
            100, 6, 6, 1,
        ],
        1,
    ),
    (
        &[
            14, 4, 0, 1, 4, 7, 15, 26, 5, 1, 3, 3, 1, 4, 5, 0, 16, 120, 1, 15, 15, 13, 17, 0, 16, 97, 16, 98, 17, 1,
            11, 0, 15, 2, 0, 1,
        ],
        1,
    ),
    (
        &[
            14, 12, 1, 4, 4294967295, 3, 3, 97, 98, 99, 0, 0, 0, 16, 97, 16, 98, 16, 99, 23, 23, 0, 4294967295, 17, 0,
            7, 7, 16, 100, 16, 101, 15, 9, 7, 16, 102, 16, 103, 15, 2, 0, 17, 1, 18, 16, 104, 1,
        ],
        1,
    ),
    (
        &[
            14, 4, 0, 1, 4294967295, 24, 12, 1, 4294967295, 13, 7, 21, 8, 15, 8, 10, 0, 1, 5, 7, 2, 16, 97, 16, 98, 1,
            6, 11, 1,
        ],
        0,
    ),
    (&[14, 4, 0, 3, 3, 36, 97, 35, 4, 8, 8, 0, 35, 5, 22, 98, 100, 0, 1], 0),
];

const SUBJECTS: &[&str] = &["", "x", "xxyzbxcb", "abcbcdd", "STRASSE1 ", "ab\nd", "abab", "\u{4e00}xaaac", "aAb"];

/// Run code that passed validation on every subject, stopping runaway
/// matches through the signal check.
fn exercise(code: &[u32], groups: usize) {
    let branches = match check(code, groups) {
        Some(sites) => CodeIndex::build(code, &sites),
        None => CodeIndex::default(),
    };
    for s in SUBJECTS {
        let text: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let bytes: Vec<u8> = s.bytes().collect();
        for start in 0..=text.len().min(2) {
            let mut calls = 0;
            let mut check = || {
                calls += 1;
                calls > 2
            };
            let mut st = State::new(&text, start, text.len(), groups, &branches, &mut check);
            let _ = st.search(code);
            st.reset();
            st.start = start;
            st.ptr = start;
            st.match_all = true;
            let _ = st.run(code, 0, true);
            let mut calls = 0;
            let mut check = || {
                calls += 1;
                calls > 2
            };
            let mut st = State::new(&bytes, start, bytes.len(), groups, &branches, &mut check);
            st.must_advance = true;
            let _ = st.search(code);
            for g in 1..=groups + 1 {
                let _ = st.group_span(g);
            }
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn fixtures_are_valid_and_run() {
    for (code, groups) in FIXTURES {
        assert!(validate(code, *groups), "fixture refused: {code:?}");
        exercise(code, *groups);
    }
}

#[test]
fn corrupted_code_is_refused_or_runs() {
    let words =
        [0u32, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 23, 24, 26, 27, 28, 29, 255, u32::MAX];
    let mut accepted = 0;
    for (code, groups) in FIXTURES {
        for i in 0..code.len() {
            for &w in &words {
                let mut c = code.to_vec();
                c[i] = w;
                if validate(&c, *groups) {
                    accepted += 1;
                    exercise(&c, *groups);
                }
            }
            let c = &code[..i];
            if validate(c, *groups) {
                exercise(c, *groups);
            }
        }
    }
    assert!(accepted > 0);
}

#[test]
fn random_mutations_are_refused_or_run() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..30000 {
        let (code, groups) = FIXTURES[rng.below(FIXTURES.len())];
        let mut c = code.to_vec();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(c.len());
            match rng.below(3) {
                0 => c[i] = rng.below(45) as u32,
                1 => c[i] = c[i].wrapping_add(rng.below(5) as u32).wrapping_sub(2),
                _ => {
                    let w = rng.below(45) as u32;
                    c.insert(i, w);
                }
            }
        }
        let g = if rng.below(4) == 0 { groups + rng.below(3) } else { groups };
        if validate(&c, g) {
            exercise(&c, g);
        }
    }
}
