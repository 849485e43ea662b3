# Mutating a dict while iterating raises RuntimeError (caught here).
d = {i: i * i for i in range(5)}
try:
    for k in d:
        d[k + 100] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d = {i: i for i in range(5)}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {"a": 1, "b": 2}
for k in d:
    d[k] = d[k] * 10
print(d)
d = {1: 1, 2: 2}
try:
    for v in d.values():
        d.pop(1, None)
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: 1, 2: 2, 3: 3}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
d = {"x": 1}
try:
    for item in d.items():
        d.clear()
        d["y"] = 2
except RuntimeError as e:
    print("RuntimeError:", e)
d = {i: i for i in range(3)}
it = iter(d)
next(it)
d["new"] = 1
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
d = {"k": 1}
it = iter(d)
d["k"] = 2
print(list(it))
