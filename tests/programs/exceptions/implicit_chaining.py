# Implicit exception chaining via __context__.
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        try:
            raise OSError("a")
        except OSError:
            raise TypeError("b")
    except TypeError:
        raise IndexError("c")
except IndexError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(repr(cur))
        cur = cur.__context__
    print(" <- ".join(chain))
try:
    try:
        raise ValueError("in try")
    finally:
        raise KeyError("in finally")
except KeyError as e:
    print(repr(e), "context:", repr(e.__context__))
def handler():
    try:
        raise ValueError("handled")
    except ValueError:
        pass
    raise KeyError("after handled")
try:
    handler()
except KeyError as e:
    print(repr(e), "context:", e.__context__)
err = ValueError("reused")
try:
    try:
        raise err
    except ValueError:
        raise err
except ValueError as e:
    print(e is err, e.__context__)
try:
    try:
        raise KeyError(1)
    except KeyError as k:
        try:
            raise ValueError(2)
        except ValueError:
            raise k
except KeyError as e:
    print(repr(e), repr(e.__context__), repr(e.__context__.__context__))
