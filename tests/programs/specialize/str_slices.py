# BUILD_SLICE + BINARY_SUBSCR on a str runs without a slice object: the
# results, identities and errors must be those of the slice path.
class S(str):
    pass


class Idx:
    def __index__(self):
        return 2


def cuts(x):
    out = []
    for i in range(-len(x) - 2, len(x) + 3):
        out.append((x[i:], x[:i], x[i:i + 3], x[i::2], x[::i or 1], x[i:-1:-1]))
    return out


for text in ("", "a", "hello world", "h\xe9llo w\xf6rld", "\u20ac uro\u20ac", "\U0001f600x\U0001f601",
             "x" * 40, S("subclass text")):
    rows = cuts(text)
    print(repr(text), len(rows), rows[0], rows[len(rows) // 2], rows[-1])
    whole = text[:]
    print(type(whole).__name__, whole is text, text[0:len(text)] is text, text[0:] is text)
    print(repr(text[2**70:]), repr(text[-2**70:3]), repr(text[None:None:None]), repr(text[True:]))
    print(repr(text[Idx():]), repr(text[:Idx()]))
    try:
        text[::0]
    except ValueError as e:
        print("ValueError", e)
    try:
        text["a":]
    except TypeError as e:
        print("TypeError", e)

s = "abcdef"
print(s[2:2] == "", s[3:4], s[5:1:-2], s[-1:-7:-1], s[1:5:3], s[4:2])
print([s[i:i + 2] for i in range(0, 6, 2)])
