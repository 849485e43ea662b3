# Every code point through str's case mappings and predicates, summarised by
# checksums (a difference shows which property of which block is off).

def checksum(s):
    return (sum(map(ord, s)) * 3 + sum(map(ord, s[::7])) * 5 + sum(map(ord, s[1::3]))) % 1000000007

BLOCK = 0x4000
for name in ["upper", "lower", "casefold", "title", "capitalize", "swapcase"]:
    sums = []
    for lo in list(range(0, 0x20000, BLOCK)) + [0x20000, 0xE0000, 0x10C000]:
        s = "".join(map(chr, range(lo, lo + BLOCK)))
        r = getattr(s, name)()
        sums.append((len(r), checksum(r)))
    total = 0
    for i, (n, c) in enumerate(sums):
        total = (total * 7 + n * 13 + c) % 1000000007
    print(name, total)
    # per-block detail for the busy part of the table
    print(" ", [n for n, c in sums[:8]])

# Single characters, one at a time (the final-sigma rule sees no context).
for name in ["upper", "lower", "title", "casefold"]:
    f = getattr(str, name)
    changed = 0
    acc = 0
    for cp in range(0, 0x20000, 5):
        r = f(chr(cp))
        if r != chr(cp):
            changed += 1
            acc = (acc * 31 + cp + checksum(r)) % 1000000007
    print(name, "single", changed, acc)

preds = ["isalpha", "isdecimal", "isdigit", "isnumeric", "isspace", "islower",
         "isupper", "istitle", "isalnum", "isprintable", "isidentifier"]
for name in preds:
    f = getattr(str, name)
    count = 0
    acc = 0
    for cp in range(0, 0x20000, 7):
        if f(chr(cp)):
            count += 1
            acc = (acc * 31 + cp) % 1000000007
    big = sum(1 for cp in range(0x20000, 0x110000, 997) if f(chr(cp)))
    print(name, count, acc, big)

# Sigma in context
for s in ["ΑΣ", "ΑΣ Α", "ΑΣΑ", "Σ", "ΣΑ", "Α'Σ", "Α'Σ'", "AΣ\u0301", "AΣ\u0301b", "1Σ", "ΑΣ.", "ΑΣ\u00ad"]:
    print(ascii(s), ascii(s.lower()), ascii(s.capitalize()), ascii(s.title()), ascii(s.swapcase()))
