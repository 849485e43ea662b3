# A memoryview released by the key's __index__ or the value's conversion
# (gh-92888) refuses the access.
size = 16
m = None


def release():
    m.release()


class MyIndex:
    def __index__(self):
        release()
        return 4


class MyFloat:
    def __float__(self):
        release()
        return 4.25


cases = [
    ("get", lambda: memoryview(bytearray(size)), lambda v: v[MyIndex()]),
    ("get2d", lambda: memoryview(bytearray(size)).cast("B", (8, 2)), lambda v: v[MyIndex(), 0]),
    ("set", lambda: memoryview(bytearray(size)), lambda v: v.__setitem__(MyIndex(), 1)),
    ("setslice", lambda: memoryview(bytearray(size)), lambda v: v.__setitem__(slice(0, MyIndex()), b"spam")),
    ("setfloat", lambda: memoryview(bytearray(size)).cast("d"), lambda v: v.__setitem__(0, MyFloat())),
]
for name, make, use in cases:
    m = make()
    try:
        use(m)
        print(name, "no error")
    except ValueError as e:
        print(name, type(e).__name__, e)
m = memoryview(bytearray(b"\xff" * size))
print(list(m[:MyIndex()]))
