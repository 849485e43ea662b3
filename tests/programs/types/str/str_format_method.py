# str.format and format_map.
print("{} {} {}".format(1, "two", 3.0), "{0} {1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{0[0]} {0[1]} {1[key]} {1[2]}".format(["p", "q"], {"key": "v", 2: "int key"}))
class P:
    x = 10
    y = [1, 2]
print("{0.x} {0.y[1]} {p.x}".format(P, p=P()))
print("{:>8}|{:<8}|{:^8}|{:*^8}".format("r", "l", "c", "s"), "{0:{1}}|".format("w", 6), "{:{}.{}f}".format(3.14159, 10, 2))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{0!r:>10}|{0!a:<10}|".format("é"))
print("{{}} {{{}}} {{0}}".format("in braces"))
print("{0}{1}{0}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}))
print("{:,} {:_} {:.2%} {:e} {:x} {:#o} {:c}".format(1234567, 7654321, 0.256, 1234.5, 255, 8, 97))
print("{0:%}".format(1), "{:+d} {: d} {:=+6d}".format(5, 5, 5))
print("{k}".format_map({"k": "from map"}))
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{name} is {age}".format_map(Default(name="Ann")))
print("{:}".format("empty spec"), "{0:}".format(5), "{!s:}".format(None))
for bad, args, kwargs in [("{", (), {}), ("}", (), {}), ("{0", (), {}), ("{} {0}", (1, 2), {}), ("{0} {}", (1, 2), {}),
                          ("{x}", (), {}), ("{0.missing}", (1,), {}), ("{0[5]}", ([1],), {}), ("{!x}", (1,), {}),
                          ("{:d}", ("s",), {}), ("{0:{1}}", ("a",), {}), ("{a.b}", (), {"a": 1}), ("{0}", (), {}),
                          ("{:>{}}", ("a",), {}), ("{0!}", (1,), {}), ("{:^^^}", (1,), {})]:
    try:
        print(repr(bad.format(*args, **kwargs)))
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as e:
        print(repr(bad), type(e).__name__ + ":", e)
print("{0[-1]}".format({"-1": "string key"}), "{0[a]}".format({"a": "x"}))
print("{0:{fill}{align}{width}}".format("nest", fill="~", align="^", width=10))
print(format("x"), format(3, ""), format(3.5), format([1, 2]), format(None), format(1 + 2j, ""))
