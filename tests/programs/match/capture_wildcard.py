# Capture patterns and the wildcard.
def f(v):
    match v:
        case x if isinstance(x, int) and x < 0:
            return f"negative int {x}"
        case str() as s:
            return f"string {s!r}"
        case captured:
            return f"captured {captured!r}"
print(f(-5), f("s"), f([1]))
match 42:
    case n:
        print("n bound to", n)
print("n still bound after match:", n)
match (1, 2):
    case _:
        print("wildcard matches anything")
try:
    _
except NameError:
    print("_ was not bound by the wildcard")
match {"k": 1}:
    case value:
        value["k"] += 1
        print(value)
for src in ["match x:\n    case a:\n        pass\n    case b:\n        pass\n",
            "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
            "match x:\n    case [a, a]:\n        pass\n",
            "match x:\n    case a | b:\n        pass\n"]:
    try:
        compile(src, "<match>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
