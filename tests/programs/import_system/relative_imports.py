# Packages with relative imports, and the errors for bad ones.
import os
import sys
import tempfile

root = tempfile.mkdtemp()
sys.path.insert(0, root)
files = {
    "rpkg/__init__.py": "from .a import A\n",
    "rpkg/a.py": "A = 'a'\nfrom .sub import b\n",
    "rpkg/sub/__init__.py": "",
    "rpkg/sub/b.py": "from ..a import A as AA\nfrom . import c\nB = AA + 'b' + c.C\n",
    "rpkg/sub/c.py": "C = 'c'\n",
    "rpkg/beyond.py": "from ... import x\n",
    "rpkg/missing.py": "from .nothere import y\n",
    "rpkg/noname.py": "from .a import nosuchname\n",
    "plain.py": "from . import sibling\n",
}
for name, text in files.items():
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

import rpkg
from rpkg.sub import b
print(rpkg.A, b.B, b.__package__, b.__name__, b.__spec__.parent)
for mod in ["rpkg.beyond", "rpkg.missing", "rpkg.noname", "plain"]:
    try:
        __import__(mod)
    except ImportError as e:
        print(mod, type(e).__name__, str(e).replace(root, "ROOT"), e.name)
try:
    __import__("a", globals(), None, ["x"], 1)
except ImportError as e:
    print(type(e).__name__, e)
try:
    __import__("", {"__package__": "rpkg"}, None, ["A"], 3)
except ImportError as e:
    print(type(e).__name__, e)
print(__import__("sub", {"__package__": "rpkg", "__name__": "rpkg.x"}, None, ["b"], 1).__name__)
try:
    __import__("rpkg.a.zzz")
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
