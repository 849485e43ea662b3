#!/usr/bin/env python3
"""Generate crates/taipan-cjk/data/*.bin: the tables of the CJK codecs.

Everything is read off the running CPython 3.11's own codecs, so Taipan's `_codecs_cn`,
`_codecs_jp`, `_codecs_kr`, `_codecs_tw` and `_codecs_hk` answer byte for byte as CPython's.
Run with python3.11:

    python3 tools/gen_cjk.py crates/taipan-cjk/data

For each stateless codec one binary file (little-endian) holds:

- the decoder as a trie over bytes, found by probing CPython's decoder: a node covers the
  bytes `lo..=hi` with one u32 entry each (a byte outside the range is an error of
  `default_err` bytes). An entry is tagged by its top byte: 0 a code point, 1 an index into
  the pairs (a sequence that decodes to two code points), 2 a child node (more bytes needed:
  "incomplete multibyte sequence" at the end of the input), 3 an error of N bytes, 4 a
  special rule (1: GB18030's four-byte sequences, 2: EUC-KR's eight-byte make-up sequence);
- the pairs, two u32 each;
- GB18030's four-byte runs in the BMP (linear index, first code point, length);
- the encoder's exceptions: every code point whose encoding is not the one the runtime derives
  (the first byte sequence in trie order that decodes to it, then GB18030's rule), as
  `cp, len, bytes` (len 0: not encodable).

The ISO-2022 codecs get a file each too (see "ISO-2022" below). The format is read by
`crates/taipan-cjk/src/lib.rs`; `tests/programs/stdlib_multibytecodec/`
checks Taipan against CPython (every code point, every one- and two-byte sequence).
"""
import os
import struct
import sys

CODECS = [
    "gb2312", "gbk", "gb18030",
    "big5", "cp950", "big5hkscs",
    "shift_jis", "cp932", "euc_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213",
    "euc_kr", "cp949", "johab",
]

TAG_CP, TAG_PAIR, TAG_CHILD, TAG_ERR, TAG_SPECIAL = 0, 1, 2, 3, 4
SPECIAL_GB4, SPECIAL_MAKEUP = 1, 2


def probe(codec, seq):
    """("ok", str) if `seq` decodes as one unit, ("more",) if it is incomplete, or
    ("err", n) if its first error covers n bytes."""
    try:
        return ("ok", seq.decode(codec))
    except UnicodeDecodeError as e:
        if e.start != 0:
            raise AssertionError((codec, seq, e))
        if e.reason == "incomplete multibyte sequence":
            return ("more",)
        return ("err", e.end - e.start)


class Trie:
    def __init__(self, codec):
        self.codec = codec
        self.nodes = []
        self.pairs = []
        self.build(b"")

    def build(self, prefix):
        idx = len(self.nodes)
        self.nodes.append(None)
        entries = []
        for b in range(256):
            seq = prefix + bytes([b])
            entries.append(self.entry(seq))
        self.nodes[idx] = entries
        return idx

    def entry(self, seq):
        codec = self.codec
        if codec == "gb18030" and len(seq) == 2 and seq[0] >= 0x80 and 0x30 <= seq[1] <= 0x39:
            return (TAG_SPECIAL << 24) | SPECIAL_GB4
        if codec == "euc_kr" and seq == b"\xa4\xd4":
            return (TAG_SPECIAL << 24) | SPECIAL_MAKEUP
        r = probe(codec, seq)
        if r[0] == "ok":
            s = r[1]
            if len(s) == 1:
                return ord(s)
            assert len(s) == 2, (codec, seq, s)
            self.pairs.append((ord(s[0]), ord(s[1])))
            return (TAG_PAIR << 24) | (len(self.pairs) - 1)
        if r[0] == "err":
            return (TAG_ERR << 24) | r[1]
        assert len(seq) < 3, (codec, seq)
        return (TAG_CHILD << 24) | self.build(seq)

    def inverse(self):
        """The encoder the runtime derives: the first sequence in trie order for each code
        point, and for each pair."""
        single, pairs = {}, {}

        def walk(node, prefix):
            for b, e in enumerate(self.nodes[node]):
                tag, val = e >> 24, e & 0xFFFFFF
                seq = prefix + bytes([b])
                if tag == TAG_CP:
                    single.setdefault(val, seq)
                elif tag == TAG_PAIR:
                    pairs.setdefault(self.pairs[val], seq)
                elif tag == TAG_CHILD:
                    walk(val, seq)

        walk(0, b"")
        return single, pairs


