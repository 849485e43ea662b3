import math
def r(f, *a):
    try:
        v = f(*a)
        if isinstance(v, float): return v.hex()
        if isinstance(v, tuple): return tuple(x.hex() if isinstance(x, float) else x for x in v)
        return v
    except Exception as e:
        return type(e).__name__ + ':' + str(e)
# deterministic pseudo-random values without the random module
state = [88172645463325252]
def rnd():
    x = state[0]
    x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
    x ^= x >> 7
    x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
    state[0] = x
    return x / 2**64
vals = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, 5e-324, 1e308, -1e308, math.inf, -math.inf, math.nan, 710.0, -745.5, 1e-20, 171.5, -171.5, 200.5, -200.5, 3.0, -3.5, 0.9999999]
for i in range(60):
    vals.append((rnd() - 0.5) * 60)
    vals.append((rnd()) * 3)
    vals.append((rnd() - 0.5) * 400)
names1 = ['acos','acosh','asin','asinh','atan','atanh','cbrt','cos','cosh','erf','erfc','exp','exp2','expm1','fabs','gamma','lgamma','log','log1p','log10','log2','sin','sinh','sqrt','tan','tanh','frexp','modf','ulp','degrees','radians','isfinite','isinf','isnan']
h = 0
out = []
for n in names1:
    f = getattr(math, n)
    for v in vals:
        out.append((n, r(f, v)))
names2 = ['atan2','copysign','fmod','remainder','pow','nextafter','hypot','isclose']
for n in names2:
    f = getattr(math, n)
    for i in range(0, len(vals) - 1):
        out.append((n, r(f, vals[i], vals[i+1])))
for i in range(0, len(vals) - 3):
    out.append(('hypot3', r(math.hypot, vals[i], vals[i+1], vals[i+2])))
    out.append(('dist', r(math.dist, vals[i:i+3], vals[i+1:i+4])))
    out.append(('fsum', r(math.fsum, vals[i:i+30])))
for x in out:
    print(*x)
