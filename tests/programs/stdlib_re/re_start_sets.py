# Searches that skip the positions where a pattern cannot start (its
# first-character set: literals, sets, categories, case-insensitive
# literals, `.`, lookaheads that need a character, skipping `\b`, marks,
# lookbehinds and negative lookaheads), and REPEAT_ONE backing off only to
# where its tail can start. Checked against patterns that can match the
# empty string (must_advance in finditer/sub/split), anchored ones, pos and
# endpos, bytes, and subjects beyond ASCII (Kelvin sign, long s, dotted I).
import re

SUBJECTS = [
    "foo(bar)  baz (qux) x=1 y == 22 z!=y_2",
    "Value VALUE vAlUe delta DELTA \u212aelvin \u017f s S k K \u0130i",
    "if else while return self selfish ifx _if if_",
    "the the cat cat  sat on on the mat",
    "a1b22c333 4.5e-6 .7 8.",
    "\u0394 \u03a9\u03a9 \U0001f600( \xe9\xe9 (",
    "",
    "(",
    "  \n\n x\ny  \n",
]
PATTERNS = [
    r"\w+(?=\s*\()", r"(?=\w)\w*", r"(?=x|y)", r"(?=\d)\d+|(?=[a-z])[a-z]+", r"(?!\s)\w+",
    r"(?<=[=+]) *(\d+)", r"(?<!\w)\d+", r"(?P<name>[a-z_]+)\s*(?P<op>==|!=|=)\s*(?P<rhs>\w+)",
    r"value|delta", r"(?i)value|delta", r"(?i)k|s", r"(?i)[ks]+", r"(?i)\u0130", r"(?i)elvin",
    r"\b(?:if|else|while|return|self)\b", r"\b(\w+)\s+\1\b", r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?",
    r"[^\w\s]+", r"\s+", r".+", r".", r"[^a]", r"x*", r"\b", r"(?=\()", r"^\w+", r"\A\w", r"$",
    r"(?m)^\s*\w", r"\w+(?=\()|\d", r"\w+?(?=\s)", r"[a-z]+(?=\d)\d", r"\w+(?!\()\b",
    r"(?:ab|cd)?(?=e)", r"\w*(?=\s)", r"[a-z]+\s+(?=on)", r"\S+(?=\s|$)", r"(a)?(?(1)b|c)",
    r"\w+(?=(?=\s)\s)", r"(?s).(?=\n)", r"\d+(?=\.)|\.\d", r"(\w)\1+", r"[\u0394\u03a9]+(?= )",
]

for pat in PATTERNS:
    rx = re.compile(pat)
    for s in SUBJECTS:
        spans = [m.span() for m in rx.finditer(s)]
        groups = [m.groups() for m in rx.finditer(s)]
        print(ascii(pat), ascii(s[:10]), spans, ascii(groups), ascii(rx.sub("<>", s)),
              len(rx.split(s)), ascii(rx.search(s, 3) and rx.search(s, 3).span()),
              ascii(rx.search(s, 1, 9) and rx.search(s, 1, 9).span()))

# Bytes patterns and subjects (code units above 127 are "other").
for pat in [rb"\w+(?=\s*\()", rb"(?i)value", rb"[^\x00-\x7f]+(?= )", rb"(?<=\xff)\w", rb".(?=\()"]:
    rx = re.compile(pat)
    for s in [b"ab(c) VALUE \xff\xfe x \xffz (", b"", b"\x80(\x81 ("]:
        print(pat, s, [m.span() for m in rx.finditer(s)], rx.sub(b"-", s))

# A deterministic medley of pieces, searched over a mixed subject.
PIECES = [r"\w+", r"\s*", r"(?=\()", r"[a-c]", r"(?i)e", r"\d?", r"(?<=a)", r"(?!b)", r"x|y|\(",
          r"[^\s]+", r"\b", r".", r"(?:ab)*", r"(\w)", r"(?=\w\s)", r"k+"]
state = 7
def below(n):
    global state
    state = state * 48271 % 2147483647
    return state % n
TEXT = "abc(de) Kx yy ab ab(e 12 ss\u212a \xe9b(x) e\nk (a"
for _ in range(300):
    pat = "".join(PIECES[below(len(PIECES))] for _ in range(1 + below(4)))
    pat = pat.replace("(?i)", "") if pat.count("(?i)") and not pat.startswith("(?i)") else pat
    try:
        rx = re.compile(pat)
    except re.error as e:
        print(ascii(pat), "error", e)
        continue
    print(ascii(pat), [m.span() for m in rx.finditer(TEXT)], ascii(rx.sub("|", TEXT[:20])),
          ascii(rx.search(TEXT, 5, 30) and rx.search(TEXT, 5, 30).span()))
