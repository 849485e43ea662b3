# A daemon thread blocked writing to sys.stdout (a pipe nobody reads)
# holds the buffered writer's lock when the interpreter exits: the flush
# at exit cannot take the lock and, after a second, ends in CPython's fatal
# error instead of waiting forever. Then daemon threads printing in a
# tight loop while the main thread exits: each run ends (no hang), either
# cleanly or with that fatal error.
import os
import re
import subprocess
import sys

BLOCKED = """if 1:
    import sys, threading, time
    def run():
        sys.stdout.write('x' * 1000000)
        sys.stdout.flush()
    threading.Thread(target=run, daemon=True).start()
    time.sleep(0.3)
"""

LOOPING = """if 1:
    import sys, threading, time
    def run():
        while True:
            sys.stdout.write('.')
            sys.stdout.flush()
    for _ in range(3):
        threading.Thread(target=run, daemon=True).start()
    time.sleep(0.05)
    print('!')
"""

# Buffered standard streams (-u would write stdout through a bare FileIO).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

FATAL = re.compile(
    r"Fatal Python error: _enter_buffered_busy: could not acquire lock for "
    r"<_io\.BufferedWriter name='<stdout>'> at interpreter shutdown, possibly due to daemon threads\n"
    r"Python runtime state: finalizing \(tstate=0x[0-9a-f]+\)\n\n"
)


def blocked():
    r, w = os.pipe()
    try:
        p = subprocess.Popen([sys.executable, "-c", BLOCKED], stdout=w, stderr=subprocess.PIPE, env=ENV)
        os.close(w)
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            return "hang"
    finally:
        os.close(r)
    err = err.decode("utf-8", "replace")
    return p.returncode, bool(FATAL.match(err)), "Thread 0x" in err


def looping():
    p = subprocess.Popen([sys.executable, "-c", LOOPING], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    try:
        out, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return "hang"
    err = err.decode("utf-8", "replace")
    if p.returncode == 0:
        return "ok" if not err.strip(".!") and b"!" in out else ("bad", err[:300])
    return "ok" if FATAL.match(err) else ("bad", p.returncode, err[:300])


print("blocked writer:", blocked())
print("looping writers:", looping())
