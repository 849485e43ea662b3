# Generator expressions as sole call arguments and in builtins.
words = ["alpha", "beta", "gamma", "delta"]
print(sum(len(w) for w in words))
print(max(len(w) for w in words), min(w[::-1] for w in words))
print(", ".join(w.upper() for w in words if "e" in w))
print(sorted((w for w in words), key=len))
print(list(reversed([w for w in words])))
print(tuple(w[0] for w in words), set(w[-1] for w in words) == {"a"})
print(dict((w, i) for i, w in enumerate(words)))
print(any(w.startswith("g") for w in words), all(len(w) > 3 for w in words))
def f(*args, **kwargs):
    return args, kwargs
print(f(x for x in range(0))[0][0].__class__.__name__)
print(f(*(x * 2 for x in range(3)), key=sum(x for x in range(4))))
print(list(zip((x for x in "ab"), (y for y in range(10)))))
print(list(enumerate(x ** 2 for x in range(4))))
print("".join(chr(ord(c) + 1) for c in "HAL"))
print(list(map(lambda t: t[0] * t[1], ((i, i + 1) for i in range(4)))))
print(next(x for x in range(100) if x * x > 50), next((x for x in [] if x), "none"))
print(len(list(x for x in range(1000) if x % 7 == 0)))
