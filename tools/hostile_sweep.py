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
import heapq
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
import zlib
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
ISOLATED_ZOO = {'stdout', 'stdin'}
ISOLATED_ATTR_ZOO = {'stdout', 'stdin', 'sys', 'builtins'}
STREAM_STATEFUL = {'close', 'detach', '__exit__', '__del__', 'reconfigure', 'truncate', 'seek',
                   '__init__', '__setstate__', 'fileno'}

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


# Recursion-limit extremes, each followed by a kind of recursion (own process).
RECURSION_LIMITS = ['1', '2', '3', '5', '10', '50', '100', '1000', '10**5', '10**6', '2**31 - 1',
                    '2**31', '2**63', '-1', '0']
RECURSION_KINDS = {
    'pyfunc': 'def r(n):\n    return r(n + 1)\nr(0)',
    'method': 'class K:\n    def m(self):\n        return self.m()\nK().m()',
    'repr': 'class K:\n    def __repr__(self):\n        return repr(self)\nrepr(K())',
    'getattr': 'class K:\n    def __getattr__(self, n):\n        return getattr(self, n)\nK().x',
    'eq': 'class K:\n    def __eq__(self, o):\n        return self == o\nK() == K()',
    'call': 'class K:\n    def __call__(self):\n        return self()\nK()()',
    'genyf': 'def g():\n    yield from g()\nnext(g())',
    'deeplist-repr': 'x = []\nfor i in range(100000):\n    x = [x]\nrepr(x)',
    'deeptuple-hash': 'x = ()\nfor i in range(100000):\n    x = (x,)\nhash(x)',
    'deeplist-eq': 'x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\nx == y',
    'deepdict-repr': 'x = {}\nfor i in range(100000):\n    x = {1: x}\nrepr(x)',
    'compile-parens': "compile('(' * 10000 + ')' * 10000, '', 'eval')",
    'compile-unary': "eval('-' * 10000 + '1')",
    'compile-chain': "eval('1' + '+1' * 100000)",
    'exec-rec': "def r():\n    exec('r()')\nr()",
    'sorted-key': 'def r(x):\n    return sorted([1, 2], key=r)\nr(0)',
    'map-rec': 'def r(x):\n    return list(map(r, [x]))\nr(0)',
    'format-rec': 'class K:\n    def __format__(self, s):\n        return format(self, s)\nformat(K())',
    'instancecheck': 'class M(type):\n    def __instancecheck__(c, o):\n        return isinstance(o, c)\nclass K(metaclass=M): pass\nisinstance(1, K)',
    'class-body': 'def r():\n    class K:\n        r()\nr()',
    'except-handler': 'def d(n):\n    return d(n + 1) if n < 200 else 0\ndef r():\n    try:\n        r()\n    except RecursionError:\n        d(0)\nr()',
    'await': 'async def a():\n    await a()\na().send(None)',
    'map-chain': 'x = iter([1])\nfor i in range(100000):\n    x = map(abs, x)\nnext(x)',
    'gen-chain': 'x = iter([1])\nfor i in range(100000):\n    x = (y for y in x)\nnext(x)',
    'cm-chain': 'x = len\nfor i in range(100000):\n    x = classmethod(x)\nclass K:\n    a = x\nK.a',
    'traceback-print': 'def r(n):\n    return r(n + 1)\ntry:\n    r(0)\nexcept RecursionError as e:\n    sys.excepthook(type(e), e, e.__traceback__)',
    'lower-below-depth': 'def f(k):\n    return f(k - 1) if k else sys.setrecursionlimit(5)\nf(50)',
    'str-subclass-str': 'class S(str):\n    def __str__(self):\n        return str(S(self))\nstr(S())',
    'init-subclass': 'class B:\n    def __init_subclass__(cls):\n        class C(cls): pass\nclass K(B): pass',
    'dict-eq': 'class K:\n    def __hash__(self): return 1\n    def __eq__(self, o): return {self: 1} == {o: 1}\nK() == K()',
}

# Hostile source text: expressions evaluated inside the probe that build the
# source string (so the probe text stays small).  {n} is replaced by a size.
SOURCE_BUILDERS = {
    'parens': "'(' * {n} + ')' * {n}",
    'brackets': "'[' * {n} + ']' * {n}",
    'braces': "'{{' * {n} + '}}' * {n}",
    'unary-minus': "'-' * {n} + '1'",
    'not-chain': "'not ' * {n} + '1'",
    'invert-chain': "'~' * {n} + '1'",
    'add-chain': "'1' + '+1' * {n}",
    'sub-chain-names': "'x' + '-x' * {n}",
    'ifexp-chain': "'1' + ' if 1 else 1' * {n}",
    'attr-chain': "'x' + '.x' * {n}",
    'call-chain': "'f' + '()' * {n}",
    'subscript-chain': "'a' + '[0]' * {n}",
    'lambda-chain': "'lambda: ' * {n} + '1'",
    'pow-chain': "'**'.join(['2'] * {n})",
    'and-chain': "' and '.join(['x'] * {n})",
    'or-chain': "' or '.join(['x'] * {n})",
    'compare-chain': "'<'.join(['x'] * {n})",
    'tuple-long': "','.join(['x'] * {n})",
    'list-literal': "'[' + '1,' * {n} + ']'",
    'dict-literal': "'{{' + ','.join('%d: %d' % (i, i) for i in range({n})) + '}}'",
    'set-literal': "'{{' + ','.join(str(i) for i in range({n})) + '}}'",
    'call-args': "'f(' + '1,' * {n} + ')'",
    'call-kwargs': "'f(' + ','.join('a%d=1' % i for i in range({n})) + ')'",
    'def-params': "'def f(' + ','.join('a%d' % i for i in range({n})) + '): pass'",
    'nested-if': "''.join(' ' * i + 'if 1:\\n' for i in range({n})) + ' ' * {n} + 'pass\\n'",
    'nested-def': "''.join(' ' * i + 'def f():\\n' for i in range({n})) + ' ' * {n} + 'pass\\n'",
    'nested-class': "''.join(' ' * i + 'class C:\\n' for i in range({n})) + ' ' * {n} + 'pass\\n'",
    'nested-for': "''.join(' ' * i + 'for x in y:\\n' for i in range({n})) + ' ' * {n} + 'pass\\n'",
    'nested-try': "''.join(' ' * i + 'try:\\n' for i in range({n})) + ' ' * {n} + 'pass\\n' + ''.join(' ' * i + 'finally: pass\\n' for i in range({n} - 1, -1, -1))",
    'nested-with': "''.join(' ' * i + 'with a:\\n' for i in range({n})) + ' ' * {n} + 'pass\\n'",
    'nested-while': "''.join(' ' * i + 'while 1:\\n' for i in range({n})) + ' ' * {n} + 'break\\n'",
    'nested-lambda-closure': "'x = 1\\n' + 'f = ' + 'lambda: ' * {n} + 'x'",
    'nested-comprehension': "'[' * {n} + 'x' + ' for x in y]' * {n}",
    'nested-genexp': "'(' * {n} + 'x' + ' for x in y)' * {n}",
    'nested-fstring': "'f\"{{' * 1 + 'f\\'{{' + '(' * {n} + '1' + ')' * {n} + '}}\\'' + '}}\"'",
    'fstring-spec-nesting': "'f\"{{1:{{1:{{1:' + '{{' * {n} + '}}' * {n} + '}}}}}}\"'",
    'many-lines': "'x = 1\\n' * {n}",
    'long-identifier': "'x' * {n} + ' = 1'",
    'long-int': "'1' * {n}",
    'long-hex': "'0x' + 'f' * {n}",
    'long-float': "'1.' + '1' * {n}",
    'long-exponent': "'1e' + '9' * {n}",
    'long-string': "\"'\" + 'x' * {n} + \"'\"",
    'long-bytes': "\"b'\" + '\\\\xff' * {n} + \"'\"",
    'long-triple': "'\"\"\"' + '\\n' * {n} + '\"\"\"'",
    'long-comment': "'#' + 'x' * {n}",
    'continuations': "'x = 1 + \\\\\\n' * {n} + '1'",
    'paren-newlines': "'x = (' + '\\n' * {n} + ')'",
    'chained-assign': "'a = ' * {n} + '1'",
    'unpack-targets': "', '.join('a%d' % i for i in range({n})) + ' = range({n})'",
    'star-unpack': "'a, *b, ' + ', '.join('c%d' % i for i in range({n})) + ' = range({n})'",
    'del-many': "'x = 1\\ndel ' + ', '.join(['x'] * {n})",
    'global-many': "'global ' + ','.join('a%d' % i for i in range({n}))",
    'import-dotted': "'import ' + '.'.join(['a'] * {n})",
    'decorators': "'@d\\n' * {n} + 'def f(): pass'",
    'annotation-union': "'x: ' + 'int|' * {n} + 'int = 1'",
    'match-nested-seq': "'match x:\\n case ' + '[' * {n} + '1' + ']' * {n} + ': pass'",
    'match-or': "'match x:\\n case ' + '|'.join(['1'] * {n}) + ': pass'",
    'match-class': "'match x:\\n case ' + 'C(' * {n} + ')' * {n} + ': pass'",
    'match-mapping': "'match x:\\n case {{' + ','.join('%d: _' % i for i in range({n})) + '}}: pass'",
    'match-many-cases': "'match x:\\n' + ' case %s: pass\\n' * 0 + ''.join(' case %d: pass\\n' % i for i in range({n}))",
    'yield-chain': "'def g():\\n x = ' + 'yield ' * {n}",
    'await-chain': "'async def f():\\n ' + 'await ' * {n} + 'x'",
    'elif-chain': "'if x: pass\\n' + 'elif x: pass\\n' * {n}",
    'except-chain': "'try: pass\\n' + 'except E: pass\\n' * {n}",
    'tabs-indent': "'if 1:\\n' + '\\t' * {n} + 'x'",
    'semicolons': "'x = 1;' * {n}",
    'bare-semicolons': "';' * {n}",
    'string-concat': "' '.join(['\"a\"'] * {n})",
    'fstring-concat': "' '.join(['f\"{{x}}\"'] * {n})",
    'assert-nested': "'assert ' + '(' * {n} + 'x' + ')' * {n}",
    'walrus-chain': "'(' + 'a := ' * {n} + '1)'",
    'starred-nesting': "'[' + '*[' * {n} + '1' + ']' * {n} + ']'",
    'dict-unpack-nesting': "'{{' + '**{{' * {n} + '}}' * {n} + '}}'",
    'slice-chain': "'a' + '[1:2:3]' * {n}",
    'keyword-args-nesting': "'f(' + 'x=f(' * {n} + ')' * {n} + ')'",
    'return-nesting': "'def f():\\n return ' + '(' * {n} + ')' * {n}",
    'global-in-nested': "''.join(' ' * i + 'def f():\\n' + ' ' * (i + 1) + 'nonlocal x\\n' for i in range({n}))",
}
SOURCE_SIZES = ['100', '1000', '100000']
SOURCE_FIXED = [
    r"'\x00'", r"'x = 1\x00'", r"'\udc80'", r"'x = \"\udc80\"'", r"'\ufeff' + 'x = 1'",
    r"'x\u200b = 1'", r"'\u0660 = 1'", r"'\u210c = 1'", r"'a\u0301 = 1'", r"'def \udc80(): pass'",
    r"b'# coding: bogus\nx = 1'", r"b'# -*- coding: utf-16 -*-\nx = 1'",
    r"b'\xef\xbb\xbf# coding: latin-1\nx = 1'", r"b'x = \"\xff\"'", r"b'\xff'",
    r"b'# coding: latin-1\nx = \"\xff\"'", r"'x = 1'.encode('utf-16')", r"b'\x00'",
    r"b'#!/x\n# coding: ascii\nx = \"\xc3\xa9\"'", '_MARSHAL', r"'x = 1\r'", r"'\f\f\nx = 1'",
    r"'\t\t\n  x'", r"'\\'", r"'x = \\'", r"'\"\"\"'", r"\"'\\N{bogus}'\"",
    r"\"'\\N{\" + 'A' * 10**5 + \"}'\"", r"\"b'\\x'\"", r"\"'\\777'\"", r"\"f'{'\"",
    r"\"f'{x!z}'\"", r"\"f'{x:{y:{z}}}'\"", r"'a: int = 1'", r"'yield'", r"'await x'", r"'return'",
    r"'break'", r"'continue'", r"'nonlocal x'", r"'global x; x: int'", r"'del ()'",
    r"'del (a, [b])'", r"'(yield)'", r"'lambda: (yield)'", r"'[i async for i in x]'",
    r"'async def f(): [await x for x in y]'", r"'class A: super()'", r"'__class__'",
    r"'def f(): __class__'", r"'match x:\n case {**rest, **r2}: pass'",
    r"'match x:\n case A(x=1, x=2): pass'", r"'match x:\n case [*a, *b]: pass'",
    r"'match x:\n case a | b: pass'", r"'match x:\n case _:\n  pass\n case 1: pass'",
    r"'from . import *'", r"'def f():\n from sys import *'", r"'from __future__ import braces'",
    r"'x = 1\nfrom __future__ import annotations'", r"'from __future__ import bogus'",
    r"'try:\n pass\nexcept* ValueError:\n break'",
    r"'for x in y:\n try:\n  pass\n except* E:\n  continue'", r"'(a := 1) = 2'",
    r"'def f[T](): pass'", r"'type X = int'", r"'print \"x\"'", r"'x = 1 if 2'",
    r"'[x for x in (y := [1])]'", r"'[y := 1 for x in z]'", r"'[i := 0 for i in x]'",
    r"'*a, *b = 1'", r"'a, *b, c = range(2)'", r"'del *a'", r"'f(**x, *y)'",
    r"'f(x for x in y, 1)'", r"'def f(a, a): pass'", r"'def f(*, **k): pass'",
    r"'def f(a=1, b): pass'", r"'lambda: *a'", r"'x = *a'", r"'print(*)'", r"'0b2'", r"'09'",
    r"'1__0'", r"'1e'", r"'0x'", r"'1.e5j'", r"'1if 1else 2'", r"'global __debug__'",
    r"'__debug__ = 1'", r"'None = 1'", r"'f() = 1'", r"'del f()'", r"'a + 1 = 2'", r"'(*a) = 1'",
    r"'x = {**a, b}'", r"'async with a: pass'", r"'async for a in b: pass'",
    r"'def f():\n x = 1\n def g():\n  nonlocal x\n  global x'", r"'def f(x):\n global x'",
    r"'class C:\n nonlocal x'", r"'def f():\n yield\n return 1\n async def g(): yield from x'",
    r"'async def f():\n yield 1\n return 2'", r"'x = 1\n  y = 2'", r"'if 1:\nx'",
    r"'if 1:\n\tx\n        y'", r"'a = b = c += 1'", r"'with (a as b, c as d,): pass'",
    r"'with (yield): pass'", r"'@x := y\ndef f(): pass'", r"'f\"{x!r=}\"'", r"'f\"{=}\"'",
    r"'f\"{}\"'", r"'f\"{x:{y}=}\"'", r"'f\"{lambda x: 1}\"'", r"'f\"\\N{DIGIT ONE}\"'",
    r"'rb\"\\N{x}\"'", r"'u\"\"f\"\"'", r"'x = 1 +'", r"'(' * 201", r"')'",
    r"'try:\n pass\nfinally:\n pass\nelse:\n pass'", r"'while 1:\n pass\nelse:\n break'",
    r"'def f():\n try:\n  return\n finally:\n  continue'",
    r"'for x in y:\n try:\n  pass\n finally:\n  break'",
    r"'class A:\n def f(self):\n  super().__init__()\n  __class__ = 1'",
    r"'import a as b.c'", r"'from a import (b, c,)'", r"'from a import b, c,'",
    r"'assert (x, \"msg\")'", r"'x is 1'", r"'x = [1, 2\n 3]'",
]
COMPILE_MODES = ["'exec'", "'eval'", "'single'", "'func_type'", "'bogus'", "''", r"'\udc80'", 'None']
COMPILE_FLAGS = ['0', '-1', '0x400', '0x2000', '0x1000', '0x200', '0x10000', '0x1000000', '2**31',
                 '2**63', 'RaiseAll()', '0x2000 | 0x1000']
