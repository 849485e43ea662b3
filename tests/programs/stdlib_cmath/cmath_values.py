import cmath
import math

def fmt(v):
    if isinstance(v, complex):
        return v.real.hex() + ',' + v.imag.hex()
    if isinstance(v, float):
        return v.hex()
    if isinstance(v, tuple):
        return tuple(fmt(x) for x in v)
    return repr(v)

def show(label, f, *a, **k):
    try:
        v = f(*a, **k)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, fmt(v))

state = [0x9E3779B97F4A7C15]
def rnd():
    x = state[0]
    x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
    x ^= x >> 7
    x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
    state[0] = x
    return x / 2**64

inf, nan = math.inf, math.nan
specials = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, inf, -inf, nan, 1e-310, 1e308, -1e308, 1e-20, 710.0, 1.0 + 1e-16]
vals = [complex(a, b) for a in specials for b in specials]
for i in range(60):
    vals.append(complex((rnd() - 0.5) * 10, (rnd() - 0.5) * 10))
    vals.append(complex((rnd() - 0.5) * 1e3, (rnd() - 0.5) * 2))
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh',
         'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']
for n in names:
    f = getattr(cmath, n)
    for z in vals:
        show(n, f, z)
for r in specials:
    for phi in specials:
        show('rect', cmath.rect, r, phi)
for z in vals[::7]:
    show('log2', cmath.log, z, 2)
    show('logz', cmath.log, z, 1 + 1j)
show('log', cmath.log, 0)
show('log', cmath.log, 0, 2)
show('log', cmath.log, 5, 1)
show('log', cmath.log, 5, 0)
show('log', cmath.log)
show('log', cmath.log, 1, 2, 3)
show('sqrt', cmath.sqrt, -4)
show('sqrt', cmath.sqrt, 'x')
show('sqrt', cmath.sqrt)
show('sqrt', cmath.sqrt, 10**400)
class Cx:
    def __complex__(self):
        return 3 + 4j
class Bad:
    def __complex__(self):
        return 5
class Fl:
    def __float__(self):
        return 2.0
show('sqrt', cmath.sqrt, Cx())
show('sqrt', cmath.sqrt, Bad())
show('sqrt', cmath.sqrt, Fl())
show('exp', cmath.exp, 1000 + 1j)
show('exp', cmath.exp, complex(1, inf))
show('cosh', cmath.cosh, complex(1000, 1))
show('rect', cmath.rect, 1)
show('rect', cmath.rect, 1, inf)
show('polar', cmath.polar, complex(1e308, 1e308))
show('isclose', cmath.isclose, 1 + 1j, 1 + 1.0000000001j)
show('isclose', cmath.isclose, 1 + 1j, 1 + 2j, rel_tol=0.6)
show('isclose', cmath.isclose, complex(inf, 0), complex(inf, 0))
show('isclose', cmath.isclose, complex(inf, 0), complex(-inf, 0))
show('isclose', cmath.isclose, 0j, 1e-10j, abs_tol=1e-9)
show('isclose', cmath.isclose, 1, 2, rel_tol=-1)
show('isclose', cmath.isclose, 1)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(sorted(n for n in dir(cmath) if not n.startswith('_')))
