# poll's event masks (negative: ValueError, over 16 bits: OverflowError)
# and epoll's flags (only EPOLL_CLOEXEC or 0; others: OSError 'invalid flags').
import select

p = select.poll()
for args in [(0, -1), (0, 1 << 16), (0, 1 << 64)]:
    try:
        p.register(*args)
    except (ValueError, OverflowError) as e:
        print('register', args[1] > 0, type(e).__name__, e if args[1] < 1 << 32 else '')
p.register(1)
try:
    p.modify(1, -1)
except ValueError as e:
    print('modify', e)
for kw in [{'flags': 12356}, {'flags': select.EPOLL_CLOEXEC}, {'flags': 0}, {'sizehint': 0}]:
    try:
        select.epoll(**kw).close()
        print(kw, 'ok')
    except OSError as e:
        print(kw, type(e).__name__, e.errno, e)
    except ValueError as e:
        print(kw, 'ValueError', e)
