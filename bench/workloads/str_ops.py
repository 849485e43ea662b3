"""String operations: str.join, split (with and without a separator, with
maxsplit), rsplit, replace, strip variants, startswith/endswith, find/count,
upper/lower/title, str.format with positional, keyword and format specs,
%-formatting (%d %s %r %x %5.2f %-8s), f-strings with !r and nested specs,
concatenation, slicing, `in`, ord/chr, and str <-> int conversions."""
import sys

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"]


def make_record(i):
    name = WORDS[i % 16] + "_" + WORDS[(i * 7) % 16]
    return "%05d|%s|%s|%d.%02d|%s" % (
        i, name, WORDS[(i * 3) % 16].upper(), i % 1000, i % 100,
        "yes" if i % 3 else "no")


def parse_record(line):
    ident, name, tag, amount, flag = line.split("|")
    whole, frac = amount.split(".")
    return int(ident), name, tag.lower(), int(whole) * 100 + int(frac), flag == "yes"


def transform(line):
    s = line.replace("|", ", ").replace("_", "-")
    if s.startswith("0000"):
        s = s[4:]
    head, _, tail = s.partition(", ")
    parts = tail.rsplit(", ", 2)
    return "{0}:{1}[{2}]".format(head.lstrip("0") or "0", parts[0].title(), len(parts))


def caesar(text, shift):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        else:
            out.append(ch)
    return "".join(out)


def round_(n, seed):
    lines = [make_record(i * 31 + seed) for i in range(n)]
    blob = "\n".join(lines)
    check = len(blob) + blob.count("alpha") + blob.find("ZETA")

    total = 0
    names = []
    for line in blob.split("\n"):
        ident, name, tag, cents, flag = parse_record(line)
        if flag and tag.endswith("a"):
            total += cents
        names.append(name)
    check += total

    report = []
    for i, name in enumerate(names[:3000]):
        first, second = name.split("_", 1)
        report.append(f"{i:>5} {first.capitalize():<10}{second!r:>12} {i / 7:8.3f} {i:#06x}")
        report.append("{name:^20}|{n:+d}|{f:.2e}".format(name=name, n=i - 1500, f=i * 1.5))
        report.append("%-8s %5.2f %x %r" % (first, i / 3, i, second))
    joined = "\n".join(report)
    check += len(joined) + joined.count(" ") + sum(len(t) for t in joined.split())

    for line in lines[:4000]:
        t = transform(line)
        check += len(t) + (1 if "Eta" in t else 0)

    text = " ".join(names[:2000])
    enc = caesar(text, seed % 26)
    dec = caesar(enc, 26 - seed % 26)
    check += (dec == text) + len(enc.split()) + enc.count("q")

    padded = ["  %s\t" % w for w in names[:5000]]
    stripped = [p.strip() for p in padded]
    check += sum(1 for s in stripped if s.lower().startswith(("a", "e", "i", "o", "u")))
    check += int("".join(str(i % 10) for i in range(15)))
    return check


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    check = 0
    for r in range(rounds):
        check += round_(20000, r)
    print(check)


main()
