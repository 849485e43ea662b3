# Structural pattern matching used to write small algorithms.
def evaluate(expr, env):
    match expr:
        case int() | float():
            return expr
        case str(name):
            return env[name]
        case ("+", a, b):
            return evaluate(a, env) + evaluate(b, env)
        case ("-", a):
            return -evaluate(a, env)
        case ("-", a, b):
            return evaluate(a, env) - evaluate(b, env)
        case ("*", *args):
            result = 1
            for a in args:
                result *= evaluate(a, env)
            return result
        case ("let", str(name), value, body):
            return evaluate(body, {**env, name: evaluate(value, env)})
        case ("if", cond, then, other):
            return evaluate(then if evaluate(cond, env) else other, env)
        case _:
            raise ValueError(f"bad expression: {expr!r}")
env = {"x": 10}
exprs = [
    ("+", 1, 2),
    ("*", 2, 3, 4),
    ("-", "x"),
    ("let", "y", ("+", "x", 5), ("*", "y", "y")),
    ("if", ("-", "x", 10), 100, 200),
]
for e in exprs:
    print(e, "=", evaluate(e, env))
try:
    evaluate(("?", 1), env)
except ValueError as err:
    print(err)
def simplify(e):
    match e:
        case ("+", x, 0) | ("+", 0, x):
            return simplify(x)
        case ("*", x, 1) | ("*", 1, x):
            return simplify(x)
        case ("*", _, 0) | ("*", 0, _):
            return 0
        case (op, a, b):
            a2, b2 = simplify(a), simplify(b)
            if (a2, b2) != (a, b):
                return simplify((op, a2, b2))
            return (op, a2, b2)
        case _:
            return e
print(simplify(("+", ("*", "x", 1), 0)), simplify(("*", ("+", 0, "y"), ("+", 2, 0))), simplify(("*", "z", 0)))
def merge(a, b):
    match a, b:
        case [], _:
            return b
        case _, []:
            return a
        case [x, *xs], [y, *_] if x <= y:
            return [x] + merge(xs, b)
        case _, [y, *ys]:
            return [y] + merge(a, ys)
print(merge([1, 4, 9], [2, 3, 10, 11]))
