# Slicing of sequences with all forms.
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[:], s[::2], s[1::3], s[::-1])
print(s[-3:], s[:-3], s[-5:-2], s[5:2], s[5:2:-1], s[-1:-4:-1])
print(s[100:], s[-100:2], s[2:100], s[::100], s[::-100])
print(s[None:None:None], s[slice(1, 8, 2)], s[slice(3)])
t = "abcdefgh"
print(t[1:4], t[::-1], t[::3], t[-2:], t[5:1:-2])
print((1, 2, 3, 4)[1:3], b'bytes'[1:3], bytearray(b'xyz')[::-1])
print(range(10)[2:8:2], range(10)[::-1], range(0, 20, 3)[1:4])
x = list(range(10))
x[2:5] = ['a', 'b']
print(x)
x[:0] = [-1]
print(x)
x[len(x):] = [99]
print(x)
x[::2] = [0] * len(x[::2])
print(x)
del x[::3]
print(x)
del x[1:3]
print(x)
x[1:1] = 'XYZ'
print(x)
try:
    x[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError:", e)
class Show:
    def __getitem__(self, k):
        return k
o = Show()
print(o[1:2], o[::], o[1:2, 3], o[..., 0], o[:, None], o[1])
sl = slice(1, 10, 3)
print(sl.start, sl.stop, sl.step, sl.indices(5), slice(None).indices(4))
print(slice(-1, None, -1).indices(6))
