# One million 2-tuples of ints in a list (the figure for CPython 3.11: 143.5 MiB).
l = [(i, i * 2) for i in range(1_000_000)]
print(len(l), l[-1])
