# An AttributeError raised bare by __getattr__ gets the name and object of
# the failed lookup (so the traceback suggests a close name); SyntaxError's
# details tuple is checked as CPython's "OOOO|OO".
import sys


class A:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError()


class B:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError("Error", 23)


class C:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError(name="given", obj=None)


for cls in (A, B, C):
    try:
        cls().bluch
    except AttributeError as exc:
        print(cls.__name__, repr(exc), exc.name, type(exc.obj).__name__)
        sys.stderr = sys.stdout
        sys.__excepthook__(*sys.exc_info())
        sys.stderr = sys.__stderr__
try:
    getattr(A(), "bluch")
except AttributeError as exc:
    print(exc.name, type(exc.obj).__name__)


class P:
    @property
    def prop(self):
        raise AttributeError


try:
    P().prop
except AttributeError as exc:
    print(exc.name, type(exc.obj).__name__)

for info in [("bad.py", 1, 2), ("bad.py", 1, 2, 4, 5, 6, 7), ("bad.py", 1, 2, "abcdefg", 1),
             ("bad.py", 1, 2, "abc"), ("bad.py", 1, 2, "abc", 1, 5), ["f", 3, 4, "t"]]:
    try:
        e = SyntaxError("bad bad", info)
        print(e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
    except TypeError as err:
        print("TypeError", err)
