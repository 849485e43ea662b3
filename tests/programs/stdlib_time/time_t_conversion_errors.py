# gmtime/localtime/ctime of a time_t whose year does not fit the C library's
# int: OSError from errno (EOVERFLOW), not OverflowError; a value beyond
# time_t itself is OverflowError; big but representable years work.
import time


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(label, type(e).__name__, getattr(e, "errno", None), e)
    else:
        print(label, "ok", r if not isinstance(r, time.struct_time) else tuple(r)[:3])


for t in (2**60, -2**60, 2**62, 2**63 - 1, -2**63):
    show("gmtime %d" % t, time.gmtime, t)
    show("localtime %d" % t, time.localtime, t)
    show("ctime %d" % t, time.ctime, t)
for t in (2**63, -2**63 - 1, 2**64, float(2**70)):
    show("gmtime %r" % t, time.gmtime, t)
    show("localtime %r" % t, time.localtime, t)
for t in (2**33, 2**40, -2**40, 2**55):
    show("gmtime %d" % t, time.gmtime, t)
print(issubclass(OSError, Exception), OSError.__name__)
