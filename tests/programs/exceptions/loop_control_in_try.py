# break/continue/return passing through try/except/finally.
def trace(seq):
    out = []
    for x in seq:
        try:
            if x == "skip":
                continue
            if x == "stop":
                break
            if x == "boom":
                raise ValueError(x)
            out.append(x)
        except ValueError:
            out.append("handled")
            continue
        else:
            out.append("else")
        finally:
            out.append("fin")
    return out
print(trace(["a", "skip", "boom", "b", "stop", "c"]))
def while_version():
    i = 0
    log = []
    while i < 5:
        i += 1
        try:
            if i % 2:
                continue
            log.append(i)
        finally:
            log.append("f%d" % i)
    return log
print(while_version())
def return_in_loop_try():
    for i in range(10):
        try:
            if i == 2:
                return i
        finally:
            print("finally", i)
print(return_in_loop_try())
def nested_loops():
    found = None
    for i in range(3):
        for j in range(3):
            try:
                if i * j == 2:
                    found = (i, j)
                    break
            finally:
                pass
        if found:
            break
    return found
print(nested_loops())
def except_continue():
    total = 0
    for s in ["1", "x", "3", "", "5"]:
        try:
            total += int(s)
        except ValueError:
            continue
    return total
print(except_continue())
