# multiprocessing with the spawn start method: a fresh interpreter runs
# the child; Process, Queue, Lock and Pool objects are pickled to it.
import multiprocessing as mp


def work(q, lock, i):
    with lock:
        q.put((i, i * 10))


def cube(x):
    return x ** 3


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    lock = ctx.Lock()
    procs = [ctx.Process(target=work, args=(q, lock, i)) for i in range(2)]
    for p in procs:
        p.start()
    print(sorted(q.get(timeout=60) for _ in procs))
    for p in procs:
        p.join()
    print([p.exitcode for p in procs])
    with ctx.Pool(2) as pool:
        print(pool.map(cube, range(6)))
