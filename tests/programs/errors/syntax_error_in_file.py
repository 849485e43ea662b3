# This file does not compile: nothing runs, and CPython reports the SyntaxError.
print("never printed")
def broken(:
    pass
