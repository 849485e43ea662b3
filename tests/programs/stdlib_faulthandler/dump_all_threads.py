# faulthandler.dump_traceback(all_threads=True) lists every thread, the
# most recently started first, and marks the calling one "Current thread".
import faulthandler
import inspect
import re
import sys
import tempfile
import threading
import time


def waiter(running, stop):
    running.set()
    stop.wait()


# The line of Condition.wait where a waiting thread blocks.
_lines, _start = inspect.getsourcelines(threading.Condition.wait)
BLOCKED_LINE = _start + max(i for i, line in enumerate(_lines) if line.strip() == "waiter.acquire()")


def wait_until_blocked(t):
    """Until `t` sleeps in Event.wait (not on its way there)."""
    while True:
        f = sys._current_frames().get(t.ident)
        if f is not None and f.f_code.co_name == "wait" and f.f_lineno == BLOCKED_LINE:
            return
        time.sleep(0.001)


def dump():
    with tempfile.TemporaryFile() as f:
        faulthandler.dump_traceback(f, all_threads=True)
        f.seek(0)
        text = f.read().decode()
    text = re.sub(r"0x[0-9a-f]+", "0xIDENT", text)
    text = re.sub(r'File "[^"\n]*/([^/"\n]+)"', r'File "\1"', text)
    return text


events = []
threads = []
for _ in range(2):
    running, stop = threading.Event(), threading.Event()
    t = threading.Thread(target=waiter, args=(running, stop), daemon=True)
    t.start()
    running.wait()
    wait_until_blocked(t)
    events.append(stop)
    threads.append(t)

print(dump())
with tempfile.TemporaryFile() as f:
    faulthandler.dump_traceback(f, all_threads=False)
    f.seek(0)
    print(re.sub(r'File "[^"\n]*/([^/"\n]+)"', r'File "\1"', f.read().decode()))
for stop in events:
    stop.set()
for t in threads:
    t.join()
print(dump())