COMPILE_SRCS = ["'x'", "'1'", "'pass'", "'await x'", "'(int) -> int'", "'x = yield'",
                "'async with a: pass'", "'return 1'", "'x;y'", r"'\n'", "''", r"'1\n2'",
                r"'match x:\n case 1: pass'", "b'x'", "_MARSHAL", "bytearray(b'x')",
                "memoryview(b'x')", '_released_mv()', 'StrSub("x")', "'x' * 10**6"]

CODECS = ["'utf-8'", "'utf-16'", "'utf-16-le'", "'utf-16-be'", "'utf-32'", "'utf-32-be'",
          "'utf-7'", "'idna'", "'punycode'", "'unicode_escape'", "'raw_unicode_escape'",
          "'latin-1'", "'ascii'", "'cp1252'", "'cp437'", "'hex'", "'base64'", "'rot13'",
          "'undefined'", "'mbcs'", "'utf-8-sig'", "'charmap'", "'zlib'", r"'\udc80'", "''",
          "'UTF8'", "'utf_8'", "'U8'", "'x' * 1000", 'StrSub("utf-8")']
CODEC_ERRORS = ["'strict'", "'ignore'", "'replace'", "'surrogateescape'", "'surrogatepass'",
                "'backslashreplace'", "'xmlcharrefreplace'", "'namereplace'", "'bogus'",
                r"'\udc80'", "''", 'None', 'RaiseAll()']
CODEC_STR_INPUTS = [r"'\udc80'", r"'\ud800\udc00'", r"'\U0010ffff'", r"'a\x00b'", r"'\xe9\u20ac'",
                    "'x' * 10**5", r"'\udc80' * 10**5", r"'+AGE-'", r"'\\U0011ffff'", "''",
                    r"'\ud800'", r"'\udfff\ud800'", r"'\u0130\ufb03'"]
CODEC_BYTES_INPUTS = [r"b'\xff\xfe\x00'", r"b'\\N{'", r"b'\\U99999999'", r"b'+AGE-'",
                      r"b'\xed\xa0\x80'", r"b'\xc0\x80'", r"b'\xf4\x90\x80\x80'", r"b'\x00'",
                      r"b'\x00\xd8'", r"b'\x00\x00\x11\x00'", r"b'\\U0011ffff'",
                      r"b'\\N{LATIN SMALL LETTER A}'", r"b'\\x4'", r"b'\\'", r"b'\\777'",
                      r"b'\\u00'", r"b'+'", r"b'+-'", r"b'+AAA'", r"b'\xff' * 10**5",
                      "_MARSHAL", r"b'xn--'", r"b'xn--abc-'", r"bytearray(b'\xe9')",
                      "memoryview(b'ab')", '_released_mv()', r"b'\xef\xbb\xbf\xff'",
                      r"b'\xfe\xff\x00'", r"b'\xff\xfe\x00\x00\x00\x00\x11\x00'"]

PRINTF_SPECS = ['%s', '%r', '%a', '%d', '%i', '%x', '%X', '%o', '%e', '%f', '%g', '%c', '%%',
                '%(x)s', '%*d', '%.*f', '%-*.*s', '%#010.5x', '% +d', '%\udc80', '%', '%(',
                '%(x', '%5', '%.', '%ld', '%b', '%u', '%F', '%E', '%G', '%2147483648d',
                '%.2147483648f', '%99999999999999999999s', '%#o', '%#X', '%-0+ #5.3d', '%*.*c']
PRINTF_VALUES = ['1', '-1', '2**63', '10**100', '1.5', "float('nan')", "float('inf')", '1j',
                 "'x'", r"'\udc80'", "b'x'", 'None', 'RaiseAll()', 'WrongTypes()', 'HugeVals()',
                 'MaxVals()', 'NegVals()', 'IntSub(5)', "StrSub('ab')", 'FloatSub(1.5)',
                 "{'x': 1}", 'DictSub(x=1)', '_BadMap()', '(1, 2)', '(2**63, 1.0)',
                 '(-2**63, 1.0, 2)', '()', '[1]', 'ClassLies()', '0x110000', '-0.0', '255', '256',
                 "bytearray(b'x')", "memoryview(b'x')", '_released_mv()', 'True']
FORMAT_SPECS = ['', '<10', '^=10', '=+#0,.5e', ',', '_', ',_', '_x', 'n', 'c', '%', '.0f',
                '.1000000000f', '99999999999999999999', '-', '\udc80^10', '\x00>5', 'z',
                'z.2f', '#', '#o', '=', '0=5', '010', '.5s', 'x', 'X', 'b', 'o', 'e', 'E', 'g',
                'G', 'd', 's', 'r', '.-1f', '{', '.2147483648f', '2147483648', ',.2%',
                '_d', '#_x', '+', ' ', '0', '00', '.0', '.', ',,', '__', '#c', '=^', 'ø<5',
                '\U0010ffff>3', '.5', '#.0e', '#g', '.3n', '020,', 'z#08.3f']
