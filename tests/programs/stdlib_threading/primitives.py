import threading

# Lock: mutual exclusion around a read-modify-write.
lock = threading.Lock()
total = 0

def add(n):
    global total
    for _ in range(n):
        with lock:
            v = total
            total = v + 1

threads = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("lock total", total)
print("lock free", lock.acquire(blocking=False))
lock.release()

# RLock: re-entry by the owner, others wait.
r = threading.RLock()
order = []

def reenter(tag):
    with r:
        with r:
            order.append(tag)

with r:
    t = threading.Thread(target=reenter, args=("t",))
    t.start()
    order.append("main")
t.join()
print("rlock order", order)

# Condition: wait / notify_all.
cond = threading.Condition()
ready = []

def waiter(i):
    with cond:
        while not ready:
            cond.wait()
        ready.append(i)

ws = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for w in ws:
    w.start()
with cond:
    ready.append("go")
    cond.notify_all()
for w in ws:
    w.join()
print("condition", ready[0], sorted(ready[1:]))

# Condition.wait_for with a timeout that expires.
with cond:
    print("wait_for timeout", cond.wait_for(lambda: False, timeout=0.05))

# Event.
ev = threading.Event()
seen = []

def setter():
    seen.append("set")
    ev.set()

threading.Thread(target=setter).start()
print("event", ev.wait(5), seen)
ev.clear()
print("event timeout", ev.wait(0.01))

# Semaphore: at most 2 at a time.
sem = threading.Semaphore(2)
inside = 0
peak = 0
glock = threading.Lock()

def limited():
    global inside, peak
    with sem:
        with glock:
            inside += 1
            peak = max(peak, inside)
        threading.Event().wait(0.01)
        with glock:
            inside -= 1

ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore peak", peak)

# BoundedSemaphore refuses an extra release.
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("bounded", e)

# Barrier.
barrier = threading.Barrier(3)
ids = []

def at_barrier():
    ids.append(barrier.wait())

bs = [threading.Thread(target=at_barrier) for _ in range(3)]
for t in bs:
    t.start()
for t in bs:
    t.join()
print("barrier", sorted(ids))

# Thread attributes.
t = threading.Thread(target=lambda: None, name="worker")
print(t.name, t.is_alive(), t.daemon)
t.start()
t.join()
print(t.is_alive(), threading.active_count(), threading.current_thread().name)
print(threading.main_thread() is threading.current_thread())
