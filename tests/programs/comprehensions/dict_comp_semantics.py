# Dict comprehension semantics: key/value order, duplicates, hashing.
log = []
def k(v):
    log.append(f"key {v}")
    return v
def val(v):
    log.append(f"val {v}")
    return v
d = {k(i): val(i * 10) for i in range(2)}
print(d, log)
d = {x % 3: x for x in range(10)}
print(d)
d = {ch: i for i, ch in enumerate("banana")}
print(d, list(d))
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
d = {x: None for x in [1.0, 1, True]}
print(d)
try:
    {[x]: x for x in range(2)}
except TypeError as e:
    print("TypeError:", e)
pairs = [("a", 1), ("b", 2), ("a", 3)]
print({key: value for key, value in pairs})
first_seen = {}
for key, value in pairs:
    first_seen.setdefault(key, value)
print(first_seen)
print({n: n * n for n in range(5) if n % 2 == 0})
print({s: len(s) for s in ["", "a", "bb"]})
