# A failed write to the signal wakeup fd is reported through
# sys.unraisablehook; a full buffer only with warn_on_full_buffer.
import errno
import os
import signal
import sys

sys.unraisablehook = lambda u: print("unraisable:", u.err_msg, type(u.exc_value).__name__, u.exc_value.errno == errno.EBADF)
signal.signal(signal.SIGUSR1, lambda s, f: print("handler", s == signal.SIGUSR1))
r, w = os.pipe()
os.set_blocking(r, False)
os.set_blocking(w, False)
signal.set_wakeup_fd(r)  # the read end: write() fails with EBADF
signal.raise_signal(signal.SIGUSR1)
print("after")
while True:
    try:
        os.write(w, b"x" * 65536)
    except BlockingIOError:
        break
signal.set_wakeup_fd(w, warn_on_full_buffer=False)
signal.raise_signal(signal.SIGUSR1)
print("full buffer, no warning")
signal.set_wakeup_fd(w)
sys.unraisablehook = lambda u: print("unraisable:", u.err_msg, type(u.exc_value).__name__, u.exc_value.errno == errno.EAGAIN)
signal.raise_signal(signal.SIGUSR1)
signal.set_wakeup_fd(-1)
print("done")
