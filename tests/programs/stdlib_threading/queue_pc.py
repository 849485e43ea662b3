import queue
import threading

q = queue.Queue(maxsize=3)
results = []

def producer(start):
    for i in range(start, start + 50):
        q.put(i)

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 2)
        q.task_done()

consumers = [threading.Thread(target=consumer) for _ in range(3)]
producers = [threading.Thread(target=producer, args=(k * 100,)) for k in range(2)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(results), sum(results), sorted(results)[:3], sorted(results)[-3:])

# LifoQueue / PriorityQueue / SimpleQueue across threads.
pq = queue.PriorityQueue()
for v in (5, 1, 3):
    pq.put(v)
print([pq.get() for _ in range(3)])

sq = queue.SimpleQueue()
threading.Thread(target=lambda: [sq.put(i) for i in range(5)]).start()
print([sq.get(timeout=5) for _ in range(5)])

try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty after timeout")
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("simple empty after timeout")
