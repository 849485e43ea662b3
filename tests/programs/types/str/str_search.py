# Searching: count, find, rfind, index, rindex, startswith, endswith, in.
s = "the quick brown fox jumps over the lazy dog; the end"
print(s.count("the"), s.count("o"), s.count(""), s.count("the", 10), s.count("the", 0, 20), s.count("zzz"))
print("aaaa".count("aa"), "".count(""), "abc".count("", 1), "abc".count("", 5))
print(s.find("the"), s.find("the", 1), s.find("the", 1, 10), s.find("cat"), s.find(""), s.find("", 100))
print(s.rfind("the"), s.rfind("the", 0, 40), s.rfind("o"), s.rfind(""), s.rfind("x", -10))
print(s.index("quick"), s.rindex("o"), s.index("e", -5), s.find("e", -3, -1))
for fn in (lambda: s.index("cat"), lambda: s.rindex("cat"), lambda: s.index("the", 45, 46)):
    try:
        fn()
    except ValueError as e:
        print("ValueError:", e)
print(s.startswith("the"), s.startswith("quick", 4), s.startswith(("a", "t")), s.startswith(""), s.startswith("the", 100))
print(s.endswith("end"), s.endswith(("x", "end")), s.endswith("dog", 0, 43), s.endswith("the", -7, -4))
print("the" in s, "THE" in s, "" in s, " " in s, "dog;" in s, "god" not in s)
print("abcabc".find("c", -1), "abcabc".rfind("a", -3), "abc".find("abcd"), "abc".find("c", 2, 2))
try:
    s.startswith(["a"])
except TypeError as e:
    print("TypeError:", e)
print("Mississippi".count("ss"), "Mississippi".count("issi"), "Mississippi".find("ssi", 3), "Mississippi".rindex("ssi"))
print("ünïcödé".find("ö"), "😀a😀b".rfind("😀"), "😀a😀b".count("😀"), len("😀a😀b"))
