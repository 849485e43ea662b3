# A module whose file name is not valid UTF-8: its name, decoded with
# surrogateescape as os.fsdecode does, imports through __import__,
# importlib.import_module (also relative, from a package's __init__), and
# `__name__` and `__file__` keep the surrogate.
import importlib
import os
import shutil
import sys
import tempfile

d = tempfile.mkdtemp()
try:
    with open(os.path.join(os.fsencode(d), b"mod_\xff.py"), "w") as f:
        f.write("VALUE = 42\n")
    os.mkdir(os.path.join(d, "pkg_s"))
    with open(os.path.join(os.fsencode(d), b"pkg_s", b"sub_\xfe.py"), "w") as f:
        f.write("VALUE = 'sub'\n")
    with open(os.path.join(d, "pkg_s", "__init__.py"), "w") as f:
        f.write("import importlib\nsub = importlib.import_module('.sub_\\udcfe', __name__)\n")
    sys.path.insert(0, d)
    name = "mod_\udcff"
    m = __import__(name)
    print(ascii(m.__name__), m.VALUE, ascii(os.path.basename(m.__file__)))
    print(importlib.import_module(name) is m, sys.modules[name] is m)
    p = __import__("pkg_s", fromlist=["sub_\udcfe"])
    print(ascii(p.sub.__name__), p.sub.VALUE)
    try:
        __import__("nosuch_\udcff")
    except ModuleNotFoundError as e:
        print(type(e).__name__, ascii(e.name), ascii(str(e)))
finally:
    shutil.rmtree(d)
