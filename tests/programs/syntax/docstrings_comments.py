"""Module docstring: first statement."""
# Docstrings of modules, functions, classes.
print(__doc__)
def f():
    """Function docstring."""
    return 1
print(f.__doc__)
def g():
    x = 1
    """Not a docstring."""
    return x
print(g.__doc__)
class C:
    """Class docstring
    with two lines."""
    def m(self):
        'single-quoted method doc'
print(C.__doc__)
print(C.m.__doc__)
class D:
    pass
print(D.__doc__)
def h():
    f"""f-string is not a docstring"""
print(h.__doc__)
def k():
    r'''raw docstring \n'''
print(repr(k.__doc__))
print(__name__)
