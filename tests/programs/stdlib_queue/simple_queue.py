import _queue
import queue
import signal
import weakref

print(_queue.__doc__)
print(sorted(n for n in dir(_queue) if not n.startswith("__")))
print(_queue.Empty.__mro__, _queue.Empty.__module__, _queue.Empty.__doc__)
print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
print(_queue.SimpleQueue.__doc__)

q = _queue.SimpleQueue()
print(q.empty(), q.qsize())
for i in range(5):
    q.put(i)
q.put_nowait("x")
q.put(item="y", block=False, timeout=3)
print(q.empty(), q.qsize())
print([q.get() for _ in range(3)], q.get(False), q.get(block=True, timeout=1), q.get_nowait(), q.get(timeout=None))
print(q.empty(), q.qsize())

for call in [lambda: q.get(False), q.get_nowait, lambda: q.get(timeout=0), lambda: q.get(timeout=0.01),
             lambda: q.get(False, -1)]:
    try:
        call()
    except _queue.Empty as e:
        print("Empty", repr(e))
for call in [lambda: q.get(timeout=-1), lambda: q.get(timeout="x"), lambda: q.get(timeout=float("nan")),
             lambda: _queue.SimpleQueue(1), lambda: _queue.SimpleQueue(a=1), lambda: q.put(),
             lambda: q.get(1, 2, 3), lambda: q.qsize(1), lambda: q.put_nowait(1, 2)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(_queue.SimpleQueue[int])
r = weakref.ref(q)
print(r() is q)


class Sub(_queue.SimpleQueue):
    def __init__(self, n):
        for i in range(n):
            self.put(i * i)


s = Sub(4)
print(s.qsize(), [s.get() for _ in range(4)], isinstance(s, _queue.SimpleQueue))

# A handler may put an item while get() waits with a timeout.
q2 = _queue.SimpleQueue()
signal.signal(signal.SIGALRM, lambda *a: q2.put("from handler"))
signal.setitimer(signal.ITIMER_REAL, 0.05)
print(q2.get(timeout=5))

# A cycle through the queue is collected.
import gc
q3 = _queue.SimpleQueue()
q3.put(q3)
w = weakref.ref(q3)
del q3
gc.collect()
print(w() is None)

lq = queue.Queue()
lq.put(1)
print(lq.get(), lq.empty())
