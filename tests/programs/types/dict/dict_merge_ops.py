# The | and |= operators and other merge forms.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, b)
c = a
c |= b
print(c, a, c is a)
c |= [("w", 0)]
print(c)
try:
    a | [("q", 1)]
except TypeError as e:
    print("TypeError:", e)
try:
    a | 5
except TypeError as e:
    print("TypeError:", e)
try:
    c |= 5
except TypeError as e:
    print("TypeError:", e)
print({**a, **b}, {**b, **a}, dict(a, **{"k": 1}))
d = {}
d.update(a, extra=True)
print(d)
class Sub(dict):
    pass
s = Sub(m=1)
print(type(s | {}).__name__, type({} | s).__name__, s | {"n": 2})
def merge_deep(x, y):
    out = dict(x)
    for k, v in y.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge_deep(out[k], v)
        else:
            out[k] = v
    return out
print(merge_deep({"db": {"host": "a", "port": 1}, "debug": False}, {"db": {"port": 2}, "debug": True, "new": {}}))
