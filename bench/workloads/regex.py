"""Regular expressions (`re` over the native `_sre`): findall, finditer, sub
(with a string and with a function), split, match and fullmatch over a
generated text of identifiers, numbers, punctuation and whitespace.
Patterns: identifiers, numbers with fractions and exponents, whitespace
runs, alternations of keywords, character classes and negated classes,
case-insensitive literals, backreferences (doubled words, quoted strings),
lookahead and lookbehind, lazy repeats, named groups, and a literal-prefix
search. Prints counts and checksums of the results. Imports only `re`."""
import re
import sys

WORDS = ["alpha", "Beta", "gamma", "DELTA", "if", "else", "while", "return",
         "x1", "y_2", "_tmp", "self", "the", "the", "value", "Value"]
PUNCT = ["(", ")", ",", ".", ":", "=", "+", "-", "*", "/", "==", "!=", "[", "]"]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = self.state * 48271 % 2147483647
        return self.state % n


def make_text(rng, lines):
    out = []
    for i in range(lines):
        parts = []
        for _ in range(4 + rng.below(10)):
            k = rng.below(10)
            if k < 5:
                parts.append(WORDS[rng.below(len(WORDS))])
            elif k < 7:
                n = rng.below(100000)
                parts.append(str(n) if k == 5 else "%d.%de-%d" % (n, rng.below(100), rng.below(9)))
            elif k < 9:
                parts.append(PUNCT[rng.below(len(PUNCT))])
            else:
                parts.append('"%s %s"' % (WORDS[rng.below(16)], WORDS[rng.below(16)]))
        sep = " " * (1 + rng.below(3))
        out.append(" " * (4 * rng.below(3)) + sep.join(parts) + ("  # note %d" % i if i % 7 == 0 else ""))
    return out


IDENT = re.compile(r"[A-Za-z_]\w*")
NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
SPACES = re.compile(r"\s+")
KEYWORD = re.compile(r"\b(?:if|else|while|return|self)\b")
CLASS = re.compile(r"[^\w\s]+")
IGNORE = re.compile(r"value|delta", re.IGNORECASE)
DOUBLED = re.compile(r"\b(\w+)\s+\1\b")
QUOTED = re.compile(r"([\"'])(.*?)\1")
LOOKAHEAD = re.compile(r"\w+(?=\s*\()")
LOOKBEHIND = re.compile(r"(?<=[=+]) *(\d+)")
NAMED = re.compile(r"(?P<name>[a-z_]+)\s*(?P<op>==|!=|=)\s*(?P<rhs>\w+)")
COMMENT = re.compile(r"#.*$")
INDENT = re.compile(r"( *)(\S)")
PREFIX = re.compile(r"note (\d+)")


def checksum(items):
    h = 0
    for s in items:
        h = (h * 31 + len(s) + (ord(s[0]) if s else 0)) % 1000000007
    return h


def run(lines):
    totals = {}

    def add(name, n):
        totals[name] = totals.get(name, 0) + n

    for line in lines:
        add("ident", len(IDENT.findall(line)))
        add("number", checksum(NUMBER.findall(line)))
        add("split", len(SPACES.split(line)))
        add("keyword", sum(1 for _ in KEYWORD.finditer(line)))
        add("punct", checksum(CLASS.findall(line)))
        add("ignore", len(IGNORE.sub("V", line)))
        add("doubled", len(DOUBLED.findall(line)))
        add("quoted", checksum(m.group(2) for m in QUOTED.finditer(line)))
        add("call", len(LOOKAHEAD.findall(line)))
        add("behind", checksum(LOOKBEHIND.findall(line)))
        for m in NAMED.finditer(line):
            add("named", len(m.group("name")) + len(m["rhs"]) + m.start("op"))
        m = COMMENT.search(line)
        if m:
            add("comment", m.end() - m.start())
        m = INDENT.match(line)
        if m:
            add("indent", len(m.group(1)))
        m = PREFIX.search(line)
        if m:
            add("prefix", int(m.group(1)))
        add("upper", len(IDENT.sub(lambda m: m.group().upper(), line)))
        add("full", 1 if NUMBER.fullmatch(line.strip()) else 0)
        pos = 0
        n = 0
        while True:
            m = IDENT.search(line, pos)
            if not m:
                break
            pos = m.end()
            n += 1
        add("scan", n)
    return totals


def main():
    lines_n = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    rng = Lcg(12345)
    lines = make_text(rng, lines_n)
    totals = run(lines)
    for k in sorted(totals):
        print(f"{k:<8} {totals[k]}")


main()
