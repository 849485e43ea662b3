# CPython's exact TypeError messages for bad calls.
def show(fn):
    try:
        fn()
    except TypeError as e:
        print(e)
def none(): pass
def one(a): pass
def two(a, b): pass
def three(a, b, c): pass
def dflt(a, b=1): pass
def kwo(*, k): pass
def kwo2(*, k, m): pass
def mixed(a, *, k): pass
def star(a, *args): pass
show(lambda: none(1))
show(lambda: none(1, 2))
show(lambda: one())
show(lambda: one(1, 2))
show(lambda: two())
show(lambda: two(1))
show(lambda: three(1))
show(lambda: three())
show(lambda: dflt())
show(lambda: dflt(1, 2, 3))
show(lambda: kwo())
show(lambda: kwo2())
show(lambda: kwo(1))
show(lambda: mixed(1, 2))
show(lambda: mixed(1, 2, k=3))
show(lambda: one(b=1))
show(lambda: one(1, a=2))
show(lambda: one(1, b=2))
show(lambda: none(x=1))
show(lambda: dflt(1, 2, b=3))
show(lambda: star())
show(lambda: kwo(k=1, j=2))
show(lambda: two(1, 2, c=3, d=4))
show(lambda: (lambda x: x)())
show(lambda: (lambda: 0)(1))
def posonly(a, b, /): pass
show(lambda: posonly(1, b=2))
show(lambda: posonly(a=1, b=2))
def posonly_kw(a, /, **kw): return kw
print(posonly_kw(1, a=2))
