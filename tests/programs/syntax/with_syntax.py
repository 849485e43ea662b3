# with statement forms.
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return False
with CM('a') as a:
    print("body", a)
with CM('a') as a, CM('b') as b:
    print("body", a, b)
with (CM('p') as p, CM('q') as q,):
    print("parenthesized", p, q)
with (CM('r'), CM('s')):
    print("no targets")
with CM('t'):
    pass
with CM('u') as (first, *rest):
    print(first, rest)
obj = type('O', (), {})()
with CM('v') as obj.attr:
    print(obj.attr)
d = {}
with CM('w') as d['k']:
    pass
print(d)
def f():
    with CM('ret'):
        return "returned"
print(f())
for i in range(2):
    with CM('loop%d' % i):
        if i == 0:
            continue
        break
try:
    with CM('x'), CM('y'):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