FORMAT_VALUES = ['0', '1', '-1', '2**63', '-2**63', '10**100', '1.5', '-0.0', "float('nan')",
                 "float('inf')", '1e308', '5e-324', '1j', "complex(float('nan'), 1)",
                 "'x'", r"'\udc80'", "''", 'True', 'None', 'IntSub(5)', 'FloatSub(1.5)',
                 "StrSub('ab')", 'ComplexSub(1j)', 'HugeVals()', 'RaiseAll()', 'WrongTypes()',
                 '0x10ffff', '0x110000', 'object()', '[1]', 'MaxVals()']


# 100,000-level structures: (initial statement, loop body) building variable {v}.
DEEP_BUILDERS = {
    'list': ('{v} = []', '{v} = [{v}]'),
    'tuple': ('{v} = ()', '{v} = ({v},)'),
    'dict': ('{v} = {{}}', '{v} = {{1: {v}}}'),
    'frozenset': ('{v} = frozenset()', '{v} = frozenset([{v}])'),
    'slice': ('{v} = None', '{v} = slice({v})'),
    'namespace': ('{v} = None', '{v} = types.SimpleNamespace(a={v})'),
    'alias': ('{v} = int', '{v} = list[{v}]'),
    'mappingproxy': ('{v} = {{}}', '{v} = types.MappingProxyType({v})'),
    'exc_args': ('{v} = ValueError()', '{v} = ValueError({v})'),
    'keyerror': ('{v} = KeyError()', '{v} = KeyError({v})'),
    'listpair': ('{v} = None', '{v} = [{v}, 1]'),
    'cause': ('{v} = ValueError(0)', 'e = ValueError(i)\n    e.__cause__ = {v}\n    {v} = e'),
    'context': ('{v} = ValueError(0)', 'e = ValueError(i)\n    e.__context__ = {v}\n    {v} = e'),
    'eg': ('{v} = ValueError(0)', "{v} = ExceptionGroup('g', [{v}])"),
    'map': ('{v} = iter([1, 2])', '{v} = map(abs, {v})'),
    'filter': ('{v} = iter([1, 2])', '{v} = filter(None, {v})'),
    'zip': ('{v} = iter([1, 2])', '{v} = zip({v})'),
    'enumerate': ('{v} = iter([1, 2])', '{v} = enumerate({v})'),
    'genexpr': ('{v} = iter([1, 2])', '{v} = (y for y in {v})'),
    'yieldfrom': ('{v} = iter([1, 2])', '{v} = _yf({v})'),
    'calliter': ('{v} = iter([1, 2])', '{v} = iter({v}.__next__, None)'),
    'classmethod': ('{v} = len', '{v} = classmethod({v})'),
    'staticmethod': ('{v} = len', '{v} = staticmethod({v})'),
    'property': ('{v} = len', '{v} = property({v})'),
    'wrapper': ('{v} = len', '{v} = {v}.__call__'),
    'boundmethod': ('{v} = len', '{v} = types.MethodType({v}, i)'),
    'super': ('class A: pass\n{v} = A()', '{v} = super(A, {v})'),
    'instance_chain': ('{v} = None', 'o = _Node()\n    o.next = {v}\n    {v} = o'),
    'slots_chain': ('{v} = None', 'o = _SNode()\n    o.next = {v}\n    {v} = o'),
    'closure': ('{v} = None', '{v} = (lambda v: (lambda: v))({v})'),
    'iterlist': ('{v} = None', '{v} = iter([{v}])'),
    'genframe': ('{v} = None', '{v} = _hold({v})'),
    'await': ('{v} = _coro()', '{v} = _aw({v})'),
    'memoryview': ("{v} = memoryview(b'abcd')", '{v} = memoryview({v})'),
    'cellchain': ('{v} = None', '{v} = types.CellType({v})'),
}


def deep_builder(kind, n, var):
    init, step = DEEP_BUILDERS[kind]
    return '%s\nfor i in range(%s):\n    %s\n' % (init.format(v=var), n, step.format(v=var))


class Probe:
    __slots__ = ('pid', 'family', 'tag', 'src', 'mode')

    def __init__(self, family, tag, src, mode='batch'):
        self.pid = -1
        self.family = family
        self.tag = tag
        src = src if src.endswith('\n') else src + '\n'
        if not src.isascii():
            try:
                src.encode('utf-8')
            except UnicodeEncodeError:      # keep files writable: escape lone surrogates
                src = 'exec(%r)\n' % src
        self.src = src
        self.mode = mode            # batch | iso | top


# Probes touching process-wide state that the batch runner cannot restore run
# one per process.  (The runner restores the recursion limit, trace/profile
# functions, std streams, hooks and int digit limit after every probe.)
ISO_PATTERNS = re.compile(
    r'\bopen\b|addaudithook|sys\.std(in|out|err)\b|sys\.__std|f_builtins|import builtins'
    r'|f_back|_getframe\(\s*[1-9]|sys\.modules|sys\.meta_path|sys\.path\b|\binput\b'
    r'|f_globals|__import__\(\'builtins\'\)|__builtins__')


def mode_for(src, default='batch'):
    return 'iso' if default == 'batch' and ISO_PATTERNS.search(src) else default


