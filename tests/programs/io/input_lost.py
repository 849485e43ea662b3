# stdin: x\ny\nz\n
# input() when the standard streams are replaced or missing.
import sys
import _io
print(repr(input(None)))
sys.stdin = _io.StringIO("from stringio\nsecond")
print(repr(input("p: ")), repr(input()))
try:
    input()
except EOFError as e:
    print("EOFError", e)
class BytesLine:
    def readline(self):
        return b"bytes line\n"
sys.stdin = BytesLine()
print(repr(input()))
class Weird:
    def readline(self):
        return 42
sys.stdin = Weird()
try:
    input()
except TypeError as e:
    print("TypeError", e)
saved_out = sys.stdout
rec = _io.StringIO()
sys.stdout = rec
sys.stdin = _io.StringIO("answer\n")
got = input("question? ")
sys.stdout = saved_out
print(repr(got), repr(rec.getvalue()))
for name in ("stdin", "stdout", "stderr"):
    saved = getattr(sys, name)
    setattr(sys, name, None)
    try:
        input()
    except RuntimeError as e:
        msg = str(e)
    setattr(sys, name, saved)
    print(name, "RuntimeError", msg)
sys.stdin = sys.__stdin__
print(repr(input()))
