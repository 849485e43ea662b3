"""GIL micro-benchmarks, run by any Python 3.11 (`python3 bench/threads/gil.py`,
`target/ci/taipan bench/threads/gil.py`):

1. single-thread overhead of the GIL machinery: a loop of small os.write calls to
   /dev/null and a pure-Python loop, timed before any thread was started and again
   after one was (from then on every blocking call really releases and retakes the
   GIL, and the eval breaker may carry drop requests): the ratio after/before.
2. hand-off latency: two threads pass a token back and forth through a pair of
   locks; the time per hand-off.
3. switching: two CPU-bound threads for 0.5 s: how often the running thread changed
   as the threads themselves see it (any implementation), and with `sys._gil_stats()`
   (Taipan) the number of switches, drop requests and the mean time between switches.
"""
import os
import sys
import threading
import time

N_IO = 200_000
N_LOOP = 2_000_000
N_PINGPONG = 20_000


def io_loop():
    fd = os.open(os.devnull, os.O_WRONLY)
    data = b"x"
    t0 = time.perf_counter()
    for _ in range(N_IO):
        os.write(fd, data)
    dt = time.perf_counter() - t0
    os.close(fd)
    return dt


def py_loop():
    t0 = time.perf_counter()
    n = 0
    for i in range(N_LOOP):
        n += i & 3
    return time.perf_counter() - t0


def best(f, k=5):
    return min(f() for _ in range(k))


def pingpong():
    a = threading.Lock()
    b = threading.Lock()
    a.acquire()
    b.acquire()

    def other():
        for _ in range(N_PINGPONG):
            a.acquire()
            b.release()

    t = threading.Thread(target=other)
    t.start()
    t0 = time.perf_counter()
    for _ in range(N_PINGPONG):
        a.release()
        b.acquire()
    dt = time.perf_counter() - t0
    t.join()
    return dt / (2 * N_PINGPONG)


def cpu_bound():
    stop = time.perf_counter() + 0.5
    running = [None, 0]  # the thread seen running last, changes seen

    def spin():
        me = threading.get_ident()
        while time.perf_counter() < stop:
            if running[0] != me:
                running[0] = me
                running[1] += 1

    stats = getattr(sys, "_gil_stats", None)
    before = stats() if stats else None
    ts = [threading.Thread(target=spin) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    observed = running[1] - 1
    if before is None:
        return {"observed": observed}
    after = stats()
    d = {k: after[k] - before[k] for k in after}
    d["observed"] = observed
    return d


def main():
    impl = sys.implementation.name
    io_before = best(io_loop)
    py_before = best(py_loop)
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()
    io_after = best(io_loop)
    py_after = best(py_loop)
    print(f"[{impl}] os.write x{N_IO}: {io_before*1e3:.1f} ms unthreaded, {io_after*1e3:.1f} ms after a thread "
          f"started: ratio {io_after/io_before:.3f}")
    print(f"[{impl}] python loop x{N_LOOP}: {py_before*1e3:.1f} ms unthreaded, {py_after*1e3:.1f} ms after: "
          f"ratio {py_after/py_before:.3f}")
    lat = min(pingpong() for _ in range(3))
    print(f"[{impl}] lock ping-pong hand-off: {lat*1e6:.1f} us")
    d = cpu_bound()
    obs = d["observed"]
    print(f"[{impl}] two CPU-bound threads for 0.5 s: {obs} alternations seen by the threads "
          f"(one per {500.0 / obs if obs else float('inf'):.1f} ms)")
    if "switches" in d:
        sw = d["switches"]
        per = 500.0 / sw if sw else float("inf")
        print(f"[{impl}] two CPU-bound threads for 0.5 s: {sw} switches (one per {per:.1f} ms), "
              f"{d['drop_requests']} drop requests, {d['forced_switches']} forced, "
              f"waited {d['wait_ns']/1e6:.0f} ms in total")


main()
