# ast.parse(type_comments=True) and compile(..., PyCF_TYPE_COMMENTS): PEP 484
# type comments on defs, arguments, assignments, for and with; type: ignore
# tags; func_type mode; misplaced type comments are SyntaxErrors.
import ast


def show(src, **kw):
    try:
        tree = ast.parse(src, type_comments=True, **kw)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
        return
    print(ast.dump(tree, include_attributes=False))


show("x = 1  # type: int   \n")
show("x = y = 1  #type:List[int]\n")
show("x = yield  # type: int\n")
show("def f(a,  # type: int\n      *b,  # type: str\n      **k  # type: K\n):\n    pass\n")
show("def f(a=1, /, *, b  # type: int\n):\n  pass\n")
show("def f():\n    # type: () -> int\n    pass\n")
show("async def f():  # type: () -> None\n    pass\n")
show("for a in b:  # type: int\n    pass\nelse:\n    pass\n")
show("async def f():\n    async for a in b:  # type: int\n        pass\n")
show("with a as b, c:  # type: int\n    pass\n")
show("with (a, b):  # type: int\n    pass\n")
show("async def f():\n    async with a:  # type: int\n        pass\n")
show("x = 1  # type: ignore\n# type: ignore[misc]\npass  # type: ignore  whatever\n")
show("x = 1  # type: ignore=excuse\n")
show("#type:\nx = 1\n")
show("x = 1 #type:\n")
# Misplaced: SyntaxError with type comments, ignored without.
for bad in [
    "pass  # type: int\n",
    "x += 1  # type: int\n",
    "x: int = 1  # type: int\n",
    "class A:  # type: int\n    pass\n",
    "while x:  # type: int\n    pass\n",
    "with (a as b):  # type: int\n    pass\n",
    "(lambda a,  # type: int\n b: 1)\n",
    "x = [1,  # type: int\n 2]\n",
    "def f():\n    x = 1\n    # type: int\n",
    "pass  # type: ignorewhatever\n",
    "pass  # type: ignoreé\n",
    "def f():  # type: () -> int\n    # type: () -> str\n    pass\n",
    "def f(\n    *, # type: int\n    a, # type: int\n):\n    pass\n",
]:
    show(bad)
    ast.parse(bad)
print(ast.parse("x = 1  # type: int\n").body[0].type_comment)
print(ast.parse("x = 1  # type: ignore\n").type_ignores)

# func_type mode.
for src in ["() -> int", "(int, *str, **Any) -> float", "(**int) -> None", "(int, *str, *Any) -> float"]:
    try:
        print(ast.dump(ast.parse(src, "<unknown>", "func_type")))
    except SyntaxError as e:
        print("SyntaxError:", e.msg)

# compile() with the flag but no ONLY_AST compiles the code.
code = compile("x = 1  # type: int\n", "<s>", "exec", ast.PyCF_TYPE_COMMENTS)
ns = {}
exec(code, ns)
print(ns["x"])
try:
    compile("pass  # type: int\n", "<s>", "exec", ast.PyCF_TYPE_COMMENTS)
except SyntaxError as e:
    print("SyntaxError:", e.msg)
