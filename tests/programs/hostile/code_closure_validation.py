import sys
import types
def outer():
    x = 1
    def inner():
        return x
    return inner
inner = outer()
try:
    exec(inner.__code__)
except TypeError as e:
    print("TypeError", e)
try:
    types.FunctionType(inner.__code__, {})
except TypeError as e:
    print("TypeError", e)
try:
    types.FunctionType(inner.__code__, {}, None, None, (1,))
except TypeError as e:
    print("TypeError", e)
try:
    types.FunctionType(inner.__code__, {}, None, None, ())
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
def f(a, b): return a, b
f.__defaults__ = (1, 2, 3)
print(f())
def g(a): return a
g.__defaults__ = (1, 2, 3)
print(g())

r = {}
def outer2():
    y = 10
    def inner2():
        print("y is", y)
    return inner2
i2 = outer2()
exec(i2.__code__, {"print": print}, closure=i2.__closure__)
try:
    exec(i2.__code__, {}, closure=(1,))
except TypeError as e:
    print("TypeError", e)
try:
    exec("x = 1", {}, closure=i2.__closure__)
except TypeError as e:
    print("TypeError", e)
def plain(): pass
try:
    exec(plain.__code__, {}, closure=i2.__closure__)
except TypeError as e:
    print("TypeError", e)
try:
    eval(i2.__code__)
except TypeError as e:
    print("TypeError", e)
try:
    inner.__code__ = plain.__code__
except ValueError as e:
    print("ValueError", e)
import sys
try:
    types_FunctionType = type(plain)
    types_FunctionType(plain.__code__, {}, 5)
except TypeError as e:
    print("TypeError", e)
try:
    types_FunctionType(plain.__code__, {}, None, [1])
except TypeError as e:
    print("TypeError", e)
try:
    types_FunctionType(plain.__code__, {}, None, None, 5)
except TypeError as e:
    print("TypeError", e)
try:
    types_FunctionType(plain.__code__, {}, None, None, (1,))
except ValueError as e:
    print("ValueError", e)
def kw(a, b=2, *, c=3): return a, b, c
kw.__defaults__ = (7, 8, 9, 10)
print(kw())
kw.__defaults__ = ()
try:
    kw()
except TypeError as e:
    print("TypeError", e)
