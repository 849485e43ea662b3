//! The CJK codecs' tables (CPython's `Modules/cjkcodecs/mappings_*.h`), read off CPython
//! 3.11's own codecs by `tools/gen_cjk.py` into `data/<codec>.bin`, and the engine of the
//! stateless codecs over them: one step of decoding or encoding at a time, the way
//! CPython's `DECODER`/`ENCODER` functions report to `_multibytecodec` (a character, an
//! error of N units, or "too few" input at the end).
//!
//! **Architecture Invariant:** no knowledge of Python objects; the VM-facing module
//! (`_multibytecodec` in taipan-stdlib) turns steps into str, bytes and exceptions.
//! The data files are generated, never edited. Entry tag 4 (a special rule) is what
//! [`Table::decode`] reaches in its catch-all arm.

use std::collections::HashMap;
use std::sync::OnceLock;

mod data;

/// The codecs whose tables are here (the stateless ones of `_codecs_cn`, `_codecs_tw`,
/// `_codecs_hk`, `_codecs_jp`, `_codecs_kr`).
pub const CODECS: &[&str] = data::NAMES;

const TAG_CP: u32 = 0;
const TAG_PAIR: u32 = 1;
const TAG_CHILD: u32 = 2;
const TAG_ERR: u32 = 3;
const SPECIAL_GB4: u32 = 1;
const SPECIAL_MAKEUP: u32 = 2;

/// One node of the decoding trie: entries for the bytes `lo..=hi`; any other byte is an
/// error of `default_err` bytes.
struct Node {
    lo: u8,
    hi: u8,
    default_err: u8,
    entries: Vec<u32>,
}

/// An encoded character: up to 8 bytes (EUC-KR's make-up sequences are the longest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoded {
    len: u8,
    bytes: [u8; 8],
}

impl Encoded {
    fn new(b: &[u8]) -> Encoded {
        let mut bytes = [0u8; 8];
        bytes[..b.len()].copy_from_slice(b);
        Encoded { len: b.len() as u8, bytes }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// The tables of one codec.
pub struct Table {
    nodes: Vec<Node>,
    pairs: Vec<(u32, u32)>,
    /// GB18030's four-byte runs below the supplementary planes: (linear index, first code
    /// point, length), by index; `gb_by_cp` holds the same runs ordered by code point.
    gb_runs: Vec<(u32, u32, u32)>,
    gb_by_cp: Vec<(u32, u32, u32)>,
    encode: HashMap<u32, Option<Encoded>>,
    pair_encode: HashMap<(u32, u32), Encoded>,
    gb18030: bool,
}

/// One step of decoding at the start of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// One or two code points, from `used` bytes.
    Chars { first: u32, second: Option<u32>, used: usize },
    /// An illegal sequence of this many bytes.
    Illegal(usize),
    /// The input ends inside a sequence.
    TooFew,
}

/// One step of encoding at the start of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodeStep {
    /// The bytes for `used` code points.
    Bytes { out: Encoded, used: usize },
    /// The first code point has no encoding.
    Unencodable,
    /// The text ends where a pair might continue (not flushing).
    TooFew,
}

/// The table of `codec` (a name of [`CODECS`]), parsed at first use.
pub fn table(codec: &str) -> Option<&'static Table> {
    static TABLES: OnceLock<Vec<OnceLock<Table>>> = OnceLock::new();
    let i = data::NAMES.iter().position(|n| *n == codec)?;
    let cells = TABLES.get_or_init(|| data::NAMES.iter().map(|_| OnceLock::new()).collect());
    Some(cells[i].get_or_init(|| Table::parse(data::BLOBS[i], codec == "gb18030")))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn u8(&mut self) -> u8 {
        let v = self.b[self.at];
        self.at += 1;
        v
    }

    fn u32(&mut self) -> u32 {
        let v = u32::from_le_bytes([self.b[self.at], self.b[self.at + 1], self.b[self.at + 2], self.b[self.at + 3]]);
        self.at += 4;
        v
    }
}

fn gb_bytes(mut idx: u32) -> Encoded {
    let b4 = idx % 10;
    idx /= 10;
    let b3 = idx % 126;
    idx /= 126;
    let b2 = idx % 10;
    let b1 = idx / 10;
    Encoded::new(&[(b1 + 0x81) as u8, (b2 + 0x30) as u8, (b3 + 0x81) as u8, (b4 + 0x30) as u8])
}