class Generator:
    """Builds the probe list from the enumeration (what taipan really has)."""

    def __init__(self, enum, seed):
        self.enum = enum                  # key -> {'expr', 'attrs': {name: kind}}
        builtin_names = set(enum.get('builtins', {}).get('attrs', {}))
        for key, info in enum.items():    # spell builtin types by name, not _cls('builtins.x')
            if key.startswith('cls:builtins.') and key[13:] in builtin_names:
                info['expr'] = key[13:]
        self.seed = seed
        self.probes = []

    def add(self, family, tag, src, mode='batch'):
        self.probes.append((family, tag, src, mode_for(src, mode)))

    def rsample(self, seq, k, salt):
        r = random.Random(zlib.crc32(salt.encode()) ^ (self.seed << 32))
        return seq if len(seq) <= k else r.sample(seq, k)

    # -- helpers ---------------------------------------------------------
    def target_expr(self, key, name):
        info = self.enum[key]
        if key == 'builtins':
            return name
        return '%s.%s' % (paren(info['expr']), name)

    def owner_tag(self, key):
        if key.startswith('cls:builtins.'):
            return 'type:' + key[len('cls:builtins.'):]
        return key

    def skip_args(self, name, args):
        if name in ITERATING and any(u in args for u in UNBOUNDED):
            return True
        if name in POW_NAMES and any(h in args for h in HUGE_INTS):
            return True
        return False

    # -- families --------------------------------------------------------
    def gen_calls(self):
        iso_cache = {}
        for key in sorted(self.enum):
            info = self.enum[key]
            for name, kind in sorted(info['attrs'].items()):
                if kind != 'c':
                    continue
                iso = 'iso' if key in ISOLATED_ZOO and name in STREAM_STATEFUL else 'batch'
                target = self.target_expr(key, name)
                tag = 'call:%s' % (name if key == 'builtins' else self.owner_tag(key) + '.' + name)
                salt = key + '.' + name
                arglists = ['']
                arglists += HOSTILE
                arglists += ['%s, %s' % (v, v) for v in self.rsample(HOSTILE, 16, salt + 'vv')]
                good = ['0', "'a'", "b'a'", '[1]', '1.5', 'int', "'utf-8'", '(1,)', '_C()']
                for g in good:
                    for v in self.rsample(HOSTILE, 4, salt + g):
                        arglists.append('%s, %s' % (g, v))
                for v in self.rsample(HOSTILE, 3, salt + 'vvv'):
                    arglists.append('%s, %s, %s' % (v, v, v))
                arglists += ['*[1] * 10', '*[None] * 300', '**_BadMap()', '*RaiseAll()',
                             r"**{'\udc80': 1}", '1, **{1: 2}', 'x=1, **{"x": 2}', '*HugeVals()',
                             '*MutIter()', '**DictSub(a=1)']
                kws = self.rsample(KW_NAMES, 6, salt + 'kw')
                for kw in kws:
                    v = self.rsample(KW_VALUES, 1, salt + kw)[0]
                    arglists.append('%s=%s' % (kw, v))
                    arglists.append('0, %s=%s' % (kw, v))
                tmode = 'iso' if iso == 'iso' or ISO_PATTERNS.search(target) else 'batch'
                if key == 'sys' and name == 'addaudithook':
                    tmode = 'iso'
                for args in arglists:
                    if self.skip_args(name, args):
                        continue
                    mode = tmode
                    if mode == 'batch':
                        mode = iso_cache.get(args)
                        if mode is None:
                            mode = iso_cache[args] = mode_for(args)
                    self.probes.append(('call', tag, '%s(%s)' % (target, args), mode))

    def gen_attrs(self):
        for key in sorted(self.enum):
            info = self.enum[key]
            iso = 'iso' if key in ISOLATED_ATTR_ZOO else 'batch'
            expr = info['expr']
            for name in sorted(info['attrs']):
                tag = 'attr:%s.%s' % (self.owner_tag(key), name)
                self.add('attr', tag + ':get', 'o = %s\nrepr(o.%s)' % (expr, name), iso)
                self.add('attr', tag + ':del', 'o = %s\ndel o.%s\n_use(o)' % (expr, name), iso)
                values = ATTR_VALUES if name in RICH_ATTRS else ['None', 'RaiseAll()']
                for v in values:
                    self.add('attr', tag + ':set',
                             'o = %s\no.%s = %s\n_use(o)' % (expr, name, v), iso)

    def instance_keys(self):
        out = []
        for key in sorted(self.enum):
            if key in ('builtins', 'sys', 'types', 'stdout', 'stdin') or key.startswith('cls:'):
                continue
            out.append(key)
        return out

    def gen_operators(self):
        core = ['None', '-1', '0', '2**63', '-2**63', '10**100', "float('nan')", 'RaiseAll()',
                'WrongTypes()', 'HugeVals()', 'MaxVals()', 'NegVals()', 'IntSub(5)',
                'slice(2**63, -2**63, 2**64)', '_reclist()', r"'\udc80'", 'ClassLies()']
        for key in self.instance_keys():
            expr = self.enum[key]['expr']
            for op in BINOPS:
                rights = core + [v for v in self.rsample(HOSTILE, 24, key + op) if v not in core]
                for b in rights:
                    if op in ('a ** b',) and b in HUGE_INTS:
                        continue
                    if b in UNBOUNDED and op in ('a += b', 'a |= b', 'a -= b', 'a[b:] = b',
                                                 'a[::b] = b', 'a *= b', 'a(b)', 'sorted([a, b])'):
                        continue
                    self.add('binop', 'binop:%s:%s' % (key, op),
                             'a = %s\nb = %s\n%s' % (expr, b, op))
        subjects = [(k, self.enum[k]['expr']) for k in self.instance_keys()]
        subjects += [('hv:' + v, v) for v in HOSTILE]
        iter_ops = {'set(a)', 'sum(a)', 'min(a)', 'max(a)', 'list(enumerate(a))',
                    'list(zip(a, a))', 'for x in a: pass', 'a in a', '_ident(*a)', '[*a]',
                    'list(reversed(a))', 'dict(a)', 'any(a)', 'all(a)', 'x, y = a',
                    'sorted(a)', 'list(a)', 'tuple(a)', 'bytes(a)', 'bytearray(a)'}
        for key, expr in subjects:
            for op in UNARY:
                if expr in UNBOUNDED and op in iter_ops:
                    continue
                self.add('unary', 'unary:%s:%s' % (key, op), 'a = %s\n%s' % (expr, op))

    def type_exprs(self):
        out = []
        for key in sorted(self.enum):
            if not key.startswith('cls:'):
                continue
            out.append((key, self.enum[key]['expr']))
        return out

    def gen_types(self):
        types_ = self.type_exprs()
        for key, t in types_:
            tname = self.owner_tag(key)
            attrs = self.enum[key]['attrs']
            for s in ['%s()' % t, '%s.__new__(%s)' % (t, t), 'object.__new__(%s)' % t,
                      'x = %s.__new__(%s)\n_use(x)' % (t, t), 'x = object.__new__(%s)\n_use(x)' % t,
                      'class K(%s): pass\n_use(K())' % t,
                      'class K(%s): pass\n_use(K.__new__(K))' % t,
                      'class K(%s):\n    def __init__(self, *a): pass\n_use(K())' % t,
                      'class K(%s):\n    def __new__(cls, *a): return object.__new__(cls)\n_use(K())' % t,
                      '%s.__init__(%s.__new__(%s), RaiseAll())' % (t, t, t),
                      'x = %s.__new__(%s)\n%s.__init__(x)\n%s.__init__(x)\n_use(x)' % (t, t, t, t)]:
                self.add('uninit', 'uninit:%s' % tname, s)
            for name, kind in sorted(attrs.items()):
                if kind != 'c' or name in ('__new__', '__init__', '__class__', '__subclasshook__'):
                    continue
                for s in ['x = %s.__new__(%s)\nx.%s()' % (t, t, name),
                          'x = %s.__new__(%s)\nx.%s(0)' % (t, t, name),
                          'class K(%s):\n    def __init__(self, *a): pass\nK().%s()' % (t, name)]:
                    self.add('uninit', 'uninit:%s.%s' % (tname, name), s)
            for key2, s in types_:
                self.add('new', 'new:%s' % tname, '%s.__new__(%s)' % (t, s))
            for key2 in self.rsample(self.instance_keys(), 30, 'init' + key):
                self.add('new', 'init:%s' % tname,
                         '%s.__init__(%s)' % (t, self.enum[key2]['expr']))

    def gen_class_assign(self):
        kinds = SUBCLASSABLE + ['_Plain', '_Slots']
        def make(k):
            if k in ('_Plain', '_Slots'):
                return k + '()', k
            return '_sub_%s(%s)' % (k, SUB_ARGS[k]), '_sub_' + k
        for a in kinds:
            for b in kinds:
                inst, _ = make(a)
                _, cls = make(b)
                self.add('classassign', 'classassign:%s->%s' % (a, b),
                         'x = %s\nx.__class__ = %s\n_use(x)' % (inst, cls))

    def gen_mutation(self):
        victims = [
            ('list', '[1, 2, 3, 4]'), ('list', '[MutAll(), 1, MutAll(), 2]'),
            ('list', '[MutDel(), MutDel(), 1, 2]'), ('bytearray', "bytearray(b'abcd')"),
            ('dict', '{1: 1, 2: 2, 3: 3}'), ('dict', '{MutAll(): 1, 2: MutAll()}'),
            ('dict', '{1: MutDel(), 2: MutDel(), MutDel(): 3}'), ('set', '{1, 2, 3}'),
            ('set', '{MutAll(), 1, 2}'), ('set', '{MutDel(), MutDel(), 1}'),
            ('memoryview', "memoryview(bytearray(b'abcd'))"),
        ]
        patterns = ['', 'MutIndex()', 'MutEq()', 'MutHash()', 'MutIter()', 'MutCall()', 'MutAll()',
                    'MutLen()', 'MutDel()', 'MutIndex(), MutIndex()', '0, MutAll()', 'MutAll(), 0',
                    'MutHash(), 0', 'MutEq(), 0', 'MutIter(), MutIter()', 'MutAll(), MutAll(), MutAll()',
                    'key=MutCall()', '_V', '_V, _V', '0, _V', 'slice(None), _V',
                    'slice(None, None, -1), _V', 'slice(1, 1), _V',
                    'slice(MutIndex(), MutIndex(), MutIndex())',
                    'slice(MutIndex(), MutIndex()), MutIter()', 'slice(None), MutLen()']
        consumers = ['sorted(_V, key=MutCall())', 'list(_V)', 'max(_V, key=MutCall())', 'min(_V)',
                     'repr(_V)', 'str(_V)', 'hash(tuple(_V))', 'tuple(_V)', 'set(_V)',
                     'frozenset(_V)', 'dict.fromkeys(_V)', 'dict(zip(_V, _V))',
                     'list(map(MutCall(), _V))', 'list(filter(MutCall(), _V))',
                     'list(enumerate(_V))', 'list(zip(_V, MutIter()))', 'list(reversed(_V))',
                     'bytes(_V)', 'bytearray(_V)', "' '.join(map(repr, _V))", "b''.join([_V, _V])",
                     '[x for x in _V]', 'it = iter(_V)\n_mut()\nlist(it)',
                     'it = reversed(_V)\n_mut()\nlist(it)', 'it = iter(_V)\nnext(it)\n_mut()\nlist(it)',
                     'any(_V)', 'all(_V)', 'sorted(_V)', 'max(_V)', 'print(_V)', 'format(_V)',
                     "'%s' % (_V,)", "f'{_V}'", 'm = memoryview(_V)\n_mut()\nm.tolist()',
                     'm = memoryview(_V)[::2]\n_mut()\nm.tolist()', '_V == [MutEq()]',
                     '_V < [MutAll()]', 'MutEq() in _V', '_V[MutIndex()]', '_V[MutIndex()] = MutAll()',
                     'del _V[MutIndex()]', '_V[MutIndex():MutIndex()] = MutIter()', '_V[::MutIndex()]',
                     '_V += MutIter()', '_V *= MutIndex()', '_V |= {MutHash(): 1}', '_V |= {MutHash()}',
                     'it = iter(_V.items())\n_mut()\nlist(it)', 'it = iter(_V.keys())\nnext(it)\n_mut()\nnext(it)',
                     '_V.keys() & MutIter()', '_V.items() | MutIter()', '_V.keys() ^ _V.keys()',
                     '(1, MutEq()) in _V.items()', 'sum(_V)', "' '.join(_V)", 'sys.intern(_V)']
        for vtype, vexpr in victims:
            methods = sorted(n for n, k in self.enum.get(vtype, {}).get('attrs', {}).items()
                             if k == 'c')
            for act in ('shrink', 'grow'):
                head = "_V = _arm(%s, %r)\n" % (vexpr, act)
                for m in methods:
                    for p in patterns:
                        self.add('mutation', 'mut:%s.%s' % (vtype, m), head + '_V.%s(%s)' % (m, p))
                if vtype == 'dict':
                    for view in ('keys', 'values', 'items'):
                        vm = sorted(n for n, k in self.enum.get('dict_' + view, {}).get('attrs', {}).items()
                                    if k == 'c')
                        for m in vm:
                            for p in ('', 'MutEq()', 'MutIter()', '_V', '_V.%s()' % view, '(1, MutEq())'):
                                self.add('mutation', 'mut:dict_%s.%s' % (view, m),
                                         head + '_V.%s().%s(%s)' % (view, m, p))
                for c in consumers:
                    self.add('mutation', 'mut:%s:%s' % (vtype, c.split('\n')[0]), head + c)

    def gen_deep(self):
        data = ['list', 'tuple', 'dict', 'frozenset', 'slice', 'namespace', 'alias',
                'mappingproxy', 'exc_args', 'keyerror', 'listpair']
        data_ops = ['repr(x)', 'str(x)', 'ascii(x)', 'hash(x)', 'x == y', 'x != y', 'x < y',
                    'x <= y', 'x in [y]', '[x].count(y)', '{x: 1}', 'set([x])', 'sorted([x, y])',
                    'format(x)', "f'{x!r}'", "'%s' % (x,)", 'print(x)', 'isinstance(1, x)',
                    'issubclass(int, x)', 'x.__reduce_ex__(2)', 'sys.getsizeof(x)', 'list(x)',
                    'dir(x)', 'del x', 'x = None', 'len(repr(x))', 'x.copy()', 'x.__parameters__',
                    'x[int]', 'x | int', 'x.__args__', 'x.__getitem__(0)',
                    'frozenset([x]) == frozenset([y])', 'len(x)', 'x.keys()', 'list(x.items())',
                    'x.__eq__(y)', '{x: 1} == {y: 1}', 'str(x.__reduce__())', 'x.__getstate__()']
        iters = ['map', 'filter', 'zip', 'enumerate', 'genexpr', 'yieldfrom', 'calliter']
        iter_ops = ['next(x)', 'list(x)', 'del x', 'x.__reduce__()', 'repr(x.__reduce__())',
                    'x.__length_hint__()', 'for _ in x: pass', 'x.close()', 'x.throw(ValueError)',
                    'x.send(None)', 'repr(x)', 'sorted(x)', 'tuple(x)', 'sum(x)']
        descr = ['classmethod', 'staticmethod', 'property']
        descr_ops = ['class K: a = x\nK.a', 'class K: a = x\nK().a', 'x.__get__(None, int)',
                     'x.__get__(1, int)', 'x()', 'x(1)', 'x.__isabstractmethod__', 'repr(x)',
                     'x.__func__', 'del x', 'x.__wrapped__', 'x.fget', 'class K: a = x\nK().a = 1']
        callables = ['wrapper', 'boundmethod', 'super']
        call_ops = ['x()', 'x(1)', 'repr(x)', 'del x', 'hash(x)', 'x == x', 'x.__self__',
                    'x.__func__', 'x.__reduce__()', 'x.__thisclass__', 'x.missing', 'x.__repr__()']
        excs = ['cause', 'context', 'eg', 'exc_args', 'keyerror']
        exc_ops = ['sys.excepthook(type(x), x, None)', 'sys.__excepthook__(type(x), x, None)',
                   'raise x', 'repr(x)', 'str(x)', 'x.split(ValueError)', 'x.subgroup(ValueError)',
                   'x.derive([ValueError()])', 'try:\n    raise x\nexcept* ValueError:\n    pass',
                   'try:\n    raise x\nexcept Exception as e:\n    pass', 'del x',
                   'try:\n    raise x\nexcept BaseException as e:\n    raise ValueError from e',
                   'x.__reduce__()', 'x.with_traceback(None)']
        objs = ['instance_chain', 'slots_chain', 'closure', 'iterlist', 'genframe', 'memoryview',
                'cellchain', 'await']
        obj_ops = ['del x', 'x = None', 'repr(x)', 'x == x', 'hash(x)', 'x.send(None)', 'x.close()',
                   'x()', 'next(x)', 'x.tobytes()', 'x.cell_contents', 'isinstance(1, x)',
                   'repr(x.__reduce_ex__(2))', 'vars(x)']
        families = [(data, data_ops), (iters, iter_ops), (descr, descr_ops),
                    (callables, call_ops), (excs, exc_ops), (objs, obj_ops)]
        big_ops = ('del x', 'x = None', 'repr(x)', 'hash(x)', 'x == y', 'x == x', 'str(x)')
        for kinds, ops in families:
            for kind in kinds:
                for n in ('100000', '1000000'):
                    if n == '1000000' and kinds is not data and kinds is not objs:
                        continue
                    for op in ops:
                        if n == '1000000' and op not in big_ops:
                            continue
                        src = deep_builder(kind, n, 'x')
                        if re.search(r'\by\b', op):
                            src += deep_builder(kind, n, 'y')
                        self.add('deep', 'deep:%s:%s' % (kind, op.split('\n')[-1]), src + op)
        for op in ['C.__mro__', 'C()', 'dir(C)', 'issubclass(C, int)', 'isinstance(C(), int)',
                   'C().missing', 'super(C, C()).missing', 'C.mro()', 'repr(C())', 'del C',
                   'C.__subclasses__()', 'object.__subclasses__()', 'C.x = 1', 'C().__reduce_ex__(2)']:
            self.add('deep', 'deep:classchain:%s' % op, 'C = _deep_class(3000)\n%s' % op)

    def gen_reclimit(self):
        for lim in RECURSION_LIMITS:
            for kind, body in RECURSION_KINDS.items():
                self.add('reclimit', 'reclimit:%s' % kind,
                         'sys.setrecursionlimit(%s)\n%s' % (lim, body), 'iso')

    def gen_source(self):
        for name, builder in sorted(SOURCE_BUILDERS.items()):
            # builders that indent per level are quadratic in size: stop at 10,000 levels
            sizes = ['100', '1000', '10000'] if 'range({n})' in builder and ' * i' in builder \
                else SOURCE_SIZES
            for n in sizes:
                s = builder.format(n=n)
                for op in ["compile(s, '<s>', 'exec')", 'exec(s, {})', "compile(s, '<s>', 'eval')",
                           "compile(s, '<s>', 'single')", 'eval(s, {})']:
                    self.add('source', 'source:%s:%s' % (name, op.split('(')[0]),
                             's = %s\n%s' % (s, op))
        for s in SOURCE_FIXED:
            for op in ["compile(s, '<s>', 'exec')", 'exec(s, {})', 'eval(s, {})',
                       "compile(s, '<s>', 'single')", "compile(s, '<s>', 'eval')",
                       "compile(s, '<s>', 'exec', 0x2000)"]:
                self.add('source', 'source:fixed:%s' % op.split('(')[0], 's = %s\n%s' % (s, op))
        for src in COMPILE_SRCS:
            for mode in COMPILE_MODES:
                for flags in self.rsample(COMPILE_FLAGS, 4, src + mode):
                    for extra in ['', ', dont_inherit=RaiseBool()', ', optimize=-2',
                                  ', optimize=2**63', ', optimize=3', ', _feature_version=-1',
                                  ', _feature_version=2**63', r", filename='\udc80'"]:
                        self.add('source', 'source:compile-args',
                                 "c = compile(%s, '<s>', %s, %s%s)\nexec(c, {})" % (src, mode, flags, extra))
        for fname in ["'\\udc80'", "b'\\xff'", "'x' * 10**6", 'None', '1', 'RaiseAll()', "'\\x00'",
                      'memoryview(b"f")', 'StrSub("f")']:
            self.add('source', 'source:compile-filename',
                     "c = compile('1/0', %s, 'exec')\ntry:\n    exec(c)\nexcept ZeroDivisionError as e:\n    sys.excepthook(type(e), e, e.__traceback__)" % fname)

    def gen_codecs(self):
        for enc in CODECS:
            for err in CODEC_ERRORS:
                for s in CODEC_STR_INPUTS:
                    self.add('codec', 'codec:encode', '%s.encode(%s, %s)' % (paren(s), enc, err))
                for b in CODEC_BYTES_INPUTS:
                    self.add('codec', 'codec:decode', '%s.decode(%s, %s)' % (paren(b), enc, err) if not b.startswith(('memoryview', '_released')) else 'str(%s, %s, %s)' % (b, enc, err))
                self.add('codec', 'codec:str', "str(b'abc\\xff', %s, %s)" % (enc, err))

    def gen_formats(self):
        for spec in PRINTF_SPECS:
            for v in PRINTF_VALUES:
                self.add('format', 'format:printf', '%r %% %s' % (spec, v))
                if spec.isascii():
                    self.add('format', 'format:printf-bytes', '%r %% %s' % (spec.encode(), v))
        for spec in FORMAT_SPECS:
            for v in FORMAT_VALUES:
                self.add('format', 'format:spec', 'format(%s, %r)' % (v, spec))
                self.add('format', 'format:str.format', '%r.format(%s)' % ('{0:' + spec + '}', v))

    def gen_special(self):
        for name, src, mode in parse_special(SPECIAL_TEXT):
            self.probes.append(('special', 'special:' + name, src,
                                mode if mode != 'batch' else mode_for(src)))

    def generate(self):
        for f in (self.gen_special, self.gen_reclimit, self.gen_deep, self.gen_source,
                  self.gen_mutation, self.gen_class_assign, self.gen_types, self.gen_codecs,
                  self.gen_formats, self.gen_attrs, self.gen_operators, self.gen_calls):
            f()
        seen = set()
        out = []
        for t in self.probes:          # (family, tag, src, mode); Probe objects come later
            if t[2] not in seen:
                seen.add(t[2])
                out.append(t)
        self.probes = []
        return out


