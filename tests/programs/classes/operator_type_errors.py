# TypeError messages for unsupported operations on user classes.
class A: pass
class B: pass
a, b = A(), B()
tests = [
    ("a + b", lambda: a + b), ("a - 1", lambda: a - 1), ("1 * a", lambda: 1 * a),
    ("a / b", lambda: a / b), ("a // 2", lambda: a // 2), ("a % 2", lambda: a % 2),
    ("a ** 2", lambda: a ** 2), ("a @ b", lambda: a @ b), ("a << 1", lambda: a << 1),
    ("a >> 1", lambda: a >> 1), ("a & 1", lambda: a & 1), ("a | 1", lambda: a | 1),
    ("a ^ 1", lambda: a ^ 1), ("-a", lambda: -a), ("+a", lambda: +a), ("~a", lambda: ~a),
    ("a < b", lambda: a < b), ("a <= b", lambda: a <= b), ("a > 1", lambda: a > 1),
    ("a >= 1", lambda: a >= 1), ("a[0]", lambda: a[0]), ("a()", lambda: a()),
    ("len(a)", lambda: len(a)), ("iter(a)", lambda: iter(a)), ("1 in a", lambda: 1 in a),
    ("abs(a)", lambda: abs(a)), ("divmod(a, 1)", lambda: divmod(a, 1)),
    ("pow(a, 2, 3)", lambda: pow(a, 2, 3)), ("int(a)", lambda: int(a)), ("float(a)", lambda: float(a)),
    ("round(a)", lambda: round(a)), ("hash([])", lambda: hash([])), ("next(a)", lambda: next(a)),
    ("reversed(a)", lambda: reversed(a)),
]
for label, fn in tests:
    try:
        fn()
        print(label, "-> no error")
    except TypeError as e:
        print(f"{label:14} TypeError: {e}")
def setitem():
    a[0] = 1
def delitem():
    del a[0]
def iadd():
    global a
    a += 1
for fn in (setitem, delitem, iadd):
    try:
        fn()
    except TypeError as e:
        print(fn.__name__, "TypeError:", e)
