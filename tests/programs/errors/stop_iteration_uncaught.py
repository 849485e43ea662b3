# next() on an exhausted iterator at module level: uncaught StopIteration.
it = iter([1, 2])
print(next(it), next(it))
print(next(it, "default"))
print(next(it))
