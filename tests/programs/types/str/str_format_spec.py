# The format mini-language applied to strings.
s = "text"
for spec in ["", "s", "10", "<10", ">10", "^10", "^9", "*<10", "->10", "0>10", ".2", "10.2", "^10.3", "x^11.1", ".0", ".10", "1", "010"]:
    print(f"{spec!r:10} [{format(s, spec)}]")
for bad in ["d", "=10", "+10", " ", ",", "#", "10,", "z"]:
    try:
        print(bad, format(s, bad))
    except ValueError as e:
        print(repr(bad), "ValueError:", e)
print(f"[{'é':^5}] [{'😀':>3}] [{'ab':\u00b7<6}] [{'':*^4}] [{'long string':5}]")
print(f"[{'abc'!r:>8}] [{'abc'!a:.3}]")
width = 7
print(f"[{s:{'^'}{width}}] [{s:{width}.{2}}]")
