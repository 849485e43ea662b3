# type(): the class name must be a str without NUL or lone surrogates (also
# when __name__ is assigned), a str __doc__ must encode to UTF-8, a
# metaclass gets type.__new__'s argument-count message, and
# __prepare__'s error names the metaclass by its __name__.
import collections

for name in ["A\x00B", "A\udcdcB", b"A", "ok", "\U0001f40d"]:
    try:
        print(type(name, (), {}).__name__ == name)
    except (TypeError, ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__, e)

A = type("C", (), {})
for name in ["A\x00B", "A\udcdcB", b"A", "D"]:
    try:
        A.__name__ = name
        print("set", A.__name__)
    except (TypeError, ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__, e, A.__name__)

for doc in ["x", "x\x00y", b"x", 42, None, "x\udcdcy"]:
    try:
        print(repr(type("A", (), {"__doc__": doc}).__doc__))
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError", e.reason)


class M(type):
    pass


for args in [(5,), (1, 2), (1, 2, 3, 4)]:
    for meta in (M, type):
        try:
            meta(*args)
        except TypeError as e:
            print(meta.__name__, "TypeError", e)


class Outer:
    class BadMeta(type):
        @classmethod
        def __prepare__(*args):
            return None


try:
    class Foo(metaclass=Outer.BadMeta):
        pass
except TypeError as e:
    print("TypeError", e)

od = collections.OrderedDict([("a", 1), ("b", 2)])
od.move_to_end("a")
print(list(type("C", (), od).__dict__.items())[:2])


class WithEntries:
    def __mro_entries__(self, bases):
        return ()


try:
    type("Bad", (WithEntries(),), {})
except TypeError as e:
    print("TypeError", e)
