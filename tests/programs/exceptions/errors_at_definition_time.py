# Exceptions raised while defining functions and classes.
def bad_default():
    raise ValueError("default evaluation failed")
try:
    def f(x=bad_default()):
        return x
except ValueError as e:
    print("def failed:", e)
print("f" in globals())
try:
    class C:
        a = 1
        b = 1 / 0
except ZeroDivisionError as e:
    print("class body failed:", e)
print("C" in globals())
def failing_decorator(fn):
    raise TypeError("decorator rejects " + fn.__name__)
try:
    @failing_decorator
    def g():
        pass
except TypeError as e:
    print(e)
print("g" in globals())
try:
    class D(5):
        pass
except TypeError as e:
    print("bad base:", e)
try:
    class E("str"):
        pass
except TypeError as e:
    print("bad base:", e)
try:
    class F(int, str):
        pass
except TypeError as e:
    print("layout conflict:", e)
try:
    class G(bool):
        pass
except TypeError as e:
    print("final class:", e)
try:
    class H(metaclass=lambda *a: (_ for _ in ()).throw(KeyError("meta"))):
        pass
except KeyError as e:
    print("metaclass failed:", repr(e))
