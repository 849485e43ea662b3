# What is evaluated at def time: defaults, annotations, decorators — in order.
log = []
def t(x):
    log.append(x)
    return x
def deco(fn):
    log.append('decorate ' + fn.__name__)
    return fn
@deco
def f(a: t('ann_a') = t('default_a'), *, b: t('ann_b') = t('default_b')) -> t('ann_ret'):
    return a
print(log)
log.clear()
class C(t(object), metaclass=t(type)):
    t('class body')
    def m(self, x=t('method default')): return x
print(log)
log.clear()
lam = lambda x=t('lambda default'): x
print(log, lam())
def scope_of_defaults():
    y = 'enclosing y'
    def inner(v=y):
        return v
    y = 'changed'
    return inner()
print(scope_of_defaults())
n = 1
def g(x=n * 10):
    return x
n = 2
print(g())
def deco_order(label):
    t('factory ' + label)
    def deco(fn):
        t('apply ' + label)
        return fn
    return deco
log.clear()
@deco_order('first')
@deco_order('second')
def h(): pass
print(log)