def gb_linear(b):
    return (((b[0] - 0x81) * 10 + (b[1] - 0x30)) * 126 + (b[2] - 0x81)) * 10 + (b[3] - 0x30)


def gb_bytes(idx):
    b4 = idx % 10
    idx //= 10
    b3 = idx % 126
    idx //= 126
    b2 = idx % 10
    b1 = idx // 10
    return bytes([b1 + 0x81, b2 + 0x30, b3 + 0x81, b4 + 0x30])


GB_SUPP_BASE = gb_linear(b"\x90\x30\x81\x30")


def gb_runs():
    """GB18030's four-byte sequences below the supplementary planes, as runs."""
    runs = []
    end = gb_linear(b"\x90\x30\x81\x30")
    for idx in range(end):
        try:
            s = gb_bytes(idx).decode("gb18030")
        except UnicodeDecodeError:
            continue
        cp = ord(s)
        if runs and runs[-1][0] + runs[-1][2] == idx and runs[-1][1] + runs[-1][2] == cp:
            runs[-1][2] += 1
        else:
            runs.append([idx, cp, 1])
    return runs


def gb_encode(cp, runs):
    if cp >= 0x10000:
        return gb_bytes(GB_SUPP_BASE + cp - 0x10000)
    for idx, first, n in runs:
        if first <= cp < first + n:
            return gb_bytes(idx + cp - first)
    return None


def actual_encoding(codec, cp):
    try:
        return chr(cp).encode(codec)
    except UnicodeEncodeError:
        return None


def generate(codec):
    trie = Trie(codec)
    single, pairs = trie.inverse()
    runs = gb_runs() if codec == "gb18030" else []
    # Check the pairs the decoder knows are the encoder's.
    for (a, b), seq in pairs.items():
        assert (chr(a) + chr(b)).encode(codec) == seq, (codec, a, b)
    exceptions = []
    for cp in range(0x110000):
        want = actual_encoding(codec, cp)
        base = single.get(cp)
        if base is None and codec == "gb18030" and not 0xD800 <= cp < 0xE000:
            base = gb_encode(cp, runs)
        if want != base:
            exceptions.append((cp, want or b""))
    out = bytearray(b"CJK1")
    out += struct.pack("<I", len(trie.nodes))
    for entries in trie.nodes:
        errs = {}
        for e in entries:
            if e >> 24 == TAG_ERR:
                errs[e] = errs.get(e, 0) + 1
        default = max(errs, key=errs.get) if errs else (TAG_ERR << 24) | 1
        keep = [i for i, e in enumerate(entries) if e != default]
        lo, hi = (keep[0], keep[-1]) if keep else (1, 0)
        out += struct.pack("<BBBB", lo, hi, default & 0xFF, 0)
        for e in entries[lo:hi + 1]:
            out += struct.pack("<I", e)
    out += struct.pack("<I", len(trie.pairs))
    for a, b in trie.pairs:
        out += struct.pack("<II", a, b)
    out += struct.pack("<I", len(runs))
    for idx, cp, n in runs:
        out += struct.pack("<III", idx, cp, n)
    out += struct.pack("<I", len(exceptions))
    for cp, seq in exceptions:
        out += struct.pack("<IB", cp, len(seq)) + seq
    return bytes(out), len(trie.nodes), len(trie.pairs), len(runs), len(exceptions)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    only = sys.argv[2:] or CODECS + list(ISO2022)
    for codec in only:
        if codec in ISO2022:
            data, nenc, npairs = generate_iso2022(codec)
            with open(os.path.join(outdir, codec + ".bin"), "wb") as f:
                f.write(data)
            print(f"{codec}: {len(data)} bytes, {nenc} encodable, {npairs} pairs")
            continue
        data, nodes, npairs, nruns, nexc = generate(codec)
        with open(os.path.join(outdir, codec + ".bin"), "wb") as f:
            f.write(data)
        print(f"{codec}: {len(data)} bytes, {nodes} nodes, {npairs} pairs, {nruns} runs, {nexc} exceptions")
    src = ["//! Generated by tools/gen_cjk.py: the data files of the CJK tables. Do not edit.", "",
           "pub(crate) const NAMES: &[&str] = &[", *[f'    "{n}",' for n in CODECS], "];", "",
           "pub(crate) const BLOBS: &[&[u8]] = &["]
    src += [f'    include_bytes!("../data/{n}.bin"),' for n in CODECS]
    src.append("];")
    src += ["", "pub(crate) const ISO2022_NAMES: &[&str] = &[", *[f'    "{n}",' for n in ISO2022], "];", "",
            "pub(crate) const ISO2022_BLOBS: &[&[u8]] = &["]
    src += [f'    include_bytes!("../data/{n}.bin"),' for n in ISO2022]
    src.append("];")
    with open(os.path.join(outdir, "..", "src", "data.rs"), "w") as f:
        f.write("\n".join(src) + "\n")



