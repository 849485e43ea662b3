# None, NoneType and their behaviour.
print(None, repr(None), str(None), type(None), type(None).__name__, bool(None))
print(None is None, None == None, None != None, None is not None, None == 0, None == False, None == "")
NoneType = type(None)
print(NoneType() is None, isinstance(None, NoneType), NoneType.__name__)
try:
    NoneType(1)
except TypeError as e:
    print("TypeError:", e)
n = None
for op in [lambda: n + 1, lambda: n < n, lambda: len(n), lambda: n[0], lambda: n(), lambda: iter(n), lambda: -n]:
    try:
        op()
    except TypeError as e:
        print("TypeError:", e)
try:
    None.attr
except AttributeError as e:
    print("AttributeError:", e)
try:
    None.x = 1
except AttributeError as e:
    print("AttributeError:", e)
def f(): pass
print(f() is None, [None] * 3, {None: None}, (None,), None in [0, None], [1, None].index(None))
print(sorted([3, 1, 2], key=lambda x: None is None and x))
print(f"{None}", "%s" % None, "{}".format(None), format(None, ""), str(None).lower())
try:
    format(None, "x")
except TypeError as e:
    print("TypeError:", e)
print(None.__class__, None.__bool__(), None.__repr__(), None.__eq__(None), None.__eq__(0))
x = None
x = x or "default"
print(x, None or None, None and 1, [] or None)
