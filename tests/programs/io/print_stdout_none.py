# print() with sys.stdout set to None, replaced, and deleted.
import sys
import _io
saved = sys.stdout
sys.stdout = None
print("not shown")
sys.stdout = _io.StringIO()
print("captured", 42)
captured = sys.stdout.getvalue()
sys.stdout = saved
print(repr(captured))
del sys.stdout
try:
    print("lost")
except RuntimeError as e:
    sys.stderr.write("RuntimeError: %s\n" % e)
sys.stdout = saved
print("restored", sys.stdout is sys.__stdout__)
