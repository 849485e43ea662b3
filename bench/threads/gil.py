"""GIL micro-benchmarks, run by any Python 3.11 (`python3 bench/threads/gil.py`,
`target/ci/taipan bench/threads/gil.py`):

1. single-thread overhead of the GIL machinery: a loop of small os.write calls to
   /dev/null and a pure-Python loop, in child processes of the same interpreter that
   started a thread first (from then on every blocking call really releases and
   retakes the GIL, and the eval breaker may carry drop requests) or did not.
   The two kinds of child alternate ROUNDS times, each timing its loops REPS times
   and keeping the best; the ratio threaded/unthreaded is that of the medians of
   those bests (alternating cancels the drift of a loaded machine; still a wall-time
   ratio: see `gil_callgrind.py` for the deterministic instruction counts).
2. hand-off latency: two threads pass a token back and forth through a pair of
   locks; the time per hand-off.
3. switching: two CPU-bound threads for 0.5 s: how often the running thread changed
   as the threads themselves see it (any implementation), and with `sys._gil_stats()`
   (Taipan only) the number of switches, drop requests and the mean time between switches.

`gil.py --child THREADED N_IO N_LOOP` is one child: it prints the best os.write loop
and pure-Python loop times in seconds (THREADED 1: after a thread ran).
"""
import os
import statistics
import subprocess
import sys
import threading
import time

N_IO = 200_000
N_LOOP = 2_000_000
N_PINGPONG = 20_000
ROUNDS = 5
REPS = 5


def io_loop(n=N_IO):
    fd = os.open(os.devnull, os.O_WRONLY)
    data = b"x"
    t0 = time.perf_counter()
    for _ in range(n):
        os.write(fd, data)
    dt = time.perf_counter() - t0
    os.close(fd)
    return dt


def py_loop(count=N_LOOP):
    t0 = time.perf_counter()
    n = 0
    for i in range(count):
        n += i & 3
    return time.perf_counter() - t0


def best(f, k=REPS):
    return min(f() for _ in range(k))


def start_one_thread():
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()


def child(threaded, n_io, n_loop):
    if threaded:
        start_one_thread()
    io = best(lambda: io_loop(n_io))
    py = best(lambda: py_loop(n_loop))
    print(f"{io!r} {py!r}")


def overhead():
    """Alternate unthreaded and threaded children; the medians of their bests."""
    runs = {0: [], 1: []}
    for _ in range(ROUNDS):
        for threaded in (0, 1):
            out = subprocess.run([sys.executable, __file__, "--child", str(threaded), str(N_IO), str(N_LOOP)],
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
            runs[threaded].append(tuple(float(x) for x in out.split()))
    med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for k, v in runs.items()}
    return med[0], med[1]


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
    (io_before, py_before), (io_after, py_after) = overhead()
    print(f"[{impl}] os.write x{N_IO}: {io_before*1e3:.1f} ms unthreaded, {io_after*1e3:.1f} ms after a thread "
          f"started: ratio {io_after/io_before:.3f} (median of {ROUNDS} alternating processes, best of {REPS} each)")
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


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
