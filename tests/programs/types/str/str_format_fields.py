# str.format / format_map: field names, conversions, nested specs and their errors.
class P:
    x = 3
    items = [10, 20, 30]
    def __format__(self, spec):
        return "P<" + spec + ">"
    def __repr__(self):
        return "P()"


class Bad:
    def __format__(self, spec):
        return 42


class Keyed(dict):
    def __missing__(self, key):
        return "<" + key + ">"


def show(fmt, *args, **kwargs):
    try:
        print(repr(fmt), "->", repr(fmt.format(*args, **kwargs)))
    except Exception as e:
        print(repr(fmt), "!!", type(e).__name__ + ":", e)


show("{} {} {}", 1, "a", None)
show("{0} {1} {0}", "x", "y")
show("{a} {b}", a=1, b=2)
show("{0.x} {0.items[1]} {0.items[2]:>4}", P())
show("{0[a]} {0[1]}", {"a": "A", 1: "one", "1": "str one"})
show("{0[-1]}", {"-1": "neg key"})
show("{p} {p:spec} {p!r} {p!s:>5}", p=P())
show("{!r} {!s} {!a}", "é", "é", "é")
show("{:{}}", "x", 5)
show("{:{}{}}", 3.14159, ">", 10)
show("{0:{1}.{2}f}", 2.718281828, 10, 3)
show("{:{:{}}}", 1, 2, 3)
show("{{}} {{{}}} }}{{", 7)
show("{")
show("}")
show("x}y")
show("{0!x}", 1)
show("{0!rr}", 1)
show("{!r", 1)
show("{!}", 1)
show("{0:", 1)
show("{a{}", 1)
show("{a[}", 1)
show("{a[b]c}", a={"b": 1})
show("{a.}", a=1)
show("{a[]}", a=1)
show("{0..x}", 1)
show("{} {0}", 1)
show("{0} {}", 1)
show("{} {}", 1)
show("{5}", 1, 2)
show("{x}", 1)
show("{0.nope}", 1)
show("{0[5]}", [1])
show("{0[a]}", [1])
show("{00}", "zero")
show("{ 0}", **{" 0": "spaced"})
show("{99999999999999999999}", 1)
show("{:d}", "s")
show("{:x}", Bad())
show("{}", Bad())
show("{:>{w}}|{:<{w}}|{:^{w}}", "a", "b", "c", w=5)
show("{:*^9,}", 1234567)
show("{0:%}", 0.25)
show("{:s}", "text")
show("{:5}|{:<5}|{:>5}|{:^5}|{:.2}", "ab", "ab", "ab", "ab", "abc")
show("{:=5}", "ab")
show("{:+}", "ab")
show("{:#}", "ab")
for fmt in ["{a} {b}", "{a[x]}", "{}", "{0}", "{missing}"]:
    try:
        print(repr(fmt.format_map(Keyed(a=1, b="two"))))
    except Exception as e:
        print(repr(fmt), "!!", type(e).__name__ + ":", e)
print(format(12, "04d"), format("s", ""), format(P(), "zz"), format(3.5), repr(format("é", "^5")))
for args in [(1, 2), ("x", "<" * 2), (Bad(), ""), (object(), "x")]:
    try:
        print(repr(format(*args)))
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(f"{P()!r:>8}|{3.14159:.2f}|{'x'!a}|{255:#x}|{P():inner}")
print("{0}{1}{0}".format(*"ab"), "{x}{y}".format(**{"x": 1, "y": 2}))