# ---------------------------------------------------------------------------
# Prelude bookkeeping: which names each block defines, and which blocks a
# piece of code needs.
# ---------------------------------------------------------------------------
def _defined_names(src):
    names = set()
    for node in ast.parse(src).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        names.add(n.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                names.add((a.asname or a.name).split('.')[0])
    return names


BLOCK_NAMES = [_defined_names(b) for b in PRELUDE_BLOCKS]
NAME_TO_BLOCK = {}
for _i, _names in enumerate(BLOCK_NAMES):
    for _n in _names:
        NAME_TO_BLOCK.setdefault(_n, _i)
IDENT_RE = re.compile(r'[A-Za-z_]\w*')


def needed_blocks(text):
    need = {0}
    todo = [text]
    while todo:
        t = todo.pop()
        for ident in set(IDENT_RE.findall(t)):
            i = NAME_TO_BLOCK.get(ident)
            if i is not None and i not in need:
                need.add(i)
                todo.append(PRELUDE_BLOCKS[i])
    return sorted(need)


def standalone_source(srcs, wrap=False):
    """A self-contained script: the prelude blocks it uses, then the probe(s).
    Several probes (a crash that needs earlier state) are each run like the
    batch runner runs them: exec'd in a fresh namespace inside try/except."""
    body = srcs[0] if len(srcs) == 1 and not wrap else ''.join(
        'try:\n    exec(%r, dict(globals()))\nexcept BaseException:\n    pass\n' % s for s in srcs)
    blocks = needed_blocks(''.join(srcs))
    return '\n'.join(PRELUDE_BLOCKS[i].strip('\n') for i in blocks) + '\n' + body


# The batch runner, executed by taipan (and by CPython for comparisons).
RUNNER_MAIN = r'''
def _sweep_run(probes, marker_path, blocks):
    import sys as _s
    _BE = BaseException
    _ex = exec
    _d = dict
    mk = open(marker_path, 'w')
    base = {'__name__': '__main__', '__builtins__': __builtins__}
    for i, b in enumerate(blocks):
        try:
            _ex(b, base)
        except _BE as e:
            mk.write('PF %d %s\n' % (i, type(e).__name__))
    mk.write('READY\n')
    mk.flush()
    saved = (_s.stdin, _s.stdout, _s.stderr, _s.excepthook, _s.displayhook, _s.unraisablehook)
    limit = _s.getrecursionlimit()
    digits = _s.get_int_max_str_digits()
    hooks = _s.get_asyncgen_hooks()
    depth = _s.get_coroutine_origin_tracking_depth()
    for pid, src in probes:
        mk.write('S %d\n' % pid)
        mk.flush()
        try:
            _ex(src, _d(base))
        except _BE:
            pass
        for _ in range(3):
            try:
                _s.settrace(None)
                _s.setprofile(None)
                _s.stdin, _s.stdout, _s.stderr, _s.excepthook, _s.displayhook, _s.unraisablehook = saved
                _s.setrecursionlimit(limit)
                _s.set_int_max_str_digits(digits)
                _s.set_asyncgen_hooks(*hooks)
                _s.set_coroutine_origin_tracking_depth(depth)
                base['_V'] = None
                break
            except _BE:
                pass
    mk.write('DONE\n')
    mk.flush()
'''


def runner_source(probes, marker_path):
    return '%s\n_sweep_run(%r, %r, %r)\n' % (
        RUNNER_MAIN, [(p.pid, p.src) for p in probes], marker_path, PRELUDE_BLOCKS)


# The enumeration program, executed by taipan only.
ENUM_MAIN = r'''
def _enum_main(zoo, skip, out_path, blocks):
    out = open(out_path, 'w')
    def emit(*parts):
        out.write('\t'.join(parts) + '\n')
        out.flush()
    g = {'__name__': '__main__', '__builtins__': __builtins__}
    for i, b in enumerate(blocks):
        try:
            exec(b, g)
        except BaseException as e:
            emit('PF', str(i), type(e).__name__)
    emit('READY')
    found = []
    if 'TYPES' not in skip:
        seen = set()
        todo = [object]
        while todo:
            c = todo.pop()
            if id(c) in seen:
                continue
            seen.add(id(c))
            try:
                mod = c.__module__
                qn = c.__qualname__
                if type(mod) is str and type(qn) is str and mod != '__main__':
                    found.append(mod + '.' + qn)
            except BaseException:
                pass
            try:
                todo.extend(type.__subclasses__(c))
            except BaseException:
                pass
    entries = list(zoo)
    for name in sorted(set(found)):
        entries.append(('cls:' + name, '_cls(%r)' % name))
    for key, expr in entries:
        if key + '\t*' in skip:
            continue
        emit('Z', key, expr)
        try:
            obj = eval(expr, dict(g))
        except BaseException as e:
            emit('ZERR', key, type(e).__name__)
            continue
        try:
            names = sorted(set(n for n in dir(obj) if type(n) is str))
        except BaseException:
            names = []
        for n in names:
            if key + '\t' + n in skip or '\t' in n or '\n' in n:
                continue
            emit('TRY', key, n)
            try:
                v = getattr(obj, n)
                kind = 'c' if callable(v) else 'a'
            except BaseException:
                kind = 'x'
            emit('A', key, n, kind)
    emit('DONE')
'''


# ---------------------------------------------------------------------------
# Running processes.
# ---------------------------------------------------------------------------
class ProcResult:
    def __init__(self):
        self.rc = None
        self.stderr = ''
        self.timed_out = False
        self.elapsed = 0.0
        self.started = []        # pids announced by the runner, in order
        self.start_times = []    # when the host saw each announcement (~50 ms resolution)
        self.ready = False
        self.done = False
        self.marker_lines = []


class Executor:
    def __init__(self, args, workdir):
        self.taipan = os.path.abspath(args.taipan)
        self.python = args.python
        self.timeout = args.timeout
        self.mem = args.mem_mb * 1024 * 1024
        self.workdir = workdir
        self.counter = 0
        self.lock = threading.Lock()

    def _limits(self):
        resource.setrlimit(resource.RLIMIT_AS, (self.mem, self.mem))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def new_path(self, suffix):
        with self.lock:
            self.counter += 1
            n = self.counter
        return os.path.join(self.workdir, 'f%07d%s' % (n, suffix))

    def run(self, argv, marker_path=None, timeout=None, env_extra=None):
        """Run argv; with a marker file the timeout is per started probe."""
        timeout = timeout or self.timeout
        env = dict(os.environ)
        env.update({'RUST_BACKTRACE': '0', 'PYTHONDONTWRITEBYTECODE': '1', 'PYTHONHASHSEED': '0'})
        env.pop('PYTHONSTARTUP', None)
        env.update(env_extra or {})
        res = ProcResult()
        cwd = os.path.join(self.workdir, 'cwd')
        os.makedirs(cwd, exist_ok=True)
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=cwd, env=env,
                                preexec_fn=self._limits, start_new_session=True)
        head, tail, total = bytearray(), bytearray(), [0]

        def reader():
            while True:
                chunk = proc.stderr.read1(65536)
                if not chunk:
                    break
                total[0] += len(chunk)
                if len(head) < 16384:
                    head.extend(chunk[:16384 - len(head)])
                tail.extend(chunk)
                if len(tail) > 131072:
                    del tail[:len(tail) - 65536]
        th = threading.Thread(target=reader, daemon=True)
        th.start()
        last_progress = t0
        mpos = 0
        buf = ''
        while True:
            try:
                proc.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if marker_path:
                buf, mpos, progressed = self._read_markers(marker_path, mpos, buf, res)
                if progressed:
                    last_progress = now
            if now - last_progress > timeout:
                res.timed_out = True
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                break
        th.join(5)
        if marker_path:
            self._read_markers(marker_path, mpos, buf, res)
        res.rc = proc.returncode
        res.elapsed = time.monotonic() - t0
        text = bytes(tail) if total[0] == len(tail) else bytes(head) + b'\n[...]\n' + bytes(tail)
        res.stderr = text.decode('utf-8', 'replace')
        return res

    @staticmethod
    def _read_markers(path, pos, buf, res):
        try:
            with open(path, 'r', encoding='utf-8', errors='replace') as f:
                f.seek(pos)
                data = f.read()
                pos = f.tell()
        except OSError:
            return buf, pos, False
        if not data:
            return buf, pos, False
        buf += data
        lines = buf.split('\n')
        buf = lines.pop()
        now = time.monotonic()
        for line in lines:
            res.marker_lines.append(line)
            if line.startswith('S '):
                res.started.append(int(line[2:]))
                res.start_times.append(now)
            elif line == 'READY':
                res.ready = True
            elif line == 'DONE':
                res.done = True
        return buf, pos, True

    def run_batch(self, probes, interpreter=None):
        marker = self.new_path('.mk')
        script = self.new_path('.py')
        with open(script, 'w', encoding='utf-8') as f:
            f.write(runner_source(probes, marker))
        res = self.run([interpreter or self.taipan, script], marker_path=marker)
        for p in (marker, script):
            try:
                os.unlink(p)
            except OSError:
                pass
        return res

    def run_source(self, source, interpreter=None, timeout=None, env_extra=None, keep=False):
        script = self.new_path('.py')
        with open(script, 'w', encoding='utf-8') as f:
            f.write(source)
        if env_extra is None and not interpreter:
            env_extra = {'RUST_BACKTRACE': '1'}   # lets classify() find the taipan frame
        res = self.run([interpreter or self.taipan, script], timeout=timeout, env_extra=env_extra)
        if not keep:
            try:
                os.unlink(script)
            except OSError:
                pass
        return res


