# GIL hand-off stress: a switch interval of 1 us makes every waiter ask for
# the GIL constantly, while threads ping-pong through locks and conditions,
# block in system calls and spin on the CPU. Counts must come out exact.
# For a long run: `taipan tests/programs/stdlib_threading/gil_handoff_stress.py 50`
# (the argument multiplies the rounds).
import os
import queue
import sys
import threading
import time

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 1
PINGPONG = 2000 * SCALE
SPIN = 80000 * SCALE
PIPE_MSGS = 1200 * SCALE
QUEUE_ITEMS = 4000 * SCALE

old_interval = sys.getswitchinterval()
sys.setswitchinterval(1e-6)

# Two threads pass a token through a pair of locks.
a = threading.Lock()
b = threading.Lock()
a.acquire()
b.acquire()
pingpong_count = [0, 0]


def pinger():
    for _ in range(PINGPONG):
        a.acquire()
        pingpong_count[0] += 1
        b.release()


def ponger():
    for _ in range(PINGPONG):
        a.release()
        b.acquire()
        pingpong_count[1] += 1


# Two CPU-bound threads share a dict and a counter guarded by a lock.
shared = {}
counter = [0]
counter_lock = threading.Lock()


def spinner(tid):
    for i in range(SPIN):
        k = i % 64
        shared[(tid, k)] = shared.get((tid, k), 0) + 1
        if i % 16 == 0:
            with counter_lock:
                counter[0] += 1


# A condition-variable hand-off: each item is consumed before the next.
cond = threading.Condition()
slot = []
consumed = []


def cond_producer():
    for i in range(PINGPONG):
        with cond:
            while slot:
                cond.wait()
            slot.append(i)
            cond.notify_all()


def cond_consumer():
    for _ in range(PINGPONG):
        with cond:
            while not slot:
                cond.wait()
            consumed.append(slot.pop())
            cond.notify_all()


# Blocking system calls release the GIL: a pipe writer and reader.
r, w = os.pipe()
received = [0]


def pipe_writer():
    for _ in range(PIPE_MSGS):
        os.write(w, b"x")
    os.close(w)


def pipe_reader():
    while True:
        data = os.read(r, 64)
        if not data:
            break
        received[0] += len(data)
    os.close(r)


# queue.Queue with several producers and consumers.
q = queue.Queue(maxsize=8)
got = []
got_lock = threading.Lock()


def q_producer(base):
    for i in range(QUEUE_ITEMS):
        q.put(base + i)


def q_consumer():
    while True:
        item = q.get()
        if item is None:
            break
        with got_lock:
            got.append(item)


def sleeper():
    for _ in range(50):
        time.sleep(0)
        time.sleep(0.0001)


threads = [
    threading.Thread(target=pinger),
    threading.Thread(target=ponger),
    threading.Thread(target=spinner, args=(0,)),
    threading.Thread(target=spinner, args=(1,)),
    threading.Thread(target=cond_producer),
    threading.Thread(target=cond_consumer),
    threading.Thread(target=pipe_writer),
    threading.Thread(target=pipe_reader),
    threading.Thread(target=q_producer, args=(0,)),
    threading.Thread(target=q_producer, args=(1_000_000,)),
    threading.Thread(target=sleeper),
]
consumers = [threading.Thread(target=q_consumer) for _ in range(3)]
for t in threads + consumers:
    t.start()
for t in threads:
    t.join(timeout=300)
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join(timeout=300)

sys.setswitchinterval(old_interval)
print("all threads ended:", not any(t.is_alive() for t in threads + consumers))
print("ping-pong:", pingpong_count == [PINGPONG, PINGPONG])
print("spinners:", all(shared[(t, k)] == SPIN // 64 + (k < SPIN % 64) for t in (0, 1) for k in range(64)))
print("locked counter:", counter[0] == 2 * ((SPIN + 15) // 16))
print("condition hand-off in order:", consumed == list(range(PINGPONG)))
print("pipe bytes:", received[0] == PIPE_MSGS)
expected = sorted(list(range(QUEUE_ITEMS)) + [1_000_000 + i for i in range(QUEUE_ITEMS)])
print("queue items:", sorted(got) == expected)
print("active threads left:", threading.active_count())
