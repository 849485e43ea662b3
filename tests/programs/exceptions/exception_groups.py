# ExceptionGroup and BaseExceptionGroup APIs.
eg = ExceptionGroup("batch", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
print(repr(eg))
print(str(eg), eg.message, eg.exceptions)
print(type(eg).__name__, isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
print(repr(eg.subgroup(lambda e: "2" in str(e))))
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")])])
print(repr(nested))
m, r = nested.split(ValueError)
print(repr(m))
print(repr(r))
m, r = nested.split((ValueError, TypeError))
print(repr(m), r)
print(nested.subgroup(lambda e: isinstance(e, ExceptionGroup)) is nested)
bg = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError()])
print(type(bg).__name__)
bg2 = BaseExceptionGroup("all normal", [ValueError()])
print(type(bg2).__name__)
for bad in [lambda: ExceptionGroup("m", []), lambda: ExceptionGroup("m", [1]),
            lambda: ExceptionGroup(1, [ValueError()]), lambda: ExceptionGroup("m", [KeyboardInterrupt()])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "!", excs)
mg = MyGroup("mine", [ValueError(1), KeyError(2)])
print(repr(mg.subgroup(ValueError)), repr(mg.split(KeyError)[1]))
print(eg.exceptions[0] is eg.split(ValueError)[0].exceptions[0])
print(len(str(ExceptionGroup("x", [ValueError()] * 3))))
