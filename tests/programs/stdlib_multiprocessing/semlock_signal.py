# A blocking SemLock.acquire is interrupted by a signal: the handler runs,
# an exception it raises ends the wait, otherwise the wait goes on until
# its deadline; a thread acquires while the main thread waits without the GIL.
import os
import signal
import threading
import time
from _multiprocessing import SemLock

s = SemLock(1, 0, 1, "/taipan-semsig-%d" % os.getpid(), True)
calls = []


class Alarm(Exception):
    pass


def raising(signum, frame):
    calls.append(signum)
    raise Alarm


def quiet(signum, frame):
    calls.append(signum)


signal.signal(signal.SIGALRM, raising)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    s.acquire()
except Alarm:
    print("interrupted", calls)

signal.signal(signal.SIGALRM, quiet)
signal.setitimer(signal.ITIMER_REAL, 0.05)
t0 = time.monotonic()
print(s.acquire(True, 0.3), calls, time.monotonic() - t0 >= 0.29)

threading.Timer(0.05, s.release).start()
print(s.acquire(True, 30), s._count())
