# A SyntaxError whose range spans lines, in a string given to compile():
# the error's text is its first line without the newline (CPython cuts a
# line before the tokenizer's current one out of the string), so the end
# offset stops at that line's end; on the tokenizer's current line the text
# keeps its newline.
import textwrap

SOURCES = [
    textwrap.dedent("""
    def foo(*args, **kwargs):
        pass

    foo(a, z
            for z in
                range(10), b, c)
    """),
    "f(x for x in\n  range(3), 1)\n",
    "f(x for x in range(3), 1)\n",
    "f(1,\n  x for x in range(3))\n",
    "(a, b\n for b in c) = 1\n",
    "x = (1 +\n  2 +)\n",
]

for src in SOURCES:
    for mode_src in (src, src.encode()):
        try:
            compile(mode_src, "?", "exec")
        except SyntaxError as e:
            print(e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset), repr(e.text))
