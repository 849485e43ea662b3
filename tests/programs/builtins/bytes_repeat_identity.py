# What bytes * n returns at run time: the operand itself when its length
# does not change (n == 1, or the empty bytes), else a new object, even
# when empty (CPython 3.11's bytes_repeat allocates it).
x = b"x"
e = b""
for n in (-3, 0, 1, 2):
    r = x * n
    print(n, r, r is x, r is e, (x * n) is r)
print((e * 5) is e, (e * 0) is e, (e * -1) is e)


class B(bytes):
    pass


for v in (B(b""), B(b"ab")):
    for n in (0, 1, 2):
        r = v * n
        print(type(r).__name__, r, r is v, r is e)
print(bytes.__mul__(x, 0) is e, x.__rmul__(0) is e, 0 * x is e)
