# Function __dict__, vars(), and attribute manipulation.
def f():
    return f.counter
f.counter = 10
print(f(), vars(f), f.__dict__ is vars(f))
f.__dict__['other'] = 'x'
print(f.other, sorted(f.__dict__))
del f.counter
print(hasattr(f, 'counter'), f.__dict__)
try:
    f.missing
except AttributeError as e:
    print("AttributeError:", e)
f.__dict__ = {'replaced': True}
print(f.replaced)
try:
    f.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
setattr(f, 'dyn', 3)
print(getattr(f, 'dyn'), getattr(f, 'nope', 'default'))
def g(): pass
print(g.__dict__, hasattr(g, '__wrapped__'))
try:
    del g.__name__
except TypeError as e:
    print("TypeError:", e)
