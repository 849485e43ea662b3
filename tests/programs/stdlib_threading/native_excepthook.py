# _thread._excepthook and _thread._ExceptHookArgs: threading uses the native ones (as CPython), with CPython's report, its SystemExit rule and its type check.
import _thread, threading, sys, io
print(threading.excepthook is _thread._excepthook, threading.ExceptHookArgs is _thread._ExceptHookArgs)
A = _thread._ExceptHookArgs
print(A.__name__, A.__module__, A.n_fields, A.exc_type.__doc__, repr(A((1, 2, 3, 4))))
try:
    _thread._excepthook((1, 2, 3, 4))
except TypeError as e:
    print("TypeError", e)
def boom():
    raise ValueError("bad")
t = threading.Thread(target=boom, name="worker")
old = sys.stderr
sys.stderr = buf = io.StringIO()
t.start(); t.join()
sys.stderr = old
out = buf.getvalue()
print(out.splitlines()[0], out.splitlines()[-1], "Traceback" in out)
try:
    raise KeyError("k")
except KeyError as e:
    sys.stderr = buf = io.StringIO()
    _thread._excepthook(A((KeyError, e, e.__traceback__, None)))
    sys.stderr = old
    print(buf.getvalue().splitlines()[0] == "Exception in thread %d:" % threading.get_ident(), buf.getvalue().splitlines()[-1])
print(_thread._excepthook(A((SystemExit, SystemExit(), None, None))))
t = threading.Thread(target=lambda: sys.exit(3)); t.start(); t.join()
print("done")
