# Raising the same exception object repeatedly: tracebacks accumulate.
def tb_len(e):
    n = 0
    tb = e.__traceback__
    while tb:
        n += 1
        tb = tb.tb_next
    return n
def thrower(e):
    raise e
err = ValueError("shared")
for attempt in range(3):
    try:
        thrower(err)
    except ValueError as e:
        print(attempt, e is err, tb_len(e))
err2 = KeyError("fresh")
try:
    thrower(err2.with_traceback(None))
except KeyError as e:
    print("reset", tb_len(e))
def reraise_levels(n):
    if n == 0:
        raise TypeError("bottom")
    try:
        reraise_levels(n - 1)
    except TypeError:
        raise
try:
    reraise_levels(3)
except TypeError as e:
    print("bare raise frames:", tb_len(e))
