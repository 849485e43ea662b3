#!/usr/bin/env python3
"""Hostile-input crash sweep for Taipan.

Taipan must never panic, abort, overflow its stack, die on a signal or hang
(where CPython is fast) on any input: everything CPython rejects has to come
out as a Python exception.  This script searches for such crashes
systematically and keeps one minimal reproducer per crash class.

How it works
  1. Enumerate.  A generated program that uses only `builtins`, `sys` and
     `types` runs *inside taipan* and lists every attribute of a zoo of
     objects (every builtin type and function, `sys`, instances of every
     builtin type: iterators, views, generators, coroutines, code objects,
     frames, tracebacks, exceptions, modules, descriptors, ...) plus every
     type reachable through `object.__subclasses__()`.  So the candidate list
     follows what taipan really has, not what CPython has.
  2. Generate probes: small Python snippets, each calling one candidate with a
     hostile argument list (None, -1, 2**63, 10**100, nan, lone surrogates,
     huge strings/ranges, recursive containers, objects whose dunders raise,
     return wrong types or huge values, subclasses overriding dunders, bad
     keyword arguments), plus families for operators, attribute assignment,
     containers mutated from inside a callback (a key whose __eq__ clears the
     dict, a __lt__ that appends during sort, a __del__ that re-enters the
     container), uninitialised instances, __class__ assignment, 100,000-level
     nesting, hostile source for compile/exec/eval, codecs, format specs,
     recursion-limit extremes, and a hand-written list of tricky snippets.
     A shared prelude of helpers (hostile classes, builders) is prepended;
     reproducers only keep the prelude blocks they reference.
  3. Run batches of probes per taipan process (each probe in try/except,
     exec'd in a fresh namespace), at most --jobs processes at a time, with a
     per-probe watchdog.  A marker file tells which probe was running when the
     process died; that probe is re-run alone (and, if it does not crash
     alone, the batch prefix is narrowed down to the probes that are needed).
     Crashes are classified by signature (panic location + message, abort
     message, stack overflow, signal) and the shortest reproducer is kept.
     A probe that times out is re-run in CPython: if CPython is fast, it is a
     hang.  Each reproducer is finally run with python3 for comparison.

Usage
    python3 tools/hostile_sweep.py --taipan target/release/taipan
    python3 tools/hostile_sweep.py --taipan T --limit 300 --seed 1 --report out.json

Exit status: 1 if any crash (or confirmed hang) was found, 0 otherwise.
Nothing here is built or installed; the script only needs python3 (>= 3.8)
and the taipan binary.  Children run in a scratch directory with an address
space limit (--mem-mb) so runaway allocations fail instead of swapping.
"""
import argparse
import ast
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# ---------------------------------------------------------------------------
# Prelude: helper definitions available to every probe.  Each block must run
# on both taipan and CPython using only builtins, sys and types.  Blocks are
# exec'd one by one (a block taipan cannot run is reported, not fatal), and a
# reproducer contains only the blocks whose names it (transitively) uses.
# ---------------------------------------------------------------------------
PRELUDE_BLOCKS = [
    "import sys",
    "import types",
    "_BIGSTR = 'x' * 10**6",
    # Bytes shaped like a marshalled code object / a .pyc header.
    r"_MARSHAL = b'\xa7\r\r\n' + b'\x00' * 12 + b'\xe3' + b'\x00' * 16 + b'\x02' + b'\xff' * 7 + b's\x04\x00\x00\x00d\x00S\x00)\x01N'",
    r'''
def _ident(*a, **k):
    return a[0] if a else None
''',
    r'''
def _gen():
    yield 1
    yield 2
''',
    r'''
async def _coro():
    return 1
''',
    r'''
async def _agen():
    yield 1
    yield 2
''',
    r'''
def _func(a, b=2, *c, d=3, **e):
    return a
''',
    r'''
def _closure():
    v = 1
    def inner():
        return v
    return inner
''',
    r'''
def _cell():
    return _closure().__closure__[0]
''',
    r'''
def _tb():
    try:
        raise ValueError('tb')
    except ValueError as e:
        return e.__traceback__
''',
    r'''
def _exc():
    try:
        try:
            raise KeyError('inner')
        except KeyError:
            raise ValueError('outer')
    except ValueError as e:
        return e
''',
    r'''
class _C:
    def m(self, *a, **k):
        return a
    @classmethod
    def cm(cls, *a):
        return cls
    @staticmethod
    def sm(*a):
        return a
    @property
    def p(self):
        return 1
''',
    r'''
class _Slots:
    __slots__ = ('a', 'b')
''',
    r'''
class _Seq:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError(i)
''',
    r'''
def _super():
    class A:
        def f(self):
            return super()
    return A().f()
''',
    r'''
def _reclist():
    l = [1]
    l.append(l)
    return l
''',
    r'''
def _recdict():
    d = {1: 2}
    d[2] = d
    return d
''',
    r'''
def _rectuple():
    l = []
    t = (l, 1)
    l.append(t)
    return t
''',
    r'''
def _released_mv():
    m = memoryview(bytearray(b'abcd'))
    m.release()
    return m
''',
    r'''
def _cls(name):
    seen = set()
    todo = [object]
    while todo:
        c = todo.pop()
        if id(c) in seen:
            continue
        seen.add(id(c))
        try:
            if c.__module__ + '.' + c.__qualname__ == name:
                return c
        except BaseException:
            pass
        try:
            todo.extend(type.__subclasses__(c))
        except BaseException:
            pass
    raise LookupError(name)
''',
    # --- hostile protocol objects ---
    r'''
class RaiseBool:
    def __bool__(self):
        raise ValueError('hostile __bool__')
''',
    r'''
class RaiseAll:
    def _r(self, *a, **k):
        raise ValueError('hostile')
    __len__ = __index__ = __hash__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _r
    __iter__ = __next__ = __getitem__ = __setitem__ = __delitem__ = __contains__ = __missing__ = _r
    __repr__ = __str__ = __format__ = __bytes__ = __int__ = __float__ = __complex__ = __bool__ = _r
    __length_hint__ = __reversed__ = __round__ = __trunc__ = __floor__ = __ceil__ = _r
    __abs__ = __neg__ = __pos__ = __invert__ = _r
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _r
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __divmod__ = __rdivmod__ = __pow__ = __rpow__ = _r
    __lshift__ = __rlshift__ = __rshift__ = __rrshift__ = __and__ = __rand__ = __or__ = __ror__ = _r
    __xor__ = __rxor__ = __matmul__ = __rmatmul__ = _r
    __call__ = __fspath__ = __enter__ = __exit__ = __get__ = __set__ = __delete__ = _r
    __mro_entries__ = __instancecheck__ = __subclasscheck__ = __sizeof__ = __dir__ = __del__ = _r
    __await__ = __aiter__ = __anext__ = __aenter__ = __aexit__ = _r
    __reduce__ = __reduce_ex__ = __getstate__ = __copy__ = __getattr__ = _r
''',
    r'''
class WrongTypes:
    def __len__(self): return 'x'
    def __index__(self): return 1.5
    def __int__(self): return 'x'
    def __float__(self): return 'x'
    def __complex__(self): return 1
    def __hash__(self): return 'h'
    def __eq__(self, o): return RaiseBool()
    __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __contains__ = __eq__
    def __iter__(self): return 1
    def __next__(self): return 1
    def __repr__(self): return 1
    def __str__(self): return b'b'
    def __format__(self, spec): return 1
    def __bytes__(self): return 'str'
    def __bool__(self): return 2
    def __length_hint__(self): return 'x'
    def __reversed__(self): return 1
    def __round__(self, *a): return 'r'
    def __trunc__(self): return 'x'
    def __sizeof__(self): return 'x'
    def __dir__(self): return 1
    def __fspath__(self): return 1
    def __getitem__(self, i): return self
    def __mro_entries__(self, b): return 1
    def __instancecheck__(self, o): return RaiseBool()
    def __subclasscheck__(self, o): return RaiseBool()
    def __call__(self, *a, **k): return NotImplemented
    def __await__(self): return 1
    def __enter__(self): return self
    def __exit__(self, *a): return RaiseBool()
    def __get__(self, o, t=None): return 1
    def __neg__(self): return NotImplemented
''',
    r'''
class HugeVals:
    def __len__(self): return 2**63
    def __index__(self): return 2**64
    def __int__(self): return 10**100
    def __float__(self): return float('inf')
    def __complex__(self): return complex(1e308, float('inf'))
    def __hash__(self): return 10**100
    def __eq__(self, o): return True
    def __lt__(self, o): return 10**100
    def __length_hint__(self): return 2**62
    def __sizeof__(self): return 2**64
    def __iter__(self): return iter((1, 2, 3))
    def __getitem__(self, i): return 10**100
    def __round__(self, n=None): return 10**100
    def __repr__(self): return 'H' * 10**6
    def __str__(self): return '\U0010ffff' * 10**5
    def __format__(self, spec): return 'F' * 10**6
''',
    r'''
class MaxVals:
    def __len__(self): return sys.maxsize
    def __index__(self): return sys.maxsize
    def __int__(self): return sys.maxsize
    def __hash__(self): return -1
    def __length_hint__(self): return sys.maxsize
    def __sizeof__(self): return sys.maxsize
    def __iter__(self): return iter(())
    def __getitem__(self, i): raise IndexError(i)
''',
    r'''
class NegVals:
    def __len__(self): return -1
    def __index__(self): return -sys.maxsize - 1
    def __int__(self): return -2**63
    def __hash__(self): return -1
    def __length_hint__(self): return -1
    def __sizeof__(self): return -1
    def __iter__(self): return iter(())
    def __getitem__(self, i): return -1
''',
    r'''
class GetattrRaises:
    def __getattribute__(self, n):
        raise ValueError(n)
''',
    r'''
class ClassLies:
    __class__ = property(lambda s: int)
''',
    r'''
class _BadMap:
    def keys(self):
        return ['a', 1, '\udc80', 'a']
    def __getitem__(self, k):
        if k == 'a':
            return 1
        raise KeyError(k)
    def __len__(self):
        return -1
    def __iter__(self):
        return iter(self.keys())
''',
    # --- subclasses of builtin types overriding dunders ---
    r'''
class IntSub(int):
    def __index__(self): raise ValueError('IntSub.__index__')
    def __int__(self): raise ValueError('IntSub.__int__')
    def __float__(self): return 'x'
    def __eq__(self, o): raise ValueError('IntSub.__eq__')
    def __hash__(self): return 10**100
    def __lt__(self, o): return RaiseBool()
    def __repr__(self): return 1
    def __str__(self): raise ValueError('IntSub.__str__')
    def __format__(self, s): raise ValueError('IntSub.__format__')
    def __bool__(self): raise ValueError('IntSub.__bool__')
''',
    r'''
class StrSub(str):
    def __eq__(self, o): raise ValueError('StrSub.__eq__')
    def __hash__(self): return 0
    def __len__(self): return -1
    def __iter__(self): raise ValueError('StrSub.__iter__')
    def __getitem__(self, i): raise ValueError('StrSub.__getitem__')
    def __str__(self): return 1
    def __repr__(self): raise ValueError('StrSub.__repr__')
    def __format__(self, s): raise ValueError('StrSub.__format__')
    def __contains__(self, x): raise ValueError('StrSub.__contains__')
    def __add__(self, o): raise ValueError('StrSub.__add__')
    def __mod__(self, o): raise ValueError('StrSub.__mod__')
    def __lt__(self, o): return RaiseBool()
''',
    r'''
class ListSub(list):
    def __iter__(self): raise ValueError('ListSub.__iter__')
    def __len__(self): return 2**63
    def __getitem__(self, i): raise ValueError('ListSub.__getitem__')
    def __contains__(self, x): raise ValueError('ListSub.__contains__')
    def __eq__(self, o): raise ValueError('ListSub.__eq__')
    def __reversed__(self): raise ValueError('ListSub.__reversed__')
    def __repr__(self): return 'L' * 10**5
''',
    r'''
class DictSub(dict):
    def keys(self): return ['a', 'zz']
    def items(self): return 1
    def values(self): raise ValueError('DictSub.values')
    def __getitem__(self, k): raise ValueError('DictSub.__getitem__')
    def __iter__(self): raise ValueError('DictSub.__iter__')
    def __len__(self): return -1
    def __missing__(self, k): raise ValueError('DictSub.__missing__')
    def __contains__(self, k): raise ValueError('DictSub.__contains__')
    def __setitem__(self, k, v): raise ValueError('DictSub.__setitem__')
    def get(self, *a): raise ValueError('DictSub.get')
''',
    r'''
class TupleSub(tuple):
    def __iter__(self): raise ValueError('TupleSub.__iter__')
    def __len__(self): return -1
    def __getitem__(self, i): raise ValueError('TupleSub.__getitem__')
    def __hash__(self): raise ValueError('TupleSub.__hash__')
    def __eq__(self, o): raise ValueError('TupleSub.__eq__')
''',
    r'''
class FloatSub(float):
    def __float__(self): return 1
    def __repr__(self): raise ValueError('FloatSub.__repr__')
    def __eq__(self, o): raise ValueError('FloatSub.__eq__')
    def __hash__(self): return 'x'
    def __round__(self, *a): raise ValueError('FloatSub.__round__')
''',
    r'''
class BytesSub(bytes):
    def __bytes__(self): return 'x'
    def __iter__(self): raise ValueError('BytesSub.__iter__')
    def __len__(self): return -1
    def __getitem__(self, i): raise ValueError('BytesSub.__getitem__')
    def __str__(self): raise ValueError('BytesSub.__str__')
''',
    r'''
class ComplexSub(complex):
    def __complex__(self): return 1
    def __repr__(self): raise ValueError('ComplexSub.__repr__')
''',
    # --- containers mutated from inside callbacks ---
    r'''
_V = None
_ACT = 'shrink'
def _arm(v, act='shrink'):
    global _V, _ACT
    _V = v
    _ACT = act
    return v
def _mut():
    v = _V
    if v is None:
        return
    try:
        if isinstance(v, memoryview):
            v.release()
        elif _ACT == 'shrink':
            v.clear()
        elif isinstance(v, dict):
            for i in range(64):
                v[('k', i)] = i
        elif isinstance(v, (set, frozenset)):
            v.update(range(100, 164))
        elif isinstance(v, bytearray):
            v.extend(b'z' * 4096)
        else:
            v.extend(range(4096))
    except BaseException:
        pass
''',
    r'''
class MutIndex:
    def __index__(self):
        _mut()
        return 1
''',
    r'''
class MutEq:
    def __eq__(self, o):
        _mut()
        return True
    def __hash__(self):
        return 1
''',
    r'''
class MutHash:
    def __hash__(self):
        _mut()
        return 2
''',
    r'''
class MutIter:
    def __iter__(self):
        yield 1
        _mut()
        yield 2
        _mut()
        yield 3
''',
    r'''
class MutCall:
    def __call__(self, *a, **k):
        _mut()
        return 0
''',
    r'''
class MutLen:
    def __len__(self):
        _mut()
        return 2
    def __iter__(self):
        _mut()
        return iter([1, 2])
    def __getitem__(self, i):
        _mut()
        return [1, 2][i]
''',
    r'''
class MutAll:
    def __eq__(self, o):
        _mut()
        return True
    def __ne__(self, o):
        _mut()
        return False
    def __lt__(self, o):
        _mut()
        return True
    __le__ = __gt__ = __ge__ = __lt__
    def __hash__(self):
        _mut()
        return 1
    def __repr__(self):
        _mut()
        return 'MutAll'
    def __index__(self):
        _mut()
        return 0
    def __bool__(self):
        _mut()
        return True
    def __format__(self, spec):
        _mut()
        return 'f'
''',
    r'''
class MutDel:
    def __del__(self):
        _mut()
''',
    # --- exercise an object in many ways ---
    r'''
def _use(o):
    for f in (repr, str, ascii, hash, len, bool, dir, iter, format, vars, sorted, list, tuple, set):
        try:
            f(o)
        except BaseException:
            pass
    try:
        o == o
    except BaseException:
        pass
    if isinstance(o, BaseException):
        try:
            sys.excepthook(type(o), o, o.__traceback__)
        except BaseException:
            pass
''',
    # --- deeply nested structures ---
    r'''
def _yf(it):
    return (yield from it)
''',
    r'''
def _hold(v):
    yield v
''',
    r'''
async def _aw(c):
    return await c
''',
    r'''
class _Node:
    pass
''',
    r'''
class _SNode:
    __slots__ = ('next',)
''',
    r'''
def _deep(kind, n=100000):
    if kind == 'list':
        x = []
        for i in range(n): x = [x]
    elif kind == 'tuple':
        x = ()
        for i in range(n): x = (x,)
    elif kind == 'dict':
        x = {}
        for i in range(n): x = {1: x}
    elif kind == 'frozenset':
        x = frozenset()
        for i in range(n): x = frozenset([x])
    elif kind == 'slice':
        x = None
        for i in range(n): x = slice(x)
    elif kind == 'namespace':
        x = None
        for i in range(n): x = types.SimpleNamespace(a=x)
    elif kind == 'alias':
        x = int
        for i in range(n): x = list[x]
    elif kind == 'mappingproxy':
        x = {}
        for i in range(n): x = types.MappingProxyType(x)
    elif kind == 'exc_args':
        x = ValueError()
        for i in range(n): x = ValueError(x)
    elif kind == 'keyerror':
        x = KeyError()
        for i in range(n): x = KeyError(x)
    elif kind == 'listpair':
        x = None
        for i in range(n): x = [x, 1]
    elif kind == 'cause':
        x = ValueError(0)
        for i in range(n):
            y = ValueError(i)
            y.__cause__ = x
            x = y
    elif kind == 'context':
        x = ValueError(0)
        for i in range(n):
            y = ValueError(i)
            y.__context__ = x
            x = y
    elif kind == 'eg':
        x = ValueError(0)
        for i in range(n): x = ExceptionGroup('g', [x])
    elif kind == 'map':
        x = iter([1, 2])
        for i in range(n): x = map(_ident, x)
    elif kind == 'filter':
        x = iter([1, 2])
        for i in range(n): x = filter(None, x)
    elif kind == 'zip':
        x = iter([1, 2])
        for i in range(n): x = zip(x)
    elif kind == 'enumerate':
        x = iter([1, 2])
        for i in range(n): x = enumerate(x)
    elif kind == 'genexpr':
        x = iter([1, 2])
        for i in range(n): x = (y for y in x)
    elif kind == 'yieldfrom':
        x = iter([1, 2])
        for i in range(n): x = _yf(x)
    elif kind == 'calliter':
        x = iter([1, 2])
        for i in range(n): x = iter(x.__next__, None)
    elif kind == 'reversed':
        x = [1, 2]
        for i in range(n): x = reversed(list(x)) if i == 0 else iter(x)
    elif kind == 'classmethod':
        x = _ident
        for i in range(n): x = classmethod(x)
    elif kind == 'staticmethod':
        x = _ident
        for i in range(n): x = staticmethod(x)
    elif kind == 'wrapper':
        x = _ident
        for i in range(n): x = x.__call__
    elif kind == 'boundmethod':
        x = _ident
        for i in range(n): x = types.MethodType(x, i)
    elif kind == 'instance_chain':
        x = None
        for i in range(n):
            o = _Node()
            o.next = x
            x = o
    elif kind == 'slots_chain':
        x = None
        for i in range(n):
            o = _SNode()
            o.next = x
            x = o
    elif kind == 'closure':
        x = None
        for i in range(n): x = (lambda v: (lambda: v))(x)
    elif kind == 'iterlist':
        x = None
        for i in range(n): x = iter([x])
    elif kind == 'genframe':
        x = None
        for i in range(n): x = _hold(x)
    elif kind == 'await':
        x = _coro()
        for i in range(n): x = _aw(x)
    elif kind == 'memoryview':
        x = memoryview(b'abcd')
        for i in range(n): x = memoryview(x)
    elif kind == 'cellchain':
        x = None
        for i in range(n): x = types.CellType(x)
    elif kind == 'property':
        x = _ident
        for i in range(n): x = property(x)
    elif kind == 'super':
        class A: pass
        x = A()
        for i in range(n): x = super(A, x)
    elif kind == 'union':
        x = int
        for i in range(n): x = x | list[x]
    else:
        raise ValueError(kind)
    return x
''',
    r'''
def _deep_class(n):
    c = object
    for i in range(n):
        c = type('K%d' % i, (c,), {})
    return c
''',
]

