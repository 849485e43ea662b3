# multiprocessing with the fork start method: Process, Queue, Lock, Pipe,
# Pool, Event, Value-free synchronization and exit codes.
import multiprocessing as mp


def work(q, lock, i):
    with lock:
        q.put(i * i)


def square(x):
    return x * x


def fail():
    raise SystemExit(3)


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    lock = ctx.Lock()
    procs = [ctx.Process(target=work, args=(q, lock, i)) for i in range(4)]
    for p in procs:
        p.start()
    print(sorted(q.get(timeout=30) for _ in procs))
    for p in procs:
        p.join()
    print([p.exitcode for p in procs])

    p = ctx.Process(target=fail)
    p.start()
    p.join()
    print("exitcode", p.exitcode)

    a, b = ctx.Pipe()
    p = ctx.Process(target=lambda c: c.send(("hi", [1, 2])), args=(b,))
    p.start()
    print(a.recv())
    p.join()

    with ctx.Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.apply(square, (7,)))
        print(sorted(pool.imap_unordered(square, range(5))))
        r = pool.map_async(square, [1, 2, 3])
        print(r.get(timeout=30))

    ev = ctx.Event()
    p = ctx.Process(target=ev.set)
    p.start()
    print(ev.wait(30))
    p.join()

    sem = ctx.BoundedSemaphore(2)
    print(sem.acquire(), sem.acquire(), sem.acquire(False))
    sem.release()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError", e)
    rl = ctx.RLock()
    with rl:
        with rl:
            print("rlock nested")
    cond = ctx.Condition()
    with cond:
        print(cond.wait(0.01))
