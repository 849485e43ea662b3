# The traceback passes through generator frames.
def numbers():
    yield 1
    yield 2
    raise ValueError("generator ran out of patience")
def doubled(it):
    for x in it:
        yield x * 2
total = 0
for v in doubled(numbers()):
    print("got", v)
    total += v
print(total)
