# An OSError subclass that overrides __new__ is initialised from the
# arguments its __new__ passes up; __init__'s arguments (keywords too) are
# ignored.


class SubOSErrorWithInit(OSError):
    def __init__(self, message, bar):
        self.bar = bar
        super().__init__(message, bar)


class SubOSErrorWithNew(OSError):
    def __new__(cls, message, baz):
        self = super().__new__(cls, message)
        self.baz = baz
        return self


class SubOSErrorCombinedInitFirst(SubOSErrorWithInit, SubOSErrorWithNew):
    pass


class SubOSErrorCombinedNewFirst(SubOSErrorWithNew, SubOSErrorWithInit):
    pass


class WithErrno(OSError):
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls, 2, "No such file", "f.txt")


e = SubOSErrorWithNew("some message", "baz")
print(e.args, e.baz, e.errno, e.strerror)
e = SubOSErrorWithNew("some message", baz="baz")
print(e.args, e.baz)
for cls in (SubOSErrorCombinedInitFirst, SubOSErrorCombinedNewFirst):
    e = cls("some message", "baz")
    print(cls.__name__, e.args, e.bar, e.baz)
e = SubOSErrorWithInit("m", "b")
print(e.args, e.bar)
e = WithErrno("ignored", x=1)
print(e.args, e.errno, e.strerror, e.filename, type(e).__name__, str(e))
try:
    OSError("a", x=1)
except TypeError as err:
    print("TypeError", err)
