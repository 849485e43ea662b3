# AST node classes' __new__ ignores its arguments (PyType_GenericNew): a
# subclass of a deprecated alias (ast.Num) with its own __init__ works.
import ast
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


class N(ast.Num):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.z = "spam"


class N2(ast.Num):
    pass


n = N(42)
print(n.n, n.z, type(n).__name__, isinstance(n, ast.Num), isinstance(n, N2), isinstance(ast.Num(42), N))
n = N(n=42)
print(n.n, type(n).__name__)
c = ast.Constant.__new__(ast.Constant, 1, 2, x=3)
print(type(c).__name__, hasattr(c, "value"))
for args in [(), (1,)]:
    try:
        ast.AST.__new__(*args)
    except TypeError as e:
        print("TypeError", e)