# Builtin types that can be subclassed (a `_sub_<name>` class is defined for
# each, in its own prelude block).
SUBCLASSABLE = [
    'int', 'float', 'complex', 'str', 'bytes', 'bytearray', 'list', 'tuple', 'dict', 'set',
    'frozenset', 'object', 'type', 'property', 'staticmethod', 'classmethod', 'super',
    'enumerate', 'zip', 'map', 'filter', 'reversed', 'BaseException', 'Exception', 'OSError',
    'SyntaxError', 'KeyError', 'StopIteration', 'SystemExit', 'ImportError', 'ExceptionGroup',
    'UnicodeDecodeError', 'NameError', 'AttributeError',
]
for _t in SUBCLASSABLE:
    PRELUDE_BLOCKS.append('class _sub_%s(%s):\n    pass\n' % (_t, _t))
PRELUDE_BLOCKS.append("_sub_module = type('_sub_module', (type(sys),), {})")
PRELUDE_BLOCKS.append(r'''
class _Plain:
    pass
''')

# Constructor arguments that make an instance of each subclass.
SUB_ARGS = {
    'int': '5', 'float': '1.5', 'complex': '1j', 'str': "'ab'", 'bytes': "b'ab'",
    'bytearray': "b'ab'", 'list': '[1, 2]', 'tuple': '(1, 2)', 'dict': '{1: 2}', 'set': '{1, 2}',
    'frozenset': '{1, 2}', 'object': '', 'type': "'T', (), {}", 'property': '_ident',
    'staticmethod': '_ident', 'classmethod': '_ident', 'super': '_C, _C()', 'enumerate': "'ab'",
    'zip': "'ab', 'cd'", 'map': '_ident, [1]', 'filter': 'None, [0, 1]', 'reversed': '[1, 2]',
    'BaseException': '1', 'Exception': '1', 'OSError': "2, 'msg', 'f'", 'SyntaxError':
    "'m', ('f', 1, 2, 't', 1, 3)", 'KeyError': '1', 'StopIteration': '1', 'SystemExit': '1',
    'ImportError': "'m', name='n'", 'ExceptionGroup': "'g', [ValueError(1)]",
    'UnicodeDecodeError': r"'utf-8', b'\xff', 0, 1, 'r'", 'NameError': "'n'",
    'AttributeError': "'a'",
}

# ---------------------------------------------------------------------------
# The object zoo.  Every attribute of every entry becomes a candidate.
# ---------------------------------------------------------------------------
ZOO = [
    ('builtins', "__import__('builtins')"),
    ('sys', 'sys'),
    ('types', 'types'),
    ('int', '12345678901234567890'), ('smallint', '7'), ('negint', '-2**63'), ('bool', 'True'),
    ('float', '1.5'), ('float_nan', "float('nan')"), ('complex', '(1+2j)'),
    ('str', r"'abc\u20ac'"), ('str_ascii', "'Hello World'"),
    ('str_special', r"'\U0010ffff\xdf\u0130\ufb03\u0345\u01c5\udc80\x00'"),
    ('bytes', "b'abc'"), ('bytearray', "bytearray(b'abc')"),
    ('memoryview', "memoryview(bytearray(b'abcdefgh'))"),
    ('memoryview_ro', "memoryview(b'abcdefgh')"),
    ('memoryview_2d', "memoryview(bytearray(b'abcdefgh')).cast('B', (2, 4))"),
    ('memoryview_i', "memoryview(bytearray(b'abcdefgh')).cast('i')"),
    ('memoryview_strided', "memoryview(bytearray(b'abcdefgh'))[::-2]"),
    ('memoryview_released', '_released_mv()'),
    ('list', '[3, 1, 2]'), ('list_rec', '_reclist()'), ('tuple', '(1, 2, 3)'),
    ('dict', "{1: 2, 'a': 'b'}"), ('dict_rec', '_recdict()'), ('set', '{1, 2, 3}'),
    ('frozenset', 'frozenset({1, 2})'), ('range', 'range(1, 10, 2)'),
    ('range_huge', 'range(-2**63, 2**64, 3)'), ('slice', 'slice(1, 10, 2)'),
    ('object', 'object()'), ('instance', '_C()'), ('slots_instance', '_Slots()'),
    ('class', '_C'), ('property', 'property(_ident)'), ('staticmethod', 'staticmethod(_ident)'),
    ('classmethod', 'classmethod(_ident)'), ('super', '_super()'), ('super_bound', 'super(_C, _C())'),
    ('enumerate', "enumerate('abc')"), ('zip', "zip('ab', 'cd')"), ('map', 'map(abs, [1, -2])'),
    ('filter', 'filter(None, [0, 1])'), ('reversed', 'reversed([1, 2])'),
    ('list_reverseiterator', 'reversed([1, 2, 3])'), ('reversed_tuple', 'reversed((1, 2))'),
    ('list_iterator', 'iter([1, 2])'), ('tuple_iterator', 'iter((1, 2))'),
    ('str_iterator', r"iter('a\u20ac')"), ('str_ascii_iterator', "iter('ab')"),
    ('bytes_iterator', "iter(b'ab')"), ('bytearray_iterator', "iter(bytearray(b'ab'))"),
    ('range_iterator', 'iter(range(3))'), ('longrange_iterator', 'iter(range(2**64, 2**64 + 3))'),
    ('set_iterator', 'iter({1, 2})'), ('dict_keyiterator', 'iter({1: 2})'),
    ('dict_valueiterator', 'iter({1: 2}.values())'), ('dict_itemiterator', 'iter({1: 2}.items())'),
    ('dict_reverseiterator', 'reversed({1: 2})'),
    ('dict_reverseitemiterator', 'reversed({1: 2}.items())'),
    ('callable_iterator', 'iter([1, 2, 3].pop, 1)'), ('seq_iterator', 'iter(_Seq())'),
    ('memory_iterator', "iter(memoryview(b'ab'))"),
    ('dict_keys', '{1: 2}.keys()'), ('dict_values', '{1: 2}.values()'),
    ('dict_items', '{1: 2}.items()'), ('mappingproxy', '_C.__dict__'),
    ('mappingproxy_builtin', 'int.__dict__'),
    ('generator', '_gen()'), ('generator_started', '(lambda g: (next(g), g)[1])(_gen())'),
    ('coroutine', '_coro()'), ('async_generator', '_agen()'),
    ('coroutine_wrapper', '_coro().__await__()'), ('async_gen_asend', '_agen().asend(None)'),
    ('async_gen_athrow', '_agen().athrow(ValueError)'), ('anext_awaitable', 'anext(_agen(), 0)'),
    ('function', '_func'), ('lambda', 'lambda x: x'), ('closure', '_closure()'), ('cell', '_cell()'),
    ('builtin_function', 'len'), ('builtin_method', '[].append'), ('method', '_C().m'),
    ('classmethod_bound', '_C.cm'), ('method_wrapper', '(1).__add__'),
    ('wrapper_descriptor', 'int.__add__'), ('method_descriptor', 'str.join'),
    ('classmethod_descriptor', "dict.__dict__['fromkeys']"),
    ('getset_descriptor', "type.__dict__['__name__']"),
    ('member_descriptor', "_Slots.__dict__['a']"),
    ('code', '_func.__code__'), ('frame', 'sys._getframe()'), ('traceback', '_tb()'),
    ('module', "type(sys)('m')"), ('module_sub', "_sub_module('sm')"),
    ('NoneType', 'None'), ('NotImplemented', 'NotImplemented'), ('Ellipsis', 'Ellipsis'),
    ('GenericAlias', 'list[int]'), ('UnionType', 'int | str'),
    ('SimpleNamespace', 'types.SimpleNamespace(a=1)'),
    ('flags', 'sys.flags'), ('version_info', 'sys.version_info'), ('float_info', 'sys.float_info'),
    ('hash_info', 'sys.hash_info'), ('int_info', 'sys.int_info'), ('implementation', 'sys.implementation'),
    ('stdout', 'sys.stdout'), ('stdin', 'sys.stdin'),
    ('exc', '_exc()'), ('OSError', "OSError(2, 'msg', 'f1', 0, 'f2')"),
    ('UnicodeDecodeError', r"UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad')"),
    ('UnicodeEncodeError', r"UnicodeEncodeError('ascii', '\xe9', 0, 1, 'bad')"),
    ('UnicodeTranslateError', r"UnicodeTranslateError('\xe9', 0, 1, 'bad')"),
    ('SyntaxError', "SyntaxError('m', ('f', 1, 2, 'text', 1, 3))"),
    ('StopIteration', 'StopIteration(1)'), ('SystemExit', 'SystemExit(3)'), ('KeyError', 'KeyError(1)'),
    ('ExceptionGroup', "ExceptionGroup('g', [ValueError(1), TypeError(2)])"),
    ('BaseExceptionGroup', "BaseExceptionGroup('g', [KeyboardInterrupt()])"),
    ('ImportError', "ImportError('m', name='n', path='p')"), ('NameError', "NameError('n', name='x')"),
    ('AttributeError', "AttributeError('a', name='x', obj=1)"), ('BlockingIOError', 'BlockingIOError(1, 2, 3)'),
]
for _t in SUBCLASSABLE:
    ZOO.append(('sub_' + _t, '_sub_%s(%s)' % (_t, SUB_ARGS[_t])))

