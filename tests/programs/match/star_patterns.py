# Star patterns in sequences and **rest in mappings.
def split(v):
    match v:
        case [*init, "end"]:
            return ("ends", init)
        case ["start", *tail]:
            return ("starts", tail)
        case [a, *mid, b] if len(mid) > 2:
            return ("long", a, len(mid), b)
        case [*everything]:
            return ("any", everything)
for v in [["x", "end"], ("start", 1, 2), [1, 2, 3, 4, 5], [1, 2], (), ["end"]]:
    print(v, "->", split(v))
match list(range(10)):
    case [0, 1, *_, 8, 9]:
        print("prefix and suffix with wildcard star")
match (1, 2, 3):
    case [*xs]:
        print("star capture is a list:", xs, type(xs).__name__)
match {"a": 1, "b": 2, "c": 3}:
    case {"a": 1, **rest}:
        print("rest:", rest, type(rest).__name__)
match {"a": 1}:
    case {"a": 1, **rest}:
        print("empty rest:", rest)
for src in ["match x:\n    case [*a, *b]:\n        pass\n",
            "match x:\n    case {**rest, 'a': 1}:\n        pass\n",
            "match x:\n    case {**_}:\n        pass\n",
            "match x:\n    case *a:\n        pass\n"]:
    try:
        compile(src, "<m>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
