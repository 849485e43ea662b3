# PEP 678: add_note and __notes__.
e = ValueError("base")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e), repr(e))
try:
    e.add_note(42)
except TypeError as err:
    print("TypeError:", err)
def process(item):
    try:
        return 10 / item
    except ZeroDivisionError as exc:
        exc.add_note(f"while processing item {item!r}")
        raise
try:
    process(0)
except ZeroDivisionError as exc:
    print(exc, exc.__notes__)
eg = ExceptionGroup("grp", [ValueError(1)])
eg.add_note("group note")
print(eg.__notes__)
e2 = KeyError("k")
e2.__notes__ = ["assigned directly"]
e2.add_note("appended")
print(e2.__notes__)