# Zoo entries that touch process-wide state: their probes run one per process.
ISOLATED_ZOO = {'stdout', 'stdin', 'sys', 'builtins'}

# ---------------------------------------------------------------------------
# Hostile values.
# ---------------------------------------------------------------------------
HOSTILE = [
    'None', '-1', '0', '1', '2', '2**31', '2**63', '-2**63', '2**64', '10**100', '-10**100',
    'sys.maxsize', '-sys.maxsize - 1', '1e308', '-1e308', "float('inf')", "float('-inf')",
    "float('nan')", '-0.0', '0.5', '1j', "complex(float('nan'), float('inf'))",
    "''", "'x'", '_BIGSTR', r"'\udc80'", r"'\x00'", "'%s%d%(x)s'", "'{}{0}{x}'", r"'\U0010ffff'",
    "b''", r"b'\xff'", '_MARSHAL', r"bytearray(b'\xff\x00')", "memoryview(b'ab')", '_released_mv()',
    '[]', '()', '{}', 'set()', 'frozenset()', '[1, 2]', '(1, 2)', "{'a': 1}",
    'range(2**63)', 'range(-2**63, 2**63, 3)', 'range(sys.maxsize)', 'range(2**31)',
    'slice(None, None, -1)', 'slice(2**63, -2**63, 2**64)', 'slice(RaiseAll())',
    '_reclist()', '_recdict()', '_rectuple()',
    'RaiseAll()', 'WrongTypes()', 'HugeVals()', 'MaxVals()', 'NegVals()', 'RaiseBool()',
    'GetattrRaises()', 'ClassLies()', '_BadMap()', '_Seq()',
    'IntSub(5)', "StrSub('ab')", 'ListSub([1, 2])', 'DictSub(a=1)', 'TupleSub((1, 2))',
    'FloatSub(1.5)', "BytesSub(b'ab')", 'ComplexSub(1j)',
    'object()', 'type', 'int', 'object', 'RaiseAll', 'Ellipsis', 'NotImplemented', 'True',
    '_ident', 'len', '_gen()', 'iter([1, 2])', 'sys', "ValueError('x')", 'ValueError',
    '_coro()', 'sys._getframe()', '_tb()', '_func.__code__',
]
# Values whose iteration never ends in reasonable time (CPython is as slow):
# not given to operations that just iterate their argument.
UNBOUNDED = {'range(2**63)', 'range(-2**63, 2**63, 3)', 'range(sys.maxsize)', 'range(2**31)'}
HUGE_INTS = {'2**31', '2**63', '-2**63', '2**64', '10**100', '-10**100', 'sys.maxsize',
             '-sys.maxsize - 1', 'HugeVals()', 'MaxVals()', 'NegVals()', '12345678901234567890'}
# Callables that consume an iterable argument element by element.
ITERATING = {
    'sum', 'min', 'max', 'set', 'frozenset', 'fromkeys', 'update', 'union', 'intersection',
    'difference', 'symmetric_difference', 'issubset', 'issuperset', 'isdisjoint',
    'intersection_update', 'difference_update', 'symmetric_difference_update', 'all', 'any',
    'dict', '__init__', '__ior__', '__iand__', '__isub__', '__ixor__', '__or__', '__and__',
    '__sub__', '__xor__', '__ror__', '__rand__', '__rsub__', '__rxor__', 'join', 'extend',
    'sorted', 'list', 'tuple', 'bytes', 'bytearray', 'enumerate', 'zip', 'map', 'filter',
    'writelines', 'iter', 'next', '__next__', 'send', 'print', 'count', 'index', 'remove',
    '__contains__', '__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__', 'from_bytes',
    'maketrans', 'translate', '__iadd__', '__add__', 'exec', 'eval', '__new__', '__call__',
    'call_tracing', 'gather', 'aiter', 'anext', 'vars', 'isinstance', 'issubclass',
}
POW_NAMES = {'pow', '__pow__', '__rpow__', '__ipow__', '**', '**='}

KW_NAMES = ['key', 'default', 'reverse', 'sep', 'end', 'file', 'flush', 'start', 'strict',
            'encoding', 'errors', 'base', 'signed', 'byteorder', 'length', 'fillchar', 'maxsplit',
            'keepends', 'tabsize', 'mode', 'flags', 'dont_inherit', 'optimize', 'globals', 'locals',
            'closure', 'name', 'fromlist', 'level', 'x', 'object', 'source', 'ndigits', 'exp',
            'mod', 'iterable', 'obj', 'self', 'cls', 'args', 'kwargs', '_feature_version']
KW_VALUES = ['None', '-1', '2**63', 'RaiseAll()', r"'\udc80'", "'x'", "b'x'", 'True', 'MaxVals()']

BINOPS = ['a + b', 'a - b', 'a * b', 'a / b', 'a // b', 'a % b', 'a ** b', 'a @ b', 'a << b',
          'a >> b', 'a & b', 'a | b', 'a ^ b', 'a < b', 'a <= b', 'a == b', 'a != b', 'a > b',
          'a >= b', 'b in a', 'a[b]', 'a[b] = b', 'del a[b]', 'a[b:b]', 'a[b:b:b]', 'a[b:] = b',
          'a[::b] = b', 'a += b', 'a *= b', 'a |= b', 'a -= b', 'a <<= b', 'divmod(a, b)',
          'format(a, b)', 'getattr(a, b)', 'isinstance(a, b)', 'issubclass(a, b)',
          'hash((a, b))', 'sorted([a, b])', 'max(a, b)', 'round(a, b)', '[a].index(b)',
          'a.__eq__(b)', 'pow(a, b, b)', 'a(b)', 'b % a', 'b * a', 'b[a]']
UNARY = ['repr(a)', 'str(a)', 'ascii(a)', 'hash(a)', 'len(a)', 'bool(a)', 'iter(a)', 'list(a)',
         'tuple(a)', 'set(a)', 'dict(a)', 'sorted(a)', 'reversed(a)', 'abs(a)', '-a', '+a', '~a',
         'not a', 'int(a)', 'float(a)', 'complex(a)', 'bytes(a)', 'bytearray(a)', 'memoryview(a)',
         'format(a)', "f'{a!r:>10}'", "'%s %r %a' % (a, a, a)", "'%d' % a", "'%x' % a",
         "'%c' % a", "'%f' % a", "b'%s' % a", "b'%c' % a", 'dir(a)', 'vars(a)', 'id(a)',
         'callable(a)', 'a.__reduce_ex__(4)', 'a.__reduce__()', 'a.__sizeof__()', 'sys.getsizeof(a)',
         'print(a)', 'sum(a)', 'min(a)', 'max(a)', 'any(a)', 'all(a)', 'list(enumerate(a))',
         'list(zip(a, a))', 'next(a)', 'next(iter(a))', 'list(reversed(a))', 'a.__dict__',
         "a.__format__('')", "a.__format__('x')", 'object.__repr__(a)', 'object.__hash__(a)',
         'type(a)(a)', 'type(a).__new__(type(a))', 'a.__init__()', 'chr(a)', 'ord(a)', 'hex(a)',
         'oct(a)', 'bin(a)', 'round(a)', 'divmod(a, a)', 'a == a', 'a < a', 'a in a', 'a[a]',
         'a[a] = a', 'a + a', 'a * a', 'isinstance(a, a)', 'issubclass(a, a)', 'super(type(a), a)',
         'super(a, a)', 'sys.intern(a)', 'exec(a)', 'eval(a)', "compile(a, '<s>', 'exec')",
         '__import__(a)', 'getattr(a, a)', 'setattr(a, a, a)', 'delattr(a, a)', 'hasattr(a, a)',
         'r = a.__reduce_ex__(2)\nr[0](*r[1])', 'class K(a): pass', 'class K(a, a): pass',
         'class K(metaclass=a): pass', 'a.__class__ = a', 'a.__dict__ = a', '[*a]', '{**a}',
         '_ident(*a)', '_ident(**a)', 'x, y = a', 'for x in a: pass', 'with a: pass',
         'raise a', 'try:\n    raise a\nexcept a:\n    pass', 'sys.excepthook(type(a), a, None)',
         'aiter(a)', 'anext(a)', 'a.send(None)', 'a.throw(ValueError)', 'a.close()', 'del a']

ATTR_VALUES = ['None', '1', r"'\udc80'", 'RaiseAll()', '2**63', '()', '{}', '_ident', 'int',
               '-1', "'x' * 10**6", 'object()', '[RaiseAll()]', '_reclist()']
# Attributes whose assignment is interesting enough to try every value.
RICH_ATTRS = {
    '__class__', '__dict__', '__name__', '__qualname__', '__doc__', '__module__', '__bases__',
    '__annotations__', '__defaults__', '__code__', '__kwdefaults__', '__traceback__', '__cause__',
    '__context__', '__suppress_context__', '__notes__', 'args', 'start', 'end', 'object', 'reason',
    'encoding', 'errno', 'strerror', 'filename', 'filename2', 'winerror', 'lineno', 'offset',
    'end_lineno', 'end_offset', 'text', 'msg', 'print_file_and_line', 'value', 'code', 'name',
    'path', 'obj', 'characters_written', 'f_lineno', 'f_trace', 'f_trace_lines',
    'f_trace_opcodes', 'tb_next', 'tb_lineno', 'tb_lasti', 'gi_frame', 'gi_code', 'cr_frame',
    'fget', 'fset', 'fdel', '__func__', '__self__', '__wrapped__', '__isabstractmethod__',
    'cell_contents', '__slots__', '__mro__', '__abstractmethods__', '__text_signature__',
    '__builtins__', '__globals__', '__closure__', '__type_params__', 'exceptions', 'message',
    '__spec__', '__loader__', '__package__', '__path__', '__file__', '__getattr__', '__all__',
}


def paren(expr):
    return expr if re.match(r'^[A-Za-z_][\w.]*$', expr) else '(%s)' % expr


