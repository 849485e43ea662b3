# Reading from endless files reads only what is needed.
import _io
with open("/dev/zero") as f:
    s = f.read(100)
    print(len(s), set(s), f.read(3) == "\0\0\0")
    print(len(f.readline(10)), len(f.read(1)))
with open("/dev/zero", "rb") as f:
    print(f.read(10), len(f.read1(5)), len(f.peek(1)) > 0, len(f.readline(7)))
with open("/dev/zero", "rb", buffering=0) as f:
    print(f.read(4), f.readinto(bytearray(3)))
with open("/dev/null") as f:
    print(repr(f.read()), repr(f.readline()), f.readlines())
with open("/dev/null", "w") as f:
    print(f.write("discarded"), f.isatty(), f.seekable())
with open("/dev/null", "rb") as f:
    print(f.read(), f.read(5), f.peek(), f.read1(3))
