# mem-limit-mb: 1152
# Allocations the address-space limit refuses raise MemoryError (found by
# tools/hostile_sweep.py: taipan used to abort on a failed allocation).
# The limit leaves the interpreter room for its small allocations (an int,
# a frame), which still abort the process when refused; only the large
# allocations checked here can fail into MemoryError.
class SubSet(set):
    pass


class SubInt(int):
    pass


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except MemoryError:
        print(label, "MemoryError")


attempt("set(range(2**31))", lambda: SubSet({1, 2}).__class__(range(2**31)))
attempt("set(range(-2**63, 2**63, 3))", lambda: SubSet(range(-2**63, 2**63, 3)))
attempt("int.to_bytes(2**31)", lambda: SubInt(5).to_bytes(2**31, "big"))
big = "x" * 10**6
attempt("str.join", lambda: str.join(big, big))
attempt("dict of 10**9", lambda: dict.fromkeys(range(10**9)))
attempt("list(range(2**40))", lambda: list(range(2**40)))
attempt("bytearray grow", lambda: bytearray(10**6) * 10**5)
print("done")
