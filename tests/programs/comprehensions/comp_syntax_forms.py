# Comprehension forms that are (and are not) valid syntax.
cases = [
    "[x, y for x in a]",
    "[(x, y) for x in a]",
    "[*x for x in a]",
    "{**d for d in a}",
    "[x for x in a if b else c]",
    "[x for x in a if (b if c else d)]",
    "[yield x for x in a]",
    "def f():\n    return [x async for x in a]\n",
    "async def f():\n    return [x async for x in a]\n",
    "[x for x in a for y in b if x if y]",
    "[x for x, in a]",
    "[x for x in 1, 2]",
    "[x for x in (1, 2)]",
    "(x for x in a), 1",
    "f(x for x in a)",
    "f(x for x in a, 1)",
    "f(1, x for x in a)",
    "{x: y for x, y in a}",
    "{x: y, z for x in a}",
    "[lambda: x for x in a]",
    "[x for x in lambda: a]",
]
for src in cases:
    try:
        compile(src, "<test>", "exec")
        print("ok     ", repr(src))
    except SyntaxError as e:
        print("error  ", repr(src), "->", e.msg)
