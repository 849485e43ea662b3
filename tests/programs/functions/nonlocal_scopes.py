# nonlocal through several scopes, and scope errors.
def a():
    x = 'a'
    def b():
        def c():
            nonlocal x
            x = 'c'
        c()
        return x
    r = b()
    return r, x
print(a())
def shadowing():
    x = 1
    def inner():
        x = 2
        def innermost():
            nonlocal x
            x = 3
        innermost()
        return x
    return inner(), x
print(shadowing())
def accumulate():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    add(1); add(2); add(3)
    return total, items
print(accumulate())
def with_comprehension():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    vals = [bump() for _ in range(4)]
    return vals, n
print(with_comprehension())
def gen_nonlocal():
    state = 0
    def g():
        nonlocal state
        while state < 3:
            state += 1
            yield state
    return list(g()), state
print(gen_nonlocal())
def del_nonlocal():
    v = 5
    def kill():
        nonlocal v
        del v
    kill()
    try:
        return v
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(del_nonlocal())
