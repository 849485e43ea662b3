# Exceptions raised while handling other exceptions.
def convert():
    try:
        {}["key"]
    except KeyError as e:
        raise ValueError("converted") from e
def accident():
    try:
        [][0]
    except IndexError:
        None.attr
def in_finally():
    try:
        raise TypeError("original")
    finally:
        int("not a number")
for fn in (convert, accident, in_finally):
    try:
        fn()
    except Exception as e:
        print(fn.__name__, "->", repr(e))
        print("   cause:", repr(e.__cause__), "context:", repr(e.__context__))
def handler_catches_own():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError as t:
            print("handled second, context:", repr(t.__context__))
        return "recovered"
print(handler_catches_own())
def exc_var_deleted():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return "err" in locals()
print(exc_var_deleted())
err = "module level"
try:
    raise ValueError
except ValueError as err:
    pass
try:
    print(err)
except NameError as e:
    print("NameError:", e)
