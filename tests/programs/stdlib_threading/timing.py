import threading
import time

def count(n):
    while n:
        n -= 1

N = 200000

def serial_run():
    t0 = time.perf_counter()
    count(N)
    count(N)
    return time.perf_counter() - t0

def threaded_run():
    t0 = time.perf_counter()
    ts = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0

# Best of three each: other processes slow single runs down.
serial = min(serial_run() for _ in range(3))
threaded = min(threaded_run() for _ in range(3))
print("cpu-bound threads no faster than serial:", threaded > serial * 0.5)

t0 = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
elapsed = time.perf_counter() - t0
print("five sleepers overlap:", 0.29 < elapsed < 1.2)

stop = False
spins = 0
def spinner():
    global spins
    while not stop:
        spins += 1
t = threading.Thread(target=spinner)
t.start()
t0 = time.perf_counter()
time.sleep(0.01)
stop = True
t.join()
print("spinner stopped promptly:", time.perf_counter() - t0 < 2.0, spins > 0)
