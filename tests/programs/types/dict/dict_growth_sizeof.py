# sys.getsizeof of dicts as they grow, shrink and change key kind: the table
# sizes and the moments of growth are CPython's (8 slots hold 5 items, a full
# table of n items grows to the power of two at least 3n; str-keyed entries
# take 16 bytes, others 24; 1-byte indices up to 128 slots, then 2).
import sys


def sizes(keys):
    d = {}
    out = [sys.getsizeof(d)]
    for k in keys:
        d[k] = None
        out.append(sys.getsizeof(d))
    return d, out


strs = ["k%d" % i for i in range(200)]
ints = list(range(200))

d, out = sizes(strs[:30])
print("str keys 0..30:", out)
d, out = sizes(ints[:30])
print("int keys 0..30:", out)
d, out = sizes(strs)
print("str keys 200:", out[-1], "changes at", [i for i in range(1, len(out)) if out[i] != out[i - 1]])
d, out = sizes(ints)
print("int keys 200:", out[-1], "changes at", [i for i in range(1, len(out)) if out[i] != out[i - 1]])

# A table of str keys meeting an int key becomes general at its growth size.
for n in range(0, 12):
    d = dict.fromkeys(strs[:n]) if n else {}
    before = sys.getsizeof(d)
    d[1] = 1
    print("str", n, "+ int:", before, "->", sys.getsizeof(d))

# Deletions keep the table; reinsertions still count against its room.
d = {}
for i in range(5):
    d[strs[i]] = i
for i in range(4):
    del d[strs[i]]
    d[strs[i]] = i
    print("delete/reinsert", i, len(d), sys.getsizeof(d))
d.clear()
print("cleared", sys.getsizeof(d))
d["a"] = 1
print("after clear + 1", sys.getsizeof(d))

# popitem leaves its slot taken.
d = {strs[i]: i for i in range(5)}
d.popitem()
print("popitem", sys.getsizeof(d))
d["x"] = 1
print("popitem + 1", sys.getsizeof(d))
d["y"] = 1
print("popitem + 2", sys.getsizeof(d))

# Comprehensions and item-by-item updates grow the same way.
for n in (0, 1, 5, 6, 10, 11, 21, 22, 42, 43, 85, 86):
    print("comprehension", n, sys.getsizeof({i: i for i in range(n)}),
          sys.getsizeof({str(i): i for i in range(n)}))

# __sizeof__ is getsizeof less the collector's header.
d = {"a": 1}
print("sizeof", d.__sizeof__(), sys.getsizeof(d) - d.__sizeof__())
print(sys.getsizeof({}), {}.__sizeof__())

# Displays are presized for their items (CPython's dict_new_presized):
# constant keys (BUILD_CONST_KEY_MAP), computed keys (BUILD_MAP), mixed kinds.
for n in (1, 5, 6, 7, 10, 11, 12, 21, 22, 30):
    const = eval("{" + ", ".join("'k%d': %d" % (i, i) for i in range(n)) + "}")
    computed = eval("{" + ", ".join("str(%d): %d" % (i, i) for i in range(n)) + "}")
    ints = eval("{" + ", ".join("%d: %d" % (i, i) for i in range(n)) + "}")
    mixed = eval("{" + ", ".join(["'k%d': %d" % (i, i) for i in range(n - 1)] + ["1.5: 0"]) + "}")
    print("display", n, sys.getsizeof(const), sys.getsizeof(computed), sys.getsizeof(ints), sys.getsizeof(mixed))

# Copies: a compact table is cloned at its size, one with many holes is
# rebuilt for its items; dict(d) and {**d} clone a compact source too.
for n in (1, 5, 6, 10, 11, 30):
    d = {strs[i]: i for i in range(n)}
    e = {i: i for i in range(n)}
    print("copy", n, sys.getsizeof(d.copy()), sys.getsizeof(dict(d)), sys.getsizeof({**d}),
          sys.getsizeof(e.copy()), sys.getsizeof(dict(e)))
d = {i: i for i in range(40)}
for i in range(30):
    del d[i]
print("holey copy", sys.getsizeof(d), sys.getsizeof(d.copy()), sys.getsizeof(dict(d)))
d = {i: i for i in range(12)}
d.update({i: i for i in range(100, 140)})
print("update", sys.getsizeof(d))