/// GB18030's linear index of `\x90\x30\x81\x30`, the first supplementary-plane sequence.
const GB_SUPP_BASE: u32 = ((((0x90 - 0x81) * 10) * 126) * 10) as u32;

impl Table {
    /// Parse a generated blob (trusted: it is part of the binary).
    fn parse(blob: &[u8], gb18030: bool) -> Table {
        let mut r = Reader { b: blob, at: 4 };
        let n = r.u32() as usize;
        let mut nodes = Vec::with_capacity(n);
        for _ in 0..n {
            let lo = r.u8();
            let hi = r.u8();
            let default_err = r.u8();
            r.u8();
            let count = if hi >= lo { (hi - lo) as usize + 1 } else { 0 };
            let entries = (0..count).map(|_| r.u32()).collect();
            nodes.push(Node { lo, hi, default_err, entries });
        }
        let np = r.u32() as usize;
        let pairs: Vec<(u32, u32)> = (0..np).map(|_| (r.u32(), r.u32())).collect();
        let nr = r.u32() as usize;
        let gb_runs: Vec<(u32, u32, u32)> = (0..nr).map(|_| (r.u32(), r.u32(), r.u32())).collect();
        let mut gb_by_cp = gb_runs.clone();
        gb_by_cp.sort_by_key(|r| r.1);
        let mut t =
            Table { nodes, pairs, gb_runs, gb_by_cp, encode: HashMap::new(), pair_encode: HashMap::new(), gb18030 };
        let mut path = Vec::new();
        t.invert(0, &mut path);
        let ne = r.u32() as usize;
        for _ in 0..ne {
            let cp = r.u32();
            let len = r.u8() as usize;
            let seq = &blob[r.at..r.at + len];
            r.at += len;
            t.encode.insert(cp, if len == 0 { None } else { Some(Encoded::new(seq)) });
        }
        t
    }

    /// The encoder the decoder implies: the first sequence in byte order for each code
    /// point and pair (the generator lists every exception to it).
    fn invert(&mut self, node: usize, path: &mut Vec<u8>) {
        let lo = self.nodes[node].lo;
        for i in 0..self.nodes[node].entries.len() {
            let e = self.nodes[node].entries[i];
            path.push(lo + i as u8);
            let (tag, val) = (e >> 24, e & 0xFF_FFFF);
            match tag {
                TAG_CP => {
                    self.encode.entry(val).or_insert(Some(Encoded::new(path)));
                }
                TAG_PAIR => {
                    let p = self.pairs[val as usize];
                    self.pair_encode.entry(p).or_insert(Encoded::new(path));
                }
                TAG_CHILD => self.invert(val as usize, path),
                _ => {}
            }
            path.pop();
        }
    }

    /// Decode one unit at the start of `input` (not empty).
    pub fn decode(&self, input: &[u8]) -> Decoded {
        let mut node = &self.nodes[0];
        let mut i = 0;
        loop {
            let Some(&b) = input.get(i) else { return Decoded::TooFew };
            if b < node.lo || b > node.hi {
                return Decoded::Illegal(node.default_err as usize);
            }
            let e = node.entries[(b - node.lo) as usize];
            let (tag, val) = (e >> 24, e & 0xFF_FFFF);
            match tag {
                TAG_CP => return Decoded::Chars { first: val, second: None, used: i + 1 },
                TAG_PAIR => {
                    let (a, b) = self.pairs[val as usize];
                    return Decoded::Chars { first: a, second: Some(b), used: i + 1 };
                }
                TAG_CHILD => {
                    node = &self.nodes[val as usize];
                    i += 1;
                }
                TAG_ERR => return Decoded::Illegal(val as usize),
                _ if val == SPECIAL_GB4 => return self.decode_gb4(input),
                _ if val == SPECIAL_MAKEUP => return decode_makeup(input),
                _ => return Decoded::Illegal(1),
            }
        }
    }

