# OR patterns and AS patterns.
def classify(v):
    match v:
        case 0 | 1 | 2 as small:
            return f"small {small}"
        case "a" | "e" | "i" | "o" | "u" as vowel:
            return f"vowel {vowel}"
        case [x, _] | [_, _, x]:
            return f"picked {x}"
        case (int() | float()) as num if num < 0:
            return f"negative {num}"
        case {"id": int() as ident} | {"ident": int() as ident}:
            return f"id {ident}"
        case [("x" | "y") as axis, int(v)]:
            return f"axis {axis}={v}"
        case _:
            return "other"
for v in [0, 2, "e", "z", [10, 20], [1, 2, 3], -3, -0.5, {"id": 7}, {"ident": 8}, ["y", 4], ["z", 4], 99]:
    print(repr(v), "->", classify(v))
match [1, [2, 3]]:
    case [a, [b, c] as inner] as whole:
        print(a, b, c, inner, whole)
for src in ["match x:\n    case [a] | b:\n        pass\n",
            "match x:\n    case (a | b) as c:\n        pass\n",
            "match x:\n    case a as _:\n        pass\n",
            "match x:\n    case 1 as x_:\n        pass\n"]:
    try:
        compile(src, "<m>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
