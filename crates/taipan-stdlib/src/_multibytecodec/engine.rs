//! The codecs behind `_multibytecodec` (CPython's `ENCODER`/`DECODER` functions of
//! `Modules/cjkcodecs/_codecs_*.c`): the stateless table codecs of `taipan_cjk` and HZ,
//! one step at a time, reporting as CPython's codecs report to `multibytecodec.c`.

use taipan_cjk::{Decoded, EncodeStep, Iso2022, Table};

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
    /// ISO-2022 (`_codecs_iso2022.c`): escape sequences designate the charsets.
    Iso2022(&'static Iso2022, u8),
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

/// The codec named `name` of the module `module` (`cn`, `tw`, `hk`, `jp`, `kr`, `iso2022`).
pub(crate) fn find(module: &str, name: &str) -> Option<Codec> {
    let names: &[&'static str] = match module {
        "cn" => &["gb2312", "gbk", "gb18030", "hz"],
        "tw" => &["big5", "cp950"],
        "hk" => &["big5hkscs"],
        "jp" => &["shift_jis", "cp932", "euc_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213"],
        "kr" => &["euc_kr", "cp949", "johab"],
        "iso2022" => &[
            "iso2022_kr",
            "iso2022_jp",
            "iso2022_jp_1",
            "iso2022_jp_2",
            "iso2022_jp_2004",
            "iso2022_jp_3",
            "iso2022_jp_ext",
        ],
        _ => &[],
    };
    let name: &'static str = names.iter().find(|n| **n == name)?;
    let kind = if name == "hz" {
        Kind::Hz(taipan_cjk::table("gb2312")?)
    } else if module == "iso2022" {
        let flags = match name {
            "iso2022_kr" => 0,
            "iso2022_jp_2" => NO_SHIFT | USE_G2 | USE_JISX0208_EXT,
            _ => NO_SHIFT | USE_JISX0208_EXT,
        };
        Kind::Iso2022(taipan_cjk::iso2022(name)?, flags)
    } else {
        Kind::Table(taipan_cjk::table(name)?)
    };
    Some(Codec { name, kind })
}

impl Codec {
    /// The encoder's initial state (CPython's `ENCODER_INIT`).
    pub(crate) fn encoder_init(&self) -> u64 {
        match self.kind {
            Kind::Iso2022(..) => iso_state(&[ASCII, ASCII, 0, 0, 0]),
            _ => 0,
        }
    }

    /// The decoder's initial state (CPython's `DECODER_INIT`).
    pub(crate) fn decoder_init(&self) -> u64 {
        match self.kind {
            Kind::Iso2022(..) => iso_state(&[ASCII, ASCII, ASCII, 0, 0]),
            _ => 0,
        }
    }

    /// CPython's `DECODER_RESET` (the table codecs have none).
    pub(crate) fn decoder_reset(&self, state: &mut u64) {
        match self.kind {
            Kind::Table(_) => {}
            Kind::Hz(_) => *state = 0,
            Kind::Iso2022(..) => {
                let mut s = state.to_le_bytes();
                s[0] = ASCII;
                s[4] &= !F_SHIFTED;
                *state = u64::from_le_bytes(s);
            }
        }
    }

    /// Decode one step at the start of `input` (not empty); `state` is CPython's
    /// `MultibyteCodec_State` (HZ keeps its mode in it).
    pub(crate) fn decode(&self, state: &mut u64, input: &[u8]) -> DecStep {
        match self.kind {
            Kind::Table(t) => from_table(t.decode(input)),
            Kind::Hz(t) => hz_decode(t, state, input),
            Kind::Iso2022(t, flags) => iso_decode(t, flags, state, input),
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
            Kind::Iso2022(t, _) => iso_encode(t, state, text, flush, out),
        }
    }

    /// Bring the encoder back to its initial state (CPython's `ENCODER_RESET`).
    pub(crate) fn encode_reset(&self, state: &mut u64, out: &mut Vec<u8>) {
        match self.kind {
            Kind::Table(_) => {}
            Kind::Hz(_) => {
                if *state & 0xFF != 0 {
                    out.extend_from_slice(b"~}");
                    *state = 0;
                }
            }
            Kind::Iso2022(..) => {
                let mut s = state.to_le_bytes();
                if s[4] & F_SHIFTED != 0 {
                    out.push(SI);
                    s[4] &= !F_SHIFTED;
                }
                if s[0] != ASCII {
                    out.extend_from_slice(b"\x1b(B");
                    s[0] = ASCII;
                }
                *state = u64::from_le_bytes(s);
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

// ---- ISO-2022 ----------------------------------------------------------------------------------
//
// The state's bytes are CPython's: G0..G3 (the designated charsets' marks) and the flags.

const ESC: u8 = 0x1B;
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;
const ASCII: u8 = b'B';
const DBCS: u8 = 0x80;
const JISX0208: u8 = b'B' | DBCS;
const F_SHIFTED: u8 = 0x01;
const F_ESCTHROUGHOUT: u8 = 0x02;
const NO_SHIFT: u8 = 0x01;
const USE_G2: u8 = 0x02;
const USE_JISX0208_EXT: u8 = 0x04;
const MAX_ESCSEQLEN: usize = 16;

fn iso_state(b: &[u8; 5]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], 0, 0, 0])
}

fn is_escend(c: u8) -> bool {
    c.is_ascii_uppercase() || c == b'@'
}

fn one(c: u32, used: usize) -> DecStep {
    DecStep::Out { chars: [c, 0], n: 1, used }
}

fn iso_decode(t: &Iso2022, flags: u8, state: &mut u64, input: &[u8]) -> DecStep {
    let mut s = state.to_le_bytes();
    let c = input[0];
    let step = iso_decode_step(t, flags, &mut s, input, c);
    *state = u64::from_le_bytes(s);
    step
}

fn iso_decode_step(t: &Iso2022, flags: u8, s: &mut [u8; 8], input: &[u8], c: u8) -> DecStep {
    if s[4] & F_ESCTHROUGHOUT != 0 {
        // Not an ISO-2022 escape sequence: its bytes pass as Latin-1 up to its end.
        if is_escend(c) {
            s[4] &= !F_ESCTHROUGHOUT;
        }
        return one(u32::from(c), 1);
    }
    match c {
        ESC => {
            let Some(&c2) = input.get(1) else { return DecStep::TooFew };
            if matches!(c2, b'(' | b')' | b'$' | b'.' | b'&') {
                return iso_escape(t, flags, s, input);
            }
            if flags & USE_G2 != 0 && c2 == b'N' {
                let Some(&c3) = input.get(2) else { return DecStep::TooFew };
                let cp = match s[2] {
                    ASCII if c3 < 0x80 => Some(u32::from(c3)),
                    ASCII => None,
                    b'A' if c3 < 0x80 => t.decode_g2(b'A', c3).or(Some(u32::from(c3) + 0x80)),
                    mark => t.decode_g2(mark, c3),
                };
                return match cp {
                    Some(cp) => one(cp, 3),
                    None => DecStep::Illegal(3),
                };
            }
            s[4] |= F_ESCTHROUGHOUT;
            one(u32::from(ESC), 1)
        }
        SI | SO if flags & NO_SHIFT != 0 => one(u32::from(c), 1),
        SI => {
            s[4] &= !F_SHIFTED;
            DecStep::Out { chars: [0, 0], n: 0, used: 1 }
        }
        SO => {
            s[4] |= F_SHIFTED;
            DecStep::Out { chars: [0, 0], n: 0, used: 1 }
        }
        b'\n' => {
            s[4] &= !F_SHIFTED;
            one(u32::from(c), 1)
        }
        _ if c < 0x20 => one(u32::from(c), 1),
        _ if c >= 0x80 => DecStep::Illegal(1),
        _ => {
            let charset = if s[4] & F_SHIFTED != 0 { s[1] } else { s[0] };
            if charset == ASCII {
                return one(u32::from(c), 1);
            }
            let Some(k) = t.designations.iter().position(|d| d.mark == charset) else {
                return DecStep::Illegal(1);
            };
            let width = t.designations[k].width as usize;
            if input.len() < width {
                return DecStep::TooFew;
            }
            match t.decode(k, &input[..width]) {
                Some((a, 0)) => one(a, width),
                Some((a, b)) => DecStep::Out { chars: [a, b], n: 2, used: width },
                None => DecStep::Illegal(width),
            }
        }
    }
}

/// CPython's `iso2022processesc`: a designation escape sequence at the start of `input`.
fn iso_escape(t: &Iso2022, flags: u8, s: &mut [u8; 8], input: &[u8]) -> DecStep {
    let mut esclen = 0;
    let mut i = 1;
    while i < MAX_ESCSEQLEN {
        if i >= input.len() {
            return DecStep::TooFew;
        }
        if is_escend(input[i]) {
            esclen = i + 1;
            break;
        }
        if flags & USE_JISX0208_EXT != 0 && i + 1 < input.len() && input[i] == b'&' && input[i + 1] == b'@' {
            i += 2;
        }
        i += 1;
    }
    if i >= MAX_ESCSEQLEN {
        return DecStep::Illegal(1);
    }
    let (charset, designation) = match esclen {
        3 if input[1] == b'$' => (input[2] | DBCS, 0),
        3 => match input[1] {
            b'(' => (input[2], 0),
            b')' => (input[2], 1),
            b'.' if flags & USE_G2 != 0 => (input[2], 2),
            _ => return DecStep::Illegal(3),
        },
        4 => {
            if input[1] != b'$' {
                return DecStep::Illegal(4);
            }
            match input[2] {
                b'(' => (input[3] | DBCS, 0),
                b')' => (input[3] | DBCS, 1),
                _ => return DecStep::Illegal(4),
            }
        }
        6 if flags & USE_JISX0208_EXT != 0 && input[3] == ESC && input[4] == b'$' && input[5] == b'B' => (JISX0208, 0),
        n => return DecStep::Illegal(n),
    };
    if charset != ASCII && !t.designations.iter().any(|d| d.mark == charset) {
        return DecStep::Illegal(esclen);
    }
    s[designation] = charset;
    DecStep::Out { chars: [0, 0], n: 0, used: esclen }
}

fn iso_encode(t: &Iso2022, state: &mut u64, text: &[u32], flush: bool, out: &mut Vec<u8>) -> EncStep {
    let mut s = state.to_le_bytes();
    let c = text[0];
    if c < 0x80 {
        if s[0] != ASCII {
            out.extend_from_slice(&[ESC, b'(', b'B']);
            s[0] = ASCII;
        }
        if s[4] & F_SHIFTED != 0 {
            out.push(SI);
            s[4] &= !F_SHIFTED;
        }
        out.push(c as u8);
        *state = u64::from_le_bytes(s);
        return EncStep::Used(1);
    }
    let mut choice = None;
    if t.starts_pair(c) {
        match text.get(1) {
            None if !flush => return EncStep::TooFew,
            None => {}
            Some(&next) => choice = t.encode_pair(c, next).map(|(k, code)| (k, code, 2)),
        }
    }
    let Some((k, code, used)) = choice.or_else(|| t.encode(c).map(|(k, code)| (k, code, 1))) else {
        return EncStep::Unencodable;
    };
    let d = &t.designations[k];
    match d.plane {
        0 => {
            if s[4] & F_SHIFTED != 0 {
                out.push(SI);
                s[4] &= !F_SHIFTED;
            }
            if s[0] != d.mark {
                if d.width == 1 {
                    out.extend_from_slice(&[ESC, b'(', d.mark & 0x7F]);
                } else if d.mark == JISX0208 {
                    out.extend_from_slice(&[ESC, b'$', d.mark & 0x7F]);
                } else {
                    out.extend_from_slice(&[ESC, b'$', b'(', d.mark & 0x7F]);
                }
                s[0] = d.mark;
            }
        }
        1 => {
            if s[1] != d.mark {
                if d.width == 1 {
                    out.extend_from_slice(&[ESC, b')', d.mark & 0x7F]);
                } else {
                    out.extend_from_slice(&[ESC, b'$', b')', d.mark & 0x7F]);
                }
                s[1] = d.mark;
            }
            if s[4] & F_SHIFTED == 0 {
                out.push(SO);
                s[4] |= F_SHIFTED;
            }
        }
        _ => return EncStep::Unencodable,
    }
    if d.width == 1 {
        out.push(code as u8);
    } else {
        out.extend_from_slice(&code.to_be_bytes());
    }
    *state = u64::from_le_bytes(s);
    EncStep::Used(used)
}
