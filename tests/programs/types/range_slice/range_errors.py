# range construction errors.
for args in [(), (1.5,), ("3",), (1, 2, 0), (1, 2, 3, 4), (None,), (1, 2.0)]:
    try:
        print(range(*args))
    except (TypeError, ValueError) as e:
        print(args, type(e).__name__ + ":", e)
r = range(5)
for bad in [lambda: r["a"], lambda: r[1.0], lambda: r.__setitem__(0, 1), lambda: r + r, lambda: r * 2, lambda: r < r]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
try:
    r.start = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    range(5).step = 2
except AttributeError as e:
    print("AttributeError:", e)
