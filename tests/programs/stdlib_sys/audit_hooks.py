# sys.audit / sys.addaudithook (PEP 578) and the events the interpreter and
# its native modules raise.
import ast
import gc
import marshal
import mmap
import os
import sys
import tempfile

seen = []
path = os.path.join(tempfile.mkdtemp(), "f.bin")


def hook(event, args):
    if event == "sys.excepthook":
        print(event, args[0] is sys.excepthook, args[1].__name__, repr(args[2]), type(args[3]).__name__)
    if event.startswith(("compile", "exec", "open", "marshal.", "object.__setattr__", "gc.", "mmap.",
                         "socket.", "sys.", "syslog.", "sqlite3.", "test")):
        seen.append((event, args))


def show():
    for event, args in seen:
        shown = []
        for a in args:
            if isinstance(a, tuple):
                shown.append(tuple(type(x).__name__ for x in a))
            elif isinstance(a, (int, str, bytes)) or a is None:
                shown.append(repr(a) if not isinstance(a, bytes) or len(a) < 40 else "<bytes>")
            else:
                shown.append(type(a).__name__)
        print(event, shown)
    seen.clear()


try:
    sys.audit()
except TypeError as e:
    print("TypeError:", e)
sys.audit(1)  # no hook yet: nothing is checked
sys.addaudithook(hook)
try:
    sys.audit(1)
except TypeError as e:
    print("TypeError:", e)
sys.audit("test.event", 1, "two", (3,))
sys.audit("test.none")
show()

# compile, exec and eval of source and of code objects.
eval("1 + 1")
exec("x = 1", {})
code = compile("y = 2", "<file>", "exec")
exec(code, {})
compile(ast.parse("z = 3"), "<ast>", "exec")
show()

# open() and FileIO.
with open(path, "wb") as f:
    f.write(b"x")
with open(path, "r") as f:
    f.read()
seen[:] = [(e, (os.path.basename(a[0]),) + a[1:2]) for e, a in seen if e == "open" and a[1]]
show()

data = marshal.dumps((1, "a"))
marshal.loads(data)
with open(path, "wb") as f:
    marshal.dump([1], f)
with open(path, "rb") as f:
    marshal.load(f)
seen[:] = [(e, a) for e, a in seen if e != "open"]
show()


class A:
    pass


class B:
    pass


class C(A):
    pass


C.__name__ = "X"
C.__qualname__ = "Y"
C.__bases__ = (B,)
C.__doc__ = "doc"
C.__module__ = "mod"
C.attr = 1  # plain attributes raise no event
a = A()
a.__class__ = B
print([(e, a[1]) for e, a in seen])
seen.clear()

gc.get_objects(generation=1)
gc.get_referrers(a)
gc.get_referents([a])
mmap.mmap(-1, 8).close()
sys._getframe()
show()

# A hook that raises aborts the operation.
def veto(event, args):
    if event == "test.veto" or event == "marshal.loads":
        raise RuntimeError("vetoed " + event)


sys.addaudithook(veto)
for fn in (lambda: sys.audit("test.veto"), lambda: marshal.loads(data)):
    try:
        fn()
    except RuntimeError as e:
        print("RuntimeError:", e)
seen.clear()


# A hook raising an Exception on sys.addaudithook vetoes new hooks silently;
# a BaseException propagates.
class Stop(BaseException):
    pass


def block(event, args):
    if event == "sys.addaudithook":
        raise ValueError("no more hooks")


sys.addaudithook(block)
print(sys.addaudithook(lambda e, a: print("never", e)))
sys.audit("test.after_block")
print([e for e, a in seen])
seen.clear()

# The uncaught exception is audited before sys.excepthook prints it.
raise KeyError("the end")
