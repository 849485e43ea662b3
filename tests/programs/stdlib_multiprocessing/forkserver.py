# multiprocessing with the forkserver start method: the server process
# receives the child's descriptors over a Unix socket (socket.sendmsg and
# recvmsg with SCM_RIGHTS), so reduction.HAVE_SEND_HANDLE must be True.
import multiprocessing as mp
import multiprocessing.reduction as reduction


def work(q, i):
    q.put((i, i * 10))


def cube(x):
    return x ** 3


if __name__ == "__main__":
    print(reduction.HAVE_SEND_HANDLE)
    mp.set_start_method("forkserver")
    q = mp.Queue()
    procs = [mp.Process(target=work, args=(q, i)) for i in range(3)]
    for p in procs:
        p.start()
    print(sorted(q.get(timeout=60) for _ in procs))
    for p in procs:
        p.join()
    print([p.exitcode for p in procs])
    with mp.Pool(2) as pool:
        print(pool.map(cube, range(6)))
    print(mp.get_start_method())
