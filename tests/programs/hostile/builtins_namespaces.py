try:
    exec("print(len)", {'__builtins__': None})
except TypeError as e:
    print("TypeError", e)
class D(dict):
    def __missing__(self, k):
        return 'missing:' + k
g = D()
g['__builtins__'] = {'print': print}
exec("print(foo)", g)
exec("def f(): return bar\nprint(f())", g)
try:
    exec("import sys", {'__builtins__': {}})
except ImportError as e:
    print("ImportError", e)
try:
    exec("class A: pass", {'__builtins__': {}})
except NameError as e:
    print("NameError", e)
import sys
print(eval("len", {'__builtins__': sys.modules['builtins']}))
print(eval("x", {'__builtins__': {'x': 5}}))
