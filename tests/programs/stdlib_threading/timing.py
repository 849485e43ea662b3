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

# Best of five each, the two kinds alternating so that a burst of load from
# other processes slows both alike rather than only one of them.
serial = threaded = float("inf")
for _ in range(5):
    serial = min(serial, serial_run())
    threaded = min(threaded, threaded_run())
print("cpu-bound threads no faster than serial:", threaded > serial * 0.5)

t0 = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
elapsed = time.perf_counter() - t0
# One after another they would take 2.5 s: 1.5 s of slack for a loaded machine.
print("five sleepers overlap:", 0.49 < elapsed < 2.0)

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
