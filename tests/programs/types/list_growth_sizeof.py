# sys.getsizeof of lists as they grow: the over-allocation is CPython's
# list_resize (an eighth more plus 6, rounded to 4; a large jump takes just
# what it needs), by append, insert, extend and +=.
import sys

l = []
out = []
for i in range(70):
    l.append(i)
    out.append(sys.getsizeof(l))
print("append:", out)

l = []
out = []
for i in range(40):
    l.insert(0, i)
    out.append(sys.getsizeof(l))
print("insert:", out)

for n in (0, 1, 2, 3, 5, 9, 17, 40):
    l = [1]
    l.extend(range(n)) if n % 2 else l.extend(list(range(n)))
    m = [1, 2]
    m += tuple(range(n))
    print("extend", n, sys.getsizeof(l), sys.getsizeof(m))

# A list built by a display, then grown once.
for k in range(1, 10):
    l = eval("[" + "0, " * k + "]")
    before = sys.getsizeof(l)
    l.append(None)
    print("display", k, before, sys.getsizeof(l))

# A list holding itself (the cycle benchmark's shape).
l = [object()]
l.append(l)
print("self", sys.getsizeof(l), len(l))
