# Attributes of specific exception types.
try:
    undefined_var
except NameError as e:
    print(repr(e.name), e.args)
class Obj: pass
try:
    Obj().missing
except AttributeError as e:
    print(repr(e.name), type(e.obj).__name__)
try:
    {}["k"]
except KeyError as e:
    print(e.args, repr(e))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
    print(str(e))
try:
    "\u20ac".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason)
    print(str(e))
try:
    compile("x = (1,", "<src>", "exec")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, repr(e.text))
try:
    compile("  x = 1", "<indent>", "exec")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno)
try:
    int("z", 36 + 1)
except ValueError as e:
    print(e)
def gen():
    yield 1
    return "retval"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)
try:
    import_this_does_not_exist  # noqa
except NameError as e:
    print(e.name)
e = ImportError("msg", name="mod", path="p")
print(e.name, e.path, e.msg, str(e))
print(issubclass(ModuleNotFoundError, ImportError))
try:
    raise SystemExit("bye")
except SystemExit as e:
    print(e.code)
