try:
    super.__new__(super).__get__(1)
except TypeError as e:
    print("TypeError", e)
s = super.__new__(super)
try:
    print(repr(s))
    s.foo
except (TypeError, AttributeError, RuntimeError) as e:
    print(type(e).__name__, e)
