# bytearray: mutable bytes.
ba = bytearray(b"hello")
print(ba, repr(ba), len(ba), ba[0], ba[1:3])
ba[0] = 72
print(ba)
ba[1:3] = b"EY"
print(ba)
ba[1:3] = b"abcdef"
print(ba)
ba[::2] = b"X" * len(ba[::2])
print(ba)
del ba[0]
del ba[1:3]
print(ba)
ba.append(33)
ba.extend(b"??")
ba.extend([48, 49])
ba.extend(range(50, 52))
print(ba)
ba.insert(0, 60)
ba.insert(-1, 62)
ba.insert(100, 64)
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.remove(ord("?"))
print(ba)
ba.reverse()
print(ba)
c = ba.copy()
c.clear()
print(c, ba)
ba += b"++"
ba *= 2
print(ba)
for bad in [lambda: ba.append(256), lambda: ba.append(-1), lambda: ba.__setitem__(0, 300), lambda: ba.remove(7),
            lambda: bytearray().pop(), lambda: ba.extend("str"), lambda: ba.__setitem__(slice(0, 1), 5),
            lambda: ba.insert(0, b"x")]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__ + ":", e)
b2 = bytearray(3)
b2[0:0] = b"ins"
print(b2, bytearray(range(3)), bytearray("é", "utf-8"), bytearray([1, 2]), bytearray(b"xy") == b"xy")
