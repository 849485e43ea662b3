# A code object claiming a huge co_stacksize: MemoryError when run (CPython sizes
# its frame chunks in a C int), never gigabytes allocated.
co = compile("x = 1", "s", "exec")
for n in (10**6, 2**30, 2**31 - 1):
    c = co.replace(co_stacksize=n)
    try:
        exec(c, {})
        print(n, "ran")
    except Exception as e:
        print(n, type(e).__name__, e)
