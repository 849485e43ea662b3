import gc
t = ()
for i in range(100_000):
    t = (t,)
print("built a tuple nested 100,000 deep")
del t
print("freed")
class C:
    pass
c = None
for i in range(200_000):
    x = C()
    x.next = c
    c = x
del x
c = None
print("freed 200,000 chained instances")
l = []
cur = l
for i in range(100_000):
    nxt = []
    cur.append(nxt)
    cur = nxt
cur.append(l)
del cur, nxt, l
print("deep list cycle collected", gc.collect())
def gen_chain(n):
    g = iter(())
    for i in range(n):
        g = (x for x in g)
    return g
g = gen_chain(50_000)
del g
print("freed a chain of 50,000 generators")
fs = frozenset()
for i in range(50_000):
    fs = frozenset([fs])
del fs
print("freed nested frozensets")
