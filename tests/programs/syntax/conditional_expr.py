# Conditional expressions.
for x in [-2, 0, 3]:
    print(x, "neg" if x < 0 else "zero" if x == 0 else "pos")
def side(v):
    print("side", v)
    return v
print(side(1) if side(True) else side(2))
print(side(1) if side(False) else side(2))
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
print((lambda a: a if a else 'empty')(''))
x = 5
y = 10 if x > 3 else 20
print(y)
print(1 + (2 if x else 3) * 2)
print(*(range(2) if x else range(5)))
s = "yes" if [] else "no"
print(s)
print(max(1, 2) if True else min(1, 2))
