# The import lock is a reentrant lock owned by one thread: others wait for
# it, only the owner may release it, and os.fork() takes it first so the
# child never sees another thread's half-done import.
import _imp
import os
import sys
import threading
import time

# Only the owner may release it.
try:
    _imp.release_lock()
except RuntimeError as e:
    print("release unheld:", e)

_imp.acquire_lock()
_imp.acquire_lock()
print("held after two acquires:", _imp.lock_held())
seen = {}


def other():
    seen["held"] = _imp.lock_held()
    try:
        _imp.release_lock()
    except RuntimeError as e:
        seen["release"] = str(e)


t = threading.Thread(target=other)
t.start()
t.join()
print("another thread sees it held:", seen["held"])
print("another thread releasing:", seen["release"])
_imp.release_lock()
print("held after one release:", _imp.lock_held())
_imp.release_lock()
print("held after both:", _imp.lock_held())

# Threads take turns: the critical sections never overlap.
state = {"inside": 0, "overlaps": 0, "n": 0}


def worker():
    for _ in range(20):
        _imp.acquire_lock()
        try:
            state["inside"] += 1
            if state["inside"] > 1:
                state["overlaps"] += 1
            n = state["n"]
            time.sleep(0.0002)
            state["n"] = n + 1
            state["inside"] -= 1
        finally:
            _imp.release_lock()


ts = [threading.Thread(target=worker) for _ in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("count:", state["n"], "overlaps:", state["overlaps"])

# A waiter blocks while the owner holds it, and gets it once released.
order = []
_imp.acquire_lock()


def waiter():
    _imp.acquire_lock()
    order.append("waiter got it")
    _imp.release_lock()


t = threading.Thread(target=waiter)
t.start()
time.sleep(0.05)
order.append("owner releases")
_imp.release_lock()
t.join()
print(order)

# fork() while another thread imports: the child waits for the import.
if hasattr(os, "fork"):
    started = threading.Event()

    def importer():
        _imp.acquire_lock()
        sys.modules["fake_partial_module"] = "partial"
        started.set()
        time.sleep(0.05)
        sys.modules["fake_partial_module"] = "complete"
        _imp.release_lock()

    t = threading.Thread(target=importer)
    t.start()
    started.wait()
    pid = os.fork()
    if pid == 0:
        os._exit(42 if sys.modules["fake_partial_module"] == "complete" else 1)
    t.join()
    _, status = os.waitpid(pid, 0)
    print("child saw the complete module:", os.waitstatus_to_exitcode(status) == 42)
    del sys.modules["fake_partial_module"]

    # fork() while this thread holds the lock at several levels: the child
    # keeps those levels and can release them.
    for level in range(4):
        for _ in range(level):
            _imp.acquire_lock()
        pid = os.fork()
        if pid == 0:
            try:
                ok = _imp.lock_held() == (level > 0)
                for _ in range(level):
                    _imp.release_lock()
                ok = ok and not _imp.lock_held()
            except RuntimeError:
                ok = False
            os._exit(0 if ok else 1)
        for _ in range(level):
            _imp.release_lock()
        _, status = os.waitpid(pid, 0)
        print("fork at level", level, "child ok:", os.waitstatus_to_exitcode(status) == 0)
    print("held at the end:", _imp.lock_held())
