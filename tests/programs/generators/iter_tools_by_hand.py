# itertools-like helpers implemented as generators.
def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step
def islice(it, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, s.step or 1
    nxt = start
    for i, x in enumerate(it):
        if stop is not None and i >= stop:
            return
        if i == nxt:
            yield x
            nxt += step
def cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    while saved:
        yield from saved
def repeat(x, times=None):
    if times is None:
        while True:
            yield x
    else:
        for _ in range(times):
            yield x
def takewhile(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x
def dropwhile(pred, it):
    it = iter(it)
    for x in it:
        if not pred(x):
            yield x
            break
    yield from it
def accumulate(it, func=lambda a, b: a + b):
    it = iter(it)
    try:
        total = next(it)
    except StopIteration:
        return
    yield total
    for x in it:
        total = func(total, x)
        yield total
def groupby(it, key=lambda x: x):
    it = iter(it)
    sentinel = object()
    cur_key, group = sentinel, []
    for x in it:
        k = key(x)
        if group and k != cur_key:
            yield cur_key, group
            group = []
        cur_key = k
        group.append(x)
    if group:
        yield cur_key, group
def product(*seqs):
    if not seqs:
        yield ()
        return
    for x in seqs[0]:
        for rest in product(*seqs[1:]):
            yield (x,) + rest
def zip_longest(*its, fillvalue=None):
    its = [iter(i) for i in its]
    while True:
        row, alive = [], False
        for it in its:
            try:
                row.append(next(it))
                alive = True
            except StopIteration:
                row.append(fillvalue)
        if not alive:
            return
        yield tuple(row)
def pairwise(it):
    it = iter(it)
    prev = next(it, None)
    for x in it:
        yield prev, x
        prev = x
print(list(islice(count(5, 3), 6)))
print(list(islice("abcdefgh", 1, 7, 2)))
print(list(islice(cycle("ab"), 7)))
print(list(repeat("x", 3)), list(islice(repeat(0), 2)))
print(list(takewhile(lambda x: x < 5, count())))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 3, 8])))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([])))
print([(k, g) for k, g in groupby("aaabccdddd")])
print([(k, len(g)) for k, g in groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
print(list(product("ab", [1, 2])), len(list(product(range(3), range(3), range(3)))))
print(list(zip_longest("abc", [1], fillvalue="-")))
print(list(pairwise([1, 2, 4, 7, 11])))