# ---- ISO-2022 ----------------------------------------------------------------------------------
#
# One file per codec, `iso2022_*.bin` ("ISO1"): the designations in CPython's order (mark,
# plane, width), then for each its decoding table found by probing CPython's decoder after
# the designation's escape sequence (entries `b1, b2, cp1, cp2`; cp2 0 unless a pair), the
# G2 tables of ISO-2022-JP-2 (`ESC N` + byte: byte, cp), the encoder's choice for every
# code point found by encoding it alone (`cp, designation, code`), and the pairs the
# designations can encode (`cp1, cp2, designation, code`).

DBCS = 0x80
ISO2022 = {
    "iso2022_kr": [(ord("C") | DBCS, 1, 2)],
    "iso2022_jp": [(ord("B") | DBCS, 0, 2), (ord("J"), 0, 1), (ord("@") | DBCS, 0, 2)],
    "iso2022_jp_1": [(ord("B") | DBCS, 0, 2), (ord("D") | DBCS, 0, 2), (ord("J"), 0, 1), (ord("@") | DBCS, 0, 2)],
    "iso2022_jp_2": [(ord("B") | DBCS, 0, 2), (ord("D") | DBCS, 0, 2), (ord("C") | DBCS, 0, 2),
                     (ord("A") | DBCS, 0, 2), (ord("J"), 0, 1), (ord("@") | DBCS, 0, 2),
                     (ord("A"), 2, 1), (ord("F"), 2, 1)],
    "iso2022_jp_2004": [(ord("Q") | DBCS, 0, 2), (ord("B") | DBCS, 0, 2), (ord("Q") | DBCS, 0, 2),
                        (ord("P") | DBCS, 0, 2)],
    "iso2022_jp_3": [(ord("O") | DBCS, 0, 2), (ord("B") | DBCS, 0, 2), (ord("O") | DBCS, 0, 2),
                     (ord("P") | DBCS, 0, 2)],
    "iso2022_jp_ext": [(ord("B") | DBCS, 0, 2), (ord("D") | DBCS, 0, 2), (ord("J"), 0, 1), (ord("I"), 0, 1),
                       (ord("@") | DBCS, 0, 2)],
}


def designation_escape(mark, plane, width):
    final = bytes([mark & 0x7F])
    if plane == 1:
        return (b"\x1b$)" if width == 2 else b"\x1b)") + final + b"\x0e"
    if plane == 2:
        return b"\x1b." + final
    return (b"\x1b$(" if width == 2 else b"\x1b(") + final


