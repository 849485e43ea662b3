# Indexing, slicing, iteration and immutability of str.
s = "Python3.11"
print(s[0], s[-1], s[6], s[-4], s[:6], s[6:], s[::2], s[::-1], s[1:-1:3], s[100:], s[-100:3])
print([c for c in "héllo"], list(reversed("abc")), "".join(sorted("python")), len(""), len("a\u0301"), len("😀👍"))
for i in [10, -11]:
    try:
        s[i]
    except IndexError as e:
        print("IndexError:", e)
try:
    s[0] = "p"
except TypeError as e:
    print("TypeError:", e)
try:
    del s[0]
except TypeError as e:
    print("TypeError:", e)
try:
    s["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    s[1.0]
except TypeError as e:
    print("TypeError:", e)
print(s[True], s[False:True], "abc"[slice(None, None, -1)], "abcdef"[slice(1, None, 2)])
print("abc" * 3, 0 * "abc", "-" * 10, "ab" + "cd", "a" < "b" < "ba" < "bb", "Z" < "a", "a" * True)
print(min("hello"), max("hello"), sorted("hello", reverse=True), "hello".count("l"), "l" in "hello")
t = "immutable"
u = t
t += "!"
print(t, u, t is not u)
print(str.__len__("abc"), "abc".__getitem__(1), "abc".__contains__("b"), "ab".__add__("c"), "ab".__mul__(2), "ab".__rmul__(2))
print(ord("A"), chr(65), ord("€"), chr(8364), ord("😀"), chr(0x1F600), [ord(c) for c in "Aé€😀"])
