# Deleting a key and adding another keeps the size but changes the keys:
# iteration notices (CPython's "dictionary keys changed during iteration").
def attempt(label, make_iter, mutate):
    d = {0: 0}
    try:
        for _ in make_iter(d):
            mutate(d)
        print(label, "finished", d)
    except RuntimeError as e:
        print(label, "RuntimeError:", e, d)

def del_then_readd(d):
    del d[0]
    d[0] = 0

def del_then_add_other(d):
    k = next(iter(d))
    del d[k]
    d[k + 1] = k + 1

for name, make in [("keys", lambda d: d), ("values", lambda d: d.values()),
                   ("items", lambda d: d.items()), ("reversed", lambda d: reversed(d))]:
    attempt(name + "/readd", make, del_then_readd)
    attempt(name + "/other", make, del_then_add_other)

# popitem after deletions skips the holes at the end.
d = dict.fromkeys(range(6))
del d[5], d[4]
print(d.popitem(), d)
d[10] = 1
print(d.popitem(), d.popitem(), d)

# setdefault looks the key up once: __hash__ and __eq__ run once each.
class Key:
    calls = []
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        Key.calls.append(("hash", self.n))
        return 42
    def __eq__(self, other):
        Key.calls.append(("eq", self.n, other.n))
        return self.n == other.n

d = {Key(1): "one"}
Key.calls.clear()
print(d.setdefault(Key(2), "two"), Key.calls)
Key.calls.clear()
print(d.setdefault(Key(1), "uno"), Key.calls)
print(sorted(k.n for k in d), {}.setdefault("x"), d.setdefault(Key(3)))
