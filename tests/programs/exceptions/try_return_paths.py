# Which value a function returns along each try path.
def paths(mode):
    trail = []
    try:
        trail.append("try")
        if mode == "raise":
            raise ValueError
        if mode == "return":
            return trail + ["returned from try"]
    except ValueError:
        trail.append("except")
        return trail + ["returned from except"]
    else:
        trail.append("else")
        return trail + ["returned from else"]
    finally:
        trail.append("finally")
        if mode == "override":
            return trail + ["returned from finally"]
for mode in ["raise", "return", "normal", "override"]:
    print(mode, paths(mode))
def count_finally():
    n = 0
    def body():
        nonlocal n
        for i in range(3):
            try:
                if i == 1:
                    return i
            finally:
                n += 1
    r = body()
    return r, n
print(count_finally())
def except_returns_exception():
    try:
        {}[1]
    except KeyError as e:
        return e
r = except_returns_exception()
print(repr(r), type(r.__traceback__).__name__)
