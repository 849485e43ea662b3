#!/usr/bin/env python3
"""Generate crates/taipan-unicode/src/ucd/: the tables behind the `unicodedata` module.

Everything is read off the running CPython 3.11's own `unicodedata` (Unicode 14.0.0) and its
`ucd_3_2_0` object, one code point at a time, so Taipan answers exactly as CPython does.  The
two lists CPython's module has no way to enumerate (name aliases and named sequences) are read
from Perl's copy of the same Unicode version (`unicore/Name.pl`, `unicore/NamedSequences.txt`)
and kept only where CPython's `unicodedata.lookup` agrees.  Run with python3.11:

    python3 tools/gen_unicodedata.py crates/taipan-unicode/src/ucd

The tables are written one family per file (`properties.rs`, `decomposition.rs`,
`numeric.rs`, `names.rs`, `v3_2.rs`) under that folder, with a `mod.rs` re-exporting them.
"""
import sys
import unicodedata as U

OLD = U.ucd_3_2_0
MAX = sys.maxunicode + 1
PERL = "/usr/share/perl/5.36.0/unicore"

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf",
              "Cs", "Co", "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS", "NSM",
        "BN", "B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
EAW = ["F", "H", "W", "Na", "A", "N"]


def packed(items, width=110):
    """Lines of comma-separated items, several to a line."""
    out, line = [], "   "
    for it in items:
        piece = f" {it},"
        if len(line) + len(piece) > width:
            out.append(line)
            line = "   "
        line += piece
    if line.strip():
        out.append(line)
    return "\n".join(out)


def emit(decl, items, doc):
    print(f"/// {doc}")
    print(f"pub static {decl} = &[")
    print(packed(items))
    print("];\n")


def record(c):
    return (CATEGORIES.index(U.category(c)), BIDI.index(U.bidirectional(c)), U.combining(c),
            EAW.index(U.east_asian_width(c)), U.mirrored(c))


def property_runs():
    records, runs, prev = {}, [], None
    for cp in range(MAX):
        r = record(chr(cp))
        idx = records.setdefault(r, len(records))
        if idx != prev:
            runs.append((cp, idx))
            prev = idx
    return list(records), runs


def decompositions():
    tags, index, data = [""], [], []
    for cp in range(MAX):
        d = U.decomposition(chr(cp))
        if not d:
            continue
        parts = d.split()
        tag = ""
        if parts[0].startswith("<"):
            tag = parts.pop(0)
        if tag not in tags:
            tags.append(tag)
        index.append((cp, len(data)))
        data.append((tags.index(tag) << 8) | len(parts))
        data.extend(int(p, 16) for p in parts)
    return tags, index, data


def numerics():
    out = []
    for cp in range(MAX):
        c = chr(cp)
        n = U.numeric(c, None)
        if n is None:
            assert U.digit(c, None) is None and U.decimal(c, None) is None
            continue
        out.append((cp, U.decimal(c, -1), U.digit(c, -1), n))
    return out


def compositions():
    """Primary composites: canonical pairs that NFC recomposes."""
    out = []
    for cp in range(MAX):
        d = U.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(p, 16) for p in d.split()]
        if len(parts) == 2 and U.normalize("NFC", chr(cp)) == chr(cp):
            out.append((parts[0], parts[1], cp))
    out.sort()
    return out


def ranges(pred):
    out, start = [], None
    for cp in range(MAX):
        if pred(cp):
            if start is None:
                start = cp
        elif start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, MAX - 1))
    return out


def aliases():
    lines = open(f"{PERL}/Name.pl", encoding="utf-8").read().split("\n")
    out = set()
    for i in range(len(lines) - 1):
        code, name = lines[i].strip(), lines[i + 1].strip()
        if not code or " " in code or not all(ch in "0123456789ABCDEF" for ch in code) or not name:
            continue
        cp = int(code, 16)
        if U.name(chr(cp), None) == name:
            continue
        try:
            if U.lookup(name) == chr(cp):
                out.add((name, cp))
        except KeyError:
            pass
    return sorted(out)


