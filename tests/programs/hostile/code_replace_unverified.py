# code.replace() and CodeType() trust their fields as CPython does: a code
# object whose bytecode does not fit its other fields (a stack size too
# small, a LOAD_CONST past co_consts) is made and shows the fields it was
# given. (Running one is undefined in CPython; Taipan refuses to run it, so
# this program only builds them.)
import types


def func():
    x = 1
    return x


def func2():
    y = 2
    z = 3
    return y


code, code2 = func.__code__, func2.__code__
for attr, value in (
    ("co_stacksize", 0),
    ("co_code", code2.co_code),
    ("co_consts", code2.co_consts),
    ("co_consts", ()),
    ("co_names", ("myname",)),
    ("co_varnames", ("spam",)),
    ("co_linetable", code2.co_linetable),
    ("co_exceptiontable", b"\x80\x00\x02\x00"),
):
    new = code.replace(**{attr: value})
    print(attr, getattr(new, attr) == value, new.co_name, new.co_stacksize, len(new.co_consts))

new = code.replace(co_varnames=code2.co_varnames, co_nlocals=code2.co_nlocals)
print(new.co_varnames, new.co_nlocals)
c = types.CodeType(0, 0, 0, 0, 0, 0, b"d\x05S\x00", (), (), (), "f", "n", "q", 1, b"", b"")
print(c.co_code, c.co_consts, c.co_stacksize, c == types.CodeType(0, 0, 0, 0, 0, 0, b"d\x05S\x00", (), (), (), "f", "n", "q", 1, b"", b""))
