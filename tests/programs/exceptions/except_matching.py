# How except clauses match: order, tuples, subclasses, dynamic expressions.
class Base(Exception): pass
class Mid(Base): pass
class Leaf(Mid): pass
def which(exc):
    try:
        raise exc
    except Leaf:
        return "Leaf"
    except Mid:
        return "Mid"
    except Base:
        return "Base"
    except Exception:
        return "Exception"
print([which(e) for e in (Leaf(), Mid(), Base(), ValueError())])
def first_wins(exc):
    try:
        raise exc
    except Base:
        return "Base first"
    except Leaf:
        return "unreachable"
print(first_wins(Leaf()))
errors = (KeyError, IndexError)
try:
    [][0]
except errors as e:
    print("tuple variable matched", type(e).__name__)
def choose():
    print("except expression evaluated")
    return ZeroDivisionError
try:
    1 / 0
except choose() as e:
    print("dynamic", e)
try:
    try:
        raise ValueError
    except "not a class":
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    try:
        raise ValueError
    except (TypeError, (ValueError, KeyError)):
        print("nested tuples are not flattened")
except TypeError as e:
    print("TypeError:", e, "| context:", repr(e.__context__))
try:
    raise KeyboardInterrupt
except Exception:
    print("not caught by Exception")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
try:
    raise SystemExit(4)
except SystemExit as e:
    print("SystemExit caught with code", e.code)
try:
    raise Leaf
except Leaf as e:
    print("class raised -> instance", repr(e), type(e).__name__)
try:
    raise Exception("x")
except ():
    print("never")
except Exception:
    print("empty tuple matches nothing")
