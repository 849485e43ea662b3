# _multiprocessing.SemLock and sem_unlink directly: kinds, counts, ownership,
# timeouts, errors, and _rebuild by name.
import os
import _multiprocessing as mp
from _multiprocessing import SemLock, sem_unlink

print(sorted(mp.flags.items()))
print(SemLock.SEM_VALUE_MAX)
name = "/taipan-semlock-%d" % os.getpid()

s = SemLock(1, 2, 3, name, True)
print(s.name, s.kind, s.maxvalue, type(s.handle).__name__)
print(s._get_value(), s._is_zero(), s._count())
print(s.acquire(), s.acquire(), s.acquire(False), s.acquire(True, 0.01), s.acquire(timeout=-1))
print(s._get_value(), s._is_zero(), s._count(), s._is_mine())
s.release()
s.release()
s.release()
try:
    s.release()
except ValueError as e:
    print("ValueError", e)
print(s._get_value(), s._count())
s._after_fork()
print(s._count())

m = SemLock(0, 1, 1, name, True)
with m:
    print(m._is_mine(), m._count())
    print(m.acquire(), m._count())
    m.release()
print(m._is_mine(), m._count())
try:
    m.release()
except AssertionError as e:
    print("AssertionError", e)

n = SemLock(1, 1, 1, name, False)
print(n.name == name)
try:
    SemLock(1, 1, 1, name, False)
except FileExistsError as e:
    print("FileExistsError", e.errno)
r = SemLock._rebuild(n.handle, n.kind, n.maxvalue, n.name)
print(r.name == name, r.kind, r.maxvalue, r._get_value())
print(n.acquire(False), r._get_value(), r.acquire(False))
r.release()
print(n._get_value())
sem_unlink(name)
try:
    sem_unlink(name)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
try:
    SemLock._rebuild(0, 1, 1, name)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)

for args in [(5, 1, 1, name, True), (1, 1, 1, None, True), (1, 1, 1, "/a\0b", True), (1, 1, 1, name, True, 1)]:
    try:
        SemLock(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    SemLock(1, 1, 1, "no/slash", True)
except OSError as e:
    print(type(e).__name__, e.errno)
try:
    s.acquire("x")
except TypeError as e:
    print("TypeError", e)
try:
    s.acquire(True, "x")
except TypeError as e:
    print("TypeError", e)
for args in [("x", 1, 1, None), (0, 1, 1, 5), (0, 1, 1, "/a\0"), (0, 1, 1)]:
    try:
        SemLock._rebuild(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
