import _statistics
import statistics
import struct

print(_statistics.__doc__, sorted(n for n in dir(_statistics) if not n.startswith("__")))


def bits(x):
    return struct.pack("<d", x).hex()


ps = [i / 1000 for i in range(1, 1000)] + [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.0001, 0.02425, 0.075,
                                            0.075 + 1e-15, 0.925, 0.97575, 1 - 1e-10, 1 - 1e-16, 5e-324,
                                            0.5, 0.5 + 1e-17, 0.3, 0.7]
acc = []
for p in ps:
    for mu, sigma in [(0, 1), (3.5, 2.25), (-100, 1e-3), (1e10, 7)]:
        acc.append(bits(_statistics._normal_dist_inv_cdf(p, mu, sigma)))
print(len(acc))
for i in range(0, len(acc), 97):
    print(ps[i // 4], acc[i])
import hashlib
print(hashlib.sha256(" ".join(acc).encode()).hexdigest())

for args in [(0, 0, 1), (1, 0, 1), (0.5, 0, 0), (0.5, 0, -1), (-0.1, 0, 1), (2, 0, 1)]:
    try:
        _statistics._normal_dist_inv_cdf(*args)
    except ValueError as e:
        print("ValueError", e)
for args in [(0.3, float("nan"), 1), (float("nan"), 0, 1), (0.5, 0, float("inf")), (0.1, 3, float("nan")),
             (0.25, 1, 2), (True, 0, 1) if False else (0.75, True, 2)]:
    print(args, _statistics._normal_dist_inv_cdf(*args))


class F:
    def __float__(self):
        return 0.25


class I:
    def __index__(self):
        return 1


print(_statistics._normal_dist_inv_cdf(F(), I(), I()))
for args in [("a", 1, 2), (1, 2), (2**2000, 0, 1), ()]:
    try:
        _statistics._normal_dist_inv_cdf(*args)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    _statistics._normal_dist_inv_cdf(p=0.5, mu=0, sigma=1)
except TypeError as e:
    print("TypeError", e)

nd = statistics.NormalDist(100, 15)
print(nd.inv_cdf(0.9), nd.quantiles(4), statistics.NormalDist().inv_cdf(0.975))
