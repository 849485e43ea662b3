# More except* semantics: multiple matching clauses, nested groups, naming.
def raiser():
    raise ExceptionGroup("top", [
        ValueError("v"),
        ExceptionGroup("nested", [TypeError("t"), ValueError("v2")]),
        KeyError("k"),
    ])
try:
    raiser()
except* ValueError as g:
    print("V:", repr(g))
except* TypeError as g:
    print("T:", repr(g))
except* Exception as g:
    print("rest:", repr(g))
try:
    raiser()
except* (ValueError, TypeError) as g:
    print("V|T:", repr(g))
except* KeyError:
    print("K handled, unnamed")
handled = []
try:
    raise ExceptionGroup("g", [OSError("o1"), FileNotFoundError("f")])
except* FileNotFoundError as g:
    handled.append(("FNF", len(g.exceptions)))
except* OSError as g:
    handled.append(("OS", len(g.exceptions)))
print(handled)
def inner():
    try:
        raise ExceptionGroup("inner", [ValueError(1), TypeError(2)])
    except* ValueError as g:
        print("inner handled", repr(g))
try:
    inner()
except* TypeError as g:
    print("outer handled", repr(g))
try:
    raise ExceptionGroup("g", [ValueError(1)])
except* ValueError as g:
    g.exceptions[0].add_note("noted")
    print("note added", g.exceptions[0].__notes__)
try:
    try:
        raise KeyboardInterrupt
    except* KeyboardInterrupt as g:
        print("base group:", type(g).__name__, repr(g))
except BaseException as e:
    print("unexpected", type(e).__name__)
