# Infinity and NaN semantics.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, -nan, repr(inf), str(-inf))
print(inf + 1, inf - inf, inf * 0, inf * -1, inf / inf, 1 / inf, -1 / inf, inf ** 0, nan ** 0, 1 ** nan)
print(inf > 1e308, -inf < -1e308, inf == inf, inf == float("inf"), -inf == -inf, inf > nan, inf < nan)
print(nan == nan, nan != nan, nan < 1, nan >= 1, nan is nan, nan != float("nan"))
print(1e308 * 10, -1e308 * 10, 1e308 + 1e308, 2.0 ** 1023 * 2)
print(inf % 5, 5 % inf, -5 % inf, 5 // inf, -5 // inf, divmod(5.0, inf))
print(max(1, nan), max(nan, 1), min(nan, 1), min(1, nan), sorted([3, nan, 1]))
print(nan in [nan], nan in [float("nan")], [nan] == [nan], (nan,) == (nan,), [float("nan")] == [float("nan")])
d = {nan: "nan key"}
print(d[nan], d.get(float("nan"), "different nan object not found"))
print(abs(-inf), abs(nan), -(-inf), inf.is_integer(), nan.is_integer())
print(int(1e300) > 0, float("inf") == 10 ** 1000, 10 ** 1000 < inf)
print(hash(inf), hash(-inf), hash(0.5), hash(-0.0), hash(1.5) == hash(3 / 2))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
print(0.0 == -0.0, str(-0.0), -0.0 + 0.0, -0.0 - 0.0, -0.0 * 1, 0.0 * -1, 1 / inf * -1)
print(sum([inf, -inf]), sum([1e308, 1e308, -1e308]), inf - 1e308)
