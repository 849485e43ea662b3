# Closures capture variables (cells), not values.
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(add10(0)))
print(add5.__closure__[0].cell_contents, len(add5.__closure__))
print(add5.__code__.co_freevars, make_adder.__code__.co_cellvars)
def late():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
print(late())
def early():
    fns = []
    for i in range(3):
        fns.append(lambda i=i: i)
    return [f() for f in fns]
print(early())
def shared():
    x = 0
    def inc():
        nonlocal x
        x += 1
        return x
    def get():
        return x
    return inc, get
inc, get = shared()
inc(); inc()
print(get())
def rebind_after():
    def show():
        return v
    v = 'assigned after def'
    return show()
print(rebind_after())
def three_levels(a):
    def two(b):
        def one(c):
            return a + b + c
        return one
    return two
print(three_levels(1)(10)(100))
def no_closure():
    return 1
print(no_closure.__closure__)
def cell_empty():
    def inner():
        return late_var
    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    late_var = 1
    return inner()
print(cell_empty())
def make_counter():
    count = [0]
    def c():
        count[0] += 1
        return count[0]
    return c
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c2(), c1())
def outer_loop():
    result = []
    for name in ['a', 'b']:
        def g(name=name):
            return name.upper()
        result.append(g)
    return [g() for g in result]
print(outer_loop())
