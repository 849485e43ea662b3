import faulthandler
import os
import re
import signal
import sys
import tempfile
import time


def masked(text):
    return re.sub(r"0x[0-9a-f]{16}", "0xTHREAD", text)


def captured(action):
    with tempfile.TemporaryFile() as f:
        action(f.fileno())
        f.seek(0)
        return masked(f.read().decode())


def inner(fd, all_threads):
    faulthandler.dump_traceback(fd, all_threads=all_threads)


def outer(fd, all_threads=True):
    inner(fd, all_threads)


print(captured(outer), end="")
print(captured(lambda fd: outer(fd, False)), end="")

print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.enable(), faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.is_enabled())


def err(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)


class F:
    def fileno(self):
        return "a"


class G:
    def fileno(self):
        return -1


for f in [1.5, -1, "x", F(), G(), 2**40]:
    err(lambda: faulthandler.dump_traceback(f))
for a in [0, -1, 1e100, "x", float("nan")]:
    err(lambda: faulthandler.dump_traceback_later(a))
for a in [0, signal.SIGSEGV, 100, -1, "x"]:
    err(lambda: faulthandler.register(a))
err(lambda: faulthandler.unregister(0))
print(faulthandler.unregister(signal.SIGUSR2), faulthandler.cancel_dump_traceback_later())


def on_signal(fd):
    faulthandler.register(signal.SIGUSR1, file=fd, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)
    print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))


print(captured(on_signal), end="")

seen = []
signal.signal(signal.SIGUSR1, lambda *a: seen.append("python handler"))


def chained(fd):
    faulthandler.register(signal.SIGUSR1, file=fd, all_threads=True, chain=True)
    os.kill(os.getpid(), signal.SIGUSR1)
    faulthandler.unregister(signal.SIGUSR1)


print(captured(chained), end="")
print(seen)


def sleeper():
    time.sleep(0.35)


def later(fd):
    faulthandler.dump_traceback_later(0.1, repeat=True, file=fd)
    sleeper()
    faulthandler.cancel_dump_traceback_later()
    time.sleep(0.15)


out = captured(later)
print(out.count("Timeout (0:00:00.100000)!") >= 2, "timeouts")
print(out.split("Timeout (0:00:00.100000)!\n")[1], end="")



def in_child(action):
    """Run `action(fd)` in a forked child; its exit (a signal number as
    negative, like subprocess) and what it wrote to fd."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            action(w)
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 4096)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return code, masked(b"".join(chunks).decode())


def segv(fd):
    faulthandler.enable(fd)

    def f():
        faulthandler._sigsegv()

    f()


def watchdog_exit(fd):
    faulthandler.dump_traceback_later(0.1, exit=True, file=fd)

    def g():
        time.sleep(5)

    g()


def abort(fd):
    faulthandler.enable(fd, all_threads=False)
    faulthandler._sigabrt()


for action in (segv, watchdog_exit, abort):
    code, text = in_child(action)
    print(code)
    print(text, end="")
