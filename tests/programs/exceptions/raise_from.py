# Explicit chaining with raise ... from ...
class ConfigError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise ConfigError(f"bad value {s!r}") from e
try:
    parse("x")
except ConfigError as e:
    print(repr(e))
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
    print(e.__cause__ is e.__context__)
try:
    raise RuntimeError("outer") from KeyError("explicit cause")
except RuntimeError as e:
    print(repr(e.__cause__), e.__context__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("replaced") from None
except ValueError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ValueError("v") from TypeError
except ValueError as e:
    print(repr(e.__cause__), type(e.__cause__).__name__)
try:
    raise ValueError("v") from 5
except TypeError as e:
    print("TypeError:", e)
e = ValueError("manual")
e.__cause__ = KeyError("k")
print(repr(e.__cause__), e.__suppress_context__)
e.__cause__ = None
print(e.__cause__, e.__suppress_context__)
try:
    e.__cause__ = "not an exception"
except TypeError as err:
    print("TypeError:", err)
