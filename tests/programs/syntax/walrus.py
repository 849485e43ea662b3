# Assignment expressions.
if (n := 10) > 5:
    print("n is", n)
data = [1, 2, 3, 4, 5, 6]
print([y for x in data if (y := x * x) > 10])
print(y)
while (chunk := data[:2]):
    print("chunk", chunk)
    data = data[2:]
print((a := 1) + (b := 2), a, b)
print([(z := i) for i in range(3)], z)
def f():
    if (m := 3) == 3:
        return m * 2
print(f())
values = [3, 8, 1, 9]
print(any((hit := v) > 7 for v in values), hit)
print(all((miss := v) < 5 for v in values), miss)
x = (w := 5) * 2
print(x, w)
print(f"{(q := 7)} {q}")
def g(k=(k0 := 4)):
    return k
print(g(), k0)
lst = [1, 2]
print((lst := lst + [3]), lst)
counter = 0
def step():
    global counter
    counter += 1
    return counter
while (s := step()) < 4:
    print("step", s)
print([j for i in range(3) if (j := i * 10) != 10])
