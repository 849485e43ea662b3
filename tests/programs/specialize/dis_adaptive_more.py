# dis.dis(f, adaptive=True) for the specialized forms of LOAD_METHOD_CLASS,
# LOAD_METHOD_WITH_DICT, LOAD_ATTR_WITH_HINT, STORE_ATTR_WITH_HINT,
# BINARY_SUBSCR_GETITEM, PRECALL_BUILTIN_CLASS, PRECALL_NO_KW_STR_1,
# PRECALL_NO_KW_TUPLE_1, PRECALL_NO_KW_TYPE_1, PRECALL_NO_KW_LIST_APPEND
# (only the instructions of interest are printed).
import dis
import io


class C:
    def m(self):
        return 1

    class Inner:
        pass


class G:
    def __getitem__(self, i):
        return i


class H:
    def m(self):
        return 2


class V:
    def __init__(self):
        self.a = 1
        self.b = 2

    def m(self):
        return 3


def many():
    h = H()
    for i in range(40):
        setattr(h, "a%d" % i, i)
    return h


def exposed():
    v = V()
    v.__dict__
    return v


def f(c, g, h, v, w, s, o, lst):
    a = C.m(c)
    inner = C.Inner()
    e = g[1]
    k = h.a5
    h.a6 = 7
    hm = h.m()
    va = v.a
    v.b = 3
    vm = v.m()
    wa = w.a
    w.b = 4
    wm = w.m()
    l1 = str(1)
    t1 = tuple(s)
    ty = type(o)
    li = list(s)
    di = dict(x=1)
    lst.append(1)
    lst2 = lst.append(2)
    return a


for i in range(20):
    f(C(), G(), many(), exposed(), V(), [1], 1, [])
out = io.StringIO()
dis.dis(f, adaptive=True, file=out)
keys = ("LOAD_METHOD", "LOAD_ATTR", "STORE_ATTR", "BINARY_SUBSCR", "PRECALL")
for line in out.getvalue().splitlines():
    if any(k in line for k in keys):
        parts = line.split()
        while parts and (parts[0].isdigit() or parts[0] in (">>", "-->")):
            parts.pop(0)
        print(" ".join(parts))