    /// GB18030's four-byte sequences (the second byte is a digit).
    fn decode_gb4(&self, input: &[u8]) -> Decoded {
        if input.len() < 4 {
            return Decoded::TooFew;
        }
        let (b1, b2, b3, b4) = (input[0] as u32, input[1] as u32, input[2] as u32, input[3] as u32);
        if !(0x81..=0xFE).contains(&b1) || !(0x81..=0xFE).contains(&b3) || !(0x30..=0x39).contains(&b4) {
            return Decoded::Illegal(1);
        }
        let idx = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
        let cp = if idx >= GB_SUPP_BASE {
            let cp = 0x10000 + (idx - GB_SUPP_BASE);
            (cp <= 0x10FFFF).then_some(cp)
        } else {
            let k = self.gb_runs.partition_point(|r| r.0 <= idx);
            k.checked_sub(1).map(|k| self.gb_runs[k]).filter(|r| idx < r.0 + r.2).map(|r| r.1 + (idx - r.0))
        };
        match cp {
            Some(cp) => Decoded::Chars { first: cp, second: None, used: 4 },
            None => Decoded::Illegal(1),
        }
    }

    /// The encoding of one code point on its own.
    fn encode_single(&self, cp: u32) -> Option<Encoded> {
        if let Some(e) = self.encode.get(&cp) {
            return *e;
        }
        if !self.gb18030 || (0xD800..0xE000).contains(&cp) {
            return None;
        }
        if cp >= 0x10000 {
            return (cp <= 0x10FFFF).then(|| gb_bytes(GB_SUPP_BASE + cp - 0x10000));
        }
        let k = self.gb_by_cp.partition_point(|r| r.1 <= cp);
        let r = self.gb_by_cp[k.checked_sub(1)?];
        (cp < r.1 + r.2).then(|| gb_bytes(r.0 + cp - r.1))
    }

    /// Can `cp` begin a pair (JIS X 0213's kana with a semi-voiced mark, HKSCS's Ê̄)?
    fn starts_pair(&self, cp: u32) -> bool {
        !self.pair_encode.is_empty() && self.pairs.iter().any(|p| p.0 == cp)
    }

    /// Encode one step at the start of `text` (not empty). Unless `flush`, a code point
    /// that may begin a pair waits for the next one.
    pub fn encode(&self, text: &[u32], flush: bool) -> EncodeStep {
        let cp = text[0];
        if self.starts_pair(cp) {
            match text.get(1) {
                Some(&next) => {
                    if let Some(e) = self.pair_encode.get(&(cp, next)) {
                        return EncodeStep::Bytes { out: *e, used: 2 };
                    }
                }
                None if !flush => return EncodeStep::TooFew,
                None => {}
            }
        }
        match self.encode_single(cp) {
            Some(out) => EncodeStep::Bytes { out, used: 1 },
            None => EncodeStep::Unencodable,
        }
    }

    /// The encoding of a code point on its own, if any (for the stateful codecs built on a
    /// table, e.g. HZ over GB2312).
    pub fn encode_char(&self, cp: u32) -> Option<Encoded> {
        self.encode_single(cp)
    }
}

/// EUC-KR's KS X 1001:1998 Annex 3 make-up sequence: the filler `A4 D4` then three jamo
/// `A4 xx` (initial, medial, final) spell a Hangul syllable outside KS X 1001.
fn decode_makeup(input: &[u8]) -> Decoded {
    if input.len() < 8 {
        return Decoded::TooFew;
    }
    if input[2] != 0xA4 || input[4] != 0xA4 || input[6] != 0xA4 {
        return Decoded::Illegal(1);
    }
    // The KS X 1001 jamo rows (A4 A1..A4 BE) in the order of the syllable formula; the
    // positions not listed are jamo that cannot stand in that place.
    const INITIAL: [u8; 19] = [
        0xA1, 0xA2, 0xA4, 0xA7, 0xA8, 0xA9, 0xB1, 0xB2, 0xB3, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD,
        0xBE,
    ];
    const FINAL: [u8; 27] = [
        0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB4,
        0xB5, 0xB6, 0xB7, 0xB8, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE,
    ];
    let cho = INITIAL.iter().position(|&b| b == input[3]);
    let jung = (0xBF..=0xD3).contains(&input[5]).then(|| (input[5] - 0xBF) as usize);
    let jong = if input[7] == 0xD4 { Some(0) } else { FINAL.iter().position(|&b| b == input[7]).map(|p| p + 1) };
    match (cho, jung, jong) {
        (Some(c), Some(v), Some(f)) => {
            Decoded::Chars { first: 0xAC00 + (c * 588 + v * 28 + f) as u32, second: None, used: 8 }
        }
        _ => Decoded::Illegal(1),
    }
}

