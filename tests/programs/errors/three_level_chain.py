# Three chained exceptions mixing cause and context.
def level1():
    raise ValueError("level 1 failure")
def level2():
    try:
        level1()
    except ValueError as e:
        raise TypeError("level 2 failure") from e
def level3():
    try:
        level2()
    except TypeError:
        raise RuntimeError("level 3 failure")
print("starting")
level3()
