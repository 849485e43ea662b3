# replace, maketrans, translate.
s = "one two one two one"
print(s.replace("one", "1"), s.replace("one", "1", 2), s.replace("one", "1", 0), s.replace("one", "1", -1))
print("abc".replace("", "-"), "abc".replace("", "-", 2), "".replace("", "x"), "aaa".replace("a", ""), "aaa".replace("aa", "b"))
print("hello".replace("l", "L", 1), "ß".replace("ß", "ss"), "a.b.c".replace(".", ""), "x".replace("x", "xx"))
t = str.maketrans("abc", "xyz")
print(sorted(t.items()), "aabbcc".translate(t))
t2 = str.maketrans("abc", "xyz", "d")
print("abcd dcba".translate(t2))
t3 = str.maketrans({"a": "1", "b": None, ord("c"): "333", "é": "e"})
print(sorted(t3.items()), "abcé".translate(t3))
print("hello".translate({ord("l"): "L", ord("o"): None}), "abc".translate({}), "abc".translate({97: 98}))
class Table:
    def __getitem__(self, k):
        if k == ord("x"):
            raise LookupError
        return chr(k).upper()
print("abxc".translate(Table()))
for bad in [lambda: str.maketrans("ab", "c"), lambda: str.maketrans({"ab": "c"}), lambda: str.maketrans(1),
            lambda: "a".translate({97: 1.5})]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print("a".translate({97: 0x1F600}), "rot13".translate(str.maketrans("abcdefghijklmnopqrstuvwxyz", "nopqrstuvwxyzabcdefghijklm")))
