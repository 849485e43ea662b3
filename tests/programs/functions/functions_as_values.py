# Functions as dict keys, in sets, compared, hashed.
def a(): return 'a'
def b(): return 'b'
table = {a: 1, b: 2}
print(table[a], table[b], len({a, b, a}))
print(a == a, a == b, a != b, hash(a) == hash(a))
funcs = [a, b, a]
print(funcs.count(a), funcs.index(b))
dispatch = {'x': a, 'y': b}
print([dispatch[k]() for k in 'xyx'])
def apply(f, *args): return f(*args)
print(apply(max, 3, 9, 2), apply(str.join, '-', 'abc'), apply(lambda: 'none'))
print(sorted([b, a], key=lambda f: f.__name__)[0].__name__)
class Handler:
    def __init__(self):
        self.handlers = {}
    def on(self, event):
        def deco(fn):
            self.handlers.setdefault(event, []).append(fn)
            return fn
        return deco
    def emit(self, event, *args):
        return [h(*args) for h in self.handlers.get(event, [])]
h = Handler()
@h.on('greet')
def hello(name): return 'hello ' + name
@h.on('greet')
def hi(name): return 'hi ' + name
print(h.emit('greet', 'bob'), h.emit('other'))
print(type(a) is type(lambda: 0), type(len) is type(print))