def iso_decode_table(codec, mark, plane, width):
    esc = designation_escape(mark, plane, width)
    entries = []
    seconds = range(256) if width == 2 else [None]
    for b1 in range(0x20, 0x80):
        for b2 in seconds:
            seq = bytes([b1]) if b2 is None else bytes([b1, b2])
            try:
                s = (esc + seq).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(s) == 1:
                entries.append((b1, b2 or 0, ord(s), 0))
            elif len(s) == 2:
                entries.append((b1, b2 or 0, ord(s[0]), ord(s[1])))
    return entries


def iso_g2_table(codec, mark):
    out = []
    for b in range(256):
        try:
            s = (b"\x1b." + bytes([mark]) + b"\x1bN" + bytes([b])).decode(codec)
        except UnicodeDecodeError:
            continue
        out.append((b, ord(s)))
    return out


def iso_parse(codec, desigs, data):
    """(designation index, code) of a lone character's encoding."""
    i = 0
    mark = None
    if data.startswith(b"\x1b$("):
        mark, plane, i = data[3] | DBCS, 0, 4
    elif data.startswith(b"\x1b$)"):
        mark, plane, i = data[3] | DBCS, 1, 4
    elif data.startswith(b"\x1b$"):
        mark, plane, i = data[2] | DBCS, 0, 3
    elif data.startswith(b"\x1b("):
        mark, plane, i = data[2], 0, 3
    if data[i:i + 1] == b"\x0e":
        i += 1
    rest = data[i:]
    for suffix in (b"\x1b(B", b"\x0f"):
        if rest.endswith(suffix):
            rest = rest[:-len(suffix)]
    for k, (m, p, w) in enumerate(desigs):
        if m == mark and p == plane and w == len(rest):
            return k, int.from_bytes(rest, "big")
    raise AssertionError((codec, data))


def generate_iso2022(codec):
    desigs = ISO2022[codec]
    out = bytearray(b"ISO1")
    out += struct.pack("<B", len(desigs))
    for mark, plane, width in desigs:
        out += struct.pack("<BBB", mark, plane, width)
    pairs = {}
    for k, (mark, plane, width) in enumerate(desigs):
        entries = [] if plane == 2 else iso_decode_table(codec, mark, plane, width)
        out += struct.pack("<I", len(entries))
        for b1, b2, c1, c2 in entries:
            out += struct.pack("<BBII", b1, b2, c1, c2)
            if c2:
                pairs.setdefault((c1, c2), (k, (b1 << 8) | b2))
    g2 = {m: iso_g2_table(codec, m) for m in (ord("A"), ord("F"))} if codec == "iso2022_jp_2" else {}
    for m in (ord("A"), ord("F")):
        t = g2.get(m, [])
        out += struct.pack("<I", len(t))
        for b, cp in t:
            out += struct.pack("<BI", b, cp)
    enc = []
    for cp in range(0x80, 0x110000):
        try:
            data = chr(cp).encode(codec)
        except UnicodeEncodeError:
            continue
        enc.append((cp,) + iso_parse(codec, desigs, data))
    out += struct.pack("<I", len(enc))
    for cp, k, code in enc:
        out += struct.pack("<IBH", cp, k, code)
    # Only the pairs the encoder makes (through a pair-only designation first in the list).
    made = []
    for (c1, c2), (k, code) in pairs.items():
        try:
            got = iso_parse(codec, desigs, (chr(c1) + chr(c2)).encode(codec))
        except (UnicodeEncodeError, AssertionError):
            continue
        if got[1] == code:
            made.append((c1, c2, got[0], code))
    out += struct.pack("<I", len(made))
    for c1, c2, k, code in made:
        out += struct.pack("<IIBH", c1, c2, k, code)
    return bytes(out), len(enc), len(made)


if __name__ == "__main__":
    main()
