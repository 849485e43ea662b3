# Alternations the matcher indexes by first character: many alternatives,
# alternatives behind groups, empty alternatives, sets and non-ASCII
# literals, alternatives that fail late so later ones must still be tried,
# the end of the subject, case-insensitive and bytes patterns.
import re
import tokenize

OPS = ["**=", "**", "*=", "*", "//=", "//", "/=", "/", "->", "-=", "-", "+=", "+",
       "==", "=", "!=", "<<=", "<<", "<=", "<", ">>=", ">>", ">=", ">", "...", ".",
       ":=", ":", "@=", "@", "%=", "%", "&=", "&", "|=", "|", "^=", "^", "~",
       "(", ")", "[", "]", "{", "}", ",", ";"]
special = re.compile("|".join(map(re.escape, OPS)))
subjects = ["a **= b", "x//y", "->", "...", "a.b", "<<=>>=", "@", "~x", "", "é*",
            "((", "!", "!=", ":=1", "%=%", "x"]
for s in subjects:
    print(repr(s), special.findall(s), [m.span() for m in special.finditer(s)])

prefixes = re.compile(r"(|b|B|br|Br|bR|BR|rb|rB|Rb|RB|r|R|u|U|f|F|fr|Fr|fR|FR|rf|rF|Rf|RF)('[^\n']*'|\"[^\n\"]*\")")
for s in ["'x'", "b'x'", "rb'y'", "f\"z\"", "Rb'q'", "u'w'", "ab'c'", "bx'c'", "'", "r", "rf'{a}' b\"c\""]:
    print(repr(s), [m.groups() for m in prefixes.finditer(s)], prefixes.match(s) and prefixes.match(s).span())

nested = re.compile(r"((0x[0-9a-f]+)|(0b[01]+)|(\d+\.\d*)|(\d+))|((if|else|elif|while)\b)|(\w+)|(\s+)|([(){}])|(.)")
for s in ["0x1f 0b101 3.14 42 if elif elsewhere while_ (x) é ∆ \t", "0x", "0b2", "1.", "e"]:
    out = []
    for m in nested.finditer(s):
        out.append((m.lastindex, m.group()))
    print(repr(s), out)

ci = re.compile(r"select|from|where|group|order|by|having|limit|offset", re.I)
print(ci.findall("SELECT a FROM t WHERE x GROUP BY y ORDER by z Having 1 LIMIT 2 OFFSET 3 limiter"))

bts = re.compile(rb"GET|POST|PUT|DELETE|HEAD|OPTIONS|\x80|\xff+")
print(bts.findall(b"GET /a POST PUT x DELETE HEAD OPTIONS \x80\xff\xff PATCH"))

uni = re.compile("α|β|γ|δ|ε|abc|ab|a|[ä-ö]+|\u4e00")
print(uni.findall("αβxγabcabaäöü\u4e00δ ε"))

# Alternatives starting with a repeat (one or more) or with a zero-width
# assertion, and an alternative that only matches at the end.
rep = re.compile(r"x+y|x+z|[ab]+c|\bq|\d+|$|w")
for s in ["xxz", "xxy", "abac", "q", "aq", "12", "", "w", "xx"]:
    print(repr(s), [m.span() for m in rep.finditer(s)])

# Backtracking into a later alternative after the first one fails further on.
late = re.compile(r"(ab|a|abc)(c|bcd)(d*)")
for s in ["abcd", "abcdd", "abc", "ac", "abbcd"]:
    m = late.fullmatch(s)
    print(repr(s), m and m.groups())

# tokenize's own pseudo-token pattern over a few lines.
src = "def f(a, *b, **c) -> int:\n    return a**2 // 3 if b else rb'x' + f'{c!r}'  # note\n"
print([(tokenize.tok_name[t.type], t.string) for t in tokenize.generate_tokens(iter(src.splitlines(True)).__next__)])
