# Indexing, slicing, slice assignment and deletion on lists.
l = list(range(10))
print(l[0], l[-1], l[3:7], l[:3], l[7:], l[::3], l[::-2], l[8:2:-2], l[-3:-1], l[100:], l[-100:1])
for i in [10, -11]:
    try:
        l[i]
    except IndexError as e:
        print("IndexError:", e)
    try:
        l[i] = 0
    except IndexError as e:
        print("IndexError:", e)
l[0] = "zero"
l[-1] = "nine"
print(l)
l[1:3] = ["a", "b", "c", "d"]
print(l)
l[5:5] = ["inserted"]
print(l)
l[::2] = range(len(l[::2]))
print(l)
l[:] = "xyz"
print(l)
l[10:20] = [1]
print(l)
l[-1:0] = ["y"]
print(l)
del l[0]
print(l)
del l[::2]
print(l)
l = list(range(10))
del l[2:8:3]
print(l)
del l[:]
print(l)
try:
    l = [1, 2, 3]
    l[::2] = [0]
except ValueError as e:
    print("ValueError:", e)
try:
    l["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    l[1:2] = 5
except TypeError as e:
    print("TypeError:", e)
l = [0, 1, 2, 3]
l[1:3] = l
print(l)
l = [1, 2, 3, 4, 5]
l[::-1] = l
print(l)
print(l[True], l[slice(1, 3)], l[::1] == l, l[::1] is not l)
