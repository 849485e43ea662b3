# A subscript too large for an index-sized integer is an IndexError for lists
# and tuples (CPython converts with PyExc_IndexError), OverflowError elsewhere.
for seq in ([1], (1,), [1, 2, 3]):
    for i in (2**70, -2**70, 2**63, -2**63 - 1):
        try:
            seq[i]
        except Exception as e:
            print(type(seq).__name__, i, type(e).__name__, e)
l = [1]
for i in (2**70, -2**70):
    try:
        l[i] = 5
    except Exception as e:
        print("store", i, type(e).__name__, e)
    try:
        del l[i]
    except Exception as e:
        print("del", i, type(e).__name__, e)
def f(s, i):
    return s[i]
for _ in range(20):
    f([1, 2], 1)
try:
    f([1, 2], 2**70)
except Exception as e:
    print("warm", type(e).__name__, e)
try:
    [1].pop(2**70)
except Exception as e:
    print("pop", type(e).__name__, e)
# The other sequences share the conversion.
for s in ("abc", b"abc", bytearray(b"abc"), memoryview(b"abc")):
    for i in (2**63, -2**63 - 1, 2**70, 5, -5):
        try:
            s[i]
        except Exception as e:
            print(type(s).__name__, i, type(e).__name__, e)
ba = bytearray(b"a")
try:
    ba[2**70] = 1
except Exception as e:
    print("bytearray store", type(e).__name__, e)
