# Slice assignment and deletion on bytearray.
ba = bytearray(range(10))
ba[2:5] = b""
print(list(ba))
ba[:0] = [255, 254]
print(list(ba))
ba[-2:] = bytearray(b"\x07")
print(list(ba))
ba[1:8:2] = [0, 0, 0, 0]
print(list(ba))
del ba[::3]
print(list(ba))
ba[len(ba):] = range(3)
print(list(ba))
try:
    ba[::2] = b"x"
except ValueError as e:
    print("ValueError:", e)
ba[:] = b"reset"
print(ba, ba[::-1], ba[-3:], ba[1:-1])
ba[0:1] = bytearray(b"R")
ba[1:2] = (69,)
print(ba, ba.pop(-1), ba, ba.find(b"s"), ba.count(ord("e")))
x = bytearray(b"aaa")
x[1:2] = x
print(x)
