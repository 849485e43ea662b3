import threading, queue

t = threading.current_thread()
print(t.name, t is threading.main_thread(), t.daemon, threading.active_count(), len(threading.enumerate()))
print(threading.get_ident() == t.ident, isinstance(threading.get_native_id(), int))
print(threading.TIMEOUT_MAX, threading.ThreadError)

lock = threading.Lock()
with lock:
    print('locked', lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
print('unlocked', lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError', e)

r = threading.RLock()
with r:
    with r:
        print('rlock nested', r._is_owned())
print(r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError', e)

cond = threading.Condition()
with cond:
    print('wait', cond.wait(0.01))
    cond.notify()
    cond.notify_all()
    print('wait_for', cond.wait_for(lambda: True))
try:
    cond.notify()
except RuntimeError as e:
    print('RuntimeError', e)

ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.is_set(), ev.wait())
ev.clear()
print(ev.is_set())

sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release(2)
bsem = threading.BoundedSemaphore(1)
try:
    bsem.release()
except ValueError as e:
    print('ValueError', e)

local = threading.local()
local.x = 1
print(local.x, hasattr(local, 'y'))
class MyLocal(threading.local):
    def __init__(self, v):
        self.v = v
print(MyLocal(3).v)

q = queue.Queue()
for i in range(3):
    q.put(i)
print([q.get() for _ in range(3)], q.empty())
try:
    q.get(timeout=0.01)
except queue.Empty:
    print('Empty')
lq = queue.LifoQueue(); lq.put(1); lq.put(2); print(lq.get())
pq = queue.PriorityQueue(); pq.put(3); pq.put(1); print(pq.get())
sq = queue.SimpleQueue() if hasattr(queue, 'SimpleQueue') else None

timer = threading.Timer(1, print)
print(timer.is_alive())
b = threading.Barrier(1)
print(b.wait())