# ---------------------------------------------------------------------------
# Hand-written probes for paths that generic calls do not reach.  Sections are
# separated by "#### name [mode]" lines; mode is batch (default), iso (its own
# process) or top (its own process, run as a script, may end in a traceback).
# ---------------------------------------------------------------------------
SPECIAL_TEXT = r'''
#### code-swap-closure
def f(): pass
f.__code__ = _closure().__code__
f()
#### code-swap-noclosure
h = _closure()
h.__code__ = _func.__code__
h()
#### code-swap-gen
def f(): pass
f.__code__ = _gen.__code__
list(f())
#### code-swap-coro
def f(): pass
f.__code__ = _coro.__code__
f().send(None)
#### code-swap-args
def f(a, b, c, d, e, f, g): return a
f.__code__ = (lambda: 1).__code__
f()
#### code-swap-args2
def f(): return 1
f.__code__ = (lambda a, b, *c, d, **e: e).__code__
f()
#### exec-freevars
exec(_closure().__code__)
#### exec-freevars-closure-wrong
exec(_closure().__code__, {}, closure=(1,))
#### exec-freevars-closure-len
exec(_closure().__code__, {}, closure=(_cell(), _cell()))
#### exec-freevars-closure-ok
exec(_closure().__code__, {}, closure=(_cell(),))
#### exec-code-with-args
exec(_func.__code__)
#### exec-code-with-args-locals
exec(_func.__code__, {}, {'a': 1})
#### eval-gen-code
eval(_gen.__code__)
#### eval-gen-code-next
next(eval(_gen.__code__))
#### exec-coro-code
exec(_coro.__code__)
#### exec-agen-code
exec(_agen.__code__)
#### exec-method-code
exec(_C.m.__code__)
#### eval-lambda-yield-code
g = eval((lambda: (yield 1)).__code__)
list(g) if g is not None else None
#### exec-classbody-code
def k():
    class A:
        x = 1
        def f(self): return __class__
    return A
exec(k.__code__.co_consts[1] if len(k.__code__.co_consts) > 1 and type(k.__code__.co_consts[1]) is type(k.__code__) else k.__code__)
#### exec-nested-codes
for c in _func.__code__.co_consts + _closure.__code__.co_consts + _C.m.__code__.co_consts:
    if type(c) is type(_func.__code__):
        try:
            exec(c)
        except BaseException:
            pass
        try:
            eval(c, {}, {})
        except BaseException:
            pass
#### functiontype-closure-missing
types.FunctionType(_closure().__code__, {})()
#### functiontype-closure-wrong
types.FunctionType(_closure().__code__, {}, None, None, (1,))()
#### functiontype-closure-extra
types.FunctionType(_func.__code__, {}, None, None, (_cell(),))(1)
#### functiontype-globals-sub
types.FunctionType(compile('x', '', 'eval'), DictSub())()
#### functiontype-globals-nobuiltins
types.FunctionType(compile('len', '', 'eval'), {'__builtins__': 1})()
#### functiontype-defaults-huge
types.FunctionType(_func.__code__, {}, 'n', (1,) * 100000)()
#### functiontype-name
repr(types.FunctionType(_func.__code__, {}, '\udc80'))
#### defaults-too-many
_func.__defaults__ = (1,) * 1000
_func()
#### defaults-wrong
def f(a, b=1): return b
f.__defaults__ = (RaiseAll(),)
repr(f())
#### kwdefaults-nonstr
def f(*, d): return d
f.__kwdefaults__ = {1: 2}
f()
#### kwdefaults-sub
def f(*, d): return d
f.__kwdefaults__ = DictSub(d=1)
f()
#### kwdefaults-hostile
def f(*, d): return d
f.__kwdefaults__ = {'d': RaiseAll(), 'e': 1}
f()
#### func-annotations
def f(a: RaiseAll() if False else int) -> 1: pass
f.__annotations__ = {1: 2}
f.__annotations__ = RaiseAll()
#### func-dict
def f(): pass
f.__dict__ = {1: 2}
dir(f)
#### func-globals-clear
def f(): return len
f.__globals__.clear()
f()
#### func-builtins-gone
g = {'__builtins__': {}}
exec('def f(): return len([])', g)
g['f']()
#### func-builtins-module-sub
g = {'__builtins__': _sub_module('b')}
exec('x = len', g)
#### exec-builtins-hostile
exec('print(1)', {'__builtins__': RaiseAll()})
#### exec-builtins-dictsub
exec('len(x)', {'__builtins__': DictSub()})
#### exec-globals-dictsub
exec('x = 1\ny = x\ndel x', DictSub())
#### exec-locals-hostile
exec('x = 1\ny = x\ndel x\nclass A: pass', {}, RaiseAll())
#### exec-locals-badmap
exec('x', {}, _BadMap())
#### exec-locals-wrongtypes
exec('x = 1\nprint(x)', {}, WrongTypes())
#### eval-locals-list
eval('x', {}, [])
#### eval-locals-mapping
class M:
    def __getitem__(self, k):
        if k == 'x': return 1
        raise KeyError(k)
eval('x + len([])', {}, M())
#### exec-classbody-locals
exec('class A:\n    x = y\n', {}, {'y': 1})
#### exec-star-import
exec('from sys import *', {}, RaiseAll())
#### exec-import-star-func
exec('def f():\n    from sys import *\n')
#### generator-reentrant-send
def g():
    yield me.send(None)
me = g()
next(me)
#### generator-reentrant-close
def g():
    me.close()
    yield
me = g()
next(me)
#### generator-reentrant-throw
def g():
    me.throw(ValueError)
    yield
me = g()
next(me)
#### generator-yieldfrom-self
def g():
    yield from me
me = g()
next(me)
#### generator-throw-variants
g = _gen()
next(g)
for args in [(RaiseAll,), (ValueError, RaiseAll()), (ValueError, 1, 1), (ValueError(), ValueError()), (StopIteration,), (GeneratorExit,), (1,), (ValueError, None, _tb()), (BaseException,), (SystemExit,), (type,), (ValueError, (1, 2)), (KeyError, None, None)]:
    try:
        g.throw(*args)
    except BaseException:
        pass
#### generator-close-yield
def g():
    try:
        yield 1
    finally:
        yield 2
x = g()
next(x)
x.close()
#### generator-close-in-finally
def g():
    try:
        yield 1
    finally:
        x.close()
x = g()
next(x)
del x
#### generator-frame-clear
g = _gen()
next(g)
g.gi_frame.clear()
next(g)
#### frame-clear-running
sys._getframe().clear()
#### frame-locals-write
def f():
    a = 1
    fr = sys._getframe()
    fr.f_locals['a'] = RaiseAll()
    fr.f_locals['zz'] = 1
    return a
f()
#### frame-back-walk
f = sys._getframe()
while f is not None:
    f.f_locals, f.f_globals is not None, f.f_lineno, f.f_lasti, f.f_code, f.f_trace
    f = f.f_back
#### frame-of-finished
def f(): return sys._getframe()
fr = f()
fr.f_locals, fr.f_lineno, fr.f_lasti, fr.f_back, repr(fr), fr.clear()
#### frame-finished-generator
g = _gen()
list(g)
g.gi_frame
#### frame-lineno-set-outside
sys._getframe().f_lineno = 1
#### traceback-construct-bad
for a in [(None, sys._getframe(), -1, -1), (None, sys._getframe(), 2**63, 2**63), (None, sys._getframe(), 10**9, 0), (1, sys._getframe(), 0, 0), (None, 1, 0, 0), (None, sys._getframe(), 0, -2**63)]:
    try:
        tb = types.TracebackType(*a)
        e = ValueError('x').with_traceback(tb)
        sys.excepthook(ValueError, e, tb)
        repr(tb.tb_lineno), tb.tb_lasti, tb.tb_frame
    except BaseException:
        pass
#### traceback-lasti-huge-raise
tb = types.TracebackType(None, sys._getframe(), 10**9, 0)
raise ValueError('x').with_traceback(tb)
#### traceback-cycle
tb = _tb()
tb.tb_next = tb
#### traceback-cycle2
a = _tb()
b = _tb()
a.tb_next = b
b.tb_next = a
#### traceback-next-bad
tb = _tb()
tb.tb_next = 1
#### traceback-long-chain-print
tb = None
f = sys._getframe()
for i in range(100000):
    tb = types.TracebackType(tb, f, 0, i)
sys.excepthook(ValueError, ValueError('x'), tb)
#### exc-cause-cycle-print
e = ValueError(1)
f = TypeError(2)
e.__cause__ = f
f.__cause__ = e
sys.excepthook(ValueError, e, None)
#### exc-context-cycle-raise
e = ValueError(1)
f = TypeError(2)
e.__context__ = f
f.__context__ = e
try:
    raise e
except ValueError:
    try:
        raise f
    except TypeError as z:
        sys.excepthook(TypeError, z, z.__traceback__)
#### exc-self-cause
e = ValueError(1)
e.__cause__ = e
e.__context__ = e
sys.excepthook(ValueError, e, None)
raise e
#### exc-notes
e = ValueError(1)
for n in [1, RaiseAll(), [RaiseAll()], ['\udc80'], ['x' * 10**6], [1, 2], _reclist(), ('a',), 'abc', DictSub()]:
    e.__notes__ = n
    try:
        sys.excepthook(ValueError, e, None)
    except BaseException:
        pass
#### exc-add-note
e = ValueError()
e.add_note('\udc80')
e.add_note(StrSub('x'))
e.__notes__ = None
e.add_note('x')
#### exc-str-raises-print
class E(Exception):
    def __str__(self): raise ValueError('no str')
    def __repr__(self): raise ValueError('no repr')
sys.excepthook(E, E(), None)
#### exc-str-wrongtype-print
class E(Exception):
    def __str__(self): return 1
sys.excepthook(E, E(), None)
#### exc-name-weird-print
class E(Exception): pass
E.__name__ = 'x' * 100000
E.__qualname__ = '\udc80'
E.__module__ = RaiseAll()
sys.excepthook(E, E('\udc80'), None)
#### exc-module-nonstr
class E(Exception): pass
E.__module__ = 1
sys.excepthook(E, E(), None)
#### excepthook-nonexc
sys.excepthook(1, 2, 3)
sys.excepthook(ValueError, 1, None)
sys.excepthook(int, 5, _tb())
sys.__excepthook__(None, None, None)
#### syntaxerror-print-hostile
for a in [('m', ('f', 2**63, -2**63, 'text', 1, 2)), ('m', (1, 'x', 'y', 2, 3, 4)), ('m', ('f', 1, 100, 'ab', 1, 200)), ('m', ('f', 1, -5, 'ab', 1, -7)), ('m', ('f', 0, 0, '', 0, 0)), ('m', ('f', 1, 1, '\udc80', 1, 2)), ('m', ('f', 1, 1, '\n\n\n', 1, 2)), ('m', ('f', 1, 3, 'abc', 5, 1)), ('m', ('f', 1, 1, 'x' * 10**6, 1, 10**6)), ('m', ('f', 1, 2, 'abc')), ('m', ('f', None, None, None)), (RaiseAll(), ('f', 1, 2, 'abc')), ('m', (RaiseAll(), 1, 2, 'abc')), ('m', ('f', 1, 2, RaiseAll()))]:
    try:
        e = SyntaxError(*a)
        sys.excepthook(SyntaxError, e, None)
        str(e), repr(e)
    except BaseException:
        pass
#### syntaxerror-attrs-print
e = SyntaxError('m', ('f', 1, 2, 'text', 1, 3))
for attr, v in [('offset', 2**63), ('offset', -2**63), ('lineno', 'x'), ('text', 1), ('text', b'abc'), ('filename', 1), ('end_offset', -1), ('end_lineno', 2**100), ('msg', RaiseAll()), ('print_file_and_line', 1), ('offset', 10**100), ('text', '\x00\udc80')]:
    setattr(e, attr, v)
    try:
        sys.excepthook(SyntaxError, e, None)
        str(e)
    except BaseException:
        pass
#### syntaxerror-raise-top [top]
e = SyntaxError('m', ('f', 1, 2**62, 'ab\udc80', 1, -3))
raise e
#### unicode-error-attrs
for e in [UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 1, 'bad'), UnicodeEncodeError('ascii', '\xe9\udc80', 0, 1, 'bad'), UnicodeTranslateError('\xe9', 0, 1, 'bad')]:
    for attr, v in [('start', 2**63), ('start', -1), ('end', -5), ('end', 10**100), ('start', 10), ('end', 0), ('object', b''), ('object', ''), ('reason', '\udc80'), ('encoding', 1), ('reason', 1), ('object', 1), ('start', -2**63), ('end', 2**31)]:
        try:
            setattr(e, attr, v)
        except BaseException:
            pass
        try:
            str(e), repr(e), e.start, e.end, e.object
        except BaseException:
            pass
        try:
            sys.excepthook(type(e), e, None)
        except BaseException:
            pass
#### unicode-error-ctor
for a in [('utf-8', b'', 0, 0, ''), ('utf-8', b'x', -1, 2**63, 'r'), ('utf-8', bytearray(b'ab'), 1, 0, 'r'), ('utf-8', memoryview(b'ab'), 0, 1, 'r'), ('utf-8', _released_mv(), 0, 1, 'r'), ('\udc80', b'ab', 0, 1, '\udc80'), ('utf-8', 'str', 0, 1, 'r')]:
    try:
        e = UnicodeDecodeError(*a)
        str(e), e.object, e.start
    except BaseException:
        pass
#### oserror-variants
for a in [(), (1,), (1, 2), (2**63, 'x'), (RaiseAll(), 'x'), (1, 2, 3), (1, 2, 3, 4), (1, 2, 3, 4, 5), (1, 2, 3, 4, 5, 6), (-1, 'x', 'f', 10**100, 'g'), (2, 'x', RaiseAll(), 0, RaiseAll()), (11, 'x', 1, 2, 3), (11, 'x')]:
    try:
        e = OSError(*a)
        str(e), repr(e), e.errno, e.strerror, e.filename, e.filename2, e.args, type(e)
        e.__reduce__()
    except BaseException:
        pass
#### blockingio-characters
for v in [2**63, -1, RaiseAll(), 'x', None, 10**100]:
    try:
        e = BlockingIOError(11, 'x', v)
        e.characters_written
        e.characters_written = v
        del e.characters_written
        e.characters_written
    except BaseException:
        pass
#### exceptiongroup-variants
for a in [('', []), ('x', [1]), (1, [ValueError()]), ('x', RaiseAll()), ('x', (e for e in [ValueError()])), ('x', ListSub([ValueError()])), ('x', [KeyboardInterrupt()]), ('x', [ValueError()] * 100000), ('x', _reclist()), ('x', TupleSub((ValueError(),))), ('\udc80', [ValueError()])]:
    for cls in (ExceptionGroup, BaseExceptionGroup):
        try:
            eg = cls(*a)
            repr(eg), str(eg), eg.exceptions
            eg.split(ValueError), eg.subgroup(lambda e: True), eg.derive([TypeError()])
            sys.excepthook(type(eg), eg, None)
        except BaseException:
            pass
#### exceptiongroup-split-hostile
eg = ExceptionGroup('g', [ValueError(1), ExceptionGroup('h', [TypeError(2), KeyError(3)])])
for cond in [RaiseAll(), lambda e: 1 / 0, lambda e: eg, lambda e: RaiseBool(), (ValueError, 1), 1, (), int, BaseException, lambda e: e.__class__.__bases__, ValueError]:
    for m in (eg.split, eg.subgroup):
        try:
            m(cond)
        except BaseException:
            pass
#### exceptiongroup-derive-weird
class EG(ExceptionGroup):
    def derive(self, excs):
        return 1
eg = EG('g', [ValueError(1), TypeError(2)])
eg.split(ValueError)
#### exceptiongroup-derive-raises
class EG(ExceptionGroup):
    def derive(self, excs):
        raise ValueError('derive')
try:
    raise EG('g', [ValueError(1), TypeError(2)])
except* ValueError:
    pass
#### except-star-hostile
for exc in [ValueError(1), ExceptionGroup('g', [ValueError(1), TypeError(2)]), KeyboardInterrupt(), ExceptionGroup('g', [ExceptionGroup('h', [ValueError()])])]:
    try:
        try:
            raise exc
        except* ValueError as e:
            raise e
        except* TypeError:
            raise KeyError('k')
    except BaseException:
        pass
#### except-star-bad-type
try:
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
except BaseException:
    pass
try:
    raise ValueError(1)
except* (RaiseAll,):
    pass
#### except-bad-type
try:
    raise ValueError(1)
except RaiseAll():
    pass
#### exception-base-new
for cls in (BaseException, ValueError, OSError, SyntaxError, UnicodeDecodeError, StopIteration, SystemExit, KeyError, ExceptionGroup, ImportError, NameError, AttributeError):
    for new_cls in (int, type, cls, _sub_Exception, object):
        try:
            x = cls.__new__(new_cls)
            _use(x)
        except BaseException:
            pass
    try:
        x = cls.__new__(cls)
        str(x), repr(x), x.args, x.__reduce__(), x.__setstate__({'a': 1}), x.__setstate__(1)
    except BaseException:
        pass
#### exception-args-set
e = ValueError(1)
for v in [RaiseAll(), HugeVals(), _reclist(), None, (), 'abc', [1] * 100000, MaxVals()]:
    try:
        e.args = v
        str(e), repr(e)
    except BaseException:
        pass
#### exception-init-reinit
e = OSError(2, 'x', 'f')
OSError.__init__(e, 1, 2, 3, 4, 5, 6)
str(e)
e = UnicodeDecodeError('utf-8', b'x', 0, 1, 'r')
UnicodeDecodeError.__init__(e, 'a', b'', 5, 7, 'q')
str(e)
e = SyntaxError('a', ('f', 1, 2, 't', 1, 2))
SyntaxError.__init__(e)
str(e)
#### stopiteration-value
def g():
    return RaiseAll()
try:
    next(g())
except StopIteration as e:
    repr(e.value)
#### generator-return-stopiteration
def g():
    raise StopIteration(1)
    yield
list(g())
#### coroutine-misuse
c = _coro()
for op in [lambda: c.send(1), lambda: c.send(None), lambda: c.send(None), lambda: c.throw(ValueError), lambda: c.close(), lambda: c.cr_await, lambda: c.cr_frame, lambda: c.cr_origin, lambda: next(c.__await__()), lambda: c.__await__().send(None)]:
    try:
        op()
    except BaseException:
        pass
#### coroutine-await-self
async def f():
    await me
me = f()
me.send(None)
#### coroutine-await-twice
c = _coro()
async def a():
    return await c
async def b():
    return await c
x = a()
y = b()
try:
    x.send(None)
except StopIteration:
    pass
y.send(None)
#### await-hostile
for obj in [RaiseAll(), WrongTypes(), 1, _gen(), iter([1]), _coro().__await__(), None]:
    async def f():
        return await obj
    c = f()
    try:
        c.send(None)
        c.send(None)
    except BaseException:
        pass
#### await-custom-iter
class A:
    def __await__(self):
        return iter([1, 2, 3])
async def f():
    return await A()
c = f()
c.send(None)
c.send(RaiseAll())
c.throw(ValueError)
#### await-genwrapper
@types.coroutine
def g():
    yield RaiseAll()
    return 1
async def f():
    return await g()
c = f()
c.send(None)
c.send(None)
#### async-gen-misuse
a = _agen()
for op in [lambda: a.asend(None).send(None), lambda: a.asend(1).send(None), lambda: a.athrow(ValueError).send(None), lambda: a.aclose().send(None), lambda: a.__anext__().throw(ValueError), lambda: a.athrow(RaiseAll).send(None), lambda: a.asend(None).close(), lambda: a.ag_await, lambda: a.ag_frame, lambda: a.ag_running]:
    try:
        op()
    except BaseException:
        pass
#### async-gen-asend-reuse
a = _agen()
x = a.asend(None)
for op in [lambda: x.send(None), lambda: x.send(None), lambda: x.throw(ValueError), lambda: x.close(), lambda: x.send(None), lambda: x.throw(GeneratorExit)]:
    try:
        op()
    except BaseException:
        pass
#### async-gen-athrow-reuse
a = _agen()
x = a.athrow(ValueError)
for op in [lambda: x.send(None), lambda: x.send(None), lambda: x.throw(KeyError), lambda: x.close(), lambda: x.send(1)]:
    try:
        op()
    except BaseException:
        pass
#### async-gen-yield-in-finally
async def g():
    try:
        yield 1
    finally:
        yield 2
a = g()
try:
    a.asend(None).send(None)
except StopIteration:
    pass
a.aclose().send(None)
#### async-gen-hooks [iso]
sys.set_asyncgen_hooks(firstiter=RaiseAll(), finalizer=RaiseAll())
a = _agen()
a.asend(None).send(None)
#### async-gen-hooks-finalizer [iso]
sys.set_asyncgen_hooks(firstiter=None, finalizer=lambda g: g.aclose().send(None))
a = _agen()
try:
    a.asend(None).send(None)
except StopIteration:
    pass
del a
#### anext-variants
for args in [(1,), (_agen(), 0), (_gen(),), (RaiseAll(),), (_agen(), RaiseAll())]:
    try:
        aw = anext(*args)
        aw.send(None)
        aw.send(None)
        aw.throw(ValueError)
        aw.close()
    except BaseException:
        pass
#### anext-default-exhausted
async def e():
    return
    yield
aw = anext(e(), 5)
aw.send(None)
#### aiter-hostile
class A:
    def __aiter__(self): return 1
aiter(A())
#### async-for-hostile
class A:
    def __aiter__(self): return self
    def __anext__(self): return 1
async def f():
    async for x in A():
        pass
f().send(None)
#### async-with-hostile
class A:
    def __aenter__(self): return 1
    def __aexit__(self, *a): return 1
async def f():
    async with A():
        pass
f().send(None)
#### coroutine-origin [iso]
sys.set_coroutine_origin_tracking_depth(2**31 - 1)
c = _coro()
c.cr_origin
sys.set_coroutine_origin_tracking_depth(-1)
#### metaclass-mro-bad
for r in [[1], (int, object), (object,) * 100000, None, RaiseAll(), [], 'abc', (int, str), _reclist()]:
    class M(type):
        def mro(cls):
            return r
    try:
        class K(metaclass=M): pass
        K(), K.__mro__, dir(K), K.x
    except BaseException:
        pass
#### metaclass-mro-layout
class M(type):
    def mro(cls):
        return (cls, int, object)
class K(metaclass=M): pass
K().bit_length()
#### metaclass-mro-mutates
class M(type):
    def mro(cls):
        cls.__bases__ = (dict,)
        return type.mro(cls)
class K(list, metaclass=M): pass
K()
#### metaclass-prepare-bad
for p in [1, RaiseAll(), DictSub(), _BadMap(), None, [], WrongTypes()]:
    class M(type):
        @classmethod
        def __prepare__(mcls, name, bases, **kw):
            return p
    try:
        class K(metaclass=M):
            x = 1
            def f(self): return __class__
    except BaseException:
        pass
#### mro-entries-bad
for r in [(1,), (), (int, int), RaiseAll(), (object,) * 100000, [int], None]:
    class B:
        def __mro_entries__(self, bases):
            return r
    try:
        class K(B()): pass
    except BaseException:
        pass
#### init-subclass-hostile
class B:
    def __init_subclass__(cls, **kw):
        raise ValueError(kw)
class K(B, x=RaiseAll()): pass
#### set-name-raises
class D:
    def __set_name__(self, owner, name):
        raise ValueError(name)
class K:
    d = D()
#### class-layout-conflicts
for bases in [(int, str), (list, dict), (bool,), (type(None),), (range,), (slice,), (memoryview,), (type(len),), (type(_func.__code__),), (int, float), (BaseException, int), (tuple, list), (type, int), (_Slots, _sub_int), (OSError, UnicodeDecodeError), (type(sys._getframe()),), (type(_gen()),), (type(_tb()),)]:
    try:
        K = type('K', bases, {})
        _use(K())
    except BaseException:
        pass
#### slots-weird
for s in [('__dict__', '__dict__'), 1, ['\udc80'], ('a',) * 2, RaiseAll(), ('__weakref__',) * 2, ('a b',), ('',), ('__class__',), {'a': 1}, iter(['a']), '', 'x' * 10**5, (StrSub('a'),)]:
    try:
        K = type('K', (), {'__slots__': s})
        k = K()
        _use(k)
    except BaseException:
        pass
#### slots-on-builtin-subclass
for base in (int, tuple, bytes, str, float, complex, list, dict, BaseException):
    try:
        K = type('K', (base,), {'__slots__': ('a',)})
        k = K()
        k.a = 1
        _use(k)
    except BaseException:
        pass
#### class-dict-nonstr-keys
K = type('K', (), {1: 2, '\udc80': 3, StrSub('z'): 4})
dir(K), vars(K), repr(K.__dict__), K()
#### type-new-hostile
for a in [('X', (), {'__qualname__': 1}), ('\x00', (), {}), (1, (), {}), ('X', (1,), {}), ('X', (), DictSub()), ('X', (), {'__init_subclass__': 1}), ('X', (), {'__classcell__': 1}), ('X', (), {'__new__': 1}), ('X', (), {'__eq__': 1}), ('X', (), {'__hash__': RaiseAll()}), ('X', (), {'__slots__': (), '__dict__': 1}), ('X', (int,), {'__index__': 1}), ('X', (), {'__getattribute__': None}), ('X', (), {'__class_getitem__': 1}), ('X' * 10**6, (), {}), ('X', (object,) * 2, {})]:
    try:
        K = type(*a)
        _use(K)
        _use(K())
    except BaseException:
        pass
#### type-setattr-builtin
for t in (int, type, object, list, type(None)):
    for n, v in [('x', 1), ('__name__', '\udc80'), ('__qualname__', 1), ('__bases__', ()), ('__doc__', 1), ('__module__', None), ('__dict__', {}), ('__class__', type), ('__abstractmethods__', ()), ('__eq__', 1)]:
        try:
            setattr(t, n, v)
        except BaseException:
            pass
        try:
            object.__setattr__(t, n, v)
        except BaseException:
            pass
        try:
            type.__setattr__(t, n, v)
        except BaseException:
            pass
#### heap-type-attrs
class K: pass
for n, v in [('__name__', '\udc80'), ('__name__', 'a\x00b'), ('__name__', 1), ('__qualname__', 1), ('__module__', RaiseAll()), ('__doc__', RaiseAll()), ('__bases__', ()), ('__bases__', (int,)), ('__bases__', (K,)), ('__bases__', (object, object)), ('__abstractmethods__', RaiseAll()), ('__abstractmethods__', ['f']), ('__dict__', {}), ('__class__', int), ('__annotations__', 1)]:
    try:
        setattr(K, n, v)
        _use(K)
        _use(K())
    except BaseException:
        pass
#### bases-cycle
class A: pass
class B(A): pass
A.__bases__ = (B,)
#### bases-assign-layouts
class A(list): pass
class B(dict): pass
class C: pass
for x, bs in [(A, (dict,)), (A, (B,)), (C, (list,)), (C, (int,)), (A, (C,)), (B, (list,)), (C, (_Slots,))]:
    try:
        x.__bases__ = bs
        _use(x())
    except BaseException:
        pass
#### abstractmethods
class K:
    def f(self): pass
K.__abstractmethods__ = frozenset({'f'})
K()
#### super-variants
class A:
    def f(self): return super().f()
    def g(): return super()
    @classmethod
    def c(cls): return super().c
    @staticmethod
    def s(): return super()
for op in [lambda: A().f(), lambda: A.g(), lambda: A.c(), lambda: A.s(), lambda: super(int, 'x'), lambda: super(int, int).__call__, lambda: super(1, 2), lambda: super(A, A).f, lambda: super(type, int).__call__(int, 5), lambda: super(A), lambda: super(A).__get__(A()).f, lambda: super(A).__get__(1), lambda: super.__new__(super).__repr__(), lambda: super.__new__(super).f, lambda: super.__init__(super(int, 1), str, 'x'), lambda: super(A, A()).__self_class__, lambda: super(A, A()).__thisclass__]:
    try:
        op()
    except BaseException:
        pass
#### super-no-self
class A:
    def f(self):
        del self
        return super()
A().f()
#### super-class-cell-bad
class A:
    def f(self):
        __class__
        return super()
A.f.__closure__[0].cell_contents = 1
A().f()
#### super-class-cell-empty
class A:
    def f(self):
        return super().__repr__()
c = A.f.__closure__[0]
del c.cell_contents
A().f()
#### property-hostile
p = property(RaiseAll(), RaiseAll(), RaiseAll(), RaiseAll())
class K:
    x = p
for op in [lambda: K().x, lambda: setattr(K(), 'x', 1), lambda: delattr(K(), 'x'), lambda: p.__get__(None, None), lambda: p.__get__(1), lambda: p.__set__(None, 1), lambda: p.getter(1).fget, lambda: p.deleter(RaiseAll()).__isabstractmethod__, lambda: property.__init__(p, 1, 2, 3, 4), lambda: property().__get__(1), lambda: property().__set__(1, 2), lambda: p.__isabstractmethod__, lambda: p.__doc__]:
    try:
        op()
    except BaseException:
        pass
#### property-reinit-during-get
class K:
    def g(self):
        property.__init__(K.__dict__['x'], None)
        return 1
    x = property(g)
K().x
K().x
#### classmethod-hostile
for f in [1, None, RaiseAll(), WrongTypes(), _ident, property(_ident), classmethod(_ident), staticmethod(_ident)]:
    for wrapper in (classmethod, staticmethod):
        try:
            w = wrapper(f)
            w.__get__(None, int)
            w.__get__(1)
            w.__get__(None, None)
            w.__func__, w.__wrapped__, w.__isabstractmethod__
            w()
        except BaseException:
            pass
#### descriptor-hostile
class D:
    __get__ = RaiseAll()
    __set__ = RaiseAll()
class K:
    a = D()
for op in [lambda: K().a, lambda: K.a, lambda: setattr(K(), 'a', 1), lambda: delattr(K(), 'a')]:
    try:
        op()
    except BaseException:
        pass
#### getattribute-recursion-guard
class K:
    def __getattribute__(self, n):
        return object.__getattribute__(self, '__dict__')[n]
    def __getattr__(self, n):
        return self.missing
K().x
#### class-assignment-plain
class A: pass
class B:
    __slots__ = ('a',)
class C(int): pass
x = A()
for t in [B, C, int, object, type, _Slots, A, RaiseAll, _sub_list]:
    try:
        x.__class__ = t
        _use(x)
    except BaseException:
        pass
#### class-assignment-module
m = type(sys)('m')
class M(type(sys)): pass
m.__class__ = M
m.__class__ = _Plain
_use(m)
#### class-assignment-during-method
class A(list):
    def __len__(self):
        self.__class__ = B
        return 5
class B(list): pass
a = A([1, 2])
len(a), list(a), a.sort(), repr(a)
#### isinstance-classlies
x = ClassLies()
isinstance(x, int), issubclass(type(x), int)
for f in (int, float, str, hex, abs, len, hash, round, divmod, pow, sorted, list, bool, complex, chr, bin, format, repr):
    try:
        f(x)
    except BaseException:
        pass
#### isinstance-hostile-meta
class M(type):
    def __instancecheck__(cls, o): raise ValueError('ic')
    def __subclasscheck__(cls, o): return RaiseBool()
class K(metaclass=M): pass
for op in [lambda: isinstance(1, K), lambda: issubclass(int, K), lambda: isinstance(1, (int, K)), lambda: issubclass(K, K), lambda: isinstance(K(), K)]:
    try:
        op()
    except BaseException:
        pass
try:
    try:
        raise ValueError
    except K:
        pass
except BaseException:
    pass
#### bases-hostile-issubclass
class B:
    __bases__ = RaiseAll()
class C:
    @property
    def __bases__(self): return (self,)
for op in [lambda: issubclass(B(), int), lambda: issubclass(int, B()), lambda: issubclass(C(), C()), lambda: isinstance(1, B()), lambda: isinstance(C(), C())]:
    try:
        op()
    except BaseException:
        pass
#### dict-key-eq-clears
d = {}
class K:
    def __hash__(self): return 1
    def __eq__(self, o):
        d.clear()
        return False
d[K()] = 1
d[K()] = 2
d.get(K()), K() in d, d.pop(K(), 0), d.setdefault(K(), 3)
#### dict-key-eq-grows
d = {}
class K:
    def __hash__(self): return 1
    def __eq__(self, o):
        for i in range(100):
            d[('x', i)] = i
        return False
d[K()] = 1
d[K()] = 2
d[K()]
#### dict-hash-mutates-during-insert
d = {}
class K:
    def __hash__(self):
        d.clear()
        for i in range(50):
            d[i] = i
        return 7
for i in range(10):
    d[K()] = i
#### dict-colliding-keys
class K:
    def __hash__(self): return 1
ks = [K() for i in range(2000)]
d = dict.fromkeys(ks)
all(k in d for k in ks[:100])
#### set-eq-clears
s = set()
class K:
    def __hash__(self): return 1
    def __eq__(self, o):
        s.clear()
        return True
s.add(K())
s.add(K())
K() in s, s.discard(K()), s.remove(K()) if s else None
#### set-ops-mutating
a = {MutAll(), 1, 2, 3}
_arm(a)
b = {MutAll(), 2, 3, 4}
for op in ['a | b', 'a & b', 'a - b', 'a ^ b', 'a <= b', 'a == b', 'a.isdisjoint(b)', 'a.issubset(b)', 'b.issubset(a)', 'a |= b', 'a &= b', 'a -= b', 'a ^= b', 'frozenset(a) == frozenset(b)', 'hash(frozenset(b))']:
    try:
        exec(op)
    except BaseException:
        pass
#### list-sort-lt-appends
l = []
class K:
    def __lt__(self, o):
        l.append(K())
        return True
l.extend(K() for i in range(20))
l.sort()
#### list-sort-lt-clears
l = []
class K:
    def __lt__(self, o):
        l.clear()
        return False
l.extend(K() for i in range(50))
l.sort()
sorted(l)
#### list-sort-key-mutates
l = [3, 1, 2] * 10
for key in [l.append, l.remove, l.index, l.count, lambda x: l.sort(), lambda x: l.clear(), lambda x: l.reverse(), lambda x: l.__init__([1]), lambda x: l.extend(l), lambda x: l.__setitem__(slice(None), [])]:
    try:
        l.sort(key=key)
    except BaseException:
        pass
    try:
        sorted(l, key=key)
    except BaseException:
        pass
    try:
        max(l, key=key), min(l, key=key)
    except BaseException:
        pass
#### list-sort-reentrant
l = [3, 1, 2]
class K:
    def __lt__(self, o):
        l.sort()
        return True
l = [K() for i in range(10)]
l.sort()
#### list-sort-keyfunc-raises
l = list(range(100))
def k(x):
    if x == 50: raise ValueError
    return -x
l.sort(key=k)
#### list-eq-mutates
a = [MutAll()] * 5
b = [MutAll()] * 5
_arm(a)
a == b, a < b, b in [a], a.count(b[0]), a.index(b[0]), b[0] in a
#### list-selfref-ops
l = [1, 2, 3]
for op in ['l[:] = l', 'l[1:1] = l', 'l[::-1] = l', 'l[::2] = l[:len(l[::2])]', 'l.extend(l)', 'l += l', 'l *= 2', 'l.__init__(l)', 'l.insert(0, l)', 'l.index(l)', 'l.count(l)', 'l.remove(l)', 'l == l', 'l < l', 'repr(l)', 'l.append(l)', 'l[0] = l', 'del l[:]', 'l.sort(key=len)']:
    try:
        exec(op)
    except BaseException:
        pass
#### bytearray-selfref-ops
b = bytearray(b'abc')
for op in ['b[:] = b', 'b[1:1] = b', 'b[::-1] = b', 'b.extend(b)', 'b += b', 'b *= 2', 'b.__init__(b)', 'b.insert(0, 1)', 'b.find(b)', 'b.replace(b, b)', 'b.join([b, b])', 'b.translate(b * 100)', 'b[:] = memoryview(b)', 'b.extend(memoryview(b))', 'b[0:0] = memoryview(b)', 'b.__setitem__(slice(None), memoryview(b)[::-1])', 'b.split(b)', 'b.partition(b)', 'b.__iadd__(memoryview(b))', 'b.__imul__(MutIndex())']:
    try:
        exec(op)
    except BaseException:
        pass
#### bytearray-exported-resize
b = bytearray(b'abcd')
m = memoryview(b)
for op in ['b += b"x"', 'b *= 2', 'b.clear()', 'b[0:1] = b"xy"', 'del b[0]', 'b.pop()', 'b.extend(b"x")', 'b.append(1)', 'b.insert(0, 1)', 'b.remove(97)', 'b.reverse()', 'b[:] = b""', 'b.__init__()', 'b.__init__(10)', 'b[::2] = b"xy"', 'b.__setitem__(slice(0, 4), b"")']:
    try:
        exec(op)
    except BaseException:
        pass
m.tolist(), m.release()
b.clear()
#### memoryview-with-block
b = bytearray(b'abc')
with memoryview(b) as m:
    try:
        b.clear()
    except BufferError:
        pass
    m.release()
m[0]
#### memoryview-released-during-op
b = bytearray(b'abcd')
m = memoryview(b)
class I:
    def __index__(self):
        m.release()
        return 0
for op in ['m[I()]', 'm[I()] = 1', 'm[0] = I()', 'm[I():I()]', 'm.tolist()', 'm.cast("B", (I(),))', 'm.hex(":", I())', 'm[::I()]', 'bytes(m)']:
    try:
        exec(op)
    except BaseException:
        pass
#### memoryview-release-while-iter
m = memoryview(bytearray(b'abcdef'))
it = iter(m)
next(it)
m.release()
list(it)
#### memoryview-cast-variants
m = memoryview(bytearray(b'abcdefgh'))
for a in [('B', [2, 2]), ('c',), ('I', (1,)), ('b', (0,)), ('B', [2**62, 2]), ('B', [-1]), ('B', [1] * 65), ('d',), ('?',), ('P',), ('e',), ('n',), ('q',), ('x',), ('@B',), ('<B',), ('B', 1), ('B', RaiseAll()), ('B', [MaxVals()]), ('B', [HugeVals()]), ('\udc80',), ('',), ('BB',), ('B', []), ('B', [8, 1, 1, 1]), ('B', [0])]:
    try:
        c = m.cast(*a)
        c.tolist(), c.tobytes(), bytes(c), c.shape, c.strides, c.nbytes, c.itemsize, c.format, c.hex(), repr(c)
        c[0]
        c[0] = c[0]
        c == m, c == c, hash(c.toreadonly())
    except BaseException:
        pass
#### memoryview-multidim
m = memoryview(bytearray(b'abcdefgh')).cast('B', [2, 4])
for op in ['m[0]', 'm[0, 0]', 'm[1, 3]', 'm[2, 0]', 'm[-3, 0]', 'm[..., 0]', 'm[...]', 'm[()]', 'm[1:2, 1:2]', 'm[0, 0] = 1', 'm[0, 0] = 256', 'm[::-1]', 'm.tolist()', 'm.tobytes("F")', 'm.tobytes("A")', 'm.tobytes("X")', 'm.cast("B")', 'm.cast("c", [8])', 'm == m', 'list(m)', 'len(m)', 'm[0:1].tolist()', 'm[0, 2**63]', 'm[0, -2**63]', 'm[MutIndex(), 0]', 'm[::-1].tobytes()', 'm[::-1].cast("B")', 'memoryview(m)[0, 1]', 'm.T' ]:
    try:
        exec(op)
    except BaseException:
        pass
#### memoryview-setitem-variants
m = memoryview(bytearray(b'abcdefgh'))
for op in ['m[0] = 256', 'm[0] = -1', 'm[0:2] = b"x"', 'm[::-1] = m', 'm[::2] = m[1::2]', 'm[1:] = m[:-1]', 'm.cast("i")[0] = 2**31', 'm.cast("d")[0] = "x"', 'm.cast("?")[0] = RaiseBool()', 'm.cast("c")[0] = b"ab"', 'm.cast("f")[0] = 1e308', 'm.cast("e")[0] = 1e308', 'm.cast("q")[0] = -2**63', 'm.cast("Q")[0] = 2**64', 'm.cast("P")[0] = -1', 'm[::-3] = b"xyz"', 'm[2**63] = 1', 'm[:] = memoryview(b"abcdefgh").cast("i")', 'm[0:0] = b""', 'm[:] = _released_mv()', 'm.toreadonly()[0] = 1', 'm[slice(MaxVals(), None)] = b""']:
    try:
        exec(op)
    except BaseException:
        pass
#### memoryview-compare-formats
a = memoryview(b'\x00' * 8).cast('d')
b = memoryview(b'\x00' * 8).cast('q')
c = memoryview(b'\x00' * 8).cast('B', [2, 4])
n = memoryview(b'\xff' * 8).cast('d')
a == b, a == c, c == c, n == n, a == memoryview(b'\x00' * 8), c == memoryview(b'\x00' * 8).cast('B', [4, 2]), a == RaiseAll(), n.tolist()
#### memoryview-hex-variants
m = memoryview(b'abcdef')
for a in [('\udc80',), ('ab',), (':', 2**63), (':', -2**63), (':', 0), (b':', 1), (':', MaxVals()), ('', 1), (1,), ('\U0010ffff', 2)]:
    try:
        m.hex(*a)
        b'abcdef'.hex(*a)
        bytearray(b'abcdef').hex(*a)
    except BaseException:
        pass
#### fromhex-variants
for s in ['a b', '\udc80', ' ' * 10**6, 'g', 'a', '0' * 10**6 + 'x', '\u0661\u0662', 'aa\x00', 'AA BB ', '\t\n\x0b\x0c\r 00']:
    for f in (bytes.fromhex, bytearray.fromhex, float.fromhex):
        try:
            f(s)
        except BaseException:
            pass
#### float-fromhex-edges
for s in ['0x1.fffffffffffff7p1023', '0x.', ' 0x1p-1075 ', '0x1' + '0' * 10**5 + 'p-400000', '0x1p99999999999999999999', '0x1p-99999999999999999999', '-0x1.8p-1074', '0x1.0000000000000800000000001p0', 'inf', '-nan', '0x', '0xp1', '0x1p', '0x1.p+', '0X1P+1', '+0x1e', '0x' + 'f' * 10000 + 'p-40000']:
    try:
        float.fromhex(s)
    except BaseException:
        pass
#### int-parse-edges
for s, b in [('0x', 0), ('0_1', 0), ('\u0661\u0662\u0663', 10), ('\u00b2', 10), (' -0b1_0 ', 0), ('\x001', 10), ('1' * 4301, 10), ('z' * 1000, 36), ('1', 37), ('1', 1), ('1', -1), ('1', 2**63), ('0' * 10**5 + '1', 10), ('1__0', 10), ('_1', 10), ('1_', 10), ('0b', 0), ('0o8', 0), ('08', 0), ('00', 0), ('\U0001d7ce', 10), ('\uff11', 10), ('1' * 10**5, 16), ('1' * 10**5, 2)]:
    try:
        int(s, b)
    except BaseException:
        pass
#### float-parse-edges
for s in ['1e400', '-nan(ind)', 'infinity', 'in f', '\u0661.\u0665', '0x1p3', '1_0.5', '1__0', '1e', '.e1', '1.5j', '  1.5\x00', '1' * 10**6, '1e' + '9' * 1000, '0.' + '0' * 10**5 + '1', '-.0e-0', '+inF', 'nAn', '1e-400', '4.9e-324', '2.4703282292062328e-324', '1.7976931348623158e308', '1.7976931348623159e308', '\u00b2']:
    try:
        float(s)
        complex(s)
        complex(s + 'j')
    except BaseException:
        pass
#### complex-parse-edges
for s in ['1+2j ', '(1+2j', '1e400j', 'nanj', '(1)', '( 1+1j )', '1+', 'j', '+j', '-j', '1jj', '1+2j+3', '\u0661+\u0662j', 'infj+inf', '(', ')', '()', '1e' + '9' * 1000 + 'j']:
    try:
        complex(s)
    except BaseException:
        pass
#### float-edges
for x in [1e308, float('inf'), float('nan'), 5e-324, -0.0, 1.7976931348623157e308]:
    for op in [lambda: x.as_integer_ratio(), lambda: round(x, -400), lambda: round(x, 400), lambda: round(x, 2**63), lambda: round(x, -2**63), lambda: round(x), lambda: x.__trunc__(), lambda: x.hex(), lambda: divmod(x, 1e-308), lambda: x % -1e-308, lambda: x // 5e-324, lambda: pow(x, 1e308), lambda: pow(-x, 0.5), lambda: pow(x, -x), lambda: x.is_integer(), lambda: int(x), lambda: hash(x), lambda: format(x, '.1000000f'), lambda: format(x, 'n'), lambda: format(x, '%'), lambda: '%.300e' % x, lambda: x.__getformat__('double'), lambda: float.__getformat__('\udc80'), lambda: x.__round__(10**100)]:
        try:
            op()
        except BaseException:
            pass
#### int-edges
for x in [0, -1, 2**63 - 1, -2**63, 2**64, 10**100, -10**100, 2**1000]:
    for op in [lambda: x.to_bytes(1), lambda: x.to_bytes(2**31), lambda: x.to_bytes(-1), lambda: x.to_bytes(8, 'big', signed=True), lambda: x.to_bytes(200, 'little', signed=False), lambda: x.to_bytes(8, '\udc80'), lambda: int.from_bytes(x.to_bytes(200, 'big', signed=True), 'big', signed=True), lambda: x.bit_length(), lambda: x.bit_count(), lambda: x.as_integer_ratio(), lambda: round(x, -2**63), lambda: round(x, -10**100), lambda: round(x, -19), lambda: x >> 2**63, lambda: x << 2**40, lambda: x // -1, lambda: x % -1, lambda: divmod(x, -1), lambda: pow(x, -1, 7), lambda: pow(x, 2**63, 2**64 + 1), lambda: pow(x, -2**63, 2**61 - 1), lambda: x.__round__(-1), lambda: x.__format__(',d'), lambda: x.__format__('_b'), lambda: x.__format__('c'), lambda: format(x, '#x'), lambda: hash(x), lambda: float(x), lambda: x / 3, lambda: 3 / x if x else 0, lambda: x.__truediv__(10**400), lambda: x.conjugate(), lambda: complex(x, x)]:
        try:
            op()
        except BaseException:
            pass
#### int-max-str-digits [iso]
for n in [-1, 0, 1, 639, 640, 2**31, 2**63]:
    try:
        sys.set_int_max_str_digits(n)
    except BaseException:
        pass
sys.set_int_max_str_digits(0)
len(str(10**100000)), int('1' * 100000)
sys.set_int_max_str_digits(640)
for f in (lambda: str(10**1000), lambda: int('1' * 1000), lambda: repr(10**1000), lambda: '%d' % 10**1000, lambda: format(10**1000, 'd'), lambda: hex(10**10000), lambda: int('f' * 10000, 16)):
    try:
        f()
    except BaseException:
        pass
#### str-format-nested
for fmt, a in [('{0:{0:{0}}}', (1,)), ('{!r:}', (RaiseAll(),)), ('{0[0]}', (RaiseAll(),)), ('{0.__class__.__mro__[1].__subclasses__}', (1,)), ('{:\udc80}', (1,)), ('{:%}', ('x',)), ('{0[9999999999999999999999]}', ([],)), ('{0[-1]}', ([1],)), ('{0.real.imag.real}', (1,)), ('{' * 100 + '}' * 100, ()), ('{0:{1}}', (1, '{' * 1000)), ('{0!s:{1}{2}}', (1, '>', 2**63)), ('{:{}}', (1, 'x' * 10**6)), ('{a.b[c]}', ()), ('{}', ()), ('{0}{1}', (1,)), ('{!}', (1,)), ('{:}}', (1,)), ('{0:.{1}f}', (1.0, 2**63)), ('{0[}', ([],)), ('{0!r:>{1}}', (RaiseAll(), 5)), ('{0.}', (1,)), ('{0[]}', ([],))]:
    try:
        fmt.format(*a)
    except BaseException:
        pass
    try:
        fmt.format_map(DictSub())
    except BaseException:
        pass
    try:
        fmt.format_map(RaiseAll())
    except BaseException:
        pass
#### fstring-hostile
x = RaiseAll()
for s in ["f'{x}'", "f'{x!r}'", "f'{x!a}'", "f'{x:>{x}}'", "f'{1:{x}}'", "f'{1:{2**63}}'", "f'{1:{\"{\" * 100}}}'", "f'{x=}'", "f'{1=!r:^20}'"]:
    try:
        eval(s)
    except BaseException:
        pass
#### translate-variants
for t in [{97: '\udc80' * 10**5}, {97: 2**31}, {97: -1}, {97: HugeVals()}, {97: RaiseAll()}, DictSub(), RaiseAll(), _Seq(), {97: 0x110000}, {97: 'xyz' * 10**5}, {97: None}, {97: b'x'}, [], 'b' * 1000, HugeVals()]:
    try:
        ('abc' * 1000).translate(t)
        '\udc80\U0010ffff'.translate(t)
    except BaseException:
        pass
#### maketrans-variants
for a in [({'ab': 1},), ({1.5: 2},), ('a', 'bb'), ('', '', RaiseAll()), ({},), (DictSub(),), ('\udc80', '\U0010ffff'), ({'\udc80': '\U0010ffff' * 100},), (RaiseAll(),), ({2**63: 1},), ({-1: 1},), ('a' * 10**5, 'b' * 10**5, 'c' * 10**5)]:
    try:
        t = str.maketrans(*a)
        'abc\udc80'.translate(t)
    except BaseException:
        pass
for a in [(b'ab', b'c'), (memoryview(b'ab'), bytearray(b'cd')), (_released_mv(), b'ab'), (b'x' * 256, b'y' * 256)]:
    try:
        t = bytes.maketrans(*a)
        b'abc'.translate(t, b'a')
    except BaseException:
        pass
#### bytes-translate
for a in [(b'x' * 255,), (None, b'\xff' * 10**6), (RaiseAll(),), (b'x' * 256, RaiseAll()), (bytearray(256),), (memoryview(bytes(256)),), (_released_mv(),), (None, _released_mv())]:
    try:
        b'abc'.translate(*a)
        bytearray(b'abc').translate(*a)
    except BaseException:
        pass
#### print-hostile
for kw in [dict(file=RaiseAll()), dict(sep=1), dict(end='\udc80'), dict(file=sys.stdin), dict(flush=RaiseBool()), dict(sep=b''), dict(end=RaiseAll()), dict(file=1), dict(file=None, sep='\udc80'), dict(sep=StrSub('x'))]:
    try:
        print(1, 2, **kw)
    except BaseException:
        pass
class W:
    def write(self, s): return RaiseAll()
    def flush(self): raise ValueError
print('x', file=W(), flush=True)
#### print-many
print(*[1] * 10**5)
print(*['\U0010ffff' * 10] * 10**4, sep='\x00')
#### stdout-hostile [iso]
sys.stdout = RaiseAll()
print(1)
#### stdout-none [iso]
sys.stdout = None
print(1)
exec(compile('1', '', 'single'))
#### stdout-del [iso]
del sys.stdout
print(1)
#### stdout-wrongwrite [iso]
class W:
    def write(self, s): return 'x'
    flush = None
sys.stdout = W()
print(1, flush=True)
exec(compile('1 + 1', '', 'single'))
#### stderr-hostile-top [top]
sys.stderr = RaiseAll()
raise ValueError('x')
#### stderr-none-top [top]
sys.stderr = None
raise ValueError('x')
#### stderr-del-top [top]
del sys.stderr
raise ValueError('x')
#### excepthook-hostile-top [top]
sys.excepthook = RaiseAll()
raise ValueError('x')
#### excepthook-none-top [top]
sys.excepthook = None
1 / 0
#### excepthook-del-top [top]
del sys.excepthook
1 / 0
#### excepthook-raises-same [top]
def h(*a):
    raise a[1]
sys.excepthook = h
raise ValueError('x')
#### displayhook-hostile [iso]
for h in [RaiseAll(), 1, None, lambda x: 1 / 0, print]:
    sys.displayhook = h
    try:
        exec(compile('1', '', 'single'))
        exec(compile('RaiseAll()', '', 'single'))
    except BaseException:
        pass
del sys.displayhook
exec(compile('1', '', 'single'))
#### displayhook-repr-raises
sys.displayhook(RaiseAll())
sys.displayhook(WrongTypes())
sys.__displayhook__(HugeVals())
#### unraisablehook-hostile [iso]
for h in [RaiseAll(), None, 1, lambda u: 1 / 0]:
    sys.unraisablehook = h
    x = RaiseAll()
    del x
    y = MutDel()
    del y
del sys.unraisablehook
x = RaiseAll()
del x
#### del-raises-variants
class D:
    def __del__(self):
        raise RaiseAll()
class E:
    def __del__(self):
        global resurrect
        resurrect = self
class F:
    def __del__(self):
        raise SystemExit(1)
class G:
    def __del__(self):
        sys.exit(0)
for c in (D, E, F, G):
    x = c()
    del x
l = [D(), E(), F(), G()] * 10
l.clear()
d = {i: c() for i, c in enumerate([D, E, F, G] * 5)}
d.clear()
#### del-resurrect-container
keep = []
class R:
    def __del__(self):
        keep.append(self)
        keep.append(self.__dict__)
l = [R() for i in range(100)]
del l
keep.clear()
#### breakpointhook [iso]
sys.breakpointhook = RaiseAll()
breakpoint()
#### breakpoint-args
breakpoint(1, 2, x=RaiseAll())
#### audit-hooks [iso]
sys.addaudithook(RaiseAll())
for op in [lambda: exec('1'), lambda: compile('1', '', 'exec'), lambda: __import__('keyword'), lambda: open('/dev/null'), lambda: sys._getframe(), lambda: sys.audit('x', 1, 2), lambda: object.__getattribute__(_func, '__code__')]:
    try:
        op()
    except BaseException:
        pass
#### audit-hooks-recursive [iso]
def h(event, args):
    sys.audit('inner', event)
sys.addaudithook(h)
sys.audit('x')
compile('1', '', 'exec')
#### audit-hook-adds-hook [iso]
def h(event, args):
    sys.addaudithook(h)
sys.addaudithook(h)
sys.audit('x', *[1] * 100000)
#### audit-bigargs
sys.audit('x' * 10**6, *range(100000))
sys.audit('\udc80', RaiseAll())
sys.audit(1)
#### settrace-raises [iso]
def tr(frame, event, arg):
    raise ValueError(event)
sys.settrace(tr)
def f():
    return 1
f()
#### settrace-wrongreturn [iso]
sys.settrace(lambda *a: 1)
def f():
    x = 1
    return x
f()
#### settrace-self [iso]
sys.settrace(sys.settrace)
def f(): return 1
f()
#### setprofile-self [iso]
sys.setprofile(sys.setprofile)
len([])
def f(): return 1
f()
#### setprofile-raises [iso]
def pr(frame, event, arg):
    raise ValueError(event)
sys.setprofile(pr)
len([])
sorted([3, 1, 2], key=lambda x: x)
#### settrace-resets-inside [iso]
def tr(frame, event, arg):
    sys.settrace(None)
    sys.settrace(tr)
    frame.f_trace = tr
    return tr
sys.settrace(tr)
def f():
    for i in range(3):
        pass
    return 1
f()
#### settrace-f-trace-hostile [iso]
def tr(frame, event, arg):
    frame.f_trace = RaiseAll()
    frame.f_trace_lines = RaiseBool()
    frame.f_trace_opcodes = True
    return None
sys.settrace(tr)
def f():
    x = 1
    return x
f()
#### settrace-jump [iso]
import sys
targets = [0, -1, 10**9, 2**63, 'x', None]
def make(t):
    def tr(frame, event, arg):
        if event == 'line' and frame.f_code.co_name == 'f':
            try:
                frame.f_lineno = t(frame) if callable(t) else t
            except BaseException:
                pass
        return tr
    return tr
def f():
    a = 1
    for i in range(2):
        try:
            a += 1
        finally:
            a -= 1
    with open('/dev/null') as h:
        b = 2
    try:
        raise ValueError
    except ValueError:
        c = 3
    return a
for t in targets + [lambda fr: fr.f_code.co_firstlineno, lambda fr: fr.f_lineno + 1, lambda fr: fr.f_lineno - 1, lambda fr: fr.f_lineno + 3, lambda fr: fr.f_lineno + 5, lambda fr: fr.f_code.co_firstlineno + 7, lambda fr: fr.f_code.co_firstlineno + 11, lambda fr: fr.f_code.co_firstlineno + 13, lambda fr: fr.f_code.co_firstlineno + 4, lambda fr: fr.f_code.co_firstlineno + 2]:
    sys.settrace(make(t))
    try:
        f()
    except BaseException:
        pass
    sys.settrace(None)
#### settrace-generator [iso]
def tr(frame, event, arg):
    if event == 'return' and frame.f_code.co_name == 'g':
        try:
            frame.f_lineno = frame.f_code.co_firstlineno + 1
        except BaseException:
            pass
    return tr
def g():
    yield 1
    yield 2
sys.settrace(tr)
list(g())
#### settrace-locals [iso]
def tr(frame, event, arg):
    frame.f_locals['x'] = RaiseAll()
    frame.f_locals.clear()
    return tr
sys.settrace(tr)
def f():
    x = 1
    y = x + 1
    return y
f()
#### getframe-variants
for n in [-1, 2**31, 2**63, 10**100, 0, 1, 2, 100, RaiseAll(), IntSub(1), MaxVals()]:
    try:
        sys._getframe(n)
    except BaseException:
        pass
#### getsizeof-variants
class S:
    def __init__(self, v): self.v = v
    def __sizeof__(self): return self.v
for v in [-1, 2**63, 'x', 1.5, IntSub(3), RaiseAll(), sys.maxsize, 10**100, None, True, MaxVals()]:
    try:
        sys.getsizeof(S(v))
    except BaseException:
        pass
    try:
        sys.getsizeof(S(v), 5)
    except BaseException:
        pass
#### intern-variants
for s in [StrSub('x'), '\udc80', _BIGSTR, 'a' * 10**6, b'x', 1, '', '\x00']:
    try:
        sys.intern(s)
    except BaseException:
        pass
#### switchinterval
for v in [0, -1, float('nan'), float('inf'), 1e-308, 2**63, 'x']:
    try:
        sys.setswitchinterval(v)
    except BaseException:
        pass
sys.setswitchinterval(0.005)
#### sys-exit-variants-top [top]
sys.exit(RaiseAll())
#### sys-exit-surrogate-top [top]
sys.exit('\udc80')
#### sys-exit-huge-top [top]
sys.exit(2**63)
#### sys-exit-neg-top [top]
sys.exit(-10**100)
#### systemexit-code-wrongtypes-top [top]
raise SystemExit(WrongTypes())
#### systemexit-str-raises-top [top]
raise SystemExit(StrSub('x'))
#### keyerror-top [top]
raise KeyError(RaiseAll())
#### exc-huge-str-top [top]
raise ValueError('\U0010ffff' * 10**6)
#### exc-surrogate-top [top]
raise ValueError('\udc80\ud800')
#### exc-str-raises-top [top]
class E(Exception):
    def __str__(self): raise ValueError
raise E
#### exc-cycle-top [top]
e = ValueError(1)
f = TypeError(2)
e.__cause__ = f
f.__context__ = e
raise e
#### exc-deep-context-top [top]
e = ValueError(0)
for i in range(100000):
    n = ValueError(i)
    n.__context__ = e
    e = n
raise e
#### exc-notes-top [top]
e = ValueError(1)
e.__notes__ = [RaiseAll(), 1, '\udc80']
raise e
#### exc-eg-top [top]
raise ExceptionGroup('g', [ValueError(1), ExceptionGroup('h', [TypeError(2)] * 1000)])
#### exc-nonexc-raise
raise 1
#### raise-from-hostile
try:
    raise ValueError from RaiseAll()
except BaseException:
    pass
try:
    raise ValueError from 1
except BaseException:
    pass
raise ValueError from RaiseAll
#### raise-class-hostile-new
class E(Exception):
    def __new__(cls, *a):
        return 1
raise E
#### raise-class-init-raises
class E(Exception):
    def __init__(self, *a):
        raise E
raise E
#### module-hostile
m = type(sys)('m')
for op in [lambda: setattr(m, '__dict__', 1), lambda: m.__dict__.clear(), lambda: repr(m), lambda: dir(m), lambda: setattr(m, '__getattr__', RaiseAll()), lambda: m.x, lambda: setattr(m, '__dir__', 1), lambda: dir(m), lambda: setattr(m, '__name__', RaiseAll()), lambda: repr(m), lambda: setattr(m, '__spec__', RaiseAll()), lambda: m.y, lambda: type(sys).__init__(m, RaiseAll()), lambda: type(sys).__init__(m, 'n', RaiseAll()), lambda: type(sys).__new__(type(sys)).__dict__, lambda: repr(type(sys).__new__(type(sys))), lambda: type(sys)('\udc80'), lambda: type(sys)(1)]:
    try:
        op()
    except BaseException:
        pass
#### import-hostile
for a in [('\udc80',), ('x', None, None, (), -1), ('', None, None, (), 2**63), ('a' * 10**6,), ('.',), ('sys', None, None, RaiseAll()), ('sys', None, None, ['\udc80', 1]), ('os.path.x',), ('..x', {'__package__': 'a.b'}, None, (), 2), ('x', {'__package__': 1}, None, (), 1), ('x', {'__name__': RaiseAll()}, None, (), 1), ('x', RaiseAll(), None, (), 1), ('\x00',), ('sys.', ), ('.sys',), (StrSub('sys'),), ('builtins', None, None, ['*'])]:
    try:
        __import__(*a)
    except BaseException:
        pass
#### import-sys-modules-hostile [iso]
sys.modules['zz1'] = RaiseAll()
sys.modules['zz2'] = None
sys.modules['zz3'] = 1
for s in ['import zz1', 'from zz1 import y', 'import zz2', 'import zz3', 'from zz3 import real', 'from zz1 import *', 'import zz1.sub']:
    try:
        exec(s)
    except BaseException:
        pass
#### import-meta-path-hostile [iso]
sys.meta_path.insert(0, RaiseAll())
import zz_nonexistent
#### import-meta-path-none [iso]
sys.meta_path = None
import keyword
#### import-path-hostile [iso]
sys.path = [RaiseAll(), 1, b'\xff', '\udc80', '\x00']
sys.path_hooks = [RaiseAll()]
sys.path_importer_cache.clear()
import zz_nonexistent2
#### import-modules-clear [iso]
sys.modules.clear()
import keyword
#### import-modules-replace [iso]
sys.modules = 1
import zz3
#### import-builtins-gone [iso]
import builtins
builtins.__dict__.clear()
print(1)
#### import-builtins-import-hostile [iso]
import builtins
builtins.__import__ = RaiseAll()
import keyword
#### import-del-sys [iso]
del sys.modules['sys']
import sys
sys.modules
#### frame-builtins-clear [iso]
sys._getframe().f_builtins.clear()
len([])
#### frame-back-globals-clear [iso]
sys._getframe(1).f_globals.clear() if sys._getframe().f_back is not None else None
len([])
#### open-variants [iso]
for a, kw in [((-1,), {}), ((2**31,), {}), (('/dev/null',), dict(buffering=-2)), (('/dev/null', 'rb'), dict(buffering=0)), (('/dev/null',), dict(buffering=2**63)), (('/dev/null',), dict(encoding='\udc80')), (('/dev/null',), dict(errors='bogus')), (('/dev/null',), dict(newline='x')), (('/dev/null', 'rw+ab'), {}), (('/dev/null', 'U'), {}), (('\x00',), {}), ((b'\xff',), {}), (('/',), {}), ((RaiseAll(),), {}), ((HugeVals(),), {}), ((MaxVals(),), {}), (('f1', 'w'), dict(opener=lambda p, f: -1)), (('f1', 'w'), dict(opener=lambda p, f: 'x')), (('f1', 'w'), dict(opener=RaiseAll())), (('f1', 'w'), dict(opener=lambda p, f: 2**63)), (('f1', 'x'), {}), ((_BIGSTR,), {}), (('f1', 'w'), dict(encoding='utf-16')), (('f1', 'w', 1), dict(closefd=False))]:
    try:
        f = open(*a, **kw)
        f.read(), f.write('x'), f.close()
    except BaseException:
        pass
#### file-ops-variants [iso]
f = open('f2', 'w+')
for op in [lambda: f.write('\udc80'), lambda: f.write(RaiseAll()), lambda: f.write(b'x'), lambda: f.seek(2**63), lambda: f.seek(-1), lambda: f.seek(0, 5), lambda: f.truncate(-1), lambda: f.truncate(2**63), lambda: f.readline(2**63), lambda: f.read(-2), lambda: f.readlines(RaiseAll()), lambda: f.writelines([1]), lambda: f.writelines(MutIter()), lambda: f.tell(), lambda: f.fileno(), lambda: f.close(), lambda: f.read(), lambda: f.write('x'), lambda: f.__enter__(), lambda: f.__exit__(None, None, None), lambda: next(f), lambda: f.seek(0)]:
    try:
        op()
    except BaseException:
        pass
#### file-binary-ops [iso]
f = open('f3', 'wb+')
for op in [lambda: f.write(_released_mv()), lambda: f.write(memoryview(b'ab').cast('B', [1, 2])), lambda: f.write('x'), lambda: f.write(bytearray(10**6)), lambda: f.seek(0), lambda: f.read(2**63), lambda: f.readinto(bytearray(4)) if hasattr(f, 'readinto') else 0, lambda: f.readinto(_released_mv()) if hasattr(f, 'readinto') else 0, lambda: f.readline(-5), lambda: f.close(), lambda: f.read()]:
    try:
        op()
    except BaseException:
        pass
#### open-stdio-close [iso]
open(1, 'w').close()
print(1)
open(2, 'w').close()
raise ValueError('after close')
#### open-stdin-close [iso]
open(0).close()
input()
#### input-variants [iso]
for a in [(RaiseAll(),), ('\udc80',), (_BIGSTR,), (1,), (b'x',)]:
    try:
        input(*a)
    except BaseException:
        pass
sys.stdin = RaiseAll()
input('x')
#### exit-quit-variants
for f in (exit, quit):
    for a in [(), (1,), (RaiseAll(),), ('\udc80',), (2**63,), (None,)]:
        try:
            f(*a)
        except BaseException:
            pass
#### help-variants
for a in [(), (1,), (RaiseAll(),), ('\udc80',), (len,), ('keywords',)]:
    try:
        help(*a)
    except BaseException:
        pass
#### site-printers
for f in (copyright, credits, license):
    try:
        f()
        repr(f)
        f(1)
    except BaseException:
        pass
#### compile-top-level-await
c = compile('await x', '<s>', 'exec', flags=0x2000)
r = eval(c, {'x': _coro()})
if r is not None:
    try:
        r.send(None)
    except StopIteration:
        pass
#### compile-top-level-await-eval
c = compile('[await x async for y in z]', '<s>', 'eval', flags=0x2000)
r = eval(c, {'x': _coro(), 'z': _agen()})
r.send(None)
#### compile-top-level-async-for
src = 'async for i in a:\n    await b\nasync with c:\n    pass\n'
c = compile(src, '<s>', 'exec', flags=0x2000)
r = eval(c, {'a': _agen(), 'b': _coro(), 'c': RaiseAll()})
r.send(None)
#### compile-single-multi
for s in ['1\n2', 'x = 1; y = 2', 'if 1:\n  1\n2', '1;', '\n\n', '#c', 'pass\n\n\n', 'def f():\n  1\n\n\n1', 'x =', '1 +\\']:
    try:
        exec(compile(s, '<s>', 'single'))
    except BaseException:
        pass
#### compile-func-type
for s in ['(int) -> int', '(*int, **str) -> None', '() -> ', '(x) -> y -> z', '(a, b=1) -> c', '(*) -> x', '->x', '(int)', '']:
    try:
        c = compile(s, '<s>', 'func_type')
        exec(c)
    except BaseException:
        pass
#### recursion-in-except-handler
def d(n):
    return d(n + 1) if n < 200 else 0
def r():
    try:
        r()
    except RecursionError:
        d(0)
r()
#### recursion-generator-close
def g():
    try:
        yield
    finally:
        h = g()
        next(h)
        h.close()
x = g()
next(x)
x.close()
#### recursion-del-chain
class D:
    def __del__(self):
        D()
D()
#### recursion-repr-getattr
class K:
    def __getattr__(self, n):
        return getattr(self, n + 'x')
K().a
#### recursion-init-subclass
class B:
    def __init_subclass__(cls):
        class C(cls): pass
class K(B): pass
#### recursion-class-getitem
class K:
    def __class_getitem__(cls, i):
        return K[i]
K[1]
#### recursion-mro-call
class M(type):
    def mro(cls):
        return cls.mro()
class K(metaclass=M): pass
#### recursion-bool-len
class K:
    def __len__(self):
        return len(self) if self else 0
bool(K())
#### recursion-hash-eq-dict
class K:
    def __hash__(self): return 1
    def __eq__(self, o): return {self: 1} == {o: 1}
K() == K()
#### recursion-format
class K:
    def __format__(self, s):
        return f'{self:{s}}'
format(K(), 'x')
#### recursion-iter-next
class K:
    def __iter__(self): return self
    def __next__(self): return next(self)
list(K())
#### recursion-index
class K:
    def __index__(self): return [1][self]
[1, 2][K()]
#### recursion-instancecheck
class M(type):
    def __instancecheck__(c, o): return isinstance(o, c)
class K(metaclass=M): pass
isinstance(1, K)
#### recursion-descriptor
class D:
    def __get__(self, o, t): return o.a
class K:
    a = D()
K().a
#### recursion-str-join
class K:
    def __str__(self): return ''.join(map(str, [self]))
str(K())
#### recursion-sort-key
def r(x):
    return sorted([1, 2], key=r)
r(0)
#### recursion-exec
def r():
    exec('r()')
r()
#### recursion-eval
def r():
    return eval('r()')
r()
#### recursion-compile-in-recursion
def r(n):
    compile('(' * 50 + ')' * 50, '', 'eval')
    return r(n + 1)
r(0)
#### recursion-class-body
def r():
    class K:
        r()
r()
#### recursion-yield-from
def g():
    yield from g()
next(g())
#### recursion-await
async def a():
    await a()
a().send(None)
#### recursion-super-init
class A:
    def __init__(self):
        super().__init__()
        A()
A()
#### recursion-repr-container
class K:
    def __repr__(self):
        return repr([self])
repr(K())
#### recursion-lt
class K:
    def __lt__(self, o):
        return sorted([self, o])
sorted([K(), K()])
#### recursion-getitem-iter
class K:
    def __getitem__(self, i):
        return list(self)
list(K())
#### recursion-contains
class K:
    def __contains__(self, x):
        return x in self
1 in K()
#### recursion-call
class K:
    def __call__(self):
        return self()
K()()
#### recursion-new
class K:
    def __new__(cls):
        return K()
K()
#### recursion-setattr
class K:
    def __setattr__(self, n, v):
        setattr(self, n, v)
K().x = 1
#### recursion-del-attr
class K:
    def __delattr__(self, n):
        delattr(self, n)
del K().x
#### recursion-missing
class D(dict):
    def __missing__(self, k):
        return self[k]
D()[1]
#### recursion-bytes
class K:
    def __bytes__(self):
        return bytes(self)
bytes(K())
#### recursion-float
class K:
    def __float__(self):
        return float(self)
float(K())
#### recursion-enter
class K:
    def __enter__(self):
        with self:
            pass
    def __exit__(self, *a): pass
with K():
    pass
#### recursion-abs-neg
class K:
    def __neg__(self): return -self
    def __abs__(self): return abs(self)
-K()
#### recursion-reduce
class K:
    def __reduce_ex__(self, p): return self.__reduce_ex__(p)
K().__reduce_ex__(2)
#### recursion-dir
class K:
    def __dir__(self): return dir(self)
dir(K())
#### recursion-round
class K:
    def __round__(self, n=None): return round(self)
round(K())
#### recursion-hash
class K:
    def __hash__(self): return hash(self)
hash(K())
#### recursion-eq-via-list
class K:
    def __eq__(self, o): return [self] == [o]
K() == K()
#### recursion-mro-entries
class B:
    def __mro_entries__(self, bases):
        class K(B()): pass
        return (object,)
class K(B()): pass
#### recursion-set-name
class D:
    def __set_name__(self, o, n):
        class K:
            d = D()
class K:
    d = D()
#### recursion-format-spec
class K:
    def __format__(self, s):
        return '{:{}}'.format(self, s)
'{}'.format(K())
#### recursion-print-file
class W:
    def write(self, s):
        print(s, file=self)
print(1, file=W())
#### recursion-excepthook
def h(*a):
    sys.excepthook(*a)
sys.excepthook = h
try:
    h(ValueError, ValueError(), None)
finally:
    sys.excepthook = sys.__excepthook__
#### recursion-displayhook
def h(v):
    sys.displayhook(v)
sys.displayhook = h
try:
    exec(compile('1', '', 'single'))
finally:
    sys.displayhook = sys.__displayhook__
#### recursion-trace [iso]
def tr(frame, event, arg):
    def inner(): pass
    inner()
    return tr
sys.settrace(tr)
def r(n):
    return r(n + 1)
r(0)
#### recursion-profile [iso]
def pr(frame, event, arg):
    len([])
sys.setprofile(pr)
def r(n):
    return r(n + 1)
r(0)
'''


def parse_special(text):
    out = []
    name = None
    mode = 'batch'
    lines = []
    for line in text.splitlines():
        m = re.match(r'^#### (\S+)(?: \[(\w+)\])?\s*$', line)
        if m:
            if name:
                out.append((name, '\n'.join(lines).strip('\n') + '\n', mode))
            name, mode, lines = m.group(1), m.group(2) or 'batch', []
        elif name:
            lines.append(line)
    if name:
        out.append((name, '\n'.join(lines).strip('\n') + '\n', mode))
    return out
