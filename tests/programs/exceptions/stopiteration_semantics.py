# StopIteration in iterators, next() default, and for-loop termination.
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args, e.value)
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("custom value")
        return self.n
print(list(It()))
i = It()
for x in i:
    pass
print("after loop", i.n)
def gen():
    x = yield 1
    return "done"
g = gen()
next(g)
try:
    g.send(None)
except StopIteration as e:
    print("return value:", e.value)
try:
    next(g)
except StopIteration as e:
    print("again:", e.value)
print(list(zip([1, 2, 3], iter([4]))))
def stop_in_map(x):
    if x == 2:
        raise StopIteration
    return x
print(list(map(stop_in_map, [1, 2, 3])))
def gen_calls(x):
    yield from map(stop_in_map, x)
print(list(gen_calls([1, 3, 2, 4])))