# ---------------------------------------------------------------------------
# Crash classification.
# ---------------------------------------------------------------------------
class Crash:
    def __init__(self, kind, location='', message='', detail=''):
        self.kind = kind            # panic | stack-overflow | alloc-failure | abort | signal | fatal
        self.location = location
        self.message = message
        self.detail = detail

    def same(self, other):
        if other is None or self.kind != other.kind:
            return False
        if self.kind == 'panic':
            return self.location == other.location
        if self.kind == 'signal':
            return self.message == other.message
        if self.kind == 'alloc-failure' and self.location and other.location:
            return self.location == other.location
        return True

    def key(self, tag):
        if self.kind == 'panic':
            k = 'panic|%s|%s' % (self.location, normalize(self.message)[:80])
            if self.location.startswith(('/rustc/', 'library/')):
                k += '|' + tag            # std code: the caller is the real site
            return k
        if self.kind == 'alloc-failure':
            if self.location:        # the taipan code that asked for the memory
                return 'alloc-failure|' + self.location
            m = re.search(r'(\d+) bytes', self.message)
            if m and int(m.group(1)) < 64 << 20:
                return 'alloc-failure|out of memory (small allocation failed)'
        if self.kind in ('signal', 'fatal', 'abort'):
            return '%s|%s|%s' % (self.kind, normalize(self.message)[:80], tag)
        return '%s|%s' % (self.kind, tag)

    def describe(self):
        if self.kind == 'panic':
            return 'panic at %s: %s' % (self.location, self.message)
        if self.location:
            return '%s: %s (in %s)' % (self.kind, self.message, self.location)
        return '%s: %s' % (self.kind, self.message)


def normalize(msg):
    msg = re.sub(r'0x[0-9a-fA-F]+', '0xN', msg)
    return re.sub(r'\d+', 'N', msg)


PANIC_RE = re.compile(r"thread '[^']*'(?: \(\d+\))? panicked at (.*)")


def classify(res):
    """Crash signature of a finished process, or None if it did not crash."""
    err = res.stderr
    m = PANIC_RE.search(err)
    if m:
        rest = m.group(1)
        after = err[m.end():].lstrip('\n').split('\n')
        if rest.startswith("'"):                       # old format: 'msg', loc
            mm = re.match(r"'(.*)', (\S+:\d+:\d+)", rest)
            msg, loc = (mm.group(1), mm.group(2)) if mm else (rest, '?')
        else:                                          # new format: loc:\nmsg
            loc = rest.rstrip(':').strip()
            msg = after[0] if after else ''
        return Crash('panic', loc, msg.strip()[:300])
    if 'has overflowed its stack' in err:
        return Crash('stack-overflow', message='stack overflow')
    m = re.search(r'memory allocation of \d+ bytes failed', err)
    if m:
        frame = re.search(r'^\s+at \S*?(crates/taipan[^\s:]*:\d+)', err, re.M)
        return Crash('alloc-failure', frame.group(1) if frame else '', m.group(0))
    m = re.search(r'fatal runtime error: (.*)', err)
    if m:
        return Crash('abort', message='fatal runtime error: ' + m.group(1).strip())
    m = re.search(r'Fatal Python error: (.*)', err)
    if m:
        return Crash('fatal', message='Fatal Python error: ' + m.group(1).strip())
    if res.timed_out:
        return None
    if res.rc is not None and res.rc < 0:
        try:
            name = signal.Signals(-res.rc).name
        except ValueError:
            name = 'signal %d' % -res.rc
        return Crash('signal', message=name)
    if res.rc == 101:
        return Crash('panic', '?', 'exit status 101')
    if res.rc in (134, 139):
        return Crash('signal', message='exit status %d' % res.rc)
    return None


def outcome(res):
    """One line saying how a reference run ended."""
    if res.timed_out:
        return 'timeout (> %.0fs)' % res.elapsed
    c = classify(res)
    if c:
        return 'CRASH: ' + c.describe()
    lines = [l for l in res.stderr.strip().splitlines() if l.strip()]
    last = lines[-1].strip()[:200] if lines else ''
    if res.rc == 0:
        return 'exit 0' + (' (stderr: %s)' % last if last else '')
    return 'exit %s: %s' % (res.rc, last)


# ---------------------------------------------------------------------------
# The sweep.
# ---------------------------------------------------------------------------
def hang_group(p):
    """Probes that time out for the same reason: after a few timeouts in a group
    the rest of the group is skipped (each timeout costs a full --timeout)."""
    if p.family == 'mutation':        # the armed container, whatever method is called
        return 'mut:' + p.src.split('\n', 1)[0]
    return p.tag


