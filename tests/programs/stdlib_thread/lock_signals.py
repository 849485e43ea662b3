# A blocking acquire in the main thread is interrupted by a signal: the
# handler runs; if it raises, acquire raises (and the lock stays as it
# was); if not, the wait goes on to its deadline. The same holds for what
# waits on locks: RLock, Condition, Event, queue.Queue, SimpleQueue.
import _thread
import queue
import signal
import sys
import threading
import time

print(sys.thread_info.name, sys.thread_info.lock, bool(sys.thread_info.version))
calls = []


class Alarm(Exception):
    pass


def raising(signum, frame):
    calls.append("raising")
    raise Alarm


def quiet(signum, frame):
    calls.append("quiet")


def alarm_in(seconds, handler, interval=0.0):
    calls.clear()
    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds, interval)


def stop_alarm():
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


def interrupted(wait, *args, **kwargs):
    alarm_in(0.05, raising)
    t0 = time.monotonic()
    try:
        result = wait(*args, **kwargs)
    except Alarm:
        result = "Alarm"
    finally:
        stop_alarm()
    return result, calls[:], time.monotonic() - t0 < 2.0


lock = _thread.allocate_lock()
lock.acquire()
print("lock forever:", interrupted(lock.acquire))
print("lock timeout:", interrupted(lock.acquire, timeout=5))
print("still locked:", lock.locked())

# A handler that returns: the wait resumes with the time left, so a timed
# acquire still times out near its deadline, after several signals.
alarm_in(0.05, quiet, 0.05)
t0 = time.monotonic()
got = lock.acquire(timeout=0.4)
elapsed = time.monotonic() - t0
stop_alarm()
print("quiet timed:", got, len(calls) >= 2, 0.39 <= elapsed < 3.0)

# ... and an untimed acquire returns True once another thread releases.
alarm_in(0.05, quiet, 0.05)
threading.Timer(0.3, lock.release).start()
got = lock.acquire()
stop_alarm()
print("quiet forever:", got, len(calls) >= 2)
lock.release()

# An RLock held by another thread.
rlock = threading.RLock()
held = threading.Event()
done = threading.Event()


def hold_rlock():
    with rlock:
        held.set()
        done.wait()


t = threading.Thread(target=hold_rlock)
t.start()
held.wait()
print("rlock:", interrupted(rlock.acquire))
print("rlock timeout:", interrupted(rlock.acquire, True, 5))
done.set()
t.join()
print("rlock free:", rlock.acquire(timeout=5), rlock._is_owned())
rlock.release()

# What waits on locks.
print("event:", interrupted(threading.Event().wait))
print("event timeout:", interrupted(threading.Event().wait, 5))
cond = threading.Condition()
with cond:
    print("condition:", interrupted(cond.wait, 5))
    print("condition still owned:", cond._is_owned())
print("queue get:", interrupted(queue.Queue().get))
print("queue get timeout:", interrupted(queue.Queue().get, True, 5))
print("simple queue:", interrupted(queue.SimpleQueue().get, timeout=5))
full = queue.Queue(1)
full.put(1)
print("queue put:", interrupted(full.put, 2))
print("sizes:", full.qsize())

# A quiet handler does not end an Event wait; a thread's set() does.
ev = threading.Event()
alarm_in(0.05, quiet, 0.05)
threading.Timer(0.3, ev.set).start()
print("event quiet:", ev.wait(10), len(calls) >= 2)
stop_alarm()

# A signal another thread sends to the main thread.
signal.signal(signal.SIGUSR1, raising)
main = threading.main_thread().ident
threading.Timer(0.1, signal.pthread_kill, (main, signal.SIGUSR1)).start()
calls.clear()
lock.acquire()
try:
    lock.acquire(True, 5)
except Alarm:
    print("pthread_kill:", calls, lock.locked())
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
lock.release()

# A handler may release the lock the main thread waits on.
print("free:", lock.locked())
lock.acquire()
alarm_in(0.05, lambda *a: lock.release())
print("released by handler:", lock.acquire(timeout=5))
stop_alarm()
lock.release()

# TIMEOUT_MAX and the timeout checks: TIMEOUT_MAX is rounded down to whole
# seconds, the check is on the microseconds, so a little more is accepted.
print(_thread.TIMEOUT_MAX == threading.TIMEOUT_MAX, _thread.TIMEOUT_MAX > 1e9)
print(lock.acquire(True, _thread.TIMEOUT_MAX + 0.5), lock.locked())
lock.release()
for bad in [(_thread.TIMEOUT_MAX + 0.9,), (_thread.TIMEOUT_MAX * 2,), (-2,), (float("nan"),)]:
    try:
        print(lock.acquire(True, *bad))
        lock.release()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print(type(e).__name__, e)
print(lock.acquire(True, _thread.TIMEOUT_MAX), lock.locked())
lock.release()
