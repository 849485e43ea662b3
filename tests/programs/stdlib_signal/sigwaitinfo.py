# signal.sigwaitinfo / sigtimedwait / struct_siginfo / pidfd_send_signal:
# results and CPython's errors; another thread runs while one waits.
import os
import signal
import threading
import time


def t(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", r)
    except BaseException as e:
        print(type(e).__name__, e)


print(signal.struct_siginfo.__doc__)
print(signal.struct_siginfo.n_fields, signal.struct_siginfo.n_sequence_fields, signal.struct_siginfo.__module__)
print(signal.sigwaitinfo.__doc__)
print(signal.sigtimedwait.__doc__)
t(signal.sigtimedwait, [signal.SIGUSR1], 0)
t(signal.sigtimedwait, [signal.SIGUSR1], -1)
t(signal.sigtimedwait, [signal.SIGUSR1], "a")
t(signal.sigtimedwait, [signal.SIGUSR1], 0.01)
t(signal.sigtimedwait, [signal.SIGUSR1])
t(signal.sigtimedwait, 1, 0)
t(signal.sigtimedwait, [0], 0)
t(signal.sigtimedwait, [100], 0)
t(signal.sigtimedwait, [signal.SIGUSR1], float("nan"))
t(signal.sigtimedwait, [signal.SIGUSR1], 1e300)
t(signal.sigtimedwait, [signal.SIGUSR1], 10 ** 30)
t(signal.sigtimedwait, [signal.SIGUSR1], timeout=0)
t(signal.sigwaitinfo)
t(signal.sigwaitinfo, 1)

signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1, signal.SIGUSR2])
os.kill(os.getpid(), signal.SIGUSR1)
r = signal.sigwaitinfo([signal.SIGUSR1])
print(type(r).__name__, r.si_signo, r.si_code, r.si_errno, r.si_pid == os.getpid(), r.si_uid == os.getuid(), r.si_status, len(r), r[0])

os.kill(os.getpid(), signal.SIGUSR2)
r = signal.sigtimedwait([signal.SIGUSR1, signal.SIGUSR2], 5)
print(r.si_signo == signal.SIGUSR2, r.si_pid == os.getpid())
print(signal.sigtimedwait([signal.SIGUSR2], 0.001))

# The GIL is released while waiting: a thread runs, then signals us.
ticks = []


def worker():
    for i in range(3):
        ticks.append(i)
        time.sleep(0.01)
    signal.pthread_kill(main_ident, signal.SIGUSR1)


main_ident = threading.get_ident()
th = threading.Thread(target=worker)
th.start()
r = signal.sigtimedwait([signal.SIGUSR1], 10)
th.join()
print(ticks, r.si_signo == signal.SIGUSR1)

t(signal.struct_siginfo, (1, 2, 3))
print(signal.struct_siginfo((1, 2, 3, 4, 5, 6, 7)))
t(signal.pidfd_send_signal)
t(signal.pidfd_send_signal, -1, 0)
t(signal.pidfd_send_signal, 0, 0, 1)
t(signal.pidfd_send_signal, 0, 0, None, 1)
t(signal.pidfd_send_signal, "a", 0)
t(signal.pidfd_send_signal, 0, 0, flags=0)
fd = os.pidfd_open(os.getpid())
t(signal.pidfd_send_signal, fd, 0)
os.close(fd)
