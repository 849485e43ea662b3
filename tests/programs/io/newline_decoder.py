# IncrementalNewlineDecoder on its own.
import _io
D = _io.IncrementalNewlineDecoder
d = D(None, translate=True)
out = [d.decode("a\r"), d.decode("\nb\r"), d.decode("c\r\n", final=True)]
print(out, d.newlines, d.getstate())
d = D(None, False)
print([d.decode(x) for x in ["x\r", "", "\r", "y\n", "\r\n"]], d.newlines, d.getstate())
print(d.decode("", final=True), d.getstate())
d.setstate((b"", 1))
print(repr(d.decode("z")), d.getstate())
d.reset()
print(d.newlines, d.getstate())
for text in ["\n", "\r", "\r\n", "\n\r", "a\rb\nc\r\nd"]:
    d = D(None, True)
    print(repr(text), repr(d.decode(text, True)), d.newlines)
class Dec:
    def __init__(self):
        self.state = b""
    def decode(self, data, final=False):
        return data.decode("ascii")
    def getstate(self):
        return (b"pending", 3)
    def setstate(self, state):
        print("inner setstate", state)
    def reset(self):
        print("inner reset")
d = D(Dec(), translate=True)
print(repr(d.decode(b"x\r\ny\r")), d.getstate(), d.newlines)
d.setstate((b"buf", 5))
d.reset()
try:
    D(None, True).decode(b"bytes")
except TypeError as e:
    print("TypeError", e)
class BadDec:
    def decode(self, data, final=False):
        return 5
try:
    D(BadDec(), True).decode(b"x")
except TypeError as e:
    print("TypeError", e)
u = D.__new__(D)
try:
    u.decode("x")
except ValueError as e:
    print("ValueError", e)
try:
    D(None, True).setstate("bad")
except TypeError as e:
    print("TypeError", e)
try:
    D()
except TypeError as e:
    print("TypeError", e)
