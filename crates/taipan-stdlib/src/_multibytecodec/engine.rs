//! The codecs behind `_multibytecodec` (CPython's `ENCODER`/`DECODER` functions of
//! `Modules/cjkcodecs/_codecs_*.c`): the stateless table codecs of `taipan_cjk` and HZ,
//! one step at a time, reporting as CPython's codecs report to `multibytecodec.c`.

use taipan_cjk::{Decoded, EncodeStep, Table};

/// A codec of the CJK modules.
#[derive(Clone, Copy)]
pub(crate) struct Codec {
    pub(crate) name: &'static str,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Table(&'static Table),
    /// HZ (RFC 1843): ASCII, with `~{` ... `~}` around GB2312 in 7 bits.
    Hz(&'static Table),
}

/// The result of one decoding step.
pub(crate) enum DecStep {
    /// `used` bytes gave these code points (none for an escape sequence).
    Out { chars: [u32; 2], n: usize, used: usize },
    /// An illegal sequence of this many bytes (CPython's positive return).
    Illegal(usize),
    /// The input ends inside a sequence (`MBERR_TOOFEW`).
    TooFew,
}

/// The result of one encoding step (its bytes are already written).
pub(crate) enum EncStep {
    Used(usize),
    /// The first code point cannot be encoded (an error of one character).
    Unencodable,
    TooFew,
}

/// The codec named `name` of the module `module` (`cn`, `tw`, `hk`, `jp`, `kr`).
pub(crate) fn find(module: &str, name: &str) -> Option<Codec> {
    let names: &[&'static str] = match module {
        "cn" => &["gb2312", "gbk", "gb18030", "hz"],
        "tw" => &["big5", "cp950"],
        "hk" => &["big5hkscs"],
        "jp" => &["shift_jis", "cp932", "euc_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213"],
        "kr" => &["euc_kr", "cp949", "johab"],
        _ => &[],
    };
    let name: &'static str = names.iter().find(|n| **n == name)?;
    let kind =
        if name == "hz" { Kind::Hz(taipan_cjk::table("gb2312")?) } else { Kind::Table(taipan_cjk::table(name)?) };
    Some(Codec { name, kind })
}

impl Codec {
    /// Decode one step at the start of `input` (not empty); `state` is CPython's
    /// `MultibyteCodec_State` (HZ keeps its mode in it).
    pub(crate) fn decode(&self, state: &mut u64, input: &[u8]) -> DecStep {
        match self.kind {
            Kind::Table(t) => from_table(t.decode(input)),
            Kind::Hz(t) => hz_decode(t, state, input),
        }
    }

    /// Encode one step at the start of `text` (not empty) onto `out`.
    pub(crate) fn encode(&self, state: &mut u64, text: &[u32], flush: bool, out: &mut Vec<u8>) -> EncStep {
        match self.kind {
            Kind::Table(t) => match t.encode(text, flush) {
                EncodeStep::Bytes { out: b, used } => {
                    out.extend_from_slice(b.as_bytes());
                    EncStep::Used(used)
                }
                EncodeStep::Unencodable => EncStep::Unencodable,
                EncodeStep::TooFew => EncStep::TooFew,
            },
            Kind::Hz(t) => hz_encode(t, state, text[0], out),
        }
    }

    /// Bring the encoder back to its initial state (CPython's `ENCODER_RESET`).
    pub(crate) fn encode_reset(&self, state: &mut u64, out: &mut Vec<u8>) {
        if let Kind::Hz(_) = self.kind {
            if *state & 0xFF != 0 {
                out.extend_from_slice(b"~}");
                *state = 0;
            }
        }
    }
}

fn from_table(d: Decoded) -> DecStep {
    match d {
        Decoded::Chars { first, second: None, used } => DecStep::Out { chars: [first, 0], n: 1, used },
        Decoded::Chars { first, second: Some(s), used } => DecStep::Out { chars: [first, s], n: 2, used },
        Decoded::Illegal(n) => DecStep::Illegal(n),
        Decoded::TooFew => DecStep::TooFew,
    }
}

const HZ_GB: u64 = 1;

fn hz_decode(t: &Table, state: &mut u64, input: &[u8]) -> DecStep {
    let gb = *state & 0xFF == HZ_GB;
    let c = input[0];
    if c == b'~' {
        let Some(&c2) = input.get(1) else { return DecStep::TooFew };
        match (c2, gb) {
            (b'~', false) => return DecStep::Out { chars: [u32::from(b'~'), 0], n: 1, used: 2 },
            (b'{', false) => *state = HZ_GB,
            (b'}', true) => *state = 0,
            (b'\n', false) => {}
            _ => return DecStep::Illegal(1),
        }
        return DecStep::Out { chars: [0, 0], n: 0, used: 2 };
    }
    if c & 0x80 != 0 {
        return DecStep::Illegal(1);
    }
    if !gb {
        return DecStep::Out { chars: [u32::from(c), 0], n: 1, used: 1 };
    }
    let Some(&c2) = input.get(1) else { return DecStep::TooFew };
    if c2 & 0x80 != 0 {
        return DecStep::Illegal(1);
    }
    match t.decode(&[c | 0x80, c2 | 0x80]) {
        Decoded::Chars { first, second: None, used: 2 } => DecStep::Out { chars: [first, 0], n: 1, used: 2 },
        _ => DecStep::Illegal(1),
    }
}

fn hz_encode(t: &Table, state: &mut u64, c: u32, out: &mut Vec<u8>) -> EncStep {
    let gb = *state & 0xFF == HZ_GB;
    if c < 0x80 {
        if gb {
            out.extend_from_slice(b"~}");
            *state = 0;
        }
        out.push(c as u8);
        if c == u32::from(b'~') {
            out.push(b'~');
        }
        return EncStep::Used(1);
    }
    let Some(e) = t.encode_char(c) else { return EncStep::Unencodable };
    let b = e.as_bytes();
    if b.len() != 2 {
        return EncStep::Unencodable;
    }
    if !gb {
        out.extend_from_slice(b"~{");
        *state = HZ_GB;
    }
    out.extend_from_slice(&[b[0] & 0x7F, b[1] & 0x7F]);
    EncStep::Used(1)
}
