# warnings through the native _warnings: filters, actions, registries,
# catch_warnings, showwarning hooks, errors of bad arguments.
import sys
import warnings
import _warnings

print(warnings.filters is _warnings.filters, warnings.warn is _warnings.warn)
print([(a, m, c.__name__, mod, ln) for a, m, c, mod, ln in warnings.filters])
print(warnings.defaultaction, _warnings._defaultaction)


def f(n):
    warnings.warn("from f %d" % (n % 2))


sys.stderr = sys.stdout
for i in range(4):
    f(i)          # default action: once per (text, category, line)
warnings.warn("plain user warning")
warnings.warn("a deprecation in __main__", DeprecationWarning)
warnings.warn("pending", PendingDeprecationWarning)   # ignored by default
warnings.warn(UserWarning("instance message"))
warnings.warn("runtime", RuntimeWarning, stacklevel=1)


def deep():
    warnings.warn("points at the caller", stacklevel=2)


deep()
print(sorted(k for k in __warningregistry__ if k != "version"))

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    for i in range(3):
        f(i)
    warnings.warn("bytes", BytesWarning)
    print([(str(w.message), w.category.__name__, w.lineno) for w in log])
print(len(warnings.filters))

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error", UserWarning)
    except UserWarning as e:
        print("raised", type(e).__name__, e)
    try:
        warnings.warn(RuntimeWarning("instance raised"))
    except RuntimeWarning as e:
        print("raised", type(e).__name__, e)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    warnings.warn("ignored user warning")
    warnings.warn("not ignored", RuntimeWarning)

with warnings.catch_warnings():
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once only")
        warnings.warn("once only", RuntimeWarning)

with warnings.catch_warnings():
    warnings.simplefilter("module")
    for i in range(3):
        warnings.warn("module-wide")


def shower(message, category, filename, lineno, file=None, line=None):
    print("custom:", message, category.__name__, lineno)


with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.showwarning = shower
    warnings.warn("through showwarning")
    warnings.warn_explicit("explicit", UserWarning, "somefile.py", 42)
    warnings.warn_explicit("explicit mod", UserWarning, "other.py", 7, module="mymod", registry={})

reg = {}
warnings.warn_explicit("reg test", UserWarning, "r.py", 3, registry=reg)
warnings.warn_explicit("reg test", UserWarning, "r.py", 3, registry=reg)
print(sorted((k if isinstance(k, str) else k[0]) for k in reg))

for bad in [
    lambda: warnings.warn("x", 5),
    lambda: warnings.warn("x", int),
    lambda: warnings.warn("x", "UserWarning"),
    lambda: _warnings.warn_explicit("x", UserWarning, "f", 1, registry=5),
    lambda: _warnings.warn_explicit("x", UserWarning, "f", 1, module_globals=5),
    lambda: _warnings.warn(),
    lambda: _warnings.warn("x", stacklevel="1"),
]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

with warnings.catch_warnings():
    warnings.filters[:] = [("bogus", None, Warning, None, 0)]
    warnings._filters_mutated()
    try:
        warnings.warn("bad action")
    except RuntimeError as e:
        print("RuntimeError", e)
    warnings.filters[:] = ["not a tuple"]
    warnings._filters_mutated()
    try:
        warnings.warn("bad filter")
    except ValueError as e:
        print("ValueError", e)
print("end")
