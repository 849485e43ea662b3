# _ssl.SSLError is an immutable type (its subclasses are not), and
# MemoryBIO.write takes a contiguous buffer only (BufferError otherwise).
import _ssl
import ssl

for cls in (_ssl.SSLError, ssl.SSLError, ssl.SSLZeroReturnError, ssl.SSLCertVerificationError):
    try:
        cls.value = None
        print(cls.__name__, "mutable")
        del cls.value
    except TypeError as e:
        print(cls.__name__, "TypeError:", e)
for attr in ("__name__", "__module__", "__doc__"):
    try:
        setattr(_ssl.SSLError, attr, "x")
    except TypeError as e:
        print(attr, "TypeError:", e)
print(_ssl.SSLError.__name__, _ssl.SSLError.__module__, bool(_ssl.SSLError.__flags__ & (1 << 8)))


class MyError(ssl.SSLError):
    pass


MyError.extra = 1
print(MyError.extra, issubclass(MyError, OSError), str(ssl.SSLError(1, "boom")))

bio = ssl.MemoryBIO()
for data in (b"foo", bytearray(b"bar"), memoryview(b"baz"), memoryview(b"abcdef")[1:4]):
    print(bio.write(data), bio.read())
m = memoryview(bytearray(b"noncontig"))
try:
    bio.write(m[::-2])
except BufferError as e:
    print("BufferError:", e)
try:
    bio.write("text")
except TypeError as e:
    print("TypeError:", e)
print(bio.pending)
