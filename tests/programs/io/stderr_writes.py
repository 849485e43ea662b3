# Writing to sys.stderr and tracebacks through a replaced sys.stderr.
import sys
import _io
print("to stdout")
sys.stderr.write("direct write\n")
print("via print", file=sys.stderr)
sys.stderr.write("é ☃ \udcff\n")
sys.stderr.flush()
buf = _io.StringIO()
saved = sys.stderr
sys.stderr = buf
sys.excepthook(ValueError, ValueError("hooked"), None)
sys.stderr = saved
print(repr(buf.getvalue()))
class Recorder:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
r = Recorder()
sys.stderr = r
sys.excepthook(KeyError, KeyError("k"), None)
sys.stderr = saved
print("".join(p for p in r.parts if p != "<flush>").splitlines())
sys.stderr = None
sys.excepthook(TypeError, TypeError("nowhere"), None)
sys.stderr = saved
print(sys.stderr.line_buffering, sys.stderr.errors)
sys.stderr = _io.StringIO()
raise RuntimeError("uncaught, into a StringIO")
