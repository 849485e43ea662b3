import _typing
import typing

print(_typing.__doc__, sorted(n for n in dir(_typing) if not n.startswith("__")))
o = object()
print(_typing._idfunc(o) is o, _typing._idfunc(3))
for args, kw in [((), {}), ((1, 2), {}), ((), {"x": 1})]:
    try:
        _typing._idfunc(*args, **kw)
    except TypeError as e:
        print("TypeError", e)
UserId = typing.NewType("UserId", int)
print(UserId(5), type(UserId(5)), UserId.__supertype__, repr(UserId))
