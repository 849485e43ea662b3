//! Every code point's `unicodedata` answers (both databases: the current
//! one and `ucd_3_2_0`), compared with those of the `python3` (CPython
//! 3.11) on this machine, line by line. Skipped when no python3 3.11 runs.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use taipan_unicode::database::{self as db, Form, Version};

const DUMP: &str = r#"
import sys, struct, unicodedata as U
if sys.version_info[:2] != (3, 11):
    sys.exit(3)
out = sys.stdout
for ucd in (U, U.ucd_3_2_0):
    for cp in range(0x110000):
        c = chr(cp)
        n = ucd.numeric(c, None)
        bits = '-' if n is None else str(struct.unpack('<Q', struct.pack('<d', n))[0])
        forms = ' '.join(' '.join('%X' % ord(x) for x in ucd.normalize(f, c)) + (':1' if ucd.is_normalized(f, c) else ':0')
                         for f in ('NFC', 'NFD', 'NFKC', 'NFKD'))
        out.write('%X|%s|%s|%d|%s|%d|%s|%s|%s|%s|%s|%s\n' % (
            cp, ucd.category(c), ucd.bidirectional(c), ucd.combining(c), ucd.east_asian_width(c),
            ucd.mirrored(c), ucd.decomposition(c), ucd.decimal(c, '-'), ucd.digit(c, '-'), bits,
            ucd.name(c, '-'), forms))
"#;

fn line(v: Version, cp: u32) -> String {
    let opt = |o: Option<u32>| o.map_or("-".to_string(), |d| d.to_string());
    let bits = db::numeric(v, cp).map_or("-".to_string(), |n| n.to_bits().to_string());
    let forms: Vec<String> = [Form::Nfc, Form::Nfd, Form::Nfkc, Form::Nfkd]
        .iter()
        .map(|&f| {
            let n = db::normalize(v, f, &[cp]);
            let hex: Vec<String> = n.iter().map(|c| format!("{c:X}")).collect();
            format!("{}:{}", hex.join(" "), u8::from(db::is_normalized(v, f, &[cp])))
        })
        .collect();
    format!(
        "{cp:X}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        db::category(v, cp),
        db::bidirectional(v, cp),
        db::combining(v, cp),
        db::east_asian_width(v, cp),
        u8::from(db::mirrored(v, cp)),
        db::decomposition(v, cp),
        opt(db::decimal(v, cp)),
        opt(db::digit(v, cp)),
        bits,
        db::name(v, cp).unwrap_or_else(|| "-".to_string()),
        forms.join(" ")
    )
}

#[test]
fn every_code_point_matches_cpython() {
    let Ok(mut child) = Command::new("python3").args(["-c", DUMP]).stdout(Stdio::piped()).spawn() else {
        eprintln!("no python3: skipped");
        return;
    };
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::with_capacity(1 << 20, stdout).lines();
    let mut mismatches = Vec::new();
    let mut seen = 0;
    for v in [Version::Current, Version::V3_2_0] {
        for cp in 0..0x110000u32 {
            let Some(Ok(expected)) = lines.next() else { break };
            seen += 1;
            let got = line(v, cp);
            if got != expected && mismatches.len() < 20 {
                mismatches.push(format!("{v:?}\n  cpython: {expected}\n  taipan:  {got}"));
            }
        }
    }
    let status = child.wait().expect("python3 ran");
    if status.code() == Some(3) {
        eprintln!("python3 is not 3.11: skipped");
        return;
    }
    assert_eq!(seen, 2 * 0x110000, "python3 dump ended early");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn strings_normalize_as_cpython() {
    let cases: &[(&str, Form, &str)] = &[
        ("e\u{301}\u{327}", Form::Nfc, "\u{229}\u{301}"),
        ("\u{1e9b}\u{323}", Form::Nfkc, "\u{1e69}"),
        ("\u{1100}\u{1161}\u{11a8}", Form::Nfc, "\u{ac01}"),
        ("a\u{308}\u{301}\u{323}", Form::Nfc, "\u{1ea1}\u{308}\u{301}"),
        ("\u{fb01}x", Form::Nfkd, "fix"),
    ];
    for &(s, f, want) in cases {
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let got: String = db::normalize(Version::Current, f, &cps).into_iter().filter_map(char::from_u32).collect();
        assert_eq!(got, want, "{s:?} {f:?}");
    }
}
