# Hashing and comparison of integers, including against floats and complex.
for n in [0, 1, -1, -2, 42, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 100, -(2 ** 100), 10 ** 30]:
    print(n, hash(n))
print(hash(True), hash(False), hash(1) == hash(1.0) == hash(1 + 0j) == hash(True))
print(hash(2 ** 64) == hash(float(2 ** 64)), hash(-0) == hash(0.0) == hash(-0.0))
print(1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53), 2 ** 1000 > 1e300)
print(10 ** 400 > float("inf"), -(10 ** 400) < float("-inf"), 10 ** 400 == float("inf"))
print(1 < 1.5 < 2, 3 == 3 + 0j, 3 != 3 + 1j, (1 < 2) == True)
print(0 == -0, 0 == 0.0 == -0.0 == False, 5 == "5")
try:
    1 < 1j
except TypeError as e:
    print("TypeError:", e)
d = {1: "int"}
d[1.0] = "float overrides value"
d[True] = "bool overrides value"
print(d)
s = {0, 0.0, False, -0.0}
print(s, len({1, 1.0, True, 1 + 0j}))
print(sorted([3, 1.5, True, 2, -0.5, False]), max(1, 1.0), min(1.0, 1), max(True, 1))
print(int.__hash__(7), (7).__hash__(), hash(-1) == hash(-2))
