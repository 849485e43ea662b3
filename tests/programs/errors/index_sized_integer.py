# Subscripts with an index too large for a machine word: IndexError for every
# sequence type (CPython raises PyNumber_AsSsize_t(..., PyExc_IndexError)),
# OverflowError for Py_ssize_t arguments.
import array, collections
big = 2**70
def t(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except Exception as e:
        print(label, type(e).__name__, e)
cases = {
 "list": lambda: [1][big],
 "list-neg": lambda: [1][-big],
 "tuple": lambda: (1,)[big],
 "str": lambda: "a"[big],
 "bytes": lambda: b"a"[big],
 "bytearray": lambda: bytearray(b"a")[big],
 "range": lambda: range(3)[big],
 "memoryview": lambda: memoryview(b"a")[big],
 "array": lambda: array.array('i',[1])[big],
 "deque": lambda: collections.deque([1])[big],
}
for k, f in cases.items(): t(k, f)
def setl(): l=[1]; l[big]=2
def dell(): l=[1]; del l[big]
def setba(): b=bytearray(b"a"); b[big]=2
def delba(): b=bytearray(b"a"); del b[big]
def setarr(): a=array.array('i',[1]); a[big]=2
def setmv(): m=memoryview(bytearray(b"a")); m[big]=2
def setdq(): d=collections.deque([1]); d[big]=2
for f in (setl, dell, setba, delba, setarr, setmv, setdq): t(f.__name__, f)
t("pop", lambda: [1].pop(big))
t("insert", lambda: [1].insert(big, 0))
t("index", lambda: [1].index(1, big))
t("tidx", lambda: (1,).index(1, big))
t("mul", lambda: [1]*big)
t("slice", lambda: [1,2,3][big:])
t("sidx", lambda: "abc".index("a", big))
t("dq-rot", lambda: collections.deque([1]).rotate(big))
t("dqidx", lambda: collections.deque([1]).index(1, big))
t("dqins", lambda: collections.deque([1]).insert(big, 1))
t("ba-pop", lambda: bytearray(b"a").pop(big))
t("ba-ins", lambda: bytearray(b"a").insert(big, 1))
t("arr-pop", lambda: array.array('i',[1]).pop(big))
t("range-idx", lambda: range(3).index(big))
t("getitem-op", lambda: __import__('operator').getitem([1], big))
t("list-huge-neg-idx", lambda: [1][-2**63])
t("list-2**63", lambda: [1][2**63])
t("str-2**63", lambda: "a"[2**63-1])
class L(list): pass
class T(tuple): pass
t("list-sub", lambda: L([1])[big])
t("tuple-sub", lambda: T((1,))[big])
t("dunder", lambda: [1].__getitem__(big))
t("str-dunder", lambda: "a".__getitem__(big))
