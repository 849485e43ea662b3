# compile() modes, flags and the resulting code objects.
c1 = compile("a = 5\nb = a * 2", "<exec-src>", "exec")
ns = {}
exec(c1, ns)
print(type(c1).__name__, c1.co_filename, c1.co_name, ns["b"])
c2 = compile("3 + 4", "<eval-src>", "eval")
print(eval(c2), c2.co_filename)
c3 = compile("x = 1", "<single>", "single")
print(type(c3).__name__)
c4 = compile("'expression statement in single mode'", "<s>", "single")
exec(c4)
for src, mode in [("x = ", "exec"), ("x = 1", "eval"), ("a\n  b", "exec"), ("1 +", "eval"), ("if True:\nprint(1)", "exec"),
                  ("f(**)", "eval"), ("def f():\n\treturn 1\n        return 2\n", "exec"), ("x = 1; y = 2", "single"), ("x = 1\nx + 41", "single")]:
    try:
        compile(src, "<bad>", mode)
        print("compiled", repr(src), mode)
    except SyntaxError as e:
        print(type(e).__name__, repr(src), mode, "->", e.msg, e.filename, e.lineno, e.offset)
try:
    compile("x", "<m>", "badmode")
except ValueError as e:
    print("ValueError:", e)
try:
    compile(5, "<m>", "exec")
except TypeError as e:
    print("TypeError:", e)
code = compile(b"result = 'from bytes'", "<bytes>", "exec")
exec(code, ns)
print(ns["result"])
try:
    compile("x = 1\0", "<nul>", "exec")
except (SyntaxError, ValueError) as e:
    print(type(e).__name__ + ":", e)
def get_code():
    return compile("def inner(p, q=1):\n    return p + q\n", "<fn>", "exec")
fn_ns = {}
exec(get_code(), fn_ns)
print(fn_ns["inner"](1), fn_ns["inner"].__code__.co_filename, fn_ns["inner"].__code__.co_varnames)