/// One designation of an ISO-2022 codec (CPython's `iso2022_designation`): the charset's
/// final byte (with 0x80 for double-byte sets), the plane G0/G1/G2 it goes to, its width.
pub struct Designation {
    pub mark: u8,
    pub plane: u8,
    pub width: u8,
    decode: HashMap<u16, (u32, u32)>,
}

/// The tables of an ISO-2022 codec: its designations in CPython's order with their
/// decoding tables, the G2 sets of ISO-2022-JP-2, the encoder's choice for each code point
/// and the pairs it encodes as one.
pub struct Iso2022 {
    pub designations: Vec<Designation>,
    g2_latin1: HashMap<u8, u32>,
    g2_greek: HashMap<u8, u32>,
    encode: HashMap<u32, (u8, u16)>,
    pairs: HashMap<(u32, u32), (u8, u16)>,
}

/// The ISO-2022 tables of `codec` (`iso2022_jp`, ...), parsed at first use.
pub fn iso2022(codec: &str) -> Option<&'static Iso2022> {
    static TABLES: OnceLock<Vec<OnceLock<Iso2022>>> = OnceLock::new();
    let i = data::ISO2022_NAMES.iter().position(|n| *n == codec)?;
    let cells = TABLES.get_or_init(|| data::ISO2022_NAMES.iter().map(|_| OnceLock::new()).collect());
    Some(cells[i].get_or_init(|| Iso2022::parse(data::ISO2022_BLOBS[i])))
}

impl Reader<'_> {
    fn u16(&mut self) -> u16 {
        let v = u16::from_le_bytes([self.b[self.at], self.b[self.at + 1]]);
        self.at += 2;
        v
    }
}

impl Iso2022 {
    fn parse(blob: &[u8]) -> Iso2022 {
        let mut r = Reader { b: blob, at: 4 };
        let n = r.u8() as usize;
        let mut designations: Vec<Designation> = (0..n)
            .map(|_| Designation { mark: r.u8(), plane: r.u8(), width: r.u8(), decode: HashMap::new() })
            .collect();
        for d in designations.iter_mut() {
            let count = r.u32() as usize;
            for _ in 0..count {
                let (b1, b2) = (r.u8(), r.u8());
                let (c1, c2) = (r.u32(), r.u32());
                d.decode.insert(u16::from_be_bytes([b1, b2]), (c1, c2));
            }
        }
        let g2 = |r: &mut Reader| -> HashMap<u8, u32> {
            let count = r.u32() as usize;
            (0..count).map(|_| (r.u8(), r.u32())).collect()
        };
        let g2_latin1 = g2(&mut r);
        let g2_greek = g2(&mut r);
        let count = r.u32() as usize;
        let encode = (0..count).map(|_| (r.u32(), (r.u8(), r.u16()))).collect();
        let count = r.u32() as usize;
        let pairs = (0..count).map(|_| ((r.u32(), r.u32()), (r.u8(), r.u16()))).collect();
        Iso2022 { designations, g2_latin1, g2_greek, encode, pairs }
    }

    /// Decode `bytes` (the designation's width) in designation `k`: one or two code
    /// points (the second 0 when one).
    pub fn decode(&self, k: usize, bytes: &[u8]) -> Option<(u32, u32)> {
        let key = if bytes.len() == 2 { u16::from_be_bytes([bytes[0], bytes[1]]) } else { u16::from(bytes[0]) << 8 };
        self.designations.get(k)?.decode.get(&key).copied()
    }

    /// A byte after `ESC N` in the G2 set `mark` (`A`: ISO 8859-1, `F`: ISO 8859-7).
    pub fn decode_g2(&self, mark: u8, b: u8) -> Option<u32> {
        match mark {
            b'A' => self.g2_latin1.get(&b).copied(),
            b'F' => self.g2_greek.get(&b).copied(),
            _ => None,
        }
    }

    /// The designation and code the encoder picks for `cp` on its own.
    pub fn encode(&self, cp: u32) -> Option<(usize, u16)> {
        self.encode.get(&cp).map(|&(k, c)| (k as usize, c))
    }

    /// The designation and code of the pair `(a, b)`, if the encoder makes one.
    pub fn encode_pair(&self, a: u32, b: u32) -> Option<(usize, u16)> {
        self.pairs.get(&(a, b)).map(|&(k, c)| (k as usize, c))
    }

    /// Can `cp` begin a pair (so the encoder waits for the next character)?
    pub fn starts_pair(&self, cp: u32) -> bool {
        self.pairs.keys().any(|p| p.0 == cp)
    }
}
