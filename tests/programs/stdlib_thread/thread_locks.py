print(sorted(x for x in dir(_thread) if not x.startswith('__')))
print(_thread.TIMEOUT_MAX, _thread.stack_size(), _thread._count(), _thread.error)
l=_thread.allocate_lock()
print(type(l).__name__, type(l).__module__, l.locked())
for f in [lambda: l.acquire(False, 1), lambda: l.acquire(True, -2), lambda: l.acquire(True, 1e100), lambda: l.acquire(True, 1e10), lambda: l.release(), lambda: l.acquire(timeout=0), lambda: l.acquire(timeout=0.01), lambda: l.acquire(False), lambda: l.locked(), lambda: _thread.stack_size(100), lambda: _thread.stack_size(40000), lambda: _thread.stack_size(), lambda: _thread.stack_size(0), lambda: _thread.RLock().release(), lambda: _thread.RLock()._release_save(), lambda: _thread.start_new_thread(1, ()), lambda: _thread.start_new_thread(print, []), lambda: _thread.start_new_thread(print, (), 1), lambda: type('x', (_thread.LockType,), {}), lambda: _thread._local(1), lambda: l.acquire(1,2,3), lambda: _thread.LockType(), lambda: l.release(), lambda: l.release()]:
  try: print(repr(f()))
  except Exception as e: print(type(e).__name__, e)
print(repr(l)[:20], repr(_thread.RLock())[:40])
r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), repr(r).split(' at ')[0].replace(str(_thread.get_ident()), 'ME'))
st = r._release_save()
print(st[0], st[1] == _thread.get_ident(), r._is_owned())
r._acquire_restore(st)
print(r._is_owned()); r.release(); r.release(); print(r._is_owned())
with r:
    print('in', r._is_owned())
with l:
    print('in lock', l.locked())
print(l.locked())
class L(_thread._local):
    def __init__(self, x): self.x = x
o = L(5); print(o.x, type(o).__mro__)
loc = _thread._local(); loc.a = 1; print(loc.a, loc.__dict__)
print(isinstance(_thread.get_ident(), int), isinstance(_thread.get_native_id(), int))
