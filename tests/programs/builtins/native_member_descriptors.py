# complex.real/imag, range.start/stop/step and function.__globals__/
# __closure__/__builtins__ are member descriptors (read-only), as in
# CPython; dataclasses with slots rely on types.MemberDescriptorType.
import dataclasses
import inspect
import types

for d in (complex.real, complex.imag, range.start, range.step, types.FunctionType.__globals__,
          types.FunctionType.__closure__, types.FunctionType.__builtins__):
    print(type(d).__name__, d.__name__, d.__qualname__, d.__objclass__.__name__, repr(d.__doc__),
          inspect.ismemberdescriptor(d))
print(types.MemberDescriptorType is type(complex.real), complex(1, 2).real, range(1, 9, 2).step)
for target, name in ((complex(1), "real"), (range(3), "start"), (lambda: 0, "__globals__")):
    for action in (lambda: setattr(target, name, 1), lambda: delattr(target, name)):
        try:
            action()
        except AttributeError as e:
            print("AttributeError", e)
try:
    complex.real.__get__(1.5)
except TypeError as e:
    print("TypeError", e)


@dataclasses.dataclass(slots=True)
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass(slots=True)
class Derived(Point):
    z: int = 5


print(Point(1), Derived(1, 2), Point.__slots__, Derived.__slots__)
try:
    Point()
except TypeError as e:
    print("TypeError", e)
