# _testcapi: calling conventions, the call entry points, PEP 590 types,
# dict and type version tags.
import _testcapi


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


inst = _testcapi.MethInstance()
receivers = [
    ("module", _testcapi, lambda r: r is _testcapi),
    ("instance", inst, lambda r: r is inst),
    ("class", _testcapi.MethClass, lambda r: r is _testcapi.MethClass),
    ("class on instance", _testcapi.MethClass(), lambda r: r is _testcapi.MethClass),
    ("static", _testcapi.MethStatic(), lambda r: r is None),
]
for label, obj, is_self in receivers:
    print(label, is_self(obj.meth_noargs()))
    r = obj.meth_varargs(1, 2)
    print(" varargs", is_self(r[0]), r[1:])
    r = obj.meth_varargs_keywords(1, a=2)
    print(" varargs_keywords", is_self(r[0]), r[1:])
    print(" varargs_keywords none", obj.meth_varargs_keywords()[1:])
    r = obj.meth_o(5)
    print(" o", is_self(r[0]), r[1:])
    r = obj.meth_fastcall(*range(3))
    print(" fastcall", is_self(r[0]), r[1:])
    r = obj.meth_fastcall_keywords(1, **{"x": "y"})
    print(" fastcall_keywords", is_self(r[0]), r[1:])
    print(" fastcall_keywords none", obj.meth_fastcall_keywords()[1:])
    show(" o no arg", lambda: obj.meth_o())
    show(" o two args", lambda: obj.meth_o(1, 2))
    show(" o kw", lambda: obj.meth_o(k=1))
    show(" noargs arg", lambda: obj.meth_noargs(1))
    show(" noargs kw", lambda: obj.meth_noargs(k=1))
    show(" fastcall kw", lambda: obj.meth_fastcall(k=1))


def pyfunc(a, b=2, *, c=3):
    return (a, b, c)


show("fastcall", lambda: _testcapi.pyobject_fastcall(pyfunc, (1,)))
show("fastcall None", lambda: _testcapi.pyobject_fastcall(lambda: "noarg", None))
show("fastcall bad", lambda: _testcapi.pyobject_fastcall(pyfunc, [1]))
show("fastcalldict", lambda: _testcapi.pyobject_fastcalldict(pyfunc, (1,), {"c": 5}))
show("fastcalldict None", lambda: _testcapi.pyobject_fastcalldict(pyfunc, (1, 4), None))
show("fastcalldict bad", lambda: _testcapi.pyobject_fastcalldict(pyfunc, (1,), [1]))
show("vectorcall", lambda: _testcapi.pyobject_vectorcall(pyfunc, (1, 7, 9), ("c",)))
show("vectorcall empty names", lambda: _testcapi.pyobject_vectorcall(pyfunc, (1,), ()))
show("vectorcall too many names", lambda: _testcapi.pyobject_vectorcall(pyfunc, (1,), ("b", "c")))
show("vectorcall bad names", lambda: _testcapi.pyobject_vectorcall(pyfunc, (1,), ["b"]))
show("vectorcall_call", lambda: _testcapi.pyvectorcall_call(pyfunc, (1,), {"b": 0}))
show("vectorcall_call no kwargs", lambda: _testcapi.pyvectorcall_call(len, ("abc",)))
show("vectorcall_call bad args", lambda: _testcapi.pyvectorcall_call(len, ["abc"]))
show("vectorcall_call bad kwargs", lambda: _testcapi.pyvectorcall_call(len, ("abc",), 1))

VECTORCALL = 1 << 11
METHOD_DESCRIPTOR = 1 << 17
for name in ("MethodDescriptorBase", "MethodDescriptorDerived", "MethodDescriptorNopGet", "MethodDescriptor2"):
    t = getattr(_testcapi, name)
    print(name, bool(t.__flags__ & VECTORCALL), bool(t.__flags__ & METHOD_DESCRIPTOR), [b.__name__ for b in t.__mro__])
    f = t()
    print(" call", f(0), f(1, 2) if name == "MethodDescriptorNopGet" else f(1, 2, x=3))


class Heap(_testcapi.MethodDescriptorBase):
    pass


print("heap flags", bool(Heap.__flags__ & VECTORCALL), bool(Heap.__flags__ & METHOD_DESCRIPTOR), Heap()(0))


class Holder:
    base = _testcapi.MethodDescriptorBase()
    nop = _testcapi.MethodDescriptorNopGet()


h = Holder()
print("bound", h.base(1), type(Holder.__dict__["base"].__get__(h)).__name__)
print("nop", h.nop(1, 2), Holder.__dict__["nop"].__get__(h) is Holder.__dict__["nop"])

d = {}
v1 = _testcapi.dict_get_version(d)
d["a"] = 1
v2 = _testcapi.dict_get_version(d)
d["a"] = 1  # the same (cached small int) object: no change
v3 = _testcapi.dict_get_version(d)
d["a"] = 2
v4 = _testcapi.dict_get_version(d)
print("dict versions", v2 != v1, v3 == v2, v4 != v3)
e = {}
e.clear()
print("clear empty keeps", _testcapi.dict_get_version(e) == _testcapi.dict_get_version(e))
show("dict_get_version bad", lambda: _testcapi.dict_get_version([]))


class T:
    x = 1


T.x
t1 = _testcapi.type_get_version(T)
print("type version assigned", t1 != 0)
T.y = 2
print("after setattr", _testcapi.type_get_version(T))
show("type_get_version bad", lambda: _testcapi.type_get_version(1))

print(_testcapi.INT_MAX, _testcapi.INT_MIN, _testcapi.UINT_MAX, _testcapi.ULLONG_MAX, _testcapi.PY_SSIZE_T_MAX)
print(_testcapi.SHRT_MIN, _testcapi.USHRT_MAX, _testcapi.LONG_MIN, _testcapi.FLT_MAX, _testcapi.DBL_MIN)
print(_testcapi.W_STOPCODE(19), _testcapi.sequence_getitem("abc", 1))
show("raise_exception", lambda: _testcapi.raise_exception(ValueError, 3))
try:
    from _testcapi import i_dont_exist
except ImportError as e:
    print("ImportError", e.name)
