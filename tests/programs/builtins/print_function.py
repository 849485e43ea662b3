# print() with sep, end, file and flush.
import sys
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=" | ")
print("a", "b", sep=None)
print("no newline", end="")
print(" <- continued", end="!\n")
print("x", end=None)
print(1, 2.5, None, True, [1, "s"], {"k": (1,)}, sep=", ")
print(*range(5), sep="-", end=".\n")
print("to stderr", file=sys.stderr)
print("flushed", flush=True)
print("explicit stdout", file=sys.stdout)
print("file=None goes to stdout", file=None)
print("multi\nline", "arg")
print("", "", sep="empty-args")
print("tab\tsep", "unicode é ☃ 😀")
print(sep="ignored", end="only end\n")
sys.stdout.write("written directly\n")
n = sys.stdout.write("abc\n")
print(n)
sys.stderr.write("stderr direct\n")
print("stderr with sep", "and end", sep="+", end="#\n", file=sys.stderr)
for bad in [dict(sep=5), dict(end=[]), dict(file=5)]:
    try:
        print("x", **bad)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
class Writer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = Writer()
print("into", "object", sep="_", end="$", file=w)
print(w.parts)
class Flushing(Writer):
    def flush(self):
        self.parts.append("<flush>")
f = Flushing()
print("data", file=f, flush=True)
print(f.parts)
