# _crypt.crypt through libcrypt (fixed salts give fixed hashes) and the
# spwd module's types and errors (entries themselves depend on the machine).
import os
import warnings

import _crypt

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt
    import spwd

print(_crypt.crypt("abc", "$1$12345678"))
print(_crypt.crypt("secret", "$6$rounds=5000$saltsalt"))
print(_crypt.crypt("abc", "ab"))
print(repr(_crypt.crypt("abc", "*")), repr(_crypt.crypt("abc", "")))
print(crypt.crypt("word", crypt.crypt("word", "$5$abcdefgh")) == crypt.crypt("word", "$5$abcdefgh"))
for a in [(1, "x"), ("a\0b", "x"), ("a",), ("a", "\udc80"), ("a", "b", 1)]:
    try:
        print(repr(_crypt.crypt(*a)))
    except Exception as e:
        print(type(e).__name__, e)
try:
    _crypt.crypt(word="a", salt="b")
except TypeError as e:
    print(e)

t = spwd.struct_spwd
print(t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)
print(t.__doc__)
print(sorted(k for k in dir(t) if k.startswith("sp_")))
e = t(("name", "pw", 1, 2, 3, 4, 5, 6, 7))
print(e, e.sp_nam, e.sp_pwd)
entries = spwd.getspall() if os.geteuid() == 0 else []
print(all(isinstance(x, spwd.struct_spwd) for x in entries))
for a in [("no such user name",), (0,), (b"root",), (), ("a", "b")]:
    try:
        spwd.getspnam(*a)
    except (KeyError, TypeError) as ex:
        print(type(ex).__name__, ex)
for f in [lambda: spwd.getspall(1), lambda: spwd.getspnam(a=1)]:
    try:
        f()
    except TypeError as ex:
        print(ex)
