# Basic try/except forms.
def risky(kind):
    if kind == "zero":
        return 1 / 0
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("abc")
    if kind == "attr":
        return None.foo
    if kind == "name":
        return undefined_thing
    return "ok"
for kind in ["zero", "key", "index", "type", "value", "attr", "name", "fine"]:
    try:
        result = risky(kind)
        print(kind, "->", result)
    except ZeroDivisionError as e:
        print(kind, "ZeroDivisionError", e)
    except (KeyError, IndexError) as e:
        print(kind, "Lookup", type(e).__name__, e)
    except TypeError as e:
        print(kind, "TypeError", e)
    except Exception as e:
        print(kind, "other", type(e).__name__, e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    raise ValueError("with message")
except:
    print("bare except caught")
try:
    try:
        raise KeyError("inner")
    except ValueError:
        print("not here")
except KeyError as e:
    print("outer caught", repr(e))
try:
    {}["x"]
except LookupError as e:
    print("LookupError catches KeyError:", repr(e))
def f():
    try:
        return int("12")
    except ValueError:
        return -1
print(f())
