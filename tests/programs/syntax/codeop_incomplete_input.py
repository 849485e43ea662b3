# codeop (the interactive console's compiler): a source cut off before its
# statement ends is incomplete (None), an error before the end is not.
import codeop
import warnings

sources = [
    "(", "[1,\n", "foo(", "a = {", "'''abc", "def f(\n", "a = (1,\n2", "[x for x in (",
    "if 1:", "if 1:\n  x = (", "@a(b,", "from a import (b,", "class a(b,", "x = 1 +",
    "a b", "a = 9 +", "a = 'a\\ ", "1 = (", "print 1", "x = 1", "if 1:\n  pass\n",
    "'abc", "a = 9+ \\", "a = 9+ \\\n",
]
for src in sources:
    try:
        r = codeop.compile_command(src, "<input>", "single")
        print(repr(src), "->", "incomplete" if r is None else "code")
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError:", e.msg)

for src in ["(", "(9+", "9+", "lambda z: \\", "a b"]:
    try:
        r = codeop.compile_command(src, "<input>", "eval")
        print("eval", repr(src), "->", "incomplete" if r is None else "code")
    except SyntaxError as e:
        print("eval", repr(src), "-> SyntaxError:", e.msg)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(codeop.compile_command("'\\e' + ("), w)

# The flag itself: compile() says "incomplete input" only when it reads to the end.
for src in ["(", "x = (1,", "(1 2\n", "'''x"]:
    try:
        compile(src, "<s>", "single", codeop.PyCF_ALLOW_INCOMPLETE_INPUT | codeop.PyCF_DONT_IMPLY_DEDENT)
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno)
