# LOAD_GLOBAL specialized for module globals and builtins, then each guard
# broken: a global rebound, deleted and re-added, a builtin shadowed by a
# global, builtins patched, and globals gaining keys while a site is hot.
import sys

builtins = sys.modules["builtins"]

G = 1


def read_g():
    return G


def read_len(x):
    return len(x)


def warm(f, *args):
    r = None
    for _ in range(100):
        r = f(*args)
    return r


print(warm(read_g))
G = 2
print(read_g())
for i in range(20):
    globals()["extra%d" % i] = i  # new keys: the keys version changes
print(read_g())
del G
try:
    read_g()
except NameError as e:
    print("NameError:", e)
G = 3
print(warm(read_g))

print(warm(read_len, "abc"))
len = lambda x: "shadowed %d" % builtins.len(x)
print(read_len("abcd"))
del len
print(read_len("abcde"))
old_len = builtins.len
builtins.len = lambda x: "patched"
print(read_len("x"))
builtins.len = old_len
print(warm(read_len, [1, 2]))
del builtins.len
try:
    read_len("x")
except NameError as e:
    print("NameError:", e)
builtins.len = old_len
print(read_len("again"))


def loop_reads():
    total = 0
    for i in range(200):
        total += G
        if i == 100:
            globals()["G"] = 10
    return total


print(loop_reads())
