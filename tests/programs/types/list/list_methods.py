# Every list method.
l = [3, 1, 4]
l.append(1)
l.append([5])
print(l)
l.extend([9, 2])
l.extend("ab")
l.extend(range(2))
l.extend((x for x in [7]))
print(l)
l.insert(0, "first")
l.insert(-1, "before last")
l.insert(100, "end")
l.insert(-100, "start")
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l.pop(3), l)
l.remove(1)
print(l, l.count(1), l.count("a"), l.count([5]), l.index(3), l.index(1), l.index("a", 5), l.index(9, 0, 20))
l.reverse()
print(l)
c = l.copy()
c.append("only in copy")
print(len(l), len(c), c[-1], c is not l)
l.clear()
print(l, c.__len__())
for bad in [lambda: [].pop(), lambda: [1].pop(1), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1, 2].index(1, 1),
            lambda: [].insert(0), lambda: [].append(1, 2), lambda: [].extend(5), lambda: [].pop("0")]:
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
x = [1, 2]
x.extend(x)
print(x)
x.append(x)
print(x, len(x))
