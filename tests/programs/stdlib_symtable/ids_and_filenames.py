# symtable: table ids are positive and distinct; the filename may be str,
# bytes or a path-like.
import pathlib
import symtable

top = symtable.symtable("def f():\n    def g(): pass\nclass C:\n    def m(self): pass\n", "spam", "exec")
tables = [top] + top.get_children() + [c for t in top.get_children() for c in t.get_children()]
ids = [t.get_id() for t in tables]
print([t.get_name() for t in tables], all(i > 0 for i in ids), len(set(ids)) == len(ids))
for fn in ("spam", b"spam", pathlib.Path("spam")):
    print(type(fn).__name__, symtable.symtable("pass", fn, "exec").get_type())
    for code in ("def f(x): foo)(", "def f(x): global x"):
        try:
            symtable.symtable(code, fn, "exec")
        except SyntaxError as e:
            print(" ", e.filename, e.lineno, e.offset)
try:
    symtable.symtable("pass", 3, "exec")
except TypeError as e:
    print("TypeError", e)
import warnings

for fn in (memoryview(b"spam"), bytearray(b"spam"), list(b"spam")):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            print(symtable.symtable("pass", fn, "exec").get_type(), end=" ")
        except TypeError as e:
            print("TypeError", e, end=" ")
    print([(x.category.__name__, str(x.message)) for x in w])
try:
    raise IndexError
except IndexError as e:
    print(dir(e.__traceback__), len(e.__traceback__.__dir__()))
