import gc
def show(label, obj):
    print(label, gc.is_tracked(obj))
show("int", 1)
show("str", "text")
show("float", 1.5)
show("None", None)
show("bytes", b"x")
show("empty tuple", ())
show("tuple of atoms", (1, 2, "three"))
show("tuple with a list", (1, []))
show("empty list", [])
show("list of atoms", [1, 2])
show("empty dict", {})
show("dict of atoms", {"a": 1, "b": (1, 2)})
show("dict with a list", {"a": []})
show("set", set())
show("frozenset", frozenset([1]))
show("function", show)
show("class", int)
class C:
    pass
show("user class", C)
show("instance", C())
show("generator", (x for x in ()))
d = {}
print("dict before", gc.is_tracked(d))
d["x"] = 1
print("dict with atom", gc.is_tracked(d))
d["y"] = [1]
print("dict after container", gc.is_tracked(d))
del d["y"]
print("stays tracked", gc.is_tracked(d))
t = tuple([1, 2, 3])
print("new tuple of atoms tracked until a collection", gc.is_tracked(t))
gc.collect()
print("after collect", gc.is_tracked(t))
nested = ((1, 2), (3, (4, 5)))
gc.collect()
print("nested atoms untracked", gc.is_tracked(nested), gc.is_tracked(nested[1]))
with_list = ((1, []),)
gc.collect()
print("nested list keeps tracking", gc.is_tracked(with_list))
dd = dict(a=1)
print("dict() of atoms", gc.is_tracked(dd))
dd2 = {"k": (1, 2)}
print("dict literal with tuple", gc.is_tracked(dd2))
print("is_finalized", gc.is_finalized(C()), gc.is_finalized(1))
