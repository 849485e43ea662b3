# Augmented assignment on names, attributes, subscripts; in-place semantics.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x %= 2; print(x)
x = 3
x **= 4; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xF0; print(x)
x |= 1; print(x)
x ^= 0xFF; print(x)
a = [1]
b = a
a += [2]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = "ab"
s *= 3
print(s)
class Box:
    def __init__(self): self.v = 1
bx = Box()
bx.v += 41
print(bx.v)
d = {'k': [1]}
d['k'] += [2]
d['n'] = 0
d['n'] -= 1
print(d)
calls = []
def key():
    calls.append('key')
    return 0
lst = [5]
lst[key()] += 1
print(lst, calls)
class Loud:
    def __init__(self, v): self.v = v
    def __iadd__(self, o):
        print("iadd", o)
        self.v += o
        return self
    def __add__(self, o):
        print("add", o)
        return Loud(self.v + o)
    def __repr__(self): return "Loud(%d)" % self.v
l = Loud(1)
l2 = l
l += 5
print(l, l2, l is l2)
class OnlyAdd:
    def __init__(self, v): self.v = v
    def __add__(self, o): return OnlyAdd(self.v + o)
o = OnlyAdd(1)
o2 = o
o += 1
print(o.v, o2.v, o is o2)
st = {1}
st |= {2}
st &= {2, 3}
print(st)
m = [[0]]
m[0][0] += 7
print(m)
