# The struct sequence types (os.stat_result, time.struct_time, sys.flags, ...):
# repr, fields, docs, class attributes, pickling, comparison, hashing,
# slicing, constructor errors.
import copy
import os
import pickle
import pwd
import grp
import resource
import sys
import time


def types():
    return [
        os.stat_result, os.statvfs_result, os.terminal_size, os.times_result,
        os.uname_result, os.sched_param, os.waitid_result, time.struct_time,
        pwd.struct_passwd, grp.struct_group, resource.struct_rusage,
        type(sys.flags), type(sys.version_info), type(sys.float_info),
        type(sys.int_info), type(sys.hash_info), type(sys.thread_info),
        type(sys.get_asyncgen_hooks()),
    ]


def describe(t):
    print(t.__module__, t.__qualname__, t.__name__, repr(t))
    print("  mro", [c.__name__ for c in t.__mro__])
    print("  counts", t.n_sequence_fields, t.n_fields, t.n_unnamed_fields)
    print("  match_args", t.__match_args__)
    print("  doc", repr(t.__doc__))
    print("  subclassable", bool(t.__flags__ & (1 << 10)))
    print("  own __new__", "__new__" in vars(t), "reduce" in str(vars(t).get("__reduce__")))
    members = [k for k, v in vars(t).items() if type(v).__name__ == "member_descriptor"]
    print("  members", members)
    for k in members:
        d = vars(t)[k]
        print("   ", k, type(d).__name__, repr(d), repr(d.__doc__), d.__objclass__ is t)


def try_(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ->", r)


def instance(t, n):
    try:
        return t(tuple(range(100, 100 + n)))
    except TypeError as e:
        print("  cannot build:", e)
        return None


def class_of(t):
    class Sub(t):
        pass
    return Sub


for t in types():
    describe(t)
    if t is os.sched_param:
        s = t(5)
    else:
        s = instance(t, t.n_sequence_fields)
    if s is None:
        try_(t, ())
        try_(t)
        continue
    print("  repr", repr(s), str(s))
    print("  len", len(s), "tuple", tuple(s), "slice", s[1:3], s[-1], s[::2])
    print("  reduce", s.__reduce__())
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            back = pickle.loads(pickle.dumps(s, proto))
        except Exception as e:
            print("  pickle", proto, type(e).__name__, e)
            continue
        print("  pickle", proto, back == s, type(back) is t, back.__reduce__() == s.__reduce__())
    try_(pickle.dumps, s, 2)
    try_(pickle.dumps, s, 0)
    try_(lambda: (copy.copy(s) == s, copy.deepcopy(s) == s, type(copy.copy(s)) is t))
    print("  eq tuple", s == tuple(s), s != tuple(s), s < tuple(s) + (1,), hash(s) == hash(tuple(s)))
    print("  isinstance tuple", isinstance(s, tuple), s.count(s[0]), s.index(s[0]))
    print("  add", s + (1,), s * 2 == tuple(s) * 2, 100 in s)
    for name in t.__match_args__[:3]:
        print("  attr", name, getattr(s, name))
    try_(setattr, s, t.__match_args__[0], 1)
    try_(delattr, s, t.__match_args__[0])
    try_(setattr, s, "no_such_field", 1)
    try_(getattr, s, "no_such_field")
    print("  has dict", hasattr(s, "__dict__"))
    if t is os.sched_param:
        try_(t)
        try_(t, 1, 2)
        try_(t, sched_priority=3)
        try_(t, prio=3)
        continue
    try_(t, ())
    try_(t, range(t.n_fields + 5))
    try_(t, range(t.n_fields), 5)
    try_(t, 5)
    try_(t, range(t.n_fields))
    try_(t, sequence=range(t.n_sequence_fields))
    try_(t, range(t.n_sequence_fields), {})
    try_(t, range(t.n_sequence_fields), None)
    try_(t, range(t.n_sequence_fields), dict=None, extra=1)
    try_(t, iter(range(t.n_sequence_fields)))
    try_(lambda: class_of(t))


# The fields past the sequence part.
st = os.stat_result(range(10))
print(st, st.st_atime, st.st_mtime, st.st_ctime, st.st_atime_ns, st.st_blksize, st.st_rdev)
st = os.stat_result(range(10), {"st_atime": 1.5, "st_rdev": 7, "bogus": 1})
print(st, st.st_atime, st.st_mtime, st.st_rdev, st.__reduce__())
st = os.stat_result(range(19))
print(st, st.st_atime, st.st_atime_ns, st.st_rdev, st.__reduce__())
print(st[7], st[9], len(st), st[-1])
try_(lambda: st[10])
real = os.stat(".")
print(type(real.st_mtime).__name__, type(real.st_mtime_ns).__name__, real[8] == int(real.st_mtime))
print(pickle.loads(pickle.dumps(real)).st_mtime_ns == real.st_mtime_ns)
tm = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(tm, tm.tm_zone, tm.tm_gmtoff, tm.__reduce__())
tm = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, "UTC", 0))
print(tm, tm.tm_zone, tm.tm_gmtoff, tm.__reduce__())
g = time.gmtime(0)
print(g, g.tm_zone, g.tm_gmtoff, pickle.loads(pickle.dumps(g)) == g, pickle.loads(pickle.dumps(g)).tm_zone)
print(sys.flags.__reduce__()[1][1], type(sys.version_info).__name__, sys.version_info[:2], sys.version_info >= (3, 11))
print(sys.float_info.max == 1.7976931348623157e+308, sys.float_info.dig, sys.int_info, sys.hash_info.algorithm)
print(type(sys.float_info)(sys.float_info) == sys.float_info)
print(sys.thread_info.name, type(sys.implementation).__name__, sys.implementation.version == sys.version_info)
try_(lambda: type(sys.flags)())
try_(lambda: type(sys.version_info)((1, 2, 3, "final", 0)))
try_(lambda: type(sys.flags).__new__(type(sys.flags), sys.flags))
try_(lambda: type(sys.version_info).__new__(type(sys.version_info), sys.version_info))
match sys.version_info:
    case (3, minor, *_):
        print("match", minor)
match os.terminal_size((80, 24)):
    case os.terminal_size(columns, lines):
        print("match", columns, lines)
# Descriptors from one type do not apply to another.
try_(os.stat_result.st_mode.__get__, os.terminal_size((1, 2)))
try_(os.stat_result.st_mode.__get__, (1, 2))
print(os.stat_result.st_mode.__get__(None, os.stat_result) is os.stat_result.st_mode)
# Nested repr and deep structures.
l = []
tm = time.struct_time((l,) * 9)
l.append(tm)
print(repr(tm)[:80])
