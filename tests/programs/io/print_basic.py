# print(): sep, end, file, flush, and writing to objects with a write method.
import sys
import _io
print("a", "b", 3, sep="-", end="!\n")
print("no", "sep", sep=None, end=None)
print()
print(sep="x")
print("", end="")
print("é", "☃", sep="")
class Recorder:
    def __init__(self):
        self.calls = []
    def write(self, s):
        self.calls.append(s)
        return len(s)
    def flush(self):
        self.calls.append("<flush>")
rec = Recorder()
print(1, 2.5, None, [1], file=rec)
print("x", file=rec, flush=True)
print(file=rec, end="E")
print("a", "b", sep="", end="", file=rec)
print(rec.calls)
class Str:
    def __str__(self):
        return "custom str"
buf = _io.StringIO()
print(Str(), Str(), file=buf, sep=" & ")
print(repr(buf.getvalue()))
for kwargs in [dict(sep=5), dict(end=b"x"), dict(bogus=1), dict(file=object()), dict(file=1)]:
    try:
        print("val", **kwargs)
    except Exception as e:
        print(type(e).__name__, e)
class NoFlush:
    def write(self, s):
        return len(s)
try:
    print("x", file=NoFlush(), flush=True)
except AttributeError as e:
    print("AttributeError", e)
print("flush false", file=NoFlush(), flush=False)
class BadBool:
    def __bool__(self):
        raise ValueError("no bool")
try:
    print("never written", file=rec, flush=BadBool())
except ValueError as e:
    print("ValueError", e, rec.calls[-1])
class Order:
    def __getattr__(self, name):
        print("getattr", name)
        raise AttributeError(name)
try:
    print("z", file=Order())
except AttributeError as e:
    print("AttributeError", e)
print("to stderr", file=sys.stderr)
print("to stdout", flush=True)
print(None, file=None)
