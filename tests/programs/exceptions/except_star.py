# except* handling of exception groups.
def raise_group():
    raise ExceptionGroup("errors", [ValueError("bad value"), TypeError("bad type"), ValueError("worse value"), KeyError("k")])
try:
    raise_group()
except* ValueError as eg:
    print("ValueError group:", repr(eg))
except* TypeError as eg:
    print("TypeError group:", repr(eg))
except* LookupError as eg:
    print("LookupError group:", repr(eg))
try:
    try:
        raise_group()
    except* ValueError as eg:
        print("handled", len(eg.exceptions), "value errors")
except ExceptionGroup as rest:
    print("unhandled rest:", repr(rest))
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("naked wrapped:", repr(eg), type(eg).__name__)
try:
    raise ExceptionGroup("g", [KeyError(1)])
except* (KeyError, IndexError) as eg:
    print("tuple match:", repr(eg))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        raise TypeError("raised inside except*")
except Exception as e:
    print("raised in except*:", type(e).__name__, repr(e))
    print("context:", repr(e.__context__))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError:
        raise TypeError("raised while KeyError unhandled")
except Exception as e:
    print("combined:", type(e).__name__, repr(e))
    print("first context:", repr(e.exceptions[0].__context__))
def no_match():
    try:
        raise ExceptionGroup("g", [OSError("o")])
    except* ValueError:
        print("never")
try:
    no_match()
except ExceptionGroup as eg:
    print("propagated unchanged:", repr(eg))
try:
    raise ExceptionGroup("g", [ValueError(1)])
except* ValueError:
    print("handled")
else:
    print("else not run")
finally:
    print("finally run")
try:
    pass
except* ValueError:
    print("never")
else:
    print("else runs without exception")
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError as eg:
        raise
except ExceptionGroup as eg:
    print("bare raise re-raises:", repr(eg))