def named_sequences():
    out = []
    for line in open(f"{PERL}/NamedSequences.txt", encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, seq = line.split(";")
        cps = [int(p, 16) for p in seq.split()]
        assert U.lookup(name) == "".join(map(chr, cps)), name
        out.append((name, cps))
    return sorted(out)


def old_changes():
    """ucd_3_2_0's answers where they differ from the current ones (assigned code points)."""
    out = []
    for cp in range(MAX):
        c = chr(cp)
        if OLD.category(c) == "Cn":
            continue
        old = (OLD.category(c), OLD.bidirectional(c), OLD.east_asian_width(c), OLD.mirrored(c),
               OLD.decimal(c, -1))
        new = (U.category(c), U.bidirectional(c), U.east_asian_width(c), U.mirrored(c), U.decimal(c, -1))
        for f in ("combining", "decomposition", "numeric", "digit"):
            assert getattr(OLD, f)(c, *([None] if f in ("numeric", "digit") else [])) == \
                getattr(U, f)(c, *([None] if f in ("numeric", "digit") else [])), (f, hex(cp))
        if old != new:
            out.append((cp, CATEGORIES.index(old[0]), BIDI.index(old[1]), EAW.index(old[2]), old[3], old[4]))
    return out


def old_normalization_corrections():
    out = []
    for cp in range(MAX):
        c = chr(cp)
        if OLD.category(c) == "Cn":
            continue
        o, n = OLD.normalize("NFD", c), U.normalize("NFD", c)
        if o != n:
            assert len(o) == 1
            out.append((cp, ord(o)))
    return out


def strs(names):
    return [f'"{n}"' for n in names]


def main():
    assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"
    print(f"// Generated by tools/gen_unicodedata.py from CPython {sys.version.split()[0]} "
          f"(Unicode {U.unidata_version}). Do not edit.\n")
    print(f'pub const UNIDATA_VERSION: &str = "{U.unidata_version}";\n')
    emit("CATEGORY_NAMES: &[&str]", strs(CATEGORIES), "General category names, by index.")
    emit("BIDI_NAMES: &[&str]", strs(BIDI), "Bidirectional class names, by index.")
    emit("EAW_NAMES: &[&str]", strs(EAW), "East Asian width names, by index.")
    records, runs = property_runs()
    emit("RECORDS: &[(u8, u8, u8, u8, u8)]", [f"({a}, {b}, {c}, {d}, {e})" for a, b, c, d, e in records],
         "(category, bidirectional, combining, east asian width, mirrored), by record index.")
    emit("RECORD_RUNS: &[(u32, u8)]", [f"(0x{cp:x}, {i})" for cp, i in runs],
         "From each code point on (to the next entry), the record index.")
    tags, index, data = decompositions()
    emit("DECOMP_TAGS: &[&str]", strs(tags), "Decomposition tags, by index (0: canonical).")
    emit("DECOMP_INDEX: &[(u32, u16)]", [f"(0x{cp:x}, {off})" for cp, off in index],
         "Code points with a decomposition: the offset of its entry in DECOMP_DATA.")
    emit("DECOMP_DATA: &[u32]", [f"0x{v:x}" for v in data],
         "Entries: (tag index << 8 | length), then the code points.")
    emit("NUMERIC: &[(u32, i8, i8, f64)]",
         [f"(0x{cp:x}, {de}, {di}, {n!r})" for cp, de, di, n in numerics()],
         "(code point, decimal or -1, digit or -1, numeric value).")
    emit("COMPOSITIONS: &[(u32, u32, u32)]", [f"(0x{a:x}, 0x{b:x}, 0x{c:x})" for a, b, c in compositions()],
         "Canonical pairs (first, second) and the primary composite they make, sorted.")
    emit("ALIASES: &[(&str, u32)]", [f'("{n}", 0x{cp:x})' for n, cp in aliases()],
         "Name aliases (NameAliases.txt) that `lookup` and `\\N{...}` accept, sorted.")
    emit("NAMED_SEQUENCES: &[(&str, &[u32])]",
         [f'("{n}", &[{", ".join(f"0x{c:x}" for c in cps)}])' for n, cps in named_sequences()],
         "Named character sequences (for `lookup` only), sorted.")
    emit("UNASSIGNED_3_2: &[(u32, u32)]", [f"(0x{a:x}, 0x{b:x})" for a, b in ranges(
        lambda cp: OLD.category(chr(cp)) == "Cn")], "Code points unassigned in Unicode 3.2.0.")
    emit("CHANGES_3_2: &[(u32, u8, u8, u8, u8, i8)]",
         [f"(0x{cp:x}, {a}, {b}, {c}, {d}, {e})" for cp, a, b, c, d, e in old_changes()],
         "Assigned code points whose 3.2.0 (category, bidi, east asian width, mirrored, decimal) differ.")
    emit("NORMALIZATION_3_2: &[(u32, u32)]", [f"(0x{a:x}, 0x{b:x})" for a, b in old_normalization_corrections()],
         "Unicode 3.2.0's normalization corrections: the code point a character decomposes to instead.")


# Which file each table goes to.
FAMILIES = {
    "properties": ["CATEGORY_NAMES", "BIDI_NAMES", "EAW_NAMES", "RECORDS", "RECORD_RUNS"],
    "decomposition": ["DECOMP_TAGS", "DECOMP_INDEX", "DECOMP_DATA", "COMPOSITIONS"],
    "numeric": ["NUMERIC"],
    "names": ["ALIASES", "NAMED_SEQUENCES"],
    "v3_2": ["UNASSIGNED_3_2", "CHANGES_3_2", "NORMALIZATION_3_2"],
}


def split_into_families(text, outdir):
    """Write the generated text as one file per family of tables, plus mod.rs."""
    import os
    import re
    header, _, body = text.partition("pub const UNIDATA_VERSION")
    version_line, _, body = ("pub const UNIDATA_VERSION" + body).partition("\n")
    tables = {}
    for chunk in re.split(r"\n(?=/// )", body.strip("\n")):
        name = re.search(r"pub static (\w+):", chunk).group(1)
        tables[name] = chunk.strip("\n") + "\n"
    os.makedirs(outdir, exist_ok=True)
    mods = []
    for family, names in FAMILIES.items():
        with open(os.path.join(outdir, family + ".rs"), "w") as f:
            f.write(header.strip("\n") + "\n\n" + "\n".join(tables.pop(n) for n in names))
        mods.append(family)
    assert not tables, "tables without a family: %s" % sorted(tables)
    with open(os.path.join(outdir, "mod.rs"), "w") as f:
        f.write(header.strip("\n") + "\n\n" + version_line + "\n\n")
        f.write("".join("mod %s;\n" % m for m in mods) + "\n")
        f.write("".join("pub use %s::*;\n" % m for m in mods))


if __name__ == "__main__":
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main()
    split_into_families(out.getvalue(), sys.argv[1])