class Sweep:
    def __init__(self, args, ex):
        self.args = args
        self.ex = ex
        self.lock = threading.Lock()
        self.classes = {}          # key -> dict
        self.hangs = {}            # tag -> dict
        self.slow_both = []
        self.divergent = {}        # tag -> dict
        self.unreproduced = []
        self.timeouts = {}         # tag -> number of probe timeouts (tags are skipped after a few)
        self.probes_run = 0
        self.processes = 0
        self.deadline = None
        self.stop = False

    # -- recording ---------------------------------------------------------
    def record_crash(self, crash, probes, source, how):
        tag = probes[-1].tag
        key = crash.key(tag)
        with self.lock:
            c = self.classes.get(key)
            if c is None:
                c = self.classes[key] = {
                    'key': key, 'kind': crash.kind, 'location': crash.location,
                    'message': crash.message, 'count': 0, 'tags': [], 'reproducer': source,
                    'reproducer_form': how, 'probe': [p.src for p in probes],
                    'pids': [p.pid for p in probes]}
            c['count'] += 1
            if tag not in c['tags'] and len(c['tags']) < 50:
                c['tags'].append(tag)
            if len(source) < len(c['reproducer']):
                c.update(reproducer=source, reproducer_form=how,
                         probe=[p.src for p in probes], pids=[p.pid for p in probes])
        self.log('CRASH %s  [%s]' % (crash.describe()[:150], tag))

    def log(self, msg):
        if not self.args.quiet:
            sys.stderr.write('[%6.0fs] %s\n' % (time.monotonic() - self.t0, msg))
            sys.stderr.flush()

    # -- per-batch driver ---------------------------------------------------
    def run_unit(self, probes):
        if len(probes) == 1 and probes[0].mode == 'top':
            return self.run_top(probes[0])
        queue = list(probes)
        while queue and not self.stop:
            queue = [p for p in queue
                     if self.timeouts.get(hang_group(p), 0) < self.args.max_timeouts_per_tag]
            if not queue:
                break
            if self.deadline and time.monotonic() > self.deadline:
                self.stop = True
                break
            res = self.ex.run_batch(queue)
            with self.lock:
                self.processes += 1
            index = {p.pid: i for i, p in enumerate(queue)}
            k = index.get(res.started[-1], -1) if res.started else -1
            crash = classify(res)
            if res.done and not crash:
                with self.lock:
                    self.probes_run += len(queue)
                return
            with self.lock:
                self.probes_run += max(k, 0)
            if not res.ready and not res.started:
                self.record_startup_failure(res, crash)
                return
            if res.done and crash:                     # a panic that did not end the process
                self.locate(queue, crash)
                with self.lock:
                    self.probes_run += len(queue) - max(k, 0)
                return
            if k < 0:
                self.record_startup_failure(res, crash)
                return
            if res.timed_out and not crash:
                self.follow_hang(queue[k])
            elif crash:
                self.follow_crash(queue[:k + 1], crash)
            else:
                self.follow_abnormal(queue[k], res)
            with self.lock:
                self.probes_run += 1
            queue = queue[k + 1:]

    def run_top(self, p):
        """A probe that must run as a script (it may end in an uncaught exception)."""
        src = standalone_source([p.src])
        r = self.ex.run_source(src)
        with self.lock:
            self.processes += 1
            self.probes_run += 1
        c = classify(r)
        if c:
            self.record_crash(c, [p], src, 'standalone')
        elif r.timed_out:
            self.follow_hang(p)

    def record_startup_failure(self, res, crash):
        with self.lock:
            self.classes.setdefault('startup', {
                'key': 'startup', 'kind': crash.kind if crash else 'startup-failure',
                'location': crash.location if crash else '', 'count': 1, 'tags': ['runner'],
                'message': (crash.describe() if crash else outcome(res)),
                'reproducer': '(the batch runner itself failed before running a probe)',
                'reproducer_form': 'runner', 'probe': [], 'pids': []})
            self.stop = True
        self.log('runner failed to start: ' + outcome(res))

    def follow_crash(self, prefix, crash):
        p = prefix[-1]
        src = standalone_source([p.src])
        r = self.ex.run_source(src)
        c = classify(r)
        if c and c.same(crash):
            self.record_crash(c, [p], src, 'standalone')
            return
        if c:                      # crashes alone, but differently: record both
            self.record_crash(c, [p], src, 'standalone')
        r = self.ex.run_batch([p])
        c2 = classify(r)
        if c2 and c2.same(crash):
            self.record_crash(c2, [p], standalone_source([p.src], wrap=True), 'exec-wrapped')
            return
        # The crash needs earlier probes of the batch: find a small window.
        window = self.find_window(prefix, crash)
        if window:
            src = standalone_source([q.src for q in window])
            r = self.ex.run_source(src)
            how = 'multi-probe'
            if not crash.same(classify(r)):
                src, how = runner_source(window, '/dev/null'), 'runner'
            self.record_crash(crash, window, src, how)
        else:
            with self.lock:
                self.unreproduced.append({'crash': crash.describe(), 'tag': p.tag,
                                          'probe': p.src})
            self.log('unreproduced %s [%s]' % (crash.describe()[:100], p.tag))

    def reproduces(self, probes, crash):
        return crash.same(classify(self.ex.run_batch(probes)))

    def find_window(self, prefix, crash):
        last = prefix[-1]
        n = len(prefix)
        size = 2
        found = None
        while size < 2 * n:
            w = prefix[max(0, n - size):]
            if self.reproduces(w, crash):
                found = w
                break
            size *= 2
        if not found:
            return None
        # Greedily drop probes that are not needed (bounded effort).
        keep = list(found[:-1])
        chunk = max(1, len(keep) // 2)
        budget = 40
        while chunk >= 1 and budget > 0:
            i = 0
            while i < len(keep) and budget > 0:
                trial = keep[:i] + keep[i + chunk:]
                budget -= 1
                if self.reproduces(trial + [last], crash):
                    keep = trial
                else:
                    i += chunk
            chunk //= 2
        return keep + [last]

    def locate(self, probes, crash):
        """Find the probe of a batch whose panic did not end the process."""
        while len(probes) > 1:
            half = len(probes) // 2
            a, b = probes[:half], probes[half:]
            if self.reproduces(a, crash):
                probes = a
            elif self.reproduces(b, crash):
                probes = b
            else:
                break
        if len(probes) == 1:
            self.follow_crash(probes, crash)
        else:
            self.record_crash(crash, probes, runner_source(probes, '/dev/null'), 'runner')

    def follow_hang(self, p):
        with self.lock:
            g = hang_group(p)
            self.timeouts[g] = self.timeouts.get(g, 0) + 1
        src = standalone_source([p.src])
        ref = self.ex.run_source(src, interpreter=self.args.python, timeout=self.args.timeout / 2)
        if ref.timed_out or classify(ref):      # CPython is slow too, or crashes itself
            with self.lock:
                self.slow_both.append('%s (CPython: %s)' % (p.tag, outcome(ref)[:60]))
            return
        r = self.ex.run_source(src)
        c = classify(r)
        if c:
            self.record_crash(c, [p], src, 'standalone')
            return
        if not r.timed_out:
            r = self.ex.run_batch([p])
            c = classify(r)
            if c:
                self.record_crash(c, [p], src, 'standalone')
                return
            if not r.timed_out:
                return          # only slow after earlier probes of the batch: ignore
        with self.lock:
            h = self.hangs.setdefault(p.tag, {'tag': p.tag, 'count': 0, 'reproducer': src,
                                              'cpython': outcome(ref),
                                              'cpython_seconds': round(ref.elapsed, 3)})
            h['count'] += 1
            if len(src) < len(h['reproducer']):
                h.update(reproducer=src, cpython=outcome(ref), cpython_seconds=round(ref.elapsed, 3))
        self.log('HANG [%s] (CPython %.2fs)' % (p.tag, ref.elapsed))

    def follow_abnormal(self, p, res):
        r = self.ex.run_batch([p])
        c = classify(r)
        if c:
            self.follow_crash([p], c)
            return
        if r.done:
            return
        ref = self.ex.run_batch([p], interpreter=self.args.python)
        if ref.done or (ref.rc != r.rc and not ref.timed_out):
            with self.lock:
                self.divergent.setdefault(p.tag, {
                    'tag': p.tag, 'taipan': outcome(r), 'cpython': 'completes' if ref.done else outcome(ref),
                    'reproducer': standalone_source([p.src])})
            self.log('DIVERGENT exit [%s]: %s' % (p.tag, outcome(r)[:100]))

    # -- finishing touches --------------------------------------------------
    def ddmin_lines(self, text, keeps, seconds):
        """Greedy line-level delta debugging: drop chunks of lines while keeps(text) holds."""
        lines = text.split('\n')
        t_end = time.monotonic() + seconds
        chunk = max(1, len(lines) // 2)
        while chunk >= 1 and time.monotonic() < t_end:
            i = 0
            while i < len(lines) and time.monotonic() < t_end:
                trial = lines[:i] + lines[i + chunk:]
                candidate = '\n'.join(trial)
                try:
                    compile(candidate, '<min>', 'exec')
                except (SyntaxError, ValueError):
                    i += chunk
                    continue
                if keeps(candidate):
                    lines = trial
                else:
                    i += chunk
            chunk //= 2
        return '\n'.join(lines).strip('\n') + '\n'

    def minimize(self, c):
        """Shrink a class reproducer while it still crashes with the same signature."""
        target = classify(self.ex.run_source(c['reproducer']))
        if not target:
            return
        c['reproducer'] = self.ddmin_lines(
            c['reproducer'], lambda t: target.same(classify(self.ex.run_source(t))),
            self.args.minimize_seconds)

    def finish_hang(self, h):
        """Shrink a hang reproducer: taipan must still time out, CPython stay fast."""
        t = min(3.0, self.args.timeout)

        def keeps(text):
            r = self.ex.run_source(text, timeout=t)
            if not r.timed_out:
                return False
            ref = self.ex.run_source(text, interpreter=self.args.python, timeout=1.0)
            return not ref.timed_out
        if not self.args.no_minimize:
            h['reproducer'] = self.ddmin_lines(h['reproducer'], keeps, 2 * self.args.minimize_seconds)
        ref = self.ex.run_source(h['reproducer'], interpreter=self.args.python)
        h['cpython'] = outcome(ref)
        h['cpython_seconds'] = round(ref.elapsed, 3)

    def finish_class(self, c):
        if c['key'] == 'startup':
            return
        if not self.args.no_minimize and c['reproducer_form'] != 'runner':
            self.minimize(c)
        ref = self.ex.run_source(c['reproducer'], interpreter=self.args.python)
        c['cpython'] = outcome(ref)
        r = self.ex.run_source(c['reproducer'], env_extra={'RUST_BACKTRACE': '1'})
        frames = re.findall(r'^\s+\d+: (.*)\n\s+at (.*)$', r.stderr, re.M)
        frames = ['%s (%s)' % (fn, loc.strip().split('/crates/')[-1]) for fn, loc in frames
                  if '/crates/taipan' in loc or loc.strip().startswith('crates/')]
        if frames:
            c['backtrace'] = frames[:8]
        c2 = classify(r)
        c['taipan'] = c2.describe() if c2 else outcome(r)


# ---------------------------------------------------------------------------
# Enumeration (inside taipan).
# ---------------------------------------------------------------------------
def enumerate_candidates(ex, sweep):
    """Returns ({key: {'expr', 'attrs': {name: kind}}}, prelude failures).
    A crash while enumerating is recorded and the offending attribute skipped."""
    skip = set()
    for attempt in range(80):
        out = ex.new_path('.enum')
        src = '%s\n_enum_main(%r, %r, %r, %r)\n' % (ENUM_MAIN, ZOO, sorted(skip), out, PRELUDE_BLOCKS)
        res = ex.run_source(src, timeout=max(120, ex.timeout))
        try:
            with open(out, encoding='utf-8', errors='replace') as f:
                lines = f.read().splitlines()
            os.unlink(out)
        except OSError:
            lines = []
        entries, failures, last = {}, [], None
        for line in lines:
            parts = line.split('\t')
            if parts[0] == 'PF':
                failures.append(int(parts[1]))
            elif parts[0] == 'Z':
                entries[parts[1]] = {'expr': parts[2], 'attrs': {}}
            elif parts[0] == 'ZERR':
                entries.pop(parts[1], None)
            elif parts[0] == 'A':
                entries[parts[1]]['attrs'][parts[2]] = parts[3]
            last = parts
        if last and last[0] == 'DONE':
            return entries, failures
        crash = classify(res)
        if not last:
            raise SystemExit('enumeration failed before its prelude ran: %s\n%s'
                             % (outcome(res), res.stderr[-3000:]))
        if last[0] == 'TRY':
            key, name = last[1], last[2]
            skip.add(key + '\t' + name)
            probe = Probe('enum', 'enum:%s.%s' % (key, name),
                          'o = %s\ngetattr(o, %r)' % (entries[key]['expr'], name))
        elif last[0] == 'Z':
            skip.add(last[1] + '\t*')
            probe = Probe('enum', 'enum:%s' % last[1], 'o = %s\ndir(o)' % last[2])
        else:
            skip.add('TYPES')
            probe = Probe('enum', 'enum:subclasses', 'object.__subclasses__()')
        sweep.log('enumeration stopped (%s) at %s' % (outcome(res)[:100], '\t'.join(last)))
        if crash:
            sweep.follow_crash([probe], crash)
        elif res.timed_out:
            sweep.follow_hang(probe)
    raise SystemExit('enumeration kept failing')


def sample(probes, limit, seed):
    """Probe objects for a deterministic sample of the (family, tag, src, mode) tuples."""
    idx = range(len(probes))
    if limit and limit < len(probes):
        salt = zlib.crc32(str(seed).encode())
        idx = sorted(heapq.nsmallest(limit, idx, key=lambda i: (
            zlib.crc32(probes[i][2].encode('utf-8', 'surrogatepass'), salt), i)))
    out = []
    for i in idx:
        p = Probe(*probes[i])
        p.pid = i
        out.append(p)
    return out


def make_units(probes, batch, seed):
    units, cur = [], []
    for p in probes:
        if p.mode in ('iso', 'top'):
            units.append([p])
        else:
            cur.append(p)
            if len(cur) >= batch:
                units.append(cur)
                cur = []
    if cur:
        units.append(cur)
    random.Random(seed).shuffle(units)
    return units


def write_report(path, sweep, meta):
    classes = sorted(sweep.classes.values(), key=lambda c: (c['kind'], c['key']))
    report = dict(meta)
    report.update({
        'crash_classes': classes,
        'hangs': sorted(sweep.hangs.values(), key=lambda h: h['tag']),
        'divergent_exits': sorted(sweep.divergent.values(), key=lambda d: d['tag']),
        'unreproduced_crashes': sweep.unreproduced,
        'slow_in_both': sorted(set(sweep.slow_both)),
    })
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(report, f, indent=2, ensure_ascii=True)


def print_summary(sweep, meta, out=sys.stdout):
    w = out.write
    w('\n=== hostile sweep: %d probes in %d processes, %.0fs ===\n'
      % (meta['probes_run'], meta['processes'], meta['elapsed_seconds']))
    if meta.get('prelude_failures'):
        w('prelude blocks taipan could not run: %s\n' % meta['prelude_failures'])
    classes = sorted(sweep.classes.values(), key=lambda c: (c['kind'], c['key']))
    w('%d crash class(es)\n' % len(classes))
    for i, c in enumerate(classes, 1):
        w('\n--- [%d] %s  (%d hit(s); %s)\n' % (i, c.get('taipan') or c['key'], c['count'],
                                                ', '.join(c['tags'][:4])))
        w('CPython: %s\n' % c.get('cpython', '?'))
        for fr in c.get('backtrace', [])[:4]:
            w('    %s\n' % fr)
        w(c['reproducer'].rstrip('\n')[:3000] + '\n')
    if sweep.hangs:
        w('\n%d hang(s) (taipan > timeout, CPython fast)\n' % len(sweep.hangs))
        for h in sorted(sweep.hangs.values(), key=lambda h: h['tag']):
            w('\n--- HANG %s (CPython %.2fs: %s)\n%s' % (h['tag'], h['cpython_seconds'],
                                                        h['cpython'], h['reproducer'][-1500:]))
    if sweep.divergent:
        w('\n%d divergent exit(s) (not crashes)\n' % len(sweep.divergent))
        for d in sweep.divergent.values():
            w('  %s: taipan %s; CPython %s\n' % (d['tag'], d['taipan'][:120], d['cpython'][:80]))
    if sweep.unreproduced:
        w('\n%d crash(es) that did not reproduce\n' % len(sweep.unreproduced))
        for u in sweep.unreproduced[:20]:
            w('  %s [%s]\n' % (u['crash'][:150], u['tag']))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--taipan', required=True, help='taipan binary to test')
    ap.add_argument('--python', default='python3', help='reference CPython 3.11 (default python3)')
    ap.add_argument('--seed', type=int, default=0, help='seed for the generated probes and sampling')
    ap.add_argument('--limit', type=int, default=0, help='run only N probes (a deterministic sample)')
    ap.add_argument('--report', help='write crash classes and reproducers to this JSON file')
    ap.add_argument('--jobs', type=int, default=2, help='parallel processes (default 2)')
    ap.add_argument('--timeout', type=float, default=10.0, help='seconds per probe (default 10)')
    ap.add_argument('--batch', type=int, default=200, help='probes per process (default 200)')
    ap.add_argument('--max-timeouts-per-tag', type=int, default=2,
                    help='skip the rest of a probe tag after this many timeouts (default 2)')
    ap.add_argument('--mem-mb', type=int, default=2048, help='address-space limit per process')
    ap.add_argument('--families', help='comma-separated probe families to run (default all)')
    ap.add_argument('--max-seconds', type=float, default=0, help='stop starting probes after this')
    ap.add_argument('--minimize-seconds', type=float, default=None,
                    help='time for line-level minimisation of each reproducer '
                         '(default 30, or 5 with --limit)')
    ap.add_argument('--no-minimize', action='store_true')
    ap.add_argument('--list', action='store_true', help='print the probe counts and exit')
    ap.add_argument('--quiet', action='store_true')
    args = ap.parse_args(argv)
    if args.minimize_seconds is None:
        args.minimize_seconds = 5.0 if args.limit else 30.0
    if not os.access(args.taipan, os.X_OK):
        ap.error('not an executable: %s' % args.taipan)
    if not shutil.which(args.python):
        ap.error('reference interpreter not found: %s' % args.python)

    workdir = tempfile.mkdtemp(prefix='hostile_sweep_')
    ex = Executor(args, workdir)
    sweep = Sweep(args, ex)
    sweep.t0 = time.monotonic()
    try:
        entries, failures = enumerate_candidates(ex, sweep)
        n_targets = sum(sum(1 for k in e['attrs'].values() if k == 'c') for e in entries.values())
        sweep.log('enumerated %d objects, %d callables' % (len(entries), n_targets))
        probes = Generator(entries, args.seed).generate()
        counts = {}
        for p in probes:
            counts[p[0]] = counts.get(p[0], 0) + 1
        sweep.log('generated %d probes: %s' % (len(probes), counts))
        if args.families:
            wanted = set(args.families.split(','))
            probes = [p for p in probes if p[0] in wanted]
        if args.list:
            print(json.dumps(counts, indent=1))
            return 0
        probes = sample(probes, args.limit, args.seed)
        units = make_units(probes, args.batch, args.seed)
        if args.max_seconds:
            sweep.deadline = sweep.t0 + args.max_seconds
        sweep.log('running %d probes in %d units with %d workers' % (len(probes), len(units), args.jobs))
        stop_progress = threading.Event()

        def progress():
            while not stop_progress.wait(30):
                sweep.log('progress: %d/%d probes, %d processes, %d classes, %d hangs'
                          % (sweep.probes_run, len(probes), sweep.processes, len(sweep.classes),
                             len(sweep.hangs)))
        threading.Thread(target=progress, daemon=True).start()
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(sweep.run_unit, units))
        stop_progress.set()
        sweep.log('finishing %d classes and %d hangs (minimising, CPython reference)'
                  % (len(sweep.classes), len(sweep.hangs)))
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(sweep.finish_class, list(sweep.classes.values())))
            list(pool.map(sweep.finish_hang, list(sweep.hangs.values())))
        meta = {
            'taipan': os.path.abspath(args.taipan), 'python': args.python, 'seed': args.seed,
            'limit': args.limit, 'timeout': args.timeout, 'probes_generated': sum(counts.values()),
            'family_counts': counts, 'probes_run': sweep.probes_run, 'processes': sweep.processes,
            'elapsed_seconds': round(time.monotonic() - sweep.t0, 1),
            'stopped_early': sweep.stop,
            'prelude_failures': [PRELUDE_BLOCKS[i].strip().split('\n')[0][:60] for i in failures],
        }
        if args.report:
            write_report(args.report, sweep, meta)
        print_summary(sweep, meta)
        return 1 if sweep.classes or sweep.hangs else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
