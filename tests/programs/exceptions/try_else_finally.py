# Every combination of try/except/else/finally, with and without exceptions.
def run(raise_in, catch=True):
    log = []
    try:
        try:
            log.append("try")
            if raise_in == "try":
                raise ValueError("t")
        except ValueError if catch else ZeroDivisionError:
            log.append("except")
            if raise_in == "except":
                raise KeyError("e")
        else:
            log.append("else")
            if raise_in == "else":
                raise KeyError("el")
        finally:
            log.append("finally")
            if raise_in == "finally":
                raise IndexError("f")
    except Exception as e:
        log.append("outer " + type(e).__name__)
    return log
for where in [None, "try", "else", "finally"]:
    print(where, run(where))
print("try uncaught", run("try", catch=False))
def run2(raise_it):
    log = []
    try:
        try:
            if raise_it:
                raise ValueError
        finally:
            log.append("finally only")
    except ValueError:
        log.append("propagated")
    return log
print(run2(False), run2(True))
def run3():
    try:
        pass
    except Exception:
        print("never")
    else:
        print("else without exception")
run3()
def run4():
    try:
        raise ValueError("x")
    except ValueError:
        print("except then")
        raise KeyError("from except")
    else:
        print("never")
    finally:
        print("finally after raising except")
try:
    run4()
except KeyError as e:
    print("caught", repr(e), "context", repr(e.__context__))
