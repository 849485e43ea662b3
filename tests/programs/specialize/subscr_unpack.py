# BINARY_SUBSCR / STORE_SUBSCR specialized for lists, tuples and dicts and
# UNPACK_SEQUENCE for tuples and lists, then given other containers,
# negative and huge indices, subclasses, and sequences of the wrong length.


class MyList(list):
    def __getitem__(self, i):
        return "MyList[%r]" % (i,)

    def __setitem__(self, i, v):
        print("MyList set", i, v)


class MyDict(dict):
    def __missing__(self, key):
        return "missing %r" % (key,)


def get(c, i):
    return c[i]


def put(c, i, v):
    c[i] = v


def warm(f, *args):
    r = None
    for _ in range(100):
        r = f(*args)
    return r


lst = [10, 20, 30]
print(warm(get, lst, 1), get(lst, -1), get(MyList([1]), 0), get((1, 2), 1), get({"a": 1}, "a"), get("xyz", 2))
for bad in (3, "x"):
    try:
        get(lst, bad)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
print(warm(get, (1, 2, 3), 0), get((1, 2, 3), -1), get([5], 0))
try:
    get((1,), 5)
except IndexError as e:
    print("IndexError:", e)
d = {"k": 1, 2: "two"}
print(warm(get, d, "k"), get(d, 2), get(MyDict(), "z"))
try:
    get(d, "nope")
except KeyError as e:
    print("KeyError:", e)
try:
    get(d, [])
except TypeError as e:
    print("TypeError:", e)

warm(put, lst, 0, 99)
print(lst)
put(lst, -1, "neg")
put(MyList([1, 2]), 0, "x")
try:
    put(lst, 7, 0)
except IndexError as e:
    print("IndexError:", e)
print(lst)
dd = {}
warm(put, dd, "a", 1)
put(dd, 1.5, 2)
put(MyDict(), "m", 3)
print(dd)
try:
    put(dd, {}, 1)
except TypeError as e:
    print("TypeError:", e)


def shrinking(xs):
    out = []
    i = 0
    while i < 20:
        if i == 10:
            del xs[5:]
        try:
            out.append(xs[i])
        except IndexError:
            out.append(None)
        i += 1
    return out


print(shrinking(list(range(20))))


def unpack2(p):
    a, b = p
    return a - b


def unpack3(p):
    a, b, c = p
    return a + b + c


print(warm(unpack2, (5, 3)), unpack2([9, 1]), unpack2("ab" if False else (1, 1)), unpack2({7: 0, 8: 0}))
print(warm(unpack3, (1, 2, 3)), unpack3([4, 5, 6]), unpack3("abc"), unpack3(range(3)))
print(warm(unpack3, [1, 2, 3]), unpack3((7, 8, 9)))
for bad in ((1,), (1, 2, 3, 4), [1], iter([1, 2])):
    try:
        print(unpack3(bad))
    except ValueError as e:
        print("ValueError:", e)
