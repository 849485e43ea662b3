# Default argument values: evaluated once, shared mutable defaults.
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
counter = 0
def next_default():
    global counter
    counter += 1
    return counter
def uses(x=next_default()):
    return x
print(uses(), uses(), counter)
n = 10
def captured(v=n):
    return v
n = 20
print(captured())
def many(a, b=2, c=3, d=4):
    return a + b + c + d
print(many(1), many(1, 1), many(1, d=0), many(1, 1, 1, 1))
print(many.__defaults__)
many.__defaults__ = (20, 30, 40)
print(many(1))
def kwonly(*, flag=True):
    return flag
print(kwonly(), kwonly(flag=0))
kwonly.__kwdefaults__ = {'flag': 'patched'}
print(kwonly())
def d2(x={}):
    x[len(x)] = len(x)
    return x
d2(); d2()
print(d2())
