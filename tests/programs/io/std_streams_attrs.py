# The attributes of sys.stdin, sys.stdout and sys.stderr.
import sys
for name in ("stdin", "stdout", "stderr"):
    s = getattr(sys, name)
    print(name, type(s).__name__, s.name, s.mode, s.encoding, s.errors, s.line_buffering, s.write_through)
    print(" ", type(s.buffer).__name__, s.buffer.name, s.buffer.mode, type(s.buffer.raw).__name__, s.buffer.raw.name,
          s.buffer.raw.mode, s.buffer.raw.closefd, s.fileno(), s.isatty(), s.readable(), s.writable(), s.seekable())
    print(" ", s is getattr(sys, "__%s__" % name), s.closed, s.newlines)
print(sys.stdout.buffer.raw._blksize > 0)
sys.stdout.write("written %d\n" % sys.stdout.write(""))
print(sys.stdout.tell() if sys.stdout.seekable() else "not seekable")
try:
    sys.stdout.tell()
except OSError as e:
    print(type(e).__name__, e)
try:
    sys.stdin.write("x")
except Exception as e:
    print(type(e).__name__, e)
try:
    sys.stdout.read()
except Exception as e:
    print(type(e).__name__, e)
print(open.__module__, open is __import__("_io").open, open.__name__)
