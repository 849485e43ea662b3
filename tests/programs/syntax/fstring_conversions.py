# !r, !s, !a conversions.
s = "héllo\n"
print(f"{s!r}")
print(f"{s!s}")
print(f"{s!a}")
print(f"{'snow☃'!a}", f"{'😀'!a}")
print(f"{[s]!s}", f"{[s]!a}")
class C:
    def __repr__(self): return "C<é>"
    def __str__(self): return "C-str"
c = C()
print(f"{c}", f"{c!s}", f"{c!r}", f"{c!a}")
print(f"{c!r:>10}|", f"{c!s:*<8}|")
print(f"{42!r}", f"{3.5!r}", f"{None!a}")
print(f"{b'x'!s}", f"{b'x'!r}")
print(f"{'q'!r:^7}")
