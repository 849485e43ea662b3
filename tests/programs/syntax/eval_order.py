# Order of evaluation of expressions.
log = []
def t(x):
    log.append(x)
    return x
def show():
    print(log)
    log.clear()
t(1) + t(2) * t(3); show()
t(1) ** t(2) ** t(3); show()
[t('a'), t('b'), t('c')]; show()
{t('k1'): t('v1'), t('k2'): t('v2')}; show()
{t(1), t(2)}; show()
def f(*a, **k): return None
f(t('pos'), t('pos2'), kw=t('kw'), *[t('star')], **{'x': t('dstar')}); show()
t([0, 1])[t(0)]; show()
lst = [0, 0]
t(lst)[t(1)] = t('value'); show()
print(lst)
t(1) < t(2) < t(3); show()
t(0) and t(1); show()
t(1) if t(True) else t(2); show()
x = t(1), t(2); show()
class A:
    def __init__(self): self.v = 0
    def __repr__(self): return "A()"
a = A()
t(a).v = t(5); show()
d = {}
d[t('k')] = d.get(t('g'), t('default')); show()
print([t(i) for i in range(3)]); show()
print(f"{t('f1')}{t('f2')}"); show()
t(len)(t('abc')); show()
t('abc')[t(0):t(2)]; show()
def g(a=t('default-evaluated-at-def')): pass
show()
g(); show()
