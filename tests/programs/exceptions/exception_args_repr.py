# args, str() and repr() of built-in exceptions.
cases = [
    Exception(), Exception("one"), Exception("a", "b"), Exception(1, [2]),
    ValueError(""), ValueError(None), KeyError("k"), KeyError(), KeyError("a", "b"), KeyError(0),
    IndexError(5), TypeError("t"), AttributeError("attr"), NameError("nm"),
    OSError("os"), OSError(2, "No such file"), OSError(2, "No such file", "f.txt"),
    FileNotFoundError(2, "No such file", "a"), StopIteration(), StopIteration(5),
    SystemExit(), SystemExit(3), SystemExit("msg"), KeyboardInterrupt(),
    ZeroDivisionError("division by zero"), AssertionError(), UnicodeError("u"),
    RuntimeError("r"), NotImplementedError(), RecursionError("deep"), ArithmeticError(),
    LookupError("l"), OverflowError("big"), BaseException("base"), GeneratorExit(),
]
for e in cases:
    print(f"{type(e).__name__:20} args={e.args!r:30} str={str(e)!r:30} repr={e!r}")
e = ValueError("x")
e.args = ("changed", 2)
print(e, repr(e))
e.args = "abc"
print(e.args)
print(SystemExit(3).code, SystemExit().code, SystemExit("m").code, SystemExit(1, 2).code)
print(StopIteration(7).value, StopIteration().value, StopIteration(1, 2).value)
o = OSError(2, "No such file", "f.txt")
print(o.errno, o.strerror, o.filename, type(o).__name__)
print(type(OSError(2, "x")).__name__, type(OSError(13, "x")).__name__, type(OSError(17, "x")).__name__)
print(IOError is OSError, EnvironmentError is OSError)
