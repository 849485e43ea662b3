# is* predicates across many characters and strings.
tests = ["", "abc", "ABC", "Abc", "aBc", "abc123", "123", "12.5", "-1", " ", "\t\n", "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0",
         "٣", "²", "½", "Ⅻ", "一二三", "ß", "Ǆ", "ǅ", "Hello World", "Hello world", "HELLO 2", "_id", "1id", "if",
         "class_", "é", "\u200b", "\x7f", "a\nb", "😀", "a b", "ÀB", "ⅷ", "①", "𝟘"]
preds = ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isnumeric", "isidentifier", "islower",
         "isupper", "istitle", "isspace", "isprintable"]
print(" " * 14 + " ".join(p[2:8].ljust(6) for p in preds))
for s in tests:
    print(f"{ascii(s):14}" + " ".join(("T" if getattr(s, p)() else ".").ljust(6) for p in preds))
