# Character sets scanned many characters at a time: a repeated set
# (`[...]*`, `\w+`, negated sets) and a search that skips to the first
# character a set allows, over ASCII, Latin-1, UCS-2 and UCS-4 subjects and
# bytes, with case-insensitive and Unicode sets, at the edges of the ASCII
# range (0x7f, 0x80) and of maxcount bounds.
import re

SUBJECTS = [
    "abc_123 def\x7f\x80ghi",
    "caf\xe9 na\xefve \xdf\xff xyz",
    "\u0394elta \u03a9mega \u20ac100 \u2028line",
    "emoji \U0001f600\U0001f601 tail_\U00010400x",
    "MiXeD CaSe \xc9T\xc9 \u0130stanbul \u212a",
    "",
    "     ",
]
PATTERNS = [
    r"[a-z_]+", r"[^a-z ]+", r"\w+", r"\W+", r"[\w\x80-\xff]+", r"[\x00-\x7f]+",
    r"[^\x00-\x7f]+", r"[\u0394-\u03a9]+", r"[\U0001f600-\U0001f64f]+", r"[a-z]{2,3}",
    r"[0-9a-f]{1,2}?", r"[\s\x7f]+", r"[^\W\d]+", r"(?i)[a-z\xe9]+", r"(?i)[\u0394\u212a]+",
    r"[a\-z]+", r"[\d_]*x", r"(?:[abc]|[xyz])+",
]

for pat in PATTERNS:
    rx = re.compile(pat)
    for s in SUBJECTS:
        print(ascii(pat), ascii(s[:12]), ascii(rx.findall(s)), ascii(rx.search(s) and rx.search(s).span()),
              ascii(rx.match(s) and rx.match(s).group()), len(rx.split(s)))

ascii_flag = re.compile(r"[\w\xe9]+", re.ASCII)
print(ascii(ascii_flag.findall("caf\xe9 na\xefve \u0394x")))
bx = re.compile(rb"[a-z\x80-\xff]+")
print(bx.findall(b"abc\x80\xffdef\x7f ghi\x00"))
print(re.sub(r"[^a-z]+", "-", "Hello, World! \xe9t\xe9 \u20ac"), re.subn(r"[aeiou]{1,2}", "#", "queueing aeiou"))
long_s = ("word_" * 300) + "\u20ac" + ("x" * 300)
print(len(re.match(r"[a-z_]*", long_s).group()), re.search(r"[\u20ac]x{5}", long_s).start())
print([m.span() for m in re.finditer(r"[^a-z_]", long_s)][:3])
