# Mapping patterns: keys, rest, extra keys, get/missing semantics.
def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k!r} extras={rest}"
        case {"type": "scroll", "delta": int() | float() as d} if d != 0:
            return f"scroll {d}"
        case {"type": t}:
            return f"unhandled type {t}"
        case {}:
            return "empty or untyped mapping"
        case _:
            return "not a mapping"
events = [
    {"type": "click", "pos": (3, 4)},
    {"type": "click", "pos": (3, 4), "button": "left"},
    {"type": "key", "key": "q", "mods": ["ctrl"]},
    {"type": "scroll", "delta": 2.5},
    {"type": "scroll", "delta": 0},
    {"type": "resize"},
    {"other": 1},
    {},
    [("type", "click")],
    "string",
]
for e in events:
    print(handle(e))
class DefaultDict(dict):
    def __missing__(self, key):
        return "from missing"
match DefaultDict(a=1):
    case {"b": value}:
        print("matched via __missing__?", value)
    case {"a": value}:
        print("__missing__ not used; matched a =", value)
class MyMap(dict):
    pass
match MyMap(k=5):
    case {"k": v, **others}:
        print("dict subclass matches", v, others)
match {1: "one", 2.0: "two", None: "none", "s": "str", -3: "neg"}:
    case {1: a, 2: b, None: c, "s": d, -3: e}:
        print(a, b, c, d, e)
try:
    compile("match x:\n    case {'a': 1, 'a': 2}:\n        pass\n", "<m>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
