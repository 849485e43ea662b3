# select: select(), poll and epoll on pipes; timeouts, errors, the epoll context manager.
import select, os

r, w = os.pipe()
print(select.select([r], [w], [], 0) == ([], [w], []))
os.write(w, b'x')
print(select.select([r], [], [], 0.5) == ([r], [], []))

class F:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
f = F(r)
rl, wl, xl = select.select([f], [], [])
print(rl[0] is f, wl, xl)
for args in [([], [], [], -1), ([99999], [], [], 0), (['x'], [], [], 0), ([], [], [], 'x'), ([],)]:
    try:
        select.select(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    select.select([999], [], [], 0)
except OSError as e:
    print(type(e).__name__, e.errno)

p = select.poll()
print(type(p).__name__)
p.register(r, select.POLLIN)
p.register(w)
print(sorted(p.poll(0)))
p.modify(w, select.POLLIN)
print(sorted(p.poll(10)))
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print('KeyError', e)
try:
    p.modify(w, 1)
except OSError as e:
    print(type(e).__name__, e)
os.read(r, 1)
print(p.poll(0), p.poll(1.5))

with select.epoll() as ep:
    print(ep.closed, ep.fileno() >= 0)
    ep.register(r, select.EPOLLIN)
    ep.register(w, select.EPOLLOUT)
    print(sorted(ep.poll(0)))
    os.write(w, b'yz')
    print(sorted(ep.poll(0.1)))
    ep.modify(w, select.EPOLLIN)
    ep.unregister(r)
    print(ep.poll(0, 1), ep.poll(timeout=0))
    try:
        ep.register(w)
    except FileExistsError as e:
        print('FileExistsError', e.errno)
    try:
        ep.unregister(999)
    except OSError as e:
        print(type(e).__name__, e.errno)
    try:
        ep.poll(0, 0)
    except ValueError as e:
        print(e)
print(ep.closed)
for call in [ep.fileno, ep.poll, lambda: ep.register(r)]:
    try:
        call()
    except ValueError as e:
        print(e)
ep.close()
e2 = select.epoll.fromfd(os.dup(r))
print(e2.closed)
e2.close()
os.close(r); os.close(w)
print(select.error is OSError, select.POLLIN, select.EPOLLIN, select.EPOLLET, select.PIPE_BUF)
