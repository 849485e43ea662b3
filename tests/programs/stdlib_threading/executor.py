from concurrent.futures import ThreadPoolExecutor, as_completed, wait
import threading

def square(x):
    return x * x

with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(10))))
    futs = [ex.submit(square, i) for i in range(5)]
    print(sorted(f.result() for f in as_completed(futs)))

def boom(x):
    raise ValueError("bad %d" % x)

with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(boom, 7)
    try:
        f.result()
    except ValueError as e:
        print("raised", e)
    print(type(f.exception()).__name__)
    done, not_done = wait([ex.submit(square, 3)])
    print(len(done), len(not_done))

names = set()
def who(_):
    names.add(threading.current_thread().name.split("_")[0])
    return 1
with ThreadPoolExecutor(max_workers=3, thread_name_prefix="pool") as ex:
    print(sum(ex.map(who, range(20))))
print(sorted(names))

ex = ThreadPoolExecutor(max_workers=1)
ex.shutdown()
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("after shutdown:", e)
