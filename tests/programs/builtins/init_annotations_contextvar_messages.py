# object.__init__'s message for excess arguments, del of a class's missing
# __annotations__, ContextVar()'s positional-only name.
import contextvars


class C:
    pass


for action in (lambda: C(42), lambda: C.__new__(C, 42), lambda: C().__init__(42), lambda: object.__new__(C, 42),
               lambda: object.__init__(C(), 42)):
    try:
        action()
    except TypeError as e:
        print("TypeError", e)


class D:
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls)


try:
    D().__init__(1)
except TypeError as e:
    print("TypeError", e)


class Annotated:
    x: int


del Annotated.__annotations__
for cls in (Annotated, C):
    try:
        del cls.__annotations__
    except AttributeError as e:
        print("AttributeError", e)
print(C.__annotations__)
for a, k in [((), {}), ((), {"name": "a"}), (("a", "b"), {}), (("a",), {"default": 1, "x": 2}),
             ((), {"name": "a", "default": 1})]:
    try:
        print(contextvars.ContextVar(*a, **k).name)
    except TypeError as e:
        print("TypeError", e)
