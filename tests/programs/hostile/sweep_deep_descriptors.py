# A 100,000-deep chain of classmethod/staticmethod wrappers: CPython either
# handles it or raises RecursionError; taipan used to overflow its stack.
def ident(*a, **k):
    return a[0] if a else None


def deep(kind, n=100000):
    x = ident
    for i in range(n):
        x = kind(x)
    return x


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", type(r).__name__)
    except RecursionError:
        print(label, "RecursionError")


x = deep(classmethod)
attempt("classmethod.__get__", lambda: x.__get__(1, int))


class K:
    a = x


attempt("K.a", lambda: K.a)
s = deep(staticmethod)
attempt("staticmethod()", lambda: s())
attempt("staticmethod.__get__", lambda: s.__get__(None, int))
print("done")
