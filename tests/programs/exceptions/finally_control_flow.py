# return/break/continue inside finally, and what they do to exceptions.
def return_overrides_return():
    try:
        return "try"
    finally:
        return "finally"
print(return_overrides_return())
def return_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(return_swallows_exception())
def finally_sees_return_value():
    x = [1]
    try:
        return x
    finally:
        x.append(2)
print(finally_sees_return_value())
def finally_rebinding_does_not_change_return():
    x = "original"
    try:
        return x
    finally:
        x = "changed"
print(finally_rebinding_does_not_change_return())
def break_swallows():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return i
print(break_swallows())
def continue_swallows():
    seen = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
            seen.append(i)
        finally:
            continue
    return seen
print(continue_swallows())
def break_overrides_return():
    for i in range(5):
        try:
            return "from try"
        finally:
            break
    return "after loop"
print(break_overrides_return())
def nested_finally():
    log = []
    try:
        try:
            return "inner"
        finally:
            log.append("inner finally")
    finally:
        log.append("outer finally")
        print(log)
print(nested_finally())
def generator_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
gf = generator_finally()
for v in gf:
    print("got", v)
    break
print("after break")
gf.close()
def while_finally():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print("finally n =", n)
print(while_finally())
