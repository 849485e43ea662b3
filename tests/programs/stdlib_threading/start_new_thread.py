import _thread
import sys
import time

lock = _thread.allocate_lock()
lock.acquire()
results = []

def work(a, b, c=0):
    results.append(a + b + c)
    results.append(_thread.get_ident() != main)
    lock.release()

main = _thread.get_ident()
ident = _thread.start_new_thread(work, (1, 2), {"c": 3})
print(isinstance(ident, int))
print(lock.acquire(timeout=5))
print(results)

def bad():
    raise KeyError("oops")

done = _thread.allocate_lock()
done.acquire()
class Runner:
    def __call__(self):
        try:
            bad()
        finally:
            done.release()
    def __repr__(self):
        return "<Runner>"
_thread.start_new_thread(Runner(), ())
done.acquire(timeout=5)
time.sleep(0.1)
sys.stderr.flush()

for args in [(1,), (print, [])]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print(e)
print(_thread.stack_size())
print(type(_thread.TIMEOUT_MAX).__name__)

def quits():
    lock.release()
    raise SystemExit(5)
_thread.start_new_thread(quits, ())
print(lock.acquire(timeout=5))
time.sleep(0.05)
print("done")
