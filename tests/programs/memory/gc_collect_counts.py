import gc
gc.disable()
gc.collect()
class C:
    pass
class S:
    __slots__ = ("a",)
def count(label, build):
    build()
    print(label, gc.collect())
def one_list():
    l = []; l.append(l)
def list_and_dict():
    l = []; d = {"l": l}; l.append(d)
def instance_self():
    c = C(); c.me = c
def instance_dict():
    c = C(); c.me = c; c.__dict__
def slotted():
    s = S(); s.a = s
def tuple_cycle():
    l = []; t = (l, 1); l.append(t)
def function_cycle():
    def f():
        return f
def class_cycle():
    class K:
        pass
def bound_method_cycle():
    c = C(); c.m = c.__init__
def set_in_list():
    l = [set(), frozenset()]; l.append(l)
def exception_cycle():
    try:
        raise ValueError
    except ValueError as e:
        x = e
def generator_cycle():
    def g():
        yield
    it = g(); next(it); l = [it]; l.append(l)
for name, fn in list(globals().items()):
    if callable(fn) and name not in ("count", "C", "S") and not name.startswith("_"):
        count(name, fn)
