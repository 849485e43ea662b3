# global and nonlocal declarations.
count = 0
def incr():
    global count
    count += 1
incr(); incr()
print(count)
def make_new_global():
    global fresh
    fresh = "created in function"
make_new_global()
print(fresh)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    print(inner(), inner(), x)
outer()
def counter():
    n = 0
    def tick():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return tick, get
tick, get = counter()
tick(); tick(); tick()
print(get())
def layers():
    a = 'L1'
    def mid():
        def deep():
            nonlocal a
            a = 'set by deep'
        deep()
    mid()
    return a
print(layers())
x = 'global x'
def shadow():
    x = 'local x'
    def g():
        global x
        return x
    return g(), x
print(shadow())
def unbound():
    try:
        print(count)
        count = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
unbound()
class K:
    y = 'class y'
    def m(self):
        return y
y = 'module y'
print(K().m())
def g2():
    global a1, a2
    a1, a2 = 1, 2
g2()
print(a1, a2)
