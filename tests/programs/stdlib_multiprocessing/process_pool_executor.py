# concurrent.futures.ProcessPoolExecutor over multiprocessing (fork and
# spawn): map, submit, an exception carried back from a worker.
import concurrent.futures as cf
import multiprocessing as mp


def double(x):
    return 2 * x


def boom(x):
    raise ValueError("bad %d" % x)


if __name__ == "__main__":
    for method in ["fork", "spawn"]:
        with cf.ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as ex:
            print(method, list(ex.map(double, range(5))))
            print(ex.submit(double, 21).result(timeout=60))
            try:
                ex.submit(boom, 3).result(timeout=60)
            except ValueError as e:
                print("ValueError", e)
