# ast.parse(feature_version=(3, N)): syntax newer than 3.N raises CPython's
# "... only supported in Python 3.N and greater"; before 3.7, async and await
# are names outside an async def.
import ast

CASES = [
    "x: int = 1", "(x): int", "a.b: int", "a @ b", "a @= b", "async def f(): pass",
    "async def f():\n await x", "def f(a, /): pass", "lambda a, /: 1",
    "async def f():\n async with a: pass", "async def f():\n async for a in b: pass",
    "with (a as b, c): pass", "with (a, b): pass", "match x:\n case 1: pass", "(y := 1)",
    "async def f():\n [x async for x in y]", "try: pass\nexcept* E: pass", "f'{a}'",
    "f'{a=}'", "'a' f'{a}'", "x = 1_000", "async = 1", "await = 1",
    "async def f():\n  pass\nawait = 1\n", "async def f(): await = 1\n",
    "async \\\n def f(): pass\n", "def f():\n  await x\n",
    "async def f():\n    # type: () -> int\n    await x\nawait = 3\n",
]

for minor in range(3, 13):
    for src in CASES:
        try:
            ast.parse(src, feature_version=(3, minor))
        except SyntaxError as e:
            print(minor, repr(src), e.msg, (e.lineno, e.offset))
print(ast.dump(ast.parse("async = 1\nawait = async", feature_version=(3, 6))))
print(ast.dump(ast.parse("async def f():\n  await x\n", feature_version=(3, 6))))
