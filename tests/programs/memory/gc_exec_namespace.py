import gc
import sys
gc.disable()
gc.collect()
# f -> d -> f: the namespace of an exec'd function is a cycle
d = {}
exec("def f(): pass\n", d)
print("after exec", gc.collect())
print("refcounts", sys.getrefcount(d), sys.getrefcount(d["f"]))
del d
print("namespace and function", gc.collect())
# a finished frame does not keep its globals
ns = {}
exec("x = [1, 2, 3]\n", ns)
print("exec namespace refcount", sys.getrefcount(ns))
del ns
print("nothing to collect", gc.collect())
code = compile("def g():\n    return 1\nresult = g()\n", "<string>", "exec")
for i in range(3):
    scope = {}
    exec(code, scope)
    del scope
print("three namespaces", gc.collect())
m = type(sys)("throwaway")
exec("def h():\n    return h\n", m.__dict__)
del m
print("module, namespace, function", gc.collect())
