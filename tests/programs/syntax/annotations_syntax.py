# Variable annotations and their effects.
x: int = 5
y: "a string annotation"
z: list[int] = [1]
print(x, z)
print(__annotations__)
try:
    y
except NameError as e:
    print("NameError:", e)
class C:
    a: int
    b: str = "bee"
    c: "forward" = 3
print(C.__annotations__)
print(hasattr(C, 'a'), C.b, C.c)
def f(p: int, q: "str" = "d", *args: float, k: bool = True, **kw: dict) -> None:
    v: int = 3
    w: float
    return v
print(f.__annotations__)
print(f(1))
obj = C()
obj.attr: int = 7
print(obj.attr)
d = {}
d['key']: str = 'val'
print(d)
(paren): int = 9
print(paren, 'paren' in __annotations__)
