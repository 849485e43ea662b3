# Functions composing generator pipelines.
def read_lines(text):
    for line in text.split("\n"):
        yield line
def strip_comments(lines):
    for line in lines:
        idx = line.find("#")
        yield line if idx < 0 else line[:idx]
def non_blank(lines):
    for line in lines:
        if line.strip():
            yield line.strip()
def numbered(lines, start=1):
    n = start
    for line in lines:
        yield n, line
        n += 1
text = """first line
# only a comment

second  # trailing
   third
"""
for n, line in numbered(non_blank(strip_comments(read_lines(text)))):
    print(n, repr(line))
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def primes():
    found = []
    for n in naturals():
        if n < 2:
            continue
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
print(list(take(15, primes())))
def chunks(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf
print(list(chunks(range(10), 4)))
def running_avg(it):
    total = count = 0
    for x in it:
        total += x
        count += 1
        yield total / count
print(list(running_avg([2, 4, 6, 8])))
