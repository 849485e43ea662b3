# Corrupt marshal data (truncated, bytes flipped, sizes enlarged) never
# crashes the interpreter: each load either returns or raises.
import marshal

def sample(a, b=2, *args, k=None, **kw):
    x = [a, b, {"k": k}, (1.5, 2j, b"raw", None, ...), frozenset({1, 2})]
    def inner(y):
        return x, y
    try:
        return inner(len(args)), [i * i for i in range(a)]
    except ValueError as e:
        return e

blobs = [marshal.dumps(sample.__code__), marshal.dumps(([1, 2], {"a": (3, 4.5)}, {7, 8}, "\u20ac" * 3, 2**100))]
state = 12345

def rand(n):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return state % n

outcomes = 0
for blob in blobs:
    for cut in range(0, len(blob), 3):
        try:
            marshal.loads(blob[:cut])
        except (EOFError, ValueError, TypeError, SystemError):
            outcomes += 1
    for _ in range(1500):
        data = bytearray(blob)
        for _ in range(1 + rand(4)):
            pos = rand(len(data))
            data[pos] = rand(256) if rand(3) else 0xFF
        try:
            obj = marshal.loads(bytes(data))
            if type(obj).__name__ == "code":
                try:
                    exec(obj, {})
                except Exception:
                    pass
        except (EOFError, ValueError, TypeError, SystemError, MemoryError, OverflowError, UnicodeDecodeError, KeyError):
            pass
print("survived", outcomes > 0)
