try:
    x = [0] * 10**10
except MemoryError:
    print("MemoryError")
try:
    x = 'a' * 2**62
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    x = b'a' * 2**62
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    x = (0,) * 2**62
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    x = bytearray(2**62)
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
