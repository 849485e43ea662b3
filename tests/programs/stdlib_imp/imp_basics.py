# _imp: builtin modules from the module table, the import lock, source_hash
# of hash-based pycs, _fix_co_filename; no frozen modules.
import _imp, sys, marshal
print(_imp.is_builtin('sys'), _imp.is_builtin('builtins'), _imp.is_builtin('marshal'), _imp.is_builtin('json'), _imp.check_hash_based_pycs)
print(_imp.source_hash(3495, b'abc'), _imp.source_hash(0, b''), _imp.source_hash(-1, bytearray(b'xyz')))
print(_imp.lock_held())
_imp.acquire_lock(); _imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock(); _imp.release_lock()
print(_imp.lock_held())
for f in [_imp.release_lock, lambda: _imp.get_frozen_object('zz'), lambda: _imp.is_frozen_package('zz'),
          lambda: _imp.source_hash('a', b''), lambda: _imp.source_hash(1, 'x'), lambda: _imp.is_builtin(3)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(_imp.find_frozen('zz'), _imp.init_frozen('zz'), _imp.is_frozen('zz'))
class Spec: name = 'marshal'
m = _imp.create_builtin(Spec)
print(type(m).__name__, m.__name__, m is sys.modules.get('marshal'), _imp.exec_builtin(m))
Spec.name = 'sys'
print(_imp.create_builtin(Spec) is sys)
co = compile("def f():\n    def g(): pass\n    return g\n", "old.py", "exec")
_imp._fix_co_filename(co, "new.py")
print(co.co_filename, co.co_consts[0].co_filename, co.co_consts[0].co_consts[1].co_filename)
_imp._fix_co_filename(co, "new.py")
ns = {}
exec(co, ns)
print(ns['f']().__code__.co_filename)
