# io.UnsupportedOperation: its class and where it is raised.
import _io
U = _io.UnsupportedOperation
print(U.__name__, U.__module__, U.__qualname__, [c.__name__ for c in U.__mro__])
print(issubclass(U, OSError), issubclass(U, ValueError), _io.BlockingIOError is BlockingIOError)
P = "/tmp/taipan_io_unsupported_ops"
open(P, "w").close()
cases = [
    ("text read on w", lambda: open(P, "w").read()),
    ("text write on r", lambda: open(P).write("x")),
    ("binary read on w", lambda: open(P, "wb").read()),
    ("binary write on r", lambda: open(P, "rb").write(b"x")),
    ("raw read on w", lambda: open(P, "wb", buffering=0).read()),
    ("raw write on r", lambda: open(P, "rb", buffering=0).write(b"x")),
    ("truncate on r", lambda: open(P, "rb").truncate()),
    ("text truncate on r", lambda: open(P).truncate()),
    ("stringio fileno", lambda: _io.StringIO().fileno()),
    ("bytesio fileno", lambda: _io.BytesIO().fileno()),
    ("stringio detach", lambda: _io.StringIO().detach()),
    ("bytesio detach", lambda: _io.BytesIO().detach()),
    ("text seek cur", lambda: open(P).seek(1, 1)),
    ("text seek end", lambda: open(P).seek(1, 2)),
    ("textiobase read", lambda: _io._TextIOBase().read()),
    ("iobase seek", lambda: _io._IOBase().seek(0)),
    ("iobase tell", lambda: _io._IOBase().tell()),
]
for label, fn in cases:
    try:
        fn()
        print(label, "no error")
    except U as e:
        print(label, "|", type(e).__name__, "|", e, "|", e.args, isinstance(e, OSError), isinstance(e, ValueError))
try:
    open(P, "w").read()
except OSError as e:
    print("caught as OSError:", e)
try:
    open(P, "w").read()
except ValueError as e:
    print("caught as ValueError:", e)
open(P).write("uncaught")
