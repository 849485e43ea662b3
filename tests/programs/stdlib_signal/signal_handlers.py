import _signal, signal, os
print(_signal.NSIG, _signal.SIG_DFL, _signal.SIG_IGN, _signal.default_int_handler, _signal.ItimerError, _signal.ItimerError.__mro__)
for f in [lambda: _signal.signal(0, _signal.SIG_DFL), lambda: _signal.signal(9, _signal.SIG_IGN), lambda: _signal.signal(2, 5), lambda: _signal.getsignal(100), lambda: _signal.strsignal(2), lambda: _signal.strsignal(1000), lambda: _signal.setitimer(5, 1), lambda: _signal.getitimer(0), lambda: _signal.default_int_handler(2, None), lambda: _signal.signal('x', 1), lambda: _signal.raise_signal(0), lambda: _signal.siginterrupt(100, 1), lambda: _signal.pthread_sigmask(5, []), lambda: _signal.set_wakeup_fd(-1), lambda: _signal.set_wakeup_fd(1000), lambda: len(_signal.valid_signals()), lambda: _signal.sigpending(), lambda: _signal.alarm(0), lambda: _signal.getsignal(2), lambda: _signal.getsignal(15), lambda: _signal.getsignal(13)]:
  try: print(repr(f()))
  except BaseException as e: print(type(e).__name__, e)
print(signal.getsignal(signal.SIGINT), signal.SIGTERM, repr(signal.SIGTERM), signal.Signals(2))
got = []
def h(n, frame): got.append((n, type(frame).__name__))
print(signal.signal(signal.SIGUSR1, h), signal.signal(signal.SIGUSR1, h) is h)
signal.raise_signal(signal.SIGUSR1)
print(got)
os.kill(os.getpid(), signal.SIGUSR1)
x = sum(range(100))
print(got, signal.getsignal(signal.SIGUSR1) is h)
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is h)
signal.raise_signal(signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1))
def boom(n, f): raise ValueError('from handler %d' % n)
signal.signal(signal.SIGUSR2, boom)
try:
    signal.raise_signal(signal.SIGUSR2)
except ValueError as e:
    print('caught', e)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt')
old = signal.signal(signal.SIGALRM, lambda n, f: got.append('alarm'))
signal.setitimer(signal.ITIMER_REAL, 0.05)
print(signal.getitimer(signal.ITIMER_REAL)[1])
signal.pause()
print(got[-1])
print(signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1]))
print(signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1]))
print(signal.strsignal(signal.SIGTERM), signal.valid_signals() == set(range(1, 65)) - {32, 33})
r, w = os.pipe()
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
signal.signal(signal.SIGUSR1, lambda n, f: None)
signal.raise_signal(signal.SIGUSR1)
print(os.read(r, 10))
print(signal.set_wakeup_fd(-1) == w)
try: signal.set_wakeup_fd(r)
except ValueError as e: print(e.__class__.__name__, str(e).replace(str(r), 'N'))
import _thread
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    _thread.interrupt_main()
    for i in range(10): pass
except KeyboardInterrupt:
    print('interrupted')
print(signal.signal(signal.SIGINT, signal.SIG_DFL))
print(signal.getsignal(signal.SIGINT))
