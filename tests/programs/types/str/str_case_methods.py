# Case conversion methods, including Unicode special cases.
samples = ["hello world", "HELLO World", "hELLO wORLD", "123abc DEF", "they're bill's friends", "o'neil mc-donald",
           "straße", "ΣΊΣΥΦΟΣ", "ǅemal", "ﬁne ﬂag", "İstanbul", "ǉubljana", "ÀÉÎÕÜ àéîõü", "", "a", "ÿ", "ŉ", "ᾳ"]
for s in samples:
    print(repr(s), "|", s.upper(), "|", s.lower(), "|", s.casefold(), "|", s.capitalize(), "|", s.title(), "|", s.swapcase())
print("ß".upper(), len("ß".upper()), "ﬃ".upper(), "İ".lower(), len("İ".lower()), "Σ".lower(), "ΑΣ".lower(), "ΑΣ Α".lower())
print("hello".upper().lower() == "hello", "MiXeD".casefold() == "mixed", "Straße".casefold() == "STRASSE".casefold())
print("a1b2".title(), "don't stop".title(), "x-ray".title(), "ÉCOLE".capitalize(), "123".capitalize())
