# Deeply nested try statements and unwinding order.
log = []
def deep(n):
    try:
        log.append(f"enter {n}")
        if n == 0:
            raise ValueError("bottom")
        deep(n - 1)
    except KeyError:
        log.append("never")
    finally:
        log.append(f"finally {n}")
try:
    deep(3)
except ValueError as e:
    log.append("caught " + str(e))
print(log)
def catch_at(level, target):
    try:
        if level == 0:
            raise LookupError(target)
        return catch_at(level - 1, target)
    except LookupError as e:
        if e.args[0] == level:
            return f"caught at {level}"
        raise
print(catch_at(5, 3), catch_at(5, 0), catch_at(5, 5))
def layered():
    try:
        try:
            try:
                raise ValueError("v")
            except TypeError:
                return "wrong"
            finally:
                print("inner finally")
        except ValueError as e:
            print("middle caught", e)
            raise KeyError("converted")
        finally:
            print("middle finally")
    except KeyError as e:
        print("outer caught", repr(e))
        return "outer"
    finally:
        print("outer finally")
print(layered())
for i in range(3):
    try:
        try:
            if i == 0:
                raise ValueError
            elif i == 1:
                raise TypeError
        except ValueError:
            print(i, "inner handled ValueError")
        else:
            print(i, "inner else")
    except TypeError:
        print(i, "outer handled TypeError")
