# Attributes of code objects that are stable.
def f(a, b, /, c, *args, d, e=1, **kw):
    local1 = a
    local2 = b
    def inner():
        return local1
    return inner
co = f.__code__
print(co.co_name, co.co_qualname)
print(co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames)
print(co.co_cellvars, co.co_freevars)
print(co.co_firstlineno)
inner = f(1, 2, 3, d=4)
print(inner.__code__.co_freevars, inner.__code__.co_name, inner.__code__.co_qualname)
def gen():
    yield 1
print(gen.__code__.co_name, type(gen.__code__).__name__)
lam = lambda x, y=2: x
print(lam.__code__.co_argcount, lam.__code__.co_varnames, lam.__code__.co_name)
def consts():
    return "a constant"
print("a constant" in consts.__code__.co_consts)
def names():
    return len(print)
print(names.__code__.co_names)
print(f.__code__.co_filename.endswith("code_objects.py"))
