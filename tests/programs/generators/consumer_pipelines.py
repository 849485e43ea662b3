# Generator-based coroutines (send) arranged in a push pipeline.
def primed(fn):
    def start(*args, **kwargs):
        g = fn(*args, **kwargs)
        next(g)
        return g
    return start
@primed
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
@primed
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)
@primed
def upper(target):
    while True:
        target.send((yield).upper())
@primed
def broadcast(*targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)
@primed
def counter(results):
    n = 0
    try:
        while True:
            yield
            n += 1
    finally:
        results.append(n)
results = []
c = counter(results)
pipe = broadcast(grep("py", upper(printer("match:"))), grep("rust", printer("rust:")), c)
for line in ["python is fun", "rust is fast", "c is old", "pypy and rust"]:
    pipe.send(line)
c.close()
print("counted", results)
@primed
def running_max():
    best = None
    while True:
        v = yield best
        if best is None or v > best:
            best = v
rm = running_max()
print([rm.send(v) for v in [3, 1, 4, 1, 5, 9, 2, 6]])
